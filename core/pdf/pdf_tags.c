/*
** pdf_tags.c — marked content and the structure tree (see pdf_tags.h).
**
** Each op's mark is its element (text of any element, and everything a Figure draws) or an
** Artifact (rules, fills and whatever layout gave no element: running headers, page numbers).
** A change of mark closes the open sequence and opens the next: "/P<</MCID n>>BDC" or
** "/Artifact BMC", with no white space where a delimiter ends the token already (ISO 32000-1
** 7.2.2). Every MCID of a page is recorded with its element, and becomes an MCR in that
** element's /K and an entry of the page's ParentTree array. Elements that end up with no
** content (a block that drew nothing) are left out of the tree, with their empty parents.
*/
#include "pdf/pdf_tags.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <hpdf_conf.h>
#include <hpdf_doc.h>
#include <hpdf_objects.h>
#include <hpdf_pages.h>

#include "base/utf8.h"
#include "doc/lang.h"

/* Marks that are no element: nothing drawn, and the kinds of artifact. */
enum { M_NONE = -1, M_ART = 0, M_HEADER = -2, M_FOOTER = -3 };

typedef struct mcr {
    int page, mcid, se;
} mcr; /* se >= tags->n: span se - tags->n */
typedef struct span_el {
    int parent;
    const char *lang;
} span_el;
typedef struct annot {
    int page, se;
    HPDF_Annotation an;
    unsigned long no;
} annot;

struct bc_pdftags {
    HPDF_Doc pdf;
    const bc_tags *tags;
    int npages;
    HPDF_Page *pages;
    int page; /* the page being written */
    int mcid; /* its next MCID */
    int open; /* the open sequence: M_NONE, an artifact (M_ART, M_HEADER, M_FOOTER), else element */
    mcr *m;
    int nm, capm;
    annot *a;
    int na, capa;
    span_el *sp; /* Span elements for text in another language (bc_op.lang) */
    int nsp, capsp;
    int prev_text; /* the mark of the last text op: a span goes on while text stays in it */
    int pending;   /* the mark bc_pdftags_changes found for the op it was given */
    size_t bdc_at, bdc_end; /* where the open element's BDC starts and ends in the page's buffer */
    unsigned long root_no;  /* the object numbers of the root placeholder, */
    unsigned long *page_no; /* the pages */
};

bc_pdftags *bc_pdftags_new(HPDF_Doc pdf, const bc_layout *lay)
{
    bc_pdftags *t = bc_xcalloc(1, sizeof *t);
    t->pdf = pdf;
    t->tags = &lay->tags;
    t->npages = lay->npages;
    t->pages = bc_xcalloc((size_t)lay->npages + 1, sizeof *t->pages);
    t->open = M_NONE;
    return t;
}

void bc_pdftags_free(bc_pdftags *t)
{
    if (!t) return;
    free(t->pages);
    free(t->page_no);
    free(t->m);
    free(t->a);
    free(t->sp);
    free(t);
}

void bc_pdftags_begin_page(bc_pdftags *t, HPDF_Page pg, int page)
{
    t->page = page;
    t->pages[page] = pg;
    t->mcid = 0;
    t->open = M_NONE;
}

static const bc_se *elem(const bc_pdftags *t, int se)
{
    return se > 0 && se < t->tags->n ? &t->tags->v[se] : NULL;
}

static int artifact(const bc_op *op)
{
    return op->frame == BC_FRAME_HEADER   ? M_HEADER
           : op->frame == BC_FRAME_FOOTER ? M_FOOTER
                                          : M_ART;
}

/* The Span (an id from tags->n on) for text op of element se in another language: the one
   the previous text op opened when it is the same, else a new one. */
static int span_of(bc_pdftags *t, const bc_op *op)
{
    int n = t->tags->n;
    if (t->prev_text >= n) {
        const span_el *p = &t->sp[t->prev_text - n];
        if (p->parent == op->se && !strcmp(p->lang, op->lang)) return t->prev_text;
    }
    BC_GROW(t->sp, t->nsp, t->capsp, 16);
    t->sp[t->nsp] = (span_el){op->se, op->lang};
    return n + t->nsp++;
}

