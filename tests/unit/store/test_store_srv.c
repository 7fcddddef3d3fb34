/* test_store_srv.c — the conformance suite of the server's part of the
 * storage interface (accounts, sessions, kiosks, held responses, survey links,
 * paper ballots, the audit log, savepoints, comments approved for
 * publication and what a published report quoting them shows), written only against
 * store/store.h; and, at the end, that the tallies leave out held responses.
 * Each test gets a fresh, migrated store in a temporary file. */
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
#include "core/instrument.h"
#include "io/instrument_json.h"
#include "store/store.h"
#include "store_fixture.h"
#include "svc/tallyacc.h"

/* A migrated store with two units and the built-in sipas-5 instrument. */
static int setup(void **state)
{
	struct store_instrument si = {.version = 1};
	struct hl_instrument *in;
	struct fx *f;
	char *json;

	if (fx_setup_units(state) != 0)
		return -1;
	f = *state;
	OK(f, hl_instrument_builtin(f->a, "sipas-5", &in, &f->err));
	json = ij_dump(in);
	assert_non_null(json);
	snprintf(si.code, sizeof(si.code), "sipas-5");
	snprintf(si.name, sizeof(si.name), "SIPAS");
	OK(f, STORE(f->st, instruments, instrument_put, &si, json, &f->err));
	free(json);
	f->instr = si.id;
	return 0;
}

static void fill_hash(unsigned char *h, unsigned char seed)
{
	for (int i = 0; i < STORE_HASH_LEN; i++)
		h[i] = (unsigned char)(seed + i * 7);
}

/* A full sipas-5 response (every answer 5) of unit, unsaved. */
static void make_response(struct fx *f, struct store_response *r, const char *ext, int64_t unit,
	int status)
{
	memset(r, 0, sizeof(*r));
	snprintf(r->ext_id, sizeof(r->ext_id), "%s", ext);
	r->unit_id = unit;
	r->day = 19800;
	r->instrument_id = f->instr;
	r->channel = CH_KIOSK;
	r->nanswers = 22;
	memset(r->answers, 5, (size_t)r->nanswers);
	r->status = status;
}

static void test_migrate(void **state)
{
	struct fx *f = *state;
	int v = 0, again = 0;

	OK(f, store_migrate(f->st, &v, &f->err));
	assert_true(v >= 4); /* 3: published reports, 4: reporting schedules, then more */
	OK(f, store_migrate(f->st, &again, &f->err));
	assert_int_equal(again, v);
}

static int unit_exists(struct fx *f, const char *code)
{
	struct store_unit u;

	return STORE(f->st, units, unit_get, code, &u, &f->err) == HL_OK;
}

static void test_savepoints(void **state)
{
	struct fx *f = *state;

	OK(f, store_begin(f->st, &f->err));
	fx_unit(f, "TRUOC", NULL, 0);
	OK(f, store_savepoint(f->st, &f->err));
	fx_unit(f, "HUY", NULL, 0);
	OK(f, store_rollback_to(f->st, &f->err));
	/* the savepoint is gone after rolling back to it */
	assert_int_equal(store_release(f->st, &f->err), HL_EIO);
	OK(f, store_savepoint(f->st, &f->err));
	fx_unit(f, "GIU", NULL, 0);
	OK(f, store_release(f->st, &f->err));
	/* and after releasing it */
	assert_int_equal(store_rollback_to(f->st, &f->err), HL_EIO);
	fx_unit(f, "SAU", NULL, 0);
	OK(f, store_commit(f->st, &f->err));
	assert_true(unit_exists(f, "TRUOC"));
	assert_false(unit_exists(f, "HUY"));
	assert_true(unit_exists(f, "GIU"));
	assert_true(unit_exists(f, "SAU"));

	/* a released savepoint's writes still go with the transaction's rollback */
	OK(f, store_begin(f->st, &f->err));
	OK(f, store_savepoint(f->st, &f->err));
	fx_unit(f, "MAT", NULL, 0);
	OK(f, store_release(f->st, &f->err));
	OK(f, store_rollback(f->st, &f->err));
	assert_false(unit_exists(f, "MAT"));

	/* no savepoint outside a transaction (it would start one) */
	assert_int_equal(store_savepoint(f->st, &f->err), HL_EIO);
	assert_int_equal(store_release(f->st, &f->err), HL_EIO);
	assert_int_equal(store_rollback_to(f->st, &f->err), HL_EIO);
}

struct collect {
	int n;
	struct store_response last;
	int status[8];
};

static int collect_cb(void *ctx, const struct store_response *r)
{
	struct collect *c = ctx;

	c->last = *r;
	c->n++;
	return 0;
}

static int core_cb(void *ctx, const struct store_response_core *r)
{
	struct collect *c = ctx;

	if (c->n < 8)
		c->status[c->n] = r->status;
	c->n++;
	return 0;
}

