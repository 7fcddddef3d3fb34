/* instruments.c — loading a stored instrument version and parsing it. */
#include "svc/instruments.h"

#include <string.h>

#include "base/arena.h"
#include "io/instrument_json.h"
#include "store/store.h"

int instruments_list(struct store *st, struct hl_arena *a, struct store_instrument **list,
	size_t *n, struct hl_err *err)
{
	return STORE(st, instrument_list, a, list, n, err);
}

/* json parsed into *out unless out is NULL (the row only). */
static int parsed(struct hl_arena *a, const char *json, struct hl_instrument **out,
	struct hl_err *err)
{
	return out != NULL ? ij_parse(a, json, strlen(json), out, err) : HL_OK;
}

int instruments_get_id(struct store *st, struct hl_arena *a, int64_t id,
	struct store_instrument *meta, struct hl_instrument **out, struct hl_err *err)
{
	struct store_instrument m;
	char *json = NULL;
	int rc = STORE(st, instrument_get_id, id, a, &m, out != NULL ? &json : NULL, err);

	if (rc != HL_OK)
		return rc;
	if (meta != NULL)
		*meta = m;
	return parsed(a, json, out, err);
}

int instruments_get(struct store *st, struct hl_arena *a, const char *code, int version,
	struct store_instrument *meta, char **json, struct hl_instrument **out,
	struct hl_err *err)
{
	struct store_instrument m;
	char *text = NULL;
	int rc = STORE(st, instrument_get, code, version, a, &m,
		out != NULL || json != NULL ? &text : NULL, err);

	if (rc != HL_OK)
		return rc;
	if (meta != NULL)
		*meta = m;
	if (json != NULL)
		*json = text;
	return parsed(a, text, out, err);
}

int instruments_all(struct store *st, struct hl_arena *a, struct store_instrument **list,
	struct hl_instrument ***in, size_t *n, struct hl_err *err)
{
	int rc = STORE(st, instrument_list, a, list, n, err);

	if (rc != HL_OK)
		return rc;
	if ((*in = hl_arena_alloc(a, (*n + 1) * sizeof(**in))) == NULL)
		return hl_err_set(err, HL_ENOMEM, HL_HERE, "hết bộ nhớ khi đọc bộ câu hỏi");
	for (size_t i = 0; i < *n; i++)
		if ((rc = instruments_get_id(st, a, (*list)[i].id, NULL, &(*in)[i], err)) != HL_OK)
			return rc;
	return HL_OK;
}
