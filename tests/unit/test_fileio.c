/* test_fileio.c — the one door (fileio.c) and the cache's entries (cache.c), file by file:
   roots with links in and out of them, FIFOs, devices and folders refused without blocking,
   the size cap held while reading, messages that never show the target's content; cache
   entries read back only under their own whole key and never through a link. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/cache.h"
#include "check.h"
#include "base/fileio.h"
#include "base/util.h"

static char base[256]; /* a fresh folder: base/in (the root) and base/out */

static void put(const char *rel, const char *text)
{
    char p[512];
    snprintf(p, sizeof p, "%s/%s", base, rel);
    FILE *f = fopen(p, "w");
    if (!f) return;
    fputs(text, f);
    fclose(f);
}

static void link_to(const char *target, const char *rel)
{
    char p[512];
    snprintf(p, sizeof p, "%s/%s", base, rel);
    if (symlink(target, p) != 0) perror(p);
}

/* Reads rel (under base) with base/in as the only root; BC_OK or not, the message in e. */
static bc_status read_in(const char *rel, bc_file_kind kind, char **data, size_t *len, bc_error *e)
{
    char p[512], root[512];
    snprintf(p, sizeof p, "%s/%s", base, rel);
    snprintf(root, sizeof root, "%s/in", base);
    const char *dirs[] = {root, NULL};
    bc_file_roots roots = {dirs, "the brief folder"};
    bc_error_clear(e);
    *data = NULL;
    return bc_file_read(p, rel, kind, &roots, data, len, e);
}