/* The mark of an op: M_NONE (draws nothing), an artifact (M_ART, or pagination M_HEADER,
   M_FOOTER), else its element or span. */
static int mark_of(bc_pdftags *t, const bc_op *op)
{
    switch (op->kind) {
    case BC_OP_TEXT:
        if (!elem(t, op->se)) return artifact(op);
        return t->prev_text = op->lang && bc_lang_tag_ok(op->lang) ? span_of(t, op) : op->se;
    case BC_OP_RECT:
    case BC_OP_LINE:
    case BC_OP_POLY:
    case BC_OP_CLIP:
    case BC_OP_IMAGE: {
        const bc_se *e = elem(t, op->se);
        return e && !strcmp(e->role, "Figure") ? op->se : artifact(op);
    }
    default: return M_NONE;
    }
}

int bc_pdftags_changes(bc_pdftags *t, const bc_op *op)
{
    int m = t->pending = mark_of(t, op);
    return m != M_NONE && m != t->open;
}

void bc_pdftags_switch(bc_pdftags *t, bc_buf *b, const bc_op *op)
{
    (void)op;
    int m = t->pending;
    if (m == M_NONE) return;
    if (t->open != M_NONE) bc_buf_adds(b, "EMC\n");
    t->open = m;
    if (m == M_ART) {
        bc_buf_adds(b, "/Artifact BMC\n");
        return;
    }
    if (m == M_HEADER || m == M_FOOTER) {
        bc_buf_printf(b, "/Artifact<</Type/Pagination/Subtype/%s>>BDC\n",
                      m == M_HEADER ? "Header" : "Footer");
        return;
    }
    BC_GROW(t->m, t->nm, t->capm, 256);
    t->m[t->nm++] = (mcr){t->page, t->mcid, m};
    t->bdc_at = b->len;
    bc_buf_addc(b, '/');
    bc_buf_adds(b, m < t->tags->n ? t->tags->v[m].role : "Span");
    bc_buf_adds(b, "<</MCID ");
    bc_buf_int(b, t->mcid++);
    bc_buf_adds(b, ">>BDC\n");
    t->bdc_end = b->len;
}

void bc_pdftags_close(bc_pdftags *t, bc_buf *b)
{
    if (t->open != M_NONE) bc_buf_adds(b, "EMC\n");
    t->open = M_NONE;
}

void bc_pdftags_end_page(bc_pdftags *t, bc_buf *b) { bc_pdftags_close(t, b); }

int bc_pdftags_span_begin(bc_pdftags *t, bc_buf *b)
{
    int m = t->open;
    if (m <= M_ART) return 0;                /* none open, or an artifact's */
    if (b->len == t->bdc_end && t->nm > 0) { /* nothing drawn in it yet: taken back */
        b->len = t->bdc_at;
        b->data[b->len] = 0;
        t->nm--;
        t->mcid--;
    } else {
        bc_buf_adds(b, "EMC\n");
    }
    BC_GROW(t->m, t->nm, t->capm, 256);
    t->m[t->nm++] = (mcr){t->page, t->mcid, m};
    bc_buf_adds(b, "/Span<</MCID ");
    bc_buf_int(b, t->mcid++);
    t->open = M_NONE; /* what follows opens a sequence of its own */
    return 1;
}

/* A text string object: ASCII as it is, the rest as UTF-16BE with a byte order mark. */
static void *text_string(HPDF_Doc pdf, const char *s)
{
    size_t len = strlen(s);
    int ascii = 1;
    for (size_t i = 0; i < len && ascii; i++) ascii = (unsigned char)s[i] < 0x80 && s[i] >= 0x20;
    if (ascii && len < 60000) return HPDF_String_New(pdf->mmgr, s, NULL);
    if (len > 30000) len = 30000; /* libharu's string limit is 65,535 bytes */
    while (len > 0 && ((unsigned char)s[len] & 0xC0) == 0x80) len--;
    unsigned char *u = bc_xmalloc(2 + 2 * len);
    size_t n = bc_utf8_to_utf16be(s, len, u);
    void *obj = HPDF_Binary_New(pdf->mmgr, u, (HPDF_UINT)n);
    free(u);
    return obj;
}

