"""Names, documents, MRZ, family, religion, ethnicity, languages, grounds, events, agents."""

from __future__ import annotations

import pytest

from examiner_app.domain import FactCandidate, FactField, PageText
from examiner_app.extraction.facts.identity import IdentityExtractor, mrz_check_digit, parse_mrz

SPECIMEN_MRZ = "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36UTO7408122F1204159ZE184226B<<<<<10"


@pytest.fixture(scope="module")
def extractor() -> IdentityExtractor:
    return IdentityExtractor()


def run(extractor: IdentityExtractor, text: str, language: str = "en") -> list[FactCandidate]:
    found = extractor.extract(PageText(1, text), language)
    for c in found:
        assert text[c.start : c.end] == c.value, c
        assert str(c.model) == "rules/identity@1"
        assert c.note
    return found


def of(found: list[FactCandidate], field: FactField) -> list[tuple[str, str | None]]:
    return [(c.value, c.normalized) for c in found if c.field is field]


@pytest.mark.parametrize(
    ("text", "language", "name"),
    [
        ("Name: Kumar Selvarajah\nSex: M", "en", "Kumar Selvarajah"),
        ("Full name:   Ahmad Karimi      Date of birth: 1/1/1990", "en", "Ahmad Karimi"),
        ("Nom et prénom : Jean-Paul Mbeki", "fr", "Jean-Paul Mbeki"),
        ("氏名：ナマル・ペレラ", "ja", "ナマル・ペレラ"),
        ("الاسم: أحمد محمد علي", "ar", "أحمد محمد علي"),
        ("نام و نام خانوادگی: علی رضایی", "fa", "علی رضایی"),
        ("பெயர்: குமார் செல்வராசா", "ta", "குமார் செல்வராசா"),
        ("නම: නිමල් පෙරේරා", "si", "නිමල් පෙරේරා"),
    ],
)
def test_names_from_labelled_fields(extractor: IdentityExtractor, text: str, language: str, name: str) -> None:
    assert of(run(extractor, text, language), FactField.PERSON_NAME) == [(name, name)]


def test_name_parts_and_bad_values(extractor: IdentityExtractor) -> None:
    found = run(extractor, "Surname: PERERA\nGiven names: Namal Kumara\nName: N/A")
    names = [c for c in found if c.field is FactField.PERSON_NAME]
    assert [(c.value, dict(c.attributes)["name_part"]) for c in names] == [
        ("PERERA", "surname"),
        ("Namal Kumara", "given_names"),
    ]
    assert of(run(extractor, "Name of applicant: 12345"), FactField.PERSON_NAME) == []


def test_stated_names(extractor: IdentityExtractor) -> None:
    assert of(run(extractor, "My name is Ahmad Karimi and I am 30."), FactField.PERSON_NAME) == [
        ("Ahmad Karimi", "Ahmad Karimi")
    ]
    assert of(run(extractor, "Je m'appelle Marie Kabila."), FactField.PERSON_NAME) == [("Marie Kabila", "Marie Kabila")]
    assert of(run(extractor, "私の名前はアフマドです。", "ja"), FactField.PERSON_NAME) == [("アフマド", "アフマド")]
    assert of(run(extractor, "私はスリランカ人です。", "ja"), FactField.PERSON_NAME) == []


def test_document_numbers(extractor: IdentityExtractor) -> None:
    found = run(
        extractor,
        "Passport No.: N1234567\nNIC No: 199012345678\n旅券番号：TZ０１２３４５６\nرقم جواز السفر: N00012345\nشماره گذرنامه: ۱۲۳۴۵۶۷۸۹",
    )
    docs = [c for c in found if c.field is FactField.DOCUMENT_NUMBER]
    assert [(c.value, c.normalized, dict(c.attributes)["document_type"]) for c in docs] == [
        ("N1234567", "N1234567", "passport"),
        ("199012345678", "199012345678", "national_id"),
        ("TZ０１２３４５６", "TZ0123456", "passport"),
        ("N00012345", "N00012345", "passport"),
        ("۱۲۳۴۵۶۷۸۹", "123456789", "passport"),
    ]


def test_mrz_check_digits() -> None:
    assert mrz_check_digit("L898902C3") == 6
    assert mrz_check_digit("740812") == 2
    assert mrz_check_digit("120415") == 9
    assert mrz_check_digit("ZE184226B<<<<<") == 1
    (z,) = parse_mrz(SPECIMEN_MRZ)
    assert (z.surname, z.given_names, z.document_number, z.nationality) == (
        "ERIKSSON",
        "ANNA MARIA",
        "L898902C3",
        "UTO",
    )
    assert z.valid


