/* intake.h — a response checked by svc/ingest, into the store, with the rules
 * that need the store. The sender's id is unique within the unit; a resend
 * under it (the same content: nothing stored) is told from other answers
 * under it (a conflict, never silently dropped) by a hash of the content
 * kept with the row. A kiosk's answers are held for a clerk's review when
 * the kiosk sends faster than people answer, or dates them in the future or
 * long ago. Everything runs in the caller's transaction (the server's
 * writer, an import), so what the rules count is exactly what is committed:
 * a write that fails and is rolled back counts for nothing. */
#ifndef HL_INTAKE_H
#define HL_INTAKE_H

#include <stdbool.h>
#include <stdint.h>

#include "base/err.h"
#include "store/store.h"

struct fb_new;

#define INTAKE_BURST_MAX 3               /* a kiosk's responses per window, more are held */
#define INTAKE_BURST_WINDOW 60           /* seconds */
#define INTAKE_FUTURE_SLACK (10 * 60)    /* seconds a kiosk's clock may run ahead */
#define INTAKE_PAST_DAYS 31              /* days back a kiosk's answer may be dated */

/* The content hash of r (BLAKE2b-256 of a canonical encoding): what was
 * answered — the day (except for a QR answer, which the server dates), the
 * instrument, channel, field, staff, dossier, comment, answers — and whether
 * the comment is also a complaint. Not the unit or id (they name the
 * response), nor who sent it, when it arrived, its status or batch. */
void intake_hash(const struct store_response *r, bool complaint,
	unsigned char out[STORE_HASH_LEN]);

/* Store r (checked by ingest; ext_id "" = no id) with its content hash.
 * HL_OK: stored, r->id set. HL_EEXIST: the unit has a response with this id
 * and the same content (a resend); nothing changed. HL_ECONFLICT: the unit
 * has one with this id and other content; nothing changed, err names "id"
 * and the id. For both, *existing_batch (may be NULL) gets that response's
 * batch. A row stored before hashes existed is hashed as it is stored, as
 * not a complaint. */
int intake_insert(struct store *st, struct store_response *r, bool complaint,
	int64_t *existing_batch, struct hl_err *err);

/* Whether a kiosk's response arriving at now (seconds) is held for review:
 * the kiosk already has more than INTAKE_BURST_MAX responses stored that
 * arrived in the last INTAKE_BURST_WINDOW seconds, or the response is dated
 * more than INTAKE_FUTURE_SLACK seconds ahead (at, when has_time; else a day
 * after today) or more than INTAKE_PAST_DAYS days before today (UTC+7). */
int intake_kiosk_held(struct store *st, int64_t kiosk_id, int64_t now, hl_day day, int64_t at,
	bool has_time, bool *held, struct hl_err *err);

/* One response sent to POST /api/v1/responses, and what became of it. */
struct intake_post {
	struct store_response *r;    /* checked; received_at and kiosk_id set, status set here */
	bool kiosk;                  /* a kiosk's: intake_kiosk_held applies */
	int64_t collected_at;        /* as ingest_json_out */
	bool has_time;
	const struct fb_new *fb;     /* the comment as a complaint, added with it; or NULL */
	const char *fb_who;          /* who adds the complaint (audit) */
	bool duplicate;              /* out: a resend, nothing stored */
	char fb_code[STORE_CODE_MAX];/* out: the complaint's code, when stored */
};

/* Store p->r (held or counted) and its complaint, together or not at all,
 * inside the caller's transaction: HL_OK (stored, or p->duplicate), or an
 * error of intake_insert or of the complaint (an input fault named
 * "comment"). The caller adds a counted response to the tallies. */
int intake_post(struct store *st, struct intake_post *p, struct hl_err *err);

#endif
