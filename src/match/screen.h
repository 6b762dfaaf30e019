/* screen.h — the screener handle and what screen.c, result.c and compare.c share.
 * Invariant: a screener is used by one thread at a time; everything it returns is owned by the caller.
 */
#ifndef CDN_SCREEN_H
#define CDN_SCREEN_H

#include <stdio.h>
#include "match/match.h"

/* The query's forms as scorer tokens, flattened: form f is t[first[f] .. first[f]+n[f]). */
typedef struct cdn_qforms {
    mtok t[CDN_MAX_FORMS * CDN_MAX_TOKENS];
    int first[CDN_MAX_FORMS], n[CDN_MAX_FORMS];
    uint8_t scheme[CDN_MAX_FORMS];
    cdn_bound_side side[CDN_MAX_FORMS];   /* for cdn_align_hopeless */
    int n_forms, n_toks;
    unsigned plain;                   /* bit f: side[f].plain */
} cdn_qforms;

/* What every screener of one index shares (shared.c): facts derived from the index once, and the
 * lookups the screeners keep. Made by the first screener, freed with the index. */
typedef struct cdn_shared {
    cdn_ix_derived base;             /* first: cordon_index_close frees it through base.free */
    uint32_t *form_lengths;          /* per entity: cdn_ent_acc.form_lengths */
    uint64_t *number_terms;          /* bit t: term t is spelled as a number by some name */
    uint64_t *run_spellings;         /* the texts a run's initials may spell, hashed (cdn_may_spell_term) */
    int32_t letter_terms[26];        /* the term of each letter a to z written alone, or -1 */
    /* The postings of letter c's term kept for entities whose names write initials
     * (cdn_kind_has_initials): initial_posts[initial_first[c] .. initial_first[c + 1]). */
    uint32_t *initial_posts, initial_first[27];
    struct cdn_look_store *lookups;  /* NULL without memory: it is only a cache */
} cdn_shared;

/* The index's shared part, made on first use (by one thread, whichever is first); NULL on no memory. */
const cdn_shared *cdn_shared_get(const cordon_index *ix);
/* Whether a list term may be spelled a[0 .. len) (len <= CDN_INITIALISM_MAX): no means no. */
int cdn_may_spell_term(const cdn_shared *sh, const char *a, size_t len);
/* A bit for a form of n tokens: n below 15, else bit 15. */
static inline uint32_t cdn_length_bit(int n) { return 1u << (n < 15 ? n : 15); }

/* Which query form met which list name and form for an entity's best score. */
typedef struct cdn_best {
    float score;
    uint32_t name, lform;
    int qform;
} cdn_best;

typedef struct cdn_hit { uint32_t ent; float score; cdn_best best; } cdn_hit;

struct cordon_screener {
    const cordon_index *ix;          /* NULL for a compare-only screener */
    cdn_text *text;
    cdn_analysis qa, qa2;            /* the query (and compare's second name) */
    cdn_qforms qf, qf2;
    cdn_memo memo;
    uint32_t *mark, epoch;           /* candidate set: mark[e] == epoch */
    uint32_t *cands; size_t n_cands;
    struct cdn_ent_acc *ea;          /* the score bound per entity (candidates.c) */
    uint32_t form_epoch, tok_epoch;
    uint32_t *touched; size_t n_touched;
    uint64_t *touched_bits;          /* bit e: entity e is in touched (only while minor items run) */
    const cdn_shared *shared;        /* the index's (shared.c) */
    uint64_t *term_found;            /* bit t: term t is in found (the current token's lookup) */
    uint32_t *found; size_t n_found, found_cap; int found_failed;   /* … and which, in order */
    struct cdn_term_hit *term_hits; size_t n_term_hits, term_hits_cap;
    /* Lookups kept per query token (by qid): qhits[qhit_first[i] .. + qhit_n[i]), UINT32_MAX = not yet. */
    struct cdn_term_hit *qhits; size_t n_qhits, qhits_cap;
    uint32_t qhit_first[CDN_MAX_FORMS * CDN_MAX_TOKENS], qhit_n[CDN_MAX_FORMS * CDN_MAX_TOKENS];
    /* The hits of every item of the query forms looked up as one (candidates.c), and one item's
     * hits over those forms, each term once. */
    struct cdn_walk_hit *stash, *merged; size_t n_stash, stash_cap, n_merged, merged_cap;
    /* Per entity and query form, the bound of the name score (valid for the forms of the entity's
     * cdn_ent_acc.fb_mask, when its fb_mark == epoch). */
    float *fb; uint8_t *fb_many;
    /* holds_no_typo's answers this query, by the lone unmet list term and the query forms asked
     * for (valid when stamp == epoch): one term stands in many forms of many entities. */
    struct cdn_typo_seen { uint32_t term, stamp; unsigned forms; int holds_none; } typo_seen[64];
    int bounds_valid, bounds_off; float bound_floor;
    /* Below this a name score cannot show: the bound floor, or 0 when the query has identifiers (an
     * identifier alerts whatever the name, and the result shows the best name). */
    float align_floor;
    cdn_hit *hits; size_t n_hits, hits_cap;
    /* Per index form, its weight and whether a text repeats, kept from its first load, and per
     * index token its weight (valid where its form is kept): see weak_list_form in screen.c. */
    struct cdn_form_sum *form_sum;
    float *tok_w;
    struct cdn_lookups *lc;          /* its side of the index's kept lookups (candidates.c); NULL: none */
    char errmsg[256];
};

