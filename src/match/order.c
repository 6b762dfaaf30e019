/* order.c — the order to screen many queries in (cordon_screening_order): by name, for the cache.
 * Invariant: a permutation of 0 .. n-1; results never depend on it, only the time they take.
 */
#include <stdlib.h>
#include "cordon.h"

typedef struct named { const unsigned char *name; size_t at; } named;

/* Name bytes with ASCII letters folded to lower case, so that "KIM Jong Un" and "Kim Chol" sort
 * together; other bytes as they are, which keeps each script's names together (UTF-8 sorts by
 * code point). NULL names first; equal names in their input order. */
static int by_name(const void *pa, const void *pb) {
    const named *a = pa, *b = pb;
    const unsigned char *x = a->name, *y = b->name;
    if (!x || !y) return x ? 1 : y ? -1 : (a->at > b->at) - (a->at < b->at);
    for (;; x++, y++) {
        unsigned cx = *x >= 'A' && *x <= 'Z' ? *x + 32u : *x, cy = *y >= 'A' && *y <= 'Z' ? *y + 32u : *y;
        if (cx != cy) return cx < cy ? -1 : 1;
        if (!cx) return (a->at > b->at) - (a->at < b->at);
    }
}

cordon_rc cordon_screening_order(const char *const *names, size_t n, size_t *order) {
    if (n && (!names || !order)) return CORDON_ERR_ARG;
    named *v = malloc((n ? n : 1) * sizeof *v);
    if (!v) {
        for (size_t i = 0; i < n; i++) order[i] = i;       /* the input's order is as right, only slower */
        return CORDON_ERR_NOMEM;
    }
    for (size_t i = 0; i < n; i++) v[i] = (named){ (const unsigned char *)names[i], i };
    qsort(v, n, sizeof *v, by_name);
    for (size_t i = 0; i < n; i++) order[i] = v[i].at;
    free(v);
    return CORDON_OK;
}
