/* ident.c — normalizes identifier values (passport, IMO, SWIFT …) so list and query spellings meet.
 * Invariant: list side and query side go through this one function, so equal numbers compare equal.
 */
#include <ctype.h>
#include <string.h>
#include <strings.h>
#include "index/index.h"

/* Words that name the identifier rather than being part of it ("IMO 9212413", "Passport No. 123"). */
static const char *const type_words[] = {
    "imo", "mmsi", "passport", "no", "number", "nr", "id", "national", "tax", "swift", "bic",
    "swift/bic", "registration", "reg", "vessel", "identification", "inn", "ogrn", "kpp", "cedula",
};

static int is_type_word(const char *w, size_t n) {
    for (size_t i = 0; i < sizeof type_words / sizeof *type_words; i++)
        if (strlen(type_words[i]) == n && strncasecmp(type_words[i], w, n) == 0) return 1;
    return 0;
}

static int has_digit(const char *w, size_t n) {
    for (size_t i = 0; i < n; i++)
        if (isdigit((unsigned char)w[i])) return 1;
    return 0;
}

/* The end of the word starting at p (letters, digits and '/'). */
static const char *word_end(const char *p) {
    while (*p && (isalnum((unsigned char)*p) || *p == '/')) p++;
    return p;
}

/* Whether a word after p holds a digit. */
static int digit_word_follows(const char *p) {
    for (;;) {
        while (*p && !isalnum((unsigned char)*p)) p++;
        const char *w = p;
        p = word_end(p);
        if (p == w) return 0;
        if (has_digit(w, (size_t)(p - w))) return 1;
    }
}

/* A leading word that names the identifier: a known type word, or a word with no digit when a number
 * follows ("MSN 1023409321", "Manufacturer's Serial Number (MSN) 1023409321"). A word of one or two
 * letters right before the number may be its series (passport "AB 1234567"), and a value with no
 * number at all is letters (SWIFT "MELIIRTH"): those stay. */
static int names_the_type(const char *w, size_t n) {
    if (is_type_word(w, n)) return 1;
    if (has_digit(w, n) || !digit_word_follows(w + n)) return 0;
    if (n >= 3) return 1;
    const char *next = w + n;                 /* a short word: skipped unless the number comes next */
    while (*next && !isalnum((unsigned char)*next)) next++;
    const char *end = word_end(next);
    return !has_digit(next, (size_t)(end - next));
}

size_t cdn_ident_normalize(const char *value, char *out, size_t cap) {
    size_t o = 0;
    const char *p = value;
    /* Skip leading words that only name the type; stop at the first word that is part of the value. */
    for (;;) {
        while (*p && !isalnum((unsigned char)*p)) p++;
        const char *w = p;
        p = word_end(p);
        if (p == w) break;
        if (!names_the_type(w, (size_t)(p - w))) { p = w; break; }
    }
    for (; *p && o + 1 < cap; p++)
        if (isalnum((unsigned char)*p)) out[o++] = (char)toupper((unsigned char)*p);
    if (cap) out[o] = 0;
    return o;
}
