/* tallyacc.c — an open-addressing index over a pool of compact (key, tallies)
 * entries, and the partitioned passes of tacc_compute.
 *
 * Why passes: a bulk import of responses spread over many units and days
 * touches hundreds of thousands of (unit, day) keys. Holding them all would
 * take hundreds of megabytes; flushing whenever memory is full would write
 * each key again and again. Instead the responses, once stored, are read back
 * in P sequential passes, pass p taking only the units that hash to p, with P
 * chosen from a first count of the distinct keys. Each key is then complete
 * when its pass ends and is merged into the store exactly once. Rollups are
 * keyed (unit, month), so a pass completes them too. */
#include "svc/tallyacc.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "base/mem.h"
#include "core/tally.h"
#include "store/store.h"
#include "svc/audit.h"
#include "svc/instruments.h"
#include "svc/themes.h"

_Static_assert(THEME_COUNT <= HL_ROLLUP_THEMES, "a rollup holds every comment theme");

/* Criteria held per key: the six of the largest built-in instrument plus
 * the overall count. A key that needs more is flushed and started again. */
#define SLOTS 7

/* Keys one response adds to (keys_of). */
#define KEYS_MAX 4

/* A key is written once one of its sums reaches this, half of 2^24: single
 * precision adds the integer scores exactly below 2^24, and a year's key of
 * a large unit would pass it within one pass. */
#define FTALLY_EXACT ((float)(1 << 23))

/* A tally while it is in memory: single precision keeps a key small, so a
 * pass holds more keys; sums within one pass of one key stay far below
 * 2^24, where integers are exact, and become doubles when written. */
struct ftally {
	int32_t n;
	float s, v, ss, vv, sv;
};

struct key {
	int64_t unit_id, field_id;
	hl_day start;
	int32_t grain;
};

struct entry {
	struct key k;
	const struct hl_instrument *in;    /* the instrument cslot was filled for */
	int8_t cslot[HL_MAX_CRITERIA + 1]; /* criterion index (last = all) -> slot */
	uint8_t nslots;
	const char *code[SLOTS]; /* criterion codes, owned by instruments */
	struct ftally t[SLOTS];
};

/* Rollups held before a flush: about 1 KB each for a 22-question instrument. */
#define ROLLUP_KEYS 4096
#define ROLLUP_GRAIN (-1) /* a rollup's (unit, month or year) among the keys counted */

struct rentry {
	int64_t unit_id;
	hl_day month;
	struct hl_rollup r;
};

struct tacc {
	struct store *st;
	size_t max;        /* keys held before a flush */
	size_t count, cap; /* entries used and allocated */
	struct entry *pool;
	int32_t *index; /* pool position or -1; nindex = power of two >= 2 * max */
	size_t nindex;
	struct rentry *rpool; /* ROLLUP_KEYS of them, rcount used */
	size_t rcount;
	int32_t *rindex;    /* rpool position or -1, 2 * ROLLUP_KEYS slots */
	unsigned char *buf; /* a rollup's encoding */
	size_t bufcap;
	const struct tacc_tick *tick; /* or NULL */
	unsigned writes;              /* since the last tick */
	struct store_tally_row *rows; /* MANY_ROWS, the keys of a flush as the store takes them */
};

/* A flush of at least MANY_MIN keys writes them MANY_ROWS at a time with
 * the store's bulk merge. */
#define MANY_MIN 256
#define MANY_ROWS 2048

#define TICK_WRITES 64 /* keys written between two ticks */

/* One key written: the tick's turn every TICK_WRITES keys. */
static int wrote(struct tacc *acc, struct hl_err *err)
{
	if (acc->tick == NULL || ++acc->writes < TICK_WRITES)
		return HL_OK;
	acc->writes = 0;
	return acc->tick->fn(acc->tick->ctx, err);
}

static uint64_t hash_key(const struct key *k)
{
	uint64_t h = (uint64_t)k->unit_id * 0x9E3779B97F4A7C15ULL;

	h ^= ((uint64_t)(uint32_t)k->start + ((uint64_t)(uint32_t)k->grain << 32)) *
		0xC2B2AE3D27D4EB4FULL;
	h ^= (uint64_t)k->field_id * 0x165667B19E3779F9ULL;
	h ^= h >> 29;
	return h;
}

