"""End-to-end coding of real sentences with the real model: exact type, actor codes, modality."""

import pytest
from tests.conftest import summary

CASES = [
    # meetings, titles with demonyms, dates relative to publication
    ("Russian President Vladimir Putin met Chinese President Xi Jinping in Moscow on Tuesday.", "2024-05-20",
     [("CONSULT", ("RUSGOV",), ("CHNGOV",), "asserted")]),
    ("The foreign ministers held talks with their Turkish counterpart.", "2024-01-12",
     [("CONSULT", (None,), ("TUR",), "asserted")]),
    # military action: demonym + generic agent, city standing for its country
    ("Ukrainian troops attacked Russian positions near Bakhmut.", "2023-03-01",
     [("ASSAULT", ("UKRMIL",), ("RUS",), "asserted")]),
    ("Hezbollah fired rockets at northern Israel.", "2024-08-25",
     [("ASSAULT", ("LBNREB",), ("ISR",), "asserted")]),
    # light verbs with objects
    ("The European Union imposed sanctions on Iran over its drone deliveries to Russia.", "2024-04-22",
     [("SANCTION", ("IGOEU",), ("IRN",), "asserted")]),
    ("Germany provided 500 million euros in humanitarian aid to Sudan.", "2024-04-15",
     [("AID", ("DEU",), ("SDN",), "asserted")]),
    ("Pakistan recalled its ambassador from Kabul.", "2024-01-12",
     [("SANCTION", ("PAK",), ("AFGGOV",), "asserted")]),
    # passive voice with agent; the accused is the one who violated
    # what an accusation alleges is its content, not a second (asserted) event
    ("Israel was accused by Hamas of violating the ceasefire.", "2025-02-10",
     [("ACCUSE", ("PSEREB",), ("ISR",), "asserted")]),
    # modality
    ("Hungary did not sign the declaration.", "2024-03-01", [("SUPPORT", ("HUN",), (), "negated")]),
    ("China could impose tariffs on Australian wine.", "2020-05-01",
     [("SANCTION", ("CHN",), ("AUS",), "hypothetical")]),
    ("The United States will send more air defence systems to Ukraine.", "2024-09-01",
     [("AGREE", ("USA",), ("UKR",), "future")]),  # an announced action is an intention (CAMEO 033)
    # the condition of a threat is no event of its own (veto.condition-only)
    ("Iran threatened to close the Strait of Hormuz if the United States attacked its nuclear sites.", "2025-06-15",
     [("THREATEN", ("IRN",), (), "conditional")]),
    ("Zelenskyy said Russian forces shelled Kharkiv overnight.", "2024-05-20",
     [("ASSAULT", ("RUSMIL",), ("UKR",), "reported")]),
    # an agent with no country word takes the only country of its sentence
    ("Turkey reportedly detained dozens of Kurdish activists.", "2024-03-01",
     [("COERCE", ("TUR",), ("TUROPP",), "reported")]),
    # generic agents take the country of the place the sentence names
    ("Kenyan police arrested 40 protesters in Nairobi on Monday.", "2024-06-26",
     [("COERCE", ("KENCOP",), ("KENCVL",), "asserted")]),
    ("Thousands of protesters demonstrated against the government in Tbilisi.", "2024-12-01",
     [("PROTEST", ("GEOCVL",), ("GEOGOV",), "asserted")]),
    # compound (reciprocal) actors; the talks are the content of the agreement (CAMEO 036)
    ("Japan and South Korea agreed to resume security talks.", "2023-03-16",
     [("AGREE", ("JPN", "KOR"), (), "asserted")]),
    # refusals embed their content: one REJECT, not a CONSULT
    ("The Kremlin rejected the proposal.", "2024-03-01", [("REJECT", ("RUSGOV",), (), "asserted")]),
    ("Israeli Prime Minister Benjamin Netanyahu refused to meet Hamas negotiators.", "2024-03-01",
     [("REJECT", ("ISRGOV",), ("PSEREB",), "asserted")]),
    # no event where there is none
    ("Analysts say the economy is growing slowly.", "2024-01-12", []),
    ("The weather in Paris was mild on Sunday.", "2024-01-12", []),
    # session 7, r5: actors of coded events
    # a government named by its kind ("the federal government") is the story's
    ("Violence flared across Nigeria on Monday. The Christian Association of Nigeria called on the federal government to disarm the militias.",
     "2024-03-01", [("REQUEST", ("NGA",), ("NGAGOV",), "asserted")]),
    # a post or a unit of a body is that body
    ("Rebels attacked police stations in Cauca, Colombia.", "2024-03-01", [("ASSAULT", ("COLREB",), ("COLCOP",), "asserted")]),
    ("Militants ambushed a military convoy in Balochistan, Pakistan.", "2024-03-01",
     [("ASSAULT", ("PAKREB",), ("PAKMIL",), "asserted")]),
    # session 7, r6: a target named by its kind alone, of a non-state sector, is the story's even
    # when its sentence names other states (lexicons/story_bound_sectors.txt)
    ("Heavy fighting raged across Syria on Sunday as Syrian troops advanced on Aleppo. "
     "Washington and Moscow urged rebels to lay down their arms.", "2016-10-01",
     [("ASSAULT", ("SYRMIL",), ("SYR",), "asserted"), ("REQUEST", ("USAGOV", "RUSGOV"), ("SYRREB",), "asserted")]),
    # a penalty laid on goods falls on where the goods come from
    ("The European Union slapped duties on electric vehicles made in China.", "2024-10-30",
     [("SANCTION", ("IGOEU",), ("CHN",), "asserted")]),
    ("Ottawa imposed new tariffs on steel imports from Vietnam.", "2025-03-01",
     [("SANCTION", ("CANGOV",), ("VNM",), "asserted")]),
    # drills around a place are aimed at it
    ("The People's Liberation Army staged large-scale drills around Taiwan.", "2024-03-01",
     [("MOBILIZE", ("CHNMIL",), ("TWN",), "asserted")]),
]


