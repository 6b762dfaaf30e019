/* candidates.c — which entities a query could match: term lookups, postings, and a score bound.
 * Invariant: an entity is dropped only when the bound proves its name score is below the threshold.
 *
 * Each query token is looked up in the term dictionary every way the similarity rules allow (exact,
 * phonetic key, skeleton, one deletion on either side); the terms that pass cdn_token_sim
 * lead, through their postings, to entities. For every entity reached, the bound adds each query
 * token's weight times its best similarity there (a token is counted once), and tells whether two
 * of its tokens can pair with two list tokens at once (count_edge). The alignment can match a query
 * token at most once, at most that well, so the bound over the query's total weight is at least the
 * share Q, and "two pairs possible" holds whenever the alignment has two pairs. The name score (cdn_name_score) is at most Q with fewer than two pairs, and at most
 * max(Q, 0.4 + 0.6 Q) otherwise (cdn_form_bound); entities whose bound keeps it under the threshold
 * less what the query's evidence may add (cdn_evidence_max_bonus) cannot alert and are never scored.
 */
#include <math.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include "match/lookups.h"
#include "match/screen.h"
#include "util/prefetch.h"
#include "util/table.h"

static int grow(void **p, size_t *cap, size_t need, size_t size) {
    if (need <= *cap) return 0;
    size_t c = *cap ? *cap * 2 : 256;
    while (c < need) c *= 2;
    void *q = realloc(*p, c * size);
    if (!q) return -1;
    *p = q; *cap = c;
    return 0;
}

static cdn_lookups *lookups_new(cdn_look_store *store);
static void lookups_free(cdn_lookups *lc);

int cdn_candidates_init(cordon_screener *s) {
    size_t n = s->ix->n_entities + 1;
    s->shared = cdn_shared_get(s->ix);
    if (!s->shared) return -1;
    s->mark = cdn_table_alloc(n, sizeof *s->mark);
    s->cands = malloc(n * sizeof *s->cands);
    s->ea = aligned_alloc(64, (n * sizeof *s->ea + 63) & ~(size_t)63);
    if (!s->ea) return -1;
    memset(s->ea, 0, n * sizeof *s->ea);
    for (uint32_t e = 0; e < s->ix->n_entities; e++) s->ea[e].form_lengths = s->shared->form_lengths[e];
    s->touched = malloc(n * sizeof *s->touched);
    s->touched_bits = cdn_table_alloc((n + 63) / 64, sizeof *s->touched_bits);
    s->term_found = cdn_table_alloc(s->ix->n_terms / 64 + 1, sizeof *s->term_found);
    s->fb = malloc(n * CDN_MAX_FORMS * sizeof *s->fb);
    s->fb_many = malloc(n * CDN_MAX_FORMS);
    if (cdn_memo_track_terms(&s->memo, s->ix->n_terms)) return -1;
    if (s->shared->lookups) s->lc = lookups_new(s->shared->lookups);   /* only a cache */
    if (!s->fb || !s->fb_many) return -1;
    return s->mark && s->cands && s->touched && s->touched_bits && s->term_found ? 0 : -1;
}

void cdn_candidates_free(cordon_screener *s) {
    free(s->mark); free(s->cands); free(s->ea);
    free(s->touched); free(s->touched_bits);
    free(s->term_found); free(s->term_hits); free(s->qhits); free(s->found);
    free(s->fb); free(s->fb_many); free(s->stash); free(s->merged);
    lookups_free(s->lc);
}

/* A fresh stamp value; on wrap-around the array is cleared so old stamps can't collide. */
static uint32_t next_epoch(uint32_t *epoch, uint32_t *arr, size_t n) {
    if (++*epoch == 0) { memset(arr, 0, n * sizeof *arr); *epoch = 1; }
    return *epoch;
}

_Static_assert(sizeof(cdn_ent_acc) == 32, "two entities a cache line");

/* The same for the stamps kept in the entities' cdn_ent_acc (field at `offset`). */
static uint32_t next_acc_epoch(cordon_screener *s, uint32_t *epoch, size_t offset) {
    if (++*epoch == 0) {
        for (uint32_t e = 0; e <= s->ix->n_entities; e++)
            memset((char *)&s->ea[e] + offset, 0, sizeof(uint32_t));
        *epoch = 1;
    }
    return *epoch;
}

static void add_candidate(cordon_screener *s, uint32_t ent) {
    if (s->mark[ent] == s->epoch) return;
    s->mark[ent] = s->epoch;
    s->cands[s->n_cands++] = ent;
}

/* ---- Looking a token up ------------------------------------------------------------------- */

/* Collects the terms one query token's lookups find into s->found, each once, in the order found. */
static int on_term(uint32_t term, void *p) {
    cordon_screener *s = p;
    uint64_t bit = 1ULL << (term & 63);
    if (s->term_found[term >> 6] & bit) return 0;           /* found another way already */
    if (grow((void **)&s->found, &s->found_cap, s->n_found + 1, sizeof *s->found)) {
        s->found_failed = 1;
        return 1;
    }
    s->term_found[term >> 6] |= bit;
    s->found[s->n_found++] = term;
    return 0;
}

/* ---- Lookups kept across queries (lookups.h) ---------------------------------------------- */

/* The signatures of one query form's items (slot numbers below PRE_ITEMS: its tokens, then its
 * joined pairs), made before any is looked up so that their store slots are fetched together. */
#define PRE_ITEMS (2 * CDN_MAX_TOKENS)
typedef struct look_pre { uint64_t hash; uint32_t stamp; uint16_t len; char sig[CDN_LOOK_SIG_MAX]; } look_pre;

/* A screener's side of its index's store: the lookup it is making, and the form's signatures. */
struct cdn_lookups {
    cdn_look_store *store;
    cdn_look_room room;                  /* of the store, taken and not yet filled */
    cdn_rated *pending; size_t n_pending, pending_cap; int pending_failed;
    look_pre pre[PRE_ITEMS];             /* valid for the form being looked up: stamp == pre_stamp */
    uint32_t pre_stamp;
};

static cdn_lookups *lookups_new(cdn_look_store *store) {
    cdn_lookups *lc = calloc(1, sizeof *lc);
    if (lc) lc->store = store;
    return lc;
}

static void lookups_free(cdn_lookups *lc) {
    if (!lc) return;
    free(lc->pending); free(lc);
}

/* Query neighbours looked up joined: their key is made only when the lookup is not kept, as
 * cdn_key costs more than the lookup replayed. The key is made of the text, so the text alone
 * tells such a lookup (and whether the key filled the buffer). */
typedef struct join_key { mtok tok; char key[96]; int cut; } join_key;
#define JOINED_TEXT_MAX 96               /* joined neighbours of this many bytes or more are not looked up */

static void make_join_key(join_key *jk) {
    /* A key that fills the buffer may be cut short of the one the alignment makes (align.c's 128). */
    jk->cut = cdn_key(jk->tok.text, jk->tok.len, jk->key, sizeof jk->key) + 2 >= sizeof jk->key;
    jk->tok.key = jk->key;
}

#define SIG_JOINED 0x7f                  /* a first byte no other signature has (modes are 0, 1) */

/* A joined pair's signature: the lookup mode and the texts a and b written as one (b may be
 * empty when a is the joined text already); 0 if too long to be kept. */
static size_t joined_signature(int mode, const char *a, size_t la, const char *b, size_t lb, char *out) {
    if (la + lb + 2 > CDN_LOOK_SIG_MAX) return 0;
    out[0] = (char)SIG_JOINED; out[1] = (char)mode;
    memcpy(out + 2, a, la);
    memcpy(out + 2 + la, b, lb);
    return la + lb + 2;
}

/* Everything a lookup depends on, as bytes; 0 if the token is too long to be kept. A joined
 * pair's (jk) has no key yet: its text stands for it. */
