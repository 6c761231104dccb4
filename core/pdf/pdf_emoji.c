/*
** pdf_emoji.c — colour emoji in the PDF: text ops layout set in BC_FONT_EMOJI (the installed
** colour font, layout/fontset.h) are drawn as the font's own bitmaps, the way browsers show
** them, and kept as text for readers.
**
** - Each distinct glyph becomes one image XObject per document (its CBDT PNG, text/cbdt.h,
**   decoded by layout/image.c: RGB with an alpha soft mask, Flate), placed at the glyph's box
**   scaled from the strike's pixels per em to the op's size on its baseline. The images of a
**   page are drawn after its other content, as artifacts: they picture the text.
** - The text itself is drawn where the emoji stand in render mode 3 (invisible) in a Type 3
**   font of empty glyphs, one code per distinct cluster (a ZWJ sequence, a flag's two regional
**   indicators, a keycap), its width the emoji's advance and its ToUnicode entry the
**   cluster's text. So pdftotext, mutool and pdf.js read the code points, and in tagged output
**   the emoji is text inside its paragraph's marked content.
** A document with more than MAX_CODES distinct emoji clusters keeps the images of the rest but
** not their text. A glyph whose image cannot be read draws nothing visible.
*/
#include "pdf/pdf_int.h"

#include <stdlib.h>
#include <string.h>

#include "base/utf8.h"
#include "layout/image.h"
#include "text/cbdt.h"

#define MAX_CODES 254 /* one byte a code, and 'm' */
#define WANT_PPEM 255 /* the largest strike: print, not screen */

typedef struct eimg {
    uint32_t gid;
    const bc_image *img; /* NULL: none (no image, or not decodable) */
    bc_cbdt_glyph m;
} eimg;

typedef struct pend {
    const bc_image *img;
    double x, y, w, h;
} pend;

struct bc_pdf_emoji {
    HPDF_Dict font; /* the Type 3 font of the text */
    struct code {
        uint32_t cp; /* the character the code stands for */
        int wd;      /* its width, 1/1000 em: the emoji's advance for a cluster's first
                        character, 0 for the others */
    } codes[MAX_CODES];
    int ncodes;
    bc_sfnt sf;
    eimg *imgs;
    int nimgs, capimgs;
    pend *pend;
    int npend, cappend;
    bc_arena *arena; /* the decoded images */
};

/* The code of character cp drawn wd wide: 1 … ncodes, 0 when it has none. */
static int code_of(const bc_pdf_emoji *e, uint32_t cp, int wd)
{
    for (int k = 0; k < e->ncodes; k++)
        if (e->codes[k].cp == cp && e->codes[k].wd == wd) return k + 1;
    return 0;
}

/* The ToUnicode CMap of the codes: each code's character as UTF-16BE. One character a code,
   never several: MuPDF reads a code mapped to several characters outside the BMP as broken
   surrogates, so a cluster (👩‍💻) is drawn as one code per character, the first as wide as the
   emoji and the others of no width. */
static void tounicode(const bc_pdf_emoji *e, bc_buf *b)
{
    bc_buf_adds(b, "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
                   "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
                   "/CMapName /BC-Emoji-UCS def\n/CMapType 2 def\n"
                   "1 begincodespacerange\n<00> <FF>\nendcodespacerange\n");
    for (int i = 0; i < e->ncodes; i += 100) {
        int n = e->ncodes - i < 100 ? e->ncodes - i : 100;
        bc_buf_printf(b, "%d beginbfchar\n", n);
        for (int k = i; k < i + n; k++) {
            uint32_t cp = e->codes[k].cp;
            if (cp >= 0x10000)
                bc_buf_printf(b, "<%02X> <%04X%04X>\n", k + 1, 0xD800 + ((cp - 0x10000) >> 10),
                              0xDC00 + ((cp - 0x10000) & 0x3FF));
            else
                bc_buf_printf(b, "<%02X> <%04X>\n", k + 1, cp);
        }
        bc_buf_adds(b, "endbfchar\n");
    }
    bc_buf_adds(b, "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");
}

