/*
** pdf_std.c — the document level of PDF/UA-1 and PDF/A-2 (see pdf_std.h).
**
** libharu's own PDF/A support (HPDF_PDFA_SetPDFAConformance) is not used: it writes PDF/A-1
** identifiers only, copies strings into XML unescaped and makes a time-based /ID. Everything
** here goes through the object API: the XMP packet is built and escaped here, written as a
** deflated stream (PDF/A-2 6.6.2.1 allows it, unlike PDF/A-1), and its values are the info
** dictionary's, cut the same way pdf.c cuts them. The output intent's sRGB profile is built
** in pdf_icc.c.
*/
#define _GNU_SOURCE
#include "pdf/pdf_std.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <hpdf_conf.h>
#include <hpdf_doc.h>
#include <hpdf_objects.h>
#include <zlib.h>

#include "doc/lang.h"
#include "pdf/pdf.h"
#include "pdf/pdf_icc.h"

/* {====================================================== parsing */

static unsigned one_std(const char *s, size_t n)
{
    static const struct {
        const char *name;
        unsigned bit;
    } t[] = {
        {"none", BC_STD_NONE}, {"ua-1", BC_STD_UA1}, {"a-2b", BC_STD_A2B},
        {"a-2u", BC_STD_A2U},  {"a-2a", BC_STD_A2A},
    };
    for (size_t i = 0; i < sizeof t / sizeof t[0]; i++)
        if (strlen(t[i].name) == n && memcmp(t[i].name, s, n) == 0) return t[i].bit;
    return 0;
}

int bc_pdf_std_parse(const char *s, unsigned *out, bc_error *err)
{
    unsigned set = 0;
    const char *p = s;
    for (;;) {
        const char *c = strchr(p, ',');
        size_t n = c ? (size_t)(c - p) : strlen(p);
        unsigned b = one_std(p, n);
        unsigned parts_a = BC_STD_A2B | BC_STD_A2U | BC_STD_A2A;
        if (!b || (set & b) || ((b & parts_a) && (set & parts_a)) ||
            ((b | set) & BC_STD_NONE && set)) {
            bc_error_set(err, NULL, 0,
                         "--pdf-standard '%s' is not one of none, ua-1, a-2b, "
                         "a-2u, a-2a or one UA part and one A part joined by a comma "
                         "(ua-1,a-2a)",
                         s);
            return -1;
        }
        set |= b;
        if (!c) break;
        p = c + 1;
    }
    *out = set;
    return 0;
}

unsigned bc_pdf_std_of(const bc_meta *meta)
{
    return meta && meta->pdf_standard ? meta->pdf_standard : BC_STD_DEFAULT;
}

int bc_pdf_std_tagged(unsigned std) { return (std & (BC_STD_UA1 | BC_STD_A2A)) != 0; }

int bc_pdf_std_lang_ok(const char *tag) { return bc_lang_tag_ok(tag); }

/* }====================================================== */

/* {====================================================== XMP */

/* The info dictionary's value as pdf.c writes it: cut at a character boundary with an
   ellipsis beyond BC_PDF_MAX_TEXT_STRING bytes. */
static void add_cut(bc_buf *b, const char *s)
{
    size_t len = strlen(s), n = len;
    if (len > BC_PDF_MAX_TEXT_STRING) {
        n = BC_PDF_MAX_TEXT_STRING;
        while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80) n--;
    }
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        switch (c) {
        case '&': bc_buf_adds(b, "&amp;"); break;
        case '<': bc_buf_adds(b, "&lt;"); break;
        case '>': bc_buf_adds(b, "&gt;"); break;
        case '"': bc_buf_adds(b, "&quot;"); break;
        case '\'': bc_buf_adds(b, "&apos;"); break;
        default:
            /* XML 1.0 has no control characters but tab, newline and return */
            if (c < 0x20 && c != '\t' && c != '\n' && c != '\r')
                bc_buf_addc(b, ' ');
            else
                bc_buf_addc(b, (char)c);
        }
    }
    if (n < len) bc_buf_adds(b, "\xE2\x80\xA6");
}

