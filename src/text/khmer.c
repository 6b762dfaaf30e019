/* khmer.c — Khmer names to Latin, UNGEGN / common style: series, inherent vowels, subscripts (Hun Sen).
 * Invariant: pure, static tables only; output [a-z0-9] (ICU has no Khmer-Latin transform at all). */
#include "text/text_int.h"

#define KH_FIRST 0x1780          /* ក */
#define KH_LAST_CONS 0x17A2      /* អ */
#define KH_COENG 0x17D2          /* ្: the next consonant is a subscript of this syllable */
#define KH_MUSIKATOAN 0x17C9     /* ៉: the consonant reads in the first series */
#define KH_TRIISAP 0x17CA        /* ៊: the consonant reads in the second series */
#define KH_TOANDAKHIAT 0x17CD    /* ៍: the consonant under it is silent */
#define KH_NIKAHIT 0x17C6        /* ំ */
#define KH_REAHMUK 0x17C7        /* ះ */

/* Per consonant: initial value, final value, series (1: a-series, 2: o-series). */
typedef struct { const char *initial, *final; uint8_t series; } kh_cons;

static const kh_cons CONS[KH_LAST_CONS - KH_FIRST + 1] = {
    {"k", "k", 1}, {"kh", "k", 1}, {"k", "k", 2}, {"kh", "k", 2}, {"ng", "ng", 2},      /* ក ខ គ ឃ ង */
    {"ch", "ch", 1}, {"chh", "ch", 1}, {"ch", "ch", 2}, {"chh", "ch", 2}, {"nh", "nh", 2}, /* ច ឆ ជ ឈ ញ */
    {"d", "t", 1}, {"th", "t", 1}, {"d", "t", 2}, {"th", "t", 2}, {"n", "n", 1},        /* ដ ឋ ឌ ឍ ណ */
    {"t", "t", 1}, {"th", "t", 1}, {"t", "t", 2}, {"th", "t", 2}, {"n", "n", 2},        /* ត ថ ទ ធ ន */
    {"b", "p", 1}, {"ph", "p", 1}, {"p", "p", 2}, {"ph", "p", 2}, {"m", "m", 2},        /* ប ផ ព ភ ម */
    {"y", "y", 2}, {"r", "r", 2}, {"l", "l", 2}, {"v", "u", 2},                        /* យ រ ល វ */
    {"sh", "s", 1}, {"ss", "s", 1}, {"s", "s", 1}, {"h", "h", 1}, {"l", "l", 1},       /* ឝ ឞ ស ហ ឡ */
    {"", "", 1},                                                                       /* អ: vowel carrier */
};

/* Dependent vowels U+17B6..U+17C5, read after a first- and a second-series consonant. */
static const char *const VOWEL[0x17C5 - 0x17B6 + 1][2] = {
    {"a", "ea"}, {"e", "i"}, {"ei", "i"}, {"oe", "eu"}, {"eu", "eu"}, {"o", "u"}, {"ou", "u"},
    {"uo", "uo"}, {"aeu", "eu"}, {"oea", "oea"}, {"ie", "ie"}, {"e", "e"},
    {"e", "e"},               /* ែ (UNGEGN ae): Hun Sen, Hun Manet write it e */
    {"ai", "ey"}, {"ao", "o"}, {"au", "ov"},
};

/* Independent vowels U+17A3..U+17B3. */
static const char *const INDEPENDENT[0x17B3 - 0x17A3 + 1] = {
    "a", "a", "e", "ei", "o", "ou", "ou", "ov", "rue", "rue", "lue", "lue", "ae", "ai", "ao", "ao", "au",
};

static int is_cons(uint32_t c) { return c >= KH_FIRST && c <= KH_LAST_CONS; }
static int is_vowel_sign(uint32_t c) { return c >= 0x17B6 && c <= 0x17C5; }

/* Whether the consonant at w[i] closes the syllable before it: nothing of its own follows it (no
 * vowel sign, no subscript, no series mark, no nikahit). */
static int is_final(const uint32_t *w, size_t n, size_t i)
{
    if (i >= n || !is_cons(w[i]) || w[i] == 0x17A2) return 0;
    uint32_t nx = i + 1 < n ? w[i + 1] : 0;
    return !is_vowel_sign(nx) && nx != KH_COENG && nx != KH_MUSIKATOAN && nx != KH_TRIISAP
           && nx != KH_NIKAHIT && nx != KH_REAHMUK;
}

/* Second-series stops as subscripts give their series to the cluster (ស្ព spo, not spa). */
static int voiced_stop(uint32_t c)
{
    return c == 0x1782 || c == 0x1783 || c == 0x1787 || c == 0x1788 || c == 0x178C || c == 0x178D
           || c == 0x1791 || c == 0x1792 || c == 0x1796 || c == 0x1797;
}

