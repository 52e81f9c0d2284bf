"""Pseudonyms: one per person for the whole pack, in every script the person's name is written in.

1. Every name the case holds (person, family member and agent facts, MRZ name fields) is a *mention*.
2. Mentions are linked by the transliteration-tolerant matcher (``extraction.facts.name_match``): "Naveed
   Ahmad Chaudhry" and "نوید احمد چوہدری" score as one person; katakana names are compared through a romaji
   reading. The trainer sees every link with its reason and may split it (or merge two clusters) before export.
3. Inside a cluster the matcher's token pairs say which part is which ("Naveed" = "نوید"); identical parts
   anywhere in the case are one part (the family name the applicant shares with the father stays shared).
4. Each part group gets one pseudonym part from a list of the case's name culture, with a form in each script
   (Latin, Arabic script, Tamil, Sinhala, Myanmar, katakana), whose initial differs from the real part's in
   every script; the form written is the one of the script the occurrence uses, in its letter case.
"""

from __future__ import annotations

import random
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from examiner_app.extraction.facts import name_match

# --------------------------------------------------------------------------------------------
# Scripts
# --------------------------------------------------------------------------------------------

LATIN, ARABIC, TAMIL, SINHALA, MYANMAR, KATAKANA, HAN, OTHER = (
    "latin",
    "arabic",
    "tamil",
    "sinhala",
    "myanmar",
    "katakana",
    "han",
    "other",
)


def script_of(text: str) -> str:
    """The script of the first letter of ``text`` that is not Latin punctuation."""
    for ch in text:
        cp = ord(ch)
        if not ch.isalpha() and not 0x0B80 <= cp <= 0x0DFF and not 0x1000 <= cp <= 0x109F:
            continue
        if 0x0600 <= cp <= 0x06FF or 0x0750 <= cp <= 0x077F or 0xFB50 <= cp <= 0xFEFF:
            return ARABIC
        if 0x0B80 <= cp <= 0x0BFF:
            return TAMIL
        if 0x0D80 <= cp <= 0x0DFF:
            return SINHALA
        if 0x1000 <= cp <= 0x109F:
            return MYANMAR
        if 0x30A0 <= cp <= 0x30FF or 0x31F0 <= cp <= 0x31FF:
            return KATAKANA
        if 0x4E00 <= cp <= 0x9FFF or 0x3040 <= cp <= 0x309F:
            return HAN
        if cp < 0x0250 or 0x1E00 <= cp <= 0x1EFF:
            return LATIN
        return OTHER
    return LATIN


# Katakana -> romaji, enough to compare a katakana name with its Latin spelling.
_KANA = dict(
    zip(
        "アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワヲン"
        "ガギグゲゴザジズゼゾダヂヅデドバビブベボパピプペポ",
        [
            "a",
            "i",
            "u",
            "e",
            "o",
            "ka",
            "ki",
            "ku",
            "ke",
            "ko",
            "sa",
            "shi",
            "su",
            "se",
            "so",
            "ta",
            "chi",
            "tsu",
            "te",
            "to",
            "na",
            "ni",
            "nu",
            "ne",
            "no",
            "ha",
            "hi",
            "fu",
            "he",
            "ho",
            "ma",
            "mi",
            "mu",
            "me",
            "mo",
            "ya",
            "yu",
            "yo",
            "ra",
            "ri",
            "ru",
            "re",
            "ro",
            "wa",
            "o",
            "n",
            "ga",
            "gi",
            "gu",
            "ge",
            "go",
            "za",
            "ji",
            "zu",
            "ze",
            "zo",
            "da",
            "ji",
            "zu",
            "de",
            "do",
            "ba",
            "bi",
            "bu",
            "be",
            "bo",
            "pa",
            "pi",
            "pu",
            "pe",
            "po",
        ],
        strict=True,
    )
)
_SMALL = {"ャ": "ya", "ュ": "yu", "ョ": "yo", "ァ": "a", "ィ": "i", "ゥ": "u", "ェ": "e", "ォ": "o"}


