/*
** pdf_std.h — the document level of PDF/UA-1 and PDF/A-2: which standards a PDF claims
** (--pdf-standard), and the catalog, XMP metadata, output intent and trailer entries they ask
** of the objects briefc writes. The structure tree and marked content are in pdf_tags.h.
*/
#ifndef BC_PDF_STD_H
#define BC_PDF_STD_H

#include <stdint.h>

#include <hpdf.h>

#include "doc/theme.h"
#include "base/util.h"

/* Bits of bc_meta.pdf_standard. None set (0) is the default: tagged, UA-1 and A-2u. */
#define BC_STD_UA1 1u   /* PDF/UA-1 (ISO 14289-1) */
#define BC_STD_A2B 2u   /* PDF/A-2b (ISO 19005-2, visual appearance) */
#define BC_STD_A2U 4u   /* PDF/A-2u (… and Unicode for all text) */
#define BC_STD_A2A 8u   /* PDF/A-2a (… and tagged) */
#define BC_STD_NONE 16u /* explicitly none: no tags, no claims */
#define BC_STD_DEFAULT (BC_STD_UA1 | BC_STD_A2U)

/* Parses "none", "ua-1", "a-2b", "a-2u", "a-2a" or a comma-separated pair of one UA and one
   A part ("ua-1,a-2a"). Returns 0 and sets *out, or -1 with a message in err. */
int bc_pdf_std_parse(const char *s, unsigned *out, bc_error *err);

/* The effective set for a meta (its pdf_standard, or the default). */
unsigned bc_pdf_std_of(const bc_meta *meta);

/* Whether the standards in std need the structure tree and marked content. */
int bc_pdf_std_tagged(unsigned std);

/* A BCP 47 language tag's syntax (RFC 5646 shape: letters, digits, hyphen-separated subtags
   of 1 to 8 characters, a 2-3 letter or 4-8 letter primary subtag). 1 when it is well formed. */
int bc_pdf_std_lang_ok(const char *tag);

/* Writes what the document level asks into pdf (after pages and info exist, before saving):
   /Lang, /MarkInfo, /ViewerPreferences, the XMP /Metadata stream (equal to the info dictionary,
   which gets its dates here from SOURCE_DATE_EPOCH when it is set), the /OutputIntents with the
   sRGB profile, and a trailer /ID derived from id_seed (so rebuilds stay byte-identical).
   creator and producer are the info dictionary's values. */
bc_status bc_pdf_std_document(HPDF_Doc pdf, const bc_meta *meta, unsigned std, const char *creator,
                              const char *producer, uint64_t id_seed, bc_error *err);

/* Frees the deflated sRGB profile kept for the process (cli/process.h). */
void bc_pdf_std_release(void);

#endif
