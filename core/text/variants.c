/*
** variants.c — the codes of a font subset's glyphs drawn for several texts (font.h): a glyph
** that stands for different characters in different clusters (a Devanagari vowel sign before
** कि and before नि, a mark that stands for nothing where its cluster's first glyph says it
** all) gets a code of its own per text, so that each code has one ToUnicode entry; the PDF
** maps the extra codes to the glyph through a CIDToGIDMap (pdf/embed.c).
*/
#include "text/font.h"

#include <stdlib.h>
#include <string.h>

#include "base/utf8.h"

void bc_glyph_text_key(const char *text, size_t len, char out[31], unsigned char *ul)
{
    memset(out, 0, 31);
    if (!text) {
        *ul = 0;
        return;
    }
    if (!len) {
        *ul = BC_GLYPH_NOTHING;
        return;
    }
    size_t n = len < 31 ? len : 31;
    while (n > 0 && n < len && ((unsigned char)text[n] & 0xC0) == 0x80) n--; /* whole characters */
    memcpy(out, text, n);
    *ul = (unsigned char)n;
    if (!n) *ul = BC_GLYPH_NOTHING; /* a first character over 31 bytes cannot be */
}

void bc_subset_variants(bc_subset *s, int cff)
{
    if (s->xcode) return;
    s->xcode = bc_xcalloc((size_t)(s->nxg ? s->nxg : 1), sizeof *s->xcode);
    s->nextra = 0;
    /* the code point each code stands for through the cmap (+1; 0 none), the lowest */
    uint32_t *cp_of = bc_xcalloc((size_t)s->nglyphs + 1, sizeof *cp_of);
    for (int i = 0; i < s->n; i++)
        if (s->gids[i] && s->gids[i] < s->nglyphs && !cp_of[s->gids[i]])
            cp_of[s->gids[i]] = s->cps[i] + 1;
    int owner = -1;
    for (int i = 0; i < s->nxg; i++) {
        const bc_glyph_use *u = &s->xg[i];
        if (i == 0 || u->gid != s->xg[i - 1].gid) owner = -1;
        uint16_t g = bc_subset_glyph_code(s, u->gid);
        s->xcode[i] = g;
        if (cff || !g || g >= s->nglyphs || !u->len) continue; /* CFF: a CID is its glyph */
        if (cp_of[g]) { /* the glyph's own code stands for its character */
            char one[4];
            size_t n = bc_utf8_encode(cp_of[g] - 1, one);
            if (u->len == n && !memcmp(u->text, one, n)) continue;
        } else if (owner < 0) {
            owner = i; /* the first text takes the glyph's own code */
            continue;
        }
        if (s->nglyphs + s->nextra >= 0xFFFF) continue; /* codes are 16 bits */
        s->xcode[i] = (uint16_t)(s->nglyphs + s->nextra++);
    }
    free(cp_of);
}

uint16_t bc_subset_text_code(const bc_subset *s, uint32_t gid, const char *text, size_t len)
{
    uint16_t own = bc_subset_glyph_code(s, gid);
    if (!s->nextra || !s->xcode) return own;
    char key[31];
    unsigned char ul;
    bc_glyph_text_key(text, len, key, &ul);
    int lo = 0, hi = s->nxg;
    while (lo < hi) { /* the glyph's first entry */
        int mid = (lo + hi) / 2;
        if (s->xg[mid].gid < gid)
            lo = mid + 1;
        else
            hi = mid;
    }
    for (int i = lo; i < s->nxg && s->xg[i].gid == gid; i++)
        if (s->xg[i].len == ul && !memcmp(s->xg[i].text, key, sizeof key)) return s->xcode[i];
    return own;
}
