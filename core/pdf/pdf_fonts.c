/*
** pdf_fonts.c — the fonts of the PDF back end (pdf_int.h): what each glyph of shaped text
** stands for (clusters mapped to the characters they draw, for ToUnicode and /ActualText),
** the glyphs every text op uses marked in their fonts, and the used fonts embedded as
** subsets (embed.c). Part of the back end pdf.c drives.
*/
#include "pdf/pdf_int.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <hpdf.h>

#include "pdf/embed.h"
#include "base/utf8.h"
#include "text/shape.h"

/* The glyphs of a shaped text op (ops.h), as layout measured them; NULL with w->err set when
   HarfBuzz fails. */
const bc_glyph *bc_pdf_shape_op(W *w, const bc_op *op, bc_shaped *sh)
{
    bc_font *f = bc_fontset_peek(w->fs, op->font);
    if (!f) return NULL;
    bc_shape_font sf;
    sf.data = bc_font_data(f, &sf.len);
    sf.key = bc_font_file_key(f);
    sf.face = bc_font_face(f);
    const char *lang = op->lang ? op->lang : w->lang; /* as layout measured it */
    if (bc_shape(&sf, op->text, op->len, op->dir == BC_TEXT_RTL, lang, sh, w->err) != BC_OK) {
        w->own_error = 1;
        if (!w->code) w->code = HPDF_FAILD_TO_ALLOC_MEM;
        return NULL;
    }
    return sh->g;
}

/* The code points of UTF-8 text s[0..n) in reverse order, into out (n bytes). */
void bc_pdf_reverse_chars(const char *s, size_t n, char *out)
{
    const char *p = s, *end = s + n;
    char *q = out + n;
    while (p < end) {
        const char *c = p;
        bc_utf8_next(&p);
        q -= p - c;
        memcpy(q, c, (size_t)(p - c));
    }
}

void bc_pdf_gmap_free(gmap *m)
{
    free(m->ts);
    free(m->te);
    free(m->starts);
}

static int cmp_u32(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return (x > y) - (x < y);
}

/* Combining vowel and reading marks of the Arabic script, and generic combining marks. */
static int vowel_mark(uint32_t cp)
{
    return (cp >= 0x0300 && cp < 0x0370) || (cp >= 0x0610 && cp <= 0x061A) ||
           (cp >= 0x064B && cp <= 0x065F) || cp == 0x0670 || (cp >= 0x06D6 && cp <= 0x06ED) ||
           (cp >= 0x08D3 && cp <= 0x08FF);
}

