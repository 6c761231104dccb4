/*
** brief_style.c — a house style shared by many briefs (see brief_style.h): require_theme and
** its search path, the house-style theme keys, and params filled into the metadata and the
** running header and footer. Part of reading brief.lua (brief.c); its Lua errors are raised
** only inside require_theme, which brief.lua calls inside the sandbox's protected call.
*/
#define _GNU_SOURCE
#include "lua/brief_style.h"
#include "lua/brief_read.h"

#include <dirent.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <lauxlib.h>

#include "base/fileio.h"
#include "base/home.h"
#include "base/suggest.h"
#include "base/utf8.h"
#include "layout/image.h"
#include "lua/brief.h"
#include "lua/num.h"

#define STYLE_DEPTH 8 /* a house style may build on another, this deep */
#define STYLE_DIRS 10 /* folders searched: the brief's, $BRIEFC_THEMES's, the data's */
#define STYLE_NAME 64 /* bytes of a house style's name */
#define SLOT_MAX 300  /* bytes of a header or footer slot */

typedef struct style_ctx {
    bc_brief *b;
    bc_sandbox *sb;
} style_ctx;

static void install_at(lua_State *L, int env, style_ctx *cx, int depth);

/* {====================================================== finding the file */

typedef struct style_dirs {
    char dir[STYLE_DIRS][1024];   /* the folder as found */
    char shown[STYLE_DIRS][1024]; /* how messages name it */
    char root[STYLE_DIRS][1024];  /* the folder a house style found there may read from */
    int n;
    int escaped; /* the brief's themes/ leads out of the brief folder */
} style_dirs;

static void add_dir(style_dirs *d, const char *dir, const char *shown, const char *root)
{
    if (d->n >= STYLE_DIRS || !dir[0] || strlen(dir) >= sizeof d->dir[0] - STYLE_NAME - 8 ||
        strlen(root) >= sizeof d->root[0])
        return;
    snprintf(d->dir[d->n], sizeof d->dir[0], "%s", dir);
    snprintf(d->shown[d->n], sizeof d->shown[0], "%s", shown);
    snprintf(d->root[d->n], sizeof d->root[0], "%s", root);
    d->n++;
}

int bc_brief_style_shared_dir(int i, char *out, size_t cap)
{
    const char *p = getenv("BRIEFC_THEMES");
    int k = 0;
    while (p && *p) {
        const char *colon = strchr(p, ':');
        size_t n = colon ? (size_t)(colon - p) : strlen(p);
        if (n && n < cap && p[0] == '/' && k++ == i) { /* absolute folders only */
            memcpy(out, p, n);
            out[n] = 0;
            return 1;
        }
        p += n + (colon != NULL);
    }
    return i == k && snprintf(out, cap, "%s/themes", bc_home_dir()) < (int)cap;
}

/* The brief's themes/, then the shared folders (bc_brief_style_shared_dir). The brief's own
   folder is taken resolved, and only when it stays inside the brief folder: a themes/ that
   is a link out of it would make its target the folder house styles and their logos are
   read from. */
static void search_dirs(const bc_brief *b, style_dirs *d)
{
    char dir[1100], shown[1100], real[PATH_MAX];
    d->n = 0;
    d->escaped = 0;
    snprintf(dir, sizeof dir, "%s/themes", b->real_dir);
    snprintf(shown, sizeof shown, "%s/themes", b->dir);
    size_t rl = strlen(b->real_dir);
    if (!realpath(dir, real))
        add_dir(d, dir, shown, b->real_dir); /* none yet: whatever appears, inside the brief */
    else if (!strncmp(real, b->real_dir, rl) && real[rl] == '/')
        add_dir(d, real, shown, real);
    else
        d->escaped = 1;
    for (int i = 0; bc_brief_style_shared_dir(i, dir, sizeof dir); i++) add_dir(d, dir, dir, dir);
}

static int name_ok(const char *s, size_t n)
{
    if (n == 0 || n >= STYLE_NAME) return 0;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '-' || c == '_'))
            return 0;
    }
    return 1;
}

