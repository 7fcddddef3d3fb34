/* intake.h — every response sent in, from any channel, into the store.
 *
 * intake_submit is the one way in for a response that arrives alone (a
 * kiosk's, a logged-in user's through the API, a phone's through a
 * receipt's QR link): the channel's policy is a row of a table (who may send
 * for which unit, how it is dated, whether the kiosk's burst and date rules
 * may hold it, whether its comment may be a complaint, whether it uses a
 * one-time link), the body is checked against a shared snapshot of what the
 * store knows (svc/ingest), and the store step runs as one job of the
 * server's writer (svc/writer: durable when it returns). Every channel,
 * bulk ones too (a paper batch's close, a CSV import, a review's accept),
 * stores through intake_store, in the caller's transaction; a CSV import's
 * plain rows (no complaint, no follow-up case) go through intake_stage, the
 * same rules for many rows in one statement.
 *
 * The store-side rules: The sender's id is unique within the unit; a resend
 * under it (the same content: nothing stored) is told from other answers
 * under it (a conflict, never silently dropped) by a hash of the content
 * kept with the row. A kiosk's answers are held for a clerk's review when
 * the kiosk sends faster than people answer, or dates them in the future or
 * long ago. Everything runs in the caller's transaction (the server's
 * writer, an import), so what the rules count is exactly what is committed:
 * a write that fails and is rolled back counts for nothing. */
#ifndef HL_INTAKE_H
#define HL_INTAKE_H

#include <sodium.h>
#include <stdbool.h>
#include <stdint.h>

#include "base/err.h"
#include "store/store.h"
#include "svc/writer.h"

struct fb_new;
struct hl_instrument;
struct ingest_shared;

#define INTAKE_BURST_MAX 3            /* a kiosk's responses per window, more are held */
#define INTAKE_BURST_WINDOW 60        /* seconds */
#define INTAKE_FUTURE_SLACK (10 * 60) /* seconds a kiosk's clock may run ahead */
#define INTAKE_PAST_DAYS 31           /* days back a kiosk's answer may be dated */

/* The content hash of r (BLAKE2b-256 of a canonical encoding): what was
 * answered — the day (except for a QR answer, which the server dates), the
 * instrument, channel, field, staff, dossier, comment, answers — and whether
 * the comment is also a complaint. Not the unit or id (they name the
 * response), nor who sent it, when it arrived, its status or batch. */
void intake_hash(const struct store_response *r, bool complaint, unsigned char out[STORE_HASH_LEN]);

/* The parts of a content hash (intake_hash, feedback's idempotency keys):
 * v as 8 bytes little-endian; n bytes at p after their length, so that no
 * two lists of strings encode alike. */
void intake_hash_int(crypto_generichash_state *h, int64_t v);
void intake_hash_bytes(crypto_generichash_state *h, const void *p, size_t n);

/* Store r (checked by ingest; ext_id "" = no id) with its content hash.
 * HL_OK: stored, r->id set. HL_EEXIST: the unit has a response with this id
 * and the same content (a resend); nothing changed. HL_ECONFLICT: the unit
 * has one with this id and other content; nothing changed, err names "id"
 * and the id. For both, *existing_batch (may be NULL) gets that response's
 * batch. A row stored before hashes existed is hashed as it is stored, as
 * not a complaint. */
int intake_insert(struct store *st, struct store_response *r, bool complaint,
	int64_t *existing_batch, struct hl_err *err);

/* Whether the unit's response with ext_id has the content hashed as hash
 * (*same: a resend) or other content; *batch (may be NULL) gets its batch.
 * HL_ENOTFOUND when the unit has none. */
int intake_same(struct store *st, int64_t unit_id, const char *ext_id,
	const unsigned char hash[STORE_HASH_LEN], bool *same, int64_t *batch, struct hl_err *err);

/* A bulk insert of counted responses that carry no complaint and open no
 * follow-up case (an import's), in the caller's transaction: r (checked,
 * its batch set) is counted, hashed and staged as row seq of the store's
 * stage (store.h response_stage: 0 begins a new one); the caller then
 * flushes the stage (response_stage_flush) and asks intake_same about each
 * row that clashes. */
int intake_stage(struct store *st, struct store_response *r, int64_t seq, struct hl_err *err);

/* Whether a kiosk's response arriving at now (seconds) is held for review:
 * the kiosk already has more than INTAKE_BURST_MAX responses stored that
 * arrived in the last INTAKE_BURST_WINDOW seconds, or the response is dated
 * more than INTAKE_FUTURE_SLACK seconds ahead (at, when has_time; else a day
 * after today) or more than INTAKE_PAST_DAYS days before today (UTC+7). */
int intake_kiosk_held(struct store *st, int64_t kiosk_id, int64_t now, hl_day day, int64_t at,
	bool has_time, bool *held, struct hl_err *err);

/* One response sent to POST /api/v1/responses, and what became of it. */
struct intake_post {
	struct store_response *r; /* checked; received_at and kiosk_id set, status set here */
	bool kiosk;               /* a kiosk's: intake_kiosk_held applies */
	int64_t collected_at;     /* as ingest_json_out */
	bool has_time;
	const struct fb_new *fb;        /* the comment as a complaint, added with it; or NULL */
	const char *fb_who;             /* who adds the complaint (audit) */
	bool duplicate;                 /* out: a resend, nothing stored */
	char fb_code[STORE_CODE_MAX];   /* out: the complaint's code, when stored */
	bool no_followup;               /* opens no follow-up case (an import of old ballots) */
	const struct hl_instrument *in; /* r's instrument, parsed, if the caller has it cached */
	/* The insert may go with the next statement waited for, and a resend
	 * then fails the transaction instead of being told (the writer's first
	 * run of a batch: writer_tx_later). */
	bool later;
	/* INTAKE_QR (intake_store): the link's token hash, and when it arrived */
	const unsigned char *link_hash;
	int64_t now;
};

