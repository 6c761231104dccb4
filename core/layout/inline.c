/*
** inline.c — text setting: inline runs into words and fragments in their fonts (the fallback
** font for missing glyphs, kerning at fragment joints), each fragment of one bidi level
** (text/bidi.h) and, when its script needs it, shaped (text/shape.h); long words split,
** hyphenation points, optimal-fit line breaking (text/linebreak.c) in logical order; each
** line is then set as drawing operations by setline.c. Part of layout (layout.c lists the parts).
*/
#include "layout/layout_int.h"

#include <stdlib.h>
#include <stdio.h>
#include <string.h>

#include "text/bidi.h"
#include "text/hyph.h"
#include "text/linebreak.h"
#include "text/shape.h"
#include "text/uax14.h"
#include "base/utf8.h"

#include <fribidi.h>

static void words_free(twords *ws)
{
    free(ws->f);
    free(ws->w);
}

static tfrag *add_frag(twords *ws)
{
    if (ws->nf == ws->capf) {
        ws->capf = ws->capf ? ws->capf * 2 : 64;
        ws->f = bc_xrealloc(ws->f, (size_t)ws->capf * sizeof *ws->f);
    }
    return &ws->f[ws->nf++];
}

static tword *add_word(twords *ws)
{
    if (ws->nw == ws->capw) {
        ws->capw = ws->capw ? ws->capw * 2 : 32;
        ws->w = bc_xrealloc(ws->w, (size_t)ws->capw * sizeof *ws->w);
    }
    tword *w = &ws->w[ws->nw++];
    memset(w, 0, sizeof *w);
    w->f0 = ws->nf;
    return w;
}

/* Whether cp may be shown in a message as it is: no controls, no bidirectional or other
   format characters that would reorder or hide the rest of a terminal line. */
static int showable(uint32_t cp)
{
    return cp >= 0x20 && !(cp >= 0x7F && cp < 0xA0) && !(cp >= 0x200B && cp <= 0x200F) &&
           !(cp >= 0x2028 && cp <= 0x202E) && !(cp >= 0x2060 && cp <= 0x206F) && cp != 0xFEFF &&
           !(cp >= 0xFFF9 && cp <= 0xFFFB) && !(cp >= 0xE0000 && cp <= 0xE007F);
}

/* The start of the paragraph, at most about 40 bytes of whole characters, for a warning. */
static void par_start(const bc_inline *in, char *buf, size_t size)
{
    size_t k = 0;
    for (int r = 0; in && r < in->n && k + 5 < size; r++) {
        const char *p = in->runs[r].text, *end = p + in->runs[r].len;
        while (p < end && k < 40) {
            const char *q = p;
            uint32_t cp = bc_utf8_next(&q);
            if ((size_t)(q - p) + k + 4 >= size) break;
            if (!showable(cp))
                buf[k++] = *p == '\n' || *p == '\t' || *p == '\r' ? ' ' : '?';
            else {
                memcpy(buf + k, p, (size_t)(q - p));
                k += (size_t)(q - p);
            }
            p = q;
        }
        if (p < end) {
            memcpy(buf + k, "…", 3);
            k += 3;
            break;
        }
    }
    buf[k] = 0;
}

/* One warning per character no font of the chain has, naming it, the paragraph, and an
   installed font that has it when there is one. Returns whether s holds a character from
   U+3000 up (Chinese or Japanese text: cjkpunct.c has work to do). */
