/*
 * parse_all.c - the floor for reading a portfolio: open, read and parse
 * with libyaml (events, nothing built) every *.yaml file under the given
 * folders, as brm check or a report must at least do.  Prints the number
 * of files and of events.
 *
 *	parse_all DIR...
 */
#define _XOPEN_SOURCE 700
#include <fcntl.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <yaml.h>

static long files, events;
static char *buf;
static size_t cap;

static int parse(const char *path)
{
	yaml_parser_t p;
	yaml_event_t ev;
	ssize_t n;
	size_t len = 0;
	int fd = open(path, O_RDONLY), done = 0, ok = 1;

	if (fd < 0)
		return -1;
	for (;;) {
		if (len == cap && !(buf = realloc(buf, cap = cap ? 2 * cap :
		    65536)))
			abort();
		if ((n = read(fd, buf + len, cap - len)) <= 0)
			break;
		len += (size_t)n;
	}
	close(fd);
	yaml_parser_initialize(&p);
	yaml_parser_set_input_string(&p, (unsigned char *)buf, len);
	while (!done) {
		if (!yaml_parser_parse(&p, &ev)) {
			ok = 0;
			break;
		}
		done = ev.type == YAML_STREAM_END_EVENT;
		events++;
		yaml_event_delete(&ev);
	}
	yaml_parser_delete(&p);
	files++;
	return ok ? 0 : -1;
}

static int visit(const char *path, const struct stat *st, int type,
    struct FTW *f)
{
	size_t n = strlen(path);

	(void)st;
	(void)f;
	if (type == FTW_F && n > 5 && !strcmp(path + n - 5, ".yaml") &&
	    parse(path) < 0)
		fprintf(stderr, "parse_all: %s: cannot parse\n", path);
	return 0;
}

int main(int argc, char **argv)
{
	int i;

	for (i = 1; i < argc; i++)
		nftw(argv[i], visit, 32, FTW_PHYS);
	printf("%ld files, %ld events\n", files, events);
	free(buf);
	return 0;
}