static void test_response_columns(void **state)
{
	struct fx *f = *state;
	struct store_response r, g;
	struct collect c;
	struct store_kiosk k = {.unit_id = 0};
	int64_t plain;

	k.unit_id = f->unit;
	snprintf(k.name, sizeof(k.name), "quay-1");
	fill_hash(k.token_hash, 1);
	OK(f, STORE(f->st, accounts, kiosk_put, &k, &f->err));

	make_response(f, &r, "", f->unit, RS_COUNTED);
	OK(f, STORE(f->st, responses, response_insert, &r, NULL, &f->err));
	plain = r.id;
	make_response(f, &r, "K-1", f->unit, RS_HELD);
	r.kiosk_id = k.id;
	r.received_at = 1700000000;
	OK(f, STORE(f->st, responses, response_insert, &r, NULL, &f->err));

	memset(&g, 0xAB, sizeof(g));
	OK(f, STORE(f->st, responses, response_get, r.id, &g, &f->err));
	assert_int_equal(g.id, r.id);
	assert_string_equal(g.ext_id, "K-1");
	assert_int_equal(g.status, RS_HELD);
	assert_int_equal(g.kiosk_id, k.id);
	assert_int_equal(g.received_at, 1700000000);
	assert_int_equal(g.nanswers, 22);
	assert_memory_equal(g.answers, r.answers, 22);
	assert_int_equal(g.channel, CH_KIOSK);
	assert_int_equal(g.batch_id, 0);

	memset(&g, 0xAB, sizeof(g));
	OK(f, STORE(f->st, responses, response_get, plain, &g, &f->err));
	assert_int_equal(g.status, RS_COUNTED);
	assert_int_equal(g.kiosk_id, 0);
	assert_int_equal(g.received_at, 0);
	assert_string_equal(g.ext_id, "");

	memset(&c, 0, sizeof(c));
	OK(f,
		STORE(f->st, responses, response_scan, f->unit, HL_DAY_NONE, HL_DAY_NONE,
			collect_cb, &c, &f->err));
	assert_int_equal(c.n, 2);
	assert_int_equal(c.last.status, RS_HELD);
	assert_int_equal(c.last.kiosk_id, k.id);
	assert_int_equal(c.last.received_at, 1700000000);

	memset(&c, 0, sizeof(c));
	OK(f, STORE(f->st, responses, response_scan_ids, 0, 0, INT64_MAX, core_cb, &c, &f->err));
	assert_int_equal(c.n, 2);
	assert_int_equal(c.status[0], RS_COUNTED);
	assert_int_equal(c.status[1], RS_HELD);

	assert_int_equal(STORE(f->st, responses, response_get, 999999, &g, &f->err), HL_ENOTFOUND);
	make_response(f, &r, "", f->unit, 7);
	assert_int_equal(STORE(f->st, responses, response_insert, &r, NULL, &f->err), HL_EINVAL);
}

static void test_users(void **state)
{
	struct fx *f = *state;
	struct store_user u = {.role = ROLE_CLERK}, g, *list;
	size_t n;
	int64_t id;

	u.unit_id = f->unit;
	snprintf(u.name, sizeof(u.name), "nguyen.van.a");
	snprintf(u.pwhash, sizeof(u.pwhash), "$argon2id$v=19$m=65536,t=2,p=1$abc$def");
	OK(f, STORE(f->st, accounts, user_put, &u, &f->err));
	assert_true(u.id > 0);
	id = u.id;

	/* the same name again updates the same user */
	u.id = 0;
	u.role = ROLE_SUPERVISOR;
	u.disabled = true;
	OK(f, STORE(f->st, accounts, user_put, &u, &f->err));
	assert_int_equal(u.id, id);
	OK(f, STORE(f->st, accounts, user_get, "nguyen.van.a", &g, &f->err));
	assert_int_equal(g.id, id);
	assert_int_equal(g.role, ROLE_SUPERVISOR);
	assert_int_equal(g.unit_id, f->unit);
	assert_true(g.disabled);
	assert_string_equal(g.pwhash, u.pwhash);
	OK(f, STORE(f->st, accounts, user_get_id, id, &g, &f->err));
	assert_string_equal(g.name, "nguyen.van.a");

	memset(&u, 0, sizeof(u));
	u.role = ROLE_ADMIN;
	snprintf(u.name, sizeof(u.name), "admin");
	snprintf(u.pwhash, sizeof(u.pwhash), "x");
	OK(f, STORE(f->st, accounts, user_put, &u, &f->err));
	OK(f, STORE(f->st, accounts, user_get, "admin", &g, &f->err));
	assert_int_equal(g.unit_id, 0);
	assert_false(g.disabled);

	OK(f, STORE(f->st, accounts, user_list, f->a, &list, &n, &f->err));
	assert_int_equal(n, 2);
	assert_string_equal(list[0].name, "admin");
	assert_string_equal(list[1].name, "nguyen.van.a");

	assert_int_equal(STORE(f->st, accounts, user_get, "khong-co", &g, &f->err), HL_ENOTFOUND);
	assert_non_null(strstr(f->err.msg, "khong-co"));
	assert_int_equal(STORE(f->st, accounts, user_get_id, 424242, &g, &f->err), HL_ENOTFOUND);
	u.name[0] = '\0';
	assert_int_equal(STORE(f->st, accounts, user_put, &u, &f->err), HL_EINVAL);
	snprintf(u.name, sizeof(u.name), "b");
	u.role = ROLE_NONE;
	assert_int_equal(STORE(f->st, accounts, user_put, &u, &f->err), HL_EINVAL);
	u.role = 9;
	assert_int_equal(STORE(f->st, accounts, user_put, &u, &f->err), HL_EINVAL);
}

