/*
** pdf_tags.c — marked content and the structure tree (see pdf_tags.h).
**
** Each op's mark is its element (text of any element, and everything a Figure draws) or an
** Artifact (rules, fills and whatever layout gave no element: running headers, page numbers).
** A change of mark closes the open sequence and opens the next: "/P <</MCID n>> BDC" or
** "/Artifact BMC". Every MCID of a page is recorded with its element, and becomes an MCR in
** that element's /K and an entry of the page's ParentTree array. Elements that end up with no
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

typedef struct mcr { int page, mcid, se; } mcr; /* se >= tags->n: span se - tags->n */
typedef struct span_el { int parent; const char *lang; } span_el;
typedef struct annot { int page, se; HPDF_Annotation an; } annot;

struct bc_pdftags {
    HPDF_Doc pdf;
    const bc_tags *tags;
    int npages;
    HPDF_Page *pages;
    int page;          /* the page being written */
    int mcid;          /* its next MCID */
    int open;          /* the open sequence: M_NONE, an artifact (M_ART, M_HEADER, M_FOOTER), else element */
    mcr *m;
    int nm, capm;
    annot *a;
    int na, capa;
    span_el *sp;       /* Span elements for text in another language (bc_op.lang) */
    int nsp, capsp;
    int prev_text;     /* the mark of the last text op: a span goes on while text stays in it */
    int pending;       /* the mark bc_pdftags_changes found for the op it was given */
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
    return op->frame == BC_FRAME_HEADER ? M_HEADER : op->frame == BC_FRAME_FOOTER ? M_FOOTER : M_ART;
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
    if (t->nsp == t->capsp) {
        t->capsp = t->capsp ? t->capsp * 2 : 16;
        t->sp = bc_xrealloc(t->sp, (size_t)t->capsp * sizeof *t->sp);
    }
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
    case BC_OP_RECT: case BC_OP_LINE: case BC_OP_POLY: case BC_OP_CLIP: case BC_OP_IMAGE: {
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
        bc_buf_printf(b, "/Artifact <</Type /Pagination /Subtype /%s>> BDC\n",
                      m == M_HEADER ? "Header" : "Footer");
        return;
    }
    if (t->nm == t->capm) {
        t->capm = t->capm ? t->capm * 2 : 256;
        t->m = bc_xrealloc(t->m, (size_t)t->capm * sizeof *t->m);
    }
    t->m[t->nm++] = (mcr){t->page, t->mcid, m};
    bc_buf_printf(b, "/%s <</MCID %d>> BDC\n", m < t->tags->n ? t->tags->v[m].role : "Span",
                  t->mcid++);
}

void bc_pdftags_end_page(bc_pdftags *t, bc_buf *b)
{
    if (t->open != M_NONE) bc_buf_adds(b, "EMC\n");
    t->open = M_NONE;
}

/* A text string: ASCII as it is, the rest as UTF-16BE with a byte order mark. */
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
    if (t->na == t->capa) {
        t->capa = t->capa ? t->capa * 2 : 32;
        t->a = bc_xrealloc(t->a, (size_t)t->capa * sizeof *t->a);
    }
    t->a[t->na++] = (annot){page, elem(t, se) ? se : 1, an};
    HPDF_Dict_AddNumber(an, "StructParent", t->npages + t->na - 1);
    HPDF_Dict_Add(an, "Contents", text_string(t->pdf, desc));
    HPDF_Dict_AddNumber(an, "F", 4); /* print */
}

static HPDF_Dict new_indirect(HPDF_Doc pdf)
{
    HPDF_Dict d = HPDF_Dict_New(pdf->mmgr);
    if (d && HPDF_Xref_Add(pdf->xref, d) != HPDF_OK) return NULL;
    return d;
}

/* A table cell's attributes: its /Scope (TH) and the columns and rows it spans. */
static HPDF_Dict table_attrs(HPDF_MMgr mm, const bc_se *e)
{
    HPDF_Dict a = HPDF_Dict_New(mm);
    HPDF_Dict_AddName(a, "O", "Table");
    if (e->scope) HPDF_Dict_AddName(a, "Scope", e->scope == 2 ? "Row" : "Column");
    if (e->colspan > 1) HPDF_Dict_AddNumber(a, "ColSpan", e->colspan);
    if (e->rowspan > 1) HPDF_Dict_AddNumber(a, "RowSpan", e->rowspan);
    return a;
}

/* The structure tree being written: elements 1 .. n-1 of the table, then the spans. */
typedef struct F {
    bc_pdftags *t;
    HPDF_Doc pdf;
    HPDF_MMgr mm;
    int n, all;           /* table elements; with the spans */
    unsigned char *used;  /* per element: it has content, itself or below it */
    HPDF_Dict root;
    HPDF_Dict *d;         /* per element: its dictionary */
    HPDF_Array *k;        /* per element: its /K */
    HPDF_Dict *link;      /* per annotation: its Link element */
} F;

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

