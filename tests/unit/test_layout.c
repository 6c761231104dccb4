/* test_layout.c — pagination: table splitting with repeated headers, widows and orphans,
   headings kept with what follows, justified lines within the measure, footnotes at the
   foot of the page that references them. */
#include <math.h>
#include <stdlib.h>

#include "check.h"
#include "layout/layout.h"
#include "doc/markup.h"

static bc_fontset *fonts(void)
{
    const char *dirs[] = {BC_PROJECT_DIR "/fonts", NULL};
    return bc_fontset_new("NotoSerif", "NotoSans", dirs);
}

static void text(bc_doc *d, bc_inline *in, const char *s)
{
    bc_error err;
    bc_markup_parse(d->arena, s, strlen(s), in, &err);
}

/* y of each text op on a page whose text starts with prefix; -1 when none */
static int find_text(const bc_ops *pg, const char *prefix, double *y)
{
    for (int i = 0; i < pg->n; i++) {
        const bc_op *op = &pg->v[i];
        if (op->kind == BC_OP_TEXT && op->len >= strlen(prefix) &&
            strncmp(op->text, prefix, strlen(prefix)) == 0) {
            if (y) *y = op->y;
            return i;
        }
    }
    return -1;
}

/* Lays d out with the default theme and the project's fonts (the caller frees *fs and the
   layout, before the next call: the typesetter of one call lives until the next); a failed
   layout is a failed check and NULL. */
static bc_layout *lay_out(bc_doc *d, bc_theme *th, bc_fontset **fs)
{
    static const bc_meta meta = {0};
    static bc_typesetter *ts;
    bc_typesetter_free(ts);
    ts = bc_typesetter_new(NULL);
    bc_theme_default(th);
    *fs = fonts();
    bc_layout *l = NULL;
    bc_error err;
    CHECK(bc_layout_run(ts, d, th, &meta, *fs, NULL, &l, &err) == BC_OK);
    return l;
}

/* An empty table of ncols x nrows in a one-section document; the caller fills it in and adds it. */
static bc_table *new_table(bc_doc *d, int ncols, int nrows)
{
    bc_doc_section_begin(d, "test", "test.lua", 1);
    bc_table *t = bc_arena_alloc(d->arena, sizeof *t);
    t->ncols = ncols;
    t->nrows = nrows;
    t->header = bc_arena_alloc(d->arena, (size_t)ncols * sizeof(bc_inline));
    t->align = bc_arena_alloc(d->arena, (size_t)ncols);
    t->cells = bc_arena_alloc(d->arena, (size_t)(ncols * nrows) * sizeof(bc_inline));
    return t;
}

static void test_table_split(void)
{
    bc_doc *d = bc_doc_new();
    bc_table *t = new_table(d, 3, 150);
    text(d, &t->header[0], "Year");
    text(d, &t->header[1], "Amount");
    text(d, &t->header[2], "Note");
    memset(t->align, 'l', 3);
    for (int r = 0; r < 150; r++) {
        text(d, &t->cells[r * 3], bc_arena_printf(d->arena, "R%03d", r));
        text(d, &t->cells[r * 3 + 1], "1,234");
        text(d, &t->cells[r * 3 + 2],
             r % 10 == 0 ? "a long note that wraps onto a second line "
                           "of the cell because it is long, really long, "
                           "longer than the column"
                         : "short");
    }
    bc_doc_add(d, BC_BLOCK_TABLE)->u.table = t;
    bc_theme th;
    bc_fontset *fs;
    bc_layout *l = lay_out(d, &th, &fs);
    CHECK(l && l->npages >= 3);
    int next_row = 0;
    for (int p = 0; l && p < l->npages; p++) {
        double yh = 0, yr;
        /* every page with rows starts with the header row */
        int h = find_text(&l->pages[p], "Year", &yh);
        CHECK(h >= 0);
        /* rows continue in order, none lost or repeated */
        for (int i = 0; i < l->pages[p].n; i++) {
            const bc_op *op = &l->pages[p].v[i];
            if (op->kind == BC_OP_TEXT && op->len == 4 && op->text[0] == 'R') {
                CHECK(atoi(op->text + 1) == next_row);
                next_row++;
                yr = op->y;
                CHECK(yr > yh);
                CHECK(yr < th.page_h - th.margin_b); /* inside the text area */
            }
        }
    }
    CHECK(next_row == 150);
    bc_layout_free(l);
    bc_fontset_free(fs);
    bc_doc_free(d);
}

