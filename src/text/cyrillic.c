/* cyrillic.c — Russian, Ukrainian, Belarusian and Serbian/Macedonian names to Latin: BGN/PCGN, ICAO
 * 9303 (passports), a common English style, German (Duden) and French styles, Belarusian read as
 * Russian, and the Serbian Latin alphabet.
 * Invariant: pure functions of static const tables; output is [a-z0-9]. Authored from the writing
 * systems' letter values.
 */
#include <string.h>
#include <uchar.h>
#include "text/text_int.h"

/* Base values of а..я (U+0430..U+044F) per style; the contextual letters (е ё й ь, endings) are
 * decided in code. Index: а б в г д е ж з и й к л м н о п р с т у ф х ц ч ш щ ъ ы ь э ю я. */
static const char RU_BASE[5][32][8] = {      /* 8 bytes each, NUL-padded: copied as one word */
    [CDN_CYR_BGN] = { "a","b","v","g","d","e","zh","z","i","y","k","l","m","n","o","p","r","s","t",
                      "u","f","kh","ts","ch","sh","shch","","y","","e","yu","ya" },
    [CDN_CYR_ICAO] = { "a","b","v","g","d","e","zh","z","i","i","k","l","m","n","o","p","r","s","t",
                       "u","f","kh","ts","ch","sh","shch","ie","y","","e","iu","ia" },
    [CDN_CYR_SIMPLE] = { "a","b","v","g","d","e","zh","z","i","y","k","l","m","n","o","p","r","s","t",
                         "u","f","kh","ts","ch","sh","shch","","y","","e","yu","ya" },
    [CDN_CYR_GERMAN] = { "a","b","w","g","d","e","sch","s","i","j","k","l","m","n","o","p","r","s","t",
                         "u","f","ch","z","tsch","sch","schtsch","","y","","e","ju","ja" },
    [CDN_CYR_FRENCH] = { "a","b","v","g","d","e","j","z","i","i","k","l","m","n","o","p","r","s","t",
                         "ou","f","kh","ts","tch","ch","chtch","","y","","e","iou","ia" },
};

/* Lowercases a Cyrillic letter (Russian, Ukrainian, Belarusian ranges). */
static uint32_t cyr_lower(uint32_t c)
{
    if (c >= 0x410 && c <= 0x42F) return c + 0x20;
    if (c >= 0x400 && c <= 0x40F) return c + 0x50;
    if (c >= 0x460 && c <= 0x4FF && !(c & 1)) return c + 1;   /* paired letters: even upper */
    return c;
}

static int is_vowel(uint32_t c)
{
    switch (c) {
    case 0x430: case 0x435: case 0x451: case 0x438: case 0x43E: case 0x443: case 0x44B:
    case 0x44D: case 0x44E: case 0x44F: case 0x456: case 0x457: case 0x454:
        return 1;
    default:
        return 0;
    }
}

/* Whether е/ё/ю/я after `prev` are iotated (start, after a vowel, a sign, й, ў or an apostrophe). */
static int iotated_after(uint32_t prev)
{
    return prev == 0 || is_vowel(prev) || prev == 0x44A || prev == 0x44C || prev == 0x439
           || prev == 0x45E || prev == '\'';
}

static int is_sibilant(uint32_t c)
{
    return c == 0x436 || c == 0x447 || c == 0x448 || c == 0x449;
}

static int is_cyr(uint32_t c)
{
    return c >= 0x400 && c <= 0x4FF;
}

/* A Latin I inside a Cyrillic word: Belarusian and Ukrainian і typed on a Latin keyboard
 * (Канстанцiнавiч), since Russian has no such letter. */
static int latin_i_in_cyrillic(const uint32_t *cps, size_t n, size_t i)
{
    if (cps[i] != 'i' && cps[i] != 'I') return 0;
    return (i > 0 && is_cyr(cps[i - 1])) || (i + 1 < n && is_cyr(cps[i + 1]));
}

/* ђ ј љ њ ћ џ (Serbian, Montenegrin) and ѓ ќ ѕ (Macedonian): no Russian, Ukrainian or
 * Belarusian word has them. */
