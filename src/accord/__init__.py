"""accord: news in, political event data out (PLOVER + CAMEO, actors resolved on the event date).

    >>> import accord
    >>> events = accord.code_text("Mark Rutte met Donald Trump in Florida.", published="2024-11-24")
    >>> store = accord.open_store("accord.duckdb")
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from accord.errors import AccordError
from accord.pipeline import code_document, code_documents, code_text
from accord.types import (
    Actor,
    ActorRef,
    CodedDocument,
    Document,
    Event,
    Location,
    Rejection,
    Role,
    Span,
    StoryEvent,
)

if TYPE_CHECKING:
    from accord.store.base import Store

__version__ = "0.1.0"


def open_store(path_or_url: str = "accord.duckdb") -> Store:
    """Open (and create or upgrade) an event store: a DuckDB file, ':memory:' or postgresql://..."""
    from accord.store import open_store as _open

    return _open(path_or_url)


__all__ = [
    "AccordError", "Actor", "ActorRef", "CodedDocument", "Document", "Event", "Location",
    "Rejection", "Role", "Span", "StoryEvent", "code_document", "code_documents", "code_text",
    "open_store", "__version__",
]
