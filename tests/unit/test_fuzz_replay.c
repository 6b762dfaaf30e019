/* test_fuzz_replay.c — replays the fuzz seeds of the name layer and the index loader as a plain unit test.
 * Must stay true: every file in fuzz/corpus/fuzz_analyze and fuzz/corpus/fuzz_index passes its target's checks.
 *
 * The fuzz targets abort() on a broken invariant, so a seed (or a crash reproducer added to the
 * corpus after a fix) that regresses ends this program with a signal, which the runner reports.
 * This gives the seeds a run under gcc and `make SAN=1` too, not only under clang's libFuzzer.
 */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "../check.h"

#define LLVMFuzzerTestOneInput fuzz_analyze_one
#include "../../fuzz/fuzz_analyze.c"
#undef LLVMFuzzerTestOneInput
#define LLVMFuzzerTestOneInput fuzz_index_one
#include "../../fuzz/fuzz_index.c"
#undef LLVMFuzzerTestOneInput

typedef int (*fuzz_fn)(const uint8_t *data, size_t size);

static int replay_file(const char *path, fuzz_fn fn)
{
    FILE *f = fopen(path, "rb");
    if (!f) return -1;
    uint8_t *buf = malloc(65536 + 1);
    size_t n = buf ? fread(buf, 1, 65536, f) : 0;
    fclose(f);
    if (!buf) return -1;
    fn(buf, n);
    free(buf);
    return 0;
}

/* Replays every regular file of a corpus directory; returns how many were run. */
static int replay_dir(const char *dir, fuzz_fn fn)
{
    DIR *d = opendir(dir);
    if (!d) return 0;
    int count = 0;
    struct dirent *de;
    char path[4096];
    while ((de = readdir(d))) {
        if (de->d_name[0] == '.') continue;
        snprintf(path, sizeof path, "%s/%s", dir, de->d_name);
        if (replay_file(path, fn) == 0) count++;
    }
    closedir(d);
    return count;
}

static void test_analyze_seeds(void)
{
    CHECK(replay_dir("fuzz/corpus/fuzz_analyze", fuzz_analyze_one) >= 10);
    cdn_text_close(g_text);
    g_text = NULL;
}

static void test_index_seeds(void)
{
    CHECK(replay_dir("fuzz/corpus/fuzz_index", fuzz_index_one) >= 10);
    CHECK(g_valid != NULL && g_valid_len > CDN_IX_HEADER);
    free(g_valid);
    g_valid = NULL;
}

int main(void)
{
    RUN(test_analyze_seeds);
    RUN(test_index_seeds);
    return CHECK_DONE();
}
