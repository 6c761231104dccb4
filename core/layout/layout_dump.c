/*
** layout_dump.c — the text dump of a finished layout (--dump-layout; the golden tests).
**
** One line per drawing operation, in page order and in the order the PDF back end draws them,
** with every attribute the back end reads: font slot, size, colour and angle of text; fill,
** stroke, line width and dash of shapes; the points of polygons and clips; where each link
** goes (internal ones resolved to their page and y). The outline and the --stats figures
** follow the pages. The format is fixed, so that a dump is a byte-for-byte fingerprint of the
** layout: numbers with exactly two decimals, rounded as pdf.c rounds them (half away from
** zero, never "-0.00"); colours as #rrggbb; text quoted, with '"', '\\' and control bytes
** escaped. Nothing in it depends on the machine, the run or the cache: no addresses, times or
** paths but what the brief itself wrote (the layout's warnings, which name font files by
** their full path, are left out). It is the layout before --impose places pages on sheets.
**
**   page 1                   (page 2 landscape: a page of s:landscape, the paper turned)
**     text f2 11.00 #1a1a1a at 65.20,196.90 "After"
**     text f1 8.00 #262626 at 70.00,300.00 rot 45.00 "FY2010"
**     rect 65.20,175.10 464.90x1.00 fill #f2f2f2 stroke none
**     line 65.20,175.10 -> 530.10,175.10 stroke #262626 lw 0.50 solid
**     poly fill #1f4e79 stroke #ffffff lw 0.40 : 10.00,20.00 30.00,20.00 20.00,5.00
**     clip rect 10.00,20.00 30.00x40.00
**     clip poly : 10.00,20.00 30.00,20.00 20.00,5.00
**     unclip
**     link 65.20,190.00 30.00x12.00 "#ref-x" -> page 3 at 120.50
**   outline
**     1 page 1 at 90.00 "1 Introduction"
**   stats lines 1203 overfull 0 hyphenated 31 widows 0 orphans 0 loose 2 largest stretch 1.12
**
** Coordinates are points from the page's top-left, y growing downwards (text y is the
** baseline), as in ops.h; polygon points are absolute, as drawn.
*/
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "layout/image.h"
#include "layout/layout.h"

/* {====================================================== numbers, colours, strings */

/* v with exactly two decimals, rounded to the hundredth as the PDF writer rounds it. */
static void num(bc_buf *b, double v)
{
    if (!(fabs(v) < 1e15)) { /* not drawn sensibly anyway; still deterministic */
        bc_buf_adds(b, isnan(v) ? "nan" : v < 0 ? "-inf" : "inf");
        return;
    }
    long long c = llround(v * 100);
    if (c < 0) bc_buf_addc(b, '-');
    unsigned long long a = c < 0 ? 0ull - (unsigned long long)c : (unsigned long long)c;
    bc_buf_printf(b, "%llu.%02llu", a / 100, a % 100);
}

static void point(bc_buf *b, double x, double y)
{
    num(b, x);
    bc_buf_addc(b, ',');
    num(b, y);
}

static void color(bc_buf *b, uint32_t c)
{
    if (c == BC_NO_COLOR)
        bc_buf_adds(b, "none");
    else
        bc_buf_printf(b, "#%06x", (unsigned)(c & 0xFFFFFFu));
}

/* s quoted: '"' and '\\' escaped, control bytes as \xNN; UTF-8 as it is. */
static void quoted(bc_buf *b, const char *s, size_t len)
{
    bc_buf_addc(b, '"');
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '"' || c == '\\') {
            bc_buf_addc(b, '\\');
            bc_buf_addc(b, (char)c);
        } else if (c < 0x20 || c == 0x7f) {
            bc_buf_printf(b, "\\x%02x", c);
        } else {
            bc_buf_addc(b, (char)c);
        }
    }
    bc_buf_addc(b, '"');
}

/* }====================================================== */

/* {====================================================== operations */

static const char *const dash_name[] = {"solid", "dashed", "dotted"};

static void points(bc_buf *b, const bc_op *op)
{
    const float *pt = (const float *)op->text;
    bc_buf_adds(b, " :");
    for (size_t k = 0; pt && k < op->len; k++) {
        bc_buf_addc(b, ' ');
        point(b, (double)pt[2 * k] + op->x, (double)pt[2 * k + 1] + op->y);
    }
}

static void link(bc_buf *b, const bc_layout *l, const bc_op *op)
{
    bc_buf_adds(b, "link ");
    point(b, op->x, op->y);
    bc_buf_addc(b, ' ');
    num(b, op->w);
    bc_buf_addc(b, 'x');
    num(b, op->h);
    bc_buf_addc(b, ' ');
    if (!op->text) {
        bc_buf_adds(b, "(none)");
        return;
    }
    quoted(b, op->text, op->len);
    if (op->text[0] != '#') return;
    const bc_dest *d = bc_layout_dest(l, op->text + 1);
    if (!d) {
        bc_buf_adds(b, " -> unresolved");
        return;
    }
    bc_buf_printf(b, " -> page %d at ", d->page + 1);
    num(b, d->y);
}

