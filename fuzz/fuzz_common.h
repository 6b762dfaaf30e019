/* fuzz_common.h — what the list-parser fuzz targets share: input bytes to a temp file, parse, check, free.
 * Must stay true: any input ends in CORDON_OK with valid UTF-8 strings or an error naming the file; else abort().
 */
#ifndef CDN_FUZZ_COMMON_H
#define CDN_FUZZ_COMMON_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "ingest/ingest.h"

/* Writes data[0..size) to path; 0, or -1 when the file cannot be written. */
static inline int fuzz_write_file(const char *path, const uint8_t *data, size_t size)
{
    FILE *f = fopen(path, "wb");
    if (!f) return -1;
    if (size && fwrite(data, 1, size, f) != size) { fclose(f); return -1; }
    fclose(f);
    return 0;
}

/* Every string the parser stored must be valid UTF-8 and NUL-ended; anything else is a bug. */
static inline void fuzz_check_entities(const cdn_set *set)
{
    for (uint32_t i = 0; i < set->entities.n; i++) {
        const cdn_entity *e = set->entities.v[i];
        if (!e->id || cdn_utf8_invalid_at(e->id, strlen(e->id)) >= 0) abort();
        for (uint32_t k = 0; k < e->names.n; k++)
            if (!e->names.v[k].full || cdn_utf8_invalid_at(e->names.v[k].full, strlen(e->names.v[k].full)) >= 0)
                abort();
    }
}

/* One fuzz input for a parser of a single file: written to /tmp/<name>.<pid>, parsed, checked. */
static inline int fuzz_parse_file(const char *name, cordon_rc (*parse)(cdn_set *, const char *),
                                  const uint8_t *data, size_t size)
{
    char path[64];
    snprintf(path, sizeof path, "/tmp/%s.%d", name, (int)getpid());
    if (fuzz_write_file(path, data, size) < 0) return 0;

    cdn_set set;
    if (cdn_set_init(&set) != CORDON_OK) return 0;
    cordon_rc rc = parse(&set, path);
    if (rc == CORDON_OK) fuzz_check_entities(&set);
    else if (strncmp(set.errmsg, path, strlen(path)) != 0) abort();   /* the message names the file */
    else cdn_set_truncate(&set, 0);
    cdn_set_free(&set);
    unlink(path);
    return 0;
}

#endif /* CDN_FUZZ_COMMON_H */
