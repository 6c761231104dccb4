/* fuzz_markdown.c — Markdown prose (markdown.c over libcmark-gfm): any bytes either become
   blocks whose texts are valid UTF-8 markup runs, with list depths 0 to 2 and table sizes
   in bounds, or an error naming a line inside the text; never a crash, a leak or a hang. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "doc/markdown.h"
#include "doc/markup.h"
#include "base/utf8.h"

static void check_inline(bc_arena *a, const bc_inline *in)
{
    char *t = bc_inline_text(a, in);
    if (bc_utf8_check(t, strlen(t)) != (size_t)-1) abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    bc_arena *a = bc_arena_new();
    const char *s = (const char *)data;
    bc_md md;
    bc_error err;
    bc_status st = bc_md_parse(a, s, size, "fuzz.md", &md, &err);
    int lines = 1;
    for (size_t i = 0; i < size; i++) /* as CommonMark counts: \n, \r\n, a lone \r */
        lines += s[i] == '\n' || (s[i] == '\r' && (i + 1 >= size || s[i + 1] != '\n'));
    if (st == BC_OK) {
        if (bc_utf8_check(s, size) != (size_t)-1) abort(); /* invalid UTF-8 must be refused */
        for (int i = 0; i < md.ntexts; i++) {
            check_inline(a, md.texts[i].in);
            if (md.texts[i].line < 1 || md.texts[i].line > lines) abort();
        }
        for (int i = 0; i < md.nblocks; i++) {
            const bc_block *b = md.blocks[i].block;
            if (md.blocks[i].line < 1 || md.blocks[i].line > lines) abort();
            switch (b->kind) {
            case BC_BLOCK_HEADING:
                if (b->u.heading.level < 1 || b->u.heading.level > 3) abort();
                break;
            case BC_BLOCK_LIST:
                for (int k = 0; k < b->u.list.n; k++)
                    if (b->u.list.depth[k] > 2) abort();
                break;
            case BC_BLOCK_TABLE:
                if (b->u.table->ncols < 1 || b->u.table->ncols > 64 || b->u.table->nrows < 0)
                    abort();
                for (int k = 0; k < b->u.table->ncols; k++)
                    if (!strchr("lcrd", b->u.table->align[k])) abort();
                break;
            case BC_BLOCK_PARA:
            case BC_BLOCK_SPACE: break;
            default: abort();
            }
        }
    } else if (err.line < 0 || err.line > lines || strcmp(err.file, "fuzz.md") != 0) {
        abort();
    }
    bc_arena_free(a);
    return 0;
}
