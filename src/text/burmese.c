/* burmese.c — Burmese names to Latin as they are usually spelled, a word per syllable (Min Aung Hlaing).
 * Invariant: pure, static tables only; output [a-z0-9 ] (ICU's Any-Latin gives mainnaaunglhaine). */
#include "text/text_int.h"

#define MY_FIRST 0x1000          /* က */
#define MY_LAST 0x1021           /* အ: a vowel carrier */
#define MY_ASAT 0x103A           /* ်: the consonant before it closes the syllable */
#define MY_VIRAMA 0x1039         /* ္: a stacked consonant; the one above closes the syllable */
#define MY_ANUSVARA 0x1036       /* ံ: a nasal final */

static const char *const CONS[MY_LAST - MY_FIRST + 1] = {
    "k", "kh", "g", "g", "ng", "s", "s", "z", "z", "ny", "ny",        /* က ခ ဂ ဃ င စ ဆ ဇ ဈ ဉ ည */
    "t", "ht", "d", "d", "n", "t", "ht", "d", "d", "n",               /* ဋ ဌ ဍ ဎ ဏ တ ထ ဒ ဓ န */
    "p", "ph", "b", "b", "m", "y", "y", "l", "w", "th", "h", "l", "",  /* ပ ဖ ဗ ဘ မ ယ ရ လ ဝ သ ဟ ဠ အ */
};

/* The final a closing consonant gives the rhyme: k, ng, s (စ), ny (ည), n (ဉ), t (တ ပ …), m (န မ ံ). */
enum { F_NONE, F_K, F_NG, F_S, F_NY, F_IN, F_T, F_N };
/* The vowel signs, as one class. */
enum { V_NONE, V_A, V_I, V_U, V_E, V_AI, V_AW, V_O, V_N };

static int final_class(uint32_t c)
{
    switch (c) {
    case 0x1000: case 0x1001: case 0x1002: case 0x1003: return F_K;
    case 0x1004: return F_NG;
    case 0x1005: case 0x1006: case 0x1007: case 0x1008: return F_S;
    case 0x100A: return F_NY;
    case 0x1009: return F_IN;
    case 0x1014: case 0x1019: case 0x100F: return F_N;
    default: return F_T;
    }
}

/* rhyme[vowel][final]; NULL: the vowel, then nothing. */
static const char *const RHYME[V_N][F_N + 1] = {
    [V_NONE] = { "a", "et", "in", "it", "i", "in", "at", "an" },
    [V_A] = { "a", "et", "in", "it", "i", "in", "at", "an" },
    [V_I] = { "i", "eik", "in", "it", "i", "in", "eik", "ein" },
    [V_U] = { "u", "ok", "ong", "ok", "u", "on", "ok", "on" },
    [V_E] = { "e", "et", "in", "it", "i", "in", "at", "an" },
    [V_AI] = { "e", "et", "in", "it", "i", "in", "at", "an" },
    [V_AW] = { "aw", "auk", "aung", "auk", "aw", "aung", "auk", "aung" },
    [V_O] = { "oe", "aik", "aing", "aik", "o", "aing", "aik", "aing" },
};

/* Company words, read as the English the name rules know. */
static const cdn_script_word LEGAL[] = {
    {{0x1000, 0x102F, 0x1019, 0x1039, 0x1015, 0x100F, 0x102E}, "company"},          /* ကုမ္ပဏီ */
    {{0x101C, 0x102E, 0x1019, 0x102D, 0x1010, 0x1000, 0x103A}, "limited"},          /* လီမိတက် */
};

static int is_cons(uint32_t c) { return c >= MY_FIRST && c <= MY_LAST; }
static int is_mark(uint32_t c) { return c == 0x1037 || c == 0x1038 || c == MY_ASAT; }

/* Whether w[i] closes the syllable before it: a consonant under ် (dot below and tone aside) or
 * stacked over another with ္. */
static int closes(const uint32_t *w, size_t n, size_t i)
{
    if (i >= n || !is_cons(w[i]) || w[i] == MY_LAST) return 0;
    size_t j = i + 1;
    while (j < n && w[j] == 0x1037) j++;
    return j < n && (w[j] == MY_ASAT || w[j] == MY_VIRAMA);
}

