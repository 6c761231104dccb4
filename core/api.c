/*
** api.c — the section builder and context methods exposed to plugins.
**
** Errors raised here use luaL_error/luaL_argerror so messages carry the plugin's file:line;
** nothing malloc'd is live when they are raised (all allocations go to the doc arena or the
** reused scratch buffer).
*/
#define _GNU_SOURCE
#include "api.h"

#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <cJSON.h>
#include <lauxlib.h>

#include "bib.h"
#include "chart.h"
#include "csv.h"
#include "fileio.h"
#include "markup.h"
#include "num.h"
#include "sandbox.h"
#include "utf8.h"

#define BUILDER_MT "briefc.section"

typedef struct builder {
    bc_api *api;
    int alive;
} builder;

static bc_api *check_builder(lua_State *L)
{
    builder *b = luaL_checkudata(L, 1, BUILDER_MT);
    if (!b->alive)
        luaL_error(L, "this section builder has expired (it is only valid during render)");
    return b->api;
}

/* {====================================================== argument helpers */

/* Resolves citations now (their keys must exist, and numbering follows first use), numbers
   footnotes, and notes where cross-references were written, for errors after all sections
   have run. */
static void post_inline(lua_State *L, bc_api *api, bc_inline *in)
{
    char where[600] = "";
    for (int i = 0; i < in->n; i++) {
        bc_run *r = &in->runs[i];
        if (r->kind == BC_RUN_TEXT) continue;
        if (!where[0]) {
            lua_Debug ar;
            if (lua_getstack(L, 1, &ar) && lua_getinfo(L, "Sl", &ar) && ar.currentline > 0)
                snprintf(where, sizeof where, "%s:%d", ar.short_src, ar.currentline);
        }
        if (r->kind == BC_RUN_NOTE) {
            bc_doc_add_note(api->doc, r);
            post_inline(L, api, r->note);
            continue;
        }
        if (r->kind != BC_RUN_CITE) {
            r->where = bc_arena_strdup(api->doc->arena, where);
            if (r->kind == BC_RUN_XREF_PAGE) api->doc->page_refs = 1;
            continue;
        }
        if (!api->bib) {
            char msg[300];
            snprintf(msg, sizeof msg, "citation [%.60s] but the brief names no bibliography (add "
                     "bibliography = \"data/references.json\" to brief.lua)", r->text);
            luaL_error(L, "%s", msg);
            return;
        }
        bc_buf text = {0}, id = {0};
        bc_error err;
        bc_status st = bc_bib_cite(api->bib, r->text, r->len, &text, &id, &err);
        if (st == BC_OK) {
            r->text = bc_arena_strndup(api->doc->arena, text.data, text.len);
            r->len = text.len;
            r->link = bc_arena_printf(api->doc->arena, "#ref-%s", id.data);
            r->kind = BC_RUN_TEXT;
        }
        bc_buf_free(&text);
        bc_buf_free(&id);
        if (st != BC_OK) {
            luaL_error(L, "%s", err.msg);
            return;
        }
    }
}

/* Text from a string or number at idx, parsed as markup into the doc arena. */
static void get_inline(lua_State *L, bc_api *api, int idx, const char *what, bc_inline *out)
{
    size_t len;
    const char *s;
    if (lua_type(L, idx) == LUA_TNUMBER || lua_type(L, idx) == LUA_TSTRING) {
        bc_num_checktext(L, idx, what);
        s = lua_tolstring(L, idx, &len);
    } else {
        luaL_error(L, "%s must be text, got %s", what, luaL_typename(L, idx));
        return;
    }
    bc_error err;
    if (bc_markup_parse(api->doc->arena, s, len, out, &err) != BC_OK)
        luaL_error(L, "%s: %s", what, err.msg);
    post_inline(L, api, out);
}

/* Optional text field of the table at idx. */
static int opt_inline_field(lua_State *L, bc_api *api, int idx, const char *field, bc_inline *out)
{
    lua_getfield(L, idx, field);
    int present = !lua_isnil(L, -1);
    if (present) {
        char what[96];
        snprintf(what, sizeof what, "field '%s'", field);
        get_inline(L, api, -1, what, out);
    } else {
        out->runs = NULL;
        out->n = 0;
    }
    lua_pop(L, 1);
    return present;
}

static const char *opt_string_field(lua_State *L, bc_api *api, int idx, const char *field)
{
    lua_getfield(L, idx, field);
    const char *r = NULL;
    if (!lua_isnil(L, -1)) {
        size_t len;
        if (lua_type(L, -1) != LUA_TSTRING && lua_type(L, -1) != LUA_TNUMBER)
            luaL_error(L, "field '%s' must be text, got %s", field, luaL_typename(L, -1));
        char what[96];
        snprintf(what, sizeof what, "field '%s'", field);
        bc_num_checktext(L, -1, what);
        const char *s = lua_tolstring(L, -1, &len);
        size_t bad = bc_utf8_check(s, len);
        if (bad != (size_t)-1)
            luaL_error(L, "field '%s': invalid UTF-8 at byte %d", field, (int)bad);
        r = bc_arena_strndup(api->doc->arena, s, len);
    }
    lua_pop(L, 1);
    return r;
}

static int opt_bool_field(lua_State *L, int idx, const char *field, int def)
{
    lua_getfield(L, idx, field);
    int v = lua_isnil(L, -1) ? def : lua_toboolean(L, -1);
    lua_pop(L, 1);
    return v;
}

