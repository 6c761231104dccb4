/*
** batch_int.h — what the files of `briefc batch` share: the options of a run, the workers
** and the messages between them, the output name set and the helpers one file defines for
** the others. Included only by batch/.
*/
#ifndef BC_BATCH_INT_H
#define BC_BATCH_INT_H

#include <stdint.h>
#include <stdio.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <time.h>

#include "base/util.h"
#include "batch/combine.h"
#include "batch/manifest.h"
#include "cli/output.h"

#define MAX_WORKERS 64

typedef struct nameset {
    uint64_t *key;
    char **name; /* the exact names: a clash is two equal names, never two hashes */
    long *row;
    size_t cap, n;
} nameset;

typedef struct job { /* parent -> worker: this head, then out_len bytes of the output
                             name, then defs_len bytes of "key=value" strings, each ended by
                             a NUL. Nothing is cut: a value reaches the plugin whole. */
    long row;
    int pack; /* send the layout back for --combine */
    int ndefines;
    size_t out_len; /* 0: no PDF of its own (combine only) */
    size_t defs_len;
} job;

typedef struct result { /* worker -> parent */
    long row;
    int status; /* 0 ok */
    char file[512];
    int line;
    char msg[1024];
    size_t pack_len; /* bytes of packed layout that follow (--combine) */
} result;

typedef struct worker {
    pid_t pid;
    int to, from;     /* pipes */
    long busy;        /* row in flight, 0 when idle */
    char *busy_out;   /* its output name ("" for none) */
    char *busy_title; /* its bookmark in the combined PDF */
    int busy_line;    /* the manifest line the row starts on */
} worker;
typedef struct batch {
    const char *brief, *rows, *tmpl, *report;
    const char *combine, *bookmark; /* one PDF of every row, and each row's bookmark title */
    const char **plugin_dirs;
    int nplugin_dirs;
    int jobs, shard_k, shard_n, resume, fail_fast, quiet;
    int impose, crop_marks; /* every handout imposed for printing (see impose.h) */
    unsigned pdf_standard;  /* --pdf-standard (pdf_std.h), 0 the default */
} batch;

/* One run of `briefc batch`: what its stages (set-up, the check of pass 1, the build of
   pass 2, the summary) hand on to each other. */
typedef struct batch_run {
    batch b;
    bc_error err;
    char *brief_dir;       /* the brief's folder, for --resume */
    char params[8192];     /* the brief's param names, read from a probe of the brief */
    bc_output_guard guard; /* what no output may replace: the brief's files, the manifest */
    int mfd;               /* the manifest, opened once for both passes; -1 when closed */
    struct stat mst;
    bc_manifest m;
    bc_record r;
    bc_buf name, norm, col;
    uint64_t *rowhash; /* each row's bytes as pass 1 checked them */
    size_t rowcap;
    long total, mine;
    int header_checked; /* pass 1 checked the columns and the templates once */
    uint64_t header_hash;
    struct timespec inputs; /* --resume: the newest input */
    FILE *rep;              /* --report */
    worker w[MAX_WORKERS];
    int nw;
    int more, changed, tty;
    long done, failed, skipped, first_unbuilt, last_progress, last_read;
    double t0, last_draw;
    bc_combine *combined;
    bc_buf jb;
} batch_run;

/* batch_names.c */
uint64_t bc_batch_hash_name(const char *s);
long bc_batch_nameset_add(nameset *s, const char *name, long row);
void bc_batch_nameset_free(nameset *s);
void bc_batch_normalise_name(const char *in, bc_buf *out);
int bc_batch_name_fits(const char *name, char *why, size_t cap);

/* batch_worker.c */
int bc_batch_spawn(const batch *b, worker *w, const worker *all, int nall);

/* batch_report.c */
void bc_batch_report_row(FILE *rep, long row, const char *out, const char *file, int line,
                         const char *msg);
void bc_batch_row_failed(const batch *b, FILE *rep, int tty, const worker *w, const char *file,
                         int line, const char *msg);
int bc_batch_later(struct timespec a, struct timespec b);
struct timespec bc_batch_newest_input(const char *dir, struct timespec t, int depth);
char *bc_batch_bookmark_title(const batch *b, const bc_record *r, const char *out);
int bc_batch_write_combined(const batch *b, bc_combine *c, long *pages, size_t *bytes);

/* batch_shard.c */
int bc_batch_parse_shard(const char *s, int *k, int *n);
int bc_batch_shard_from_env(int *k, int *n, char *why, size_t cap);

/* batch_check.c */
int bc_batch_check(batch_run *R);

/* batch_run.c */
int bc_batch_build(batch_run *R);
void bc_batch_release(batch_run *R);

#endif