/* The house styles the folders hold (their names, without .lua), for "did you mean". */
static int known_styles(const style_dirs *d, char names[][STYLE_NAME], int cap)
{
    int n = 0;
    for (int i = 0; i < d->n && n < cap; i++) {
        DIR *dir = opendir(d->dir[i]);
        if (!dir) continue;
        struct dirent *e;
        for (int seen = 0; n < cap && seen < 500 && (e = readdir(dir)) != NULL; seen++) {
            size_t len = strlen(e->d_name);
            if (len > 4 && !strcmp(e->d_name + len - 4, ".lua") && name_ok(e->d_name, len - 4))
                snprintf(names[n++], STYLE_NAME, "%.*s", (int)(len - 4), e->d_name);
        }
        closedir(dir);
    }
    return n;
}

/* Raises "no house style" with where it looked and the nearest name. */
static int not_found(lua_State *L, const style_dirs *d, const char *name)
{
    char names[64][STYLE_NAME];
    const char *list[64];
    int n = known_styles(d, names, 64);
    for (int i = 0; i < n; i++) list[i] = names[i];
    const char *near = bc_suggest_n(name, list, (size_t)n);
    luaL_Buffer B;
    luaL_buffinit(L, &B);
    for (int i = 0; i < d->n; i++) {
        if (i) luaL_addstring(&B, ", ");
        luaL_addstring(&B, d->shown[i]);
    }
    luaL_pushresult(&B);
    if (near)
        return luaL_error(L,
                          "require_theme: no house style '%s' (did you mean '%s'?); looked "
                          "for %s.lua in %s",
                          name, near, name, lua_tostring(L, -1));
    return luaL_error(L,
                      "require_theme: no house style '%s'; put %s.lua in the brief's "
                      "themes/ folder or a folder named in BRIEFC_THEMES (looked in %s)",
                      name, name, lua_tostring(L, -1));
}

/* }====================================================== */

/* {====================================================== loading it */

/* The line of a "file:line: message" error from the theme check: its own, or the line where
   the setting the message names ("theme.accent …") is written. */
static int error_line(const bc_error *e, const char *src)
{
    if (e->line > 0) return e->line;
    const char *p = strstr(e->msg, "theme.");
    char key[64] = "";
    if (p) {
        p += 6;
        size_t n = 0;
        while (n < sizeof key - 1 && (p[n] == '_' || (p[n] >= 'a' && p[n] <= 'z'))) {
            key[n] = p[n];
            n++;
        }
        key[n] = 0;
    }
    int line = key[0] ? bc_brief_key_line_in(src, key) : 0;
    return line > 0 ? line : 1;
}

/* Every table down to depth 2 of the one at t is plain, as brief.lua's must be (brief.c). */
static int plain(lua_State *L, int t, int depth)
{
    t = lua_absindex(L, t);
    if (lua_getmetatable(L, t)) {
        lua_pop(L, 1);
        return 0;
    }
    if (depth >= 2) return 1;
    int ok = 1;
    lua_pushnil(L);
    while (ok && lua_next(L, t)) {
        if (lua_type(L, -1) == LUA_TTABLE) ok = plain(L, -1, depth + 1);
        lua_pop(L, 1);
    }
    if (!ok) lua_pop(L, 1);
    return ok;
}

/* A table of settings (string keys), not a list: merged key by key rather than replaced. */
static int is_settings(lua_State *L, int t)
{
    return lua_type(L, t) == LUA_TTABLE && lua_rawlen(L, t) == 0;
}

/* dst[k] = src[k] for every key, merging tables of settings down to depth 3. */
static void merge(lua_State *L, int dst, int src, int depth)
{
    dst = lua_absindex(L, dst);
    src = lua_absindex(L, src);
    lua_pushnil(L);
    while (lua_next(L, src)) {
        lua_pushvalue(L, -2);
        lua_rawget(L, dst);
        if (depth < 3 && is_settings(L, -1) && is_settings(L, -2) &&
            lua_type(L, -3) == LUA_TSTRING) {
            merge(L, -1, -2, depth + 1);
            lua_pop(L, 2);
        } else {
            lua_pop(L, 1);
            lua_pushvalue(L, -2);
            lua_insert(L, -2);
            lua_rawset(L, dst);
        }
    }
}

/* Remembers the logo a house style names, read from the house style's own folder, so that
   brief.c uses it when the merged theme still names the same file. */