/* The onset's spelling with its medials: ky, gy, ch (ချ), hl, hm, sh (ရှ), w. */
static size_t onset(uint32_t c, int y, int w, int h, char *out, size_t o, size_t cap)
{
    const char *v = CONS[c - MY_FIRST];
    if (h && (c == 0x101B || c == 0x101A)) return cdn_put(out, o, cap, w ? "shw" : "sh");     /* ရှ ရွှ */
    if (h) o = cdn_put(out, o, cap, "h");
    if (y && c == 0x1001) return cdn_put(out, o, cap, w ? "chw" : "ch");
    o = cdn_put(out, o, cap, v);
    if (y) o = cdn_put(out, o, cap, "y");
    if (w) o = cdn_put(out, o, cap, "w");
    return o;
}

/* One syllable from the consonant w[*i]; returns the new o. */
static size_t syllable(const uint32_t *w, size_t n, size_t *i, char *out, size_t o, size_t cap)
{
    uint32_t c = w[*i];
    size_t k = *i + 1;
    int y = 0, wm = 0, h = 0, vow = V_NONE, fin = F_NONE, creaky = 0;
    for (; k < n && w[k] >= 0x103B && w[k] <= 0x103E; k++) {
        if (w[k] == 0x103B || w[k] == 0x103C) y = 1;
        else if (w[k] == 0x103D) wm = 1;
        else h = 1;
    }
    for (; k < n && ((w[k] >= 0x102B && w[k] <= 0x1032) || is_mark(w[k]) || w[k] == MY_ANUSVARA); k++) {
        uint32_t s = w[k];
        if (s == 0x102B || s == 0x102C) vow = vow == V_E ? V_AW : V_A;
        else if (s == 0x102D || s == 0x102E) vow = V_I;
        else if (s == 0x102F || s == 0x1030) vow = vow == V_I ? V_O : V_U;
        else if (s == 0x1031) vow = V_E;
        else if (s == 0x1032) vow = V_AI;
        else if (s == MY_ANUSVARA) fin = F_N;
        else if (s == 0x1037) creaky = 1;
    }
    if (fin == F_NONE && closes(w, n, k)) {
        fin = final_class(w[k]);
        for (k++; k < n && (is_mark(w[k]) || w[k] == MY_VIRAMA); k++) {
            creaky |= w[k] == 0x1037;
            if (w[k] == MY_VIRAMA) { k++; break; }        /* the stacked consonant starts the next */
        }
    }
    /* ွ with a closing n or t is the rhyme un/ut (ကွန် kun); otherwise a w in the onset */
    int w_rhyme = wm && vow == V_NONE && (fin == F_N || fin == F_T);
    o = onset(c, y, wm && !w_rhyme, h, out, o, cap);
    if (w_rhyme) o = cdn_put(out, o, cap, fin == F_N ? "un" : "ut");
    else if (vow == V_O && fin == F_NONE && y) o = cdn_put(out, o, cap, "o");     /* Myo, Kyo */
    else if (vow == V_NONE && fin == F_NG && creaky) o = cdn_put(out, o, cap, "int");   /* Myint */
    else o = cdn_put(out, o, cap, RHYME[vow][fin]);
    *i = k;
    return o;
}

size_t cdn_my_romanize(const uint32_t *cps, size_t n, char *out, size_t cap)
{
    uint32_t w[CDN_TOKEN_MAX];
    size_t m = 0, o = 0;
    for (size_t i = 0; i < n && m < CDN_TOKEN_MAX; i++)
        if (cps[i] != 0x200B && cps[i] != 0x200C && cps[i] != 0x200D) w[m++] = cps[i];
    const char *legal = cdn_script_word_latin(w, m, LEGAL, sizeof LEGAL / sizeof *LEGAL);
    if (legal) return cdn_put(out, 0, cap, legal);
    for (size_t i = 0; i < m;) {
        uint32_t c = w[i];
        size_t before = o;
        int digit_run = c >= 0x1040 && c <= 0x1049 && o > 0 && out[o - 1] >= '0' && out[o - 1] <= '9';
        if (o > 0 && !digit_run && o + 1 < cap) out[o++] = ' ';   /* a word per syllable */
        size_t start = o;
        if (is_cons(c) && !closes(w, m, i)) o = syllable(w, m, &i, out, o, cap);
        else if (c >= 0x1023 && c <= 0x102A) {
            static const char *const IND[] = { "i", "i", "u", "u", "e", "e", "aw", "aw" };
            o = cdn_put(out, o, cap, IND[c - 0x1023]);
            i++;
        } else if (c >= 0x1040 && c <= 0x1049) {
            if (o + 1 < cap) out[o++] = (char)('0' + c - 0x1040);
            i++;
        } else {
            i++;          /* a closing consonant with nothing before it (a foreign final in
                           * brackets), stray signs: nothing to read */
        }
        if (o == start) o = before;
    }
    return o;
}
