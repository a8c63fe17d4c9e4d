"""Shared fixtures: the real spaCy model and coder, loaded once per session."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

SHARED = Path(os.environ.get("ACCORD_SHARED") or Path(__file__).resolve().parents[1].parent / "shared")


@pytest.fixture(scope="session")
def shared() -> Path:
    """../shared (corpus and gold data), or $ACCORD_SHARED; tests that need it skip, saying why,
    where it is absent."""
    if not SHARED.is_dir():
        pytest.skip(f"{SHARED} is not present (the shared corpus/eval data lives beside the repo)")
    return SHARED


@pytest.fixture(scope="session")
def code():
    """code(text, 'YYYY-MM-DD') -> list[Event] with the real model, min confidence 0."""
    from accord import code_text

    def _code(text: str, day: str | None = "2025-03-01", min_confidence: float = 0.0):
        return code_text(text, published=dt.date.fromisoformat(day) if day else None, min_confidence=min_confidence)

    return _code


def summary(event) -> tuple:
    """(type, source codes, target codes, modality): the shape most coder tests assert on."""
    return (
        event.type,
        tuple(a.code for a in event.sources),
        tuple(a.code for a in event.targets),
        event.modality,
    )
