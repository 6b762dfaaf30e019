/* index.h — the compiled index file: its byte layout, and read access for the match engine.
 * Invariant: every offset and count read from a mapped file is checked at open, so accessors trust them.
 *
 * File layout (all integers little-endian, every section 8-byte aligned):
 *
 *   offset  size  field
 *   0       8     magic "CORDONIX"
 *   8       4     format version (CDN_IX_VERSION)
 *   12      4     number of sections (CDN_SEC_COUNT)
 *   16      8     total file size in bytes
 *   24      8     hash of bytes 32 .. end of the section table (header check)
 *   32      32    build time, "YYYY-MM-DDTHH:MM:SSZ", NUL-padded
 *   64      32    what the forms were made with, "icu <ICU version>; names <CDN_NAME_RULES>", NUL-padded
 *   96      24*N  section table: { u64 offset, u64 length, u64 hash of the section bytes }
 *   ...           sections, in the order of enum cdn_section
 *
 * Strings live in one pool (CDN_SEC_STRINGS) and are addressed by uint32 offsets; each is NUL-ended.
 * A multimap section maps 64-bit string hashes to uint32 values:
 *   u32 nbuckets (a power of two), u32 n, u32 starts[nbuckets + 1], { u32 check, u32 value }[n]
 * where the entries of bucket (hash & (nbuckets-1)) are entries[starts[b] .. starts[b+1]) and check is
 * hash >> 32; callers verify the value against the real string, since checks may collide.
 */
#ifndef CDN_INDEX_H
#define CDN_INDEX_H

#include <stddef.h>
#include <stdatomic.h>
#include <stdint.h>
#include "cordon.h"

#define CDN_IX_MAGIC "CORDONIX"
#define CDN_IX_VERSION 3
#define CDN_IX_HEADER 96

enum cdn_section {
    CDN_SEC_STRINGS,      /* string pool */
    CDN_SEC_SOURCES,      /* cdn_ix_source[] */
    CDN_SEC_ENTITIES,     /* cdn_ix_entity[] */
    CDN_SEC_NAMES,        /* cdn_ix_name[], grouped by entity */
    CDN_SEC_FORMS,        /* cdn_ix_form[], grouped by name */
    CDN_SEC_NTOKS,        /* cdn_ix_ntok[], grouped by form */
    CDN_SEC_TERMS,        /* cdn_ix_term[]: the distinct token texts */
    CDN_SEC_POSTINGS,     /* u32 entity numbers, grouped by term, ascending within a term; an entity
                           * is posted twice when one spelling of its name holds the term twice */
    CDN_SEC_DOBS,         /* cdn_ix_dob[], grouped by entity */
    CDN_SEC_COUNTRIES,    /* cdn_ix_country[], grouped by entity */
    CDN_SEC_IDENTS,       /* cdn_ix_ident[], grouped by entity */
    CDN_SEC_BY_ID,        /* multimap: entity id string -> entity number */
    CDN_SEC_BY_TEXT,      /* multimap: term text -> term */
    CDN_SEC_BY_KEY,       /* multimap: phonetic key -> term */
    CDN_SEC_BY_SKEL,      /* multimap: consonant skeleton -> term */
    CDN_SEC_BY_DELETE,    /* multimap: term text with one letter deleted (and the text) -> term */
    CDN_SEC_BY_IDENT,     /* multimap: normalized identifier value -> entity number */
    CDN_SEC_META,         /* cdn_ix_meta */
    CDN_SEC_RECORDS,      /* each entity's JSON record (read only by cordon_entity_json): as it is when
                             record_len == json_len, else zlib-compressed (always shorter then) */
    CDN_SEC_COUNT
};

typedef struct cdn_ix_source {
    uint32_t name, format, file, list_date;   /* strings */
    uint32_t entities, names;
} cdn_ix_source;

typedef struct cdn_ix_entity {
    uint32_t id, caption;                     /* strings: "ofac:1", the primary name */
    uint32_t record, record_len, json_len;    /* the JSON record in CDN_SEC_RECORDS (see there) */
    uint32_t first_name, first_dob, first_country, first_ident;
    uint16_t n_names, n_dobs, n_countries, n_idents;
    uint16_t source;
    uint8_t kind, gender;
} cdn_ix_entity;

typedef struct cdn_ix_name {
    uint32_t entity;
    uint32_t text;                            /* string: the name as listed */
    uint32_t first_form;
    uint8_t n_forms, type, script, pad;
} cdn_ix_name;

typedef struct cdn_ix_form {
    uint32_t first_tok;
    uint8_t n_toks, scheme;
    uint16_t pad;
} cdn_ix_form;

typedef struct cdn_ix_ntok {
    uint32_t term;
    /* The term of this token and the next written as one (the posting-only term of the joined
     * neighbours), when a query token's lookups are sure to find it wherever the two meet that token
     * as one word: its key is the one cdn_key makes of its text and it is no number
     * (cdn_align_hopeless reads the memo's sieve there). CDN_IX_NO_JOIN: no next token;
     * CDN_IX_JOIN_UNSURE: the next token exists, and the lookups may not find the join. */
    uint32_t joined;
    uint8_t flags, script;
    uint16_t pad;
} cdn_ix_ntok;

#define CDN_IX_NO_JOIN UINT32_MAX
#define CDN_IX_JOIN_UNSURE (UINT32_MAX - 1)

typedef struct cdn_ix_term {
    uint32_t text, key, skel;                 /* strings */
    uint32_t first_post, n_post;              /* entities whose names hold the term */
    float weight;                             /* rarity: idf over all names */
    uint16_t len;
    uint8_t flags;                            /* CDN_TOK_* seen on it */
    uint8_t pad;
} cdn_ix_term;

