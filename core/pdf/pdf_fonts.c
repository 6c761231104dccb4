/*
** pdf_fonts.c — the fonts of the PDF back end (pdf_int.h): what each glyph of shaped text
** stands for (clusters mapped to the characters they draw, for ToUnicode and /ActualText, and
** a right-to-left word said to pdf.js in pieces), the codes glyphs are drawn with, and the
** used fonts embedded as subsets (embed.c). pdf_gaps.c decides which op says which space and
** marks the glyphs used. Part of the back end pdf.c drives.
*/
#include "pdf/pdf_int.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <fribidi.h>
#include <hpdf.h>

#include "pdf/embed.h"
#include "base/utf8.h"
#include "text/shape.h"

/* The glyphs of a shaped text op (ops.h), as layout measured them; NULL with w->err set when
   HarfBuzz fails. */
const bc_glyph *bc_pdf_shape_op(W *w, const bc_op *op, bc_shaped *sh)
{
    bc_font *f = bc_fontset_peek(w->fs, op->font);
    if (!f) return NULL;
    bc_shape_font sf;
    sf.data = bc_font_data(f, &sf.len);
    sf.key = bc_font_file_key(f);
    sf.face = bc_font_face(f);
    const char *lang = op->lang ? op->lang : w->lang; /* as layout measured it */
    if (bc_shape(&sf, op->text, op->len, op->dir == BC_TEXT_RTL, lang, sh, w->err) != BC_OK) {
        w->own_error = 1;
        if (!w->code) w->code = HPDF_FAILD_TO_ALLOC_MEM;
        return NULL;
    }
    return sh->g;
}

/* The code points of UTF-8 text s[0..n) in reverse order, into out (n bytes). */
void bc_pdf_reverse_chars(const char *s, size_t n, char *out)
{
    const char *p = s, *end = s + n;
    char *q = out + n;
    while (p < end) {
        const char *c = p;
        bc_utf8_next(&p);
        q -= p - c;
        memcpy(q, c, (size_t)(p - c));
    }
}

void bc_pdf_gmap_free(gmap *m)
{
    free(m->vis);
    free(m->pcs);
    free(m->dp);
    free(m->ts);
    free(m->te);
    free(m->ce);
    free(m->starts);
    free(m->carry);
    free(m->drop);
    free(m->lead);
    free(m->quiet);
    free(m->jsp);
    free(m->mu);
    free(m->muq);
    free(m->lcut);
    for (int p = 0; p < m->norder; p++) free(m->order[p]);
    free(m->order);
}

static int cmp_u32(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return (x > y) - (x < y);
}

/* Combining vowel and reading marks of the Arabic script, and generic combining marks. */
static int vowel_mark(uint32_t cp)
{
    return (cp >= 0x0300 && cp < 0x0370) || (cp >= 0x0610 && cp <= 0x061A) ||
           (cp >= 0x064B && cp <= 0x065F) || cp == 0x0670 || (cp >= 0x06D6 && cp <= 0x06ED) ||
           (cp >= 0x08D3 && cp <= 0x08FF);
}

/* Characters pdf.js reads as white space (a JavaScript \s) and invisible format characters
   (\p{Cf}, those of the scripts briefc shapes and the general ones): a glyph whose text
   begins with the first or ends with the second is dropped. */
int bc_pdf_js_space(uint32_t cp)
{
    return cp == ' ' || (cp >= 0x09 && cp <= 0x0D) || cp == 0xA0 || cp == 0x1680 ||
           (cp >= 0x2000 && cp <= 0x200A) || cp == 0x2028 || cp == 0x2029 || cp == 0x202F ||
           cp == 0x205F || cp == 0x3000 || cp == 0xFEFF;
}
int bc_pdf_js_format(uint32_t cp)
{
    return cp == 0xAD || (cp >= 0x0600 && cp <= 0x0605) || cp == 0x061C || cp == 0x06DD ||
           cp == 0x070F || cp == 0x180E || (cp >= 0x200B && cp <= 0x200F) || cp == 0x0890 ||
           cp == 0x0891 || cp == 0x08E2 || (cp >= 0x202A && cp <= 0x202E) ||
           (cp >= 0x2060 && cp <= 0x2064) || (cp >= 0x2066 && cp <= 0x206F) || cp == 0xFEFF ||
           (cp >= 0xFFF9 && cp <= 0xFFFB) || cp == 0xE0001 || (cp >= 0xE0020 && cp <= 0xE007F);
}

