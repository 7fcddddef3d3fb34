/* ratelimit.h — the brakes on repeated requests and who owns their numbers:
 * failed logins per address and per account name, public feedback per
 * address. The counters live in the store (store.h "rate limits"), one per
 * key, so no key can push another out and every server process sharing the
 * database sees one limit.
 *
 * A rule allows max events in a window that opens with the first of them
 * and lasts its seconds; then counting starts again. Writes (rl_take,
 * rl_clear) belong inside a write transaction — the server's single writer —
 * so a check and its count are one step however many requests race. */
#ifndef HL_RATELIMIT_H
#define HL_RATELIMIT_H

#include <stdbool.h>
#include <stdint.h>

#include "base/err.h"
#include "store/store.h"

enum rl_rule {
	RL_LOGIN_ADDR,    /* failed logins from one client address */
	RL_LOGIN_NAME,    /* failed logins for one account name */
	RL_FEEDBACK_ADDR, /* public feedback items from one client address */
	RL_TRACK_ADDR,    /* wrong tracking-code look-ups from one client address */
};

/* The rule's most events per window, and its window in seconds. */
int rl_max(enum rl_rule rule);
int rl_window(enum rl_rule rule);

/* Whether who (an address, a name) has used up rule's events at now: *over
 * true when one more would be refused. Reads only. */
int rl_over(struct store *st, enum rl_rule rule, const char *who, int64_t now, bool *over,
	struct hl_err *err);

/* Count one event of rule for who at now unless its limit is reached
 * (*taken says which), and purge expired counters. Inside a write
 * transaction. */
int rl_take(struct store *st, enum rl_rule rule, const char *who, int64_t now, bool *taken,
	struct hl_err *err);

/* Give back one event rl_take counted for who at now (an attempt that
 * turned out not to be one the rule counts). Inside a write transaction. */
int rl_give(struct store *st, enum rl_rule rule, const char *who, int64_t now, struct hl_err *err);

/* Forget who's counter for rule. Inside a write transaction. */
int rl_clear(struct store *st, enum rl_rule rule, const char *who, struct hl_err *err);

#endif
