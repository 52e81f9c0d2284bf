"""Person- and place-name accuracy per language, on real annotated text (``evaluation/names/gold/<lang>.jsonl``).

Each gold sentence becomes a one-block page in its annotated language; the product's own extractors
(:func:`examiner_app.extraction.facts.default_extractors`, AI on unless ``--ai-off``) read it through
:func:`extract_facts`, exactly as the app reads a page. Their ``person_name`` suggestions are scored against the
``PERSON`` spans and their ``place``, ``country_of_origin`` and ``port_of_entry`` suggestions against the ``PLACE``
spans, by span overlap with :func:`facts_eval.match_document` (one match per gold span and per suggestion; a second
suggestion on an already matched span is a duplicate, not scored). The report gives P/R/F1 per language and label
with n (gold spans), the macro average of the languages' F1, and which engine (a name model: spaCy, Natasha, underthesea; or the rules and
gazetteer) made each suggestion. Conventions and sources: ``evaluation/names/README.md``.

Usage::

    python evaluation/names_eval.py [--ai-off] [--languages en,fr] [--json PATH] [--write-doc] [--errors N]

``--write-doc`` rewrites ``docs/name-recognition-accuracy.md`` from the run. Exit status 2 on an invalid gold file.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import shlex
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from evaluation.facts_eval import Counts, GoldFact, Pred, match_document  # noqa: E402
from examiner_app.domain import FactCandidate, LanguageGuess, PageSource, PageText, TextBlock  # noqa: E402

GOLD_DIR = REPO / "evaluation" / "names" / "gold"
RESULTS_PATH = REPO / "evaluation" / "results" / "names_eval.json"
DOC_PATH = REPO / "docs" / "name-recognition-accuracy.md"

LABELS = ("PERSON", "PLACE")
#: Gold label -> the fact field its spans are scored as (match_document scores by field name).
LABEL_FIELD = {"PERSON": "person_name", "PLACE": "place"}
#: Suggested field -> the gold label it is scored against. A country suggested as someone's country of origin or
#: as a port of entry still names a place.
FIELD_LABEL = {
    "person_name": "PERSON",
    "place": "PLACE",
    "country_of_origin": "PLACE",
    "port_of_entry": "PLACE",
}
MIN_ENTITIES_PER_LANGUAGE = 20


@dataclass(frozen=True)
class Entity:
    start: int
    end: int
    label: str
    text: str


@dataclass(frozen=True)
class Sentence:
    id: str
    language: str
    text: str
    entities: tuple[Entity, ...]


class GoldError(ValueError):
    """A gold file breaks the format; the message names the file, the line and what is wrong."""


def validate_sentence(raw: Mapping[str, Any], where: str) -> list[str]:
    """Every problem with one gold line (empty when it is valid)."""
    problems: list[str] = []
    text, entities = raw.get("text"), raw.get("entities")
    if not isinstance(raw.get("id"), str) or not isinstance(raw.get("language"), str):
        problems.append(f"{where}: 'id' and 'language' must be strings")
    if not isinstance(text, str) or not isinstance(entities, list):
        return [*problems, f"{where}: 'text' must be a string and 'entities' a list"]
    spans: list[tuple[int, int]] = []
    for i, ent in enumerate(entities):
        at = f"{where} entity {i}"
        start, end, label, value = ent.get("start"), ent.get("end"), ent.get("label"), ent.get("text")
        if label not in LABELS:
            problems.append(f"{at}: label {label!r} is not one of {', '.join(LABELS)}")
        if not isinstance(start, int) or not isinstance(end, int) or not 0 <= start < end <= len(text):
            problems.append(f"{at}: bad span {start!r}..{end!r}")
            continue
        if text[start:end] != value:
            problems.append(f"{at}: text[{start}:{end}] is {text[start:end]!r}, not {value!r}")
        elif value != value.strip():
            problems.append(f"{at}: {value!r} has leading or trailing whitespace")
        if any(s < end and start < e for s, e in spans):
            problems.append(f"{at}: overlaps an earlier entity")
        spans.append((start, end))
    return problems


def load_gold(gold_dir: Path = GOLD_DIR, languages: Iterable[str] | None = None) -> dict[str, list[Sentence]]:
    """Language -> its gold sentences (file order); raises :class:`GoldError` listing the first problems."""
    wanted = set(languages) if languages else None
    out: dict[str, list[Sentence]] = {}
    problems: list[str] = []
    for path in sorted(gold_dir.glob("*.jsonl")):
        lang = path.stem
        if wanted is not None and lang not in wanted:
            continue
        sentences: list[Sentence] = []
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            where = f"{path.name}:{n}"
            try:
                raw = json.loads(line)
            except json.JSONDecodeError as exc:
                problems.append(f"{where}: not JSON ({exc})")
                continue
            found = validate_sentence(raw, where)
            if raw.get("language") != lang:
                found.append(f"{where}: language {raw.get('language')!r} differs from the file name")
            problems.extend(found)
            if not found:
                ents = tuple(Entity(e["start"], e["end"], e["label"], e["text"]) for e in raw["entities"])
                sentences.append(Sentence(raw["id"], lang, raw["text"], ents))
        out[lang] = sentences
    if problems:
        raise GoldError("; ".join(problems[:5]) + (f" (+{len(problems) - 5} more)" if len(problems) > 5 else ""))
    return out


# --- running the product ------------------------------------------------------------------------------------


def one_block_page(sentence: Sentence) -> PageText:
    """The sentence as a plain-text page with one block in the annotated language (no language detection)."""
    guess = (LanguageGuess(sentence.language, 1.0),)
    return PageText(
        page_number=1,
        text=sentence.text,
        source=PageSource.PLAIN_TEXT,
        languages=guess,
        blocks=(TextBlock(0, len(sentence.text), None, guess),),
    )


def predict(gold: Mapping[str, Sequence[Sentence]], ai_enabled: bool = True) -> dict[str, list[FactCandidate]]:
    """Sentence id -> the product's person and place suggestions on it."""
    from examiner_app.extraction.facts import default_extractors, extract_facts

    extractors = default_extractors(ai_enabled=ai_enabled)
    return {
        s.id: [c for c in extract_facts(one_block_page(s), extractors) if c.field.value in FIELD_LABEL]
        for sentences in gold.values()
        for s in sentences
    }


