/* build.c — compiles the entities of every source into one index file (the cordon_builder_* API).
 * Invariant: the file is written under a temporary name and renamed, so readers see old or new, never half.
 */
#include <errno.h>
#include <pthread.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <unicode/uversion.h>
#include "index/build.h"
#include "index/records.h"
#include "util/buf.h"

typedef struct compiler compiler;
typedef struct source_job source_job;

/* Each list is compiled on a thread while the next one is read (a build's work is mostly that, and
 * it needs nothing from later lists); the entities' records are rendered when the write starts,
 * on the caller's thread, while the last list compiles. */
struct cordon_builder {
    cdn_set set;
    cdn_text *text;                 /* used by the compiling thread only */
    compiler *c;
    source_job **jobs; size_t n_jobs;
    int written;
    int set_freed;                  /* the set went when the write no longer needed it */
    int lost;                       /* a source could not be handed over (no memory) */
    char errmsg[512];
};

/* ---- Growable byte buffers and string interning ----------------------------------------- */

typedef cdn_buf buf;

#define VEC_PUSH(b, x) cdn_buf_add((b), &(x), sizeof(x))

/* Open addressing map from a string (kept in the pool) to a u32 value. A slot keeps the string's
 * hash next to its offset and value, so a probe touches one cache line, growing never rereads
 * strings, and strings are compared only when hashes agree. */
typedef struct slot { uint32_t hash, key, val; } slot;     /* key: pool offset + 1; 0 = empty */
typedef struct strmap { slot *slots; size_t mask, n; } strmap;

static int strmap_grow(strmap *m) {
    size_t cap = m->mask ? (m->mask + 1) * 2 : 1 << 14;
    slot *slots = calloc(cap, sizeof *slots);
    if (!slots) return -1;
    for (size_t i = 0; m->mask && i <= m->mask; i++) {
        if (!m->slots[i].key) continue;
        size_t j = m->slots[i].hash & (cap - 1);
        while (slots[j].key) j = (j + 1) & (cap - 1);
        slots[j] = m->slots[i];
    }
    free(m->slots);
    m->slots = slots; m->mask = cap - 1;
    return 0;
}

/* Finds s; if absent and `add` is set, stores it (copying s into the pool) with value `val`. Returns
 * the slot's value pointer, or NULL (absent, or no memory when adding). */
static uint32_t *strmap_get(strmap *m, buf *pool, const char *s, size_t len, int add, uint32_t val) {
    if ((m->n + 1) * 2 > m->mask + 1 && strmap_grow(m)) return NULL;
    uint32_t h = (uint32_t)cdn_hash(s, len);
    size_t j = h & m->mask;
    for (; m->slots[j].key; j = (j + 1) & m->mask) {
        if (m->slots[j].hash != h) continue;
        const char *k = pool->p + m->slots[j].key - 1;
        if (strncmp(k, s, len) == 0 && k[len] == 0) return &m->slots[j].val;
    }
    if (!add) return NULL;
    long off = cdn_buf_add(pool, s, len);
    if (off < 0 || cdn_buf_add(pool, "", 1) < 0) return NULL;
    m->slots[j] = (slot){ h, (uint32_t)off + 1, val };
    m->n++;
    return &m->slots[j].val;
}

static void strmap_free(strmap *m) { free(m->slots); memset(m, 0, sizeof *m); }

/* ---- The compiler's state ------------------------------------------------------------------ */

struct compiler {
    cordon_builder *b;
    buf pool; strmap interned;                 /* string pool, deduplicated */
    strmap terms_by_text; buf terms;           /* cdn_ix_term[] */
    buf sources, entities, names, forms, ntoks, dobs, countries, idents, records;
    buf pairs;                                 /* u64 (term << 32 | entity) postings before sorting */
    buf df;                                    /* u32 per term: names holding it */
    cdn_map_builder by_id, by_text, by_key, by_skel, by_delete, by_ident;
    cdn_analysis an;
    uint32_t n_entities;
    strmap seen; buf seen_pool;                /* entity ids compiled so far */
    buf kept;                                  /* u64 per compiled entity: job << 32 | index in the job */
    int failed;                                /* out of memory on the compiling thread */
};

static long intern(compiler *c, const char *s) {
    if (!s) s = "";
    uint32_t *v = strmap_get(&c->interned, &c->pool, s, strlen(s), 1, UINT32_MAX);
    if (!v) return -1;
    if (*v == UINT32_MAX) *v = (uint32_t)(c->pool.n - strlen(s) - 1);
    return *v;
}