/* Length of the list in field (0 when absent); leaves the list on the stack (or nil). */
static int list_field(lua_State *L, int idx, const char *field, int required)
{
    lua_getfield(L, idx, field);
    if (lua_isnil(L, -1)) {
        if (required) luaL_error(L, "field '%s' is required", field);
        return 0;
    }
    if (!lua_istable(L, -1))
        luaL_error(L, "field '%s' must be a list, got %s", field, luaL_typename(L, -1));
    char what[96];
    snprintf(what, sizeof what, "field '%s'", field);
    return bc_num_len(L, -1, what, 1000000);
}

/* Formats a number for a table cell: integers with thousands separators. v has passed
   bc_num_ok within BC_NUM_DIGITS_MAX, so its digits fit buf. */
static void push_number_text(lua_State *L, double v)
{
    char buf[64], out[96];
    if (v == floor(v) && fabs(v) < 1e15) snprintf(buf, sizeof buf, "%.0f", v);
    else snprintf(buf, sizeof buf, "%.2f", v);
    size_t len = strlen(buf), o = 0;
    const char *dot = strchr(buf, '.');
    size_t intlen = dot ? (size_t)(dot - buf) : len;
    size_t start = buf[0] == '-' ? 1 : 0;
    for (size_t i = 0; i < len; i++) {
        if (buf[i] == '-' && i == 0) {
            memcpy(out + o, "\xE2\x88\x92", 3); /* a real minus sign */
            o += 3;
            continue;
        }
        out[o++] = buf[i];
        if (i < intlen && i >= start && (intlen - i - 1) > 0 && (intlen - i - 1) % 3 == 0)
            out[o++] = ',';
    }
    lua_pushlstring(L, out, o);
}

/* }====================================================== */

/* {====================================================== builder methods */

/* s:heading(text [, {level = 1..3}]) */
static int s_heading(lua_State *L)
{
    bc_api *api = check_builder(L);
    int level = 1;
    const char *label = NULL;
    if (lua_istable(L, 3)) {
        level = bc_num_fieldint(L, 3, "level", "heading", 1, 1, 3);
        label = opt_string_field(L, api, 3, "label");
    }
    else if (!lua_isnoneornil(L, 3)) level = bc_num_checkint(L, 3, "heading level", 1, 3);
    bc_inline in;
    get_inline(L, api, 2, "heading text", &in);
    bc_block *b = bc_doc_add(api->doc, BC_BLOCK_HEADING);
    b->u.heading.level = level;
    b->u.heading.text = in;
    bc_doc_number_heading(api->doc, b);
    if (label && !bc_doc_label(api->doc, b, label, bc_arena_printf(api->doc->arena, "Section %s", b->u.heading.number)))
        return luaL_error(L, "label '%s' is already used", label);
    return 0;
}

/* s:paragraph(text [, {style = "body" | "lead" | "note"}]) */
static int s_paragraph(lua_State *L)
{
    bc_api *api = check_builder(L);
    bc_para_style style = BC_PARA_BODY;
    if (lua_istable(L, 3)) {
        lua_getfield(L, 3, "style");
        const char *st = lua_tostring(L, -1);
        if (st && strcmp(st, "lead") == 0) style = BC_PARA_LEAD;
        else if (st && strcmp(st, "note") == 0) style = BC_PARA_NOTE;
        else if (st && strcmp(st, "body") != 0)
            return luaL_error(L, "unknown paragraph style '%s' (body, lead or note)", st);
        lua_pop(L, 1);
    }
    bc_inline in;
    get_inline(L, api, 2, "paragraph text", &in);
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
        get_inline(L, api, -1, w, &items[i]);
        lua_pop(L, 1);
    }
    return items;
}

/* s:list(items [, {numbered = false}]) */
static int s_list(lua_State *L)
{
    bc_api *api = check_builder(L);
    luaL_checktype(L, 2, LUA_TTABLE);
    int numbered = lua_istable(L, 3) ? opt_bool_field(L, 3, "numbered", 0) : 0;
    int n = bc_num_len(L, 2, "the list", 1000000);
    bc_inline *items = inline_list(L, api, 2, n, "list item");
    bc_block *b = bc_doc_add(api->doc, BC_BLOCK_LIST);
    b->u.list.numbered = numbered;
    b->u.list.n = n;
    b->u.list.items = items;
    return 0;
}

/* s:callout{title = "Key facts", items = {...}} */
static int s_callout(lua_State *L)
{
    bc_api *api = check_builder(L);
    luaL_checktype(L, 2, LUA_TTABLE);
    bc_inline title;
    opt_inline_field(L, api, 2, "title", &title);
    int n = list_field(L, 2, "items", 1);
    bc_inline *items = inline_list(L, api, lua_gettop(L), n, "callout item");
    lua_pop(L, 1);
    bc_block *b = bc_doc_add(api->doc, BC_BLOCK_CALLOUT);
    b->u.callout.title = title;
    b->u.callout.n = n;
    b->u.callout.items = items;
    return 0;
}

