/*
** layout.c — the layout of one document (bc_layout_run): the state every part shares, the
** pieces blocks are cut into, warnings; then the passes in order (footnotes set, blocks laid
** out, pages made, header and footer drawn) and destinations found by name.
**
** The parts, over one internal header (layout_int.h):
**   inline.c     text setting: runs into words in their fonts, hyphenation, line breaking
**   setline.c    each set line as drawing operations, right-to-left text reordered
**   cjkpunct.c   Chinese and Japanese punctuation spacing, the gap between CJK and Latin
**   langtext.c   what the language changes: break opportunities (UAX #14), French spacing
**   textcache.c  the paragraph cache: set text kept between passes and builds
**   blocks.c     each block kind as pieces (tables: tables.c)
**   tables.c     tables: column widths, decimal alignment, rows split across pages
**   notes.c      footnotes: set once, queued at the foot, carried over
**   breaks.c     the rules both paginators follow at a break (chains, widows, headers)
**   pages.c      one-column pagination, running header and footer
**   columns.c    two-column pagination: segments filled and balanced
**   passes.c     what passes hand each other: the typesetter and the page map
**
** Every block becomes one or more pieces whose operations are built in a shared pool with
** coordinates relative to the piece's top-left corner; pagination copies them onto pages.
*/
#include "layout/layout_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text/hyph.h"

/* Height of footnote n (1-based) at the foot of a page, once set (lay_notes). */
double bc_lay_note_height(const L *l, int n)
{
    if (!l->note_line0 || n < 1 || n > l->doc->nnotes) return 0;
    return l->note_nlines[n - 1] * l->fl[l->note_line0[n - 1]].h;
}

bc_font *bc_lay_font_for(L *l, int slot)
{
    if (l->failed) return NULL;
    bc_font *f = bc_fontset_get(l->fs, slot, l->err);
    if (!f) l->failed = 1;
    return f;
}

static piece *new_piece_raw(L *l, double h, double before);

piece *bc_lay_new_piece(L *l, double h, double before)
{
    piece *p = new_piece_raw(l, h, before);
    if (l->pending_dest) {
        p->dest[1] = l->pending_dest;
        l->pending_dest = NULL;
    }
    return p;
}

static piece *new_piece_raw(L *l, double h, double before)
{
    BC_GROW(l->pieces, l->np, l->cap, 128);
    piece *p = &l->pieces[l->np++];
    memset(p, 0, sizeof *p);
    p->h = h;
    p->before = before;
    p->op0 = l->pool.n;
    p->header = -1;
    p->section = l->section;
    return p;
}

void bc_lay_close_piece(L *l, piece *p) { p->nop = l->pool.n - p->op0; }

/* Marks the pieces made since from as spanning both columns. */
void bc_lay_mark_span(L *l, int from)
{
    for (int i = from; i < l->np; i++) l->pieces[i].span = 1;
}

void bc_lay_shift_ops(L *l, int op0, int n, double dx, double dy)
{
    for (int i = op0; i < op0 + n; i++) {
        l->pool.v[i].x += (float)dx;
        l->pool.v[i].y += (float)dy;
    }
}

void bc_lay_warn(L *l, const char *fmt, ...)
{
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    l->nveto++;
    const bc_doc_section *s =
        l->section >= 0 && l->section < l->doc->nsections ? &l->doc->sections[l->section] : NULL;
    if (s && s->file[0])
        bc_buf_printf(&l->out->warnings, "%s:%d: warning: section '%s': %s\n", s->file, s->line,
                      s->name, msg);
    else
        bc_buf_printf(&l->out->warnings, "warning: %s\n", msg);
}

/* Gathers the document's hyphenation candidates (runs of five bytes or more of letters and
   UTF-8: hyph.c splits them into letter runs in its dictionary's encoding). */
typedef struct wordlist {
    const char **w;
    size_t *len;
    int n, cap;
} wordlist;

