/*
** batch_run.c — pass 2 of `briefc batch`: rows handed to the workers, results and crashes
** collected, progress drawn, and the summary and the combined PDF at the end. SIGINT or
** SIGTERM stops new rows; rows in flight finish.
*/
#define _GNU_SOURCE
#include "batch/batch_int.h"

#include <errno.h>
#include <poll.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>

#include "base/durable.h"
#include "cli/build.h"
#include "pdf/pdf_std.h"

static volatile sig_atomic_t stopping;

static void on_stop(int sig)
{
    (void)sig;
    stopping++;
}

/* Signals caught, the workers started, the manifest opened again and its header compared. */
static void start(batch_run *R)
{
    batch *b = &R->b;
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_stop;
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    signal(SIGPIPE, SIG_IGN);
    memset(R->w, 0, sizeof R->w);
    R->nw = b->jobs;
    for (int i = 0; i < R->nw; i++)
        if (bc_batch_spawn(b, &R->w[i], R->w, i) < 0) {
            fprintf(stderr, "briefc: error: cannot start a worker: %s\n", strerror(errno));
            R->nw = i;
            break;
        }
    lseek(R->mfd, 0, SEEK_SET);
    R->more = 1;
    R->changed = 0;
    if (bc_manifest_open_fd(&R->m, R->mfd, b->rows, &R->err) < 0) {
        R->more = 0;
        stopping = 1;
        fprintf(stderr, "briefc: error: %s: the manifest changed while it was checked\n", b->rows);
    } else if (bc_batch_hash_name(R->m.rec.data ? R->m.rec.data : "") != R->header_hash) {
        R->more = 0;
        stopping = 1;
        fprintf(stderr, "briefc: error: %s: the manifest's header changed while it was checked\n",
                b->rows);
    }
    R->tty = isatty(2) && !b->quiet;
    R->t0 = bc_now();
    R->last_draw = 0;
    R->combined = b->combine ? bc_combine_new() : NULL;
}

/* Reads rows until one this shard builds: 1 (the row in R->r, its output in R->name), 2
   after a row that failed alone when --fail-fast stops, 0 at the end (or at a row appended
   after the check), -1 when the manifest changed into something unreadable. */
static int next_row(batch_run *R)
{
    batch *b = &R->b;
    bc_record *r = &R->r;
    int got;
    while ((got = bc_manifest_next(&R->m, r, &R->err)) >= 1) {
        if (r->row > R->total) { /* appended after the check: never built */
            got = 0;
            break;
        }
        R->last_read = r->row;
        if ((r->row - 1) % b->shard_n != b->shard_k - 1) continue;
        R->mine++;
        if (got == 2 ||
            bc_batch_hash_name(R->m.rec.data ? R->m.rec.data : "") != R->rowhash[r->row]) {
            /* an unreadable row, or one changed since it was checked, fails alone */
            if (got != 2)
                bc_error_set(&R->err, b->rows, r->line,
                             "the row changed after the manifest "
                             "was checked; it was not built");
            R->done++;
            R->failed++;
            if (!b->quiet)
                fprintf(stderr, "%s%s:%d: error: row %ld: %s\n", R->tty ? "\r\033[K" : "",
                        R->err.file, R->err.line, r->row, R->err.msg);
            bc_batch_report_row(R->rep, r->row, "", R->err.file, R->err.line, R->err.msg);
            got = 2;
            if (b->fail_fast) break;
            continue;
        }
        char why[600];
        if (b->tmpl)
            bc_manifest_output_name(b->tmpl, r, &R->name, why, sizeof why);
        else { /* no file of its own */
            R->name.len = 0;
            bc_buf_add(&R->name, "", 0);
        }
        if (b->resume) {
            struct stat ost;
            if (stat(R->name.data, &ost) == 0 && ost.st_size > 0 &&
                bc_batch_later(ost.st_mtim, R->inputs)) {
                R->skipped++;
                continue;
            }
        }
        break;
    }
    return got;
}

/* Sends the row in R->r to the idle worker w; 0 when its pipe is gone. */
static int send_row(batch_run *R, worker *w)
{
    batch *b = &R->b;
    bc_record *r = &R->r;
    /* make the output's folder */
    char *dir = bc_xstrdup(R->name.data);
    for (char *p = dir + (dir[0] != 0); *p; p++)
        if (*p == '/') {
            *p = 0;
            mkdir(dir, 0777);
            *p = '/';
        }
    free(dir);
    job j;
    memset(&j, 0, sizeof j);
    j.row = r->row;
    j.pack = b->combine != NULL;
    j.out_len = R->name.len;
    R->jb.len = 0;
    bc_buf_add(&R->jb, &j, sizeof j);
    bc_buf_add(&R->jb, R->name.data, R->name.len);
    for (int k = 0; k < r->ncols; k++) {
        R->col.len = 0;
        bc_buf_printf(&R->col, ",%s,", r->name[k]);
        if (!strstr(R->params, R->col.data)) continue;
        bc_buf_printf(&R->jb, "%s=%s", r->name[k], r->value[k]);
        bc_buf_add(&R->jb, "", 1); /* each define ends with its NUL */
        j.ndefines++;
    }
    j.defs_len = R->jb.len - sizeof j - R->name.len;
    memcpy(R->jb.data, &j, sizeof j);
    if (bc_write_all(w->to, R->jb.data, R->jb.len) != BC_OK) {
        R->last_read--;
        R->more = 0;
        return 0;
    }
    w->busy = r->row;
    free(w->busy_out);
    w->busy_out = bc_xstrdup(R->name.data);
    w->busy_line = r->line;
    free(w->busy_title);
    w->busy_title = b->combine ? bc_batch_bookmark_title(b, r, R->name.data) : NULL;
    return 1;
}

