/*
** metrics.c — briefc serve's counters, in the Prometheus text format (GET /metrics):
** requests by route and status, a build latency histogram, cache hits and misses, plugin
** limit hits, and the pool's queue and restarts. Counters are updated with atomics.
*/
#include "serve/serve.h"

#include <stdio.h>

static const char *const route_names[BC_ROUTE_COUNT] = {
    "index", "form", "pdf", "params", "healthz", "metrics", "static", "other", "batch"};

static unsigned long requests[BC_ROUTE_COUNT][600];

static const double buckets[] = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30};
#define NBUCKETS (sizeof buckets / sizeof *buckets)
static unsigned long build_bucket[NBUCKETS + 1], build_count;
static unsigned long long build_micros;
static unsigned long cache_hits, cache_misses, limit_hits, walks;

void bc_serve_metrics_request(bc_serve_route r, int status)
{
    if ((int)r < 0 || r >= BC_ROUTE_COUNT || status < 100 || status >= 600) return;
    __atomic_add_fetch(&requests[r][status], 1, __ATOMIC_RELAXED);
}

void bc_serve_metrics_build(double seconds)
{
    size_t i = 0;
    while (i < NBUCKETS && seconds > buckets[i]) i++;
    __atomic_add_fetch(&build_bucket[i], 1, __ATOMIC_RELAXED);
    __atomic_add_fetch(&build_count, 1, __ATOMIC_RELAXED);
    __atomic_add_fetch(&build_micros, (unsigned long long)(seconds * 1e6), __ATOMIC_RELAXED);
}

void bc_serve_metrics_cache(int hit)
{
    __atomic_add_fetch(hit ? &cache_hits : &cache_misses, 1, __ATOMIC_RELAXED);
}

void bc_serve_metrics_limit_hit(void) { __atomic_add_fetch(&limit_hits, 1, __ATOMIC_RELAXED); }

void bc_serve_metrics_walk(void) { __atomic_add_fetch(&walks, 1, __ATOMIC_RELAXED); }

#define LOAD(x) __atomic_load_n(&(x), __ATOMIC_RELAXED)

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
    bc_buf_adds(b, "# HELP briefc_build_seconds Time a worker took for one build.\n"
                   "# TYPE briefc_build_seconds histogram\n");
    unsigned long cum = 0;
    for (size_t i = 0; i < NBUCKETS; i++) {
        cum += LOAD(build_bucket[i]);
        bc_buf_printf(b, "briefc_build_seconds_bucket{le=\"%g\"} %lu\n", buckets[i], cum);
    }
    cum += LOAD(build_bucket[NBUCKETS]);
    bc_buf_printf(b, "briefc_build_seconds_bucket{le=\"+Inf\"} %lu\n", cum);
    bc_buf_printf(b, "briefc_build_seconds_sum %.6f\n", (double)LOAD(build_micros) / 1e6);
    bc_buf_printf(b, "briefc_build_seconds_count %lu\n", LOAD(build_count));
    bc_buf_printf(b, "# HELP briefc_cache_hits_total PDFs served from the response cache.\n"
                     "# TYPE briefc_cache_hits_total counter\nbriefc_cache_hits_total %lu\n"
                     "# HELP briefc_cache_misses_total PDFs that had to be built.\n"
                     "# TYPE briefc_cache_misses_total counter\nbriefc_cache_misses_total %lu\n",
                  LOAD(cache_hits), LOAD(cache_misses));
    bc_buf_printf(b, "# HELP briefc_plugin_limit_hits_total Builds stopped by a brief's limits.\n"
                     "# TYPE briefc_plugin_limit_hits_total counter\n"
                     "briefc_plugin_limit_hits_total %lu\n", LOAD(limit_hits));
    bc_buf_printf(b, "# HELP briefc_state_walks_total Brief states computed by walking their "
                     "folders (after a change, or always without inotify).\n"
                     "# TYPE briefc_state_walks_total counter\nbriefc_state_walks_total %lu\n",
                  LOAD(walks));
    bc_buf_printf(b, "# HELP briefc_queue_length Requests waiting for a build worker.\n"
                     "# TYPE briefc_queue_length gauge\nbriefc_queue_length %d\n"
                     "# HELP briefc_workers_busy Build workers building now.\n"
                     "# TYPE briefc_workers_busy gauge\nbriefc_workers_busy %d\n"
                     "# HELP briefc_requests_in_flight Requests being answered.\n"
                     "# TYPE briefc_requests_in_flight gauge\nbriefc_requests_in_flight %d\n"
                     "# HELP briefc_workers_restarted_total Workers replaced after a crash or "
                     "timeout.\n# TYPE briefc_workers_restarted_total counter\n"
                     "briefc_workers_restarted_total %ld\n", queued, busy, inflight, restarted);
}
