/*
** lang.h — BCP 47 language tags: the one syntax check for the brief's `language`, the
** `[text]{lang=..}` spans of inline markup and the /Lang entries of tagged PDF.
*/
#ifndef BC_LANG_H
#define BC_LANG_H
#include <stddef.h>
#include <stdint.h>

/* A BCP 47 language tag's syntax (RFC 5646 shape: letters, digits, hyphen-separated subtags
   of 1 to 8 characters, a 2-3 letter or 4-8 letter primary subtag, or x / i), at most 64
   bytes. 1 when it is well formed. */
int bc_lang_tag_ok(const char *tag);
/* The same for the len bytes at tag (not NUL-terminated). */
int bc_lang_tag_ok_n(const char *tag, size_t len);

/* Writing systems, for `briefc check` to find text in another script than its language's. */
enum {
    BC_SCRIPT_LATIN = 1,
    BC_SCRIPT_GREEK = 2,
    BC_SCRIPT_CYRILLIC = 4,
    BC_SCRIPT_HEBREW = 8,
    BC_SCRIPT_ARABIC = 16,
    BC_SCRIPT_DEVANAGARI = 32,
    BC_SCRIPT_BENGALI = 64,
    BC_SCRIPT_THAI = 128,
    BC_SCRIPT_HANGUL = 256,
    BC_SCRIPT_HAN = 512,
    BC_SCRIPT_KANA = 1024
};
/* The script of letter cp (a BC_SCRIPT_ bit), or 0 for digits, punctuation, marks, symbols and
   scripts not listed. */
unsigned bc_script_of(uint32_t cp);
/* The scripts language tag's text is written in (BC_SCRIPT_ bits: ja is Han and Kana), from
   its script subtag (-Latn, -Cyrl, -Arab) or its primary language; 0 when unknown. */
unsigned bc_lang_scripts(const char *tag);
/* The English name of one BC_SCRIPT_ bit ("Arabic"), for messages. */
const char *bc_script_name(unsigned script);

#endif
