/* entity_json.c — renders one entity of the model as the JSON record that `cordon entity` and the API show.
 * Invariant: every fact the parsers recorded appears in the record; empty lists are omitted.
 */
#include <jansson.h>
#include <stdio.h>
#include <string.h>
#include "index/build.h"

static const char *const name_types[] = {"primary", "alias", "weak_alias", "former", "original_script"};

static void set_str(json_t *o, const char *k, const char *v) {
    if (v && *v) json_object_set_new(o, k, json_string(v));
}

static json_t *str_array(const char *const *v, uint32_t n) {
    json_t *a = json_array();
    for (uint32_t i = 0; i < n; i++) json_array_append_new(a, json_string(v[i]));
    return a;
}

static void set_array(json_t *o, const char *k, json_t *a) {
    if (json_array_size(a)) json_object_set_new(o, k, a);
    else json_decref(a);
}

/* "1984-01-08", "1984-01", "1984", "1951/1953" (a range) — ISO 8601 where the source allows. */
void cdn_date_iso(const cdn_date *d, char *out, size_t cap) {
    if (d->year_from != d->year_to) snprintf(out, cap, "%04d/%04d", d->year_from, d->year_to);
    else if (d->month && d->day) snprintf(out, cap, "%04d-%02d-%02d", d->year_from, d->month, d->day);
    else if (d->month) snprintf(out, cap, "%04d-%02d", d->year_from, d->month);
    else if (d->year_from) snprintf(out, cap, "%04d", d->year_from);
    else snprintf(out, cap, "%s", "");
}

static json_t *names_json(const cdn_entity *e, const uint8_t *scripts) {
    json_t *a = json_array();
    for (uint32_t i = 0; i < e->names.n; i++) {
        const cdn_name *n = &e->names.v[i];
        json_t *o = json_object();
        set_str(o, "name", n->full);
        set_str(o, "type", name_types[n->type < 5 ? n->type : 1]);
        set_str(o, "script", cdn_script_name(scripts[i]));
        set_str(o, "given", n->given);
        set_str(o, "family", n->family);
        set_str(o, "lang", n->lang);
        json_array_append_new(a, o);
    }
    return a;
}

static json_t *dobs_json(const cdn_entity *e) {
    json_t *a = json_array();
    for (uint32_t i = 0; i < e->dobs.n; i++) {
        const cdn_date *d = &e->dobs.v[i];
        char iso[24];
        cdn_date_iso(d, iso, sizeof iso);
        json_t *o = json_object();
        set_str(o, "date", iso);
        if (d->flags & CDN_DATE_CIRCA) json_object_set_new(o, "circa", json_true());
        set_str(o, "text", d->text);
        json_array_append_new(a, o);
    }
    return a;
}

static json_t *places_json(const cdn_entity *e) {
    json_t *a = json_array();
    for (uint32_t i = 0; i < e->pobs.n; i++) {
        json_t *o = json_object();
        set_str(o, "place", e->pobs.v[i].text);
        set_str(o, "country", e->pobs.v[i].country);
        json_array_append_new(a, o);
    }
    return a;
}

static json_t *addresses_json(const cdn_entity *e) {
    json_t *a = json_array();
    for (uint32_t i = 0; i < e->addresses.n; i++) {
        const cdn_address *ad = &e->addresses.v[i];
        json_t *o = json_object();
        set_str(o, "address", ad->text);
        set_str(o, "city", ad->city);
        set_str(o, "country", ad->country);
        json_array_append_new(a, o);
    }
    return a;
}

static json_t *idents_json(const cdn_entity *e) {
    json_t *a = json_array();
    for (uint32_t i = 0; i < e->idents.n; i++) {
        const cdn_ident *id = &e->idents.v[i];
        json_t *o = json_object();
        set_str(o, "type", id->type);
        set_str(o, "value", id->value);
        set_str(o, "country", id->country);
        set_str(o, "note", id->note);
        json_array_append_new(a, o);
    }
    return a;
}

static json_t *links_json(const cdn_entity *e) {
    json_t *a = json_array();
    for (uint32_t i = 0; i < e->links.n; i++) {
        json_t *o = json_object();
        set_str(o, "relation", e->links.v[i].relation);
        set_str(o, "target", e->links.v[i].target);
        json_array_append_new(a, o);
    }
    return a;
}

char *cdn_entity_to_json(const cdn_set *set, const cdn_entity *e, const uint8_t *scripts) {
    const cdn_source *src = &set->sources.v[e->source];
    json_t *o = json_object();
    set_str(o, "id", e->id);
    set_str(o, "source", src->report.source);
    set_str(o, "list_date", src->report.list_date);
    set_str(o, "kind", cordon_kind_name(e->kind));
    if (e->gender) set_str(o, "gender", e->gender == 'm' ? "male" : "female");
    set_array(o, "names", names_json(e, scripts));
    set_array(o, "birth_dates", dobs_json(e));
    set_array(o, "places_of_birth", places_json(e));
    set_array(o, "nationalities", str_array(e->nationalities.v, e->nationalities.n));
    set_array(o, "citizenships", str_array(e->citizenships.v, e->citizenships.n));
    set_array(o, "addresses", addresses_json(e));
    set_array(o, "identifiers", idents_json(e));
    set_array(o, "programs", str_array(e->programs.v, e->programs.n));
    set_str(o, "listed_on", e->listed_on);
    set_str(o, "title", e->title);
    set_str(o, "remarks", e->remarks);
    set_array(o, "links", links_json(e));
    char *s = json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER);
    json_decref(o);
    return s;
}
