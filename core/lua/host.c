/*
** host.c — plugin discovery, loading and the per-section render loop.
*/
#define _GNU_SOURCE
#include "lua/host.h"

#include <ctype.h>
#include <dirent.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <lauxlib.h>

#include "lua/api.h"
#include "base/suggest.h"
#include "doc/bib.h"
#include "lua/fmt.h"
#include "doc/lang.h"
#include "doc/markup.h"
#include "lua/num.h"

struct bc_host {
    bc_sandbox *sb;
    bc_brief brief;
    char **dirs; /* plugin search path, NULL-terminated */
    int ndirs;
    int keep_going;
    bc_api api;
    bc_bib *bib;
};

/* t[k] read raw: a table a plugin or brief.lua made may have metamethods, and host code
   outside a protected call must never run them. */
static int rawfield(lua_State *L, int t, const char *k)
{
    t = lua_absindex(L, t);
    lua_pushstring(L, k);
    return lua_rawget(L, t);
}

/* A path for messages: relative to the working directory when it is below it. */
static char *display_path(const char *path)
{
    char cwd[PATH_MAX], real[PATH_MAX];
    if (!getcwd(cwd, sizeof cwd) || !realpath(path, real)) return bc_xstrdup(path);
    size_t n = strlen(cwd);
    if (strncmp(real, cwd, n) == 0 && real[n] == '/') return bc_xstrdup(real + n + 1);
    return bc_xstrdup(path);
}

static void add_dir(char ***dirs, int *n, const char *dir)
{
    if (!dir || !dir[0]) return;
    *dirs = bc_xrealloc(*dirs, (size_t)(*n + 2) * sizeof(char *));
    (*dirs)[(*n)++] = display_path(dir);
    (*dirs)[*n] = NULL;
}

char **bc_host_search_path(const char *brief_dir, const char *const *plugin_dirs, int n,
                           const char *project_dir)
{
    char **dirs = NULL;
    int nd = 0;
    char tmp[PATH_MAX + 16];
    if (brief_dir) {
        snprintf(tmp, sizeof tmp, "%s/plugins", brief_dir);
        add_dir(&dirs, &nd, tmp);
    }
    if (project_dir) {
        snprintf(tmp, sizeof tmp, "%s/plugins", project_dir);
        add_dir(&dirs, &nd, tmp);
    }
    for (int i = 0; i < n; i++) add_dir(&dirs, &nd, plugin_dirs[i]);
    const char *env = getenv("BRIEFC_PLUGIN_PATH");
    if (env) {
        char *copy = bc_xstrdup(env), *save = NULL;
        for (char *p = strtok_r(copy, ":", &save); p; p = strtok_r(NULL, ":", &save))
            add_dir(&dirs, &nd, p);
        free(copy);
    }
    if (!dirs) add_dir(&dirs, &nd, ".");
    return dirs;
}

const char *bc_host_brief_here(void)
{
    struct stat st;
    return stat("brief.lua", &st) == 0 && S_ISREG(st.st_mode) ? "." : NULL;
}

