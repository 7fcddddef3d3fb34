/* followup.h — whether a counted response opens a follow-up case (issue 14
 * §1, the closed loop) and which criteria the case targets. Pure.
 *
 * A level is unsatisfied when the scale does not count it as satisfied and
 * it lies in the lower half of the scale (hl5: "Rất không hài lòng" and
 * "Không hài lòng", not "Bình thường"; info3: "Sơ sài, khó hiểu"; yn:
 * "Không"). A response opens a case when at least half of its valid
 * answers (given, and on their scale) are unsatisfied, or when it carries a
 * complaint. The case targets the criteria with at least one unsatisfied
 * answer, in the instrument's order, joined by ';' ("PV;KQ"). */
#ifndef HL_FOLLOWUP_H
#define HL_FOLLOWUP_H

#include <stdbool.h>
#include <stddef.h>

#include "base/err.h"
#include "core/instrument.h"

/* Room for every criterion's code and its separator. */
#define FU_CRITERIA_MAX (HL_MAX_CRITERIA * HL_CODE_MAX)

struct fu_verdict {
	bool open;                      /* the response opens a case */
	int valid, unsatisfied;         /* its valid answers, and how many are unsatisfied */
	char criteria[FU_CRITERIA_MAX]; /* "PV;KQ", "" = none */
};

/* Whether level (1..nlevels) of sc is an unsatisfied level. */
bool fu_level_unsatisfied(const struct hl_scale *sc, int level);

/* Judge the nanswers answers (one byte per question, core/instrument.h) of a
 * response under in, with complaint: whether it carries a complaint. A byte
 * beyond its scale counts as no answer. Fills out. */
void fu_judge(const struct hl_instrument *in, const unsigned char *answers, int nanswers,
	bool complaint, struct fu_verdict *out);

/* What a person reads for a case's criteria "PV;KQ": "Phục vụ của công
 * chức; Kết quả giải quyết" (a code without a standard name stays a code),
 * into buf (cut to size); returns buf. */
char *fu_criteria_label(const char *codes, char *buf, size_t size);

#endif
