/* records.h — the entity records of one source (JSON, deflated), rendered in parallel with the build.
 * Invariant: only build.c uses this; records come out in the order of the entities given.
 */
#ifndef CDN_RECORDS_H
#define CDN_RECORDS_H

#include <stddef.h>
#include <stdint.h>
#include "ingest/ingest.h"

typedef struct cdn_records cdn_records;

/* Prepares the records of ents[0..n), whose sources are sources[e->source], and with `helper` set
 * starts rendering them on a helper thread. *out is set even on failure (-1), for
 * cdn_records_free. Entities and sources must stay unchanged until cdn_records_finish or
 * cdn_records_free returns. */
int cdn_records_start(cdn_records **out, const cdn_source *sources, size_t n_sources,
                      const cdn_entity *const *ents, size_t n, int helper);

/* Renders what is left on the calling thread, waits for the helper, and hands over the records
 * back to back in one malloc'd blob. -1 on no memory. */
int cdn_records_finish(cdn_records *r, char **blob, size_t *blob_len);

/* Entity i's record: offset in the blob, deflated length, JSON length. After a successful finish. */
void cdn_records_get(const cdn_records *r, size_t i, uint32_t *off, uint32_t *len, uint32_t *raw);

void cdn_records_free(cdn_records *r);

#endif