@pytest.mark.parametrize(("text", "day", "expected"), CASES, ids=[c[0][:40] for c in CASES])
def test_coder_real_sentences(code, text, day, expected):
    assert [summary(e) for e in code(text, day)] == expected


def test_coder_relative_date_resolves_to_last_weekday(code):
    (event,) = code("Russian President Vladimir Putin met Chinese President Xi Jinping in Moscow on Tuesday.", "2024-05-20")
    assert (event.date.isoformat(), event.date_granularity, event.date_text) == ("2024-05-14", "day", "Tuesday")
    assert event.cameo == "040" and event.quad_class == 1 and event.goldstein == 1.0


def test_coder_location_from_gazetteer(code):
    (event,) = code("Kenyan police arrested 40 protesters in Nairobi on Monday.", "2024-06-26")
    assert (event.location.name, event.location.country) == ("Nairobi", "KEN")
    assert round(event.location.lat, 1) == -1.3


def test_coder_offsets_point_into_text(code):
    text = "Hezbollah fired rockets at northern Israel."
    (event,) = code(text, "2024-08-25")
    assert text[event.trigger.start:event.trigger.end] == "fired"
    assert text[event.evidence.start:event.evidence.end] == event.evidence.text == "Hezbollah fired rockets at northern Israel"
    src = event.sources[0]
    assert text[src.start:src.end] == "Hezbollah"


def test_coder_frame_refines_cameo(code):
    (event,) = code("Israeli Prime Minister Benjamin Netanyahu refused to meet Hamas negotiators.", "2024-03-01")
    assert (event.cameo, event.rule) == ("125", "trigger.verb.refuse")
    assert event.trace[:3] == ("trigger.verb.refuse", "content:trigger.verb.meet", "recode.frame-content")


