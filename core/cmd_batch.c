/*
** cmd_batch.c — `briefc batch`: one PDF per manifest row, on every core.
**
**   briefc batch BRIEF --rows MANIFEST.csv|.jsonl --out 'out/{region}-{year}.pdf'
**                [-j N] [--shard K/N] [--resume] [--fail-fast] [--report FILE]
**                [--combine FILE [--bookmark '{region} {year}']]
**
** The manifest is read twice, streaming, one record at a time: first to check every output
** name (no absolute paths, no "..", no control characters, no two rows writing one file)
** before any work starts, then to hand rows to the workers. Each worker is a forked process
** with its own Lua state and PDF documents, its fonts opened and its hyphenation patterns
** loaded once; a worker that crashes costs only the row it was building (the row is reported
** and the worker replaced). Every PDF is written atomically. SIGINT or SIGTERM stops new rows;
** rows in flight finish; the summary says which rows were not built.
**
** With --combine, each worker also sends its row's final layout back packed (combine.h);
** the parent keeps the packs and, once every row is in, lays them end to end in row order and
** writes one PDF with a bookmark per row (--out is then optional).
*/
#define _GNU_SOURCE
#include <dirent.h>
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

#include "build.h"
#include "cmd.h"
#include "combine.h"
#include "csv.h"
#include "embed.h"
#include "fontset.h"
#include "host.h"
#include "hyph.h"
#include "impose.h"
#include "manifest.h"
#include "pdf.h"
#include "sandbox.h"
#include "utf8.h"

#define MAX_WORKERS 64

/* {====================================================== output name set */

/* Output names seen so far, hashed: two rows writing one file is an error before any work. */
static uint64_t hash_name(const char *s)
{
    uint64_t h = 1469598103934665603ULL;
    for (; *s; s++) h = (h ^ (unsigned char)*s) * 1099511628211ULL;
    return h | 1;
}

typedef struct nameset {
    uint64_t *key;
    long *row;
    size_t cap, n;
} nameset;

/* Adds a name; returns the earlier row with the same name hash, or 0. */
static long nameset_add(nameset *s, uint64_t k, long row)
{
    if ((s->n + 1) * 2 > s->cap) {
        nameset b = {0};
        b.cap = s->cap ? s->cap * 2 : 1024;
        b.key = bc_xcalloc(b.cap, sizeof *b.key);
        b.row = bc_xcalloc(b.cap, sizeof *b.row);
        for (size_t i = 0; i < s->cap; i++)
            if (s->key[i]) nameset_add(&b, s->key[i], s->row[i]);
        free(s->key);
        free(s->row);
        *s = b;
    }
    size_t i = (size_t)(k % s->cap);
    while (s->key[i]) {
        if (s->key[i] == k) return s->row[i];
        i = (i + 1) % s->cap;
    }
    s->key[i] = k;
    s->row[i] = row;
    s->n++;
    return 0;
}

/* }====================================================== */

/* {====================================================== workers */

typedef struct job {      /* parent -> worker, fixed size */
    long row;
    char out[1024];       /* empty: no PDF of its own (combine only) */
    int pack;             /* send the layout back for --combine */
    int ndefines;
    char defines[BC_MANIFEST_MAX_COLS][256];
} job;

typedef struct result {   /* worker -> parent */
    long row;
    int status;           /* 0 ok */
    char file[512];
    int line;
    char msg[1024];
    size_t pack_len;      /* bytes of packed layout that follow (--combine) */
} result;

typedef struct worker {
    pid_t pid;
    int to, from;         /* pipes */
    long busy;            /* row in flight, 0 when idle */
    char busy_out[1024];
    char busy_title[512]; /* its bookmark in the combined PDF */
    int busy_line;        /* the manifest line the row starts on */
} worker;

static volatile sig_atomic_t stopping;

static void on_stop(int sig)
{
    (void)sig;
    stopping++;
}

static int read_full(int fd, void *p, size_t n)
{
    char *c = p;
    while (n) {
        ssize_t k = read(fd, c, n);
        if (k < 0 && errno == EINTR) continue;
        if (k <= 0) return -1;
        c += k;
        n -= (size_t)k;
    }
    return 0;
}

