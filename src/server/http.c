/* http.c — the libmicrohttpd side of `cordon serve`: route table, request bodies, replies, log lines.
 * Invariant: every request gets exactly one reply (or a timeout close) and one log line. */
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "server/assets.h"
#include "server/srv.h"

/* ---- Small helpers ----------------------------------------------------------------------- */

uint64_t cdn_now_us(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000u + (uint64_t)ts.tv_nsec / 1000u;
}

/* One write(2) per line, so lines from different threads never interleave. */
void cdn_log(const char *fmt, ...) {
    char line[1024];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(line, sizeof line - 1, fmt, ap);
    va_end(ap);
    if (n < 0) return;
    if ((size_t)n > sizeof line - 2) n = (int)sizeof line - 2;
    line[n++] = '\n';
    ssize_t w = write(2, line, (size_t)n);
    (void)w;
}

void cdn_sb_add(cdn_sb *sb, const char *s, size_t n) {
    if (sb->failed) return;
    if (sb->len + n + 1 > sb->cap) {
        size_t cap = sb->cap ? sb->cap : 256;
        while (cap < sb->len + n + 1) cap *= 2;
        char *p = realloc(sb->p, cap);
        if (!p) {
            sb->failed = 1;
            return;
        }
        sb->p = p;
        sb->cap = cap;
    }
    memcpy(sb->p + sb->len, s, n);
    sb->len += n;
    sb->p[sb->len] = '\0';
}

void cdn_sb_puts(cdn_sb *sb, const char *s) { cdn_sb_add(sb, s, strlen(s)); }

void cdn_sb_json(cdn_sb *sb, const json_t *v) {
    char *s = v ? json_dumps(v, JSON_COMPACT | JSON_ENCODE_ANY | JSON_REAL_PRECISION(6)) : NULL;
    if (!s) {
        sb->failed = 1;
        return;
    }
    cdn_sb_puts(sb, s);
    free(s);
}

void cdn_sb_free(cdn_sb *sb) {
    free(sb->p);
    memset(sb, 0, sizeof *sb);
}

void cdn_reply_json(cdn_reply *rep, unsigned status, cdn_sb *sb) {
    if (sb->failed) {
        cdn_sb_free(sb);
        cdn_reply_error(rep, 500, "out of memory", NULL);
        return;
    }
    rep->status = status;
    rep->content_type = "application/json";
    rep->body = sb->p;
    rep->len = sb->len;
    sb->p = NULL;
    sb->len = sb->cap = 0;
}

void cdn_reply_error(cdn_reply *rep, unsigned status, const char *msg, const char *field) {
    json_t *e = field ? json_pack("{s:s,s:s}", "error", msg, "field", field)
                      : json_pack("{s:s}", "error", msg);
    char *s = e ? json_dumps(e, JSON_COMPACT) : NULL;
    json_decref(e);
    if (!rep->body_static) free(rep->body);
    rep->status = status;
    rep->content_type = "application/json";
    rep->body_static = s == NULL;
    rep->body = s ? s : (char *)"{\"error\":\"out of memory\"}";
    rep->len = strlen(rep->body);
}

json_t *cdn_parse_body(const cdn_request *req, cdn_reply *rep) {
    json_error_t je;
    if (req->body_len == 0) {
        cdn_reply_error(rep, 400, "the request body is empty; send a JSON object", "body");
        return NULL;
    }
    /* jansson rejects invalid UTF-8, NUL bytes in strings unless asked, and trailing garbage. */
    json_t *v = json_loadb(req->body, req->body_len, JSON_REJECT_DUPLICATES, &je);
    if (!v) {
        char msg[256];
        snprintf(msg, sizeof msg, "malformed JSON at byte %d: %s", je.position, je.text);
        cdn_reply_error(rep, 400, msg, "body");
        return NULL;
    }
    if (!json_is_object(v)) {
        json_decref(v);
        cdn_reply_error(rep, 400, "the request body must be a JSON object", "body");
        return NULL;
    }
    return v;
}

