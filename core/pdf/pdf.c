/*
** pdf.c — the libharu back end: draws a bc_layout and writes the PDF atomically.
**
** libharu builds the document: pages, annotations, outline, info, compression, cross-reference
** table. Fonts are mapped and marked by pdf_fonts.c (over pdf_int.h) and embedded by embed.c
** through libharu's object API, and each page's content stream is written directly, here
** (graphics as path operators) and by pdf_text.c (text as glyph ids), which
** sidesteps the libharu 2.3.0 traps listed in the shared notes:
**  - compression is switched on before any page exists (it is ignored for later objects);
**  - no libharu font is ever created: no 65,536-code-point walk, no 128 KB CIDToGIDMap, no
**    invalid ToUnicode map, no one-level composite-glyph subsetting, no characters above
**    U+FFFF turned into spaces, and width/word-spacing quirks do not apply;
**  - every page's content has at least "q Q", so no compressed stream is empty;
**  - bookmarks get the UTF-8 encoder; destinations use FitH (XYZ with zoom 0 poisons the doc);
**  - link annotations get a zero border;
**  - errors are sticky: the handler records the first one and every step checks it;
**  - text was validated as UTF-8 long before it gets here (markup.c, api.c).
** The bytes are produced in memory, written to a temporary file beside the target, synced,
** and renamed into place, so a reader never sees a partial PDF.
*/
#define _GNU_SOURCE
#include "pdf/pdf.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <hpdf.h>
#include <hpdf_conf.h>
#include <hpdf_doc.h>
#include <hpdf_objects.h>
#include <hpdf_pages.h>
#include <hpdf_utils.h>

#include "pdf/embed.h"
#include "pdf/pdf_pack.h"
#include "pdf/pdf_std.h"
#include "pdf/pdf_tags.h"
#include "pdf/pdf_int.h"
#include "pdf/zmemo.h"
#include "base/durable.h"
#include "base/utf8.h"
#include "pdf/image_pdf.h"
#include "text/shape.h"

#define ZMEMO_MAX_PAGES 64 /* page contents through zmemo: a quarter of a kind's entries */

#define CREATOR "briefc " BC_VERSION

/*
** libharu 2.3 copies stream data one byte at a time through its exported HPDF_MemCpy: page
** and font data pass through it four times (into the object's stream, out of it, into the
** document's stream, out of that), 1.4M instructions for the sample brief. libharu calls it
** through the PLT, so this definition, exported from the executable (CMakeLists.txt:
** --export-dynamic-symbol), is the one its calls reach. Same contract: copy n bytes forward,
** return the end of out. Should a libharu build bind the call internally, its own is used.
*/
HPDF_BYTE *HPDF_MemCpy(HPDF_BYTE *out, const HPDF_BYTE *in, HPDF_UINT n)
{
    if (n) memmove(out, in, n);
    return out + n;
}

static void on_error(HPDF_STATUS code, HPDF_STATUS detail, void *ud)
{
    W *w = ud;
    if (!w->code) {
        w->code = code;
        w->detail = detail;
    }
}

bc_status bc_pdf_check(W *w, const char *what)
{
    if (!w->code) return BC_OK;
    if (w->own_error) return BC_ERR;
    return bc_error_set(w->err, NULL, 0,
                        "PDF back end failed while %s (libharu error 0x%04X, "
                        "detail %u)",
                        what, (unsigned)w->code, (unsigned)w->detail);
}

/* {====================================================== drawing */

/* Sets the fill colour (when it changes) and the stroke colour and width a shape needs. */
static void paint(bc_buf *b, const bc_op *op, int f, int s, uint32_t *fill)
{
    if (f && op->fill != *fill) {
        bc_pdf_color(b, op->fill, "rg");
        *fill = op->fill;
    }
    if (s) {
        bc_pdf_color(b, op->stroke, "RG");
        bc_pdf_num(b, op->lw);
        bc_buf_adds(b, "w\n");
    }
}

