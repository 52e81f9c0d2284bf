"""Identifying places, addresses and organisations in a page's free text that no fact names.

The facts give the places an examiner confirmed, at one span each; a statement names many more: the village a
father still lives in, the street of the shop, the newspaper the applicant wrote for. A trainee needs to know
that there was a village, a street, a newspaper; nobody needs which one. This module finds them with the same
place knowledge the extractors use (``extraction.facts.places``: the gazetteer, and the context patterns of
``local_places`` such as "from the village of X", "روستای X", "X köyünde", "X村") plus address and
organisation patterns per script, and returns the spans the pack replaces with a typed placeholder
("[place]", "[address]", "[organisation]"). Every occurrence of a place the pack generalises is found on every
page, not only where its fact was cited.

Kept: countries, nationalities and airports (the route and the claim are read from them), named armed groups and
parties (the claim's content, found by ``extraction.facts.groups``, not here); cities are kept unless the
trainer suppressed the region (``reident``). Written as patterns rather than a model: no NER model ships for
most of these languages (docs/declared-accuracy.md), and a missed span is caught by the leak check only when it
is also a known value, so the patterns err towards replacing.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from examiner_app.extraction.facts.local_places import find_local_places
from examiner_app.extraction.facts.places import CITY, find_places

PLACE, ADDRESS, ORGANISATION = "place", "address", "organisation"

_UP = "A-ZÀ-ÖØ-ÞİŞĞÇÜ"
_LATIN_CAP = rf"[{_UP}][\w'’&.-]*"
_LATIN_CAPS = rf"{_LATIN_CAP}(?:[ \t]+{_LATIN_CAP}){{0,3}}"
# Arabic-script words that end a name: particles, postpositions and verbs of the sentence around it.
_AR_STOP_WORDS = (
    "في من إلى الى على عن مع و أو ثم کے کی کا کو سے میں نے پر اور ہے تھا تھی ہیں تھے در از به با که را و تا برای "
    "این آن بود است کرد کردم کیا گیا لوگوں والے ایک یک زدند کتک کردند شد شدم رفتم مرا ما"
)
_AR_STOPS = frozenset(_AR_STOP_WORDS.split())
_AR_WORD = r"[\u0600-\u06FF\u200c]+"

_STREET_WORDS = r"Street|St\.|Road|Rd\.|Avenue|Ave\.|Lane|Boulevard|Blvd\.|Drive|Square|Sokak|Sokağı|Caddesi|Bazaar"
_ORG_AFTER = r"Times|Daily|Post|Tribune|Herald|Gazette|Journal|News|Newspaper|Magazine|Ltd\.?|LLC|Inc\.?|Co\.|Company"
_ORG_BEFORE = (
    r"newspaper|magazine|journal|company|firm|NGO|association|organisation|organization|charity|radio|"
    r"société|entreprise|hebdomadaire|quotidien"
)


# Regions are coarse enough to keep (a province names millions): the noun before or after a context-named place.
_REGION_BEFORE = re.compile(
    r"(?i:province|region|state|governorate|wilaya|région|département|préfecture)[ \t]+(?:of|de|du|d['’])[ \t]*"
    r"(?:the[ \t]+|l['’])?$|(?:استان|محافظة|بمحافظة|ولاية|بولاية|ولایت|صوبہ|صوبے|منطقة|بمنطقة)[ \t]+$"
)
_REGION_AFTER = re.compile(
    r"(?i:[ \t]+(?:province|region|state|governorate)$)|(?:ili|ilinde|bölgesi|bölgesinde|県|州|地方|ပြည်နယ်|"
    r"တိုင်းဒေသကြီး)$"
)


# Prisons and camps are kept too: country information names them, and thousands were held in each.
_DETENTION = re.compile(
    r"(?i:prison|jail|camp|detention|cezaev|kampı)|刑務所|収容所|キャンプ|拘置所|سجن|زندان|جیل|کیمپ|مخيم|اردوگاه|کمپ|"
    r"முகாம்|சிறை|කඳවුර|බන්ධනාගාර|စခန်း"
)


def _is_detention_place(text: str, start: int, end: int) -> bool:
    return bool(_DETENTION.search(text[max(0, start - 20) : min(len(text), end + 12)]))


def _is_region(text: str, start: int, end: int) -> bool:
    return bool(_REGION_BEFORE.search(text[max(0, start - 30) : start]) or _REGION_AFTER.search(text[start:end]))


@dataclass(frozen=True, slots=True)
class FreeTextSpan:
    start: int
    end: int
    kind: str  # place | address | organisation
    why: str


@lru_cache(maxsize=1)
def _patterns() -> list[tuple[re.Pattern[str], str, str]]:
    """(pattern with a ``span`` group, kind, why)."""
    return [
        # "12 Mall Road", "Mall Road", "Zafer Caddesi": a street name with its number
        (
            re.compile(rf"(?P<span>(?:\b\d{{1,5}}[A-Za-z]?,?[ \t]+)?{_LATIN_CAPS}[ \t]+(?:{_STREET_WORDS}))(?!\w)"),
            ADDRESS,
            "a street",
        ),
        # "rue de la Paix", "avenue Lumumba", "12, rue X"
        (
            re.compile(
                rf"(?P<span>(?:\b\d{{1,5}},?[ \t]+)?(?i:rue|avenue|boulevard|quartier)[ \t]+"
                rf"(?:de[ \t]+la[ \t]+|de[ \t]+l['’]|du[ \t]+|des[ \t]+|de[ \t]+)?{_LATIN_CAPS})"
            ),
            ADDRESS,
            "a street",
        ),
        # "House No. 12", "house number 45"
        (re.compile(r"(?i)(?P<span>\bhouse[ \t]+(?:no\.?|number)[ \t]*\d+[A-Za-z]?)"), ADDRESS, "a house number"),
        # شارع / خیابان / کوچه / گلی / محلہ + up to three words
        (
            re.compile(
                rf"(?P<span>(?<![\u0600-\u06FF])(?:شارع|بشارع|خیابان|کوچه|کوچهٔ|گلی|محلہ|محله|زقاق)"
                rf"(?:[ \t]+(?:{_AR_WORD}|[0-9\u0660-\u0669\u06F0-\u06F9]+)){{1,3}})"
            ),
            ADDRESS,
            "a street or quarter",
        ),
        # مکان نمبر 12, پلاک 12
        (
            re.compile(r"(?P<span>(?:مکان[ \t]+نمبر|پلاک|منزل[ \t]+رقم)[ \t]*[0-9\u0660-\u0669\u06F0-\u06F9]+)"),
            ADDRESS,
            "a house number",
        ),
        # 3丁目5番地, 中町2丁目
        (
            re.compile(
                r"(?P<span>[\u4e00-\u9fff\u30a0-\u30ff]{0,8}[0-9０-９一二三四五六七八九十]+丁目"
                r"(?:[0-9０-９]+番地?)?(?:[0-9０-９]+号)?)"
            ),
            ADDRESS,
            "a street address",
        ),
        # "the Daily Star", "Dawn News", "Karachi Traders Ltd"
        (
            re.compile(rf"(?P<span>(?:\b[Tt]he[ \t]+)?{_LATIN_CAPS}[ \t]+(?:{_ORG_AFTER}))(?!\w)"),
            ORGANISATION,
            "a newspaper or company",
        ),
        # "the Northern Lantern, a small Tamil weekly newspaper"
        (
            re.compile(
                rf"(?P<span>\b[Tt]he[ \t]+{_LATIN_CAPS}),[ \t]+an?[ \t]+(?:[\w-]+[ \t]+){{0,4}}?"
                r"(?:newspaper|weekly|daily|magazine|journal|radio|station|company|firm|NGO|organi[sz]ation|"
                r"association|charity)\b"
            ),
            ORGANISATION,
            "a newspaper or company described after its name",
        ),
        # "the newspaper Al-Watan", "journal Le Pays", "company called Star Traders"
        (
            re.compile(
                rf"(?i:\b(?:{_ORG_BEFORE}))[ \t]+(?:(?i:called|named)[ \t]+)?[\"“«]?(?P<span>{_LATIN_CAPS})[\"”»]?"
            ),
            ORGANISATION,
            "a newspaper, company or association",
        ),
        # روزنامہ جنگ, روزنامه اطلاعات, صحيفة الوطن, جريدة, مجلة, شرکت, کمپنی
        (
            re.compile(
                rf"(?<![\u0600-\u06FF])(?:روزنامہ|روزنامه|اخبار|صحيفة|جريدة|مجلة|مجله|شرکت|کمپنی|شركة)"
                rf"[ \t]+[«\"]?(?P<span>{_AR_WORD}(?:[ \t]+{_AR_WORD}){{0,2}})"
            ),
            ORGANISATION,
            "a newspaper or company",
        ),
        # 毎日新聞, 株式会社サクラ, サクラ株式会社
        (
            re.compile(
                r"(?P<span>(?:株式会社[\u4e00-\u9fff\u30a0-\u30ff]{1,12})|"
                r"(?:[\u4e00-\u9fff\u30a0-\u30ff]{1,12}(?:新聞|株式会社|有限会社|通信社)))"
            ),
            ORGANISATION,
            "a newspaper or company",
        ),
    ]


def _trim_arabic(text: str, start: int, end: int) -> int:
    """End of an Arabic-script name before the first particle or verb (``گلی نمبر 4 میں`` -> ``گلی نمبر 4``);
    ``start`` when the name would begin with one."""
    last_end = start
    for m in re.finditer(r"\S+", text[start:end]):
        if m.group() in _AR_STOPS:
            return last_end
        last_end = start + m.end()
    return end


def _occurrences(text: str, value: str) -> Iterable[tuple[int, int]]:
    value = value.strip()
    if len(value) < 3:
        return
    body = r"\s+".join(re.escape(p) for p in value.split())
    for m in re.finditer(rf"(?<![\w]){body}(?![\w])", text, flags=re.IGNORECASE):
        yield m.start(), m.end()


def find_spans(
    text: str,
    language: str,
    *,
    generalised_values: Sequence[str] = (),
    keep_cities: bool = True,
    home_countries: frozenset[str] = frozenset(),
) -> list[FreeTextSpan]:
    """Spans of ``text`` to generalise, not overlapping each other, in reading order.

    ``generalised_values``: places the pack generalises elsewhere (a fact's value), found at every occurrence;
    ``keep_cities``: whether gazetteer cities stay (the region quasi-identifier is kept at the "city" step);
    when they go, only those of ``home_countries`` (ISO alpha-2) go, where it is known: the region is where the
    applicant comes from, and the cities of the route (Bangkok, Istanbul) identify nobody."""
    out: list[FreeTextSpan] = []

    def add(start: int, end: int, kind: str, why: str) -> None:
        while end > start and text[end - 1] in " \t.,;:،؛":
            end -= 1
        if end <= start or any(s.start < end and start < s.end for s in out):
            return
        out.append(FreeTextSpan(start, end, kind, why))

    for value in sorted({v for v in generalised_values if v.strip()}, key=len, reverse=True):
        for start, end in _occurrences(text, value):
            add(start, end, PLACE, "a place the pack generalises")
    for pattern, kind, why in _patterns():
        for m in pattern.finditer(text):
            start, end = m.span("span")
            if re.match(r"[\u0600-\u06FF]", text[start:end] or " "):
                end = _trim_arabic(text, start, end)
            add(start, end, kind, why)
    gazetteer = find_places(text)
    if not keep_cities:
        for hit in gazetteer:
            if hit.payload.kind == CITY and (not home_countries or hit.payload.cc in home_countries):
                add(hit.start, hit.end, PLACE, "a city (the region is suppressed)")
    taken = [(h.start, h.end) for h in gazetteer] + [(s.start, s.end) for s in out]
    for lp in find_local_places(text, taken, language):
        if _is_region(text, lp.start, lp.end) or _is_detention_place(text, lp.start, lp.end):
            continue
        if not any(ch.isalpha() for ch in text[lp.start : lp.end]):
            continue  # a year after مواليد ("born in"), not a place
        add(lp.start, lp.end, PLACE, f"a place named by its context ({lp.note})")
    return sorted(out, key=lambda s: s.start)
