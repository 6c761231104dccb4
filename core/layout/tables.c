/*
** tables.c — tables: column widths from their content (a narrow table keeps its natural
** width), numbers aligned on the decimal point, cells spanning columns and rows, multi-level
** column headers, row groups with headings and subtotals, zebra rows, the ruled or booktabs
** look, rows taller than a page split inside their cells, and the header rows marked to repeat
** at the top of each page under a "(continued)" caption. Part of layout (layout.c lists the
** parts).
**
** The grid: the table's nhead extra header rows, its column titles, then its body rows, grid
** row g = 0 .. nhead + nrows. The header rows are one piece; each body row is a piece.
*/
#include "layout/layout_int.h"

#include <stdlib.h>
#include <string.h>
#include "text/bidi.h"

#define TBL_PAD_H 4     /* a cell's padding left and right, */
#define TBL_PAD_V 2.6   /* above and below */
#define TBL_NARROW 0.75 /* content narrower than this share of the measure keeps its width */
#define TBL_AIR 4       /* a narrow table's columns get at most this much more each */
#define TBL_TRIM 2.5    /* a rule under a spanning header cell stops short of its ends */
#define TBL_GROUP_TOP 3 /* extra space above a row group's heading */

typedef struct tgrid {
    const bc_table *t;
    int nc, hg, ng;         /* columns; header rows (nhead + 1); grid rows */
    double colw[64], x[65]; /* column widths and left edges; x[nc] is the table's width */
    int rtl;                /* a right-to-left brief: the first column at the right */
    double *tails;          /* decimal columns: each body cell's width after its point */
    double maxtail[64];     /* and the widest such tail per column */
    tstyle cs, hs, gs;      /* plain cells; header and strong cells; group headings */
    tstyle head;            /* header cells (theme.table_header_text) */
    char style;             /* 'r' ruled, 'b' booktabs */
    int zebra, rowheads;
    int row_rules;         /* dotted rules between body rows (cells span rows: no stripes) */
    int cover[64];         /* per column: the last grid row a row-spanning cell covers */
    double *ystart, *need; /* per grid row: its top (in its piece's run), and the bottom
                                the row-spanning cells ending there need */
    uint32_t strong;       /* colour of the top, head and bottom rules */
    struct tlow {
        int op0, op1, end;
        double bottom;
    } low[64]; /* header cells spanning rows: */
    int nlow;  /* their ops, last row and text bottom, to set them low */
} tgrid;

/* {====================================================== the grid */

static bc_span tspan(const bc_table *t, int g, int c)
{
    if (!t->spans) return (bc_span){1, 1};
    return t->spans[(size_t)g * (size_t)t->ncols + (size_t)c];
}

static const bc_inline *tcell(const bc_table *t, int g, int c)
{
    if (g < t->nhead) return &t->head[(size_t)g * (size_t)t->ncols + (size_t)c];
    if (g == t->nhead) return &t->header[c];
    return &t->cells[(size_t)(g - t->nhead - 1) * (size_t)t->ncols + (size_t)c];
}

/* BC_ROW_* of a body row, -1 for a header row. */
static int tkind(const bc_table *t, int g)
{
    if (g <= t->nhead) return -1;
    return t->row_kind ? t->row_kind[g - t->nhead - 1] : BC_ROW_PLAIN;
}

static int tstrong(const bc_table *t, int g)
{
    int r = g - t->nhead - 1;
    return r >= 0 && ((t->row_strong && t->row_strong[r]) || tkind(t, g) == BC_ROW_SUBTOTAL);
}

static const tstyle *row_style(const tgrid *G, int g)
{
    int k = tkind(G->t, g);
    if (k == BC_ROW_GROUP) return &G->gs;
    if (k < 0) return &G->head;
    return tstrong(G->t, g) ? &G->hs : &G->cs;
}

/* Whether a cell starting in column c of row g spans only its own row and column. */
static int plain_row(const tgrid *G, int g)
{
    for (int c = 0; c < G->nc; c++) {
        bc_span sp = tspan(G->t, g, c);
        if (sp.cols != 1 || sp.rows != 1 || G->cover[c] >= g) return 0;
    }
    return 1;
}

/* }====================================================== */

/* {====================================================== widths */

