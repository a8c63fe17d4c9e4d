"""Modality of the constructions read in session 5 (h8): performatives, direct speech, the speaker's
own participles, adjuncts of a speech verb, shared saying of conjuncts, threats, 'would' under a past
saying, 'not only', factive and temporal clauses, the aim of a journey. Sentences written for the test."""

import pytest

CASES = [
    ('"We demand that Moldova release the detained journalists," the Russian foreign ministry said.', "REQUEST", "asserted"),
    ('"Soldiers burned the houses of the village," a farmer told the BBC.', "ASSAULT", "reported"),
    ('"Troops arrested the mayor and his deputy.', "COERCE", "reported"),
    ("The Bolivian minister spoke at the border, accusing Chile of spying.", "ACCUSE", "asserted"),
    ("Azerbaijan rejected the EU statement, saying it was biased.", "REJECT", "asserted"),
    ("After meeting Lula in Brasilia, the Argentine president said the trade dispute was over.", "CONSULT", "asserted"),
    ("The Somali police said gunmen stormed a market and killed four traders.", "ASSAULT", "reported"),
    ("Vietnam threatened reprisals against China if the survey ship stays.", "THREATEN", "asserted"),
    ("Vietnam threatened to expel the Chinese envoy if the survey ship stays.", "THREATEN", "conditional"),
    ("The Saudi king said he would invite the Iranian president to Riyadh.", "REQUEST", "future"),
    ("The militia not only attacked the checkpoint but also looted shops.", "ASSAULT", "asserted"),
    ("The election was not held because soldiers attacked the polling stations.", "ASSAULT", "asserted"),
    ("The Thai premier flew to Phnom Penh to meet Hun Manet.", "CONSULT", "asserted"),
    ("Japan might impose sanctions on North Korea.", "SANCTION", "hypothetical"),
    ("Amnesty International estimates that Myanmar soldiers have burned 300 villages.", "ASSAULT", "reported"),
    ("A U.N. panel concluded that Eritrean troops killed hundreds of civilians in Axum.", "ASSAULT", "reported"),
    ("Gunmen may have kidnapped the Italian aid workers in Mali.", "ASSAULT", "hedged"),
    ("The Colombian president intends to visit Caracas in June.", "AGREE", "future"),
    ("Norway said it was ready to host talks between Colombia and the rebels.", "AGREE", "asserted"),
]


@pytest.mark.parametrize(("text", "typ", "modality"), CASES, ids=[c[0][:40] for c in CASES])
def test_modality_construction(code, text, typ, modality):
    got = [e.modality for e in code(text) if e.type == typ]
    assert modality in got, (typ, [(e.type, e.modality) for e in code(text)])