static int serbian_letter(uint32_t c)
{
    return c == 0x452 || c == 0x458 || c == 0x459 || c == 0x45A || c == 0x45B || c == 0x45F
           || c == 0x453 || c == 0x45C || c == 0x455;
}

int cdn_cyr_language(const uint32_t *cps, size_t n)
{
    int i_dot = 0, uk = 0, be = 0, sr = 0;
    for (size_t i = 0; i < n; i++) {
        uint32_t c = cps[i];
        if (c < 0x400) {                          /* Latin: only an і typed as i counts */
            if ((c | 0x20) == 'i' && latin_i_in_cyrillic(cps, n, i)) i_dot = 1;
            continue;
        }
        if (c >= 0x410 && c <= 0x44F) {           /* А..я: only ы э and и tell */
            c = c < 0x430 ? c + 0x20 : c;
            if (c == 0x44B || c == 0x44D) be |= 2;
            else if (c == 0x438) uk |= 2;
            continue;
        }
        c = cyr_lower(c);
        if (c == 0x456) i_dot = 1;                                         /* і */
        else if (c == 0x454 || c == 0x457 || c == 0x491) uk = 1;           /* є ї ґ */
        else if (c == 0x45E) be = 1;                                       /* ў */
        else if (c == 0x44B || c == 0x44D || c == 0x451) be |= 2;          /* ы э ё: not Ukrainian */
        else if (c == 0x438) uk |= 2;                                      /* и: not Belarusian */
        else if (serbian_letter(c)) sr = 1;
    }
    if (uk & 1) return CDN_LANG_UK;
    if (be & 1) return CDN_LANG_BE;
    if (sr) return CDN_LANG_SR;
    if (i_dot) return (be & 2) && !(uk & 2) ? CDN_LANG_BE : CDN_LANG_UK;  /* і alone: Ukrainian */
    return CDN_LANG_RU;
}

/* cdn_put() for a NUL-padded 8-byte value (RU_BASE): one 8-byte store where out has room for it (out
 * past the returned length is scratch), the length from the first zero byte. */
static size_t put8(char *out, size_t o, size_t cap, const char *v8)
{
    if (o + 8 >= cap) return cdn_put(out, o, cap, v8);
    uint64_t v;
    memcpy(&v, v8, 8);
    memcpy(out + o, &v, 8);
    uint64_t zero = (v - 0x0101010101010101ull) & ~v & 0x8080808080808080ull;   /* lowest is exact */
    return o + (size_t)(__builtin_ctzll(zero) >> 3);
}

/* A letter outside а..я in Russian styles, and the extra letters of other Cyrillic languages
 * (Kazakh, Tajik, Serbian, Macedonian) by their usual Latin values. */
static const char *extra_letter(uint32_t c)
{
    switch (c) {
    case 0x456: return "i";   case 0x457: return "yi";  case 0x454: return "ye";
    case 0x491: return "g";   case 0x45E: return "u";   case 0x452: return "dj";
    case 0x458: return "j";   case 0x459: return "lj";  case 0x45A: return "nj";
    case 0x45B: return "c";   case 0x45F: return "dz";  case 0x453: return "gj";
    case 0x45C: return "kj";  case 0x455: return "dz";  case 0x4D9: return "a";
    case 0x493: return "gh";  case 0x49B: return "q";   case 0x4A3: return "ng";
    case 0x4E9: return "o";   case 0x4B1: return "u";   case 0x4AF: return "u";
    case 0x4BB: return "h";   case 0x4B3: return "h";   case 0x4B7: return "j";
    case 0x4E3: return "i";   case 0x4EF: return "u";   case 0x49D: return "k";
    default: return NULL;
    }
}

/* The letters of а..я (bit c - U+0430) that ru_letter looks at in context: е и й с ы ь; in the
 * English style к and д too (кс → x, дж → j). The other ones are plain: their RU_BASE value. */
#define CYR_BIT(c) (1u << ((c) - 0x430))
#define RU_PLAIN (~(CYR_BIT(0x435) | CYR_BIT(0x438) | CYR_BIT(0x439) | CYR_BIT(0x441) | CYR_BIT(0x44B) \
                    | CYR_BIT(0x44C)))
