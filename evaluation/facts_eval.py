"""Fact-extraction accuracy: per-field and per-language precision, recall and F1 on an annotated gold set.

Gold: ``evaluation/facts/gold/*.json``, fictional claim statements and application forms in many languages and
scripts, annotated exhaustively (conventions in ``evaluation/facts/README.md``). Each document is in the ``dev``
split (may be read while improving the extractors) or the ``test`` split (held out: report it, never tune on it).

Matching: a prediction matches a gold fact of the same field when their character spans overlap; each gold fact
and each prediction is matched at most once (best overlap first, same normalized value preferred). Unmatched
predictions are false positives, except

* a second prediction overlapping an already matched gold fact of its field: counted as a *duplicate* (shown,
  not scored), and
* a ``place`` prediction on a gold ``country_of_origin``, ``port_of_entry`` or ``nationality`` (a country named
  as such is a place too): ignored.

For dates and countries the *strict* scores also require the normalized value (ISO date, ISO 3166 code) to be
equal. Group summaries are macro averages of the fields' F1, compared with the targets below.

Usage::

    python evaluation/facts_eval.py [--split test|dev|all] [--json out.json] [--write-doc] [--ai-off]
                                    [--gold-languages] [--errors N] [--gold DIR]

``--write-doc`` (test split only) rewrites ``docs/declared-accuracy.md``. Exit status 0 even when a target is
missed: the report says PASS/FAIL per group; 2 on bad usage or an invalid gold file.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import shlex
import sys
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from dataclasses import field as dc_field
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from examiner_app.domain import FactCandidate, FactField, LanguageGuess, PageSource, PageText  # noqa: E402

GOLD_DIR = REPO / "evaluation" / "facts" / "gold"
DOC_PATH = REPO / "docs" / "declared-accuracy.md"

# The fields the gold set is annotated for, exhaustively.
CORE_FIELDS: tuple[str, ...] = (
    "person_name",
    "date_of_birth",
    "nationality",
    "country_of_origin",
    "document_number",
    "family_member",
    "religion",
    "ethnicity",
    "place",
    "port_of_entry",
    "event_date",
    "date_of_entry",
    "event",
    "claimed_ground",
    "agent_of_persecution",
    "travel_route",
    "prior_application",
)
# Also annotated wherever they occur (distractor dates, languages), scored but outside the groups.
EXTRA_FIELDS: tuple[str, ...] = ("language_spoken", "procedural_date", "document_issue_date")
SCORED_FIELDS: tuple[str, ...] = CORE_FIELDS + EXTRA_FIELDS

DATE_FIELDS = frozenset({"date_of_birth", "event_date", "date_of_entry", "procedural_date", "document_issue_date"})
COUNTRY_FIELDS = frozenset({"nationality", "country_of_origin"})
# Strict scores also compare the normalized value: dates, countries, and the ground a sentence invokes.
STRICT_FIELDS = DATE_FIELDS | COUNTRY_FIELDS | {"claimed_ground"}
# Gold fields whose normalized value is an ISO 3166-1 alpha-2 code (or null where unknown / not applicable).
CODE_FIELDS = frozenset({"nationality", "country_of_origin", "place", "port_of_entry", "prior_application"})
SENTENCE_FIELDS = frozenset({"event", "travel_route"})
GROUNDS = ("race", "religion", "nationality", "particular_social_group", "political_opinion")
# A prediction of the key field on a gold fact of one of these fields is not an error (nor a hit).
IGNORED_OVERLAPS: Mapping[str, frozenset[str]] = {
    "place": frozenset({"country_of_origin", "port_of_entry", "nationality"})
}


@dataclass(frozen=True)
class Group:
    name: str
    fields: tuple[str, ...]
    target: float


GROUPS: tuple[Group, ...] = (
    Group(
        "identity",
        ("person_name", "date_of_birth", "nationality", "country_of_origin", "document_number", "family_member"),
        0.90,
    ),
    Group("dates", ("event_date", "date_of_entry"), 0.90),
    Group("places", ("place", "port_of_entry"), 0.90),
    Group("events and grounds", ("event", "claimed_ground", "agent_of_persecution"), 0.80),
)

_ISO_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_LANG_CODE = re.compile(r"^[a-z]{2,3}$")


# --- gold ---------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class GoldFact:
    field: str
    value: str
    normalized: str | None
    start: int
    end: int
    attributes: Mapping[str, str] = dc_field(default_factory=dict)


@dataclass(frozen=True)
class GoldDoc:
    id: str
    language: str
    split: str
    kind: str
    text: str
    facts: tuple[GoldFact, ...]
    path: Path


class GoldError(ValueError):
    """A gold file breaks the format; the message names the file and what to fix."""


def _valid_iso_date(value: str) -> bool:
    if not _ISO_DATE.match(value):
        return False
    parts = [int(p) for p in value.split("-")]
    try:
        dt.date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
    except ValueError:
        return False
    return True


def _valid_country(code: str) -> bool:
    import pycountry

    return len(code) == 2 and code.isupper() and pycountry.countries.get(alpha_2=code) is not None


def validate_gold(raw: Mapping[str, Any], name: str = "<gold>") -> list[str]:
    """Every problem with one gold document (empty when it is valid)."""
    problems: list[str] = []
    for key, kind in (("id", str), ("language", str), ("split", str), ("kind", str), ("text", str), ("facts", list)):
        if not isinstance(raw.get(key), kind):
            problems.append(f"{name}: '{key}' missing or not a {kind.__name__}")
    if problems:
        return problems
    text: str = raw["text"]
    if raw["split"] not in ("dev", "test"):
        problems.append(f"{name}: split must be 'dev' or 'test', not {raw['split']!r}")
    if raw["kind"] not in ("statement", "form"):
        problems.append(f"{name}: kind must be 'statement' or 'form', not {raw['kind']!r}")
    if not _LANG_CODE.match(raw["language"]):
        problems.append(f"{name}: language {raw['language']!r} is not an ISO 639-1/639-3 code")
    valid_fields = {f.value for f in FactField}
    seen: set[tuple[str, int, int, str | None]] = set()
    for i, fact in enumerate(raw["facts"]):
        where = f"{name} fact {i}"
        fld, value, norm = fact.get("field"), fact.get("value"), fact.get("normalized")
        start, end = fact.get("start"), fact.get("end")
        if fld not in valid_fields:
            problems.append(f"{where}: unknown field {fld!r}")
            continue
        if not isinstance(start, int) or not isinstance(end, int) or not 0 <= start < end <= len(text):
            problems.append(f"{where}: bad span {start!r}..{end!r}")
            continue
        if text[start:end] != value:
            problems.append(f"{where}: text[{start}:{end}] is {text[start:end]!r}, not the value {value!r}")
        if value != value.strip():
            problems.append(f"{where}: value has leading or trailing whitespace")
        identity = (fld, start, end, norm)
        if identity in seen:
            problems.append(f"{where}: duplicate of an earlier fact")
        seen.add(identity)
        if norm is not None and not isinstance(norm, str):
            problems.append(f"{where}: normalized must be a string or null")
            continue
        if fld in DATE_FIELDS and (norm is None or not _valid_iso_date(norm)):
            problems.append(f"{where}: {fld} needs an ISO date (YYYY, YYYY-MM or YYYY-MM-DD), got {norm!r}")
        elif fld in CODE_FIELDS and norm is not None and not _valid_country(norm):
            problems.append(f"{where}: {fld} needs an ISO 3166-1 alpha-2 code or null, got {norm!r}")
        elif fld in ("nationality", "country_of_origin") and norm is None:
            problems.append(f"{where}: {fld} needs a country code")
        elif fld == "claimed_ground" and norm not in GROUNDS:
            problems.append(f"{where}: claimed_ground must be one of {', '.join(GROUNDS)}, got {norm!r}")
        elif fld == "language_spoken" and (norm is None or not _LANG_CODE.match(norm)):
            problems.append(f"{where}: language_spoken needs an ISO 639 code, got {norm!r}")
        elif fld in SENTENCE_FIELDS and norm is not None:
            problems.append(f"{where}: {fld} has no normalized value (null)")
        elif fld == "document_number" and (not norm or " " in norm):
            problems.append(f"{where}: document_number needs the number without spaces, got {norm!r}")
        elif fld in ("person_name", "family_member", "religion", "ethnicity", "agent_of_persecution") and not norm:
            problems.append(f"{where}: {fld} needs a canonical normalized value")
        attributes = fact.get("attributes", {})
        if not isinstance(attributes, dict) or not all(isinstance(v, str) for v in attributes.values()):
            problems.append(f"{where}: attributes must be an object of strings")
    return problems


def load_gold(split: str = "all", gold_dir: Path = GOLD_DIR) -> list[GoldDoc]:
    """The gold documents of ``split`` (``dev``, ``test`` or ``all``), sorted by id; raises GoldError if invalid."""
    docs: list[GoldDoc] = []
    for path in sorted(gold_dir.glob("*.json")):
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError) as exc:
            raise GoldError(f"{path}: cannot read it as JSON ({exc}); fix or remove the file") from exc
        problems = validate_gold(raw, path.name)
        if problems:
            raise GoldError("; ".join(problems[:5]) + (f" (+{len(problems) - 5} more)" if len(problems) > 5 else ""))
        if split != "all" and raw["split"] != split:
            continue
        facts = tuple(
            GoldFact(f["field"], f["value"], f["normalized"], f["start"], f["end"], dict(f.get("attributes", {})))
            for f in raw["facts"]
        )
        docs.append(GoldDoc(raw["id"], raw["language"], raw["split"], raw["kind"], raw["text"], facts, path))
    return docs


# --- running the extractors ----------------------------------------------------------------------------------


def build_page(doc: GoldDoc, gold_languages: bool = False) -> PageText:
    """A plain-text page of the document; languages from the detector (or the gold language)."""
    page = PageText(page_number=1, text=doc.text, source=PageSource.PLAIN_TEXT, mean_confidence=None)
    if not gold_languages:
        try:
            from examiner_app.extraction.language import detect_page_languages
        except ImportError:  # the detector is optional for this harness
            gold_languages = True
        else:
            return detect_page_languages(page)
    return PageText(
        page_number=1,
        text=doc.text,
        source=PageSource.PLAIN_TEXT,
        mean_confidence=None,
        languages=(LanguageGuess(doc.language, 1.0),),
    )


def predict(
    docs: Sequence[GoldDoc], ai_enabled: bool = True, gold_languages: bool = False, sentence_tagging: bool = True
) -> dict[str, list[Any]]:
    """Each document's fact candidates (and its detected page languages under the key ``"<id>#languages"``)."""
    from examiner_app.extraction.facts import default_extractors, extract_facts

    extractors = default_extractors(ai_enabled=ai_enabled, sentence_tagging=sentence_tagging)
    out: dict[str, list[Any]] = {}
    for doc in docs:
        page = build_page(doc, gold_languages)
        out[doc.id] = list(extract_facts(page, extractors))
        out[f"{doc.id}#languages"] = [g.code for g in page.languages]
    return out


