/*
** pdf_emoji.c — colour emoji in the PDF: text ops layout set in BC_FONT_EMOJI (the installed
** colour font, layout/fontset.h) are drawn as the font's own bitmaps, the way browsers show
** them, and kept as text for readers.
**
** - Each distinct glyph becomes one image XObject per document (its CBDT PNG, text/cbdt.h,
**   decoded by layout/image.c: RGB with an alpha soft mask, Flate), placed at the glyph's box
**   scaled from the strike's pixels per em to the op's size on its baseline. The images of a
**   page are drawn after its other content, as artifacts: they picture the text.
** - The text itself is drawn where the emoji stand in render mode 3 (invisible) in a Type 3
**   font of empty glyphs, one code per distinct cluster (a ZWJ sequence, a flag's two regional
**   indicators, a keycap), its width the emoji's advance and its ToUnicode entry the
**   cluster's text. So pdftotext, mutool and pdf.js read the code points, and in tagged output
**   the emoji is text inside its paragraph's marked content.
** Each cluster's codes are drawn in logical order, which MuPDF and pdf.js read as drawn, and
** poppler, which reorders what it reads, is told the text by /ActualText where it would
** reverse it (poppler_reading).
** The codes are handed out in reading order (bc_pdf_emoji_collect, from the ops' own text),
** PER_FONT to a font, in up to MAX_FONTS fonts: more characters than any emoji font has. A
** glyph whose image cannot be read draws nothing visible; its text stays.
*/
#include "pdf/pdf_int.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <fribidi.h>

#include "base/utf8.h"
#include "layout/image.h"
#include "text/cbdt.h"

#define PER_FONT 254 /* codes of one Type 3 font: one byte each, and 'm' */
#define MAX_FONTS 16
#define MAX_CODES (PER_FONT * MAX_FONTS)
#define CODE_SLOTS 8192 /* the codes' hash: a power of two, over twice MAX_CODES */
#define WANT_PPEM 255   /* the largest strike: print, not screen */
#define EMOJI_PI 3.14159265358979323846

typedef struct eimg {
    const bc_image *img; /* NULL: none (no image, or not decodable) */
    bc_cbdt_glyph m;
} eimg;

typedef struct pend {
    const bc_image *img;
    double x, y, w, h; /* the box; on a turned baseline (rot) from the glyph's origin (ox, oy,
                          PDF space) along it, y down */
    double ox, oy, ca, sa;
    int rot;
} pend;

struct bc_pdf_emoji {
    HPDF_Dict font[MAX_FONTS]; /* the Type 3 fonts of the text: code k in font k / PER_FONT */
    int nfonts;
    struct code {
        uint32_t cp;  /* the character the code stands for */
        uint32_t cp2; /* and a second one after it (a joiner's, attach_joiner), or 0 */
        int wd;       /* its width, 1/1000 em: the cluster's characters share the emoji's
                        advance (cluster_widths) */
    } codes[MAX_CODES];
    int ncodes;
    uint16_t slot[CODE_SLOTS]; /* code index + 1 by hash of (cp, wd); 0 free */
    bc_sfnt sf;
    int *img_at; /* by glyph id: index + 1 in imgs, 0 not decoded yet */
    eimg *imgs;
    int nimgs, capimgs;
    pend *pend;
    int npend, cappend;
    bc_arena *arena; /* the decoded images */
    /* the ops poppler is told how to read (their /ActualText, poppler_reading), sorted by
       address once collected */
    struct said {
        const bc_op *op;
        int how; /* SAY_* */
    } * said;
    int nsaid, capsaid;
    const bc_ops *page; /* the page poppler_reading last looked at … */
    int page_ltr;       /* … and whether poppler reads it left to right (page_reads_ltr) */
};

static unsigned code_hash(uint32_t cp, uint32_t cp2, int wd)
{
    return ((cp * 2654435761u) ^ (cp2 * 2246822519u) ^ (unsigned)wd * 40503u) & (CODE_SLOTS - 1);
}

static int same_code(const struct code *c, uint32_t cp, uint32_t cp2, int wd)
{
    return c->cp == cp && c->cp2 == cp2 && c->wd == wd;
}

/* The code of character cp (and cp2) drawn wd wide: its index + 1 in codes, 0 when it has
   none. */
