/* fuzz_csv.c — the RFC 4180 reader never reads out of bounds, always ends, and gives line
   numbers that grow and columns from 1; the declared-type parsers and the decoders read only
   their input, and a decoded file is valid UTF-8. */
#include <stdint.h>
#include <stdlib.h>

#include "base/csv.h"
#include "base/utf8.h"

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
        if (c.field_line < 1 || c.field_col < 1) abort();
        long long iv;
        double dv;
        bc_csv_parse_integer(f.data, f.len, &iv);
        bc_csv_parse_number(f.data, f.len, &dv);
        if (++fields > size + 1) abort(); /* every field consumes input */
    }
    if (r < 0 && err.line < 1) abort();
    bc_buf_free(&f);
    static const char *const enc[] = {"utf-8", "latin-1", "windows-1252"};
    for (int i = 0; i < 3; i++) {
        char *out = NULL;
        size_t len = 0;
        if (bc_csv_decode((const char *)data, size, enc[i], &out, &len, &err) == BC_OK && out &&
            bc_utf8_check(out, len) != (size_t)-1)
            abort();
        free(out);
    }
    return 0;
}
