/* cmd_index.c — `cordon index build` (list files and folders into one index) and `cordon index info`.
 * Invariant: on bad input nothing is written (the builder writes only after every source was read). */
#include "cli/cli.h"

#include <dirent.h>
#include <errno.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static const char *const formats[] = {"ofac-csv", "ofac-xml", "ofac-advanced", "un-xml", "uk-csv", NULL};

#define SHOWN_WARNINGS 3

typedef struct build_ctx {
    cordon_builder *b;
    int verbose;
    size_t sources, entities, names, warnings;
} build_ctx;

/* ---- Finding list files ------------------------------------------------------------------ */

static int is_dir(const char *path) {
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

static int is_file(const char *path) {
    struct stat st;
    return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

/* dir + "/" + name into out; 0, or -1 if it does not fit. */
static int join_path(char *out, size_t cap, const char *dir, const char *name) {
    size_t dl = strlen(dir);
    int n = snprintf(out, cap, "%s%s%s", dir, dl && dir[dl - 1] == '/' ? "" : "/", name);
    return n < 0 || (size_t)n >= cap ? -1 : 0;
}

static int has_sdn_csv(const char *dir) {
    char p[4096];
    return join_path(p, sizeof p, dir, "sdn.csv") == 0 && is_file(p);
}

/* The format of a file judged by its first bytes, or NULL if it is no list cordon reads. The
 * library detects formats too; this only decides which files of a scanned folder to hand it. */
static const char *sniff_format(const char *path) {
    char head[4097];
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    size_t n = fread(head, 1, sizeof head - 1, f);
    fclose(f);
    head[n] = 0;
    for (size_t i = 0; i < n; i++)
        if (!head[i]) head[i] = ' ';   /* strstr must see past stray NULs */
    const char *p = head;
    if (n >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0) p += 3;
    if (strncmp(p, "Last Updated", 12) == 0) return "uk-csv";
    if (strstr(p, "<sdnList")) return "ofac-xml";
    if (strstr(p, "<CONSOLIDATED_LIST")) return "un-xml";
    if (strstr(p, "<Sanctions") && strstr(p, "sdn_advanced")) return "ofac-advanced";
    return NULL;
}

static void print_source_header(void) {
    printf("%-14s %-10s %9s %9s %8s  %s\n", "FORMAT", "LIST DATE", "ENTITIES", "NAMES", "WARNINGS", "SOURCE");
}

/* Prints the first few warnings ("file:line: what" lines), or all of them with -v. */
static void print_warnings(const char *w, int verbose) {
    size_t shown = 0;
    while (w && *w && (verbose || shown < SHOWN_WARNINGS)) {
        const char *nl = strchr(w, '\n');
        int len = nl ? (int)(nl - w) : (int)strlen(w);
        printf("    warning: %.*s\n", len, w);
        shown++;
        w = nl ? nl + 1 : w + len;
    }
    if (w && *w) {
        size_t rest = 0;
        for (const char *p = w; *p; p++) rest += *p == '\n';
        if (w[strlen(w) - 1] != '\n') rest++;
        printf("    ... %zu more warnings (-v shows all)\n", rest);
    }
}

static int add_source(build_ctx *c, const char *path, const char *format) {
    cordon_source_report rep;
    memset(&rep, 0, sizeof rep);
    cordon_rc rc = cordon_builder_add(c->b, path, format, &rep);
    if (rc != CORDON_OK) {
        const char *msg = cordon_builder_errmsg(c->b);
        cdn_cli_error("%s: %s", path, msg && *msg ? msg : cordon_strerror(rc));
        return cdn_cli_exit_code(rc == CORDON_ERR_NOTFOUND ? CORDON_ERR_INPUT : rc);
    }
    printf("%-14s %-10s %9zu %9zu %8zu  %s\n", rep.format, rep.list_date[0] ? rep.list_date : "-", rep.entities,
           rep.names, rep.warnings, path);
    print_warnings(cordon_builder_warnings(c->b), c->verbose);
    c->sources++;
    c->entities += rep.entities;
    c->names += rep.names;
    c->warnings += rep.warnings;
    return CLI_OK;
}

static int name_cmp(const void *a, const void *b) {
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The entry names of a folder, sorted so that builds are reproducible. */
static char **list_dir(const char *dir, size_t *n) {
    DIR *d = opendir(dir);
    if (!d) return NULL;
    char **names = NULL;
    size_t cap = 0;
    *n = 0;
    for (struct dirent *e; (e = readdir(d));) {
        if (e->d_name[0] == '.') continue;
        if (*n == cap) {
            char **bigger = realloc(names, (cap = cap ? cap * 2 : 32) * sizeof *names);
            if (!bigger) break;
            names = bigger;
        }
        if (!(names[*n] = strdup(e->d_name))) break;
        (*n)++;
    }
    closedir(d);
    if (names) qsort(names, *n, sizeof *names, name_cmp);
    return names;
}

static void free_names(char **names, size_t n) {
    for (size_t i = 0; i < n; i++) free(names[i]);
    free(names);
}

/* A list found by scanning a folder. */
typedef struct found { char path[4096]; const char *format; } found;
typedef struct found_list { found *v; size_t n, cap; } found_list;

static int push_found(found_list *l, const char *path, const char *format) {
    if (l->n == l->cap) {
        found *bigger = realloc(l->v, (l->cap = l->cap ? l->cap * 2 : 16) * sizeof *bigger);
        if (!bigger) return -1;
        l->v = bigger;
    }
    snprintf(l->v[l->n].path, sizeof l->v[l->n].path, "%s", path);
    l->v[l->n++].format = format;
    return 0;
}

/* Collects the lists in a folder: files it recognises and, `depth` levels down, subfolders (an
 * OFAC CSV folder whole). Unknown files are skipped with a note. */
static int scan_folder(const char *dir, int depth, found_list *l) {
    size_t n = 0;
    char **names = list_dir(dir, &n);
    if (!names) {
        cdn_cli_error("%s: %s", dir, errno ? strerror(errno) : "cannot read folder");
        return CLI_FAIL;
    }
    int rc = CLI_OK;
    for (size_t i = 0; i < n && rc == CLI_OK; i++) {
        char path[4096];
        const char *format = NULL;
        if (join_path(path, sizeof path, dir, names[i])) continue;
        if (is_dir(path)) {
            if (has_sdn_csv(path)) format = "ofac-csv";
            else if (depth > 0) rc = scan_folder(path, depth - 1, l);
        } else if (!(format = sniff_format(path))) {
            cdn_cli_note("note: skipping %s (not a list format cordon reads)", path);
        }
        if (format && push_found(l, path, format)) rc = CLI_FAIL;
    }
    free_names(names, n);
    return rc;
}

/* Adds the lists of a folder. Where it holds several copies of one format (list folders are
 * named by date: us_ofac_sdn-2021-07, us_ofac_sdn-2024), only the last by name is taken, since
 * two copies of one list would give every entity twice. */
static int add_folder(build_ctx *c, const char *dir) {
    found_list l = {0};
    int rc = scan_folder(dir, 1, &l);
    for (size_t i = 0; i < l.n && rc == CLI_OK; i++) {
        size_t later = i + 1;
        while (later < l.n && strcmp(l.v[later].format, l.v[i].format) != 0) later++;
        if (later < l.n)
            cdn_cli_note("note: skipping %s (an older %s list than %s; name it to include it)", l.v[i].path,
                         l.v[i].format, l.v[later].path);
        else
            rc = add_source(c, l.v[i].path, l.v[i].format);
    }
    if (rc == CLI_OK && l.n == 0) cdn_cli_note("note: no list files found in %s", dir);
    free(l.v);
    return rc;
}

/* "FORMAT=PATH" forces a format; returns the format and sets *path, or NULL if `arg` is a plain path. */
static const char *forced_format(const char *arg, const char **path) {
    const char *eq = strchr(arg, '=');
    if (!eq) return NULL;
    for (int i = 0; formats[i]; i++)
        if (strlen(formats[i]) == (size_t)(eq - arg) && strncmp(arg, formats[i], (size_t)(eq - arg)) == 0) {
            *path = eq + 1;
            return formats[i];
        }
    return NULL;
}

static int add_argument(build_ctx *c, const char *arg) {
    const char *path = arg, *format = forced_format(arg, &path);
    if (format) return add_source(c, path, format);
    struct stat st;
    if (stat(path, &st) != 0) {
        cdn_cli_error("%s: %s", path, strerror(errno));
        return CLI_BADINPUT;
    }
    if (is_dir(path) && !has_sdn_csv(path)) return add_folder(c, path);
    return add_source(c, path, NULL);
}

/* mkdir -p of the folder that will hold `file`. */
static void make_parent_dirs(const char *file) {
    char dir[4096];
    snprintf(dir, sizeof dir, "%s", file);
    char *slash = strrchr(dir, '/');
    if (!slash || slash == dir) return;
    *slash = 0;
    for (char *p = dir + 1; *p; p++)
        if (*p == '/') { *p = 0; mkdir(dir, 0755); *p = '/'; }
    mkdir(dir, 0755);
}

static int write_index(build_ctx *c, const char *out, double t0) {
    make_parent_dirs(out);
    cordon_rc rc = cordon_builder_write(c->b, out);
    if (rc != CORDON_OK) {
        const char *msg = cordon_builder_errmsg(c->b);
        cdn_cli_error("%s: %s", out, msg && *msg ? msg : cordon_strerror(rc));
        return cdn_cli_exit_code(rc);
    }
    struct stat st;
    double mb = stat(out, &st) == 0 ? (double)st.st_size / 1e6 : 0;
    printf("wrote %s: %zu sources, %zu entities, %zu names, %zu warnings, %.1f MB in %.2f s\n", out,
           c->sources, c->entities, c->names, c->warnings, mb, cdn_cli_now() - t0);
    return CLI_OK;
}

static int run_build(const cli_args *a) {
    double t0 = cdn_cli_now();
    build_ctx c = {.verbose = cdn_cli_flag(a, "verbose")};
    char *def = NULL;
    const char *out = cdn_cli_value(a, "output");
    if (!out && !(out = def = cordon_default_index_path())) {
        cdn_cli_error("no default index location (set HOME or XDG_DATA_HOME, or use -o FILE)");
        return CLI_FAIL;
    }
    cordon_rc brc = cordon_builder_open(&c.b);
    if (brc != CORDON_OK) {
        cdn_cli_error("cannot start a build: %s", cordon_strerror(brc));
        cordon_free(def);
        return CLI_FAIL;
    }
    print_source_header();
    int rc = CLI_OK;
    for (int i = 0; i < a->n_args && rc == CLI_OK; i++) rc = add_argument(&c, a->args[i]);
    if (rc == CLI_OK && c.sources == 0) {
        cdn_cli_error("no list files found; nothing written");
        rc = CLI_BADINPUT;
    }
    if (rc == CLI_OK) rc = write_index(&c, out, t0);
    else cdn_cli_error("no index written");
    cordon_builder_close(c.b);
    cordon_free(def);
    return rc;
}

/* ---- index info -------------------------------------------------------------------------- */

static const char *jstr(json_t *o, const char *key) {
    const char *s = json_string_value(json_object_get(o, key));
    return s && *s ? s : "-";
}

static long long jint(json_t *o, const char *key) {
    return (long long)json_integer_value(json_object_get(o, key));
}

static void print_info_table(json_t *info, const char *path) {
    printf("index:          %s\n", path);
    printf("format version: %lld\n", jint(info, "format_version"));
    printf("built at:       %s\n", jstr(info, "built_at"));
    printf("entities:       %lld\n", jint(info, "entities"));
    printf("names:          %lld\n\n", jint(info, "names"));
    printf("%-8s %-14s %-10s %9s %9s  %s\n", "LIST", "FORMAT", "LIST DATE", "ENTITIES", "NAMES", "FILE");
    size_t i;
    json_t *s;
    json_array_foreach(json_object_get(info, "sources"), i, s)
        printf("%-8s %-14s %-10s %9lld %9lld  %s\n", jstr(s, "name"), jstr(s, "format"),
               jstr(s, "list_date"), jint(s, "entities"), jint(s, "names"), jstr(s, "file"));
}

static int run_info(const cli_args *a) {
    int rc = CLI_OK;
    char *def = NULL;
    const char *path = a->n_args ? a->args[0] : cdn_cli_value(a, "index");
    cordon_index *ix = cdn_cli_open_index(path, &rc);
    if (!ix) return rc;
    if (!path) path = def = cordon_default_index_path();
    char *text = NULL;
    cordon_rc lrc = cordon_index_info_json(ix, &text);
    json_t *info = lrc == CORDON_OK ? json_loads(text, 0, NULL) : NULL;
    if (lrc != CORDON_OK || !info) {
        cdn_cli_error("%s: %s", path, lrc != CORDON_OK ? cordon_index_errmsg(ix) : "bad info JSON");
        rc = CLI_FAIL;
    } else if (cdn_cli_flag(a, "json")) {
        puts(text);
    } else {
        print_info_table(info, path);
    }
    json_decref(info);
    cordon_free(text);
    cordon_free(def);
    cordon_index_close(ix);
    return rc;
}

static const cli_option build_options[] = {
    {"output", 'o', "FILE", "write the index here (default: the default index path)"},
    {"verbose", 'v', NULL, "print every warning, not only the first few per source"},
    {0}};

static const cli_option info_options[] = {
    {"json", 0, NULL, "print JSON"},
    {"index", 0, "FILE", "the index (same as the FILE argument)"},
    {0}};

const cli_command cdn_cmd_index_build = {
    "index build", "[-o FILE] [FORMAT=]PATH...", "Builds an index from list files.",
    "Each PATH is a list file, an OFAC CSV folder (with sdn.csv), or a folder that is scanned for\n"
    "list files (and subfolders one level down). Formats are detected; FORMAT=PATH forces one of\n"
    "ofac-csv, ofac-xml, ofac-advanced, un-xml, uk-csv. On a malformed file nothing is written and\n"
    "the exit code is 3.",
    build_options, 1, -1, run_build};

const cli_command cdn_cmd_index_info = {
    "index info", "[--json] [FILE]", "Shows an index's lists, dates and counts.", NULL, info_options, 0,
    1, run_info};
