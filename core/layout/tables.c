/*
** tables.c — tables: column widths from their content, numbers aligned on the decimal
** point, zebra rows, rows taller than a page split inside their cells, the header row marked
** to repeat at the top of each page. Part of layout (layout.c lists the parts).
*/
#include "layout/layout_int.h"

#include <stdlib.h>

/* long: measuring, decimal tails, spanning and the row loop share a dozen locals of one
   table; issue 13 item 6 cuts it next, with the two paginators' shared table rules */
void bc_lay_table(L *l, const bc_block *b)
{
    const bc_table *t = b->u.table;
    const bc_theme *th = l->th;
    double pad_h = 4, pad_v = 2.6;
    tstyle cs = bc_lay_sans_style(l, th->small_size, th->text, 0);
    cs.leading = th->small_size * LAY_SANS_LEADING;
    cs.hyphenate = 1; /* narrow columns need it most */
    tstyle hs = cs;
    hs.style = BC_STYLE_BOLD;
    int nc = t->ncols;
    double *maxw = bc_xcalloc((size_t)nc, sizeof(double));
    double *minw = bc_xcalloc((size_t)nc, sizeof(double));
    double *colw = bc_xcalloc((size_t)nc, sizeof(double));
    /* decimal columns: each cell's width after its point, and the widest such tail */
    double *tails = bc_xcalloc((size_t)(t->nrows ? t->nrows : 1) * (size_t)nc, sizeof(double));
    double *maxtail = bc_xcalloc((size_t)nc, sizeof(double));
    for (int c = 0; c < nc; c++) {
        double mx, mn, head = 0;
        int dec = t->align && t->align[c] == 'd';
        bc_lay_measure_inline(l, &t->header[c], &hs, &mx, &mn);
        maxw[c] = mx;
        minw[c] = mn;
        for (int r = 0; r < t->nrows; r++) {
            tstyle s = t->row_strong && t->row_strong[r] ? hs : cs;
            bc_lay_measure_inline(l, &t->cells[r * nc + c], &s, &mx, &mn);
            if (dec) {
                double tl = tails[r * nc + c] = bc_lay_decimal_tail(l, &t->cells[r * nc + c], &s);
                if (tl > maxtail[c]) maxtail[c] = tl;
                if (mx - tl > head) head = mx - tl;
            }
            if (mx > maxw[c]) maxw[c] = mx;
            if (mn > minw[c]) minw[c] = mn;
        }
        if (dec && head + maxtail[c] > maxw[c]) maxw[c] = head + maxtail[c];
        maxw[c] += 2 * pad_h + 0.5;
        minw[c] += 2 * pad_h + 0.5;
    }
    double sum_max = 0, sum_min = 0, sum_w = 0;
    for (int c = 0; c < nc; c++) {
        sum_max += maxw[c];
        sum_min += minw[c];
        sum_w += t->weights ? t->weights[c] : 0;
    }
    /* a table wider than a column of a two-column body spans the page */
    int wide = l->measure < l->full && sum_max > l->measure;
    int first_piece = l->np;
    double column = l->measure;
    if (wide) l->measure = l->full;
    double W = l->measure;
    if (sum_w > 0) {
        for (int c = 0; c < nc; c++) colw[c] = W * (t->weights[c] > 0 ? t->weights[c] : 0) / sum_w;
    } else if (sum_max <= W) {
        /* Everything fits on one line: share the spare width in proportion to content. */
        for (int c = 0; c < nc; c++) colw[c] = maxw[c] + (W - sum_max) * maxw[c] / sum_max;
    } else if (sum_min >= W) {
        for (int c = 0; c < nc; c++) colw[c] = W * minw[c] / sum_min;
    } else {
        /* Columns whose longest content fits a fair share of what is left are set whole (a
           name column is never wrapped to feed a column of long text); the others share the
           rest, each at least its widest word, beyond that in proportion to content. */
        unsigned char *whole = bc_xcalloc((size_t)nc, 1);
        double left = W;
        int open = nc;
        for (int changed = 1; changed && open > 1;) {
            changed = 0;
            for (int c = 0; c < nc; c++)
                if (!whole[c] && maxw[c] <= left / open) {
                    whole[c] = 1;
                    colw[c] = maxw[c];
                    left -= maxw[c];
                    open--;
                    changed = 1;
                }
        }
        double rest_min = 0, rest_max = 0;
        for (int c = 0; c < nc; c++)
            if (!whole[c]) {
                rest_min += minw[c];
                rest_max += maxw[c];
            }
        for (int c = 0; c < nc; c++) {
            if (whole[c]) continue;
            if (rest_min >= left) colw[c] = left * minw[c] / rest_min;
            else colw[c] = minw[c] + (left - rest_min) * (maxw[c] - minw[c]) /
                                         (rest_max - rest_min > 0 ? rest_max - rest_min : 1);
        }
        free(whole);
    }
    int tbl = l->se, cap0 = l->pool.n;
    int rowheads = nc > 1 && t->align && t->align[0] != 'r' && t->align[0] != 'd';
    for (int c = 1; c < nc && rowheads; c++) rowheads = t->align[c] == 'r' || t->align[c] == 'd';
    if (t->caption.n) bc_lay_caption(l, "Table", t->number, &t->caption);
    if (tbl) bc_tags_stamp(&l->pool, cap0, bc_tags_add(&l->out->tags, tbl, "Caption"));
    int thead = tbl ? bc_tags_add(&l->out->tags, tbl, "THead") : 0;
    int tbody = tbl ? bc_tags_add(&l->out->tags, tbl, "TBody") : 0;
    /* One row: each cell set into its column, the row as tall as its tallest cell. */
    int header_piece = -1;
    for (int r = -1; r < t->nrows; r++) {
        const bc_inline *cells = r < 0 ? t->header : &t->cells[r * nc];
        int strong = r >= 0 && t->row_strong && t->row_strong[r];
        tstyle s = (r < 0 || strong) ? hs : cs;
        piece *p = bc_lay_new_piece(l, 0, r < 0 ? 2 : 0);
        int op0 = l->pool.n;
        int tr = tbl ? bc_tags_add(&l->out->tags, r < 0 ? thead : tbody, "TR") : 0;
        /* zebra background first so text draws over it */
        int bg = l->pool.n;
        if (r >= 0 && ((r % 2 == 1 && th->table_zebra) || strong))
            bc_ops_rect(&l->pool, 0, 0, W, 0, th->fill, BC_NO_COLOR, 0);
        double x = 0, h = 0;
        tline *cl[64];
        int cn[64], maxn = 0;
        for (int c = 0; c < nc; c++) {
            tstyle cst = s;
            cst.align = t->align ? t->align[c] : 'l';
            double dx = 0;
            if (cst.align == 'd') {
                cst.align = 'r';
                if (r >= 0) dx = tails[r * nc + c] - maxtail[c];
            }
            int cell0 = l->pool.n;
            cn[c] = bc_lay_set_text(l, &cells[c], &cst, colw[c] - 2 * pad_h, &cl[c]);
            if (tr) {
                /* the first column names the row when the others hold numbers */
                int rowhead = r >= 0 && c == 0 && rowheads;
                int se = bc_tags_add(&l->out->tags, tr, r < 0 || rowhead ? "TH" : "TD");
                if (r < 0 || rowhead) l->out->tags.v[se].scope = r < 0 ? 1 : 2;
                bc_tags_stamp(&l->pool, cell0, se);
            }
            if (cn[c] != 1) dx = 0; /* a wrapped cell stays right-aligned */
            else if (cl[c][0].width - dx > colw[c] - 2 * pad_h) /* never past the column's left */
                dx = cl[c][0].width - (colw[c] - 2 * pad_h);
            if (dx > 0) dx = 0;
            for (int i = 0; i < cn[c]; i++)
                bc_lay_shift_ops(l, cl[c][i].op0, cl[c][i].nop, x + pad_h + dx,
                                 pad_v + i * s.leading);
            if (cn[c] * s.leading > h) h = cn[c] * s.leading;
            if (cn[c] > maxn) maxn = cn[c];
            x += colw[c];
        }
        /* A row taller than a page is split inside its cells, a page's worth of lines at a
           time, each part under the repeated header. */
        double page_room = th->page_h - th->margin_t - th->margin_b - 60;
        if (r >= 0 && h + 2 * pad_v > page_room && page_room > 2 * pad_v + s.leading) {
            l->np--; /* drop the piece started above: the parts replace it */
            for (int from = 0, to; from < maxn; from = to) {
                /* as many lines as fit with the footnotes they reference, at least one */
                double used = 2 * pad_v, notes = 0;
                for (to = from; to < maxn; to++) {
                    double more = 0;
                    for (int c = 0; c < nc; c++)
                        for (int o = to < cn[c] ? cl[c][to].op0 : 0;
                             to < cn[c] && o < cl[c][to].op0 + cl[c][to].nop; o++)
                            if (l->pool.v[o].kind == BC_OP_NOTE)
                                more += bc_lay_note_height(l, (int)l->pool.v[o].len);
                    double rule = notes + more > 0 ? FOOT_RULE : 0;
                    if (to > from && used + s.leading + notes + more + rule > page_room) break;
                    used += s.leading;
                    notes += more;
                }
                piece *part = bc_lay_new_piece(l, 0, 0);
                int start = l->pool.n;
                double ph = (to - from) * s.leading + 2 * pad_v;
                if ((r % 2 == 1 && th->table_zebra) || strong)
                    bc_ops_rect(&l->pool, 0, 0, W, ph, th->fill, BC_NO_COLOR, 0);
                for (int c = 0; c < nc; c++)
                    for (int i = from; i < to && i < cn[c]; i++)
                        for (int o = cl[c][i].op0; o < cl[c][i].op0 + cl[c][i].nop; o++) {
                            bc_op copy = l->pool.v[o];
                            copy.y -= (float)(from * s.leading);
                            *bc_ops_push(&l->pool) = copy;
                        }
                if (to == maxn && r == t->nrows - 1)
                    bc_ops_line(&l->pool, 0, ph, W, ph, th->accent, LAY_RULE_STRONG, 0);
                else
                    bc_ops_line(&l->pool, 0, ph, W, ph, th->rule, LAY_RULE_ROW, 2);
                part->op0 = start;
                part->h = ph;
                bc_lay_close_piece(l, part);
                part->header = header_piece;
            }
            for (int c = 0; c < nc; c++) free(cl[c]);
            continue;
        }
        for (int c = 0; c < nc; c++) free(cl[c]);
        h += 2 * pad_v;
        if (bg < l->pool.n && l->pool.v[bg].kind == BC_OP_RECT) l->pool.v[bg].h = (float)h;
        if (r < 0) {
            bc_ops_line(&l->pool, 0, 0, W, 0, th->accent, LAY_RULE_STRONG, 0);
            bc_ops_line(&l->pool, 0, h, W, h, th->accent, LAY_RULE_HEAD, 0);
        } else if (r == t->nrows - 1) {
            bc_ops_line(&l->pool, 0, h, W, h, th->accent, LAY_RULE_STRONG, 0);
        } else if (strong) {
            bc_ops_line(&l->pool, 0, 0, W, 0, th->rule, LAY_HAIRLINE, 0);
        }
        p->op0 = op0;
        p->h = h;
        bc_lay_close_piece(l, p);
        if (r < 0) {
            header_piece = (int)(p - l->pieces);
            p->keep_next = 1;
        } else {
            p->header = header_piece;
            /* keep the last two rows together, and the last row with the source note (only:
               without one the table ends its chain, it does not pull the next block along) */
            p->keep_next = (r == t->nrows - 2 && t->nrows > 2) || (r == t->nrows - 1 && t->source.n);
            if (r == 0 && t->nrows > 1) p->keep_next = 1;
        }
    }
    if (t->nrows > 0 && t->source.n) l->pieces[l->np - 1].keep_next = 1;
    int src0 = l->pool.n;
    bc_lay_source(l, &t->source);
    if (tbl) bc_tags_stamp(&l->pool, src0, bc_tags_add(&l->out->tags, 1, "P"));
    if (wide) {
        l->measure = column;
        bc_lay_mark_span(l, first_piece);
    }
    free(maxw);
    free(minw);
    free(colw);
    free(tails);
    free(maxtail);
}
