/*
** pdf_pack.c — object streams and a cross-reference stream for libharu's output (pdf_pack.h).
**
** It reads only the shape libharu 2.3 writes, and checks each step of it rather than trusting
** it: a "%PDF-1.n" header and a binary comment line; objects "N 0 obj <value> endobj" or
** "N 0 obj <<dict>> stream\r\n<Length bytes>\nendstream endobj"; one classic xref section
** "0 SIZE" whose entry N points exactly at "N 0 obj"; a trailer dictionary; startxref.
** Nothing is parsed beyond what it takes to find where each value ends (strings, names,
** dictionaries and arrays are skipped, never interpreted) and a stream's /Length, direct or
** through one indirect integer. Every read is bounded by the input's end, nesting is counted
** without recursion, and numbers are read digit by digit with an overflow check, so any bytes
** are refused cleanly (tests/fuzz/fuzz_pdfpack.c).
**
** The output keeps every object number: streams are copied byte for byte at new offsets, the
** other objects' values are moved unchanged into /ObjStm streams numbered from the old /Size,
** and the xref stream (PNG-up predicted, deflated) comes last with the trailer's entries.
*/
#include "pdf/pdf_pack.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "pdf/embed.h"

#define PACK_PER_STREAM 500 /* objects in one /ObjStm */
#define PACK_MAX_DEPTH 64   /* nesting of dictionaries and arrays libharu never comes near */
#define PACK_LEVEL 6        /* zlib level of the object and xref streams: 9 saves 0.1 KB on
                               the sample for twice the time */

typedef struct span { size_t a, b; } span; /* bytes [a, b) of the input */

typedef struct pobj {
    span obj;     /* "N 0 obj" … "endobj", for a stream copied as it is */
    span value;   /* the value (a stream's dictionary) */
    int stream;   /* 1 for a stream */
    int packed;   /* the object stream it went to (0-based), or -1 */
    int index;    /* its index there */
} pobj;

typedef struct P {
    const unsigned char *s;
    size_t n;
    bc_error *err;
} P;

static int is_ws(unsigned char c) { return c == 0 || c == '\t' || c == '\n' || c == '\f' || c == '\r' || c == ' '; }
static int is_delim(unsigned char c)
{
    return c == '(' || c == ')' || c == '<' || c == '>' || c == '[' || c == ']' || c == '{' ||
           c == '}' || c == '/' || c == '%';
}
static int is_regular(unsigned char c) { return !is_ws(c) && !is_delim(c); }

static size_t skip_ws(const P *p, size_t i)
{
    while (i < p->n) {
        if (is_ws(p->s[i])) i++;
        else if (p->s[i] == '%') {
            while (i < p->n && p->s[i] != '\n' && p->s[i] != '\r') i++;
        } else break;
    }
    return i;
}

/* Whether the keyword kw starts at i and ends at a delimiter, white space or the end. */
static int keyword_at(const P *p, size_t i, const char *kw)
{
    size_t k = strlen(kw);
    return i <= p->n && p->n - i >= k && memcmp(p->s + i, kw, k) == 0 &&
           (i + k == p->n || !is_regular(p->s[i + k]));
}

/* A non-negative decimal integer at i (at most 15 digits); its end in *end, or (size_t)-1. */
static size_t read_uint(const P *p, size_t i, size_t *end)
{
    size_t v = 0, k = 0;
    while (i + k < p->n && p->s[i + k] >= '0' && p->s[i + k] <= '9' && k < 16) v = v * 10 + (size_t)(p->s[i + k++] - '0');
    if (k == 0 || k > 15 || (i + k < p->n && is_regular(p->s[i + k]))) return (size_t)-1;
    *end = i + k;
    return v;
}

/* The end of a literal string opening at i, or 0. */
static size_t skip_string(const P *p, size_t i)
{
    size_t depth = 0;
    for (; i < p->n; i++) {
        unsigned char c = p->s[i];
        if (c == '\\') i++;
        else if (c == '(') depth++;
        else if (c == ')' && --depth == 0) return i + 1;
    }
    return 0;
}