static int check_glyphs(L *l, const bc_inline *par, bc_font *f, const char *s, size_t len)
{
    const char *p = s, *end = s + len;
    int cjk = 0;
    while (p < end) {
        if ((unsigned char)*p < 0x80) {
            p++;
            continue;
        }
        const char *start = p;
        uint32_t cp = bc_utf8_next(&p);
        cjk |= cp >= 0x3000;
        if (bc_font_has(f, cp)) continue;
        if (f == bc_fontset_peek(l->fs, BC_FONT_EMOJI) && (cp == 0xFE0F || cp == 0x200D))
            continue; /* HarfBuzz takes them, as the colour font's sequences say */
        l->nveto++;
        int seen = 0;
        for (int i = 0; i < l->nwarned; i++) seen |= l->warned[i] == cp;
        if (seen) continue;
        if (l->nwarned < 64) l->warned[l->nwarned++] = cp;
        char para[64], has[128] = "", shown[8] = "";
        par_start(par, para, sizeof para);
        if (showable(cp) && p - start < 8) /* never a control or a bidi override */
            memcpy(shown, start, (size_t)(p - start)), shown[p - start] = 0;
        char fam[80];
        int outline = 0;
        if (bc_fontset_suggest(l->fs, cp, fam, sizeof fam, &outline))
            snprintf(has, sizeof has,
                     outline ? "the installed font '%s' has it"
                             : "only '%s' has it, as bitmaps briefc cannot embed",
                     fam);
        bc_lay_warn(l,
                    "font %s has no glyph for U+%04X '%s' in the paragraph \"%s\"; it will "
                    "show as a blank: %s",
                    bc_font_path(f), cp, shown, para,
                    has[0] ? has
                           : "no installed font has it; add one to the brief's fonts/ folder");
    }
    return cjk;
}

/* Width in points of text in f at size, shaped when dir says so in language lang (the run's,
   else the brief's: pdf.c shapes with the same). A font HarfBuzz cannot shape with fails the
   layout. */
double bc_lay_text_width(L *l, bc_font *f, const char *s, size_t len, double size, int dir,
                         const char *lang)
{
    if (dir == BC_TEXT_PLAIN) return bc_font_width(f, s, len, size);
    bc_shape_font sf;
    sf.data = bc_font_data(f, &sf.len);
    sf.key = bc_font_file_key(f);
    sf.face = bc_font_face(f);
    bc_shaped sh;
    bc_error e;
    if (bc_shape(&sf, s, len, dir == BC_TEXT_RTL,
                 lang      ? lang
                 : l->meta ? l->meta->language
                           : NULL,
                 &sh, &e) != BC_OK) {
        if (!l->failed) *l->err = e;
        l->failed = 1;
        return 0;
    }
    return sh.width * size / 1000.0;
}

static int is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

/* How text at a bidi level in font f is set (ops.h): right to left, shaped when its script
   needs it or when it holds a ligature of the font (bc_shape_ligates: "office" with its ffi;
   text/shape.c sets such Latin without HarfBuzz), else plain, by the cmap and pair kerning,
   which is what shaping would give (unit_shape checks every word of the sample brief). */
static unsigned char frag_dir(bc_font *f, const char *s, size_t len, int level)
{
    if (level & 1) return BC_TEXT_RTL;
    if (bc_shape_needed(s, len)) return BC_TEXT_LTR;
    bc_shape_font sf;
    sf.data = bc_font_data(f, &sf.len);
    sf.key = bc_font_file_key(f);
    sf.face = bc_font_face(f);
    return bc_shape_ligates(&sf, s, len) ? BC_TEXT_LTR : BC_TEXT_PLAIN;
}

static void push_frag(L *l, twords *ws, tword *cur, bc_font *f, int slot, const char *s, size_t len,
                      double fsize, double rise, const char *link, const char *lang, int level)
{
    tfrag *fr = add_frag(ws);
    fr->text = s;
    fr->len = len;
    fr->font = slot;
    fr->size = (float)fsize;
    fr->rise = (float)rise;
    fr->level = (unsigned char)level;
    fr->dir = frag_dir(f, s, len, level);
    fr->lig = fr->dir == BC_TEXT_LTR && !bc_shape_needed(s, len);
    if (slot == BC_FONT_EMOJI) /* flags, ZWJ: HarfBuzz, in the direction of their level */
        fr->dir = level & 1 ? BC_TEXT_RTL : BC_TEXT_LTR, fr->lig = 0;
    fr->lang = lang;
    fr->w = bc_lay_text_width(l, f, s, len, fsize, fr->dir, lang);
    fr->link = link;
    fr->note = 0;
    fr->lead = fr->trail = 0;
    ws->cjk |= check_glyphs(l, ws->par, f, s, len);
    cur->nf++;
    cur->w += fr->w;
}

