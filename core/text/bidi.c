/*
** bidi.c — UAX #9 with FriBidi (see bidi.h): levels from FriBidi's implementation of rules
** P2–I2 with bracket pairs (N0) and L1; the reordering of a line's pieces (L2) done here,
** because layout reorders fragments of text, not characters.
*/
#include "text/bidi.h"

#include <stdlib.h>
#include <string.h>

#include <fribidi.h>

#include "base/utf8.h"
#include "base/util.h"

static int rtl_cp(uint32_t cp)
{
    return (cp >= 0x0590 && cp < 0x0900) || (cp >= 0xFB1D && cp < 0xFE00) ||
           (cp >= 0xFE70 && cp < 0xFF00) || (cp >= 0x10800 && cp < 0x10FFF) ||
           (cp >= 0x1E800 && cp < 0x1EFFF) || cp == 0x200F || cp == 0x061C ||
           (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);
}

int bc_bidi_needed(const char *s, size_t len)
{
    const char *p = s, *end = s + len;
    while (p < end) {
        if ((unsigned char)*p < 0xD6) { /* below U+0590 */
            p++;
            continue;
        }
        if (rtl_cp(bc_utf8_next(&p))) return 1;
    }
    return 0;
}

int bc_bidi_rtl_language(const char *lang)
{
    static const char *const rtl[] = {"ar",  "arc", "ckb",     "dv",      "fa", "he",
                                      "iw",  "ks",  "ku-Arab", "pa-Arab", "ps", "sd",
                                      "syr", "ug",  "ur",      "yi",      NULL};
    if (!lang) return 0;
    for (int i = 0; rtl[i]; i++) {
        size_t n = strlen(rtl[i]);
        if (!strncmp(lang, rtl[i], n) && (lang[n] == 0 || lang[n] == '-' || lang[n] == '_'))
            return 1;
    }
    return 0;
}

int bc_bidi_levels_cp(const uint32_t *cp, int n, int base, unsigned char *levels)
{
    if (n <= 0) return base == BC_BIDI_RTL;
    FriBidiCharType *types = bc_xmalloc((size_t)n * sizeof *types);
    FriBidiBracketType *brackets = bc_xmalloc((size_t)n * sizeof *brackets);
    FriBidiLevel *lv = bc_xmalloc((size_t)n * sizeof *lv);
    int ret = -1;
    fribidi_get_bidi_types(cp, n, types);
    fribidi_get_bracket_types(cp, n, types, brackets);
    FriBidiParType dir = base == BC_BIDI_RTL        ? FRIBIDI_PAR_RTL
                         : base == BC_BIDI_LTR      ? FRIBIDI_PAR_LTR
                         : base == BC_BIDI_AUTO_RTL ? FRIBIDI_PAR_WRTL
                                                    : FRIBIDI_PAR_ON;
    if (!fribidi_get_par_embedding_levels_ex(types, brackets, n, &dir, lv)) goto done;
    /* L1 over the paragraph as one line: whitespace (and isolate controls) before a segment
       separator and at the end take the paragraph level. */
    FriBidiLevel par = FRIBIDI_DIR_TO_LEVEL(dir);
    int trailing = 1;
    for (int i = n - 1; i >= 0; i--) {
        FriBidiCharType t = types[i];
        if (t == FRIBIDI_TYPE_SS || t == FRIBIDI_TYPE_BS) {
            lv[i] = par;
            trailing = 1;
        } else if (trailing && (t == FRIBIDI_TYPE_WS || FRIBIDI_IS_ISOLATE(t) ||
                                FRIBIDI_IS_EXPLICIT_OR_BN(t))) {
            lv[i] = par;
        } else {
            trailing = 0;
        }
    }
    for (int i = 0; i < n; i++) levels[i] = (unsigned char)lv[i];
    ret = par & 1;
done:
    free(types);
    free(brackets);
    free(lv);
    return ret;
}

int bc_bidi_levels(const char *text, size_t len, int base, unsigned char *levels)
{
    uint32_t *cp = bc_xmalloc((len ? len : 1) * sizeof *cp);
    unsigned char *cl = bc_xmalloc(len ? len : 1);
    int n = 0;
    const char *p = text, *end = text + len;
    while (p < end) cp[n++] = bc_utf8_next(&p);
    int par = bc_bidi_levels_cp(cp, n, base, cl);
    if (par >= 0) {
        p = text;
        for (int i = 0; i < n; i++) {
            const char *q = p;
            bc_utf8_next(&q);
            memset(levels + (p - text), cl[i], (size_t)(q - p));
            p = q;
        }
    }
    free(cp);
    free(cl);
    return par;
}

void bc_bidi_reorder(const unsigned char *levels, int n, int *order)
{
    unsigned char hi = 0, lo_odd = 255;
    for (int i = 0; i < n; i++) {
        order[i] = i;
        if (levels[i] > hi) hi = levels[i];
        if (levels[i] & 1 && levels[i] < lo_odd) lo_odd = levels[i];
    }
    if (lo_odd == 255) return; /* nothing right to left */
    /* From the highest level down to the lowest odd one, reverse every maximal sequence of
       pieces at that level or higher. */
    for (int lv = hi; lv >= lo_odd; lv--) {
        for (int i = 0; i < n;) {
            if (levels[order[i]] < lv) {
                i++;
                continue;
            }
            int j = i;
            while (j < n && levels[order[j]] >= lv) j++;
            for (int a = i, b = j - 1; a < b; a++, b--) {
                int t = order[a];
                order[a] = order[b];
                order[b] = t;
            }
            i = j;
        }
    }
}

uint32_t bc_bidi_mirror(uint32_t cp)
{
    FriBidiChar m;
    return fribidi_get_mirror_char(cp, &m) ? m : cp;
}
