/*
** cmd_plugins.c — `briefc plugins [NAME]` lists plugins on the search path (shadowed ones
** marked) or documents one; `briefc new plugin NAME` writes a working skeleton and its test.
*/
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <lauxlib.h>

#include "cli/build.h"
#include "cli/cli.h"
#include "cli/cmd.h"
#include "lua/fmt.h"
#include "lua/host.h"
#include "lua/sandbox.h"

static int plugin_file_name(const char *file, char *name, size_t cap)
{
    size_t n = strlen(file);
    if (n < 5 || strcmp(file + n - 4, ".lua") != 0) return 0;
    if (n > 9 && strcmp(file + n - 9, "_test.lua") == 0) return 0;
    if (n - 4 >= cap) return 0;
    for (size_t i = 0; i < n - 4; i++)
        if (!(islower((unsigned char)file[i]) || isdigit((unsigned char)file[i]) ||
              file[i] == '_' || file[i] == '-'))
            return 0;
    memcpy(name, file, n - 4);
    name[n - 4] = 0;
    return 1;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Loads a plugin file in the sandbox and leaves its table on top. The table is then read raw
   only (a plugin's metamethods never run outside its protected, budgeted load). */
static bc_status load_plugin(bc_sandbox *sb, const char *path, bc_error *err)
{
    lua_State *L = bc_sandbox_state(sb);
    bc_sandbox_push_env(sb);
    if (bc_sandbox_load(sb, path, path, -1, err) != BC_OK) {
        lua_pop(L, 1);
        return BC_ERR;
    }
    lua_remove(L, -2);
    if (bc_sandbox_call(sb, 0, 1, "plugin", err) != BC_OK) return BC_ERR;
    if (!lua_istable(L, -1)) {
        lua_pop(L, 1);
        return bc_error_set(err, path, 0, "the plugin file must return a table");
    }
    if (lua_getmetatable(L, -1)) {
        lua_pop(L, 2);
        return bc_error_set(err, path, 0,
                            "the plugin file must return a plain table (without "
                            "a metatable)");
    }
    return BC_OK;
}

/* t[k] read raw, onto the stack. */
static int rawfield(lua_State *L, int t, const char *k)
{
    t = lua_absindex(L, t);
    lua_pushstring(L, k);
    return lua_rawget(L, t);
}

/* A string or number field of the table at t as text, cut to fit buf; "" otherwise. */
static const char *field(lua_State *L, int t, const char *k, char *buf, size_t cap)
{
    rawfield(L, t, k);
    buf[0] = 0;
    if (lua_type(L, -1) == LUA_TSTRING) {
        size_t len;
        const char *v = lua_tolstring(L, -1, &len);
        snprintf(buf, cap, "%.*s", (int)(len < cap ? len : cap - 1), v);
    } else if (lua_isinteger(L, -1)) {
        snprintf(buf, cap, "%lld", (long long)lua_tointeger(L, -1));
    } else if (lua_type(L, -1) == LUA_TNUMBER) {
        snprintf(buf, cap, "%g", (double)lua_tonumber(L, -1));
    }
    lua_pop(L, 1);
    return buf;
}

static void describe(lua_State *L, const char *path)
{
    char name[128], version[64], desc[512], api[16];
    int t = lua_gettop(L);
    printf("%s %s (API level %s)\n", field(L, t, "name", name, sizeof name),
           field(L, t, "version", version, sizeof version), field(L, t, "api", api, sizeof api));
    printf("  %s\n", field(L, t, "description", desc, sizeof desc));
    printf("  file: %s\n", path);
    rawfield(L, t, "options");
    if (!lua_istable(L, -1)) {
        printf("  options: none declared\n");
        lua_pop(L, 1);
        return;
    }
    int o = lua_gettop(L);
    /* sorted option names */
    const char *names[256];
    int n = 0;
    lua_pushnil(L);
    while (n < 256 && lua_next(L, o)) {
        lua_pop(L, 1);
        if (lua_type(L, -1) == LUA_TSTRING) names[n++] = lua_tostring(L, -1);
    }
    qsort(names, (size_t)n, sizeof *names, cmp_str);
    printf("  options:\n");
    for (int i = 0; i < n; i++) {
        rawfield(L, o, names[i]);
        int s = lua_gettop(L);
        char type[32], d[512];
        int spec = lua_istable(L, s);
        if (spec) {
            field(L, s, "type", type, sizeof type);
            field(L, s, "description", d, sizeof d);
        } else {
            type[0] = d[0] = 0;
        }
        if (spec)
            rawfield(L, s, "required");
        else
            lua_pushnil(L);
        int req = lua_toboolean(L, -1);
        if (spec)
            rawfield(L, s, "default");
        else
            lua_pushnil(L);
        char def[128] = "", val[100];
        if (lua_type(L, -1) == LUA_TSTRING)
            snprintf(def, sizeof def, " = \"%s\"", field(L, s, "default", val, sizeof val));
        else if (lua_type(L, -1) == LUA_TNUMBER)
            snprintf(def, sizeof def, " = %s", field(L, s, "default", val, sizeof val));
        else if (lua_type(L, -1) == LUA_TBOOLEAN)
            snprintf(def, sizeof def, " = %s", lua_toboolean(L, -1) ? "true" : "false");
        else if (!lua_isnil(L, -1))
            snprintf(def, sizeof def, " = (a %s)", luaL_typename(L, -1));
        printf("    %-14s %-8s%s%s\n", names[i], type[0] ? type : "any", req ? " (required)" : def,
               d[0] ? "" : "");
        if (d[0]) printf("    %-14s %s\n", "", d);
        lua_settop(L, s - 1);
    }
    lua_pop(L, 1);
}

int bc_cmd_plugins(int argc, char **argv)
{
    const char *brief = NULL, *want = NULL;
    const char **extra = bc_xcalloc((size_t)argc + 1, sizeof(char *));
    int nextra = 0, rc = 0;
    bc_cli p; /* options from the table in cli.c */
    bc_cli_begin(&p, "plugins", argc, argv);
    for (bc_cli_id id; (id = bc_cli_next(&p)) != BC_OPT_END;) {
        if (id == BC_OPT_BRIEF)
            brief = p.value;
        else if (id == BC_OPT_PLUGIN_PATH)
            extra[nextra++] = p.value;
        else if (id == BC_OPT_ARG)
            want = p.value;
        else {
            free(extra);
            return id == BC_OPT_STOP ? p.status
                                     : bc_cli_usage(&p, "'%s' is not handled here", p.opt);
        }
    }
    if (!brief) brief = bc_host_brief_here();
    char **dirs = bc_host_search_path(brief, extra, nextra, bc_project_dir());
    bc_limits lim;
    bc_limits_default(&lim);
    bc_sandbox *sb = bc_sandbox_new(&lim, (const char *const *)dirs);
    bc_sandbox_set_root(sb, brief); /* as a build does: links inside the brief are fine */
    lua_State *L = bc_sandbox_state(sb);
    bc_fmt_push(L);
    bc_sandbox_set_global(sb, "fmt");
    char **seen = NULL;
    int nseen = 0, found = 0;
    for (int d = 0; dirs[d]; d++) {
        DIR *dir = opendir(dirs[d]);
        if (!dir) continue;
        char **files = NULL;
        int nf = 0;
        struct dirent *e;
        while ((e = readdir(dir))) {
            char name[128];
            if (!plugin_file_name(e->d_name, name, sizeof name)) continue;
            files = bc_xrealloc(files, (size_t)(nf + 1) * sizeof *files);
            files[nf++] = bc_xstrdup(name);
        }
        closedir(dir);
        qsort(files, (size_t)nf, sizeof *files, cmp_str);
        for (int i = 0; i < nf; i++) {
            char path[4096];
            snprintf(path, sizeof path, "%s/%s.lua", dirs[d], files[i]);
            const char *shadow = NULL;
            for (int k = 0; k < nseen; k++)
                if (!strcmp(seen[k] + strlen(seen[k]) + 1, files[i])) shadow = seen[k];
            if (want && strcmp(want, files[i]) != 0) goto next;
            if (want && found) {
                printf("  (shadowed: %s)\n", path);
                goto next;
            }
            bc_error err;
            int top = lua_gettop(L);
            if (load_plugin(sb, path, &err) != BC_OK) {
                if (err.line)
                    printf("%-18s %s:%d: error: %s\n", files[i], err.file, err.line, err.msg);
                else
                    printf("%-18s %s: error: %s\n", files[i], path, err.msg);
                rc = BC_EXIT_BRIEF;
                if (want) found = 1; /* reported: not also "no plugin" */
            } else if (want) {
                describe(L, path);
                found = 1;
            } else {
                char version[64], desc[512];
                printf("%-18s %-8s %-52s %s", files[i],
                       field(L, -1, "version", version, sizeof version),
                       field(L, -1, "description", desc, sizeof desc), path);
                if (shadow) printf("  (shadowed by %s/)", shadow);
                printf("\n");
            }
            lua_settop(L, top);
        next:;
            /* remember "dir\0name" */
            size_t la = strlen(dirs[d]), lb = strlen(files[i]);
            char *rec = bc_xmalloc(la + lb + 2);
            memcpy(rec, dirs[d], la + 1);
            memcpy(rec + la + 1, files[i], lb + 1);
            seen = bc_xrealloc(seen, (size_t)(nseen + 1) * sizeof *seen);
            seen[nseen++] = rec;
            free(files[i]);
        }
        free(files);
    }
    if (want && !found) {
        fprintf(stderr, "briefc: error: no plugin '%s' in the plugin path:", want);
        for (int d = 0; dirs[d]; d++) fprintf(stderr, " %s/", dirs[d]);
        fprintf(stderr, "\n");
        rc = BC_EXIT_BRIEF;
    }
    for (int i = 0; i < nseen; i++) free(seen[i]);
    free(seen);
    bc_sandbox_free(sb);
    bc_host_free_path(dirs);
    free(extra);
    return rc;
}

static const char *skeleton =
    "-- %s: one line saying what this section shows.\n"
    "---@type Plugin\n"
    "return {\n"
    "  name = \"%s\",\n"
    "  version = \"0.1.0\",\n"
    "  api = 1,\n"
    "  description = \"What this section shows.\",\n"
    "  options = {\n"
    "    heading = { type = \"string\", default = \"A new section\", description = \"Section "
    "heading\" },\n"
    "    text = { type = \"string\", description = \"A paragraph of text (markup allowed)\" },\n"
    "  },\n"
    "\n"
    "  render = function(s, ctx)\n"
    "    local opts = ctx.options\n"
    "    s:heading(opts.heading)\n"
    "    s:paragraph(opts.text or \"Write the section here: **bold**, *italic* and \"\n"
    "      .. \"[links](https://example.org) work.\")\n"
    "  end,\n"
    "}\n";

static const char *test_skeleton =
    "-- Tests of the %s plugin, run inside the host by `briefc test`.\n"
    "\n"
    "test(\"a heading, then a paragraph\", function()\n"
    "  local out = render(\"%s\", { heading = \"Hello\", text = \"World\" })\n"
    "  expect_eq(#out.blocks, 2)\n"
    "  expect_eq(out.blocks[1].kind, \"heading\")\n"
    "  expect_eq(out.blocks[1].text, \"Hello\")\n"
    "  expect_eq(out.blocks[2].text, \"World\")\n"
    "end)\n"
    "\n"
    "test(\"options are checked\", function()\n"
    "  expect_error(function() render(\"%s\", { heading = 42 }) end, \"must be a string\")\n"
    "end)\n";

static int write_new(const char *path, const char *fmt, const char *name)
{
    FILE *f = fopen(path, "wx"); /* never overwrite */
    if (!f) {
        fprintf(stderr, "briefc: error: cannot create '%s': %s\n", path, strerror(errno));
        return 0;
    }
    fprintf(f, fmt, name, name, name);
    int ok = fclose(f) == 0;
    if (!ok) fprintf(stderr, "briefc: error: cannot write '%s'\n", path);
    return ok;
}

int bc_cmd_new(int argc, char **argv)
{
    const char *what = NULL, *name = NULL, *dir = NULL;
    bc_cli p; /* options from the table in cli.c */
    bc_cli_begin(&p, "new", argc, argv);
    for (bc_cli_id id; (id = bc_cli_next(&p)) != BC_OPT_END;) {
        if (id == BC_OPT_DIR)
            dir = p.value;
        else if (id == BC_OPT_ARG && !what)
            what = p.value;
        else if (id == BC_OPT_ARG && !name)
            name = p.value;
        else if (id == BC_OPT_STOP)
            return p.status;
        else
            return bc_cli_usage(&p, "unexpected argument '%s'", p.opt);
    }
    if (!what || !name || (strcmp(what, "plugin") && strcmp(what, "brief")))
        return bc_cli_usage(&p, "%s", "usage: briefc new plugin|brief NAME [--dir DIR]");
    if (!strcmp(what, "brief")) return bc_new_brief(name, dir);
    if (!dir) dir = "plugins";
    char check[128];
    char file[140];
    snprintf(file, sizeof file, "%s.lua", name);
    if (!plugin_file_name(file, check, sizeof check))
        return bc_usage_error("new: bad plugin name '%s' (lowercase letters, digits, '_' and '-')",
                              name);
    mkdir(dir, 0777);
    char path[4096], tpath[4096];
    snprintf(path, sizeof path, "%s/%s.lua", dir, name);
    snprintf(tpath, sizeof tpath, "%s/%s_test.lua", dir, name);
    if (access(path, F_OK) == 0 || access(tpath, F_OK) == 0) {
        fprintf(stderr, "briefc: error: '%s' or its test already exists; nothing written\n", path);
        return BC_EXIT_BRIEF;
    }
    if (!write_new(path, skeleton, name) || !write_new(tpath, test_skeleton, name))
        return BC_EXIT_BRIEF;
    printf("created %s and %s\n", path, tpath);
    printf("name it in a brief with  section \"%s\" { heading = \"…\" }  and run  briefc test %s\n",
           name, tpath);
    return 0;
}
