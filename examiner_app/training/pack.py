"""Training packs: build one from a decided case, write it as a zip, read, check and import it.

A pack holds, per page, the redacted page image (PNG) and its new text and words, the pseudonymised answer key
(the examiner-accepted facts with their provenance in the pack), and the anonymisation report. It never holds the
original files, an old text layer, or the mapping between real and surrogate values.
"""

from __future__ import annotations

import hashlib
import io
import json
import random
import re
import secrets
import zipfile
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from examiner_app import __version__, accounts, audit
from examiner_app.domain import (
    BBox,
    PageText,
    Role,
    Suggestion,
    SuggestionStatus,
    User,
)
from examiner_app.domain import FactField as F
from examiner_app.errors import (
    MalformedFileError,
    PermissionDeniedError,
    RedactionLeakError,
    ReidentificationRiskError,
)
from examiner_app.extraction.facts import dates as date_rules
from examiner_app.extraction.facts.identity import parse_mrz
from examiner_app.progress import NullProgress, ProgressReporter
from examiner_app.store import repositories as repo

from . import reident, roles
from .names import ARABIC, HAN, KATAKANA, LATIN, PseudonymTable, assign_pseudonyms, clean_name, script_of, split_parts
from .redact import (
    Replacement,
    RewrittenPage,
    Secret,
    burn,
    find_secrets,
    read_lines,
    rewrite,
    tesseract_languages,
)
from .surrogates import (
    NumberSurrogates,
    find_mrz_zones,
    mrz_td3,
    parse_yymmdd,
    shift_date,
    yymmdd,
)

FORMAT = "examiner-training-pack"
FORMAT_VERSION = 1
NAME_FIELDS = (F.PERSON_NAME, F.FAMILY_MEMBER)
_LABELS = {"Name", "Names", "Surname", "Given", "Father", "Mother", "Signature", "Applicant", "Full"}
# Titles stay as written (a pseudonym replaces the name after "Mr", not the title).
_TITLES = {"Mr", "Mrs", "Ms", "Miss", "Dr", "Mr.", "Mrs.", "Ms.", "Dr.", "Sir", "Madam", "Prof", "Prof."}
_LABEL_WORDS = frozenset(w.casefold() for w in _LABELS | _TITLES | {"name", "date", "birth", "of", "the"})


@dataclass
class PackOptions:
    k: int = reident.DEFAULT_K
    reason: str = ""
    generalise: dict[str, int] = field(default_factory=dict)  # quasi-identifier -> steps asked
    splits: list[tuple[str, str]] = field(default_factory=list)  # name links the trainer split
    merges: list[tuple[str, str]] = field(default_factory=list)
    # the trainer's choice per person (a spelling -> a role of roles.ROLES, or "" for a pseudonym), over what
    # the words around the name say
    roles: dict[str, str] = field(default_factory=dict)
    seed: int | None = None  # fixed in tests; otherwise drawn from the OS
    ocr_check: bool = True
    draw_surrogates: bool = True
    keep_mapping_passphrase: str | None = None  # an administrator keeps the mapping, encrypted, in the store


@dataclass
class PackPage:
    document_id: str  # the pack's own document id (not the store's)
    file_name: str
    page_number: int
    text: str
    words: list[list[Any]]
    image_png: bytes | None
    languages: list[str]
    ocr_languages: str
    width: int
    height: int
    replaced: int
    unread_filled: int = 0  # ink regions no OCR word covers (photos, signatures, stamps, unread lines), filled


@dataclass
class PackDraft:
    """A pack in memory, with what the trainer reviews before export (links, replacements). ``table``, ``secrets``
    and ``originals`` are the real values: they stay in memory and are never written to the pack."""

    pack_id: str
    title: str
    pages: list[PackPage]
    answer_key: list[dict[str, Any]]
    report: dict[str, Any]
    table: PseudonymTable
    secrets: list[Secret]
    offset_days: int
    reid: reident.ReidentificationResult
    previews: list[
        tuple[PackPage, list[tuple[str, str, str]], bytes | None]
    ]  # page, (kind, original, new), original image
    numbers: NumberSurrogates
    role_findings: dict[int, roles.RoleFinding] = field(default_factory=dict)  # per cluster, before the choices

    @property
    def documents(self) -> int:
        return len({p.document_id for p in self.pages})


def _require_trainer(user: User | None) -> User:
    if user is None or user.role not in (Role.TRAINER, Role.ADMIN):
        raise PermissionDeniedError("Only a trainer or an administrator can export or import training packs.")
    return user


# --------------------------------------------------------------------------------------------
# Building
# --------------------------------------------------------------------------------------------