static int same_stroke(const bc_op *a, const bc_op *b)
{
    return b->kind == BC_OP_LINE && a->stroke == b->stroke && a->lw == b->lw && a->dash == b->dash;
}

/* Whether op writes graphics operators, which have no place in a text object (links, anchors
   and notes write nothing into the content). */
static int graphics(const bc_op *op)
{
    return op->kind != BC_OP_TEXT && op->kind != BC_OP_LINK && op->kind != BC_OP_DEST &&
           op->kind != BC_OP_NOTE;
}

/* Ends the text object (ET), closing first a marked-content sequence opened inside it. */
static void end_text(W *w, bc_buf *b, tstate *t, uint32_t *fill)
{
    bc_pdf_close_run(b, t);
    if (t->mc_inner && w->tags) bc_pdftags_close(w->tags, b);
    t->mc_inner = 0;
    bc_buf_adds(b, "ET\n");
    t->in_text = 0;
    *fill = t->fill; /* rg set inside a text object persists after ET */
}

/* Marked content around op. Text keeps its text object across a change of element: the
   sequences of a run of text elements open and close inside one BT ... ET (ISO 32000-1 14.6
   lets marked content nest in a text object), so a table row costs no ET, BT and Tf per cell.
   A sequence and a text object always nest: one opened inside BT closes before ET. */
static void mark_op(W *w, const bc_op *op, bc_buf *b, tstate *t, uint32_t *fill)
{
    int text = op->kind == BC_OP_TEXT;
    if (graphics(op) && t->in_text && t->mc_inner)
        end_text(w, b, t, fill); /* a Figure's text, then its lines */
    if (!bc_pdftags_changes(w->tags, op)) return;
    if (t->in_text && text && t->mc_inner) {
        bc_pdf_close_run(b, t);
    } else {
        if (t->in_text) end_text(w, b, t, fill);
        bc_pdftags_close(w->tags, b);
        if (text) {
            bc_pdf_begin_text(b, t);
            t->fill = *fill;
            t->mc_inner = 1;
        }
    }
    bc_pdftags_switch(w->tags, b, op);
}

/* Writes one page's content stream into b; registers the fonts it uses on the page. */
/* long: one switch over the drawing operations with the text state (font, run, colour)
   kept across them */
