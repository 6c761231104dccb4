/*
** fontset.c — lazy font slots, the font search path, family names and the fallback chain.
**
** A slot's font is looked for in this order: the file "<family>-<Style>.ttf" (or .otf) in the
** font folders (the brief's fonts/, then the project's), the family's name spelled without
** spaces likewise ("Noto Serif" -> NotoSerif-Bold.ttf), then every font file in those folders
** by the family name in its own name table, then fontconfig's installed fonts (fcfind.h).
** Every file is opened through the one door (fileio.h): fonts of the folders must lie inside
** them or the brief folder, installed fonts inside fontconfig's own font folders.
*/
#include "layout/fontset.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/fileio.h"
#include "base/utf8.h"
#include "text/fcfind.h"

#define MAX_SCANNED 256  /* faces read from the font folders for family names */
#define MAX_NOT_FOUND 64 /* characters no installed font has, remembered so as not to ask again */

/* One face found in the font folders, with what its name table says. */
typedef struct scanned {
    char *path;
    unsigned face;
    char family[128];
    int weight, italic;
} scanned;

struct bc_fontset {
    char *family[4]; /* body, heading, code, fallback */
    char **dirs;
    int ndirs;
    char *root; /* the brief folder: its fonts may be anywhere inside it */
    bc_font *slot[BC_FONT_SLOTS];
    int failed[BC_FONT_SLOTS]; /* chain slots known to be missing: not looked for again */
    int scanned_dirs;          /* the folders' faces have been read */
    scanned *scan;
    int nscan;
    uint32_t not_found[MAX_NOT_FOUND]; /* characters fontconfig has no font for */
    int nnot_found;
};

/* The files of the chain slots in the font folders (Regular and Bold). */
static const struct {
    int slot;
    const char *family;
} chain_files[] = {
    {BC_FONT_ARABIC, "NotoNaskhArabic"},
    {BC_FONT_URDU, "NotoNastaliqUrdu"},
    {BC_FONT_DEVA, "NotoSansDevanagari"},
};

static const char *const styles[4] = {"Regular", "Bold", "Italic", "BoldItalic"};
static const char *const style_names[4] = {"Regular", "Bold", "Italic", "Bold Italic"};

bc_fontset *bc_fontset_new(const char *body_family, const char *heading_family,
                           const char *const *dirs)
{
    bc_fontset *fs = bc_xcalloc(1, sizeof *fs);
    fs->family[0] = bc_xstrdup(body_family);
    fs->family[1] = bc_xstrdup(heading_family);
    fs->family[2] = bc_xstrdup("NotoSansMono");
    fs->family[3] = bc_xstrdup("DejaVuSans");
    while (dirs && dirs[fs->ndirs]) fs->ndirs++;
    fs->dirs = bc_xcalloc((size_t)fs->ndirs + 1, sizeof(char *));
    for (int i = 0; i < fs->ndirs; i++) fs->dirs[i] = bc_xstrdup(dirs[i]);
    return fs;
}

void bc_fontset_free(bc_fontset *fs)
{
    if (!fs) return;
    for (int i = 0; i < BC_FONT_SLOTS; i++) bc_font_free(fs->slot[i]);
    for (int i = 0; i < fs->ndirs; i++) free(fs->dirs[i]);
    for (int i = 0; i < fs->nscan; i++) free(fs->scan[i].path);
    free(fs->scan);
    free(fs->dirs);
    free(fs->root);
    for (int i = 0; i < 4; i++) free(fs->family[i]);
    free(fs);
}

/* Opens path (face) through the door: inside the font folders or the brief folder. */
static bc_status open_in_dirs(bc_fontset *fs, const char *path, unsigned face, bc_font **out,
                              bc_error *err)
{
    const char **roots = bc_xcalloc((size_t)fs->ndirs + 2, sizeof *roots);
    for (int k = 0; k < fs->ndirs; k++) roots[k] = fs->dirs[k];
    roots[fs->ndirs] = fs->root;
    bc_file_roots r = {roots,
                       fs->root ? "the brief folder and the font folders" : "the font folders"};
    bc_status st = bc_font_open_face(path, face, &r, out, err);
    free(roots);
    return st;
}