static void test_sessions(void **state)
{
	struct fx *f = *state;
	struct store_user u = {.role = ROLE_ADMIN};
	struct store_session s = {.expires_at = 2000}, s2 = {.expires_at = 500}, g;
	struct store_user gu;

	snprintf(u.name, sizeof(u.name), "admin");
	snprintf(u.pwhash, sizeof(u.pwhash), "x");
	OK(f, STORE(f->st, accounts, user_put, &u, &f->err));
	fill_hash(s.token_hash, 10);
	s.user_id = u.id;
	snprintf(s.csrf, sizeof(s.csrf), "csrf-1");
	OK(f, STORE(f->st, accounts, session_put, &s, &f->err));
	fill_hash(s2.token_hash, 20);
	s2.user_id = u.id;
	snprintf(s2.csrf, sizeof(s2.csrf), "csrf-2");
	OK(f, STORE(f->st, accounts, session_put, &s2, &f->err));

	OK(f, STORE(f->st, accounts, session_user, s.token_hash, &g, &gu, &f->err));
	assert_memory_equal(g.token_hash, s.token_hash, STORE_HASH_LEN);
	assert_int_equal(g.user_id, u.id);
	assert_string_equal(g.csrf, "csrf-1");
	assert_int_equal(g.expires_at, 2000);
	/* with its user, in one read */
	memset(&g, 0, sizeof(g));
	OK(f, STORE(f->st, accounts, session_user, s.token_hash, &g, &gu, &f->err));
	assert_string_equal(g.csrf, "csrf-1");
	assert_int_equal(g.user_id, u.id);
	assert_int_equal(gu.id, u.id);
	assert_string_equal(gu.name, "admin");
	assert_int_equal(gu.role, ROLE_ADMIN);
	assert_string_equal(gu.pwhash, "x");

	/* the same hash replaces */
	s.expires_at = 3000;
	snprintf(s.csrf, sizeof(s.csrf), "csrf-1b");
	OK(f, STORE(f->st, accounts, session_put, &s, &f->err));
	OK(f, STORE(f->st, accounts, session_user, s.token_hash, &g, &gu, &f->err));
	assert_int_equal(g.expires_at, 3000);
	assert_string_equal(g.csrf, "csrf-1b");

	/* expired ones are returned until purged */
	OK(f, STORE(f->st, accounts, session_user, s2.token_hash, &g, &gu, &f->err));
	assert_int_equal(g.expires_at, 500);
	OK(f, STORE(f->st, accounts, session_purge, 1000, &f->err));
	assert_int_equal(STORE(f->st, accounts, session_user, s2.token_hash, &g, &gu, &f->err),
		HL_ENOTFOUND);
	OK(f, STORE(f->st, accounts, session_user, s.token_hash, &g, &gu, &f->err));
	/* expires_at == now is not yet expired */
	OK(f, STORE(f->st, accounts, session_purge, 3000, &f->err));
	OK(f, STORE(f->st, accounts, session_user, s.token_hash, &g, &gu, &f->err));

	OK(f, STORE(f->st, accounts, session_delete, s.token_hash, &f->err));
	assert_int_equal(STORE(f->st, accounts, session_user, s.token_hash, &g, &gu, &f->err),
		HL_ENOTFOUND);
	assert_int_equal(STORE(f->st, accounts, session_user, s.token_hash, &g, &gu, &f->err),
		HL_ENOTFOUND);
	OK(f, STORE(f->st, accounts, session_delete, s.token_hash, &f->err));
}

/* A user's sessions all end but one (a password changed from that session),
 * or all; another user's stay. */
static void test_sessions_of_user(void **state)
{
	struct fx *f = *state;
	struct store_user a = {.role = ROLE_ADMIN}, b = {.role = ROLE_ADMIN};
	struct store_session s[4], g;
	struct store_user gu;

	snprintf(a.name, sizeof(a.name), "a");
	snprintf(a.pwhash, sizeof(a.pwhash), "x");
	OK(f, STORE(f->st, accounts, user_put, &a, &f->err));
	snprintf(b.name, sizeof(b.name), "b");
	snprintf(b.pwhash, sizeof(b.pwhash), "x");
	OK(f, STORE(f->st, accounts, user_put, &b, &f->err));
	for (int i = 0; i < 4; i++) {
		memset(&s[i], 0, sizeof(s[i]));
		fill_hash(s[i].token_hash, (unsigned char)(30 + i));
		s[i].user_id = i < 3 ? a.id : b.id;
		s[i].expires_at = 5000;
		snprintf(s[i].csrf, sizeof(s[i].csrf), "c%d", i);
		OK(f, STORE(f->st, accounts, session_put, &s[i], &f->err));
	}
	OK(f, STORE(f->st, accounts, session_delete_user, a.id, s[1].token_hash, &f->err));
	assert_int_equal(STORE(f->st, accounts, session_user, s[0].token_hash, &g, &gu, &f->err),
		HL_ENOTFOUND);
	OK(f, STORE(f->st, accounts, session_user, s[1].token_hash, &g, &gu, &f->err));
	assert_int_equal(STORE(f->st, accounts, session_user, s[2].token_hash, &g, &gu, &f->err),
		HL_ENOTFOUND);
	OK(f, STORE(f->st, accounts, session_user, s[3].token_hash, &g, &gu, &f->err));
	OK(f, STORE(f->st, accounts, session_delete_user, a.id, NULL, &f->err));
	assert_int_equal(STORE(f->st, accounts, session_user, s[1].token_hash, &g, &gu, &f->err),
		HL_ENOTFOUND);
	OK(f, STORE(f->st, accounts, session_user, s[3].token_hash, &g, &gu, &f->err));
	OK(f, STORE(f->st, accounts, session_delete_user, a.id, NULL, &f->err));
}

