/*
** cmd_test.c — `briefc test`: plugin tests run inside the host.
**
** A test file (NAME_test.lua) calls test(name, fn) for each test. Inside a test:
**   render(plugin, options [, {brief = "path"}]) builds the plugin as the only section of a
**     brief (an empty one, or the named brief folder for its data) exactly as a real build
**     would, and returns {blocks = {...}, warnings = "..."} describing what it built;
**   expect(cond [, message]), expect_eq(actual, expected [, message]),
**   expect_error(fn, text) check results.
** Each render runs in a fresh host of its own, so a test sees precisely what a build sees.
*/
#define _DEFAULT_SOURCE /* realpath */
#include <dirent.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <lauxlib.h>

#include "cli/build.h"
#include "cli/cli.h"
#include "cli/cmd.h"
#include "lua/fmt.h"
#include "lua/host.h"
#include "doc/markup.h"
#include "lua/sandbox.h"
#include "layout/image.h"

typedef struct runner {
    const char *dir;    /* folder of the test file being run */
    const char **extra; /* --plugin-path folders */
    int nextra;
} runner;

/* {====================================================== options to Lua source */

static void check_value(lua_State *L, int idx, int depth)
{
    int t = lua_type(L, idx);
    if (t == LUA_TSTRING || t == LUA_TNUMBER || t == LUA_TBOOLEAN) return;
    if (t != LUA_TTABLE || depth > 20)
        luaL_error(L, "render: options may hold only text, numbers, booleans and tables, not %s",
                   depth > 20 ? "tables nested this deep" : luaL_typename(L, idx));
    idx = lua_absindex(L, idx);
    lua_pushnil(L);
    while (lua_next(L, idx)) {
        int kt = lua_type(L, -2);
        if (kt != LUA_TSTRING && !lua_isinteger(L, -2))
            luaL_error(L, "render: option keys must be names or integers");
        check_value(L, -1, depth + 1);
        lua_pop(L, 1);
    }
}

static void put_string(bc_buf *b, const char *s, size_t len)
{
    bc_buf_addc(b, '"');
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '"' || c == '\\')
            bc_buf_printf(b, "\\%c", c);
        else if (c < 32 || c == 127)
            bc_buf_printf(b, "\\%03d", c);
        else
            bc_buf_addc(b, (char)c);
    }
    bc_buf_addc(b, '"');
}

/* Writes a value already checked by check_value (raises nothing). */
static void put_value(lua_State *L, int idx, bc_buf *b)
{
    size_t len;
    switch (lua_type(L, idx)) {
    case LUA_TSTRING: {
        const char *s = lua_tolstring(L, idx, &len);
        put_string(b, s, len);
        break;
    }
    case LUA_TNUMBER:
        if (lua_isinteger(L, idx))
            bc_buf_printf(b, "%lld", (long long)lua_tointeger(L, idx));
        else
            bc_buf_printf(b, "%.17g", lua_tonumber(L, idx));
        break;
    case LUA_TBOOLEAN: bc_buf_adds(b, lua_toboolean(L, idx) ? "true" : "false"); break;
    case LUA_TTABLE: {
        idx = lua_absindex(L, idx);
        bc_buf_addc(b, '{');
        lua_pushnil(L);
        while (lua_next(L, idx)) {
            bc_buf_addc(b, '[');
            if (lua_type(L, -2) == LUA_TSTRING) {
                const char *k = lua_tolstring(L, -2, &len);
                put_string(b, k, len);
            } else {
                bc_buf_printf(b, "%lld", (long long)lua_tointeger(L, -2));
            }
            bc_buf_adds(b, "]=");
            put_value(L, -1, b);
            bc_buf_addc(b, ',');
            lua_pop(L, 1);
        }
        bc_buf_addc(b, '}');
        break;
    }
    default: bc_buf_adds(b, "nil");
    }
}

/* }====================================================== */

/* {====================================================== the document as Lua tables */

static void push_inline(lua_State *L, bc_arena *a, const bc_inline *in)
{
    lua_pushstring(L, bc_inline_text(a, in));
}

static void push_inline_list(lua_State *L, bc_arena *a, const bc_inline *v, int n)
{
    lua_createtable(L, n, 0);
    for (int i = 0; i < n; i++) {
        push_inline(L, a, &v[i]);
        lua_rawseti(L, -2, i + 1);
    }
}

static void set_str(lua_State *L, const char *k, const char *v)
{
    lua_pushstring(L, v);
    lua_setfield(L, -2, k);
}