#define SIMPLE_CONTEXT (CYR_BIT(0x43A) | CYR_BIT(0x434))
/* In the BGN, ICAO and English styles й and с are plain too (only the German and French ones look
 * around them; -ий/-ый are read at the и/ы), and in BGN and ICAO ь (only the English style reads it
 * before a vowel). */
#define RU_PLAIN_ENGLISH (RU_PLAIN | CYR_BIT(0x439) | CYR_BIT(0x441))

/* Russian styles, and the Russian reading of Ukrainian/Belarusian text. */
static const char *ru_letter(const uint32_t *w, size_t n, size_t i, int style, int *skip)
{
    uint32_t c = w[i], prev = i ? w[i - 1] : 0, next = i + 1 < n ? w[i + 1] : 0;
    int last2 = i + 2 == n;
    if (c == 0x456) c = 0x438;            /* і read as и */
    if (c == 0x45E) c = 0x432;            /* ў read as в */
    /* Endings -ий / -ый. */
    if ((c == 0x438 || c == 0x44B) && next == 0x439 && last2) {
        *skip = 1;
        static const char *const IY[5][2] = {
            { "iy", "yy" }, { "ii", "yi" }, { "y", "y" }, { "i", "y" }, { "i", "y" } };
        return IY[style][c == 0x44B];
    }
    if (style == CDN_CYR_SIMPLE) {           /* the English usage of the UK and US lists */
        if (c == 0x43A && next == 0x441) { *skip = 1; return "x"; }          /* кс: Alexey, Maxim */
        if (c == 0x434 && next == 0x436) { *skip = 1; return "j"; }          /* дж: Jihad */
        if (c == 0x438 && next == 0x44F && last2) { *skip = 1; return "ia"; } /* -ия: Maria */
        if (c == 0x435 || c == 0x454) return prev == 0x44C || prev == 0x44A ? "ye" : "e";
    }
    switch (c) {
    case 0x435: case 0x454:                                      /* е є */
        if (!iotated_after(prev)) {
            if (style == CDN_CYR_FRENCH && prev == 0x433) return "ue";
            return "e";
        }
        if (style == CDN_CYR_BGN || style == CDN_CYR_SIMPLE) return "ye";
        if (style == CDN_CYR_GERMAN) return "je";
        if (style == CDN_CYR_FRENCH) return prev ? "ie" : "e";
        return "e";
    case 0x451:                                                  /* ё */
        if (style == CDN_CYR_BGN) return iotated_after(prev) ? "ye" : "e";
        if (style == CDN_CYR_ICAO) return "e";
        if (is_sibilant(prev)) return "o";
        return style == CDN_CYR_GERMAN ? "jo" : style == CDN_CYR_FRENCH ? "io" : "yo";
    case 0x457: return style == CDN_CYR_ICAO ? "i" : "yi";        /* ї */
    case 0x44C:                                                  /* ь */
        if (style == CDN_CYR_SIMPLE && (next == 0x430 || next == 0x43E || next == 0x443
                                        || next == 0x44D || next == 0x44B || next == 0x438))
            return "y";
        return "";
    case 0x438:                                                  /* и */
        if (style == CDN_CYR_FRENCH && prev == 0x433) return "ui";
        if (style == CDN_CYR_FRENCH && next == 0x43D && last2) { *skip = 1; return "ine"; }
        return "i";
    case 0x441:                                                  /* с between vowels */
        if ((style == CDN_CYR_GERMAN || style == CDN_CYR_FRENCH) && is_vowel(prev) && is_vowel(next))
            return "ss";
        return "s";
    case 0x439:                                                  /* й */
        if (style == CDN_CYR_GERMAN && !next) return "j";
        break;
    default:
        break;
    }
    if (c >= 0x430 && c <= 0x44F) return RU_BASE[style][c - 0x430];
    return extra_letter(c);
}

