"""A small multilingual glossary of country-of-origin terms, for query-side expansion in full-text search.

Why: full text only matches words in the query's own language, so a Japanese query gave the English
passage that answers it no text score at all, while Japanese passages on other topics matched on shared
kanji bigrams. When a query contains a term listed here, the same concept's wording in the other
languages (English, French, Japanese, Arabic, Persian) is added to the full-text terms; the country
names and demonyms of the multilingual gazetteer (``extraction/facts/data/gazetteer.json``) are added
the same way. The meaning search still reads the query as typed.

The entries were written from domain knowledge of COI reporting (EUAA/UNHCR topics: actors, forms of
harm, military service, religion, ethnicity, gender, documents, movement, return), not from the labelled
evaluation queries; ``docs/coi.md`` says how they were evaluated. Variants are matched on the normalized
query (NFKC, case-folded, French accents removed): as substrings for scripts without spaces and for
Arabic script (which attaches articles and prepositions to words), and at a word start for Latin script
(so ``déserteur`` also matches ``déserteurs``).
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Collection
from dataclasses import dataclass
from functools import cache
from importlib import resources

from examiner_app.coi.text import normalize

# One concept per row: English first, then the other languages. "|" separates variants.
# Keep variants specific: a variant that is an everyday word would add noise to every query.
_CONCEPTS: tuple[dict[str, str], ...] = (
    # actors and state bodies
    {"en": "Taliban", "ja": "タリバン|タリバーン", "fr": "taliban|talibans", "ar": "طالبان", "fa": "طالبان"},
    {"en": "police|police officers", "ja": "警察|警官", "fr": "police|policier", "ar": "شرطة", "fa": "پلیس"},
    {"en": "army|soldiers", "ja": "軍隊|兵士|国軍", "fr": "armée|soldat", "ar": "جيش|جنود", "fa": "ارتش|سرباز"},
    {"en": "security forces", "ja": "治安部隊", "fr": "forces de sécurité", "ar": "قوات الأمن", "fa": "نیروهای امنیتی"},
    {
        "en": "militia|armed groups",
        "ja": "民兵|武装勢力|武装集団",
        "fr": "milice|groupes armés",
        "ar": "ميليشيا|جماعات مسلحة",
        "fa": "شبه‌نظامی|گروه‌های مسلح",
    },
    {
        "en": "intelligence services",
        "ja": "情報機関|諜報機関",
        "fr": "services de renseignement",
        "ar": "المخابرات",
        "fa": "اطلاعات|وزارت اطلاعات",
    },
    {
        "en": "Terrorism Investigation Division|counter-terrorism",
        "ja": "テロ捜査|対テロ|テロ対策",
        "fr": "antiterroriste|lutte antiterroriste",
        "ar": "مكافحة الإرهاب",
        "fa": "مبارزه با تروریسم",
    },
    {
        "en": "Criminal Investigation Department|CID",
        "ja": "犯罪捜査局",
        "fr": "police judiciaire",
        "ar": "التحقيقات الجنائية",
        "fa": "آگاهی",
    },
    {
        "en": "Revolutionary Guards|IRGC",
        "ja": "革命防衛隊",
        "fr": "gardiens de la révolution",
        "ar": "الحرس الثوري",
        "fa": "سپاه پاسداران|سپاه",
    },
    {"en": "Basij", "ja": "バシジ", "fr": "bassidj|basij", "ar": "الباسيج", "fa": "بسیج"},
    {
        "en": "morality police",
        "ja": "道徳警察|風紀警察",
        "fr": "police des moeurs|police des mœurs",
        "ar": "شرطة الأخلاق",
        "fa": "گشت ارشاد|پلیس امنیت اخلاقی",
    },
    {"en": "military junta", "ja": "軍事政権|国軍政権", "fr": "junte", "ar": "المجلس العسكري", "fa": "حکومت نظامی"},
    {
        "en": "government officials|former officials",
        "ja": "政府職員|元政府職員|公務員",
        "fr": "fonctionnaires",
        "ar": "موظفي الحكومة|مسؤولين سابقين",
        "fa": "کارمندان دولت|مقامات سابق",
    },
    # harm and procedure
    {
        "en": "arrest|detention|detained",
        "ja": "逮捕|拘束|拘留|拘禁",
        "fr": "arrestation|détention|détenu",
        "ar": "اعتقال|احتجاز|معتقل",
        "fa": "بازداشت|دستگیری",
    },
    {
        "en": "torture|ill-treatment",
        "ja": "拷問|虐待",
        "fr": "torture|mauvais traitements",
        "ar": "تعذيب",
        "fa": "شکنجه|بدرفتاری",
    },
    {"en": "killings|killed", "ja": "殺害|殺され", "fr": "meurtre|tué|assassinat", "ar": "قتل", "fa": "قتل|کشته"},
    {
        "en": "enforced disappearance|disappeared",
        "ja": "強制失踪|失踪",
        "fr": "disparition forcée|disparu",
        "ar": "اختفاء قسري",
        "fa": "ناپدید",
    },
    {
        "en": "questioning|interrogation|questioned",
        "ja": "尋問|取り調べ|事情聴取",
        "fr": "interrogatoire|interrogé",
        "ar": "استجواب",
        "fa": "بازجویی",
    },
    {
        "en": "summoned|summons",
        "ja": "呼び出|召喚|出頭",
        "fr": "convoqué|convocation",
        "ar": "استدعاء|استدعي",
        "fa": "احضار",
    },
    {"en": "surveillance|monitoring", "ja": "監視", "fr": "surveillance", "ar": "مراقبة", "fa": "نظارت|مراقبت"},
    {
        "en": "harassment|threats",
        "ja": "嫌がらせ|脅迫",
        "fr": "harcèlement|menaces",
        "ar": "مضايقة|تهديد",
        "fa": "آزار|تهدید",
    },
    {
        "en": "prison sentence|imprisonment",
        "ja": "懲役|禁錮|投獄|刑務所",
        "fr": "emprisonnement|prison|peine",
        "ar": "سجن|حكم بالسجن",
        "fa": "زندان|حبس",
    },
    {"en": "death penalty|execution", "ja": "死刑|処刑", "fr": "peine de mort|execution", "ar": "إعدام", "fa": "اعدام"},
    {"en": "trial|court", "ja": "裁判|法廷", "fr": "procès|tribunal", "ar": "محاكمة|محكمة", "fa": "دادگاه|محاکمه"},
    {"en": "amnesty", "ja": "恩赦|大赦", "fr": "amnistie", "ar": "عفو", "fa": "عفو"},
    {
        "en": "attack|attacks|bombing",
        "ja": "攻撃|襲撃|爆破|爆撃",
        "fr": "attaque|attentat",
        "ar": "هجوم|تفجير",
        "fa": "حمله|بمب‌گذاری",
    },
    {"en": "discrimination", "ja": "差別", "fr": "discrimination", "ar": "تمييز", "fa": "تبعیض"},
    {"en": "persécution", "ja": "迫害", "fr": "persécution", "ar": "اضطهاد", "fa": "آزار و اذیت"},
    {
        "en": "confiscation|property",
        "ja": "没収|財産|不動産",
        "fr": "confiscation|biens",
        "ar": "مصادرة|ممتلكات",
        "fa": "مصادره|اموال",
    },
    {
        "en": "protest|protesters|demonstration",
        "ja": "抗議|デモ",
        "fr": "manifestation|manifestant",
        "ar": "احتجاج|متظاهر|مظاهرة",
        "fa": "اعتراض|معترض|تظاهرات",
    },
    {
        "en": "blasphemy|apostasy",
        "ja": "冒涜|棄教|背教",
        "fr": "blaspheme|apostasie",
        "ar": "تجديف|ردة",
        "fa": "توهین به مقدسات|ارتداد",
    },
    # military service
    {
        "en": "military service|conscription",
        "ja": "兵役|徴兵",
        "fr": "service militaire|conscription",
        "ar": "الخدمة العسكرية|التجنيد",
        "fa": "خدمت سربازی|سربازی|نظام وظیفه",
    },
    {
        "en": "national service",
        "ja": "国民奉仕|国家奉仕|国民役務",
        "fr": "service national",
        "ar": "الخدمة الوطنية",
        "fa": "خدمت ملی",
    },
    {
        "en": "desertion|deserters",
        "ja": "脱走|脱走兵",
        "fr": "désertion|déserteur",
        "ar": "فرار|فار من الخدمة|منشق",
        "fa": "فرار از خدمت|فراری",
    },
    {
        "en": "draft evasion|draft evaders",
        "ja": "徴兵忌避|兵役拒否|兵役逃れ",
        "fr": "insoumission|insoumis",
        "ar": "التهرب من التجنيد|متخلف عن الخدمة",
        "fa": "فرار از سربازی|مشمول غایب",
    },
    {"en": "exemption fee|exemption", "ja": "免除金|免除", "fr": "exemption|rachat", "ar": "بدل|إعفاء", "fa": "معافیت"},
    {"en": "reservists|call-up", "ja": "予備役|召集", "fr": "réserviste|rappel", "ar": "الاحتياط", "fa": "احتیاط"},
    {
        "en": "conscientious objection",
        "ja": "良心的兵役拒否",
        "fr": "objection de conscience",
        "ar": "الاستنكاف الضميري",
        "fa": "اعتراض وجدانی",
    },
    # religion
    {
        "en": "Christians|Christianity",
        "ja": "キリスト教|キリスト教徒|クリスチャン",
        "fr": "chrétien|christianisme",
        "ar": "مسيحي|المسيحية",
        "fa": "مسیحی|مسیحیت",
    },
    {
        "en": "converts|conversion",
        "ja": "改宗",
        "fr": "converti|conversion",
        "ar": "المتحولين|اعتناق|تحول",
        "fa": "نوکیش|تغییر دین|گرویدن",
    },
    {
        "en": "house churches",
        "ja": "家庭教会",
        "fr": "églises de maison|église domestique",
        "ar": "كنائس منزلية",
        "fa": "کلیسای خانگی|کلیساهای خانگی",
    },
    {"en": "Pentecostal", "ja": "ペンテコステ", "fr": "pentecôtiste", "ar": "الخمسينية", "fa": "پنطیکاستی"},
    {
        "en": "Jehovah's Witnesses",
        "ja": "エホバの証人",
        "fr": "témoins de jéhovah",
        "ar": "شهود يهوه",
        "fa": "شاهدان یهوه",
    },
    {"en": "Baha'i|Bahai", "ja": "バハイ", "fr": "bahai|baha'i", "ar": "البهائيين|بهائي", "fa": "بهائی|بهائیان"},
    {"en": "Shia|Shiite", "ja": "シーア派", "fr": "chiite", "ar": "شيعة|شيعي", "fa": "شیعه"},
    {"en": "Sunni", "ja": "スンニ派", "fr": "sunnite", "ar": "سنة|سني", "fa": "سنی"},
    {
        "en": "Muslims|Islam",
        "ja": "イスラム|ムスリム",
        "fr": "musulman|islam",
        "ar": "مسلم|الإسلام",
        "fa": "مسلمان|اسلام",
    },
    {"en": "Hindu", "ja": "ヒンドゥー", "fr": "hindou", "ar": "هندوس", "fa": "هندو"},
    {"en": "Buddhist", "ja": "仏教", "fr": "bouddhiste", "ar": "بوذي", "fa": "بودایی"},
    {
        "en": "Ashura|Muharram",
        "ja": "アシュラ|アーシューラー|ムハッラム",
        "fr": "achoura|muharram",
        "ar": "عاشوراء|محرم",
        "fa": "عاشورا|محرم",
    },
    {
        "en": "religious minority",
        "ja": "宗教的少数派|宗教的少数者",
        "fr": "minorité religieuse",
        "ar": "أقلية دينية",
        "fa": "اقلیت دینی|اقلیت مذهبی",
    },
    {
        "en": "worship|church|mosque",
        "ja": "礼拝|教会|モスク",
        "fr": "culte|église|mosquée",
        "ar": "عبادة|كنيسة|مسجد",
        "fa": "عبادت|کلیسا|مسجد",
    },
    # ethnicity and nationality
    {"en": "Tamils|Tamil", "ja": "タミル", "fr": "tamoul", "ar": "التاميل", "fa": "تامیل"},
    {"en": "Hazaras|Hazara", "ja": "ハザラ", "fr": "hazara", "ar": "الهزارة", "fa": "هزاره"},
    {"en": "Rohingya", "ja": "ロヒンギャ", "fr": "rohingya", "ar": "الروهينغا", "fa": "روهینگیا"},
    {"en": "Kurds|Kurdish", "ja": "クルド", "fr": "kurde", "ar": "الأكراد|كردي", "fa": "کرد|کردها"},
    {"en": "Pashtuns", "ja": "パシュトゥーン", "fr": "pachtoune", "ar": "البشتون", "fa": "پشتون"},
    {
        "en": "ethnic minority",
        "ja": "少数民族|民族的少数派",
        "fr": "minorité ethnique",
        "ar": "أقلية عرقية",
        "fa": "اقلیت قومی",
    },
    {
        "en": "stateless|statelessness",
        "ja": "無国籍",
        "fr": "apatride|apatridie",
        "ar": "عديم الجنسية|انعدام الجنسية",
        "fa": "بی‌تابعیت",
    },
    {
        "en": "citizenship|nationality",
        "ja": "市民権|国籍",
        "fr": "citoyenneté|nationalité",
        "ar": "الجنسية|المواطنة",
        "fa": "تابعیت|شهروندی",
    },
    {
        "en": "revoked|deprived of citizenship",
        "ja": "剥奪|はく奪",
        "fr": "privation|retrait|déchu",
        "ar": "سحب الجنسية|تجريد",
        "fa": "سلب تابعیت|لغو",
    },
    # gender, family, education
    {
        "en": "women|girls",
        "ja": "女性|女子|少女",
        "fr": "femme|fille",
        "ar": "النساء|المرأة|الفتيات",
        "fa": "زنان|زن|دختران",
    },
    {
        "en": "married women|husband's permission",
        "ja": "既婚女性|夫の許可|夫の同意",
        "fr": "femmes mariées|autorisation du mari",
        "ar": "المتزوجات|إذن الزوج",
        "fa": "زنان متأهل|اجازه همسر|اجازه شوهر",
    },
    {
        "en": "male guardian|mahram|chaperone",
        "ja": "男性の同伴|同伴者|保護者|マフラム",
        "fr": "tuteur masculin|mahram|chaperon",
        "ar": "محرم|ولي أمر",
        "fa": "محرم|همراه مرد",
    },
    {
        "en": "hijab|dress code|veil",
        "ja": "ヒジャブ|ヘジャブ|服装規定|ベール",
        "fr": "hijab|voile|code vestimentaire",
        "ar": "الحجاب",
        "fa": "حجاب",
    },
    {
        "en": "forced marriage|child marriage",
        "ja": "強制結婚|児童婚",
        "fr": "mariage forcé|mariage précoce",
        "ar": "الزواج القسري|زواج الأطفال",
        "fa": "ازدواج اجباری|کودک همسری",
    },
    {
        "en": "domestic violence|gender-based violence",
        "ja": "家庭内暴力|ジェンダーに基づく暴力|DV",
        "fr": "violence domestique|violences conjugales|violence fondée sur le genre",
        "ar": "العنف الأسري",
        "fa": "خشونت خانگی",
    },
    {
        "en": "LGBTI|homosexuality|same-sex",
        "ja": "同性愛|LGBT|性的少数者",
        "fr": "homosexualité|lgbt",
        "ar": "المثلية|مثليين",
        "fa": "همجنس‌گرایی|همجنسگرا",
    },
    {
        "en": "secondary school|university|education",
        "ja": "中等教育|中学校|高校|大学|教育|学校",
        "fr": "école secondaire|université|éducation|école",
        "ar": "المدرسة الثانوية|الجامعة|التعليم",
        "fa": "دبیرستان|دانشگاه|آموزش|مدرسه",
    },
    {
        "en": "students|expelled",
        "ja": "学生|生徒|追放|退学",
        "fr": "étudiant|élève|exclu|renvoyé",
        "ar": "طلاب|طرد",
        "fa": "دانشجو|اخراج",
    },
    {
        "en": "employment|work ban",
        "ja": "就労|雇用|仕事",
        "fr": "emploi|travail",
        "ar": "عمل|توظيف",
        "fa": "اشتغال|کار",
    },
    # speech, politics, media
    {
        "en": "journalists|media",
        "ja": "ジャーナリスト|記者|報道",
        "fr": "journaliste|médias|presse",
        "ar": "صحفي|صحفيين|الإعلام",
        "fa": "روزنامه‌نگار|خبرنگار|رسانه",
    },
    {
        "en": "activists|human rights defenders",
        "ja": "活動家|人権擁護者",
        "fr": "militant|défenseur des droits",
        "ar": "ناشط|ناشطين|المدافعين عن حقوق الإنسان",
        "fa": "فعال|فعالان|مدافعان حقوق بشر",
    },
    {
        "en": "opposition|political opinion",
        "ja": "野党|反体制|政治的意見",
        "fr": "opposition|opinion politique",
        "ar": "المعارضة|الرأي السياسي",
        "fa": "مخالف|اپوزیسیون|عقیده سیاسی",
    },
    {
        "en": "social media|online posts",
        "ja": "ソーシャルメディア|SNS|投稿",
        "fr": "réseaux sociaux|publication",
        "ar": "وسائل التواصل الاجتماعي|منشور",
        "fa": "شبکه‌های اجتماعی|پست",
    },
    # movement, documents, return
    {
        "en": "returnees|return",
        "ja": "帰国|帰還|送還",
        "fr": "rapatrié|retour|renvoyé",
        "ar": "العائدين|العودة",
        "fa": "بازگشت|بازگشتگان",
    },
    {
        "en": "deportation|forced return",
        "ja": "強制送還|退去強制",
        "fr": "expulsion|renvoi force",
        "ar": "ترحيل",
        "fa": "اخراج|دیپورت",
    },
    {"en": "airport", "ja": "空港", "fr": "aéroport", "ar": "مطار", "fa": "فرودگاه"},
    {
        "en": "checkpoint|checkpoints",
        "ja": "検問|検問所",
        "fr": "point de contrôle|barrage",
        "ar": "حاجز|نقطة تفتيش",
        "fa": "ایست بازرسی",
    },
    {
        "en": "travel|freedom of movement",
        "ja": "移動|渡航|旅行",
        "fr": "déplacement|voyage|circulation",
        "ar": "السفر|التنقل",
        "fa": "سفر|رفت و آمد|جابجایی",
    },
    {
        "en": "permit|permission|authorisation",
        "ja": "許可|許可証",
        "fr": "autorisation|permis",
        "ar": "تصريح|إذن",
        "fa": "مجوز|اجازه",
    },
    {"en": "exit visa", "ja": "出国ビザ|出国査証", "fr": "visa de sortie", "ar": "تأشيرة خروج", "fa": "روادید خروج"},
    {"en": "passport", "ja": "旅券|パスポート", "fr": "passeport", "ar": "جواز سفر", "fa": "گذرنامه|پاسپورت"},
    {
        "en": "identity card|documents",
        "ja": "身分証|身分証明書|書類",
        "fr": "carte d'identité|papiers",
        "ar": "بطاقة الهوية|وثائق",
        "fa": "کارت ملی|مدارک",
    },
    {
        "en": "abroad|diaspora|living abroad",
        "ja": "国外|海外|在外|ディアスポラ",
        "fr": "à l'étranger|diaspora",
        "ar": "في الخارج|المغتربين",
        "fa": "خارج از کشور|مهاجران",
    },
    {
        "en": "internally displaced|displacement",
        "ja": "国内避難民|避難民|避難",
        "fr": "déplacé|déplacement forcé",
        "ar": "النازحين|النزوح",
        "fa": "آوارگان|آوارگی",
    },
    {"en": "township|townships", "ja": "郡区", "fr": "canton|township", "ar": "البلدة", "fa": "شهرستان"},
    {"en": "camp|camps", "ja": "キャンプ|収容所", "fr": "camp", "ar": "مخيم", "fa": "اردوگاه"},
    {
        "en": "land|housing|property rights",
        "ja": "土地|住宅",
        "fr": "terre|logement",
        "ar": "أرض|سكن",
        "fa": "زمین|مسکن",
    },
    {"en": "long distances", "ja": "長距離", "fr": "longue distance", "ar": "مسافات طويلة", "fa": "مسافت طولانی"},
    {"en": "age limit|years old", "ja": "年齢|歳", "fr": "limite d'âge", "ar": "عمر|سن", "fa": "سن"},
    {"en": "duration|length|indefinite", "ja": "期間|期限|無期限", "fr": "durée|indéfini", "ar": "مدة", "fa": "مدت"},
)

# Queries and wordings are compared without accents ("Erythree" finds "Érythrée"): NFD, combining marks dropped.
# Wordings keep their accents: PostgreSQL's "simple" configuration matches them as written.
_LATIN_WORD_START = r"(?<![\w])"


def _fold(text: str) -> str:
    """Normalized text for glossary matching: NFKC, case-folded, Latin accents removed."""
    decomposed = unicodedata.normalize("NFD", normalize(text))
    return unicodedata.normalize("NFC", "".join(ch for ch in decomposed if not unicodedata.combining(ch)))


def _is_latin(text: str) -> bool:
    return all(ord(ch) < 0x0250 for ch in text)


@dataclass(frozen=True)
class _Variant:
    pattern: re.Pattern[str]
    concept: int


# A concept: its wordings as (language, wording) pairs.
Concept = tuple[tuple[str, str], ...]


@cache
def _concepts() -> tuple[Concept, ...]:
    """Every concept's wordings in every language (countries from the gazetteer included)."""
    concepts = [tuple((lang, v) for lang, variants in c.items() for v in variants.split("|")) for c in _CONCEPTS]
    concepts.extend(_country_concepts())
    return tuple(concepts)