/* The Type 3 font: empty glyphs /e1 … /eN of the emoji's advances (1/1000 em). */
static HPDF_Dict type3(W *w, bc_pdf_emoji *e)
{
    HPDF_Doc pdf = w->pdf;
    HPDF_STATUS r = HPDF_OK;
    HPDF_Dict font = HPDF_Dict_New(pdf->mmgr);
    if (!font || HPDF_Xref_Add(pdf->xref, font) != HPDF_OK) return NULL;
    font->header.obj_class |= HPDF_OSUBCLASS_FONT;
    r |= HPDF_Dict_AddName(font, "Type", "Font");
    r |= HPDF_Dict_AddName(font, "Subtype", "Type3");
    int asc, desc; /* the emoji's box: readers take a line's height from it */
    bc_sfnt_extents(&e->sf, &asc, &desc);
    unsigned upem = e->sf.upem ? e->sf.upem : 1000;
    HPDF_Box box = {0, (HPDF_REAL)(desc * 1000.0 / upem), (HPDF_REAL)(1300),
                    (HPDF_REAL)(asc * 1000.0 / upem)};
    r |= HPDF_Dict_Add(font, "FontBBox", HPDF_Box_Array_New(pdf->mmgr, box));
    HPDF_Array m = HPDF_Array_New(pdf->mmgr);
    static const float mat[6] = {0.001f, 0, 0, 0.001f, 0, 0};
    for (int i = 0; i < 6; i++) r |= HPDF_Array_AddReal(m, mat[i]);
    r |= HPDF_Dict_Add(font, "FontMatrix", m);
    HPDF_Dict procs = HPDF_Dict_New(pdf->mmgr), enc = HPDF_Dict_New(pdf->mmgr);
    HPDF_Array diff = HPDF_Array_New(pdf->mmgr), widths = HPDF_Array_New(pdf->mmgr);
    r |= HPDF_Array_AddNumber(diff, 1);
    for (int k = 0; k < e->ncodes; k++) {
        char name[16], proc[32];
        int wd = e->codes[k].wd;
        snprintf(name, sizeof name, "e%d", k + 1);
        int n = snprintf(proc, sizeof proc, "%d 0 d0\n", wd);
        HPDF_Dict s = bc_embed_stream(pdf, proc, (size_t)n);
        if (!s) return NULL;
        r |= HPDF_Dict_Add(procs, name, s);
        r |= HPDF_Array_Add(diff, HPDF_Name_New(pdf->mmgr, name));
        r |= HPDF_Array_AddNumber(widths, wd);
    }
    /* A glyph named m, 0.6 em wide, never drawn: poppler guesses a Type 3 font's scale from
       its 'm' (else from any glyph, as if it were 0.5 em), and without it reads emoji at two
       and a half times their size, taller than their line. */
    HPDF_Dict m_proc = bc_embed_stream(pdf, "600 0 d0\n", 9);
    if (!m_proc) return NULL;
    r |= HPDF_Dict_Add(procs, "m", m_proc);
    r |= HPDF_Array_Add(diff, HPDF_Name_New(pdf->mmgr, "m"));
    r |= HPDF_Array_AddNumber(widths, 600);
    r |= HPDF_Dict_AddName(enc, "Type", "Encoding");
    r |= HPDF_Dict_Add(enc, "Differences", diff);
    r |= HPDF_Dict_Add(font, "CharProcs", procs);
    r |= HPDF_Dict_Add(font, "Encoding", enc);
    r |= HPDF_Dict_AddNumber(font, "FirstChar", 1);
    r |= HPDF_Dict_AddNumber(font, "LastChar", e->ncodes + 1);
    r |= HPDF_Dict_Add(font, "Widths", widths);
    r |= HPDF_Dict_Add(font, "Resources", HPDF_Dict_New(pdf->mmgr));
    bc_buf cm = {0};
    tounicode(e, &cm);
    HPDF_Dict tu = bc_embed_stream(pdf, cm.data, cm.len);
    bc_buf_free(&cm);
    if (!tu) return NULL;
    r |= HPDF_Dict_Add(font, "ToUnicode", tu);
    return r == HPDF_OK ? font : NULL;
}

bc_status bc_pdf_emoji_font(W *w)
{
    bc_font *f = bc_fontset_peek(w->fs, BC_FONT_EMOJI);
    int n = 0;
    const bc_glyph_use *used = f ? bc_font_used_glyphs(f, &n) : NULL;
    if (!n) return BC_OK;
    bc_pdf_emoji *e = bc_xcalloc(1, sizeof *e);
    w->emoji = e;
    size_t len;
    const unsigned char *data = bc_font_data(f, &len);
    if (bc_sfnt_open_face(&e->sf, data, len, bc_font_face(f)) != 0)
        return bc_error_set(w->err, bc_font_path(f), 0, "cannot read colour font '%s'",
                            bc_font_path(f));
    unsigned upem = e->sf.upem ? e->sf.upem : 1000;
    for (int i = 0; i < n; i++) {
        if (!used[i].len || used[i].len == BC_GLYPH_NOTHING) continue;
        int wd = (int)(bc_sfnt_advance(&e->sf, used[i].gid) * 1000.0 / upem + 0.5);
        const char *p = used[i].text, *end = p + used[i].len;
        for (int first = 1; p < end; first = 0) {
            uint32_t cp = bc_utf8_next(&p);
            if (!code_of(e, cp, first ? wd : 0) && e->ncodes < MAX_CODES)
                e->codes[e->ncodes++] = (struct code){cp, first ? wd : 0};
        }
    }
    e->arena = bc_arena_new();
    if (!e->ncodes) return BC_OK;
    e->font = type3(w, e);
    if (!e->font || w->code)
        return w->code ? bc_pdf_check(w, "embedding the emoji text font")
                       : bc_error_set(w->err, NULL, 0, "cannot make the emoji text font");
    return BC_OK;
}