static void draw_page(W *w, HPDF_Page pg, const bc_ops *ops, double H, bc_buf *b)
{
    tstate t = {0};
    t.font = -1;
    t.page_w = HPDF_Page_GetWidth(pg);
    t.fill = BC_NO_COLOR;
    uint32_t fill = BC_NO_COLOR; /* graphics fill outside text objects */
    const char *names[BC_FONT_SLOTS] = {0};
    w->page = ops;
    w->page_ltr = -1;      /* bc_pdf_page_reads_ltr, when a right-to-left span asks */
    bc_buf_adds(b, "q\n"); /* never an empty content stream */
    for (int i = 0; i < ops->n && !w->code; i++) {
        const bc_op *op = bc_pdf_draw_op(w, ops, i); /* a line's order: pdf_text.c */
        if (w->tags) mark_op(w, op, b, &t, &fill);
        if (graphics(op) && t.in_text) end_text(w, b, &t, &fill);
        switch (op->kind) {
        case BC_OP_TEXT:
            if (!t.in_text) t.fill = fill;
            if (op->font == BC_FONT_EMOJI) { /* pdf_emoji.c: invisible text, then images */
                if (!t.in_text) bc_pdf_begin_text(b, &t);
                bc_pdf_close_run(b, &t), t.font = -1, t.rotated = 0;
                bc_pdf_emoji_text(w, pg, op, H, b, &t.tlm_x, &t.tlm_y);
                t.js_op = NULL; /* pdf.js compares its invisible text's place (past_far) */
            } else if (op->dir != BC_TEXT_PLAIN || bc_pdf_carries_space(w, op))
                bc_pdf_shaped_text_op(w, pg, op, H, b, &t, names);
            else
                bc_pdf_text_op(w, pg, op, H, b, &t, names);
            break;
        case BC_OP_RECT: {
            if (op->w <= 0 || op->h <= 0) break;
            int f = op->fill != BC_NO_COLOR, s = op->stroke != BC_NO_COLOR;
            paint(b, op, f, s, &fill);
            bc_pdf_num(b, op->x);
            bc_pdf_num(b, H - op->y - op->h);
            bc_pdf_num(b, op->w);
            bc_pdf_num(b, op->h);
            bc_buf_adds(b, f && s ? "re B\n" : f ? "re f\n" : "re S\n");
            break;
        }
        case BC_OP_LINE: {
            bc_pdf_color(b, op->stroke, "RG");
            bc_pdf_num(b, op->lw);
            bc_buf_adds(b, "w\n");
            if (op->dash == 1)
                bc_buf_adds(b, "[3 2] 0 d\n");
            else if (op->dash == 2)
                bc_buf_adds(b, "[1 1] 0 d\n");
            bc_pdf_num(b, op->x);
            bc_pdf_num(b, H - op->y);
            bc_buf_adds(b, "m ");
            bc_pdf_num(b, op->x + op->w);
            bc_pdf_num(b, H - op->y - op->h);
            bc_buf_adds(b, "l\n");
            /* Continue a polyline while the next segment starts where this one ends. */
            while (i + 1 < ops->n && same_stroke(op, &ops->v[i + 1]) &&
                   fabsf(ops->v[i + 1].x - (op->x + op->w)) < 0.01f &&
                   fabsf(ops->v[i + 1].y - (op->y + op->h)) < 0.01f) {
                op = &ops->v[++i];
                bc_pdf_num(b, op->x + op->w);
                bc_pdf_num(b, H - op->y - op->h);
                bc_buf_adds(b, "l\n");
            }
            bc_buf_adds(b, "S\n");
            if (op->dash) bc_buf_adds(b, "[] 0 d\n");
            break;
        }
        case BC_OP_POLY:
        case BC_OP_CLIP: {
            int f = op->kind == BC_OP_POLY && op->fill != BC_NO_COLOR;
            int s = op->kind == BC_OP_POLY && op->stroke != BC_NO_COLOR;
            if (op->kind == BC_OP_CLIP) bc_buf_adds(b, "q\n");
            paint(b, op, f, s, &fill);
            if (op->kind == BC_OP_CLIP && op->len == 0) {
                bc_pdf_num(b, op->x);
                bc_pdf_num(b, H - op->y - op->h);
                bc_pdf_num(b, op->w);
                bc_pdf_num(b, op->h);
                bc_buf_adds(b, "re W n\n");
                break;
            }
            const float *pt = (const float *)op->text;
            for (size_t k = 0; k < op->len; k++) {
                bc_pdf_num(b, pt[2 * k] + op->x);
                bc_pdf_num(b, H - (pt[2 * k + 1] + op->y));
                bc_buf_adds(b, k ? "l\n" : "m\n");
            }
            if (op->kind == BC_OP_CLIP)
                bc_buf_adds(b, "h W n\n");
            else
                bc_buf_adds(b, f && s ? "h B\n" : f ? "h f\n" : "h S\n");
            break;
        }
        case BC_OP_UNCLIP:
            bc_buf_adds(b, "Q\n");
            fill = BC_NO_COLOR; /* the saved state's colour is back: unknown to us */
            break;
        case BC_OP_LINK: {
            HPDF_Rect r = {op->x, (HPDF_REAL)(H - op->y - op->h), op->x + op->w,
                           (HPDF_REAL)(H - op->y)};
            if (op->text[0] == '#') { /* a place in the document: linked once all pages exist */
                w->links = bc_xrealloc(w->links, (size_t)(w->nlinks + 1) * sizeof *w->links);
                w->links[w->nlinks].page = w->cur_page;
                w->links[w->nlinks].r = r;
                w->links[w->nlinks].name = op->text + 1;
                w->links[w->nlinks].se = op->se;
                w->nlinks++;
                break;
            }
            size_t ulen = strlen(op->text);
            if (ulen > HPDF_LIMIT_MAX_STRING_LEN) { /* cutting a URL would break it */
                bc_error_set(w->err, NULL, 0,
                             "a link target is %zu bytes long, more than a PDF "
                             "link can hold (%d); shorten the link that begins '%.60s'",
                             ulen, HPDF_LIMIT_MAX_STRING_LEN, op->text);
                w->own_error = 1;
                if (!w->code) w->code = HPDF_STRING_OUT_OF_RANGE;
                break;
            }
            HPDF_Annotation an = HPDF_Page_CreateURILinkAnnot(pg, r, op->text);
            if (an) HPDF_LinkAnnot_SetBorderStyle(an, 0, 0, 0);
            if (an && w->tags) {
                char desc[200];
                snprintf(desc, sizeof desc, "Link to %.180s", op->text);
                bc_pdftags_annot(w->tags, w->cur_page, an, op->se, desc);
            }
            break;
        }
        case BC_OP_IMAGE:
            if (!bc_image_draw(w->pdf, pg, &w->images, op, H, b) && !w->code)
                w->code = HPDF_FAILD_TO_ALLOC_MEM;
            break;
        default: break;
        }
    }
    if (t.in_text) end_text(w, b, &t, &fill);
    if (w->tags) bc_pdftags_end_page(w->tags, b);
    bc_pdf_emoji_flush(w, pg, H, b);
    bc_buf_adds(b, "Q\n");
    /* The content is deflated here, or read back deflated (zmemo.h), and written as it is
       (see bc_embed_stream). */
    HPDF_PageAttr attr = (HPDF_PageAttr)pg->attr;
    if (w->zmemo_pages ? bc_zmemo_deflate(b->data, b->len, BC_DEFLATE_FAST, &w->zbuf)
                       : bc_deflate(b->data, b->len, BC_DEFLATE_FAST, &w->zbuf)) {
        bc_embed_mark_deflated(attr->contents);
        HPDF_Stream_Write(attr->stream, (const HPDF_BYTE *)w->zbuf.data, (HPDF_UINT)w->zbuf.len);
    } else {
        HPDF_Stream_Write(attr->stream, (const HPDF_BYTE *)b->data, (HPDF_UINT)b->len);
    }
}

