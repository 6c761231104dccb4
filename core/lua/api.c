/*
** api.c — the section builder and context methods exposed to plugins.
**
** Errors raised here use luaL_error/luaL_argerror so messages carry the plugin's file:line;
** nothing malloc'd is live when they are raised (all allocations go to the doc arena or the
** reused scratch buffer).
*/
#define _GNU_SOURCE
#include "lua/api.h"
#include "lua/api_table_grid.h"

#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <cJSON.h>
#include <lauxlib.h>

#include "doc/bib.h"
#include "lua/brief.h"
#include "layout/chart.h"
#include "base/csv.h"
#include "base/fileio.h"
#include "lua/fmt.h"
#include "doc/markdown.h"
#include "doc/markup.h"
#include "lua/num.h"
#include "lua/sandbox.h"
#include "base/utf8.h"
#include "layout/image.h"

#define BUILDER_MT "briefc.section"

typedef struct builder {
    bc_api *api;
    int alive;
} builder;

static bc_api *check_builder(lua_State *L)
{
    builder *b = luaL_testudata(L, 1, BUILDER_MT);
    if (!b) { /* s.heading("x"): a dot where a colon passes the builder */
        lua_Debug ar;
        int named = lua_getstack(L, 0, &ar) && lua_getinfo(L, "n", &ar) && ar.name;
        if (named && !strcmp(ar.namewhat, "field"))
            luaL_error(L, "s.%s(...) is called with a dot: write s:%s(...) (the colon passes the "
                       "section builder as the first argument)", ar.name, ar.name);
        luaL_error(L, "a section builder method needs the builder first: call it as s:method(...) "
                   "(got %s as the first argument)", luaL_typename(L, 1));
    }
    if (!b->alive)
        luaL_error(L, "this section builder has expired (it is only valid during render)");
    return b->api;
}

/* {====================================================== argument helpers */

/* Resolves citations now (their keys must exist, and numbering follows first use), numbers
   footnotes, and notes where cross-references were written, for errors after all sections
   have run. */
static void post_inline_at(lua_State *L, bc_api *api, bc_inline *in, const char *at);
static void post_inline(lua_State *L, bc_api *api, bc_inline *in)
{
    post_inline_at(L, api, in, NULL);
}

/* An error at "file:line" of a Markdown file (at), or at the plugin's line (at NULL). */
static void error_at(lua_State *L, const char *at, const char *msg)
{
    if (!at) luaL_error(L, "%s", msg);
    lua_pushfstring(L, "%s: %s", at, msg);
    lua_error(L);
}

/* post_inline for a text written elsewhere: at ("text/background.md:12") is where. */
static void post_inline_at(lua_State *L, bc_api *api, bc_inline *in, const char *at)
{
    char where[600] = "";
    if (at) snprintf(where, sizeof where, "%s", at);
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
            post_inline_at(L, api, r->note, at);
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
            error_at(L, at, msg);
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
            error_at(L, at, err.msg);
            return;
        }
    }
}

