"""Mentions resolved on the event date (issue: actor knowledge base with time-bounded roles)."""

import datetime as dt

import pytest

from accord.actors.kb import KnowledgeBase, default_kb
from accord.actors.lookup import find_actor, resolve_mention
from accord.errors import DataFileError, UnknownActor


@pytest.mark.parametrize(("text", "day", "actor_id", "code", "role"), [
    ("Mark Rutte", "2024-06-01", "mark_rutte", "NLDGOV", "prime minister"),
    ("Mark Rutte", "2024-11-24", "mark_rutte", "IGONATO", "secretary general"),
    ("the NATO Secretary General", "2020-03-01", "jens_stoltenberg", "IGONATO", "secretary general"),
    ("the NATO Secretary General", "2025-01-01", "mark_rutte", "IGONATO", "secretary general"),
    ("President Trump", "2019-05-01", "donald_trump", "USAGOV", "president"),
    ("President Trump", "2025-02-01", "donald_trump", "USAGOV", "president"),
    ("President-elect Donald Trump", "2024-11-24", "donald_trump", "USA", "president-elect"),
    ("the Kremlin", "2024-01-01", "RUS", "RUSGOV", None),
    ("Brussels", "2024-01-01", "eu", "IGOEU", None),  # a seat that acts for an organisation (seats.csv)
    ("Europe", "2024-01-01", "eu", "IGOEU", None),
    ("Ukrainian troops", "2024-01-01", None, "UKRMIL", None),
    ("Zelenskyy", "2024-01-01", "volodymyr_zelensky", "UKRGOV", "president"),
    ("Zelenskiy", "2024-01-01", "volodymyr_zelensky", "UKRGOV", "president"),
    ("the Russian president", "2024-01-01", "vladimir_putin", "RUSGOV", "president"),
    ("France's foreign minister", "2024-01-01", "catherine_colonna", "FRAGOV", "foreign minister"),
    ("the Dutch prime minister", "2025-01-01", "dick_schoof", "NLDGOV", "prime minister"),
    ("the US secretary of state", "2022-06-01", "antony_blinken", "USAGOV", "secretary of state"),
    ("Hamas", "2024-01-01", "hamas", "PSEREB", None),
    # a name whose first word has a possessive "'s": the tokenizer splits it (session 7, r5)
    ("the People's Liberation Army", "2024-01-01", "pla_china", "CHNMIL", None),
    ("the Inter-American Commission on Human Rights", "2024-01-01", "iachr", "IGOOAS", None),
    ("Israeli Defense Forces", "2024-01-01", "israel_defense_forces", "ISRMIL", None),
    # a unit or post of a body whose kind the modifier says
    ("Chadian police stations", "2024-01-01", None, "TCDCOP", None),
    ("a Malian army convoy", "2024-01-01", None, "MLIMIL", None),
    # the historical knowledge base (1979-2015)
    ("Putin", "2003-05-01", "vladimir_putin", "RUSGOV", "president"),
    ("the Soviet foreign minister", "1987-05-01", "eduard_shevardnadze", "RUSGOV", "foreign minister"),
    ("the NATO Secretary General", "1990-01-01", "manfred_worner", "IGONATO", "secretary general"),
    ("Savimbi", "1995-01-01", "jonas_savimbi", "AGOREB", "leader"),
    ("the Egyptian president", "1995-01-01", "hosni_mubarak", "EGYGOV", "president"),
    ("Mubarak", "1995-01-01", "hosni_mubarak", "EGYGOV", "president"),
])
def test_resolve_mentions_on_date(text, day, actor_id, code, role):
    ref = resolve_mention(text, dt.date.fromisoformat(day))
    assert (ref.actor_id, ref.code, ref.role) == (actor_id, code, role)


def test_resolve_unknown_mention_keeps_text_and_no_id():
    ref = resolve_mention("the Zorblaxian ambassador", dt.date(2024, 1, 1))
    assert (ref.text, ref.actor_id) == ("the Zorblaxian ambassador", None)


def test_resolve_show_actor_roles():
    actor = find_actor("Mark Rutte")
    assert actor.id == "mark_rutte"
    assert {(r.organisation, r.title) for r in actor.roles} >= {("NLD", "prime minister"), ("nato", "secretary general")}
    with pytest.raises(UnknownActor):
        find_actor("Nobody Atall")


def test_kb_user_file_wins_on_conflict(tmp_path):
    extra = tmp_path / "mine.csv"
    extra.write_text("actor_id,name,aliases,country,office,title,organisation,sector,start,end\n"
                     "mark_rutte,Mark Rutte,,NLD,other,special envoy,NLD,GOV,2030-01-01,\n", encoding="utf-8")
    kb = KnowledgeBase.load(extra=[extra])
    assert [r.title for r in kb.actors["mark_rutte"].roles] == ["special envoy"]


def test_kb_bad_file_is_a_clear_error(tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("foo,bar\n1,2\n", encoding="utf-8")
    with pytest.raises(DataFileError, match="unknown actor file format"):
        KnowledgeBase.load(extra=[bad])


def test_kb_size():
    stats = default_kb().stats()
    assert stats["kind_state"] >= 195 and stats["kind_igo"] >= 80 and stats["kind_person"] >= 1000
