/*
** sandbox.c — the Lua state plugins and briefs run in: its allocator under the memory cap,
** the count hook and the budgets it enforces, environments, loading chunks (compiled once per
** process when memoized).
**
** Nothing a plugin wrote runs outside a budget: the count hook is installed on every thread
** for the life of the state (coroutines included), the standard functions that can run
** unbounded inside one C call are wrapped to count their work first, and the places where Lua
** itself turns hooks off are closed: finalizers are refused, xpcall handlers and __close
** handlers do not run after the hook fired. Errors are described with raw access only.
**
** The parts, over one internal header (sandbox_int.h):
**   sandbox_lib.c      the allow-listed base library, its unbounded functions wrapped
**   sandbox_pattern.c  the work bound of Lua patterns, checked before a match runs
**   sandbox_error.c    protected calls, error values described, messages and tracebacks
*/
#define _GNU_SOURCE
#include "lua/sandbox_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <lauxlib.h>
#include <lualib.h>

#include "base/fileio.h"

void bc_limits_default(bc_limits *l)
{
    l->memory = (size_t)256 << 20;
    l->instructions = 100000000LL;
    l->seconds = 10;
    l->pages = 500;
}

/* {====================================================== allocator and hook */

static void hook(lua_State *L, lua_Debug *ar);

/* The cap holds inside bc_sandbox_call, where plugin code runs. The host's own work between
   calls (reading the brief's table, building ctx) is bounded by what it reads and is never
   refused, so a plugin that fills the heap cannot make a host allocation fail outside a
   protected call. */
static void *l_alloc(void *ud, void *ptr, size_t osize, size_t nsize)
{
    bc_sandbox *sb = ud;
    size_t old = ptr ? osize : 0;
    if (nsize == 0) {
        free(ptr);
        sb->mem_used -= old;
        return NULL;
    }
    if (nsize > old && sb->depth > 0 && sb->mem_used - old + nsize > sb->lim.memory) {
        sb->mem_hit = 1;
        return NULL;
    }
    void *p = realloc(ptr, nsize);
    if (!p) {
        sb->sys_refused = 1;
        return NULL;
    }
    sb->mem_used = sb->mem_used - old + nsize;
    if (sb->depth > 0 && nsize >= ALLOC_CHARGED && nsize > old) {
        /* A large block is the work of one instruction the count hook cannot see into (a
           concatenation, string.rep, upper, a table's growth): charge its bytes, check the
           clock, and when the budget is spent make the hook run at the next instruction
           (lua_sethook is safe at any point: lua.c calls it from a signal handler). */
        sb->instr_used += (long long)((nsize - old) / ALLOC_BYTES_PER_INSTRUCTION);
        if (sb->L && (sb->instr_used > sb->lim.instructions || bc_now() > sb->deadline))
            lua_sethook(sb->L, hook, LUA_MASKCOUNT, 1);
    }
    return p;
}

bc_sandbox *bc_sb_sandbox_of(lua_State *L)
{
    void *ud;
    lua_getallocf(L, &ud);
    return ud;
}

int bc_sandbox_charge(lua_State *L, size_t n)
{
    bc_sandbox *sb = bc_sb_sandbox_of(L);
    if (n > sb->lim.memory || sb->mem_used > sb->lim.memory - n) {
        sb->mem_hit = 1;
        return 0;
    }
    sb->mem_used += n;
    return 1;
}

/* Raises the limit error at the running Lua function's line; the hook keeps raising at every
   instruction after it, so a pcall cannot swallow it. */
int bc_sb_kill_now(lua_State *L, bc_sandbox *sb, int level, const char *what)
{
    char msg[400];
    if (!sb->killed) sb->killed = 1;
    lua_sethook(L, hook, LUA_MASKCOUNT, 1);
    if (level == 0 && !lua_pushthread(L)) {
        /* Raised by the hook inside a coroutine, which Lua leaves with hooks off for good:
           remember it, so its pending __close handlers are never run (see sb_coclose). */
        int depth = sb->depth;
        sb->depth = 0;
        lua_getfield(L, LUA_REGISTRYINDEX, "briefc.stopped");
        lua_pushvalue(L, -2);
        lua_pushboolean(L, 1);
        lua_rawset(L, -3);
        lua_pop(L, 1);
        sb->depth = depth;
    }
    if (level == 0) lua_pop(L, 1);
    if (sb->killed == 1)
        snprintf(msg, sizeof msg,
                 "instruction limit reached (%lld million instructions)%s%s; "
                 "raise limits.instructions in brief.lua%s",
                 sb->lim.instructions / 1000000, what ? ": " : "", what ? what : "",
                 what ? "" : " if this is not an endless loop");
    else
        snprintf(msg, sizeof msg,
                 "time limit reached (%g s); raise limits.seconds in brief.lua "
                 "if this is not an endless loop",
                 sb->lim.seconds);
    luaL_where(L, level);
    lua_pushstring(L, msg);
    lua_concat(L, 2);
    return lua_error(L);
}

