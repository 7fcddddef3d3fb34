/* test_dossq.c — the import's code set, and the timeliness stats against a brute force: random
 * dossiers (some re-saved, moving between classes) in a store, then for
 * whole-month and partial-month periods, moments before, inside and after
 * them and every grouping, dq_stats must equal classifying every dossier
 * with core/timeliness.h. This checks the stored sums (the class svc
 * stores, the triggers adding it up) and the open-dossier correction
 * together; and that the class in the sums is the one svc stored, never
 * one computed in SQL. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/arena.h"
#include "core/date.h"
#include "store/store.h"
#include "svc/lookup.h"
#include "svc/dossq.h"

#define NDOS 3000
#define NUNITS 3

static const char *const procs[] = {"Khai sinh", "Kết hôn", "Thường trú", ""};
static const char *const chans[] = {"online", "direct", "post"};

static struct store_dossier dos[NDOS];
static int64_t unit_ids[NUNITS];

static uint64_t rng = 88172645463325252ULL;

static int64_t rnd(int64_t n)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (int64_t)(rng % (uint64_t)n);
}

static void random_dossier(struct store_dossier *d, int i, int64_t base)
{
	d->unit_id = unit_ids[rnd(NUNITS)];
	d->field_id = 0;
	snprintf(d->code, sizeof(d->code), "D%05d", i);
	snprintf(d->procedure, sizeof(d->procedure), "%s", procs[rnd(4)]);
	snprintf(d->channel, sizeof(d->channel), "%s", chans[rnd(3)]);
	/* Received over about 100 days from base, due 0-10 days later. */
	d->received_at = base + rnd(100 * 1440);
	d->due_at = d->received_at + rnd(10 * 1440);
	d->finished_at = rnd(5) == 0 ? -1 : d->received_at + rnd(14 * 1440);
	d->returned_at = -1;
	d->submitted_at = -1;
}

/* Brute force: the counts per (unit, group) of every dossier received in
 * period and by at; compared with r's rows. */
static void check(const struct dq_result *r, const struct hl_period *p, int64_t at, enum dq_by by)
{
	size_t seen = 0;

	for (size_t k = 0; k < r->nrows; k++) {
		struct tl_counts c = {{0}};

		for (int i = 0; i < NDOS; i++) {
			const struct store_dossier *d = &dos[i];
			const char *g = by == DQ_BY_CHANNEL ? d->channel :
				by == DQ_BY_PROCEDURE       ? d->procedure :
							      "";
			enum tl_class cls;

			if (d->unit_id != r->rows[k].unit->id || strcmp(g, r->rows[k].group) != 0 ||
				d->received_at < (int64_t)p->first * 1440 ||
				d->received_at >= ((int64_t)p->last + 1) * 1440)
				continue;
			cls = tl_classify(d->received_at, d->due_at, d->finished_at, at);
			if (cls != TL_NONE)
				c.n[cls]++;
		}
		for (int cl = TL_EARLY; cl < TL_NCLASS; cl++)
			if (c.n[cl] != r->rows[k].c.n[cl])
				fail_msg("unit %s group '%s' class %s: want %lld, got %lld",
					r->rows[k].unit->code, r->rows[k].group, tl_class_name(cl),
					(long long)c.n[cl], (long long)r->rows[k].c.n[cl]);
		seen += (size_t)tl_total(&c);
	}
	/* Nothing left out: every dossier in the period is in some row. */
	{
		size_t all = 0;

		for (int i = 0; i < NDOS; i++)
			all += dos[i].received_at >= (int64_t)p->first * 1440 &&
				dos[i].received_at < ((int64_t)p->last + 1) * 1440 &&
				dos[i].received_at <= at;
		assert_int_equal(seen, all);
	}
}

