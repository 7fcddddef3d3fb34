/* test_dossq.c — the import's code set, and the timeliness stats against a brute force: random
 * dossiers (some re-saved, moving between classes) in a store, then for
 * whole-month and partial-month periods, moments before, inside and after
 * them and every grouping, dq_stats must equal classifying every dossier
 * with core/timeliness.h. This checks the stored sums (their SQL class rule
 * and their triggers) and the open-dossier correction together. */
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
#include "store/store.h"
#include "svc/codeset.h"
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
static void check(const struct dq_result *r, const struct hl_period *p, int64_t at,
	enum dq_by by)
{
	size_t seen = 0;

	for (size_t k = 0; k < r->nrows; k++) {
		struct tl_counts c = {{0}};

		for (int i = 0; i < NDOS; i++) {
			const struct store_dossier *d = &dos[i];
			const char *g = by == DQ_BY_CHANNEL ? d->channel :
				by == DQ_BY_PROCEDURE ? d->procedure : "";
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
		assert_int_equal(STORE(st, dossiers, dossier_save, &dos[i], &err), HL_OK);
	}
	/* Re-save a third, changed: the sums must follow. */
	for (int i = 0; i < NDOS; i += 3) {
		random_dossier(&dos[i], i, base);
		assert_int_equal(STORE(st, dossiers, dossier_save, &dos[i], &err), HL_OK);
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
				assert_int_equal(hl_period_parse(periods[k], &o.period, &err), HL_OK);
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

/* The import's duplicate check: every code once, through many growths. */
static void test_codeset(void **state)
{
	struct codeset *s = codeset_new();
	char code[32];
	bool seen;

	(void)state;
	assert_non_null(s);
	for (int i = 0; i < 100000; i++) {
		snprintf(code, sizeof(code), "HS-%d", i);
		assert_int_equal(codeset_add(s, code, &seen), HL_OK);
		assert_false(seen);
	}
	for (int i = 0; i < 100000; i += 7) {
		snprintf(code, sizeof(code), "HS-%d", i);
		assert_int_equal(codeset_add(s, code, &seen), HL_OK);
		assert_true(seen);
	}
	assert_int_equal(codeset_add(s, "", &seen), HL_OK);
	assert_false(seen);
	assert_int_equal(codeset_add(s, "HS-100000", &seen), HL_OK);
	assert_false(seen);
	codeset_free(s);
	codeset_free(NULL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_stats_brute_force),
		cmocka_unit_test(test_codeset),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
