/*
** cjkpunct.c — Chinese and Japanese punctuation spacing (JLREQ 3.1, CLREQ 3.1, as Typst sets
** them by default), on a paragraph's words before the line breaker sees them:
**   - two full-width marks in a row take 1.5 em, not 2: half an em of the blank between them
**     goes, from the first mark's right blank and then the second's left (bc_lay_punct_pair):
**     。」 」「 「『 lose the first or second mark's blank half, 」・ ・「 ・・ a quarter em
**     on each side of the middle dot, whose own blank is a quarter em each side (the mark
**     becomes a fragment of its own, its width cut, tfrag.lead and .trail);
**   - a word that starts with an opening bracket is half an em narrower at a line's start
**     (tword.lead), one that ends with a closing mark may be at a line's end (tword.tail:
**     the breaker uses it before it shrinks the gaps);
**   - a quarter em between an ideograph or kana and a Latin letter or digit with no space
**     in the text (tword.cjkgap: blank, no space glyph, so the text extracts as written).
** How much blank a mark has comes from the font's 'halt' feature (text/shape.h), else from
** its class (cjkpunct.h) when the glyph is an em wide; a proportional glyph keeps its width.
** Part of layout (layout.c lists the parts); inline.c calls it, setline.c draws what it set.
*/
#include "layout/cjkpunct.h"

#include <stdlib.h>
#include <string.h>

#include "layout/layout_int.h"
#include "text/shape.h"
#include "base/utf8.h"

/* The marks and their classes (JLREQ appendix A: cl-01, cl-02, cl-05 to cl-07), by code. */
static const struct {
    uint16_t cp;
    unsigned char cls;
} marks[] = {
    {0x2018, BC_PUNCT_OPEN},   {0x2019, BC_PUNCT_CLOSE}, {0x201C, BC_PUNCT_OPEN},
    {0x201D, BC_PUNCT_CLOSE},  {0x3001, BC_PUNCT_COMMA}, {0x3002, BC_PUNCT_STOP},
    {0x3008, BC_PUNCT_OPEN},   {0x3009, BC_PUNCT_CLOSE}, {0x300A, BC_PUNCT_OPEN},
    {0x300B, BC_PUNCT_CLOSE},  {0x300C, BC_PUNCT_OPEN},  {0x300D, BC_PUNCT_CLOSE},
    {0x300E, BC_PUNCT_OPEN},   {0x300F, BC_PUNCT_CLOSE}, {0x3010, BC_PUNCT_OPEN},
    {0x3011, BC_PUNCT_CLOSE},  {0x3014, BC_PUNCT_OPEN},  {0x3015, BC_PUNCT_CLOSE},
    {0x3016, BC_PUNCT_OPEN},   {0x3017, BC_PUNCT_CLOSE}, {0x3018, BC_PUNCT_OPEN},
    {0x3019, BC_PUNCT_CLOSE},  {0x301A, BC_PUNCT_OPEN},  {0x301B, BC_PUNCT_CLOSE},
    {0x301D, BC_PUNCT_OPEN},   {0x301E, BC_PUNCT_CLOSE}, {0x301F, BC_PUNCT_CLOSE},
    {0x30FB, BC_PUNCT_MIDDLE}, {0xFF08, BC_PUNCT_OPEN},  {0xFF09, BC_PUNCT_CLOSE},
    {0xFF0C, BC_PUNCT_COMMA},  {0xFF0E, BC_PUNCT_STOP},  {0xFF1A, BC_PUNCT_MIDDLE},
    {0xFF1B, BC_PUNCT_MIDDLE}, {0xFF3B, BC_PUNCT_OPEN},  {0xFF3D, BC_PUNCT_CLOSE},
    {0xFF5B, BC_PUNCT_OPEN},   {0xFF5D, BC_PUNCT_CLOSE}, {0xFF5F, BC_PUNCT_OPEN},
    {0xFF60, BC_PUNCT_CLOSE},
};

int bc_lay_punct_class(uint32_t cp)
{
    if (cp < 0x2018 || cp > 0xFF60) return BC_PUNCT_NONE;
    size_t lo = 0, hi = sizeof marks / sizeof *marks; /* binary search: sorted by code */
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (marks[mid].cp == cp) return marks[mid].cls;
        if (marks[mid].cp < cp)
            lo = mid + 1;
        else
            hi = mid;
    }
    return BC_PUNCT_NONE;
}

/* {====================================================== how much blank a mark has */

#define TRIMS 64 /* marks remembered per process (a brief uses a dozen) */

static struct trim {
    const unsigned char *data;
    uint64_t key;
    unsigned face;
    uint32_t cp;
    float left, right; /* 1/1000 em */
} trims[TRIMS];
static int ntrims;

