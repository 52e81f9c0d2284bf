"""Text helpers for the COI library: normalization for full text, query terms, paragraphs, countries.

Full text on both databases sees the same normalized ``search_text``: NFKC, case-folded, words
separated by spaces, and runs of unspaced scripts (Han, kana, Hangul, Thai, Lao, Khmer, Myanmar)
rewritten as overlapping character bigrams. That gives FTS5's ``unicode61`` tokenizer and
PostgreSQL's ``simple`` configuration usable terms for Japanese or Chinese text without a
language-specific segmenter; queries go through the same function, so both sides agree.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

_WORD = re.compile(r"\w+", re.UNICODE)

# Stop words for query terms only (the index keeps every word). Without them a question such as
# "what is the situation of ..." ORs in terms that match almost every passage: slower, no better.
_STOPWORD_TEXT = """
    a about above after again against all also am an and any are as at be because been before being
    between both but by can could did do does doing down during each few for from further had has have
    having he her here hers him his how i if in into is it its itself just me more most my no nor not now
    of off on once only or other our out over own same she should so some such than that the their them
    then there these they this those through to too under until up very was we were what when where which
    while who whom why will with would you your yours whether there's is there any
    le la les un une des du de d l et ou en au aux dans par pour sur avec sans est sont ce cette ces qui
    que quoi quel quelle quels quelles il elle ils elles on ne pas plus se sa son ses leur leurs y a
    der die das und oder ein eine ist sind mit von zu im in den dem des für auf
