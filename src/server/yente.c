/* yente.c — POST /match/{dataset}, compatible with the OpenSanctions yente matching API.
 * Invariant: results below `threshold` but at or above `cutoff` are returned with "match":false. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "server/srv.h"

#define MATCH_MAX_QUERIES 1000
#define MATCH_MAX_NAMES 10
#define MATCH_DEFAULT_LIMIT 5
#define MATCH_DEFAULT_CUTOFF 0.5

typedef struct match_params {
    double threshold, cutoff;
    size_t limit;
    const char *dataset;       /* NULL: every list */
} match_params;

/* ---- Query string ------------------------------------------------------------------------ */

static const char *param_number(struct MHD_Connection *c, const char *key, double lo, double hi,
                                double *out) {
    const char *v = MHD_lookup_connection_value(c, MHD_GET_ARGUMENT_KIND, key);
    if (!v) return NULL;
    char *end;
    double d = strtod(v, &end);
    if (!*v || *end || !(d >= lo && d <= hi)) return key;
    *out = d;
    return NULL;
}

static const char *read_params(const cdn_request *req, cdn_gen *g, match_params *p) {
    double limit = MATCH_DEFAULT_LIMIT;
    p->threshold = CORDON_DEFAULT_THRESHOLD;
    p->cutoff = MATCH_DEFAULT_CUTOFF;
    const char *bad = param_number(req->conn, "threshold", 0, 1, &p->threshold);
    if (!bad) bad = param_number(req->conn, "cutoff", 0, 1, &p->cutoff);
    if (!bad) bad = param_number(req->conn, "limit", 1, CDN_MAX_LIMIT, &limit);
    if (!bad && limit != (double)(size_t)limit) bad = "limit";
    if (bad) return bad;
    p->limit = (size_t)limit;
    if (p->cutoff > p->threshold) p->cutoff = p->threshold;
    const char *ds = req->tail;
    p->dataset = NULL;
    if (strcmp(ds, "default") && strcmp(ds, "sanctions") && strcmp(ds, "all")) {
        if (!cdn_gen_has_source(g, ds)) return "dataset";
        p->dataset = ds;
    }
    return NULL;
}

/* ---- Query entity -> cordon_query --------------------------------------------------------- */

/* The values of one property: yente takes a list of strings, or a single string. */
static size_t prop_values(const json_t *props, const char *key, const char **out, size_t max) {
    json_t *v = json_object_get(props, key);
    if (json_is_string(v)) {
        if (max) out[0] = json_string_value(v);
        return max ? 1 : 0;
    }
    size_t n = 0, i;
    json_t *s;
    json_array_foreach(v, i, s) if (json_is_string(s) && *json_string_value(s) && n < max)
        out[n++] = json_string_value(s);
    return n;
}

typedef struct match_query {
    cdn_query cq;
    const char *names[MATCH_MAX_NAMES];
    size_t n_names;
    char *id_text[CDN_MAX_IDS];       /* "Passport 123", owned */
} match_query;

static void add_ids(match_query *m, const json_t *props, const char *key, const char *prefix) {
    const char *vals[CDN_MAX_IDS];
    size_t n = prop_values(props, key, vals, CDN_MAX_IDS);
    for (size_t i = 0; i < n && m->cq.q.n_identifiers < CDN_MAX_IDS; i++) {
        char *t = NULL;
        if (asprintf(&t, "%s%s%s", prefix, *prefix ? " " : "", vals[i]) < 0) continue;
        m->id_text[m->cq.q.n_identifiers] = t;
        m->cq.ids[m->cq.q.n_identifiers++] = t;
    }
    m->cq.q.identifiers = m->cq.ids;
}

static void match_query_free(match_query *m) {
    for (size_t i = 0; i < CDN_MAX_IDS; i++) free(m->id_text[i]);
}

