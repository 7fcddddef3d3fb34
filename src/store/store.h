/* store.h — the one storage interface everything above it uses. Backends
 * (store_sqlite.c now, store_pg.c later) fill a struct store_ops: the
 * connection and transactions, and one operation table per area (units,
 * responses, tallies, accounts, feedback, ...); nothing above this header
 * may speak SQL or name a backend.
 *
 * Conventions: every function returns HL_OK or a negative hl_status and fills
 * err. Strings in the structs below are fixed-size, NUL-terminated copies, so
 * results own nothing; lists come back in an arena the caller passes and frees.
 * Writes made between store_begin and store_commit are all-or-nothing. */
#ifndef HL_STORE_H
#define HL_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/err.h"
#include "base/token.h"
#include "core/date.h"
#include "core/tally.h"

struct hl_arena;
struct store;

#define STORE_CODE_MAX 64
#define STORE_NAME_MAX 256
#define STORE_HASH_LEN TOKEN_HASH_LEN /* tokens and contents are kept as their BLAKE2b-256 hash */

struct store_unit {
	int64_t id; /* set by the store */
	char code[STORE_CODE_MAX];
	char name[STORE_NAME_MAX];
	char type[24];               /* "ubnd-xa", "tram-y-te", ... */
	int64_t parent_id;           /* 0 = root */
	hl_day valid_from, valid_to; /* inclusive; HL_DAY_NONE = open */
};

/* Where citizens reach a unit (the counter screen and the public page show
 * it); "" = not given. */
struct store_unit_contact {
	int64_t unit_id;
	char hotline[32];
	char address[256];
	char email[128];
};

/* NEW replaced OLD on day (OLD's last day is day - 1). */
struct store_lineage {
	int64_t new_id, old_id;
	hl_day day;
};

struct store_field {
	int64_t id;
	char code[STORE_CODE_MAX];
	char name[STORE_NAME_MAX];
};

struct store_staff {
	int64_t id;
	char code[STORE_CODE_MAX];
	char name[STORE_NAME_MAX];
	int64_t unit_id;
	char position[STORE_NAME_MAX];
};

/* One stored instrument version; the definition is its JSON (docs/instruments.md). */
struct store_instrument {
	int64_t id;
	char code[STORE_CODE_MAX];
	int version;
	char name[STORE_NAME_MAX];
};

enum store_channel { CH_KIOSK = 1, CH_PAPER = 2, CH_QR = 3, CH_IMPORT = 4 };

#define STORE_ANSWERS_MAX 128
#define STORE_COMMENT_MAX 4000

struct store_response {
	int64_t id;                  /* set by the store */
	char ext_id[STORE_CODE_MAX]; /* "" = none; unique within the unit when given */
	int64_t unit_id;
	hl_day day;
	int64_t instrument_id;      /* store_instrument.id (code + version) */
	int channel;                /* enum store_channel */
	int64_t field_id, staff_id; /* 0 = not given */
	char dossier[STORE_CODE_MAX];
	char comment[STORE_COMMENT_MAX + 1];
	int nanswers;
	unsigned char answers[STORE_ANSWERS_MAX]; /* see core/instrument.h */
	int64_t batch_id;                         /* the import or collection batch */
	int status;                               /* enum store_resp_status; only counted
	                                    * responses are in the tallies */
	int64_t kiosk_id;                         /* the kiosk that sent it, 0 = none */
	int64_t received_at;                      /* server time, seconds since 1970, 0 = unknown */
	bool has_hash;                            /* content_hash is known (svc/intake.h); rows
	                                    * stored before hashes existed have none */
	unsigned char content_hash[STORE_HASH_LEN];
};

enum store_resp_status {
	RS_COUNTED = 0,  /* in the indices */
	RS_HELD = 1,     /* stored, held for a clerk's review (e.g. a kiosk burst) */
	RS_REJECTED = 2, /* reviewed and left out; kept for the record */
};

struct store_target {
	int year;
	int64_t unit_id;             /* 0 when set for a type */
	char type[24];               /* "" when set for a unit */
	char criterion[HL_CODE_MAX]; /* "" = every criterion and SIPAS */
	double value;
};

struct store_dossier {
	int64_t id;
	char code[STORE_CODE_MAX];
	int64_t unit_id, field_id;
	char procedure[STORE_NAME_MAX];
	char channel[16];                                      /* "online", "direct" or "post" */
	int64_t received_at, due_at, finished_at, returned_at; /* minutes, -1 = none */
	int supplements, reschedules;
	bool apology;
	int64_t submitted_at; /* minutes, -1 = none; stored by dossier_save only */
	int cls;              /* a finished dossier's class (enum tl_class:
	                                    * early, on time, late), computed by svc
	                                    * (dossq.h dq_save) and stored as given; 0
	                                    * until received, due and finished are all known */
};

/* ---- the server's records ---- */

/* Roles, from least to most: a data-entry clerk types ballots for its unit; a
 * unit clerk runs its unit; a supervisor sees every unit below its own; an
 * administrator everything. */
enum store_role {
	ROLE_NONE = 0,
	ROLE_ENTRY = 1,
	ROLE_CLERK = 2,
	ROLE_SUPERVISOR = 3,
	ROLE_ADMIN = 4
};

struct store_user {
	int64_t id;
	char name[STORE_CODE_MAX]; /* login name, unique */
	int role;                  /* enum store_role */
	int64_t unit_id;           /* 0 for an administrator of everything */
	char pwhash[160];          /* crypto_pwhash_str (argon2id) */
	bool disabled;
};

struct store_session {
	unsigned char token_hash[STORE_HASH_LEN];
	int64_t user_id;
	char csrf[48];      /* the session's anti-CSRF token */
	int64_t expires_at; /* seconds since 1970 */
};

struct store_kiosk {
	int64_t id;
	char name[STORE_CODE_MAX]; /* unique */
	int64_t unit_id;
	unsigned char token_hash[STORE_HASH_LEN];
	bool revoked;
	int64_t last_at; /* set by kiosk_list: when its last response
	                                    * came (seconds), 0 = none */
};

/* A one-time survey link for a dossier (the QR on the receipt). */
struct store_receipt {
	unsigned char token_hash[STORE_HASH_LEN];
	char dossier[STORE_CODE_MAX];
	int64_t unit_id;
	int64_t created_at, used_at; /* seconds; used_at 0 = not used */
	int64_t response_id;         /* the response it gave, 0 = none */
	int64_t replaced_at;         /* seconds; a newer link for the dossier was
	                                    * made then (receipt_replace), 0 = current */
};

