/* fuzz_fontglyph.c — fonts with shaped glyph ids: the bytes after the last 48 are a font file,
   the last 48 say which glyph ids shaped text used and with which text (as HarfBuzz's output
   would, through bc_font_use_glyph). Any font and any ids are refused cleanly or give a
   subset, variant codes (several texts for one glyph), a ToUnicode map and font objects. */
#define _GNU_SOURCE
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include <hpdf.h>

#include "pdf/embed.h"
#include "text/font.h"

#define TAIL 48

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char *const texts[] = {
        "",    "a",        "fi", "\xD8\xA8\xD9\x8E", "\xE0\xA4\x95\xE0\xA4\xBF", "\xF0\x9F\x98\x80",
        "ffi", "\xD9\x8E", NULL};
    if (size <= TAIL) return 0;
    size_t flen = size - TAIL;
    const uint8_t *tail = data + flen;
    int fd = memfd_create("fuzz-fontglyph", 0);
    if (fd < 0) return 0;
    if (write(fd, data, flen) != (ssize_t)flen) {
        close(fd);
        return 0;
    }
    char path[64];
    snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
    bc_embed_disk_cache(0);
    bc_font *f = NULL;
    bc_error err;
    if (bc_font_open(path, &f, &err) == BC_OK) {
        static const char text[] = "Aid \xE2\x80\x93 caf\xC3\xA9";
        bc_font_use(f, text, sizeof text - 1);
        for (int i = 0; i + 1 < TAIL; i += 2) { /* a glyph id (0-511) and one of the texts */
            uint32_t gid = (uint32_t)tail[i] | (uint32_t)(tail[i + 1] & 1) << 8;
            const char *t = texts[(tail[i + 1] >> 1) % (sizeof texts / sizeof *texts)];
            bc_font_use_glyph(f, gid, t, t ? strlen(t) : 0);
        }
        bc_subset sub;
        if (bc_embed_subset(f, &sub, &err) == BC_OK) {
            for (int i = 0; i + 1 < TAIL; i += 2) {
                uint32_t gid = (uint32_t)tail[i] | (uint32_t)(tail[i + 1] & 1) << 8;
                const char *t = texts[(tail[i + 1] >> 1) % (sizeof texts / sizeof *texts)];
                (void)bc_subset_text_code(&sub, gid, t, t ? strlen(t) : 0);
            }
            HPDF_Doc pdf = HPDF_New(NULL, NULL);
            if (pdf) {
                bc_embed_font(pdf, f, &sub, 0);
                HPDF_Free(pdf);
            }
            bc_subset_free(&sub);
        }
        bc_font_free(f);
    }
    close(fd);
    return 0;
}
