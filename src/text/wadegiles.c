/* wadegiles.c — Wade-Giles syllables read as pinyin (Mao Tse-tung = Mao Zedong, Teng Hsiao-p'ing =
 * Deng Xiaoping), for the older and Taiwanese spellings of Chinese names.
 * Invariant: a pure function of static const tables; it accepts only whole Wade-Giles syllables.
 */
#include <string.h>
#include "text/text_int.h"

/* Initials, longest first: Wade-Giles spelling, pinyin (unaspirated, aspirated with ' after it). */
static const char *const INITIALS[][3] = {
    { "hs", "x", "x" }, { "ch", "zh", "ch" }, { "sh", "sh", "sh" }, { "ts", "z", "c" },
    { "tz", "z", "c" }, { "ss", "s", "s" }, { "sz", "s", "s" }, { "p", "b", "p" }, { "t", "d", "t" },
    { "k", "g", "k" }, { "j", "r", "r" }, { "m", "m", "m" }, { "f", "f", "f" }, { "n", "n", "n" },
    { "l", "l", "l" }, { "h", "h", "h" }, { "s", "s", "s" }, { "y", "y", "y" }, { "w", "w", "w" },
};

/* Finals and their pinyin. A syllable is an initial (or none) and one of these. */
static const char *const FINALS[][2] = {
    { "a", "a" }, { "ai", "ai" }, { "an", "an" }, { "ang", "ang" }, { "ao", "ao" }, { "e", "e" },
    { "ei", "ei" }, { "en", "en" }, { "eng", "eng" }, { "erh", "er" }, { "i", "i" }, { "ia", "ia" },
    { "iang", "iang" }, { "iao", "iao" }, { "ieh", "ie" }, { "ien", "ian" }, { "ih", "i" },
    { "in", "in" }, { "ing", "ing" }, { "iu", "iu" }, { "iung", "iong" }, { "o", "o" }, { "ou", "ou" },
    { "u", "u" }, { "ua", "ua" }, { "uai", "uai" }, { "uan", "uan" }, { "uang", "uang" },
    { "ueh", "ue" }, { "uei", "ui" }, { "ui", "ui" }, { "un", "un" }, { "ung", "ong" }, { "uo", "uo" },
    { "eh", "e" },
};

static int is_apostrophe(uint32_t c)
{
    return c == '\'' || c == 0x2019 || c == 0x2BC || c == 0x2BB || c == 0x2018;
}

/* The pinyin of a final after an initial (what the tables cannot say alone). */
static const char *final_after(const char *ini, const char *fin, const char *py)
{
    if (strcmp(fin, "o") == 0) {                  /* ko = ge, ho = he, to = duo, lo = luo; po = bo */
        if (!*ini || strchr("pmfyw", ini[0])) return "o";
        return ini[0] == 'k' || ini[0] == 'h' ? "e" : "uo";
    }
    if (strcmp(fin, "u") == 0 && (!strcmp(ini, "tz") || !strcmp(ini, "ss") || !strcmp(ini, "sz")))
        return "i";                               /* tzu = zi, ssu = si */
    if (strcmp(fin, "eh") == 0 && strcmp(ini, "y") != 0) return NULL;   /* only yeh */
    if (!*ini && (fin[0] == 'i' || fin[0] == 'u')) return NULL;         /* those take y or w */
    return py;
}

size_t cdn_wade_giles(const uint32_t *cps, size_t n, char *out, size_t cap)
{
    char s[16];
    size_t m = 0;
    int aspirated = 0;
    if (n > 7) return 0;         /* six letters and an apostrophe at most: most words stop here */
    for (size_t i = 0; i < n; i++) {
        uint32_t c = cps[i] | 0x20;
        if (is_apostrophe(cps[i])) { if (m == 0 || aspirated) return 0; aspirated = (int)m; continue; }
        if (cps[i] == 0xEA || cps[i] == 0xCA) c = 'e';             /* ê */
        else if (cps[i] == 0xFC || cps[i] == 0xDC) c = 'u';        /* ü */
        if (c < 'a' || c > 'z' || m + 1 >= sizeof s) return 0;
        s[m++] = (char)c;
    }
    s[m] = 0;
    /* Most words stop here: a syllable is at most six letters, ends in a vowel, n, ng or h, and
     * never holds b d g q v x (ng aside). */
    if (m == 0 || m > 6 || !strchr("aeiounhg", s[m - 1]) || strpbrk(s, "bdqvx")
        || (strchr(s, 'g') && (m < 3 || s[m - 1] != 'g' || s[m - 2] != 'n' || strchr(s, 'g') != s + m - 1)))
        return 0;
    for (size_t k = 0; k <= sizeof INITIALS / sizeof *INITIALS; k++) {
        const char *ini = k < sizeof INITIALS / sizeof *INITIALS ? INITIALS[k][0] : "";
        if (ini[0] && ini[0] != s[0]) continue;          /* the first letters tell most apart */
        size_t il = strlen(ini);
        if (strncmp(s, ini, il) != 0 || (aspirated && (size_t)aspirated != il)) continue;
        for (size_t f = 0; f < sizeof FINALS / sizeof *FINALS; f++) {
            if (FINALS[f][0][0] != s[il] || strcmp(s + il, FINALS[f][0]) != 0) continue;
            const char *py = final_after(ini, FINALS[f][0], FINALS[f][1]);
            if (!py) return 0;
            const char *pi = k < sizeof INITIALS / sizeof *INITIALS ? INITIALS[k][aspirated ? 2 : 1] : "";
            if (!strcmp(ini, "ch") && s[il] == 'i' && strcmp(s + il, "ih") != 0)
                pi = aspirated ? "q" : "j";       /* chi = ji, ch'i = qi; chih = zhi */
            if (!strcmp(ini, "y") && !strcmp(s + il, "en")) py = "an";              /* yen = yan */
            size_t pl = strlen(pi), fl = strlen(py);
            if (pl + fl + 1 > cap) return 0;
            memcpy(out, pi, pl);
            memcpy(out + pl, py, fl + 1);
            return pl + fl;
        }
    }
    return 0;
}
