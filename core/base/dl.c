/*
** dl.c — a library opened on first need, its entry points resolved all or none (see dl.h).
*/
#define _GNU_SOURCE
#include "base/dl.h"

#include <dlfcn.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>

void *bc_dl_open(const char *lib, const char *const *names, void **const *slots, size_t n,
                 char *why, size_t cap)
{
    /* Lazy: the names below are resolved here all the same, and ICU and HarfBuzz are linked
       -z now, so this only defers the PLT of what they bring along (libstdc++: about 1.6 M
       instructions on the sample, most of them for functions never called). */
    void *h = dlopen(lib, RTLD_LAZY | RTLD_LOCAL);
    if (!h) {
        const char *e = dlerror();
        if (why) snprintf(why, cap, "%s", e ? e : lib);
        return NULL;
    }
    for (size_t i = 0; i < n; i++) {
        if ((*slots[i] = dlsym(h, names[i])) != NULL) continue;
        if (why) snprintf(why, cap, "%s has no %s", lib, names[i]);
        for (size_t k = 0; k < n; k++) *slots[k] = NULL;
        dlclose(h);
        return NULL;
    }
    return h;
}

/* {====================================================== opened ahead */

static pthread_t ahead;
static int ahead_running;
static const char *ahead_libs[BC_DL_PREFETCH_MAX];
static size_t ahead_n;

static void *open_ahead(void *unused)
{
    (void)unused;
    for (size_t i = 0; i < ahead_n; i++)
        (void)dlopen(ahead_libs[i], RTLD_LAZY | RTLD_LOCAL); /* kept: see dl.h; a failure is
                                                                bc_dl_open's to report */
    return NULL;
}

int bc_dl_prefetch(const char *const *libs, size_t n)
{
    if (ahead_running || n == 0 || n > BC_DL_PREFETCH_MAX) return 0;
    for (size_t i = 0; i < n; i++) ahead_libs[i] = libs[i];
    ahead_n = n;
    pthread_attr_t at;
    if (pthread_attr_init(&at) != 0) return 0;
    pthread_attr_setstacksize(&at, (size_t)256 << 10); /* the loader needs little */
    sigset_t all, old;
    sigfillset(&all);
    pthread_sigmask(SIG_SETMASK, &all, &old); /* the new thread starts with every signal blocked */
    ahead_running = pthread_create(&ahead, &at, open_ahead, NULL) == 0;
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    pthread_attr_destroy(&at);
    return ahead_running;
}

void bc_dl_prefetch_wait(void)
{
    if (!ahead_running) return;
    pthread_join(ahead, NULL);
    ahead_running = 0;
}

/* }====================================================== */
