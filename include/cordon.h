/* cordon.h — the public C API of cordon, a sanctions and watchlist screening engine.
 * This is the only installed header: the CLI and the HTTP server use nothing else.
 *
 * The life of a screening:
 *
 *   1. Build an index from official list files (once per list update):
 *        cordon_builder *b; cordon_builder_open(&b);
 *        cordon_builder_add(b, "lists/us_ofac_sdn", NULL, &report);   // format detected
 *        cordon_builder_write(b, "index.cordon");
 *        cordon_builder_close(b);
 *   2. Open the index (memory-mapped, milliseconds) and one screener per thread:
 *        cordon_index *ix; cordon_index_open("index.cordon", &ix);
 *        cordon_screener *s; cordon_screener_open(ix, &s);
 *   3. Screen:
 *        cordon_query q = CORDON_QUERY_INIT; q.name = "Kim Jong Un";
 *        cordon_result *r; cordon_screen(s, &q, &r);
 *        for (size_t i = 0; i < r->n_matches; i++) ... r->matches[i] ...
 *        cordon_result_free(r);
 *
 * Conventions: every function returns a cordon_rc (CORDON_OK is 0); the message of the last error
 * is kept on the handle (cordon_*_errmsg). Every _open has a _close that accepts NULL; every
 * string the library hands over for keeping is freed with cordon_free(). The library keeps no
 * global mutable state, never prints and never exits: one process may hold several indexes.
 * An index is read-only once open and may be shared by threads; a screener is for one thread.
 */
#ifndef CORDON_H
#define CORDON_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(__GNUC__)
#define CORDON_EXPORT __attribute__((visibility("default")))
#else
#define CORDON_EXPORT
#endif

/* ---- Errors ------------------------------------------------------------------------------ */

/* Result codes. Values never change; new codes are only ever appended. */
typedef enum cordon_rc {
    CORDON_OK = 0,
    CORDON_ERR_NOMEM = 1,     /* out of memory */
    CORDON_ERR_IO = 2,        /* a file could not be opened, read or written */
    CORDON_ERR_INPUT = 3,     /* bad input data: malformed list file, broken UTF-8, overlong field */
    CORDON_ERR_CORRUPT = 4,   /* an index file is truncated, corrupt or of another format version */
    CORDON_ERR_ARG = 5,       /* a bad argument from the caller (NULL name, unknown kind …) */
    CORDON_ERR_NOTFOUND = 6,  /* no such entity, or no list found at a path */
    CORDON_ERR_UNICODE = 7,   /* ICU could not be set up or failed */
} cordon_rc;

/* A fixed English description of a result code. */
CORDON_EXPORT const char *cordon_strerror(cordon_rc rc);

/* Frees a string or buffer that the library handed over. Accepts NULL. */
CORDON_EXPORT void cordon_free(void *p);

/* The library version, "MAJOR.MINOR.PATCH". */
CORDON_EXPORT const char *cordon_version(void);

/* ---- Entity kinds ------------------------------------------------------------------------ */

typedef enum cordon_kind {
    CORDON_KIND_ANY = 0,      /* in a query: unknown; in a list: not stated */
    CORDON_KIND_PERSON = 1,
    CORDON_KIND_ORGANIZATION = 2,
    CORDON_KIND_VESSEL = 3,
    CORDON_KIND_AIRCRAFT = 4,
} cordon_kind;

/* "person", "organization", "vessel", "aircraft" or "any". */
CORDON_EXPORT const char *cordon_kind_name(cordon_kind kind);

/* Parses a kind, case-insensitively, accepting the FollowTheMoney schema names too (Person,
 * Company, Organization, LegalEntity, Vessel, Airplane). Returns CORDON_ERR_ARG if unknown. */
CORDON_EXPORT cordon_rc cordon_kind_parse(const char *text, cordon_kind *out);

/* ---- Building an index ------------------------------------------------------------------- */

