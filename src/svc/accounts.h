/* accounts.h — staff accounts shared by `hailong users`, the login page and
 * the admin pages: roles by name, password rules, argon2id hashing, random
 * passwords, logging in (with its failure limits), and the writes that
 * create, re-key or disable a user (each audited).
 *
 * Hashing is slow on purpose (argon2id, libsodium's interactive limits, 64
 * MiB each), so it is done before the write: account_prepare, account_hash
 * and account_login run outside any transaction, account_add,
 * account_put_password, account_disable and account_login_ok/_reserve inside
 * one (the server's srv_write, or the CLI's own). At most ACCOUNT_HASH_SLOTS
 * hashes run at once in a process; the others wait up to ACCOUNT_HASH_WAIT
 * seconds, then give up with HL_EBUSY (LOGIN_BUSY). */
#ifndef HL_ACCOUNTS_H
#define HL_ACCOUNTS_H

#include <stdbool.h>
#include <stddef.h>

#include "base/err.h"
#include "store/store.h"

#define ACCOUNT_PW_MIN 10 /* characters (code points), not bytes */
#define ACCOUNT_PW_MAXBYTES 512
#define ACCOUNT_PW_GEN 16    /* length of a generated password */
#define ACCOUNT_HASH_SLOTS 2 /* argon2id computations at once */
#define ACCOUNT_HASH_WAIT 5  /* seconds one waits for a slot */

/* The role named s ("admin", "supervisor", "clerk", "entry"), or ROLE_NONE. */
int account_role_parse(const char *s);

/* The English name of role ("admin", ...), "?" for none; static string. */
const char *account_role_name(int role);

/* The Vietnamese name of role ("quản trị", ...); static string. */
const char *account_role_label(int role);

/* Who did something, as the audit log, the feedback steps and the published
 * reports store it ("cli", "cli:NAME", "web:NAME", "kiosk:NAME", and the
 * public form's "web:cong-dan" and "web:nguoi-gui"), as a person reads it:
 * "dòng lệnh", "dòng lệnh (NAME)", the account's name NAME, "kiosk NAME",
 * "người dân (trang công khai)", "người gửi"; anything else as it is. Owned
 * by a (or who itself); "" for NULL or when a runs out. */
struct hl_arena;
const char *account_who_label(struct hl_arena *a, const char *who);

/* HL_OK if name is a valid login name: 1..63 bytes of ASCII letters, digits,
 * '.', '_', '-', starting with a letter or digit; else HL_EINVAL naming it. */
int account_check_name(const char *name, struct hl_err *err);

/* HL_OK if pw is an acceptable password: valid UTF-8, no control characters,
 * at least ACCOUNT_PW_MIN characters, at most ACCOUNT_PW_MAXBYTES bytes. */
int account_check_password(const char *pw, struct hl_err *err);

/* Hash pw with argon2id into out (crypto_pwhash_str form, NUL-terminated;
 * size >= 128). Checks pw first. HL_EBUSY when no slot freed in time. */
int account_hash(const char *pw, char *out, size_t size, struct hl_err *err);

/* How a login attempt ended (account_login's *result). */
enum account_login_result {
	LOGIN_OK,          /* the name and password of an active account */
	LOGIN_WRONG,       /* no such active account, or a wrong password: counted */
	LOGIN_LOCKED_ADDR, /* too many failures from the address lately: not checked */
	LOGIN_LOCKED_NAME, /* too many failures for the name lately: not checked */
	LOGIN_BUSY,        /* no hashing slot freed in time: try again shortly */
};

/* A login attempt, and how it is counted. */
struct account_attempt {
	const char *name, *password;
	const char *addr; /* the client's address */
	int64_t now;      /* seconds since 1970 */
	/* Count the attempt before its password is checked:
	 * account_login_reserve inside a write transaction (the server's
	 * writer), setting *result and *st to the connection to read from
	 * after it (the server lends the request another one once the writer
	 * is done: the first may serve another request by then). Called while
	 * the attempt holds its hashing slot. */
	int (*reserve)(void *ctx, int *result, struct store **st, struct hl_err *err);
	void *ctx;
};