/* Each column's widest line (maxw) and widest word (minw), with padding; a spanning cell
   widens the columns it spans evenly when they are too narrow for it together. */
static void measure_columns(L *l, tgrid *G, double *maxw, double *minw)
{
    const bc_table *t = G->t;
    int nc = G->nc;
    double head[64] = {0};
    for (int g = 0; g < G->ng; g++)
        for (int c = 0; c < nc; c++) {
            bc_span sp = tspan(t, g, c);
            if (sp.cols != 1) continue;
            double mx, mn;
            bc_lay_measure_inline(l, tcell(t, g, c), row_style(G, g), &mx, &mn);
            int r = g - G->hg;
            if (r >= 0 && t->align && t->align[c] == 'd' && tkind(t, g) != BC_ROW_GROUP) {
                double tl = G->tails[(size_t)r * nc + c] =
                    bc_lay_decimal_tail(l, tcell(t, g, c), row_style(G, g));
                if (tl > G->maxtail[c]) G->maxtail[c] = tl;
                if (mx - tl > head[c]) head[c] = mx - tl;
            }
            if (mx > maxw[c]) maxw[c] = mx;
            if (mn > minw[c]) minw[c] = mn;
        }
    for (int c = 0; c < nc; c++) {
        if (head[c] + G->maxtail[c] > maxw[c]) maxw[c] = head[c] + G->maxtail[c];
        maxw[c] += 2 * TBL_PAD_H + 0.5;
        minw[c] += 2 * TBL_PAD_H + 0.5;
    }
    for (int g = 0; g < G->ng && t->spans; g++)
        for (int c = 0; c < nc; c++) {
            bc_span sp = tspan(t, g, c);
            if (sp.cols < 2) continue;
            double mx, mn, hx = 0, hn = 0;
            bc_lay_measure_inline(l, tcell(t, g, c), row_style(G, g), &mx, &mn);
            mx += 2 * TBL_PAD_H + 0.5;
            mn += 2 * TBL_PAD_H + 0.5;
            for (int k = c; k < c + sp.cols; k++) {
                hx += maxw[k];
                hn += minw[k];
            }
            for (int k = c; k < c + sp.cols; k++) {
                if (mx > hx) maxw[k] += (mx - hx) / sp.cols;
                if (mn > hn) minw[k] += (mn - hn) / sp.cols;
            }
        }
}

/* Column widths for a measure W: weights when given; content that fits set whole (a narrow
   table at its natural width, unless full); else the widest words kept and the rest shared. */
static void column_widths(tgrid *G, const double *maxw, const double *minw, double W)
{
    const bc_table *t = G->t;
    int nc = G->nc;
    double *colw = G->colw, sum_max = 0, sum_min = 0, sum_w = 0;
    for (int c = 0; c < nc; c++) {
        sum_max += maxw[c];
        sum_min += minw[c];
        sum_w += t->weights ? t->weights[c] : 0;
    }
    if (sum_w > 0) {
        for (int c = 0; c < nc; c++) colw[c] = W * (t->weights[c] > 0 ? t->weights[c] : 0) / sum_w;
    } else if (sum_max <= W && !t->full && sum_max < TBL_NARROW * W) {
        double air = (W - sum_max) / nc;
        for (int c = 0; c < nc; c++) colw[c] = maxw[c] + (air < TBL_AIR ? air : TBL_AIR);
    } else if (sum_max <= W) {
        /* Everything fits on one line: share the spare width in proportion to content. */
        for (int c = 0; c < nc; c++) colw[c] = maxw[c] + (W - sum_max) * maxw[c] / sum_max;
    } else if (sum_min >= W) {
        for (int c = 0; c < nc; c++) colw[c] = W * minw[c] / sum_min;
    } else {
        /* Columns whose longest content fits a fair share of what is left are set whole (a
           name column is never wrapped to feed a column of long text); the others share the
           rest, each at least its widest word, beyond that in proportion to content. */
        unsigned char whole[64] = {0};
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
            if (rest_min >= left)
                colw[c] = left * minw[c] / rest_min;
            else
                colw[c] = minw[c] + (left - rest_min) * (maxw[c] - minw[c]) /
                                        (rest_max - rest_min > 0 ? rest_max - rest_min : 1);
        }
    }
    G->x[0] = 0;
    for (int c = 0; c < nc; c++) G->x[c + 1] = G->x[c] + colw[c];
}