# --- scoring ------------------------------------------------------------------------------------------------


def engine_of(c: FactCandidate | Pred) -> str:
    """``spacy/<model>`` for a model's suggestion, ``rules/<family>`` for the rules and the gazetteer."""
    model = getattr(c, "model", None)
    return f"{model.engine}/{model.model}" if model is not None else "unknown"


def _as_pred(c: FactCandidate | Pred) -> Pred:
    fld = c.field if isinstance(c, Pred) else c.field.value
    return Pred(LABEL_FIELD[FIELD_LABEL[fld]], c.value, c.normalized, c.start, c.end)


def score_sentence(
    sentence: Sentence, suggestions: Sequence[FactCandidate | Pred]
) -> tuple[dict[str, Counts], list[dict[str, str]]]:
    """Label -> counts for one sentence, and its errors (missed gold spans, spurious suggestions)."""
    gold = [GoldFact(LABEL_FIELD[e.label], e.text, None, e.start, e.end) for e in sentence.entities]
    preds = [_as_pred(c) for c in suggestions if (c.field if isinstance(c, Pred) else c.field.value) in FIELD_LABEL]
    by_field, errors = match_document(gold, preds, sentence.id, sentence.language)
    field_label = {v: k for k, v in LABEL_FIELD.items()}
    counts = {label: by_field.get(LABEL_FIELD[label], Counts()) for label in LABELS}
    return counts, [
        {"id": e.doc, "label": field_label[e.field], "kind": e.kind, "text": e.value}
        for e in errors
        if e.field in field_label
    ]


def _row(c: Counts) -> dict[str, Any]:
    return {"n": c.tp + c.fn, "predicted": c.tp + c.fp, "tp": c.tp, "fp": c.fp, "fn": c.fn, **c.scores()}


