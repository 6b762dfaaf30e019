/* shared.c — what every screener of one index shares: facts derived from the index once, and the
 * store of kept lookups. Made by the first screener that needs it, freed when the index is closed.
 */
#include <stdlib.h>
#include <string.h>
#include "match/lookups.h"
#include "match/screen.h"
#include "util/table.h"

/* Whether a list form has a token in a script whose vowels are guessed. */
static int guessed_form(const cordon_index *ix, const cdn_ix_form *f) {
    for (uint32_t k = 0; k < f->n_toks; k++)
        if (cdn_vowels_guessed(ix->ntoks[f->first_tok + k].script)) return 1;
    return 0;
}

/* Entity e's list form lengths, as bits (cdn_length_bit), those of forms guessed_form() above. */
static uint32_t form_lengths(const cordon_index *ix, uint32_t e) {
    const cdn_ix_entity *ent = &ix->entities[e];
    uint32_t lengths = 0;
    for (uint32_t n = 0; n < ent->n_names; n++) {
        const cdn_ix_name *nm = &ix->names[ent->first_name + n];
        for (uint32_t f = 0; f < nm->n_forms; f++) {
            const cdn_ix_form *xf = &ix->forms[nm->first_form + f];
            uint32_t bit = cdn_length_bit(xf->n_toks);   /* (a form cut at CDN_MAX_TOKENS is past 15) */
            lengths |= guessed_form(ix, xf) ? bit | bit << 16 : bit;
        }
    }
    return lengths;
}

/* The texts that a run of query neighbours' initials may spell (keep_run in candidates.c): list
 * terms of CDN_INITIALISM_MIN_LIST to CDN_INITIALISM_MAX letters that some name holds, a bit each by
 * a hash of the text. A query form of n tokens has runs in every stretch of 3 or more; nearly none
 * spell a list term, and this 32 KB filter, which stays in the cache, answers them without the term
 * map's two cache misses. */
#define RUN_SPELLING_BITS 18

static uint32_t run_spelling_bit(const char *a, size_t len) {
    uint64_t v = 0;
    memcpy(&v, a, len);                  /* len <= CDN_INITIALISM_MAX < 8 */
    return (uint32_t)(((v ^ len) * 0x9e3779b97f4a7c15ULL) >> (64 - RUN_SPELLING_BITS));
}

int cdn_may_spell_term(const cdn_shared *sh, const char *a, size_t len) {
    uint32_t b = run_spelling_bit(a, len);
    return sh->run_spellings[b >> 6] >> (b & 63) & 1;
}

static uint64_t *run_spellings(const cordon_index *ix) {
    _Static_assert(CDN_INITIALISM_MAX < 8, "a run's initials fit a 64-bit word");
    uint64_t *filter = calloc((1u << RUN_SPELLING_BITS) / 64, sizeof *filter);
    for (size_t t = 0; filter && t < ix->n_terms; t++) {
        const cdn_ix_term *term = &ix->terms[t];
        if (term->len < CDN_INITIALISM_MIN_LIST || term->len > CDN_INITIALISM_MAX || !term->n_post) continue;
        uint32_t b = run_spelling_bit(cdn_ix_str(ix, term->text), term->len);
        filter[b >> 6] |= 1ULL << (b & 63);
    }
    return filter;
}

/* Each letter's term, and its postings of entities whose names write initials: a list initial meets
 * a query name only there (cdn_list_initial_meets, cdn_kind_has_initials), and the letters of
 * company names ("y", "s", "e") would otherwise be walked for every query token. */
static int initial_postings(const cordon_index *ix, cdn_shared *sh) {
    size_t total = 0;
    for (int c = 0; c < 26; c++) {
        char letter = (char)('a' + c);
        sh->letter_terms[c] = (int32_t)cdn_ix_find_term(ix, &letter, 1);
        if (sh->letter_terms[c] >= 0) total += ix->terms[sh->letter_terms[c]].n_post;
    }
    sh->initial_posts = malloc((total ? total : 1) * sizeof *sh->initial_posts);
    if (!sh->initial_posts) return -1;
    uint32_t n = 0;
    for (int c = 0; c < 26; c++) {
        sh->initial_first[c] = n;
        if (sh->letter_terms[c] < 0) continue;
        const cdn_ix_term *t = &ix->terms[sh->letter_terms[c]];
        for (uint32_t i = 0; i < t->n_post; i++) {
            uint32_t e = ix->postings[t->first_post + i];
            if (cdn_kind_has_initials(ix->entities[e].kind)) sh->initial_posts[n++] = e;
        }
    }
    sh->initial_first[26] = n;
    return 0;
}

static void shared_free(cdn_ix_derived *d) {
    cdn_shared *sh = (cdn_shared *)d;
    free(sh->form_lengths); free(sh->number_terms); free(sh->run_spellings); free(sh->initial_posts);
    cdn_look_store_free(sh->lookups);
    free(sh);
}

static cdn_shared *shared_new(const cordon_index *ix) {
    cdn_shared *sh = calloc(1, sizeof *sh);
    if (!sh) return NULL;
    sh->base.free = shared_free;
    sh->form_lengths = calloc(ix->n_entities + 1, sizeof *sh->form_lengths);
    sh->number_terms = cdn_table_alloc(ix->n_terms / 64 + 1, sizeof *sh->number_terms);
    sh->run_spellings = run_spellings(ix);
    sh->lookups = cdn_look_store_new();        /* only a cache: the screeners work without it */
    if (!sh->form_lengths || !sh->number_terms || !sh->run_spellings || initial_postings(ix, sh)) {
        shared_free(&sh->base);
        return NULL;
    }
    for (uint32_t e = 0; e < ix->n_entities; e++) sh->form_lengths[e] = form_lengths(ix, e);
    for (size_t t = 0; t < ix->n_terms; t++)
        if (ix->terms[t].flags & CDN_TOK_NUMBER) sh->number_terms[t >> 6] |= 1ULL << (t & 63);
    return sh;
}

const cdn_shared *cdn_shared_get(const cordon_index *ix) {
    /* The index is read-only but for this one slot, made once: the cast drops a const that does
     * not apply to it. */
    _Atomic(cdn_ix_derived *) *slot = (_Atomic(cdn_ix_derived *) *)&ix->derived;
    cdn_ix_derived *have = atomic_load_explicit(slot, memory_order_acquire);
    if (have) return (const cdn_shared *)have;
    cdn_shared *made = shared_new(ix);
    if (!made) return NULL;
    /* Two screeners opened at once may both make it: the first one kept wins. */
    if (atomic_compare_exchange_strong_explicit(slot, &have, &made->base, memory_order_acq_rel, memory_order_acquire))
        return made;
    shared_free(&made->base);
    return (const cdn_shared *)have;
}
