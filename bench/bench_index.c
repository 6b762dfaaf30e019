/* bench_index.c — index build time, load time and peak memory for OFAC 2024 + UN + UK, against the
 * baseline of just reading the same files. Keep true: each phase runs in its own child process so its
 * peak RSS (wait4) is its own; times are medians; the built index is checked before it is timed. */
#include "cordon.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define BUILD_RUNS 3
#define LOAD_RUNS 20
#define MAX_SOURCES 3

static const char *sources[MAX_SOURCES + 1];
static char index_path[4200];

static double now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static int cmp_double(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static double median(double *v, int n) {
    qsort(v, (size_t)n, sizeof *v, cmp_double);
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

/* Reads every byte of a file, or of every file in a folder; returns the bytes read. */
static size_t read_bytes(const char *path) {
    struct stat st;
    if (stat(path, &st) != 0) return 0;
    if (S_ISDIR(st.st_mode)) {
        size_t total = 0;
        DIR *d = opendir(path);
        for (struct dirent *e; d && (e = readdir(d));) {
            char p[8192];
            if (e->d_name[0] == '.') continue;
            snprintf(p, sizeof p, "%s/%s", path, e->d_name);
            total += read_bytes(p);
        }
        if (d) closedir(d);
        return total;
    }
    FILE *f = fopen(path, "rb");
    if (!f) return 0;
    static char buf[1 << 16];
    size_t total = 0, n;
    while ((n = fread(buf, 1, sizeof buf, f)) > 0) total += n;
    fclose(f);
    return total;
}

/* ---- The phases (each runs in a child and writes doubles to fd) -------------------------- */

static int phase_read(int fd) {
    double t0 = now(), bytes = 0;
    for (int i = 0; sources[i]; i++) bytes += (double)read_bytes(sources[i]);
    double secs = now() - t0;
    return write(fd, &secs, sizeof secs) == sizeof secs && write(fd, &bytes, sizeof bytes) == sizeof bytes ? 0 : 1;
}

static int phase_build(int fd) {
    cordon_builder *b;
    double t0 = now();
    if (cordon_builder_open(&b) != CORDON_OK) return 1;
    for (int i = 0; sources[i]; i++) {
        cordon_source_report rep;
        if (cordon_builder_add(b, sources[i], NULL, &rep) != CORDON_OK) {
            fprintf(stderr, "bench_index: %s\n", cordon_builder_errmsg(b));
            return 1;
        }
    }
    if (cordon_builder_write(b, index_path) != CORDON_OK) {
        fprintf(stderr, "bench_index: %s\n", cordon_builder_errmsg(b));
        return 1;
    }
    cordon_builder_close(b);
    double secs = now() - t0;
    return write(fd, &secs, sizeof secs) == sizeof secs ? 0 : 1;
}

static const char *const sample_names[] = {
    "KIM Jong Un", "Kim Chong-un", "Ким Чен Ын", "김정은", "Yevgeniy Prigozhin", "Sberbank",
    "Korea Ryonbong General Corporation", "Ayman al-Zawahiri", "Maria Schmidt", "John Smith",
    "Acme Trading GmbH", "Abdul Ghani Baradar", "Li Wei", "Анна Иванова", "Mohammed Ali Hassan", NULL};

/* Opens the index LOAD_RUNS times (median), then screens the sample names (checking one). */
static int phase_load(int fd) {
    double times[LOAD_RUNS];
    cordon_index *ix = NULL;
    for (int i = 0; i < LOAD_RUNS; i++) {
        double t0 = now();
        if (cordon_index_open(index_path, &ix) != CORDON_OK) {
            fprintf(stderr, "bench_index: %s\n", cordon_index_errmsg(ix));
            return 1;
        }
        times[i] = now() - t0;
        if (i + 1 < LOAD_RUNS) cordon_index_close(ix);
    }
    double load = median(times, LOAD_RUNS), entities = (double)cordon_index_entity_count(ix), found = 0;
    cordon_screener *s;
    if (cordon_screener_open(ix, &s) != CORDON_OK) return 1;
    double t0 = now();
    int screened = 0;
    for (int round = 0; round < 10; round++)
        for (int i = 0; sample_names[i]; i++, screened++) {
            cordon_query q = CORDON_QUERY_INIT;
            q.name = sample_names[i];
            cordon_result *r;
            if (cordon_screen(s, &q, &r) != CORDON_OK) return 1;
            for (size_t k = 0; i == 0 && k < r->n_matches; k++) found += strcmp(r->matches[k].entity_id, "ofac:20157") == 0;
            cordon_result_free(r);
        }
    double per_query = (now() - t0) / screened;
    cordon_screener_close(s);
    cordon_index_close(ix);
    double out[4] = {load, entities, found, per_query};
    return write(fd, out, sizeof out) == sizeof out ? 0 : 1;
}

/* Runs a phase in a child; reads n doubles back; returns its peak RSS in MB, or -1 on failure. */
static double in_child(int (*phase)(int), double *out, int n) {
    int fds[2];
    if (pipe(fds)) return -1;
    pid_t pid = fork();
    if (pid == 0) {
        close(fds[0]);
        _exit(phase(fds[1]));
    }
    close(fds[1]);
    size_t want = (size_t)n * sizeof *out, got = 0;
    for (ssize_t k; got < want && (k = read(fds[0], (char *)out + got, want - got)) > 0;) got += (size_t)k;
    close(fds[0]);
    int status;
    struct rusage ru;
    if (wait4(pid, &status, 0, &ru) < 0 || !WIFEXITED(status) || WEXITSTATUS(status) || got != want) return -1;
    return (double)ru.ru_maxrss / 1024;
}

static const char *verdict(double value, double target) { return value <= target ? "ok" : "MISSED"; }

int main(void) {
    const char *lists = getenv("CORDON_LISTS");
    if (!lists || !*lists) lists = "../shared/data/lists";
    static char ofac[4096], un[4096], uk[4096];
    snprintf(ofac, sizeof ofac, "%s/us_ofac_sdn-2024", lists);
    snprintf(un, sizeof un, "%s/un_sc-2026-02-27/consolidated.xml", lists);
    snprintf(uk, sizeof uk, "%s/uk_ofsi-2025-04-14/ConList.csv", lists);
    struct stat st;
    if (stat(ofac, &st) || stat(un, &st) || stat(uk, &st)) {
        printf("bench_index: lists not found under %s; skipped\n", lists);
        return 0;
    }
    sources[0] = ofac; sources[1] = un; sources[2] = uk;
    char tmp[] = "/tmp/cordon-bench-index.XXXXXX";
    if (!mkdtemp(tmp)) { perror("mkdtemp"); return 1; }
    snprintf(index_path, sizeof index_path, "%s/index.cordon", tmp);

    double read_t[BUILD_RUNS], build_t[BUILD_RUNS], bytes = 0, rss_read = 0, rss_build = 0;
    for (int i = 0; i < BUILD_RUNS; i++) {
        double r[2];
        double rss = in_child(phase_read, r, 2);
        if (rss < 0) { fprintf(stderr, "bench_index: reading the lists failed\n"); return 1; }
        read_t[i] = r[0];
        bytes = r[1];
        if (rss > rss_read) rss_read = rss;
    }
    for (int i = 0; i < BUILD_RUNS; i++) {
        double rss = in_child(phase_build, &build_t[i], 1);
        if (rss < 0) { fprintf(stderr, "bench_index: the build failed\n"); return 1; }
        if (rss > rss_build) rss_build = rss;
    }
    double load[4];
    double rss_load = in_child(phase_load, load, 4);
    if (rss_load < 0) { fprintf(stderr, "bench_index: loading or screening failed\n"); return 1; }
    stat(index_path, &st);
    double read_med = median(read_t, BUILD_RUNS), build_med = median(build_t, BUILD_RUNS);

    printf("== Index: OFAC SDN 2024 folder + UN + UK (%.1f MB of list files -> %.1f MB index, %.0f entities)\n",
           bytes / 1e6, (double)st.st_size / 1e6, load[1]);
    printf("%-40s %12s %10s %8s\n", "measure", "value", "target", "");
    printf("%-40s %10.3f s %10s %8s\n", "read the list files (baseline, median 3)", read_med, "-", "");
    printf("%-40s %10.3f s %8.1f s %8s   (x%.1f the baseline)\n", "build (median of 3)", build_med, 1.0,
           verdict(build_med, 1.0), build_med / (read_med > 0 ? read_med : 1e-9));
    printf("%-40s %9.2f ms %7.0f ms %8s\n", "load: cordon_index_open (median of 20)", load[0] * 1e3, 20.0,
           verdict(load[0] * 1e3, 20.0));
    printf("%-40s %9.2f ms %10s %8s\n", "screen one name (mean over 150)", load[3] * 1e3, "-", "");
    printf("%-40s %9.0f MB %10s %8s\n", "peak RSS: reading the files (baseline)", rss_read, "-", "");
    printf("%-40s %9.0f MB %7.0f MB %8s\n", "peak RSS: build", rss_build, 150.0, verdict(rss_build, 150.0));
    printf("%-40s %9.0f MB %7.0f MB %8s\n", "peak RSS: load + screen", rss_load, 150.0, verdict(rss_load, 150.0));
    unlink(index_path);
    rmdir(tmp);
    if (load[1] < 1 || load[2] < 1) {
        fprintf(stderr, "bench_index: check failed: %s\n",
                load[1] < 1 ? "the index has no entities" : "\"KIM Jong Un\" did not find ofac:20157");
        return 1;
    }
    return 0;
}