def _name_mentions(suggestions: Sequence[Suggestion], pages: dict[tuple[str, int], PageText]) -> list[str]:
    names: list[str] = []
    for s in suggestions:
        value: str | None = None
        attrs = dict(s.attributes)
        if s.field is F.FAMILY_MEMBER:
            value = attrs.get("name")
        elif s.field is F.PERSON_NAME:
            value = s.effective_value
            if s.provenance is not None:
                page = pages.get((s.provenance.document_id, s.provenance.page))
                if page is not None:
                    value = _widen_latin(page.text, s.provenance.start, s.provenance.end) or value
        if not value:
            continue
        value = clean_name(value)
        parts = [p for p in split_parts(value) if p.casefold() not in _LABEL_WORDS]
        if parts:
            names.append(" ".join(parts))
    for page in pages.values():
        for zone in find_mrz_zones(page.text):
            if zone.surname or zone.given:
                names.append(f"{zone.given} {zone.surname}".strip())
        names.extend(roles.latin_mentions(page.text))  # professionals no fact recorded ("Interpreter: K. Said")
    names.extend(_spellings_elsewhere(names, pages))
    return names


def _mrz_clusters(table: PseudonymTable, pages: dict[tuple[str, int], PageText]) -> set[int]:
    """The passport holder's clusters: never replaced by a role."""
    out: set[int] = set()
    for page in pages.values():
        for zone in find_mrz_zones(page.text):
            cluster = table.cluster_of(f"{zone.given} {zone.surname}".strip())
            if cluster is not None:
                out.add(cluster)
    return out


_WORD = re.compile(r"[^\s\d.,;:()\[\]«»\"'،؛۔<]+")


def _spellings_elsewhere(names: Sequence[str], pages: dict[tuple[str, int], PageText]) -> list[str]:
    """Names written in another script (or spelling) where no fact recorded them: a word that transliterates to a
    part of a known name (the ID card's "Naveed" for the statement's "نوید"), widened to the name around it."""
    known = {p for n in names for p in split_parts(n) if len(p) >= 3}
    if not known:
        return []
    from examiner_app.extraction.facts.name_match import token_similarity

    found: list[str] = []
    for page in pages.values():
        text = page.text
        for m in _WORD.finditer(text):
            word = m.group()
            script = script_of(word)
            if len(word) < 3 or word in known or word.casefold() in _LABEL_WORDS:
                continue
            if script == LATIN and not word[:1].isupper():
                continue
            best = max((token_similarity(word, k) for k in known if script_of(k) != script or len(k) > 4), default=0.0)
            if best < 0.85:
                continue
            widened = _widen_latin(text, m.start(), m.end()) if script == LATIN else word
            if widened:
                parts = [p for p in split_parts(clean_name(widened)) if p.casefold() not in _LABEL_WORDS]
                if parts:
                    found.append(" ".join(parts))
    return found


_CAP_WORD = re.compile(r"[A-Z][A-Za-z'\-]+")


def _stops_a_name(word: str) -> bool:
    """A label ("Name:") or a role word ("Interpreter:", "Dr.") beside a name is not part of it."""
    return word.strip(",.;:").casefold() in _LABEL_WORDS or roles.is_role_word(word)


def _widen_latin(text: str, start: int, end: int) -> str | None:
    """A Latin name fact widened to the capitalised words beside it on its line (OCR or the rules may cut a part)."""
    if script_of(text[start:end]) != LATIN:
        return None
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    words = [(m.start(), m.end()) for m in re.finditer(r"\S+", text[line_start:line_end])]
    words = [(s + line_start, e + line_start) for s, e in words]
    inside = [i for i, (s, e) in enumerate(words) if s < end and e > start]
    if not inside:
        return None
    lo, hi = inside[0], inside[-1]
    while lo > 0 and _CAP_WORD.fullmatch(text[words[lo - 1][0] : words[lo - 1][1]].strip(",.;:")):
        if _stops_a_name(text[words[lo - 1][0] : words[lo - 1][1]]):
            break
        lo -= 1
    while hi + 1 < len(words) and _CAP_WORD.fullmatch(text[words[hi + 1][0] : words[hi + 1][1]].strip(",.;:")):
        if _stops_a_name(text[words[hi + 1][0] : words[hi + 1][1]]):
            break
        hi += 1
    return text[words[lo][0] : words[hi][1]]


# Where the applicant comes from says which names are plausible when the pages are in English (a counsel's brief).
_COUNTRY_NAMES = {
    **dict.fromkeys(["AF", "IR", "IQ", "SY", "PK", "SD", "SO", "YE", "LY", "EG", "DZ", "MA", "TN", "JO", "LB"], "ar"),
    **dict.fromkeys(["PS", "SA"], "ar"),
    "MM": "my",
    "LK": "ta",
    "JP": "ja",
}


def _country_languages(suggestions: Sequence[Suggestion]) -> list[str]:
    for s in suggestions:
        if s.field in (F.NATIONALITY, F.COUNTRY_OF_ORIGIN) and s.status is not SuggestionStatus.REJECTED:
            code = (s.normalized or "").upper()
            if code in _COUNTRY_NAMES:
                return [_COUNTRY_NAMES[code]]
    return []


def _page_language(page: PageText) -> str:
    return page.languages[0].code if page.languages else "und"


_GENERIC = {
    LATIN: "[{}]",
    ARABIC: "[{}]",
    KATAKANA: "［{}］",
    HAN: "［{}］",
}
_PLACE_WORDS = {LATIN: "place", ARABIC: "مکان", KATAKANA: "地名", HAN: "地名"}
_FIELD_WORDS = {"ethnicity": {ARABIC: "قومیت", HAN: "民族"}, "religion": {ARABIC: "دین", HAN: "宗教"}}


