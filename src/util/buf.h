/* buf.h — the growable byte buffer the index builder and the JSON writer append to (index/, util/jsonw.c).
 * Invariant: p holds n bytes of cap; capacity doubles, so appending is amortized constant time.
 */
#ifndef CDN_BUF_H
#define CDN_BUF_H

#include <stdlib.h>
#include <string.h>

typedef struct cdn_buf { char *p; size_t n, cap; } cdn_buf;

/* Makes room for `more` bytes after n; -1 on no memory (the buffer is unchanged then). */
static inline int cdn_buf_reserve(cdn_buf *b, size_t more) {
    if (b->n + more <= b->cap) return 0;
    size_t cap = b->cap ? b->cap : 4096;
    while (cap < b->n + more) cap *= 2;
    char *p = realloc(b->p, cap);
    if (!p) return -1;
    b->p = p; b->cap = cap;
    return 0;
}

/* Appends `len` bytes; returns their offset, or -1. */
static inline long cdn_buf_add(cdn_buf *b, const void *data, size_t len) {
    if (cdn_buf_reserve(b, len)) return -1;
    memcpy(b->p + b->n, data, len);
    b->n += len;
    return (long)(b->n - len);
}

#endif