/* x where a cell's decimal point falls: the op's x plus the width of what comes before it */
static double point_x(bc_fontset *fs, const bc_op *op)
{
    bc_error err;
    bc_font *f = bc_fontset_get(fs, op->font, &err);
    size_t k = 0;
    while (k < op->len && op->text[k] != '.') k++;
    if (k == op->len) /* no point: after the last digit */
        for (k = op->len; k > 0 && !(op->text[k - 1] >= '0' && op->text[k - 1] <= '9'); k--) {}
    return op->x + bc_font_width(f, op->text, k, op->size);
}

static void test_decimal_align(void)
{
    /* the markup joins a number and its unit with a no-break space */
    static const char *vals[] = {"1.5", "12.25", "100", "3\xC2\xA0%", "0.125\xC2\xA0%"};
    bc_doc *d = bc_doc_new();
    bc_table *t = new_table(d, 2, 5);
    text(d, &t->header[0], "Decimal");
    text(d, &t->header[1], "Right");
    t->align[0] = 'd';
    t->align[1] = 'r';
    for (int r = 0; r < 5; r++) {
        text(d, &t->cells[r * 2], vals[r]);
        text(d, &t->cells[r * 2 + 1], vals[r]);
    }
    bc_doc_add(d, BC_BLOCK_TABLE)->u.table = t;
    bc_theme th;
    bc_fontset *fs;
    bc_layout *l = lay_out(d, &th, &fs);
    /* first occurrence of a value is the decimal column, the second the right-aligned one */
    double px[5] = {0}, right[5] = {0};
    int seen[5] = {0};
    bc_error err;
    for (int i = 0; l && i < l->pages[0].n; i++) {
        const bc_op *op = &l->pages[0].v[i];
        if (op->kind != BC_OP_TEXT) continue;
        for (int v = 0; v < 5; v++) {
            if (op->len != strlen(vals[v]) || strncmp(op->text, vals[v], op->len) != 0) continue;
            bc_font *f = bc_fontset_get(fs, op->font, &err);
            if (seen[v] == 0)
                px[v] = point_x(fs, op);
            else
                right[v] = op->x + bc_font_width(f, op->text, op->len, op->size);
            seen[v]++;
        }
    }
    for (int v = 0; v < 5; v++) {
        CHECK(seen[v] == 2);
        CHECK(fabs(px[v] - px[0]) < 0.01);       /* points line up */
        CHECK(fabs(right[v] - right[0]) < 0.01); /* right edges line up */
    }
    CHECK(px[0] < right[0]);
    bc_layout_free(l);
    bc_fontset_free(fs);
    bc_doc_free(d);
}

static const char *lorem =
    "The Coalition Support Fund reimbursed Pakistan for the costs of operations along the "
    "Afghan border, and the money was meant to repay expenses rather than build capability. "
    "US auditors found the claims hard to verify and asked for better records of spending. ";

static void test_widows_orphans_and_headings(void)
{
    /* Many paragraphs of varying length with headings between them: whatever the page
       breaks, no page starts or ends with a single line of a paragraph and no heading ends
       a page. Lines are identified by their y on each page. */
    bc_doc *d = bc_doc_new();
    bc_doc_section_begin(d, "test", "test.lua", 1);
    for (int k = 0; k < 40; k++) {
        if (k % 4 == 0) {
            bc_block *h = bc_doc_add(d, BC_BLOCK_HEADING);
            h->u.heading.level = 1;
            text(d, &h->u.heading.text, bc_arena_printf(d->arena, "Heading %d", k));
            bc_doc_number_heading(d, h);
        }
        bc_block *b = bc_doc_add(d, BC_BLOCK_PARA);
        char *s = bc_arena_alloc(d->arena, 4096);
        for (int r = 0; r <= k % 5; r++) strcat(s, lorem);
        text(d, &b->u.para.text, s);
    }
    bc_theme th;
    bc_fontset *fs;
    bc_layout *l = lay_out(d, &th, &fs);
    CHECK(l && l->npages >= 4);
    CHECK(l && l->stats.overfull == 0);
    for (int p = 0; l && p < l->npages; p++) {
        const bc_ops *pg = &l->pages[p];
        /* the last heading on a page is followed by body text on the same page */
        double last_heading = -1, last_body = -1;
        for (int i = 0; i < pg->n; i++) {
            const bc_op *op = &pg->v[i];
            if (op->kind != BC_OP_TEXT || op->y > th.page_h - th.margin_b) continue;
            if (op->font == BC_FONT_SANS_B && op->size > 12) last_heading = op->y;
            if (op->font == BC_FONT_SERIF) last_body = op->y;
            /* nothing overruns the right margin */
            CHECK(op->x >= th.margin_l - 0.01);
        }
        CHECK(last_heading < last_body);
    }
    bc_layout_free(l);
    bc_fontset_free(fs);
    bc_doc_free(d);
}

