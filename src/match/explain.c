/* explain.c — turns scores into results an analyst can read: which token met which, and what else counted.
 * Invariant: every match carries both a one-line "why" and the same facts as a JSON explanation.
 */
#include <jansson.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "match/screen.h"

static double round3(double x) { return floor(x * 1000 + 0.5) / 1000; }

/* "jong un" for a joined pair, the token otherwise. */
static void pair_text(const mtok *t, int i, int joined, char *out, size_t cap) {
    if (joined) snprintf(out, cap, "%.*s %.*s", t[i].len, t[i].text, t[i + 1].len, t[i + 1].text);
    else snprintf(out, cap, "%.*s", t[i].len, t[i].text);
}

static json_t *unmatched(const mtok *t, int n, uint64_t used) {
    json_t *a = json_array();
    for (int i = 0; i < n && i < 64; i++)
        if (!(used >> i & 1)) json_array_append_new(a, json_stringn(t[i].text, t[i].len));
    return a;
}

json_t *cdn_explain_alignment(const mtok *q, const mtok *l, const cdn_align *al) {
    json_t *o = json_object(), *toks = json_array();
    for (int k = 0; k < al->n_pairs; k++) {
        const cdn_pair *p = &al->pairs[k];
        char qt[160], lt[160];
        pair_text(q, p->qi, p->q_joined, qt, sizeof qt);
        pair_text(l, p->li, p->l_joined, lt, sizeof lt);
        json_t *x = json_object();
        json_object_set_new(x, "query", json_string(qt));
        json_object_set_new(x, "list", json_string(lt));
        json_object_set_new(x, "how", json_string(cdn_how_name(p->how)));
        json_object_set_new(x, "similarity", json_real(round3(p->sim)));
        json_object_set_new(x, "weight", json_real(round3(q[p->qi].w)));
        json_array_append_new(toks, x);
    }
    json_object_set_new(o, "tokens", toks);
    json_object_set_new(o, "query_coverage", json_real(round3(al->wq > 0 ? al->mq / al->wq : 0)));
    json_object_set_new(o, "list_coverage", json_real(round3(al->wl > 0 ? al->ml / al->wl : 0)));
    return o;
}

void cdn_why_alignment(const mtok *q, const mtok *l, const cdn_align *al, char *out, size_t cap) {
    size_t o = 0;
    out[0] = 0;
    for (int k = 0; k < al->n_pairs && o + 1 < cap; k++) {
        const cdn_pair *p = &al->pairs[k];
        char qt[160], lt[160];
        pair_text(q, p->qi, p->q_joined, qt, sizeof qt);
        pair_text(l, p->li, p->l_joined, lt, sizeof lt);
        int w = p->how == HOW_EXACT ? snprintf(out + o, cap - o, "%s%s", k ? ", " : "", qt)
                                    : snprintf(out + o, cap - o, "%s%s~%s (%s)", k ? ", " : "", qt, lt, cdn_how_name(p->how));
        if (w < 0) break;
        o += (size_t)w;
    }
    if (o >= cap) out[cap - 1] = 0;
}

static const char *const field_names[] = {"dob", "country", "kind", "identifier", "name_type", "native_script"};
static const char *const name_types[] = {"primary", "alias", "weak_alias", "former", "original_script"};