void bc_host_free_path(char **dirs)
{
    for (int i = 0; dirs && dirs[i]; i++) free(dirs[i]);
    free(dirs);
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
        if (slash)
            *slash = 0;
        else
            snprintf(bdir, sizeof bdir, ".");
    }
    h->dirs = bc_host_search_path(bdir, cfg->plugin_dirs, cfg->nplugin_dirs, cfg->project_dir);
    while (h->dirs[h->ndirs]) h->ndirs++;
    bc_limits lim;
    bc_limits_default(&lim);
    h->sb = bc_sandbox_new(&lim, (const char *const *)h->dirs);
    if (!h->sb) {
        bc_host_free_path(h->dirs);
        free(h);
        return bc_error_set(err, NULL, 0, "cannot create the Lua state (out of memory)");
    }
    bc_fmt_push(bc_sandbox_state(h->sb));
    bc_sandbox_set_global(h->sb, "fmt");
    if (bc_brief_load(h->sb, cfg->brief, cfg->brief_text, cfg->defines, cfg->ndefines, &h->brief,
                      err) != BC_OK) {
        bc_host_free(h);
        return BC_ERR;
    }
    bc_sandbox_set_limits(h->sb, &h->brief.limits);
    bc_api_open(bc_sandbox_state(h->sb));
    if (h->brief.bibliography) {
        /* confined to the brief's folder, as plugin reads are (fileio.h) */
        char joined[PATH_MAX * 2], display[PATH_MAX * 2];
        snprintf(joined, sizeof joined, "%s/%s", h->brief.real_dir, h->brief.bibliography);
        snprintf(display, sizeof display, "%s/%s", h->brief.dir, h->brief.bibliography);
        if (bc_bib_load(joined, display, h->brief.real_dir, &h->bib, err) != BC_OK) {
            bc_host_free(h);
            return BC_ERR;
        }
        h->bib->style = h->brief.numeric_citations ? BC_CITE_NUMERIC : BC_CITE_AUTHOR_YEAR;
        h->api.bib = h->bib;
    }
    if (h->brief.theme.nnocite && /* theme.nocite: listed though uncited */
        (h->bib ? bc_bib_nocite(h->bib, h->brief.theme.nocite, h->brief.theme.nnocite, err)
                : bc_error_set(err, NULL, 0,
                               "theme.nocite lists references, but the brief has "
                               "no bibliography; add bibliography = "
                               "\"data/references.json\"")) != BC_OK) {
        snprintf(err->file, sizeof err->file, "%s", h->brief.path);
        bc_host_free(h);
        return BC_ERR;
    }
    if (cfg->only_plugin) {
        lua_State *L = bc_sandbox_state(h->sb);
        bc_sandbox_push_env(h->sb);
        const char *src = cfg->only_options ? cfg->only_options : "{}";
        size_t len = strlen(src);
        char *chunk = bc_xmalloc(len + 8);
        snprintf(chunk, len + 8, "return %s", src);
        bc_status st = bc_sandbox_load_text(h->sb, chunk, strlen(chunk), "options", -1, err);
        free(chunk);
        if (st == BC_OK) st = bc_sandbox_call(h->sb, 0, 1, "options", err);
        if (st != BC_OK) {
            bc_host_free(h);
            return BC_ERR;
        }
        lua_remove(L, -2); /* env */
        bc_brief_only_section(h->sb, &h->brief, cfg->only_plugin);
    }
    *out = h;
    return BC_OK;
}

void bc_host_free(bc_host *h)
{
    if (!h) return;
    bc_sandbox_free(h->sb);
    bc_brief_free(&h->brief);
    bc_bib_free(h->bib);
    bc_host_free_path(h->dirs);
    bc_buf_free(&h->api.scratch);
    free(h);
}

const bc_brief *bc_host_brief(const bc_host *h) { return &h->brief; }

void bc_host_param_names(bc_host *h, char *out, size_t cap)
{
    lua_State *L = bc_sandbox_state(h->sb);
    size_t o = (size_t)snprintf(out, cap, ",");
    lua_rawgeti(L, LUA_REGISTRYINDEX, h->brief.params_ref);
    if (lua_istable(L, -1)) {
        lua_pushnil(L);
        while (lua_next(L, -2)) {
            lua_pop(L, 1);
            if (lua_type(L, -1) == LUA_TSTRING && o < cap)
                o += (size_t)snprintf(out + o, cap - o, "%s,", lua_tostring(L, -1));
        }
    }
    lua_pop(L, 1);
}
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

