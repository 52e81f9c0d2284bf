"""Short blocks on a page whose long text is decided: the page's language as a prior instead of Lingua's vote."""

from __future__ import annotations

from examiner_app.domain import PageText
from examiner_app.extraction.language import _detectors, detect_language, detect_page_languages

ENGLISH_PARAGRAPH = (
    "The applicant stated that he left his home town in March because of threats from the local police. "
    "He travelled by bus to the capital and stayed with his uncle for two weeks before he left the country."
)
FRENCH_PARAGRAPH = (
    "Le demandeur a déclaré qu'il avait quitté son village au mois de mars à cause des menaces de la police."
)


def _lingua_calls() -> int:
    """How often Lingua's detector was asked for (built or taken from its cache) in this process."""
    info = _detectors._lingua_detector.cache_info()
    return info.hits + info.misses


def _page(*blocks: str) -> PageText:
    return PageText(page_number=1, text="\n\n".join(blocks))


def test_a_short_english_caption_on_an_english_page_is_english_without_lingua() -> None:
    before = _lingua_calls()
    result = detect_page_languages(_page(ENGLISH_PARAGRAPH, "Family photograph"))
    paragraph, caption = result.blocks
    assert paragraph.languages[0].code == "en"
    assert caption.languages[0].code == "en"
    assert caption.languages[0].confidence >= 0.9
    assert [g.code for g in result.languages] == ["en"]
    assert _lingua_calls() == before  # Lingua's detector was never even looked up


def test_a_one_line_text_is_decided_as_on_its_own_with_lingua() -> None:
    before = _lingua_calls()
    result = detect_page_languages(_page("Family photograph"))
    assert _lingua_calls() > before
    assert result.blocks[0].languages == detect_language("Family photograph")


def test_a_page_of_short_blocks_only_asks_lingua() -> None:
    # No block is long enough to set a context: every block is decided alone, as before.
    blocks = ("What Kids Need Most in a Dad", "BY RALPH KINNEY BENNETT")
    before = _lingua_calls()
    result = detect_page_languages(_page(*blocks))
    assert _lingua_calls() > before
    assert [b.languages for b in result.blocks] == [detect_language(b) for b in blocks]


def test_a_caption_in_another_language_is_decided_on_its_own() -> None:
    # The caption's own words say French: the English page does not make it English, and Lingua is asked.
    caption = "La maison de mon père"
    before = _lingua_calls()
    result = detect_page_languages(_page(ENGLISH_PARAGRAPH, caption))
    assert _lingua_calls() > before
    assert result.blocks[1].languages == detect_language(caption)
    assert result.blocks[1].languages[0].code == "fr"


def test_a_bilingual_page_gives_its_short_blocks_no_context() -> None:
    # Two long blocks of one script in two languages: no page language, so the short block is decided alone.
    before = _lingua_calls()
    result = detect_page_languages(_page(ENGLISH_PARAGRAPH, FRENCH_PARAGRAPH, "Our house"))
    assert [b.languages[0].code for b in result.blocks[:2]] == ["en", "fr"]
    assert _lingua_calls() > before
    assert result.blocks[2].languages == detect_language("Our house")