/* Ukrainian: BGN/PCGN (style BGN) or the 2010 national system used in passports (style ICAO). */
static const char *uk_letter(const uint32_t *w, size_t n, size_t i, int style, int *skip)
{
    uint32_t c = w[i], prev = i ? w[i - 1] : 0, next = i + 1 < n ? w[i + 1] : 0;
    int initial = prev == 0 || prev == '\'';
    (void)n;
    switch (c) {
    case 0x433:                                                  /* г: h; зг → zgh (national) */
        return style == CDN_CYR_ICAO && prev == 0x437 ? "gh" : "h";
    case 0x438: return "y";                                      /* и */
    case 0x439: return style == CDN_CYR_BGN || initial ? "y" : "i";
    case 0x454: return style == CDN_CYR_BGN || initial ? "ye" : "ie";
    case 0x457: return style == CDN_CYR_BGN || initial ? "yi" : "i";
    case 0x44E: return style == CDN_CYR_BGN || initial ? "yu" : "iu";
    case 0x44F: return style == CDN_CYR_BGN || initial ? "ya" : "ia";
    case 0x435: return "e";
    case 0x44C: return "";
    default: break;
    }
    (void)next; (void)skip;
    if (c >= 0x430 && c <= 0x44F) return RU_BASE[CDN_CYR_BGN][c - 0x430];
    return extra_letter(c);
}

/* Belarusian: the national system (style BGN: ie/ia/iu after consonants, ў → u), and the
 * passport (ICAO) style the UK list mostly follows (е → e, я/ю → ia/iu, й → i, ў → u). */
static const char *be_letter(const uint32_t *w, size_t n, size_t i, int style, int *skip)
{
    uint32_t c = w[i], prev = i ? w[i - 1] : 0;
    int iot = iotated_after(prev), nat = style == CDN_CYR_BGN;
    (void)n; (void)skip;
    switch (c) {
    case 0x433: return "h";
    case 0x435: return iot ? "ye" : nat ? "ie" : "e";
    case 0x451: return iot ? "yo" : "io";
    case 0x44E: return iot ? "yu" : "iu";
    case 0x44F: return iot ? "ya" : "ia";
    case 0x439: return "i";
    case 0x45E: return "u";
    case 0x456: return "i";
    case 0x44C: return "";
    default: break;
    }
    if (c >= 0x430 && c <= 0x44F) return RU_BASE[CDN_CYR_BGN][c - 0x430];
    return extra_letter(c);
}

/* Serbian and Macedonian, letter for letter (no letter depends on its neighbours). Style BGN: the
 * Serbian Latin alphabet folded as Latin text is (ć č → c, š → s, ž → z; đ → dj, the ASCII
 * spelling lists use: Djukanovic), which is what lists write (MILOSEVIC, CVIJANOVIC). Other
 * styles: that alphabet in the English style cdn_slavic_latin gives Latin with marks (č ć → ch,
 * š → sh, c → ts, j → y; đ → d), so that Cyrillic and marked Latin meet in either spelling. The
 * letters Serbian lacks (й щ ы э ю я …) keep their BGN value. */
static const char *sr_letter(uint32_t c, int style)
{
    int eng = style != CDN_CYR_BGN;
    switch (c) {
    case 0x436: return eng ? "zh" : "z";      /* ж */
    case 0x445: return "h";                    /* х */
    case 0x446: return eng ? "ts" : "c";      /* ц */
    case 0x447: return eng ? "ch" : "c";      /* ч */
    case 0x448: return eng ? "sh" : "s";      /* ш */
    case 0x435: return "e";                    /* е: never iotated */
    case 0x452: return eng ? "d" : "dj";      /* ђ */
    case 0x458: return eng ? "y" : "j";       /* ј */
    case 0x459: return eng ? "ly" : "lj";     /* љ */
    case 0x45A: return eng ? "ny" : "nj";     /* њ */
    case 0x45B: return eng ? "ch" : "c";      /* ћ */
    case 0x45F: return eng ? "dzh" : "dz";    /* џ */
    case 0x453: return eng ? "g" : "gj";      /* ѓ (Macedonian ǵ) */
    case 0x45C: return eng ? "k" : "kj";      /* ќ (Macedonian ḱ) */
    case 0x455: return "dz";                   /* ѕ */
    default: break;
    }
    if (c >= 0x430 && c <= 0x44F) return RU_BASE[CDN_CYR_BGN][c - 0x430];
    return extra_letter(c);
}

