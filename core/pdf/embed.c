/*
** embed.c — Type0/CIDFontType2 font objects built through libharu's object API.
*/
#include "pdf/embed.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <hpdf_conf.h>
#include <hpdf_doc.h>
#include <hpdf_objects.h>

#include <zlib.h>

#include "base/cache.h"
#include "base/utf8.h"

/* zlib's default is 6; at 4 the sample brief is 1 % larger and deflate costs a fifth less. */

/* Four upper-case hex digits of v (at most 0xFFFF) at s: what "%04X" prints, without printf
   (a subset's map has a line for each glyph: 330 on the sample, at 1.4 K instructions each). */
static void hex4(char *s, unsigned v)
{
    static const char digits[] = "0123456789ABCDEF";
    for (int k = 3; k >= 0; k--, v >>= 4) s[k] = digits[v & 15];
}

/* One bfchar line "<GGGG> <UUUU>" (or "<GGGG> <UUUUUUUU>" for a surrogate pair, lo >= 0). */
static void bfchar(bc_buf *out, unsigned g, unsigned hi, int lo)
{
    char line[24] = "<0000> <0000";
    size_t n = 12;
    hex4(line + 1, g);
    hex4(line + 8, hi);
    if (lo >= 0) {
        hex4(line + 12, (unsigned)lo);
        n = 16;
    }
    line[n++] = '>';
    line[n++] = '\n';
    bc_buf_add(out, line, n);
}

void bc_embed_utf16_hex(bc_buf *out, const char *s, size_t len)
{
    const char *p = s, *end = s + len;
    while (p < end) {
        uint32_t cp = bc_utf8_next(&p);
        char h[8];
        if (cp > 0xFFFF) {
            uint32_t v = cp - 0x10000;
            hex4(h, 0xD800 + (v >> 10));
            hex4(h + 4, 0xDC00 + (v & 0x3FF));
            bc_buf_add(out, h, 8);
        } else {
            hex4(h, cp);
            bc_buf_add(out, h, 4);
        }
    }
}

/*
** The ToUnicode CMap: code (glyph id, or CID for CFF outlines) -> UTF-16BE, bfchar blocks of at most 100 entries. A glyph
** reached through the cmap maps to the first code point that maps to it (code points ascend).
** A glyph only shaped text reached (a ligature, a contextual or conjunct form) maps to the text
** of the cluster it was first drawn for: one or more code points, so "ﬃ" extracts as "ffi" and
** Arabic joining forms as their letters. A glyph drawn for other texts too (a base letter
** under other vowel marks) has a code of its own for each (bc_subset_variants), mapped to its
** text, and a glyph standing for nothing in its cluster maps to U+2060 (WORD JOINER). Clusters whose glyphs
** cannot say their text in order (reordered or split) are also given /ActualText by pdf.c.
*/
static void tounicode(const bc_subset *sub, bc_buf *out)
{
    /* bc_embed_subset gave every subset its variants */
    bc_buf_adds(out, "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
                     "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
                     "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
                     "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n");
    /* One entry per glyph: the first code point that maps to it (code points ascend). */
    unsigned char *seen = bc_xcalloc((size_t)sub->nglyphs + 1, 1);
    int n = 0;
    for (int i = 0; i < sub->n; i++)
        if (sub->gids[i] && sub->gids[i] < sub->nglyphs && !seen[sub->gids[i]]) {
            seen[sub->gids[i]] = 1;
            n++;
        }
    for (int i = 0; i < sub->nxg; i++) {
        uint16_t g = sub->xcode[i];
        if (g >= sub->nglyphs + sub->nextra || !sub->xg[i].len) continue;
        if (g >= sub->nglyphs)
            n++; /* a variant's own code */
        else if (g && !seen[g]) {
            seen[g] = 1;
            n++;
        }
    }
    memset(seen, 0, (size_t)sub->nglyphs + 1);
    int done = 0;
    for (int i = 0; i < sub->n; i++) {
        uint16_t g = sub->gids[i];
        if (!g || g >= sub->nglyphs || seen[g]) continue;
        seen[g] = 1;
        if (done % 100 == 0)
            bc_buf_printf(out, "%d beginbfchar\n", n - done > 100 ? 100 : n - done);
        uint32_t cp = sub->cps[i];
        if (cp > 0xFFFF) {
            uint32_t v = cp - 0x10000;
            bfchar(out, g, 0xD800 + (v >> 10), 0xDC00 + (v & 0x3FF));
        } else {
            bfchar(out, g, cp, -1);
        }
        done++;
        if (done % 100 == 0 || done == n) bc_buf_adds(out, "endbfchar\n");
    }
    for (int i = 0; i < sub->nxg; i++) {
        uint16_t g = sub->xcode[i];
        if (!g || g >= sub->nglyphs + sub->nextra || !sub->xg[i].len) continue;
        if (g < sub->nglyphs) {
            if (seen[g]) continue;
            seen[g] = 1;
        }
        if (done % 100 == 0)
            bc_buf_printf(out, "%d beginbfchar\n", n - done > 100 ? 100 : n - done);
        char head[8] = "<0000> <";
        hex4(head + 1, g);
        bc_buf_add(out, head, sizeof head);
        if (sub->xg[i].len != BC_GLYPH_NOTHING)
            bc_embed_utf16_hex(out, sub->xg[i].text, sub->xg[i].len);
        else
            bc_buf_adds(out, "2060"); /* nothing: WORD JOINER, which pdf.js drops (it reads
                                          an empty mapping as none) and shaping ignores */
        bc_buf_adds(out, ">\n");
        done++;
        if (done % 100 == 0 || done == n) bc_buf_adds(out, "endbfchar\n");
    }
    free(seen);
    bc_buf_adds(out, "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");
}