/* Check attempt a, reading st: the failure limits of its address and name
 * first (svc/ratelimit.h), then, once a->reserve has counted it, the
 * password — an unknown or disabled name is checked against a dummy hash, so
 * it costs what a wrong password costs. *result says how it ended; *out is
 * the account when LOGIN_OK, whose session account_login_ok must store (it
 * gives the attempt back). An error only when the store or the counting
 * fails. */
int account_login(struct store *st, const struct account_attempt *a, struct store_user *out,
	int *result, struct hl_err *err);

/* Count a login of name from addr at now as a failure, before its password
 * is checked, so that the limits hold exactly however many attempts race,
 * in one process or several: *result LOGIN_WRONG when it may be checked,
 * else LOGIN_LOCKED_ADDR or LOGIN_LOCKED_NAME (then it is not the
 * address's failure). */
int account_login_reserve(struct store *st, const char *name, const char *addr, int64_t now,
	int *result, struct hl_err *err);

/* Store s, the new session of user name (purging expired ones), forget the
 * name's failed logins, give back the attempt counted for addr and audit
 * the login as who. */
int account_login_ok(struct store *st, const struct store_session *s, const char *name,
	const char *addr, const char *who, int64_t now, struct hl_err *err);

/* Write a random password of ACCOUNT_PW_GEN characters (letters and digits
 * that cannot be mistaken for each other) into buf (size > ACCOUNT_PW_GEN). */
void account_generate(char *buf, size_t size);

/* Check a new account and fill out (not stored): name, role by name, unit by
 * code (required except for an admin; "" or NULL = none) looked up in st, and
 * the password's hash. Reads only. */
int account_prepare(struct store *st, const char *name, const char *role, const char *unit,
	const char *pw, struct store_user *out, struct hl_err *err);

/* Store the prepared user u as new (HL_EEXIST if the name is taken; sets
 * u->id) and audit it as who, naming unit (its code, for the log). Call inside
 * a transaction. */
int account_add(struct store *st, struct store_user *u, const char *unit, const char *who,
	struct hl_err *err);

/* Replace the password hash of user name (HL_ENOTFOUND if none), end the
 * user's sessions but the one whose token hash is keep (NULL: all), and
 * audit. */
int account_put_password(struct store *st, const char *name, const char *hash,
	const unsigned char *keep, const char *who, struct hl_err *err);

/* Disable user name (HL_ENOTFOUND if none; again is harmless), end its
 * sessions, and audit. */
int account_disable(struct store *st, const char *name, const char *who, struct hl_err *err);

/* Every account into *out (owned by a). */
int account_list(struct store *st, struct hl_arena *a, struct store_user **out, size_t *n,
	struct hl_err *err);

/* The account named name, or with id, into *out: HL_OK or HL_ENOTFOUND. */
int account_get(struct store *st, const char *name, struct store_user *out, struct hl_err *err);
int account_get_id(struct store *st, int64_t id, struct store_user *out, struct hl_err *err);

/* End the session whose token hashes to hash (STORE_HASH_LEN bytes),
 * audited by who as logout; inside the caller's transaction. */
int account_logout_in(struct store *st, const unsigned char *hash, const char *who,
	struct hl_err *err);

/* Who a request's credentials name, read from the store: a kiosk's token
 * (bearer, when the route takes one) or else a session cookie's secret
 * (cookie, may be NULL). HL_OK: *kiosk filled and *is_kiosk set for a live
 * kiosk, or *sess and *user filled and *is_user set for a live session of
 * an enabled account, or neither (nobody: an unknown or expired session).
 * HL_EPERM: the kiosk token is wrong or revoked. Another status: the store
 * failed (the caller answers 5xx, never "not logged in"). */
int account_identify(struct store *st, const char *bearer, const char *cookie, int64_t now,
	struct store_kiosk *kiosk, bool *is_kiosk, struct store_session *sess,
	struct store_user *user, bool *is_user, struct hl_err *err);

#endif
