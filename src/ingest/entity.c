/* entity.c — the entity set: its arena, sources, entities, adders, id lookup, warnings and dates.
 * Invariant: every string and entity array lives in the set's arena; truncating to a source frees
 * (rolls back) everything that source and later ones allocated, so a failed parse leaves no trace.
 */
#include <ctype.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "ingest/ingest.h"

/* ---- Arena --------------------------------------------------------------------------------
 * A chain of big blocks, newest first. Allocation bumps `used` in the newest block; rolling back
 * to a mark frees the newer blocks and resets `used`. Entity arrays grow inside the arena too:
 * when an array is the last thing allocated it is extended in place (the common case while a
 * parser fills one entity), otherwise it is copied and the old copy stays until the set is freed. */

#define ARENA_BLOCK (1u << 20)
#define ALIGN8(n) (((n) + 7) & ~(size_t)7)

typedef struct arena_block {
    struct arena_block *prev;
    size_t cap, used;
    _Alignas(8) char data[];
} arena_block;

struct cdn_arena {
    arena_block *top;
};

static arena_block *arena_new_block(cdn_arena *a, size_t need)
{
    size_t cap = need > ARENA_BLOCK ? need : ARENA_BLOCK;
    arena_block *b = malloc(sizeof *b + cap);
    if (!b)
        return NULL;
    b->prev = a->top;
    b->cap = cap;
    b->used = 0;
    a->top = b;
    return b;
}

void *cdn_alloc(cdn_set *set, size_t size)
{
    if (!set->arena || size > ((size_t)1 << 40)) {
        set->oom = 1;
        return NULL;
    }
    size = ALIGN8(size ? size : 1);
    arena_block *b = set->arena->top;
    if (!b || b->cap - b->used < size)
        b = arena_new_block(set->arena, size);
    if (!b) {
        set->oom = 1;
        return NULL;
    }
    void *p = b->data + b->used;
    b->used += size;
    memset(p, 0, size);
    return p;
}

/* Frees every block newer than `keep` and resets keep's fill to `used` (keep NULL: all blocks). */
static void arena_rollback(cdn_arena *a, arena_block *keep, size_t used)
{
    while (a->top && a->top != keep) {
        arena_block *prev = a->top->prev;
        free(a->top);
        a->top = prev;
    }
    if (a->top)
        a->top->used = used;
}

/* Grows an arena array of `elem`-byte items from *cap to twice as many; returns the (possibly
 * moved) array, or NULL when out of memory. */
static void *vec_grow(cdn_set *set, void *v, uint32_t n, uint32_t *cap, size_t elem)
{
    if (*cap >= UINT32_MAX / 2) {
        set->oom = 1;
        return NULL;
    }
    uint32_t new_cap = *cap ? *cap * 2 : 2;
    arena_block *b = set->arena ? set->arena->top : NULL;
    if (v && b && b->data + b->used == (char *)v + ALIGN8((size_t)*cap * elem)) {
        size_t start = (size_t)((char *)v - b->data);
        size_t end = start + ALIGN8((size_t)new_cap * elem);
        if (end <= b->cap) {
            memset(b->data + b->used, 0, end - b->used);
            b->used = end;
            *cap = new_cap;
            return v;
        }
    }
    void *p = cdn_alloc(set, (size_t)new_cap * elem);
    if (!p)
        return NULL;
    if (n)
        memcpy(p, v, (size_t)n * elem);
    *cap = new_cap;
    return p;
}

/* Appends a value to an entity array inside a function that returns -1 when out of memory. */
#define VEC_PUSH(set, vec, ...) do { \
        if ((vec).n == (vec).cap) { \
            void *p_ = vec_grow((set), (vec).v, (vec).n, &(vec).cap, sizeof *(vec).v); \
            if (!p_) return -1; \
            (vec).v = p_; \
        } \
        (vec).v[(vec).n++] = (__VA_ARGS__); \
    } while (0)

/* ---- Official id lookup ------------------------------------------------------------------
 * Open addressing over the entities of the current source; keys are the part of e->id after
 * "source:". Rebuilt empty whenever a source begins or the set is truncated. */

struct cdn_idmap {
    cdn_entity **slots;
    size_t cap, n;      /* cap is a power of two */
    size_t prefix;      /* strlen("source:") */
};

static uint64_t hash_str(const char *s)
{
    uint64_t h = 1469598103934665603ull;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211ull;
    return h;
}

