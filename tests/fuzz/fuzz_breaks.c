/* fuzz_breaks.c — any bytes through line breaking (text/uax14.c) in a language the first byte
   picks, and through lbsimple.c's shortcut, which must agree with ICU wherever it answers;
   grapheme clusters; and hyphenation with a UTF-8 dictionary (French, libhyphen) and an
   ISO 8859-1 one (Dutch, compiled): every break lies inside the text, the text's end is a
   mandatory break and a cluster boundary, and hyphenation points fall inside the word (ASan
   watches every byte read and written). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "text/hyph.h"
#include "text/lbsimple.h"
#include "text/uax14.h"

static const char *const langs[] = {NULL, "en", "fr-FR", "zh-CN", "ja", "ko", "ur", "de"};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0 || size > 4096) return 0;
    const char *lang = langs[data[0] % 8];
    size_t len = size - 1;
    char *s = malloc(len ? len : 1); /* exactly the text: a read past it is caught */
    unsigned char *out = malloc(len + 1);
    if (!s || !out) abort();
    if (len) memcpy(s, data + 1, len);
    bc_uax14_breaks(s, len, lang, out);
    if (out[0] != BC_BRK_NONE && len) abort();
    if (out[len] != BC_BRK_MANDATORY) abort();
    for (size_t i = 0; i <= len; i++)
        if (out[i] > BC_BRK_MANDATORY) abort();
    /* the shortcut past ICU for Latin text (lbsimple.c) must give ICU's answer */
    unsigned char *icu = malloc(len + 1);
    if (!icu) abort();
    if (bc_lbsimple_breaks(s, len, out) == 0) {
        bc_uax14_breaks_icu(s, len, NULL, icu);
        if (memcmp(out, icu, len + 1) != 0) abort();
    }
    free(icu);
    bc_grapheme_bounds(s, len, out);
    if (!out[len] || (len && !out[0])) abort();
    static bc_hyph *fr, *nl;
    static int loaded;
    if (!loaded) {
        fr = bc_hyph_for("fr-FR");
        nl = bc_hyph_for("nl-NL");
        loaded = 1;
    }
    if (len > 0 && len < 512) {
        bc_hyph *h = data[0] & 1 ? fr : nl;
        if (h) {
            unsigned char *brk = malloc(len);
            if (!brk) abort();
            int n = bc_hyph_points(h, s, len, brk);
            int seen = 0;
            for (size_t i = 0; i < len; i++) seen += brk[i] != 0;
            if (seen != n || (len && brk[len - 1])) abort(); /* never after the last byte */
            free(brk);
        }
    }
    free(s);
    free(out);
    return 0;
}
