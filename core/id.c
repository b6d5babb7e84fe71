#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>

#include "buf.h"
#include "error.h"
#include "id.h"

int brm_id_is_slug(const char *s)
{
	size_t n = 0;

	if (!islower((unsigned char)*s) && !isdigit((unsigned char)*s))
		return 0;
	for (; *s; s++, n++)
		if (!islower((unsigned char)*s) &&
		    !isdigit((unsigned char)*s) && *s != '-')
			return 0;
	return n <= BRM_ID_MAX;
}

/* prefix-YYYYMMDD-xxxx with the date a real one. */
static int parse_dated(const char *id, const struct brm_kind **kind,
    struct brm_date *d)
{
	const char *dash = strchr(id, '-');
	const struct brm_kind *k;
	char date[16];
	int i;

	if (!dash || !(k = brm_kind_by_prefix(id, (size_t)(dash - id))))
		return -1;
	for (i = 1; i <= 8; i++)
		if (!isdigit((unsigned char)dash[i]))
			return -1;
	if (dash[9] != '-' || strlen(dash + 10) != 4)
		return -1;
	for (i = 10; i < 14; i++)
		if (!islower((unsigned char)dash[i]) &&
		    !isdigit((unsigned char)dash[i]))
			return -1;
	/* YYYYMMDD -> YYYY-MM-DD */
	memcpy(date, dash + 1, 4);
	date[4] = '-';
	memcpy(date + 5, dash + 5, 2);
	date[7] = '-';
	memcpy(date + 8, dash + 7, 2);
	date[10] = '\0';
	if (brm_date_parse(d, date, "id date") < 0)
		return -1;
	*kind = k;
	return 0;
}

int brm_id_date(const char *id, struct brm_date *d)
{
	const struct brm_kind *k;

	return parse_dated(id, &k, d);
}

const struct brm_kind *brm_id_kind(const char *id)
{
	const struct brm_kind *k;
	struct brm_date d;

	return parse_dated(id, &k, &d) == 0 ? k : NULL;
}

int brm_id_check(const struct brm_kind *kind, const char *id)
{
	const struct brm_kind *k;
	struct brm_date d;

	if (brm_kind_is_dated(kind)) {
		if (parse_dated(id, &k, &d) == 0 && k == kind)
			return 0;
		return brm_error_set(BRM_EINVALID,
		    "invalid %s id '%s' (expected %s-YYYYMMDD-xxxx)",
		    kind->name, id, kind->prefix);
	}
	if (brm_id_is_slug(id))
		return 0;
	brm_error_set(BRM_EINVALID, "invalid %s id '%s'", kind->name, id);
	return brm_error_hint(BRM_EINVALID, "an id is lowercase letters, "
	    "digits and '-', starts with a letter or digit, at most %d long",
	    BRM_ID_MAX);
}

/* ASCII for the Latin-1 letters U+00C0..U+00FF, "" where none fits. */
static const char *const latin1[64] = {
	"a", "a", "a", "a", "ae", "a", "ae", "c", "e", "e", "e", "e", "i", "i",
	"i", "i", "d", "n", "o", "o", "o", "o", "oe", "", "o", "u", "u", "u",
	"ue", "y", "th", "ss", "a", "a", "a", "a", "ae", "a", "ae", "c", "e",
	"e", "e", "e", "i", "i", "i", "i", "d", "n", "o", "o", "o", "o", "oe",
	"", "o", "u", "u", "u", "ue", "y", "th", "y",
};

/* ASCII for Latin Extended-A, U+0100..U+017F (Czech, Polish, Turkish,
 * Hungarian...); '?' marks the ligatures: ij at 0x32-0x33, oe at
 * 0x52-0x53. */
static const char latin_ext_a[] =
    "aaaaaaccccccccddddeeeeeeeeeegggggggghhhhiiiiiiiiii??jjkkkllllllllll"
    "nnnnnnnnnoooooo??rrrrrrssssssssttttttuuuuuuuuuuuuwwyyyzzzzzzs";

char *brm_id_from_name(const char *name)
{
	struct brm_buf b = BRM_BUF_INIT;
	const unsigned char *p = (const unsigned char *)name;
	int dash = 0;

	for (; *p; p++) {
		const char *ascii = NULL;
		char c[2] = { 0, 0 };
		size_t i;

		if (isalnum(*p)) {
			c[0] = (char)tolower(*p);
			ascii = c;
		} else if (*p == 0xc3 && p[1] >= 0x80 && p[1] <= 0xbf) {
			ascii = latin1[p[1] - 0x80];
			p++;
		} else if ((*p == 0xc4 || *p == 0xc5) && p[1] >= 0x80 &&
		    p[1] <= 0xbf) {
			i = (size_t)(*p - 0xc4) * 64 + (size_t)(p[1] - 0x80);
			c[0] = latin_ext_a[i];
			ascii = c[0] != '?' ? c : i < 0x40 ? "ij" : "oe";
			p++;
		}
		if (!ascii || !*ascii) {
			dash = b.len > 0;
			continue;
		}
		if (dash)
			brm_buf_putc(&b, '-');
		dash = 0;
		brm_buf_puts(&b, ascii);
		if (b.len >= BRM_ID_MAX)
			break;
	}
	brm_buf_truncate(&b, BRM_ID_MAX);
	while (b.len && b.data[b.len - 1] == '-')
		brm_buf_truncate(&b, b.len - 1);
	if (!b.len) {
		brm_buf_release(&b);
		brm_error_set(BRM_EINVALID, "cannot derive an id from '%s'",
		    name);
		brm_error_hint(BRM_EINVALID, "give one with --id");
		return NULL;
	}
	return brm_buf_detach(&b);
}

char *brm_id_new_dated(const struct brm_kind *kind,
    const struct brm_date *d)
{
	static const char alphabet[] = "0123456789abcdefghijklmnopqrstuvwxyz";
	unsigned char rnd[4];
	char tail[5];
	size_t i;

	if (getrandom(rnd, sizeof(rnd), 0) != (ssize_t)sizeof(rnd)) {
		/* never fails for 4 bytes after boot; keep ids unique anyway */
		for (i = 0; i < sizeof(rnd); i++)
			rnd[i] = (unsigned char)rand();
	}
	for (i = 0; i < 4; i++)
		tail[i] = alphabet[rnd[i] % 36];
	tail[4] = '\0';
	return brm_xprintf("%s-%04d%02d%02d-%s", kind->prefix, d->year,
	    d->month, d->day, tail);
}

/* Built without printf: a report makes a path for every record. */
char *brm_id_path(const struct brm_kind *kind, const char *id)
{
	struct brm_buf path = BRM_BUF_INIT;
	struct brm_date d;
	char month[8];

	brm_buf_grow(&path, strlen(kind->plural) + strlen(id) + 14);
	brm_buf_puts(&path, kind->plural);
	brm_buf_putc(&path, '/');
	if (brm_kind_is_dated(kind) && brm_id_date(id, &d) == 0) {
		brm_month_text(month, d.year, d.month);
		month[4] = '/';
		brm_buf_add(&path, month, 7);
		brm_buf_putc(&path, '/');
	}
	brm_buf_puts(&path, id);
	brm_buf_puts(&path, ".yaml");
	return brm_buf_detach(&path);
}
