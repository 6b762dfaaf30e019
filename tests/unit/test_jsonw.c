/* test_jsonw.c — the streaming JSON writer writes what jansson's json_dumps writes for the same values
 * (strings with every kind of escape, reals at several precisions, nesting), byte for byte. */
#include <float.h>
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

int main(void) {
    RUN(test_strings);
    RUN(test_reals);
    RUN(test_nesting);
    return CHECK_DONE();
}
