/* followup.c — followup.h: the rule that opens a follow-up case. */
#include "core/followup.h"

#include <stdio.h>
#include <string.h>

#include "base/text.h"
#include "core/plan_label.h"

bool fu_level_unsatisfied(const struct hl_scale *sc, int level)
{
	if (level < 1 || level > sc->nlevels)
		return false;
	return !sc->levels[level - 1].satisfied && level <= sc->nlevels / 2;
}

void fu_judge(const struct hl_instrument *in, const unsigned char *answers, int nanswers,
	bool complaint, struct fu_verdict *out)
{
	bool hit[HL_MAX_CRITERIA] = {0};
	size_t len = 0;

	memset(out, 0, sizeof(*out));
	for (int i = 0; i < in->nquestions && i < nanswers; i++) {
		const struct hl_question *q = &in->questions[i];
		const struct hl_scale *sc = &in->scales[q->scale];
		int b = answers[i];

		if (b < 1 || b > sc->nlevels)
			continue; /* no answer, or not on the scale: not a valid answer */
		out->valid++;
		if (fu_level_unsatisfied(sc, b)) {
			out->unsatisfied++;
			if (q->criterion >= 0 && q->criterion < HL_MAX_CRITERIA)
				hit[q->criterion] = true;
		}
	}
	out->open = complaint || (out->valid > 0 && 2 * out->unsatisfied >= out->valid);
	for (int c = 0; c < in->ncriteria && c < HL_MAX_CRITERIA; c++) {
		size_t n = strlen(in->criteria[c].code);

		if (!hit[c] || len + n + 2 > sizeof(out->criteria))
			continue;
		if (len > 0)
			out->criteria[len++] = ';';
		memcpy(out->criteria + len, in->criteria[c].code, n);
		len += n;
		out->criteria[len] = '\0';
	}
}

char *fu_criteria_label(const char *codes, char *buf, size_t size)
{
	char full[HL_MAX_CRITERIA * 64];
	size_t len = 0;

	full[0] = '\0';
	while (codes != NULL && *codes != '\0' && len < sizeof(full)) {
		size_t n = strcspn(codes, ";");
		char code[HL_CODE_MAX];
		int i;

		hl_copy_text(code, sizeof(code), codes, n);
		i = plan_crit_index(code);
		len += (size_t)snprintf(full + len, sizeof(full) - len, "%s%s", len > 0 ? "; " : "",
			i >= 0 ? plan_crit_name(i) : code);
		codes += n + (codes[n] == ';');
	}
	if (size > 0)
		hl_copy_text(buf, size, full, strnlen(full, sizeof(full)));
	return buf;
}
