/* brm help [-a] [COMMAND|TOPIC]: the command list, or a manual. */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd/cmd.h"
#include "cmd/complete.h"

/* Manuals that are not a command's: the overview and section 5. */

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

static void list_group(const char *group, const char *title, int hidden)
{
	const struct brm_cmd *c;
	int any = 0;

	for (c = brm_commands; c->name; c++) {
		if (((c->flags & BRM_CMD_HIDDEN) != 0) != hidden ||
		    (!hidden && (!c->group || strcmp(c->group, group))))
			continue;
		if (!any++)
			printf("\n%s\n", title);
		printf("   %-18s %s\n", c->name, c->summary ? c->summary : "");
	}
}

/* The commands by group; with all, the hidden ones too. */
static void list_commands(int all)
{
	size_t g;

	printf("usage: brm [-C <dir>] [--version] [-h] <command> "
	    "[<args>]\n");
	for (g = 0; g < sizeof(groups) / sizeof(groups[0]); g++)
		list_group(groups[g].group, groups[g].title, 0);
	if (all)
		list_group(NULL, "Internal (for the shells and git; "
		    "no manual)", 1);
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
	const struct brm_cmd *c;
	const char *section = "1";
	char page[128], *local;

	if (!strcmp(name, "records") || !strcmp(name, "config"))
		section = "5";
	if (!strcmp(name, "brm"))
		snprintf(page, sizeof(page), "brm");
	else
		snprintf(page, sizeof(page), "brm-%s", name);
	if (strcmp(section, "5") && strcmp(name, "brm") &&
	    (!(c = brm_cmd_lookup(name)) || (c->flags & BRM_CMD_HIDDEN))) {
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

/* brm help <TAB>: the commands and the other manuals. */
static void complete_manuals(struct brm_completion *c)
{
	brm_complete_commands(c);
	brm_complete_add(c, "records");
	brm_complete_add(c, "config");
	brm_complete_add(c, "brm");
}

int cmd_help(int argc, char **argv, struct brm_ctx *ctx)
{
	int all = 0;
	const struct brm_opt opts[] = {
		BRM_OPT_FLAG_('a', "all", &all,
		    "list every command, the internal ones too"),
		BRM_OPERAND_FN_(0, complete_manuals),
		BRM_OPT_END_
	};
	const struct brm_usage u = { "help", "[<command>]", opts };

	(void)ctx;
	if ((argc = brm_parse_options(argc, argv, &u)) < 0)
		return brm_parse_exit(argc);
	if (all && argc)
		return brm_usage_error(&u, "-a lists the commands; it takes "
		    "no command");
	if (argc == 0) {
		list_commands(all);
		return 0;
	}
	return show_manual(argv[0]);
}