void bc_pdftags_annot(bc_pdftags *t, int page, HPDF_Annotation an, int se, const char *desc)
{
    if (!an) return;
    BC_GROW(t->a, t->na, t->capa, 32);
    t->a[t->na++] = (annot){page, elem(t, se) ? se : 1, an, 0};
    HPDF_Dict_AddNumber(an, "StructParent", t->npages + t->na - 1);
    HPDF_Dict_Add(an, "Contents", text_string(t->pdf, desc));
    HPDF_Dict_AddNumber(an, "F", 4); /* print */
}

static unsigned long obj_no(void *obj) { return ((HPDF_Obj_Header *)obj)->obj_id & 0x00FFFFFFUL; }

bc_status bc_pdftags_finish(bc_pdftags *t, bc_error *err)
{
    if (t->tags->n < 2)
        return bc_error_set(err, NULL, 0, "tagged PDF: layout recorded no Document element");
    /* the root is a placeholder here: its value is written with the tree (bc_pdftags_extra) */
    HPDF_Dict root = HPDF_Dict_New(t->pdf->mmgr);
    if (!root || HPDF_Xref_Add(t->pdf->xref, root) != HPDF_OK ||
        HPDF_Dict_AddName(root, "Type", "StructTreeRoot") != HPDF_OK ||
        HPDF_Dict_Add(t->pdf->catalog, "StructTreeRoot", root) != HPDF_OK)
        return bc_error_set(err, NULL, 0, "tagged PDF: cannot create the structure tree root");
    t->root_no = obj_no(root);
    t->page_no = bc_xcalloc((size_t)t->npages + 1, sizeof *t->page_no);
    for (int p = 0; p < t->npages; p++) {
        if (!t->pages[p]) continue;
        t->page_no[p] = obj_no(t->pages[p]);
        HPDF_Dict_AddName(t->pages[p], "Tabs", "S");
    }
    for (int i = 0; i < t->nm; i++) /* pages with content: their /StructParents */
        if (i == 0 || t->m[i].page != t->m[i - 1].page)
            HPDF_Dict_AddNumber(t->pages[t->m[i].page], "StructParents", t->m[i].page);
    for (int j = 0; j < t->na; j++) t->a[j].no = obj_no(t->a[j].an);
    return BC_OK;
}

/* {====================================================== the tree as bytes */

/* The PDFDocEncoding byte of code point c (ISO 32000-1 D.2), or 0 when it has none (or is a
   control character, which no text here needs). */
static unsigned char pdfdoc(uint32_t c)
{
    static const uint16_t hi[] = {
        /* 0x80 .. 0xA0 */
        0x2022, 0x2020, 0x2021, 0x2026, 0x2014, 0x2013, 0x0192, 0x2044, 0x2039, 0x203A, 0x2212,
        0x2030, 0x201E, 0x201C, 0x201D, 0x2018, 0x2019, 0x201A, 0x2122, 0xFB01, 0xFB02, 0x0141,
        0x0152, 0x0160, 0x0178, 0x017D, 0x0131, 0x0142, 0x0153, 0x0161, 0x017E, 0,      0x20AC};
    if (c >= 0x20 && c < 0x7F) return (unsigned char)c;
    if (c > 0xA0 && c <= 0xFF && c != 0xAD) return (unsigned char)c;
    for (unsigned i = 0; i < sizeof hi / sizeof hi[0]; i++)
        if (hi[i] && hi[i] == c) return (unsigned char)(0x80 + i);
    return 0;
}

/* A literal string of bytes u, escaped. */
static void put_literal(bc_buf *b, const unsigned char *u, size_t n)
{
    bc_buf_addc(b, '(');
    for (size_t i = 0; i < n; i++) {
        unsigned char c = u[i];
        if (c == '(' || c == ')' || c == '\\') bc_buf_addc(b, '\\');
        if (c == '\r')
            bc_buf_adds(b, "\\r");
        else
            bc_buf_addc(b, (char)c);
    }
    bc_buf_addc(b, ')');
}

/* A PDF text string, as a literal: PDFDocEncoding when every character has a byte there
   (most alt text: dashes, quotes and accented Latin do), else UTF-16BE with a byte order
   mark; at most 30,000 bytes of the UTF-8. */
