/* test_store_copy.c — `hailong copy` under the store (store_copy.c) and its
 * checks (svc/copy.c): an office's SQLite file into the fixture's store
 * (PostgreSQL under store_copy_pg) and back into a new file, rows and ids
 * kept, text, doubles and blobs byte for byte, a unit whose parent has the
 * higher id, more rows than one page, a non-empty destination refused;
 * and `copy --merge`: two offices into one store, new ids and references
 * rewritten, a shared unit and instrument taken as the destination's, the
 * tallies of the rows added, the same office merged twice adding nothing. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/tally.h"
#include "store/store_copy.h"
#include "store_fixture.h"
#include "svc/copy.h"
#include "svc/tallyacc.h"

#define COMMENT "Cán bộ \"nhiệt tình\", chu đáo;\nsẽ quay lại"
#define AUDITS 5003 /* past one page of 5 000 */

/* A migrated SQLite store in a new temporary file, whatever HL_TEST_PG says. */
static struct store *open_file(char *path, size_t size)
{
	struct store *st = NULL;
	struct hl_err err = {0};
	int fd, v = 0;

	snprintf(path, size, "/tmp/hl-copy-test-XXXXXX");
	fd = mkstemp(path);
	assert_true(fd >= 0);
	close(fd);
	if (store_open(path, &st, &err) != HL_OK || store_migrate(st, &v, &err) != HL_OK)
		fail_msg("%s", err.msg);
	return st;
}

/* The source office: a unit under a parent made after it, a response, a
 * kiosk (a blob), a target (a double), a day's tallies and many audit rows. */
static void fill(struct fx *s)
{
	struct store_instrument in = {.version = 1};
	struct store_unit u;
	struct store_response r = {0};
	struct store_kiosk k = {0};
	struct store_target t = {.year = 2026, .value = 88.9};
	struct store_tally_row row = {0};
	int64_t child = fx_unit(s, "XA-A", "Phường Vĩnh Hải", 0), parent, batch;

	parent = fx_unit(s, "TP", "Thành phố Nha Trang", 0);
	OK(s, STORE(s->st, units, unit_get, "XA-A", &u, &s->err));
	u.parent_id = parent;
	OK(s, STORE(s->st, units, unit_put, &u, &s->err));
	assert_true(child < parent);

	snprintf(in.code, sizeof(in.code), "sipas-5");
	snprintf(in.name, sizeof(in.name), "Bộ câu hỏi");
	OK(s, STORE(s->st, instruments, instrument_put, &in, "{\"q\": \"Hài lòng?\"}", &s->err));
	OK(s, STORE(s->st, responses, batch_new, "import", "phieu.csv", &batch, &s->err));
	snprintf(r.ext_id, sizeof(r.ext_id), "P-1");
	r.unit_id = child;
	r.day = 20000;
	r.instrument_id = in.id;
	r.channel = CH_IMPORT;
	r.batch_id = batch;
	r.nanswers = 5;
	for (int i = 0; i < 5; i++)
		r.answers[i] = (unsigned char)(i == 2 ? 0 : i + 1);
	snprintf(r.comment, sizeof(r.comment), COMMENT);
	OK(s, STORE(s->st, responses, response_insert, &r, NULL, &s->err));

	snprintf(k.name, sizeof(k.name), "Quầy 1");
	k.unit_id = child;
	for (int i = 0; i < STORE_HASH_LEN; i++)
		k.token_hash[i] = (unsigned char)(i * 37); /* a zero byte among them */
	OK(s, STORE(s->st, accounts, kiosk_put, &k, &s->err));

	t.unit_id = child;
	snprintf(t.criterion, sizeof(t.criterion), "PV");
	OK(s, STORE(s->st, reports, target_set, &t, &s->err));

	row.unit_id = child;
	row.start = 20000;
	hl_tally_add(hl_tallyset_get(&row.set, "PV"), 3.25, 4);
	OK(s, STORE(s->st, tallies, tally_merge, GRAIN_DAY, &row, &s->err));

	OK(s, store_begin(s->st, &s->err));
	for (int i = 0; i < AUDITS; i++)
		OK(s, STORE(s->st, admin, audit, "cli:test", "test", "một dòng", &s->err));
	OK(s, store_commit(s->st, &s->err));
}

