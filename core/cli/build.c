/*
** build.c — one build of one brief: brief and plugins (host), layout, PDF, atomic write.
** Shared by `briefc build`, `briefc check` and `briefc watch`.
*/
#define _GNU_SOURCE /* fdopendir, dirfd, d_type */
#include "cli/build.h"

#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#include "cli/cli.h"
#include "batch/combine.h"
#include "doc/a11y.h"
#include "doc/doc.h"
#include "pdf/embed.h"
#include "layout/fontset.h"
#include "base/home.h"
#include "lua/host.h"
#include "pdf/impose.h"
#include "layout/layout.h"
#include "cli/output.h"
#include "pdf/pdf.h"
#include "pdf/pdf_std.h"
#include "cli/supervise.h"
#include "base/cache.h"
#include "base/dl.h"
#include "layout/svg.h"
#include "text/hbsubset.h"

const char *bc_project_dir(void) { return bc_home_dir(); } /* see home.h */

int bc_usage_error(const char *fmt, const char *arg)
{
    fprintf(stderr, "briefc: ");
    fprintf(stderr, fmt, arg);
    fprintf(stderr, "\nTry 'briefc --help'.\n");
    return BC_EXIT_USAGE;
}

static char *default_output(const char *brief)
{
    char tmp[4096];
    snprintf(tmp, sizeof tmp, "%s", brief);
    size_t n = strlen(tmp);
    while (n > 1 && tmp[n - 1] == '/') tmp[--n] = 0;
    if (n > 10 && strcmp(tmp + n - 10, "/brief.lua") == 0)
        tmp[n - 10] = 0;
    else if (strcmp(tmp, "brief.lua") == 0)
        snprintf(tmp, sizeof tmp, "brief");
    const char *base = strrchr(tmp, '/');
    base = base ? base + 1 : tmp;
    if (!base[0] || strcmp(base, ".") == 0 || strcmp(base, "..") == 0) base = "brief";
    char *out = bc_xmalloc(strlen(base) + 5);
    sprintf(out, "%s.pdf", base);
    return out;
}

char *bc_build_output_path(const bc_build_opts *o)
{
    return o->output ? bc_xstrdup(o->output) : default_output(o->brief);
}

/* Writes an output once the guard allows it: into the supervisor's memory file when there is
   one (the parent commits it once this process is done), else to its file. */
static bc_status put_output(const bc_output_guard *g, bc_supervise_output which,
                            bc_output_kind kind, const char *what, const void *data, size_t len,
                            const char *path, bc_error *err)
{
    if (bc_output_check(g, path, kind, what, err) != BC_OK) return BC_ERR;
    bc_status s = bc_supervise_put(which, data, len, err);
    if (s != BC_ERR) return s;
    return bc_pdf_commit((const unsigned char *)(data ? data : ""), len, path, err);
}

bc_fontset *bc_build_fonts(const bc_brief *b)
{
    char brief_fonts[4096], project_fonts[4096];
    snprintf(brief_fonts, sizeof brief_fonts, "%s/fonts", b->dir);
    snprintf(project_fonts, sizeof project_fonts, "%s/fonts", bc_project_dir());
    const char *dirs[] = {brief_fonts, project_fonts, NULL};
    bc_fontset *fs = bc_fontset_new(b->theme.body_font, b->theme.heading_font, dirs);
    bc_fontset_set_code_family(fs, b->theme.code_font);
    bc_fontset_set_root(fs, b->real_dir);
    return fs;
}

/* Minor page faults so far: on a virtual machine each costs microseconds, so --timings
   shows where they happen. */
static long faults(void)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return ru.ru_minflt;
}

/* One build: what it owns, freed on one path (build_end), and how far it got. Each phase
   below reads and fills it and returns 0 to go on, -1 to stop. */
