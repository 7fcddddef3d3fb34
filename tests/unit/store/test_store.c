/* test_store.c — the conformance suite of the storage interface: written only
 * against store/store.h, so it runs unchanged against every backend. Each
 * test gets a fresh, migrated store in a temporary file, removed afterwards
 * with its -wal and -shm companions. */
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
#include "store_fixture.h"

static int64_t add_instrument(struct fx *f, const char *code, int version, const char *json)
{
	struct store_instrument in = {.version = version};

	snprintf(in.code, sizeof(in.code), "%s", code);
	snprintf(in.name, sizeof(in.name), "Bộ câu hỏi %s", code);
	OK(f, STORE(f->st, instruments, instrument_put, &in, json, &f->err));
	assert_true(in.id > 0);
	return in.id;
}

static void test_open_errors(void **state)
{
	struct store *st = (struct store *)&st;
	struct hl_err err;
	char path[64];
	FILE *fp;
	int fd, rc, v;

	(void)state;
	/* no PostgreSQL server there: PostgreSQL's reason, and no password in
	 * the message */
	assert_int_equal(store_open("postgresql://u:bi-mat@127.0.0.1:1/hl", &st, &err), HL_EIO);
	assert_null(st);
	assert_non_null(strstr(err.msg, "PostgreSQL"));
	assert_null(strstr(err.msg, "bi-mat"));
	assert_int_equal(store_open("", &st, &err), HL_EINVAL);
	assert_int_equal(store_open("/khong-co-thu-muc-nay/x/hl.db", &st, &err), HL_EIO);
	assert_null(st);
	assert_non_null(strstr(err.msg, "/khong-co-thu-muc-nay/x"));

	/* a file that is not a database: refused at open or at migrate, as damaged */
	snprintf(path, sizeof(path), "/tmp/hl-store-bad-XXXXXX");
	fd = mkstemp(path);
	assert_true(fd >= 0);
	fp = fdopen(fd, "w");
	assert_non_null(fp);
	for (int i = 0; i < 200; i++)
		fputs("đây không phải cơ sở dữ liệu\n", fp);
	fclose(fp);
	rc = store_open(path, &st, &err);
	if (rc == HL_OK) {
		rc = store_migrate(st, &v, &err);
		store_close(st);
	}
	fx_remove_db(path);
	assert_int_equal(rc, HL_ECORRUPT);
	assert_true(err.msg[0] != '\0');
	store_close(NULL);
}

static void test_migrate_twice(void **state)
{
	struct fx *f = *state;
	struct store_unit u;
	int v1 = 0, v2 = 0, v3 = 0;

	OK(f, store_migrate(f->st, &v1, &f->err));
	OK(f, store_migrate(f->st, &v2, &f->err));
	assert_true(v1 >= 1);
	assert_int_equal(v1, v2);
	assert_ptr_equal(store_ops(f->st), f->st->ops);
	assert_non_null(store_ops(f->st)->name);

	/* data survives closing, reopening and migrating again */
	fx_unit(f, "VT", "Phường Vĩnh Trường", 0);
	store_close(f->st);
	f->st = NULL;
	OK(f, store_open(f->path, &f->st, &f->err));
	OK(f, store_migrate(f->st, &v3, &f->err));
	assert_int_equal(v3, v1);
	OK(f, STORE(f->st, units, unit_get, "VT", &u, &f->err));
	assert_string_equal(u.name, "Phường Vĩnh Trường");
}

/* A unit's contact: none until put, then what was put, replaced whole. */
static void test_unit_contact(void **state)
{
	struct fx *f = *state;
	int64_t id = fx_unit(f, "VH", "Phường Vĩnh Hải", 0);
	struct store_unit_contact c = {.unit_id = id}, got;

	assert_int_equal(STORE(f->st, units, contact_get, id, &got, &f->err), HL_ENOTFOUND);
	snprintf(c.hotline, sizeof(c.hotline), "0258 3822 123");
	snprintf(c.address, sizeof(c.address), "Số 1 đường Yersin, Nha Trang");
	OK(f, STORE(f->st, units, contact_put, &c, &f->err));
	OK(f, STORE(f->st, units, contact_get, id, &got, &f->err));
	assert_int_equal(got.unit_id, id);
	assert_string_equal(got.hotline, "0258 3822 123");
	assert_string_equal(got.address, "Số 1 đường Yersin, Nha Trang");
	assert_string_equal(got.email, "");
	c.hotline[0] = '\0';
	snprintf(c.email, sizeof(c.email), "ubnd@vinhhai.gov.vn");
	OK(f, STORE(f->st, units, contact_put, &c, &f->err));
	OK(f, STORE(f->st, units, contact_get, id, &got, &f->err));
	assert_string_equal(got.hotline, "");
	assert_string_equal(got.email, "ubnd@vinhhai.gov.vn");
}

static void test_units(void **state)
{
	struct fx *f = *state;
	struct store_unit u = {.valid_from = HL_DAY_NONE, .valid_to = HL_DAY_NONE}, got, *list;
	struct store_lineage l, *ll;
	int64_t root, id;
	size_t n;

	root = fx_unit(f, "NT", "Thành phố Nha Trang", 0);
	snprintf(u.code, sizeof(u.code), "VH");
	snprintf(u.name, sizeof(u.name), "Phường Vĩnh Hải");
	snprintf(u.type, sizeof(u.type), "ubnd-xa");
	u.parent_id = root;
	u.valid_to = 20000;
	OK(f, STORE(f->st, units, unit_put, &u, &f->err));
	id = u.id;
	assert_true(id > 0 && id != root);

	OK(f, STORE(f->st, units, unit_get, "VH", &got, &f->err));
	assert_int_equal(got.id, id);
	assert_string_equal(got.name, "Phường Vĩnh Hải");
	assert_string_equal(got.type, "ubnd-xa");
	assert_int_equal(got.parent_id, root);
	assert_int_equal(got.valid_from, HL_DAY_NONE);
	assert_int_equal(got.valid_to, 20000);

	/* put by the same code updates in place */
	snprintf(u.name, sizeof(u.name), "Phường Vĩnh Hải (mới)");
	u.valid_from = 100;
	u.valid_to = HL_DAY_NONE;
	u.id = 0;
	OK(f, STORE(f->st, units, unit_put, &u, &f->err));
	assert_int_equal(u.id, id);
	OK(f, STORE(f->st, units, unit_get, "VH", &got, &f->err));
	assert_string_equal(got.name, "Phường Vĩnh Hải (mới)");
	assert_int_equal(got.valid_from, 100);
	assert_int_equal(got.valid_to, HL_DAY_NONE);

	assert_int_equal(STORE(f->st, units, unit_get, "KHONGCO", &got, &f->err), HL_ENOTFOUND);
	assert_non_null(strstr(f->err.msg, "KHONGCO"));
	u.code[0] = '\0';
	assert_int_equal(STORE(f->st, units, unit_put, &u, &f->err), HL_EINVAL);

	fx_unit(f, "AB", "Phường An Bình", root);
	OK(f, STORE(f->st, units, unit_list, f->a, &list, &n, &f->err));
	assert_int_equal(n, 3);
	assert_string_equal(list[0].code, "AB");
	assert_string_equal(list[1].code, "NT");
	assert_string_equal(list[2].code, "VH");
	assert_int_equal(list[0].parent_id, root);
	assert_int_equal(list[1].parent_id, 0);

	OK(f, STORE(f->st, units, lineage_list, f->a, &ll, &n, &f->err));
	assert_int_equal(n, 0);
	l = (struct store_lineage){.new_id = root, .old_id = id, .day = 19000};
	OK(f, STORE(f->st, units, lineage_add, &l, &f->err));
	l.day = 19001;
	OK(f, STORE(f->st, units, lineage_add, &l, &f->err));
	OK(f, STORE(f->st, units, lineage_list, f->a, &ll, &n, &f->err));
	assert_int_equal(n, 1);
	assert_int_equal(ll[0].new_id, root);
	assert_int_equal(ll[0].old_id, id);
	assert_int_equal(ll[0].day, 19001);
}