/* One deflate state per thread, reset between streams: compress2 would allocate and touch
   ~270 KB of fresh pages for every stream (glibc serves them by mmap), which costs more than
   the compression of a small stream itself. */
static _Thread_local z_stream zs;
static _Thread_local int zs_ready;

static _Thread_local int zs_level;

int bc_deflate(const void *data, size_t len, int level, bc_buf *out)
{
    if (!zs_ready) {
        memset(&zs, 0, sizeof zs);
        if (deflateInit(&zs, level) != Z_OK) return 0;
        zs_ready = 1;
        zs_level = level;
    } else if (deflateReset(&zs) != Z_OK) {
        return 0;
    }
    if (level != zs_level) { /* on a reset stream: nothing is flushed */
        if (deflateParams(&zs, level, Z_DEFAULT_STRATEGY) != Z_OK) return 0;
        zs_level = level;
    }
    size_t cap = deflateBound(&zs, (uLong)len) + 1;
    out->len = 0;
    if (out->cap < cap) {
        out->data = bc_xrealloc(out->data, cap);
        out->cap = cap;
    }
    zs.next_in = (Bytef *)(uintptr_t)data;
    zs.avail_in = (uInt)len;
    zs.next_out = (Bytef *)out->data;
    zs.avail_out = (uInt)(cap - 1);
    if (deflate(&zs, Z_FINISH) != Z_STREAM_END) return 0;
    out->len = cap - 1 - zs.avail_out;
    return 1;
}

void bc_deflate_end(void)
{
    if (zs_ready) deflateEnd(&zs);
    zs_ready = 0;
}

/* libharu drops a /Filter key from any stream it does not deflate itself, and its write hook
   runs after the keys: the hook adds the key back for data that is already deflated. */
static HPDF_STATUS write_flate_key(HPDF_Dict dict, HPDF_Stream stream)
{
    (void)dict;
    return HPDF_Stream_WriteStr(stream, "/Filter /FlateDecode\012");
}

void bc_embed_mark_deflated(HPDF_Dict stream_dict)
{
    stream_dict->filter = HPDF_STREAM_FILTER_NONE;
    stream_dict->write_fn = write_flate_key;
}

