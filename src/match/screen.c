/* screen.c — screening one query: candidates from the index, every candidate scored, the best explained.
 * Invariant: candidate pruning only drops entities that could not reach the threshold (prefix filter).
 */
#include <stdlib.h>
#include <math.h>
#include <string.h>
#include "match/screen.h"
#include "util/prefetch.h"
#include "util/table.h"

static int form_sums_init(cordon_screener *s);

cordon_rc cordon_screener_open(const cordon_index *ix, cordon_screener **out) {
    *out = NULL;
    if (ix && !ix->map) return CORDON_ERR_ARG;
    cordon_screener *s = calloc(1, sizeof *s);
    if (!s) return CORDON_ERR_NOMEM;
    s->ix = ix;
    cordon_rc rc = cdn_text_open(&s->text);
    if (rc == CORDON_OK && ix && (cdn_candidates_init(s) || form_sums_init(s))) rc = CORDON_ERR_NOMEM;
    cdn_memo_reset(&s->memo);
    if (rc == CORDON_OK && !s->memo.slots) rc = CORDON_ERR_NOMEM;
    if (rc != CORDON_OK) { cordon_screener_close(s); return rc; }
    *out = s;
    return CORDON_OK;
}

const char *cordon_screener_errmsg(const cordon_screener *s) { return s ? s->errmsg : "no screener"; }

void cordon_screener_close(cordon_screener *s) {
    if (!s) return;
    cdn_text_close(s->text);
    cdn_analysis_free(&s->qa);
    cdn_analysis_free(&s->qa2);
    cdn_memo_free(&s->memo);
    if (s->ix) cdn_candidates_free(s);
    free(s->form_sum);
    free(s->tok_w);
    free(s->hits);
    free(s);
}

/* ---- Query tokens ------------------------------------------------------------------------- */

/* A person's name part that other names use as a legal form or company word: every kind spells
 * "PAO, Yu Yi" as "jsc yu yi", but there "jsc" is Mr Pao's surname, and how often companies are JSCs
 * says nothing of how rare it is. It weighs as a rare name part then. */
#define COMPANY_WORD_IN_PERSON_NAME 0.75f      /* of the rarest term's weight */

static float term_rarity(const cordon_index *ix, const cdn_ix_term *t, uint8_t tok_flags) {
    const uint8_t company = CDN_TOK_LEGAL_FORM | CDN_TOK_GENERIC;
    if (t->flags & company && !(tok_flags & company))
        return fmaxf(t->weight, COMPANY_WORD_IN_PERSON_NAME * ix->meta.max_weight);
    return t->weight;
}

/* Each query token's list term (the one it equals, or -1) and weight: how rare it is among list
 * names, times what it is. The distinct tokens (qid: their own number) are looked up together. */
static void weigh_tokens(cdn_qforms *qf, const cordon_index *ix) {
    const char *text[CDN_MAX_FORMS * CDN_MAX_TOKENS];
    size_t len[CDN_MAX_FORMS * CDN_MAX_TOKENS], n = 0;
    long term[CDN_MAX_FORMS * CDN_MAX_TOKENS];
    for (int i = 0; ix && i < qf->n_toks; i++)
        if (qf->t[i].qid == i) { text[n] = qf->t[i].text; len[n++] = qf->t[i].len; }
    if (ix) cdn_ix_find_terms(ix, text, len, n, term);
    n = 0;
    for (int i = 0; i < qf->n_toks; i++) {
        mtok *m = &qf->t[i];
        if (m->qid != i) { m->term = qf->t[m->qid].term; m->w = qf->t[m->qid].w; continue; }
        long t = ix ? term[n++] : -1;
        float rarity = !ix ? 1.0f : t >= 0 ? term_rarity(ix, &ix->terms[t], m->flags) : ix->meta.max_weight;
        m->term = (int32_t)t;
        m->w = cdn_token_weight(rarity, m->flags);
    }
}

