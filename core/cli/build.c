/*
** build.c — one build of one brief: brief and plugins (host), layout, PDF, atomic write.
** Shared by `briefc build`, `briefc check` and `briefc watch`.
*/
#include "cli/build.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

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
    if (n > 10 && strcmp(tmp + n - 10, "/brief.lua") == 0) tmp[n - 10] = 0;
    else if (strcmp(tmp, "brief.lua") == 0) snprintf(tmp, sizeof tmp, "brief");
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

/* long: the build's passes in order (load, render, lay out up to three times, write), each
   a few lines over one set of owned objects freed on one path; issue 13 item 6 names it */
int bc_build_run(const bc_build_opts *o)
{
    bc_error err;
    bc_error_clear(&err);
    bc_host_config cfg = {0};
    cfg.brief = o->brief;
    cfg.defines = o->defines;
    cfg.ndefines = o->ndefines;
    cfg.plugin_dirs = o->plugin_dirs;
    cfg.nplugin_dirs = o->nplugin_dirs;
    cfg.project_dir = bc_project_dir();
    cfg.keep_going = o->keep_going;
    bc_host *host = NULL;
    bc_doc *doc = NULL;
    bc_fontset *fs = NULL;
    bc_layout *lay = NULL;
    bc_typesetter *ts = NULL;
    bc_pagemap pages = {0};
    bc_buf warnings = {0}, pdf = {0};
    char *out_default = NULL;
    bc_output_guard og = {0};
    int status = BC_EXIT_BRIEF;
    bc_status hst = BC_OK;
    int kept_going = 0;

    double t0 = bc_now();
    long f0 = faults(), f1 = 0, f2 = 0, f3 = 0, f4 = 0;
    if (bc_host_new(&cfg, &host, &err) != BC_OK) goto fail;
    const bc_brief *b = bc_host_brief(host);
    if (bc_output_prepare(&og, b, o, &err) != BC_OK) goto fail;
    double t1 = bc_now();
    f1 = faults();
    bc_supervise_brief(b->path, &b->limits, b->nsections);
    doc = bc_doc_new();
    doc->page_limit = b->limits.pages;
    ts = bc_typesetter_new(o->layout_cache ? b->path : NULL);
    hst = bc_host_render(host, doc, &warnings, &err);
    bc_supervise_lease(BC_SUPERVISE_HOST_SECONDS, "host: laying out the brief");
    double t2 = bc_now();
    f2 = faults();
    if (hst != BC_OK && !o->keep_going) goto fail;
    if (hst != BC_OK && !o->error) { /* each failed section's error is printed already */
        kept_going = 1;
        bc_error_clear(&err);
    }

    if (o->fonts) {
        fs = o->fonts; /* a batch worker's fonts: opened once, metrics cached */
        bc_fontset_usage_clear(fs);
    } else {
        fs = bc_build_fonts(b);
    }
    bc_error lerr;
    bc_error_clear(&lerr);
    /* Page references and contents need page numbers: lay out, and while the page map moved,
       lay out again with it (twice is almost always enough; three at most). */
    for (int pass = 0; pass < 3; pass++) {
        if (lay) bc_pagemap_copy(&pages, &lay->map);
        bc_layout_free(lay);
        lay = NULL;
        if (pass) bc_fontset_usage_clear(fs);
        if (bc_layout_run(ts, doc, &b->theme, &b->meta, fs, pass ? &pages : NULL, &lay,
                          &lerr) != BC_OK) {
            err = lerr;
            if (!err.file[0]) snprintf(err.file, sizeof err.file, "%s", b->path);
            hst = BC_ERR;
            goto fail;
        }
        if (!doc->page_refs) break;
        if (!bc_pagemap_differs(pass ? &pages : NULL, &lay->map)) break;
        if (bc_doc_resolve(doc, lay->map.label_page, &err) != BC_OK) {
            hst = BC_ERR;
            goto fail;
        }
    }
    if (o->layout_cache && hst == BC_OK) bc_typesetter_save(ts);
    double t3 = bc_now();
    f3 = faults();
    bc_buf_add(&warnings, lay->warnings.data ? lay->warnings.data : "", lay->warnings.len);
    if (!o->write && !(o->pdf_standard & BC_STD_NONE)) /* check: what a reader needs fixed */
        bc_a11y_check(doc, &b->theme, &b->meta, b->path, &warnings);
    if (lay->npages > b->limits.pages) {
        bc_error_set(&err, b->path, 0, "the brief has %d pages, more than its limit of %d; raise "
                     "limits.pages in brief.lua", lay->npages, b->limits.pages);
        hst = BC_ERR;
        goto fail;
    }
    if (o->dump) {
        bc_buf d = {0};
        bc_buf_adds(&d, BC_OUTPUT_DUMP_HEADER);
        bc_layout_dump(lay, &d);
        bc_status ds = put_output(&og, BC_SUPERVISE_DUMP, BC_OUTPUT_DUMP, "--dump-layout", d.data,
                                  d.len, o->dump, &err);
        bc_buf_free(&d);
        if (ds != BC_OK) { /* a golden test must not compare a stale dump */
            hst = BC_ERR;
            goto fail;
        }
    }
    if (o->pack) {
        bc_combine_pack(lay, b->theme.page_w, b->theme.page_h, o->pack);
        if (!o->write) {
            status = hst == BC_OK ? 0 : BC_EXIT_BRIEF;
            goto fail;
        }
    }
    bc_theme sheet = b->theme;
    if (o->impose) bc_impose(lay, &sheet, (bc_impose_mode)o->impose, o->crop_marks);
    bc_meta meta = b->meta;
    if (o->pdf_standard) meta.pdf_standard = o->pdf_standard;
    if (bc_pdf_render(lay, &sheet, &meta, fs, &pdf, &lerr) != BC_OK) {
        err = lerr;
        hst = BC_ERR;
        goto fail;
    }
    double t4 = bc_now();
    f4 = faults();
    const char *out = o->output;
    if (!out) out = out_default = default_output(o->brief);
    if (o->write && o->pdf_out) {
        bc_buf_add(o->pdf_out, pdf.data ? pdf.data : "", pdf.len);
    } else if (o->write && put_output(&og, BC_SUPERVISE_PDF, BC_OUTPUT_PDF, "the output", pdf.data,
                               pdf.len, out, &err) != BC_OK) {
        hst = BC_ERR;
        goto fail;
    }
    if (!o->write && !o->quiet && hst == BC_OK)
        fprintf(stderr, "%s: ok (%d pages, %zu bytes; no PDF written)\n", b->path, lay->npages,
                pdf.len);
    if (o->timings)
        fprintf(stderr, "timings: brief and Lua state %.2f ms, %d sections %.2f ms (%.3f ms each), "
                "layout %.2f ms, PDF %.2f ms, write %.2f ms\n", (t1 - t0) * 1e3, b->nsections,
                (t2 - t1) * 1e3, (t2 - t1) * 1e3 / (b->nsections ? b->nsections : 1),
                (t3 - t2) * 1e3, (t4 - t3) * 1e3, (bc_now() - t4) * 1e3);
    if (o->timings)
        fprintf(stderr, "paragraph cache, last pass: %d set, %d reused (%d from disk)\n",
                lay->par_set, lay->par_reused, lay->par_from_disk);
    if (o->timings)
        fprintf(stderr, "page faults: before %ld, brief and Lua state %ld, sections %ld, layout %ld, "
                "PDF %ld, write %ld\n", f0, f1 - f0, f2 - f1, f3 - f2, f4 - f3, faults() - f4);
    if (o->stats)
        printf("%s: %d pages, %zu bytes, %d lines, %d overfull, %d widows, %d orphans, "
               "%d hyphenated, %d loose, largest stretch %.2f\n", out, lay->npages, pdf.len,
               lay->stats.lines, lay->stats.overfull, lay->stats.widows, lay->stats.orphans,
               lay->stats.hyphenated, lay->stats.loose, lay->stats.max_ratio);
    status = hst == BC_OK ? 0 : BC_EXIT_BRIEF;

fail:
    if (!o->quiet && warnings.len) bc_warnings_print(warnings.data);
    if (hst != BC_OK || status != 0) {
        if (o->error) *o->error = err;
        else if (err.msg[0]) bc_error_print(&err, "briefc");
        else if (kept_going && status != 0)
            fprintf(stderr, "briefc: --keep-going: a section failed (above); %s\n",
                    o->write ? "the PDF shows an error box in its place" : "no PDF written");
        status = BC_EXIT_BRIEF;
    }
    bc_buf_free(&warnings);
    bc_buf_free(&pdf);
    bc_layout_free(lay);
    bc_pagemap_free(&pages);
    bc_typesetter_free(ts);
    if (fs != o->fonts) bc_fontset_free(fs);
    bc_doc_free(doc);
    /* closing the Lua state runs the brief's finalizers: its own time again */
    if (host) bc_supervise_lease(bc_host_brief(host)->limits.seconds, "the brief's finalizers");
    bc_host_free(host);
    free(out_default);
    bc_output_guard_free(&og);
    return status;
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
            if (!strchr(p.value, '=')) rc = bc_cli_usage(&p, "-D expects key=value, got '%s'", p.value);
            o->defines[o->ndefines++] = p.value;
            break;
        case BC_OPT_PLUGIN_PATH: o->plugin_dirs[o->nplugin_dirs++] = p.value; break;
        case BC_OPT_DUMP_LAYOUT: o->dump = p.value; break;
        case BC_OPT_IMPOSE: {
            bc_impose_mode m;
            if (!bc_impose_parse(p.value, &m))
                rc = bc_cli_usage(&p, "--impose takes 2up or booklet, not '%s'", p.value);
            else o->impose = (int)m;
            break;
        }
        case BC_OPT_PDF_STANDARD: {
            bc_error pe;
            if (bc_pdf_std_parse(p.value, &o->pdf_standard, &pe) != 0) rc = bc_cli_usage(&p, "%s", pe.msg);
            break;
        }
        case BC_OPT_CROP_MARKS: o->crop_marks = 1; break;
        case BC_OPT_KEEP_GOING: o->keep_going = 1; break;
        case BC_OPT_STATS: o->stats = 1; break;
        case BC_OPT_TIMINGS: o->timings = 1; break;
        case BC_OPT_QUIET: o->quiet = 1; break;
        case BC_OPT_ARG:
            if (o->brief) rc = bc_cli_usage(&p, "one brief at a time (got a second: '%s')", p.value);
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