def _country_concepts() -> list[Concept]:
    """Country names and demonyms in every language of the gazetteer, one concept per country."""
    try:
        raw = resources.files("examiner_app.extraction.facts.data").joinpath("gazetteer.json").read_text("utf-8")
    except (FileNotFoundError, ModuleNotFoundError):  # pragma: no cover - shipped with the package
        return []
    out: list[Concept] = []
    for entry in json.loads(raw).get("countries", {}).values():
        out.append(
            tuple(
                (lang, name)
                for group in ("names", "demonyms")
                for lang, names in entry.get(group, {}).items()
                for name in names
                if len(name) > 1
            )
        )
    return out


@cache
def _variants() -> tuple[_Variant, ...]:
    variants = []
    for index, concept in enumerate(_concepts()):
        for _lang, variant in concept:
            folded = _fold(variant)
            if len(folded) < 2:
                continue
            pattern = re.escape(folded)
            if _is_latin(folded):
                # At a word start (plurals and feminines still match); short words only as whole words.
                pattern = _LATIN_WORD_START + pattern + (r"(?!\w)" if len(folded) <= 4 else "")
            variants.append(_Variant(re.compile(pattern), index))
    return tuple(variants)


def expansion_terms(query: str, languages: Collection[str] | None = None) -> list[str]:
    """Other-language wordings of the glossary concepts and countries found in ``query``, in first-seen order.

    ``languages``: only wordings in these languages (those of the library: a wording no passage can
    contain only costs time); None for all. Wordings already in the query are not repeated. Returns raw
    phrases; the caller tokenizes them the way the index is tokenized (``text.query_terms``).
    """
    folded = _fold(query)
    found: dict[int, None] = {}
    for variant in _variants():
        if variant.concept not in found and variant.pattern.search(folded):
            found[variant.concept] = None
    concepts = _concepts()
    out: dict[str, None] = {}
    for index in found:
        for lang, wording in concepts[index]:
            if (languages is None or lang in languages) and _fold(wording) not in folded:
                out.setdefault(wording, None)
    return list(out)