/* Store p->r (held or counted) and its complaint, together or not at all,
 * inside the caller's transaction: HL_OK (stored, or p->duplicate), or an
 * error of intake_insert or of the complaint (an input fault named
 * "comment"). The caller adds a counted response to the tallies. */
int intake_post(struct store *st, struct intake_post *p, struct hl_err *err);

/* ---- one response from any channel ---- */

/* The channels; their policies are a table in intake.c. */
enum intake_channel {
	INTAKE_KIOSK,  /* a kiosk's Bearer token: its own unit, burst and date rules */
	INTAKE_USER,   /* a logged-in user through the API: units in their scope */
	INTAKE_QR,     /* a receipt's one-time link: its unit and dossier, dated by the server */
	INTAKE_PAPER,  /* a paper batch's close: its entries, checked by svc/paper */
	INTAKE_REVIEW, /* a held response a clerk accepts (svc/review) */
	INTAKE_IMPORT, /* a CSV import's row (svc/import) */
};

/* Adds a counted response to the tallies (the writer's writer_tx_counter,
 * a close's own counter). */
typedef int (*intake_count_fn)(void *ctx, const struct store_response *r, struct hl_err *err);

/* Store p->r, already checked, as channel ch's policy says — inserted
 * (held or counted, with its complaint: intake_post), by its link
 * (INTAKE_QR: receipt_answer with p->link_hash, p->now), or a held one
 * counted (INTAKE_REVIEW: p->r as stored) — inside the caller's
 * transaction; when it is counted, its follow-up case opened
 * (svc/followup.h; unless p->no_followup) and count(ctx, r) (may be NULL)
 * called. HL_OK
 * (stored, or p->duplicate: a resend, nothing stored or counted), or the
 * step's error (HL_ECONFLICT: the id was used for other content). */
int intake_store(struct store *st, enum intake_channel ch, struct intake_post *p,
	intake_count_fn count, void *ctx, struct hl_err *err);

/* Who sends, and how their write reaches the writer. */
struct intake_caller {
	enum intake_channel channel;
	struct store *st; /* a read connection, for the snapshot */
	/* Run fn(arg) on the writer and wait until it is durable (the server's
	 * srv_write, which gives the read connection back meanwhile). */
	int (*write)(void *ctx, writer_fn fn, void *arg, struct hl_err *err);
	void *ctx;
	int64_t now;            /* seconds since 1970: when it arrived */
	int64_t kiosk_id;       /* INTAKE_KIOSK: the kiosk */
	const char *kiosk_name; /* INTAKE_KIOSK: its name, for the audit */
	const char *user_name;  /* INTAKE_USER: the user's name, for the audit */
	/* INTAKE_USER: whether the user may send for unit. */
	bool (*sees)(void *ctx, const struct store_unit *unit);
	int64_t unit_id; /* INTAKE_KIOSK, INTAKE_QR: the kiosk's, the link's unit */
	/* INTAKE_QR: the link (svc/receipt.h): its token hash, dossier and field
	 * (0 = none) and the day its answer counts on. */
	const unsigned char *link_hash;
	const char *link_dossier;
	int64_t link_field;
	hl_day link_day;
};

/* What became of a response. */
struct intake_result {
	bool duplicate;               /* the same answer sent again: nothing stored */
	bool held;                    /* stored, held for a clerk's review */
	char ext_id[STORE_CODE_MAX];  /* the sender's id, "" = none */
	char fb_code[STORE_CODE_MAX]; /* the complaint's code, "" = none */
};

/* The server's shared snapshot holder (svc/ingest.h), made on first use;
 * NULL when out of memory. Owned by intake (lives as long as the process). */
struct ingest_shared *intake_shared(void);

/* Check the JSON body (len bytes, docs/api.md) of a response from c and
 * store it through c->write. HL_OK (out tells stored, held or duplicate);
 * HL_EINVAL / HL_ELIMIT: the body (err->where names the field); HL_EPERM:
 * not the caller's unit (where "unit"); HL_ECONFLICT: the id was used for
 * other content (where "id"), or (INTAKE_QR) the link was used by another
 * answer or replaced (where "replaced"); others: the store's. */
int intake_submit(const struct intake_caller *c, const char *body, size_t len,
	struct intake_result *out, struct hl_err *err);

/* intake_submit in three steps, for a caller that does not wait for the
 * writer (the server answers a kiosk once the writer tells it): */
struct intake_job;

/* The bytes a job takes (the caller allocates it, e.g. in its arena). */
size_t intake_job_size(void);

/* Check the body as intake_submit does, into j (intake_job_size bytes; it
 * keeps a copy of c but points into c's strings and body's owner: they must
 * live until intake_end). Its errors are intake_submit's before the write. */
int intake_begin(const struct intake_caller *c, const char *body, size_t len, struct intake_job *j,
	struct hl_err *err);

/* The writer's job (a writer_fn) for a job from intake_begin. */
int intake_write(struct writer_tx *tx, void *job, struct hl_err *err);

/* What became of j once intake_write committed. */
void intake_end(const struct intake_job *j, struct intake_result *out);

#endif