/* What was read from one source (one list file, or one OFAC CSV folder). */
typedef struct cordon_source_report {
    char source[16];          /* short source name: "ofac", "un", "uk" … */
    char format[24];          /* detected format: "ofac-csv", "ofac-xml", "ofac-advanced", "un-xml", "uk-csv" */
    char list_date[11];       /* publication date of the list, YYYY-MM-DD, "" if unknown */
    size_t entities;          /* entities read */
    size_t names;             /* names read (primary, aliases, original-script …) */
    size_t warnings;          /* rows or records skipped or repaired; see cordon_builder_warnings() */
} cordon_source_report;

typedef struct cordon_builder cordon_builder;

CORDON_EXPORT cordon_rc cordon_builder_open(cordon_builder **out);

/* Reads one list: a file, or a folder holding an OFAC CSV set. `format` is NULL to detect it from
 * the content, or one of the format names above. On CORDON_ERR_INPUT the builder is unchanged and
 * cordon_builder_errmsg() names the file and line or byte offset. The list starts compiling on a
 * thread of the builder's while the caller reads the next one; an entity whose id an earlier list
 * gave (the same list added twice) is kept once, as first read. */
CORDON_EXPORT cordon_rc cordon_builder_add(cordon_builder *b, const char *path, const char *format,
                                           cordon_source_report *report);

/* The warnings of the last cordon_builder_add, one per line ("file:line: what"), or "" if none.
 * Owned by the builder; valid until the next call on it. */
CORDON_EXPORT const char *cordon_builder_warnings(const cordon_builder *b);

/* Compiles everything added so far into one index file. The file is written to a temporary name
 * beside `path` and renamed over it, so a crash never leaves half an index. A builder writes once:
 * later calls to cordon_builder_add or cordon_builder_write are refused. */
CORDON_EXPORT cordon_rc cordon_builder_write(cordon_builder *b, const char *path);

CORDON_EXPORT const char *cordon_builder_errmsg(const cordon_builder *b);
CORDON_EXPORT void cordon_builder_close(cordon_builder *b);

/* ---- Opening an index -------------------------------------------------------------------- */

typedef struct cordon_index cordon_index;

/* Maps an index file read-only and checks it (magic, format version, checksums, every offset).
 * Like sqlite3_open, *out is set even on failure so that cordon_index_errmsg() can say why; close
 * it either way. */
CORDON_EXPORT cordon_rc cordon_index_open(const char *path, cordon_index **out);
CORDON_EXPORT const char *cordon_index_errmsg(const cordon_index *ix);
CORDON_EXPORT void cordon_index_close(cordon_index *ix);

/* The default index location: $XDG_DATA_HOME/cordon/index.cordon, else
 * $HOME/.local/share/cordon/index.cordon. Returns a string to cordon_free(), or NULL. */
CORDON_EXPORT char *cordon_default_index_path(void);

/* The index's sources, counts, format version and build time as JSON:
 * {"sources":[{"name":"ofac","file":"…","format":"…","list_date":"…","entities":N,"names":M}],
 *  "format_version":N,"built_at":"…","entities":N,"names":M}. Free with cordon_free(). */
CORDON_EXPORT cordon_rc cordon_index_info_json(const cordon_index *ix, char **json);

/* The whole record of one entity ("ofac:20157") as JSON: id, source, list_date, kind, names
 * (with type, script, parts), birth dates, places of birth, nationalities, citizenships,
 * addresses, identifiers, gender, programs, listed_on, remarks, links. Free with cordon_free(). */
CORDON_EXPORT cordon_rc cordon_entity_json(const cordon_index *ix, const char *id, char **json);

/* Number of entities, and the id of entity number i (0 <= i < count), owned by the index. */
CORDON_EXPORT size_t cordon_index_entity_count(const cordon_index *ix);
CORDON_EXPORT const char *cordon_index_entity_id(const cordon_index *ix, size_t i);

/* ---- Screening --------------------------------------------------------------------------- */

/* The alert threshold used when a query does not set one. Chosen on the evaluation sets; see
 * docs/SCORING.md for how and for the recall / alert-rate curve. */
#define CORDON_DEFAULT_THRESHOLD 0.80

