/*
** home.c — the data folder's lookup (see home.h): BRIEFC_HOME, then share/briefc relative to
** the running executable (/proc/self/exe, symlinks resolved), then the source tree.
*/
#include "base/home.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#ifndef BC_PROJECT_DIR
#define BC_PROJECT_DIR "."
#endif

static char home[PATH_MAX];
static const char *origin;

/* <exe's folder>/../share/briefc when it holds plugins/; 0 otherwise. */
static int installed(char *out, size_t cap)
{
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n <= 0) return 0;
    exe[n] = 0;
    char *slash = strrchr(exe, '/');
    if (!slash) return 0;
    *slash = 0; /* the bin folder */
    slash = strrchr(exe, '/');
    if (!slash) return 0;
    *slash = 0; /* the prefix ("" for /) */
    char probe[PATH_MAX + 32];
    struct stat st;
    snprintf(probe, sizeof probe, "%s/share/briefc/plugins", exe);
    if (stat(probe, &st) != 0 || !S_ISDIR(st.st_mode)) return 0;
    return snprintf(out, cap, "%s/share/briefc", exe) < (int)cap;
}

const char *bc_home_dir(void)
{
    if (origin) return home;
    const char *env = getenv("BRIEFC_HOME");
    if (env && env[0] && strlen(env) < sizeof home) {
        snprintf(home, sizeof home, "%s", env);
        origin = "BRIEFC_HOME";
    } else if (installed(home, sizeof home)) {
        origin = "installed";
    } else {
        snprintf(home, sizeof home, "%s", BC_PROJECT_DIR);
        origin = "source tree";
    }
    return home;
}

const char *bc_home_origin(void)
{
    bc_home_dir();
    return origin;
}
