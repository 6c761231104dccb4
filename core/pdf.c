/*
** pdf.c — the libharu back end: draws a bc_layout and writes the PDF atomically.
**
** libharu 2.3.0 traps guarded here (see shared notes on libharu 2.3):
**  - compression is switched on before any font or page exists;
**  - fonts are handed over as HarfBuzz subsets (through a memfd path), with every glyph of the
**    subset marked used so libharu's one-level composite handling cannot drop components;
**  - the ToUnicode CMap libharu writes (begincidrange) is replaced by a valid bfrange one;
**  - every page gets at least "q Q" so no compressed content stream is empty;
**  - bookmarks get the UTF-8 encoder; destinations use FitH (XYZ with zoom 0 poisons the doc);
**  - link annotations get a zero border;
**  - errors are sticky: the handler records the first one and every step checks it;
**  - text was validated as UTF-8 long before it reaches libharu (markup.c, luahost.c).
** The bytes are produced in memory, written to a temporary file beside the target, synced,
** and renamed into place, so a reader never sees a partial PDF.
*/
#define _GNU_SOURCE
#include "pdf.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <hpdf.h>
#include <hpdf_conf.h>
#include <hpdf_font.h>
#include <hpdf_fontdef.h>
#include <hpdf_objects.h>

#include "utf8.h"

#define CREATOR "briefc " BC_VERSION

typedef struct W {
    HPDF_Doc pdf;
    HPDF_STATUS code;     /* first libharu error, 0 when none */
    HPDF_STATUS detail;
    HPDF_Font font[BC_FONT_SLOTS];
    const char *fontname[BC_FONT_SLOTS]; /* libharu's name for each loaded slot */
    int memfd[BC_FONT_SLOTS];
    bc_fontset *fs;
    bc_error *err;
} W;

static void on_error(HPDF_STATUS code, HPDF_STATUS detail, void *ud)
{
    W *w = ud;
    if (!w->code) {
        w->code = code;
        w->detail = detail;
    }
}

static bc_status check(W *w, const char *what)
{
    if (!w->code) return BC_OK;
    return bc_error_set(w->err, NULL, 0, "PDF back end failed while %s (libharu error 0x%04X, "
                        "detail %u)", what, (unsigned)w->code, (unsigned)w->detail);
}

/* {====================================================== fonts */

typedef struct cps {
    uint16_t *v;
    int n, cap;
} cps;

static void collect_cp(uint32_t cp, void *ud)
{
    cps *c = ud;
    if (cp > 0xFFFF) return;
    if (c->n == c->cap) {
        c->cap = c->cap ? c->cap * 2 : 256;
        c->v = bc_xrealloc(c->v, (size_t)c->cap * sizeof *c->v);
    }
    c->v[c->n++] = (uint16_t)cp;
}

/*
** The UTF-8 encoder makes each character code equal to the Unicode code point (two bytes), so
** a correct ToUnicode CMap maps every used code to itself: bfchar blocks of at most 100
** entries, as the CMap specification requires.
*/
static void write_tounicode(const bc_font *f, bc_buf *out)
{
    cps c = {0};
    bc_font_each_used(f, collect_cp, &c);
    bc_buf_adds(out,
                "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
                "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
                "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
                "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n");
    for (int i = 0; i < c.n; i += 100) {
        int n = c.n - i > 100 ? 100 : c.n - i;
        bc_buf_printf(out, "%d beginbfchar\n", n);
        for (int k = i; k < i + n; k++) bc_buf_printf(out, "<%04X> <%04X>\n", c.v[k], c.v[k]);
        bc_buf_adds(out, "endbfchar\n");
    }
    bc_buf_adds(out, "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");
    free(c.v);
}

static bc_status replace_tounicode(W *w, HPDF_Font font, const bc_font *f)
{
    HPDF_FontAttr attr = (HPDF_FontAttr)font->attr;
    HPDF_Dict stream = HPDF_DictStream_New(font->mmgr, attr->xref);
    if (!stream) return check(w, "creating a ToUnicode stream");
    bc_buf cm = {0};
    write_tounicode(f, &cm);
    HPDF_Stream_Write(stream->stream, (const HPDF_BYTE *)cm.data, (HPDF_UINT)cm.len);
    bc_buf_free(&cm);
    stream->filter = HPDF_STREAM_FILTER_FLATE_DECODE;
    HPDF_Dict_Add(font, "ToUnicode", stream);
    return check(w, "writing a ToUnicode map");
}