/* s:title{title = ..., subtitle = ..., meta = ...}: defaults from the brief's metadata */
static int s_title(lua_State *L)
{
    bc_api *api = check_builder(L);
    bc_block *b = bc_doc_add(api->doc, BC_BLOCK_TITLE);
    int t = lua_istable(L, 2) ? 2 : 0;
    const bc_meta *m = api->meta;
    bc_arena *a = api->doc->arena;
    if (!t || !opt_inline_field(L, api, t, "title", &b->u.title.title))
        bc_markup_plain(a, m->title ? m->title : "", m->title ? strlen(m->title) : 0, 0,
                        &b->u.title.title);
    if (!t || !opt_inline_field(L, api, t, "subtitle", &b->u.title.subtitle))
        bc_markup_plain(a, m->subtitle ? m->subtitle : "", m->subtitle ? strlen(m->subtitle) : 0,
                        0, &b->u.title.subtitle);
    if (!t || !opt_inline_field(L, api, t, "meta", &b->u.title.meta)) {
        const char *line = bc_arena_printf(a, "%s%s%s", m->authors ? m->authors : "",
                                           m->authors && m->date ? "  \u00B7  " : "",
                                           m->date ? m->date : "");
        bc_markup_plain(a, line, strlen(line), 0, &b->u.title.meta);
    }
    return 0;
}

/* s:space(points) */
static int s_space(lua_State *L)
{
    bc_api *api = check_builder(L);
    double pt = bc_num_check(L, 2, "space (points)", 0, 1000);
    bc_doc_add(api->doc, BC_BLOCK_SPACE)->u.space = pt;
    return 0;
}

/* s:page_break() */
static int s_page_break(lua_State *L)
{
    bc_api *api = check_builder(L);
    bc_doc_add(api->doc, BC_BLOCK_PAGEBREAK);
    return 0;
}

/*
** s:table{caption =, columns = {"Year", {title = "Total", align = "right", width = 2}, ...},
**         rows = {{...}, {..., strong = true}}, source = }
*/
static int s_table(lua_State *L)
{
    bc_api *api = check_builder(L);
    luaL_checktype(L, 2, LUA_TTABLE);
    bc_arena *a = api->doc->arena;
    bc_table *t = bc_arena_alloc(a, sizeof *t);
    opt_inline_field(L, api, 2, "caption", &t->caption);
    opt_inline_field(L, api, 2, "source", &t->source);
    int nc = list_field(L, 2, "columns", 1);
    int cols = lua_gettop(L);
    if (nc < 1 || nc > 64) return luaL_error(L, "a table needs 1 to 64 columns, got %d", nc);
    t->ncols = nc;
    t->header = bc_arena_alloc(a, (size_t)nc * sizeof *t->header);
    t->align = bc_arena_alloc(a, (size_t)nc);
    t->weights = bc_arena_alloc(a, (size_t)nc * sizeof *t->weights);
    int any_weight = 0;
    for (int c = 0; c < nc; c++) {
        lua_geti(L, cols, c + 1);
        char what[64];
        snprintf(what, sizeof what, "column %d title", c + 1);
        t->align[c] = 'l';
        if (lua_istable(L, -1)) {
            lua_getfield(L, -1, "title");
            get_inline(L, api, -1, what, &t->header[c]);
            lua_pop(L, 1);
            lua_getfield(L, -1, "align");
            const char *al = lua_tostring(L, -1);
            if (al) {
                if (strcmp(al, "left") == 0) t->align[c] = 'l';
                else if (strcmp(al, "right") == 0) t->align[c] = 'r';
                else if (strcmp(al, "center") == 0) t->align[c] = 'c';
                else if (strcmp(al, "decimal") == 0) t->align[c] = 'd';
                else return luaL_error(L, "column %d: align must be left, right, center or decimal, not '%s'",
                                       c + 1, al);
            }
            lua_pop(L, 1);
            char col[32];
            snprintf(col, sizeof col, "column %d", c + 1);
            t->weights[c] = bc_num_field(L, -1, "width", col, 0, 0, 1000);
            any_weight |= t->weights[c] > 0;
        } else {
            get_inline(L, api, -1, what, &t->header[c]);
        }
        lua_pop(L, 1);
    }
    if (!any_weight) t->weights = NULL;
    lua_pop(L, 1);
    int nr = list_field(L, 2, "rows", 1);
    int rows = lua_gettop(L);
    t->nrows = nr;
    t->cells = bc_arena_alloc(a, (size_t)(nr ? nr : 1) * (size_t)nc * sizeof *t->cells);
    t->row_strong = bc_arena_alloc(a, (size_t)(nr ? nr : 1));
    int auto_align[64] = {0};
    for (int r = 0; r < nr; r++) {
        lua_geti(L, rows, r + 1);
        if (!lua_istable(L, -1))
            return luaL_error(L, "row %d must be a list of cells, got %s", r + 1, luaL_typename(L, -1));
        int row = lua_gettop(L);
        lua_Integer len = luaL_len(L, row);
        if (len > nc)
            return luaL_error(L, "row %d has %I cells but the table has %d columns", r + 1, (LUAI_UACINT)len, nc);
        t->row_strong[r] = (unsigned char)opt_bool_field(L, row, "strong", 0);
        for (int c = 0; c < nc; c++) {
            lua_geti(L, row, c + 1);
            char what[64];
            snprintf(what, sizeof what, "row %d, column %d", r + 1, c + 1);
            if (lua_type(L, -1) == LUA_TNUMBER) {
                double v = bc_num_check(L, -1, what, -BC_NUM_DIGITS_MAX, BC_NUM_DIGITS_MAX);
                lua_pop(L, 1);
                push_number_text(L, v);
                auto_align[c] |= 1;
            } else if (lua_isnil(L, -1)) {
                lua_pop(L, 1);
                lua_pushliteral(L, "\u2013"); /* an en dash marks a missing value */
            }
            get_inline(L, api, -1, what, &t->cells[r * nc + c]);
            lua_pop(L, 1);
        }
        lua_pop(L, 1);
    }
    lua_pop(L, 1);
    /* Columns of numbers line up on their decimal points (right-aligned when they have none)
       unless a column says otherwise. */
    for (int c = 0; c < nc; c++) {
        if (auto_align[c] && t->align[c] == 'l') {
            lua_getfield(L, 2, "columns");
            lua_geti(L, -1, c + 1);
            int explicit_align = 0;
            if (lua_istable(L, -1)) {
                lua_getfield(L, -1, "align");
                explicit_align = !lua_isnil(L, -1);
                lua_pop(L, 1);
            }
            lua_pop(L, 2);
            if (!explicit_align) t->align[c] = 'd';
        }
    }
    t->number = ++api->doc->ntables;
    const char *label = opt_string_field(L, api, 2, "label");
    bc_block *blk = bc_doc_add(api->doc, BC_BLOCK_TABLE);
    blk->u.table = t;
    if (label && !bc_doc_label(api->doc, blk, label, bc_arena_printf(api->doc->arena, "Table %d", t->number)))
        return luaL_error(L, "label '%s' is already used", label);
    return 0;
}

