/* fuzz_para.c — the body of a file of set text kept on disk (layout.c) read back with every
   check a read makes (parcache.c): any bytes are refused or give entries whose keys, lines and texts lie
   inside the file (ASan watches every byte they point at). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "layout/parcache.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    /* a copy of exactly size bytes (8-byte aligned, as a mapped file is) */
    unsigned char *copy = malloc(size ? size : 1);
    if (!copy) return 0;
    if (size) memcpy(copy, data, size);
    (void)bc_parcache_probe(copy, size);
    free(copy);
    return 0;
}