def test_mrz_facts(extractor: IdentityExtractor) -> None:
    text = "Passport\n" + SPECIMEN_MRZ + "\n"
    found = run(extractor, text)
    got = {c.field: c for c in found}
    assert got[FactField.PERSON_NAME].normalized == "ANNA MARIA ERIKSSON"
    assert got[FactField.DOCUMENT_NUMBER].value == "L898902C3"
    assert got[FactField.DATE_OF_BIRTH].normalized == "1974-08-12"
    assert got[FactField.NATIONALITY].value == "UTO"
    assert got[FactField.NATIONALITY].normalized is None  # Utopia is not an ISO country
    assert all(("mrz_check", "valid") in c.attributes for c in found)


def test_mrz_invalid_check_digit_lowers_confidence(extractor: IdentityExtractor) -> None:
    good = run(extractor, SPECIMEN_MRZ)
    bad_text = SPECIMEN_MRZ.replace("L898902C36", "L898902C37").replace("UTO7408122", "LKA7408122")
    bad = run(extractor, bad_text)
    good_number = next(c for c in good if c.field is FactField.DOCUMENT_NUMBER)
    bad_number = next(c for c in bad if c.field is FactField.DOCUMENT_NUMBER)
    assert ("mrz_check", "invalid") in bad_number.attributes
    assert bad_number.confidence < good_number.confidence
    assert next(c for c in bad if c.field is FactField.NATIONALITY).normalized == "LK"


def test_family_members(extractor: IdentityExtractor) -> None:
    """The suggestion cites the relation with the name; normalized is the relation, the name an attribute."""
    cases = [
        ("My brother Ahmad was arrested.", "en", "brother Ahmad", "brother", "Ahmad"),
        ("My elder sister, Fatima, lives in Kabul.", "en", "elder sister, Fatima", "sister", "Fatima"),
        (
            "I have one younger brother, Suthan Arulnesan, who works.",
            "en",
            "younger brother, Suthan Arulnesan",
            "brother",
            "Suthan Arulnesan",
        ),
        ("Father's name: Reza Karimi", "en", "Reza Karimi", "father", "Reza Karimi"),
        ("Mother Saraswathy ARULNESAN (Jaffna)", "en", "Saraswathy ARULNESAN", "mother", "Saraswathy ARULNESAN"),
        ("兄のアフマドは逮捕されました。", "ja", "兄のアフマド", "brother", "アフマド"),
        ("أخي أحمد اعتقل.", "ar", "أخي أحمد", "brother", "أحمد"),
        ("برادرم احمد دستگیر شد.", "fa", "برادرم احمد", "brother", "احمد"),
        (
            "پدرم غلام حسین نظری و مادرم معصومه در جاغوری زندگی می‌کنند.",
            "fa",
            "پدرم غلام حسین نظری",
            "father",
            "غلام حسین نظری",
        ),
    ]
    for text, lang, value, relation, name in cases:
        found = [c for c in run(extractor, text, lang) if c.field is FactField.FAMILY_MEMBER]
        assert [(c.value, c.normalized, dict(c.attributes)["name"]) for c in found][:1] == [(value, relation, name)], (
            text
        )


def test_family_list_field(extractor: IdentityExtractor) -> None:
    text = "Family members\nوالدي عبد الرحمن هارون، والدتي حواء آدم، أخي إبراهيم (مفقود)"
    found = [c for c in run(extractor, text, "ar") if c.field is FactField.FAMILY_MEMBER]
    names = {dict(c.attributes)["name"]: c.normalized for c in found}
    assert names == {"عبد الرحمن هارون": "father", "حواء آدم": "mother", "إبراهيم": "brother"}


def test_relation_without_name(extractor: IdentityExtractor) -> None:
    found = [
        c for c in run(extractor, "My father was a teacher. My father died.") if c.field is FactField.FAMILY_MEMBER
    ]
    # every mention is cited (the gold set is exhaustive); a repetition at a lower confidence
    assert [(c.value, c.normalized) for c in found] == [("father", "father"), ("father", "father")]
    assert found[0].confidence < 0.5
    assert found[1].confidence < found[0].confidence
    assert IdentityExtractor(include_relation_only=False).extract(PageText(1, "My father was a teacher."), "en") == []
    named = run(extractor, "My brother Ali was arrested. Later my brother was released.")
    assert [c.value for c in named if c.field is FactField.FAMILY_MEMBER] == ["brother Ali", "brother"]
    assert of(run(extractor, "The son of the village head."), FactField.FAMILY_MEMBER) == []