static uint32_t n_terms(const compiler *c) { return (uint32_t)(c->terms.n / sizeof(cdn_ix_term)); }

/* The term for a folded token text, created on first sight with its key and skeleton: the
 * analysis's (`key`, `skel`), or computed when they are NULL (a joined pair). */
static long term_of(compiler *c, const char *text, size_t len, uint8_t flags, const char *akey, const char *askel) {
    uint32_t id = n_terms(c);
    uint32_t *v = strmap_get(&c->terms_by_text, &c->pool, text, len, 1, id);
    if (!v) return -1;
    cdn_ix_term *terms = (cdn_ix_term *)c->terms.p;
    if (*v != id) { terms[*v].flags |= flags; return *v; }
    uint32_t text_off = (uint32_t)(c->pool.n - len - 1);   /* where strmap_get just copied the text */
    char key[128], skel[128], tmp[256];
    size_t tl = len < sizeof tmp - 1 ? len : sizeof tmp - 1;
    memcpy(tmp, text, tl); tmp[tl] = 0;
    size_t kl, sl;
    if (akey && askel && strlen(akey) < sizeof key && strlen(askel) < sizeof skel) {
        kl = strlen(akey); memcpy(key, akey, kl + 1);
        sl = strlen(askel); memcpy(skel, askel, sl + 1);
    } else {
        kl = cdn_key(tmp, tl, key, sizeof key);
        sl = cdn_skeleton(tmp, tl, skel, sizeof skel);
    }
    cdn_ix_term t = {0};
    long ko = intern(c, key), so = intern(c, skel);
    if (ko < 0 || so < 0) return -1;
    t.text = text_off; t.key = (uint32_t)ko; t.skel = (uint32_t)so;
    t.len = (uint16_t)tl; t.flags = flags;
    uint32_t zero = 0;
    if (VEC_PUSH(&c->terms, t) < 0 || VEC_PUSH(&c->df, zero) < 0) return -1;
    if (cdn_map_builder_add(&c->by_text, tmp, tl, id)) return -1;
    if (kl && cdn_map_builder_add(&c->by_key, key, kl, id)) return -1;
    if (sl >= 2 && cdn_map_builder_add(&c->by_skel, skel, sl, id)) return -1;
    /* The text and every single-letter deletion of it: a query token, or one of its deletions,
     * meets every term one edit away (and many two edits away) in this one map. */
    if (tl >= 3 && cdn_map_builder_add(&c->by_delete, tmp, tl, id)) return -1;
    if (tl >= 4 && tl <= 24) {
        for (size_t i = 0; i < tl; i++) {
            char del[32];
            memcpy(del, tmp, i); memcpy(del + i, tmp + i + 1, tl - i - 1);
            if (cdn_map_builder_add(&c->by_delete, del, tl - 1, id)) return -1;
        }
    }
    return id;
}

/* Counts a term once per name and posts the entity under it. */
static int note_term(compiler *c, uint32_t term, uint32_t *seen, size_t *n_seen) {
    for (size_t i = 0; i < *n_seen; i++) if (seen[i] == term) return 0;
    if (*n_seen < 512) seen[(*n_seen)++] = term;
    ((uint32_t *)c->df.p)[term]++;
    uint64_t pair = (uint64_t)term << 32 | (uint64_t)c->n_entities << 1;
    return VEC_PUSH(&c->pairs, pair) < 0 ? -1 : 0;
}

/* A term written twice in one spelling of a name ("MUSTAFA, Mustafa Kamel") can meet two query
 * tokens; its entity is then posted twice under the term, which the candidate bound reads. */
static int note_repeat(compiler *c, uint32_t term) {
    uint64_t pair = (uint64_t)term << 32 | (uint64_t)c->n_entities << 1 | 1;
    return VEC_PUSH(&c->pairs, pair) < 0 ? -1 : 0;
}

/* Adds the forms and tokens of one analysed name, and the joined neighbours ("jong"+"un") as
 * posting-only terms so that a query written "Jongun" finds "Jong Un". */