/* Whether pdf.js reads cp as a mark (\p{Mn}: bidi class NSM less the enclosing marks, Me). */
int bc_pdf_js_mark(uint32_t cp)
{
    if ((cp >= 0x0488 && cp <= 0x0489) || cp == 0x1ABE || (cp >= 0x20DD && cp <= 0x20E0) ||
        (cp >= 0x20E2 && cp <= 0x20E4) || (cp >= 0xA670 && cp <= 0xA672))
        return 0;
    return fribidi_get_bidi_type(cp) == FRIBIDI_TYPE_NSM;
}

/* A glyph of the font with no width and no ink (a TrueType font's zero-width joiner or
   space, which have no outline), 0 when it has none. */
static uint32_t blank_glyph(bc_font *f)
{
    static const uint32_t cps[] = {0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF};
    for (size_t i = 0; i < sizeof cps / sizeof *cps; i++) {
        uint32_t g = bc_font_glyph(f, cps[i]);
        double top, bottom;
        char u[4];
        if (!g || bc_font_advance(f, cps[i]) != 0) continue;
        bc_font_ink(f, u, bc_utf8_encode(cps[i], u), &top, &bottom);
        if (top == 0 && bottom == 0) return g;
    }
    return 0;
}

/*
** Left to right, the glyph drawn first of a cluster whose text [c, e) holds a mark after its
** first character stands for the text before that mark alone, and the rest, from the mark,
** goes to a later glyph of the cluster (second, 1) or to a blank glyph drawn right after it
** (0, where the cluster is one glyph: a conjunct). Why: pdf.js reads a glyph whose text
** holds a mark (\p{Mn}) as a diacritic, appended to its text item without comparing its
** position with the glyph before; a word beginning with such a glyph (के, संबंध) was glued to
** the word before, and the space owed went before the word's next plain glyph ("बीचसंबं ध").
** The leading part has no mark: pdf.js compares and advances it like any letter; the rest
** begins with the mark: appended in order, which is right inside the cluster. Returns
** whether the cluster was split.
*/
static int split_lead(bc_font *f, const bc_op *op, gmap *m, int i, int second)
{
    uint32_t c = m->ts[i], e = m->te[i];
    if (c >= e) return 0; /* stands for nothing */
    const char *p = op->text + c, *end = op->text + e;
    uint32_t last = bc_utf8_next(&p);
    if (bc_pdf_js_space(last)) return 0;
    while (p < end) {
        const char *at = p;
        uint32_t cp = bc_utf8_next(&p);
        if (!bc_pdf_js_mark(cp)) {
            last = cp;
            continue;
        }
        if (bc_pdf_js_format(last)) return 0; /* pdf.js would drop the lead */
        uint32_t mid = (uint32_t)(at - op->text);
        if (second) {
            m->ts[i + 1] = mid;
            m->te[i + 1] = e;
        } else {
            if (!m->blank) m->blank = blank_glyph(f);
            if (!m->blank) return 0; /* nothing to carry the rest: as the cluster says it */
            m->ce[i] = e;
        }
        m->te[i] = mid;
        return 1;
    }
    return 0;
}

/* Appends piece vis[s, e) of a word (word_pieces). */
static void add_piece(gmap *m, size_t s, size_t e)
{
    if (m->npcs == m->cap_pcs) {
        m->cap_pcs = m->cap_pcs ? 2 * m->cap_pcs : 16;
        m->pcs = bc_xrealloc(m->pcs, (size_t)m->cap_pcs * 3 * sizeof *m->pcs);
    }
    m->pcs[3 * m->npcs] = (uint32_t)s;
    m->pcs[3 * m->npcs + 1] = (uint32_t)e;
    m->pcs[3 * m->npcs + 2] = 0;
    m->npcs++;
}

/* Whether [p, end) is white space alone. */
int bc_pdf_rest_blank(const char *p, const char *end)
{
    while (p < end)
        if (!bc_pdf_js_space(bc_utf8_next(&p))) return 0;
    return 1;
}

/* vis[from, to) in pieces of at most 8 UTF-16 units, each as long as it can be, none
   beginning with white space (skipped) or ending with a format character. */