/* A PDF text string object: ASCII as it is, anything else as UTF-16BE with a byte order mark.
   (libharu's UTF-8 encoder would do this too, but setting it up clears 256 KB of tables.) */
static void *text_string(W *w, const char *s)
{
    size_t len = strlen(s);
    /* libharu refuses strings over 65,535 bytes (HPDF_LIMIT_MAX_STRING_LEN), and no viewer
       shows a bookmark that long: cut at a character boundary and end with an ellipsis. */
    char *cut = NULL;
    if (len > BC_PDF_MAX_TEXT_STRING) {
        size_t n = BC_PDF_MAX_TEXT_STRING;
        while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80) n--;
        cut = bc_xmalloc(n + 4);
        memcpy(cut, s, n);
        memcpy(cut + n, "\xE2\x80\xA6", 4); /* U+2026 and the NUL */
        s = cut;
        len = n + 3;
    }
    int ascii = 1;
    for (size_t i = 0; i < len && ascii; i++) ascii = (unsigned char)s[i] < 0x80;
    if (ascii) {
        void *obj = HPDF_String_New(w->pdf->mmgr, s, NULL);
        free(cut);
        return obj;
    }
    unsigned char *u = bc_xmalloc(2 + 2 * len);
    size_t n = bc_utf8_to_utf16be(s, len, u);
    void *obj = HPDF_Binary_New(w->pdf->mmgr, u, (HPDF_UINT)n);
    free(u);
    free(cut);
    return obj;
}