static int add_forms(compiler *c, cdn_ix_name *nm) {
    const cdn_analysis *an = &c->an;
    uint32_t seen[512]; size_t n_seen = 0;
    nm->first_form = (uint32_t)(c->forms.n / sizeof(cdn_ix_form));
    for (size_t f = 0; f < an->n_forms && nm->n_forms < 255; f++) {
        const cdn_form *fm = &an->forms[f];
        if (fm->n == 0) continue;
        cdn_ix_form xf = { (uint32_t)(c->ntoks.n / sizeof(cdn_ix_ntok)), (uint8_t)(fm->n > 255 ? 255 : fm->n),
                           fm->scheme, 0 };
        for (uint32_t k = 0; k < xf.n_toks; k++) {
            const cdn_token *t = &an->tokens[fm->first + k];
            long term = term_of(c, cdn_tok_text(an, t), t->len, t->flags, cdn_tok_key(an, t), cdn_tok_skel(an, t));
            if (term < 0) return -1;
            cdn_ix_ntok nt = { (uint32_t)term, CDN_IX_NO_JOIN, t->flags, t->script, 0 };
            if (VEC_PUSH(&c->ntoks, nt) < 0 || note_term(c, (uint32_t)term, seen, &n_seen)) return -1;
            const cdn_ix_ntok *form_toks = (const cdn_ix_ntok *)c->ntoks.p + xf.first_tok;
            for (uint32_t j = 0; j < k; j++)
                if (form_toks[j].term == (uint32_t)term) { if (note_repeat(c, (uint32_t)term)) return -1; break; }
            if (k + 1 < xf.n_toks) {
                const cdn_token *u = &an->tokens[fm->first + k + 1];
                char joined[160];
                int jl = snprintf(joined, sizeof joined, "%s%s", cdn_tok_text(an, t), cdn_tok_text(an, u));
                long jt = CDN_IX_JOIN_UNSURE;
                if (jl > 0 && (size_t)jl < sizeof joined) {
                    jt = term_of(c, joined, (size_t)jl, 0, NULL, NULL);
                    if (jt < 0 || note_term(c, (uint32_t)jt, seen, &n_seen)) return -1;
                }
                ((cdn_ix_ntok *)c->ntoks.p)[xf.first_tok + k].joined = (uint32_t)jt;
            }
        }
        if (VEC_PUSH(&c->forms, xf) < 0) return -1;
        nm->n_forms++;
    }
    return 0;
}

static int add_names(compiler *c, const cdn_entity *e) {
    for (uint32_t i = 0; i < e->names.n; i++) {
        const cdn_name *n = &e->names.v[i];
        cdn_ix_name nm = {0};
        nm.entity = c->n_entities; nm.type = n->type;
        long t = intern(c, n->full);
        if (t < 0) return -1;
        nm.text = (uint32_t)t;
        if (cdn_analyze(c->b->text, n->full, strlen(n->full), (cordon_kind)e->kind, &c->an) == CORDON_OK) {
            nm.script = c->an.script;
            if (add_forms(c, &nm)) return -1;
        }
        if (VEC_PUSH(&c->names, nm) < 0) return -1;
    }
    return 0;
}

static int add_country(compiler *c, const char *cc, uint8_t type) {
    if (!cc || strlen(cc) != 2) return 0;
    cdn_ix_country x = { {cc[0], cc[1]}, type, 0 };
    return VEC_PUSH(&c->countries, x) < 0 ? -1 : 0;
}

static int add_facts(compiler *c, const cdn_entity *e) {
    for (uint32_t i = 0; i < e->dobs.n; i++) {
        const cdn_date *d = &e->dobs.v[i];
        cdn_ix_dob x = { d->year_from, d->year_to, d->month, d->day, d->flags, 0 };
        if (VEC_PUSH(&c->dobs, x) < 0) return -1;
    }
    int rc = 0;
    for (uint32_t i = 0; i < e->nationalities.n; i++) rc |= add_country(c, e->nationalities.v[i], CDN_CC_NATIONALITY);
    for (uint32_t i = 0; i < e->citizenships.n; i++) rc |= add_country(c, e->citizenships.v[i], CDN_CC_CITIZENSHIP);
    for (uint32_t i = 0; i < e->addresses.n; i++) rc |= add_country(c, e->addresses.v[i].country, CDN_CC_ADDRESS);
    for (uint32_t i = 0; i < e->pobs.n; i++) rc |= add_country(c, e->pobs.v[i].country, CDN_CC_BIRTH);
    if (rc) return -1;
    for (uint32_t i = 0; i < e->idents.n; i++) {
        const cdn_ident *id = &e->idents.v[i];
        char norm[128];
        size_t nl = cdn_ident_normalize(id->value ? id->value : "", norm, sizeof norm);
        long to = intern(c, id->type), vo = intern(c, id->value), no = intern(c, norm);
        if (to < 0 || vo < 0 || no < 0) return -1;
        cdn_ix_ident x = { (uint32_t)to, (uint32_t)vo, (uint32_t)no, {id->country[0], id->country[1]}, 0 };
        if (VEC_PUSH(&c->idents, x) < 0) return -1;
        if (nl >= 5 && cdn_map_builder_add(&c->by_ident, norm, nl, c->n_entities)) return -1;
    }
    return 0;
}

