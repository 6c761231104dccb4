/*
** brief_page.c — the page and theme settings of brief.lua that shape pages and numbering
** beyond paper and margins (brief.c reads those and calls in here): page.size as {w, h} in
** millimetres, page.orientation, mirrored margins (inner/outer), the first page's top margin
** and running header, theme.table_style, theme.heading_numbers and theme.heading_sizes.
**
** Each reader leaves the stack as it found it and reports a bad value by writing the message
** into msg and returning 0, so brief.c keeps its one way of failing.
*/
#include "lua/brief_page.h"
#include "lua/brief_read.h"

#include <stdio.h>
#include <string.h>

#include <lauxlib.h>

#include "lua/num.h"

#define MM (72.0 / 25.4)
#define PAGE_MIN_MM 74   /* A7's short side: a running header and a folio still fit */
#define PAGE_MAX_MM 1189 /* A0's long side */

/* A number from lo to hi at the top of the stack, named name in the message. */
static int number_at(lua_State *L, const char *name, double lo, double hi, double *out, char *msg,
                     size_t cap)
{
    return bc_num_read(L, -1, name, lo, hi, 0, out, msg, cap);
}

static int read_size(lua_State *L, int t, bc_theme *th, char *msg, size_t cap)
{
    lua_getfield(L, t, "size");
    int ok = 1;
    if (lua_istable(L, -1)) {
        int s = lua_gettop(L);
        double w = 0, h = 0;
        ok = lua_rawlen(L, s) == 2 ||
             bc_brief_fail(msg, cap,
                           "page.size must be a paper name such as \"A4\" or {width, height} in "
                           "millimetres such as {210, 297}");
        lua_rawgeti(L, s, 1);
        ok = ok && number_at(L, "page.size width (mm)", PAGE_MIN_MM, PAGE_MAX_MM, &w, msg, cap);
        lua_rawgeti(L, s, 2);
        ok = ok && number_at(L, "page.size height (mm)", PAGE_MIN_MM, PAGE_MAX_MM, &h, msg, cap);
        lua_pop(L, 2);
        if (ok) {
            th->page_w = w * MM;
            th->page_h = h * MM;
        }
    }
    lua_pop(L, 1);
    return ok;
}

static int read_orientation(lua_State *L, int t, bc_theme *th, char *msg, size_t cap)
{
    static const char *const orientations[] = {"portrait", "landscape", NULL};
    int landscape = -1;
    lua_getfield(L, t, "orientation");
    int ok = bc_brief_pick(L, "page.orientation", orientations, &landscape, msg, cap);
    lua_pop(L, 1);
    if (landscape < 0) return ok;
    double lo = th->page_w < th->page_h ? th->page_w : th->page_h;
    double hi = th->page_w < th->page_h ? th->page_h : th->page_w;
    th->page_w = landscape ? hi : lo;
    th->page_h = landscape ? lo : hi;
    return 1;
}

/* margins = {inner =, outer =, top =, bottom =}: a bound brief's margins, the inner one at
   the binding (left on odd pages, right on even ones). */
static int read_mirror(lua_State *L, int t, bc_theme *th, char *msg, size_t cap)
{
    lua_getfield(L, t, "margins");
    int ok = 1;
    if (lua_istable(L, -1)) {
        int m = lua_gettop(L);
        lua_getfield(L, m, "inner");
        lua_getfield(L, m, "outer");
        int inner = !lua_isnil(L, -2), outer = !lua_isnil(L, -1);
        lua_getfield(L, m, "left");
        lua_getfield(L, m, "right");
        int lr = !lua_isnil(L, -2) || !lua_isnil(L, -1);
        lua_pop(L, 4);
        double v;
        if ((inner || outer) && lr)
            ok = bc_brief_fail(msg, cap,
                               "page.margins: give inner and outer (a bound brief, mirrored on "
                               "even pages) or left and right, not both");
        lua_getfield(L, m, "inner");
        if (ok && inner && (ok = number_at(L, "page.margins.inner", 5, 60, &v, msg, cap)))
            th->margin_l = v * MM;
        lua_pop(L, 1);
        lua_getfield(L, m, "outer");
        if (ok && outer && (ok = number_at(L, "page.margins.outer", 5, 60, &v, msg, cap)))
            th->margin_r = v * MM;
        lua_pop(L, 1);
        if (ok && (inner || outer)) th->mirror = 1;
    }
    lua_pop(L, 1);
    return ok;
}

