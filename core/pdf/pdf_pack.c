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
#include "pdf/zmemo.h"

#define PACK_PER_STREAM 500 /* objects in one /ObjStm */
#define PACK_MAX_DEPTH 64   /* nesting of dictionaries and arrays libharu never comes near */
/* zlib level of the object and xref streams: on the sample, 6 saves 40 B of 61 KB for 0.55 M
   more instructions (0.8 % of a cache-off build), 9 another 0.1 KB for twice the time */
#define PACK_LEVEL 5

typedef struct span {
    size_t a, b;
} span; /* bytes [a, b) of the input */

typedef struct pobj {
    span obj;   /* "N 0 obj" … "endobj", for a stream copied as it is */
    span value; /* the value (a stream's dictionary) */
    int stream; /* 1 for a stream */
    int packed; /* the object stream it went to (0-based), or -1 */
    int index;  /* its index there */
} pobj;

typedef struct P {
    const unsigned char *s;
    size_t n;
    bc_error *err;
} P;

static int is_ws(unsigned char c)
{
    return c == 0 || c == '\t' || c == '\n' || c == '\f' || c == '\r' || c == ' ';
}
static int is_delim(unsigned char c)
{
    return c == '(' || c == ')' || c == '<' || c == '>' || c == '[' || c == ']' || c == '{' ||
           c == '}' || c == '/' || c == '%';
}
static int is_regular(unsigned char c) { return !is_ws(c) && !is_delim(c); }