static int key_eq(const struct key *a, const struct key *b)
{
	return a->unit_id == b->unit_id && a->start == b->start && a->field_id == b->field_id &&
		a->grain == b->grain;
}

struct tacc *tacc_new(struct store *st, size_t max_keys)
{
	struct tacc *acc = hl_calloc(1, sizeof(*acc));

	if (acc == NULL)
		return NULL;
	acc->st = st;
	acc->max = max_keys > 0 ? max_keys :
				  TACC_BUDGET / (sizeof(struct entry) + 2 * 2 * sizeof(int32_t));
	acc->nindex = 16;
	while (acc->nindex < 2 * acc->max)
		acc->nindex *= 2;
	acc->index = hl_malloc(acc->nindex * sizeof(*acc->index));
	acc->rpool = hl_calloc(ROLLUP_KEYS, sizeof(*acc->rpool));
	acc->rindex = hl_malloc(2 * ROLLUP_KEYS * sizeof(*acc->rindex));
	if (acc->index == NULL || acc->rpool == NULL || acc->rindex == NULL) {
		tacc_free(acc);
		return NULL;
	}
	memset(acc->index, 0xff, acc->nindex * sizeof(*acc->index));
	memset(acc->rindex, 0xff, 2 * ROLLUP_KEYS * sizeof(*acc->rindex));
	return acc;
}

void tacc_free(struct tacc *acc)
{
	if (acc == NULL)
		return;
	for (size_t i = 0; i < acc->rcount; i++)
		hl_rollup_clear(&acc->rpool[i].r);
	hl_free(acc->rpool);
	hl_free(acc->rindex);
	hl_free(acc->buf);
	hl_free(acc->rows);
	hl_free(acc->pool);
	hl_free(acc->index);
	hl_free(acc);
}

static void ftally_add(struct ftally *t, double s, int v)
{
	float fs = (float)s, fv = (float)v;

	t->n++;
	t->s += fs;
	t->v += fv;
	t->ss += fs * fs;
	t->vv += fv * fv;
	t->sv += fs * fv;
}

/* The store's order (grain, field, start, unit), so writes go in sequence. */
static int cmp_entry(const void *pa, const void *pb)
{
	const struct key *a = &((const struct entry *)pa)->k, *b = &((const struct entry *)pb)->k;

	if (a->grain != b->grain)
		return a->grain < b->grain ? -1 : 1;
	if (a->field_id != b->field_id)
		return a->field_id < b->field_id ? -1 : 1;
	if (a->start != b->start)
		return a->start < b->start ? -1 : 1;
	return a->unit_id < b->unit_id ? -1 : a->unit_id > b->unit_id;
}

static int cmp_rentry(const void *pa, const void *pb)
{
	const struct rentry *a = pa, *b = pb;

	if (a->unit_id != b->unit_id)
		return a->unit_id < b->unit_id ? -1 : 1;
	return a->month < b->month ? -1 : a->month > b->month;
}

/* Merge the rollups held into the store's, in its order (unit, month). */
static int flush_rollups(struct tacc *acc, struct hl_err *err)
{
	int rc = HL_OK;

	if (acc->rcount > 1)
		qsort(acc->rpool, acc->rcount, sizeof(*acc->rpool), cmp_rentry);
	for (size_t i = 0; i < acc->rcount; i++) {
		struct rentry *e = &acc->rpool[i];
		size_t size = hl_rollup_encoded_size(&e->r);

		if (rc == HL_OK && size > acc->bufcap) {
			unsigned char *nb = hl_realloc(acc->buf, size);

			if (nb == NULL)
				rc = hl_err_set(err, HL_ENOMEM, HL_HERE,
					"hết bộ nhớ khi ghi số liệu báo cáo");
			else {
				acc->buf = nb;
				acc->bufcap = size;
			}
		}
		if (rc == HL_OK) {
			hl_rollup_encode(&e->r, acc->buf);
			rc = STORE(acc->st, tallies, rollup_merge, e->unit_id, e->month, acc->buf,
				size, err);
			if (rc == HL_OK)
				rc = wrote(acc, err);
		}
		hl_rollup_clear(&e->r);
	}
	acc->rcount = 0;
	memset(acc->rindex, 0xff, 2 * ROLLUP_KEYS * sizeof(*acc->rindex));
	return rc;
}

