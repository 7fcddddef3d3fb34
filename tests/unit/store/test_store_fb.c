/* test_store_fb.c — the conformance suite of the feedback part of the
 * storage interface (store.h "feedback"), written only against store.h: the
 * built-in offices and a unit's own, items with unique codes and token
 * hashes, updates, lists and their filters, the sender kept apart, steps and
 * deadlines. Each test gets a fresh, migrated store in a temporary file. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/arena.h"
#include "store/store.h"
#include "store_fixture.h"

static int setup(void **state)
{
	struct fx *f = fx_open();

	if (f == NULL)
		return -1;
	*state = f;
	f->unit = fx_unit(f, "VT", "Phường VT", 0);
	f->unit2 = fx_unit(f, "VH", "Phường VH", 0);
	return 0;
}

/* A new item of unit with code, received at; token hash from its code. */
static struct store_fb_item item(int64_t unit, const char *code, int64_t at)
{
	struct store_fb_item it = {.unit_id = unit,
		.channel = 1,
		.kind = 1,
		.state = 1,
		.received_at = at,
		.classified_at = -1,
		.forwarded_at = -1,
		.first_answered_at = -1,
		.answered_at = -1,
		.published_at = -1,
		.rated_at = -1,
		.reopened_at = -1,
		.closed_at = -1};

	snprintf(it.code, sizeof(it.code), "%s", code);
	for (size_t i = 0; i < STORE_HASH_LEN; i++)
		it.token_hash[i] = (unsigned char)(code[i % strlen(code)] + i);
	return it;
}

static void test_offices(void **state)
{
	struct fx *f = *state;
	struct store_fb_office o = {.unit_id = f->unit}, *list = NULL;
	size_t n = 0;

	OK(f, STORE(f->st, feedback, fb_office_list, f->unit2, f->a, &list, &n, &f->err));
	assert_int_equal(n, 4);
	assert_string_equal(list[0].code, "KTHTDT");
	assert_int_equal(list[0].unit_id, 0);
	snprintf(o.code, sizeof(o.code), "VP");
	snprintf(o.name, sizeof(o.name), "Văn phòng riêng");
	OK(f, STORE(f->st, feedback, fb_office_put, &o, &f->err));
	assert_true(o.id > 0);
	/* The unit's own VP comes before the built-in one; the other unit sees only the built-in. */
	OK(f, STORE(f->st, feedback, fb_office_list, f->unit, f->a, &list, &n, &f->err));
	assert_int_equal(n, 5);
	assert_string_equal(list[3].code, "VP");
	assert_int_equal(list[3].unit_id, f->unit);
	assert_string_equal(list[3].name, "Văn phòng riêng");
	OK(f, STORE(f->st, feedback, fb_office_list, f->unit2, f->a, &list, &n, &f->err));
	assert_int_equal(n, 4);
	/* Renaming keeps the id. */
	{
		int64_t id = o.id;

		snprintf(o.name, sizeof(o.name), "Văn phòng HĐND và UBND phường");
		OK(f, STORE(f->st, feedback, fb_office_put, &o, &f->err));
		assert_int_equal(o.id, id);
	}
	o.code[0] = '\0';
	assert_int_equal(STORE(f->st, feedback, fb_office_put, &o, &f->err), HL_EINVAL);
}

