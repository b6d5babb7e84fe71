#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/output.h"
#include "core/buf.h"
#include "core/error.h"

/* "file:12:3: what" reads better to a person as "what (file:12:3)", and
 * "dir/file: what" as "what (dir/file)". */
static void print_message(const char *label, const char *msg)
{
	const char *p = msg, *colon;
	int fields = 0;

	while (fields < 3 && (colon = strchr(p, ':'))) {
		if (fields > 0) {
			const char *q;

			for (q = p; q < colon; q++)
				if (!isdigit((unsigned char)*q))
					break;
			if (q != colon || q == p)
				break;
		} else if (colon == p || memchr(p, ' ', (size_t)(colon - p))) {
			break;
		}
		p = colon + 1;
		fields++;
	}
	if ((fields == 3 || (fields == 1 && memchr(msg, '/',
	    (size_t)(p - msg)))) && *p == ' ')
		fprintf(stderr, "brm: %s: %s (%.*s)\n", label, p + 1,
		    (int)(p - msg - 1), msg);
	else
		fprintf(stderr, "brm: %s: %s\n", label, msg);
}

int brm_fail(int ret)
{
	const char *hint = brm_error_last_hint(), *nl;

	print_message("error", *brm_error_last() ? brm_error_last() :
	    "unknown failure");
	/* as git's advise(): every line of a hint says it is one */
	for (; hint; hint = nl ? nl + 1 : NULL) {
		nl = strchr(hint, '\n');
		fprintf(stderr, "hint: %.*s\n", nl ? (int)(nl - hint) :
		    (int)strlen(hint), hint);
	}
	return ret == BRM_EUSAGE ? 2 : 1;
}

void brm_warn(const char *fmt, ...)
{
	va_list ap;

	fputs("brm: warning: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

void brm_warn_message(const char *msg)
{
	print_message("warning", msg);
}

void brm_warn_error(void)
{
	brm_warn_message(*brm_error_last() ? brm_error_last() :
	    "unknown failure");
	brm_error_clear();
}

void brm_error_at(const char *where, const char *fmt, ...)
{
	va_list ap;

	fputs("brm: error: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, " (%s)\n", where);
}

int brm_use_color(FILE *f)
{
	const char *nc = getenv("NO_COLOR"), *term = getenv("TERM");

	if (nc && *nc)
		return 0;
	if (term && !strcmp(term, "dumb"))
		return 0;
	return isatty(fileno(f));
}

int brm_finish_stdout(int status)
{
	if (fflush(stdout) == 0 && !ferror(stdout))
		return status;
	if (errno == EPIPE)
		return status;
	fprintf(stderr, "brm: error: cannot write to standard output: %s\n",
	    strerror(errno));
	return 1;
}

int brm_deliver(const struct brm_buf *out, const char *path)
{
	char *tmp;
	FILE *f;
	int ok;

	if (!path || !strcmp(path, "-")) {
		fwrite(out->data, 1, out->len, stdout);
		return 0;
	}
	tmp = brm_xprintf("%s.brm-tmp-%ld", path, (long)getpid());
	if (!(f = fopen(tmp, "w"))) {
		free(tmp);
		return brm_error_set(BRM_ERROR, "cannot write '%s': %s", path,
		    strerror(errno));
	}
	ok = fwrite(out->data, 1, out->len, f) == out->len;
	ok = (fclose(f) == 0) && ok && rename(tmp, path) == 0;
	if (!ok) {
		unlink(tmp);
		free(tmp);
		return brm_error_set(BRM_ERROR, "cannot write '%s': %s", path,
		    strerror(errno));
	}
	free(tmp);
	return 0;
}

