/* copy.h — `hailong copy`: everything of one database moved into another,
 * whatever their backends (an office's SQLite file into the province's
 * PostgreSQL, or back), all or nothing, checked after. */
#ifndef HL_COPY_H
#define HL_COPY_H

#include <stdbool.h>
#include <stdint.h>

#include "base/err.h"
#include "store/store_copy_merge.h"

struct store;

struct copy_opts {
	const char *who;       /* for the destination's audit log */
	const char *from_name; /* the source as messages show it (store_describe) */
	store_copy_fn progress;
	void *pctx;
	bool merge; /* add to a destination that has its own data (copy --merge) */
};

struct copy_report {
	int64_t rows;      /* copied (a merge: added), every table */
	int64_t units;     /* of them: units */
	int64_t responses; /* and responses */
	int tables;
	int64_t kept; /* a merge: rows of src already in dst (an earlier merge, the same key) */
};

/* Copy every row of src into dst, both migrated first to this binary's
 * schema. dst must hold no unit and no response (HL_EEXIST otherwise, with
 * what it holds); what `init` put there is replaced. One transaction on dst:
 * every table's row count and the running tallies' totals are compared with
 * src's before it commits, and a difference undoes it all (HL_ECORRUPT). */
/* With o->merge, src's rows are added to what dst has instead
 * (store_copy.h's merge: new ids, references rewritten, rows src gave dst
 * before or that dst has under the same key left alone, so that merging
 * the same office again adds only what it gained since). The tallies,
 * rollups and dossier sums of the rows added are computed in dst; every
 * table's count is checked against what was added and, when every response
 * of src was added, the tallies' totals against src's. */
int copy_run(struct store *src, struct store *dst, const struct copy_opts *o,
	struct copy_report *rep, struct hl_err *err);

#endif
