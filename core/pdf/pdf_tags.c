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

typedef struct mcr { int page, mcid, se; } mcr;
typedef struct annot { int page, se; HPDF_Annotation an; } annot;

struct bc_pdftags {
    HPDF_Doc pdf;
    const bc_tags *tags;
    int npages;
    HPDF_Page *pages;
    int page;          /* the page being written */
    int mcid;          /* its next MCID */
    int open;          /* the open sequence: -1 none, 0 artifact, else element */
    mcr *m;
    int nm, capm;
    annot *a;
    int na, capa;
};

bc_pdftags *bc_pdftags_new(HPDF_Doc pdf, const bc_layout *lay)
{
    bc_pdftags *t = bc_xcalloc(1, sizeof *t);
    t->pdf = pdf;
    t->tags = &lay->tags;
    t->npages = lay->npages;
    t->pages = bc_xcalloc((size_t)lay->npages + 1, sizeof *t->pages);
    t->open = -1;
    return t;
}

void bc_pdftags_free(bc_pdftags *t)
{
    if (!t) return;
    free(t->pages);
    free(t->m);
    free(t->a);
    free(t);
}

void bc_pdftags_begin_page(bc_pdftags *t, HPDF_Page pg, int page)
{
    t->page = page;
    t->pages[page] = pg;
    t->mcid = 0;
    t->open = -1;
}

static const bc_se *elem(const bc_pdftags *t, int se)
{
    return se > 0 && se < t->tags->n ? &t->tags->v[se] : NULL;
}

/* The mark of an op: -1 none (draws nothing), 0 artifact, else its element. */
static int mark_of(const bc_pdftags *t, const bc_op *op)
{
    switch (op->kind) {
    case BC_OP_TEXT: return elem(t, op->se) ? op->se : 0;
    case BC_OP_RECT: case BC_OP_LINE: case BC_OP_POLY: case BC_OP_CLIP: case BC_OP_IMAGE: {
        const bc_se *e = elem(t, op->se);
        return e && !strcmp(e->role, "Figure") ? op->se : 0;
    }
    default: return -1;
    }
}

int bc_pdftags_changes(const bc_pdftags *t, const bc_op *op)
{
    int m = mark_of(t, op);
    return m >= 0 && m != t->open;
}

void bc_pdftags_switch(bc_pdftags *t, bc_buf *b, const bc_op *op)
{
    int m = mark_of(t, op);
    if (m < 0) return;
    if (t->open >= 0) bc_buf_adds(b, "EMC\n");
    t->open = m;
    if (m == 0) {
        bc_buf_adds(b, "/Artifact BMC\n");
        return;
    }
    if (t->nm == t->capm) {
        t->capm = t->capm ? t->capm * 2 : 256;
        t->m = bc_xrealloc(t->m, (size_t)t->capm * sizeof *t->m);
    }
    t->m[t->nm++] = (mcr){t->page, t->mcid, m};
    bc_buf_printf(b, "/%s <</MCID %d>> BDC\n", t->tags->v[m].role, t->mcid++);
}

