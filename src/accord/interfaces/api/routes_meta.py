"""Coding a text on request, health and vocabulary."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request

from accord.interfaces.api import writing
from accord.interfaces.api.deps import blocking, pool, settings
from accord.interfaces.api.models import CodeRequest, CodeResult, ErrorOut, Health, Vocab
from accord.store.base import PERIODS
from accord.types import MODALITIES, PLOVER_TYPES

router = APIRouter(prefix="/v1", responses={400: {"model": ErrorOut}})
QUAD_CLASSES = {"1": "verbal cooperation", "2": "material cooperation", "3": "verbal conflict",
                "4": "material conflict"}


@router.post("/code", response_model=CodeResult, tags=["coding"])
async def code(request: Request, body: CodeRequest) -> Any:
    """Code a text and return its events; nothing is stored. Offsets point into
    `document.text` (the repaired text, with runs of punctuation cut: see docs/ingest.md).
    Coding runs in a worker process, stopped at the request timeout."""
    return await blocking(writing.code, body, settings(request).timeout_s)


@router.get("/health", response_model=Health, tags=["meta"])
async def health(request: Request) -> Any:
    from importlib.metadata import version

    def run() -> tuple[str, dict[str, int]]:
        with pool(request).store() as s:
            return s.backend, s.counts()

    backend, counts = await blocking(run)
    return {"status": "ok", "version": version("accord"), "store": backend, "counts": counts,
            "writing": settings(request).token is not None}


@router.get("/vocab", response_model=Vocab, tags=["meta"])
async def vocab() -> Any:
    """The values the filters take: PLOVER types, modalities, QuadClasses, periods."""
    return {"types": list(PLOVER_TYPES), "modalities": list(MODALITIES), "quad_classes": QUAD_CLASSES,
            "periods": list(PERIODS)}
