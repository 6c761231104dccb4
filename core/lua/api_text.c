/*
** api_text.c — the section builder's text methods: s:title, s:heading, s:paragraph, s:list,
** s:callout, s:space, s:page_break, s:contents, s:bibliography and s:markdown.
*/
#define _GNU_SOURCE
#include "doc/terms.h"
#include "lua/api_int.h"

#include <string.h>

#include "doc/markdown.h"
#include "doc/markup.h"
#include "lua/num.h"

/* {====================================================== builder methods */

/* s:heading(text [, {level = 1..3}]) */
int bc_api_s_heading(lua_State *L)
{
    bc_api *api = bc_api_check_builder(L);
    int level = 1;
    const char *label = NULL;
    if (lua_istable(L, 3)) {
        static const char *const keys[] = {"level", "label", NULL};
        bc_api_check_keys(L, 3, "s:heading", keys);
        level = bc_num_fieldint(L, 3, "level", "heading", 1, 1, 3);
        label = bc_api_opt_string_field(L, api, 3, "label");
    } else if (!lua_isnoneornil(L, 3))
        level = bc_num_checkint(L, 3, "heading level", 1, 3);
    bc_inline in;
    bc_api_get_inline(L, api, 2, "heading text", &in);
    bc_block *b = bc_doc_add(api->doc, BC_BLOCK_HEADING);
    b->u.heading.level = level;
    b->u.heading.text = in;
    bc_doc_number_heading(api->doc, b);
    if (label && !bc_doc_label(api->doc, b, label, bc_doc_heading_ref(api->doc, b)))
        return luaL_error(L, "label '%s' is already used", label);
    return 0;
}

/* s:paragraph(text [, {style = "body" | "lead" | "note"}]) */
int bc_api_s_paragraph(lua_State *L)
{
    bc_api *api = bc_api_check_builder(L);
    bc_para_style style = BC_PARA_BODY;
    if (lua_istable(L, 3)) {
        static const char *const keys[] = {"style", NULL};
        bc_api_check_keys(L, 3, "s:paragraph", keys);
        /* body, lead and note: the first three of the enum's names */
        style = (bc_para_style)bc_api_enum_field_n(L, 3, "style", bc_para_style_names,
                                                   BC_PARA_NOTE + 1, BC_PARA_BODY, "s:paragraph");
    }
    bc_inline in;
    bc_api_get_inline(L, api, 2, "paragraph text", &in);
    bc_block *b = bc_doc_add(api->doc, BC_BLOCK_PARA);
    b->u.para.text = in;
    b->u.para.style = style;
    return 0;
}

static bc_inline *inline_list(lua_State *L, bc_api *api, int idx, int n, const char *what)
{
    bc_inline *items = bc_arena_alloc(api->doc->arena, (size_t)(n ? n : 1) * sizeof *items);
    for (int i = 0; i < n; i++) {
        lua_geti(L, idx, i + 1);
        char w[96];
        snprintf(w, sizeof w, "%s %d", what, i + 1);
        bc_api_get_inline(L, api, -1, w, &items[i]);
        lua_pop(L, 1);
    }
    return items;
}

/* s:list(items [, {numbered = false}]) */
int bc_api_s_list(lua_State *L)
{
    bc_api *api = bc_api_check_builder(L);
    luaL_checktype(L, 2, LUA_TTABLE);
    static const char *const keys[] = {"numbered", NULL};
    if (lua_istable(L, 3)) bc_api_check_keys(L, 3, "s:list", keys);
    int numbered = lua_istable(L, 3) ? bc_api_opt_bool_field(L, 3, "numbered", 0) : 0;
    int n = bc_num_len(L, 2, "the list", 1000000);
    bc_inline *items = inline_list(L, api, 2, n, "list item");
    bc_block *b = bc_doc_add(api->doc, BC_BLOCK_LIST);
    b->u.list.numbered = numbered;
    b->u.list.n = n;
    b->u.list.items = items;
    return 0;
}

/* s:callout{title = "Key facts", items = {...}} */
int bc_api_s_callout(lua_State *L)
{
    bc_api *api = bc_api_check_builder(L);
    luaL_checktype(L, 2, LUA_TTABLE);
    static const char *const keys[] = {"title", "items", NULL};
    bc_api_check_keys(L, 2, "s:callout", keys);
    bc_inline title;
    bc_api_opt_inline_field(L, api, 2, "title", &title);
    int n = bc_api_list_field(L, 2, "items", 1);
    bc_inline *items = inline_list(L, api, lua_gettop(L), n, "callout item");
    lua_pop(L, 1);
    bc_block *b = bc_doc_add(api->doc, BC_BLOCK_CALLOUT);
    b->u.callout.title = title;
    b->u.callout.n = n;
    b->u.callout.items = items;
    return 0;
}