/* The key of day's year among the rollups' months (core/rollup.h). */
static hl_day year_key(hl_day day)
{
	int y, m, d;

	hl_day_to_ymd(day, &y, &m, &d);
	return HL_ROLLUP_YEAR_KEY(y);
}

/* The rollup of (unit_id, month), created empty; flushes first when full. */
static struct hl_rollup *rollup_of(struct tacc *acc, int64_t unit_id, hl_day month,
	struct hl_err *err)
{
	const size_t mask = 2 * ROLLUP_KEYS - 1;
	size_t i;
	struct rentry *e;

	for (;;) {
		i = (size_t)(((uint64_t)unit_id * 0x9E3779B97F4A7C15ULL) ^
			    ((uint64_t)(uint32_t)month * 0xC2B2AE3D27D4EB4FULL)) &
			mask;
		for (; acc->rindex[i] >= 0; i = (i + 1) & mask) {
			e = &acc->rpool[acc->rindex[i]];
			if (e->unit_id == unit_id && e->month == month)
				return &e->r;
		}
		if (acc->rcount < ROLLUP_KEYS)
			break;
		if (flush_rollups(acc, err) != HL_OK)
			return NULL;
	}
	acc->rindex[i] = (int32_t)acc->rcount;
	e = &acc->rpool[acc->rcount++];
	e->unit_id = unit_id;
	e->month = month;
	hl_rollup_init(&e->r);
	return &e->r;
}

void tacc_discard(struct tacc *acc)
{
	for (size_t i = 0; i < acc->rcount; i++)
		hl_rollup_clear(&acc->rpool[i].r);
	acc->rcount = 0;
	memset(acc->rindex, 0xff, 2 * ROLLUP_KEYS * sizeof(*acc->rindex));
	acc->count = 0;
	memset(acc->index, 0xff, acc->nindex * sizeof(*acc->index));
}

/* Write rows[0..n) of grain g: one statement per key for a few (the
 * server's flush: a key's upserts wait for nothing), a bulk merge for many. */
static int merge_rows(struct tacc *acc, enum store_grain g, const struct store_tally_row *rows,
	size_t n, bool many, struct hl_err *err)
{
	int rc = HL_OK;

	if (many)
		rc = STORE(acc->st, tallies, tally_merge_many, g, rows, n, err);
	for (size_t i = 0; !many && rc == HL_OK && i < n; i++)
		rc = STORE(acc->st, tallies, tally_merge, g, &rows[i], err);
	for (size_t i = 0; rc == HL_OK && i < n; i++)
		rc = wrote(acc, err);
	return rc;
}