def _label(kind: str, original: str) -> str:
    script = script_of(original)
    word = _PLACE_WORDS.get(script, "place") if kind == "place" else _FIELD_WORDS.get(kind, {}).get(script, kind)
    return _GENERIC.get(script, "[{}]").format(word)


def _name_pattern(table: PseudonymTable) -> re.Pattern[str] | None:
    spellings: set[str] = set()
    for cluster in table.clusters:
        for name in cluster:
            spellings.add(name)
            spellings.update(p for p in split_parts(name) if len(p) >= 2)
    if not spellings:
        return None
    marks = "\u0300-\u036f\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0b80-\u0bff\u0d80-\u0dff\u1000-\u109f"
    alternatives = []
    for s in sorted(spellings, key=len, reverse=True):
        body = r"[\s・･]+".join(re.escape(p) for p in re.split(r"[\s・･]+", s))
        if script_of(s) in (KATAKANA, HAN):
            alternatives.append(body)
        else:
            alternatives.append(rf"(?<![\w{marks}]){body}(?![\w{marks}])")
    return re.compile("|".join(alternatives), re.IGNORECASE)


def _replacements_for_page(
    page: PageText,
    table: PseudonymTable,
    pattern: re.Pattern[str] | None,
    offset: int,
    numbers: NumberSurrogates,
    known_numbers: set[str],
    blank_spans: list[tuple[int, int, str]],
    dates_log: list[dict[str, Any]],
) -> list[Replacement]:
    text = page.text
    lang = _page_language(page)
    out: list[Replacement] = []
    # MRZ zones, rebuilt from the surrogates of their own fields (check digits valid by construction).
    for zone in find_mrz_zones(text):
        number = zone.field(0, 9).rstrip("<")
        new_number = numbers.surrogate(number) if number else ""
        birth = parse_yymmdd(zone.field(13, 19), past=True)
        expiry = parse_yymmdd(zone.field(21, 27), past=False)
        from datetime import timedelta

        new_birth = yymmdd(birth + timedelta(days=offset)) if birth else "<<<<<<"
        new_expiry = yymmdd(expiry + timedelta(days=offset)) if expiry else "<<<<<<"
        line1, line2 = mrz_td3(
            zone.line1[2:5].replace("<", "") or "XXX",
            table.render(zone.surname) if zone.surname else "",
            table.render(zone.given) if zone.given else "",
            new_number,
            zone.field(10, 13).replace("<", "") or "XXX",
            new_birth,
            zone.line2[20] if len(zone.line2) > 20 else "<",
            new_expiry,
        )
        original = text[zone.start : zone.end]
        out.append(Replacement(zone.start, zone.end, f"{line1}\n{line2}", "mrz", original))
    # Dates, in their own calendar and form.
    for dm in date_rules.find_dates(text, lang):
        original = text[dm.start : dm.end]
        shifted = shift_date(original, dm, offset, lang)
        out.append(Replacement(dm.start, dm.end, shifted.written, "date", original))
        dates_log.append(
            {
                "calendar": shifted.calendar,
                "precision": dm.precision,
                "form_kept": shifted.exact_form,
                "normalized": shifted.normalized,
            }
        )
    # Document numbers and anything else that looks like an identifying number (5+ digits).
    for m in re.finditer(r"[^\s,;:()\[\]«»\"']+", text):
        token = m.group().rstrip(".،")
        digits = sum(c.isdigit() for c in token)
        if token in known_numbers or digits >= 5:
            out.append(Replacement(m.start(), m.start() + len(token), numbers.surrogate(token), "number", token))
    # Names, in the script and case of each occurrence; professionals by their role, with the title or role word
    # written as part of the name ("Judge Smith", "山田弁護士").
    if pattern is not None:
        for m in pattern.finditer(text):
            role = table.role_of(m.group())
            if role is None:
                out.append(Replacement(m.start(), m.end(), table.render(m.group(), lang), "name", m.group()))
                continue
            cue = roles.cue_near(text, m.start(), m.end())
            start, end = (cue.start, cue.end) if cue is not None else (m.start(), m.end())
            out.append(Replacement(start, end, roles.label(role, lang, m.group()), "role", text[start:end]))
    for start, end, kind in blank_spans:
        original = text[start:end]
        out.append(Replacement(start, end, _label(kind, original), "place", original))
    return out


def _blank_fields(levels: dict[str, str]) -> dict[F, str]:
    out: dict[F, str] = {}
    if levels.get("ethnicity") == reident.SUPPRESSED:
        out[F.ETHNICITY] = "ethnicity"
    if levels.get("religion") == reident.SUPPRESSED:
        out[F.RELIGION] = "religion"
    return out


def _should_blank_place(s: Suggestion, levels: dict[str, str]) -> bool:
    if s.field is not F.PLACE:
        return False
    kind = dict(s.attributes).get("place_type")
    if kind in ("country", "airport"):
        return False
    if kind == "city":
        return levels.get("region") == reident.SUPPRESSED
    return True  # villages, districts, camps, streets: always generalised