static const char *caption_of(const cdn_entity *e) {
    for (uint32_t i = 0; i < e->names.n; i++)
        if (e->names.v[i].type == CDN_NAME_PRIMARY) return e->names.v[i].full;
    return e->names.n ? e->names.v[0].full : e->id;
}

static int add_entity(compiler *c, const cdn_entity *e) {
    cdn_ix_entity x = {0};
    x.first_name = (uint32_t)(c->names.n / sizeof(cdn_ix_name));
    x.first_dob = (uint32_t)(c->dobs.n / sizeof(cdn_ix_dob));
    x.first_country = (uint32_t)(c->countries.n / sizeof(cdn_ix_country));
    x.first_ident = (uint32_t)(c->idents.n / sizeof(cdn_ix_ident));
    if (add_names(c, e) || add_facts(c, e)) return -1;
    long id = intern(c, e->id), cap = intern(c, caption_of(e));
    if (id < 0 || cap < 0) return -1;
    x.id = (uint32_t)id; x.caption = (uint32_t)cap;
    x.n_names = (uint16_t)(c->names.n / sizeof(cdn_ix_name) - x.first_name);
    x.n_dobs = (uint16_t)(c->dobs.n / sizeof(cdn_ix_dob) - x.first_dob);
    x.n_countries = (uint16_t)(c->countries.n / sizeof(cdn_ix_country) - x.first_country);
    x.n_idents = (uint16_t)(c->idents.n / sizeof(cdn_ix_ident) - x.first_ident);
    x.source = e->source; x.kind = e->kind; x.gender = e->gender;
    if (VEC_PUSH(&c->entities, x) < 0) return -1;
    if (cdn_map_builder_add(&c->by_id, e->id, strlen(e->id), c->n_entities)) return -1;
    c->n_entities++;
    return 0;
}

/* ---- Postings and weights ------------------------------------------------------------------ */

/* The pairs ordered by term: a counting sort on the term, which keeps each term's pairs in the
 * order they were added, that is by entity. NULL on no memory. */
static uint64_t *pairs_by_term(const compiler *c, size_t np, size_t nt) {
    const uint64_t *pairs = (const uint64_t *)c->pairs.p;
    size_t *at = calloc(nt + 1, sizeof *at);
    uint64_t *out = malloc((np + 1) * sizeof *out);
    if (!at || !out) { free(at); free(out); return NULL; }
    for (size_t i = 0; i < np; i++) at[(pairs[i] >> 32) + 1]++;
    for (size_t t = 0; t < nt; t++) at[t + 1] += at[t];
    for (size_t i = 0; i < np; i++) out[at[pairs[i] >> 32]++] = pairs[i];
    free(at);
    return out;
}

/* Turns (term, entity) pairs into per-term postings and weighs each term by its rarity across names. */
static int finish_terms(compiler *c, buf *postings, float *max_weight) {
    size_t np = c->pairs.n / 8, nt = n_terms(c);
    uint64_t *pairs = pairs_by_term(c, np, nt);
    if (!pairs) return -1;
    cdn_ix_term *terms = (cdn_ix_term *)c->terms.p;
    const uint32_t *df = (const uint32_t *)c->df.p;
    double n_names = (double)(c->names.n / sizeof(cdn_ix_name)) + 1;
    /* Each (term, entity) run is posted once, and twice when one of its pairs carries the repeat bit. */
    int rc = 0;
    for (size_t i = 0, j; rc == 0 && i < np; i = j) {
        int repeat = 0;
        for (j = i; j < np && pairs[j] >> 1 == pairs[i] >> 1; j++) repeat |= (int)(pairs[j] & 1);
        uint32_t term = (uint32_t)(pairs[i] >> 32), ent = (uint32_t)pairs[i] >> 1;
        if (!terms[term].n_post) terms[term].first_post = (uint32_t)(postings->n / 4);
        for (int copies = 1 + repeat; rc == 0 && copies > 0; copies--) {
            terms[term].n_post++;
            rc = VEC_PUSH(postings, ent) < 0 ? -1 : 0;
        }
    }
    free(pairs);
    *max_weight = (float)log(1.0 + n_names);
    for (size_t t = 0; t < nt; t++) terms[t].weight = (float)log(1.0 + n_names / (df[t] ? df[t] : 1));
    return rc;
}

