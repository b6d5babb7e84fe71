#include <stddef.h>
#include <stdint.h>

#include "error.h"
#include "text.h"

/*
 * Decode the UTF-8 sequence at s[0..len) into *cp and return its length,
 * or 0 when it is not the shortest encoding of a Unicode scalar value:
 * a stray continuation byte, a truncated sequence, an overlong form, a
 * surrogate or a code point past U+10FFFF.
 */
static size_t decode(const unsigned char *s, size_t len, uint32_t *cp)
{
	static const uint32_t min[] = { 0, 0, 0x80, 0x800, 0x10000 };
	size_t n, i;
	uint32_t c;

	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	if (s[0] >= 0xc2 && s[0] <= 0xdf) {
		n = 2;
		c = s[0] & 0x1f;
	} else if (s[0] >= 0xe0 && s[0] <= 0xef) {
		n = 3;
		c = s[0] & 0x0f;
	} else if (s[0] >= 0xf0 && s[0] <= 0xf4) {
		n = 4;
		c = s[0] & 0x07;
	} else {
		return 0;	/* continuation byte, C0/C1 lead, F5..FF */
	}
	if (len < n)
		return 0;
	for (i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		c = (c << 6) | (s[i] & 0x3f);
	}
	if (c < min[n] || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
		return 0;
	*cp = c;
	return n;
}

size_t brm_utf8_char(const char *s, size_t len, uint32_t *cp)
{
	return len ? decode((const unsigned char *)s, len, cp) : 0;
}

int brm_utf8_valid(const char *s, size_t len, size_t *bad_offset)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t off = 0, n;
	uint32_t cp;

	while (off < len) {
		if (u[off] < 0x80) {	/* ASCII, most text: no decoding */
			off++;
			continue;
		}
		if ((n = decode(u + off, len - off, &cp)) == 0) {
			if (bad_offset)
				*bad_offset = off;
			return 0;
		}
		off += n;
	}
	return 1;
}

static int is_control(uint32_t cp, int mode)
{
	if (cp == '\n' || cp == '\t')
		return mode != BRM_TEXT_MULTILINE;
	return cp < 0x20 || (cp >= 0x7f && cp <= 0x9f);
}

int brm_text_check(const char *s, size_t len, int mode, const char *what)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t off = 0, n;
	uint32_t cp;

	while (off < len) {
		if (u[off] >= 0x20 && u[off] < 0x7f) {	/* printable ASCII */
			off++;
			continue;
		}
		if ((n = decode(u + off, len - off, &cp)) == 0)
			return brm_error_set(BRM_EINVALID,
			    "%s contains invalid UTF-8 at byte %zu",
			    what, off);
		if (is_control(cp, mode))
			return brm_error_set(BRM_EINVALID, "%s contains a "
			    "control character (U+%04X) at byte %zu",
			    what, (unsigned)cp, off);
		off += n;
	}
	return 0;
}
