/* serve.c — `cordon serve`: options, start-up, SIGHUP reloads and a clean shutdown on SIGINT/SIGTERM.
 * Invariant: signals are taken by one sigwait thread only, so no handler ever runs async-unsafe code. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "server/server.h"
#include "server/srv.h"

static const char USAGE[] =
    "usage: cordon serve [--index FILE] [--listen HOST:PORT] [--threads N] [--timeout SECONDS]\n"
    "                    [--quiet]\n"
    "  --index FILE      the index to serve (default: the default index path)\n"
    "  --listen ADDR     address and port (default 127.0.0.1:8080; [::1]:8080 for IPv6)\n"
    "  --threads N       worker threads (default: the number of CPUs)\n"
    "  --timeout S       close connections idle for S seconds (default 10)\n"
    "  --quiet           no per-request log lines on stderr\n"
    "Endpoints:\n"
    "  POST /v1/screen          {\"name\":…, \"type\", \"dob\", \"country\", \"identifiers\":[…],\n"
    "                           \"threshold\", \"limit\"} -> {\"matches\":[…], \"query\", \"index\"}\n"
    "                           (+ \"unread_words\":N if words in a script nothing reads were skipped)\n"
    "  POST /v1/screen/batch    {\"records\":[{\"id\":…, \"name\":…, …}, … up to 1000]}\n"
    "  GET  /v1/entities/ID     one entity record;  GET /v1/lists  the loaded lists\n"
    "  POST /match/DATASET      yente-compatible; DATASET is default or a list name (ofac, un …);\n"
    "                           ?threshold= (default 0.80) sets \"match\", ?cutoff= (default 0.50)\n"
    "                           is the floor of results returned, ?limit= (default 5, at most 100)\n"
    "  GET  /healthz /readyz /metrics (Prometheus), and the web page at /\n"
    "Request bodies are JSON, at most 1 MB. One log line per request goes to stderr.\n"
    "Signals: SIGHUP reloads the index from the same path (a bad file is refused and the old\n"
    "index kept); SIGINT/SIGTERM stop the server.\n";

typedef struct options {
    const char *index;
    const char *listen;
    long threads;
    long timeout;
    int quiet;
} options;

static int parse_count(const char *s, long lo, long hi, long *out) {
    char *end;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (!*s || *end || errno || v < lo || v > hi) return -1;
    *out = v;
    return 0;
}

/* Returns 0, 1 for --help, or -1 on a usage error (already reported). */
static int parse_options(int argc, char **argv, options *o) {
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (!strcmp(a, "-h") || !strcmp(a, "--help")) return 1;
        if (!strcmp(a, "--quiet") || !strcmp(a, "-q")) {
            o->quiet = 1;
            continue;
        }
        int ok = v != NULL;
        if (ok && !strcmp(a, "--index")) o->index = v;
        else if (ok && !strcmp(a, "--listen")) o->listen = v;
        else if (ok && !strcmp(a, "--threads")) ok = parse_count(v, 1, 256, &o->threads) == 0;
        else if (ok && !strcmp(a, "--timeout")) ok = parse_count(v, 1, 3600, &o->timeout) == 0;
        else ok = 0;
        if (!ok) {
            fprintf(stderr, "cordon serve: bad option '%s'%s%s (see: cordon serve --help)\n", a,
                    v ? " " : "", v ? v : "");
            return -1;
        }
        i++;
    }
    return 0;
}

static void load_first_index(cdn_server *srv) {
    char err[1024];
    if (cdn_server_reload(srv, err, sizeof err) == 0)
        cdn_log("cordon serve: index %s loaded (%zu entities, built %s)", srv->index_path,
                srv->gen->entities, srv->gen->built_at);
    else
        cdn_log("cordon serve: no index loaded, /readyz says 503 until SIGHUP loads one: %s", err);
}

/* Waits for signals until SIGINT or SIGTERM. */
static void signal_loop(cdn_server *srv, const sigset_t *set) {
    for (;;) {
        int sig = 0;
        if (sigwait(set, &sig) != 0) continue;
        if (sig != SIGHUP) {
            cdn_log("cordon serve: %s, stopping", sig == SIGINT ? "SIGINT" : "SIGTERM");
            return;
        }
        char err[1024];
        uint64_t t0 = cdn_now_us();
        if (cdn_server_reload(srv, err, sizeof err) == 0) {
            cdn_gen *g = cdn_server_acquire(srv);
            cdn_log("cordon serve: SIGHUP: reloaded %s in %llu ms (%zu entities, built %s)",
                    srv->index_path, (unsigned long long)(cdn_now_us() - t0) / 1000,
                    g ? g->entities : 0, g ? g->built_at : "?");
            cdn_gen_unref(g);
        } else {
            cdn_log("cordon serve: SIGHUP: new index refused, keeping the old one: %s", err);
        }
    }
}

static int run(cdn_server *srv, const char *listen) {
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGHUP);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGTERM);
    /* Blocked before MHD starts its threads, so they inherit the mask and only sigwait sees them. */
    pthread_sigmask(SIG_BLOCK, &set, NULL);
    signal(SIGPIPE, SIG_IGN);
    load_first_index(srv);
    char err[256];
    cdn_http *h = cdn_http_start(srv, listen, err, sizeof err);
    if (!h) {
        fprintf(stderr, "cordon serve: %s\n", err);
        return 1;
    }
    cdn_log("cordon serve: listening on http://%s/ with %u threads (cordon %s, pid %ld)", listen,
            srv->threads, cordon_version(), (long)getpid());
    signal_loop(srv, &set);
    cdn_http_stop(h);
    return 0;
}

int cdn_serve_main(int argc, char **argv) {
    options o = {NULL, "127.0.0.1:8080", 0, 10, 0};
    int p = parse_options(argc, argv, &o);
    if (p != 0) {
        if (p > 0) fputs(USAGE, stdout);
        return p > 0 ? 0 : 2;
    }
    long cpus = sysconf(_SC_NPROCESSORS_ONLN);
    cdn_server srv;
    memset(&srv, 0, sizeof srv);
    srv.threads = (unsigned)(o.threads ? o.threads : cpus > 0 ? (cpus > 64 ? 64 : cpus) : 2);
    srv.timeout_s = (unsigned)o.timeout;
    srv.quiet = o.quiet;
    srv.index_path = o.index ? strdup(o.index) : cordon_default_index_path();
    if (!srv.index_path) {
        fprintf(stderr, "cordon serve: no --index given and no default index path ($HOME unset)\n");
        return 2;
    }
    pthread_mutex_init(&srv.gen_lock, NULL);
    int rc = run(&srv, o.listen);
    cdn_server_drop_gen(&srv);
    pthread_mutex_destroy(&srv.gen_lock);
    if (o.index) free(srv.index_path);
    else cordon_free(srv.index_path);
    return rc;
}