typedef struct batch {
    const char *brief, *rows, *tmpl, *report;
    const char *combine, *bookmark; /* one PDF of every row, and each row's bookmark title */
    const char **plugin_dirs;
    int nplugin_dirs;
    int jobs, shard_k, shard_n, resume, fail_fast, quiet;
    int impose, crop_marks; /* every handout imposed for printing (see impose.h) */
} batch;

/* The worker: builds rows until its pipe closes. Fonts and hyphenation load once. */
static void worker_main(const batch *b, int in, int out)
{
    bc_pdf_cleanup_on_signals();  /* SIGTERM mid-write removes the temporary file */
    bc_embed_disk_cache(0);       /* rows differ: keep subsets in memory, not one file a row */
    bc_sandbox_memo(1);           /* plugins compiled once per worker, not once per row */
    signal(SIGINT, SIG_IGN);      /* the parent decides; rows in flight finish */
    bc_fontset *fonts = NULL;
    bc_buf pack = {0};
    job *j = bc_xmalloc(sizeof *j);
    const char *defs[BC_MANIFEST_MAX_COLS];
    for (;;) {
        if (read_full(in, j, sizeof *j) < 0) break;
        bc_build_opts o = {0};
        o.brief = b->brief;
        o.output = j->out[0] ? j->out : NULL;
        for (int i = 0; i < j->ndefines; i++) defs[i] = j->defines[i];
        o.defines = defs;
        o.ndefines = j->ndefines;
        o.plugin_dirs = b->plugin_dirs;
        o.nplugin_dirs = b->nplugin_dirs;
        o.quiet = 1;
        o.impose = b->impose;
        o.crop_marks = b->crop_marks;
        o.write = j->out[0] != 0;
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
        if (bc_write_all(out, &r, sizeof r) != BC_OK) break;
        if (r.pack_len && bc_write_all(out, pack.data, pack.len) != BC_OK) break;
    }
    bc_buf_free(&pack);
    free(j);
    bc_fontset_free(fonts);
    bc_deflate_end();
    bc_embed_release();
    bc_sandbox_memo_release();
    bc_hyph_release();
    _exit(0);
}

static int spawn(const batch *b, worker *w, const worker *all, int nall)
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

static void json_str(FILE *f, const char *s)
{
    fputc('"', f);
    for (; s && *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '"' || c == '\\') fprintf(f, "\\%c", c);
        else if (c < 0x20) fprintf(f, "\\u%04x", c);
        else fputc(c, f);
    }
    fputc('"', f);
}

static void report_row(FILE *rep, long row, const char *out, const char *file, int line,
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
static void row_failed(const batch *b, FILE *rep, int tty, const worker *w, const char *file,
                       int line, const char *msg)
{
    if (!file[0] || line <= 0) {
        file = b->rows;
        line = w->busy_line;
    }
    if (!b->quiet)
        fprintf(stderr, "%s%s:%d: error: row %ld%s%s%s: %s\n", tty ? "\r\033[K" : "", file, line,
                w->busy, w->busy_out[0] ? " (" : "", w->busy_out, w->busy_out[0] ? ")" : "", msg);
    report_row(rep, w->busy, w->busy_out, file, line, msg);
}

/* A modification time in nanoseconds: a file changed within the second after an output was
   written is newer than it. */
static long long mtime_ns(const struct stat *st)
{
    return (long long)st->st_mtim.tv_sec * 1000000000LL + st->st_mtim.tv_nsec;
}

/* Newest modification time of the brief's folder (recursively) and the manifest. */
static long long newest_input(const char *dir, long long t, int depth)
{
    struct stat st;
    if (depth > 4 || stat(dir, &st) != 0) return t;
    if (mtime_ns(&st) > t) t = mtime_ns(&st);
    if (!S_ISDIR(st.st_mode)) return t;
    char cmdpath[4096];
    {
        DIR *d = opendir(dir);
        struct dirent *e;
        while (d && (e = readdir(d))) {
            if (e->d_name[0] == '.') continue;
            size_t n = strlen(e->d_name);
            if (n > 4 && !strcmp(e->d_name + n - 4, ".pdf")) continue; /* outputs */
            snprintf(cmdpath, sizeof cmdpath, "%s/%s", dir, e->d_name);
            t = newest_input(cmdpath, t, depth + 1);
        }
        if (d) closedir(d);
    }
    return t;
}

/* A row's bookmark in the combined PDF: --bookmark filled from the row; else the output's
   file name without folder and ".pdf"; else the row's values ("year 2010, region Sindh"). */
static void bookmark_title(const batch *b, const bc_record *r, const char *out, char *title,
                           size_t cap)
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
    snprintf(title, cap, "%s", t.data);
    bc_buf_free(&t);
}