static void keep_logo(lua_State *L, int t, bc_brief *b, const bc_brief *scratch)
{
    if (!scratch->theme.header_logo) return;
    if (lua_getfield(L, t, "header") == LUA_TTABLE && lua_getfield(L, -1, "logo") == LUA_TTABLE &&
        lua_getfield(L, -1, "file") == LUA_TSTRING) {
        b->style_logo_file = bc_arena_strndup(b->arena, lua_tostring(L, -1), lua_rawlen(L, -1));
        b->style_logo = scratch->theme.header_logo;
        b->style_logo_w = scratch->theme.header_logo_w;
    }
    lua_settop(L, t);
}

/* Runs the house style's source (already read) in a fresh environment; leaves its table at
   the top of the stack, checked as a theme. */
static void run_style(lua_State *L, style_ctx *cx, int depth, const char *src, size_t len,
                      const char *path, const char *dir, const char *root, const char *shown)
{
    bc_error e;
    bc_error_clear(&e);
    bc_sandbox_push_env(cx->sb);
    int env = lua_gettop(L);
    install_at(L, env, cx, depth + 1); /* its own require_theme, one level deeper */
    if (bc_sandbox_load_text(cx->sb, src, len, shown, env, &e) != BC_OK) {
        lua_pushfstring(L, "%s:%d: %s", e.file[0] ? e.file : shown, e.line > 0 ? e.line : 1, e.msg);
        lua_error(L);
    }
    lua_remove(L, env);
    lua_call(L, 0, 1); /* its errors carry its own file and line */
    int t = lua_gettop(L);
    if (!lua_istable(L, t))
        luaL_error(L, "require_theme: %s must return a table of theme settings, not %s", shown,
                   luaL_typename(L, t));
    if (!plain(L, t, 0))
        luaL_error(L,
                   "require_theme: %s returns a table with a metatable; a house style must "
                   "return plain tables",
                   shown);
    /* checked as a theme here, so that its mistakes name its own file and line */
    bc_brief scratch;
    memset(&scratch, 0, sizeof scratch);
    scratch.path = (char *)path;
    scratch.dir = (char *)dir;
    scratch.real_dir = (char *)root; /* its logo is read from there, and never from outside */
    scratch.arena = cx->b->arena;
    scratch.src = src;
    bc_theme_default(&scratch.theme);
    if (bc_brief_read_theme(L, t, &scratch, &e) != BC_OK) {
        lua_pushfstring(L, "%s:%d: %s", shown, error_line(&e, src), e.msg);
        lua_error(L);
    }
    /* its logo, decoded into the brief's arena, is charged as its source is: a brief calling
       require_theme in a loop cannot grow the arena past the memory limit */
    const bc_image *logo = scratch.theme.header_logo;
    if (logo && !bc_sandbox_charge(L, logo->len + logo->alpha_len + logo->icc_len + 4096))
        luaL_error(L,
                   "require_theme: memory limit reached reading the logo of %s; raise "
                   "limits.memory_mb in brief.lua",
                   shown);
    keep_logo(L, t, cx->b, &scratch);
}

/* require_theme(name [, overrides]) */
static int require_theme(lua_State *L)
{
    style_ctx *cx = lua_touserdata(L, lua_upvalueindex(1));
    int depth = (int)lua_tointeger(L, lua_upvalueindex(2)); /* 0 in brief.lua */
    size_t nlen;
    const char *name = luaL_checklstring(L, 1, &nlen);
    if (!lua_isnoneornil(L, 2)) luaL_checktype(L, 2, LUA_TTABLE);
    lua_settop(L, 2);
    if (!name_ok(name, nlen))
        return luaL_error(L,
                          "require_theme: '%s' is not a house style's name; write its file "
                          "name without .lua (letters, digits, '-' and '_'), such as "
                          "require_theme(\"house\")",
                          name);
    if (depth >= STYLE_DEPTH)
        return luaL_error(L,
                          "require_theme: house styles build on each other more than %d deep "
                          "(does '%s' require itself?)",
                          STYLE_DEPTH, name);
    style_dirs d;
    search_dirs(cx->b, &d);
    if (d.escaped)
        return luaL_error(L,
                          "require_theme: %s/themes leads out of the brief folder (a link); "
                          "keep the brief's house styles in a real themes folder inside it, "
                          "or share them through BRIEFC_THEMES",
                          cx->b->dir);
    char path[1200], shown[1200];
    int found = -1;
    for (int i = 0; i < d.n && found < 0; i++) {
        struct stat st;
        snprintf(path, sizeof path, "%s/%s.lua", d.dir[i], name);
        if (lstat(path, &st) == 0) found = i; /* the door decides what it may be */
    }
    if (found < 0) return not_found(L, &d, name);
    snprintf(shown, sizeof shown, "%s/%s.lua", d.shown[found], name);
    const char *dirs[] = {d.root[found], NULL};
    bc_file_roots roots = {dirs, "its themes folder"};
    char *src = NULL;
    size_t len = 0;
    bc_error e;
    bc_error_clear(&e);
    if (bc_file_read(path, shown, BC_FILE_LUA, &roots, &src, &len, &e) != BC_OK)
        return luaL_error(L, "require_theme: %s", e.msg);
    /* the source is kept in the arena, charged to the brief's memory limit like the Lua heap
       (a brief calling require_theme in a loop cannot grow it past the limit): its lines are
       read again for messages */
    if (!bc_sandbox_charge(L, len + 1)) {
        free(src);
        return luaL_error(L,
                          "require_theme: memory limit reached reading %s; raise "
                          "limits.memory_mb in brief.lua",
                          shown);
    }
    char *kept = bc_arena_strndup(cx->b->arena, src, len);
    free(src);
    run_style(L, cx, depth, kept, len, path, d.dir[found], d.root[found], shown);
    if (lua_istable(L, 2)) merge(L, -1, 2, 0);
    return 1;
}

