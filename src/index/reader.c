/* reader.c — opens an index file: maps it read-only and checks every byte the engine will trust.
 * Invariant: after cordon_index_open succeeds, every offset, count and string in the file is in bounds.
 */
#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>
#include "index/index.h"
#include "util/prefetch.h"
#include "text/text.h"

static cordon_rc fail(cordon_index *ix, cordon_rc rc, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(ix->errmsg, sizeof ix->errmsg, fmt, ap);
    va_end(ap);
    return rc;
}

static uint64_t rd64(const unsigned char *p) { uint64_t v; memcpy(&v, p, 8); return v; }
static uint32_t rd32(const unsigned char *p) { uint32_t v; memcpy(&v, p, 4); return v; }

/* Points *out at a section holding whole records of `size` bytes; returns the count, or -1. */
static long section(const unsigned char *base, size_t sec_off, size_t sec_len, size_t size, const void **out) {
    if (sec_len % size) return -1;
    *out = base + sec_off;
    return (long)(sec_len / size);
}

static int str_ok(const cordon_index *ix, uint32_t off) { return off < ix->strings_len; }

static int check_entities(const cordon_index *ix) {
    for (size_t i = 0; i < ix->n_entities; i++) {
        const cdn_ix_entity *e = &ix->entities[i];
        if (!str_ok(ix, e->id) || !str_ok(ix, e->caption)) return -1;
        if ((size_t)e->record + e->record_len > ix->records_len) return -1;
        /* deflate inflates at most 1032:1, so a larger json_len is forged; without this check one
         * record could make cordon_entity_json allocate 4 GiB (found by fuzz/fuzz_index.c). */
        if ((uint64_t)e->json_len > (uint64_t)e->record_len * 1032) return -1;
        if ((size_t)e->first_name + e->n_names > ix->n_names) return -1;
        if ((size_t)e->first_dob + e->n_dobs > ix->n_dobs) return -1;
        if ((size_t)e->first_country + e->n_countries > ix->n_countries) return -1;
        if ((size_t)e->first_ident + e->n_idents > ix->n_idents) return -1;
        if (e->source >= ix->n_sources || e->kind > CORDON_KIND_AIRCRAFT) return -1;
    }
    for (size_t i = 0; i < ix->n_sources; i++) {
        const cdn_ix_source *s = &ix->sources[i];
        if (!str_ok(ix, s->name) || !str_ok(ix, s->format) || !str_ok(ix, s->file) || !str_ok(ix, s->list_date))
            return -1;
    }
    return 0;
}

static int check_names(const cordon_index *ix) {
    for (size_t i = 0; i < ix->n_names; i++) {
        const cdn_ix_name *n = &ix->names[i];
        if (n->entity >= ix->n_entities || !str_ok(ix, n->text)) return -1;
        if ((size_t)n->first_form + n->n_forms > ix->n_forms) return -1;
    }
    for (size_t i = 0; i < ix->n_forms; i++)
        if ((size_t)ix->forms[i].first_tok + ix->forms[i].n_toks > ix->n_ntoks) return -1;
    for (size_t i = 0; i < ix->n_ntoks; i++) {
        const cdn_ix_ntok *nt = &ix->ntoks[i];
        if (nt->term >= ix->n_terms || (nt->joined >= ix->n_terms && nt->joined < CDN_IX_JOIN_UNSURE)) return -1;
    }
    for (size_t i = 0; i < ix->n_terms; i++) {
        const cdn_ix_term *t = &ix->terms[i];
        if (!str_ok(ix, t->text) || !str_ok(ix, t->key) || !str_ok(ix, t->skel)) return -1;
        if ((size_t)t->first_post + t->n_post > ix->n_postings) return -1;
        if (t->len != strlen(ix->strings + t->text)) return -1;
    }
    for (size_t i = 0; i < ix->n_postings; i++)
        if (ix->postings[i] >= ix->n_entities) return -1;
    for (size_t i = 0; i < ix->n_idents; i++) {
        const cdn_ix_ident *d = &ix->idents[i];
        if (!str_ok(ix, d->type) || !str_ok(ix, d->value) || !str_ok(ix, d->norm)) return -1;
    }
    return 0;
}

/* The name rules the header's "icu …; names N" field records; 0 for an index made before they were
 * recorded. */