static void test_items(void **state)
{
	struct fx *f = *state;
	struct store_fb_item a = item(f->unit, "PA-1", 1000), b = item(f->unit2, "PA-2", 2000);
	struct store_fb_item dup = item(f->unit, "PA-1", 3000), got, *list = NULL;
	struct store_fb_filter flt = {.from = -1, .to = -1};
	size_t n = 0;
	int64_t count = 0;

	OK(f, STORE(f->st, feedback, fb_item_put, &a, "Nội dung một", &f->err));
	OK(f, STORE(f->st, feedback, fb_item_put, &b, "Nội dung hai", &f->err));
	assert_int_equal(STORE(f->st, feedback, fb_item_put, &dup, "x", &f->err), HL_EEXIST);
	OK(f, STORE(f->st, feedback, fb_item_get, "PA-1", f->a, &got, &f->err));
	assert_int_equal(got.id, a.id);
	assert_string_equal(got.text, "Nội dung một");
	assert_null(got.answer);
	assert_int_equal(got.forwarded_at, -1);
	assert_int_equal(STORE(f->st, feedback, fb_item_get, "PA-9", f->a, &got, &f->err),
		HL_ENOTFOUND);
	OK(f, STORE(f->st, feedback, fb_item_get_token, b.token_hash, f->a, &got, &f->err));
	assert_string_equal(got.code, "PA-2");

	/* Update: the step fields and the answer; NULL keeps the answer. */
	a.state = 4;
	a.cls = 2;
	snprintf(a.criterion, sizeof(a.criterion), "PV");
	a.office_id = 1;
	a.forwarded_at = 1100;
	a.answered_at = a.first_answered_at = 1200;
	a.answer_no = 7;
	OK(f, STORE(f->st, feedback, fb_item_update, &a, "Trả lời", &f->err));
	a.published_at = 1300;
	OK(f, STORE(f->st, feedback, fb_item_update, &a, NULL, &f->err));
	OK(f, STORE(f->st, feedback, fb_item_get, "PA-1", f->a, &got, &f->err));
	assert_string_equal(got.answer, "Trả lời");
	assert_string_equal(got.criterion, "PV");
	assert_int_equal(got.published_at, 1300);
	assert_int_equal(got.office_id, 1);

	/* Lists and their filters. */
	OK(f, STORE(f->st, feedback, fb_item_list, &flt, f->a, &list, &n, &f->err));
	assert_int_equal(n, 2);
	assert_string_equal(list[0].code, "PA-1");
	assert_null(list[0].text);
	flt.with_text = true;
	flt.unit_id = f->unit2;
	OK(f, STORE(f->st, feedback, fb_item_list, &flt, f->a, &list, &n, &f->err));
	assert_int_equal(n, 1);
	assert_string_equal(list[0].text, "Nội dung hai");
	flt.unit_id = 0;
	flt.published_only = true;
	OK(f, STORE(f->st, feedback, fb_item_list, &flt, f->a, &list, &n, &f->err));
	assert_int_equal(n, 1);
	assert_string_equal(list[0].code, "PA-1");
	flt.published_only = false;
	flt.from = 1500;
	OK(f, STORE(f->st, feedback, fb_item_list, &flt, f->a, &list, &n, &f->err));
	assert_int_equal(n, 1);
	a.closed_at = 1400;
	OK(f, STORE(f->st, feedback, fb_item_update, &a, NULL, &f->err));
	flt.from = -1;
	flt.open_only = true;
	OK(f, STORE(f->st, feedback, fb_item_list, &flt, f->a, &list, &n, &f->err));
	assert_int_equal(n, 1);
	assert_string_equal(list[0].code, "PA-2");

	OK(f, STORE(f->st, feedback, fb_item_count, f->unit, 0, 1440, &count, &f->err));
	assert_int_equal(count, 1);
}

/* Two updates made from the same read of an item (two clerks answering it
 * at once): the first wins and the version goes up, the second is
 * HL_ECONFLICT naming "version" and changes nothing; a gone item is
 * HL_ENOTFOUND. */
static void test_item_cas(void **state)
{
	struct fx *f = *state;
	struct store_fb_item it = item(f->unit, "PA-1", 1000), lan, minh, got;

	OK(f, STORE(f->st, feedback, fb_item_put, &it, "Nội dung", &f->err));
	assert_int_equal(it.version, 1);
	OK(f, STORE(f->st, feedback, fb_item_get, "PA-1", f->a, &lan, &f->err));
	OK(f, STORE(f->st, feedback, fb_item_get, "PA-1", f->a, &minh, &f->err));
	assert_int_equal(lan.version, 1);
	lan.answered_at = 1100;
	minh.answered_at = 1200;
	OK(f, STORE(f->st, feedback, fb_item_update, &lan, "Trả lời của Lan", &f->err));
	assert_int_equal(lan.version, 2);
	assert_int_equal(STORE(f->st, feedback, fb_item_update, &minh, "Trả lời của Minh", &f->err),
		HL_ECONFLICT);
	assert_string_equal(f->err.where, "version");
	assert_int_equal(minh.version, 1);
	OK(f, STORE(f->st, feedback, fb_item_get, "PA-1", f->a, &got, &f->err));
	assert_string_equal(got.answer, "Trả lời của Lan");
	assert_int_equal(got.answered_at, 1100);
	assert_int_equal(got.version, 2);
	got.id = 999999;
	assert_int_equal(STORE(f->st, feedback, fb_item_update, &got, NULL, &f->err), HL_ENOTFOUND);
}

struct racer {
	struct store *st;
	struct store_fb_item it;
	int rc;
	struct hl_err err;
};

/* The second clerk's update, in its own transaction on its own connection. */
static void *race(void *arg)
{
	struct racer *r = arg;

	r->rc = store_begin(r->st, &r->err);
	if (r->rc == HL_OK)
		r->rc = STORE(r->st, feedback, fb_item_update, &r->it, "Trả lời của Minh", &r->err);
	if (r->rc == HL_OK)
		r->rc = store_commit(r->st, &r->err);
	else
		store_rollback(r->st, NULL);
	return NULL;
}