static void test_door(void)
{
    char *d;
    size_t n;
    bc_error e;
    put("in/ok.lua", "return 1\n");
    put("out/secret.lua", "local s = 'SECRET-CONTENT' +\n");
    CHECK(read_in("in/ok.lua", BC_FILE_LUA, &d, &n, &e) == BC_OK && n == 9 &&
          !strcmp(d, "return 1\n"));
    free(d);

    /* a link out of the root: refused, and neither the content nor the target is shown */
    char target[512];
    snprintf(target, sizeof target, "%s/out/secret.lua", base);
    link_to(target, "in/leak.lua");
    CHECK(read_in("in/leak.lua", BC_FILE_LUA, &d, &n, &e) != BC_OK && !d);
    CHECK_STR(e.msg, "'in/leak.lua' is outside the brief folder; copy the file inside rather than "
                     "linking to it");
    CHECK(!strstr(e.msg, "SECRET") && !strstr(e.msg, "secret") && !strcmp(e.file, "in/leak.lua"));
    /* ".." out of the root, and a link to a folder outside with the file reached through it */
    CHECK(read_in("in/../out/secret.lua", BC_FILE_LUA, &d, &n, &e) != BC_OK);
    snprintf(target, sizeof target, "%s/out", base);
    link_to(target, "in/outdir");
    CHECK(read_in("in/outdir/secret.lua", BC_FILE_LUA, &d, &n, &e) != BC_OK &&
          strstr(e.msg, "is outside"));
    /* a link out to nothing: refused the same way, so files outside cannot be probed; a
       file missing inside is just missing */
    snprintf(target, sizeof target, "%s/out/no-such-file", base);
    link_to(target, "in/dangling");
    CHECK(read_in("in/dangling", BC_FILE_LUA, &d, &n, &e) != BC_OK);
    CHECK_STR(e.msg, "'in/dangling' is outside the brief folder; copy the file inside rather than "
                     "linking to it");
    CHECK(read_in("in/outdir/no-such-file", BC_FILE_LUA, &d, &n, &e) != BC_OK &&
          strstr(e.msg, "is outside"));
    link_to("no-such-file", "in/dangling-inside");
    CHECK(read_in("in/dangling-inside", BC_FILE_LUA, &d, &n, &e) != BC_OK);
    CHECK_STR(e.msg, "cannot open 'in/dangling-inside': No such file or directory");
    /* a link that stays inside is fine */
    link_to("ok.lua", "in/alias.lua");
    CHECK(read_in("in/alias.lua", BC_FILE_LUA, &d, &n, &e) == BC_OK && n == 9);
    free(d);

    /* not regular files: refused at once, named */
    char p[512];
    snprintf(p, sizeof p, "%s/in/fifo", base);
    CHECK(mkfifo(p, 0600) == 0);
    CHECK(read_in("in/fifo", BC_FILE_DATA, &d, &n, &e) != BC_OK);
    CHECK_STR(e.msg, "'in/fifo' is a named pipe (FIFO), not a regular file");
    snprintf(p, sizeof p, "%s/in/dir", base);
    mkdir(p, 0700);
    CHECK(read_in("in/dir", BC_FILE_DATA, &d, &n, &e) != BC_OK);
    CHECK_STR(e.msg, "'in/dir' is a folder, not a regular file");
    link_to("/dev/zero", "in/zero");
    CHECK(read_in("in/zero", BC_FILE_DATA, &d, &n, &e) != BC_OK && strstr(e.msg, "is outside"));
    const char *anywhere[] = {"/", NULL};
    bc_file_roots all = {anywhere, "the file system"};
    CHECK(bc_file_read("/dev/zero", NULL, BC_FILE_DATA, &all, &d, &n, &e) != BC_OK);
    CHECK_STR(e.msg, "'/dev/zero' is a device, not a regular file");
    CHECK(read_in("in/missing", BC_FILE_DATA, &d, &n, &e) != BC_OK);
    CHECK_STR(e.msg, "cannot open 'in/missing': No such file or directory");

    /* the cap: a file one byte over it is refused before reading (sparse: nothing written) */
    snprintf(p, sizeof p, "%s/in/big.lua", base);
    int fd = open(p, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    CHECK(fd >= 0 && ftruncate(fd, (off_t)bc_file_cap(BC_FILE_LUA) + 1) == 0);
    close(fd);
    CHECK(read_in("in/big.lua", BC_FILE_LUA, &d, &n, &e) != BC_OK);
    CHECK_STR(e.msg, "'in/big.lua' is larger than 4 MB, the limit for a Lua source file");
    /* and while reading: given a descriptor on a file larger than fstat said when opened (as one
       that grew), at most cap + 1 bytes are read */
    fd = open(p, O_RDONLY);
    CHECK(bc_file_read_fd(fd, "in/big.lua", BC_FILE_LUA, &d, &n, &e) == BC_ERR);
    CHECK(lseek(fd, 0, SEEK_CUR) == (off_t)bc_file_cap(BC_FILE_LUA) + 1);
    close(fd);
    /* exactly the cap is fine */
    fd = open(p, O_WRONLY);
    CHECK(ftruncate(fd, (off_t)bc_file_cap(BC_FILE_LUA)) == 0);
    close(fd);
    CHECK(read_in("in/big.lua", BC_FILE_LUA, &d, &n, &e) == BC_OK && n == bc_file_cap(BC_FILE_LUA));
    free(d);
}

static int count_tmp(const char *dir)
{
    char cmd[600];
    snprintf(cmd, sizeof cmd, "ls -A '%s' | grep -c '\\.tmp$'", dir);
    FILE *f = popen(cmd, "r");
    int n = -1;
    if (f && fscanf(f, "%d", &n) != 1) n = -1;
    if (f) pclose(f);
    return n;
}

static void test_cache(void)
{
    char dir[512], victim[512], p[700];
    snprintf(dir, sizeof dir, "%s/cache", base);
    setenv("BRIEFC_CACHE_DIR", dir, 1);
    const char ka[] = "key A: the whole of it", kb[] = "key B: the whole of it";
    bc_cache_store("test", ka, sizeof ka, "payload A", 9);
    struct stat st;
    CHECK(stat(dir, &st) == 0 && (st.st_mode & 0777) == 0700);
    char na[300] = "";
    snprintf(p, sizeof p, "ls '%s' | grep '^test-.*bin$'", dir);
    FILE *ls = popen(p, "r");
    if (!ls || !fgets(na, sizeof na, ls)) na[0] = 0;
    if (ls) pclose(ls);
    na[strcspn(na, "\n")] = 0; /* entry A's file name */
    CHECK(na[0]);
    bc_cached c;
    CHECK(bc_cache_map("test", ka, sizeof ka, &c) && c.len == 9 && !memcmp(c.data, "payload A", 9));
    bc_cache_unmap(&c);
    CHECK(!bc_cache_map("test", kb, sizeof kb, &c));
    CHECK(count_tmp(dir) == 0);

    /* entry A copied to B's name: B misses (its own key is not in it) */
    bc_cache_store("test", kb, sizeof kb, "payload B", 9);
    char cmd[2400];
    snprintf(cmd, sizeof cmd, "cd '%s' && b=$(grep -l 'key B' test-*.bin) && cp '%s' $b", dir, na);
    CHECK(system(cmd) == 0);
    CHECK(!bc_cache_map("test", kb, sizeof kb, &c));
    CHECK(bc_cache_map("test", ka, sizeof ka, &c));
    bc_cache_unmap(&c);

    /* an entry that is a link (to a valid entry elsewhere) is not read; a store replaces the
       link and never writes through it */
    snprintf(victim, sizeof victim, "%s/victim", base);
    snprintf(cmd, sizeof cmd, "cd '%s' && cp '%s' '%s' && ln -sf '%s' '%s'", dir, na, victim,
             victim, na);
    CHECK(system(cmd) == 0);
    CHECK(!bc_cache_map("test", ka, sizeof ka, &c));
    bc_cache_store("test", ka, sizeof ka, "payload C", 9);
    CHECK(bc_cache_map("test", ka, sizeof ka, &c) && !memcmp(c.data, "payload C", 9));
    bc_cache_unmap(&c);
    char *v;
    size_t vn;
    bc_error e;
    CHECK(bc_read_file(victim, &v, &vn, &e) == BC_OK && memmem(v, vn, "payload A", 9));
    free(v);

    /* a folder others can write to is not used */
    CHECK(chmod(dir, 0777) == 0);
    CHECK(!bc_cache_map("test", ka, sizeof ka, &c));
    bc_cache_store("test", kb, sizeof kb, "payload D", 9);
    CHECK(chmod(dir, 0700) == 0);
    CHECK(!bc_cache_map("test", kb, sizeof kb, &c)); /* B's file is still A's copy: D not stored */
    CHECK(bc_cache_map("test", ka, sizeof ka, &c));
    bc_cache_unmap(&c);
    CHECK(count_tmp(dir) == 0);
}

int main(void)
{
    snprintf(base, sizeof base, "/tmp/briefc-test-fileio-XXXXXX");
    if (!mkdtemp(base)) return 1;
    char p[512];
    snprintf(p, sizeof p, "%s/in", base);
    mkdir(p, 0700);
    snprintf(p, sizeof p, "%s/out", base);
    mkdir(p, 0700);
    test_door();
    test_cache();
    char cmd[600];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", base);
    if (system(cmd) != 0) fprintf(stderr, "cannot remove %s\n", base);
    return check_done();
}
