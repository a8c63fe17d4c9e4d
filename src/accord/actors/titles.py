"""Titles of office as news writes them, mapped to the offices of the knowledge base.

`title_at` finds the longest title starting at a token ("President-elect", "foreign minister",
"Secretary General"). The title text is also tried against role titles of the knowledge base
("secretary of state" for the United States) before the office is used.
"""

from __future__ import annotations

from spacy.tokens import Doc

# surface (lower case) -> (office, canonical title)
TITLES: dict[str, tuple[str, str]] = {
    "president": ("head_of_state", "president"),
    "president-elect": ("head_of_state_elect", "president-elect"),
    "president - elect": ("head_of_state_elect", "president-elect"),
    "vice president": ("vice_president", "vice president"),
    "vice-president": ("vice_president", "vice president"),
    "prime minister": ("head_of_government", "prime minister"),
    "premier": ("head_of_government", "prime minister"),
    "chancellor": ("head_of_government", "chancellor"),
    "pm": ("head_of_government", "prime minister"),
    "king": ("head_of_state", "king"),
    "queen": ("head_of_state", "queen"),
    "emir": ("head_of_state", "emir"),
    "supreme leader": ("head_of_state", "supreme leader"),
    "foreign minister": ("foreign_minister", "foreign minister"),
    "foreign secretary": ("foreign_minister", "foreign secretary"),
    "secretary of state": ("foreign_minister", "secretary of state"),
    "minister of foreign affairs": ("foreign_minister", "minister of foreign affairs"),
    "top diplomat": ("foreign_minister", "foreign minister"),
    "defence minister": ("defence_minister", "defence minister"),
    "defense minister": ("defence_minister", "defence minister"),
    "defence secretary": ("defence_minister", "defence secretary"),
    "defense secretary": ("defence_minister", "defense secretary"),
    "secretary of defense": ("defence_minister", "secretary of defense"),
    "minister of defence": ("defence_minister", "minister of defence"),
    "minister of defense": ("defence_minister", "minister of defence"),
    "secretary general": ("igo_leader", "secretary general"),
    "secretary-general": ("igo_leader", "secretary-general"),
    "secretary - general": ("igo_leader", "secretary-general"),
    "director-general": ("igo_leader", "director-general"),
    "director general": ("igo_leader", "director general"),
    "chief": ("igo_leader", "chief"),
    "head": ("igo_leader", "head"),
    "leader": ("head_of_state", "leader"),
}
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