/* Where the punctuation that ends a run in an Arabic-script font of the chain (rs, not the
   text's own font slot) begins, when it stands outside the right-to-left text, at a
   left-to-right level of lv: "پاکستان." in an English sentence. It is set in the text's font
   f, as the sentence's punctuation, not in the run's: a reader that takes the run's font for
   one item of text (pdf.js) would reverse it with the word (".پاکستان"). n when none. */
static size_t ltr_tail(const char *s, size_t at, size_t n, int rs, int slot, bc_font *f,
                       const unsigned char *lv, int one_level)
{
    if (!lv || one_level || rs == slot || rs < BC_FONT_ARABIC || rs > BC_FONT_URDU_B) return n;
    size_t tail = n;
    for (const char *p = s + at, *end = s + at + n; p < end;) {
        const char *c = p;
        uint32_t cp = bc_utf8_next(&p);
        FriBidiCharType t = fribidi_get_bidi_type(cp);
        int punct = t == FRIBIDI_TYPE_ON || t == FRIBIDI_TYPE_CS || t == FRIBIDI_TYPE_ES ||
                    t == FRIBIDI_TYPE_ET;
        if (!punct || (lv[c - s] & 1) || !bc_font_has(f, cp))
            tail = n;
        else if (tail == n)
            tail = (size_t)(c - (s + at));
    }
    return tail;
}

/* Appends [s, s + len) to the current word as fragments, one per run of the fallback chain
   (fontset.h): characters the slot's font lacks are set in the chain's font that has them, and
   a change of bidi level inside a run starts a new fragment. lv holds the level of each byte of
   s, or (one_level) one level for all; NULL: 0. lang is the run's language (NULL: the brief's
   is used to pick fonts and to shape). */
static void add_text(L *l, twords *ws, tword *cur, bc_font *f, int slot, const char *s, size_t len,
                     double fsize, double rise, const char *link, const char *lang,
                     const unsigned char *lv, int one_level)
{
    const char *doc_lang = lang ? lang : l->meta ? l->meta->language : NULL;
    if (len == 0) {
        push_frag(l, ws, cur, f, slot, s, 0, fsize, rise, link, lang, lv ? lv[0] : 0);
        return;
    }
    for (size_t at = 0; at < len && !l->failed;) {
        int rs;
        size_t n = bc_fontset_run_colour(l->fs, slot, doc_lang, s + at, len - at, &rs);
        size_t tail = ltr_tail(s, at, n, rs, slot, f, lv, one_level);
        if (tail == 0) { /* punctuation after right-to-left text: the sentence's font */
            rs = slot;
        } else {
            n = tail;
        }
        bc_font *rf = rs == slot ? f : bc_lay_font_for(l, rs);
        if (!rf) return;
        /* the run, cut where the bidi level changes */
        const char *seg = s + at, *p = seg, *end = s + at + n;
        int seg_lv = lv ? (one_level ? lv[0] : lv[at]) : 0;
        while (p < end) {
            int level = lv && !one_level ? lv[p - s] : seg_lv;
            if (p > seg && level != seg_lv) {
                push_frag(l, ws, cur, rf, rs, seg, (size_t)(p - seg), fsize, rise, link, lang,
                          seg_lv);
                seg = p;
            }
            seg_lv = level;
            bc_utf8_next(&p);
        }
        if (p > seg)
            push_frag(l, ws, cur, rf, rs, seg, (size_t)(p - seg), fsize, rise, link, lang, seg_lv);
        at += n;
    }
}