static void gather_words(bc_inline *in, void *ud)
{
    wordlist *wl = ud;
    for (int r = 0; r < in->n; r++) {
        const char *s = in->runs[r].text, *end = s + in->runs[r].len;
        while (s < end) {
            while (s < end && !(((*s | 32) >= 'a' && (*s | 32) <= 'z') || (*s & 0x80))) s++;
            const char *a = s;
            while (s < end && (((*s | 32) >= 'a' && (*s | 32) <= 'z') || (*s & 0x80))) s++;
            if (s - a >= 5) {
                if (wl->n == wl->cap) { /* two arrays of one capacity */
                    wl->cap = (int)bc_grow_cap((size_t)wl->cap, 1024, sizeof *wl->len);
                    wl->w = bc_xrealloc(wl->w, (size_t)wl->cap * sizeof *wl->w);
                    wl->len = bc_xrealloc(wl->len, (size_t)wl->cap * sizeof *wl->len);
                }
                wl->w[wl->n] = a;
                wl->len[wl->n++] = (size_t)(s - a);
            }
        }
    }
}

/* Whether language is one written without hyphenation (Chinese, Japanese, Korean): a
   justified brief in it stretches the gaps between characters, and is not warned about. */
static int lang_unhyphenated(const char *language)
{
    if (!language) return 0;
    static const char *const cjk[] = {"zh", "ja", "ko"};
    for (size_t i = 0; i < sizeof cjk / sizeof *cjk; i++)
        if (strncmp(language, cjk[i], 2) == 0 &&
            (language[2] == 0 || language[2] == '-' || language[2] == '_'))
            return 1;
    return 0;
}

/* Patterns cut down to this document's words (see hyph.h): exact, and far cheaper to load
   than the whole pattern file. */
static bc_hyph *doc_hyphenation(bc_typesetter *ts, const bc_doc *doc, const char *language)
{
    wordlist wl = {0};
    bc_doc_each_inline((bc_doc *)doc, gather_words, &wl); /* only reads: the walk is shared */
    bc_hyph *h = wl.n ? bc_hyph_for_words(language, wl.w, wl.len, wl.n) : NULL;
    ts->hyph_none = wl.n > 0 && !h;
    free(wl.w);
    free(wl.len);
    return h;
}

/* The patterns for a section's own language, kept by the typesetter per language: the
   brief's, a batch worker's full patterns, or patterns cut down to the document's words. */
static bc_hyph *section_hyph(L *l, const char *lang)
{
    bc_typesetter *ts = l->ts;
    if (l->doc_meta->language && !strcmp(l->doc_meta->language, lang)) return ts->hyph;
    for (int i = 0; i < ts->nlang_hyph; i++)
        if (!strcmp(ts->lang_hyph[i].lang, lang)) return ts->lang_hyph[i].h;
    ts->lang_hyph =
        bc_xrealloc(ts->lang_hyph, (size_t)(ts->nlang_hyph + 1) * sizeof *ts->lang_hyph);
    struct bc_lang_hyph *e = &ts->lang_hyph[ts->nlang_hyph++];
    e->lang = bc_xstrdup(lang);
    e->h = bc_hyph_loaded(lang);
    e->owned = 0;
    if (!e->h) {
        wordlist wl = {0};
        bc_doc_each_inline((bc_doc *)l->doc, gather_words, &wl); /* only reads */
        e->h = wl.n ? bc_hyph_for_words(lang, wl.w, wl.len, wl.n) : NULL;
        e->owned = e->h != NULL;
        free(wl.w);
        free(wl.len);
    }
    return e->h;
}

void bc_lay_section_lang(L *l, int si)
{
    const bc_doc_section *s = si >= 0 && si < l->doc->nsections ? &l->doc->sections[si] : NULL;
    if (!s || !s->lang) {
        l->meta = l->doc_meta;
        l->hyph = l->ts->hyph;
        return;
    }
    l->sec_meta = *l->doc_meta;
    l->sec_meta.language = s->lang;
    l->meta = &l->sec_meta;
    l->hyph = section_hyph(l, s->lang);
}

