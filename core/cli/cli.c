/*
** cli.c — the command line's option table and its parser (see cli.h). The help printers, man
** page and completion writers that read the same table are in cli_doc.c.
*/
#include "cli/cli.h"

#include <stdio.h>
#include <string.h>

#include "cli/build.h"
#include "base/suggest.h"
#include "base/util.h"

#define BUILDS "build check watch"

/* Every option of every command. A new option goes here, then into its command's switch. */
const bc_cli_opt bc_cli_opts[] = {
    {BUILDS, BC_OPT_OUTPUT, 'o', "output", "FILE", "file",
     "write the PDF here (default: the brief folder's name with .pdf, in the current folder)"},
    {BUILDS, BC_OPT_DEFINE, 'D', NULL, "KEY=VALUE", NULL,
     "override one of the brief's params, converted to the type of its default (repeatable)"},
    {BUILDS " batch test", BC_OPT_PLUGIN_PATH, 0, "plugin-path", "DIR", "dir",
     "also search DIR for plugins, before the shipped ones (repeatable)"},
    {"plugins", BC_OPT_PLUGIN_PATH, 0, "plugin-path", "DIR", "dir",
     "also search DIR for plugins (repeatable)"},
    {BUILDS, BC_OPT_KEEP_GOING, 0, "keep-going", NULL, NULL,
     "draw a marked error box in place of a failing section and go on (the exit status is "
     "still 1)"},
    {BUILDS " batch", BC_OPT_IMPOSE, 0, "impose", "MODE", "2up booklet",
     "place the pages on landscape sheets for printing: 2up (two a side) or booklet "
     "(saddle-stitch order, padded to a multiple of 4 pages)"},
    {BUILDS " batch", BC_OPT_CROP_MARKS, 0, "crop-marks", NULL, NULL,
     "with --impose: trim marks at each page's corners"},
    {BUILDS " batch", BC_OPT_PDF_STANDARD, 0, "pdf-standard", "S",
     "none ua-1 a-2b a-2u a-2a ua-1,a-2a",
     "none, ua-1, a-2b, a-2u, a-2a or ua-1,a-2a (default: tagged, PDF/UA-1 and PDF/A-2u)"},
    {BUILDS, BC_OPT_STATS, 0, "stats", NULL, NULL,
     "print layout figures: pages, size, lines, overfull lines, widows, orphans"},
    {BUILDS, BC_OPT_TIMINGS, 0, "timings", NULL, NULL, "print how long each phase took"},
    {BUILDS, BC_OPT_DUMP_LAYOUT, 0, "dump-layout", "FILE", "file",
     "write a text dump of every drawing operation of every page"},
    {BUILDS " batch", BC_OPT_QUIET, 'q', "quiet", NULL, NULL, "print no warnings"},

    {"batch", BC_OPT_ROWS, 0, "rows", "MANIFEST", "file",
     "the manifest: a .csv or .jsonl file, one row per PDF (required)"},
    {"batch", BC_OPT_OUT, 0, "out", "TEMPLATE", "file",
     "each row's PDF, with {column} replaced by the row's value, e.g. 'out/{country}.pdf'"},
    {"batch", BC_OPT_JOBS, 'j', "jobs", "N", NULL,
     "build N rows at a time, 1 to 64 (default: one per core)"},
    {"batch", BC_OPT_SHARD, 0, "shard", "K/N", NULL,
     "build only the K-th of N equal shares of the rows (default: from Slurm or Kubernetes)"},
    {"batch", BC_OPT_RESUME, 0, "resume", NULL, NULL,
     "skip rows whose PDF is already newer than its inputs"},
    {"batch", BC_OPT_FAIL_FAST, 0, "fail-fast", NULL, NULL, "stop at the first failing row"},
    {"batch", BC_OPT_REPORT, 0, "report", "FILE", "file",
     "write a JSON Lines report, one line per row"},
    {"batch", BC_OPT_COMBINE, 0, "combine", "FILE", "file",
     "write every row into one PDF, in manifest order, a bookmark per row"},
    {"batch", BC_OPT_BOOKMARK, 0, "bookmark", "TEMPLATE", NULL,
     "with --combine: each row's bookmark, e.g. '{country} {year}'"},

    {"serve", BC_OPT_LISTEN, 0, "listen", "ADDR:PORT", NULL,
     "where to listen, IPv4 (default 127.0.0.1:8080)"},
    {"serve", BC_OPT_BRIEFS, 0, "briefs", "DIR", "dir",
     "the folder whose subfolders are briefs (default briefs)"},
    {"serve", BC_OPT_JOBS, 'j', "jobs", "N", NULL, "build workers (default: one per core)"},
    {"serve", BC_OPT_MAX_QUEUE, 0, "max-queue", "N", NULL,
     "requests that may wait for a worker (default 64); past that the answer is 503 with "
     "Retry-After"},
    {"serve", BC_OPT_TOKEN_FILE, 0, "token-file", "FILE", "file",
     "require 'Authorization: Bearer TOKEN' on every request but /healthz"},
    {"serve", BC_OPT_CACHE_MB, 0, "cache-mb", "N", NULL,
     "the in-memory response cache (default 64; 0 turns it off)"},
    {"serve", BC_OPT_TIMEOUT, 0, "timeout", "S", NULL,
     "seconds one build may take in a worker (default 60)"},
    {"serve", BC_OPT_CPU_LIMIT, 0, "cpu-limit", "S", NULL,
     "CPU seconds one request may use in its worker, which is replaced past it (default 30; "
     "0: none)"},
    {"serve", BC_OPT_MEMORY_MB, 0, "memory-mb", "N", NULL,
     "address space of each build worker, in MB (default 2048, at least 256; 0: none)"},
    {"serve", BC_OPT_MAX_BODY, 0, "max-body", "KB", NULL, "the largest POST body (default 64)"},
    {"serve", BC_OPT_REQUEST_TIMEOUT, 0, "request-timeout", "S", NULL,
     "seconds a client may take to send a whole request, headers and body, however slowly it "
     "sends (default 30)"},
    {"serve", BC_OPT_LOG, 0, "log", "FILE", "file",
     "append one line per request (SIGHUP reopens it)"},
    {"serve", BC_OPT_ALLOW_HOST, 0, "allow-host", "NAME", NULL,
     "on loopback, also answer requests whose Host is NAME (a reverse proxy's name; "
     "repeatable)"},

    {"plugins test", BC_OPT_BRIEF, 0, "brief", "BRIEF", "brief",
     "also search the brief's own plugins folder, first (default: the current folder when it "
     "holds a brief.lua)"},
    {"new", BC_OPT_DIR, 0, "dir", "DIR", "dir",
     "where to create it (default: plugins for a plugin, the current folder for a brief)"},

    {"help", BC_OPT_MAN, 0, "man", NULL, NULL,
     "print the man page briefc(1) in roff; help --man brief and help --man plugins print "
     "briefc-brief(5) and briefc-plugins(7), made from the ---@meta file"},
    {"help", BC_OPT_COMPLETION, 0, "completion", "SHELL", "bash zsh fish",
     "print the completion script for bash, zsh or fish"},
    {"version", BC_OPT_VERBOSE, 'v', "verbose", NULL, NULL,
     "also print the libraries' versions and where the shipped data comes from"},

    {"*", BC_OPT_HELP, 'h', "help", NULL, NULL, "show the command's options and exit"},
    {"*", BC_OPT_COLOR, 0, "color", "WHEN", "auto always never",
     "colour diagnostics: auto (on a terminal, unless NO_COLOR is set), always or never"},
    {NULL, BC_OPT_END, 0, NULL, NULL, NULL, NULL},
};