/* The bidi levels of a paragraph's runs, one per byte of each run's text, from offset
   at[r] for run r; NULL when every level is 0 (no right-to-left text, a left-to-right
   language). ws->rtl is the paragraph's direction: from its first strong character, else from
   the brief's language. Caller frees both. */
/* The base direction to give FriBidi for a paragraph: as it finds it (its first strong
   character, UAX #9 P2), but past a flag's regional indicators, which UAX #9 makes strong left
   to right though they are no text: "🇵🇰 پاکستان زندہ باد" is an Urdu paragraph, set from the
   right (HL1 leaves this to a higher-level protocol). */
static int par_base(const char *text, size_t len, int rtl_lang)
{
    int dflt = rtl_lang ? BC_BIDI_AUTO_RTL : BC_BIDI_AUTO, flag = 0;
    for (const char *p = text, *end = text + len; p < end;) {
        uint32_t cp = bc_utf8_next(&p);
        if (cp >= 0x1F1E6 && cp <= 0x1F1FF) {
            flag = 1;
            continue;
        }
        FriBidiCharType t = fribidi_get_bidi_type(cp);
        if (FRIBIDI_IS_EXPLICIT(t) || FRIBIDI_IS_ISOLATE(t)) return dflt;
        if (t == FRIBIDI_TYPE_LTR) return flag ? BC_BIDI_LTR : dflt;
        if (t == FRIBIDI_TYPE_RTL || t == FRIBIDI_TYPE_AL) return flag ? BC_BIDI_RTL : dflt;
    }
    return flag && rtl_lang ? BC_BIDI_RTL : dflt;
}

static unsigned char *run_levels(L *l, const bc_inline *in, twords *ws, size_t **at)
{
    int rtl_lang = l->meta && bc_bidi_rtl_language(l->meta->language);
    int need = rtl_lang;
    size_t total = 0;
    for (int r = 0; r < in->n; r++) {
        need = need || bc_bidi_needed(in->runs[r].text, in->runs[r].len);
        total += in->runs[r].len;
    }
    *at = NULL;
    if (!need) return NULL;
    *at = bc_xmalloc((size_t)(in->n ? in->n : 1) * sizeof **at);
    char *text = bc_xmalloc(total ? total : 1);
    unsigned char *lv = bc_xmalloc(total ? total : 1);
    size_t k = 0;
    for (int r = 0; r < in->n; r++) {
        (*at)[r] = k;
        memcpy(text + k, in->runs[r].text, in->runs[r].len);
        k += in->runs[r].len;
    }
    int par = bc_bidi_levels(text, total, par_base(text, total, rtl_lang), lv);
    free(text);
    if (par < 0) memset(lv, 0, total ? total : 1); /* FriBidi refused it: left to right */
    ws->rtl = par > 0;
    return lv;
}

int bc_lay_text_rtl(L *l, const bc_inline *in)
{
    twords ws = {0};
    size_t *at;
    free(run_levels(l, in, &ws, &at));
    free(at);
    return ws.rtl;
}

/* Whether cp takes inter-character space in justified text: Han ideographs, hiragana and
   katakana. Full-width punctuation (U+3000..U+303F, U+FF00..U+FFEF, the katakana middle dot)
   never does (CLREQ 3.8, JLREQ 3.8), nor Hangul, which Korean sets with word spaces. */
int bc_lay_cjk_spaced(uint32_t cp)
{
    return (cp >= 0x3400 && cp <= 0x4DBF) || (cp >= 0x4E00 && cp <= 0x9FFF) ||
           (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0x20000 && cp <= 0x3FFFF) ||
           (cp >= 0x3041 && cp <= 0x3096) || (cp >= 0x30A1 && cp <= 0x30FA) || cp == 0x30FC ||
           (cp >= 0x31F0 && cp <= 0x31FF);
}

/* Whether cp is Chinese or Japanese text a line may end after with no space in the text:
   those above and full-width punctuation. */
