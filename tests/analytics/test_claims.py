"""The claims ledger (accord.analytics.claims) over a hand-made store, and over the seed article
coded by the real coder together with a later article."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from store_factories import coded, doc, event, ref

from accord.analytics import claims as ledger_mod
from accord.analytics.claims import (
    content_types,
    database_of,
    ledger,
    match_types,
    summary,
    update_claims,
)
from accord.errors import StoreError
from accord.store import Store, open_store
from accord.types import CodedDocument, Event, Span

D = dt.date
PESKOV = ref("Peskov", "RUSGOV", "dmitry_peskov", name="Dmitry Peskov", sector="GOV")
RUBIO = ref("Rubio", "USAGOV", "marco_rubio", name="Marco Rubio", sector="GOV")
MEET = dict(type="CONSULT", cameo="040", quad_class=1, goldstein=1.0, sources=("USAGOV",), targets=("RUSGOV",))


def _ev(id: str, doc_id: str, sentence: str, **kw: object) -> Event:
    return event(id, doc_id, sentence=sentence, trigger=Span(0, 4, sentence[:4]), **kw)


def world_documents() -> list[CodedDocument]:
    """Three outlets (Reuters, AP, TASS): one meeting (Reuters, AP) that TASS denies, one threat
    (Reuters, Feb 5) later carried out (AP, Mar 1), one promise (AP, Jan 20) never kept; an
    accusation in January and an unrelated report in September (the ledger's "as of" day)."""
    return [
        coded(doc("ap-jan", D(2025, 1, 20), "AP"),
              _ev("accuse", "ap-jan", "Ukraine accused Russia of shelling Kharkiv.", type="ACCUSE", cameo="112",
                  quad_class=3, goldstein=-2.0, sources=("UKRGOV",), targets=("RUSGOV",), date=D(2025, 1, 20)),
              _ev("promise", "ap-jan", "Rubio said the United States will send air defence systems to Ukraine.",
                  type="AID", cameo="070", quad_class=2, goldstein=7.0, sources=(ref("United States", "USA", "USA"),),
                  targets=(ref("Ukraine", "UKR", "UKR"),), modality="future", attributed_to=RUBIO,
                  date=D(2025, 1, 20))),
        coded(doc("reu-threat", D(2025, 2, 5), "Reuters"),
              _ev("threat", "reu-threat",
                  "Peskov said Russia would strike Ukraine's energy grid if the attacks went on.",
                  type="THREATEN", cameo="138", quad_class=3, goldstein=-7.0, sources=(ref("Russia", "RUS", "RUS"),),
                  targets=(ref("Ukraine", "UKR", "UKR"),), modality="conditional", attributed_to=PESKOV,
                  date=D(2025, 2, 5))),
        coded(doc("reu-meet", D(2025, 2, 12), "Reuters"),
              _ev("meet-reu", "reu-meet", "US officials met Russian officials in Riyadh on Wednesday.",
                  date=D(2025, 2, 12), **MEET)),
        coded(doc("ap-meet", D(2025, 2, 12), "AP"),
              _ev("meet-ap", "ap-meet", "American and Russian officials met in Riyadh.", date=D(2025, 2, 12),
                  confidence=0.95, **MEET)),
        coded(doc("tass-deny", D(2025, 2, 13), "TASS"),
              _ev("meet-tass", "tass-deny", "Peskov denied that US officials met Russian officials in Riyadh.",
                  date=D(2025, 2, 12), modality="negated", attributed_to=PESKOV, **MEET)),
        coded(doc("ap-strike", D(2025, 3, 1), "AP"),
              _ev("strike", "ap-strike", "Russian forces struck Ukraine's energy grid overnight.", type="ASSAULT",
                  cameo="190", quad_class=4, goldstein=-10.0, sources=("RUSMIL",), targets=("UKRGOV",),
                  date=D(2025, 3, 1))),
        coded(doc("tass-sep", D(2025, 9, 15), "TASS"),
              _ev("later", "tass-sep", "France and Germany held talks in Paris.", type="CONSULT", cameo="040",
                  sources=("FRAGOV",), targets=("DEUGOV",), date=D(2025, 9, 15))),
    ]


def build_world(store: Store) -> Store:
    store.write(world_documents())
    return store


def _states(store: Store, **kw: object) -> list[tuple[object, ...]]:
    return [(c.claim_id, c.status, c.fulfilled_by, c.claim_day, c.deadline)
            for c in ledger(database_of(store), **kw)]  # type: ignore[arg-type]


EXPECTED = [
    ("promise", "expired", None, D(2025, 1, 20), D(2025, 7, 19)),
    ("threat", "fulfilled", "strike", D(2025, 2, 5), D(2025, 8, 4)),
]


def test_content_types_from_the_frame_codes() -> None:
    assert content_types("THREATEN", "138") == ("ASSAULT", "MOBILIZE")  # 138 is shared by two contents
    assert content_types("THREATEN", "136") == ("RETREAT",)
    assert content_types("AGREE", "033") == ("AID",)
    assert content_types("THREATEN", "130") == ()  # the default code names no content
    assert content_types("ASSAULT", "190") == ()
    assert match_types("REQUEST", "026") == ("CONSULT",)  # a request to meet is met by a meeting
    assert match_types("THREATEN", "130") == ("THREATEN",)  # content unknown: the frame itself


def test_ledger_states(store: Store) -> None:
    build_world(store)
    result = update_claims(database_of(store))
    assert (result.documents_scanned, result.claims_added, result.claims_fulfilled) == (7, 2, 1)
    assert _states(store) == EXPECTED
    threat = ledger(database_of(store), status="fulfilled")[0]
    assert threat.to_dict() == {
        "claim_id": "threat", "status": "fulfilled", "type": "THREATEN", "match_types": ["ASSAULT", "MOBILIZE"],
        "modality": "conditional", "claim_day": "2025-02-05", "deadline": "2025-08-04", "outlet": "Reuters",
        "doc_id": "reu-threat", "speaker": "Dmitry Peskov", "speaker_key": "dmitry_peskov", "sources": ["RUS"],
        "targets": ["UKR"],
        "sentence": "Peskov said Russia would strike Ukraine's energy grid if the attacks went on.",
        "evidence": "Peskov said Russia would strike Ukraine's energy grid if the attacks went on.",
        "fulfilled_by": "strike", "fulfilled_day": "2025-03-01", "fulfilled_outlet": "AP",
        "fulfilled_sentence": "Russian forces struck Ukraine's energy grid overnight.",
        "fulfilled_evidence": "Russian forces struck Ukraine's energy grid overnight.",
    }
    # "as of" an earlier day the unkept promise is still open
    assert _states(store, as_of=D(2025, 3, 1))[0][1] == "open"
    assert [c.claim_id for c in ledger(database_of(store), status="expired")] == ["promise"]
    assert [c.claim_id for c in ledger(database_of(store), outlet="reuters")] == ["threat"]
    assert ledger_mod.count(database_of(store), type="AID") == 1


def test_summaries_by_outlet_speaker_and_type(store: Store) -> None:
    build_world(store)
    db = database_of(store)
    update_claims(db)
    rows = {by: [r.to_dict() for r in summary(db, by)] for by in ("outlet", "speaker", "type")}
    assert rows == {
        "outlet": [
            {"by": "outlet", "key": "AP", "claims": 1, "fulfilled": 0, "open": 0, "expired": 1,
             "share_fulfilled": 0.0, "share_of_decided": 0.0},
            {"by": "outlet", "key": "Reuters", "claims": 1, "fulfilled": 1, "open": 0, "expired": 0,
             "share_fulfilled": 1.0, "share_of_decided": 1.0},
        ],
        "speaker": [
            {"by": "speaker", "key": "Dmitry Peskov", "claims": 1, "fulfilled": 1, "open": 0, "expired": 0,
             "share_fulfilled": 1.0, "share_of_decided": 1.0},
            {"by": "speaker", "key": "Marco Rubio", "claims": 1, "fulfilled": 0, "open": 0, "expired": 1,
             "share_fulfilled": 0.0, "share_of_decided": 0.0},
        ],
        "type": [
            {"by": "type", "key": "AID", "claims": 1, "fulfilled": 0, "open": 0, "expired": 1,
             "share_fulfilled": 0.0, "share_of_decided": 0.0},
            {"by": "type", "key": "THREATEN", "claims": 1, "fulfilled": 1, "open": 0, "expired": 0,
             "share_fulfilled": 1.0, "share_of_decided": 1.0},
        ],
    }
    with pytest.raises(StoreError, match="unknown claims summary"):
        summary(db, "weekday")


def test_incremental_updates_give_the_rebuilt_ledger(store: Store) -> None:
    """Documents arrive out of order, the ledger is updated after each: the carried-out threat
    fulfils the old claim, and the result equals a rebuild."""
    docs = world_documents()
    db = database_of(store)
    order = [5, 0, 3, 1, 6, 2, 4]  # the strike arrives before the threat it fulfils
    seen = []
    for i in order:
        store.write([docs[i]])
        update_claims(db)
        seen.append({c.claim_id: c.status for c in ledger(db)})
    assert seen[1] == {"promise": "open"}
    assert seen[3] == {"promise": "open", "threat": "fulfilled"}
    incremental = _states(store)
    assert incremental == EXPECTED
    assert update_claims(db).documents_scanned == 0  # nothing new
    update_claims(db, rebuild=True)
    assert _states(store) == incremental


def test_the_earliest_fulfilment_wins_whatever_the_order(store: Store) -> None:
    db = database_of(store)
    docs = world_documents()
    store.write([docs[1]])
    later = coded(doc("reu-apr", D(2025, 4, 2), "Reuters"),
                  _ev("strike-2", "reu-apr", "Russia struck Ukraine again.", type="ASSAULT", cameo="190",
                      sources=("RUS",), targets=("UKR",), date=D(2025, 4, 2)))
    store.write([later])
    update_claims(db)
    assert ledger(db)[0].fulfilled_by == "strike-2"
    store.write([docs[5]])  # an earlier strike, ingested later
    update_claims(db)
    assert (ledger(db)[0].fulfilled_by, ledger(db)[0].fulfilled_day) == ("strike", D(2025, 3, 1))


def test_horizon_and_sides(store: Store) -> None:
    build_world(store)
    db = database_of(store)
    result = update_claims(db, horizon_days=20)  # the strike came 24 days after the threat
    assert result.rebuilt
    assert _states(store)[1][:3] == ("threat", "expired", None)
    update_claims(db, horizon_days=180)
    assert _states(store) == EXPECTED
    with pytest.raises(StoreError, match="horizon"):
        update_claims(db, horizon_days=0)


def test_a_named_actor_is_not_fulfilled_by_another_of_its_country(store: Store) -> None:
    """A claim naming RUSGOV needs RUSGOV; one naming Russia (RUS) takes any Russian actor."""
    db = database_of(store)
    store.write([
        coded(doc("c1", D(2025, 1, 1), "AP"),
              _ev("gov-claim", "c1", "The Russian government will impose sanctions on Estonia.", type="SANCTION",
                  cameo="163", sources=("RUSGOV",), targets=("EST",), modality="future", date=D(2025, 1, 1))),
        coded(doc("c2", D(2025, 1, 10), "AP"),
              _ev("bus-act", "c2", "Russian companies imposed sanctions on Estonia.", type="SANCTION", cameo="163",
                  sources=("RUSBUS",), targets=("EST",), date=D(2025, 1, 10))),
        coded(doc("c3", D(2025, 1, 11), "AP"),
              _ev("same-doc-day", "c3", "Estonia was sanctioned by the Russian government.", type="SANCTION",
                  cameo="163", sources=("RUSGOV",), targets=("EST",), modality="negated", date=D(2025, 1, 11))),
    ])
    update_claims(db)
    assert _states(store) == [("gov-claim", "open", None, D(2025, 1, 1), D(2025, 6, 30))]


def test_ledger_needs_building_first(store: Store) -> None:
    with pytest.raises(StoreError, match="no claims ledger"):
        ledger(database_of(store))


# ---- the seed article and a later one, coded by the real coder ---------------------------------

LATER_ARTICLE = """Trump names Grenell envoy for special missions

President-elect Donald Trump has named Richard Grenell special envoy for special missions, putting his former acting director of national intelligence in charge of some of the hottest spots in the world, including Venezuela and North Korea. Grenell served as ambassador to Germany during Trump's first term and had been floated for a role in talks on the war in Ukraine.

"Ric will work for peace through strength," Trump said in a statement on Saturday.
"""


@pytest.fixture(scope="module")
def seed_and_later(shared, tmp_path_factory):  # type: ignore[no-untyped-def]
    from accord.ingest.readers import document_from_text, read_file
    from accord.pipeline import code_documents

    seed = dataclasses.replace(read_file(shared / "corpus" / "nato_rutte_trump.txt", D(2024, 11, 24)),
                               source="seed brief")
    later = document_from_text(LATER_ARTICLE, name="grenell.txt", published=D(2024, 12, 15), source="later report")
    path = tmp_path_factory.mktemp("claims") / "seed.duckdb"
    with open_store(str(path)) as s:
        s.write(list(code_documents([seed])))
        update_claims(database_of(s))
        before = ledger(database_of(s))
        s.write(list(code_documents([later])))
        update_claims(database_of(s))
        after = ledger(database_of(s))
        later_events = sorted((e for e in s.events(limit=None) if e.doc_id == later.id), key=lambda e: e.trigger.start)
    return before, after, later_events


def test_seed_envoy_claim_and_the_later_article(seed_and_later) -> None:  # type: ignore[no-untyped-def]
    """The seed says the incoming administration 'may explore appointing a special envoy to manage
    potential negotiations': a hypothetical SUPPORT 050 (CAMEO: appoint an envoy) of the US (the
    administration of Trump, President-elect on the day), next to the hypothetical CONSULT of the
    negotiations. The later article's 'has named Richard Grenell special envoy' is an asserted
    SUPPORT 050 by Trump (a US actor), three weeks later: it fulfils the envoy claim; the
    negotiations claim stays open."""
    before, after, later_events = seed_and_later
    envoy = sorted((c.type, c.modality, c.sources, c.targets, c.status, c.claim_day)
                    for c in before if "special envoy" in c.sentence)
    assert envoy == [("CONSULT", "hypothetical", ("USA",), (), "open", D(2024, 11, 24)),
                     ("SUPPORT", "hypothetical", ("USA",), (), "open", D(2024, 11, 24))]
    assert [(e.type, e.cameo, e.modality, tuple(r.actor_id for r in e.sources), tuple(r.code for r in e.targets))
            for e in later_events] == [
        ("SUPPORT", "050", "asserted", ("donald_trump",), ())]
    appointment = later_events[0]
    by_id = {c.claim_id: c for c in after}
    envoy_after = sorted((c.type, c.status, c.fulfilled_by, c.fulfilled_day, c.fulfilled_outlet)
                          for c in after if "special envoy" in c.sentence and c.claim_id in {b.claim_id for b in before})
    assert envoy_after == [("CONSULT", "open", None, None, None),
                           ("SUPPORT", "fulfilled", appointment.id, D(2024, 12, 15), "later report")]
    fulfilled = [c for c in after if c.status == "fulfilled"]
    assert [c.claim_id for c in fulfilled] == [c.claim_id for c in after if c.type == "SUPPORT"
                                               and "special envoy" in c.sentence]
    assert by_id[fulfilled[0].claim_id].fulfilled_sentence.startswith("President-elect Donald Trump has named")
    assert {c.claim_id for c in after} == {c.claim_id for c in before}  # the later article makes no claim
    # the seed's background threat to leave NATO (first term, dated 2017) is an expired claim
    threat = [c for c in before if c.type == "THREATEN"]
    assert [(c.modality, c.claim_day, c.status) for c in threat] == [("conditional", D(2017, 1, 20), "expired")]


def test_outlet_is_the_source_else_the_url_host(store: Store) -> None:
    db = database_of(store)
    nameless = coded(doc("voa-1", D(2025, 1, 1), ""), _ev("c-voa", "voa-1", "Iran will hold talks with France.",
                                                           sources=("IRN",), targets=("FRA",), modality="future",
                                                           date=D(2025, 1, 1)))
    nameless = CodedDocument(dataclasses.replace(nameless.document, url="https://www.voanews.com/a/x.html"),
                             nameless.events)
    store.write([nameless])
    update_claims(db)
    assert [(c.claim_id, c.outlet) for c in ledger(db)] == [("c-voa", "voanews.com")]


def test_an_event_of_the_claims_own_document_does_not_fulfil_it(store: Store) -> None:
    """The first matching day holds only an event of the claim's own report (a later-dated
    sentence of the same article): the rebuild's fast path falls back to the plain join."""
    db = database_of(store)
    store.write([
        coded(doc("own", D(2025, 1, 10), "AP"),
              _ev("c-own", "own", "Russia will strike Ukraine.", type="ASSAULT", cameo="190", sources=("RUS",),
                  targets=("UKR",), modality="future", date=D(2025, 1, 5)),
              _ev("own-later", "own", "Russia struck Ukraine on Jan 8.", type="ASSAULT", cameo="190",
                  sources=("RUS",), targets=("UKR",), date=D(2025, 1, 8))),
        coded(doc("other", D(2025, 1, 20), "Reuters"),
              _ev("other-strike", "other", "Russia struck Ukraine again.", type="ASSAULT", cameo="190",
                  sources=("RUSMIL",), targets=("UKR",), date=D(2025, 1, 20))),
    ])
    for rebuild in (False, True):
        update_claims(db, rebuild=rebuild)
        assert [(c.claim_id, c.fulfilled_by) for c in ledger(db)] == [("c-own", "other-strike")]