static bc_status load_font(W *w, int slot)
{
    bc_font *f = bc_fontset_peek(w->fs, slot);
    bc_buf sub = {0};
    if (bc_font_subset(f, &sub, w->err) != BC_OK) return BC_ERR;
    int fd = memfd_create("briefc-font", MFD_CLOEXEC);
    if (fd < 0) {
        bc_buf_free(&sub);
        return bc_error_set(w->err, NULL, 0, "cannot create an in-memory font file: %s",
                            strerror(errno));
    }
    w->memfd[slot] = fd;
    size_t off = 0;
    while (off < sub.len) {
        ssize_t n = write(fd, sub.data + off, sub.len - off);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) {
            bc_buf_free(&sub);
            return bc_error_set(w->err, NULL, 0, "cannot write an in-memory font file: %s",
                                strerror(errno));
        }
        off += (size_t)n;
    }
    bc_buf_free(&sub);
    char path[64];
    snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
    const char *name = HPDF_LoadTTFontFromFile(w->pdf, path, HPDF_TRUE);
    if (!name || w->code)
        return bc_error_set(w->err, bc_font_path(f), 0,
                            "libharu rejected the subset of font '%s' (error 0x%04X)",
                            bc_font_path(f), (unsigned)w->code);
    w->fontname[slot] = name;
    w->font[slot] = HPDF_GetFont(w->pdf, name, "UTF-8");
    if (!w->font[slot]) return check(w, "creating a font");
    return replace_tounicode(w, w->font[slot], f);
}

/* }====================================================== */

/* {====================================================== drawing */

static void set_fill(HPDF_Page pg, uint32_t c)
{
    HPDF_Page_SetRGBFill(pg, ((c >> 16) & 255) / 255.0f, ((c >> 8) & 255) / 255.0f,
                         (c & 255) / 255.0f);
}

static void set_stroke(HPDF_Page pg, uint32_t c)
{
    HPDF_Page_SetRGBStroke(pg, ((c >> 16) & 255) / 255.0f, ((c >> 8) & 255) / 255.0f,
                           (c & 255) / 255.0f);
}

static int same_stroke(const bc_op *a, const bc_op *b)
{
    return b->kind == BC_OP_LINE && a->stroke == b->stroke && a->lw == b->lw && a->dash == b->dash;
}

static void draw_page(W *w, HPDF_Page pg, const bc_ops *ops, double H)
{
    int in_text = 0;
    HPDF_Font cur_font = NULL;
    float cur_size = 0;
    uint32_t cur_fill = BC_NO_COLOR;
    HPDF_Page_GSave(pg); /* never an empty content stream */
    for (int i = 0; i < ops->n && !w->code; i++) {
        const bc_op *op = &ops->v[i];
        if (op->kind != BC_OP_TEXT && in_text) {
            HPDF_Page_EndText(pg);
            in_text = 0;
        }
        switch (op->kind) {
        case BC_OP_TEXT: {
            HPDF_Font f = w->font[op->font];
            if (!f || !op->len) break;
            if (!in_text) {
                HPDF_Page_BeginText(pg);
                in_text = 1;
            }
            if (f != cur_font || op->size != cur_size) {
                HPDF_Page_SetFontAndSize(pg, f, op->size);
                cur_font = f;
                cur_size = op->size;
            }
            if (op->fill != cur_fill) {
                set_fill(pg, op->fill);
                cur_fill = op->fill;
            }
            double a = op->angle * M_PI / 180.0;
            HPDF_Page_SetTextMatrix(pg, (HPDF_REAL)cos(a), (HPDF_REAL)sin(a), (HPDF_REAL)-sin(a),
                                    (HPDF_REAL)cos(a), op->x, (HPDF_REAL)(H - op->y));
            HPDF_Page_ShowText(pg, op->text);
            break;
        }
        case BC_OP_RECT: {
            if (op->w <= 0 || op->h <= 0) break;
            int fill = op->fill != BC_NO_COLOR, stroke = op->stroke != BC_NO_COLOR;
            if (fill) {
                set_fill(pg, op->fill);
                cur_fill = op->fill;
            }
            if (stroke) {
                set_stroke(pg, op->stroke);
                HPDF_Page_SetLineWidth(pg, op->lw);
            }
            HPDF_Page_Rectangle(pg, op->x, (HPDF_REAL)(H - op->y - op->h), op->w, op->h);
            if (fill && stroke) HPDF_Page_FillStroke(pg);
            else if (fill) HPDF_Page_Fill(pg);
            else HPDF_Page_Stroke(pg);
            break;
        }
        case BC_OP_LINE: {
            set_stroke(pg, op->stroke);
            HPDF_Page_SetLineWidth(pg, op->lw);
            if (op->dash == 1) {
                static const HPDF_UINT16 d[] = {3, 2};
                HPDF_Page_SetDash(pg, d, 2, 0);
            } else if (op->dash == 2) {
                static const HPDF_UINT16 d[] = {1, 1};
                HPDF_Page_SetDash(pg, d, 2, 0);
            }
            HPDF_Page_MoveTo(pg, op->x, (HPDF_REAL)(H - op->y));
            HPDF_Page_LineTo(pg, op->x + op->w, (HPDF_REAL)(H - op->y - op->h));
            /* Continue a polyline while the next segment starts where this one ends. */
            while (i + 1 < ops->n && same_stroke(op, &ops->v[i + 1]) &&
                   fabsf(ops->v[i + 1].x - (op->x + op->w)) < 0.01f &&
                   fabsf(ops->v[i + 1].y - (op->y + op->h)) < 0.01f) {
                op = &ops->v[++i];
                HPDF_Page_LineTo(pg, op->x + op->w, (HPDF_REAL)(H - op->y - op->h));
            }
            HPDF_Page_Stroke(pg);
            if (op->dash) HPDF_Page_SetDash(pg, NULL, 0, 0);
            break;
        }
        case BC_OP_LINK: {
            HPDF_Rect r = {op->x, (HPDF_REAL)(H - op->y - op->h), op->x + op->w,
                           (HPDF_REAL)(H - op->y)};
            HPDF_Annotation an = HPDF_Page_CreateURILinkAnnot(pg, r, op->text);
            if (an) HPDF_LinkAnnot_SetBorderStyle(an, 0, 0, 0);
            break;
        }
        default: break;
        }
    }
    if (in_text) HPDF_Page_EndText(pg);
    HPDF_Page_GRestore(pg);
}