/* Looks for "<dir>/<name><ext>" in the font folders. 1: found and opened (*out), -1: found
   but refused (err set), 0: not there. */
static int open_file(bc_fontset *fs, const char *name, bc_font **out, bc_error *err)
{
    static const char *const exts[] = {".ttf", ".otf"};
    char path[4096];
    for (int i = 0; i < fs->ndirs; i++)
        for (int e = 0; e < 2; e++) {
            snprintf(path, sizeof path, "%s/%s%s", fs->dirs[i], name, exts[e]);
            struct stat ls; /* a link counts, leading nowhere or out: the door refuses it */
            if (lstat(path, &ls) != 0) continue;
            return open_in_dirs(fs, path, 0, out, err) == BC_OK ? 1 : -1;
        }
    return 0;
}

/* Whether two family names are the same, ignoring case, spaces, '-' and '_'. */
static int same_family(const char *a, const char *b)
{
    for (;;) {
        while (*a == ' ' || *a == '-' || *a == '_') a++;
        while (*b == ' ' || *b == '-' || *b == '_') b++;
        if (!*a || !*b) return !*a && !*b;
        char x = *a >= 'A' && *a <= 'Z' ? (char)(*a + 32) : *a;
        char y = *b >= 'A' && *b <= 'Z' ? (char)(*b + 32) : *b;
        if (x != y) return 0;
        a++;
        b++;
    }
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int font_ext(const char *n)
{
    size_t l = strlen(n);
    return l > 4 && n[0] != '.' &&
           (!strcasecmp(n + l - 4, ".ttf") || !strcasecmp(n + l - 4, ".otf") ||
            !strcasecmp(n + l - 4, ".ttc") || !strcasecmp(n + l - 4, ".otc"));
}

/* Reads the family and style of every face in the font folders, once, in name order. Files
   the door refuses or that are no fonts are skipped: they cannot be the family asked for. */
static void scan_dirs(bc_fontset *fs)
{
    if (fs->scanned_dirs) return;
    fs->scanned_dirs = 1;
    for (int i = 0; i < fs->ndirs && fs->nscan < MAX_SCANNED; i++) {
        DIR *d = opendir(fs->dirs[i]);
        if (!d) continue;
        char **names = NULL;
        int n = 0, cap = 0;
        for (struct dirent *e; (e = readdir(d)) && n < MAX_SCANNED;) {
            if (!font_ext(e->d_name)) continue;
            BC_GROW(names, n, cap, 32);
            names[n++] = bc_xstrdup(e->d_name);
        }
        closedir(d);
        if (n) qsort(names, (size_t)n, sizeof *names, cmp_str);
        for (int k = 0; k < n; k++) {
            char path[4096];
            snprintf(path, sizeof path, "%s/%s", fs->dirs[i], names[k]);
            for (unsigned face = 0; face < 64 && fs->nscan < MAX_SCANNED; face++) {
                bc_font *f = NULL;
                bc_error e;
                if (open_in_dirs(fs, path, face, &f, &e) != BC_OK) break;
                fs->scan = bc_xrealloc(fs->scan, (size_t)(fs->nscan + 1) * sizeof *fs->scan);
                scanned *s = &fs->scan[fs->nscan++];
                s->path = bc_xstrdup(path);
                s->face = face;
                if (!bc_font_family(f, s->family, sizeof s->family)) s->family[0] = 0;
                bc_font_style(f, &s->weight, &s->italic);
                bc_font_free(f);
            }
            free(names[k]);
        }
        free(names);
    }
}

/* The scanned face of family in style (0..3) closest to its weight; -1 when none. */
static int scanned_face(bc_fontset *fs, const char *family, int style)
{
    scan_dirs(fs);
    int bold = style & 1, italic = style >> 1, best = -1, best_cost = 1 << 30;
    for (int i = 0; i < fs->nscan; i++) {
        const scanned *s = &fs->scan[i];
        if (!same_family(s->family, family) || (s->weight >= 600) != bold || s->italic != italic)
            continue;
        int cost = abs(s->weight - (bold ? 700 : 400));
        if (cost < best_cost) {
            best = i;
            best_cost = cost;
        }
    }
    return best;
}

/* Whether family (a file prefix or a family name) has style anywhere: 1 found, 0 not. */
static int style_exists(bc_fontset *fs, const char *family, int style)
{
    char name[256], path[4096];
    char squeezed[128];
    size_t k = 0;
    for (const char *p = family; *p && k + 1 < sizeof squeezed; p++)
        if (*p != ' ') squeezed[k++] = *p;
    squeezed[k] = 0;
    for (int v = 0; v < 2; v++) {
        snprintf(name, sizeof name, "%s-%s", v ? squeezed : family, styles[style]);
        for (int i = 0; i < fs->ndirs; i++)
            for (int e = 0; e < 2; e++) {
                struct stat ls;
                snprintf(path, sizeof path, "%s/%s%s", fs->dirs[i], name, e ? ".otf" : ".ttf");
                if (lstat(path, &ls) == 0) return 1;
            }
    }
    if (scanned_face(fs, family, style) >= 0) return 1;
    bc_fc_face face;
    return bc_fcfind_family(family, style & 1, style >> 1, &face);
}

/* A family's style, by file name, by name table, then through fontconfig; err names every
   style of the family that is missing. */
static bc_font *open_family(bc_fontset *fs, const char *family, int style, bc_error *err)
{
    bc_font *f = NULL;
    char name[256], squeezed[128];
    size_t k = 0;
    for (const char *p = family; *p && k + 1 < sizeof squeezed; p++)
        if (*p != ' ') squeezed[k++] = *p;
    squeezed[k] = 0;
    snprintf(name, sizeof name, "%s-%s", family, styles[style]);
    int r = open_file(fs, name, &f, err);
    if (r == 0 && strcmp(squeezed, family)) {
        snprintf(name, sizeof name, "%s-%s", squeezed, styles[style]);
        r = open_file(fs, name, &f, err);
    }
    if (r) return r > 0 ? f : NULL;
    int i = scanned_face(fs, family, style);
    if (i >= 0)
        return open_in_dirs(fs, fs->scan[i].path, fs->scan[i].face, &f, err) == BC_OK ? f : NULL;
    bc_fc_face face;
    if (bc_fcfind_family(family, style & 1, style >> 1, &face)) {
        bc_file_roots roots = {bc_fcfind_dirs(), "fontconfig's font folders"};
        return bc_font_open_face(face.path, (unsigned)face.index, &roots, &f, err) == BC_OK ? f
                                                                                            : NULL;
    }
    /* Every style of the family that is missing, in one message; none is ever faked. */
    char missing[96] = "", have[96] = "";
    for (int s = 0; s < 4; s++) {
        char *list = s == style || !style_exists(fs, family, s) ? missing : have;
        size_t l = strlen(list);
        snprintf(list + l, sizeof missing - l, "%s%s", l ? ", " : "", style_names[s]);
    }
    if (!have[0])
        bc_error_set(err, NULL, 0,
                     "font family '%s' not found: no file '%s-%s.ttf' or font named '%s' in %s%s, "
                     "nor an installed font of that family (fc-list lists them)",
                     family, squeezed, styles[style], family,
                     fs->ndirs ? fs->dirs[0] : "(no font folder)",
                     fs->ndirs > 1 ? " or the other font folders" : "");
    else
        bc_error_set(err, NULL, 0,
                     "font family '%s' has no %s style (it has %s): briefc does not fake bold or "
                     "italic; add the missing files to the brief's fonts/ folder or choose a "
                     "family that has them",
                     family, missing, have);
    return NULL;
}

/* A chain slot's font: the shipped files, Latin families, or fontconfig for CJK. */
static bc_font *open_chain(bc_fontset *fs, int slot, bc_error *err)
{
    bc_font *f = NULL;
    char name[128];
    for (size_t i = 0; i < sizeof chain_files / sizeof *chain_files; i++)
        if (slot == chain_files[i].slot || slot == chain_files[i].slot + 1) {
            snprintf(name, sizeof name, "%s-%s", chain_files[i].family,
                     styles[slot - chain_files[i].slot]);
            return open_file(fs, name, &f, err) > 0 ? f : NULL;
        }
    if (slot >= BC_FONT_LATIN && slot < BC_FONT_LATIN_SANS + 4) {
        int sans = slot >= BC_FONT_LATIN_SANS;
        snprintf(name, sizeof name, "%s-%s", sans ? "NotoSans" : "NotoSerif",
                 styles[(slot - BC_FONT_LATIN) % 4]);
        return open_file(fs, name, &f, err) > 0 ? f : NULL;
    }
    if (slot == BC_FONT_CJK || slot == BC_FONT_CJK_B) {
        bc_fc_face face;
        int bold = slot == BC_FONT_CJK_B;
        if (bc_fcfind_char(0x4E2D, "zh-cn", bold, "Noto Sans CJK SC", &face)) {
            bc_file_roots roots = {bc_fcfind_dirs(), "fontconfig's font folders"};
            if (bc_font_open_face(face.path, (unsigned)face.index, &roots, &f, err) == BC_OK)
                return f;
        }
    }
    bc_error_set(err, NULL, 0, "no font for fallback slot %d", slot);
    return NULL;
}

bc_font *bc_fontset_get(bc_fontset *fs, int slot, bc_error *err)
{
    if (slot < 0 || slot >= BC_FONT_SLOTS) return NULL;
    if (fs->slot[slot]) return fs->slot[slot];
    if (fs->failed[slot]) {
        bc_error_set(err, NULL, 0, "no font for fallback slot %d", slot);
        return NULL;
    }
    if (slot < BC_FONT_MONO)
        return fs->slot[slot] = open_family(fs, fs->family[slot / 4], slot % 4, err);
    if (slot == BC_FONT_MONO) return fs->slot[slot] = open_family(fs, fs->family[2], 0, err);
    if (slot == BC_FONT_FALLBACK) { /* the file keeps its own name (DejaVuSans.ttf) */
        bc_font *f = NULL;
        int r = open_file(fs, fs->family[3], &f, err);
        if (r == 0)
            bc_error_set(err, NULL, 0, "font '%s.ttf' not found in %s%s", fs->family[3],
                         fs->ndirs ? fs->dirs[0] : "(no font folder)",
                         fs->ndirs > 1 ? " or the other font folders" : "");
        fs->failed[slot] = r <= 0; /* a chain font without it works on */
        return fs->slot[slot] = r > 0 ? f : NULL;
    }
    if (slot == BC_FONT_EMOJI) { /* the installed colour font, through fontconfig */
        bc_fc_face face;
        bc_font *f = NULL;
        if (bc_fcfind_colour_emoji(&face)) {
            bc_file_roots roots = {bc_fcfind_dirs(), "fontconfig's font folders"};
            if (bc_font_open_colour(face.path, (unsigned)face.index, &roots, &f, err) != BC_OK)
                f = NULL;
        } else
            bc_error_set(err, NULL, 0, "no colour emoji font installed");
        fs->failed[slot] = !f;
        return fs->slot[slot] = f;
    }
    if (slot >= BC_FONT_SYS) { /* filled by the chain only (sys_slot) */
        bc_error_set(err, NULL, 0, "no font for fallback slot %d", slot);
        return NULL;
    }
    fs->slot[slot] = open_chain(fs, slot, err);
    fs->failed[slot] = !fs->slot[slot];
    return fs->slot[slot];
}

void bc_fontset_set_root(bc_fontset *fs, const char *dir)
{
    free(fs->root);
    fs->root = dir ? bc_xstrdup(dir) : NULL;
}

bc_font *bc_fontset_peek(const bc_fontset *fs, int slot)
{
    return (slot >= 0 && slot < BC_FONT_SLOTS) ? fs->slot[slot] : NULL;
}

void bc_fontset_set_code_family(bc_fontset *fs, const char *family)
{
    free(fs->family[2]);
    fs->family[2] = bc_xstrdup(family);
}

void bc_fontset_usage_clear(bc_fontset *fs)
{
    for (int i = 0; i < BC_FONT_SLOTS; i++)
        if (fs->slot[i]) bc_font_usage_clear(fs->slot[i]);
}

/* {====================================================== the fallback chain */

enum { SC_COMMON, SC_LATIN, SC_ARABIC, SC_DEVA, SC_CJK, SC_OTHER };

/* The script class of cp, coarse: which chain it takes. */
static int script_of(uint32_t cp)
{
    if (cp < 0x80) {
        return (cp >= 'A' && cp <= 'Z') || (cp >= 'a' && cp <= 'z') ? SC_LATIN : SC_COMMON;
    }
    if (cp < 0x250 || (cp >= 0x1E00 && cp < 0x1F00)) return cp < 0xC0 ? SC_COMMON : SC_LATIN;
    if (cp >= 0x370 && cp < 0x530) return SC_LATIN;   /* Greek, Cyrillic: Noto has them */
    if (cp >= 0x1F00 && cp < 0x2000) return SC_LATIN; /* Greek extended */
    if ((cp >= 0x600 && cp < 0x700) || (cp >= 0x750 && cp < 0x780) || (cp >= 0x870 && cp < 0x900) ||
        (cp >= 0xFB50 && cp < 0xFE00) || (cp >= 0xFE70 && cp < 0xFF00))
        return SC_ARABIC;
    if ((cp >= 0x900 && cp < 0x980) || (cp >= 0xA8E0 && cp < 0xA900) ||
        (cp >= 0x1CD0 && cp < 0x1D00))
        return SC_DEVA;
    if ((cp >= 0x2E80 && cp < 0x2FE0) || (cp >= 0x3000 && cp < 0xA000) ||
        (cp >= 0xAC00 && cp < 0xD7B0) || (cp >= 0xF900 && cp < 0xFB00) ||
        (cp >= 0xFE30 && cp < 0xFE50) || (cp >= 0xFF00 && cp < 0xFFF0) ||
        (cp >= 0x20000 && cp < 0x40000))
        return SC_CJK;
    if (cp >= 0x2000 && cp < 0x2070) return SC_COMMON; /* spaces, dashes, quotes */
    return SC_OTHER;
}

/* Characters that belong to the one before them: combining marks, joiners, variation
   selectors, emoji modifiers. A run never splits before one. */
static int is_mark(uint32_t cp)
{
    static const uint32_t r[][2] = {
        {0x300, 0x370},     {0x483, 0x48A},   {0x591, 0x5C8},     {0x610, 0x61B},
        {0x64B, 0x660},     {0x670, 0x671},   {0x6D6, 0x6EE},     {0x8D3, 0x900},
        {0x900, 0x904},     {0x93A, 0x950},   {0x951, 0x958},     {0x962, 0x964},
        {0x1AB0, 0x1B00},   {0x1DC0, 0x1E00}, {0x200C, 0x200E},   {0x20D0, 0x2100},
        {0xFE00, 0xFE10},   {0xFE20, 0xFE30}, {0x1F3FB, 0x1F400}, {0xE0020, 0xE0080},
        {0xE0100, 0xE01F0},
    };
    if (cp < 0x300) return 0;
    for (size_t i = 0; i < sizeof r / sizeof *r; i++)
        if (cp >= r[i][0] && cp < r[i][1]) return 1;
    return 0;
}

static int has(bc_fontset *fs, int slot, uint32_t cp)
{
    bc_error e;
    bc_font *f = bc_fontset_get(fs, slot, &e);
    return f && bc_font_has(f, cp);
}

/* A slot of fontconfig's with a font that has cp: one already open, else the next free one
   (at most two per document); -1 when none. */
static int sys_slot(bc_fontset *fs, uint32_t cp, const char *lang, int bold)
{
    for (int s = BC_FONT_SYS; s < BC_FONT_SYS + 2; s++)
        if (fs->slot[s] && bc_font_has(fs->slot[s], cp)) return s;
    for (int i = 0; i < fs->nnot_found; i++)
        if (fs->not_found[i] == cp) return -1;
    int free_slot = -1;
    for (int s = BC_FONT_SYS; s < BC_FONT_SYS + 2 && free_slot < 0; s++)
        if (!fs->slot[s]) free_slot = s;
    bc_fc_face face;
    bc_font *f = NULL;
    if (free_slot >= 0 && bc_fcfind_char(cp, lang, bold, NULL, &face)) {
        bc_file_roots roots = {bc_fcfind_dirs(), "fontconfig's font folders"};
        bc_error e;
        if (bc_font_open_face(face.path, (unsigned)face.index, &roots, &f, &e) == BC_OK &&
            bc_font_has(f, cp)) {
            fs->slot[free_slot] = f;
            return free_slot;
        }
        bc_font_free(f);
    }
    if (fs->nnot_found < MAX_NOT_FOUND) fs->not_found[fs->nnot_found++] = cp;
    return -1;
}

/* Whether slot is a script's font of the chain (a space or digit stays in its runs, so a
   shaper sees whole phrases) rather than a stand-in for a few symbols or Latin letters. */
static int cur_script(int slot) { return slot >= BC_FONT_ARABIC && slot <= BC_FONT_CJK_B; }

/* The slot that sets cp when it starts a run in pref; -1 when no font has it. */
static int pick(bc_fontset *fs, int pref, const char *lang, uint32_t cp)
{
    if (has(fs, pref, cp)) return pref;
    int bold = pref < BC_FONT_MONO ? pref & 1
                                   : pref == BC_FONT_ARABIC_B || pref == BC_FONT_URDU_B ||
                                         pref == BC_FONT_DEVA_B || pref == BC_FONT_CJK_B;
    int chain[6], n = 0;
    switch (script_of(cp)) {
    case SC_ARABIC: {
        int urdu = lang && (lang[0] == 'u' || lang[0] == 'U') &&
                   (lang[1] == 'r' || lang[1] == 'R') &&
                   (!lang[2] || lang[2] == '-' || lang[2] == '_');
        int first = urdu ? BC_FONT_URDU : BC_FONT_ARABIC,
            second = urdu ? BC_FONT_ARABIC : BC_FONT_URDU;
        if (bold) chain[n++] = first + 1;
        chain[n++] = first;
        if (bold) chain[n++] = second + 1;
        chain[n++] = second;
        break;
    }
    case SC_DEVA:
        if (bold) chain[n++] = BC_FONT_DEVA_B;
        chain[n++] = BC_FONT_DEVA;
        break;
    case SC_CJK:
        if (bold) chain[n++] = BC_FONT_CJK_B;
        chain[n++] = BC_FONT_CJK;
        break;
    case SC_LATIN:
    case SC_COMMON: {
        /* Latin for a font without it, in the same style: serif for the body family */
        int style = pref < BC_FONT_MONO ? pref % 4 : bold;
        chain[n++] = (pref < BC_FONT_SANS ? BC_FONT_LATIN : BC_FONT_LATIN_SANS) + style;
        break;
    }
    default: break;
    }
    chain[n++] = BC_FONT_FALLBACK;
    for (int i = 0; i < n; i++)
        if (chain[i] != pref && has(fs, chain[i], cp)) return chain[i];
    return sys_slot(fs, cp, lang, bold);
}

/* Whether slot is the chain's Latin for a font without Latin letters (an Urdu body font). */
static int latin_standin(int slot)
{
    return slot >= BC_FONT_LATIN && slot < BC_FONT_LATIN_SANS + 4;
}

/* The Latin stand-in that sets the Latin letter after the punctuation or digits at s (before
   end) in a font without Latin letters, when it has c too; -1 otherwise. "(Kronstadt" in an
   Urdu paragraph takes its bracket from Noto Sans, not from Naskh, whose Latin punctuation
   sits where Arabic script wants it. */
static int latin_ahead(bc_fontset *fs, int pref, const char *lang, const char *s, const char *end,
                       uint32_t c)
{
    for (const char *p = s; p < end && p < s + 32;) {
        uint32_t cp = bc_utf8_next(&p);
        int sc = script_of(cp);
        if (sc == SC_COMMON) continue;
        if (sc != SC_LATIN) return -1;
        int sl = pick(fs, pref, lang, cp);
        return latin_standin(sl) && has(fs, sl, c) ? sl : -1;
    }
    return -1;
}

/* Characters shown as emoji by default (Unicode's Emoji_Presentation, in ranges: the few
   text-default pictographs among them are set in colour too, as browsers do with Noto). */
static int emoji_presentation(uint32_t cp)
{
    static const uint32_t r[][2] = {
        {0x231A, 0x231C},   {0x23E9, 0x23ED},   {0x23F0, 0x23F1},   {0x23F3, 0x23F4},
        {0x25FD, 0x25FF},   {0x2614, 0x2616},   {0x2648, 0x2654},   {0x267F, 0x2680},
        {0x2693, 0x2694},   {0x26A1, 0x26A2},   {0x26AA, 0x26AC},   {0x26BD, 0x26BF},
        {0x26C4, 0x26C6},   {0x26CE, 0x26CF},   {0x26D4, 0x26D5},   {0x26EA, 0x26EB},
        {0x26F2, 0x26F4},   {0x26F5, 0x26F6},   {0x26FA, 0x26FB},   {0x26FD, 0x26FE},
        {0x2705, 0x2706},   {0x270A, 0x270C},   {0x2728, 0x2729},   {0x274C, 0x274D},
        {0x274E, 0x274F},   {0x2753, 0x2756},   {0x2757, 0x2758},   {0x2795, 0x2798},
        {0x27B0, 0x27B1},   {0x27BF, 0x27C0},   {0x2B1B, 0x2B1D},   {0x2B50, 0x2B51},
        {0x2B55, 0x2B56},   {0x1F004, 0x1F005}, {0x1F0CF, 0x1F0D0}, {0x1F18E, 0x1F18F},
        {0x1F191, 0x1F19B}, {0x1F1E6, 0x1F200}, {0x1F201, 0x1F202}, {0x1F21A, 0x1F21B},
        {0x1F22F, 0x1F230}, {0x1F232, 0x1F237}, {0x1F238, 0x1F23B}, {0x1F250, 0x1F252},
        {0x1F300, 0x1F650}, {0x1F680, 0x1F700}, {0x1F7E0, 0x1F7F1}, {0x1F90C, 0x1FA00},
        {0x1FA70, 0x1FB00},
    };
    if (cp < 0x231A) return 0;
    for (size_t i = 0; i < sizeof r / sizeof *r; i++)
        if (cp >= r[i][0] && cp < r[i][1]) return 1;
    return 0;
}

/* Whether the text at q (before end) starts with variation selector vs (0xE: VS15, text
   presentation; 0xF: VS16, emoji presentation), read from its bytes (EF B8 8E / 8F). */
static int vs_at(const char *q, const char *end, unsigned vs)
{
    return end - q >= 3 && (unsigned char)q[0] == 0xEF && (unsigned char)q[1] == 0xB8 &&
           (unsigned char)q[2] == 0x80 + vs;
}

/* Whether cp, followed by the text at q (before end), starts an emoji in emoji presentation:
   VS16 after it, a keycap (digit, '#' or '*', VS16 optional, U+20E3), or an emoji shown as
   emoji by default and not followed by VS15. CJK and other text costs two compares. */
static int emoji_start(uint32_t cp, const char *q, const char *end)
{
    if (cp < 0x80) {
        if (!((cp >= '0' && cp <= '9') || cp == '#' || cp == '*')) return 0;
        if (vs_at(q, end, 0xF)) q += 3;
        return end - q >= 3 && (unsigned char)q[0] == 0xE2 && (unsigned char)q[1] == 0x83 &&
               (unsigned char)q[2] == 0xA3; /* U+20E3 */
    }
    if (q == end || (unsigned char)*q != 0xEF) /* no variation selector after it */
        return (cp < 0x2C00 || cp >= 0x1F000) && emoji_presentation(cp);
    if (vs_at(q, end, 0xE)) return 0;
    return vs_at(q, end, 0xF) || emoji_presentation(cp);
}

/* Whether the text before p (from s) ends with U+200D ZERO WIDTH JOINER (E2 80 8D). */
static int after_zwj(const char *s, const char *p)
{
    return p - s >= 3 && (unsigned char)p[-3] == 0xE2 && (unsigned char)p[-2] == 0x80 &&
           (unsigned char)p[-1] == 0x8D;
}

/* Whether c may be a keycap's base: a digit, '#' or '*'. */
static int keycap_base(char c) { return (c >= '0' && c <= '9') || c == '#' || c == '*'; }

static size_t run_in(bc_fontset *fs, int pref, const char *lang, const char *s, size_t len,
                     int *slot, int colour);

size_t bc_fontset_run(bc_fontset *fs, int pref, const char *lang, const char *s, size_t len,
                      int *slot)
{
    return run_in(fs, pref, lang, s, len, slot, 0);
}

size_t bc_fontset_run_colour(bc_fontset *fs, int pref, const char *lang, const char *s, size_t len,
                             int *slot)
{
    return run_in(fs, pref, lang, s, len, slot, 1);
}

/* colour: emoji in emoji presentation go to BC_FONT_EMOJI when it has them. */
static size_t run_in(bc_fontset *fs, int pref, const char *lang, const char *s, size_t len,
                     int *slot, int colour)
{
    const char *p = s, *end = s + len;
    int cur = -1;
    bc_error e;
    bc_font *pf = bc_fontset_get(fs, pref, &e);
    int latinless = pf && !bc_font_has(pf, 'a'); /* a script's font: Latin falls back */
    while (p < end) {
        unsigned char c = (unsigned char)*p;
        int sl;
        const char *q = p;
        int ahead = c < 0x80 && cur < 0 && latinless ? latin_ahead(fs, pref, lang, p, end, c) : -1;
        if (ahead >= 0) {
            sl = ahead;
            q = p + 1;
        } else if (c < 0x80 && pf && (cur < 0 || cur == pref) && bc_font_has(pf, c)) {
            sl = pref; /* the common case */
            q = p + 1;
        } else {
            uint32_t cp = bc_utf8_next(&q);
            if (colour && (cp == 0xFE0F || cp == 0x20E3) && cur != BC_FONT_EMOJI && p > s &&
                keycap_base(p[-1]) && emoji_start((unsigned char)p[-1], p, end) &&
                has(fs, BC_FONT_EMOJI, (unsigned char)p[-1])) {
                /* a keycap: its digit, taken as text, starts a run of the emoji font (digits
                   cost nothing on the common path: the keycap is seen at its VS16 or U+20E3) */
                if (p - 1 > s) {
                    p--;
                    break;
                }
                sl = cur = BC_FONT_EMOJI;
            } else if (colour && cur == BC_FONT_EMOJI && (after_zwj(s, p) || is_mark(cp)))
                sl = cur; /* VS16, a skin tone, a keycap, tags, the emoji after a ZWJ */
            else if (colour && cp >= 0x231A && emoji_start(cp, q, end) &&
                     has(fs, BC_FONT_EMOJI, cp))
                sl = BC_FONT_EMOJI;
            else if (cur >= 0 && (is_mark(cp) ||
                                  (script_of(cp) == SC_COMMON && has(fs, cur, cp) &&
                                   (cur_script(cur) || latin_standin(cur) || !has(fs, pref, cp)))))
                sl = cur; /* a mark stays with its base; a space or digit with a script's run,
                             Latin punctuation with the Latin letters before it ("U.S.") */
            else if ((sl = pick(fs, pref, lang, cp)) < 0)
                sl = cur >= 0 ? cur : pref; /* no font has it: the caller warns */
        }
        if (cur >= 0 && sl != cur) break;
        cur = sl;
        p = q;
    }
    *slot = cur >= 0 ? cur : pref;
    return (size_t)(p - s);
}

int bc_fontset_runs(bc_fontset *fs, int pref, const char *lang, const char *s, size_t len,
                    bc_font_run *runs, int max)
{
    int n = 0;
    for (size_t at = 0; at < len && n < max;) {
        int slot;
        size_t l = bc_fontset_run(fs, pref, lang, s + at, len - at, &slot);
        bc_error e;
        runs[n].slot = slot;
        runs[n].font = bc_fontset_get(fs, slot, &e);
        runs[n].start = at;
        runs[n].len = l;
        n++;
        at += l;
    }
    return n;
}

int bc_fontset_suggest(bc_fontset *fs, uint32_t cp, char *buf, size_t size, int *outline)
{
    (void)fs;
    return bc_fcfind_family_of(cp, buf, size, outline);
}

/* }====================================================== */
