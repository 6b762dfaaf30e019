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

size_t cdn_ident_normalize(const char *value, char *out, size_t cap) {
    size_t o = 0;
    const char *p = value;
    /* Skip leading words that only name the type; stop at the first word with a digit in it. */
    for (;;) {
        while (*p && !isalnum((unsigned char)*p)) p++;
        const char *w = p;
        while (*p && (isalnum((unsigned char)*p) || *p == '/')) p++;
        if (p == w) break;
        if (!is_type_word(w, (size_t)(p - w))) { p = w; break; }
    }
    for (; *p && o + 1 < cap; p++)
        if (isalnum((unsigned char)*p)) out[o++] = (char)toupper((unsigned char)*p);
    if (cap) out[o] = 0;
    return o;
}
