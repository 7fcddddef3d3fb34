/* targets.c — the yearly targets. */
#include "svc/targets.h"

#include <string.h>

#include "base/arena.h"
#include "core/instrument.h"
#include "core/tally.h"
#include "store/store.h"
#include "svc/instruments.h"

int targets_list(struct store *st, int year, struct hl_arena *a, struct store_target **out,
	size_t *n, struct hl_err *err)
{
	return STORE(st, reports, target_list, year, a, out, n, err);
}

int targets_criteria(struct store *st, struct hl_arena *a, const char ***codes, size_t *n,
	struct hl_err *err)
{
	struct store_instrument *list = NULL;
	struct hl_instrument **ins = NULL;
	size_t nl = 0, cap = 8, k = 0;
	const char **c;
	int rc = instruments_all(st, a, &list, &ins, &nl, err);

	if (rc != HL_OK)
		return rc;
	for (size_t i = 0; i < nl; i++)
		cap += HL_MAX_CRITERIA;
	c = hl_arena_alloc(a, cap * sizeof(*c));
	if (c == NULL)
		return hl_err_set(err, HL_ENOMEM, HL_HERE, "hết bộ nhớ khi đọc bộ câu hỏi");
	for (size_t i = 0; i < nl; i++) {
		const struct hl_instrument *in = ins[i];

		for (int q = 0; q < in->ncriteria && k + 1 < cap; q++) {
			size_t j;

			for (j = 0; j < k && strcmp(c[j], in->criteria[q].code) != 0; j++)
				;
			if (j == k)
				c[k++] = in->criteria[q].code;
		}
	}
	c[k++] = HL_CRIT_ALL;
	*codes = c;
	*n = k;
	return HL_OK;
}

int targets_set_in(struct store *st, const struct store_target *t, const char *who,
	const char *detail, struct hl_err *err)
{
	int rc = STORE(st, reports, target_set, t, err);

	if (rc == HL_OK)
		rc = STORE(st, admin, audit, who, "targets.set", detail, err);
	return rc;
}

int targets_set(struct store *st, const struct store_target *t, const char *who, const char *detail,
	struct hl_err *err)
{
	return STORE_TX(st, err, targets_set_in(st, t, who, detail, err));
}
