/*
** textcache.c — the paragraph cache: what decides a piece of set text (its key), and
** finding, checking and keeping set text in layout/parcache.c's store, in memory between
** layout passes and on disk between builds. Part of layout (layout.c lists the parts).
*/
#include "layout/layout_int.h"

#include <stdlib.h>
#include <string.h>

#include "base/cache.h"
#include "layout/parcache.h"
#include "text/hyph.h"

/*
** Set text is kept (parcache.h), keyed by everything that decides it (the runs' bytes,
** styles, links and notes, the text style, the measure, the section, the brief's language),
** and compared in full on a hit:
**  - in memory between the layout passes page references need, so the second pass does not
**    set every paragraph again;
**  - on disk between builds of the same brief, when the caller names the document
**    (the typesetter's cache_name), so a rebuild sets only what changed: an analyst's new
**    parameters, an author's edited paragraph.
** Text holding a page reference is never kept: its number changes. Text set while a warning
** was given is kept in memory only, so that the warning is given again next time. What the
** key does not hold is checked as a context: the briefc executable and the hyphenation
** patterns (for the whole file), the link colour, and the file of every font the text used
** (per entry, when it is first hit).
*/
#define PAR_FORMAT 1u

/* Everything the file of set text depends on besides its keys and fonts; 0 when unknown. */
static uint64_t par_context(const L *l)
{
    uint64_t v[4] = {bc_cache_exe_key(PAR_FORMAT), bc_hyph_id(l->hyph), l->th->accent,
                     sizeof(bc_op) | (uint64_t)sizeof(tline) << 16};
    return v[0] ? bc_parcache_hash(v, sizeof v) : 0;
}

static bc_parcache *parcache_of(L *l)
{
    bc_typesetter *ts = l->ts;
    if (!ts->cache) {
        ts->cache = bc_parcache_new();
        if (ts->cache_name) bc_parcache_attach(ts->cache, ts->cache_name, par_context(l));
    }
    return ts->cache;
}

static void key_add(bc_buf *k, const void *p, size_t n) { bc_buf_add(k, p, n); }

/* The key of setting in with st at measure; 0 when the text must not be kept. */
static int par_key(L *l, const bc_inline *in, const tstyle *st, double measure, bc_buf *k)
{
    k->len = 0;
    key_add(k, &measure, sizeof measure);
    key_add(k, &st->family, sizeof st->family);
    key_add(k, &st->style, sizeof st->style);
    key_add(k, &st->size, sizeof st->size);
    key_add(k, &st->leading, sizeof st->leading);
    key_add(k, &st->color, sizeof st->color);
    key_add(k, &st->justify, sizeof st->justify);
    key_add(k, &st->align, sizeof st->align);
    key_add(k, &st->hyphenate, sizeof st->hyphenate);
    key_add(k, &l->section, sizeof l->section);
    /* the language decides a paragraph's direction when it has no strong letter, and how
       shaped text is shaped (Urdu and Arabic forms differ) */
    const char *lang = l->meta && l->meta->language ? l->meta->language : "";
    size_t langlen = strlen(lang);
    key_add(k, &langlen, sizeof langlen);
    key_add(k, lang, langlen);
    for (int i = 0; i < in->n; i++) {
        const bc_run *r = &in->runs[i];
        if (r->kind == BC_RUN_XREF_PAGE || r->lang) return 0; /* (ops would keep the pointer) */
        size_t ll = r->link ? strlen(r->link) : (size_t)-1;
        key_add(k, &r->kind, sizeof r->kind);
        key_add(k, &r->style, sizeof r->style);
        key_add(k, &r->note_no, sizeof r->note_no);
        key_add(k, &r->len, sizeof r->len);
        key_add(k, r->text, r->len);
        key_add(k, &ll, sizeof ll);
        if (r->link) key_add(k, r->link, ll);
    }
    return 1;
}

static void stats_add(bc_layout_stats *to, const bc_layout_stats *d)
{
    to->lines += d->lines;
    to->overfull += d->overfull;
    to->hyphenated += d->hyphenated;
    to->loose += d->loose;
    if (d->max_ratio > to->max_ratio) to->max_ratio = d->max_ratio;
}

/* The slots whose fonts decided text set with st into ops, with their file keys; 0 when a
   font's file is of unknown identity. */
static unsigned fonts_of(L *l, const tstyle *st, const bc_op *ops, int n, uint64_t *keys)
{
    unsigned fonts = 1u << st->family; /* its metrics place the baseline */
    for (int i = 0; i < n; i++)
        if (ops[i].kind == BC_OP_TEXT) fonts |= 1u << ops[i].font;
    for (int s = 0; s < BC_FONT_SLOTS; s++) {
        bc_font *f = fonts >> s & 1 ? bc_fontset_peek(l->fs, s) : NULL;
        keys[s] = f ? bc_font_file_key(f) : 0;
        if (fonts >> s & 1 && !keys[s]) return 0;
    }
    return fonts;
}

