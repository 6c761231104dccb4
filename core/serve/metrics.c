/*
** metrics.c — briefc serve's counters, in the Prometheus text format (GET /metrics):
** requests by route and status, a build latency histogram, cache hits and misses, plugin
** limit hits, the time requests waited for a worker, and the pool's queue and restarts.
** Counters are updated with atomics.
*/
#include "serve/serve.h"

#include <stdio.h>

static const char *const route_names[BC_ROUTE_COUNT] = {
    "index", "form", "pdf", "params", "healthz", "metrics", "static", "other", "batch"};

static unsigned long requests[BC_ROUTE_COUNT][600];

static const double buckets[] = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30};
#define NBUCKETS (sizeof buckets / sizeof *buckets)
/* one latency histogram: counts per bucket (the last is +Inf), count and sum in microseconds */
typedef struct histogram {
    unsigned long bucket[NBUCKETS + 1], count;
    unsigned long long micros;
} histogram;

static histogram build_time, queue_wait;
static unsigned long cache_hits, cache_misses, limit_hits, walks;

void bc_serve_metrics_request(bc_serve_route r, int status)
{
    if ((int)r < 0 || r >= BC_ROUTE_COUNT || status < 100 || status >= 600) return;
    __atomic_add_fetch(&requests[r][status], 1, __ATOMIC_RELAXED);
}

static void observe(histogram *h, double seconds)
{
    if (!(seconds >= 0)) seconds = 0; /* a clock step backwards, or NaN */
    size_t i = 0;
    while (i < NBUCKETS && seconds > buckets[i]) i++;
    __atomic_add_fetch(&h->bucket[i], 1, __ATOMIC_RELAXED);
    __atomic_add_fetch(&h->count, 1, __ATOMIC_RELAXED);
    __atomic_add_fetch(&h->micros, (unsigned long long)(seconds * 1e6), __ATOMIC_RELAXED);
}

void bc_serve_metrics_build(double seconds) { observe(&build_time, seconds); }

void bc_serve_metrics_queue_wait(double seconds) { observe(&queue_wait, seconds); }

void bc_serve_metrics_cache(int hit)
{
    __atomic_add_fetch(hit ? &cache_hits : &cache_misses, 1, __ATOMIC_RELAXED);
}

void bc_serve_metrics_limit_hit(void) { __atomic_add_fetch(&limit_hits, 1, __ATOMIC_RELAXED); }

void bc_serve_metrics_walk(void) { __atomic_add_fetch(&walks, 1, __ATOMIC_RELAXED); }

#define LOAD(x) __atomic_load_n(&(x), __ATOMIC_RELAXED)

static void histogram_text(bc_buf *b, const char *name, const char *help, histogram *h)
{
    bc_buf_printf(b, "# HELP %s %s\n# TYPE %s histogram\n", name, help, name);
    unsigned long cum = 0;
    for (size_t i = 0; i < NBUCKETS; i++) {
        cum += LOAD(h->bucket[i]);
        bc_buf_printf(b, "%s_bucket{le=\"%g\"} %lu\n", name, buckets[i], cum);
    }
    cum += LOAD(h->bucket[NBUCKETS]);
    bc_buf_printf(b, "%s_bucket{le=\"+Inf\"} %lu\n", name, cum);
    bc_buf_printf(b, "%s_sum %.6f\n", name, (double)LOAD(h->micros) / 1e6);
    bc_buf_printf(b, "%s_count %lu\n", name, LOAD(h->count));
}

void bc_serve_metrics_text(bc_buf *b, int queued, int busy, long restarted, int inflight)
{
    bc_buf_adds(b, "# HELP briefc_http_requests_total HTTP requests by route and status.\n"
                   "# TYPE briefc_http_requests_total counter\n");
    for (int r = 0; r < BC_ROUTE_COUNT; r++)
        for (int s = 100; s < 600; s++) {
            unsigned long v = LOAD(requests[r][s]);
            if (v)
                bc_buf_printf(b, "briefc_http_requests_total{route=\"%s\",status=\"%d\"} %lu\n",
                              route_names[r], s, v);
        }
    histogram_text(b, "briefc_build_seconds", "Time a worker took for one build.", &build_time);
    histogram_text(b, "briefc_queue_wait_seconds", "Time a request waited for a free build worker.",
                   &queue_wait);
    bc_buf_printf(b,
                  "# HELP briefc_cache_hits_total PDFs served from the response cache.\n"
                  "# TYPE briefc_cache_hits_total counter\nbriefc_cache_hits_total %lu\n"
                  "# HELP briefc_cache_misses_total PDFs that had to be built.\n"
                  "# TYPE briefc_cache_misses_total counter\nbriefc_cache_misses_total %lu\n",
                  LOAD(cache_hits), LOAD(cache_misses));
    bc_buf_printf(b,
                  "# HELP briefc_plugin_limit_hits_total Builds stopped by a brief's limits.\n"
                  "# TYPE briefc_plugin_limit_hits_total counter\n"
                  "briefc_plugin_limit_hits_total %lu\n",
                  LOAD(limit_hits));
    bc_buf_printf(b,
                  "# HELP briefc_state_walks_total Brief states computed by walking their "
                  "folders (after a change, or always without inotify).\n"
                  "# TYPE briefc_state_walks_total counter\nbriefc_state_walks_total %lu\n",
                  LOAD(walks));
    bc_buf_printf(b,
                  "# HELP briefc_queue_length Requests waiting for a build worker.\n"
                  "# TYPE briefc_queue_length gauge\nbriefc_queue_length %d\n"
                  "# HELP briefc_workers_busy Build workers building now.\n"
                  "# TYPE briefc_workers_busy gauge\nbriefc_workers_busy %d\n"
                  "# HELP briefc_requests_in_flight Requests being answered.\n"
                  "# TYPE briefc_requests_in_flight gauge\nbriefc_requests_in_flight %d\n"
                  "# HELP briefc_workers_restarted_total Workers replaced after a crash or "
                  "timeout.\n# TYPE briefc_workers_restarted_total counter\n"
                  "briefc_workers_restarted_total %ld\n",
                  queued, busy, inflight, restarted);
}
