/* brm help [COMMAND]: the command list, or a command's manual. */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd/cmd.h"

static const struct {
	const char *group;
	const char *title;
} groups[] = {
	{ "portfolio", "Work with the portfolio" },
	{ "customers", "Customers and services" },
	{ "activities", "Relationship activities" },
	{ "suppliers", "Suppliers and third parties" },
	{ "records", "Any record" },
	{ "reports", "Reports" },
	{ "help", "Help" },
};

static void list_commands(void)
{
	const struct brm_cmd *c;
	size_t g;

	printf("usage: brm [-C <dir>] [--version] [-h] <command> "
	    "[<args>]\n");
	for (g = 0; g < sizeof(groups) / sizeof(groups[0]); g++) {
		int any = 0;

		for (c = brm_commands; c->name; c++) {
			if ((c->flags & BRM_CMD_HIDDEN) || !c->group ||
			    strcmp(c->group, groups[g].group))
				continue;
			if (!any++)
				printf("\n%s\n", groups[g].title);
			printf("   %-18s %s\n", c->name, c->summary);
		}
	}
	printf("\nSee 'brm help <command>' for a command's manual, "
	    "'brm help records' for the file format.\n");
}

/* A manual page beside the binary (a build tree) wins over man's path,
 * so that a developer reads the page of the brm they run. */
static char *local_page(const char *page, const char *section)
{
	char exe[PATH_MAX], *slash, *path;
	ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);

	if (n <= 0)
		return NULL;
	exe[n] = '\0';
	if (!(slash = strrchr(exe, '/')))
		return NULL;
	*slash = '\0';
	path = malloc(strlen(exe) + strlen(page) + 16);
	if (!path)
		return NULL;
	sprintf(path, "%s/man/%s.%s", exe, page, section);
	if (access(path, R_OK) == 0)
		return path;
	free(path);
	return NULL;
}

static int show_manual(const char *name)
{
	const char *section = "1";
	char page[128], *local;

	if (!strcmp(name, "records") || !strcmp(name, "config"))
		section = "5";
	if (!strcmp(name, "brm"))
		snprintf(page, sizeof(page), "brm");
	else
		snprintf(page, sizeof(page), "brm-%s", name);
	if (strcmp(section, "5") && strcmp(name, "brm") &&
	    !brm_cmd_lookup(name)) {
		fprintf(stderr, "brm: error: no manual for '%s'\n", name);
		fprintf(stderr, "hint: see 'brm help' for the commands\n");
		return 1;
	}
	fflush(stdout);
	if ((local = local_page(page, section)))
		execlp("man", "man", "-l", local, (char *)NULL);
	else
		execlp("man", "man", section, page, (char *)NULL);
	fprintf(stderr, "brm: error: cannot run man for '%s'\n", page);
	fprintf(stderr, "hint: 'brm %s -h' shows the options\n", name);
	free(local);
	return 1;
}

int cmd_help(int argc, char **argv, struct brm_ctx *ctx)
{
	int all = 0;
	const struct brm_opt opts[] = {
		BRM_OPT_FLAG_('a', "all", &all, "list every command"),
		BRM_OPT_END_
	};
	const struct brm_usage u = { "help", "[<command>]", opts };

	(void)ctx;
	if ((argc = brm_parse_options(argc, argv, &u)) < 0)
		return brm_parse_exit(argc);
	if (argc == 0) {
		list_commands();
		return 0;
	}
	return show_manual(argv[0]);
}
