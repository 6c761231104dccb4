/*
** batch_worker.c — the workers of `briefc batch`: forked processes that build rows sent down a pipe
** (fonts and hyphenation loaded once) and send each result back.
*/
#define _GNU_SOURCE
#include "batch/batch_int.h"

#include <fcntl.h>
#include <string.h>
#include <sys/wait.h>

#include "base/durable.h"
#include "cli/build.h"
#include "cli/process.h"
#include "pdf/embed.h"
#include "lua/host.h"
#include "text/hyph.h"
#include "pdf/pdf.h"
#include "pdf/zmemo.h"

/* {====================================================== workers */

/* The worker: builds rows until its pipe closes. Fonts and hyphenation load once. */
static void worker_main(const batch *b, int in, int out)
{
    bc_pdf_cleanup_on_signals(); /* SIGHUP mid-write removes the temporary file */
    bc_embed_disk_cache(0);      /* rows differ: keep subsets in memory, not one file a row */
    bc_zmemo_disk_cache(0);      /* nor each row's deflated pages */
    bc_sandbox_memo(1);          /* plugins compiled once per worker, not once per row */
    bc_durable_defer(1);         /* PDFs flushed once, by the parent, at the end (durable.h) */
    /* The parent decides: SIGINT or SIGTERM sent to the whole process group (Ctrl-C, a
       scheduler stopping the job) must not cut the rows in flight short. A worker stops when
       its pipe closes, after its row. */
    signal(SIGINT, SIG_IGN);
    signal(SIGTERM, SIG_IGN);
    bc_fontset *fonts = NULL;
    bc_buf pack = {0}, payload = {0};
    job jh, *j = &jh;
    const char *defs[BC_MANIFEST_MAX_COLS];
    for (;;) {
        if (bc_read_all(in, j, sizeof *j) != BC_OK) break;
        if (j->ndefines < 0 || j->ndefines > BC_MANIFEST_MAX_COLS) break;
        payload.len = 0;
        bc_buf_reserve(&payload, j->out_len + j->defs_len);
        if (bc_read_all(in, payload.data, j->out_len + j->defs_len) != BC_OK) break;
        payload.data[j->out_len + j->defs_len] = 0;
        char *outname = bc_xstrndup(payload.data, j->out_len);
        const char *d = payload.data + j->out_len, *dend = d + j->defs_len;
        int nd = 0;
        for (; d < dend && nd < j->ndefines; d += strlen(d) + 1) defs[nd++] = d;
        bc_build_opts o = {0};
        o.brief = b->brief;
        o.output = outname[0] ? outname : NULL;
        o.defines = defs;
        o.ndefines = nd;
        o.plugin_dirs = b->plugin_dirs;
        o.nplugin_dirs = b->nplugin_dirs;
        o.quiet = 1;
        o.impose = b->impose;
        o.crop_marks = b->crop_marks;
        o.pdf_standard = b->pdf_standard;
        o.write = outname[0] != 0;
        pack.len = 0;
        if (j->pack) o.pack = &pack;
        bc_error err;
        bc_error_clear(&err);
        o.error = &err;
        if (!fonts) {
            /* first row: open this worker's fonts and full hyphenation patterns */
            bc_host_config cfg = {0};
            cfg.brief = b->brief;
            cfg.project_dir = bc_project_dir();
            bc_host *h = NULL;
            bc_error e2;
            if (bc_host_new(&cfg, &h, &e2) == BC_OK) {
                const bc_brief *br = bc_host_brief(h);
                fonts = bc_build_fonts(br);
                bc_hyph_for(br->meta.language);
            }
            bc_host_free(h);
        }
        o.fonts = fonts;
        result r;
        memset(&r, 0, sizeof r);
        r.row = j->row;
        r.status = bc_build_run(&o);
        snprintf(r.file, sizeof r.file, "%.500s", err.file);
        r.line = err.line;
        snprintf(r.msg, sizeof r.msg, "%.1000s", err.msg);
        r.pack_len = r.status == 0 && j->pack ? pack.len : 0;
        free(outname);
        if (bc_write_all(out, &r, sizeof r) != BC_OK) break;
        if (r.pack_len && bc_write_all(out, pack.data, pack.len) != BC_OK) break;
    }
    bc_buf_free(&pack);
    bc_buf_free(&payload);
    bc_fontset_free(fonts);
    bc_process_release(); /* _exit runs no atexit handler */
    _exit(0);
}

int bc_batch_spawn(const batch *b, worker *w, const worker *all, int nall)
{
    int down[2], up[2];
    if (pipe2(down, O_CLOEXEC) < 0) return -1;
    if (pipe2(up, O_CLOEXEC) < 0) {
        close(down[0]);
        close(down[1]);
        return -1;
    }
    fflush(NULL);
    pid_t pid = fork();
    if (pid < 0) return -1;
    if (pid == 0) {
        close(down[1]);
        close(up[0]);
        /* the other workers' pipes: holding them would keep those workers from seeing EOF */
        for (int k = 0; k < nall; k++)
            if (&all[k] != w && all[k].pid > 0) {
                close(all[k].to);
                close(all[k].from);
            }
        worker_main(b, down[0], up[1]);
    }
    close(down[0]);
    close(up[1]);
    w->pid = pid;
    w->to = down[1];
    w->from = up[0];
    w->busy = 0;
    return 0;
}

/* }====================================================== */
