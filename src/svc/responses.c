/* responses.c — reading the stored responses. */
#include "svc/responses.h"

int responses_scan(struct store *st, int64_t unit_id, hl_day first, hl_day last,
	store_response_cb cb, void *ctx, struct hl_err *err)
{
	return STORE(st, responses, response_scan, unit_id, first, last, cb, ctx, err);
}

int responses_in_status(struct store *st, int64_t unit_id, int status, int limit,
	struct hl_arena *a, struct store_response **out, size_t *n, struct hl_err *err)
{
	return STORE(st, responses, response_list_status, unit_id, status, limit, a, out, n, err);
}
