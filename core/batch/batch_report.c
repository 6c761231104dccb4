/*
** batch_report.c — what `briefc batch` tells: the JSON lines report, failed rows, the newest input
** for --resume, bookmark titles and the combined PDF.
*/
#define _GNU_SOURCE
#include "batch/batch_int.h"

#include <dirent.h>
#include <string.h>

#include "cli/build.h"
#include "lua/host.h"
#include "pdf/impose.h"
#include "pdf/pdf.h"

static void json_str(FILE *f, const char *s)
{
    fputc('"', f);
    bc_fput_json_text(f, s);
    fputc('"', f);
}

void bc_batch_report_row(FILE *rep, long row, const char *out, const char *file, int line,
                         const char *msg)
{
    if (!rep) return;
    fprintf(rep, "{\"row\": %ld, \"output\": ", row);
    json_str(rep, out);
    fprintf(rep, ", \"file\": ");
    json_str(rep, file);
    fprintf(rep, ", \"line\": %d, \"message\": ", line);
    json_str(rep, msg);
    fprintf(rep, "}\n");
    fflush(rep);
}

/* A row that failed, on stderr and in the report. An error with no place of its own (a bad
   param value, a crashed worker) is placed at the row's line in the manifest. */
void bc_batch_row_failed(const batch *b, FILE *rep, int tty, const worker *w, const char *file,
                         int line, const char *msg)
{
    if (!file[0] || line <= 0) {
        file = b->rows;
        line = w->busy_line;
    }
    if (!b->quiet)
        fprintf(stderr, "%s%s:%d: error: row %ld%s%s%s: %s\n", tty ? "\r\033[K" : "", file, line,
                w->busy, w->busy_out[0] ? " (" : "", w->busy_out, w->busy_out[0] ? ")" : "", msg);
    bc_batch_report_row(rep, w->busy, w->busy_out, file, line, msg);
}

/* Newest modification time of the brief's folder (recursively) and the manifest, to the
   nanosecond the file system keeps. */
int bc_batch_later(struct timespec a, struct timespec b)
{
    return a.tv_sec > b.tv_sec || (a.tv_sec == b.tv_sec && a.tv_nsec > b.tv_nsec);
}

struct timespec bc_batch_newest_input(const char *dir, struct timespec t, int depth)
{
    struct stat st;
    if (depth > 4 || stat(dir, &st) != 0) return t;
    if (bc_batch_later(st.st_mtim, t)) t = st.st_mtim;
    if (!S_ISDIR(st.st_mode)) return t;
    DIR *d = opendir(dir);
    struct dirent *e;
    bc_buf path = {0};
    while (d && (e = readdir(d))) {
        if (e->d_name[0] == '.') continue;
        size_t n = strlen(e->d_name);
        if (n > 4 && !strcmp(e->d_name + n - 4, ".pdf")) continue; /* outputs */
        path.len = 0;
        bc_buf_printf(&path, "%s/%s", dir, e->d_name);
        t = bc_batch_newest_input(path.data, t, depth + 1);
    }
    if (d) closedir(d);
    bc_buf_free(&path);
    return t;
}

/* A row's bookmark in the combined PDF: --bookmark filled from the row; else the output's
   file name without folder and ".pdf"; else the row's values ("year 2010, region Sindh"). */
char *bc_batch_bookmark_title(const batch *b, const bc_record *r, const char *out)
{
    bc_buf t = {0};
    if (b->bookmark) {
        bc_manifest_fill(b->bookmark, r, &t);
    } else if (out && out[0]) {
        const char *base = strrchr(out, '/');
        base = base ? base + 1 : out;
        size_t n = strlen(base);
        if (n > 4 && !strcmp(base + n - 4, ".pdf")) n -= 4;
        bc_buf_add(&t, base, n);
    } else {
        for (int k = 0; k < r->ncols; k++)
            bc_buf_printf(&t, "%s%s %s", k ? ", " : "", r->name[k], r->value[k]);
    }
    bc_buf_add(&t, "", 0);
    if (!t.data[0]) bc_buf_printf(&t, "Row %ld", r->row);
    return t.data; /* the caller owns it */
}

/* Lays every packed row end to end and writes the combined PDF atomically. */
int bc_batch_write_combined(const batch *b, bc_combine *c, long *pages, size_t *bytes)
{
    bc_error err;
    bc_error_clear(&err);
    bc_host_config cfg = {0};
    cfg.brief = b->brief;
    cfg.project_dir = bc_project_dir();
    cfg.plugin_dirs = b->plugin_dirs;
    cfg.nplugin_dirs = b->nplugin_dirs;
    bc_host *h = NULL;
    bc_fontset *fs = NULL;
    bc_layout *lay = NULL;
    bc_buf pdf = {0};
    bc_output_guard og = {0};
    int ok = 0;
    if (bc_host_new(&cfg, &h, &err) != BC_OK) goto done;
    const bc_brief *br = bc_host_brief(h);
    bc_output_guard_init(&og, br, b->plugin_dirs, b->nplugin_dirs);
    bc_output_guard_add_input(&og, b->rows);
    fs = bc_build_fonts(br);
    if (bc_combine_layout(c, br->theme.page_w, br->theme.page_h, fs, &lay, &err) != BC_OK)
        goto done;
    bc_theme sheet = br->theme;
    if (b->impose) bc_impose(lay, &sheet, (bc_impose_mode)b->impose, b->crop_marks);
    bc_meta meta = br->meta;
    if (b->pdf_standard) meta.pdf_standard = b->pdf_standard;
    if (bc_pdf_render_consume(lay, &sheet, &meta, fs, &pdf, &err) != BC_OK) goto done;
    if (bc_output_commit(&og, (const unsigned char *)pdf.data, pdf.len, b->combine, BC_OUTPUT_PDF,
                         "--combine", &err) != BC_OK)
        goto done;
    *pages = lay->npages;
    *bytes = pdf.len;
    ok = 1;
done:
    if (!ok) {
        if (!err.file[0]) snprintf(err.file, sizeof err.file, "%s", b->combine);
        bc_error_print(&err, "briefc");
    }
    bc_buf_free(&pdf);
    bc_layout_free(lay);
    bc_fontset_free(fs);
    bc_host_free(h);
    bc_output_guard_free(&og);
    return ok;
}
