"""Evidence by the Guide's elements (summaries/evidence.py): every accepted fact of every sample case is shown
under at least one element with its source; empty elements say so neutrally; sources are tagged by kind."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from benchmarks.sample_suggestions import load_sample, sample_slugs
from examiner_app.domain import FactField, ModelRef, Provenance, Suggestion, SuggestionStatus
from examiner_app.summaries.evidence import (
    CoiCitation,
    DocumentKind,
    EvidenceKind,
    GuideElement,
    build_evidence,
    classify_document,
    empty_text,
    passage_around,
)

SLUGS = sample_slugs()
MODEL = ModelRef("rules", "test", "1")
JUDGING_WORDS = ("credib", "plausib", "unfounded", "reasonable grounds", "likely", "risk score", "category")


def fact(
    sid: str, field: FactField, value: str, file: str = "statement.png", start: int = 0, doc: str = "d1", page: int = 1
) -> Suggestion:
    prov = Provenance(doc, file, page, start, start + len(value), (), MODEL)
    return Suggestion(sid, "c1", field, value, None, 0.9, prov, SuggestionStatus.ACCEPTED)


@pytest.mark.skipif(not SLUGS, reason="resources/samples not generated")
@pytest.mark.parametrize("slug", SLUGS)
def test_every_accepted_fact_of_a_sample_case_is_under_an_element_with_its_source(slug: str) -> None:
    sample = load_sample(slug)
    accepted = [replace(s, status=SuggestionStatus.ACCEPTED) for s in sample.suggestions]
    assert accepted, slug
    documents = {d: classify_document(f, sample.page_texts.get((d, 1), "")) for d, f in sample.files.items()}
    view = build_evidence(accepted, documents=documents, page_texts=sample.page_texts)
    shown = {item.suggestion_id: item for e in view.elements for item in e.items if item.suggestion_id}
    missing = [s for s in accepted if s.id not in shown]
    assert not missing, [(s.field.value, s.value) for s in missing]
    for element in view.elements:
        for item in element.items:
            assert item.citation.startswith(item.provenance.file_name if item.provenance else "")
            assert item.kind in (EvidenceKind.STATEMENT, EvidenceKind.OBJECTIVE)
            assert item.why
            assert item.kind_basis
            assert item.passage == "" or item.value in item.passage or len(item.passage) >= 300
    # Each element either lists items or says neutrally that the file holds nothing on it.
    for element in view.elements:
        assert element.empty == (not element.items)
        if element.empty:
            assert element.empty_text.startswith("Nothing in the file on")
    assert not view.element(GuideElement.PERSECUTION).empty, "every sample case tells of events"


@pytest.mark.skipif(not SLUGS, reason="resources/samples not generated")
def test_sample_documents_are_tagged_by_kind() -> None:
    kinds = {}
    for slug in SLUGS:
        sample = load_sample(slug)
        for doc_id, name in sample.files.items():
            kinds[name] = classify_document(name, sample.page_texts[(doc_id, 1)])
    assert kinds["passport_photo.png"].kind is DocumentKind.PASSPORT
    assert kinds["passport_photo.png"].evidence is EvidenceKind.OBJECTIVE
    assert kinds["id_card_copy.png"].kind is DocumentKind.IDENTITY_CARD
    assert kinds["police_receipt_si.png"].kind is DocumentKind.POLICE_DOCUMENT
    assert kinds["statement.tiff"].evidence is EvidenceKind.STATEMENT
    assert kinds["application_form_ja.png"].kind is DocumentKind.APPLICATION_FORM
    assert kinds["counsel_submission.pdf"].evidence is EvidenceKind.STATEMENT
    assert kinds["letter_from_mother_ta.png"].kind is DocumentKind.LETTER
    assert all(k.basis for k in kinds.values())


def test_empty_elements_say_so_without_judging() -> None:
    view = build_evidence([fact("s1", FactField.PERSON_NAME, "Amal Haddad")])
    protection = view.element(GuideElement.STATE_PROTECTION)
    assert protection.empty
    assert protection.empty_text == "Nothing in the file on state protection."
    for element in GuideElement:
        text = empty_text(element).casefold()
        assert not any(word in text for word in JUDGING_WORDS)
    assert view.element(GuideElement.OUTSIDE_COUNTRY).items[0].suggestion_id == "s1"


def test_placements_follow_the_field_and_the_passage() -> None:
    text = "In May 2021 the police detained my brother. I reported it to the police, who refused to help."
    event = fact("e1", FactField.EVENT, text[:43], start=0)
    brother = fact("f1", FactField.FAMILY_MEMBER, "my brother", start=text.index("my brother"))
    agent = fact("a1", FactField.AGENT_OF_PERSECUTION, "the police", start=text.index("the police"))
    ground = fact("g1", FactField.CLAIMED_GROUND, "political opinion", start=0)
    entry = fact("n1", FactField.DATE_OF_ENTRY, "2021-06-01", file="passport.png", doc="d2")
    view = build_evidence(
        [event, brother, agent, ground, entry],
        documents={"d1": classify_document("statement.png"), "d2": classify_document("passport.png")},
        page_texts={("d1", 1): text},
    )

    def ids(element: GuideElement) -> set[str | None]:
        return {i.suggestion_id for i in view.element(element).items}

    assert {"e1", "f1", "a1", "g1"} <= ids(GuideElement.PERSECUTION)
    assert "g1" in ids(GuideElement.CONVENTION_GROUND)
    assert {"a1"} <= ids(GuideElement.STATE_PROTECTION)
    assert "n1" in ids(GuideElement.OUTSIDE_COUNTRY)
    passport_item = next(i for i in view.element(GuideElement.OUTSIDE_COUNTRY).items if i.suggestion_id == "n1")
    assert passport_item.kind is EvidenceKind.OBJECTIVE
    assert passport_item.document_kind is DocumentKind.PASSPORT
    brother_item = next(i for i in view.element(GuideElement.PERSECUTION).items if i.suggestion_id == "f1")
    assert brother_item.why == "in the passage of an event or claimed ground"
    assert brother_item.passage == "In May 2021 the police detained my brother."


def test_reports_of_seeking_protection_and_pinned_coi() -> None:
    text = "I went to the police station to file a complaint, but they sent me away."
    event = fact("e1", FactField.EVENT, text, start=0)
    pin = CoiCitation(
        "p1", 7, "Fictional Monitor", "Country report", date(2024, 3, 1), "ab" * 32, "Fictional Monitor, 2024", "…",
        suggestion_id="e1",
    )  # fmt: skip
    view = build_evidence([event], page_texts={("d1", 1): text}, pins=[pin])
    protection = view.element(GuideElement.STATE_PROTECTION)
    assert [i.suggestion_id for i in protection.items] == ["e1"]
    assert "police" in protection.items[0].why
    fear = view.element(GuideElement.WELL_FOUNDED_FEAR)
    kinds = sorted(i.kind.value for i in fear.items)
    assert kinds == ["coi", "statement"]
    coi = next(i for i in fear.items if i.kind is EvidenceKind.COI)
    assert coi.coi is not None
    assert coi.coi.publisher == "Fictional Monitor"
    assert coi.coi.version == "ab" * 32


def test_rejected_facts_are_left_out_and_pending_ones_kept_marked() -> None:
    rejected = replace(fact("r1", FactField.RELIGION, "Islam"), status=SuggestionStatus.REJECTED)
    pending = replace(fact("p1", FactField.ETHNICITY, "Masalit"), status=SuggestionStatus.PENDING)
    view = build_evidence([rejected, pending])
    items = view.element(GuideElement.CONVENTION_GROUND).items
    assert [(i.suggestion_id, i.status) for i in items] == [("p1", SuggestionStatus.PENDING)]
    assert build_evidence([rejected, pending], findings_only=True).element(GuideElement.CONVENTION_GROUND).empty


def test_passage_is_the_sentence_around_the_span() -> None:
    text = "私は2021年に逮捕されました。兄も拘束されました。"
    start = text.index("兄")
    assert passage_around(text, start, start + 1) == "兄も拘束されました。"
    assert passage_around("", 0, 1) == ""
