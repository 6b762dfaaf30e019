/* thai.c — Thai names to Latin in RTGS with inherent vowels, leading vowels and final values (Somchai).
 * Invariant: pure, static tables only; output [a-z0-9] (ICU's Thai-Latin gives smchay for Somchai). */
#include <string.h>
#include "text/text_int.h"

#define TH_FIRST 0x0E01          /* ก */
#define TH_LAST 0x0E2E           /* ฮ */
#define TH_O_ANG 0x0E2D          /* อ: a vowel carrier, or the vowel o */
#define TH_WO 0x0E27             /* ว: w, or the vowel ua */
#define TH_RO 0x0E23             /* ร */
#define TH_HO 0x0E2B             /* ห: silent before a sonorant (it sets the tone) */
#define TH_SILENT 0x0E4C         /* ์: the consonant under it is not read */

/* RTGS value of each consonant at the start and at the end of a syllable. */
static const char *const CONS[TH_LAST - TH_FIRST + 1][2] = {
    {"k", "k"}, {"kh", "k"}, {"kh", "k"}, {"kh", "k"}, {"kh", "k"}, {"kh", "k"}, {"ng", "ng"},  /* ก..ง */
    {"ch", "t"}, {"ch", "t"}, {"ch", "t"}, {"s", "t"}, {"ch", "t"}, {"y", "n"},              /* จ..ญ */
    {"d", "t"}, {"t", "t"}, {"th", "t"}, {"th", "t"}, {"th", "t"}, {"n", "n"},                /* ฎ..ณ */
    {"d", "t"}, {"t", "t"}, {"th", "t"}, {"th", "t"}, {"th", "t"}, {"n", "n"},                /* ด..น */
    {"b", "p"}, {"p", "p"}, {"ph", "p"}, {"f", "p"}, {"ph", "p"}, {"f", "p"}, {"ph", "p"},    /* บ..ภ */
    {"m", "m"}, {"y", "i"}, {"r", "n"}, {"rue", ""}, {"l", "n"}, {"lue", ""}, {"w", "o"},     /* ม..ว */
    {"s", "t"}, {"s", "t"}, {"s", "t"}, {"h", ""}, {"l", "n"}, {"", ""}, {"h", ""},           /* ศ..ฮ */
};

/* Words of legal forms, read as the English words that the name rules know. */
static const cdn_script_word LEGAL[] = {
    {{0x0E1A, 0x0E23, 0x0E34, 0x0E29, 0x0E31, 0x0E17}, "company"},           /* บริษัท */
    {{0x0E08, 0x0E33, 0x0E01, 0x0E31, 0x0E14}, "limited"},                   /* จำกัด */
    {{0x0E21, 0x0E2B, 0x0E32, 0x0E0A, 0x0E19}, "public"},                    /* มหาชน */
};

static int is_cons(uint32_t c) { return c >= TH_FIRST && c <= TH_LAST && c != 0x0E24 && c != 0x0E26; }
static int is_leading(uint32_t c) { return c >= 0x0E40 && c <= 0x0E44; }
static int is_tone(uint32_t c) { return (c >= 0x0E47 && c <= 0x0E4B) || c == 0x0E4D || c == 0x0E4E || c == 0x0E3A; }
/* vowel signs written after or over/under a consonant */
static int is_follow_vowel(uint32_t c) { return (c >= 0x0E30 && c <= 0x0E39) || c == 0x0E45 || c == 0x0E47; }

/* The index after the tone marks from i on. */
static size_t skip_tones(const uint32_t *w, size_t n, size_t i)
{
    while (i < n && is_tone(w[i])) i++;
    return i;
}

/* Whether w[i] ends the syllable before it: a consonant with no vowel of its own after it. */
static int is_final(const uint32_t *w, size_t n, size_t i)
{
    if (i >= n || !is_cons(w[i])) return 0;
    size_t j = skip_tones(w, n, i + 1);
    if (j < n && (is_follow_vowel(w[j]) || w[j] == TH_SILENT)) return 0;
    if (i + 2 < n && w[i + 1] == TH_RO && w[i + 2] == TH_RO) return 0;     /* the onset of รร: สุวรรณ */
    if (j + 1 < n && (w[j] == 0x0E34 || w[j] == 0x0E38) && w[j + 1] == TH_SILENT) return 0;
    return 1;
}