static void xmp_alt(bc_buf *b, const char *prop, const char *v)
{
    if (!v || !v[0]) return;
    bc_buf_printf(b, "<%s><rdf:Alt><rdf:li xml:lang=\"x-default\">", prop);
    add_cut(b, v);
    bc_buf_printf(b, "</rdf:li></rdf:Alt></%s>", prop);
}

/* A simple property as an attribute of rdf:Description (RDF's abbreviated form, XMP
   Specification 2005 7.9.2.2): the shortest well-formed way to write it. */
static void xmp_attr(bc_buf *b, const char *prop, const char *v)
{
    if (!v || !v[0]) return;
    bc_buf_printf(b, " %s=\"", prop);
    add_cut(b, v);
    bc_buf_addc(b, '"');
}

/* The packet, as short as it can be written (it is a fixed cost on every file): no
   indentation, simple properties as attributes, the arrays as elements, no dc:format (which
   PDF/A-2 does not ask for). The xpacket wrapper stays: ISO 19005-2 6.6.2.1 regulates its
   header's attributes, and readers of PDF/A-1 files look for it. */
static void build_xmp(bc_buf *b, const bc_meta *m, unsigned std, const char *creator,
                      const char *producer, const char *xmp_date)
{
    const char *subject = m->subject ? m->subject : m->subtitle;
    unsigned a_parts = std & (BC_STD_A2B | BC_STD_A2U | BC_STD_A2A);
    int ext = a_parts && (std & BC_STD_UA1); /* PDF/A-2 6.6.2.3: pdfuaid is declared */
    bc_buf_adds(b, "<?xpacket begin=\"\xEF\xBB\xBF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>"
                   "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">"
                   "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">"
                   "<rdf:Description rdf:about=\"\""
                   " xmlns:dc=\"http://purl.org/dc/elements/1.1/\""
                   " xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\""
                   " xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\"");
    if (a_parts) bc_buf_adds(b, " xmlns:pdfaid=\"http://www.aiim.org/pdfa/ns/id/\"");
    if (std & BC_STD_UA1) bc_buf_adds(b, " xmlns:pdfuaid=\"http://www.aiim.org/pdfua/ns/id/\"");
    if (ext)
        bc_buf_adds(b, " xmlns:pdfaExtension=\"http://www.aiim.org/pdfa/ns/extension/\""
                       " xmlns:pdfaSchema=\"http://www.aiim.org/pdfa/ns/schema#\""
                       " xmlns:pdfaProperty=\"http://www.aiim.org/pdfa/ns/property#\"");
    xmp_attr(b, "pdf:Keywords", m->keywords);
    xmp_attr(b, "pdf:Producer", producer);
    xmp_attr(b, "xmp:CreatorTool", creator);
    if (xmp_date) {
        xmp_attr(b, "xmp:CreateDate", xmp_date);
        xmp_attr(b, "xmp:ModifyDate", xmp_date);
    }
    if (std & BC_STD_UA1) bc_buf_adds(b, " pdfuaid:part=\"1\"");
    if (a_parts)
        bc_buf_printf(b, " pdfaid:part=\"2\" pdfaid:conformance=\"%s\"",
                      std & BC_STD_A2A   ? "A"
                      : std & BC_STD_A2U ? "U"
                                         : "B");
    bc_buf_addc(b, '>');
    xmp_alt(b, "dc:title", m->title);
    if (m->authors && m->authors[0]) {
        bc_buf_adds(b, "<dc:creator><rdf:Seq><rdf:li>");
        add_cut(b, m->authors);
        bc_buf_adds(b, "</rdf:li></rdf:Seq></dc:creator>");
    }
    xmp_alt(b, "dc:description", subject);
    if (ext) /* the two structs with their simple fields as attributes: the schema's as
                an rdf:Description, the property's as an empty rdf:li (RDF/XML 7.2.21,
                emptyPropertyElt); every field of ISO 19005-2 6.6.2.3.3 and 6.6.2.3.4 is there,
                the two free-text ones (schema, description) short */
        bc_buf_adds(b,
                    "<pdfaExtension:schemas><rdf:Bag><rdf:li><rdf:Description"
                    " pdfaSchema:schema=\"PDF/UA identification\""
                    " pdfaSchema:namespaceURI=\"http://www.aiim.org/pdfua/ns/id/\""
                    " pdfaSchema:prefix=\"pdfuaid\">"
                    "<pdfaSchema:property><rdf:Seq><rdf:li pdfaProperty:name=\"part\""
                    " pdfaProperty:valueType=\"Integer\" pdfaProperty:category=\"internal\""
                    " pdfaProperty:description=\"ISO 14289 part\"/></rdf:Seq></pdfaSchema:property>"
                    "</rdf:Description></rdf:li></rdf:Bag></pdfaExtension:schemas>");
    bc_buf_adds(b, "</rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end=\"r\"?>");
}

