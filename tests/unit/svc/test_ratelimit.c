/* test_ratelimit.c — the rate-limit rules (svc/ratelimit.h) and logging in
 * under them (svc/accounts.h), on a real store: counters exact per key
 * whatever names an attacker picks (the hashed slots they replace let 30
 * chosen names wipe an address's counter), the window, long keys kept
 * apart; failed logins counted per address and per name and successful ones
 * never, an unknown or disabled name counted like a wrong password. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "../store/store_fixture.h"
#include "store/store.h"
#include "svc/accounts.h"
#include "svc/ratelimit.h"

/* rl_take in its own transaction, as the server's writer runs it. */
static bool take(struct fx *f, enum rl_rule rule, const char *who, int64_t now)
{
	bool taken = false;

	OK(f, store_begin(f->st, &f->err));
	OK(f, rl_take(f->st, rule, who, now, &taken, &f->err));
	OK(f, store_commit(f->st, &f->err));
	return taken;
}

static bool over(struct fx *f, enum rl_rule rule, const char *who, int64_t now)
{
	bool o = false;

	OK(f, rl_over(f->st, rule, who, now, &o, &f->err));
	return o;
}

/* The old limiter's attack: after an address's failures, many chosen names
 * (each its own key). Every counter stays exact. */
static void test_keys_never_evicted(void **state)
{
	struct fx *f = *state;
	char name[32];

	for (int i = 0; i < rl_max(RL_LOGIN_ADDR); i++)
		assert_true(take(f, RL_LOGIN_ADDR, "10.1.0.1", 1000));
	assert_true(over(f, RL_LOGIN_ADDR, "10.1.0.1", 1001));
	OK(f, store_begin(f->st, &f->err));
	for (int i = 0; i < 3000; i++) {
		bool taken = false;

		snprintf(name, sizeof(name), "ke-do-%d", i);
		OK(f, rl_take(f->st, RL_LOGIN_NAME, name, 1001, &taken, &f->err));
		assert_true(taken);
		OK(f, rl_take(f->st, RL_FEEDBACK_ADDR, name, 1001, &taken, &f->err));
		assert_true(taken);
	}
	OK(f, store_commit(f->st, &f->err));
	assert_true(over(f, RL_LOGIN_ADDR, "10.1.0.1", 1002));
	assert_false(take(f, RL_LOGIN_ADDR, "10.1.0.1", 1002));
	/* the same who under another rule is another counter */
	assert_false(over(f, RL_LOGIN_NAME, "10.1.0.1", 1002));
	assert_false(over(f, RL_FEEDBACK_ADDR, "10.1.0.1", 1002));
}

/* Five public items an hour from one address: the sixth is refused, the
 * window opens with the first and an hour later all is new. */
static void test_feedback_window(void **state)
{
	struct fx *f = *state;
	int taken = 0;

	assert_int_equal(rl_max(RL_FEEDBACK_ADDR), 5);
	assert_int_equal(rl_window(RL_FEEDBACK_ADDR), 3600);
	for (int i = 0; i < 20; i++)
		taken += take(f, RL_FEEDBACK_ADDR, "203.0.113.7", 5000 + i * 180);
	assert_int_equal(taken, 5);
	assert_true(take(f, RL_FEEDBACK_ADDR, "203.0.113.7", 5000 + 3600));
	assert_false(over(f, RL_FEEDBACK_ADDR, "203.0.113.8", 5000));
}

/* A who too long for a key is counted by its hash: still its own counter. */
static void test_long_who(void **state)
{
	struct fx *f = *state;
	char a[400], b[400];

	memset(a, 'x', sizeof(a) - 1);
	a[sizeof(a) - 1] = '\0';
	memcpy(b, a, sizeof(b));
	b[sizeof(b) - 2] = 'y';
	for (int i = 0; i < 5; i++)
		assert_true(take(f, RL_LOGIN_NAME, a, 1000));
	assert_true(over(f, RL_LOGIN_NAME, a, 1000));
	assert_false(over(f, RL_LOGIN_NAME, b, 1000));
	OK(f, store_begin(f->st, &f->err));
	OK(f, rl_clear(f->st, RL_LOGIN_NAME, a, &f->err));
	OK(f, store_commit(f->st, &f->err));
	assert_false(over(f, RL_LOGIN_NAME, a, 1000));
}

/* ---- logging in ---- */

struct attempt {
	struct fx *f;
	struct account_attempt a;
	int recorded;
};

/* The server's writer, here: the failure in its own transaction. */
static int record(void *ctx, struct hl_err *err)
{
	struct attempt *t = ctx;
	int rc = store_begin(t->f->st, err);

	if (rc == HL_OK)
		rc = account_login_failed(t->f->st, t->a.name, t->a.addr, t->a.now, err);
	if (rc == HL_OK)
		rc = store_commit(t->f->st, err);
	t->recorded++;
	return rc;
}

