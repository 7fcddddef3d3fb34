/* test_ratelimit.c — the rate-limit rules (svc/ratelimit.h) and logging in
 * under them (svc/accounts.h), on a real store: counters exact per key
 * whatever names an attacker picks (the hashed slots they replace let 30
 * chosen names wipe an address's counter), the window, long keys kept
 * apart; failed logins counted per address and per name and successful ones
 * never, an unknown or disabled name counted like a wrong password, and the
 * limit exact when attempts race on several connections. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include "../store/store_fixture.h"
#include "store/store.h"
#include "store/store_fault.h"
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
	struct store *st;
	struct account_attempt a;
	int reserved;
	struct store *given; /* a store_fault connection armed to fail once counted, or NULL */
};

/* The server's writer, here: the attempt counted in its own transaction on
 * t->st, which it lends afterwards (arming t->given to fail its next call:
 * the connection the request came with may serve another request by then). */
static int reserve(void *ctx, int *result, struct store **st, struct hl_err *err)
{
	struct attempt *t = ctx;
	int rc = store_begin(t->st, err);

	if (rc == HL_OK)
		rc = account_login_reserve(t->st, t->a.name, t->a.addr, t->a.now, result, err);
	if (rc == HL_OK)
		rc = store_commit(t->st, err);
	else
		store_rollback(t->st, NULL);
	t->reserved++;
	if (t->given != NULL)
		store_fault_after(t->given, 1);
	*st = t->st;
	return rc;
}

/* Log in on st as the login page does: the attempt, then on success the
 * session stored (which gives the attempt back). *reserved: whether the
 * attempt was counted before its password was checked. */
static int login_on(struct store *st, const char *addr, const char *name, const char *pw,
	int64_t now, int *reserved, struct hl_err *err)
{
	struct attempt t = {.st = st,
		.a = {.name = name, .password = pw, .addr = addr, .now = now, .reserve = reserve}};
	struct store_session s = {.user_id = 0, .expires_at = now + 3600};
	struct store_user u;
	int result = -1, rc;

	t.a.ctx = &t;
	if ((rc = account_login(st, &t.a, &u, &result, err)) != HL_OK)
		return rc;
	if (reserved != NULL)
		*reserved = t.reserved;
	if (result != LOGIN_OK)
		return result;
	if (strcmp(u.name, name) != 0)
		return -1;
	s.user_id = u.id;
	snprintf(s.csrf, sizeof(s.csrf), "c");
	snprintf((char *)s.token_hash, sizeof(s.token_hash), "%s%lld", name, (long long)now);
	if ((rc = store_begin(st, err)) == HL_OK &&
		(rc = account_login_ok(st, &s, name, addr, "web:test", now, err)) == HL_OK)
		rc = store_commit(st, err);
	return rc != HL_OK ? rc : LOGIN_OK;
}

static int login(struct fx *f, const char *addr, const char *name, const char *pw, int64_t now,
	int *reserved)
{
	int result = login_on(f->st, addr, name, pw, now, reserved, &f->err);

	if (result < 0)
		print_error("%s\n", f->err.msg);
	assert_true(result >= 0);
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
	int rec;

	add_user(f, "vanthu", "mat-khau-dung-1");
	add_user(f, "canbo", "mat-khau-dung-2");

	/* successes are never counted: a whole office behind one address (the
	 * five failures below lock it only at the fifth) */
	for (int i = 0; i < 8; i++)
		assert_int_equal(login(f, "10.0.0.1", "vanthu", "mat-khau-dung-1", 1000, NULL),
			LOGIN_OK);
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
	assert_false(over(f, RL_LOGIN_ADDR, "10.0.0.2", 1001));
	/* five failures for a name from five addresses: the name is locked */
	for (int i = 0; i < 5; i++) {
		char addr[32];

		snprintf(addr, sizeof(addr), "10.0.1.%d", i);
		assert_int_equal(login(f, addr, "canbo", "sai", 1002, NULL), LOGIN_WRONG);
	}
	assert_int_equal(login(f, "10.0.2.1", "canbo", "mat-khau-dung-2", 1003, NULL),
		LOGIN_LOCKED_NAME);
	/* a locked name is not its caller's failure: the clerk trying again and
	 * again from the office does not lock the office's address out */
	for (int i = 0; i < 6; i++)
		assert_int_equal(login(f, "10.0.2.1", "canbo", "mat-khau-dung-2", 1003, NULL),
			LOGIN_LOCKED_NAME);
	assert_false(over(f, RL_LOGIN_ADDR, "10.0.2.1", 1003));
	/* five minutes after the first failure, all is forgiven */
	assert_int_equal(login(f, "10.0.2.1", "canbo", "mat-khau-dung-2", 1002 + 300, NULL),
		LOGIN_OK);
	assert_int_equal(login(f, "10.0.0.1", "vanthu", "mat-khau-dung-1", 1000 + 300, NULL),
		LOGIN_OK);
}