static void cut_forward(gmap *m, size_t from, size_t to)
{
    const char *p = m->vis + from, *end = m->vis + to;
    while (p < end) {
        const char *s = p;
        if (bc_pdf_js_space(bc_utf8_next(&p))) continue;
        p = s;
        const char *e = s, *ok = NULL;
        int units = 0;
        while (e < end) {
            const char *c = e;
            uint32_t cp = bc_utf8_next(&e);
            int u = cp > 0xFFFF ? 2 : 1;
            if (units + u > 8) {
                e = c;
                break;
            }
            units += u;
            if (!bc_pdf_js_format(cp)) ok = e;
        }
        if (ok && ok == e && e < end && bc_pdf_rest_blank(e, end)) {
            /* full, and the rest is the space a word carries (bc_pdf_carries_space): the
               piece's last character goes on with it, or the space would begin a piece */
            const char *c = s, *b = s;
            uint32_t before = 0;
            while (c < ok) { /* b: the start of the piece's last character */
                uint32_t cp = bc_utf8_next(&c);
                if (c < ok) {
                    b = c;
                    before = cp;
                }
            }
            if (b > s && !bc_pdf_js_format(before)) ok = b;
        }
        p = ok ? ok : e; /* format characters alone say nothing to pdf.js: dropped */
        if (ok) add_piece(m, (size_t)(s - m->vis), (size_t)(ok - m->vis));
    }
}

/* Whether vis[s, e) holds a mark (bidi class NSM: general category Mn, and the rare Me). */
static int has_mark(const char *vis, uint32_t s, uint32_t e)
{
    for (const char *p = vis + s; p < vis + e;)
        if (fribidi_get_bidi_type(bc_utf8_next(&p)) == FRIBIDI_TYPE_NSM) return 1;
    return 0;
}

/*
** A word no cut keeps in one pdf.js item (a piece without a mark must follow one with: a
** word over 8 characters marked only at its logical end): pieces as long as they can be, in
** groups that each begin with the pieces without a mark, the groups drawn in logical order
** (the last in visual order first) with an empty marked-content sequence between them, which
** ends pdf.js's item. Each group is an item of its own, reversed by pdf.js, so the items
** follow one another in logical order. MuPDF reads such a word in that order too.
*/
static void split_pieces(gmap *m, size_t len)
{
    cut_forward(m, 0, len);
    int n = m->npcs, out = 0;
    if (n < 2) return;
    uint32_t *v = bc_xmalloc((size_t)n * 3 * sizeof *v); /* the pieces in visual order */
    memcpy(v, m->pcs, (size_t)n * 3 * sizeof *v);
    for (int q = 0; q < n; q++) v[3 * q + 2] = (uint32_t)has_mark(m->vis, v[3 * q], v[3 * q + 1]);
    for (int e = n; e > 0;) { /* a group begins with a piece without a mark after one with */
        int b = e - 1;
        while (b > 0 && !(!v[3 * b + 2] && v[3 * (b - 1) + 2])) b--;
        for (int q = b; q < e; q++, out++) {
            m->pcs[3 * out] = v[3 * q];
            m->pcs[3 * out + 1] = v[3 * q + 1];
            m->pcs[3 * out + 2] = q == b && out > 0; /* an item ends before it */
        }
        e = b;
    }
    free(v);
}

size_t bc_pdf_alms_wanted(const char *s, size_t n, int sp)
{
    size_t units = (size_t)sp, rtl = bc_pdf_js_rtl_units(s, n, &units);
    if (!rtl || units <= 4 || rtl * 10 >= units * 3) return 0;
    return (units * 3 - rtl * 10 + 6) / 7;
}