# --- matching ------------------------------------------------------------------------------------------------


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    dup: int = 0
    ignored: int = 0
    strict_tp: int = 0  # matched with an equal normalized value (dates and countries only)

    def add(self, other: Counts) -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn
        self.dup += other.dup
        self.ignored += other.ignored
        self.strict_tp += other.strict_tp

    def scores(self, strict: bool = False) -> dict[str, float | None]:
        """Precision, recall, F1; None where undefined (nothing predicted / nothing annotated)."""
        hit = self.strict_tp if strict else self.tp
        predicted, gold = self.tp + self.fp, self.tp + self.fn
        p = hit / predicted if predicted else None
        r = hit / gold if gold else None
        if not gold:
            f = None
        elif not predicted or not hit:
            f = 0.0
        else:
            assert p is not None
            assert r is not None
            f = 2 * p * r / (p + r)
        return {"precision": p, "recall": r, "f1": f}

    def as_dict(self, with_strict: bool) -> dict[str, Any]:
        d: dict[str, Any] = {
            "gold": self.tp + self.fn,
            "predicted": self.tp + self.fp,
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "duplicates": self.dup,
            "ignored": self.ignored,
            **self.scores(),
        }
        d["strict"] = {"tp": self.strict_tp, **self.scores(strict=True)} if with_strict else None
        return d