static void put_text(bc_buf *b, const char *s)
{
    size_t len = strlen(s);
    if (len > 30000) {
        len = 30000;
        while (len > 0 && ((unsigned char)s[len] & 0xC0) == 0x80) len--;
    }
    if (bc_utf8_check(s, len) != (size_t)-1) { /* validated upstream: never, but never trusted */
        bc_buf_adds(b, "()");
        return;
    }
    unsigned char *u = bc_xmalloc(2 + 2 * len);
    size_t n = 0;
    for (const char *p = s; p < s + len; n++) {
        unsigned char c = pdfdoc(bc_utf8_next(&p));
        if (!c) {
            n = bc_utf8_to_utf16be(s, len, u);
            break;
        }
        u[n] = c;
    }
    put_literal(b, u, n);
    free(u);
}

/* One kid of an element's /K: an MCID (on its /Pg page: a bare integer), or an element. */
typedef struct kid {
    int se, mcid, page, next;
} kid; /* se >= 0: element; else mcid on page */

/* The tree being written: elements 1 .. n-1 of the table, then the spans, then the links. */
typedef struct F {
    bc_pdftags *t;
    int n, all;          /* table elements; with the spans */
    unsigned char *used; /* per element: it has content, itself or below it */
    unsigned long *no;   /* per element, then per link: its object number */
    int *pg;             /* per element: 1 + the page of its first content, or 0 */
    kid *k;              /* the kids, linked per element in /K order */
    int nk;
    int *head, *tail; /* per element: its first and last kid, or -1 */
    bc_pdf_objs *out;
} F;

static void add_kid(F *f, int parent, kid k)
{
    k.next = -1;
    f->k[f->nk] = k;
    if (f->tail[parent] < 0)
        f->head[parent] = f->nk;
    else
        f->k[f->tail[parent]].next = f->nk;
    f->tail[parent] = f->nk++;
}

/* Which elements have content, themselves or below them (parents come before children). */
static void mark_used(F *f)
{
    const bc_pdftags *t = f->t;
    for (int i = 0; i < t->nm; i++) f->used[t->m[i].se] = 1;
    for (int i = 0; i < t->na; i++) f->used[t->a[i].se] = 1;
    for (int j = 0; j < t->nsp; j++)
        if (f->used[f->n + j]) f->used[t->sp[j].parent] = 1;
    f->used[1] = 1;
    for (int i = f->n - 1; i > 1; i--)
        if (f->used[i] && t->tags->v[i].parent > 0) f->used[t->tags->v[i].parent] = 1;
}

static int parent_of(const F *f, int se)
{
    return se >= f->n ? f->t->sp[se - f->n].parent : f->t->tags->v[se].parent;
}

/* Whether element se takes its place among its parent's content where its text starts: a
   footnote marker's Reference, and a Figure's Caption (above or below the drawing). */
static int inline_kid(const bc_tags *tags, int se)
{
    const bc_se *e = &tags->v[se];
    return !strcmp(e->role, "Reference") ||
           (!strcmp(e->role, "Caption") && e->parent > 0 && e->parent < tags->n &&
            !strcmp(tags->v[e->parent].role, "Figure"));
}

/* Each /K: content first, in stream order, with inline elements (Spans, footnote
   References, a Figure's Caption) where their text starts; then child elements in reading
   order (notes last), then the element's links. */
static void order_kids(F *f)
{
    const bc_pdftags *t = f->t;
    int n = f->n;
    for (int i = t->nm - 1; i >= 0; i--) f->pg[t->m[i].se] = t->m[i].page + 1;
    unsigned char *placed = bc_xcalloc((size_t)f->all, 1);
    for (int i = 0; i < t->nm; i++) {
        int se = t->m[i].se;
        int inl = se >= n || inline_kid(t->tags, se);
        if (inl && !placed[se]) {
            placed[se] = 1;
            add_kid(f, parent_of(f, se), (kid){se, 0, 0, 0});
        }
        add_kid(f, se, (kid){-1, t->m[i].mcid, t->m[i].page, 0});
    }
    for (int pass = 0; pass < 2; pass++)
        for (int i = 2; i < n; i++) {
            const bc_se *e = &t->tags->v[i];
            if (!f->used[i] || placed[i] ||
                (pass == 0) == (e->parent == 1 && !strcmp(e->role, "Note")))
                continue;
            add_kid(f, e->parent, (kid){i, 0, 0, 0});
        }
    for (int j = 0; j < t->na; j++) add_kid(f, t->a[j].se, (kid){f->all + j, 0, 0, 0});
    free(placed);
}

