/*
 * fuzz_id.c - ids: the slug made from a name, the check of an id against
 * each kind, the path an id names, and the resolution of a prefix among
 * the records of a small portfolio (made once, in a temporary folder).
 *
 * Properties: a derived slug is a valid id; a valid id names a path inside
 * its kind's folder; a resolved prefix names an existing record of an
 * allowed kind whose id starts with it.
 */
#include <unistd.h>
#include <sys/stat.h>

#include "fuzz.h"

#include "core/buf.h"
#include "core/error.h"
#include "core/id.h"
#include "core/schema.h"
#include "core/store.h"

static struct brm_store *store;

static const char *const files[] = {
	".brm/config.yaml", "customers/acme.yaml", "customers/acme-corp.yaml",
	"customers/b.yaml", "services/crm.yaml", "suppliers/acme-net.yaml",
	"third-parties/tuv.yaml",
	"meetings/2026/10/mtg-20261015-k7f3.yaml",
	"meetings/2026/10/mtg-20261015-k7f4.yaml",
	"meetings/2026/11/mtg-20261101-0000.yaml",
	"complaints/2026/10/cmp-20261003-ab12.yaml",
	"surveys/2025/01/svy-20250131-zzzz.yaml",
	"disputes/2026/02/dsp-20260228-a1b2.yaml",
	NULL
};

static const char *const filters[] = {
	NULL, "customer", "customer|supplier|third-party", "meeting",
	"complaint|event", "survey", "service", "dispute|audit"
};

static void make_file(const char *root, const char *rel)
{
	char *path = brm_xprintf("%s/%s", root, rel), *p;
	FILE *f;

	for (p = path + strlen(root) + 1; (p = strchr(p, '/')); p++) {
		*p = '\0';
		mkdir(path, 0777);
		*p = '/';
	}
	if (!(f = fopen(path, "w")))
		abort();
	fputs("provider: fuzz\n", f);
	fclose(f);
	free(path);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	char dir[] = "/tmp/brm-fuzz-id-XXXXXX", *git;
	size_t i;

	(void)argc;
	(void)argv;
	if (!mkdtemp(dir))
		abort();
	git = brm_xprintf("%s/.git", dir);
	mkdir(git, 0777);
	free(git);
	for (i = 0; files[i]; i++)
		make_file(dir, files[i]);
	if (brm_store_open(&store, dir) < 0)
		abort();
	return 0;
}

static void id_props(const char *s)
{
	const struct brm_kind *const *k;
	struct brm_date d;
	char *path, *prefix;

	for (k = brm_kinds; *k; k++) {
		if (brm_id_check(*k, s) < 0)
			continue;
		path = brm_id_path(*k, s);
		prefix = brm_xprintf("%s/", (*k)->plural);
		FUZZ_ASSERT(!strncmp(path, prefix, strlen(prefix)));
		FUZZ_ASSERT(!strstr(path, "..") && !strstr(path, "//"));
		FUZZ_ASSERT(strlen(path) > 5 &&
		    !strcmp(path + strlen(path) - 5, ".yaml"));
		FUZZ_ASSERT(!brm_kind_is_dated(*k) || brm_id_kind(s) == *k);
		free(prefix);
		free(path);
	}
	if (brm_id_date(s, &d) == 0)
		FUZZ_ASSERT(d.month >= 1 && d.month <= 12 && d.day >= 1 &&
		    d.day <= brm_days_in_month(d.year, d.month));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *kinds = filters[size ? data[0] % 8 : 0];
	char *s = fuzz_str(size ? data + 1 : data, size ? size - 1 : 0);
	const struct brm_kind *kind;
	char *slug, *id = NULL;

	id_props(s);
	if ((slug = brm_id_from_name(s))) {
		FUZZ_ASSERT(brm_id_is_slug(slug));
		FUZZ_ASSERT(brm_id_check(&brm_kind_customer, slug) == 0);
		id_props(slug);
		free(slug);
	}
	if (brm_store_resolve(store, s, kinds, &kind, &id) == 0) {
		FUZZ_ASSERT(!strncmp(id, s, strlen(s)));
		FUZZ_ASSERT(!kinds || brm_word_in(kinds, kind->name));
		FUZZ_ASSERT(brm_id_check(kind, id) == 0);
		FUZZ_ASSERT(brm_store_exists(store, kind, id));
		free(id);
	}
	brm_error_clear();
	free(s);
	return 0;
}
