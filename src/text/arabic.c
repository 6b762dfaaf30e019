/* arabic.c — Arabic, Persian, Urdu and Pashto names to Latin in three styles (scholarly, popular,
 * Maghrebi): a lexicon of common name words, and for the rest consonants by ALA-LC values (no
 * diacritics) with the short vowels the script leaves unwritten guessed from the syllable pattern.
 * Invariant: static const tables (the lexicon sorted for its binary search); reads only the
 * letters it is given, and the vowel marks where a word carries them; writes only its output and
 * the look-up memo of a prepared word; output is [a-z ] with a space after an article, a fused
 * "Abd" / "Abu" or a "wa-".
 */
#include <string.h>
#include <uchar.h>
#include "text/text_int.h"

/* Common name words, spelled in normalized form (hamza on alef dropped, ی → ي, ک → ك, final
 * ى → ي) as UTF-16 (one unit a letter, so that words compare letter by letter): the scholarly
 * (ALA-LC without marks) and the popular spelling. Sorted by first letter, then length, then the
 * other letters (lex_order): an entry out of order is never found. */
typedef struct { const char16_t *ar; const char *scholar, *popular; size_t len; } lex_entry;

#define L(ar, sch, pop) { u"" ar, sch, pop, sizeof u"" ar / sizeof(char16_t) - 1 }
static const lex_entry LEXICON[] = {
    L("ابن", "ibn", "ibn"),
    L("ابو", "abu", "abu"),
    L("ابي", "abi", "abi"),
    L("احد", "ahad", "ahad"),
    L("ادم", "adam", "adam"),
    L("اسد", "asad", "asad"),
    L("اغا", "agha", "agha"),
    L("انس", "anas", "anas"),
    L("احمد", "ahmad", "ahmed"),
    L("اختر", "akhtar", "akhtar"),
    L("اسعد", "asad", "asaad"),
    L("اكرم", "akram", "akram"),
    L("الله", "allah", "allah"),
    L("امير", "amir", "amir"),
    L("امين", "amin", "amin"),
    L("انور", "anwar", "anwar"),
    L("اياد", "iyad", "iyad"),
    L("ايمن", "ayman", "ayman"),
    L("ايوب", "ayyub", "ayub"),
    L("احسان", "ihsan", "ehsan"),
    L("احمدي", "ahmadi", "ahmadi"),
    L("اخوند", "akhund", "akhund"),
    L("اسامة", "usama", "osama"),
    L("اسامه", "usama", "osama"),
    L("اسحاق", "ishaq", "ishaq"),
    L("اسلام", "islam", "islam"),
    L("امنيت", "amniyat", "amniyat"),
    L("انصار", "ansar", "ansar"),
    L("ايران", "iran", "iran"),
    L("ايمان", "iman", "iman"),
    L("ابوبكر", "abu bakr", "abubakar"),
    L("اسلامي", "islami", "islami"),
    L("انتصار", "intisar", "intissar"),
    L("ابراهيم", "ibrahim", "ibrahim"),
    L("اسلامية", "islamiya", "islamiyah"),
    L("اسماعيل", "ismail", "ismail"),
    L("القاعدة", "al qaida", "al qaeda"),
    L("ابراهيمي", "ibrahimi", "ebrahimi"),
    L("بن", "bin", "ben"),
    L("بشر", "bishr", "bishr"),
    L("بكر", "bakr", "bakr"),
    L("بنت", "bint", "bint"),
    L("بنك", "bank", "bank"),
    L("باقر", "baqir", "bagher"),
    L("بسام", "bassam", "bassam"),
    L("بشير", "bashir", "bashir"),
    L("بصير", "basir", "baseer"),
    L("بطرس", "butrus", "boutros"),
    L("بكري", "bakri", "bakri"),
    L("بلال", "bilal", "bilal"),
    L("برهان", "burhan", "burhan"),
    L("بنياد", "bunyad", "bonyad"),
    L("بهرام", "bahram", "bahram"),
    L("بلقاسم", "belqasim", "belkacem"),
    L("تقي", "taqi", "taqi"),
    L("تركي", "turki", "turki"),
    L("تجارة", "tijara", "tejarat"),
    L("تجارت", "tijarat", "tejarat"),
    L("تحرير", "tahrir", "tahrir"),
    L("توفيق", "tawfiq", "tawfik"),
    L("تجارية", "tijariya", "tejariya"),
    L("ثامر", "thamir", "thamer"),
    L("ثريا", "thurayya", "thoraya"),
    L("جان", "jan", "jan"),
    L("جبار", "jabbar", "jabbar"),
    L("جبهة", "jabhat", "jabhat"),
    L("جرجس", "jirjis", "girgis"),
    L("جعفر", "jafar", "jafar"),
    L("جلال", "jalal", "jalal"),
    L("جمال", "jamal", "jamal"),
    L("جمعة", "juma", "jumaa"),
    L("جميل", "jamil", "jamil"),
    L("جهاد", "jihad", "jihad"),
    L("جواد", "jawad", "javad"),
    L("جماعة", "jamaa", "jamaat"),
    L("جمعية", "jamiya", "jamiat"),               /* lists write its construct state: Jamiat */
    L("جمعيت", "jamiyat", "jamiat"),
    L("حاج", "hajj", "haj"),
    L("حجت", "hujjat", "hojjat"),
    L("حسن", "hasan", "hassan"),
    L("حمد", "hamad", "hamad"),
    L("حاتم", "hatim", "hatem"),
    L("حاجي", "haji", "haji"),
    L("حارث", "harith", "harith"),
    L("حافظ", "hafiz", "hafez"),
    L("حامد", "hamid", "hamed"),
    L("حبيب", "habib", "habib"),
    L("حركة", "haraka", "harakat"),
    L("حسام", "husam", "hesam"),
    L("حسين", "husayn", "hussein"),
    L("حكمت", "hikmat", "hikmat"),
    L("حمزة", "hamza", "hamza"),
    L("حمزه", "hamza", "hamza"),
    L("حميد", "hamid", "hamid"),
    L("حنفي", "hanafi", "hanafi"),
    L("حيدر", "haydar", "haider"),
    L("حبيبي", "habibi", "habibi"),
    L("حسيني", "husayni", "husseini"),
    L("حقاني", "haqqani", "haqqani"),
    L("خان", "khan", "khan"),
    L("خدا", "khuda", "khuda"),
    L("خضر", "khidr", "khader"),
    L("خيل", "khayl", "khel"),
    L("خادم", "khadim", "khadem"),
    L("خالد", "khalid", "khaled"),
    L("خداي", "khudai", "khudai"),
    L("خليل", "khalil", "khalil"),
    L("خديجة", "khadija", "khadija"),
    L("خداداد", "khudadad", "khudadad"),
    L("داد", "dad", "dad"),
    L("دين", "din", "din"),
    L("داود", "dawud", "davoud"),
    L("دفاع", "difa", "defa"),
    L("دفتر", "daftar", "daftar"),
    L("دوست", "dust", "dost"),
    L("دولة", "dawla", "dawlat"),
    L("درويش", "darwish", "darvish"),
    L("رضا", "rida", "reza"),
    L("روف", "rauf", "rauf"),
    L("رؤوف", "rauf", "rauf"),
    L("راشد", "rashid", "rashed"),
    L("رحمت", "rahmat", "rahmat"),
    L("رحمن", "rahman", "rahman"),
    L("رحيم", "rahim", "rahim"),
    L("رزاق", "razzaq", "razzaq"),
    L("رستم", "rustam", "rustam"),
    L("رسول", "rasul", "rasool"),
    L("رشاد", "rashad", "rashad"),
    L("رووف", "rauf", "rauf"),
    L("رياض", "riyad", "riad"),
    L("رحمان", "rahman", "rahman"),
    L("رضايي", "ridai", "rezaei"),
    L("رمضان", "ramadan", "ramadan"),
    L("رحماني", "rahmani", "rahmani"),
    L("زيد", "zayd", "zaid"),
    L("زاده", "zada", "zadeh"),
    L("زياد", "ziyad", "ziad"),
    L("زينب", "zaynab", "zainab"),
    L("زكريا", "zakariya", "zakaria"),
    L("سعد", "sad", "saad"),
    L("سيد", "sayyid", "sayed"),
    L("سيف", "sayf", "saif"),
    L("سالم", "salim", "salem"),
    L("ستار", "sattar", "sattar"),
    L("سجاد", "sajjad", "sajjad"),
    L("سراج", "siraj", "siraj"),
    L("سرور", "surur", "sarwar"),
    L("سعيد", "said", "saeed"),
    L("سلام", "salam", "salam"),
    L("سليم", "salim", "saleem"),
    L("سميع", "sami", "samie"),
    L("سنان", "sinan", "sinan"),
    L("سندس", "sundus", "sundus"),
    L("سهيل", "suhayl", "sohail"),
    L("سلامي", "salami", "salami"),
    L("سلطان", "sultan", "sultan"),
    L("سلمان", "salman", "salman"),
    L("سازمان", "sazman", "sazman"),
    L("سليمان", "sulayman", "suleiman"),
    L("شام", "sham", "sham"),
    L("شاه", "shah", "shah"),
    L("شمس", "shams", "shams"),
    L("شيخ", "shaykh", "sheikh"),
    L("شركة", "sharika", "sharikat"),
    L("شركت", "shirkat", "sherkat"),
    L("شريف", "sharif", "sharif"),
    L("شفيق", "shafiq", "shafiq"),
    L("شهاب", "shihab", "shahab"),
    L("صابر", "sabir", "saber"),
    L("صادق", "sadiq", "sadegh"),
    L("صالح", "salih", "saleh"),
    L("صبري", "sabri", "sabri"),
    L("صدام", "saddam", "saddam"),
    L("صديق", "siddiq", "siddiq"),
    L("صلاح", "salah", "salah"),
    L("صرافة", "sirafa", "sarafa"),
    L("صرافي", "sarrafi", "sarafi"),
    L("صنايع", "sanayi", "sanaye"),
    L("صنعتي", "sinati", "sanati"),
    L("ضيا", "diya", "zia"),
    L("ضياء", "diya", "zia"),
    L("طه", "taha", "taha"),
    L("طيب", "tayyib", "tayeb"),
    L("طارق", "tariq", "tarek"),
    L("طاهر", "tahir", "taher"),
    L("طلال", "talal", "talal"),
    L("ظاهر", "zahir", "zaher"),
    L("عز", "izz", "ezz"),
    L("عبد", "abd", "abd"),
    L("عدي", "udayy", "uday"),
    L("عزت", "izzat", "ezzat"),
    L("علي", "ali", "ali"),
    L("عمر", "umar", "omar"),
    L("عادل", "adil", "adel"),
    L("عاصم", "asim", "asem"),
    L("عامر", "amir", "amer"),
    L("عباس", "abbas", "abbas"),
    L("عبدو", "abdu", "abdou"),
    L("عبيد", "ubayd", "obaid"),
    L("عتيق", "atiq", "atiq"),
    L("عراق", "iraq", "iraq"),
    L("عزيز", "aziz", "aziz"),
    L("عصام", "isam", "issam"),
    L("عصمت", "ismat", "esmat"),
    L("عظيم", "azim", "azim"),
    L("علاء", "ala", "alaa"),
    L("علوي", "alawi", "alavi"),
    L("عماد", "imad", "emad"),
    L("عمار", "ammar", "ammar"),
    L("عمرو", "amr", "amr"),
    L("عيسي", "isa", "issa"),
    L("عائشة", "aisha", "aisha"),
    L("عبدول", "abdul", "abdul"),
    L("عثمان", "uthman", "othman"),
    L("عدنان", "adnan", "adnan"),
    L("عرفان", "irfan", "irfan"),
    L("عبدالله", "abd allah", "abdullah"),
    L("غني", "ghani", "ghani"),
    L("غازي", "ghazi", "ghazi"),
    L("غسان", "ghassan", "ghassan"),
    L("غفار", "ghaffar", "ghaffar"),
    L("غفور", "ghafur", "ghafoor"),
    L("غلام", "ghulam", "gholam"),
    L("في", "fi", "fi"),
    L("فتح", "fath", "fateh"),
    L("فضل", "fadl", "fazal"),
    L("فهد", "fahd", "fahad"),
    L("فيض", "fayd", "faiz"),
    L("فاتح", "fatih", "fateh"),
    L("فتحي", "fathi", "fathi"),
    L("فراس", "firas", "firas"),
    L("فريد", "farid", "farid"),
    L("فيصل", "faysal", "faisal"),
    L("فاطمة", "fatima", "fatima"),
    L("فرهاد", "farhad", "farhad"),
    L("قصي", "qusayy", "qusay"),
    L("قادر", "qadir", "qader"),
    L("قاري", "qari", "qari"),
    L("قاسم", "qasim", "qassem"),
    L("قدرت", "qudrat", "qodrat"),
    L("قدور", "qaddur", "kaddour"),
    L("قدوس", "quddus", "quddus"),
    L("قاعدة", "qaida", "qaeda"),
    L("قريشي", "qurayshi", "qureshi"),
    L("كاظم", "kazim", "kazem"),
    L("كريم", "karim", "karim"),
    L("كمال", "kamal", "kamal"),
    L("كمون", "kammun", "kammoun"),
    L("لؤي", "luayy", "louai"),
    L("لطيف", "latif", "latif"),
    L("لمتد", "limited", "limited"),                  /* the English word, in company names */
    L("محب", "muhibb", "moheb"),
    L("ملا", "mulla", "mullah"),
    L("مير", "mir", "mir"),
    L("مالك", "malik", "malik"),
    L("مثني", "muthanna", "muthanna"),
    L("مجيد", "majid", "majeed"),
    L("محبي", "muhibbi", "mohebi"),
    L("محسن", "muhsin", "mohsen"),
    L("محمد", "muhammad", "mohammed"),
    L("مدني", "madani", "madani"),
    L("مراد", "murad", "mourad"),
    L("مركز", "markaz", "markaz"),
    L("مريم", "maryam", "maryam"),
    L("مسلم", "muslim", "moslem"),
    L("مصري", "misri", "masri"),
    L("مصعب", "musab", "musab"),
    L("معاذ", "muadh", "moaz"),
    L("معين", "muin", "moeen"),
    L("مقدم", "muqaddam", "moghaddam"),
    L("مكتب", "maktab", "maktab"),
    L("منان", "mannan", "mannan"),
    L("منجد", "munajjid", "munajid"),
    L("منذر", "mundhir", "munzer"),
    L("منير", "munir", "mounir"),
    L("مهدي", "mahdi", "mahdi"),
    L("موسي", "musa", "mousa"),
    L("مؤسسة", "muassasa", "muassasat"),
    L("مبارك", "mubarak", "mubarak"),
    L("مجاهد", "mujahid", "mujahid"),
    L("مجتبي", "mujtaba", "mojtaba"),
    L("محمدي", "muhammadi", "mohammadi"),
    L("محمود", "mahmud", "mahmoud"),
    L("مختار", "mukhtar", "mokhtar"),
    L("مرتضي", "murtada", "murtaza"),
    L("مروان", "marwan", "marwan"),
    L("مسعود", "masud", "masoud"),
    L("مصطفي", "mustafa", "mustafa"),
    L("منصور", "mansur", "mansour"),
    L("موسسه", "muassisa", "moassese"),
    L("موسوي", "musawi", "mousavi"),
    L("مولوي", "mawlawi", "maulvi"),
    L("ميرزا", "mirza", "mirza"),
    L("مجموعة", "majmua", "majmouat"),
    L("محدودة", "mahduda", "mahdouda"),
    L("مولانا", "mawlana", "maulana"),
    L("نصر", "nasr", "nasr"),
    L("نظر", "nazar", "nazar"),
    L("نور", "nur", "noor"),
    L("ناصر", "nasir", "nasser"),
    L("نايف", "nayif", "naif"),
    L("نجيب", "najib", "najib"),
    L("نذير", "nadhir", "nazir"),
    L("نزار", "nizar", "nizar"),
    L("نسيم", "nasim", "nassim"),
    L("نضال", "nidal", "nidal"),
    L("نوري", "nuri", "nouri"),
    L("نعمان", "numan", "noman"),
    L("نيروي", "niruyi", "niruye"),
    L("هادي", "hadi", "hadi"),
    L("هاشم", "hashim", "hashem"),
    L("هشام", "hisham", "hisham"),
    L("هلال", "hilal", "hilal"),
    L("هيثم", "haytham", "haitham"),
    L("هدايت", "hidayat", "hedayat"),
    L("ولد", "wald", "ould"),
    L("ولي", "wali", "wali"),
    L("واحد", "wahid", "wahid"),
    L("وليد", "walid", "waleed"),
    L("وزارة", "wizara", "vezarat"),
    L("وزارت", "wizarat", "vezarat"),
    L("ياسر", "yasir", "yasser"),
    L("يحيي", "yahya", "yahya"),
    L("يزيد", "yazid", "yazid"),
    L("يوسف", "yusuf", "youssef"),
    L("يونس", "yunus", "younis"),
    L("ياسين", "yasin", "yassin"),
    L("يعقوب", "yaqub", "yacoub"),
    L("يوسفي", "yusufi", "yousefi"),
    L("گل", "gul", "gul"),
    L("گروه", "guruh", "gorouh"),
};
#undef L
#define LEX_N (sizeof LEXICON / sizeof *LEXICON)

