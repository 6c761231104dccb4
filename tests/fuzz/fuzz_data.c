/* fuzz_data.c — data files read by plugins: the input is written as a CSV and a JSON file in
   a scratch brief whose plugin reads both through ctx:csv and ctx:json. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "doc/doc.h"
#include "lua/host.h"

static char dir[256];

static void put(const char *name, const void *data, size_t size)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "wb");
    if (!f) abort();
    fwrite(data, 1, size, f);
    fclose(f);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!dir[0]) {
        snprintf(dir, sizeof dir, "/tmp/briefc-fuzz-data-%d", (int)getpid());
        mkdir(dir, 0700);
        char sub[300];
        snprintf(sub, sizeof sub, "%s/data", dir);
        mkdir(sub, 0700);
        snprintf(sub, sizeof sub, "%s/plugins", dir);
        mkdir(sub, 0700);
        static const char brief[] = "return { title = \"f\", sections = { section \"reader\" } }";
        static const char plugin[] =
            "return { name = \"reader\", version = \"1\", api = 1, render = function(s, ctx)\n"
            "  local ok, rows = pcall(ctx.csv, ctx, \"data/in.csv\")\n"
            "  if ok then for _, r in ipairs(rows) do for k, v in pairs(r) do "
            "s:paragraph(tostring(k) .. tostring(v)) end end end\n"
            "  local ok2, v = pcall(ctx.json, ctx, \"data/in.json\")\n"
            "  if ok2 and type(v) == \"table\" then for k in pairs(v) do s:paragraph(tostring(k)) "
            "end end\n"
            "end }\n";
        put("brief.lua", brief, sizeof brief - 1);
        put("plugins/reader.lua", plugin, sizeof plugin - 1);
    }
    put("data/in.csv", data, size);
    put("data/in.json", data, size);
    char brief[300];
    snprintf(brief, sizeof brief, "%s", dir);
    bc_host_config cfg = {0};
    cfg.brief = brief;
    cfg.project_dir = BC_PROJECT_DIR;
    bc_error err;
    bc_host *h = NULL;
    if (bc_host_new(&cfg, &h, &err) == BC_OK) {
        bc_doc *doc = bc_doc_new();
        bc_buf w = {0};
        bc_host_render(h, doc, &w, &err);
        bc_buf_free(&w);
        bc_doc_free(doc);
    }
    bc_host_free(h);
    return 0;
}
