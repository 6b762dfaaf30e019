/* jsonw.h — a JSON writer that streams into a growable buffer: the index's entity records and the
 * match results are written with it. Invariant: its bytes are what jansson's json_dumps(JSON_COMPACT |
 * JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(p)) writes for the same values, so output never changes
 * with the writer.
 */
#ifndef CDN_JSONW_H
#define CDN_JSONW_H

#include <stddef.h>
#include "util/buf.h"

/* `first` says no value is written yet at this level (no comma before the next); `oom` that memory
 * ran out, after which nothing more is written and cdn_jw_finish returns NULL. */
typedef struct cdn_jw { cdn_buf b; int oom; int first; } cdn_jw;

#define CDN_JW_INIT { {NULL, 0, 0}, 0, 1 }

void cdn_jw_raw(cdn_jw *w, const char *s, size_t len);          /* bytes as they are */
void cdn_jw_string(cdn_jw *w, const char *s, size_t len);       /* a quoted, escaped string */
void cdn_jw_real(cdn_jw *w, double v, int precision);           /* jansson's %.{p}g, with ".0" */
void cdn_jw_sep(cdn_jw *w);                                     /* a comma unless first */
void cdn_jw_key(cdn_jw *w, const char *k);                      /* [,]"k": */
void cdn_jw_open_obj(cdn_jw *w);                                /* [,]{ */
void cdn_jw_close_obj(cdn_jw *w);
void cdn_jw_open_array(cdn_jw *w, const char *k);               /* [,]"k":[ — or [,][ if k is NULL */
void cdn_jw_close_array(cdn_jw *w);

/* "k":"v" and "k":v members. */
void cdn_jw_str_member(cdn_jw *w, const char *k, const char *v);
void cdn_jw_real_member(cdn_jw *w, const char *k, double v, int precision);

/* The text written, NUL-terminated, for the caller to free; NULL if memory ran out. */
char *cdn_jw_finish(cdn_jw *w);

#endif