static int code_of(const bc_pdf_emoji *e, uint32_t cp, uint32_t cp2, int wd)
{
    for (unsigned h = code_hash(cp, cp2, wd);; h = (h + 1) & (CODE_SLOTS - 1)) {
        int k = e->slot[h];
        if (!k || same_code(&e->codes[k - 1], cp, cp2, wd)) return k;
    }
}

/* Gives (cp, cp2, wd) a code when it has none and there is room. */
static void code_add(bc_pdf_emoji *e, uint32_t cp, uint32_t cp2, int wd)
{
    if (e->ncodes >= MAX_CODES) return;
    unsigned h = code_hash(cp, cp2, wd);
    for (; e->slot[h]; h = (h + 1) & (CODE_SLOTS - 1))
        if (same_code(&e->codes[e->slot[h] - 1], cp, cp2, wd)) return;
    e->codes[e->ncodes++] = (struct code){cp, cp2, wd};
    e->slot[h] = (uint16_t)e->ncodes;
}

/* The ToUnicode CMap of the codes: each code's character as UTF-16BE. One character a code,
   never several outside the BMP: MuPDF reads a code mapped to several characters with one
   outside the BMP as broken surrogates, so a cluster (👩‍💻) is drawn as one code per
   character, sharing the emoji's width (cluster_widths); only a joiner takes a character of
   the BMP with it (attach_joiner). */
static void tounicode(const bc_pdf_emoji *e, int first, int ncodes, bc_buf *b)
{
    bc_buf_adds(b, "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
                   "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
                   "/CMapName /BC-Emoji-UCS def\n/CMapType 2 def\n"
                   "1 begincodespacerange\n<00> <FF>\nendcodespacerange\n");
    for (int i = 0; i < ncodes; i += 100) {
        int n = ncodes - i < 100 ? ncodes - i : 100;
        bc_buf_printf(b, "%d beginbfchar\n", n);
        for (int k = i; k < i + n; k++) {
            uint32_t cp = e->codes[first + k].cp, cp2 = e->codes[first + k].cp2;
            if (cp >= 0x10000)
                bc_buf_printf(b, "<%02X> <%04X%04X>\n", k + 1, 0xD800 + ((cp - 0x10000) >> 10),
                              0xDC00 + ((cp - 0x10000) & 0x3FF));
            else if (cp2) /* both in the BMP (attach_joiner) */
                bc_buf_printf(b, "<%02X> <%04X%04X>\n", k + 1, cp, cp2);
            else
                bc_buf_printf(b, "<%02X> <%04X>\n", k + 1, cp);
        }
        bc_buf_adds(b, "endbfchar\n");
    }
    bc_buf_adds(b, "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");
}

/* Type 3 font f: empty glyphs /e1 … /eN of the emoji's advances (1/1000 em) for codes
   f * PER_FONT on. */