typedef struct cdn_ix_dob {
    int16_t year_from, year_to;
    uint8_t month, day, flags, pad;
} cdn_ix_dob;

#define CDN_CC_NATIONALITY 1
#define CDN_CC_CITIZENSHIP 2
#define CDN_CC_ADDRESS 3
#define CDN_CC_BIRTH 4

typedef struct cdn_ix_country {
    char cc[2];
    uint8_t type, pad;                        /* CDN_CC_* */
} cdn_ix_country;

typedef struct cdn_ix_ident {
    uint32_t type, value, norm;               /* strings: "imo", "IMO 8328197", "8328197" */
    char cc[2];
    uint16_t pad;
} cdn_ix_ident;

typedef struct cdn_ix_meta {
    uint32_t n_entities, n_names, n_terms, n_sources;
    float max_weight;                         /* weight given to a query token no list name has */
    uint32_t pad;
} cdn_ix_meta;

/* A multimap section, decoded at open. */
typedef struct cdn_ix_map {
    uint32_t mask;
    const uint32_t *starts;
    const uint32_t *entries;                  /* pairs: check, value */
} cdn_ix_map;

/* What a layer above derives from an index once and shares among its users (the screeners' facts
 * per entity, the lookups they keep): made on first use, freed by cordon_index_close through its
 * first member. */
typedef struct cdn_ix_derived { void (*free)(struct cdn_ix_derived *d); } cdn_ix_derived;

/* An open index. All pointers point into the read-only mapping, but `derived`. */
struct cordon_index {
    void *map; size_t map_len;
    /* Set once, by the first user that makes it (compare-and-swap): the one part of an open index
     * that changes, hence atomic though the index is otherwise read-only. */
    _Atomic(cdn_ix_derived *) derived;
    char errmsg[512];
    char built_at[32];
    const char *strings; size_t strings_len;
    const cdn_ix_source *sources; size_t n_sources;
    const cdn_ix_entity *entities; size_t n_entities;
    const cdn_ix_name *names; size_t n_names;
    const cdn_ix_form *forms; size_t n_forms;
    const cdn_ix_ntok *ntoks; size_t n_ntoks;
    const cdn_ix_term *terms; size_t n_terms;
    const uint32_t *postings; size_t n_postings;
    const cdn_ix_dob *dobs; size_t n_dobs;
    const cdn_ix_country *countries; size_t n_countries;
    const cdn_ix_ident *idents; size_t n_idents;
    const unsigned char *records; size_t records_len;
    cdn_ix_map by_id, by_text, by_key, by_skel, by_delete, by_ident;
    cdn_ix_meta meta;
};

static inline const char *cdn_ix_str(const cordon_index *ix, uint32_t off) { return ix->strings + off; }

/* 64-bit hash of bytes (hash.c): fast, stable across builds and machines. */
uint64_t cdn_hash(const void *data, size_t len);

/* Calls fn(value, ctx) for each value stored under the string's hash; stops when fn returns non-zero. */
typedef int (*cdn_map_fn)(uint32_t value, void *ctx);
void cdn_map_each(const cdn_ix_map *m, const char *s, size_t len, cdn_map_fn fn, void *ctx);

/* The same lookup in three steps, for many keys at once: probe every key (its bucket is fetched
 * into the cache meanwhile), fetch every probe's entries, then visit each. A lookup costs two
 * cache misses; overlapping them across keys is what makes a query's many lookups cheap. */
typedef struct cdn_map_probe { const cdn_ix_map *m; uint32_t bucket, check; } cdn_map_probe;
void cdn_map_probe_start(cdn_map_probe *p, const cdn_ix_map *m, const char *s, size_t len);
void cdn_map_probe_fetch(const cdn_map_probe *p);
void cdn_map_probe_each(const cdn_map_probe *p, cdn_map_fn fn, void *ctx);
/* The first value stored under the string's hash, or UINT32_MAX: what probe_each would call fn
 * with first, once the fetch is in. */
uint32_t cdn_map_probe_first(const cdn_map_probe *p);

/* The term whose text is exactly s, or -1. */
long cdn_ix_find_term(const cordon_index *ix, const char *s, size_t len);
/* The same for n texts at once (out[i] for s[i], len[i]), their cache misses overlapped. */
void cdn_ix_find_terms(const cordon_index *ix, const char *const *s, const size_t *len, size_t n, long *out);

/* The entity number of an id ("ofac:20157"), or -1. */
long cdn_ix_find_entity(const cordon_index *ix, const char *id);

/* Normalizes an identifier value for lookup: upper-case letters and digits only, type words such as
 * "IMO", "Passport", "No." dropped from the front. Writes at most cap-1 bytes; returns the length. */
size_t cdn_ident_normalize(const char *value, char *out, size_t cap);

/* ---- Building (multimap.c) ------------------------------------------------------------- */

/* A multimap under construction: (hash, value) pairs, serialized sorted by bucket. */
typedef struct cdn_map_builder {
    uint64_t *hashes; uint32_t *values; size_t n, cap;
} cdn_map_builder;

int cdn_map_builder_add(cdn_map_builder *b, const char *s, size_t len, uint32_t value);
/* Serializes into a malloc'd buffer; frees the builder's arrays. Returns NULL on no memory. */
void *cdn_map_builder_finish(cdn_map_builder *b, size_t *size);
void cdn_map_builder_free(cdn_map_builder *b);

/* Validates a multimap section against its length and the number of values it may refer to. */
int cdn_map_open(cdn_ix_map *m, const void *data, size_t len, uint32_t max_value);

#endif /* CDN_INDEX_H */
