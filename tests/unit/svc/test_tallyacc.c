/* test_tallyacc.c — bulk tallies computed in many small passes equal those
 * computed in one, and equal the core's sums response by response; sums too
 * large for single precision are written before they lose a unit. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/arena.h"
#include "base/mem.h"
#include "core/rollup.h"
#include "io/instrument_json.h"
#include "store/store.h"
#include "svc/tallyacc.h"

#define NUNITS 7
#define NRESP 600

struct fx {
	char path[64];
	struct store *st;
	struct hl_arena *a;
	struct hl_instrument *in;
	int64_t unit[NUNITS], field, first, last, in_id;
	struct hl_err err;
};

static void rm_db(const char *path)
{
	char p[80];

	unlink(path);
	snprintf(p, sizeof(p), "%s-wal", path);
	unlink(p);
	snprintf(p, sizeof(p), "%s-shm", path);
	unlink(p);
}

/* A store with units, one field, sipas-5 and NRESP deterministic responses. */
static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof(*f));
	struct store_instrument si = {0};
	struct store_field fd = {0};
	char *json;
	int version, fd_tmp;
	uint64_t x = 88172645463325252ULL;

	snprintf(f->path, sizeof(f->path), "/tmp/hl-tacc-XXXXXX");
	fd_tmp = mkstemp(f->path);
	close(fd_tmp);
	unlink(f->path);
	assert_int_equal(store_open(f->path, &f->st, &f->err), HL_OK);
	assert_int_equal(store_migrate(f->st, &version, &f->err), HL_OK);
	f->a = hl_arena_new(1 << 24);
	assert_int_equal(hl_instrument_builtin(f->a, "sipas-5", &f->in, &f->err), HL_OK);
	json = ij_dump(f->in);
	snprintf(si.code, sizeof(si.code), "sipas-5");
	si.version = 1;
	snprintf(si.name, sizeof(si.name), "SIPAS");
	assert_int_equal(STORE(f->st, instruments, instrument_put, &si, json, &f->err), HL_OK);
	free(json);
	f->in_id = si.id;
	snprintf(fd.code, sizeof(fd.code), "ho-tich");
	snprintf(fd.name, sizeof(fd.name), "Hộ tịch");
	assert_int_equal(STORE(f->st, units, field_put, &fd, &f->err), HL_OK);
	f->field = fd.id;
	for (int u = 0; u < NUNITS; u++) {
		struct store_unit su = {0};

		snprintf(su.code, sizeof(su.code), "u%d", u);
		snprintf(su.name, sizeof(su.name), "Đơn vị %d", u);
		snprintf(su.type, sizeof(su.type), "ubnd-xa");
		su.valid_from = su.valid_to = HL_DAY_NONE;
		assert_int_equal(STORE(f->st, units, unit_put, &su, &f->err), HL_OK);
		f->unit[u] = su.id;
	}
	for (int i = 0; i < NRESP; i++) {
		struct store_response r;

		memset(&r, 0, sizeof(r));
		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		r.unit_id = f->unit[x % NUNITS];
		r.day = 19700 + (int)((x >> 8) % 90);
		r.instrument_id = si.id;
		r.channel = CH_PAPER;
		r.field_id = (x >> 20) % 3 == 0 ? 0 : f->field;
		r.nanswers = f->in->nquestions;
		for (int q = 0; q < r.nanswers; q++)
			r.answers[q] = (unsigned char)((x >> (q % 40)) % 6); /* 0 = no answer */
		assert_int_equal(STORE(f->st, responses, response_insert, &r, NULL, &f->err),
			HL_OK);
		if (f->first == 0)
			f->first = r.id;
		f->last = r.id;
	}
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;

	store_close(f->st);
	rm_db(f->path);
	hl_arena_free(f->a);
	free(f);
	return 0;
}

struct sums {
	int rows;
	double s, v, ss, n;
};

static int sum_cb(void *ctx, const struct store_tally_row *row)
{
	struct sums *m = ctx;
	const struct hl_tally *t = hl_tallyset_find(&row->set, "PV");

	m->rows++;
	if (t != NULL) {
		m->n += (double)t->n;
		m->s += t->s;
		m->v += t->v;
		m->ss += t->ss;
	}
	return 0;
}

static struct sums sums_of(struct fx *f, enum store_grain g, bool per_field)
{
	struct sums m = {0};

	assert_int_equal(STORE(f->st, tallies, tally_scan, g, per_field, HL_DAY_NONE, HL_DAY_NONE,
				 sum_cb, &m, &f->err),
		HL_OK);
	return m;
}

