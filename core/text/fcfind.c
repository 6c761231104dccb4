/*
** fcfind.c — installed fonts through fontconfig, opened with dlopen (see fcfind.h). Each
** entry point is looked up by name; a missing library or entry point turns the lookups off
** rather than failing the build: the fonts of the brief and the shipped chain still work.
*/
#include "text/fcfind.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <sys/stat.h>

#include <fontconfig/fontconfig.h>

#include "base/dl.h"
#include "base/cache.h"

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
    int off; /* BRIEFC_NO_SYSTEM_FONTS: fonts are not used, only named in messages */
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
    static const char *const names[] = {FC_FUNCS(BC_DL_NAME)};
#define FC_SLOT(name) BC_DL_SLOT(fc, name)
    void **const slots[] = {FC_FUNCS(FC_SLOT)};
#undef FC_SLOT
    fc.lib = bc_dl_open(FC_LIBRARY, names, slots, sizeof names / sizeof *names, NULL, 0);
    if (!fc.lib) return 0;
    fc.config = fc.FcInitLoadConfigAndFonts();
    if (!fc.config) return 0;
    FcStrList *l = fc.FcConfigGetFontDirs(fc.config);
    int n = 0;
    for (int i = 0; i < MAX_DIRS; i++) { /* those read from a kept answer, if any */
        free(fc.dirs[i]);
        fc.dirs[i] = NULL;
    }
    for (FcChar8 *d; l && n < MAX_DIRS && (d = fc.FcStrListNext(l));)
        fc.dirs[n++] = strdup((const char *)d);
    if (l) fc.FcStrListDone(l);
    return !(for_use && fc.off);
}

static int fc_load(void) { return fc_load_for(1); }

int bc_fcfind_available(void) { return fc_load(); }

