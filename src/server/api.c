/* api.c — the /v1 endpoints: screen one query, screen a batch, one entity, the loaded lists.
 * Invariant: replies use the library's own JSON (cordon_result_json …) so all tools print one shape. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "server/srv.h"
#include "util/jsonw.h"

/* ---- Queries ----------------------------------------------------------------------------- */

static const char *opt_string(const json_t *obj, const char *key, const char **out, int *bad) {
    json_t *v = json_object_get(obj, key);
    *out = NULL;
    if (!v || json_is_null(v)) return NULL;
    if (!json_is_string(v)) {
        *bad = 1;
        return "must be a string";
    }
    *out = json_string_value(v);
    if (strlen(*out) != json_string_length(v)) {
        *bad = 1;
        return "must not contain NUL characters";
    }
    if (**out == '\0') *out = NULL;
    return NULL;
}

static const char *read_strings(const json_t *obj, cdn_query *out, const char **field) {
    static const char *const keys[] = {"dob", "country"};
    const char **slots[] = {&out->q.dob, &out->q.country};
    int bad = 0;
    for (size_t i = 0; i < 2; i++) {
        const char *e = opt_string(obj, keys[i], slots[i], &bad);
        if (bad) {
            *field = keys[i];
            return e;
        }
    }
    const char *kind = NULL;
    const char *kind_key = json_object_get(obj, "type") ? "type" : "kind";
    const char *e = opt_string(obj, kind_key, &kind, &bad);
    if (bad || (kind && cordon_kind_parse(kind, &out->q.kind) != CORDON_OK)) {
        *field = kind_key;
        return bad ? e : "unknown type (want person, organization, vessel, aircraft or any)";
    }
    return NULL;
}

static const char *read_name(const json_t *obj, cdn_query *out, const char **field) {
    json_t *v = json_object_get(obj, "name");
    *field = "name";
    if (!v || json_is_null(v)) return "name is required";
    if (!json_is_string(v)) return "name must be a string";
    if (json_string_length(v) > CDN_MAX_NAME) return "name is longer than 1024 bytes";
    if (strlen(json_string_value(v)) != json_string_length(v))
        return "name must not contain NUL characters";
    const char *s = json_string_value(v);
    while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r') s++;
    if (!*s) return "name is empty";
    out->q.name = json_string_value(v);
    return NULL;
}

static const char *read_identifiers(const json_t *obj, cdn_query *out, const char **field) {
    json_t *v = json_object_get(obj, "identifiers");
    *field = "identifiers";
    if (!v || json_is_null(v)) return NULL;
    if (json_is_string(v)) {       /* one identifier given bare: accept it */
        out->ids[0] = json_string_value(v);
        out->q.n_identifiers = 1;
    } else if (json_is_array(v)) {
        if (json_array_size(v) > CDN_MAX_IDS) return "at most 32 identifiers";
        size_t i;
        json_t *id;
        json_array_foreach(v, i, id) {
            if (!json_is_string(id)) return "identifiers must be strings";
            out->ids[out->q.n_identifiers++] = json_string_value(id);
        }
    } else {
        return "identifiers must be an array of strings";
    }
    out->q.identifiers = out->ids;
    return NULL;
}

static const char *read_numbers(const json_t *obj, cdn_query *out, const char **field) {
    json_t *t = json_object_get(obj, "threshold");
    if (t && !json_is_null(t)) {
        *field = "threshold";
        if (!json_is_number(t)) return "threshold must be a number";
        double v = json_number_value(t);
        if (!(v >= 0.0 && v <= 1.0)) return "threshold must be between 0 and 1";
        out->q.threshold = v;
    }
    json_t *l = json_object_get(obj, "limit");
    if (l && !json_is_null(l)) {
        *field = "limit";
        if (!json_is_integer(l)) return "limit must be an integer";
        json_int_t v = json_integer_value(l);
        if (v < 1 || v > CDN_MAX_LIMIT) return "limit must be between 1 and 100";
        out->q.limit = (size_t)v;
    }
    json_t *x = json_object_get(obj, "exhaustive");
    if (x && !json_is_null(x)) {
        *field = "exhaustive";
        if (!json_is_boolean(x)) return "exhaustive must be true or false";
        out->q.exhaustive = json_is_true(x);
    }
    return NULL;
}