/* Keeps a token's joined term (cdn_ix_ntok.joined) only where a lookup of the one word is sure to
 * find it: the term's key is cdn_key of its text (a term first met as a token keeps that token's
 * key) and no spelling of it is a number (the similarity of a number is 0). Once every name is in,
 * as the terms' flags are final. */
static void settle_joins(compiler *c) {
    cdn_ix_ntok *nt = (cdn_ix_ntok *)c->ntoks.p;
    const cdn_ix_term *terms = (const cdn_ix_term *)c->terms.p;
    size_t n = c->ntoks.n / sizeof *nt;
    for (size_t i = 0; i < n; i++) {
        if (nt[i].joined >= CDN_IX_JOIN_UNSURE) continue;
        const cdn_ix_term *t = &terms[nt[i].joined];
        char key[128];
        cdn_key(c->pool.p + t->text, t->len, key, sizeof key);
        if (t->flags & CDN_TOK_NUMBER || strcmp(key, c->pool.p + t->key) != 0) nt[i].joined = CDN_IX_JOIN_UNSURE;
    }
}

/* ---- Writing ----------------------------------------------------------------------------- */

typedef struct section { const void *data; size_t len; } section;

static void put64(unsigned char *p, uint64_t v) { memcpy(p, &v, 8); }
static void put32(unsigned char *p, uint32_t v) { memcpy(p, &v, 4); }

static int write_all(FILE *f, const void *data, size_t len) {
    static const char zeros[8];
    if (len && fwrite(data, 1, len, f) != len) return -1;
    size_t pad = (8 - (len & 7)) & 7;
    return pad && fwrite(zeros, 1, pad, f) != pad ? -1 : 0;
}

