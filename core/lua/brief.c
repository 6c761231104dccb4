/*
** brief.c — loads brief.lua in the sandbox and reads its table into C settings.
*/
#define _GNU_SOURCE
#include "lua/brief.h"
#include "lua/brief_charts.h"
#include "lua/brief_page.h"
#include "lua/brief_style.h"

#include "base/suggest.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <lauxlib.h>

#include "layout/image.h"
#include "lua/num.h"
#include "pdf/pdf_std.h"
#include "base/utf8.h"

#define SECTION_MT "briefc.section_decl"

/* {====================================================== the section helper */

/* section "name" -> a declaration remembering its line; calling it with a table sets options */
static int decl_call(lua_State *L)
{
    luaL_checktype(L, 1, LUA_TTABLE);
    luaL_checktype(L, 2, LUA_TTABLE);
    lua_pushvalue(L, 2);
    lua_setfield(L, 1, "options");
    lua_settop(L, 1);
    return 1;
}

static int section_fn(lua_State *L)
{
    const char *name = luaL_checkstring(L, 1);
    lua_Debug ar;
    int line = 0;
    if (lua_getstack(L, 1, &ar) && lua_getinfo(L, "l", &ar)) line = ar.currentline;
    lua_createtable(L, 0, 3);
    lua_pushstring(L, name);
    lua_setfield(L, -2, "plugin");
    lua_pushinteger(L, line);
    lua_setfield(L, -2, "line");
    luaL_setmetatable(L, SECTION_MT);
    return 1;
}

/* }====================================================== */

int bc_brief_distance(const char *a, const char *b) { return bc_distance(a, b); }

/* The nearest known key, by the rules every "did you mean" follows (base/suggest.h). */
static const char *suggest(const char *key, const char *const *known)
{
    return bc_suggest(key, known);
}

/* {====================================================== field readers */

typedef struct R {
    lua_State *L;
    bc_brief *b;
    bc_error *err;
    int failed;
    const char *where; /* the table being read ("theme"), to name its numbers in messages */
} R;

