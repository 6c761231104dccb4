/*
** fontset.c — lazy font slots and the font search path.
*/
#include "layout/fontset.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/fileio.h"

struct bc_fontset {
    char *family[4];           /* body, heading, code, fallback */
    char **dirs;
    int ndirs;
    char *root;                /* the brief folder: its fonts may be anywhere inside it */
    bc_font *slot[BC_FONT_SLOTS];
    int failed[BC_FONT_SLOTS];
};

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
    free(fs->dirs);
    free(fs->root);
    free(fs->family[0]);
    free(fs->family[1]);
    free(fs->family[2]);
    free(fs->family[3]);
    free(fs);
}

bc_font *bc_fontset_get(bc_fontset *fs, int slot, bc_error *err)
{
    static const char *const styles[4] = {"Regular", "Bold", "Italic", "BoldItalic"};
    if (slot < 0 || slot >= BC_FONT_SLOTS) return NULL;
    if (fs->slot[slot]) return fs->slot[slot];
    /* the mono and fallback slots have one style each; the fallback file keeps its own
       name (DejaVuSans.ttf) */
    const char *family = fs->family[slot < BC_FONT_MONO ? slot / 4 : 2 + slot - BC_FONT_MONO];
    const char *style = slot < BC_FONT_MONO ? styles[slot % 4] : "Regular";
    char path[1024];
    for (int i = 0; i < fs->ndirs; i++) {
        if (slot == BC_FONT_FALLBACK)
            snprintf(path, sizeof path, "%s/%s.ttf", fs->dirs[i], family);
        else
            snprintf(path, sizeof path, "%s/%s-%s.ttf", fs->dirs[i], family, style);
        struct stat ls; /* a link counts, leading nowhere or out: the door refuses it */
        if (lstat(path, &ls) == 0) {
            /* through the one door: inside the font folders or the brief folder (fileio.h) */
            const char **roots = bc_xcalloc((size_t)fs->ndirs + 2, sizeof *roots);
            for (int k = 0; k < fs->ndirs; k++) roots[k] = fs->dirs[k];
            roots[fs->ndirs] = fs->root;
            bc_file_roots r = {roots, fs->root ? "the brief folder and the font folders"
                                               : "the font folders"};
            bc_status st = bc_font_open_in(path, &r, &fs->slot[slot], err);
            free(roots);
            return st == BC_OK ? fs->slot[slot] : NULL;
        }
    }
    bc_error_set(err, NULL, 0, "font '%s-%s.ttf' not found in %s%s", family, style,
                 fs->ndirs ? fs->dirs[0] : "(no font folder)",
                 fs->ndirs > 1 ? " or the other font folders" : "");
    return NULL;
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