static int name_rules(const unsigned char *field) {
    char made_with[33];
    memcpy(made_with, field, 32);
    made_with[32] = 0;
    const char *at = strstr(made_with, "; names ");
    return at ? atoi(at + 8) : 0;
}

/* Reads the header and section table, checks sizes and hashes, and decodes each section. */
static cordon_rc load(cordon_index *ix, const char *path) {
    const unsigned char *p = ix->map;
    size_t table = CDN_IX_HEADER + 24 * (size_t)CDN_SEC_COUNT;
    if (ix->map_len < table || memcmp(p, CDN_IX_MAGIC, 8) != 0)
        return fail(ix, CORDON_ERR_CORRUPT, "%s: not a cordon index file", path);
    if (rd32(p + 8) != CDN_IX_VERSION)
        return fail(ix, CORDON_ERR_CORRUPT, "%s: index format version %u, this cordon reads version %d; rebuild it",
                    path, rd32(p + 8), CDN_IX_VERSION);
    if (rd32(p + 12) != CDN_SEC_COUNT || rd64(p + 24) != cdn_hash(p + 32, table - 32))
        return fail(ix, CORDON_ERR_CORRUPT, "%s: index header is corrupt", path);
    if (rd64(p + 16) != ix->map_len)
        return fail(ix, CORDON_ERR_CORRUPT, "%s: index file is truncated (%zu of %llu bytes)", path, ix->map_len,
                    (unsigned long long)rd64(p + 16));
    memcpy(ix->built_at, p + 32, 31);
    int rules = name_rules(p + 64);
    if (rules != CDN_NAME_RULES)
        return fail(ix, CORDON_ERR_CORRUPT, "%s: index made with name rules %d, this cordon uses %d; rebuild it", path,
                    rules, CDN_NAME_RULES);
    size_t off[CDN_SEC_COUNT], len[CDN_SEC_COUNT];
    for (int i = 0; i < CDN_SEC_COUNT; i++) {
        const unsigned char *e = p + CDN_IX_HEADER + 24 * i;
        uint64_t o = rd64(e), l = rd64(e + 8);
        if (o < table || o % 8 || o > ix->map_len || l > ix->map_len - o)
            return fail(ix, CORDON_ERR_CORRUPT, "%s: index section %d out of bounds", path, i);
        if (rd64(e + 16) != cdn_hash(p + o, l))
            return fail(ix, CORDON_ERR_CORRUPT, "%s: index section %d fails its checksum", path, i);
        off[i] = o; len[i] = l;
    }
    const void *v;
    long n;
#define SEC(id, field, count, type) \
    if ((n = section(p, off[id], len[id], sizeof(type), &v)) < 0) \
        return fail(ix, CORDON_ERR_CORRUPT, "%s: index section %d has a bad size", path, id); \
    ix->field = v; ix->count = (size_t)n;
    SEC(CDN_SEC_SOURCES, sources, n_sources, cdn_ix_source)
    SEC(CDN_SEC_ENTITIES, entities, n_entities, cdn_ix_entity)
    SEC(CDN_SEC_NAMES, names, n_names, cdn_ix_name)
    SEC(CDN_SEC_FORMS, forms, n_forms, cdn_ix_form)
    SEC(CDN_SEC_NTOKS, ntoks, n_ntoks, cdn_ix_ntok)
    SEC(CDN_SEC_TERMS, terms, n_terms, cdn_ix_term)
    SEC(CDN_SEC_POSTINGS, postings, n_postings, uint32_t)
    SEC(CDN_SEC_DOBS, dobs, n_dobs, cdn_ix_dob)
    SEC(CDN_SEC_COUNTRIES, countries, n_countries, cdn_ix_country)
    SEC(CDN_SEC_IDENTS, idents, n_idents, cdn_ix_ident)
#undef SEC
    ix->records = p + off[CDN_SEC_RECORDS];
    ix->records_len = len[CDN_SEC_RECORDS];
    ix->strings = (const char *)p + off[CDN_SEC_STRINGS];
    ix->strings_len = len[CDN_SEC_STRINGS];
    if (ix->strings_len == 0 || ix->strings[ix->strings_len - 1] != 0)
        return fail(ix, CORDON_ERR_CORRUPT, "%s: index string pool is corrupt", path);
    if (len[CDN_SEC_META] != sizeof(cdn_ix_meta))
        return fail(ix, CORDON_ERR_CORRUPT, "%s: index metadata is corrupt", path);
    memcpy(&ix->meta, p + off[CDN_SEC_META], sizeof ix->meta);
    if (check_entities(ix) || check_names(ix))
        return fail(ix, CORDON_ERR_CORRUPT, "%s: index records point out of bounds", path);
    struct { cdn_ix_map *m; int id; size_t max; } maps[] = {
        {&ix->by_id, CDN_SEC_BY_ID, ix->n_entities},   {&ix->by_text, CDN_SEC_BY_TEXT, ix->n_terms},
        {&ix->by_key, CDN_SEC_BY_KEY, ix->n_terms},    {&ix->by_skel, CDN_SEC_BY_SKEL, ix->n_terms},
        {&ix->by_delete, CDN_SEC_BY_DELETE, ix->n_terms}, {&ix->by_ident, CDN_SEC_BY_IDENT, ix->n_entities},
    };
    for (size_t i = 0; i < sizeof maps / sizeof *maps; i++)
        if (cdn_map_open(maps[i].m, p + off[maps[i].id], len[maps[i].id], (uint32_t)maps[i].max))
            return fail(ix, CORDON_ERR_CORRUPT, "%s: index lookup table %d is corrupt", path, maps[i].id);
    return CORDON_OK;
}