static void idmap_clear(cdn_set *set, size_t prefix)
{
    if (!set->ids)
        return;
    free(set->ids->slots);
    set->ids->slots = NULL;
    set->ids->cap = set->ids->n = 0;
    set->ids->prefix = prefix;
}

static void idmap_place(struct cdn_idmap *m, cdn_entity *e)
{
    size_t mask = m->cap - 1;
    size_t i = hash_str(e->id + m->prefix) & mask;
    while (m->slots[i]) {
        if (strcmp(m->slots[i]->id + m->prefix, e->id + m->prefix) == 0) {
            m->slots[i] = e;    /* a repeated id: the newest entity wins the lookup */
            return;
        }
        i = (i + 1) & mask;
    }
    m->slots[i] = e;
    m->n++;
}

static int idmap_insert(cdn_set *set, cdn_entity *e)
{
    struct cdn_idmap *m = set->ids;
    if ((m->n + 1) * 2 > m->cap) {
        size_t new_cap = m->cap ? m->cap * 2 : 1024;
        cdn_entity **old = m->slots;
        size_t old_cap = m->cap;
        m->slots = calloc(new_cap, sizeof *m->slots);
        if (!m->slots) {
            m->slots = old;
            set->oom = 1;
            return -1;
        }
        m->cap = new_cap;
        m->n = 0;
        for (size_t i = 0; i < old_cap; i++)
            if (old[i])
                idmap_place(m, old[i]);
        free(old);
    }
    idmap_place(m, e);
    return 0;
}

cdn_entity *cdn_entity_find(cdn_set *set, const char *official_id)
{
    struct cdn_idmap *m = set->ids;
    if (!m || !m->cap || !official_id)
        return NULL;
    while (isspace((unsigned char)*official_id))
        official_id++;
    size_t len = strlen(official_id);
    while (len && isspace((unsigned char)official_id[len - 1]))
        len--;
    size_t mask = m->cap - 1;
    uint64_t h = 1469598103934665603ull;
    for (size_t k = 0; k < len; k++)
        h = (h ^ (unsigned char)official_id[k]) * 1099511628211ull;
    for (size_t i = h & mask; m->slots[i]; i = (i + 1) & mask) {
        const char *key = m->slots[i]->id + m->prefix;
        if (strncmp(key, official_id, len) == 0 && key[len] == '\0')
            return m->slots[i];
    }
    return NULL;
}

/* ---- The set ----------------------------------------------------------------------------- */

cordon_rc cdn_set_init(cdn_set *set)
{
    memset(set, 0, sizeof *set);
    set->arena = calloc(1, sizeof *set->arena);
    set->ids = calloc(1, sizeof *set->ids);
    if (!set->arena || !set->ids) {
        cdn_set_free(set);
        return CORDON_ERR_NOMEM;
    }
    return CORDON_OK;
}

void cdn_set_free(cdn_set *set)
{
    if (!set)
        return;
    if (set->arena) {
        arena_rollback(set->arena, NULL, 0);
        free(set->arena);
    }
    if (set->ids) {
        free(set->ids->slots);
        free(set->ids);
    }
    free(set->entities.v);
    free(set->sources.v);
    free(set->warnings);
    memset(set, 0, sizeof *set);
}

int cdn_set_oom(const cdn_set *set)
{
    return set->oom;
}

