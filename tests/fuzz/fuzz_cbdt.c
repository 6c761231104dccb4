/* fuzz_cbdt.c — colour bitmap glyphs: any bytes as a font file give, for glyphs 0..63 at a
   few sizes, "no glyph" or an image whose bytes lie inside the file (cbdt.c); the image's
   bytes are read in full so that ASan sees any pointer outside. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "text/cbdt.h"
#include "text/sfnt.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    unsigned char *copy = malloc(size ? size : 1);
    if (!copy) return 0;
    if (size) memcpy(copy, data, size);
    bc_sfnt s;
    if (bc_sfnt_open(&s, copy, size) == 0 && bc_cbdt_present(&s)) {
        static const int sizes[] = {1, 16, 64, 109, 255};
        volatile unsigned sum = 0;
        for (uint32_t g = 0; g < 64; g++)
            for (size_t k = 0; k < sizeof sizes / sizeof *sizes; k++) {
                bc_cbdt_glyph img;
                const char *why;
                if (!bc_cbdt_glyph_image(&s, g, sizes[k], &img, &why)) continue;
                if (img.png < copy || img.len > size || img.png + img.len > copy + size) abort();
                for (size_t i = 0; i < img.len; i++) sum += img.png[i];
            }
        (void)sum;
    }
    free(copy);
    return 0;
}