/* s:title{title = ..., subtitle = ..., meta = ..., logo = {file =, width = mm}}: defaults from
   the brief's metadata */
int bc_api_s_title(lua_State *L)
{
    bc_api *api = bc_api_check_builder(L);
    bc_block *b = bc_doc_add(api->doc, BC_BLOCK_TITLE);
    int t = lua_istable(L, 2) ? 2 : 0;
    static const char *const keys[] = {"title", "subtitle", "meta", "logo", NULL};
    if (t) bc_api_check_keys(L, t, "s:title", keys);
    const bc_meta *m = api->meta;
    bc_arena *a = api->doc->arena;
    /* the brief's fields are not markup, but get its typography ("--", straight quotes) */
    if (!t || !bc_api_opt_inline_field(L, api, t, "title", &b->u.title.title)) {
        const char *x =
            bc_markup_smarten(a, m->title ? m->title : "", m->title ? strlen(m->title) : 0);
        bc_markup_plain(a, x, strlen(x), 0, &b->u.title.title);
    }
    if (!t || !bc_api_opt_inline_field(L, api, t, "subtitle", &b->u.title.subtitle)) {
        const char *x = bc_markup_smarten(a, m->subtitle ? m->subtitle : "",
                                          m->subtitle ? strlen(m->subtitle) : 0);
        bc_markup_plain(a, x, strlen(x), 0, &b->u.title.subtitle);
    }
    if (!t || !bc_api_opt_inline_field(L, api, t, "meta", &b->u.title.meta)) {
        const char *line =
            bc_arena_printf(a, "%s%s%s", m->authors ? m->authors : "",
                            m->authors && m->date ? "  \u00B7  " : "", m->date ? m->date : "");
        line = bc_markup_smarten(a, line, strlen(line));
        bc_markup_plain(a, line, strlen(line), 0, &b->u.title.meta);
    }
    if (t && lua_getfield(L, t, "logo") != LUA_TNIL) {
        if (!lua_istable(L, -1))
            return luaL_error(L,
                              "title: logo must be a table {file = \"data/logo.png\", width = 30}");
        static const char *const logo_keys[] = {"file", "width", NULL};
        bc_api_check_keys(L, -1, "s:title: logo", logo_keys);
        bc_image_block *logo = bc_arena_alloc(a, sizeof *logo);
        const char *file = bc_api_opt_string_field(L, api, lua_gettop(L), "file");
        if (!file)
            return luaL_error(
                L, "title: logo needs file = \"...\" (a PNG or JPEG in the brief folder)");
        logo->width =
            bc_num_field(L, lua_gettop(L), "width", "title: logo", 30, 5, 200) * 72.0 / 25.4;
        logo->align = 'r';
        logo->decorative = 1;
        logo->img = bc_api_load_image(L, api, file);
        b->u.title.logo = logo;
    }
    if (t) lua_pop(L, 1);
    return 0;
}

/* s:space(points) */
int bc_api_s_space(lua_State *L)
{
    bc_api *api = bc_api_check_builder(L);
    double pt = bc_num_check(L, 2, "space (points)", 0, 1000);
    bc_doc_add(api->doc, BC_BLOCK_SPACE)->u.space = pt;
    return 0;
}

/* s:page_break() */
int bc_api_s_page_break(lua_State *L)
{
    bc_api *api = bc_api_check_builder(L);
    bc_doc_add(api->doc, BC_BLOCK_PAGEBREAK);
    return 0;
}

/* s:contents{title = "Contents", depth = 2} */
int bc_api_s_contents(lua_State *L)
{
    bc_api *api = bc_api_check_builder(L);
    bc_block *b = bc_doc_add(api->doc, BC_BLOCK_TOC);
    b->u.toc.depth = 2;
    if (lua_istable(L, 2)) {
        static const char *const keys[] = {"title", "depth", NULL};
        bc_api_check_keys(L, 2, "s:contents", keys);
        bc_api_opt_inline_field(L, api, 2, "title", &b->u.toc.title);
        b->u.toc.depth = bc_num_fieldint(L, 2, "depth", "contents", 2, 1, 3);
    }
    if (!b->u.toc.title.n) {
        const char *t = bc_doc_terms(api->doc)->contents;
        bc_markup_plain(api->doc->arena, t, strlen(t), 0, &b->u.toc.title);
    }
    api->doc->page_refs = 1;
    return 0;
}