@dataclass(frozen=True)
class Pred:
    field: str
    value: str
    normalized: str | None
    start: int
    end: int


@dataclass(frozen=True)
class ErrorCase:
    doc: str
    language: str
    field: str
    kind: str  # "missed" | "spurious" | "normalized"
    value: str
    normalized: str | None
    expected: str | None = None  # the gold normalized value, for "normalized"

    def as_dict(self) -> dict[str, Any]:
        return {k: v for k, v in self.__dict__.items() if v is not None}


def _norm_equal(gold: str | None, pred: str | None) -> bool:
    """Equal normalized values (case-insensitive). A partial gold date (``2020``, ``2020-03``) also equals an ISO
    interval that starts in it (``2020-03-20/2021-03-20``): gold normalizes a partial date of another calendar
    to the Gregorian year or month of its first day."""
    if gold is None or pred is None:
        return gold == pred
    g, p = gold.strip().upper(), pred.strip().upper()
    if g == p:
        return True
    if "/" in p and _ISO_DATE.match(g) and len(g) < 10:
        return p.split("/", 1)[0].startswith(g)
    return False


def _overlap(a: GoldFact | Pred, b: GoldFact | Pred) -> int:
    return max(0, min(a.end, b.end) - max(a.start, b.start))


def match_document(
    gold: Sequence[GoldFact], preds: Sequence[Pred], doc_id: str = "", language: str = ""
) -> tuple[dict[str, Counts], list[ErrorCase]]:
    """Per-field counts for one document, and its errors (misses, spurious facts, wrong normalized values)."""
    counts: dict[str, Counts] = defaultdict(Counts)
    errors: list[ErrorCase] = []
    for fld in SCORED_FIELDS:
        g_list = [g for g in gold if g.field == fld]
        p_list = [p for p in preds if p.field == fld]
        pairs = [
            (not _norm_equal(g.normalized, p.normalized), -_overlap(g, p), gi, pi)
            for gi, g in enumerate(g_list)
            for pi, p in enumerate(p_list)
            if _overlap(g, p) > 0
        ]
        matched_g: dict[int, int] = {}
        matched_p: set[int] = set()
        for _, _, gi, pi in sorted(pairs):
            if gi in matched_g or pi in matched_p:
                continue
            matched_g[gi] = pi
            matched_p.add(pi)
        c = counts[fld]
        for gi, g in enumerate(g_list):
            if gi not in matched_g:
                c.fn += 1
                errors.append(ErrorCase(doc_id, language, fld, "missed", g.value, g.normalized))
                continue
            c.tp += 1
            p = p_list[matched_g[gi]]
            if _norm_equal(g.normalized, p.normalized):
                c.strict_tp += 1
            elif fld in STRICT_FIELDS:
                errors.append(ErrorCase(doc_id, language, fld, "normalized", p.value, p.normalized, g.normalized))
        ignore_on = IGNORED_OVERLAPS.get(fld, frozenset())
        for pi, p in enumerate(p_list):
            if pi in matched_p:
                continue
            if any(_overlap(g, p) for g in g_list):
                c.dup += 1
            elif any(g.field in ignore_on and _overlap(g, p) for g in gold):
                c.ignored += 1
            else:
                c.fp += 1
                errors.append(ErrorCase(doc_id, language, fld, "spurious", p.value, p.normalized))
    return counts, errors