static void test_kiosks(void **state)
{
	struct fx *f = *state;
	struct store_kiosk k = {0}, k2 = {0}, g, *list;
	struct store_response r;
	size_t n;

	k.unit_id = f->unit;
	snprintf(k.name, sizeof(k.name), "quay-2");
	fill_hash(k.token_hash, 1);
	OK(f, STORE(f->st, accounts, kiosk_put, &k, &f->err));
	assert_true(k.id > 0);
	k2.unit_id = f->unit2;
	snprintf(k2.name, sizeof(k2.name), "quay-1");
	fill_hash(k2.token_hash, 2);
	OK(f, STORE(f->st, accounts, kiosk_put, &k2, &f->err));

	/* a name is taken once */
	fill_hash(k.token_hash, 3);
	assert_int_equal(STORE(f->st, accounts, kiosk_put, &k, &f->err), HL_EEXIST);
	assert_non_null(strstr(f->err.msg, "quay-2"));
	assert_non_null(strstr(f->err.msg, "đã có"));
	k.name[0] = '\0';
	assert_int_equal(STORE(f->st, accounts, kiosk_put, &k, &f->err), HL_EINVAL);

	fill_hash(k.token_hash, 1);
	OK(f, STORE(f->st, accounts, kiosk_get_token, k.token_hash, &g, &f->err));
	assert_string_equal(g.name, "quay-2");
	assert_int_equal(g.unit_id, f->unit);
	assert_false(g.revoked);
	assert_memory_equal(g.token_hash, k.token_hash, STORE_HASH_LEN);
	fill_hash(k.token_hash, 99);
	assert_int_equal(STORE(f->st, accounts, kiosk_get_token, k.token_hash, &g, &f->err),
		HL_ENOTFOUND);

	OK(f, STORE(f->st, accounts, kiosk_list, f->a, &list, &n, &f->err));
	assert_int_equal(n, 2);
	assert_string_equal(list[0].name, "quay-1");
	assert_string_equal(list[1].name, "quay-2");

	OK(f, STORE(f->st, accounts, kiosk_revoke, "quay-2", &f->err));
	OK(f, STORE(f->st, accounts, kiosk_revoke, "quay-2", &f->err));
	fill_hash(k.token_hash, 1);
	OK(f, STORE(f->st, accounts, kiosk_get_token, k.token_hash, &g, &f->err));
	assert_true(g.revoked);
	OK(f, STORE(f->st, accounts, kiosk_get_token, k2.token_hash, &g, &f->err));
	assert_false(g.revoked);
	assert_int_equal(STORE(f->st, accounts, kiosk_revoke, "khong-co", &f->err), HL_ENOTFOUND);
	assert_non_null(strstr(f->err.msg, "khong-co"));

	/* the burst count: this kiosk's responses received at or after t */
	for (int i = 0; i < 5; i++) {
		char ext[16];

		snprintf(ext, sizeof(ext), "B-%d", i);
		make_response(f, &r, ext, f->unit, RS_COUNTED);
		r.kiosk_id = i < 4 ? k2.id : 0;
		r.received_at = 1000 + i * 10;
		OK(f, STORE(f->st, responses, response_insert, &r, NULL, &f->err));
	}
	{
		int64_t cnt = -1;

		OK(f,
			STORE(f->st, responses, response_count_kiosk_since, k2.id, 1010, 100, &cnt,
				&f->err));
		assert_int_equal(cnt, 3);
		OK(f,
			STORE(f->st, responses, response_count_kiosk_since, k2.id, 0, 100, &cnt,
				&f->err));
		assert_int_equal(cnt, 4);
		/* counted up to the limit only */
		OK(f,
			STORE(f->st, responses, response_count_kiosk_since, k2.id, 0, 2, &cnt,
				&f->err));
		assert_int_equal(cnt, 2);
		OK(f,
			STORE(f->st, responses, response_count_kiosk_since, k2.id, 1031, 100, &cnt,
				&f->err));
		assert_int_equal(cnt, 0);
		OK(f,
			STORE(f->st, responses, response_count_kiosk_since, k.id, 0, 100, &cnt,
				&f->err));
		assert_int_equal(cnt, 0);
	}
	/* the list says when each kiosk's last response came */
	OK(f, STORE(f->st, accounts, kiosk_list, f->a, &list, &n, &f->err));
	assert_int_equal(list[0].last_at, 1030);
	assert_int_equal(list[1].last_at, 0);

	/* renaming: to a free name only; the token and responses stay */
	assert_int_equal(STORE(f->st, accounts, kiosk_rename, "quay-2", "quay-1", &f->err),
		HL_EEXIST);
	assert_non_null(strstr(f->err.msg, "quay-1"));
	assert_int_equal(STORE(f->st, accounts, kiosk_rename, "khong-co", "x", &f->err),
		HL_ENOTFOUND);
	assert_int_equal(STORE(f->st, accounts, kiosk_rename, "quay-1", "", &f->err), HL_EINVAL);
	OK(f, STORE(f->st, accounts, kiosk_rename, "quay-1", "Quầy tiếp nhận 1", &f->err));
	OK(f, STORE(f->st, accounts, kiosk_get_token, k2.token_hash, &g, &f->err));
	assert_string_equal(g.name, "Quầy tiếp nhận 1");
	assert_int_equal(g.id, k2.id);
	OK(f, STORE(f->st, accounts, kiosk_list, f->a, &list, &n, &f->err));
	assert_string_equal(list[0].name, "Quầy tiếp nhận 1");
	assert_int_equal(list[0].last_at, 1030);
}