/* }====================================================== */

/* {====================================================== rules */

/* A rule at y across the table, broken where a row-spanning cell goes on below row g (g < 0:
   never broken). */
/* The left edge of columns c .. c + cols - 1 as drawn: mirrored in a right-to-left brief. */
static double span_x(const tgrid *G, int c, int cols)
{
    return G->rtl ? G->x[G->nc] - G->x[c + cols] : G->x[c];
}

static void rule_across(L *l, const tgrid *G, int g, double y, uint32_t color, double lw, int dash)
{
    for (int c = 0; c < G->nc;) {
        if (g >= 0 && G->cover[c] > g) {
            c++;
            continue;
        }
        int e = c;
        while (e < G->nc && !(g >= 0 && G->cover[e] > g)) e++;
        bc_ops_line(&l->pool, span_x(G, c, e - c), y, span_x(G, c, e - c) + G->x[e] - G->x[c], y,
                    color, lw, dash);
        c = e;
    }
}

/* Under each header cell spanning columns (not the last header row): a short rule over just
   those columns, as booktabs' \cmidrule, which says which titles it groups. */
static void rule_groups(L *l, const tgrid *G, int g)
{
    for (int c = 0; c < G->nc; c++) {
        bc_span sp = tspan(G->t, g, c);
        if (sp.cols < 2 || g + sp.rows >= G->hg) continue;
        double x0 = G->x[c] + (c > 0 ? TBL_TRIM : 0), x1 = G->x[c + sp.cols];
        if (c + sp.cols < G->nc) x1 -= TBL_TRIM;
        if (G->rtl) { /* mirrored: the same trims at the mirrored ends */
            double w = G->x[G->nc];
            double m0 = w - x1, m1 = w - x0;
            x0 = m0;
            x1 = m1;
        }
        double at = G->ystart[g + sp.rows];
        bc_ops_line(&l->pool, x0, at, x1, at, G->strong, LAY_RULE_ROW + 0.1, 0);
    }
}

/* }====================================================== */

/* {====================================================== rows */

/* Sets the cells starting in grid row g at its top y (in the piece): each cell's lines in
   cl[c], cn[c] of them (cl[c] NULL where no cell starts), tagged under tr. Returns the row's
   height from the cells within it; cells spanning rows record the bottom they need. */
static double set_row(L *l, tgrid *G, int g, double y, int tr, tline **cl, int *cn)
{
    const bc_table *t = G->t;
    int r = g - G->hg, kind = tkind(t, g);
    const tstyle *s = row_style(G, g);
    double top = kind == BC_ROW_GROUP ? TBL_GROUP_TOP : 0, h = 0;
    for (int c = 0; c < G->nc; c++) {
        cl[c] = NULL;
        cn[c] = 0;
        bc_span sp = tspan(t, g, c);
        if (!sp.cols) continue;
        tstyle cst = *s;
        cst.align = t->align && kind != BC_ROW_GROUP ? t->align[c] : 'l';
        if (kind < 0 && sp.cols > 1) cst.align = 'c'; /* a title over the titles it groups */
        double dx = 0, w = G->x[c + sp.cols] - G->x[c] - 2 * TBL_PAD_H;
        if (cst.align == 'd') {
            cst.align = 'r';
            if (r >= 0 && sp.cols == 1) dx = G->tails[(size_t)r * G->nc + c] - G->maxtail[c];
        }
        int cell0 = l->pool.n;
        cn[c] = bc_lay_set_text(l, tcell(t, g, c), &cst, w, &cl[c]);
        if (tr) {
            /* the first column names the row when the others hold numbers */
            int rowhead = kind >= 0 && c == 0 && (G->rowheads || kind == BC_ROW_GROUP);
            int se = bc_tags_add(&l->out->tags, tr, kind < 0 || rowhead ? "TH" : "TD");
            if (kind < 0 || rowhead) l->out->tags.v[se].scope = kind < 0 ? 1 : 2;
            l->out->tags.v[se].colspan = sp.cols > 1 ? sp.cols : 0;
            l->out->tags.v[se].rowspan = sp.rows > 1 ? sp.rows : 0;
            bc_tags_stamp(&l->pool, cell0, se);
        }
        if (cn[c] != 1)
            dx = 0;                       /* a wrapped cell stays right-aligned */
        else if (cl[c][0].width - dx > w) /* never past the column's left */
            dx = cl[c][0].width - w;
        if (dx > 0) dx = 0;
        for (int i = 0; i < cn[c]; i++)
            bc_lay_shift_ops(l, cl[c][i].op0, cl[c][i].nop, span_x(G, c, sp.cols) + TBL_PAD_H + dx,
                             y + top + TBL_PAD_V + i * s->leading);
        double ch = top + cn[c] * s->leading + 2 * TBL_PAD_V;
        if (sp.rows > 1 && kind < 0 && G->nlow < 64)
            G->low[G->nlow++] = (struct tlow){cell0, l->pool.n, g + sp.rows - 1, y + ch};
        if (sp.rows > 1) {
            int end = g + sp.rows - 1;
            if (G->ystart[g] + ch > G->need[end]) G->need[end] = G->ystart[g] + ch;
            for (int k = c; k < c + sp.cols; k++) G->cover[k] = end;
        } else if (ch > h) {
            h = ch;
        }
    }
    if (G->need[g] - G->ystart[g] > h) h = G->need[g] - G->ystart[g];
    G->ystart[g + 1] = G->ystart[g] + h;
    return h;
}