# --- the report ----------------------------------------------------------------------------------------------


def _as_pred(c: FactCandidate | Pred) -> Pred:
    fld = c.field.value if isinstance(c.field, FactField) else str(c.field)
    return Pred(fld, c.value, c.normalized, c.start, c.end)


def evaluate(
    docs: Sequence[GoldDoc], predictions: Mapping[str, Sequence[Any]], max_errors: int | None = None
) -> dict[str, Any]:
    """The report: per field, per language, field x language, groups (with targets) and error examples."""
    by_field: dict[str, Counts] = defaultdict(Counts)
    by_lang: dict[str, Counts] = defaultdict(Counts)
    by_field_lang: dict[str, dict[str, Counts]] = defaultdict(lambda: defaultdict(Counts))
    unscored: Counter[str] = Counter()
    errors: list[ErrorCase] = []
    detected: dict[str, list[str]] = {}
    for doc in docs:
        preds = [_as_pred(c) for c in predictions.get(doc.id, [])]
        unscored.update(p.field for p in preds if p.field not in SCORED_FIELDS)
        counts, errs = match_document(doc.facts, preds, doc.id, doc.language)
        errors.extend(errs)
        detected[doc.id] = list(predictions.get(f"{doc.id}#languages", []))
        for fld, c in counts.items():
            by_field[fld].add(c)
            by_field_lang[fld][doc.language].add(c)
            if fld in CORE_FIELDS:
                by_lang[doc.language].add(c)
    fields = {f: by_field[f].as_dict(f in STRICT_FIELDS) for f in SCORED_FIELDS}
    groups = {}
    for group in GROUPS:
        present = [f for f in group.fields if fields[f]["gold"]]
        macro = sum(fields[f]["f1"] for f in present) / len(present) if present else None
        strict = sum((fields[f]["strict"] or fields[f])["f1"] for f in present) / len(present) if present else None
        groups[group.name] = {
            "fields": list(group.fields),
            "macro_f1": macro,
            "macro_f1_strict_dates_countries": strict,
            "target": group.target,
            "pass": macro is not None and macro >= group.target,
        }
    languages = sorted({d.language for d in docs})
    lang_misses = [
        {"doc": d.id, "language": d.language, "detected": detected[d.id][0]}
        for d in docs
        if detected.get(d.id) and detected[d.id][0] != d.language
    ]
    shown = errors if max_errors is None else errors[:max_errors]
    return {
        "documents": len(docs),
        "documents_per_language": dict(sorted(Counter(d.language for d in docs).items())),
        "gold_facts": sum(len(d.facts) for d in docs),
        "fields": fields,
        "languages": {lang: by_lang[lang].as_dict(False) for lang in languages},
        "field_language": {
            f: {lang: by_field_lang[f][lang].as_dict(f in STRICT_FIELDS) for lang in languages} for f in SCORED_FIELDS
        },
        "groups": groups,
        "unscored_predictions": dict(unscored),
        "language_detection": {"mismatches": lang_misses, "detected": detected},
        "errors": [e.as_dict() for e in shown],
        "errors_total": len(errors),
    }


def _fmt(x: float | None) -> str:
    return "  —  " if x is None else f"{x:.3f}"