static void add_outline(W *w, const bc_layout *lay, HPDF_Page *pages, double H)
{
    HPDF_Encoder enc = HPDF_GetEncoder(w->pdf, "UTF-8");
    HPDF_Outline parent[4] = {NULL, NULL, NULL, NULL};
    for (int i = 0; i < lay->noutline && !w->code; i++) {
        const bc_outline_entry *e = &lay->outline[i];
        int lv = e->level < 1 ? 1 : e->level > 3 ? 3 : e->level;
        HPDF_Outline up = NULL;
        for (int k = lv - 1; k >= 1 && !up; k--) up = parent[k];
        HPDF_Outline o = HPDF_CreateOutline(w->pdf, up, e->title, enc);
        if (!o) return;
        HPDF_Destination d = HPDF_Page_CreateDestination(pages[e->page]);
        HPDF_Destination_SetFitH(d, (HPDF_REAL)(H - e->y + 6));
        HPDF_Outline_SetDestination(o, d);
        HPDF_Outline_SetOpened(o, lv == 1 ? HPDF_TRUE : HPDF_FALSE);
        parent[lv] = o;
        for (int k = lv + 1; k < 4; k++) parent[k] = NULL;
    }
}

static void set_info(W *w, HPDF_InfoType t, const char *v)
{
    if (v && v[0]) HPDF_SetInfoAttr(w->pdf, t, v);
}

/* }====================================================== */

/* {====================================================== output */

static bc_status write_all(int fd, const unsigned char *p, size_t n)
{
    while (n) {
        ssize_t k = write(fd, p, n);
        if (k < 0 && errno == EINTR) continue;
        if (k <= 0) return BC_EIO;
        p += k;
        n -= (size_t)k;
    }
    return BC_OK;
}

bc_status bc_pdf_commit(const unsigned char *data, size_t len, const char *path, bc_error *err)
{
    /* Temporary file in the target's folder, so rename() is atomic. */
    char tmp[4096];
    const char *slash = strrchr(path, '/');
    if (slash)
        snprintf(tmp, sizeof tmp, "%.*s/.%s.tmp.XXXXXX", (int)(slash - path), path, slash + 1);
    else
        snprintf(tmp, sizeof tmp, ".%s.tmp.XXXXXX", path);
    int fd = mkstemp(tmp);
    if (fd < 0) {
        bc_error_set(err, path, 0, "cannot write '%s': %s", path, strerror(errno));
        return BC_EIO;
    }
    fchmod(fd, 0644 & ~(mode_t)0);
    int e = 0;
    if (write_all(fd, data, len) != BC_OK || fsync(fd) != 0) e = errno ? errno : EIO;
    if (close(fd) != 0 && !e) e = errno;
    if (!e && rename(tmp, path) != 0) e = errno;
    if (e) {
        unlink(tmp);
        bc_error_set(err, path, 0, "cannot write '%s': %s", path, strerror(e));
        return BC_EIO;
    }
    return BC_OK;
}

