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
    char **name;          /* the exact names: a clash is two equal names, never two hashes */
    long *row;
    size_t cap, n;
} nameset;

/* Adds a name (copied); returns the earlier row with the same name, or 0. */
static long nameset_add(nameset *s, const char *name, long row)
{
    if ((s->n + 1) * 2 > s->cap) {
        nameset b = {0};
        b.cap = s->cap ? s->cap * 2 : 1024;
        b.key = bc_xcalloc(b.cap, sizeof *b.key);
        b.name = bc_xcalloc(b.cap, sizeof *b.name);
        b.row = bc_xcalloc(b.cap, sizeof *b.row);
        for (size_t i = 0; i < s->cap; i++) {
            if (!s->key[i]) continue;
            size_t k = (size_t)(s->key[i] % b.cap);
            while (b.key[k]) k = (k + 1) % b.cap;
            b.key[k] = s->key[i];
            b.name[k] = s->name[i];
            b.row[k] = s->row[i];
        }
        b.n = s->n;
        free(s->key);
        free(s->name);
        free(s->row);
        *s = b;
    }
    uint64_t k = hash_name(name);
    size_t i = (size_t)(k % s->cap);
    while (s->key[i]) {
        if (s->key[i] == k && !strcmp(s->name[i], name)) return s->row[i];
        i = (i + 1) % s->cap;
    }
    s->key[i] = k;
    s->name[i] = bc_xstrdup(name);
    s->row[i] = row;
    s->n++;
    return 0;
}

static void nameset_free(nameset *s)
{
    for (size_t i = 0; i < s->cap; i++) free(s->name[i]);
    free(s->key);
    free(s->name);
    free(s->row);
    memset(s, 0, sizeof *s);
}

/* The name a file system sees: empty and "." parts dropped ("out//./a.pdf" is "out/a.pdf"),
   so two spellings of one file clash. ".." stays: a row cannot put one in. */
static void normalise_name(const char *in, bc_buf *out)
{
    out->len = 0;
    bc_buf_add(out, "", 0);
    if (in[0] == '/') bc_buf_addc(out, '/');
    for (const char *p = in; *p;) {
        const char *e = strchr(p, '/');
        size_t n = e ? (size_t)(e - p) : strlen(p);
        if (n && !(n == 1 && p[0] == '.')) {
            if (out->len && out->data[out->len - 1] != '/') bc_buf_addc(out, '/');
            bc_buf_add(out, p, n);
        }
        p += n + (e != NULL);
    }
    if (!out->len) bc_buf_addc(out, '.');
}

/* A name the system can create: at most PATH_MAX - 1 bytes, each part at most NAME_MAX.
   Names are never cut: 0 with why filled. */
static int name_fits(const char *name, char *why, size_t cap)
{
    size_t len = strlen(name);
    if (len >= PATH_MAX) {
        snprintf(why, cap, "the output name is %zu bytes long, more than the system allows (%d); "
                 "use shorter values or a shorter --out template", len, PATH_MAX - 1);
        return 0;
    }
    for (const char *p = name; *p;) {
        const char *e = strchr(p, '/');
        size_t n = e ? (size_t)(e - p) : strlen(p);
        if (n > NAME_MAX) {
            snprintf(why, cap, "a part of the output name is %zu bytes long, more than a file "
                     "name may be (%d): '%.40s…'", n, NAME_MAX, p);
            return 0;
        }
        p += n + (e != NULL);
    }
    return 1;
}

/* }====================================================== */

/* {====================================================== workers */

typedef struct job {      /* parent -> worker: this head, then out_len bytes of the output
                             name, then defs_len bytes of "key=value" strings, each ended by
                             a NUL. Nothing is cut: a value reaches the plugin whole. */
    long row;
    int pack;             /* send the layout back for --combine */
    int ndefines;
    size_t out_len;       /* 0: no PDF of its own (combine only) */
    size_t defs_len;
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
    char *busy_out;       /* its output name ("" for none) */
    char *busy_title;     /* its bookmark in the combined PDF */
    int busy_line;        /* the manifest line the row starts on */
} worker;

static volatile sig_atomic_t stopping;

static void on_stop(int sig)
{
    (void)sig;
    stopping++;
}