static void test_list_arena_cap(void **state)
{
	struct fx *f = *state;
	struct hl_arena *small = hl_arena_new(1024);
	struct store_unit *list;
	size_t n;
	char code[16];

	assert_non_null(small);
	for (int i = 0; i < 20; i++) {
		snprintf(code, sizeof(code), "U%02d", i);
		fx_unit(f, code, "Đơn vị", 0);
	}
	assert_int_equal(STORE(f->st, units, unit_list, small, &list, &n, &f->err), HL_ENOMEM);
	hl_arena_free(small);
	OK(f, STORE(f->st, units, unit_list, f->a, &list, &n, &f->err));
	assert_int_equal(n, 20);
}

static void test_fields_staff(void **state)
{
	struct fx *f = *state;
	struct store_field fd = {0}, *fl;
	struct store_staff sf = {0}, *sl;
	int64_t unit = fx_unit(f, "VT", "Phường Vĩnh Trường", 0), fid;
	size_t n;

	snprintf(fd.code, sizeof(fd.code), "tu-phap");
	snprintf(fd.name, sizeof(fd.name), "Tư pháp – hộ tịch");
	OK(f, STORE(f->st, units, field_put, &fd, &f->err));
	fid = fd.id;
	assert_true(fid > 0);
	snprintf(fd.name, sizeof(fd.name), "Tư pháp, hộ tịch");
	OK(f, STORE(f->st, units, field_put, &fd, &f->err));
	assert_int_equal(fd.id, fid);
	snprintf(fd.code, sizeof(fd.code), "dat-dai");
	snprintf(fd.name, sizeof(fd.name), "Đất đai");
	OK(f, STORE(f->st, units, field_put, &fd, &f->err));
	assert_int_not_equal(fd.id, fid);
	OK(f, STORE(f->st, units, field_list, f->a, &fl, &n, &f->err));
	assert_int_equal(n, 2);
	assert_string_equal(fl[0].code, "dat-dai");
	assert_string_equal(fl[1].code, "tu-phap");
	assert_string_equal(fl[1].name, "Tư pháp, hộ tịch");
	assert_int_equal(fl[1].id, fid);
	fd.code[0] = '\0';
	assert_int_equal(STORE(f->st, units, field_put, &fd, &f->err), HL_EINVAL);

	snprintf(sf.code, sizeof(sf.code), "CB01");
	snprintf(sf.name, sizeof(sf.name), "Nguyễn Thị Ánh");
	snprintf(sf.position, sizeof(sf.position), "Công chức một cửa");
	sf.unit_id = unit;
	OK(f, STORE(f->st, units, staff_put, &sf, &f->err));
	assert_true(sf.id > 0);
	snprintf(sf.position, sizeof(sf.position), "Trưởng bộ phận");
	OK(f, STORE(f->st, units, staff_put, &sf, &f->err));
	snprintf(sf.code, sizeof(sf.code), "CB00");
	sf.unit_id = 0;
	OK(f, STORE(f->st, units, staff_put, &sf, &f->err));
	OK(f, STORE(f->st, units, staff_list, f->a, &sl, &n, &f->err));
	assert_int_equal(n, 2);
	assert_string_equal(sl[0].code, "CB00");
	assert_int_equal(sl[0].unit_id, 0);
	assert_string_equal(sl[1].code, "CB01");
	assert_string_equal(sl[1].name, "Nguyễn Thị Ánh");
	assert_string_equal(sl[1].position, "Trưởng bộ phận");
	assert_int_equal(sl[1].unit_id, unit);
}

static void test_instruments(void **state)
{
	struct fx *f = *state;
	struct store_instrument in = {.version = 1}, got, *list;
	const char *j1 = "{\"code\":\"sipas-5\",\"version\":1}";
	const char *j2 = "{\"code\":\"sipas-5\",\"version\":2}";
	char *json = NULL;
	int64_t id1, id2;
	size_t n;

	id1 = add_instrument(f, "sipas-5", 1, j1);
	/* the same definition again: accepted, same id */
	assert_int_equal(add_instrument(f, "sipas-5", 1, j1), id1);
	/* a different definition under the same version: refused */
	snprintf(in.code, sizeof(in.code), "sipas-5");
	assert_int_equal(STORE(f->st, instruments, instrument_put, &in, "{\"khác\":true}", &f->err),
		HL_EEXIST);
	assert_non_null(strstr(f->err.msg, "sipas-5"));
	id2 = add_instrument(f, "sipas-5", 2, j2);
	assert_int_not_equal(id1, id2);
	add_instrument(f, "khanh-hoa-6", 1, "{}");
	add_instrument(f, "a-thu", 3, "{}");

	OK(f, STORE(f->st, instruments, instrument_get, "sipas-5", 0, f->a, &got, &json, &f->err));
	assert_int_equal(got.id, id2);
	assert_int_equal(got.version, 2);
	assert_string_equal(got.code, "sipas-5");
	assert_string_equal(got.name, "Bộ câu hỏi sipas-5");
	assert_string_equal(json, j2);
	OK(f, STORE(f->st, instruments, instrument_get, "sipas-5", 1, f->a, &got, &json, &f->err));
	assert_int_equal(got.id, id1);
	assert_string_equal(json, j1);
	OK(f, STORE(f->st, instruments, instrument_get, "sipas-5", 1, f->a, &got, NULL, &f->err));
	assert_int_equal(got.version, 1);
	assert_int_equal(STORE(f->st, instruments, instrument_get, "sipas-5", 3, f->a, &got, &json,
				 &f->err),
		HL_ENOTFOUND);
	assert_int_equal(STORE(f->st, instruments, instrument_get, "khong-co", 0, f->a, &got, &json,
				 &f->err),
		HL_ENOTFOUND);
	assert_non_null(strstr(f->err.msg, "khong-co"));

	OK(f, STORE(f->st, instruments, instrument_get_id, id1, f->a, &got, &json, &f->err));
	assert_int_equal(got.version, 1);
	assert_string_equal(json, j1);
	assert_int_equal(STORE(f->st, instruments, instrument_get_id, id2 + 100, f->a, &got, &json,
				 &f->err),
		HL_ENOTFOUND);

	OK(f, STORE(f->st, instruments, instrument_list, f->a, &list, &n, &f->err));
	assert_int_equal(n, 4);
	assert_string_equal(list[0].code, "a-thu");
	assert_int_equal(list[0].version, 3);
	assert_string_equal(list[1].code, "khanh-hoa-6");
	assert_string_equal(list[2].code, "sipas-5");
	assert_int_equal(list[2].version, 1);
	assert_string_equal(list[3].code, "sipas-5");
	assert_int_equal(list[3].version, 2);
}

/* Fill a response of unit on day. */
static void make_response(struct store_response *r, const char *ext, int64_t unit, hl_day day,
	int64_t instrument, int64_t batch)
{
	memset(r, 0, sizeof(*r));
	snprintf(r->ext_id, sizeof(r->ext_id), "%s", ext);
	r->unit_id = unit;
	r->day = day;
	r->instrument_id = instrument;
	r->channel = CH_IMPORT;
	r->batch_id = batch;
	r->nanswers = 5;
	for (int i = 0; i < r->nanswers; i++)
		r->answers[i] = (unsigned char)(i % 6);
}

struct collect {
	int n, stop_after;
	int64_t ids[16];
	hl_day days[16];
	struct store_response first;
};

static int collect_cb(void *ctx, const struct store_response *r)
{
	struct collect *c = ctx;

	if (c->n == 0)
		c->first = *r;
	if (c->n < 16) {
		c->ids[c->n] = r->id;
		c->days[c->n] = r->day;
	}
	c->n++;
	return c->stop_after > 0 && c->n >= c->stop_after ? 42 : 0;
}

