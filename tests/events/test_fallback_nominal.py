"""Nominal events told by another clause, and events whose actors the knowledge base does not know
(events/fallback.py, events/arguments.py; issue 17): exact expected output on sentences written here."""

import pytest
from tests.conftest import summary

CASES = [
    # "Trump's imposition of sanctions": the owner of the carrying-out noun is the source
    ("carrying out", "The Iranian government's imposition of sanctions on Britain angered London.",
     [("SANCTION", ("IRNGOV",), ("GBR",), "asserted")]),
    # a verb of saying with a statement noun as object: its subject is the source
    ("statement light verb", "Hungary's president tweeted condemnation of the vote.",
     [("ACCUSE", ("HUNGOV",), (), "asserted")]),
    # a reaction drawn: the "from" phrase is the source, the owner of what drew it the target
    ("reaction drawn", "The Israeli strike on Gaza drew condemnation from Egypt.",
     [("ASSAULT", ("ISR",), ("PSE",), "asserted"), ("ACCUSE", ("EGY",), ("ISR",), "asserted")]),
    ("reaction without target", "The verdict drew sharp criticism from Amnesty International.",
     [("ACCUSE", ("NGOAMN",), (), "asserted")]),
    # "came under attack": the attacker in the "from" phrase
    ("undergone from", "The patrol came under attack from Taliban fighters near Kandahar.",
     [("ASSAULT", ("AFGREB",), ("AFG",), "asserted")]),
    # "came under attack" with no one named: an unidentified attacker where it happened
    ("undergone", "The convoy came under attack near Kalat, Pakistani officials reported.",
     [("ASSAULT", ("PAK",), ("PAK",), "reported")]),
    # object pronouns stand for an unresolved target when no actor is known
    ("object pronoun", "Law enforcement charged him with treason.",
     [("ACCUSE", (), (None,), "asserted")]),
    ("coordinated subject", "Then they picked out the guards, tied their hands and shot them.",
     [("ASSAULT", (None,), (None,), "asserted")]),
    # what a demand asks for is its content, not a second event
    ("demanded nominal", "The European Union demanded the withdrawal of Serbian forces from Bosnia.",
     [("REQUEST", ("IGOEU",), ("SRBMIL", "BIH"), "asserted")]),
    # "the withdrawal of U.S. troops": those named in "of" withdraw
    ("of agent", "The Taliban praised the withdrawal of U.S. troops from Afghanistan.",
     [("SUPPORT", ("AFGREB",), ("USAMIL",), "asserted"), ("RETREAT", ("USAMIL",), ("AFG",), "asserted")]),
    # a subjectless passive's understood subject is the subject of the clause it hangs on
    ("understood patient", "Kenyan activist Boniface Mwangi thanked his lawyers after being released from custody.",
     [("RETREAT", (), ("KEN",), "asserted")]),
    # "X is expected to meet": the passive subject of the raising verb acts
    ("raised subject", "Egypt's foreign minister is expected to meet Iranian officials in Cairo.",
     [("CONSULT", ("EGYGOV",), ("IRNGOV",), "future")]),
    # taking part in a nominal event: the participant is its source
    ("participation", "Venezuela's foreign minister participated in the meeting in Havana.",
     [("CONSULT", ("VENGOV",), (), "asserted")]),
    # "the threat of Russian sanctions against Moldova": the owner of the threatened act threatens
    ("threatened act", "The threat of Russian sanctions against Moldova worried investors.",
     [("THREATEN", ("RUS",), ("MDA",), "asserted")]),
    # a series noun passes its verb on: "leveled a string of criticisms"
    ("series", "Hungary's prime minister leveled a string of criticisms at the European Commission.",
     [("ACCUSE", ("HUNGOV",), ("IGOEUCOM",), "asserted")]),
    # a legal document accuses for whoever filed it; the accused is the subject of what it alleges
    ("accusing document", "The lawsuit alleges that Kenyan police tortured detainees.",
     [("ACCUSE", (None,), ("KENCOP",), "asserted")]),
    # a counted group is the victims of violence
    ("counted victims", "A roadside bomb killed 11 miners near Quetta.",
     [("ASSAULT", ("PAK",), ("PAKLAB",), "asserted")]),
    # a finite clause whose subject is a title or a group keeps its event with that phrase
    ("titled subject", "The general who led the coup signed a power-sharing agreement in August.",
     [("SUPPORT", (None,), (), "asserted")]),
    ("not a person", "The database rejected passport numbers.", []),
    # an agentless past passive keeps its event; its subject is the target
    ("past passive", "Those appeals were rejected.", [("REJECT", (), (None,), "asserted")]),
    # "subject to attacks": the subject undergoes them; "involved in the assault": took part in it
    ("subject to", "Villagers in Borno are subject to attacks and abductions.",
     [("ASSAULT", (), ("NGACVL",), "asserted")]),
    ("involved in", "Two Somali soldiers, who were involved in the assault, were arrested.",
     [("ASSAULT", ("SOMMIL",), (), "asserted")]),
    # "it" is the group that reports it did something
    ("reporting group", "The separatist outfit said it had blown up a railway bridge.",
     [("ASSAULT", (None,), (), "reported")]),
    # the cause of a harm is an event: "died as a result of torture"; the dead keep their code
    ("cause of harm", "A Kenyan student died as a result of torture in police custody in Nairobi.",
     [("ASSAULT", ("KEN",), ("KENEDU",), "asserted")]),
]


@pytest.mark.parametrize(("case", "text", "expected"), CASES, ids=[c[0] for c in CASES])
def test_fallback_nominal(code, case, text, expected):
    assert [summary(e) for e in code(text, "2024-03-01")] == expected
