/*
** zip.c — the smallest zip writer briefc serve's batch route needs: files stored as they are
** (PDFs are compressed already), CRC-32 from zlib, a fixed timestamp (1980-01-01) so the same
** rows give the same bytes. No zip64: the batch route bounds its rows far below 4 GB.
*/
#include "serve/serve.h"

#include <string.h>
#include <zlib.h>

static void put16(bc_buf *b, unsigned v)
{
    unsigned char c[2] = {(unsigned char)v, (unsigned char)(v >> 8)};
    bc_buf_add(b, c, 2);
}

static void put32(bc_buf *b, uint32_t v)
{
    unsigned char c[4] = {(unsigned char)v, (unsigned char)(v >> 8), (unsigned char)(v >> 16),
                          (unsigned char)(v >> 24)};
    bc_buf_add(b, c, 4);
}

void bc_serve_zip_add(bc_serve_zip *z, const char *name, const void *data, size_t len)
{
    uint32_t crc = (uint32_t)crc32(0L, (const Bytef *)data, (uInt)len);
    size_t nlen = strlen(name);
    uint32_t offset = (uint32_t)z->out.len;
    /* local file header */
    put32(&z->out, 0x04034b50);
    put16(&z->out, 10);     /* version needed: 1.0 */
    put16(&z->out, 0x0800); /* names are UTF-8 */
    put16(&z->out, 0);      /* stored */
    put16(&z->out, 0);      /* time 00:00 */
    put16(&z->out, 0x21);   /* date 1980-01-01 */
    put32(&z->out, crc);
    put32(&z->out, (uint32_t)len);
    put32(&z->out, (uint32_t)len);
    put16(&z->out, (unsigned)nlen);
    put16(&z->out, 0);
    bc_buf_add(&z->out, name, nlen);
    bc_buf_add(&z->out, data, len);
    /* its central directory entry */
    put32(&z->cd, 0x02014b50);
    put16(&z->cd, 0x0314); /* made by: Unix, 2.0 */
    put16(&z->cd, 10);
    put16(&z->cd, 0x0800);
    put16(&z->cd, 0);
    put16(&z->cd, 0);
    put16(&z->cd, 0x21);
    put32(&z->cd, crc);
    put32(&z->cd, (uint32_t)len);
    put32(&z->cd, (uint32_t)len);
    put16(&z->cd, (unsigned)nlen);
    put16(&z->cd, 0);              /* extra */
    put16(&z->cd, 0);              /* comment */
    put16(&z->cd, 0);              /* disk */
    put16(&z->cd, 0);              /* internal attributes */
    put32(&z->cd, 0100644u << 16); /* a regular file, rw-r--r-- */
    put32(&z->cd, offset);
    bc_buf_add(&z->cd, name, nlen);
    z->n++;
}

void bc_serve_zip_finish(bc_serve_zip *z)
{
    uint32_t cd_offset = (uint32_t)z->out.len;
    bc_buf_add(&z->out, z->cd.data ? z->cd.data : "", z->cd.len);
    put32(&z->out, 0x06054b50);
    put16(&z->out, 0);
    put16(&z->out, 0);
    put16(&z->out, (unsigned)z->n);
    put16(&z->out, (unsigned)z->n);
    put32(&z->out, (uint32_t)z->cd.len);
    put32(&z->out, cd_offset);
    put16(&z->out, 0);
    bc_buf_free(&z->cd);
}
