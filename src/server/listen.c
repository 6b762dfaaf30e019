/* listen.c — the listening socket of `cordon serve`: one acceptor thread hands each connection to
 * the worker (http.c) holding the fewest. Invariant: a worker owns its connections to the end. */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "server/srv.h"

#define CONNECTION_LIMIT 4096u   /* open connections in all, shared out among the workers */
#define LISTEN_BACKLOG 1024

/* libmicrohttpd's own thread pool lets its workers race for accept(), each taking up to ten
 * connections at a time: under wrk's 32 keep-alive connections one of two threads often did five
 * times the other's work, and with eight threads four had no connection at all, so requests
 * queued behind one busy thread while a core idled. Counting live connections per worker and
 * giving each new one to the least loaded keeps the queues even. */
typedef struct worker {
    struct MHD_Daemon *d;
    atomic_long conns;           /* handed to it and not yet closed */
} worker;

struct cdn_http {
    int listen_fd;
    int wake[2];                 /* a pipe: the stop request for the acceptor */
    pthread_t acceptor;
    int acceptor_running;
    unsigned next;               /* where the search for the least loaded worker starts */
    unsigned n_workers;
    worker workers[];
};

/* "127.0.0.1:8080", "[::1]:8080", ":8080" (loopback), "8080". */
static int parse_listen(const char *listen, struct sockaddr_storage *ss, int *v6) {
    char host[128] = "127.0.0.1";
    const char *colon = strrchr(listen, ':');
    const char *port_s = colon ? colon + 1 : listen;
    if (colon) {
        size_t n = (size_t)(colon - listen);
        if (n >= sizeof host) return -1;
        if (n) {
            memcpy(host, listen, n);
            host[n] = '\0';
        }
    }
    if (host[0] == '[') {
        size_t n = strlen(host);
        if (host[n - 1] != ']') return -1;
        memmove(host, host + 1, n - 2);
        host[n - 2] = '\0';
    }
    char *end;
    unsigned long port = strtoul(port_s, &end, 10);
    if (!*port_s || *end || port > 65535) return -1;
    memset(ss, 0, sizeof *ss);
    struct sockaddr_in *a4 = (struct sockaddr_in *)ss;
    struct sockaddr_in6 *a6 = (struct sockaddr_in6 *)ss;
    if (inet_pton(AF_INET, host, &a4->sin_addr) == 1) {
        a4->sin_family = AF_INET;
        a4->sin_port = htons((uint16_t)port);
        *v6 = 0;
        return 0;
    }
    if (inet_pton(AF_INET6, host, &a6->sin6_addr) == 1) {
        a6->sin6_family = AF_INET6;
        a6->sin6_port = htons((uint16_t)port);
        *v6 = 1;
        return 0;
    }
    return -1;
}

/* A bound, listening, non-blocking socket, or -1. An IPv6 one takes only IPv6, as libmicrohttpd's
 * did. */
static int open_listener(const struct sockaddr_storage *ss, int v6) {
    int fd = socket(v6 ? AF_INET6 : AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (fd < 0) return -1;
    int one = 1;
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    if (v6) setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &one, sizeof one);
    socklen_t len = v6 ? sizeof(struct sockaddr_in6) : sizeof(struct sockaddr_in);
    if (bind(fd, (const struct sockaddr *)ss, len) != 0 || listen(fd, LISTEN_BACKLOG) != 0) {
        close(fd);
        return -1;
    }
    return fd;
}

/* libmicrohttpd tells each worker when one of its connections closes. */
static void on_connection(void *cls, struct MHD_Connection *c, void **socket_context,
                          enum MHD_ConnectionNotificationCode code) {
    (void)c, (void)socket_context;
    worker *w = cls;
    if (code == MHD_CONNECTION_NOTIFY_CLOSED)
        atomic_fetch_sub_explicit(&w->conns, 1, memory_order_relaxed);
}

/* The worker with the fewest connections; ties go round in turn, so an idle server spreads too. */
static worker *least_loaded(cdn_http *h) {
    worker *best = NULL;
    long best_n = 0;
    for (unsigned i = 0; i < h->n_workers; i++) {
        worker *w = &h->workers[(h->next + i) % h->n_workers];
        long n = atomic_load_explicit(&w->conns, memory_order_relaxed);
        if (!best || n < best_n) {
            best = w;
            best_n = n;
        }
    }
    h->next = (h->next + 1) % h->n_workers;
    return best;
}

