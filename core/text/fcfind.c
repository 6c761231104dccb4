/*
** fcfind.c — installed fonts through fontconfig, opened with dlopen (see fcfind.h). Each
** entry point is looked up by name; a missing library or entry point turns the lookups off
** rather than failing the build: the fonts of the brief and the shipped chain still work.
*/
#include "text/fcfind.h"

#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <fontconfig/fontconfig.h>

#define FC_LIBRARY "libfontconfig.so.1"
#define MAX_DIRS 32
#define MAX_SORTED 600 /* faces looked at for one character: the best ones come first */

#define FC_FUNCS(X)             \
    X(FcInitLoadConfigAndFonts) \
    X(FcConfigDestroy)          \
    X(FcConfigGetFontDirs)      \
    X(FcConfigSubstitute)       \
    X(FcDefaultSubstitute)      \
    X(FcStrListNext)            \
    X(FcStrListDone)            \
    X(FcPatternCreate)          \
    X(FcPatternDestroy)         \
    X(FcPatternAddString)       \
    X(FcPatternAddInteger)      \
    X(FcPatternAddCharSet)      \
    X(FcPatternAddBool)         \
    X(FcPatternGetString)       \
    X(FcPatternGetInteger)      \
    X(FcPatternGetBool)         \
    X(FcPatternGetCharSet)      \
    X(FcCharSetCreate)          \
    X(FcCharSetAddChar)         \
    X(FcCharSetHasChar)         \
    X(FcCharSetDestroy)         \
    X(FcObjectSetBuild)         \
    X(FcObjectSetDestroy)       \
    X(FcFontList)               \
    X(FcFontSort)               \
    X(FcFontSetDestroy)         \
    X(FcFini)

static struct {
    int tried;
    int off;    /* BRIEFC_NO_SYSTEM_FONTS: fonts are not used, only named in messages */
    void *lib;
    FcConfig *config;
    char *dirs[MAX_DIRS + 1];
#define X(name) __typeof__(&name) name;
    FC_FUNCS(X)
#undef X
} fc;

