/*
** api_blocks.c — the authoring blocks of the section builder: s:definitions (a definition
** list), s:pull_quote, s:recommendations (a boxed, numbered list) and s:back_page (contact
** details at the foot of the last, even page). Layout is in layout/blocks_more.c and
** layout/blocks.c.
**
** Lua binding layer: errors are raised at the plugin's line; everything allocated goes to the
** document's arena.
*/
#include <stdio.h>
#include <string.h>

#include "doc/lang.h"
#include "doc/markup.h"
#include "lua/api_int.h"
#include "lua/num.h"

#define BLOCK_ITEMS_MAX 10000 /* entries of one definition list, box or back page */

/* The list at idx of texts: n inlines in the arena, each named "WHAT N" in messages. */
static bc_inline *texts(lua_State *L, bc_api *api, int idx, const char *what, int *n)
{
    char name[64];
    snprintf(name, sizeof name, "%s", what);
    *n = bc_num_len(L, idx, name, BLOCK_ITEMS_MAX);
    bc_inline *v = bc_arena_alloc(api->doc->arena, (size_t)(*n ? *n : 1) * sizeof *v);
    for (int i = 0; i < *n; i++) {
        lua_rawgeti(L, idx, i + 1);
        snprintf(name, sizeof name, "%s %d", what, i + 1);
        bc_api_get_inline(L, api, -1, name, &v[i]);
        lua_pop(L, 1);
    }
    return v;
}

/* s:definitions{ {"Term", "what it means"}, ... } */
int bc_api_s_definitions(lua_State *L)
{
    bc_api *api = bc_api_check_builder(L);
    luaL_checktype(L, 2, LUA_TTABLE);
    int n = bc_num_len(L, 2, "s:definitions: entries", BLOCK_ITEMS_MAX);
    if (n < 1) return luaL_error(L, "s:definitions needs at least one {term, definition} pair");
    bc_arena *a = api->doc->arena;
    bc_inline *terms = bc_arena_alloc(a, (size_t)n * sizeof *terms);
    bc_inline *defs = bc_arena_alloc(a, (size_t)n * sizeof *defs);
    for (int i = 0; i < n; i++) {
        lua_rawgeti(L, 2, i + 1);
        if (!lua_istable(L, -1) || lua_rawlen(L, -1) != 2)
            return luaL_error(
                L, "s:definitions: entry %d must be {term, definition}, got %s", i + 1,
                lua_istable(L, -1) ? "a table of another length" : luaL_typename(L, -1));
        char what[48];
        lua_rawgeti(L, -1, 1);
        snprintf(what, sizeof what, "s:definitions: entry %d term", i + 1);
        bc_api_get_inline(L, api, -1, what, &terms[i]);
        lua_rawgeti(L, -2, 2);
        snprintf(what, sizeof what, "s:definitions: entry %d definition", i + 1);
        bc_api_get_inline(L, api, -1, what, &defs[i]);
        lua_pop(L, 3);
    }
    bc_block *b = bc_doc_add(api->doc, BC_BLOCK_DEFLIST);
    b->u.deflist.n = n;
    b->u.deflist.terms = terms;
    b->u.deflist.defs = defs;
    return 0;
}

/* s:pull_quote(text) */
int bc_api_s_pull_quote(lua_State *L)
{
    bc_api *api = bc_api_check_builder(L);
    bc_inline in;
    bc_api_get_inline(L, api, 2, "pull quote text", &in);
    if (lua_gettop(L) > 2) return luaL_error(L, "s:pull_quote takes one text and no options");
    bc_block *b = bc_doc_add(api->doc, BC_BLOCK_PARA);
    b->u.para.text = in;
    b->u.para.style = BC_PARA_PULL;
    return 0;
}

