"""CAMEO codes with QuadClass, Goldstein score and the PLOVER type/mode/context accord gives them."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from accord.errors import DataFileError


@dataclass(frozen=True, slots=True)
class CameoCode:
    code: str
    name: str
    quad_class: int
    goldstein: float
    plover_type: str
    plover_mode: str | None
    plover_context: tuple[str, ...]


class Codebook:
    def __init__(self, codes: dict[str, CameoCode]):
        self.codes = codes

    @classmethod
    def load(cls) -> Codebook:
        text = (resources.files("accord") / "data" / "cameo.csv").read_text(encoding="utf-8")
        codes: dict[str, CameoCode] = {}
        for n, r in enumerate(csv.DictReader(io.StringIO(text)), start=2):
            try:
                codes[r["code"]] = CameoCode(
                    r["code"], r["name"], int(r["quad_class"]), float(r["goldstein"]),
                    r["plover_type"], r["plover_mode"] or None,
                    tuple(c for c in (r.get("plover_context") or "").split(";") if c),
                )
            except (KeyError, ValueError) as exc:
                raise DataFileError(f"cameo.csv: row {n} is malformed ({exc})", input="cameo.csv") from exc
        return cls(codes)

    def get(self, code: str) -> CameoCode:
        """The entry for `code`, else for its 3-digit parent, else for its root."""
        for key in (code, code[:3], code[:2]):
            if key in self.codes:
                return self.codes[key]
        raise DataFileError(f"unknown CAMEO code {code!r}", input=code, valid="a code in data/cameo.csv")

    def __contains__(self, code: str) -> bool:
        return code in self.codes


@lru_cache(maxsize=1)
def default_codebook() -> Codebook:
    return Codebook.load()