static void hook(lua_State *L, lua_Debug *ar)
{
    (void)ar;
    bc_sandbox *sb = bc_sb_sandbox_of(L);
    int every = lua_gethookcount(L);
    if (!sb->killed) {
        sb->instr_used += every;
        if (sb->instr_used > sb->lim.instructions)
            sb->killed = 1;
        else if (bc_now() > sb->deadline)
            sb->killed = 2;
        if (!sb->killed && every != HOOK_EVERY) lua_sethook(L, hook, LUA_MASKCOUNT, HOOK_EVERY);
    }
    if (sb->describe_stop && sb->instr_used > sb->describe_stop) sb->killed = 1;
    if (sb->killed) bc_sb_kill_now(L, sb, 0, NULL); /* in a hook, level 0 is the running function */
}

/* Counts work done inside one C call against the section's instruction budget, and stops the
   plugin at its line when it would run past it. The range is first..last (one element per
   index, each costing weight). */
void bc_sb_charge(lua_State *L, lua_Integer first, lua_Integer last, double weight,
                  const char *what, const char *unit)
{
    if (last < first) return;
    bc_sandbox *sb = bc_sb_sandbox_of(L);
    lua_Unsigned d = (lua_Unsigned)last - (lua_Unsigned)first; /* elements - 1, exact */
    double n = ((double)d + 1) * weight;
    double left = (double)sb->lim.instructions - (double)sb->instr_used;
    if (!(n <= left)) {
        char msg[200];
        if (d == (lua_Unsigned)-1)
            snprintf(msg, sizeof msg, "%s over 18446744073709551616 %s", what, unit);
        else
            snprintf(msg, sizeof msg, "%s over %llu %s", what, (unsigned long long)d + 1, unit);
        bc_sb_kill_now(L, sb, 1, msg);
    }
    sb->instr_used += (long long)n;
}

/* Library calls that scan a long text without allocating (string.find with no match, utf8.len)
   are single instructions the hook does not see into: around the wrapped ones, a text of a
   megabyte or more makes them read the clock, so the time limit holds to within one call. */
#define CLOCK_TEXT ((size_t)1 << 20)

void bc_sb_check_clock(lua_State *L, size_t n)
{
    bc_sandbox *sb = bc_sb_sandbox_of(L);
    if (n >= CLOCK_TEXT && !sb->killed && bc_now() > sb->deadline) {
        sb->killed = 2;
        bc_sb_kill_now(L, sb, 1, NULL);
    }
}

void bc_sandbox_check_clock(lua_State *L)
{
    bc_sandbox *sb = bc_sb_sandbox_of(L);
    if (!sb->killed && sb->lim.seconds > 0 && bc_now() > sb->deadline) {
        sb->killed = 2;
        lua_sethook(L, hook, LUA_MASKCOUNT, 1); /* raises at the plugin's next instruction */
    }
}

double bc_sandbox_seconds_left(lua_State *L)
{
    bc_sandbox *sb = bc_sb_sandbox_of(L);
    if (sb->lim.seconds <= 0) return -1;
    double left = sb->deadline - bc_now();
    return left > 0 ? left : 0;
}

/* Every thread gets the hook: the main one when the state is made, coroutines when created. */
void bc_sb_hook_thread(bc_sandbox *sb, lua_State *co)
{
    lua_sethook(co, hook, LUA_MASKCOUNT, sb->killed ? 1 : HOOK_EVERY);
}

/* A fresh budget: per call, between calls, and for closing the state. */
void bc_sb_fresh_budget(bc_sandbox *sb)
{
    sb->instr_used = 0;
    sb->killed = 0;
    sb->describe_stop = 0;
    sb->deadline = bc_now() + sb->lim.seconds;
    if (sb->L) bc_sb_hook_thread(sb, sb->L);
}