/* The header rows as one piece: top rule, titles, rules under spanning titles, head rule. */
static int lay_header(L *l, tgrid *G, int thead)
{
    piece *p = bc_lay_new_piece(l, 0, 2);
    int op0 = l->pool.n;
    double W = G->x[G->nc];
    uint32_t fill = l->th->table_header_fill;
    if (fill != BC_THEME_NONE) /* theme.table_header_fill: its height set below */
        bc_ops_rect(&l->pool, 0, 0, W, 0, fill, BC_NO_COLOR, 0);
    tline *cl[64];
    int cn[64];
    for (int g = 0; g < G->hg; g++) {
        int tr = thead ? bc_tags_add(&l->out->tags, thead, "TR") : 0;
        set_row(l, G, g, G->ystart[g], tr, cl, cn);
        for (int c = 0; c < G->nc; c++) free(cl[c]);
    }
    for (int g = 0; g + 1 < G->hg; g++) rule_groups(l, G, g);
    double h = G->ystart[G->hg];
    if (fill != BC_THEME_NONE) l->pool.v[op0].h = (float)h;
    /* a title spanning header rows sits on the same line as the titles beside its last row */
    for (int k = 0; k < G->nlow; k++)
        bc_lay_shift_ops(l, G->low[k].op0, G->low[k].op1 - G->low[k].op0, 0,
                         G->ystart[G->low[k].end + 1] - G->low[k].bottom);
    bc_ops_line(&l->pool, 0, 0, W, 0, G->strong, LAY_RULE_STRONG, 0);
    bc_ops_line(&l->pool, 0, h, W, h, G->strong, LAY_RULE_HEAD, 0);
    p->op0 = op0;
    p->h = h;
    bc_lay_close_piece(l, p);
    p->keep_next = 1;
    return (int)(p - l->pieces);
}

/* What repeats at the top of a page the table goes on to: "Table N — caption (continued)"
   (its footnote markers left out) and the header rows, drawn after the pieces' ops. With
   captions below (theme.caption_position) the caption goes under the rows of each page or
   column the table leaves instead (hp->cont_*), and the top repeats the header rows only. */
