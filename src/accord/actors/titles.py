"""Titles of office as news writes them, mapped to the offices of the knowledge base.

`title_at` finds the longest title starting at a token ("President-elect", "foreign minister",
"Secretary General"); the titles are the table `data/lexicons/office_titles.csv`. The title
text is also tried against role titles of the knowledge base ("secretary of state" for the
United States) before the office is used.
"""

from __future__ import annotations

from spacy.tokens import Doc

from accord.lexicons import table

# surface (lower case) -> (office, canonical title)
TITLES: dict[str, tuple[str, str]] = {r["surface"].lower(): (r["office"], r["title"]) for r in table("office_titles")}
_MAX = max(len(k.split()) for k in TITLES)


def title_at(doc: Doc, i: int, limit: int) -> tuple[int, str, str] | None:
    """(end token, office, canonical title) of the longest title starting at token i, or None."""
    first = doc[i].lower_
    if first not in TITLE_FIRST_WORDS and first.split("-")[0] not in TITLE_FIRST_WORDS:
        return None
    for j in range(min(limit, i + _MAX + 2), i, -1):
        text = " ".join(t.lower_ for t in doc[i:j])
        hit = TITLES.get(text) or TITLES.get(text.replace(" - ", "-"))
        if hit:
            return j, hit[0], hit[1]
    return None


TITLE_FIRST_WORDS = {k.split()[0].split("-")[0] for k in TITLES}
