/* opts.c — the option parser of the `cordon` tool, driven by each command's option table.
 * Invariant: options may come before or after positional arguments; "--" ends options; every
 * option of the table is reachable by --name, --name=VALUE and (if it has one) -x VALUE / -xVALUE. */
#include "cli/cli.h"

#include <stdlib.h>
#include <string.h>

static int option_count(const cli_command *cmd) {
    int n = 0;
    while (cmd->options && cmd->options[n].name) n++;
    return n;
}

static int find_long(const cli_command *cmd, const char *name, size_t len) {
    for (int i = 0; cmd->options && cmd->options[i].name; i++)
        if (strlen(cmd->options[i].name) == len && strncmp(cmd->options[i].name, name, len) == 0)
            return i;
    return -1;
}

static int find_short(const cli_command *cmd, char letter) {
    for (int i = 0; cmd->options && cmd->options[i].name; i++)
        if (cmd->options[i].letter && cmd->options[i].letter == letter) return i;
    return -1;
}

static int usage_error(const cli_command *cmd, const char *what, const char *opt) {
    cdn_cli_error("%s %s (see: cordon help %s)", what, opt, cmd->name);
    return CLI_USAGE;
}

/* Appends one value (NULL for a flag) to option i. */
static int record(cli_args *a, int i, const char *value) {
    const char **v = realloc(a->values[i], (size_t)(a->counts[i] + 1) * sizeof *v);
    if (!v) return -1;
    v[a->counts[i]++] = value;
    a->values[i] = v;
    return 0;
}

/* Handles one "--name" or "--name=value" word; may consume the next word. */
static int parse_long(const cli_command *cmd, cli_args *a, int argc, char **argv, int *k) {
    const char *word = argv[*k] + 2, *eq = strchr(word, '=');
    size_t len = eq ? (size_t)(eq - word) : strlen(word);
    int i = find_long(cmd, word, len);
    if (i < 0) return usage_error(cmd, "unknown option", argv[*k]);
    const cli_option *o = &cmd->options[i];
    const char *value = NULL;
    if (o->arg) {
        if (eq) value = eq + 1;
        else if (*k + 1 < argc) value = argv[++*k];
        else return usage_error(cmd, "missing value for", argv[*k]);
    } else if (eq) {
        return usage_error(cmd, "no value expected for", argv[*k]);
    }
    return record(a, i, value) ? CLI_FAIL : CLI_OK;
}

/* Handles "-x", "-xVALUE", "-x VALUE" and bundled flags "-vq". */
static int parse_short(const cli_command *cmd, cli_args *a, int argc, char **argv, int *k) {
    for (const char *p = argv[*k] + 1; *p; p++) {
        int i = find_short(cmd, *p);
        if (i < 0) {
            char opt[3] = {'-', *p, 0};
            return usage_error(cmd, "unknown option", opt);
        }
        if (!cmd->options[i].arg) {
            if (record(a, i, NULL)) return CLI_FAIL;
            continue;
        }
        const char *value = p[1] ? p + 1 : (*k + 1 < argc ? argv[++*k] : NULL);
        if (!value) return usage_error(cmd, "missing value for", argv[*k]);
        return record(a, i, value) ? CLI_FAIL : CLI_OK;
    }
    return CLI_OK;
}

int cdn_cli_parse(const cli_command *cmd, int argc, char **argv, cli_args *a) {
    int n_opts = option_count(cmd), only_args = 0, rc = CLI_OK;
    memset(a, 0, sizeof *a);
    a->cmd = cmd;
    a->args = calloc((size_t)argc + 1, sizeof *a->args);
    a->values = calloc((size_t)n_opts + 1, sizeof *a->values);
    a->counts = calloc((size_t)n_opts + 1, sizeof *a->counts);
    if (!a->args || !a->values || !a->counts) {
        cdn_cli_error("out of memory");
        return CLI_FAIL;
    }
    for (int k = 1; k < argc && rc == CLI_OK; k++) {
        const char *w = argv[k];
        if (only_args || w[0] != '-' || w[1] == 0) a->args[a->n_args++] = argv[k];  /* "-" = stdin */
        else if (strcmp(w, "--") == 0) only_args = 1;
        else if (w[1] == '-') rc = parse_long(cmd, a, argc, argv, &k);
        else rc = parse_short(cmd, a, argc, argv, &k);
    }
    if (rc != CLI_OK) return rc;
    if (a->n_args < cmd->min_args)
        return usage_error(cmd, "missing argument:", cmd->usage);
    if (cmd->max_args >= 0 && a->n_args > cmd->max_args)
        return usage_error(cmd, "unexpected argument", a->args[cmd->max_args]);
    return CLI_OK;
}

void cdn_cli_args_free(cli_args *a) {
    int n = a->cmd ? option_count(a->cmd) : 0;
    for (int i = 0; a->values && i < n; i++) free(a->values[i]);
    free(a->values);
    free(a->counts);
    free(a->args);
    memset(a, 0, sizeof *a);
}

static int option_index(const cli_args *a, const char *name) {
    int i = find_long(a->cmd, name, strlen(name));
    if (i < 0) abort();   /* a programming error: the command reads an option not in its table */
    return i;
}

const char *cdn_cli_value(const cli_args *a, const char *name) {
    int i = option_index(a, name);
    return a->counts[i] ? a->values[i][a->counts[i] - 1] : NULL;
}

const char *const *cdn_cli_values(const cli_args *a, const char *name, size_t *n) {
    int i = option_index(a, name);
    *n = (size_t)a->counts[i];
    return a->values[i];
}

int cdn_cli_flag(const cli_args *a, const char *name) {
    return a->counts[option_index(a, name)];
}

void cdn_cli_command_help(const cli_command *cmd, FILE *out) {
    fprintf(out, "Usage: cordon %s %s\n\n%s\n", cmd->name, cmd->usage, cmd->summary);
    if (cmd->details) fprintf(out, "\n%s\n", cmd->details);
    if (!cmd->options || !cmd->options[0].name) return;
    fprintf(out, "\nOptions:\n");
    for (const cli_option *o = cmd->options; o->name; o++) {
        char left[64];
        int n = o->letter ? snprintf(left, sizeof left, "-%c, --%s", o->letter, o->name)
                          : snprintf(left, sizeof left, "    --%s", o->name);
        if (o->arg && n > 0 && (size_t)n < sizeof left)
            snprintf(left + n, sizeof left - (size_t)n, " %s", o->arg);
        fprintf(out, "  %-28s %s\n", left, o->help);
    }
}
