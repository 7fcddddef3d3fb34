/* test_accounts.c — who did something, as people read it
 * (svc/accounts.h account_who_label): the command line, an account, a
 * kiosk and the public form in Vietnamese, anything else as it is. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "base/arena.h"
#include "base/token.h"
#include "store/store_fault.h"
#include "svc/accounts.h"
#include "../store/store_fixture.h"

static void test_who_label(void **state)
{
	static const char *const cases[][2] = {
		{"cli", "dòng lệnh"},
		{"cli:root", "dòng lệnh (root)"},
		{"web:canbo", "canbo"},
		{"web:cong-dan", "người dân (trang công khai)"},
		{"web:nguoi-gui", "người gửi"},
		{"kiosk:Quầy 1", "kiosk Quầy 1"},
		{"demo", "demo"},
		{"web:", "web:"},
		{"", ""},
	};
	struct hl_arena *a = hl_arena_new(1 << 16);

	(void)state;
	assert_non_null(a);
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		assert_string_equal(account_who_label(a, cases[i][0]), cases[i][1]);
	assert_string_equal(account_who_label(a, NULL), "");
	hl_arena_free(a);
}

/* account_identify: a live session names its user; an unknown cookie,
 * an expired session or a disabled account name nobody; a wrong kiosk
 * token is refused; a store that fails is an error, never "nobody" (the
 * server answers 503, not a login page). */
static void test_identify(void **state)
{
	struct fx *f = *state;
	struct store_user u = {.role = 1}, got;
	struct store_session s = {0}, gs;
	struct store_kiosk k = {.unit_id = 0}, gk;
	bool is_k, is_u;
	struct store *fault;

	strcpy(u.name, "lan");
	strcpy(u.pwhash, "x");
	OK(f, STORE(f->st, accounts, user_put, &u, &f->err));
	token_hash("bi-mat-phien", s.token_hash);
	s.user_id = u.id;
	s.expires_at = 2000;
	OK(f, STORE(f->st, accounts, session_put, &s, &f->err));
	strcpy(k.name, "Quầy 1");
	k.unit_id = f->unit;
	token_hash("bi-mat-kiosk", k.token_hash);
	OK(f, STORE(f->st, accounts, kiosk_put, &k, &f->err));

	OK(f,
		account_identify(f->st, NULL, "bi-mat-phien", 1000, &gk, &is_k, &gs, &got, &is_u,
			&f->err));
	assert_true(is_u);
	assert_false(is_k);
	assert_string_equal(got.name, "lan");
	OK(f, account_identify(f->st, NULL, "khac", 1000, &gk, &is_k, &gs, &got, &is_u, &f->err));
	assert_false(is_u);
	OK(f,
		account_identify(f->st, NULL, "bi-mat-phien", 3000, &gk, &is_k, &gs, &got, &is_u,
			&f->err));
	assert_false(is_u);
	OK(f,
		account_identify(f->st, "bi-mat-kiosk", NULL, 1000, &gk, &is_k, &gs, &got, &is_u,
			&f->err));
	assert_true(is_k);
	assert_int_equal(gk.unit_id, f->unit);
	assert_int_equal(account_identify(f->st, "sai", NULL, 1000, &gk, &is_k, &gs, &got, &is_u,
				 &f->err),
		HL_EPERM);
	assert_false(is_k);

	OK(f, store_fault_wrap(f->st, &fault, &f->err));
	f->st = fault;
	store_fault_after(fault, 1);
	assert_int_equal(account_identify(f->st, NULL, "bi-mat-phien", 1000, &gk, &is_k, &gs, &got,
				 &is_u, &f->err),
		HL_EIO);
	assert_false(is_u);
	/* the session and its user are one read: a second call is not made */
	store_fault_after(fault, 2);
	OK(f,
		account_identify(f->st, NULL, "bi-mat-phien", 1000, &gk, &is_k, &gs, &got, &is_u,
			&f->err));
	assert_true(is_u);
	store_fault_after(fault, 0);
	store_fault_after(fault, 1);
	assert_int_equal(account_identify(f->st, "bi-mat-kiosk", NULL, 1000, &gk, &is_k, &gs, &got,
				 &is_u, &f->err),
		HL_EIO);
	assert_false(is_k);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_who_label),
		cmocka_unit_test_setup_teardown(test_identify, fx_setup_units, fx_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