static void op_line(bc_buf *b, const bc_layout *l, const bc_op *op)
{
    bc_buf_adds(b, "  ");
    switch (op->kind) {
    case BC_OP_TEXT:
        bc_buf_printf(b, "text f%d ", op->font);
        num(b, op->size);
        bc_buf_addc(b, ' ');
        color(b, op->fill);
        bc_buf_adds(b, " at ");
        point(b, op->x, op->y);
        if (op->angle != 0) {
            bc_buf_adds(b, " rot ");
            num(b, op->angle);
        }
        if (op->dir) bc_buf_adds(b, op->dir == BC_TEXT_RTL ? " shaped rtl" : " shaped");
        bc_buf_addc(b, ' ');
        quoted(b, op->text ? op->text : "", op->text ? op->len : 0);
        break;
    case BC_OP_RECT:
        bc_buf_adds(b, "rect ");
        point(b, op->x, op->y);
        bc_buf_addc(b, ' ');
        num(b, op->w);
        bc_buf_addc(b, 'x');
        num(b, op->h);
        bc_buf_adds(b, " fill ");
        color(b, op->fill);
        bc_buf_adds(b, " stroke ");
        color(b, op->stroke);
        if (op->stroke != BC_NO_COLOR) {
            bc_buf_adds(b, " lw ");
            num(b, op->lw);
        }
        break;
    case BC_OP_LINE:
        bc_buf_adds(b, "line ");
        point(b, op->x, op->y);
        bc_buf_adds(b, " -> ");
        point(b, (double)op->x + op->w, (double)op->y + op->h);
        bc_buf_adds(b, " stroke ");
        color(b, op->stroke);
        bc_buf_adds(b, " lw ");
        num(b, op->lw);
        if (op->dash < 3)
            bc_buf_printf(b, " %s", dash_name[op->dash]);
        else
            bc_buf_printf(b, " dash%d", op->dash);
        break;
    case BC_OP_POLY:
        bc_buf_adds(b, "poly fill ");
        color(b, op->fill);
        bc_buf_adds(b, " stroke ");
        color(b, op->stroke);
        if (op->stroke != BC_NO_COLOR) {
            bc_buf_adds(b, " lw ");
            num(b, op->lw);
        }
        points(b, op);
        break;
    case BC_OP_CLIP:
        if (op->len == 0) {
            bc_buf_adds(b, "clip rect ");
            point(b, op->x, op->y);
            bc_buf_addc(b, ' ');
            num(b, op->w);
            bc_buf_addc(b, 'x');
            num(b, op->h);
        } else {
            bc_buf_adds(b, "clip poly");
            points(b, op);
        }
        break;
    case BC_OP_UNCLIP: bc_buf_adds(b, "unclip"); break;
    case BC_OP_LINK: link(b, l, op); break;
    case BC_OP_DEST:
        bc_buf_adds(b, "dest ");
        point(b, op->x, op->y);
        break;
    case BC_OP_NOTE: bc_buf_printf(b, "note %u", (unsigned)op->len); break;
    case BC_OP_IMAGE: {
        const bc_image *img = (const bc_image *)(const void *)op->text;
        bc_buf_adds(b, "image ");
        point(b, op->x, op->y);
        bc_buf_addc(b, ' ');
        num(b, op->w);
        bc_buf_addc(b, 'x');
        num(b, op->h);
        if (img) bc_buf_printf(b, " '%s' %dx%d", img->file, img->w, img->h);
        if (img && img->enc == BC_IMAGE_VECTOR) /* paths: their bytes' hash shows any change */
            bc_buf_printf(b, " vector %zu bytes #%016llx", img->len, (unsigned long long)img->hash);
        break;
    }
    default: bc_buf_printf(b, "op%d", op->kind); break;
    }
    bc_buf_addc(b, '\n');
}

/* }====================================================== */

void bc_layout_dump(const bc_layout *l, bc_buf *out)
{
    for (int p = 0; p < l->npages; p++) {
        bc_buf_printf(out, "page %d%s\n", p + 1,
                      l->page_land && l->page_land[p] ? " landscape" : "");
        const bc_ops *pg = &l->pages[p];
        for (int i = 0; i < pg->n; i++) op_line(out, l, &pg->v[i]);
    }
    if (l->noutline) bc_buf_adds(out, "outline\n");
    for (int i = 0; i < l->noutline; i++) {
        const bc_outline_entry *e = &l->outline[i];
        bc_buf_printf(out, "  %d page %d at ", e->level, e->page + 1);
        num(out, e->y);
        bc_buf_addc(out, ' ');
        const char *t = e->title ? e->title : "";
        quoted(out, t, strlen(t));
        bc_buf_addc(out, '\n');
    }
    const bc_layout_stats *st = &l->stats;
    bc_buf_printf(out,
                  "stats lines %d overfull %d hyphenated %d widows %d orphans %d loose %d "
                  "largest stretch ",
                  st->lines, st->overfull, st->hyphenated, st->widows, st->orphans, st->loose);
    num(out, st->max_ratio);
    bc_buf_addc(out, '\n');
}
