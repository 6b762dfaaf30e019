/* cli.h — what the files of the `cordon` tool share: the command and option tables, the parsed
 * arguments, exit codes and small helpers. The tool uses only cordon.h (plus libc, jansson, pthreads). */
#ifndef CDN_CLI_H
#define CDN_CLI_H

#include <stddef.h>
#include <stdio.h>
#include "cordon.h"

/* Exit codes, as documented in `cordon help`. */
enum { CLI_OK = 0, CLI_FAIL = 1, CLI_USAGE = 2, CLI_BADINPUT = 3 };

/* One option of one command. `arg` names the value ("FILE") or is NULL for a flag. */
typedef struct cli_option {
    const char *name;       /* long name without "--" */
    char letter;            /* short form, or 0 */
    const char *arg;
    const char *help;
} cli_option;

typedef struct cli_args cli_args;

/* One command: its name ("screen", "index build"), usage line, options and handler. */
typedef struct cli_command {
    const char *name;
    const char *usage;      /* after the command name: "[OPTIONS] NAME" */
    const char *summary;    /* one line for `cordon help` */
    const char *details;    /* extra paragraph for `cordon help CMD`, or NULL */
    const cli_option *options;
    int min_args, max_args; /* positional arguments; max -1 = any number */
    int (*run)(const cli_args *a);
} cli_command;

/* The parsed command line of one command. */
struct cli_args {
    const cli_command *cmd;
    char **args;            /* positional arguments */
    int n_args;
    const char ***values;   /* per option (table order): the values given, in order */
    int *counts;            /* per option: how often it was given */
};

/* opts.c: parses argv (argv[0] is the command's last word) into *a. Returns CLI_OK, or CLI_USAGE
 * after printing the error. */
int cdn_cli_parse(const cli_command *cmd, int argc, char **argv, cli_args *a);
void cdn_cli_args_free(cli_args *a);
/* The last value of option `name`, or NULL if not given. Aborts on a name not in the table. */
const char *cdn_cli_value(const cli_args *a, const char *name);
/* All values of option `name` (*n of them). */
const char *const *cdn_cli_values(const cli_args *a, const char *name, size_t *n);
int cdn_cli_flag(const cli_args *a, const char *name);
/* Prints the help of one command to `out`. */
void cdn_cli_command_help(const cli_command *cmd, FILE *out);

/* common.c: messages and shared checks. */
void cdn_cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void cdn_cli_note(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Maps a library result code to an exit code (INPUT and CORRUPT are bad input; ARG is usage). */
int cdn_cli_exit_code(cordon_rc rc);
/* Opens --index FILE or the default index; prints the reason and returns NULL on failure. */
cordon_index *cdn_cli_open_index(const char *path, int *exit_code);
/* Parses --type, --threshold, --limit, --threads; each prints the error and returns -1. */
int cdn_cli_parse_kind(const char *text, cordon_kind *kind);
int cdn_cli_parse_threshold(const char *text, double *out);
int cdn_cli_parse_count(const char *opt, const char *text, long min, long max, size_t *out);
/* The first invalid byte of s (len bytes) as an offset, or -1 if it is valid UTF-8. */
long cdn_cli_utf8_invalid(const char *s, size_t len);
/* Columns a UTF-8 string takes on a terminal (East Asian wide = 2, combining marks = 0). */
size_t cdn_cli_width(const char *s);
/* Prints s padded with spaces to `width` columns, cut with "…" if longer. */
void cdn_cli_print_cell(FILE *out, const char *s, size_t width);
/* Reads a whole file ("-" = stdin) into a NUL-ended malloc'd buffer; NULL with errno on failure. */
char *cdn_cli_read_file(const char *path, size_t *len);
/* Opens an output file ("-" or NULL = stdout); prints the error and returns NULL on failure. */
FILE *cdn_cli_open_output(const char *path);
/* Seconds on a monotonic clock. */
double cdn_cli_now(void);

/* The commands (cmd_*.c). */
extern const cli_command cdn_cmd_index_build, cdn_cmd_index_info, cdn_cmd_entity, cdn_cmd_screen,
    cdn_cmd_batch, cdn_cmd_compare, cdn_cmd_normalize;

#endif
