/* tallyacc.c — an open-addressing index over a pool of (key, tallyset)
 * entries; the pool grows by doubling up to the key limit, then is flushed
 * and reused, so memory stays flat whatever the number of responses. */
#include "svc/tallyacc.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "base/arena.h"
#include "base/mem.h"
#include "io/instrument_json.h"
#include "core/tally.h"
#include "store/store.h"

struct key {
	int64_t unit_id, field_id;
	hl_day start;
	int grain;
};

/* slot[c] caches where criterion c of instrument `in` sits in set (-1 = not
 * yet there), so adding a response costs no string comparison. */
struct entry {
	struct key k;
	const struct hl_instrument *in;
	int8_t slot[HL_MAX_CRITERIA + 1];
	struct hl_tallyset set;
};

struct tacc {
	struct store *st;
	size_t max;          /* keys held before a flush */
	size_t count, cap;   /* entries used and allocated */
	struct entry *pool;
	int32_t *index;      /* pool position or -1; nindex = power of two >= 2 * max */
	size_t nindex;
};

static uint64_t hash_key(const struct key *k)
{
	uint64_t h = (uint64_t)k->unit_id * 0x9E3779B97F4A7C15ULL;

	h ^= ((uint64_t)(uint32_t)k->start + ((uint64_t)k->grain << 32)) * 0xC2B2AE3D27D4EB4FULL;
	h ^= (uint64_t)k->field_id * 0x165667B19E3779F9ULL;
	h ^= h >> 29;
	return h;
}

static int key_eq(const struct key *a, const struct key *b)
{
	return a->unit_id == b->unit_id && a->start == b->start && a->field_id == b->field_id
		&& a->grain == b->grain;
}

struct tacc *tacc_new(struct store *st, size_t max_keys)
{
	struct tacc *acc = hl_calloc(1, sizeof(*acc));

	if (acc == NULL)
		return NULL;
	acc->st = st;
	acc->max = max_keys > 0 ? max_keys : TACC_MAX_KEYS;
	acc->nindex = 16;
	while (acc->nindex < 2 * acc->max)
		acc->nindex *= 2;
	acc->index = hl_malloc(acc->nindex * sizeof(*acc->index));
	if (acc->index == NULL) {
		tacc_free(acc);
		return NULL;
	}
	memset(acc->index, 0xff, acc->nindex * sizeof(*acc->index));
	return acc;
}

void tacc_free(struct tacc *acc)
{
	if (acc == NULL)
		return;
	hl_free(acc->pool);
	hl_free(acc->index);
	hl_free(acc);
}

size_t tacc_keys(const struct tacc *acc)
{
	return acc->count;
}

int tacc_flush(struct tacc *acc, struct hl_err *err)
{
	int rc = HL_OK;

	for (size_t i = 0; i < acc->count; i++) {
		const struct entry *e = &acc->pool[i];
		struct store_tally_row row;

		row.unit_id = e->k.unit_id;
		row.start = e->k.start;
		row.field_id = e->k.field_id;
		row.set = e->set;
		rc = STORE(acc->st, tally_merge, (enum store_grain)e->k.grain, &row, err);
		if (rc != HL_OK)
			return rc;
	}
	acc->count = 0;
	memset(acc->index, 0xff, acc->nindex * sizeof(*acc->index));
	return rc;
}

/* The entry for k, created empty; NULL when out of memory. The caller has
 * made sure there is room under the key limit. */
static struct entry *slot(struct tacc *acc, const struct key *k)
{
	size_t i = (size_t)hash_key(k) & (acc->nindex - 1);
	struct entry *e;

	while (acc->index[i] >= 0) {
		e = &acc->pool[acc->index[i]];
		if (key_eq(&e->k, k))
			return e;
		i = (i + 1) & (acc->nindex - 1);
	}
	if (acc->count == acc->cap) {
		size_t ncap = acc->cap == 0 ? 256 : acc->cap * 2;
		struct entry *np;

		if (ncap > acc->max)
			ncap = acc->max;
		np = hl_realloc(acc->pool, ncap * sizeof(*np));
		if (np == NULL)
			return NULL;
		acc->pool = np;
		acc->cap = ncap;
	}
	acc->index[i] = (int32_t)acc->count;
	e = &acc->pool[acc->count++];
	e->k = *k;
	e->in = NULL;
	e->set.n = 0;
	return e;
}

/* The tally of criterion code at cached position *slot, created when first
 * needed; NULL if the set is full. */
static struct hl_tally *tally_at(struct hl_tallyset *set, int8_t *slot, const char *code)
{
	struct hl_tally *t;

	if (*slot >= 0)
		return &set->t[*slot];
	t = hl_tallyset_get(set, code);
	if (t != NULL)
		*slot = (int8_t)(t - set->t);
	return t;
}

/* As hl_tallyset_add_response, through the entry's slot cache. */
static void entry_add(struct entry *e, const struct hl_instrument *in,
	const struct hl_crit_score *scores)
{
	double s_all = 0;
	int v_all = 0;

	if (e->in != in) {
		memset(e->slot, 0xff, sizeof(e->slot));
		e->in = in;
	}
	for (int c = 0; c < in->ncriteria; c++) {
		struct hl_tally *t;

		if (scores[c].v <= 0)
			continue;
		t = tally_at(&e->set, &e->slot[c], in->criteria[c].code);
		if (t != NULL)
			hl_tally_add(t, scores[c].s, scores[c].v);
		s_all += scores[c].s;
		v_all += scores[c].v;
	}
	if (v_all > 0) {
		struct hl_tally *t = tally_at(&e->set, &e->slot[HL_MAX_CRITERIA], HL_CRIT_ALL);

		if (t != NULL)
			hl_tally_add(t, s_all, v_all);
	}
}