static size_t token_signature(const mtok *q, int mode, const join_key *jk, char *out) {
    if (jk) return joined_signature(mode, q->text, q->len, "", 0, out);
    size_t kl = strlen(q->key), sl = strlen(q->skel), n = 0;
    if (12 + (size_t)q->len + kl + sl + 3 > CDN_LOOK_SIG_MAX) return 0;
    int32_t term = q->term;
    out[n++] = (char)mode; out[n++] = q->qid < 0; out[n++] = (char)q->flags; out[n++] = (char)q->script;
    memcpy(out + n, &term, sizeof term); n += sizeof term;
    memcpy(out + n, &q->len, sizeof q->len); n += sizeof q->len;
    memcpy(out + n, q->text, q->len); n += q->len; out[n++] = 0;
    memcpy(out + n, q->key, kl + 1); n += kl + 1;
    memcpy(out + n, q->skel, sl + 1); n += sl + 1;
    return n;
}

/* Starts a lookup's record. */
static void lookups_begin(cdn_lookups *lc) {
    lc->n_pending = 0;
    lc->pending_failed = 0;
}

static void lookups_note(cdn_lookups *lc, uint32_t term, float sim, uint8_t how, int posted) {
    if (lc->pending_failed) return;
    if (grow((void **)&lc->pending, &lc->pending_cap, lc->n_pending + 1, sizeof *lc->pending)) {
        lc->pending_failed = 1;
        return;
    }
    lc->pending[lc->n_pending++] = (cdn_rated){ term, sim, how, (uint8_t)posted };
}

/* Keeps the lookup just made under its signature (nothing on no memory: it is only a cache). */
static void lookups_commit(cdn_lookups *lc, const char *sig, size_t len, uint64_t h, int key_cut) {
    if (!lc->pending_failed) cdn_look_keep(lc->store, &lc->room, sig, len, h, key_cut, lc->pending, lc->n_pending);
}

static int push_hit(cordon_screener *s, uint32_t term, float sim) {
    if (grow((void **)&s->term_hits, &s->term_hits_cap, s->n_term_hits + 1, sizeof *s->term_hits)) return -1;
    s->term_hits[s->n_term_hits++] = (cdn_term_hit){ term, sim };
    return 0;
}

/* A kept lookup: its hits in the order they were found, its similarities into the memo. */
static int replay_lookup(cordon_screener *s, const mtok *q, const cdn_look_slot *sl) {
    for (uint32_t k = 0; k < sl->n; k++) {
        const cdn_rated *r = &s->lc->store->rated[sl->first + k];
        cdn_memo_put(&s->memo, q, (int32_t)r->term, r->sim, r->how);
        if (r->posted && push_hit(s, r->term, r->sim)) return -1;
    }
    return 0;
}

/* Keeps the term as a hit when it passes the similarity rules. -1 on no memory. */
static int rate_term(cordon_screener *s, const mtok *q, uint32_t term) {
    const cordon_index *ix = s->ix;
    const cdn_ix_term *t = &ix->terms[term];
    mtok lt = { cdn_ix_str(ix, t->text), cdn_ix_str(ix, t->key), cdn_ix_str(ix, t->skel), t->len, t->flags, 0, 0, 0,
                (int32_t)term, -1 };
    uint8_t how;
    float sim = cdn_memo_sim(&s->memo, q, &lt, &how);
    if (sim <= 0) return 0;
    if (s->lc) lookups_note(s->lc, term, sim, how, t->n_post > 0);
    return t->n_post ? push_hit(s, term, sim) : 0;
}

/* The lookups of one query token, probed together (cdn_map_probe) so their cache misses overlap. */
/* Room for every probe of one token: text, key, skeleton, deletion map, its deletions (tokens under
 * 128 letters, probe_deletions), the Arabic w-readings and the Hebrew readings. */
typedef struct probes { cdn_map_probe p[3 + 1 + 127 + 4 + (1 << CDN_HEBREW_TWINS_MAX)]; size_t n; } probes;

static void probe(probes *ps, const cdn_ix_map *m, const char *s, size_t len) {
    if (ps->n < sizeof ps->p / sizeof *ps->p) cdn_map_probe_start(&ps->p[ps->n++], m, s, len);
}

/* The symmetric-delete neighbourhood: by_delete holds every term and its single deletions, so the
 * query's deletions meet every term one edit away (Damerau), the farthest the fuzzy rule goes. */
static void probe_deletions(probes *ps, const cordon_index *ix, const char *text, size_t len) {
    char del[128];
    for (size_t i = 0; i < len; i++) {
        memcpy(del, text, i); memcpy(del + i, text + i + 1, len - i - 1);
        probe(ps, &ix->by_delete, del, len - 1);
    }
}

static int by_sim_desc(const void *a, const void *b) {
    float x = ((const cdn_term_hit *)a)->sim, y = ((const cdn_term_hit *)b)->sim;
    return x < y ? 1 : x > y ? -1 : 0;
}

/* Sorts hits best first, hits of one similarity in the order found, as glibc's merge-sort qsort
 * leaves them; insertion sort spares its calls through a pointer on the usual few hits. */
static void sort_hits(cdn_term_hit *h, size_t n) {
    if (n > 64) { qsort(h, n, sizeof *h, by_sim_desc); return; }
    for (size_t k = 1; k < n; k++) {
        cdn_term_hit x = h[k];
        size_t j = k;
        for (; j > 0 && h[j - 1].sim < x.sim; j--) h[j] = h[j - 1];
        h[j] = x;
    }
}

/* How far a lookup goes: every similarity rule, or only the rules a joined pair may meet by. */
enum { LOOKUP_ALL, LOOKUP_EXACT_OR_KEY };

static int find_and_rate(cordon_screener *s, const mtok *q, int mode);

/* Collects into s->term_hits every term within the similarity rules of q, best first. A query token
 * that several forms share (its qid) is looked up once per query: its hits are kept in s->qhits.
 * Joined neighbours come as jk (q is jk->tok) without their key: it is made when needed, and jk->cut
 * set either way. */
/* Whether query token q was looked up already this query (its hits kept by its qid). */
static int hits_kept(const cordon_screener *s, const mtok *q) {
    return q->qid >= 0 && s->qhit_n[q->qid] != UINT32_MAX;
}

static int lookup_token(cordon_screener *s, const mtok *q, int mode, join_key *jk, uint8_t slot) {
    s->n_term_hits = 0;
    if (hits_kept(s, q)) {
        size_t n = s->qhit_n[q->qid];
        if (grow((void **)&s->term_hits, &s->term_hits_cap, n, sizeof *s->term_hits)) return -1;
        if (n) memcpy(s->term_hits, s->qhits + s->qhit_first[q->qid], n * sizeof *s->term_hits);
        s->n_term_hits = n;
        return 0;
    }
    char own[CDN_LOOK_SIG_MAX];
    const char *sig = own;
    size_t sig_len = 0;
    uint64_t h = 0;
    const look_pre *pre = s->lc && slot < PRE_ITEMS ? &s->lc->pre[slot] : NULL;
    if (pre && pre->stamp == s->lc->pre_stamp) {        /* signed with its form (presign_form) */
        sig = pre->sig; sig_len = pre->len; h = pre->hash;
    } else if (s->lc && (sig_len = token_signature(q, mode, jk, own))) {
        h = cdn_look_hash(own, sig_len);
    }
    const cdn_look_slot *known = sig_len ? cdn_look_find(s->lc->store, sig, sig_len, h) : NULL;
    if (known) {
        if (jk) jk->cut = known->key_cut;
        if (replay_lookup(s, q, known)) return -1;
    } else {
        if (jk) make_join_key(jk);
        if (sig_len) lookups_begin(s->lc);
        if (find_and_rate(s, q, mode)) return -1;
        if (sig_len) lookups_commit(s->lc, sig, sig_len, h, jk && jk->cut);
    }
    sort_hits(s->term_hits, s->n_term_hits);
    if (q->qid < 0) return 0;
    if (grow((void **)&s->qhits, &s->qhits_cap, s->n_qhits + s->n_term_hits, sizeof *s->qhits)) return -1;
    if (s->n_term_hits) memcpy(s->qhits + s->n_qhits, s->term_hits, s->n_term_hits * sizeof *s->term_hits);
    s->qhit_first[q->qid] = (uint32_t)s->n_qhits;
    s->qhit_n[q->qid] = (uint32_t)s->n_term_hits;
    s->n_qhits += s->n_term_hits;
    return 0;
}