static void add_outline(W *w, const bc_layout *lay, HPDF_Page *pages, const bc_theme *th)
{
    HPDF_Outline parent[4] = {NULL, NULL, NULL, NULL};
    for (int i = 0; i < lay->noutline && !w->code; i++) {
        const bc_outline_entry *e = &lay->outline[i];
        int lv = e->level < 1 ? 1 : e->level > 3 ? 3 : e->level;
        HPDF_Outline up = NULL;
        for (int k = lv - 1; k >= 1 && !up; k--) up = parent[k];
        HPDF_Outline o = HPDF_CreateOutline(w->pdf, up, "", NULL);
        if (!o) return;
        HPDF_Dict_Add(o, "Title", text_string(w, e->title));
        HPDF_Destination d = HPDF_Page_CreateDestination(pages[e->page]);
        double H = lay->page_land && lay->page_land[e->page] ? th->page_w : th->page_h;
        HPDF_Destination_SetFitH(d, (HPDF_REAL)(H - e->y + 6));
        HPDF_Outline_SetDestination(o, d);
        HPDF_Outline_SetOpened(o, lv == 1 ? HPDF_TRUE : HPDF_FALSE);
        parent[lv] = o;
        for (int k = lv + 1; k < 4; k++) parent[k] = NULL;
    }
}

static void set_info(W *w, const char *key, const char *v)
{
    if (v && v[0]) HPDF_Dict_Add(w->pdf->info, key, text_string(w, v));
}

/* }====================================================== */

/* {====================================================== output */

/* The temporary file being written, so a signal handler can remove it. */
static char pending_tmp[4096];
static volatile sig_atomic_t pending;

static void on_fatal_signal(int sig)
{
    if (pending) unlink(pending_tmp); /* async-signal-safe */
    signal(sig, SIG_DFL);
    raise(sig);
}

void bc_pdf_cleanup_on_signals(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_fatal_signal;
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGHUP, &sa, NULL);
}

/* Writing to something that is not a regular file (/dev/stdout, a pipe, /dev/full): no
   temporary file and no rename, which would replace the device itself. The open never blocks
   (a FIFO nobody reads fails with ENXIO) and what was opened is checked again with fstat, so
   a folder, socket or block device swapped in meanwhile is not written either. */
static bc_status write_special(const unsigned char *data, size_t len, const char *path,
                               bc_error *err)
{
    int fd = open(path, O_WRONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
    if (fd < 0) {
        int e = errno;
        bc_error_set(err, path, 0, "cannot write '%s': %s", path,
                     e == ENXIO ? "it is a FIFO that no process is reading" : strerror(e));
        return BC_EIO;
    }
    struct stat st;
    if (fstat(fd, &st) != 0 || !(S_ISCHR(st.st_mode) || S_ISFIFO(st.st_mode))) {
        close(fd);
        bc_error_set(err, path, 0,
                     "cannot write '%s': it is not a regular file, a character "
                     "device or a FIFO",
                     path);
        return BC_EIO;
    }
    fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK);
    int e = bc_write_all(fd, data, len) != BC_OK ? errno : 0;
    if (close(fd) != 0 && !e) e = errno;
    if (e) {
        bc_error_set(err, path, 0, "cannot write '%s': %s", path, strerror(e ? e : EIO));
        return BC_EIO;
    }
    return BC_OK;
}