/* s:bibliography{title = "References"}: the cited entries of the brief's bibliography */
int bc_api_s_bibliography(lua_State *L)
{
    bc_api *api = bc_api_check_builder(L);
    if (!api->bib)
        return luaL_error(L, "bibliography: the brief names no bibliography (add bibliography = "
                             "\"data/references.json\" to brief.lua)");
    bc_block *b = bc_doc_add(api->doc, BC_BLOCK_BIB);
    static const char *const keys[] = {"title", NULL};
    if (lua_istable(L, 2)) {
        bc_api_check_keys(L, 2, "s:bibliography", keys);
        bc_api_opt_inline_field(L, api, 2, "title", &b->u.bib.title);
    }
    if (!b->u.bib.title.n) {
        const char *t = bc_doc_terms(api->doc)->references;
        bc_markup_plain(api->doc->arena, t, strlen(t), 0, &b->u.bib.title);
    }
    return 0;
}

/* s:markdown(text) or s:markdown(ctx:markdown_file(path)): Markdown prose as headings,
   paragraphs, block quotes, nested lists and tables (markdown.h). Nothing is added unless all
   of it is good; errors name the Markdown file and line. */
int bc_api_s_markdown(lua_State *L)
{
    bc_api *api = bc_api_check_builder(L);
    const char *file = NULL, *text = NULL;
    size_t len = 0;
    if (lua_istable(L, 2)) {
        lua_getfield(L, 2, "file");
        lua_getfield(L, 2, "text");
        if (lua_type(L, -2) == LUA_TSTRING && lua_type(L, -1) == LUA_TSTRING) {
            file = lua_tostring(L, -2);
            text = lua_tolstring(L, -1, &len);
        }
    } else if (lua_type(L, 2) == LUA_TSTRING) {
        text = lua_tolstring(L, 2, &len);
    }
    if (!text)
        return luaL_error(L,
                          "s:markdown takes Markdown text or what ctx:markdown_file returns, "
                          "got %s",
                          luaL_typename(L, 2));
    bc_md md;
    bc_error err;
    if (bc_md_parse(api->doc->arena, text, len, file, &md, &err) != BC_OK) {
        if (!file) return luaL_error(L, "Markdown line %d: %s", err.line, err.msg);
        if (err.line)
            lua_pushfstring(L, "%s:%d: %s", file, err.line, err.msg);
        else
            lua_pushfstring(L, "%s: %s", file, err.msg);
        return lua_error(L);
    }
    char at[600];
    for (int i = 0; i < md.ntexts; i++) {
        if (file) snprintf(at, sizeof at, "%s:%d", file, md.texts[i].line);
        bc_api_post_inline_at(L, api, md.texts[i].in, file ? at : NULL);
    }
    for (int i = 0; i < md.nblocks; i++) {
        bc_block *b = md.blocks[i].block;
        if (b->label && bc_doc_find_label(api->doc, b->label)) {
            char msg[200];
            snprintf(msg, sizeof msg, "label '%.120s' is already used", b->label);
            if (!file) return luaL_error(L, "Markdown line %d: %s", md.blocks[i].line, msg);
            snprintf(at, sizeof at, "%s:%d", file, md.blocks[i].line);
            bc_api_error_at(L, at, msg);
        }
    }
    for (int i = 0; i < md.nblocks; i++) {
        bc_block *b = md.blocks[i].block;
        const char *ref = NULL;
        if (b->kind == BC_BLOCK_TABLE) b->u.table->number = ++api->doc->ntables;
        bc_doc_append(api->doc, b);
        if (b->kind == BC_BLOCK_HEADING) {
            bc_doc_number_heading(api->doc, b);
            ref = bc_doc_heading_ref(api->doc, b);
        } else if (b->kind == BC_BLOCK_TABLE) {
            ref =
                bc_arena_printf(api->doc->arena, bc_doc_terms(api->doc)->table, b->u.table->number);
        }
        if (b->label && ref && !bc_doc_label(api->doc, b, b->label, ref))
            return luaL_error(L, "label '%s' is used twice in the Markdown", b->label);
    }
    return 0;
}