/* The same race with two connections at once: the second update waits for
 * the first's transaction (PostgreSQL's row lock, SQLite's write lock) and
 * then matches no row, whichever comes first to the database: the first's
 * answer is kept, the second told. */
static void test_item_cas_two_connections(void **state)
{
	struct fx *f = *state;
	struct store_fb_item it = item(f->unit, "PA-1", 1000), lan, got;
	struct racer minh = {0};
	pthread_t t;

	OK(f, STORE(f->st, feedback, fb_item_put, &it, "Nội dung", &f->err));
	OK(f, store_open(f->path, &minh.st, &f->err));
	OK(f, STORE(f->st, feedback, fb_item_get, "PA-1", f->a, &lan, &f->err));
	OK(f, STORE(minh.st, feedback, fb_item_get, "PA-1", f->a, &minh.it, &f->err));
	lan.answered_at = 1100;
	minh.it.answered_at = 1200;
	OK(f, store_begin(f->st, &f->err));
	OK(f, STORE(f->st, feedback, fb_item_update, &lan, "Trả lời của Lan", &f->err));
	assert_int_equal(pthread_create(&t, NULL, race, &minh), 0);
	usleep(200 * 1000); /* long enough for the second to be waiting */
	OK(f, store_commit(f->st, &f->err));
	pthread_join(t, NULL);
	if (minh.rc != HL_ECONFLICT)
		print_error("%s\n", minh.err.msg);
	assert_int_equal(minh.rc, HL_ECONFLICT);
	assert_int_equal(minh.it.version, 1);
	OK(f, STORE(f->st, feedback, fb_item_get, "PA-1", f->a, &got, &f->err));
	assert_string_equal(got.answer, "Trả lời của Lan");
	assert_int_equal(got.answered_at, 1100);
	assert_int_equal(got.version, 2);
	store_close(minh.st);
}

/* Answer letters are numbered per unit and year by a counter: the next
 * after the largest taken or given, never one another item has. */
static void test_answer_numbers(void **state)
{
	struct fx *f = *state;
	struct store_fb_item a = item(f->unit, "PA-1", 1000), b = item(f->unit, "PA-2", 1000);
	struct store_fb_item c = item(f->unit2, "PB-1", 1000);
	struct store *other = NULL;
	int no = 0;

	OK(f, STORE(f->st, feedback, fb_item_put, &a, "một", &f->err));
	OK(f, STORE(f->st, feedback, fb_item_put, &b, "hai", &f->err));
	OK(f, STORE(f->st, feedback, fb_item_put, &c, "ba", &f->err));
	OK(f, STORE(f->st, feedback, fb_answer_number, f->unit, 2025, a.id, &no, &f->err));
	assert_int_equal(no, 1);
	/* a second writer takes the next, in its own transaction */
	OK(f, store_open(f->path, &other, &f->err));
	no = 0;
	OK(f, store_begin(other, &f->err));
	OK(f, STORE(other, feedback, fb_answer_number, f->unit, 2025, b.id, &no, &f->err));
	OK(f, store_commit(other, &f->err));
	assert_int_equal(no, 2);
	store_close(other);
	/* given by hand: recorded, and the counter goes on after it */
	no = 7;
	OK(f, STORE(f->st, feedback, fb_answer_number, f->unit, 2025, a.id, &no, &f->err));
	assert_int_equal(no, 7);
	no = 7;
	OK(f,
		STORE(f->st, feedback, fb_answer_number, f->unit, 2025, a.id, &no,
			&f->err)); /* again */
	no = 2;
	assert_int_equal(STORE(f->st, feedback, fb_answer_number, f->unit, 2025, a.id, &no,
				 &f->err),
		HL_EEXIST);
	no = 0;
	OK(f, STORE(f->st, feedback, fb_answer_number, f->unit, 2025, b.id, &no, &f->err));
	assert_int_equal(no, 8);
	/* another year, another unit: from 1 */
	no = 0;
	OK(f, STORE(f->st, feedback, fb_answer_number, f->unit, 2026, b.id, &no, &f->err));
	assert_int_equal(no, 1);
	no = 0;
	OK(f, STORE(f->st, feedback, fb_answer_number, f->unit2, 2025, c.id, &no, &f->err));
	assert_int_equal(no, 1);
}

