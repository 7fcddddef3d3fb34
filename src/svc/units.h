/* units.h — changes to the unit tree: adding or editing a unit (the rule
 * that the tree has no loop and a scoped administrator stays in its
 * subtree), and mergers (sáp nhập), which close the predecessors, open the
 * new unit and record the lineage the index uses to pool history. */
#ifndef HL_UNITS_H
#define HL_UNITS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/err.h"
#include "core/date.h"
#include "svc/scope.h"

struct hl_arena;
struct store;
struct store_lineage;
struct store_unit;
struct store_unit_contact;

/* Mark in on[0..n) the units of u[0..n) that are their own ancestor (on a
 * loop of parents); *count (may be NULL) gets how many. Scratch memory from
 * a; HL_ENOMEM when it runs out. */
int units_loops(struct hl_arena *a, const struct store_unit *u, size_t n, bool *on, size_t *count,
	struct hl_err *err);

/* Add or edit the unit with u's code (name, type, validity; u->id and
 * u->parent_id are ignored) under the unit parent_code: "" puts it at the
 * top, NULL keeps an existing unit's parent. scope_root not 0 is the unit a
 * scoped administrator manages: the unit and its new parent must be in that
 * unit's subtree, and scope_root itself is not moved. Refused, nothing
 * changed: HL_EINVAL when the parent is the unit itself or one of its
 * descendants (a loop), HL_EPERM out of scope, HL_ENOTFOUND for an unknown
 * parent; messages in Vietnamese. Audited by who as units.add or
 * units.edit. Call inside a transaction (a server write). */
int units_put_in(struct store *st, const struct store_unit *u, const char *parent_code,
	int64_t scope_root, const char *who, struct hl_err *err);

/* One unit whose data another unit's figures include: its data dated before
 * until (the merger day, the earliest along the chain) count; the unit
 * itself has until = HL_DAY_NONE (no limit). */
struct units_src {
	int64_t id;
	hl_day until;
};

/* NEW replaces from[0..nfrom) on day: each predecessor's valid_to becomes
 * day - 1, NEW's valid_from becomes day, the lineage is recorded; one
 * transaction with an audit entry by who. NEW is created when missing, which
 * needs name and type (else NULL), under the predecessors' common parent.
 * Refused (HL_ECONFLICT, nothing changed) when a predecessor has responses
 * dated on or after day. */
int units_merge(struct store *st, const char *new_code, const char *const *from, size_t nfrom,
	hl_day day, const char *name, const char *type, const char *who, struct hl_err *err);

/* The same inside the caller's transaction (a server write): no commit. */
int units_merge_in(struct store *st, const char *new_code, const char *const *from, size_t nfrom,
	hl_day day, const char *name, const char *type, const char *who, struct hl_err *err);

/* The unit that took unit id over in a merger (units_merge) and the day it
 * did, into *to and *day: HL_OK, or HL_ENOTFOUND when id was not merged
 * into another. */
int units_successor(struct store *st, int64_t id, struct store_unit *to, hl_day *day,
	struct hl_err *err);

/* The units whose data unit id's figures include (the pooling of the indices
 * and of the feedback figures): itself first, then its predecessors in
 * lin[0..nlin), recursively, into out[0..*n) (at most cap; code names the
 * unit in messages). HL_EINVAL when the chain is longer than cap or loops. */
int units_sources(const struct store_lineage *lin, size_t nlin, int64_t id, const char *code,
	struct units_src *out, size_t *n, size_t cap, struct hl_err *err);

/* Every unit, in code order, into *out (owned by a). */
int units_list(struct store *st, struct hl_arena *a, struct store_unit **out, size_t *n,
	struct hl_err *err);

/* The unit with this id among u[0..n), or NULL; points into u. */
const struct store_unit *units_by_id(const struct store_unit *u, size_t n, int64_t id);

/* The unit with code into *out: HL_OK or HL_ENOTFOUND (no scope: for the
 * command line and the public pages; callers with a scope use scope_get). */
int units_get(struct store *st, const char *code, struct store_unit *out, struct hl_err *err);

/* Every merger's lineage (predecessor, successor, day) into *out (owned by a). */
int units_lineage(struct store *st, struct hl_arena *a, struct store_lineage **out, size_t *n,
	struct hl_err *err);

/* Set unit code's contact, each part optional (""): hotline, the telephone
 * number citizens call (digits, spaces and + . - ( ), up to 31 characters);
 * address (up to 255 bytes); email (one @, up to 127 bytes). Kept in NFC.
 * HL_EINVAL (where "hotline", "address" or "email") with nothing changed;
 * HL_ENOTFOUND for an unknown unit. Inside the caller's transaction (the
 * caller checked its scope, as units_put_in does), audited by who. */
int units_contact_put_in(struct store *st, const char *code, const char *hotline,
	const char *address, const char *email, const char *who, struct hl_err *err);

/* units_contact_put_in in a transaction of its own (the command line). */
int units_contact_put(struct store *st, const char *code, const char *hotline, const char *address,
	const char *email, const char *who, struct hl_err *err);

/* Unit unit_id's contact into *out; every part "" when none was given. */
int units_contact(struct store *st, int64_t unit_id, struct store_unit_contact *out,
	struct hl_err *err);

#endif