def katakana_to_latin(text: str) -> str:
    out: list[str] = []
    double = False
    for ch in text:
        if ch in "・･ ":
            out.append(" ")
        elif ch == "ッ":
            double = True
            continue
        elif ch == "ー":
            if out and out[-1] and out[-1][-1] in "aeiou":
                out[-1] += out[-1][-1]
        elif ch in _SMALL:
            prev = out[-1] if out else ""
            if prev.endswith(("i",)) and len(prev) > 1 and _SMALL[ch].startswith("y"):
                out[-1] = prev[:-1] + _SMALL[ch]
            else:
                out.append(_SMALL[ch])
        elif ch in _KANA:
            syl = _KANA[ch]
            if double and syl[0] not in "aeiou":
                syl = syl[0] + syl
            out.append(syl)
        else:
            out.append(ch)
        double = False
    return "".join(out).title()


_ROMAJI = sorted(
    [(v, k) for k, v in _KANA.items() if k not in "ヂヅヲ"]
    + [("kya", "キャ"), ("kyu", "キュ"), ("kyo", "キョ"), ("sha", "シャ"), ("shu", "シュ"), ("sho", "ショ")]
    + [("cha", "チャ"), ("chu", "チュ"), ("cho", "チョ"), ("nya", "ニャ"), ("hya", "ヒャ"), ("rya", "リャ")]
    + [("ja", "ジャ"), ("ju", "ジュ"), ("jo", "ジョ"), ("fa", "ファ"), ("fi", "フィ"), ("ti", "ティ"), ("di", "ディ")]
    + [("la", "ラ"), ("li", "リ"), ("lu", "ル"), ("le", "レ"), ("lo", "ロ"), ("va", "バ"), ("vi", "ビ")]
    + [("ve", "ベ"), ("wi", "ウィ"), ("we", "ウェ"), ("ca", "カ"), ("co", "コ"), ("cu", "ク"), ("qa", "カ")]
    + [("th", "ス"), ("ya", "ヤ"), ("ye", "イェ")],
    key=lambda t: -len(t[0]),
)


def latin_to_katakana(name: str) -> str:
    """A plausible katakana reading of a Latin name (for a surrogate that must appear in a Japanese note)."""
    words = []
    for word in name.split():
        s = word.casefold()
        out = ""
        i = 0
        while i < len(s):
            if i + 1 < len(s) and s[i] == s[i + 1] and s[i] not in "aeioun":
                out += "ッ"
                i += 1
                continue
            for roman, kana in _ROMAJI:
                if s.startswith(roman, i):
                    out += kana
                    i += len(roman)
                    break
            else:
                ch = s[i]
                if ch in "aeiou" and out:
                    out += "ー"
                elif ch == "n" or ch == "m":
                    out += "ン"
                elif ch.isalpha():
                    out += {"k": "ク", "t": "ト", "d": "ド", "s": "ス", "r": "ル", "l": "ル", "b": "ブ"}.get(ch, "ル")
                i += 1
        words.append(out)
    return "・".join(words)


# --------------------------------------------------------------------------------------------
# Name lists (our own where Faker has no locale with the scripts the case needs)
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class NamePart:
    """One pseudonym part with its forms: ``{"latin": "Karim", "arabic": "كريم", ...}``."""

    forms: tuple[tuple[str, str], ...]

    def form(self, script: str, *, persian: bool = False, urdu: bool = False) -> str:
        forms = dict(self.forms)
        latin = forms[LATIN]
        if script == ARABIC and ARABIC in forms:
            value = forms[ARABIC]
            if persian or urdu:
                value = value.replace("ي", "ی").replace("ك", "ک").replace("ى", "ی")
                value = value.replace("ة", "ہ" if urdu else "ه")
            return value
        if script == KATAKANA:
            return forms.get(KATAKANA) or latin_to_katakana(latin)
        if script in forms:
            return forms[script]
        return latin

    @property
    def latin(self) -> str:
        return dict(self.forms)[LATIN]


def _parts(rows: str, script: str) -> tuple[NamePart, ...]:
    out = []
    for row in rows.strip().splitlines():
        latin, other = row.split("=")
        out.append(NamePart(((LATIN, latin.strip()), (script, other.strip()))))
    return tuple(out)