static void api_warnf(lua_State *L, bc_api *api, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Whether seq shows literally in a text run of in (or of its notes), outside code. */
static int shows_literally(const bc_inline *in, const char *seq, int depth)
{
    for (int i = 0; in && i < in->n; i++) {
        const bc_run *r = &in->runs[i];
        if (r->kind == BC_RUN_NOTE && depth < 8 && shows_literally(r->note, seq, depth + 1)) return 1;
        if (r->kind != BC_RUN_TEXT || (r->style & BC_STYLE_CODE)) continue;
        for (size_t k = 0; k + 1 < r->len; k++)
            if (r->text[k] == seq[0] && r->text[k + 1] == seq[1]) return 1;
    }
    return 0;
}

/* A "**" or "^[" the author typed unescaped that markup left as text was never closed:
   warn with its place, as "**bold" or "^[note" is a slip, not a wish for asterisks. The
   source is scanned outside `code` spans; "**" is unclosed when it occurs an odd number of
   times (the last one is shown), "^[" when it shows literally (the last one is shown). */
static void warn_unclosed(lua_State *L, bc_api *api, const char *what, const char *s, size_t len,
                          const bc_inline *in)
{
    static const char *const seqs[] = {"**", "^["};
    static const char *const fixes[] = {"close it with **, or write \\*\\* for asterisks",
                                        "close the note with ], or write \\^[ for the characters"};
    for (int q = 0; q < 2; q++) {
        const char *seq = seqs[q];
        if (!shows_literally(in, seq, 0)) continue;
        size_t at = (size_t)-1, count = 0;
        for (size_t i = 0; i < len; i++) {
            if (s[i] == '\\') { /* an escape: the next character is text */
                i++;
                continue;
            }
            if (s[i] == '`') { /* a code span, when it closes */
                const char *close = memchr(s + i + 1, '`', len - i - 1);
                if (close) i = (size_t)(close - s);
                continue;
            }
            if (i + 1 < len && s[i] == seq[0] && s[i + 1] == seq[1]) {
                at = i;
                count++;
                i++;
            }
        }
        if (at == (size_t)-1 || (q == 0 && count % 2 == 0)) continue;
        size_t n = len - at < 30 ? len - at : 30;
        while (n > 0 && at + n < len && ((unsigned char)s[at + n] & 0xC0) == 0x80) n--;
        api_warnf(L, api, "%s: unclosed '%s' at byte %zu (\"%.*s\"); %s", what, seq, at + 1, (int)n,
                  s + at, fixes[q]);
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
    warn_unclosed(L, api, what, s, len, out);
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

/*
** Every named field of an options table must be one the call reads, so a misspelt key
** (captoin, formatt, levl) is an error at the plugin's line, with a suggestion and the list:
**   s:table: unknown field 'captoin' (did you mean 'caption'?); its fields are caption, ...
** Positional entries (a row's cells) are the caller's: only string keys are checked.
*/
static void check_keys(lua_State *L, int idx, const char *call, const char *const *known)
{
    idx = lua_absindex(L, idx);
    lua_pushnil(L);
    while (lua_next(L, idx)) {
        lua_pop(L, 1);
        if (lua_type(L, -1) != LUA_TSTRING) continue;
        const char *k = lua_tostring(L, -1);
        const char *best = NULL;
        int found = 0, bd = 3;
        for (int i = 0; known[i] && !found; i++) {
            found = !strcmp(k, known[i]);
            int d = bc_brief_distance(k, known[i]);
            if (d < bd) {
                bd = d;
                best = known[i];
            }
        }
        if (found) continue;
        char list[400];
        size_t o = 0;
        list[0] = 0;
        for (int i = 0; known[i] && o < sizeof list - 40; i++)
            o += (size_t)snprintf(list + o, sizeof list - o, "%s%s", i ? ", " : "", known[i]);
        char msg[600];
        if (best)
            snprintf(msg, sizeof msg, "%s: unknown field '%.60s' (did you mean '%s'?); its fields "
                     "are %s", call, k, best, list);
        else
            snprintf(msg, sizeof msg, "%s: unknown field '%.60s'; its fields are %s", call, k, list);
        lua_pop(L, 1);
        luaL_error(L, "%s", msg);
    }
}

/* Whether a cell's text is a number as fmt writes it: a sign, "$", digits with thousands
   separators and a decimal point, then a unit after a space ("1,234", "−3.5", "$4.5 bn",
   "42.6 %", "$590 m"). */
static int formatted_number(const char *s, size_t n)
{
    size_t i = 0;
    if (n >= 3 && !memcmp(s, "\xE2\x88\x92", 3)) i = 3;
    else if (s[0] == '-') i = 1;
    if (i < n && s[i] == '$') i++;
    size_t d0 = i;
    while (i < n && ((s[i] >= '0' && s[i] <= '9') || s[i] == ',' || s[i] == '.')) i++;
    if (i == d0 || s[d0] < '0' || s[d0] > '9') return 0;
    if (i == n) return 1;
    if (n - i >= 2 && !memcmp(s + i, "\xC2\xA0", 2)) i += 2;
    else if (s[i] == ' ') i++;
    else if (s[i] != '%') return 0;
    static const char *const units[] = {"%", "m", "bn", "tn", NULL};
    for (int u = 0; units[u]; u++)
        if (n - i == strlen(units[u]) && !memcmp(s + i, units[u], n - i)) return 1;
    return 0;
}

/* Formats a number for a table cell with the column's decimals (a real minus sign,
   thousands separators). v has passed bc_num_ok within BC_NUM_DIGITS_MAX. */
static void push_number_text(lua_State *L, double v, int decimals)
{
    char buf[512];
    bc_fmt_number(v, decimals, buf, sizeof buf);
    lua_pushstring(L, buf);
}

static void add_warning(lua_State *L, bc_api *api, const char *msg, size_t len);

/* A warning at the plugin's line, as ctx:warn gives one. */
static void api_warnf(lua_State *L, bc_api *api, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static void api_warnf(lua_State *L, bc_api *api, const char *fmt, ...)
{
    char msg[600];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    add_warning(L, api, msg, strlen(msg));
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
        static const char *const keys[] = {"level", "label", NULL};
        check_keys(L, 3, "s:heading", keys);
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
    if (label && !bc_doc_label(api->doc, b, label, bc_doc_heading_ref(api->doc, b)))
        return luaL_error(L, "label '%s' is already used", label);
    return 0;
}

/* s:paragraph(text [, {style = "body" | "lead" | "note"}]) */
static int s_paragraph(lua_State *L)
{
    bc_api *api = check_builder(L);
    bc_para_style style = BC_PARA_BODY;
    if (lua_istable(L, 3)) {
        static const char *const keys[] = {"style", NULL};
        check_keys(L, 3, "s:paragraph", keys);
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
    static const char *const keys[] = {"numbered", NULL};
    if (lua_istable(L, 3)) check_keys(L, 3, "s:list", keys);
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
    static const char *const keys[] = {"title", "items", NULL};
    check_keys(L, 2, "s:callout", keys);
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

static const char *confined_path(lua_State *L, bc_api *api, const char *rel);

/* An image file of the brief, read through the door and decoded (image.h), or an error. */
static bc_image *load_image(lua_State *L, bc_api *api, const char *file)
{
    const char *path = confined_path(L, api, file);
    const char *dirs[] = {api->brief_real, NULL};
    bc_file_roots roots = {dirs, "the brief folder"};
    bc_error e;
    bc_image *img;
    if (bc_image_load(path, file, &roots, api->doc->arena, &img, &e) != BC_OK)
        luaL_error(L, "%s", e.msg);
    lua_pop(L, 1); /* the path */
    return img;
}

/* s:title{title = ..., subtitle = ..., meta = ..., logo = {file =, width = mm}}: defaults from
   the brief's metadata */
static int s_title(lua_State *L)
{
    bc_api *api = check_builder(L);
    bc_block *b = bc_doc_add(api->doc, BC_BLOCK_TITLE);
    int t = lua_istable(L, 2) ? 2 : 0;
    static const char *const keys[] = {"title", "subtitle", "meta", "logo", NULL};
    if (t) check_keys(L, t, "s:title", keys);
    const bc_meta *m = api->meta;
    bc_arena *a = api->doc->arena;
    /* the brief's fields are not markup, but get its typography ("--", straight quotes) */
    if (!t || !opt_inline_field(L, api, t, "title", &b->u.title.title)) {
        const char *x = bc_markup_smarten(a, m->title ? m->title : "", m->title ? strlen(m->title) : 0);
        bc_markup_plain(a, x, strlen(x), 0, &b->u.title.title);
    }
    if (!t || !opt_inline_field(L, api, t, "subtitle", &b->u.title.subtitle)) {
        const char *x = bc_markup_smarten(a, m->subtitle ? m->subtitle : "", m->subtitle ? strlen(m->subtitle) : 0);
        bc_markup_plain(a, x, strlen(x), 0, &b->u.title.subtitle);
    }
    if (!t || !opt_inline_field(L, api, t, "meta", &b->u.title.meta)) {
        const char *line = bc_arena_printf(a, "%s%s%s", m->authors ? m->authors : "",
                                           m->authors && m->date ? "  \u00B7  " : "",
                                           m->date ? m->date : "");
        line = bc_markup_smarten(a, line, strlen(line));
        bc_markup_plain(a, line, strlen(line), 0, &b->u.title.meta);
    }
    if (t && lua_getfield(L, t, "logo") != LUA_TNIL) {
        if (!lua_istable(L, -1))
            return luaL_error(L, "title: logo must be a table {file = \"data/logo.png\", width = 30}");
        static const char *const logo_keys[] = {"file", "width", NULL};
        check_keys(L, -1, "s:title: logo", logo_keys);
        bc_image_block *logo = bc_arena_alloc(a, sizeof *logo);
        const char *file = opt_string_field(L, api, lua_gettop(L), "file");
        if (!file) return luaL_error(L, "title: logo needs file = \"...\" (a PNG or JPEG in the brief folder)");
        logo->width = bc_num_field(L, lua_gettop(L), "width", "title: logo", 30, 5, 200) * 72.0 / 25.4;
        logo->align = 'r';
        logo->decorative = 1;
        logo->img = load_image(L, api, file);
        b->u.title.logo = logo;
    }
    if (t) lua_pop(L, 1);
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
    static const char *const keys[] = {"caption", "columns", "rows", "source", "label",
                                       "headers", "style", "width", NULL};
    static const char *const col_keys[] = {"title", "align", "width", "decimals", "unit", NULL};
    check_keys(L, 2, "s:table", keys);
    bc_table *t = bc_arena_alloc(a, sizeof *t);
    opt_inline_field(L, api, 2, "caption", &t->caption);
    int nc = list_field(L, 2, "columns", 1);
    int cols = lua_gettop(L);
    if (nc < 1 || nc > 64) return luaL_error(L, "a table needs 1 to 64 columns, got %d", nc);
    t->ncols = nc;
    t->header = bc_arena_alloc(a, (size_t)nc * sizeof *t->header);
    t->align = bc_arena_alloc(a, (size_t)nc);
    t->weights = bc_arena_alloc(a, (size_t)nc * sizeof *t->weights);
    int any_weight = 0;
    int decimals[64];
    const char *unit[64] = {0};
    for (int c = 0; c < nc; c++) {
        decimals[c] = -1; /* the most any cell of the column needs */
        lua_geti(L, cols, c + 1);
        char what[64];
        snprintf(what, sizeof what, "column %d title", c + 1);
        t->align[c] = 'l';
        if (lua_istable(L, -1)) {
            char call[48];
            snprintf(call, sizeof call, "s:table: column %d", c + 1);
            check_keys(L, -1, call, col_keys);
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
            decimals[c] = bc_num_fieldint(L, -1, "decimals", col, -1, 0, 10);
            unit[c] = opt_string_field(L, api, lua_gettop(L), "unit");
            any_weight |= t->weights[c] > 0;
        } else {
            get_inline(L, api, -1, what, &t->header[c]);
        }
        lua_pop(L, 1);
    }
    if (!any_weight) t->weights = NULL;
    lua_pop(L, 1);
    int nr = bc_api_table_grid(L, a, t, 2); /* header rows, then rows: ncols values each */
    int rows = lua_gettop(L);
    t->nrows = nr;
    t->head = bc_arena_alloc(a, (size_t)(t->nhead ? t->nhead : 1) * (size_t)nc * sizeof *t->head);
    for (int g = 0; g < t->nhead * nc; g++) {
        lua_geti(L, rows - 1, g / nc + 1);
        lua_geti(L, -1, g % nc + 1);
        char what[64];
        snprintf(what, sizeof what, "header row %d, column %d", g / nc + 1, g % nc + 1);
        get_inline(L, api, -1, what, &t->head[g]);
        lua_pop(L, 2);
    }
    t->cells = bc_arena_alloc(a, (size_t)(nr ? nr : 1) * (size_t)nc * sizeof *t->cells);
    t->row_strong = bc_arena_alloc(a, (size_t)(nr ? nr : 1));
    int auto_align[64] = {0};
    /* One number of decimals down a column: the most any of its numbers needs to print
       exactly ("53.5" next to "14.0", not "53.50" next to "14"), up to 10. */
    int need[64] = {0};
    for (int r = 0; r < nr; r++) {
        lua_geti(L, rows, r + 1);
        if (lua_istable(L, -1))
            for (int c = 0; c < nc; c++) {
                if (lua_geti(L, -1, c + 1) == LUA_TNUMBER) {
                    int d = bc_fmt_decimals_needed(lua_tonumber(L, -1), 10);
                    if (d > need[c]) need[c] = d;
                }
                lua_pop(L, 1);
            }
        lua_pop(L, 1);
    }
    for (int c = 0; c < nc; c++)
        if (decimals[c] < 0) decimals[c] = need[c];
    for (int r = 0; r < nr; r++) {
        lua_geti(L, rows, r + 1);
        if (!lua_istable(L, -1))
            return luaL_error(L, "row %d must be a list of cells, got %s", r + 1, luaL_typename(L, -1));
        int row = lua_gettop(L);
        static const char *const row_keys[] = {"strong", "group", "subtotal", NULL};
        char call[48];
        snprintf(call, sizeof call, "s:table: row %d", r + 1);
        check_keys(L, row, call, row_keys);
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
                push_number_text(L, v, decimals[c]);
                if (v != 0 && strspn(lua_tostring(L, -1), "0.,") == lua_rawlen(L, -1))
                    api_warnf(L, api, "table: row %d, column %d: %.15g shows as %s with %d "
                              "decimals; give the column more (decimals = %d) or scale the values",
                              r + 1, c + 1, v, lua_tostring(L, -1), decimals[c],
                              bc_fmt_decimals_needed(v, 10));
                if (unit[c]) {
                    lua_pushfstring(L, "%s\u00a0%s", lua_tostring(L, -1), unit[c]);
                    lua_remove(L, -2);
                }
                auto_align[c] |= 1;
            } else if (lua_isnil(L, -1)) {
                lua_pop(L, 1);
                lua_pushliteral(L, "\u2013"); /* an en dash marks a missing value */
            } else if (lua_type(L, -1) == LUA_TSTRING) {
                size_t n;
                const char *cell = lua_tolstring(L, -1, &n);
                if (strcmp(cell, "\u2013") && n) auto_align[c] |= formatted_number(cell, n) ? 1 : 2;
            }
            get_inline(L, api, -1, what, &t->cells[r * nc + c]);
            lua_pop(L, 1);
        }
        lua_pop(L, 1);
    }
    lua_pop(L, 2);
    /* the source note after the cells, so footnotes number in reading order */
    opt_inline_field(L, api, 2, "source", &t->source);
    /* Columns of numbers (or of numbers formatted by fmt: "1,234", "$4.5 bn", "42.6 %") line
       up on their decimal points (right-aligned when they have none) unless a column says
       otherwise; a column with any other text stays left. */
    for (int c = 0; c < nc; c++) {
        if (auto_align[c] == 1 && t->align[c] == 'l') {
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
    static const char *const keys[] = {"kind", "stacked", "caption", "categories", "series",
        "format", "decimals", "legend", "markers", "value_labels", "log", "mono", "highlight",
        "x_title", "y_title", "source", "aspect", "label_every", "events", "references", "label",
        "alt", NULL};
    static const char *const ser_keys[] = {"name", "values", NULL};
    static const char *const ev_keys[] = {"at", "label", "offset", NULL};
    static const char *const ref_keys[] = {"value", "label", NULL};
    check_keys(L, 2, "s:chart", keys);
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
    ch->decimals = bc_num_fieldint(L, 2, "decimals", what, -1, 0, 10);
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
        check_keys(L, ser, "s:chart: series", ser_keys);
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
        check_keys(L, ev, "s:chart: event", ev_keys);
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
        check_keys(L, rt, "s:chart: reference", ref_keys);
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

/*
** s:image{file = "data/logo.png", alt = "...", decorative = true, caption =, source =,
**         width = 60 (mm) | "50%", height = 40 (mm), fit = "contain" | "cover",
**         align = "left" | "center" | "right", span = true (two columns), label =}
** The file is read through the door, confined to the brief folder, and decoded in full now
** (image.h), so a bad image is an error at this line.
*/
static int s_image(lua_State *L)
{
    bc_api *api = check_builder(L);
    luaL_checktype(L, 2, LUA_TTABLE);
    static const char *const keys[] = {"file", "alt", "decorative", "caption", "source", "width",
                                       "height", "fit", "align", "span", "label", NULL};
    check_keys(L, 2, "s:image", keys);
    bc_arena *a = api->doc->arena;
    const char *file = opt_string_field(L, api, 2, "file");
    if (!file) return luaL_error(L, "image: field 'file' is required (a PNG or JPEG in the brief folder)");
    bc_image_block *ib = bc_arena_alloc(a, sizeof *ib);
    char what[300];
    snprintf(what, sizeof what, "image '%.200s'", file);
    ib->decorative = opt_bool_field(L, 2, "decorative", 0);
    ib->alt = opt_string_field(L, api, 2, "alt");
    if (!ib->decorative && (!ib->alt || !ib->alt[0]))
        return luaL_error(L, "%s needs alt = \"...\", a description for readers who cannot see "
                          "it, or decorative = true", what);
    static const char *const aligns[] = {"left", "center", "right", NULL};
    ib->align = "lcr"[enum_field(L, 2, "align", aligns, 1, what)];
    lua_getfield(L, 2, "width");
    if (lua_type(L, -1) == LUA_TSTRING) {
        const char *w = lua_tostring(L, -1);
        char *end;
        double pc = strtod(w, &end);
        if (end == w || strcmp(end, "%") || !(pc > 0 && pc <= 100))
            return luaL_error(L, "%s: width must be millimetres (a number) or a share of the "
                              "measure such as \"50%%\", not '%s'", what, w);
        ib->share = pc / 100;
    } else if (!lua_isnil(L, -1)) {
        char wname[340];
        snprintf(wname, sizeof wname, "%s: width (mm)", what);
        ib->width = bc_num_check(L, -1, wname, 1, 2000) * 72.0 / 25.4;
    }
    lua_pop(L, 1);
    ib->height = bc_num_field(L, 2, "height", what, 0, 1, 2000) * 72.0 / 25.4; /* mm */
    static const char *const fits[] = {"contain", "cover", NULL};
    ib->fit = "nv"[enum_field(L, 2, "fit", fits, 0, what)];
    lua_getfield(L, 2, "fit");
    if (!lua_isnil(L, -1) && !(ib->height > 0 && (ib->width > 0 || ib->share > 0)))
        return luaL_error(L, "%s: fit needs both width and height (the box the image fits)", what);
    lua_pop(L, 1);
    ib->span = opt_bool_field(L, 2, "span", 0);
    opt_inline_field(L, api, 2, "caption", &ib->caption);
    opt_inline_field(L, api, 2, "source", &ib->source);
    const char *label = opt_string_field(L, api, 2, "label");
    if (label && !ib->caption.n)
        return luaL_error(L, "%s: label '%s' needs a caption (a labelled image is a numbered "
                          "figure)", what, label);
    bc_image *img = load_image(L, api, file);
    img->alt = ib->decorative ? NULL : ib->alt; /* on the op, for a tagged PDF */
    ib->img = img;
    if (ib->caption.n) ib->number = ++api->doc->nfigures;
    bc_block *blk = bc_doc_add(api->doc, BC_BLOCK_IMAGE);
    blk->u.image = ib;
    if (label && !bc_doc_label(api->doc, blk, label, bc_arena_printf(a, "Figure %d", ib->number)))
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
        static const char *const keys[] = {"title", "depth", NULL};
        check_keys(L, 2, "s:contents", keys);
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
    static const char *const keys[] = {"title", NULL};
    if (lua_istable(L, 2)) {
        check_keys(L, 2, "s:bibliography", keys);
        opt_inline_field(L, api, 2, "title", &b->u.bib.title);
    }
    if (!b->u.bib.title.n) bc_markup_plain(api->doc->arena, "References", 10, 0, &b->u.bib.title);
    return 0;
}

/* s:markdown(text) or s:markdown(ctx:markdown_file(path)): Markdown prose as headings,
   paragraphs, block quotes, nested lists and tables (markdown.h). Nothing is added unless all
   of it is good; errors name the Markdown file and line. */
static int s_markdown(lua_State *L)
{
    bc_api *api = check_builder(L);
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
        return luaL_error(L, "s:markdown takes Markdown text or what ctx:markdown_file returns, "
                          "got %s", luaL_typename(L, 2));
    bc_md md;
    bc_error err;
    if (bc_md_parse(api->doc->arena, text, len, file, &md, &err) != BC_OK) {
        if (!file) return luaL_error(L, "Markdown line %d: %s", err.line, err.msg);
        if (err.line) lua_pushfstring(L, "%s:%d: %s", file, err.line, err.msg);
        else lua_pushfstring(L, "%s: %s", file, err.msg);
        return lua_error(L);
    }
    char at[600];
    for (int i = 0; i < md.ntexts; i++) {
        if (file) snprintf(at, sizeof at, "%s:%d", file, md.texts[i].line);
        post_inline_at(L, api, md.texts[i].in, file ? at : NULL);
    }
    for (int i = 0; i < md.nblocks; i++) {
        bc_block *b = md.blocks[i].block;
        if (b->label && bc_doc_find_label(api->doc, b->label)) {
            char msg[200];
            snprintf(msg, sizeof msg, "label '%.120s' is already used", b->label);
            if (!file) return luaL_error(L, "Markdown line %d: %s", md.blocks[i].line, msg);
            snprintf(at, sizeof at, "%s:%d", file, md.blocks[i].line);
            error_at(L, at, msg);
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
            ref = bc_arena_printf(api->doc->arena, "Table %d", b->u.table->number);
        }
        if (b->label && ref && !bc_doc_label(api->doc, b, b->label, ref))
            return luaL_error(L, "label '%s' is used twice in the Markdown", b->label);
    }
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
    {"contents", s_contents}, {"bibliography", s_bibliography}, {"markdown", s_markdown},
    {"image", s_image},
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
                                              "contents", "bibliography", "markdown", "image",
                                              NULL};

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

/* ctx:markdown_file(path) -> {file = path, text = "…"}: a Markdown file of the brief for
   s:markdown, which then names the file and line in its errors */
static int c_markdown_file(lua_State *L)
{
    bc_api *api = ctx_api(L);
    const char *rel = luaL_checkstring(L, 2);
    size_t len;
    read_confined(L, api, rel, &len);
    lua_createtable(L, 0, 2);
    lua_pushstring(L, rel);
    lua_setfield(L, -2, "file");
    lua_pushvalue(L, -2);
    lua_setfield(L, -2, "text");
    return 1;
}

/*
** Strict rows. A row of ctx:csv (or an object in a ctx:json array of objects) answers nil for
** a column it has but left empty, and an error for a column it does not have, so r.Year
** where the column is year names the mistake instead of "attempt to compare number with
** nil" further on:
**   data/aid.csv has no column 'Year' (did you mean 'year'?); its columns are year, total
** Upvalues of row_index: the set of names, their list in order, the file, the noun.
*/
static int row_index(lua_State *L)
{
    if (lua_type(L, 2) != LUA_TSTRING) return 0;
    lua_pushvalue(L, 2);
    if (lua_rawget(L, lua_upvalueindex(1)) != LUA_TNIL) return 0; /* known, and empty here */
    const char *k = lua_tostring(L, 2);
    const char *noun = lua_tostring(L, lua_upvalueindex(4));
    int list = lua_upvalueindex(2);
    lua_Integer n = (lua_Integer)lua_rawlen(L, list);
    const char *best = NULL;
    int bd = 3;
    luaL_Buffer b;
    luaL_buffinit(L, &b);
    for (lua_Integer i = 1; i <= n; i++) {
        lua_rawgeti(L, list, i);
        const char *c = lua_tostring(L, -1);
        int d = strcasecmp(c, k) ? bc_brief_distance(k, c) : 0;
        if (d < bd) {
            bd = d;
            best = c;
        }
        lua_pop(L, 1);
        if (i <= 40) {
            if (i > 1) luaL_addstring(&b, ", ");
            luaL_addstring(&b, c);
        } else if (i == 41) {
            luaL_addstring(&b, ", \xE2\x80\xA6");
        }
    }
    luaL_pushresult(&b);
    char msg[300];
    snprintf(msg, sizeof msg, "%s has no %s '%.60s'", lua_tostring(L, lua_upvalueindex(3)), noun, k);
    if (best) return luaL_error(L, "%s (did you mean '%s'?); its %ss are %s", msg, best, noun, lua_tostring(L, -1));
    return luaL_error(L, "%s; its %ss are %s", msg, noun, lua_tostring(L, -1));
}

/* Gives every table in the list at rows the strict metatable for the names in the list at
   names (file and noun for the message). */
static void strict_rows(lua_State *L, int rows, int names, const char *file, const char *noun)
{
    rows = lua_absindex(L, rows);
    names = lua_absindex(L, names);
    lua_Integer n = (lua_Integer)lua_rawlen(L, names);
    lua_createtable(L, 0, 3); /* the metatable */
    lua_createtable(L, 0, (int)(n < 1 << 20 ? n : 1 << 20)); /* the set */
    for (lua_Integer i = 1; i <= n; i++) {
        lua_rawgeti(L, names, i);
        lua_pushboolean(L, 1);
        lua_rawset(L, -3);
    }
    lua_pushvalue(L, names);
    lua_pushstring(L, file);
    lua_pushstring(L, noun);
    lua_pushcclosure(L, row_index, 4);
    lua_setfield(L, -2, "__index");
    lua_pushboolean(L, 0);
    lua_setfield(L, -2, "__metatable"); /* a plugin cannot take it off or change it */
    lua_Integer nr = (lua_Integer)lua_rawlen(L, rows);
    for (lua_Integer i = 1; i <= nr; i++) {
        if (lua_rawgeti(L, rows, i) == LUA_TTABLE) {
            lua_pushvalue(L, -2);
            lua_setmetatable(L, -2);
        }
        lua_pop(L, 1);
    }
    lua_pop(L, 1);
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
    c.literal_quotes = 1; /* 37°36'37.8"N reads as written */
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
    strict_rows(L, rows, header, rel, "column");
    return 1;
}

/* Pushes a cJSON value as Lua: objects and arrays as tables, null as nil. */
static void push_json(lua_State *L, const cJSON *j, int depth, const char *key)
{
    if (depth > 200) luaL_error(L, "JSON nested deeper than 200 levels");
    luaL_checkstack(L, 8, "JSON");
    if (cJSON_IsObject(j)) {
        lua_createtable(L, 0, cJSON_GetArraySize(j));
        for (const cJSON *c = j->child; c; c = c->next) {
            push_json(L, c, depth + 1, c->string);
            lua_setfield(L, -2, c->string ? c->string : "");
        }
    } else if (cJSON_IsArray(j)) {
        int n = cJSON_GetArraySize(j), i = 0, objects = n > 0;
        lua_createtable(L, n, 1);
        for (const cJSON *c = j->child; c; c = c->next) {
            push_json(L, c, depth + 1, key);
            lua_rawseti(L, -2, ++i);
            objects &= cJSON_IsObject(c);
        }
        if (objects) { /* an array of objects is rows: the union of their keys are its fields */
            lua_newtable(L); /* names in order of first appearance */
            lua_newtable(L); /* seen */
            int k = 0;
            for (const cJSON *c = j->child; c; c = c->next)
                for (const cJSON *f = c->child; f; f = f->next) {
                    const char *name = f->string ? f->string : "";
                    if (lua_getfield(L, -1, name) == LUA_TNIL) {
                        lua_pushboolean(L, 1);
                        lua_setfield(L, -3, name);
                        lua_pushstring(L, name);
                        lua_rawseti(L, -4, ++k);
                    }
                    lua_pop(L, 1);
                }
            lua_pop(L, 1);
            strict_rows(L, -2, -1, lua_tostring(L, 2), "field");
            lua_pop(L, 1);
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
    add_warning(L, api, msg, len);
    return 0;
}

/* The warning msg[0..len) at the calling plugin's line (level 1). */
static void add_warning(lua_State *L, bc_api *api, const char *msg, size_t len)
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
}

const char *const bc_api_ctx_methods[] = {"csv", "json", "read_text", "warn", "markdown_file",
                                          NULL};

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
                                 {"markdown_file", c_markdown_file}, {NULL, NULL}};
    lua_newtable(L);
    lua_pushlightuserdata(L, api);
    lua_pushinteger(L, api->ctx_generation);
    luaL_setfuncs(L, m, 2);
}

void bc_api_expire_ctx(bc_api *api) { api->ctx_generation++; }