static HPDF_Dict type3(W *w, bc_pdf_emoji *e, int f)
{
    int first = f * PER_FONT, ncodes = e->ncodes - first < PER_FONT ? e->ncodes - first : PER_FONT;
    HPDF_Doc pdf = w->pdf;
    HPDF_STATUS r = HPDF_OK;
    HPDF_Dict font = HPDF_Dict_New(pdf->mmgr);
    if (!font || HPDF_Xref_Add(pdf->xref, font) != HPDF_OK) return NULL;
    font->header.obj_class |= HPDF_OSUBCLASS_FONT;
    r |= HPDF_Dict_AddName(font, "Type", "Font");
    r |= HPDF_Dict_AddName(font, "Subtype", "Type3");
    int asc, desc; /* the emoji's box: readers take a line's height from it */
    bc_sfnt_extents(&e->sf, &asc, &desc);
    unsigned upem = e->sf.upem ? e->sf.upem : 1000;
    HPDF_Box box = {0, (HPDF_REAL)(desc * 1000.0 / upem), (HPDF_REAL)(1300),
                    (HPDF_REAL)(asc * 1000.0 / upem)};
    r |= HPDF_Dict_Add(font, "FontBBox", HPDF_Box_Array_New(pdf->mmgr, box));
    HPDF_Array m = HPDF_Array_New(pdf->mmgr);
    static const float mat[6] = {0.001f, 0, 0, 0.001f, 0, 0};
    for (int i = 0; i < 6; i++) r |= HPDF_Array_AddReal(m, mat[i]);
    r |= HPDF_Dict_Add(font, "FontMatrix", m);
    HPDF_Dict procs = HPDF_Dict_New(pdf->mmgr), enc = HPDF_Dict_New(pdf->mmgr);
    HPDF_Array diff = HPDF_Array_New(pdf->mmgr), widths = HPDF_Array_New(pdf->mmgr);
    r |= HPDF_Array_AddNumber(diff, 1);
    for (int k = 0; k < ncodes; k++) {
        char name[16], proc[32];
        int wd = e->codes[first + k].wd;
        snprintf(name, sizeof name, "e%d", k + 1);
        int n = snprintf(proc, sizeof proc, "%d 0 d0\n", wd);
        HPDF_Dict s = bc_embed_stream(pdf, proc, (size_t)n);
        if (!s) return NULL;
        r |= HPDF_Dict_Add(procs, name, s);
        r |= HPDF_Array_Add(diff, HPDF_Name_New(pdf->mmgr, name));
        r |= HPDF_Array_AddNumber(widths, wd);
    }
    /* A glyph named m, 0.6 em wide, never drawn: poppler guesses a Type 3 font's scale from
       its 'm' (else from any glyph, as if it were 0.5 em), and without it reads emoji at two
       and a half times their size, taller than their line. */
    HPDF_Dict m_proc = bc_embed_stream(pdf, "600 0 d0\n", 9);
    if (!m_proc) return NULL;
    r |= HPDF_Dict_Add(procs, "m", m_proc);
    r |= HPDF_Array_Add(diff, HPDF_Name_New(pdf->mmgr, "m"));
    r |= HPDF_Array_AddNumber(widths, 600);
    r |= HPDF_Dict_AddName(enc, "Type", "Encoding");
    r |= HPDF_Dict_Add(enc, "Differences", diff);
    r |= HPDF_Dict_Add(font, "CharProcs", procs);
    r |= HPDF_Dict_Add(font, "Encoding", enc);
    r |= HPDF_Dict_AddNumber(font, "FirstChar", 1);
    r |= HPDF_Dict_AddNumber(font, "LastChar", ncodes + 1);
    r |= HPDF_Dict_Add(font, "Widths", widths);
    r |= HPDF_Dict_Add(font, "Resources", HPDF_Dict_New(pdf->mmgr));
    bc_buf cm = {0};
    tounicode(e, first, ncodes, &cm);
    HPDF_Dict tu = bc_embed_stream(pdf, cm.data, cm.len);
    bc_buf_free(&cm);
    if (!tu) return NULL;
    r |= HPDF_Dict_Add(font, "ToUnicode", tu);
    return r == HPDF_OK ? font : NULL;
}

/* The state, made with the colour font's tables the first time an emoji op is seen. */
static bc_pdf_emoji *state(W *w)
{
    if (w->emoji) return w->emoji;
    bc_font *f = bc_fontset_peek(w->fs, BC_FONT_EMOJI);
    size_t len;
    const unsigned char *data = f ? bc_font_data(f, &len) : NULL;
    bc_sfnt sf;
    if (!data || bc_sfnt_open_face(&sf, data, len, bc_font_face(f)) != 0) return NULL;
    bc_pdf_emoji *e = bc_xcalloc(1, sizeof *e);
    e->sf = sf;
    e->img_at = bc_xcalloc((size_t)sf.nglyphs + 1, sizeof *e->img_at);
    e->arena = bc_arena_new();
    return w->emoji = e;
}

/* The advance of glyph gid, 1/1000 em, as a code's width. */
static int advance(const bc_pdf_emoji *e, uint32_t gid)
{
    unsigned upem = e->sf.upem ? e->sf.upem : 1000;
    return (int)(bc_sfnt_advance(&e->sf, gid) * 1000.0 / upem + 0.5);
}

/* The widths of the n codes of a cluster drawn with glyph gid: the first *w0,
   each other *step, together the glyph's advance. The others are not of zero width: poppler
   drops a character drawn again within a tenth of an em of the same one (the second ZWJ of
   👩🏽‍❤️‍💋‍👨🏿), so each is a tenth of an em on, at most. */
static void cluster_widths(const bc_pdf_emoji *e, uint32_t gid, int n, int *w0, int *step)
{
    int adv = advance(e, gid);
    *step = n > 1 ? (adv / n < 100 ? adv / n : 100) : 0;
    *w0 = adv - *step * (n - 1);
}