/* Every command's synopsis and description; summaries live in main.c's dispatch table. */
const bc_cli_cmd bc_cli_cmds[] = {
    {"build", "BRIEF [options]", "brief",
     "Compiles BRIEF, a brief folder holding brief.lua (or the brief.lua itself), into a PDF. "
     "The PDF is written to a temporary file beside the target and renamed into place; on an "
     "error no PDF is written and an existing one is left untouched."},
    {"check", "BRIEF [options]", "brief",
     "Runs everything a build does, plugins, layout and PDF, but writes no PDF."},
    {"watch", "BRIEF [options]", "brief",
     "Builds BRIEF, then builds it again whenever the brief, its plugins, data or fonts, or a "
     "plugin folder change. Errors are printed without stopping the watch; Ctrl-C stops it."},
    {"batch", "BRIEF --rows MANIFEST (--out TEMPLATE | --combine FILE) [options]", "brief",
     "Builds one PDF per row of MANIFEST, each row's columns becoming the brief's params (as "
     "-D would), on every core. Columns that are not params must appear in the --out template. "
     "Without --shard, the share comes from SLURM_ARRAY_TASK_ID and SLURM_ARRAY_TASK_COUNT, or "
     "from JOB_COMPLETION_INDEX with BRIEFC_SHARD_COUNT."},
    {"serve", "[options]", NULL,
     "Serves the briefs in a folder over HTTP: a form per brief, and its PDF on demand."},
    {"plugins", "[NAME] [options]", "plugin",
     "Lists every plugin on the search path with its version, description and file, marking "
     "those shadowed by an earlier folder; with NAME, prints that plugin's options."},
    {"new", "plugin|brief NAME [--dir DIR]", "plugin brief",
     "new plugin NAME writes a working plugin skeleton and its test. new brief NAME makes a "
     "brief folder with a brief.lua, a plugins folder and a .luarc.json that points "
     "lua-language-server at the installed plugin API definitions. Nothing is overwritten."},
    {"test", "[options] [FILE_test.lua ...]", "file",
     "Runs plugin tests inside the host: the files given, or every *_test.lua on the plugin "
     "path."},
    {"help", "[COMMAND] [--man | --completion SHELL]", "command",
     "Shows every command, or one command's options."},
    {"version", "[--verbose]", NULL, "Prints the version."},
    {NULL, NULL, NULL, NULL},
};