/* Category label from a string or number. */
static const char *label_at(lua_State *L, bc_api *api, int idx, int i, const char *what)
{
    lua_geti(L, idx, i);
    size_t len;
    const char *s;
    if (lua_type(L, -1) == LUA_TNUMBER) {
        char name[96];
        snprintf(name, sizeof name, "%s %d", what, i);
        bc_num_checktext(L, -1, name);
        if (lua_isinteger(L, -1)) lua_pushfstring(L, "%I", (LUAI_UACINT)lua_tointeger(L, -1));
        else lua_pushstring(L, lua_tostring(L, -1));
        lua_remove(L, -2);
    }
    if (lua_type(L, -1) != LUA_TSTRING)
        luaL_error(L, "%s %d must be text, got %s", what, i, luaL_typename(L, -1));
    s = lua_tolstring(L, -1, &len);
    if (bc_utf8_check(s, len) != (size_t)-1) luaL_error(L, "%s %d: invalid UTF-8", what, i);
    const char *r = bc_arena_strndup(api->doc->arena, s, len);
    lua_pop(L, 1);
    return r;
}

/* Picks one of names[] for field (or returns def when absent); an unknown name is an error. */
static int enum_field(lua_State *L, int idx, const char *field, const char *const *names, int def,
                      const char *what)
{
    lua_getfield(L, idx, field);
    if (lua_isnil(L, -1)) {
        lua_pop(L, 1);
        return def;
    }
    const char *v = lua_tostring(L, -1);
    for (int i = 0; v && names[i]; i++)
        if (!strcmp(v, names[i])) {
            lua_pop(L, 1);
            return i;
        }
    char list[256] = "";
    size_t o = 0;
    for (int i = 0; names[i] && o < sizeof list - 32; i++)
        o += (size_t)snprintf(list + o, sizeof list - o, "%s%s", i ? ", " : "", names[i]);
    return luaL_error(L, "%s: %s must be one of %s, not '%s'", what, field, list,
                      v ? v : luaL_typename(L, -1));
}

