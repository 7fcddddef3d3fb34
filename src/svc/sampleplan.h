/* sampleplan.h — how many opinions a unit must collect in a year, per field
 * (`hailong sample-plan`): the sample size from the year's dossiers,
 * allocated to the fields by their share of dossiers, against the opinions
 * collected so far and those due by a day. */
#ifndef HL_SAMPLEPLAN_H
#define HL_SAMPLEPLAN_H

#include <stdint.h>

#include "base/err.h"
#include "core/date.h"
#include "core/sample.h"
#include "store/store.h"

struct hl_arena;

/* One field's row (code "" and name "(không rõ lĩnh vực)" for dossiers
 * without a field), or the total (code "ALL"). */
struct sp_line {
	int64_t field_id;
	const char *code, *name;
	int64_t dossiers, required, collected, expected, behind;
};

struct sp_opts {
	const char *unit; /* the unit's code */
	int year;
	hl_day date; /* progress counted up to this day */
	enum hl_sample_method method;
	double margin; /* 0 < margin < 1 */
	int64_t min_per_field;
};

struct sp_plan {
	struct store_unit unit;
	struct sp_line *lines; /* in the fields' order, then no field */
	int n;
	struct sp_line total;
};

/* The plan for o into *out (lines owned by a): HL_ENOTFOUND for an unknown
 * unit, the store's errors otherwise. */
int sp_compute(struct store *st, struct hl_arena *a, const struct sp_opts *o, struct sp_plan *out,
	struct hl_err *err);

#endif
