/*
** pool.h — briefc serve's pre-forked build workers.
**
** Each worker is a fresh `briefc serve --worker` process (fork and exec, so it inherits no
** server thread, socket or lock), started before the first request, that builds one request
** at a time as `briefc batch`'s workers build rows: a fresh Lua state and document per request
** under the brief's limits, fonts, hyphenation patterns and compiled plugins kept warm across
** requests. A worker that crashes, is killed or outruns the server's timeout costs only the
** request it was building: the request gets an error and the worker is replaced. Requests
** beyond the workers wait in a bounded queue; past it they are refused at once.
*/
#ifndef BC_SERVE_POOL_H
#define BC_SERVE_POOL_H

#include "base/util.h"

typedef enum {
    BC_SERVE_JOB_BUILD = 1,    /* the PDF, in body */
    BC_SERVE_JOB_DESCRIBE = 2, /* the brief's metadata and params as JSON, in body */
    BC_SERVE_JOB_COMBINE = 3   /* rows of defs, each ended by "", built into one PDF with a
                                  bookmark per row (a batch's combined PDF), in body */
} bc_serve_job_kind;

typedef enum {
    BC_SERVE_OK = 0,
    BC_SERVE_FAILED = 1,     /* the brief failed: file, line and msg say where (422) */
    BC_SERVE_BAD_PARAMS = 2, /* a param was refused as -D refuses it (400) */
    BC_SERVE_CRASHED = 3,    /* the worker died or ran out of time (500) */
    BC_SERVE_BUSY = 4        /* every worker busy and the queue full (503) */
} bc_serve_status;

typedef struct bc_serve_result {
    int status;     /* a bc_serve_status */
    char file[512]; /* relative to the briefs folder; never a path outside it */
    int line;
    char msg[2048];
    bc_buf body;
    double seconds;       /* time in the worker */
    double queue_seconds; /* time waiting for a free worker */
} bc_serve_result;

/*
** What one request may use in its worker, set with setrlimit: CPU seconds per request (the
** soft limit is moved before each job; SIGXCPU ends the worker, the hard limit one second later
** kills it), the worker's address space, the largest file it may write (the on-disk cache is its
** only file), and its open files. 0: no limit. Under AddressSanitizer the address space is left
** alone (its shadow memory reserves terabytes).
*/
typedef struct bc_serve_limits {
    long cpu_seconds, memory_mb, file_mb, open_files;
} bc_serve_limits;

typedef struct bc_serve_pool bc_serve_pool;

/* Starts n workers for briefs in briefs_dir (an absolute path). timeout: seconds a request
   may take in a worker before the worker is killed. NULL with err set on failure. */
bc_serve_pool *bc_serve_pool_new(const char *briefs_dir, int n, int max_queue, double timeout,
                                 const bc_serve_limits *lim, bc_error *err);

/* Runs one job on a free worker, waiting in the queue if need be. name is a brief folder's
   name inside briefs_dir, key the caller's hash of its state (the worker's fonts are kept
   per key), defs "key=value" strings. Fills r (free r->body with bc_buf_free). */
void bc_serve_pool_run(bc_serve_pool *p, bc_serve_job_kind kind, const char *name, const char *key,
                       const char *const *defs, int ndefs, bc_serve_result *r);

/* Requests waiting for a worker, workers building now, and workers replaced since the start. */
void bc_serve_pool_stats(bc_serve_pool *p, int *queued, int *busy, long *restarted);

/* Stops the workers (each finishes its request first) and frees the pool. NULL is fine. */
void bc_serve_pool_free(bc_serve_pool *p);

/* The worker process: `briefc serve --worker DIR CPU MEMORY_MB FILE_MB OPEN_FILES`, jobs on
   fd 3, results on fd 4. */
int bc_serve_worker_main(int argc, char **argv);

#endif