/* ---- Small handlers ---------------------------------------------------------------------- */

static void reply_static(cdn_reply *rep, unsigned status, const char *type, const char *body) {
    rep->status = status;
    rep->content_type = type;
    rep->body = (char *)body;
    rep->len = strlen(body);
    rep->body_static = 1;
}

static void h_healthz(cdn_server *srv, const cdn_request *req, cdn_reply *rep) {
    (void)srv, (void)req;
    reply_static(rep, 200, "application/json", "{\"status\":\"ok\"}");
    rep->cache = "no-store";
}

cdn_gen *cdn_server_acquire_or_503(cdn_server *srv, cdn_reply *rep) {
    cdn_gen *g = cdn_server_acquire(srv);
    if (!g) cdn_reply_error(rep, 503, "no index loaded", NULL);
    return g;
}

static void h_readyz(cdn_server *srv, const cdn_request *req, cdn_reply *rep) {
    (void)req;
    cdn_gen *g = cdn_server_acquire_or_503(srv, rep);
    if (!g) return;
    cdn_sb sb = {0};
    cdn_sb_puts(&sb, "{\"status\":\"ready\",\"index\":");
    cdn_sb_puts(&sb, g->index_json);
    cdn_sb_puts(&sb, "}");
    cdn_gen_unref(g);
    cdn_reply_json(rep, 200, &sb);
    rep->cache = "no-store";
}

static void h_metrics(cdn_server *srv, const cdn_request *req, cdn_reply *rep) {
    (void)req;
    size_t len = 0;
    char *text = cdn_metrics_text(srv, &len);
    if (!text) {
        cdn_reply_error(rep, 500, "out of memory", NULL);
        return;
    }
    rep->status = 200;
    rep->content_type = "text/plain; version=0.0.4; charset=utf-8";
    rep->body = text;
    rep->len = len;
    rep->cache = "no-store";
}

static const cdn_asset *find_asset(const char *path) {
    if (strcmp(path, "/") == 0) path = "/index.html";
    for (size_t i = 0; i < cdn_n_assets; i++)
        if (strcmp(cdn_assets[i].path, path) == 0) return &cdn_assets[i];
    return NULL;
}

static void h_web(cdn_server *srv, const cdn_request *req, cdn_reply *rep) {
    (void)srv;
    const cdn_asset *a = find_asset(req->path);
    const char *inm = MHD_lookup_connection_value(req->conn, MHD_HEADER_KIND, "If-None-Match");
    rep->etag = a->etag;
    rep->cache = "no-cache";
    rep->content_type = a->content_type;
    rep->body_static = 1;
    if (inm && strcmp(inm, a->etag) == 0) {
        rep->status = 304;
        rep->body = (char *)"";
        rep->len = 0;
        return;
    }
    rep->status = 200;
    rep->body = (char *)a->data;
    rep->len = a->len;
}

/* ---- Routes ------------------------------------------------------------------------------ */

typedef struct route {
    const char *path;
    int prefix;              /* path is a prefix; the rest is the request's tail */
    const char *methods;     /* the Allow header */
    int id;                  /* metrics label */
    cdn_handler *handler;
} route;

static const route ROUTES[] = {
    {"/healthz", 0, "GET, HEAD", CDN_R_HEALTHZ, h_healthz},
    {"/readyz", 0, "GET, HEAD", CDN_R_READYZ, h_readyz},
    {"/metrics", 0, "GET, HEAD", CDN_R_METRICS, h_metrics},
    {"/v1/screen", 0, "POST", CDN_R_SCREEN, cdn_api_screen},
    {"/v1/screen/batch", 0, "POST", CDN_R_BATCH, cdn_api_batch},
    {"/v1/entities/", 1, "GET, HEAD", CDN_R_ENTITY, cdn_api_entity},
    {"/v1/lists", 0, "GET, HEAD", CDN_R_LISTS, cdn_api_lists},
    {"/match/", 1, "POST", CDN_R_MATCH, cdn_api_match},
};
static const route WEB_ROUTE = {"/", 0, "GET, HEAD", CDN_R_WEB, h_web};

