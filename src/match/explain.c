/* explain.c — turns scores into results an analyst can read: which token met which, and what else counted.
 * Invariant: every match carries both a one-line "why" and the same facts as a JSON explanation.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "match/screen.h"
#include "util/jsonw.h"

/* Explanations are written as a stream (util/jsonw.h), not built as jansson trees: a screening with
 * alerts spent about half its time building and printing those trees. The bytes are the same. */
#define PRECISION 4

static double round3(double x) { return floor(x * 1000 + 0.5) / 1000; }

/* "jong un" for a joined pair (`joined` neighbours more), the token otherwise. */
static void pair_text(const mtok *t, int i, int joined, char *out, size_t cap) {
    size_t n = 0;
    for (int k = i; k <= i + joined && n + 1 < cap; k++) {
        if (k > i) out[n++] = ' ';
        size_t len = (size_t)t[k].len < cap - 1 - n ? (size_t)t[k].len : cap - 1 - n;
        memcpy(out + n, t[k].text, len);
        n += len;
    }
    out[n] = 0;
}

/* A string member; left out when the text is not valid UTF-8 (a token cut at 160 bytes), as jansson
 * refused such strings. */
static void text_member(cdn_jw *w, const char *k, const char *v, size_t len) {
    if (cdn_utf8_invalid_at(v, len) >= 0) return;
    cdn_jw_key(w, k);
    cdn_jw_string(w, v, len);
}

static void unmatched(cdn_jw *w, const char *k, const mtok *t, int n, uint64_t used) {
    cdn_jw_open_array(w, k);
    for (int i = 0; i < n && i < 64; i++)
        if (!(used >> i & 1) && cdn_utf8_invalid_at(t[i].text, (size_t)t[i].len) < 0) {
            cdn_jw_sep(w);
            cdn_jw_string(w, t[i].text, (size_t)t[i].len);
        }
    cdn_jw_close_array(w);
}

const mtok *cdn_qform_written(const cdn_qforms *qf, int form) {
    return form > 0 && qf->scheme[form] == CDN_SCHEME_NICKNAME && qf->n[0] == qf->n[form] ? &qf->t[qf->first[0]]
                                                                                        : NULL;
}

/* Whether token i of a side (`joined` neighbours more) was read as a nickname's full name. */
static int read_as_full(cdn_shown side, int i, int joined) {
    return side.written && !joined && !(side.written[i].len == side.t[i].len &&
                                        !memcmp(side.written[i].text, side.t[i].text, side.t[i].len));
}

/* A pair's text on one side as written, and the name it was read as when that differs. */
static void side_texts(cdn_shown side, int i, int joined, char *shown, char *read_as, size_t cap) {
    int nick = read_as_full(side, i, joined);
    pair_text(nick ? side.written : side.t, i, joined, shown, cap);
    read_as[0] = 0;
    if (nick) pair_text(side.t, i, joined, read_as, cap);
}

/* How a pair met, told as the user reads it: an exact match through a nickname is the nickname's. */
static const char *shown_how(const cdn_pair *p, const char *q_read_as, const char *l_read_as) {
    return p->how == HOW_EXACT && (q_read_as[0] || l_read_as[0]) ? "nickname" : cdn_how_name(p->how);
}

void cdn_explain_alignment(cdn_jw *w, cdn_shown q, cdn_shown l, const cdn_align *al) {
    cdn_jw_open_array(w, "tokens");
    for (int k = 0; k < al->n_pairs; k++) {
        const cdn_pair *p = &al->pairs[k];
        char qt[160], lt[160], q_as[160], l_as[160];
        side_texts(q, p->qi, p->q_joined, qt, q_as, sizeof qt);
        side_texts(l, p->li, p->l_joined, lt, l_as, sizeof lt);
        cdn_jw_open_obj(w);
        text_member(w, "query", qt, strlen(qt));
        if (q_as[0]) text_member(w, "query_read_as", q_as, strlen(q_as));
        text_member(w, "list", lt, strlen(lt));
        if (l_as[0]) text_member(w, "list_read_as", l_as, strlen(l_as));
        cdn_jw_str_member(w, "how", shown_how(p, q_as, l_as));
        cdn_jw_real_member(w, "similarity", round3(p->sim), PRECISION);
        cdn_jw_real_member(w, "weight", round3(q.t[p->qi].w), PRECISION);
        cdn_jw_close_obj(w);
    }
    cdn_jw_close_array(w);
    cdn_jw_real_member(w, "query_coverage", round3(al->wq > 0 ? al->mq / al->wq : 0), PRECISION);
    cdn_jw_real_member(w, "list_coverage", round3(al->wl > 0 ? al->ml / al->wl : 0), PRECISION);
}

/* Appends s (n bytes) at out + o as snprintf would there: cut to the room left, NUL-ended; returns
 * where the next piece goes, as if nothing had been cut. */
static size_t put(char *out, size_t cap, size_t o, const char *s, size_t n) {
    if (o < cap) {
        size_t k = n < cap - o - 1 ? n : cap - o - 1;
        memcpy(out + o, s, k);
        out[o + k] = 0;
    }
    return o + n;
}