/* Whether cp, of the BMP, may share a joiner's code: an emoji or symbol (♀ ❤ ⚕ ☠ ❄), never
   a format character (pdf.js would drop the pair again) nor a variation selector. */
static int joinable(uint32_t cp) { return cp >= 0x2100 && cp < 0xFE00; }

/* The next code's characters of a cluster [*p, end), in logical order whatever the op's
   direction: cp, and *cp2 or 0 when two take one code. MuPDF reads codes as drawn and has no
   bidi, and pdf.js reverses only its items' right-to-left runs (emoji are left-to-right to
   its bidi.js), so both read a cluster whole only when it is drawn in logical order; poppler,
   which reorders what it reads, is told by /ActualText (poppler_reading).
   pdf.js drops every code whose text ends in a format character (\p{Cf}: its
   SpecialCharRegExp), so a ZWJ of its own is lost there (👩‍🔬 read 👩🔬). A ZWJ before a
   character of the BMP shares that character's code ("\u200D♀"), and one after U+FE0F
   (\p{Mn}: pdf.js keeps a code whose text holds one) shares that selector's ("\uFE0F\u200D").
   A ZWJ between two characters outside the BMP keeps a code of its own, and pdf.js drops it:
   no code split can keep it there. MuPDF 1.21 reads a character outside the BMP only from a
   ToUnicode entry that is that one surrogate pair (a longer entry holding one comes out as
   CESU-8 garbage, a glyph name as its low 16 bits, an entry over 8 units not at all), while
   pdf.js 3.11 reads the same entry, never drops a code for being drawn twice, and ignores
   /ActualText: its ZWJ would have to share a code with a character after it that is not a
   format character, which here is the next emoji (or half of it). */
static uint32_t next_code(const char **p, const char *end, uint32_t *cp2)
{
    uint32_t cp = bc_utf8_next(p);
    *cp2 = 0;
    if (*p >= end || (cp != 0x200D && cp != 0xFE0F)) return cp;
    const char *q = *p;
    uint32_t next = bc_utf8_next(&q);
    if (cp == 0x200D && joinable(next)) {
        *cp2 = next;
        *p = q;
    } else if (cp == 0xFE0F && next == 0x200D) {
        const char *r = q;
        if (r >= end || !joinable(bc_utf8_next(&r))) { /* else the ZWJ goes with what follows */
            *cp2 = next;
            *p = q;
        }
    }
    return cp;
}

/* How many codes the cluster [p, end) is drawn in. */
static int count_codes(const char *p, const char *end)
{
    int n = 0;
    for (uint32_t cp2; p < end; n++) next_code(&p, end, &cp2);
    return n;
}

/*
** What poppler is told. poppler (22.12, pdftotext) places what it reads by position and
** reorders each line with a bidi of its own: on a page it reads left to right (more
** left-to-right letters than right-to-left ones), a line is cut into runs of characters that
** are not right-to-left and runs from a right-to-left one on that are neither left-to-right
** nor digits, the latter reversed; on a page read right to left, the other way round. It
** counts every character outside the BMP (every emoji) as neutral. So an emoji op drawn in
** logical order (next_code) reads reversed wherever it falls in a reversed run. Its text is
** said again as /ActualText (which only poppler reads; it spreads the characters over the
** op's box and reorders them like any other):
** - SAY_REVERSED: a right-to-left run (an emoji between right-to-left words), or a
**   left-to-right one inside a right-to-left paragraph on a page read left to right (a flag):
**   RLM, the text in visual order, RLM. The marks are right-to-left and the rest neutral, so
**   the whole is in one reversed run on either page and comes out in logical order.
** - SAY_MARKED: a left-to-right run of several characters on a page read right to left, or a
**   keycap (poppler counts its digit, #, as a digit, which opens a run read as drawn): the
**   text and then LRM, a left-to-right letter that opens a run read as drawn over it.
** - SAY_TEXT: the text alone, where the codes drawn hold a mark poppler is not to read (the
**   RLM of a word gap after a flag, collect_gap).
** A left-to-right run on a page read left to right is read as drawn, as is a keycap in a
** right-to-left line there (poppler reads such a line's runs in visual order: nothing helps).
*/
enum { SAY_DRAWN, SAY_REVERSED, SAY_MARKED, SAY_TEXT, SAY_HOW = 3 };

