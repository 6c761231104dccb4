/*
** lang.h — BCP 47 language tags: the one syntax check for the brief's `language`, the
** `[text]{lang=..}` spans of inline markup and the /Lang entries of tagged PDF.
*/
#ifndef BC_LANG_H
#define BC_LANG_H
#include <stddef.h>
#include <stdint.h>

/* Whether tag is a well-formed BCP 47 language tag (RFC 5646 section 2.1's ABNF: language
   with up to three extlangs, script, region, variants, extensions, private use `x-...`, or one
   of the irregular grandfathered tags such as i-klingon), with no variant or extension
   singleton twice (2.2.5, 2.2.6), at most 64 bytes. Subtags are not looked up in the registry:
   "qq-Zzzz" is well formed. Case is ignored. 1 when it is. */
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