/* The letter (0 for a … 25 for z) whose list initial a lookup of q in this mode may find, or -1: a
 * token of two letters or more, looked up by every rule (a joined pair is not). */
static int initial_letter(const mtok *q, int mode) {
    return mode == LOOKUP_ALL && q->len >= 2 && q->text[0] >= 'a' && q->text[0] <= 'z' ? q->text[0] - 'a' : -1;
}

/* Finds every term within reach of q's lookups and rates it, into s->term_hits in the order found. */
static int find_and_rate(cordon_screener *s, const mtok *q, int mode) {
    const cordon_index *ix = s->ix;
    s->n_found = 0;
    s->found_failed = 0;
    probes ps;
    ps.n = 0;
    if (q->term < 0 && q->qid < 0) probe(&ps, &ix->by_text, q->text, q->len);
    if (q->key[0]) probe(&ps, &ix->by_key, q->key, strlen(q->key));
    if (mode == LOOKUP_ALL) {
        if (q->len >= 4 && strlen(q->skel) >= 3) probe(&ps, &ix->by_skel, q->skel, strlen(q->skel));
        char w[4][CDN_W_READING_MAX];         /* Tharut's u read as w: Tharwat (cdn_token_sim) */
        for (int k = 0, n = cdn_arabic_w_readings(q, w, 4); k < n; k++) probe(&ps, &ix->by_skel, w[k], strlen(w[k]));
        char hw[(1 << CDN_HEBREW_TWINS_MAX) - 1][CDN_W_READING_MAX];   /* פ p or f, ב b or v … */
        for (int k = 0, n = cdn_hebrew_readings(q, hw, (1 << CDN_HEBREW_TWINS_MAX) - 1); k < n; k++)
            probe(&ps, &ix->by_skel, hw[k], strlen(hw[k]));
        if (q->len >= 3) probe(&ps, &ix->by_delete, q->text, q->len);
        if (q->len >= 4 && q->len < 128) probe_deletions(&ps, ix, q->text, q->len);
    }
    for (size_t i = 0; i < ps.n; i++) cdn_map_probe_fetch(&ps.p[i]);
    if (q->term >= 0) on_term((uint32_t)q->term, s);        /* the query's own term, found once */
    /* A list initial of its first letter may stand for it (cdn_list_initial_meets rates it). */
    int letter = initial_letter(q, mode);
    if (letter >= 0 && s->shared->letter_terms[letter] >= 0) on_term((uint32_t)s->shared->letter_terms[letter], s);
    for (size_t i = 0; i < ps.n; i++) cdn_map_probe_each(&ps.p[i], on_term, s);
    /* The bits of the terms found are cleared for the next token (a bit a term: they stay in the
     * cache, where a stamp a term would not). */
    for (size_t i = 0; i < s->n_found; i++) s->term_found[s->found[i] >> 6] = 0;
    if (s->found_failed) return -1;
    /* Then rate them, their records fetched ahead too: the terms found are scattered in the file. */
    for (size_t i = 0; i < s->n_found; i++) cdn_prefetch(&ix->terms[s->found[i]]);
    for (size_t i = 0; i < s->n_found; i++) {          /* the rules read the key and skeleton too */
        const cdn_ix_term *t = &ix->terms[s->found[i]];
        cdn_prefetch(cdn_ix_str(ix, t->text));
        cdn_prefetch(cdn_ix_str(ix, t->key));
        cdn_prefetch(cdn_ix_str(ix, t->skel));
    }
    for (size_t i = 0; i < s->n_found; i++)
        if (rate_term(s, q, s->found[i])) return -1;
    return 0;
}

/* Whether two of the query form's tokens can pair with two list tokens of e at once: the
 * alignment's pair count is at most 1 unless two edges (token, term) share neither token nor term,
 * or one term written twice in a name (posted twice) meets two tokens. hit_count[e] keeps 0, 1 or 2;
 * for 1, the first edge and what else touched its token or its term. */
#define EDGE_TOKEN_ELSEWHERE 1      /* the first token met another term */
#define EDGE_TERM_ELSEWHERE 2       /* another token met the first term */
#define EDGE_TERM_TWICE 4           /* the first term is written twice in a name of e */

static void count_edge(cdn_ent_acc *a, uint8_t slot, uint32_t term, int twice) {
    if (a->hit_count >= 2) return;
    if (a->hit_count == 0) {
        a->hit_count = 1;
        a->e_slot = slot; a->e_term = term; a->e_flags = twice ? EDGE_TERM_TWICE : 0;
        return;
    }
    int other_slot = slot != a->e_slot, other_term = term != a->e_term;
    if (other_slot && other_term) a->hit_count = 2;
    else if (other_slot) a->e_flags |= EDGE_TERM_ELSEWHERE;
    else if (other_term) a->e_flags |= EDGE_TOKEN_ELSEWHERE;
    uint8_t f = a->e_flags;
    if ((f & EDGE_TOKEN_ELSEWHERE && f & EDGE_TERM_ELSEWHERE) || (f & EDGE_TERM_ELSEWHERE && f & EDGE_TERM_TWICE))
        a->hit_count = 2;
}

/* Adds one posting's worth to entity e: its edge, and the token's best similarity once. named: the
 * term is no list initial (cdn_align_forms pairs those only beside a pair of names). */
static void add_posting(cdn_ent_acc *a, uint8_t slot, uint32_t term, int twice, uint32_t tok, float add, int named) {
    count_edge(a, slot, term, twice);
    a->named |= (uint8_t)named;
    if (a->stamp == tok) return;               /* best similarity first: the first hit counts */
    a->stamp = tok;
    a->acc += add;
}

/* The index of the first posting >= e (postings are sorted by entity). */
static uint32_t lower_bound(const uint32_t *post, uint32_t n, uint32_t e) {
    uint32_t lo = 0, hi = n;
    while (lo < hi) {
        uint32_t mid = lo + (hi - lo) / 2;
        if (post[mid] < e) lo = mid + 1; else hi = mid;
    }
    return lo;
}

/* A term's postings seen only for the entities already reached (`touched_only`): by binary search
 * when the list is long, else by walking it. */
static void add_term_touched(cordon_screener *s, const uint32_t *post, uint32_t n, uint8_t slot, uint32_t term,
                             uint32_t tok, float add, int named) {
    if (n > 16 * s->n_touched) {
        for (size_t k = 0; k < s->n_touched; k++) {
            uint32_t e = s->touched[k], i = lower_bound(post, n, e);
            if (i < n && post[i] == e) add_posting(&s->ea[e], slot, term, i + 1 < n && post[i + 1] == e, tok, add, named);
        }
        return;
    }
    for (uint32_t i = 0; i < n; i++) {
        uint32_t e = post[i];
        if (!(s->touched_bits[e >> 6] >> (e & 63) & 1) || (i && post[i - 1] == e)) continue;
        add_posting(&s->ea[e], slot, term, i + 1 < n && post[i + 1] == e, tok, add, named);
    }
}

/* Entity e's accumulator for the current query form, started (and e noted as touched) on its
 * first reach. */
static cdn_ent_acc *reached(cordon_screener *s, uint32_t e) {
    cdn_ent_acc *a = &s->ea[e];
    if (a->acc_mark != s->form_epoch) {
        a->acc_mark = s->form_epoch;
        a->acc = 0;
        a->hit_count = 0;
        a->named = 0;
        s->touched[s->n_touched++] = e;
    }
    return a;
}

#define ACC_AHEAD 8          /* postings ahead whose accumulator is fetched meanwhile */

/* Adds one term's postings to the entities they reach. */
static void walk_postings(cordon_screener *s, const uint32_t *post, uint32_t n, uint8_t slot, uint32_t term,
                          uint32_t tok, float add, int named) {
    for (uint32_t i = 0; i < n && i < ACC_AHEAD; i++) cdn_prefetch(&s->ea[post[i]]);
    for (uint32_t i = 0; i < n; i++) {
        uint32_t e = post[i];
        if (i + ACC_AHEAD < n) cdn_prefetch(&s->ea[post[i + ACC_AHEAD]]);
        if (i && post[i - 1] == e) continue;   /* the second posting only marks a term written twice */
        cdn_ent_acc *a = reached(s, e);
        add_posting(a, slot, term, i + 1 < n && post[i + 1] == e, tok, add, named);
    }
}