const char *cdn_query_from_json(const json_t *obj, cdn_query *out, const char **field) {
    cordon_query init = CORDON_QUERY_INIT;
    memset(out, 0, sizeof *out);
    out->q = init;
    *field = NULL;
    if (!json_is_object(obj)) {
        *field = "body";
        return "a query must be a JSON object";
    }
    const char *e = read_name(obj, out, field);
    if (!e) e = read_strings(obj, out, field);
    if (!e) e = read_identifiers(obj, out, field);
    if (!e) e = read_numbers(obj, out, field);
    return e;
}

/* The query as read, written with util/jsonw (jansson's bytes, without building a json_t first):
 * {"name","type","dob","country","identifiers","threshold","limit"}, absent strings as null. */
static void echo_string_or_null(cdn_jw *w, const char *key, const char *v) {
    cdn_jw_key(w, key);
    if (v) cdn_jw_string(w, v, strlen(v));
    else cdn_jw_raw(w, "null", 4);
}

/* A count in decimal, without snprintf's format parsing on every reply. */
static void write_count(cdn_jw *w, size_t v) {
    char digits[24];
    size_t n = sizeof digits;
    do digits[--n] = (char)('0' + v % 10);
    while ((v /= 10) != 0);
    cdn_jw_raw(w, digits + n, sizeof digits - n);
}

static void echo_query(cdn_jw *w, const cordon_query *q) {
    cdn_jw_open_obj(w);
    cdn_jw_str_member(w, "name", q->name);
    cdn_jw_str_member(w, "type", cordon_kind_name(q->kind));
    echo_string_or_null(w, "dob", q->dob);
    echo_string_or_null(w, "country", q->country);
    cdn_jw_open_array(w, "identifiers");
    for (size_t i = 0; i < q->n_identifiers; i++) {
        cdn_jw_sep(w);
        cdn_jw_string(w, q->identifiers[i], strlen(q->identifiers[i]));
    }
    cdn_jw_close_array(w);
    double threshold = q->threshold < 0 ? CORDON_DEFAULT_THRESHOLD : q->threshold;
    cdn_jw_real_member(w, "threshold", threshold, 6);   /* jansson's JSON_REAL_PRECISION(6) */
    cdn_jw_key(w, "limit");
    write_count(w, q->limit ? q->limit : (size_t)10);
    cdn_jw_close_obj(w);
}

unsigned cdn_screen(cordon_screener *s, const cordon_query *q, cordon_result **out, char *msg,
                    size_t msglen) {
    cordon_rc rc = cordon_screen(s, q, out);
    if (rc == CORDON_OK) return 0;
    *out = NULL;
    const char *why = cordon_screener_errmsg(s);
    snprintf(msg, msglen, "%s", why && *why ? why : cordon_strerror(rc));
    return rc == CORDON_ERR_ARG || rc == CORDON_ERR_INPUT || rc == CORDON_ERR_UNICODE ? 400 : 500;
}

/* ---- Shared by the handlers -------------------------------------------------------------- */

/* Takes the current generation and a screener of it; on failure fills rep (503/500). */
static int take_index(cdn_server *srv, cdn_reply *rep, cdn_gen **g, cordon_screener **s) {
    *s = NULL;
    if (!(*g = cdn_server_acquire_or_503(srv, rep))) return -1;
    if (s && !(*s = cdn_gen_take_screener(*g))) {
        cdn_gen_unref(*g);
        cdn_reply_error(rep, 500, "could not set up a screener", NULL);
        return -1;
    }
    return 0;
}

static void give_index(cdn_gen *g, cordon_screener *s) {
    if (s) cdn_gen_give_screener(g, s);
    cdn_gen_unref(g);
}

/* The matches of one query as the library's JSON array (*json, to cordon_free), and the words of
 * the name no script reader could read (*unread), or an error status with msg filled. */