/*
** A right-to-left word whose glyphs ride different heights (marks set with a text rise, the
** cascading letters of Nastaliq) or that has clusters of several glyphs: every glyph drawn
** stands for nothing (U+2060, codes of their own: bc_subset_variants) and the word is said
** by the font's space glyph, which has no ink, drawn once per piece from the word's start.
** Why: pdf.js ignores /ActualText. It starts a new text item where a glyph it reads sits
** higher, lower or further back than the one before (evaluator.js compareWithLastPosition),
** reads a glyph whose text holds a mark (\p{Mn}) without comparing positions or advancing,
** and skips a glyph that stands for U+2060 wherever it is. So a word drawn glyph by glyph
** came out in pieces, ordered as drawn (visually). Said by blank glyphs on the baseline, one
** after the other, the word is one item whatever the heights of the glyphs drawn, which land
** where they always did. Each piece is at most 8 UTF-16 units of the word in visual order
** (MuPDF ignores a ToUnicode entry of more; readers reverse right-to-left text), none
** beginning with white space or ending with a format character (pdf.js drops such a glyph's
** text), and once a piece holds a mark every later one does: a piece without one after it
** would be compared with the word before and begin an item of its own (where no such cut
** exists, split_pieces). Readers that honour /ActualText (poppler) read the op's span.
*/
static void word_pieces(bc_font *f, const bc_op *op, const bc_shaped *sh, gmap *m)
{
    m->carrier = bc_font_glyph(f, ' ');
    if (!m->carrier) return; /* no blank glyph to say it with: as the clusters say it */
    for (int i = 0; i < sh->n; i++) m->te[i] = m->ts[i]; /* every glyph drawn: nothing */
    m->multi = m->word = 1;
    /* vis: the word reversed, then the ALMs (two bytes each) and the space it carries, which
       pdf.js's reversal puts before it (so the ALMs never end a piece: pdf.js drops a glyph
       text that ends with a format character) */
    size_t alm = m->sp ? bc_pdf_alms_wanted(op->text, op->len, 1) : 0;
    if (alm > BC_PDF_MAX_ALMS) alm = 0; /* not offered (pdf_gaps.c alms_turn) */
    size_t len = op->len + 2 * alm + (m->sp ? 1 : 0);
    if (len > m->cap_vis) {
        m->cap_vis = len;
        m->vis = bc_xrealloc(m->vis, m->cap_vis);
        m->dp = bc_xrealloc(m->dp, (m->cap_vis + 1) * 3 * sizeof *m->dp);
    }
    bc_pdf_reverse_chars(op->text, op->len, m->vis);
    for (size_t k = 0; k < alm; k++) memcpy(m->vis + op->len + 2 * k, "\xD8\x9C", 2); /* U+061C */
    if (m->sp) m->vis[op->len + 2 * alm] = ' ';
    m->npcs = 0;
    /* by character i of vis: at[i] its byte, fl[i] what it is to pdf.js; from[i] the start
       of the last piece of a cut of [0, i) that ends among pieces with marks (NONE: none) */
    enum { MARK = 1, SPACE = 2, FORMAT = 4, ASTRAL = 8 };
    const uint32_t NONE = UINT32_MAX;
    uint32_t *at = m->dp, *fl = at + len + 1, *from = fl + len + 1;
    size_t n = 0, first_mark = SIZE_MAX;
    for (const char *p = m->vis; p < m->vis + len; n++) {
        at[n] = (uint32_t)(p - m->vis);
        uint32_t cp = bc_utf8_next(&p);
        /* bidi class NSM: the marks of general category Mn (and the rare Me) */
        fl[n] = (fribidi_get_bidi_type(cp) == FRIBIDI_TYPE_NSM ? MARK : 0) |
                (bc_pdf_js_space(cp) ? SPACE : 0) | (bc_pdf_js_format(cp) ? FORMAT : 0) |
                (cp > 0xFFFF ? ASTRAL : 0);
        if ((fl[n] & MARK) && first_mark == SIZE_MAX) first_mark = n;
    }
    at[n] = (uint32_t)len;
    if (first_mark == SIZE_MAX) { /* no marks: pieces as long as they can be */
        cut_forward(m, 0, len);
        return;
    }
    from[0] = NONE;
    for (size_t i = 1; i <= n; i++) {
        from[i] = NONE;
        if (fl[i - 1] & FORMAT) continue;
        int units = 0, mark = 0;
        for (size_t j = i; j-- > 0;) {
            units += fl[j] & ASTRAL ? 2 : 1;
            if (units > 8) break;
            mark |= fl[j] & MARK;
            if (mark && !(fl[j] & SPACE) &&
                (j == first_mark || (j < first_mark && !m->lead_cut) || from[j] != NONE))
                from[i] = (uint32_t)j; /* the longest such piece */
        }
    }
    if (from[n] == NONE) {
        split_pieces(m, len);
        return;
    }
    size_t i = n, k = 0;
    while (i > first_mark) { /* the pieces with marks, from the end (their ends into fl) */
        fl[k++] = (uint32_t)i;
        i = from[i];
    }
    cut_forward(m, 0, at[i]); /* before the first mark: pieces without one */
    while (k-- > 0) {
        size_t e = fl[k];
        add_piece(m, at[i], at[e]);
        i = e;
    }
}

