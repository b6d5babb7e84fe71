/*
 * brm __records-man: print brm-records(5), generated from the schema
 * tables so that the manual can never miss a field.  man/brm-records.5 is
 * this output, committed; a test fails when the two differ.
 */
#include <stdio.h>
#include <string.h>

#include "cmd/cmd.h"

/* mdoc text: a line starting with '.' or '\'' would be a request. */
static void text(const char *s)
{
	if (*s == '.' || *s == '\'')
		fputs("\\&", stdout);
	for (; *s; s++) {
		if (*s == '\\')
			fputs("\\e", stdout);
		else
			putchar(*s);
	}
}

static void field_type(const struct brm_field *f)
{
	char form[256];

	if (f->flags & BRM_FIELD_LIST)
		printf("list of ");
	switch (f->type) {
	case BRM_F_ENUM:
		printf("one of ");
		text(f->arg);
		break;
	case BRM_F_REF:
		printf("id of a ");
		text(f->arg);
		break;
	case BRM_F_MAP:
		printf("mappings");
		break;
	case BRM_F_NUMBER:
	case BRM_F_INTEGER:
		if (f->arg) {
			text(brm_field_form(f, form, sizeof(form)));
			break;
		}
		/* FALLTHROUGH */
	default:
		printf("%s", brm_ftype_name(f->type));
		if (f->type == BRM_F_DATE || f->type == BRM_F_DATETIME) {
			printf(", ");
			text(brm_field_form(f, form, sizeof(form)));
		}
	}
}

static void fields(const struct brm_field *f)
{
	printf(".Bl -tag -width Ds\n");
	for (; f->name; f++) {
		printf(".It Cm %s\n", f->name);
		text(f->help);
		/* the type on a line of its own keeps lines short */
		printf("\n(");
		field_type(f);
		if (f->flags & BRM_FIELD_REQUIRED)
			printf("; required");
		if (f->def)
			printf("; default %s", f->def);
		printf(").\n");
		if (f->opt)
			printf("Set by\n.Fl \\-%s .\n", f->opt);
		if (f->type == BRM_F_MAP)
			fields(f->sub);
	}
	printf(".El\n");
}

static void kind(const struct brm_kind *k)
{
	printf(".Ss %s\n", k->name);
	if (k->prefix)
		printf(".Pa %s/YYYY/MM/%s-YYYYMMDD-xxxx.yaml ,\n"
		    "filed by its\n.Cm %s .\n", k->plural, k->prefix,
		    k->date_field);
	else if (k == &brm_kind_config)
		printf(".Pa .brm/config.yaml\n");
	else
		printf(".Pa %s/<id>.yaml\n", k->plural);
	fields(k->fields);
}

static const char intro[] =
".Dd November 22, 2026\n"
".Dt BRM-RECORDS 5\n"
".Os\n"
".Sh NAME\n"
".Nm brm-records\n"
".Nd the file format of a brm portfolio\n"
".Sh DESCRIPTION\n"
"A portfolio is a git repository.\n"
"Each record is one YAML file; its path follows from its id.\n"
"Named records (customers, services, suppliers, third parties) have a\n"
"slug id:\n"
"lowercase letters, digits and\n"
".Sq - ,\n"
"derived from the name or chosen with\n"
".Fl \\-id .\n"
"Dated records have ids such as\n"
".Li mtg-20261122-k7f3\n"
"and live in one folder per month.\n"
"An id may be abbreviated to a unique prefix wherever a command takes "
"one.\n"
".Pp\n"
"Files may be edited by hand;\n"
".Xr brm-check 1\n"
"validates them.\n"
"Fields that are not listed here are kept, in place,\n"
"whenever brm rewrites a record.\n"
"brm writes YAML canonically: block style, two-space indent, and\n"
"strings that would read as another type\n"
"(\\(lqyes\\(rq, \\(lqnull\\(rq, \\(lq2026-11-22\\(rq, \\(lq1e3\\(rq)\n"
"in double quotes.\n"
"Text is UTF-8; control characters other than newline and tab are\n"
"refused.\n"
"Anchors, aliases, tags and duplicate keys are refused, as are files\n"
"over 1 MiB.\n"
".Pp\n"
"Dates are written\n"
".Li YYYY-MM-DD ,\n"
"times\n"
".Li YYYY-MM-DDTHH:MM:SS+HH:MM .\n"
"Each field below gives its type and, where a command sets it, the\n"
"option.\n";

int cmd_records_man(int argc, char **argv, struct brm_ctx *ctx)
{
	const struct brm_kind *const *k;

	(void)argc;
	(void)argv;
	(void)ctx;
	fputs(intro, stdout);
	printf(".Sh RECORD KINDS\n");
	for (k = brm_kinds; *k; k++)
		kind(*k);
	printf(".Sh PORTFOLIO SETTINGS\n");
	kind(&brm_kind_config);
	printf(".Sh SEE ALSO\n.Xr brm 1 ,\n.Xr brm-check 1 ,\n"
	    ".Xr brm-edit 1 ,\n.Xr brm-set 1 ,\n.Xr brm-config 5\n");
	return 0;
}