/* Anything Lua raises outside a protected call ends the process with a message, never an
   abort. Every host access to plugin values is raw or protected, so this is a last resort. */
static int panic(lua_State *L)
{
    const char *msg = lua_type(L, -1) == LUA_TSTRING ? lua_tostring(L, -1) : NULL;
    fprintf(stderr,
            "briefc: error: %s (a Lua error outside a protected call: please report "
            "this as a bug of briefc)\n",
            msg ? msg : "unknown error");
    fflush(stderr);
    exit(1);
}

/* Errors raised by finalizers arrive as warnings "error in __gc (MESSAGE)": keep the first. */
static void warnf(void *ud, const char *msg, int tocont)
{
    bc_sandbox *sb = ud;
    size_t n = strlen(msg);
    if (sb->warn_len == 0 && !tocont && msg[0] == '@') return; /* control message */
    if (n > sizeof sb->warn - 1 - sb->warn_len) n = sizeof sb->warn - 1 - sb->warn_len;
    memcpy(sb->warn + sb->warn_len, msg, n);
    sb->warn_len += n;
    sb->warn[sb->warn_len] = 0;
    if (tocont) return;
    const char *p = sb->warn;
    if (!sb->gc_failed && strncmp(p, "error in __gc", 13) == 0) {
        p += 13;
        if (!strncmp(p, " metamethod", 11)) p += 11;
        if (!strncmp(p, " (", 2)) p += 2;
        char text[1024];
        snprintf(text, sizeof text, "%s", p);
        size_t tl = strlen(text);
        if (tl && text[tl - 1] == ')') text[tl - 1] = 0;
        bc_error e;
        if (bc_sandbox_split_message(text, &e))
            bc_error_set(&sb->gc_err, e.file, e.line, "in a __gc finalizer: %s", e.msg);
        else
            bc_error_set(&sb->gc_err, NULL, 0, "in a __gc finalizer: %s", text);
        sb->gc_failed = 1;
    }
    sb->warn_len = 0;
}

/* }====================================================== */

bc_sandbox *bc_sandbox_new(const bc_limits *lim, const char *const *module_dirs)
{
    bc_sandbox *sb = bc_xcalloc(1, sizeof *sb);
    sb->lim = *lim;
    sb->lim.memory = (size_t)-1 / 2; /* no cap while the libraries load */
    sb->L = lua_newstate(l_alloc, sb);
    if (!sb->L) {
        free(sb);
        return NULL;
    }
    lua_atpanic(sb->L, panic);
    lua_setwarnf(sb->L, warnf, sb);
    int n = 0;
    while (module_dirs && module_dirs[n]) n++;
    sb->module_dirs = bc_xcalloc((size_t)n + 1, sizeof(char *));
    for (int i = 0; i < n; i++) sb->module_dirs[i] = bc_xstrdup(module_dirs[i]);
    /* Only the libraries build_base draws from (no io, package or debug), into the private
       _G, never shown to chunks. */
    static const luaL_Reg libs[] = {
        {LUA_GNAME, luaopen_base},       {LUA_STRLIBNAME, luaopen_string},
        {LUA_TABLIBNAME, luaopen_table}, {LUA_MATHLIBNAME, luaopen_math},
        {LUA_UTF8LIBNAME, luaopen_utf8}, {LUA_COLIBNAME, luaopen_coroutine},
        {LUA_OSLIBNAME, luaopen_os}};
    for (size_t i = 0; i < sizeof libs / sizeof *libs; i++) {
        luaL_requiref(sb->L, libs[i].name, libs[i].func, 1);
        lua_pop(sb->L, 1);
    }
    bc_sb_build_base(sb);
    sb->baseline = sb->mem_used;
    sb->lim.memory = lim->memory + sb->baseline; /* the cap counts what plugins allocate */
    bc_sb_fresh_budget(sb); /* the hook stays on from now until the state is closed */
    return sb;
}

bc_status bc_sandbox_close(bc_sandbox *sb, bc_error *err)
{
    if (!sb || !sb->L) return BC_OK;
    /* Finalizers run while the state closes. Lua runs them with hooks off, so no budget can
       bound one: that is why setmetatable refuses __gc and no host metatable a plugin can
       reach has one. An error a finalizer raises is still reported. */
    bc_sb_fresh_budget(sb);
    sb->depth++;
    lua_close(sb->L);
    sb->depth--;
    sb->L = NULL;
    if (sb->gc_failed) {
        if (err) *err = sb->gc_err;
        return BC_ERR;
    }
    return BC_OK;
}

