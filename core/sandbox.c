/*
** sandbox.c — Lua state, allow-listed libraries, environments and budgets.
*/
#define _GNU_SOURCE
#include "sandbox.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <lauxlib.h>
#include <lualib.h>

#include "fileio.h"
#include "supervise.h"

struct bc_sandbox {
    lua_State *L;
    bc_limits lim;
    size_t mem_used;
    int mem_hit;              /* the allocator refused a request */
    long long instr_used;
    double deadline;
    int killed;               /* 1 instructions, 2 time: the hook keeps raising */
    size_t baseline;          /* heap used by the libraries, not counted against the cap */
    int base_ref;             /* frozen base table */
    int frozen;
    char **module_dirs;
    char *root;               /* the brief folder: Lua files may also be anywhere inside it */
};

#define HOOK_EVERY 10000

void bc_limits_default(bc_limits *l)
{
    l->memory = (size_t)256 << 20;
    l->instructions = 100000000LL;
    l->seconds = 10;
    l->pages = 500;
}

/* {====================================================== allocator and hook */

static void *l_alloc(void *ud, void *ptr, size_t osize, size_t nsize)
{
    bc_sandbox *sb = ud;
    size_t old = ptr ? osize : 0;
    if (nsize == 0) {
        free(ptr);
        sb->mem_used -= old;
        return NULL;
    }
    if (nsize > old && sb->mem_used - old + nsize > sb->lim.memory) {
        sb->mem_hit = 1;
        return NULL;
    }
    void *p = realloc(ptr, nsize);
    if (!p) return NULL;
    sb->mem_used = sb->mem_used - old + nsize;
    return p;
}

static bc_sandbox *sandbox_of(lua_State *L)
{
    void *ud;
    lua_getallocf(L, &ud);
    return ud;
}

int bc_sandbox_charge(lua_State *L, size_t n)
{
    bc_sandbox *sb = sandbox_of(L);
    if (n > sb->lim.memory || sb->mem_used > sb->lim.memory - n) {
        sb->mem_hit = 1;
        return 0;
    }
    sb->mem_used += n;
    return 1;
}

static void hook(lua_State *L, lua_Debug *ar)
{
    (void)ar;
    bc_sandbox *sb = sandbox_of(L);
    if (!sb->killed) {
        sb->instr_used += HOOK_EVERY;
        if (sb->instr_used > sb->lim.instructions) sb->killed = 1;
        else if (bc_now() > sb->deadline) sb->killed = 2;
        if (sb->killed) lua_sethook(L, hook, LUA_MASKCOUNT, 1); /* raise at every instruction */
    }
    char msg[200];
    if (sb->killed == 1) {
        snprintf(msg, sizeof msg, "instruction limit reached (%lld million instructions); raise "
                 "limits.instructions in brief.lua if this is not an endless loop",
                 sb->lim.instructions / 1000000);
        luaL_where(L, 0); /* in a hook, level 0 is the Lua function that was running */
        lua_pushstring(L, msg);
        lua_concat(L, 2);
        lua_error(L);
    }
    if (sb->killed == 2) {
        snprintf(msg, sizeof msg, "time limit reached (%g s); raise limits.seconds in brief.lua "
                 "if this is not an endless loop", sb->lim.seconds);
        luaL_where(L, 0);
        lua_pushstring(L, msg);
        lua_concat(L, 2);
        lua_error(L);
    }
}

void bc_sandbox_check_clock(lua_State *L)
{
    bc_sandbox *sb = sandbox_of(L);
    if (!sb->killed && sb->lim.seconds > 0 && bc_now() > sb->deadline) {
        sb->killed = 2;
        lua_sethook(L, hook, LUA_MASKCOUNT, 1); /* raises at the plugin's next instruction */
    }
}

/* }====================================================== */

/* {====================================================== base library */

static int sb_print(lua_State *L)
{
    int n = lua_gettop(L);
    lua_Debug ar;
    if (lua_getstack(L, 1, &ar) && lua_getinfo(L, "Sl", &ar) && ar.currentline > 0)
        fprintf(stderr, "%s:%d: ", ar.short_src, ar.currentline);
    for (int i = 1; i <= n; i++) {
        size_t len;
        const char *s = luaL_tolstring(L, i, &len);
        if (i > 1) fputc('\t', stderr);
        fwrite(s, 1, len, stderr);
        lua_pop(L, 1);
    }
    fputc('\n', stderr);
    return 0;
}

