/*
** lineheight.c — room for tall scripts. A line whose glyphs reach beyond both its line box
** and its paragraph font's own ascender and descender (Noto Nastaliq Urdu's rising joins and
** marks, the deep descents of Arabic letters set in a Latin paragraph) gets that much more
** space above or below it, and only that line: text in the paragraph's font never does, so
** Latin text is set as before and the lines around a line of Nastaliq do not move. Ink is
** read from the glyphs' outline bounds (font.h), only for fonts whose extents reach out.
*/
#include "layout/layout_int.h"

void bc_lay_line_extent(L *l, const tstyle *st, double base, tline *ln)
{
    double above = 0, below = 0;
    bc_font *pf = bc_fontset_peek(l->fs, st->family);
    double k0 = st->size / 1000.0;
    double room_up = base, room_down = st->leading - base; /* from the baseline */
    if (pf && bc_font_ascender(pf) * k0 > room_up) room_up = bc_font_ascender(pf) * k0;
    if (pf && -bc_font_descender(pf) * k0 > room_down) room_down = -bc_font_descender(pf) * k0;
    double top_limit = base - room_up, bottom_limit = base + room_down; /* from the line top */
    for (int i = ln->op0; i < ln->op0 + ln->nop; i++) {
        const bc_op *op = &l->pool.v[i];
        if (op->kind != BC_OP_TEXT || !op->len) continue;
        bc_font *f = bc_fontset_peek(l->fs, op->font);
        if (!f || f == pf) continue; /* the paragraph's font: its leading is the author's */
        double k = op->size / 1000.0, y = op->y; /* the baseline, from the line's top */
        if (y - bc_font_ascender(f) * k >= top_limit &&
            y - bc_font_descender(f) * k <= bottom_limit)
            continue; /* the font fits: none of its glyphs can reach out */
        double top, bottom;
        bc_font_ink(f, op->text, op->len, &top, &bottom);
        if (top_limit - (y - top * k) > above) above = top_limit - (y - top * k);
        if (y - bottom * k - bottom_limit > below) below = y - bottom * k - bottom_limit;
    }
    ln->above = (float)above;
    ln->below = (float)below;
}