static void test_passes_agree(void **state)
{
	struct fx *f = *state;
	struct sums one[4], many[4];
	long count = 0;

	/* One pass, everything in memory. */
	assert_int_equal(tacc_compute(f->st, 0, f->first, f->last, 0, &count, NULL, &f->err),
		HL_OK);
	assert_int_equal(count, NRESP);
	one[0] = sums_of(f, GRAIN_DAY, false);
	one[1] = sums_of(f, GRAIN_MONTH, false);
	one[2] = sums_of(f, GRAIN_MONTH, true);
	one[3] = sums_of(f, GRAIN_YEAR, false);
	/* Again with room for 12 keys: many partitions, and flushes within them. */
	assert_int_equal(STORE(f->st, tallies, tally_clear, &f->err), HL_OK);
	assert_int_equal(tacc_compute(f->st, 0, f->first, f->last, 12, &count, NULL, &f->err),
		HL_OK);
	assert_int_equal(count, NRESP);
	many[0] = sums_of(f, GRAIN_DAY, false);
	many[1] = sums_of(f, GRAIN_MONTH, false);
	many[2] = sums_of(f, GRAIN_MONTH, true);
	many[3] = sums_of(f, GRAIN_YEAR, false);
	for (int g = 0; g < 4; g++) {
		assert_int_equal(one[g].rows, many[g].rows);
		assert_true(one[g].n == many[g].n && one[g].n > 0);
		assert_true(fabs(one[g].s - many[g].s) < 1e-6);
		assert_true(fabs(one[g].ss - many[g].ss) < 1e-6);
	}
	/* Every response counted once per grain; day, month and year totals agree. */
	assert_true(one[0].n == one[1].n && one[3].n == one[1].n);
	assert_true(fabs(one[3].ss - one[1].ss) < 1e-6 && one[3].rows < one[1].rows);
	assert_true(one[2].n < one[1].n);
	assert_true(one[0].rows > one[1].rows);
}

struct core_sum {
	const struct hl_instrument *in;
	int crit;
	struct hl_tally pv;
};

static int core_cb(void *ctx, const struct store_response_core *r)
{
	struct core_sum *cs = ctx;
	struct hl_crit_score sc[HL_MAX_CRITERIA];

	assert_int_equal(hl_instrument_score(cs->in, r->answers, sc, NULL), HL_OK);
	hl_tally_add(&cs->pv, sc[cs->crit].s, sc[cs->crit].v);
	return 0;
}

/* The stored monthly sums equal the core's, response by response. */
static void test_matches_core(void **state)
{
	struct fx *f = *state;
	struct core_sum cs = {f->in, hl_instrument_criterion(f->in, "PV"), {0}};
	struct sums got;

	assert_int_equal(tacc_compute(f->st, 0, f->first, f->last, 30, NULL, NULL, &f->err), HL_OK);
	got = sums_of(f, GRAIN_MONTH, false);
	assert_int_equal(STORE(f->st, responses, response_scan_ids, 0, f->first, f->last, core_cb,
				 &cs, &f->err),
		HL_OK);
	assert_true(cs.pv.n > 0);
	assert_true(got.n == (double)cs.pv.n);
	assert_true(fabs(got.s - cs.pv.s) < 1e-6);
	assert_true(fabs(got.v - cs.pv.v) < 1e-6);
	assert_true(fabs(got.ss - cs.pv.ss) < 1e-6);
}

/* More (unit, month) rollups than the accumulator holds at once: it must
 * write them out between passes, never while the store is still reading
 * the responses to it (that store refuses any call then). */
static void test_many_rollup_keys(void **state)
{
	struct fx *f = *state;
	int64_t first = 0, last = 0;
	long count = 0;
	int rc;

	assert_int_equal(store_begin(f->st, &f->err), HL_OK);
	for (int i = 0; i < 4900; i++) {
		struct store_response r;

		memset(&r, 0, sizeof(r));
		r.unit_id = f->unit[i % NUNITS];
		r.day = 8000 + (i / NUNITS) * 31; /* a month of its own per unit */
		r.instrument_id = f->in_id;
		r.channel = CH_PAPER;
		r.nanswers = f->in->nquestions;
		memset(r.answers, 4, (size_t)r.nanswers);
		assert_int_equal(STORE(f->st, responses, response_insert, &r, NULL, &f->err),
			HL_OK);
		first = first != 0 ? first : r.id;
		last = r.id;
	}
	assert_int_equal(store_commit(f->st, &f->err), HL_OK);
	rc = tacc_compute(f->st, 0, first, last, 0, &count, NULL, &f->err);
	if (rc != HL_OK)
		print_error("%s\n", f->err.msg);
	assert_int_equal(rc, HL_OK);
	assert_int_equal(count, 4900);
}