/* A run of query neighbours whose initials are a list term (a list's "DPRK" for "Democratic People's
 * Republic of Korea"): align_initialisms may pair them, so their initials are looked up as text.
 * Such a pair needs another pair that the lookups found: a run counts only for entities something
 * else reached (the minor items included, so the runs' entities are reached before them). */
#define MAX_RUNS 128
#define MAX_RUN_HITS 512
typedef struct run_item { uint32_t term; int first, last; } run_item;
typedef struct run_set {
    const cordon_index *ix;
    const cdn_shared *shared;            /* for cdn_may_spell_term */
    run_item r[MAX_RUNS];
    int n, full, n_toks;
    struct { uint32_t ent, term; float w; uint8_t slot, first, last; } hit[MAX_RUN_HITS];
    int n_hits;
} run_set;

static int keep_run(const char *a, int len, int first, int last, void *ctx) {
    run_set *rs = ctx;
    if (first == 0 && last == rs->n_toks - 1) return 0;            /* no token left for another pair */
    if (!cdn_may_spell_term(rs->shared, a, (size_t)len)) return 0;
    long term = cdn_ix_find_term(rs->ix, a, (size_t)len);
    if (term < 0 || rs->ix->terms[term].n_post == 0) return 0;    /* no list token spelled so */
    if (rs->n == MAX_RUNS) { rs->full = 1; return 1; }
    rs->r[rs->n++] = (run_item){ (uint32_t)term, first, last };
    return 0;
}

/* Reaches the entities whose names hold a run's initials, noting the run's weight for each (in
 * rs->hit; past MAX_RUN_HITS added at once, which only loosens the bound). */
static void reach_runs(cordon_screener *s, const mtok *t, run_set *rs) {
    const cordon_index *ix = s->ix;
    for (int k = 0; k < rs->n; k++) {
        const run_item *r = &rs->r[k];
        const cdn_ix_term *term = &ix->terms[r->term];
        const uint32_t *post = ix->postings + term->first_post;
        float w = 0;
        for (int i = r->first; i <= r->last; i++) w += t[i].w;
        uint8_t slot = (uint8_t)(3 * CDN_MAX_TOKENS + r->first);
        for (uint32_t i = 0; i < term->n_post; i++) {
            uint32_t e = post[i];
            if (i && post[i - 1] == e) continue;
            cdn_ent_acc *a = reached(s, e);
            if (rs->n_hits < MAX_RUN_HITS) {
                rs->hit[rs->n_hits].ent = e; rs->hit[rs->n_hits].term = r->term;
                rs->hit[rs->n_hits].w = w; rs->hit[rs->n_hits].slot = slot;
                rs->hit[rs->n_hits].first = (uint8_t)r->first; rs->hit[rs->n_hits++].last = (uint8_t)r->last;
            } else {
                a->acc += w;
                count_edge(a, slot, r->term, 0);
            }
        }
    }
}

/* Whether the only item that met entity a is a token of the run first..last, or a pair or triple of
 * its tokens (count_edge's first edge, and no other token met its term): the run's pair needs
 * another pair, of a token outside the run. */
static int met_only_inside(const cdn_ent_acc *a, int first, int last) {
    if (a->hit_count != 1 || a->e_flags & EDGE_TERM_ELSEWHERE) return 0;
    int slot = a->e_slot, kind = slot / CDN_MAX_TOKENS, i = slot % CDN_MAX_TOKENS;
    return kind <= 2 && i >= first && i + kind <= last;
}

/* Adds the noted runs' weights to the entities that a token outside the run met. */
static void add_runs(cordon_screener *s, const run_set *rs) {
    for (int k = 0; k < rs->n_hits; k++) {
        cdn_ent_acc *a = &s->ea[rs->hit[k].ent];
        if (a->hit_count == 0 || met_only_inside(a, rs->hit[k].first, rs->hit[k].last)) continue;
        a->acc += rs->hit[k].w;
        count_edge(a, rs->hit[k].slot, rs->hit[k].term, 0);
    }
}

/* Keeps, for each entity reached, this form's bound: the entity's name score through this form is
 * at most cdn_form_bound(). */
static void keep_form_bound(cordon_screener *s, uint32_t e, int form, float share, int many, int typo_only) {
    cdn_ent_acc *a = &s->ea[e];
    if (a->fb_mark != s->epoch) { a->fb_mark = s->epoch; a->fb_mask = a->fb_typo = 0; }
    a->fb_mask |= (uint16_t)(1u << form);
    if (typo_only) a->fb_typo |= (uint16_t)(1u << form);
    s->fb[(size_t)e * CDN_MAX_FORMS + form] = share > 1 ? 1 : share;
    s->fb_many[(size_t)e * CDN_MAX_FORMS + form] = (uint8_t)many;
}

/* Every entity is a candidate (a query of initials only); bounds say nothing then. */
static int all_candidates(cordon_screener *s) {
    for (uint32_t e = 0; e < s->ix->n_entities; e++) add_candidate(s, e);
    s->bounds_off = 1;
    return 0;
}

/* The least share of a form's weight for which cdn_form_bound can reach theta: through the list
 * lead if two pairs. */
static float least_share(float theta) {
    float need = theta > CDN_LIST_LEAD_FLOOR ? (theta - CDN_LIST_LEAD_FLOOR) / (1 - CDN_LIST_LEAD_FLOOR) : 0;
    return need > theta ? theta : need;
}

/* Which items of a query form (bit i: token i; bit CDN_MAX_TOKENS + i: the joined pair i, i+1) are
 * minor: together, with the initials, they weigh too little for any form bound to reach theta, so an
 * entity only they reach cannot be a candidate. Those are then only added to entities the major
 * items reached (MaxScore): "Kim" need not walk every Kim on the lists. The lightest go first. */
static float minor_budget(float total, float initials, float theta) {
    return least_share(theta) * total * 0.999f - initials;
}

/* Item i of a query form of n tokens (i < 2n - 1): token i, or from i = n on the joined pair
 * i - n, i - n + 1; its bit in a minor mask, and its weight. */
static int item_bit(int i, int n) { return i < n ? i : CDN_MAX_TOKENS + (i - n); }
static float item_weight(const mtok *t, int i, int n) { return i < n ? t[i].w : t[i - n].w + t[i - n + 1].w; }

static uint64_t minor_items(const mtok *t, int n, float total, float initials, float theta) {
    float budget = minor_budget(total, initials, theta), used = 0;
    uint64_t minor = 0;
    for (;;) {                               /* add the lightest item left while the budget holds */
        int best = -1; float best_w = 0;
        for (int i = 0; i < 2 * n - 1; i++) {
            int bit = item_bit(i, n);
            if (minor >> bit & 1) continue;
            float w = item_weight(t, i, n);
            if (best < 0 || w < best_w) { best = bit; best_w = w; }
        }
        if (best < 0 || used + best_w >= budget) return minor;
        used += best_w;
        minor |= 1ull << best;
    }
}

/* Completes a presigned item whose signature p->sig[0 .. p->len) is made: its hash and stamp, and
 * a fetch of its store slot. 0 for an item too long to be kept. */
static int pre_sign(cdn_lookups *lc, look_pre *p) {
    if (!p->len) return 0;
    p->hash = cdn_look_hash(p->sig, p->len);
    p->stamp = lc->pre_stamp;
    cdn_look_prefetch_slot(lc->store, p->hash);
    return 1;
}

/* Signs the items of a query form that reach() will look up afresh (its tokens not yet looked up
 * this query, and its joined pairs) and fetches their slots in the lookup store ahead, then the
 * signatures and rated terms of the slots that hold them: else each lookup waits on a cache miss in
 * the store's 6 MB of slots, then on another in its signatures, one item after another. The pairs
 * in pairs_before (bit i: the pair from token i) are not: another form of the group made theirs. */