/* Turns an analysis into scorer tokens, form by form. */
void cdn_qforms_load(cdn_qforms *qf, const cordon_index *ix, const cdn_analysis *an) {
    qf->n_forms = 0; qf->n_toks = 0;
    for (size_t f = 0; f < an->n_forms && qf->n_forms < CDN_MAX_FORMS; f++) {
        const cdn_form *fm = &an->forms[f];
        if (!fm->n) continue;
        qf->first[qf->n_forms] = qf->n_toks;
        qf->scheme[qf->n_forms] = fm->scheme;
        int n = 0;
        for (uint32_t k = 0; k < fm->n && n < CDN_MAX_TOKENS; k++, n++) {
            const cdn_token *t = &an->tokens[fm->first + k];
            mtok *m = &qf->t[qf->n_toks + n];
            m->text = cdn_tok_text(an, t); m->key = cdn_tok_key(an, t); m->skel = cdn_tok_skel(an, t);
            m->len = t->len; m->flags = t->flags; m->script = t->script; m->initials = t->initials;
            m->qid = qf->n_toks + n;               /* unless the same token came in an earlier form */
            for (int j = 0; j < qf->n_toks + n; j++) {
                const mtok *o = &qf->t[j];
                if (o->len == m->len && o->flags == m->flags && memcmp(o->text, m->text, m->len) == 0) {
                    m->qid = o->qid;
                    break;
                }
            }
        }
        qf->n[qf->n_forms++] = n;
        qf->n_toks += n;
    }
    weigh_tokens(qf, ix);
    qf->plain = 0;
    for (int f = 0; f < qf->n_forms; f++) {
        cdn_bound_side_init(&qf->side[f], &qf->t[qf->first[f]], qf->n[f]);
        if (qf->side[f].plain) qf->plain |= 1u << f;
    }
}

/* The tokens of one index form, as scorer tokens. */
int cdn_list_form(const cordon_index *ix, const cdn_ix_form *f, mtok *out) {
    int n = f->n_toks < CDN_MAX_TOKENS ? f->n_toks : CDN_MAX_TOKENS;
    for (int k = 0; k < n; k++) {
        const cdn_ix_ntok *nt = &ix->ntoks[f->first_tok + k];
        const cdn_ix_term *t = &ix->terms[nt->term];
        out[k] = (mtok){ cdn_ix_str(ix, t->text), cdn_ix_str(ix, t->key), cdn_ix_str(ix, t->skel), t->len,
                         nt->flags, nt->script, 0, cdn_token_weight(term_rarity(ix, t, nt->flags), nt->flags),
                         (int32_t)nt->term, -1 };
    }
    return n;
}

/* The joined terms of an index form's neighbours (cdn_ix_ntok.joined) into joined[0 .. n); returns
 * the tokens whose term some name spells as a number, which a joined lookup may not rate. */
static uint64_t list_joins(const cordon_index *ix, const cdn_ix_form *f, int n, uint32_t *joined) {
    uint64_t unsure = 0;
    for (int k = 0; k < n; k++) {
        const cdn_ix_ntok *nt = &ix->ntoks[f->first_tok + k];
        joined[k] = nt->joined;
        if (ix->terms[nt->term].flags & CDN_TOK_NUMBER) unsure |= 1ULL << k;
    }
    return unsure;
}

/* ---- Scoring one entity ------------------------------------------------------------------- */

/* Weak aliases (OFAC's remark a.k.a.s, UN "Low" quality) are often short or generic. */
#define WEAK_ALIAS_FACTOR 0.95f

/* The query forms the candidate pass did not prove too weak for entity ent, given the best so far. */
static unsigned live_qforms(const cordon_screener *s, uint32_t ent, float best) {
    float floor = best > s->bound_floor ? best : s->bound_floor;
    unsigned live = 0;
    for (int q = 0; q < s->qf.n_forms; q++)
        if (!cdn_entity_form_bounded(s, ent, q, floor)) live |= 1u << q;
    return live;
}

/* Fetches ahead the term records of an entity's list tokens (up to a cache's worth): each lies
 * elsewhere in the index, and cdn_list_form reads them one form after another, so that their
 * misses would come one form at a time. */
