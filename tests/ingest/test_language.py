import pytest

from accord.ingest.language import guess_language


@pytest.mark.parametrize(("text", "language", "reason"), [
    ("Le président français a rencontré le chancelier allemand à Berlin mardi pour discuter de la guerre "
     "en Ukraine et des sanctions contre la Russie.", "fr",
     "looks like French (29% French function words, 4% English)"),
    ("El presidente de Colombia se reunió con su homólogo venezolano en Caracas para hablar de la seguridad "
     "en la frontera y del comercio entre los dos países.", "es",
     "looks like Spanish (33% Spanish function words, 0% English)"),
    ("Der Bundeskanzler hat am Dienstag in Berlin den französischen Präsidenten getroffen, um über den Krieg "
     "in der Ukraine zu sprechen.", "de", "looks like German (30% German function words, 10% English)"),
    ("Президент России Владимир Путин встретился с председателем КНР Си Цзиньпином в Москве.", "cyrillic",
     "written mostly in Cyrillic script"),
    ("وقال وزير الخارجية إن المحادثات مع الوفد الإيراني كانت بناءة وستستمر الأسبوع المقبل.", "arabic",
     "written mostly in Arabic script"),
])
def test_language_rejects_other_languages(text, language, reason):
    guess = guess_language(text)
    assert (guess.language, guess.is_english, guess.reason) == (language, False, reason)


@pytest.mark.parametrize("text", [
    "China and Russia held talks in Beijing.",
    "Russian troops shelled Kharkiv.",  # too short to judge by function words: the script decides
    "Chinese President Xi Jinping met Brazilian President Luiz Inacio Lula da Silva in Beijing to discuss trade.",
    "Sudanese paramilitary fighters attacked a refugee camp near El Fasher, aid groups reported.",
    "Ukrainian President Volodymyr Zelenskyy met French President Emmanuel Macron in Paris on Monday, "
    "and the two leaders discussed air defence and the reconstruction of the energy grid.",
    "Colombian President Gustavo Petro met officials of the Ejército de Liberación Nacional in Caracas, "
    "where the talks on a ceasefire had been held since the start of the year.",
])
def test_language_accepts_english(text):
    assert guess_language(text).is_english is True


def test_language_english_news_corpus_passes(shared):
    import json

    lines = (shared / "corpus" / "voa_stories.jsonl").read_text(encoding="utf-8").splitlines()
    guesses = [guess_language(json.loads(line)["text"]) for line in lines]
    assert sum(g.is_english for g in guesses) == 89
    assert min(g.english_share for g in guesses) > 0.3
