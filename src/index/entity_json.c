/* entity_json.c — renders one entity of the model as the JSON record that `cordon entity` and the API show.
 * Invariant: every fact the parsers recorded appears in the record; empty lists and fields are omitted.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "index/buf.h"
#include "index/build.h"

/* The record is written as a stream, not built as a jansson tree: a build renders one per entity,
 * and the tree's allocations were most of that cost. The output is what jansson's
 * json_dumps(JSON_COMPACT | JSON_PRESERVE_ORDER) wrote, byte for byte. */
typedef struct jw { cdn_buf b; int oom; int first; } jw;

static const char *const name_types[] = {"primary", "alias", "weak_alias", "former", "original_script"};

/* Appends len bytes, keeping room for the closing NUL; after no memory, nothing more. */
static void put(jw *w, const char *s, size_t len) {
    if (!w->oom && (cdn_buf_reserve(&w->b, len + 1) || cdn_buf_add(&w->b, s, len) < 0)) w->oom = 1;
}

/* A JSON string: quotes, backslashes and control characters escaped; UTF-8 written as it is. */
static void put_string(jw *w, const char *s) {
    put(w, "\"", 1);
    const char *run = s;
    for (; *s; s++) {
        unsigned char ch = (unsigned char)*s;
        if (ch >= 0x20 && ch != '"' && ch != '\\') continue;
        put(w, run, (size_t)(s - run));
        char esc[8];
        switch (ch) {
        case '"': put(w, "\\\"", 2); break;
        case '\\': put(w, "\\\\", 2); break;
        case '\b': put(w, "\\b", 2); break;
        case '\f': put(w, "\\f", 2); break;
        case '\n': put(w, "\\n", 2); break;
        case '\r': put(w, "\\r", 2); break;
        case '\t': put(w, "\\t", 2); break;
        default: snprintf(esc, sizeof esc, "\\u%04X", ch); put(w, esc, 6); break;
        }
        run = s + 1;
    }
    put(w, run, (size_t)(s - run));
    put(w, "\"", 1);
}

static void put_sep(jw *w) {
    if (!w->first) put(w, ",", 1);
    w->first = 0;
}

static void put_key(jw *w, const char *k) {
    put_sep(w);
    put_string(w, k);
    put(w, ":", 1);
}

/* A string member, left out when empty or not valid UTF-8 (as jansson refused such strings). */
static void member(jw *w, const char *k, const char *v) {
    if (!v || !*v || cdn_utf8_invalid_at(v, strlen(v)) >= 0) return;
    put_key(w, k);
    put_string(w, v);
}

static void open_obj(jw *w) { put_sep(w); put(w, "{", 1); w->first = 1; }
static void close_obj(jw *w) { put(w, "}", 1); w->first = 0; }
static void open_array(jw *w, const char *k) { put_key(w, k); put(w, "[", 1); w->first = 1; }
static void close_array(jw *w) { put(w, "]", 1); w->first = 0; }

static void str_array(jw *w, const char *k, const char *const *v, uint32_t n) {
    uint32_t valid = 0;
    for (uint32_t i = 0; i < n; i++) valid += v[i] && cdn_utf8_invalid_at(v[i], strlen(v[i])) < 0;
    if (!valid) return;
    open_array(w, k);
    for (uint32_t i = 0; i < n; i++)
        if (v[i] && cdn_utf8_invalid_at(v[i], strlen(v[i])) < 0) { put_sep(w); put_string(w, v[i]); }
    close_array(w);
}

/* "1984-01-08", "1984-01", "1984", "1951/1953" (a range) — ISO 8601 where the source allows. */
void cdn_date_iso(const cdn_date *d, char *out, size_t cap) {
    if (d->year_from != d->year_to) snprintf(out, cap, "%04d/%04d", d->year_from, d->year_to);
    else if (d->month && d->day) snprintf(out, cap, "%04d-%02d-%02d", d->year_from, d->month, d->day);
    else if (d->month) snprintf(out, cap, "%04d-%02d", d->year_from, d->month);
    else if (d->year_from) snprintf(out, cap, "%04d", d->year_from);
    else snprintf(out, cap, "%s", "");
}