bc_status bc_pdf_commit(const unsigned char *data, size_t len, const char *path, bc_error *err)
{
    struct stat st;
    if (!path[0]) {
        bc_error_set(err, path, 0, "cannot write an output with an empty name");
        return BC_EIO;
    }
    if (lstat(path, &st) == 0) {
        /* a link is replaced, not followed, unless it leads to a device or a FIFO */
        if (S_ISLNK(st.st_mode) && stat(path, &st) != 0) st.st_mode = S_IFLNK;
        if (S_ISDIR(st.st_mode)) {
            bc_error_set(err, path, 0, "cannot write '%s': it is a folder", path);
            return BC_EIO;
        }
        if (S_ISCHR(st.st_mode) || S_ISFIFO(st.st_mode)) return write_special(data, len, path, err);
        if (S_ISSOCK(st.st_mode) || S_ISBLK(st.st_mode)) {
            bc_error_set(err, path, 0, "cannot write '%s': it is a %s, not a regular file", path,
                         S_ISSOCK(st.st_mode) ? "socket" : "block device");
            return BC_EIO;
        }
    }
    /* Temporary file in the target's folder, so rename() is atomic; its name is short and
       fixed in length, so any output name the file system accepts can be written. */
    char tmp[sizeof pending_tmp];
    const char *slash = strrchr(path, '/');
    int dirlen = slash ? (int)(slash - path) + 1 : 0;
    if ((size_t)dirlen + sizeof ".briefc-XXXXXX.tmp" > sizeof tmp) {
        bc_error_set(err, path, 0, "cannot write '%s': %s", path, strerror(ENAMETOOLONG));
        return BC_EIO;
    }
    snprintf(tmp, sizeof tmp, "%.*s.briefc-XXXXXX.tmp", dirlen, path);
    /* The signals that remove a pending file wait until it is recorded as pending: one that
       arrived while mkstemp created it would otherwise leave it behind. */
    sigset_t block, old;
    sigemptyset(&block);
    sigaddset(&block, SIGINT);
    sigaddset(&block, SIGTERM);
    sigaddset(&block, SIGHUP);
    sigprocmask(SIG_BLOCK, &block, &old);
    int fd = mkostemps(tmp, 4, O_CLOEXEC);
    int mk_errno = errno;
    if (fd >= 0) {
        memcpy(pending_tmp, tmp, sizeof tmp);
        pending = 1;
    }
    sigprocmask(SIG_SETMASK, &old, NULL);
    if (fd < 0) {
        bc_error_set(err, path, 0, "cannot write '%s': %s", path, strerror(mk_errno));
        return BC_EIO;
    }
    fchmod(fd, 0644);
    int e = 0;
    /* flushed here, or with the rest of a batch's outputs (durable.h) */
    if (bc_write_all(fd, data, len) != BC_OK || (!bc_durable_deferred() && fdatasync(fd) != 0))
        e = errno ? errno : EIO;
    if (close(fd) != 0 && !e) e = errno;
    if (!e && rename(tmp, path) != 0) e = errno;
    if (e) unlink(tmp);
    pending = 0;
    if (e) {
        bc_error_set(err, path, 0, "cannot write '%s': %s", path, strerror(e));
        return BC_EIO;
    }
    return BC_OK;
}

/* libharu's file into out, then libharu's document freed (its objects are the largest part of
   the heap at this point), then packed (pdf_pack.h). out is sized to the file exactly. */
