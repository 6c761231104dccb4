/*
** blocks.c — each block kind laid out as pieces: title, heading, paragraph, list, callout,
** chart, image, space, page break, contents, bibliography; captions and source lines; widow and
** orphan protection for paragraphs. Tables are in tables.c. Part of layout (layout.c lists
** the parts).
*/
#include "layout/layout_int.h"

#include <stdlib.h>
#include <string.h>

#include "layout/chart.h"
#include "layout/image.h"
#include "layout/vec_text.h"
#include "text/bidi.h"
#include "doc/bib.h"
#include "doc/dest.h"
#include "doc/markup.h"

tstyle bc_lay_body_style(L *l)
{
    tstyle s = {BC_FONT_SERIF,
                0,
                l->th->body_size,
                l->th->body_size * l->th->leading,
                l->th->text,
                l->th->justify,
                'l',
                1};
    return s;
}

tstyle bc_lay_sans_style(L *l, double size, uint32_t color, unsigned style)
{
    tstyle s = {BC_FONT_SANS, style, size, size * LAY_SANS_LEADING, color, 0, 'l', 0};
    return s;
}

/* Lays text as one piece per line with widow/orphan protection. */
static void lay_lines(L *l, const bc_inline *in, const tstyle *st, double indent, double before,
                      int keep_all)
{
    tline *lines;
    int n = bc_lay_set_text(l, in, st, l->measure - indent, &lines);
    int para = ++l->nparas;
    for (int i = 0; i < n; i++) {
        /* a line of a tall script gets the room it needs, the others their leading */
        piece *p =
            bc_lay_new_piece(l, st->leading + lines[i].above + lines[i].below, i == 0 ? before : 0);
        p->op0 = lines[i].op0;
        p->nop = lines[i].nop;
        p->para = para;
        p->line = (short)(i < 32767 ? i : 32767);
        p->nlines = (short)(n < 32767 ? n : 32767);
        bc_lay_shift_ops(l, p->op0, p->nop, indent, lines[i].above);
        /* At least two lines on each side of a page break. */
        p->keep_next = keep_all || (i == 0 && n >= 2) || (i == n - 2 && n >= 3);
        if (keep_all && i == n - 1) p->keep_next = 0;
    }
    free(lines);
}

/* Sets one part of the title block (series, title, subtitle, meta) across the measure with its
   top at y; returns y moved past its lines and then by after. */
static double title_text(L *l, const bc_inline *in, const tstyle *st, double y, double after)
{
    tline *lines;
    int n = bc_lay_set_text(l, in, st, l->measure, &lines);
    for (int i = 0; i < n; i++)
        bc_lay_shift_ops(l, lines[i].op0, lines[i].nop, 0, y + i * st->leading);
    free(lines);
    return y + (n * st->leading + after);
}

static void lay_title(L *l, const bc_block *b)
{
    const bc_theme *th = l->th;
    piece *p = bc_lay_new_piece(l, 0, 0);
    double y = 0;
    double full = l->measure, lx, lw = 0, lh = 0; /* the title's lines beside the logo, if any */
    if (b->u.title.logo) {
        bc_image_place(b->u.title.logo, l->measure, 90, &lx, &lw, &lh);
        int im0 = l->pool.n;
        bc_image_op(&l->pool, b->u.title.logo->img, l->measure - lw, 0, lw, lh);
        if (bc_vec_texts(&l->pool, im0, l->fs, l->a, l->err) != BC_OK) l->failed = 1;
        l->measure -= lw + 12;
    }
    if (l->meta->series && l->meta->series[0]) {
        tstyle s = bc_lay_sans_style(l, 8.5, th->accent, BC_STYLE_BOLD);
        bc_inline in;
        const char *series = bc_markup_smarten(l->a, l->meta->series, strlen(l->meta->series));
        bc_markup_plain(l->a, series, strlen(series), 0, &in);
        y = title_text(l, &in, &s, y, 6);
    }
    tstyle ts = bc_lay_sans_style(l, th->title_size, th->accent, BC_STYLE_BOLD);
    ts.leading = th->title_size * 1.15;
    y = title_text(l, &b->u.title.title, &ts, y, 4);
    if (b->u.title.subtitle.n) {
        tstyle ss = bc_lay_sans_style(l, th->title_size * 0.56, th->muted, 0);
        y = title_text(l, &b->u.title.subtitle, &ss, y, 4);
    }
    if (b->u.title.meta.n) {
        tstyle ms = bc_lay_sans_style(l, 8.5, th->muted, 0);
        y += 2;
        y = title_text(l, &b->u.title.meta, &ms, y, 0);
    }
    y += 8;
    l->measure = full;
    if (y < lh + 6) y = lh + 6;
    bc_ops_line(&l->pool, 0, y, l->measure, y, th->accent, 1.6, 0);
    y += 4;
    p->h = y;
    bc_lay_close_piece(l, p);
}