/* One dictionary per used element: role, parent, /K, and its attributes. 0 or -1. */
static int make_elements(F *f)
{
    const bc_pdftags *t = f->t;
    for (int i = 1; i < f->n; i++) {
        if (!f->used[i]) continue;
        const bc_se *e = &t->tags->v[i];
        if (!(f->d[i] = new_indirect(f->pdf))) return -1;
        HPDF_Dict_AddName(f->d[i], "S", e->role); /* /Type /StructElem is optional: left out */
        HPDF_Dict_Add(f->d[i], "P", e->parent > 0 ? f->d[e->parent] : f->root);
        f->k[i] = HPDF_Array_New(f->mm);
        HPDF_Dict_Add(f->d[i], "K", f->k[i]);
        if (e->alt) HPDF_Dict_Add(f->d[i], "Alt", text_string(f->pdf, e->alt));
        if (!strcmp(e->role, "Note")) { /* PDF/UA-1 7.9: every note has a unique /ID */
            char id[24];
            snprintf(id, sizeof id, "note-%d", i); /* the element id: unique when combined */
            HPDF_Dict_Add(f->d[i], "ID", HPDF_String_New(f->mm, id, NULL));
        }
        if (e->scope || e->colspan > 1 || e->rowspan > 1)
            HPDF_Dict_Add(f->d[i], "A", table_attrs(f->mm, e));
    }
    for (int j = 0; j < t->nsp; j++) { /* Span /Lang: text in another language */
        int i = f->n + j;
        if (!f->used[i]) continue;
        if (!(f->d[i] = new_indirect(f->pdf))) return -1;
        HPDF_Dict_AddName(f->d[i], "S", "Span");
        HPDF_Dict_Add(f->d[i], "P", f->d[t->sp[j].parent]);
        HPDF_Dict_Add(f->d[i], "Lang", HPDF_String_New(f->mm, t->sp[j].lang, NULL));
        f->k[i] = HPDF_Array_New(f->mm);
        HPDF_Dict_Add(f->d[i], "K", f->k[i]);
    }
    return 0;
}

/* Each /K: content first, in stream order, with inline elements (Spans, footnote
   References) where their text starts; then child elements in reading order (notes last).
   An element's /Pg is the page of its first content; MCIDs on that page are plain integers,
   others MCR dictionaries. */
static void fill_kids(F *f)
{
    const bc_pdftags *t = f->t;
    int n = f->n;
    int *pg = bc_xcalloc((size_t)f->all, sizeof *pg);
    for (int i = t->nm - 1; i >= 0; i--) pg[t->m[i].se] = t->m[i].page + 1;
    for (int i = 1; i < f->all; i++)
        if (pg[i] && f->d[i]) HPDF_Dict_Add(f->d[i], "Pg", t->pages[pg[i] - 1]);
    unsigned char *placed = bc_xcalloc((size_t)f->all, 1);
    for (int i = 0; i < t->nm; i++) {
        int se = t->m[i].se;
        int inl = se >= n || !strcmp(t->tags->v[se].role, "Reference");
        if (inl && !placed[se]) {
            placed[se] = 1;
            HPDF_Array_Add(f->k[se >= n ? t->sp[se - n].parent : t->tags->v[se].parent], f->d[se]);
        }
        if (pg[se] == t->m[i].page + 1) {
            HPDF_Array_AddNumber(f->k[se], t->m[i].mcid);
            continue;
        }
        HPDF_Dict r = HPDF_Dict_New(f->mm);
        HPDF_Dict_AddName(r, "Type", "MCR");
        HPDF_Dict_Add(r, "Pg", t->pages[t->m[i].page]);
        HPDF_Dict_AddNumber(r, "MCID", t->m[i].mcid);
        HPDF_Array_Add(f->k[se], r);
    }
    free(pg);
    for (int pass = 0; pass < 2; pass++)
        for (int i = 2; i < n; i++) {
            const bc_se *e = &t->tags->v[i];
            if (!f->used[i] || placed[i] || (pass == 0) == (e->parent == 1 && !strcmp(e->role, "Note")))
                continue;
            HPDF_Array_Add(f->k[e->parent], f->d[i]);
        }
    free(placed);
    /* a footnote marker's Reference names its Note (/Ref, as ISO 32000-2 writes it; earlier
       readers ignore the key) */
    for (int i = 2; i < n; i++) {
        const bc_se *e = &t->tags->v[i];
        if (!f->used[i] || strcmp(e->role, "Reference") || e->note <= 0) continue;
        for (int j = 2; j < n; j++)
            if (f->used[j] && t->tags->v[j].note == e->note && !strcmp(t->tags->v[j].role, "Note")) {
                HPDF_Array ref = HPDF_Array_New(f->mm);
                HPDF_Array_Add(ref, f->d[j]);
                HPDF_Dict_Add(f->d[i], "Ref", ref);
                break;
            }
    }
}