/* s:recommendations{title = "Recommendations", items = {...}} */
int bc_api_s_recommendations(lua_State *L)
{
    bc_api *api = bc_api_check_builder(L);
    luaL_checktype(L, 2, LUA_TTABLE);
    static const char *const keys[] = {"title", "items", NULL};
    bc_api_check_keys(L, 2, "s:recommendations", keys);
    bc_inline title;
    if (!bc_api_opt_inline_field(L, api, 2, "title", &title))
        bc_markup_plain(api->doc->arena, "Recommendations", 15, BC_STYLE_BOLD, &title);
    int n = bc_api_list_field(L, 2, "items", 1);
    if (n < 1) return luaL_error(L, "s:recommendations needs at least one item");
    bc_inline *items = texts(L, api, lua_gettop(L), "s:recommendations: item", &n);
    lua_pop(L, 1);
    bc_block *b = bc_doc_add(api->doc, BC_BLOCK_CALLOUT);
    b->u.callout.title = title;
    b->u.callout.items = items;
    b->u.callout.n = n;
    b->u.callout.numbered = 1;
    b->u.callout.boxed = 1;
    return 0;
}

/* s:back_page{title = "Contact", lines = {...}} */
int bc_api_s_back_page(lua_State *L)
{
    bc_api *api = bc_api_check_builder(L);
    luaL_checktype(L, 2, LUA_TTABLE);
    static const char *const keys[] = {"title", "lines", NULL};
    bc_api_check_keys(L, 2, "s:back_page", keys);
    bc_inline title = {0};
    bc_api_opt_inline_field(L, api, 2, "title", &title);
    int n = bc_api_list_field(L, 2, "lines", 1);
    if (n < 1) return luaL_error(L, "s:back_page needs at least one line of contact details");
    bc_inline *lines = texts(L, api, lua_gettop(L), "s:back_page: line", &n);
    lua_pop(L, 1);
    for (const bc_block *k = api->doc->first; k; k = k->next)
        if (k->kind == BC_BLOCK_BACK)
            return luaL_error(L, "s:back_page: the brief already has a back page (one is allowed)");
    bc_block *b = bc_doc_add(api->doc, BC_BLOCK_BACK);
    b->u.back.title = title;
    b->u.back.lines = lines;
    b->u.back.n = n;
    return 0;
}

/* s:landscape(): what follows in this section goes on landscape pages (a wide table in a
   portrait brief); s:portrait() turns back before the section ends. */
static int orient(lua_State *L, int landscape)
{
    bc_api *api = bc_api_check_builder(L);
    if (lua_gettop(L) > 1)
        return luaL_error(L, "s:%s takes no arguments", landscape ? "landscape" : "portrait");
    bc_block *b = bc_doc_add(api->doc, BC_BLOCK_ORIENT);
    b->u.landscape = landscape;
    return 0;
}

int bc_api_s_landscape(lua_State *L) { return orient(L, 1); }
int bc_api_s_portrait(lua_State *L) { return orient(L, 0); }

/* s:language("fr"): the section's language, as section "x" { language = "fr" } sets it (its
   structure elements' /Lang, hyphenation, spacing, shaping); the later of the two wins. */
int bc_api_s_language(lua_State *L)
{
    bc_api *api = bc_api_check_builder(L);
    size_t len = 0; /* a tag with a NUL in it is no tag: the whole string is checked */
    const char *tag = lua_type(L, 2) == LUA_TSTRING ? lua_tolstring(L, 2, &len) : NULL;
    if (lua_gettop(L) != 2 || !tag || !bc_lang_tag_ok_n(tag, len)) {
        char msg[200]; /* lua_pushfstring has no precision: the tag is cut here */
        snprintf(msg, sizeof msg,
                 "s:language: %s%.40s%s a BCP 47 tag; write it like 'fr', "
                 "'fr-CA' or 'ur-PK'",
                 tag ? "'" : "", tag ? tag : "takes one argument,",
                 !tag                 ? ""
                 : strlen(tag) != len ? "\\0…' is not"
                                      : "' is not");
        return luaL_error(L, "%s", msg);
    }
    bc_doc *d = api->doc;
    if (d->nsections < 1) return luaL_error(L, "s:language: no section is being written");
    d->sections[d->nsections - 1].lang = bc_arena_strdup(d->arena, tag);
    return 0;
}
