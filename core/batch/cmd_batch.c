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

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include "cli/build.h"
#include "cli/cli.h"
#include "cli/cmd.h"
#include "lua/host.h"
#include "pdf/impose.h"
#include "pdf/pdf_std.h"

/* Reads the command line into b; returns -1 to go on, else the exit status. */
static int parse_options(batch *b, int argc, char **argv)
{
    int rc = -1;
    bc_cli cl; /* options from the table in cli.c */
    bc_cli_begin(&cl, "batch", argc, argv);
    for (bc_cli_id id; rc < 0 && (id = bc_cli_next(&cl)) != BC_OPT_END;) {
        const char *v = cl.value;
        switch (id) {
        case BC_OPT_STOP: rc = cl.status; break;
        case BC_OPT_ROWS: b->rows = v; break;
        case BC_OPT_OUT: b->tmpl = v; break;
        case BC_OPT_REPORT: b->report = v; break;
        case BC_OPT_COMBINE: b->combine = v; break;
        case BC_OPT_BOOKMARK: b->bookmark = v; break;
        case BC_OPT_PLUGIN_PATH: b->plugin_dirs[b->nplugin_dirs++] = v; break;
        case BC_OPT_JOBS: {
            char *end;
            long j = strtol(v, &end, 10);
            if (*end || j < 1 || j > MAX_WORKERS)
                rc = bc_cli_usage(&cl, "-j takes 1 to 64, got '%s'", v);
            b->jobs = (int)j;
            break;
        }
        case BC_OPT_SHARD:
            if (!bc_batch_parse_shard(v, &b->shard_k, &b->shard_n))
                rc = bc_cli_usage(&cl, "--shard takes K/N with 1 <= K <= N, got '%s'", v);
            break;
        case BC_OPT_IMPOSE: {
            bc_impose_mode m;
            if (!bc_impose_parse(v, &m))
                rc = bc_cli_usage(&cl, "--impose takes 2up or booklet, not '%s'", v);
            b->impose = (int)m;
            break;
        }
        case BC_OPT_PDF_STANDARD: {
            bc_error pe;
            if (bc_pdf_std_parse(v, &b->pdf_standard, &pe) != 0)
                rc = bc_cli_usage(&cl, "%s", pe.msg);
            break;
        }
        case BC_OPT_CROP_MARKS: b->crop_marks = 1; break;
        case BC_OPT_RESUME: b->resume = 1; break;
        case BC_OPT_FAIL_FAST: b->fail_fast = 1; break;
        case BC_OPT_QUIET: b->quiet = 1; break;
        case BC_OPT_ARG:
            if (b->brief) rc = bc_cli_usage(&cl, "one brief at a time (got '%s')", v);
            b->brief = v;
            break;
        default: rc = bc_cli_usage(&cl, "'%s' is not handled here", cl.opt); break;
        }
    }
    if (rc < 0 && (!b->brief || !b->rows || !(b->tmpl || b->combine)))
        rc = bc_usage_error(
            "%s", "batch: needs BRIEF, --rows MANIFEST and --out TEMPLATE or --combine FILE");
    if (rc < 0 && b->combine && b->resume)
        rc = bc_usage_error("%s",
                            "batch: --resume does not go with --combine, which needs every row");
    if (rc < 0 && b->bookmark && !b->combine)
        rc = bc_usage_error("%s", "batch: --bookmark goes with --combine FILE");
    if (rc < 0 && b->crop_marks && !b->impose)
        rc = bc_usage_error("%s", "batch: --crop-marks goes with --impose 2up or booklet");
    return rc;
}

/* The shard, the brief's params, the output guard and the manifest opened once; returns -1
   to go on, else the exit status. */