def corpus_values(session: Session) -> list[dict[str, str | None]]:
    """Quasi-identifiers of every case of the training corpus (the store's decided, not anonymized, cases)."""
    out = []
    for case in repo.list_cases(session):
        if case.anonymized:
            continue
        out.append(reident.raw_values(repo.list_suggestions(session, case.id)))
    return out


def build_pack(
    session: Session,
    user: User | None,
    case_id: str,
    options: PackOptions,
    progress: ProgressReporter | None = None,
) -> PackDraft:
    """The pack in memory: pseudonyms, surrogates, redacted pages, answer key, report. Raises
    ``ReidentificationRiskError`` below k and ``RedactionLeakError`` when a fresh OCR pass still reads an original."""
    progress = progress or NullProgress()
    _require_trainer(user)
    case = repo.get_case(session, case_id)
    if case.anonymized:
        raise PermissionDeniedError(
            "This case is already an anonymized training case; export packs from decided cases."
        )
    seed = options.seed if options.seed is not None else secrets.randbits(48)
    rng = random.Random(seed)
    offset = rng.choice([-1, 1]) * rng.randint(45, 400)
    documents = [d for d in repo.list_documents(session, case_id) if not d.status.is_failure]
    pages: dict[tuple[str, int], PageText] = {}
    for d in documents:
        for p in repo.list_pages(session, d.id):
            pages[(d.id, p.page_number)] = p
    suggestions = repo.list_suggestions(session, case_id)
    languages = sorted({g.code for p in pages.values() for g in p.languages[:2] if g.confidence >= 0.3})
    languages += _country_languages(suggestions)
    table = assign_pseudonyms(
        _name_mentions(suggestions, pages), languages, seed=seed, splits=options.splits, merges=options.merges
    )
    values = reident.raw_values(suggestions)
    reid = reident.check(values, corpus_values(session), options.k, options.generalise)
    if not reid.ok:
        raise ReidentificationRiskError(
            f"Only {reid.shared} of {reid.corpus_size} cases of the training corpus share this pack's quasi-identifiers "
            f"(k = {reid.k}): generalise {reid.suggestion} (--generalise {reid.suggestion}) or choose another case."
        )
    levels = reident.levels_for(options.generalise)
    blank_fields = _blank_fields(levels)
    numbers = NumberSurrogates(random.Random(seed + 1))
    known_numbers = {s.effective_value.strip() for s in suggestions if s.field is F.DOCUMENT_NUMBER}
    pattern = _name_pattern(table)
    role_findings = roles.detect((p.text for p in pages.values()), table, pattern, never=_mrz_clusters(table, pages))
    table.roles = roles.apply_choices(role_findings, table, options.roles)
    pack_id = hashlib.sha256(f"{seed}".encode()).hexdigest()[:12]
    doc_ids = {d.id: f"doc{i + 1}" for i, d in enumerate(documents)}
    doc_names = {d.id: f"document_{i + 1}{_suffix(d.file_name)}" for i, d in enumerate(documents)}
    out_pages: list[PackPage] = []
    rewritten: dict[tuple[str, int], RewrittenPage] = {}
    previews: list[tuple[PackPage, list[tuple[str, str, str]], bytes | None]] = []
    dates_log: list[dict[str, Any]] = []
    secrets_list = _secrets(table, suggestions, pages)
    total = len(pages)
    for n, ((doc_id, number), page) in enumerate(sorted(pages.items(), key=lambda kv: (doc_names[kv[0][0]], kv[0][1]))):
        progress.update(n, total, "redacting pages")
        blank: list[tuple[int, int, str]] = []
        for s in suggestions:
            prov = s.provenance
            if prov is None or prov.document_id != doc_id or prov.page != number:
                continue
            if _should_blank_place(s, levels):
                blank.append((prov.start, prov.end, "place"))
            elif s.field in blank_fields:
                blank.append((prov.start, prov.end, blank_fields[s.field]))
        reps = _replacements_for_page(page, table, pattern, offset, numbers, known_numbers, blank, dates_log)
        new = rewrite(page, reps)
        rewritten[(doc_id, number)] = new
        original_png = repo.page_image(session, doc_id, number)
        image, unread = (
            burn(original_png, page, new, draw_surrogates=options.draw_surrogates) if original_png else (None, 0)
        )
        pack_page = PackPage(
            document_id=doc_ids[doc_id],
            file_name=doc_names[doc_id],
            page_number=number,
            text=new.text,
            words=repo.words_to_json(new.words),
            image_png=image,
            languages=[g.code for g in page.languages],
            ocr_languages=tesseract_languages(page),
            width=page.width,
            height=page.height,
            replaced=len(new.applied),
            unread_filled=unread,
        )
        out_pages.append(pack_page)
        previews.append(
            (
                pack_page,
                [(a.replacement.kind, a.replacement.original, a.replacement.new) for a in new.applied],
                original_png,
            )
        )
    progress.update(total, total, "redacting pages")
    answer_key = _answer_key(suggestions, rewritten, doc_ids, doc_names, table, numbers, offset, pages)
    report = _report(case_id, reid, table, offset, dates_log, out_pages, options, user, levels)
    report["pages"]["unread_regions_filled"] = sum(p.unread_filled for p in out_pages)
    draft = PackDraft(
        pack_id=pack_id,
        title=f"Training pack {pack_id}",
        pages=out_pages,
        answer_key=answer_key,
        report=report,
        table=table,
        secrets=secrets_list,
        offset_days=offset,
        reid=reid,
        previews=previews,
        numbers=numbers,
        role_findings=role_findings,
    )
    leaks = text_leaks(draft)
    if options.ocr_check:
        leaks += image_leaks(draft, progress)
    draft.report["leak_check"] = {
        "text": "passed" if not leaks else "failed",
        "ocr": ("passed" if not leaks else "failed") if options.ocr_check else "not run",
        "engine": _tesseract_label() if options.ocr_check else None,
        "secrets_checked": len(draft.secrets),
    }
    if leaks:
        first = leaks[0]
        raise RedactionLeakError(
            f"Export stopped: {len(leaks)} original value(s) still readable, first a {first[1]} in {first[0]} "
            f"({first[2]}). Widen the redaction there (re-read the page, or add the name) and export again."
        )
    return draft


