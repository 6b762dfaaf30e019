/* bench_eval.c — the quality and speed benchmark on the labelled sets in $CORDON_EVAL: recall, alert
 * rate and the threshold curve per set, pair precision/recall/F1, µs per query (index vs exhaustive).
 * Keep true: public API only; seeded sampling; every query is run once per index (curve offline). */
#include "cordon.h"

#include <errno.h>
#include <math.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define N_CURVE 8          /* thresholds 0.60, 0.65 … 0.95 */
#define TOP_KEPT 3         /* candidates kept per query for --dump-misses */
#define EXHAUSTIVE_SAMPLE 500
#define BATCH_RUNS 3               /* batches timed; their median is reported */
#define SEED 20240503u

static double now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* The calling thread's CPU time: unlike the wall clock, it does not count the time other processes
 * on a shared machine take the core, so before/after figures compare even when the load varies.
 * It is a system call (0.6 µs here, against 28 ns for the wall clock): the wall time of a query is
 * taken inside it, and the batch takes neither. */
static double cpu_now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static double curve_threshold(int i) { return 0.60 + 0.05 * i; }

static uint32_t rng_state = SEED;
static uint32_t rng_next(void) {   /* xorshift32: the same sample on every run */
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 17;
    rng_state ^= rng_state << 5;
    return rng_state;
}

static void die(const char *what, const char *detail) {
    fprintf(stderr, "bench_eval: %s%s%s\n", what, detail ? ": " : "", detail ? detail : "");
    exit(1);
}

/* ---- A small CSV reader (RFC 4180) over a whole file ------------------------------------- */

typedef struct table {
    char ***rows;          /* rows[i][j], NUL-ended fields */
    size_t *n_fields;
    size_t n;
    char *data;
} table;

static char *read_all(const char *path, size_t *len) {
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    fseek(f, 0, SEEK_END);
    long size = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *buf = size >= 0 ? malloc((size_t)size + 1) : NULL;
    if (buf && fread(buf, 1, (size_t)size, f) != (size_t)size) { free(buf); buf = NULL; }
    fclose(f);
    if (buf) { buf[size] = 0; *len = (size_t)size; }
    return buf;
}

static void push_field(table *t, char *field) {
    size_t r = t->n - 1, k = t->n_fields[r]++;
    t->rows[r] = realloc(t->rows[r], (k + 1) * sizeof(char *));
    if (!t->rows[r]) die("out of memory", NULL);
    t->rows[r][k] = field;
}

static void push_row(table *t) {
    t->rows = realloc(t->rows, (t->n + 1) * sizeof *t->rows);
    t->n_fields = realloc(t->n_fields, (t->n + 1) * sizeof *t->n_fields);
    if (!t->rows || !t->n_fields) die("out of memory", NULL);
    t->rows[t->n] = NULL;
    t->n_fields[t->n++] = 0;
}

/* Decodes fields in place (unquoting shrinks them). */
static int load_csv(const char *path, table *t) {
    size_t len;
    memset(t, 0, sizeof *t);
    char *s = t->data = read_all(path, &len);
    if (!s) return -1;
    size_t i = 0;
    while (i < len) {
        push_row(t);
        for (;;) {   /* one field */
            char *out = s + i, *start = out;
            if (s[i] == '"') {
                i++;
                while (i < len) {
                    if (s[i] == '"' && s[i + 1] == '"') { *out++ = '"'; i += 2; }
                    else if (s[i] == '"') { i++; break; }
                    else *out++ = s[i++];
                }
                while (i < len && s[i] != ',' && s[i] != '\n' && s[i] != '\r') i++;
            } else {
                while (i < len && s[i] != ',' && s[i] != '\n' && s[i] != '\r') *out++ = s[i++];
            }
            char end = i < len ? s[i] : '\n';
            *out = 0;
            push_field(t, start);
            i++;
            if (end == ',') continue;
            if (end == '\r' && i < len && s[i] == '\n') i++;
            break;
        }
    }
    return 0;
}

static void free_table(table *t) {
    for (size_t i = 0; i < t->n; i++) free(t->rows[i]);
    free(t->rows);
    free(t->n_fields);
    free(t->data);
}

static long col(const table *t, const char *name) {
    for (size_t j = 0; t->n && j < t->n_fields[0]; j++)
        if (strcasecmp(t->rows[0][j], name) == 0) return (long)j;
    return -1;
}

static const char *cell(const table *t, size_t r, long c) {
    return c >= 0 && (size_t)c < t->n_fields[r] ? t->rows[r][c] : "";
}

/* ---- Queries ----------------------------------------------------------------------------- */

typedef struct cand { char *id, *name; double score; } cand;

typedef struct outcome {
    double expected;       /* best score of an expected id among the results, -1 if none */
    double top;            /* best score of any result, -1 if none */
    double top_other;      /* best score of a result that is not expected */
    size_t n_top;
    cand tops[TOP_KEPT];
} outcome;