static void test_held_responses(void **state)
{
	struct fx *f = *state;
	struct store_response r, *list;
	int64_t ids[6];
	size_t n;
	int st[6] = {RS_HELD, RS_COUNTED, RS_HELD, RS_HELD, RS_REJECTED, RS_HELD};

	for (int i = 0; i < 6; i++) {
		char ext[16];

		snprintf(ext, sizeof(ext), "H-%d", i);
		make_response(f, &r, ext, i == 5 ? f->unit2 : f->unit, st[i]);
		OK(f, STORE(f->st, responses, response_insert, &r, NULL, &f->err));
		ids[i] = r.id;
	}
	OK(f,
		STORE(f->st, responses, response_list_status, f->unit, RS_HELD, 0, f->a, &list, &n,
			&f->err));
	assert_int_equal(n, 3);
	assert_int_equal(list[0].id, ids[3]);
	assert_int_equal(list[1].id, ids[2]);
	assert_int_equal(list[2].id, ids[0]);
	assert_int_equal(list[0].status, RS_HELD);
	OK(f,
		STORE(f->st, responses, response_list_status, 0, RS_HELD, 0, f->a, &list, &n,
			&f->err));
	assert_int_equal(n, 4);
	assert_int_equal(list[0].id, ids[5]);
	OK(f,
		STORE(f->st, responses, response_list_status, 0, RS_HELD, 2, f->a, &list, &n,
			&f->err));
	assert_int_equal(n, 2);
	assert_int_equal(list[1].id, ids[3]);
	OK(f,
		STORE(f->st, responses, response_list_status, 0, RS_COUNTED, 0, f->a, &list, &n,
			&f->err));
	assert_int_equal(n, 1);
	assert_int_equal(list[0].id, ids[1]);
	OK(f,
		STORE(f->st, responses, response_list_status, f->unit2, RS_REJECTED, 0, f->a, &list,
			&n, &f->err));
	assert_int_equal(n, 0);
	assert_null(list);

	OK(f, STORE(f->st, responses, response_set_status, ids[0], RS_COUNTED, &f->err));
	OK(f, STORE(f->st, responses, response_set_status, ids[2], RS_REJECTED, &f->err));
	OK(f, STORE(f->st, responses, response_get, ids[2], &r, &f->err));
	assert_int_equal(r.status, RS_REJECTED);
	OK(f,
		STORE(f->st, responses, response_list_status, f->unit, RS_HELD, 0, f->a, &list, &n,
			&f->err));
	assert_int_equal(n, 1);
	assert_int_equal(list[0].id, ids[3]);
	OK(f,
		STORE(f->st, responses, response_list_status, f->unit, RS_REJECTED, 0, f->a, &list,
			&n, &f->err));
	assert_int_equal(n, 2);
	assert_int_equal(STORE(f->st, responses, response_set_status, 424242, RS_COUNTED, &f->err),
		HL_ENOTFOUND);
	assert_int_equal(STORE(f->st, responses, response_set_status, ids[3], 3, &f->err),
		HL_EINVAL);
	assert_int_equal(STORE(f->st, responses, response_set_status, ids[3], -1, &f->err),
		HL_EINVAL);
}

static void test_receipts(void **state)
{
	struct fx *f = *state;
	struct store_receipt r = {.created_at = 1700000000}, g;
	struct store_response resp;
	unsigned char other[STORE_HASH_LEN];

	fill_hash(r.token_hash, 40);
	snprintf(r.dossier, sizeof(r.dossier), "HS-000123");
	r.unit_id = f->unit;
	OK(f, STORE(f->st, intake, receipt_put, &r, &f->err));
	assert_int_equal(STORE(f->st, intake, receipt_put, &r, &f->err), HL_EEXIST);
	OK(f, STORE(f->st, intake, receipt_get, r.token_hash, &g, &f->err));
	assert_string_equal(g.dossier, "HS-000123");
	assert_int_equal(g.unit_id, f->unit);
	assert_int_equal(g.created_at, 1700000000);
	assert_int_equal(g.used_at, 0);
	assert_int_equal(g.response_id, 0);

	make_response(f, &resp, "QR-1", f->unit, RS_COUNTED);
	resp.channel = CH_QR;
	OK(f, STORE(f->st, responses, response_insert, &resp, NULL, &f->err));
	OK(f, STORE(f->st, intake, receipt_use, r.token_hash, resp.id, 1700000500, &f->err));
	OK(f, STORE(f->st, intake, receipt_get, r.token_hash, &g, &f->err));
	assert_int_equal(g.used_at, 1700000500);
	assert_int_equal(g.response_id, resp.id);

	/* the link works once */
	assert_int_equal(STORE(f->st, intake, receipt_use, r.token_hash, 0, 1700000900, &f->err),
		HL_ECONFLICT);
	assert_non_null(strstr(f->err.msg, "đường dẫn khảo sát này đã được dùng"));
	OK(f, STORE(f->st, intake, receipt_get, r.token_hash, &g, &f->err));
	assert_int_equal(g.used_at, 1700000500);
	assert_int_equal(g.response_id, resp.id);

	fill_hash(other, 41);
	assert_int_equal(STORE(f->st, intake, receipt_use, other, 0, 1700000900, &f->err),
		HL_ENOTFOUND);
	assert_int_equal(STORE(f->st, intake, receipt_get, other, &g, &f->err), HL_ENOTFOUND);
	/* used without a response, and an invalid time */
	memcpy(r.token_hash, other, STORE_HASH_LEN);
	OK(f, STORE(f->st, intake, receipt_put, &r, &f->err));
	assert_int_equal(STORE(f->st, intake, receipt_use, other, 0, 0, &f->err), HL_EINVAL);
	OK(f, STORE(f->st, intake, receipt_use, other, 0, 5, &f->err));
	OK(f, STORE(f->st, intake, receipt_get, other, &g, &f->err));
	assert_int_equal(g.used_at, 5);
	assert_int_equal(g.response_id, 0);
	r.dossier[0] = '\0';
	fill_hash(r.token_hash, 42);
	assert_int_equal(STORE(f->st, intake, receipt_put, &r, &f->err), HL_EINVAL);
}

/* One current link per dossier (issue 12): a new one replaces the unused
 * ones, which then cannot be used; a used one stops replacement. */