/* The end of one value starting at or after i (a reference "N G R" is one value), or 0. */
static size_t skip_value(const P *p, size_t i)
{
    char stack[PACK_MAX_DEPTH];
    int depth = 0;
    for (;;) {
        i = skip_ws(p, i);
        if (i >= p->n) return 0;
        unsigned char c = p->s[i];
        if (c == '(') {
            if (!(i = skip_string(p, i))) return 0;
        } else if (c == '<' && i + 1 < p->n && p->s[i + 1] == '<') {
            if (depth == PACK_MAX_DEPTH) return 0;
            stack[depth++] = '<';
            i += 2;
            continue;
        } else if (c == '<') {
            for (i++; i < p->n && p->s[i] != '>'; i++)
                if (!is_ws(p->s[i]) && !((p->s[i] | 0x20) >= 'a' && (p->s[i] | 0x20) <= 'f') &&
                    !(p->s[i] >= '0' && p->s[i] <= '9'))
                    return 0;
            if (i++ >= p->n) return 0;
        } else if (c == '>' && i + 1 < p->n && p->s[i + 1] == '>') {
            if (!depth || stack[--depth] != '<') return 0;
            i += 2;
        } else if (c == '[') {
            if (depth == PACK_MAX_DEPTH) return 0;
            stack[depth++] = '[';
            i++;
            continue;
        } else if (c == ']') {
            if (!depth || stack[--depth] != '[') return 0;
            i++;
        } else if (c == '/') {
            for (i++; i < p->n && is_regular(p->s[i]);) i++;
        } else if (is_regular(c)) {
            size_t e, g, r;
            if (depth == 0 && read_uint(p, i, &e) != (size_t)-1 &&
                read_uint(p, skip_ws(p, e), &g) != (size_t)-1 && (r = skip_ws(p, g)) < p->n &&
                keyword_at(p, r, "R") && r > g && skip_ws(p, e) > e) {
                i = r + 1; /* a reference at the top level */
            } else {
                while (i < p->n && is_regular(p->s[i])) i++;
            }
        } else {
            return 0; /* ) > { } where no value can start */
        }
        if (depth == 0) return i;
    }
}

/* The value of /key in the dictionary at v (top level only), or {0, 0}. */
static span dict_get(const P *p, span v, const char *key)
{
    size_t i = skip_ws(p, v.a), kl = strlen(key);
    if (i + 1 >= v.b || p->s[i] != '<' || p->s[i + 1] != '<') return (span){0, 0};
    i += 2;
    for (;;) {
        i = skip_ws(p, i);
        if (i + 1 >= v.b || (p->s[i] == '>' && p->s[i + 1] == '>')) return (span){0, 0};
        if (p->s[i] != '/') return (span){0, 0};
        size_t ks = ++i;
        while (i < v.b && is_regular(p->s[i])) i++;
        size_t ke = i, ve = skip_value(p, i);
        if (!ve || ve > v.b) return (span){0, 0};
        if (ke - ks == kl && memcmp(p->s + ks, key, kl) == 0) return (span){skip_ws(p, i), ve};
        i = ve;
    }
}

