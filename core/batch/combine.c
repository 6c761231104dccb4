/*
** combine.c — packs laid-out rows into bytes and unpacks them into one layout.
**
** Pack format (native byte order and struct layout: written and read by one binary):
**   "BCL1" | page_w page_h (double) | npages noutline ndests (int32)
**   per page:    landscape (1 byte: s:landscape), nops (int32), then per op the bc_op struct (text pointer ignored),
**                payload length (uint32) and payload (text, URL, points or a packed image)
**   per outline: level page (int32), y (double), title length (uint32), title
**   per dest:    page (int32), y (double), name length (uint32), name
*/
#include "batch/combine.h"
#include "layout/image.h"
#include "doc/lang.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAGIC "BCL1"

/* {====================================================== packing */

static void put(bc_buf *b, const void *p, size_t n) { bc_buf_add(b, p, n); }

static void put_i32(bc_buf *b, int32_t v) { put(b, &v, sizeof v); }

static void put_bytes(bc_buf *b, const void *p, size_t n)
{
    uint32_t len = (uint32_t)n;
    put(b, &len, sizeof len);
    if (n) put(b, p, n);
}

/* The bytes an op's text field points at. */
static size_t payload_len(const bc_op *op)
{
    if (!op->text) return 0;
    switch (op->kind) {
    case BC_OP_TEXT: return op->len;
    case BC_OP_LINK: return op->len + 1;
    case BC_OP_POLY:
    case BC_OP_CLIP: return op->len * 2 * sizeof(float);
    default: return 0;
    }
}

void bc_combine_pack(const bc_layout *lay, double page_w, double page_h, bc_buf *out)
{
    put(out, MAGIC, 4);
    put(out, &page_w, sizeof page_w);
    put(out, &page_h, sizeof page_h);
    put_i32(out, lay->npages);
    put_i32(out, lay->noutline);
    put_i32(out, lay->ndests);
    for (int p = 0; p < lay->npages; p++) {
        const bc_ops *pg = &lay->pages[p];
        unsigned char land = lay->page_land ? lay->page_land[p] : 0;
        put(out, &land, 1);
        put_i32(out, pg->n);
        for (int i = 0; i < pg->n; i++) {
            bc_op op = pg->v[i];
            const char *text = op.text, *lang = op.lang;
            op.text = op.lang = NULL;
            put(out, &op, sizeof op);
            if (op.kind == BC_OP_IMAGE) {
                bc_image_pack((const bc_image *)(const void *)text, out);
            } else {
                put_bytes(out, text, payload_len(&pg->v[i]));
                put_bytes(out, lang, lang ? strlen(lang) : 0); /* a Span's language (tagged PDF) */
            }
        }
    }
    for (int i = 0; i < lay->noutline; i++) {
        const bc_outline_entry *e = &lay->outline[i];
        put_i32(out, e->level);
        put_i32(out, e->page);
        put(out, &e->y, sizeof e->y);
        put_bytes(out, e->title, strlen(e->title));
    }
    for (int i = 0; i < lay->ndests; i++) {
        const bc_dest *d = &lay->dests[i];
        put_i32(out, d->page);
        put(out, &d->y, sizeof d->y);
        put_bytes(out, d->name, strlen(d->name));
    }
    /* structure elements (tags.h), ids 1 .. n-1 */
    put_i32(out, lay->tags.n > 1 ? lay->tags.n - 1 : 0);
    for (int i = 1; i < lay->tags.n; i++) {
        const bc_se *e = &lay->tags.v[i];
        put_i32(out, e->parent);
        put(out, e->role, sizeof e->role);
        put(out, &e->scope, 1);
        put(out, &e->colspan, 1);
        put(out, &e->rowspan, 1);
        put_bytes(out, e->alt, e->alt ? strlen(e->alt) : 0);
    }
}

/* }====================================================== */

/* {====================================================== the row store */

typedef struct packed_row {
    long row;
    char *title;
    unsigned char *data;
    size_t len;
} packed_row;

struct bc_combine {
    packed_row *v;
    int n, cap;
};

bc_combine *bc_combine_new(void) { return bc_xcalloc(1, sizeof(bc_combine)); }

void bc_combine_free(bc_combine *c)
{
    if (!c) return;
    for (int i = 0; i < c->n; i++) {
        free(c->v[i].title);
        free(c->v[i].data);
    }
    free(c->v);
    free(c);
}

void bc_combine_add(bc_combine *c, long row, const char *title, const void *pack, size_t len)
{
    BC_GROW(c->v, c->n, c->cap, 64);
    packed_row *r = &c->v[c->n++];
    r->row = row;
    r->title = bc_xstrdup(title ? title : "");
    r->data = bc_xmalloc(len ? len : 1);
    if (len) memcpy(r->data, pack, len);
    r->len = len;
}

int bc_combine_rows(const bc_combine *c) { return c ? c->n : 0; }

/* }====================================================== */

/* {====================================================== unpacking */

typedef struct reader {
    const unsigned char *p, *end;
    int ok;
} reader;

