/*
** api_ctx.c — the ctx methods that reach the brief's folder: paths confined to it, ctx:read_text,
** ctx:markdown_file and ctx:warn.
*/
#define _GNU_SOURCE
#include "lua/api_int.h"

#include <stdlib.h>
#include <string.h>

#include "lua/sandbox.h"
#include "base/utf8.h"

/* {====================================================== ctx methods */

/* Collapses "." and ".." in an absolute path, lexically. */
static void normalize(char *p)
{
    char *out = p, *seg = p;
    while (*seg) {
        while (*seg == '/') seg++;
        char *end = strchr(seg, '/');
        size_t len = end ? (size_t)(end - seg) : strlen(seg);
        if (len == 1 && seg[0] == '.') {
        } else if (len == 2 && seg[0] == '.' && seg[1] == '.') {
            while (out > p && *--out != '/') {}
        } else if (len) {
            *out++ = '/';
            memmove(out, seg, len);
            out += len;
        }
        seg += len;
    }
    if (out == p) *out++ = '/';
    *out = 0;
}

int bc_api_inside(const char *path, const char *dir)
{
    size_t n = strlen(dir);
    return strncmp(path, dir, n) == 0 && (path[n] == '/' || path[n] == 0);
}

/* A brief-relative path, checked lexically ("..") to stay inside the brief folder; a path
   that leaves it is refused whether or not it exists. Links are the door's (read_confined). */
const char *bc_api_confined_path(lua_State *L, bc_api *api, const char *rel)
{
    char joined[PATH_MAX];
    if (rel[0] == '/')
        snprintf(joined, sizeof joined, "%s", rel);
    else
        snprintf(joined, sizeof joined, "%s/%s", api->brief_real, rel);
    char lexical[PATH_MAX];
    snprintf(lexical, sizeof lexical, "%s", joined);
    normalize(lexical);
    if (!bc_api_inside(lexical, api->brief_real))
        luaL_error(L, "'%s' is outside the brief folder; plugins may only read files inside %s",
                   rel, api->brief_dir);
    /* links: the door resolves and confines them, and says a file is missing only when the
       way to it stays inside, so nothing outside can be probed (fileio.h) */
    lua_pushstring(L, joined);
    return lua_tostring(L, -1);
}

static int free_box(lua_State *L)
{
    char **p = lua_touserdata(L, 1);
    free(*p);
    *p = NULL;
    return 0;
}

/* Reads a confined file into a Lua-owned string (collected even if an error follows), through
   the one door (fileio.h): a regular file inside the brief folder, at most 64 MB; any bytes. */
const char *bc_api_read_confined_bytes(lua_State *L, bc_api *api, const char *rel, size_t *len)
{
    const char *path = bc_api_confined_path(L, api, rel);
    char **box = lua_newuserdatauv(L, sizeof *box, 0); /* frees the text should a push raise */
    *box = NULL;
    if (luaL_newmetatable(L, "briefc.filebox")) {
        lua_pushcfunction(L, free_box);
        lua_setfield(L, -2, "__gc");
    }
    lua_setmetatable(L, -2);
    const char *dirs[] = {api->brief_real, NULL};
    bc_file_roots roots = {dirs, "the brief folder"};
    bc_error e;
    if (bc_file_read(path, rel, BC_FILE_DATA, &roots, box, len, &e) != BC_OK)
        luaL_error(L, "%s", e.msg);
    lua_pushlstring(L, *box, *len);
    free(*box);
    *box = NULL;
    lua_remove(L, -2); /* the box */
    lua_remove(L, -2); /* the resolved path */
    return lua_tolstring(L, -1, len);
}

