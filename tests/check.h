/* check.h — the tiny test harness every unit test uses: CHECK macros and a closing count line.
 * A test file defines static void test_*(void) functions and calls them with RUN() from main. */
#ifndef CDN_CHECK_H
#define CDN_CHECK_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int check_passed, check_failed;

#define CHECK(cond) do { if (cond) check_passed++; else { check_failed++; \
    fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #cond); } } while (0)
#define CHECK_STR(got, want) do { const char *g_ = (got), *w_ = (want); \
    if (g_ && w_ && strcmp(g_, w_) == 0) check_passed++; else { check_failed++; \
    fprintf(stderr, "%s:%d: got \"%s\", want \"%s\"\n", __FILE__, __LINE__, g_ ? g_ : "(null)", \
            w_ ? w_ : "(null)"); } } while (0)
#define CHECK_INT(got, want) do { long long g_ = (long long)(got), w_ = (long long)(want); \
    if (g_ == w_) check_passed++; else { check_failed++; \
    fprintf(stderr, "%s:%d: %s is %lld, want %lld\n", __FILE__, __LINE__, #got, g_, w_); } } while (0)

#define RUN(fn) do { fprintf(stderr, "  %s\n", #fn); fn(); } while (0)

/* The real lists and evaluation sets, from ../shared unless the environment says otherwise. */
static inline const char *check_lists_dir(void) {
    const char *d = getenv("CORDON_LISTS");
    return d && *d ? d : "../shared/data/lists";
}
static inline const char *check_eval_dir(void) {
    const char *d = getenv("CORDON_EVAL");
    return d && *d ? d : "../shared/eval";
}
/* "<lists>/<rel>" in a static buffer (one at a time). */
static inline const char *check_list_path(const char *rel) {
    static char p[4096];
    snprintf(p, sizeof p, "%s/%s", check_lists_dir(), rel);
    return p;
}

/* Prints the closing line the test runner sums: "checks: N passed, N failed". */
#define CHECK_DONE() (printf("checks: %d passed, %d failed\n", check_passed, check_failed), \
                      check_failed ? 1 : 0)

#endif