/* Left to right with one glyph per cluster, clusters ascending (Latin with ligatures): each
   glyph stands for the text up to the next one's, a conjunct's from its mark on said by a
   blank glyph after it (split_lead). */
static void map_plain(bc_font *f, const bc_op *op, const bc_shaped *sh, gmap *m)
{
    for (int i = 0; i < sh->n; i++) {
        uint32_t c = sh->g[i].cluster, e = i + 1 < sh->n ? sh->g[i + 1].cluster : (uint32_t)op->len;
        if (e > op->len) e = (uint32_t)op->len;
        if (c > e) c = e;
        m->ts[i] = c;
        m->te[i] = e;
        if (!bc_font_is_cff(f) && split_lead(f, op, m, i, 0)) m->multi = 1;
    }
}

/* The glyph drawn last (rightmost) that says text gets the space the op carries. */
static void space_glyph(const bc_shaped *sh, gmap *m)
{
    m->sp = 0;
    for (int k = sh->n; k-- > 0;)
        if (m->te[k] > m->ts[k]) {
            m->sp = 1;
            m->sp_glyph = k;
            return;
        }
}

int bc_pdf_opens_marked(const gmap *m)
{
    return m->word && m->npcs && has_mark(m->vis, m->pcs[0], m->pcs[1]);
}

int bc_pdf_js_compares(const char *s, size_t n, const gmap *m)
{
    int k = 0;
    if (m && m->word) {
        for (int q = 0; q < m->npcs && k < 2; q++)
            k += !has_mark(m->vis, m->pcs[3 * q], m->pcs[3 * q + 1]);
        return k;
    }
    for (const char *p = s; p < s + n && k < 2;) {
        uint32_t cp = bc_utf8_next(&p);
        k += !bc_pdf_js_space(cp) && !bc_pdf_js_mark(cp) && !bc_pdf_js_format(cp);
    }
    return k;
}

/* A right-to-left op, its glyphs mapped: said by blank glyphs where pdf.js would read it in
   pieces (word_pieces), and given the space before it when it carries one (sp). */
static void say_word(bc_font *f, const bc_op *op, const bc_shaped *sh, int sp, gmap *m)
{
    m->sp = sp == 1;
    m->lead_cut = sp == BC_PDF_LEAD_CUT;
    int rise = 0;
    for (int i = 0; i < sh->n && !rise; i++) rise = sh->g[i].dy != 0;
    if (m->multi || rise) word_pieces(f, op, sh, m);
    /* cut: its first piece, without a mark, is one pdf.js compares with the text before */
    m->lead_ok = m->lead_cut && m->word && m->npcs > 1 && !bc_pdf_opens_marked(m);
    if (m->sp && bc_pdf_opens_marked(m))
        /* pdf.js reads a piece with a mark without comparing its place, and so read the space
           drawn before the word as the item's first character, which its reversal put after
           the word ("بِسْمِٱللَّهِ "): the word carries it, and pdf.js reads two spaces off
           the page before it (bc_pdf_space_quiet), after which it adds none */
        m->sp_quiet = 1;
    if (!m->word && sp == 1) space_glyph(sh, m);
}

/* A cluster of several glyphs, glyphs [i, j) of sh, text [c, e) of op, in a CFF font, whose
   codes are its glyphs' (one text each): a glyph the cmap gives for one of the cluster's
   characters stands for it, the others for the characters left, in logical order. */