/*
** Maps the glyphs of shaped op to the text they stand for, cluster by cluster (HarfBuzz keeps a
** cluster's glyphs together): a cluster of one glyph stands for all its text (a ligature, a
** joining form, a conjunct); in a cluster of several, a glyph the font's cmap gives for one of
** its characters stands for that character, and the other glyphs, in logical order, for one
** each of the characters left (their ops get /ActualText, which says it all).
** Glyphs are drawn in visual order: drawing a cluster's glyphs in the order of their
** characters (moving back for a Devanagari vowel sign drawn before its consonant) let pdf.js
** read some such clusters right but made poppler split the word from its line.
*/
void bc_pdf_map_glyphs(bc_font *f, const bc_op *op, const bc_shaped *sh, gmap *m)
{
    if (sh->n > m->cap) {
        m->cap = sh->n;
        m->ts = bc_xrealloc(m->ts, (size_t)m->cap * sizeof *m->ts);
        m->te = bc_xrealloc(m->te, (size_t)m->cap * sizeof *m->te);
        m->starts = bc_xrealloc(m->starts, (size_t)m->cap * sizeof *m->starts);
    }
    m->multi = 0;
    int rtl = op->dir == BC_TEXT_RTL;
    /* left to right with one glyph per cluster, clusters ascending (Latin with ligatures):
       each glyph stands for the text up to the next one's */
    int plain = !rtl;
    for (int i = 1; i < sh->n && plain; i++) plain = sh->g[i].cluster > sh->g[i - 1].cluster;
    if (plain) {
        for (int i = 0; i < sh->n; i++) {
            uint32_t c = sh->g[i].cluster,
                     e = i + 1 < sh->n ? sh->g[i + 1].cluster : (uint32_t)op->len;
            if (e > op->len) e = (uint32_t)op->len;
            if (c > e) c = e;
            m->ts[i] = c;
            m->te[i] = e;
        }
        return;
    }
    /* cluster starts, sorted once: a cluster's text ends where the next one starts (in
       O(n log n): a run may be thousands of zero-width clusters) */
    int sorted = 1; /* left-to-right text is: no sort then */
    for (int i = 0; i < sh->n; i++) {
        m->starts[i] = sh->g[i].cluster;
        sorted &= i == 0 || m->starts[i - 1] <= m->starts[i];
    }
    if (!sorted) qsort(m->starts, (size_t)sh->n, sizeof *m->starts, cmp_u32);
    m->nstarts = 0;
    for (int i = 0; i < sh->n; i++)
        if (!m->nstarts || m->starts[m->nstarts - 1] != m->starts[i])
            m->starts[m->nstarts++] = m->starts[i];
    for (int i = 0; i < sh->n;) {
        int j = i;
        while (j < sh->n && sh->g[j].cluster == sh->g[i].cluster) j++;
        /* the cluster's text: up to the next larger cluster start, or the end */
        uint32_t c = sh->g[i].cluster, e = (uint32_t)op->len;
        int lo = 0, hi = m->nstarts;
        while (lo < hi) { /* the first start after c */
            int mid = (lo + hi) / 2;
            if (m->starts[mid] <= c)
                lo = mid + 1;
            else
                hi = mid;
        }
        if (lo < m->nstarts && m->starts[lo] < e) e = m->starts[lo];
        if (c > op->len) c = e = (uint32_t)op->len;
        for (int k = i; k < j; k++) m->ts[k] = m->te[k] = c;
        if (j - i == 1) {
            m->te[i] = e;
        } else if (!bc_font_is_cff(f)) {
            /* the first glyph drawn stands for the whole cluster and the others for nothing,
               each with a code of its own where the glyph stands for other text elsewhere
               (bc_subset_variants): a reader that ignores /ActualText (pdf.js) reads the
               cluster in logical order whatever order its glyphs are drawn in */
            m->multi = 1;
            m->te[i] = e;
        } else {
            m->multi = 1;
            unsigned char taken[64] = {0};
            int nch = 0;
            uint32_t at[65];
            for (const char *p = op->text + c; p < op->text + e && nch < 64; nch++) {
                at[nch] = (uint32_t)(p - op->text);
                bc_utf8_next(&p);
            }
            at[nch] = e;
            int nfree = 0, fr[64];
            for (int k0 = 0; k0 < j - i; k0++) {
                int k = rtl ? j - 1 - k0 : i + k0; /* logical order */
                int found = -1;
                for (int q = 0; q < nch && found < 0; q++) {
                    if (taken[q]) continue;
                    const char *p = op->text + at[q];
                    if (bc_font_glyph(f, bc_utf8_next(&p)) == sh->g[k].gid) found = q;
                }
                if (found >= 0) {
                    taken[found] = 1;
                    m->ts[k] = at[found];
                    m->te[k] = at[found + 1];
                } else if (nfree < 64) {
                    fr[nfree++] = k;
                }
            }
            /* the characters left, one to each other glyph in order (a contextual form of a
               base letter stands for the letter alone, not with the vowel marks it happened
               to carry, since it is the same glyph without them); the last takes the rest
               when that is one run holding more letters (a conjunct: त्र) */
            int k = 0, q = 0;
            for (; q < nch && k < nfree; q++)
                if (!taken[q]) {
                    m->ts[fr[k]] = at[q];
                    m->te[fr[k]] = at[q + 1];
                    k++;
                }
            if (k == nfree && nfree > 0) {
                int last = -1, run = 1, letters = 0;
                for (int r = q; r < nch; r++)
                    if (!taken[r]) last = r;
                for (int r = q; r <= last; r++) {
                    const char *p = op->text + at[r];
                    run &= !taken[r];
                    letters |= !vowel_mark(bc_utf8_next(&p));
                }
                if (last >= 0 && run && letters && m->te[fr[k - 1]] == at[q])
                    m->te[fr[k - 1]] = at[last + 1];
            }
        }
        i = j;
    }
}