static const char *read_query(const json_t *ent, match_query *m, const char **field) {
    cordon_query init = CORDON_QUERY_INIT;
    memset(m, 0, sizeof *m);
    m->cq.q = init;
    *field = "schema";
    if (!json_is_object(ent)) return "each query must be an entity object";
    json_t *schema = json_object_get(ent, "schema");
    if (schema && !json_is_string(schema)) return "schema must be a string";
    if (schema && strcmp(json_string_value(schema), "Thing") &&
        cordon_kind_parse(json_string_value(schema), &m->cq.q.kind) != CORDON_OK)
        return "unsupported schema (want Person, Organization, Company, LegalEntity, Vessel, Airplane)";
    json_t *props = json_object_get(ent, "properties");
    *field = "properties";
    if (!json_is_object(props)) return "properties must be an object";
    m->n_names = prop_values(props, "name", m->names, MATCH_MAX_NAMES);
    m->n_names += prop_values(props, "alias", m->names + m->n_names, MATCH_MAX_NAMES - m->n_names);
    *field = "properties.name";
    if (!m->n_names) return "properties.name is required";
    for (size_t i = 0; i < m->n_names; i++)
        if (strlen(m->names[i]) > CDN_MAX_NAME) return "name is longer than 1024 bytes";
    const char *one[1];
    if (prop_values(props, "birthDate", one, 1)) m->cq.q.dob = one[0];
    static const char *const country_keys[] = {"nationality", "citizenship", "country",
                                               "jurisdiction", "flag"};
    for (size_t i = 0; i < 5 && !m->cq.q.country; i++)
        if (prop_values(props, country_keys[i], one, 1)) m->cq.q.country = one[0];
    add_ids(m, props, "passportNumber", "Passport");
    add_ids(m, props, "imoNumber", "IMO");
    add_ids(m, props, "idNumber", "");
    add_ids(m, props, "registrationNumber", "");
    add_ids(m, props, "taxNumber", "");
    return NULL;
}

/* ---- Entity JSON -> FollowTheMoney-ish properties ---------------------------------------- */

static const char *schema_of(cordon_kind k) {
    switch (k) {
    case CORDON_KIND_PERSON: return "Person";
    case CORDON_KIND_ORGANIZATION: return "Organization";
    case CORDON_KIND_VESSEL: return "Vessel";
    case CORDON_KIND_AIRCRAFT: return "Airplane";
    default: return "LegalEntity";
    }
}

/* One value of the entity JSON as text: a string, or the telling member of an object. */
static json_t *value_text(const json_t *v) {
    static const char *const keys[] = {"full", "name", "value", "date", "number", "text", "place",
                                       "country", "code"};
    if (json_is_string(v)) return json_string(json_string_value(v));
    if (json_is_number(v)) return json_sprintf("%g", json_number_value(v));
    for (size_t i = 0; json_is_object(v) && i < sizeof keys / sizeof keys[0]; i++) {
        json_t *s = json_object_get(v, keys[i]);
        if (json_is_string(s) && *json_string_value(s)) return json_string(json_string_value(s));
    }
    return NULL;
}

static void put(json_t *props, const char *key, json_t *text) {
    if (!text) return;
    json_t *arr = json_object_get(props, key);
    if (!arr) json_object_set_new(props, key, arr = json_array());
    json_array_append_new(arr, text);
}

/* An address object as one line: its text members joined by ", ". */
static json_t *address_text(const json_t *v) {
    json_t *full = json_object_get(v, "full");
    if (!json_is_object(v) || json_is_string(full)) return value_text(v);
    char line[1024];
    size_t n = 0;
    const char *k;
    json_t *part;
    line[0] = '\0';
    json_object_foreach((json_t *)v, k, part) {
        if (!json_is_string(part) || !*json_string_value(part)) continue;
        int w = snprintf(line + n, sizeof line - n, "%s%s", n ? ", " : "", json_string_value(part));
        if (w < 0 || (size_t)w >= sizeof line - n) {
            line[n] = '\0';    /* drop the cut part: it may end inside a UTF-8 sequence */
            break;
        }
        n += (size_t)w;
    }
    return n ? json_string(line) : NULL;
}

static void map_list(json_t *props, const json_t *ent, const char *from, const char *to) {
    json_t *(*text)(const json_t *) = strcmp(to, "address") ? value_text : address_text;
    json_t *v = json_object_get(ent, from);
    if (!json_is_array(v)) {
        put(props, to, text(v));
        return;
    }
    size_t i;
    json_t *e;
    json_array_foreach(v, i, e) put(props, to, text(e));
}

static void map_names(json_t *props, const json_t *ent) {
    size_t i;
    json_t *n;
    json_array_foreach(json_object_get(ent, "names"), i, n) {
        const char *type = json_string_value(json_object_get(n, "type"));
        int primary = i == 0 || (type && strcasecmp(type, "primary") == 0);
        put(props, primary ? "name" : "alias", value_text(n));
    }
}

