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
	int (*exec_tx)(struct store *st, int what, struct hl_err *err); /* 0 begin 1 commit 2 rollback */

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
	int (*dossier_count_by_field)(struct store *st, int64_t unit_id, hl_day first, hl_day last,
		struct hl_arena *a, struct store_count **out, size_t *n, struct hl_err *err);

	int (*audit)(struct store *st, const char *who, const char *action, const char *detail, struct hl_err *err);
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

/* Backend-private state; backends allocate and cast it. */
struct store {
	const struct store_ops *ops;
	void *priv;
};

/* Calls through the backend, with the signatures of struct store_ops:
 *   STORE(st, unit_get, "VT", &u, err)  ==  st->ops->unit_get(st, "VT", &u, err) */
#define STORE(st, op, ...) ((st)->ops->op((st), __VA_ARGS__))

#endif
