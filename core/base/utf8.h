/*
** utf8.h — strict UTF-8 validation and decoding. Every string from outside (briefs, plugins,
** data files) is validated here before layout or libharu sees it: libharu accepts invalid
** UTF-8 and mangles it silently.
*/
#ifndef BC_UTF8_H
#define BC_UTF8_H

#include <stddef.h>
#include <stdint.h>

/* Returns the byte offset of the first invalid sequence, or (size_t)-1 when s is valid. */
size_t bc_utf8_check(const char *s, size_t len);

/* Decodes one code point at *p (already validated); advances *p. */
uint32_t bc_utf8_next(const char **p);

/* Encodes cp into out (at least 4 bytes); returns the byte count. */
int bc_utf8_encode(uint32_t cp, char *out);

/* Converts valid UTF-8 to UTF-16BE with a byte order mark (a PDF text string). out must hold
   2 + 2 * len bytes; returns the byte count. */
size_t bc_utf8_to_utf16be(const char *s, size_t len, unsigned char *out);

#endif