void cdn_why_alignment(cdn_shown q, cdn_shown l, const cdn_align *al, char *out, size_t cap) {
    size_t o = 0;
    out[0] = 0;
    for (int k = 0; k < al->n_pairs && o + 1 < cap; k++) {
        const cdn_pair *p = &al->pairs[k];
        char qt[160], lt[160], q_as[160], l_as[160];
        side_texts(q, p->qi, p->q_joined, qt, q_as, sizeof qt);
        if (k) o = put(out, cap, o, ", ", 2);
        o = put(out, cap, o, qt, strlen(qt));
        side_texts(l, p->li, p->l_joined, lt, l_as, sizeof lt);
        if (p->how == HOW_EXACT && !q_as[0] && !l_as[0]) continue;
        const char *how = shown_how(p, q_as, l_as);
        o = put(out, cap, o, "~", 1);
        o = put(out, cap, o, lt, strlen(lt));
        o = put(out, cap, o, " (", 2);
        o = put(out, cap, o, how, strlen(how));
        o = put(out, cap, o, ")", 1);
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
    al.full_evidence = cdn_full_evidence(ix);
    al.list_initials = cdn_kind_has_initials(e->kind);
    int nl = 0, nq = 0;
    const mtok *qt = s->qf.t;
    cdn_shown q_shown = { qt, NULL }, l_shown = { lt, NULL };
    mtok l_written[CDN_MAX_TOKENS];
    if (h->best.score > 0) {
        const cdn_ix_form *lf = &ix->forms[h->best.lform];
        nl = cdn_list_form(ix, lf, lt);
        qt = &s->qf.t[s->qf.first[h->best.qform]];
        nq = s->qf.n[h->best.qform];
        cdn_align_forms(qt, nq, lt, nl, NULL, &al);
        q_shown = (cdn_shown){ qt, cdn_qform_written(&s->qf, h->best.qform) };
        /* A list name read through its nicknames: its first form is the name as written. */
        if (lf->scheme == CDN_SCHEME_NICKNAME && h->best.lform != nm->first_form &&
            cdn_list_form(ix, &ix->forms[nm->first_form], l_written) == nl)
            l_shown.written = l_written;
    }
    cdn_evidence ev[5];
    int n_ev = 0, ident = 0;
    cdn_evidence_score(ix, e, facts, ev, &n_ev, &ident);
    cdn_jw w = CDN_JW_INIT;
    cdn_jw_open_obj(&w);
    cdn_explain_alignment(&w, q_shown, l_shown, &al);
    unmatched(&w, "unmatched_query", qt, nq, al.q_used);
    unmatched(&w, "unmatched_list", lt, nl, al.l_used);
    cdn_jw_real_member(&w, "name_score", round3(h->best.score), PRECISION);
    cdn_jw_str_member(&w, "matched_name", cdn_ix_str(ix, nm->text));
    cdn_jw_str_member(&w, "name_type", name_types[nm->type < 5 ? nm->type : 1]);
    cdn_jw_str_member(&w, "query_form", cdn_scheme_name(s->qf.scheme[h->best.qform]));
    cdn_jw_str_member(&w, "list_form", cdn_scheme_name(ix->forms[h->best.lform].scheme));
    cdn_jw_open_array(&w, "evidence");
    char why[1024], tail[512];
    cdn_why_alignment(q_shown, l_shown, &al, why, sizeof why);
    size_t o = strlen(why);
    for (int i = 0; i < n_ev; i++) {
        cdn_jw_open_obj(&w);
        cdn_jw_str_member(&w, "field", field_names[ev[i].field]);
        cdn_jw_real_member(&w, "effect", round3(ev[i].effect), PRECISION);
        text_member(&w, "detail", ev[i].detail, strlen(ev[i].detail));
        cdn_jw_close_obj(&w);
        snprintf(tail, sizeof tail, "; %s%s", ev[i].detail,
                 ev[i].effect > 0 ? " (+)" : ev[i].effect < 0 ? " (-)" : "");
        if (o + strlen(tail) < sizeof why) { memcpy(why + o, tail, strlen(tail) + 1); o += strlen(tail); }
    }
    cdn_jw_close_array(&w);
    cdn_jw_real_member(&w, "score", round3(h->score), PRECISION);
    cdn_jw_close_obj(&w);
    m->explanation_json = cdn_jw_finish(&w);
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

/* A string member of a match, left out when absent or not valid UTF-8, as jansson did. */
static void match_member(cdn_jw *w, const char *k, const char *v) {
    if (v) text_member(w, k, v, strlen(v));
}

/* One match object; the explanation is already JSON text and is spliced in as it is. */
static void match_json(cdn_jw *w, const cordon_match *m) {
    cdn_jw_open_obj(w);
    match_member(w, "entity", m->entity_id);
    cdn_jw_real_member(w, "score", m->score, PRECISION);
    match_member(w, "name", m->caption);
    match_member(w, "matched_name", m->matched_name);
    match_member(w, "list", m->list);
    match_member(w, "list_date", m->list_date);
    match_member(w, "kind", cordon_kind_name(m->kind));
    match_member(w, "why", m->why);
    cdn_jw_key(w, "explanation");
    const char *x = m->explanation_json ? m->explanation_json : "{}";
    cdn_jw_raw(w, x, strlen(x));
    cdn_jw_close_obj(w);
}

cordon_rc cordon_result_json(const cordon_result *r, char **json) {
    *json = NULL;
    if (!r) return CORDON_ERR_ARG;
    cdn_jw w = CDN_JW_INIT;
    cdn_jw_open_array(&w, NULL);
    for (size_t i = 0; i < r->n_matches; i++) match_json(&w, &r->matches[i]);
    cdn_jw_close_array(&w);
    *json = cdn_jw_finish(&w);
    return *json ? CORDON_OK : CORDON_ERR_NOMEM;
}
