/*
** fontset.h — the font slots of a theme (body and heading families in four styles, code,
** and the fallback chain for characters those lack), opened lazily from the font search path.
**
** A slot is opened the first time layout needs it, so a brief that never sets bold italic
** never pays for that font. A family is a file prefix ("NotoSerif": NotoSerif-Bold.ttf or
** .otf in the brief's fonts/ folder, then the project's) or a family name ("Noto Serif"),
** found by the name table of the fonts in those folders, then among the installed fonts
** through fontconfig. A style the family lacks is an error naming every missing style:
** bold and italic are never faked.
**
** The fallback chain: each character is set in the first font that has it, in this order:
** the font asked for; then by script: Arabic script in Noto Naskh Arabic (Noto Nastaliq Urdu
** first when the language is Urdu), Devanagari in Noto Sans Devanagari, Chinese, Japanese and
** Korean in Noto Sans CJK (installed, through fontconfig), Latin, Greek and Cyrillic in
** Noto Serif (for the body family) or Noto Sans (others) in the same style, so a Nastaliq
** body font never blanks Latin; then DejaVu Sans (symbols, emoji in monochrome); then any
** installed outline font fontconfig finds (two per document at most). Bold text takes the
** bold face of a chain font where it has one.
**
** Colour emoji (bc_fontset_run_colour, body text): an emoji in emoji presentation (one shown
** as emoji by default, or followed by VS16; a keycap; a regional-indicator flag) with what
** belongs to it (VS16, skin-tone modifiers, ZWJ and the emoji after it, keycap, tag
** characters) is set in BC_FONT_EMOJI, the installed colour font (fontconfig, Noto Color
** Emoji), when there is one; text presentation (VS15, a digit without keycap) and every emoji
** when no colour font is installed take the chain above (monochrome). The colour font is
** looked for only when such an emoji appears.
*/
#ifndef BC_FONTSET_H
#define BC_FONTSET_H

#include <stddef.h>
#include <stdint.h>

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

/*
** The first run of s[0..len) set in one font, for text wanted in slot pref: returns its
** length in bytes (> 0 when len > 0) and its slot in *slot. lang (BCP 47, or NULL) picks
** among the fonts of a script ("ur": Nastaliq). Runs split where the font changes, never
** before a combining mark, joiner or variation selector (they stay with their base), and a
** space, digit or punctuation mark stays in a script font's run (Arabic, Devanagari, CJK)
** when that font has it, so a shaper gets whole phrases and clusters. A character no font has stays in the current run
** (or pref): the caller reports it. Call again on the rest for the next run.
*/
size_t bc_fontset_run(bc_fontset *fs, int pref, const char *lang, const char *s, size_t len,
                      int *slot);

/* The same, with colour emoji in BC_FONT_EMOJI (body text: layout draws them as images). */
size_t bc_fontset_run_colour(bc_fontset *fs, int pref, const char *lang, const char *s, size_t len,
                             int *slot);

/* The same as an array: at most max runs of (slot, font, byte range) covering s in order;
   returns how many. */
typedef struct bc_font_run {
    int slot;
    bc_font *font;     /* the slot's font (NULL only when pref's own font is missing) */
    size_t start, len; /* bytes of s */
} bc_font_run;
int bc_fontset_runs(bc_fontset *fs, int pref, const char *lang, const char *s, size_t len,
                    bc_font_run *runs, int max);

/* The family of an installed font that has cp, for a message, and whether it has outlines
   briefc can embed (*outline; else a bitmap or colour font such as Noto Color Emoji); 0 when
   none has it. */
int bc_fontset_suggest(bc_fontset *fs, uint32_t cp, char *buf, size_t size, int *outline);

/* Clears per-document usage of every opened font. */
void bc_fontset_usage_clear(bc_fontset *fs);

#endif