# Arabic-script names common from the Maghreb to Pakistan (Persian/Urdu letter forms derived).
_ARABIC_GIVEN = _parts(
    """
Karim=كريم
Samir=سمير
Tariq=طارق
Bilal=بلال
Jamal=جمال
Rashid=راشد
Faris=فارس
Walid=وليد
Idris=إدريس
Omar=عمر
Salim=سليم
Hassan=حسن
Majid=ماجد
Yasin=ياسين
Layla=ليلى
Huda=هدى
Rania=رانيا
Salma=سلمى
Zainab=زينب
Mariam=مريم
""",
    ARABIC,
)
_ARABIC_FAMILY = _parts(
    """
Qasemi=قاسمي
Sultani=سلطاني
Haidari=حيدري
Rahimi=رحيمي
Jafari=جعفري
Mansour=منصور
Saleh=صالح
Yaqub=يعقوب
Darwish=درويش
Hakimi=حكيمي
Faizi=فيضي
Wardak=وردك
Ghani=غني
Latif=لطيف
Osmani=عثماني
Babakr=بابكر
""",
    ARABIC,
)
_TAMIL_GIVEN = _parts(
    """
Selvi=செல்வி
Priya=பிரியா
Devi=தேவி
Malar=மலர்
Kumar=குமார்
Ravi=ரவி
Senthil=செந்தில்
Murugan=முருகன்
Ganesh=கணேஷ்
Vani=வாணி
Tharshan=தர்ஷன்
Mathi=மதி
""",
    TAMIL,
)
_TAMIL_FAMILY = _parts(
    """
Sivakumar=சிவகுமார்
Rajan=ராஜன்
Nadarajah=நடராஜா
Selvarajah=செல்வராஜா
Yogarajah=யோகராஜா
Mahendran=மகேந்திரன்
Thiruchelvam=திருச்செல்வம்
Pathmanathan=பத்மநாதன்
""",
    TAMIL,
)
_SINHALA_GIVEN = _parts(
    """
Nimal=නිමල්
Sunil=සුනිල්
Kamala=කමලා
Dilani=දිලානි
Ruwan=රුවන්
Chamari=චාමරී
""",
    SINHALA,
)
_SINHALA_FAMILY = _parts(
    """
Perera=පෙරේරා
Silva=සිල්වා
Jayasinghe=ජයසිංහ
Bandara=බණ්ඩාර
Dissanayake=දිසානායක
Wickrama=වික්‍රම
""",
    SINHALA,
)
_MYANMAR_PARTS = _parts(
    """
Aung=အောင်
Zaw=ဇော်
Thura=သူရ
Naing=နိုင်
Soe=စိုး
Tun=ထွန်း
Win=ဝင်း
Hlaing=လှိုင်
Myo=မျိုး
Oo=ဦး
Thant=သန့်
Lwin=လွင်
""",
    MYANMAR,
)


def _faker_parts(locale: str, kind: str, count: int, seed: int) -> tuple[NamePart, ...]:
    """Latin (and, for ja_JP, katakana) name parts from Faker's locale lists."""
    from faker import Faker

    fake = Faker(locale)
    fake.seed_instance(seed)
    out: list[NamePart] = []
    seen: set[str] = set()
    for _ in range(count * 4):
        if locale == "ja_JP":
            _kanji, kana, roman = fake.last_name_pair() if kind == "family" else fake.first_name_pair()
            forms: tuple[tuple[str, str], ...] = ((LATIN, roman), (KATAKANA, kana))
            latin = roman
        else:
            latin = fake.last_name() if kind == "family" else fake.first_name()
            forms = ((LATIN, latin),)
        if latin in seen or not latin.isalpha():
            continue
        seen.add(latin)
        out.append(NamePart(forms))
        if len(out) >= count:
            break
    return tuple(out)


@dataclass(frozen=True, slots=True)
class NameCulture:
    name: str
    given: tuple[NamePart, ...]
    family: tuple[NamePart, ...]
    source: str  # "own list" or "Faker <locale>"


# Languages the case is written in -> the culture its pseudonyms come from (first that applies).
_FAKER_LOCALES = {"en": "en_GB", "fr": "fr_FR", "de": "de_DE", "es": "es_ES", "ru": "ru_RU", "tr": "tr_TR"}


