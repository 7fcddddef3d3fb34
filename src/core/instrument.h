/* instrument.h — a survey instrument (bộ câu hỏi): criteria, questions, answer
 * scales and the index method, identified by code and version. Answers are
 * always interpreted with the version they were given under.
 *
 * Answers of one response are a byte string with one byte per question, in
 * the instrument's question order: 0 = no answer ("không trả lời"), 1..n =
 * the level number on the question's scale. */
#ifndef HL_INSTRUMENT_H
#define HL_INSTRUMENT_H

#include <stdbool.h>
#include <stddef.h>

#include "base/err.h"

struct hl_arena;

#define HL_MAX_LEVELS 10
#define HL_MAX_CRITERIA 16
#define HL_MAX_QUESTIONS 128
#define HL_CODE_MAX 32

/* How answers become a criterion value (a property of the instrument). */
enum hl_method {
	HL_METHOD_PERCENT, /* satisfied answers / valid answers x 100 (default) */
	HL_METHOD_MEAN,    /* mean score, level 1 -> 0 and top level -> 100 */
};

struct hl_level {
	const char *label; /* "Rất hài lòng" */
	bool satisfied;    /* counts as satisfied in the percent method */
	double score;      /* contribution in [0,1] to the criterion value, set by
	                     * hl_instrument_finish from the method */
};

struct hl_scale {
	const char *code; /* "hl5", "yn", "info3" */
	int nlevels;      /* 2..HL_MAX_LEVELS; levels are numbered 1..nlevels */
	struct hl_level levels[HL_MAX_LEVELS];
};

struct hl_criterion {
	const char *code; /* "TC"; "SIPAS" is reserved for the overall index */
	const char *name; /* "Tiếp cận dịch vụ" */
};

struct hl_question {
	const char *code; /* "TC1" */
	const char *text;
	int criterion; /* index into criteria */
	int scale;     /* index into scales */
};

struct hl_instrument {
	const char *code; /* "sipas-5" */
	int version;      /* 1, 2, ... */
	const char *name;
	enum hl_method method;
	int ncriteria, nquestions, nscales;
	struct hl_criterion *criteria;
	struct hl_question *questions;
	struct hl_scale *scales;
};

/* Per-criterion result of scoring one response: s = sum of answer scores,
 * v = number of valid answers (s <= v). */
struct hl_crit_score {
	double s;
	int v;
};

/* Check the instrument (codes unique and well formed, indices in range, 2+
 * levels per scale, at least one criterion and question) and set each level's
 * score from the method. Returns HL_OK or HL_EINVAL with the reason in err. */
int hl_instrument_finish(struct hl_instrument *in, struct hl_err *err);

/* Index of the question with this code, or -1. */
int hl_instrument_question(const struct hl_instrument *in, const char *code);

/* Index of the criterion with this code, or -1. */
int hl_instrument_criterion(const struct hl_instrument *in, const char *code);

/* Score one response: answers has nquestions bytes (see top). Fills
 * out[0..ncriteria). Returns HL_EINVAL if a byte is beyond its scale. */
int hl_instrument_score(const struct hl_instrument *in, const unsigned char *answers,
	struct hl_crit_score *out, struct hl_err *err);

/* Codes of the built-in instruments, NULL-terminated: "sipas-5", "khanh-hoa-6". */
const char *const *hl_instrument_builtin_codes(void);

/* Build built-in instrument `code` (version 1) in arena a. HL_ENOTFOUND if
 * there is no such built-in. The result is finished (hl_instrument_finish). */
int hl_instrument_builtin(struct hl_arena *a, const char *code, struct hl_instrument **out,
	struct hl_err *err);

#endif