/* A key's in-memory sums are single precision, exact up to 2^24: a key is
 * written before one passes 2^23, so 25 scores of 1 001 (squares 1 002 001,
 * 25 of them an odd 25 050 025) are stored exactly. */
static void test_large_sums_exact(void **state)
{
	struct fx *f = *state;
	struct tacc *acc = tacc_new(f->st, 1000);
	struct hl_crit_score sc[HL_MAX_CRITERIA];
	struct tacc_resp x;
	struct sums got = {0};

	assert_non_null(acc);
	for (int c = 0; c < f->in->ncriteria; c++)
		sc[c] = (struct hl_crit_score){1001, 1};
	memset(&x, 0, sizeof(x));
	x.unit_id = f->unit[0];
	x.day = 30000; /* far from the fixture's responses */
	x.r.instrument_id = f->in_id;
	for (int i = 0; i < 25; i++) {
		x.r.id = 1000000 + i;
		assert_int_equal(tacc_add(acc, &x, f->in, sc, &f->err), HL_OK);
	}
	assert_int_equal(tacc_flush(acc, &f->err), HL_OK);
	tacc_free(acc);
	assert_int_equal(STORE(f->st, tallies, tally_scan, GRAIN_YEAR, false, 29000, 31000, sum_cb,
				 &got, &f->err),
		HL_OK);
	assert_int_equal(got.rows, 1);
	assert_true(got.n == 25 && got.s == 25 * 1001.0);
	assert_true(got.ss == 25 * 1002001.0);
}

/* What a rollup callback was handed: the merge of every call, or its bytes. */
struct handed {
	struct hl_rollup r;
	int calls;
};

static int hand_cb(void *ctx, int64_t unit_id, hl_day month, const unsigned char *data, size_t len)
{
	struct handed *h = ctx;

	(void)unit_id;
	(void)month;
	h->calls++;
	return hl_rollup_add_encoded(&h->r, data, len, NULL);
}

static unsigned char *encoded(const struct hl_rollup *r, size_t *len)
{
	unsigned char *b;

	*len = hl_rollup_encoded_size(r);
	b = hl_malloc(*len);
	assert_non_null(b);
	hl_rollup_encode(r, b);
	return b;
}

/* The sums of each unit's rollups over [first, last]: by rollup_sum, which
 * reads a whole year's key, and by merging rollup_scan's months; equal. */
static void sums_agree(struct fx *f, hl_day first, hl_day last)
{
	for (int u = 0; u < NUNITS; u++) {
		struct handed sum = {0}, scan = {0};
		unsigned char *a, *b;
		size_t na, nb;

		hl_rollup_init(&sum.r);
		hl_rollup_init(&scan.r);
		assert_int_equal(STORE(f->st, tallies, rollup_sum, &f->unit[u], 1, first, last,
					 hand_cb, &sum, &f->err),
			HL_OK);
		assert_int_equal(STORE(f->st, tallies, rollup_scan, &f->unit[u], 1, first, last,
					 hand_cb, &scan, &f->err),
			HL_OK);
		assert_int_equal(sum.calls, 1);
		assert_true(scan.calls > 1);
		a = encoded(&sum.r, &na);
		b = encoded(&scan.r, &nb);
		assert_true(na == nb && memcmp(a, b, na) == 0);
		hl_free(a);
		hl_free(b);
		hl_rollup_clear(&sum.r);
		hl_rollup_clear(&scan.r);
	}
}

/* Each response adds to its month's rollup and its year's (core/rollup.h):
 * a whole year read from its key is the sum of its months, written in one
 * pass or in many partitions with flushes between. */
static void test_year_rollups(void **state)
{
	struct fx *f = *state;
	hl_day y23, y24, end24;

	assert_true(hl_day_from_ymd(2023, 1, 1, &y23));
	assert_true(hl_day_from_ymd(2024, 1, 1, &y24));
	assert_true(hl_day_from_ymd(2024, 12, 31, &end24));
	for (int pass = 0; pass < 2; pass++) {
		assert_int_equal(STORE(f->st, tallies, rollup_clear, &f->err), HL_OK);
		assert_int_equal(tacc_compute(f->st, 0, f->first, f->last, pass == 0 ? 0 : 12, NULL,
					 NULL, &f->err),
			HL_OK);
		sums_agree(f, y24, end24);       /* a whole year */
		sums_agree(f, y23 + 200, end24); /* months of 2023, then 2024 whole */
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_passes_agree, setup, teardown),
		cmocka_unit_test_setup_teardown(test_matches_core, setup, teardown),
		cmocka_unit_test_setup_teardown(test_many_rollup_keys, setup, teardown),
		cmocka_unit_test_setup_teardown(test_large_sums_exact, setup, teardown),
		cmocka_unit_test_setup_teardown(test_year_rollups, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
