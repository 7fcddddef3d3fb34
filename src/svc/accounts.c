/* accounts.c — staff accounts: roles, password rules, argon2id hashing
 * under a cap on how many run at once, logging in, random passwords and the
 * audited writes shared by the CLI and the pages. */
#include "svc/accounts.h"

#include <errno.h>
#include <pthread.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "base/arena.h"
#include "base/text.h"
#include "base/token.h"
#include "svc/ratelimit.h"

static const struct {
	int role;
	const char *name, *label;
} roles[] = {
	{ROLE_ADMIN, "admin", "quản trị"},
	{ROLE_SUPERVISOR, "supervisor", "giám sát"},
	{ROLE_CLERK, "clerk", "cán bộ đơn vị"},
	{ROLE_ENTRY, "entry", "nhập phiếu"},
};

#define NROLES (sizeof(roles) / sizeof(roles[0]))

int account_role_parse(const char *s)
{
	if (s == NULL)
		return ROLE_NONE;
	for (size_t i = 0; i < NROLES; i++)
		if (strcmp(roles[i].name, s) == 0)
			return roles[i].role;
	return ROLE_NONE;
}

const char *account_role_name(int role)
{
	for (size_t i = 0; i < NROLES; i++)
		if (roles[i].role == role)
			return roles[i].name;
	return "?";
}

const char *account_role_label(int role)
{
	for (size_t i = 0; i < NROLES; i++)
		if (roles[i].role == role)
			return roles[i].label;
	return "?";
}

const char *account_who_label(struct hl_arena *a, const char *who)
{
	const char *s;

	if (who == NULL)
		return "";
	if (strcmp(who, "cli") == 0)
		return "dòng lệnh";
	if (strcmp(who, "web:cong-dan") == 0)
		return "người dân (trang công khai)";
	if (strcmp(who, "web:nguoi-gui") == 0)
		return "người gửi";
	if (strncmp(who, "web:", 4) == 0 && who[4] != '\0')
		return who + 4;
	if (strncmp(who, "cli:", 4) == 0 && who[4] != '\0')
		s = hl_arena_printf(a, "dòng lệnh (%s)", who + 4);
	else if (strncmp(who, "kiosk:", 6) == 0 && who[6] != '\0')
		s = hl_arena_printf(a, "kiosk %s", who + 6);
	else
		return who;
	return s != NULL ? s : "";
}

int account_check_name(const char *name, struct hl_err *err)
{
	int rc = hl_check_name(name, STORE_CODE_MAX, HL_HERE, "tên đăng nhập", err);
	size_t len = rc == HL_OK ? strlen(name) : 0;

	if (rc != HL_OK)
		return rc;
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)name[i];
		bool alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
			(c >= '0' && c <= '9');

		if (!alnum && (i == 0 || (c != '.' && c != '_' && c != '-')))
			return hl_err_set(err, HL_EINVAL, HL_HERE,
				"tên đăng nhập '%.63s' không hợp lệ: chỉ dùng chữ cái không dấu, chữ số, "
				"'.', '_', '-' và bắt đầu bằng chữ cái hoặc chữ số",
				name);
	}
	return HL_OK;
}

int account_check_password(const char *pw, struct hl_err *err)
{
	size_t len = pw != NULL ? strlen(pw) : 0, chars = 0;

	if (len > ACCOUNT_PW_MAXBYTES)
		return hl_err_set(err, HL_EINVAL, HL_HERE, "mật khẩu dài quá %d byte",
			ACCOUNT_PW_MAXBYTES);
	if (!hl_utf8_valid(pw != NULL ? pw : "", len, NULL))
		return hl_err_set(err, HL_EINVAL, HL_HERE,
			"mật khẩu không phải văn bản UTF-8 hợp lệ");
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)pw[i];

		if (c < 0x20 || c == 0x7f)
			return hl_err_set(err, HL_EINVAL, HL_HERE, "mật khẩu có ký tự điều khiển");
		if ((c & 0xc0) != 0x80)
			chars++;
	}
	if (chars < ACCOUNT_PW_MIN)
		return hl_err_set(err, HL_EINVAL, HL_HERE,
			"mật khẩu quá ngắn: %zu ký tự, cần ít nhất %d", chars, ACCOUNT_PW_MIN);
	return HL_OK;
}

/* ---- the hashing slots: each argon2id computation takes 64 MiB ---- */

static pthread_once_t slots_once = PTHREAD_ONCE_INIT;
static pthread_mutex_t slots_mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t slots_cv; /* on CLOCK_MONOTONIC, made once */
static int slots_busy;