"""
STOPWORDS = frozenset(_STOPWORD_TEXT.split())


def _is_unspaced(ch: str) -> bool:
    """Scripts written without spaces between words: index them as character bigrams."""
    cp = ord(ch)
    return (
        0x3040 <= cp <= 0x30FF  # hiragana, katakana
        or 0x3400 <= cp <= 0x4DBF  # CJK extension A
        or 0x4E00 <= cp <= 0x9FFF  # CJK unified
        or 0xF900 <= cp <= 0xFAFF  # CJK compatibility
        or 0xAC00 <= cp <= 0xD7AF  # Hangul syllables
        or 0x0E00 <= cp <= 0x0EFF  # Thai, Lao
        or 0x1000 <= cp <= 0x109F  # Myanmar
        or 0x1780 <= cp <= 0x17FF  # Khmer
        or 0x31F0 <= cp <= 0x31FF  # katakana phonetic extensions
        or 0xFF66 <= cp <= 0xFF9D  # half-width katakana (NFKC folds most of these anyway)
    )


def normalize(text: str) -> str:
    """NFKC + case folding: what both the index and the queries compare."""
    return unicodedata.normalize("NFKC", text).casefold()


def tokens(text: str) -> list[str]:
    """Words of ``text`` after :func:`normalize`; unspaced-script runs become character bigrams."""
    out: list[str] = []
    for match in _WORD.finditer(normalize(text)):
        word = match.group()
        if not any(_is_unspaced(c) for c in word):
            out.append(word)
            continue
        # Split the word into unspaced and spaced stretches (e.g. "iphone発表" -> "iphone", "発表").
        run: list[str] = []
        spaced: list[str] = []
        for ch in [*word, ""]:
            if ch and _is_unspaced(ch):
                if spaced:
                    out.append("".join(spaced))
                    spaced = []
                run.append(ch)
                continue
            if run:
                out.extend(_bigrams(run))
                run = []
            if ch:
                spaced.append(ch)
        if spaced:
            out.append("".join(spaced))
    return out


def _bigrams(chars: list[str]) -> list[str]:
    if len(chars) == 1:
        return [chars[0]]
    return [chars[i] + chars[i + 1] for i in range(len(chars) - 1)]


def index_text(*parts: str) -> str:
    """The ``search_text`` stored for a passage: normalized tokens joined by single spaces."""
    return " ".join(t for part in parts for t in tokens(part))


def embedding_input(title: str, text: str) -> str:
    """What the embedding engine reads for a passage: the report title gives a paragraph its context
    (country, topic) that the paragraph itself often leaves implicit."""
    return f"{title}\n{text}" if title else text


def query_terms(query: str, limit: int = 32) -> list[str]:
    """Distinct search terms of a query, stop words and one-letter Latin words dropped, in order."""
    seen: dict[str, None] = {}
    for term in tokens(query):
        if term in STOPWORDS or (len(term) == 1 and term.isascii()):
            continue
        seen.setdefault(term, None)
        if len(seen) >= limit:
            break
    return list(seen)


def content_words(text: str) -> frozenset[str]:
    """Terms of ``text`` worth comparing between two texts (similar cases' lexical overlap)."""
    return frozenset(t for t in tokens(text) if t not in STOPWORDS and (len(t) > 2 or not t.isascii()))


# --- paragraphs ---------------------------------------------------------------------------------

_SENTENCE_END = re.compile(r"[.!?:;。！？」』\)\]\"”]\s*$")
_NUMBERED = re.compile(r"^\s*(?:\(?\d{1,3}[.)]|\[\d{1,3}\]|[•\-–*]\s)")
MAX_PASSAGE_CHARS = 1500
TARGET_CHUNK_CHARS = 900


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A body paragraph of a page; ``heading`` is the nearest heading above it (context, not cited)."""

    number: int  # 1-based within the page; headings are not counted
    text: str
    heading: str = ""


def _looks_like_heading(block: str) -> bool:
    one_line = " ".join(block.split())
    if len(one_line) > 90 or "\n" in block.strip():
        return False
    return not re.search(r"[.!?。！？]$", one_line)


def _blocks(page_text: str) -> list[str]:
    """Blank-line separated blocks; a page without blank lines is split by line shape instead.

    PDF text layers rarely keep blank lines, so a line that ends a sentence and is clearly shorter
    than the page's longest line ends a paragraph, and a numbered or bulleted line starts one.
    """
    text = page_text.replace("\r\n", "\n").replace("\r", "\n")
    if re.search(r"\n[ \t]*\n", text):
        return [b for b in re.split(r"\n[ \t]*\n+", text) if b.strip()]
    lines = [line.rstrip() for line in text.split("\n")]
    widest = max((len(line) for line in lines), default=0)
    blocks: list[list[str]] = []
    current: list[str] = []
    for line in lines:
        if not line.strip():
            continue
        if current and _NUMBERED.match(line):
            blocks.append(current)
            current = []
        current.append(line)
        if _SENTENCE_END.search(line) and len(line) < 0.8 * widest or _looks_like_heading(line) and len(current) == 1:
            blocks.append(current)
            current = []
    if current:
        blocks.append(current)
    return ["\n".join(b) for b in blocks]


def _join_lines(block: str) -> str:
    """One paragraph on one line: soft hyphens and line-end hyphenation removed, CJK lines joined tight."""
    out = ""
    for raw in block.split("\n"):
        line = raw.strip()
        if not line:
            continue
        if not out:
            out = line
        elif out.endswith("-") and out[-2:-1].isalpha() and line[:1].islower():
            out = out[:-1] + line
        elif _is_unspaced(out[-1]) or _is_unspaced(line[0]):
            out += line
        else:
            out += " " + line
    return out.replace("\u00ad", "")


def _chunks(text: str) -> list[str]:
    """Split an over-long paragraph at sentence ends into pieces of about TARGET_CHUNK_CHARS."""
    if len(text) <= MAX_PASSAGE_CHARS:
        return [text]
    sentences = re.split(r"(?<=[.!?。！？])\s+|(?<=[。！？])", text)
    chunks: list[str] = []
    current = ""
    for sentence in sentences:
        if not sentence:
            continue
        if current and len(current) + len(sentence) > TARGET_CHUNK_CHARS:
            chunks.append(current)
            current = ""
        current = f"{current} {sentence}".strip() if current and not _is_unspaced(current[-1]) else current + sentence
    if current:
        chunks.append(current)
    # A single sentence longer than the limit is cut at a space (or hard) so no passage is unbounded.
    final: list[str] = []
    for chunk in chunks:
        while len(chunk) > MAX_PASSAGE_CHARS:
            cut = chunk.rfind(" ", 0, TARGET_CHUNK_CHARS)
            cut = cut if cut > 0 else TARGET_CHUNK_CHARS
            final.append(chunk[:cut].strip())
            chunk = chunk[cut:].strip()
        final.append(chunk)
    return final


def split_paragraphs(page_text: str, heading: str = "") -> tuple[list[Paragraph], str]:
    """Body paragraphs of one page, numbered from 1, and the last heading seen (carried to the next page).

    Headings (short lines without closing punctuation) are not paragraphs: they are attached to
    the paragraphs below them as context. An over-long paragraph is split into several passages
    that share its number, so a citation still points at the right paragraph.
    """
    paragraphs: list[Paragraph] = []
    number = 0
    for block in _blocks(page_text):
        joined = _join_lines(block)
        if not joined:
            continue
        if _looks_like_heading(block):
            heading = joined
            continue
        number += 1
        for chunk in _chunks(joined):
            paragraphs.append(Paragraph(number, chunk, heading))
    return paragraphs, heading


# --- countries ----------------------------------------------------------------------------------


@lru_cache(maxsize=512)
def country_code(value: str | None) -> str | None:
    """ISO 3166-1 alpha-2 code for a code or an English country name; None when unknown."""
    if not value:
        return None
    raw = value.strip()
    if len(raw) == 2 and raw.isalpha():
        return raw.upper()
    try:
        import pycountry

        return str(pycountry.countries.lookup(raw).alpha_2)
    except (LookupError, ImportError):
        return None


@lru_cache(maxsize=512)
def country_name(code: str) -> str:
    """English short name of a country code (the code itself when unknown)."""
    try:
        import pycountry

        country = pycountry.countries.get(alpha_2=code.upper())
    except ImportError:  # pragma: no cover - pycountry is a pinned dependency
        country = None
    if country is None:
        return code.upper()
    return str(getattr(country, "common_name", None) or country.name)


def unique(items: Iterable[str]) -> list[str]:
    """Items in first-seen order without repeats."""
    return list(dict.fromkeys(items))