/* load(chunk [, name [, mode [, env]]]): text only; env defaults to the caller's sandbox env. */
static int sb_load(lua_State *L)
{
    size_t len;
    const char *s = luaL_checklstring(L, 1, &len);
    const char *name = luaL_optstring(L, 2, "=(load)");
    const char *mode = luaL_optstring(L, 3, "t");
    if (strcmp(mode, "t") != 0)
        return luaL_error(L, "load: only text chunks may be loaded (mode \"t\"), not \"%s\"", mode);
    if (len > 0 && s[0] == LUA_SIGNATURE[0])
        return luaL_error(L, "load: binary chunks (bytecode) are not allowed");
    if (luaL_loadbufferx(L, s, len, name, "t") != LUA_OK) {
        lua_pushnil(L);
        lua_insert(L, -2);
        return 2;
    }
    if (!lua_isnoneornil(L, 4)) lua_pushvalue(L, 4);
    else lua_pushvalue(L, lua_upvalueindex(1));
    if (!lua_setupvalue(L, -2, 1)) lua_pop(L, 1);
    return 1;
}

static int sb_require(lua_State *L)
{
    bc_sandbox *sb = sandbox_of(L);
    const char *name = luaL_checkstring(L, 1);
    lua_settop(L, 1);
    for (const char *p = name; *p; p++)
        if (!(isalnum((unsigned char)*p) || *p == '_' || *p == '.'))
            return luaL_error(L, "require: bad module name '%s'", name);
    lua_getfield(L, LUA_REGISTRYINDEX, "briefc.modules");
    lua_getfield(L, -1, name);
    if (!lua_isnil(L, -1)) return 1;
    lua_pop(L, 1);
    char rel[256], path[1024];
    snprintf(rel, sizeof rel, "%s", name);
    for (char *p = rel; *p; p++)
        if (*p == '.') *p = '/';
    for (int i = 0; sb->module_dirs && sb->module_dirs[i]; i++) {
        snprintf(path, sizeof path, "%s/%s.lua", sb->module_dirs[i], rel);
        struct stat ls; /* a link counts, leading nowhere or out: the door refuses it */
        if (lstat(path, &ls) != 0) continue;
        bc_sandbox_push_env(sb);
        bc_error err;
        if (bc_sandbox_load(sb, path, path, lua_gettop(L), &err) != BC_OK)
            return luaL_error(L, "require '%s': %s", name, err.msg);
        lua_call(L, 0, 1);
        if (lua_isnil(L, -1)) {
            lua_pop(L, 1);
            lua_pushboolean(L, 1);
        }
        lua_pushvalue(L, -1);
        lua_setfield(L, 2, name); /* 2: the module cache */
        return 1;
    }
    return luaL_error(L, "module '%s' not found in the plugin path (only Lua modules beside the "
                         "plugins can be required)", name);
}

/* string.rep, checked against the memory cap first: one long C call that the instruction
   hook cannot interrupt, and the easiest memory bomb to write. */
static int sb_rep(lua_State *L)
{
    bc_sandbox *sb = sandbox_of(L);
    size_t l, lsep;
    luaL_checklstring(L, 1, &l);
    lua_Integer n = luaL_checkinteger(L, 2);
    luaL_optlstring(L, 3, "", &lsep);
    if (n > 0) {
        double total = (double)l * (double)n + (double)lsep * (double)(n - 1);
        double left = (double)sb->lim.memory - (double)sb->mem_used;
        if (total > left) {
            char msg[200];
            snprintf(msg, sizeof msg, "memory limit reached: string.rep would need %.0f MB and "
                     "%zu MB are left of the brief's %zu MB; raise limits.memory_mb in brief.lua",
                     total / 1048576.0, (size_t)(left > 0 ? left / 1048576.0 : 0),
                     (sb->lim.memory - sb->baseline) >> 20);
            return luaL_error(L, "%s", msg);
        }
    }
    lua_pushvalue(L, lua_upvalueindex(1));
    lua_insert(L, 1);
    lua_call(L, lua_gettop(L) - 1, 1);
    return 1;
}

static int frozen_newindex(lua_State *L)
{
    const char *k = lua_tostring(L, 2);
    return luaL_error(L, "cannot change the shared library table%s%s%s (plugins may not change "
                         "what other plugins see)", k ? " (field '" : "", k ? k : "", k ? "')" : "");
}