/* Given names whose English spelling no letter rule gives (Alexander, not Aleksandr). In UTF-16,
 * so that a prepared word (code points, all of them below U+10000 here) is compared as it is;
 * sorted by code point, for the binary search. */
static const struct { const char16_t *ru; const char *en; } ENGLISH_NAMES[] = {
    { u"александр", "alexander" }, { u"александрович", "alexandrovich" },
    { u"александровна", "alexandrovna" }, { u"алексеевич", "alexeyevich" },
    { u"алексеевна", "alexeyevna" }, { u"алексей", "alexei" }, { u"анатолий", "anatoly" },
    { u"андрей", "andrei" }, { u"аркадий", "arkady" }, { u"валерий", "valery" },
    { u"василий", "vasily" }, { u"виктория", "victoria" }, { u"виталий", "vitaly" },
    { u"геннадий", "gennady" }, { u"георгий", "georgy" }, { u"григорий", "grigory" },
    { u"дмитрий", "dmitry" }, { u"евгений", "evgeny" }, { u"матвей", "matvei" },
    { u"наталья", "natalia" }, { u"николай", "nikolai" }, { u"петр", "petr" }, { u"пётр", "pyotr" },
    { u"сергей", "sergei" }, { u"татьяна", "tatiana" }, { u"фёдор", "fyodor" }, { u"юрий", "yuri" },
};

/* The order of word w[0..m) against a NUL-ended UTF-16 name: <0, 0 or >0. */
static int word_order(const uint32_t *w, size_t m, const char16_t *ru)
{
    size_t i = 0;
    while (i < m && ru[i] && ru[i] == w[i]) i++;
    uint32_t x = i < m ? w[i] : 0, y = ru[i];
    return x < y ? -1 : x > y;
}

static size_t english_name(const uint32_t *w, size_t m, char *out, size_t cap)
{
    if (m > 14 || m < 4) return 0;
    size_t lo = 0, hi = sizeof ENGLISH_NAMES / sizeof *ENGLISH_NAMES;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        int c = word_order(w, m, ENGLISH_NAMES[mid].ru);
        if (c == 0) return cdn_put(out, 0, cap, ENGLISH_NAMES[mid].en);
        if (c > 0) lo = mid + 1;
        else hi = mid;
    }
    return 0;
}

long cdn_cyr_english_names_unreachable(void)
{
    for (size_t i = 0; i < sizeof ENGLISH_NAMES / sizeof *ENGLISH_NAMES; i++) {
        uint32_t w[CDN_TOKEN_MAX];
        size_t m = 0;
        for (const char16_t *c = ENGLISH_NAMES[i].ru; *c && m < CDN_TOKEN_MAX; c++) w[m++] = *c;
        char out[64];
        size_t n = english_name(w, m, out, sizeof out);
        if (n != strlen(ENGLISH_NAMES[i].en) || memcmp(out, ENGLISH_NAMES[i].en, n) != 0) return (long)i;
    }
    return -1;
}

int cdn_cyr_russian_only(const uint32_t *cps, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        switch (cps[i]) {                   /* ы э ё ъ in either case (cyr_lower's pairs) */
        case 0x44B: case 0x44D: case 0x451: case 0x44A: case 0x42B: case 0x42D: case 0x401: case 0x42A:
            return 1;
        default:
            break;
        }
    }
    return 0;
}

/* The Cyrillic letter a Latin look-alike stands for (Pуслан typed with a Latin P), or c. */
static uint32_t homoglyph(uint32_t c)
{
    static const char LAT[] = "AaBCcEeHKkMOoPpTXxyIi";
    static const uint16_t CYR[] = { 0x430, 0x430, 0x432, 0x441, 0x441, 0x435, 0x435, 0x43D, 0x43A,
                                    0x43A, 0x43C, 0x43E, 0x43E, 0x440, 0x440, 0x442, 0x445, 0x445,
                                    0x443, 0x456, 0x456 };
    if (c >= 0x80) return c;
    for (size_t i = 0; i < sizeof CYR / sizeof *CYR; i++) if ((uint32_t)LAT[i] == c) return CYR[i];
    return c;
}