/* Lays every packed row end to end and writes the combined PDF atomically. */
static int write_combined(const batch *b, bc_combine *c, long *pages, size_t *bytes)
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
    int ok = 0;
    if (bc_host_new(&cfg, &h, &err) != BC_OK) goto done;
    const bc_brief *br = bc_host_brief(h);
    fs = bc_build_fonts(br);
    if (bc_combine_layout(c, br->theme.page_w, br->theme.page_h, fs, &lay, &err) != BC_OK)
        goto done;
    bc_theme sheet = br->theme;
    if (b->impose) bc_impose(lay, &sheet, (bc_impose_mode)b->impose, b->crop_marks);
    if (bc_pdf_render(lay, &sheet, &br->meta, fs, &pdf, &err) != BC_OK) goto done;
    if (bc_pdf_commit((const unsigned char *)pdf.data, pdf.len, b->combine, &err) != BC_OK)
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
    return ok;
}

static int parse_shard(const char *s, int *k, int *n)
{
    char extra;
    return sscanf(s, "%d/%d%c", k, n, &extra) == 2 && *n >= 1 && *k >= 1 && *k <= *n;
}

static void print_help(void)
{
    printf("usage: briefc batch BRIEF --rows MANIFEST.csv|.jsonl --out 'out/{column}.pdf'\n"
           "                    [-j N] [--shard K/N] [--resume] [--fail-fast] [--report FILE]\n"
           "                    [--plugin-path DIR] [--impose 2up|booklet [--crop-marks]]\n"
           "                    [--combine FILE [--bookmark '{column} ...']]\n"
           "Each row's columns become the brief's params (as -D would); columns that are not\n"
           "params must appear in the --out template. Without --shard, the share comes from\n"
           "SLURM_ARRAY_TASK_ID/SLURM_ARRAY_TASK_COUNT or JOB_COMPLETION_INDEX with\n"
           "BRIEFC_SHARD_COUNT. --combine writes every row into one PDF, a bookmark per\n"
           "row, in manifest order (--out is then optional).\n");
}