cordon_rc cordon_index_open(const char *path, cordon_index **out) {
    cordon_index *ix = calloc(1, sizeof *ix);
    *out = ix;
    if (!ix) return CORDON_ERR_NOMEM;
    if (!path) return fail(ix, CORDON_ERR_ARG, "no index path given");
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) return fail(ix, errno == ENOENT ? CORDON_ERR_NOTFOUND : CORDON_ERR_IO, "%s: %s", path, strerror(errno));
    struct stat st;
    if (fstat(fd, &st) || !S_ISREG(st.st_mode)) {
        close(fd);
        return fail(ix, CORDON_ERR_IO, "%s: not a regular file", path);
    }
    ix->map_len = (size_t)st.st_size;
    if (ix->map_len < CDN_IX_HEADER) {
        close(fd);
        return fail(ix, CORDON_ERR_CORRUPT, "%s: index file is truncated (%zu bytes)", path, ix->map_len);
    }
    ix->map = mmap(NULL, ix->map_len, PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd, 0);
    close(fd);
    if (ix->map == MAP_FAILED) {
        ix->map = NULL;
        return fail(ix, CORDON_ERR_IO, "%s: cannot map: %s", path, strerror(errno));
    }
    return load(ix, path);
}

const char *cordon_index_errmsg(const cordon_index *ix) { return ix ? ix->errmsg : "out of memory"; }

void cordon_index_close(cordon_index *ix) {
    if (!ix) return;
    cdn_ix_derived *d = atomic_load(&ix->derived);
    if (d) d->free(d);
    if (ix->map) munmap(ix->map, ix->map_len);
    free(ix);
}

/* ---- Lookups ----------------------------------------------------------------------------- */

typedef struct find_ctx { const cordon_index *ix; const char *s; size_t len; long found; } find_ctx;

static int match_term(uint32_t v, void *p) {
    find_ctx *c = p;
    const cdn_ix_term *t = &c->ix->terms[v];
    if (t->len == c->len && memcmp(cdn_ix_str(c->ix, t->text), c->s, c->len) == 0) { c->found = v; return 1; }
    return 0;
}

long cdn_ix_find_term(const cordon_index *ix, const char *s, size_t len) {
    find_ctx c = { ix, s, len, -1 };
    cdn_map_each(&ix->by_text, s, len, match_term, &c);
    return c.found;
}