/* Whether an entry read from disk was made with the font files this document has. */
static int fonts_match(L *l, const bc_par *e)
{
    for (int s = 0; s < BC_FONT_SLOTS; s++) {
        if (!(e->fonts >> s & 1)) continue;
        bc_error err;
        bc_font *f = bc_fontset_get(l->fs, s, &err);
        if (!f || bc_font_file_key(f) != e->fontkey[s]) return 0;
    }
    return 1;
}

/* The kept text for this key, checked on its first hit, or NULL. */
static bc_par *par_find(L *l, bc_parcache *c, uint64_t h, const bc_buf *key)
{
    bc_par *e;
    while ((e = bc_parcache_find(c, h, key->data, key->len))) {
        if (!e->from_disk || e->checked) return e;
        e->checked = 1;
        if (fonts_match(l, e)) return e;
        bc_parcache_reject(e);
    }
    return NULL;
}

int bc_lay_set_text(L *l, const bc_inline *in, const tstyle *st, double measure, tline **lines)
{
    *lines = NULL;
    /* only a document laid out more than once, or kept on disk, gains from keeping text */
    if (!l->doc->page_refs && !l->ts->cache_name)
        return bc_lay_set_text_fresh(l, in, st, measure, lines);
    bc_parcache *c = parcache_of(l);
    if (!l->doc->page_refs && !bc_parcache_on_disk(c))
        return bc_lay_set_text_fresh(l, in, st, measure, lines);
    if (!par_key(l, in, st, measure, &l->key))
        return bc_lay_set_text_fresh(l, in, st, measure, lines);
    uint64_t h = bc_parcache_hash(l->key.data, l->key.len);
    bc_par *e = par_find(l, c, h, &l->key);
    if (e) { /* a hit: the ops again, the fonts' usage marked, the stats and warnings repeated */
        l->out->par_reused++;
        l->out->par_from_disk += e->from_disk;
        int base = l->pool.n;
        for (int i = 0; i < e->nops; i++) {
            bc_op *op = bc_ops_push(&l->pool);
            *op = e->ops[i];
            op->se = 0;      /* the block stamps its own element (a cache file's is not trusted) */
            op->lang = NULL; /* text with a language span is never kept */
            if (op->kind == BC_OP_NOTE) continue;
            op->text = bc_par_text(e, &e->ops[i]);
            if (op->kind == BC_OP_TEXT) {
                bc_font *f = bc_lay_font_for(l, op->font); /* open: fonts_match saw to it */
                if (!f) return 0;
                bc_font_use(f, op->text, op->len);
            }
        }
        stats_add(&l->out->stats, &e->stats);
        if (e->nwarnings) bc_buf_add(&l->out->warnings, e->warnings, e->nwarnings);
        if (!e->nlines) return 0;
        *lines = bc_xmalloc((size_t)e->nlines * sizeof **lines);
        for (int i = 0; i < e->nlines; i++) {
            (*lines)[i] = e->lines[i];
            (*lines)[i].op0 += base;
        }
        return e->nlines;
    }
    /* a miss: set it, and keep what it made */
    l->out->par_set++;
    bc_layout_stats before = l->out->stats;
    l->out->stats.max_ratio = 0; /* this text's own, then the larger of the two */
    size_t warn0 = l->out->warnings.len;
    int veto0 = l->nveto, op0 = l->pool.n;
    int n = bc_lay_set_text_fresh(l, in, st, measure, lines);
    double own_ratio = l->out->stats.max_ratio;
    if (before.max_ratio > l->out->stats.max_ratio) l->out->stats.max_ratio = before.max_ratio;
    if (l->failed) return n;
    bc_par made;
    memset(&made, 0, sizeof made);
    tline *rel = bc_xmalloc((size_t)(n ? n : 1) * sizeof *rel);
    for (int i = 0; i < n; i++) {
        rel[i] = (*lines)[i];
        rel[i].op0 -= op0;
    }
    made.nlines = n;
    made.lines = rel;
    made.nops = l->pool.n - op0;
    made.ops = l->pool.v ? l->pool.v + op0 : NULL; /* a blank title: no op yet at all */
    made.stats.lines = l->out->stats.lines - before.lines;
    made.stats.overfull = l->out->stats.overfull - before.overfull;
    made.stats.hyphenated = l->out->stats.hyphenated - before.hyphenated;
    made.stats.loose = l->out->stats.loose - before.loose;
    made.stats.max_ratio = own_ratio;
    made.nwarnings = l->out->warnings.len - warn0;
    made.warnings = made.nwarnings ? l->out->warnings.data + warn0 : NULL;
    int keep = l->nveto == veto0 && bc_parcache_on_disk(c);
    if (keep) keep = (made.fonts = fonts_of(l, st, made.ops, made.nops, made.fontkey)) != 0;
    bc_parcache_add(c, h, l->key.data, l->key.len, &made, keep);
    free(rel);
    return n;
}
