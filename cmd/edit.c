/*
 * brm edit ID: open the record in $VISUAL or $EDITOR, validate what comes
 * back, reopen it with the error on top until it is valid, the user
 * empties it (abort) or saves it unchanged after an error (abort).  The
 * lock is not held while the editor is open; instead the file must still
 * be as it was when editing began.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cli/records.h"
#include "cli/sla.h"
#include "core/check.h"
#include "core/error.h"
#include "formats/yaml.h"

static const char *editor(void)
{
	const char *e = getenv("VISUAL");

	if (!e || !*e)
		e = getenv("EDITOR");
	return e && *e ? e : "vi";
}

static int run_editor(const char *path)
{
	/* the editor may carry arguments ("code --wait"), as git allows */
	char *script = brm_xprintf("%s \"$@\"", editor());
	pid_t pid;
	int status;

	fflush(stdout);
	if ((pid = fork()) < 0) {
		free(script);
		return brm_error_set(BRM_ERROR, "cannot start the editor: %s",
		    strerror(errno));
	}
	if (pid == 0) {
		execl("/bin/sh", "sh", "-c", script, editor(), path,
		    (char *)NULL);
		_exit(127);
	}
	free(script);
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return brm_error_set(BRM_ERROR, "editor lost: %s",
			    strerror(errno));
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
		return brm_error_set(BRM_ERROR, "the editor '%s' failed; "
		    "nothing changed", editor());
	return 0;
}

static int read_file(const char *path, struct brm_buf *out)
{
	char chunk[8192];
	ssize_t n;
	int fd = open(path, O_RDONLY);

	brm_buf_reset(out);
	if (fd < 0)
		return brm_error_set(BRM_ERROR, "cannot read '%s': %s", path,
		    strerror(errno));
	while ((n = read(fd, chunk, sizeof(chunk))) > 0)
		brm_buf_add(out, chunk, (size_t)n);
	close(fd);
	return n < 0 ? brm_error_set(BRM_ERROR, "cannot read '%s'", path) : 0;
}

static int write_file(const char *path, const char *head,
    const struct brm_buf *body)
{
	FILE *f = fopen(path, "w");
	int ok;

	if (!f)
		return brm_error_set(BRM_ERROR, "cannot write '%s': %s", path,
		    strerror(errno));
	ok = fputs(head, f) >= 0 &&
	    fwrite(body->data, 1, body->len, f) == body->len;
	if (fclose(f) != 0 || !ok)
		return brm_error_set(BRM_ERROR, "cannot write '%s'", path);
	return 0;
}

/* Drop the "# brm: ..." lines a previous round put on top. */
static void strip_banner(struct brm_buf *b)
{
	size_t skip = 0;
	char *nl;

	while (!strncmp(b->data + skip, "# brm:", 6) &&
	    (nl = strchr(b->data + skip, '\n')))
		skip = (size_t)(nl - b->data) + 1;
	memmove(b->data, b->data + skip, b->len - skip + 1);
	b->len -= skip;
}

static int only_space(const struct brm_buf *b)
{
	return strspn(b->data, " \t\r\n") == b->len;
}

/*
 * Parse and check the edited text as the record it must stay, then work
 * out the fields that follow from others (the kind's derive hook, as
 * brm set does: a complaint's response_due after its severity or
 * received changed by hand).
 */
static int judge(struct brm_store *s, const struct brm_record *orig,
    const struct brm_buf *text, struct brm_record **out)
{
	struct brm_problems probs = BRM_PROBLEMS_INIT;
	struct brm_node *root;
	struct brm_record *r;
	int ret;

	*out = NULL;
	if ((ret = brm_yaml_load(&root, text->data, text->len,
	    orig->path)) < 0)
		return ret;
	r = brm_record_wrap(orig->kind, orig->id, root);
	probs.file = r->path;
	if (!brm_record_validate(r, &probs))
		brm_check_refs(s, r, &probs);
	ret = brm_problems_to_error(&probs);
	brm_problems_release(&probs);
	if (ret == 0 && r->kind->derive)
		ret = r->kind->derive(r, orig->root, s->config);
	if (ret < 0)
		brm_record_free(r);
	else
		*out = r;
	return ret;
}

struct session {
	struct brm_store *store;
	struct brm_record *orig;
	struct brm_buf before;	/* the file when editing began */
	char *tmp;		/* what the editor opens */
};