/* One opening of the ballot box. */
struct store_paper_batch {
	int64_t id;
	int64_t unit_id;
	hl_day opened_on;
	char opened_by[STORE_NAME_MAX];
	char witness[STORE_NAME_MAX];
	int counted;       /* ballots counted when the box was opened */
	bool double_entry; /* two clerks type it; counts when they agree */
	int64_t instrument_id;
	bool closed;        /* only a closed batch's ballots count */
	int64_t created_by; /* user id */
	int64_t closed_at;  /* seconds, 0 = open */
};

/* One ballot as typed in a pass (1, or 2 for the second clerk of a double entry). */
struct store_paper_entry {
	int64_t batch_id;
	int pass;
	int seq; /* ballot number within the batch, 1.. */
	int64_t field_id, staff_id;
	int nanswers;
	unsigned char answers[STORE_ANSWERS_MAX];
	char comment[STORE_COMMENT_MAX + 1];
	int64_t entered_by; /* user id */
	bool spoiled;       /* phiếu không hợp lệ: counted in the batch, never
	                                    * a response (no answers) */
};

/* ---- published reports (issue 4; section owned by svc/publish.c) ---- */

/* One published version of a unit's periodic report: a frozen snapshot. The
 * figures are the index JSON (svc/index_json.h) as computed when published;
 * the document is the rendered report (HTML or PDF), empty when none was
 * rendered. Republishing adds version n + 1; every version is kept. */
struct store_report {
	int64_t id; /* set by the store */
	int64_t unit_id;
	char period[40];                   /* canonical code: "2024-Q1" */
	int version;                       /* 1, 2, ... per (unit, period), set by the store */
	char format[8];                    /* the document's: "html", "pdf" or "" */
	char published_by[STORE_CODE_MAX]; /* "web:lan", "cli:root" */
	int64_t published_at;              /* seconds since 1970 */
	hl_day due;                        /* its calendar day, HL_DAY_NONE = off calendar */
	bool doc_public;                   /* set by the store: the document may be shown to
	                                    * the public — published under the rule for
	                                    * comments (issue 10) and every comment it quotes
	                                    * still approved */
};

/* A citizen's comment a clerk approved for publication (issue 10; section
 * owned by svc/comments.c): only approved comments are quoted in what the
 * public sees. */
struct store_approval {
	int64_t response_id;
	int64_t unit_id;              /* the response's */
	hl_day day;                   /* the response's */
	char by[STORE_CODE_MAX + 32]; /* "web:lan" */
	int64_t at;                   /* seconds since 1970 */
};

/* A unit's own reporting schedule (core/calendar_rpt.h SPEC). */
struct store_rschedule {
	int64_t unit_id;
	char spec[256];
};

/* Tally grains: per day, month or year (start = first day); days and
 * months over all fields (field_id 0) and months per field too; years over
 * all fields only (a year's index reads 12 times fewer cells). */
enum store_grain { GRAIN_DAY = 1, GRAIN_MONTH = 2, GRAIN_YEAR = 3 };

struct store_tally_row {
	int64_t unit_id;
	hl_day start;
	int64_t field_id;
	struct hl_tallyset set;
};

/* Per-field dossier count for a unit and year. */
struct store_count {
	int64_t key_id;
	int64_t count;
};

/* What recomputing tallies needs of a response; answers point into the
 * store's row buffer and are valid only during the callback. */
struct store_response_core {
	int64_t id, unit_id, instrument_id, field_id;
	int status; /* enum store_resp_status */
	hl_day day;
	int nanswers;
	const unsigned char *answers;
	/* What the rollups (core/rollup.h) take besides. */
	int channel;         /* enum store_channel */
	int64_t staff_id;    /* 0 = not given */
	const char *comment; /* "" = none; valid during the callback */
};

/* ---- plan (issue 6; section owned by svc/plan.c) ---- */

#define STORE_PLAN_TEXT_MAX 4000 /* bytes of a task's content, office, result */
#define STORE_PLAN_NOTE_MAX 2000

/* A standard task (nhiệm vụ mẫu) of a criterion, as an administrator edited
 * it; while none is stored the built-ins of svc/plan.c apply. */
struct store_plan_std {
	int seq; /* order in the whole list, 1.. */
	char criterion[HL_CODE_MAX];
	char task[STORE_PLAN_TEXT_MAX];
	char responsible[STORE_PLAN_TEXT_MAX];
	char schedule[32]; /* svc/plan.h's codes or YYYY-MM-DD */
	char expected[STORE_PLAN_TEXT_MAX];
};

/* One task of a unit's improvement plan for a year. */
struct store_plan_task {
	int64_t id; /* set by the store */
	int64_t unit_id;
	int year;
	int no; /* 1.. within the plan */
	char criterion[HL_CODE_MAX];
	bool has_value, has_target; /* the criterion's base value and target when adopted */
	double value, target;
	char task[STORE_PLAN_TEXT_MAX];
	char responsible[STORE_PLAN_TEXT_MAX];
	char schedule[32];
	char expected[STORE_PLAN_TEXT_MAX];
	char status[24]; /* chua-bat-dau, dang-thuc-hien, hoan-thanh, qua-han */
	int64_t version; /* set by the store: 1 when added, one more at
	                                    * each change (compare-and-set, plan_task_put) */
};

/* A dated progress note on a task, with the status it set. */
struct store_plan_note {
	int64_t task_id;
	int no; /* the task's number (set by plan_note_list) */
	hl_day day;
	char status[24];
	char text[STORE_PLAN_NOTE_MAX];
	char who[STORE_CODE_MAX + 32];
};

/* ---- feedback (issue 6; section owned by svc/feedback.c) ---- */

/* An office items are forwarded to; unit_id 0 = built in, for every unit. */
struct store_fb_office {
	int64_t id; /* set by the store */
	char code[STORE_CODE_MAX];
	int64_t unit_id;
	char name[STORE_NAME_MAX];
};

/* One feedback item (phản ánh, kiến nghị). Times in minutes (local), -1 =
 * none; codes and states are svc/feedback.h's enums. The sender's name and
 * contact are elsewhere (fb_contact_*). */
struct store_fb_item {
	int64_t id;                /* set by the store */
	char code[STORE_CODE_MAX]; /* unique */
	int64_t unit_id;
	int channel, kind, cls;
	char criterion[HL_CODE_MAX]; /* "" = none */
	int state;
	int64_t received_at, classified_at;
	int64_t office_id, forwarded_at; /* office 0 = not forwarded */
	int answer_no;                   /* the letter's number in its year, 0 = none */
	int64_t first_answered_at, answered_at, published_at;
	int rating; /* 0 none, 1 satisfied, 2 not satisfied (the last) */
	int64_t rated_at, reopened_at, closed_at;
	int reopened; /* times reopened */
	unsigned char token_hash[STORE_HASH_LEN];
	char *text, *answer; /* in the caller's arena; NULL unless asked */
	int64_t version;     /* set by the store: 1 when added, one more at
	                                    * each fb_item_update (compare-and-set) */
};