def _box_list(box: BBox | None) -> list[int] | None:
    return box.as_list() if box else None


def _tesseract_label() -> str:
    try:
        from examiner_app.extraction.ocr import tesseract_version

        return f"tesseract@{tesseract_version()}"
    except Exception:  # pragma: no cover - the label is informative only
        return "tesseract"


def _suffix(file_name: str) -> str:
    return ".png"


def _secrets(
    table: PseudonymTable, suggestions: Sequence[Suggestion], pages: dict[tuple[str, int], PageText]
) -> list[Secret]:
    out: list[Secret] = []
    seen: set[tuple[str, str]] = set()

    def add(kind: str, value: str) -> None:
        value = value.strip()
        if len(value) >= 3 and (kind, value) not in seen:
            seen.add((kind, value))
            out.append(Secret(kind, value))

    for cluster in table.clusters:
        for name in cluster:
            add("name", name)
            for part in split_parts(name):
                if len(part) >= 4:
                    add("name", part)
    for s in suggestions:
        if s.field is F.DATE_OF_BIRTH:
            add("date_of_birth", s.effective_value)
        if s.field is F.DOCUMENT_NUMBER:
            add("document_number", s.effective_value)
    for page in pages.values():
        for z in parse_mrz(page.text):
            add("mrz", page.text[z.line1_start : z.line1_start + 44])
            add("mrz", page.text[z.line2_start : z.line2_start + 44])
        for zone in find_mrz_zones(page.text):
            add("mrz", zone.line1)
            add("mrz", zone.line2)
    return out


def text_leaks(draft: PackDraft) -> list[tuple[str, str, str]]:
    """(where, kind, context) of every original value found in the pack's texts, answer key and report."""
    found: list[tuple[str, str, str]] = []
    for page in draft.pages:
        for secret, pos in find_secrets(page.text, draft.secrets):
            found.append((f"{page.file_name} page {page.page_number} (text)", secret.kind, f"at character {pos}"))
    blob = json.dumps([draft.answer_key, draft.report], ensure_ascii=False)
    for secret, pos in find_secrets(blob, draft.secrets):
        found.append(("the answer key or report", secret.kind, f"at character {pos}"))
    return found


def image_leaks(draft: PackDraft, progress: ProgressReporter | None = None) -> list[tuple[str, str, str]]:
    """A fresh Tesseract pass over every redacted page image, in the page's own languages."""
    found: list[tuple[str, str, str]] = []
    images = [p for p in draft.pages if p.image_png]
    for i, page in enumerate(images):
        if progress is not None:
            progress.update(i, len(images), "reading the redacted pages again")
        assert page.image_png is not None
        for line in read_lines(page.image_png, page.ocr_languages):
            where = (
                f"{page.file_name} page {page.page_number} (image, box {_box_list(line.box_for(0, len(line.text)))})"
            )
            for secret, _pos in find_secrets(line.text, draft.secrets):
                found.append((where, secret.kind, "OCR"))
    return found


def _answer_key(
    suggestions: Sequence[Suggestion],
    rewritten: dict[tuple[str, int], RewrittenPage],
    doc_ids: dict[str, str],
    doc_names: dict[str, str],
    table: PseudonymTable,
    numbers: NumberSurrogates,
    offset: int,
    pages: dict[tuple[str, int], PageText],
) -> list[dict[str, Any]]:
    """The examiner's findings (accepted and edited facts), in pack values, with their provenance in the pack."""
    key = []
    for s in suggestions:
        if s.status not in (SuggestionStatus.ACCEPTED, SuggestionStatus.EDITED):
            continue
        prov = s.provenance
        entry: dict[str, Any] = {"field": s.field.value, "status": s.status.value}
        if prov is not None and (prov.document_id, prov.page) in rewritten:
            new = rewritten[(prov.document_id, prov.page)]
            start, end = new.map_span(prov.start, prov.end)
            value = new.text[start:end]
            if s.status is SuggestionStatus.EDITED:
                value = _surrogate_value(s, s.effective_value, table, numbers, offset)
            page = pages[(prov.document_id, prov.page)]
            boxes = [w.bbox.as_list() for w in new.words if w.bbox and w.start < end and w.end > start]
            del page
            entry.update(
                {
                    "value": value,
                    "document": doc_ids[prov.document_id],
                    "file": doc_names[prov.document_id],
                    "page": prov.page,
                    "start": start,
                    "end": end,
                    "boxes": boxes,
                }
            )
        else:
            entry.update({"value": _surrogate_value(s, s.effective_value, table, numbers, offset), "document": None})
        entry["normalized"] = _surrogate_normalized(s, table, numbers, offset)
        key.append(entry)
    return key