static int edit_loop(struct session *e, struct brm_record **result)
{
	struct brm_buf text = BRM_BUF_INIT, banner = BRM_BUF_INIT,
	    last = BRM_BUF_INIT;
	int ret, failed = 0;

	brm_buf_add(&text, e->before.data, e->before.len);
	for (;;) {
		if ((ret = write_file(e->tmp, banner.data, &text)) < 0 ||
		    (ret = run_editor(e->tmp)) < 0 ||
		    (ret = read_file(e->tmp, &text)) < 0)
			break;
		strip_banner(&text);
		if (only_space(&text)) {
			ret = brm_error_set(BRM_ERROR, "aborted: the file is "
			    "empty; nothing changed");
			break;
		}
		if (!failed && text.len == e->before.len &&
		    !memcmp(text.data, e->before.data, text.len))
			break;		/* no change: *result stays NULL */
		if (failed && text.len == last.len &&
		    !memcmp(text.data, last.data, text.len)) {
			ret = brm_error_set(BRM_ERROR, "aborted: the record "
			    "is still invalid; nothing changed");
			break;
		}
		if ((ret = judge(e->store, e->orig, &text, result)) == 0)
			break;
		failed = 1;
		brm_buf_reset(&banner);
		brm_buf_printf(&banner, "# brm: error: %s\n# brm: fix the "
		    "record below, or empty the file to abort\n",
		    brm_error_last());
		brm_buf_reset(&last);
		brm_buf_add(&last, text.data, text.len);
		brm_fail(ret);	/* "<what> (<file>:<line>:<col>)" */
	}
	brm_buf_release(&text);
	brm_buf_release(&banner);
	brm_buf_release(&last);
	return ret;
}

/* The record must not have changed under us while the editor was open. */
static int still_as_before(struct session *e)
{
	struct brm_buf now = BRM_BUF_INIT;
	char *abs = brm_store_path(e->store, e->orig->path);
	int ret = read_file(abs, &now);

	if (ret == 0 && (now.len != e->before.len ||
	    memcmp(now.data, e->before.data, now.len))) {
		ret = brm_error_set(BRM_ECONFLICT, "'%s' changed while you "
		    "were editing it", e->orig->path);
		brm_error_hint(ret, "your version is kept in %s", e->tmp);
	}
	brm_buf_release(&now);
	free(abs);
	return ret;
}

/*
 * The file the editor opens, in $TMPDIR (else /tmp) as git's are; named
 * .yaml so that editors highlight it.  Its descriptor, or -1 with the
 * error set (*path is then NULL).
 */
static int make_tmp(char **path)
{
	const char *dir = getenv("TMPDIR");
	int fd;

	if (!dir || !*dir)
		dir = "/tmp";
	*path = brm_xprintf("%s/brm-edit-XXXXXX.yaml", dir);
	if ((fd = mkstemps(*path, 5)) < 0) {
		brm_error_set(BRM_ERROR, "cannot create a temporary file in "
		    "'%s': %s", dir, strerror(errno));
		free(*path);
		*path = NULL;
	}
	return fd;
}

static int edit(struct brm_ctx *ctx, const char *ref)
{
	struct brm_sla_gaps before = BRM_SLA_GAPS_INIT;
	struct session e = { 0 };
	struct brm_record *result = NULL;
	char *abs = NULL;
	int ret, fd = -1, keep_tmp = 0;

	brm_buf_init(&e.before);
	if ((ret = brm_cli_begin(ctx, &e.store, 0)) < 0 ||
	    (ret = brm_store_find(&e.orig, e.store, ref, NULL)) < 0)
		goto done;
	abs = brm_store_path(e.store, e.orig->path);
	if ((ret = read_file(abs, &e.before)) < 0)
		goto done;
	if ((fd = make_tmp(&e.tmp)) < 0) {
		ret = BRM_ERROR;
		goto done;
	}
	close(fd);
	if ((ret = edit_loop(&e, &result)) < 0 || !result) {
		if (ret == 0)
			printf("no changes\n");
		goto done;
	}
	if ((ret = brm_store_lock(e.store)) < 0 ||
	    (ret = still_as_before(&e)) < 0) {
		keep_tmp = ret == BRM_ECONFLICT;
		goto done;
	}
	/* as brm set does: an SLA or a contract changed here may leave a
	 * contract looser than an SLA it backs; the gaps are taken under
	 * the lock, from the record as it still is on disk */
	brm_sla_gaps(&before, e.store, e.orig);
	if ((ret = brm_cli_save(e.store, result, "edit",
	    brm_record_title(result))) == 0)
		brm_cli_warn_new_gaps(e.store, result, &before, NULL);
done:
	brm_sla_gaps_release(&before);
	if (fd >= 0 && !keep_tmp)
		unlink(e.tmp);
	brm_record_free(result);
	brm_record_free(e.orig);
	brm_buf_release(&e.before);
	free(e.tmp);
	free(abs);
	return ret < 0 ? brm_fail(ret) : 0;
}

int cmd_edit(int argc, char **argv, struct brm_ctx *ctx)
{
	const struct brm_opt opts[] = { BRM_OPT_END_ };
	const struct brm_usage u = { "edit", "<id>", opts };

	if ((argc = brm_parse_options(argc, argv, &u)) < 0)
		return brm_parse_exit(argc);
	return edit(ctx, argv[0]);
}