/* The blank of mark cp in font f that may be taken off, in 1/1000 em. */
static const struct trim *trim_of(bc_font *f, uint32_t cp)
{
    bc_shape_font sf;
    sf.data = bc_font_data(f, &sf.len);
    sf.key = bc_font_file_key(f);
    sf.face = bc_font_face(f);
    for (int i = 0; i < ntrims; i++)
        if (trims[i].cp == cp && trims[i].data == sf.data && trims[i].key == sf.key &&
            trims[i].face == sf.face)
            return &trims[i];
    if (ntrims == TRIMS) ntrims = 0; /* many fonts: start afresh */
    struct trim *t = &trims[ntrims++];
    t->data = sf.data;
    t->key = sf.key;
    t->face = sf.face;
    t->cp = cp;
    t->left = t->right = 0;
    double adv = bc_font_advance(f, cp);
    if (adv < 900 || adv > 1100 || !bc_font_has(f, cp)) return t; /* proportional: as it is */
    double left, right;
    if (bc_shape_halt(&sf, cp, &left, &right)) {
        t->left = (float)left;
        t->right = (float)right;
        return t;
    }
    int c = bc_lay_punct_class(cp);
    if (c == BC_PUNCT_OPEN) t->left = (float)(adv / 2);
    if (bc_lay_punct_closing(c)) t->right = (float)(adv / 2);
    if (c == BC_PUNCT_MIDDLE) t->left = t->right = (float)(adv / 4); /* JLREQ cl-05 */
    return t;
}

/* }====================================================== */

/* Whether fragment j's text runs on into fragment j + 1's with nothing between: the same word,
   or a break with no space and no gap. */
static int joined(const twords *ws, const int *word, int j)
{
    if (j + 1 >= ws->nf) return 0;
    if (word[j] == word[j + 1]) return 1;
    const tword *w = &ws->w[word[j]];
    return w->space == 0 && w->cjkgap == 0;
}

static uint32_t first_cp(const tfrag *f)
{
    const char *p = f->text;
    return f->len ? bc_utf8_next(&p) : 0;
}

static uint32_t last_cp(const tfrag *f)
{
    if (!f->len) return 0;
    size_t k = f->len - 1;
    while (k > 0 && ((unsigned char)f->text[k] & 0xC0) == 0x80) k--;
    const char *p = f->text + k;
    return bc_utf8_next(&p);
}

/* Whether fragment f may hold full-width punctuation: plain left-to-right text with a
   character from U+2000 up (a quick look at the lead bytes). */
static int may_punct(const tfrag *f)
{
    if (f->dir != BC_TEXT_PLAIN || (f->level & 1)) return 0;
    for (size_t k = 0; k < f->len; k++)
        if ((unsigned char)f->text[k] >= 0xE2) return 1;
    return 0;
}

static int latin_alnum(uint32_t c)
{
    return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
           (c >= 0xC0 && c <= 0x24F && c != 0xD7 && c != 0xF7) || (c >= 0x370 && c <= 0x4FF);
}

/* The quarter em after each word that ends with an ideograph or kana and is followed, with
   no space, by one that starts with a Latin letter or digit, or the reverse. */
static void cjk_latin_gaps(twords *ws)
{
    for (int i = 0; i + 1 < ws->nw; i++) {
        tword *w = &ws->w[i];
        const tword *n = &ws->w[i + 1];
        if (w->space > 0 || !w->nf || !n->nf || w->hyphen > 0) continue;
        const tfrag *a = &ws->f[w->f0 + w->nf - 1], *b = &ws->f[n->f0];
        uint32_t ca = last_cp(a), cb = first_cp(b);
        if (bc_lay_cjk_spaced(ca) && latin_alnum(cb))
            w->cjkgap = a->size * LAY_CJK_LATIN;
        else if (latin_alnum(ca) && bc_lay_cjk_spaced(cb))
            w->cjkgap = b->size * LAY_CJK_LATIN;
    }
}

static tfrag *put_frag(twords *out, tword *w, const tfrag *src)
{
    if (out->nf == out->capf) {
        out->capf = out->capf ? out->capf * 2 : 64;
        out->f = bc_xrealloc(out->f, (size_t)out->capf * sizeof *out->f);
    }
    tfrag *f = &out->f[out->nf++];
    *f = *src;
    w->nf++;
    w->w += f->w;
    return f;
}

/* Appends fragment j of ws to word w of out, the marks that meet another cut into fragments
   of their own with their blank taken off. */