static int get(reader *r, void *out, size_t n)
{
    if (!r->ok || (size_t)(r->end - r->p) < n) return r->ok = 0;
    memcpy(out, r->p, n);
    r->p += n;
    return 1;
}

static int32_t get_i32(reader *r)
{
    int32_t v = 0;
    get(r, &v, sizeof v);
    return v;
}

/* A length-prefixed payload, copied into the arena with a NUL after it (or NULL if empty). */
static char *get_bytes(reader *r, bc_arena *a, size_t *len)
{
    uint32_t n = 0;
    if (!get(r, &n, sizeof n)) return NULL;
    *len = n;
    if ((size_t)(r->end - r->p) < n) {
        r->ok = 0;
        return NULL;
    }
    char *s = bc_arena_alloc(a, (size_t)n + 1);
    memcpy(s, r->p, n);
    r->p += n;
    return s;
}

static int by_row(const void *a, const void *b)
{
    long x = ((const packed_row *)a)->row, y = ((const packed_row *)b)->row;
    return (x > y) - (x < y);
}

/* Unpacks one row onto the end of l. */
/* A row's structure elements go under one Part of the combined Document: the row's Document
   becomes the Part, its other elements follow, and its pages' ops (from page first on) are
   renumbered. What a worker sent is checked: parents before children, roles plain names
   (they are written into content streams), every op's element one of the row's. */
static int unpack_tags(bc_layout *l, reader *r, int first)
{
    int32_t n = get_i32(r);
    if (!r->ok || n < 0 || n > 10000000 || (size_t)n > (size_t)(r->end - r->p) / 20) return -1;
    int base = l->tags.n; /* the Part's id */
    for (int32_t k = 1; k <= n; k++) {
        int32_t parent = get_i32(r);
        char role[sizeof l->tags.v[0].role];
        unsigned char scope = 0, colspan = 0, rowspan = 0;
        get(r, role, sizeof role);
        get(r, &scope, 1);
        get(r, &colspan, 1);
        get(r, &rowspan, 1);
        size_t alen = 0;
        char *alt = get_bytes(r, l->arena, &alen);
        if (!r->ok || parent < 0 || parent >= k || (k > 1) != (parent > 0) || scope > 2 ||
            !memchr(role, 0, sizeof role) || !role[0])
            return -1;
        for (const char *c = role; *c; c++)
            if (!((*c >= 'A' && *c <= 'Z') || (*c >= 'a' && *c <= 'z') || (*c >= '0' && *c <= '9')))
                return -1;
        int id = bc_tags_add(&l->tags, k == 1 ? 1 : base + parent - 1, k == 1 ? "Part" : role);
        l->tags.v[id].scope = scope;
        l->tags.v[id].colspan = colspan;
        l->tags.v[id].rowspan = rowspan;
        l->tags.v[id].alt = alen ? alt : NULL;
    }
    for (int p = first; p < l->npages; p++)
        for (int i = 0; i < l->pages[p].n; i++) {
            bc_op *op = &l->pages[p].v[i];
            if (op->se < 0 || op->se > n) return -1;
            op->se = op->se ? base + op->se - 1 : 0;
        }
    return 0;
}