/* The vowel marks a word may carry, kept per letter beside the normalized word: the short vowel
 * written after the letter ('a', 'u', 'i'), or 's' for sukun (no vowel); MARK_SHADDA doubles it. */
#define MARK_SHADDA 0x80

static uint8_t mark_of(uint32_t c)
{
    switch (c) {
    case 0x64E: return 'a';
    case 0x64F: return 'u';
    case 0x650: return 'i';
    case 0x652: return 's';
    case 0x651: return MARK_SHADDA;
    default: return 0;                              /* tanwin, dagger alef: nothing to read */
    }
}

/* Drops tatweel and ZWNJ, folds Persian ye and kaf, alef maqsura and the Urdu heh and ta
 * marbuta forms into their Arabic letters, and moves the vowel marks into mk (one per letter
 * of out). Returns the length. */
static size_t ar_normalize(const uint32_t *in, size_t n, uint32_t *out, uint8_t *mk)
{
    size_t m = 0;
    for (size_t i = 0; i < n; i++) {
        uint32_t c = in[i];
        if ((c >= 0x64B && c <= 0x652) || c == 0x670) {
            uint8_t k = mark_of(c);                 /* a shadda joins the vowel, a vowel replaces one */
            if (m > 0)
                mk[m - 1] = (uint8_t)(k == MARK_SHADDA ? mk[m - 1] | k : (mk[m - 1] & MARK_SHADDA) | k);
            continue;
        }
        if (c == 0x640 || c == 0x200C) continue;
        if (c == 0x6CC || c == 0x649 || c == 0x6D2) c = 0x64A;
        else if (c == 0x6A9) c = 0x643;
        else if (c == 0x6C0 || c == 0x6D5 || c == 0x6C3) c = 0x629;
        else if (c == 0x6C1 || c == 0x6BE) c = 0x647;             /* Urdu heh forms */
        mk[m] = 0;
        out[m++] = c;
    }
    return m;
}

