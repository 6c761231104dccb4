/*
** main.c — the briefc command line: a table of subcommands, as git and mutool have.
**
** Exit status: 0 success, 1 the brief (or a plugin, or a test) failed, 2 usage error.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/build.h"
#include "cli/cli.h"
#include "cli/cmd.h"
#include "cli/process.h"
#include "base/heap.h"
#include "pdf/pdf.h"
#include "serve/serve.h"
#include "cli/supervise.h"
#include "base/util.h"
#include "cli/version.h"
#include "base/suggest.h"

typedef struct cmd {
    const char *name;
    int (*fn)(int argc, char **argv);
    const char *help;
} cmd;

static int cmd_build(int argc, char **argv);
static int cmd_check(int argc, char **argv);
static int cmd_help(int argc, char **argv);
static int cmd_version(int argc, char **argv);

static const cmd commands[] = {
    {"build", cmd_build, "compile a brief into a PDF"},
    {"check", cmd_check, "run everything a build does but write no PDF"},
    {"watch", bc_cmd_watch, "rebuild a brief whenever it, its plugins or its data change"},
    {"batch", bc_cmd_batch, "one PDF per row of a manifest, on every core"},
    {"serve", bc_cmd_serve, "serve briefs over HTTP: a form per brief, its PDF on demand"},
    {"plugins", bc_cmd_plugins, "list the plugins found, or show one plugin's options"},
    {"new", bc_cmd_new, "create a plugin skeleton with its test, or a brief folder for an editor"},
    {"test", bc_cmd_test, "run plugin tests (*_test.lua) inside the host"},
    {"help", cmd_help, "show this help"},
    {"version", cmd_version, "print the version"},
};

static int run_build(int argc, char **argv, int write)
{
    bc_heap_prepare(); /* one document, then exit */
    bc_build_opts o = {0};
    o.write = write;
    o.layout_cache = 1;
    o.prefetch = 1;
    bc_pdf_cleanup_on_signals();
    int rc = bc_build_parse(argc, argv, &o);
    if (rc < 0) rc = bc_supervise_build(&o); /* a child under limits; see supervise.h */
    bc_build_opts_free(&o);
    return rc;
}

static int cmd_build(int argc, char **argv) { return run_build(argc, argv, 1); }
static int cmd_check(int argc, char **argv) { return run_build(argc, argv, 0); }

/* main.c's table, as the option table's printers want it: one summary per command. */
static int summaries(bc_cli_summary *out)
{
    int n = 0;
    for (size_t i = 0; i < sizeof commands / sizeof *commands; i++) {
        out[n].name = commands[i].name;
        out[n++].summary = commands[i].help;
    }
    return n;
}

static int cmd_help(int argc, char **argv)
{
    bc_cli_summary sum[sizeof commands / sizeof *commands];
    int n = summaries(sum), man = 0;
    const char *topic = NULL, *shell = NULL;
    bc_cli p;
    bc_cli_begin(&p, "help", argc, argv);
    for (bc_cli_id id; (id = bc_cli_next(&p)) != BC_OPT_END;) {
        if (id == BC_OPT_MAN)
            man = 1;
        else if (id == BC_OPT_COMPLETION)
            shell = p.value;
        else if (id == BC_OPT_ARG && !topic)
            topic = p.value;
        else if (id == BC_OPT_STOP)
            return p.status;
        else
            return bc_cli_usage(&p, "unexpected argument '%s'", p.opt);
    }
    if (man && topic && (!strcmp(topic, "brief") || !strcmp(topic, "plugins"))) {
        char meta[4200];
        snprintf(meta, sizeof meta, "%s/plugins/briefc.meta.lua", bc_project_dir());
        int ok = topic[0] == 'b' ? bc_cli_man_brief(stdout, meta, BC_VERSION)
                                 : bc_cli_man_plugins(stdout, meta, BC_VERSION);
        return ok ? 0 : BC_EXIT_BRIEF;
    }
    if (man && topic)
        return bc_cli_usage(&p, "--man takes brief, plugins or nothing, not '%s'", topic);
    if (man)
        bc_cli_man(stdout, sum, n, BC_VERSION);
    else if (shell && !bc_cli_completion(stdout, shell, sum, n))
        return bc_cli_usage(&p, "--completion takes bash, zsh or fish, not '%s'", shell);
    else if (shell)
        return 0;
    else if (!topic)
        bc_cli_help_all(stdout, sum, n);
    else {
        for (int i = 0; i < n; i++)
            if (!strcmp(sum[i].name, topic)) {
                bc_cli_help_command(stdout, topic);
                return 0;
            }
        return bc_cli_usage(&p, "no command '%s'", topic);
    }
    return 0;
}

static int cmd_version(int argc, char **argv)
{
    int verbose = 0;
    bc_cli p;
    bc_cli_begin(&p, "version", argc, argv);
    for (bc_cli_id id; (id = bc_cli_next(&p)) != BC_OPT_END;) {
        if (id == BC_OPT_VERBOSE)
            verbose = 1;
        else if (id == BC_OPT_STOP)
            return p.status;
        else
            return bc_cli_usage(&p, "unexpected argument '%s'", p.opt);
    }
    printf("briefc %s (plugin API level 1)\n", BC_VERSION);
    if (verbose) bc_version_print(stdout);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        cmd_help(0, NULL);
        return BC_EXIT_USAGE;
    }
    /* --color=WHEN (or --color WHEN) may come before the command, as git's -c does */
    while (argc > 2 && !strncmp(argv[1], "--color", 7) && (argv[1][7] == '=' || !argv[1][7])) {
        int two = !argv[1][7];
        if (bc_color_parse(two ? argv[2] : argv[1] + 8) < 0)
            return bc_usage_error("--color takes auto, always or never, not '%s'",
                                  two ? argv[2] : argv[1] + 8);
        argc -= 1 + two;
        argv += 1 + two;
    }
    const char *name = argv[1];
    if (!strcmp(name, "--help") || !strcmp(name, "-h")) return cmd_help(argc - 1, argv + 1);
    if (!strcmp(name, "--version")) return cmd_version(argc - 1, argv + 1);
    bc_process_init();
    for (size_t i = 0; i < sizeof commands / sizeof *commands; i++) {
        if (!strcmp(commands[i].name, name)) {
            return commands[i].fn(argc - 1, argv + 1); /* then bc_process_release, at exit */
        }
    }
    const char *names[sizeof commands / sizeof *commands];
    for (size_t i = 0; i < sizeof commands / sizeof *commands; i++) names[i] = commands[i].name;
    const char *best = bc_suggest_n(name, names, sizeof names / sizeof *names);
    if (best) {
        fprintf(stderr, "briefc: unknown command '%s' (did you mean '%s'?)\nTry 'briefc --help'.\n",
                name, best);
        return BC_EXIT_USAGE;
    }
    return bc_usage_error("unknown command '%s'", name);
}