HPDF_Dict bc_embed_stream(HPDF_Doc pdf, const void *data, size_t len)
{
    HPDF_Dict s = HPDF_DictStream_New(pdf->mmgr, pdf->xref);
    if (!s) return NULL;
    bc_buf z = {0};
    int ok = bc_deflate(data, len, BC_DEFLATE_SMALL, &z) &&
             HPDF_Stream_Write(s->stream, (const HPDF_BYTE *)z.data, (HPDF_UINT)z.len) == HPDF_OK;
    bc_buf_free(&z);
    if (!ok) return NULL;
    bc_embed_mark_deflated(s);
    return s;
}

static HPDF_Dict flate_stream(HPDF_Doc pdf, const void *data, size_t len)
{
    return bc_embed_stream(pdf, data, len);
}

/* A stream object holding z, deflated already. */
static HPDF_Dict deflated_stream(HPDF_Doc pdf, const bc_buf *z)
{
    HPDF_Dict s = HPDF_DictStream_New(pdf->mmgr, pdf->xref);
    if (!s ||
        HPDF_Stream_Write(s->stream, (const HPDF_BYTE *)z->data, (HPDF_UINT)z->len) != HPDF_OK)
        return NULL;
    bc_embed_mark_deflated(s);
    return s;
}

static HPDF_Dict new_dict(HPDF_Doc pdf)
{
    HPDF_Dict d = HPDF_Dict_New(pdf->mmgr);
    if (d && HPDF_Xref_Add(pdf->xref, d) != HPDF_OK) return NULL;
    return d;
}

