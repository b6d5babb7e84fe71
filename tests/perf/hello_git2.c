/*
 * hello_git2.c - the floor for a brm process that starts, answers and
 * exits: a C program linked with libgit2 (and libyaml, as brm is) that
 * initialises the library and exits.  The benchmark's baseline for show,
 * --help and __complete.
 */
#include <git2.h>
#include <yaml.h>

int main(void)
{
	git_libgit2_init();
	git_libgit2_shutdown();
	return yaml_get_version_string() ? 0 : 1;
}