int tacc_flush(struct tacc *acc, struct hl_err *err)
{
	int rc = flush_rollups(acc, err);
	bool many = acc->count >= MANY_MIN;
	size_t nrows = 0;

	/* Emptied whatever happens: after a failure the caller rolls back the
	 * transaction, and keys kept here would be counted with the next one. */
	if (rc != HL_OK) {
		tacc_discard(acc);
		return rc;
	}
	if (acc->count > 1)
		qsort(acc->pool, acc->count, sizeof(*acc->pool), cmp_entry);
	if (acc->rows == NULL && (acc->rows = hl_malloc(MANY_ROWS * sizeof(*acc->rows))) == NULL)
		rc = hl_err_set(err, HL_ENOMEM, HL_HERE, "hết bộ nhớ khi ghi bộ đếm");
	for (size_t i = 0; i < acc->count && rc == HL_OK; i++) {
		const struct entry *e = &acc->pool[i];
		struct store_tally_row *row = &acc->rows[nrows++];

		row->unit_id = e->k.unit_id;
		row->start = e->k.start;
		row->field_id = e->k.field_id;
		row->set.n = e->nslots;
		for (int j = 0; j < e->nslots; j++) {
			const struct ftally *f = &e->t[j];

			snprintf(row->set.code[j], sizeof(row->set.code[j]), "%s", e->code[j]);
			row->set.t[j] = (struct hl_tally){f->n, f->s, f->v, f->ss, f->vv, f->sv};
		}
		/* rows go out by grain, at most MANY_ROWS at a time */
		if (nrows == MANY_ROWS || i + 1 == acc->count ||
			acc->pool[i + 1].k.grain != e->k.grain) {
			rc = merge_rows(acc, (enum store_grain)e->k.grain, acc->rows, nrows, many,
				err);
			nrows = 0;
		}
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
	e->nslots = 0;
	return e;
}

/* The tally of criterion c (in->ncriteria = the overall count) in e, found
 * through e's slot cache; NULL when e has no slot left. */
static struct ftally *tally_of(struct entry *e, const struct hl_instrument *in, int c)
{
	const char *code = c < in->ncriteria ? in->criteria[c].code : HL_CRIT_ALL;
	int j;

	if (e->cslot[c] >= 0)
		return &e->t[e->cslot[c]];
	for (j = 0; j < e->nslots && strcmp(e->code[j], code) != 0; j++)
		;
	if (j == e->nslots) {
		if (j == SLOTS)
			return NULL;
		e->code[j] = code;
		memset(&e->t[j], 0, sizeof(e->t[j]));
		e->nslots++;
	}
	e->cslot[c] = (int8_t)j;
	return &e->t[j];
}

/* As hl_tallyset_add_response; false when e has no room for a criterion. */
static bool entry_add(struct entry *e, const struct hl_instrument *in,
	const struct hl_crit_score *scores)
{
	double s_all = 0;
	int v_all = 0;

	if (e->in != in) {
		memset(e->cslot, 0xff, sizeof(e->cslot));
		e->in = in;
	}
	for (int c = 0; c < in->ncriteria; c++) {
		if (scores[c].v > 0 && tally_of(e, in, c) == NULL)
			return false;
		s_all += scores[c].s;
		v_all += scores[c].v;
	}
	if (v_all > 0 && tally_of(e, in, in->ncriteria) == NULL)
		return false;
	for (int c = 0; c < in->ncriteria; c++)
		if (scores[c].v > 0)
			ftally_add(&e->t[e->cslot[c]], scores[c].s, scores[c].v);
	if (v_all > 0)
		ftally_add(&e->t[e->cslot[in->ncriteria]], s_all, v_all);
	return true;
}

/* Whether a sum of e has reached FTALLY_EXACT (written before it is inexact). */
static bool entry_full(const struct entry *e)
{
	for (int i = 0; i < e->nslots; i++) {
		const struct ftally *t = &e->t[i];

		if (t->ss >= FTALLY_EXACT || t->vv >= FTALLY_EXACT || t->sv >= FTALLY_EXACT)
			return true;
	}
	return false;
}

/* The keys a response of unit on day adds to: its day, month and year over
 * all fields and, with a field, its month for that field. */
static int keys_of(int64_t unit_id, hl_day day, int64_t field_id, struct key *keys)
{
	hl_day month = hl_day_month_start(day), year;
	int y, m, d, n = 3;

	hl_day_to_ymd(day, &y, &m, &d);
	hl_day_from_ymd(y, 1, 1, &year);
	keys[0] = (struct key){unit_id, 0, day, GRAIN_DAY};
	keys[1] = (struct key){unit_id, 0, month, GRAIN_MONTH};
	keys[2] = (struct key){unit_id, 0, year, GRAIN_YEAR};
	if (field_id != 0)
		keys[n++] = (struct key){unit_id, field_id, month, GRAIN_MONTH};
	return n;
}

/* The themes and hash of comment into x. */
static int note_comment(const char *comment, struct hl_rollup_resp *x, struct hl_err *err)
{
	int rc;

	x->themes = 0;
	x->comment_hash = 0;
	if (comment[0] == '\0')
		return HL_OK;
	rc = themes_of(comment, &x->themes, err);
	if (rc == HL_EINVAL) { /* not UTF-8: the store should never hold one; no theme */
		hl_err_clear(err);
		return HL_OK;
	}
	if (rc == HL_OK && x->themes != 0)
		x->comment_hash = hl_rollup_hash(comment);
	return rc;
}

/* The row r as tallies and rollups take it, into x. */
static int from_core(const struct store_response_core *r, struct tacc_resp *x, struct hl_err *err)
{
	int na = r->nanswers < 0                ? 0 :
		r->nanswers > STORE_ANSWERS_MAX ? STORE_ANSWERS_MAX :
						  r->nanswers;

	x->unit_id = r->unit_id;
	x->day = r->day;
	x->r.id = r->id;
	x->r.instrument_id = r->instrument_id;
	x->r.field_id = r->field_id;
	x->r.staff_id = r->staff_id;
	x->r.channel = r->channel;
	x->r.nanswers = na;
	memcpy(x->r.answers, r->answers, (size_t)na);
	return note_comment(r->comment, &x->r, err);
}

int tacc_resp_of(const struct store_response *r, struct tacc_resp *x, struct hl_err *err)
{
	struct store_response_core c = {
		.id = r->id,
		.unit_id = r->unit_id,
		.instrument_id = r->instrument_id,
		.field_id = r->field_id,
		.status = r->status,
		.day = r->day,
		.nanswers = r->nanswers,
		.answers = r->answers,
		.channel = r->channel,
		.staff_id = r->staff_id,
		.comment = r->comment,
	};

	return from_core(&c, x, err);
}

int tacc_add(struct tacc *acc, const struct tacc_resp *x, const struct hl_instrument *in,
	const struct hl_crit_score *scores, struct hl_err *err)
{
	struct key keys[KEYS_MAX];
	struct hl_rollup *ru;
	int nkeys = keys_of(x->unit_id, x->day, x->r.field_id, keys), rc;
	bool full = false;

	if (acc->count + KEYS_MAX > acc->max && (rc = tacc_flush(acc, err)) != HL_OK)
		return rc;
	for (int i = 0; i < nkeys; i++) {
		struct entry *e = slot(acc, &keys[i]);

		if (e == NULL)
			return hl_err_set(err, HL_ENOMEM, HL_HERE,
				"hết bộ nhớ khi cộng dồn bộ đếm");
		if (entry_add(e, in, scores)) {
			full = full || entry_full(e);
			continue;
		}
		/* More criteria than a key holds: write what is there and start anew. */
		if ((rc = tacc_flush(acc, err)) != HL_OK)
			return rc;
		e = slot(acc, &keys[i]);
		if (e == NULL || !entry_add(e, in, scores))
			return hl_err_set(err, HL_ELIMIT, HL_HERE,
				"bộ câu hỏi %s có quá nhiều tiêu chí để cộng dồn (tối đa %d)",
				in->code, SLOTS - 1);
	}
	/* the response's month and its year (core/rollup.h) */
	for (int k = 0; k < 2; k++) {
		ru = rollup_of(acc, x->unit_id,
			k == 0 ? hl_day_month_start(x->day) : year_key(x->day), err);
		if (ru == NULL)
			return err->code;
		if ((rc = hl_rollup_add(ru, in, &x->r, scores, err)) != HL_OK)
			return rc;
	}
	return full ? tacc_flush(acc, err) : HL_OK;
}

/* ---- bulk: partitioned passes over stored responses ---- */

struct bulk {
	struct tacc *acc;
	struct hl_instrument **by_id; /* instrument id -> parsed definition */
	int64_t nids;
	unsigned parts, part; /* this pass takes units hashing to part */
	long rows;            /* responses read in this pass */
	long taken;           /* responses added over all passes */
	uint64_t *set;        /* key hashes while counting (0 = empty) */
	size_t setcap, setn;
	size_t rkeys; /* of setn, the (unit, month or year) keys of rollups */
	bool set_full;
	FILE *spill;        /* the rows' tally fields, read once from the store */
	struct tacc_resp x; /* the row being added */
	struct hl_crit_score scores[HL_MAX_CRITERIA];
	struct hl_err *err;
};

/* A spilled row: id, unit, field, instrument, day, staff and comment hash as
 * little-endian 64-bit numbers, the channel, the comment's themes (16 bits),
 * the number of answers, then the answer bytes. */
#define SPILL_REC 60

/* Largest key-count set kept while counting: 8 M hashes, 64 MB. */
#define SET_MAX ((size_t)1 << 23)

static unsigned part_of(int64_t unit_id, unsigned parts)
{
	return (unsigned)(((uint64_t)unit_id * 0x9E3779B97F4A7C15ULL) >> 40) % parts;
}

static bool set_grow(struct bulk *b)
{
	size_t ncap = b->setcap ? b->setcap * 2 : 1 << 16;
	uint64_t *ns;

	if (ncap > SET_MAX)
		return false;
	ns = hl_calloc(ncap, sizeof(*ns));
	if (ns == NULL)
		return false;
	for (size_t i = 0; i < b->setcap; i++) {
		size_t j;

		if (b->set[i] == 0)
			continue;
		for (j = b->set[i] & (ncap - 1); ns[j] != 0; j = (j + 1) & (ncap - 1))
			;
		ns[j] = b->set[i];
	}
	hl_free(b->set);
	b->set = ns;
	b->setcap = ncap;
	return true;
}

/* Count a row's keys (exactly, up to SET_MAX) and, when spilling, write the
 * row's tally and rollup fields to the spill file. */
static int count_keys(void *ctx, const struct store_response_core *r)
{
	struct bulk *b = ctx;
	struct key keys[KEYS_MAX + 2];
	int n, rc;

	/* held and rejected responses are not in the tallies */
	if (r->status != RS_COUNTED)
		return 0;
	if (b->spill != NULL) {
		const struct hl_rollup_resp *x = &b->x.r;
		unsigned char head[SPILL_REC];

		if ((rc = from_core(r, &b->x, b->err)) != HL_OK)
			return rc;
		hl_le64_put(head, (uint64_t)x->id);
		hl_le64_put(head + 8, (uint64_t)b->x.unit_id);
		hl_le64_put(head + 16, (uint64_t)x->field_id);
		hl_le64_put(head + 24, (uint64_t)x->instrument_id);
		hl_le64_put(head + 32, (uint64_t)(int64_t)b->x.day);
		hl_le64_put(head + 40, (uint64_t)x->staff_id);
		hl_le64_put(head + 48, x->comment_hash);
		head[56] = (unsigned char)(x->channel >= 0 && x->channel < 256 ? x->channel : 0);
		head[57] = (unsigned char)(x->themes & 0xff);
		head[58] = (unsigned char)(x->themes >> 8 & 0xff);
		head[59] = (unsigned char)x->nanswers;
		if (fwrite(head, 1, SPILL_REC, b->spill) != SPILL_REC ||
			(x->nanswers > 0 &&
				fwrite(x->answers, 1, (size_t)x->nanswers, b->spill) !=
					(size_t)x->nanswers))
			return hl_err_set(b->err, HL_EIO, HL_HERE,
				"không ghi được tệp tạm khi tính bộ đếm (đĩa đầy?)");
	}
	n = keys_of(r->unit_id, r->day, r->field_id, keys);
	/* and its rollups', a grain of their own */
	keys[n++] = (struct key){r->unit_id, 0, hl_day_month_start(r->day), ROLLUP_GRAIN};
	keys[n++] = (struct key){r->unit_id, 0, year_key(r->day), ROLLUP_GRAIN};
	b->rows++;
	for (int i = 0; i < n && !b->set_full; i++) {
		uint64_t h = hash_key(&keys[i]) | 1;
		size_t j;

		if (2 * (b->setn + 1) > b->setcap && !set_grow(b)) {
			b->set_full = true;
			break;
		}
		for (j = h & (b->setcap - 1); b->set[j] != 0 && b->set[j] != h;
			j = (j + 1) & (b->setcap - 1))
			;
		if (b->set[j] == 0) {
			b->set[j] = h;
			b->setn++;
			b->rkeys += keys[i].grain == ROLLUP_GRAIN;
		}
	}
	return 0;
}

/* Add b->x, a counted row read in this pass, when its unit is in the pass's
 * partition. */
static int add_one(struct bulk *b)
{
	const struct tacc_resp *x = &b->x;
	const struct hl_instrument *in;
	int rc;

	b->rows++;
	if (b->parts > 1 && part_of(x->unit_id, b->parts) != b->part)
		return 0;
	if (x->r.instrument_id <= 0 || x->r.instrument_id >= b->nids ||
		(in = b->by_id[x->r.instrument_id]) == NULL)
		return hl_err_set(b->err, HL_ENOTFOUND, HL_HERE,
			"phiếu %lld dùng bộ câu hỏi số %lld không có trong cơ sở dữ liệu",
			(long long)x->r.id, (long long)x->r.instrument_id);
	if (x->r.nanswers != in->nquestions)
		return hl_err_set(b->err, HL_EINVAL, HL_HERE,
			"phiếu %lld có %d câu trả lời, bộ câu hỏi %s@%d có %d câu",
			(long long)x->r.id, x->r.nanswers, in->code, in->version, in->nquestions);
	rc = hl_instrument_score(in, x->r.answers, b->scores, b->err);
	if (rc == HL_OK)
		rc = tacc_add(b->acc, x, in, b->scores, b->err);
	b->taken++;
	return rc;
}

/* A row of the store's scan (no spill: one pass). */
static int scan_one(void *ctx, const struct store_response_core *r)
{
	struct bulk *b = ctx;
	int rc;

	if (r->status != RS_COUNTED)
		return 0;
	if ((rc = from_core(r, &b->x, b->err)) != HL_OK)
		return rc;
	return add_one(b);
}

static int load_by_id(struct store *st, struct hl_arena *a, struct bulk *b, struct hl_err *err)
{
	struct store_instrument *list = NULL;
	size_t n = 0;
	int rc = STORE(st, instruments, instrument_list, a, &list, &n, err);

	if (rc != HL_OK)
		return rc;
	b->nids = 1;
	for (size_t i = 0; i < n; i++)
		if (list[i].id >= b->nids)
			b->nids = list[i].id + 1;
	if (b->nids > 10000000)
		return hl_err_set(err, HL_ELIMIT, HL_HERE, "số hiệu bộ câu hỏi quá lớn");
	b->by_id = hl_arena_alloc(a, (size_t)b->nids * sizeof(*b->by_id));
	if (b->by_id == NULL)
		return hl_err_set(err, HL_ENOMEM, HL_HERE, "hết bộ nhớ");
	for (size_t i = 0; i < n; i++)
		if ((rc = instruments_get_id(st, a, list[i].id, NULL, &b->by_id[list[i].id],
			     err)) != HL_OK)
			return rc;
	return HL_OK;
}

/* Passes needed so that one partition's keys fit: from an exact count of the
 * distinct keys when the range could hold more keys than fit. */
static int choose_parts(struct store *st, struct bulk *b, int64_t batch_id, int64_t min_id,
	int64_t max_id)
{
	uint64_t span = (uint64_t)(max_id - min_id) + 1;
	size_t keys, rkeys;
	int rc;

	/* Read straight from the store only when neither the tallies nor the
	 * rollups (a response adds at most two: its month's, its year's) can
	 * fill up during the read: writing them out then would call the store
	 * inside its scan. */
	if (max_id >= min_id && span <= b->acc->max / 3 && span <= ROLLUP_KEYS / 2) {
		b->parts = 1;
		return HL_OK;
	}
	/* One read of the store: count the keys and keep the rows' tally fields
	 * in a temporary file, which every partition's pass then reads instead
	 * of the store. */
	b->rows = 0;
	b->spill = tmpfile();
	if (b->spill == NULL)
		return hl_err_set(b->err, HL_EIO, HL_HERE,
			"không tạo được tệp tạm khi tính bộ đếm");
	setvbuf(b->spill, NULL, _IOFBF, (size_t)1 << 20);
	rc = STORE(st, responses, response_scan_ids, batch_id, min_id, max_id, count_keys, b,
		b->err);
	if (rc != HL_OK)
		return rc;
	/* Past the set's cap, assume the rest of the rows bring keys at the same rate. */
	keys = b->setn - b->rkeys;
	rkeys = b->rkeys;
	if (b->set_full && b->rows > 0) {
		keys *= 4;
		rkeys *= 4;
	}
	hl_free(b->set);
	b->set = NULL;
	/* Enough partitions that one holds its tallies and its rollups (which
	 * would otherwise be written again and again as the pool fills), with
	 * a margin: partitions are not exactly even. */
	b->parts = (unsigned)(keys / (b->acc->max * 3 / 4) + 1);
	if (rkeys / (ROLLUP_KEYS * 3 / 4) + 1 > b->parts)
		b->parts = (unsigned)(rkeys / (ROLLUP_KEYS * 3 / 4) + 1);
	return HL_OK;
}

/* One partition's pass over the spilled rows. */
static int spill_pass(struct bulk *b)
{
	unsigned char head[SPILL_REC];
	struct tacc_resp *x = &b->x;
	int rc = HL_OK;

	if (fseek(b->spill, 0, SEEK_SET) != 0)
		return hl_err_set(b->err, HL_EIO, HL_HERE, "không đọc lại được tệp tạm");
	while (rc == HL_OK && fread(head, 1, SPILL_REC, b->spill) == SPILL_REC) {
		x->r.id = (int64_t)hl_le64_get(head);
		x->unit_id = (int64_t)hl_le64_get(head + 8);
		x->r.field_id = (int64_t)hl_le64_get(head + 16);
		x->r.instrument_id = (int64_t)hl_le64_get(head + 24);
		x->day = (hl_day)(int64_t)hl_le64_get(head + 32);
		x->r.staff_id = (int64_t)hl_le64_get(head + 40);
		x->r.comment_hash = hl_le64_get(head + 48);
		x->r.channel = head[56];
		x->r.themes = (unsigned)head[57] | (unsigned)head[58] << 8;
		x->r.nanswers = head[59];
		if (x->r.nanswers > 0 &&
			fread(x->r.answers, 1, (size_t)x->r.nanswers, b->spill) !=
				(size_t)x->r.nanswers)
			break;
		rc = add_one(b);
	}
	if (rc == HL_OK && ferror(b->spill))
		rc = hl_err_set(b->err, HL_EIO, HL_HERE, "lỗi đọc tệp tạm khi tính bộ đếm");
	return rc;
}

int tacc_compute(struct store *st, int64_t batch_id, int64_t min_id, int64_t max_id,
	size_t max_keys, long *count, const struct tacc_tick *tick, struct hl_err *err)
{
	struct bulk b;
	struct hl_arena *a = hl_arena_new((size_t)64 << 20);
	int rc;

	memset(&b, 0, sizeof(b));
	b.err = err;
	b.acc = tacc_new(st, max_keys);
	if (a == NULL || b.acc == NULL) {
		rc = hl_err_set(err, HL_ENOMEM, HL_HERE, "hết bộ nhớ khi tính bộ đếm");
		goto cleanup;
	}
	b.acc->tick = tick;
	rc = load_by_id(st, a, &b, err);
	if (rc == HL_OK)
		rc = choose_parts(st, &b, batch_id, min_id, max_id);
	for (b.part = 0; rc == HL_OK && b.part < b.parts; b.part++) {
		b.rows = 0;
		if (b.spill != NULL)
			rc = spill_pass(&b);
		else
			rc = STORE(st, responses, response_scan_ids, batch_id, min_id, max_id,
				scan_one, &b, err);
		if (rc == HL_OK)
			rc = tacc_flush(b.acc, err);
	}
cleanup:
	if (count != NULL)
		*count = b.taken;
	if (b.spill != NULL)
		fclose(b.spill);
	hl_free(b.set);
	tacc_free(b.acc);
	hl_arena_free(a);
	return rc;
}

int tacc_rebuild(struct store *st, const char *who, long *count, struct hl_err *err)
{
	char detail[64];
	int rc;

	*count = 0;
	rc = store_begin(st, err);
	if (rc != HL_OK)
		return rc;
	rc = STORE(st, tallies, tally_clear, err);
	if (rc == HL_OK)
		rc = STORE(st, tallies, rollup_clear, err);
	if (rc == HL_OK)
		rc = tacc_compute(st, 0, 0, INT64_MAX, 0, count, NULL, err);
	snprintf(detail, sizeof(detail), "%ld phiếu", *count);
	return audit_commit(st, rc, who, "tallies.rebuild", detail, err);
}