/* Loads fontconfig once; for_use: the caller would use the font, not only name it. */
static int fc_load_for(int for_use)
{
    if (fc.tried) return fc.config != NULL && !(for_use && fc.off);
    fc.tried = 1;
    const char *off = getenv("BRIEFC_NO_SYSTEM_FONTS");
    fc.off = off && *off && strcmp(off, "0");
    if (fc.off && for_use) { /* not loaded now: a later call only to name a font may */
        fc.tried = 0;
        return 0;
    }
    void *lib = dlopen(FC_LIBRARY, RTLD_NOW | RTLD_LOCAL);
    if (!lib) return 0;
#define X(name)                                          \
    if (!(*(void **)&fc.name = dlsym(lib, #name))) { \
        dlclose(lib);                                    \
        return 0;                                        \
    }
    FC_FUNCS(X)
#undef X
    fc.lib = lib;
    fc.config = fc.FcInitLoadConfigAndFonts();
    if (!fc.config) return 0;
    static int registered;
    if (!registered++) atexit(bc_fcfind_release); /* every exit path: leak checkers see none */
    FcStrList *l = fc.FcConfigGetFontDirs(fc.config);
    int n = 0;
    for (FcChar8 *d; l && n < MAX_DIRS && (d = fc.FcStrListNext(l));)
        fc.dirs[n++] = strdup((const char *)d);
    if (l) fc.FcStrListDone(l);
    return !(for_use && fc.off);
}

static int fc_load(void) { return fc_load_for(1); }

int bc_fcfind_available(void) { return fc_load(); }

const char *const *bc_fcfind_dirs(void)
{
    fc_load();
    return (const char *const *)fc.dirs;
}

void bc_fcfind_release(void)
{
    for (int i = 0; i < MAX_DIRS; i++) {
        free(fc.dirs[i]);
        fc.dirs[i] = NULL;
    }
    if (fc.config) {
        fc.FcConfigDestroy(fc.config);
        fc.FcFini(); /* its caches and the parser's state: leak checkers see none */
    }
    fc.config = NULL; /* the library stays loaded */
    fc.tried = 0;
}

/* Whether a face can be embedded as outlines: scalable, not colour, TrueType or CFF. */
static int usable(FcPattern *p)
{
    FcBool b = FcFalse;
    if (fc.FcPatternGetBool(p, FC_OUTLINE, 0, &b) != FcResultMatch || !b) return 0;
    if (fc.FcPatternGetBool(p, FC_COLOR, 0, &b) == FcResultMatch && b) return 0;
    FcChar8 *fmt = NULL;
    if (fc.FcPatternGetString(p, FC_FONTFORMAT, 0, &fmt) != FcResultMatch) return 0;
    return !strcmp((const char *)fmt, "TrueType") || !strcmp((const char *)fmt, "CFF");
}

static int face_of(FcPattern *p, bc_fc_face *out)
{
    FcChar8 *file = NULL;
    int index = 0;
    if (fc.FcPatternGetString(p, FC_FILE, 0, &file) != FcResultMatch) return 0;
    if (fc.FcPatternGetInteger(p, FC_INDEX, 0, &index) != FcResultMatch) index = 0;
    if (strlen((const char *)file) >= sizeof out->path || index < 0 || index > 0xFFFF) return 0;
    snprintf(out->path, sizeof out->path, "%s", (const char *)file);
    out->index = index;
    return 1;
}

int bc_fcfind_family(const char *family, int bold, int italic, bc_fc_face *out)
{
    if (!fc_load()) return 0;
    FcPattern *pat = fc.FcPatternCreate();
    fc.FcPatternAddString(pat, FC_FAMILY, (const FcChar8 *)family);
    FcObjectSet *os = fc.FcObjectSetBuild(FC_FILE, FC_INDEX, FC_WEIGHT, FC_SLANT, FC_OUTLINE,
                                          FC_COLOR, FC_FONTFORMAT, FC_FAMILY, (char *)NULL);
    FcFontSet *set = fc.FcFontList(fc.config, pat, os);
    fc.FcObjectSetDestroy(os);
    fc.FcPatternDestroy(pat);
    int best = -1, best_cost = 1 << 30;
    for (int i = 0; set && i < set->nfont; i++) {
        FcPattern *p = set->fonts[i];
        int w = FC_WEIGHT_REGULAR, s = FC_SLANT_ROMAN;
        fc.FcPatternGetInteger(p, FC_WEIGHT, 0, &w);
        fc.FcPatternGetInteger(p, FC_SLANT, 0, &s);
        if (!usable(p) || (w >= FC_WEIGHT_DEMIBOLD) != !!bold || (s != FC_SLANT_ROMAN) != !!italic)
            continue;
        int target = bold ? FC_WEIGHT_BOLD : FC_WEIGHT_REGULAR;
        int cost = abs(w - target) * 4 + (italic && s != FC_SLANT_ITALIC); /* italic over oblique */
        bc_fc_face f;
        if (cost < best_cost && face_of(p, &f)) {
            best_cost = cost;
            best = i;
            *out = f;
        }
    }
    if (set) fc.FcFontSetDestroy(set);
    return best >= 0;
}

int bc_fcfind_char(uint32_t cp, const char *lang, int bold, const char *preferred,
                   bc_fc_face *out)
{
    if (!fc_load()) return 0;
    FcPattern *pat = fc.FcPatternCreate();
    FcCharSet *cs = fc.FcCharSetCreate();
    fc.FcCharSetAddChar(cs, cp);
    fc.FcPatternAddCharSet(pat, FC_CHARSET, cs);
    if (preferred) fc.FcPatternAddString(pat, FC_FAMILY, (const FcChar8 *)preferred);
    if (lang) fc.FcPatternAddString(pat, FC_LANG, (const FcChar8 *)lang);
    fc.FcPatternAddInteger(pat, FC_WEIGHT, bold ? FC_WEIGHT_BOLD : FC_WEIGHT_REGULAR);
    fc.FcPatternAddBool(pat, FC_OUTLINE, FcTrue);
    fc.FcConfigSubstitute(fc.config, pat, FcMatchPattern);
    fc.FcDefaultSubstitute(pat);
    FcResult r;
    FcFontSet *set = fc.FcFontSort(fc.config, pat, FcFalse, NULL, &r);
    fc.FcPatternDestroy(pat);
    int found = 0;
    for (int i = 0; set && i < set->nfont && i < MAX_SORTED && !found; i++) {
        FcPattern *p = set->fonts[i];
        FcCharSet *have = NULL;
        int w = FC_WEIGHT_REGULAR;
        fc.FcPatternGetInteger(p, FC_WEIGHT, 0, &w);
        if ((w >= FC_WEIGHT_DEMIBOLD) != !!bold) continue; /* never a neighbouring weight */
        if (fc.FcPatternGetCharSet(p, FC_CHARSET, 0, &have) != FcResultMatch ||
            !fc.FcCharSetHasChar(have, cp) || !usable(p))
            continue;
        found = face_of(p, out);
    }
    if (set) fc.FcFontSetDestroy(set);
    fc.FcCharSetDestroy(cs);
    return found;
}

int bc_fcfind_family_of(uint32_t cp, char *buf, size_t size, int *outline)
{
    if (!fc_load_for(0) || !size) return 0;
    FcPattern *pat = fc.FcPatternCreate();
    FcCharSet *cs = fc.FcCharSetCreate();
    fc.FcCharSetAddChar(cs, cp);
    fc.FcPatternAddCharSet(pat, FC_CHARSET, cs);
    FcObjectSet *os = fc.FcObjectSetBuild(FC_FAMILY, FC_OUTLINE, FC_COLOR, FC_FONTFORMAT,
                                          (char *)NULL);
    FcFontSet *set = fc.FcFontList(fc.config, pat, os);
    fc.FcObjectSetDestroy(os);
    fc.FcPatternDestroy(pat);
    fc.FcCharSetDestroy(cs);
    int found = 0;
    *outline = 0;
    /* an embeddable one first, then the first family in name order: the same every run */
    for (int i = 0; set && i < set->nfont; i++) {
        FcChar8 *fam = NULL;
        if (fc.FcPatternGetString(set->fonts[i], FC_FAMILY, 0, &fam) != FcResultMatch) continue;
        int ok = usable(set->fonts[i]);
        if (!found || (ok && !*outline) ||
            (ok == *outline && strcasecmp((const char *)fam, buf) < 0)) {
            snprintf(buf, size, "%s", (const char *)fam);
            *outline = ok;
            found = 1;
        }
    }
    if (set) fc.FcFontSetDestroy(set);
    return found;
}
