"""Settings from the environment (the CLI's global options set the same variables).

ACCORD_DB            default store (a DuckDB file or postgresql:// URL)      [accord.duckdb]
ACCORD_ACTORS        extra actor files, separated by the path separator (':'); loaded like
                     the built-in ones and winning on conflicts
ACCORD_PATTERNS      extra pattern files (verbs*.csv / nouns*.csv), tried before the built-in ones
ACCORD_MAX_DOC_BYTES largest single document accepted                          [20000000]
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, slots=True)
class Settings:
    db: str = "accord.duckdb"
    actor_files: tuple[Path, ...] = ()
    pattern_files: tuple[Path, ...] = ()

    @classmethod
    def from_env(cls) -> Settings:
        def paths(name: str) -> tuple[Path, ...]:
            return tuple(Path(p) for p in os.environ.get(name, "").split(os.pathsep) if p.strip())

        return cls(db=os.environ.get("ACCORD_DB", "accord.duckdb"), actor_files=paths("ACCORD_ACTORS"),
                   pattern_files=paths("ACCORD_PATTERNS"))