/* ---- attempts racing: each on its own connection, as server processes
 * sharing the database are ---- */

#define RACERS 8

struct racer {
	const char *path;
	pthread_barrier_t *go;
	int result;
	struct hl_err err;
};

static void *race(void *arg)
{
	struct racer *r = arg;
	struct store *st = NULL;

	r->result = -1;
	if (store_open(r->path, &st, &r->err) == HL_OK) {
		pthread_barrier_wait(r->go);
		r->result = login_on(st, "10.7.7.7", "dich", "sai-mat-khau", 5000, NULL, &r->err);
	} else {
		pthread_barrier_wait(r->go);
	}
	store_close(st);
	return NULL;
}

/* Eight wrong guesses at once from one address: exactly five get their
 * password checked, the others are refused as locked. Counting after the
 * check let two or more through past the limit, more with more processes. */
static void test_login_race(void **state)
{
	struct fx *f = *state;
	struct racer r[RACERS];
	pthread_t t[RACERS];
	pthread_barrier_t go;
	int wrong = 0, locked = 0;

	add_user(f, "dich", "mat-khau-dung-9");
	pthread_barrier_init(&go, NULL, RACERS);
	for (int i = 0; i < RACERS; i++) {
		r[i] = (struct racer){.path = f->path, .go = &go};
		assert_int_equal(pthread_create(&t[i], NULL, race, &r[i]), 0);
	}
	for (int i = 0; i < RACERS; i++) {
		pthread_join(t[i], NULL);
		if (r[i].result < 0)
			print_error("%s\n", r[i].err.msg);
		wrong += r[i].result == LOGIN_WRONG;
		locked += r[i].result == LOGIN_LOCKED_ADDR;
	}
	pthread_barrier_destroy(&go);
	assert_int_equal(wrong, 5);
	assert_int_equal(locked, RACERS - 5);
}

/* After the attempt is counted the account is read through the connection
 * the writer lends, never the one given back (a race on a fast machine: one
 * 500 among parallel logins). */
static void test_login_reads_lent_connection(void **state)
{
	struct fx *f = *state;
	struct store *inner = NULL;
	struct store_user u;
	struct attempt t = {.st = f->st,
		.a = {.name = "lent",
			.password = "mat-khau-dung-4",
			.addr = "10.4.0.1",
			.now = 1000,
			.reserve = reserve}};
	int result = -1;

	add_user(f, "lent", "mat-khau-dung-4");
	OK(f, store_open(f->path, &inner, &f->err));
	OK(f, store_fault_wrap(inner, &t.given, &f->err));
	t.a.ctx = &t;
	OK(f, account_login(t.given, &t.a, &u, &result, &f->err));
	assert_int_equal(result, LOGIN_OK);
	assert_string_equal(u.name, "lent");
	assert_false(store_fault_fired(t.given));
	store_close(t.given);
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
		cmocka_unit_test_setup_teardown(test_login_race, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_login_reads_lent_connection, fx_setup,
			fx_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