/* A letter as the lexicon spells it: the alefs that carry hamza or madda are bare alef. */
static uint32_t lex_letter(uint32_t c)
{
    return c == 0x623 || c == 0x625 || c == 0x622 || c == 0x671 ? 0x627 : c;
}

/* How a lexicon entry orders against the normalized word w (see ar_normalize), whose first
 * letter and length make `head`: by first letter, then length, then the other letters. */
static int lex_order(const lex_entry *e, uint32_t head, const uint32_t *w, size_t n)
{
    uint32_t h = (uint32_t)e->ar[0] << 8 | (uint32_t)e->len;
    if (h != head) return h < head ? -1 : 1;
    for (size_t i = 1; i < n; i++) {
        uint32_t c = lex_letter(w[i]);
        if (e->ar[i] != c) return e->ar[i] < c ? -1 : 1;
    }
    return 0;
}

/* The lexicon entry spelled as the normalized word w, or NULL (a binary search: LEXICON is
 * sorted in lex_order). */
static const lex_entry *lex_find(const uint32_t *w, size_t n)
{
    if (n == 0 || n > 0xFF) return NULL;
    uint32_t head = lex_letter(w[0]) << 8 | (uint32_t)n;
    size_t lo = 0, hi = LEX_N;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        int c = lex_order(&LEXICON[mid], head, w, n);
        if (c == 0) return &LEXICON[mid];
        if (c < 0) lo = mid + 1;
        else hi = mid;
    }
    return NULL;
}

long cdn_ar_lexicon_unreachable(void)
{
    for (size_t i = 0; i < LEX_N; i++) {
        uint32_t w[32];
        size_t n = LEXICON[i].len < 32 ? LEXICON[i].len : 32;
        for (size_t k = 0; k < n; k++) w[k] = LEXICON[i].ar[k];
        if (lex_find(w, n) != &LEXICON[i]) return (long)i;
    }
    return -1;
}

/* The lexicon entry of a word written with the Arabic kaf where it has gaf, or NULL. Persian typed
 * on an Arabic keyboard, which has no gaf, writes ك for it (كل آغا for Gul Agha); only a word in
 * a name that shows Persian letters elsewhere, and is no known word with kaf, is read so. */
static const lex_entry *lex_find_gaf(const uint32_t *w, size_t n)
{
    uint32_t g[32];
    if (n > 32) return NULL;
    for (size_t i = 0; i < n; i++) g[i] = w[i] == 0x643 ? 0x6AF : w[i];
    return lex_find(g, n);
}