static void lay_heading(L *l, const bc_block *b)
{
    l->nheadings++;
    const bc_theme *th = l->th;
    int level = b->u.heading.level;
    double size = th->h_size[level - 1];
    /* theme.heading_colour colours every level; without it level 1 takes the accent */
    uint32_t col = th->heading_colour != BC_THEME_NONE ? th->heading_colour
                   : level == 1                        ? th->accent
                                                       : th->text;
    tstyle st = bc_lay_sans_style(l, size, col, BC_STYLE_BOLD);
    st.leading = size * 1.25;
    /* Number then text, as one inline. */
    bc_inline in;
    in.n = b->u.heading.text.n + 1;
    in.runs = bc_arena_alloc(l->a, (size_t)in.n * sizeof(bc_run));
    char *num = bc_arena_printf(l->a, b->u.heading.number[0] ? "%s " : "%s", b->u.heading.number);
    in.runs[0].text = num;
    in.runs[0].len = strlen(num);
    memcpy(in.runs + 1, b->u.heading.text.runs, (size_t)b->u.heading.text.n * sizeof(bc_run));
    double before = level == 1 ? th->body_size * 1.6 : th->body_size * 1.1;
    int first = l->np;
    lay_lines(l, &in, &st, 0, before, 1);
    if (l->np > first) {
        l->pieces[l->np - 1].keep_next = 1; /* never stranded at the bottom of a page */
        l->pieces[first].dest[0] = bc_arena_printf(l->a, BC_DEST_HEADING, l->nheadings - 1);
        if (b->label) l->pieces[first].dest[1] = bc_arena_printf(l->a, BC_DEST_LABEL, b->label);
        l->pieces[first].outline_level = level;
        l->pieces[first].outline_title =
            bc_arena_printf(l->a, "%s%s%s", b->u.heading.number, b->u.heading.number[0] ? " " : "",
                            bc_inline_text(l->a, &b->u.heading.text));
        /* a little air under the heading */
        l->pieces[l->np - 1].h += level == 1 ? 3 : 1.5;
    }
}

static void lay_para(L *l, const bc_block *b)
{
    tstyle st = bc_lay_body_style(l);
    if (b->u.para.style == BC_PARA_LEAD) {
        st.size = l->th->body_size * 1.12;
        st.leading = st.size * 1.4;
        st.style = BC_STYLE_ITALIC;
        st.color = l->th->muted;
    } else if (b->u.para.style == BC_PARA_NOTE) {
        st = bc_lay_sans_style(l, l->th->small_size, l->th->muted, 0);
    } else if (b->u.para.style == BC_PARA_QUOTE) { /* a block quote: indented, italic */
        st.style = BC_STYLE_ITALIC;
        st.justify = 0;
        lay_lines(l, &b->u.para.text, &st, st.size * 1.6, l->th->body_size * 0.6, 0);
        return;
    } else if (b->u.para.style == BC_PARA_PULL) {
        bc_lay_pull(l, b);
        return;
    } else if (b->u.para.style == BC_PARA_ATTRIBUTION) { /* set right, under its quote */
        st = bc_lay_sans_style(l, l->th->small_size, l->th->muted, 0);
        st.align = 'r';
        lay_lines(l, &b->u.para.text, &st, 0, l->th->body_size * 0.3, 0);
        return;
    }
    lay_lines(l, &b->u.para.text, &st, 0, l->th->body_size * 0.6, 0);
}

/* A nested list's number: 1. at the top, a. below, i. below that. */
static const char *list_number(L *l, int n, int depth)
{
    if (depth == 0 || n < 1 || n > 3999) return bc_arena_printf(l->a, "%d.", n);
    if (depth == 1) {
        char s[16];
        int k = sizeof s - 1;
        s[k] = 0;
        for (int v = n; v > 0 && k > 0; v = (v - 1) / 26) s[--k] = (char)('a' + (v - 1) % 26);
        return bc_arena_printf(l->a, "%s.", s + k);
    }
    static const char *const r[] = {"m",  "cm", "d",  "cd", "c",  "xc", "l",
                                    "xl", "x",  "ix", "v",  "iv", "i"};
    static const int v[] = {1000, 900, 500, 400, 100, 90, 50, 40, 10, 9, 5, 4, 1};
    char s[32];
    size_t o = 0;
    for (int i = 0; i < 13; i++)
        for (; n >= v[i]; n -= v[i]) { /* at most 15 letters (mmmdccclxxxviii) */
            size_t k = strlen(r[i]);
            memcpy(s + o, r[i], k);
            o += k;
        }
    s[o] = 0;
    return bc_arena_printf(l->a, "%s.", s);
}