/* long: one switch over the block kinds, a short case each, mirroring doc.h */
static void push_block(lua_State *L, bc_doc *d, const bc_block *b)
{
    bc_arena *a = d->arena;
    lua_newtable(L);
    set_str(L, "kind",
            b->kind == BC_BLOCK_ORIENT && !b->u.landscape ? "portrait"
                                                          : bc_block_kind_names[b->kind]);
    switch (b->kind) {
    case BC_BLOCK_TITLE:
        push_inline(L, a, &b->u.title.title);
        lua_setfield(L, -2, "text");
        push_inline(L, a, &b->u.title.subtitle);
        lua_setfield(L, -2, "subtitle");
        break;
    case BC_BLOCK_HEADING:
        push_inline(L, a, &b->u.heading.text);
        lua_setfield(L, -2, "text");
        lua_pushinteger(L, b->u.heading.level);
        lua_setfield(L, -2, "level");
        set_str(L, "number", b->u.heading.number);
        if (b->label) set_str(L, "label", b->label);
        break;
    case BC_BLOCK_PARA:
        push_inline(L, a, &b->u.para.text);
        lua_setfield(L, -2, "text");
        set_str(L, "style", bc_para_style_names[b->u.para.style]);
        break;
    case BC_BLOCK_LIST:
        push_inline_list(L, a, b->u.list.items, b->u.list.n);
        lua_setfield(L, -2, "items");
        lua_pushboolean(L, b->u.list.numbered);
        lua_setfield(L, -2, "numbered");
        if (b->u.list.depth) { /* nested (Markdown): each item's depth (1-3) and mark */
            lua_createtable(L, b->u.list.n, 0);
            lua_createtable(L, b->u.list.n, 0);
            for (int i = 0; i < b->u.list.n; i++) {
                lua_pushinteger(L, b->u.list.depth[i] + 1);
                lua_rawseti(L, -3, i + 1);
                int mk = b->u.list.marks[i];
                if (mk > 0)
                    lua_pushinteger(L, mk);
                else
                    lua_pushstring(L, mk ? "" : "bullet");
                lua_rawseti(L, -2, i + 1);
            }
            lua_setfield(L, -3, "marks");
            lua_setfield(L, -2, "depths");
        }
        break;
    case BC_BLOCK_CALLOUT:
        push_inline(L, a, &b->u.callout.title);
        lua_setfield(L, -2, "title");
        push_inline_list(L, a, b->u.callout.items, b->u.callout.n);
        lua_setfield(L, -2, "items");
        break;
    case BC_BLOCK_TABLE: {
        const bc_table *t = b->u.table;
        push_inline(L, a, &t->caption);
        lua_setfield(L, -2, "caption");
        push_inline(L, a, &t->source);
        lua_setfield(L, -2, "source");
        push_inline_list(L, a, t->header, t->ncols);
        lua_setfield(L, -2, "columns");
        lua_createtable(L, t->nrows, 0);
        for (int r = 0; r < t->nrows; r++) {
            push_inline_list(L, a, &t->cells[r * t->ncols], t->ncols);
            lua_pushboolean(L, t->row_strong && t->row_strong[r]);
            lua_setfield(L, -2, "strong");
            lua_rawseti(L, -2, r + 1);
        }
        lua_setfield(L, -2, "rows");
        lua_pushinteger(L, t->number);
        lua_setfield(L, -2, "number");
        char align[65];
        snprintf(align, sizeof align, "%.*s", t->ncols, t->align);
        set_str(L, "align", align);
        break;
    }
    case BC_BLOCK_CHART: {
        const bc_chart *c = b->u.chart;
        set_str(L, "chart", bc_chart_kind_names[c->kind]);
        lua_pushboolean(L, c->stack != BC_STACK_NONE);
        lua_setfield(L, -2, "stacked");
        push_inline(L, a, &c->caption);
        lua_setfield(L, -2, "caption");
        push_inline(L, a, &c->source);
        lua_setfield(L, -2, "source");
        lua_createtable(L, c->ncat, 0);
        for (int i = 0; i < c->ncat; i++) {
            lua_pushstring(L, c->categories[i]);
            lua_rawseti(L, -2, i + 1);
        }
        lua_setfield(L, -2, "categories");
        lua_createtable(L, c->nser, 0);
        for (int s = 0; s < c->nser; s++) {
            lua_newtable(L);
            set_str(L, "name", c->series[s]);
            lua_createtable(L, c->ncat, 0);
            for (int i = 0; i < c->ncat; i++) {
                double v = c->values[s * c->ncat + i];
                if (v == v) {
                    lua_pushnumber(L, v);
                    lua_rawseti(L, -2, i + 1);
                }
            }
            lua_setfield(L, -2, "values");
            lua_rawseti(L, -2, s + 1);
        }
        lua_setfield(L, -2, "series");
        lua_pushinteger(L, c->nevents);
        lua_setfield(L, -2, "events");
        break;
    }
    case BC_BLOCK_TOC:
        push_inline(L, a, &b->u.toc.title);
        lua_setfield(L, -2, "title");
        lua_pushinteger(L, b->u.toc.depth);
        lua_setfield(L, -2, "depth");
        break;
    case BC_BLOCK_BIB:
        push_inline(L, a, &b->u.bib.title);
        lua_setfield(L, -2, "title");
        break;
    case BC_BLOCK_SPACE:
    case BC_BLOCK_PAGEBREAK: break;
    case BC_BLOCK_DEFLIST:
        push_inline_list(L, a, b->u.deflist.terms, b->u.deflist.n);
        lua_setfield(L, -2, "terms");
        push_inline_list(L, a, b->u.deflist.defs, b->u.deflist.n);
        lua_setfield(L, -2, "definitions");
        break;
    case BC_BLOCK_ORIENT: break;
    case BC_BLOCK_BACK:
        push_inline(L, a, &b->u.back.title);
        lua_setfield(L, -2, "title");
        push_inline_list(L, a, b->u.back.lines, b->u.back.n);
        lua_setfield(L, -2, "lines");
        break;
    case BC_BLOCK_IMAGE:
        set_str(L, "file", b->u.image->img->file);
        push_inline(L, a, &b->u.image->caption);
        lua_setfield(L, -2, "caption");
        break;
    }
}

