/* letterhead.c — the issuing body on a date (letterhead.h). */
#include "svc/letterhead.h"

#include <string.h>

#define MAX_DEPTH 32

static const struct store_unit *by_id(const struct store_unit *u, size_t n, int64_t id)
{
	for (size_t i = 0; id != 0 && i < n; i++)
		if (u[i].id == id)
			return &u[i];
	return NULL;
}

/* Ended before day (a unit not formed yet is still the one asked for). */
static bool ended(const struct store_unit *u, hl_day day)
{
	return u->valid_to != HL_DAY_NONE && day != HL_DAY_NONE && day > u->valid_to;
}

static const struct store_unit *resolve(const struct store_unit *units, size_t n,
	const struct store_lineage *lin, size_t nlin, const struct store_unit *u, hl_day day,
	int depth, enum lh_how *how)
{
	const struct store_unit *p;

	if (u == NULL || depth > MAX_DEPTH)
		return NULL;
	if (!ended(u, day))
		return u;
	for (size_t i = 0; i < nlin; i++) {
		const struct store_unit *r;

		if (lin[i].old_id != u->id)
			continue;
		r = resolve(units, n, lin, nlin, by_id(units, n, lin[i].new_id), day, depth + 1,
			how);
		if (r != NULL) {
			if (*how == LH_SELF)
				*how = LH_SUCCESSOR;
			return r;
		}
	}
	p = resolve(units, n, lin, nlin, by_id(units, n, u->parent_id), day, depth + 1, how);
	if (p != NULL && *how == LH_SELF)
		*how = LH_ABOVE;
	return p;
}

const struct store_unit *lh_issuer_on(const struct store_unit *units, size_t n,
	const struct store_lineage *lin, size_t nlin, const struct store_unit *u, hl_day day,
	enum lh_how *how)
{
	enum lh_how h = LH_SELF;
	const struct store_unit *r = resolve(units, n, lin, nlin, u, day, 0, &h);

	if (r == NULL) {
		r = u;
		h = LH_SELF;
	}
	if (how != NULL)
		*how = h;
	return r;
}

const struct store_unit *lh_parent_on(const struct store_unit *units, size_t n,
	const struct store_lineage *lin, size_t nlin, const struct store_unit *issuer, hl_day day)
{
	enum lh_how h = LH_SELF;

	if (issuer == NULL)
		return NULL;
	return resolve(units, n, lin, nlin, by_id(units, n, issuer->parent_id), day, 0, &h);
}