int bc_lay_cjk_wide(uint32_t cp)
{
    return bc_lay_cjk_spaced(cp) || (cp >= 0x3000 && cp <= 0x303F) ||
           (cp >= 0xFF00 && cp <= 0xFFEF) || cp == 0x30FB || cp == 0x30A0;
}

/* The glue of the gap between fragment pf's last character and the first of next[0..len)
   when both are ideographs or kana and nothing stands between them: LAY_CJK_STRETCH of pf's
   size; 0 otherwise (a gap next to punctuation, Latin, a space). */
static double cjk_glue(const tfrag *pf, const char *next, size_t len)
{
    if (!pf->len || !len) return 0;
    size_t k = pf->len - 1;
    while (k > 0 && ((unsigned char)pf->text[k] & 0xC0) == 0x80) k--;
    const char *a = pf->text + k, *b = next;
    uint32_t ca = bc_utf8_next(&a), cb = bc_utf8_next(&b);
    return bc_lay_cjk_spaced(ca) && bc_lay_cjk_spaced(cb) ? pf->size * LAY_CJK_STRETCH : 0;
}

/* Splits inline runs into words of fragments with measured widths: at white space, and at
   every other break opportunity of the paragraph (text/uax14.h: after a dash, between
   ideographs), where the word before gets no space and the penalty of its kind. */
static void build_words(L *l, const bc_inline *in, const tstyle *st, twords *ws)
{
    ws->par = in;
    tword *cur = NULL;
    size_t at = 0; /* the run's offset in the paragraph's text */
    in = bc_lay_language_spacing(l, in);
    unsigned char *brk = bc_lay_break_opportunities(l, in);
    size_t *lat; /* each run's offset, as bidi counts it: the same as at */
    unsigned char *lv = run_levels(l, in, ws, &lat);
    for (int r = 0; r < in->n && !l->failed; at += in->runs[r].len, r++) {
        const bc_run *run = &in->runs[r];
        unsigned style = run->style | st->style;
        int slot = st->family + (style & BC_STYLE_BOLD ? 1 : 0) + (style & BC_STYLE_ITALIC ? 2 : 0);
        if (style & BC_STYLE_CODE) slot = BC_FONT_MONO;
        double fsize = style & (BC_STYLE_SUP | BC_STYLE_SUB) ? st->size * 0.65
                       : style & BC_STYLE_CODE               ? st->size * 0.9
                       : style & BC_STYLE_SMALL              ? st->size * 0.8
                                                             : st->size;
        double rise = style & BC_STYLE_SUP   ? st->size * 0.36
                      : style & BC_STYLE_SUB ? -st->size * 0.14
                                             : 0;
        bc_font *f = bc_lay_font_for(l, slot);
        if (!f) break;
        const char *lang = run->lang ? bc_arena_strdup(l->a, run->lang) : NULL; /* ops keep it */
        size_t i = 0;
        while (i < run->len) {
            if (is_space(run->text[i])) {
                if (cur) {
                    cur->space = bc_font_advance(f, ' ') * st->size / 1000.0;
                    cur = NULL;
                }
                i++;
                continue;
            }
            size_t j = i; /* to white space or a break opportunity (none inside a URL) */
            while (j < run->len && !is_space(run->text[j]) && (j == i || run->link || !brk[at + j]))
                j++;
            if (cur && brk[at + i] && !(i == 0 && (run->kind == BC_RUN_NOTE || run->link))) {
                cur->penalty = bc_lay_break_penalty(ws->f[ws->nf - 1].text, ws->f[ws->nf - 1].len);
                cur->glue = cjk_glue(&ws->f[ws->nf - 1], run->text + i, run->len - i);
                cur = NULL;
            }
            if (!cur) cur = add_word(ws);
            size_t len = j - i;
            const char *text = bc_font_substitute(f, run->text + i, &len, l->a);
            add_text(l, ws, cur, f, slot, text, len, fsize, rise, run->link, lang,
                     lv ? lv + lat[r] + i : NULL, text != run->text + i);
            if (run->kind == BC_RUN_NOTE) ws->f[ws->nf - 1].note = run->note_no;
            i = j;
        }
    }
    free(brk);
    free(lv);
    free(lat);
}

