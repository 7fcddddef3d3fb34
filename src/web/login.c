/* login.c — signing in and out: argon2id passwords (svc/accounts.h: a cap
 * on checks at once, failure limits per address and per name, unknown names
 * as slow as wrong passwords), a random session token in an HttpOnly
 * SameSite cookie (only its hash is stored), a CSRF token per session, and
 * the way back to the page asked for, never to another site. */
#include <stdio.h>
#include <string.h>

#include "base/arena.h"
#include "http/page.h"
#include "http/srv.h"
#include "base/token.h"
#include "svc/accounts.h"
#include "web/pages.h"

#define SESSION_SECONDS (8 * 3600)

static int login_page(struct http_req *r, int status, const char *message)
{
	struct hbuf b;
	char csrf[64];
	const char *next = http_query(r, "next");

	if (next == NULL)
		next = http_form(r, "next");
	token_random(csrf, sizeof(csrf));
	/* Double-submit: the same value in a cookie and in the form. */
	http_set_cookie(r, "hl_csrf", csrf, "/login", -1);
	page_start(&b, r, 1 << 16, "Đăng nhập");
	hb_raw(&b, "<section class=\"narrow\"><h1>Đăng nhập</h1>");
	page_error(&b, message);
	hb_raw(&b, "<form method=\"post\" action=\"/login\">");
	hb_hiddens(&b, (const char *const[]){"csrf", csrf, "next", http_local_path(next), NULL});
	hb_raw(&b,
		"<label>Tên đăng nhập <input name=\"name\" autocomplete=\"username\" required "
		"autofocus></label><label>Mật khẩu <input name=\"password\" type=\"password\" "
		"autocomplete=\"current-password\" required></label>"
		"<button type=\"submit\">Đăng nhập</button></form></section>");
	return page_send(r, status, &b);
}

int page_login_form(struct http_req *r)
{
	return login_page(r, 200, NULL);
}

/* One login's writes: the attempt counted, then the new session. */
struct login_w {
	struct http_req *r;
	const struct account_attempt *a;
	int *result;
	struct store_session s;
	const char *who;
};

static int write_reserve(struct writer_tx *tx, void *arg, struct hl_err *err)
{
	struct login_w *w = arg;

	return account_login_reserve(writer_tx_store(tx), w->a->name, w->a->addr, w->a->now,
		w->result, err);
}

static int reserve(void *ctx, int *result, struct store **st, struct hl_err *err)
{
	struct login_w *w = ctx;
	int rc;

	w->result = result;
	rc = srv_write(w->r, write_reserve, w, err);
	*st = w->r->st; /* the reader lent after the write, not the one given back */
	return rc;
}

static int write_session(struct writer_tx *tx, void *arg, struct hl_err *err)
{
	struct login_w *w = arg;

	return account_login_ok(writer_tx_store(tx), &w->s, w->a->name, w->a->addr, w->who,
		w->a->now, err);
}

int page_login(struct http_req *r)
{
	const char *name = http_form(r, "name"), *pw = http_form(r, "password");
	struct account_attempt a = {.name = name,
		.password = pw,
		.addr = r->client,
		.now = srv_now(),
		.reserve = reserve};
	struct login_w w = {.r = r, .a = &a};
	char token[64], who[96];
	struct store_user u;
	struct hl_err err = {0};
	int result;

	if (name == NULL || pw == NULL || name[0] == '\0')
		return login_page(r, 400, "Hãy nhập tên đăng nhập và mật khẩu.");
	a.ctx = &w;
	if (account_login(r->st, &a, &u, &result, &err) != HL_OK)
		return http_send_err(r, &err);
	switch (result) {
	case LOGIN_OK: break;
	case LOGIN_LOCKED_ADDR:
		srv_log(r->srv, "đăng nhập bị tạm khóa cho %s", r->client);
		return login_page(r, 429, "Sai quá nhiều lần. Hãy đợi 5 phút rồi thử lại.");
	case LOGIN_LOCKED_NAME:
		return login_page(r, 429,
			"Tài khoản này bị tạm khóa vì sai quá nhiều lần. Hãy đợi 5 phút.");
	case LOGIN_BUSY:
		http_add_header(r, "Retry-After", HTTP_RETRY_AFTER);
		return login_page(r, 503,
			"Máy chủ đang bận kiểm tra mật khẩu của nhiều người. Xin "
			"đợi vài giây rồi đăng nhập lại.");
	default: return login_page(r, 401, "Tên đăng nhập hoặc mật khẩu không đúng.");
	}
	token_random(token, sizeof(token));
	token_hash(token, w.s.token_hash);
	w.s.user_id = u.id;
	token_random(w.s.csrf, sizeof(w.s.csrf));
	w.s.expires_at = a.now + SESSION_SECONDS;
	snprintf(who, sizeof(who), "web:%s", u.name);
	w.who = who;
	if (srv_write(r, write_session, &w, &err) != HL_OK)
		return http_send_err(r, &err);
	http_set_cookie(r, "hl_session", token, "/", SESSION_SECONDS);
	return http_redirect(r, http_local_path(http_form(r, "next")));
}

struct end_session {
	unsigned char hash[STORE_HASH_LEN];
	const char *who;
};

static int delete_session(struct writer_tx *tx, void *arg, struct hl_err *err)
{
	struct end_session *es = arg;

	return account_logout_in(writer_tx_store(tx), es->hash, es->who, err);
}

int page_logout(struct http_req *r)
{
	struct end_session es;
	struct hl_err err = {0};
	char who[96];

	memcpy(es.hash, r->sess.token_hash, sizeof(es.hash));
	snprintf(who, sizeof(who), "web:%s", r->user.name);
	es.who = who;
	if (srv_write(r, delete_session, &es, &err) != HL_OK)
		return http_send_err(r, &err);
	http_set_cookie(r, "hl_session", "", "/", 0);
	return http_redirect(r, "/login");
}
