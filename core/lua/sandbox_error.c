/*
** sandbox_error.c — protected calls into plugin code and what their errors say: error
** values of any type described with raw access only (a hostile __tostring gets a small budget
** of its own), positions kept, tracebacks trimmed to the plugin's frames. Part of the sandbox
** (sandbox.c lists the parts).
*/
#define _GNU_SOURCE
#include "lua/sandbox_int.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <lauxlib.h>

#include "cli/supervise.h"

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

/* {------------------------------------------------------ describing an error value */

/*
** An error value may be anything a plugin made: a table with thousands of keys, keys and
** values megabytes long, a metatable whose __name is 5,000 bytes or whose __tostring loops.
** The description is built in a fixed C buffer from raw reads only (lua_next, lua_tolstring on
** strings, numbers formatted here), a bounded number of keys each cut to a bounded length.
** The one piece of plugin code it runs, __tostring, runs in a nested protected call with a
** budget of its own; nothing is pushed between the reads.
*/

#define DESCRIBE_KEYS 8  /* fields listed */
#define DESCRIBE_ITEM 80 /* bytes shown of each key and value */

typedef struct text {
    char s[2048];
    size_t n;
} text;

/* Appends len bytes, control characters as '?', cut at a UTF-8 boundary at most max bytes. */
static void text_add(text *t, const char *p, size_t len, size_t max)
{
    int cut = len > max;
    if (cut) {
        len = max;
        while (len > 0 && ((unsigned char)p[len] & 0xC0) == 0x80) len--;
    }
    for (size_t i = 0; i < len && t->n < sizeof t->s - 1; i++)
        t->s[t->n++] = (unsigned char)p[i] < 0x20 && p[i] != '\t' ? '?' : p[i];
    if (cut) text_add(t, "...", 3, 3);
    t->s[t->n] = 0;
}

static void text_adds(text *t, const char *s) { text_add(t, s, strlen(s), sizeof t->s); }

/* A raw rendering of the value at idx: strings (quoted when quote), numbers, booleans, and
   other types by name only. */
static void put_raw(lua_State *L, int idx, int quote, text *t)
{
    char num[64];
    switch (lua_type(L, idx)) {
    case LUA_TSTRING: {
        size_t len;
        const char *s = lua_tolstring(L, idx, &len); /* a string: no conversion, no push */
        if (quote) text_adds(t, "\"");
        text_add(t, s, len, DESCRIBE_ITEM);
        if (quote) text_adds(t, "\"");
        break;
    }
    case LUA_TNUMBER:
        if (lua_isinteger(L, idx))
            snprintf(num, sizeof num, "%lld", (long long)lua_tointeger(L, idx));
        else
            snprintf(num, sizeof num, "%.14g", (double)lua_tonumber(L, idx));
        text_adds(t, num);
        break;
    case LUA_TBOOLEAN: text_adds(t, lua_toboolean(L, idx) ? "true" : "false"); break;
    default: text_adds(t, lua_typename(L, lua_type(L, idx)));
    }
}

/* Runs by lua_pcall: the value's __tostring, looked up raw. */
static int call_tostring(lua_State *L)
{
    if (luaL_getmetafield(L, 1, "__tostring") == LUA_TNIL) return 0;
    lua_pushvalue(L, 1);
    lua_call(L, 1, 1);
    return 1;
}

static void describe_error(lua_State *L, int idx, text *t)
{
    idx = lua_absindex(L, idx);
    int type = lua_type(L, idx);
    if (type == LUA_TSTRING) {
        size_t len;
        const char *s = lua_tolstring(L, idx, &len);
        text_add(t, s, len, sizeof t->s - 64);
        return;
    }
    if (type == LUA_TTABLE || type == LUA_TUSERDATA) {
        bc_sandbox *sb = bc_sb_sandbox_of(L);
        int hit = sb->mem_hit;
        long long saved = sb->describe_stop;
        sb->describe_stop = sb->instr_used + DESCRIBE_BUDGET;
        lua_pushcfunction(L, call_tostring);
        lua_pushvalue(L, idx);
        int st = lua_pcall(L, 1, 1, 0);
        sb->describe_stop = saved;
        sb->mem_hit = hit;
        if (st == LUA_OK && lua_type(L, -1) == LUA_TSTRING) {
            size_t len;
            const char *s = lua_tolstring(L, -1, &len);
            text_add(t, s, len, 1000);
            lua_pop(L, 1);
            return;
        }
        lua_pop(L, 1);
    }
    if (type != LUA_TTABLE) {
        text_adds(t, "error object is a ");
        text_adds(t, lua_typename(L, type));
        text_adds(t, " value");
        return;
    }
    text_adds(t, "error object {");
    int n = 0;
    lua_pushnil(L);
    while (lua_next(L, idx)) {
        if (n == DESCRIBE_KEYS) {
            text_adds(t, ", ...");
            lua_pop(L, 2);
            break;
        }
        if (n++) text_adds(t, ", ");
        if (lua_type(L, -2) == LUA_TSTRING) {
            put_raw(L, -2, 0, t);
        } else {
            text_adds(t, "[");
            put_raw(L, -2, 1, t);
            text_adds(t, "]");
        }
        text_adds(t, " = ");
        put_raw(L, -1, 1, t);
        lua_pop(L, 1);
    }
    text_adds(t, "}");
}