static bc_status serialise(W *w, bc_buf *out)
{
    if (HPDF_SaveToStream(w->pdf) != HPDF_OK || w->code) {
        bc_status st = bc_pdf_check(w, "serialising the document");
        return st != BC_OK ? st : bc_error_set(w->err, NULL, 0, "PDF back end failed to serialise");
    }
    HPDF_UINT32 size = HPDF_GetStreamSize(w->pdf);
    if (out->cap < (size_t)size + 1) {
        free(out->data);
        out->data = bc_xmalloc((size_t)size + 1);
        out->cap = (size_t)size + 1;
    }
    out->len = 0;
    while (out->len < size) {
        HPDF_UINT32 n = size - (HPDF_UINT32)out->len;
        HPDF_ReadFromStream(w->pdf, (HPDF_BYTE *)out->data + out->len, &n);
        if (n == 0 || w->code) break;
        out->len += n;
    }
    out->data[out->len] = 0;
    if (out->len != size || w->code)
        return bc_error_set(w->err, NULL, 0, "PDF back end produced %zu of %u bytes", out->len,
                            (unsigned)size);
    HPDF_Free(w->pdf);
    w->pdf = NULL;
    /* Object streams and an xref stream (pdf_pack.h). Should the packer ever not recognise
       libharu's output, the file it was given is still a complete PDF and is kept. */
    bc_status st = BC_OK;
    bc_buf packed = {0};
    bc_error perr;
    bc_pdf_extra tree = {0}; /* a tagged file's structure tree is written by the packer */
    if (w->tags) bc_pdftags_extra(w->tags, &tree);
    if (bc_pdf_pack_with((const unsigned char *)out->data, out->len, w->tags ? &tree : NULL,
                         &packed, &perr) == BC_OK) {
        bc_buf t = *out;
        *out = packed;
        packed = t;
    } else if (w->tags) {
        st = bc_error_set(w->err, NULL, 0, "tagged PDF: %s", perr.msg);
    }
    bc_buf_free(&packed);
    return st;
}

/* The renderer; own, when given, is lay itself, and each page's drawing operations are freed
   as soon as the page is drawn (nothing after reads them: the layout hash is taken first). */
