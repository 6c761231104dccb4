/*
** cmd_batch.c — `briefc batch`: one PDF per manifest row, on every core.
**
**   briefc batch BRIEF --rows MANIFEST.csv|.jsonl --out 'out/{region}-{year}.pdf'
**                [-j N] [--shard K/N] [--resume] [--fail-fast] [--report FILE]
**                [--combine FILE [--bookmark '{region} {year}']]
**
** The manifest is opened once and read twice, streaming, one record at a time: first to check
** every output name (no absolute paths, no "..", no control characters, no name or part of a
** name too long for the system, nothing the brief reads, no two rows writing one file, compared
** on the whole normalised path) before any work starts, then to hand rows to the workers.
** Only what was checked is built: the second pass stops at the last row the first pass saw,
** and a row whose bytes changed in between is refused (each row's hash is kept). Each worker
** is a forked process with its own Lua state and PDF documents, its fonts opened and its
** hyphenation patterns loaded once; a worker that crashes costs only the row it was building
** (the row is reported and the worker replaced). Every PDF is written atomically. SIGINT or
** SIGTERM stops new rows; rows in flight finish (workers ignore both, so a signal sent to the
** whole process group does not cut them short); the summary says which rows were not built.
**
** With --combine, each worker also sends its row's final layout back packed (combine.h);
** the parent keeps the packs and, once every row is in, lays them end to end in row order and
** writes one PDF with a bookmark per row (--out is then optional).
*/
#define _GNU_SOURCE
#include "batch/batch_int.h"

#include <dirent.h>
#include <limits.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <cJSON.h>

#include "cli/build.h"
#include "cli/cli.h"
#include "cli/cmd.h"
#include "batch/combine.h"
#include "base/csv.h"
#include "pdf/embed.h"
#include "layout/fontset.h"
#include "lua/host.h"
#include "text/hyph.h"
#include "pdf/impose.h"
#include "batch/manifest.h"
#include "cli/output.h"
#include "pdf/pdf.h"
#include "pdf/pdf_std.h"
#include "lua/sandbox.h"
#include "base/utf8.h"

static volatile sig_atomic_t stopping;

static void on_stop(int sig)
{
    (void)sig;
    stopping++;
}