/* Marks the glyphs every shaped text op draws as used in its font, each with the text it
   stands for (bc_pdf_map_glyphs) for ToUnicode; right-to-left text in visual order, as readers
   reverse it. */
bc_status bc_pdf_use_shaped_glyphs(W *w, const bc_layout *lay)
{
    gmap m = {0};
    for (int p = 0; p < lay->npages; p++) {
        const bc_ops *ops = &lay->pages[p];
        for (int i = 0; i < ops->n; i++) {
            const bc_op *op = &ops->v[i];
            if (op->kind != BC_OP_TEXT || op->dir == BC_TEXT_PLAIN || !op->len) continue;
            bc_shaped sh;
            if (!bc_pdf_shape_op(w, op, &sh)) {
                bc_pdf_gmap_free(&m);
                return BC_ERR;
            }
            bc_font *f = bc_fontset_peek(w->fs, op->font);
            bc_pdf_map_glyphs(f, op, &sh, &m);
            if (op->font == BC_FONT_EMOJI) { /* codes of pdf_emoji.c, in reading order */
                bc_pdf_emoji_collect(w, op, &sh, &m);
                continue;
            }
            for (int g = 0; g < sh.n; g++) {
                size_t n = m.te[g] - m.ts[g];
                char rev[32];
                if (op->dir == BC_TEXT_RTL && n > 1 && n <= sizeof rev) {
                    bc_pdf_reverse_chars(op->text + m.ts[g], n, rev);
                    bc_font_use_glyph(f, sh.g[g].gid, rev, n);
                } else {
                    bc_font_use_glyph(f, sh.g[g].gid, op->text + m.ts[g], n);
                }
            }
        }
    }
    bc_pdf_gmap_free(&m);
    return BC_OK;
}

uint16_t bc_pdf_glyph_code(W *w, const bc_op *op, const bc_shaped *sh, int k)
{
    const bc_subset *sub = &w->sub[op->font];
    uint32_t gid = sh->g[k].gid;
    if (!sub->nextra) return bc_subset_glyph_code(sub, gid);
    size_t n = w->gm.te[k] - w->gm.ts[k];
    char rev[32];
    if (op->dir == BC_TEXT_RTL && n > 1 && n <= sizeof rev) { /* as marked: visual order */
        bc_pdf_reverse_chars(op->text + w->gm.ts[k], n, rev);
        return bc_subset_text_code(sub, gid, rev, n);
    }
    return bc_subset_text_code(sub, gid, op->text + w->gm.ts[k], n);
}

bc_status bc_pdf_load_fonts(W *w)
{
    int index = 0;
    for (int slot = 0; slot < BC_FONT_SLOTS; slot++) {
        bc_font *f = bc_fontset_peek(w->fs, slot);
        if (slot == BC_FONT_EMOJI && bc_pdf_emoji_font(w) != BC_OK) return BC_ERR;
        if (!f || !bc_font_used_any(f) || slot == BC_FONT_EMOJI) continue; /* images */
        if (bc_embed_subset(f, &w->sub[slot], w->err) != BC_OK) return BC_ERR;
        for (uint32_t c = 0; c < 128; c++) w->ascii[slot][c] = bc_subset_gid(&w->sub[slot], c);
        w->font[slot] = bc_embed_font(w->pdf, f, &w->sub[slot], index++);
        if (!w->font[slot] || w->code)
            return w->code ? bc_pdf_check(w, "embedding a font")
                           : bc_error_set(w->err, bc_font_path(f), 0, "cannot embed font '%s'",
                                          bc_font_path(f));
    }
    return BC_OK;
}