static unsigned matches_json(cordon_screener *s, const cordon_query *q, char **json, size_t *unread,
                             char *msg, size_t msglen) {
    cordon_result *r;
    *json = NULL;
    unsigned st = cdn_screen(s, q, &r, msg, msglen);
    if (st) return st;
    *unread = r->unread_words;
    cordon_rc rc = cordon_result_json(r, json);
    cordon_result_free(r);
    if (rc != CORDON_OK) {
        cordon_free(*json);
        *json = NULL;
        snprintf(msg, msglen, "result JSON: %s", cordon_strerror(rc));
        return 500;
    }
    return 0;
}

/* ---- POST /v1/screen --------------------------------------------------------------------- */

/* ,"unread_words":N when some words of the name were not screened (a script nothing reads), into
 * buf; its length, 0 when there are none. */
static size_t unread_member(char *buf, size_t cap, size_t unread) {
    int n = unread ? snprintf(buf, cap, ",\"unread_words\":%zu", unread) : 0;
    return n > 0 && (size_t)n < cap ? (size_t)n : 0;
}

/* {"matches":…,"query":…,"index":…} in one buffer, sized for it up front. */
static void screen_reply(cdn_reply *rep, const char *matches, size_t unread, const cordon_query *q,
                         const char *index_json) {
    size_t n_matches = strlen(matches), n_index = strlen(index_json);
    cdn_jw w = CDN_JW_INIT;
    if (cdn_buf_reserve(&w.b, n_matches + n_index + 512) != 0) w.oom = 1;
    cdn_jw_raw(&w, "{\"matches\":", 11);
    cdn_jw_raw(&w, matches, n_matches);
    char more[48];
    cdn_jw_raw(&w, more, unread_member(more, sizeof more, unread));
    cdn_jw_raw(&w, ",\"query\":", 9);
    echo_query(&w, q);
    cdn_jw_raw(&w, ",\"index\":", 9);
    cdn_jw_raw(&w, index_json, n_index);
    cdn_jw_raw(&w, "}", 1);
    cdn_sb sb = {0};
    sb.len = w.b.n;
    sb.p = cdn_jw_finish(&w);
    sb.failed = sb.p == NULL;
    cdn_reply_json(rep, 200, &sb);
}

void cdn_api_screen(cdn_server *srv, const cdn_request *req, cdn_reply *rep) {
    json_t *body = cdn_parse_body(req, rep);
    if (!body) return;
    cdn_query q;
    const char *field;
    const char *e = cdn_query_from_json(body, &q, &field);
    cdn_gen *g;
    cordon_screener *s;
    if (e) {
        cdn_reply_error(rep, 400, e, field);
    } else if (take_index(srv, rep, &g, &s) == 0) {
        char msg[512], *matches;
        size_t unread = 0;
        unsigned st = matches_json(s, &q.q, &matches, &unread, msg, sizeof msg);
        cdn_gen_give_screener(g, s);
        if (st) cdn_reply_error(rep, st, msg, st == 400 ? "name" : NULL);
        else screen_reply(rep, matches, unread, &q.q, g->index_json);
        cordon_free(matches);
        cdn_gen_unref(g);
    }
    json_decref(body);
}

/* ---- POST /v1/screen/batch --------------------------------------------------------------- */

static void batch_error(cdn_sb *sb, const json_t *id, const char *msg, const char *field) {
    json_t *e = json_pack("{s:O,s:s,s:s?}", "id", id, "error", msg, "field", field);
    cdn_sb_json(sb, e);
    json_decref(e);
}

static void batch_record(cdn_sb *sb, cordon_screener *s, const json_t *rec, size_t i) {
    json_t *own_id = NULL;
    const json_t *id = json_object_get(rec, "id");
    if (!id) id = own_id = json_integer((json_int_t)i);    /* no id: the record's position */
    cdn_query q;
    const char *field;
    const char *e = cdn_query_from_json(rec, &q, &field);
    if (e) {
        batch_error(sb, id, e, field);
    } else {
        char msg[512], *matches;
        size_t unread = 0;
        unsigned st = matches_json(s, &q.q, &matches, &unread, msg, sizeof msg);
        if (st) {
            batch_error(sb, id, msg, "name");
        } else {
            cdn_sb_puts(sb, "{\"id\":");
            cdn_sb_json(sb, id);
            cdn_sb_puts(sb, ",\"matches\":");
            cdn_sb_puts(sb, *matches ? matches : "[]");
            char more[48];
            cdn_sb_add(sb, more, unread_member(more, sizeof more, unread));
            cdn_sb_puts(sb, "}");
        }
        cordon_free(matches);
    }
    json_decref(own_id);
}

