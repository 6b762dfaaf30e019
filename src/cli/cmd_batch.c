/* cmd_batch.c — `cordon batch`: screens a file of queries on N threads and writes JSONL in input order.
 * Invariant: the main thread reads windows of rows and writes finished windows strictly by sequence;
 * workers (one screener each) only fill in rows; at most MAX_WINDOWS windows are held, so memory stays
 * bounded. */
#include "cli/batch.h"
#include "cli/cli.h"

#include <jansson.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* The rows of a window are screened in the library's screening order (by name), a chunk of
 * CHUNK_ROWS at a time by whichever worker is free, and written once all are done. The larger the
 * window, the more names meet their neighbours: on the evaluation queries, two threads screened
 * 13 % faster in windows of 4,096 than in the input's order and 5 % faster than in windows of
 * 1,024; windows of 8,192 gained 3 % more, of 16,384 1.5 % more again. MAX_WINDOWS: one being
 * screened (then written), the next read meanwhile; the rows held, and their output lines, are
 * what bounds the memory: a window also ends after WINDOW_BYTES of input, as rows of long fields
 * (up to 64 KiB each) may come. */
#define WINDOW_ROWS 8192
#define WINDOW_BYTES (16u << 20)
#define CHUNK_ROWS 64
#define MAX_WINDOWS 2
#define MAX_THREADS 256

typedef struct window {
    batch_row *rows;            /* in input order */
    size_t *order;              /* the screening order of rows */
    size_t n;
    size_t handed;              /* order[0 .. handed) given to workers */
    size_t left;                /* rows not yet screened */
    uint64_t end_offset;        /* input bytes read up to the end of this window (for progress) */
    struct window *next;        /* the windows held, in input order */
} window;

typedef struct batch_opts {
    double threshold;
    size_t limit;
    int exhaustive;
    int table;                  /* readable alert lines instead of JSONL */
} batch_opts;

typedef struct pipeline {
    pthread_mutex_t lock;
    pthread_cond_t work, done;
    window *head, *tail;              /* windows read and not yet written, in input order */
    size_t in_flight;
    int finished;                     /* no more windows will come */
    batch_opts opts;
} pipeline;

typedef struct worker {
    pthread_t thread;
    pipeline *p;
    cordon_screener *s;
} worker;

typedef struct totals {
    size_t rows, alerts, errors;
    double t0, last_draw;
    uint64_t input_size;              /* 0 when unknown (a pipe) */
    int progress;
} totals;

/* ---- One row ----------------------------------------------------------------------------- */

/* The row's id as a JSON string literal (malloc'd). */
static char *json_quote(const char *s) {
    json_t *j = json_string(s ? s : "");
    char *out = j ? json_dumps(j, JSON_ENCODE_ANY) : NULL;
    json_decref(j);
    return out;
}

static char *error_line(const char *id, const char *error) {
    json_t *o = json_pack("{s:s, s:s}", "id", id ? id : "", "error", error ? error : "error");
    char *out = o ? json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER) : NULL;
    json_decref(o);
    return out;
}

static char *matches_line(const char *id, const char *matches, size_t unread) {
    char *qid = json_quote(id);
    size_t len = (qid ? strlen(qid) : 0) + strlen(matches) + 64;
    char *out = qid ? malloc(len) : NULL;
    /* unread: words in a script nothing reads, which were not screened */
    if (out && unread) snprintf(out, len, "{\"id\":%s,\"matches\":%s,\"unread_words\":%zu}", qid, matches, unread);
    else if (out) snprintf(out, len, "{\"id\":%s,\"matches\":%s}", qid, matches);
    free(qid);
    return out;
}

/* The --table form of a row: "query -> entity score matched name", one line per alert. */
static char *table_lines(const batch_row *row, const cordon_result *r) {
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    if (!f) return NULL;
    for (size_t i = 0; i < (r && r->n_matches ? r->n_matches : 1); i++) {
        cdn_cli_print_cell(f, i ? "" : row->id, 6);
        fputc(' ', f);
        cdn_cli_print_cell(f, i ? "" : row->name ? row->name : "", 36);
        if (row->error) { fprintf(f, " error: %s\n", row->error); break; }
        if (!r || !r->n_matches) { fputs(" -\n", f); break; }
        const cordon_match *m = &r->matches[i];
        fputs(" \xE2\x86\x92 ", f);
        cdn_cli_print_cell(f, m->entity_id, 14);
        fprintf(f, " %5.3f  %s\n", m->score, m->matched_name ? m->matched_name : "");
    }
    fclose(f);
    if (len && text[len - 1] == '\n') text[len - 1] = 0;
    return text;
}

