/* main.c — the `cordon` tool: one table of commands, dispatch, `cordon help [CMD]`, --version.
 * Invariant: exit codes are 0 ok, 1 other errors, 2 usage, 3 bad input; messages go to stderr. */
#include "cli/cli.h"

#include <jansson.h>
#include <string.h>

#include "server/server.h"

static int run_help(const cli_args *a);
static int run_version(const cli_args *a);

static const cli_option no_options[] = {{0}};

static const cli_command cmd_help = {
    "help", "[COMMAND]", "Shows the commands, or the usage and options of one command.", NULL,
    no_options, 0, 2, run_help};
static const cli_command cmd_version = {
    "version", "", "Prints the version of cordon and of its library.", NULL, no_options, 0, 0,
    run_version};
/* `serve` keeps its own options (server.c); this entry is for help and dispatch only. */
static const cli_command cmd_serve = {
    "serve", "[OPTIONS]", "Starts the HTTP API and web page (see: cordon serve --help).", NULL,
    no_options, 0, -1, NULL};

/* Every command, in the order `cordon help` lists them. */
static const cli_command *const commands[] = {
    &cdn_cmd_screen, &cdn_cmd_batch, &cdn_cmd_entity, &cdn_cmd_index_build, &cdn_cmd_index_info,
    &cdn_cmd_compare, &cdn_cmd_normalize, &cmd_serve, &cmd_help, &cmd_version, NULL};

static void print_overview(FILE *out) {
    fprintf(out, "Usage: cordon COMMAND [OPTIONS] [ARGS]\n\n"
                 "Screens names against sanctions and watch lists.\n\nCommands:\n");
    for (int i = 0; commands[i]; i++)
        fprintf(out, "  %-14s %s\n", commands[i]->name, commands[i]->summary);
    fprintf(out, "\n'cordon help COMMAND' shows a command's options. Exit codes: 0 ok, 1 error,\n"
                 "2 usage error, 3 bad input (a malformed list or query file).\n"
                 "The default index is %s.\n", "$XDG_DATA_HOME/cordon/index.cordon");
}

/* The command named by argv[0] (and argv[1] for two-word commands); *words says how many. */
static const cli_command *find_command(int argc, char **argv, int *words) {
    for (int i = 0; commands[i]; i++) {
        const char *name = commands[i]->name, *space = strchr(name, ' ');
        if (!space && strcmp(name, argv[0]) == 0) { *words = 1; return commands[i]; }
        if (space && argc > 1 && strlen(argv[0]) == (size_t)(space - name) &&
            strncmp(name, argv[0], (size_t)(space - name)) == 0 && strcmp(space + 1, argv[1]) == 0) {
            *words = 2;
            return commands[i];
        }
    }
    return NULL;
}

/* Lists the commands starting with `group` ("index"); returns how many. */
static int print_group(const char *group, FILE *out) {
    int n = 0;
    size_t len = strlen(group);
    for (int i = 0; commands[i]; i++)
        if (strncmp(commands[i]->name, group, len) == 0 && commands[i]->name[len] == ' ') {
            if (!n++) fprintf(out, "Usage: cordon %s SUBCOMMAND ...\n\n", group);
            fprintf(out, "  %-14s %s\n", commands[i]->name, commands[i]->summary);
        }
    return n;
}

static int run_help(const cli_args *a) {
    if (a->n_args == 0) { print_overview(stdout); return CLI_OK; }
    int words = 0;
    const cli_command *c = find_command(a->n_args, a->args, &words);
    if (c && c != &cmd_serve && words == a->n_args) { cdn_cli_command_help(c, stdout); return CLI_OK; }
    if (c == &cmd_serve) {
        char *argv[] = {"serve", "--help", NULL};
        return cdn_serve_main(2, argv);
    }
    if (a->n_args == 1 && print_group(a->args[0], stdout)) return CLI_OK;
    cdn_cli_error("no command '%s' (see: cordon help)", a->args[0]);
    return CLI_USAGE;
}

static int run_version(const cli_args *a) {
    (void)a;
    printf("cordon %s (jansson %s)\n", cordon_version(), JANSSON_VERSION);
    return CLI_OK;
}

static int wants_help(int argc, char **argv) {
    for (int i = 1; i < argc && strcmp(argv[i], "--") != 0; i++)
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) return 1;
    return 0;
}

int main(int argc, char **argv) {
    if (argc < 2) { print_overview(stderr); return CLI_USAGE; }
    if (strcmp(argv[1], "--version") == 0 || strcmp(argv[1], "-V") == 0) return run_version(NULL);
    if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) { print_overview(stdout); return CLI_OK; }
    int words = 0;
    const cli_command *cmd = find_command(argc - 1, argv + 1, &words);
    if (cmd == &cmd_serve) return cdn_serve_main(argc - 1, argv + 1);
    if (!cmd) {
        if (print_group(argv[1], stderr)) return CLI_USAGE;
        cdn_cli_error("no command '%s' (see: cordon help)", argv[1]);
        return CLI_USAGE;
    }
    int sub_argc = argc - words;
    char **sub_argv = argv + words;   /* sub_argv[0] is the command's last word */
    if (wants_help(sub_argc, sub_argv)) { cdn_cli_command_help(cmd, stdout); return CLI_OK; }
    cli_args a;
    int rc = cdn_cli_parse(cmd, sub_argc, sub_argv, &a);
    if (rc == CLI_OK) rc = cmd->run(&a);
    cdn_cli_args_free(&a);
    return rc;
}