def evaluate(
    gold: Mapping[str, Sequence[Sentence]], predictions: Mapping[str, Sequence[FactCandidate | Pred]]
) -> dict[str, Any]:
    """Per language: P/R/F1 per label and both labels together (micro), with n; the macro over languages;
    and per language which engine made the suggestions and how many of them overlap a gold span of their label."""
    languages: dict[str, Any] = {}
    errors: list[dict[str, str]] = []
    for lang, sentences in sorted(gold.items()):
        per_label = {label: Counts() for label in LABELS}
        engines: dict[str, Counter[str]] = defaultdict(Counter)
        for s in sentences:
            suggestions = predictions.get(s.id, [])
            counts, errs = score_sentence(s, suggestions)
            for label in LABELS:
                per_label[label].add(counts[label])
            errors.extend(errs)
            for c in suggestions:
                fld = c.field if isinstance(c, Pred) else c.field.value
                wanted = FIELD_LABEL.get(fld)
                if wanted is None:
                    continue
                right = any(e.label == wanted and e.start < c.end and c.start < e.end for e in s.entities)
                engines[engine_of(c)]["right" if right else "wrong"] += 1
        both = Counts()
        for label_counts in per_label.values():
            both.add(label_counts)
        languages[lang] = {
            "sentences": len(sentences),
            **{label: _row(c) for label, c in per_label.items()},
            "combined": _row(both),
            "engines": {name: dict(counter) for name, counter in sorted(engines.items())},
        }
    return {"languages": languages, "macro": macro(languages), "errors": errors}


def macro(languages: Mapping[str, Mapping[str, Any]], only: Iterable[str] | None = None) -> dict[str, Any]:
    """Unweighted mean over languages of the per-language F1 (combined, and per label where annotated)."""
    keep = [lang for lang in languages if only is None or lang in set(only)]
    out: dict[str, Any] = {"languages": keep}
    for key in ("combined", *LABELS):
        values = [languages[lang][key]["f1"] for lang in keep if languages[lang][key]["f1"] is not None]
        out[key] = sum(values) / len(values) if values else None
    return out


def product_languages() -> frozenset[str]:
    from examiner_app.extraction.language import SUPPORTED_LANGUAGES

    return frozenset(SUPPORTED_LANGUAGES)


#: Manifest engine kinds that recognise person and place names (``facts.language_ner_extractors``).
NAME_ENGINES = ("spacy", "natasha", "underthesea")


def model_languages() -> dict[str, str]:
    """Language -> the installed name/place model the app routes its blocks to (from models/manifest.toml): a spaCy
    pipeline, Natasha or underthesea."""
    from examiner_app.models import load_manifest

    out: dict[str, str] = {}
    for spec in load_manifest().values():
        if spec.engine in NAME_ENGINES and spec.available():
            for lang in spec.languages:
                out.setdefault(lang, spec.name)
    return out


# --- output -------------------------------------------------------------------------------------------------


def _f(x: float | None) -> str:
    return "  —  " if x is None else f"{x:.3f}"


def format_table(report: Mapping[str, Any], models: Mapping[str, str]) -> str:
    head = f"{'lang':5} {'model':18} " + "  ".join(f"{k:^26}" for k in ("PERSON n P R F1", "PLACE n P R F1", "both"))
    lines = [head]
    for lang, d in report["languages"].items():
        cells = []
        for key in (*LABELS, "combined"):
            r = d[key]
            cells.append(f"{r['n']:>4} {_f(r['precision'])} {_f(r['recall'])} {_f(r['f1'])}")
        lines.append(f"{lang:5} {models.get(lang, 'rules+gazetteer'):18} " + "  ".join(f"{c:26}" for c in cells))
    for name, m in report["macros"].items():
        lines.append(
            f"macro F1 over {len(m['languages'])} languages ({name}): both {_f(m['combined'])}, "
            f"PERSON {_f(m['PERSON'])}, PLACE {_f(m['PLACE'])}"
        )
    lines.append("")
    lines.append("Suggestions per engine (right = overlaps a gold span of its label):")
    for lang, d in report["languages"].items():
        parts = [f"{e} {c.get('right', 0)} right / {c.get('wrong', 0)} wrong" for e, c in d["engines"].items()]
        lines.append(f"  {lang:5} " + ("; ".join(parts) or "none"))
    return "\n".join(lines)


def _pct(x: float | None) -> str:
    return "—" if x is None else f"{x:.2f}"


