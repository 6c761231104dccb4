/*
** dl.c — a library opened on first need, its entry points resolved all or none (see dl.h).
*/
#define _GNU_SOURCE
#include "base/dl.h"

#include <dlfcn.h>
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
