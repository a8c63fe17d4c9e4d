import pytest

from accord.ingest.filters import Screen, is_boilerplate
from accord.ingest.readers import document_from_text
from accord.types import Rejection


def screen(text: str, **options) -> tuple[str, str] | None:
    doc = document_from_text(text)
    found = Screen(**options)(doc, "in.txt")
    return (found.reason, found.message) if isinstance(found, Rejection) else None


@pytest.mark.parametrize(("text", "options", "expected"), [
    ("Breaking: talks in Geneva", {}, ("too_short", "in.txt: 4 words, under the 5-word minimum")),
    ("Breaking: talks in Geneva", {"min_words": 4}, None),
    ("China and Russia held talks in Beijing.", {}, None),
    ("We use cookies to improve your experience.\nAccept all cookies\nSubscribe to our newsletter\n"
     "Privacy policy | Terms of use\nAll rights reserved.", {},
     ("boilerplate", "in.txt: only boilerplate (site notices, menus, subscription prompts), no article text")),
    ("Le président français a rencontré le chancelier allemand à Berlin mardi pour discuter de la guerre.",
     {}, ("not_english", "in.txt: not English: looks like French (25% French function words, 6% English)")),
    ("Le président français a rencontré le chancelier allemand à Berlin mardi pour discuter de la guerre.",
     {"language": False}, None),
    ("Russia and Ukraine exchanged prisoners on Monday. " * 30, {"max_chars": 1000},
     ("too_large", "in.txt: 1499 characters of text is over the parser's 1000-character limit")),
])
def test_filters_screen_reasons(text, options, expected):
    assert screen(text, **options) == expected


def test_filters_one_furniture_phrase_in_news_is_not_boilerplate():
    assert is_boilerplate("Russia and China sign up to a new pact on grain exports") is False
    assert is_boilerplate("Sign in\nSubscribe") is True
