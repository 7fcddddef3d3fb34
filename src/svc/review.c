/* review.c — deciding on the responses held for review (review.h). */
#include "svc/review.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "store/store.h"
#include "svc/intake.h"
#include "svc/units.h"

#define SCOPE_ARENA ((size_t)64 << 20)

static int by_id_desc(const void *x, const void *y)
{
	const struct store_response *a = x, *b = y;

	return (a->id < b->id) - (a->id > b->id);
}

int review_held(struct store *st, struct hl_arena *a, const struct scope_actor *by, int64_t upto,
	size_t limit, struct store_response **out, size_t *n, bool *more, struct hl_err *err)
{
	struct store_unit *units = NULL;
	struct store_response *all = NULL;
	size_t nunits = 0, k = 0, cap = 0;
	bool everything = by->role == ROLE_ADMIN && by->unit_id == 0;
	int rc;

	*out = NULL;
	*n = 0;
	*more = false;
	if (limit == 0 || limit > REVIEW_ALL_MAX)
		return hl_err_set(err, HL_EINVAL, HL_HERE, "giới hạn %zu phiếu không hợp lệ",
			limit);
	if (!everything && (rc = scope_units(st, a, by, &units, &nunits, err)) != HL_OK)
		return rc;
	/* one list for every unit, else one per unit of the scope; newest first */
	for (size_t u = 0; u < (everything ? 1 : nunits); u++) {
		struct store_response *got = NULL;
		size_t ng = 0;

		rc = STORE(st, responses, response_list_status, everything ? 0 : units[u].id,
			RS_HELD, (int)limit + 1, a, &got, &ng, err);
		if (rc != HL_OK)
			return rc;
		for (size_t i = 0; i < ng; i++) {
			if (upto > 0 && got[i].id > upto)
				continue;
			if (hl_arena_grow(a, &all, k, &cap, k + 1, sizeof(*all)) != HL_OK)
				return hl_err_set(err, HL_ENOMEM, HL_HERE, "hết bộ nhớ");
			all[k++] = got[i];
		}
	}
	if (k > 1)
		qsort(all, k, sizeof(*all), by_id_desc);
	*more = k > limit;
	*out = all;
	*n = k > limit ? limit : k;
	return HL_OK;
}

static int by_unit_id(const void *x, const void *y)
{
	const struct store_response *a = x, *b = y;

	if (a->unit_id != b->unit_id)
		return (a->unit_id > b->unit_id) - (a->unit_id < b->unit_id);
	return (a->id > b->id) - (a->id < b->id);
}

/* The code of unit id, for the audit log ("?" when unknown). */
static void unit_code(struct store *st, struct hl_arena *a, int64_t id, char *code, size_t size)
{
	struct store_unit *u = NULL;
	size_t n = 0;
	struct hl_err err;

	hl_err_clear(&err);
	snprintf(code, size, "?");
	if (STORE(st, units, unit_list, a, &u, &n, &err) == HL_OK)
		for (size_t i = 0; i < n; i++)
			if (u[i].id == id)
				snprintf(code, size, "%s", u[i].code);
}

/* Mark held response r accepted or rejected, counting it when accepted. */
static int decide(struct store *st, struct store_response *r, bool accept, review_count_fn count,
	void *ctx, struct hl_err *err)
{
	struct intake_post p = {.r = r};

	if (accept)
		return intake_store(st, INTAKE_REVIEW, &p, count, ctx, err);
	return STORE(st, responses, response_set_status, r->id, RS_REJECTED, err);
}

int review_decide(struct store *st, int64_t id, bool accept, const struct scope_actor *by,
	review_count_fn count, void *ctx, struct hl_err *err)
{
	struct store_response r;
	struct hl_arena *a;
	char code[STORE_CODE_MAX], detail[200];
	bool yes = false;
	int rc = STORE(st, responses, response_get, id, &r, err);

	if (rc == HL_OK)
		rc = scope_may(st, by, r.unit_id, &yes, err);
	if (rc == HL_ENOTFOUND || (rc == HL_OK && !yes))
		/* another unit's response: as if it did not exist */
		return hl_err_set(err, HL_ENOTFOUND, HL_HERE, "không có phiếu số %lld",
			(long long)id);
	if (rc != HL_OK)
		return rc;
	if (r.status != RS_HELD)
		return hl_err_set(err, HL_ECONFLICT, HL_HERE,
			"phiếu số %lld đã được xem xét rồi "
			"(có thể bởi một cán bộ khác)",
			(long long)id);
	if ((rc = decide(st, &r, accept, count, ctx, err)) != HL_OK)
		return rc;
	a = hl_arena_new(SCOPE_ARENA);
	if (a == NULL)
		return hl_err_set(err, HL_ENOMEM, HL_HERE, "hết bộ nhớ");
	unit_code(st, a, r.unit_id, code, sizeof(code));
	hl_arena_free(a);
	snprintf(detail, sizeof(detail), "phiếu %lld%s%.63s, đơn vị %.63s", (long long)id,
		r.ext_id[0] ? " id " : "", r.ext_id, code);
	return STORE(st, admin, audit, by->who, accept ? "review.accept" : "review.reject", detail,
		err);
}

int review_accept_all(struct store *st, const struct scope_actor *by, int64_t upto,
	review_count_fn count, void *ctx, size_t *n, struct hl_err *err)
{
	struct hl_arena *a = hl_arena_new(SCOPE_ARENA);
	struct store_response *held = NULL;
	size_t nheld = 0;
	bool more = false;
	int rc;

	if (n != NULL)
		*n = 0;
	if (a == NULL)
		return hl_err_set(err, HL_ENOMEM, HL_HERE, "hết bộ nhớ");
	rc = review_held(st, a, by, upto, REVIEW_ALL_MAX, &held, &nheld, &more, err);
	if (rc == HL_OK && more)
		rc = hl_err_set(err, HL_ELIMIT, HL_HERE,
			"quá %d phiếu chờ: hãy xem và chấp nhận "
			"theo từng phần",
			REVIEW_ALL_MAX);
	for (size_t i = 0; rc == HL_OK && i < nheld; i++)
		rc = decide(st, &held[i], true, count, ctx, err);
	/* one audit line per unit: how many, and which ids */
	if (rc == HL_OK && nheld > 1)
		qsort(held, nheld, sizeof(*held), by_unit_id);
	for (size_t i = 0; rc == HL_OK && i < nheld;) {
		size_t j = i;
		char code[STORE_CODE_MAX], detail[200];

		while (j < nheld && held[j].unit_id == held[i].unit_id)
			j++;
		unit_code(st, a, held[i].unit_id, code, sizeof(code));
		snprintf(detail, sizeof(detail),
			"%zu phiếu chờ duyệt của đơn vị %.63s (số %lld–%lld)", j - i, code,
			(long long)held[i].id, (long long)held[j - 1].id);
		rc = STORE(st, admin, audit, by->who, "review.accept-all", detail, err);
		i = j;
	}
	if (rc == HL_OK && n != NULL)
		*n = nheld;
	hl_arena_free(a);
	return rc;
}
