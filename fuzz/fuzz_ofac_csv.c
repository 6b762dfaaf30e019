/* fuzz_ofac_csv.c — libFuzzer target for the OFAC CSV set parser (sdn/alt/add/comments files).
 * Must stay true: any input parses or fails cleanly, and the set frees without leaks. The input is
 * split on 0x00 bytes into sdn.csv, sdn_comments.csv, alt.csv and add.csv of a temporary folder. */
#include "fuzz_common.h"

static char dir[256];
static const char *const files[] = { "sdn.csv", "sdn_comments.csv", "alt.csv", "add.csv" };

static void cleanup(void)
{
    char p[400];
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
        snprintf(p, sizeof p, "%s/%s", dir, files[i]);
        unlink(p);
    }
    rmdir(dir);
}

static void write_part(const char *name, const uint8_t *data, size_t len)
{
    char p[400];
    snprintf(p, sizeof p, "%s/%s", dir, name);
    if (!data) {
        unlink(p);
        return;
    }
    if (fuzz_write_file(p, data, len) < 0)
        abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!dir[0]) {
        snprintf(dir, sizeof dir, "/tmp/fuzz-ofac-csv-XXXXXX");
        if (!mkdtemp(dir))
            abort();
        atexit(cleanup);
    }
    const uint8_t *p = data, *end = data + size;
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
        if (!p) {
            write_part(files[i], NULL, 0);
            continue;
        }
        const uint8_t *nul = memchr(p, 0, (size_t)(end - p));
        write_part(files[i], p, nul ? (size_t)(nul - p) : (size_t)(end - p));
        p = nul ? nul + 1 : NULL;
    }
    cdn_set set;
    if (cdn_set_init(&set) != CORDON_OK)
        return 0;
    cordon_rc rc = cdn_ingest_path(&set, dir, NULL);
    if (rc == CORDON_OK && set.sources.n != 1)
        abort();
    if (rc != CORDON_OK && (set.sources.n != 0 || set.entities.n != 0 ||
                            (rc == CORDON_ERR_INPUT && !strstr(set.errmsg, ".csv"))))
        abort();
    cdn_set_free(&set);
    return 0;
}