/* Bytes of leading whitespace (ASCII or U+00A0 NO-BREAK SPACE) at s. */
static size_t space_at(const char *s)
{
    if (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n' || *s == '\v' || *s == '\f')
        return 1;
    if ((unsigned char)s[0] == 0xC2 && (unsigned char)s[1] == 0xA0)
        return 2;
    return 0;
}

/* Length of s[0..len) without trailing whitespace. */
static size_t trim_end(const char *s, size_t len)
{
    for (;;) {
        if (len && (s[len - 1] == ' ' || s[len - 1] == '\t' || s[len - 1] == '\r' ||
                    s[len - 1] == '\n' || s[len - 1] == '\v' || s[len - 1] == '\f'))
            len--;
        else if (len >= 2 && (unsigned char)s[len - 2] == 0xC2 && (unsigned char)s[len - 1] == 0xA0)
            len -= 2;
        else
            return len;
    }
}

const char *cdn_strndup(cdn_set *set, const char *s, size_t len)
{
    if (!s)
        return NULL;
    size_t k;
    while (len && (k = space_at(s)) && k <= len) {
        s += k;
        len -= k;
    }
    len = trim_end(s, len);
    if (!len)
        return NULL;
    char *p = cdn_alloc(set, len + 1);
    if (!p)
        return NULL;
    memcpy(p, s, len);
    p[len] = '\0';
    return p;
}

const char *cdn_strdup(cdn_set *set, const char *s)
{
    return s ? cdn_strndup(set, s, strlen(s)) : NULL;
}

static void copy_name(char *dst, size_t cap, const char *src)
{
    snprintf(dst, cap, "%s", src ? src : "");
}

int cdn_source_begin(cdn_set *set, const char *source, const char *format, const char *file)
{
    if (set->sources.n == set->sources.cap) {
        uint32_t cap = set->sources.cap ? set->sources.cap * 2 : 4;
        cdn_source *v = realloc(set->sources.v, cap * sizeof *v);
        if (!v) {
            set->oom = 1;
            return -1;
        }
        set->sources.v = v;
        set->sources.cap = cap;
    }
    cdn_source *src = &set->sources.v[set->sources.n];
    memset(src, 0, sizeof *src);
    src->arena_mark_block = set->arena->top;
    src->arena_mark_used = set->arena->top ? set->arena->top->used : 0;
    /* Always allocate something, so no older entity's array ends at the mark and grows past it. */
    const char *f = cdn_strdup(set, file && *file ? file : "-");
    if (!f)
        return -1;
    src->file = f;
    copy_name(src->report.source, sizeof src->report.source, source);
    copy_name(src->report.format, sizeof src->report.format, format);
    set->warnings_len = 0;
    if (set->warnings)
        set->warnings[0] = '\0';
    idmap_clear(set, strlen(src->report.source) + 1);
    return (int)set->sources.n++;
}

cdn_entity *cdn_entity_new(cdn_set *set, const char *official_id)
{
    if (!set->sources.n || !official_id)
        return NULL;
    cdn_source *src = &set->sources.v[set->sources.n - 1];
    size_t sl = strlen(src->report.source);
    while (space_at(official_id))
        official_id += space_at(official_id);
    size_t il = trim_end(official_id, strlen(official_id));
    if (!il)
        return NULL;
    cdn_entity *e = cdn_alloc(set, sizeof *e);
    char *id = cdn_alloc(set, sl + 1 + il + 1);
    if (!e || !id)
        return NULL;
    memcpy(id, src->report.source, sl);
    id[sl] = ':';
    memcpy(id + sl + 1, official_id, il);
    e->id = id;
    e->source = (uint16_t)(set->sources.n - 1);
    if (set->entities.n == set->entities.cap) {
        uint32_t cap = set->entities.cap ? set->entities.cap * 2 : 1024;
        cdn_entity **v = realloc(set->entities.v, cap * sizeof *v);
        if (!v) {
            set->oom = 1;
            return NULL;
        }
        set->entities.v = v;
        set->entities.cap = cap;
    }
    if (idmap_insert(set, e) < 0)
        return NULL;
    set->entities.v[set->entities.n++] = e;
    src->report.entities++;
    return e;
}

void cdn_set_truncate(cdn_set *set, int source)
{
    if (source < 0)
        source = 0;
    if ((uint32_t)source >= set->sources.n)
        return;
    while (set->entities.n && set->entities.v[set->entities.n - 1]->source >= source)
        set->entities.n--;
    cdn_source *src = &set->sources.v[source];
    arena_rollback(set->arena, src->arena_mark_block, src->arena_mark_used);
    set->sources.n = (uint32_t)source;
    idmap_clear(set, 0);
}

/* ---- Messages ---------------------------------------------------------------------------- */

#define WARNINGS_MAX (4u << 20)   /* beyond this, warnings are counted but their text dropped */

static void warn_append(cdn_set *set, const char *text, size_t len)
{
    if (set->warnings_len + len + 1 > set->warnings_cap) {
        size_t cap = set->warnings_cap ? set->warnings_cap * 2 : 4096;
        while (cap < set->warnings_len + len + 1)
            cap *= 2;
        char *w = realloc(set->warnings, cap);
        if (!w) {
            set->oom = 1;
            return;
        }
        set->warnings = w;
        set->warnings_cap = cap;
    }
    memcpy(set->warnings + set->warnings_len, text, len);
    set->warnings_len += len;
    set->warnings[set->warnings_len] = '\0';
}

static int where(char *buf, size_t cap, const char *file, long line)
{
    if (line > 0)
        return snprintf(buf, cap, "%s:%ld: ", file ? file : "-", line);
    return snprintf(buf, cap, "%s: ", file ? file : "-");
}

void cdn_warn(cdn_set *set, const char *file, long line, const char *fmt, ...)
{
    if (set->sources.n)
        set->sources.v[set->sources.n - 1].report.warnings++;
    if (set->warnings_len >= WARNINGS_MAX)
        return;
    char msg[1024];
    int k = where(msg, sizeof msg, file, line);
    if (k < 0 || (size_t)k >= sizeof msg - 2)
        k = 0;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg + k, sizeof msg - (size_t)k - 1, fmt, ap);
    va_end(ap);
    size_t len = strlen(msg);
    msg[len++] = '\n';
    warn_append(set, msg, len);
    if (set->warnings_len >= WARNINGS_MAX) {
        static const char more[] = "(further warnings are counted but not listed)\n";
        warn_append(set, more, sizeof more - 1);
    }
}

