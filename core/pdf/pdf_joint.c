/*
** pdf_joint.c — the glyph that crosses the quarter em layout sets between CJK and Latin or
** digits with no space in the text (bc_op.joined, layout/cjkpunct.c), so that no reader
** takes the gap for a word space (pdf_text.c draws it before the joined op). It is a blank
** glyph of the op's own font, reached through its cmap by a white-space character (no ink,
** so it is drawn visible: MuPDF ignores invisible text), drawn with the width the font gives
** it (PDF/A-2 6.2.11.5) and standing for U+2060 WORD JOINER in ToUnicode (PDF/A-2u, PDF/UA:
** every code maps, and extractors read no space there). Never .notdef: PDF/A-2 6.2.11.8
** and PDF/UA (Matterhorn 31-030) forbid glyph 0 in any text-showing operator, drawn or not.
** A font whose codes are its glyphs (CFF: one ToUnicode entry per glyph) only offers a
** glyph the document's text does not draw; a TrueType font draws the joint with a code of
** its own (bc_subset_variants) and must show its glyph has no ink. A font with no such
** glyph joins nothing: its gaps are drawn as ever, and read as spaces.
*/
#include "pdf/pdf_int.h"

#include <stdint.h>

#include "base/utf8.h"

/* Blank characters with a width: pdf.js drops the joint's glyph and reads the move back to
   the op's start, which must pass a fifth of an em (pdf_text.c), so the widest first: the
   ideographic and em spaces (an em), en and figure spaces, U+0020 last (a CFF font's text
   nearly always draws it). Zero-width glyphs (U+200B, U+2060) are no use: MuPDF reads a
   space after one, and pdf.js reads the gap. */
static const uint32_t blanks[] = {0x3000, 0x2003, 0x2002, 0x2007, 0x2004, 0x2005, 0x0020};

struct drawn {
    bc_font *f;
    uint32_t gid;
    int hit;
};

static void drawn_cp(uint32_t cp, void *ud)
{
    struct drawn *d = ud;
    if (!d->hit && bc_font_glyph(d->f, cp) == d->gid) d->hit = 1;
}

/* Whether the document's text draws glyph gid of f for some character (through the cmap or
   shaped), where a CFF font would give that text and the joint one code. */
static int glyph_drawn(bc_font *f, uint32_t gid)
{
    int n;
    const bc_glyph_use *u = bc_font_used_glyphs(f, &n);
    for (int i = 0; i < n; i++)
        if (u[i].gid == gid && u[i].len != BC_GLYPH_NOTHING) return 1;
    struct drawn d = {f, gid, 0};
    bc_font_each_used(f, drawn_cp, &d);
    return d.hit;
}

/* The blank glyph of f the joint is drawn with, 0 when it has none that may be. */
static uint32_t joint_glyph(bc_font *f)
{
    int cff = bc_font_is_cff(f);
    for (size_t i = 0; i < sizeof blanks / sizeof *blanks; i++) {
        uint32_t g = bc_font_glyph(f, blanks[i]);
        if (!g) continue;
        if (!cff) { /* TrueType outlines: the glyph's ink is known */
            double top, bottom;
            char u[4];
            bc_font_ink(f, u, bc_utf8_encode(blanks[i], u), &top, &bottom);
            if (top != 0 || bottom != 0) continue;
        } else if (glyph_drawn(f, g)) {
            continue;
        }
        return g;
    }
    return 0;
}

void bc_pdf_use_joint_glyphs(W *w, const bc_layout *lay)
{
    unsigned char tried[BC_FONT_SLOTS] = {0};
    for (int p = 0; p < lay->npages; p++) {
        const bc_ops *ops = &lay->pages[p];
        for (int i = 0; i < ops->n; i++) {
            const bc_op *op = &ops->v[i];
            if (op->kind != BC_OP_TEXT || !op->joined || op->font == BC_FONT_EMOJI ||
                op->font >= BC_FONT_SLOTS || tried[op->font])
                continue;
            tried[op->font] = 1;
            bc_font *f = bc_fontset_peek(w->fs, op->font);
            w->joint[op->font] = f ? joint_glyph(f) : 0;
            if (w->joint[op->font]) bc_font_use_glyph(f, w->joint[op->font], "", 0);
        }
    }
}

uint16_t bc_pdf_joint_code(const W *w, int font, double *width)
{
    const bc_subset *sub = &w->sub[font];
    if (!w->joint[font]) return 0;
    uint16_t code = bc_subset_text_code(sub, w->joint[font], "", 0);
    if (!code) return 0;
    /* a variant's code draws its glyph: the width is the glyph's own code's */
    uint16_t own = bc_subset_glyph_code(sub, w->joint[font]);
    if (!own || own >= sub->nglyphs) return 0;
    *width = sub->widths[own];
    return code;
}