#define FETCH_TERMS_MAX 64
static void fetch_list_terms(const cordon_index *ix, const cdn_ix_entity *e) {
    int fetched = 0;
    for (uint32_t n = 0; n < e->n_names && fetched < FETCH_TERMS_MAX; n++) {
        const cdn_ix_name *nm = &ix->names[e->first_name + n];
        for (uint32_t f = 0; f < nm->n_forms && fetched < FETCH_TERMS_MAX; f++) {
            const cdn_ix_form *xf = &ix->forms[nm->first_form + f];
            for (uint32_t k = 0; k < xf->n_toks && fetched < FETCH_TERMS_MAX; k++, fetched++)
                cdn_prefetch(&ix->terms[ix->ntoks[xf->first_tok + k].term]);
        }
    }
}

/* A list form's weight less what skipped ancestors may take, once it was loaded (0: not yet, or
 * not kept), and whether a text repeats in it. With its tokens' weights in s->tok_w, that is all
 * the coverage bound below reads of a form: the hundred entities a common name (Mohammed Ahmed)
 * meets have several forms each, most of them far from the threshold, and they are told so
 * without reading their terms, each a cache miss elsewhere in the index. */
typedef struct cdn_form_sum { float usable_w; uint8_t kept, repeats; } cdn_form_sum;

/* How far a score of query form q against list form lf counts: each form's scheme confidence, and
 * the name's own factor (a weak alias counts less). */
static float pair_scale(const cdn_qforms *qf, int q, float factor, const cdn_ix_form *lf) {
    return factor * cdn_scheme_confidence(qf->scheme[q]) * cdn_scheme_confidence(lf->scheme);
}

static int form_sums_init(cordon_screener *s) {
    s->form_sum = cdn_table_alloc(s->ix->n_forms + 1, sizeof *s->form_sum);
    s->tok_w = cdn_table_alloc(s->ix->n_ntoks + 1, sizeof *s->tok_w);
    return !s->form_sum || !s->tok_w;
}

static void keep_form_sum(cordon_screener *s, uint32_t form, const mtok *lt, int nl, const cdn_bound_side *ls) {
    cdn_form_sum *fs = &s->form_sum[form];
    const cdn_ix_form *xf = &s->ix->forms[form];
    if (fs->kept || nl != xf->n_toks) return;          /* a form cut at CDN_MAX_TOKENS is always loaded */
    for (int k = 0; k < nl; k++) s->tok_w[xf->first_tok + k] = lt[k].w;
    *fs = (cdn_form_sum){ ls->w - ls->skippable, 1, (uint8_t)(ls->repeats != 0) };
}

/* How many tokens cdn_list_form loads of a list form (a longer one is cut). */
static int list_form_len(const cdn_ix_form *xf) { return xf->n_toks < CDN_MAX_TOKENS ? xf->n_toks : CDN_MAX_TOKENS; }

/* Whether cdn_align_hopeless would rule the list form out for every live query form (all plain) at
 * `need`, told from the form's kept weights: its bound counts the query fully met and the list
 * tokens met at most as cdn_list_form_met_share says, so it is at least the sieve's (the same sums
 * in the same order, over more tokens); below `need` the sieve's is too. */
static int weak_list_form(const cordon_screener *s, uint32_t form, unsigned live, float factor, float need) {
    const cdn_form_sum *fs = &s->form_sum[form];
    if (!fs->kept || fs->repeats) return 0;
    const cdn_ix_form *xf = &s->ix->forms[form];
    const cdn_qforms *qf = &s->qf;
    uint64_t runs = 0;
    float scale = 0;
    int typo = 0;                                  /* a query form of as many tokens may meet a typo */
    for (int q = 0; q < qf->n_forms; q++) {
        if (!(live >> q & 1)) continue;
        runs |= qf->side[q].run_terms;
        typo |= qf->n[q] == list_form_len(xf);
        float sc = pair_scale(qf, q, factor, xf);
        if (sc > scale) scale = sc;
    }
    float cl = cdn_list_form_met_share(&s->memo, &s->ix->ntoks[xf->first_tok], &s->tok_w[xf->first_tok], xf->n_toks,
                                       fs->usable_w, s->shared->number_terms, runs, typo);
    return (cdn_name_score(1, cl > 1 ? 1 : cl, 2) + 1e-5f) * scale < need;
}

