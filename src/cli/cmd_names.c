/* cmd_names.c — `cordon compare` (two names, or a CSV of pairs) and `cordon normalize` (how the name
 * layer sees a name). Invariant: neither needs an index; compare uses one for token rarity if present. */
#include "cli/cli.h"
#include "cli/csv.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#define MAX_FIELD (64 * 1024)

/* Prints a JSON text indented, or as it is if it does not parse. */
static void print_pretty(const char *text) {
    json_t *j = json_loads(text, 0, NULL);
    char *s = j ? json_dumps(j, JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(4)) : NULL;
    puts(s ? s : text);
    free(s);
    json_decref(j);
}

/* The index that gives token rarity: --index, else the default index if one exists, else none. */
static int open_rarity_index(const cli_args *a, cordon_index **ix) {
    int rc = CLI_OK;
    const char *path = cdn_cli_value(a, "index");
    *ix = NULL;
    if (path) return (*ix = cdn_cli_open_index(path, &rc)) ? CLI_OK : rc;
    char *def = cordon_default_index_path();
    struct stat st;
    if (def && stat(def, &st) == 0 && cordon_index_open(def, ix) != CORDON_OK) {
        cdn_cli_note("note: %s; comparing without token rarity", cordon_index_errmsg(*ix));   /* it names the file */
        cordon_index_close(*ix);
        *ix = NULL;
    }
    cordon_free(def);
    return CLI_OK;
}

static int open_screener(const cordon_index *ix, cordon_screener **s) {
    cordon_rc rc = cordon_screener_open(ix, s);
    if (rc == CORDON_OK) return CLI_OK;
    cdn_cli_error("cannot open a screener: %s", *s ? cordon_screener_errmsg(*s) : cordon_strerror(rc));
    cordon_screener_close(*s);
    *s = NULL;
    return cdn_cli_exit_code(rc);
}

static int check_utf8(const char *what, const char *s) {
    if (cdn_cli_utf8_invalid(s, strlen(s)) < 0) return 0;
    cdn_cli_error("%s is not valid UTF-8", what);
    return -1;
}

static int compare_pair(cordon_screener *s, cordon_kind kind, const char *n1, const char *n2) {
    if (check_utf8("NAME1", n1) || check_utf8("NAME2", n2)) return CLI_BADINPUT;
    double score = 0;
    char *expl = NULL;
    cordon_rc rc = cordon_compare(s, kind, n1, n2, &score, &expl);
    if (rc != CORDON_OK) {
        cdn_cli_error("%s", cordon_screener_errmsg(s));
        return cdn_cli_exit_code(rc);
    }
    printf("score: %.4f (%s at threshold %.2f)\n", score,
           score >= CORDON_DEFAULT_THRESHOLD ? "match" : "no match", CORDON_DEFAULT_THRESHOLD);
    if (expl) print_pretty(expl);
    cordon_free(expl);
    return CLI_OK;
}

/* Column number of the first header name found (case-insensitive), or -1. */
static long find_column(const cli_record *hdr, const char *const *names) {
    for (int k = 0; names[k]; k++)
        for (size_t i = 0; i < hdr->n; i++)
            if (strcasecmp(cdn_record_field(hdr, i), names[k]) == 0) return (long)i;
    return -1;
}

typedef struct pair_cols { long n1, n2, kind; } pair_cols;

/* Scores one CSV row and writes it with the score and match columns added. */
static void compare_row(cordon_screener *s, const cli_record *rec, pair_cols c, FILE *out, size_t *errors) {
    const char *n1 = cdn_record_field(rec, (size_t)c.n1), *n2 = cdn_record_field(rec, (size_t)c.n2);
    cordon_kind kind = CORDON_KIND_ANY;
    const char *kt = c.kind >= 0 ? cdn_record_field(rec, (size_t)c.kind) : "";
    const char *problem = NULL;
    if (*kt && cordon_kind_parse(kt, &kind) != CORDON_OK) kind = CORDON_KIND_ANY;
    if (rec->overlong) problem = "a field is longer than 64 KiB";
    else if (rec->unterminated) problem = "a quoted field is not closed";
    else if (!*n1 || !*n2) problem = "name1 or name2 is empty";
    else if (cdn_cli_utf8_invalid(n1, strlen(n1)) >= 0 || cdn_cli_utf8_invalid(n2, strlen(n2)) >= 0)
        problem = "not valid UTF-8";
    double score = 0;
    if (!problem && cordon_compare(s, kind, n1, n2, &score, NULL) != CORDON_OK)
        problem = cordon_screener_errmsg(s);
    for (size_t i = 0; i < rec->n; i++) {
        cdn_csv_write_field(out, cdn_record_field(rec, i));
        fputc(',', out);
    }
    if (problem) {
        cdn_cli_note("cordon: line %ld: %s", rec->line, problem);
        fputs(",\n", out);
        (*errors)++;
    } else {
        fprintf(out, "%.4f,%s\n", score, score >= CORDON_DEFAULT_THRESHOLD ? "true" : "false");
    }
}

