/*
 * replay.c - run a fuzz harness over files, as a test (make check).
 *
 * FUZZ_DIRS (set by the Makefile) lists the harness's seed corpus and its
 * regression folder (crashes found by make fuzz, kept as files), colon
 * separated; arguments, when given, are files to run instead.  Prints TAP,
 * one line per file, for tests/run to count; a crash aborts the run, which
 * tests/run reports as a failure.
 */
#include <dirent.h>
#include <unistd.h>

#include "fuzz.h"

#pragma weak LLVMFuzzerInitialize

static FILE *tap;
static int count;

static void run_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	uint8_t *data = NULL;
	size_t len = 0, alloc = 0, n;

	if (!f) {
		fprintf(tap, "not ok %d - cannot read %s\n", ++count, path);
		return;
	}
	do {
		if (len == alloc && !(data = realloc(data, alloc =
		    alloc ? 2 * alloc : 4096)))
			abort();
		n = fread(data + len, 1, alloc - len, f);
		len += n;
	} while (n > 0);
	fclose(f);
	fflush(tap);
	LLVMFuzzerTestOneInput(data, len);
	free(data);
	fprintf(tap, "ok %d - %s\n", ++count, path);
}

static int by_name(const struct dirent **a, const struct dirent **b)
{
	return strcmp((*a)->d_name, (*b)->d_name);
}

static void run_dir(const char *dir)
{
	struct dirent **names;
	char path[4096];
	int n, i;

	if ((n = scandir(dir, &names, NULL, by_name)) < 0)
		return;
	for (i = 0; i < n; i++) {
		if (names[i]->d_name[0] != '.') {
			snprintf(path, sizeof(path), "%s/%s", dir,
			    names[i]->d_name);
			run_file(path);
		}
		free(names[i]);
	}
	free(names);
}

int main(int argc, char **argv)
{
	char *dirs = strdup(FUZZ_DIRS), *dir, *save = NULL;
	int i;

	/* the harness may print (usage, help): keep TAP apart from it */
	if (!(tap = fdopen(dup(1), "w")) || !freopen("/dev/null", "w", stdout))
		abort();
	if (LLVMFuzzerInitialize)
		LLVMFuzzerInitialize(&argc, &argv);
	if (argc > 1)
		for (i = 1; i < argc; i++)
			run_file(argv[i]);
	else
		for (dir = strtok_r(dirs, ":", &save); dir;
		    dir = strtok_r(NULL, ":", &save))
			run_dir(dir);
	fprintf(tap, "1..%d\n", count);
	fclose(tap);
	free(dirs);
	return 0;
}