def test_child_of_names_the_father(extractor: IdentityExtractor) -> None:
    found = of(run(extractor, "Name: Ahmad Khan S/O Gul Khan\n"), FactField.FAMILY_MEMBER)
    assert found == [("S/O Gul Khan", "father")]
    persons = [c.value for c in run(extractor, "Name: Ahmad Khan S/O Gul Khan\n") if c.field is FactField.PERSON_NAME]
    assert "Gul Khan" in persons


def test_relations_in_more_forms(extractor: IdentityExtractor) -> None:
    found = of(run(extractor, "Taliban babamı dövdü. Çocuklarımı aldılar.", "tr"), FactField.FAMILY_MEMBER)
    assert {n for _, n in found} == {"father", "child"}
    found = of(run(extractor, "Mes parents vivent à Conakry.", "fr"), FactField.FAMILY_MEMBER)
    assert [n for _, n in found] == ["parent"]


def test_form_fields_without_colons(extractor: IdentityExtractor) -> None:
    text = (
        "Surname ARULNESAN\nGiven names KAVITHA\nReligion Hindu\nLanguages Tamil, English\nPassport no. N8047312\n"
        "Grounds claimed Political opinion\nPrevious applications None\nName of the village Karaveddy\n"
        "Identity Number\n35202-4857193-1\n氏名 Name KYAW MIN HTET\nFeared persecutor\nقوات الدعم السريع"
    )
    found = run(extractor, text)
    assert of(found, FactField.PERSON_NAME) == [
        ("ARULNESAN", "ARULNESAN"),
        ("KAVITHA", "KAVITHA"),
        ("KYAW MIN HTET", "KYAW MIN HTET"),
    ]
    assert of(found, FactField.RELIGION) == [("Hindu", "Hinduism")]
    assert of(found, FactField.LANGUAGE_SPOKEN) == [("Tamil", "ta"), ("English", "en")]
    assert of(found, FactField.DOCUMENT_NUMBER) == [("N8047312", "N8047312"), ("35202-4857193-1", "35202-4857193-1")]
    assert of(found, FactField.CLAIMED_GROUND) == [("Political opinion", "political_opinion")]
    assert of(found, FactField.PRIOR_APPLICATION) == [("None", "none")]
    assert of(found, FactField.AGENT_OF_PERSECUTION) == [("قوات الدعم السريع", "RSF")]


def test_religion_and_ethnicity_only_when_stated(extractor: IdentityExtractor) -> None:
    found = run(
        extractor, "Religion: Christian\nEthnicity: Hazara\nI am a Sunni Muslim. I converted to Christianity in 2018."
    )
    assert of(found, FactField.RELIGION) == [
        ("Christian", "Christianity"),
        ("Sunni Muslim", "Islam (Sunni)"),
        ("Christianity", "Christianity"),
    ]
    assert of(found, FactField.ETHNICITY) == [("Hazara", "Hazara")]
    assert of(run(extractor, "The church was attacked by Muslim extremists."), FactField.RELIGION) == []
    assert of(run(extractor, "I am not a Christian."), FactField.RELIGION) == []
    assert of(run(extractor, "宗教：仏教", "ja"), FactField.RELIGION) == [("仏教", "Buddhism")]
    assert of(run(extractor, "أنا مسيحي.", "ar"), FactField.RELIGION) == [("مسيحي", "Christianity")]
    assert of(run(extractor, "من هزاره هستم.", "fa"), FactField.ETHNICITY) == [("هزاره", "Hazara")]


def test_languages_spoken(extractor: IdentityExtractor) -> None:
    assert of(run(extractor, "I speak Dari and Pashto."), FactField.LANGUAGE_SPOKEN) == [
        ("Dari", "prs"),
        ("Pashto", "ps"),
    ]
    assert of(run(extractor, "Mother tongue: Tamil"), FactField.LANGUAGE_SPOKEN) == [("Tamil", "ta")]


