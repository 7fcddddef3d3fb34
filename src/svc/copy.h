/* copy.h — `hailong copy`: everything of one database moved into another,
 * whatever their backends (an office's SQLite file into the province's
 * PostgreSQL, or back), all or nothing, checked after. */
#ifndef HL_COPY_H
#define HL_COPY_H

#include <stdint.h>

#include "base/err.h"
#include "store/store_copy.h"

struct store;

struct copy_opts {
	const char *who;       /* for the destination's audit log */
	const char *from_name; /* the source as messages show it (store_describe) */
	store_copy_fn progress;
	void *pctx;
};

struct copy_report {
	int64_t rows;      /* copied, every table */
	int64_t units;     /* of them: units */
	int64_t responses; /* and responses */
	int tables;
};

/* Copy every row of src into dst, both migrated first to this binary's
 * schema. dst must hold no unit and no response (HL_EEXIST otherwise, with
 * what it holds); what `init` put there is replaced. One transaction on dst:
 * every table's row count and the running tallies' totals are compared with
 * src's before it commits, and a difference undoes it all (HL_ECORRUPT). */
int copy_run(struct store *src, struct store *dst, const struct copy_opts *o,
	struct copy_report *rep, struct hl_err *err);

#endif