/*
** s:chart{kind = "bar" | "hbar" | "line" | "area" | "donut" | "dot", stacked = true | "percent",
**         caption =, categories = {...}, series = {{name =, values = {...}}, ...},
**         format = "number" | "money" | "percent", legend = "top" | "right" | "bottom" | "none"
**         | "direct", markers =, value_labels =, log =, mono =, highlight = {...},
**         x_title =, y_title =, source =, aspect = 0.5, label_every =,
**         events = {{at =, label =}}, references = {{value =, label =}},
**         alt = "description for screen readers (default: written from the data)"}
*/
static int s_chart(lua_State *L)
{
    bc_api *api = check_builder(L);
    luaL_checktype(L, 2, LUA_TTABLE);
    bc_arena *a = api->doc->arena;
    bc_chart *ch = bc_arena_alloc(a, sizeof *ch);
    /* Messages name the chart by its caption, so a plugin with several charts is clear. */
    lua_getfield(L, 2, "caption");
    const char *cap = lua_tostring(L, -1);
    char what[120];
    snprintf(what, sizeof what, "chart '%.80s'", cap ? cap : "(no caption)");
    lua_pop(L, 1);
    static const char *const kinds[] = {"bar", "hbar", "line", "area", "donut", "dot", NULL};
    static const char *const formats[] = {"number", "money", "percent", NULL};
    static const char *const legends[] = {"auto", "top", "right", "bottom", "none", "direct", NULL};
    ch->kind = (bc_chart_kind)enum_field(L, 2, "kind", kinds, 0, what);
    ch->format = (bc_chart_format_kind)enum_field(L, 2, "format", formats, 0, what);
    ch->legend = (bc_chart_legend)enum_field(L, 2, "legend", legends, 0, what);
    lua_getfield(L, 2, "stacked");
    if (lua_type(L, -1) == LUA_TSTRING) {
        if (strcmp(lua_tostring(L, -1), "percent"))
            return luaL_error(L, "%s: stacked must be true, false or \"percent\"", what);
        ch->stack = BC_STACK_PERCENT;
        ch->format = BC_FMT_PERCENT;
    } else {
        ch->stack = lua_toboolean(L, -1) ? BC_STACK_NORMAL : BC_STACK_NONE;
    }
    lua_pop(L, 1);
    if (ch->kind == BC_CHART_AREA && ch->stack == BC_STACK_NONE) ch->stack = BC_STACK_NORMAL;
    if (ch->legend == BC_LEGEND_DIRECT && ch->kind != BC_CHART_LINE)
        return luaL_error(L, "%s: legend = \"direct\" labels line ends; use it with kind = \"line\"", what);
    ch->markers = opt_bool_field(L, 2, "markers", 0);
    ch->value_labels = opt_bool_field(L, 2, "value_labels", 0);
    ch->log = opt_bool_field(L, 2, "log", 0);
    lua_getfield(L, 2, "mono");
    ch->mono = lua_isnil(L, -1) ? -1 : lua_toboolean(L, -1);
    lua_pop(L, 1);
    opt_inline_field(L, api, 2, "caption", &ch->caption);
    opt_inline_field(L, api, 2, "source", &ch->source);
    ch->y_title = opt_string_field(L, api, 2, "y_title");
    ch->x_title = opt_string_field(L, api, 2, "x_title");
    ch->alt = opt_string_field(L, api, 2, "alt");
    ch->aspect = bc_num_field(L, 2, "aspect", what, ch->kind == BC_CHART_DONUT ? 0.36 : 0.5, 0.1, 2);
    ch->label_every = bc_num_fieldint(L, 2, "label_every", what, 0, 0, 10000);
    int nc = list_field(L, 2, "categories", 1);
    int cats = lua_gettop(L);
    if (nc < 1 || nc > 10000) return luaL_error(L, "%s: needs 1 to 10000 categories, got %d", what, nc);
    ch->ncat = nc;
    ch->categories = bc_arena_alloc(a, (size_t)nc * sizeof(char *));
    for (int c = 0; c < nc; c++) ch->categories[c] = label_at(L, api, cats, c + 1, "category");
    int ns = list_field(L, 2, "series", 1);
    int sers = lua_gettop(L);
    if (ns < 1 || ns > 32) return luaL_error(L, "%s: needs 1 to 32 series, got %d", what, ns);
    if (ch->kind == BC_CHART_DONUT && ns != 1)
        return luaL_error(L, "%s: a donut shows one series (its categories are the slices), got %d", what, ns);
    ch->nser = ns;
    ch->series = bc_arena_alloc(a, (size_t)ns * sizeof(char *));
    ch->values = bc_arena_alloc(a, (size_t)ns * (size_t)nc * sizeof(double));
    for (int s = 0; s < ns; s++) {
        lua_geti(L, sers, s + 1);
        if (!lua_istable(L, -1)) return luaL_error(L, "%s: series %d must be a table", what, s + 1);
        int ser = lua_gettop(L);
        const char *name = opt_string_field(L, api, ser, "name");
        ch->series[s] = name ? name : bc_arena_printf(a, "Series %d", s + 1);
        lua_getfield(L, ser, "values");
        if (!lua_istable(L, -1))
            return luaL_error(L, "%s: series '%s' needs a list of values", what, ch->series[s]);
        for (int c = 0; c < nc; c++) {
            lua_geti(L, -1, c + 1);
            double v = NAN; /* nil: a gap */
            char vname[300], msg[400];
            snprintf(vname, sizeof vname, "%s: series '%.80s', value %d", what, ch->series[s], c + 1);
            if (lua_type(L, -1) == LUA_TNUMBER) {
                if (!bc_num_read(L, -1, vname, -BC_NUM_DIGITS_MAX, BC_NUM_DIGITS_MAX, 0, &v, msg, sizeof msg))
                    return luaL_error(L, "%s%s", msg, isnan(lua_tonumber(L, -1)) ? "; write nil for a missing value" : "");
            } else if (!lua_isnil(L, -1))
                return luaL_error(L, "%s: series '%s', value %d must be a number or nil, got %s",
                                  what, ch->series[s], c + 1, luaL_typename(L, -1));
            if (ch->log && !isnan(v) && v <= 0)
                return luaL_error(L, "%s: a log scale needs positive values; series '%s', value %d is %f",
                                  what, ch->series[s], c + 1, v);
            if (ch->log && !isnan(v) && !bc_num_ok(v, vname, BC_CHART_LOG_MIN, BC_NUM_DIGITS_MAX, 0, msg, sizeof msg))
                return luaL_error(L, "%s", msg);
            if (ch->kind == BC_CHART_DONUT && !isnan(v) && v < 0)
                return luaL_error(L, "%s: a donut cannot show a negative value ('%s' is %f)", what,
                                  ch->categories[c], v);
            ch->values[s * nc + c] = v;
            lua_pop(L, 1);
        }
        lua_pop(L, 2);
    }
    lua_pop(L, 1);
    if (ch->log && ch->stack != BC_STACK_NONE)
        return luaL_error(L, "%s: stacked values cannot use a log scale", what);
    /* highlighted categories */
    int nh = list_field(L, 2, "highlight", 0);
    if (nh) {
        ch->highlight = bc_arena_alloc(a, (size_t)nc);
        for (int i = 1; i <= nh; i++) {
            const char *h = label_at(L, api, lua_gettop(L), i, "highlight");
            int found = 0;
            for (int c = 0; c < nc; c++)
                if (!strcmp(ch->categories[c], h)) ch->highlight[c] = found = 1;
            if (!found) return luaL_error(L, "%s: highlight '%s' is not one of the categories", what, h);
        }
    }
    lua_pop(L, 1);
    int ne = list_field(L, 2, "events", 0);
    int evs = lua_gettop(L);
    ch->events = bc_arena_alloc(a, (size_t)(ne ? ne : 1) * sizeof *ch->events);
    for (int e = 0; e < ne; e++) {
        lua_geti(L, evs, e + 1);
        if (!lua_istable(L, -1)) return luaL_error(L, "%s: event %d must be a table", what, e + 1);
        int ev = lua_gettop(L);
        const char *label = opt_string_field(L, api, ev, "label");
        if (!label) return luaL_error(L, "%s: event %d needs a label", what, e + 1);
        lua_getfield(L, ev, "at");
        const char *at = lua_tostring(L, -1);
        if (!at) return luaL_error(L, "%s: event %d needs 'at', a category", what, e + 1);
        int found = -1;
        for (int c = 0; c < nc; c++)
            if (strcmp(ch->categories[c], at) == 0) found = c;
        if (found < 0) return luaL_error(L, "%s: event %d: '%s' is not one of the categories", what, e + 1, at);
        char evname[160];
        snprintf(evname, sizeof evname, "%s: event %d", what, e + 1);
        double offset = bc_num_field(L, ev, "offset", evname, 0, -0.5, 0.5);
        lua_pop(L, 2);
        ch->events[ch->nevents].at = found + offset;
        ch->events[ch->nevents].label = label;
        ch->nevents++;
    }
    lua_pop(L, 1);
    int nr = list_field(L, 2, "references", 0);
    int refs = lua_gettop(L);
    ch->refs = bc_arena_alloc(a, (size_t)(nr ? nr : 1) * sizeof *ch->refs);
    for (int r = 0; r < nr; r++) {
        lua_geti(L, refs, r + 1);
        if (!lua_istable(L, -1)) return luaL_error(L, "%s: reference %d must be a table", what, r + 1);
        int rt = lua_gettop(L);
        lua_getfield(L, rt, "value");
        if (lua_isnil(L, -1)) return luaL_error(L, "%s: reference %d needs a numeric value", what, r + 1);
        char refname[160];
        snprintf(refname, sizeof refname, "%s: reference %d: value", what, r + 1);
        double v = bc_num_check(L, -1, refname, -BC_NUM_DIGITS_MAX, BC_NUM_DIGITS_MAX);
        if (ch->log && v <= 0) return luaL_error(L, "%s: reference %d must be positive on a log scale", what, r + 1);
        if (ch->log) bc_num_check(L, -1, refname, BC_CHART_LOG_MIN, BC_NUM_DIGITS_MAX);
        lua_pop(L, 1);
        ch->refs[r].value = v;
        ch->refs[r].label = opt_string_field(L, api, rt, "label");
        ch->nrefs++;
        lua_pop(L, 1);
    }
    lua_pop(L, 1);
    lua_pop(L, 1); /* categories */
    ch->number = ++api->doc->nfigures;
    const char *label = opt_string_field(L, api, 2, "label");
    bc_block *blk = bc_doc_add(api->doc, BC_BLOCK_CHART);
    blk->u.chart = ch;
    if (label && !bc_doc_label(api->doc, blk, label, bc_arena_printf(api->doc->arena, "Figure %d", ch->number)))
        return luaL_error(L, "label '%s' is already used", label);
    return 0;
}