static void test_contact_steps_deadlines(void **state)
{
	struct fx *f = *state;
	struct store_fb_item a = item(f->unit, "PA-1", 1000);
	struct store_fb_step s = {.at = 1000}, *steps = NULL;
	struct store_fb_deadline d = {.unit_id = f->unit,
					 .cls = 0,
					 .forward_hours = -1,
					 .answer_days = 5},
				 *dl = NULL;
	char *name = NULL, *contact = NULL;
	size_t n = 0;

	OK(f, STORE(f->st, feedback, fb_item_put, &a, "Nội dung", &f->err));
	OK(f, STORE(f->st, feedback, fb_contact_get, a.id, f->a, &name, &contact, &f->err));
	assert_string_equal(name, "");
	assert_string_equal(contact, "");
	OK(f, STORE(f->st, feedback, fb_contact_put, a.id, "Nguyễn Văn An", "0905123456", &f->err));
	OK(f, STORE(f->st, feedback, fb_contact_get, a.id, f->a, &name, &contact, &f->err));
	assert_string_equal(name, "Nguyễn Văn An");
	assert_string_equal(contact, "0905123456");

	s.item_id = a.id;
	snprintf(s.step, sizeof(s.step), "received");
	snprintf(s.who, sizeof(s.who), "cli:lan");
	OK(f, STORE(f->st, feedback, fb_step_add, &s, &f->err));
	snprintf(s.step, sizeof(s.step), "classified");
	s.at = 1010;
	OK(f, STORE(f->st, feedback, fb_step_add, &s, &f->err));
	OK(f, STORE(f->st, feedback, fb_step_list, a.id, f->a, &steps, &n, &f->err));
	assert_int_equal(n, 2);
	assert_string_equal(steps[0].step, "received");
	assert_string_equal(steps[1].who, "cli:lan");
	assert_int_equal(steps[1].at, 1010);

	OK(f, STORE(f->st, feedback, fb_deadline_set, &d, &f->err));
	d.cls = 2;
	d.forward_hours = 4;
	d.answer_days = -1;
	OK(f, STORE(f->st, feedback, fb_deadline_set, &d, &f->err));
	OK(f, STORE(f->st, feedback, fb_deadline_list, f->a, &dl, &n, &f->err));
	assert_int_equal(n, 2);
	assert_int_equal(dl[0].forward_hours, -1);
	assert_int_equal(dl[0].answer_days, 5);
	assert_int_equal(dl[1].cls, 2);
	assert_int_equal(dl[1].forward_hours, 4);
	assert_int_equal(dl[1].answer_days, -1);
	d.unit_id = 0;
	assert_int_equal(STORE(f->st, feedback, fb_deadline_set, &d, &f->err), HL_EINVAL);
}

/* Idempotency keys: scoped to the unit, one per key. */
static void test_idem(void **state)
{
	struct fx *f = *state;
	struct store_fb_item a = item(f->unit, "PA-1", 1000);
	struct store_fb_idem k = {.unit_id = f->unit}, got;

	OK(f, STORE(f->st, feedback, fb_item_put, &a, "Nội dung", &f->err));
	memset(k.key_hash, 1, STORE_HASH_LEN);
	memset(k.content_hash, 2, STORE_HASH_LEN);
	memset(k.salt, 3, STORE_HASH_LEN);
	k.item_id = a.id;
	assert_int_equal(STORE(f->st, feedback, fb_idem_get, f->unit, k.key_hash, &got, &f->err),
		HL_ENOTFOUND);
	OK(f, STORE(f->st, feedback, fb_idem_put, &k, &f->err));
	assert_int_equal(STORE(f->st, feedback, fb_idem_put, &k, &f->err), HL_EEXIST);
	OK(f, STORE(f->st, feedback, fb_idem_get, f->unit, k.key_hash, &got, &f->err));
	assert_int_equal(got.unit_id, f->unit);
	assert_int_equal(got.item_id, a.id);
	assert_memory_equal(got.key_hash, k.key_hash, STORE_HASH_LEN);
	assert_memory_equal(got.content_hash, k.content_hash, STORE_HASH_LEN);
	assert_memory_equal(got.salt, k.salt, STORE_HASH_LEN);
	/* the same key in another unit is another key */
	assert_int_equal(STORE(f->st, feedback, fb_idem_get, f->unit2, k.key_hash, &got, &f->err),
		HL_ENOTFOUND);
	k.unit_id = f->unit2;
	OK(f, STORE(f->st, feedback, fb_idem_put, &k, &f->err));
}

int main(void)
{
	struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_offices, setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_answer_numbers, setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_items, setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_item_cas, setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_item_cas_two_connections, setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_contact_steps_deadlines, setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_idem, setup, fx_teardown),
	};

	return FX_RUN(tests);
}