static void map_cff_cluster(bc_font *f, const bc_op *op, const bc_shaped *sh, gmap *m, int i, int j,
                            uint32_t c, uint32_t e)
{
    int rtl = op->dir == BC_TEXT_RTL;
    m->multi = 1;
    unsigned char taken[64] = {0};
    int nch = 0;
    uint32_t at[65];
    for (const char *p = op->text + c; p < op->text + e && nch < 64; nch++) {
        at[nch] = (uint32_t)(p - op->text);
        bc_utf8_next(&p);
    }
    at[nch] = e;
    int nfree = 0, fr[64];
    for (int k0 = 0; k0 < j - i; k0++) {
        int k = rtl ? j - 1 - k0 : i + k0; /* logical order */
        int found = -1;
        for (int q = 0; q < nch && found < 0; q++) {
            if (taken[q]) continue;
            const char *p = op->text + at[q];
            if (bc_font_glyph(f, bc_utf8_next(&p)) == sh->g[k].gid) found = q;
        }
        if (found >= 0) {
            taken[found] = 1;
            m->ts[k] = at[found];
            m->te[k] = at[found + 1];
        } else if (nfree < 64) {
            fr[nfree++] = k;
        }
    }
    /* the characters left, one to each other glyph in order (a contextual form of a
           base letter stands for the letter alone, not with the vowel marks it happened
           to carry, since it is the same glyph without them); the last takes the rest
           when that is one run holding more letters (a conjunct: त्र) */
    int k = 0, q = 0;
    for (; q < nch && k < nfree; q++)
        if (!taken[q]) {
            m->ts[fr[k]] = at[q];
            m->te[fr[k]] = at[q + 1];
            k++;
        }
    if (k == nfree && nfree > 0) {
        int last = -1, run = 1, letters = 0;
        for (int r = q; r < nch; r++)
            if (!taken[r]) last = r;
        for (int r = q; r <= last; r++) {
            const char *p = op->text + at[r];
            run &= !taken[r];
            letters |= !vowel_mark(bc_utf8_next(&p));
        }
        if (last >= 0 && run && letters && m->te[fr[k - 1]] == at[q])
            m->te[fr[k - 1]] = at[last + 1];
    }
}

/*
** Maps the glyphs of shaped op to the text they stand for, cluster by cluster (HarfBuzz keeps a
** cluster's glyphs together): a cluster of one glyph stands for all its text (a ligature, a
** joining form, a conjunct); in a cluster of several, a glyph the font's cmap gives for one of
** its characters stands for that character, and the other glyphs, in logical order, for one
** each of the characters left (their ops get /ActualText, which says it all).
** Glyphs are drawn in visual order: drawing a cluster's glyphs in the order of their
** characters (moving back for a Devanagari vowel sign drawn before its consonant) let pdf.js
** read some such clusters right but made poppler split the word from its line.
*/
void bc_pdf_map_glyphs(bc_font *f, const bc_op *op, const bc_shaped *sh, int sp, gmap *m)
{
    m->sp = m->sp_quiet = m->lead_cut = m->lead_ok = 0;
    m->sp_glyph = -1;
    if (sh->n > m->cap) {
        m->cap = sh->n;
        m->ts = bc_xrealloc(m->ts, (size_t)m->cap * sizeof *m->ts);
        m->te = bc_xrealloc(m->te, (size_t)m->cap * sizeof *m->te);
        m->ce = bc_xrealloc(m->ce, (size_t)m->cap * sizeof *m->ce);
        m->starts = bc_xrealloc(m->starts, (size_t)m->cap * sizeof *m->starts);
    }
    m->multi = m->word = 0;
    m->blank = 0;
    for (int i = 0; i < sh->n; i++) m->ce[i] = 0;
    int rtl = op->dir == BC_TEXT_RTL;
    /* left to right with one glyph per cluster, clusters ascending (Latin with ligatures):
       each glyph stands for the text up to the next one's */
    int plain = !rtl;
    for (int i = 1; i < sh->n && plain; i++) plain = sh->g[i].cluster > sh->g[i - 1].cluster;
    if (plain) {
        map_plain(f, op, sh, m);
        if (sp && !bc_font_is_cff(f)) space_glyph(sh, m); /* carries_before_run */
        return;
    }
    /* cluster starts, sorted once: a cluster's text ends where the next one starts (in
       O(n log n): a run may be thousands of zero-width clusters) */
    int sorted = 1; /* left-to-right text is: no sort then */
    for (int i = 0; i < sh->n; i++) {
        m->starts[i] = sh->g[i].cluster;
        sorted &= i == 0 || m->starts[i - 1] <= m->starts[i];
    }
    if (!sorted) qsort(m->starts, (size_t)sh->n, sizeof *m->starts, cmp_u32);
    m->nstarts = 0;
    for (int i = 0; i < sh->n; i++)
        if (!m->nstarts || m->starts[m->nstarts - 1] != m->starts[i])
            m->starts[m->nstarts++] = m->starts[i];
    for (int i = 0; i < sh->n;) {
        int j = i;
        while (j < sh->n && sh->g[j].cluster == sh->g[i].cluster) j++;
        /* the cluster's text: up to the next larger cluster start, or the end */
        uint32_t c = sh->g[i].cluster, e = (uint32_t)op->len;
        int lo = 0, hi = m->nstarts;
        while (lo < hi) { /* the first start after c */
            int mid = (lo + hi) / 2;
            if (m->starts[mid] <= c)
                lo = mid + 1;
            else
                hi = mid;
        }
        if (lo < m->nstarts && m->starts[lo] < e) e = m->starts[lo];
        if (c > op->len) c = e = (uint32_t)op->len;
        for (int k = i; k < j; k++) m->ts[k] = m->te[k] = c;
        if (j - i == 1) {
            m->te[i] = e;
            if (!rtl && !bc_font_is_cff(f) && split_lead(f, op, m, i, 0)) m->multi = 1;
        } else if (!bc_font_is_cff(f)) {
            /* the first glyph drawn stands for the whole cluster and the others for nothing,
               each with a code of its own where the glyph stands for other text elsewhere
               (bc_subset_variants): a reader that ignores /ActualText (pdf.js) reads the
               cluster in logical order whatever order its glyphs are drawn in */
            m->multi = 1;
            m->te[i] = e;
            if (!rtl) split_lead(f, op, m, i, 1);
        } else {
            map_cff_cluster(f, op, sh, m, i, j, c, e);
        }
        i = j;
    }
    if (bc_font_is_cff(f)) return; /* CFF: a code is its glyph, one text each */
    if (rtl)
        say_word(f, op, sh, sp, m);
    else if (sp == 1)
        space_glyph(sh, m);
}

