/* compare.c — scoring two names against each other (cordon_compare), and showing an analysis (normalize).
 * Invariant: compare scores name1 as a query against name2 as a list name, with the screener's rules.
 */
#include <jansson.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "match/screen.h"
#include "util/jsonw.h"

cordon_rc cordon_compare(cordon_screener *s, cordon_kind kind, const char *name1, const char *name2,
                         double *score, char **explanation_json) {
    if (explanation_json) *explanation_json = NULL;
    *score = 0;
    if (!s || !name1 || !name2) return CORDON_ERR_ARG;
    if (cdn_analyze(s->text, name1, strlen(name1), kind, &s->qa) != CORDON_OK ||
        cdn_analyze(s->text, name2, strlen(name2), kind, &s->qa2) != CORDON_OK) {
        snprintf(s->errmsg, sizeof s->errmsg, "name: not valid UTF-8");
        return CORDON_ERR_INPUT;
    }
    cdn_qforms_load(&s->qf, s->ix, &s->qa);
    cdn_qforms_load(&s->qf2, s->ix, &s->qa2);
    cdn_align al, best_al;
    int bq = -1, bl = -1;
    memset(&best_al, 0, sizeof best_al);
    al.full_evidence = cdn_full_evidence(s->ix);
    al.list_initials = cdn_kind_has_initials(kind);
    for (int q = 0; q < s->qf.n_forms; q++)
        for (int l = 0; l < s->qf2.n_forms; l++) {
            cdn_align_forms(&s->qf.t[s->qf.first[q]], s->qf.n[q], &s->qf2.t[s->qf2.first[l]], s->qf2.n[l],
                            NULL, &al);
            al.score *= cdn_scheme_confidence(s->qf.scheme[q]) * cdn_scheme_confidence(s->qf2.scheme[l]);
            if (bq < 0 || al.score > best_al.score) { best_al = al; bq = q; bl = l; }
        }
    /* Two names in Hangul (or both in Han) are compared in that script too: what romanizes alike
     * may be another name. */
    uint32_t c1[32], c2[32];
    int script1, script2;
    size_t n1 = cdn_native_chars(name1, strlen(name1), c1, 32, &script1);
    size_t n2 = cdn_native_chars(name2, strlen(name2), c2, 32, &script2);
    int native_conflict = n1 && n2 && script1 == script2 && !cdn_native_compatible(c1, n1, c2, n2);
    if (native_conflict) best_al.score = best_al.score + CDN_NATIVE_CONFLICT > 0 ? best_al.score + CDN_NATIVE_CONFLICT : 0;
    *score = floor(best_al.score * 1000 + 0.5) / 1000;
    if (!explanation_json) return CORDON_OK;
    cdn_jw w = CDN_JW_INIT;
    cdn_jw_open_obj(&w);
    if (bq >= 0) {
        cdn_shown q = { &s->qf.t[s->qf.first[bq]], cdn_qform_written(&s->qf, bq) };
        cdn_shown l = { &s->qf2.t[s->qf2.first[bl]], cdn_qform_written(&s->qf2, bl) };
        cdn_explain_alignment(&w, q, l, &best_al);
        cdn_jw_str_member(&w, "query_form", cdn_scheme_name(s->qf.scheme[bq]));
        cdn_jw_str_member(&w, "list_form", cdn_scheme_name(s->qf2.scheme[bl]));
    }
    if (native_conflict)
        cdn_jw_str_member(&w, "native_script", script1 == CDN_SCRIPT_HANGUL ? "the Hangul spellings differ"
                                                                            : "the Han characters differ");
    cdn_jw_real_member(&w, "score", *score, 4);
    cdn_jw_close_obj(&w);
    *explanation_json = cdn_jw_finish(&w);
    return *explanation_json ? CORDON_OK : CORDON_ERR_NOMEM;
}

static json_t *flags_json(uint8_t f) {
    static const char *const names[] = {"legal_form", "generic", "particle", "patronymic", "surname", "initial",
                                        "number", "hyphened"};
    json_t *a = json_array();
    for (int i = 0; i < 8; i++)
        if (f >> i & 1) json_array_append_new(a, json_string(names[i]));
    return a;
}

cordon_rc cordon_normalize_json(cordon_screener *s, cordon_kind kind, const char *name, char **json) {
    *json = NULL;
    if (!s || !name) return CORDON_ERR_ARG;
    cordon_rc rc = cdn_analyze(s->text, name, strlen(name), kind, &s->qa);
    if (rc != CORDON_OK) {
        snprintf(s->errmsg, sizeof s->errmsg, "name: %s", rc == CORDON_ERR_INPUT ? "not valid UTF-8" : cdn_text_errmsg(s->text));
        return rc;
    }
    const cdn_analysis *an = &s->qa;
    json_t *o = json_object(), *forms = json_array();
    json_object_set_new(o, "input", json_string(name));
    json_object_set_new(o, "script", json_string(cdn_script_name(an->script)));
    if (an->unread)     /* words nothing could read: they give no token and are not screened */
        json_object_set_new(o, "unread", json_string(an->buf + an->unread_text));
    for (size_t f = 0; f < an->n_forms; f++) {
        json_t *fo = json_object(), *toks = json_array();
        json_object_set_new(fo, "scheme", json_string(cdn_scheme_name(an->forms[f].scheme)));
        for (uint32_t k = 0; k < an->forms[f].n; k++) {
            const cdn_token *t = &an->tokens[an->forms[f].first + k];
            json_t *to = json_object();
            json_object_set_new(to, "text", json_string(cdn_tok_text(an, t)));
            json_object_set_new(to, "key", json_string(cdn_tok_key(an, t)));
            json_object_set_new(to, "skeleton", json_string(cdn_tok_skel(an, t)));
            json_object_set_new(to, "script", json_string(cdn_script_name(t->script)));
            json_object_set_new(to, "flags", flags_json(t->flags));
            if (s->ix) {
                long term = cdn_ix_find_term(s->ix, cdn_tok_text(an, t), t->len);
                json_object_set_new(to, "rarity", json_real(term >= 0 ? s->ix->terms[term].weight : s->ix->meta.max_weight));
            }
            json_array_append_new(toks, to);
        }
        json_object_set_new(fo, "tokens", toks);
        json_array_append_new(forms, fo);
    }
    json_object_set_new(o, "forms", forms);
    *json = json_dumps(o, JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(4));
    json_decref(o);
    return *json ? CORDON_OK : CORDON_ERR_NOMEM;
}