void cdn_ix_find_terms(const cordon_index *ix, const char *const *s, const size_t *len, size_t n, long *out) {
    enum { AT_ONCE = 64 };
    cdn_map_probe p[AT_ONCE];
    for (size_t from = 0; from < n; from += AT_ONCE) {
        size_t k = n - from < AT_ONCE ? n - from : AT_ONCE;
        for (size_t i = 0; i < k; i++) cdn_map_probe_start(&p[i], &ix->by_text, s[from + i], len[from + i]);
        for (size_t i = 0; i < k; i++) cdn_map_probe_fetch(&p[i]);
        /* Then the term each text's bucket holds under its hash, then that term's text, all fetched
         * ahead: else each comparison waits on a term record, then on a text, one after another. */
        uint32_t first[AT_ONCE];
        for (size_t i = 0; i < k; i++)
            if ((first[i] = cdn_map_probe_first(&p[i])) != UINT32_MAX) cdn_prefetch(&ix->terms[first[i]]);
        for (size_t i = 0; i < k; i++)
            if (first[i] != UINT32_MAX) cdn_prefetch(cdn_ix_str(ix, ix->terms[first[i]].text));
        for (size_t i = 0; i < k; i++) {
            find_ctx c = { ix, s[from + i], len[from + i], -1 };
            cdn_map_probe_each(&p[i], match_term, &c);
            out[from + i] = c.found;
        }
    }
}

static int match_entity(uint32_t v, void *p) {
    find_ctx *c = p;
    if (strcmp(cdn_ix_str(c->ix, c->ix->entities[v].id), c->s) == 0) { c->found = v; return 1; }
    return 0;
}

long cdn_ix_find_entity(const cordon_index *ix, const char *id) {
    find_ctx c = { ix, id, strlen(id), -1 };
    cdn_map_each(&ix->by_id, id, c.len, match_entity, &c);
    return c.found;
}

size_t cordon_index_entity_count(const cordon_index *ix) { return ix ? ix->n_entities : 0; }

const char *cordon_index_entity_id(const cordon_index *ix, size_t i) {
    return ix && i < ix->n_entities ? cdn_ix_str(ix, ix->entities[i].id) : NULL;
}

cordon_rc cordon_entity_json(const cordon_index *ix, const char *id, char **json) {
    *json = NULL;
    if (!ix || !ix->map || !id) return CORDON_ERR_ARG;
    long e = cdn_ix_find_entity(ix, id);
    if (e < 0) return CORDON_ERR_NOTFOUND;
    const cdn_ix_entity *x = &ix->entities[e];
    char *out = malloc((size_t)x->json_len + 1);
    if (!out) return CORDON_ERR_NOMEM;
    uLongf n = x->json_len;
    if (x->record_len == x->json_len) memcpy(out, ix->records + x->record, n);     /* stored as it is */
    else if (uncompress((Bytef *)out, &n, ix->records + x->record, x->record_len) != Z_OK || n != x->json_len) {
        free(out);
        return CORDON_ERR_CORRUPT;
    }
    out[n] = 0;
    *json = out;
    return CORDON_OK;
}

cordon_rc cordon_index_info_json(const cordon_index *ix, char **json) {
    *json = NULL;
    if (!ix || !ix->map) return CORDON_ERR_ARG;
    json_t *o = json_object(), *srcs = json_array();
    for (size_t i = 0; i < ix->n_sources; i++) {
        const cdn_ix_source *s = &ix->sources[i];
        json_t *x = json_object();
        json_object_set_new(x, "name", json_string(cdn_ix_str(ix, s->name)));
        json_object_set_new(x, "file", json_string(cdn_ix_str(ix, s->file)));
        json_object_set_new(x, "format", json_string(cdn_ix_str(ix, s->format)));
        json_object_set_new(x, "list_date", json_string(cdn_ix_str(ix, s->list_date)));
        json_object_set_new(x, "entities", json_integer(s->entities));
        json_object_set_new(x, "names", json_integer(s->names));
        json_array_append_new(srcs, x);
    }
    json_object_set_new(o, "sources", srcs);
    json_object_set_new(o, "format_version", json_integer(CDN_IX_VERSION));
    json_object_set_new(o, "name_rules", json_integer(CDN_NAME_RULES));
    json_object_set_new(o, "built_at", json_string(ix->built_at));
    json_object_set_new(o, "entities", json_integer((json_int_t)ix->n_entities));
    json_object_set_new(o, "names", json_integer((json_int_t)ix->n_names));
    json_object_set_new(o, "terms", json_integer((json_int_t)ix->n_terms));
    json_object_set_new(o, "bytes", json_integer((json_int_t)ix->map_len));
    *json = json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER);
    json_decref(o);
    return *json ? CORDON_OK : CORDON_ERR_NOMEM;
}
