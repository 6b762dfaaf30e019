/* ab_screen.c — two builds of libcordon in one process, screening the eval queries in alternating
 * chunks (bench_ab.sh builds it): the machine's drift falls on both alike, so small gains show.
 * Compiled three times: -DAB_SIDE=1 and -DAB_SIDE=2 (B's library has every symbol prefixed b_), -DAB_MAIN. */
#if defined(AB_SIDE) && AB_SIDE == 2   /* the library whose symbols bench_ab.sh prefixed: renamed */
#define cordon_index_open b_cordon_index_open      /* before cordon.h declares them */
#define cordon_index_close b_cordon_index_close
#define cordon_screener_open b_cordon_screener_open
#define cordon_screener_close b_cordon_screener_close
#define cordon_screen b_cordon_screen
#define cordon_result_free b_cordon_result_free
#define SIDE(f) side_b_##f
#else
#define SIDE(f) side_a_##f
#endif
#include "cordon.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

typedef struct ab_query { char *name, *dob, *country; cordon_kind kind; } ab_query;

#if defined(AB_SIDE)

static double now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static cordon_index *ix;
static cordon_screener *scr;

int SIDE(open)(const char *path) {
    if (cordon_index_open(path, &ix) != CORDON_OK) return -1;
    return cordon_screener_open(ix, &scr) == CORDON_OK ? 0 : -1;
}

void SIDE(close)(void) {
    cordon_screener_close(scr);
    cordon_index_close(ix);
}

/* Screens q[from .. to) as bench_eval's batch does; the seconds it took. */
double SIDE(screen)(const ab_query *q, size_t from, size_t to) {
    double t0 = now();
    for (size_t i = from; i < to; i++) {
        cordon_query cq = CORDON_QUERY_INIT;
        cq.name = q[i].name; cq.dob = q[i].dob; cq.country = q[i].country; cq.kind = q[i].kind;
        cq.limit = 50;
        cordon_result *r = NULL;
        if (cordon_screen(scr, &cq, &r) == CORDON_OK) cordon_result_free(r);
    }
    return now() - t0;
}

#elif defined(AB_MAIN)

int side_a_open(const char *path), side_b_open(const char *path);
void side_a_close(void), side_b_close(void);
double side_a_screen(const ab_query *q, size_t from, size_t to), side_b_screen(const ab_query *q, size_t from, size_t to);

#define CHUNK 256             /* queries a side screens before the other takes its turn */

/* The next CSV field of *p (RFC 4180 quotes), NUL-ended in place; *p past it, NULL at the line's end. */
static char *field(char **p) {
    char *s = *p, *o = s;
    if (!s) return NULL;
    if (*s == '"') {
        char *w = o;
        for (s++; *s; s++) {
            if (*s != '"') { *w++ = *s; continue; }
            if (s[1] != '"') { s++; break; }
            *w++ = '"'; s++;
        }
        *w = 0;
        *p = *s == ',' ? s + 1 : NULL;
        return o;
    }
    char *e = strpbrk(s, ",\r\n");
    *p = e && *e == ',' ? e + 1 : NULL;
    if (e) *e = 0;
    return o;
}

/* Appends the queries of one eval CSV (id,name,type,dob,country,…) to q. */
static size_t load(const char *path, ab_query **q, size_t n, size_t *cap) {
    FILE *f = fopen(path, "r");
    if (!f) { perror(path); exit(1); }
    char line[8192];
    if (!fgets(line, sizeof line, f)) { fclose(f); return n; }     /* the header */
    while (fgets(line, sizeof line, f)) {
        if (n == *cap && !(*q = realloc(*q, (*cap = *cap ? 2 * *cap : 4096) * sizeof **q))) exit(1);
        char *p = line, *name, *type, *dob, *country;
        field(&p);
        name = field(&p); type = field(&p); dob = field(&p); country = field(&p);
        if (!name || !*name) continue;
        ab_query *x = &(*q)[n++];
        x->name = strdup(name);
        x->dob = dob && *dob ? strdup(dob) : NULL;
        x->country = country && *country ? strdup(country) : NULL;
        if (!type || !*type || cordon_kind_parse(type, &x->kind) != CORDON_OK) x->kind = CORDON_KIND_ANY;
    }
    fclose(f);
    return n;
}

int main(int argc, char **argv) {
    if (argc < 4) {
        fprintf(stderr, "usage: ab_screen INDEX ROUNDS QUERIES.csv...\n");
        return 2;
    }
    int rounds = atoi(argv[2]);
    ab_query *q = NULL;
    size_t n = 0, cap = 0;
    for (int i = 3; i < argc; i++) n = load(argv[i], &q, n, &cap);
    /* One pass each first: ICU compiles its rules once a process, for both sides. */
    if (side_a_open(argv[1]) || side_b_open(argv[1])) { fprintf(stderr, "ab_screen: cannot open %s\n", argv[1]); return 1; }
    side_a_screen(q, 0, n); side_b_screen(q, 0, n);
    side_a_close(); side_b_close();
    printf("%-8s %12s %12s %10s\n", "round", "A queries/s", "B queries/s", "A/B time");
    double total_a = 0, total_b = 0;
    for (int r = 0; r < rounds; r++) {
        /* Each round on indexes opened afresh (no lookups kept from the last); who goes first in a
         * chunk alternates. */
        if (side_a_open(argv[1]) || side_b_open(argv[1])) return 1;
        double a = 0, b = 0;
        for (size_t from = 0; from < n; from += CHUNK) {
            size_t to = from + CHUNK < n ? from + CHUNK : n;
            if ((from / CHUNK + (size_t)r) & 1) { b += side_b_screen(q, from, to); a += side_a_screen(q, from, to); }
            else { a += side_a_screen(q, from, to); b += side_b_screen(q, from, to); }
        }
        side_a_close(); side_b_close();
        total_a += a; total_b += b;
        printf("%-8d %12.0f %12.0f %10.3f\n", r + 1, (double)n / a, (double)n / b, a / b);
    }
    printf("%-8s %12.0f %12.0f %10.3f   (%zu queries; B is faster where A/B > 1)\n", "all", rounds * (double)n / total_a,
           rounds * (double)n / total_b, total_a / total_b, n);
    return 0;
}

#endif
