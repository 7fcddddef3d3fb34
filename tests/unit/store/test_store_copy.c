/* test_store_copy.c — `hailong copy` under the store (store_copy.c) and its
 * checks (svc/copy.c): an office's SQLite file into the fixture's store
 * (PostgreSQL under store_copy_pg) and back into a new file, rows and ids
 * kept, text, doubles and blobs byte for byte, a unit whose parent has the
 * higher id, more rows than one page, a non-empty destination refused. */
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

static void copy_ok(struct fx *f, struct store *src, struct store *dst, int64_t audits)
{
	struct copy_report rep;
	int64_t n = 0;

	OK(f,
		copy_run(src, dst, &(struct copy_opts){"cli:test", "nguồn", NULL, NULL}, &rep,
			&f->err));
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
				 &(struct copy_opts){"cli:test", "nguồn", NULL, NULL}, &rep,
				 &f->err),
		HL_EEXIST);
	assert_non_null(strstr(f->err.msg, "3 đơn vị"));

	/* and back into a new file: the copy's copy is the office again */
	back.st = open_file(back.path, sizeof(back.path));
	OK(f, STORE(f->st, units, unit_get, "XA-MOI", &(struct store_unit){0}, &f->err));
	same_office(f, f->st);
	OK(f,
		copy_run(f->st, back.st, &(struct copy_opts){"cli:test", "nhận", NULL, NULL}, &rep,
			&f->err));
	assert_int_equal(rep.units, 3);
	same_office(f, back.st);

	store_close(back.st);
	fx_remove_db(back.path);
	store_close(src.st);
	fx_remove_db(src.path);
}

int main(void)
{
	struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_copy_there_and_back, fx_setup, fx_teardown),
	};

	return FX_RUN(tests);
}
