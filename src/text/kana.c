/* kana.c — the foreign-name reading of romanized katakana: the vowels Japanese adds after a
 * consonant (baraku, toranpu, doraggu) are dropped so that the key meets the Latin spelling.
 * Invariant: a pure function of its [a-z0-9 ] input; the output is never longer than the input.
 */
#include <string.h>
#include "text/text_int.h"

static int is_vowel(char c)
{
    return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u';
}

/* A consonant after which katakana writes an added u (ク ブ プ ル ス ム グ フ ズ ジュ シュ …):
 * not n (ン then ウ reads nu), y or w, which make syllables of their own. */
static int takes_added_u(char c)
{
    return c >= 'a' && c <= 'z' && !is_vowel(c) && c != 'n' && c != 'y' && c != 'w';
}

/* Whether w[i] is a vowel that katakana did not add to a final or cluster consonant. */
static int real_vowel(const char *w, size_t n, size_t i)
{
    if (!is_vowel(w[i])) return 0;
    return w[i] != 'u' || (i + 1 < n && (is_vowel(w[i + 1]) || w[i + 1] == 'n' || w[i + 1] == 'y'));
}

/* Whether the vowel at w[i] is one katakana added: u after such a consonant, o after t or d (ト ド),
 * at the end of the word (baraku → barak, robato → robat), before r and a vowel of its own
 * (furanku → frank, toranpu → tramp; not vikutoru), after s before a consonant (sutaa → staa) or in r + u before a consonant after a vowel
 * (syllable-final l or r: serugei → sergei, donarudo → donard). */
static int added_vowel(const char *w, size_t n, size_t i)
{
    if (i == 0) return 0;
    char v = w[i], prev = w[i - 1], next = i + 1 < n ? w[i + 1] : 0;
    int after = (v == 'u' && takes_added_u(prev)) || (v == 'o' && (prev == 't' || prev == 'd'));
    if (!after) return 0;
    if (!next) return memchr(w, 'a', i) || memchr(w, 'e', i) || memchr(w, 'i', i) || memchr(w, 'o', i)
                      || memchr(w, 'u', i - 1);              /* a one-syllable word keeps its vowel */
    if (is_vowel(next) || next == 'y' || next == 'n') return 0;
    if (next == 'r') return i + 2 < n && real_vowel(w, n, i + 2);   /* ト in Viktor is tor */
    if (v == 'u' && prev == 's') return 1;
    return v == 'u' && prev == 'r' && i >= 2 && is_vowel(w[i - 2]);
}

/* One word: chi → ti (チ writes the ti of Putin, Dimitri), n → m before b p m, added vowels out. */
static size_t foreign_word(const char *w, size_t n, char *out)
{
    char tmp[CDN_TOKEN_MAX * 8 + 16];
    size_t m = 0;
    for (size_t i = 0; i < n && m < sizeof tmp; i++) {
        if (w[i] == 'c' && i + 2 < n && w[i + 1] == 'h' && w[i + 2] == 'i') {
            tmp[m++] = 't';
            i++;
            continue;
        }
        tmp[m++] = w[i] == 'n' && i + 1 < n && (w[i + 1] == 'b' || w[i + 1] == 'p' || w[i + 1] == 'm') ? 'm' : w[i];
    }
    size_t o = 0;
    for (size_t i = 0; i < m; i++)
        if (!added_vowel(tmp, m, i)) out[o++] = tmp[i];
    return o;
}

size_t cdn_kana_foreign(const char *in, size_t n, char *out)
{
    size_t o = 0;
    for (size_t i = 0; i < n;) {
        size_t j = i;
        while (j < n && in[j] != ' ') j++;
        o += foreign_word(in + i, j - i, out + o);
        if (j < n) out[o++] = ' ';
        i = j + 1;
    }
    return o;
}