def test_claimed_grounds(extractor: IdentityExtractor) -> None:
    text = (
        "I was arrested because of my political opinion. "
        "The Taliban threatened me because I converted to Christianity. "
        "I was beaten because I am Hazara. "
        "My family wanted to kill me because I am gay. "
        "I was denied citizenship and persecuted because I am stateless. "
        "I like football."
    )
    grounds = [c for c in run(extractor, text) if c.field is FactField.CLAIMED_GROUND]
    assert [c.normalized for c in grounds] == [
        "political_opinion",
        "religion",
        "race",
        "particular_social_group",
        "nationality",
    ]
    for c in grounds:
        assert c.value.endswith(".")  # the whole sentence as written
        assert "not an assessment" in c.note
    ja = [
        c.normalized
        for c in run(extractor, "私は政治活動のために迫害されました。", "ja")
        if c.field is FactField.CLAIMED_GROUND
    ]
    assert ja == ["political_opinion"]


def test_no_ground_in_questions_or_labels(extractor: IdentityExtractor) -> None:
    text = "Q: Were you arrested because of your religion?\nReligion: Christian\nNationality: Syrian"
    assert of(run(extractor, text), FactField.CLAIMED_GROUND) == []


def test_events_and_agents(extractor: IdentityExtractor) -> None:
    text = (
        "On 12 March 2018 I was arrested by the CID in Vavuniya because they suspected I supported the LTTE. "
        "I was never tortured. The police arrest people every day."
    )
    found = run(extractor, text)
    events = [c for c in found if c.field is FactField.EVENT]
    assert len(events) == 1
    attrs = dict(events[0].attributes)
    assert (events[0].normalized, attrs["when"], attrs["where"], attrs["by"]) == (
        "arrest",
        "2018-03-12",
        "Vavuniya (LK)",
        "CID",
    )
    assert of(found, FactField.AGENT_OF_PERSECUTION) == [("CID", "CID")]  # the LTTE is named, but does not act
    ar = run(extractor, "اعتقلتني الشرطة في دمشق.", "ar")
    assert of(ar, FactField.AGENT_OF_PERSECUTION) == [("الشرطة", "police")]
    fa = run(extractor, "توسط سپاه دستگیر شدم.", "fa")
    assert of(fa, FactField.AGENT_OF_PERSECUTION) == [("سپاه", "Revolutionary Guards")]


def test_prior_application(extractor: IdentityExtractor) -> None:
    found = run(extractor, "I applied for asylum in Greece in 2020. I have never applied for asylum before.")
    assert [c.normalized for c in found if c.field is FactField.PRIOR_APPLICATION] == ["GR", "none"]
    found = run(extractor, "今回は2回目の申請です。", "ja")
    assert [c.normalized for c in found if c.field is FactField.PRIOR_APPLICATION] == ["yes"]


def test_every_mention_of_the_applicants_group(extractor: IdentityExtractor) -> None:
    text = (
        "I am an Afghan citizen of Hazara ethnicity. Taliban fighters said that Hazaras are infidels. "
        "They accused me of supporting the Kurdish opposition."
    )
    found = of(run(extractor, text), FactField.ETHNICITY)
    assert found == [("Hazara", "Hazara"), ("Hazaras", "Hazara")]
    fr = of(run(extractor, "Je suis d'ethnie peule et de religion musulmane.", "fr"), FactField.ETHNICITY)
    assert fr == [("peule", "Fula")]
    tr = of(run(extractor, "Türkiye Cumhuriyeti vatandaşıyım ve Sünni Müslümanım.", "tr"), FactField.RELIGION)
    assert tr == [("Sünni Müslüman", "Islam (Sunni)")]
    # a group word inside an organisation's name is not a person's group
    assert of(run(extractor, "I was a member of the Oromo Federalist Congress."), FactField.ETHNICITY) == []


def test_prior_applications_need_context(extractor: IdentityExtractor) -> None:
    found = of(run(extractor, "2015'te İsviçre'ye başvurdum, 2017'de reddedildi.", "tr"), FactField.PRIOR_APPLICATION)
    assert [n for _, n in found] == ["CH"]
    found = of(run(extractor, "Je n'ai jamais demandé l'asile dans un autre pays.", "fr"), FactField.PRIOR_APPLICATION)
    assert [n for _, n in found] == ["none"]
    # the present claim is not an earlier one
    assert of(run(extractor, "I claimed asylum on 19 August 2020."), FactField.PRIOR_APPLICATION) == []
    # ... nor is a claim made on arrival, wherever the country is named
    arrival = "I reached Germany on 3 May 2022 and claimed asylum the next day."
    assert of(run(extractor, arrival), FactField.PRIOR_APPLICATION) == []
    # but an arrival and a claim before coming here is one
    earlier = "I arrived in Italy in 2018 and claimed asylum there, but I left before the decision."
    assert [n for _, n in of(run(extractor, earlier), FactField.PRIOR_APPLICATION)] == ["IT"]