/* Splits words wider than the measure between grapheme clusters (long URLs, numbers, German
   compounds, Urdu): every boundary may end a line at BC_LB_EMERGENCY, so the breaker fills the
   line the word starts on rather than sending the words before it onto lines of their own. */
static void split_long_words(L *l, twords *ws, double measure, const tstyle *st)
{
    (void)st;
    int need = 0;
    for (int i = 0; i < ws->nw; i++) need |= ws->w[i].w > measure;
    if (!need) return;
    twords out = {0};
    out.rtl = ws->rtl; /* the paragraph's, kept */
    out.cjk = ws->cjk;
    out.par = ws->par;
    for (int i = 0; i < ws->nw; i++) {
        tword src = ws->w[i];
        tword *w = add_word(&out);
        if (src.w <= measure) {
            for (int k = 0; k < src.nf; k++) *add_frag(&out) = ws->f[src.f0 + k];
            *w = src;
            w->f0 = out.nf - src.nf;
            continue;
        }
        for (int k = 0; k < src.nf; k++) {
            tfrag fr = ws->f[src.f0 + k];
            bc_font *f = bc_fontset_peek(l->fs, fr.font);
            unsigned char *gb = bc_xmalloc(fr.len + 1);
            bc_grapheme_bounds(fr.text, fr.len, gb);
            for (size_t a = 0, b = 1; b <= fr.len; b++) {
                if (!gb[b]) continue;
                if (w->nf > 0) { /* a cluster boundary: the piece so far may end a line */
                    w->penalty = BC_LB_EMERGENCY;
                    w = add_word(&out);
                }
                tfrag *nf = add_frag(&out);
                *nf = fr;
                nf->text = fr.text + a;
                nf->len = b - a;
                nf->w = bc_lay_text_width(l, f, nf->text, nf->len, fr.size, fr.dir,
                                          fr.lang); /* shaped */
                nf->note = b == fr.len ? fr.note : 0;
                w->nf++;
                w->w += nf->w;
                a = b;
            }
            free(gb);
        }
        w->space = src.space;
        w->hyphen = src.hyphen;
        w->penalty = src.penalty;
        w->glue = src.glue;
    }
    words_free(ws);
    *ws = out;
}

/* Drops the hyphenation points of brk (brk[k - 1]: a point before byte k of s) that fall
   between two letters the font joins ("of|fice" keeps its ffi as "offi-ce"): each piece is
   set on its own, so a point there would cost the word its ligature on every line, broken
   there or not. Returns the points left. */
static int keep_ligatures(bc_font *f, const char *s, size_t len, unsigned char *brk)
{
    bc_shape_font sf;
    sf.data = bc_font_data(f, &sf.len);
    sf.key = bc_font_file_key(f);
    sf.face = bc_font_face(f);
    int points = 0;
    for (size_t k = 1; k < len; k++) {
        if (!brk[k - 1]) continue;
        size_t a = k - 1, b = k;
        while (a > 0 && ((unsigned char)s[a] & 0xC0) == 0x80) a--;
        const char *q = s + b;
        bc_utf8_next(&q);
        if (bc_shape_ligates(&sf, s + a, (size_t)(q - (s + a))))
            brk[k - 1] = 0;
        else
            points++;
    }
    return points;
}

/* Splits single-fragment words at their hyphenation points into pieces a line may end on
   (with a hyphen). The paragraph's last word is never hyphenated. */