struct core_collect {
	int n;
	int64_t ids[8], unit[8], field[8];
	hl_day day[8];
	int nanswers[8], answer2[8];
};

static int core_cb(void *ctx, const struct store_response_core *r)
{
	struct core_collect *c = ctx;

	if (c->n < 8) {
		c->ids[c->n] = r->id;
		c->unit[c->n] = r->unit_id;
		c->field[c->n] = r->field_id;
		c->day[c->n] = r->day;
		c->nanswers[c->n] = r->nanswers;
		c->answer2[c->n] = r->nanswers > 2 ? r->answers[2] : -1;
	}
	c->n++;
	return 0;
}

static void test_responses(void **state)
{
	struct fx *f = *state;
	struct store_response r;
	struct store_field fd = {0};
	struct store_staff sf = {0};
	struct collect c;
	int64_t u1 = fx_unit(f, "VT", "Phường Vĩnh Trường", 0);
	int64_t u2 = fx_unit(f, "VH", "Phường Vĩnh Hải", 0);
	int64_t ins = add_instrument(f, "sipas-5", 1, "{}");
	int64_t b1, b2, existing = -1, count, id_first, id_third;

	OK(f, STORE(f->st, responses, batch_new, "import", "phieu.csv", &b1, &f->err));
	OK(f, STORE(f->st, responses, batch_new, "kiosk", "", &b2, &f->err));
	assert_true(b1 > 0 && b2 > 0 && b1 != b2);
	snprintf(fd.code, sizeof(fd.code), "tu-phap");
	snprintf(fd.name, sizeof(fd.name), "Tư pháp");
	OK(f, STORE(f->st, units, field_put, &fd, &f->err));
	snprintf(sf.code, sizeof(sf.code), "CB01");
	snprintf(sf.name, sizeof(sf.name), "Lê Văn Bình");
	OK(f, STORE(f->st, units, staff_put, &sf, &f->err));

	make_response(&r, "P-001", u1, 19000, ins, b1);
	r.field_id = fd.id;
	r.staff_id = sf.id;
	snprintf(r.dossier, sizeof(r.dossier), "HS-77");
	snprintf(r.comment, sizeof(r.comment), "Cán bộ \"nhiệt tình\", chu đáo;\nsẽ quay lại");
	OK(f, STORE(f->st, responses, response_insert, &r, &existing, &f->err));
	assert_true(r.id > 0);
	assert_int_equal(existing, 0);
	id_first = r.id;

	/* the same ext_id again in the unit, even from another batch: refused,
	 * names the batch (another unit's ids: test_response_ids_per_unit) */
	make_response(&r, "P-001", u1, 19001, ins, b2);
	assert_int_equal(STORE(f->st, responses, response_insert, &r, &existing, &f->err),
		HL_EEXIST);
	assert_int_equal(existing, b1);
	assert_non_null(strstr(f->err.msg, "P-001"));
	assert_int_equal(STORE(f->st, responses, response_insert, &r, NULL, &f->err), HL_EEXIST);

	/* no ext_id: never a duplicate */
	make_response(&r, "", u1, 19005, ins, b2);
	OK(f, STORE(f->st, responses, response_insert, &r, NULL, &f->err));
	make_response(&r, "", u1, 19010, ins, b2);
	OK(f, STORE(f->st, responses, response_insert, &r, NULL, &f->err));
	/* not id_first + 2: a refused duplicate may use up an id (PostgreSQL) */
	id_third = r.id;
	make_response(&r, "P-002", u2, 19005, ins, b2);
	r.nanswers = 0;
	OK(f, STORE(f->st, responses, response_insert, &r, NULL, &f->err));
	make_response(&r, "P-003", u1, 18999, ins, b2);
	OK(f, STORE(f->st, responses, response_insert, &r, NULL, &f->err));
	make_response(&r, "P-004", u1, 19000, ins, b2);
	r.nanswers = STORE_ANSWERS_MAX + 1;
	assert_int_equal(STORE(f->st, responses, response_insert, &r, NULL, &f->err), HL_EINVAL);
	/* a unit that does not exist is refused */
	make_response(&r, "P-005", u2 + 1000, 19000, ins, b2);
	assert_int_not_equal(STORE(f->st, responses, response_insert, &r, NULL, &f->err), HL_OK);

	/* unit u1, days [19000, 19005]: the first and the third response */
	memset(&c, 0, sizeof(c));
	OK(f, STORE(f->st, responses, response_scan, u1, 19000, 19005, collect_cb, &c, &f->err));
	assert_int_equal(c.n, 2);
	assert_int_equal(c.ids[0], id_first);
	assert_true(c.ids[0] < c.ids[1]);
	assert_int_equal(c.days[1], 19005);
	assert_string_equal(c.first.ext_id, "P-001");
	assert_int_equal(c.first.unit_id, u1);
	assert_int_equal(c.first.instrument_id, ins);
	assert_int_equal(c.first.channel, CH_IMPORT);
	assert_int_equal(c.first.field_id, fd.id);
	assert_int_equal(c.first.staff_id, sf.id);
	assert_int_equal(c.first.batch_id, b1);
	assert_string_equal(c.first.dossier, "HS-77");
	assert_string_equal(c.first.comment, "Cán bộ \"nhiệt tình\", chu đáo;\nsẽ quay lại");
	assert_int_equal(c.first.nanswers, 5);
	assert_memory_equal(c.first.answers, "\0\1\2\3\4", 5);

	/* open ends */
	memset(&c, 0, sizeof(c));
	OK(f,
		STORE(f->st, responses, response_scan, u1, HL_DAY_NONE, 19000, collect_cb, &c,
			&f->err));
	assert_int_equal(c.n, 2);
	memset(&c, 0, sizeof(c));
	OK(f,
		STORE(f->st, responses, response_scan, u1, 19001, HL_DAY_NONE, collect_cb, &c,
			&f->err));
	assert_int_equal(c.n, 2);
	/* every unit */
	memset(&c, 0, sizeof(c));
	OK(f,
		STORE(f->st, responses, response_scan, 0, HL_DAY_NONE, HL_DAY_NONE, collect_cb, &c,
			&f->err));
	assert_int_equal(c.n, 5);
	for (int i = 1; i < c.n; i++)
		assert_true(c.ids[i - 1] < c.ids[i]);
	memset(&c, 0, sizeof(c));
	OK(f, STORE(f->st, responses, response_scan, 0, 19005, 19005, collect_cb, &c, &f->err));
	assert_int_equal(c.n, 2);
	/* the one with no answers, no field and no staff */
	assert_string_equal(c.first.ext_id, "");
	assert_int_equal(c.first.field_id, 0);
	assert_int_equal(c.first.staff_id, 0);
	assert_string_equal(c.first.comment, "");
	/* a nonzero callback result stops the scan and is returned */
	memset(&c, 0, sizeof(c));
	c.stop_after = 2;
	assert_int_equal(STORE(f->st, responses, response_scan, 0, HL_DAY_NONE, HL_DAY_NONE,
				 collect_cb, &c, &f->err),
		42);
	assert_int_equal(c.n, 2);
	/* an empty range */
	memset(&c, 0, sizeof(c));
	OK(f, STORE(f->st, responses, response_scan, u2, 20000, 21000, collect_cb, &c, &f->err));
	assert_int_equal(c.n, 0);

	OK(f, STORE(f->st, responses, response_count_after, u1, 19000, &count, &f->err));
	assert_int_equal(count, 3);
	OK(f, STORE(f->st, responses, response_count_after, u1, 19006, &count, &f->err));
	assert_int_equal(count, 1);
	OK(f, STORE(f->st, responses, response_count_after, u2, 19011, &count, &f->err));
	assert_int_equal(count, 0);

	/* by id: the light view recomputing tallies reads */
	{
		struct core_collect cc = {0};

		OK(f,
			STORE(f->st, responses, response_scan_ids, 0, id_first, id_third, core_cb,
				&cc, &f->err));
		assert_int_equal(cc.n, 3);
		assert_int_equal(cc.ids[0], id_first);
		assert_int_equal(cc.unit[0], u1);
		assert_int_equal(cc.day[0], 19000);
		assert_int_equal(cc.field[0], fd.id);
		assert_int_equal(cc.nanswers[0], 5);
		assert_int_equal(cc.answer2[0], 2);
		assert_int_equal(cc.field[1], 0);
		memset(&cc, 0, sizeof(cc));
		OK(f,
			STORE(f->st, responses, response_scan_ids, 0, 0, INT64_MAX, core_cb, &cc,
				&f->err));
		assert_int_equal(cc.n, 5);
		memset(&cc, 0, sizeof(cc));
		OK(f,
			STORE(f->st, responses, response_scan_ids, 0, id_first + 100, INT64_MAX,
				core_cb, &cc, &f->err));
		assert_int_equal(cc.n, 0);
		/* one batch's: an import's chunk counts its own rows only */
		memset(&cc, 0, sizeof(cc));
		OK(f,
			STORE(f->st, responses, response_scan_ids, b1, 0, INT64_MAX, core_cb, &cc,
				&f->err));
		assert_int_equal(cc.n, 1);
		assert_int_equal(cc.ids[0], id_first);
	}
}

