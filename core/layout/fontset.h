/*
** fontset.h — the font slots of a theme (body and heading families in four styles, code,
** and a fallback for characters the others lack), opened lazily from the font search path.
**
** A slot is opened the first time layout needs it, so a brief that never sets bold italic
** never pays for that font. Files are "<family>-<Style>.ttf" in the brief's fonts/ folder,
** then the project's fonts/ folder.
*/
#ifndef BC_FONTSET_H
#define BC_FONTSET_H

#include "text/font.h"
#include "doc/theme.h"

typedef struct bc_fontset bc_fontset;

/* dirs: NULL-terminated font folders searched in order (copied). */
bc_fontset *bc_fontset_new(const char *body_family, const char *heading_family,
                           const char *const *dirs);
void bc_fontset_free(bc_fontset *fs);
/* A font file found must lie inside one of dirs or inside dir (the brief folder; NULL: none),
   links resolved (fileio.h). */
void bc_fontset_set_root(bc_fontset *fs, const char *dir);

/* The font of a slot, or NULL with err set (file missing or invalid). */
bc_font *bc_fontset_get(bc_fontset *fs, int slot, bc_error *err);

/* The font already opened for a slot, or NULL (never opens). */
bc_font *bc_fontset_peek(const bc_fontset *fs, int slot);

/* The family of the code slot (default "NotoSansMono"). */
void bc_fontset_set_code_family(bc_fontset *fs, const char *family);

/* Clears per-document usage of every opened font. */
void bc_fontset_usage_clear(bc_fontset *fs);

#endif
