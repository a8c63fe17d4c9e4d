from pathlib import Path

from accord.ingest.dedup import DedupIndex, Match, content_key, signature, similarity
from accord.ingest.readers import read_file

DATA = Path(__file__).parent / "data"


def wire(name: str):
    return read_file(DATA / f"{name}.txt")


def test_dedup_rewrite_is_near_duplicate_of_original():
    original, rewrite, followup = wire("wire_original"), wire("wire_rewrite"), wire("wire_followup")
    assert original.title != rewrite.title and original.id != rewrite.id
    index = DedupIndex()
    assert index.check(original.id, original.text, "wire_original.txt") is None
    assert index.check(rewrite.id, rewrite.text, "wire_rewrite.txt") == Match(
        "near_duplicate", original.id, "wire_original.txt", 0.7109375)
    assert index.check(followup.id, followup.text, "wire_followup.txt") is None  # same topic, another story
    assert len(index) == 2


def test_dedup_signature_estimates_jaccard():
    original, rewrite, followup = wire("wire_original"), wire("wire_rewrite"), wire("wire_followup")
    a, b, c = (signature(d.text) for d in (original, rewrite, followup))
    assert (similarity(a, b), similarity(a, c), similarity(a, a)) == (0.7109375, 0.015625, 1.0)


def test_dedup_exact_duplicate_ignores_whitespace_case_and_url():
    index = DedupIndex()
    assert index.check("a", "Russia attacked Ukraine on Monday.", "one.txt") is None
    assert index.check("b", "russia  attacked\nUkraine on Monday.", "two.txt") == Match("duplicate", "a", "one.txt", 1.0)
    assert content_key("A  b") == content_key("a b")


def test_dedup_near_off_finds_exact_only():
    original, rewrite = wire("wire_original"), wire("wire_rewrite")
    index = DedupIndex(near=False)
    assert index.check(original.id, original.text, "o") is None
    assert index.check(rewrite.id, rewrite.text, "r") is None
    assert index.check("x", original.text, "again") == Match("duplicate", original.id, "o", 1.0)


def test_dedup_window_forgets_oldest_for_near_but_not_exact():
    original, rewrite = wire("wire_original"), wire("wire_rewrite")
    index = DedupIndex(window=2)
    index.check(original.id, original.text, "o")
    index.check("f1", wire("wire_followup").text, "f")
    index.check("p", "Chile and Peru signed a trade deal on Monday in Lima after months of talks.", "p")
    assert index.check(rewrite.id, rewrite.text, "r") is None  # the original left the window
    assert index.check("again", original.text, "again").kind == "duplicate"
