/* demo.h — the demo province: a realistic Khánh Hòa (the six Nha Trang wards
 * of seed 003 and their 2025 merger into phường Bắc Nha Trang, other wards and
 * health stations, staff, three years of responses, targets, dossiers), made
 * deterministically and loaded through the real import path. `hailong demo`
 * and `make run` use it; later the server's "try it" page will too. */
#ifndef HL_TOOLS_DEMO_H
#define HL_TOOLS_DEMO_H

#include <stdbool.h>

#include "base/err.h"
#include "svc/import.h"

struct store;

struct demo_opts {
	const char *who;             /* for the audit log, e.g. "cli:root" */
	bool force;                  /* fill even when the store already has units */
	import_progress_cb progress; /* rows read during each import; may be NULL */
	void *progress_ctx;
	/* Called before each step with a Vietnamese description; may be NULL. */
	void (*phase)(void *ctx, const char *what);
};

struct demo_summary {
	int schema; /* schema version after migration */
	long units, fields, staff, responses, dossiers, targets, mergers;
	long skipped;                     /* responses already there (same id), left alone */
	long followups, followups_closed; /* cases opened by today's responses, closed */
	int first_year, last_year;        /* of the responses */
};

/* Migrate st (as `hailong init` does), then fill it with the demo province.
 * HL_EEXIST when st already has units and !o->force: then nothing is added
 * (the migration, a no-op on an up-to-date store, is done first). When
 * an import is rejected the result is HL_EINVAL and rep (caller's, may be
 * NULL) says why; *sum (caller's) counts what was added. */
int demo_run(struct store *st, const struct demo_opts *o, struct demo_summary *sum,
	struct import_report *rep, struct hl_err *err);

#endif