void bc_pdftags_end_page(bc_pdftags *t, bc_buf *b)
{
    if (t->open >= 0) bc_buf_adds(b, "EMC\n");
    t->open = -1;
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

bc_status bc_pdftags_finish(bc_pdftags *t, bc_error *err)
{
    HPDF_Doc pdf = t->pdf;
    HPDF_MMgr mm = pdf->mmgr;
    int n = t->tags->n;
    if (n < 2) return bc_error_set(err, NULL, 0, "tagged PDF: layout recorded no Document element");
    /* which elements have content, themselves or below them (parents come before children) */
    unsigned char *used = bc_xcalloc((size_t)n, 1);
    for (int i = 0; i < t->nm; i++) used[t->m[i].se] = 1;
    for (int i = 0; i < t->na; i++) used[t->a[i].se] = 1;
    used[1] = 1;
    for (int i = n - 1; i > 1; i--)
        if (used[i] && t->tags->v[i].parent > 0) used[t->tags->v[i].parent] = 1;

    HPDF_Dict root = new_indirect(pdf);
    HPDF_Dict *d = bc_xcalloc((size_t)n, sizeof *d);
    HPDF_Array *k = bc_xcalloc((size_t)n, sizeof *k);
    bc_status st = BC_OK;
    if (!root) goto fail;
    HPDF_Dict_AddName(root, "Type", "StructTreeRoot");
    for (int i = 1; i < n; i++) {
        if (!used[i]) continue;
        const bc_se *e = &t->tags->v[i];
        if (!(d[i] = new_indirect(pdf))) goto fail;
        HPDF_Dict_AddName(d[i], "S", e->role); /* /Type /StructElem is optional: left out */
        HPDF_Dict_Add(d[i], "P", e->parent > 0 ? d[e->parent] : root);
        k[i] = HPDF_Array_New(mm);
        HPDF_Dict_Add(d[i], "K", k[i]);
        if (e->alt) HPDF_Dict_Add(d[i], "Alt", text_string(pdf, e->alt));
        if (!strcmp(e->role, "Note")) { /* PDF/UA-1 7.9: every note has a unique /ID */
            char id[24];
            snprintf(id, sizeof id, "note-%d", i);
            HPDF_Dict_Add(d[i], "ID", HPDF_String_New(mm, id, NULL));
        }
        if (e->scope || e->colspan > 1 || e->rowspan > 1) HPDF_Dict_Add(d[i], "A", table_attrs(mm, e));
    }
    HPDF_Dict_Add(root, "K", d[1]);
    /* content first, in stream order, then child elements in reading order (notes last) */
    /* an element's /Pg is the page of its first content there; MCIDs on that page are plain
       integers in /K, others MCR dictionaries */
    int *pg = bc_xcalloc((size_t)n, sizeof *pg);
    for (int i = t->nm - 1; i >= 0; i--) pg[t->m[i].se] = t->m[i].page + 1;
    for (int i = 1; i < n; i++)
        if (pg[i] && d[i]) HPDF_Dict_Add(d[i], "Pg", t->pages[pg[i] - 1]);
    for (int i = 0; i < t->nm; i++) {
        if (pg[t->m[i].se] == t->m[i].page + 1) {
            HPDF_Array_AddNumber(k[t->m[i].se], t->m[i].mcid);
            continue;
        }
        HPDF_Dict r = HPDF_Dict_New(mm);
        HPDF_Dict_AddName(r, "Type", "MCR");
        HPDF_Dict_Add(r, "Pg", t->pages[t->m[i].page]);
        HPDF_Dict_AddNumber(r, "MCID", t->m[i].mcid);
        HPDF_Array_Add(k[t->m[i].se], r);
    }
    free(pg);
    HPDF_Dict *link = bc_xcalloc((size_t)t->na + 1, sizeof *link);
    for (int pass = 0; pass < 2; pass++)
        for (int i = 2; i < n; i++) {
            const bc_se *e = &t->tags->v[i];
            if (!used[i] || (pass == 0) == (e->parent == 1 && !strcmp(e->role, "Note"))) continue;
            HPDF_Array_Add(k[e->parent], d[i]);
        }
    for (int j = 0; j < t->na; j++) {
        int se = t->a[j].se;
        if (!(link[j] = new_indirect(pdf))) {
            free(link);
            goto fail;
        }
        HPDF_Dict_AddName(link[j], "S", "Link");
        HPDF_Dict_Add(link[j], "P", d[se]);
        HPDF_Dict o = HPDF_Dict_New(mm);
        HPDF_Dict_AddName(o, "Type", "OBJR");
        HPDF_Dict_Add(o, "Pg", t->pages[t->a[j].page]);
        HPDF_Dict_Add(o, "Obj", t->a[j].an);
        HPDF_Dict_Add(link[j], "K", o);
        HPDF_Array_Add(k[se], link[j]);
    }
    /* the ParentTree: page index -> its MCIDs' elements; npages + j -> link j */
    HPDF_Dict ptree = new_indirect(pdf);
    if (!ptree) {
        free(link);
        goto fail;
    }
    HPDF_Array nums = HPDF_Array_New(mm);
    HPDF_Dict_Add(ptree, "Nums", nums);
    int i = 0;
    for (int p = 0; p < t->npages; p++) {
        if (i >= t->nm || t->m[i].page != p) continue;
        HPDF_Array arr = HPDF_Array_New(mm);
        for (; i < t->nm && t->m[i].page == p; i++) HPDF_Array_Add(arr, d[t->m[i].se]);
        HPDF_Array_AddNumber(nums, p);
        HPDF_Array_Add(nums, arr);
        HPDF_Dict_AddNumber(t->pages[p], "StructParents", p);
    }
    for (int j = 0; j < t->na; j++) {
        HPDF_Array_AddNumber(nums, t->npages + j);
        HPDF_Array_Add(nums, link[j]);
    }
    for (int p = 0; p < t->npages; p++)
        if (t->pages[p]) HPDF_Dict_AddName(t->pages[p], "Tabs", "S");
    HPDF_Dict_Add(root, "ParentTree", ptree);
    HPDF_Dict_AddNumber(root, "ParentTreeNextKey", t->npages + t->na);
    HPDF_Dict_Add(pdf->catalog, "StructTreeRoot", root);
    free(link);
    goto done;
fail:
    st = bc_error_set(err, NULL, 0, "tagged PDF: cannot create the structure tree");
done:
    free(used);
    free(d);
    free(k);
    return st;
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
