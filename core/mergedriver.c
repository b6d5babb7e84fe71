/*
 * mergedriver.c - git's merge driver for records (see mergedriver.h):
 * setting it up in a repository's config, and merging three files as git
 * hands them over, field by field where they are records, git's line
 * merge with conflict markers where that cannot be done.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <git2.h>

#include "buf.h"
#include "error.h"
#include "id.h"
#include "merge.h"
#include "mergedriver.h"
#include "record.h"
#include "repo.h"
#include "formats/yaml.h"

int brm_mergedriver_install_git(git_repository *git)
{
	git_config *cfg = NULL, *local = NULL;
	int ret = 0;

	if (git_repository_config(&cfg, git) < 0 ||
	    git_config_open_level(&local, cfg, GIT_CONFIG_LEVEL_LOCAL) < 0 ||
	    git_config_set_string(local, "merge.brm.name",
	    "brm: merge records field by field") < 0 ||
	    git_config_set_string(local, "merge.brm.driver",
	    BRM_MERGE_DRIVER) < 0)
		ret = brm_error_set(BRM_ERROR, "cannot set up the merge "
		    "driver: %s", brm_repo_git_message());
	git_config_free(local);
	git_config_free(cfg);
	return ret;
}

int brm_mergedriver_install(struct brm_repo *repo)
{
	return brm_mergedriver_install_git(brm_repo_git(repo));
}

/* ---- merging three files ---- */

static int read_all(const char *path, struct brm_buf *out)
{
	char chunk[8192];
	size_t n;
	FILE *f = fopen(path, "rb");

	if (!f)
		return brm_error_set(BRM_ERROR, "cannot read '%s': %s", path,
		    strerror(errno));
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		brm_buf_add(out, chunk, n);
	if (ferror(f)) {
		fclose(f);
		return brm_error_set(BRM_ERROR, "cannot read '%s': %s", path,
		    strerror(errno));
	}
	fclose(f);
	return 0;
}

static int overwrite(const char *path, const char *data, size_t len)
{
	FILE *f = fopen(path, "wb");
	int ok = f && fwrite(data, 1, len, f) == len;

	if (f && fclose(f) != 0)
		ok = 0;
	return ok ? 0 : brm_error_set(BRM_ERROR, "cannot write '%s': %s",
	    path, strerror(errno));
}

/* git's own line merge, with conflict markers, into ours. */
static int text_merge(const struct brm_buf *b, const struct brm_buf *o,
    const struct brm_buf *t, const char *ours, const char *name,
    int *clean)
{
	git_merge_file_input bi, oi, ti;
	git_merge_file_options mo;
	git_merge_file_result res = { 0 };
	int ret;

	if (git_libgit2_init() < 0)
		return brm_error_set(BRM_ERROR, "cannot initialise libgit2: "
		    "%s", brm_repo_git_message());
	git_merge_file_input_init(&bi, GIT_MERGE_FILE_INPUT_VERSION);
	git_merge_file_input_init(&oi, GIT_MERGE_FILE_INPUT_VERSION);
	git_merge_file_input_init(&ti, GIT_MERGE_FILE_INPUT_VERSION);
	git_merge_file_options_init(&mo, GIT_MERGE_FILE_OPTIONS_VERSION);
	bi.ptr = b->data;
	bi.size = b->len;
	oi.ptr = o->data;
	oi.size = o->len;
	ti.ptr = t->data;
	ti.size = t->len;
	bi.path = oi.path = ti.path = name;
	mo.ancestor_label = "base";
	mo.our_label = "ours";
	mo.their_label = "theirs";
	if (git_merge_file(&res, &bi, &oi, &ti, &mo) < 0) {
		ret = brm_error_set(BRM_ERROR, "cannot merge '%s': %s", name,
		    brm_repo_git_message());
	} else {
		*clean = res.automergeable;
		ret = overwrite(ours, res.ptr, res.len);
	}
	git_merge_file_result_free(&res);
	git_libgit2_shutdown();
	return ret;
}