/* require_theme in the environment at env, for code depth house styles deep (the depth is the
   closure's own, so an error caught by pcall leaves nothing behind). */
static void install_at(lua_State *L, int env, style_ctx *cx, int depth)
{
    env = lua_absindex(L, env);
    lua_pushlightuserdata(L, cx);
    lua_pushinteger(L, depth);
    lua_pushcclosure(L, require_theme, 2);
    lua_setfield(L, env, "require_theme");
}

void bc_brief_style_install(lua_State *L, int env, bc_sandbox *sb, bc_brief *b)
{
    style_ctx *cx = b->style_ctx;
    if (!cx) {
        cx = bc_arena_alloc(b->arena, sizeof *cx);
        cx->b = b;
        cx->sb = sb;
        b->style_ctx = cx;
    }
    install_at(L, env, cx, 0);
}

/* }====================================================== */

/* {====================================================== the house-style keys */

/* A slot's text at the top of the stack, into the arena. */
static int slot_text(lua_State *L, bc_brief *b, const char *name, const char **out, char *msg,
                     size_t cap)
{
    size_t len;
    const char *s = lua_type(L, -1) == LUA_TSTRING ? lua_tolstring(L, -1, &len) : NULL;
    if (!s)
        return bc_brief_fail(msg, cap,
                             "%s must be text such as \"{title}\" or \"Page {page} of {pages}\", "
                             "got %s",
                             name, luaL_typename(L, -1));
    if (len > SLOT_MAX)
        return bc_brief_fail(msg, cap, "%s is longer than %d bytes", name, SLOT_MAX);
    if (bc_utf8_check(s, len) != (size_t)-1)
        return bc_brief_fail(msg, cap, "%s is not valid UTF-8", name);
    for (size_t i = 0; i < len; i++)
        if ((unsigned char)s[i] < 0x20)
            return bc_brief_fail(msg, cap,
                                 "%s has a control character; a running header is one line", name);
    *out = bc_arena_strndup(b->arena, s, len);
    return 1;
}

/* theme.header or theme.footer: left, centre and right slots, and first (on page 1 or not).
   Giving any slot replaces all three (the others empty). */
static int read_running(lua_State *L, int t, bc_brief *b, const char *which, const char *slots[3],
                        int *first, char *msg, size_t cap, const char **key)
{
    static const char *const names[3] = {"left", "centre", "right"};
    int ok = 1;
    if (lua_getfield(L, t, which) != LUA_TTABLE) {
        lua_pop(L, 1);
        return 1;
    }
    int h = lua_gettop(L), any = 0;
    const char *got[3] = {NULL, NULL, NULL};
    char name[48];
    for (int i = 0; i < 3 && ok; i++) {
        snprintf(name, sizeof name, "theme.%s.%s", which, names[i]);
        if (lua_getfield(L, h, names[i]) != LUA_TNIL) {
            any = 1;
            ok = slot_text(L, b, name, &got[i], msg, cap);
            if (!ok) *key = names[i];
        }
        lua_pop(L, 1);
    }
    if (ok && any)
        for (int i = 0; i < 3; i++) slots[i] = got[i] ? got[i] : "";
    lua_getfield(L, h, "first");
    snprintf(name, sizeof name, "theme.%s.first", which);
    if (ok && !(ok = bc_brief_bool(L, name, first, msg, cap))) *key = "first";
    lua_pop(L, 1);
    if (ok && !strcmp(which, "header")) {
        lua_getfield(L, h, "rule");
        if (!(ok = bc_brief_bool(L, "theme.header.rule", &b->theme.header_rule, msg, cap)))
            *key = "rule";
        lua_pop(L, 1);
    }
    lua_pop(L, 1);
    return ok;
}