typedef struct cordon_query {
    const char *name;                 /* required, UTF-8, any script */
    cordon_kind kind;                 /* CORDON_KIND_ANY if unknown */
    const char *dob;                  /* "1984-01-08", "1984-01", "1984" or NULL */
    const char *country;              /* nationality or country: ISO code or English name, or NULL */
    const char *const *identifiers;   /* "IMO 8328197", "Passport 472220033", or a bare number */
    size_t n_identifiers;
    double threshold;                 /* alert threshold; < 0 means CORDON_DEFAULT_THRESHOLD */
    size_t limit;                     /* at most this many matches; 0 means 10 */
    int exhaustive;                   /* 1: score every entity instead of the index's candidates */
} cordon_query;

#define CORDON_QUERY_INIT { NULL, CORDON_KIND_ANY, NULL, NULL, NULL, 0, -1.0, 0, 0 }

typedef struct cordon_match {
    const char *entity_id;        /* "ofac:20157" */
    const char *caption;          /* the entity's primary name */
    const char *matched_name;     /* the list name that matched best */
    const char *list;             /* source name, "ofac" */
    const char *list_date;        /* publication date of that list */
    cordon_kind kind;
    double score;                 /* in [0,1] */
    const char *why;              /* the explanation in one line of words */
    const char *explanation_json; /* the explanation as a JSON object (see docs/SCORING.md) */
} cordon_match;

typedef struct cordon_result {
    size_t n_matches;
    cordon_match *matches;        /* best first */
    size_t candidates;            /* entities scored to produce it */
    size_t unread_words;          /* words of the name in a script the name layer cannot read
                                   * (Tifinagh, Meetei Mayek …): they were not screened */
} cordon_result;

typedef struct cordon_screener cordon_screener;

/* A screener holds one thread's scratch memory and transliterators. `ix` may be NULL for a
 * screener that only compares names (cordon_compare); it must outlive the screener. */
CORDON_EXPORT cordon_rc cordon_screener_open(const cordon_index *ix, cordon_screener **out);
CORDON_EXPORT const char *cordon_screener_errmsg(const cordon_screener *s);
CORDON_EXPORT void cordon_screener_close(cordon_screener *s);

/* Screens one query. On success *out holds the matches at or above the threshold, best first;
 * free it with cordon_result_free(). Its ids and names point into the index: the index must
 * outlive it. The screeners of one index share the lookups they keep (thread-safe), so a screener
 * opened later, or on another thread, replays what the others looked up. */
CORDON_EXPORT cordon_rc cordon_screen(cordon_screener *s, const cordon_query *q, cordon_result **out);
CORDON_EXPORT void cordon_result_free(cordon_result *r);

/* An order to screen many queries in, faster than theirs: by name, so that queries which share a
 * first name part follow each other and find what its lookups met (terms, postings, the list
 * entries they reach) still in the CPU's caches. order[0 .. n) receives a permutation of 0 .. n-1:
 * screen names[order[0]] first, then names[order[1]] … The results do not depend on the order,
 * only the time they take (`cordon batch` screens rows so, in windows of 8192). NULL names come
 * first. CORDON_ERR_NOMEM leaves the input's order in *order. */
CORDON_EXPORT cordon_rc cordon_screening_order(const char *const *names, size_t n, size_t *order);

/* The matches of a result as a JSON array, best first, each
 * {"entity":"ofac:20157","score":0.97,"name":caption,"matched_name":…,"list":"ofac",
 *  "list_date":…,"kind":"person","why":…,"explanation":{…}} — the one shape that `cordon batch`,
 * `cordon screen --json` and the HTTP API all print. Free with cordon_free(). */
CORDON_EXPORT cordon_rc cordon_result_json(const cordon_result *r, char **json);

/* Scores two names against each other as the screener would score a query against one list
 * name. *explanation_json (may be NULL) receives the explanation; free it with cordon_free(). */
CORDON_EXPORT cordon_rc cordon_compare(cordon_screener *s, cordon_kind kind, const char *name1,
                                       const char *name2, double *score, char **explanation_json);

/* ---- Names ------------------------------------------------------------------------------- */

/* How the name layer sees a name: tokens, scripts, the variant spellings and the keys, as JSON.
 * For debugging (`cordon normalize`). Free with cordon_free(). */
CORDON_EXPORT cordon_rc cordon_normalize_json(cordon_screener *s, cordon_kind kind, const char *name,
                                              char **json);

#ifdef __cplusplus
}
#endif
#endif /* CORDON_H */