static void presign_form(cordon_screener *s, const mtok *t, int n, uint64_t pairs_before) {
    cdn_lookups *lc = s->lc;
    if (++lc->pre_stamp == 0) {                      /* on wrap-around, no stale stamp may match */
        for (int k = 0; k < PRE_ITEMS; k++) lc->pre[k].stamp = 0;
        lc->pre_stamp = 1;
    }
    uint64_t signed_items = 0;
    for (int i = 0; i < n && i < CDN_MAX_TOKENS; i++) {
        if (hits_kept(s, &t[i])) continue;
        look_pre *p = &lc->pre[i];
        p->len = (uint16_t)token_signature(&t[i], LOOKUP_ALL, NULL, p->sig);
        if (pre_sign(lc, p)) signed_items |= 1ULL << i;
    }
    for (int i = 0; i + 1 < n && i + 1 < CDN_MAX_TOKENS; i++) {   /* as accumulate_joined signs them */
        if ((size_t)t[i].len + t[i + 1].len >= JOINED_TEXT_MAX || pairs_before >> i & 1) continue;
        look_pre *p = &lc->pre[CDN_MAX_TOKENS + i];
        p->len = (uint16_t)joined_signature(LOOKUP_EXACT_OR_KEY, t[i].text, t[i].len, t[i + 1].text, t[i + 1].len,
                                            p->sig);
        if (pre_sign(lc, p)) signed_items |= 1ULL << (CDN_MAX_TOKENS + i);
    }
    for (uint64_t rest = signed_items; rest; rest &= rest - 1)
        cdn_look_prefetch_found(lc->store, lc->pre[__builtin_ctzll(rest)].hash);
}

/* ---- Walking an item's hits ---------------------------------------------------------------- */

/* An item is a query token (slot i), two neighbours joined (CDN_MAX_TOKENS + i) or three
 * (2 * CDN_MAX_TOKENS + i). One term it met, at its best similarity; letter: the letter (0 for a)
 * whose list initial the term is for the item, or -1 when the term is a name it met. */
typedef struct cdn_walk_hit { uint32_t term; float sim; int8_t letter; } cdn_walk_hit;
#define ITEMS (3 * CDN_MAX_TOKENS)

/* Where one item of one query form keeps its hits: s->stash[first .. first + n). */
typedef struct item_span { uint32_t first, n; } item_span;

/* Keeps the hits of the lookup just made (s->term_hits, best first) in the stash. letter: the letter
 * whose list initial the item may meet (initial_letter), or -1. */
static int stash_hits(cordon_screener *s, int letter, item_span *sp) {
    if (grow((void **)&s->stash, &s->stash_cap, s->n_stash + s->n_term_hits, sizeof *s->stash)) return -1;
    int32_t initial_term = letter >= 0 ? s->shared->letter_terms[letter] : -1;
    sp->first = (uint32_t)s->n_stash;
    sp->n = (uint32_t)s->n_term_hits;
    for (size_t h = 0; h < s->n_term_hits; h++) {
        uint32_t term = s->term_hits[h].term;
        s->stash[s->n_stash++] = (cdn_walk_hit){ term, s->term_hits[h].sim,
                                                 (int8_t)((int32_t)term == initial_term ? letter : -1) };
    }
    return 0;
}

/* "Jong Un" against a list that writes "Jongun": the neighbours looked up joined (c: a third one,
 * or NULL), their hits stashed at *sp. */
static int look_up_joined(cordon_screener *s, const mtok *a, const mtok *b, const mtok *c, uint8_t slot,
                          item_span *sp) {
    char txt[JOINED_TEXT_MAX];
    size_t len = (size_t)a->len + b->len + (c ? c->len : 0);
    if (len >= sizeof txt) {
        (c ? cdn_memo_triple_unsure : cdn_memo_pair_unsure)(&s->memo, a);
        return 0;
    }
    memcpy(txt, a->text, a->len); memcpy(txt + a->len, b->text, b->len);
    if (c) memcpy(txt + a->len + b->len, c->text, c->len);
    txt[len] = 0;
    join_key jk = { .tok = { txt, NULL, "", (uint16_t)len, 0, 0, 0, 0, -1, -1 } };
    /* The alignment meets joined neighbours only exactly or by their key (joined_sim). */
    if (lookup_token(s, &jk.tok, LOOKUP_EXACT_OR_KEY, &jk, slot)) return -1;
    if (jk.cut) (c ? cdn_memo_triple_unsure : cdn_memo_pair_unsure)(&s->memo, a);
    /* Which terms the neighbours met, for the scoring bound (cdn_align_hopeless). */
    for (size_t h = 0; h < s->n_term_hits; h++)
        (c ? cdn_memo_mark_triple : cdn_memo_mark_pair)(&s->memo, a, (int32_t)s->term_hits[h].term);
    return stash_hits(s, -1, sp);
}

/* Adds one term's postings to the entities they reach: weight × similarity once a token (the hits
 * come best first), and the pair each may form. A letter's term met by a name of two letters or
 * more is a list initial: only the entities whose names write initials (initial_postings). */
static void walk_term(cordon_screener *s, const cdn_walk_hit *hit, float w, uint8_t slot, uint32_t tok,
                      int touched_only) {
    const cdn_ix_term *t = &s->ix->terms[hit->term];
    const uint32_t *post = s->ix->postings + t->first_post;
    uint32_t n = t->n_post;
    int named = hit->letter < 0;
    if (!named) {
        post = s->shared->initial_posts + s->shared->initial_first[hit->letter];
        n = s->shared->initial_first[hit->letter + 1] - s->shared->initial_first[hit->letter];
    }
    if (touched_only) add_term_touched(s, post, n, slot, hit->term, tok, w * hit->sim, named);
    else walk_postings(s, post, n, slot, hit->term, tok, w * hit->sim, named);
}

/* Walks one item's hits for every entity they reach (touched_only: only those reached already, as
 * the caller knows the item cannot make a candidate alone), and counts what pairs it could form. */
static void walk_hits(cordon_screener *s, const cdn_walk_hit *hits, size_t n_hits, float w, uint8_t slot,
                      int touched_only) {
    const cordon_index *ix = s->ix;
    if (touched_only && s->n_touched == 0) return;
    uint32_t tok = next_acc_epoch(s, &s->tok_epoch, offsetof(cdn_ent_acc, stamp));
    /* The walk is bound by cache misses, not instructions: the hits' term records, their postings
     * and the accumulators those reach lie scattered, so each is fetched ahead of its use. */
    for (size_t h = 0; h < n_hits; h++) cdn_prefetch(&ix->terms[hits[h].term]);
    for (size_t h = 0; h < n_hits; h++) {
        if (h + 1 < n_hits) cdn_prefetch(ix->postings + ix->terms[hits[h + 1].term].first_post);
        walk_term(s, &hits[h], w, slot, tok, touched_only);
    }
}

/* The hits of several forms' item (sp[k] for the k-th, each best first), merged into s->merged
 * best first: each term once, at its best similarity, as a list initial only when every form
 * whose item met it met it as one. */
static int merge_hits(cordon_screener *s, const item_span *const *sp, int n_forms) {
    size_t total = 0, next[CDN_MAX_FORMS] = { 0 };
    for (int k = 0; k < n_forms; k++) total += sp[k]->n;
    s->n_merged = 0;
    if (grow((void **)&s->merged, &s->merged_cap, total, sizeof *s->merged)) return -1;
    size_t initials[26], n_initials = 0;      /* where the kept list initials are */
    for (;;) {
        int best = -1;                         /* the form whose next hit is the best left */
        for (int k = 0; k < n_forms; k++)
            if (next[k] < sp[k]->n &&
                (best < 0 || s->stash[sp[k]->first + next[k]].sim > s->stash[sp[best]->first + next[best]].sim))
                best = k;
        if (best < 0) break;
        const cdn_walk_hit *h = &s->stash[sp[best]->first + next[best]++];
        uint64_t bit = 1ULL << (h->term & 63);
        if (!(s->term_found[h->term >> 6] & bit)) {     /* the first of a term is its best */
            s->term_found[h->term >> 6] |= bit;
            if (h->letter >= 0 && n_initials < 26) initials[n_initials++] = s->n_merged;
            s->merged[s->n_merged++] = *h;
        } else if (h->letter < 0) {                      /* another form met it as a name */
            for (size_t j = 0; j < n_initials; j++)
                if (s->merged[initials[j]].term == h->term) s->merged[initials[j]].letter = -1;
        }
    }
    for (size_t h = 0; h < s->n_merged; h++) s->term_found[s->merged[h].term >> 6] = 0;
    return 0;
}