static void lay_continued(L *l, tgrid *G, piece *hp)
{
    const bc_table *t = G->t;
    double ch = 0;
    int under = l->th->caption_pos == 'b';
    hp->rep_op0 = hp->cont_op0 = l->pool.n;
    if (t->caption.n) {
        tstyle st = bc_lay_sans_style(l, l->th->body_size * 0.92, l->th->text, 0);
        bc_inline in;
        in.runs = bc_arena_alloc(l->a, (size_t)(t->caption.n + 2) * sizeof(bc_run));
        in.n = 0;
        const bc_terms *T = bc_lay_terms(l);
        char *lab = bc_arena_printf(l->a, "%s \u2014 ", bc_arena_printf(l->a, T->table, t->number));
        if (l->th->caption_numbers) /* theme.caption_numbers = false: the caption alone */
            in.runs[in.n++] = (bc_run){.text = lab, .len = strlen(lab), .style = BC_STYLE_BOLD};
        for (int i = 0; i < t->caption.n; i++)
            if (t->caption.runs[i].kind != BC_RUN_NOTE) {
                in.runs[in.n] = t->caption.runs[i];
                in.runs[in.n++].link = NULL;
            }
        in.runs[in.n++] = (bc_run){.text = T->continued, .len = strlen(T->continued)};
        tline *lines;
        bc_layout_stats stats = l->out->stats; /* drawn only if the table breaks: not counted */
        int n = bc_lay_set_text(l, &in, &st, l->measure, &lines);
        for (int i = 0; i < n; i++)
            bc_lay_shift_ops(l, lines[i].op0, lines[i].nop, 0, i * st.leading + (under ? 4 : 0));
        free(lines);
        l->out->stats = stats;
        ch = n * st.leading + 3;
        if (under) { /* a block of its own, 4 points under the last row */
            hp->cont_nop = l->pool.n - hp->cont_op0;
            hp->cont_h = ch + 4;
            hp->rep_op0 = l->pool.n;
            ch = 0;
        }
    }
    for (int o = hp->op0; o < hp->op0 + hp->nop; o++) {
        bc_op copy = l->pool.v[o];
        copy.y += (float)ch;
        *bc_ops_push(&l->pool) = copy;
    }
    hp->rep_nop = l->pool.n - hp->rep_op0;
    hp->rep_h = ch + hp->h;
}

/* A body row taller than a page, cut inside its cells a page's worth of lines at a time,
   each part under the repeated header: the parts replace the row's piece. */
static void split_row(L *l, tgrid *G, int g, tline **cl, int *cn, int header_piece, int shade)
{
    const tstyle *s = row_style(G, g);
    double page_room = l->th->page_h - l->th->margin_t - l->th->margin_b - 60;
    double W = G->x[G->nc];
    int maxn = 0, last = g == G->ng - 1;
    for (int c = 0; c < G->nc; c++)
        if (cn[c] > maxn) maxn = cn[c];
    l->np--; /* drop the piece started for the row */
    for (int from = 0, to; from < maxn; from = to) {
        /* as many lines as fit with the footnotes they reference, at least one */
        double used = 2 * TBL_PAD_V, notes = 0;
        for (to = from; to < maxn; to++) {
            double more = 0;
            for (int c = 0; c < G->nc; c++)
                for (int o = to < cn[c] ? cl[c][to].op0 : 0;
                     to < cn[c] && o < cl[c][to].op0 + cl[c][to].nop; o++)
                    if (l->pool.v[o].kind == BC_OP_NOTE)
                        more += bc_lay_note_height(l, (int)l->pool.v[o].len);
            double rule = notes + more > 0 ? FOOT_RULE : 0;
            if (to > from && used + s->leading + notes + more + rule > page_room) break;
            used += s->leading;
            notes += more;
        }
        piece *part = bc_lay_new_piece(l, 0, 0);
        int start = l->pool.n;
        double ph = (to - from) * s->leading + 2 * TBL_PAD_V;
        if (shade) bc_ops_rect(&l->pool, 0, 0, W, ph, l->th->fill, BC_NO_COLOR, 0);
        for (int c = 0; c < G->nc; c++)
            for (int i = from; i < to && i < cn[c]; i++)
                for (int o = cl[c][i].op0; o < cl[c][i].op0 + cl[c][i].nop; o++) {
                    bc_op copy = l->pool.v[o];
                    copy.y -= (float)(from * s->leading);
                    *bc_ops_push(&l->pool) = copy;
                }
        if (to == maxn && last)
            bc_ops_line(&l->pool, 0, ph, W, ph, G->strong, LAY_RULE_STRONG, 0);
        else if (G->style != 'b')
            bc_ops_line(&l->pool, 0, ph, W, ph, l->th->rule, LAY_RULE_ROW, 2);
        part->op0 = start;
        part->h = ph;
        bc_lay_close_piece(l, part);
        part->header = header_piece;
    }
}