/* The consonants that form a cluster with a following ร ล ว (pr, kl, khw …). */
static int cluster_head(uint32_t c)
{
    return c == 0x0E01 || c == 0x0E02 || c == 0x0E04 || c == 0x0E15 || c == 0x0E1B || c == 0x0E1E
           || c == 0x0E1A || c == 0x0E14 || c == 0x0E1F || c == 0x0E17;
}

/* Sonorants a silent ห or อ may lead (หม, หล, อย). */
static int sonorant(uint32_t c)
{
    return c == 0x0E07 || c == 0x0E0D || c == 0x0E19 || c == 0x0E21 || c == 0x0E22 || c == TH_RO
           || c == 0x0E25 || c == TH_WO;
}

/* The onset at w[*i]: a consonant, a silent leader, a cluster; moves *i past it. */
static size_t onset(const uint32_t *w, size_t n, size_t *i, char *out, size_t o, size_t cap)
{
    uint32_t c = w[*i];
    size_t k = *i + 1;
    if (((c == TH_HO && k < n && sonorant(w[k])) || (c == TH_O_ANG && k < n && w[k] == 0x0E22)) && k + 1 < n) {
        size_t j = skip_tones(w, n, k + 1);
        if (j < n && (is_follow_vowel(w[j]) || is_final(w, n, j)))
            c = w[k++];                              /* หม, หล, อย: the leader is not read */
    }
    if (c == 0x0E17 && k < n && w[k] == TH_RO && k + 1 < n && !is_final(w, n, k)) {
        *i = k + 1;                                  /* ทร reads s */
        return cdn_put(out, o, cap, "s");
    }
    o = cdn_put(out, o, cap, CONS[c - TH_FIRST][0]);
    /* ร ล ว after a cluster head, followed by a vowel of their own or a final: pr, kl, khw */
    int wo_head = c == 0x0E01 || c == 0x0E02 || c == 0x0E04;       /* only กว ขว คว */
    if (cluster_head(c) && k + 1 < n && (w[k] == TH_RO || w[k] == 0x0E25 || (w[k] == TH_WO && wo_head))) {
        size_t j = skip_tones(w, n, k + 1);
        if (j < n && is_follow_vowel(w[j])) {
            o = cdn_put(out, o, cap, CONS[w[k] - TH_FIRST][0]);
            k++;
        }
    }
    *i = k;
    return o;
}