HPDF_Dict bc_embed_font(HPDF_Doc pdf, const bc_font *f, const bc_subset *sub, int index)
{
    bc_font_info info;
    bc_font_describe(f, &info);
    char name[128];
    snprintf(name, sizeof name, "BC%c%c%c%c+%s", 'A' + (index / 17576) % 26,
             'A' + (index / 676) % 26, 'A' + (index / 26) % 26, 'A' + index % 26, info.psname);
    HPDF_STATUS r = HPDF_OK;

    /* FontFile2: the subset itself, deflated already by bc_embed_subset or here. */
    size_t rawlen = sub->zdata.len ? sub->rawlen : sub->data.len;
    HPDF_Dict file = sub->zdata.len ? deflated_stream(pdf, &sub->zdata)
                                    : flate_stream(pdf, sub->data.data, sub->data.len);
    if (!file) return NULL;
    int cff = bc_font_is_cff(f);
    if (cff)
        r |= HPDF_Dict_AddName(file, "Subtype", "CIDFontType0C"); /* bare CFF, CID codes */
    else
        r |= HPDF_Dict_AddNumber(file, "Length1", (HPDF_INT32)rawlen);

    HPDF_Dict desc = new_dict(pdf);
    if (!desc) return NULL;
    r |= HPDF_Dict_AddName(desc, "Type", "FontDescriptor");
    r |= HPDF_Dict_AddName(desc, "FontName", name);
    r |= HPDF_Dict_AddNumber(desc, "Flags", info.flags);
    HPDF_Box box = {(HPDF_REAL)info.bbox[0], (HPDF_REAL)info.bbox[1], (HPDF_REAL)info.bbox[2],
                    (HPDF_REAL)info.bbox[3]};
    r |= HPDF_Dict_Add(desc, "FontBBox", HPDF_Box_Array_New(pdf->mmgr, box));
    r |= HPDF_Dict_AddReal(desc, "ItalicAngle", (HPDF_REAL)info.italic_angle);
    r |= HPDF_Dict_AddNumber(desc, "Ascent", (HPDF_INT32)info.ascent);
    r |= HPDF_Dict_AddNumber(desc, "Descent", (HPDF_INT32)info.descent);
    r |= HPDF_Dict_AddNumber(desc, "CapHeight", (HPDF_INT32)info.cap_height);
    r |= HPDF_Dict_AddNumber(desc, "StemV", (info.flags & 0x40000) ? 120 : 80);
    r |= HPDF_Dict_Add(desc, cff ? "FontFile3" : "FontFile2", file);

    /* Widths of the glyphs in use, by glyph id, in runs of consecutive ids, each at most
       8,000 long: libharu refuses an array of more than 32,767 elements, and the variant codes
       of a long vocalised Arabic text (one per piece of a word, bc_subset_variants) are one
       run of tens of thousands. */
    HPDF_Array w = HPDF_Array_New(pdf->mmgr);
    HPDF_Array run = NULL;
    int prev = -2, run_len = 0;
    int ncodes = sub->nglyphs + sub->nextra;
    uint16_t *glyph = bc_xcalloc((size_t)ncodes + 1, sizeof *glyph); /* a code's glyph, +1 */
    for (int i = 0; i < sub->n; i++)
        if (sub->gids[i] < sub->nglyphs) glyph[sub->gids[i]] = (uint16_t)(sub->gids[i] + 1);
    for (int i = 0; i < sub->nxg; i++) { /* shaped text's glyphs, by their codes */
        uint16_t own = bc_subset_glyph_code(sub, sub->xg[i].gid), c = sub->xcode[i];
        if (own < sub->nglyphs && c < ncodes) glyph[c] = (uint16_t)(own + 1);
    }
    glyph[0] = 1;
    for (int g = 0; g < ncodes; g++) {
        if (!glyph[g]) continue;
        if (g != prev + 1 || !run || run_len == 8000) {
            r |= HPDF_Array_AddNumber(w, g);
            run = HPDF_Array_New(pdf->mmgr);
            r |= HPDF_Array_Add(w, run);
            run_len = 0;
        }
        r |= HPDF_Array_AddNumber(run, sub->widths[glyph[g] - 1]);
        run_len++;
        prev = g;
    }
    /* variants: codes after the subset's glyphs drawing one of them (TrueType only) */
    HPDF_Dict c2g = NULL;
    if (sub->nextra && !cff) {
        unsigned char *m = bc_xcalloc((size_t)ncodes, 2);
        for (int g = 0; g < ncodes; g++) {
            int to = g < sub->nglyphs ? g : glyph[g] ? glyph[g] - 1 : 0;
            m[2 * g] = (unsigned char)(to >> 8);
            m[2 * g + 1] = (unsigned char)to;
        }
        c2g = flate_stream(pdf, m, (size_t)ncodes * 2);
        free(m);
        if (!c2g) r |= 1;
    }
    free(glyph);

    HPDF_Dict cid = new_dict(pdf);
    if (!cid) return NULL;
    r |= HPDF_Dict_AddName(cid, "Type", "Font");
    r |= HPDF_Dict_AddName(cid, "Subtype", cff ? "CIDFontType0" : "CIDFontType2");
    r |= HPDF_Dict_AddName(cid, "BaseFont", name);
    HPDF_Dict sys = HPDF_Dict_New(pdf->mmgr);
    r |= HPDF_Dict_Add(sys, "Registry", HPDF_String_New(pdf->mmgr, "Adobe", NULL));
    r |= HPDF_Dict_Add(sys, "Ordering", HPDF_String_New(pdf->mmgr, "Identity", NULL));
    r |= HPDF_Dict_AddNumber(sys, "Supplement", 0);
    r |= HPDF_Dict_Add(cid, "CIDSystemInfo", sys);
    r |= HPDF_Dict_Add(cid, "FontDescriptor", desc);
    r |= HPDF_Dict_AddNumber(cid, "DW", sub->nglyphs ? sub->widths[0] : 0);
    r |= HPDF_Dict_Add(cid, "W", w);
    if (c2g)
        r |= HPDF_Dict_Add(cid, "CIDToGIDMap", c2g);
    else if (!cff)
        r |= HPDF_Dict_AddName(cid, "CIDToGIDMap", "Identity"); /* CFF: the charset's */

    HPDF_Dict tu;
    if (sub->zcmap.len) { /* deflated once with the subset */
        tu = deflated_stream(pdf, &sub->zcmap);
    } else {
        bc_buf cm = {0};
        tounicode(sub, &cm);
        tu = flate_stream(pdf, cm.data, cm.len);
        bc_buf_free(&cm);
    }
    if (!tu) return NULL;

    HPDF_Dict font = new_dict(pdf);
    if (!font) return NULL;
    font->header.obj_class |= HPDF_OSUBCLASS_FONT;
    r |= HPDF_Dict_AddName(font, "Type", "Font");
    r |= HPDF_Dict_AddName(font, "Subtype", "Type0");
    r |= HPDF_Dict_AddName(font, "BaseFont", name);
    r |= HPDF_Dict_AddName(font, "Encoding", "Identity-H");
    HPDF_Array desc_fonts = HPDF_Array_New(pdf->mmgr);
    r |= HPDF_Array_Add(desc_fonts, cid);
    r |= HPDF_Dict_Add(font, "DescendantFonts", desc_fonts);
    r |= HPDF_Dict_Add(font, "ToUnicode", tu);
    return r == HPDF_OK ? font : NULL;
}