/* Marks the entities reached so far in touched_bits (a bit each: the minor items' postings test
 * them there, not in the far larger accumulators), or clears the marks again. */
static void set_touched_bits(cordon_screener *s, int on) {
    for (size_t k = 0; k < s->n_touched; k++) {
        uint32_t e = s->touched[k];
        if (on) s->touched_bits[e >> 6] |= 1ULL << (e & 63);
        else s->touched_bits[e >> 6] = 0;
    }
}

/* The weight of a query form's heaviest token that may stand in a typo's place; 0 when the form
 * cannot hold a typo. *lengths: the form_lengths bit an entity needs for one (of a guessed-script
 * form when every such token is read with guessed vowels). */
static float typo_heaviest(const mtok *t, int n, uint32_t *lengths) {
    int letters = 0, latin = 0, parts = 0;
    float w = 0;
    for (int i = 0; i < n; i++) {
        letters += t[i].len;
        if (!cdn_typo_part(&t[i])) continue;
        parts++;
        if (t[i].w > w) w = t[i].w;
        latin |= !cdn_vowels_guessed(t[i].script);
    }
    *lengths = cdn_length_bit(n) << (latin ? 0 : 16);
    /* The typo's token and another name part, met (align_typo): two typo parts at least. */
    return parts >= 2 && cdn_typo_budget(letters) ? w : 0;
}

/* Whether the rest of a name, weighing `met` (grants included), can carry a typo on a token of at
 * most `heaviest`: a typo leaves the name CDN_TYPO_EDITS_MAX edits for all its pairs, one at least
 * its own, so the other pairs are exact but one at most, at CDN_FUZZY_FLOOR or more: they hold all
 * the weight but the typo's token's and 0.3 of another's (both at most the heaviest), and at least
 * `evidence` (CDN_TYPO_EVIDENCE). */
static int rest_carries_typo(float met, float total, float heaviest, float evidence) {
    return met >= total - (2 - CDN_FUZZY_FLOOR) * heaviest - 1e-4f && met >= evidence - 1e-4f;
}

/* The minor items once typos are counted. A typo meets one query token once every other token met,
 * so an entity only minor items reach may meet it only where every token but one is minor: never
 * with two major tokens or more, nor when the minor items cannot carry a typo (rest_carries_typo).
 * Else the heaviest minor token turns major while the minor items, with the typo on the token
 * left, could still reach theta. */
static uint64_t typo_minor(const mtok *t, int n, uint64_t minor, float total, float initials, float theta,
                           float heaviest, float evidence) {
    float budget = minor_budget(total, initials, theta);
    for (;;) {
        float minor_w = 0, heaviest_minor_w = -1;
        int majors = 0, major = -1, heaviest_minor = -1;
        for (int i = 0; i < 2 * n - 1; i++) {
            int bit = item_bit(i, n);
            float w = item_weight(t, i, n);
            if (minor >> bit & 1) minor_w += w;
            if (i >= n) continue;
            if (!(minor >> bit & 1)) { majors++; major = i; }
            else if (w > heaviest_minor_w) { heaviest_minor = i; heaviest_minor_w = w; }
        }
        if (majors >= 2 || heaviest_minor < 0 || !rest_carries_typo(minor_w + initials, total, heaviest, evidence))
            return minor;
        /* With one major token, the typo's token is that one. */
        float typo_w = majors == 1 ? (cdn_typo_part(&t[major]) ? t[major].w : 0) : heaviest;
        if (minor_w + typo_w * CDN_TYPO_SIM_ONE < budget) return minor;
        minor &= ~(1ull << heaviest_minor);
    }
}

/* What a typo may add at entity a, whose met weight (`met`, grants included) is a->acc from its
 * lookups: 0 unless every other token may have met (so two pairs or more for three tokens) and the
 * rest can carry the typo, else the heaviest typo token's grant, though no more than the weight the
 * lookups left unmet (the typo's token met nothing there). */
static float typo_at(const cdn_ent_acc *a, int n, float met, float total, float heaviest, float evidence) {
    if (a->hit_count < (n >= 3 ? 2 : 1) || !rest_carries_typo(met, total, heaviest, evidence)) return 0;
    float unmet = total - a->acc;
    return (unmet < heaviest ? unmet : heaviest) * CDN_TYPO_SIM_ONE;
}

/* ---- Query forms looked up as one ---------------------------------------------------------- */

/* A query's forms are often one name read several ways: حسين as husayn and hussein, 桂荣 as kye
 * yong and gye yong. Forms of as many tokens that the bound treats alike (forms_alike) are looked up
 * as one group: its item i meets every term item i of any of its forms met, at the best
 * similarity, and weighs the most item i weighs in any of them, in the units of the heaviest form
 * (each form's weights scaled by total / its own total). Each form's share of its weight is then at
 * most the group's, so the group's bound holds for each, and a name part that the forms share has
 * its postings walked once, not once a form. A group of one form is that form, to the bit. */
typedef struct form_group {
    int forms[CDN_MAX_FORMS], n_forms;
    float weight[CDN_MAX_FORMS];         /* each form's own weight (form_weight) */
    int n;                               /* tokens in each form */
    float total;                         /* the heaviest form's weight */
    mtok t[CDN_MAX_TOKENS];              /* its first form's tokens, weighing the group's weights */
    item_span span[CDN_MAX_FORMS][ITEMS];   /* each form's items' hits (look_up_form) */
} form_group;

static float form_weight(const mtok *t, int n) {
    float total = 0;
    for (int i = 0; i < n; i++) total += t[i].w;
    return total;
}

/* Whether two forms of n tokens get the same grants from the bound, token for token. */
static int forms_alike(const mtok *a, const mtok *b, int n) {
    if (cdn_truncatable(a, n) != cdn_truncatable(b, n)) return 0;
    for (int i = 0; i < n; i++)
        if (cdn_is_initial(&a[i]) != cdn_is_initial(&b[i]) || cdn_initialism(&a[i], 1) != cdn_initialism(&b[i], 1) ||
            cdn_typo_part(&a[i]) != cdn_typo_part(&b[i])) return 0;
    return 1;
}

/* Gathers into g the query forms from `form` on that are alike and not yet done; 0 when `form`
 * weighs nothing (it is skipped, as its lookups could not reach a bound). */
static int make_group(const cdn_qforms *qf, int form, unsigned *done, form_group *g) {
    const mtok *t = &qf->t[qf->first[form]];
    int n = qf->n[form];
    *done |= 1u << form;
    g->n = n; g->n_forms = 0; g->total = 0;
    for (int f = form; f < qf->n_forms; f++) {
        const mtok *o = &qf->t[qf->first[f]];
        if (f > form && (*done >> f & 1 || qf->n[f] != n || !forms_alike(t, o, n))) continue;
        float weight = form_weight(o, n);
        if (weight <= 0 && f == form) return 0;
        if (weight <= 0) continue;
        *done |= 1u << f;
        g->weight[g->n_forms] = weight;
        g->forms[g->n_forms++] = f;
        if (weight > g->total) g->total = weight;
    }
    memcpy(g->t, t, (size_t)n * sizeof *t);
    for (int i = 0; i < n; i++) g->t[i].w = 0;
    for (int k = 0; k < g->n_forms; k++) {
        const mtok *o = &qf->t[qf->first[g->forms[k]]];
        float scale = g->total / g->weight[k];
        for (int i = 0; i < n; i++)
            if (o[i].w * scale > g->t[i].w) g->t[i].w = o[i].w * scale;
    }
    return 1;
}

