/*
** api.c — the section builder and context methods exposed to plugins.
**
** Errors raised here use luaL_error/luaL_argerror so messages carry the plugin's file:line;
** nothing malloc'd is live when they are raised (all allocations go to the doc arena or the
** reused scratch buffer).
*/
#define _GNU_SOURCE
#include "lua/api_int.h"

#include <string.h>

#include "lua/sandbox.h"

bc_api *bc_api_check_builder(lua_State *L)
{
    builder *b = luaL_testudata(L, 1, BUILDER_MT);
    if (!b) { /* s.heading("x"): a dot where a colon passes the builder */
        lua_Debug ar;
        int named = lua_getstack(L, 0, &ar) && lua_getinfo(L, "n", &ar) && ar.name;
        if (named && !strcmp(ar.namewhat, "field"))
            luaL_error(L,
                       "s.%s(...) is called with a dot: write s:%s(...) (the colon passes the "
                       "section builder as the first argument)",
                       ar.name, ar.name);
        luaL_error(L,
                   "a section builder method needs the builder first: call it as s:method(...) "
                   "(got %s as the first argument)",
                   luaL_typename(L, 1));
    }
    if (!b->alive)
        luaL_error(L, "this section builder has expired (it is only valid during render)");
    return b->api;
}

static int s_tostring(lua_State *L)
{
    builder *b = luaL_checkudata(L, 1, BUILDER_MT);
    lua_pushfstring(L, "section builder (%s)", b->alive ? "live" : "expired");
    return 1;
}

static const luaL_Reg builder_methods[] = {{"title", bc_api_s_title},
                                           {"heading", bc_api_s_heading},
                                           {"paragraph", bc_api_s_paragraph},
                                           {"list", bc_api_s_list},
                                           {"table", bc_api_s_table},
                                           {"chart", bc_api_s_chart},
                                           {"callout", bc_api_s_callout},
                                           {"space", bc_api_s_space},
                                           {"page_break", bc_api_s_page_break},
                                           {"contents", bc_api_s_contents},
                                           {"bibliography", bc_api_s_bibliography},
                                           {"markdown", bc_api_s_markdown},
                                           {"image", bc_api_s_image},
                                           {"definitions", bc_api_s_definitions},
                                           {"pull_quote", bc_api_s_pull_quote},
                                           {"recommendations", bc_api_s_recommendations},
                                           {"back_page", bc_api_s_back_page},
                                           {"landscape", bc_api_s_landscape},
                                           {"portrait", bc_api_s_portrait},
                                           {"language", bc_api_s_language},
                                           {NULL, NULL}};

/*
** Memory accounting: every builder method runs through `accounted`, which charges what the
** call added to the document (arena and arrays) to the brief's memory budget, the same as the
** Lua heap's (sandbox.c). So no loop of small calls (300,000 page breaks) grows the document
** past limits.memory_mb. The method is called directly, on the same Lua call level, so its
** own errors and this one point at the plugin's line.
*/
static void charge_doc(lua_State *L, bc_doc *doc)
{
    size_t now = bc_doc_bytes(doc);
    if (now <= doc->charged) return;
    if (!bc_sandbox_charge(L, now - doc->charged))
        luaL_error(L,
                   "memory limit reached: the document has grown to %d MB; raise "
                   "limits.memory_mb in brief.lua",
                   (int)(now >> 20));
    doc->charged = now;
}

static int accounted(lua_State *L)
{
    lua_CFunction method = lua_tocfunction(L, lua_upvalueindex(1));
    builder *b = luaL_testudata(L, 1, BUILDER_MT);
    if (b && b->alive) charge_doc(L, b->api->doc); /* what a pcall'd error left uncharged */
    int nret = method(L);
    if (b && b->alive) charge_doc(L, b->api->doc);
    bc_sandbox_check_clock(L);
    return nret;
}

const char *const bc_api_builder_methods[] = {
    "title",      "heading",     "paragraph",    "list",
    "table",      "chart",       "callout",      "space",
    "page_break", "contents",    "bibliography", "markdown",
    "image",      "definitions", "pull_quote",   "recommendations",
    "back_page",  "landscape",   "portrait",     "language",
    NULL};

/* }====================================================== */
/* }====================================================== */

void bc_api_open(lua_State *L)
{
    if (luaL_newmetatable(L, BUILDER_MT)) {
        lua_newtable(L);
        for (const luaL_Reg *m = builder_methods; m->name; m++) {
            lua_pushcfunction(L, m->func);
            lua_pushcclosure(L, accounted, 1);
            lua_setfield(L, -2, m->name);
        }
        lua_setfield(L, -2, "__index");
        lua_pushcfunction(L, s_tostring);
        lua_setfield(L, -2, "__tostring");
        lua_pushboolean(L, 0);
        lua_setfield(L, -2, "__metatable");
    }
    lua_pop(L, 1);
}

void bc_api_push_builder(lua_State *L, bc_api *api)
{
    builder *b = lua_newuserdatauv(L, sizeof *b, 0);
    b->api = api;
    b->alive = 1;
    luaL_setmetatable(L, BUILDER_MT);
}

void bc_api_expire(lua_State *L, int idx)
{
    builder *b = luaL_testudata(L, idx, BUILDER_MT);
    if (b) b->alive = 0;
}

void bc_api_push_ctx_methods(lua_State *L, bc_api *api)
{
    static const luaL_Reg m[] = {{"csv", bc_api_c_csv},
                                 {"json", bc_api_c_json},
                                 {"read_text", bc_api_c_read_text},
                                 {"warn", bc_api_c_warn},
                                 {"markdown_file", bc_api_c_markdown_file},
                                 {"sql", bc_api_c_sql},
                                 {"stat_file", bc_api_c_stat_file},
                                 {NULL, NULL}};
    lua_newtable(L);
    lua_pushlightuserdata(L, api);
    lua_pushinteger(L, api->ctx_generation);
    luaL_setfuncs(L, m, 2);
}

void bc_api_expire_ctx(bc_api *api) { api->ctx_generation++; }