int bc_cmd_batch(int argc, char **argv)
{
    batch b = {0};
    b.plugin_dirs = bc_xcalloc((size_t)argc + 1, sizeof(char *));
    long ncpu = sysconf(_SC_NPROCESSORS_ONLN);
    b.jobs = ncpu > 0 ? (int)ncpu : 1;
    int rc = -1;
    bc_cli cl; /* options from the table in cli.c */
    bc_cli_begin(&cl, "batch", argc, argv);
    for (bc_cli_id id; rc < 0 && (id = bc_cli_next(&cl)) != BC_OPT_END;) {
        const char *v = cl.value;
        switch (id) {
        case BC_OPT_STOP: rc = cl.status; break;
        case BC_OPT_ROWS: b.rows = v; break;
        case BC_OPT_OUT: b.tmpl = v; break;
        case BC_OPT_REPORT: b.report = v; break;
        case BC_OPT_COMBINE: b.combine = v; break;
        case BC_OPT_BOOKMARK: b.bookmark = v; break;
        case BC_OPT_PLUGIN_PATH: b.plugin_dirs[b.nplugin_dirs++] = v; break;
        case BC_OPT_JOBS: {
            char *end;
            long j = strtol(v, &end, 10);
            if (*end || j < 1 || j > MAX_WORKERS) rc = bc_cli_usage(&cl, "-j takes 1 to 64, got '%s'", v);
            b.jobs = (int)j;
            break;
        }
        case BC_OPT_SHARD:
            if (!bc_batch_parse_shard(v, &b.shard_k, &b.shard_n)) rc = bc_cli_usage(&cl, "--shard takes K/N with 1 <= K <= N, got '%s'", v);
            break;
        case BC_OPT_IMPOSE: {
            bc_impose_mode m;
            if (!bc_impose_parse(v, &m)) rc = bc_cli_usage(&cl, "--impose takes 2up or booklet, not '%s'", v);
            b.impose = (int)m;
            break;
        }
        case BC_OPT_PDF_STANDARD: {
            bc_error pe;
            if (bc_pdf_std_parse(v, &b.pdf_standard, &pe) != 0) rc = bc_cli_usage(&cl, "%s", pe.msg);
            break;
        }
        case BC_OPT_CROP_MARKS: b.crop_marks = 1; break;
        case BC_OPT_RESUME: b.resume = 1; break;
        case BC_OPT_FAIL_FAST: b.fail_fast = 1; break;
        case BC_OPT_QUIET: b.quiet = 1; break;
        case BC_OPT_ARG:
            if (b.brief) rc = bc_cli_usage(&cl, "one brief at a time (got '%s')", v);
            b.brief = v;
            break;
        default: rc = bc_cli_usage(&cl, "'%s' is not handled here", cl.opt); break;
        }
    }
    if (rc < 0 && (!b.brief || !b.rows || !(b.tmpl || b.combine)))
        rc = bc_usage_error("%s", "batch: needs BRIEF, --rows MANIFEST and --out TEMPLATE or --combine FILE");
    if (rc < 0 && b.combine && b.resume)
        rc = bc_usage_error("%s", "batch: --resume does not go with --combine, which needs every row");
    if (rc < 0 && b.bookmark && !b.combine)
        rc = bc_usage_error("%s", "batch: --bookmark goes with --combine FILE");
    if (rc < 0 && b.crop_marks && !b.impose)
        rc = bc_usage_error("%s", "batch: --crop-marks goes with --impose 2up or booklet");
    if (rc >= 0) {
        free(b.plugin_dirs);
        return rc;
    }
    /* The share of a cluster job: --shard, else Slurm job arrays, else Kubernetes. */
    if (!b.shard_n) {
        char why[300];
        if (bc_batch_shard_from_env(&b.shard_k, &b.shard_n, why, sizeof why) < 0) {
            fprintf(stderr, "briefc: error: %s\n", why);
            free(b.plugin_dirs);
            return BC_EXIT_USAGE;
        }
    }
    if (!b.shard_n) b.shard_k = b.shard_n = 1;

    /* The brief's params decide which columns a row may have. */
    bc_error err;
    bc_error_clear(&err);
    bc_host_config cfg = {0};
    cfg.brief = b.brief;
    cfg.project_dir = bc_project_dir();
    cfg.plugin_dirs = b.plugin_dirs;
    cfg.nplugin_dirs = b.nplugin_dirs;
    bc_host *probe = NULL;
    if (bc_host_new(&cfg, &probe, &err) != BC_OK) {
        bc_error_print(&err, "briefc");
        free(b.plugin_dirs);
        return BC_EXIT_BRIEF;
    }
    char *brief_dir = bc_xstrdup(bc_host_brief(probe)->dir);
    /* param names, read from a probe of the brief */
    char params[8192] = "";
    bc_host_param_names(probe, params, sizeof params);
    /* what no output may replace: the brief's files and folders, and the manifest */
    bc_output_guard guard = {0};
    bc_output_guard_init(&guard, bc_host_brief(probe), b.plugin_dirs, b.nplugin_dirs);
    bc_host_free(probe);
    bc_output_guard_add_input(&guard, b.rows);
    int setup_bad = 0;
    if (b.combine && bc_output_check(&guard, b.combine, BC_OUTPUT_PDF, "--combine", &err) != BC_OK)
        setup_bad = 1;
    /* The manifest is opened once: both passes read this file, whatever is renamed over it. */
    int mfd = setup_bad ? -1 : open(b.rows, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    struct stat mst;
    if (!setup_bad && mfd < 0) {
        bc_error_set(&err, b.rows, 0, "cannot open manifest '%s': %s", b.rows, strerror(errno));
        setup_bad = 1;
    } else if (!setup_bad && (fstat(mfd, &mst) != 0 || !S_ISREG(mst.st_mode))) {
        bc_error_set(&err, b.rows, 0, "the manifest must be a regular file (it is read twice)");
        setup_bad = 1;
    }
    if (setup_bad) {
        bc_error_print(&err, "briefc");
        if (mfd >= 0) close(mfd);
        bc_output_guard_free(&guard);
        free(brief_dir);
        free(b.plugin_dirs);
        return BC_EXIT_BRIEF;
    }
    fcntl(mfd, F_SETFL, fcntl(mfd, F_GETFL) & ~O_NONBLOCK);

    /* Pass 1: every output name is checked before any work starts. */
    bc_manifest m;
    bc_record r = {0};
    bc_buf name = {0}, norm = {0}, col = {0};
    nameset seen = {0};
    uint64_t *rowhash = NULL; /* each row's bytes as pass 1 checked them */
    size_t rowcap = 0;
    long total = 0, mine = 0;
    int bad = 0, st = 0;
    if (bc_manifest_open_fd(&m, mfd, b.rows, &err) < 0) {
        bc_error_print(&err, "briefc");
        bc_manifest_close(&m);
        close(mfd);
        bc_output_guard_free(&guard);
        free(brief_dir);
        free(b.plugin_dirs);
        return BC_EXIT_BRIEF;
    }
    uint64_t header_hash = bc_batch_hash_name(m.rec.data ? m.rec.data : "");
    /* the combined PDF and the report are names no row may write either */
    if (b.combine) {
        bc_batch_normalise_name(b.combine, &norm);
        bc_batch_nameset_add(&seen, norm.data, -1);
    }
    if (b.report) {
        bc_batch_normalise_name(b.report, &norm);
        if (bc_batch_nameset_add(&seen, norm.data, -2)) {
            fprintf(stderr, "briefc: error: --report and --combine both name '%s'\n", b.report);
            bad++;
        }
    }
    while ((st = bc_manifest_next(&m, &r, &err)) >= 1) {
        total++;
        if ((size_t)total >= rowcap) {
            rowcap = rowcap ? rowcap * 2 : 1024;
            rowhash = bc_xrealloc(rowhash, rowcap * sizeof *rowhash);
        }
        rowhash[total] = bc_batch_hash_name(m.rec.data ? m.rec.data : "");
        if (st == 2) continue; /* reported when its turn comes */
        char why[600];
        if (b.tmpl && !bc_manifest_output_name(b.tmpl, &r, &name, why, sizeof why)) {
            fprintf(stderr, "%s:%d: error: row %ld: %s\n", b.rows, r.line, r.row, why);
            if (++bad >= 20) break;
            continue;
        }
        if (b.tmpl && !bc_batch_name_fits(name.data, why, sizeof why)) {
            fprintf(stderr, "%s:%d: error: row %ld: %s\n", b.rows, r.line, r.row, why);
            if (++bad >= 20) break;
            continue;
        }
        if (b.tmpl &&
            bc_output_check(&guard, name.data, BC_OUTPUT_PDF, "the output", &err) != BC_OK) {
            fprintf(stderr, "%s:%d: error: row %ld: %s: %s\n", b.rows, r.line, r.row, name.data,
                    err.msg);
            if (++bad >= 20) break;
            continue;
        }
        if (b.tmpl) bc_batch_normalise_name(name.data, &norm);
        long other = b.tmpl ? bc_batch_nameset_add(&seen, norm.data, r.row) : 0;
        if (other) {
            if (other < 0)
                fprintf(stderr, "%s:%d: error: row %ld writes '%s', which is the %s file\n",
                        b.rows, r.line, r.row, name.data, other == -1 ? "--combine" : "--report");
            else
                fprintf(stderr, "%s:%d: error: rows %ld and %ld both write '%s'\n", b.rows,
                        r.line, other, r.row, name.data);
            if (++bad >= 20) break;
        }
        for (int k = 0; k < r.ncols; k++) {
            col.len = 0;
            bc_buf_printf(&col, ",%s,", r.name[k]);
            norm.len = 0;
            bc_buf_printf(&norm, "{%s}", r.name[k]);
            if (!strstr(params, col.data) && !(b.tmpl && strstr(b.tmpl, norm.data)) &&
                !(b.bookmark && strstr(b.bookmark, norm.data))) {
                fprintf(stderr, "%s:1: error: column '%s' is neither a param of the brief nor "
                        "used in --out or --bookmark (params:%s)\n", b.rows, r.name[k],
                        params[0] ? params : " none");
                bad = 20;
                break;
            }
        }
        if (bad >= 20) break;
    }
    if (st < 0) {
        bc_error_print(&err, "briefc");
        bad++;
    }
    bc_manifest_close(&m);
    bc_batch_nameset_free(&seen);
    if (bad) {
        fprintf(stderr, "briefc: no handouts built: fix the manifest first\n");
        bc_record_clear(&r);
        bc_buf_free(&name);
        bc_buf_free(&norm);
        bc_buf_free(&col);
        free(rowhash);
        close(mfd);
        bc_output_guard_free(&guard);
        free(brief_dir);
        free(b.plugin_dirs);
        return BC_EXIT_BRIEF;
    }

    /* --resume: an output is up to date only when it is strictly newer than every input,
       to the nanosecond; an equal time is not proof of anything, so that row is built. */
    struct timespec inputs = {0, 0};
    if (b.resume) {
        inputs = bc_batch_newest_input(brief_dir, inputs, 0);
        if (bc_batch_later(mst.st_mtim, inputs)) inputs = mst.st_mtim;
    }
    free(brief_dir);
    FILE *rep = NULL;
    if (b.report) {
        int rfd = bc_output_open_report(&guard, b.report, &err);
        if (rfd < 0 || !(rep = fdopen(rfd, "w"))) {
            if (rfd >= 0) close(rfd);
            bc_error_print(&err, "briefc");
            bc_record_clear(&r);
            bc_buf_free(&name);
            bc_buf_free(&norm);
            bc_buf_free(&col);
            free(rowhash);
            close(mfd);
            bc_output_guard_free(&guard);
            free(b.plugin_dirs);
            return BC_EXIT_BRIEF;
        }
    }

    /* Pass 2: rows to workers. */
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_stop;
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    signal(SIGPIPE, SIG_IGN);
    worker w[MAX_WORKERS];
    memset(w, 0, sizeof w);
    int nw = b.jobs;
    for (int i = 0; i < nw; i++)
        if (bc_batch_spawn(&b, &w[i], w, i) < 0) {
            fprintf(stderr, "briefc: error: cannot start a worker: %s\n", strerror(errno));
            nw = i;
            break;
        }
    lseek(mfd, 0, SEEK_SET);
    int more = 1, changed = 0;
    if (bc_manifest_open_fd(&m, mfd, b.rows, &err) < 0) {
        more = 0;
        stopping = 1;
        fprintf(stderr, "briefc: error: %s: the manifest changed while it was checked\n", b.rows);
    } else if (bc_batch_hash_name(m.rec.data ? m.rec.data : "") != header_hash) {
        more = 0;
        stopping = 1;
        fprintf(stderr, "briefc: error: %s: the manifest's header changed while it was checked\n",
                b.rows);
    }
    int tty = isatty(2) && !b.quiet;
    long done = 0, failed = 0, skipped = 0, first_unbuilt = 0, last_progress = 0, last_read = 0;
    double t0 = bc_now(), last_draw = 0;
    bc_combine *combined = b.combine ? bc_combine_new() : NULL;
    bc_buf jb = {0};
    for (;;) {
        /* hand out rows to idle workers */
        for (int i = 0; i < nw && more && !stopping && !(b.fail_fast && failed); i++) {
            if (w[i].busy || w[i].pid <= 0) continue;
            int got;
            while ((got = bc_manifest_next(&m, &r, &err)) >= 1) {
                if (r.row > total) { /* appended after the check: never built */
                    got = 0;
                    break;
                }
                last_read = r.row;
                if ((r.row - 1) % b.shard_n != b.shard_k - 1) continue;
                mine++;
                if (got == 2 || bc_batch_hash_name(m.rec.data ? m.rec.data : "") != rowhash[r.row]) {
                    /* an unreadable row, or one changed since it was checked, fails alone */
                    if (got != 2)
                        bc_error_set(&err, b.rows, r.line, "the row changed after the manifest "
                                     "was checked; it was not built");
                    done++;
                    failed++;
                    if (!b.quiet)
                        fprintf(stderr, "%s%s:%d: error: row %ld: %s\n", tty ? "\r\033[K" : "",
                                err.file, err.line, r.row, err.msg);
                    bc_batch_report_row(rep, r.row, "", err.file, err.line, err.msg);
                    got = 2;
                    if (b.fail_fast) break;
                    continue;
                }
                char why[600];
                if (b.tmpl) bc_manifest_output_name(b.tmpl, &r, &name, why, sizeof why);
                else { /* no file of its own */
                    name.len = 0;
                    bc_buf_add(&name, "", 0);
                }
                if (b.resume) {
                    struct stat ost;
                    if (stat(name.data, &ost) == 0 && ost.st_size > 0 &&
                        bc_batch_later(ost.st_mtim, inputs)) {
                        skipped++;
                        continue;
                    }
                }
                break;
            }
            if (got < 0) { /* the manifest changed into something unreadable */
                bc_error_print(&err, "briefc");
                changed = 1;
            }
            if (got != 1) {
                if (got != 2) more = 0;
                break;
            }
            /* make the output's folder */
            char *dir = bc_xstrdup(name.data);
            for (char *p = dir + (dir[0] != 0); *p; p++)
                if (*p == '/') {
                    *p = 0;
                    mkdir(dir, 0777);
                    *p = '/';
                }
            free(dir);
            job j;
            memset(&j, 0, sizeof j);
            j.row = r.row;
            j.pack = b.combine != NULL;
            j.out_len = name.len;
            jb.len = 0;
            bc_buf_add(&jb, &j, sizeof j);
            bc_buf_add(&jb, name.data, name.len);
            for (int k = 0; k < r.ncols; k++) {
                col.len = 0;
                bc_buf_printf(&col, ",%s,", r.name[k]);
                if (!strstr(params, col.data)) continue;
                bc_buf_printf(&jb, "%s=%s", r.name[k], r.value[k]);
                bc_buf_add(&jb, "", 1); /* each define ends with its NUL */
                j.ndefines++;
            }
            j.defs_len = jb.len - sizeof j - name.len;
            memcpy(jb.data, &j, sizeof j);
            if (bc_write_all(w[i].to, jb.data, jb.len) != BC_OK) {
                last_read--;
                more = 0;
                break;
            }
            w[i].busy = r.row;
            free(w[i].busy_out);
            w[i].busy_out = bc_xstrdup(name.data);
            w[i].busy_line = r.line;
            free(w[i].busy_title);
            w[i].busy_title = b.combine ? bc_batch_bookmark_title(&b, &r, name.data) : NULL;
        }
        int busy = 0;
        for (int i = 0; i < nw; i++) busy += w[i].busy != 0;
        if (!busy && (!more || stopping || (b.fail_fast && failed))) break;
        /* collect results */
        struct pollfd pf[MAX_WORKERS];
        for (int i = 0; i < nw; i++) {
            pf[i].fd = w[i].busy ? w[i].from : -1;
            pf[i].events = POLLIN;
            pf[i].revents = 0;
        }
        int pr = poll(pf, (nfds_t)nw, 200);
        if (pr < 0 && errno != EINTR) break;
        for (int i = 0; i < nw; i++) {
            if (!w[i].busy || !(pf[i].revents & (POLLIN | POLLHUP | POLLERR))) continue;
            result res;
            int got_result = bc_read_all(w[i].from, &res, sizeof res) == BC_OK;
            if (got_result && res.pack_len) {
                char *pk = malloc(res.pack_len);
                got_result = pk && bc_read_all(w[i].from, pk, res.pack_len) == BC_OK;
                if (got_result) bc_combine_add(combined, res.row, w[i].busy_title, pk, res.pack_len);
                free(pk);
            }
            if (got_result) {
                done++;
                if (res.status != 0) {
                    failed++;
                    bc_batch_row_failed(&b, rep, tty, &w[i], res.file, res.line, res.msg);
                }
                w[i].busy = 0;
                continue;
            }
            /* the worker died: this row alone is lost; replace the worker */
            int status = 0;
            close(w[i].to);
            close(w[i].from);
            waitpid(w[i].pid, &status, 0);
            char msg[160];
            if (WIFSIGNALED(status)) snprintf(msg, sizeof msg, "the worker building this row was killed by signal %d", WTERMSIG(status));
            else snprintf(msg, sizeof msg, "the worker building this row exited with status %d", WEXITSTATUS(status));
            bc_batch_row_failed(&b, rep, tty, &w[i], "", 0, msg);
            done++;
            failed++;
            w[i].busy = 0;
            w[i].pid = 0;
            if (!stopping && bc_batch_spawn(&b, &w[i], w, nw) < 0) w[i].pid = -1;
        }
        double now = bc_now();
        if (tty && now - last_draw > 0.1) {
            double rate = (done) / (now - t0 > 1e-3 ? now - t0 : 1e-3);
            long left = total / b.shard_n - done - skipped;
            fprintf(stderr, "\r\033[K%ld/%ld rows, %.0f/s, ETA %.0f s, %ld failed", done + skipped,
                    total / b.shard_n + (total % b.shard_n >= b.shard_k), rate,
                    rate > 0 && left > 0 ? left / rate : 0, failed);
            last_draw = now;
            last_progress = done;
        }
    }
    (void)last_progress;
    /* rows never handed out: the checked rows after the last one read */
    long unbuilt = 0;
    {
        for (long row = last_read + 1; row <= total; row++) {
            if ((row - 1) % b.shard_n != b.shard_k - 1) continue;
            if (!first_unbuilt) first_unbuilt = row;
            unbuilt++;
        }
    }
    if (unbuilt && !stopping && !(b.fail_fast && failed)) changed = 1; /* rows went missing */
    close(mfd);
    bc_buf_free(&jb);
    bc_buf_free(&norm);
    bc_buf_free(&col);
    free(rowhash);
    bc_output_guard_free(&guard);
    for (int i = 0; i < nw; i++) {
        if (w[i].pid <= 0) continue;
        close(w[i].to);
        close(w[i].from);
        waitpid(w[i].pid, NULL, 0);
    }
    for (int i = 0; i < nw; i++) {
        free(w[i].busy_out);
        free(w[i].busy_title);
    }
    bc_manifest_close(&m);
    bc_record_clear(&r);
    bc_buf_free(&name);
    if (rep) fclose(rep);
    double secs = bc_now() - t0;
    if (tty) fprintf(stderr, "\r\033[K");
    struct rusage ru;
    getrusage(RUSAGE_CHILDREN, &ru); /* the largest worker */
    if (!b.quiet || failed || unbuilt)
        fprintf(stderr, "briefc: %ld built, %ld failed, %ld up to date, %ld not started, in %.2f s "
                "(%.0f rows/s, %d workers, peak worker RSS %.1f MB", done - failed, failed,
                skipped, unbuilt, secs, secs > 0 ? done / secs : 0.0, nw, ru.ru_maxrss / 1024.0);
    if ((!b.quiet || failed || unbuilt) && b.shard_n > 1)
        fprintf(stderr, ", shard %d/%d", b.shard_k, b.shard_n);
    if (!b.quiet || failed || unbuilt) fprintf(stderr, ")\n");
    if (unbuilt)
        fprintf(stderr, "briefc: stopped early; rows from %ld on were not built: rerun with --resume\n",
                first_unbuilt);
    int combine_failed = 0;
    if (combined) {
        long pages = 0;
        size_t bytes = 0;
        if (unbuilt || stopping) {
            fprintf(stderr, "briefc: %s not written: the batch stopped before every row was built\n",
                    b.combine);
            combine_failed = 1;
        } else if (!bc_combine_rows(combined)) {
            fprintf(stderr, "briefc: %s not written: no row was built\n", b.combine);
            combine_failed = 1;
        } else if (bc_batch_write_combined(&b, combined, &pages, &bytes)) {
            if (!b.quiet || failed)
                fprintf(stderr, "briefc: %s: %d rows, %ld pages, %zu bytes%s\n", b.combine,
                        bc_combine_rows(combined), pages, bytes,
                        failed ? " (without the failed rows)" : "");
        } else {
            combine_failed = 1;
        }
        bc_combine_free(combined);
    }
    free(b.plugin_dirs);
    return failed || unbuilt || combine_failed || changed ? BC_EXIT_BRIEF : 0;
}