/* The look-ups of one prepared word, remembered for its other styles (see cdn_ar_prepare): slot
 * i holds a key (1 + the word's letters from, length; 0 when free) and its entry (1 + index in
 * LEXICON, 0 for none). Without a memo every look-up searches. gaf: the word has an Arabic kaf
 * in a name written in Persian letters (see lex_find_gaf). */
#define AR_MEMO 8
typedef struct { const uint32_t *base; uint32_t *memo; int gaf; } ar_lookups;

/* The lexicon entry spelled as w (or, if lk->gaf, with its Arabic kafs read as gaf), remembered. */
static const lex_entry *lex_lookup(const ar_lookups *lk, const uint32_t *w, size_t n)
{
    if (!lk->memo) {
        const lex_entry *e = lex_find(w, n);
        return e || !lk->gaf ? e : lex_find_gaf(w, n);
    }
    uint32_t key = (uint32_t)((size_t)(w - lk->base) << 8 | n) + 1;
    size_t i = 0;
    for (; i < AR_MEMO && lk->memo[2 * i]; i++)
        if (lk->memo[2 * i] == key)
            return lk->memo[2 * i + 1] ? &LEXICON[lk->memo[2 * i + 1] - 1] : NULL;
    const lex_entry *e = lex_find(w, n);
    if (!e && lk->gaf) e = lex_find_gaf(w, n);
    if (i < AR_MEMO) {
        lk->memo[2 * i] = key;
        lk->memo[2 * i + 1] = e ? (uint32_t)(e - LEXICON) + 1 : 0;
    }
    return e;
}

/* The consonant value of a letter, "" for the glottal/pharyngeal ones lists leave out, or NULL
 * if the letter is a vowel letter or unknown. Persian reads ث ذ ض ظ as s z z z. */
static const char *consonant(uint32_t c, int persian)
{
    switch (c) {
    case 0x621: case 0x624: case 0x626: case 0x639: return "";
    case 0x628: return "b";  case 0x62A: return "t";  case 0x62B: return persian ? "s" : "th";
    case 0x62C: return "j";  case 0x62D: return "h";  case 0x62E: return "kh";
    case 0x62F: return "d";  case 0x630: return persian ? "z" : "dh";
    case 0x631: return "r";  case 0x632: return "z";  case 0x633: return "s";  case 0x634: return "sh";
    case 0x635: return "s";  case 0x636: return persian ? "z" : "d";  case 0x637: return "t";
    case 0x638: return "z";  case 0x63A: return "gh"; case 0x641: return "f";  case 0x642: return "q";
    case 0x643: return "k";  case 0x644: return "l";  case 0x645: return "m";  case 0x646: return "n";
    case 0x647: return "h";  case 0x67E: return "p";  case 0x686: return "ch"; case 0x698: return "zh";
    case 0x6AF: return "g";  case 0x679: return "t";  case 0x688: return "d";  case 0x691: return "r";
    case 0x6BA: return "n";  case 0x6BE: return "h";  case 0x6C1: return "h";  case 0x6A4: return "v";
    default: return NULL;
    }
}

static int is_alef(uint32_t c) { return c == 0x627 || c == 0x622 || c == 0x623 || c == 0x671; }

/* Whether the letter at i is read as a vowel: alef, ta marbuta, or waw/ya after a consonant and
 * before a consonant (or the end). */
static int vowel_at(const uint32_t *w, size_t n, size_t i, int persian)
{
    if (i >= n) return 0;
    uint32_t c = w[i];
    if (is_alef(c) || c == 0x625 || c == 0x629) return 1;
    if (c == 0x648 || c == 0x64A) {
        if (i == 0) return 0;
        uint32_t p = w[i - 1];
        if (is_alef(p) || ((p == 0x648 || p == 0x64A) && vowel_at(w, n, i - 1, persian))) return 0;
        if (i + 1 >= n || consonant(w[i + 1], persian) != NULL) return 1;
        /* Before another waw/ya: that one is a consonant when a vowel letter follows it. */
        return (w[i + 1] == 0x648 || w[i + 1] == 0x64A)
               && (i + 2 < n && (is_alef(w[i + 2]) || w[i + 2] == 0x629));
    }
    return 0;
}

/* Whether the letter at i is a consonant followed by another consonant (not the word's end),
 * given vow, the vowel_at of each letter (vow[n] is 0). */
static int cluster_at(const uint32_t *w, size_t n, const uint8_t *vow, size_t i)
{
    return i + 1 < n && !vow[i] && !vow[i + 1] && !(w[i + 1] == 0x647 && i + 2 == n);
}

/* Whether the word ends, after the letter at i, in r, l or n and a consonant (not a final heh,
 * which is a vowel): the two-consonant coda of a Persian word's last syllable (Kiyumars). */
static int final_coda_after(const uint32_t *w, size_t n, const uint8_t *vow, size_t i)
{
    if (i + 3 != n || vow[i + 1] || vow[i + 2]) return 0;
    uint32_t s = w[i + 1], c = w[i + 2];
    const char *last = consonant(c, 1);
    return (s == 0x631 || s == 0x644 || s == 0x646) && last && *last && c != 0x647;
}

/* The Maghrebi (French) spelling of a romanized word, as Algerian, Tunisian and Moroccan names
 * appear on the lists: ج dj, ش ch, ق k, ū and w ou (Djamel, Achour, Belkacem, Noureddine,
 * Sahraoui). Rewrites out[from, o) in place, the vowels too if asked (not in a known name,
 * whose popular spelling already has them); returns the new end. */
static size_t maghrebi(char *out, size_t from, size_t o, size_t cap, int vowels)
{
    char src[CDN_TOKEN_MAX * 8 + 16];
    size_t n = o - from < sizeof src ? o - from : sizeof src - 1;
    memcpy(src, out + from, n);
    o = from;
    for (size_t i = 0; i < n; i++) {
        char c = src[i], prev = i ? src[i - 1] : ' ', next = i + 1 < n ? src[i + 1] : ' ';
        const char *r = NULL;
        if (c == 'j' && prev != 'd') r = "dj";
        else if (c == 's' && next == 'h') { r = "ch"; i++; }
        else if (c == 'q') r = "k";
        else if (vowels && (c == 'u' || c == 'w') && prev != 'o' && next != 'o' && next != 'u') r = "ou";
        if (r) o = cdn_put(out, o, cap, r);
        else if (o + 1 < cap) out[o++] = c;
    }
    return o;
}

/* Whether a style (with its Persian bit) is the Maghrebi one: joined, and not in Persian letters. */
static int maghrebi_style(int style) { return style == CDN_AR_JOINED; }

/* Whether the letter at i comes before the feminine nisba -iyya (ية at the end): its vowel is i. */
static int iyya_at(const uint32_t *w, size_t n, size_t i)
{
    return n >= 4 && i + 3 == n && w[i + 1] == 0x64A && w[i + 2] == 0x629;
}

/* Whether a word is a participle of a derived verb form, whose mu- the script leaves unwritten:
 * m + t (forms V, VI, VIII: Mutawakkil, Muttahidun), m + four consonants before the first long
 * vowel (Mutma'in, Mustad'afin, Muhandis, Muntazir), or m + three before the plural of people
 * (Muslimin). Nouns of place and passive participles of the plain verb have ma- but fewer
 * consonants (Maktab, Markazi, Mahmud). */