/* Ids are unique within a unit only, and each row keeps its content hash
 * (or none). */
static int note_seq(void *ctx, int64_t seq)
{
	struct collect *c = ctx;

	if (c->n < 16)
		c->ids[c->n] = seq;
	c->n++;
	return 0;
}

/* A bulk insert through the stage stores each row as response_insert
 * would, every byte of it (PostgreSQL loads it with COPY, whose text
 * format escapes tabs, line ends and backslashes), and tells the rows
 * whose id the unit had from another batch. */
static void test_response_stage(void **state)
{
	struct fx *f = *state;
	struct store_response r, got;
	struct collect c = {0};
	int64_t u1 = fx_unit(f, "VT", "Phường Vĩnh Trường", 0);
	int64_t ins = add_instrument(f, "sipas-5", 1, "{}");
	int64_t b1, b2, added = -1;
	const char *comment = "Tab\there, dòng\nmới\r\\N \\. và \"ngoặc\"";

	OK(f, STORE(f->st, responses, batch_new, "import", "a.csv", &b1, &f->err));
	OK(f, STORE(f->st, responses, batch_new, "import", "b.csv", &b2, &f->err));
	make_response(&r, "P-001", u1, 19000, ins, b1);
	OK(f, STORE(f->st, responses, response_insert, &r, NULL, &f->err));

	OK(f, store_begin(f->st, &f->err));
	make_response(&r, "P-001", u1, 19001, ins, b2); /* the unit has it: left out */
	OK(f, STORE(f->st, responses, response_stage, &r, 0, &f->err));
	make_response(&r, "P-002", u1, 19002, ins, b2);
	snprintf(r.comment, sizeof(r.comment), "%s", comment);
	snprintf(r.dossier, sizeof(r.dossier), "HS\t7");
	r.answers[0] = 0;
	r.answers[1] = 255;
	r.has_hash = true;
	memset(r.content_hash, 0x5c, STORE_HASH_LEN);
	OK(f, STORE(f->st, responses, response_stage, &r, 1, &f->err));
	make_response(&r, "", u1, 19003, ins, b2);
	OK(f, STORE(f->st, responses, response_stage, &r, 2, &f->err));
	OK(f, STORE(f->st, responses, response_stage_flush, b2, 3, &added, note_seq, &c, &f->err));
	OK(f, store_commit(f->st, &f->err));
	assert_int_equal(added, 2);
	assert_int_equal(c.n, 1);
	assert_int_equal(c.ids[0], 0);

	OK(f, STORE(f->st, responses, response_get_ext, u1, "P-002", &got, &f->err));
	assert_string_equal(got.comment, comment);
	assert_string_equal(got.dossier, "HS\t7");
	assert_int_equal(got.nanswers, 5);
	assert_int_equal(got.answers[0], 0);
	assert_int_equal(got.answers[1], 255);
	assert_int_equal(got.day, 19002);
	assert_int_equal(got.batch_id, b2);
	assert_true(got.has_hash);
	assert_int_equal(got.content_hash[STORE_HASH_LEN - 1], 0x5c);
	OK(f, STORE(f->st, responses, response_get_ext, u1, "P-001", &got, &f->err));
	assert_int_equal(got.day, 19000);
	memset(&c, 0, sizeof(c));
	OK(f, STORE(f->st, responses, response_scan, u1, 19003, 19003, collect_cb, &c, &f->err));
	assert_int_equal(c.n, 1);
	assert_string_equal(c.first.ext_id, "");

	/* a new stage starts empty; a flush of rows all added asks nothing */
	OK(f, store_begin(f->st, &f->err));
	make_response(&r, "P-003", u1, 19004, ins, b2);
	OK(f, STORE(f->st, responses, response_stage, &r, 0, &f->err));
	memset(&c, 0, sizeof(c));
	OK(f, STORE(f->st, responses, response_stage_flush, b2, 1, &added, note_seq, &c, &f->err));
	OK(f, store_commit(f->st, &f->err));
	assert_int_equal(added, 1);
	assert_int_equal(c.n, 0);
}

/* response_insert_later: the id is known at once and the rows are stored
 * with the transaction; an ext_id the unit has fails the call, a later
 * statement or the commit, and nothing of that transaction is kept. */
static void test_response_insert_later(void **state)
{
	struct fx *f = *state;
	struct store_response r, got;
	int64_t u1 = fx_unit(f, "VT", "Phường Vĩnh Trường", 0);
	int64_t ins = add_instrument(f, "sipas-5", 1, "{}");
	int64_t b1, id1;
	int rc;

	OK(f, STORE(f->st, responses, batch_new, "kiosk", "", &b1, &f->err));
	OK(f, store_begin(f->st, &f->err));
	make_response(&r, "L-001", u1, 19000, ins, b1);
	OK(f, STORE(f->st, responses, response_insert_later, &r, &f->err));
	assert_true(r.id > 0);
	id1 = r.id;
	make_response(&r, "L-002", u1, 19001, ins, b1);
	OK(f, STORE(f->st, responses, response_insert_later, &r, &f->err));
	assert_true(r.id > 0 && r.id != id1);
	OK(f, store_commit(f->st, &f->err));
	OK(f, STORE(f->st, responses, response_get, id1, &got, &f->err));
	assert_string_equal(got.ext_id, "L-001");
	assert_int_equal(got.day, 19000);
	OK(f, STORE(f->st, responses, response_get, r.id, &got, &f->err));
	assert_string_equal(got.ext_id, "L-002");

	/* a clash: the transaction fails, its other row with it */
	OK(f, store_begin(f->st, &f->err));
	make_response(&r, "L-003", u1, 19002, ins, b1);
	OK(f, STORE(f->st, responses, response_insert_later, &r, &f->err));
	make_response(&r, "L-001", u1, 19003, ins, b1);
	rc = STORE(f->st, responses, response_insert_later, &r, &f->err);
	if (rc == HL_OK)
		rc = store_commit(f->st, &f->err);
	assert_int_not_equal(rc, HL_OK);
	store_rollback(f->st, &f->err);
	assert_int_equal(STORE(f->st, responses, response_get_ext, u1, "L-003", &got, &f->err),
		HL_ENOTFOUND);
	OK(f, STORE(f->st, responses, response_get_ext, u1, "L-001", &got, &f->err));
	assert_int_equal(got.day, 19000);
}