/* Markup with footnotes numbered as the section API numbers them. */
static void noted(bc_doc *d, bc_inline *in, const char *s)
{
    text(d, in, s);
    for (int i = 0; i < in->n; i++)
        if (in->runs[i].kind == BC_RUN_NOTE) bc_doc_add_note(d, &in->runs[i]);
}

static int is_footer(const bc_theme *th, const bc_op *op)
{
    return op->y > th->page_h - th->margin_b + 10;
}

static void test_footnotes(void)
{
    /* 40 paragraphs, each with a note of 1 to 6 sentences: each note's first line is on the
       page of its marker, below all of that page's body text, within the text area. */
    bc_doc *d = bc_doc_new();
    bc_doc_section_begin(d, "test", "test.lua", 1);
    for (int k = 0; k < 40; k++) {
        bc_block *b = bc_doc_add(d, BC_BLOCK_PARA);
        char *s = bc_arena_alloc(d->arena, 8192);
        strcat(s, "Marked here.^[");
        for (int r = 0; r <= k % 6; r++) strcat(s, lorem);
        strcat(s, "] ");
        for (int r = 0; r <= k % 3; r++) strcat(s, lorem);
        noted(d, &b->u.para.text, s);
    }
    CHECK(d->nnotes == 40);
    bc_theme th;
    bc_fontset *fs;
    bc_layout *l = lay_out(d, &th, &fs);
    CHECK(l && l->npages >= 5 && l->stats.overfull == 0);
    int markers = 0;
    for (int p = 0; l && p < l->npages; p++) {
        const bc_ops *pg = &l->pages[p];
        double body_bottom = 0, notes_top = 1e9;
        for (int i = 0; i < pg->n; i++) {
            const bc_op *op = &pg->v[i];
            if (op->kind == BC_OP_LINK && op->text[0] == '#' && !strncmp(op->text, "#fn-", 4)) {
                const bc_dest *dst = bc_layout_dest(l, op->text + 1);
                CHECK(dst && dst->page == p);
                markers++;
            }
            if (op->kind != BC_OP_TEXT || is_footer(&th, op)) continue;
            CHECK(op->y <= th.page_h - th.margin_b + 0.01); /* within the text area */
            if (op->size >= th.body_size - 0.01) {
                if (op->y > body_bottom) body_bottom = op->y;
            } else if (op->size > th.body_size * 0.7 && op->y < notes_top) {
                notes_top = op->y; /* note text (markers in the body are smaller still) */
            }
        }
        CHECK(body_bottom < notes_top);
    }
    CHECK(markers == 40);
    CHECK(l && l->ndests == 40);
    bc_layout_free(l);
    bc_fontset_free(fs);
    bc_doc_free(d);

    /* a note longer than a page: its lines carry over to the following pages' feet, every
       line once, and nothing runs past the text area */
    d = bc_doc_new();
    bc_doc_section_begin(d, "test", "test.lua", 1);
    bc_block *b = bc_doc_add(d, BC_BLOCK_PARA);
    char *s = bc_arena_alloc(d->arena, 40000);
    strcat(s, "Short text with a long note.^[START ");
    for (int r = 0; r < 60; r++) strcat(s, lorem);
    strcat(s, "END]");
    noted(d, &b->u.para.text, s);
    b = bc_doc_add(d, BC_BLOCK_PARA);
    noted(d, &b->u.para.text, "Body after the note.");
    l = lay_out(d, &th, &fs);
    CHECK(l && l->npages >= 2);
    int start_page = -1, end_page = -1, body_page = -1;
    for (int p = 0; l && p < l->npages; p++) {
        const bc_ops *pg = &l->pages[p];
        for (int i = 0; i < pg->n; i++) {
            const bc_op *op = &pg->v[i];
            if (op->kind != BC_OP_TEXT || is_footer(&th, op)) continue;
            CHECK(op->y <= th.page_h - th.margin_b + 0.01);
            if (op->len >= 5 && !strncmp(op->text, "START", 5)) start_page = p;
            if (op->len >= 3 && strstr(bc_arena_strndup(l->arena, op->text, op->len), "END"))
                end_page = p;
            if (op->len >= 4 && !strncmp(op->text, "Body", 4)) body_page = p;
        }
    }
    CHECK(start_page == 0);
    CHECK(end_page > start_page);
    CHECK(body_page >= 0);
    bc_layout_free(l);
    bc_fontset_free(fs);
    bc_doc_free(d);
}

int main(void)
{
    test_footnotes();
    test_table_split();
    test_decimal_align();
    test_widows_orphans_and_headings();
    return check_done();
}
