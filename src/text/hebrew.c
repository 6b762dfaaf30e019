/* hebrew.c — Hebrew (and Yiddish-spelled) names to Latin: consonants by their usual English values,
 * the vowel letters ו י read as o/i/u between consonants, and an e guessed where none is written.
 * Invariant: a pure function of static tables; output is [a-z]. ICU's Hebrew-Latin gives bare consonants.
 */
#include "text/text_int.h"

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

/* Whether letter i is a vowel letter: ו or י between letters (not doubled, not first), final ה, or
 * the silent א ע. */
static int vowel_letter(const uint32_t *w, size_t n, size_t i)
{
    uint32_t c = w[i];
    if (c == 0x5D0 || c == 0x5E2) return 1;
    if (c == 0x5D4) return i + 1 == n && i > 0;
    if (c != 0x5D5 && c != 0x5D9) return 0;
    if (i == 0) return 0;
    if (i + 1 < n && w[i + 1] == c) return 0;       /* וו, יי: consonants */
    if (w[i - 1] == c) return 0;
    return 1;
}

static size_t put(char *out, size_t o, size_t cap, const char *s)
{
    for (; *s; s++) if (o + 1 < cap) out[o++] = *s;
    return o;
}

static const char *consonant(uint32_t c, int initial)
{
    switch (c) {
    case 0x5D1: return initial ? "b" : "v";
    case 0x5D2: return "g";   case 0x5D3: return "d";   case 0x5D4: return "h";
    case 0x5D5: return "v";   case 0x5D6: return "z";   case 0x5D7: return "kh";
    case 0x5D8: return "t";   case 0x5D9: return "y";
    case 0x5DB: return initial ? "k" : "kh";
    case 0x5DC: return "l";   case 0x5DE: return "m";   case 0x5E0: return "n";
    case 0x5E1: return "s";   case 0x5E4: return initial ? "p" : "f";
    case 0x5E6: return "ts";  case 0x5E7: return "k";   case 0x5E8: return "r";
    case 0x5E9: return "sh";  case 0x5EA: return "t";
    default: return "";
    }
}

size_t cdn_he_romanize(const uint32_t *cps, size_t n, char *out, size_t cap)
{
    uint32_t w[CDN_TOKEN_MAX];
    size_t m = 0, o = 0;
    for (size_t i = 0; i < n && m < CDN_TOKEN_MAX; i++)
        if (is_hebrew_letter(cps[i])) w[m++] = base_letter(cps[i]);   /* points and marks dropped */
    for (size_t i = 0; i < m; i++) {
        uint32_t c = w[i];
        if (vowel_letter(w, m, i)) {
            if (c == 0x5D5) o = put(out, o, cap, "o");
            else if (c == 0x5D9) o = put(out, o, cap, "i");
            else if (c == 0x5D4) o = put(out, o, cap, "a");
            else if (i == 0 || i + 1 == m) o = put(out, o, cap, "a");   /* א ע at the edges */
            continue;
        }
        if ((c == 0x5D5 || c == 0x5D9) && i + 1 < m && w[i + 1] == c) i++;   /* וו → v, יי → y */
        o = put(out, o, cap, consonant(c, i == 0));
        /* No vowel letter after a consonant that is followed by another one: a short e is the
         * commonest unwritten vowel (Peres, Netanyahu's "ne"). */
        if (i + 1 < m && !vowel_letter(w, m, i + 1)) o = put(out, o, cap, "e");
    }
    return o;
}