typedef struct build {
    const bc_build_opts *o;
    bc_error err;
    bc_host *host;
    const bc_brief *b;
    bc_doc *doc;
    bc_fontset *fs;
    bc_typesetter *ts;
    bc_pagemap pages; /* the previous layout pass's */
    bc_layout *lay;
    bc_buf warnings, pdf;
    char *out_default;
    const char *out;
    bc_output_guard og;
    int status;    /* the exit status so far */
    bc_status hst; /* BC_ERR: a section failed (--keep-going goes on) or a later phase did */
    int kept_going;
    double t[5]; /* phase start times and minor faults, for --timings */
    long f[5];
} build;

static void mark(build *B, int phase)
{
    B->t[phase] = bc_now();
    B->f[phase] = faults();
}

/* Whether the folder dfd, or a folder in it, names a .svg file: the brief may draw one. Looks at
   no more than *budget names, never through a link, and reads no file. */
static int names_svg(int dfd, int depth, int *budget)
{
    DIR *d = fdopendir(dfd);
    if (!d) {
        close(dfd);
        return 0;
    }
    int found = 0;
    for (struct dirent *e; !found && *budget > 0 && (e = readdir(d)); (*budget)--) {
        size_t n = strlen(e->d_name);
        if (n > 4 && !strcmp(e->d_name + n - 4, ".svg")) {
            found = 1;
        } else if (depth > 0 && e->d_type == DT_DIR && e->d_name[0] != '.') {
            int sub = openat(dirfd(d), e->d_name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
            if (sub >= 0) found = names_svg(sub, depth - 1, budget);
        }
    }
    closedir(d);
    return found;
}

/* With nothing cached (the cache off, or its folder not made yet), the PDF will need HarfBuzz's
   subsetter, and libxml2 for an SVG of the brief's folder: opened on a second thread while the
   plugins run (dl.h): their loading is off the critical path. Started once the address-space
   limit is set (supervise.h), so that they count against it as when the build opened them
   itself. A warm build opens neither and starts nothing. */
static void prefetch(const build *B)
{
    const bc_build_opts *o = B->o;
    if (!o->prefetch || !o->write || o->fonts || (bc_cache_enabled() && bc_cache_folder_exists()))
        return;
    const char *libs[2];
    size_t n = 0;
    int budget = 512;
    int dfd = open(B->b->dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dfd >= 0 && names_svg(dfd, 1, &budget)) libs[n++] = BC_SVG_LIBRARY; /* first: sooner */
    libs[n++] = BC_HBSUBSET_LIBRARY;
    bc_dl_prefetch(libs, n);
}

/* The brief and its plugins: the Lua state, the output checks, the sections rendered. */
static int load(build *B)
{
    const bc_build_opts *o = B->o;
    bc_host_config cfg = {0};
    cfg.brief = o->brief;
    cfg.defines = o->defines;
    cfg.ndefines = o->ndefines;
    cfg.plugin_dirs = o->plugin_dirs;
    cfg.nplugin_dirs = o->nplugin_dirs;
    cfg.project_dir = bc_project_dir();
    cfg.keep_going = o->keep_going;
    mark(B, 0);
    if (bc_host_new(&cfg, &B->host, &B->err) != BC_OK) return -1;
    B->b = bc_host_brief(B->host);
    if (bc_output_prepare(&B->og, B->b, o, &B->err) != BC_OK) return -1;
    mark(B, 1);
    bc_supervise_brief(B->b->path, &B->b->limits, B->b->nsections);
    prefetch(B);
    B->doc = bc_doc_new();
    B->doc->page_limit = B->b->limits.pages;
    B->hst = bc_host_render(B->host, B->doc, &B->warnings, &B->err);
    bc_supervise_lease(BC_SUPERVISE_HOST_SECONDS, "host: laying out the brief");
    mark(B, 2);
    if (B->hst != BC_OK && !o->keep_going) return -1;
    if (B->hst != BC_OK && !o->error) { /* each failed section's error is printed already */
        B->kept_going = 1;
        bc_error_clear(&B->err);
    }
    return 0;
}

/* Layout: page references and contents need page numbers, so lay out, and while the page
   map moved, lay out again with it (twice is almost always enough; three at most). */
static int lay_out(build *B)
{
    const bc_build_opts *o = B->o;
    const bc_brief *b = B->b;
    if (o->fonts) {
        B->fs = o->fonts; /* a batch worker's fonts: opened once, metrics cached */
        bc_fontset_usage_clear(B->fs);
    } else {
        B->fs = bc_build_fonts(b);
    }
    B->ts = bc_typesetter_new(o->layout_cache ? b->path : NULL);
    for (int pass = 0; pass < 3; pass++) {
        if (B->lay) bc_pagemap_copy(&B->pages, &B->lay->map);
        bc_layout_free(B->lay);
        B->lay = NULL;
        if (pass) bc_fontset_usage_clear(B->fs);
        bc_error lerr;
        bc_error_clear(&lerr);
        if (bc_layout_run(B->ts, B->doc, &b->theme, &b->meta, B->fs, pass ? &B->pages : NULL,
                          &B->lay, &lerr) != BC_OK) {
            B->err = lerr;
            if (!B->err.file[0]) snprintf(B->err.file, sizeof B->err.file, "%s", b->path);
            B->hst = BC_ERR;
            return -1;
        }
        if (!B->doc->page_refs) break;
        if (!bc_pagemap_differs(pass ? &B->pages : NULL, &B->lay->map)) break;
        if (bc_doc_resolve(B->doc, B->lay->map.label_page, &B->err) != BC_OK) {
            B->hst = BC_ERR;
            return -1;
        }
    }
    if (o->layout_cache && B->hst == BC_OK) bc_typesetter_save(B->ts);
    mark(B, 3);
    bc_buf_add(&B->warnings, B->lay->warnings.data ? B->lay->warnings.data : "",
               B->lay->warnings.len);
    if (!o->write && !(o->pdf_standard & BC_STD_NONE)) /* check: what a reader needs fixed */
        bc_a11y_check(B->doc, &b->theme, &b->meta, b->path, &B->warnings);
    if (B->lay->npages > b->limits.pages) {
        bc_error_set(&B->err, b->path, 0,
                     "the brief has %d pages, more than its limit of %d; "
                     "raise limits.pages in brief.lua",
                     B->lay->npages, b->limits.pages);
        B->hst = BC_ERR;
        return -1;
    }
    return 0;
}

/* The outputs besides the PDF: the layout dump (--dump-layout) and a batch row's pack
   (--combine); a row packed for a combined file and not written stops here. */
static int side_outputs(build *B)
{
    const bc_build_opts *o = B->o;
    if (o->dump) {
        bc_buf d = {0};
        bc_buf_adds(&d, BC_OUTPUT_DUMP_HEADER);
        bc_layout_dump(B->lay, &d);
        bc_status ds = put_output(&B->og, BC_SUPERVISE_DUMP, BC_OUTPUT_DUMP, "--dump-layout",
                                  d.data, d.len, o->dump, &B->err);
        bc_buf_free(&d);
        if (ds != BC_OK) { /* a golden test must not compare a stale dump */
            B->hst = BC_ERR;
            return -1;
        }
    }
    if (o->pack) {
        bc_combine_pack(B->lay, B->b->theme.page_w, B->b->theme.page_h, o->pack);
        if (!o->write) {
            B->status = B->hst == BC_OK ? 0 : BC_EXIT_BRIEF;
            return -1;
        }
    }
    return 0;
}

/* The PDF: imposed when asked, rendered, then written (or handed to the caller). */
static int write_pdf(build *B)
{
    const bc_build_opts *o = B->o;
    bc_theme sheet = B->b->theme;
    if (o->impose) bc_impose(B->lay, &sheet, (bc_impose_mode)o->impose, o->crop_marks);
    bc_meta meta = B->b->meta;
    if (o->pdf_standard) meta.pdf_standard = o->pdf_standard;
    bc_error lerr;
    bc_error_clear(&lerr);
    if (bc_pdf_render_consume(B->lay, &sheet, &meta, B->fs, &B->pdf, &lerr) != BC_OK) {
        B->err = lerr;
        B->hst = BC_ERR;
        return -1;
    }
    mark(B, 4);
    B->out = o->output ? o->output : (B->out_default = default_output(o->brief));
    if (o->write && o->pdf_out) {
        bc_buf_add(o->pdf_out, B->pdf.data ? B->pdf.data : "", B->pdf.len);
    } else if (o->write && put_output(&B->og, BC_SUPERVISE_PDF, BC_OUTPUT_PDF, "the output",
                                      B->pdf.data, B->pdf.len, B->out, &B->err) != BC_OK) {
        B->hst = BC_ERR;
        return -1;
    }
    return 0;
}

/* What a successful build prints: check's one line, --timings and --stats. */
static void report(const build *B)
{
    const bc_build_opts *o = B->o;
    const bc_layout *lay = B->lay;
    const double *t = B->t;
    const long *f = B->f;
    if (!o->write && !o->quiet && B->hst == BC_OK)
        fprintf(stderr, "%s: ok (%d pages, %zu bytes; no PDF written)\n", B->b->path, lay->npages,
                B->pdf.len);
    if (o->timings) {
        int ns = B->b->nsections;
        fprintf(stderr,
                "timings: brief and Lua state %.2f ms, %d sections %.2f ms (%.3f ms each), "
                "layout %.2f ms, PDF %.2f ms, write %.2f ms\n",
                (t[1] - t[0]) * 1e3, ns, (t[2] - t[1]) * 1e3, (t[2] - t[1]) * 1e3 / (ns ? ns : 1),
                (t[3] - t[2]) * 1e3, (t[4] - t[3]) * 1e3, (bc_now() - t[4]) * 1e3);
        fprintf(stderr, "paragraph cache, last pass: %d set, %d reused (%d from disk)\n",
                lay->par_set, lay->par_reused, lay->par_from_disk);
        fprintf(stderr,
                "page faults: before %ld, brief and Lua state %ld, sections %ld, "
                "layout %ld, PDF %ld, write %ld\n",
                f[0], f[1] - f[0], f[2] - f[1], f[3] - f[2], f[4] - f[3], faults() - f[4]);
    }
    if (o->stats)
        printf("%s: %d pages, %zu bytes, %d lines, %d overfull, %d widows, %d orphans, "
               "%d hyphenated, %d loose, largest stretch %.2f\n",
               B->out, lay->npages, B->pdf.len, lay->stats.lines, lay->stats.overfull,
               lay->stats.widows, lay->stats.orphans, lay->stats.hyphenated, lay->stats.loose,
               lay->stats.max_ratio);
}

/* Warnings and the error printed (or handed to the caller), everything freed; the status. */
static int build_end(build *B)
{
    const bc_build_opts *o = B->o;
    int status = B->status;
    if (!o->quiet && B->warnings.len) bc_warnings_print(B->warnings.data);
    if (B->hst != BC_OK || status != 0) {
        if (o->error)
            *o->error = B->err;
        else if (B->err.msg[0])
            bc_error_print(&B->err, "briefc");
        else if (B->kept_going && status != 0)
            fprintf(stderr, "briefc: --keep-going: a section failed (above); %s\n",
                    o->write ? "the PDF shows an error box in its place" : "no PDF written");
        status = BC_EXIT_BRIEF;
    }
    bc_buf_free(&B->warnings);
    bc_buf_free(&B->pdf);
    bc_layout_free(B->lay);
    bc_pagemap_free(&B->pages);
    bc_typesetter_free(B->ts);
    if (B->fs != o->fonts) bc_fontset_free(B->fs);
    bc_doc_free(B->doc);
    /* closing the Lua state runs the brief's finalizers: its own time again */
    if (B->host)
        bc_supervise_lease(bc_host_brief(B->host)->limits.seconds, "the brief's finalizers");
    bc_host_free(B->host);
    bc_dl_prefetch_wait(); /* done long since: the thread only ever opens two libraries */
    free(B->out_default);
    bc_output_guard_free(&B->og);
    return status;
}

int bc_build_run(const bc_build_opts *o)
{
    build B = {0};
    B.o = o;
    bc_error_clear(&B.err);
    B.status = BC_EXIT_BRIEF;
    B.hst = BC_OK;
    if (load(&B) || lay_out(&B) || side_outputs(&B) || write_pdf(&B)) return build_end(&B);
    report(&B);
    B.status = B.hst == BC_OK ? 0 : BC_EXIT_BRIEF;
    return build_end(&B);
}

/* Parses build-style arguments (argv[0] the command: build, check or watch) with the option
   table (cli.h); returns -1 to go on, or an exit status. */
int bc_build_parse(int argc, char **argv, bc_build_opts *o)
{
    int rc = -1;
    o->defines = bc_xcalloc((size_t)argc + 1, sizeof(char *));
    o->plugin_dirs = bc_xcalloc((size_t)argc + 1, sizeof(char *));
    bc_cli p;
    bc_cli_begin(&p, argv[0], argc, argv);
    for (bc_cli_id id; rc < 0 && (id = bc_cli_next(&p)) != BC_OPT_END;) {
        switch (id) {
        case BC_OPT_STOP: rc = p.status; break;
        case BC_OPT_OUTPUT: o->output = p.value; break;
        case BC_OPT_DEFINE:
            if (!strchr(p.value, '='))
                rc = bc_cli_usage(&p, "-D expects key=value, got '%s'", p.value);
            o->defines[o->ndefines++] = p.value;
            break;
        case BC_OPT_PLUGIN_PATH: o->plugin_dirs[o->nplugin_dirs++] = p.value; break;
        case BC_OPT_DUMP_LAYOUT: o->dump = p.value; break;
        case BC_OPT_IMPOSE: {
            bc_impose_mode m;
            if (!bc_impose_parse(p.value, &m))
                rc = bc_cli_usage(&p, "--impose takes 2up or booklet, not '%s'", p.value);
            else
                o->impose = (int)m;
            break;
        }
        case BC_OPT_PDF_STANDARD: {
            bc_error pe;
            if (bc_pdf_std_parse(p.value, &o->pdf_standard, &pe) != 0)
                rc = bc_cli_usage(&p, "%s", pe.msg);
            break;
        }
        case BC_OPT_CROP_MARKS: o->crop_marks = 1; break;
        case BC_OPT_KEEP_GOING: o->keep_going = 1; break;
        case BC_OPT_STATS: o->stats = 1; break;
        case BC_OPT_TIMINGS: o->timings = 1; break;
        case BC_OPT_QUIET: o->quiet = 1; break;
        case BC_OPT_ARG:
            if (o->brief)
                rc = bc_cli_usage(&p, "one brief at a time (got a second: '%s')", p.value);
            o->brief = p.value;
            break;
        default: rc = bc_cli_usage(&p, "'%s' is not handled here", p.opt); break;
        }
    }
    if (rc < 0 && !o->brief) rc = bc_cli_usage(&p, "%s", "which brief? (briefc build BRIEF)");
    if (rc < 0 && o->crop_marks && !o->impose)
        rc = bc_cli_usage(&p, "%s", "--crop-marks goes with --impose 2up or booklet");
    return rc;
}

void bc_build_opts_free(bc_build_opts *o)
{
    free(o->defines);
    free(o->plugin_dirs);
    o->defines = NULL;
    o->plugin_dirs = NULL;
}