/* Hands out rows to idle workers. */
static void hand_out(batch_run *R)
{
    batch *b = &R->b;
    for (int i = 0; i < R->nw && R->more && !stopping && !(b->fail_fast && R->failed); i++) {
        if (R->w[i].busy || R->w[i].pid <= 0) continue;
        int got = next_row(R);
        if (got < 0) { /* the manifest changed into something unreadable */
            bc_error_print(&R->err, "briefc");
            R->changed = 1;
        }
        if (got != 1) {
            if (got != 2) R->more = 0;
            break;
        }
        if (!send_row(R, &R->w[i])) break;
    }
}

/* Reads worker w's result (and its packed layout); 0 when the worker died. */
static int take_result(batch_run *R, worker *w)
{
    result res;
    int got_result = bc_read_all(w->from, &res, sizeof res) == BC_OK;
    if (got_result && res.pack_len) {
        char *pk = malloc(res.pack_len);
        got_result = pk && bc_read_all(w->from, pk, res.pack_len) == BC_OK;
        if (got_result) bc_combine_add(R->combined, res.row, w->busy_title, pk, res.pack_len);
        free(pk);
    }
    if (!got_result) return 0;
    R->done++;
    if (res.status != 0) {
        R->failed++;
        bc_batch_row_failed(&R->b, R->rep, R->tty, w, res.file, res.line, res.msg);
    } else if (w->busy_out && w->busy_out[0]) {
        bc_durable_note(w->busy_out); /* flushed with the rest once every worker is done */
    }
    w->busy = 0;
    return 1;
}

/* The worker w died: this row alone is lost; the worker is replaced. */
static void worker_died(batch_run *R, worker *w)
{
    int status = 0;
    close(w->to);
    close(w->from);
    waitpid(w->pid, &status, 0);
    char msg[160];
    if (WIFSIGNALED(status))
        snprintf(msg, sizeof msg, "the worker building this row was killed by signal %d",
                 WTERMSIG(status));
    else
        snprintf(msg, sizeof msg, "the worker building this row exited with status %d",
                 WEXITSTATUS(status));
    bc_batch_row_failed(&R->b, R->rep, R->tty, w, "", 0, msg);
    R->done++;
    R->failed++;
    w->busy = 0;
    w->pid = 0;
    if (!stopping && bc_batch_spawn(&R->b, w, R->w, R->nw) < 0) w->pid = -1;
}

/* Waits up to 200 ms for results and collects them; -1 when poll fails. */
static int collect(batch_run *R)
{
    struct pollfd pf[MAX_WORKERS];
    for (int i = 0; i < R->nw; i++) {
        pf[i].fd = R->w[i].busy ? R->w[i].from : -1;
        pf[i].events = POLLIN;
        pf[i].revents = 0;
    }
    int pr = poll(pf, (nfds_t)R->nw, 200);
    if (pr < 0 && errno != EINTR) return -1;
    for (int i = 0; i < R->nw; i++) {
        if (!R->w[i].busy || !(pf[i].revents & (POLLIN | POLLHUP | POLLERR))) continue;
        if (!take_result(R, &R->w[i])) worker_died(R, &R->w[i]);
    }
    return 0;
}

/* The progress line on a terminal, at most ten times a second. */
static void progress(batch_run *R)
{
    const batch *b = &R->b;
    double now = bc_now();
    if (R->tty && now - R->last_draw > 0.1) {
        double rate = (R->done) / (now - R->t0 > 1e-3 ? now - R->t0 : 1e-3);
        long left = R->total / b->shard_n - R->done - R->skipped;
        fprintf(stderr, "\r\033[K%ld/%ld rows, %.0f/s, ETA %.0f s, %ld failed",
                R->done + R->skipped, R->total / b->shard_n + (R->total % b->shard_n >= b->shard_k),
                rate, rate > 0 && left > 0 ? left / rate : 0, R->failed);
        R->last_draw = now;
        R->last_progress = R->done;
    }
}

/* Everything a run holds but its options and the combined rows: files closed, workers
   waited for, buffers freed. Safe to call twice. */
