/* ingest.h — the entity model every list parser produces, and the parsers' entry points.
 * Invariant: all strings of an entity set live in the set's arena and are valid UTF-8, NUL-ended.
 */
#ifndef CDN_INGEST_H
#define CDN_INGEST_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include "cordon.h"

/* ---- The model --------------------------------------------------------------------------- */

typedef enum cdn_name_type {
    CDN_NAME_PRIMARY = 0,       /* the listed name */
    CDN_NAME_ALIAS = 1,         /* a.k.a., good quality */
    CDN_NAME_WEAK_ALIAS = 2,    /* low-quality a.k.a. (UN "Low", OFAC remarks a.k.a., UK "Low quality") */
    CDN_NAME_FORMER = 3,        /* f.k.a. */
    CDN_NAME_ORIGINAL = 4,      /* the name in its original (non-Latin) script */
} cdn_name_type;

typedef struct cdn_name {
    const char *full;           /* as the source writes it, whitespace trimmed */
    const char *given;          /* given names where the source separates them, else NULL */
    const char *family;         /* surname / organisation name where separated, else NULL */
    const char *lang;           /* language or script label the source gives, else NULL */
    uint8_t type;               /* cdn_name_type */
} cdn_name;

#define CDN_DATE_CIRCA 1        /* "circa", "approximately" */

/* A birth date: exact (year, month, day), year and month, year only, or a range of years. */
typedef struct cdn_date {
    int16_t year_from, year_to; /* equal unless a range; 0 when unknown */
    uint8_t month, day;         /* 0 when unknown */
    uint8_t flags;              /* CDN_DATE_* */
    const char *text;           /* as written in the source */
} cdn_date;

typedef struct cdn_address {
    const char *text;           /* the whole address as one line */
    const char *city;           /* NULL if not separated */
    char country[3];            /* ISO 3166-1 alpha-2, "" if unknown */
} cdn_address;

typedef struct cdn_ident {
    const char *type;           /* canonical: passport, national_id, tax_id, imo, mmsi, swift_bic,
                                 * crypto_wallet, registration, other */
    const char *value;          /* as written */
    const char *note;           /* issuing details, crypto currency, etc., else NULL */
    char country[3];            /* issuing country, ISO alpha-2, "" if unknown */
} cdn_ident;

typedef struct cdn_place {      /* a place of birth */
    const char *text;
    char country[3];
} cdn_place;

typedef struct cdn_link {       /* "Linked To: LAZARUS GROUP." */
    const char *relation;       /* "linked_to", "owned_by" … */
    const char *target;         /* the other party's name or id as written */
} cdn_link;

/* A growable array of T. */
#define CDN_VEC(T) struct { T *v; uint32_t n, cap; }

typedef struct cdn_entity {
    const char *id;             /* "ofac:20157" */
    uint16_t source;            /* index into the set's sources */
    uint8_t kind;               /* cordon_kind */
    uint8_t gender;             /* 0 unknown, 'm', 'f' */
    CDN_VEC(cdn_name) names;
    CDN_VEC(cdn_date) dobs;
    CDN_VEC(cdn_place) pobs;
    CDN_VEC(const char *) nationalities;   /* ISO alpha-2 codes (2 chars + NUL, in the arena) */
    CDN_VEC(const char *) citizenships;
    CDN_VEC(cdn_address) addresses;
    CDN_VEC(cdn_ident) idents;
    CDN_VEC(const char *) programs;        /* "DPRK3", "RUSSIA-EO14024", "KPi" … */
    CDN_VEC(cdn_link) links;
    const char *listed_on;      /* YYYY-MM-DD or NULL */
    const char *remarks;        /* free text, or NULL */
    const char *title;          /* position / title, or NULL */
} cdn_entity;

typedef struct cdn_source {
    cordon_source_report report;
    const char *file;           /* the path as given */
    void *arena_mark_block;     /* internal (entity.c): the arena's top block when the source began */
    size_t arena_mark_used;     /* internal: bytes used in that block then; truncation rolls back */
} cdn_source;

typedef struct cdn_arena cdn_arena;

/* Everything read from one or more sources. */
typedef struct cdn_set {
    cdn_arena *arena;
    CDN_VEC(cdn_entity *) entities;
    CDN_VEC(cdn_source) sources;
    char *warnings;             /* "file:line: what\n" lines of the current source (malloc'd) */
    size_t warnings_len, warnings_cap;
    char errmsg[512];           /* the last error */
    struct cdn_idmap *ids;      /* internal (entity.c): official id -> entity of the current source */
    int oom;                    /* set when an allocation failed; see cdn_set_oom() */
} cdn_set;

/* ---- Building the model (entity.c) ------------------------------------------------------- */

cordon_rc cdn_set_init(cdn_set *set);
void cdn_set_free(cdn_set *set);

/* Copies a string into the set's arena, trimming surrounding whitespace. Returns NULL for NULL,
 * and NULL when the trimmed string is empty (so "no value" is always NULL). NULL on no memory
 * too; parsers check cdn_set_oom(). */
