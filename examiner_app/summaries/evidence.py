"""Evidence by the elements of the ISA's Guide for Determining Refugee Status (March 2023).

Under each of the five elements — persecution, a well-founded fear (a realistic danger), a Convention ground,
being outside the country of nationality, the lack of the state's protection — the cited facts and passages
that bear on it, each tagged with the kind of evidence it comes from: the applicant's statements (statement,
application form, counsel's submission), objective evidence (passport, identity card, police or court document,
medical report, letter) or country-of-origin information (pinned COI). Where the file holds nothing for an element,
the element says so in neutral words ("Nothing in the file on state protection."). It never weighs anything:
no score, no finding on whether an element is met, no draft of the examiner's reasoning. Which element a fact is
shown under is a reading aid decided by fixed rules (the field, and cue words in the fact's own passage), and every
placement says why (``EvidenceItem.why``).

Pure and store-free (summaries sit below the store); ``services.Workbench.evidence`` gathers the inputs. The
examiner's own reasoning per element is stored by ``examiner_app.casework`` and handed in as ``reasoning``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum

from examiner_app.domain import FactField, Provenance, Suggestion, SuggestionStatus
from examiner_app.summaries.fact_sheet import citation


class GuideElement(StrEnum):
    """The five elements of the refugee definition as the Guide sets them out, in its order."""

    PERSECUTION = "persecution"
    WELL_FOUNDED_FEAR = "well_founded_fear"
    CONVENTION_GROUND = "convention_ground"
    OUTSIDE_COUNTRY = "outside_country"
    STATE_PROTECTION = "state_protection"


ELEMENT_ORDER: tuple[GuideElement, ...] = tuple(GuideElement)

ELEMENT_TITLES: dict[GuideElement, str] = {
    GuideElement.PERSECUTION: "Persecution",
    GuideElement.WELL_FOUNDED_FEAR: "Well-founded fear (a realistic danger)",
    GuideElement.CONVENTION_GROUND: "Convention ground",
    GuideElement.OUTSIDE_COUNTRY: "Outside the country of nationality",
    GuideElement.STATE_PROTECTION: "Lack of state protection",
}

# "Nothing in the file on ...": a statement about the file, never about the claim.
ELEMENT_TOPICS: dict[GuideElement, str] = {
    GuideElement.PERSECUTION: "persecution",
    GuideElement.WELL_FOUNDED_FEAR: "a well-founded fear",
    GuideElement.CONVENTION_GROUND: "a Convention ground",
    GuideElement.OUTSIDE_COUNTRY: "being outside the country of nationality",
    GuideElement.STATE_PROTECTION: "state protection",
}


def empty_text(element: GuideElement) -> str:
    return f"Nothing in the file on {ELEMENT_TOPICS[element]}."


class EvidenceKind(StrEnum):
    """The Guide's three kinds of evidence, plus facts an examiner entered without a source document."""

    STATEMENT = "statement"  # the applicant's statements (statement, application form, counsel's submission)
    OBJECTIVE = "objective"  # documents: passport, identity card, police summons, medical report, letters ...
    COI = "coi"  # country-of-origin information pinned to the case or a fact
    NO_SOURCE = "no_source"  # entered by the examiner without a source document


class DocumentKind(StrEnum):
    STATEMENT = "statement"
    APPLICATION_FORM = "application_form"
    COUNSEL_SUBMISSION = "counsel_submission"
    PASSPORT = "passport"
    IDENTITY_CARD = "identity_card"
    POLICE_DOCUMENT = "police_document"
    COURT_DOCUMENT = "court_document"
    MEDICAL_REPORT = "medical_report"
    LETTER = "letter"
    OTHER = "other"  # no cue recognised


STATEMENT_KINDS = frozenset({DocumentKind.STATEMENT, DocumentKind.APPLICATION_FORM, DocumentKind.COUNSEL_SUBMISSION})