/* Accepts what is waiting. Out of descriptors, it pauses rather than spin on the ready socket. */
static void accept_waiting(cdn_http *h) {
    for (;;) {
        struct sockaddr_storage ss;
        socklen_t len = sizeof ss;
        int fd = accept4(h->listen_fd, (struct sockaddr *)&ss, &len, SOCK_NONBLOCK | SOCK_CLOEXEC);
        if (fd < 0) {
            if (errno == EINTR || errno == ECONNABORTED) continue;
            if (errno == EMFILE || errno == ENFILE || errno == ENOBUFS || errno == ENOMEM) {
                cdn_log("cordon serve: cannot accept a connection: %s", strerror(errno));
                usleep(100 * 1000);
            }
            return;
        }
        worker *w = least_loaded(h);
        atomic_fetch_add_explicit(&w->conns, 1, memory_order_relaxed);
        /* On failure the socket is closed and no close notice follows: take the count back. (A
         * connection the worker fails to set up later may leave it one high: only the balance
         * suffers.) */
        if (MHD_add_connection(w->d, fd, (struct sockaddr *)&ss, len) != MHD_YES)
            atomic_fetch_sub_explicit(&w->conns, 1, memory_order_relaxed);
    }
}

static void *accept_loop(void *arg) {
    cdn_http *h = arg;
    struct pollfd p[2] = {{h->listen_fd, POLLIN, 0}, {h->wake[0], POLLIN, 0}};
    for (;;) {
        if (poll(p, 2, -1) < 0 && errno != EINTR) return NULL;
        if (p[1].revents) return NULL;
        if (p[0].revents) accept_waiting(h);
    }
}

void cdn_http_stop(cdn_http *h) {
    if (!h) return;
    if (h->acceptor_running) {
        ssize_t w = write(h->wake[1], "x", 1);
        (void)w;
        pthread_join(h->acceptor, NULL);
    }
    for (unsigned i = 0; i < h->n_workers; i++)
        if (h->workers[i].d) MHD_stop_daemon(h->workers[i].d);
    if (h->listen_fd >= 0) close(h->listen_fd);
    if (h->wake[0] >= 0) close(h->wake[0]);
    if (h->wake[1] >= 0) close(h->wake[1]);
    free(h);
}

cdn_http *cdn_http_start(cdn_server *srv, const char *listen, char *err, size_t errlen) {
    struct sockaddr_storage ss;
    int v6 = 0;
    if (parse_listen(listen, &ss, &v6) != 0) {
        snprintf(err, errlen, "bad --listen address '%s' (want HOST:PORT, e.g. 127.0.0.1:8080)",
                 listen);
        return NULL;
    }
    unsigned n = srv->threads ? srv->threads : 1;
    cdn_http *h = calloc(1, sizeof *h + n * sizeof h->workers[0]);
    if (!h) {
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    h->listen_fd = h->wake[0] = h->wake[1] = -1;
    if ((h->listen_fd = open_listener(&ss, v6)) < 0) {
        snprintf(err, errlen, "cannot listen on %s (address in use or not permitted)", listen);
        cdn_http_stop(h);
        return NULL;
    }
    unsigned per_worker = (CONNECTION_LIMIT + n - 1) / n;
    for (h->n_workers = 0; h->n_workers < n; h->n_workers++) {
        worker *w = &h->workers[h->n_workers];
        atomic_init(&w->conns, 0);
        if (!(w->d = cdn_http_worker(srv, per_worker, on_connection, w))) {
            snprintf(err, errlen, "cannot start the HTTP worker threads");
            cdn_http_stop(h);
            return NULL;
        }
    }
    if (pipe2(h->wake, O_CLOEXEC) != 0 || pthread_create(&h->acceptor, NULL, accept_loop, h) != 0) {
        snprintf(err, errlen, "cannot start the accepting thread");
        cdn_http_stop(h);
        return NULL;
    }
    h->acceptor_running = 1;
    return h;
}