typedef struct query {
    const char *id, *name, *dob, *country;
    cordon_kind kind;
    const char *idents[8];
    size_t n_idents;
    char *expected;        /* ";"-joined, as in the file */
} query;

typedef struct qset {
    const char *file, *label;
    int positive;
    table t;
    query *q;
    size_t n;
} qset;

static size_t split_idents(char *s, const char **out, size_t max) {
    size_t n = 0;
    for (char *tok = strtok(s, ";"); tok && n < max; tok = strtok(NULL, ";")) {
        while (*tok == ' ') tok++;
        if (*tok) out[n++] = tok;
    }
    return n;
}

static void load_queries(const char *dir, qset *qs, size_t limit) {
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, qs->file);
    if (load_csv(path, &qs->t) || qs->t.n < 2) die("cannot read", path);
    table *t = &qs->t;
    long c_id = col(t, "id"), c_name = col(t, "name"), c_type = col(t, "type"), c_dob = col(t, "dob"),
         c_country = col(t, "country"), c_ids = col(t, "identifiers"), c_exp = col(t, "expected");
    if (c_name < 0 || c_exp < 0) die("no name or expected column in", path);
    size_t n = t->n - 1;
    if (limit && n > limit) n = limit;
    qs->q = calloc(n, sizeof *qs->q);
    for (size_t r = 1; r <= n; r++) {
        query *q = &qs->q[qs->n];
        if (!*cell(t, r, c_name)) continue;
        q->id = cell(t, r, c_id);
        q->name = cell(t, r, c_name);
        q->dob = *cell(t, r, c_dob) ? cell(t, r, c_dob) : NULL;
        q->country = *cell(t, r, c_country) ? cell(t, r, c_country) : NULL;
        if (*cell(t, r, c_type) && cordon_kind_parse(cell(t, r, c_type), &q->kind) != CORDON_OK)
            q->kind = CORDON_KIND_ANY;
        if (c_ids >= 0 && (size_t)c_ids < t->n_fields[r])
            q->n_idents = split_idents(t->rows[r][c_ids], q->idents, 8);
        q->expected = (char *)cell(t, r, c_exp);
        qs->n++;
    }
}

static int is_expected(const query *q, const char *entity) {
    size_t len = strlen(entity);
    for (const char *p = q->expected; (p = strstr(p, entity)); p += len)
        if ((p == q->expected || p[-1] == ';') && (p[len] == 0 || p[len] == ';')) return 1;
    return 0;
}

static void fill_query(const query *src, cordon_query *q) {
    q->name = src->name;
    q->kind = src->kind;
    q->dob = src->dob;
    q->country = src->country;
    q->identifiers = src->idents;
    q->n_identifiers = src->n_idents;
}

static void record(const query *q, const cordon_result *r, outcome *o) {
    o->expected = o->top = o->top_other = -1;
    o->n_top = 0;
    for (size_t i = 0; i < r->n_matches; i++) {
        const cordon_match *m = &r->matches[i];
        if (m->score > o->top) o->top = m->score;
        if (is_expected(q, m->entity_id)) { if (m->score > o->expected) o->expected = m->score; }
        else if (m->score > o->top_other) o->top_other = m->score;
        if (o->n_top < TOP_KEPT) {
            cand *c = &o->tops[o->n_top++];
            c->id = strdup(m->entity_id);
            c->name = strdup(m->matched_name ? m->matched_name : "");
            c->score = m->score;
        }
    }
}

static void free_outcomes(outcome *o, size_t n) {
    for (size_t i = 0; i < n; i++)
        for (size_t k = 0; k < o[i].n_top; k++) { free(o[i].tops[k].id); free(o[i].tops[k].name); }
    free(o);
}

/* Runs every query of a set once (threshold 0, limit 50) and keeps the outcomes; µs in *us. */
static outcome *run_set(cordon_screener *s, const qset *qs, double *us, size_t *errors) {
    outcome *out = calloc(qs->n, sizeof *out);
    for (size_t i = 0; i < qs->n; i++) {
        cordon_query q = CORDON_QUERY_INIT;
        fill_query(&qs->q[i], &q);
        q.threshold = 0;
        q.limit = 50;
        cordon_result *r = NULL;
        double t0 = now();
        cordon_rc rc = cordon_screen(s, &q, &r);
        if (us) us[i] = (now() - t0) * 1e6;
        if (rc != CORDON_OK) {
            if ((*errors)++ < 5) fprintf(stderr, "bench_eval: %s %s: %s\n", qs->file, qs->q[i].id, cordon_screener_errmsg(s));
            out[i].expected = out[i].top = out[i].top_other = -1;
            continue;
        }
        record(&qs->q[i], r, &out[i]);
        cordon_result_free(r);
    }
    return out;
}