static int login(struct fx *f, const char *addr, const char *name, const char *pw, int64_t now,
	int *recorded)
{
	struct attempt t = {.f = f,
		.a = {.name = name,
			.password = pw,
			.addr = addr,
			.now = now,
			.record_failure = record}};
	struct store_user u;
	int result = -1;

	t.a.ctx = &t;
	OK(f, account_login(f->st, &t.a, &u, &result, &f->err));
	if (result == LOGIN_OK)
		assert_string_equal(u.name, name);
	if (recorded != NULL)
		*recorded = t.recorded;
	return result;
}

static void add_user(struct fx *f, const char *name, const char *pw)
{
	struct store_user u;

	OK(f, account_prepare(f->st, name, "admin", NULL, pw, &u, &f->err));
	OK(f, store_begin(f->st, &f->err));
	OK(f, account_add(f->st, &u, NULL, "test", &f->err));
	OK(f, store_commit(f->st, &f->err));
}

static void test_login(void **state)
{
	struct fx *f = *state;
	struct store_session s = {.expires_at = 99999};
	struct store_user u;
	int rec;

	add_user(f, "vanthu", "mat-khau-dung-1");
	add_user(f, "canbo", "mat-khau-dung-2");

	/* successes are never counted: a whole office behind one address */
	for (int i = 0; i < 8; i++) {
		assert_int_equal(login(f, "10.0.0.1", "vanthu", "mat-khau-dung-1", 1000, &rec),
			LOGIN_OK);
		assert_int_equal(rec, 0);
	}
	/* a wrong password, an unknown name: counted for the address and the name */
	assert_int_equal(login(f, "10.0.0.1", "vanthu", "sai", 1000, &rec), LOGIN_WRONG);
	assert_int_equal(rec, 1);
	assert_int_equal(login(f, "10.0.0.1", "khong-co", "sai", 1000, &rec), LOGIN_WRONG);
	assert_int_equal(rec, 1);
	assert_false(over(f, RL_LOGIN_NAME, "khong-co", 1000));
	for (int i = 0; i < 3; i++)
		assert_int_equal(login(f, "10.0.0.1", "canbo", "sai", 1000, NULL), LOGIN_WRONG);
	/* five failures from the address: locked, the right password not even checked */
	assert_int_equal(login(f, "10.0.0.1", "vanthu", "mat-khau-dung-1", 1001, &rec),
		LOGIN_LOCKED_ADDR);
	assert_int_equal(rec, 0);
	/* elsewhere, canbo (3 failures) still gets in, and that clears its failures */
	assert_int_equal(login(f, "10.0.0.2", "canbo", "mat-khau-dung-2", 1001, NULL), LOGIN_OK);
	OK(f, STORE(f->st, accounts, user_get, "canbo", &u, &f->err));
	s.user_id = u.id;
	snprintf(s.csrf, sizeof(s.csrf), "c");
	OK(f, store_begin(f->st, &f->err));
	OK(f, account_login_ok(f->st, &s, "canbo", "web:canbo", 1001, &f->err));
	OK(f, store_commit(f->st, &f->err));
	/* five failures for a name from five addresses: the name is locked */
	for (int i = 0; i < 5; i++) {
		char addr[32];

		snprintf(addr, sizeof(addr), "10.0.1.%d", i);
		assert_int_equal(login(f, addr, "canbo", "sai", 1002, NULL), LOGIN_WRONG);
	}
	assert_int_equal(login(f, "10.0.2.1", "canbo", "mat-khau-dung-2", 1003, NULL),
		LOGIN_LOCKED_NAME);
	/* five minutes after the first failure, all is forgiven */
	assert_int_equal(login(f, "10.0.2.1", "canbo", "mat-khau-dung-2", 1002 + 300, NULL),
		LOGIN_OK);
	assert_int_equal(login(f, "10.0.0.1", "vanthu", "mat-khau-dung-1", 1000 + 300, NULL),
		LOGIN_OK);
}

/* A disabled account answers as a wrong password does, even with the right one. */
static void test_login_disabled(void **state)
{
	struct fx *f = *state;
	int rec;

	add_user(f, "nghi", "mat-khau-dung-3");
	OK(f, store_begin(f->st, &f->err));
	OK(f, account_disable(f->st, "nghi", "test", &f->err));
	OK(f, store_commit(f->st, &f->err));
	assert_int_equal(login(f, "10.9.0.1", "nghi", "mat-khau-dung-3", 1000, &rec), LOGIN_WRONG);
	assert_int_equal(rec, 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_keys_never_evicted, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_feedback_window, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_long_who, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_login, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_login_disabled, fx_setup, fx_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