def _surrogate_value(s: Suggestion, value: str, table: PseudonymTable, numbers: NumberSurrogates, offset: int) -> str:
    if s.field in NAME_FIELDS:
        role = table.role_of(value)
        return roles.label(role, "und", value) if role else table.render(value)
    if s.field is F.DOCUMENT_NUMBER:
        return numbers.lookup(value) or numbers.surrogate(value)
    found = date_rules.find_dates(value)
    if found:
        dm = found[0]
        return value[: dm.start] + shift_date(value[dm.start : dm.end], dm, offset).written + value[dm.end :]
    return value


def _surrogate_normalized(s: Suggestion, table: PseudonymTable, numbers: NumberSurrogates, offset: int) -> str | None:
    norm = s.normalized
    if norm is None:
        return None
    if s.field in NAME_FIELDS:
        role = table.role_of(norm)
        if role:
            return roles.label(role, "und", norm)
        rendered = table.render(norm)
        return rendered if rendered != norm or s.field is F.PERSON_NAME else norm
    if s.field is F.DOCUMENT_NUMBER:
        return numbers.lookup(norm) or numbers.surrogate(norm)
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", norm):
        from datetime import timedelta

        return (date.fromisoformat(norm) + timedelta(days=offset)).isoformat()
    if re.fullmatch(r"\d{4}(-\d{2})?", norm) or "/" in norm:
        dm = date_rules.DateMatch(0, len(norm), norm, "month" if len(norm) == 7 else "year", "gregorian", 1.0)
        return shift_date(norm, dm, offset).normalized
    return norm


def _report(
    case_id: str,
    reid: reident.ReidentificationResult,
    table: PseudonymTable,
    offset: int,
    dates_log: list[dict[str, Any]],
    pages: list[PackPage],
    options: PackOptions,
    user: User | None,
    levels: dict[str, str],
) -> dict[str, Any]:
    calendars: dict[str, int] = {}
    kept_form = 0
    for d in dates_log:
        calendars[d["calendar"]] = calendars.get(d["calendar"], 0) + 1
        kept_form += int(d["form_kept"])
    return {
        "method": "pseudonyms per person cluster, surrogate dates/numbers/MRZ, burnt-out page images, fresh OCR check",
        "reidentification": reid.as_json(),
        "generalisation_levels": levels,
        "trainer_decisions": {
            "generalise": options.generalise,
            "links_split": len(options.splits),
            "links_merged": len(options.merges),
            "reason": options.reason,
            "signed_by_role": user.role.value if user else None,
        },
        "professionals": {
            "replaced_by_role": dict(sorted(Counter(table.roles.values()).items())),
            "method": "role words next to the name (roles.py), confirmed or changed by the trainer",
            "roles_set_by_trainer": len(options.roles),
        },
        "pseudonyms": {
            "people": len(table.clusters),
            "name_culture": table.culture.name,
            "name_source": table.culture.source,
            "links_confirmed": len(table.links),
        },
        "dates": {
            "shifted": len(dates_log),
            "calendars": calendars,
            "form_kept": kept_form,
            "offset": "one per-pack offset of 45 to 400 days, the same in every calendar (not disclosed)",
        },
        "pages": {"count": len(pages), "replaced_spans": sum(p.replaced for p in pages)},
        "not_guaranteed": [
            "free-text details (a profession, a unique event told in the statement) are not generalised",
            "ink the OCR did not read (photos, signatures, stamps, a skipped line) is filled whole: look at the preview",
            "names the extractors did not record and that are not part of a recorded name stay in the text",
        ],
    }


# --------------------------------------------------------------------------------------------
# Writing and reading
# --------------------------------------------------------------------------------------------