static void names_json(jw *w, const cdn_entity *e, const uint8_t *scripts) {
    if (!e->names.n) return;
    open_array(w, "names");
    for (uint32_t i = 0; i < e->names.n; i++) {
        const cdn_name *n = &e->names.v[i];
        open_obj(w);
        member(w, "name", n->full);
        member(w, "type", name_types[n->type < 5 ? n->type : 1]);
        member(w, "script", cdn_script_name(scripts[i]));
        member(w, "given", n->given);
        member(w, "family", n->family);
        member(w, "lang", n->lang);
        close_obj(w);
    }
    close_array(w);
}

static void dobs_json(jw *w, const cdn_entity *e) {
    if (!e->dobs.n) return;
    open_array(w, "birth_dates");
    for (uint32_t i = 0; i < e->dobs.n; i++) {
        const cdn_date *d = &e->dobs.v[i];
        char iso[24];
        cdn_date_iso(d, iso, sizeof iso);
        open_obj(w);
        member(w, "date", iso);
        if (d->flags & CDN_DATE_CIRCA) { put_key(w, "circa"); put(w, "true", 4); }
        member(w, "text", d->text);
        close_obj(w);
    }
    close_array(w);
}

static void places_json(jw *w, const cdn_entity *e) {
    if (!e->pobs.n) return;
    open_array(w, "places_of_birth");
    for (uint32_t i = 0; i < e->pobs.n; i++) {
        open_obj(w);
        member(w, "place", e->pobs.v[i].text);
        member(w, "country", e->pobs.v[i].country);
        close_obj(w);
    }
    close_array(w);
}

static void addresses_json(jw *w, const cdn_entity *e) {
    if (!e->addresses.n) return;
    open_array(w, "addresses");
    for (uint32_t i = 0; i < e->addresses.n; i++) {
        const cdn_address *ad = &e->addresses.v[i];
        open_obj(w);
        member(w, "address", ad->text);
        member(w, "city", ad->city);
        member(w, "country", ad->country);
        close_obj(w);
    }
    close_array(w);
}

static void idents_json(jw *w, const cdn_entity *e) {
    if (!e->idents.n) return;
    open_array(w, "identifiers");
    for (uint32_t i = 0; i < e->idents.n; i++) {
        const cdn_ident *id = &e->idents.v[i];
        open_obj(w);
        member(w, "type", id->type);
        member(w, "value", id->value);
        member(w, "country", id->country);
        member(w, "note", id->note);
        close_obj(w);
    }
    close_array(w);
}

static void links_json(jw *w, const cdn_entity *e) {
    if (!e->links.n) return;
    open_array(w, "links");
    for (uint32_t i = 0; i < e->links.n; i++) {
        open_obj(w);
        member(w, "relation", e->links.v[i].relation);
        member(w, "target", e->links.v[i].target);
        close_obj(w);
    }
    close_array(w);
}

char *cdn_entity_to_json(const cdn_source *src, const cdn_entity *e, const uint8_t *scripts) {
    jw w = { .first = 1 };
    put(&w, "{", 1);
    member(&w, "id", e->id);
    member(&w, "source", src->report.source);
    member(&w, "list_date", src->report.list_date);
    member(&w, "kind", cordon_kind_name(e->kind));
    if (e->gender) member(&w, "gender", e->gender == 'm' ? "male" : "female");
    names_json(&w, e, scripts);
    dobs_json(&w, e);
    places_json(&w, e);
    str_array(&w, "nationalities", e->nationalities.v, e->nationalities.n);
    str_array(&w, "citizenships", e->citizenships.v, e->citizenships.n);
    addresses_json(&w, e);
    idents_json(&w, e);
    str_array(&w, "programs", e->programs.v, e->programs.n);
    member(&w, "listed_on", e->listed_on);
    member(&w, "title", e->title);
    member(&w, "remarks", e->remarks);
    links_json(&w, e);
    put(&w, "}", 1);
    if (w.oom) { free(w.b.p); return NULL; }
    w.b.p[w.b.n] = 0;
    return w.b.p;
}
