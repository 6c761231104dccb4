/*
** pattern_gen.c — a build-time tool, not part of briefc: compiles the hyphenation
** dictionaries installed when briefc is built into C source (text/pattern.h's
** bc_pattern_builtins), so a build without the on-disk cache does not compile the patterns
** of its language (7.5 M instructions for English, 10 % of a cache-off build of the sample).
**
**   pattern_gen OUT.c DIC...
**
** A dictionary that is not installed, or needs libhyphen, is left out; with none, the table
** list is empty and briefc compiles patterns at run time as before. At run time a table
** serves only the file it was made from: same length and bc_pattern_text_hash of its bytes.
** OUT.c is written to a temporary name and renamed, so a failed run leaves no half file.
*/
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/util.h"
#include "text/pattern.h"

const bc_pattern_builtin bc_pattern_builtins[] = {{NULL, 0, 0, NULL, 0}}; /* the tool's own */

static int emit(FILE *out, int k, const char *path, const char *dic, size_t len)
{
    bc_pattern *p = bc_pattern_compile(dic, len);
    if (!p) return 0;
    bc_buf b = {0};
    bc_pattern_save(p, &b);
    bc_pattern_free(p);
    fprintf(out, "static const uint64_t table%d[] = {", k);
    for (size_t i = 0; i < b.len; i += 8) {
        uint64_t w = 0;
        memcpy(&w, b.data + i, b.len - i < 8 ? b.len - i : 8);
        fprintf(out, "%s%s", i % 64 ? "" : "\n", w ? "" : "0,");
        if (w) fprintf(out, "0x%llxu,", (unsigned long long)w);
    }
    fprintf(out, "\n};\n");
    fprintf(out, "#define ENTRY%d {\"%s\", %zuu, 0x%llxu, table%d, %zuu},\n", k, path, len,
            (unsigned long long)bc_pattern_text_hash(dic, len), k, b.len);
    bc_buf_free(&b);
    return 1;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: pattern_gen OUT.c DIC...\n");
        return 2;
    }
    char tmp[4096];
    snprintf(tmp, sizeof tmp, "%s.tmp", argv[1]);
    FILE *out = fopen(tmp, "w");
    if (!out) {
        perror(tmp);
        return 1;
    }
    fprintf(out, "/* made by pattern_gen (core/text/pattern_gen.c) at build time: do not edit */\n"
                 "#include \"text/pattern.h\"\n\n");
    int n = 0;
    for (int i = 2; i < argc; i++) {
        char *dic = NULL;
        size_t len = 0;
        bc_error err;
        if (bc_read_file(argv[i], &dic, &len, &err) != BC_OK) continue; /* not installed */
        n += emit(out, n, argv[i], dic, len);
        free(dic);
    }
    fprintf(out, "\nconst bc_pattern_builtin bc_pattern_builtins[] = {\n");
    for (int k = 0; k < n; k++) fprintf(out, "    ENTRY%d\n", k);
    fprintf(out, "    {NULL, 0, 0, NULL, 0},\n};\n");
    if (fclose(out) != 0 || rename(tmp, argv[1]) != 0) {
        perror(argv[1]);
        return 1;
    }
    return 0;
}