/* Whether most letters of the word are Cyrillic: then its Latin look-alikes are typos. */
static int mostly_cyrillic(const uint32_t *cps, size_t n)
{
    size_t cyr = 0, lat = 0;
    for (size_t i = 0; i < n; i++) {
        if (cps[i] >= 0x400 && cps[i] <= 0x52F) cyr++;
        else if (cps[i] < 0x250) lat++;
    }
    return cyr > lat;
}

/* Whether a Belarusian letter softens the consonant before it (і е ё ю я ь). */
static int softens(uint32_t c)
{
    return c == 0x456 || c == 0x435 || c == 0x451 || c == 0x44E || c == 0x44F || c == 0x44C;
}

/* The Russian reading of a Belarusian word undoes sound changes that Belarusian spells and
 * Russian does not: soft дз and ц are Russian д and т (Канстанцін = Константин, Дзмітрый =
 * Дмитрий: дз before a soft consonant too), and the patronymic -авіч / -аўна is Russian -ович /
 * -овна (Аляксандравіч). The lowercase word w is rewritten in place; returns its new length. */
static size_t belarusian_as_russian(uint32_t *w, size_t m)
{
    size_t o = 0;
    for (size_t i = 0; i < m; i++) {
        uint32_t c = w[i], next = i + 1 < m ? w[i + 1] : 0, after = i + 2 < m ? w[i + 2] : 0;
        int soft_next = softens(after) || (after && !is_vowel(after) && i + 3 < m && softens(w[i + 3]));
        if (c == 0x434 && next == 0x437 && soft_next) { w[o++] = 0x434; i++; continue; }       /* дз */
        if (c == 0x446 && softens(next)) { w[o++] = 0x442; continue; }                           /* ц */
        w[o++] = c;
    }
    static const uint32_t AVICH[] = { 0x430, 0x432, 0x456, 0x447 };     /* авіч */
    static const uint32_t AUNA[] = { 0x430, 0x45E, 0x43D, 0x430 };       /* аўна */
    for (size_t k = o > 6 ? o - 6 : 3; k + 4 <= o; k++)                   /* the last 4 to 6 letters */
        if (k >= 3 && (memcmp(w + k, AVICH, sizeof AVICH) == 0 || memcmp(w + k, AUNA, sizeof AUNA) == 0))
            w[k] = 0x43E;
    return o;
}

size_t cdn_cyr_prepare(const uint32_t *cps, size_t n, uint32_t *w)
{
    size_t m = 0;
    int fix_latin = mostly_cyrillic(cps, n);
    for (size_t i = 0; i < n && m < CDN_TOKEN_MAX; i++) {
        uint32_t c = fix_latin ? homoglyph(cps[i]) : cps[i];
        if (c >= 0x300 && c <= 0x36F) {
            if (c == 0x306 && m && w[m - 1] == 0x438) w[m - 1] = 0x439;   /* и + breve = й */
            if (c == 0x308 && m && w[m - 1] == 0x435) w[m - 1] = 0x451;   /* е + diaeresis = ё */
            continue;
        }
        w[m++] = cyr_lower(c);
    }
    return m;
}