static void screen_row(cordon_screener *s, const batch_opts *o, batch_row *row) {
    if (row->error) {
        row->output = o->table ? table_lines(row, NULL) : error_line(row->id, row->error);
        return;
    }
    cordon_query q = CORDON_QUERY_INIT;
    q.name = row->name;
    q.kind = row->kind;
    q.dob = row->dob;
    q.country = row->country;
    q.identifiers = (const char *const *)row->idents;
    q.n_identifiers = row->n_idents;
    q.threshold = o->threshold;
    q.limit = o->limit;
    q.exhaustive = o->exhaustive;
    cordon_result *r = NULL;
    char *json = NULL;
    cordon_rc rc = cordon_screen(s, &q, &r);
    if (rc == CORDON_OK && !o->table) rc = cordon_result_json(r, &json);
    if (rc == CORDON_OK) {
        row->output = o->table ? table_lines(row, r) : matches_line(row->id, json, r->unread_words);
        row->alert = r->n_matches > 0;
    } else {
        const char *msg = cordon_screener_errmsg(s);
        row->error = strdup(msg && *msg ? msg : cordon_strerror(rc));
        row->output = o->table ? table_lines(row, NULL) : error_line(row->id, row->error);
    }
    cordon_free(json);
    cordon_result_free(r);
}

/* ---- The pipeline ------------------------------------------------------------------------ */

/* The next chunk of rows to screen, in the first window that has one: *w and its order[from .. to). */
static int next_chunk(pipeline *p, window **w, size_t *from, size_t *to) {
    for (window *x = p->head; x; x = x->next)
        if (x->handed < x->n) {
            *w = x;
            *from = x->handed;
            *to = x->handed = x->n - x->handed > CHUNK_ROWS ? x->handed + CHUNK_ROWS : x->n;
            return 1;
        }
    return 0;
}

static void *worker_main(void *arg) {
    worker *wk = arg;
    pipeline *p = wk->p;
    for (;;) {
        window *w = NULL;
        size_t from = 0, to = 0;
        pthread_mutex_lock(&p->lock);
        while (!next_chunk(p, &w, &from, &to) && !p->finished) pthread_cond_wait(&p->work, &p->lock);
        pthread_mutex_unlock(&p->lock);
        if (!w) return NULL;
        for (size_t k = from; k < to; k++) screen_row(wk->s, &p->opts, &w->rows[w->order[k]]);
        pthread_mutex_lock(&p->lock);
        if ((w->left -= to - from) == 0) pthread_cond_signal(&p->done);
        pthread_mutex_unlock(&p->lock);
    }
}

static void enqueue(pipeline *p, window *w) {
    pthread_mutex_lock(&p->lock);
    if (p->tail) p->tail->next = w;
    else p->head = w;
    p->tail = w;
    p->in_flight++;
    pthread_cond_broadcast(&p->work);
    pthread_mutex_unlock(&p->lock);
}

/* Takes the finished windows at the head of the input order; waits for one first if `wait`. */
static window *take_finished(pipeline *p, int wait) {
    pthread_mutex_lock(&p->lock);
    while (wait && p->head && p->head->left) pthread_cond_wait(&p->done, &p->lock);
    window *first = NULL, **tail = &first;
    while (p->head && !p->head->left) {
        window *w = p->head;
        if (!(p->head = w->next)) p->tail = NULL;
        w->next = NULL;
        *tail = w;
        tail = &w->next;
        p->in_flight--;
    }
    pthread_mutex_unlock(&p->lock);
    return first;
}

static void free_window(window *w) {
    for (size_t i = 0; i < w->n; i++) cdn_batch_row_free(&w->rows[i]);
    free(w->rows);
    free(w->order);
    free(w);
}

static void draw_progress(totals *t, uint64_t offset, int final) {
    double now = cdn_cli_now();
    if (!t->progress || (!final && now - t->last_draw < 0.25)) return;
    t->last_draw = now;
    double secs = now - t->t0, rate = secs > 0 ? (double)t->rows / secs : 0;
    fprintf(stderr, "\r%10zu rows %8.0f rows/s %6zu alerts", t->rows, rate, t->alerts);
    if (t->input_size && offset) {
        double frac = (double)offset / (double)t->input_size, eta = secs * (1 - frac) / (frac > 0 ? frac : 1);
        int bar = (int)(frac * 20 + 0.5);
        fprintf(stderr, " [%.*s%*s] %3.0f%% ETA %4.0f s", bar, "####################", 20 - bar, "",
                frac * 100, eta);
    }
    if (final) fputc('\n', stderr);
    fflush(stderr);
}

/* Writes a list of finished windows in order and frees them. Returns -1 if writing failed. */
static int write_windows(window *w, FILE *out, totals *t) {
    int failed = 0;
    while (w) {
        window *next = w->next;
        for (size_t i = 0; i < w->n; i++) {
            batch_row *row = &w->rows[i];
            if (!row->output || fputs(row->output, out) == EOF || fputc('\n', out) == EOF) failed = 1;
            t->rows++;
            t->alerts += row->alert;
            t->errors += row->error != NULL;
        }
        draw_progress(t, w->end_offset, 0);
        free_window(w);
        w = next;
    }
    return failed ? -1 : 0;
}