/* }====================================================== */

static const char *empty_brief = "return { title = \"Plugin test\", sections = { section \"x\" } }";

/*
** A test in a brief's own plugins/ folder renders with that brief's folder as its root, so
** `ctx:csv("data/aid.csv")` finds the brief's data as in a build (the brief's sections are not
** run: the plugin is still the only section). Returns 1 with the brief.lua path in out.
*/
static int brief_above(const char *dir, char *out, size_t cap)
{
    char real[PATH_MAX];
    if (realpath(dir, real)) dir = real; /* "." inside plugins/ too */
    size_t n = strlen(dir);
    if (n < 7 || strcmp(dir + n - 7, "plugins") != 0 || (n > 7 && dir[n - 8] != '/')) return 0;
    if (n == 7)
        snprintf(out, cap, "brief.lua");
    else
        snprintf(out, cap, "%.*sbrief.lua", (int)(n - 7), dir);
    struct stat st;
    return stat(out, &st) == 0 && S_ISREG(st.st_mode);
}

/* render(plugin, options [, {brief = path}]) */
static int t_render(lua_State *L)
{
    runner *r = lua_touserdata(L, lua_upvalueindex(1));
    const char *plugin = luaL_checkstring(L, 1);
    if (!lua_isnoneornil(L, 2)) check_value(L, 2, 0);
    const char *brief = NULL;
    if (lua_istable(L, 3)) {
        lua_getfield(L, 3, "brief");
        brief = lua_tostring(L, -1);
        lua_pop(L, 1);
    }
    char bpath[PATH_MAX + 64];
    if (brief && brief[0] == '/')
        snprintf(bpath, sizeof bpath, "%s", brief);
    else if (brief)
        snprintf(bpath, sizeof bpath, "%s/%s", r->dir, brief);
    else if (!brief_above(r->dir, bpath, sizeof bpath))
        snprintf(bpath, sizeof bpath, "%s/brief.lua", r->dir);
    /* Everything below is freed before any Lua error is raised. */
    bc_buf opts = {0};
    if (!lua_isnoneornil(L, 2)) put_value(L, 2, &opts);
    const char **dirs = bc_xcalloc((size_t)r->nextra + 2, sizeof(char *));
    dirs[0] = r->dir;
    for (int i = 0; i < r->nextra; i++) dirs[i + 1] = r->extra[i];
    bc_host_config cfg = {0};
    cfg.brief = bpath;
    cfg.brief_text = brief ? NULL : empty_brief;
    cfg.plugin_dirs = dirs;
    cfg.nplugin_dirs = r->nextra + 1;
    cfg.project_dir = bc_project_dir();
    cfg.only_plugin = plugin;
    cfg.only_options = opts.data ? opts.data : "{}";
    bc_error err;
    bc_error_clear(&err);
    bc_host *h = NULL;
    bc_doc *doc = NULL;
    bc_buf warnings = {0};
    bc_status st = bc_host_new(&cfg, &h, &err);
    if (st == BC_OK) {
        doc = bc_doc_new();
        st = bc_host_render(h, doc, &warnings, &err);
    }
    bc_buf_free(&opts);
    free(dirs);
    if (st != BC_OK) {
        char msg[2600];
        if (err.line > 0)
            snprintf(msg, sizeof msg, "%s:%d: %s", err.file, err.line, err.msg);
        else
            snprintf(msg, sizeof msg, "%s", err.msg);
        bc_doc_free(doc);
        bc_host_free(h);
        bc_buf_free(&warnings);
        lua_pushstring(L, msg);
        return lua_error(L);
    }
    lua_newtable(L);
    lua_newtable(L);
    int n = 0;
    for (const bc_block *b = doc->first; b; b = b->next) {
        push_block(L, doc, b);
        lua_rawseti(L, -2, ++n);
    }
    lua_setfield(L, -2, "blocks");
    lua_pushstring(L, warnings.data ? warnings.data : "");
    lua_setfield(L, -2, "warnings");
    bc_doc_free(doc);
    bc_host_free(h);
    bc_buf_free(&warnings);
    return 1;
}

