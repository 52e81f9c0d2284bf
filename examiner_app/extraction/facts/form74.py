"""The Japanese application for recognition of refugee status (難民認定申請書, 法務省令様式第74号, as revised in
December 2023): its printed field labels, in Japanese and in the bilingual versions, mapped to our fields.

A page is read as the form when it carries the form's title (in Japanese or English) and at least three of its
labels at the start of a line. Each answer is the rest of its label's line: the fact's characters are exactly the
answer's (``page.text[start:end] == value``), its note names the printed label, so every value keeps its
provenance. The five-reason question (人種 race, 宗教 religion, 国籍 nationality, 特定の社会的集団の構成員であること
membership of a particular social group, 政治的意見 political opinion) gives a ``claimed_ground`` for each ticked box
(■ ☑ ✓ ✔ レ ☒ before the reason). The interviewer-sex preference is not a fact about the claim: it is returned by
:func:`form_prompts` as a prompt for the examiner (arrange the interview), never as a suggestion.

The labels are those of the form's items as this project renders them in its fictional sample; before relying on the
reader for real scans, check them against the printed sheet your office uses and add its wording to ``LABELS``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from examiner_app.domain import FactCandidate, FactField, ModelRef, PageText

NAME = "form74"
MODEL = ModelRef("rules", NAME, "1")
TITLES = ("難民認定申請書", "application for recognition of refugee status")
MIN_LABELS = 3
TICKS = "■☑✓✔☒レ☒"
UNTICKED = "□☐"

# (field, Japanese labels, English labels). The first label found at the start of a line wins; longer first.
LABELS: tuple[tuple[FactField | str, tuple[str, ...], tuple[str, ...]], ...] = (
    (FactField.NATIONALITY, ("国籍・地域", "国籍"), ("Nationality/Region", "Nationality")),
    (FactField.PERSON_NAME, ("氏名",), ("Name",)),
    (FactField.DATE_OF_BIRTH, ("生年月日",), ("Date of birth",)),
    (FactField.PLACE, ("出生地", "本国における居住地"), ("Place of birth", "Address in home country")),
    (FactField.ETHNICITY, ("民族",), ("Ethnic group",)),
    (FactField.RELIGION, ("宗教",), ("Religion",)),
    (FactField.LANGUAGE_SPOKEN, ("母語", "使用言語"), ("Native language", "Language")),
    (FactField.DOCUMENT_NUMBER, ("旅券番号",), ("Passport number", "Passport no.")),
    (FactField.DATE_OF_ENTRY, ("入国年月日", "上陸年月日"), ("Date of entry",)),
    (FactField.PORT_OF_ENTRY, ("入国港", "上陸港"), ("Port of entry",)),
    (FactField.TRAVEL_ROUTE, ("経由地",), ("Route", "Countries of transit")),
    (FactField.AGENT_OF_PERSECUTION, ("迫害の主体",), ("Agent of persecution", "Feared agent")),
    (FactField.PRIOR_APPLICATION, ("過去の申請",), ("Previous applications", "Previous claims")),
    (FactField.FAMILY_MEMBER, ("家族",), ("Family",)),
    (FactField.EVENT, ("保護を求めたか",), ("Sought protection",)),
    ("grounds", ("迫害の理由", "申請理由", "（続き）"), ("Reasons (tick)", "Grounds", "(cont.)")),
    ("interviewer_sex", ("面接官の性別の希望",), ("Interviewer's sex", "Interviewer")),
)
GROUNDS: tuple[tuple[str, str], ...] = (
    ("特定の社会的集団の構成員であること", "particular_social_group"),
    ("特定の社会的集団", "particular_social_group"),
    ("政治的意見", "political_opinion"),
    ("人種", "race"),
    ("宗教", "religion"),
    ("国籍", "nationality"),
)
SEX_OPTIONS = {"男性": "male", "女性": "female", "希望なし": "no_preference"}
_NUMBERING = re.compile(r"^\s*(?:\d+[.．)]\s*)?")


@dataclass(frozen=True)
class FormPrompt:
    """Something the form asks the office to do, for the examiner (not a fact about the claim)."""

    kind: str  # "interviewer_sex"
    value: str  # "female", "male", "no_preference"
    as_written: str
    start: int
    end: int
    label: str

    @property
    def message(self) -> str:
        if self.value == "no_preference":
            return "The applicant states no preference for the sex of the interviewer (Form 74)."
        return f"The applicant asks for a {self.value} interviewer (Form 74): arrange the interview accordingly."


@dataclass(frozen=True)
class _Answer:
    key: FactField | str
    label: str
    start: int  # of the answer in the page text
    end: int


def is_form74(text: str) -> bool:
    folded = text.casefold()
    return any(t in folded for t in TITLES) and len(_answers(text)) >= MIN_LABELS


def _answers(text: str) -> list[_Answer]:
    found: list[_Answer] = []
    offset = 0
    for line in text.split("\n"):
        lead = _NUMBERING.match(line)
        at = lead.end() if lead else 0
        for key, ja_labels, en_labels in LABELS:
            ja = next((lab for lab in ja_labels if line.startswith(lab, at)), None)
            en_start = at + len(ja) if ja else at
            rest = line[en_start:]
            stripped = len(rest) - len(rest.lstrip())
            en = next((lab for lab in en_labels if rest.lstrip().startswith(lab)), None)
            if ja is None and en is None:
                continue
            label_end = en_start + (stripped + len(en) if en else 0)
            value_start = label_end
            while value_start < len(line) and line[value_start] in " :：\t":
                value_start += 1
            value_end = len(line.rstrip())
            if value_end > value_start:
                label = " ".join(x for x in (ja, en) if x)
                found.append(_Answer(key, label, offset + value_start, offset + value_end))
            break
        offset += len(line) + 1
    return found


def _date(value: str) -> str | None:
    from examiner_app.extraction.facts.dates import find_dates

    dates = find_dates(value, "ja")
    return dates[0].normalized if dates else None


def _country(value: str) -> str | None:
    from examiner_app.extraction.facts.places import PlaceExtractor

    found = [c for c in PlaceExtractor().extract(PageText(1, value), "ja") if c.normalized]
    return found[0].normalized if found else None


def _ticked(text: str, start: int, end: int, options: tuple[tuple[str, str], ...]) -> list[tuple[int, int, str]]:
    """(start, end, normalised) of each option whose box is ticked in text[start:end]."""
    result = []
    segment = text[start:end]
    for index, ch in enumerate(segment):
        if ch not in TICKS:
            continue
        after = segment[index + 1 :].lstrip()
        skip = len(segment[index + 1 :]) - len(after)
        for word, norm in options:
            if after.startswith(word):
                s = start + index + 1 + skip
                result.append((s, s + len(word), norm))
                break
    return result


class Form74Extractor:
    """Facts from the answers of a Form 74 page (see the module docstring); declines other pages."""

    name = NAME

    def extract(self, page: PageText, language: str) -> list[FactCandidate]:
        text = page.text
        if not is_form74(text):
            return []
        out: list[FactCandidate] = []
        for answer in _answers(text):
            value = text[answer.start : answer.end]
            note = f"Form 74: the answer to the printed label '{answer.label}'"
            attrs = (("form", "74"), ("label", answer.label))
            if answer.key == "grounds":
                ticked = _ticked(text, answer.start, answer.end, GROUNDS)
                if not ticked and not any(ch in value for ch in UNTICKED):
                    # A written answer (no boxes): the first ground named in it.
                    ticked = [
                        (answer.start + value.find(w), answer.start + value.find(w) + len(w), n)
                        for w, n in GROUNDS
                        if w in value
                    ][:1]
                for s, e, norm in ticked:
                    out.append(
                        FactCandidate(
                            FactField.CLAIMED_GROUND, text[s:e], norm, s, e, 0.9, MODEL, note + " (ticked)", attrs
                        )
                    )
                continue
            if not isinstance(answer.key, FactField):
                continue  # the interviewer preference: a prompt (form_prompts), not a fact
            field = answer.key
            start, end = answer.start, answer.end
            if field is FactField.PRIOR_APPLICATION:
                cut = re.search(r"[（(]", value)
                end = answer.start + (cut.start() if cut else len(value))
                value = text[start:end].rstrip()
                end = start + len(value)
                first = value.split()[0] if value.split() else value
                normalized: str | None = "none" if first in ("無", "なし", "No", "no") else "JP"
            elif field in (FactField.DATE_OF_BIRTH, FactField.DATE_OF_ENTRY):
                normalized = _date(value)
            elif field in (FactField.NATIONALITY, FactField.PLACE):
                normalized = _country(value)
            elif field is FactField.DOCUMENT_NUMBER:
                normalized = value.strip()
            else:
                normalized = None
            if not value:
                continue
            out.append(FactCandidate(field, value, normalized, start, end, 0.9, MODEL, note, attrs))
        return out


def form_prompts(text: str) -> list[FormPrompt]:
    """Prompts for the examiner from a Form 74 page: the interviewer-sex preference, with its characters."""
    if not is_form74(text):
        return []
    prompts = []
    for answer in _answers(text):
        if answer.key != "interviewer_sex":
            continue
        for s, e, norm in _ticked(text, answer.start, answer.end, tuple(SEX_OPTIONS.items())):
            prompts.append(FormPrompt("interviewer_sex", norm, text[s:e], s, e, answer.label))
    return prompts


__all__ = ["LABELS", "Form74Extractor", "FormPrompt", "form_prompts", "is_form74"]
