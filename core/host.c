/*
** host.c — plugin discovery, loading and the per-section render loop.
*/
#define _GNU_SOURCE
#include "host.h"

#include <ctype.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <lauxlib.h>

#include "api.h"
#include "fmt.h"
#include "markup.h"

struct bc_host {
    bc_sandbox *sb;
    bc_brief brief;
    char **dirs;       /* plugin search path, NULL-terminated */
    int ndirs;
    int keep_going;
    bc_api api;
};

/* A path for messages: relative to the working directory when it is below it. */
static char *display_path(const char *path)
{
    char cwd[PATH_MAX], real[PATH_MAX];
    if (path[0] != '/' || !getcwd(cwd, sizeof cwd)) return bc_xstrdup(path);
    if (!realpath(path, real)) snprintf(real, sizeof real, "%s", path);
    size_t n = strlen(cwd);
    if (strncmp(real, cwd, n) == 0 && real[n] == '/') return bc_xstrdup(real + n + 1);
    return bc_xstrdup(path);
}

static void add_dir(bc_host *h, const char *dir)
{
    if (!dir || !dir[0]) return;
    h->dirs = bc_xrealloc(h->dirs, (size_t)(h->ndirs + 2) * sizeof(char *));
    h->dirs[h->ndirs++] = display_path(dir);
    h->dirs[h->ndirs] = NULL;
}

bc_status bc_host_new(const bc_host_config *cfg, bc_host **out, bc_error *err)
{
    *out = NULL;
    bc_host *h = bc_xcalloc(1, sizeof *h);
    h->keep_going = cfg->keep_going;
    /* The search path needs the brief folder, which bc_brief_load works out; derive it the
       same way first (folder, or the folder of brief.lua). */
    char bdir[PATH_MAX];
    snprintf(bdir, sizeof bdir, "%s", cfg->brief);
    size_t n = strlen(bdir);
    while (n > 1 && bdir[n - 1] == '/') bdir[--n] = 0;
    if (n > 4 && strcmp(bdir + n - 4, ".lua") == 0) {
        char *slash = strrchr(bdir, '/');
        if (slash) *slash = 0;
        else snprintf(bdir, sizeof bdir, ".");
    }
    char tmp[PATH_MAX + 16];
    snprintf(tmp, sizeof tmp, "%s/plugins", bdir);
    add_dir(h, tmp);
    if (cfg->project_dir) {
        snprintf(tmp, sizeof tmp, "%s/plugins", cfg->project_dir);
        add_dir(h, tmp);
    }
    for (int i = 0; i < cfg->nplugin_dirs; i++) add_dir(h, cfg->plugin_dirs[i]);
    const char *env = getenv("BRIEFC_PLUGIN_PATH");
    if (env) {
        char *copy = bc_xstrdup(env), *save = NULL;
        for (char *p = strtok_r(copy, ":", &save); p; p = strtok_r(NULL, ":", &save)) add_dir(h, p);
        free(copy);
    }
    if (!h->dirs) add_dir(h, ".");
    bc_limits lim;
    bc_limits_default(&lim);
    h->sb = bc_sandbox_new(&lim, (const char *const *)h->dirs);
    if (!h->sb) {
        free(h);
        return bc_error_set(err, NULL, 0, "cannot create the Lua state (out of memory)");
    }
    bc_fmt_push(bc_sandbox_state(h->sb));
    bc_sandbox_set_global(h->sb, "fmt");
    if (bc_brief_load(h->sb, cfg->brief, cfg->defines, cfg->ndefines, &h->brief, err) != BC_OK) {
        bc_host_free(h);
        return BC_ERR;
    }
    bc_sandbox_set_limits(h->sb, &h->brief.limits);
    bc_api_open(bc_sandbox_state(h->sb));
    *out = h;
    return BC_OK;
}

void bc_host_free(bc_host *h)
{
    if (!h) return;
    bc_sandbox_free(h->sb);
    bc_brief_free(&h->brief);
    for (int i = 0; i < h->ndirs; i++) free(h->dirs[i]);
    free(h->dirs);
    bc_buf_free(&h->api.scratch);
    free(h);
}

const bc_brief *bc_host_brief(const bc_host *h) { return &h->brief; }
const char *const *bc_host_plugin_dirs(const bc_host *h) { return (const char *const *)h->dirs; }

/* {====================================================== plugins */

static int valid_plugin_name(const char *s)
{
    if (!s[0] || strlen(s) > 64) return 0;
    for (; *s; s++)
        if (!(islower((unsigned char)*s) || isdigit((unsigned char)*s) || *s == '_' || *s == '-'))
            return 0;
    return 1;
}