/* }====================================================== */

static HPDF_Dict new_stream(HPDF_Doc pdf, const void *data, size_t len)
{
    HPDF_Dict s = HPDF_DictStream_New(pdf->mmgr, pdf->xref);
    if (!s) return NULL;
    s->filter = HPDF_STREAM_FILTER_NONE;
    HPDF_Stream_Write(s->stream, (const HPDF_BYTE *)data, (HPDF_UINT)len);
    return s;
}

/* The sRGB profile of the output intent (pdf_icc.h), deflated once per process (batch rows
   and --combine write it into every PDF). Deflated as libharu deflates a stream it filters,
   zlib's default level over the whole profile. NULL when deflate fails. */
static bc_buf icc_z;
static int icc_state; /* 0 not tried, 1 ready, -1 failed */

void bc_pdf_std_release(void)
{
    bc_buf_free(&icc_z);
    icc_state = 0;
}

static const bc_buf *icc_deflated(void)
{
    if (icc_state) return icc_state > 0 ? &icc_z : NULL;
    icc_state = -1;
    size_t icc_len;
    const unsigned char *icc = bc_icc_srgb(&icc_len);
    uLongf n = compressBound((uLong)icc_len);
    bc_buf_reserve(&icc_z, n);
    if (compress2((Bytef *)icc_z.data, &n, icc, (uLong)icc_len, Z_DEFAULT_COMPRESSION) != Z_OK) {
        bc_buf_free(&icc_z);
        return NULL;
    }
    icc_z.len = n;
    icc_state = 1;
    return &icc_z;
}

/* What libharu writes for a stream it deflates itself: the filter as a one-name array. */
static HPDF_STATUS write_flate_filter(HPDF_Dict dict, HPDF_Stream stream)
{
    (void)dict;
    return HPDF_Stream_WriteStr(stream, "/Filter [ /FlateDecode ]\012");
}

