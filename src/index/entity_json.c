/* entity_json.c — renders one entity of the model as the JSON record that `cordon entity` and the API show.
 * Invariant: every fact the parsers recorded appears in the record; empty lists and fields are omitted.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "util/jsonw.h"
#include "index/build.h"

/* The record is written as a stream (util/jsonw.h), not built as a jansson tree: a build renders one
 * per entity, and the tree's allocations were most of that cost. */
static const char *const name_types[] = {"primary", "alias", "weak_alias", "former", "original_script"};

/* A string member, left out when empty or not valid UTF-8 (as jansson refused such strings). */
static void member(cdn_jw *w, const char *k, const char *v) {
    if (!v || !*v || cdn_utf8_invalid_at(v, strlen(v)) >= 0) return;
    cdn_jw_key(w, k);
    cdn_jw_string(w, v, strlen(v));
}


static void str_array(cdn_jw *w, const char *k, const char *const *v, uint32_t n) {
    uint32_t valid = 0;
    for (uint32_t i = 0; i < n; i++) valid += v[i] && cdn_utf8_invalid_at(v[i], strlen(v[i])) < 0;
    if (!valid) return;
    cdn_jw_open_array(w, k);
    for (uint32_t i = 0; i < n; i++)
        if (v[i] && cdn_utf8_invalid_at(v[i], strlen(v[i])) < 0) { cdn_jw_sep(w); cdn_jw_string(w, v[i], strlen(v[i])); }
    cdn_jw_close_array(w);
}

/* "1984-01-08", "1984-01", "1984", "1951/1953" (a range) — ISO 8601 where the source allows. */
void cdn_date_iso(const cdn_date *d, char *out, size_t cap) {
    if (d->year_from != d->year_to) snprintf(out, cap, "%04d/%04d", d->year_from, d->year_to);
    else if (d->month && d->day) snprintf(out, cap, "%04d-%02d-%02d", d->year_from, d->month, d->day);
    else if (d->month) snprintf(out, cap, "%04d-%02d", d->year_from, d->month);
    else if (d->year_from) snprintf(out, cap, "%04d", d->year_from);
    else snprintf(out, cap, "%s", "");
}

static void names_json(cdn_jw *w, const cdn_entity *e, const uint8_t *scripts) {
    if (!e->names.n) return;
    cdn_jw_open_array(w, "names");
    for (uint32_t i = 0; i < e->names.n; i++) {
        const cdn_name *n = &e->names.v[i];
        cdn_jw_open_obj(w);
        member(w, "name", n->full);
        member(w, "type", name_types[n->type < 5 ? n->type : 1]);
        member(w, "script", cdn_script_name(scripts[i]));
        member(w, "given", n->given);
        member(w, "family", n->family);
        member(w, "lang", n->lang);
        cdn_jw_close_obj(w);
    }
    cdn_jw_close_array(w);
}

static void dobs_json(cdn_jw *w, const cdn_entity *e) {
    if (!e->dobs.n) return;
    cdn_jw_open_array(w, "birth_dates");
    for (uint32_t i = 0; i < e->dobs.n; i++) {
        const cdn_date *d = &e->dobs.v[i];
        char iso[24];
        cdn_date_iso(d, iso, sizeof iso);
        cdn_jw_open_obj(w);
        member(w, "date", iso);
        if (d->flags & CDN_DATE_CIRCA) { cdn_jw_key(w, "circa"); cdn_jw_raw(w, "true", 4); }
        member(w, "text", d->text);
        cdn_jw_close_obj(w);
    }
    cdn_jw_close_array(w);
}

static void places_json(cdn_jw *w, const cdn_entity *e) {
    if (!e->pobs.n) return;
    cdn_jw_open_array(w, "places_of_birth");
    for (uint32_t i = 0; i < e->pobs.n; i++) {
        cdn_jw_open_obj(w);
        member(w, "place", e->pobs.v[i].text);
        member(w, "country", e->pobs.v[i].country);
        cdn_jw_close_obj(w);
    }
    cdn_jw_close_array(w);
}

static void addresses_json(cdn_jw *w, const cdn_entity *e) {
    if (!e->addresses.n) return;
    cdn_jw_open_array(w, "addresses");
    for (uint32_t i = 0; i < e->addresses.n; i++) {
        const cdn_address *ad = &e->addresses.v[i];
        cdn_jw_open_obj(w);
        member(w, "address", ad->text);
        member(w, "city", ad->city);
        member(w, "country", ad->country);
        cdn_jw_close_obj(w);
    }
    cdn_jw_close_array(w);
}

static void idents_json(cdn_jw *w, const cdn_entity *e) {
    if (!e->idents.n) return;
    cdn_jw_open_array(w, "identifiers");
    for (uint32_t i = 0; i < e->idents.n; i++) {
        const cdn_ident *id = &e->idents.v[i];
        cdn_jw_open_obj(w);
        member(w, "type", id->type);
        member(w, "value", id->value);
        member(w, "country", id->country);
        member(w, "note", id->note);
        cdn_jw_close_obj(w);
    }
    cdn_jw_close_array(w);
}

static void links_json(cdn_jw *w, const cdn_entity *e) {
    if (!e->links.n) return;
    cdn_jw_open_array(w, "links");
    for (uint32_t i = 0; i < e->links.n; i++) {
        cdn_jw_open_obj(w);
        member(w, "relation", e->links.v[i].relation);
        member(w, "target", e->links.v[i].target);
        cdn_jw_close_obj(w);
    }
    cdn_jw_close_array(w);
}

char *cdn_entity_to_json(const cdn_source *src, const cdn_entity *e, const uint8_t *scripts) {
    cdn_jw w = CDN_JW_INIT;
    cdn_jw_raw(&w, "{", 1);
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
    cdn_jw_raw(&w, "}", 1);
    return cdn_jw_finish(&w);
}
