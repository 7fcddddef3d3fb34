/* indexq.h — the index query: gathers tallies for a period and the same
 * period a year earlier from the store, pools merged units' predecessors,
 * resolves targets, and hands estimates to the core for changes and ranks.
 * Used by `hailong index`, and later by reports and the web pages. */
#ifndef HL_INDEXQ_H
#define HL_INDEXQ_H

#include <stdbool.h>
#include <stddef.h>

#include "base/err.h"
#include "core/index.h"
#include "core/period.h"
#include "store/store.h"

struct hl_arena;

struct iq_opts {
	struct hl_period period;
	const char *unit;  /* only this unit (may be a unit formed later) */
	const char *under; /* only units below this one */
	const char *type;  /* only units of this type */
	bool weight_field; /* post-stratify by the fields' shares of dossiers */
	/* Every unit as unit_list gives them, when the caller has read them
	 * already (a trend's twelve months); NULL: read here. */
	const struct store_unit *units;
	size_t nunits;
};

struct iq_unit {
	struct store_unit unit;
	bool active; /* existed during the period */
	bool pooled; /* includes its predecessors' responses */
	struct hl_idx_unit idx;
};

struct iq_result {
	struct hl_period period, prev;
	int ncrit; /* cell ncrit is SIPAS */
	const char *crit_code[HL_IDX_MAXCELLS];
	const char *crit_name[HL_IDX_MAXCELLS];
	size_t nunits;
	struct iq_unit *units; /* the units in scope, tree order */
};

/* The target of unit u for criterion crit among t[0..nt) (one year's, from
 * store target_list): the unit's own for that criterion, then its own for
 * all, then its type's for that criterion, then for all. False if none. */
bool iq_target(const struct store_target *t, size_t nt, const struct store_unit *u,
	const char *crit, double *out);

/* Run the query; *out and everything in it live in arena a. */
int iq_run(struct store *st, struct hl_arena *a, const struct iq_opts *o, struct iq_result **out,
	struct hl_err *err);

/* The mean of several units ("bình quân các đơn vị"): each criterion's and
 * SIPAS's plain mean of the units' valid values, now and a year before, as
 * the reports' mean rows; n the responses behind them all. */
struct iq_mean {
	bool valid[HL_IDX_MAXCELLS], prev_valid[HL_IDX_MAXCELLS];
	double value[HL_IDX_MAXCELLS], prev[HL_IDX_MAXCELLS];
	int64_t n;
	int units; /* units with a SIPAS value */
};

/* The mean of res's units into *out. */
void iq_mean(const struct iq_result *res, struct iq_mean *out);

#endif
