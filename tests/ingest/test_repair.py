import pytest

from accord.ingest.repair import repair_text


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("NATOās future", "NATO's future"),
        ("Trumpās historical scepticism", "Trump's historical scepticism"),
        ("they donāt and weāre", "they don't and we're"),
        ("Rutte\u2019s emphasis", "Rutte's emphasis"),
        ("the caf\u00c3\u00a9 in Kyiv", "the café in Kyiv"),  # UTF-8 read as Latin-1
        ("\u201cquoted\u201d words", '"quoted" words'),
        ("line one\r\nline two", "line one\nline two"),
    ],
)
def test_repair_restores_text(raw, expected):
    assert repair_text(raw) == expected


def test_repair_leaves_real_macron_alone():
    # a genuine ā between letters that is not followed by a contraction stays
    assert repair_text("Kāne Road") == "Kāne Road"
