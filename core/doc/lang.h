/*
** lang.h — BCP 47 language tags: the one syntax check for the brief's `language`, the
** `[text]{lang=..}` spans of inline markup and the /Lang entries of tagged PDF.
*/
#ifndef BC_LANG_H
#define BC_LANG_H

/* A BCP 47 language tag's syntax (RFC 5646 shape: letters, digits, hyphen-separated subtags
   of 1 to 8 characters, a 2-3 letter or 4-8 letter primary subtag, or x / i), at most 64
   bytes. 1 when it is well formed. */
int bc_lang_tag_ok(const char *tag);
/* The same for the len bytes at tag (not NUL-terminated). */
int bc_lang_tag_ok_n(const char *tag, size_t len);

#endif