static int set_up(batch_run *R)
{
    batch *b = &R->b;
    /* The share of a cluster job: --shard, else Slurm job arrays, else Kubernetes. */
    if (!b->shard_n) {
        char why[300];
        if (bc_batch_shard_from_env(&b->shard_k, &b->shard_n, why, sizeof why) < 0) {
            fprintf(stderr, "briefc: error: %s\n", why);
            return BC_EXIT_USAGE;
        }
    }
    if (!b->shard_n) b->shard_k = b->shard_n = 1;

    /* The brief's params decide which columns a row may have. */
    bc_error_clear(&R->err);
    bc_host_config cfg = {0};
    cfg.brief = b->brief;
    cfg.project_dir = bc_project_dir();
    cfg.plugin_dirs = b->plugin_dirs;
    cfg.nplugin_dirs = b->nplugin_dirs;
    bc_host *probe = NULL;
    if (bc_host_new(&cfg, &probe, &R->err) != BC_OK) {
        bc_error_print(&R->err, "briefc");
        return BC_EXIT_BRIEF;
    }
    R->brief_dir = bc_xstrdup(bc_host_brief(probe)->dir);
    /* param names, read from a probe of the brief */
    bc_host_param_names(probe, R->params, sizeof R->params);
    /* what no output may replace: the brief's files and folders, and the manifest */
    bc_output_guard_init(&R->guard, bc_host_brief(probe), b->plugin_dirs, b->nplugin_dirs);
    bc_host_free(probe);
    bc_output_guard_add_input(&R->guard, b->rows);
    int setup_bad = 0;
    if (b->combine &&
        bc_output_check(&R->guard, b->combine, BC_OUTPUT_PDF, "--combine", &R->err) != BC_OK)
        setup_bad = 1;
    /* The manifest is opened once: both passes read this file, whatever is renamed over it. */
    R->mfd = setup_bad ? -1 : open(b->rows, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (!setup_bad && R->mfd < 0) {
        bc_error_set(&R->err, b->rows, 0, "cannot open manifest '%s': %s", b->rows,
                     strerror(errno));
        setup_bad = 1;
    } else if (!setup_bad && (fstat(R->mfd, &R->mst) != 0 || !S_ISREG(R->mst.st_mode))) {
        bc_error_set(&R->err, b->rows, 0, "the manifest must be a regular file (it is read twice)");
        setup_bad = 1;
    }
    if (setup_bad) {
        bc_error_print(&R->err, "briefc");
        return BC_EXIT_BRIEF;
    }
    fcntl(R->mfd, F_SETFL, fcntl(R->mfd, F_GETFL) & ~O_NONBLOCK);
    return -1;
}

/* After the check: the newest input for --resume and the report opened; returns -1 to go
   on, else the exit status. */
static int open_outputs(batch_run *R)
{
    batch *b = &R->b;
    /* --resume: an output is up to date only when it is strictly newer than every input,
       to the nanosecond; an equal time is not proof of anything, so that row is built. */
    R->inputs = (struct timespec){0, 0};
    if (b->resume) {
        R->inputs = bc_batch_newest_input(R->brief_dir, R->inputs, 0);
        if (bc_batch_later(R->mst.st_mtim, R->inputs)) R->inputs = R->mst.st_mtim;
    }
    free(R->brief_dir);
    R->brief_dir = NULL;
    R->rep = NULL;
    if (b->report) {
        int rfd = bc_output_open_report(&R->guard, b->report, &R->err);
        if (rfd < 0 || !(R->rep = fdopen(rfd, "w"))) {
            if (rfd >= 0) close(rfd);
            bc_error_print(&R->err, "briefc");
            return BC_EXIT_BRIEF;
        }
    }
    return -1;
}

int bc_cmd_batch(int argc, char **argv)
{
    batch_run *R = bc_xcalloc(1, sizeof *R);
    batch *b = &R->b;
    R->mfd = -1;
    b->plugin_dirs = bc_xcalloc((size_t)argc + 1, sizeof(char *));
    long ncpu = sysconf(_SC_NPROCESSORS_ONLN);
    b->jobs = ncpu > 0 ? (int)ncpu : 1;
    int rc = parse_options(b, argc, argv);
    if (rc < 0) rc = set_up(R);
    if (rc < 0) rc = bc_batch_check(R);
    if (rc < 0) rc = open_outputs(R);
    if (rc < 0) rc = bc_batch_build(R);
    bc_batch_release(R);
    free(R->brief_dir);
    bc_combine_free(R->combined);
    free(b->plugin_dirs);
    free(R);
    return rc;
}
