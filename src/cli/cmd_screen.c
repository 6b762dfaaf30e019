/* cmd_screen.c — `cordon screen` (one name against the index) and `cordon entity` (one record).
 * Invariant: the JSON forms print the library's renderers unchanged; the human forms only reformat. */
#include "cli/cli.h"

#include <ctype.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

/* ---- screen ------------------------------------------------------------------------------ */

/* The NAME arguments joined by spaces, so that `cordon screen Kim Jong Un` works unquoted. */
static char *join_args(const cli_args *a) {
    size_t len = 1;
    for (int i = 0; i < a->n_args; i++) len += strlen(a->args[i]) + 1;
    char *s = malloc(len);
    if (!s) return NULL;
    s[0] = 0;
    for (int i = 0; i < a->n_args; i++) {
        if (i) strcat(s, " ");
        strcat(s, a->args[i]);
    }
    return s;
}

/* Fills q from the options; returns CLI_OK or CLI_USAGE. */
static int query_from_options(const cli_args *a, cordon_query *q) {
    size_t n_ids = 0;
    if (cdn_cli_parse_kind(cdn_cli_value(a, "type"), &q->kind)) return CLI_USAGE;
    if (cdn_cli_parse_threshold(cdn_cli_value(a, "threshold"), &q->threshold)) return CLI_USAGE;
    if (cdn_cli_parse_count("limit", cdn_cli_value(a, "limit"), 1, 100000, &q->limit)) return CLI_USAGE;
    q->dob = cdn_cli_value(a, "dob");
    q->country = cdn_cli_value(a, "country");
    q->identifiers = cdn_cli_values(a, "id", &n_ids);
    q->n_identifiers = n_ids;
    q->exhaustive = cdn_cli_flag(a, "exhaustive") > 0;
    return CLI_OK;
}

static void print_matches_table(const cordon_query *q, const cordon_result *r) {
    double th = q->threshold < 0 ? CORDON_DEFAULT_THRESHOLD : q->threshold;
    printf("%zu alert%s for \"%s\" (threshold %.2f, %zu candidates scored)\n", r->n_matches,
           r->n_matches == 1 ? "" : "s", q->name, th, r->candidates);
    if (!r->n_matches) return;
    size_t w_id = 6, w_name = 12;
    for (size_t i = 0; i < r->n_matches; i++) {
        size_t wi = cdn_cli_width(r->matches[i].entity_id), wn = cdn_cli_width(r->matches[i].matched_name);
        if (wi > w_id) w_id = wi;
        if (wn > w_name) w_name = wn;
    }
    if (w_name > 40) w_name = 40;
    putchar('\n');
    cdn_cli_print_cell(stdout, "ENTITY", w_id);
    printf("  %-5s %-12s %5s  ", "LIST", "KIND", "SCORE");
    cdn_cli_print_cell(stdout, "MATCHED NAME", w_name);
    printf("  WHY\n");
    for (size_t i = 0; i < r->n_matches; i++) {
        const cordon_match *m = &r->matches[i];
        cdn_cli_print_cell(stdout, m->entity_id, w_id);
        printf("  %-5s %-12s %5.3f  ", m->list ? m->list : "", cordon_kind_name(m->kind), m->score);
        cdn_cli_print_cell(stdout, m->matched_name, w_name);
        printf("  %s\n", m->why ? m->why : "");
        if (m->caption && m->matched_name && strcmp(m->caption, m->matched_name) != 0)
            printf("%*s(listed as %s)\n", (int)(w_id + 28), "", m->caption);
    }
}

/* Words in a script nothing reads give no token: the name was screened without them, so say so. */
static void warn_unread(const cordon_result *r) {
    if (!r->unread_words) return;
    int many = r->unread_words > 1;
    cdn_cli_error("warning: %zu word%s of the name %s in a script cordon cannot read; %s not screened "
                  "(`cordon normalize` names %s)", r->unread_words, many ? "s" : "", many ? "are" : "is",
                  many ? "they were" : "it was", many ? "them" : "it");
}

static int run_screen(const cli_args *a) {
    cordon_query q = CORDON_QUERY_INIT;
    int rc = query_from_options(a, &q);
    if (rc != CLI_OK) return rc;
    char *name = join_args(a);
    if (!name) { cdn_cli_error("out of memory"); return CLI_FAIL; }
    q.name = name;
    if (cdn_cli_utf8_invalid(name, strlen(name)) >= 0) {
        cdn_cli_error("the name is not valid UTF-8");
        free(name);
        return CLI_BADINPUT;
    }
    cordon_index *ix = cdn_cli_open_index(cdn_cli_value(a, "index"), &rc);
    cordon_screener *s = NULL;
    cordon_result *r = NULL;
    cordon_rc lrc = CORDON_OK;
    if (ix && (lrc = cordon_screener_open(ix, &s)) != CORDON_OK) {
        cdn_cli_error("cannot open a screener: %s", s ? cordon_screener_errmsg(s) : cordon_strerror(lrc));
        rc = cdn_cli_exit_code(lrc);
    } else if (ix && (lrc = cordon_screen(s, &q, &r)) != CORDON_OK) {
        cdn_cli_error("%s", cordon_screener_errmsg(s));
        rc = cdn_cli_exit_code(lrc);
    } else if (ix && cdn_cli_flag(a, "json")) {
        char *json = NULL;
        if ((lrc = cordon_result_json(r, &json)) == CORDON_OK) puts(json);
        else { cdn_cli_error("%s", cordon_strerror(lrc)); rc = CLI_FAIL; }
        cordon_free(json);
    } else if (ix) {
        print_matches_table(&q, r);
    }
    if (r) warn_unread(r);
    cordon_result_free(r);
    cordon_screener_close(s);
    cordon_index_close(ix);
    free(name);
    return rc;
}