/* {====================================================== subsets, made once */

#define SUBSET_FORMAT 8 /* bump when the cached layout below, or its deflate level, changes */
#define RECENT 64       /* subsets kept in memory: a batch of 11 fiscal years uses 33 */

typedef struct recent_subset {
    uint64_t key;
    const bc_font *font;
    bc_subset sub;
} recent_subset;

static recent_subset recent[RECENT];
static int next_recent;
static int disk_on = 1;

void bc_embed_disk_cache(int on) { disk_on = on; }

void bc_embed_release(void)
{
    for (int i = 0; i < RECENT; i++) {
        bc_subset_free(&recent[i].sub);
        recent[i].font = NULL;
        recent[i].key = 0;
    }
}

typedef struct cp_acc {
    uint64_t h;
    uint32_t *v;
    int n, cap;
} cp_acc;

static void acc_cp(uint32_t cp, void *ud)
{
    cp_acc *a = ud;
    for (int b = 0; b < 4; b++) a->h = (a->h ^ ((cp >> (8 * b)) & 255)) * 1099511628211ULL;
    BC_GROW(a->v, a->n, a->cap, 256);
    a->v[a->n++] = cp;
}

static void copy_subset(bc_subset *to, const bc_subset *from)
{
    memset(to, 0, sizeof *to);
    to->n = from->n;
    to->nglyphs = from->nglyphs;
    to->rawlen = from->rawlen;
    to->retain = from->retain;
    to->nglyph_codes = from->nglyph_codes;
    to->glyph_codes = bc_xmalloc((size_t)(from->nglyph_codes ? from->nglyph_codes : 1) * 2);
    if (from->nglyph_codes)
        memcpy(to->glyph_codes, from->glyph_codes, (size_t)from->nglyph_codes * 2);
    to->cps = bc_xmalloc((size_t)(from->n ? from->n : 1) * sizeof *to->cps);
    to->gids = bc_xmalloc((size_t)(from->n ? from->n : 1) * sizeof *to->gids);
    to->widths = bc_xmalloc((size_t)(from->nglyphs ? from->nglyphs : 1) * sizeof *to->widths);
    if (from->n) {
        memcpy(to->cps, from->cps, (size_t)from->n * sizeof *to->cps);
        memcpy(to->gids, from->gids, (size_t)from->n * sizeof *to->gids);
    }
    if (from->nglyphs) memcpy(to->widths, from->widths, (size_t)from->nglyphs * sizeof *to->widths);
    bc_buf_add(&to->zdata, from->zdata.data, from->zdata.len);
    bc_buf_add(&to->zcmap, from->zcmap.data, from->zcmap.len);
    if (from->nxg) {
        to->xg = bc_xmalloc((size_t)from->nxg * sizeof *to->xg);
        memcpy(to->xg, from->xg, (size_t)from->nxg * sizeof *to->xg);
        to->nxg = from->nxg;
    }
}

/* Cached form: uint32 n, nglyphs, crc, nxg | uint64 rawlen, zlen, cmaplen, ncodes | cps |
   gids | widths | glyph codes (ncodes) | zdata | zcmap | xg (nxg); crc covers zdata and
   zcmap. */