const char *const *bc_fcfind_dirs(void)
{
    if (!fc.dirs[0]) fc_load(); /* else known, from fontconfig or a kept answer */
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

/* {====================================================== answers kept on disk
** Loading fontconfig costs about 30 M instructions, more than the rest of a warm build, so
** each answer (a face, or none) is kept in the on-disk cache (cache.h) under its question and
** the identity of what fontconfig's answers depend on: its configuration files, and its cache
** folders, which fc-cache rewrites whenever fonts are installed or removed. A kept face is
** still opened through the file door, inside the font folders kept with it.
*/
#define ANSWER_FORMAT 1u

static size_t answer_key(const char *question, unsigned char *key)
{
    size_t k = strlen(question) + 1;
    if (k + 64 > BC_CACHE_KEY_MAX) return 0;
    memcpy(key, question, k);
    const char *home = getenv("HOME"), *xdg = getenv("XDG_CACHE_HOME");
    char paths[8][1024];
    int n = 0;
    snprintf(paths[n++], sizeof paths[0], "/etc/fonts/fonts.conf");
    snprintf(paths[n++], sizeof paths[0], "/etc/fonts/conf.d");
    snprintf(paths[n++], sizeof paths[0], "/etc/fonts/local.conf");
    snprintf(paths[n++], sizeof paths[0], "/var/cache/fontconfig");
    if (xdg && *xdg) snprintf(paths[n++], sizeof paths[0], "%s/fontconfig", xdg);
    if (home && *home) {
        snprintf(paths[n++], sizeof paths[0], "%s/.cache/fontconfig", home);
        snprintf(paths[n++], sizeof paths[0], "%s/.config/fontconfig", home);
    }
    for (int i = 0; i < n; i++) {
        struct stat st;
        size_t l = stat(paths[i], &st) == 0 ? bc_cache_file_id(paths[i], &st, ANSWER_FORMAT,
                                                               key + k, BC_CACHE_KEY_MAX - k)
                                            : 0;
        if (!l) {
            if (k + 1 >= BC_CACHE_KEY_MAX) return 0;
            key[k++] = '-'; /* absent: that too is part of the identity */
        }
        k += l;
    }
    static const char *const env[] = {"FONTCONFIG_FILE", "FONTCONFIG_PATH", "FONTCONFIG_SYSROOT"};
    for (int i = 0; i < 3; i++) {
        const char *v = getenv(env[i]);
        size_t l = v ? strlen(v) + 1 : 1;
        if (k + l > BC_CACHE_KEY_MAX) return 0;
        memcpy(key + k, v ? v : "", l);
        k += l;
    }
    return k;
}

/* A kept answer: 1 a face (*out, and the font folders into fc.dirs when unknown), 0 none,
   -1 not kept. Payload: "F" or "N", NUL, path, NUL, index, NUL, folders each NUL-ended. */
static int answer_get(const char *question, bc_fc_face *out)
{
    unsigned char key[BC_CACHE_KEY_MAX];
    size_t kl = bc_cache_enabled() ? answer_key(question, key) : 0;
    bc_cached c;
    if (!kl || !bc_cache_map("fc", key, kl, &c)) return -1;
    const char *p = (const char *)c.data, *end = p + c.len;
    int r = -1;
    const char *f[3];
    int nf = 0;
    for (const char *q = p; q < end && nf < 3; q++)
        if (!*q) f[nf++] = p, p = q + 1;
    if (nf == 3 && !strcmp(f[0], "N")) {
        r = 0;
    } else if (nf == 3 && !strcmp(f[0], "F") && strlen(f[1]) < sizeof out->path && f[1][0] == '/') {
        char *e;
        long idx = strtol(f[2], &e, 10);
        if (!*e && idx >= 0 && idx <= 0xFFFF) {
            snprintf(out->path, sizeof out->path, "%s", f[1]);
            out->index = (int)idx;
            r = 1;
            int n = 0, fill = !fc.dirs[0];
            for (const char *q = p; fill && q < end && n < MAX_DIRS; q++)
                if (!*q) {
                    if (q > p) fc.dirs[n++] = strndup(p, (size_t)(q - p));
                    p = q + 1;
                }
            if (!fc.dirs[0]) r = -1; /* no folders to confine it to: ask again */
        }
    }
    bc_cache_unmap(&c);
    return r;
}

static void answer_put(const char *question, int found, const bc_fc_face *face)
{
    unsigned char key[BC_CACHE_KEY_MAX];
    size_t kl = bc_cache_enabled() ? answer_key(question, key) : 0;
    if (!kl) return;
    char buf[4096 * 2];
    size_t n = (size_t)snprintf(buf, sizeof buf, "%s%c%s%c%d%c", found ? "F" : "N", 0,
                                found ? face->path : "", 0, found ? face->index : 0, 0);
    if (n >= sizeof buf) return;
    for (int i = 0; i < MAX_DIRS && fc.dirs[i] && n < sizeof buf; i++) {
        size_t l = strlen(fc.dirs[i]) + 1;
        if (n + l > sizeof buf) return;
        memcpy(buf + n, fc.dirs[i], l);
        n += l;
    }
    bc_cache_store("fc", key, kl, buf, n);
}

/* }====================================================== */

static int family_lookup(const char *family, int bold, int italic, bc_fc_face *out);
static int char_lookup(uint32_t cp, const char *lang, int bold, const char *preferred,
                       bc_fc_face *out);

int bc_fcfind_family(const char *family, int bold, int italic, bc_fc_face *out)
{
    const char *off = getenv("BRIEFC_NO_SYSTEM_FONTS");
    if (off && *off && strcmp(off, "0")) return 0;
    char q[512];
    snprintf(q, sizeof q, "family %s|%d|%d", family, bold, italic);
    int r = answer_get(q, out);
    if (r >= 0) return r;
    r = family_lookup(family, bold, italic, out);
    if (fc.config) answer_put(q, r, out);
    return r;
}

int bc_fcfind_char(uint32_t cp, const char *lang, int bold, const char *preferred, bc_fc_face *out)
{
    const char *off = getenv("BRIEFC_NO_SYSTEM_FONTS");
    if (off && *off && strcmp(off, "0")) return 0;
    char q[512];
    snprintf(q, sizeof q, "char %X|%s|%d|%s", (unsigned)cp, lang ? lang : "", bold,
             preferred ? preferred : "");
    int r = answer_get(q, out);
    if (r >= 0) return r;
    r = char_lookup(cp, lang, bold, preferred, out);
    if (fc.config) answer_put(q, r, out);
    return r;
}

static int family_lookup(const char *family, int bold, int italic, bc_fc_face *out)
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

static int char_lookup(uint32_t cp, const char *lang, int bold, const char *preferred,
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

/* The fonts fontconfig lists with every code point of cps (and colour ones only when colour),
   with the properties of os (consumed); NULL when none. */
static FcFontSet *list_having(const uint32_t *cps, int n, int colour, FcObjectSet *os)
{
    FcPattern *pat = fc.FcPatternCreate();
    FcCharSet *cs = fc.FcCharSetCreate();
    for (int i = 0; i < n; i++) fc.FcCharSetAddChar(cs, cps[i]);
    fc.FcPatternAddCharSet(pat, FC_CHARSET, cs);
    if (colour) fc.FcPatternAddBool(pat, FC_COLOR, FcTrue);
    FcFontSet *set = fc.FcFontList(fc.config, pat, os);
    fc.FcObjectSetDestroy(os);
    fc.FcPatternDestroy(pat);
    fc.FcCharSetDestroy(cs);
    return set;
}

static int emoji_lookup(bc_fc_face *out)
{
    if (!fc_load()) return 0;
    /* a rocket and a regional indicator (flags): a font made for emoji has both */
    const uint32_t cps[] = {0x1F680, 0x1F1F5};
    FcFontSet *set =
        list_having(cps, 2, 1, fc.FcObjectSetBuild(FC_FILE, FC_INDEX, FC_FONTFORMAT, (char *)NULL));
    int found = 0;
    for (int i = 0; set && i < set->nfont; i++) {
        FcChar8 *fmt = NULL;
        bc_fc_face f;
        if (fc.FcPatternGetString(set->fonts[i], FC_FONTFORMAT, 0, &fmt) != FcResultMatch ||
            strcmp((const char *)fmt, "TrueType") || !face_of(set->fonts[i], &f))
            continue;
        if (!found || strcmp(f.path, out->path) < 0) *out = f; /* the same every run */
        found = 1;
    }
    if (set) fc.FcFontSetDestroy(set);
    return found;
}

int bc_fcfind_colour_emoji(bc_fc_face *out)
{
    const char *off = getenv("BRIEFC_NO_SYSTEM_FONTS");
    if (off && *off && strcmp(off, "0")) return 0;
    int r = answer_get("colour emoji", out);
    if (r >= 0) return r;
    r = emoji_lookup(out);
    if (fc.config) answer_put("colour emoji", r, out);
    return r;
}

int bc_fcfind_family_of(uint32_t cp, char *buf, size_t size, int *outline)
{
    if (!fc_load_for(0) || !size) return 0;
    FcFontSet *set = list_having(
        &cp, 1, 0,
        fc.FcObjectSetBuild(FC_FAMILY, FC_OUTLINE, FC_COLOR, FC_FONTFORMAT, (char *)NULL));
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