/* A left-to-right op of a right-to-left line that starts with a left-to-right character (a
   flag's regional indicator) is drawn after the pen has moved back to it; MuPDF (1.21, its
   stext device) starts a new line there, where the op's first character is left-to-right and
   the move over 0.8 em, but never for a right-to-left one. So such an op begins with a code of
   no width standing for RLM: MuPDF reads the op on its line, pdf.js drops the mark (a format
   character alone), poppler reads the op's /ActualText. */
#define LEAD_RLM 4
/* A word gap's op whose spaces get codes (collect_gap). */
#define GAP 8

/* Whether poppler reads page ops left to right: as it decides, by counting the page's
   left-to-right letters against its right-to-left ones (characters of the BMP only). */
int bc_pdf_page_reads_ltr(const bc_ops *ops)
{
    long count = 0;
    for (int i = 0; i < ops->n; i++) {
        const bc_op *op = &ops->v[i];
        if (op->kind != BC_OP_TEXT) continue;
        for (const char *p = op->text, *end = op->text + op->len; p < end;) {
            uint32_t cp = bc_utf8_next(&p);
            if (cp > 0xFFFF) continue;
            FriBidiCharType t = fribidi_get_bidi_type(cp);
            count += t == FRIBIDI_TYPE_LTR ? 1 : FRIBIDI_IS_LETTER(t) && FRIBIDI_IS_RTL(t) ? -1 : 0;
        }
    }
    return count >= 0;
}

/* Whether text op i is set in a right-to-left line: the text op before it on its line, in
   logical order, stands to its right, or the one after it to its left (blank ops skipped). */
static int in_rtl_line(const bc_ops *ops, int i)
{
    const bc_op *op = &ops->v[i];
    for (int d = -1; d <= 1; d += 2)
        for (int k = i + d; k >= 0 && k < ops->n; k += d) {
            const bc_op *o = &ops->v[k];
            if (o->kind != BC_OP_TEXT || fabsf(o->y - op->y) > 0.01f || o->angle != 0) break;
            const char *p = o->text, *end = o->text + o->len;
            while (p < end && (*p == ' ')) p++;
            if (p == end) continue; /* a gap */
            if (d < 0 ? o->x > op->x : o->x < op->x) return 1;
            break;
        }
    return 0;
}

/* What poppler is told about emoji op i of a page (SAY_*). */
static int poppler_reading(bc_pdf_emoji *e, const bc_ops *ops, int i)
{
    const bc_op *op = &ops->v[i];
    if (op->angle != 0 || !op->len) return SAY_DRAWN;
    if (e->page != ops) {
        e->page = ops;
        e->page_ltr = bc_pdf_page_reads_ltr(ops);
    }
    int chars = 0, ascii = 0; /* a keycap's digit, # or *: poppler counts # as a digit */
    for (const char *p = op->text, *end = op->text + op->len; p < end; chars++)
        ascii |= bc_utf8_next(&p) < 0x80;
    int rtl_line = op->dir == BC_TEXT_RTL || in_rtl_line(ops, i), lead = 0;
    if (op->dir != BC_TEXT_RTL && rtl_line) {
        const char *p = op->text;
        lead = fribidi_get_bidi_type(bc_utf8_next(&p)) == FRIBIDI_TYPE_LTR ? LEAD_RLM : 0;
    }
    if (chars < 2) return lead;
    if (!e->page_ltr) return lead | (op->dir == BC_TEXT_RTL && !ascii ? SAY_REVERSED : SAY_MARKED);
    return lead | (!ascii && rtl_line ? SAY_REVERSED : SAY_DRAWN);
}

/* A right-to-left line's word gap after an emoji is an op of its own in the emoji font (layout
   gives it the run's font), which layout does not shape. Its spaces get codes too: MuPDF adds
   no space of its own between right-to-left words (it read "👩‍🔬ہدنز"); poppler and pdf.js
   take a space glyph for a gap, as ever. */
static int collect_gap(W *w, bc_pdf_emoji *e, const bc_op *op)
{
    bc_shaped sh;
    if (op->kind != BC_OP_TEXT || op->font != BC_FONT_EMOJI || op->dir != BC_TEXT_PLAIN ||
        !op->len || op->angle != 0)
        return 0;
    for (const char *p = op->text, *end = op->text + op->len; p < end;)
        if (bc_utf8_next(&p) != ' ') return 0;
    if (!bc_pdf_shape_op(w, op, &sh)) return 0;
    code_add(e, ' ', 0, 0); /* of no width: MuPDF would take the font's wider space */
    return 1;
}