static bc_status render(const bc_layout *lay, bc_layout *own, const bc_theme *th,
                        const bc_meta *meta, bc_fontset *fs, bc_buf *out, bc_error *err)
{
    W w = {0};
    w.fs = fs;
    w.err = err;
    bc_status st = BC_OK;
    w.pdf = HPDF_New(on_error, &w);
    if (!w.pdf) return bc_error_set(err, NULL, 0, "cannot create a PDF document (out of memory)");
    HPDF_SetCompressionMode(w.pdf, HPDF_COMP_ALL); /* first: later pages inherit it */
    if ((st = bc_pdf_check(&w, "setting up the document")) != BC_OK) goto done;
    w.lang = meta ? meta->language : NULL;
    if ((st = bc_pdf_use_shaped_glyphs(&w, lay)) != BC_OK) goto done;
    if ((st = bc_pdf_load_fonts(&w)) != BC_OK) goto done;

    unsigned std = bc_pdf_std_of(meta);
    if (!(std & BC_STD_NONE) && bc_pdf_std_tagged(std)) w.tags = bc_pdftags_new(w.pdf, lay);
    uint64_t lay_hash = std & BC_STD_NONE ? 0 : bc_pdftags_layout_hash(lay);
    /* a landscape page (s:landscape) is the paper turned: its height is the paper's width */
#define PAGE_H(p) (lay->page_land && lay->page_land[p] ? th->page_w : th->page_h)
    HPDF_Page *pages = bc_xcalloc((size_t)lay->npages + 1, sizeof *pages);
    bc_buf content = {0};
    /* short documents only: the cache keeps 256 entries a kind, a long one would evict its
       own pages on every build (the 374-page stress brief took 0.65 s warm, 0.21 s now) */
    w.zmemo_pages = lay->npages <= ZMEMO_MAX_PAGES;
    for (int p = 0; p < lay->npages && !w.code; p++) {
        pages[p] = HPDF_AddPage(w.pdf);
        HPDF_Page_SetWidth(pages[p],
                           (HPDF_REAL)(PAGE_H(p) == th->page_h ? th->page_w : th->page_h));
        HPDF_Page_SetHeight(pages[p], (HPDF_REAL)PAGE_H(p));
        content.len = 0;
        w.cur_page = p;
        if (w.tags) bc_pdftags_begin_page(w.tags, pages[p], p);
        draw_page(&w, pages[p], &lay->pages[p], PAGE_H(p), &content);
        if (own) bc_ops_free(&own->pages[p]);
    }
    bc_buf_free(&content);
    for (int i = 0; i < w.nlinks && !w.code; i++) {
        const bc_dest *d = bc_layout_dest(lay, w.links[i].name);
        if (!d) continue; /* resolved earlier: cannot happen for a valid document */
        HPDF_Destination dst = HPDF_Page_CreateDestination(pages[d->page]);
        HPDF_Destination_SetFitH(dst, (HPDF_REAL)(PAGE_H(d->page) - d->y + 6));
        HPDF_Annotation an = HPDF_Page_CreateLinkAnnot(pages[w.links[i].page], w.links[i].r, dst);
        if (an) HPDF_LinkAnnot_SetBorderStyle(an, 0, 0, 0);
        if (an && w.tags) {
            char desc[64];
            snprintf(desc, sizeof desc, "Go to page %d", d->page + 1);
            bc_pdftags_annot(w.tags, w.links[i].page, an, w.links[i].se, desc);
        }
    }
    free(w.links);
    if (!w.code) add_outline(&w, lay, pages, th);
#undef PAGE_H
    /* page labels: viewers show the number printed in the footer, not an index */
    if (!w.code && lay->npages > 0)
        HPDF_AddPageLabel(w.pdf, 0, HPDF_PAGE_NUM_STYLE_DECIMAL, 1, NULL);
    free(pages);
    if ((st = bc_pdf_check(&w, "drawing pages")) != BC_OK) goto done;

    /* ASCII through the API (this creates the info dictionary), the rest as text strings. */
    HPDF_SetInfoAttr(w.pdf, HPDF_INFO_CREATOR, CREATOR);
    HPDF_SetInfoAttr(w.pdf, HPDF_INFO_PRODUCER, CREATOR " with libharu " HPDF_VERSION_TEXT);
    if (w.pdf->info) {
        set_info(&w, "Title", meta->title);
        set_info(&w, "Author", meta->authors);
        set_info(&w, "Subject", meta->subject ? meta->subject : meta->subtitle);
        set_info(&w, "Keywords", meta->keywords);
    }
    if (lay->noutline) HPDF_SetPageMode(w.pdf, HPDF_PAGE_MODE_USE_OUTLINE);
    if ((st = bc_pdf_check(&w, "writing document information")) != BC_OK) goto done;
    if (w.tags && (st = bc_pdftags_finish(w.tags, err)) != BC_OK) goto done;
    if (!(std & BC_STD_NONE) &&
        (st = bc_pdf_std_document(w.pdf, meta, std, CREATOR,
                                  CREATOR " with libharu " HPDF_VERSION_TEXT, lay_hash, err)) !=
            BC_OK)
        goto done;
    if ((st = bc_pdf_check(&w, "writing the structure tree")) != BC_OK) goto done;

    st = serialise(&w, out);
done:
    bc_pdftags_free(w.tags);
    bc_pdf_gmap_free(&w.gm);
    free(w.pen);
    if (w.pdf) HPDF_Free(w.pdf);
    for (int i = 0; i < BC_FONT_SLOTS; i++) bc_subset_free(&w.sub[i]);
    bc_buf_free(&w.zbuf);
    bc_image_xobjs_free(&w.images);
    bc_pdf_emoji_free(&w);
    return st;
}

bc_status bc_pdf_render(const bc_layout *lay, const bc_theme *th, const bc_meta *meta,
                        bc_fontset *fs, bc_buf *out, bc_error *err)
{
    return render(lay, NULL, th, meta, fs, out, err);
}

bc_status bc_pdf_render_consume(bc_layout *lay, const bc_theme *th, const bc_meta *meta,
                                bc_fontset *fs, bc_buf *out, bc_error *err)
{
    return render(lay, lay, th, meta, fs, out, err);
}

/* }====================================================== */

const char *bc_pdf_haru_version(void) { return HPDF_GetVersion(); }
const char *bc_pdf_haru_built(void) { return HPDF_VERSION_TEXT; }