/* s:contents{title = "Contents", depth = 2} */
static int s_contents(lua_State *L)
{
    bc_api *api = check_builder(L);
    bc_block *b = bc_doc_add(api->doc, BC_BLOCK_TOC);
    b->u.toc.depth = 2;
    if (lua_istable(L, 2)) {
        opt_inline_field(L, api, 2, "title", &b->u.toc.title);
        b->u.toc.depth = bc_num_fieldint(L, 2, "depth", "contents", 2, 1, 3);
    }
    if (!b->u.toc.title.n) bc_markup_plain(api->doc->arena, "Contents", 8, 0, &b->u.toc.title);
    api->doc->page_refs = 1;
    return 0;
}

/* s:bibliography{title = "References"}: the cited entries of the brief's bibliography */
static int s_bibliography(lua_State *L)
{
    bc_api *api = check_builder(L);
    if (!api->bib)
        return luaL_error(L, "bibliography: the brief names no bibliography (add bibliography = "
                             "\"data/references.json\" to brief.lua)");
    bc_block *b = bc_doc_add(api->doc, BC_BLOCK_BIB);
    if (lua_istable(L, 2)) opt_inline_field(L, api, 2, "title", &b->u.bib.title);
    if (!b->u.bib.title.n) bc_markup_plain(api->doc->arena, "References", 10, 0, &b->u.bib.title);
    return 0;
}

static int s_tostring(lua_State *L)
{
    builder *b = luaL_checkudata(L, 1, BUILDER_MT);
    lua_pushfstring(L, "section builder (%s)", b->alive ? "live" : "expired");
    return 1;
}