/* A feedback item added with a sender's idempotency key: the key and
 * what was sent with it, kept as hashes, and the salt the item's tracking
 * token is derived from with the key (svc/feedback.c), so that a resend
 * gets the same token while the store holds no token. */
struct store_fb_idem {
	int64_t unit_id;
	unsigned char key_hash[STORE_HASH_LEN];
	unsigned char content_hash[STORE_HASH_LEN];
	unsigned char salt[STORE_HASH_LEN];
	int64_t item_id;
};

/* Which items fb_item_list returns. */
struct store_fb_filter {
	int64_t unit_id;  /* 0 = every unit */
	int64_t from, to; /* received_at in [from, to); -1 = open */
	bool open_only, published_only, with_text;
};

/* One step done: "received", "classified", ... with who and when. */
struct store_fb_step {
	int64_t item_id;
	char step[24];
	char who[STORE_CODE_MAX + 32];
	int64_t at; /* minutes, local */
	char detail[STORE_NAME_MAX];
};

/* A unit's deadlines for a class (cls 0 = every class without its own). */
struct store_fb_deadline {
	int64_t unit_id;
	int cls;
	int forward_hours, answer_days; /* -1 = not set here */
};

/* ---- dossier timeliness (issue 6; section owned by svc/dossq.c) ---- */

/* Finished dossiers of a unit received in a month, counted by class
 * (core/timeliness.h), per field and channel, or per procedure. */
struct store_dossier_sum {
	int64_t unit_id;
	int month;                      /* year * 12 + month - 1 */
	int64_t field_id;               /* 0 = none (and when per procedure) */
	char channel[16];               /* "" when per procedure */
	char procedure[STORE_NAME_MAX]; /* "" unless per procedure */
	int64_t early, on_time, late;
};

/* Scans hand rows to a callback. A callback may not call the store (libpq
 * cannot run a statement while reading a result): collect, then act after
 * the scan returns. A nonzero return stops the scan and is returned as is.
 * The contract in full: docs/internals/store.md. */
/* Progress of a long store operation: done of total units of work. */
typedef void (*store_progress_fn)(void *ctx, long done, long total);
typedef int (*store_dossier_cb)(void *ctx, const struct store_dossier *d);
typedef int (*store_dsum_cb)(void *ctx, const struct store_dossier_sum *s);

typedef int (*store_response_cb)(void *ctx, const struct store_response *r);
typedef int (*store_core_cb)(void *ctx, const struct store_response_core *r);
typedef int (*store_seq_cb)(void *ctx, int64_t seq);
typedef int (*store_tally_cb)(void *ctx, const struct store_tally_row *row);
/* One stored rollup (core/rollup.h): its encoding, valid during the callback. */
typedef int (*store_rollup_cb)(void *ctx, int64_t unit_id, hl_day month, const unsigned char *data,
	size_t len);

/* ---- calendar (issue 6; section owned by svc/calendar.c) ---- */

/* One imported line of a government decision: kind is enum wc_kind
 * (core/workcal.h): WC_HOLIDAY, WC_DAY_OFF or WC_WORKING_DAY. */
struct store_cal_day {
	hl_day day;
	int kind;
	char name[128];
};

/* A unit's office hours from a day on (unit_id 0 = every unit without its
 * own; from HL_DAY_NONE = since always); spec as core/workcal.h parses it. */
struct store_cal_hours {
	int64_t unit_id;
	hl_day from;
	char spec[512];
};

/* An import that commits in chunks and has not finished (issue 10; owned
 * by svc/import.c): what it wrote is undone if it fails or its process dies. */
struct store_import_run {
	int64_t id;
	char kind[16];      /* "responses" or "dossiers" */
	int64_t batch_id;   /* its responses' batch, 0 = none */
	int64_t owner;      /* the importing process (its pid) */
	int64_t started_at; /* seconds since 1970 */
};

/* The transaction steps a backend's tx performs (store_begin ... below), as
 * X(STEP, what it is called in a message): BEGIN takes the write lock now;
 * SAVEPOINT is inside a transaction only; RELEASE keeps the savepoint's
 * writes, ROLLBACK_TO undoes them (the savepoint is gone either way). */
#define STORE_TX_STEPS(X) \
	X(BEGIN, "bắt đầu giao dịch") \
	X(COMMIT, "xác nhận giao dịch") \
	X(ROLLBACK, "hủy giao dịch") \
	X(SAVEPOINT, "đặt điểm lưu") \
	X(RELEASE, "giải phóng điểm lưu") \
	X(ROLLBACK_TO, "quay lại điểm lưu")
#define STORE_TX_ENUM(step, name) STORE_TX_##step,
enum store_tx { STORE_TX_STEPS(STORE_TX_ENUM) STORE_TX_COUNT };
#undef STORE_TX_ENUM

/* Units, their lineage, the fields of procedures and the civil servants
 * (store_sqlite_units.c; svc/units, svc/fields, svc/staff). */
struct store_units_ops {
	int (*unit_put)(struct store *st, struct store_unit *u, struct hl_err *err);
	int (*unit_get)(struct store *st, const char *code, struct store_unit *out,
		struct hl_err *err);
	int (*unit_list)(struct store *st, struct hl_arena *a, struct store_unit **out, size_t *n,
		struct hl_err *err);
	int (*lineage_add)(struct store *st, const struct store_lineage *l, struct hl_err *err);
	int (*lineage_list)(struct store *st, struct hl_arena *a, struct store_lineage **out,
		size_t *n, struct hl_err *err);
	int (*field_put)(struct store *st, struct store_field *f, struct hl_err *err);
	int (*field_list)(struct store *st, struct hl_arena *a, struct store_field **out, size_t *n,
		struct hl_err *err);
	int (*staff_put)(struct store *st, struct store_staff *s, struct hl_err *err);
	int (*staff_list)(struct store *st, struct hl_arena *a, struct store_staff **out, size_t *n,
		struct hl_err *err);
	/* Store a unit's contact, replacing the one it had. */
	int (*contact_put)(struct store *st, const struct store_unit_contact *c,
		struct hl_err *err);
	/* The contact of unit_id; HL_ENOTFOUND when none was stored. */
	int (*contact_get)(struct store *st, int64_t unit_id, struct store_unit_contact *out,
		struct hl_err *err);
};

/* Survey instruments, one row per code and version (store_sqlite.c;
 * svc/instruments). */