def format_tables(report: Mapping[str, Any]) -> str:
    """The report as plain-text tables (what the command prints)."""
    lines: list[str] = []
    head = (
        f"{'field':22} {'gold':>5} {'pred':>5} {'tp':>4} {'fp':>4} {'fn':>4} {'dup':>4}   {'P':>5}  {'R':>5}  {'F1':>5}"
    )
    lines += ["Per field (micro, span overlap; strict = normalized value equal too)", head + "   strict P/R/F1"]
    for f, d in report["fields"].items():
        row = (
            f"{f:22} {d['gold']:>5} {d['predicted']:>5} {d['tp']:>4} {d['fp']:>4} {d['fn']:>4} {d['duplicates']:>4}"
            f"   {_fmt(d['precision'])}  {_fmt(d['recall'])}  {_fmt(d['f1'])}"
        )
        if d["strict"]:
            s = d["strict"]
            row += f"   {_fmt(s['precision'])}/{_fmt(s['recall'])}/{_fmt(s['f1'])}"
        lines.append(row)
    lines += ["", "Per language (micro over the core fields)", f"{'language':22} {head[23:]}"]
    for lang, d in report["languages"].items():
        lines.append(
            f"{lang:22} {d['gold']:>5} {d['predicted']:>5} {d['tp']:>4} {d['fp']:>4} {d['fn']:>4} {d['duplicates']:>4}"
            f"   {_fmt(d['precision'])}  {_fmt(d['recall'])}  {_fmt(d['f1'])}"
        )
    lines += ["", "Groups (macro F1 over the fields)"]
    for name, g in report["groups"].items():
        verdict = "PASS" if g["pass"] else "FAIL"
        lines.append(
            f"{name:22} macro F1 {_fmt(g['macro_f1'])} (strict {_fmt(g['macro_f1_strict_dates_countries'])})"
            f"  target >= {g['target']:.2f}  {verdict}   [{', '.join(g['fields'])}]"
        )
    if report["unscored_predictions"]:
        extra = ", ".join(f"{k} {v}" for k, v in sorted(report["unscored_predictions"].items()))
        lines += ["", f"Predictions of fields the gold set does not annotate (not scored): {extra}"]
    return "\n".join(lines)


def format_errors(report: Mapping[str, Any]) -> str:
    lines = [f"Errors ({len(report['errors'])} of {report['errors_total']} shown)"]
    for e in report["errors"]:
        extra = f" (expected {e['expected']})" if e["kind"] == "normalized" else ""
        value = e["value"] if len(e["value"]) <= 70 else e["value"][:67] + "..."
        lines.append(f"  {e['doc']:8} {e['field']:22} {e['kind']:10} {value!r} -> {e.get('normalized')!r}{extra}")
    return "\n".join(lines)


def _micro(report: Mapping[str, Any], fields: Sequence[str]) -> dict[str, Any]:
    c = Counts()
    for f in fields:
        d = report["fields"][f]
        c.add(Counts(tp=d["tp"], fp=d["fp"], fn=d["fn"]))
    return {"gold": c.tp + c.fn, "predicted": c.tp + c.fp, **c.scores()}


def compare(text: Mapping[str, Any], scans: Mapping[str, Any]) -> dict[str, Any]:
    """Text vs scan, side by side: micro P/R/F1 over the core fields, per field and per language, and the gaps."""

    def pair(a: Mapping[str, Any], b: Mapping[str, Any]) -> dict[str, Any]:
        gap = None if a["f1"] is None or b["f1"] is None else round(a["f1"] - b["f1"], 4)
        keys = ("gold", "predicted", "precision", "recall", "f1")
        return {"text": {k: a[k] for k in keys}, "scan": {k: b[k] for k in keys}, "gap_f1": gap}

    return {
        "core": pair(_micro(text, CORE_FIELDS), _micro(scans, CORE_FIELDS)),
        "fields": {f: pair(text["fields"][f], scans["fields"][f]) for f in SCORED_FIELDS},
        "languages": {lang: pair(text["languages"][lang], scans["languages"][lang]) for lang in text["languages"]},
        "field_language": {
            f: {
                lang: pair(text["field_language"][f][lang], scans["field_language"][f][lang])
                for lang in text["field_language"][f]
            }
            for f in SCORED_FIELDS
        },
    }