static int t_test(lua_State *L)
{
    luaL_checkstring(L, 1);
    luaL_checktype(L, 2, LUA_TFUNCTION);
    lua_getfield(L, LUA_REGISTRYINDEX, "briefc.tests");
    lua_createtable(L, 2, 0);
    lua_pushvalue(L, 1);
    lua_rawseti(L, -2, 1);
    lua_pushvalue(L, 2);
    lua_rawseti(L, -2, 2);
    lua_rawseti(L, -2, (lua_Integer)luaL_len(L, -2) + 1);
    return 0;
}

static int t_expect(lua_State *L)
{
    if (!lua_toboolean(L, 1))
        return luaL_error(L, "expectation failed: %s", luaL_optstring(L, 2, "a false value"));
    return 0;
}

static int t_expect_eq(lua_State *L)
{
    if (lua_rawequal(L, 1, 2)) return 0;
    const char *note = lua_isstring(L, 3) ? lua_tostring(L, 3) : NULL;
    lua_settop(L, 2);
    const char *a = luaL_tolstring(L, 1, NULL);
    const char *b = luaL_tolstring(L, 2, NULL);
    return luaL_error(L, "expected %s, got %s%s%s", b, a, note ? ": " : "", note ? note : "");
}

static int t_expect_error(lua_State *L)
{
    luaL_checktype(L, 1, LUA_TFUNCTION);
    const char *want = luaL_checkstring(L, 2);
    lua_pushvalue(L, 1);
    if (lua_pcall(L, 0, 0, 0) == LUA_OK)
        return luaL_error(L, "expected an error containing '%s', got none", want);
    const char *msg = lua_tostring(L, -1);
    if (!msg || !strstr(msg, want))
        return luaL_error(L, "expected an error containing '%s', got: %s", want,
                          msg ? msg : "(not text)");
    return 0;
}