struct store_instruments_ops {
	int (*instrument_put)(struct store *st, struct store_instrument *in, const char *json,
		struct hl_err *err);
	int (*instrument_get)(struct store *st, const char *code, int version, struct hl_arena *a,
		struct store_instrument *out, char **json, struct hl_err *err);
	int (*instrument_get_id)(struct store *st, int64_t id, struct hl_arena *a,
		struct store_instrument *out, char **json, struct hl_err *err);
	int (*instrument_list)(struct store *st, struct hl_arena *a, struct store_instrument **out,
		size_t *n, struct hl_err *err);
};

/* Responses and their batches (store_sqlite.c, _srv.c, _imp.c; svc/intake,
 * svc/import, svc/review). */
struct store_responses_ops {
	int (*batch_new)(struct store *st, const char *kind, const char *source, int64_t *id,
		struct hl_err *err);
	int (*response_insert)(struct store *st, struct store_response *r, int64_t *existing_batch,
		struct hl_err *err);
	int (*response_scan)(struct store *st, int64_t unit_id, hl_day first, hl_day last,
		store_response_cb cb, void *ctx, struct hl_err *err);
	/* Responses with min_id <= id <= max_id in id order, light view; of
	 * batch_id only unless 0 (an import's chunk: other writers' responses
	 * may take ids inside its range on PostgreSQL). */
	int (*response_scan_ids)(struct store *st, int64_t batch_id, int64_t min_id, int64_t max_id,
		store_core_cb cb, void *ctx, struct hl_err *err);
	int (*response_count_after)(struct store *st, int64_t unit_id, hl_day day, int64_t *count,
		struct hl_err *err);
	/* Responses of a unit (0 = all) with a status, newest first, at most limit. */
	int (*response_list_status)(struct store *st, int64_t unit_id, int status, int limit,
		struct hl_arena *a, struct store_response **out, size_t *n, struct hl_err *err);
	int (*response_get)(struct store *st, int64_t id, struct store_response *out,
		struct hl_err *err);
	/* The response of unit_id with that ext_id; HL_ENOTFOUND when none. */
	int (*response_get_ext)(struct store *st, int64_t unit_id, const char *ext_id,
		struct store_response *out, struct hl_err *err);
	int (*response_set_status)(struct store *st, int64_t id, int status, struct hl_err *err);
	/* Responses of kiosk received since time t (seconds), counted up to limit
	 * at most (the burst check needs no more, and stops early). */
	int (*response_count_kiosk_since)(struct store *st, int64_t kiosk_id, int64_t t,
		int64_t limit, int64_t *count, struct hl_err *err);
	/* Delete every response of batch_id (the caller recomputes the tallies). */
	int (*response_delete_batch)(struct store *st, int64_t batch_id, struct hl_err *err);
	/* A bulk insert (an import's), inside the caller's transaction:
	 * response_stage adds r (checked, hashed, its batch and status set) to
	 * the connection's stage as its row seq, seq 0 emptying the stage
	 * first; response_stage_flush inserts the staged rows (staged of
	 * them) in seq order, leaving out those whose id the unit has (*added
	 * = rows inserted), calls clash(ctx, seq) for each staged row whose id
	 * the unit has from another batch (in seq order; it may not call the
	 * store; not needed when every row was added), and empties the stage.
	 * The rows' ids are not told. */
	int (*response_stage)(struct store *st, const struct store_response *r, int64_t seq,
		struct hl_err *err);
	int (*response_stage_flush)(struct store *st, int64_t batch_id, int64_t staged,
		int64_t *added, store_seq_cb clash, void *ctx, struct hl_err *err);
	/* response_insert inside the caller's transaction whose statement may
	 * be sent only with the next one waited for (PostgreSQL: no round trip
	 * of its own); r->id is set at once. An ext_id the unit has already is
	 * then not told here but fails that statement or the commit, and with
	 * it the transaction: for the writer's first run of a batch, which runs
	 * again the careful way when its transaction fails (svc/writer.c). */
	int (*response_insert_later)(struct store *st, struct store_response *r,
		struct hl_err *err);
};

/* The channels that become responses: one-time survey links (receipts)
 * and paper ballot boxes (store_sqlite_srv.c; svc/receipt, svc/paper). */
struct store_intake_ops {
	int (*receipt_put)(struct store *st, const struct store_receipt *r, struct hl_err *err);
	int (*receipt_get)(struct store *st, const unsigned char *token_hash,
		struct store_receipt *out, struct hl_err *err);
	/* Mark used by response_id at now; HL_ECONFLICT if it was used or replaced already. */
	int (*receipt_use)(struct store *st, const unsigned char *token_hash, int64_t response_id,
		int64_t now, struct hl_err *err);
	/* Before a new link for dossier of unit_id: *used_at = when one of its
	 * links was used (the latest; 0 = none) and then nothing changes; else
	 * its current links are marked replaced at now, *replaced = how many. */
	int (*receipt_replace)(struct store *st, int64_t unit_id, const char *dossier, int64_t now,
		int64_t *used_at, int *replaced, struct hl_err *err);
	int (*paper_batch_put)(struct store *st, struct store_paper_batch *b,
		struct hl_err *err); /* insert (id 0) or update */
	int (*paper_batch_get)(struct store *st, int64_t id, struct store_paper_batch *out,
		struct hl_err *err);
	int (*paper_batch_list)(struct store *st, int64_t unit_id, struct hl_arena *a,
		struct store_paper_batch **out, size_t *n, struct hl_err *err);
	int (*paper_entry_put)(struct store *st, const struct store_paper_entry *e,
		struct hl_err *err); /* by (batch, pass, seq) */
	int (*paper_entry_delete)(struct store *st, int64_t batch_id, int pass, int seq,
		struct hl_err *err);
	int (*paper_entry_list)(struct store *st, int64_t batch_id, int pass, struct hl_arena *a,
		struct store_paper_entry **out, size_t *n, struct hl_err *err);
};

/* Tallies and report rollups, additive counters (store_sqlite_tally.c,
 * _rollup.c; kept by svc/tallyacc). */
