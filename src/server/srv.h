/* srv.h — internals shared by the files of the HTTP server in src/server/, not by the library.
 * Invariant: a handler touches an index only through a cdn_gen it holds a reference on. */
#ifndef CDN_SRV_H
#define CDN_SRV_H

#include <pthread.h>
#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>

#include <jansson.h>
#include <microhttpd.h>

#include "cordon.h"

#define CDN_MAX_BODY (1024 * 1024)   /* larger request bodies get 413 */
#define CDN_MAX_BATCH 1000           /* records per /v1/screen/batch */
#define CDN_MAX_NAME 1024            /* bytes in one queried name */
#define CDN_MAX_IDS 32               /* identifiers in one query */
#define CDN_MAX_LIMIT 100            /* matches per query */

/* ---- Growable string (for responses) ---------------------------------------------------- */

typedef struct cdn_sb {
    char *p;
    size_t len, cap;
    int failed;                      /* an allocation failed: the content is incomplete */
} cdn_sb;

void cdn_sb_add(cdn_sb *sb, const char *s, size_t n);
void cdn_sb_puts(cdn_sb *sb, const char *s);
void cdn_sb_json(cdn_sb *sb, const json_t *v);   /* appends v compactly encoded */
void cdn_sb_free(cdn_sb *sb);

/* ---- Index generations ------------------------------------------------------------------- */

/* One opened index with its pool of screeners. Reloading makes a new generation; the old one
 * lives until the last request that took it gives it back. */
typedef struct cdn_gen {
    cordon_index *ix;
    char *info_json;                 /* cordon_index_info_json, for GET /v1/lists */
    char *index_json;                /* {"built_at":…,"format_version":N}, echoed in replies */
    char *built_at;
    long format_version;
    size_t entities;
    char **sources;                  /* source names ("ofac", "un" …), for /match/{dataset} */
    size_t n_sources;
    atomic_long refs;                /* the server's own reference + requests in flight */
    pthread_mutex_t pool_lock;
    cordon_screener **pool;          /* idle screeners */
    size_t n_pool, cap_pool;
} cdn_gen;

/* ---- Metrics ----------------------------------------------------------------------------- */

enum cdn_route_id {
    CDN_R_WEB, CDN_R_HEALTHZ, CDN_R_READYZ, CDN_R_METRICS, CDN_R_SCREEN, CDN_R_BATCH,
    CDN_R_ENTITY, CDN_R_LISTS, CDN_R_MATCH, CDN_R_OTHER, CDN_N_ROUTES
};
#define CDN_N_STATUS 12
#define CDN_N_BUCKETS 12

typedef struct cdn_metrics {
    atomic_ulong requests[CDN_N_ROUTES][CDN_N_STATUS];
    atomic_ulong buckets[CDN_N_ROUTES][CDN_N_BUCKETS];   /* cumulative on output only */
    atomic_ulong sum_us[CDN_N_ROUTES];
    atomic_ulong count[CDN_N_ROUTES];
    atomic_ulong reloads_ok, reloads_failed;
} cdn_metrics;

/* ---- The server -------------------------------------------------------------------------- */

typedef struct cdn_server {
    char *index_path;
    unsigned threads;
    unsigned timeout_s;
    int quiet;                       /* no per-request log lines */
    pthread_mutex_t gen_lock;        /* guards `gen` (the pointer, not the generation) */
    cdn_gen *gen;                    /* current generation, NULL until an index loads */
    cdn_metrics metrics;
} cdn_server;

/* Opens `path` fully (index, info, `n_screeners` screeners). NULL on failure, with err filled. */
cdn_gen *cdn_gen_open(const char *path, unsigned n_screeners, char *err, size_t errlen);
void cdn_gen_unref(cdn_gen *g);
cordon_screener *cdn_gen_take_screener(cdn_gen *g);   /* NULL if none could be made */
void cdn_gen_give_screener(cdn_gen *g, cordon_screener *s);
int cdn_gen_has_source(const cdn_gen *g, const char *name);

cdn_gen *cdn_server_acquire(cdn_server *srv);       /* NULL when no index is loaded */
/* Reopens srv->index_path and swaps it in; on failure keeps the old one. 0 on success. */
int cdn_server_reload(cdn_server *srv, char *err, size_t errlen);
void cdn_server_drop_gen(cdn_server *srv);

/* ---- Requests and replies ---------------------------------------------------------------- */

typedef struct cdn_request {
    struct MHD_Connection *conn;
    const char *method;
    const char *path;
    const char *tail;                /* path after a prefix route ("ofac:20157") */
    const char *body;
    size_t body_len;
} cdn_request;

typedef struct cdn_reply {
    unsigned status;
    const char *content_type;
    char *body;                      /* malloc'd unless body_static */
    size_t len;
    int body_static;
    const char *allow;               /* Allow header, for 405 */
    const char *etag;
    const char *cache;               /* Cache-Control */
} cdn_reply;

void cdn_reply_json(cdn_reply *rep, unsigned status, cdn_sb *sb);   /* takes sb's buffer */
void cdn_reply_error(cdn_reply *rep, unsigned status, const char *msg, const char *field);
/* The current generation, or NULL after replying 503 "no index loaded" (http.c). */
cdn_gen *cdn_server_acquire_or_503(cdn_server *srv, cdn_reply *rep);

typedef void cdn_handler(cdn_server *srv, const cdn_request *req, cdn_reply *rep);
cdn_handler cdn_api_screen, cdn_api_batch, cdn_api_entity, cdn_api_lists, cdn_api_match;

/* Parses a JSON body into an object; on failure fills rep with a 400 and returns NULL. */
json_t *cdn_parse_body(const cdn_request *req, cdn_reply *rep);

/* A query read from a JSON object; strings point into `obj`, which must outlive it. */
typedef struct cdn_query {
    cordon_query q;
    const char *ids[CDN_MAX_IDS];
} cdn_query;
/* Returns NULL on success, else the error message with *field set. */
const char *cdn_query_from_json(const json_t *obj, cdn_query *out, const char **field);
/* Screens; on failure returns an HTTP status (400/500) with msg filled, else 0. */
unsigned cdn_screen(cordon_screener *s, const cordon_query *q, cordon_result **out,
                    char *msg, size_t msglen);

/* Listens on `listen` with srv->threads workers (listen.c); NULL with err filled on failure. */
typedef struct cdn_http cdn_http;
cdn_http *cdn_http_start(cdn_server *srv, const char *listen, char *err, size_t errlen);
void cdn_http_stop(cdn_http *h);                    /* accepts NULL */
/* One worker daemon without a listening socket; `notify` hears its connections open and close. */
struct MHD_Daemon *cdn_http_worker(cdn_server *srv, unsigned conn_limit,
                                   MHD_NotifyConnectionCallback notify, void *notify_cls);

void cdn_metrics_observe(cdn_metrics *m, int route, unsigned status, uint64_t us);
char *cdn_metrics_text(cdn_server *srv, size_t *len);

uint64_t cdn_now_us(void);
void cdn_log(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