static void lay_list(L *l, const bc_block *b)
{
    tstyle st = bc_lay_body_style(l);
    st.justify = 0;
    static const char *const bullets[3] = {"\u2022", "\u2013", "\u2022"};
    for (int i = 0; i < b->u.list.n; i++) {
        /* nested lists (Markdown): deeper items further in, a mark per item */
        int depth = b->u.list.depth ? b->u.list.depth[i] % 3 : 0;
        int mark = b->u.list.marks ? b->u.list.marks[i] : b->u.list.numbered ? i + 1 : 0;
        double indent = st.size * 1.6 * (depth + 1);
        int first = l->np, li0 = l->pool.n;
        lay_lines(l, &b->u.list.items[i], &st, indent, i == 0 ? st.size * 0.6 : st.size * 0.25, 0);
        if (l->np == first) continue;
        int rtl = bc_lay_text_rtl(l, &b->u.list.items[i]); /* indented from the right */
        for (int k = first; rtl && k < l->np; k++)
            bc_lay_shift_ops(l, l->pieces[k].op0, l->pieces[k].nop, -indent, 0);
        if (mark < 0) continue;
        piece *p = &l->pieces[first];
        const char *marker = mark ? list_number(l, mark, depth) : bullets[depth];
        bc_font *f = bc_lay_font_for(l, BC_FONT_SERIF);
        if (!f) return;
        double mw = bc_font_width(f, marker, strlen(marker), st.size);
        /* A piece's ops must be contiguous: copy the first line to the end of the pool and
           add the marker after it. */
        int op0 = l->pool.n;
        for (int k = p->op0; k < p->op0 + p->nop; k++) {
            bc_op copy = l->pool.v[k]; /* the push may move the pool */
            *bc_ops_push(&l->pool) = copy;
        }
        bc_ops_text(&l->pool, BC_FONT_SERIF, st.size, mark ? st.color : l->th->accent,
                    rtl ? l->measure - indent + st.size * 0.5 : indent - mw - st.size * 0.5,
                    bc_lay_baseline_offset(l, &st), marker, strlen(marker));
        bc_font_use(f, marker, strlen(marker));
        p->op0 = op0;
        p->nop = l->pool.n - op0;
        if (l->se) { /* LI: the marker (Lbl), then the item's text (LBody) */
            int li = bc_tags_add(&l->out->tags, l->se, "LI");
            l->pool.v[l->pool.n - 1].se = bc_tags_add(&l->out->tags, li, "Lbl");
            bc_tags_stamp(&l->pool, li0, bc_tags_add(&l->out->tags, li, "LBody"));
        }
    }
}

/*
** Caption "Table 1 — …" of a table or figure (just "…" with theme.caption_numbers = false).
** Above (the default) it is kept with what follows; below (theme.caption_position) what it
** follows is kept with it, and it with what follows it (the caller clears that when no source
** line comes next).
*/
void bc_lay_caption(L *l, const char *label, int number, const bc_inline *caption)
{
    int below = l->th->caption_pos == 'b', lead = l->th->caption_numbers;
    tstyle st = bc_lay_sans_style(l, l->th->body_size * 0.92, l->th->text, 0);
    bc_inline in;
    in.n = caption->n + lead;
    in.runs = bc_arena_alloc(l->a, (size_t)in.n * sizeof(bc_run));
    if (lead) {
        char *lab = bc_arena_printf(l->a, "%s \u2014 ", bc_arena_printf(l->a, label, number));
        in.runs[0].text = lab;
        in.runs[0].len = strlen(lab);
        in.runs[0].style = BC_STYLE_BOLD;
    }
    memcpy(in.runs + lead, caption->runs, (size_t)caption->n * sizeof(bc_run));
    if (below && l->np) l->pieces[l->np - 1].keep_next = 1;
    lay_lines(l, &in, &st, 0, below ? 5 : l->th->body_size * 1.1, 1);
    if (l->np) l->pieces[l->np - 1].keep_next = 1;
    if (l->np) l->pieces[l->np - 1].h += 3;
}

const bc_terms *bc_lay_terms(const L *l)
{
    return bc_terms_for(l->meta ? l->meta->language : NULL);
}