struct store_tallies_ops {
	int (*tally_merge)(struct store *st, enum store_grain g, const struct store_tally_row *row,
		struct hl_err *err);
	/* tally_merge of rows[0..n) (each key once) as a few statements, not
	 * one per key: for a merge of many keys (an import's, a rebuild's). */
	int (*tally_merge_many)(struct store *st, enum store_grain g,
		const struct store_tally_row *rows, size_t n, struct hl_err *err);
	int (*tally_scan)(struct store *st, enum store_grain g, bool per_field, hl_day first,
		hl_day last, store_tally_cb cb, void *ctx, struct hl_err *err);
	int (*tally_clear)(struct store *st, struct hl_err *err);
	/* Add the encoded rollup data (len bytes) to the stored one of (unit_id,
	 * month), creating it if absent; month is the month's first day, or a
	 * year key (core/rollup.h), which the caller keeps equal to the sum of
	 * the year's months (svc/tallyacc.c adds each response to both). */
	int (*rollup_merge)(struct store *st, int64_t unit_id, hl_day month,
		const unsigned char *data, size_t len, struct hl_err *err);
	/* The stored rollups of each of units[0..n) with month in [first, last]
	 * (HL_DAY_NONE = open), by unit in the given order, then month; months
	 * only, never a year key; callback as in response_scan. */
	int (*rollup_scan)(struct store *st, const int64_t *units, size_t n, hl_day first,
		hl_day last, store_rollup_cb cb, void *ctx, struct hl_err *err);
	/* The sum of the rollups rollup_scan would hand on, handed to cb once
	 * (as unit 0's, month first) or not at all when there are none: added
	 * up by the database, so a scope of many units costs a few statements;
	 * a whole year in [first, last] read from its year key. */
	int (*rollup_sum)(struct store *st, const int64_t *units, size_t n, hl_day first,
		hl_day last, store_rollup_cb cb, void *ctx, struct hl_err *err);
	/* Delete every rollup and mark the rollups complete: the caller
	 * recomputes them from every response in the same transaction. */
	int (*rollup_clear)(struct store *st, struct hl_err *err);
	/* *ready = whether the rollups cover every counted response (false in a
	 * database that had responses before rollups existed, until a rebuild). */
	int (*rollup_ready)(struct store *st, bool *ready, struct hl_err *err);
};

/* Users, sessions, kiosks and rate limits (store_sqlite_srv.c, _rate.c;
 * svc/accounts, svc/kiosks, svc/ratelimit). */
struct store_accounts_ops {
	int (*user_put)(struct store *st, struct store_user *u, struct hl_err *err); /* by name */
	int (*user_get)(struct store *st, const char *name, struct store_user *out,
		struct hl_err *err);
	int (*user_get_id)(struct store *st, int64_t id, struct store_user *out,
		struct hl_err *err);
	int (*user_list)(struct store *st, struct hl_arena *a, struct store_user **out, size_t *n,
		struct hl_err *err);
	int (*session_put)(struct store *st, const struct store_session *s, struct hl_err *err);
	/* The session and its user, read together (one round trip per request);
	 * HL_ENOTFOUND without the session or its user. */
	int (*session_user)(struct store *st, const unsigned char *token_hash,
		struct store_session *sess, struct store_user *user, struct hl_err *err);
	int (*session_delete)(struct store *st, const unsigned char *token_hash,
		struct hl_err *err);
	int (*session_purge)(struct store *st, int64_t now, struct hl_err *err); /* expired ones */
	/* Every session of the user but the one whose token hash is keep (NULL: all). */
	int (*session_delete_user)(struct store *st, int64_t user_id, const unsigned char *keep,
		struct hl_err *err);
	int (*kiosk_put)(struct store *st, struct store_kiosk *k,
		struct hl_err *err); /* new; name unique */
	int (*kiosk_get_token)(struct store *st, const unsigned char *token_hash,
		struct store_kiosk *out, struct hl_err *err);
	int (*kiosk_list)(struct store *st, struct hl_arena *a, struct store_kiosk **out, size_t *n,
		struct hl_err *err);
	int (*kiosk_revoke)(struct store *st, const char *name, struct hl_err *err);
	/* Rename kiosk name to new_name: HL_ENOTFOUND, HL_EEXIST when taken. */
	int (*kiosk_rename)(struct store *st, const char *name, const char *new_name,
		struct hl_err *err);
	/* Rate limits (the rules are svc/ratelimit.c's): one counter per key,
	 * with the time it expires: exact per key, so no key can push another
	 * out, and one counter for every process sharing the database.
	 * Count one event of key at now, unless its counter holds max already:
	 * an absent or expired counter (expires_at <= now) starts again at 1,
	 * expiring at now + window. *taken: whether it was counted. One atomic
	 * step, whatever other connections do at the same time. */
	int (*rate_take)(struct store *st, const char *key, int64_t now, int window, int max,
		bool *taken, struct hl_err *err);
	/* The events counted for key: 0 when absent or expired at now. */
	int (*rate_count)(struct store *st, const char *key, int64_t now, int *count,
		struct hl_err *err);
	/* Give back one event of key's live counter at now (none counted, or
	 * expired: nothing happens): an event counted before it was known to
	 * be one the rule does not count. */
	int (*rate_give)(struct store *st, const char *key, int64_t now, struct hl_err *err);
	/* Forget key's counter (absent: HL_OK). */
	int (*rate_clear)(struct store *st, const char *key, struct hl_err *err);
	/* Delete every counter expired at now. */
	int (*rate_purge)(struct store *st, int64_t now, struct hl_err *err);
};

/* Feedback (issue 6; store_q_fb.c, store_q_num.c; owned by svc/feedback.c). */
struct store_feedback_ops {
	/* Insert or rename an office by (unit_id, code); sets o->id. */
	int (*fb_office_put)(struct store *st, struct store_fb_office *o, struct hl_err *err);
	/* unit_id's offices and the built-in ones (unit_id 0 = every office), by code. */
	int (*fb_office_list)(struct store *st, int64_t unit_id, struct hl_arena *a,
		struct store_fb_office **out, size_t *n, struct hl_err *err);
	/* Insert it (sets it->id) with its text; HL_EEXIST when the code is taken. */
	int (*fb_item_put)(struct store *st, struct store_fb_item *it, const char *text,
		struct hl_err *err);
	/* Write every step field of it (by id) if the stored version is still
	 * it->version, making both one more; HL_ECONFLICT when it is not (the
	 * item changed since it was read), HL_ENOTFOUND when it is gone.
	 * answer NULL = unchanged. */
	int (*fb_item_update)(struct store *st, struct store_fb_item *it, const char *answer,
		struct hl_err *err);
	/* By code (or by token hash), text and answer copied into a; HL_ENOTFOUND. */
	int (*fb_item_get)(struct store *st, const char *code, struct hl_arena *a,
		struct store_fb_item *out, struct hl_err *err);
	int (*fb_item_get_token)(struct store *st, const unsigned char *token_hash,
		struct hl_arena *a, struct store_fb_item *out, struct hl_err *err);
	/* Items matching f, by received_at then id. */
	int (*fb_item_list)(struct store *st, const struct store_fb_filter *f, struct hl_arena *a,
		struct store_fb_item **out, size_t *n, struct hl_err *err);
	/* Items of unit_id received in [from, to): for the next code. */
	int (*fb_item_count)(struct store *st, int64_t unit_id, int64_t from, int64_t to,
		int64_t *count, struct hl_err *err);
	/* The number of item_id's answer letter in year, for unit_id: *no 0 =
	 * take the next (1 for the first), else record the number given (later
	 * ones continue after it). A number another item has: HL_EEXIST.
	 * (store_sqlite_num.c) */
	int (*fb_answer_number)(struct store *st, int64_t unit_id, int year, int64_t item_id,
		int *no, struct hl_err *err);
	/* The sender, kept apart from the text; get copies into a ("" when none). */
	int (*fb_contact_put)(struct store *st, int64_t item_id, const char *name,
		const char *contact, struct hl_err *err);
	int (*fb_contact_get)(struct store *st, int64_t item_id, struct hl_arena *a, char **name,
		char **contact, struct hl_err *err);
	int (*fb_step_add)(struct store *st, const struct store_fb_step *s, struct hl_err *err);
	/* An item's steps, oldest first. */
	int (*fb_step_list)(struct store *st, int64_t item_id, struct hl_arena *a,
		struct store_fb_step **out, size_t *n, struct hl_err *err);
	/* Set by (unit_id, cls); every setting. */
	int (*fb_deadline_set)(struct store *st, const struct store_fb_deadline *d,
		struct hl_err *err);
	int (*fb_deadline_list)(struct store *st, struct hl_arena *a,
		struct store_fb_deadline **out, size_t *n, struct hl_err *err);
	/* The key of (unit_id, key_hash); HL_ENOTFOUND when none. put: HL_EEXIST
	 * when that key is there already. */
	int (*fb_idem_get)(struct store *st, int64_t unit_id, const unsigned char *key_hash,
		struct store_fb_idem *out, struct hl_err *err);
	int (*fb_idem_put)(struct store *st, const struct store_fb_idem *k, struct hl_err *err);
};