/* One body row: its background, its cells, its rules; a piece kept with what it must be. */
static void lay_body_row(L *l, tgrid *G, int g, int tbody, int header_piece, int *stripe)
{
    const bc_table *t = G->t;
    const bc_theme *th = l->th;
    int r = g - G->hg, kind = tkind(t, g), strong = tstrong(t, g), plain = plain_row(G, g);
    double W = G->x[G->nc];
    piece *p = bc_lay_new_piece(l, 0, 0);
    int op0 = l->pool.n;
    int tr = tbody ? bc_tags_add(&l->out->tags, tbody, "TR") : 0;
    /* zebra background first so text draws over it */
    int bg = l->pool.n;
    if (kind == BC_ROW_GROUP) *stripe = 0;
    int shade = kind != BC_ROW_GROUP && G->style != 'b' &&
                ((G->zebra && (*stripe)++ % 2 == 1) || (strong && plain));
    if (shade) bc_ops_rect(&l->pool, 0, 0, W, 0, th->fill, BC_NO_COLOR, 0);
    tline *cl[64];
    int cn[64];
    double h = set_row(l, G, g, 0, tr, cl, cn);
    double page_room = th->page_h - th->margin_t - th->margin_b - 60;
    if (plain && h > page_room && page_room > 2 * TBL_PAD_V + row_style(G, g)->leading) {
        split_row(l, G, g, cl, cn, header_piece, shade);
        for (int c = 0; c < G->nc; c++) free(cl[c]);
        return;
    }
    for (int c = 0; c < G->nc; c++) free(cl[c]);
    if (shade && l->pool.v[bg].kind == BC_OP_RECT) l->pool.v[bg].h = (float)h;
    if (r == t->nrows - 1)
        bc_ops_line(&l->pool, 0, h, W, h, G->strong, LAY_RULE_STRONG, 0);
    else if (G->row_rules && kind != BC_ROW_GROUP)
        rule_across(l, G, g, h, th->rule, LAY_RULE_ROW, 2);
    if (strong && (r != t->nrows - 1 || G->style == 'b'))
        bc_ops_line(&l->pool, 0, 0, W, 0, G->style == 'b' ? G->strong : th->rule, LAY_HAIRLINE, 0);
    p->op0 = op0;
    p->h = h;
    bc_lay_close_piece(l, p);
    p->header = header_piece;
    /* keep the first two rows together, the last two, and the last row with the source note
       (only: without one the table ends its chain, it does not pull the next block along);
       a group heading with its first row, and rows a cell spans */
    p->keep_next = (r == t->nrows - 2 && t->nrows > 2) || (r == t->nrows - 1 && t->source.n) ||
                   (r == 0 && t->nrows > 1) || (kind == BC_ROW_GROUP && r < t->nrows - 1);
    for (int c = 0; c < G->nc; c++)
        if (G->cover[c] > g) p->keep_next = 1;
}

/* }====================================================== */

/* A right-to-left brief's table narrower than the measure sits at the right margin, where
   its first column and its lines of text start: the pieces of its header and rows
   [header_piece, l->np) and the header rows repeated on the pages it goes on to (the last ops
   of hp->rep_*, after the "(continued)" caption, which is set as a line of text already). */
static void align_rtl(L *l, const tgrid *G, int header_piece)
{
    double dx = l->measure - G->x[G->nc];
    if (!G->rtl || dx < 0.01) return;
    for (int p = header_piece; p < l->np; p++)
        bc_lay_shift_ops(l, l->pieces[p].op0, l->pieces[p].nop, dx, 0);
    const piece *hp = &l->pieces[header_piece];
    if (hp->rep_nop >= hp->nop)
        bc_lay_shift_ops(l, hp->rep_op0 + hp->rep_nop - hp->nop, hp->nop, dx, 0);
}

