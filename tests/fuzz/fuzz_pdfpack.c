/* fuzz_pdfpack.c — the object-stream post-pass (pdf/pdf_pack.c): any bytes are either refused
   with a message or packed, deterministically, into a file that starts with a PDF header,
   ends with startxref and %%EOF, and is itself refused when packed again (it has no xref
   table, which the packer never reads). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "pdf/pdf_pack.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    bc_buf a = {0}, b = {0}, c = {0};
    bc_error err;
    if (bc_pdf_pack(data, size, &a, &err) == BC_OK) {
        if (a.len < 20 || memcmp(a.data, "%PDF-1.", 7) != 0) abort();
        if (memcmp(a.data + a.len - 6, "%%EOF\n", 6) != 0) abort();
        if (bc_pdf_pack(data, size, &b, &err) != BC_OK || b.len != a.len ||
            memcmp(a.data, b.data, a.len) != 0)
            abort();
        if (bc_pdf_pack((const unsigned char *)a.data, a.len, &c, &err) == BC_OK) abort();
    } else if (!err.msg[0]) {
        abort();
    }
    bc_buf_free(&a);
    bc_buf_free(&b);
    bc_buf_free(&c);
    return 0;
}
