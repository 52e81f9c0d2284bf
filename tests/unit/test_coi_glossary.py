"""Query-side expansion for full text: glossary concepts and gazetteer countries in the other languages."""

from __future__ import annotations

from examiner_app.coi.glossary import expansion_terms
from examiner_app.coi.search import search_terms
from examiner_app.coi.text import query_terms


def test_a_japanese_query_gains_the_english_and_french_wordings_of_its_concepts() -> None:
    terms = expansion_terms("シリア軍の脱走兵の扱い", languages={"en", "fr", "ja"})
    assert "deserters" in terms
    assert "déserteur" in terms  # wordings keep their accents (PostgreSQL matches them as written)
    assert "Syria" in terms  # from the gazetteer
    assert "脱走兵" not in terms  # already in the query
    assert not any("\u0600" <= ch <= "\u06ff" for t in terms for ch in t)  # no Arabic: not in the library


def test_latin_variants_match_at_word_starts_without_accents_and_short_ones_as_whole_words() -> None:
    assert "desertion" in expansion_terms("les déserteurs de l'armée")  # accent folded, plural matched
    assert "national service" not in expansion_terms("a rational service")  # no match inside a word
    assert expansion_terms("the agenda") == []  # "age" is no variant; short variants need a whole word


def test_arabic_and_persian_queries_reach_english_terms() -> None:
    assert "conscription" in expansion_terms("مدة الخدمة العسكرية الإلزامية في سوريا")
    assert "Eritrea" in expansion_terms("بازداشت بازگشتگان اریتره‌ای")


def test_search_terms_keep_the_query_first_and_add_tokenized_expansions() -> None:
    query = "エリトリアの国民奉仕"
    own, more = search_terms(query, {"en", "ja"})
    assert own == query_terms(query)
    assert {"national", "service", "eritrea"} <= set(more)
    assert not set(own) & set(more)
    assert search_terms("how long is the training", {"en"}) == (["long", "training"], [])  # nothing to expand