/* SOURCE_DATE_EPOCH as the info dictionary's and the XMP's dates; 0 when unset or invalid. */
static int source_date(char info[32], char xmp[32])
{
    const char *e = getenv("SOURCE_DATE_EPOCH");
    if (!e || !*e) return 0;
    char *end;
    errno = 0;
    long long v = strtoll(e, &end, 10);
    if (errno || *end || v < 0 || v > 253402300799LL) return 0; /* up to 9999-12-31 */
    time_t t = (time_t)v;
    struct tm tm;
    if (!gmtime_r(&t, &tm)) return 0;
    strftime(info, 32, "D:%Y%m%d%H%M%SZ", &tm);
    strftime(xmp, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return 1;
}

static uint64_t mix(uint64_t h)
{
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdULL;
    h ^= h >> 33;
    h *= 0xc4ceb9fe1a85ec53ULL;
    h ^= h >> 33;
    return h;
}

bc_status bc_pdf_std_document(HPDF_Doc pdf, const bc_meta *meta, unsigned std, const char *creator,
                              const char *producer, uint64_t id_seed, bc_error *err)
{
    HPDF_Dict cat = pdf->catalog;
    HPDF_MMgr mm = pdf->mmgr;
    const char *lang = meta->language && meta->language[0] ? meta->language : "en-US";
    if (!bc_pdf_std_lang_ok(lang))
        return bc_error_set(err, NULL, 0,
                            "the brief's language '%s' is not a BCP 47 tag; "
                            "write it like 'en', 'en-GB' or 'ur-PK'",
                            lang);
    pdf->pdf_version = HPDF_VER_17; /* PDF/UA-1 is built on ISO 32000-1 */
    HPDF_Dict_Add(cat, "Lang", HPDF_String_New(mm, lang, NULL));
    HPDF_Dict mark = HPDF_Dict_New(mm);
    HPDF_Dict_Add(cat, "MarkInfo", mark);
    HPDF_Dict_Add(mark, "Marked",
                  HPDF_Boolean_New(mm, bc_pdf_std_tagged(std) ? HPDF_TRUE : HPDF_FALSE));
    HPDF_Dict vp = HPDF_Dict_New(mm);
    HPDF_Dict_Add(cat, "ViewerPreferences", vp);
    HPDF_Dict_Add(vp, "DisplayDocTitle", HPDF_Boolean_New(mm, HPDF_TRUE));

    char info_date[32], xmp_date[32];
    int dated = source_date(info_date, xmp_date);
    if (dated && pdf->info) {
        HPDF_Dict_Add(pdf->info, "CreationDate", HPDF_String_New(mm, info_date, NULL));
        HPDF_Dict_Add(pdf->info, "ModDate", HPDF_String_New(mm, info_date, NULL));
    }
    bc_buf x = {0};
    build_xmp(&x, meta, std, creator, producer, dated ? xmp_date : NULL);
    HPDF_Dict md = new_stream(pdf, x.data, x.len);
    bc_buf_free(&x);
    if (!md) return bc_error_set(err, NULL, 0, "cannot create the XMP metadata stream");
    /* Deflated: ISO 19005-2 6.6.2.1 asks the catalog's metadata stream for XMP that is
       well formed, UTF-8 and without the packet's bytes and encoding attributes; the ban on
       its /Filter key was PDF/A-1's (ISO 19005-1 6.7.2, corrigendum 2) and is not in
       PDF/A-2. ISO 14289-1 adds nothing about filters. */
    md->filter = HPDF_STREAM_FILTER_FLATE_DECODE;
    HPDF_Dict_AddName(md, "Type", "Metadata");
    HPDF_Dict_AddName(md, "Subtype", "XML");
    HPDF_Dict_Add(cat, "Metadata", md);

    if (std & (BC_STD_A2B | BC_STD_A2U | BC_STD_A2A)) {
        const bc_buf *icc = icc_deflated();
        if (!icc)
            return bc_error_set(err, NULL, 0,
                                "cannot deflate the sRGB ICC profile PDF/A needs "
                                "(out of memory?); build with --pdf-standard ua-1 or none");
        /* deflated already (allowed here, unlike the XMP's): the key written as libharu would */
        HPDF_Dict prof = new_stream(pdf, icc->data, icc->len);
        if (!prof) return bc_error_set(err, NULL, 0, "cannot create the output intent");
        prof->write_fn = write_flate_filter;
        HPDF_Dict_AddNumber(prof, "N", 3);
        HPDF_Dict oi = HPDF_Dict_New(mm);
        HPDF_Dict_AddName(oi, "Type", "OutputIntent");
        HPDF_Dict_AddName(oi, "S", "GTS_PDFA1");
        HPDF_Dict_Add(oi, "OutputConditionIdentifier",
                      HPDF_String_New(mm, "sRGB IEC61966-2.1", NULL));
        HPDF_Dict_Add(oi, "Info", HPDF_String_New(mm, "sRGB IEC61966-2.1", NULL));
        HPDF_Dict_Add(oi, "DestOutputProfile", prof);
        HPDF_Array ois = HPDF_Array_New(mm);
        HPDF_Array_Add(ois, oi);
        HPDF_Dict_Add(cat, "OutputIntents", ois);
    }

    /* The /ID: two equal 16-byte strings from the content's hash (not the clock). */
    unsigned char id[16];
    uint64_t a = mix(id_seed ^ 0x9e3779b97f4a7c15ULL), b = mix(a + id_seed);
    for (int i = 0; i < 8; i++) {
        id[i] = (unsigned char)(a >> (8 * i));
        id[8 + i] = (unsigned char)(b >> (8 * i));
    }
    HPDF_Array ida = HPDF_Array_New(mm);
    HPDF_Array_Add(ida, HPDF_Binary_New(mm, id, 16));
    HPDF_Array_Add(ida, HPDF_Binary_New(mm, id, 16));
    HPDF_Dict_Add(pdf->trailer, "ID", ida);
    return BC_OK;
}