cordon_rc cdn_fail(cdn_set *set, const char *file, long line, const char *fmt, ...)
{
    int k = where(set->errmsg, sizeof set->errmsg, file, line);
    if (k < 0 || (size_t)k >= sizeof set->errmsg - 1)
        k = 0;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(set->errmsg + k, sizeof set->errmsg - (size_t)k, fmt, ap);
    va_end(ap);
    return CORDON_ERR_INPUT;
}

/* ---- Adders ------------------------------------------------------------------------------ */

/* 1 if s is NULL or only whitespace. */
static int is_blank(const char *s)
{
    if (s)
        for (size_t k; *s; s += k)
            if (!(k = space_at(s)))
                return 0;
    return 1;
}

static void count_name(cdn_set *set)
{
    if (set->sources.n)
        set->sources.v[set->sources.n - 1].report.names++;
}

int cdn_add_name(cdn_set *set, cdn_entity *e, cdn_name_type type, const char *full,
                 const char *given, const char *family, const char *lang)
{
    const char *f = cdn_strdup(set, full);
    if (!f)
        return set->oom ? -1 : 0;
    for (uint32_t i = 0; i < e->names.n; i++)   /* the same spelling twice adds nothing */
        if (strcmp(e->names.v[i].full, f) == 0)
            return 0;
    cdn_name nm = { f, cdn_strdup(set, given), cdn_strdup(set, family), cdn_strdup(set, lang),
                    (uint8_t)type };
    if (set->oom)
        return -1;
    VEC_PUSH(set, e->names, nm);
    count_name(set);
    return 0;
}

int cdn_add_dob_parts(cdn_set *set, cdn_entity *e, int year_from, int year_to, int month, int day,
                      int circa, const char *text)
{
    if (year_to < year_from) {
        int t = year_to;
        year_to = year_from;
        year_from = t;
    }
    if (year_from < 0 || year_to > 9999 || month < 0 || month > 12 || day < 0 || day > 31)
        year_from = year_to = month = day = 0;
    cdn_date d = { (int16_t)year_from, (int16_t)year_to, (uint8_t)month, (uint8_t)day,
                   (uint8_t)(circa ? CDN_DATE_CIRCA : 0), cdn_strdup(set, text) };
    if (set->oom)
        return -1;
    for (uint32_t i = 0; i < e->dobs.n; i++) {
        const cdn_date *o = &e->dobs.v[i];
        if (o->year_from == d.year_from && o->year_to == d.year_to && o->month == d.month &&
            o->day == d.day && o->flags == d.flags && (d.year_from || !d.text ||
            (o->text && strcmp(o->text, d.text) == 0)))
            return 0;
    }
    VEC_PUSH(set, e->dobs, d);
    return 0;
}

int cdn_add_dob(cdn_set *set, cdn_entity *e, const char *text)
{
    cdn_date d;
    if (is_blank(text))
        return 0;
    if (cdn_date_parse(text, &d) < 0)     /* not understood: keep the text, date unknown */
        return cdn_add_dob_parts(set, e, 0, 0, 0, 0, 0, text);
    return cdn_add_dob_parts(set, e, d.year_from, d.year_to, d.month, d.day,
                             d.flags & CDN_DATE_CIRCA, text);
}