int bc_cmd_batch(int argc, char **argv)
{
    batch b = {0};
    b.plugin_dirs = bc_xcalloc((size_t)argc + 1, sizeof(char *));
    long ncpu = sysconf(_SC_NPROCESSORS_ONLN);
    b.jobs = ncpu > 0 ? (int)ncpu : 1;
    int rc = -1;
    for (int i = 1; i < argc && rc < 0; i++) {
        const char *a = argv[i], *next = i + 1 < argc ? argv[i + 1] : NULL;
        if (!strcmp(a, "-h") || !strcmp(a, "--help")) { print_help(); rc = 0; }
        else if (!strcmp(a, "--rows") && next) { b.rows = next; i++; }
        else if (!strcmp(a, "--out") && next) { b.tmpl = next; i++; }
        else if (!strcmp(a, "--report") && next) { b.report = next; i++; }
        else if (!strcmp(a, "--combine") && next) { b.combine = next; i++; }
        else if (!strcmp(a, "--bookmark") && next) { b.bookmark = next; i++; }
        else if (!strcmp(a, "--plugin-path") && next) { b.plugin_dirs[b.nplugin_dirs++] = next; i++; }
        else if (!strcmp(a, "-j") && next) {
            b.jobs = atoi(next);
            i++;
            if (b.jobs < 1 || b.jobs > MAX_WORKERS) rc = bc_usage_error("batch: -j takes 1 to 64, got '%s'", next);
        } else if (!strcmp(a, "--shard") && next) {
            if (!parse_shard(next, &b.shard_k, &b.shard_n)) rc = bc_usage_error("batch: --shard takes K/N with 1 <= K <= N, got '%s'", next);
            i++;
        } else if (!strcmp(a, "--impose") && next) {
            bc_impose_mode m;
            if (!bc_impose_parse(next, &m)) rc = bc_usage_error("batch: --impose takes 2up or booklet, not '%s'", next);
            b.impose = (int)m;
            i++;
        } else if (!strcmp(a, "--crop-marks")) b.crop_marks = 1;
        else if (!strcmp(a, "--resume")) b.resume = 1;
        else if (!strcmp(a, "--fail-fast")) b.fail_fast = 1;
        else if (!strcmp(a, "-q") || !strcmp(a, "--quiet")) b.quiet = 1;
        else if (a[0] == '-') rc = bc_usage_error("batch: unknown option '%s'", a);
        else if (b.brief) rc = bc_usage_error("batch: one brief at a time (got '%s')", a);
        else b.brief = a;
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
        const char *id = getenv("SLURM_ARRAY_TASK_ID"), *cnt = getenv("SLURM_ARRAY_TASK_COUNT");
        const char *min = getenv("SLURM_ARRAY_TASK_MIN");
        const char *kidx = getenv("JOB_COMPLETION_INDEX"), *kcnt = getenv("BRIEFC_SHARD_COUNT");
        if (id && cnt) {
            b.shard_n = atoi(cnt);
            b.shard_k = atoi(id) - (min ? atoi(min) : 0) + 1;
        } else if (kidx && kcnt) {
            b.shard_n = atoi(kcnt);
            b.shard_k = atoi(kidx) + 1;
        }
        if (b.shard_n && (b.shard_k < 1 || b.shard_k > b.shard_n)) {
            fprintf(stderr, "briefc: error: the cluster share %d/%d from the environment is out of range\n",
                    b.shard_k, b.shard_n);
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
    char brief_dir[4096];
    snprintf(brief_dir, sizeof brief_dir, "%s", bc_host_brief(probe)->dir);
    /* param names, read from a probe of the brief */
    char params[2048] = "";
    bc_host_param_names(probe, params, sizeof params);
    bc_host_free(probe);

    /* Pass 1: every output name is checked before any work starts. */
    bc_manifest m;
    bc_record r = {0};
    bc_buf name = {0};
    nameset seen = {0};
    long total = 0, mine = 0;
    int bad = 0, st;
    if (bc_manifest_open(&m, b.rows, &err) < 0) {
        bc_error_print(&err, "briefc");
        bc_manifest_close(&m);
        free(b.plugin_dirs);
        return BC_EXIT_BRIEF;
    }
    long unreadable = 0;
    while ((st = bc_manifest_next(&m, &r, &err)) >= 1) {
        total++;
        if (st == 2) { /* reported when its turn comes */
            unreadable++;
            continue;
        }
        char why[600];
        if (b.tmpl && !bc_manifest_output_name(b.tmpl, &r, &name, why, sizeof why)) {
            fprintf(stderr, "%s:%d: error: row %ld: %s\n", b.rows, r.line, r.row, why);
            if (++bad >= 20) break;
            continue;
        }
        long other = b.tmpl ? nameset_add(&seen, hash_name(name.data), r.row) : 0;
        if (other) {
            fprintf(stderr, "%s:%d: error: rows %ld and %ld both write '%s'\n", b.rows, r.line,
                    other, r.row, name.data);
            if (++bad >= 20) break;
        }
        for (int k = 0; k < r.ncols; k++) {
            char pat[300];
            snprintf(pat, sizeof pat, ",%s,", r.name[k]);
            char inside[320];
            snprintf(inside, sizeof inside, "{%s}", r.name[k]);
            if (!strstr(params, pat) && !(b.tmpl && strstr(b.tmpl, inside)) &&
                !(b.bookmark && strstr(b.bookmark, inside))) {
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
    free(seen.key);
    free(seen.row);
    if (bad) {
        fprintf(stderr, "briefc: no handouts built: fix the manifest first\n");
        bc_record_clear(&r);
        bc_buf_free(&name);
        free(b.plugin_dirs);
        return BC_EXIT_BRIEF;
    }

    long long inputs = b.resume ? newest_input(brief_dir, 0, 0) : 0;
    struct stat mst;
    if (b.resume && stat(b.rows, &mst) == 0 && mtime_ns(&mst) > inputs) inputs = mtime_ns(&mst);
    FILE *rep = NULL;
    if (b.report && !(rep = fopen(b.report, "w"))) {
        fprintf(stderr, "briefc: error: cannot write report '%s': %s\n", b.report, strerror(errno));
        free(b.plugin_dirs);
        return BC_EXIT_BRIEF;
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
        if (spawn(&b, &w[i], w, i) < 0) {
            fprintf(stderr, "briefc: error: cannot start a worker: %s\n", strerror(errno));
            nw = i;
            break;
        }
    bc_manifest_open(&m, b.rows, &err);
    int tty = isatty(2) && !b.quiet;
    long done = 0, failed = 0, skipped = 0, first_unbuilt = 0, last_progress = 0;
    double t0 = bc_now(), last_draw = 0;
    int more = 1;
    bc_combine *combined = b.combine ? bc_combine_new() : NULL;
    job *j = bc_xmalloc(sizeof *j);
    for (;;) {
        /* hand out rows to idle workers */
        for (int i = 0; i < nw && more && !stopping && !(b.fail_fast && failed); i++) {
            if (w[i].busy || w[i].pid <= 0) continue;
            int got;
            while ((got = bc_manifest_next(&m, &r, &err)) >= 1) {
                if ((r.row - 1) % b.shard_n != b.shard_k - 1) continue;
                mine++;
                if (got == 2) { /* an unreadable row fails alone */
                    done++;
                    failed++;
                    if (!b.quiet)
                        fprintf(stderr, "%s%s:%d: error: row %ld: %s\n", tty ? "\r\033[K" : "",
                                err.file, err.line, r.row, err.msg);
                    report_row(rep, r.row, "", err.file, err.line, err.msg);
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
                    if (stat(name.data, &ost) == 0 && ost.st_size > 0 && mtime_ns(&ost) >= inputs) {
                        skipped++;
                        continue;
                    }
                }
                break;
            }
            if (got != 1) {
                if (got != 2) more = 0;
                break;
            }
            /* make the output's folder */
            char dir[1024];
            snprintf(dir, sizeof dir, "%s", name.data);
            for (char *p = dir + (dir[0] != 0); *p; p++)
                if (*p == '/') {
                    *p = 0;
                    mkdir(dir, 0777);
                    *p = '/';
                }
            memset(j, 0, sizeof *j);
            j->row = r.row;
            j->pack = b.combine != NULL;
            snprintf(j->out, sizeof j->out, "%s", name.data);
            for (int k = 0; k < r.ncols && j->ndefines < BC_MANIFEST_MAX_COLS; k++) {
                char pat[300];
                snprintf(pat, sizeof pat, ",%s,", r.name[k]);
                if (strstr(params, pat))
                    snprintf(j->defines[j->ndefines++], 256, "%s=%s", r.name[k], r.value[k]);
            }
            if (bc_write_all(w[i].to, j, sizeof *j) != BC_OK) {
                more = 0;
                break;
            }
            w[i].busy = r.row;
            snprintf(w[i].busy_out, sizeof w[i].busy_out, "%s", name.data);
            w[i].busy_line = r.line;
            if (b.combine) bookmark_title(&b, &r, name.data, w[i].busy_title, sizeof w[i].busy_title);
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
            int got_result = read_full(w[i].from, &res, sizeof res) == 0;
            if (got_result && res.pack_len) {
                char *pk = malloc(res.pack_len);
                got_result = pk && read_full(w[i].from, pk, res.pack_len) == 0;
                if (got_result) bc_combine_add(combined, res.row, w[i].busy_title, pk, res.pack_len);
                free(pk);
            }
            if (got_result) {
                done++;
                if (res.status != 0) {
                    failed++;
                    row_failed(&b, rep, tty, &w[i], res.file, res.line, res.msg);
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
            row_failed(&b, rep, tty, &w[i], "", 0, msg);
            done++;
            failed++;
            w[i].busy = 0;
            w[i].pid = 0;
            if (!stopping && spawn(&b, &w[i], w, nw) < 0) w[i].pid = -1;
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
    /* rows never handed out */
    long unbuilt = 0;
    if (stopping || (b.fail_fast && failed)) {
        int got;
        while ((got = bc_manifest_next(&m, &r, &err)) >= 1) {
            if ((r.row - 1) % b.shard_n != b.shard_k - 1) continue;
            if (!first_unbuilt) first_unbuilt = r.row;
            unbuilt++;
        }
    }
    free(j);
    for (int i = 0; i < nw; i++) {
        if (w[i].pid <= 0) continue;
        close(w[i].to);
        close(w[i].from);
        waitpid(w[i].pid, NULL, 0);
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
        } else if (write_combined(&b, combined, &pages, &bytes)) {
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
    return failed || unbuilt || combine_failed ? BC_EXIT_BRIEF : 0;
}
