/*
** vec.c — the blob that carries vector art (see vec.h): building it and checking it.
**
** Layout: "BCV1", then four uint32 (stream bytes, resources, warning bytes, text bytes) and two
** floats (the viewport), then the resources as bc_vres records, the content stream, the
** warnings and the text runs.
*/
#include "layout/vec.h"

#include "base/utf8.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define HEAD 28

int bc_vec_view_of(const unsigned char *blob, size_t len, bc_vec_view *v)
{
    uint32_t h[4];
    float vp[2];
    memset(v, 0, sizeof *v);
    if (!blob || len < HEAD || memcmp(blob, "BCV1", 4)) return 0;
    memcpy(h, blob + 4, sizeof h);
    memcpy(vp, blob + 20, sizeof vp);
    if (h[1] > BC_VEC_MAX_RES || !(vp[0] > 0 && vp[0] < 1e6f) || !(vp[1] > 0 && vp[1] < 1e6f))
        return 0;
    size_t need = HEAD + (size_t)h[1] * sizeof(bc_vres);
    if (h[0] > len || h[2] > len || h[3] > len || need > len ||
        len - need != (size_t)h[0] + h[2] + h[3])
        return 0;
    v->vw = vp[0], v->vh = vp[1];
    v->texts = blob + need + h[0] + h[2];
    v->texts_len = h[3];
    v->res = blob + HEAD;
    v->nres = h[1];
    v->stream = (const char *)blob + need;
    v->stream_len = h[0];
    v->warnings = (const char *)blob + need + h[0];
    v->warnings_len = h[2];
    for (uint32_t i = 0; i < v->nres; i++) { /* every record sane, so readers need not care */
        bc_vres r;
        bc_vec_res(v, i, &r);
        if (r.kind < BC_VRES_ALPHA || r.kind > BC_VRES_MASK_RADIAL) return 0;
        if (r.kind != BC_VRES_ALPHA && (r.nstops < 1 || r.nstops > BC_VEC_STOPS)) return 0;
        if (r.spread > 2 || !isfinite(r.dom[0]) || !isfinite(r.dom[1]) ||
            (r.spread && !(r.dom[0] < r.dom[1] && r.dom[1] - r.dom[0] <= BC_VEC_PERIODS)))
            return 0;
        const float *f = &r.fill_a;
        for (size_t k = 0; k < 2 + 6 + 6 + BC_VEC_STOPS; k++)
            if (!isfinite(f[k]) || fabsf(f[k]) > 1e7f) return 0;
    }
    size_t off = 0, n = 0; /* every text run whole, sane and UTF-8 */
    while (off < v->texts_len) {
        bc_vtext t;
        if (v->texts_len - off < sizeof t || ++n > BC_VEC_MAX_TEXT) return 0;
        memcpy(&t, v->texts + off, sizeof t);
        size_t padded = ((size_t)t.len + 3) & ~(size_t)3;
        if (t.len > v->texts_len || padded > v->texts_len - off - sizeof t) return 0;
        const float *f = &t.x;
        for (int k = 0; k < 4; k++)
            if (!isfinite(f[k]) || fabsf(f[k]) > 1e7f) return 0;
        if (t.size <= 0 || t.anchor > 2 ||
            bc_utf8_check((const char *)v->texts + off + sizeof t, t.len) != (size_t)-1)
            return 0;
        off += sizeof t + padded;
    }
    return 1;
}

int bc_vec_text_next(const bc_vec_view *v, size_t *off, bc_vtext *t, const char **s)
{
    if (*off + sizeof *t > v->texts_len) return 0; /* checked whole by bc_vec_view_of */
    memcpy(t, v->texts + *off, sizeof *t);
    *s = (const char *)v->texts + *off + sizeof *t;
    *off += sizeof *t + (((size_t)t->len + 3) & ~(size_t)3);
    return 1;
}

int bc_vec_text(bc_vec_builder *b, const bc_vtext *t, const char *s, size_t len)
{
    if (b->ntexts >= BC_VEC_MAX_TEXT || len > 65536) return 0;
    bc_vtext c = *t;
    c.len = (uint32_t)len;
    memset(c.pad, 0, sizeof c.pad);
    bc_buf_add(&b->texts, &c, sizeof c);
    bc_buf_add(&b->texts, s, len);
    static const char zero[4] = {0};
    bc_buf_add(&b->texts, zero, ((len + 3) & ~(size_t)3) - len);
    b->ntexts++;
    return 1;
}

