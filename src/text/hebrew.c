/* hebrew.c — Hebrew names to Latin as Israeli names are spelled in English, unwritten vowels in two styles.
 * Invariant: pure, static tables only; output [a-z] (ICU's Hebrew-Latin gives bare consonants). */
#include "text/text_int.h"

#define HE_ALEF 0x5D0
#define HE_HE 0x5D4
#define HE_VAV 0x5D5
#define HE_YOD 0x5D9
#define HE_AYIN 0x5E2
#define HE_SHIN 0x5E9
#define HE_HARD 0x10000          /* or'ed into ב כ פ with a dagesh: b k p */
#define HE_SIN 0x20000           /* or'ed into ש with the sin dot: s */

static int is_hebrew_letter(uint32_t c) { return c >= 0x5D0 && c <= 0x5EA; }

/* Final forms ך ם ן ף ץ as their base letters. */
static uint32_t base_letter(uint32_t c)
{
    switch (c) {
    case 0x5DA: return 0x5DB;
    case 0x5DD: return 0x5DE;
    case 0x5DF: return 0x5E0;
    case 0x5E3: return 0x5E4;
    case 0x5E5: return 0x5E6;
    default: return c;
    }
}

static int carrier(uint32_t c) { return c == HE_ALEF || c == HE_AYIN; }

/* Whether letter i stands for a vowel: א ע always; ו and י unless first, doubled, or (ו) before a
 * final י (Levi); ה at the end. */
static int vowel_letter(const uint32_t *w, size_t n, size_t i)
{
    uint32_t c = w[i];
    if (carrier(c)) return 1;
    if (c == HE_HE) return i + 1 == n && i > 0;
    if (c != HE_VAV && c != HE_YOD) return 0;
    if (i == 0) return 0;
    if ((i + 1 < n && w[i + 1] == c) || w[i - 1] == c) return 0;       /* וו, יי: consonants */
    if (c == HE_VAV && i + 2 == n && w[i + 1] == HE_YOD && !vowel_letter(w, n, i - 1)) return 0;
    return 1;
}

/* A consonant's spelling; style 1 (the a style) writes ח and כ h/kh and an initial פ f. */
static const char *consonant(uint32_t c, int initial, int style)
{
    if (c & HE_SIN) return "s";
    int hard = (c & HE_HARD) != 0;
    switch (c & 0xFFFF) {
    case 0x5D1: return initial || hard ? "b" : "v";
    case 0x5D2: return "g";   case 0x5D3: return "d";   case HE_HE: return "h";
    case HE_VAV: return "v";  case 0x5D6: return "z";
    case 0x5D7: return style ? "h" : "ch";
    case 0x5D8: return "t";   case HE_YOD: return "y";
    case 0x5DB: return initial || hard ? "k" : style ? "kh" : "ch";
    case 0x5DC: return "l";   case 0x5DE: return "m";   case 0x5E0: return "n";
    case 0x5E1: return "s";
    case 0x5E4: return hard || (initial && !style) ? "p" : "f";
    case 0x5E6: return "tz";  case 0x5E7: return "k";   case 0x5E8: return "r";
    case HE_SHIN: return "sh"; case 0x5EA: return "t";
    default: return "";
    }
}

/* The vowel a vowel letter stands for (empty: the next vowel letter speaks for it). */
static const char *vowel_of(const uint32_t *w, size_t n, size_t i, int style)
{
    uint32_t c = w[i];
    if (c == HE_VAV) return "o";
    if (c == HE_YOD) return "i";
    if (c == HE_HE) return style ? "a" : "e";                     /* Moshe, Amana */
    /* א ע: before a last י ai (Hasdai, Ilai); before ו, or first before י, the vowel letter speaks
     * (Shimon, Ilan; Meir has both); at the end a; elsewhere the style's vowel */
    if (i + 2 == n && w[i + 1] == HE_YOD && i > 0) return "a";
    if (i + 1 < n && (w[i + 1] == HE_VAV || (w[i + 1] == HE_YOD && i == 0)) && vowel_letter(w, n, i + 1))
        return "";
    if (i + 1 == n && i > 0) return "a";
    /* right after the first consonant, before another, a vowel on both sides: Noam, Yaakov, Naama */
    if (i == 1 && i + 1 < n && !vowel_letter(w, n, i + 1)) return style ? "aa" : "oa";
    return style ? "a" : "e";
}

/* Whether an unwritten vowel follows the consonant w[i]. In a run of consonants without vowel
 * letters the syllables are read back from its end, closed ones (CVC) as Hebrew words mostly have:
 * a vowel after every second consonant counted from the last (Federman, Zicherman, Peres), or from
 * the one before a vowel letter (Hasdai, Sharvit); and after a word's first consonant, as English
 * spellings write no cluster there (Eden, Amana, Yinon). */
static int guess_vowel(const uint32_t *w, size_t n, size_t i)
{
    if (i + 1 >= n || vowel_letter(w, n, i + 1)) return 0;
    size_t a = i, b = i + 1;
    while (a > 0 && !vowel_letter(w, n, a - 1)) a--;
    while (b < n && !vowel_letter(w, n, b)) b++;
    size_t k = b - a, pos = i - a + 1;
    int word_start = a == 0 || (a == 1 && carrier(w[0]));
    if (pos == 1 && word_start) return 1;
    return (k - pos) % 2 == (b < n ? 0u : 1u);
}

size_t cdn_he_romanize(const uint32_t *cps, size_t n, int style, char *out, size_t cap)
{
    uint32_t w[CDN_TOKEN_MAX];
    size_t m = 0, o = 0;
    for (size_t i = 0; i < n && m < CDN_TOKEN_MAX; i++) {
        uint32_t c = cps[i];
        if (is_hebrew_letter(c)) w[m++] = base_letter(c);
        else if (m > 0 && c == 0x5BC && (w[m - 1] == 0x5D1 || w[m - 1] == 0x5DB || w[m - 1] == 0x5E4))
            w[m - 1] |= HE_HARD;                                   /* dagesh */
        else if (m > 0 && c == 0x5C2 && w[m - 1] == HE_SHIN) w[m - 1] |= HE_SIN;
        /* other points and marks: dropped */
    }
    for (size_t i = 0; i < m; i++) {
        uint32_t c = w[i];
        if (vowel_letter(w, m, i)) {
            o = cdn_put(out, o, cap, vowel_of(w, m, i, style));
            continue;
        }
        if ((c == HE_VAV || c == HE_YOD) && i + 1 < m && w[i + 1] == c) i++;   /* וו → v, יי → y */
        o = cdn_put(out, o, cap, consonant(c, i == 0, style));
        /* the unwritten vowel: e or a by the style (Peres, Federman; Amana, Hasdai); after a first
         * y, i (Yinon, Yigal) */
        if (!guess_vowel(w, m, i)) continue;
        /* the surname ending -man (Federman, Zicherman, Lieberman) whatever the style */
        int man = c == 0x5DE && i + 2 == m && w[i + 1] == 0x5E0 && i >= 2;
        o = cdn_put(out, o, cap, man || style ? "a" : c == HE_YOD && i == 0 ? "i" : "e");
    }
    return o;
}