/* Notes op to be read by poppler as how says (SAY_*, LEAD_RLM, GAP). */
static void say(bc_pdf_emoji *e, const bc_op *op, int how)
{
    BC_GROW(e->said, e->nsaid, e->capsaid, 16);
    e->said[e->nsaid++] = (struct said){op, how};
    if (how & LEAD_RLM) code_add(e, 0x200F, 0, 0);
}

/* Whether op's text ends with a strong left-to-right character (a regional indicator). */
static int ends_ltr(const bc_op *op)
{
    const char *q = op->text + op->len - 1;
    while (q > op->text && ((unsigned char)*q & 0xC0) == 0x80) q--;
    return fribidi_get_bidi_type(bc_utf8_next(&q)) == FRIBIDI_TYPE_LTR;
}

void bc_pdf_emoji_collect(W *w, const bc_ops *ops, int i, const bc_shaped *sh, const gmap *m)
{
    bc_pdf_emoji *e = state(w);
    if (!e) return;
    const bc_op *op = &ops->v[i];
    for (int k = 0; k < sh->n; k++) {
        const char *p = op->text + m->ts[k], *end = op->text + m->te[k];
        int w0, step;
        cluster_widths(e, sh->g[k].gid, count_codes(p, end), &w0, &step);
        for (int first = 1; p < end; first = 0) {
            uint32_t cp2, cp = next_code(&p, end, &cp2);
            code_add(e, cp, cp2, first ? w0 : step);
        }
    }
    int how = poppler_reading(e, ops, i);
    if (how != SAY_DRAWN) say(e, op, how);
    /* a gap after a flag: MuPDF would start a new line at its space as at the flag; poppler
       reads the space alone, as the mark (right-to-left) would cut the flag's left-to-right
       run from a Latin word after the gap (ہمارا 🇵🇰 Pakistan ملک read "Pakistan 🇵🇰") */
    int k = i + 1;
    while (k < ops->n && ops->v[k].kind == BC_OP_LINK) k++; /* a linked emoji's area */
    if (k < ops->n && collect_gap(w, e, &ops->v[k]))
        say(e, &ops->v[k], GAP | (ends_ltr(op) ? SAY_TEXT | LEAD_RLM : SAY_DRAWN));
}

static int cmp_said(const void *a, const void *b)
{
    uintptr_t x = (uintptr_t)((const struct said *)a)->op;
    uintptr_t y = (uintptr_t)((const struct said *)b)->op;
    return (x > y) - (x < y);
}

/* What poppler is told about op (SAY_*), as collected. */
static int said_of(const bc_pdf_emoji *e, const bc_op *op)
{
    struct said key = {op, 0}, *s;
    if (!e->nsaid) return SAY_DRAWN;
    s = bsearch(&key, e->said, (size_t)e->nsaid, sizeof *e->said, cmp_said);
    return s ? s->how : SAY_DRAWN;
}

bc_status bc_pdf_emoji_font(W *w)
{
    bc_pdf_emoji *e = w->emoji;
    if (e && e->nsaid > 1) qsort(e->said, (size_t)e->nsaid, sizeof *e->said, cmp_said);
    if (!e || !e->ncodes) return BC_OK;
    for (e->nfonts = 0; e->nfonts * PER_FONT < e->ncodes; e->nfonts++) {
        e->font[e->nfonts] = type3(w, e, e->nfonts);
        if (!e->font[e->nfonts] || w->code)
            return w->code ? bc_pdf_check(w, "embedding the emoji text font")
                           : bc_error_set(w->err, NULL, 0, "cannot make the emoji text font");
    }
    return BC_OK;
}

/* Glyph gid's image, decoded once per document; its img NULL when it has none. */
static const eimg *image_of(bc_pdf_emoji *e, uint32_t gid)
{
    static const eimg none = {0};
    if (gid >= e->sf.nglyphs) return &none;
    if (e->img_at[gid]) return &e->imgs[e->img_at[gid] - 1];
    BC_GROW(e->imgs, e->nimgs, e->capimgs, 16);
    eimg *g = &e->imgs[e->nimgs++];
    e->img_at[gid] = e->nimgs;
    memset(g, 0, sizeof *g);
    bc_image *img = NULL;
    bc_error err;
    if (bc_cbdt_glyph_image(&e->sf, gid, WANT_PPEM, &g->m, NULL) &&
        bc_image_decode(g->m.png, g->m.len, "a colour emoji", e->arena, &img, &err) == BC_OK)
        g->img = img;
    return g;
}