def test_agents_named_again_and_relatives_who_act(extractor: IdentityExtractor) -> None:
    text = "The Taliban threatened to kill me in 2021. After the Taliban took Kabul I hid."
    agents = [v for v, _ in of(run(extractor, text), FactField.AGENT_OF_PERSECUTION)]
    assert agents == ["Taliban", "Taliban"]
    text = "Babam beni evden kovdu ve amcam beni öldürmekle tehdit etti."
    agents = [v for v, _ in of(run(extractor, text, "tr"), FactField.AGENT_OF_PERSECUTION)]
    assert "amcam" in agents
    text = "The police said they could not help. Men from the gang beat me."
    assert "police" not in [v for v, _ in of(run(extractor, text), FactField.AGENT_OF_PERSECUTION)]


def test_other_people_named_after_a_cue(extractor: IdentityExtractor) -> None:
    text = "I was arrested with my friend Samuel Tesfaye. Colonel Abdi Hassan beat me. I called the police."
    assert [v for v, _ in of(run(extractor, text), FactField.PERSON_NAME)] == ["Samuel Tesfaye", "Abdi Hassan"]
    text = "مردی به نام حسین کریمی مرا تهدید کرد."
    assert [v for v, _ in of(run(extractor, text, "fa"), FactField.PERSON_NAME)] == ["حسین کریمی"]


def test_a_form_label_after_a_kinship_word_is_not_a_name(extractor: IdentityExtractor) -> None:
    # the Pakistani identity card sample as Tesseract reads it: "Father Name :" is a label, the name is below it
    text = "PAKISTAN - NATIONAL IDENTITY CARD\nName ;\nNaveed Ahmad Chaudhry\n\nFather Name :\nBashir Ahmad Chaudhry\n"
    names = [v for v, _ in of(run(extractor, text), FactField.PERSON_NAME)]
    assert "Name" not in names


@pytest.mark.parametrize(
    ("text", "language", "name"),
    [
        ("My uncle, Mr. Abdul Wahid Noori, helped me leave.", "en", "Abdul Wahid Noori"),
        ("Eşim Ayşe Demir ve kızım Zeynep Türkiye'de kaldı.", "tr", "Zeynep"),
        ("Adı Hasan Kaya olan bir polis beni tehdit etti.", "tr", "Hasan Kaya"),
        ("اعتقلت الشرطة أخي محمد بن علي العبيدي في عام ٢٠١٥.", "ar", "محمد بن علي العبيدي"),
        ("田中さんが私を助けてくれました。", "ja", "田中"),
    ],
)
def test_names_after_titles_nasab_and_honorifics(
    extractor: IdentityExtractor, text: str, language: str, name: str
) -> None:
    names = [value for value, _ in of(run(extractor, text, language), FactField.PERSON_NAME)]
    assert name in names
    assert "Mr" not in names
    assert "Zeynep Türkiye" not in names


def test_kinship_honorific_is_not_a_name(extractor: IdentityExtractor) -> None:
    assert of(run(extractor, "お父さんが逮捕されました。", "ja"), FactField.PERSON_NAME) == []


def test_as_a_member_of_a_group_is_a_ground(extractor: IdentityExtractor) -> None:
    grounds = of(run(extractor, "They attacked me as a Hazara."), FactField.CLAIMED_GROUND)
    assert [g for _, g in grounds] == ["race"]


@pytest.mark.parametrize(
    ("text", "language", "names"),
    [
        ("El 26 de febrero, el presidente Hassan Rouhani dijo que no había planes.", "es", ["Hassan Rouhani"]),
        ("Presiden Vladimir Putin menyatakan bahwa warga Rusia akan tetap dibayar.", "id", ["Vladimir Putin"]),
        # Arabic script: the listed given name; an unlisted family name is taken only before a boundary
        ("ذكر الرئيس حسن روحاني في 26 فبراير أنه لا توجد خطة.", "ar", ["حسن"]),
        ("ذكر الرئيس حسن روحاني، في 26 فبراير", "ar", ["حسن روحاني"]),
        # a place after the title says whose governor it is; it is no name
        ("El gobernador de Nueva York anunció los ensayos.", "es", []),
        ("Gubernur New York mengumumkan uji coba.", "id", []),
    ],
)
def test_people_named_after_a_title(extractor: IdentityExtractor, text: str, language: str, names: list[str]) -> None:
    assert [value for value, _ in of(run(extractor, text, language), FactField.PERSON_NAME)] == names