static int colour_at(lua_State *L, int t, const char *field, uint32_t *out, char *msg, size_t cap)
{
    int ok = 1;
    lua_getfield(L, t, field);
    if (!lua_isnil(L, -1)) {
        const char *s = lua_type(L, -1) == LUA_TSTRING ? lua_tostring(L, -1) : NULL;
        unsigned v;
        char extra;
        if (!s || s[0] != '#' || strlen(s) != 7 || sscanf(s + 1, "%6x%c", &v, &extra) != 1)
            ok = bc_brief_fail(msg, cap, "theme.%s must be a colour like \"#17406d\"", field);
        else
            *out = v;
    }
    lua_pop(L, 1);
    return ok;
}

/* A list of texts (theme.unnumbered, theme.nocite) into the arena. */
static int text_list(lua_State *L, bc_brief *b, const char *field, const char *const **out, int *n,
                     char *msg, size_t cap)
{
    int l = lua_gettop(L);
    size_t len = lua_rawlen(L, l);
    if (len > 10000) return bc_brief_fail(msg, cap, "theme.%s has more than 10000 entries", field);
    const char **v = bc_arena_alloc(b->arena, (len + 1) * sizeof *v);
    for (size_t i = 1; i <= len; i++) {
        lua_rawgeti(L, l, (lua_Integer)i);
        size_t sl;
        const char *s = lua_type(L, -1) == LUA_TSTRING ? lua_tolstring(L, -1, &sl) : NULL;
        if (!s || sl > 400 || bc_utf8_check(s, sl) != (size_t)-1) {
            lua_pop(L, 1);
            return bc_brief_fail(
                msg, cap, "theme.%s[%zu] must be text (valid UTF-8, at most 400 bytes)", field, i);
        }
        v[i - 1] = bc_arena_strndup(b->arena, s, sl);
        lua_pop(L, 1);
    }
    *out = v;
    *n = (int)len;
    return 1;
}