/* Opens the /ActualText span poppler reads op by (poppler_reading), unless it reads op as
   drawn. Returns whether a span was opened (the caller closes it with EMC). */
static int actual_text(W *w, const bc_op *op, bc_buf *b)
{
    int how = said_of(w->emoji, op) & SAY_HOW;
    if (how == SAY_DRAWN) return 0;
    if (w->tags && bc_pdftags_span_begin(w->tags, b))
        bc_buf_adds(b, "/ActualText<FEFF");
    else
        bc_buf_adds(b, "/Span <</ActualText <FEFF");
    if (how == SAY_REVERSED) {
        char *rev = bc_xmalloc(op->len);
        bc_pdf_reverse_chars(op->text, op->len, rev);
        bc_buf_adds(b, "200F");
        bc_embed_utf16_hex(b, rev, op->len);
        bc_buf_adds(b, "200F>>> BDC\n");
        free(rev);
    } else if (how == SAY_TEXT) {
        bc_embed_utf16_hex(b, op->text, op->len);
        bc_buf_adds(b, ">>> BDC\n");
    } else {
        bc_embed_utf16_hex(b, op->text, op->len);
        bc_buf_adds(b, "200E>>> BDC\n");
    }
    return 1;
}

/* Writes the codes of op's clusters (shaped into sh, mapped by w->gm) into a TJ, in logical
   order (next_code), each cluster as wide as its glyph: for a right-to-left op from its last
   glyph (the rightmost) back. */
static void draw_codes(W *w, HPDF_Page pg, const bc_op *op, const bc_shaped *sh, bc_buf *b)
{
    bc_pdf_emoji *e = w->emoji;
    int cur = -1, rtl = op->dir == BC_TEXT_RTL;
    double pending = 0; /* an adjustment before the first code */
    int said = said_of(e, op), lead = said & LEAD_RLM ? code_of(e, 0x200F, 0, 0) - 1 : -1;
    if (op->dir == BC_TEXT_PLAIN && !(said & GAP)) { /* spaces not collected: no codes */
        bc_buf_adds(b, "0 Tr\n");
        return;
    }
    if (lead >= 0 && lead / PER_FONT < e->nfonts) {
        const char *name = HPDF_Page_GetLocalFontName(pg, e->font[lead / PER_FONT]);
        if (name) {
            bc_buf_printf(b, "/%s %.3f Tf [<%02X>", name, op->size, lead % PER_FONT + 1);
            cur = lead / PER_FONT;
        }
    }
    for (int j = 0; j < sh->n; j++) {
        int k = rtl ? sh->n - 1 - j : j;
        const char *p = op->text + w->gm.ts[k], *end = op->text + w->gm.te[k];
        double moved = 0; /* 1/1000 em */
        int w0, step;
        cluster_widths(e, sh->g[k].gid, count_codes(p, end), &w0, &step);
        if (op->dir == BC_TEXT_PLAIN) w0 = step = 0; /* a gap's spaces (collect_gap) */
        for (int first = 1; p < end; first = 0) {
            uint32_t cp2, cp = next_code(&p, end, &cp2);
            int wd = first ? w0 : step, c = code_of(e, cp, cp2, wd) - 1;
            if (c < 0 || c / PER_FONT >= e->nfonts) continue;
            if (c / PER_FONT != cur) {
                const char *name = HPDF_Page_GetLocalFontName(pg, e->font[c / PER_FONT]);
                if (!name) continue;
                bc_buf_printf(b, "%s/%s %.3f Tf [", cur >= 0 ? "] TJ\n" : "", name, op->size);
                if (pending != 0) bc_buf_printf(b, "%.1f ", pending);
                cur = c / PER_FONT;
                pending = 0;
            }
            bc_buf_printf(b, "<%02X>", c % PER_FONT + 1);
            moved += wd;
        }
        double adj = moved - sh->g[k].adv;
        if (adj > 0.05 || adj < -0.05) {
            if (cur >= 0)
                bc_buf_printf(b, " %.1f ", adj);
            else
                pending += adj;
        }
    }
    bc_buf_adds(b, cur >= 0 ? "] TJ 0 Tr\n" : "0 Tr\n");
}