static void test_receipt_replace(void **state)
{
	struct fx *f = *state;
	struct store_receipt a = {.created_at = 100}, b, c, g;
	int64_t used;
	int n;

	fill_hash(a.token_hash, 50);
	snprintf(a.dossier, sizeof(a.dossier), "HS-7");
	a.unit_id = f->unit;
	b = a;
	fill_hash(b.token_hash, 51);
	c = a;
	fill_hash(c.token_hash, 52);
	c.unit_id = f->unit2; /* the same code in another unit */
	OK(f, STORE(f->st, intake, receipt_replace, f->unit, "HS-7", 150, &used, &n, &f->err));
	assert_int_equal(used, 0);
	assert_int_equal(n, 0);
	OK(f, STORE(f->st, intake, receipt_put, &a, &f->err));
	OK(f, STORE(f->st, intake, receipt_put, &c, &f->err));
	OK(f, STORE(f->st, intake, receipt_get, a.token_hash, &g, &f->err));
	assert_int_equal(g.replaced_at, 0);
	OK(f, STORE(f->st, intake, receipt_replace, f->unit, "HS-7", 200, &used, &n, &f->err));
	assert_int_equal(used, 0);
	assert_int_equal(n, 1);
	OK(f, STORE(f->st, intake, receipt_put, &b, &f->err));
	OK(f, STORE(f->st, intake, receipt_get, a.token_hash, &g, &f->err));
	assert_int_equal(g.replaced_at, 200);
	OK(f, STORE(f->st, intake, receipt_get, c.token_hash, &g, &f->err));
	assert_int_equal(g.replaced_at, 0);
	/* the replaced link cannot be used; the new one can */
	assert_int_equal(STORE(f->st, intake, receipt_use, a.token_hash, 0, 300, &f->err),
		HL_ECONFLICT);
	assert_non_null(strstr(f->err.msg, "thay"));
	OK(f, STORE(f->st, intake, receipt_use, b.token_hash, 0, 300, &f->err));
	/* used: nothing replaced any more, and when it was used is told */
	OK(f, STORE(f->st, intake, receipt_replace, f->unit, "HS-7", 400, &used, &n, &f->err));
	assert_int_equal(used, 300);
	assert_int_equal(n, 0);
	OK(f, STORE(f->st, intake, receipt_get, b.token_hash, &g, &f->err));
	assert_int_equal(g.replaced_at, 0);
	assert_int_equal(g.used_at, 300);
}

static void test_paper(void **state)
{
	struct fx *f = *state;
	struct store_user u = {.role = ROLE_ENTRY};
	struct store_paper_batch b = {0}, b2 = {0}, g, *bl;
	struct store_paper_entry e = {0}, *el;
	size_t n;

	snprintf(u.name, sizeof(u.name), "nhap.lieu");
	snprintf(u.pwhash, sizeof(u.pwhash), "x");
	OK(f, STORE(f->st, accounts, user_put, &u, &f->err));

	b.unit_id = f->unit;
	b.opened_on = 19810;
	snprintf(b.opened_by, sizeof(b.opened_by), "Trần Thị Bình");
	snprintf(b.witness, sizeof(b.witness), "Lê Văn Cường");
	b.counted = 3;
	b.double_entry = true;
	b.instrument_id = f->instr;
	b.created_by = u.id;
	OK(f, STORE(f->st, intake, paper_batch_put, &b, &f->err));
	assert_true(b.id > 0);
	b2 = b;
	b2.id = 0;
	b2.unit_id = f->unit2;
	b2.double_entry = false;
	b2.created_by = 0;
	OK(f, STORE(f->st, intake, paper_batch_put, &b2, &f->err));
	assert_true(b2.id > b.id);

	OK(f, STORE(f->st, intake, paper_batch_get, b.id, &g, &f->err));
	assert_int_equal(g.unit_id, f->unit);
	assert_int_equal(g.opened_on, 19810);
	assert_string_equal(g.opened_by, "Trần Thị Bình");
	assert_string_equal(g.witness, "Lê Văn Cường");
	assert_int_equal(g.counted, 3);
	assert_true(g.double_entry);
	assert_int_equal(g.instrument_id, f->instr);
	assert_false(g.closed);
	assert_int_equal(g.created_by, u.id);
	assert_int_equal(g.closed_at, 0);

	/* update by id */
	b.closed = true;
	b.closed_at = 1700001000;
	b.counted = 4;
	OK(f, STORE(f->st, intake, paper_batch_put, &b, &f->err));
	OK(f, STORE(f->st, intake, paper_batch_get, b.id, &g, &f->err));
	assert_true(g.closed);
	assert_int_equal(g.closed_at, 1700001000);
	assert_int_equal(g.counted, 4);

	OK(f, STORE(f->st, intake, paper_batch_list, 0, f->a, &bl, &n, &f->err));
	assert_int_equal(n, 2);
	assert_int_equal(bl[0].id, b2.id);
	assert_int_equal(bl[1].id, b.id);
	OK(f, STORE(f->st, intake, paper_batch_list, f->unit, f->a, &bl, &n, &f->err));
	assert_int_equal(n, 1);
	assert_int_equal(bl[0].id, b.id);
	assert_true(bl[0].closed);

	assert_int_equal(STORE(f->st, intake, paper_batch_get, 424242, &g, &f->err), HL_ENOTFOUND);
	g = b;
	g.id = 424242;
	assert_int_equal(STORE(f->st, intake, paper_batch_put, &g, &f->err), HL_ENOTFOUND);
	g.id = 0;
	g.opened_on = HL_DAY_NONE;
	assert_int_equal(STORE(f->st, intake, paper_batch_put, &g, &f->err), HL_EINVAL);
	g.opened_on = 19810;
	g.counted = -1;
	assert_int_equal(STORE(f->st, intake, paper_batch_put, &g, &f->err), HL_EINVAL);

	/* entries: two passes, upsert by (batch, pass, seq) */
	e.batch_id = b.id;
	e.entered_by = u.id;
	e.nanswers = 22;
	for (int pass = 1; pass <= 2; pass++) {
		for (int seq = 3; seq >= 1; seq--) {
			e.pass = pass;
			e.seq = seq;
			memset(e.answers, seq, 22);
			snprintf(e.comment, sizeof(e.comment), "phiếu %d, lượt %d", seq, pass);
			OK(f, STORE(f->st, intake, paper_entry_put, &e, &f->err));
		}
	}
	e.pass = 1;
	e.seq = 2;
	memset(e.answers, 4, 22);
	e.answers[21] = 0;
	e.comment[0] = '\0';
	OK(f, STORE(f->st, intake, paper_entry_put, &e, &f->err));

	OK(f, STORE(f->st, intake, paper_entry_list, b.id, 1, f->a, &el, &n, &f->err));
	assert_int_equal(n, 3);
	assert_int_equal(el[0].seq, 1);
	assert_int_equal(el[1].seq, 2);
	assert_int_equal(el[2].seq, 3);
	assert_int_equal(el[1].nanswers, 22);
	assert_int_equal(el[1].answers[0], 4);
	assert_int_equal(el[1].answers[21], 0);
	assert_string_equal(el[1].comment, "");
	assert_string_equal(el[2].comment, "phiếu 3, lượt 1");
	assert_int_equal(el[0].entered_by, u.id);
	assert_int_equal(el[0].batch_id, b.id);
	assert_int_equal(el[0].pass, 1);
	OK(f, STORE(f->st, intake, paper_entry_list, b.id, 0, f->a, &el, &n, &f->err));
	assert_int_equal(n, 6);
	assert_int_equal(el[3].pass, 2);
	assert_int_equal(el[3].seq, 1);

	OK(f, STORE(f->st, intake, paper_entry_delete, b.id, 2, 3, &f->err));
	OK(f, STORE(f->st, intake, paper_entry_delete, b.id, 2, 3, &f->err));
	OK(f, STORE(f->st, intake, paper_entry_list, b.id, 2, f->a, &el, &n, &f->err));
	assert_int_equal(n, 2);
	OK(f, STORE(f->st, intake, paper_entry_list, b2.id, 0, f->a, &el, &n, &f->err));
	assert_int_equal(n, 0);

	e.pass = 3;
	assert_int_equal(STORE(f->st, intake, paper_entry_put, &e, &f->err), HL_EINVAL);
	e.pass = 1;
	e.seq = 0;
	assert_int_equal(STORE(f->st, intake, paper_entry_put, &e, &f->err), HL_EINVAL);
	e.seq = 1;
	e.nanswers = STORE_ANSWERS_MAX + 1;
	assert_int_equal(STORE(f->st, intake, paper_entry_put, &e, &f->err), HL_EINVAL);
}