static void save_subset(const bc_subset *s, bc_buf *out)
{
    uLong crc = crc32(0, (const Bytef *)s->zdata.data, (uInt)s->zdata.len);
    crc = crc32(crc, (const Bytef *)s->zcmap.data, (uInt)s->zcmap.len);
    uint32_t head[4] = {(uint32_t)s->n, (uint32_t)s->nglyphs, (uint32_t)crc, (uint32_t)s->nxg};
    uint64_t lens[4] = {s->rawlen, s->zdata.len, s->zcmap.len, (uint64_t)s->nglyph_codes};
    bc_buf_add(out, head, sizeof head);
    bc_buf_add(out, lens, sizeof lens);
    bc_buf_add(out, s->cps, (size_t)s->n * sizeof *s->cps);
    bc_buf_add(out, s->gids, (size_t)s->n * sizeof *s->gids);
    bc_buf_add(out, s->widths, (size_t)s->nglyphs * sizeof *s->widths);
    bc_buf_add(out, s->glyph_codes, (size_t)s->nglyph_codes * 2);
    bc_buf_add(out, s->zdata.data, s->zdata.len);
    bc_buf_add(out, s->zcmap.data, s->zcmap.len);
    bc_buf_add(out, s->xg, (size_t)s->nxg * sizeof *s->xg);
}

/* Reads a cached subset for exactly the code points want[0..n) and the shaped glyphs
   xg[0..nxg); 0 when it is not one. */
static int load_subset(const unsigned char *d, size_t len, const uint32_t *want, int n,
                       const bc_glyph_use *xg, int nxg, bc_subset *out)
{
    uint32_t head[4];
    uint64_t lens[4];
    if (len < sizeof head + sizeof lens) return 0;
    memcpy(head, d, sizeof head);
    memcpy(lens, d + sizeof head, sizeof lens);
    size_t at = sizeof head + sizeof lens;
    if ((int)head[0] != n || head[1] > 65536 || (int)head[3] != nxg || lens[1] > len ||
        lens[2] > len || lens[3] > 65536 || lens[0] > (1u << 30) ||
        at + (uint64_t)head[0] * 6 + (uint64_t)head[1] * 2 + lens[3] * 2 + lens[1] + lens[2] +
                (uint64_t)head[3] * sizeof *xg !=
            len)
        return 0;
    if (n && memcmp(d + at, want, (size_t)n * 4) != 0) return 0; /* another set: a collision */
    const unsigned char *dxg = d + len - (size_t)nxg * sizeof *xg;
    if (nxg && memcmp(dxg, xg, (size_t)nxg * sizeof *xg) != 0) return 0;
    const unsigned char *codes = d + at + (size_t)n * 6 + (size_t)head[1] * 2;
    for (uint64_t i = 0; i < lens[3]; i++) { /* every code must name a glyph of the subset */
        uint16_t c;
        memcpy(&c, codes + 2 * i, 2);
        if (c >= head[1] && c) return 0;
    }
    const unsigned char *z = codes + lens[3] * 2;
    const unsigned char *zc = z + lens[1];
    uLong crc = crc32(crc32(0, z, (uInt)lens[1]), zc, (uInt)lens[2]);
    if ((uint32_t)crc != head[2]) return 0;
    bc_subset s = {0};
    s.n = n;
    s.nglyphs = (int)head[1];
    s.rawlen = (size_t)lens[0];
    s.cps = bc_xmalloc((size_t)(n ? n : 1) * sizeof *s.cps);
    s.gids = bc_xmalloc((size_t)(n ? n : 1) * sizeof *s.gids);
    s.widths = bc_xmalloc((size_t)(s.nglyphs ? s.nglyphs : 1) * sizeof *s.widths);
    memcpy(s.cps, d + at, (size_t)n * 4);
    memcpy(s.gids, d + at + (size_t)n * 4, (size_t)n * 2);
    memcpy(s.widths, d + at + (size_t)n * 6, (size_t)s.nglyphs * 2);
    s.retain = nxg > 0;
    s.nglyph_codes = (int)lens[3];
    s.glyph_codes = bc_xmalloc((size_t)(s.nglyph_codes ? s.nglyph_codes : 1) * 2);
    memcpy(s.glyph_codes, codes, (size_t)s.nglyph_codes * 2);
    bc_buf_add(&s.zdata, z, (size_t)lens[1]);
    bc_buf_add(&s.zcmap, zc, (size_t)lens[2]);
    if (nxg) {
        s.xg = bc_xmalloc((size_t)nxg * sizeof *s.xg);
        memcpy(s.xg, xg, (size_t)nxg * sizeof *s.xg);
        s.nxg = nxg;
    }
    *out = s;
    return 1;
}

