/*
** cmd_new_brief.c — `briefc new brief NAME [--dir DIR]`: a brief folder that builds as it is,
** with a plugins/ folder for the author's own sections and a .luarc.json that points
** lua-language-server at the installed ---@meta file, so s:, ctx: and fmt. complete and
** type-check in the editor. Nothing is overwritten: the folder must not exist yet.
*/
#define _GNU_SOURCE /* realpath */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "base/util.h"
#include "cli/build.h"
#include "cli/cmd.h"

static const char brief_lua[] =
    "-- %s: a brief. Build it with  briefc build FOLDER  (see man briefc-brief).\n"
    "---@type Brief\n"
    "return {\n"
    "  title = \"%s\",\n"
    "  subtitle = \"A subtitle in one line\",\n"
    "  date = \"2026-11\",\n"
    "  authors = { \"Your Name\" },\n"
    "  language = \"en-GB\",\n"
    "\n"
    "  page = { size = \"A4\" },\n"
    "  theme = { justify = true },\n"
    "\n"
    "  params = {},\n"
    "\n"
    "  sections = {\n"
    "    section \"title_block\" {\n"
    "      summary = \"A lead paragraph: what the reader should take away.\",\n"
    "    },\n"
    "    section \"prose\" {\n"
    "      heading = \"Background\",\n"
    "      paragraphs = {\n"
    "        \"Write **paragraphs** here, or a plugin of your own in plugins/: \"\n"
    "          .. \"briefc new plugin NAME --dir FOLDER/plugins\",\n"
    "      },\n"
    "    },\n"
    "  },\n"
    "}\n";

static int fail(const char *path)
{
    fprintf(stderr, "briefc: error: cannot create '%s': %s\n", path, strerror(errno));
    return BC_EXIT_BRIEF;
}

int bc_new_brief(const char *name, const char *dir)
{
    if (!name[0] || strchr(name, '/') || !strcmp(name, ".") || !strcmp(name, "..") ||
        strlen(name) > 200)
        return bc_usage_error("new: bad brief name '%s' (a folder name, no '/')", name);
    for (const char *c = name; *c; c++)
        if ((unsigned char)*c < 0x20 || *c == '"' || *c == '\\')
            return bc_usage_error("new: bad brief name '%s' (no quotes, backslashes or control "
                                  "characters)",
                                  name);
    char root[PATH_MAX], path[PATH_MAX + 64];
    if (snprintf(root, sizeof root, "%s/%s", dir ? dir : ".", name) >= (int)sizeof root)
        return bc_usage_error("new: the path '%s' is too long", name);
    if (dir) mkdir(dir, 0777);
    if (mkdir(root, 0777) != 0) {
        if (errno == EEXIST) {
            fprintf(stderr, "briefc: error: '%s' already exists; nothing written\n", root);
            return BC_EXIT_BRIEF;
        }
        return fail(root);
    }
    snprintf(path, sizeof path, "%s/plugins", root);
    if (mkdir(path, 0777) != 0) return fail(path);
    snprintf(path, sizeof path, "%s/data", root);
    if (mkdir(path, 0777) != 0) return fail(path);

    snprintf(path, sizeof path, "%s/brief.lua", root);
    FILE *f = fopen(path, "wx");
    if (!f) return fail(path);
    fprintf(f, brief_lua, name, name); /* the name only: checked above, no quotes */
    if (fclose(f) != 0) return fail(path);

    /* The meta file by absolute path, so the brief folder can live anywhere. */
    char home[PATH_MAX];
    if (!realpath(bc_project_dir(), home)) snprintf(home, sizeof home, "%s", bc_project_dir());
    snprintf(path, sizeof path, "%s/.luarc.json", root);
    f = fopen(path, "wx");
    if (!f) return fail(path);
    fputs("{\n"
          "  \"$schema\": "
          "\"https://raw.githubusercontent.com/LuaLS/vscode-lua/master/setting/schema.json\",\n"
          "  \"runtime.version\": \"Lua 5.4\",\n"
          "  \"runtime.builtin\": { \"io\": \"disable\", \"os\": \"disable\", \"debug\": "
          "\"disable\", "
          "\"package\": \"disable\" },\n"
          "  \"workspace.library\": [\"",
          f);
    bc_fput_json_text(f, home);
    fputs("/plugins/briefc.meta.lua\"],\n"
          "  \"workspace.checkThirdParty\": false,\n"
          "  \"diagnostics.severity\": { \"undefined-field\": \"Error\", \"inject-field\": "
          "\"Error\" }\n"
          "}\n",
          f);
    if (fclose(f) != 0) return fail(path);
    printf("created %s with brief.lua, plugins/, data/ and .luarc.json\n"
           "build it with  briefc build %s  and add a section with  briefc new plugin NAME "
           "--dir %s/plugins\n",
           root, root, root);
    return 0;
}
