/* brm init [DIR]: a git repository with .brm/config.yaml, committed. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cmd/cmd.h"
#include "core/buf.h"
#include "core/error.h"
#include "core/mergedriver.h"
#include "core/repo.h"
#include "core/schema.h"
#include "formats/yaml.h"

/* Records are compared byte for byte with what brm committed: no eol or
 * filter may rewrite them on their way into the index.  git merges them
 * with brm's record-aware merge driver (set up in the config below). */
static const char gitattributes[] = "*.yaml -text merge=brm\n";

static int build_config(struct brm_buf *out, const char *provider,
    const char *currency)
{
	struct brm_node *root = brm_node_new_map(), *days, *map;
	const struct brm_field *f, *sub;
	static const char *const weekdays[] = { "mon", "tue", "wed", "thu",
		"fri" };
	size_t i;
	int ret;

	brm_node_set(root, "provider", brm_node_new_str(provider));
	brm_node_set(root, "currency", brm_node_new_str(currency));
	days = brm_node_new_seq();
	for (i = 0; i < 5; i++)
		brm_node_append(days, brm_node_new_str(weekdays[i]));
	brm_node_set(root, "working_days", days);
	brm_node_set(root, "holidays", brm_node_new_seq());
	/* the policy maps start from the schema's defaults */
	for (f = brm_kind_config.fields; f->name; f++) {
		if (f->type != BRM_F_MAP)
			continue;
		map = brm_node_new_map();
		for (sub = f->sub; sub->name; sub++)
			brm_node_set(map, sub->name,
			    brm_node_new_plain(sub->def));
		brm_node_set(root, f->name, map);
	}
	ret = brm_yaml_emit(out, root);
	brm_node_free(root);
	return ret;
}

static int write_file(const char *dir, const char *rel, const char *data,
    size_t len)
{
	char *path = brm_xprintf("%s/%s", dir, rel);
	FILE *f = fopen(path, "wx");
	int ret = 0;

	if (!f || fwrite(data, 1, len, f) != len)
		ret = brm_error_set(BRM_ERROR, "cannot write '%s'", path);
	if (f && fclose(f) != 0)
		ret = brm_error_set(BRM_ERROR, "cannot write '%s'", path);
	free(path);
	return ret;
}

int cmd_init(int argc, char **argv, struct brm_ctx *ctx)
{
	const char *provider = "My IT Services", *currency = "EUR";
	struct brm_buf config = BRM_BUF_INIT;
	struct brm_repo *repo = NULL;
	struct brm_change ch[2];
	char *dir = NULL, *brmdir = NULL, *cfg = NULL, *attrs = NULL;
	size_t n = 1;
	int ret, made_attrs = 0;
	const struct brm_opt opts[] = {
		BRM_OPT_STRING_(0, "provider", &provider, "<name>",
		    "the service provider's name"),
		BRM_OPT_STRING_(0, "currency", &currency, "<code>",
		    "currency of revenue figures (default: EUR)"),
		BRM_OPT_END_
	};
	const struct brm_usage u = { "init", "[<dir>]", opts };

	if ((argc = brm_parse_options(argc, argv, &u)) < 0)
		return brm_parse_exit(argc);
	dir = argc ? brm_ctx_path(ctx, argv[0]) :
	    brm_strdup(ctx->dir ? ctx->dir : ".");
	if ((ret = build_config(&config, provider, currency)) < 0)
		goto done;
	brmdir = brm_xprintf("%s/.brm", dir);
	cfg = brm_xprintf("%s/%s", dir, BRM_CONFIG_PATH);
	/* before brm_repo_init: a refused init must not leave a new .git */
	if (access(cfg, F_OK) == 0) {
		ret = brm_error_set(BRM_EEXISTS, "'%s' is already a brm "
		    "portfolio", dir);
		goto done;
	}
	if ((ret = brm_repo_init(&repo, dir)) < 0)
		goto done;
	if ((ret = brm_repo_check_writable(repo)) < 0)
		goto done;
	if (mkdir(brmdir, 0777) < 0 && access(brmdir, F_OK) != 0) {
		ret = brm_error_set(BRM_ERROR, "cannot create '%s'", brmdir);
		goto done;
	}
	if ((ret = write_file(dir, BRM_CONFIG_PATH, config.data,
	    config.len)) < 0)
		goto done;
	ch[0] = (struct brm_change){ BRM_CONFIG_PATH, config.data,
		config.len };
	/* a repository that has its own .gitattributes keeps it */
	attrs = brm_xprintf("%s/.gitattributes", dir);
	if (access(attrs, F_OK) != 0 && write_file(dir, ".gitattributes",
	    gitattributes, sizeof(gitattributes) - 1) == 0) {
		made_attrs = 1;
		ch[n++] = (struct brm_change){ ".gitattributes", gitattributes,
			sizeof(gitattributes) - 1 };
	}
	if ((ret = brm_repo_commit(repo, ch, n, "init: create portfolio\n\n"
	    "Brm-Command: init\n", NULL)) < 0) {
		unlink(cfg);
		rmdir(brmdir);
		if (made_attrs)
			unlink(attrs);
		goto done;
	}
	/* the driver's command lives in the config, which is not shared */
	if (brm_mergedriver_install(repo) < 0)
		brm_warn("%s", brm_error_last());
	printf("Initialized brm portfolio in %s\n", dir);
done:
	brm_repo_free(repo);
	brm_buf_release(&config);
	free(dir);
	free(brmdir);
	free(cfg);
	free(attrs);
	return ret < 0 ? brm_fail(ret) : 0;
}