/*
** Pushes the plugin table for name, loading and checking it on first use (cached in the
** registry). On failure sets err and pushes nothing.
*/
static bc_status push_plugin(bc_host *h, const char *name, const bc_doc_section *decl,
                             bc_error *err)
{
    lua_State *L = bc_sandbox_state(h->sb);
    if (!valid_plugin_name(name))
        return bc_error_set(err, decl->file, decl->line,
                            "bad plugin name '%s' (lowercase letters, digits, '_' and '-')", name);
    lua_getfield(L, LUA_REGISTRYINDEX, "briefc.plugins");
    if (lua_isnil(L, -1)) {
        lua_pop(L, 1);
        lua_newtable(L);
        lua_pushvalue(L, -1);
        lua_setfield(L, LUA_REGISTRYINDEX, "briefc.plugins");
    }
    lua_getfield(L, -1, name);
    if (!lua_isnil(L, -1)) {
        lua_remove(L, -2);
        return BC_OK;
    }
    lua_pop(L, 1);
    char path[PATH_MAX];
    int found = 0;
    for (int i = 0; i < h->ndirs && !found; i++) {
        snprintf(path, sizeof path, "%s/%s.lua", h->dirs[i], name);
        found = access(path, R_OK) == 0;
    }
    if (!found) {
        lua_pop(L, 1);
        bc_error_set(err, decl->file, decl->line, "unknown plugin '%s'", name);
        size_t o = (size_t)snprintf(err->detail, sizeof err->detail, "  searched:");
        for (int i = 0; i < h->ndirs && o < sizeof err->detail; i++)
            o += (size_t)snprintf(err->detail + o, sizeof err->detail - o, " %s/", h->dirs[i]);
        return BC_ERR;
    }
    bc_sandbox_push_env(h->sb);
    if (bc_sandbox_load(h->sb, path, path, -1, err) != BC_OK) {
        lua_pop(L, 2);
        return BC_ERR;
    }
    lua_remove(L, -2); /* env: the chunk keeps it as its upvalue */
    char what[128];
    snprintf(what, sizeof what, "plugin '%s'", name);
    if (bc_sandbox_call(h->sb, 0, 1, what, err) != BC_OK) {
        lua_pop(L, 1);
        return BC_ERR;
    }
    const char *problem = NULL;
    if (!lua_istable(L, -1)) {
        problem = "the plugin file must return a table {name =, version =, api =, render =}";
    } else {
        lua_getfield(L, -1, "render");
        if (!lua_isfunction(L, -1)) problem = "the plugin table has no 'render' function";
        lua_pop(L, 1);
        lua_getfield(L, -1, "api");
        if (!problem && !lua_isinteger(L, -1))
            problem = "the plugin table needs 'api', the API level it was written for (1)";
        else if (!problem && lua_tointeger(L, -1) > BC_API_LEVEL) {
            static char msg[160];
            snprintf(msg, sizeof msg, "the plugin needs API level %d but this briefc provides "
                     "level %d; upgrade briefc", (int)lua_tointeger(L, -1), BC_API_LEVEL);
            problem = msg;
        }
        lua_pop(L, 1);
        lua_getfield(L, -1, "version");
        if (!problem && !lua_isstring(L, -1)) problem = "the plugin table needs a 'version' string";
        lua_pop(L, 1);
    }
    if (problem) {
        lua_pop(L, 2);
        return bc_error_set(err, path, 0, "%s", problem);
    }
    lua_pushvalue(L, -1);
    lua_setfield(L, -3, name);
    lua_remove(L, -2);
    return BC_OK;
}

/* }====================================================== */

/* {====================================================== render loop */

static void copy_table(lua_State *L, int src)
{
    src = lua_absindex(L, src);
    lua_newtable(L);
    if (!lua_istable(L, src)) return;
    lua_pushnil(L);
    while (lua_next(L, src)) {
        lua_pushvalue(L, -2);
        lua_insert(L, -2);
        lua_rawset(L, -4);
    }
}

static void push_meta(lua_State *L, const bc_meta *m)
{
    lua_newtable(L);
    const char *names[] = {"title", "subtitle", "series", "date", "authors", "keywords",
                           "language", "subject"};
    const char *vals[] = {m->title, m->subtitle, m->series, m->date, m->authors, m->keywords,
                          m->language, m->subject};
    for (int i = 0; i < 8; i++) {
        if (!vals[i]) continue;
        lua_pushstring(L, vals[i]);
        lua_setfield(L, -2, names[i]);
    }
}

