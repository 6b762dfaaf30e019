/* build.h — what the index builder shares between its files (build.c, entity_json.c).
 * Invariant: only the index layer includes this; the match engine reads files through index.h.
 */
#ifndef CDN_BUILD_H
#define CDN_BUILD_H

#include "ingest/ingest.h"
#include "text/text.h"
#include "index/index.h"

/* The entity as compact JSON (malloc'd; free with free()), or NULL on no memory. `src` is the
 * entity's source; `scripts` holds the cdn_script of each of its names. */
char *cdn_entity_to_json(const cdn_source *src, const cdn_entity *e, const uint8_t *scripts);

/* A birth date as ISO 8601: "1984-01-08", "1984-01", "1984", or "1951/1953" for a range. */
void cdn_date_iso(const cdn_date *d, char *out, size_t cap);

#endif