void bc_cli_begin(bc_cli *p, const char *cmd, int argc, char **argv)
{
    memset(p, 0, sizeof *p);
    p->cmd = cmd;
    p->argc = argc;
    p->argv = argv;
    p->i = 1;
}

int bc_cli_applies(const bc_cli_opt *o, const char *cmd)
{
    if (!strcmp(o->commands, "*")) return 1;
    size_t n = strlen(cmd);
    for (const char *s = o->commands; (s = strstr(s, cmd)) != NULL; s += n)
        if ((s == o->commands || s[-1] == ' ') && (s[n] == ' ' || s[n] == 0)) return 1;
    return 0;
}

int bc_cli_usage(const bc_cli *p, const char *fmt, const char *arg)
{
    fprintf(stderr, "briefc: %s: ", p->cmd);
    fprintf(stderr, fmt, arg);
    fprintf(stderr, "\nTry 'briefc help %s'.\n", p->cmd);
    return BC_EXIT_USAGE;
}

/* "unknown option '--stat' (did you mean '--stats'?)": the nearest option this command takes. */
static int unknown_option(const bc_cli *p, const char *a)
{
    const char *names[128];
    size_t n = 0;
    int dashes = a[1] == '-';
    const char *word = a + (dashes ? 2 : 1);
    char w[80];
    snprintf(w, sizeof w, "%.*s", (int)strcspn(word, "="), word);
    for (const bc_cli_opt *q = bc_cli_opts; q->commands && n < sizeof names / sizeof *names; q++)
        if (q->long_name && bc_cli_applies(q, p->cmd)) names[n++] = q->long_name;
    const char *best = bc_suggest_n(w, names, n);
    if (!best) return bc_cli_usage(p, "unknown option '%s'", a);
    fprintf(stderr,
            "briefc: %s: unknown option '%s' (did you mean '--%s'?)\nTry 'briefc help %s'.\n",
            p->cmd, a, best, p->cmd);
    return BC_EXIT_USAGE;
}

static bc_cli_id stop(bc_cli *p, int status)
{
    p->status = status;
    p->i = p->argc;
    return BC_OPT_STOP;
}

bc_cli_id bc_cli_next(bc_cli *p)
{
    for (;;) {
        if (p->i >= p->argc) return BC_OPT_END;
        const char *a = p->argv[p->i++];
        p->opt = a;
        p->value = NULL;
        if (p->only_args || a[0] != '-' || !a[1]) {
            p->value = a;
            return BC_OPT_ARG;
        }
        if (!strcmp(a, "--")) {
            p->only_args = 1;
            continue;
        }
        const bc_cli_opt *o = NULL;
        const char *inline_value = NULL;
        if (a[1] == '-') {
            const char *name = a + 2, *eq = strchr(name, '=');
            size_t n = eq ? (size_t)(eq - name) : strlen(name);
            for (const bc_cli_opt *q = bc_cli_opts; q->commands && !o; q++)
                if (q->long_name && bc_cli_applies(q, p->cmd) && strlen(q->long_name) == n &&
                    !strncmp(q->long_name, name, n))
                    o = q;
            if (o && eq) {
                if (!o->arg) return stop(p, bc_cli_usage(p, "--%s takes no value", o->long_name));
                inline_value = eq + 1;
            }
        } else {
            for (const bc_cli_opt *q = bc_cli_opts; q->commands && !o; q++)
                if (q->short_name == a[1] && bc_cli_applies(q, p->cmd)) o = q;
            if (o && a[2]) {
                if (!o->arg)
                    o = NULL; /* no bundled flags: "-qh" is unknown */
                else
                    inline_value = a + 2;
            }
        }
        if (!o) return stop(p, unknown_option(p, a));
        if (o->arg) {
            if (inline_value)
                p->value = inline_value;
            else if (p->i < p->argc)
                p->value = p->argv[p->i++];
            else {
                char what[160];
                snprintf(what, sizeof what, "%%s needs %s", o->arg);
                return stop(p, bc_cli_usage(p, what, a));
            }
        }
        if (o->id == BC_OPT_HELP) {
            bc_cli_help_command(stdout, p->cmd);
            return stop(p, 0);
        }
        if (o->id == BC_OPT_COLOR) {
            if (bc_color_parse(p->value) < 0)
                return stop(
                    p, bc_cli_usage(p, "--color takes auto, always or never, not '%s'", p->value));
            continue;
        }
        return o->id;
    }
}