size_t cdn_cyr_romanize_word(const uint32_t *word, size_t m, int lang, int style, char *out, size_t cap)
{
    uint32_t copy[CDN_TOKEN_MAX];
    const uint32_t *w = word;
    size_t o = 0;
    if (m > CDN_TOKEN_MAX) m = CDN_TOKEN_MAX;
    if (style == CDN_CYR_SIMPLE && lang == CDN_LANG_RU && (o = english_name(w, m, out, cap)) > 0)
        return o;
    if (style == CDN_CYR_RUSSIAN_READING && lang == CDN_LANG_BE) {
        memcpy(copy, word, m * sizeof *copy);          /* rewritten in place: the caller's stays */
        m = belarusian_as_russian(copy, m);
        w = copy;
    }
    /* а..я whose value in Russian styles is their RU_BASE one whatever their neighbours: no call. */
    int plain_style = style == CDN_CYR_RUSSIAN_READING ? CDN_CYR_BGN : lang == CDN_LANG_RU ? style : -1;
    int bgn_icao = plain_style == CDN_CYR_BGN || plain_style == CDN_CYR_ICAO;
    uint32_t plain = plain_style < 0 ? 0
                   : plain_style == CDN_CYR_SIMPLE ? RU_PLAIN_ENGLISH & ~SIMPLE_CONTEXT
                   : bgn_icao ? RU_PLAIN_ENGLISH | CYR_BIT(0x44C) : RU_PLAIN;
    for (size_t i = 0; i < m; i++) {
        uint32_t c = w[i];
        if (c - 0x430 < 32 && (plain >> (c - 0x430) & 1)) {
            o = put8(out, o, cap, RU_BASE[plain_style][c - 0x430]);
            continue;
        }
        if (c < 0x400) {                           /* a Latin letter inside a Cyrillic word */
            size_t ol = o;
            if (cdn_fold_latin(&w[i], 1, out, cap, &ol) == 0) o = ol;
            continue;
        }
        int skip = 0;
        const char *s;
        if (style == CDN_CYR_RUSSIAN_READING) s = ru_letter(w, m, i, CDN_CYR_BGN, &skip);
        else if (lang == CDN_LANG_UK) s = uk_letter(w, m, i, style, &skip);
        else if (lang == CDN_LANG_BE) s = be_letter(w, m, i, style, &skip);
        else if (lang == CDN_LANG_SR) s = sr_letter(c, style);
        else s = ru_letter(w, m, i, style, &skip);
        if (s) o = cdn_put(out, o, cap, s);
        i += (size_t)skip;
    }
    return o;
}

size_t cdn_cyr_romanize(const uint32_t *cps, size_t n, int lang, int style, char *out, size_t cap)
{
    uint32_t w[CDN_TOKEN_MAX];
    size_t m = cdn_cyr_prepare(cps, n, w);
    return cdn_cyr_romanize_word(w, m, lang, style, out, cap);
}

/* ---- Latin written by the Slavic letter-for-letter systems (ISO 9, scholarly, Czech-style) ---- */

/* The English-style spelling of a Latin letter with a Slavic mark (Vìktor Fedorovič Ânukovič →
 * viktor fedorovich yanukovich), or NULL for a letter that keeps its plain folding. */
static const char *slavic_letter(uint32_t c)
{
    switch (c) {
    case 0x10D: case 0x10C: case 0x107: case 0x106: return "ch";      /* č ć */
    case 0x161: case 0x160: return "sh";                               /* š */
    case 0x17E: case 0x17D: case 0x17C: case 0x17B: return "zh";      /* ž ż */
    case 0x15D: case 0x15C: return "shch";                             /* ŝ (ISO 9 щ) */
    case 0xE2: case 0xC2: return "ya";                                 /* â (ISO 9 я) */
    case 0xFB: case 0xDB: return "yu";                                 /* û (ISO 9 ю) */
    case 0xEA: case 0xCA: return "ye";                                 /* ê (ISO 9 є) */
    case 0xEB: case 0xCB: return "yo";                                 /* ë (ISO 9 ё) */
    case 0xEF: case 0xCF: return "yi";                                 /* ï (ISO 9 ї) */
    case 'c': case 'C': return "ts";                                   /* c is ц there */
    case 'j': case 'J': return "y";                                    /* j is й there */
    default: return NULL;
    }
}

int cdn_slavic_marks(const uint32_t *cps, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        uint32_t c = cps[i];
        if (c >= 0x80 && c != 'c' && c != 'j' && slavic_letter(c)) return 1;
    }
    return 0;
}

int cdn_slavic_latin(const uint32_t *cps, size_t n, char *out, size_t cap, size_t *outlen)
{
    size_t o = *outlen;
    for (size_t i = 0; i < n; i++) {
        const char *s = slavic_letter(cps[i]);
        if (s) {
            if (cps[i] <= 'z' && i + 1 < n && (cps[i + 1] | 0x20) == 'h') s = cps[i] == 'c' ? "c" : "j";
            o = cdn_put(out, o, cap, s);
        } else if (cdn_fold_latin(&cps[i], 1, out, cap, &o) < 0) {
            return -1;
        }
    }
    *outlen = o;
    return 0;
}