static const luaL_Reg builder_methods[] = {
    {"title", s_title},       {"heading", s_heading}, {"paragraph", s_paragraph},
    {"list", s_list},         {"table", s_table},     {"chart", s_chart},
    {"callout", s_callout},   {"space", s_space},     {"page_break", s_page_break},
    {"contents", s_contents}, {"bibliography", s_bibliography},
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
        luaL_error(L, "memory limit reached: the document has grown to %d MB; raise "
                   "limits.memory_mb in brief.lua", (int)(now >> 20));
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

const char *const bc_api_builder_methods[] = {"title", "heading", "paragraph", "list", "table",
                                              "chart", "callout", "space", "page_break",
                                              "contents", "bibliography", NULL};

/* }====================================================== */

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

static int inside(const char *path, const char *dir)
{
    size_t n = strlen(dir);
    return strncmp(path, dir, n) == 0 && (path[n] == '/' || path[n] == 0);
}

/* A brief-relative path, checked lexically ("..") to stay inside the brief folder; a path
   that leaves it is refused whether or not it exists. Links are the door's (read_confined). */
static const char *confined_path(lua_State *L, bc_api *api, const char *rel)
{
    char joined[PATH_MAX];
    if (rel[0] == '/') snprintf(joined, sizeof joined, "%s", rel);
    else snprintf(joined, sizeof joined, "%s/%s", api->brief_real, rel);
    char lexical[PATH_MAX];
    snprintf(lexical, sizeof lexical, "%s", joined);
    normalize(lexical);
    if (!inside(lexical, api->brief_real))
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
   the one door (fileio.h): a regular file inside the brief folder, at most 64 MB. */
static const char *read_confined(lua_State *L, bc_api *api, const char *rel, size_t *len)
{
    const char *path = confined_path(L, api, rel);
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
    const char *s = lua_tolstring(L, -1, len);
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
static bc_api *ctx_api(lua_State *L)
{
    bc_api *api = lua_touserdata(L, lua_upvalueindex(1));
    if (!api->doc || lua_tointeger(L, lua_upvalueindex(2)) != api->ctx_generation)
        luaL_error(L, "this ctx has expired (it is only valid during its section's render)");
    return api;
}

/* ctx:read_text(path) -> string */
static int c_read_text(lua_State *L)
{
    bc_api *api = ctx_api(L);
    const char *rel = luaL_checkstring(L, 2);
    size_t len;
    read_confined(L, api, rel, &len);
    return 1;
}

/* ctx:csv(path) -> list of rows keyed by the header's column names; numbers typed */
static int c_csv(lua_State *L)
{
    bc_api *api = ctx_api(L);
    const char *rel = luaL_checkstring(L, 2);
    size_t len;
    const char *data = read_confined(L, api, rel, &len);
    int src = lua_gettop(L);
    (void)src;
    bc_csv c;
    bc_csv_init(&c, data, len);
    bc_buf *f = &api->scratch;
    bc_error err;
    int quoted, row_end, r;
    lua_newtable(L); /* header */
    int header = lua_gettop(L);
    int ncols = 0;
    while ((r = bc_csv_field(&c, f, &quoted, &row_end, &err)) == 1) {
        if (f->len == 0) luaL_error(L, "%s:%d: column %d has an empty name", rel, c.row_line, ncols + 1);
        lua_pushlstring(L, f->data, f->len);
        lua_rawseti(L, header, ++ncols);
        if (row_end) break;
    }
    if (r < 0) luaL_error(L, "%s:%d: %s", rel, err.line, err.msg);
    if (ncols == 0) luaL_error(L, "%s: the file is empty (a header row is required)", rel);
    lua_newtable(L); /* rows */
    int rows = lua_gettop(L);
    int nrows = 0, col = 0;
    lua_createtable(L, 0, ncols); /* sized: growing a table field by field rehashes it */
    while ((r = bc_csv_field(&c, f, &quoted, &row_end, &err)) == 1) {
        if (col >= ncols)
            luaL_error(L, "%s:%d: row has more than the header's %d fields", rel, c.row_line, ncols);
        lua_rawgeti(L, header, col + 1);
        if (f->len == 0 && !quoted) lua_pushnil(L);
        else if (!quoted && bc_csv_is_number(f->data, f->len)) {
            lua_stringtonumber(L, f->data);
            if (!isfinite(lua_tonumber(L, -1))) { /* 1e999 reads as an infinity */
                char msg[200];
                snprintf(msg, sizeof msg, "column '%.60s': %.40s is too large for a number (quote it "
                         "to keep it as text)", lua_tostring(L, -2), f->data);
                luaL_error(L, "%s:%d: %s", rel, c.row_line, msg);
            }
        }
        else lua_pushlstring(L, f->data, f->len);
        lua_rawset(L, -3);
        col++;
        if (row_end) {
            if (col != ncols)
                luaL_error(L, "%s:%d: row has %d fields, the header has %d", rel, c.row_line, col, ncols);
            lua_rawseti(L, rows, ++nrows);
            lua_createtable(L, 0, ncols);
            col = 0;
        }
    }
    if (r < 0) luaL_error(L, "%s:%d: %s", rel, err.line, err.msg);
    lua_pop(L, 1);
    /* rows.columns lists the header in order */
    lua_pushvalue(L, header);
    lua_setfield(L, rows, "columns");
    return 1;
}

/* Pushes a cJSON value as Lua: objects and arrays as tables, null as nil. */
static void push_json(lua_State *L, const cJSON *j, int depth, const char *key)
{
    if (depth > 200) luaL_error(L, "JSON nested deeper than 200 levels");
    luaL_checkstack(L, 4, "JSON");
    if (cJSON_IsObject(j)) {
        lua_createtable(L, 0, cJSON_GetArraySize(j));
        for (const cJSON *c = j->child; c; c = c->next) {
            push_json(L, c, depth + 1, c->string);
            lua_setfield(L, -2, c->string ? c->string : "");
        }
    } else if (cJSON_IsArray(j)) {
        int n = cJSON_GetArraySize(j), i = 0;
        lua_createtable(L, n, 1);
        for (const cJSON *c = j->child; c; c = c->next) {
            push_json(L, c, depth + 1, key);
            lua_rawseti(L, -2, ++i);
        }
        lua_pushinteger(L, n); /* arrays keep their length, nulls included */
        lua_setfield(L, -2, "n");
    } else if (cJSON_IsString(j)) {
        lua_pushstring(L, j->valuestring);
    } else if (cJSON_IsNumber(j)) {
        double v = j->valuedouble;
        if (!isfinite(v)) /* 1e999 parses to an infinity */
            luaL_error(L, "%s: a number is too large for a double%s%s%s", lua_tostring(L, 2),
                       key ? " (key '" : "", key ? key : "", key ? "')" : "");
        if (v == floor(v) && fabs(v) < 9e15) lua_pushinteger(L, (lua_Integer)v);
        else lua_pushnumber(L, v);
    } else if (cJSON_IsBool(j)) {
        lua_pushboolean(L, cJSON_IsTrue(j));
    } else {
        lua_pushnil(L);
    }
}

/* json_to_lua(root, path): the path names the file in errors */
static int json_to_lua(lua_State *L)
{
    push_json(L, lua_touserdata(L, 1), 0, NULL);
    return 1;
}

/* ctx:json(path) -> the file's value; JSON null becomes nil, arrays carry n */
static int c_json(lua_State *L)
{
    bc_api *api = ctx_api(L);
    const char *rel = luaL_checkstring(L, 2);
    size_t len;
    const char *data = read_confined(L, api, rel, &len);
    const char *end = NULL;
    cJSON *root = cJSON_ParseWithLengthOpts(data, len, &end, 0);
    if (!root) {
        size_t off = end && end >= data ? (size_t)(end - data) : 0;
        int line = 1;
        size_t col = 1;
        for (size_t i = 0; i < off && i < len; i++) {
            if (data[i] == '\n') { line++; col = 1; }
            else col++;
        }
        return luaL_error(L, "%s:%d: invalid JSON at column %d (byte %d)", rel, line, (int)col, (int)off);
    }
    /* Convert under protection so the tree is freed whatever happens. */
    lua_pushcfunction(L, json_to_lua);
    lua_pushlightuserdata(L, root);
    lua_pushstring(L, rel);
    int st = lua_pcall(L, 2, 1, 0);
    cJSON_Delete(root);
    if (st != LUA_OK) { /* raised inside the conversion: give it the plugin's line */
        luaL_where(L, 1);
        lua_insert(L, -2);
        lua_concat(L, 2);
        return lua_error(L);
    }
    return 1;
}

/* ctx:warn(message): the first BC_API_WARN_BYTES of each message (cut at a character,
   then "…"), the first BC_API_WARNINGS messages of a build, each charged to the brief's
   memory budget. */
static int c_warn(lua_State *L)
{
    bc_api *api = ctx_api(L);
    size_t len;
    const char *msg = luaL_checklstring(L, 2, &len);
    const char *cut = "";
    if (len > BC_API_WARN_BYTES) {
        len = BC_API_WARN_BYTES;
        while (len > 0 && ((unsigned char)msg[len] & 0xC0) == 0x80) len--;
        cut = "\xE2\x80\xA6";
    }
    if (++api->nwarnings > BC_API_WARNINGS + 1) return 0;
    size_t before = api->warnings->len;
    lua_Debug ar;
    char where[600] = "";
    if (lua_getstack(L, 1, &ar) && lua_getinfo(L, "Sl", &ar) && ar.currentline > 0)
        snprintf(where, sizeof where, "%s:%d: ", ar.short_src, ar.currentline);
    if (api->nwarnings > BC_API_WARNINGS)
        bc_buf_printf(api->warnings, "%swarning: section '%s': more than %d warnings; the rest "
                      "are not shown\n", where, api->section ? api->section : "?",
                      BC_API_WARNINGS);
    else
        bc_buf_printf(api->warnings, "%swarning: section '%s': %.*s%s\n", where,
                      api->section ? api->section : "?", (int)len, msg, cut);
    if (!bc_sandbox_charge(L, api->warnings->len - before))
        luaL_error(L, "memory limit reached: warnings take %d MB; raise limits.memory_mb in "
                   "brief.lua", (int)(api->warnings->len >> 20));
    bc_sandbox_check_clock(L);
    return 0;
}

const char *const bc_api_ctx_methods[] = {"csv", "json", "read_text", "warn", NULL};

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
    static const luaL_Reg m[] = {{"csv", c_csv},           {"json", c_json},
                                 {"read_text", c_read_text}, {"warn", c_warn},
                                 {NULL, NULL}};
    lua_newtable(L);
    lua_pushlightuserdata(L, api);
    lua_pushinteger(L, api->ctx_generation);
    luaL_setfuncs(L, m, 2);
}

void bc_api_expire_ctx(bc_api *api) { api->ctx_generation++; }