def test_coder_min_confidence_drops_weak_events(code):
    text = "The foreign ministers held talks with their Turkish counterpart."
    assert len(code(text, "2024-01-12", min_confidence=0.0)) == 1
    assert code(text, "2024-01-12", min_confidence=0.9) == []


@pytest.mark.parametrize(("text", "source"), [
    ("Beijing says the rig is operating in its own waters and has accused the Vietnamese of ramming Chinese ships.", "CHNGOV"),
    ("Kenya's foreign minister said the meeting amounted to interference and accused Uganda of arming the rebels.", "KENGOV"),
])
def test_spoken_conjunct_of_a_reported_clause_is_the_reporters(code, text, source):
    # the parser hangs "accused" on the reported clause, whose subject ("the rig") is no actor
    # (@spoken_act_roots); the modality reader still calls it reported (a known gap)
    (event,) = code(text, "2024-03-01")
    assert event.type == "ACCUSE" and [a.code for a in event.sources] == [source]


@pytest.mark.parametrize("text,day,source", [
    # an unknown person's title gives the sector, the story the country
    ("Ghana's army clashed with gunmen in Bawku. Defence Minister Kwame Asante-Boadu accused the gunmen of "
     "targeting civilians.", "2023-06-01", "GHAGOV"),
    ("Ghana's army clashed with gunmen in Bawku. General Yaw Mensah-Owusu accused the gunmen of "
     "targeting civilians.", "2023-06-01", "GHAMIL"),
    ("Ghana's army clashed with gunmen in Bawku. Kofi Danquah-Arthur, the government spokesman, accused the "
     "gunmen of targeting civilians.", "2023-06-01", "GHAGOV"),
    # a plural a noun qualifies is the story's people, not a group of states
    ("Bangladesh imposed a curfew on Friday. Student leaders demanded that Prime Minister Sheikh Hasina "
     "apologise for the deaths.", "2024-07-20", "BGD"),
])
def test_unknown_titled_source_and_qualified_group_take_the_story(code, text, day, source):
    events = code(text, day)
    assert source in [a.code for e in events[1:] for a in e.sources]


def test_surname_tagged_as_organisation_is_the_person_named_before(code):
    text = ("Pakistan accused Afghanistan of sheltering militants. Afghan foreign ministry spokesperson "
            "Abdul Qahar Balkhi rejected the claim. Balkhi rejected the allegation that separatists have "
            "put down roots across the border.")
    assert [a.code for a in code(text, "2025-03-14")[-1].sources] == ["AFGGOV"]


def test_the_two_sides_are_the_states_just_named(code):
    text = ("India and China have been locked in a standoff along their disputed border since May. "
            "The two sides accused each other of firing warning shots.")
    assert [a.code for a in code(text, "2020-09-10")[-1].sources] == ["IND", "CHN"]


def test_neither_subject_negates(code):
    events = code("Neither country has agreed to hold talks on the border.", "2020-09-10", 0.0)
    assert events and all(e.modality == "negated" for e in events if e.type == "AGREE")


def test_the_only_armed_group_named_stays_the_group_further_on(code):
    text = ("Abu Sayyaf militants freed four Indonesian sailors in the southern Philippines on Sunday. "
            "The sailors were flown to Zamboanga for medical checks. Officials said they were in good health. "
            "Their families had waited for weeks in Jakarta. The group beheaded a Canadian hostage last month.")
    assert [a.code for a in code(text, "2016-05-10")[-1].sources] == ["PHLREB"]


@pytest.mark.parametrize("text", [
    "Mozambique's army fought insurgents in Cabo Delgado. Rights groups urged all the forces involved to protect civilians.",
    "Floods cut roads across southern Malawi. Aid agencies distributed food to families in the worst-hit districts.",
])
def test_uncoded_rights_and_aid_bodies_are_ngos(code, text):
    assert [a.code for a in code(text, "2021-04-01")[-1].sources] == ["NGO"]