/* Everything fill() stored, read back from st. */
static void same_office(struct fx *f, struct store *st)
{
	struct store_unit child, parent;
	struct store_response r;
	struct store_kiosk k;
	struct store_target *t = NULL;
	size_t n = 0;
	unsigned char hash[STORE_HASH_LEN];

	OK(f, STORE(st, units, unit_get, "XA-A", &child, &f->err));
	OK(f, STORE(st, units, unit_get, "TP", &parent, &f->err));
	assert_int_equal(child.parent_id, parent.id);
	assert_string_equal(child.name, "Phường Vĩnh Hải");
	OK(f, STORE(st, responses, response_get_ext, child.id, "P-1", &r, &f->err));
	assert_string_equal(r.comment, COMMENT);
	assert_int_equal(r.nanswers, 5);
	assert_int_equal(r.answers[2], 0);
	assert_int_equal(r.answers[4], 5);
	for (int i = 0; i < STORE_HASH_LEN; i++)
		hash[i] = (unsigned char)(i * 37);
	OK(f, STORE(st, accounts, kiosk_get_token, hash, &k, &f->err));
	assert_string_equal(k.name, "Quầy 1");
	OK(f, STORE(st, reports, target_list, 2026, f->a, &t, &n, &f->err));
	assert_int_equal(n, 1);
	assert_true(t[0].value == 88.9);
}

static void copy_file(const char *from, const char *to)
{
	FILE *in = fopen(from, "rb"), *out = fopen(to, "wb");
	char buf[8192];
	size_t n;

	assert_non_null(in);
	assert_non_null(out);
	while ((n = fread(buf, 1, sizeof(buf), in)) > 0)
		assert_int_equal(fwrite(buf, 1, n, out), n);
	fclose(in);
	assert_int_equal(fclose(out), 0);
}

static void copy_ok(struct fx *f, struct store *src, struct store *dst, int64_t audits)
{
	struct copy_report rep;
	int64_t n = 0;

	OK(f,
		copy_run(src, dst, &(struct copy_opts){"cli:test", "nguồn", NULL, NULL, false},
			&rep, &f->err));
	assert_int_equal(rep.units, 2);
	assert_int_equal(rep.responses, 1);
	assert_int_equal(rep.tables, store_copy_ntables);
	for (int i = 0; i < store_copy_ntables; i++)
		if (strcmp(store_copy_tables[i], "audit_log") == 0) {
			OK(f, store_copy_count(dst, i, &n, &f->err));
			assert_int_equal(n, audits + 1); /* and the copy's own entry */
		}
}

static void test_copy_there_and_back(void **state)
{
	struct fx *f = *state, src = {0}, back = {0};
	struct copy_report rep;
	struct store_copy_sums a[STORE_COPY_GRAINS], b[STORE_COPY_GRAINS];
	int64_t fresh;

	src.st = open_file(src.path, sizeof(src.path));
	src.a = f->a;
	fill(&src);
	OK(f, store_copy_check(src.st, &f->err));
	OK(f, store_copy_check(f->st, &f->err));

	copy_ok(f, src.st, f->st, AUDITS);
	same_office(f, f->st);
	OK(f, store_copy_tally_sums(src.st, a, &f->err));
	OK(f, store_copy_tally_sums(f->st, b, &f->err));
	assert_int_equal(b[GRAIN_DAY].n, 1);
	assert_memory_equal(a, b, sizeof(a));

	/* the destination's next ids follow the copied ones */
	fresh = fx_unit(f, "XA-MOI", NULL, 0);
	assert_true(fresh > 2);

	/* a destination holding an office is refused, and left as it was */
	assert_int_equal(copy_run(src.st, f->st,
				 &(struct copy_opts){"cli:test", "nguồn", NULL, NULL, false}, &rep,
				 &f->err),
		HL_EEXIST);
	assert_non_null(strstr(f->err.msg, "3 đơn vị"));

	/* and back into a new file: the copy's copy is the office again */
	back.st = open_file(back.path, sizeof(back.path));
	OK(f, STORE(f->st, units, unit_get, "XA-MOI", &(struct store_unit){0}, &f->err));
	same_office(f, f->st);
	OK(f,
		copy_run(f->st, back.st, &(struct copy_opts){"cli:test", "nhận", NULL, NULL, false},
			&rep, &f->err));
	assert_int_equal(rep.units, 3);
	same_office(f, back.st);
	/* merged once more after that whole copy: every row is there already */
	OK(f,
		copy_run(f->st, back.st, &(struct copy_opts){"cli:test", "nhận", NULL, NULL, true},
			&rep, &f->err));
	assert_int_equal(rep.rows, 0);
	assert_true(rep.kept > AUDITS);

	store_close(back.st);
	fx_remove_db(back.path);
	store_close(src.st);
	fx_remove_db(src.path);
}