static const route *find_route(const char *path, const char **tail) {
    *tail = "";
    for (size_t i = 0; i < sizeof ROUTES / sizeof ROUTES[0]; i++) {
        const route *r = &ROUTES[i];
        size_t n = strlen(r->path);
        if (r->prefix ? strncmp(path, r->path, n) == 0 && path[n] : strcmp(path, r->path) == 0) {
            *tail = path + (r->prefix ? n : strlen(path));
            return r;
        }
    }
    return find_asset(path) ? &WEB_ROUTE : NULL;
}

static int method_allowed(const route *r, const char *method) {
    size_t n = strlen(method);
    for (const char *m = r->methods; (m = strstr(m, method)) != NULL; m += n)
        if ((m == r->methods || m[-1] == ' ') && (m[n] == ',' || m[n] == '\0')) return 1;
    return 0;
}

/* ---- One exchange ------------------------------------------------------------------------ */

/* A body up to SMALL_BODY bytes (any single query) stays in the exchange: no allocation for it. */
#define SMALL_BODY 2048

typedef struct exchange {
    uint64_t t0;
    const route *route;
    const char *tail;
    char *body;              /* `small` or malloc'd */
    size_t len, cap;
    size_t dropped;          /* body bytes read and dropped after the limit */
    int too_large;
    int answered;
    int bodiless;            /* GET or HEAD */
    char method[16];
    char path[256];          /* for the log line after the connection is gone */
    char small[SMALL_BODY];  /* last: not zeroed when the exchange is made */
} exchange;

static void drop_body(exchange *x) {
    if (x->body != x->small) free(x->body);
    x->body = x->small;
    x->len = 0;
    x->cap = sizeof x->small;
}

/* Appends s to the line at *n, cut to fit; the last byte of the line is kept for the newline. */
static void line_add(char *line, size_t cap, size_t *n, const char *s, size_t len) {
    if (len > cap - 1 - *n) len = cap - 1 - *n;
    memcpy(line + *n, s, len);
    *n += len;
}

static void line_num(char *line, size_t cap, size_t *n, unsigned long long v) {
    char digits[24];
    size_t k = sizeof digits;
    do digits[--k] = (char)('0' + v % 10);
    while ((v /= 10) != 0);
    line_add(line, cap, n, digits + k, sizeof digits - k);
}

/* "METHOD PATH STATUS 123us[ note]": put together by hand and written in one write(2), as cdn_log
 * does, without a format string parsed on every request. */
static void log_line(const exchange *x, unsigned status, uint64_t us, const char *note) {
    char line[1024];
    size_t n = 0, cap = sizeof line;
    line_add(line, cap, &n, x->method, strlen(x->method));
    line_add(line, cap, &n, " ", 1);
    line_add(line, cap, &n, x->path, strlen(x->path));
    line_add(line, cap, &n, " ", 1);
    line_num(line, cap, &n, status);
    line_add(line, cap, &n, " ", 1);
    line_num(line, cap, &n, us);
    line_add(line, cap, &n, "us", 2);
    line_add(line, cap, &n, note, strlen(note));
    line[n++] = '\n';
    ssize_t w = write(2, line, n);
    (void)w;
}

static void log_request(cdn_server *srv, exchange *x, unsigned status, const char *note) {
    uint64_t us = cdn_now_us() - x->t0;
    cdn_metrics_observe(&srv->metrics, x->route ? x->route->id : CDN_R_OTHER, status, us);
    if (!srv->quiet) log_line(x, status, us, note);
}