static int mu_participle(const uint32_t *w, size_t n, int persian)
{
    if (n < 5 || w[0] != 0x645) return 0;
    if (w[1] == 0x62A) return 1;
    if (n == 6 && (w[4] == 0x64A || w[4] == 0x648) && w[5] == 0x646 && consonant(w[1], persian)
        && consonant(w[2], persian) && consonant(w[3], persian))
        return 1;                    /* the plural -in / -un is of people: Muslimin, Mu'minin */
    size_t k = 0;
    for (size_t i = 1; i < n && consonant(w[i], persian) && !(w[i] == 0x647 && i + 1 == n); i++) k++;
    return k >= 4;
}

/* Whether the letter at i is the infix t of a form VIII or X masdar: alef, C, t, C, ā (iCtiCāC),
 * alef, s, t, C, C, ā (istiCCāC), or alef, t, C, ā (ittiCāC, the t of an assimilated w). */
static int infix_t(const uint32_t *w, size_t n, size_t i, int persian)
{
    if (n < 5 || w[0] != 0x627 || w[i] != 0x62A) return 0;
    if (i == 1) return consonant(w[2], persian) && *consonant(w[2], persian) && is_alef(w[3]);
    return i == 2 && consonant(w[1], persian) && consonant(w[3], persian)
           && (is_alef(w[4]) || (n >= 6 && consonant(w[4], persian) && is_alef(w[5])));
}

/* Whether a word is the diminutive CuwayC of a hollow root (Huwaysh, Duwayk, Suwayd): consonant,
 * waw, ya, consonant, with no marks to say otherwise. The script leaves its u unwritten and its waw
 * looks like a vowel letter; read as Hawish it meets none of the lists' spellings. The Maghrebi
 * style and Persian keep the plain reading. */
static int cuwayc_at(const uint32_t *w, const uint8_t *mk, size_t n, int style)
{
    const char *c0 = consonant(w[0], 0), *c3 = n >= 4 ? consonant(w[3], 0) : NULL;
    return n >= 4 && style != CDN_AR_JOINED && c0 && *c0 && w[1] == 0x648 && w[2] == 0x64A && c3 && *c3
           && !mk[0] && !mk[1] && !mk[2];
}

/* Where an active participle has its i: on the consonant before the last root letter, behind
 * the plural (-in, -un), the feminine or the nisba ending (Muslimin, Muntazir, Muntaziri). */
static size_t participle_i(const uint32_t *w, size_t n)
{
    if (n >= 6 && (w[n - 2] == 0x64A || w[n - 2] == 0x648) && w[n - 1] == 0x646) n -= 2;
    else if (w[n - 1] == 0x629 || w[n - 1] == 0x647 || w[n - 1] == 0x64A) n--;
    return n >= 3 ? n - 2 : 0;
}

/* What the marks on consonant i write after it (its value is already out): the doubled
 * consonant of a shadda, then the short vowel (a; u and i, which Iranian spelling writes o and e)
 * unless the long vowel of the same quality follows (ā, ū, ī are written out by their letter). */
static size_t written_vowel(const uint32_t *w, size_t n, const uint8_t *vow, const uint8_t *mk,
                            size_t i, int style, char *out, size_t o, size_t cap)
{
    int persian = style & CDN_AR_PERSIAN;
    const char *cons = w[i] == 0x648 ? (persian ? "v" : "w")
                       : w[i] == 0x64A ? "y" : consonant(w[i], persian);
    int maghrebi_w = w[i] == 0x648 && maghrebi_style(style);      /* Naouaf, not Naououaf */
    if ((mk[i] & MARK_SHADDA) && cons && *cons && !maghrebi_w) o = cdn_put(out, o, cap, cons);
    char v = (char)(mk[i] & ~MARK_SHADDA);
    if (v == 0 || v == 's') return o;
    uint32_t next = i + 1 < n && vow[i + 1] ? w[i + 1] : 0;
    if ((v == 'a' && is_alef(next)) || (v == 'u' && next == 0x648) || (v == 'i' && next == 0x64A))
        return o;
    int iranian = persian && (style & ~CDN_AR_PERSIAN) == CDN_AR_POPULAR;
    return cdn_put(out, o, cap, v == 'a' ? "a" : v == 'u' ? (iranian ? "o" : "u") : iranian ? "e" : "i");
}

/* The letters of one word by rule: consonants by their values, waw/ya/alef as long vowels where
 * they are, and a short vowel guessed where two consonants would otherwise meet at the start of
 * a syllable (CaCC…, then alternating): what the unwritten vowels most often are. */