static void hyphenate_words(L *l, twords *ws, const tstyle *st)
{
    if (!l->hyph || !st->hyphenate || ws->nw < 2) return;
    twords out = {0};
    out.rtl = ws->rtl; /* the paragraph's, kept */
    out.cjk = ws->cjk;
    out.par = ws->par;
    unsigned char brk[512];
    for (int i = 0; i < ws->nw; i++) {
        tword src = ws->w[i];
        int points = 0;
        tfrag fr = ws->f[src.f0];
        int compound = src.penalty > 0 || (i > 0 && ws->w[i - 1].penalty > 0); /* "co-|operation" */
        if (src.nf == 1 && i < ws->nw - 1 && fr.len >= 5 && fr.len < sizeof brk && !fr.link &&
            !compound &&
            (fr.dir == BC_TEXT_PLAIN ||
             (fr.dir == BC_TEXT_LTR && !bc_shape_needed(fr.text, fr.len))))
            points = bc_hyph_points(l->hyph, fr.text, fr.len, brk);
        if (points && fr.dir == BC_TEXT_LTR)
            points = keep_ligatures(bc_fontset_peek(l->fs, fr.font), fr.text, fr.len, brk);
        if (!points) {
            tword *w = add_word(&out);
            for (int k = 0; k < src.nf; k++) *add_frag(&out) = ws->f[src.f0 + k];
            w->nf = src.nf;
            w->w = src.w;
            w->space = src.space;
            w->hyphen = src.hyphen;
            w->penalty = src.penalty;
            w->glue = src.glue;
            continue;
        }
        bc_font *f = bc_fontset_peek(l->fs, fr.font);
        double hw = bc_font_advance(f, '-') * fr.size / 1000.0;
        size_t start = 0;
        for (size_t k = 0; k <= fr.len; k++) {
            if (k < fr.len && !(k > 0 && brk[k - 1])) continue;
            if (k == start) continue;
            /* piece [start, k) */
            tword *w = add_word(&out);
            tfrag *nf = add_frag(&out);
            *nf = fr;
            nf->text = fr.text + start;
            nf->len = k - start;
            nf->dir = frag_dir(f, nf->text, nf->len, nf->level); /* "dif-" "fer-" "ent" */
            nf->lig = nf->dir == BC_TEXT_LTR;
            nf->w = bc_lay_text_width(l, f, nf->text, nf->len, fr.size, nf->dir, nf->lang);
            w->nf = 1;
            w->w = nf->w;
            if (k < fr.len) {
                w->space = 0;
                w->hyphen = hw;
            } else {
                w->space = src.space;
                w->penalty = src.penalty;
                w->glue = src.glue;
            }
            start = k;
        }
    }
    words_free(ws);
    *ws = out;
}

/* Baseline offset from the top of a line box. */
double bc_lay_baseline_offset(L *l, const tstyle *st)
{
    bc_font *f = bc_lay_font_for(l, st->family);
    if (!f) return st->size;
    double asc = bc_font_ascender(f) / 1000.0 * st->size;
    double desc = -bc_font_descender(f) / 1000.0 * st->size;
    return (st->leading - (asc + desc)) / 2 + asc;
}

