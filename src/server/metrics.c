/* metrics.c — request counters and latency histograms, written out in the Prometheus text format.
 * Invariant: counters only grow and are updated with relaxed atomics (no lock on the request path). */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "server/srv.h"

static const char *const ROUTE_NAMES[CDN_N_ROUTES] = {
    "web", "healthz", "readyz", "metrics", "screen", "screen_batch", "entity", "lists", "match",
    "other",
};
/* Status codes the server can answer; anything else is counted as the last one. */
static const unsigned STATUSES[CDN_N_STATUS] = {200, 304, 400, 404, 405, 408, 413, 415, 422,
                                                 500, 503, 599};
/* Upper bounds of the histogram buckets, in microseconds; the last one is +Inf. */
static const uint64_t BUCKET_US[CDN_N_BUCKETS] = {100, 250, 500, 1000, 2500, 5000, 10000, 25000,
                                                 100000, 500000, 2500000, UINT64_MAX};

static int status_slot(unsigned status) {
    for (int i = 0; i < CDN_N_STATUS - 1; i++)
        if (STATUSES[i] == status) return i;
    return CDN_N_STATUS - 1;
}

void cdn_metrics_observe(cdn_metrics *m, int route, unsigned status, uint64_t us) {
    atomic_fetch_add_explicit(&m->requests[route][status_slot(status)], 1, memory_order_relaxed);
    int b = 0;
    while (us > BUCKET_US[b]) b++;
    atomic_fetch_add_explicit(&m->buckets[route][b], 1, memory_order_relaxed);
    atomic_fetch_add_explicit(&m->sum_us[route], us, memory_order_relaxed);
    atomic_fetch_add_explicit(&m->count[route], 1, memory_order_relaxed);
}

static void sbf(cdn_sb *sb, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void sbf(cdn_sb *sb, const char *fmt, ...) {
    char line[512];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(line, sizeof line, fmt, ap);
    va_end(ap);
    if (n > 0) cdn_sb_add(sb, line, (size_t)n < sizeof line ? (size_t)n : sizeof line - 1);
}

static void write_requests(cdn_sb *sb, cdn_metrics *m) {
    cdn_sb_puts(sb, "# HELP cordon_requests_total HTTP requests answered, by route and status.\n"
                    "# TYPE cordon_requests_total counter\n");
    for (int r = 0; r < CDN_N_ROUTES; r++)
        for (int s = 0; s < CDN_N_STATUS; s++) {
            unsigned long v = atomic_load_explicit(&m->requests[r][s], memory_order_relaxed);
            if (v)
                sbf(sb, "cordon_requests_total{route=\"%s\",status=\"%u\"} %lu\n", ROUTE_NAMES[r],
                    STATUSES[s], v);
        }
}

static void write_durations(cdn_sb *sb, cdn_metrics *m) {
    cdn_sb_puts(sb, "# HELP cordon_request_duration_seconds Time from request headers to reply.\n"
                    "# TYPE cordon_request_duration_seconds histogram\n");
    for (int r = 0; r < CDN_N_ROUTES; r++) {
        unsigned long count = atomic_load_explicit(&m->count[r], memory_order_relaxed);
        if (!count) continue;
        unsigned long cum = 0;
        for (int b = 0; b < CDN_N_BUCKETS; b++) {
            cum += atomic_load_explicit(&m->buckets[r][b], memory_order_relaxed);
            if (b == CDN_N_BUCKETS - 1)
                sbf(sb, "cordon_request_duration_seconds_bucket{route=\"%s\",le=\"+Inf\"} %lu\n",
                    ROUTE_NAMES[r], cum);
            else
                sbf(sb, "cordon_request_duration_seconds_bucket{route=\"%s\",le=\"%g\"} %lu\n",
                    ROUTE_NAMES[r], (double)BUCKET_US[b] / 1e6, cum);
        }
        sbf(sb, "cordon_request_duration_seconds_sum{route=\"%s\"} %.6f\n", ROUTE_NAMES[r],
            (double)atomic_load_explicit(&m->sum_us[r], memory_order_relaxed) / 1e6);
        sbf(sb, "cordon_request_duration_seconds_count{route=\"%s\"} %lu\n", ROUTE_NAMES[r], cum);
    }
}

/* Label values must escape backslash, quote and newline. */
static void label_value(cdn_sb *sb, const char *v) {
    for (; *v; v++) {
        if (*v == '\\' || *v == '"') cdn_sb_add(sb, "\\", 1);
        if (*v == '\n') cdn_sb_add(sb, "\\n", 2);
        else cdn_sb_add(sb, v, 1);
    }
}

static void write_index(cdn_sb *sb, cdn_server *srv) {
    cdn_gen *g = cdn_server_acquire(srv);
    cdn_sb_puts(sb, "# HELP cordon_index_loaded 1 when an index is loaded.\n"
                    "# TYPE cordon_index_loaded gauge\n");
    sbf(sb, "cordon_index_loaded %d\n", g != NULL);
    if (g) {
        cdn_sb_puts(sb, "# HELP cordon_index_info The loaded index.\n"
                        "# TYPE cordon_index_info gauge\ncordon_index_info{built_at=\"");
        label_value(sb, g->built_at);
        sbf(sb, "\",format_version=\"%ld\"} 1\n", g->format_version);
        cdn_sb_puts(sb, "# HELP cordon_index_entities Entities in the loaded index.\n"
                        "# TYPE cordon_index_entities gauge\n");
        sbf(sb, "cordon_index_entities %zu\n", g->entities);
        cdn_gen_unref(g);
    }
    cdn_sb_puts(sb, "# HELP cordon_index_reloads_total Index reloads (SIGHUP), by outcome.\n"
                    "# TYPE cordon_index_reloads_total counter\n");
    sbf(sb, "cordon_index_reloads_total{result=\"ok\"} %lu\n",
        atomic_load(&srv->metrics.reloads_ok));
    sbf(sb, "cordon_index_reloads_total{result=\"refused\"} %lu\n",
        atomic_load(&srv->metrics.reloads_failed));
}

char *cdn_metrics_text(cdn_server *srv, size_t *len) {
    cdn_sb sb = {0};
    write_requests(&sb, &srv->metrics);
    write_durations(&sb, &srv->metrics);
    write_index(&sb, srv);
    if (sb.failed) {
        cdn_sb_free(&sb);
        return NULL;
    }
    *len = sb.len;
    return sb.p;
}