static void map_identifiers(json_t *props, const json_t *ent) {
    size_t i;
    json_t *id;
    json_array_foreach(json_object_get(ent, "identifiers"), i, id) {
        const char *type = json_string_value(json_object_get(id, "type"));
        const char *key = !type ? "idNumber"
                          : strcasestr(type, "passport") ? "passportNumber"
                          : strcasestr(type, "imo") ? "imoNumber"
                                                    : "idNumber";
        put(props, key, value_text(id));
    }
}

static json_t *entity_properties(const cordon_index *ix, const char *id) {
    json_t *props = json_object();
    char *text = NULL;
    if (cordon_entity_json(ix, id, &text) != CORDON_OK || !text) {
        cordon_free(text);
        return props;
    }
    json_t *ent = json_loads(text, 0, NULL);
    cordon_free(text);
    map_names(props, ent);
    map_list(props, ent, "birth_dates", "birthDate");
    map_list(props, ent, "places_of_birth", "birthPlace");
    map_list(props, ent, "nationalities", "nationality");
    map_list(props, ent, "citizenships", "citizenship");
    map_list(props, ent, "addresses", "address");
    map_list(props, ent, "gender", "gender");
    map_list(props, ent, "programs", "program");
    map_list(props, ent, "remarks", "notes");
    map_list(props, ent, "title", "position");
    map_identifiers(props, ent);
    json_decref(ent);
    return props;
}

/* The explanation's numbers, flattened one level deep, as yente's "features". */
static json_t *features_of(const char *explanation_json, double score) {
    json_t *f = json_object();
    json_t *ex = explanation_json ? json_loads(explanation_json, 0, NULL) : NULL;
    const char *k;
    json_t *v;
    json_object_foreach(ex, k, v) {
        if (json_is_number(v)) json_object_set(f, k, v);
        const char *k2;
        json_t *v2;
        json_object_foreach(json_is_object(v) ? v : NULL, k2, v2) if (json_is_number(v2))
            json_object_set_new(f, k2, json_real(json_number_value(v2)));
    }
    size_t i;
    json_t *ev;     /* evidence items ({"field":"dob","effect":0.05}) become "dob": 0.05 */
    json_array_foreach(json_object_get(ex, "evidence"), i, ev) {
        const char *field = json_string_value(json_object_get(ev, "field"));
        json_t *effect = json_object_get(ev, "effect");
        if (field && json_is_number(effect)) json_object_set(f, field, effect);
    }
    json_object_set_new(f, "score", json_real(score));
    json_decref(ex);
    return f;
}

/* ---- Screening one query ----------------------------------------------------------------- */

/* The best match per entity over all of the query's names, best first. */
typedef struct merged {
    const cordon_match **m;
    size_t n;
    cordon_result *results[MATCH_MAX_NAMES];
    size_t n_results;
} merged;

static int by_score(const void *a, const void *b) {
    double x = (*(const cordon_match *const *)a)->score, y = (*(const cordon_match *const *)b)->score;
    return x < y ? 1 : x > y ? -1 : 0;
}

static void merge_add(merged *mg, const cordon_result *r, const char *dataset) {
    for (size_t i = 0; i < r->n_matches; i++) {
        const cordon_match *m = &r->matches[i];
        if (dataset && strcmp(m->list, dataset) != 0) continue;
        size_t j = 0;
        while (j < mg->n && strcmp(mg->m[j]->entity_id, m->entity_id) != 0) j++;
        if (j == mg->n) mg->m[mg->n++] = m;
        else if (m->score > mg->m[j]->score) mg->m[j] = m;
    }
}

static void merged_free(merged *mg) {
    for (size_t i = 0; i < mg->n_results; i++) cordon_result_free(mg->results[i]);
    free(mg->m);
}

static unsigned screen_names(cordon_screener *s, match_query *mq, const match_params *p,
                             merged *mg, char *msg, size_t msglen) {
    cordon_query q = mq->cq.q;
    q.threshold = p->cutoff;
    q.limit = p->dataset ? CDN_MAX_LIMIT : p->limit;   /* a list filter needs more to choose from */
    mg->m = calloc(mq->n_names * q.limit + 1, sizeof *mg->m);
    if (!mg->m) {
        snprintf(msg, msglen, "out of memory");
        return 500;
    }
    for (size_t i = 0; i < mq->n_names; i++) {
        q.name = mq->names[i];
        unsigned st = cdn_screen(s, &q, &mg->results[mg->n_results], msg, msglen);
        if (st) return st;
        merge_add(mg, mg->results[mg->n_results++], p->dataset);
    }
    qsort(mg->m, mg->n, sizeof *mg->m, by_score);
    if (mg->n > p->limit) mg->n = p->limit;
    return 0;
}