static void slots_init(void)
{
	pthread_condattr_t ca;

	pthread_condattr_init(&ca);
	pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
	pthread_cond_init(&slots_cv, &ca);
	pthread_condattr_destroy(&ca);
}

/* Take a slot, waiting at most ACCOUNT_HASH_WAIT seconds; HL_EBUSY when none
 * freed in time. */
static int slot_take(struct hl_err *err)
{
	struct timespec until;
	bool got = false;

	pthread_once(&slots_once, slots_init);
	clock_gettime(CLOCK_MONOTONIC, &until);
	until.tv_sec += ACCOUNT_HASH_WAIT;
	pthread_mutex_lock(&slots_mu);
	while (slots_busy >= ACCOUNT_HASH_SLOTS &&
		pthread_cond_timedwait(&slots_cv, &slots_mu, &until) != ETIMEDOUT)
		;
	if (slots_busy < ACCOUNT_HASH_SLOTS) {
		slots_busy++;
		got = true;
	}
	pthread_mutex_unlock(&slots_mu);
	if (!got)
		return hl_err_set(err, HL_EBUSY, HL_HERE,
			"máy chủ đang bận kiểm tra mật khẩu của "
			"người khác: hãy thử lại sau vài giây");
	return HL_OK;
}

static void slot_give(void)
{
	pthread_mutex_lock(&slots_mu);
	slots_busy--;
	pthread_cond_signal(&slots_cv);
	pthread_mutex_unlock(&slots_mu);
}