/* Runs one test file; adds to *passed and *failed. */
static void run_file(const char *path, const char **extra, int nextra, int *passed, int *failed)
{
    char dir[PATH_MAX];
    snprintf(dir, sizeof dir, "%s", path);
    char *slash = strrchr(dir, '/');
    if (slash)
        *slash = 0;
    else
        snprintf(dir, sizeof dir, ".");
    runner r = {dir, extra, nextra};
    bc_limits lim;
    bc_limits_default(&lim);
    lim.instructions *= 10; /* a test file runs many renders' worth of checks */
    const char *mdirs[] = {dir, NULL};
    bc_sandbox *sb = bc_sandbox_new(&lim, mdirs);
    lua_State *L = bc_sandbox_state(sb);
    bc_fmt_push(L);
    bc_sandbox_set_global(sb, "fmt");
    lua_pushlightuserdata(L, &r);
    lua_pushcclosure(L, t_render, 1);
    bc_sandbox_set_global(sb, "render");
    const luaL_Reg fns[] = {{"test", t_test},
                            {"expect", t_expect},
                            {"expect_eq", t_expect_eq},
                            {"expect_error", t_expect_error},
                            {NULL, NULL}};
    for (const luaL_Reg *f = fns; f->name; f++) {
        lua_pushcfunction(L, f->func);
        bc_sandbox_set_global(sb, f->name);
    }
    lua_newtable(L);
    lua_setfield(L, LUA_REGISTRYINDEX, "briefc.tests");
    bc_sandbox_push_env(sb);
    bc_error err;
    if (bc_sandbox_load(sb, path, path, -1, &err) != BC_OK ||
        (lua_remove(L, -2), bc_sandbox_call(sb, 0, 0, "test file", &err)) != BC_OK) {
        if (err.line)
            printf("FAIL %s:%d: %s\n", err.file, err.line, err.msg);
        else
            printf("FAIL %s: %s\n", path, err.msg);
        (*failed)++;
        bc_sandbox_free(sb);
        return;
    }
    lua_getfield(L, LUA_REGISTRYINDEX, "briefc.tests");
    int tests = lua_gettop(L);
    lua_Integer n = luaL_len(L, tests);
    if (n == 0) {
        printf("FAIL %s: no tests (call test(name, fn))\n", path);
        (*failed)++;
    }
    for (lua_Integer i = 1; i <= n; i++) {
        lua_rawgeti(L, tests, i);
        lua_rawgeti(L, -1, 1);
        const char *name = lua_tostring(L, -1);
        lua_rawgeti(L, -2, 2);
        char tname[256];
        snprintf(tname, sizeof tname, "%s", name ? name : "?");
        if (bc_sandbox_call(sb, 0, 0, "test", &err) == BC_OK) {
            printf("ok   %s: %s\n", path, tname);
            (*passed)++;
        } else {
            if (err.line)
                printf("FAIL %s: %s\n     %s:%d: %s\n", path, tname, err.file, err.line, err.msg);
            else
                printf("FAIL %s: %s\n     %s\n", path, tname, err.msg);
            (*failed)++;
        }
        lua_settop(L, tests);
    }
    bc_sandbox_free(sb);
}

static int ends_with(const char *s, const char *suffix)
{
    size_t a = strlen(s), b = strlen(suffix);
    return a >= b && strcmp(s + a - b, suffix) == 0;
}

int bc_cmd_test(int argc, char **argv)
{
    const char **extra = bc_xcalloc((size_t)argc + 1, sizeof(char *));
    const char **files = bc_xcalloc((size_t)argc + 1, sizeof(char *));
    int nextra = 0, nfiles = 0;
    const char *brief = NULL;
    bc_cli p; /* options from the table in cli.c */
    bc_cli_begin(&p, "test", argc, argv);
    for (bc_cli_id id; (id = bc_cli_next(&p)) != BC_OPT_END;) {
        if (id == BC_OPT_PLUGIN_PATH)
            extra[nextra++] = p.value;
        else if (id == BC_OPT_BRIEF)
            brief = p.value;
        else if (id == BC_OPT_ARG)
            files[nfiles++] = p.value;
        else {
            free(extra);
            free(files);
            return id == BC_OPT_STOP ? p.status
                                     : bc_cli_usage(&p, "'%s' is not handled here", p.opt);
        }
    }
    int passed = 0, failed = 0;
    if (nfiles) {
        for (int i = 0; i < nfiles; i++) run_file(files[i], extra, nextra, &passed, &failed);
    } else {
        /* Standing in a brief (or given one): its own tests, not every shipped plugin's. */
        if (!brief) brief = bc_host_brief_here();
        char **dirs = bc_host_search_path(brief, extra, nextra, bc_project_dir());
        for (int d = 0; dirs[d] && (!brief || d == 0); d++) { /* dirs[0]: the brief's plugins/ */
            struct dirent **list;
            int n = scandir(dirs[d], &list, NULL, alphasort);
            for (int i = 0; i < n; i++) {
                if (ends_with(list[i]->d_name, "_test.lua")) {
                    char path[PATH_MAX + 256];
                    snprintf(path, sizeof path, "%s/%s", dirs[d], list[i]->d_name);
                    run_file(path, extra, nextra, &passed, &failed);
                }
                free(list[i]);
            }
            if (n >= 0) free(list);
        }
        bc_host_free_path(dirs);
    }
    printf("%d passed, %d failed\n", passed, failed);
    free(extra);
    free(files);
    return failed || !passed ? BC_EXIT_BRIEF : 0;
}