/* Glyph gid's image, decoded once per document; NULL when it has none. */
static const eimg *image_of(bc_pdf_emoji *e, uint32_t gid)
{
    for (int i = 0; i < e->nimgs; i++)
        if (e->imgs[i].gid == gid) return &e->imgs[i];
    BC_GROW(e->imgs, e->nimgs, e->capimgs, 16);
    eimg *g = &e->imgs[e->nimgs++];
    memset(g, 0, sizeof *g);
    g->gid = gid;
    bc_image *img = NULL;
    bc_error err;
    if (bc_cbdt_glyph_image(&e->sf, gid, WANT_PPEM, &g->m, NULL) &&
        bc_image_decode(g->m.png, g->m.len, "a colour emoji", e->arena, &img, &err) == BC_OK)
        g->img = img;
    return g;
}

void bc_pdf_emoji_text(W *w, HPDF_Page pg, const bc_op *op, double H, bc_buf *b, double *tlm_x,
                       double *tlm_y)
{
    bc_pdf_emoji *e = w->emoji;
    bc_shaped sh;
    if (!e || !op->len || !bc_pdf_shape_op(w, op, &sh)) return;
    bc_pdf_map_glyphs(bc_fontset_peek(w->fs, BC_FONT_EMOJI), op, &sh, &w->gm);
    const char *name = e->font ? HPDF_Page_GetLocalFontName(pg, e->font) : NULL;
    if (name) { /* the text, invisible, as wide as the emoji */
        bc_buf_printf(b, "/%s %.3f Tf 3 Tr 1 0 0 1 %.3f %.3f Tm [", name, op->size, op->x,
                      H - op->y);
        unsigned upem = e->sf.upem ? e->sf.upem : 1000;
        for (int k = 0; k < sh.n; k++) {
            const char *p = op->text + w->gm.ts[k], *end = op->text + w->gm.te[k];
            double moved = 0; /* 1/1000 em */
            for (int first = 1; p < end; first = 0) {
                uint32_t cp = bc_utf8_next(&p);
                int wd = first ? (int)(bc_sfnt_advance(&e->sf, sh.g[k].gid) * 1000.0 / upem + 0.5)
                               : 0;
                int c = code_of(e, cp, wd);
                if (c) bc_buf_printf(b, "<%02X>", c), moved += wd;
            }
            if (sh.g[k].adv - moved > 0.05 || moved - sh.g[k].adv > 0.05)
                bc_buf_printf(b, " %.1f ", moved - sh.g[k].adv);
        }
        bc_buf_adds(b, "] TJ 0 Tr\n");
        *tlm_x = op->x;
        *tlm_y = H - op->y;
    }
    double pen = op->x, em = op->size / 1000.0;
    for (int k = 0; k < sh.n; k++) { /* the pictures, drawn at the end of the page */
        const eimg *g = image_of(e, sh.g[k].gid);
        if (g->img && g->m.ppem > 0) {
            double s = op->size / g->m.ppem; /* points per pixel of the strike */
            BC_GROW(e->pend, e->npend, e->cappend, 16);
            pend *p = &e->pend[e->npend++];
            p->img = g->img;
            p->x = pen + sh.g[k].dx * em + g->m.bearing_x * s;
            p->y = op->y - sh.g[k].dy * em - g->m.bearing_y * s;
            p->w = g->m.width * s;
            p->h = g->m.height * s;
        }
        pen += sh.g[k].adv * em;
    }
}

void bc_pdf_emoji_flush(W *w, HPDF_Page pg, double H, bc_buf *b)
{
    bc_pdf_emoji *e = w->emoji;
    if (!e || !e->npend) return;
    if (w->tags) bc_buf_adds(b, "/Artifact BMC\n");
    for (int i = 0; i < e->npend && !w->code; i++) {
        bc_op op = {0};
        op.kind = BC_OP_IMAGE;
        op.text = (const char *)(const void *)e->pend[i].img;
        op.x = (float)e->pend[i].x;
        op.y = (float)e->pend[i].y;
        op.w = (float)e->pend[i].w;
        op.h = (float)e->pend[i].h;
        if (!bc_image_draw(w->pdf, pg, &w->images, &op, H, b) && !w->code)
            w->code = HPDF_FAILD_TO_ALLOC_MEM;
    }
    if (w->tags) bc_buf_adds(b, "EMC\n");
    e->npend = 0;
}

void bc_pdf_emoji_free(W *w)
{
    bc_pdf_emoji *e = w->emoji;
    if (!e) return;
    free(e->imgs);
    free(e->pend);
    bc_arena_free(e->arena);
    free(e);
    w->emoji = NULL;
}