bc_status bc_layout_run(bc_typesetter *ts, const bc_doc *doc, const bc_theme *th,
                        const bc_meta *meta, bc_fontset *fs, const bc_pagemap *pages,
                        bc_layout **out, bc_error *err)
{
    bc_layout *o = bc_xcalloc(1, sizeof *o);
    o->arena = bc_arena_new();
    L l = {0};
    l.ts = ts;
    l.pages = pages;
    l.doc = doc;
    l.th = th;
    l.meta = l.doc_meta = meta;
    l.fs = fs;
    l.out = o;
    l.a = o->arena;
    l.err = err;
    l.measure = l.full = th->page_w - th->margin_l - th->margin_r;
    l.section = -1;
    if (!ts->hyph_ready) { /* once per document, whatever the number of layout passes */
        ts->hyph = bc_hyph_loaded(meta->language); /* a batch worker's full patterns */
        ts->hyph_shared = ts->hyph != NULL;
        if (!ts->hyph) ts->hyph = doc_hyphenation(ts, doc, meta->language);
        ts->hyph_ready = 1;
    }
    l.hyph = ts->hyph;
    l.se = bc_tags_add(&o->tags, 0, "Document");
    /* every pass warns: only the last pass's warnings are shown */
    if (ts->hyph_none && th->justify && !lang_unhyphenated(meta->language))
        bc_lay_warn(&l,
                    "the brief's language '%s' has no hyphenation patterns in " BC_HYPHEN_DIR
                    ", so justified lines stretch their word spaces; install its patterns "
                    "(Debian: hyphen-%.2s), set language to one that has them, or set "
                    "theme.justify = false",
                    meta->language ? meta->language : "", meta->language ? meta->language : "");
    bc_lay_notes(&l); /* first: a table row split across pages makes room for its notes */
    if (th->columns == 2) l.measure = (l.full - th->column_gap) / 2; /* footnotes span */
    for (const bc_block *b = doc->first; b && !l.failed; b = b->next) bc_lay_block(&l, b);
    bc_lay_section_lang(&l, -1); /* running headers and the rest: the brief's language */
    bc_ops_trim(&l.pool, 0);     /* whole now: pagination copies it onto pages */
    if (!l.failed && th->columns == 2)
        bc_lay_paginate_columns(&l);
    else if (!l.failed)
        bc_lay_paginate(&l);
    if (!l.failed) bc_lay_decorate(&l);
    if (!l.failed) bc_lay_pagemap(&l);
    bc_ops_free(&l.pool);
    bc_buf_free(&l.key);
    free(l.pieces);
    free(l.fl);
    free(l.note_line0);
    free(l.note_nlines);
    free(l.note_queued);
    if (l.failed) {
        bc_layout_free(o);
        *out = NULL;
        return BC_ERR;
    }
    *out = o;
    return BC_OK;
}

static unsigned dest_hash(const char *s)
{
    unsigned h = 2166136261u;
    for (; *s; s++) h = (h ^ (unsigned char)*s) * 16777619u;
    return h;
}

/* The first destination of the name, through a hash index built on first use (and again when
   destinations were added), so that many links and labels stay linear. */
const bc_dest *bc_layout_dest(const bc_layout *l, const char *name)
{
    if (l->ndests < 32) {
        for (int i = 0; i < l->ndests; i++)
            if (!strcmp(l->dests[i].name, name)) return &l->dests[i];
        return NULL;
    }
    bc_layout *m = (bc_layout *)l; /* the index is a cache: every layout is made writable */
    if (m->dest_indexed != l->ndests) {
        int cap = 64;
        while (cap < 2 * l->ndests) cap *= 2;
        free(m->dest_slots);
        m->dest_slots = bc_xcalloc((size_t)cap, sizeof(int));
        m->dest_cap = cap;
        for (int i = 0; i < l->ndests; i++) {
            unsigned k = dest_hash(l->dests[i].name) & (unsigned)(cap - 1);
            int dup = 0;
            for (; m->dest_slots[k] && !dup; k = (k + 1) & (unsigned)(cap - 1))
                dup = !strcmp(l->dests[m->dest_slots[k] - 1].name, l->dests[i].name);
            if (!dup) m->dest_slots[k] = i + 1; /* the first of a name wins, as before */
        }
        m->dest_indexed = l->ndests;
    }
    unsigned k = dest_hash(name) & (unsigned)(m->dest_cap - 1);
    for (; m->dest_slots[k]; k = (k + 1) & (unsigned)(m->dest_cap - 1)) {
        const bc_dest *d = &l->dests[m->dest_slots[k] - 1];
        if (!strcmp(d->name, name)) return d;
    }
    return NULL;
}

void bc_layout_free(bc_layout *l)
{
    if (!l) return;
    for (int i = 0; i < l->npages; i++) bc_ops_free(&l->pages[i]);
    free(l->pages);
    free(l->page_land);
    free(l->outline);
    free(l->dests);
    free(l->dest_slots);
    bc_buf_free(&l->warnings);
    bc_tags_free(&l->tags);
    bc_pagemap_free(&l->map);
    bc_arena_free(l->arena);
    free(l);
}