/* Reads up to WINDOW_ROWS rows (or WINDOW_BYTES of input) and puts them in screening order; NULL at
 * the end of input (or *oom on no memory). */
static window *read_window(batch_input *in, int *oom) {
    window *w = calloc(1, sizeof *w);
    const char **names = NULL;
    if (w) w->rows = calloc(WINDOW_ROWS, sizeof *w->rows);
    if (!w || !w->rows) { if (w) free(w); *oom = 1; return NULL; }
    int got = 1;
    uint64_t start = in->reader->consumed;
    while (w->n < WINDOW_ROWS && in->reader->consumed - start < WINDOW_BYTES &&
           (got = cdn_batch_input_next(in, &w->rows[w->n])) == 1)
        w->n++;
    if (got < 0) *oom = 1;
    w->end_offset = in->reader->consumed;
    w->order = malloc((w->n ? w->n : 1) * sizeof *w->order);
    names = malloc((w->n ? w->n : 1) * sizeof *names);
    if (!w->order || !names) *oom = 1;
    if (w->n == 0 || !w->order || !names) { free(names); free_window(w); return NULL; }
    for (size_t i = 0; i < w->n; i++) names[i] = w->rows[i].error ? NULL : w->rows[i].name;
    cordon_screening_order(names, w->n, w->order);     /* on no memory, the input's order */
    free(names);
    w->left = w->n;
    return w;
}

/* Feeds the workers and writes results until the input ends. Returns an exit code. */
static int run_pipeline(pipeline *p, batch_input *in, FILE *out, totals *t) {
    int eof = 0, oom = 0, write_failed = 0;
    while (!eof || p->head) {
        if (!eof && p->in_flight < MAX_WINDOWS) {
            window *w = read_window(in, &oom);
            if (w) enqueue(p, w);
            else eof = 1;
            if (oom) eof = 1;
        }
        int must_wait = eof || p->in_flight >= MAX_WINDOWS;
        if (write_windows(take_finished(p, must_wait), out, t)) write_failed = 1;
    }
    draw_progress(t, t->input_size, 1);
    if (oom) { cdn_cli_error("out of memory reading the input"); return CLI_FAIL; }
    if (write_failed || fflush(out) != 0) { cdn_cli_error("writing the output failed"); return CLI_FAIL; }
    return CLI_OK;
}

static size_t default_threads(void) {
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n < 1 ? 1 : n > MAX_THREADS ? MAX_THREADS : (size_t)n;
}

/* Opens one screener per worker and starts them; returns how many started. */
static size_t start_workers(pipeline *p, worker *w, size_t n, const cordon_index *ix, int *rc) {
    size_t started = 0;
    for (; started < n; started++) {
        w[started].p = p;
        cordon_rc lrc = cordon_screener_open(ix, &w[started].s);
        if (lrc != CORDON_OK) {
            cdn_cli_error("cannot open a screener: %s",
                          w[started].s ? cordon_screener_errmsg(w[started].s) : cordon_strerror(lrc));
            cordon_screener_close(w[started].s);
            *rc = cdn_cli_exit_code(lrc);
            break;
        }
        if (pthread_create(&w[started].thread, NULL, worker_main, &w[started]) != 0) {
            cordon_screener_close(w[started].s);
            cdn_cli_error("cannot start a thread");
            *rc = CLI_FAIL;
            break;
        }
    }
    return started;
}

static void stop_workers(pipeline *p, worker *w, size_t n) {
    pthread_mutex_lock(&p->lock);
    p->finished = 1;
    pthread_cond_broadcast(&p->work);
    pthread_mutex_unlock(&p->lock);
    for (size_t i = 0; i < n; i++) {
        pthread_join(w[i].thread, NULL);
        cordon_screener_close(w[i].s);
    }
}

static int screen_all(const cordon_index *ix, batch_input *in, FILE *out, const batch_opts *o,
                      size_t threads, totals *t) {
    pipeline p = {.opts = *o};
    pthread_mutex_init(&p.lock, NULL);
    pthread_cond_init(&p.work, NULL);
    pthread_cond_init(&p.done, NULL);
    worker *w = calloc(threads, sizeof *w);
    int rc = w ? CLI_OK : CLI_FAIL;
    size_t started = w ? start_workers(&p, w, threads, ix, &rc) : 0;
    if (rc == CLI_OK) rc = run_pipeline(&p, in, out, t);
    stop_workers(&p, w, started);
    write_windows(take_finished(&p, 0), out, t);   /* nothing left unless we stopped early */
    for (window *x = p.head, *next; x; x = next) {   /* ditto: unscreened windows after an error */
        next = x->next;
        free_window(x);
    }
    free(w);
    pthread_cond_destroy(&p.done);
    pthread_cond_destroy(&p.work);
    pthread_mutex_destroy(&p.lock);
    return rc;
}

