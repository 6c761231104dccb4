/*
** main.c — the briefc command line: a table of subcommands, as git and mutool have.
**
** Exit status: 0 success, 1 the brief (or a plugin) failed, 2 usage error.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "doc.h"
#include "fontset.h"
#include "host.h"
#include "layout.h"
#include "embed.h"
#include "pdf.h"

#define EXIT_BRIEF 1
#define EXIT_USAGE 2

#ifndef BC_PROJECT_DIR
#define BC_PROJECT_DIR "."
#endif

typedef struct cmd {
    const char *name;
    int (*fn)(int argc, char **argv);
    const char *help;
} cmd;

static int cmd_build(int argc, char **argv);
static int cmd_help(int argc, char **argv);
static int cmd_version(int argc, char **argv);

static const cmd commands[] = {
    {"build", cmd_build, "compile a brief into a PDF"},
    {"help", cmd_help, "show this help"},
    {"version", cmd_version, "print the version"},
};

static const char *project_dir(void)
{
    const char *env = getenv("BRIEFC_HOME");
    return env && env[0] ? env : BC_PROJECT_DIR;
}

static int usage_error(const char *fmt, const char *arg)
{
    fprintf(stderr, "briefc: ");
    fprintf(stderr, fmt, arg);
    fprintf(stderr, "\nTry 'briefc --help'.\n");
    return EXIT_USAGE;
}

static void print_build_help(FILE *f)
{
    fprintf(f,
            "usage: briefc build BRIEF [options]\n"
            "\n"
            "BRIEF is a brief folder (holding brief.lua) or its brief.lua.\n"
            "\n"
            "  -o, --output FILE      write the PDF here (default: <brief name>.pdf)\n"
            "  -D KEY=VALUE           override one of the brief's params (repeatable)\n"
            "  --plugin-path DIR      also search DIR for plugins (repeatable)\n"
            "  --keep-going           draw a marked error box for a failing section and go on\n"
            "                         (the exit status is still 1)\n"
            "  --stats                print layout figures (pages, lines, overfull lines)\n"
            "  --dump-layout FILE     write a text dump of the laid-out pages\n"
            "  -q, --quiet            print no warnings\n");
}

/* {====================================================== build */

typedef struct build_opts {
    const char *brief, *output, *dump;
    const char **defines;
    int ndefines;
    const char **plugin_dirs;
    int nplugin_dirs;
    int keep_going, stats, quiet;
} build_opts;

static char *default_output(const char *brief)
{
    char tmp[4096];
    snprintf(tmp, sizeof tmp, "%s", brief);
    size_t n = strlen(tmp);
    while (n > 1 && tmp[n - 1] == '/') tmp[--n] = 0;
    if (n > 10 && strcmp(tmp + n - 10, "/brief.lua") == 0) tmp[n - 10] = 0;
    else if (strcmp(tmp, "brief.lua") == 0) snprintf(tmp, sizeof tmp, "brief");
    const char *base = strrchr(tmp, '/');
    base = base ? base + 1 : tmp;
    if (!base[0] || strcmp(base, ".") == 0 || strcmp(base, "..") == 0) base = "brief";
    char *out = bc_xmalloc(strlen(base) + 5);
    sprintf(out, "%s.pdf", base);
    return out;
}

/* Compiles one brief; returns an exit status. */
static int build(const build_opts *o)
{
    bc_error err;
    bc_error_clear(&err);
    bc_host_config cfg = {o->brief, o->defines, o->ndefines, o->plugin_dirs, o->nplugin_dirs,
                          project_dir(), o->keep_going};
    bc_host *host = NULL;
    bc_doc *doc = NULL;
    bc_fontset *fs = NULL;
    bc_layout *lay = NULL;
    bc_buf warnings = {0}, pdf = {0};
    char *out_default = NULL;
    int status = EXIT_BRIEF;
    bc_status hst = BC_OK;

    if (bc_host_new(&cfg, &host, &err) != BC_OK) goto fail;
    const bc_brief *b = bc_host_brief(host);
    doc = bc_doc_new();
    hst = bc_host_render(host, doc, &warnings, &err);
    if (hst != BC_OK && !o->keep_going) goto fail;

    char brief_fonts[4096], project_fonts[4096];
    snprintf(brief_fonts, sizeof brief_fonts, "%s/fonts", b->dir);
    snprintf(project_fonts, sizeof project_fonts, "%s/fonts", project_dir());
    const char *dirs[] = {brief_fonts, project_fonts, NULL};
    fs = bc_fontset_new(b->theme.body_font, b->theme.heading_font, dirs);
    bc_error lerr;
    bc_error_clear(&lerr);
    if (bc_layout_run(doc, &b->theme, &b->meta, fs, &lay, &lerr) != BC_OK) {
        err = lerr;
        if (!err.file[0]) snprintf(err.file, sizeof err.file, "%s", b->path);
        hst = BC_ERR;
        goto fail;
    }
    bc_buf_add(&warnings, lay->warnings.data ? lay->warnings.data : "", lay->warnings.len);
    if (lay->npages > b->limits.pages) {
        bc_error_set(&err, b->path, 0, "the brief has %d pages, more than its limit of %d; raise "
                     "limits.pages in brief.lua", lay->npages, b->limits.pages);
        hst = BC_ERR;
        goto fail;
    }
    if (o->dump) {
        bc_buf d = {0};
        bc_layout_dump(lay, &d);
        bc_pdf_commit((const unsigned char *)(d.data ? d.data : ""), d.len, o->dump, &err);
        bc_buf_free(&d);
    }
    if (bc_pdf_render(lay, &b->theme, &b->meta, fs, &pdf, &lerr) != BC_OK) {
        err = lerr;
        hst = BC_ERR;
        goto fail;
    }
    const char *out = o->output;
    if (!out) out = out_default = default_output(o->brief);
    if (bc_pdf_commit((const unsigned char *)pdf.data, pdf.len, out, &err) != BC_OK) {
        hst = BC_ERR;
        goto fail;
    }
    if (o->stats)
        printf("%s: %d pages, %zu bytes, %d lines, %d overfull, %d loose, largest stretch %.2f\n",
               out, lay->npages, pdf.len, lay->stats.lines, lay->stats.overfull, lay->stats.loose,
               lay->stats.max_ratio);
    status = hst == BC_OK ? 0 : EXIT_BRIEF;

fail:
    if (!o->quiet && warnings.len) fputs(warnings.data, stderr);
    if (hst != BC_OK || status != 0) {
        if (err.msg[0]) bc_error_print(&err, "briefc");
        status = EXIT_BRIEF;
    }
    bc_buf_free(&warnings);
    bc_buf_free(&pdf);
    bc_layout_free(lay);
    bc_fontset_free(fs);
    bc_doc_free(doc);
    bc_host_free(host);
    free(out_default);
    return status;
}