/* The text glyph k of op stands for (after bc_pdf_map_glyphs into m), into buf when it is not
   op's text as it is: right-to-left in visual order, as readers reverse it, and with the space
   the word carries (not over 32 bytes of text: the glyph's own text then). */
const char *bc_pdf_glyph_text(const bc_op *op, const gmap *m, int k, char buf[34], size_t *n)
{
    const char *s = op->text + m->ts[k];
    *n = m->te[k] - m->ts[k];
    if (op->dir == BC_TEXT_RTL && *n > 1 && *n <= 32) {
        bc_pdf_reverse_chars(s, *n, buf);
        s = buf;
    }
    if (k != m->sp_glyph || *n > 32) return s;
    if (s != buf) memcpy(buf, s, *n);
    buf[(*n)++] = ' ';
    return buf;
}

uint16_t bc_pdf_glyph_code(W *w, const bc_op *op, const bc_shaped *sh, int k)
{
    const bc_subset *sub = &w->sub[op->font];
    uint32_t gid = sh->g[k].gid;
    if (!sub->nextra) return bc_subset_glyph_code(sub, gid);
    char buf[34];
    size_t n;
    const char *s = bc_pdf_glyph_text(op, &w->gm, k, buf, &n);
    return bc_subset_text_code(sub, gid, s, n);
}

uint16_t bc_pdf_rest_code(W *w, const bc_op *op, int k)
{
    const gmap *m = &w->gm;
    return bc_subset_text_code(&w->sub[op->font], m->blank, op->text + m->te[k],
                               m->ce[k] - m->te[k]);
}

uint16_t bc_pdf_piece_code(W *w, const bc_op *op, int q)
{
    const gmap *m = &w->gm;
    return bc_subset_text_code(&w->sub[op->font], m->carrier, m->vis + m->pcs[3 * q],
                               m->pcs[3 * q + 1] - m->pcs[3 * q]);
}

bc_status bc_pdf_load_fonts(W *w)
{
    int index = 0;
    for (int slot = 0; slot < BC_FONT_SLOTS; slot++) {
        bc_font *f = bc_fontset_peek(w->fs, slot);
        if (slot == BC_FONT_EMOJI && bc_pdf_emoji_font(w) != BC_OK) return BC_ERR;
        if (!f || !bc_font_used_any(f) || slot == BC_FONT_EMOJI) continue; /* images */
        if (bc_embed_subset(f, &w->sub[slot], w->err) != BC_OK) return BC_ERR;
        for (uint32_t c = 0; c < 128; c++) w->ascii[slot][c] = bc_subset_gid(&w->sub[slot], c);
        w->font[slot] = bc_embed_font(w->pdf, f, &w->sub[slot], index++);
        if (!w->font[slot] || w->code)
            return w->code ? bc_pdf_check(w, "embedding a font")
                           : bc_error_set(w->err, bc_font_path(f), 0, "cannot embed font '%s'",
                                          bc_font_path(f));
    }
    return BC_OK;
}