static int frozen_pairs(lua_State *L)
{
    lua_getglobal(L, "next"); /* the host's own next, from the private globals */
    lua_getmetatable(L, 1);
    lua_getfield(L, -1, "__index");
    lua_remove(L, -2);
    lua_pushnil(L);
    return 3;
}

/* Replaces the table at idx with a read-only proxy (in place on the stack). */
static void freeze(lua_State *L, int idx)
{
    idx = lua_absindex(L, idx);
    lua_newtable(L);             /* proxy */
    lua_createtable(L, 0, 4);    /* metatable */
    lua_pushvalue(L, idx);
    lua_setfield(L, -2, "__index");
    lua_pushcfunction(L, frozen_newindex);
    lua_setfield(L, -2, "__newindex");
    lua_pushcfunction(L, frozen_pairs);
    lua_setfield(L, -2, "__pairs");
    lua_pushboolean(L, 0);
    lua_setfield(L, -2, "__metatable");
    lua_setmetatable(L, -2);
    lua_replace(L, idx);
}

/* Copies the named fields of the table on top into a new table, leaving it on top. */
static void pick(lua_State *L, const char *const *names)
{
    int src = lua_gettop(L);
    lua_newtable(L);
    for (; *names; names++) {
        lua_getfield(L, src, *names);
        lua_setfield(L, -2, *names);
    }
    lua_remove(L, src);
}

static void build_base(bc_sandbox *sb)
{
    lua_State *L = sb->L;
    static const char *const base_names[] = {
        "assert", "error", "getmetatable", "ipairs", "next", "pairs", "pcall", "rawequal",
        "rawget", "rawlen", "rawset", "select", "setmetatable", "tonumber", "tostring", "type",
        "xpcall", "_VERSION", NULL};
    static const char *const os_names[] = {"date", "time", "clock", "difftime", NULL};
    static const char *const string_names[] = {
        "byte", "char", "find", "format", "gmatch", "gsub", "len", "lower", "match", "rep",
        "reverse", "sub", "upper", "pack", "packsize", "unpack", NULL};
    static const char *const libs[] = {"table", "math", "utf8", "coroutine", NULL};

    lua_newtable(L); /* base */
    int base = lua_gettop(L);
    lua_pushglobaltable(L);
    for (const char *const *n = base_names; *n; n++) {
        lua_getfield(L, -1, *n);
        lua_setfield(L, base, *n);
    }
    /* string without dump (bytecode); also the string metatable's __index */
    lua_getfield(L, -1, "string");
    pick(L, string_names);
    lua_getfield(L, -1, "rep");
    lua_pushcclosure(L, sb_rep, 1);
    lua_setfield(L, -2, "rep");
    lua_pushvalue(L, -1);
    lua_pushliteral(L, "");
    lua_getmetatable(L, -1);
    lua_pushvalue(L, -3);
    lua_setfield(L, -2, "__index");
    lua_pushboolean(L, 0);
    lua_setfield(L, -2, "__metatable");
    lua_pop(L, 3);
    freeze(L, -1);
    lua_setfield(L, base, "string");
    for (const char *const *n = libs; *n; n++) {
        lua_getfield(L, -1, *n);
        freeze(L, -1);
        lua_setfield(L, base, *n);
    }
    lua_getfield(L, -1, "os");
    pick(L, os_names);
    freeze(L, -1);
    lua_setfield(L, base, "os");
    lua_pop(L, 1); /* globals */
    lua_pushcfunction(L, sb_print);
    lua_setfield(L, base, "print");
    lua_pushcfunction(L, sb_require);
    lua_setfield(L, base, "require");
    sb->base_ref = luaL_ref(L, LUA_REGISTRYINDEX);
    lua_newtable(L);
    lua_setfield(L, LUA_REGISTRYINDEX, "briefc.modules");
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
    int n = 0;
    while (module_dirs && module_dirs[n]) n++;
    sb->module_dirs = bc_xcalloc((size_t)n + 1, sizeof(char *));
    for (int i = 0; i < n; i++) sb->module_dirs[i] = bc_xstrdup(module_dirs[i]);
    /* Only the libraries build_base draws from (no io, package or debug), into the private
       _G, never shown to chunks. */
    static const luaL_Reg libs[] = {{LUA_GNAME, luaopen_base},        {LUA_STRLIBNAME, luaopen_string},
                                    {LUA_TABLIBNAME, luaopen_table},  {LUA_MATHLIBNAME, luaopen_math},
                                    {LUA_UTF8LIBNAME, luaopen_utf8},  {LUA_COLIBNAME, luaopen_coroutine},
                                    {LUA_OSLIBNAME, luaopen_os}};
    for (size_t i = 0; i < sizeof libs / sizeof *libs; i++) {
        luaL_requiref(sb->L, libs[i].name, libs[i].func, 1);
        lua_pop(sb->L, 1);
    }
    build_base(sb);
    sb->baseline = sb->mem_used;
    sb->lim.memory = lim->memory + sb->baseline; /* the cap counts what plugins allocate */
    sb->deadline = bc_now() + 1e9;
    return sb;
}