/* The records' results, in their order, though they are screened in the library's screening
 * order (by name: records sharing a name part follow each other and find its lookups still in
 * the cache), each into its own buffer. */
static void batch_results(cdn_sb *sb, cordon_screener *s, const json_t *records) {
    size_t n = json_array_size(records), m = n ? n : 1;
    cdn_sb *one = calloc(m, sizeof *one);
    size_t *order = malloc(m * sizeof *order);
    const char **names = malloc(m * sizeof *names);
    if (!one || !order || !names) {
        sb->failed = 1;
        free(one); free(order); free(names);
        return;
    }
    for (size_t i = 0; i < n; i++) names[i] = json_string_value(json_object_get(json_array_get(records, i), "name"));
    cordon_screening_order(names, n, order);           /* on no memory, the records' own order */
    for (size_t k = 0; k < n; k++) batch_record(&one[order[k]], s, json_array_get(records, order[k]), order[k]);
    for (size_t i = 0; i < n; i++) {
        if (i) cdn_sb_puts(sb, ",");
        cdn_sb_add(sb, one[i].p ? one[i].p : "", one[i].len);
        sb->failed |= one[i].failed;
        cdn_sb_free(&one[i]);
    }
    free(one); free(order); free(names);
}

void cdn_api_batch(cdn_server *srv, const cdn_request *req, cdn_reply *rep) {
    json_t *body = cdn_parse_body(req, rep);
    if (!body) return;
    json_t *records = json_object_get(body, "records");
    cdn_gen *g;
    cordon_screener *s;
    if (!json_is_array(records)) {
        cdn_reply_error(rep, 400, "records must be an array of query objects", "records");
    } else if (json_array_size(records) > CDN_MAX_BATCH) {
        cdn_reply_error(rep, 400, "at most 1000 records per batch", "records");
    } else if (take_index(srv, rep, &g, &s) == 0) {
        cdn_sb sb = {0};
        cdn_sb_puts(&sb, "{\"results\":[");
        batch_results(&sb, s, records);
        cdn_sb_puts(&sb, "],\"index\":");
        cdn_sb_puts(&sb, g->index_json);
        cdn_sb_puts(&sb, "}");
        give_index(g, s);
        cdn_reply_json(rep, 200, &sb);
    }
    json_decref(body);
}

/* ---- GET /v1/entities/{id}, GET /v1/lists ------------------------------------------------ */

void cdn_api_entity(cdn_server *srv, const cdn_request *req, cdn_reply *rep) {
    cdn_gen *g = cdn_server_acquire_or_503(srv, rep);
    if (!g) return;
    char *json = NULL;
    cordon_rc rc = cordon_entity_json(g->ix, req->tail, &json);
    cdn_gen_unref(g);
    if (rc == CORDON_OK && json) {
        cdn_sb sb = {0};      /* copied: MHD frees with free(), the library's strings need cordon_free */
        cdn_sb_puts(&sb, json);
        cordon_free(json);
        cdn_reply_json(rep, 200, &sb);
        return;
    }
    cordon_free(json);
    if (rc == CORDON_ERR_NOTFOUND || rc == CORDON_ERR_ARG || rc == CORDON_OK)
        cdn_reply_error(rep, 404, "no such entity", "id");
    else
        cdn_reply_error(rep, 500, cordon_strerror(rc), NULL);
}

void cdn_api_lists(cdn_server *srv, const cdn_request *req, cdn_reply *rep) {
    (void)req;
    cdn_gen *g = cdn_server_acquire_or_503(srv, rep);
    if (!g) return;
    cdn_sb sb = {0};
    cdn_sb_puts(&sb, g->info_json);
    cdn_gen_unref(g);
    cdn_reply_json(rep, 200, &sb);
}