static size_t by_rule(const uint32_t *w, const uint8_t *mk, size_t n, int style, char *out, size_t o,
                      size_t cap)
{
    int persian = style & CDN_AR_PERSIAN;
    style &= ~CDN_AR_PERSIAN;
    size_t o0 = o;
    int had_vowel = 1;                 /* whether the previous consonant got a vowel */
    size_t mu_i = n, mu = mu_participle(w, n, persian);
    if (mu && !(w[1] == 0x633 && w[2] == 0x62A)) mu_i = participle_i(w, n);   /* Form X: a or i */
    int after_long = 0;                /* whether a long vowel or diphthong came just before */
    int cuwayc = !persian && cuwayc_at(w, mk, n, style);
    uint8_t vow[CDN_TOKEN_MAX + 1];    /* vowel_at of each letter, asked several times a letter */
    for (size_t i = 0; i < n; i++)       /* a waw or ya that carries a mark is a consonant */
        vow[i] = (uint8_t)(vowel_at(w, n, i, persian)
                           && !((w[i] == 0x648 || w[i] == 0x64A) && mk[i]));
    vow[n] = 0;
    for (size_t i = 0; i < n; i++) {
        uint32_t c = w[i];
        if (vow[i]) {
            after_long = i > 0;            /* an initial alef is a short vowel (Ahmad, Islam) */
            const char *v = "a";
            if (c == 0x625) v = "i";
            else if (c == 0x648) {
                /* A waw after the first consonant is a diphthong the lists write three ways:
                 * Jawhar (scholarly), Johar / Shoman (popular), Juhar / Luna (joined style); in
                 * a word of three letters too (Fawz, Foz, Fouz). */
                static const char *const AW[CDN_AR_N] = { "aw", "o", "u" };
                v = i == 1 && n >= 3 && !persian ? AW[style]                      /* Jawhar */
                    : persian && style == CDN_AR_POPULAR ? "ou" : "u";   /* Nur; Iranian Rouhani */
            }
            else if (c == 0x64A && i == 2 && cuwayc)   /* Huwaysh; Duwaik has the same key */
                v = "ay";
            else if (c == 0x64A && n == 2)                               /* al-Hayy: Abdulhai */
                v = style == CDN_AR_SCHOLAR ? "ay" : "ai";
            else if (c == 0x64A)    /* Zayd, Haydar, Iranian Heidar, Afghan Khairullah; but Sindi */
                v = n >= 3 && i == 1 && !cluster_at(w, n, vow, 2)
                    ? (style == CDN_AR_SCHOLAR ? "ay" : persian && style == CDN_AR_POPULAR ? "ei" : "ai")
                    : "i";
            else if (c == 0x627 && i == 0 && n >= 4 && consonant(w[1], persian)
                     && !vow[2] && (consonant(w[2], persian) || w[2] == 0x64A)
                     && (!persian || (style == CDN_AR_JOINED && (is_alef(w[3])
                                      || (n >= 5 && consonant(w[3], persian) && is_alef(w[4]))))))
                /* The masdar of the derived forms, iCCāC and iCCiCāC (Islam, Intisar, Ihya,
                 * Inqilab). Persian names have aCCāC too (Afshar, Ashkan, Arman): only its
                 * e-style writes the masdar's e (Eslami, Enqelab, Ershad). */
                v = persian ? "e" : "i";
            o = cdn_put(out, o, cap, v);
            if (c == 0x64A && i == 1 && v[0] == 'i' && v[1] == 0) after_long = 0;   /* Sindi: short */
            had_vowel = 1;
            continue;
        }
        const char *cons = consonant(c, persian);
        /* A consonant waw after a closed syllable carries u (Ruwayshid), unless a long ī follows
         * it: then it opens its own syllable (Qazwini, Darwish, Persian Parviz). */
        int w_opens = had_vowel || i == 0 || (i + 1 < n && w[i + 1] == 0x64A && vow[i + 1]);
        if (c == 0x648) cons = persian ? (w_opens ? "v" : "uv") : w_opens ? "w" : "uw";
        else if (c == 0x64A && i == 1 && n > 2 && is_alef(w[2]) && style != CDN_AR_SCHOLAR
                 && consonant(w[0], persian) && *consonant(w[0], persian) && !(mk[1] & MARK_SHADDA))
            cons = "";                                                     /* Ziad, Riad */
        else if (c == 0x64A && i > 0 && is_alef(w[i - 1]) && style != CDN_AR_SCHOLAR
                 && (i + 1 == n || (i + 2 == n && w[i + 1] == 0x64A)))
            cons = i + 1 == n ? "i" : "";                  /* Khudai, Mirzai, Rezaei: no y glide */
        else if (c == 0x64A) cons = had_vowel || i == 0 ? "y" : "iy";        /* Islamiya */
        else if (c == 0x647 && i + 1 == n && i > 0 && !is_alef(w[i - 1])) cons = "a";   /* Hawala, Taha */
        if (!cons) continue;
        o = cdn_put(out, o, cap, cons);
        int long_before = after_long;
        after_long = 0;
        if (mk[i]) {
            o = written_vowel(w, n, vow, mk, i, style | persian, out, o, cap);
            had_vowel = (mk[i] & ~MARK_SHADDA) != 0 && (mk[i] & ~MARK_SHADDA) != 's';
            if (mk[i] != MARK_SHADDA) continue;       /* a bare shadda leaves the vowel to guess */
        }
        if (i == 2 && n == 4 && is_alef(w[1]) && consonant(w[3], 0) && w[3] != 0x647) {
            /* CāCiC, the active participle most given names are (Fadil, Ayid, Khalid, Sabir;
             * Persian Naser, Kazem, Salek): lists write its short vowel i, or e in the popular
             * style and in Persian (Fadel, Khaled). */
            o = cdn_put(out, o, cap, style == CDN_AR_SCHOLAR && !persian ? "i" : "e");
            had_vowel = 1;
            continue;
        }
        if (infix_t(w, n, i, persian)) {
            /* The masdar of forms VIII and X has i after its t (Ijtima, Istiqlal; Ittihad,
             * Ittifaq where the t doubles); Persian writes it e (Ettehad, Entekhab). */
            if (i == 1) o = cdn_put(out, o, cap, "t");
            o = cdn_put(out, o, cap, persian && style != CDN_AR_SCHOLAR ? "e" : "i");
            had_vowel = 1;
            continue;
        }
        if (c == 0x626 && i > 0 && !is_alef(w[i - 1]) && !vow[i - 1]
            && i + 1 < n && consonant(w[i + 1], persian)) {
            /* A hamza seated on ya between consonants carries i (the seat follows the vowel):
             * Mutma'in, Motmaen. */
            o = cdn_put(out, o, cap, style == CDN_AR_SCHOLAR && !persian ? "i" : "e");
            had_vowel = 1;
            continue;
        }
        if (long_before && cluster_at(w, n, vow, i) && (!persian || final_coda_after(w, n, vow, i))) {
            if (persian) {
                /* Persian has CVVC (Pasdaran) but ends words in a sonorant and a consonant
                 * (Kiyumars, Gudarz, Khodavand): the consonant before them opens that syllable. */
                o = cdn_put(out, o, cap, style == CDN_AR_JOINED ? "e" : "a");
                had_vowel = 1;
                continue;
            }
            /* After a long vowel an Arabic consonant opens the next syllable (CVVC does not occur
             * inside a word; Persian has it: Pasdaran): Jawdat, Hashimi, Mujahid. After ā behind
             * the first consonant or behind mu- it is mostly the participle's i (Hashimi,
             * Muhajir) or, before the last consonant, the i of broken plurals (Rawafid,
             * Masajid, Jawahir); elsewhere a. */
            int participle = is_alef(w[i - 1]) && (i == 2 || (i == 3 && w[0] == 0x645) || i + 2 == n);
            o = cdn_put(out, o, cap, iyya_at(w, n, i) ? "i"
                                 : participle ? (style == CDN_AR_SCHOLAR && !persian ? "i" : "e")
                                 : style == CDN_AR_JOINED ? "e" : "a");
            had_vowel = 1;
            continue;
        }
        if (mu && i == 1 && c == 0x62A) {
            /* The t of forms V, VI and VIII opens a syllable: Mutawakkil, Mutaqaddim, Mutahidun */
            o = cdn_put(out, o, cap, "a");
            had_vowel = !(i + 1 < n && consonant(w[i + 1], persian) && *consonant(w[i + 1], persian));
            continue;
        }
        if (i + 1 < n && !vow[i + 1]) {
            /* Two consonants in a row: a short vowel sits between them unless this one closes
             * a syllable opened by the vowel before it. */
            if (!had_vowel || i == 0 || (mk[i + 1] & MARK_SHADDA)) {   /* a vowel before CC */
                /* The joined style is the Maghrebi one (Abdelkader, Nureddine): its guessed
                 * short vowel is e (Mehrez, Belkacem), where the others write a. */
                const char *sv = style == CDN_AR_JOINED ? "e" : "a";
                if ((i == 0 && c == 0x645 && i + 2 < n && is_alef(w[i + 2])) || (i == 0 && cuwayc)) sv = "u";
                else if (i == mu_i) sv = style == CDN_AR_SCHOLAR && !persian ? "i" : "e";
                else if (i == 0 && mu)
                    sv = persian && style != CDN_AR_SCHOLAR ? "o" : "u";     /* Persian Montazer */
                /* CiyāC: Ziyad, Riyad, Ghiyath; the popular styles drop the y (Ziad, Zia). */
                else if (i == 0 && w[1] == 0x64A && i + 2 < n && is_alef(w[2]) && *cons
                         && !(mk[1] & MARK_SHADDA))
                    sv = "i";
                else if (iyya_at(w, n, i)) sv = "i";                   /* Jamiya, Tijariya */
                /* A hamza seated on waw follows u, unless a long u comes after it (Ra'uf):
                 * Fu'ad, Mu'min. */
                else if (w[i + 1] == 0x624 && !(i + 2 < n && w[i + 2] == 0x648)) sv = "u";
                o = cdn_put(out, o, cap, sv);
                had_vowel = 1;                                             /* Mujahid, Muqatil */
            } else {
                had_vowel = 0;
            }
        } else {
            had_vowel = 0;
        }
    }
    return maghrebi_style(style | persian) ? maghrebi(out, o0, o, cap, 1) : o;
}