/* An office to merge: unit `code` under TP, the fixture's instrument, one
 * response P-1 (answers 4 and 5), kiosk `kiosk`, tallies from the response. */
static void office(struct fx *s, const char *code, const char *kiosk, int salt)
{
	struct store_instrument in = {.version = 1};
	struct store_unit u;
	struct store_response r = {0};
	struct store_kiosk k = {0};
	long count = 0;
	int64_t unit = fx_unit(s, code, NULL, 0), parent = fx_unit(s, "TP", "Thành phố", 0);

	OK(s, STORE(s->st, units, unit_get, code, &u, &s->err));
	u.parent_id = parent;
	OK(s, STORE(s->st, units, unit_put, &u, &s->err));
	snprintf(in.code, sizeof(in.code), "sipas-5");
	snprintf(in.name, sizeof(in.name), "Thử");
	OK(s, STORE(s->st, instruments, instrument_put, &in, fx_instrument_json, &s->err));
	snprintf(r.ext_id, sizeof(r.ext_id), "P-1");
	r.unit_id = unit;
	r.day = 20000;
	r.instrument_id = in.id;
	r.channel = CH_KIOSK;
	r.nanswers = 2;
	r.answers[0] = 4;
	r.answers[1] = 5;
	OK(s, STORE(s->st, responses, response_insert, &r, NULL, &s->err));
	snprintf(k.name, sizeof(k.name), "%s", kiosk);
	k.unit_id = unit;
	for (int i = 0; i < STORE_HASH_LEN; i++)
		k.token_hash[i] = (unsigned char)(i * salt);
	OK(s, STORE(s->st, accounts, kiosk_put, &k, &s->err));
	OK(s, tacc_rebuild(s->st, "cli:test", &count, &s->err));
	assert_int_equal(count, 1);
}

static struct copy_report merge(struct fx *f, struct store *src, struct store *dst)
{
	struct copy_report rep;

	OK(f,
		copy_run(src, dst, &(struct copy_opts){"cli:test", "nguồn", NULL, NULL, true}, &rep,
			&f->err));
	return rep;
}