def culture_for(languages: Iterable[str], seed: int) -> NameCulture:
    langs = set(languages)
    if langs & {"ar", "fa", "prs", "ur", "ps", "ckb", "kmr", "so"}:
        return NameCulture("arabic-script", _ARABIC_GIVEN, _ARABIC_FAMILY, "own list")
    if "ta" in langs:
        return NameCulture("tamil", _TAMIL_GIVEN, _TAMIL_FAMILY, "own list")
    if "si" in langs:
        return NameCulture("sinhala", _SINHALA_GIVEN, _SINHALA_FAMILY, "own list")
    if "my" in langs:
        return NameCulture("myanmar", _MYANMAR_PARTS, _MYANMAR_PARTS, "own list")
    if "ja" in langs:
        return NameCulture(
            "japanese",
            _faker_parts("ja_JP", "given", 40, seed),
            _faker_parts("ja_JP", "family", 40, seed),
            "Faker ja_JP",
        )
    for lang in sorted(langs):
        if lang in _FAKER_LOCALES:
            locale = _FAKER_LOCALES[lang]
            return NameCulture(
                locale,
                _faker_parts(locale, "given", 40, seed),
                _faker_parts(locale, "family", 40, seed),
                f"Faker {locale}",
            )
    return NameCulture(
        "en_GB", _faker_parts("en_GB", "given", 40, seed), _faker_parts("en_GB", "family", 40, seed), "Faker en_GB"
    )


# --------------------------------------------------------------------------------------------
# Mentions, links, clusters
# --------------------------------------------------------------------------------------------


_STRIP = re.compile(r"^[\W_]+|[\W_]+$", re.UNICODE)


def clean_name(value: str) -> str:
    text = unicodedata.normalize("NFKC", value).replace("ـ", "")
    return " ".join(_STRIP.sub("", t) for t in text.split() if _STRIP.sub("", t))


def _comparable(name: str) -> str:
    """The name as the matcher reads it: katakana through its romaji reading."""
    return katakana_to_latin(name) if script_of(name) == KATAKANA else name


def split_parts(name: str) -> list[str]:
    return [p for p in re.split(r"[\s・･<]+", name) if p]


@dataclass(frozen=True, slots=True)
class NameLink:
    """Two spellings the matcher takes for one person, with its reason; the trainer confirms or splits it."""

    left: str
    right: str
    score: float
    reason: str


def find_links(names: Sequence[str]) -> list[NameLink]:
    distinct = sorted({n for n in names if n})
    links: list[NameLink] = []
    for i, a in enumerate(distinct):
        for b in distinct[i + 1 :]:
            if a.casefold() == b.casefold():
                links.append(NameLink(a, b, 1.0, "same name, other letter case"))
                continue
            match = name_match.compare_names(_comparable(a), _comparable(b))
            if match.score >= name_match.MATCH_THRESHOLD:
                links.append(NameLink(a, b, match.score, match.reason))
            elif script_of(a) != script_of(b):
                rest = _cross_script_rest(match)
                if rest is not None:
                    links.append(
                        NameLink(
                            a, b, rest, match.reason + f"; the remaining parts correspond across scripts ({rest:.2f})"
                        )
                    )
    return links


def _cross_script_rest(match: name_match.NameMatch) -> float | None:
    """Across scripts the matcher is strict with the parts it cannot pair (چوہدری / Chaudhry): the same number of
    unpaired parts on both sides, each like its counterpart (>= 0.6), after a strongly paired first part, link too."""
    if not match.pairs or len(match.only_left) != len(match.only_right) or len(match.only_left) > 1:
        return None
    first_left = name_match.name_tokens(match.left)[:1]
    if not first_left or match.pairs[0].left != first_left[0] or match.pairs[0].similarity < name_match.TOKEN_THRESHOLD:
        return None
    sims = [name_match.token_similarity(x, y) for x, y in zip(match.only_left, match.only_right, strict=True)]
    if any(v < 0.6 for v in sims):
        return None
    values = [p.similarity for p in match.pairs] + sims
    return round(sum(values) / len(values), 3)


class _Union:
    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, x: str) -> str:
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)

    def groups(self) -> dict[str, list[str]]:
        out: dict[str, list[str]] = {}
        for x in list(self.parent):
            out.setdefault(self.find(x), []).append(x)
        return out


def _part_key(part: str) -> str:
    return unicodedata.normalize("NFKC", part).casefold().replace("ي", "ی").replace("ك", "ک")