/* The plugin on the path whose name is nearest to a misspelled one, into out ("" if none). */
static void nearest_plugin(const bc_host *h, const char *name, char *out, size_t cap)
{
    char best[72] = "";
    int bd = 3;
    out[0] = 0;
    for (int i = 0; i < h->ndirs; i++) {
        DIR *dir = opendir(h->dirs[i]);
        if (!dir) continue;
        for (struct dirent *e; (e = readdir(dir)) != NULL;) {
            size_t n = strlen(e->d_name);
            if (n < 5 || n > 68 || strcmp(e->d_name + n - 4, ".lua") != 0) continue;
            if (n > 9 && !strcmp(e->d_name + n - 9, "_test.lua")) continue;
            char cand[72];
            snprintf(cand, sizeof cand, "%.*s", (int)(n - 4), e->d_name);
            int d = bc_distance(name, cand);
            if (d > 0 && d < bd && (size_t)d * 2 <= strlen(name)) {
                bd = d;
                snprintf(best, sizeof best, "%s", cand);
            }
        }
        closedir(dir);
    }
    snprintf(out, cap, "%s", best);
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
    rawfield(L, -1, name);
    if (!lua_isnil(L, -1)) {
        lua_remove(L, -2);
        return BC_OK;
    }
    lua_pop(L, 1);
    char path[PATH_MAX];
    int found = 0;
    for (int i = 0; i < h->ndirs && !found; i++) {
        snprintf(path, sizeof path, "%s/%s.lua", h->dirs[i], name);
        struct stat ls; /* a link counts, leading nowhere or out: the door refuses it */
        found = lstat(path, &ls) == 0;
    }
    if (!found) {
        lua_pop(L, 1);
        char near[72];
        nearest_plugin(h, name, near, sizeof near);
        if (near[0])
            bc_error_set(err, decl->file, decl->line, "unknown plugin '%s' (did you mean '%s'?)",
                         name, near);
        else
            bc_error_set(err, decl->file, decl->line, "unknown plugin '%s'", name);
        size_t o = (size_t)snprintf(err->detail, sizeof err->detail, "  searched:");
        for (int i = 0; i < h->ndirs && o < sizeof err->detail; i++)
            o += (size_t)snprintf(err->detail + o, sizeof err->detail - o, " %s/", h->dirs[i]);
        return BC_ERR;
    }
    bc_sandbox_push_env(h->sb);
    if (bc_sandbox_load(h->sb, path, path, -1, err) != BC_OK) {
        lua_pop(L, 2);
        if (err->line == 0) { /* refused unread (fileio.h): say which section asked for it */
            char msg[sizeof err->msg];
            snprintf(msg, sizeof msg, "plugin '%s': %.1900s", name, err->msg);
            bc_error_set(err, decl->file, decl->line, "%s", msg);
        }
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
    } else if (lua_getmetatable(L, -1)) {
        lua_pop(L, 1);
        problem = "the plugin file must return a plain table (without a metatable)";
    } else {
        rawfield(L, -1, "render");
        if (!lua_isfunction(L, -1)) problem = "the plugin table has no 'render' function";
        lua_pop(L, 1);
        rawfield(L, -1, "api");
        if (!problem && (!lua_isinteger(L, -1) || lua_tointeger(L, -1) < 1))
            problem = "the plugin table needs 'api', the API level it was written for (1)";
        else if (!problem && lua_tointeger(L, -1) > BC_API_LEVEL) {
            static char msg[160];
            snprintf(msg, sizeof msg,
                     "the plugin needs API level %lld but this briefc provides "
                     "level %d; upgrade briefc",
                     (long long)lua_tointeger(L, -1), BC_API_LEVEL);
            problem = msg;
        }
        lua_pop(L, 1);
        rawfield(L, -1, "version");
        if (!problem && lua_type(L, -1) != LUA_TSTRING && lua_type(L, -1) != LUA_TNUMBER)
            problem = "the plugin table needs a 'version' string";
        lua_pop(L, 1);
    }
    if (problem) {
        lua_pop(L, 2);
        return bc_error_set(err, path, 0, "%s", problem);
    }
    rawfield(L, -1, "name"); /* sections name a plugin by its file: a different name misleads */
    if (h->api.warnings && lua_type(L, -1) == LUA_TSTRING && strcmp(lua_tostring(L, -1), name)) {
        const char *own = lua_tostring(L, -1); /* shown only when it is a plain name */
        bc_buf_printf(h->api.warnings,
                      "%s: warning: the plugin calls itself '%.64s' but sections "
                      "find it by its file name '%s'; make its name '%s' or rename the file\n",
                      path, valid_plugin_name(own) ? own : "(not a plugin name)", name, name);
    }
    lua_pop(L, 1);
    lua_pushvalue(L, -1);
    lua_setfield(L, -3, name);
    lua_remove(L, -2);
    return BC_OK;
}

/* }====================================================== */

/* {====================================================== render loop */

#define COPY_DEPTH 100