/* long: one short check per house-style key, in the order README lists them */
int bc_brief_style_read(lua_State *L, int t, bc_brief *b, char *msg, size_t cap, const char **key)
{
    bc_theme *th = &b->theme;
    *key = NULL;
    if (!read_running(L, t, b, "header", th->head, &th->header_first, msg, cap, key) ||
        !read_running(L, t, b, "footer", th->foot, &th->footer_first, msg, cap, key))
        return 0;
    double v;
    int ok = 1;
    lua_getfield(L, t, "title_size");
    if (!lua_isnil(L, -1)) {
        if ((ok = bc_num_read(L, -1, "theme.title_size", 10, 48, 0, &v, msg, cap)))
            th->title_size = v;
        else
            *key = "title_size";
    }
    lua_pop(L, 1);
    lua_getfield(L, t, "table_size");
    if (ok && !lua_isnil(L, -1)) {
        if ((ok = bc_num_read(L, -1, "theme.table_size", 5, 14, 0, &v, msg, cap)))
            th->table_size = v;
        else
            *key = "table_size";
    }
    lua_pop(L, 1);
    static const char *const colours[] = {"heading_colour", "table_header_fill",
                                          "table_header_text"};
    uint32_t *cdst[] = {&th->heading_colour, &th->table_header_fill, &th->table_header_text};
    for (int i = 0; i < 3 && ok; i++)
        if (!(ok = colour_at(L, t, colours[i], cdst[i], msg, cap))) *key = colours[i];
    lua_getfield(L, t, "table_font");
    if (ok && !lua_isnil(L, -1)) {
        const char *s = lua_type(L, -1) == LUA_TSTRING ? lua_tostring(L, -1) : "";
        if (!strcmp(s, "body"))
            th->table_font = 's';
        else if (!strcmp(s, "heading"))
            th->table_font = 'h';
        else
            ok = bc_brief_fail(msg, cap,
                               "theme.table_font must be \"body\" (the body font) or "
                               "\"heading\" (the heading font)");
        if (!ok) *key = "table_font";
    }
    lua_pop(L, 1);
    static const char *const positions[] = {"above", "below", NULL};
    int pos = th->caption_pos == 'b';
    lua_getfield(L, t, "caption_position");
    if (ok && !(ok = bc_brief_pick(L, "theme.caption_position", positions, &pos, msg, cap)))
        *key = "caption_position";
    th->caption_pos = pos ? 'b' : 0;
    lua_pop(L, 1);
    lua_getfield(L, t, "caption_numbers");
    if (ok && !(ok = bc_brief_bool(L, "theme.caption_numbers", &th->caption_numbers, msg, cap)))
        *key = "caption_numbers";
    lua_pop(L, 1);
    lua_getfield(L, t, "unnumbered");
    if (ok && lua_istable(L, -1)) {
        if (!(ok = text_list(L, b, "unnumbered", &th->unnumbered, &th->nunnumbered, msg, cap)))
            *key = "unnumbered";
    } else if (ok && !lua_isnil(L, -1)) {
        ok = bc_brief_fail(msg, cap,
                           "theme.unnumbered must be a list of heading texts such as "
                           "{ \"Summary\", \"Acknowledgements\" }");
        *key = "unnumbered";
    }
    lua_pop(L, 1);
    lua_getfield(L, t, "nocite");
    if (ok && lua_type(L, -1) == LUA_TSTRING && !strcmp(lua_tostring(L, -1), "*")) {
        static const char *const all[] = {"*"};
        th->nocite = all;
        th->nnocite = 1;
    } else if (ok && lua_istable(L, -1)) {
        if (!(ok = text_list(L, b, "nocite", &th->nocite, &th->nnocite, msg, cap))) *key = "nocite";
    } else if (ok && !lua_isnil(L, -1)) {
        ok = bc_brief_fail(msg, cap,
                           "theme.nocite must be a list of bibliography keys such as "
                           "{ \"gao2008\" }, or \"*\" for every entry");
        *key = "nocite";
    }
    lua_pop(L, 1);
    return ok;
}

/* }====================================================== */

/* {====================================================== params in the metadata */

static const char *const page_fields[] = {"page", "pages", NULL};
static const char *const meta_fields[] = {"title", "subtitle", "date", "series", "authors", NULL};

/* The params' names, sorted, as "a, b" (for messages), and as a list for suggestions. */
static int param_names(lua_State *L, int params, const char **names, int cap)
{
    int n = 0;
    lua_pushnil(L);
    while (lua_next(L, params)) {
        lua_pop(L, 1);
        if (lua_type(L, -1) == LUA_TSTRING && n < cap) names[n++] = lua_tostring(L, -1);
    }
    for (int i = 1; i < n; i++) /* a few names: insertion sort */
        for (int j = i; j > 0 && strcmp(names[j - 1], names[j]) > 0; j--) {
            const char *x = names[j];
            names[j] = names[j - 1];
            names[j - 1] = x;
        }
    return n;
}

/* The message for {name} that names nothing known. */
static int unknown_field(lua_State *L, int params, const char *what, const char *name, int slots,
                         char *msg, size_t cap)
{
    const char *known[80];
    int n = 0;
    if (slots) {
        for (int i = 0; meta_fields[i]; i++) known[n++] = meta_fields[i];
        for (int i = 0; page_fields[i]; i++) known[n++] = page_fields[i];
    }
    int np = param_names(L, params, known + n, 64);
    const char *near = bc_suggest_n(name, known, (size_t)(n + np));
    char list[600] = "";
    size_t o = 0;
    for (int i = n; i < n + np && o < sizeof list - 80; i++)
        o += (size_t)snprintf(list + o, sizeof list - o, "%s%s", i > n ? ", " : "", known[i]);
    return bc_brief_fail(
        msg, cap, "%s names {%s}, which is %s%s%s%s; %s%s%s", what, name,
        slots ? "no field or param" : "no param", near ? " (did you mean {" : "", near ? near : "",
        near ? "}?)" : "",
        slots ? "the fields are title, subtitle, date, series, authors, page and pages, "
                "and the params are "
              : "the params are ",
        np ? list : "none", slots ? "" : " (write {{ for a brace)");
}

