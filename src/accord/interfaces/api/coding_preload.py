"""Imported once by the coding workers' fork server: the model and knowledge load there, so a
worker forked from it (the first, or one replacing a worker killed at a deadline) codes at once."""

from __future__ import annotations

import contextlib

from accord.pipeline import get_pipeline

with contextlib.suppress(Exception):  # the workers load (and report) it themselves then
    get_pipeline().warm_up()