/* Whether list form xf holds no typo for the plain query forms `here`, all of which reach the
 * floor only through one (align_typo): it needs the one list token no query token may meet, and
 * that token's letters within a typo of a query token's. Read off the memo and the token's term,
 * without loading the form. */
static int holds_no_typo(cordon_screener *s, const cdn_ix_form *xf, unsigned here) {
    const cordon_index *ix = s->ix;
    const cdn_qforms *qf = &s->qf;
    uint64_t runs = 0;
    for (unsigned h = here; h; h &= h - 1) runs |= qf->side[__builtin_ctz(h)].run_terms;
    int j = cdn_list_form_lone_open(&s->memo, &ix->ntoks[xf->first_tok], xf->n_toks, s->shared->number_terms, runs);
    if (j == -2) return 1;
    if (j < 0) return 0;
    uint32_t term_id = ix->ntoks[xf->first_tok + j].term;
    struct cdn_typo_seen *seen = &s->typo_seen[term_id & 63];
    if (seen->stamp == s->epoch && seen->term == term_id && seen->forms == here) return seen->holds_none;
    const cdn_ix_term *term = &ix->terms[term_id];
    const char *text = cdn_ix_str(ix, term->text);
    int none = 1;
    for (unsigned h = here; h && none; h &= h - 1) {
        int q = __builtin_ctz(h);
        const mtok *t = &qf->t[qf->first[q]];
        for (int i = 0; i < qf->n[q] && none; i++)
            if (cdn_typo_part(&t[i]) && cdn_typo_text_may(&t[i], text, term->len)) none = 0;
    }
    seen->term = term_id; seen->stamp = s->epoch; seen->forms = here; seen->holds_none = none;
    return none;
}

/* The live query forms that may score list form xf: one that can reach the floor only through a
 * typo (typo_only) meets only a list form of as many tokens. */
static unsigned forms_for(const cdn_qforms *qf, unsigned live, unsigned typo_only, const cdn_ix_form *xf) {
    for (unsigned t = live & typo_only; t; t &= t - 1)
        if (qf->n[__builtin_ctz(t)] != list_form_len(xf)) live &= ~(t & -t);
    return live;
}