void bc_lay_source(L *l, const bc_inline *source)
{
    if (!source->n) return;
    tstyle st = bc_lay_sans_style(l, l->th->small_size * 0.95, l->th->muted, 0);
    bc_inline in;
    in.n = source->n + 1;
    in.runs = bc_arena_alloc(l->a, (size_t)in.n * sizeof(bc_run));
    in.runs[0].text = bc_lay_terms(l)->source;
    in.runs[0].len = strlen(in.runs[0].text);
    in.runs[0].style = BC_STYLE_BOLD;
    memcpy(in.runs + 1, source->runs, (size_t)source->n * sizeof(bc_run));
    lay_lines(l, &in, &st, 0, 3, 0);
}

/* A callout's content line by line (title lines, item lines and their bullets): where each
   sits, so a callout taller than a page can be cut between lines. */
typedef struct cline {
    int op0, nop;
    double y, h;
} cline;

static void push_cline(cline **v, int *n, int *cap, int op0, int nop, double y, double h)
{
    BC_GROW(*v, *n, *cap, 32);
    (*v)[(*n)++] = (cline){op0, nop, y, h};
}

static void lay_callout(L *l, const bc_block *b)
{
    const bc_theme *th = l->th;
    double pad = 10, bar = 3;
    double inner = l->measure - 2 * pad - bar;
    piece *p = bc_lay_new_piece(l, 0, th->body_size * 1.2);
    int op0 = l->pool.n;
    int boxed = b->u.callout.boxed; /* s:recommendations: a ruled box, numbered items */
    bc_ops_rect(&l->pool, 0, 0, l->measure, 0, th->fill, boxed ? th->accent : BC_NO_COLOR,
                boxed ? LAY_RULE_STRONG : 0);
    bc_ops_rect(&l->pool, 0, 0, bar, 0, th->accent, BC_NO_COLOR, 0);
    double y = pad;
    tline *lines;
    int n;
    cline *cl = NULL;
    int ncl = 0, capcl = 0;
    if (b->u.callout.title.n) {
        tstyle ts = bc_lay_sans_style(l, th->body_size * 1.05, th->accent, BC_STYLE_BOLD);
        n = bc_lay_set_text(l, &b->u.callout.title, &ts, inner, &lines);
        for (int i = 0; i < n; i++) {
            bc_lay_shift_ops(l, lines[i].op0, lines[i].nop, bar + pad, y + i * ts.leading);
            push_cline(&cl, &ncl, &capcl, lines[i].op0, lines[i].nop, y + i * ts.leading,
                       ts.leading);
        }
        y += n * ts.leading + 3;
        free(lines);
    }
    tstyle is = bc_lay_sans_style(l, th->body_size * 0.92, th->text, 0);
    is.leading = is.size * 1.38;
    is.hyphenate = 1;
    double indent = is.size * (b->u.callout.numbered ? 1.6 : 1.1);
    for (int k = 0; k < b->u.callout.n && !l->failed; k++) {
        n = bc_lay_set_text(l, &b->u.callout.items[k], &is, inner - indent, &lines);
        for (int i = 0; i < n; i++)
            bc_lay_shift_ops(l, lines[i].op0, lines[i].nop, bar + pad + indent, y + i * is.leading);
        if (n && b->u.callout.numbered) {
            const char *num = bc_arena_printf(l->a, "%d.", k + 1);
            bc_ops_text(&l->pool, BC_FONT_SANS_B, is.size, th->accent, bar + pad,
                        y + bc_lay_baseline_offset(l, &is), num, strlen(num));
            bc_font *nf = bc_lay_font_for(l, BC_FONT_SANS_B);
            if (nf) bc_font_use(nf, num, strlen(num));
            push_cline(&cl, &ncl, &capcl, l->pool.n - 1, 1, y, 0);
        } else if (n) {
            double sq = is.size * 0.36;
            double sq_y = y + bc_lay_baseline_offset(l, &is) - is.size * 0.34 - sq / 2;
            bc_ops_rect(&l->pool, bar + pad + 1, sq_y, sq, sq, th->accent, BC_NO_COLOR, 0);
            /* the bullet first, at its line's y: entries of one y stay together */
            push_cline(&cl, &ncl, &capcl, l->pool.n - 1, 1, y, 0);
        }
        for (int i = 0; i < n; i++)
            push_cline(&cl, &ncl, &capcl, lines[i].op0, lines[i].nop, y + i * is.leading,
                       is.leading + (i == n - 1 ? 3 : 0));
        y += n * is.leading + 3;
        free(lines);
    }
    y += pad - 3;
    l->pool.v[op0].h = (float)y;
    l->pool.v[op0 + 1].h = (float)y;
    p->op0 = op0;
    p->h = y;
    bc_lay_close_piece(l, p);
    /* A callout taller than a page is cut between lines into boxes that follow each other
       across pages, rather than run past the foot of the page. */
    double room = th->page_h - th->margin_t - th->margin_b - 40;
    if (y > room && ncl > 1 && !l->failed) {
        l->np--; /* the parts replace the whole box */
        int from = 0;
        double before = th->body_size * 1.2;
        while (from < ncl) {
            double top = cl[from].y;
            int to = from;
            while (to < ncl && (to == from || cl[to].y + cl[to].h - top + 2 * pad <= room ||
                                cl[to].y == cl[to - 1].y))
                to++;
            double part_h = (to < ncl ? cl[to].y : y - pad + 3) - top + 2 * pad - 3;
            piece *q = bc_lay_new_piece(l, part_h, before);
            q->op0 = l->pool.n;
            bc_ops_rect(&l->pool, 0, 0, l->measure, part_h, th->fill, BC_NO_COLOR, 0);
            bc_ops_rect(&l->pool, 0, 0, bar, part_h, th->accent, BC_NO_COLOR, 0);
            for (int k = from; k < to; k++)
                for (int o = cl[k].op0; o < cl[k].op0 + cl[k].nop; o++) {
                    bc_op copy = l->pool.v[o];
                    copy.y -= (float)(top - pad);
                    *bc_ops_push(&l->pool) = copy;
                }
            bc_lay_close_piece(l, q);
            before = 0;
            from = to;
        }
    }
    free(cl);
}