/* The Note a footnote marker's Reference names (/Ref, as ISO 32000-2 writes it; earlier
   readers ignore the key), or 0. */
static int note_of(const F *f, int i)
{
    const bc_pdftags *t = f->t;
    const bc_se *e = &t->tags->v[i];
    if (strcmp(e->role, "Reference") || e->note <= 0) return 0;
    for (int j = 2; j < f->n; j++)
        if (f->used[j] && t->tags->v[j].note == e->note && !strcmp(t->tags->v[j].role, "Note"))
            return j;
    return 0;
}

/* "pre" then "N 0 R": the tree's references without printf (about 1 K instructions each; the
   sample's tree writes 1,200 of them). */
static void put_ref(bc_buf *b, const char *pre, unsigned long no)
{
    bc_buf_adds(b, pre);
    bc_buf_uint(b, no);
    bc_buf_adds(b, " 0 R");
}

/* A table cell's attributes: its /Scope (TH) and the columns and rows it spans. */
static void put_table_attrs(bc_buf *b, const bc_se *e)
{
    bc_buf_adds(b, "/A<</O/Table");
    if (e->scope) bc_buf_adds(b, e->scope == 2 ? "/Scope/Row" : "/Scope/Column");
    if (e->colspan > 1) bc_buf_printf(b, "/ColSpan %d", e->colspan);
    if (e->rowspan > 1) bc_buf_printf(b, "/RowSpan %d", e->rowspan);
    bc_buf_adds(b, ">>");
}

/* Element i's dictionary (/Type /StructElem is optional: left out). */
static void put_element(F *f, int i)
{
    const bc_pdftags *t = f->t;
    bc_buf *b = &f->out->data;
    int par = parent_of(f, i);
    bc_buf_adds(b, "<</S/");
    bc_buf_adds(b, i < f->n ? t->tags->v[i].role : "Span");
    put_ref(b, "/P ", par > 0 ? f->no[par] : t->root_no);
    if (f->pg[i]) put_ref(b, "/Pg ", t->page_no[f->pg[i] - 1]);
    int nk = 0;
    for (int q = f->head[i]; q >= 0 && nk < 2; q = f->k[q].next) nk++;
    bc_buf_adds(b, nk > 1 ? "/K[" : "/K ");
    for (int q = f->head[i], first = 1; q >= 0; q = f->k[q].next, first = 0) {
        const kid *k = &f->k[q];
        if (!first) bc_buf_addc(b, ' ');
        if (k->se >= 0) {
            put_ref(b, "", f->no[k->se]);
        } else if (k->page + 1 == f->pg[i]) {
            bc_buf_int(b, k->mcid);
        } else {
            put_ref(b, "<</Type/MCR/Pg ", t->page_no[k->page]);
            bc_buf_adds(b, "/MCID ");
            bc_buf_int(b, k->mcid);
            bc_buf_adds(b, ">>");
        }
    }
    if (nk == 0) bc_buf_adds(b, "[");
    if (nk != 1) bc_buf_addc(b, ']');
    if (i >= f->n) {
        bc_buf_adds(b, "/Lang");
        put_text(b, t->sp[i - f->n].lang);
    } else {
        const bc_se *e = &t->tags->v[i];
        if (e->alt) {
            bc_buf_adds(b, "/Alt");
            put_text(b, e->alt);
        }
        if (e->lang && bc_lang_tag_ok(e->lang)) {
            bc_buf_adds(b, "/Lang");
            put_text(b, e->lang);
        }
        if (!strcmp(e->role, "Note")) /* PDF/UA-1 7.9: every note has a unique /ID; the
                                         element's number is unique when combined */
            bc_buf_printf(b, "/ID(note-%d)", i);
        int note = note_of(f, i);
        if (note) bc_buf_printf(b, "/Ref[%lu 0 R]", f->no[note]);
        if (e->scope || e->colspan > 1 || e->rowspan > 1) put_table_attrs(b, e);
    }
    bc_buf_adds(b, ">>");
    bc_pdf_objs_next(f->out);
}