def format_comparison(cmp: Mapping[str, Any]) -> str:
    head = f"{'':22} {'n':>5}   {'text P':>6} {'R':>5} {'F1':>5}   {'scan P':>6} {'R':>5} {'F1':>5}   {'gap':>6}"

    def row(name: str, d: Mapping[str, Any]) -> str:
        t, s = d["text"], d["scan"]
        gap = "   —  " if d["gap_f1"] is None else f"{d['gap_f1']:+.3f}"
        return (
            f"{name:22} {t['gold']:>5}   {_fmt(t['precision']):>6} {_fmt(t['recall'])} {_fmt(t['f1'])}"
            f"   {_fmt(s['precision']):>6} {_fmt(s['recall'])} {_fmt(s['f1'])}   {gap}"
        )

    lines = ["Text vs scans (same documents; scans rendered at 300 dpi and read by the real pipeline)", head]
    lines.append(row("ALL CORE FIELDS", cmp["core"]))
    lines += [row(f, d) for f, d in cmp["fields"].items()]
    lines += ["", "Per language (core fields)", head]
    lines += [row(lang, d) for lang, d in cmp["languages"].items()]
    return "\n".join(lines)


# --- docs/declared-accuracy.md -------------------------------------------------------------------------------


def _pct(x: float | None) -> str:
    return "—" if x is None else f"{100 * x:.0f}%"


def _limits(report: Mapping[str, Any]) -> list[str]:
    """Observed weaknesses, derived from the numbers (so they stay true when the numbers change)."""
    out: list[str] = []
    weak_langs = [(lang, d) for lang, d in report["languages"].items() if d["f1"] is not None and d["f1"] < 0.5]
    if weak_langs:
        out.append(
            "Weak languages (micro F1 below 50% over the core fields): "
            + ", ".join(f"{lang} ({_pct(d['f1'])}, recall {_pct(d['recall'])})" for lang, d in weak_langs)
            + ". Treat suggestions in these languages as sparse: most facts must be found by reading."
        )
    low_recall = [(f, d) for f, d in report["fields"].items() if d["gold"] and (d["recall"] or 0) < 0.5]
    if low_recall:
        out.append(
            "Fields found less than half the time: "
            + ", ".join(f"{f} ({_pct(d['recall'])})" for f, d in low_recall)
            + ". An empty field in the fact sheet does not mean the document is silent on it."
        )
    low_precision = [(f, d) for f, d in report["fields"].items() if d["predicted"] >= 3 and (d["precision"] or 0) < 0.7]
    if low_precision:
        out.append(
            "Fields with many wrong suggestions (precision below 70%): "
            + ", ".join(f"{f} ({_pct(d['precision'])})" for f, d in low_precision)
            + "."
        )
    norm_gaps = [
        (f, d)
        for f, d in report["fields"].items()
        if d["strict"] and d["tp"] and d["strict"]["tp"] < d["tp"] and (d["tp"] - d["strict"]["tp"]) / d["tp"] > 0.1
    ]
    if norm_gaps:
        out.append(
            "Normalized values to check (more than 10% of the found facts carry a different ISO date or country "
            "code than the text means): "
            + ", ".join(f"{f} ({d['tp'] - d['strict']['tp']} of {d['tp']})" for f, d in norm_gaps)
            + ". Always compare the normalized date with the date as written."
        )
    mismatches = report["language_detection"]["mismatches"]
    if mismatches:
        out.append(
            "Language detection disagreed with the annotated language on "
            + ", ".join(f"{m['doc']} ({m['language']} read as {m['detected']})" for m in mismatches)
            + "; the extractors then apply that language's rules."
        )
    return out