static int compare_file(cordon_screener *s, const char *in_path, const char *out_path) {
    FILE *in = strcmp(in_path, "-") == 0 ? stdin : fopen(in_path, "rb");
    if (!in) { cdn_cli_error("%s: cannot open", in_path); return CLI_FAIL; }
    FILE *out = cdn_cli_open_output(out_path);
    static const char *const c1[] = {"name1", NULL}, *const c2[] = {"name2", NULL},
                             *const ck[] = {"schema", "type", NULL};
    cli_reader *r = malloc(sizeof *r);
    cli_record hdr, rec;
    cdn_record_init(&hdr, MAX_FIELD);
    cdn_record_init(&rec, MAX_FIELD);
    int rc = out && r ? CLI_OK : CLI_FAIL;
    size_t rows = 0, errors = 0;
    if (r) cdn_reader_init(r, in);
    if (rc == CLI_OK && cdn_csv_read(r, &hdr) != 1) {
        cdn_cli_error("%s: empty input", in_path);
        rc = CLI_BADINPUT;
    }
    pair_cols c = {rc == CLI_OK ? find_column(&hdr, c1) : -1, rc == CLI_OK ? find_column(&hdr, c2) : -1,
                   rc == CLI_OK ? find_column(&hdr, ck) : -1};
    if (rc == CLI_OK && (c.n1 < 0 || c.n2 < 0)) {
        cdn_cli_error("%s: the header needs columns name1 and name2", in_path);
        rc = CLI_BADINPUT;
    }
    if (rc == CLI_OK) {
        for (size_t i = 0; i < hdr.n; i++) { cdn_csv_write_field(out, cdn_record_field(&hdr, i)); fputc(',', out); }
        fputs("score,match\n", out);
        int got;
        while ((got = cdn_csv_read(r, &rec)) == 1)
            if (!cdn_record_blank(&rec)) { compare_row(s, &rec, c, out, &errors); rows++; }
        if (got < 0) { cdn_cli_error("out of memory"); rc = CLI_FAIL; }
        cdn_cli_note("compared %zu pairs, %zu errors", rows, errors);
    }
    if (out && out != stdout && fclose(out) != 0) { cdn_cli_error("%s: write failed", out_path); rc = CLI_FAIL; }
    if (out == stdout && fflush(stdout) != 0) rc = CLI_FAIL;
    if (in != stdin) fclose(in);
    cdn_record_free(&hdr);
    cdn_record_free(&rec);
    free(r);
    return rc;
}

static int run_compare(const cli_args *a) {
    const char *input = cdn_cli_value(a, "input");
    if ((input && a->n_args) || (!input && a->n_args != 2)) {
        cdn_cli_error("compare wants NAME1 NAME2, or --input FILE (see: cordon help compare)");
        return CLI_USAGE;
    }
    cordon_kind kind;
    if (cdn_cli_parse_kind(cdn_cli_value(a, "type"), &kind)) return CLI_USAGE;
    cordon_index *ix = NULL;
    cordon_screener *s = NULL;
    int rc = open_rarity_index(a, &ix);
    if (rc == CLI_OK) rc = open_screener(ix, &s);
    if (rc == CLI_OK)
        rc = input ? compare_file(s, input, cdn_cli_value(a, "output"))
                   : compare_pair(s, kind, a->args[0], a->args[1]);
    cordon_screener_close(s);
    cordon_index_close(ix);
    return rc;
}

static int run_normalize(const cli_args *a) {
    cordon_kind kind;
    if (cdn_cli_parse_kind(cdn_cli_value(a, "type"), &kind)) return CLI_USAGE;
    size_t len = 1;
    for (int i = 0; i < a->n_args; i++) len += strlen(a->args[i]) + 1;
    char *name = calloc(1, len);
    if (!name) return CLI_FAIL;
    for (int i = 0; i < a->n_args; i++) { if (i) strcat(name, " "); strcat(name, a->args[i]); }
    cordon_screener *s = NULL;
    char *json = NULL;
    int rc = check_utf8("the name", name) ? CLI_BADINPUT : open_screener(NULL, &s);
    cordon_rc lrc;
    if (rc == CLI_OK && (lrc = cordon_normalize_json(s, kind, name, &json)) != CORDON_OK) {
        cdn_cli_error("%s", cordon_screener_errmsg(s));
        rc = cdn_cli_exit_code(lrc);
    }
    if (rc == CLI_OK) print_pretty(json);
    cordon_free(json);
    cordon_screener_close(s);
    free(name);
    return rc;
}

static const cli_option compare_options[] = {
    {"type", 't', "TYPE", "person, organization, vessel or aircraft (for a single pair)"},
    {"input", 0, "FILE", "a CSV with columns name1,name2 and optionally schema or type (- = stdin)"},
    {"output", 'o', "FILE", "where --input results go (default: stdout)"},
    {"index", 'i', "FILE", "an index for token rarity (default: the default index, if any)"},
    {0}};

static const cli_option normalize_options[] = {
    {"type", 't', "TYPE", "person, organization, vessel or aircraft"},
    {0}};

const cli_command cdn_cmd_compare = {
    "compare", "[--type TYPE] NAME1 NAME2 | --input PAIRS.csv [--output FILE]",
    "Scores two names against each other and explains the score.",
    "With --input, writes the CSV back with two columns added: score, and match (true/false at\n"
    "the default threshold).",
    compare_options, 0, 2, run_compare};

const cli_command cdn_cmd_normalize = {
    "normalize", "[--type TYPE] NAME", "Shows how a name is tokenised, transliterated and keyed.", NULL,
    normalize_options, 1, -1, run_normalize};