void bc_sandbox_free(bc_sandbox *sb)
{
    if (!sb) return;
    bc_sandbox_close(sb, NULL);
    for (int i = 0; sb->module_dirs && sb->module_dirs[i]; i++) free(sb->module_dirs[i]);
    free(sb->module_dirs);
    free(sb->root);
    free(sb->pat);
    free(sb);
}

void bc_sandbox_set_root(bc_sandbox *sb, const char *dir)
{
    free(sb->root);
    sb->root = dir ? bc_xstrdup(dir) : NULL;
}

lua_State *bc_sandbox_state(bc_sandbox *sb) { return sb->L; }
const bc_limits *bc_sandbox_limits(const bc_sandbox *sb) { return &sb->lim; }

void bc_sandbox_set_limits(bc_sandbox *sb, const bc_limits *lim)
{
    bc_limits def;
    bc_limits_default(&def);
    sb->lim = *lim;
    /* brief.c checks each limit's range; a value that escaped it (NaN) must not disarm one */
    if (!(sb->lim.seconds >= 0.001 && sb->lim.seconds <= 1e6)) sb->lim.seconds = def.seconds;
    if (sb->lim.instructions < 1000) sb->lim.instructions = def.instructions;
    sb->lim.memory = lim->memory + sb->baseline;
    bc_sb_fresh_budget(sb);
}

void bc_sandbox_set_global(bc_sandbox *sb, const char *name)
{
    lua_State *L = sb->L;
    if (lua_istable(L, -1)) bc_sb_freeze(L, -1);
    lua_rawgeti(L, LUA_REGISTRYINDEX, sb->base_ref);
    lua_insert(L, -2);
    lua_setfield(L, -2, name);
    lua_pop(L, 1);
}

static int env_index(lua_State *L)
{
    /* upvalue 1: base */
    lua_pushvalue(L, 2);
    lua_rawget(L, lua_upvalueindex(1));
    if (!lua_isnil(L, -1)) return 1;
    if (lua_type(L, 2) == LUA_TSTRING)
        return luaL_error(L, "undefined global '%s'", lua_tostring(L, 2));
    return 0;
}

/* Pushes a fresh environment; cache_idx is the module cache its require uses (0: a new one). */
void bc_sb_push_env(bc_sandbox *sb, int cache_idx)
{
    lua_State *L = sb->L;
    if (cache_idx) cache_idx = lua_absindex(L, cache_idx);
    lua_newtable(L);
    int env = lua_gettop(L);
    lua_createtable(L, 0, 2);
    lua_rawgeti(L, LUA_REGISTRYINDEX, sb->base_ref);
    lua_pushcclosure(L, env_index, 1);
    lua_setfield(L, -2, "__index");
    lua_setmetatable(L, env);
    /* load() defaults to this environment */
    lua_pushvalue(L, env);
    lua_pushcclosure(L, bc_sb_load, 1);
    lua_setfield(L, env, "load");
    if (cache_idx)
        lua_pushvalue(L, cache_idx);
    else
        lua_newtable(L);
    lua_pushcclosure(L, bc_sb_require, 1);
    lua_setfield(L, env, "require");
    lua_pushvalue(L, env);
    lua_setfield(L, env, "_G");
    sb->frozen = 1;
}

void bc_sandbox_push_env(bc_sandbox *sb) { bc_sb_push_env(sb, 0); }

bc_status bc_sandbox_load_text(bc_sandbox *sb, const char *src, size_t len, const char *chunkname,
                               int env_idx, bc_error *err)
{
    lua_State *L = sb->L;
    env_idx = lua_absindex(L, env_idx);
    if (len > 0 && src[0] == LUA_SIGNATURE[0])
        return bc_error_set(err, chunkname, 0,
                            "'%s' is a compiled Lua chunk; only Lua source "
                            "is accepted",
                            chunkname);
    char name[1100];
    snprintf(name, sizeof name, "@%s", chunkname);
    if (luaL_loadbufferx(L, src, len, name, "t") != LUA_OK) {
        const char *msg = lua_tostring(L, -1);
        if (!bc_sandbox_split_message(msg ? msg : "cannot load", err))
            bc_error_set(err, chunkname, 0, "%s", msg ? msg : "cannot load");
        lua_pop(L, 1);
        return BC_ERR;
    }
    lua_pushvalue(L, env_idx);
    if (!lua_setupvalue(L, -2, 1)) lua_pop(L, 1);
    return BC_OK;
}