static void test_audit_list(void **state)
{
	struct fx *f = *state;
	char **lines;
	size_t n;

	OK(f, STORE(f->st, admin, audit_list, 10, f->a, &lines, &n, &f->err));
	assert_int_equal(n, 0);
	OK(f, STORE(f->st, admin, audit, "admin", "users.add", "nguyen.van.a (clerk)", &f->err));
	OK(f, STORE(f->st, admin, audit, "admin", "kiosks.add", "quay\t1\ndòng hai", &f->err));
	OK(f, STORE(f->st, admin, audit, "bình", "kiosks.revoke", "", &f->err));

	OK(f, STORE(f->st, admin, audit_list, 0, f->a, &lines, &n, &f->err));
	assert_int_equal(n, 3);
	/* newest first; "at\twho\taction\tdetail" */
	assert_non_null(strstr(lines[0], "\tbình\tkiosks.revoke\t"));
	assert_true(lines[0][strlen(lines[0]) - 1] == '\t');
	assert_non_null(strstr(lines[1], "\tadmin\tkiosks.add\tquay 1 dòng hai"));
	assert_non_null(strstr(lines[2], "\tadmin\tusers.add\tnguyen.van.a (clerk)"));
	assert_true(lines[2][0] >= '2' && lines[2][0] <= '9');
	OK(f, STORE(f->st, admin, audit_list, 2, f->a, &lines, &n, &f->err));
	assert_int_equal(n, 2);
	assert_non_null(strstr(lines[1], "kiosks.add"));
}

/* The day tally's response count (HL_CRIT_ALL) of unit, summed over rows. */
struct day_count {
	int64_t unit, n;
};

static int day_count_cb(void *ctx, const struct store_tally_row *row)
{
	struct day_count *c = ctx;
	const struct hl_tally *t;

	if (row->unit_id == c->unit && (t = hl_tallyset_find(&row->set, HL_CRIT_ALL)) != NULL)
		c->n += t->n;
	return 0;
}

static int64_t counted_in_tallies(struct fx *f, int64_t unit)
{
	struct day_count c = {.unit = unit};

	OK(f,
		STORE(f->st, tallies, tally_scan, GRAIN_DAY, false, HL_DAY_NONE, HL_DAY_NONE,
			day_count_cb, &c, &f->err));
	return c.n;
}

static void test_tallies_skip_held(void **state)
{
	struct fx *f = *state;
	struct store_response r;
	int64_t held;
	long count = -1;

	make_response(f, &r, "T-1", f->unit, RS_COUNTED);
	OK(f, STORE(f->st, responses, response_insert, &r, NULL, &f->err));
	make_response(f, &r, "T-2", f->unit, RS_HELD);
	OK(f, STORE(f->st, responses, response_insert, &r, NULL, &f->err));
	held = r.id;
	make_response(f, &r, "T-3", f->unit, RS_REJECTED);
	OK(f, STORE(f->st, responses, response_insert, &r, NULL, &f->err));

	OK(f, store_begin(f->st, &f->err));
	OK(f, tacc_compute(f->st, 0, 0, INT64_MAX, 0, &count, NULL, &f->err));
	OK(f, store_commit(f->st, &f->err));
	assert_int_equal(count, 1);
	assert_int_equal(counted_in_tallies(f, f->unit), 1);

	/* accepted by a clerk: counted after a rebuild */
	OK(f, STORE(f->st, responses, response_set_status, held, RS_COUNTED, &f->err));
	OK(f, tacc_rebuild(f->st, "test", &count, &f->err));
	assert_int_equal(count, 2);
	assert_int_equal(counted_in_tallies(f, f->unit), 2);

	/* a small key budget (many passes) skips them the same way */
	OK(f, STORE(f->st, responses, response_set_status, held, RS_HELD, &f->err));
	OK(f, store_begin(f->st, &f->err));
	OK(f, STORE(f->st, tallies, tally_clear, &f->err));
	OK(f, tacc_compute(f->st, 0, 0, INT64_MAX, 4, &count, NULL, &f->err));
	OK(f, store_commit(f->st, &f->err));
	assert_int_equal(count, 1);
	assert_int_equal(counted_in_tallies(f, f->unit), 1);
}

