/* store.h — the one storage interface everything above it uses. Backends
 * (store_sqlite.c now, store_pg.c later) fill a struct store_ops; nothing
 * above this header may speak SQL or name a backend.
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
#include "core/date.h"
#include "core/tally.h"

struct hl_arena;
struct store;

#define STORE_CODE_MAX 64
#define STORE_NAME_MAX 256

struct store_unit {
	int64_t id;                       /* set by the store */
	char code[STORE_CODE_MAX];
	char name[STORE_NAME_MAX];
	char type[24];                    /* "ubnd-xa", "tram-y-te", ... */
	int64_t parent_id;                /* 0 = root */
	hl_day valid_from, valid_to;      /* inclusive; HL_DAY_NONE = open */
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
	int64_t id;                        /* set by the store */
	char ext_id[STORE_CODE_MAX];       /* "" = none; unique when given */
	int64_t unit_id;
	hl_day day;
	int64_t instrument_id;             /* store_instrument.id (code + version) */
	int channel;                       /* enum store_channel */
	int64_t field_id, staff_id;        /* 0 = not given */
	char dossier[STORE_CODE_MAX];
	char comment[STORE_COMMENT_MAX + 1];
	int nanswers;
	unsigned char answers[STORE_ANSWERS_MAX]; /* see core/instrument.h */
	int64_t batch_id;                  /* the import or collection batch */
	int status;                        /* enum store_resp_status; only counted
	                                    * responses are in the tallies */
	int64_t kiosk_id;                  /* the kiosk that sent it, 0 = none */
	int64_t received_at;               /* server time, seconds since 1970, 0 = unknown */
};

enum store_resp_status {
	RS_COUNTED = 0,   /* in the indices */
	RS_HELD = 1,      /* stored, held for a clerk's review (e.g. a kiosk burst) */
	RS_REJECTED = 2,  /* reviewed and left out; kept for the record */
};

struct store_target {
	int year;
	int64_t unit_id;                   /* 0 when set for a type */
	char type[24];                     /* "" when set for a unit */
	char criterion[HL_CODE_MAX];       /* "" = every criterion and SIPAS */
	double value;
};

struct store_dossier {
	int64_t id;
	char code[STORE_CODE_MAX];
	int64_t unit_id, field_id;
	char procedure[STORE_NAME_MAX];
	char channel[16];                  /* "online" or "direct" */
	int64_t received_at, due_at, finished_at, returned_at; /* minutes, -1 = none */
	int supplements, reschedules;
	bool apology;
};

/* ---- the server's records ---- */

/* Roles, from least to most: a data-entry clerk types ballots for its unit; a
 * unit clerk runs its unit; a supervisor sees every unit below its own; an
 * administrator everything. */
enum store_role { ROLE_NONE = 0, ROLE_ENTRY = 1, ROLE_CLERK = 2, ROLE_SUPERVISOR = 3, ROLE_ADMIN = 4 };

#define STORE_HASH_LEN 32   /* tokens are stored as their BLAKE2b-256 hash */

struct store_user {
	int64_t id;
	char name[STORE_CODE_MAX];         /* login name, unique */
	int role;                          /* enum store_role */
	int64_t unit_id;                   /* 0 for an administrator of everything */
	char pwhash[160];                  /* crypto_pwhash_str (argon2id) */
	bool disabled;
};

struct store_session {
	unsigned char token_hash[STORE_HASH_LEN];
	int64_t user_id;
	char csrf[48];                     /* the session's anti-CSRF token */
	int64_t expires_at;                /* seconds since 1970 */
};

struct store_kiosk {
	int64_t id;
	char name[STORE_CODE_MAX];         /* unique */
	int64_t unit_id;
	unsigned char token_hash[STORE_HASH_LEN];
	bool revoked;
};

/* A one-time survey link for a dossier (the QR on the receipt). */
struct store_receipt {
	unsigned char token_hash[STORE_HASH_LEN];
	char dossier[STORE_CODE_MAX];
	int64_t unit_id;
	int64_t created_at, used_at;       /* seconds; used_at 0 = not used */
	int64_t response_id;               /* the response it gave, 0 = none */
};

/* One opening of the ballot box. */
struct store_paper_batch {
	int64_t id;
	int64_t unit_id;
	hl_day opened_on;
	char opened_by[STORE_NAME_MAX];
	char witness[STORE_NAME_MAX];
	int counted;                       /* ballots counted when the box was opened */
	bool double_entry;                 /* two clerks type it; counts when they agree */
	int64_t instrument_id;
	bool closed;                       /* only a closed batch's ballots count */
	int64_t created_by;                /* user id */
	int64_t closed_at;                 /* seconds, 0 = open */
};

/* One ballot as typed in a pass (1, or 2 for the second clerk of a double entry). */
struct store_paper_entry {
	int64_t batch_id;
	int pass;
	int seq;                           /* ballot number within the batch, 1.. */
	int64_t field_id, staff_id;
	int nanswers;
	unsigned char answers[STORE_ANSWERS_MAX];
	char comment[STORE_COMMENT_MAX + 1];
	int64_t entered_by;                /* user id */
};