static size_t skip_ws(const P *p, size_t i)
{
    while (i < p->n) {
        if (is_ws(p->s[i]))
            i++;
        else if (p->s[i] == '%') {
            while (i < p->n && p->s[i] != '\n' && p->s[i] != '\r') i++;
        } else
            break;
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
    while (i + k < p->n && p->s[i + k] >= '0' && p->s[i + k] <= '9' && k < 16)
        v = v * 10 + (size_t)(p->s[i + k++] - '0');
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
        if (c == '\\')
            i++;
        else if (c == '(')
            depth++;
        else if (c == ')' && --depth == 0)
            return i + 1;
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

/* What the reading steps find: where the body, the xref table and startxref are, every
   object, the trailer; then where each object went. */
typedef struct K {
    P p;
    size_t body, xo, sx, size; /* body start, "xref", "startxref", the table's SIZE */
    size_t entries;            /* the first xref entry */
    pobj *o;                   /* nobj objects (o[0] unused) */
    span trailer;
    size_t nobj;          /* the input's objects and the extra ones (numbers below it) */
    const bc_pdf_objs *x; /* the extra objects' values, or NULL */
    size_t replace;       /* the input object whose value is x's value 0, or 0 */
    size_t nstm, total;   /* object streams; objects in the new file */
    size_t *off;          /* total offsets in the new file (streams, ObjStm, XRef) */
} K;

/* The header, startxref and the xref section's "0 SIZE" line. */
static bc_status read_frame(K *c)
{
    P *p = &c->p;
    const unsigned char *in = p->s;
    size_t len = p->n, e;
    if (len < 16 || memcmp(in, "%PDF-1.", 7) != 0 || in[7] < '0' || in[7] > '9' || in[8] != '\n' ||
        in[9] != '%')
        return refuse(p, "no '%PDF-1.n' header line and comment", 0);
    c->body = 10;
    while (c->body < len && in[c->body] != '\n') c->body++;
    if (c->body++ >= len) return refuse(p, "no end of the header comment", c->body);
    /* startxref, in the last 64 bytes */
    c->sx = 0;
    for (size_t i = len > 64 ? len - 64 : 0; i + 9 <= len; i++)
        if (memcmp(in + i, "startxref", 9) == 0) c->sx = i;
    if (!c->sx) return refuse(p, "no startxref", len);
    c->xo = read_uint(p, skip_ws(p, c->sx + 9), &e);
    if (c->xo == (size_t)-1 || c->xo < c->body || c->xo >= c->sx || !keyword_at(p, c->xo, "xref"))
        return refuse(p, "startxref does not point at an xref table", c->sx);
    /* one xref section "0 SIZE", 20-byte entries */
    size_t i = skip_ws(p, c->xo + 4), first = read_uint(p, i, &e);
    if (first != 0 || (c->size = read_uint(p, skip_ws(p, e), &e)) == (size_t)-1 || c->size < 2 ||
        c->size > (len - c->xo) / 20)
        return refuse(p, "the xref table is not one section from object 0", i);
    i = e;
    while (i < len && (in[i] == ' ' || in[i] == '\r')) i++;
    if (i >= len || in[i++] != '\n') return refuse(p, "the xref section header has no end", i);
    if (len - i < c->size * 20) return refuse(p, "the xref table is cut short", i);
    c->entries = i;
    return BC_OK;
}

/* Entry k: "offset 00000 n" pointing exactly at "k 0 obj", and that object's value. */
static bc_status read_object(K *c, size_t k)
{
    P *p = &c->p;
    size_t at = c->entries + 20 * k, off = 0, ob, oe;
    const unsigned char *r = p->s + at;
    int ok = r[10] == ' ' && r[16] == ' ' && (r[17] == (k ? 'n' : 'f')) &&
             (r[18] == '\r' || r[18] == ' ') && (r[19] == '\n' || r[19] == '\r');
    for (int d = 0; d < 10 && ok; d++)
        ok = r[d] >= '0' && r[d] <= '9', off = off * 10 + (size_t)(r[d] - '0');
    for (int d = 11; d < 16 && ok; d++) ok = k ? r[d] == '0' : r[d] >= '0' && r[d] <= '9';
    if (!ok) return refuse(p, "an xref entry is not 'offset 00000 n'", at);
    if (!k) return BC_OK;
    if (off < c->body || off >= c->xo || read_uint(p, off, &ob) != k ||
        read_uint(p, skip_ws(p, ob), &oe) != 0 || !keyword_at(p, skip_ws(p, oe), "obj"))
        return refuse(p, "an xref entry does not point at its object", off);
    pobj *o = &c->o[k];
    o->obj.a = off;
    o->value.a = skip_ws(p, oe) + 3;
    o->value.b = skip_value(p, o->value.a);
    if (!o->value.b || o->value.b > c->xo)
        return refuse(p, "an object's value does not end", o->value.a);
    size_t after = skip_ws(p, o->value.b);
    if (keyword_at(p, after, "endobj")) {
        o->obj.b = after + 6;
    } else if (keyword_at(p, after, "stream") && p->s[skip_ws(p, o->value.a)] == '<') {
        o->stream = 1;
        o->obj.b = after; /* the data is found once every /Length can be resolved */
    } else {
        return refuse(p, "an object is followed by neither endobj nor stream", after);
    }
    return BC_OK;
}

/* The trailer dictionary after the table (not an encrypted file's). */
static bc_status read_trailer(K *c)
{
    P *p = &c->p;
    size_t tr = skip_ws(p, c->entries + 20 * c->size);
    if (!keyword_at(p, tr, "trailer")) return refuse(p, "no trailer after the xref table", tr);
    c->trailer.a = skip_ws(p, tr + 7);
    if (!(c->trailer.b = skip_value(p, c->trailer.a)) || c->trailer.b > c->sx ||
        p->s[c->trailer.a] != '<')
        return refuse(p, "the trailer is not a dictionary", c->trailer.a);
    if (dict_get(p, c->trailer, "Encrypt").b) /* strings would be decrypted per object */
        return refuse(p, "the file is encrypted", c->trailer.a);
    return BC_OK;
}

/* Stream k: "stream" EOL, /Length bytes, EOL, "endstream", "endobj". */
static bc_status read_stream(K *c, size_t k)
{
    P *p = &c->p;
    pobj *o = &c->o[k];
    span lv = dict_get(p, o->value, "Length");
    size_t n = lv.b ? int_value(p, lv, c->o, c->size) : (size_t)-1;
    size_t d = o->obj.b + 6;
    if (d < c->xo && p->s[d] == '\r') d++;
    if (d >= c->xo || p->s[d++] != '\n' || n == (size_t)-1 || n > c->xo - d)
        return refuse(p, "a stream's /Length is not an integer that fits", o->obj.b);
    size_t es = skip_ws(p, d + n), eo;
    if (!keyword_at(p, es, "endstream") || !keyword_at(p, eo = skip_ws(p, es + 9), "endobj") ||
        eo + 6 > c->xo)
        return refuse(p, "a stream does not end with endstream and endobj", d + n);
    o->obj.b = eo + 6;
    return BC_OK;
}

/* The header, the streams as they are, then the other objects in object streams. */
static bc_status write_objects(K *c, bc_buf *out, bc_buf *head, bc_buf *objs, bc_buf *z)
{
    const unsigned char *in = c->p.s;
    bc_buf_printf(out, "%%PDF-1.%c\n", in[7] < '5' ? '5' : in[7]);
    bc_buf_add(out, in + 9, c->body - 9);
    for (size_t k = 1; k < c->size; k++) {
        if (!c->o[k].stream) continue;
        c->off[k] = out->len;
        bc_buf_add(out, in + c->o[k].obj.a, c->o[k].obj.b - c->o[k].obj.a);
        bc_buf_addc(out, '\n');
    }
    size_t k = 1;
    for (size_t s = 0; s < c->nstm; s++) {
        head->len = objs->len = 0;
        int n = 0;
        for (; k < c->nobj && n < PACK_PER_STREAM; k++) {
            pobj *o = &c->o[k];
            if (o->stream) continue;
            o->packed = (int)s;
            o->index = n++;
            put_num(head, k);
            put_num(head, objs->len);
            size_t xi = k >= c->size ? k - c->size + 1 : k == c->replace ? 0 : (size_t)-1;
            if (xi != (size_t)-1) { /* an extra value, as its owner wrote it */
                size_t a = xi ? c->x->end[xi - 1] : 0;
                bc_buf_add(objs, c->x->data.data + a, c->x->end[xi] - a);
            } else {
                size_t a =
                    skip_ws(&c->p, o->value.a); /* copied as it is: minifying gained 0.1 KB */
                bc_buf_add(objs, in + a, o->value.b - a);
            }
            bc_buf_addc(objs, '\n');
        }
        bc_buf_add(head, objs->data, objs->len);
        if (!bc_zmemo_deflate(head->data, head->len, PACK_LEVEL, z)) /* zmemo.h: once */
            return bc_error_set(c->p.err, NULL, 0, "cannot pack the PDF: deflate failed");
        c->off[c->nobj + s] = out->len;
        bc_buf_printf(out,
                      "%zu 0 obj\n<< /Type /ObjStm /N %d /First %zu /Filter /FlateDecode "
                      "/Length %zu >>\nstream\r\n",
                      c->nobj + s, n, head->len - objs->len, z->len);
        bc_buf_add(out, z->data, z->len);
        bc_buf_adds(out, "\nendstream\nendobj\n");
    }
    return BC_OK;
}

/* The xref stream's rows: type, offset or object stream, generation or index; PNG "Up"
   predicted (each byte minus the one above it). Returns the row length. */
static size_t xref_rows(K *c, int w, bc_buf *rows)
{
    size_t cols = (size_t)(1 + w + 2);
    rows->len = 0;
    bc_buf_reserve(rows, c->total * (cols + 1));
    unsigned char *row = (unsigned char *)rows->data, prev[16] = {0}, cur[16];
    for (size_t j = 0; j < c->total; j++) {
        memset(cur, 0, sizeof cur);
        if (j == 0) {
            put_be(cur + 1 + w, 0xFFFF, 2); /* type 0, the head of the free list */
        } else if (j < c->nobj && !c->o[j].stream) {
            cur[0] = 2;
            put_be(cur + 1, c->nobj + (size_t)c->o[j].packed, w);
            put_be(cur + 1 + w, (uint64_t)c->o[j].index, 2);
        } else {
            cur[0] = 1;
            put_be(cur + 1, c->off[j], w);
        }
        row[0] = 2;
        for (size_t k = 0; k < cols; k++) row[1 + k] = (unsigned char)(cur[k] - prev[k]);
        memcpy(prev, cur, cols);
        row += cols + 1;
    }
    rows->len = c->total * (cols + 1);
    return cols;
}

/* The xref stream, with the trailer's entries but those of a classic table, and the end. */
static bc_status write_xref(K *c, bc_buf *out, bc_buf *rows, bc_buf *z)
{
    const unsigned char *in = c->p.s;
    size_t xref_no = c->nobj + c->nstm, xref_at = out->len;
    c->off[xref_no] = xref_at;
    int w = 1; /* wide enough for every offset and every object stream's number */
    size_t widest = xref_at > c->total ? xref_at : c->total;
    while (w < 8 && (widest >> (8 * w)) != 0) w++;
    size_t cols = xref_rows(c, w, rows);
    if (!bc_deflate(rows->data, rows->len, PACK_LEVEL, z))
        return bc_error_set(c->p.err, NULL, 0, "cannot pack the PDF: deflate failed");
    bc_buf_printf(out,
                  "%zu 0 obj\n<< /Type /XRef /Size %zu /W [1 %d 2] /Filter /FlateDecode "
                  "/DecodeParms << /Columns %zu /Predictor 12 >> /Length %zu",
                  xref_no, c->total, w, cols, z->len);
    size_t q = skip_ws(&c->p, c->trailer.a) + 2;
    for (;;) {
        q = skip_ws(&c->p, q);
        if (q >= c->trailer.b || in[q] != '/') break;
        size_t ks = q + 1, ke = ks;
        while (ke < c->trailer.b && is_regular(in[ke])) ke++;
        size_t ve = skip_value(&c->p, ke);
        if (!ve || ve > c->trailer.b) break;
        span key = {ks, ke};
        if (!key_is(&c->p, key, "Size") && !key_is(&c->p, key, "Prev") &&
            !key_is(&c->p, key, "XRefStm")) {
            bc_buf_addc(out, ' ');
            bc_buf_add(out, in + q, ve - q);
        }
        q = ve;
    }
    bc_buf_adds(out, " >>\nstream\r\n");
    bc_buf_add(out, z->data, z->len);
    bc_buf_printf(out, "\nendstream\nendobj\nstartxref\n%zu\n%%%%EOF\n", xref_at);
    return BC_OK;
}

void bc_pdf_objs_next(bc_pdf_objs *o)
{
    if (o->n == o->cap) {
        o->cap = o->cap ? 2 * o->cap : 256;
        o->end = bc_xrealloc(o->end, o->cap * sizeof *o->end);
    }
    o->end[o->n++] = o->data.len;
}

void bc_pdf_objs_free(bc_pdf_objs *o)
{
    if (!o) return;
    bc_buf_free(&o->data);
    free(o->end);
    memset(o, 0, sizeof *o);
}

bc_status bc_pdf_pack(const unsigned char *in, size_t len, bc_buf *out, bc_error *err)
{
    return bc_pdf_pack_with(in, len, NULL, out, err);
}

bc_status bc_pdf_pack_with(const unsigned char *in, size_t len, const bc_pdf_extra *x, bc_buf *out,
                           bc_error *err)
{
    K c = {.p = {in, len, err}};
    out->len = 0;
    bc_status st = read_frame(&c);
    if (st != BC_OK) return st;
    c.o = bc_xcalloc(c.size, sizeof *c.o);
    for (size_t k = 0; k < c.size && st == BC_OK; k++) st = read_object(&c, k);
    if (st == BC_OK) st = read_trailer(&c);
    for (size_t k = 1; k < c.size && st == BC_OK; k++)
        if (c.o[k].stream) st = read_stream(&c, k);
    c.nobj = c.size;
    bc_pdf_objs xo = {0};
    if (st == BC_OK && x) {
        if (x->replace && (x->replace >= c.size || c.o[x->replace].stream))
            st = refuse(&c.p, "the placeholder is not an object of the file", 0);
        else if ((st = x->emit(x->ctx, c.size, &xo, err)) == BC_OK && xo.n < 1)
            st = refuse(&c.p, "no value for the placeholder", 0);
        if (st == BC_OK) {
            c.x = &xo;
            c.replace = x->replace;
            c.nobj = c.size + xo.n - 1;
            c.o = bc_xrealloc(c.o, c.nobj * sizeof *c.o);
            memset(c.o + c.size, 0, (c.nobj - c.size) * sizeof *c.o);
        }
    }
    if (st != BC_OK) {
        bc_pdf_objs_free(&xo);
        free(c.o);
        return st;
    }
    size_t npacked = 0;
    for (size_t k = 1; k < c.nobj; k++) npacked += !c.o[k].stream;
    c.nstm = (npacked + PACK_PER_STREAM - 1) / PACK_PER_STREAM;
    c.total = c.nobj + c.nstm + 1; /* + the xref stream */
    c.off = bc_xcalloc(c.total, sizeof *c.off);
    bc_buf head = {0}, objs = {0}, z = {0};
    st = write_objects(&c, out, &head, &objs, &z);
    if (st == BC_OK) st = write_xref(&c, out, &head, &z);
    bc_buf_free(&head);
    bc_buf_free(&objs);
    bc_buf_free(&z);
    bc_pdf_objs_free(&xo);
    free(c.off);
    free(c.o);
    return st;
}