static enum MHD_Result send_reply(cdn_server *srv, struct MHD_Connection *c, exchange *x,
                                  cdn_reply *rep) {
    struct MHD_Response *res = MHD_create_response_from_buffer(
        rep->len, rep->body, rep->body_static ? MHD_RESPMEM_PERSISTENT : MHD_RESPMEM_MUST_FREE);
    if (!res) {
        if (!rep->body_static) free(rep->body);
        return MHD_NO;
    }
    if (rep->content_type) MHD_add_response_header(res, "Content-Type", rep->content_type);
    if (rep->allow) MHD_add_response_header(res, "Allow", rep->allow);
    if (rep->etag) MHD_add_response_header(res, "ETag", rep->etag);
    if (rep->cache) MHD_add_response_header(res, "Cache-Control", rep->cache);
    MHD_add_response_header(res, "X-Content-Type-Options", "nosniff");
    if (x->route && x->route->id == CDN_R_WEB)
        MHD_add_response_header(res, "Content-Security-Policy",
                                "default-src 'self'; img-src 'self' data:; object-src 'none'; "
                                "base-uri 'none'; frame-ancestors 'none'");
    enum MHD_Result ok = MHD_queue_response(c, rep->status, res);
    MHD_destroy_response(res);
    x->answered = 1;
    log_request(srv, x, rep->status, "");
    return ok;
}

static enum MHD_Result send_error(cdn_server *srv, struct MHD_Connection *c, exchange *x,
                                  unsigned status, const char *msg, const char *field,
                                  const char *allow) {
    cdn_reply rep = {0};
    cdn_reply_error(&rep, status, msg, field);
    rep.allow = allow;
    return send_reply(srv, c, x, &rep);
}

/* Checks what can be checked before the body arrives: route, method, declared length. */
static enum MHD_Result first_call(cdn_server *srv, struct MHD_Connection *c, exchange *x,
                                  const char *method) {
    if (!x->route) return send_error(srv, c, x, 404, "no such endpoint", "path", NULL);
    int head_ok = strcmp(method, "HEAD") == 0 && method_allowed(x->route, "GET");
    if (!head_ok && !method_allowed(x->route, method))
        return send_error(srv, c, x, 405, "method not allowed", "method", x->route->methods);
    const char *cl = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Content-Length");
    if (cl && strtoull(cl, NULL, 10) > CDN_MAX_BODY)
        return send_error(srv, c, x, 413, "request body over 1 MB", "body", NULL);
    return MHD_YES;
}

static void take_body(exchange *x, const char *data, size_t n) {
    if (x->too_large) {
        x->dropped += n;
        return;
    }
    if (x->len + n > CDN_MAX_BODY) {
        x->too_large = 1;    /* keep reading (and dropping) so that we can still answer 413 */
        drop_body(x);
        return;
    }
    if (x->len + n > x->cap) {
        size_t cap = x->cap * 2;
        while (cap < x->len + n) cap *= 2;
        char *p = x->body == x->small ? malloc(cap) : realloc(x->body, cap);
        if (!p) {
            x->too_large = 1;
            return;
        }
        if (x->body == x->small) memcpy(p, x->small, x->len);
        x->body = p;
        x->cap = cap;
    }
    memcpy(x->body + x->len, data, n);
    x->len += n;
}

static enum MHD_Result dispatch(cdn_server *srv, struct MHD_Connection *c, exchange *x,
                               const char *method, const char *url) {
    cdn_request req = {c, method, url, x->tail, x->body, x->len};
    cdn_reply rep = {0};
    x->route->handler(srv, &req, &rep);
    return send_reply(srv, c, x, &rep);
}