static int read_options(const cli_args *a, batch_opts *o, size_t *threads) {
    o->threshold = -1;
    o->limit = 0;
    o->exhaustive = cdn_cli_flag(a, "exhaustive") > 0;
    o->table = cdn_cli_flag(a, "table") > 0;
    *threads = default_threads();
    if (cdn_cli_parse_threshold(cdn_cli_value(a, "threshold"), &o->threshold) ||
        cdn_cli_parse_count("limit", cdn_cli_value(a, "limit"), 1, 100000, &o->limit) ||
        cdn_cli_parse_count("threads", cdn_cli_value(a, "threads"), 1, MAX_THREADS, threads))
        return CLI_USAGE;
    return CLI_OK;
}

static int run_batch(const cli_args *a) {
    batch_opts o;
    size_t threads;
    int rc = read_options(a, &o, &threads);
    if (rc != CLI_OK) return rc;
    const char *in_path = cdn_cli_value(a, "input"), *out_path = cdn_cli_value(a, "output");
    if (!in_path) { cdn_cli_error("batch needs --input FILE (- for stdin)"); return CLI_USAGE; }
    FILE *inf = strcmp(in_path, "-") == 0 ? stdin : fopen(in_path, "rb");
    if (!inf) { cdn_cli_error("%s: cannot open", in_path); return CLI_FAIL; }
    cordon_index *ix = cdn_cli_open_index(cdn_cli_value(a, "index"), &rc);
    totals t = {.t0 = cdn_cli_now(), .progress = isatty(2)};
    struct stat st;
    if (fstat(fileno(inf), &st) == 0 && S_ISREG(st.st_mode)) t.input_size = (uint64_t)st.st_size;
    batch_input in;
    int opened = ix ? cdn_batch_input_open(&in, inf) : -1;
    if (ix && opened) { cdn_cli_error("%s: %s", in_path, in.errmsg); rc = CLI_BADINPUT; }
    FILE *out = ix && !opened ? cdn_cli_open_output(out_path) : NULL;
    if (out) {
        rc = screen_all(ix, &in, out, &o, threads, &t);
        if (out != stdout && fclose(out) != 0) { cdn_cli_error("%s: write failed", out_path); rc = CLI_FAIL; }
        double secs = cdn_cli_now() - t.t0;
        cdn_cli_note("cordon: batch: %zu rows, %zu alerts, %zu errors in %.2f s (%.0f rows/s, %zu threads)",
                     t.rows, t.alerts, t.errors, secs, secs > 0 ? (double)t.rows / secs : 0.0, threads);
    } else if (ix && !opened) {
        rc = CLI_FAIL;
    }
    if (ix) cdn_batch_input_close(&in);
    if (inf != stdin) fclose(inf);
    cordon_index_close(ix);
    return rc;
}

static const cli_option batch_options[] = {
    {"index", 'i', "FILE", "the index (default: the default index path)"},
    {"input", 0, "FILE", "queries: CSV with a header, or JSONL (- = stdin)"},
    {"output", 'o', "FILE", "results as JSONL, one line per input row in input order (default: stdout)"},
    {"threshold", 0, "SCORE", "alert threshold from 0 to 1 (default 0.80)"},
    {"limit", 'n', "N", "at most N matches per row (default 10)"},
    {"threads", 'j', "N", "worker threads (default: the number of CPUs)"},
    {"exhaustive", 0, NULL, "score every entity instead of the index's candidates (slow)"},
    {"table", 0, NULL, "print readable lines (query -> entity, score, matched name) instead of JSONL"},
    {0}};

const cli_command cdn_cmd_batch = {
    "batch", "[OPTIONS] --input FILE", "Screens a file of names (CSV or JSONL) and writes JSONL.",
    "CSV columns (header row): id,name,type,dob,country,identifiers — all but name optional,\n"
    "others ignored; identifiers like \"IMO 8328197; Passport 472220033\". JSONL input has one\n"
    "object per line with the same keys (identifiers may be an array). Each input row gives one\n"
    "output line {\"id\":…,\"matches\":[…]}, or {\"id\":…,\"error\":…} for a row that cannot be\n"
    "screened (broken UTF-8, no name, a field over 64 KiB); the batch goes on. Rows are read in\n"
    "windows of 8,192 and screened by name within each (names that share a part follow each\n"
    "other: faster), so the output, in input order, comes a window at a time. A summary goes to\n"
    "stderr, and a progress bar when stderr is a terminal.",
    batch_options, 0, 0, run_batch};