/* ---- published reports (issue 4; section owned by svc/publish.c) ---- */

/* One published version of a unit's periodic report: a frozen snapshot. The
 * figures are the index JSON (svc/index_json.h) as computed when published;
 * the document is the rendered report (HTML or PDF), empty when none was
 * rendered. Republishing adds version n + 1; every version is kept. */
struct store_report {
	int64_t id;                        /* set by the store */
	int64_t unit_id;
	char period[40];                   /* canonical code: "2024-Q1" */
	int version;                       /* 1, 2, ... per (unit, period), set by the store */
	char format[8];                    /* the document's: "html", "pdf" or "" */
	char published_by[STORE_CODE_MAX]; /* "web:lan", "cli:root" */
	int64_t published_at;              /* seconds since 1970 */
	hl_day due;                        /* its calendar day, HL_DAY_NONE = off calendar */
};

/* Tally grains: per day or per month (start = first day), over all fields
 * (field_id 0) or per field. */
enum store_grain { GRAIN_DAY = 1, GRAIN_MONTH = 2 };

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
	int status;                        /* enum store_resp_status */
	hl_day day;
	int nanswers;
	const unsigned char *answers;
};

typedef int (*store_response_cb)(void *ctx, const struct store_response *r);
typedef int (*store_core_cb)(void *ctx, const struct store_response_core *r);
typedef int (*store_tally_cb)(void *ctx, const struct store_tally_row *row);

struct store_ops {
	const char *name;
	int (*open)(struct store *st, const char *target, struct hl_err *err);
	void (*close)(struct store *st);
	int (*migrate)(struct store *st, int *version, struct hl_err *err);
	int (*exec_tx)(struct store *st, int what, struct hl_err *err); /* 0 begin 1 commit 2 rollback 3 savepoint 4 release 5 rollback to */

	int (*unit_put)(struct store *st, struct store_unit *u, struct hl_err *err);
	int (*unit_get)(struct store *st, const char *code, struct store_unit *out, struct hl_err *err);
	int (*unit_list)(struct store *st, struct hl_arena *a, struct store_unit **out, size_t *n, struct hl_err *err);
	int (*lineage_add)(struct store *st, const struct store_lineage *l, struct hl_err *err);
	int (*lineage_list)(struct store *st, struct hl_arena *a, struct store_lineage **out, size_t *n, struct hl_err *err);

	int (*field_put)(struct store *st, struct store_field *f, struct hl_err *err);
	int (*field_list)(struct store *st, struct hl_arena *a, struct store_field **out, size_t *n, struct hl_err *err);
	int (*staff_put)(struct store *st, struct store_staff *s, struct hl_err *err);
	int (*staff_list)(struct store *st, struct hl_arena *a, struct store_staff **out, size_t *n, struct hl_err *err);

	int (*instrument_put)(struct store *st, struct store_instrument *in, const char *json, struct hl_err *err);
	int (*instrument_get)(struct store *st, const char *code, int version, struct hl_arena *a,
		struct store_instrument *out, char **json, struct hl_err *err);
	int (*instrument_get_id)(struct store *st, int64_t id, struct hl_arena *a,
		struct store_instrument *out, char **json, struct hl_err *err);
	int (*instrument_list)(struct store *st, struct hl_arena *a, struct store_instrument **out, size_t *n, struct hl_err *err);

	int (*batch_new)(struct store *st, const char *kind, const char *source, int64_t *id, struct hl_err *err);
	int (*response_insert)(struct store *st, struct store_response *r, int64_t *existing_batch, struct hl_err *err);
	int (*response_scan)(struct store *st, int64_t unit_id, hl_day first, hl_day last,
		store_response_cb cb, void *ctx, struct hl_err *err);
	/* Responses with min_id <= id <= max_id in id order, light view. */
	int (*response_scan_ids)(struct store *st, int64_t min_id, int64_t max_id,
		store_core_cb cb, void *ctx, struct hl_err *err);
	int (*response_count_after)(struct store *st, int64_t unit_id, hl_day day, int64_t *count, struct hl_err *err);

	int (*tally_merge)(struct store *st, enum store_grain g, const struct store_tally_row *row, struct hl_err *err);
	int (*tally_scan)(struct store *st, enum store_grain g, bool per_field, hl_day first, hl_day last,
		store_tally_cb cb, void *ctx, struct hl_err *err);
	int (*tally_clear)(struct store *st, struct hl_err *err);

	int (*target_set)(struct store *st, const struct store_target *t, struct hl_err *err);
	int (*target_list)(struct store *st, int year, struct hl_arena *a, struct store_target **out, size_t *n, struct hl_err *err);

	int (*dossier_put)(struct store *st, struct store_dossier *d, struct hl_err *err);
	int (*dossier_get)(struct store *st, const char *code, struct store_dossier *out, struct hl_err *err);
	int (*dossier_count_by_field)(struct store *st, int64_t unit_id, hl_day first, hl_day last,
		struct hl_arena *a, struct store_count **out, size_t *n, struct hl_err *err);