float cdn_score_entity(cordon_screener *s, uint32_t ent, float floor, cdn_best *best) {
    const cordon_index *ix = s->ix;
    const cdn_ix_entity *e = &ix->entities[ent];
    const cdn_qforms *qf = &s->qf;
    mtok lt[CDN_MAX_TOKENS];
    cdn_align al;
    al.full_evidence = cdn_full_evidence(ix);
    al.list_initials = cdn_kind_has_initials(e->kind);
    memset(best, 0, sizeof *best);
    best->name = e->first_name;        /* an identifier hit whose names all score 0 shows its first name */
    if (floor < s->align_floor) floor = s->align_floor;
    /* A query form the candidate pass proved too weak for this entity is not aligned; when none is
     * left, no list form is even loaded. */
    unsigned live = live_qforms(s, ent, floor);
    /* Below the floor nothing shows (no identifier): a query form that reaches it only through a
     * typo need not meet a list form of another length, and most forms are then told apart
     * without loading them (holds_no_typo): their terms are not fetched ahead. */
    unsigned typo_only = floor >= s->bound_floor ? cdn_entity_typo_forms(s, ent) : 0;
    if (live & ~typo_only) fetch_list_terms(ix, e);
    /* No score passes 1 (cdn_name_score's, times factors <= 1): a best of 1 ends the search. */
    for (uint32_t n = 0; n < e->n_names && best->score < 1.0f && live; n++) {
        const cdn_ix_name *nm = &ix->names[e->first_name + n];
        float factor = nm->type == CDN_NAME_WEAK_ALIAS ? WEAK_ALIAS_FACTOR : 1.0f;
        for (uint32_t f = 0; f < nm->n_forms && best->score < 1.0f && live; f++) {
            const cdn_ix_form *xf = &ix->forms[nm->first_form + f];
            unsigned here = typo_only ? forms_for(qf, live, typo_only, xf) : live;
            if (!here) continue;
            /* A list form the query's lookups met nowhere is bounded by 0 for every plain query
             * form (cdn_align_hopeless would say so once it was loaded); for query forms that
             * need a typo, so is one that holds none (which a form met nowhere does not either). */
            float at_least = best->score > floor ? best->score : floor;
            if (at_least > 1e-4f && !(here & ~qf->plain)) {
                int nothing = here & ~typo_only
                                  ? cdn_list_form_unmet(&s->memo, &ix->ntoks[xf->first_tok], xf->n_toks, s->shared->number_terms)
                                  : holds_no_typo(s, xf, here);
                if (nothing || weak_list_form(s, nm->first_form + f, here, factor, at_least)) continue;
            }
            int nl = cdn_list_form(ix, xf, lt);
            cdn_bound_side ls;
            cdn_bound_list lb;
            cdn_bound_side_weigh(&ls, lt, nl);    /* the index's joined terms stand for the rest */
            keep_form_sum(s, nm->first_form + f, lt, nl, &ls);
            uint32_t joined[CDN_MAX_TOKENS];
            uint64_t unsure = list_joins(ix, xf, nl, joined);
            cdn_bound_list_init(&lb, lt, nl, &s->memo, joined, unsure);
            for (int q = 0; q < qf->n_forms; q++) {
                if (!((live & here) >> q & 1)) continue;
                float scale = pair_scale(qf, q, factor, xf);
                /* Nor a pair of forms whose sieve bound cannot beat the best, or reach the floor
                 * below which no score shows. */
                float need = best->score > floor ? best->score : floor;
                if (cdn_align_hopeless(&qf->t[qf->first[q]], qf->n[q], &qf->side[q], lt, nl, &ls, &lb, &s->memo,
                                       scale, need))
                    continue;
                cdn_align_forms(&qf->t[qf->first[q]], qf->n[q], lt, nl, &s->memo, &al);
                float sc = al.score * scale;
                if (sc > best->score) {
                    best->score = sc; best->name = e->first_name + n; best->lform = nm->first_form + f;
                    best->qform = q;
                    live = live_qforms(s, ent, sc > floor ? sc : floor);
                }
            }
        }
    }
    return best->score;
}

/* ---- cordon_screen ------------------------------------------------------------------------ */

static int hit_cmp(const void *a, const void *b) {
    const cdn_hit *x = a, *y = b;
    if (x->score != y->score) return x->score < y->score ? 1 : -1;
    return x->ent < y->ent ? -1 : x->ent > y->ent;
}

static cordon_rc fail(cordon_screener *s, cordon_rc rc, const char *msg, const char *field) {
    snprintf(s->errmsg, sizeof s->errmsg, "%s%s%s", field ? field : "", field ? ": " : "", msg);
    return rc;
}

static cordon_rc prepare_query(cordon_screener *s, const cordon_query *q, cdn_query_facts *facts) {
    if (!q->name) return fail(s, CORDON_ERR_ARG, "a name is required", "name");
    size_t len = strlen(q->name);
    if (len > 4096) return fail(s, CORDON_ERR_ARG, "name is longer than 4096 bytes", "name");
    const char *field = NULL;
    if (cdn_query_facts_parse(q, facts, &field) != CORDON_OK)
        return fail(s, CORDON_ERR_ARG, "not understood", field);
    cordon_rc rc = cdn_analyze(s->text, q->name, len, q->kind, &s->qa);
    if (rc == CORDON_ERR_INPUT) return fail(s, rc, "not valid UTF-8", "name");
    if (rc != CORDON_OK) return fail(s, rc, cdn_text_errmsg(s->text), "name");
    cdn_qforms_load(&s->qf, s->ix, &s->qa);
    cdn_memo_reset(&s->memo);
    return CORDON_OK;
}