static int load_text(struct brm_node **out, const struct brm_buf *b,
    const char *name)
{
	size_t i;

	*out = NULL;
	for (i = 0; i < b->len; i++)
		if (b->data[i] != ' ' && b->data[i] != '\n' &&
		    b->data[i] != '\t' && b->data[i] != '\r')
			return brm_yaml_load(out, b->data, b->len, name);
	return 0;	/* empty: the file is absent on that side */
}

static void note_value(struct brm_buf *notes, const char *side,
    const struct brm_node *n)
{
	char *s = brm_merge_show(n, BRM_MERGE_SHOW_MAX);

	if (s)
		brm_buf_printf(notes, "%s '%s'", side, s);
	else
		brm_buf_printf(notes, "%s absent", side);
	free(s);
}

int brm_mergedriver_merge(const char *base, const char *ours,
    const char *theirs, const char *path, struct brm_buf *notes,
    int *conflicted)
{
	struct brm_buf bd = BRM_BUF_INIT, od = BRM_BUF_INIT, td = BRM_BUF_INIT;
	struct brm_buf out = BRM_BUF_INIT;
	struct brm_node *b = NULL, *o = NULL, *t = NULL;
	struct brm_merge m = BRM_MERGE_INIT;
	const struct brm_kind *kind = NULL;
	const char *name = path ? path : ours;
	char *id = NULL, *why = NULL;
	int ret, clean = 0, record_conflict = 0;
	size_t i;

	*conflicted = 1;
	if ((ret = read_all(base, &bd)) < 0 || (ret = read_all(ours, &od)) < 0 ||
	    (ret = read_all(theirs, &td)) < 0)
		goto done;
	if (path)
		kind = brm_record_of_path(path, &id);
	if (load_text(&b, &bd, name) < 0 || load_text(&o, &od, name) < 0 ||
	    load_text(&t, &td, name) < 0) {
		brm_buf_printf(notes, "%s: cannot merge it field by field: "
		    "%s\n", name, brm_error_last());
		brm_error_clear();
		goto text;
	}
	if (!kind && o && brm_node_str(o, "id") &&
	    (kind = brm_id_kind(brm_node_str(o, "id"))))
		id = brm_strdup(brm_node_str(o, "id"));
	brm_merge_trees(&m, kind, b, o, t);
	brm_merge_finish(&m);
	for (i = 0; i < m.n; i++) {
		brm_buf_printf(notes, "%s: conflict in %s: ", name,
		    *m.conflicts[i].field ? m.conflicts[i].field :
		    "the record");
		note_value(notes, "ours", m.conflicts[i].ours);
		note_value(notes, ", theirs", m.conflicts[i].theirs);
		brm_buf_putc(notes, '\n');
	}
	record_conflict = 1;
	if (m.n || !m.result)
		goto text;
	if (kind && *(why = brm_record_why_invalid(kind, id, m.result,
	    name))) {
		brm_buf_printf(notes, "%s: the merged record would be "
		    "invalid: %s\n", name, why);
		goto text;
	}
	record_conflict = 0;
	if ((ret = brm_yaml_emit(&out, m.result)) == 0 &&
	    (ret = overwrite(ours, out.data, out.len)) == 0)
		*conflicted = 0;
	goto done;
text:
	/* markers where the lines clash; a record conflict stays one even
	 * where the lines merged */
	ret = text_merge(&bd, &od, &td, ours, name, &clean);
	*conflicted = !clean || record_conflict;
done:
	brm_merge_release(&m);
	brm_node_free(b);
	brm_node_free(o);
	brm_node_free(t);
	brm_buf_release(&bd);
	brm_buf_release(&od);
	brm_buf_release(&td);
	brm_buf_release(&out);
	free(why);
	free(id);
	return ret;
}