static int fail(R *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static int fail(R *r, const char *fmt, ...)
{
    if (r->failed) return 0;
    va_list ap;
    va_start(ap, fmt);
    char msg[1024];
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    bc_error_set(r->err, r->b->path, 0, "%s", msg);
    r->failed = 1;
    return 0;
}

/* Text (or a list of texts joined by ", ") at the top of the stack, copied into the arena.
   Lists are read raw and joined in C: nothing is pushed while a buffer is open. */
static const char *text_value(R *r, const char *field)
{
    lua_State *L = r->L;
    if (lua_isnil(L, -1)) return NULL;
    if (lua_istable(L, -1)) {
        int t = lua_gettop(L);
        size_t n = lua_rawlen(L, t);
        bc_buf buf = {0};
        for (size_t i = 1; i <= n; i++) {
            lua_rawgeti(L, t, (lua_Integer)i);
            if ((lua_type(L, -1) != LUA_TSTRING && lua_type(L, -1) != LUA_TNUMBER) ||
                !bc_num_text_ok(L, -1, field, NULL, 0)) {
                lua_pop(L, 1);
                bc_buf_free(&buf);
                fail(r, "'%s' must be text or a list of texts", field);
                return NULL;
            }
            size_t len;
            const char *s = lua_tolstring(L, -1, &len);
            if (i > 1) bc_buf_add(&buf, ", ", 2);
            bc_buf_add(&buf, s, len);
            lua_pop(L, 1);
        }
        const char *s = bc_arena_strndup(r->b->arena, buf.data ? buf.data : "", buf.len);
        size_t len = buf.len;
        bc_buf_free(&buf);
        if (bc_utf8_check(s, len) != (size_t)-1) {
            fail(r, "'%s' is not valid UTF-8", field);
            return NULL;
        }
        if (memchr(s, 0, len)) {
            fail(r, "'%s' holds a NUL byte (\\0): text may not", field);
            return NULL;
        }
        return s;
    }
    if (!lua_isstring(L, -1)) {
        fail(r, "'%s' must be text, got %s", field, luaL_typename(L, -1));
        return NULL;
    }
    char msg[256];
    if (!bc_num_text_ok(L, -1, field, msg, sizeof msg)) {
        fail(r, "%s", msg);
        return NULL;
    }
    size_t len;
    const char *s = lua_tolstring(L, -1, &len);
    size_t bad = bc_utf8_check(s, len);
    if (bad != (size_t)-1) {
        fail(r, "'%s' has invalid UTF-8 at byte %zu", field, bad);
        return NULL;
    }
    if (memchr(s, 0, len)) { /* read as C text, it would end there ("en\0fr" as "en") */
        fail(r, "'%s' holds a NUL byte (\\0) at byte %zu: text may not", field,
             (size_t)((const char *)memchr(s, 0, len) - s));
        return NULL;
    }
    return bc_arena_strndup(r->b->arena, s, len);
}

/* A number at the top of the stack, checked by bc_num_read and named "where.field"; *out is
   left alone when it fails. */
static int checked_number(R *r, const char *field, double *out, double lo, double hi, int integer)
{
    char name[128], msg[400];
    if (r->where)
        snprintf(name, sizeof name, "%s.%s", r->where, field);
    else
        snprintf(name, sizeof name, "%s", field);
    if (bc_num_read(r->L, -1, name, lo, hi, integer, out, msg, sizeof msg)) return 1;
    fail(r, "%s", msg);
    return 0;
}

static int number_field(R *r, int t, const char *field, double *out, double lo, double hi)
{
    lua_State *L = r->L;
    lua_getfield(L, t, field);
    int present = !lua_isnil(L, -1);
    if (present) checked_number(r, field, out, lo, hi, 0);
    lua_pop(L, 1);
    return present;
}

static void color_field(R *r, int t, const char *field, uint32_t *out)
{
    lua_State *L = r->L;
    lua_getfield(L, t, field);
    if (!lua_isnil(L, -1)) {
        const char *s = lua_tostring(L, -1);
        unsigned v;
        char extra;
        if (!s || s[0] != '#' || strlen(s) != 7 || sscanf(s + 1, "%6x%c", &v, &extra) != 1)
            fail(r, "theme.%s must be a colour like \"#17406d\"", field);
        else
            *out = v;
    }
    lua_pop(L, 1);
}

/* The line of src where key is first set ("key =", not "key =="); 0 when not found. */
int bc_brief_key_line_in(const char *src, const char *key)
{
    size_t kl = strlen(key);
    if (!src || !kl) return 0;
    int line = 1;
    for (const char *p = src; *p; p++) {
        if (*p == '\n') {
            line++;
            continue;
        }
        if (strncmp(p, key, kl)) continue;
        int start = p == src || !(isalnum((unsigned char)p[-1]) || p[-1] == '_');
        const char *q = p + kl;
        while (*q == ' ' || *q == '\t') q++;
        if (start && q[0] == '=' && q[1] != '=') return line;
    }
    return 0;
}

/*
** The line of brief.lua where key is first set, for a message about a key Lua's table no
** longer knows the place of; 0 when it cannot be found. Uses the text already read (a house
** style's), or reads the file again, at most 1 MB of it.
*/
static int key_line(const bc_brief *b, const char *key)
{
    if (b->src) return bc_brief_key_line_in(b->src, key);
    int fd = open(b->path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY); /* a FIFO never blocks */
    struct stat st;
    if (fd < 0) return 0;
    FILE *f = fstat(fd, &st) == 0 && S_ISREG(st.st_mode) ? fdopen(fd, "r") : NULL;
    if (!f) {
        close(fd);
        return 0;
    }
    size_t cap = 1u << 20;
    char *buf = malloc(cap + 1);
    size_t n = buf ? fread(buf, 1, cap, f) : 0;
    fclose(f);
    if (!buf) return 0;
    buf[n] = 0;
    int line = bc_brief_key_line_in(buf, key);
    free(buf);
    return line;
}

static void check_keys(R *r, int t, const char *where, const char *const *known)
{
    lua_State *L = r->L;
    lua_pushnil(L);
    while (lua_next(L, t)) {
        lua_pop(L, 1);
        if (lua_type(L, -1) != LUA_TSTRING) continue;
        const char *k = lua_tostring(L, -1);
        int ok = 0;
        for (const char *const *p = known; *p; p++) ok |= strcmp(*p, k) == 0;
        if (!ok) {
            const char *s = suggest(k, known);
            char list[600] = "";
            size_t o = 0;
            for (const char *const *p = known; *p && o < sizeof list; p++)
                o +=
                    (size_t)snprintf(list + o, sizeof list - o, "%s%s", p == known ? "" : ", ", *p);
            fail(r, "unknown %s '%s'%s%s%s; the %ss are %s", where, k, s ? " (did you mean '" : "",
                 s ? s : "", s ? "'?)" : "", where, list);
            r->err->line = key_line(r->b, k);
            lua_pop(L, 1);
            return;
        }
    }
}

static void read_page(R *r, int t)
{
    static const char *const known[] = {"size", "margins", "orientation", "first", NULL};
    lua_State *L = r->L;
    check_keys(r, t, "page setting", known);
    bc_theme *th = &r->b->theme;
    lua_getfield(L, t, "size");
    if (lua_isstring(L, -1)) {
        if (!bc_theme_paper(lua_tostring(L, -1), &th->page_w, &th->page_h))
            fail(r, "unknown page size '%s' (A4, Letter, A5 or Legal)", lua_tostring(L, -1));
    } else if (!lua_isnil(L, -1) && !lua_istable(L, -1)) { /* a table: brief_page.c */
        fail(r, "page.size must be a paper name such as \"A4\", or {width, height} in mm");
    }
    lua_pop(L, 1);
    lua_getfield(L, t, "margins");
    const double mm = 72.0 / 25.4;
    double m;
    if (lua_isnumber(L, -1)) {
        if (checked_number(r, "margins", &m, 5, 60, 0))
            th->margin_t = th->margin_b = th->margin_l = th->margin_r = m * mm;
    } else if (lua_istable(L, -1)) {
        int mt = lua_gettop(L);
        r->where = "page.margins";
        if (number_field(r, mt, "top", &m, 5, 60)) th->margin_t = m * mm;
        if (number_field(r, mt, "bottom", &m, 5, 60)) th->margin_b = m * mm;
        if (number_field(r, mt, "left", &m, 5, 60)) th->margin_l = m * mm;
        if (number_field(r, mt, "right", &m, 5, 60)) th->margin_r = m * mm;
        r->where = "page";
    } else if (!lua_isnil(L, -1)) {
        fail(r, "page.margins must be millimetres or {top=, right=, bottom=, left=}");
    }
    lua_pop(L, 1);
    char msg[300];
    if (!r->failed && !bc_brief_page_more(L, t, th, msg, sizeof msg)) fail(r, "%s", msg);
}

/* theme.header = { logo = { file = "data/logo.svg", width = 12 } }: a small logo (mm wide) in
   every running header, read through the file door like s:image's files. */
static void read_header(R *r, int t)
{
    lua_State *L = r->L;
    if (lua_getfield(L, t, "header") == LUA_TNIL) {
        lua_pop(L, 1);
        return;
    }
    static const char *const hk[] = {"left", "centre", "right", "first", "rule", "logo", NULL},
                             *const lk[] = {"file", "width", NULL};
    int h = lua_gettop(L);
    if (!lua_istable(L, h)) {
        fail(r, "theme.header must be a table such as { left = \"{title}\", right = \"{date}\", "
                "logo = { file = \"data/logo.svg\", width = 12 } }");
    } else {
        check_keys(r, h, "theme.header setting", hk);
        int lt = lua_getfield(L, h, "logo"), l = lua_gettop(L);
        if (lt != LUA_TNIL && lt != LUA_TTABLE)
            fail(r, "theme.header.logo must be a table such as { file = \"data/logo.svg\", width = "
                    "12 }");
        if (lt == LUA_TTABLE && !r->failed) {
            check_keys(r, l, "theme.header.logo setting", lk);
            lua_getfield(L, l, "file");
            const char *file = lua_type(L, -1) == LUA_TSTRING ? lua_tostring(L, -1) : NULL;
            double w = 12;
            const char *where = r->where;
            r->where = "theme.header.logo";
            number_field(r, l, "width", &w, 3, 60);
            r->where = where;
            if (!file || !file[0]) {
                fail(r, "theme.header.logo needs file = \"...\" (a PNG, JPEG or SVG in the brief "
                        "folder)");
            } else if (!r->failed && r->b->style_logo && !strcmp(file, r->b->style_logo_file)) {
                r->b->theme.header_logo = r->b->style_logo; /* read from the house style's folder */
                r->b->theme.header_logo_w = w * 72 / 25.4;
            } else if (!r->failed) {
                const char *dirs[] = {r->b->real_dir, NULL};
                bc_file_roots roots = {dirs,
                                       r->b->src ? "the house style's folder" : "the brief folder"};
                char *path = bc_arena_printf(r->b->arena, "%s/%s", r->b->real_dir, file);
                bc_image *img = NULL;
                bc_error e;
                if (bc_image_load(path, file, &roots, r->b->arena, &img, &e) != BC_OK)
                    fail(r, "theme.header.logo: %s", e.msg);
                r->b->theme.header_logo = img;
                r->b->theme.header_logo_w = w * 72 / 25.4;
            }
            lua_pop(L, 1);
        }
        lua_pop(L, 1);
    }
    lua_pop(L, 1);
}

/* theme.body_font, heading_font and code_font: a family name or a file prefix, never a path. */
static void read_font_names(R *r, int t, bc_theme *th)
{
    lua_State *L = r->L;
    const char *names[3] = {"body_font", "heading_font", "code_font"};
    char *dst[3] = {th->body_font, th->heading_font, th->code_font};
    for (int i = 0; i < 3; i++) {
        lua_getfield(L, t, names[i]);
        if (!lua_isnil(L, -1)) {
            const char *s = lua_tostring(L, -1);
            int ok = s && s[0] && s[0] != ' ' && strlen(s) < 60;
            for (const char *p = s; ok && *p; p++) /* a family name, never a path */
                ok = (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
                     (*p >= '0' && *p <= '9') || *p == '_' || *p == '-' || *p == ' ';
            if (!ok)
                fail(r,
                     "theme.%s must be a font family such as \"Noto Serif\" or a file prefix "
                     "such as \"NotoSerif\" (letters, digits, spaces, '-' and '_'; put font "
                     "files in the brief's fonts/ folder)",
                     names[i]);
            else
                snprintf(dst[i], 64, "%s", s);
        }
        lua_pop(L, 1);
    }
}

/* theme.palette: a list of 1 to BC_PALETTE_MAX colours, each checked as theme.palette[i]. */
static void read_palette(R *r, int t, bc_theme *th)
{
    lua_State *L = r->L;
    lua_getfield(L, t, "palette");
    if (lua_istable(L, -1)) {
        int p = lua_gettop(L);
        lua_Integer n = luaL_len(L, p);
        if (n < 1 || n > BC_PALETTE_MAX)
            fail(r, "theme.palette needs 1 to %d colours", BC_PALETTE_MAX);
        for (lua_Integer i = 1; i <= n && i <= BC_PALETTE_MAX && !r->failed; i++) {
            char name[32]; /* the entry is checked as a field, so messages say theme.palette[i] */
            snprintf(name, sizeof name, "palette[%d]", (int)i);
            lua_newtable(L);
            lua_geti(L, p, i);
            lua_setfield(L, -2, name);
            uint32_t c = 0;
            color_field(r, lua_gettop(L), name, &c);
            th->palette[i - 1] = c;
            lua_pop(L, 1);
        }
        th->npalette = (int)n;
    } else if (!lua_isnil(L, -1)) {
        fail(r,
             "theme.palette must be a list of colours such as { \"#17406d\", \"#e69f00\" }, got %s",
             luaL_typename(L, -1));
    }
    lua_pop(L, 1);
}

static void read_theme(R *r, int t)
{
    static const char *const known[] = {"body_font",
                                        "heading_font",
                                        "body_size",
                                        "leading",
                                        "justify",
                                        "text",
                                        "accent",
                                        "muted",
                                        "rule",
                                        "fill",
                                        "palette",
                                        "charts",
                                        "table_zebra",
                                        "code_font",
                                        "columns",
                                        "column_gap",
                                        "table_style",
                                        "heading_numbers",
                                        "heading_sizes",
                                        "header",
                                        "footer",
                                        "title_size",
                                        "heading_colour",
                                        "unnumbered",
                                        "caption_position",
                                        "caption_numbers",
                                        "table_font",
                                        "table_size",
                                        "table_header_fill",
                                        "table_header_text",
                                        "nocite",
                                        NULL};
    lua_State *L = r->L;
    check_keys(r, t, "theme setting", known);
    read_header(r, t);
    if (lua_getfield(L, t, "footer") != LUA_TNIL && !r->failed) {
        static const char *const fk[] = {"left", "centre", "right", "first", NULL};
        if (lua_istable(L, -1))
            check_keys(r, lua_gettop(L), "theme.footer setting", fk);
        else
            fail(r, "theme.footer must be a table such as { centre = \"{page} / {pages}\" }");
    }
    lua_pop(L, 1);
    const char *key = NULL;
    char smsg[400];
    if (!r->failed && !bc_brief_style_read(L, t, r->b, smsg, sizeof smsg, &key)) {
        fail(r, "%s", smsg);
        if (key) r->err->line = key_line(r->b, key);
    }
    bc_theme *th = &r->b->theme;
    read_font_names(r, t, th);
    double v;
    if (number_field(r, t, "body_size", &v, 6, 16)) {
        double k = v / th->body_size;
        th->body_size = v;
        for (int i = 0; i < 3; i++) th->h_size[i] *= k;
        th->small_size *= k;
    }
    number_field(r, t, "leading", &th->leading, 1.0, 2.5);
    lua_getfield(L, t, "columns");
    if (!lua_isnil(L, -1) && checked_number(r, "columns", &v, 1, 2, 1)) th->columns = (int)v;
    lua_pop(L, 1);
    v = 6;
    if (number_field(r, t, "column_gap", &v, 2, 30) && !r->failed)
        th->column_gap = v * 72 / 25.4; /* mm */
    lua_getfield(L, t, "justify");
    if (!lua_isnil(L, -1)) th->justify = lua_toboolean(L, -1);
    lua_pop(L, 1);
    lua_getfield(L, t, "table_zebra");
    if (!lua_isnil(L, -1)) th->table_zebra = lua_toboolean(L, -1);
    lua_pop(L, 1);
    char msg[300];
    if (!r->failed && !bc_brief_theme_more(L, t, th, msg, sizeof msg)) fail(r, "%s", msg);
    if (!r->failed && !bc_brief_theme_charts(L, t, th, msg, sizeof msg)) fail(r, "%s", msg);
    color_field(r, t, "text", &th->text);
    color_field(r, t, "accent", &th->accent);
    color_field(r, t, "muted", &th->muted);
    color_field(r, t, "rule", &th->rule);
    color_field(r, t, "fill", &th->fill);
    read_palette(r, t, th);
}

bc_status bc_brief_read_theme(lua_State *L, int t, bc_brief *b, bc_error *err)
{
    R r = {L, b, err, 0, "theme"};
    read_theme(&r, lua_absindex(L, t));
    return r.failed ? BC_ERR : BC_OK;
}

static void read_limits(R *r, int t)
{
    static const char *const known[] = {"instructions", "memory_mb", "seconds", "pages", NULL};
    check_keys(r, t, "limit", known);
    bc_limits *l = &r->b->limits;
    double v;
    if (number_field(r, t, "instructions", &v, 1e5, 1e12)) l->instructions = (long long)v;
    if (number_field(r, t, "memory_mb", &v, 8, 65536)) l->memory = (size_t)v << 20;
    if (number_field(r, t, "seconds", &v, 0.1, 3600)) l->seconds = v;
    if (number_field(r, t, "pages", &v, 1, 1000000)) l->pages = (int)v;
}

/* images = { max_dpi = 300, jpeg_quality = 85 }: photos placed finer are downsampled */
static void read_images(R *r, int t)
{
    static const char *const known[] = {"max_dpi", "jpeg_quality", NULL};
    check_keys(r, t, "images setting", known);
    double v;
    r->b->image_quality = 85;
    if (number_field(r, t, "max_dpi", &v, 36, 2400)) r->b->image_max_dpi = (int)v;
    if (number_field(r, t, "jpeg_quality", &v, 10, 100)) r->b->image_quality = (int)v;
}

/* Every number among the params' defaults is finite: a NaN default would reach plugins that
   trust ctx.params as the brief's word. */
static void check_params(R *r, int t)
{
    lua_State *L = r->L;
    r->where = "params";
    lua_pushnil(L);
    while (!r->failed && lua_next(L, t)) {
        if (lua_type(L, -2) == LUA_TSTRING && lua_type(L, -1) == LUA_TNUMBER) {
            double v;
            checked_number(r, lua_tostring(L, -2), &v, -HUGE_VAL, HUGE_VAL, 0);
        }
        lua_pop(L, 1);
    }
    if (r->failed) lua_pop(L, 1); /* the key lua_next left */
    r->where = NULL;
}

/*
** brief.lua must return plain data. The readers below use lua_getfield, lua_geti and luaL_len
** outside any protected call, which would run metamethods with no budget: so every table down
** to the depth they read (the brief, its fields, and the tables in those) must have no
** metatable, except section declarations, whose metatable is the host's and protected.
*/
static void check_plain(R *r, int t, const char *field, int depth)
{
    lua_State *L = r->L;
    if (r->failed || lua_type(L, t) != LUA_TTABLE) return;
    t = lua_absindex(L, t);
    if (lua_getmetatable(L, t)) {
        luaL_getmetatable(L, SECTION_MT);
        int decl = lua_rawequal(L, -1, -2);
        lua_pop(L, 2);
        if (!decl) {
            if (field)
                fail(r,
                     "'%s' (or a table in it) has a metatable; brief.lua must return "
                     "plain tables",
                     field);
            else
                fail(r, "the table brief.lua returns has a metatable; brief.lua must return "
                        "plain tables");
            return;
        }
    }
    if (depth >= 2) return;
    lua_pushnil(L);
    while (lua_next(L, t)) {
        const char *f = field;
        if (!f) f = lua_type(L, -2) == LUA_TSTRING ? lua_tostring(L, -2) : "?";
        check_plain(r, -1, f, depth + 1);
        lua_pop(L, 1);
        if (r->failed) {
            lua_pop(L, 1);
            return;
        }
    }
}

/* Applies "key=value" to the params table at t, typed by the default. */
static void apply_define(R *r, int t, const char *def)
{
    lua_State *L = r->L;
    const char *eq = strchr(def, '=');
    if (!eq || eq == def) {
        fail(r, "-D expects key=value, got '%s'", def);
        return;
    }
    char key[128];
    snprintf(key, sizeof key, "%.*s", (int)(eq - def), def);
    const char *val = eq + 1;
    if (bc_utf8_check(val, strlen(val)) != (size_t)-1) {
        fail(r, "param '%s': the value is not valid UTF-8", key);
        return;
    }
    lua_getfield(L, t, key);
    int type = lua_type(L, -1);
    int whole = lua_isinteger(L, -1); /* an integer default asks for a whole number */
    lua_pop(L, 1);
    if (type == LUA_TNIL) {
        /* Collect known names for the message. */
        char known[512] = "";
        size_t o = 0;
        const char *best = NULL;
        int bd = 3;
        lua_pushnil(L);
        while (lua_next(L, t)) {
            lua_pop(L, 1);
            if (lua_type(L, -1) == LUA_TSTRING) {
                const char *k = lua_tostring(L, -1);
                if (o < sizeof known - 64)
                    o += (size_t)snprintf(known + o, sizeof known - o, "%s%s", o ? ", " : "", k);
                int d = bc_brief_distance(key, k);
                if (d < bd) {
                    bd = d;
                    best = k;
                }
            }
        }
        if (best)
            fail(r, "-D: unknown parameter '%s' (did you mean '%s'?)", key, best);
        else
            fail(r, "-D: unknown parameter '%s' (the brief's params are: %s)", key,
                 o ? known : "none");
        return;
    }
    if (type == LUA_TNUMBER) {
        if (!lua_stringtonumber(L, val)) {
            fail(r, "param '%s': expected a number, got '%s'", key, val);
            return;
        }
        double v;
        char name[160];
        snprintf(name, sizeof name, "param '%s'", key);
        r->where = NULL;
        if (!checked_number(r, name, &v, -HUGE_VAL, HUGE_VAL, whole)) {
            lua_pop(L, 1);
            return;
        }
        lua_Integer i;
        if (whole && !lua_isinteger(L, -1) && lua_numbertointeger(v, &i)) {
            lua_pop(L, 1); /* -D year=2016.0 gives 2016, as the default 2018 is written */
            lua_pushinteger(L, i);
        }
    } else if (type == LUA_TBOOLEAN) {
        if (strcmp(val, "true") == 0 || strcmp(val, "1") == 0 || strcmp(val, "yes") == 0)
            lua_pushboolean(L, 1);
        else if (strcmp(val, "false") == 0 || strcmp(val, "0") == 0 || strcmp(val, "no") == 0)
            lua_pushboolean(L, 0);
        else {
            fail(r, "param '%s': expected true or false, got '%s'", key, val);
            return;
        }
    } else {
        lua_pushstring(L, val);
    }
    lua_setfield(L, t, key);
}

/* }====================================================== */

static void brief_paths(const char *arg, bc_brief *b)
{
    struct stat st;
    size_t n = strlen(arg);
    while (n > 1 && arg[n - 1] == '/') n--;
    char *a = bc_xstrndup(arg, n);
    if (stat(a, &st) == 0 && S_ISDIR(st.st_mode)) {
        b->dir = a;
        size_t len = strlen(a) + 16;
        b->path = bc_xmalloc(len);
        snprintf(b->path, len, "%s/brief.lua", a);
    } else {
        b->path = a;
        const char *slash = strrchr(a, '/');
        b->dir = slash ? bc_xstrndup(a, (size_t)(slash - a)) : bc_xstrdup(".");
        if (b->dir[0] == 0) {
            free(b->dir);
            b->dir = bc_xstrdup("/");
        }
    }
}

/* long: reads brief.lua's fields in their order, each check a few lines against one
   result struct */
bc_status bc_brief_load(bc_sandbox *sb, const char *arg, const char *text,
                        const char *const *defines, int ndefines, bc_brief *b, bc_error *err)
{
    static const char *const known[] = {
        "title",    "subtitle",     "series",    "date",   "authors", "keywords",
        "language", "subject",      "page",      "theme",  "params",  "limits",
        "sections", "bibliography", "citations", "images", NULL};
    lua_State *L = bc_sandbox_state(sb);
    memset(b, 0, sizeof *b);
    b->params_ref = b->sections_ref = LUA_NOREF;
    b->arena = bc_arena_new();
    bc_theme_default(&b->theme);
    bc_limits_default(&b->limits);
    brief_paths(arg, b);
    char real[PATH_MAX];
    struct stat ls; /* a link counts, leading nowhere or out: the door refuses it (fileio.h) */
    if (!text && lstat(b->path, &ls) != 0) {
        return bc_error_set(err, b->path, 0, "cannot open brief '%s': %s", b->path,
                            strerror(errno));
    }
    b->real_dir = realpath(b->dir, real) ? bc_xstrdup(real) : bc_xstrdup(b->dir);
    bc_sandbox_set_root(sb, b->real_dir); /* brief.lua and its plugins: inside it (fileio.h) */

    int top = lua_gettop(L);
    if (luaL_newmetatable(L, SECTION_MT)) {
        lua_pushcfunction(L, decl_call);
        lua_setfield(L, -2, "__call");
        lua_pushliteral(L, "section"); /* brief.lua can neither change nor replace it */
        lua_setfield(L, -2, "__metatable");
    }
    lua_pop(L, 1);
    bc_sandbox_push_env(sb);
    int env = lua_gettop(L);
    lua_pushcfunction(L, section_fn);
    lua_setfield(L, env, "section");
    bc_brief_style_install(L, env, sb, b); /* theme = require_theme("house") */
    bc_status ld = text ? bc_sandbox_load_text(sb, text, strlen(text), b->path, env, err)
                        : bc_sandbox_load(sb, b->path, b->path, env, err);
    if (ld != BC_OK) {
        lua_settop(L, top);
        return BC_ERR;
    }
    if (bc_sandbox_call(sb, 0, 1, "brief", err) != BC_OK) {
        lua_settop(L, top);
        return BC_ERR;
    }
    if (!lua_istable(L, -1)) {
        bc_error_set(err, b->path, 0, "brief.lua must return a table, not %s",
                     luaL_typename(L, -1));
        lua_settop(L, top);
        return BC_ERR;
    }
    int t = lua_gettop(L);
    R r = {L, b, err, 0, NULL};
    check_plain(&r, t, NULL, 0);
    if (!r.failed) check_keys(&r, t, "brief field", known);
    const char **slots[] = {&b->meta.title,    &b->meta.subtitle, &b->meta.series,
                            &b->meta.date,     &b->meta.authors,  &b->meta.keywords,
                            &b->meta.language, &b->meta.subject};
    for (int i = 0; i < 8 && !r.failed; i++) {
        lua_getfield(L, t, known[i]);
        *slots[i] = text_value(&r, known[i]);
        lua_pop(L, 1);
    }
    if (!r.failed && !b->meta.title) fail(&r, "the brief needs a title");
    if (!r.failed && b->meta.language && !bc_pdf_std_lang_ok(b->meta.language))
        fail(&r, "language '%.40s' is not a BCP 47 tag; write it like 'en', 'en-GB' or 'ur-PK'",
             b->meta.language);
    if (!r.failed) {
        lua_getfield(L, t, "bibliography");
        const char *bib = text_value(&r, "bibliography");
        if (bib) b->bibliography = bc_xstrdup(bib);
        lua_pop(L, 1);
        lua_getfield(L, t, "citations");
        const char *cs = text_value(&r, "citations");
        if (cs && !strcmp(cs, "numeric"))
            b->numeric_citations = 1;
        else if (cs && strcmp(cs, "author-year"))
            fail(&r, "citations must be \"author-year\" or \"numeric\", not \"%s\"", cs);
        lua_pop(L, 1);
    }
    const char *tables[] = {"page", "theme", "limits", "images"};
    void (*readers[])(R *, int) = {read_page, read_theme, read_limits, read_images};
    for (int i = 0; i < 4 && !r.failed; i++) {
        r.where = tables[i];
        lua_getfield(L, t, tables[i]);
        if (lua_istable(L, -1))
            readers[i](&r, lua_gettop(L));
        else if (!lua_isnil(L, -1))
            fail(&r, "'%s' must be a table", tables[i]);
        lua_pop(L, 1);
    }
    if (!r.failed) {
        lua_getfield(L, t, "params");
        if (lua_isnil(L, -1)) {
            lua_pop(L, 1);
            lua_newtable(L);
        }
        if (!lua_istable(L, -1))
            fail(&r, "'params' must be a table of defaults");
        else
            check_params(&r, lua_gettop(L));
        for (int i = 0; i < ndefines && !r.failed; i++) apply_define(&r, lua_gettop(L), defines[i]);
        const char *key = NULL;
        char msg[900];
        if (!r.failed && !bc_brief_style_expand(L, -1, b, msg, sizeof msg, &key)) {
            fail(&r, "%s", msg); /* title = "US aid to Pakistan, FY{year}" names no param */
            if (key) r.err->line = key_line(b, key);
        }
        b->params_ref = luaL_ref(L, LUA_REGISTRYINDEX);
    }
    if (!r.failed) {
        lua_getfield(L, t, "sections");
        if (!lua_istable(L, -1)) {
            fail(&r, "the brief needs a 'sections' list");
            lua_pop(L, 1);
        } else {
            int s = lua_gettop(L);
            size_t ns = lua_rawlen(L, s);
            if (ns == 0) fail(&r, "the brief's 'sections' list is empty");
            if (ns > 100000) fail(&r, "the brief has %zu sections, more than 100000", ns);
            b->nsections = r.failed ? 0 : (int)ns;
            for (int i = 1; i <= b->nsections && !r.failed; i++) {
                lua_rawgeti(L, s, i);
                if (!lua_istable(L, -1)) {
                    fail(&r,
                         "section %d must be written section \"name\" or section \"name\" "
                         "{ options }",
                         i);
                } else {
                    lua_pushliteral(L, "plugin");
                    if (lua_rawget(L, -2) != LUA_TSTRING) fail(&r, "section %d names no plugin", i);
                    lua_pop(L, 1);
                }
                lua_pop(L, 1);
            }
            b->sections_ref = luaL_ref(L, LUA_REGISTRYINDEX);
        }
    }
    lua_settop(L, top);
    return r.failed ? BC_ERR : BC_OK;
}

void bc_brief_push_section(bc_sandbox *sb, const bc_brief *b, int i)
{
    lua_State *L = bc_sandbox_state(sb);
    lua_rawgeti(L, LUA_REGISTRYINDEX, b->sections_ref);
    lua_rawgeti(L, -1, i + 1);
    lua_remove(L, -2);
}

void bc_brief_only_section(bc_sandbox *sb, bc_brief *b, const char *plugin)
{
    lua_State *L = bc_sandbox_state(sb);
    int opts = lua_gettop(L);
    lua_createtable(L, 1, 0);
    lua_createtable(L, 0, 3);
    lua_pushstring(L, plugin);
    lua_setfield(L, -2, "plugin");
    lua_pushvalue(L, opts);
    lua_setfield(L, -2, "options");
    lua_pushinteger(L, 0);
    lua_setfield(L, -2, "line");
    lua_rawseti(L, -2, 1);
    luaL_unref(L, LUA_REGISTRYINDEX, b->sections_ref);
    b->sections_ref = luaL_ref(L, LUA_REGISTRYINDEX);
    b->nsections = 1;
    lua_settop(L, opts - 1);
}

void bc_brief_free(bc_brief *b)
{
    if (!b) return;
    free(b->path);
    free(b->dir);
    free(b->real_dir);
    free(b->bibliography);
    bc_arena_free(b->arena);
    memset(b, 0, sizeof *b);
}