@dataclass
class PseudonymTable:
    """Real name parts -> pseudonym parts; whole clusters for the trainer's view. Never written to a pack."""

    culture: NameCulture
    clusters: list[list[str]]  # spellings of each person
    cluster_pseudonyms: list[str]  # the Latin pseudonym of each cluster
    links: list[NameLink]
    parts: dict[str, NamePart] = field(default_factory=dict)  # _part_key(real part) -> pseudonym part
    roles: dict[int, str] = field(default_factory=dict)  # cluster -> role, for professionals (roles.py)

    def part_for(self, real_part: str) -> NamePart | None:
        return self.parts.get(_part_key(real_part))

    def real_parts(self) -> list[str]:
        return list(self.parts)

    def render(self, real: str, language: str = "und") -> str:
        """``real`` (a name or one part, as written) with each known part replaced in its own script and case;
        ``language`` picks the Persian or Urdu letter forms of an Arabic-script part."""
        out = []
        for token in re.split(r"([\s・･<]+)", real):
            part = self.part_for(_STRIP.sub("", token)) if token and not re.fullmatch(r"[\s・･<]+", token) else None
            out.append(render_part(token, part, language) if part else token)
        return "".join(out)

    def cluster_of(self, name: str) -> int | None:
        key = clean_name(name).casefold()
        for i, spellings in enumerate(self.clusters):
            if key in {s.casefold() for s in spellings}:
                return i
        return None

    def clusters_of(self, text: str) -> set[int]:
        """The people ``text`` may name: its own cluster, or every cluster holding all of its parts ("Said")."""
        exact = self.cluster_of(text)
        if exact is not None:
            return {exact}
        wanted = {_part_key(p) for p in split_parts(clean_name(text))}
        if not wanted:
            return set()
        return {
            i
            for i, spellings in enumerate(self.clusters)
            if wanted <= {_part_key(p) for s in spellings for p in split_parts(s)}
        }

    def role_of(self, text: str) -> str | None:
        """The role ``text`` is replaced by, when every person it may name is a professional of that one role."""
        found = {self.roles.get(c) for c in self.clusters_of(text)}
        return next(iter(found)) if len(found) == 1 else None


def render_part(token: str, part: NamePart, language: str = "und") -> str:
    """``part`` in the script and letter case of ``token`` (leading/trailing punctuation kept)."""
    m = re.match(r"^([\W_]*)(.*?)([\W_]*)$", token, re.S)
    lead, core, trail = (m.group(1), m.group(2), m.group(3)) if m else ("", token, "")
    script = script_of(core)
    urdu = language == "ur" or (language == "und" and any(c in core for c in "ہےٹڈڑں"))
    persian = not urdu and (language in ("fa", "prs", "ps") or (language == "und" and any(c in core for c in "یکپچژگ")))
    value = part.form(script, persian=persian, urdu=urdu)
    if script == LATIN and core.isupper() and len(core) > 1:
        value = value.upper()
    return lead + value + trail


def _initials(real_forms: Iterable[str]) -> set[str]:
    out = set()
    for r in real_forms:
        r = _STRIP.sub("", r)
        if not r:
            continue
        script = script_of(r)
        out.add(katakana_to_latin(r)[:1].casefold() if script == KATAKANA else r[:1].casefold())
        if script == KATAKANA:
            out.add(r[:1])
    return out


def _part_initials(part: NamePart) -> set[str]:
    out = set()
    for script, form in part.forms:
        out.add(form[:1].casefold())
        if script == ARABIC:
            out.add(part.form(ARABIC, persian=True)[:1])
    out.add(latin_to_katakana(part.latin)[:1])
    return out


