/* tally.h — running sums from which an index and its interval are computed
 * without going back to the responses. Sums are additive, so tallies of days
 * add up to months, of units to merged units, of fields to a whole unit.
 *
 * For one criterion over a set of responses i (each with s_i = sum of answer
 * scores and v_i = valid answers in the criterion, v_i > 0):
 *   n = count, s = sum s_i, v = sum v_i, ss = sum s_i^2, vv = sum v_i^2,
 *   sv = sum s_i*v_i. */
#ifndef HL_TALLY_H
#define HL_TALLY_H

#include <stddef.h>
#include <stdint.h>

#include "base/err.h"
#include "core/instrument.h"

struct hl_tally {
	int64_t n;
	double s, v, ss, vv, sv;
};

/* Reserved criterion code whose tally counts responses with any valid answer. */
#define HL_CRIT_ALL "SIPAS"

/* Tallies of several criteria, keyed by criterion code (insertion order). */
struct hl_tallyset {
	int n;
	char code[HL_MAX_CRITERIA + 1][HL_CODE_MAX];
	struct hl_tally t[HL_MAX_CRITERIA + 1];
};

/* Add one response's (s, v) to t; nothing when v == 0. */
void hl_tally_add(struct hl_tally *t, double s, int v);

/* dst += src. */
void hl_tally_merge(struct hl_tally *dst, const struct hl_tally *src);

/* The tally for code in set, created empty if absent; NULL if the set is full. */
struct hl_tally *hl_tallyset_get(struct hl_tallyset *set, const char *code);

/* The tally for code, or NULL if absent. */
const struct hl_tally *hl_tallyset_find(const struct hl_tallyset *set, const char *code);

/* Add a scored response (per-criterion scores of instrument in) to set,
 * including the HL_CRIT_ALL count. */
void hl_tallyset_add_response(struct hl_tallyset *set, const struct hl_instrument *in,
	const struct hl_crit_score *scores);

/* dst += src, criterion by criterion. HL_ELIMIT if dst runs out of room. */
int hl_tallyset_merge(struct hl_tallyset *dst, const struct hl_tallyset *src, struct hl_err *err);

/* x as 8 little-endian bytes at p, and back: the byte order of every
 * encoding hailong stores or spills. */
void hl_le64_put(unsigned char *p, uint64_t x);
uint64_t hl_le64_get(const unsigned char *p);

/* Portable little-endian encoding for storage: hl_tallyset_encoded_size bytes. */
size_t hl_tallyset_encoded_size(const struct hl_tallyset *set);
void hl_tallyset_encode(const struct hl_tallyset *set, unsigned char *buf);
/* HL_EINVAL if buf is not a valid encoding. */
int hl_tallyset_decode(const unsigned char *buf, size_t len, struct hl_tallyset *set,
	struct hl_err *err);

#endif