/* ---- entity ------------------------------------------------------------------------------ */

/* "place_of_birth" -> "Place of birth". */
static void print_title(const char *key) {
    putchar('\n');
    for (const char *p = key; *p; p++)
        putchar(*p == '_' ? ' ' : p == key ? toupper((unsigned char)*p) : *p);
    printf(":\n");
}

static void print_scalar(json_t *v) {
    if (json_is_string(v)) fputs(json_string_value(v), stdout);
    else if (json_is_integer(v)) printf("%lld", (long long)json_integer_value(v));
    else if (json_is_real(v)) printf("%g", json_real_value(v));
    else if (json_is_boolean(v)) fputs(json_is_true(v) ? "yes" : "no", stdout);
    else {
        char *s = json_dumps(v, JSON_COMPACT | JSON_ENCODE_ANY);
        if (s) fputs(s, stdout);
        free(s);
    }
}

/* One list item: a string, or an object as its main text then "(key: value, ...)". */
static void print_item(json_t *item) {
    printf("  - ");
    if (!json_is_object(item)) { print_scalar(item); putchar('\n'); return; }
    static const char *const main_keys[] = {"name", "full", "address", "text", "value", "date", NULL};
    const char *main = NULL;
    for (int i = 0; main_keys[i] && !main; i++)
        if (json_is_string(json_object_get(item, main_keys[i]))) main = main_keys[i];
    if (main) fputs(json_string_value(json_object_get(item, main)), stdout);
    const char *key;
    json_t *v;
    int first = 1;
    json_object_foreach(item, key, v) {
        if ((main && strcmp(key, main) == 0) || json_is_null(v) ||
            (json_is_string(v) && !*json_string_value(v)) || (json_is_array(v) && !json_array_size(v)))
            continue;
        printf("%s%s: ", first ? (main ? "  (" : "(") : ", ", key);
        print_scalar(v);
        first = 0;
    }
    printf("%s\n", first ? "" : ")");
}

static void print_entity(json_t *e) {
    const char *key;
    json_t *v;
    json_object_foreach(e, key, v)   /* scalars first, as a header */
        if (!json_is_array(v) && !json_is_object(v) && !json_is_null(v)) {
            printf("%-12s ", key);
            print_scalar(v);
            putchar('\n');
        }
    json_object_foreach(e, key, v) {
        if (json_is_array(v) && json_array_size(v)) {
            size_t i;
            json_t *item;
            print_title(key);
            json_array_foreach(v, i, item) print_item(item);
        } else if (json_is_object(v)) {
            print_title(key);
            print_item(v);
        }
    }
}

static int run_entity(const cli_args *a) {
    int rc = CLI_OK;
    cordon_index *ix = cdn_cli_open_index(cdn_cli_value(a, "index"), &rc);
    if (!ix) return rc;
    char *text = NULL;
    cordon_rc lrc = cordon_entity_json(ix, a->args[0], &text);
    json_t *e = NULL;
    if (lrc == CORDON_ERR_NOTFOUND) {
        cdn_cli_error("no entity '%s' in the index (ids look like ofac:20157, un:KPi.066, uk:12345)",
                      a->args[0]);
        rc = CLI_FAIL;
    } else if (lrc != CORDON_OK) {
        cdn_cli_error("%s", cordon_index_errmsg(ix));
        rc = cdn_cli_exit_code(lrc);
    } else if (cdn_cli_flag(a, "json")) {
        puts(text);
    } else if ((e = json_loads(text, 0, NULL))) {
        print_entity(e);
    } else {
        cdn_cli_error("the library returned bad JSON for %s", a->args[0]);
        rc = CLI_FAIL;
    }
    json_decref(e);
    cordon_free(text);
    cordon_index_close(ix);
    return rc;
}

static const cli_option screen_options[] = {
    {"index", 'i', "FILE", "the index (default: the default index path)"},
    {"type", 't', "TYPE", "person, organization, vessel or aircraft"},
    {"dob", 0, "DATE", "date of birth: 1984-01-08, 1984-01 or 1984"},
    {"country", 'c', "COUNTRY", "nationality or country (ISO code or name)"},
    {"id", 0, "IDENTIFIER", "an identifier such as \"IMO 8328197\" (repeatable)"},
    {"threshold", 0, "SCORE", "alert threshold from 0 to 1 (default 0.80)"},
    {"limit", 'n', "N", "at most N matches (default 10)"},
    {"exhaustive", 0, NULL, "score every entity instead of the index's candidates (slow)"},
    {"json", 0, NULL, "print the matches as JSON"},
    {0}};

static const cli_option entity_options[] = {
    {"index", 'i', "FILE", "the index (default: the default index path)"},
    {"json", 0, NULL, "print JSON"},
    {0}};

const cli_command cdn_cmd_screen = {
    "screen", "[OPTIONS] NAME", "Screens one name against the index.",
    "NAME may be given as several words. Prints the alerts (entity id, list, kind, score, the\n"
    "list name that matched, why), best first.",
    screen_options, 1, -1, run_screen};

const cli_command cdn_cmd_entity = {
    "entity", "[--index FILE] [--json] ID", "Shows one listed entity's whole record.", NULL,
    entity_options, 1, 1, run_entity};
