/* gen.c — index generations for the server: open an index fully, pool its screeners, swap on reload.
 * Invariant: a generation is freed only when its last reference goes; swapping never blocks requests. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "server/srv.h"

static void gen_free(cdn_gen *g) {
    if (!g) return;
    for (size_t i = 0; i < g->n_pool; i++) cordon_screener_close(g->pool[i]);
    free(g->pool);
    pthread_mutex_destroy(&g->pool_lock);
    for (size_t i = 0; i < g->n_sources; i++) free(g->sources[i]);
    free(g->sources);
    cordon_free(g->info_json);
    free(g->index_json);
    free(g->built_at);
    cordon_index_close(g->ix);
    free(g);
}

/* Reads built_at, format_version, entity count and the source names from the info JSON. */
static int gen_read_info(cdn_gen *g, char *err, size_t errlen) {
    json_error_t je;
    json_t *info = json_loads(g->info_json, 0, &je);
    if (!json_is_object(info)) {
        snprintf(err, errlen, "index info is not a JSON object: %s", je.text);
        json_decref(info);
        return -1;
    }
    const char *built = json_string_value(json_object_get(info, "built_at"));
    g->built_at = strdup(built ? built : "");
    g->format_version = (long)json_integer_value(json_object_get(info, "format_version"));
    json_t *sources = json_object_get(info, "sources");
    size_t n = json_array_size(sources);
    g->sources = calloc(n ? n : 1, sizeof *g->sources);
    for (size_t i = 0; g->sources && i < n; i++) {
        const char *name = json_string_value(json_object_get(json_array_get(sources, i), "name"));
        if (name && (g->sources[g->n_sources] = strdup(name))) g->n_sources++;
    }
    json_t *echo = json_pack("{s:s,s:I}", "built_at", g->built_at ? g->built_at : "",
                             "format_version", (json_int_t)g->format_version);
    g->index_json = echo ? json_dumps(echo, JSON_COMPACT) : NULL;
    json_decref(echo);
    json_decref(info);
    if (!g->built_at || !g->sources || !g->index_json) {
        snprintf(err, errlen, "out of memory");
        return -1;
    }
    return 0;
}

cdn_gen *cdn_gen_open(const char *path, unsigned n_screeners, char *err, size_t errlen) {
    cdn_gen *g = calloc(1, sizeof *g);
    if (!g) {
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    pthread_mutex_init(&g->pool_lock, NULL);
    atomic_init(&g->refs, 1);
    cordon_rc rc = cordon_index_open(path, &g->ix);
    if (rc != CORDON_OK) {
        const char *why = g->ix ? cordon_index_errmsg(g->ix) : NULL;
        snprintf(err, errlen, "%s", why && *why ? why : cordon_strerror(rc));
        gen_free(g);
        return NULL;
    }
    g->entities = cordon_index_entity_count(g->ix);
    rc = cordon_index_info_json(g->ix, &g->info_json);
    if (rc != CORDON_OK || gen_read_info(g, err, errlen) != 0) {
        if (rc != CORDON_OK) snprintf(err, errlen, "%s: index info: %s", path, cordon_strerror(rc));
        gen_free(g);
        return NULL;
    }
    /* Make the screeners now: the first requests are not slowed, and a screener that cannot be
     * made for this index refuses the index instead of failing requests later. */
    g->pool = calloc(n_screeners ? n_screeners : 1, sizeof *g->pool);
    g->cap_pool = n_screeners ? n_screeners : 1;
    for (unsigned i = 0; g->pool && i < n_screeners; i++) {
        rc = cordon_screener_open(g->ix, &g->pool[g->n_pool]);
        if (rc != CORDON_OK) {
            snprintf(err, errlen, "%s: screener: %s", path,
                     g->pool[g->n_pool] ? cordon_screener_errmsg(g->pool[g->n_pool])
                                        : cordon_strerror(rc));
            cordon_screener_close(g->pool[g->n_pool]);
            gen_free(g);
            return NULL;
        }
        g->n_pool++;
    }
    if (!g->pool) {
        snprintf(err, errlen, "out of memory");
        gen_free(g);
        return NULL;
    }
    return g;
}

void cdn_gen_unref(cdn_gen *g) {
    if (g && atomic_fetch_sub(&g->refs, 1) == 1) gen_free(g);
}

cordon_screener *cdn_gen_take_screener(cdn_gen *g) {
    cordon_screener *s = NULL;
    pthread_mutex_lock(&g->pool_lock);
    if (g->n_pool) s = g->pool[--g->n_pool];
    pthread_mutex_unlock(&g->pool_lock);
    if (s) return s;
    /* More requests than pooled screeners (batch + match at once): make one more. */
    if (cordon_screener_open(g->ix, &s) != CORDON_OK) {
        cordon_screener_close(s);
        return NULL;
    }
    return s;
}

void cdn_gen_give_screener(cdn_gen *g, cordon_screener *s) {
    if (!s) return;
    pthread_mutex_lock(&g->pool_lock);
    if (g->n_pool == g->cap_pool) {
        size_t cap = g->cap_pool * 2;
        cordon_screener **p = realloc(g->pool, cap * sizeof *p);
        if (p) {
            g->pool = p;
            g->cap_pool = cap;
        }
    }
    if (g->n_pool < g->cap_pool) {
        g->pool[g->n_pool++] = s;
        s = NULL;
    }
    pthread_mutex_unlock(&g->pool_lock);
    cordon_screener_close(s);
}

int cdn_gen_has_source(const cdn_gen *g, const char *name) {
    for (size_t i = 0; i < g->n_sources; i++)
        if (strcmp(g->sources[i], name) == 0) return 1;
    return 0;
}

cdn_gen *cdn_server_acquire(cdn_server *srv) {
    pthread_mutex_lock(&srv->gen_lock);
    cdn_gen *g = srv->gen;
    if (g) atomic_fetch_add(&g->refs, 1);   /* safe: the server's own reference keeps it alive */
    pthread_mutex_unlock(&srv->gen_lock);
    return g;
}

int cdn_server_reload(cdn_server *srv, char *err, size_t errlen) {
    cdn_gen *fresh = cdn_gen_open(srv->index_path, srv->threads, err, errlen);
    if (!fresh) {
        atomic_fetch_add(&srv->metrics.reloads_failed, 1);
        return -1;
    }
    pthread_mutex_lock(&srv->gen_lock);
    cdn_gen *old = srv->gen;
    srv->gen = fresh;
    pthread_mutex_unlock(&srv->gen_lock);
    cdn_gen_unref(old);    /* requests still holding it finish on it; the last one frees it */
    atomic_fetch_add(&srv->metrics.reloads_ok, 1);
    return 0;
}

void cdn_server_drop_gen(cdn_server *srv) {
    pthread_mutex_lock(&srv->gen_lock);
    cdn_gen *old = srv->gen;
    srv->gen = NULL;
    pthread_mutex_unlock(&srv->gen_lock);
    cdn_gen_unref(old);
}
