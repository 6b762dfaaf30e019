/* text_helpers.h — what the name-layer script tests share: spelling out an analysis's forms, folding
 * Latin names, loading the UK list. Must stay true: helpers only look, never change what a test checks.
 */
#ifndef CDN_TEST_TEXT_HELPERS_H
#define CDN_TEST_TEXT_HELPERS_H

#include <ctype.h>
#include "../check.h"
#include "text/text.h"
#include "ingest/ingest.h"

/* Splits `name` at spaces into toks (up to 16, in a static buffer: one name at a time) and makes
 * an a fresh analysis for a script module to add forms to; returns the number of tokens. */
static inline size_t split_for_module(const char *name, const char *toks[16], cdn_analysis *an)
{
    static char buf[512];
    size_t n = 0;
    snprintf(buf, sizeof buf, "%s", name);
    for (char *p = strtok(buf, " "); p && n < 16; p = strtok(NULL, " ")) toks[n++] = p;
    memset(an, 0, sizeof *an);
    an->open_form = -1;
    return n;
}

/* The tokens of form f joined by spaces. */
static inline void form_text(const cdn_analysis *an, const cdn_form *f, char *out, size_t cap)
{
    size_t at = 0;
    out[0] = 0;
    for (size_t i = f->first; i < (size_t)f->first + f->n; i++) {
        int w = snprintf(out + at, cap - at, "%s%s", at ? " " : "", cdn_tok_text(an, &an->tokens[i]));
        if (w < 0 || (size_t)w >= cap - at) return;
        at += (size_t)w;
    }
}

/* The form spelled `want` (scheme < 0: any scheme), or NULL. */
static inline const cdn_form *find_form(const cdn_analysis *an, int scheme, const char *want)
{
    char text[512];
    for (size_t i = 0; i < an->n_forms; i++) {
        form_text(an, &an->forms[i], text, sizeof text);
        if ((scheme < 0 || an->forms[i].scheme == scheme) && strcmp(text, want) == 0)
            return &an->forms[i];
    }
    return NULL;
}

static inline void dump_forms(const cdn_analysis *an, const char *name)
{
    char text[512];
    fprintf(stderr, "    forms of %s:", name);
    for (size_t i = 0; i < an->n_forms; i++) {
        form_text(an, &an->forms[i], text, sizeof text);
        fprintf(stderr, " [%s: %s]", cdn_scheme_name(an->forms[i].scheme), text);
    }
    fprintf(stderr, "\n");
}

/* Lowercase letters of a Latin name, other runs as one space ("KIM YONG-BOK" → "kim yong bok"). */
static inline void fold_latin(const char *in, char *out, size_t cap)
{
    size_t n = 0;
    for (; *in && n + 2 < cap; in++) {
        if (isalpha((unsigned char)*in)) out[n++] = (char)tolower((unsigned char)*in);
        else if (n && out[n - 1] != ' ') out[n++] = ' ';
    }
    while (n && out[n - 1] == ' ') n--;
    out[n] = 0;
}

/* Reads the real UK ConList into set (checked); 0 when the list is not there (the test is then
 * skipped and set is untouched). */
static inline int load_uk_conlist(cdn_set *set)
{
    const char *path = check_list_path("uk_ofsi-2025-04-14/ConList.csv");
    FILE *probe = fopen(path, "rb");
    if (!probe) { fprintf(stderr, "    skipped: %s not found\n", path); return 0; }
    fclose(probe);
    CHECK_INT(cdn_set_init(set), CORDON_OK);
    CHECK_INT(cdn_ingest_path(set, path, NULL), CORDON_OK);
    return 1;
}

/* The first primary name of e, or NULL. */
static inline const char *primary_name(const cdn_entity *e)
{
    for (uint32_t k = 0; k < e->names.n; k++)
        if (e->names.v[k].type == CDN_NAME_PRIMARY) return e->names.v[k].full;
    return NULL;
}

#endif /* CDN_TEST_TEXT_HELPERS_H */