void bc_vec_res(const bc_vec_view *v, uint32_t i, bc_vres *out)
{
    memcpy(out, v->res + (size_t)i * sizeof *out, sizeof *out);
}

static int add_res(bc_vec_builder *b, const bc_vres *r)
{
    if (b->nres >= BC_VEC_MAX_RES) return -1;
    BC_GROW(b->res, b->nres, b->cap, 8);
    b->res[b->nres] = *r;
    return (int)b->nres++;
}

int bc_vec_alpha(bc_vec_builder *b, double fill_a, double stroke_a)
{
    float fa = (float)fmin(fmax(fill_a, 0), 1), sa = (float)fmin(fmax(stroke_a, 0), 1);
    for (uint32_t i = 0; i < b->nres; i++)
        if (b->res[i].kind == BC_VRES_ALPHA && b->res[i].fill_a == fa && b->res[i].stroke_a == sa)
            return (int)i;
    bc_vres r;
    memset(&r, 0, sizeof r);
    r.kind = BC_VRES_ALPHA;
    r.fill_a = fa, r.stroke_a = sa;
    return add_res(b, &r);
}

int bc_vec_shading(bc_vec_builder *b, const bc_vres *r)
{
    bc_vres c = *r;
    c.fill_a = c.stroke_a = 0;
    return add_res(b, &c);
}

void bc_vec_num(bc_vec_builder *b, double v)
{
    if (!isfinite(v)) v = 0;
    if (v > 1e6) v = 1e6;
    if (v < -1e6) v = -1e6;
    char s[32];
    int n = snprintf(s, sizeof s, "%.4f", v);
    while (n > 0 && s[n - 1] == '0') n--; /* 1.2500 -> 1.25, 3.0000 -> 3 */
    if (n > 0 && s[n - 1] == '.') n--;
    if (n == 2 && s[0] == '-' && s[1] == '0') s[0] = '0', n = 1;
    s[n++] = ' ';
    bc_buf_add(&b->content, s, (size_t)n);
}

void bc_vec_warn(bc_vec_builder *b, int line, const char *fmt, ...)
{
    if (b->warnings.len > 16384) return; /* enough to act on */
    bc_buf_printf(&b->warnings, "%d: ", line);
    char m[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(m, sizeof m, fmt, ap);
    va_end(ap);
    bc_buf_adds(&b->warnings, m);
    bc_buf_addc(&b->warnings, '\n');
}

const unsigned char *bc_vec_finish(bc_vec_builder *b, bc_arena *a, size_t *len)
{
    uint32_t h[4] = {(uint32_t)b->content.len, b->nres, (uint32_t)b->warnings.len,
                     (uint32_t)b->texts.len};
    float vp[2] = {b->vw > 0 ? b->vw : 1, b->vh > 0 ? b->vh : 1};
    size_t n =
        HEAD + (size_t)b->nres * sizeof(bc_vres) + b->content.len + b->warnings.len + b->texts.len;
    unsigned char *p = bc_arena_alloc(a, n), *q = p;
    memcpy(q, "BCV1", 4);
    memcpy(q + 4, h, sizeof h);
    memcpy(q + 20, vp, sizeof vp);
    q += HEAD;
    if (b->nres) memcpy(q, b->res, (size_t)b->nres * sizeof(bc_vres));
    q += (size_t)b->nres * sizeof(bc_vres);
    if (b->content.len) memcpy(q, b->content.data, b->content.len);
    q += b->content.len;
    if (b->warnings.len) memcpy(q, b->warnings.data, b->warnings.len);
    q += b->warnings.len;
    if (b->texts.len) memcpy(q, b->texts.data, b->texts.len);
    *len = n;
    bc_vec_builder_free(b);
    return p;
}

void bc_vec_builder_free(bc_vec_builder *b)
{
    if (!b) return;
    bc_buf_free(&b->content);
    bc_buf_free(&b->warnings);
    bc_buf_free(&b->texts);
    free(b->res);
    memset(b, 0, sizeof *b);
}