/* s with {name} filled from the params (for slots, {page}, {pages} and the metadata's
   fields kept for the layout). "{{" and "}}" are braces; a brace around anything but a name
   is kept as written. Writes *out, or fails with msg. */
static int expand(lua_State *L, int params, bc_brief *b, const char *s, const char *what, int slots,
                  const char **out, char *msg, size_t cap)
{
    if (!strchr(s, '{')) {
        *out = s;
        return 1;
    }
    bc_buf o = {0};
    int ok = 1;
    for (const char *p = s; *p && ok;) {
        if ((p[0] == '{' && p[1] == '{') || (p[0] == '}' && p[1] == '}')) { /* a brace */
            bc_buf_add(&o, p, 1);
            p += 2;
            continue;
        }
        size_t n = 0;
        if (p[0] == '{')
            while (p[1 + n] == '_' || (p[1 + n] >= 'a' && p[1 + n] <= 'z') ||
                   (p[1 + n] >= 'A' && p[1 + n] <= 'Z') ||
                   (n && p[1 + n] >= '0' && p[1 + n] <= '9'))
                n++;
        if (!n || p[1 + n] != '}' || n >= 64) { /* not a field: kept as written */
            bc_buf_add(&o, p, 1);
            p++;
            continue;
        }
        char name[64];
        snprintf(name, sizeof name, "%.*s", (int)n, p + 1);
        int is_page = slots && (!strcmp(name, "page") || !strcmp(name, "pages"));
        int is_meta = 0;
        for (int i = 0; slots && meta_fields[i]; i++) is_meta |= !strcmp(name, meta_fields[i]);
        if (is_page || is_meta) { /* filled on each page (layout/pages.c) */
            bc_buf_add(&o, p, n + 2);
        } else {
            int type = lua_getfield(L, params, name);
            if (type == LUA_TNUMBER && lua_isinteger(L, -1)) {
                bc_buf_printf(&o, "%lld", (long long)lua_tointeger(L, -1));
            } else if (type == LUA_TNUMBER) {
                bc_buf_printf(&o, "%.14g", lua_tonumber(L, -1));
            } else if (type == LUA_TBOOLEAN) {
                bc_buf_printf(&o, "%s", lua_toboolean(L, -1) ? "true" : "false");
            } else if (type == LUA_TSTRING) {
                size_t l;
                const char *v = lua_tolstring(L, -1, &l);
                if (bc_utf8_check(v, l) == (size_t)-1 && !memchr(v, '\n', l))
                    bc_buf_add(&o, v, l);
                else
                    ok = bc_brief_fail(msg, cap, "%s: param '%s' is not one line of valid UTF-8",
                                       what, name);
            } else {
                lua_pop(L, 1);
                ok = unknown_field(L, params, what, name, slots, msg, cap);
                lua_pushnil(L);
            }
            lua_pop(L, 1);
        }
        p += n + 2;
        if (o.len > 4096)
            ok = bc_brief_fail(msg, cap, "%s is longer than 4096 bytes once filled in", what);
    }
    if (ok) *out = bc_arena_strndup(b->arena, o.data ? o.data : "", o.len);
    bc_buf_free(&o);
    return ok;
}

int bc_brief_style_expand(lua_State *L, int params, bc_brief *b, char *msg, size_t cap,
                          const char **key)
{
    params = lua_absindex(L, params);
    bc_meta *m = &b->meta;
    const char **meta[] = {&m->title,   &m->subtitle, &m->series, &m->date,
                           &m->authors, &m->keywords, &m->subject};
    static const char *const names[] = {"title",   "subtitle", "series", "date",
                                        "authors", "keywords", "subject"};
    for (int i = 0; i < 7; i++) {
        *key = names[i];
        if (*meta[i] && !expand(L, params, b, *meta[i], names[i], 0, meta[i], msg, cap)) return 0;
    }
    static const char *const slot[] = {"left", "centre", "right"};
    for (int i = 0; i < 6; i++) {
        const char **s = i < 3 ? &b->theme.head[i] : &b->theme.foot[i - 3];
        char what[48];
        snprintf(what, sizeof what, "theme.%s.%s", i < 3 ? "header" : "footer", slot[i % 3]);
        *key = slot[i % 3];
        if (*s && !expand(L, params, b, *s, what, 1, s, msg, cap)) return 0;
    }
    *key = NULL;
    return 1;
}

/* }====================================================== */
