/*
 * bare_commit.c - the floor for one mutating command: what TECH-NOTES.md
 * 1(a)+(b) describe and nothing else.  Writes the file into the work tree,
 * stores it as a blob, builds the tree of HEAD with that path updated,
 * commits, moves the branch by compare-and-swap, and refreshes that one
 * index entry.  No lock, no journal, no fsync, no validation, no retry.
 *
 *	bare_commit PATH TEXT		(in the work tree's top folder)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <git2.h>

static void check(int err, const char *what)
{
	const git_error *e;

	if (err >= 0)
		return;
	e = git_error_last();
	fprintf(stderr, "bare_commit: %s: %s\n", what, e ? e->message : "?");
	exit(1);
}

int main(int argc, char **argv)
{
	git_repository *repo;
	git_reference *head, *moved;
	git_oid blob, parent_id, tree_id, commit_id;
	git_commit *parent;
	git_tree *base, *tree;
	git_signature *sig;
	git_index *idx;
	git_tree_update up;
	const char *branch;
	FILE *f;

	if (argc != 3)
		return 2;
	git_libgit2_init();
	check(git_repository_open(&repo, "."), "open");
	if (!(f = fopen(argv[1], "w")) || fputs(argv[2], f) < 0 || fclose(f))
		return 1;
	check(git_reference_lookup(&head, repo, "HEAD"), "HEAD");
	branch = git_reference_symbolic_target(head);
	check(git_blob_create_from_buffer(&blob, repo, argv[2],
	    strlen(argv[2])), "blob");
	check(git_reference_name_to_id(&parent_id, repo, branch), "tip");
	check(git_commit_lookup(&parent, repo, &parent_id), "parent");
	check(git_commit_tree(&base, parent), "base tree");
	memset(&up, 0, sizeof(up));
	up.action = GIT_TREE_UPDATE_UPSERT;
	up.id = blob;
	up.filemode = GIT_FILEMODE_BLOB;
	up.path = argv[1];
	check(git_tree_create_updated(&tree_id, repo, base, 1, &up), "tree");
	check(git_tree_lookup(&tree, repo, &tree_id), "tree lookup");
	check(git_signature_now(&sig, "Bench", "bench@example.com"), "sig");
	check(git_commit_create(&commit_id, repo, NULL, sig, sig, NULL,
	    "bare commit\n", tree, 1, (const git_commit **)&parent), "commit");
	check(git_reference_create_matching(&moved, repo, branch, &commit_id,
	    1, &parent_id, "commit: bare commit"), "ref");
	check(git_repository_index(&idx, repo), "index");
	check(git_index_read(idx, 1), "index read");
	check(git_index_add_bypath(idx, argv[1]), "index add");
	check(git_index_write(idx), "index write");
	git_index_free(idx);
	git_reference_free(moved);
	git_signature_free(sig);
	git_tree_free(tree);
	git_tree_free(base);
	git_commit_free(parent);
	git_reference_free(head);
	git_repository_free(repo);
	git_libgit2_shutdown();
	return 0;
}
