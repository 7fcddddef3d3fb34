/* plan_csv.c — the improvement plan as CSV (plan.h): the suggestion, a
 * unit's plan and the standard tasks, each with its header. */
#include "svc/plan.h"

#include <stdio.h>

#include "io/csvout.h"

static void text_cells(FILE *f, const char *task, const char *resp, const char *sched,
	const char *expected)
{
	const char *const cells[] = {task, resp, sched, expected};

	for (size_t i = 0; i < sizeof(cells) / sizeof(cells[0]); i++) {
		fputc(',', f);
		csvout_cell(f, cells[i]);
	}
}

void plan_csv_suggest(FILE *f, const struct plan_doc *p)
{
	fputs(PLAN_SUGGEST_HEADER "\n", f);
	for (size_t i = 0; i < p->ntasks; i++) {
		const struct store_plan_task *t = &p->tasks[i];

		csvout_cell(f, t->criterion);
		csvout_num(f, t->has_value, t->value);
		csvout_num(f, t->has_target, t->target);
		text_cells(f, t->task, t->responsible, t->schedule, t->expected);
		fputc('\n', f);
	}
}

void plan_csv_show(FILE *f, const struct plan_doc *p)
{
	fputs(PLAN_SHOW_HEADER "\n", f);
	for (size_t i = 0; i < p->ntasks; i++) {
		const struct store_plan_task *t = &p->tasks[i];

		fprintf(f, "%d,", t->no);
		csvout_cell(f, t->criterion);
		csvout_num(f, t->has_value, t->value);
		csvout_num(f, t->has_target, t->target);
		text_cells(f, t->task, t->responsible, t->schedule, t->expected);
		fputc(',', f);
		csvout_cell(f, t->status);
		fputc('\n', f);
	}
}

void plan_csv_std(FILE *f, const struct store_plan_std *t, size_t n)
{
	fputs(PLAN_STD_HEADER "\n", f);
	for (size_t i = 0; i < n; i++) {
		csvout_cell(f, t[i].criterion);
		text_cells(f, t[i].task, t[i].responsible, t[i].schedule, t[i].expected);
		fputc('\n', f);
	}
}