static void test_copy_merge(void **state)
{
	struct fx *f = *state, a = {0}, b = {0};
	struct store *again = NULL;
	char twin[300];
	struct copy_report rep;
	struct store_unit xa, xb, tp;
	struct store_response ra, rb;
	struct store_kiosk k;
	struct store_copy_sums sums[STORE_COPY_GRAINS];
	unsigned char hash[STORE_HASH_LEN];

	a.st = open_file(a.path, sizeof(a.path));
	a.a = b.a = f->a;
	b.st = open_file(b.path, sizeof(b.path));
	office(&a, "XA-A", "Quầy 1", 37);
	office(&b, "XA-B", "Quầy 2", 41);

	rep = merge(f, a.st, f->st);
	assert_int_equal(rep.units, 2);
	assert_int_equal(rep.responses, 1);
	rep = merge(f, b.st, f->st);
	assert_int_equal(rep.units, 1); /* TP is the one A brought */
	assert_int_equal(rep.responses, 1);
	assert_true(rep.kept >= 2); /* TP and the instrument */

	OK(f, STORE(f->st, units, unit_get, "XA-A", &xa, &f->err));
	OK(f, STORE(f->st, units, unit_get, "XA-B", &xb, &f->err));
	OK(f, STORE(f->st, units, unit_get, "TP", &tp, &f->err));
	assert_int_equal(xa.parent_id, tp.id);
	assert_int_equal(xb.parent_id, tp.id);
	OK(f, STORE(f->st, responses, response_get_ext, xa.id, "P-1", &ra, &f->err));
	OK(f, STORE(f->st, responses, response_get_ext, xb.id, "P-1", &rb, &f->err));
	assert_true(ra.id != rb.id);
	assert_int_equal(ra.instrument_id, rb.instrument_id);
	assert_int_equal(rb.answers[1], 5);
	for (int i = 0; i < STORE_HASH_LEN; i++)
		hash[i] = (unsigned char)(i * 41);
	OK(f, STORE(f->st, accounts, kiosk_get_token, hash, &k, &f->err));
	assert_string_equal(k.name, "Quầy 2");
	assert_int_equal(k.unit_id, xb.id);
	OK(f, store_copy_tally_sums(f->st, sums, &f->err));
	assert_int_equal(sums[GRAIN_DAY].n, 2 * 3); /* two responses, TC, PV and the mean */

	/* the same office again: nothing added, nothing changed */
	rep = merge(f, b.st, f->st);
	assert_int_equal(rep.rows, 0);
	assert_int_equal(rep.responses, 0);
	OK(f, store_copy_tally_sums(f->st, sums, &f->err));
	assert_int_equal(sums[GRAIN_DAY].n, 2 * 3);

	/* what B gained since is added, and only that */
	fx_unit(&b, "XA-B2", NULL, 0);
	rep = merge(f, b.st, f->st);
	assert_int_equal(rep.units, 1);
	OK(f, STORE(f->st, units, unit_get, "XA-B2", &xb, &f->err));

	/* an office whose kiosk holds A's key under another name: the clash
	 * stops the merge, which changes nothing */
	{
		struct fx c = {0};
		int64_t before = 0, after = 0;

		c.st = open_file(c.path, sizeof(c.path));
		c.a = f->a;
		office(&c, "XA-C", "Quầy 3", 37);
		OK(f, store_copy_count(f->st, 0, &before, &f->err));
		assert_int_equal(copy_run(c.st, f->st,
					 &(struct copy_opts){"cli:test", "nguồn", NULL, NULL, true},
					 &rep, &f->err),
			HL_EEXIST);
		assert_non_null(strstr(f->err.msg, "bảng kiosks: dòng số 1"));
		OK(f, store_copy_count(f->st, 0, &after, &f->err));
		assert_int_equal(after, before);
		assert_int_equal(STORE(f->st, units, unit_get, "XA-C", &xb, &f->err), HL_ENOTFOUND);
		store_close(c.st);
		fx_remove_db(c.path);
	}

	/* a file copied whole is the same database: merging one into the other is refused */
	store_close(a.st);
	snprintf(twin, sizeof(twin), "%s-twin", a.path);
	copy_file(a.path, twin);
	OK(f, store_open(a.path, &a.st, &f->err));
	OK(f, store_open(twin, &again, &f->err));
	assert_int_equal(copy_run(again, a.st,
				 &(struct copy_opts){"cli:test", "nguồn", NULL, NULL, true}, &rep,
				 &f->err),
		HL_EINVAL);
	assert_non_null(strstr(f->err.msg, "cùng một cơ sở dữ liệu"));
	store_close(again);
	fx_remove_db(twin);
	store_close(b.st);
	fx_remove_db(b.path);
	store_close(a.st);
	fx_remove_db(a.path);
}

int main(void)
{
	struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_copy_there_and_back, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_copy_merge, fx_setup, fx_teardown),
	};

	return FX_RUN(tests);
}
