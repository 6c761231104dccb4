/* test_meta.c — the ---@meta file documents every method the host registers. */
#include <stdlib.h>

#include "lua/api.h"
#include "check.h"
#include "base/util.h"

static void expect(const char *text, const char *fmt, const char *name)
{
    char needle[128];
    snprintf(needle, sizeof needle, fmt, name);
    if (strstr(text, needle))
        check_passed++;
    else {
        check_failed++;
        fprintf(stderr, "plugins/briefc.meta.lua lacks '%s'\n", needle);
    }
}

int main(void)
{
    char *text;
    size_t len;
    bc_error err;
    CHECK(bc_read_file(BC_PROJECT_DIR "/plugins/briefc.meta.lua", &text, &len, &err) == BC_OK);
    if (check_failed) return check_done();
    for (const char *const *m = bc_api_builder_methods; *m; m++)
        expect(text, "function Section:%s(", *m);
    for (const char *const *m = bc_api_ctx_methods; *m; m++)
        expect(text, "function Context:%s(", *m);
    static const char *const fmt_fns[] = {"number", "money", "percent", "range", "date", NULL};
    for (const char *const *m = fmt_fns; *m; m++) expect(text, "function fmt.%s(", *m);
    CHECK(strstr(text, "---@meta") == text);
    free(text);
    return check_done();
}
