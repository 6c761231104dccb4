/* fuzz_brief.c — a whole build from a brief definition: the input is brief.lua's text, run in
   the sandbox with the shipped plugins, laid out and rendered to PDF bytes in memory. Any
   input must end in a PDF or a clean error, within the limits. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cli/process.h"
#include "doc/doc.h"
#include "layout/fontset.h"
#include "lua/host.h"
#include "layout/layout.h"
#include "pdf/pdf.h"

static bc_fontset *fonts;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 20000) return 0;
    char *text = malloc(size + 1);
    memcpy(text, data, size);
    text[size] = 0;
    if (!fonts) {
        bc_process_init(); /* the process's caches (fontconfig's too) freed at exit, as main does */
        const char *dirs[] = {BC_PROJECT_DIR "/fonts", NULL};
        fonts = bc_fontset_new("NotoSerif", "NotoSans", dirs);
    }
    bc_host_config cfg = {0};
    cfg.brief = BC_PROJECT_DIR "/briefs/pakistan-us/brief.lua"; /* its folder, for data */
    cfg.brief_text = text;
    cfg.project_dir = BC_PROJECT_DIR;
    bc_error err;
    bc_host *h = NULL;
    if (bc_host_new(&cfg, &h, &err) == BC_OK) {
        bc_doc *doc = bc_doc_new();
        bc_buf warnings = {0};
        if (bc_host_render(h, doc, &warnings, &err) == BC_OK) {
            const bc_brief *b = bc_host_brief(h);
            bc_layout *lay = NULL;
            bc_typesetter *ts = bc_typesetter_new(NULL);
            if (bc_layout_run(ts, doc, &b->theme, &b->meta, fonts, NULL, &lay, &err) == BC_OK &&
                lay->npages < 200) {
                bc_buf pdf = {0};
                bc_pdf_render(lay, &b->theme, &b->meta, fonts, &pdf, &err);
                bc_buf_free(&pdf);
            }
            bc_layout_free(lay);
            bc_typesetter_free(ts);
            bc_fontset_usage_clear(fonts);
        }
        bc_buf_free(&warnings);
        bc_doc_free(doc);
    }
    bc_host_free(h);
    free(text);
    return 0;
}