/* The root, then the elements, the links and the ParentTree (page index -> its MCIDs'
   elements; npages + j -> link j), numbered from base. */
static bc_status emit(void *ctx, size_t base, bc_pdf_objs *out, bc_error *err)
{
    (void)err;
    bc_pdftags *t = ctx;
    F f = {.t = t, .n = t->tags->n, .out = out};
    f.all = f.n + t->nsp;
    f.used = bc_xcalloc((size_t)f.all, 1);
    f.no = bc_xcalloc((size_t)f.all + (size_t)t->na, sizeof *f.no);
    f.pg = bc_xcalloc((size_t)f.all, sizeof *f.pg);
    f.k = bc_xmalloc(((size_t)t->nm + (size_t)f.all + (size_t)t->na + 1) * sizeof *f.k);
    f.head = bc_xmalloc((size_t)f.all * sizeof *f.head);
    f.tail = bc_xmalloc((size_t)f.all * sizeof *f.tail);
    for (int i = 0; i < f.all; i++) f.head[i] = f.tail[i] = -1;
    mark_used(&f);
    unsigned long next = (unsigned long)base;
    for (int i = 1; i < f.all; i++)
        if (f.used[i]) f.no[i] = next++;
    for (int j = 0; j < t->na; j++) f.no[f.all + j] = next++;
    unsigned long ptree = next;
    order_kids(&f);
    bc_buf_printf(&out->data,
                  "<</Type/StructTreeRoot/K %lu 0 R/ParentTree %lu 0 R"
                  "/ParentTreeNextKey %d>>",
                  f.no[1], ptree, t->npages + t->na);
    bc_pdf_objs_next(out);
    for (int i = 1; i < f.all; i++)
        if (f.used[i]) put_element(&f, i);
    for (int j = 0; j < t->na; j++) {
        int se = t->a[j].se;
        bc_buf_printf(&out->data, "<</S/Link/P %lu 0 R/K<</Type/OBJR/Pg %lu 0 R/Obj %lu 0 R>>>>",
                      f.no[se], t->page_no[t->a[j].page], t->a[j].no);
        bc_pdf_objs_next(out);
    }
    bc_buf *b = &out->data;
    bc_buf_adds(b, "<</Nums[");
    for (int i = 0; i < t->nm; i++) {
        if (i == 0 || t->m[i].page != t->m[i - 1].page) {
            if (i) bc_buf_addc(b, ']');
            bc_buf_int(b, t->m[i].page);
            bc_buf_addc(b, '[');
        } else {
            bc_buf_addc(b, ' ');
        }
        put_ref(b, "", f.no[t->m[i].se]);
    }
    if (t->nm) bc_buf_addc(b, ']');
    for (int j = 0; j < t->na; j++) bc_buf_printf(b, " %d %lu 0 R", t->npages + j, f.no[f.all + j]);
    bc_buf_adds(b, "]>>");
    bc_pdf_objs_next(out);
    free(f.used);
    free(f.no);
    free(f.pg);
    free(f.k);
    free(f.head);
    free(f.tail);
    return BC_OK;
}

void bc_pdftags_extra(bc_pdftags *t, bc_pdf_extra *x)
{
    x->replace = t->root_no;
    x->emit = emit;
    x->ctx = t;
}

/* }====================================================== */

uint64_t bc_pdftags_layout_hash(const bc_layout *lay)
{
    uint64_t h = 0xcbf29ce484222325ULL;
#define MIX(p, n)                       \
    for (size_t z_ = 0; z_ < (n); z_++) \
    h = (h ^ ((const unsigned char *)(p))[z_]) * 0x100000001b3ULL
    for (int p = 0; p < lay->npages; p++)
        for (int i = 0; i < lay->pages[p].n; i++) {
            const bc_op *op = &lay->pages[p].v[i];
            MIX(&op->kind, 1);
            MIX(&op->x, sizeof op->x);
            MIX(&op->y, sizeof op->y);
            if (op->kind == BC_OP_TEXT || op->kind == BC_OP_LINK)
                MIX(op->text, op->len ? op->len : strlen(op->text));
        }
#undef MIX
    return h;
}