/* ctx = {meta, params, options, section, brief_dir} with csv/read_text/warn methods */
static void push_ctx(bc_host *h, int decl_idx, const char *name)
{
    lua_State *L = bc_sandbox_state(h->sb);
    decl_idx = lua_absindex(L, decl_idx);
    lua_newtable(L);
    int ctx = lua_gettop(L);
    push_meta(L, &h->brief.meta);
    lua_setfield(L, ctx, "meta");
    lua_rawgeti(L, LUA_REGISTRYINDEX, h->brief.params_ref);
    copy_table(L, -1);
    lua_setfield(L, ctx, "params");
    lua_pop(L, 1);
    lua_getfield(L, decl_idx, "options");
    copy_table(L, -1);
    lua_setfield(L, ctx, "options");
    lua_pop(L, 1);
    lua_pushstring(L, name);
    lua_setfield(L, ctx, "section");
    lua_pushinteger(L, BC_API_LEVEL);
    lua_setfield(L, ctx, "api");
    lua_createtable(L, 0, 1);
    bc_api_push_ctx_methods(L, &h->api);
    lua_setfield(L, -2, "__index");
    lua_setmetatable(L, ctx);
}

static void error_box(bc_doc *doc, const bc_error *e, const char *name)
{
    bc_block *b = bc_doc_add(doc, BC_BLOCK_CALLOUT);
    const char *t = bc_arena_printf(doc->arena, "Section '%s' failed to build", name);
    bc_markup_plain(doc->arena, t, strlen(t), 0, &b->u.callout.title);
    const char *m = e->line > 0 ? bc_arena_printf(doc->arena, "%s:%d: %s", e->file, e->line, e->msg)
                                : bc_arena_printf(doc->arena, "%s", e->msg);
    b->u.callout.n = 1;
    b->u.callout.items = bc_arena_alloc(doc->arena, sizeof(bc_inline));
    bc_markup_plain(doc->arena, m, strlen(m), 0, &b->u.callout.items[0]);
}

bc_status bc_host_render(bc_host *h, bc_doc *doc, bc_buf *warnings, bc_error *err)
{
    lua_State *L = bc_sandbox_state(h->sb);
    const bc_brief *b = &h->brief;
    bc_status result = BC_OK;
    h->api.doc = doc;
    h->api.meta = &b->meta;
    h->api.brief_dir = b->dir;
    h->api.brief_real = b->real_dir;
    h->api.warnings = warnings;
    for (int i = 0; i < b->nsections; i++) {
        int top = lua_gettop(L);
        bc_brief_push_section(h->sb, b, i);
        int decl = lua_gettop(L);
        lua_getfield(L, decl, "plugin");
        const char *name = bc_arena_strdup(doc->arena, lua_tostring(L, -1));
        lua_pop(L, 1);
        lua_getfield(L, decl, "line");
        int line = (int)lua_tointeger(L, -1);
        lua_pop(L, 1);
        int si = bc_doc_section_begin(doc, name, b->path, line);
        const bc_doc_section *ds = &doc->sections[si];
        h->api.section = name;
        bc_error e;
        bc_error_clear(&e);
        bc_status st = push_plugin(h, name, ds, &e);
        if (st == BC_OK) {
            bc_api_push_builder(L, &h->api);
            int builder = lua_gettop(L);
            lua_getfield(L, -2, "render");
            lua_pushvalue(L, builder);
            push_ctx(h, decl, name);
            char what[160];
            snprintf(what, sizeof what, "section '%s'", name);
            st = bc_sandbox_call(h->sb, 2, 0, what, &e);
            bc_api_expire(L, builder);
        }
        if (st != BC_OK) {
            /* Say which section of which brief, after the plugin's own location. */
            char ctxline[600];
            snprintf(ctxline, sizeof ctxline, "  in section %d '%s' (%s:%d)", i + 1, name, b->path,
                     line);
            size_t dl = strlen(e.detail);
            char detail[sizeof e.detail];
            snprintf(detail, sizeof detail, "%s%s%.3400s", ctxline, dl ? "\n" : "", e.detail);
            memcpy(e.detail, detail, sizeof detail);
            if (!e.file[0]) {
                snprintf(e.file, sizeof e.file, "%s", b->path);
                e.line = line;
            }
            if (result == BC_OK) {
                *err = e;
                result = BC_ERR;
            }
            if (!h->keep_going) {
                lua_settop(L, top);
                return result;
            }
            bc_error_print(&e, "briefc");
            error_box(doc, &e, name);
        }
        lua_settop(L, top);
    }
    return result;
}

/* }====================================================== */