/* The code of a country argument ("" if NULL or unknown), into out[3]. */
static void country_into(char out[3], const char *country)
{
    const char *c = country ? cdn_country_code(country) : NULL;
    out[0] = c ? c[0] : '\0';
    out[1] = c ? c[1] : '\0';
    out[2] = '\0';
}

/* The country named after the last comma of a place ("Pyongyang, North Korea"), or the whole. */
static void country_of_place(char out[3], const char *text)
{
    out[0] = '\0';
    if (!text)
        return;
    const char *comma = strrchr(text, ',');
    if (comma)
        country_into(out, comma + 1);
    if (!out[0])
        country_into(out, text);
}

int cdn_add_pob(cdn_set *set, cdn_entity *e, const char *text, const char *country)
{
    cdn_place p = { cdn_strdup(set, text ? text : country), "" };
    if (!p.text)
        return set->oom ? -1 : 0;
    if (!is_blank(country))
        country_into(p.country, country);
    else
        country_of_place(p.country, p.text);
    for (uint32_t i = 0; i < e->pobs.n; i++)
        if (strcmp(e->pobs.v[i].text, p.text) == 0)
            return 0;
    VEC_PUSH(set, e->pobs, p);
    return 0;
}

int cdn_add_pob_parts(cdn_set *set, cdn_entity *e, const char *city, const char *country)
{
    if (!city && !country) return 0;
    cdn_strbuf b = { 0 };
    cdn_strbuf_add(&b, ", ", city);
    cdn_strbuf_add(&b, ", ", country);
    int rc = b.oom ? -1 : cdn_add_pob(set, e, cdn_strbuf_str(&b), country);
    free(b.s);
    return rc;
}

/* Adds a country code to a list of codes unless unknown or present. */
#define ADD_COUNTRY(set, vec, country) do { \
        const char *c_ = (country) ? cdn_country_code(country) : NULL; \
        if (!c_) return 0; \
        for (uint32_t i_ = 0; i_ < (vec).n; i_++) \
            if (strcmp((vec).v[i_], c_) == 0) return 0; \
        const char *s_ = cdn_strndup((set), c_, 2); \
        if (!s_) return -1; \
        VEC_PUSH((set), (vec), s_); \
        return 0; \
    } while (0)

int cdn_add_nationality(cdn_set *set, cdn_entity *e, const char *country)
{
    ADD_COUNTRY(set, e->nationalities, country);
}

int cdn_add_citizenship(cdn_set *set, cdn_entity *e, const char *country)
{
    ADD_COUNTRY(set, e->citizenships, country);
}

int cdn_add_address(cdn_set *set, cdn_entity *e, const char *text, const char *city, const char *country)
{
    cdn_address a = { cdn_strdup(set, text), cdn_strdup(set, city), "" };
    if (set->oom)
        return -1;
    if (!is_blank(country))
        country_into(a.country, country);
    else
        country_of_place(a.country, a.text);
    if (!a.text) {   /* only a city or a country: that is the whole address */
        a.text = a.city ? a.city : cdn_strdup(set, country);
        if (!a.text)
            return set->oom ? -1 : 0;
    }
    VEC_PUSH(set, e->addresses, a);
    return 0;
}

int cdn_add_ident(cdn_set *set, cdn_entity *e, const char *type, const char *value, const char *note,
                  const char *country)
{
    cdn_ident id = { cdn_strdup(set, type ? type : "other"), cdn_strdup(set, value),
                     cdn_strdup(set, note), "" };
    if (set->oom)
        return -1;
    if (!id.value)
        return 0;
    if (!id.type)
        id.type = "other";
    country_into(id.country, country);
    for (uint32_t i = 0; i < e->idents.n; i++)
        if (strcmp(e->idents.v[i].type, id.type) == 0 && strcmp(e->idents.v[i].value, id.value) == 0)
            return 0;
    VEC_PUSH(set, e->idents, id);
    return 0;
}

int cdn_add_program(cdn_set *set, cdn_entity *e, const char *program)
{
    const char *p = cdn_strdup(set, program);
    if (!p)
        return set->oom ? -1 : 0;
    for (uint32_t i = 0; i < e->programs.n; i++)
        if (strcmp(e->programs.v[i], p) == 0)
            return 0;
    VEC_PUSH(set, e->programs, p);
    return 0;
}