/* What the bound grants a query form beyond its lookups' hits, in the form's own weight. */
typedef struct grants {
    float initials;           /* its initials, which may meet any list token of their letter */
    int n_initials;
    float cut;                /* a last word that may be cut short, initialisms, runs too many to look up */
    float heaviest;           /* the heaviest token that may be a typo (typo_heaviest), or 0 */
    uint32_t typo_lengths;
    float initials_bound;     /* the bound the initials alone reach, for every entity */
} grants;

/* The tokens of form k of group g. */
static const mtok *form_tokens(const cordon_screener *s, const form_group *g, int k) {
    return &s->qf.t[s->qf.first[g->forms[k]]];
}

/* The hits of item `it` of an earlier form of group g made of the same query tokens (by qid, hence
 * the same texts) as form k's, or NULL: that form's lookup is this one's, its hits, its marks in
 * the memo (by the first token's qid) and all. Forms read alike often share a token or a pair
 * ("min jun" in both "kim min jun" and "gim min jun"). */
static const item_span *item_before(const cordon_screener *s, const form_group *g, int k, int it) {
    int i = it % CDN_MAX_TOKENS, m = it / CDN_MAX_TOKENS + 1;    /* tokens i .. i + m - 1 */
    const mtok *t = form_tokens(s, g, k);
    for (int j = 0; j < k; j++) {
        const mtok *o = form_tokens(s, g, j);
        int d = 0;
        while (d < m && o[i + d].qid == t[i + d].qid) d++;
        if (d == m) return &g->span[j][it];
    }
    return NULL;
}

/* Looks up every item of form k of group g, minor or not: scoring trusts the memo the lookups
 * fill, whatever the candidates. Its hits go to g->span[k][item] (n = 0 for an item there is not). */
static int look_up_form(cordon_screener *s, form_group *g, int k) {
    const mtok *t = form_tokens(s, g, k);
    int n = g->n;
    item_span *sp = g->span[k];
    uint64_t before[3] = { 0 };              /* bit i of before[kind]: the item from token i an earlier form made */
    for (int kind = 0; kind < 3; kind++)     /* the items a form of n tokens has */
        for (int i = 0; i + kind < n; i++) {
            int it = kind * CDN_MAX_TOKENS + i;
            const item_span *same = item_before(s, g, k, it);
            sp[it] = same ? *same : (item_span){ 0, 0 };
            if (same) before[kind] |= 1ULL << i;
        }
    if (s->lc) presign_form(s, t, n, before[1]);
    for (int i = 0; i < n; i++)
        if (!(before[0] >> i & 1) && (lookup_token(s, &t[i], LOOKUP_ALL, NULL, (uint8_t)i) ||
                                      stash_hits(s, initial_letter(&t[i], LOOKUP_ALL), &sp[i]))) return -1;
    for (int i = 0; i + 1 < n; i++)          /* a joined pair is its own slot: it may pair once more */
        if (!(before[1] >> i & 1) &&
            look_up_joined(s, &t[i], &t[i + 1], NULL, (uint8_t)(CDN_MAX_TOKENS + i), &sp[CDN_MAX_TOKENS + i]))
            return -1;
    for (int i = 0; i + 2 < n; i++)          /* the list writes "Plat Ono Vich" as one word */
        if (!(before[2] >> i & 1) && cdn_triple_may_join(&t[i], &t[i + 1], &t[i + 2]) &&
            look_up_joined(s, &t[i], &t[i + 1], &t[i + 2], (uint8_t)(2 * CDN_MAX_TOKENS + i),
                           &sp[2 * CDN_MAX_TOKENS + i])) return -1;
    return 0;
}

/* The grants of query form `form`, of weight `total`, and into `one` the runs of its neighbours'
 * initials that spell a list term. */
static void form_grants(cordon_screener *s, int form, float total, run_set *one, grants *gr) {
    const mtok *t = &s->qf.t[s->qf.first[form]];
    int n = s->qf.n[form];
    /* A query initial ("J") is looked up exactly only, yet may meet any list token starting with
     * its letter: the bound grants it to every entity reached, and the pair it may add. An entity
     * reached by nothing else is not a candidate unless the initials alone could carry it. */
    gr->initials = 0;
    gr->n_initials = 0;
    for (int i = 0; i < n; i++)
        if (cdn_is_initial(&t[i])) { gr->initials += t[i].w * 0.80f; gr->n_initials++; }
    /* A last word that may be cut short meets any longer list token it starts, which no lookup
     * finds: the bound grants it to every entity reached, as an initial, and the pair it may add.
     * It only meets once another pair did, so an entity reached by nothing is no candidate for it. */
    gr->cut = cdn_truncatable(t, n) ? t[n - 1].w : 0;
    /* So is a query token written as initials (U.S.), which may meet the run of list words it
     * spells (align_initialisms), once another pair met. */
    for (int i = 0; i < n; i++)
        if (cdn_initialism(&t[i], 1)) gr->cut += t[i].w;
    one->n = one->full = one->n_hits = 0;
    one->n_toks = n;
    /* A run spells a letter a token, CDN_INITIALISM_MIN_LIST or more, and leaves a token out
     * (keep_run): shorter forms have none, and need not try every run. */
    if (n > CDN_INITIALISM_MIN_LIST) cdn_run_initials(t, n, keep_run, one);
    if (one->full) { gr->cut += total; one->n = 0; }   /* too many to look up: granted to all reached */
    /* The list terms the runs' initials are: the only list initialisms the bound need consider. */
    cdn_bound_side *side = &s->qf.side[form];
    side->run_terms = one->full ? ~0ULL : 0;
    for (int k = 0; k < one->n; k++) side->run_terms |= 1ULL << (one->r[k].term & 63);
    /* A typo (align_typo) meets the one query token the lookups did not, once every other met:
     * the bound grants the heaviest that may be one to every entity reached by enough of them. */
    gr->heaviest = typo_heaviest(t, n, &gr->typo_lengths);
    gr->initials_bound = cdn_form_bound(gr->initials / total, gr->n_initials >= 2);
    if (gr->initials_bound > CDN_NAMES_NO_ONE_CAP && cdn_names_no_one(t, n)) gr->initials_bound = CDN_NAMES_NO_ONE_CAP;
}

/* Adds one form's runs to the group's, each once; past MAX_RUNS the group's are full. */
static void merge_runs(run_set *runs, const run_set *one) {
    for (int k = 0; k < one->n && !runs->full; k++) {
        int seen = 0;
        for (int j = 0; j < runs->n && !seen; j++)
            seen = runs->r[j].term == one->r[k].term && runs->r[j].first == one->r[k].first &&
                   runs->r[j].last == one->r[k].last;
        if (seen) continue;
        if (runs->n == MAX_RUNS) runs->full = 1;
        else runs->r[runs->n++] = one->r[k];
    }
}

/* The hits of item `it` over the group's forms, merged when they differ. A form whose item is made
 * of the same query tokens as an earlier form's holds that form's span (item_before). */
static int group_item(cordon_screener *s, form_group *g, int it, const cdn_walk_hit **hits, size_t *n) {
    const item_span *distinct[CDN_MAX_FORMS] = { &g->span[0][it] };
    int n_distinct = 1;
    for (int k = 1; k < g->n_forms; k++) {   /* most queries have one form: its item's own hits */
        const item_span *sp = &g->span[k][it];
        int seen = 0;
        for (int j = 0; j < n_distinct && !seen; j++) seen = distinct[j]->first == sp->first && distinct[j]->n == sp->n;
        if (!seen) distinct[n_distinct++] = sp;
    }
    if (n_distinct == 1) {
        *hits = s->stash + distinct[0]->first;
        *n = distinct[0]->n;
        return 0;
    }
    if (merge_hits(s, distinct, n_distinct)) return -1;
    *hits = s->merged;
    *n = s->n_merged;
    return 0;
}