const char *cdn_strdup(cdn_set *set, const char *s);
const char *cdn_strndup(cdn_set *set, const char *s, size_t len);
void *cdn_alloc(cdn_set *set, size_t size);   /* zeroed, 8-byte aligned */
int cdn_set_oom(const cdn_set *set);

/* Starts a new source; returns its number. */
int cdn_source_begin(cdn_set *set, const char *source, const char *format, const char *file);

/* A new, empty entity in the current (last begun) source, id "source:official_id". */
cdn_entity *cdn_entity_new(cdn_set *set, const char *official_id);

/* Adders copy every string into the arena; empty or NULL values are ignored where it makes sense
 * (a name with no full text is dropped; an empty country stays ""). Each returns 0, or -1 when out
 * of memory. Country arguments may be an ISO code or an English/OFAC/UN country name; a country
 * that cdn_country_code() does not know is dropped from nationalities/citizenships (parsers that
 * want to warn check it first). */
int cdn_add_name(cdn_set *set, cdn_entity *e, cdn_name_type type, const char *full,
                 const char *given, const char *family, const char *lang);
int cdn_add_dob(cdn_set *set, cdn_entity *e, const char *text);   /* parses many date forms */
int cdn_add_dob_parts(cdn_set *set, cdn_entity *e, int year_from, int year_to, int month, int day,
                      int circa, const char *text);
int cdn_add_pob(cdn_set *set, cdn_entity *e, const char *text, const char *country);
/* Finds a seven-digit IMO number in free text ("IMO Number: 5342883", "(IMO number):7408873") into
 * out; returns 1 if found, else 0. */
int cdn_find_imo(const char *text, char out[8]);
/* A place of birth given as town and country (either may be NULL): "Town, Country". */
int cdn_add_pob_parts(cdn_set *set, cdn_entity *e, const char *city, const char *country);
int cdn_add_nationality(cdn_set *set, cdn_entity *e, const char *country);
int cdn_add_citizenship(cdn_set *set, cdn_entity *e, const char *country);
int cdn_add_address(cdn_set *set, cdn_entity *e, const char *text, const char *city, const char *country);
int cdn_add_ident(cdn_set *set, cdn_entity *e, const char *type, const char *value, const char *note,
                  const char *country);
int cdn_add_program(cdn_set *set, cdn_entity *e, const char *program);
int cdn_add_link(cdn_set *set, cdn_entity *e, const char *relation, const char *target);

/* Looks up an entity of the current source by official id (hash table), or NULL. */
cdn_entity *cdn_entity_find(cdn_set *set, const char *official_id);