bc_status bc_pdf_render(const bc_layout *lay, const bc_theme *th, const bc_meta *meta,
                        bc_fontset *fs, bc_buf *out, bc_error *err)
{
    W w = {0};
    w.fs = fs;
    w.err = err;
    for (int i = 0; i < BC_FONT_SLOTS; i++) w.memfd[i] = -1;
    bc_status st = BC_OK;
    w.pdf = HPDF_New(on_error, &w);
    if (!w.pdf) return bc_error_set(err, NULL, 0, "cannot create a PDF document (out of memory)");
    HPDF_SetCompressionMode(w.pdf, HPDF_COMP_ALL); /* first: later fonts and pages inherit it */
    HPDF_UseUTFEncodings(w.pdf);
    HPDF_SetCurrentEncoder(w.pdf, "UTF-8");
    if ((st = check(&w, "setting up the document")) != BC_OK) goto done;

    for (int s = 0; s < BC_FONT_SLOTS; s++) {
        bc_font *f = bc_fontset_peek(fs, s);
        if (f && bc_font_used_any(f) && (st = load_font(&w, s)) != BC_OK) goto done;
    }

    double H = th->page_h;
    HPDF_Page *pages = bc_xcalloc((size_t)lay->npages + 1, sizeof *pages);
    for (int p = 0; p < lay->npages && !w.code; p++) {
        pages[p] = HPDF_AddPage(w.pdf);
        HPDF_Page_SetWidth(pages[p], (HPDF_REAL)th->page_w);
        HPDF_Page_SetHeight(pages[p], (HPDF_REAL)th->page_h);
        draw_page(&w, pages[p], &lay->pages[p], H);
    }
    if (!w.code) add_outline(&w, lay, pages, H);
    free(pages);
    if ((st = check(&w, "drawing pages")) != BC_OK) goto done;

    set_info(&w, HPDF_INFO_TITLE, meta->title);
    set_info(&w, HPDF_INFO_AUTHOR, meta->authors);
    set_info(&w, HPDF_INFO_SUBJECT, meta->subject ? meta->subject : meta->subtitle);
    set_info(&w, HPDF_INFO_KEYWORDS, meta->keywords);
    set_info(&w, HPDF_INFO_CREATOR, CREATOR);
    set_info(&w, HPDF_INFO_PRODUCER, CREATOR " with libharu " HPDF_VERSION_TEXT);
    if (lay->noutline) HPDF_SetPageMode(w.pdf, HPDF_PAGE_MODE_USE_OUTLINE);
    if ((st = check(&w, "writing document information")) != BC_OK) goto done;

    /* Every glyph of each subset is wanted: mark them all used so libharu's one-level
       composite handling cannot drop components (ḕ loses its macron otherwise). This must
       happen last: libharu clears the marks when a font is first used in a document. */
    for (int s = 0; s < BC_FONT_SLOTS; s++) {
        HPDF_FontDef def = w.fontname[s] ? HPDF_GetFontDef(w.pdf, w.fontname[s]) : NULL;
        HPDF_TTFontDefAttr a = def ? (HPDF_TTFontDefAttr)def->attr : NULL;
        if (a && a->glyph_tbl.flgs) memset(a->glyph_tbl.flgs, 1, a->num_glyphs);
    }
    if (HPDF_SaveToStream(w.pdf) != HPDF_OK || w.code) {
        st = check(&w, "serialising the document");
        if (st == BC_OK) st = bc_error_set(err, NULL, 0, "PDF back end failed to serialise");
        goto done;
    }
    HPDF_UINT32 size = HPDF_GetStreamSize(w.pdf);
    out->len = 0;
    while (out->len < size) {
        HPDF_BYTE chunk[65536];
        HPDF_UINT32 n = size - (HPDF_UINT32)out->len;
        if (n > sizeof chunk) n = sizeof chunk;
        HPDF_ReadFromStream(w.pdf, chunk, &n);
        if (n == 0 || w.code) break;
        bc_buf_add(out, chunk, n);
    }
    if (out->len != size || w.code) {
        st = bc_error_set(err, NULL, 0, "PDF back end produced %zu of %u bytes", out->len,
                          (unsigned)size);
        goto done;
    }
done:
    HPDF_Free(w.pdf);
    for (int i = 0; i < BC_FONT_SLOTS; i++)
        if (w.memfd[i] >= 0) close(w.memfd[i]);
    return st;
}

/* }====================================================== */