# Cue words per kind, checked in this order (a passport page may also say "identity"; a police receipt "statement").
# Lower-case; scripts without case are matched as written.
DOCUMENT_CUES: tuple[tuple[DocumentKind, tuple[str, ...]], ...] = (
    (DocumentKind.PASSPORT, ("passport", "旅券", "パスポート", "جواز سفر", "جواز", "پاسپورت", "گذرنامه", "پاسپورٹ")),
    (
        DocumentKind.IDENTITY_CARD,
        (
            "identity card",
            "id card",
            "id_card",
            "national id",
            "cnic",
            "身分証",
            "在留カード",
            "بطاقة",
            "کارت ملی",
            "تذکره",
            "شناختی",
            "අනන්‍යතා",
        ),
    ),  # fmt: skip
    (
        DocumentKind.POLICE_DOCUMENT,
        ("police", "summons", "警察", "召喚", "شرطة", "استدعاء", "پلیس", "احضاریه", "پولیس", "පොලිස්", "காவல்"),
    ),
    (DocumentKind.COURT_DOCUMENT, ("court", "warrant", "judgment", "裁判所", "محكمة", "دادگاه", "عدالت")),
    (
        DocumentKind.MEDICAL_REPORT,
        ("medical", "hospital", "診断書", "病院", "طبي", "مستشفى", "پزشکی", "بیمارستان", "ہسپتال"),
    ),
    (
        DocumentKind.APPLICATION_FORM,
        ("application form", "application_form", "application for recognition", "難民認定申請書", "申請書", "様式"),
    ),
    (DocumentKind.COUNSEL_SUBMISSION, ("counsel", "submission", "弁護士", "意見書")),
    (DocumentKind.STATEMENT, ("statement", "陳述書", "申述書", "إفادة", "شهادة", "اظهارات", "بیان")),
    (DocumentKind.LETTER, ("letter", "手紙", "رسالة", "نامه", "خط", "கடிதம்")),
)
HEADING_CHARS = 300  # text cues are looked for in the first page's heading only, not in the account


@dataclass(frozen=True)
class DocumentClass:
    """What kind of document a file is, as far as its name or heading tells, and why."""

    kind: DocumentKind
    evidence: EvidenceKind
    basis: str  # "file name 'passport_photo.png'", "the words 'POLICE' on page 1", "no cue recognised"


def classify_document(file_name: str, first_page_text: str = "") -> DocumentClass:
    """The document's kind from cue words in its file name, else in the first page's heading."""
    name = file_name.casefold()
    for kind, cues in DOCUMENT_CUES:
        for cue in cues:
            if cue in name:
                return DocumentClass(kind, _evidence_of(kind), f"file name '{file_name}'")
    heading = first_page_text[:HEADING_CHARS].casefold()
    for kind, cues in DOCUMENT_CUES:
        for cue in cues:
            at = heading.find(cue)
            if at >= 0:
                words = first_page_text[at : at + len(cue)]
                return DocumentClass(kind, _evidence_of(kind), f"the words '{words}' on page 1")
    return DocumentClass(DocumentKind.OTHER, EvidenceKind.OBJECTIVE, "no cue recognised in the name or heading")


def _evidence_of(kind: DocumentKind) -> EvidenceKind:
    return EvidenceKind.STATEMENT if kind in STATEMENT_KINDS else EvidenceKind.OBJECTIVE


# --- which element a fact bears on ------------------------------------------------------------------------------

