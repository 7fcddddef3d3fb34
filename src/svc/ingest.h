/* ingest.h — one place that turns a response from outside (a CSV row, an API
 * body) into a checked struct store_response: unit, date and the unit's
 * validity on it, channel, field, staff, instrument and its questions, levels
 * within their scale, text lengths, UTF-8 and NFC. The rules are the CSV
 * import's (docs/formats.md); the JSON body is docs/api.md.
 *
 * What the store knows (units, fields, staff, instruments) is loaded once into
 * a struct ingest, an immutable snapshot, so checking a response costs no
 * query. The server shares snapshots between threads (struct ingest_shared). */
#ifndef HL_INGEST_H
#define HL_INGEST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/err.h"
#include "store/store.h"

struct hl_instrument;
struct ingest;
struct ingest_shared;

#define INGEST_JSON_MAX (16 * 1024) /* body cap of ingest_json, bytes */

/* A response's channel (enum store_channel) as people read it ("Phiếu
 * giấy", "Mã QR (điện thoại)"); static. */
const char *ingest_channel_label(int ch);

/* A stored instrument version, parsed. Owned by its snapshot. */
struct ingest_inst {
	struct store_instrument si;
	struct hl_instrument *in;
};

/* Where problems go: problem(ctx, name, msg) for each one found, name being
 * the CSV column ("unit", "date", "id", "channel", "field", "staff",
 * "dossier", "comment", "instrument") or a question code. */
struct ingest_sink {
	void (*problem)(void *ctx, const char *name, const char *msg);
	void *ctx;
	int nproblems; /* counted by the ingest functions */
};

/* The outside text of one response; NULL or "" = not given. */
struct ingest_in {
	const char *id, *unit, *instrument, *date, *channel, *field, *staff, *dossier, *comment;
};

/* Load a snapshot of what st knows. The caller frees it with ingest_free. */
int ingest_load(struct store *st, struct ingest **out, struct hl_err *err);

/* Free a snapshot; NULL is a no-op. */
void ingest_free(struct ingest *g);

/* The unit with store id, or NULL; owned by g. */
const struct store_unit *ingest_unit_id(const struct ingest *g, int64_t id);

/* The instrument "code" (current version) or "code@version", or NULL; owned by g. */
const struct ingest_inst *ingest_instrument(const struct ingest *g, const char *ref);

/* The instrument version with store id, or NULL; owned by g. */
const struct ingest_inst *ingest_instrument_id(const struct ingest *g, int64_t id);

/* Whether name is a question code of some instrument. */
bool ingest_is_question(const struct ingest *g, const char *name);

/* Fields and staff as loaded (owned by g). */
void ingest_fields(const struct ingest *g, const struct store_field **out, size_t *n);
void ingest_staff(const struct ingest *g, const struct store_staff **out, size_t *n);

/* Check everything of in but the answers into r (ext_id, unit_id, day,
 * channel, field_id, staff_id, dossier, comment, instrument_id, nanswers,
 * answers cleared); other members of r are left alone. *inst gets the
 * instrument when it is known (answers can then be checked). Returns false if
 * a problem was reported. */
bool ingest_check(const struct ingest *g, const struct ingest_in *in, struct store_response *r,
	const struct ingest_inst **inst, struct ingest_sink *sink);

/* Check one answer given as text (a CSV cell: empty = no answer, else a level
 * number) for question q of it (q < 0: the code name is not in it) into r. */
bool ingest_answer_text(const struct ingest_inst *it, int q, const char *name, const char *text,
	struct store_response *r, struct ingest_sink *sink);

/* Check one answer given as a number for question q of it into r. */
bool ingest_answer_level(const struct ingest_inst *it, int q, const char *name, long level,
	struct store_response *r, struct ingest_sink *sink);

/* NFC form of the valid UTF-8 string s into dst (size bytes): its length,
 * or -1 if it does not fit or cannot be normalised. */
long ingest_nfc(const char *s, char *dst, size_t size);

/* ---- the API body (docs/api.md, POST /api/v1/responses) ---- */

struct ingest_json_opts {
	const char *unit;    /* the unit when the body names none (a kiosk's), or NULL */
	const char *channel; /* the default channel ("kiosk", "paper") */
	bool kiosk;          /* id required; channel must be "kiosk" */
	bool server_day;     /* the response is dated day (a QR answer, dated by the
	                              * server): collected_at may be left out and is ignored */
	hl_day day;
};

struct ingest_json_out {
	struct store_response r; /* checked; status, kiosk_id, received_at, batch_id left 0 */
	const struct ingest_inst *inst;
	int64_t collected_at; /* seconds since 1970 (UTC); for a bare date, its local noon */
	bool has_time;        /* collected_at had a time of day */
	bool complaint;       /* the comment is also a complaint to answer (feedback) */
};

/* Parse and check the JSON body (len bytes) into out, with g's rules.
 * HL_OK, HL_ELIMIT (over INGEST_JSON_MAX) or HL_EINVAL with the Vietnamese
 * reason in err->msg and the JSON field ("answers.TC3", "unit") in err->where. */
int ingest_json(const struct ingest *g, const char *body, size_t len,
	const struct ingest_json_opts *o, struct ingest_json_out *out, struct hl_err *err);

/* Parse collected_at ("YYYY-MM-DD" or "YYYY-MM-DDTHH:MM[:SS][Z|±HH:MM]"):
 * the local day, the instant (seconds since 1970) and whether a time was given. */
bool ingest_parse_when(const char *s, hl_day *day, int64_t *at, bool *has_time);

/* ---- snapshots shared by the server's threads ---- */

/* A holder of the current snapshot, reloaded when older than ttl seconds.
 * Free with ingest_shared_free. NULL when out of memory. */
struct ingest_shared *ingest_shared_new(int ttl);

/* Free the holder and its snapshot (none may be held); NULL is a no-op. */
void ingest_shared_free(struct ingest_shared *s);

/* The current snapshot (loaded from st if missing or stale, or if older than
 * 1 s and fresh is set — after a miss), held until ingest_release. */
int ingest_acquire(struct ingest_shared *s, struct store *st, bool fresh, const struct ingest **out,
	struct hl_err *err);

/* Give back a snapshot from ingest_acquire. */
void ingest_release(struct ingest_shared *s, const struct ingest *g);

/* Age of snapshot g in seconds. */
int64_t ingest_age(const struct ingest *g);

#endif
