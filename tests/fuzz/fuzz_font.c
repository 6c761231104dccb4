/* fuzz_font.c — font files handed to the font pipeline: any bytes are refused cleanly or
   give metrics, a subset and embedded font objects in a PDF. */
#define _GNU_SOURCE
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

#include <hpdf.h>

#include "pdf/embed.h"
#include "text/font.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    int fd = memfd_create("fuzz-font", 0);
    if (fd < 0) return 0;
    if (write(fd, data, size) != (ssize_t)size) {
        close(fd);
        return 0;
    }
    char path[64];
    snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
    bc_font *f = NULL;
    bc_error err;
    if (bc_font_open(path, &f, &err) == BC_OK) {
        static const char text[] = "Aid \xE2\x80\x93 caf\xC3\xA9 \xE2\x82\xAC 1,234";
        bc_font_width(f, text, sizeof text - 1, 10);
        bc_font_use(f, text, sizeof text - 1);
        bc_subset sub;
        if (bc_font_subset(f, &sub, &err) == BC_OK) {
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
