/*
 * fuzz.h - what the harnesses in tests/fuzz/ share.
 *
 * Each fuzz_<name>.c defines LLVMFuzzerTestOneInput().  Built with clang
 * and -fsanitize=fuzzer it is a libFuzzer target (make fuzz); built with
 * replay.c it is a test that feeds it every file of the seed corpus and of
 * the crashes found so far (make check).  A harness aborts when a
 * property it checks does not hold, so that both report it.
 */
#ifndef BRM_FUZZ_H
#define BRM_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

/* data as a NUL-terminated string (malloc'd; stops at the first NUL). */
static inline char *fuzz_str(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1);

	if (!s)
		abort();
	memcpy(s, data, size);
	s[size] = '\0';
	return s;
}

#define FUZZ_ASSERT(cond) do { \
	if (!(cond)) { \
		fprintf(stderr, "%s:%d: property failed: %s\n", __FILE__, \
		    __LINE__, #cond); \
		abort(); \
	} \
} while (0)

#endif