/* Known names the Maghrebi and Egyptian lists spell their own way (Mohamed, Kamel, Mehdi). */
static const char *const MAGHREBI_NAMES[][2] = {
    { "muhammad", "mohamed" }, { "kamal", "kamel" }, { "mahdi", "mehdi" }, { "imad", "imed" },
    { "yahya", "yahia" }, { "sulayman", "slimane" }, { "abu", "abou" }, { "nur", "nour" },
    { "jamal", "djamel" },
};

/* Known names Iranian lists spell their own way (Mohammad, Morteza, Hossein, Seyed). */
static const char *const PERSIAN_NAMES[][2] = {
    { "muhammad", "mohammad" }, { "murtada", "morteza" }, { "husayn", "hossein" },
    { "muhammadi", "mohammadi" }, { "haydar", "heidar" }, { "husayni", "hosseini" },
    { "sultan", "soltan" }, { "sayyid", "seyed" }, { "hujjat", "hojjat" }, { "khuda", "khoda" }, { "khudadad", "khodadad" },
    { "gul", "gol" }, { "rustam", "rostam" },
};

/* The Persian (else the Maghrebi) spelling of a known name, or NULL if it is the popular one. */
static const char *respelled(int persian, const char *scholar)
{
    const char *const (*table)[2] = persian ? PERSIAN_NAMES : MAGHREBI_NAMES;
    size_t n = persian ? sizeof PERSIAN_NAMES / sizeof *PERSIAN_NAMES
                       : sizeof MAGHREBI_NAMES / sizeof *MAGHREBI_NAMES;
    for (size_t i = 0; i < n; i++)
        if (table[i][0][0] == scholar[0] && strcmp(scholar, table[i][0]) == 0) return table[i][1];
    return NULL;
}

/* A lexicon word in a style: scholarly; popular (in Persian letters the Iranian spelling where it
 * differs: Hossein, Seyed); for the joined (Maghrebi) style the Maghrebi spelling, else the popular
 * one with its consonants made Maghrebi (Belkacem, Achour); in Persian letters the joined style
 * keeps the popular spelling Afghan and Pakistani lists share with Arab ones (Hussein, Sayed). */
static size_t put_lex(const lex_entry *e, int style, char *out, size_t o, size_t cap)
{
    int persian = style & CDN_AR_PERSIAN;
    style &= ~CDN_AR_PERSIAN;
    if (style == CDN_AR_SCHOLAR) return cdn_put(out, o, cap, e->scholar);
    const char *r = persian ? (style == CDN_AR_POPULAR ? respelled(1, e->scholar) : NULL)
                  : style == CDN_AR_JOINED ? respelled(0, e->scholar) : NULL;
    if (r) return cdn_put(out, o, cap, r);
    if (style == CDN_AR_POPULAR || persian) return cdn_put(out, o, cap, e->popular);
    size_t o0 = o;
    o = cdn_put(out, o, cap, e->popular);
    return maghrebi(out, o0, o, cap, 0);
}

/* Two known names written as one word (غلامرضا, علیرضا, محمدعلی): the joined style writes them
 * as one (Gholamreza, Alireza), the others part them (Ali Reza, Mohammad Hossein: Iranian names
 * come both ways). A particle stays apart (محمدعبد). */
static size_t fused_pair(const lex_entry *a, const lex_entry *b, int style, char *out, size_t o,
                         size_t cap)
{
    int plain = style & ~CDN_AR_PERSIAN;
    int particle = strchr(b->scholar, ' ') || strcmp(b->scholar, "abd") == 0
                   || strcmp(b->scholar, "abu") == 0 || strcmp(b->scholar, "ibn") == 0
                   || strcmp(b->scholar, "bin") == 0;
    int join = !particle && !strchr(a->scholar, ' ') && plain == CDN_AR_JOINED;
    o = put_lex(a, style, out, o, cap);
    if (!join) o = cdn_put(out, o, cap, " ");
    return put_lex(b, style, out, o, cap);
}

static int ends_with(const uint32_t *w, size_t n, const uint32_t *suf, size_t k)
{
    return n > k && memcmp(w + n - k, suf, k * sizeof *w) == 0;
}

/* One word without its article or Abd: lexicon, fused "…allah" / "…al-din" / Pashto "…zai"
 * endings, or rule. */
static size_t word(const ar_lookups *lk, const uint32_t *w, const uint8_t *mk, size_t n, int style,
                   char *out, size_t o, size_t cap)
{
    static const uint32_t ALLAH[] = { 0x627, 0x644, 0x644, 0x647 };
    static const uint32_t ALDIN[] = { 0x627, 0x644, 0x62F, 0x64A, 0x646 };
    int persian = style & CDN_AR_PERSIAN;
    style &= ~CDN_AR_PERSIAN;
    const lex_entry *e = lex_lookup(lk, w, n);
    if (e) return put_lex(e, style | persian, out, o, cap);
    if (n >= 6 && is_alef(w[0]) && w[1] == 0x628 && w[2] == 0x648 && !is_alef(w[3])) {
        o = cdn_put(out, o, cap, maghrebi_style(style | persian) ? "abou " : "abu ");   /* ابوغیث */
        return word(lk, w + 3, mk + 3, n - 3, style | persian, out, o, cap);
    }
    if (ends_with(w, n, ALLAH, 4) && n > 5) {
        o = word(lk, w, mk, n - 4, style | persian, out, o, cap);  /* Khayrallah, Nasrullah */
        return cdn_put(out, o, cap, " allah");
    }
    if (ends_with(w, n, ALDIN, 5) && n > 6) {
        o = word(lk, w, mk, n - 5, style | persian, out, o, cap);  /* Nuraldin, Jalaluddin */
        return cdn_put(out, o, cap, " al din");
    }
    if (n > 7 && w[n - 1] == 0x64A && ends_with(w, n - 1, ALDIN, 5)) {
        o = word(lk, w, mk, n - 6, style | persian, out, o, cap);  /* Alaeddini: with the nisba */
        return cdn_put(out, o, cap, " al dini");
    }
    for (size_t k = 3; n >= 6 && k + 3 <= n; k++) {        /* غلامرضا, محمدعلی: two fused names */
        const lex_entry *a = lex_lookup(lk, w, k), *b;
        if (a && (b = lex_lookup(lk, w + k, n - k)) != NULL)
            return fused_pair(a, b, style | persian, out, o, cap);
    }
    if (n >= 4 && style != CDN_AR_SCHOLAR && w[n - 1] == 0x64A && (e = lex_lookup(lk, w, n - 1)) != NULL
        && !strchr(e->scholar, ' ')) {
        /* A nisba on a known name in the popular styles: Nomani, Hashemi, Soltani (the stem keeps
         * its spelling), unless the stem ends in a vowel. The scholarly form keeps the rule's
         * reading: the known stem would bring the nisba too close to the bare name (Sultani and
         * Sultan are different people) for a form that adds little. */
        size_t o1 = put_lex(e, style | persian, out, o, cap);
        if (o1 > o && !strchr("aeiouy", out[o1 - 1])) return cdn_put(out, o1, cap, "i");
    }
    if (persian && n >= 4 && w[n - 2] == 0x632 && w[n - 1] == 0x64A) {
        /* Noorzai, Achakzai (Pashto); on a known name: Ishaqzai, Yusufzai */
        o = (e = lex_lookup(lk, w, n - 2)) != NULL ? put_lex(e, style | persian, out, o, cap)
                                             : by_rule(w, mk, n - 2, style | persian, out, o, cap);
        return cdn_put(out, o, cap, "zai");
    }
    return by_rule(w, mk, n, style | persian, out, o, cap);
}