/* Appends a decimal number and a space (the object stream's header, per object). */
static void put_num(bc_buf *out, size_t v)
{
    char tmp[24], *q = tmp + sizeof tmp;
    *--q = ' ';
    do {
        *--q = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    bc_buf_add(out, q, (size_t)(tmp + sizeof tmp - q));
}

static int key_is(const P *p, span k, const char *name)
{
    return k.b - k.a == strlen(name) && memcmp(p->s + k.a, name, k.b - k.a) == 0;
}

static bc_status refuse(P *p, const char *what, size_t at)
{
    return bc_error_set(p->err, NULL, 0, "cannot pack the PDF: %s (at byte %zu)", what, at);
}

/* An integer value, direct or "N 0 R" to an object holding one; (size_t)-1 otherwise. */
static size_t int_value(const P *p, span v, const pobj *o, size_t nobj)
{
    size_t e, e2, n = read_uint(p, v.a, &e);
    if (n == (size_t)-1) return n;
    if (e == v.b) return n; /* direct */
    if (n == 0 || n >= nobj || o[n].stream || !o[n].obj.b) return (size_t)-1;
    size_t r = read_uint(p, skip_ws(p, o[n].value.a), &e2);
    return r != (size_t)-1 && skip_ws(p, e2) >= o[n].value.b ? r : (size_t)-1;
}

static void put_be(unsigned char *q, uint64_t v, int w)
{
    for (int k = w - 1; k >= 0; k--, v >>= 8) q[k] = (unsigned char)v;
}

bc_status bc_pdf_pack(const unsigned char *in, size_t len, bc_buf *out, bc_error *err)
{
    P p = {in, len, err};
    out->len = 0;
    /* the header: "%PDF-1.n" and a comment line */
    if (len < 16 || memcmp(in, "%PDF-1.", 7) != 0 || in[7] < '0' || in[7] > '9' || in[8] != '\n' ||
        in[9] != '%')
        return refuse(&p, "no '%PDF-1.n' header line and comment", 0);
    size_t body = 10;
    while (body < len && in[body] != '\n') body++;
    if (body++ >= len) return refuse(&p, "no end of the header comment", body);

    /* startxref, in the last 64 bytes */
    size_t t = len > 64 ? len - 64 : 0, sx = 0, e;
    for (size_t i = t; i + 9 <= len; i++)
        if (memcmp(in + i, "startxref", 9) == 0) sx = i;
    if (!sx) return refuse(&p, "no startxref", len);
    size_t xo = read_uint(&p, skip_ws(&p, sx + 9), &e);
    if (xo == (size_t)-1 || xo < body || xo >= sx || !keyword_at(&p, xo, "xref"))
        return refuse(&p, "startxref does not point at an xref table", sx);

    /* one xref section "0 SIZE", 20-byte entries */
    size_t i = skip_ws(&p, xo + 4), first = read_uint(&p, i, &e), size;
    if (first != 0 || (size = read_uint(&p, skip_ws(&p, e), &e)) == (size_t)-1 || size < 2 ||
        size > (len - xo) / 20)
        return refuse(&p, "the xref table is not one section from object 0", i);
    i = e;
    while (i < len && (in[i] == ' ' || in[i] == '\r')) i++;
    if (i >= len || in[i++] != '\n') return refuse(&p, "the xref section header has no end", i);
    if (len - i < size * 20) return refuse(&p, "the xref table is cut short", i);
    pobj *o = bc_xcalloc(size, sizeof *o);
    bc_status st = BC_OK;
    for (size_t k = 0; k < size; k++, i += 20) {
        const unsigned char *r = in + i;
        size_t off = 0;
        int ok = r[10] == ' ' && r[16] == ' ' && (r[17] == (k ? 'n' : 'f')) &&
                 (r[18] == '\r' || r[18] == ' ') && (r[19] == '\n' || r[19] == '\r');
        for (int d = 0; d < 10 && ok; d++) ok = r[d] >= '0' && r[d] <= '9', off = off * 10 + (size_t)(r[d] - '0');
        for (int d = 11; d < 16 && ok; d++) ok = k ? r[d] == '0' : r[d] >= '0' && r[d] <= '9';
        if (!ok) {
            st = refuse(&p, "an xref entry is not 'offset 00000 n'", i);
            goto done;
        }
        if (!k) continue;
        /* "k 0 obj" exactly there, inside the body */
        size_t ob, oe;
        if (off < body || off >= xo || read_uint(&p, off, &ob) != k ||
            read_uint(&p, skip_ws(&p, ob), &oe) != 0 || !keyword_at(&p, skip_ws(&p, oe), "obj")) {
            st = refuse(&p, "an xref entry does not point at its object", off);
            goto done;
        }
        o[k].obj.a = off;
        o[k].value.a = skip_ws(&p, oe) + 3;
        o[k].value.b = skip_value(&p, o[k].value.a);
        if (!o[k].value.b || o[k].value.b > xo) {
            st = refuse(&p, "an object's value does not end", o[k].value.a);
            goto done;
        }
        size_t after = skip_ws(&p, o[k].value.b);
        if (keyword_at(&p, after, "endobj")) {
            o[k].obj.b = after + 6;
        } else if (keyword_at(&p, after, "stream") && in[skip_ws(&p, o[k].value.a)] == '<') {
            o[k].stream = 1;
            o[k].obj.b = after; /* the data is found once every /Length can be resolved */
        } else {
            st = refuse(&p, "an object is followed by neither endobj nor stream", after);
            goto done;
        }
    }
    size_t tr = skip_ws(&p, i);
    if (!keyword_at(&p, tr, "trailer")) {
        st = refuse(&p, "no trailer after the xref table", tr);
        goto done;
    }
    span trailer = {skip_ws(&p, tr + 7), 0};
    if (!(trailer.b = skip_value(&p, trailer.a)) || trailer.b > sx || in[trailer.a] != '<') {
        st = refuse(&p, "the trailer is not a dictionary", trailer.a);
        goto done;
    }
    if (dict_get(&p, trailer, "Encrypt").b) { /* strings would be decrypted per object */
        st = refuse(&p, "the file is encrypted", trailer.a);
        goto done;
    }
    /* streams: "stream" EOL, /Length bytes, EOL, "endstream", "endobj" */
    for (size_t k = 1; k < size; k++) {
        if (!o[k].stream) continue;
        span lv = dict_get(&p, o[k].value, "Length");
        size_t n = lv.b ? int_value(&p, lv, o, size) : (size_t)-1;
        size_t d = o[k].obj.b + 6;
        if (d < xo && in[d] == '\r') d++;
        if (d >= xo || in[d++] != '\n' || n == (size_t)-1 || n > xo - d) {
            st = refuse(&p, "a stream's /Length is not an integer that fits", o[k].obj.b);
            goto done;
        }
        size_t es = skip_ws(&p, d + n), eo;
        if (!keyword_at(&p, es, "endstream") || !keyword_at(&p, eo = skip_ws(&p, es + 9), "endobj") ||
            eo + 6 > xo) {
            st = refuse(&p, "a stream does not end with endstream and endobj", d + n);
            goto done;
        }
        o[k].obj.b = eo + 6;
    }

    /* the new file: header, streams as they are, then the object streams */
    size_t nstm = 0, npacked = 0;
    for (size_t k = 1; k < size; k++) npacked += !o[k].stream;
    nstm = (npacked + PACK_PER_STREAM - 1) / PACK_PER_STREAM;
    size_t total = size + nstm + 1; /* + the xref stream */
    size_t *off = bc_xcalloc(total, sizeof *off);
    bc_buf_printf(out, "%%PDF-1.%c\n", in[7] < '5' ? '5' : in[7]);
    bc_buf_add(out, in + 9, body - 9);
    for (size_t k = 1; k < size; k++) {
        if (!o[k].stream) continue;
        off[k] = out->len;
        bc_buf_add(out, in + o[k].obj.a, o[k].obj.b - o[k].obj.a);
        bc_buf_addc(out, '\n');
    }
    bc_buf head = {0}, objs = {0}, z = {0};
    size_t k = 1;
    for (size_t s = 0; s < nstm; s++) {
        head.len = objs.len = 0;
        int n = 0;
        for (; k < size && n < PACK_PER_STREAM; k++) {
            if (o[k].stream) continue;
            o[k].packed = (int)s;
            o[k].index = n++;
            put_num(&head, k);
            put_num(&head, objs.len);
            size_t a = skip_ws(&p, o[k].value.a); /* copied as it is: minifying gained 0.1 KB */
            bc_buf_add(&objs, in + a, o[k].value.b - a);
            bc_buf_addc(&objs, '\n');
        }
        bc_buf_add(&head, objs.data, objs.len);
        if (!bc_deflate(head.data, head.len, PACK_LEVEL, &z)) {
            st = bc_error_set(err, NULL, 0, "cannot pack the PDF: deflate failed");
            break;
        }
        off[size + s] = out->len;
        bc_buf_printf(out, "%zu 0 obj\n<< /Type /ObjStm /N %d /First %zu /Filter /FlateDecode "
                      "/Length %zu >>\nstream\r\n", size + s, n, head.len - objs.len, z.len);
        bc_buf_add(out, z.data, z.len);
        bc_buf_adds(out, "\nendstream\nendobj\n");
    }
    if (st == BC_OK) {
        /* the xref stream: type, offset or object stream, generation or index */
        size_t xref_no = size + nstm, xref_at = out->len;
        off[xref_no] = xref_at;
        int w = 1; /* wide enough for every offset and every object stream's number */
        size_t widest = xref_at > total ? xref_at : total;
        while (w < 8 && (widest >> (8 * w)) != 0) w++;
        size_t cols = (size_t)(1 + w + 2);
        head.len = 0;
        bc_buf_reserve(&head, total * (cols + 1));
        unsigned char *row = (unsigned char *)head.data, *prev = NULL;
        unsigned char cur[16];
        for (size_t j = 0; j < total; j++) {
            memset(cur, 0, sizeof cur);
            if (j == 0) {
                put_be(cur + 1 + w, 0xFFFF, 2); /* type 0, the head of the free list */
            } else if (j < size && !o[j].stream) {
                cur[0] = 2;
                put_be(cur + 1, size + (size_t)o[j].packed, w);
                put_be(cur + 1 + w, (uint64_t)o[j].index, 2);
            } else {
                cur[0] = 1;
                put_be(cur + 1, off[j], w);
            }
            row[0] = 2; /* PNG "Up": each byte minus the one above it */
            for (size_t c = 0; c < cols; c++) row[1 + c] = (unsigned char)(cur[c] - (prev ? prev[1 + c] : 0));
            if (!prev) prev = bc_xmalloc(cols + 1);
            memcpy(prev + 1, cur, cols);
            row += cols + 1;
        }
        free(prev);
        head.len = total * (cols + 1);
        if (!bc_deflate(head.data, head.len, PACK_LEVEL, &z)) {
            st = bc_error_set(err, NULL, 0, "cannot pack the PDF: deflate failed");
        } else {
            bc_buf_printf(out, "%zu 0 obj\n<< /Type /XRef /Size %zu /W [1 %d 2] /Filter /FlateDecode "
                          "/DecodeParms << /Columns %zu /Predictor 12 >> /Length %zu", xref_no,
                          total, w, cols, z.len);
            /* the trailer's entries but those of a classic table */
            size_t q = skip_ws(&p, trailer.a) + 2;
            for (;;) {
                q = skip_ws(&p, q);
                if (q >= trailer.b || in[q] != '/') break;
                size_t ks = q + 1, ke = ks;
                while (ke < trailer.b && is_regular(in[ke])) ke++;
                size_t ve = skip_value(&p, ke);
                if (!ve || ve > trailer.b) break;
                span key = {ks, ke};
                if (!key_is(&p, key, "Size") && !key_is(&p, key, "Prev") &&
                    !key_is(&p, key, "XRefStm")) {
                    bc_buf_addc(out, ' ');
                    bc_buf_add(out, in + q, ve - q);
                }
                q = ve;
            }
            bc_buf_adds(out, " >>\nstream\r\n");
            bc_buf_add(out, z.data, z.len);
            bc_buf_printf(out, "\nendstream\nendobj\nstartxref\n%zu\n%%%%EOF\n", xref_at);
        }
    }
    bc_buf_free(&head);
    bc_buf_free(&objs);
    bc_buf_free(&z);
    free(off);
done:
    free(o);
    return st;
}