def render_doc(
    report: Mapping[str, Any], command: str, when: dt.datetime, ai_enabled: bool, sentence_tagger: bool = True
) -> str:
    """docs/declared-accuracy.md for a test-split report."""
    langs = list(report["languages"])
    lines = [
        "# Declared accuracy of the fact suggestions",
        "",
        "> Generated by `evaluation/facts_eval.py --write-doc`; do not edit by hand — rerun the command.",
        "",
        "## Intended purpose",
        "",
        "Examiner Workbench *suggests* facts (names, dates, places, events, claimed grounds...) found in an",
        "applicant's documents, each with a citation to the exact words on the page. The suggestions are a reading",
        "aid for the examiner, who accepts, edits or rejects every one. They are never findings: the software does",
        "not assess credibility, does not decide whether a ground applies, and a missing suggestion is not evidence",
        "that the document is silent. The figures below say how often the suggestions are right and how often",
        "facts are missed, so that examiners know how much reading they still have to do.",
        "",
        "## How it was measured",
        "",
        f"- Run: {when.strftime('%Y-%m-%d %H:%M %Z').strip()}, command `{command}`",
        f"- Extractors: `default_extractors(ai_enabled={ai_enabled})`; page languages from the language detector."
        + (
            " English sentences are also tagged as events and claimed grounds by their similarity to labelled"
            " example sentences (all-MiniLM-L6-v2 sentence embeddings)."
            if ai_enabled and sentence_tagger
            else ""
        ),
        f"- Data: the held-out **test** split of the gold set, {report['documents']} fictional documents "
        f"({', '.join(f'{k} {v}' for k, v in report['documents_per_language'].items())}), "
        f"{report['gold_facts']} annotated facts. Statements and forms as plain text (no OCR errors); conventions in "
        "`evaluation/facts/README.md`.",
        "- A suggestion counts as right when its span overlaps an annotated fact of the same field; *strict* also",
        "  requires the same normalized value (ISO date, ISO 3166 country code, the ground named). Precision: share",
        "  of suggestions that are right. Recall: share of annotated facts that are suggested. F1: their harmonic",
        "  mean. A second suggestion for an already found fact is not scored, nor is a place suggested on a country",
        "  of origin, nationality or port of entry. Groups: the average (macro) of their fields' F1.",
        "",
        "## Summary against the targets",
        "",
        "| group | fields | macro F1 | strict | target | result |",
        "|---|---|---|---|---|---|",
    ]
    for name, g in report["groups"].items():
        lines.append(
            f"| {name} | {', '.join(g['fields'])} | {_pct(g['macro_f1'])} | {_pct(g['macro_f1_strict_dates_countries'])}"
            f" | ≥ {_pct(g['target'])} | {'PASS' if g['pass'] else 'FAIL'} |"
        )
    lines += [
        "",
        "## Per field",
        "",
        "| field | annotated | suggested | precision | recall | F1 | strict F1 |",
        "|---|---|---|---|---|---|---|",
    ]
    for f, d in report["fields"].items():
        strict = _pct(d["strict"]["f1"]) if d["strict"] else ""
        lines.append(
            f"| {f} | {d['gold']} | {d['predicted']} | {_pct(d['precision'])} | {_pct(d['recall'])} | {_pct(d['f1'])}"
            f" | {strict} |"
        )
    lines += [
        "",
        "## Per language (all core fields)",
        "",
        "| language | documents | annotated | precision | recall | F1 |",
        "|---|---|---|---|---|---|",
    ]
    for lang, d in report["languages"].items():
        lines.append(
            f"| {lang} | {report['documents_per_language'][lang]} | {d['gold']} | {_pct(d['precision'])}"
            f" | {_pct(d['recall'])} | {_pct(d['f1'])} |"
        )
    lines += [
        "",
        "## F1 per field and language",
        "",
        "Small cells (a handful of facts) swing widely; read them as indications. — = nothing annotated.",
        "",
        "| field | " + " | ".join(langs) + " |",
        "|---|" + "---|" * len(langs),
    ]
    for f in CORE_FIELDS:
        cells = [_pct(report["field_language"][f][lang]["f1"]) for lang in langs]
        lines.append(f"| {f} | " + " | ".join(cells) + " |")
    cmp = report.get("text_vs_scan")
    if cmp:
        core = cmp["core"]
        lines += [
            "",
            "## From scans: the same documents as paper",
            "",
            "Every test document is also rendered as scan-like A4 pages (300 dpi, Noto fonts, toner noise, dust,",
            "a slight skew) and read by the product's own pipeline: OCR with automatically chosen languages, page",
            "language detection, the same extractors. Suggestions are mapped back onto the document's text by",
            "aligning the OCR text with it. All core fields together (micro):",
            f"text F1 {_pct(core['text']['f1'])} (P {_pct(core['text']['precision'])}, R {_pct(core['text']['recall'])}),",
            f"scans F1 {_pct(core['scan']['f1'])} (P {_pct(core['scan']['precision'])},"
            f" R {_pct(core['scan']['recall'])}), n = {core['text']['gold']} annotated facts.",
            "",
            "| field | n | text P | text R | text F1 | scan P | scan R | scan F1 | gap |",
            "|---|---|---|---|---|---|---|---|---|",
        ]
        for name, d in [("all core fields", core), *cmp["fields"].items()]:
            t, sc = d["text"], d["scan"]
            gap = "—" if d["gap_f1"] is None else f"{100 * d['gap_f1']:+.0f}"
            lines.append(
                f"| {name} | {t['gold']} | {_pct(t['precision'])} | {_pct(t['recall'])} | {_pct(t['f1'])}"
                f" | {_pct(sc['precision'])} | {_pct(sc['recall'])} | {_pct(sc['f1'])} | {gap} |"
            )
        lines += ["", "| language | n | text F1 | scan F1 | gap |", "|---|---|---|---|---|"]
        for lang, d in cmp["languages"].items():
            gap = "—" if d["gap_f1"] is None else f"{100 * d['gap_f1']:+.0f}"
            lines.append(
                f"| {lang} | {d['text']['gold']} | {_pct(d['text']['f1'])} | {_pct(d['scan']['f1'])} | {gap} |"
            )
        ocr = report.get("scans", {}).get("ocr", {})
        unread = sorted(
            {
                f"{doc} ({'/'.join(st['ocr_languages'])})"
                for doc, st in ocr.items()
                if (st.get("mean_confidence") or 0) < 0.6
            }
        )
        if unread:
            lines += [
                "",
                "Pages the automatic language choice read with the wrong language packs (mean word confidence below",
                "60%), so almost nothing was found on them: " + ", ".join(unread) + ".",
            ]
    lines += ["", "## Known limits", ""]
    lines += [f"- {item}" for item in _limits(report)]
    lines += [
        "- The test set is small (tens of facts per field, a few documents per language) and written by one",
        "  annotator; per-language figures for Urdu, Tamil, Sinhala, Burmese and Dari rest on one or two documents.",
        "- The main tables are for clean text; the scan table above shows what OCR costs per field.",
        "- Sentence-level fields (events, claimed grounds, travel routes) are scored by overlap: a suggestion that",
        "  covers part of the sentence counts as found, so read the whole sentence in the document.",
        "- A claimed ground is annotated only where the applicant's own words name the reason (faith, ethnicity,",
        "  political activity, sexual orientation, gender, family); the software never infers a ground.",
        "",
    ]
    return "\n".join(lines)