	int (*audit)(struct store *st, const char *who, const char *action, const char *detail, struct hl_err *err);
	/* Audit entries, newest first, at most limit; each line "at\twho\taction\tdetail". */
	int (*audit_list)(struct store *st, int limit, struct hl_arena *a, char ***lines, size_t *n, struct hl_err *err);

	/* ---- the server (store_sqlite_srv.c) ---- */
	int (*user_put)(struct store *st, struct store_user *u, struct hl_err *err);      /* by name */
	int (*user_get)(struct store *st, const char *name, struct store_user *out, struct hl_err *err);
	int (*user_get_id)(struct store *st, int64_t id, struct store_user *out, struct hl_err *err);
	int (*user_list)(struct store *st, struct hl_arena *a, struct store_user **out, size_t *n, struct hl_err *err);

	int (*session_put)(struct store *st, const struct store_session *s, struct hl_err *err);
	int (*session_get)(struct store *st, const unsigned char *token_hash, struct store_session *out, struct hl_err *err);
	int (*session_delete)(struct store *st, const unsigned char *token_hash, struct hl_err *err);
	int (*session_purge)(struct store *st, int64_t now, struct hl_err *err);          /* expired ones */

	int (*kiosk_put)(struct store *st, struct store_kiosk *k, struct hl_err *err);    /* new; name unique */
	int (*kiosk_get_token)(struct store *st, const unsigned char *token_hash, struct store_kiosk *out, struct hl_err *err);
	int (*kiosk_list)(struct store *st, struct hl_arena *a, struct store_kiosk **out, size_t *n, struct hl_err *err);
	int (*kiosk_revoke)(struct store *st, const char *name, struct hl_err *err);

	/* Responses of a unit (0 = all) with a status, newest first, at most limit. */
	int (*response_list_status)(struct store *st, int64_t unit_id, int status, int limit,
		struct hl_arena *a, struct store_response **out, size_t *n, struct hl_err *err);
	int (*response_get)(struct store *st, int64_t id, struct store_response *out, struct hl_err *err);
	int (*response_set_status)(struct store *st, int64_t id, int status, struct hl_err *err);
	/* Responses of kiosk since time t (seconds): for the burst check. */
	int (*response_count_kiosk_since)(struct store *st, int64_t kiosk_id, int64_t t, int64_t *count, struct hl_err *err);

	int (*receipt_put)(struct store *st, const struct store_receipt *r, struct hl_err *err);
	int (*receipt_get)(struct store *st, const unsigned char *token_hash, struct store_receipt *out, struct hl_err *err);
	/* Mark used by response_id at now; HL_ECONFLICT if it was used already. */
	int (*receipt_use)(struct store *st, const unsigned char *token_hash, int64_t response_id, int64_t now, struct hl_err *err);

	int (*paper_batch_put)(struct store *st, struct store_paper_batch *b, struct hl_err *err); /* insert (id 0) or update */
	int (*paper_batch_get)(struct store *st, int64_t id, struct store_paper_batch *out, struct hl_err *err);
	int (*paper_batch_list)(struct store *st, int64_t unit_id, struct hl_arena *a, struct store_paper_batch **out, size_t *n, struct hl_err *err);
	int (*paper_entry_put)(struct store *st, const struct store_paper_entry *e, struct hl_err *err); /* by (batch, pass, seq) */
	int (*paper_entry_delete)(struct store *st, int64_t batch_id, int pass, int seq, struct hl_err *err);
	int (*paper_entry_list)(struct store *st, int64_t batch_id, int pass, struct hl_arena *a, struct store_paper_entry **out, size_t *n, struct hl_err *err);

	/* ---- published reports (issue 4; section owned by svc/publish.c) ---- */
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
	int (*report_get)(struct store *st, int64_t id, struct hl_arena *a, struct store_report *out,
		char **figures, void **doc, size_t *doc_len, struct hl_err *err);
};

/* Open the store named by target: a file path (SQLite), or later
 * "postgresql://..." (PostgreSQL). The caller frees with store_close. */
int store_open(const char *target, struct store **out, struct hl_err *err);

/* Close and free st; NULL is a no-op. */
void store_close(struct store *st);

/* The backend's operations, for the calls below. */
const struct store_ops *store_ops(const struct store *st);

/* Create or upgrade the schema; *version gets the schema version after. */
int store_migrate(struct store *st, int *version, struct hl_err *err);

/* Transactions: all-or-nothing groups of writes. */
int store_begin(struct store *st, struct hl_err *err);
int store_commit(struct store *st, struct hl_err *err);
int store_rollback(struct store *st, struct hl_err *err);

/* Savepoints inside a transaction, so one failing write in a group commit
 * undoes only itself. */
int store_savepoint(struct store *st, struct hl_err *err);
int store_release(struct store *st, struct hl_err *err);
int store_rollback_to(struct store *st, struct hl_err *err);

/* Backend-private state; backends allocate and cast it. */
struct store {
	const struct store_ops *ops;
	void *priv;
};

/* Calls through the backend, with the signatures of struct store_ops:
 *   STORE(st, unit_get, "VT", &u, err)  ==  st->ops->unit_get(st, "VT", &u, err) */
#define STORE(st, op, ...) ((st)->ops->op((st), __VA_ARGS__))

#endif
