/* store_row.h — private to src/store: a row's columns as one spec table,
 * which every backend's binder and reader walk (store_sqlite_row.c,
 * store_pg_row.c), so that each struct's columns are written once. */
#ifndef HL_STORE_ROW_H
#define HL_STORE_ROW_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/date.h"
#include "store/store.h"

/* One row's columns, bound and read from one spec: a table of the struct's
 * fields in the statement's column (or parameter) order, made with the
 * SQ_* macros below, which fail the build when a field's C type is not the
 * kind's. Kinds and what NULL means:
 *   SQ_I64, SQ_INT, SQ_BOOL   the value (NULL reads as 0)
 *   SQ_ID                     int64_t, 0 = NULL (an absent id or time)
 *   SQ_DAY                    hl_day, HL_DAY_NONE = NULL
 *   SQ_MINUTE                 int64_t minutes, -1 = NULL
 *   SQ_TEXT                   char array (read: cut at a character boundary)
 *   SQ_TEXT_NULL              as SQ_TEXT, "" bound as NULL
 *   SQ_HASH                   unsigned char[STORE_HASH_LEN] as a blob */
enum sq_kind {
	SQK_I64,
	SQK_INT,
	SQK_BOOL,
	SQK_ID,
	SQK_DAY,
	SQK_MINUTE,
	SQK_TEXT,
	SQK_TEXT_NULL,
	SQK_HASH
};

struct sq_col {
	enum sq_kind kind;
	size_t off;  /* offsetof the field */
	size_t size; /* sizeof the field (text: its buffer) */
};

/* offsetof(T, f), failing the build (distinct pointer types) unless &f has
 * type ptype. */
#define SQ_OFF(T, f, ptype) (offsetof(T, f) + 0 * sizeof(&((T *)0)->f == (ptype)0))
#define SQ_FIELD(kind, T, f, ptype) \
	{ \
		kind, SQ_OFF(T, f, ptype), sizeof(((T *)0)->f) \
	}
#define SQ_I64(T, f) SQ_FIELD(SQK_I64, T, f, int64_t *)
#define SQ_INT(T, f) SQ_FIELD(SQK_INT, T, f, int *)
#define SQ_BOOL(T, f) SQ_FIELD(SQK_BOOL, T, f, bool *)
#define SQ_ID(T, f) SQ_FIELD(SQK_ID, T, f, int64_t *)
#define SQ_DAY(T, f) SQ_FIELD(SQK_DAY, T, f, hl_day *)
#define SQ_MINUTE(T, f) SQ_FIELD(SQK_MINUTE, T, f, int64_t *)
#define SQ_TEXT(T, f) SQ_FIELD(SQK_TEXT, T, f, char(*)[sizeof(((T *)0)->f)])
#define SQ_TEXT_NULL(T, f) SQ_FIELD(SQK_TEXT_NULL, T, f, char(*)[sizeof(((T *)0)->f)])
#define SQ_HASH(T, f) SQ_FIELD(SQK_HASH, T, f, unsigned char(*)[STORE_HASH_LEN])

/* The number of columns of a spec array. */
#define SQ_NCOLS(cols) (sizeof(cols) / sizeof((cols)[0]))

/* Bounds of a [first, last] day range with HL_DAY_NONE as an open end. */
static inline int64_t day_lo(hl_day first)
{
	return first == HL_DAY_NONE ? INT64_MIN : first;
}

static inline int64_t day_hi(hl_day last)
{
	return last == HL_DAY_NONE ? INT64_MAX : last;
}

#endif