/*
** Pushes a deep copy of the value at src: tables are copied through raw reads, without their
** metatables, keeping shared and cyclic parts shared and cyclic within the copy (seen maps
** each original table to its copy). Each plugin gets its own copy of the brief's params and
** of its options, so nothing one plugin changes there reaches another.
*/
static void deep_copy(lua_State *L, int src, int seen, int depth)
{
    src = lua_absindex(L, src);
    if (lua_type(L, src) != LUA_TTABLE) {
        lua_pushvalue(L, src);
        return;
    }
    lua_pushvalue(L, src);
    if (lua_rawget(L, seen) != LUA_TNIL) return;
    lua_pop(L, 1);
    if (depth > COPY_DEPTH)
        luaL_error(L,
                   "the brief's params or the section's options are nested deeper than %d "
                   "levels",
                   COPY_DEPTH);
    luaL_checkstack(L, 8, "copying params");
    lua_newtable(L);
    int dst = lua_gettop(L);
    lua_pushvalue(L, src);
    lua_pushvalue(L, dst);
    lua_rawset(L, seen);
    lua_pushnil(L);
    while (lua_next(L, src)) {
        deep_copy(L, -2, seen, depth + 1); /* the key */
        deep_copy(L, -2, seen, depth + 1); /* the value */
        lua_rawset(L, dst);
        lua_pop(L, 1);
    }
}

static void push_meta(lua_State *L, const bc_meta *m)
{
    lua_newtable(L);
    const char *names[] = {"title",   "subtitle", "series",   "date",
                           "authors", "keywords", "language", "subject"};
    const char *vals[] = {m->title,   m->subtitle, m->series,   m->date,
                          m->authors, m->keywords, m->language, m->subject};
    for (int i = 0; i < 8; i++) {
        if (!vals[i]) continue;
        lua_pushstring(L, vals[i]);
        lua_setfield(L, -2, names[i]);
    }
}

/*
** ctx = {meta, params, options, section, api} with csv/json/read_text/warn methods. Runs as a
** protected call (host, section declaration, section name): the copies count against the
** memory cap, and running out of it is the section's error.
*/
static int build_ctx(lua_State *L)
{
    bc_host *h = lua_touserdata(L, 1);
    const char *name = lua_tostring(L, 3);
    lua_newtable(L);
    int seen = lua_gettop(L);
    lua_newtable(L);
    int ctx = lua_gettop(L);
    push_meta(L, &h->brief.meta);
    lua_setfield(L, ctx, "meta");
    lua_rawgeti(L, LUA_REGISTRYINDEX, h->brief.params_ref);
    if (!lua_istable(L, -1)) {
        lua_pop(L, 1);
        lua_newtable(L);
    }
    deep_copy(L, -1, seen, 0);
    lua_setfield(L, ctx, "params");
    lua_pop(L, 1);
    rawfield(L, 2, "options");
    if (!lua_istable(L, -1)) {
        lua_pop(L, 1);
        lua_newtable(L);
    }
    deep_copy(L, -1, seen, 0);
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
    return 1;
}

/* section "x" { language = "fr" }: the section's language, for its structure elements and
   its hyphenation (doc/doc.h), taken out of ctx.options unless the plugin declares a
   "language" option of its own. A tag that is not BCP 47 is the brief's error at its line. */
static bc_status section_language(lua_State *L, int ctx, int plugin, bc_doc_section *ds,
                                  bc_arena *a, bc_error *e)
{
    int top = lua_gettop(L);
    if (rawfield(L, plugin, "options") == LUA_TTABLE && rawfield(L, -1, "language") != LUA_TNIL) {
        lua_settop(L, top);
        return BC_OK;
    }
    lua_settop(L, top);
    bc_status st = BC_OK;
    if (rawfield(L, ctx, "options") == LUA_TTABLE) {
        int opts = lua_gettop(L);
        int t = rawfield(L, opts, "language");
        size_t vn = 0; /* the whole string: a NUL in it is no tag */
        const char *v = t == LUA_TSTRING ? lua_tolstring(L, -1, &vn) : NULL;
        if (t != LUA_TNIL && !(v && bc_lang_tag_ok_n(v, vn))) {
            st = bc_error_set(e, ds->file, ds->line,
                              "section '%.64s': language %s%.40s%s a BCP 47 "
                              "tag; write it like 'fr', 'fr-CA' or 'ur-PK'",
                              ds->name, v ? "'" : "", v ? v : "must be text,",
                              !v                ? ""
                              : strlen(v) != vn ? "\\0…' is not"
                                                : "' is not");
        } else if (v) {
            ds->lang = bc_arena_strdup(a, v);
            lua_pushstring(L, "language");
            lua_pushnil(L);
            lua_rawset(L, opts);
        }
    }
    lua_settop(L, top);
    return st;
}

