/* test_jsonw.c — the streaming JSON writer writes what jansson's json_dumps writes for the same values
 * (strings with every kind of escape, reals at several precisions, nesting), byte for byte. */
#include <float.h>
#include <math.h>
#include <jansson.h>
#include "../check.h"
#include "util/jsonw.h"

static char *jansson_text(json_t *v, int precision) {
    char *s = json_dumps(v, JSON_COMPACT | JSON_PRESERVE_ORDER | JSON_ENCODE_ANY | JSON_REAL_PRECISION(precision));
    json_decref(v);
    return s;
}

static void test_strings(void) {
    static const char *const cases[] = {
        "", "Kim Jong Un", "quote \" and backslash \\", "tab\tnewline\nreturn\rbell\a",
        "\x01\x1f\b\f", "김정은 · Ким Чен Ын · محمد", "slash / stays", "\x7f del",
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        cdn_jw w = CDN_JW_INIT;
        cdn_jw_string(&w, cases[i], strlen(cases[i]));
        char *got = cdn_jw_finish(&w), *want = jansson_text(json_string(cases[i]), 4);
        CHECK_STR(got, want);
        free(got); free(want);
    }
}

static void test_reals(void) {
    static const double values[] = {
        0, 1, -1, 0.5, 0.97, 0.8, 0.123456789, 1.0 / 3, 100, 12345, 123456789, 1e20, 1e-7, -0.25,
        2.5e-5, 1e100, -1e-300, DBL_MAX, DBL_MIN,
    };
    static const int precisions[] = {0, 4, 6, 17};
    for (size_t p = 0; p < sizeof precisions / sizeof *precisions; p++)
        for (size_t i = 0; i < sizeof values / sizeof *values; i++) {
            cdn_jw w = CDN_JW_INIT;
            cdn_jw_real(&w, values[i], precisions[p]);
            char *got = cdn_jw_finish(&w), *want = jansson_text(json_real(values[i]), precisions[p]);
            CHECK_STR(got, want);
            free(got); free(want);
        }
}

/* Explanations write multiples of 0.001 (rounded scores and weights): every one below 1000, each
 * way, must print as jansson prints it, ties and carries included. */
static void test_thousandths(void) {
    long bad = 0;
    for (int precision = 3; precision <= 15; precision += precision < 6 ? 1 : 9)
        for (long k = -999999; k <= 999999; k += (k > -20000 && k < 20000) ? 1 : 7) {
            double v = floor((double)k) / 1000;
            char want[48];
            snprintf(want, sizeof want, "%.*g", precision, v);
            if (!strchr(want, '.') && !strchr(want, 'e')) strcat(want, ".0");
            if (strchr(want, 'e')) continue;                /* not written by the fast path */
            cdn_jw w = CDN_JW_INIT;
            cdn_jw_real(&w, v, precision);
            char *got = cdn_jw_finish(&w);
            if (!got || strcmp(got, want) != 0) {
                if (bad++ < 5) fprintf(stderr, "  %.17g at %d: got %s, want %s\n", v, precision, got, want);
            }
            free(got);
        }
    CHECK_INT(bad, 0);
}

static void test_nesting(void) {
    cdn_jw w = CDN_JW_INIT;
    cdn_jw_open_obj(&w);
    cdn_jw_str_member(&w, "entity", "ofac:20157");
    cdn_jw_real_member(&w, "score", 0.97, 4);
    cdn_jw_open_array(&w, "tokens");
    for (int i = 0; i < 2; i++) {
        cdn_jw_open_obj(&w);
        cdn_jw_str_member(&w, "query", i ? "un" : "kim");
        cdn_jw_close_obj(&w);
    }
    cdn_jw_close_array(&w);
    cdn_jw_open_array(&w, "empty");
    cdn_jw_close_array(&w);
    cdn_jw_close_obj(&w);
    char *got = cdn_jw_finish(&w);
    json_t *v = json_pack("{s:s,s:f,s:[{s:s},{s:s}],s:[]}", "entity", "ofac:20157", "score", 0.97, "tokens",
                          "query", "kim", "query", "un", "empty");
    char *want = jansson_text(v, 4);
    CHECK_STR(got, want);
    free(got); free(want);
    cdn_jw empty = CDN_JW_INIT;
    char *nothing = cdn_jw_finish(&empty);
    CHECK_STR(nothing, "");
    free(nothing);
}

/* Keys that need escaping take the writer's general path, in objects and before arrays. */
static void test_odd_keys(void) {
    cdn_jw w = CDN_JW_INIT;
    cdn_jw_open_obj(&w);
    cdn_jw_str_member(&w, "plain", "a");
    cdn_jw_str_member(&w, "quo\"te", "b");
    cdn_jw_open_array(&w, "tab\tkey");
    cdn_jw_sep(&w);
    cdn_jw_string(&w, "c", 1);
    cdn_jw_close_array(&w);
    cdn_jw_str_member(&w, "after", "d");
    cdn_jw_close_obj(&w);
    char *got = cdn_jw_finish(&w);
    json_t *v = json_pack("{s:s,s:s,s:[s],s:s}", "plain", "a", "quo\"te", "b", "tab\tkey", "c",
                          "after", "d");
    char *want = jansson_text(v, 4);
    CHECK_STR(got, want);
    free(got); free(want);
}

int main(void) {
    RUN(test_strings);
    RUN(test_reals);
    RUN(test_thousandths);
    RUN(test_nesting);
    RUN(test_odd_keys);
    return CHECK_DONE();
}