static json_t *result_entity(const cordon_index *ix, const cordon_match *m, double threshold) {
    json_t *ex = m->explanation_json ? json_loads(m->explanation_json, 0, NULL) : NULL;
    return json_pack("{s:s,s:s,s:s,s:o,s:[s],s:[],s:b,s:f,s:b,s:o,s:s?,s:o?}", "id", m->entity_id,
                     "caption", m->caption, "schema", schema_of(m->kind), "properties",
                     entity_properties(ix, m->entity_id), "datasets", m->list, "referents",
                     "target", 1, "score", m->score, "match", m->score >= threshold, "features",
                     features_of(m->explanation_json, m->score), "why", m->why, "explanation", ex);
}

static json_t *answer_query(cdn_gen *g, cordon_screener *s, const json_t *ent,
                            const match_params *p) {
    match_query mq;
    const char *field;
    const char *e = read_query(ent, &mq, &field);
    json_t *out;
    if (e) {
        out = json_pack("{s:i,s:s,s:s,s:O}", "status", 400, "error", e, "field", field, "query", ent);
    } else {
        merged mg = {0};
        char msg[512];
        unsigned st = screen_names(s, &mq, p, &mg, msg, sizeof msg);
        if (st) {
            out = json_pack("{s:i,s:s,s:O}", "status", (int)st, "error", msg, "query", ent);
        } else {
            json_t *results = json_array();
            for (size_t i = 0; i < mg.n; i++)
                json_array_append_new(results, result_entity(g->ix, mg.m[i], p->threshold));
            out = json_pack("{s:i,s:o,s:{s:I,s:s},s:O}", "status", 200, "results", results,
                            "total", "value", (json_int_t)mg.n, "relation", "eq", "query", ent);
        }
        merged_free(&mg);
    }
    match_query_free(&mq);
    return out;
}

/* ---- POST /match/{dataset} --------------------------------------------------------------- */

static void answer_all(cdn_gen *g, cordon_screener *s, const json_t *queries,
                       const match_params *p, cdn_reply *rep) {
    json_t *responses = json_object();
    const char *key;
    json_t *ent;
    json_object_foreach((json_t *)queries, key, ent)
        json_object_set_new(responses, key, answer_query(g, s, ent, p));
    json_t *out = json_pack("{s:o,s:I,s:f,s:f,s:s}", "responses", responses, "limit",
                            (json_int_t)p->limit, "threshold", p->threshold, "cutoff", p->cutoff,
                            "matcher", "cordon");
    cdn_sb sb = {0};
    cdn_sb_json(&sb, out);
    json_decref(out);
    cdn_reply_json(rep, 200, &sb);
}

void cdn_api_match(cdn_server *srv, const cdn_request *req, cdn_reply *rep) {
    cdn_gen *g = cdn_server_acquire_or_503(srv, rep);
    if (!g) return;
    match_params p;
    const char *bad = read_params(req, g, &p);
    json_t *body = bad ? NULL : cdn_parse_body(req, rep);
    json_t *queries = json_object_get(body, "queries");
    cordon_screener *s = NULL;
    if (bad && strcmp(bad, "dataset") == 0)
        cdn_reply_error(rep, 404, "unknown dataset (want default, or a list name from /v1/lists)",
                        "dataset");
    else if (bad)
        cdn_reply_error(rep, 400, "bad query parameter", bad);
    else if (!body)
        ;   /* cdn_parse_body answered */
    else if (!json_is_object(queries))
        cdn_reply_error(rep, 400, "queries must be an object of query entities", "queries");
    else if (json_object_size(queries) > MATCH_MAX_QUERIES)
        cdn_reply_error(rep, 400, "at most 1000 queries per request", "queries");
    else if (!(s = cdn_gen_take_screener(g)))
        cdn_reply_error(rep, 500, "could not set up a screener", NULL);
    else
        answer_all(g, s, queries, &p, rep);
    if (s) cdn_gen_give_screener(g, s);
    json_decref(body);
    cdn_gen_unref(g);
}