void bc_pdf_emoji_text(W *w, HPDF_Page pg, const bc_op *op, double H, bc_buf *b, double *tlm_x,
                       double *tlm_y)
{
    bc_pdf_emoji *e = w->emoji;
    bc_shaped sh;
    if (!e || !op->len || !bc_pdf_shape_op(w, op, &sh)) return;
    bc_pdf_map_glyphs(bc_fontset_peek(w->fs, BC_FONT_EMOJI), op, &sh, 0, &w->gm);
    /* the text, invisible, as wide as the emoji: a TJ per font its codes are in */
    int actual = actual_text(w, op, b);
    /* a chart label may be turned (op->angle, counter-clockwise): text and pictures along it */
    int rot = op->angle != 0;
    double a = op->angle * EMOJI_PI / 180.0, ca = rot ? cos(a) : 1, sa = rot ? sin(a) : 0;
    if (rot)
        bc_buf_printf(b, "3 Tr %.5f %.5f %.5f %.5f %.3f %.3f Tm\n", ca, sa, -sa, ca, op->x,
                      H - op->y);
    else
        bc_buf_printf(b, "3 Tr 1 0 0 1 %.3f %.3f Tm\n", op->x, H - op->y);
    draw_codes(w, pg, op, &sh, b);
    if (actual) bc_buf_adds(b, "EMC\n");
    if (rot) /* pdf.c goes on from an upright line matrix */
        bc_buf_printf(b, "1 0 0 1 %.3f %.3f Tm\n", op->x, H - op->y);
    *tlm_x = op->x;
    *tlm_y = H - op->y;
    double pen = 0, em = op->size / 1000.0;
    for (int k = 0; k < sh.n; k++) { /* the pictures, drawn at the end of the page */
        const eimg *g = image_of(e, sh.g[k].gid);
        if (g->img && g->m.ppem > 0) {
            double s = op->size / g->m.ppem; /* points per pixel of the strike */
            BC_GROW(e->pend, e->npend, e->cappend, 16);
            pend *p = &e->pend[e->npend++];
            p->img = g->img;
            p->x = sh.g[k].dx * em + g->m.bearing_x * s;
            p->y = -sh.g[k].dy * em - g->m.bearing_y * s;
            p->w = g->m.width * s;
            p->h = g->m.height * s;
            p->rot = rot;
            p->ca = ca;
            p->sa = sa;
            p->ox = op->x + pen * ca;
            p->oy = H - op->y + pen * sa;
            if (!rot) { /* upright: the box on the page itself, as ever */
                p->x += op->x + pen;
                p->y += op->y;
            }
        }
        pen += sh.g[k].adv * em;
    }
}

void bc_pdf_emoji_flush(W *w, HPDF_Page pg, double H, bc_buf *b)
{
    bc_pdf_emoji *e = w->emoji;
    if (!e || !e->npend) return;
    if (w->tags) bc_buf_adds(b, "/Artifact BMC\n");
    for (int i = 0; i < e->npend && !w->code; i++) {
        bc_op op = {0};
        op.kind = BC_OP_IMAGE;
        op.text = (const char *)(const void *)e->pend[i].img;
        op.x = (float)e->pend[i].x;
        op.y = (float)e->pend[i].y;
        op.w = (float)e->pend[i].w;
        op.h = (float)e->pend[i].h;
        const pend *p = &e->pend[i];
        if (p->rot) /* the box is on the glyph's turned baseline: H 0 puts y up from it */
            bc_buf_printf(b, "q %.5f %.5f %.5f %.5f %.3f %.3f cm\n", p->ca, p->sa, -p->sa, p->ca,
                          p->ox, p->oy);
        if (!bc_image_draw(w->pdf, pg, &w->images, &op, p->rot ? 0 : H, b) && !w->code)
            w->code = HPDF_FAILD_TO_ALLOC_MEM;
        if (p->rot) bc_buf_adds(b, "Q\n");
    }
    if (w->tags) bc_buf_adds(b, "EMC\n");
    e->npend = 0;
}

void bc_pdf_emoji_free(W *w)
{
    bc_pdf_emoji *e = w->emoji;
    if (!e) return;
    free(e->imgs);
    free(e->img_at);
    free(e->pend);
    free(e->said);
    bc_arena_free(e->arena);
    free(e);
    w->emoji = NULL;
}