/* Dossiers and their timeliness (issue 6; store_sqlite.c, _srv.c, _dos.c,
 * _imp.c; svc/dossq, svc/import). */
struct store_dossiers_ops {
	int (*dossier_put)(struct store *st, struct store_dossier *d, struct hl_err *err);
	int (*dossier_get)(struct store *st, const char *code, struct store_dossier *out,
		struct hl_err *err);
	int (*dossier_count_by_field)(struct store *st, int64_t unit_id, hl_day first, hl_day last,
		struct hl_arena *a, struct store_count **out, size_t *n, struct hl_err *err);
	/* dossier_put with submitted_at; keeps the finished-class sums in step
	 * (in the caller's transaction). */
	int (*dossier_save)(struct store *st, struct store_dossier *d, struct hl_err *err);
	/* The sums of months m0..m1 (year * 12 + month - 1) of unit_id (0 = every
	 * unit), per procedure or per field and channel; callback as in
	 * response_scan. */
	int (*dossier_sum_scan)(struct store *st, int64_t unit_id, bool per_procedure, int m0,
		int m1, store_dsum_cb cb, void *ctx, struct hl_err *err);
	/* Dossiers received in [r0, r1] (minutes) not finished at the moment at
	 * (finished_at none or after at), of unit_id (0 = every unit). */
	int (*dossier_open_scan)(struct store *st, int64_t unit_id, int64_t r0, int64_t r1,
		int64_t at, store_dossier_cb cb, void *ctx, struct hl_err *err);
	/* Dossiers of unit_id (0 = every unit: a full scan) received in [r0, r1]. */
	int (*dossier_scan)(struct store *st, int64_t unit_id, int64_t r0, int64_t r1,
		store_dossier_cb cb, void *ctx, struct hl_err *err);
	/* Dossiers finished in [f0, f1], every unit. */
	int (*dossier_scan_finished)(struct store *st, int64_t f0, int64_t f1, store_dossier_cb cb,
		void *ctx, struct hl_err *err);
	/* Note the dossier with this code as it is now, or that there is none,
	 * before run_id changes it (the first note of a code wins). */
	int (*dossier_undo_note)(struct store *st, int64_t run_id, const char *code,
		struct hl_err *err);
	/* Put every dossier noted for run_id back as noted (removing those that
	 * were not there). */
	int (*dossier_undo)(struct store *st, int64_t run_id, struct hl_err *err);
};

/* Improvement plans (issue 6; store_sqlite_plan.c; owned by svc/plan.c). */
struct store_plans_ops {
	/* The stored standard tasks by seq (none: the built-ins apply). */
	int (*plan_std_list)(struct store *st, struct hl_arena *a, struct store_plan_std **out,
		size_t *n, struct hl_err *err);
	/* Replace every stored standard task by t[0..n) (n 0: back to the built-ins). */
	int (*plan_std_replace)(struct store *st, const struct store_plan_std *t, size_t n,
		struct hl_err *err);
	/* The plan of a unit for a year, by task number (empty: no plan). */
	int (*plan_task_list)(struct store *st, int64_t unit_id, int year, struct hl_arena *a,
		struct store_plan_task **out, size_t *n, struct hl_err *err);
	/* Replace the plan of (unit_id, year), notes included, by t[0..n); sets ids. */
	int (*plan_replace)(struct store *st, int64_t unit_id, int year, struct store_plan_task *t,
		size_t n, struct hl_err *err);
	/* Store one task: t->id 0 adds it to the plan of (t->unit_id, t->year)
	 * as number t->no (sets t->id, t->version 1; a number taken: HL_EEXIST);
	 * else changes the criterion, content, responsible, schedule and
	 * expected result of task t->id, keeping its number, status and notes,
	 * if its stored version is still t->version, which then goes one up
	 * (HL_ECONFLICT when it is not: changed since it was read; HL_ENOTFOUND
	 * when no such task). An empty criterion or task: HL_EINVAL. */
	int (*plan_task_put)(struct store *st, struct store_plan_task *t, struct hl_err *err);
	/* Set a task's status and add the note (note->task_id = task_id) if its
	 * stored version is still version, one more after; HL_ECONFLICT when it
	 * is not (changed since it was read), HL_ENOTFOUND when no such task. */
	int (*plan_task_status)(struct store *st, int64_t task_id, int64_t version,
		const struct store_plan_note *note, struct hl_err *err);
	/* The notes of the plan of (unit_id, year), by task number, day, then entry. */
	int (*plan_note_list)(struct store *st, int64_t unit_id, int year, struct hl_arena *a,
		struct store_plan_note **out, size_t *n, struct hl_err *err);
};