/* A chart's or image's caption is a Caption child of its Figure (l->se). */
static void lay_chart(L *l, const bc_block *b)
{
    bc_chart local = *b->u.chart; /* the theme decides mono unless the chart says */
    if (local.mono < 0) local.mono = l->th->chart_mono;
    const bc_chart *ch = &local;
    int cap0 = l->pool.n, below = l->th->caption_pos == 'b' && ch->caption.n;
    if (ch->caption.n && !below)
        bc_lay_caption(l, bc_lay_terms(l)->figure, ch->number, &ch->caption);
    if (l->se && !below)
        bc_tags_stamp(&l->pool, cap0, bc_tags_add(&l->out->tags, l->se, "Caption"));
    double h = l->measure * (ch->aspect > 0 ? ch->aspect : 0.5);
    /* a horizontal chart grows with its bars, so 40 labels never overprint */
    if (h < bc_chart_min_height(ch)) h = bc_chart_min_height(ch);
    /* never taller than a page leaves room for (a tall aspect across a wide page would be) */
    double room = l->th->page_h - l->th->margin_t - l->th->margin_b - 60;
    if (h > room) h = room;
    piece *p = bc_lay_new_piece(l, h, below ? l->th->body_size * 1.1 : 0);
    bc_chart_ctx cx = {l->th, l->fs, l->a, l->err, bc_lay_chart_label, l, 0, l->measure};
    /* right to left: mirrored (chart_draw.c), a map never */
    cx.rtl = ch->kind != BC_CHART_MAP && l->meta && bc_bidi_rtl_language(l->meta->language);
    int chart0 = l->pool.n;
    if (bc_chart_draw(ch, &cx, &l->pool, 0, 0, l->measure, h) != BC_OK || l->failed) {
        l->failed = 1;
        return;
    }
    if (cx.rtl) bc_chart_mirror(&l->pool, chart0, l->measure, l->a);
    bc_lay_close_piece(l, p);
    p->keep_next = ch->source.n > 0;
    if (below) {
        cap0 = l->pool.n;
        bc_lay_caption(l, bc_lay_terms(l)->figure, ch->number, &ch->caption);
        l->pieces[l->np - 1].keep_next = ch->source.n > 0;
        if (l->se) bc_tags_stamp(&l->pool, cap0, bc_tags_add(&l->out->tags, l->se, "Caption"));
    }
    int src0 = l->pool.n;
    bc_lay_source(l, &ch->source);
    if (l->se) bc_tags_stamp(&l->pool, src0, bc_tags_add(&l->out->tags, 1, "P"));
}