void bc_lay_table(L *l, const bc_block *b)
{
    const bc_table *t = b->u.table;
    const bc_theme *th = l->th;
    tgrid *G = bc_xcalloc(1, sizeof *G);
    G->t = t;
    G->nc = t->ncols;
    G->rtl = l->meta && bc_bidi_rtl_language(l->meta->language); /* columns right to left */
    G->hg = t->nhead + 1;
    G->ng = G->hg + t->nrows;
    G->style = t->style ? t->style : th->table_style ? th->table_style : 'r';
    G->strong = G->style == 'b' ? th->text : th->accent;
    double size = th->table_size > 0 ? th->table_size : th->small_size; /* theme.table_size */
    G->cs = bc_lay_sans_style(l, size, th->text, 0);
    /* cells in the body font, whatever it is (issue 15), or theme.table_font = "heading" */
    G->cs.family = th->table_font == 'h' ? BC_FONT_SANS : BC_FONT_SERIF;
    G->cs.leading = size * LAY_SANS_LEADING;
    G->cs.hyphenate = 1; /* narrow columns need it most */
    G->hs = G->cs;
    G->hs.style = BC_STYLE_BOLD;
    G->gs = G->cs;
    G->gs.style = BC_STYLE_BOLD | BC_STYLE_ITALIC;
    G->head = G->hs;
    if (th->table_header_text != BC_THEME_NONE) G->head.color = th->table_header_text;
    G->tails = bc_xcalloc((size_t)(t->nrows ? t->nrows : 1) * (size_t)G->nc, sizeof(double));
    G->ystart = bc_xcalloc((size_t)G->ng + 1, sizeof(double));
    G->need = bc_xcalloc((size_t)G->ng + 1, sizeof(double));
    for (int c = 0; c < G->nc; c++) G->cover[c] = -1;
    double maxw[64] = {0}, minw[64] = {0};
    measure_columns(l, G, maxw, minw);
    double sum_max = 0;
    for (int c = 0; c < G->nc; c++) sum_max += maxw[c];
    /* a table wider than a column of a two-column body spans the page */
    int wide = l->measure < l->full && sum_max > l->measure;
    int first_piece = l->np;
    double column = l->measure;
    if (wide) l->measure = l->full;
    column_widths(G, maxw, minw, l->measure);
    G->zebra = th->table_zebra;
    for (int g = G->hg; g < G->ng && G->zebra; g++)
        for (int c = 0; c < G->nc; c++)
            if (tspan(t, g, c).rows > 1) G->zebra = 0; /* stripes would cut spanning cells */
    G->row_rules = !G->zebra && th->table_zebra && G->style != 'b';
    G->rowheads = G->nc > 1 && t->align && t->align[0] != 'r' && t->align[0] != 'd';
    for (int c = 1; c < G->nc && G->rowheads; c++)
        G->rowheads = t->align[c] == 'r' || t->align[c] == 'd';
    int tbl = l->se, cap0 = l->pool.n, below = th->caption_pos == 'b' && t->caption.n;
    if (t->caption.n && !below) bc_lay_caption(l, bc_lay_terms(l)->table, t->number, &t->caption);
    if (tbl && !below) bc_tags_stamp(&l->pool, cap0, bc_tags_add(&l->out->tags, tbl, "Caption"));
    int thead = tbl ? bc_tags_add(&l->out->tags, tbl, "THead") : 0;
    int tbody = tbl ? bc_tags_add(&l->out->tags, tbl, "TBody") : 0;
    int header_piece = lay_header(l, G, thead);
    if (t->nrows > 0) lay_continued(l, G, &l->pieces[header_piece]);
    int stripe = 0;
    for (int g = G->hg; g < G->ng; g++) lay_body_row(l, G, g, tbody, header_piece, &stripe);
    align_rtl(l, G, header_piece);
    if (t->nrows > 0 && t->source.n) l->pieces[l->np - 1].keep_next = 1;
    if (below) { /* theme.caption_position = "below": after the last row, before the source */
        cap0 = l->pool.n;
        bc_lay_caption(l, bc_lay_terms(l)->table, t->number, &t->caption);
        l->pieces[l->np - 1].keep_next = t->source.n > 0;
        if (tbl) bc_tags_stamp(&l->pool, cap0, bc_tags_add(&l->out->tags, tbl, "Caption"));
    }
    int src0 = l->pool.n;
    bc_lay_source(l, &t->source);
    if (tbl) bc_tags_stamp(&l->pool, src0, bc_tags_add(&l->out->tags, 1, "P"));
    if (wide) {
        l->measure = column;
        bc_lay_mark_span(l, first_piece);
    }
    free(G->tails);
    free(G->ystart);
    free(G->need);
    free(G);
}