typedef struct batch {
    const char *brief, *rows, *tmpl, *report;
    const char *combine, *bookmark; /* one PDF of every row, and each row's bookmark title */
    const char **plugin_dirs;
    int nplugin_dirs;
    int jobs, shard_k, shard_n, resume, fail_fast, quiet;
    int impose, crop_marks; /* every handout imposed for printing (see impose.h) */
    unsigned pdf_standard;  /* --pdf-standard (pdf_std.h), 0 the default */
} batch;

/* The worker: builds rows until its pipe closes. Fonts and hyphenation load once. */
static void worker_main(const batch *b, int in, int out)
{
    bc_pdf_cleanup_on_signals();  /* SIGHUP mid-write removes the temporary file */
    bc_embed_disk_cache(0);       /* rows differ: keep subsets in memory, not one file a row */
    bc_sandbox_memo(1);           /* plugins compiled once per worker, not once per row */
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

/* Newest modification time of the brief's folder (recursively) and the manifest, to the
   nanosecond the file system keeps. */
static int later(struct timespec a, struct timespec b)
{
    return a.tv_sec > b.tv_sec || (a.tv_sec == b.tv_sec && a.tv_nsec > b.tv_nsec);
}

static struct timespec newest_input(const char *dir, struct timespec t, int depth)
{
    struct stat st;
    if (depth > 4 || stat(dir, &st) != 0) return t;
    if (later(st.st_mtim, t)) t = st.st_mtim;
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
        t = newest_input(path.data, t, depth + 1);
    }
    if (d) closedir(d);
    bc_buf_free(&path);
    return t;
}

/* A row's bookmark in the combined PDF: --bookmark filled from the row; else the output's
   file name without folder and ".pdf"; else the row's values ("year 2010, region Sindh"). */
static char *bookmark_title(const batch *b, const bc_record *r, const char *out)
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
    if (bc_pdf_render(lay, &sheet, &meta, fs, &pdf, &err) != BC_OK) goto done;
    if (bc_output_commit(&og, (const unsigned char *)pdf.data, pdf.len, b->combine,
                         BC_OUTPUT_PDF, "--combine", &err) != BC_OK)
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

static int parse_shard(const char *s, int *k, int *n)
{
    char extra;
    return sscanf(s, "%d/%d%c", k, n, &extra) == 2 && *n >= 1 && *k >= 1 && *k <= *n;
}

/* A whole decimal number from the environment: 1 with *v set, 0 when absent, -1 when not
   a number. */
static int env_long(const char *name, long *v)
{
    const char *s = getenv(name);
    if (!s || !s[0]) return 0;
    char *end;
    errno = 0;
    *v = strtol(s, &end, 10);
    return *end || errno ? -1 : 1;
}