/* {====================================================== compiled once per process */

typedef struct memo {
    char *path, *chunkname;
    off_t size;
    struct timespec mtime;
    bc_buf code; /* lua_dump of the chunk this process compiled from the source */
} memo;

static memo *memos;
static int nmemos, memo_on;

void bc_sandbox_memo(int on) { memo_on = on; }

void bc_sandbox_memo_release(void)
{
    for (int i = 0; i < nmemos; i++) {
        free(memos[i].path);
        free(memos[i].chunkname);
        bc_buf_free(&memos[i].code);
    }
    free(memos);
    memos = NULL;
    nmemos = 0;
}

static int dump_writer(lua_State *L, const void *p, size_t n, void *ud)
{
    (void)L;
    bc_buf_add(ud, p, n);
    return 0;
}

static memo *memo_find(const char *path, const char *chunkname, const struct stat *st)
{
    for (int i = 0; i < nmemos; i++)
        if (!strcmp(memos[i].path, path) && !strcmp(memos[i].chunkname, chunkname) &&
            memos[i].size == st->st_size && memos[i].mtime.tv_sec == st->st_mtim.tv_sec &&
            memos[i].mtime.tv_nsec == st->st_mtim.tv_nsec)
            return &memos[i];
    return NULL;
}

/* }====================================================== */

bc_status bc_sandbox_load(bc_sandbox *sb, const char *path, const char *chunkname, int env_idx,
                          bc_error *err)
{
    char *src;
    size_t len;
    lua_State *L = sb->L;
    env_idx = lua_absindex(L, env_idx);
    /* through the one door: inside the plugin path or the brief folder, a regular file of at
       most 4 MB; the memo is checked against the file opened, not the path */
    int nd = 0;
    while (sb->module_dirs && sb->module_dirs[nd]) nd++;
    const char **dirs = bc_xcalloc((size_t)nd + 2, sizeof *dirs);
    for (int i = 0; i < nd; i++) dirs[i] = sb->module_dirs[i];
    dirs[nd] = sb->root;
    bc_file_roots roots = {dirs,
                           sb->root ? "the brief folder and the plugin path" : "the plugin path"};
    struct stat st;
    int fd = bc_file_open(path, chunkname, BC_FILE_LUA, &roots, &st, err);
    free(dirs);
    if (fd < 0) return BC_ERR;
    int use_memo = memo_on;
    memo *m = use_memo ? memo_find(path, chunkname, &st) : NULL;
    if (m) {
        char name[1100];
        snprintf(name, sizeof name, "@%s", chunkname);
        if (luaL_loadbufferx(L, m->code.data, m->code.len, name, "b") == LUA_OK) {
            lua_pushvalue(L, env_idx);
            if (!lua_setupvalue(L, -2, 1)) lua_pop(L, 1);
            close(fd);
            return BC_OK;
        }
        lua_pop(L, 1); /* cannot happen; compile from the source again */
    }
    bc_status rd = bc_file_read_fd(fd, chunkname, BC_FILE_LUA, &src, &len, err);
    close(fd);
    if (rd != BC_OK) return BC_ERR;
    bc_status st2 = bc_sandbox_load_text(sb, src, len, chunkname, env_idx, err);
    free(src);
    if (st2 == BC_OK && use_memo && !m) {
        memos = bc_xrealloc(memos, (size_t)(nmemos + 1) * sizeof *memos);
        memo *n = &memos[nmemos];
        memset(n, 0, sizeof *n);
        if (lua_dump(L, dump_writer, &n->code, 0) == 0) { /* with debug info: file:line errors */
            n->path = bc_xstrdup(path);
            n->chunkname = bc_xstrdup(chunkname);
            n->size = st.st_size;
            n->mtime = st.st_mtim;
            nmemos++;
        } else {
            bc_buf_free(&n->code);
        }
    }
    return st2;
}

const char *bc_sandbox_lua_release(void) { return LUA_RELEASE; }
double bc_sandbox_lua_runtime(void) { return (double)lua_version(NULL); }
