"""A token-classification model dropped into models/ is found through the manifest and used offline."""

from __future__ import annotations

from pathlib import Path

import pytest

from examiner_app.domain import FactField, LanguageGuess, PageSource, PageText
from examiner_app.extraction.facts import default_extractors, extract_facts
from examiner_app.extraction.facts.transformers_ner import TransformersNerExtractor

WORDS = ["kamal", "perera", "lives", "in", "colombo", ".", "statement"]


def make_tiny_model(folder: Path) -> None:
    """A 1-layer BERT whose classifier says B-PER for 'kamal', I-PER for 'perera', B-LOC for 'colombo'."""
    torch = pytest.importorskip("torch")
    from transformers import BertConfig, BertForTokenClassification, BertTokenizerFast

    vocab = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", *WORDS]
    folder.mkdir(parents=True)
    tokenizer = BertTokenizerFast(vocab={word: i for i, word in enumerate(vocab)}, do_lower_case=True)
    labels = ["O", "B-PER", "I-PER", "B-LOC", "I-LOC"]
    config = BertConfig(
        vocab_size=len(vocab),
        hidden_size=len(vocab),
        num_hidden_layers=1,
        num_attention_heads=1,
        intermediate_size=8,
        id2label=dict(enumerate(labels)),
        label2id={x: i for i, x in enumerate(labels)},
    )
    model = BertForTokenClassification(config)
    with torch.no_grad():
        # Make the output depend on the token alone: identity-like embeddings, layer outputs ignored.
        for name, p in model.bert.encoder.named_parameters():
            if "LayerNorm" in name:
                p.copy_(torch.ones_like(p) if name.endswith("weight") else torch.zeros_like(p))
            else:
                p.zero_()
        model.bert.embeddings.word_embeddings.weight.copy_(torch.eye(len(vocab)) * 10)
        model.bert.embeddings.position_embeddings.weight.zero_()
        model.bert.embeddings.token_type_embeddings.weight.zero_()
        want = {"kamal": 1, "perera": 2, "colombo": 3}
        weight = torch.zeros(len(labels), len(vocab))
        for token, index in enumerate(vocab):
            weight[want.get(index, 0), token] = 5.0
        model.classifier.weight.copy_(weight)
        model.classifier.bias.zero_()
    model.save_pretrained(folder)
    tokenizer.save_pretrained(folder)


@pytest.mark.slow
def test_a_dropped_in_model_suggests_names_and_places_with_exact_offsets(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    models = tmp_path / "models"
    make_tiny_model(models / "tiny-ner")
    (models / "manifest.toml").write_text(
        '[models.tiny-ner]\nengine = "transformers-ner"\npath = "tiny-ner"\nversion = "0.1"\n'
        'purpose = "test"\nlanguages = ["en"]\n',
        encoding="utf-8",
    )
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    extractors = default_extractors(models, ai_enabled=True)
    ner = [e for e in extractors if isinstance(e, TransformersNerExtractor)]
    assert len(ner) == 1
    text = "Statement.\n\nKamal Perera lives in Colombo."
    page = PageText(1, text, source=PageSource.PLAIN_TEXT)
    found = ner[0].extract(page, "en")
    assert {(f.field, f.value) for f in found} == {
        (FactField.PERSON_NAME, "Kamal Perera"),
        (FactField.PLACE, "Colombo"),
    }
    for fact in found:
        assert text[fact.start : fact.end] == fact.value
        assert str(fact.model) == "transformers/tiny-ner@0.1"
        assert 0 < fact.confidence <= 1
    assert ner[0].extract(page, "fr") == []  # only on the languages the manifest names
    english = PageText(1, text, source=PageSource.PLAIN_TEXT, languages=(LanguageGuess("en", 0.99),))
    merged = extract_facts(english, extractors)
    assert any(f.model.engine == "transformers" and f.value == "Colombo" for f in merged)


def test_ai_off_or_missing_folder_means_no_model(tmp_path: Path) -> None:
    models = tmp_path / "models"
    models.mkdir()
    (models / "manifest.toml").write_text(
        '[models.gone]\nengine = "transformers-ner"\npath = "gone"\nversion = "1"\npurpose = "test"\n', encoding="utf-8"
    )
    assert not any(isinstance(e, TransformersNerExtractor) for e in default_extractors(models, ai_enabled=True))
    assert not any(isinstance(e, TransformersNerExtractor) for e in default_extractors(models, ai_enabled=False))
