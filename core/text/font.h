/*
** font.h — TrueType fonts for layout and embedding.
**
** Pipeline position: layout asks a bc_font for advance widths (read once from the file's
** tables, sfnt.h), the PDF back end asks it for the code points the document used and a
** subset of the font holding exactly those glyphs (HarfBuzz's subsetter, hbsubset.h, keeps
** composite components, which libharu 2.3's own subsetting loses). libharu is only ever
** handed that small subset.
*/
#ifndef BC_FONT_H
#define BC_FONT_H

#include <stddef.h>
#include <stdint.h>

#include "base/util.h"

typedef struct bc_font bc_font;

/* Opens and validates a TrueType file. On error names the file in err. The file is read
   through fileio.h: a regular file of at most 64 MB, anywhere. */
bc_status bc_font_open(const char *path, bc_font **out, bc_error *err);
/* The same, for a file that must lie inside one of roots (a brief's font). */
struct bc_file_roots;
bc_status bc_font_open_in(const char *path, const struct bc_file_roots *roots, bc_font **out,
                          bc_error *err);
/* Face number face of a collection (.ttc; 0 for a single font), TrueType or CFF outlines. */
bc_status bc_font_open_face(const char *path, unsigned face, const struct bc_file_roots *roots,
                            bc_font **out, bc_error *err);
void bc_font_free(bc_font *f);

const char *bc_font_path(const bc_font *f);
unsigned bc_font_face(const bc_font *f);
/* The file's bytes as mapped when opened through the file door (a shaper's hb_blob, with
   bc_font_face as the face index: never open the path again, it may have changed). */
const unsigned char *bc_font_data(const bc_font *f, size_t *len);
/* Whether the outlines are CFF (embedded as CIDFontType0, FontFile3 /CIDFontType0C). */
int bc_font_is_cff(const bc_font *f);
/* The family name from the font's own name table (typographic family first), UTF-8. */
int bc_font_family(const bc_font *f, char *buf, size_t size);
/* The highest and lowest ink of the glyphs of s's characters, in 1/1000 em above and below
   the baseline (bottom <= 0 <= top); the font's ascender and descender for CFF outlines. */
void bc_font_ink(bc_font *f, const char *s, size_t len, double *top, double *bottom);
/* Weight class (100 to 1000) and whether the face is italic or oblique. */
void bc_font_style(const bc_font *f, int *weight, int *italic);

/* The font file's identity (path, device, inode, size, modification and change times) as
   read from the descriptor it was mapped from, for cache keys; 0 when it could not be
   examined. bc_font_file_id gives the whole of it (bc_cache_file_id) and its length. */
uint64_t bc_font_file_key(const bc_font *f);
const unsigned char *bc_font_file_id(const bc_font *f, size_t *len);

/* Advance width of cp in 1/1000 em (the .notdef width when the font lacks cp). */
double bc_font_advance(bc_font *f, uint32_t cp);
int bc_font_has(bc_font *f, uint32_t cp);
/* The glyph the font's cmap gives cp, 0 when it has none. */
uint32_t bc_font_glyph(bc_font *f, uint32_t cp);

/*
** Replaces characters the font lacks by their usual typographic stand-ins when the font has
** those (minus sign -> en dash -> hyphen, narrow or thin spaces -> spaces, non-breaking
** hyphen -> hyphen). Returns s itself when nothing changes, else a copy in the arena; *len is
** updated. Characters with no stand-in are left for the caller to report.
*/
const char *bc_font_substitute(bc_font *f, const char *s, size_t *len, bc_arena *a);

/* Width in points of valid UTF-8 text at size. */
double bc_font_width(bc_font *f, const char *s, size_t len, double size);

/* The pair kerning between code points a and b (a first), in 1/1000 em, from the font's
   GPOS 'kern' lookups (see kern.h); 0 when either is a space or the font has none. Widths
   from bc_font_width include it, and the PDF back end draws it, so the two always agree. */
double bc_font_kern(bc_font *f, uint32_t a, uint32_t b);

/* The GPOS pair kerning of the cmap glyphs of code points a then b, in font units (spaces
   too), as kern.h's bc_kern_pair gives it (0 when either has no glyph): for a shaper that
   sets glyphs from the cmap (shape.c), kept in the font's on-disk kerning table. */
int bc_font_kern_units(bc_font *f, uint32_t a, uint32_t b);

/* The open font whose file is mapped at data (bc_font_data), else NULL: for a shaper handed
   the bytes to find the font's tables. */
bc_font *bc_font_of_data(const unsigned char *data, size_t len, unsigned face);

/* Vertical metrics in 1/1000 em (ascender positive, descender negative). */
double bc_font_ascender(const bc_font *f);
double bc_font_descender(const bc_font *f);
double bc_font_cap_height(const bc_font *f);