static void test_stats_brute_force(void **state)
{
	static const char *const periods[] = {"2025-03", "2025-Q1", "2025-02-15..2025-04-14",
		"2025-03-10..2025-03-20", "2025"};
	char path[64];
	struct store *st = NULL;
	struct hl_err err;
	int64_t base, lo;
	int version, fd;

	(void)state;
	snprintf(path, sizeof(path), "/tmp/hl-dossq-XXXXXX");
	fd = mkstemp(path);
	assert_true(fd >= 0);
	close(fd);
	unlink(path);
	assert_int_equal(store_open(path, &st, &err), HL_OK);
	assert_int_equal(store_migrate(st, &version, &err), HL_OK);
	for (int u = 0; u < NUNITS; u++) {
		struct store_unit su = {0};

		snprintf(su.code, sizeof(su.code), "U%d", u);
		snprintf(su.name, sizeof(su.name), "Đơn vị %d", u);
		snprintf(su.type, sizeof(su.type), "ubnd-xa");
		su.valid_from = su.valid_to = HL_DAY_NONE;
		assert_int_equal(STORE(st, units, unit_put, &su, &err), HL_OK);
		unit_ids[u] = su.id;
	}
	assert_true(hl_minute_parse("2025-01-20 00:00", &base));
	assert_int_equal(store_begin(st, &err), HL_OK);
	for (int i = 0; i < NDOS; i++) {
		random_dossier(&dos[i], i, base);
		assert_int_equal(dq_save(st, &dos[i], &err), HL_OK);
	}
	/* Re-save a third, changed: the sums must follow. */
	for (int i = 0; i < NDOS; i += 3) {
		random_dossier(&dos[i], i, base);
		assert_int_equal(dq_save(st, &dos[i], &err), HL_OK);
	}
	assert_int_equal(store_commit(st, &err), HL_OK);

	lo = base;
	for (size_t k = 0; k < sizeof(periods) / sizeof(periods[0]); k++)
		for (int j = 0; j < 5; j++)
			for (int by = DQ_BY_NONE; by <= DQ_BY_CHANNEL; by++) {
				struct hl_arena *a;
				struct dq_opts o = {0};
				struct dq_result *r = NULL;

				if (by == DQ_BY_FIELD)
					continue;
				a = hl_arena_new((size_t)64 << 20);
				assert_non_null(a);
				assert_int_equal(hl_period_parse(periods[k], &o.period, &err),
					HL_OK);
				o.by = (enum dq_by)by;
				/* Before, inside and long after the dossiers. */
				o.at = j == 4 ? lo + 400 * 1440 : lo + j * 30 * 1440 + rnd(1440);
				assert_int_equal(dq_stats(st, a, &o, &r, &err), HL_OK);
				check(r, &o.period, o.at, o.by);
				hl_arena_free(a);
			}
	store_close(st);
	unlink(path);
}

static int sum_one(void *ctx, const struct store_dossier_sum *s)
{
	int64_t *n = ctx;

	n[TL_EARLY] += s->early;
	n[TL_ON_TIME] += s->on_time;
	n[TL_LATE] += s->late;
	return 0;
}

/* dq_save stores the core's class (finished on an earlier day: early; on
 * the due day by due_at: on time; after: late) and the sums count the
 * stored class as given: a class the store was handed is summed as it is,
 * the store computes none; a finished dossier without one is refused. */