/* first = {top = 40, header = true}: the first page's top margin, and whether it has the
   running header (it has not by default: the title block opens it). */
static int read_first(lua_State *L, int t, bc_theme *th, char *msg, size_t cap)
{
    lua_getfield(L, t, "first");
    int ok = 1, f = lua_gettop(L);
    if (lua_istable(L, f)) {
        lua_pushnil(L);
        while (ok && lua_next(L, f)) {
            lua_pop(L, 1);
            const char *k = lua_type(L, -1) == LUA_TSTRING ? lua_tostring(L, -1) : "";
            if (strcmp(k, "top") && strcmp(k, "header")) {
                snprintf(msg, cap,
                         "unknown page.first setting '%.60s'; its settings are top "
                         "(millimetres) and header (true or false)",
                         k);
                ok = 0;
                lua_pop(L, 1);
            }
        }
        double v;
        lua_getfield(L, f, "top");
        if (ok && !lua_isnil(L, -1) && (ok = number_at(L, "page.first.top", 5, 200, &v, msg, cap)))
            th->first_margin_t = v * MM;
        lua_pop(L, 1);
        lua_getfield(L, f, "header");
        if (ok) ok = bc_brief_bool(L, "page.first.header", &th->header_first, msg, cap);
        lua_pop(L, 1);
    } else if (!lua_isnil(L, f)) {
        ok =
            bc_brief_fail(msg, cap, "page.first must be a table such as {top = 40, header = true}");
    }
    lua_pop(L, 1);
    return ok;
}

int bc_brief_page_more(lua_State *L, int t, bc_theme *th, char *msg, size_t cap)
{
    return read_size(L, t, th, msg, cap) && read_orientation(L, t, th, msg, cap) &&
           read_mirror(L, t, th, msg, cap) && read_first(L, t, th, msg, cap);
}

int bc_brief_theme_more(lua_State *L, int t, bc_theme *th, char *msg, size_t cap)
{
    int ok = 1;
    static const char *const styles[] = {"ruled", "booktabs", NULL};
    int style = -1;
    lua_getfield(L, t, "table_style");
    ok = bc_brief_pick(L, "theme.table_style", styles, &style, msg, cap);
    if (style >= 0) th->table_style = "rb"[style];
    lua_pop(L, 1);
    lua_getfield(L, t, "heading_sizes");
    if (ok && lua_istable(L, -1)) { /* {h1, h2, h3} in points, each 6 to 36 */
        int hs = lua_gettop(L);
        double v[3];
        ok = lua_rawlen(L, hs) == 3 ||
             bc_brief_fail(msg, cap,
                           "theme.heading_sizes must be three sizes in points, {h1, h2, h3}");
        for (int i = 0; i < 3 && ok; i++) {
            char name[48];
            snprintf(name, sizeof name, "theme.heading_sizes[%d]", i + 1);
            lua_rawgeti(L, hs, i + 1);
            ok = number_at(L, name, 6, 36, &v[i], msg, cap);
            lua_pop(L, 1);
        }
        for (int i = 0; i < 3 && ok; i++) th->h_size[i] = v[i];
    } else if (ok && !lua_isnil(L, -1)) {
        ok = bc_brief_fail(msg, cap,
                           "theme.heading_sizes must be three sizes in points, {h1, h2, h3}");
    }
    lua_pop(L, 1);
    lua_getfield(L, t, "heading_numbers");
    if (ok && !lua_isnil(L, -1)) {
        const char *s = lua_type(L, -1) == LUA_TSTRING ? lua_tostring(L, -1) : NULL;
        if (lua_isboolean(L, -1))
            th->heading_numbers = lua_toboolean(L, -1) ? 0 : 'n';
        else if (s && !strcmp(s, "1.1"))
            th->heading_numbers = 0;
        else if (s && !strcmp(s, "I.A"))
            th->heading_numbers = 'r';
        else
            ok = bc_brief_fail(msg, cap,
                               "theme.heading_numbers must be false, true, \"1.1\" or \"I.A\"");
    }
    lua_pop(L, 1);
    return ok;
}