/* Usage for subsetting: mark every code point of s as used in this document. */
void bc_font_use(bc_font *f, const char *s, size_t len);
int bc_font_used_any(const bc_font *f);
void bc_font_usage_clear(bc_font *f);
/* Calls fn for each used code point in ascending order. */
void bc_font_each_used(const bc_font *f, void (*fn)(uint32_t cp, void *ud), void *ud);

/* A glyph set by shaping (text/shape.h) rather than through the cmap, and the text of its
   cluster (at most 31 bytes, cut at a character) for the ToUnicode map. */
typedef struct bc_glyph_use {
    uint16_t gid;
    unsigned char len; /* 0: no text known; BC_GLYPH_NOTHING: stands for no character */
    char text[31];
} bc_glyph_use;

#define BC_GLYPH_NOTHING 0xFF

/* The key a cluster's text is kept under (variants.c): at most 31 bytes of it, cut at a
   character, zero-filled; *ul its length, 0 with no text (NULL), BC_GLYPH_NOTHING when
   len is 0 (the glyph stands for no character there). */
void bc_glyph_text_key(const char *text, size_t len, char out[31], unsigned char *ul);

/* For shaped text: mark glyph id gid of this font (as a shaper such as HarfBuzz returns it)
   as used, with text[0..len) the cluster it was drawn for (NULL for none; len 0: the glyph
   stands for no character there). A glyph drawn for several texts (a base letter under
   different marks) keeps each as a variant, which the PDF draws with a code of its own. A subset of a font with glyphs used keeps those glyphs
   (ligatures, contextual forms and conjuncts no code point reaches), and bc_subset_glyph_code
   gives the code to draw each with (the glyph id, or for CFF outlines its CID). Ids outside
   the font are ignored. */
void bc_font_use_glyph(bc_font *f, uint32_t gid, const char *text, size_t len);
int bc_font_glyphs_used(const bc_font *f);
/* The glyphs marked so far in this document, ascending by id (owned by f; *n of them). */
const bc_glyph_use *bc_font_used_glyphs(bc_font *f, int *n);

/* A subset of the font with exactly the used code points (plus .notdef) and the glyphs shaped
   text used, ready to embed. Glyphs are renumbered; bc_subset_glyph_code gives the code to
   draw each glyph shaped text used with. */
typedef struct bc_subset {
    bc_buf data;    /* TrueType bytes, or the bare CFF table for CFF outlines */
    uint32_t *cps;  /* used code points, ascending */
    uint16_t *gids; /* their codes in the PDF (0 when the font lacks one): the glyph id in
                           the subset, or for CFF its CID */
    int n;
    uint16_t *widths; /* advance of each code, 1/1000 em */
    int nglyphs;      /* codes: 0 .. nglyphs - 1 */
    bc_buf zdata;     /* data deflated, as embedded (bc_embed_subset fills it) */
    bc_buf zcmap;     /* the ToUnicode CMap, deflated (bc_embed_subset fills it) */
    size_t rawlen;    /* the length of the TrueType bytes zdata inflates to */
    bc_glyph_use *xg; /* glyphs used by shaped text, ascending by the font's glyph id */
    int nxg;
    int retain;            /* glyphs were used by shaped text (their codes are in glyph_codes) */
    uint16_t *glyph_codes; /* retain: the code of each glyph id of the font up to the largest
                              used (0 for the others) */
    int nglyph_codes;
    uint16_t *xcode; /* bc_subset_variants: the code of each xg entry; NULL before */
    int nextra;      /* codes nglyphs .. nglyphs + nextra - 1 draw another code's glyph */
} bc_subset;

bc_status bc_font_subset(bc_font *f, bc_subset *out, bc_error *err);
void bc_subset_free(bc_subset *s);
/* The code to draw glyph id gid of the font with (bc_font_use_glyph), 0 when the subset does
   not hold it. */
uint16_t bc_subset_glyph_code(const bc_subset *s, uint32_t gid);
/* Gives each text a glyph was drawn for (xg) its code: the glyph's own for its first text (or
   the character its cmap entry gives), an extra code after nglyphs for each other, so that
   every code has one ToUnicode entry (a TrueType CIDToGIDMap draws the extra codes with the
   same glyph). A CFF font (cff) has none: its codes are its CIDs. Idempotent. */
void bc_subset_variants(bc_subset *s, int cff);
/* The code to draw glyph gid with when it stands for text[0..len) (len 0: for nothing). */
uint16_t bc_subset_text_code(const bc_subset *s, uint32_t gid, const char *text, size_t len);
/* Glyph id of cp in the subset, 0 when absent (binary search). */
uint16_t bc_subset_gid(const bc_subset *s, uint32_t cp);

/* What a PDF FontDescriptor says about the font (1/1000 em units). */
typedef struct bc_font_info {
    char psname[64];
    double bbox[4]; /* xmin, ymin, xmax, ymax */
    double italic_angle;
    double ascent, descent, cap_height;
    int flags; /* PDF font flags: serif, italic, nonsymbolic, … */
} bc_font_info;

void bc_font_describe(const bc_font *f, bc_font_info *info);

#endif
