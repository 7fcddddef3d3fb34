/* rollup.h — what a report needs of one unit's responses in one month
 * beyond its tallies (core/tally.h): counts by channel and by field, how
 * often each question of each instrument version got each answer, per civil
 * servant the responses and score sums, and per comment theme the count and
 * the first few distinct comments (as response ids and text hashes). Like
 * tallies, rollups add up: months to a period, units to a supervising
 * office, one import to what was stored before. Stored one per (unit,
 * month) in a compact portable encoding (LEB128 varints, little-endian
 * doubles), version 1:
 *
 *   u8 1 | n, chan[n] | n, (field id, count)[n] | n, (staff id, count,
 *   f64 s, f64 v)[n] | n, (instrument id, nq, nv, count[nq * nv])[n] |
 *   n, (count, nex, (response id, u64 hash)[nex])[n]
 *
 * "First" means lowest response id, as a report reading the responses in id
 * order would meet them; "distinct" compares hl_rollup_hash of the text. */
#ifndef HL_ROLLUP_H
#define HL_ROLLUP_H

#include <stddef.h>
#include <stdint.h>

#include "base/err.h"
#include "core/instrument.h"

#define HL_ROLLUP_CHANNELS 5 /* 0 = other, then the store's channel numbers 1..4 */
#define HL_ROLLUP_THEMES 8   /* comment themes (svc/themes.h) */
#define HL_ROLLUP_EXAMPLES 3 /* distinct examples kept per theme */

/* Besides each (unit, month), a rollup is kept per (unit, year), the sum of
 * the year's months, so that a report of a whole year reads a twelfth of
 * the rows. Its key in place of the month's first day: HL_ROLLUP_YEAR_BASE
 * + the year, below every real day (dates start in 1900), so that a reader
 * of a range of months above HL_ROLLUP_MONTHS_FROM never meets it. */
#define HL_ROLLUP_YEAR_BASE (-1000000)
#define HL_ROLLUP_MONTHS_FROM (-900000)
#define HL_ROLLUP_YEAR_KEY(year) (HL_ROLLUP_YEAR_BASE + (year))
_Static_assert(HL_ROLLUP_YEAR_BASE == -1000000 && HL_ROLLUP_MONTHS_FROM == -900000,
	"store_q.h's ROLLUP_YEARS_SQL writes them out");

struct hl_rollup_field {
	int64_t id; /* 0 = no field given */
	int64_t n;
};

struct hl_rollup_staff {
	int64_t id;
	int64_t n;   /* responses naming this person */
	double s, v; /* score and valid answers summed over criteria */
};

/* Answers to the questions of one instrument version. */
struct hl_rollup_inst {
	int64_t id;     /* the store's instrument id */
	int nq, nv;     /* questions; answer values 0..nv-1 */
	int64_t *count; /* count[q * nv + a]: answered a to question q (0 = none) */
};

struct hl_rollup_example {
	int64_t id;    /* the response */
	uint64_t hash; /* hl_rollup_hash of its comment */
};

struct hl_rollup_theme {
	int64_t n; /* comments about the theme */
	int nex;
	struct hl_rollup_example ex[HL_ROLLUP_EXAMPLES]; /* by id, distinct hashes */
};

/* One rollup; arrays sorted by id, owned by it (hl_rollup_clear frees them). */
struct hl_rollup {
	int64_t chan[HL_ROLLUP_CHANNELS];
	struct hl_rollup_theme theme[HL_ROLLUP_THEMES];
	struct hl_rollup_field *field;
	struct hl_rollup_staff *staff;
	struct hl_rollup_inst *inst;
	size_t nfield, nstaff, ninst;
	size_t capfield, capstaff, capinst;
};

/* One response as a rollup takes it. */
struct hl_rollup_resp {
	int64_t id, instrument_id, field_id, staff_id; /* ids 0 = not given */
	int channel;           /* outside 1..HL_ROLLUP_CHANNELS-1: counted as other */
	unsigned themes;       /* bit t: its comment is about theme t */
	uint64_t comment_hash; /* hl_rollup_hash of the comment */
	int nanswers;
	unsigned char answers[HL_MAX_QUESTIONS];
};

/* An empty rollup. */
void hl_rollup_init(struct hl_rollup *r);

/* Free r's arrays and make it empty; NULL is a no-op. */
void hl_rollup_clear(struct hl_rollup *r);

/* Responses counted in r (the sum over channels). */
int64_t hl_rollup_responses(const struct hl_rollup *r);

/* Add one response given under in, scored as scores (NULL when it could not
 * be scored: the person is counted, no score). Questions past x->nanswers
 * count as not answered. HL_ENOMEM (r may then hold part of the response:
 * the caller abandons its transaction). */
int hl_rollup_add(struct hl_rollup *r, const struct hl_instrument *in,
	const struct hl_rollup_resp *x, const struct hl_crit_score *scores, struct hl_err *err);

/* dst += src. HL_ENOMEM, or HL_EINVAL when the same instrument has
 * different shapes in both. */
int hl_rollup_merge(struct hl_rollup *dst, const struct hl_rollup *src, struct hl_err *err);

/* Bytes of r's encoding. */
size_t hl_rollup_encoded_size(const struct hl_rollup *r);

/* Write r's encoding (hl_rollup_encoded_size bytes) to buf. */
void hl_rollup_encode(const struct hl_rollup *r, unsigned char *buf);

/* dst += the rollup encoded in buf (len bytes). HL_EINVAL when buf is not a
 * valid encoding, HL_ENOMEM; either way dst may be partly added to. */
int hl_rollup_add_encoded(struct hl_rollup *dst, const unsigned char *buf, size_t len,
	struct hl_err *err);

/* 64-bit FNV-1a hash of text, never 0 for a non-empty text; 0 for "". */
uint64_t hl_rollup_hash(const char *text);

#endif