/* The working calendar (issue 6; store_sqlite_cal.c; owned by svc/calendar.c). */
struct store_calendar_ops {
	/* Store d, replacing any line of the same day. */
	int (*cal_day_put)(struct store *st, const struct store_cal_day *d, struct hl_err *err);
	/* Every imported line, by day; *out lives in a. */
	int (*cal_day_list)(struct store *st, struct hl_arena *a, struct store_cal_day **out,
		size_t *n, struct hl_err *err);
	/* The first year 24/11 is a day off (0 = not in force; the default). */
	int (*cal_culture_get)(struct store *st, int *from_year, struct hl_err *err);
	int (*cal_culture_set)(struct store *st, int from_year, struct hl_err *err);
	/* Store h, replacing the rule of the same unit and from. */
	int (*cal_hours_put)(struct store *st, const struct store_cal_hours *h, struct hl_err *err);
	/* Every unit's rules, by unit id then from; *out lives in a. */
	int (*cal_hours_list)(struct store *st, struct hl_arena *a, struct store_cal_hours **out,
		size_t *n, struct hl_err *err);
};

/* ---- follow-up cases (issue 14 §1; store_q_follow.c; owned by svc/followup.c) ---- */

#define STORE_FOLLOW_TEXT 1024 /* bytes of a cause or a fix, with the NUL */

/* A case's state and the callback to the applicant (enum follow_callback
 * in svc/followup.h names them). */
enum store_follow_state { FS_OPEN = 0, FS_CLOSED = 1 };

/* One follow-up case, opened by a counted response: never the person, only
 * what the response names. Times are Vietnam's local minutes. */
struct store_follow {
	int64_t id;                /* set by the store */
	char code[STORE_CODE_MAX]; /* follow_open: the prefix in, the code out */
	int64_t unit_id;
	int64_t response_id; /* one case per response */
	hl_day day;          /* the response's day */
	int channel;         /* enum store_channel */
	char dossier[STORE_CODE_MAX];
	int64_t staff_id;                             /* 0 = not known */
	char criteria[HL_MAX_CRITERIA * HL_CODE_MAX]; /* "PV;KQ": codes with an unsatisfied answer */
	bool complaint;                               /* the response carried a complaint */
	int64_t opened_at, due_at;                    /* minutes */
	int state;                                    /* enum store_follow_state */
	char cause[STORE_FOLLOW_TEXT];                /* "" = not found yet */
	char fix[STORE_FOLLOW_TEXT];                  /* "" = not recorded yet */
	int callback;                                 /* 0 none, 1 done, 2 no answer, 3 refused */
	int64_t closed_at;                            /* -1 = open */
	int64_t published_at; /* the fix shown on the public page since; -1 = not shown */
	int64_t version;      /* 1 when opened, one more at each follow_update */
};

/* Which cases follow_list returns. */
struct store_follow_filter {
	int64_t unit_id; /* 0 = every unit */
	bool open_only, published_only;
	int64_t closed_since;       /* closed at or after this minute only; 0 = any */
	hl_day first_day, last_day; /* responses of these days only (inclusive); 0 = open */
};

/* A unit's deadline for its cases, in working days. */
struct store_follow_days {
	int64_t unit_id;
	int days;
};

struct store_follow_ops {
	/* Open f (code: a prefix): the next number of the prefix is appended
	 * ("%04d") and f->id, f->code, f->version set; a case for the response
	 * exists already: HL_EEXIST, nothing changed. In the caller's
	 * transaction, all or nothing. */
	int (*follow_open)(struct store *st, struct store_follow *f, struct hl_err *err);
	/* The case with this code; HL_ENOTFOUND. */
	int (*follow_get)(struct store *st, const char *code, struct store_follow *out,
		struct hl_err *err);
	/* The cases f selects, by opened_at then id; *out lives in a. */
	int (*follow_list)(struct store *st, const struct store_follow_filter *f,
		struct hl_arena *a, struct store_follow **out, size_t *n, struct hl_err *err);
	/* Write f's state, cause, fix, callback, closed_at and published_at if its version is
	 * still f->version (then one more, in f); HL_ECONFLICT (where "version")
	 * when it changed, HL_ENOTFOUND when gone. */
	int (*follow_update)(struct store *st, struct store_follow *f, struct hl_err *err);
	/* Store a unit's deadline (1..365 working days, else HL_EINVAL). */
	int (*follow_days_set)(struct store *st, const struct store_follow_days *d,
		struct hl_err *err);
	/* Every unit's own deadline, by unit id; *out lives in a. */
	int (*follow_days_list)(struct store *st, struct hl_arena *a,
		struct store_follow_days **out, size_t *n, struct hl_err *err);
};

#define STORE_POINTS_MAX 16384 /* bytes of the scorecard's points table, with the NUL */

/* The points table of Decision 766's scorecard, as its CSV text. */
struct store_points {
	char csv[STORE_POINTS_MAX];
};

/* Publications: published reports and reporting schedules (issue 4),
 * targets, and the comments approved for publication (issue 10)
 * (store_sqlite_srv.c, _num.c, _cmt.c, store_sqlite.c; svc/publish,
 * svc/targets, svc/comments). */
struct store_reports_ops {
	int (*target_set)(struct store *st, const struct store_target *t, struct hl_err *err);
	int (*target_list)(struct store *st, int year, struct hl_arena *a,
		struct store_target **out, size_t *n, struct hl_err *err);
	/* Insert r as the next version of (unit_id, period): sets r->id and
	 * r->version. figures (JSON text) must be non-empty; doc may be NULL. */
	int (*report_put)(struct store *st, struct store_report *r, const char *figures,
		const void *doc, size_t doc_len, struct hl_err *err);
	/* Published reports of unit_id (0 = every unit), newest first (by
	 * published_at then id, descending). */
	int (*report_list)(struct store *st, int64_t unit_id, struct hl_arena *a,
		struct store_report **out, size_t *n, struct hl_err *err);
	/* One by id; *figures and *doc (when not NULL) copied into a (doc NULL and
	 * 0 when none). HL_ENOTFOUND when absent. */
	int (*report_get)(struct store *st, int64_t id, struct hl_arena *a,
		struct store_report *out, char **figures, void **doc, size_t *doc_len,
		struct hl_err *err);
	/* Set unit_id's own reporting schedule; spec "" removes it (the unit
	 * then follows its ancestors' or the default). */
	int (*rschedule_set)(struct store *st, int64_t unit_id, const char *spec,
		struct hl_err *err);
	/* Every unit's own schedule, by unit id; *out lives in a. */
	int (*rschedule_list)(struct store *st, struct hl_arena *a, struct store_rschedule **out,
		size_t *n, struct hl_err *err);
	/* Approve response_id's comment, by who at (seconds); HL_EEXIST when it
	 * is approved already. */
	int (*comment_approve)(struct store *st, int64_t response_id, const char *who, int64_t at,
		struct hl_err *err);
	/* Withdraw the approval; HL_ENOTFOUND when there was none. */
	int (*comment_withdraw)(struct store *st, int64_t response_id, struct hl_err *err);
	/* The approvals of the responses of unit_id (0 = every unit) with day in
	 * [first, last] (HL_DAY_NONE = open), by response id; *out lives in a. */
	int (*comment_approval_list)(struct store *st, int64_t unit_id, hl_day first, hl_day last,
		struct hl_arena *a, struct store_approval **out, size_t *n, struct hl_err *err);
	/* Record that published report report_id quotes the comments of the
	 * responses ids[0..n). */
	int (*report_quotes_put)(struct store *st, int64_t report_id, const int64_t *ids, size_t n,
		struct hl_err *err);
	/* Store the points table of Decision 766's scorecard (svc/score766.h's
	 * CSV, shorter than STORE_POINTS_MAX), replacing the one in force; NULL
	 * removes it. */
	int (*points_put)(struct store *st, const char *csv, struct hl_err *err);
	/* The points table in force into *out; HL_ENOTFOUND when none. */
	int (*points_get)(struct store *st, struct store_points *out, struct hl_err *err);
};

