/*
** bench_host.c — in-process figures for the plugin host: creating the Lua state and loading
** every shipped plugin. Prints the median over many rounds; not a test.
*/
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <lua.h>

#include "lua/fmt.h"
#include "lua/sandbox.h"
#include "base/util.h"

static int cmp(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

int main(int argc, char **argv)
{
    const char *dir = argc > 1 ? argv[1] : BC_PROJECT_DIR "/plugins";
    char *files[64];
    int nf = 0;
    DIR *d = opendir(dir);
    struct dirent *e;
    while (d && (e = readdir(d)) && nf < 64) {
        size_t n = strlen(e->d_name);
        if (n > 4 && !strcmp(e->d_name + n - 4, ".lua") && !strstr(e->d_name, "_test.lua") &&
            strchr(e->d_name, '.') == e->d_name + n - 4) {
            char *p = malloc(strlen(dir) + n + 2);
            sprintf(p, "%s/%s", dir, e->d_name);
            files[nf++] = p;
        }
    }
    if (d) closedir(d);
    enum { ROUNDS = 300 };
    static double t[ROUNDS];
    for (int r = 0; r < ROUNDS; r++) {
        double t0 = bc_now();
        bc_limits lim;
        bc_limits_default(&lim);
        const char *dirs[] = {dir, NULL};
        bc_sandbox *sb = bc_sandbox_new(&lim, dirs);
        lua_State *L = bc_sandbox_state(sb);
        bc_fmt_push(L);
        bc_sandbox_set_global(sb, "fmt");
        for (int i = 0; i < nf; i++) {
            bc_error err;
            bc_sandbox_push_env(sb);
            if (bc_sandbox_load(sb, files[i], files[i], -1, &err) != BC_OK ||
                bc_sandbox_call(sb, 0, 1, "plugin", &err) != BC_OK) {
                fprintf(stderr, "%s: %s\n", files[i], err.msg);
                return 1;
            }
            lua_settop(L, 0);
        }
        bc_sandbox_free(sb);
        t[r] = (bc_now() - t0) * 1e3;
    }
    qsort(t, ROUNDS, sizeof *t, cmp);
    printf("%-34s median %7.3f ms   min %7.3f ms   (%d plugins, %d rounds, in process)\n",
           "Lua state + all shipped plugins", t[ROUNDS / 2], t[0], nf, ROUNDS);
    for (int i = 0; i < nf; i++) free(files[i]);
    return 0;
}
