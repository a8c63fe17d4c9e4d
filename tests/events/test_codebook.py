"""Every CAMEO code accord can emit maps to the PLOVER type accord gives it, through the project's
reference table (exact code, else first 3 digits, else root), or the difference is a documented
decision listed here."""

import csv

import pytest

from accord.events.codebook import default_codebook
from accord.events.coder import frame_codes
from accord.events.patterns import default_patterns
from accord.events.triggers import MUST_REQUEST, NEG_INTENT

# Documented decisions (README "CAMEO and PLOVER"): appeals are requests; 08 is split by code;
# convictions and sentences (116) are SANCTION (convict); a resignation (0831) is RETREAT (resign).
DECISIONS = {"02": "REQUEST", "08": "CONCEDE", "0813": "CONCEDE", "0814": "CONCEDE", "163": "SANCTION",
             "116": "SANCTION", "0831": "RETREAT"}


def emitted_codes() -> set[str]:
    ps = default_patterns()
    codes = {p.cameo for table in (ps.verbs, ps.nouns) for entries in table.values() for p in entries}
    return codes | set(frame_codes().values()) | {NEG_INTENT.cameo, MUST_REQUEST.cameo}


def test_codebook_every_emitted_code_is_in_codebook():
    book = default_codebook()
    missing = sorted(c for c in emitted_codes() if c not in book)
    assert missing == []


def test_codebook_emitted_codes_map_to_their_plover_type(shared):
    rows = {r["cameo_code"]: r for r in csv.DictReader(
        (shared / "eval" / "cameo_to_plover.tsv").open(encoding="utf-8"), delimiter="\t")}
    book = default_codebook()
    for code in sorted(emitted_codes()):
        ours = book.get(code).plover_type
        ref = next((rows[k]["plover_event"] for k in (code, code[:3], code[:2]) if k in rows), None)
        decided = DECISIONS.get(code) or ("REQUEST" if code.startswith("02") else None)
        if decided is not None:
            assert ours == decided, code
        else:
            assert ours == ref, (code, ours, ref)


@pytest.mark.parametrize(("code", "quad", "goldstein", "plover"), [
    ("040", 1, 1.0, "CONSULT"), ("057", 1, 8.0, "SUPPORT"), ("070", 2, 7.0, "AID"), ("111", 3, -2.0, "ACCUSE"),
    ("138", 3, -7.0, "THREATEN"), ("163", 4, -8.0, "SANCTION"), ("190", 4, -10.0, "ASSAULT"),
])
def test_codebook_known_codes(code, quad, goldstein, plover):
    entry = default_codebook().get(code)
    assert (entry.quad_class, entry.goldstein, entry.plover_type) == (quad, goldstein, plover)


def test_codebook_falls_back_to_parent():
    assert default_codebook().get("0399").code == "039"
