/* backup.h — a backup copy of the database, made while the server runs
 * (`hailong backup`, a daily timer): one consistent moment, never a half
 * written file. */
#ifndef HL_BACKUP_H
#define HL_BACKUP_H

#include <stdbool.h>

#include "base/err.h"
#include "store/store.h"

/* Copy st's database to the file path; an existing path is HL_EEXIST unless
 * replace. progress (may be NULL) gets pages done and total. */
int backup_run(struct store *st, const char *path, bool replace, store_progress_fn progress,
	void *pctx, struct hl_err *err);

#endif