static void test_response_ids_per_unit(void **state)
{
	struct fx *f = *state;
	struct store_response r, got;
	int64_t u1 = fx_unit(f, "VT", "Phường Vĩnh Trường", 0);
	int64_t u2 = fx_unit(f, "VH", "Phường Vĩnh Hải", 0);
	int64_t ins = add_instrument(f, "sipas-5", 1, "{}"), b, existing = -1, first;

	OK(f, STORE(f->st, responses, batch_new, "kiosk", "", &b, &f->err));
	make_response(&r, "K-1", u1, 19000, ins, b);
	r.has_hash = true;
	memset(r.content_hash, 0xAB, STORE_HASH_LEN);
	OK(f, STORE(f->st, responses, response_insert, &r, &existing, &f->err));
	first = r.id;
	/* the same id in another unit: another response */
	make_response(&r, "K-1", u2, 19001, ins, b);
	OK(f, STORE(f->st, responses, response_insert, &r, &existing, &f->err));
	assert_int_equal(existing, 0);
	assert_true(r.id != first);
	/* in the first unit again: refused */
	make_response(&r, "K-1", u1, 19002, ins, b);
	assert_int_equal(STORE(f->st, responses, response_insert, &r, &existing, &f->err),
		HL_EEXIST);
	assert_int_equal(existing, b);

	OK(f, STORE(f->st, responses, response_get_ext, u1, "K-1", &got, &f->err));
	assert_int_equal(got.id, first);
	assert_int_equal(got.day, 19000);
	assert_true(got.has_hash);
	assert_int_equal(got.content_hash[0], 0xAB);
	assert_int_equal(got.content_hash[STORE_HASH_LEN - 1], 0xAB);
	OK(f, STORE(f->st, responses, response_get_ext, u2, "K-1", &got, &f->err));
	assert_int_equal(got.day, 19001);
	assert_false(got.has_hash);
	assert_int_equal(STORE(f->st, responses, response_get_ext, u2, "K-2", &got, &f->err),
		HL_ENOTFOUND);
	OK(f, STORE(f->st, responses, response_get, first, &got, &f->err));
	assert_true(got.has_hash);
}

static void test_transactions(void **state)
{
	struct fx *f = *state;
	struct store_unit u;
	struct collect c;
	struct store_response r;
	int64_t ins = add_instrument(f, "sipas-5", 1, "{}"), unit, batch;

	OK(f, store_begin(f->st, &f->err));
	unit = fx_unit(f, "TAM", "Đơn vị tạm", 0);
	OK(f, STORE(f->st, responses, batch_new, "import", "x.csv", &batch, &f->err));
	make_response(&r, "R-1", unit, 19000, ins, batch);
	OK(f, STORE(f->st, responses, response_insert, &r, NULL, &f->err));
	OK(f, store_rollback(f->st, &f->err));
	assert_int_equal(STORE(f->st, units, unit_get, "TAM", &u, &f->err), HL_ENOTFOUND);
	memset(&c, 0, sizeof(c));
	OK(f,
		STORE(f->st, responses, response_scan, 0, HL_DAY_NONE, HL_DAY_NONE, collect_cb, &c,
			&f->err));
	assert_int_equal(c.n, 0);

	OK(f, store_begin(f->st, &f->err));
	unit = fx_unit(f, "GIU", "Đơn vị giữ lại", 0);
	OK(f, STORE(f->st, responses, batch_new, "import", "x.csv", &batch, &f->err));
	make_response(&r, "R-1", unit, 19000, ins, batch);
	OK(f, STORE(f->st, responses, response_insert, &r, NULL, &f->err));
	OK(f, store_commit(f->st, &f->err));
	OK(f, STORE(f->st, units, unit_get, "GIU", &u, &f->err));
	assert_int_equal(u.id, unit);
	memset(&c, 0, sizeof(c));
	OK(f,
		STORE(f->st, responses, response_scan, unit, HL_DAY_NONE, HL_DAY_NONE, collect_cb,
			&c, &f->err));
	assert_int_equal(c.n, 1);

	/* commit or rollback with no transaction open is an error, not a crash */
	assert_int_equal(store_commit(f->st, &f->err), HL_EIO);
	assert_true(f->err.msg[0] != '\0');
	assert_int_equal(store_rollback(f->st, &f->err), HL_EIO);
	/* a transaction left open by an error can still be rolled back */
	OK(f, store_begin(f->st, &f->err));
	assert_int_equal(store_begin(f->st, &f->err), HL_EIO);
	OK(f, store_rollback(f->st, &f->err));
	/* migrating inside a transaction is harmless too */
	{
		int v;

		OK(f, store_begin(f->st, &f->err));
		OK(f, store_migrate(f->st, &v, &f->err));
		OK(f, store_commit(f->st, &f->err));
	}
}

/* A tallyset with criterion TC holding count responses of (s = 3, v = 4)
 * and, if pv, criterion PV with one response of (s = 1, v = 2). */
static void make_set(struct hl_tallyset *set, int count, int pv)
{
	memset(set, 0, sizeof(*set));
	for (int i = 0; i < count; i++) {
		hl_tally_add(hl_tallyset_get(set, "TC"), 3.0, 4);
		hl_tally_add(hl_tallyset_get(set, HL_CRIT_ALL), 1.0, 1);
	}
	if (pv)
		hl_tally_add(hl_tallyset_get(set, "PV"), 1.0, 2);
}

struct tally_collect {
	int n, stop_after;
	struct store_tally_row rows[8];
};

static int tally_cb(void *ctx, const struct store_tally_row *row)
{
	struct tally_collect *c = ctx;

	if (c->n < 8)
		c->rows[c->n] = *row;
	c->n++;
	return c->stop_after > 0 && c->n >= c->stop_after ? 7 : 0;
}

