/* kiosks.h — the kiosk devices at the counters: adding one (a device token,
 * shown once, whose hash alone is stored), renaming, revoking, and the list
 * with the time of each one's last response, within the caller's scope.
 * Shared by `hailong kiosks` and the /kiosks page; every change is audited. */
#ifndef HL_KIOSKS_H
#define HL_KIOSKS_H

#include <stddef.h>

#include "base/err.h"
#include "base/token.h"
#include "store/store.h"

struct hl_arena;
struct scope_actor;

#define KIOSK_URL_MAX 512 /* bytes of a kiosk's pairing address */

/* A kiosk with its unit, as listed. */
struct kiosk_row {
	struct store_kiosk k;
	struct store_unit unit;
};

/* A kiosk ready to store: its record and its device token (never stored). */
struct kiosk_new {
	struct store_kiosk k;
	char token[TOKEN_SIZE];
};

/* HL_OK if name is a usable kiosk name: 1..63 bytes of valid UTF-8 without
 * control characters, not beginning or ending with a space; else HL_EINVAL
 * naming field. */
int kiosks_check_name(const char *name, const char *field, struct hl_err *err);

/* Make the new kiosk name: its token and the record holding its hash.
 * Nothing is stored. */
int kiosks_prepare(const char *name, struct kiosk_new *out, struct hl_err *err);

/* Store kn for the unit unit_code (sets kn->k.unit_id and id), by, audited
 * as kiosks.add. HL_ENOTFOUND for an unknown unit or one outside by's scope
 * (svc/units.h), HL_EEXIST for a name taken. Call inside a transaction. */
int kiosks_add(struct store *st, struct kiosk_new *kn, const char *unit_code,
	const struct scope_actor *by, struct hl_err *err);

/* Rename the kiosk name to new_name, by (kiosks.rename); revoke it, by
 * (kiosks.revoke): its token is refused from then on, and again is
 * harmless. HL_ENOTFOUND for no such kiosk in by's scope, HL_EEXIST for a
 * new name taken, HL_EINVAL for a bad one. Call inside a transaction. */
int kiosks_rename(struct store *st, const char *name, const char *new_name,
	const struct scope_actor *by, struct hl_err *err);
int kiosks_revoke(struct store *st, const char *name, const struct scope_actor *by,
	struct hl_err *err);

/* The kiosks of by's scope by name, each with its unit; *out lives in a. */
int kiosks_list(struct store *st, struct hl_arena *a, const struct scope_actor *by,
	struct kiosk_row **out, size_t *n, struct hl_err *err);

/* The address that opens the kiosk page paired with token on a device:
 * base + "/kiosk#token=" + token, the token in the fragment so that it never
 * reaches a server's log (the page keeps it, src/web/assets/survey.js). As
 * receipt_link for base. */
int kiosks_pair_url(const char *base, const char *token, char *buf, size_t size,
	struct hl_err *err);

/* Every kiosk, whatever its unit, into *out (owned by a): for naming the
 * kiosk a response came from. */
int kiosks_all(struct store *st, struct hl_arena *a, struct store_kiosk **out, size_t *n,
	struct hl_err *err);

#endif
