/* fuzz_manifest.c — batch manifests and output names. The first byte picks CSV or JSONL, the
   bytes up to the first newline are the --out template, the rest is the manifest. Reading
   always ends, every row is numbered in order, and a name a row fills in never escapes:
   no control characters, no absolute path or ".." component the template did not have. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "batch/manifest.h"

/* components of s equal to "..", counted */
static int dotdots(const char *s)
{
    int n = 0;
    for (const char *p = s; *p;) {
        const char *e = strchr(p, '/');
        size_t len = e ? (size_t)(e - p) : strlen(p);
        n += len == 2 && p[0] == '.' && p[1] == '.';
        p += len + (e != NULL);
    }
    return n;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 2) return 0;
    const char *name = data[0] & 1 ? "fuzz.jsonl" : "fuzz.csv";
    const char *rest = (const char *)data + 1;
    size_t n = size - 1;
    const char *nl = memchr(rest, '\n', n);
    if (!nl) return 0;
    size_t tlen = (size_t)(nl - rest);
    if (memchr(rest, 0, tlen)) return 0; /* a NUL in the template */
    char *tmpl = malloc(tlen + 1);       /* not strndup: ASan's interceptor reads one byte past n */
    if (!tmpl) return 0;
    memcpy(tmpl, rest, tlen);
    tmpl[tlen] = 0;
    n -= tlen + 1;
    rest = nl + 1;
    FILE *f = n ? fmemopen((void *)rest, n, "r") : NULL;
    if (!f) {
        free(tmpl);
        return 0;
    }
    bc_manifest m;
    bc_record r = {0};
    bc_error err;
    bc_buf out = {0};
    char why[512];
    if (bc_manifest_open_stream(&m, f, name, &err) == 0) {
        int st;
        long last = 0;
        int last_line = 0;
        while ((st = bc_manifest_next(&m, &r, &err)) >= 1) {
            if (r.row != last + 1) abort();
            if (r.line <= last_line) abort(); /* rows start on later and later lines */
            last = r.row;
            last_line = r.line;
            if (st == 2) continue;
            if (bc_manifest_output_name(tmpl, &r, &out, why, sizeof why)) {
                for (size_t i = 0; i < out.len; i++)
                    if ((unsigned char)out.data[i] < 0x20 || out.data[i] == 0x7f) abort();
                if (out.data[0] == '/' && tmpl[0] != '/') abort();
                if (dotdots(out.data) > dotdots(tmpl)) abort();
            } else if (!why[0]) {
                abort();
            }
        }
        if (st < 0 && !err.msg[0]) abort();
        if (st < 0 && (err.line < 0 || err.line > m.line + 1)) abort(); /* a line that exists */
    }
    bc_manifest_close(&m);
    bc_record_clear(&r);
    bc_buf_free(&out);
    free(tmpl);
    return 0;
}