/* Whether a message starts with "chunk:line: ". */
static int has_position(const char *m)
{
    for (const char *p = m; *p && *p != ' '; p++)
        if (*p == ':' && isdigit((unsigned char)p[1])) {
            const char *q = p + 1;
            while (isdigit((unsigned char)*q)) q++;
            if (q[0] == ':' && q[1] == ' ') return 1;
        }
    return 0;
}

static int msgh(lua_State *L)
{
    text t = {.n = 0};
    t.s[0] = 0;
    describe_error(L, 1, &t);
    /* A non-string error has no position, nor has one raised by a library function called
       from C (a wrapped one): add the line of the plugin code that was running. */
    int add_where = lua_type(L, 1) != LUA_TSTRING;
    if (!add_where && !has_position(t.s)) {
        lua_Debug ar;
        if (lua_getstack(L, 1, &ar) && lua_getinfo(L, "Sf", &ar)) {
            add_where = ar.what[0] == 'C' && lua_tocfunction(L, -1) != bc_sb_base_error;
            lua_pop(L, 1);
        }
    }
    const char *msg = t.s;
    if (add_where) {
        lua_Debug ar;
        for (int level = 1; lua_getstack(L, level, &ar); level++) {
            lua_getinfo(L, "Sl", &ar);
            if (ar.currentline > 0) {
                lua_pushfstring(L, "%s:%d: %s", ar.short_src, ar.currentline, t.s);
                msg = lua_tostring(L, -1);
                break;
            }
        }
    }
    luaL_traceback(L, L, msg, 1);
    return 1;
}

/* }------------------------------------------------------ */

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

bc_status bc_sandbox_call(bc_sandbox *sb, int nargs, int nresults, const char *what, bc_error *err)
{
    lua_State *L = sb->L;
    int base = lua_gettop(L) - nargs;
    lua_pushcfunction(L, msgh);
    lua_insert(L, base);
    sb->mem_hit = 0;
    bc_sb_fresh_budget(sb);
    bc_supervise_lease(sb->lim.seconds,
                       what); /* the supervisor's clock, which C calls cannot stop */
    sb->depth++;
    int st = lua_pcall(L, nargs, nresults, base);
    sb->depth--;
    if (sb->pat && sb->pat->s) { /* unpin the last pattern subject */
        sb->pat->s = NULL;
        lua_pushnil(L);
        lua_setfield(L, LUA_REGISTRYINDEX, "briefc.pattern_subject");
    }
    int hit = sb->mem_hit;
    bc_sb_fresh_budget(sb); /* the budget between calls: the hook never comes off */
    lua_remove(L, base);
    if (st == LUA_OK) {
        if (sb->gc_failed != 1) return BC_OK;
        lua_pop(L, nresults > 0 ? nresults : 0); /* a finalizer failed during the call */
        sb->gc_failed = 2;
        *err = sb->gc_err;
        return BC_ERR;
    }
    if (st == LUA_ERRMEM || hit) {
        const char *tb = lua_tostring(L, -1);
        if (!hit && sb->sys_refused) /* the process's own limit is lower than the brief's */
            bc_error_set(err, NULL, 0,
                         "%s: out of memory with %zu MB in use, below the brief's "
                         "limit of %zu MB: the process may use no more (ulimit -v, or briefc "
                         "serve --memory-mb)",
                         what, (sb->mem_used - sb->baseline) >> 20,
                         (sb->lim.memory - sb->baseline) >> 20);
        else
            bc_error_set(err, NULL, 0,
                         "%s: memory limit reached (%zu MB for the whole brief); "
                         "raise limits.memory_mb in brief.lua",
                         what, (sb->lim.memory - sb->baseline) >> 20);
        sb->sys_refused = 0;
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
    if (st == LUA_ERRERR) {
        lua_pop(L, 1);
        return bc_error_set(err, NULL, 0,
                            "%s: an error occurred while its error was being "
                            "described (a C stack overflow, or no memory left)",
                            what);
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