/* {====================================================== declared options */

static const char *value_type(lua_State *L, int idx)
{
    if (lua_isinteger(L, idx)) return "integer";
    return luaL_typename(L, idx);
}

static int type_ok(lua_State *L, int idx, const char *want)
{
    int t = lua_type(L, idx);
    if (!strcmp(want, "number")) return t == LUA_TNUMBER;
    if (!strcmp(want, "integer")) return lua_isinteger(L, idx);
    if (!strcmp(want, "string")) return t == LUA_TSTRING;
    if (!strcmp(want, "boolean")) return t == LUA_TBOOLEAN;
    if (!strcmp(want, "table") || !strcmp(want, "list")) return t == LUA_TTABLE;
    return 1;
}

/*
** validate(options, declared): checks a section's options against the plugin's declarations
** {name = {type =, default =, required =, description =}} and fills in defaults. Runs as a
** protected call: the tables come from plugin code and may have metamethods.
*/
static int validate_options(lua_State *L)
{
    luaL_checktype(L, 1, LUA_TTABLE);
    if (lua_isnil(L, 2)) return 0;
    if (!lua_istable(L, 2))
        return luaL_error(L, "the plugin's 'options' must be a table of declarations");
    /* every given option is declared */
    lua_pushnil(L);
    while (lua_next(L, 1)) {
        lua_pop(L, 1);
        if (lua_type(L, -1) != LUA_TSTRING) return luaL_error(L, "option names must be strings");
        const char *k = lua_tostring(L, -1);
        lua_pushvalue(L, -1);
        lua_rawget(L, 2);
        int known = !lua_isnil(L, -1);
        lua_pop(L, 1);
        if (known) continue;
        const char *best = NULL;
        int bd = 3;
        lua_pushnil(L);
        while (lua_next(L, 2)) {
            lua_pop(L, 1);
            if (lua_type(L, -1) == LUA_TSTRING) {
                int d = bc_brief_distance(k, lua_tostring(L, -1));
                if (d < bd) {
                    bd = d;
                    best = lua_tostring(L, -1);
                }
            }
        }
        if (best) return luaL_error(L, "unknown option '%s' (did you mean '%s'?)", k, best);
        return luaL_error(L, "unknown option '%s' (see briefc plugins NAME for its options)", k);
    }
    /* types, required options, defaults */
    lua_pushnil(L);
    while (lua_next(L, 2)) {
        const char *k = lua_tostring(L, -2);
        if (!k || !lua_istable(L, -1))
            return luaL_error(L, "option declaration '%s' must be a table", k ? k : "?");
        int spec = lua_gettop(L);
        lua_getfield(L, spec, "type");
        const char *want = lua_tostring(L, -1);
        lua_getfield(L, 1, k);
        int val = lua_gettop(L);
        if (lua_isnil(L, val)) {
            lua_getfield(L, spec, "required");
            int required = lua_toboolean(L, -1);
            lua_pop(L, 1);
            if (required) {
                lua_getfield(L, spec, "description");
                const char *d = lua_tostring(L, -1);
                return luaL_error(L, "option '%s' is required%s%s%s", k, d ? " (" : "", d ? d : "",
                                  d ? ")" : "");
            }
            lua_getfield(L, spec, "default");
            lua_setfield(L, 1, k);
        } else if (want && !type_ok(L, val, want)) {
            return luaL_error(L, "option '%s' must be %s %s, got %s", k,
                              strchr("aeiou", want[0]) ? "an" : "a", want, value_type(L, val));
        } else if (lua_type(L, val) == LUA_TNUMBER) {
            char name[160], msg[300];
            double v;
            snprintf(name, sizeof name, "option '%.100s'", k);
            if (!bc_num_read(L, val, name, -HUGE_VAL, HUGE_VAL, 0, &v, msg, sizeof msg))
                return luaL_error(L, "%s", msg);
        }
        lua_settop(L, spec - 1);
    }
    return 0;
}

/* }====================================================== */

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