static int write_file(cordon_builder *b, const char *path, const section *sec) {
    size_t table = CDN_IX_HEADER + 24 * CDN_SEC_COUNT, off = table;
    unsigned char *head = calloc(1, table);
    if (!head) return -1;
    memcpy(head, CDN_IX_MAGIC, 8);
    put32(head + 8, CDN_IX_VERSION);
    put32(head + 12, CDN_SEC_COUNT);
    time_t now = time(NULL);
    struct tm tm;
    gmtime_r(&now, &tm);
    strftime((char *)head + 32, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
    snprintf((char *)head + 64, 32, "icu %s; names %d", U_ICU_VERSION, CDN_NAME_RULES);
    for (int i = 0; i < CDN_SEC_COUNT; i++) {
        unsigned char *e = head + CDN_IX_HEADER + 24 * i;
        put64(e, off); put64(e + 8, sec[i].len); put64(e + 16, cdn_hash(sec[i].data, sec[i].len));
        off += (sec[i].len + 7) & ~(size_t)7;
    }
    put64(head + 16, off);
    put64(head + 24, cdn_hash(head + 32, table - 32));
    char tmp[4096];
    snprintf(tmp, sizeof tmp, "%s.tmp.%ld", path, (long)getpid());
    FILE *f = fopen(tmp, "wb");
    int rc = f ? write_all(f, head, table) : -1;
    for (int i = 0; rc == 0 && i < CDN_SEC_COUNT; i++) rc = write_all(f, sec[i].data, sec[i].len);
    if (f && (fflush(f) || fsync(fileno(f)))) rc = -1;
    if (f && fclose(f)) rc = -1;
    if (rc == 0 && rename(tmp, path)) rc = -1;
    if (rc) {
        snprintf(b->errmsg, sizeof b->errmsg, "%s: cannot write the index: %s", path, strerror(errno));
        unlink(tmp);
    }
    free(head);
    return rc;
}

static int add_sources(compiler *c) {
    const cdn_set *set = &c->b->set;
    for (uint32_t i = 0; i < set->sources.n; i++) {
        const cdn_source *s = &set->sources.v[i];
        long n = intern(c, s->report.source), f = intern(c, s->report.format), p = intern(c, s->file),
             d = intern(c, s->report.list_date);
        if (n < 0 || f < 0 || p < 0 || d < 0) return -1;
        cdn_ix_source x = { (uint32_t)n, (uint32_t)f, (uint32_t)p, (uint32_t)d,
                            (uint32_t)s->report.entities, (uint32_t)s->report.names };
        if (VEC_PUSH(&c->sources, x) < 0) return -1;
    }
    return 0;
}

/* ---- One source at a time ------------------------------------------------------------------- */

struct source_job {
    const cdn_entity **ents; size_t n;         /* the source's entities, copied out of the set */
    cdn_source *sources; size_t n_sources;     /* the set's sources then (the set's array grows) */
    cdn_records *records;
    char *blob; size_t blob_len;               /* its records, once finished */
    uint32_t no;                               /* its place among the jobs */
    compiler *c;
    pthread_t compiling; int threaded;         /* the thread compiling it, if one was started */
    struct source_job *prev;                   /* compiled before it: its thread is joined first */
};

static void wait_compiled(source_job *job) {
    if (job && job->threaded) pthread_join(job->compiling, NULL);
    if (job) job->threaded = 0;
}

/* Compiles the entities of one source, after the previous source's (so the caller never waits).
 * Each entity is added once: one whose id an earlier entity had (two editions of one list) is
 * skipped. */
static void *compile_job(void *p) {
    source_job *job = p;
    compiler *c = job->c;
    wait_compiled(job->prev);
    for (size_t i = 0; i < job->n && !c->failed; i++) {
        const cdn_entity *e = job->ents[i];
        uint32_t *v = strmap_get(&c->seen, &c->seen_pool, e->id, strlen(e->id), 1, c->n_entities);
        if (!v) { c->failed = 1; break; }
        if (*v != c->n_entities) continue;
        uint64_t where = (uint64_t)job->no << 32 | i;
        if (VEC_PUSH(&c->kept, where) < 0 || add_entity(c, e)) c->failed = 1;
    }
    return NULL;
}

/* Waits until every source given so far is compiled. */
static void wait_compiling(cordon_builder *b) {
    if (b->n_jobs) wait_compiled(b->jobs[b->n_jobs - 1]);
}

static void job_free(source_job *job) {
    if (!job) return;
    cdn_records_free(job->records);
    free(job->ents); free(job->sources); free(job->blob);
    free(job);
}

/* Hands the entities the last cordon_builder_add read, set->entities[first..], to a new job:
 * records start rendering, and a thread compiles them once the previous source is compiled. */
static int start_job(cordon_builder *b, size_t first) {
    const cdn_set *set = &b->set;
    source_job *job = calloc(1, sizeof *job);
    source_job **jobs = job ? realloc(b->jobs, (b->n_jobs + 1) * sizeof *jobs) : NULL;
    if (!jobs) { free(job); return -1; }
    b->jobs = jobs;
    job->n = set->entities.n - first;
    job->n_sources = set->sources.n;
    job->ents = malloc((job->n + 1) * sizeof *job->ents);
    job->sources = malloc((job->n_sources + 1) * sizeof *job->sources);
    if (!job->ents || !job->sources) { job_free(job); return -1; }
    memcpy(job->ents, set->entities.v + first, job->n * sizeof *job->ents);
    memcpy(job->sources, set->sources.v, job->n_sources * sizeof *job->sources);
    job->no = (uint32_t)b->n_jobs;
    job->c = b->c;
    job->prev = b->n_jobs ? b->jobs[b->n_jobs - 1] : NULL;
    b->jobs[b->n_jobs++] = job;
    /* On two cores, reading lists and compiling them keep both busy: records wait for the write. */
    int helper = sysconf(_SC_NPROCESSORS_ONLN) > 2;
    if (job->n && cdn_records_start(&job->records, job->sources, job->n_sources,
                                    (const cdn_entity *const *)job->ents, job->n, helper))
        return -1;
    job->threaded = pthread_create(&job->compiling, NULL, compile_job, job) == 0;
    if (!job->threaded) compile_job(job);
    return 0;
}

/* Renders what is left of every job's records on this thread, while the last lists compile. */
static int finish_records(cordon_builder *b) {
    for (size_t j = 0; j < b->n_jobs; j++) {
        source_job *job = b->jobs[j];
        if (job->n && cdn_records_finish(job->records, &job->blob, &job->blob_len)) return -1;
    }
    return 0;
}

/* Lays the finished records out in compiled-entity order. */
static int gather_records(cordon_builder *b, compiler *c) {
    size_t total = 0;
    for (size_t j = 0; j < b->n_jobs; j++) total += b->jobs[j]->blob_len;
    if (cdn_buf_reserve(&c->records, total + 1)) return -1;
    const uint64_t *kept = (const uint64_t *)c->kept.p;
    cdn_ix_entity *x = (cdn_ix_entity *)c->entities.p;
    for (uint32_t k = 0; k < c->n_entities; k++) {
        source_job *job = b->jobs[kept[k] >> 32];
        uint32_t off, len, raw;
        cdn_records_get(job->records, (size_t)(kept[k] & 0xffffffffu), &off, &len, &raw);
        if (c->records.n + len > UINT32_MAX) return -1;   /* offsets are 32-bit in the file */
        x[k].record = (uint32_t)c->records.n; x[k].record_len = len; x[k].json_len = raw;
        cdn_buf_add(&c->records, job->blob + off, len);
        if (k + 1 == c->n_entities || kept[k + 1] >> 32 != kept[k] >> 32) {   /* its job is done */
            free(job->blob);
            job->blob = NULL;
        }
    }
    return 0;
}

/* Frees every job (its entity copies and records), joining the compiling threads first. */
static void drop_jobs(cordon_builder *b) {
    wait_compiling(b);
    for (size_t j = 0; j < b->n_jobs; j++) job_free(b->jobs[j]);
    free(b->jobs);
    b->jobs = NULL; b->n_jobs = 0;
}

/* Frees what was read from the lists: the jobs and the set. */
static void drop_lists(cordon_builder *b) {
    drop_jobs(b);
    cdn_set_free(&b->set);
    b->set_freed = 1;
}

static int compile(compiler *c, const char *path) {
    buf postings = {0};
    void *maps[6] = {0};
    size_t map_len[6] = {0};
    cdn_ix_meta meta = {0};
    int rc = -1;
    if (gather_records(c->b, c) || add_sources(c)) goto out;
    /* The lists' entities are all compiled and rendered now: their memory goes before the maps
     * and the file take theirs (a builder writes once). */
    drop_lists(c->b);
    if (finish_terms(c, &postings, &meta.max_weight)) goto out;
    settle_joins(c);
    cdn_map_builder *mb[6] = { &c->by_id, &c->by_text, &c->by_key, &c->by_skel, &c->by_delete, &c->by_ident };
    for (int i = 0; i < 6; i++)
        if (!(maps[i] = cdn_map_builder_finish(mb[i], &map_len[i]))) goto out;
    meta.n_entities = c->n_entities;
    meta.n_names = (uint32_t)(c->names.n / sizeof(cdn_ix_name));
    meta.n_terms = n_terms(c);
    meta.n_sources = (uint32_t)(c->sources.n / sizeof(cdn_ix_source));
    cdn_buf_add(&c->pool, "", 1);   /* the pool always ends with NUL, which the reader checks */
    section sec[CDN_SEC_COUNT] = {
        [CDN_SEC_STRINGS] = {c->pool.p, c->pool.n},       [CDN_SEC_SOURCES] = {c->sources.p, c->sources.n},
        [CDN_SEC_ENTITIES] = {c->entities.p, c->entities.n}, [CDN_SEC_NAMES] = {c->names.p, c->names.n},
        [CDN_SEC_FORMS] = {c->forms.p, c->forms.n},       [CDN_SEC_NTOKS] = {c->ntoks.p, c->ntoks.n},
        [CDN_SEC_TERMS] = {c->terms.p, c->terms.n},       [CDN_SEC_POSTINGS] = {postings.p, postings.n},
        [CDN_SEC_DOBS] = {c->dobs.p, c->dobs.n},          [CDN_SEC_COUNTRIES] = {c->countries.p, c->countries.n},
        [CDN_SEC_IDENTS] = {c->idents.p, c->idents.n},
        [CDN_SEC_BY_ID] = {maps[0], map_len[0]},          [CDN_SEC_BY_TEXT] = {maps[1], map_len[1]},
        [CDN_SEC_BY_KEY] = {maps[2], map_len[2]},         [CDN_SEC_BY_SKEL] = {maps[3], map_len[3]},
        [CDN_SEC_BY_DELETE] = {maps[4], map_len[4]},      [CDN_SEC_BY_IDENT] = {maps[5], map_len[5]},
        [CDN_SEC_META] = {&meta, sizeof meta},           [CDN_SEC_RECORDS] = {c->records.p, c->records.n},
    };
    rc = write_file(c->b, path, sec);
out:
    free(postings.p);
    for (int i = 0; i < 6; i++) free(maps[i]);
    return rc;
}

static void compiler_free(compiler *c) {
    if (!c) return;
    buf *bufs[] = { &c->pool, &c->terms, &c->sources, &c->entities, &c->names, &c->forms, &c->ntoks,
                    &c->dobs, &c->countries, &c->idents, &c->pairs, &c->df, &c->records, &c->seen_pool,
                    &c->kept };
    for (size_t i = 0; i < sizeof bufs / sizeof *bufs; i++) free(bufs[i]->p);
    strmap_free(&c->interned); strmap_free(&c->terms_by_text); strmap_free(&c->seen);
    cdn_map_builder *mb[] = { &c->by_id, &c->by_text, &c->by_key, &c->by_skel, &c->by_delete, &c->by_ident };
    for (size_t i = 0; i < 6; i++) cdn_map_builder_free(mb[i]);
    cdn_analysis_free(&c->an);
    free(c);
}

/* Frees what the builder compiled so far: the jobs and the compiler. */
static void drop_compiled(cordon_builder *b) {
    drop_jobs(b);
    compiler_free(b->c);
    b->c = NULL;
}

/* ---- Public API ------------------------------------------------------------------------ */

cordon_rc cordon_builder_open(cordon_builder **out) {
    *out = NULL;
    cordon_builder *b = calloc(1, sizeof *b);
    if (!b) return CORDON_ERR_NOMEM;
    cordon_rc rc = cdn_set_init(&b->set);
    if (rc == CORDON_OK) rc = cdn_text_open(&b->text);
    if (rc == CORDON_OK && !(b->c = calloc(1, sizeof *b->c))) rc = CORDON_ERR_NOMEM;
    if (rc == CORDON_OK) {
        b->c->b = b;
        if (cdn_buf_add(&b->c->pool, "", 1) < 0) rc = CORDON_ERR_NOMEM;   /* offset 0 is "" */
    }
    if (rc != CORDON_OK) { cordon_builder_close(b); return rc; }
    *out = b;
    return CORDON_OK;
}

cordon_rc cordon_builder_add(cordon_builder *b, const char *path, const char *format,
                             cordon_source_report *report) {
    if (!b || !path) return CORDON_ERR_ARG;
    if (b->written) {
        snprintf(b->errmsg, sizeof b->errmsg, "this builder has written its index already");
        return CORDON_ERR_ARG;
    }
    b->set.warnings_len = 0;
    if (b->set.warnings) b->set.warnings[0] = 0;
    size_t first = b->set.entities.n;
    cordon_rc rc = cdn_ingest_path(&b->set, path, format);
    if (rc != CORDON_OK) {
        snprintf(b->errmsg, sizeof b->errmsg, "%s", b->set.errmsg);
        return rc;
    }
    if (report && b->set.sources.n) *report = b->set.sources.v[b->set.sources.n - 1].report;
    if (start_job(b, first)) {
        snprintf(b->errmsg, sizeof b->errmsg, "out of memory while reading %s", path);
        b->lost = 1;
        return CORDON_ERR_NOMEM;
    }
    return CORDON_OK;
}

const char *cordon_builder_warnings(const cordon_builder *b) {
    return b && !b->set_freed && b->set.warnings ? b->set.warnings : "";
}

cordon_rc cordon_builder_write(cordon_builder *b, const char *path) {
    if (!b || !path) return CORDON_ERR_ARG;
    if (b->written) {
        snprintf(b->errmsg, sizeof b->errmsg, "this builder has written its index already");
        return CORDON_ERR_ARG;
    }
    if (b->set.entities.n == 0) {
        snprintf(b->errmsg, sizeof b->errmsg, "no list has been read: nothing to index");
        return CORDON_ERR_ARG;
    }
    b->written = 1;
    b->errmsg[0] = 0;
    int rc = finish_records(b);
    wait_compiling(b);
    if (rc == 0) rc = b->c->failed || b->lost ? -1 : compile(b->c, path);
    drop_compiled(b);
    if (rc == 0) return CORDON_OK;
    if (!b->errmsg[0]) {
        snprintf(b->errmsg, sizeof b->errmsg, "out of memory while building the index");
        return CORDON_ERR_NOMEM;
    }
    return CORDON_ERR_IO;
}

const char *cordon_builder_errmsg(const cordon_builder *b) { return b ? b->errmsg : "no builder"; }

void cordon_builder_close(cordon_builder *b) {
    if (!b) return;
    drop_compiled(b);
    if (!b->set_freed) cdn_set_free(&b->set);
    cdn_text_close(b->text);
    free(b);
}