bc_status bc_embed_subset(bc_font *f, bc_subset *out, bc_error *err)
{
    memset(out, 0, sizeof *out);
    /* the font file as opened (one stat per process, not per document), the format, the set */
    cp_acc a = {(bc_font_file_key(f) ^ SUBSET_FORMAT) * 1099511628211ULL, NULL, 0, 0};
    bc_font_each_used(f, acc_cp, &a);
    int nxg;
    const bc_glyph_use *xg = bc_font_used_glyphs(f, &nxg); /* and the shaped glyphs */
    for (int i = 0; i < nxg; i++) {
        const unsigned char *c = (const unsigned char *)&xg[i];
        for (size_t b = 0; b < sizeof *xg; b++) a.h = (a.h ^ c[b]) * 1099511628211ULL;
    }
    uint64_t key = a.h ? a.h : 1;
    for (int i = 0; i < RECENT; i++) {
        recent_subset *r = &recent[i];
        if (r->font == f && r->key == key && r->sub.n == a.n &&
            (!a.n || !memcmp(r->sub.cps, a.v, (size_t)a.n * sizeof *a.v)) && r->sub.nxg == nxg &&
            (!nxg || !memcmp(r->sub.xg, xg, (size_t)nxg * sizeof *xg))) {
            copy_subset(out, &r->sub);
            bc_subset_variants(out, bc_font_is_cff(f));
            free(a.v);
            return BC_OK;
        }
    }
    /* on disk, the whole of the font file's identity is the key, not its hash (cache.h) */
    unsigned char kb[BC_CACHE_KEY_MAX];
    size_t idlen, kl = 0;
    const unsigned char *id = bc_font_file_id(f, &idlen);
    if (idlen && idlen + 8 <= sizeof kb) {
        memcpy(kb, &key, 8);
        memcpy(kb + 8, id, idlen);
        kl = idlen + 8;
    }
    bc_cached c;
    int found = 0;
    if (disk_on && kl && bc_cache_map("subset", kb, kl, &c)) {
        found = load_subset(c.data, c.len, a.v, a.n, xg, nxg, out);
        bc_cache_unmap(&c);
        if (found) bc_subset_variants(out, bc_font_is_cff(f));
    }
    if (!found) {
        if (bc_font_subset(f, out, err) != BC_OK) {
            free(a.v);
            return BC_ERR;
        }
        bc_subset_variants(out, bc_font_is_cff(f));
        if (!bc_deflate(out->data.data, out->data.len, BC_DEFLATE_SMALL, &out->zdata)) {
            free(a.v);
            bc_subset_free(out);
            return bc_error_set(err, bc_font_path(f), 0, "cannot compress font (out of memory)");
        }
        out->rawlen = out->data.len;
        bc_buf_free(&out->data); /* embedded from zdata */
        bc_buf cm = {0};
        tounicode(out, &cm);
        int ok = bc_deflate(cm.data, cm.len, BC_DEFLATE_SMALL, &out->zcmap);
        bc_buf_free(&cm);
        if (!ok) {
            free(a.v);
            bc_subset_free(out);
            return bc_error_set(err, bc_font_path(f), 0, "cannot compress font (out of memory)");
        }
        if (disk_on && kl) {
            bc_buf b = {0};
            save_subset(out, &b);
            bc_cache_store("subset", kb, kl, b.data, b.len);
            bc_buf_free(&b);
        }
    }
    free(a.v);
    recent_subset *r = &recent[next_recent];
    next_recent = (next_recent + 1) % RECENT;
    bc_subset_free(&r->sub);
    r->key = key;
    r->font = f;
    copy_subset(&r->sub, out);
    return BC_OK;
}

/* }====================================================== */