static void test_tallies(void **state)
{
	struct fx *f = *state;
	struct store_tally_row row;
	struct tally_collect c;
	struct store_field fd = {0};
	const struct hl_tally *t;
	int64_t u1 = fx_unit(f, "VT", "Phường Vĩnh Trường", 0);
	int64_t u2 = fx_unit(f, "VH", "Phường Vĩnh Hải", 0);

	snprintf(fd.code, sizeof(fd.code), "tu-phap");
	snprintf(fd.name, sizeof(fd.name), "Tư pháp");
	OK(f, STORE(f->st, units, field_put, &fd, &f->err));

	/* the same key twice adds up; a new criterion is added to the set */
	row = (struct store_tally_row){.unit_id = u1, .start = 19000, .field_id = 0};
	make_set(&row.set, 2, 0);
	OK(f, STORE(f->st, tallies, tally_merge, GRAIN_DAY, &row, &f->err));
	make_set(&row.set, 3, 1);
	OK(f, STORE(f->st, tallies, tally_merge, GRAIN_DAY, &row, &f->err));
	/* other keys: another day, a field, another unit, another grain */
	row.start = 19001;
	make_set(&row.set, 1, 0);
	OK(f, STORE(f->st, tallies, tally_merge, GRAIN_DAY, &row, &f->err));
	row.start = 19000;
	row.field_id = fd.id;
	make_set(&row.set, 4, 0);
	OK(f, STORE(f->st, tallies, tally_merge, GRAIN_DAY, &row, &f->err));
	row = (struct store_tally_row){.unit_id = u2, .start = 19002, .field_id = 0};
	make_set(&row.set, 6, 0);
	OK(f, STORE(f->st, tallies, tally_merge, GRAIN_DAY, &row, &f->err));
	row.start = 18993;
	make_set(&row.set, 9, 0);
	OK(f, STORE(f->st, tallies, tally_merge, GRAIN_MONTH, &row, &f->err));

	memset(&c, 0, sizeof(c));
	OK(f,
		STORE(f->st, tallies, tally_scan, GRAIN_DAY, false, 19000, 19000, tally_cb, &c,
			&f->err));
	assert_int_equal(c.n, 1);
	assert_int_equal(c.rows[0].unit_id, u1);
	assert_int_equal(c.rows[0].start, 19000);
	assert_int_equal(c.rows[0].field_id, 0);
	t = hl_tallyset_find(&c.rows[0].set, "TC");
	assert_non_null(t);
	assert_int_equal(t->n, 5);
	assert_true(
		t->s == 15.0 && t->v == 20.0 && t->ss == 45.0 && t->vv == 80.0 && t->sv == 60.0);
	t = hl_tallyset_find(&c.rows[0].set, HL_CRIT_ALL);
	assert_non_null(t);
	assert_int_equal(t->n, 5);
	t = hl_tallyset_find(&c.rows[0].set, "PV");
	assert_non_null(t);
	assert_int_equal(t->n, 1);

	/* whole-unit rows over a range, open ends, in unit then start order */
	memset(&c, 0, sizeof(c));
	OK(f,
		STORE(f->st, tallies, tally_scan, GRAIN_DAY, false, 19000, 19002, tally_cb, &c,
			&f->err));
	assert_int_equal(c.n, 3);
	memset(&c, 0, sizeof(c));
	OK(f,
		STORE(f->st, tallies, tally_scan, GRAIN_DAY, false, 19001, HL_DAY_NONE, tally_cb,
			&c, &f->err));
	assert_int_equal(c.n, 2);
	memset(&c, 0, sizeof(c));
	OK(f,
		STORE(f->st, tallies, tally_scan, GRAIN_DAY, false, HL_DAY_NONE, HL_DAY_NONE,
			tally_cb, &c, &f->err));
	assert_int_equal(c.n, 3);
	assert_int_equal(c.rows[0].unit_id, u1);
	assert_int_equal(c.rows[0].start, 19000);
	assert_int_equal(c.rows[1].start, 19001);
	assert_int_equal(c.rows[2].unit_id, u2);
	memset(&c, 0, sizeof(c));
	OK(f,
		STORE(f->st, tallies, tally_scan, GRAIN_DAY, false, 19003, 19100, tally_cb, &c,
			&f->err));
	assert_int_equal(c.n, 0);

	/* per-field rows only */
	memset(&c, 0, sizeof(c));
	OK(f,
		STORE(f->st, tallies, tally_scan, GRAIN_DAY, true, HL_DAY_NONE, HL_DAY_NONE,
			tally_cb, &c, &f->err));
	assert_int_equal(c.n, 1);
	assert_int_equal(c.rows[0].field_id, fd.id);
	assert_int_equal(hl_tallyset_find(&c.rows[0].set, "TC")->n, 4);

	/* grains are separate */
	memset(&c, 0, sizeof(c));
	OK(f,
		STORE(f->st, tallies, tally_scan, GRAIN_MONTH, false, HL_DAY_NONE, HL_DAY_NONE,
			tally_cb, &c, &f->err));
	assert_int_equal(c.n, 1);
	assert_int_equal(c.rows[0].start, 18993);
	assert_int_equal(hl_tallyset_find(&c.rows[0].set, "TC")->n, 9);

	/* the callback stops the scan */
	memset(&c, 0, sizeof(c));
	c.stop_after = 1;
	assert_int_equal(STORE(f->st, tallies, tally_scan, GRAIN_DAY, false, HL_DAY_NONE,
				 HL_DAY_NONE, tally_cb, &c, &f->err),
		7);
	assert_int_equal(c.n, 1);

	/* rolled-back merges leave the sums as they were */
	OK(f, store_begin(f->st, &f->err));
	row = (struct store_tally_row){.unit_id = u1, .start = 19000, .field_id = 0};
	make_set(&row.set, 100, 0);
	OK(f, STORE(f->st, tallies, tally_merge, GRAIN_DAY, &row, &f->err));
	OK(f, store_rollback(f->st, &f->err));
	memset(&c, 0, sizeof(c));
	OK(f,
		STORE(f->st, tallies, tally_scan, GRAIN_DAY, false, 19000, 19000, tally_cb, &c,
			&f->err));
	assert_int_equal(hl_tallyset_find(&c.rows[0].set, "TC")->n, 5);

	OK(f, STORE(f->st, tallies, tally_clear, &f->err));
	memset(&c, 0, sizeof(c));
	OK(f,
		STORE(f->st, tallies, tally_scan, GRAIN_DAY, false, HL_DAY_NONE, HL_DAY_NONE,
			tally_cb, &c, &f->err));
	OK(f,
		STORE(f->st, tallies, tally_scan, GRAIN_DAY, true, HL_DAY_NONE, HL_DAY_NONE,
			tally_cb, &c, &f->err));
	OK(f,
		STORE(f->st, tallies, tally_scan, GRAIN_MONTH, false, HL_DAY_NONE, HL_DAY_NONE,
			tally_cb, &c, &f->err));
	assert_int_equal(c.n, 0);
}

static void test_targets(void **state)
{
	struct fx *f = *state;
	struct store_target t = {.year = 2025}, *list;
	int64_t unit = fx_unit(f, "VT", "Phường Vĩnh Trường", 0);
	size_t n;

	snprintf(t.type, sizeof(t.type), "ubnd-xa");
	t.value = 90;
	OK(f, STORE(f->st, reports, target_set, &t, &f->err));
	t.value = 90.5;
	OK(f, STORE(f->st, reports, target_set, &t, &f->err));
	t = (struct store_target){.year = 2025, .unit_id = unit, .value = 92};
	snprintf(t.criterion, sizeof(t.criterion), "TC");
	OK(f, STORE(f->st, reports, target_set, &t, &f->err));
	t.year = 2024;
	t.value = 84;
	OK(f, STORE(f->st, reports, target_set, &t, &f->err));

	OK(f, STORE(f->st, reports, target_list, 2025, f->a, &list, &n, &f->err));
	assert_int_equal(n, 2);
	for (size_t i = 0; i < n; i++) {
		assert_int_equal(list[i].year, 2025);
		if (list[i].unit_id == 0) {
			assert_string_equal(list[i].type, "ubnd-xa");
			assert_string_equal(list[i].criterion, "");
			assert_true(list[i].value == 90.5);
		} else {
			assert_int_equal(list[i].unit_id, unit);
			assert_string_equal(list[i].type, "");
			assert_string_equal(list[i].criterion, "TC");
			assert_true(list[i].value == 92.0);
		}
	}
	OK(f, STORE(f->st, reports, target_list, 2024, f->a, &list, &n, &f->err));
	assert_int_equal(n, 1);
	assert_true(list[0].value == 84.0);
	OK(f, STORE(f->st, reports, target_list, 2030, f->a, &list, &n, &f->err));
	assert_int_equal(n, 0);
}

static void put_dossier(struct fx *f, const char *code, int64_t unit, int64_t field,
	int64_t received)
{
	struct store_dossier d = {.unit_id = unit,
		.field_id = field,
		.received_at = received,
		.due_at = received + 4320,
		.finished_at = -1,
		.returned_at = -1,
		.supplements = 1};

	snprintf(d.code, sizeof(d.code), "%s", code);
	snprintf(d.procedure, sizeof(d.procedure), "Đăng ký khai sinh");
	snprintf(d.channel, sizeof(d.channel), "online");
	OK(f, STORE(f->st, dossiers, dossier_put, &d, &f->err));
	assert_true(d.id > 0);
}

