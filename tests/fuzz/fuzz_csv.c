/* fuzz_csv.c — the RFC 4180 reader never reads out of bounds, always ends, and gives line
   numbers that grow. */
#include <stdint.h>
#include <stdlib.h>

#include "base/csv.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    bc_csv c;
    bc_buf f = {0};
    bc_error err;
    int quoted, end, r, last_line = 1;
    size_t fields = 0;
    bc_csv_init(&c, (const char *)data, size);
    while ((r = bc_csv_field(&c, &f, &quoted, &end, &err)) == 1) {
        if (c.line < last_line) abort();
        last_line = c.line;
        bc_csv_is_number(f.data, f.len);
        if (++fields > size + 1) abort(); /* every field consumes input */
    }
    if (r < 0 && err.line < 1) abort();
    bc_buf_free(&f);
    return 0;
}