/* The same for a text file: valid UTF-8, or an error naming its line. */
const char *bc_api_read_confined(lua_State *L, bc_api *api, const char *rel, size_t *len)
{
    const char *s = bc_api_read_confined_bytes(L, api, rel, len);
    size_t off = bc_utf8_check(s, *len);
    if (off != (size_t)-1) {
        int line = 1;
        for (size_t i = 0; i < off; i++) line += s[i] == '\n';
        luaL_error(L, "%s:%d: invalid UTF-8 at byte offset %d", rel, line, (int)off);
    }
    return s;
}

/* The api behind a ctx method, or an error once that ctx's section has returned (a ctx kept
   by a plugin, or used by code that runs later, must not reach a document that is gone). */
bc_api *bc_api_ctx_api(lua_State *L)
{
    bc_api *api = lua_touserdata(L, lua_upvalueindex(1));
    if (!api->doc || lua_tointeger(L, lua_upvalueindex(2)) != api->ctx_generation)
        luaL_error(L, "this ctx has expired (it is only valid during its section's render)");
    return api;
}

/* ctx:read_text(path) -> string */
int bc_api_c_read_text(lua_State *L)
{
    bc_api *api = bc_api_ctx_api(L);
    const char *rel = luaL_checkstring(L, 2);
    size_t len;
    bc_api_read_confined(L, api, rel, &len);
    return 1;
}

/* ctx:markdown_file(path) -> {file = path, text = "…"}: a Markdown file of the brief for
   s:markdown, which then names the file and line in its errors */
int bc_api_c_markdown_file(lua_State *L)
{
    bc_api *api = bc_api_ctx_api(L);
    const char *rel = luaL_checkstring(L, 2);
    size_t len;
    bc_api_read_confined(L, api, rel, &len);
    lua_createtable(L, 0, 2);
    lua_pushstring(L, rel);
    lua_setfield(L, -2, "file");
    lua_pushvalue(L, -2);
    lua_setfield(L, -2, "text");
    return 1;
}

/* ctx:warn(message): the first BC_API_WARN_BYTES of each message (cut at a character,
   then "…"), the first BC_API_WARNINGS messages of a build, each charged to the brief's
   memory budget. */
int bc_api_c_warn(lua_State *L)
{
    bc_api *api = bc_api_ctx_api(L);
    size_t len;
    const char *msg = luaL_checklstring(L, 2, &len);
    bc_api_add_warning(L, api, msg, len);
    return 0;
}

/* The warning msg[0..len) at the calling plugin's line (level 1). */
void bc_api_add_warning(lua_State *L, bc_api *api, const char *msg, size_t len)
{
    const char *cut = "";
    if (len > BC_API_WARN_BYTES) {
        len = BC_API_WARN_BYTES;
        while (len > 0 && ((unsigned char)msg[len] & 0xC0) == 0x80) len--;
        cut = "\xE2\x80\xA6";
    }
    if (++api->nwarnings > BC_API_WARNINGS + 1) return;
    size_t before = api->warnings->len;
    lua_Debug ar;
    char where[600] = "";
    if (lua_getstack(L, 1, &ar) && lua_getinfo(L, "Sl", &ar) && ar.currentline > 0)
        snprintf(where, sizeof where, "%s:%d: ", ar.short_src, ar.currentline);
    if (api->nwarnings > BC_API_WARNINGS)
        bc_buf_printf(api->warnings,
                      "%swarning: section '%s': more than %d warnings; the rest "
                      "are not shown\n",
                      where, api->section ? api->section : "?", BC_API_WARNINGS);
    else
        bc_buf_printf(api->warnings, "%swarning: section '%s': %.*s%s\n", where,
                      api->section ? api->section : "?", (int)len, msg, cut);
    if (!bc_sandbox_charge(L, api->warnings->len - before))
        luaL_error(L,
                   "memory limit reached: warnings take %d MB; raise limits.memory_mb in "
                   "brief.lua",
                   (int)(api->warnings->len >> 20));
    bc_sandbox_check_clock(L);
}

const char *const bc_api_ctx_methods[] = {"csv",           "json",      "read_text", "warn",
                                          "markdown_file", "stat_file", NULL};