/* The vowel after an onset (signs after the consonant, or none), then the final. */
static size_t rhyme(const uint32_t *w, size_t n, size_t *i, char *out, size_t o, size_t cap, const char *lead)
{
    size_t k = skip_tones(w, n, *i);
    const char *v = lead;
    if (lead && *lead == 'e' && lead[1] == 0) {          /* เ with what completes it */
        if (k < n && w[k] == 0x0E32) { v = "ao"; k++; if (k < n && w[k] == 0x0E30) { v = "o"; k++; } }
        else if (k + 1 < n && w[k] == 0x0E35 && w[k + 1] == 0x0E22) { v = "ia"; k += 2; }
        else if (k + 1 < n && w[k] == 0x0E37 && w[k + 1] == TH_O_ANG) { v = "uea"; k += 2; }
        else if (k < n && w[k] == 0x0E34) { v = "oe"; k++; }
        else if (k < n && w[k] == TH_O_ANG && !(k + 1 < n && is_follow_vowel(w[k + 1]))) { v = "oe"; k++; }
        k = skip_tones(w, n, k);
        if (k < n && w[k] == 0x0E30) k++;
    } else if (lead) {
        k = skip_tones(w, n, k);
        if (k < n && w[k] == 0x0E30) k++;
    } else if (k < n) {
        uint32_t c = w[k];
        switch (c) {
        case 0x0E30: case 0x0E32: case 0x0E45: v = "a"; k++; break;
        case 0x0E33: v = "am"; k++; break;
        case 0x0E34: case 0x0E35: v = "i"; k++; break;
        case 0x0E36: v = "ue"; k++; break;
        case 0x0E37: v = "ue"; k++; if (k < n && w[k] == TH_O_ANG) k++; break;
        case 0x0E38: case 0x0E39: v = "u"; k++; break;
        case 0x0E31:                                           /* ั, or ัว ua */
            k = skip_tones(w, n, k + 1);
            if (k < n && w[k] == TH_WO) { v = "ua"; k++; } else v = "a";
            break;
        case 0x0E47: v = "o"; k++; break;
        default:
            if (c == TH_O_ANG && (k + 1 >= n || is_final(w, n, k + 1) || !is_cons(w[k + 1]))
                && !(k + 1 < n && is_follow_vowel(w[k + 1]))) { v = "o"; k++; }
            else if (c == TH_WO && is_final(w, n, k + 1) && k + 1 < n) { v = "ua"; k++; }
            else if (c == TH_RO && k + 1 < n && w[k + 1] == TH_RO) {     /* รร */
                k += 2;
                v = is_final(w, n, k) ? "a" : "an";
            }
            break;
        }
        k = skip_tones(w, n, k);
    }
    int closed = is_final(w, n, k);
    if (!v) v = closed ? "o" : "a";                      /* the inherent vowel */
    o = cdn_put(out, o, cap, v);
    if (closed) {
        const char *f = CONS[w[k] - TH_FIRST][1];
        size_t vl = strlen(v);
        if (!(w[k] == 0x0E22 && v[vl - 1] == 'i') && !(w[k] == TH_WO && v[vl - 1] == 'o'))
            o = cdn_put(out, o, cap, f);                  /* ไทย thai, not thaii */
        k = skip_tones(w, n, k + 1);
        if (k + 1 == n && w[k] == TH_RO) k++;        /* ร after a final ends the word silently: ประวิตร */
    }
    *i = k;
    return o;
}

/* A consonant (or two, or one with its i or u) under ์ is not read: จันทร์ chan, ลักษณ์ lak,
 * สวัสดิ์ sawat. */
static size_t skip_silent(const uint32_t *w, size_t n, size_t i)
{
    size_t j = skip_tones(w, n, i + 1);
    if (j + 1 < n && (w[j] == 0x0E34 || w[j] == 0x0E38) && w[j + 1] == TH_SILENT) return j + 2;   /* ดิ์ ธิ์ */
    if (j < n && w[j] == TH_SILENT) return j + 1;
    if (j < n && is_cons(w[j])) {
        size_t k = skip_tones(w, n, j + 1);
        if (k < n && w[k] == TH_SILENT) return k + 1;
    }
    return i;
}

size_t cdn_th_romanize(const uint32_t *cps, size_t n, char *out, size_t cap)
{
    uint32_t w[CDN_TOKEN_MAX];
    size_t m = 0, o = 0;
    for (size_t i = 0; i < n && m < CDN_TOKEN_MAX; i++)
        if (cps[i] != 0x200B && cps[i] != 0x200C && cps[i] != 0x0E46) w[m++] = cps[i];
    const char *legal = cdn_script_word_latin(w, m, LEGAL, sizeof LEGAL / sizeof *LEGAL);
    if (legal) return cdn_put(out, 0, cap, legal);
    for (size_t i = 0; i < m;) {
        uint32_t c = w[i];
        if (is_cons(c)) {
            size_t s = skip_silent(w, m, i);
            if (s != i) { i = s; continue; }
            o = onset(w, m, &i, out, o, cap);
            o = rhyme(w, m, &i, out, o, cap, NULL);
        } else if (is_leading(c) && i + 1 < m && is_cons(w[i + 1])) {
            static const char *const LEAD[] = { "e", "ae", "o", "ai", "ai" };
            i++;
            o = onset(w, m, &i, out, o, cap);
            o = rhyme(w, m, &i, out, o, cap, LEAD[c - 0x0E40]);
        } else {
            if (c == 0x0E24) o = cdn_put(out, o, cap, "rue");
            else if (c == 0x0E26) o = cdn_put(out, o, cap, "lue");
            else if (c >= 0x0E50 && c <= 0x0E59 && o + 1 < cap) out[o++] = (char)('0' + c - 0x0E50);
            i++;                                       /* stray signs: nothing to read */
        }
    }
    return o;
}