/* Walks the group's items that are minor (pass 1) or not (pass 0). */
static int reach(cordon_screener *s, form_group *g, uint64_t minor, int pass) {
    const mtok *t = g->t;
    const cdn_walk_hit *hits;
    size_t n_hits;
    for (int i = 0; i < g->n; i++) {
        if ((int)(minor >> i & 1) != pass) continue;
        if (group_item(s, g, i, &hits, &n_hits)) return -1;
        walk_hits(s, hits, n_hits, t[i].w, (uint8_t)i, pass);
    }
    for (int i = 0; i + 1 < g->n; i++) {
        int it = CDN_MAX_TOKENS + i;
        if ((int)(minor >> it & 1) != pass) continue;
        if (group_item(s, g, it, &hits, &n_hits)) return -1;
        walk_hits(s, hits, n_hits, t[i].w + t[i + 1].w, (uint8_t)it, pass);
    }
    for (int i = 0; pass == 0 && i + 2 < g->n; i++) {   /* three neighbours joined are always major */
        int it = 2 * CDN_MAX_TOKENS + i;
        if (group_item(s, g, it, &hits, &n_hits)) return -1;
        if (n_hits) walk_hits(s, hits, n_hits, t[i].w + t[i + 1].w + t[i + 2].w, (uint8_t)it, 0);
    }
    return 0;
}

/* Looks up a group's forms and keeps, for every entity whose bound through them may reach theta,
 * the bound of each form (the group's), and the entity as a candidate. */
static int group_candidates(cordon_screener *s, form_group *g, float theta) {
    int n = g->n;
    float total = g->total;
    /* The group's grants: the most any form's grant weighs, in the group's units. */
    grants gg = { 0 }, gr;
    run_set run_store, one_store, *runs = &run_store, *one = &one_store;
    runs->ix = one->ix = s->ix;
    runs->shared = one->shared = s->shared;
    runs->n = runs->full = runs->n_hits = 0;
    runs->n_toks = n;
    s->n_stash = 0;
    for (int k = 0; k < g->n_forms; k++) {
        float scale = total / g->weight[k];
        form_grants(s, g->forms[k], g->weight[k], one, &gr);
        merge_runs(runs, one);
        gg.initials = fmaxf(gg.initials, gr.initials * scale);
        gg.n_initials = gr.n_initials;           /* alike forms have as many */
        gg.cut = fmaxf(gg.cut, gr.cut * scale);
        if (gr.heaviest > 0) gg.typo_lengths |= gr.typo_lengths;
        gg.heaviest = fmaxf(gg.heaviest, gr.heaviest * scale);
        gg.initials_bound = fmaxf(gg.initials_bound, gr.initials_bound);
        if (look_up_form(s, g, k)) return -1;
    }
    if (runs->full) { gg.cut += total; runs->n = 0; }
    float initials = gg.initials, cut = gg.cut, heaviest = gg.heaviest;
    int n_initials = gg.n_initials;
    float typo_evidence = cdn_typo_evidence(cdn_full_evidence(s->ix));
    next_acc_epoch(s, &s->form_epoch, offsetof(cdn_ent_acc, acc_mark));
    s->n_touched = 0;
    uint64_t minor = minor_items(g->t, n, total, initials + cut, theta);
    if (heaviest > 0) minor = typo_minor(g->t, n, minor, total, initials + cut, theta, heaviest, typo_evidence);
    /* The major items reach entities, then the minor ones only those (marked in touched_bits). */
    if (reach(s, g, minor, 0)) return -1;
    reach_runs(s, g->t, runs);
    set_touched_bits(s, 1);
    int rc = reach(s, g, minor, 1);
    set_touched_bits(s, 0);
    add_runs(s, runs);
    if (rc) return -1;
    if (n_initials && gg.initials_bound >= theta) return all_candidates(s);
    /* A bound below theta is never kept: scoring skips a form without one as it would skip it for
     * that bound (its floor is never below theta). Most entities reached weigh too little for any
     * bound, even with the grants and the most a typo adds: they are passed over on acc alone. */
    float least_acc = minor_budget(total, initials + cut, theta) - heaviest * CDN_TYPO_SIM_ONE;
    for (size_t k = 0; k < s->n_touched; k++) {
        uint32_t e = s->touched[k];
        const cdn_ent_acc *a = &s->ea[e];
        if (a->acc < least_acc) continue;
        if (!a->named) continue;         /* a list initial alone: it pairs only beside a pair of names */
        float met = a->acc + initials + cut;
        int many = a->hit_count >= 2 || ((n_initials || cut > 0) && a->hit_count >= 1) || n_initials >= 2;
        /* The bound counts the typo where one may be, also past theta: scoring compares it with
         * the best score so far. typo_only: without it, the form would not reach theta. */
        float more = heaviest > 0 ? typo_at(a, n, met, total, heaviest, typo_evidence) : 0;
        if (more > 0 && !(a->form_lengths & gg.typo_lengths)) more = 0;   /* no list form of n tokens */
        int typo_only = more > 0 && cdn_form_bound(met / total, many) < theta;
        if (more > 0) { met += more; many |= a->hit_count >= 1; }
        if (cdn_form_bound(met / total, many) < theta) continue;
        for (int f = 0; f < g->n_forms; f++) keep_form_bound(s, e, g->forms[f], met / total, many, typo_only);
        add_candidate(s, e);
    }
    return 0;
}

float cdn_form_bound(float share, int many) {
    if (share > 1) share = 1;
    float by_list = CDN_LIST_LEAD_FLOOR + (1 - CDN_LIST_LEAD_FLOOR) * share;
    return many && by_list > share ? by_list : share;
}

int cdn_entity_form_bounded(const cordon_screener *s, uint32_t e, int form, float floor) {
    if (!s->bounds_valid) return 0;
    const cdn_ent_acc *a = &s->ea[e];
    if (a->fb_mark != s->epoch || !(a->fb_mask >> form & 1)) return 1;   /* met nothing at all */
    size_t k = (size_t)e * CDN_MAX_FORMS + form;
    return cdn_form_bound(s->fb[k], s->fb_many[k]) < floor;
}

unsigned cdn_entity_typo_forms(const cordon_screener *s, uint32_t e) {
    return s->bounds_valid && s->ea[e].fb_mark == s->epoch ? s->ea[e].fb_typo : 0;
}

static void ident_candidates(cordon_screener *s, const cdn_query_facts *f) {
    const cdn_ix_map *m = &s->ix->by_ident;
    for (int k = 0; k < f->n_idents; k++) {
        uint64_t h = cdn_hash(f->idents[k], strlen(f->idents[k]));
        uint32_t b = (uint32_t)h & m->mask, check = (uint32_t)(h >> 32);
        for (uint32_t i = m->starts[b]; i < m->starts[b + 1]; i++)
            if (m->entries[2 * i] == check) add_candidate(s, m->entries[2 * i + 1]);
    }
}

int cdn_gather_candidates(cordon_screener *s, const cdn_query_facts *f, double threshold, int exhaustive) {
    s->n_cands = 0;
    s->bounds_valid = 0;
    if (next_epoch(&s->epoch, s->mark, s->ix->n_entities + 1) == 1) {
        for (uint32_t e = 0; e < s->ix->n_entities; e++) s->ea[e].fb_mark = 0;
        memset(s->typo_seen, 0, sizeof s->typo_seen);
    }
    s->align_floor = 0;
    if (exhaustive) {
        for (uint32_t e = 0; e < s->ix->n_entities; e++) add_candidate(s, e);
        return 0;
    }
    /* The bound is on the name score; evidence can add at most what the query's facts may agree by. */
    float theta = (float)threshold - cdn_evidence_max_bonus(f) - 1e-4f;
    s->n_qhits = 0;
    s->bounds_off = 0;
    for (int i = 0; i < s->qf.n_toks; i++) s->qhit_n[i] = UINT32_MAX;
    unsigned done = 0;
    form_group g;
    for (int q = 0; q < s->qf.n_forms; q++)
        if (!(done >> q & 1) && make_group(&s->qf, q, &done, &g) && group_candidates(s, &g, theta)) return -1;
    ident_candidates(s, f);
    s->bounds_valid = !s->bounds_off;
    s->bound_floor = theta;
    s->align_floor = f->n_idents ? 0 : theta;
    /* The lookups met every term within the similarity rules of every query token and stored its
     * similarity, unless the memo overflowed: then scoring computes the misses itself. */
    s->memo.complete = !s->memo.dropped;
    return 0;
}