static void test_class_stored(void **state)
{
	char path[64];
	struct store *st = NULL;
	struct store_unit su = {.valid_from = HL_DAY_NONE, .valid_to = HL_DAY_NONE};
	struct store_dossier d = {.returned_at = -1, .submitted_at = -1};
	const int64_t fin[] = {-1440, 0, 1}; /* a day before due, at due, a minute after */
	struct hl_err err;
	int64_t due, n[TL_NCLASS] = {0};
	int version, fd, m;

	(void)state;
	snprintf(path, sizeof(path), "/tmp/hl-dossq-XXXXXX");
	fd = mkstemp(path);
	assert_true(fd >= 0);
	close(fd);
	unlink(path);
	assert_int_equal(store_open(path, &st, &err), HL_OK);
	assert_int_equal(store_migrate(st, &version, &err), HL_OK);
	snprintf(su.code, sizeof(su.code), "VT");
	snprintf(su.name, sizeof(su.name), "Vĩnh Thọ");
	snprintf(su.type, sizeof(su.type), "ubnd-xa");
	assert_int_equal(STORE(st, units, unit_put, &su, &err), HL_OK);
	assert_true(hl_minute_parse("2025-03-14 16:30", &due));
	d.unit_id = su.id;
	snprintf(d.channel, sizeof(d.channel), "direct");
	d.received_at = due - 5 * 1440;
	d.due_at = due;
	for (int i = 0; i < 3; i++) {
		snprintf(d.code, sizeof(d.code), "HS-%d", i);
		d.finished_at = due + fin[i];
		assert_int_equal(dq_save(st, &d, &err), HL_OK);
		assert_int_equal(d.cls, TL_EARLY + i);
	}
	/* the store sums what it is given (the old triggers computed early here) */
	snprintf(d.code, sizeof(d.code), "HS-given");
	d.finished_at = due - 1440;
	d.cls = TL_LATE;
	assert_int_equal(STORE(st, dossiers, dossier_save, &d, &err), HL_OK);
	d.cls = 0;
	snprintf(d.code, sizeof(d.code), "HS-none");
	assert_int_equal(STORE(st, dossiers, dossier_save, &d, &err), HL_EINVAL);
	m = 2025 * 12 + 2;
	assert_int_equal(STORE(st, dossiers, dossier_sum_scan, 0, false, m, m, sum_one, n, &err),
		HL_OK);
	assert_int_equal(n[TL_EARLY], 1);
	assert_int_equal(n[TL_ON_TIME], 1);
	assert_int_equal(n[TL_LATE], 2);
	/* re-saved unfinished: out of the sums */
	snprintf(d.code, sizeof(d.code), "HS-2");
	d.finished_at = -1;
	assert_int_equal(dq_save(st, &d, &err), HL_OK);
	assert_int_equal(d.cls, TL_NONE);
	memset(n, 0, sizeof(n));
	assert_int_equal(STORE(st, dossiers, dossier_sum_scan, 0, true, m, m, sum_one, n, &err),
		HL_OK);
	assert_int_equal(n[TL_LATE], 1);
	store_close(st);
	unlink(path);
}

/* The codes of a file, in order: 0..n-1, then every 7th again. */
static void code_at(int k, int n, char *code, size_t size)
{
	snprintf(code, size, "HS-%d", k < n ? k : (k - n) * 7);
}

/* The import's duplicate check (lookup.h): a filter far too small for the
 * file leaves many false suspects; the recount still finds exactly the
 * codes met twice, each at its second place. A filter of the file's size
 * leaves none. */
static void test_dupset(void **state)
{
	enum { N = 200000, REPEATS = (N + 6) / 7 };
	struct dupset *s = dupset_new(1);
	char code[32];
	bool dup;
	int dups = 0;

	(void)state;
	assert_non_null(s);
	for (int k = 0; k < N + REPEATS; k++) {
		code_at(k, N, code, sizeof(code));
		assert_int_equal(dupset_add(s, code), HL_OK);
	}
	dupset_checked(s);
	assert_true(dupset_suspects(s));
	for (int k = 0; k < N + REPEATS; k++) {
		code_at(k, N, code, sizeof(code));
		dupset_recount(s, code, &dup);
		if (k < N)
			assert_false(dup);
		else
			assert_true(dup);
		dups += dup;
	}
	assert_int_equal(dups, REPEATS);
	dupset_free(s);

	s = dupset_new((size_t)N * 20); /* 20 bytes a row */
	assert_non_null(s);
	for (int k = 0; k < N; k++) {
		code_at(k, N, code, sizeof(code));
		assert_int_equal(dupset_add(s, code), HL_OK);
	}
	dupset_checked(s);
	assert_false(dupset_suspects(s));
	dupset_recount(s, "HS-7", &dup);
	assert_false(dup);
	dupset_free(s);
	dupset_free(NULL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_stats_brute_force),
		cmocka_unit_test(test_dupset),
		cmocka_unit_test(test_class_stored),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
