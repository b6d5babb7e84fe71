/*
 * hello_git2.c - the floor for a brm process that starts, answers and
 * exits: a C program linked with libgit2 and libyaml, as brm is, that
 * only starts (the dynamic loader maps and relocates both libraries and
 * theirs) and exits.  It asks libgit2 its version so that the linker
 * keeps the library (--as-needed), but does not initialise it: that
 * loads the TLS certificates, which brm does only when it opens the
 * repository.  The benchmark's baseline for show, --help and __complete.
 */
#include <git2.h>
#include <yaml.h>

int main(void)
{
	int major, minor, rev;

	git_libgit2_version(&major, &minor, &rev);
	return major >= 0 && yaml_get_version_string() ? 0 : 1;
}