static bc_status unpack_row(bc_layout *l, const packed_row *pr, double page_w, double page_h,
                            bc_fontset *fs, int *cap_pages, int *cap_outline, int *cap_dests,
                            bc_error *err)
{
    reader r = {pr->data, pr->data + pr->len, 1};
    char magic[4];
    double w = 0, h = 0;
    get(&r, magic, 4);
    get(&r, &w, sizeof w);
    get(&r, &h, sizeof h);
    int32_t npages = get_i32(&r), noutline = get_i32(&r), ndests = get_i32(&r);
    if (!r.ok || memcmp(magic, MAGIC, 4) != 0 || npages < 0 || noutline < 0 || ndests < 0 ||
        npages > 1000000 || noutline > 1000000 || ndests > 1000000)
        return bc_error_set(err, NULL, 0, "row %ld: damaged layout from its worker", pr->row);
    if (w - page_w > 0.01 || page_w - w > 0.01 || h - page_h > 0.01 || page_h - h > 0.01)
        return bc_error_set(err, NULL, 0,
                            "row %ld: its pages are %.0f x %.0f pt, the combined "
                            "file's %.0f x %.0f pt; every row must have one page size",
                            pr->row, w, h, page_w, page_h);
    int first = l->npages;
    char prefix[32];
    int np = snprintf(prefix, sizeof prefix, "r%ld/", pr->row);

    /* the row's bookmark, then its own headings one level down */
    if (l->noutline + noutline + 1 > *cap_outline) {
        *cap_outline = (l->noutline + noutline + 1) * 2;
        l->outline = bc_xrealloc(l->outline, (size_t)*cap_outline * sizeof *l->outline);
    }
    bc_outline_entry *bm = &l->outline[l->noutline++];
    bm->level = 1;
    bm->title = bc_arena_strdup(l->arena, pr->title);
    bm->page = first;
    bm->y = 0;

    for (int32_t p = 0; p < npages && r.ok; p++) {
        if (l->npages == *cap_pages) {
            *cap_pages = (int)bc_grow_cap((size_t)*cap_pages, 64, sizeof *l->pages);
            l->pages = bc_xrealloc(l->pages, (size_t)*cap_pages * sizeof *l->pages);
            l->page_land = bc_xrealloc(l->page_land, (size_t)*cap_pages);
        }
        unsigned char land = 0;
        get(&r, &land, 1);
        if (land > 1) r.ok = 0;
        l->page_land[l->npages] = land;
        bc_ops *pg = &l->pages[l->npages++];
        memset(pg, 0, sizeof *pg);
        int32_t nops = get_i32(&r);
        if (nops < 0 || (size_t)nops > (size_t)(r.end - r.p) / sizeof(bc_op)) r.ok = 0;
        for (int32_t i = 0; i < nops && r.ok; i++) {
            bc_op *op = bc_ops_push(pg);
            get(&r, op, sizeof *op);
            size_t n = 0;
            char *payload = get_bytes(&r, l->arena, &n);
            size_t ln = 0;
            char *lang = op->kind == BC_OP_IMAGE ? NULL : get_bytes(&r, l->arena, &ln);
            op->text = NULL;
            op->lang = ln && strlen(lang) == ln && bc_lang_tag_ok(lang) ? lang : NULL;
            if (!r.ok) break;
            if (op->kind == BC_OP_IMAGE) { /* its bytes, embedded once per file (image_pdf.c) */
                op->text = (const char *)(const void *)bc_image_unpack(payload, n, l->arena);
                if (!op->text) r.ok = 0;
                continue;
            }
            if (op->kind > BC_OP_UNCLIP ||
                n != payload_len(&(bc_op){.kind = op->kind, .text = payload, .len = op->len})) {
                r.ok = 0;
                break;
            }
            op->text = n || op->kind == BC_OP_TEXT ? payload : NULL;
            if (op->kind == BC_OP_TEXT) {
                bc_font *f = bc_fontset_get(fs, op->font, err);
                if (!f) return BC_ERR;
                bc_font_use(f, op->text, op->len);
            } else if (op->kind == BC_OP_LINK && payload && payload[0] == '#') {
                op->text = bc_arena_printf(l->arena, "#%s%s", prefix, payload + 1);
                op->len = strlen(op->text);
            }
        }
    }
    for (int32_t i = 0; i < noutline && r.ok; i++) {
        bc_outline_entry *e = &l->outline[l->noutline];
        e->level = get_i32(&r) + 1;
        if (e->level > 3) e->level = 3;
        e->page = get_i32(&r);
        get(&r, &e->y, sizeof e->y);
        size_t n;
        char *t = get_bytes(&r, l->arena, &n);
        if (!r.ok || e->page < 0 || e->page >= npages) {
            r.ok = 0;
            break;
        }
        e->title = t ? t : "";
        e->page += first;
        l->noutline++;
    }
    if (l->ndests + ndests > *cap_dests) {
        *cap_dests = (l->ndests + ndests) * 2 + 16;
        l->dests = bc_xrealloc(l->dests, (size_t)*cap_dests * sizeof *l->dests);
    }
    for (int32_t i = 0; i < ndests && r.ok; i++) {
        bc_dest *d = &l->dests[l->ndests];
        d->page = get_i32(&r);
        get(&r, &d->y, sizeof d->y);
        size_t n;
        char *name = get_bytes(&r, l->arena, &n);
        if (!r.ok || d->page < 0 || d->page >= npages) {
            r.ok = 0;
            break;
        }
        d->name = bc_arena_printf(l->arena, "%.*s%s", np, prefix, name ? name : "");
        d->page += first;
        l->ndests++;
    }
    if (r.ok && unpack_tags(l, &r, first) != 0) r.ok = 0;
    if (!r.ok || r.p != r.end)
        return bc_error_set(err, NULL, 0, "row %ld: damaged layout from its worker", pr->row);
    return BC_OK;
}

bc_status bc_combine_layout(bc_combine *c, double page_w, double page_h, bc_fontset *fs,
                            bc_layout **out, bc_error *err)
{
    *out = NULL;
    bc_layout *l = bc_xcalloc(1, sizeof *l);
    l->arena = bc_arena_new();
    qsort(c->v, (size_t)c->n, sizeof *c->v, by_row);
    bc_tags_add(&l->tags, 0, "Document");
    int cap_pages = 0, cap_outline = 0, cap_dests = 0;
    for (int i = 0; i < c->n; i++) {
        bc_status st =
            unpack_row(l, &c->v[i], page_w, page_h, fs, &cap_pages, &cap_outline, &cap_dests, err);
        free(c->v[i].data); /* released as we go: the layout now holds the row */
        c->v[i].data = NULL;
        c->v[i].len = 0;
        if (st != BC_OK) {
            bc_layout_free(l);
            return st;
        }
    }
    *out = l;
    return BC_OK;
}

/* }====================================================== */