/* Whether a word after the article reads CaCCāC: four letters, consonant, one-letter consonant,
 * ā, consonant, and not a known name (al-Jamal, al-Hilal keep their single letter); or CaCCāCī,
 * the same with the nisba (al-Haddadi, al-Marrani). */
static int intensive(const ar_lookups *lk, const uint32_t *w, size_t n)
{
    const char *c1, *c2, *c3;
    int nisba = n == 5 && w[4] == 0x64A && !lex_lookup(lk, w, 4);
    return (n == 4 || nisba) && (c1 = consonant(w[0], 0)) != NULL && (c2 = consonant(w[1], 0)) != NULL
           && strlen(c2) == 1 && w[2] == 0x627 && (c3 = consonant(w[3], 0)) != NULL && *c3
           && w[3] != 0x647 && !lex_lookup(lk, w, n);
}

/* A normalized word (letters w, marks mk) in one style: its article, a fused wa-, Abd, Abu or
 * Dhu al-, then the word. */
static size_t romanize_letters(const ar_lookups *lk, const uint32_t *w, const uint8_t *mk, size_t m,
                               int style, char *out, size_t cap)
{
    size_t o = 0;
    const uint32_t *p = w;
    if (m > 5 && p[0] == 0x648 && p[1] == 0x627 && p[2] == 0x644) {
        o = cdn_put(out, o, cap, "wal ");                 /* والجهاد: wal-Jihad */
        p += 3; m -= 3;
    }
    if (m > 5 && p[0] == 0x639 && p[1] == 0x628 && p[2] == 0x62F && p[3] == 0x627) {
        o = cdn_put(out, o, cap, "abd ");                 /* عبدالرحمن, عبدالله */
        p += 3; m -= 3;
    }
    if (m == 4 && p[0] == 0x627 && p[1] == 0x644 && p[2] == 0x644 && p[3] == 0x647)
        return cdn_put(out, o, cap, "allah");
    if (m > 5 && is_alef(p[0]) && p[1] == 0x628 && p[2] == 0x648 && p[3] == 0x627 && p[4] == 0x644) {
        o = cdn_put(out, o, cap, maghrebi_style(style) ? "abou " : "abu ");   /* ابوالقاسم: Abu al-Qasim */
        p += 3; m -= 3;
    }
    if (m > 5 && p[0] == 0x630 && p[1] == 0x648 && p[2] == 0x627 && p[3] == 0x644) {
        /* Dhu al-, "the one with", fused with its noun: Zulfiqar, Persian Zolghadr, Zunnun */
        int plain = style & ~CDN_AR_PERSIAN;
        if (plain == CDN_AR_SCHOLAR) o = cdn_put(out, o, cap, "dhu al ");
        else o = cdn_put(out, o, cap, plain == CDN_AR_POPULAR ? "zul" : "zol");
        return word(lk, p + 4, mk + (p - w) + 4, m - 4, style, out, o, cap);
    }
    if (m > 3 && p[0] == 0x627 && p[1] == 0x644) {
        o = cdn_put(out, o, cap, "al ");
        p += 2; m -= 2;
        if (style == CDN_AR_POPULAR && intensive(lk, p, m)) {
            /* A family name of the CaCCāC pattern, the intensive noun of trades (al-Sarraj,
             * al-Haddad, al-Najjar, al-Attar): the script leaves its doubling unwritten. */
            o = cdn_put(out, o, cap, consonant(p[0], 0));
            o = cdn_put(out, o, cap, "a");
            o = cdn_put(out, o, cap, consonant(p[1], 0));
            o = cdn_put(out, o, cap, consonant(p[1], 0));
            o = cdn_put(out, o, cap, "a");
            o = cdn_put(out, o, cap, consonant(p[3], 0));
            return m == 5 ? cdn_put(out, o, cap, "i") : o;
        }
    }
    return word(lk, p, mk + (p - w), m, style, out, o, cap);
}

/* A prepared word in prep: its length m (or'ed with AR_PREP_ARABIC_KAF when the word was written
 * with the Arabic kaf, which ar_normalize folds the Persian kaf into), its m letters, the AR_MEMO look-up
 * slots, then its marks, four to a uint32_t; all of it within CDN_TOKEN_MAX, so a word keeps
 * AR_PREP_LETTERS letters at most (no name word is that long). */
#define AR_PREP_LETTERS ((CDN_TOKEN_MAX - 1 - 2 * AR_MEMO) * 4 / 5)
#define AR_PREP_ARABIC_KAF 0x80000000u

size_t cdn_ar_prepare(const uint32_t *cps, size_t n, uint32_t *prep)
{
    uint32_t w[CDN_TOKEN_MAX];
    uint8_t mk[CDN_TOKEN_MAX];
    if (n > CDN_TOKEN_MAX) n = CDN_TOKEN_MAX;
    size_t m = ar_normalize(cps, n, w, mk);
    if (m > AR_PREP_LETTERS) m = AR_PREP_LETTERS;
    prep[0] = (uint32_t)m;
    for (size_t i = 0; i < n; i++)
        if (cps[i] == 0x643) prep[0] |= AR_PREP_ARABIC_KAF;
    memcpy(prep + 1, w, m * sizeof *w);
    memset(prep + 1 + m, 0, 2 * AR_MEMO * sizeof *prep);
    size_t mark_words = (m + 3) / 4;
    memset(prep + 1 + m + 2 * AR_MEMO, 0, mark_words * sizeof *prep);
    memcpy(prep + 1 + m + 2 * AR_MEMO, mk, m);
    return 1 + m + 2 * AR_MEMO + mark_words;
}

size_t cdn_ar_romanize_word(uint32_t *prep, size_t len, int style, char *out, size_t cap)
{
    if (len == 0) return 0;
    size_t m = prep[0] & ~AR_PREP_ARABIC_KAF;
    ar_lookups lk = { prep + 1, prep + 1 + m, (prep[0] & AR_PREP_ARABIC_KAF) && (style & CDN_AR_PERSIAN) };
    const uint8_t *mk = (const uint8_t *)(prep + 1 + m + 2 * AR_MEMO);
    return romanize_letters(&lk, prep + 1, mk, m, style, out, cap);
}

size_t cdn_ar_romanize(const uint32_t *cps, size_t n, int style, char *out, size_t cap)
{
    uint32_t prep[CDN_TOKEN_MAX];
    size_t len = cdn_ar_prepare(cps, n, prep);
    return cdn_ar_romanize_word(prep, len, style, out, cap);
}

int cdn_ar_is_persian(const uint32_t *cps, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        uint32_t c = cps[i];
        if (c == 0x67E || c == 0x686 || c == 0x698 || c == 0x6AF || c == 0x6A9 || c == 0x6CC)
            return 1;
    }
    return 0;
}