/* ---- Statistics ------------------------------------------------------------------------- */

static int cmp_double(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static double percentile(double *v, size_t n, double p) {
    if (!n) return 0;
    qsort(v, n, sizeof *v, cmp_double);
    size_t k = (size_t)ceil(p * (double)n) - 1;
    return v[k < n ? k : n - 1];
}

/* Recall (positives) or alert rate (negatives) at threshold th. */
static double rate_at(const qset *qs, const outcome *o, double th) {
    size_t hit = 0;
    for (size_t i = 0; i < qs->n; i++) hit += qs->positive ? o[i].expected >= th : o[i].top >= th;
    return qs->n ? (double)hit / (double)qs->n : 0;
}

/* ---- Index builds (in a child, so the builder's memory does not count in our RSS) -------- */

typedef struct index_spec { const char *label; const char *paths[4]; char file[4200]; double secs; size_t entities; } index_spec;

static void build_one(index_spec *ix) {
    cordon_builder *b;
    if (cordon_builder_open(&b) != CORDON_OK) die("builder_open failed", NULL);
    for (int i = 0; ix->paths[i]; i++) {
        cordon_source_report rep;
        if (cordon_builder_add(b, ix->paths[i], NULL, &rep) != CORDON_OK) die(ix->paths[i], cordon_builder_errmsg(b));
    }
    if (cordon_builder_write(b, ix->file) != CORDON_OK) die(ix->file, cordon_builder_errmsg(b));
    cordon_builder_close(b);
}

static long build_all(index_spec *ix, int n) {
    int fds[2];
    if (pipe(fds)) die("pipe", strerror(errno));
    pid_t pid = fork();
    if (pid == 0) {
        close(fds[0]);
        for (int i = 0; i < n; i++) {
            double t0 = now();
            build_one(&ix[i]);
            double secs = now() - t0;
            if (write(fds[1], &secs, sizeof secs) != sizeof secs) _exit(1);
        }
        _exit(0);
    }
    close(fds[1]);
    for (int i = 0; i < n; i++)
        if (read(fds[0], &ix[i].secs, sizeof ix[i].secs) != sizeof ix[i].secs) die("an index build failed", ix[i].label);
    close(fds[0]);
    int status;
    struct rusage ru;
    if (wait4(pid, &status, 0, &ru) < 0 || !WIFEXITED(status) || WEXITSTATUS(status)) die("index build child failed", NULL);
    return ru.ru_maxrss;
}

/* ---- Reports ---------------------------------------------------------------------------- */

typedef struct run { const qset *qs; const index_spec *ix; outcome *o; } run;

static void print_quality(const run *runs, int n) {
    printf("\n== Quality at the default threshold %.2f (recall: expected id among the alerts;\n"
           "   alert rate: negatives with any alert)\n", CORDON_DEFAULT_THRESHOLD);
    printf("%-34s %-9s %7s %8s %11s\n", "set", "index", "queries", "recall", "alert rate");
    for (int i = 0; i < n; i++) {
        double v = rate_at(runs[i].qs, runs[i].o, CORDON_DEFAULT_THRESHOLD);
        printf("%-34s %-9s %7zu ", runs[i].qs->label, runs[i].ix->label, runs[i].qs->n);
        if (runs[i].qs->positive) printf("%8.3f %11s\n", v, "-");
        else printf("%8s %11.4f\n", "-", v);
    }
    printf("\n== Curve (recall for positive sets, alert rate for negatives)\n%-9s", "threshold");
    for (int i = 0; i < n; i++) {
        char head[64];
        snprintf(head, sizeof head, "%.8s/%s", runs[i].qs->label, runs[i].ix->label);
        printf(" %13s", head);
    }
    putchar('\n');
    for (int k = 0; k < N_CURVE; k++) {
        printf("%-9.2f", curve_threshold(k));
        for (int i = 0; i < n; i++) printf(" %13.4f", rate_at(runs[i].qs, runs[i].o, curve_threshold(k)));
        putchar('\n');
    }
}

static void dump_misses(const char *path, const run *runs, int n) {
    FILE *f = fopen(path, "w");
    if (!f) die(path, strerror(errno));
    fprintf(f, "# misses (positives without their expected id among the alerts) and false alerts\n"
               "# (negatives with an alert) at threshold %.2f; top candidates at threshold 0\n",
            CORDON_DEFAULT_THRESHOLD);
    for (int i = 0; i < n; i++) {
        const qset *qs = runs[i].qs;
        for (size_t j = 0; j < qs->n; j++) {
            const outcome *o = &runs[i].o[j];
            int miss = qs->positive ? o->expected < CORDON_DEFAULT_THRESHOLD : o->top >= CORDON_DEFAULT_THRESHOLD;
            if (!miss) continue;
            const query *q = &qs->q[j];
            fprintf(f, "%s\t%s\t%s\t%s\t%s", qs->positive ? "MISS" : "FALSE", runs[i].ix->label, q->id, q->name,
                    qs->positive ? q->expected : "-");
            if (qs->positive) {
                if (o->expected >= 0) fprintf(f, "\texpected_score=%.3f", o->expected);
                else fprintf(f, "\texpected_not_in_results");
            }
            for (size_t k = 0; k < o->n_top; k++)
                fprintf(f, "\t%s %.3f %s", o->tops[k].id, o->tops[k].score, o->tops[k].name);
            fputc('\n', f);
        }
    }
    fclose(f);
    printf("\nmisses and false alerts written to %s\n", path);
}

/* name_pairs.csv: our score vs the labels, beside the reference matcher's score. */
static void bench_pairs(const char *dir, cordon_screener *s) {
    char path[4096];
    snprintf(path, sizeof path, "%s/name_pairs.csv", dir);
    table t;
    if (load_csv(path, &t) || t.n < 2) die("cannot read", path);
    long c_schema = col(&t, "schema"), c1 = col(&t, "name1"), c2 = col(&t, "name2"), c_match = col(&t, "is_match"),
         c_ref = col(&t, "reference_score_logic_v2");
    size_t n = t.n - 1, errors = 0;
    double *ours = calloc(n, sizeof *ours), *ref = calloc(n, sizeof *ref);
    int *label = calloc(n, sizeof *label);
    double t0 = now();
    for (size_t i = 0; i < n; i++) {
        cordon_kind kind = CORDON_KIND_ANY;
        if (cordon_kind_parse(cell(&t, i + 1, c_schema), &kind) != CORDON_OK) kind = CORDON_KIND_ANY;
        if (cordon_compare(s, kind, cell(&t, i + 1, c1), cell(&t, i + 1, c2), &ours[i], NULL) != CORDON_OK) {
            errors++;
            ours[i] = 0;
        }
        ref[i] = atof(cell(&t, i + 1, c_ref));
        label[i] = strcmp(cell(&t, i + 1, c_match), "true") == 0;
    }
    double us = (now() - t0) * 1e6 / (double)(n ? n : 1);
    printf("\n== Name pairs (%zu labelled pairs, %.0f µs per compare, %zu errors)\n", n, us, errors);
    printf("%-26s %9s %9s %9s %9s\n", "matcher", "threshold", "precision", "recall", "F1");
    for (int pass = 0; pass < 2 + N_CURVE; pass++) {
        const double *score = pass == 1 ? ref : ours;
        double th = pass == 0 ? CORDON_DEFAULT_THRESHOLD : pass == 1 ? 0.70 : curve_threshold(pass - 2);
        size_t tp = 0, fp = 0, fn = 0;
        for (size_t i = 0; i < n; i++) {
            int said = score[i] >= th;
            tp += said && label[i];
            fp += said && !label[i];
            fn += !said && label[i];
        }
        double p = tp + fp ? (double)tp / (double)(tp + fp) : 0, r = tp + fn ? (double)tp / (double)(tp + fn) : 0;
        double f1 = p + r > 0 ? 2 * p * r / (p + r) : 0;
        printf("%-26s %9.2f %9.3f %9.3f %9.3f\n",
               pass == 0 ? "cordon (default)" : pass == 1 ? "reference logic-v2 (base)" : "cordon curve", th, p, r, f1);
    }
    free(ours);
    free(ref);
    free(label);
    free_table(&t);
}

/* ---- Speed ------------------------------------------------------------------------------ */

typedef struct timed { const query *q; double us, cpu_us; size_t n_alerts; char **alerts; } timed;

static void screen_timed(cordon_screener *s, timed *t, int exhaustive, int keep_alerts) {
    cordon_query q = CORDON_QUERY_INIT;
    fill_query(t->q, &q);
    q.exhaustive = exhaustive;
    q.limit = 50;
    cordon_result *r = NULL;
    double c0 = cpu_now(), t0 = now();
    cordon_rc rc = cordon_screen(s, &q, &r);
    t->us = (now() - t0) * 1e6;
    t->cpu_us = (cpu_now() - c0) * 1e6;
    if (rc != CORDON_OK) { t->n_alerts = 0; return; }
    t->n_alerts = r->n_matches;
    if (keep_alerts) {
        t->alerts = calloc(r->n_matches + 1, sizeof *t->alerts);
        for (size_t i = 0; i < r->n_matches; i++) t->alerts[i] = strdup(r->matches[i].entity_id);
    }
    cordon_result_free(r);
}

static void free_alerts(timed *t) {
    for (size_t i = 0; t->alerts && i < t->n_alerts; i++) free(t->alerts[i]);
    free(t->alerts);
    t->alerts = NULL;
}

static cordon_index *open_index(const index_spec *spec) {
    cordon_index *ix;
    if (cordon_index_open(spec->file, &ix) != CORDON_OK) die(spec->file, cordon_index_errmsg(ix));
    return ix;
}

/* The workers take the queries in chunks of BATCH_CHUNK from a shared counter, as `cordon batch`
 * hands its workers chunks of 64 rows: a thread that is through with its chunk takes the next, so
 * both finish together whatever the queries cost (fixed shares, one thread's halves of a run took
 * 354 and 408 ms). They screen t[order[0]], t[order[1]] … (order NULL: t's own order). */
#define BATCH_CHUNK 64
typedef struct worker_arg { const cordon_index *ix; timed *t; const size_t *order; size_t n; atomic_size_t *next; } worker_arg;

static void *batch_worker(void *p) {
    worker_arg *w = p;
    cordon_screener *s;
    if (cordon_screener_open(w->ix, &s) != CORDON_OK) return NULL;
    for (;;) {                                               /* as `cordon batch` screens: no clocks */
        size_t from = atomic_fetch_add(w->next, BATCH_CHUNK);
        if (from >= w->n) break;
        for (size_t i = from; i < w->n && i < from + BATCH_CHUNK; i++) {
            cordon_query q = CORDON_QUERY_INIT;
            fill_query(w->t[w->order ? w->order[i] : i].q, &q);
            q.limit = 50;
            cordon_result *r = NULL;
            if (cordon_screen(s, &q, &r) == CORDON_OK) cordon_result_free(r);
        }
    }
    cordon_screener_close(s);
    return NULL;
}

/* Each batch screens on an index opened afresh: the screeners of an index share the lookups they
 * keep (lookups.h), and a batch should start with none, as the one-thread pass did. */
static double batch_rate(const index_spec *spec, timed *t, const size_t *order, size_t n, int threads) {
    pthread_t th[8];
    worker_arg args[8];
    atomic_size_t next = 0;
    cordon_index *ix = open_index(spec);
    double t0 = now();
    for (int i = 0; i < threads; i++) {
        args[i] = (worker_arg){ix, t, order, n, &next};
        pthread_create(&th[i], NULL, batch_worker, &args[i]);
    }
    for (int i = 0; i < threads; i++) pthread_join(th[i], NULL);
    double rate = (double)n / (now() - t0);
    cordon_index_close(ix);
    return rate;
}

/* The order `cordon batch` screens rows in: windows of BATCH_WINDOW rows, each in the library's
 * screening order (cordon_screening_order), one after the other. */
#define BATCH_WINDOW 8192
static size_t *batch_order(const timed *t, size_t n) {
    size_t *order = malloc((n ? n : 1) * sizeof *order);
    const char **names = malloc(BATCH_WINDOW * sizeof *names);
    if (!order || !names) die("out of memory", NULL);
    for (size_t at = 0; at < n; at += BATCH_WINDOW) {
        size_t m = n - at < BATCH_WINDOW ? n - at : BATCH_WINDOW;
        for (size_t i = 0; i < m; i++) names[i] = t[at + i].q->name;
        cordon_screening_order(names, m, order + at);
        for (size_t i = 0; i < m; i++) order[at + i] += at;
    }
    free(names);
    return order;
}

/* The median rate of BATCH_RUNS batches on 2 threads in each of two orders (each on fresh
 * screeners: one run of a few hundred ms moves with the machine's neighbours by a quarter), and
 * the lowest and highest; the orders alternate, so the machine's drift falls on both alike. */
typedef struct batch_rates { double median, lo, hi; } batch_rates;

static void batch_medians(const index_spec *spec, timed *t, const size_t *const order[2], size_t n, batch_rates out[2]) {
    double rates[2][BATCH_RUNS];
    for (int r = 0; r < BATCH_RUNS; r++)
        for (int k = 0; k < 2; k++) rates[k][r] = batch_rate(spec, t, order[k], n, 2);
    for (int k = 0; k < 2; k++) {
        out[k].lo = out[k].hi = rates[k][0];
        for (int r = 1; r < BATCH_RUNS; r++) {
            if (rates[k][r] < out[k].lo) out[k].lo = rates[k][r];
            if (rates[k][r] > out[k].hi) out[k].hi = rates[k][r];
        }
        out[k].median = percentile(rates[k], BATCH_RUNS, 0.5);
    }
}

/* What two threads give on this machine for work that shares nothing: eight independent chains of
 * multiplies, on one thread, then on two at once. Two separate cores give x2.0; two vCPUs that
 * share a core or its time with a neighbour, less. The batch's own ratio is read against it. */
#define MACHINE_LOOPS 40000000UL
static void *multiply_chains(void *p) {
    uint64_t x[8] = {1, 2, 3, 4, 5, 6, 7, 8};
    for (uint64_t i = 0; i < MACHINE_LOOPS; i++) {
        for (int k = 0; k < 8; k++) x[k] = x[k] * (2 * k + 3) + i;
        __asm__ volatile("" : "+r"(x[0]), "+r"(x[1]), "+r"(x[2]), "+r"(x[3]), "+r"(x[4]), "+r"(x[5]), "+r"(x[6]),
                         "+r"(x[7]));    /* keeps the chains apart and in registers */
    }
    *(uint64_t *)p = x[0] ^ x[1] ^ x[2] ^ x[3] ^ x[4] ^ x[5] ^ x[6] ^ x[7];
    return NULL;
}

/* One thread's run, then two threads' at once, three times over: the median of the three ratios,
 * as one pair of runs moves with the neighbours as much as the ratio does. */
static double machine_scaling(void) {
    double ratios[3];
    for (int r = 0; r < 3; r++) {
        uint64_t out[2];
        double t0 = now();
        multiply_chains(&out[0]);
        double one = now() - t0;
        pthread_t th[2];
        t0 = now();
        for (int i = 0; i < 2; i++) pthread_create(&th[i], NULL, multiply_chains, &out[i]);
        for (int i = 0; i < 2; i++) pthread_join(th[i], NULL);
        ratios[r] = 2 * one / (now() - t0);
    }
    return percentile(ratios, 3, 0.5);
}

static int cmp_timed_desc(const void *a, const void *b) {
    double x = (*(const timed *const *)a)->us, y = (*(const timed *const *)b)->us;
    return (x < y) - (x > y);
}

/* The slowest queries: where the time of the tail goes (for tuning the candidate search). */
static void print_slowest(timed *t, size_t n) {
    timed **order = malloc(n * sizeof *order);
    double sum = 0;
    for (size_t i = 0; i < n; i++) { order[i] = &t[i]; sum += t[i].us; }
    qsort(order, n, sizeof *order, cmp_timed_desc);
    printf("%-28s %10.0f   (mean µs per query)\nslowest queries:\n", "index", sum / (double)(n ? n : 1));
    for (size_t i = 0; i < n && i < 5; i++)
        printf("  %10.0f µs  %-22s %s\n", order[i]->us, order[i]->q->id, order[i]->q->name);
    free(order);
}

/* Alerts the exhaustive run raised that the indexed run did not. */
static size_t missed_by_index(const timed *indexed, const timed *ex) {
    size_t missed = 0;
    for (size_t i = 0; i < ex->n_alerts; i++) {
        int found = 0;
        for (size_t k = 0; k < indexed->n_alerts && !found; k++) found = strcmp(indexed->alerts[k], ex->alerts[i]) == 0;
        missed += !found;
    }
    return missed;
}

/* On an index of its own (spec), opened afresh: the lookups that the quality runs' screeners kept
 * in theirs would make every query's a replay. */
static void bench_speed(const index_spec *spec, qset *sets, int n_sets, int quick, int with_exhaustive) {
    cordon_index *ix = open_index(spec);
    size_t total = 0;
    for (int i = 0; i < n_sets; i++) total += sets[i].n;
    timed *t = calloc(total, sizeof *t);
    int *set_of = calloc(total, sizeof *set_of);
    size_t k = 0;
    for (int i = 0; i < n_sets; i++)
        for (size_t j = 0; j < sets[i].n; j++, k++) { t[k].q = &sets[i].q[j]; set_of[k] = i; }
    cordon_screener *s;
    if (cordon_screener_open(ix, &s) != CORDON_OK) die("screener_open failed", NULL);
    double *us = calloc(total, sizeof *us);
    for (size_t i = 0; i < total; i++) { screen_timed(s, &t[i], 0, 1); us[i] = t[i].us; }
    double med = percentile(us, total, 0.5), p99 = percentile(us, total, 0.99), sum = 0;
    for (size_t i = 0; i < total; i++) sum += us[i];
    double one_rate = sum > 0 ? (double)total / (sum * 1e-6) : 0;   /* 1 / mean: the clocks left out */
    printf("\n== Speed (index %s, one thread, default threshold, %zu queries)\n", "all", total);
    printf("%-28s %10s %10s %12s\n", "mode", "median µs", "p99 µs", "queries/s");
    printf("%-28s %10.0f %10.0f %12.0f   (mean %.0f µs)\n", "index", med, p99, one_rate, sum / (double)(total ? total : 1));
    double cpu_sum = 0;
    for (size_t i = 0; i < total; i++) { us[i] = t[i].cpu_us; cpu_sum += us[i]; }
    double cpu_mean = cpu_sum / (double)(total ? total : 1);
    double cpu_med = percentile(us, total, 0.5), cpu_p99 = percentile(us, total, 0.99);
    printf("%-28s %10.0f %10.0f %12.0f   (mean %.0f µs; the rate is 1 / mean)\n", "index, CPU time", cpu_med, cpu_p99,
           1e6 / (cpu_mean > 0 ? cpu_mean : 1), cpu_mean);
    /* Its index is closed before the batches open theirs, and opened again for the exhaustive
     * mode if asked: two maps of one 46 MB file count twice in the peak RSS. */
    cordon_screener_close(s);
    cordon_index_close(ix);
    size_t n_batch = total;    /* the same queries as the one-thread figure, so the ratio compares like with like */
    /* The batch as `cordon batch` screens a file, and in the queries' own order. */
    size_t *order = batch_order(t, n_batch);
    const size_t *orders[2] = { order, NULL };
    batch_rates b[2];
    batch_medians(spec, t, orders, n_batch, b);
    free(order);
    printf("%-28s %10s %10s %12.0f   (as cordon batch screens: windows of %d in screening order; x%.2f of one thread;\n"
           "%-28s %10s %10s %12s    %zu queries; median of %d runs, %.0f-%.0f)\n",
           "index, batch on 2 threads", "-", "-", b[0].median, BATCH_WINDOW, b[0].median / one_rate, "", "", "", "",
           n_batch, BATCH_RUNS, b[0].lo, b[0].hi);
    printf("%-28s %10s %10s %12.0f   (the queries' own order, as the one-thread run: x%.2f of one thread; %.0f-%.0f)\n",
           "  in input order", "-", "-", b[1].median, b[1].median / one_rate, b[1].lo, b[1].hi);
    printf("%-28s %10s %10s %12s   (x%.2f: what 2 threads give here for work that shares nothing)\n",
           "machine, compute on 2", "-", "-", "-", machine_scaling());
    if (with_exhaustive) {
        ix = open_index(spec);
        if (cordon_screener_open(ix, &s) != CORDON_OK) die("screener_open failed", NULL);
        size_t want = quick ? 100 : EXHAUSTIVE_SAMPLE, n_ex = 0;
        size_t *pick = calloc(want, sizeof *pick);
        /* per set a share of the sample; seeded so every run checks the same queries */
        for (int i = 0; i < n_sets; i++) {
            size_t base = 0, share = want / (size_t)n_sets;
            for (int j = 0; j < i; j++) base += sets[j].n;
            for (size_t m = 0; m < share && sets[i].n; m++) pick[n_ex++] = base + rng_next() % sets[i].n;
        }
        double *ex_us = calloc(n_ex, sizeof *ex_us), *ix_us = calloc(n_ex, sizeof *ix_us);
        size_t *missed = calloc((size_t)n_sets, sizeof *missed), *ex_alerts = calloc((size_t)n_sets, sizeof *ex_alerts);
        size_t *sampled = calloc((size_t)n_sets, sizeof *sampled);
        for (size_t m = 0; m < n_ex; m++) {
            timed ex = {.q = t[pick[m]].q};
            screen_timed(s, &ex, 1, 1);
            ex_us[m] = ex.us;
            ix_us[m] = t[pick[m]].us;
            int set = set_of[pick[m]];
            sampled[set]++;
            ex_alerts[set] += ex.n_alerts;
            missed[set] += missed_by_index(&t[pick[m]], &ex);
            free_alerts(&ex);
        }
        double ex_med = percentile(ex_us, n_ex, 0.5), ix_med = percentile(ix_us, n_ex, 0.5);
        printf("%-28s %10.0f %10.0f %12.0f   (index is x%.1f faster on the same %zu queries)\n",
               "exhaustive (baseline)", ex_med, percentile(ex_us, n_ex, 0.99), 1e6 / (ex_med > 0 ? ex_med : 1),
               ex_med / (ix_med > 0 ? ix_med : 1), n_ex);
        printf("\n== Alerts the exhaustive mode raised that the index missed (target 0)\n");
        printf("%-34s %8s %17s %7s\n", "set", "sampled", "exhaustive alerts", "missed");
        for (int i = 0; i < n_sets; i++)
            printf("%-34s %8zu %17zu %7zu\n", sets[i].label, sampled[i], ex_alerts[i], missed[i]);
        free(pick); free(ex_us); free(ix_us); free(missed); free(ex_alerts); free(sampled);
        cordon_screener_close(s);
        cordon_index_close(ix);
    }
    printf("\n");
    print_slowest(t, total);
    for (size_t i = 0; i < total; i++) free_alerts(&t[i]);
    free(t);
    free(set_of);
    free(us);
}

/* ---- main ------------------------------------------------------------------------------- */

static const char *env_or(const char *name, const char *dflt) {
    const char *v = getenv(name);
    return v && *v ? v : dflt;
}

int main(int argc, char **argv) {
    int quick = 0, exhaustive = 1;
    const char *dump = NULL;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--quick")) quick = 1;
        else if (!strcmp(argv[i], "--no-exhaustive")) exhaustive = 0;
        else if (!strcmp(argv[i], "--dump-misses") && i + 1 < argc) dump = argv[++i];
        else { fprintf(stderr, "usage: bench_eval [--quick] [--no-exhaustive] [--dump-misses FILE]\n"); return 2; }
    }
    const char *eval = env_or("CORDON_EVAL", "../shared/eval"), *lists = env_or("CORDON_LISTS", "../shared/data/lists");
    char ofac[4096], un[4096], uk[4096], tmp[] = "/tmp/cordon-bench-eval.XXXXXX";
    snprintf(ofac, sizeof ofac, "%s/us_ofac_sdn-2024", lists);
    snprintf(un, sizeof un, "%s/un_sc-2026-02-27/consolidated.xml", lists);
    snprintf(uk, sizeof uk, "%s/uk_ofsi-2025-04-14/ConList.csv", lists);
    struct stat st;
    if (stat(eval, &st) || stat(ofac, &st) || stat(un, &st) || stat(uk, &st)) {
        printf("bench_eval: lists or eval sets not found (CORDON_LISTS=%s, CORDON_EVAL=%s); skipped\n", lists, eval);
        return 0;
    }
    if (!mkdtemp(tmp)) die("mkdtemp", strerror(errno));
    double t_start = now();
    index_spec ix[3] = {{"un", {un, NULL}, "", 0, 0}, {"ofac", {ofac, NULL}, "", 0, 0}, {"all", {ofac, un, uk, NULL}, "", 0, 0}};
    for (int i = 0; i < 3; i++) snprintf(ix[i].file, sizeof ix[i].file, "%s/%s.cordon", tmp, ix[i].label);
    long build_rss = build_all(ix, 3);
    printf("== Indexes (built in a child process; peak RSS of the builds %.0f MB)\n", (double)build_rss / 1024);
    printf("%-6s %8s %10s\n", "index", "seconds", "entities");
    cordon_index *open[3];
    for (int i = 0; i < 3; i++) {
        open[i] = open_index(&ix[i]);
        printf("%-6s %8.2f %10zu\n", ix[i].label, ix[i].secs, cordon_index_entity_count(open[i]));
        if (!cordon_index_entity_count(open[i])) die("an index has no entities:", ix[i].label);
    }
    qset sets[4] = {{"queries_un_variants.csv", "un_variants", 1, {0}, 0, 0},
                    {"queries_un_original_script.csv", "un_original_script", 1, {0}, 0, 0},
                    {"queries_cross_script.csv", "cross_script", 1, {0}, 0, 0},
                    {"queries_negatives.csv", "negatives", 0, {0}, 0, 0}};
    for (int i = 0; i < 4; i++) load_queries(eval, &sets[i], quick ? (sets[i].positive ? 150 : 2000) : 0);

    /* Each set against its own index, the positives also against all lists, negatives against each. */
    run runs[9] = {{&sets[0], &ix[0], 0}, {&sets[1], &ix[0], 0}, {&sets[2], &ix[1], 0},
                   {&sets[0], &ix[2], 0}, {&sets[1], &ix[2], 0}, {&sets[2], &ix[2], 0},
                   {&sets[3], &ix[0], 0}, {&sets[3], &ix[1], 0}, {&sets[3], &ix[2], 0}};
    size_t errors = 0;
    double t_quality = now();
    for (int i = 0; i < 9; i++) {
        cordon_screener *s;
        if (cordon_screener_open(open[runs[i].ix - ix], &s) != CORDON_OK) die("screener_open failed", NULL);
        runs[i].o = run_set(s, runs[i].qs, NULL, &errors);
        cordon_screener_close(s);
    }
    t_quality = now() - t_quality;
    print_quality(runs, 9);
    if (dump) dump_misses(dump, runs, 9);

    cordon_screener *cs;
    if (cordon_screener_open(open[2], &cs) != CORDON_OK) die("screener_open failed", NULL);
    bench_pairs(eval, cs);
    cordon_screener_close(cs);

    /* The quality runs are done: their indexes are closed, so that the speed runs' peak memory
     * is theirs alone (the peak of the whole benchmark is the quality runs', three indexes open). */
    for (int i = 0; i < 3; i++) cordon_index_close(open[i]);
    bench_speed(&ix[2], sets, 4, quick, exhaustive);

    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    printf("\n== Totals\nquality runs %.1f s, whole benchmark %.1f s, peak RSS (3 indexes open + screening) %.0f MB,"
           " %zu screening errors\n", t_quality, now() - t_start, (double)ru.ru_maxrss / 1024, errors);
    for (int i = 0; i < 9; i++) free_outcomes(runs[i].o, runs[i].qs->n);
    for (int i = 0; i < 4; i++) { free(sets[i].q); free_table(&sets[i].t); }
    for (int i = 0; i < 3; i++) unlink(ix[i].file);
    rmdir(tmp);
    if (errors) printf("WARNING: %zu queries failed to screen (first ones on stderr)\n", errors);
    return 0;
}
