/* plan_text.c — the improvement plan's texts for its documents and the
 * pages (plan_doc.h). */
#include "report/plan_doc.h"

#include <string.h>

#include "base/arena.h"
#include "base/text.h"
#include "core/date.h"

/* The latest note of task no (notes are by task number, then day). */
const struct store_plan_note *plan_last_note(const struct plan_doc *p, int no)
{
	const struct store_plan_note *hit = NULL;

	for (size_t i = 0; i < p->nnotes; i++)
		if (p->notes[i].no == no)
			hit = &p->notes[i];
	return hit;
}

/* "Đang thực hiện (05/03/2025: đã lắp màn hình)"; "" before any work. */
const char *plan_progress(struct hl_arena *a, const struct plan_doc *p,
	const struct store_plan_task *t)
{
	const struct store_plan_note *n = plan_last_note(p, t->no);
	char d[16];

	if (strcmp(t->status, "chua-bat-dau") == 0 && n == NULL)
		return "";
	if (n == NULL)
		return plan_status_label(t->status);
	hl_day_vn(n->day, d, sizeof(d));
	return hl_arena_printf(a, "%s (%s%s%s)", plan_status_label(t->status), d,
		n->text[0] != '\0' ? ": " : "", n->text);
}

/* "I. Tiếp cận dịch vụ (TC)" */
const char *plan_group_title(struct hl_arena *a, int c)
{
	return hl_arena_printf(a, "%s. %s (%s)", plan_crit_roman(c), plan_crit_name(c),
		plan_crit_code(c));
}

/* The criterion's value and target when the plan was made, if known. */
const char *plan_group_figures(struct hl_arena *a, const struct plan_doc *p, int c)
{
	char v[32], t[32];

	for (size_t i = 0; i < p->ntasks; i++) {
		const struct store_plan_task *k = &p->tasks[i];

		if (strcmp(k->criterion, plan_crit_code(c)) != 0 || !k->has_value || !k->has_target)
			continue;
		return hl_arena_printf(a, "Chỉ số khi lập kế hoạch: %s; chỉ tiêu năm %d: %s",
			hl_fmt_dec(v, sizeof(v), k->value, 2), p->year,
			hl_fmt_dec(t, sizeof(t), k->target, 2));
	}
	return "";
}

int plan_print_arena(const struct plan_doc *p, const char *what, struct hl_arena **a,
	struct hl_err *err)
{
	if (p == NULL || p->ntasks == 0)
		return hl_err_set(err, HL_EINVAL, HL_HERE, "kế hoạch chưa có nhiệm vụ nào để in");
	*a = hl_arena_new((size_t)64 << 20);
	if (*a == NULL)
		return hl_err_set(err, HL_ENOMEM, HL_HERE, "hết bộ nhớ khi tạo kế hoạch %s", what);
	return HL_OK;
}

/* "Nâng cao mức độ hài lòng … của UBND phường Vĩnh Thọ năm 2025" */
const char *plan_title(struct hl_arena *a, const struct plan_doc *p)
{
	return hl_arena_printf(a,
		"Nâng cao mức độ hài lòng của tổ chức, cá nhân đối với sự phục vụ "
		"của %s năm %d",
		p->unit.name, p->year);
}