# (element, why) per field. Every field has at least one entry, so every fact is shown somewhere.
FIELD_ELEMENTS: dict[FactField, tuple[tuple[GuideElement, str], ...]] = {
    FactField.CLAIMED_GROUND: (
        (GuideElement.PERSECUTION, "claimed ground: what the applicant says happened and why"),
        (GuideElement.CONVENTION_GROUND, "claimed ground"),
    ),
    FactField.EVENT: ((GuideElement.PERSECUTION, "event in the account"),),
    FactField.EVENT_DATE: ((GuideElement.PERSECUTION, "date of an event"),),
    FactField.AGENT_OF_PERSECUTION: (
        (GuideElement.PERSECUTION, "agent of persecution named"),
        (GuideElement.STATE_PROTECTION, "agent of persecution named (state or non-state)"),
    ),
    FactField.RELIGION: ((GuideElement.CONVENTION_GROUND, "religion (bears on the ground of religion)"),),
    FactField.ETHNICITY: ((GuideElement.CONVENTION_GROUND, "ethnicity (bears on the ground of race)"),),
    FactField.NATIONALITY: ((GuideElement.OUTSIDE_COUNTRY, "nationality"),),
    FactField.COUNTRY_OF_ORIGIN: ((GuideElement.OUTSIDE_COUNTRY, "country of origin"),),
    FactField.LANGUAGE_SPOKEN: ((GuideElement.OUTSIDE_COUNTRY, "language spoken (identity and nationality)"),),
    FactField.PERSON_NAME: ((GuideElement.OUTSIDE_COUNTRY, "name (identity and nationality)"),),
    FactField.DATE_OF_BIRTH: ((GuideElement.OUTSIDE_COUNTRY, "date of birth (identity and nationality)"),),
    FactField.DOCUMENT_NUMBER: ((GuideElement.OUTSIDE_COUNTRY, "identity or travel document"),),
    FactField.DOCUMENT_ISSUE_DATE: ((GuideElement.OUTSIDE_COUNTRY, "date a document was issued"),),
    FactField.FAMILY_MEMBER: ((GuideElement.OUTSIDE_COUNTRY, "family member (identity)"),),
    FactField.DATE_OF_ENTRY: ((GuideElement.OUTSIDE_COUNTRY, "date of entry"),),
    FactField.PORT_OF_ENTRY: ((GuideElement.OUTSIDE_COUNTRY, "port of entry"),),
    FactField.TRAVEL_ROUTE: ((GuideElement.OUTSIDE_COUNTRY, "travel route (exit and entry)"),),
    FactField.PRIOR_APPLICATION: ((GuideElement.OUTSIDE_COUNTRY, "earlier application or registration abroad"),),
    FactField.PLACE: ((GuideElement.OUTSIDE_COUNTRY, "place named"),),
    FactField.PROCEDURAL_DATE: ((GuideElement.OUTSIDE_COUNTRY, "date of the procedure"),),
    FactField.DATE: ((GuideElement.OUTSIDE_COUNTRY, "date whose role the text does not state"),),
}

# Cue words in a fact's own passage: reports of seeking the state's protection, and of leaving the country.
PROTECTION_CUES = (
    "police", "complaint", "reported", "protection", "court", "fir ", "警察", "被害届", "保護", "相談", "شرطة",
    "شكوى", "بلاغ", "حماية", "پلیس", "شکایت", "حمایت", "پولیس", "رپورٹ", "تحفظ", "පොලිස්", "පැමිණිලි", "காவல்",
)  # fmt: skip
EXIT_CUES = (
    "left ", "departed", "fled", "crossed the border", "flew", "出国", "出発", "離れ", "逃れ", "غادر", "خرجت",
    "هربت", "ترک کردم", "خارج شدم", "فرار", "چھوڑ", "روانہ",
)  # fmt: skip
_SENTENCE_END = re.compile(r"[.!?。！？؟۔\n]")
PASSAGE_CHARS = 320