/*
** After the last section the Lua state is closed, with a budget active, before anything is
** laid out or written: no Lua code runs after render returns, and no host handle outlives
** the document it points to.
*/
static bc_status finish_render(bc_host *h, bc_status result, bc_error *err)
{
    bc_error e;
    bc_error_clear(&e);
    if (bc_sandbox_close(h->sb, &e) != BC_OK && result == BC_OK) {
        if (!e.file[0]) snprintf(e.file, sizeof e.file, "%s", h->brief.path);
        *err = e;
        result = BC_ERR;
    }
    h->api.doc = NULL;
    h->api.warnings = NULL;
    h->api.section = NULL;
    return result;
}

bc_status bc_host_render(bc_host *h, bc_doc *doc, bc_buf *warnings, bc_error *err)
{
    lua_State *L = bc_sandbox_state(h->sb);
    const bc_brief *b = &h->brief;
    bc_status result = BC_OK;
    h->api.doc = doc;
    doc->bib = h->bib;
    doc->lang = b->meta.language;
    doc->heading_style = b->theme.heading_numbers;
    doc->unnumbered = b->theme.unnumbered;
    doc->nunnumbered = b->theme.nunnumbered;
    h->api.meta = &b->meta;
    h->api.brief_dir = b->dir;
    h->api.brief_real = b->real_dir;
    h->api.warnings = warnings;
    h->api.image_max_dpi = b->image_max_dpi;
    h->api.image_quality = b->image_quality;
    h->api.measure = b->theme.page_w - b->theme.margin_l - b->theme.margin_r;
    for (int i = 0; i < b->nsections; i++) {
        int top = lua_gettop(L);
        bc_brief_push_section(h->sb, b, i);
        int decl = lua_gettop(L);
        rawfield(L, decl, "plugin");
        const char *pname = lua_type(L, -1) == LUA_TSTRING ? lua_tostring(L, -1) : "?";
        const char *name = bc_arena_strdup(doc->arena, pname);
        lua_pop(L, 1);
        rawfield(L, decl, "line");
        lua_Integer ln = lua_tointeger(L, -1); /* 0 unless a whole number */
        int line = ln > 0 && ln < INT_MAX ? (int)ln : 0;
        lua_pop(L, 1);
        int si = bc_doc_section_begin(doc, name, b->path, line);
        const bc_doc_section *ds = &doc->sections[si];
        h->api.section = name;
        bc_error e;
        bc_error_clear(&e);
        bc_status st = push_plugin(h, name, ds, &e);
        if (st == BC_OK) {
            int plugin = lua_gettop(L);
            char what[160];
            snprintf(what, sizeof what, "section '%s'", name);
            lua_pushcfunction(L, build_ctx);
            lua_pushlightuserdata(L, h);
            lua_pushvalue(L, decl);
            lua_pushstring(L, name);
            st = bc_sandbox_call(h->sb, 3, 1, what, &e);
            int ctx = lua_gettop(L);
            if (st == BC_OK)
                st = section_language(L, ctx, plugin, &doc->sections[si], doc->arena, &e);
            if (st == BC_OK) {
                lua_pushcfunction(L, validate_options);
                rawfield(L, ctx, "options");
                rawfield(L, plugin, "options");
                st = bc_sandbox_call(h->sb, 2, 0, what, &e);
                if (st != BC_OK) {
                    /* the fault is in the brief's section declaration */
                    char msg[sizeof e.msg];
                    snprintf(msg, sizeof msg, "section '%.64s': %.1900s", name, e.msg);
                    bc_error_set(&e, b->path, line, "%s", msg);
                }
            }
            if (st == BC_OK) {
                bc_api_push_builder(L, &h->api);
                int builder = lua_gettop(L);
                rawfield(L, plugin, "render");
                lua_pushvalue(L, builder);
                lua_pushvalue(L, ctx);
                st = bc_sandbox_call(h->sb, 2, 0, what, &e);
                bc_api_expire(L, builder);
            }
            bc_api_expire_ctx(&h->api); /* this section's ctx methods refuse from now on */
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
                return finish_render(h, result, err);
            }
            bc_error_print(&e, "briefc");
            error_box(doc, &e, name);
        }
        lua_settop(L, top);
    }
    result = finish_render(h, result, err);
    if (h->keep_going) doc->lenient = warnings; /* a failed section's labels show as ?? */
    if ((result == BC_OK || h->keep_going) && bc_doc_resolve(doc, NULL, err) != BC_OK)
        result = BC_ERR;
    return result;
}

/* }====================================================== */
