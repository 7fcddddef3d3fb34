/* accounts.h — staff accounts shared by `hailong users` and the admin pages:
 * roles by name, password rules, argon2id hashing, random passwords, and the
 * writes that create, re-key or disable a user (each audited).
 *
 * Hashing is slow on purpose (argon2id, libsodium's interactive limits), so it
 * is done before the write: account_prepare / account_hash run outside any
 * transaction, account_add / account_put_password / account_disable inside
 * one (the server's srv_write, or the CLI's own). */
#ifndef HL_ACCOUNTS_H
#define HL_ACCOUNTS_H

#include <stdbool.h>
#include <stddef.h>

#include "base/err.h"
#include "store/store.h"

#define ACCOUNT_PW_MIN 10      /* characters (code points), not bytes */
#define ACCOUNT_PW_MAXBYTES 512
#define ACCOUNT_PW_GEN 16      /* length of a generated password */

/* The role named s ("admin", "supervisor", "clerk", "entry"), or ROLE_NONE. */
int account_role_parse(const char *s);

/* The English name of role ("admin", ...), "?" for none; static string. */
const char *account_role_name(int role);

/* The Vietnamese name of role ("quản trị", ...); static string. */
const char *account_role_label(int role);

/* HL_OK if name is a valid login name: 1..63 bytes of ASCII letters, digits,
 * '.', '_', '-', starting with a letter or digit; else HL_EINVAL naming it. */
int account_check_name(const char *name, struct hl_err *err);

/* HL_OK if pw is an acceptable password: valid UTF-8, no control characters,
 * at least ACCOUNT_PW_MIN characters, at most ACCOUNT_PW_MAXBYTES bytes. */
int account_check_password(const char *pw, struct hl_err *err);

/* Hash pw with argon2id into out (crypto_pwhash_str form, NUL-terminated;
 * size >= 128). Checks pw first. */
int account_hash(const char *pw, char *out, size_t size, struct hl_err *err);

/* True if pw matches the stored hash. */
bool account_verify(const char *hash, const char *pw);

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

/* Replace the password hash of user name (HL_ENOTFOUND if none) and audit. */
int account_put_password(struct store *st, const char *name, const char *hash, const char *who,
	struct hl_err *err);

/* Disable user name (HL_ENOTFOUND if none; again is harmless) and audit. */
int account_disable(struct store *st, const char *name, const char *who, struct hl_err *err);

#endif