void bc_sandbox_free(bc_sandbox *sb)
{
    if (!sb) return;
    if (sb->L) lua_close(sb->L);
    for (int i = 0; sb->module_dirs && sb->module_dirs[i]; i++) free(sb->module_dirs[i]);
    free(sb->module_dirs);
    free(sb->root);
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
    sb->lim = *lim;
    sb->lim.memory = lim->memory + sb->baseline;
}

void bc_sandbox_set_global(bc_sandbox *sb, const char *name)
{
    lua_State *L = sb->L;
    if (lua_istable(L, -1)) freeze(L, -1);
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

void bc_sandbox_push_env(bc_sandbox *sb)
{
    lua_State *L = sb->L;
    lua_newtable(L);
    int env = lua_gettop(L);
    lua_createtable(L, 0, 2);
    lua_rawgeti(L, LUA_REGISTRYINDEX, sb->base_ref);
    lua_pushcclosure(L, env_index, 1);
    lua_setfield(L, -2, "__index");
    lua_setmetatable(L, env);
    /* load() defaults to this environment */
    lua_pushvalue(L, env);
    lua_pushcclosure(L, sb_load, 1);
    lua_setfield(L, env, "load");
    lua_pushvalue(L, env);
    lua_setfield(L, env, "_G");
    sb->frozen = 1;
}

bc_status bc_sandbox_load_text(bc_sandbox *sb, const char *src, size_t len, const char *chunkname,
                               int env_idx, bc_error *err)
{
    lua_State *L = sb->L;
    env_idx = lua_absindex(L, env_idx);
    if (len > 0 && src[0] == LUA_SIGNATURE[0])
        return bc_error_set(err, chunkname, 0, "'%s' is a compiled Lua chunk; only Lua source "
                            "is accepted", chunkname);
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
    bc_buf code;       /* lua_dump of the chunk this process compiled from the source */
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
    bc_file_roots roots = {dirs, sb->root ? "the brief folder and the plugin path" : "the plugin path"};
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

/* {====================================================== errors */

int bc_sandbox_split_message(const char *msg, bc_error *err)
{
    /* "chunk:line: message", chunk may contain ':' only in odd paths; take the first ":N: " */
    const char *p = msg;
    while ((p = strchr(p, ':')) != NULL) {
        const char *q = p + 1;
        if (isdigit((unsigned char)*q)) {
            while (isdigit((unsigned char)*q)) q++;
            if (q[0] == ':' && q[1] == ' ') {
                char file[512];
                snprintf(file, sizeof file, "%.*s", (int)(p - msg), msg);
                bc_error_set(err, file, atoi(p + 1), "%s", q + 2);
                return 1;
            }
        }
        p++;
    }
    bc_error_set(err, NULL, 0, "%s", msg);
    return 0;
}

/* Turns any error value into text: strings as they are, tables with __tostring through it,
   other tables as a short listing of their fields. */
static void describe_error(lua_State *L, int idx)
{
    idx = lua_absindex(L, idx);
    if (lua_type(L, idx) == LUA_TSTRING) {
        lua_pushvalue(L, idx);
        return;
    }
    if (luaL_callmeta(L, idx, "__tostring") && lua_type(L, -1) == LUA_TSTRING) return;
    if (lua_type(L, idx) == LUA_TTABLE) {
        luaL_Buffer b;
        luaL_buffinit(L, &b);
        luaL_addstring(&b, "error object {");
        int n = 0;
        lua_pushnil(L);
        while (lua_next(L, idx) && n < 8) {
            if (n++) luaL_addstring(&b, ", ");
            lua_pushvalue(L, -2);
            luaL_addvalue(&b);
            luaL_addstring(&b, " = ");
            if (lua_type(L, -1) == LUA_TSTRING) lua_pushfstring(L, "\"%s\"", lua_tostring(L, -1));
            else luaL_tolstring(L, -1, NULL);
            luaL_addvalue(&b);
            lua_pop(L, 1);
        }
        luaL_addstring(&b, "}");
        luaL_pushresult(&b);
        return;
    }
    lua_pushfstring(L, "error object is a %s value", luaL_typename(L, idx));
}

static int msgh(lua_State *L)
{
    describe_error(L, 1);
    const char *msg = lua_tostring(L, -1);
    /* A non-string error has no position: add where it was raised. */
    if (lua_type(L, 1) != LUA_TSTRING) {
        lua_Debug ar;
        for (int level = 1; lua_getstack(L, level, &ar); level++) {
            lua_getinfo(L, "Sl", &ar);
            if (ar.currentline > 0) {
                lua_pushfstring(L, "%s:%d: %s", ar.short_src, ar.currentline, msg);
                msg = lua_tostring(L, -1);
                break;
            }
        }
    }
    luaL_traceback(L, L, msg, 1);
    return 1;
}

/* Keeps only traceback lines that point into Lua files, not into the host. */
static void trim_traceback(const char *tb, bc_error *err)
{
    const char *nl = strchr(tb, '\n');
    size_t o = 0;
    char *d = err->detail;
    d[0] = 0;
    if (!nl) return;
    const char *p = strstr(nl, "stack traceback:");
    if (!p) return;
    p = strchr(p, '\n');
    int kept = 0;
    while (p && *p) {
        p++;
        const char *e = strchr(p, '\n');
        size_t len = e ? (size_t)(e - p) : strlen(p);
        if (memmem(p, len, ".lua:", 5) && !memmem(p, len, "[C]", 3) && kept < 12) {
            if (!kept) o += (size_t)snprintf(d + o, sizeof err->detail - o, "stack traceback:");
            if (o < sizeof err->detail)
                o += (size_t)snprintf(d + o, sizeof err->detail - o, "\n  %.*s", (int)len, p);
            kept++;
        }
        p = e;
        if (o >= sizeof err->detail - 1) break;
    }
}

bc_status bc_sandbox_call(bc_sandbox *sb, int nargs, int nresults, const char *what,
                          bc_error *err)
{
    lua_State *L = sb->L;
    int base = lua_gettop(L) - nargs;
    lua_pushcfunction(L, msgh);
    lua_insert(L, base);
    sb->instr_used = 0;
    sb->killed = 0;
    sb->mem_hit = 0;
    sb->deadline = bc_now() + sb->lim.seconds;
    bc_supervise_lease(sb->lim.seconds, what); /* the supervisor's clock, which C calls cannot stop */
    lua_sethook(L, hook, LUA_MASKCOUNT, HOOK_EVERY);
    int st = lua_pcall(L, nargs, nresults, base);
    lua_sethook(L, NULL, 0, 0);
    lua_remove(L, base);
    if (st == LUA_OK) return BC_OK;
    if (st == LUA_ERRMEM || sb->mem_hit) {
        const char *tb = lua_tostring(L, -1);
        bc_error_set(err, NULL, 0, "%s: memory limit reached (%zu MB for the whole brief); raise "
                     "limits.memory_mb in brief.lua", what, (sb->lim.memory - sb->baseline) >> 20);
        if (tb && st != LUA_ERRMEM) {
            bc_error tmp;
            if (bc_sandbox_split_message(tb, &tmp)) {
                snprintf(err->file, sizeof err->file, "%s", tmp.file);
                err->line = tmp.line;
            }
            trim_traceback(tb, err);
        }
        lua_pop(L, 1);
        lua_gc(L, LUA_GCCOLLECT);
        return BC_ERR;
    }
    const char *tb = lua_tostring(L, -1);
    if (!tb) tb = "unknown error";
    char first[2048];
    const char *nl = strchr(tb, '\n');
    snprintf(first, sizeof first, "%.*s", nl ? (int)(nl - tb) : (int)strlen(tb), tb);
    bc_sandbox_split_message(first, err);
    trim_traceback(tb, err);
    lua_pop(L, 1);
    return BC_ERR;
}

/* }====================================================== */