int cdn_add_link(cdn_set *set, cdn_entity *e, const char *relation, const char *target)
{
    cdn_link l = { cdn_strdup(set, relation ? relation : "linked_to"), cdn_strdup(set, target) };
    if (set->oom)
        return -1;
    if (!l.target)
        return 0;
    VEC_PUSH(set, e->links, l);
    return 0;
}

/* ---- Dates ------------------------------------------------------------------------------- */

static const char *const month_names[12] = {
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december",
};

/* 1..12 if s[0..len) is a month name or its abbreviation of at least three letters, else 0. */
static int month_of(const char *s, size_t len)
{
    if (len < 3)
        return 0;
    for (int m = 0; m < 12; m++)
        if (len <= strlen(month_names[m]) && strncmp(month_names[m], s, len) == 0)
            return m + 1;
    return 0;
}

/* A part of a date: a number (with its digit count) or a month name. */
typedef struct date_part {
    int value, digits, is_month;
} date_part;

/* Splits a lowercase date into at most 3 parts; -1 if anything else is in it. */
static int date_parts(const char *s, date_part *p)
{
    int n = 0;
    while (*s) {
        if (strchr(" /-.,", *s)) {
            s++;
            continue;
        }
        if (n == 3)
            return -1;
        date_part *d = &p[n++];
        d->value = d->digits = d->is_month = 0;
        if (isdigit((unsigned char)*s)) {
            while (isdigit((unsigned char)*s)) {
                if (++d->digits > 4)
                    return -1;
                d->value = d->value * 10 + (*s++ - '0');
            }
            if (isalpha((unsigned char)*s))   /* "1st", "22nd" */
                while (isalpha((unsigned char)*s))
                    s++;
        } else if (isalpha((unsigned char)*s)) {
            const char *w = s;
            while (isalpha((unsigned char)*s))
                s++;
            d->value = month_of(w, (size_t)(s - w));
            if (!d->value)
                return -1;
            d->is_month = 1;
        } else {
            return -1;
        }
    }
    return n;
}

static int is_year(const date_part *p) { return !p->is_month && p->digits == 4 && p->value >= 1000; }
static int is_num(const date_part *p, int max) { return !p->is_month && p->digits <= 2 && p->value <= max; }

/* Day, month (either may be 0 = unknown) and year, checked. */
static int date_set(cdn_date *d, int year, int month, int day)
{
    if (year < 1000 || year > 2200 || month < 0 || month > 12 || day < 0 || day > 31)
        return -1;
    d->year_from = d->year_to = (int16_t)year;
    d->month = (uint8_t)month;
    d->day = (uint8_t)(month ? day : 0);
    return 0;
}

/* One date, no range, no circa. */
static int date_single(const char *s, cdn_date *d)
{
    date_part p[3];
    int n = date_parts(s, p);
    if (n == 1 && is_year(&p[0]))
        return date_set(d, p[0].value, 0, 0);
    if (n == 2) {
        if ((p[0].is_month || is_num(&p[0], 12)) && is_year(&p[1]))
            return date_set(d, p[1].value, p[0].value, 0);              /* Apr 1961, 04/1961 */
        if (is_year(&p[0]) && (p[1].is_month || is_num(&p[1], 12)))
            return date_set(d, p[0].value, p[1].value, 0);              /* 1961-04 */
        return -1;
    }
    if (n != 3)
        return -1;
    if (is_num(&p[0], 31) && p[1].is_month && is_year(&p[2]))
        return date_set(d, p[2].value, p[1].value, p[0].value);         /* 22 Apr 1961 */
    if (p[0].is_month && is_num(&p[1], 31) && is_year(&p[2]))
        return date_set(d, p[2].value, p[0].value, p[1].value);         /* April 22, 1961 */
    if (is_year(&p[0]) && is_num(&p[1], 12) && is_num(&p[2], 31))
        return date_set(d, p[0].value, p[1].value, p[2].value);         /* 1961-04-22, 1969-7-16 */
    if (is_num(&p[0], 31) && is_num(&p[1], 31) && is_year(&p[2])) {
        if (p[1].value > 12 && p[0].value <= 12)                         /* 04/22/1961 (US) */
            return date_set(d, p[2].value, p[0].value, p[1].value);
        return date_set(d, p[2].value, p[1].value, p[0].value);         /* 22/04/1961 */
    }
    return -1;
}