/* Copies s into n bytes, cut to fit: snprintf's "%s" without its cost on every request. */
static void copy_cut(char *dst, size_t n, const char *s) {
    size_t len = strnlen(s, n - 1);
    memcpy(dst, s, len);
    dst[len] = '\0';
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *c, const char *url,
                                  const char *method, const char *version, const char *upload,
                                  size_t *upload_size, void **con_cls) {
    (void)version;
    cdn_server *srv = cls;
    exchange *x = *con_cls;
    if (!x) {
        if (!(x = malloc(sizeof *x))) return MHD_NO;
        memset(x, 0, offsetof(exchange, small));
        drop_body(x);
        *con_cls = x;
        x->t0 = cdn_now_us();
        copy_cut(x->method, sizeof x->method, method);
        copy_cut(x->path, sizeof x->path, url);
        for (char *p = x->path; *p; p++)   /* the log line is one line, whatever the URL held */
            if ((unsigned char)*p < 0x20 || *p == 0x7f) *p = '?';
        x->route = find_route(url, &x->tail);
        /* GET and HEAD are answered on the next call: a reply queued on this first call makes
         * MHD close the connection, which would cost keep-alive clients a reconnect each time. */
        x->bodiless = !strcmp(method, "GET") || !strcmp(method, "HEAD");
        return x->bodiless ? MHD_YES : first_call(srv, c, x, method);
    }
    if (x->bodiless && !x->answered) {
        *upload_size = 0;
        enum MHD_Result r = first_call(srv, c, x, method);
        return x->answered ? r : dispatch(srv, c, x, method, url);
    }
    if (x->answered) {       /* answered early: drop whatever body still comes */
        *upload_size = 0;
        return MHD_YES;
    }
    if (*upload_size) {
        take_body(x, upload, *upload_size);
        *upload_size = 0;
        /* MHD cannot answer in the middle of a body: read on (dropping it) to answer 413 at the
         * end, but cut off a client that streams on and on. */
        return x->dropped > 8 * CDN_MAX_BODY ? MHD_NO : MHD_YES;
    }
    if (x->too_large) return send_error(srv, c, x, 413, "request body over 1 MB", "body", NULL);
    return dispatch(srv, c, x, method, url);
}

static void on_completed(void *cls, struct MHD_Connection *c, void **con_cls,
                         enum MHD_RequestTerminationCode toe) {
    (void)c;
    exchange *x = *con_cls;
    if (!x) return;
    if (!x->answered && x->too_large) {
        log_request(cls, x, 413, " (body over 1 MB streamed on: cut off)");
    } else if (!x->answered) {
        const char *why = toe == MHD_REQUEST_TERMINATED_TIMEOUT_REACHED ? " (timed out)"
                          : toe == MHD_REQUEST_TERMINATED_DAEMON_SHUTDOWN ? " (shutdown)"
                                                                          : " (client went away)";
        log_request(cls, x, 408, why);
    }
    drop_body(x);
    free(x);
    *con_cls = NULL;
}

/* libmicrohttpd's own messages, as one log line each. */
static void mhd_logger(void *cls, const char *fmt, va_list ap) {
    (void)cls;
    char msg[512];
    vsnprintf(msg, sizeof msg, fmt, ap);
    size_t n = strlen(msg);
    while (n && (msg[n - 1] == '\n' || msg[n - 1] == '\r')) msg[--n] = '\0';
    cdn_log("cordon serve: libmicrohttpd: %s", msg);
}

/* One worker: a daemon with its own thread and no listening socket; listen.c hands it connections.
 * The pool of each connection is zeroed by libmicrohttpd after every request, so it is kept at
 * 16 KB (headers and the read buffer; bodies accumulate in the exchange): 64 KB cost a quarter
 * of a cheap request's instructions in memset alone. */
struct MHD_Daemon *cdn_http_worker(cdn_server *srv, unsigned conn_limit,
                                   MHD_NotifyConnectionCallback notify, void *notify_cls) {
    unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_ERROR_LOG | MHD_USE_ITC |
                     MHD_USE_NO_LISTEN_SOCKET;
    if (MHD_is_feature_supported(MHD_FEATURE_EPOLL) == MHD_YES)
        flags |= MHD_USE_EPOLL | MHD_USE_TURBO;
    return MHD_start_daemon(
        flags, 0, NULL, NULL, on_request, srv,
        MHD_OPTION_EXTERNAL_LOGGER, mhd_logger, NULL,   /* first, so that it sees every message */
        MHD_OPTION_CONNECTION_TIMEOUT, (unsigned int)srv->timeout_s,
        MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)(16 * 1024),
        MHD_OPTION_CONNECTION_LIMIT, conn_limit,
        MHD_OPTION_NOTIFY_COMPLETED, on_completed, srv,
        MHD_OPTION_NOTIFY_CONNECTION, notify, notify_cls,
        MHD_OPTION_END);
}