def assign_pseudonyms(
    names: Sequence[str],
    languages: Iterable[str],
    *,
    seed: int,
    splits: Iterable[tuple[str, str]] = (),
    merges: Iterable[tuple[str, str]] = (),
) -> PseudonymTable:
    """One pseudonym per person cluster (see the module doc). ``splits`` and ``merges`` are the trainer's
    corrections, as pairs of spellings."""
    cleaned = sorted({clean_name(n) for n in names if clean_name(n)})
    links = find_links(cleaned)
    split_set = {frozenset((clean_name(a), clean_name(b))) for a, b in splits}
    kept = [link for link in links if frozenset((link.left, link.right)) not in split_set]
    people = _Union()
    for n in cleaned:
        people.find(n)
    for link in kept:
        people.union(link.left, link.right)
    for a, b in merges:
        people.union(clean_name(a), clean_name(b))
    clusters = sorted((sorted(g) for g in people.groups().values()), key=lambda g: g[0])

    # Part groups: identical parts, and parts the matcher paired inside a kept link.
    parts = _Union()
    position: dict[str, list[int]] = {}
    for n in cleaned:
        split = split_parts(n)
        for i, p in enumerate(split):
            parts.find(_part_key(p))
            if len(split) > 1:
                position.setdefault(_part_key(p), []).append(0 if i == 0 else 1)
    for link in kept:
        match = name_match.compare_names(_comparable(link.left), _comparable(link.right))
        left_parts, right_parts = split_parts(link.left), split_parts(link.right)
        for pair in match.pairs:
            a_tokens = [t for t in re.split(r"\s+", pair.left) if t]
            b_tokens = [t for t in re.split(r"\s+", pair.right) if t]
            a_real = [_real_part(t, left_parts) for t in a_tokens]
            b_real = [_real_part(t, right_parts) for t in b_tokens]
            for x in a_real:
                for y in b_real:
                    if x and y:
                        parts.union(_part_key(x), _part_key(y))
        if len(match.only_left) == len(match.only_right) == 1 and script_of(link.left) != script_of(link.right):
            # the link was made across scripts with the one unpaired part on each side corresponding
            x = _real_part(match.only_left[0], left_parts)
            y = _real_part(match.only_right[0], right_parts)
            if x and y:
                parts.union(_part_key(x), _part_key(y))
        if link.left.casefold() == link.right.casefold():
            for x, y in zip(left_parts, right_parts, strict=False):
                parts.union(_part_key(x), _part_key(y))

    rng = random.Random(seed)
    culture = culture_for(languages, seed)
    given = list(culture.given)
    family = list(culture.family)
    rng.shuffle(given)
    rng.shuffle(family)
    used: set[str] = set()
    # Every real name part of the case, in every script it is written in: a pseudonym never uses one, or the
    # applicant could be given the real name of the interpreter or a relative (and the leak check would stop).
    real = {_part_key(part) for cluster in clusters for name in cluster for part in split_parts(name)}
    table = PseudonymTable(culture, clusters, [], kept)
    for _root, members in sorted(parts.groups().items()):
        seen_at = [x for m in members for x in position.get(m, [])]
        is_given = not seen_at or seen_at.count(0) * 2 >= len(seen_at)
        pool = given if is_given else family
        pool = [p for p in pool + (family if is_given else given) if not _is_real(p, real)]
        banned = _initials(members)
        choice = next(
            (p for p in pool if p.latin not in used and not (_part_initials(p) & banned)),
            None,
        )
        if choice is None:  # every listed part shares an initial: build one from an unused part
            choice = next(p for p in pool if p.latin not in used)
        used.add(choice.latin)
        for m in members:
            table.parts[m] = choice
    table.cluster_pseudonyms = [
        table.render(c[0]) if script_of(c[0]) == LATIN else _latin_of(table, c) for c in clusters
    ]
    return table


def _is_real(part: NamePart, real: set[str]) -> bool:
    """Whether any form of ``part`` (Latin, Arabic script with its Persian and Urdu spellings, ...) is a real name."""
    forms = {form for _script, form in part.forms}
    if ARABIC in dict(part.forms):
        forms |= {part.form(ARABIC, persian=True), part.form(ARABIC, urdu=True)}
    return any(_part_key(f) in real for f in forms)


def _latin_of(table: PseudonymTable, cluster: list[str]) -> str:
    for name in cluster:
        if script_of(name) == LATIN:
            return table.render(name)
    parts = [table.part_for(p) for p in split_parts(cluster[0])]
    return " ".join(p.latin for p in parts if p)


def _real_part(token: str, real_parts: list[str]) -> str | None:
    """The part of the name as written that the matcher's (folded, joined) token came from."""
    key = _part_key(token)
    for p in real_parts:
        if _part_key(p) == key:
            return p
    comparable = {(_part_key(_comparable(p))): p for p in real_parts}
    if key in comparable:
        return comparable[key]
    for p in real_parts:
        if key and (_part_key(p) in key or key in _part_key(_comparable(p))):
            return p
    return None