typedef struct cdn_term_hit { uint32_t term; float sim; } cdn_term_hit;
typedef struct cdn_lookups cdn_lookups;

/* What the score bound keeps of one entity while a query form is looked up, in one place so that
 * a posting touches one cache line. acc is valid when acc_mark == form_epoch; stamp == tok_epoch
 * when the current token already counted for the entity. */
typedef struct cdn_ent_acc {
    uint32_t acc_mark, stamp;
    float acc;                       /* the query weight met so far, times its similarity */
    uint32_t e_term;                 /* count_edge's first edge: its term … */
    uint8_t hit_count;               /* 0, 1 or 2: how many pairs the query form may make */
    uint8_t e_slot, e_flags;         /* … its token slot, and what else met either */
    uint8_t named;                   /* 1 once a hit other than a list initial's met it */
    /* The lengths of the entity's list forms (a bit each, see candidates.c): a typo needs one of
     * the query form's length; bits 16 and up, of those with a token in a script whose vowels are
     * guessed (cdn_vowels_guessed). Set when the screener is made. */
    uint32_t form_lengths;
    /* The query forms (bit f) whose bound s->fb keeps, valid when fb_mark == the query's epoch;
     * fb_typo: those whose bound reaches the floor only through a typo (align_typo). Here, not in
     * arrays of their own, so that the bounds cost no cache miss past the accumulator's. */
    uint32_t fb_mark;
    uint16_t fb_mask, fb_typo;
} cdn_ent_acc;

/* Candidate generation (candidates.c). init/free manage the per-entity arrays of the screener. */
int cdn_candidates_init(cordon_screener *s);
void cdn_candidates_free(cordon_screener *s);
/* Fills s->cands with every entity that may reach `threshold`; -1 on no memory. */
int cdn_gather_candidates(cordon_screener *s, const cdn_query_facts *f, double threshold, int exhaustive);
/* The most a name score can be with this share of the query's weight matched (and >= 2 tokens met). */
float cdn_form_bound(float share, int many);
/* 1 when the candidate pass proved that query form `form` scores entity e below `floor`. */
int cdn_entity_form_bounded(const cordon_screener *s, uint32_t e, int form, float floor);
/* The query forms (bit q) that can score entity e at the candidate floor only through a typo, so
 * only against list forms of as many tokens; 0 when the pass proved nothing. */
unsigned cdn_entity_typo_forms(const cordon_screener *s, uint32_t e);

void cdn_qforms_load(cdn_qforms *qf, const cordon_index *ix, const cdn_analysis *an);
int cdn_list_form(const cordon_index *ix, const cdn_ix_form *f, mtok *out);
/* Entity ent's best name score over its names and the query's forms, with where it was found;
 * a score below `floor` (the least that can alert) may come out lower than it is, or 0. */
float cdn_score_entity(cordon_screener *s, uint32_t ent, float floor, cdn_best *best);

/* Builds the result of s->hits[0 .. n_hits): captions, explanations (result.c). */
cordon_rc cdn_make_result(cordon_screener *s, const cdn_query_facts *facts, cordon_result **out);

/* One side of an alignment as its explanation shows it: the tokens aligned and, where their form
 * read given names as the names their nicknames stand for (CDN_SCHEME_NICKNAME), the same name's
 * tokens as written, token for token (else NULL): "bob" is shown, read as "robert". */
typedef struct cdn_shown { const mtok *t; const mtok *written; } cdn_shown;

/* The tokens as written of form `form` of qf when it is a nickname form (see cdn_shown), else NULL. */
const mtok *cdn_qform_written(const cdn_qforms *qf, int form);

/* The explanation of one alignment: its "tokens", "query_coverage" and "list_coverage" members,
 * written into the object open in w (explain.c). */
struct cdn_jw;
void cdn_explain_alignment(struct cdn_jw *w, cdn_shown q, cdn_shown l, const cdn_align *al);
/* A one-line "why" for an alignment: "kim, jong, un~eun (phonetic), bob~robert (nickname)". */
void cdn_why_alignment(cdn_shown q, cdn_shown l, const cdn_align *al, char *out, size_t cap);

#endif