static void cut_frag(L *l, const twords *ws, const int *word, int j, twords *out, tword *w)
{
    const tfrag *fr = &ws->f[j];
    bc_font *f = bc_fontset_peek(l->fs, fr->font);
    int pj = j > 0 && joined(ws, word, j - 1);
    uint32_t prev = pj ? last_cp(&ws->f[j - 1]) : 0;
    bc_font *pf = pj ? bc_fontset_peek(l->fs, ws->f[j - 1].font) : f; /* prev's font */
    const char *p = fr->text, *end = fr->text + fr->len, *seg = p;
    while (p < end) {
        const char *at = p;
        uint32_t c = bc_utf8_next(&p);
        uint32_t next = 0;
        bc_font *nf = f; /* next's font */
        if (p < end) {
            const char *q = p;
            next = bc_utf8_next(&q);
        } else if (joined(ws, word, j)) {
            next = first_cp(&ws->f[j + 1]);
            nf = bc_fontset_peek(l->fs, ws->f[j + 1].font);
        }
        double cut_l = 0, cut_r = 0, unused; /* 1/1000 em */
        if (bc_lay_punct_class(c) != BC_PUNCT_NONE) {
            double lc = trim_of(f, c)->left, rc = trim_of(f, c)->right;
            if (bc_lay_punct_class(prev) != BC_PUNCT_NONE && pf)
                bc_lay_punct_pair(trim_of(pf, prev)->right, lc, 500, &unused, &cut_l);
            if (bc_lay_punct_class(next) != BC_PUNCT_NONE && nf)
                bc_lay_punct_pair(rc, trim_of(nf, next)->left, 500, &cut_r, &unused);
        }
        prev = c;
        pf = f;
        cut_l *= fr->size / 1000.0;
        cut_r *= fr->size / 1000.0;
        if (cut_l <= 0 && cut_r <= 0) continue;
        if (at > seg) { /* the text before the mark */
            tfrag *b = put_frag(out, w, fr);
            b->text = seg;
            b->len = (size_t)(at - seg);
            b->note = 0;
            w->w -= b->w;
            b->w = bc_lay_text_width(l, f, b->text, b->len, fr->size, fr->dir, fr->lang);
            w->w += b->w;
        }
        tfrag *m = put_frag(out, w, fr);
        m->text = at;
        m->len = (size_t)(p - at);
        m->note = p == end ? fr->note : 0;
        w->w -= m->w;
        m->w = bc_lay_text_width(l, f, at, m->len, fr->size, fr->dir, fr->lang);
        if (cut_l + cut_r > m->w) cut_l = cut_r = 0; /* a font whose 'halt' outgrows the glyph */
        m->w -= cut_l + cut_r;
        w->w += m->w;
        m->lead = (float)cut_l;
        m->trail = (float)cut_r;
        seg = p;
    }
    if (seg == fr->text) {
        put_frag(out, w, fr); /* nothing cut: as measured */
    } else if (seg < end) {
        tfrag *a = put_frag(out, w, fr);
        a->text = seg;
        a->len = (size_t)(end - seg);
        w->w -= a->w;
        a->w = bc_lay_text_width(l, f, a->text, a->len, fr->size, fr->dir, fr->lang);
        w->w += a->w;
    }
}

/* A word's line-start and line-end trims: an opening bracket first, a closing mark last, when
   the font gives them blank and the mark was not cut already. */
static void word_trims(L *l, const twords *ws, tword *w)
{
    if (!w->nf) return;
    const tfrag *a = &ws->f[w->f0], *b = &ws->f[w->f0 + w->nf - 1];
    uint32_t ca = first_cp(a), cb = last_cp(b);
    if (a->lead == 0 && bc_lay_punct_class(ca) == BC_PUNCT_OPEN && may_punct(a))
        w->lead = trim_of(bc_fontset_peek(l->fs, a->font), ca)->left * a->size / 1000.0;
    if (b->trail == 0 && bc_lay_punct_closing(bc_lay_punct_class(cb)) && may_punct(b))
        w->tail = trim_of(bc_fontset_peek(l->fs, b->font), cb)->right * b->size / 1000.0;
}

void bc_lay_cjk_punct(L *l, twords *ws)
{
    if (!ws->cjk) return; /* no ideograph, kana or full-width mark: nothing to do */
    int any = 0;
    for (int j = 0; j < ws->nf && !any; j++) any = may_punct(&ws->f[j]);
    cjk_latin_gaps(ws);
    if (!any) return;
    int *word = bc_xmalloc((size_t)ws->nf * sizeof *word);
    for (int i = 0; i < ws->nw; i++)
        for (int k = 0; k < ws->w[i].nf; k++) word[ws->w[i].f0 + k] = i;
    twords out = *ws;
    out.f = NULL;
    out.nf = out.capf = 0;
    for (int i = 0; i < ws->nw; i++) {
        tword *w = &ws->w[i];
        int f0 = w->f0, nf = w->nf;
        w->f0 = out.nf;
        w->nf = 0;
        w->w = 0;
        for (int j = f0; j < f0 + nf; j++) {
            if (may_punct(&ws->f[j]))
                cut_frag(l, ws, word, j, &out, w);
            else
                put_frag(&out, w, &ws->f[j]);
        }
    }
    free(word);
    free(ws->f);
    ws->f = out.f;
    ws->nf = out.nf;
    ws->capf = out.capf;
    for (int i = 0; i < ws->nw; i++) word_trims(l, ws, &ws->w[i]);
}