/* Explanation and why-line of one hit, re-running the alignment of its best forms. */
static int explain_hit(cordon_screener *s, const cdn_hit *h, const cdn_query_facts *facts, cordon_match *m) {
    const cordon_index *ix = s->ix;
    const cdn_ix_entity *e = &ix->entities[h->ent];
    const cdn_ix_name *nm = &ix->names[h->best.name];
    mtok lt[CDN_MAX_TOKENS];
    cdn_align al;
    memset(&al, 0, sizeof al);
    int nl = 0, nq = 0;
    const mtok *qt = s->qf.t;
    if (h->best.score > 0) {
        nl = cdn_list_form(ix, &ix->forms[h->best.lform], lt);
        qt = &s->qf.t[s->qf.first[h->best.qform]];
        nq = s->qf.n[h->best.qform];
        cdn_align_forms(qt, nq, lt, nl, NULL, &al);
    }
    cdn_evidence ev[5];
    int n_ev = 0, ident = 0;
    cdn_evidence_score(ix, e, facts, ev, &n_ev, &ident);
    json_t *x = cdn_explain_alignment(qt, lt, &al);
    json_object_set_new(x, "unmatched_query", unmatched(qt, nq, al.q_used));
    json_object_set_new(x, "unmatched_list", unmatched(lt, nl, al.l_used));
    json_object_set_new(x, "name_score", json_real(round3(h->best.score)));
    json_object_set_new(x, "matched_name", json_string(cdn_ix_str(ix, nm->text)));
    json_object_set_new(x, "name_type", json_string(name_types[nm->type < 5 ? nm->type : 1]));
    json_object_set_new(x, "query_form", json_string(cdn_scheme_name(s->qf.scheme[h->best.qform])));
    json_object_set_new(x, "list_form", json_string(cdn_scheme_name(ix->forms[h->best.lform].scheme)));
    json_t *evs = json_array();
    char why[1024], tail[512];
    cdn_why_alignment(qt, lt, &al, why, sizeof why);
    size_t o = strlen(why);
    for (int i = 0; i < n_ev; i++) {
        json_t *v = json_object();
        json_object_set_new(v, "field", json_string(field_names[ev[i].field]));
        json_object_set_new(v, "effect", json_real(round3(ev[i].effect)));
        json_object_set_new(v, "detail", json_string(ev[i].detail));
        json_array_append_new(evs, v);
        snprintf(tail, sizeof tail, "; %s%s", ev[i].detail,
                 ev[i].effect > 0 ? " (+)" : ev[i].effect < 0 ? " (-)" : "");
        if (o + strlen(tail) < sizeof why) { memcpy(why + o, tail, strlen(tail) + 1); o += strlen(tail); }
    }
    json_object_set_new(x, "evidence", evs);
    json_object_set_new(x, "score", json_real(round3(h->score)));
    m->explanation_json = json_dumps(x, JSON_COMPACT | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(4));
    json_decref(x);
    m->why = strdup(why);
    m->entity_id = cdn_ix_str(ix, e->id);
    m->caption = cdn_ix_str(ix, e->caption);
    m->matched_name = cdn_ix_str(ix, nm->text);
    m->list = cdn_ix_str(ix, ix->sources[e->source].name);
    m->list_date = cdn_ix_str(ix, ix->sources[e->source].list_date);
    m->kind = (cordon_kind)e->kind;
    m->score = round3(h->score);
    return m->explanation_json && m->why ? 0 : -1;
}

cordon_rc cdn_make_result(cordon_screener *s, const cdn_query_facts *facts, cordon_result **out) {
    cordon_result *r = calloc(1, sizeof *r);
    if (!r) return CORDON_ERR_NOMEM;
    r->candidates = s->n_cands;
    if (s->n_hits && !(r->matches = calloc(s->n_hits, sizeof *r->matches))) { free(r); return CORDON_ERR_NOMEM; }
    for (size_t i = 0; i < s->n_hits; i++) {
        r->n_matches++;
        if (explain_hit(s, &s->hits[i], facts, &r->matches[i])) { cordon_result_free(r); return CORDON_ERR_NOMEM; }
    }
    *out = r;
    return CORDON_OK;
}

void cordon_result_free(cordon_result *r) {
    if (!r) return;
    for (size_t i = 0; i < r->n_matches; i++) {
        free((char *)r->matches[i].why);
        free((char *)r->matches[i].explanation_json);
    }
    free(r->matches);
    free(r);
}

/* One match object without its explanation, which the caller splices in: the explanation is already
 * JSON text, and parsing it again only to print it would cost more than the screening. */
static char *match_head(const cordon_match *m) {
    json_t *o = json_object();
    json_object_set_new(o, "entity", json_string(m->entity_id));
    json_object_set_new(o, "score", json_real(m->score));
    json_object_set_new(o, "name", json_string(m->caption));
    json_object_set_new(o, "matched_name", json_string(m->matched_name));
    json_object_set_new(o, "list", json_string(m->list));
    json_object_set_new(o, "list_date", json_string(m->list_date));
    json_object_set_new(o, "kind", json_string(cordon_kind_name(m->kind)));
    json_object_set_new(o, "why", json_string(m->why));
    char *s = json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(4));
    json_decref(o);
    return s;
}

cordon_rc cordon_result_json(const cordon_result *r, char **json) {
    *json = NULL;
    if (!r) return CORDON_ERR_ARG;
    size_t cap = 64, n = 0;
    char *out = malloc(cap);
    if (!out) return CORDON_ERR_NOMEM;
    out[n++] = '[';
    for (size_t i = 0; i < r->n_matches; i++) {
        char *head = match_head(&r->matches[i]);
        if (!head) { free(out); return CORDON_ERR_NOMEM; }
        const char *x = r->matches[i].explanation_json ? r->matches[i].explanation_json : "{}";
        size_t hl = strlen(head), xl = strlen(x), need = n + hl + xl + 32;
        if (need > cap) {
            while (cap < need) cap *= 2;
            char *p = realloc(out, cap);
            if (!p) { free(head); free(out); return CORDON_ERR_NOMEM; }
            out = p;
        }
        if (i) out[n++] = ',';
        memcpy(out + n, head, hl - 1);                 /* "{…}" without its closing brace */
        n += hl - 1;
        memcpy(out + n, ",\"explanation\":", 15);
        n += 15;
        memcpy(out + n, x, xl);
        n += xl;
        out[n++] = '}';
        free(head);
    }
    out[n++] = ']';
    out[n] = 0;
    *json = out;
    return CORDON_OK;
}