static void test_dossiers(void **state)
{
	struct fx *f = *state;
	struct store_field fd = {0};
	struct store_dossier d = {0};
	struct store_count *cnt;
	int64_t u1 = fx_unit(f, "VT", "Phường Vĩnh Trường", 0);
	int64_t u2 = fx_unit(f, "VH", "Phường Vĩnh Hải", 0);
	int64_t day = 19000, m = day * 1440;
	size_t n;

	snprintf(fd.code, sizeof(fd.code), "tu-phap");
	snprintf(fd.name, sizeof(fd.name), "Tư pháp");
	OK(f, STORE(f->st, units, field_put, &fd, &f->err));

	put_dossier(f, "H1", u1, fd.id, m);            /* day 19000 00:00 */
	put_dossier(f, "H2", u1, fd.id, m + 1439);     /* day 19000 23:59 */
	put_dossier(f, "H3", u1, 0, m + 1440);         /* day 19001 */
	put_dossier(f, "H4", u1, fd.id, m - 1);        /* day 18999 23:59 */
	put_dossier(f, "H5", u2, fd.id, m);            /* another unit */
	put_dossier(f, "H6", u1, fd.id, m + 5 * 1440); /* day 19005 */
	/* the same code again replaces: H6 moves to day 19001 without a field */
	put_dossier(f, "H6", u1, 0, m + 1440 + 60);

	OK(f,
		STORE(f->st, dossiers, dossier_count_by_field, u1, 19000, 19000, f->a, &cnt, &n,
			&f->err));
	assert_int_equal(n, 1);
	assert_int_equal(cnt[0].key_id, fd.id);
	assert_int_equal(cnt[0].count, 2);
	OK(f,
		STORE(f->st, dossiers, dossier_count_by_field, u1, 19000, 19001, f->a, &cnt, &n,
			&f->err));
	assert_int_equal(n, 2);
	assert_int_equal(cnt[0].key_id, 0);
	assert_int_equal(cnt[0].count, 2);
	assert_int_equal(cnt[1].key_id, fd.id);
	assert_int_equal(cnt[1].count, 2);
	OK(f,
		STORE(f->st, dossiers, dossier_count_by_field, u1, HL_DAY_NONE, HL_DAY_NONE, f->a,
			&cnt, &n, &f->err));
	assert_int_equal(n, 2);
	assert_int_equal(cnt[1].count, 3);
	OK(f,
		STORE(f->st, dossiers, dossier_count_by_field, u2, 19001, 19400, f->a, &cnt, &n,
			&f->err));
	assert_int_equal(n, 0);

	assert_int_equal(STORE(f->st, dossiers, dossier_put, &d, &f->err), HL_EINVAL);
}

/* Dossiers a scan handed over, copied (a callback may not call the store);
 * stop: return 7 at that row (0 = never). */
struct dlist {
	int n, stop;
	struct store_dossier d[8];
};

static int keep_dossier(void *ctx, const struct store_dossier *d)
{
	struct dlist *l = ctx;

	assert_true(l->n < 8);
	l->d[l->n++] = *d;
	return l->n == l->stop ? 7 : 0;
}

/* a and b hold the same dossier, field by field (not their padding) */
static void same_dossier(const struct store_dossier *a, const struct store_dossier *b)
{
	assert_int_equal(a->id, b->id);
	assert_string_equal(a->code, b->code);
	assert_int_equal(a->unit_id, b->unit_id);
	assert_int_equal(a->field_id, b->field_id);
	assert_string_equal(a->procedure, b->procedure);
	assert_string_equal(a->channel, b->channel);
	assert_int_equal(a->received_at, b->received_at);
	assert_int_equal(a->due_at, b->due_at);
	assert_int_equal(a->finished_at, b->finished_at);
	assert_int_equal(a->returned_at, b->returned_at);
	assert_int_equal(a->supplements, b->supplements);
	assert_int_equal(a->reschedules, b->reschedules);
	assert_int_equal(a->apology, b->apology);
	assert_int_equal(a->submitted_at, b->submitted_at);
	assert_int_equal(a->cls, b->cls);
}

/* A dossier of unit received at r (minutes), due a day later, finished at
 * fin (-1 = not yet) with class cls, by save. */
static struct store_dossier dossier_of(const char *code, int64_t unit, int64_t field,
	const char *channel, const char *proc, int64_t r, int64_t fin, int cls)
{
	struct store_dossier d = {.unit_id = unit,
		.field_id = field,
		.received_at = r,
		.due_at = r + 1440,
		.finished_at = fin,
		.returned_at = -1,
		.submitted_at = -1,
		.cls = cls};

	snprintf(d.code, sizeof(d.code), "%s", code);
	snprintf(d.channel, sizeof(d.channel), "%s", channel);
	snprintf(d.procedure, sizeof(d.procedure), "%s", proc);
	return d;
}

/* Every column is read back as written (NULLs as 0 and -1); dossier_put
 * keeps a stored submitted_at; the scans pick and order as store.h says. */
static void test_dossier_rows(void **state)
{
	struct fx *f = *state;
	struct store_field fd = {0};
	struct store_dossier x, y, z, got;
	struct dlist l = {0};
	int64_t u1 = fx_unit(f, "VT", NULL, 0), u2 = fx_unit(f, "VH", NULL, 0);
	int64_t r = 19000 * 1440;

	snprintf(fd.code, sizeof(fd.code), "tu-phap");
	snprintf(fd.name, sizeof(fd.name), "Tư pháp");
	OK(f, STORE(f->st, units, field_put, &fd, &f->err));
	x = dossier_of("HS-X", u1, fd.id, "post", "Chứng thực bản sao", r, r + 50, 1);
	x.returned_at = r + 60;
	x.supplements = 2;
	x.reschedules = 1;
	x.apology = true;
	x.submitted_at = r - 30;
	OK(f, STORE(f->st, dossiers, dossier_save, &x, &f->err));
	assert_true(x.id > 0);
	OK(f, STORE(f->st, dossiers, dossier_get, "HS-X", &got, &f->err));
	same_dossier(&got, &x);
	/* put writes every column but submitted_at, which stays */
	x.submitted_at = -1;
	x.supplements = 3;
	OK(f, STORE(f->st, dossiers, dossier_put, &x, &f->err));
	OK(f, STORE(f->st, dossiers, dossier_get, "HS-X", &got, &f->err));
	assert_int_equal(got.submitted_at, r - 30);
	assert_int_equal(got.supplements, 3);

	y = dossier_of("HS-Y", u1, 0, "online", "Khai sinh", r + 10, -1, 0);
	y.due_at = -1;
	OK(f, STORE(f->st, dossiers, dossier_save, &y, &f->err));
	OK(f, STORE(f->st, dossiers, dossier_get, "HS-Y", &got, &f->err));
	same_dossier(&got, &y);
	assert_int_equal(STORE(f->st, dossiers, dossier_get, "HS-0", &got, &f->err), HL_ENOTFOUND);
	z = dossier_of("HS-Z", u2, fd.id, "direct", "Khai sinh", r + 20, r + 500, 2);
	OK(f, STORE(f->st, dossiers, dossier_save, &z, &f->err));

	OK(f, STORE(f->st, dossiers, dossier_scan, u1, r, r + 100, keep_dossier, &l, &f->err));
	assert_int_equal(l.n, 2);
	assert_string_equal(l.d[0].code, "HS-X");
	assert_string_equal(l.d[1].code, "HS-Y");
	l = (struct dlist){0};
	OK(f, STORE(f->st, dossiers, dossier_scan, 0, r + 5, r + 100, keep_dossier, &l, &f->err));
	assert_int_equal(l.n, 2);
	assert_string_equal(l.d[0].code, "HS-Y");
	same_dossier(&l.d[1], &z);
	/* open at r + 100: the unfinished first, then those finished later */
	l = (struct dlist){0};
	OK(f,
		STORE(f->st, dossiers, dossier_open_scan, 0, r, r + 100, r + 100, keep_dossier, &l,
			&f->err));
	assert_int_equal(l.n, 2);
	same_dossier(&l.d[0], &y);
	same_dossier(&l.d[1], &z);
	l = (struct dlist){0};
	OK(f,
		STORE(f->st, dossiers, dossier_open_scan, u1, r, r + 100, r + 100, keep_dossier, &l,
			&f->err));
	assert_int_equal(l.n, 1);
	assert_string_equal(l.d[0].code, "HS-Y");
	l = (struct dlist){0};
	OK(f, STORE(f->st, dossiers, dossier_scan_finished, r, r + 1000, keep_dossier, &l, &f->err));
	assert_int_equal(l.n, 2);
	assert_string_equal(l.d[0].code, "HS-X");
	assert_string_equal(l.d[1].code, "HS-Z");
	/* a callback's nonzero return stops the scan and is returned */
	l = (struct dlist){.stop = 1};
	assert_int_equal(STORE(f->st, dossiers, dossier_scan, 0, r, r + 100, keep_dossier, &l,
				 &f->err),
		7);
	assert_int_equal(l.n, 1);
	/* a class that does not fit the times is refused */
	y.cls = 1;
	assert_int_equal(STORE(f->st, dossiers, dossier_save, &y, &f->err), HL_EINVAL);
	x.cls = 0;
	assert_int_equal(STORE(f->st, dossiers, dossier_put, &x, &f->err), HL_EINVAL);
}