def mapping_of(draft: PackDraft) -> dict[str, Any]:
    """The real <-> surrogate mapping (never written into a pack; see training/mapping.py)."""
    return {
        "people": [
            {"spellings": spellings, "pseudonym": pseudonym}
            for spellings, pseudonym in zip(draft.table.clusters, draft.table.cluster_pseudonyms, strict=True)
        ],
        "name_parts": {real: part.latin for real, part in draft.table.parts.items()},
        "numbers": dict(draft.numbers.mapping),
        "date_offset_days": draft.offset_days,
    }


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def pack_files(draft: PackDraft) -> dict[str, bytes]:
    files: dict[str, bytes] = {}
    docs: dict[str, dict[str, Any]] = {}
    for p in draft.pages:
        base = f"pages/{p.document_id}/{p.page_number:03d}"
        files[f"{base}.txt"] = p.text.encode()
        files[f"{base}.words.json"] = json.dumps(p.words, ensure_ascii=False).encode()
        entry = {
            "page": p.page_number,
            "text": f"{base}.txt",
            "words": f"{base}.words.json",
            "languages": p.languages,
            "ocr_languages": p.ocr_languages,
            "width": p.width,
            "height": p.height,
        }
        if p.image_png:
            files[f"{base}.png"] = p.image_png
            entry["image"] = f"{base}.png"
        docs.setdefault(p.document_id, {"document": p.document_id, "file": p.file_name, "pages": []})["pages"].append(
            entry
        )
    files["answer_key.json"] = json.dumps({"facts": draft.answer_key}, ensure_ascii=False, indent=1).encode()
    files["report.json"] = json.dumps(draft.report, ensure_ascii=False, indent=1).encode()
    manifest = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "app_version": __version__,
        "pack_id": draft.pack_id,
        "title": draft.title,
        "created_at": datetime.now(UTC).replace(microsecond=0).isoformat(),
        "documents": list(docs.values()),
        "files": {name: _sha(data) for name, data in sorted(files.items())},
    }
    files["manifest.json"] = json.dumps(manifest, ensure_ascii=False, indent=1).encode()
    return files