void bc_batch_release(batch_run *R)
{
    if (R->mfd >= 0) close(R->mfd);
    R->mfd = -1;
    bc_buf_free(&R->jb);
    bc_buf_free(&R->norm);
    bc_buf_free(&R->col);
    free(R->rowhash);
    R->rowhash = NULL;
    bc_output_guard_free(&R->guard);
    for (int i = 0; i < R->nw; i++) {
        if (R->w[i].pid <= 0) continue;
        close(R->w[i].to);
        close(R->w[i].from);
        waitpid(R->w[i].pid, NULL, 0);
        R->w[i].pid = 0;
    }
    for (int i = 0; i < R->nw; i++) {
        free(R->w[i].busy_out);
        free(R->w[i].busy_title);
        R->w[i].busy_out = R->w[i].busy_title = NULL;
    }
    bc_record_clear(&R->r);
    bc_buf_free(&R->name);
    if (R->rep) fclose(R->rep);
    R->rep = NULL;
}

/* The summary line on stderr; unbuilt rows were never handed out. */
static void summary(batch_run *R, long unbuilt, double secs)
{
    const batch *b = &R->b;
    long done = R->done, failed = R->failed;
    if (R->tty) fprintf(stderr, "\r\033[K");
    struct rusage ru;
    getrusage(RUSAGE_CHILDREN, &ru); /* the largest worker */
    if (!b->quiet || failed || unbuilt)
        fprintf(stderr,
                "briefc: %ld built, %ld failed, %ld up to date, %ld not started, in %.2f s "
                "(%.0f rows/s, %d workers, peak worker RSS %.1f MB",
                done - failed, failed, R->skipped, unbuilt, secs, secs > 0 ? done / secs : 0.0,
                R->nw, ru.ru_maxrss / 1024.0);
    if ((!b->quiet || failed || unbuilt) && b->shard_n > 1)
        fprintf(stderr, ", shard %d/%d", b->shard_k, b->shard_n);
    if (!b->quiet || failed || unbuilt) fprintf(stderr, ")\n");
    if (unbuilt)
        fprintf(stderr,
                "briefc: stopped early; rows from %ld on were not built: rerun with --resume\n",
                R->first_unbuilt);
}

/* --combine: the combined PDF, when every row was built; 1 when it was not written. */
static int combine(batch_run *R, long unbuilt)
{
    const batch *b = &R->b;
    bc_combine *combined = R->combined;
    long failed = R->failed;
    int combine_failed = 0;
    long pages = 0;
    size_t bytes = 0;
    if (unbuilt || stopping) {
        fprintf(stderr, "briefc: %s not written: the batch stopped before every row was built\n",
                b->combine);
        combine_failed = 1;
    } else if (!bc_combine_rows(combined)) {
        fprintf(stderr, "briefc: %s not written: no row was built\n", b->combine);
        combine_failed = 1;
    } else if (bc_batch_write_combined(b, combined, &pages, &bytes)) {
        if (!b->quiet || failed)
            fprintf(stderr, "briefc: %s: %d rows, %ld pages, %zu bytes%s\n", b->combine,
                    bc_combine_rows(combined), pages, bytes,
                    failed ? " (without the failed rows)" : "");
    } else {
        combine_failed = 1;
    }
    bc_combine_free(combined);
    R->combined = NULL;
    return combine_failed;
}

/* Pass 2: rows to workers, until every checked row of this shard is built or a stop.
   Returns the exit status. */
int bc_batch_build(batch_run *R)
{
    const batch *b = &R->b;
    start(R);
    for (;;) {
        hand_out(R);
        int busy = 0;
        for (int i = 0; i < R->nw; i++) busy += R->w[i].busy != 0;
        if (!busy && (!R->more || stopping || (b->fail_fast && R->failed))) break;
        if (collect(R) < 0) break;
        progress(R);
    }
    /* rows never handed out: the checked rows after the last one read */
    long unbuilt = 0;
    for (long row = R->last_read + 1; row <= R->total; row++) {
        if ((row - 1) % b->shard_n != b->shard_k - 1) continue;
        if (!R->first_unbuilt) R->first_unbuilt = row;
        unbuilt++;
    }
    if (unbuilt && !stopping && !(b->fail_fast && R->failed))
        R->changed = 1; /* rows went missing */
    bc_batch_release(R);
    bc_manifest_close(&R->m);
    /* every worker has exited: the PDFs of this run reach the disk together (durable.h) */
    bc_error derr;
    bc_error_clear(&derr);
    int sync_failed = bc_durable_sync(&derr) != BC_OK;
    if (sync_failed) bc_error_print(&derr, "briefc");
    double secs = bc_now() - R->t0;
    summary(R, unbuilt, secs);
    int combine_failed = R->combined ? combine(R, unbuilt) : 0;
    return R->failed || unbuilt || combine_failed || R->changed || sync_failed ? BC_EXIT_BRIEF : 0;
}