/* Records a warning "file:line: what" for the current source and counts it. */
void cdn_warn(cdn_set *set, const char *file, long line, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* Records the error message; returns CORDON_ERR_INPUT. */
cordon_rc cdn_fail(cdn_set *set, const char *file, long line, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* Drops every entity and source from number `source` on (after a failed parse, so a bad file
 * never leaves half a source behind). */
void cdn_set_truncate(cdn_set *set, int source);

/* Parses a date in the forms lists use ("22 Apr 1961", "1961-04-22", "22/04/1961", "00/00/1965",
 * "04/1961", "1961", "circa 1951", "1951 to 1953", "Between 1951 and 1953") into d (text not
 * set). Returns 0, or -1 if it is not a date. */
int cdn_date_parse(const char *text, cdn_date *d);

/* ---- Countries (country.c) --------------------------------------------------------------- */

/* The ISO 3166-1 alpha-2 code of a country written as a code (alpha-2 or alpha-3) or a name in
 * the ways OFAC ("Korea, North"), the UN ("Democratic People's Republic of Korea") and the UK
 * ("North Korea") write it; case and punctuation do not matter. Returns NULL if unknown. */
const char *cdn_country_code(const char *text);
/* The English short name of an alpha-2 code, or NULL. */
const char *cdn_country_name(const char *code);

/* ---- Parsers ----------------------------------------------------------------------------- */

/* Each parser reads `path` into `set` as a new source. On bad input it returns CORDON_ERR_INPUT
 * with set->errmsg naming the file and line (or byte offset), and the caller truncates the set. */
cordon_rc cdn_parse_ofac_csv(cdn_set *set, const char *dir);        /* folder with sdn.csv … */
cordon_rc cdn_parse_ofac_xml(cdn_set *set, const char *path);       /* sdn.xml schema */
cordon_rc cdn_parse_ofac_advanced(cdn_set *set, const char *path);  /* SDN_ADVANCED schema */
cordon_rc cdn_parse_un_xml(cdn_set *set, const char *path);
cordon_rc cdn_parse_uk_csv(cdn_set *set, const char *path);

/* The canonical identifier type of an OFAC identifier label ("Passport", "Tax ID No.", "Vessel
 * Registration Identification", "Unified Social Credit Code (USCC)" …), or NULL if the label is not
 * an identifier. *label_is_note (may be NULL) is set to 1 when the label says more than the type
 * and should be kept as the identifier's note. (ofac_csv.c; for every OFAC format) */
const char *cdn_ofac_ident_type(const char *label, int *label_is_note);

/* Detects the format of a path (a folder with sdn.csv is "ofac-csv"; files by their first bytes)
 * and runs the right parser, or the one named by `format`. Truncates the set on failure. */
cordon_rc cdn_ingest_path(cdn_set *set, const char *path, const char *format);

/* ---- Small shared readers (csv.c) -------------------------------------------------------- */

/* An RFC 4180 CSV reader over a whole file in memory: quoted fields with embedded commas,
 * quotes ("") and newlines; CRLF, LF or CR line ends; a trailing 0x1A byte is ignored.
 * Fields are decoded into a scratch buffer owned by the reader. */
typedef struct cdn_csv {
    const char *data; size_t len, pos;
    long line;                  /* line number (1-based) of the start of the current record */
    long next_line;
    char *buf; size_t buf_cap;  /* decoded fields */
    size_t *starts; uint32_t n_fields, fields_cap;
    const char *file;
} cdn_csv;

/* Reads the file into memory (malloc). Returns CORDON_ERR_IO with errmsg on failure. */
cordon_rc cdn_read_file(cdn_set *set, const char *path, char **data, size_t *len);
void cdn_csv_init(cdn_csv *c, const char *file, const char *data, size_t len);
/* Reads the next record: 1 on a record, 0 at the end, -1 on an unterminated quote or a field over
 * 1 MiB (set->errmsg names file and line). */
int cdn_csv_next(cdn_csv *c, cdn_set *set);
const char *cdn_csv_field(const cdn_csv *c, uint32_t i);   /* "" past the last field */
void cdn_csv_free(cdn_csv *c);

/* A growable, malloc'd string for joining parts ("street, city; note"); free(b.s) when done. */
typedef struct cdn_strbuf { char *s; size_t len, cap; int oom; } cdn_strbuf;
/* Appends text, preceded by sep unless the string is still empty; NULL or "" adds nothing.
 * Out of memory sets b->oom and leaves the string as it was. */
void cdn_strbuf_add(cdn_strbuf *b, const char *sep, const char *text);
/* The string, or NULL while it is empty. */
const char *cdn_strbuf_str(const cdn_strbuf *b);

/* Checks that s[0..len) is valid UTF-8. Returns -1 if valid, else the byte offset of the first
 * bad sequence. */
long cdn_utf8_invalid_at(const char *s, size_t len);

/* ---- libxml2 glue for the XML parsers (xml.c) --------------------------------------------- */

struct _xmlTextReader;

/* The first error (not warning) libxml2 reports during one parse. Between begin and end the
 * per-thread structured and generic handlers point here, so libxml2 never prints to stderr. */
typedef struct cdn_xml_errors {
    char msg[256];              /* "" while there is none; one line, no trailing space */
    long line;                  /* its line, 0 if libxml2 gave none */
    void (*saved_func[2])(void);/* internal: the handlers begin replaced (structured, generic) */
    void *saved_ctx[2];
} cdn_xml_errors;

void cdn_xml_errors_begin(cdn_xml_errors *e);     /* clears e, saves and installs the handlers */
void cdn_xml_errors_end(cdn_xml_errors *e);       /* restores the saved handlers */
/* Routes a reader's own errors into e too. */
void cdn_xml_errors_watch(cdn_xml_errors *e, struct _xmlTextReader *r);
/* Fails the parse with "malformed XML: <first error>" at the error's line (else `line`), or with
 * "malformed XML" at `line` when libxml2 reported nothing. Returns CORDON_ERR_INPUT. */
cordon_rc cdn_xml_fail(cdn_set *set, const char *path, const cdn_xml_errors *e, long line);

/* The texts libxml2 allocated for the record being read (xmlChar *), freed together after it. */
typedef struct cdn_xml_bag { unsigned char **v; size_t n, cap; } cdn_xml_bag;
/* Keeps s until the next clear and returns it; NULL when s is NULL, or when out of memory (s is
 * then freed and *oom set). */
const char *cdn_xml_bag_keep(cdn_xml_bag *b, unsigned char *s, int *oom);
void cdn_xml_bag_clear(cdn_xml_bag *b);           /* xmlFree()s every text kept */
void cdn_xml_bag_free(cdn_xml_bag *b);            /* clears, then frees the bag itself */

struct _xmlNode;
/* The text of element n (NULL: none), whitespace runs folded into one space and trimmed, kept
 * in the bag; NULL when absent or empty, when out of memory (*oom set), or when over 1 MiB
 * (*too_long_line set to n's line if it was still 0: such a field is garbage, not list data). */
const char *cdn_xml_text(cdn_xml_bag *b, const struct _xmlNode *n, int *oom, long *too_long_line);

#endif /* CDN_INGEST_H */