/*
** The share of a cluster job from the environment: 1 with k/n set, 0 when there is none,
** -1 with why filled. A Slurm array runs tasks MIN, MIN+STEP, …, MAX (COUNT of them; a list
** like --array=1,5,9 is numbered the same way only when it is such a progression): task ID
** takes share (ID - MIN) / STEP + 1 of COUNT, so the tasks present cover every row once. Any
** numbering that does not fit is refused rather than guessed, since a wrong guess loses rows.
*/
static int shard_from_env(int *k, int *n, char *why, size_t cap)
{
    long id, cnt, min, max, step = 1, idx;
    int hid = env_long("SLURM_ARRAY_TASK_ID", &id), hcnt = env_long("SLURM_ARRAY_TASK_COUNT", &cnt);
    if (hid || hcnt) {
        int hmin = env_long("SLURM_ARRAY_TASK_MIN", &min);
        int hmax = env_long("SLURM_ARRAY_TASK_MAX", &max);
        int hstep = env_long("SLURM_ARRAY_TASK_STEP", &step);
        if (hid < 0 || hcnt < 0 || hmin < 0 || hmax < 0 || hstep < 0) {
            snprintf(why, cap, "a SLURM_ARRAY_TASK_* variable is not a whole number");
            return -1;
        }
        if (hid != 1 || hcnt != 1 || hmin != 1) {
            snprintf(why, cap, "a Slurm array share needs SLURM_ARRAY_TASK_ID, _COUNT and _MIN "
                     "(set by sbatch --array); or give --shard K/N");
            return -1;
        }
        if (!hstep) step = 1;
        /* bounds first, so the arithmetic below cannot overflow */
        if (cnt < 1 || cnt > 1000000 || step < 1 || step > 1000000000L || min < 0 ||
            min > 1000000000L || (hmax && (max < 0 || max > 2000000000L)) || id < 0 ||
            id > 2000000000L) {
            snprintf(why, cap, "a SLURM_ARRAY_TASK_* variable is out of range");
            return -1;
        }
        if (!hmax) max = min + (cnt - 1) * step;
        if (max < min || (max - min) % step || (max - min) / step + 1 != cnt) {
            snprintf(why, cap, "the Slurm array %ld-%ld:%ld does not hold %ld tasks (an array "
                     "given as a list must be evenly spaced); give --shard K/N", min, max, step,
                     cnt);
            return -1;
        }
        if (id < min || id > max || (id - min) % step) {
            snprintf(why, cap, "Slurm array task %ld is not one of %ld-%ld:%ld", id, min, max,
                     step);
            return -1;
        }
        *n = (int)cnt;
        *k = (int)((id - min) / step + 1);
        return 1;
    }
    int hidx = env_long("JOB_COMPLETION_INDEX", &idx), hkc = env_long("BRIEFC_SHARD_COUNT", &cnt);
    if (hidx && hkc) {
        if (hidx < 0 || hkc < 0 || cnt < 1 || cnt > 1000000 || idx < 0 || idx >= cnt) {
            snprintf(why, cap, "the share JOB_COMPLETION_INDEX %s of BRIEFC_SHARD_COUNT %s is out "
                     "of range", getenv("JOB_COMPLETION_INDEX"), getenv("BRIEFC_SHARD_COUNT"));
            return -1;
        }
        *n = (int)cnt;
        *k = (int)idx + 1;
        return 1;
    }
    return 0;
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
            if (!parse_shard(v, &b.shard_k, &b.shard_n)) rc = bc_cli_usage(&cl, "--shard takes K/N with 1 <= K <= N, got '%s'", v);
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
        if (shard_from_env(&b.shard_k, &b.shard_n, why, sizeof why) < 0) {
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
    uint64_t header_hash = hash_name(m.rec.data ? m.rec.data : "");
    /* the combined PDF and the report are names no row may write either */
    if (b.combine) {
        normalise_name(b.combine, &norm);
        nameset_add(&seen, norm.data, -1);
    }
    if (b.report) {
        normalise_name(b.report, &norm);
        if (nameset_add(&seen, norm.data, -2)) {
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
        rowhash[total] = hash_name(m.rec.data ? m.rec.data : "");
        if (st == 2) continue; /* reported when its turn comes */
        char why[600];
        if (b.tmpl && !bc_manifest_output_name(b.tmpl, &r, &name, why, sizeof why)) {
            fprintf(stderr, "%s:%d: error: row %ld: %s\n", b.rows, r.line, r.row, why);
            if (++bad >= 20) break;
            continue;
        }
        if (b.tmpl && !name_fits(name.data, why, sizeof why)) {
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
        if (b.tmpl) normalise_name(name.data, &norm);
        long other = b.tmpl ? nameset_add(&seen, norm.data, r.row) : 0;
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
    nameset_free(&seen);
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
        inputs = newest_input(brief_dir, inputs, 0);
        if (later(mst.st_mtim, inputs)) inputs = mst.st_mtim;
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
        if (spawn(&b, &w[i], w, i) < 0) {
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
    } else if (hash_name(m.rec.data ? m.rec.data : "") != header_hash) {
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
                if (got == 2 || hash_name(m.rec.data ? m.rec.data : "") != rowhash[r.row]) {
                    /* an unreadable row, or one changed since it was checked, fails alone */
                    if (got != 2)
                        bc_error_set(&err, b.rows, r.line, "the row changed after the manifest "
                                     "was checked; it was not built");
                    done++;
                    failed++;
                    if (!b.quiet)
                        fprintf(stderr, "%s%s:%d: error: row %ld: %s\n", tty ? "\r\033[K" : "",
                                err.file, err.line, r.row, err.msg);
                    report_row(rep, r.row, "", err.file, err.line, err.msg);
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
                        later(ost.st_mtim, inputs)) {
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
            w[i].busy_title = b.combine ? bookmark_title(&b, &r, name.data) : NULL;
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
    return failed || unbuilt || combine_failed || changed ? BC_EXIT_BRIEF : 0;
}