/* s:image: caption above, the picture kept whole (never taller than a page's room), source. */
static void lay_image(L *l, const bc_block *b)
{
    const bc_image_block *ib = b->u.image;
    int cap0 = l->pool.n, below = l->th->caption_pos == 'b' && ib->caption.n;
    if (ib->caption.n && !below)
        bc_lay_caption(l, bc_lay_terms(l)->figure, ib->number, &ib->caption);
    if (l->se && ib->caption.n && !below)
        bc_tags_stamp(&l->pool, cap0, bc_tags_add(&l->out->tags, l->se, "Caption"));
    double room = l->th->page_h - l->th->margin_t - l->th->margin_b - 60;
    piece *p = bc_lay_new_piece(l, 0, ib->caption.n && !below ? 0 : l->th->body_size * 1.1);
    int im0 = l->pool.n;
    p->h = bc_image_lay(ib, &l->pool, l->measure, room);
    if (bc_vec_texts(&l->pool, im0, l->fs, l->a, l->err) != BC_OK) l->failed = 1; /* SVG text */
    bc_lay_close_piece(l, p);
    p->keep_next = ib->source.n > 0;
    if (below) {
        cap0 = l->pool.n;
        bc_lay_caption(l, bc_lay_terms(l)->figure, ib->number, &ib->caption);
        l->pieces[l->np - 1].keep_next = ib->source.n > 0;
        if (l->se) bc_tags_stamp(&l->pool, cap0, bc_tags_add(&l->out->tags, l->se, "Caption"));
    }
    int src0 = l->pool.n;
    bc_lay_source(l, &ib->source);
    if (l->se && ib->source.n) bc_tags_stamp(&l->pool, src0, bc_tags_add(&l->out->tags, 1, "P"));
}

static void lay_toc(L *l, const bc_block *b);
static void lay_bib(L *l, const bc_block *b);
static void lay_block_in(L *l, const bc_block *b);

/* The structure element of a block (0 for space and page breaks), under the Document. */
static int tag_block(L *l, const bc_block *b)
{
    static const char *roles[] = {
        [BC_BLOCK_TITLE] = "H1",    [BC_BLOCK_PARA] = "P",      [BC_BLOCK_LIST] = "L",
        [BC_BLOCK_TABLE] = "Table", [BC_BLOCK_CALLOUT] = "Div", [BC_BLOCK_CHART] = "Figure",
        [BC_BLOCK_TOC] = "TOC",     [BC_BLOCK_BIB] = "Div",     [BC_BLOCK_DEFLIST] = "L",
        [BC_BLOCK_BACK] = "Div"};
    char h[4] = "H1";
    const char *role = (unsigned)b->kind < sizeof roles / sizeof roles[0] ? roles[b->kind] : NULL;
    if (b->kind == BC_BLOCK_HEADING) {
        int lv = b->u.heading.level;
        h[1] = (char)('0' + (lv < 1 ? 1 : lv > 6 ? 6 : lv));
        role = h;
    }
    /* an image is a Figure with its alt text; a decorative one is an artifact */
    if (b->kind == BC_BLOCK_IMAGE) role = b->u.image->decorative ? NULL : "Figure";
    if (!role) return 0;
    /* contents and references: their title is an H1 before them */
    l->se_title = b->kind == BC_BLOCK_TOC || b->kind == BC_BLOCK_BIB
                      ? bc_tags_add(&l->out->tags, 1, "H1")
                      : 0;
    int se = bc_tags_add(&l->out->tags, 1, role);
    if (b->section >= 0 && b->section < l->doc->nsections && l->doc->sections[b->section].lang)
        l->out->tags.v[se].lang = bc_arena_strdup(l->a, l->doc->sections[b->section].lang);
    if (l->se_title) l->out->tags.v[l->se_title].lang = l->out->tags.v[se].lang;
    if (b->kind == BC_BLOCK_CHART) l->out->tags.v[se].alt = bc_tags_chart_alt(l->a, b->u.chart);
    if (b->kind == BC_BLOCK_IMAGE && b->u.image->alt)
        l->out->tags.v[se].alt = bc_arena_strdup(l->a, b->u.image->alt);
    return se;
}

/* Landscape pages from here (s:landscape) or portrait again: the measure follows the page.
   One-column bodies only; a two-column brief is warned and stays portrait. */
static void set_land(L *l, int land, int section)
{
    const bc_theme *th = l->th;
    if (land && th->columns == 2) {
        bc_lay_warn(l, "s:landscape is for one-column briefs; the section stays on portrait pages");
        return;
    }
    l->land = land;
    l->land_section = section;
    l->measure = l->full = (land ? th->page_h : th->page_w) - th->margin_l - th->margin_r;
}

void bc_lay_block(L *l, const bc_block *b)
{
    if (l->land && b->section != l->land_section) set_land(l, 0, -1); /* a section ends it */
    if (b->kind == BC_BLOCK_ORIENT) {
        set_land(l, b->u.landscape, b->section);
        return;
    }
    int first0 = l->np;
    /* In a two-column body the title block, the lead paragraph under it and charts span the
       page (tables decide for themselves, by their natural width). */
    int span = l->measure < l->full &&
               (b->kind == BC_BLOCK_TITLE ||
                (b->kind == BC_BLOCK_CHART && !(b->u.chart->more && b->u.chart->more->in_column)) ||
                (b->kind == BC_BLOCK_IMAGE && b->u.image->span) ||
                (b->kind == BC_BLOCK_PARA && b->u.para.style == BC_PARA_LEAD));
    int first = l->np;
    double column = l->measure;
    if (span) l->measure = l->full;
    int op0 = l->pool.n;
    l->se = tag_block(l, b);
    lay_block_in(l, b);
    bc_tags_stamp(&l->pool, op0, l->se);
    if (span) {
        l->measure = column;
        bc_lay_mark_span(l, first);
    }
    for (int i = first0; i < l->np; i++) l->pieces[i].land = (unsigned char)l->land;
}