def render_doc(report: Mapping[str, Any], models: Mapping[str, str], command: str, when: dt.datetime) -> str:
    lines = [
        "# Person and place name recognition: measured accuracy",
        "",
        f"> Generated by `{command}` on {when.strftime('%Y-%m-%d %H:%M UTC')}; do not edit by hand, rerun it.",
        "",
        "What the figures say: how often the person-name and place suggestions the app makes on a page are right",
        "(precision), and how many of the names and places in the text it suggests (recall). The suggestions are",
        "a reading aid; a name or place not suggested is still in the document.",
        "",
        "## How it was measured",
        "",
        "- Data: real text nobody on this project wrote, hand-annotated here with PERSON and PLACE spans: TICO-19",
        "  test sentences (CC0; the same sentences in every language) and, for Japanese, Leipzig web sentences from",
        "  the Lingua test data. Sources, selection and conventions: `evaluation/names/README.md`.",
        "- Each sentence is one page with one block in its annotated language, read by the app's",
        f"  `default_extractors(ai_enabled={report['ai_enabled']})`: rules, gazetteer and the name models (spaCy, Natasha, underthesea) the",
        "  manifest routes to that language.",
        "- `person_name` suggestions are scored against PERSON spans; `place`, `country_of_origin` and",
        "  `port_of_entry` against PLACE spans. A suggestion is right when it overlaps a gold span of its label.",
        "  n = gold spans. Macro = unweighted mean of the languages' F1.",
        "- This is a **dev** set: the gazetteer and its matching were improved while reading its errors (the",
        "  figures after each change are in the README), so these are not held-out figures. One annotator.",
        "",
        "## Per language",
        "",
        "| language | engine for names | PERSON n | P | R | F1 | PLACE n | P | R | F1 | both n | P | R | F1 |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for lang, d in report["languages"].items():
        cells = []
        for key in (*LABELS, "combined"):
            r = d[key]
            cells += [str(r["n"]), _pct(r["precision"]), _pct(r["recall"]), _pct(r["f1"])]
        engine = f"`{models[lang]}` + rules" if lang in models else "rules + gazetteer"
        lines.append(f"| {lang} | {engine} | " + " | ".join(cells) + " |")
    lines += [
        "",
        "## Macro averages",
        "",
        "| over | languages | both F1 | PERSON F1 | PLACE F1 |",
        "|---|---|---|---|---|",
    ]
    for name, m in report["macros"].items():
        lines.append(
            f"| {name} | {', '.join(m['languages'])} | {_pct(m['combined'])} | {_pct(m['PERSON'])} | {_pct(m['PLACE'])} |"
        )
    lines += [
        "",
        "## Which engine made the suggestions",
        "",
        "Right = overlaps a gold span of its label (a second suggestion on the same span counts here too).",
        "",
        "| language | engine | right | wrong |",
        "|---|---|---|---|",
    ]
    for lang, d in report["languages"].items():
        for engine, c in d["engines"].items():
            lines.append(f"| {lang} | `{engine}` | {c.get('right', 0)} | {c.get('wrong', 0)} |")
    lines.append("")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--ai-off", action="store_true", help="rules and gazetteer only (no spaCy pipelines)")
    ap.add_argument("--languages", help="comma-separated gold languages (default: all)")
    ap.add_argument("--gold", type=Path, default=GOLD_DIR)
    ap.add_argument("--json", type=Path, default=RESULTS_PATH, help=f"report path (default {RESULTS_PATH})")
    ap.add_argument("--write-doc", action="store_true", help=f"rewrite {DOC_PATH.relative_to(REPO)}")
    ap.add_argument("--errors", type=int, default=0, help="print the first N errors")
    args = ap.parse_args(argv)
    try:
        gold = load_gold(args.gold, args.languages.split(",") if args.languages else None)
    except GoldError as exc:
        print(f"invalid gold: {exc}", file=sys.stderr)
        return 2
    report = evaluate(gold, predict(gold, ai_enabled=not args.ai_off))
    models = {} if args.ai_off else {lang: m for lang, m in model_languages().items() if lang in gold}
    product = product_languages()
    report["ai_enabled"] = not args.ai_off
    report["models"] = models
    report["macros"] = {
        "languages the product lists": macro(report["languages"], [lang for lang in gold if lang in product]),
        "languages with a name model": macro(report["languages"], list(models)),
        "languages on rules and gazetteer only": macro(
            report["languages"], [lang for lang in gold if lang not in models]
        ),
    }
    del report["macro"]
    print(format_table(report, models))
    for e in report["errors"][: args.errors]:
        print(f"  {e['id']:18} {e['label']:7} {e['kind']:9} {e['text']!r}")
    command = "python evaluation/names_eval.py " + " ".join(shlex.quote(a) for a in (argv or sys.argv[1:]))
    report["command"] = command.strip()
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(report, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    if args.write_doc:
        DOC_PATH.write_text(render_doc(report, models, report["command"], dt.datetime.now(dt.UTC)), encoding="utf-8")
        print(f"wrote {DOC_PATH.relative_to(REPO)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
