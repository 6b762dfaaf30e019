/* analysis_helpers.h — one analysis at a time for the name-layer tests: analyze a name, spell out
 * its forms. Must stay true: helpers only look, never change what a test checks.
 */
#ifndef CDN_TEST_ANALYSIS_HELPERS_H
#define CDN_TEST_ANALYSIS_HELPERS_H

#include <stdint.h>
#include <string.h>
#include "text/text.h"

static cdn_text *T;                            /* the test's handle, opened in main */
static cdn_analysis A = { .open_form = -1 };   /* the last analysis */

static inline int analyze(const char *s, cordon_kind kind)
{
    return cdn_analyze(T, s, strlen(s), kind, &A);
}

/* Form f's token texts joined by spaces (a static buffer). */
static inline const char *form_str(size_t f)
{
    static char buf[1024];
    size_t o = 0;
    buf[0] = 0;
    if (f >= A.n_forms) return "(no form)";
    for (uint32_t i = 0; i < A.forms[f].n; i++) {
        const char *s = cdn_tok_text(&A, &A.tokens[A.forms[f].first + i]);
        size_t l = strlen(s);
        if (o + l + 2 >= sizeof buf) break;
        if (o) buf[o++] = ' ';
        memcpy(buf + o, s, l + 1);
        o += l;
    }
    return buf;
}

/* Whether some form of the analysed name is exactly `want`. */
static inline int has_form(const char *want)
{
    for (size_t f = 0; f < A.n_forms; f++) if (strcmp(form_str(f), want) == 0) return 1;
    return 0;
}

#endif
