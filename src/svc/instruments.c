/* instruments.c — loading a stored instrument version and parsing it. */
#include "svc/instruments.h"

#include <string.h>

#include "base/arena.h"
#include "base/mem.h"
#include "io/instrument_json.h"
#include "store/store.h"

int instruments_list(struct store *st, struct hl_arena *a, struct store_instrument **list,
	size_t *n, struct hl_err *err)
{
	return STORE(st, instruments, instrument_list, a, list, n, err);
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
	int rc = STORE(st, instruments, instrument_get_id, id, a, &m, out != NULL ? &json : NULL,
		err);

	if (rc != HL_OK)
		return rc;
	if (meta != NULL)
		*meta = m;
	return parsed(a, json, out, err);
}

int instruments_get(struct store *st, struct hl_arena *a, const char *code, int version,
	struct store_instrument *meta, char **json, struct hl_instrument **out, struct hl_err *err)
{
	struct store_instrument m;
	char *text = NULL;
	int rc = STORE(st, instruments, instrument_get, code, version, a, &m,
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
	int rc = STORE(st, instruments, instrument_list, a, list, n, err);

	if (rc != HL_OK)
		return rc;
	if ((*in = hl_arena_alloc(a, (*n + 1) * sizeof(**in))) == NULL)
		return hl_err_set(err, HL_ENOMEM, HL_HERE, "hết bộ nhớ khi đọc bộ câu hỏi");
	for (size_t i = 0; i < *n; i++)
		if ((rc = instruments_get_id(st, a, (*list)[i].id, NULL, &(*in)[i], err)) != HL_OK)
			return rc;
	return HL_OK;
}

#define CACHE_ARENA ((size_t)64 << 20)
#define CACHE_MAX_ID 1000000

struct instruments_cache {
	struct hl_arena *a;
	struct hl_instrument **by_id; /* nid long, NULL = not loaded yet */
	int64_t nid;
};

struct instruments_cache *instruments_cache_new(void)
{
	struct instruments_cache *c = hl_calloc(1, sizeof(*c));

	if (c != NULL && (c->a = hl_arena_new(CACHE_ARENA)) == NULL) {
		hl_free(c);
		c = NULL;
	}
	return c;
}

void instruments_cache_free(struct instruments_cache *c)
{
	if (c == NULL)
		return;
	hl_arena_free(c->a);
	hl_free(c);
}

const struct hl_instrument *instruments_cached(struct instruments_cache *c, struct store *st,
	int64_t id, struct hl_err *err)
{
	if (id <= 0 || id > CACHE_MAX_ID) {
		hl_err_set(err, HL_EINVAL, HL_HERE, "số hiệu bộ câu hỏi %lld không hợp lệ",
			(long long)id);
		return NULL;
	}
	if (id >= c->nid) {
		int64_t n = id + 16;
		struct hl_instrument **nb = hl_arena_alloc(c->a, (size_t)n * sizeof(*nb));

		if (nb == NULL) {
			hl_err_set(err, HL_ENOMEM, HL_HERE, "hết bộ nhớ");
			return NULL;
		}
		if (c->nid)
			memcpy(nb, c->by_id, (size_t)c->nid * sizeof(*nb));
		memset(nb + c->nid, 0, (size_t)(n - c->nid) * sizeof(*nb));
		c->by_id = nb;
		c->nid = n;
	}
	if (c->by_id[id] == NULL &&
		instruments_get_id(st, c->a, id, NULL, &c->by_id[id], err) != HL_OK)
		return NULL;
	return c->by_id[id];
}