int tacc_add(struct tacc *acc, int64_t unit_id, hl_day day, int64_t field_id,
	const struct hl_instrument *in, const struct hl_crit_score *scores, struct hl_err *err)
{
	struct key keys[3];
	int nkeys = 2;
	hl_day month = hl_day_month_start(day);

	if (acc->count + 3 > acc->max) {
		int rc = tacc_flush(acc, err);

		if (rc != HL_OK)
			return rc;
	}
	keys[0] = (struct key){unit_id, 0, day, GRAIN_DAY};
	keys[1] = (struct key){unit_id, 0, month, GRAIN_MONTH};
	if (field_id != 0)
		keys[nkeys++] = (struct key){unit_id, field_id, month, GRAIN_MONTH};
	for (int i = 0; i < nkeys; i++) {
		struct entry *e = slot(acc, &keys[i]);

		if (e == NULL)
			return hl_err_set(err, HL_ENOMEM, HL_HERE, "hết bộ nhớ khi cộng dồn bộ đếm");
		entry_add(e, in, scores);
	}
	return HL_OK;
}

/* ---- recompute from the raw responses ---- */

struct rebuild {
	struct tacc *acc;
	struct hl_instrument **by_id;  /* instrument id -> parsed definition */
	int64_t nids;
	long count;
	struct hl_crit_score scores[HL_MAX_CRITERIA];
	struct hl_err *err;
};

static int rebuild_one(void *ctx, const struct store_response *r)
{
	struct rebuild *rb = ctx;
	const struct hl_instrument *in;
	int rc;

	if (r->instrument_id <= 0 || r->instrument_id >= rb->nids
		|| (in = rb->by_id[r->instrument_id]) == NULL)
		return hl_err_set(rb->err, HL_ENOTFOUND, HL_HERE,
			"phiếu %lld dùng bộ câu hỏi số %lld không có trong cơ sở dữ liệu",
			(long long)r->id, (long long)r->instrument_id);
	rb->count++;
	rc = hl_instrument_score(in, r->answers, rb->scores, rb->err);
	if (rc != HL_OK)
		return rc;
	return tacc_add(rb->acc, r->unit_id, r->day, r->field_id, in, rb->scores, rb->err);
}

static int load_by_id(struct store *st, struct hl_arena *a, struct rebuild *rb,
	struct hl_err *err)
{
	struct store_instrument *list = NULL;
	size_t n = 0;
	int rc = STORE(st, instrument_list, a, &list, &n, err);

	if (rc != HL_OK)
		return rc;
	rb->nids = 1;
	for (size_t i = 0; i < n; i++)
		if (list[i].id >= rb->nids)
			rb->nids = list[i].id + 1;
	if (rb->nids > 10000000)
		return hl_err_set(err, HL_ELIMIT, HL_HERE, "số hiệu bộ câu hỏi quá lớn");
	rb->by_id = hl_arena_alloc(a, (size_t)rb->nids * sizeof(*rb->by_id));
	if (rb->by_id == NULL)
		return hl_err_set(err, HL_ENOMEM, HL_HERE, "hết bộ nhớ");
	for (size_t i = 0; i < n; i++) {
		struct store_instrument si;
		char *json = NULL;

		rc = STORE(st, instrument_get_id, list[i].id, a, &si, &json, err);
		if (rc == HL_OK)
			rc = ij_parse(a, json, strlen(json), &rb->by_id[list[i].id], err);
		if (rc != HL_OK)
			return rc;
	}
	return HL_OK;
}

int tacc_rebuild(struct store *st, const char *who, long *count, struct hl_err *err)
{
	struct rebuild rb;
	struct hl_arena *a = hl_arena_new((size_t)256 * 1024 * 1024);
	char detail[64];
	bool in_tx = false;
	int rc;

	memset(&rb, 0, sizeof(rb));
	rb.err = err;
	*count = 0;
	rb.acc = tacc_new(st, 0);
	if (a == NULL || rb.acc == NULL) {
		rc = hl_err_set(err, HL_ENOMEM, HL_HERE, "hết bộ nhớ khi tính lại bộ đếm");
		goto cleanup;
	}
	rc = store_begin(st, err);
	if (rc != HL_OK)
		goto cleanup;
	in_tx = true;
	rc = load_by_id(st, a, &rb, err);
	if (rc == HL_OK)
		rc = STORE(st, tally_clear, err);
	if (rc == HL_OK)
		rc = STORE(st, response_scan, 0, HL_DAY_NONE, HL_DAY_NONE, rebuild_one, &rb, err);
	if (rc == HL_OK)
		rc = tacc_flush(rb.acc, err);
	if (rc != HL_OK)
		goto cleanup;
	snprintf(detail, sizeof(detail), "%ld phiếu", rb.count);
	rc = STORE(st, audit, who, "tallies.rebuild", detail, err);
	if (rc == HL_OK)
		rc = store_commit(st, err);
	in_tx = false;
cleanup:
	if (in_tx) {
		struct hl_err ignored;

		store_rollback(st, &ignored);
	}
	*count = rb.count;
	tacc_free(rb.acc);
	hl_arena_free(a);
	return rc;
}
