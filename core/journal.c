/*
 * journal.c - the write-ahead note of brm_store_commit() and the recovery
 * after a crash (see journal.h for the states and what is done in each).
 *
 * The file is text:
 *
 *	brm-pending 1
 *	pid <pid of the temporary file names>
 *	path <blob id or -> <path>		(one per changed path)
 *	message <bytes>
 *	<the commit message>
 *
 *	end
 *
 * It is not fsync'd: it guards against a process that dies, whose writes
 * the kernel still completes, as git's own files do without core.fsync.
 * A file without its "end" line was cut short before any record was
 * touched (the journal is written first), so it is simply removed.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"
#include "error.h"
#include "journal.h"

#define MAGIC "brm-pending 1\n"
#define END "\nend\n"

struct item {
	char *path;
	char new_id[41];	/* "-": removed */
	char head_id[41];	/* "-": HEAD has no such file */
	char wt_id[41];		/* "-": not in the work tree */
	char *data;		/* work tree content, when present */
	size_t len;
};

struct journal {
	long pid;
	struct item *items;
	size_t n;
	char *message;
};

static int write_fully(int fd, const char *data, size_t len)
{
	ssize_t n;

	while (len) {
		if ((n = write(fd, data, len)) < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		data += n;
		len -= (size_t)n;
	}
	return 0;
}

int brm_journal_begin(const char *file, long tmp_pid,
    const struct brm_change *changes, size_t n, const char *message)
{
	struct brm_buf b = BRM_BUF_INIT;
	char id[41];
	size_t i;
	int fd, ret = 0, saved;

	brm_buf_puts(&b, MAGIC);
	brm_buf_printf(&b, "pid %ld\n", tmp_pid);
	for (i = 0; i < n; i++) {
		if (!changes[i].data)
			strcpy(id, "-");
		else if ((ret = brm_repo_blob_id(id, changes[i].data,
		    changes[i].len)) < 0)
			goto done;
		brm_buf_printf(&b, "path %s %s\n", id, changes[i].path);
	}
	brm_buf_printf(&b, "message %zu\n%s" END, strlen(message), message);
	fd = open(file, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (fd < 0 || write_fully(fd, b.data, b.len) < 0 || close(fd) < 0) {
		saved = errno;
		if (fd >= 0)
			close(fd);
		unlink(file);
		ret = brm_error_set(BRM_ERROR, "cannot write '%s': %s", file,
		    strerror(saved));
	}
done:
	brm_buf_release(&b);
	return ret;
}

void brm_journal_end(const char *file)
{
	unlink(file);
}

/* 0, 1 when path does not exist, -1 on error (errno set). */
static int read_file(const char *path, char **data, size_t *len)
{
	struct brm_buf b = BRM_BUF_INIT;
	char chunk[8192];
	ssize_t n;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		return errno == ENOENT || errno == ENOTDIR ? 1 : -1;
	while ((n = read(fd, chunk, sizeof(chunk))) > 0)
		brm_buf_add(&b, chunk, (size_t)n);
	close(fd);
	if (n < 0) {
		brm_buf_release(&b);
		return -1;
	}
	*len = b.len;
	*data = brm_buf_detach(&b);
	return 0;
}

static void journal_release(struct journal *j)
{
	size_t i;

	for (i = 0; i < j->n; i++) {
		free(j->items[i].path);
		free(j->items[i].data);
	}
	free(j->items);
	free(j->message);
}

/* 0; 1 when the file was cut short; BRM_ERROR when it is not ours. */
static int parse(struct journal *j, const char *file, char *text, size_t len)
{
	char *p = text, *nl, *end = text + len;
	size_t mlen;

	if (len < strlen(MAGIC) + strlen(END) ||
	    strncmp(text, MAGIC, strlen(MAGIC)))
		goto bad;
	if (memcmp(end - strlen(END), END, strlen(END)))
		return 1;
	p += strlen(MAGIC);
	if (sscanf(p, "pid %ld\n", &j->pid) != 1 || !(p = strchr(p, '\n')))
		goto bad;
	for (p++; !strncmp(p, "path ", 5); p = nl + 1) {
		struct item *it;

		if (!(nl = strchr(p, '\n')) || nl - p < 8)
			goto bad;
		*nl = '\0';
		j->items = brm_realloc(j->items, (j->n + 1) *
		    sizeof(*j->items));
		it = &j->items[j->n];
		memset(it, 0, sizeof(*it));
		if (sscanf(p, "path %40s", it->new_id) != 1 ||
		    !strchr(p + 5, ' ') || !*(strchr(p + 5, ' ') + 1))
			goto bad;
		it->path = brm_strdup(strchr(p + 5, ' ') + 1);
		j->n++;
	}
	if (sscanf(p, "message %zu\n", &mlen) != 1 || !(p = strchr(p, '\n')) ||
	    mlen > (size_t)(end - p) || !j->n)
		goto bad;
	j->message = brm_strndup(p + 1, mlen);
	return 0;
bad:
	brm_error_set(BRM_ERROR, "'%s' is not a brm journal", file);
	return brm_error_hint(BRM_ERROR, "if no brm command is running, "
	    "check 'git status' and remove it: rm '%s'", file);
}

/* The subject line of the journaled message, for notes. */
static char *subject(const struct journal *j)
{
	return brm_strndup(j->message, strcspn(j->message, "\n"));
}

/* What the work tree, HEAD and the journal say of each path. */
static int survey(struct journal *j, const char *root, struct brm_repo *repo)
{
	size_t i;
	char *abs;
	int r;

	for (i = 0; i < j->n; i++) {
		struct item *it = &j->items[i];

		abs = brm_xprintf("%s/%s", root, it->path);
		r = read_file(abs, &it->data, &it->len);
		if (r < 0) {
			r = brm_error_set(BRM_ERROR, "cannot read '%s': %s",
			    it->path, strerror(errno));
			free(abs);
			return r;
		}
		free(abs);
		if (r == 1)
			strcpy(it->wt_id, "-");
		else if ((r = brm_repo_blob_id(it->wt_id, it->data,
		    it->len)) < 0)
			return r;
		r = brm_repo_head_blob(repo, it->path, it->head_id);
		if (r == BRM_ENOTFOUND)
			strcpy(it->head_id, "-");
		else if (r < 0)
			return r;
	}
	return 0;
}

/* The temporary files and second names of old files (core/store.c) the
 * dead process may have left, and the folders made for records that
 * never arrived. */
static void remove_debris(const struct journal *j, const char *root)
{
	char *tmp, *dir, *slash;
	size_t i;

	for (i = 0; i < j->n; i++) {
		tmp = brm_xprintf("%s/%s.brm-tmp-%ld", root, j->items[i].path,
		    j->pid);
		unlink(tmp);
		free(tmp);
		tmp = brm_xprintf("%s/%s.brm-old-%ld", root, j->items[i].path,
		    j->pid);
		unlink(tmp);
		free(tmp);
		if (strcmp(j->items[i].wt_id, "-"))
			continue;
		dir = brm_xprintf("%s/%s", root, j->items[i].path);
		while ((slash = strrchr(dir, '/')) &&
		    slash > dir + strlen(root)) {
			*slash = '\0';
			if (rmdir(dir) < 0)
				break;
		}
		free(dir);
	}
}

static int unsettled(const struct journal *j, const char *file)
{
	struct brm_buf paths = BRM_BUF_INIT;
	char *subj = subject(j);
	size_t i;
	int ret;

	for (i = 0; i < j->n; i++)
		if (strcmp(j->items[i].wt_id, j->items[i].head_id) &&
		    strcmp(j->items[i].wt_id, j->items[i].new_id))
			brm_buf_printf(&paths, " %s", j->items[i].path);
	ret = brm_error_set(BRM_ECONFLICT, "an interrupted brm command "
	    "('%s') left files that were changed since:%s", subj, paths.data);
	brm_error_hint(ret, "look at them with 'git status' and 'git diff', "
	    "then keep them:\n  git add%s && git commit\n"
	    "or drop them (rm a file that HEAD lacks):\n"
	    "  git checkout HEAD --%s\n"
	    "brm writes again once they match HEAD (its note: %s)",
	    paths.data, paths.data, file);
	brm_buf_release(&paths);
	free(subj);
	return ret;
}

/* Commit every path as the journal says: the files are all in place. */
static int roll_forward(struct journal *j, struct brm_repo *repo,
    char **note)
{
	struct brm_change *ch = brm_calloc(j->n, sizeof(*ch));
	char hex[41], *subj = subject(j);
	size_t i;
	int ret;

	for (i = 0; i < j->n; i++) {
		ch[i].path = j->items[i].path;
		ch[i].data = j->items[i].data;
		ch[i].len = j->items[i].len;
	}
	if ((ret = brm_repo_commit(repo, ch, j->n, j->message, hex)) == 0)
		*note = brm_xprintf("an earlier brm command was interrupted "
		    "before its commit; finished it: %.7s %s", hex, subj);
	free(subj);
	free(ch);
	return ret;
}

/* Put the paths that hold new content back as HEAD has them. */
static int roll_back(struct journal *j, const char *root,
    struct brm_repo *repo, char **note)
{
	struct brm_buf b = BRM_BUF_INIT, undone = BRM_BUF_INIT;
	struct brm_tree *tree = NULL;
	char *abs = NULL, *tmp = NULL, *subj = subject(j);
	size_t i;
	int fd, ret;

	if ((ret = brm_tree_open(&tree, repo, "HEAD", NULL)) < 0)
		goto done;
	for (i = 0; i < j->n; i++) {
		struct item *it = &j->items[i];

		if (!strcmp(it->wt_id, it->head_id))
			continue;
		free(abs);
		abs = brm_xprintf("%s/%s", root, it->path);
		brm_buf_printf(&undone, " %s", it->path);
		if (!strcmp(it->head_id, "-")) {
			unlink(abs);
			continue;
		}
		brm_buf_reset(&b);
		if ((ret = brm_tree_read(tree, it->path, &b)) < 0)
			goto done;
		free(tmp);
		tmp = brm_xprintf("%s.brm-tmp-%ld", abs, (long)getpid());
		fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
		if (fd < 0 || write_fully(fd, b.data, b.len) < 0 ||
		    close(fd) < 0 || rename(tmp, abs) < 0) {
			ret = brm_error_set(BRM_ERROR, "cannot write '%s': %s",
			    it->path, strerror(errno));
			unlink(tmp);
			goto done;
		}
	}
	*note = brm_xprintf("an earlier brm command ('%s') was interrupted "
	    "half-way; put back as HEAD has them:%s", subj, undone.data);
done:
	brm_tree_free(tree);
	brm_buf_release(&b);
	brm_buf_release(&undone);
	free(abs);
	free(tmp);
	free(subj);
	return ret;
}

/* The index entries of paths HEAD already has as the journal says. */
static void refresh(struct journal *j, struct brm_repo *repo, char **note)
{
	struct brm_change *ch = brm_calloc(j->n, sizeof(*ch));
	char *subj = subject(j);
	size_t i, n = 0;

	for (i = 0; i < j->n; i++) {
		if (strcmp(j->items[i].head_id, j->items[i].new_id))
			continue;
		ch[n].path = j->items[i].path;
		ch[n].data = j->items[i].data;	/* NULL: remove */
		ch[n].len = j->items[i].len;
		n++;
	}
	if (n) {
		brm_repo_refresh_index(repo, ch, n);
		*note = brm_xprintf("an earlier brm command ('%s') was "
		    "interrupted after its commit; refreshed the index", subj);
	} else {
		*note = brm_xprintf("an earlier brm command ('%s') was "
		    "interrupted before it committed anything; cleaned up "
		    "after it", subj);
	}
	free(subj);
	free(ch);
}

int brm_journal_recover(const char *file, const char *root,
    struct brm_repo *repo, char **note)
{
	struct journal j = { 0 };
	char *text = NULL;
	size_t len, i, written = 0, other = 0, pending = 0;
	int r, ret = 0;

	*note = NULL;
	if ((r = read_file(file, &text, &len)) == 1)
		return 0;
	if (r < 0)
		return brm_error_set(BRM_ERROR, "cannot read '%s': %s", file,
		    strerror(errno));
	if ((r = parse(&j, file, text, len)) != 0) {
		if (r == 1)
			brm_journal_end(file);	/* died writing it */
		ret = r < 0 ? r : 0;
		goto done;
	}
	if ((ret = survey(&j, root, repo)) < 0)
		goto done;
	for (i = 0; i < j.n; i++) {
		struct item *it = &j.items[i];

		if (!strcmp(it->wt_id, it->head_id))
			pending += !!strcmp(it->head_id, it->new_id);
		else if (!strcmp(it->wt_id, it->new_id))
			written++;
		else
			other++;
	}
	remove_debris(&j, root);
	if (other) {
		ret = unsettled(&j, file);
		goto done;
	}
	if (!written)
		refresh(&j, repo, note);
	else if (!pending)
		ret = roll_forward(&j, repo, note);
	else
		ret = roll_back(&j, root, repo, note);
	if (ret == 0)
		brm_journal_end(file);
done:
	journal_release(&j);
	free(text);
	return ret;
}
