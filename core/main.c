/*
** main.c — the briefc command line: a table of subcommands, as git and mutool have.
**
** Exit status: 0 success, 1 the brief (or a plugin, or a test) failed, 2 usage error.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "build.h"
#include "cmd.h"
#include "embed.h"
#include "heap.h"
#include "hyph.h"
#include "pdf.h"
#include "serve/serve.h"
#include "supervise.h"

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
    {"new", bc_cmd_new, "create a working plugin skeleton with a test: new plugin NAME"},
    {"test", bc_cmd_test, "run plugin tests (*_test.lua) inside the host"},
    {"help", cmd_help, "show this help"},
    {"version", cmd_version, "print the version"},
};

static void print_build_help(FILE *f)
{
    fprintf(f,
            "usage: briefc build BRIEF [options]\n"
            "       briefc check BRIEF [options]\n"
            "       briefc watch BRIEF [options]\n"
            "\n"
            "BRIEF is a brief folder (holding brief.lua) or its brief.lua.\n"
            "\n"
            "  -o, --output FILE      write the PDF here (default: <brief name>.pdf)\n"
            "  -D KEY=VALUE           override one of the brief's params (repeatable)\n"
            "  --plugin-path DIR      also search DIR for plugins (repeatable)\n"
            "  --keep-going           draw a marked error box for a failing section and go on\n"
            "                         (the exit status is still 1)\n"
            "  --impose 2up|booklet   place pages on landscape sheets for printing: two a side,\n"
            "                         or in saddle-stitch booklet order (padded to 4 pages)\n"
            "  --crop-marks           with --impose: trim marks at each page's corners\n"
            "  --pdf-standard S       none, ua-1, a-2b, a-2u, a-2a or ua-1,a-2a (default: tagged,\n"
            "                         PDF/UA-1 and PDF/A-2u)\n"
            "  --stats                print layout figures (pages, lines, overfull lines)\n"
            "  --timings              print how long each phase took\n"
            "  --dump-layout FILE     write a text dump of the laid-out pages\n"
            "  -q, --quiet            print no warnings\n");
}

static int run_build(int argc, char **argv, int write)
{
    bc_heap_prepare(); /* one document, then exit */
    bc_build_opts o = {0};
    o.write = write;
    o.layout_cache = 1;
    bc_pdf_cleanup_on_signals();
    int rc = bc_build_parse(argc, argv, &o, print_build_help);
    if (rc < 0) rc = bc_supervise_build(&o); /* a child under limits; see supervise.h */
    bc_build_opts_free(&o);
    return rc;
}

static int cmd_build(int argc, char **argv) { return run_build(argc, argv, 1); }
static int cmd_check(int argc, char **argv) { return run_build(argc, argv, 0); }

static int cmd_help(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    printf("usage: briefc COMMAND [ARGS]\n\ncommands:\n");
    for (size_t i = 0; i < sizeof commands / sizeof *commands; i++)
        printf("  %-10s %s\n", commands[i].name, commands[i].help);
    printf("\n");
    print_build_help(stdout);
    printf("\n"
           "  briefc plugins [NAME] [--brief BRIEF] [--plugin-path DIR]\n"
           "  briefc new plugin NAME [--dir DIR]\n"
           "  briefc test [--plugin-path DIR] [FILE_test.lua ...]\n"
           "  briefc batch BRIEF --rows MANIFEST.csv|.jsonl --out 'out/{column}.pdf'\n"
           "               [-j N] [--shard K/N] [--resume] [--fail-fast] [--report FILE]\n"
           "               [--pdf-standard S]\n"
           "\nenvironment:\n"
           "  BRIEFC_PLUGIN_PATH     extra plugin folders, colon-separated\n"
           "  BRIEFC_HOME            the folder holding the shipped plugins/ and fonts/\n"
           "  BRIEFC_NO_FORK=1       build in this process, not a supervised child (debuggers)\n");
    return 0;
}

static int cmd_version(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    printf("briefc %s (plugin API level 1)\n", BC_VERSION);
    return 0;
}

int main(int argc, char **argv)
{
    int rc;
    if (argc < 2) {
        cmd_help(0, NULL);
        return BC_EXIT_USAGE;
    }
    const char *name = argv[1];
    if (!strcmp(name, "--help") || !strcmp(name, "-h")) return cmd_help(argc - 1, argv + 1);
    if (!strcmp(name, "--version")) return cmd_version(argc - 1, argv + 1);
    for (size_t i = 0; i < sizeof commands / sizeof *commands; i++) {
        if (!strcmp(commands[i].name, name)) {
            rc = commands[i].fn(argc - 1, argv + 1);
            bc_deflate_end();
            bc_embed_release();
            bc_hyph_release();
            return rc;
        }
    }
    return bc_usage_error("unknown command '%s'", name);
}