static int grow_hits(cordon_screener *s) {
    if (s->n_hits < s->hits_cap) return 0;
    size_t cap = s->hits_cap ? s->hits_cap * 2 : 64;
    cdn_hit *h = realloc(s->hits, cap * sizeof *h);
    if (!h) return -1;
    s->hits = h; s->hits_cap = cap;
    return 0;
}

/* The candidates' records, then the birth dates, countries and names scoring reads of them, fetched
 * ahead together: scattered in the index, each was a cache miss waited on in turn. */
#define PREFETCH_CANDIDATES 64
static void prefetch_candidates(const cordon_screener *s, const cdn_query_facts *f) {
    const cordon_index *ix = s->ix;
    size_t n = s->n_cands < PREFETCH_CANDIDATES ? s->n_cands : PREFETCH_CANDIDATES;
    for (size_t i = 0; i < n; i++) cdn_prefetch(&ix->entities[s->cands[i]]);
    for (size_t i = 0; i < n; i++) {
        const cdn_ix_entity *e = &ix->entities[s->cands[i]];
        if (f->has_dob && e->n_dobs) cdn_prefetch(&ix->dobs[e->first_dob]);
        if (f->cc[0] && e->n_countries) cdn_prefetch(&ix->countries[e->first_country]);
        cdn_prefetch(&ix->names[e->first_name]);
    }
}

cordon_rc cordon_screen(cordon_screener *s, const cordon_query *q, cordon_result **out) {
    *out = NULL;
    if (!s || !q) return CORDON_ERR_ARG;
    if (!s->ix) return fail(s, CORDON_ERR_ARG, "this screener has no index", NULL);
    cdn_query_facts facts;
    cordon_rc rc = prepare_query(s, q, &facts);
    if (rc != CORDON_OK) return rc;
    double threshold = q->threshold < 0 ? CORDON_DEFAULT_THRESHOLD : q->threshold;
    size_t limit = q->limit ? q->limit : 10;
    if (cdn_gather_candidates(s, &facts, threshold, q->exhaustive))
        return fail(s, CORDON_ERR_NOMEM, "out of memory", NULL);
    s->n_hits = 0;
    prefetch_candidates(s, &facts);
    for (size_t i = 0; i < s->n_cands; i++) {
        uint32_t ent = s->cands[i];
        /* The query's facts say the same of an entity whatever its name, so they tell first how high
         * its name must score to alert: past a birth year or nationality in conflict, no name is
         * enough, and past a date that agrees on neither day nor year, names within the evidence
         * bonus of the threshold are not. The exhaustive mode scores every name, as the reference
         * the candidate pass and this floor are checked against. (The explanation's evidence is
         * written when the result is made.) */
        int ident = 0;
        float effect = cdn_evidence_score(s->ix, &s->ix->entities[ent], &facts, NULL, NULL, &ident);
        float floor = ident || q->exhaustive ? 0 : (float)threshold - effect - 1e-4f;
        if (floor > 1) continue;                        /* no name score passes 1 */
        cdn_best best;
        float name = cdn_score_entity(s, ent, floor, &best);
        float score = name + effect;
        if (ident && score < CDN_IDENT_SCORE) score = CDN_IDENT_SCORE;
        if (score > 1) score = 1;
        if (score < 0) score = 0;
        if (score < threshold || (score <= 0 && !ident)) continue;
        if (grow_hits(s)) return fail(s, CORDON_ERR_NOMEM, "out of memory", NULL);
        s->hits[s->n_hits++] = (cdn_hit){ ent, score, best };
    }
    if (s->n_hits > 1) qsort(s->hits, s->n_hits, sizeof *s->hits, hit_cmp);
    if (s->n_hits > limit) s->n_hits = limit;
    rc = cdn_make_result(s, &facts, out);
    if (rc == CORDON_OK) (*out)->unread_words = s->qa.unread;
    return rc;
}