/* A Link element per annotation, holding it through an OBJR. 0 or -1. */
static int make_links(F *f)
{
    const bc_pdftags *t = f->t;
    for (int j = 0; j < t->na; j++) {
        int se = t->a[j].se;
        if (!(f->link[j] = new_indirect(f->pdf))) return -1;
        HPDF_Dict_AddName(f->link[j], "S", "Link");
        HPDF_Dict_Add(f->link[j], "P", f->d[se]);
        HPDF_Dict o = HPDF_Dict_New(f->mm);
        HPDF_Dict_AddName(o, "Type", "OBJR");
        HPDF_Dict_Add(o, "Pg", t->pages[t->a[j].page]);
        HPDF_Dict_Add(o, "Obj", t->a[j].an);
        HPDF_Dict_Add(f->link[j], "K", o);
        HPDF_Array_Add(f->k[se], f->link[j]);
    }
    return 0;
}

/* The ParentTree (page index -> its MCIDs' elements; npages + j -> link j), the pages'
   /StructParents and /Tabs. 0 or -1. */
static int parent_tree(F *f)
{
    const bc_pdftags *t = f->t;
    HPDF_Dict ptree = new_indirect(f->pdf);
    if (!ptree) return -1;
    HPDF_Array nums = HPDF_Array_New(f->mm);
    HPDF_Dict_Add(ptree, "Nums", nums);
    int i = 0;
    for (int p = 0; p < t->npages; p++) {
        if (i >= t->nm || t->m[i].page != p) continue;
        HPDF_Array arr = HPDF_Array_New(f->mm);
        for (; i < t->nm && t->m[i].page == p; i++) HPDF_Array_Add(arr, f->d[t->m[i].se]);
        HPDF_Array_AddNumber(nums, p);
        HPDF_Array_Add(nums, arr);
        HPDF_Dict_AddNumber(t->pages[p], "StructParents", p);
    }
    for (int j = 0; j < t->na; j++) {
        HPDF_Array_AddNumber(nums, t->npages + j);
        HPDF_Array_Add(nums, f->link[j]);
    }
    for (int p = 0; p < t->npages; p++)
        if (t->pages[p]) HPDF_Dict_AddName(t->pages[p], "Tabs", "S");
    HPDF_Dict_Add(f->root, "ParentTree", ptree);
    HPDF_Dict_AddNumber(f->root, "ParentTreeNextKey", t->npages + t->na);
    return 0;
}

bc_status bc_pdftags_finish(bc_pdftags *t, bc_error *err)
{
    F f = {.t = t, .pdf = t->pdf, .mm = t->pdf->mmgr, .n = t->tags->n};
    if (f.n < 2) return bc_error_set(err, NULL, 0, "tagged PDF: layout recorded no Document element");
    f.all = f.n + t->nsp; /* elements, then spans */
    f.used = bc_xcalloc((size_t)f.all, 1);
    f.d = bc_xcalloc((size_t)f.all, sizeof *f.d);
    f.k = bc_xcalloc((size_t)f.all, sizeof *f.k);
    f.link = bc_xcalloc((size_t)t->na + 1, sizeof *f.link);
    mark_used(&f);
    int bad = !(f.root = new_indirect(f.pdf));
    if (!bad) {
        HPDF_Dict_AddName(f.root, "Type", "StructTreeRoot");
        bad = make_elements(&f) != 0;
    }
    if (!bad) {
        HPDF_Dict_Add(f.root, "K", f.d[1]);
        fill_kids(&f);
        bad = make_links(&f) != 0 || parent_tree(&f) != 0;
    }
    if (!bad) HPDF_Dict_Add(f.pdf->catalog, "StructTreeRoot", f.root);
    free(f.used);
    free(f.d);
    free(f.k);
    free(f.link);
    return bad ? bc_error_set(err, NULL, 0, "tagged PDF: cannot create the structure tree") : BC_OK;
}

uint64_t bc_pdftags_layout_hash(const bc_layout *lay)
{
    uint64_t h = 0xcbf29ce484222325ULL;
#define MIX(p, n) for (size_t z_ = 0; z_ < (n); z_++) h = (h ^ ((const unsigned char *)(p))[z_]) * 0x100000001b3ULL
    for (int p = 0; p < lay->npages; p++)
        for (int i = 0; i < lay->pages[p].n; i++) {
            const bc_op *op = &lay->pages[p].v[i];
            MIX(&op->kind, 1);
            MIX(&op->x, sizeof op->x);
            MIX(&op->y, sizeof op->y);
            if (op->kind == BC_OP_TEXT || op->kind == BC_OP_LINK) MIX(op->text, op->len ? op->len : strlen(op->text));
        }
#undef MIX
    return h;
}