int account_hash(const char *pw, char *out, size_t size, struct hl_err *err)
{
	int rc = account_check_password(pw, err);

	if (rc != HL_OK)
		return rc;
	if (size < crypto_pwhash_STRBYTES)
		return hl_err_set(err, HL_ELIMIT, HL_HERE, "chỗ chứa mã băm mật khẩu quá nhỏ");
	if (sodium_init() < 0)
		return hl_err_set(err, HL_EIO, HL_HERE, "không khởi tạo được libsodium");
	if ((rc = slot_take(err)) != HL_OK)
		return rc;
	if (crypto_pwhash_str(out, pw, strlen(pw), crypto_pwhash_OPSLIMIT_INTERACTIVE,
		    crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
		rc = hl_err_set(err, HL_ENOMEM, HL_HERE,
			"không đủ bộ nhớ để băm mật khẩu (argon2id)");
	slot_give();
	return rc;
}

/* ---- logging in ---- */

static pthread_once_t dummy_once = PTHREAD_ONCE_INIT;
static char dummy_hash[crypto_pwhash_STRBYTES];

/* The hash an unknown name is checked against: of a random password, with
 * the parameters of real ones, so checking it costs the same. */
static void dummy_init(void)
{
	unsigned char pw[24];

	randombytes_buf(pw, sizeof(pw));
	if (crypto_pwhash_str(dummy_hash, (const char *)pw, sizeof(pw),
		    crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
		dummy_hash[0] = '\0';
}

/* LOGIN_LOCKED_* into *result when the address or the name has used up its
 * failures, else leaves it. */
static int check_locked(struct store *st, const struct account_attempt *a, int *result,
	struct hl_err *err)
{
	bool over = false;
	int rc = rl_over(st, RL_LOGIN_ADDR, a->addr, a->now, &over, err);

	if (rc == HL_OK && over)
		*result = LOGIN_LOCKED_ADDR;
	if (rc == HL_OK && !over &&
		(rc = rl_over(st, RL_LOGIN_NAME, a->name, a->now, &over, err)) == HL_OK && over)
		*result = LOGIN_LOCKED_NAME;
	return rc;
}

int account_login(struct store *st, const struct account_attempt *a, struct store_user *out,
	int *result, struct hl_err *err)
{
	struct store_user u;
	struct hl_err e2;
	bool known, match;
	int rc;

	*result = LOGIN_WRONG;
	if (sodium_init() < 0)
		return hl_err_set(err, HL_EIO, HL_HERE, "không khởi tạo được libsodium");
	/* refused cheaply first: a locked-out guesser does not queue for a slot */
	if ((rc = check_locked(st, a, result, err)) != HL_OK || *result != LOGIN_WRONG)
		return rc;
	hl_err_clear(&e2);
	if (slot_take(&e2) != HL_OK) {
		*result = LOGIN_BUSY;
		return HL_OK;
	}
	/* Counted before the password is checked, in one write: attempts racing
	 * in this process or another cannot all pass a count none has made yet. */
	if ((rc = a->reserve(a->ctx, result, &st, err)) != HL_OK || *result != LOGIN_WRONG)
		goto cleanup;
	rc = STORE(st, accounts, user_get, a->name, &u, err);
	if (rc != HL_OK && rc != HL_ENOTFOUND)
		goto cleanup;
	known = rc == HL_OK && !u.disabled;
	pthread_once(&dummy_once, dummy_init);
	match = crypto_pwhash_str_verify(known ? u.pwhash : dummy_hash, a->password,
			strlen(a->password)) == 0;
	rc = HL_OK;
	if (known && match) {
		*result = LOGIN_OK;
		*out = u;
	}
cleanup:
	slot_give();
	return rc;
}

int account_login_reserve(struct store *st, const char *name, const char *addr, int64_t now,
	int *result, struct hl_err *err)
{
	bool taken = false;
	int rc = rl_take(st, RL_LOGIN_ADDR, addr, now, &taken, err);

	*result = LOGIN_WRONG;
	if (rc != HL_OK)
		return rc;
	if (!taken) {
		*result = LOGIN_LOCKED_ADDR;
		return HL_OK;
	}
	if ((rc = rl_take(st, RL_LOGIN_NAME, name, now, &taken, err)) != HL_OK || taken)
		return rc;
	/* A locked name is not checked: not the address's failure, or someone
	 * who locked a clerk's name would lock the clerk's whole office out. */
	*result = LOGIN_LOCKED_NAME;
	return rl_give(st, RL_LOGIN_ADDR, addr, now, err);
}

int account_login_ok(struct store *st, const struct store_session *s, const char *name,
	const char *addr, const char *who, int64_t now, struct hl_err *err)
{
	int rc = STORE(st, accounts, session_purge, now, err);

	if (rc == HL_OK)
		rc = STORE(st, accounts, session_put, s, err);
	/* a success is never a failure: forget the name's, give the address's back */
	if (rc == HL_OK)
		rc = rl_clear(st, RL_LOGIN_NAME, name, err);
	if (rc == HL_OK)
		rc = rl_give(st, RL_LOGIN_ADDR, addr, now, err);
	return rc == HL_OK ? STORE(st, admin, audit, who, "login", "", err) : rc;
}

void account_generate(char *buf, size_t size)
{
	/* No 0/O, 1/l/I: the password is read off a screen and typed. */
	static const char alphabet[] = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
	size_t n = size > ACCOUNT_PW_GEN ? ACCOUNT_PW_GEN : (size > 0 ? size - 1 : 0);

	if (size == 0)
		return;
	if (sodium_init() < 0) {
		buf[0] = '\0';
		return;
	}
	for (size_t i = 0; i < n; i++)
		buf[i] = alphabet[randombytes_uniform((uint32_t)(sizeof(alphabet) - 1))];
	buf[n] = '\0';
}

int account_prepare(struct store *st, const char *name, const char *role, const char *unit,
	const char *pw, struct store_user *out, struct hl_err *err)
{
	struct store_unit u;
	int rc;

	memset(out, 0, sizeof(*out));
	rc = account_check_name(name, err);
	if (rc != HL_OK)
		return rc;
	out->role = account_role_parse(role);
	if (out->role == ROLE_NONE)
		return hl_err_set(err, HL_EINVAL, HL_HERE,
			"vai trò '%.40s' không có: dùng admin, supervisor, clerk hoặc entry",
			role != NULL ? role : "");
	if (unit == NULL || unit[0] == '\0') {
		if (out->role != ROLE_ADMIN)
			return hl_err_set(err, HL_EINVAL, HL_HERE,
				"vai trò %s cần một đơn vị (--unit MÃ)",
				account_role_name(out->role));
	} else {
		rc = STORE(st, units, unit_get, unit, &u, err);
		if (rc == HL_ENOTFOUND)
			return hl_err_set(err, HL_EINVAL, HL_HERE, "đơn vị '%.64s' không có", unit);
		if (rc != HL_OK)
			return rc;
		out->unit_id = u.id;
	}
	rc = account_hash(pw, out->pwhash, sizeof(out->pwhash), err);
	if (rc != HL_OK)
		return rc;
	snprintf(out->name, sizeof(out->name), "%s", name);
	return HL_OK;
}

int account_add(struct store *st, struct store_user *u, const char *unit, const char *who,
	struct hl_err *err)
{
	struct store_user old;
	struct hl_err e2;
	char detail[256];
	int rc;

	hl_err_clear(&e2);
	rc = STORE(st, accounts, user_get, u->name, &old, &e2);
	if (rc == HL_OK)
		return hl_err_set(err, HL_EEXIST, HL_HERE, "người dùng '%s' đã có", u->name);
	if (rc != HL_ENOTFOUND) {
		*err = e2;
		return rc;
	}
	u->id = 0;
	rc = STORE(st, accounts, user_put, u, err);
	if (rc != HL_OK)
		return rc;
	snprintf(detail, sizeof(detail), "%s: vai trò %s, đơn vị %.64s", u->name,
		account_role_name(u->role), unit != NULL && unit[0] != '\0' ? unit : "(tất cả)");
	return STORE(st, admin, audit, who, "users.add", detail, err);
}

/* The stored account NAME, or HL_ENOTFOUND with a message naming it. */
static int find_user(struct store *st, const char *name, struct store_user *u, struct hl_err *err)
{
	int rc = STORE(st, accounts, user_get, name, u, err);

	if (rc == HL_ENOTFOUND)
		return hl_err_set(err, HL_ENOTFOUND, HL_HERE, "người dùng '%.63s' không có", name);
	return rc;
}

/* Store u, log out every session of it but keep (NULL = all), and audit
 * action. */
static int put_logged_out(struct store *st, struct store_user *u, const unsigned char *keep,
	const char *who, const char *action, struct hl_err *err)
{
	int rc = STORE(st, accounts, user_put, u, err);

	if (rc == HL_OK)
		rc = STORE(st, accounts, session_delete_user, u->id, keep, err);
	if (rc != HL_OK)
		return rc;
	return STORE(st, admin, audit, who, action, u->name, err);
}

int account_put_password(struct store *st, const char *name, const char *hash,
	const unsigned char *keep, const char *who, struct hl_err *err)
{
	struct store_user u;
	int rc = find_user(st, name, &u, err);

	if (rc != HL_OK)
		return rc;
	snprintf(u.pwhash, sizeof(u.pwhash), "%s", hash);
	/* whoever knew the old password is logged out everywhere */
	return put_logged_out(st, &u, keep, who, "users.passwd", err);
}

int account_disable(struct store *st, const char *name, const char *who, struct hl_err *err)
{
	struct store_user u;
	int rc = find_user(st, name, &u, err);

	if (rc != HL_OK)
		return rc;
	u.disabled = true;
	return put_logged_out(st, &u, NULL, who, "users.disable", err);
}

int account_list(struct store *st, struct hl_arena *a, struct store_user **out, size_t *n,
	struct hl_err *err)
{
	return STORE(st, accounts, user_list, a, out, n, err);
}

int account_get(struct store *st, const char *name, struct store_user *out, struct hl_err *err)
{
	return STORE(st, accounts, user_get, name, out, err);
}

int account_get_id(struct store *st, int64_t id, struct store_user *out, struct hl_err *err)
{
	return STORE(st, accounts, user_get_id, id, out, err);
}

int account_logout_in(struct store *st, const unsigned char *hash, const char *who,
	struct hl_err *err)
{
	int rc = STORE(st, accounts, session_delete, hash, err);

	if (rc == HL_OK)
		rc = STORE(st, admin, audit, who, "logout", "", err);
	return rc;
}

int account_identify(struct store *st, const char *bearer, const char *cookie, int64_t now,
	struct store_kiosk *kiosk, bool *is_kiosk, struct store_session *sess,
	struct store_user *user, bool *is_user, struct hl_err *err)
{
	unsigned char h[STORE_HASH_LEN];
	int rc;

	*is_kiosk = *is_user = false;
	if (bearer != NULL) {
		token_hash(bearer, h);
		rc = STORE(st, accounts, kiosk_get_token, h, kiosk, err);
		if (rc == HL_ENOTFOUND || (rc == HL_OK && kiosk->revoked))
			return hl_err_set(err, HL_EPERM, HL_HERE,
				"token thiết bị không hợp lệ hoặc đã bị thu hồi");
		*is_kiosk = rc == HL_OK;
		return rc;
	}
	if (cookie == NULL || strlen(cookie) > 128)
		return HL_OK;
	token_hash(cookie, h);
	rc = STORE(st, accounts, session_user, h, sess, user, err);
	if (rc == HL_ENOTFOUND || (rc == HL_OK && (sess->expires_at < now || user->disabled)))
		return HL_OK;
	*is_user = rc == HL_OK;
	return rc;
}