# --- command line --------------------------------------------------------------------------------------------


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--split", choices=("test", "dev", "all"), default="test")
    parser.add_argument("--json", type=Path, help="write the full report as JSON here")
    parser.add_argument("--write-doc", action="store_true", help="rewrite docs/declared-accuracy.md (test split)")
    parser.add_argument("--ai-off", action="store_true", help="rules only: default_extractors(ai_enabled=False)")
    parser.add_argument("--gold-languages", action="store_true", help="use the gold language, not the detector")
    parser.add_argument(
        "--no-sentence-tagger",
        action="store_true",
        help="AI on but without the sentence-embedding tagger of events and grounds (to measure what it adds)",
    )
    parser.add_argument("--errors", type=int, default=0, metavar="N", help="print the first N errors")
    parser.add_argument(
        "--no-scans",
        action="store_true",
        help="text only: skip the scan-like page images (rendered, OCRed and read by the real pipeline)",
    )
    parser.add_argument("--only", metavar="IDS", help="comma-separated document ids (a quick look; not for reports)")
    parser.add_argument("--gold", type=Path, default=GOLD_DIR, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.write_doc and args.split != "test":
        parser.error("--write-doc declares the held-out test split only; drop --split or use --split test")
    try:
        docs = load_gold(args.split, args.gold)
    except GoldError as exc:
        print(f"facts_eval: invalid gold set: {exc}", file=sys.stderr)
        return 2
    if args.only:
        wanted = set(args.only.split(","))
        docs = [d for d in docs if d.id in wanted]
    if not docs:
        print(f"facts_eval: no gold documents for split {args.split!r} in {args.gold}", file=sys.stderr)
        return 2
    started = dt.datetime.now().astimezone()
    predictions = predict(
        docs,
        ai_enabled=not args.ai_off,
        gold_languages=args.gold_languages,
        sentence_tagging=not args.no_sentence_tagger,
    )
    report = evaluate(docs, predictions)
    if not args.no_scans:
        from evaluation.facts_scan import predict_scans
        from examiner_app.extraction.facts import default_extractors

        extractors = default_extractors(ai_enabled=not args.ai_off, sentence_tagging=not args.no_sentence_tagger)
        scan_predictions, scan_stats = predict_scans(docs, extractors, log=lambda m: print(m, file=sys.stderr))
        report["scans"] = evaluate(docs, scan_predictions, max_errors=None)
        report["scans"]["ocr"] = scan_stats
        report["text_vs_scan"] = compare(report, report["scans"])
    command = "python evaluation/facts_eval.py " + " ".join(shlex.quote(a) for a in (argv or sys.argv[1:]))
    report["run"] = {
        "date": started.isoformat(timespec="seconds"),
        "command": command.strip(),
        "split": args.split,
        "ai_enabled": not args.ai_off,
        "sentence_tagger": not args.ai_off and not args.no_sentence_tagger,
        "languages_from": "gold" if args.gold_languages else "detector",
    }
    print(
        f"{len(docs)} documents ({args.split} split), {report['gold_facts']} gold facts; AI {'off' if args.ai_off else 'on'}"
    )
    print(format_tables(report))
    if "scans" in report:
        print()
        print(format_comparison(report["text_vs_scan"]))
    if args.errors:
        print()
        print(format_errors({**report, "errors": report["errors"][: args.errors]}))
        if "scans" in report:
            print("Scans:")
            print(format_errors({**report["scans"], "errors": report["scans"]["errors"][: args.errors]}))
    if args.json:
        args.json.write_text(json.dumps(report, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    if args.write_doc:
        DOC_PATH.write_text(
            render_doc(report, command.strip(), started, not args.ai_off, not args.no_sentence_tagger),
            encoding="utf-8",
        )
        print(f"\nwrote {DOC_PATH.relative_to(REPO)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