/* The audit log, integrity checks and imports in chunks (store_sqlite.c,
 * _srv.c, _check.c, _imp.c; svc/audit, svc/dbcheck, svc/import). */
struct store_admin_ops {
	int (*audit)(struct store *st, const char *who, const char *action, const char *detail,
		struct hl_err *err);
	/* Audit entries, newest first, at most limit; each line "at\twho\taction\tdetail". */
	int (*audit_list)(struct store *st, int limit, struct hl_arena *a, char ***lines, size_t *n,
		struct hl_err *err);
	/* Check the stored data's structure (quick) or also every index against
	 * its data (full); *lines = the problems found (at most 100, in a; *n 0 =
	 * sound). HL_ECORRUPT when the data is too damaged to check. */
	int (*integrity)(struct store *st, bool quick, struct hl_arena *a, char ***lines, size_t *n,
		struct hl_err *err);
	/* Copy the whole database, consistent as of one moment and safe while
	 * others write, to the file path (replaced whole: never half written);
	 * progress (may be NULL) gets pages done and total as it goes.
	 * HL_EINVAL where the backend has no file copy (PostgreSQL: pg_dump). */
	int (*backup)(struct store *st, const char *path, store_progress_fn progress, void *pctx,
		struct hl_err *err);
	/* Record an import before its first chunk (kind "responses" with the
	 * batch of its rows, or "dossiers"; owner its process id); sets *id. */
	int (*import_run_put)(struct store *st, const char *kind, int64_t batch_id, int64_t owner,
		int64_t *id, struct hl_err *err);
	/* The import is whole, or undone: forget the run (its undo notes stay
	 * for import_notes_drop, so that this is short). */
	int (*import_run_done)(struct store *st, int64_t id, struct hl_err *err);
	/* Delete at most 20 000 undo notes of runs no longer recorded; *dropped
	 * = how many (0: none left). */
	int (*import_notes_drop)(struct store *st, int64_t *dropped, struct hl_err *err);
	/* Every recorded run, by id; *out lives in a. */
	int (*import_run_list)(struct store *st, struct hl_arena *a, struct store_import_run **out,
		size_t *n, struct hl_err *err);
};

/* The areas of struct store_ops, in its order: X(area) for each table
 * struct store_AREA_ops (the fault store and the checks walk this list). */
#define STORE_AREAS(X) \
	X(units) \
	X(instruments) \
	X(responses) \
	X(intake) \
	X(tallies) \
	X(accounts) \
	X(feedback) \
	X(dossiers) \
	X(plans) \
	X(calendar) \
	X(reports) \
	X(admin) \
	X(follow)

struct store_ops {
	const char *name;
	int (*open)(struct store *st, const char *target, struct hl_err *err);
	void (*close)(struct store *st);
	int (*migrate)(struct store *st, int *version, struct hl_err *err);
	/* One transaction step (enum store_tx); see store_begin and below. */
	int (*tx)(struct store *st, enum store_tx what, struct hl_err *err);

	/* The areas, a table each (const struct store_units_ops *units, ...):
	 * a backend fills every one. */
#define STORE_AREA_FIELD(area) const struct store_##area##_ops *area;
	STORE_AREAS(STORE_AREA_FIELD)
#undef STORE_AREA_FIELD
};

/* Open the store named by target: a file path (SQLite), or a
 * "postgresql://..." or "postgres://..." URI (PostgreSQL). The caller frees with store_close. */
int store_open(const char *target, struct store **out, struct hl_err *err);

/* target as messages and logs may show it: a file path as is, a
 * PostgreSQL URI without its password. */
void store_describe(const char *target, char *buf, size_t size);

/* Close and free st; NULL is a no-op. */
void store_close(struct store *st);

/* Bound what this process's embedded database (SQLite) keeps cached in
 * memory, all connections together, to about bytes: pages past it are given
 * back (the operating system still caches the file). For a long-running
 * server; a command keeps the larger per-connection cache that suits an
 * import. */
void store_cache_limit(int64_t bytes);

/* The backend's operations, for the calls below. */
const struct store_ops *store_ops(const struct store *st);

/* Create or upgrade the schema; *version gets the schema version after. */
int store_migrate(struct store *st, int *version, struct hl_err *err);

/* Transactions: all-or-nothing groups of writes. */
int store_begin(struct store *st, struct hl_err *err);
int store_commit(struct store *st, struct hl_err *err);
int store_rollback(struct store *st, struct hl_err *err);

/* End the transaction: commit when rc is HL_OK (and return what the commit
 * returns), else roll back, dropping the rollback's own error, and return rc. */
int store_end(struct store *st, int rc, struct hl_err *err);

/* step, one call (a svc _in function), in a transaction of its own: step is
 * not made when the transaction cannot begin (err says why). */
#define STORE_TX(st, err, step) \
	(store_begin((st), (err)) != HL_OK ? (err)->code : store_end((st), (step), (err)))

/* Savepoints inside a transaction, so one failing write in a group commit
 * undoes only itself. Outside a transaction (also when the backend rolled
 * it back by itself after an error) they fail. */
int store_savepoint(struct store *st, struct hl_err *err);
int store_release(struct store *st, struct hl_err *err);
int store_rollback_to(struct store *st, struct hl_err *err);

/* Backend-private state; backends allocate and cast it. */
struct store {
	const struct store_ops *ops;
	void *priv;
};

/* Calls through the backend: area is a member of struct store_ops, op one
 * of that area's table, with its signature:
 *   STORE(st, units, unit_get, "VT", &u, err)
 *     ==  st->ops->units->unit_get(st, "VT", &u, err) */
#define STORE(st, area, op, ...) ((st)->ops->area->op((st), __VA_ARGS__))

#endif