static int cmd_build(int argc, char **argv)
{
    build_opts o = {0};
    o.defines = bc_xcalloc((size_t)argc + 1, sizeof(char *));
    o.plugin_dirs = bc_xcalloc((size_t)argc + 1, sizeof(char *));
    int rc = -1;
    for (int i = 1; i < argc && rc < 0; i++) {
        const char *a = argv[i];
        const char *next = i + 1 < argc ? argv[i + 1] : NULL;
        if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
            print_build_help(stdout);
            rc = 0;
        } else if (!strcmp(a, "-o") || !strcmp(a, "--output")) {
            if (!next) rc = usage_error("%s needs a file name", a);
            o.output = next;
            i++;
        } else if (!strncmp(a, "-D", 2)) {
            const char *kv = a[2] ? a + 2 : next;
            if (!kv) rc = usage_error("%s needs key=value", a);
            else if (!strchr(kv, '=')) rc = usage_error("-D expects key=value, got '%s'", kv);
            o.defines[o.ndefines++] = kv;
            if (!a[2]) i++;
        } else if (!strcmp(a, "--plugin-path")) {
            if (!next) rc = usage_error("%s needs a folder", a);
            o.plugin_dirs[o.nplugin_dirs++] = next;
            i++;
        } else if (!strcmp(a, "--dump-layout")) {
            if (!next) rc = usage_error("%s needs a file name", a);
            o.dump = next;
            i++;
        } else if (!strcmp(a, "--keep-going")) {
            o.keep_going = 1;
        } else if (!strcmp(a, "--stats")) {
            o.stats = 1;
        } else if (!strcmp(a, "-q") || !strcmp(a, "--quiet")) {
            o.quiet = 1;
        } else if (a[0] == '-' && a[1]) {
            rc = usage_error("build: unknown option '%s'", a);
        } else if (o.brief) {
            rc = usage_error("build: one brief at a time (got a second: '%s')", a);
        } else {
            o.brief = a;
        }
    }
    if (rc < 0 && !o.brief) rc = usage_error("%s", "build: which brief? (briefc build BRIEF)");
    if (rc < 0) rc = build(&o);
    bc_deflate_end();
    free(o.defines);
    free(o.plugin_dirs);
    return rc;
}

/* }====================================================== */

static int cmd_help(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    printf("usage: briefc COMMAND [ARGS]\n\ncommands:\n");
    for (size_t i = 0; i < sizeof commands / sizeof *commands; i++)
        printf("  %-10s %s\n", commands[i].name, commands[i].help);
    printf("\n");
    print_build_help(stdout);
    printf("\nenvironment:\n"
           "  BRIEFC_PLUGIN_PATH     extra plugin folders, colon-separated\n"
           "  BRIEFC_HOME            the folder holding the shipped plugins/ and fonts/\n");
    return 0;
}

static int cmd_version(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    printf("briefc %s\n", BC_VERSION);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        cmd_help(0, NULL);
        return EXIT_USAGE;
    }
    const char *name = argv[1];
    if (!strcmp(name, "--help") || !strcmp(name, "-h")) return cmd_help(argc - 1, argv + 1);
    if (!strcmp(name, "--version")) return cmd_version(argc - 1, argv + 1);
    for (size_t i = 0; i < sizeof commands / sizeof *commands; i++)
        if (!strcmp(commands[i].name, name)) return commands[i].fn(argc - 1, argv + 1);
    return usage_error("unknown command '%s'", name);
}