/* Removes a leading word (followed by a space or the end) from *s; 1 if it was there. */
static int strip_word(char **s, const char *word)
{
    size_t n = strlen(word);
    if (strncmp(*s, word, n) != 0 || ((*s)[n] && (*s)[n] != ' '))
        return 0;
    *s += n;
    while (**s == ' ')
        (*s)++;
    return 1;
}

static int date_range(char *from, char *to, cdn_date *d)
{
    cdn_date a, b;
    if (date_single(from, &a) < 0 || date_single(to, &b) < 0)
        return -1;
    *d = a;
    d->year_to = b.year_to;
    if (a.year_from != b.year_from || a.month != b.month) {
        d->month = d->day = 0;   /* a range of months or years: only the years are sure */
    } else if (a.day != b.day) {
        d->day = 0;
    }
    if (d->year_to < d->year_from) {
        int16_t t = d->year_to;
        d->year_to = d->year_from;
        d->year_from = t;
    }
    return 0;
}

/* "1961-04-22" exactly, the form queries and most lists write, read as date_single would read it
 * (a year below 1000 is no year; a month past 12 or a day past 31 makes no date). */
static int iso_date(const char *s, cdn_date *d)
{
    for (int i = 0; i < 10; i++)
        if (i == 4 || i == 7 ? s[i] != '-' : !isdigit((unsigned char)s[i]))
            return 0;
    if (s[10])
        return 0;
    int year = atoi(s), month = (s[5] - '0') * 10 + s[6] - '0', day = (s[8] - '0') * 10 + s[9] - '0';
    memset(d, 0, sizeof *d);
    return year >= 1000 && month <= 12 && day <= 31 && date_set(d, year, month, day) == 0 ? 1 : -1;
}

int cdn_date_parse(const char *text, cdn_date *d)
{
    char buf[128];
    size_t len = 0;
    if (!text)
        return -1;
    int iso = strnlen(text, 11) == 10 ? iso_date(text, d) : 0;
    if (iso)
        return iso > 0 ? 0 : -1;
    for (const char *s = text; *s; s++) {   /* lowercase, whitespace runs to one space */
        char c = isspace((unsigned char)*s) ? ' ' : (char)tolower((unsigned char)*s);
        if (c == ' ' && (len == 0 || buf[len - 1] == ' '))
            continue;
        if (len + 1 >= sizeof buf)
            return -1;
        buf[len++] = c;
    }
    while (len && (buf[len - 1] == ' ' || buf[len - 1] == '.' || buf[len - 1] == ';'))
        len--;
    buf[len] = '\0';
    memset(d, 0, sizeof *d);
    char *s = buf;
    strip_word(&s, "alt.");
    strip_word(&s, "dob");
    if (strip_word(&s, "circa") || strip_word(&s, "approximately") || strip_word(&s, "approx.") ||
        strip_word(&s, "approx") || strip_word(&s, "about") || strip_word(&s, "around") ||
        strip_word(&s, "ca.") || strip_word(&s, "c.") || strip_word(&s, "ca"))
        d->flags |= CDN_DATE_CIRCA;
    uint8_t flags = d->flags;
    int rc;
    char *sep;
    if (strip_word(&s, "between") && (sep = strstr(s, " and "))) {
        *sep = '\0';
        rc = date_range(s, sep + 5, d);
    } else if ((sep = strstr(s, " to ")) || (sep = strstr(s, " - "))) {
        *sep = '\0';
        rc = date_range(s, sep + (sep[1] == 't' ? 4 : 3), d);
    } else if (strlen(s) == 9 && s[4] == '-' && date_single(s + 5, d) == 0 && d->month == 0) {
        s[4] = '\0';                        /* "1951-1953" */
        rc = date_range(s, s + 5, d);
    } else {
        rc = date_single(s, d);
    }
    d->flags = flags;
    d->text = NULL;
    return rc;
}

int cdn_find_imo(const char *s, char out[8])
{
    for (const char *p = s; p && (p = strstr(p, "IMO")) != NULL; p += 3) {
        const char *q = p + 3;
        int skipped = 0;
        while (*q && !isdigit((unsigned char)*q) && skipped++ < 12) q++;
        size_t n = 0;
        while (isdigit((unsigned char)q[n])) n++;
        if (n == 7) { memcpy(out, q, 7); out[7] = '\0'; return 1; }
    }
    return 0;
}
