/*
 * text.h - what counts as acceptable user text.
 *
 * Text is data: any valid UTF-8 is kept byte for byte.  Refused are invalid
 * UTF-8 (overlong forms, surrogates, code points past U+10FFFF) and control
 * characters other than newline and tab (tab only where multi-line text
 * is allowed).  The C1 controls U+0080..U+009F count as control characters.
 */
#ifndef BRM_TEXT_H
#define BRM_TEXT_H

#include <stddef.h>
#include <stdint.h>

enum { BRM_TEXT_LINE = 0, BRM_TEXT_MULTILINE = 1 };

/* 0 when s[0..len) is acceptable; otherwise BRM_EINVALID with a message
 * "<what> <problem> at byte N" set (what names the field or option). */
int brm_text_check(const char *s, size_t len, int mode, const char *what);

/* 1 when valid UTF-8 (control characters are not judged). */
int brm_utf8_valid(const char *s, size_t len, size_t *bad_offset);
/* The length in bytes of the UTF-8 character s starts with (0: not
 * valid UTF-8), its code point in *cp. */
size_t brm_utf8_char(const char *s, size_t len, uint32_t *cp);

#endif