def write_pack(draft: PackDraft, out: Path) -> None:
    files = pack_files(draft)
    tmp = out.with_name(out.name + ".part")
    with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED) as z:
        for name in ["manifest.json", *sorted(n for n in files if n != "manifest.json")]:
            info = zipfile.ZipInfo(name, date_time=(2020, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, files[name])
    tmp.replace(out)


def export_pack(
    session: Session,
    user: User | None,
    case_id: str,
    out: Path,
    options: PackOptions,
    progress: ProgressReporter | None = None,
) -> PackDraft:
    """Build, check and write a pack; the export is signed by the trainer with a reason and audited."""
    user = _require_trainer(user)
    if not options.reason.strip():
        raise PermissionDeniedError("Give a reason for the export (--reason): it is recorded with your name.")
    if options.keep_mapping_passphrase is not None and user.role is not Role.ADMIN:
        raise PermissionDeniedError("Only an administrator can keep a pack's mapping; export without it.")
    draft = build_pack(session, user, case_id, options, progress)
    if options.keep_mapping_passphrase is not None:
        from . import mapping

        mapping.keep(session, user, case_id, draft.pack_id, mapping_of(draft), options.keep_mapping_passphrase)
    write_pack(draft, out)
    audit.record(
        session,
        user.id,
        "training.pack_export",
        case_id=case_id,
        subject=draft.pack_id,
        details={
            "file": out.name,
            "reason": options.reason.strip(),
            "k": options.k,
            "shared_by": draft.reid.shared,
            "documents": draft.documents,
            "pages": len(draft.pages),
            "pseudonyms": len(draft.table.clusters),
            "sha256": _sha(out.read_bytes()),
        },
    )
    return draft


@dataclass
class LoadedPack:
    manifest: dict[str, Any]
    files: dict[str, bytes]

    @property
    def pack_id(self) -> str:
        return str(self.manifest["pack_id"])

    def json(self, name: str) -> Any:
        return json.loads(self.files[name])

    @property
    def answer_key(self) -> list[dict[str, Any]]:
        return list(self.json("answer_key.json")["facts"])

    @property
    def report(self) -> dict[str, Any]:
        return dict(self.json("report.json"))


def read_pack(path: Path) -> LoadedPack:
    try:
        with zipfile.ZipFile(path) as z:
            files = {n: z.read(n) for n in z.namelist()}
    except (zipfile.BadZipFile, OSError) as exc:
        raise MalformedFileError(path, f"is not a training pack (not a readable zip): {exc}.") from exc
    if "manifest.json" not in files:
        raise MalformedFileError(path, "has no manifest.json: it is not a training pack.")
    manifest = json.loads(files["manifest.json"])
    if manifest.get("format") != FORMAT:
        raise MalformedFileError(path, f"is not a training pack (format {manifest.get('format')!r}).")
    return LoadedPack(manifest, files)


def check_pack(pack: LoadedPack, k: int | None = None, extra_secrets: Sequence[Secret] = ()) -> dict[str, Any]:
    """Integrity, format and re-identification check of a pack (and a leak check against ``extra_secrets``)."""
    findings: list[dict[str, Any]] = []
    expected = pack.manifest.get("files", {})
    for name, digest in expected.items():
        if name not in pack.files:
            findings.append({"kind": "missing_file", "file": name})
        elif _sha(pack.files[name]) != digest:
            findings.append({"kind": "hash_mismatch", "file": name})
    for name in pack.files:
        if name != "manifest.json" and name not in expected:
            findings.append({"kind": "unlisted_file", "file": name})
        if name.lower().endswith((".pdf", ".tif", ".tiff", ".jpg", ".jpeg")):
            findings.append({"kind": "original_format_file", "file": name})
    report = pack.report
    reid = report.get("reidentification", {})
    needed = k if k is not None else int(reid.get("k", reident.DEFAULT_K))
    shared = int(reid.get("shared_by", 0))
    if shared < needed:
        findings.append(
            {"kind": "below_k", "k": needed, "shared_by": shared, "generalise": reid.get("generalise_next")}
        )
    for q in reid.get("quasi_identifiers", []):
        if q.get("name") == "incident" and q.get("kept") is not None:
            findings.append({"kind": "incident_verbatim", "kept": q.get("kept")})
    for name, data in pack.files.items():
        if not name.endswith(".txt"):
            continue
        text = data.decode()
        for z in parse_mrz(text):
            if not z.valid:
                findings.append({"kind": "mrz_check_digits", "file": name})
        for secret, pos in find_secrets(text, extra_secrets):
            findings.append({"kind": "leak", "file": name, "what": secret.kind, "at": pos})
    return {"ok": not findings, "k": needed, "findings": findings}


def store_secrets(session: Session) -> list[Secret]:
    """Names, birth dates, document numbers and MRZ lines of every non-anonymized case in this store."""
    out: list[Secret] = []
    for case in repo.list_cases(session):
        if case.anonymized:
            continue
        suggestions = repo.list_suggestions(session, case.id)
        for s in suggestions:
            if s.field in NAME_FIELDS:
                name = dict(s.attributes).get("name") if s.field is F.FAMILY_MEMBER else s.effective_value
                if name and len(clean_name(name)) >= 4 and clean_name(name).casefold() not in _LABEL_WORDS:
                    out.append(Secret("name", clean_name(name)))
            elif s.field is F.DATE_OF_BIRTH:
                out.append(Secret("date_of_birth", s.effective_value))
            elif s.field is F.DOCUMENT_NUMBER:
                out.append(Secret("document_number", s.effective_value))
    return out


TRAINING_REFERENCE = "TRAINING-"


def import_pack(session: Session, user: User | None, pack: LoadedPack) -> str:
    """The pack as an anonymized case (trainers see only these), with its redacted pages; no suggestions, so the
    trainee works the pack from the page images."""
    user = _require_trainer(user)
    result = check_pack(pack)
    broken = [f for f in result["findings"] if f["kind"] in ("hash_mismatch", "missing_file", "original_format_file")]
    if broken:
        raise MalformedFileError(
            "pack", f"The pack is damaged or altered ({broken[0]['kind']}: {broken[0]['file']}); ask for a new copy."
        )
    case = repo.create_case(
        session,
        str(pack.manifest.get("title") or f"Training pack {pack.pack_id}"),
        reference=f"{TRAINING_REFERENCE}{pack.pack_id}",
        created_by=user.id,
        anonymized=True,
    )
    from examiner_app.domain import DocumentStatus

    for doc in pack.manifest["documents"]:
        images = [pack.files[p["image"]] for p in doc["pages"] if "image" in p]
        content = images[0] if len(images) == 1 else _tiff(images) if images else b""
        stored = repo.add_document(
            session,
            case.id,
            str(doc["file"]),
            content,
            _sha(content),
            "image/png" if len(images) == 1 else "image/tiff",
        )
        for p in doc["pages"]:
            text = pack.files[p["text"]].decode()
            words = repo.words_from_json(json.loads(pack.files[p["words"]]))
            from examiner_app.domain import LanguageGuess, PageSource

            page = PageText(
                page_number=int(p["page"]),
                text=text,
                words=words,
                source=PageSource.OCR,
                width=int(p.get("width", 0)),
                height=int(p.get("height", 0)),
                languages=tuple(LanguageGuess(c, 1.0) for c in p.get("languages", [])),
                ocr_languages=str(p.get("ocr_languages", "")),
                engine="training-pack",
            )
            repo.save_page(session, stored.id, page, pack.files.get(p.get("image", ""), None))
        repo.set_document_status(session, stored.id, DocumentStatus.DONE, page_count=len(doc["pages"]))
    audit.record(
        session,
        user.id,
        "training.pack_import",
        case_id=case.id,
        subject=pack.pack_id,
        details={"documents": len(pack.manifest["documents"]), "findings": len(result["findings"])},
    )
    return case.id


def _tiff(images: Sequence[bytes]) -> bytes:
    from PIL import Image

    frames = [Image.open(io.BytesIO(b)) for b in images]
    out = io.BytesIO()
    frames[0].save(out, format="TIFF", save_all=True, append_images=frames[1:], compression="tiff_deflate")
    return out.getvalue()


def find_training_case(session: Session, pack_id: str) -> str | None:
    for case in repo.list_cases(session):
        if case.anonymized and case.reference == f"{TRAINING_REFERENCE}{pack_id}":
            return case.id
    return None


ProgressFactory = Callable[[], ProgressReporter]
__all__ = [
    "PackDraft",
    "PackOptions",
    "LoadedPack",
    "accounts",
    "build_pack",
    "check_pack",
    "export_pack",
    "find_training_case",
    "import_pack",
    "read_pack",
    "store_secrets",
    "write_pack",
]