/* One syllable from w[*i] (a consonant): its onset, its vowel and its final; returns the new o. */
static size_t syllable(const uint32_t *w, size_t n, size_t *i, char *out, size_t o, size_t cap)
{
    const kh_cons *c = &CONS[w[*i] - KH_FIRST];
    int series = c->series;
    int voiced_p = w[*i] == 0x1794;          /* ប with ៉ reads p */
    size_t k = *i + 1;
    if (k < n && w[k] == KH_MUSIKATOAN) { series = 1; k++; }
    else if (k < n && w[k] == KH_TRIISAP) { series = 2; k++; }
    /* ប reads p with ៉ or a subscript under it (ប៉ុល Pol, ប្រាក់ Prak) */
    int p_sound = voiced_p && ((series == 1 && k > *i + 1) || (k + 1 < n && w[k] == KH_COENG));
    o = cdn_put(out, o, cap, p_sound ? "p" : c->initial);
    while (k + 1 < n && w[k] == KH_COENG && is_cons(w[k + 1])) {      /* subscripts: the cluster */
        if (voiced_stop(w[k + 1])) series = 2;
        o = cdn_put(out, o, cap, CONS[w[k + 1] - KH_FIRST].initial);
        k += 2;
    }
    if (k < n && (w[k] == KH_MUSIKATOAN || w[k] == KH_TRIISAP)) { series = w[k] == KH_MUSIKATOAN ? 1 : 2; k++; }
    const char *v = NULL;
    uint32_t sign = 0;
    if (k < n && is_vowel_sign(w[k])) { sign = w[k++]; v = VOWEL[sign - 0x17B6][series - 1]; }
    while (k < n && is_vowel_sign(w[k])) k++;                      /* a second sign: a typo */
    int nikahit = k < n && w[k] == KH_NIKAHIT, reahmuk = 0;
    if (nikahit) k++;
    if (k < n && w[k] == KH_REAHMUK) { reahmuk = 1; k++; }
    while (k < n && (w[k] == 0x17CB || w[k] == 0x17CE || w[k] == 0x17CF || w[k] == 0x17D0)) k++;   /* marks */
    if (nikahit) {
        /* ំ closes the vowel with m: inherent am/um, ុំ om/um, ាំ am/oam */
        if (!v) o = cdn_put(out, o, cap, series == 1 ? "am" : "um");
        else if (sign == 0x17BB) o = cdn_put(out, o, cap, series == 1 ? "om" : "um");
        else { o = cdn_put(out, o, cap, v); o = cdn_put(out, o, cap, "m"); }
        v = "";
    }
    int closed = !nikahit && !reahmuk && is_final(w, n, k);
    if (!v) v = series == 1 ? "a" : "o";       /* the inherent vowel, open or closed */
    o = cdn_put(out, o, cap, v);
    if (reahmuk) o = cdn_put(out, o, cap, "h");
    if (closed) {
        const kh_cons *f = &CONS[w[k] - KH_FIRST];
        /* a final v after a vowel reads u (Khieu); after the inherent vowel v */
        o = cdn_put(out, o, cap, w[k] == 0x179C && *v == 0 ? "v" : f->final);
        k++;
        while (k < n && (w[k] == 0x17CB || w[k] == 0x17CC || w[k] == KH_TOANDAKHIAT)) k++;
    }
    *i = k;
    return o;
}

size_t cdn_km_romanize(const uint32_t *cps, size_t n, char *out, size_t cap)
{
    uint32_t w[CDN_TOKEN_MAX];
    size_t m = 0, o = 0;
    for (size_t i = 0; i < n && m < CDN_TOKEN_MAX; i++) {
        /* a consonant under ៍ (or the robat ៌ it carries) is not read */
        if (i + 1 < n && is_cons(cps[i]) && cps[i + 1] == KH_TOANDAKHIAT) { i++; continue; }
        if (cps[i] != 0x200B && cps[i] != 0x200C && cps[i] != 0x17CC) w[m++] = cps[i];
    }
    for (size_t i = 0; i < m;) {
        uint32_t c = w[i];
        if (is_cons(c)) { o = syllable(w, m, &i, out, o, cap); continue; }
        if (c >= 0x17A3 && c <= 0x17B3) o = cdn_put(out, o, cap, INDEPENDENT[c - 0x17A3]);
        else if (c >= 0x17E0 && c <= 0x17E9 && o + 1 < cap) out[o++] = (char)('0' + c - 0x17E0);
        i++;                                   /* stray signs and marks: nothing to read */
    }
    return o;
}