/*
** Sets inline text into lines of the given measure. Each line's ops are emitted into the pool
** with x from 0 and y relative to the line top. Returns the line count; *lines (malloc'd) holds
** each line's op range. Empty text gives zero lines.
*/
int bc_lay_set_text_fresh(L *l, const bc_inline *in, const tstyle *st, double measure,
                          tline **lines)
{
    twords ws = {0};
    *lines = NULL;
    build_words(l, in, st, &ws);
    if (l->failed || ws.nw == 0) {
        words_free(&ws);
        return 0;
    }
    hyphenate_words(l, &ws, st); /* first: a long compound breaks at its syllables */
    split_long_words(l, &ws, measure, st);
    bc_lay_cjk_punct(l, &ws);
    bc_lb_word *lw = bc_xmalloc((size_t)ws.nw * sizeof *lw);
    for (int i = 0; i < ws.nw; i++) {
        lw[i].width = ws.w[i].w;
        lw[i].hyphen = ws.w[i].hyphen;
        lw[i].space = ws.w[i].space + ws.w[i].cjkgap;
        lw[i].lead = ws.w[i].lead;
        lw[i].tail = ws.w[i].tail;
        lw[i].penalty = ws.w[i].penalty;
        /* Ragged text is set at natural spacing: no stretch, no shrink. Justified text
           stretches word spaces and the gaps between ideographs (bc_lay_gap_stretch). */
        lw[i].stretch = st->justify ? bc_lay_gap_stretch(&ws.w[i]) : 0;
        lw[i].shrink = st->justify ? bc_lay_gap_shrink(&ws.w[i]) : 0;
    }
    bc_lb_line *ll = bc_xmalloc((size_t)ws.nw * sizeof *ll);
    int n = bc_linebreak(lw, ws.nw, measure, st->justify, ll);
    tline *out = bc_xcalloc((size_t)(n ? n : 1), sizeof *out); /* padding too: it is cached */
    double base = bc_lay_baseline_offset(l, st);
    for (int i = 0; i < n; i++) {
        out[i].op0 = l->pool.n;
        bc_lay_emit_line(l, &ws, &ll[i], i == n - 1, measure, st, base);
        out[i].nop = l->pool.n - out[i].op0;
        out[i].width = ll[i].natural;
        out[i].pad_ = 0;
        bc_lay_line_extent(l, st, base, &out[i]);
        l->out->stats.lines++;
        if (ll[i].overfull) l->out->stats.overfull++;
        if (ll[i].hyphenated) l->out->stats.hyphenated++;
        if (st->justify && i < n - 1) {
            if (ll[i].ratio > 1) l->out->stats.loose++;
            if (ll[i].ratio > l->out->stats.max_ratio) l->out->stats.max_ratio = ll[i].ratio;
        }
    }
    free(lw);
    free(ll);
    words_free(&ws);
    *lines = out;
    return n;
}

/* Natural single-line width and widest word of inline text (table column sizing). */
void bc_lay_measure_inline(L *l, const bc_inline *in, const tstyle *st, double *maxw, double *minw)
{
    twords ws = {0};
    build_words(l, in, st, &ws);
    bc_lay_cjk_punct(l, &ws);
    double total = 0, widest = 0;
    for (int i = 0; i < ws.nw; i++) {
        total += ws.w[i].w + (i < ws.nw - 1 ? ws.w[i].space + ws.w[i].cjkgap : 0);
        if (ws.w[i].w > widest) widest = ws.w[i].w;
    }
    words_free(&ws);
    *maxw = total;
    *minw = widest;
}

/* Width of a cell's text from its decimal point to its end: the last '.' before a digit.
   Without one, the text after the last digit ("3 %" gives " %"), so integers end where the
   point would be; text without digits has no tail. */
double bc_lay_decimal_tail(L *l, const bc_inline *in, const tstyle *st)
{
    twords ws = {0};
    build_words(l, in, st, &ws);
    double tail = 0, after_digit = -1;
    for (int i = ws.nw - 1; i >= 0; i--) {
        const tword *w = &ws.w[i];
        for (int fi = w->nf - 1; fi >= 0; fi--) {
            const tfrag *fr = &ws.f[w->f0 + fi];
            bc_font *f = bc_lay_font_for(l, fr->font);
            if (!f) goto done;
            for (size_t k = fr->len; k-- > 0;) {
                char ch = fr->text[k];
                if (ch == '.' && k + 1 < fr->len && fr->text[k + 1] >= '0' &&
                    fr->text[k + 1] <= '9') {
                    after_digit = tail + bc_font_width(f, fr->text + k, fr->len - k, fr->size);
                    goto done;
                }
                if (ch >= '0' && ch <= '9' && after_digit < 0)
                    after_digit =
                        tail + bc_font_width(f, fr->text + k + 1, fr->len - k - 1, fr->size);
            }
            tail += fr->w;
        }
        if (i > 0) tail += ws.w[i - 1].space;
    }
done:
    words_free(&ws);
    return after_digit > 0 ? after_digit : 0;
}
