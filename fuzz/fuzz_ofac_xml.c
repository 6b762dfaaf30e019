/* fuzz_ofac_xml.c — libFuzzer target for the OFAC sdn.xml parser and format detection.
 * Must stay true: any input parses or fails cleanly (never a crash, hang or leak), and a failure
 * leaves the set empty with a message naming the file. */
#include "fuzz_common.h"

static char path[256];

static void cleanup(void)
{
    unlink(path);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!path[0]) {
        snprintf(path, sizeof path, "/tmp/fuzz-ofac-xml-XXXXXX");
        int fd = mkstemp(path);
        if (fd < 0)
            abort();
        close(fd);
        atexit(cleanup);
    }
    if (fuzz_write_file(path, data, size) < 0)
        abort();
    for (int forced = 0; forced < 2; forced++) {
        cdn_set set;
        if (cdn_set_init(&set) != CORDON_OK)
            return 0;
        cordon_rc rc = cdn_ingest_path(&set, path, forced ? "ofac-xml" : NULL);
        if (rc != CORDON_OK && (set.sources.n != 0 || set.entities.n != 0 ||
                                (rc == CORDON_ERR_INPUT && !strstr(set.errmsg, path))))
            abort();
        cdn_set_free(&set);
    }
    return 0;
}
