#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "error.h"

static char message[2048];
static char hint[1024];
static int last_code;

static void vformat(char *dst, size_t size, const char *fmt, va_list ap)
{
	vsnprintf(dst, size, fmt, ap);
}

int brm_error_set(int code, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vformat(message, sizeof(message), fmt, ap);
	va_end(ap);
	hint[0] = '\0';
	last_code = code;
	return code;
}

int brm_error_hint(int code, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vformat(hint, sizeof(hint), fmt, ap);
	va_end(ap);
	return code;
}

int brm_error_wrap(int code, const char *fmt, ...)
{
	char prefix[1024], old[sizeof(message)];
	va_list ap;

	va_start(ap, fmt);
	vformat(prefix, sizeof(prefix), fmt, ap);
	va_end(ap);
	memcpy(old, message, sizeof(old));
	/* truncating an over-long message is fine: it is for people */
	snprintf(message, sizeof(message), "%.1000s: %.1000s", prefix, old);
	last_code = code;
	return code;
}

const char *brm_error_last(void)
{
	return message;
}

const char *brm_error_last_hint(void)
{
	return hint[0] ? hint : NULL;
}

int brm_error_code(void)
{
	return last_code;
}

void brm_error_clear(void)
{
	message[0] = hint[0] = '\0';
	last_code = 0;
}