static void lay_block_in(L *l, const bc_block *b)
{
    l->section = b->section;
    bc_lay_section_lang(l, b->section);
    if (b->label &&
        (b->kind == BC_BLOCK_TABLE || b->kind == BC_BLOCK_CHART || b->kind == BC_BLOCK_IMAGE))
        l->pending_dest = bc_arena_printf(l->a, BC_DEST_LABEL, b->label);
    switch (b->kind) {
    case BC_BLOCK_TITLE: lay_title(l, b); break;
    case BC_BLOCK_HEADING: lay_heading(l, b); break;
    case BC_BLOCK_PARA: lay_para(l, b); break;
    case BC_BLOCK_LIST: lay_list(l, b); break;
    case BC_BLOCK_TABLE: bc_lay_table(l, b); break;
    case BC_BLOCK_CALLOUT: lay_callout(l, b); break;
    case BC_BLOCK_CHART: lay_chart(l, b); break;
    case BC_BLOCK_SPACE: {
        piece *p = bc_lay_new_piece(l, 0, b->u.space);
        bc_lay_close_piece(l, p);
        break;
    }
    case BC_BLOCK_PAGEBREAK: {
        piece *p = bc_lay_new_piece(l, 0, 0);
        p->force_break = 1;
        bc_lay_close_piece(l, p);
        break;
    }
    case BC_BLOCK_TOC: lay_toc(l, b); break;
    case BC_BLOCK_BIB: lay_bib(l, b); break;
    case BC_BLOCK_IMAGE: lay_image(l, b); break;
    case BC_BLOCK_DEFLIST: bc_lay_deflist(l, b); break;
    case BC_BLOCK_BACK: bc_lay_back(l, b); break;
    case BC_BLOCK_ORIENT: break; /* bc_lay_block's */
    }
}

/* An unnumbered section title (contents, references) in the level-1 heading style. */
static void lay_unnumbered(L *l, const bc_inline *title)
{
    const bc_theme *th = l->th;
    uint32_t h1 = th->heading_colour != BC_THEME_NONE ? th->heading_colour : th->accent;
    tstyle st = bc_lay_sans_style(l, th->h_size[0], h1, BC_STYLE_BOLD);
    st.leading = th->h_size[0] * 1.25;
    int first = l->np, t0 = l->pool.n;
    lay_lines(l, title, &st, 0, th->body_size * 1.6, 1);
    if (l->se_title) bc_tags_stamp(&l->pool, t0, l->se_title);
    if (l->np > first) {
        l->pieces[l->np - 1].keep_next = 1;
        l->pieces[l->np - 1].h += 3;
        l->pieces[first].outline_level = 1;
        l->pieces[first].outline_title = bc_inline_text(l->a, title);
    }
}

/* Contents: one line per heading up to depth, dot leaders, page numbers from the last
   layout ("?" on the first pass), each line a link to its heading. */
