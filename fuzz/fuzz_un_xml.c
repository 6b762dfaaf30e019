/* fuzz_un_xml.c — libFuzzer target for the UN consolidated XML parser: bytes → temp file → parse → free.
 * Must stay true: any input ends in CORDON_OK or an error naming the file, never a crash or leak.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "ingest/ingest.h"

/* Every string the parser stored must be valid UTF-8 and NUL-ended; anything else is a bug. */
static void check_entities(const cdn_set *set)
{
    for (uint32_t i = 0; i < set->entities.n; i++) {
        const cdn_entity *e = set->entities.v[i];
        if (!e->id || cdn_utf8_invalid_at(e->id, strlen(e->id)) >= 0) abort();
        for (uint32_t k = 0; k < e->names.n; k++)
            if (!e->names.v[k].full || cdn_utf8_invalid_at(e->names.v[k].full, strlen(e->names.v[k].full)) >= 0)
                abort();
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char path[64];
    snprintf(path, sizeof path, "/tmp/fuzz_un_xml.%d", (int)getpid());
    FILE *f = fopen(path, "wb");
    if (!f) return 0;
    if (size && fwrite(data, 1, size, f) != size) { fclose(f); return 0; }
    fclose(f);

    cdn_set set;
    if (cdn_set_init(&set) != CORDON_OK) return 0;
    cordon_rc rc = cdn_parse_un_xml(&set, path);
    if (rc == CORDON_OK) check_entities(&set);
    else if (strncmp(set.errmsg, path, strlen(path)) != 0) abort();   /* the message names the file */
    else cdn_set_truncate(&set, 0);
    cdn_set_free(&set);
    unlink(path);
    return 0;
}
