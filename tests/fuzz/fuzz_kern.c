/* fuzz_kern.c — GPOS tables handed to the kerning reader: any bytes give no kerning or some
   kerning, never a read outside the table (ASan watches) or a hang. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "text/kern.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    /* a copy of exactly size bytes, so any over-read is caught */
    unsigned char *copy = malloc(size ? size : 1);
    if (!copy) return 0;
    if (size) memcpy(copy, data, size);
    bc_kern *k = bc_kern_new(copy, size);
    for (uint32_t g = 0; g < 64; g++) (void)bc_kern_pair(k, g, (g * 7) & 63);
    (void)bc_kern_pair(k, 0xFFFF, 0xFFFF);
    bc_kern_free(k);
    free(copy);
    return 0;
}
