/* test_cacheevict.c — the on-disk cache keeps at most 256 entries of a kind, scanning its
   folder once per process and counting after (cache.c's evict): 250 entries made a day old,
   then 50 fresh ones stored; 256 remain, every fresh one among them, 44 old ones gone. */
#define _DEFAULT_SOURCE
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "check.h"
#include "base/cache.h"

static int count_entries(const char *dir, const char *prefix)
{
    DIR *d = opendir(dir);
    int n = 0;
    for (struct dirent *e; d && (e = readdir(d));)
        n += !strncmp(e->d_name, prefix, strlen(prefix)) && strstr(e->d_name, ".bin") != NULL;
    if (d) closedir(d);
    return n;
}

static int present(int i)
{
    char key[32];
    int kl = snprintf(key, sizeof key, "entry %d", i);
    bc_cached c;
    if (!bc_cache_map("evt", key, (size_t)kl, &c)) return 0;
    bc_cache_unmap(&c);
    return 1;
}

int main(void)
{
    char dir[] = "/tmp/briefc-evict-XXXXXX";
    CHECK(mkdtemp(dir) != NULL);
    setenv("BRIEFC_CACHE_DIR", dir, 1);
    for (int i = 0; i < 300; i++) {
        char key[32];
        int kl = snprintf(key, sizeof key, "entry %d", i);
        bc_cache_store("evt", key, (size_t)kl, &i, sizeof i);
        if (i == 249) { /* the first 250 a day old */
            DIR *d = opendir(dir);
            struct timespec t[2] = {{time(NULL) - 86400, 0}, {time(NULL) - 86400, 0}};
            for (struct dirent *e; d && (e = readdir(d));)
                if (e->d_name[0] != '.') utimensat(dirfd(d), e->d_name, t, 0);
            if (d) closedir(d);
        }
    }
    CHECK(count_entries(dir, "evt-") == 256);
    int fresh = 0, old = 0;
    for (int i = 0; i < 300; i++) *(i < 250 ? &old : &fresh) += present(i);
    CHECK(fresh == 50);
    CHECK(old == 206);
    printf("%d entries kept: %d old, %d fresh\n", count_entries(dir, "evt-"), old, fresh);
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    CHECK(system(cmd) == 0);
    return check_done();
}