def passage_around(text: str, start: int, end: int) -> str:
    """The sentence (or line) that holds characters [start, end) of ``text``, cut to about 320 characters."""
    if not text or start < 0 or end > len(text) or start >= end:
        return ""
    left = max((m.end() for m in _SENTENCE_END.finditer(text, 0, start)), default=0)
    right_match = _SENTENCE_END.search(text, end)
    right = right_match.end() if right_match else len(text)
    passage = text[left:right].strip()
    if len(passage) > PASSAGE_CHARS:
        middle = (start + end) // 2 - left
        lo = max(0, middle - PASSAGE_CHARS // 2)
        passage = "…" + passage[lo : lo + PASSAGE_CHARS].strip() + "…"
    return passage


def _cue_in(text: str, cues: Iterable[str]) -> str | None:
    folded = text.casefold()
    return next((cue.strip() for cue in cues if cue in folded), None)


# --- the view ---------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CoiCitation:
    """A pinned COI passage with what a reader needs to find it again: publisher, title, date, version."""

    pin_id: str
    passage_id: int
    publisher: str
    title: str
    published: date | None
    version: str  # the report file's SHA-256: which edition of the report was read
    citation: str
    excerpt: str
    suggestion_id: str | None = None  # the fact it was pinned to, or None for the whole case
    note: str = ""


@dataclass(frozen=True)
class ElementReasoning:
    """The examiner's own words on one element: stored, audited, printed in the working note. Never drafted."""

    element: GuideElement
    text: str
    user_id: str
    user_name: str
    written_at: datetime
    id: str = ""


@dataclass(frozen=True)
class EvidenceItem:
    element: GuideElement
    kind: EvidenceKind
    document_kind: DocumentKind | None  # None for COI and facts without a source
    kind_basis: str  # why the source was tagged so
    why: str  # why the item is shown under this element
    value: str  # the fact's recorded value, or the COI excerpt
    citation: str
    passage: str = ""  # the sentence the fact was read from
    suggestion_id: str | None = None
    field: FactField | None = None
    status: SuggestionStatus | None = None
    provenance: Provenance | None = None
    coi: CoiCitation | None = None

    @property
    def is_finding(self) -> bool:
        return self.status in (SuggestionStatus.ACCEPTED, SuggestionStatus.EDITED)


@dataclass(frozen=True)
class ElementEvidence:
    element: GuideElement
    items: tuple[EvidenceItem, ...]
    reasoning: ElementReasoning | None = None

    @property
    def title(self) -> str:
        return ELEMENT_TITLES[self.element]

    @property
    def empty(self) -> bool:
        return not self.items

    @property
    def empty_text(self) -> str:
        return empty_text(self.element)

    def count(self, kind: EvidenceKind) -> int:
        return sum(1 for item in self.items if item.kind is kind)


@dataclass(frozen=True)
class ExaminerPrompt:
    """Something a document asks of the office (e.g. the interviewer-sex preference on Form 74): a prompt for the
    examiner, shown apart from the evidence, never a fact about the claim."""

    message: str
    citation: str
    document_id: str
    page: int
    start: int
    end: int


@dataclass(frozen=True)
class EvidenceView:
    elements: tuple[ElementEvidence, ...]
    documents: Mapping[str, DocumentClass] = field(default_factory=dict)
    prompts: tuple[ExaminerPrompt, ...] = ()

    def element(self, element: GuideElement) -> ElementEvidence:
        return next(e for e in self.elements if e.element is element)

    def suggestion_ids(self) -> set[str]:
        return {i.suggestion_id for e in self.elements for i in e.items if i.suggestion_id}


def _in_passage(fact: Provenance, events: Sequence[Provenance]) -> bool:
    return any(
        e.document_id == fact.document_id and e.page == fact.page and e.start <= fact.start and fact.end <= e.end
        for e in events
    )


def build_evidence(
    suggestions: Iterable[Suggestion],
    *,
    documents: Mapping[str, DocumentClass] | None = None,
    page_texts: Mapping[tuple[str, int], str] | None = None,
    pins: Sequence[CoiCitation] = (),
    reasoning: Mapping[GuideElement, ElementReasoning] | None = None,
    findings_only: bool = False,
    prompts: Sequence[ExaminerPrompt] = (),
) -> EvidenceView:
    """The evidence view of a case.

    ``suggestions``: the case's facts (rejected ones are left out; pending ones are kept, marked by their status,
    unless ``findings_only``). ``documents``: each document's class by id (see :func:`classify_document`);
    ``page_texts``: page text by (document id, page) for the passages; ``pins``: the pinned COI;
    ``reasoning``: the examiner's current text per element. Items: findings first, then by source.
    """
    documents = documents or {}
    page_texts = page_texts or {}
    reasoning = reasoning or {}
    kept = [
        s
        for s in suggestions
        if s.status is not SuggestionStatus.REJECTED and (not findings_only or s.status is not SuggestionStatus.PENDING)
    ]
    account = [
        s.provenance
        for s in kept
        if s.provenance is not None and s.field in (FactField.EVENT, FactField.CLAIMED_GROUND)
    ]
    pinned_facts = {p.suggestion_id for p in pins if p.suggestion_id}
    by_element: dict[GuideElement, list[EvidenceItem]] = {e: [] for e in ELEMENT_ORDER}
    for s in kept:
        prov = s.provenance
        doc = documents.get(prov.document_id) if prov is not None else None
        if prov is None:
            kind, doc_kind, basis = EvidenceKind.NO_SOURCE, None, "entered by the examiner, no source document"
        elif doc is None:
            doc_class = classify_document(prov.file_name)
            kind, doc_kind, basis = doc_class.evidence, doc_class.kind, doc_class.basis
        else:
            kind, doc_kind, basis = doc.evidence, doc.kind, doc.basis
        passage = ""
        if prov is not None:
            passage = passage_around(page_texts.get((prov.document_id, prov.page), ""), prov.start, prov.end)
        placements: dict[GuideElement, str] = {}
        for element, why in FIELD_ELEMENTS.get(s.field, ((GuideElement.OUTSIDE_COUNTRY, "other fact"),)):
            placements.setdefault(element, why)
        context = passage or s.effective_value
        if (
            prov is not None
            and s.field not in (FactField.EVENT, FactField.CLAIMED_GROUND)
            and _in_passage(prov, account)
        ):
            placements.setdefault(GuideElement.PERSECUTION, "in the passage of an event or claimed ground")
        cue = _cue_in(context, PROTECTION_CUES)
        if cue is not None and s.field in (FactField.EVENT, FactField.EVENT_DATE, FactField.AGENT_OF_PERSECUTION):
            placements.setdefault(GuideElement.STATE_PROTECTION, f"passage mentions '{cue}' (seeking protection)")
        if doc_kind is DocumentKind.POLICE_DOCUMENT:
            placements.setdefault(GuideElement.STATE_PROTECTION, "from a police document")
        exit_cue = _cue_in(context, EXIT_CUES)
        if exit_cue is not None and s.field in (FactField.EVENT, FactField.EVENT_DATE, FactField.DATE):
            placements.setdefault(GuideElement.OUTSIDE_COUNTRY, f"passage mentions '{exit_cue}' (exit)")
        if s.id in pinned_facts:
            placements.setdefault(GuideElement.WELL_FOUNDED_FEAR, "country information is pinned to this fact")
        for element, why in placements.items():
            by_element[element].append(
                EvidenceItem(
                    element=element,
                    kind=kind,
                    document_kind=doc_kind,
                    kind_basis=basis,
                    why=why,
                    value=s.effective_value,
                    citation=citation(prov),
                    passage=passage,
                    suggestion_id=s.id,
                    field=s.field,
                    status=s.status,
                    provenance=prov,
                )
            )
    for pin in pins:
        by_element[GuideElement.WELL_FOUNDED_FEAR].append(
            EvidenceItem(
                element=GuideElement.WELL_FOUNDED_FEAR,
                kind=EvidenceKind.COI,
                document_kind=None,
                kind_basis=f"pinned from the COI library ({pin.publisher})",
                why="pinned to this fact" if pin.suggestion_id else "pinned to the case",
                value=pin.excerpt,
                citation=pin.citation,
                suggestion_id=pin.suggestion_id,
                coi=pin,
            )
        )
    kind_order = {EvidenceKind.STATEMENT: 0, EvidenceKind.OBJECTIVE: 1, EvidenceKind.COI: 2, EvidenceKind.NO_SOURCE: 3}
    elements = tuple(
        ElementEvidence(
            element,
            tuple(
                sorted(
                    by_element[element],
                    key=lambda i: (
                        i.kind is EvidenceKind.COI,
                        not i.is_finding,
                        kind_order[i.kind],
                        i.field.value if i.field else "",
                        i.citation,
                    ),
                )
            ),
            reasoning.get(element),
        )
        for element in ELEMENT_ORDER
    )
    return EvidenceView(elements, dict(documents), tuple(prompts))


__all__ = [
    "ELEMENT_ORDER",
    "ELEMENT_TITLES",
    "FIELD_ELEMENTS",
    "CoiCitation",
    "DocumentClass",
    "DocumentKind",
    "ElementEvidence",
    "ElementReasoning",
    "EvidenceItem",
    "EvidenceKind",
    "EvidenceView",
    "ExaminerPrompt",
    "GuideElement",
    "build_evidence",
    "classify_document",
    "empty_text",
    "passage_around",
]