/* Comments approved for publication, and what a report quoting them may
 * show: approve twice is EEXIST, withdraw what is not approved ENOTFOUND;
 * the list by unit and day; a report's document is public until a comment
 * it quotes is withdrawn. */
static void test_comment_approvals(void **state)
{
	struct fx *f = *state;
	struct store_response a, b, c;
	struct store_approval *list = NULL;
	struct store_report r = {0}, got, *reports = NULL;
	size_t n = 0;

	make_response(f, &a, "a", f->unit, RS_COUNTED);
	make_response(f, &b, "b", f->unit, RS_COUNTED);
	make_response(f, &c, "c", f->unit2, RS_COUNTED);
	b.day = 19900;
	OK(f, STORE(f->st, responses, response_insert, &a, NULL, &f->err));
	OK(f, STORE(f->st, responses, response_insert, &b, NULL, &f->err));
	OK(f, STORE(f->st, responses, response_insert, &c, NULL, &f->err));
	OK(f, STORE(f->st, reports, comment_approve, a.id, "web:lan", 1000, &f->err));
	OK(f, STORE(f->st, reports, comment_approve, b.id, "web:lan", 1001, &f->err));
	OK(f, STORE(f->st, reports, comment_approve, c.id, "web:minh", 1002, &f->err));
	assert_int_equal(STORE(f->st, reports, comment_approve, a.id, "web:lan", 1003, &f->err),
		HL_EEXIST);
	assert_int_equal(STORE(f->st, reports, comment_approve, a.id, "", 1003, &f->err),
		HL_EINVAL);

	OK(f,
		STORE(f->st, reports, comment_approval_list, f->unit, HL_DAY_NONE, HL_DAY_NONE,
			f->a, &list, &n, &f->err));
	assert_int_equal(n, 2);
	assert_true(list[0].response_id == a.id && list[1].response_id == b.id);
	assert_int_equal(list[0].unit_id, f->unit);
	assert_int_equal(list[0].day, 19800);
	assert_string_equal(list[0].by, "web:lan");
	assert_int_equal(list[0].at, 1000);
	OK(f,
		STORE(f->st, reports, comment_approval_list, 0, 19800, 19800, f->a, &list, &n,
			&f->err));
	assert_int_equal(n, 2);
	assert_true(list[0].response_id == a.id && list[1].response_id == c.id);

	/* A report quoting a and c: public while both are approved. */
	r.unit_id = f->unit;
	snprintf(r.period, sizeof(r.period), "2024");
	snprintf(r.format, sizeof(r.format), "html");
	snprintf(r.published_by, sizeof(r.published_by), "web:lan");
	r.published_at = 2000;
	r.due = HL_DAY_NONE;
	OK(f, STORE(f->st, reports, report_put, &r, "{}", "<p>", 3, &f->err));
	OK(f,
		STORE(f->st, reports, report_quotes_put, r.id, (int64_t[]){a.id, c.id, a.id}, 3,
			&f->err));
	OK(f, STORE(f->st, reports, report_get, r.id, f->a, &got, NULL, NULL, NULL, &f->err));
	assert_true(got.doc_public);
	OK(f, STORE(f->st, reports, comment_withdraw, b.id, &f->err));
	OK(f, STORE(f->st, reports, report_get, r.id, f->a, &got, NULL, NULL, NULL, &f->err));
	assert_true(got.doc_public);
	OK(f, STORE(f->st, reports, comment_withdraw, c.id, &f->err));
	assert_int_equal(STORE(f->st, reports, comment_withdraw, c.id, &f->err), HL_ENOTFOUND);
	OK(f, STORE(f->st, reports, report_get, r.id, f->a, &got, NULL, NULL, NULL, &f->err));
	assert_false(got.doc_public);
	OK(f, STORE(f->st, reports, report_list, f->unit, f->a, &reports, &n, &f->err));
	assert_int_equal(n, 1);
	assert_false(reports[0].doc_public);
	/* Approved again: public again. */
	OK(f, STORE(f->st, reports, comment_approve, c.id, "web:minh", 1004, &f->err));
	OK(f, STORE(f->st, reports, report_get, r.id, f->a, &got, NULL, NULL, NULL, &f->err));
	assert_true(got.doc_public);
	OK(f,
		STORE(f->st, reports, comment_approval_list, f->unit, HL_DAY_NONE, HL_DAY_NONE,
			f->a, &list, &n, &f->err));
	assert_int_equal(n, 1);
}

int main(void)
{
	struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_migrate, setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_savepoints, setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_response_columns, setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_users, setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_sessions, setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_sessions_of_user, setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_kiosks, setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_held_responses, setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_receipts, setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_receipt_replace, setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_paper, setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_audit_list, setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_tallies_skip_held, setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_comment_approvals, setup, fx_teardown),
	};

	return FX_RUN(tests);
}