/* The monthly sums a scan handed over. */
struct slist {
	int n;
	struct store_dossier_sum s[16];
};

static int keep_sum(void *ctx, const struct store_dossier_sum *s)
{
	struct slist *l = ctx;

	assert_true(l->n < 16);
	l->s[l->n++] = *s;
	return 0;
}

static struct slist sums_of(struct fx *f, int64_t unit, bool per_proc, int m0, int m1)
{
	struct slist l = {0};

	OK(f,
		STORE(f->st, dossiers, dossier_sum_scan, unit, per_proc, m0, m1, keep_sum, &l,
			&f->err));
	for (int i = 1; i < l.n; i++)
		assert_true(l.s[i - 1].month < l.s[i].month ||
			(l.s[i - 1].month == l.s[i].month && l.s[i - 1].unit_id <= l.s[i].unit_id));
	return l;
}

/* The row of l for (unit, month, field, channel or procedure) holds e, o, t
 * (a row missing holds zeros). */
static void sum_is(const struct slist *l, int64_t unit, int month, int64_t field, const char *key,
	int64_t e, int64_t o, int64_t t)
{
	for (int i = 0; i < l->n; i++) {
		const struct store_dossier_sum *s = &l->s[i];

		if (s->unit_id == unit && s->month == month && s->field_id == field &&
			(strcmp(s->channel, key) == 0 || strcmp(s->procedure, key) == 0)) {
			assert_int_equal(s->early, e);
			assert_int_equal(s->on_time, o);
			assert_int_equal(s->late, t);
			return;
		}
	}
	assert_int_equal(e + o + t, 0);
}

static void save(struct fx *f, struct store_dossier d)
{
	OK(f, STORE(f->st, dossiers, dossier_save, &d, &f->err));
}

/* The sums follow every write: a dossier counted once by its class in the
 * month (UTC) it was received, moved when its class, month, field or
 * channel changes, taken out when it is open again; a rewrite unchanged
 * changes nothing. */
static void test_dossier_sums(void **state)
{
	struct fx *f = *state;
	struct store_field fd = {0};
	int64_t u1 = fx_unit(f, "VT", NULL, 0), u2 = fx_unit(f, "VH", NULL, 0);
	hl_day d31, d1;
	int64_t jan, feb;
	const int mj = 2022 * 12, mf = mj + 1;
	struct slist l;

	assert_true(hl_day_from_ymd(2022, 1, 31, &d31) && hl_day_from_ymd(2022, 2, 1, &d1));
	jan = (int64_t)d31 * 1440 + 1439; /* 31/01/2022 23:59 UTC */
	feb = (int64_t)d1 * 1440;         /* 01/02/2022 00:00 UTC */
	snprintf(fd.code, sizeof(fd.code), "tu-phap");
	snprintf(fd.name, sizeof(fd.name), "Tư pháp");
	OK(f, STORE(f->st, units, field_put, &fd, &f->err));
	save(f, dossier_of("A", u1, fd.id, "online", "Khai sinh", jan, jan + 60, 1));
	save(f, dossier_of("B", u1, fd.id, "online", "Khai sinh", jan, jan + 9000, 3));
	save(f, dossier_of("C", u1, 0, "direct", "Kết hôn", feb, feb + 60, 2));
	save(f, dossier_of("D", u2, fd.id, "online", "Khai sinh", jan, jan + 60, 2));
	save(f, dossier_of("E", u1, fd.id, "online", "Khai sinh", jan, -1, 0));
	save(f, dossier_of("A", u1, fd.id, "online", "Khai sinh", jan, jan + 60, 1));

	l = sums_of(f, 0, false, mj, mf);
	assert_int_equal(l.n, 3);
	sum_is(&l, u1, mj, fd.id, "online", 1, 0, 1);
	sum_is(&l, u2, mj, fd.id, "online", 0, 1, 0);
	sum_is(&l, u1, mf, 0, "direct", 0, 1, 0);
	assert_string_equal(l.s[0].procedure, "");
	l = sums_of(f, 0, true, mj, mf);
	assert_int_equal(l.n, 3);
	sum_is(&l, u1, mj, 0, "Khai sinh", 1, 0, 1);
	sum_is(&l, u2, mj, 0, "Khai sinh", 0, 1, 0);
	sum_is(&l, u1, mf, 0, "Kết hôn", 0, 1, 0);
	assert_string_equal(l.s[0].channel, "");
	l = sums_of(f, u2, false, mj, mf);
	assert_int_equal(l.n, 1);
	sum_is(&l, u2, mj, fd.id, "online", 0, 1, 0);
	l = sums_of(f, 0, true, mf, mf);
	assert_int_equal(l.n, 1);
	sum_is(&l, u1, mf, 0, "Kết hôn", 0, 1, 0);

	/* B on time now, C moved to January in the field, online, D open
	 * again, E finished late */
	save(f, dossier_of("B", u1, fd.id, "online", "Khai sinh", jan, jan + 60, 2));
	save(f, dossier_of("C", u1, fd.id, "online", "Kết hôn", jan, jan + 60, 2));
	save(f, dossier_of("D", u2, fd.id, "online", "Khai sinh", jan, -1, 0));
	save(f, dossier_of("E", u1, fd.id, "online", "Khai sinh", jan, jan + 9000, 3));
	l = sums_of(f, 0, false, mj, mf);
	sum_is(&l, u1, mj, fd.id, "online", 1, 2, 1);
	sum_is(&l, u2, mj, fd.id, "online", 0, 0, 0);
	sum_is(&l, u1, mf, 0, "direct", 0, 0, 0);
	l = sums_of(f, 0, true, mj, mf);
	sum_is(&l, u1, mj, 0, "Khai sinh", 1, 1, 1);
	sum_is(&l, u1, mj, 0, "Kết hôn", 0, 1, 0);
	sum_is(&l, u2, mj, 0, "Khai sinh", 0, 0, 0);
	sum_is(&l, u1, mf, 0, "Kết hôn", 0, 0, 0);
}

/* What was written is read back: who, action and detail, newest first. */
static void test_audit(void **state)
{
	struct fx *f = *state;
	char **lines = NULL;
	size_t n = 0;

	OK(f, STORE(f->st, admin, audit_list, 0, f->a, &lines, &n, &f->err));
	assert_int_equal(n, 0);
	OK(f,
		STORE(f->st, admin, audit, "admin", "units import", "12 đơn vị từ don-vi.csv",
			&f->err));
	OK(f, STORE(f->st, admin, audit, "admin", "init", "", &f->err));
	OK(f, STORE(f->st, admin, audit_list, 0, f->a, &lines, &n, &f->err));
	assert_int_equal(n, 2);
	/* "at\twho\taction\tdetail": the time first, then exactly what was written */
	assert_true(lines[0][0] >= '2' && lines[0][0] <= '9');
	assert_string_equal(strchr(lines[0], '\t'), "\tadmin\tinit\t");
	assert_string_equal(strchr(lines[1], '\t'),
		"\tadmin\tunits import\t12 đơn vị từ don-vi.csv");
}

int main(void)
{
	struct CMUnitTest tests[] = {
		cmocka_unit_test(test_open_errors),
		cmocka_unit_test_setup_teardown(test_migrate_twice, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_units, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_list_arena_cap, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_fields_staff, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_instruments, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_responses, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_response_insert_later, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_response_ids_per_unit, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_response_stage, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_transactions, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_tallies, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_targets, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_dossiers, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_dossier_rows, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_dossier_sums, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_audit, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_unit_contact, fx_setup, fx_teardown),
	};

	return FX_RUN(tests);
}
