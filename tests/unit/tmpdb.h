/* tmpdb.h: a real database in a fresh temporary file for a unit test, and its
 * removal with the WAL files. */
#ifndef KH_TEST_TMPDB_H
#define KH_TEST_TMPDB_H

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "store/store.h"

/* Open (create and migrate) a database at a new path like /tmp/kehu-NAME-XXXXXX. */
static inline struct kh_store *kh_test_tmpdb_open(char *path, size_t size, const char *name)
{
	struct kh_store *st = NULL;
	int fd;

	snprintf(path, size, "/tmp/kehu-%s-XXXXXX", name);
	fd = mkstemp(path);
	close(fd);
	unlink(path);
	return kh_store_open(path, &st, NULL) == 0 ? st : NULL;
}

static inline void kh_test_tmpdb_remove(struct kh_store *st, const char *path)
{
	char side[300];

	kh_store_free(st);
	unlink(path);
	snprintf(side, sizeof(side), "%s-wal", path);
	unlink(side);
	snprintf(side, sizeof(side), "%s-shm", path);
	unlink(side);
}

#endif