static void lay_toc(L *l, const bc_block *b)
{
    const bc_theme *th = l->th;
    lay_unnumbered(l, &b->u.toc.title);
    bc_font *f = bc_lay_font_for(l, BC_FONT_SERIF), *fb = bc_lay_font_for(l, BC_FONT_SERIF_B);
    if (!f || !fb) return;
    double size = th->body_size, lead = size * 1.55;
    int idx = 0;
    for (const bc_block *h = l->doc->first; h; h = h->next) {
        if (h->kind != BC_BLOCK_HEADING) continue;
        int n = idx++;
        if (h->u.heading.level > b->u.toc.depth) continue;
        int lv = h->u.heading.level, bold = lv == 1;
        bc_font *ff = bold ? fb : f;
        int slot = bold ? BC_FONT_SERIF_B : BC_FONT_SERIF;
        piece *p = bc_lay_new_piece(l, lead, lv == 1 ? size * 0.35 : 0);
        int e0 = l->pool.n;
        double indent = (lv - 1) * size * 1.6, base = lead * 0.72;
        const char *num = h->u.heading.number;
        char *title = bc_inline_text(l->a, &h->u.heading.text);
        size_t tl = strlen(title);
        title = (char *)bc_font_substitute(ff, title, &tl, l->a);
        const bc_pagemap *pm = l->pages;
        const char *page = pm && n < pm->nheadings && pm->heading_page[n]
                               ? bc_arena_printf(l->a, "%d", pm->heading_page[n])
                               : "?";
        double nw = num[0] ? bc_font_width(ff, num, strlen(num), size) + size * 0.8 : 0;
        double pw = bc_font_width(ff, page, strlen(page), size);
        double tw = bc_font_width(ff, title, tl, size);
        double room = l->measure - indent - nw - pw - size * 1.5;
        if (tw > room) { /* shorten an over-long title with an ellipsis */
            while (tl > 4 && bc_font_width(ff, title, tl, size) > room - size) {
                tl--;
                while (tl && ((unsigned char)title[tl] & 0xC0) == 0x80) tl--;
            }
            title = bc_arena_printf(l->a, "%.*s\xE2\x80\xA6", (int)tl, title);
            tl = strlen(title);
            tw = bc_font_width(ff, title, tl, size);
        }
        bc_ops_text(&l->pool, slot, size, th->text, indent, base, bc_arena_strdup(l->a, num),
                    strlen(num));
        bc_ops_text(&l->pool, slot, size, th->text, indent + nw, base, title, tl);
        bc_ops_text(&l->pool, slot, size, th->text, l->measure - pw, base,
                    bc_arena_strdup(l->a, page), strlen(page));
        bc_font_use(ff, num, strlen(num));
        bc_font_use(ff, title, tl);
        bc_font_use(ff, page, strlen(page));
        /* dot leaders */
        double dw = bc_font_advance(f, '.') * size / 1000.0 * 2.2;
        double from = indent + nw + tw + size * 0.6, to = l->measure - pw - size * 0.6;
        int dots = to > from ? (int)((to - from) / dw) : 0;
        if (dots > 0) {
            char *lead_text = bc_arena_alloc(l->a, (size_t)dots * 2 + 1);
            for (int k = 0; k < dots; k++) {
                lead_text[2 * k] = '.';
                lead_text[2 * k + 1] = ' ';
            }
            bc_ops_text(&l->pool, BC_FONT_SERIF, size, th->muted, to - dots * dw, base, lead_text,
                        (size_t)dots * 2 - 1);
            bc_font_use(f, ". ", 2);
        }
        bc_ops_link(&l->pool, indent, base - size, l->measure - indent, size * 1.3,
                    bc_arena_printf(l->a, BC_LINK_HEADING, n));
        if (l->se) bc_tags_stamp(&l->pool, e0, bc_tags_add(&l->out->tags, l->se, "TOCI"));
        bc_lay_close_piece(l, p);
    }
}

/* The reference list: the bibliography's cited entries, each a destination for its
   citations, with a hanging indent. */
static void lay_bib(L *l, const bc_block *b)
{
    lay_unnumbered(l, &b->u.bib.title);
    bc_bib *bib = l->doc->bib;
    if (!bib) return;
    bc_bib_entry **es = bc_xmalloc((size_t)(bib->n ? bib->n : 1) * sizeof *es);
    int n = bc_bib_cited(bib, es, bib->n);
    tstyle st = bc_lay_body_style(l);
    st.justify = 0;
    st.size = l->th->body_size * 0.95;
    st.leading = st.size * 1.4;
    for (int i = 0; i < n; i++) {
        char *owned = bc_bib_list_text(bib, es, i); /* "[3] …", or "———. 2019b. …" */
        const char *text = bc_arena_printf(l->a, "%s", owned);
        free(owned);
        bc_inline in;
        bc_error err;
        if (bc_markup_parse(l->a, text, strlen(text), &in, &err) != BC_OK) continue;
        int first = l->np;
        double hang = st.size * 1.6;
        tline *lines;
        int b0 = l->pool.n;
        int nl = bc_lay_set_text(l, &in, &st, l->measure - hang, &lines);
        if (l->se) bc_tags_stamp(&l->pool, b0, bc_tags_add(&l->out->tags, l->se, "BibEntry"));
        for (int k = 0; k < nl; k++) {
            piece *p = bc_lay_new_piece(l, st.leading, k == 0 ? st.size * 0.45 : 0);
            p->op0 = lines[k].op0;
            p->nop = lines[k].nop;
            bc_lay_shift_ops(l, p->op0, p->nop, k == 0 ? 0 : hang, 0);
            p->keep_next = nl <= 3 ? k < nl - 1 : (k == 0 || k == nl - 2);
        }
        free(lines);
        if (l->np > first) l->pieces[first].dest[0] = bc_arena_printf(l->a, BC_DEST_REF, es[i]->id);
    }
    free(es);
}
