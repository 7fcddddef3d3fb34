/* ratelimit.c — the rate-limit rules (numbers and keys) over the store's
 * counters. */
#include "svc/ratelimit.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>

#define KEY_MAX 160 /* a longer who is counted by its hash */

static const struct {
	const char *prefix;
	int max, window;
} rules[] = {
	[RL_LOGIN_ADDR] = {"login-addr", 5, 300},
	[RL_LOGIN_NAME] = {"login-name", 5, 300},
	[RL_FEEDBACK_ADDR] = {"fb-public", 5, 3600},
	[RL_TRACK_ADDR] = {"fb-track", 10, 900},
};

#define NRULES ((int)(sizeof(rules) / sizeof(rules[0])))

int rl_max(enum rl_rule rule)
{
	return rules[rule].max;
}

int rl_window(enum rl_rule rule)
{
	return rules[rule].window;
}

/* The counter's key for who under rule, in key (KEY_MAX bytes): "prefix:who",
 * or "prefix#" and who's BLAKE2b hash in hex when that is too long — still
 * one key per who, never shared. */
static int key_of(enum rl_rule rule, const char *who, char *key, struct hl_err *err)
{
	unsigned char h[16];
	size_t n;

	if ((int)rule < 0 || (int)rule >= NRULES || who == NULL)
		return hl_err_set(err, HL_EINVAL, HL_HERE, "giới hạn tần suất không hợp lệ");
	n = (size_t)snprintf(key, KEY_MAX, "%s:%s", rules[rule].prefix, who);
	if (n < KEY_MAX)
		return HL_OK;
	crypto_generichash(h, sizeof(h), (const unsigned char *)who, strlen(who), NULL, 0);
	n = (size_t)snprintf(key, KEY_MAX, "%s#", rules[rule].prefix);
	sodium_bin2hex(key + n, KEY_MAX - n, h, sizeof(h));
	return HL_OK;
}

int rl_over(struct store *st, enum rl_rule rule, const char *who, int64_t now, bool *over,
	struct hl_err *err)
{
	char key[KEY_MAX];
	int n = 0, rc;

	*over = false;
	if ((rc = key_of(rule, who, key, err)) != HL_OK ||
		(rc = STORE(st, accounts, rate_count, key, now, &n, err)) != HL_OK)
		return rc;
	*over = n >= rules[rule].max;
	return HL_OK;
}

int rl_take(struct store *st, enum rl_rule rule, const char *who, int64_t now, bool *taken,
	struct hl_err *err)
{
	char key[KEY_MAX];
	int rc;

	*taken = false;
	if ((rc = key_of(rule, who, key, err)) != HL_OK ||
		(rc = STORE(st, accounts, rate_purge, now, err)) != HL_OK)
		return rc;
	return STORE(st, accounts, rate_take, key, now, rules[rule].window, rules[rule].max, taken,
		err);
}

int rl_give(struct store *st, enum rl_rule rule, const char *who, int64_t now, struct hl_err *err)
{
	char key[KEY_MAX];
	int rc = key_of(rule, who, key, err);

	return rc == HL_OK ? STORE(st, accounts, rate_give, key, now, err) : rc;
}

int rl_clear(struct store *st, enum rl_rule rule, const char *who, struct hl_err *err)
{
	char key[KEY_MAX];
	int rc = key_of(rule, who, key, err);

	return rc == HL_OK ? STORE(st, accounts, rate_clear, key, err) : rc;
}
