/* api_plan.c — GET /api/v1/plan?unit=&year=: a unit's improvement plan for a
 * year as JSON (docs/api.md): its tasks with criterion, value and target
 * when adopted, content, responsible office, schedule, expected result,
 * status and dated progress notes. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "api/api.h"
#include "base/arena.h"
#include "http/scope.h"
#include "report/plan_doc.h"
#include "svc/plan.h"

/* A value as published (two decimals), or null. */
static json_t *num_or_null(bool have, double v)
{
	return have ? json_real(round(v * 100) / 100) : json_null();
}

static json_t *task_json(const struct plan_doc *p, const struct store_plan_task *t)
{
	char sched[96], d[16];
	json_t *notes = json_array(), *j;

	if (notes == NULL)
		return NULL;
	for (size_t k = 0; k < p->nnotes; k++) {
		const struct store_plan_note *n = &p->notes[k];

		if (n->no != t->no)
			continue;
		if (json_array_append_new(notes,
			    json_pack("{s:s, s:s, s:s}", "date", hl_day_iso(n->day, d, sizeof(d)),
				    "status", n->status, "text", n->text)) != 0) {
			json_decref(notes);
			return NULL;
		}
	}
	j = json_pack("{s:i, s:s, s:o, s:o, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:o, s:I}", "no",
		t->no, "criterion", t->criterion, "value", num_or_null(t->has_value, t->value),
		"target", num_or_null(t->has_target, t->target), "task", t->task, "responsible",
		t->responsible, "schedule", t->schedule, "schedule_label",
		plan_schedule_label(t->schedule, p->year, sched, sizeof(sched)), "expected",
		t->expected, "status", t->status, "status_label", plan_status_label(t->status),
		"notes", notes, "version", (json_int_t)t->version);
	return j;
}

int api_plan(struct http_req *r)
{
	const char *unit = http_query(r, "unit"), *year = http_query(r, "year");
	struct store_unit u;
	struct plan_doc *p = NULL;
	struct hl_err err = {0};
	json_t *tasks, *j;
	char *end;
	long y;

	if (year == NULL || year[0] == '\0')
		return http_send_error(r, 400, "invalid", "thiếu tham số year (ví dụ year=2025)",
			"year");
	y = strtol(year, &end, 10);
	if (*end != '\0' || y < 1900 || y > 2999)
		return http_send_error(r, 400, "invalid", "year phải là một năm (ví dụ 2025)",
			"year");
	if (unit != NULL && unit[0] != '\0') {
		if (scope_unit(r, unit, "unit", &u, &err) != HL_OK)
			return http_send_err(r, &err);
	} else if (scope_home(r, &u, &err) != HL_OK) {
		return http_send_error(r, 400, "invalid", "thiếu tham số unit", "unit");
	}
	if (plan_load(r->st, r->a, u.code, (int)y, &p, &err) != HL_OK)
		return http_send_err(r, &err);
	if ((tasks = json_array()) == NULL)
		return http_send_error(r, 500, "internal", "hết bộ nhớ", NULL);
	for (size_t i = 0; i < p->ntasks; i++)
		if (json_array_append_new(tasks, task_json(p, &p->tasks[i])) != 0) {
			json_decref(tasks);
			return http_send_error(r, 500, "internal", "hết bộ nhớ", NULL);
		}
	j = json_pack("{s:s, s:s, s:i, s:s, s:o}", "unit", p->unit.code, "name", p->unit.name,
		"year", (int)y, "title", plan_title(r->a, p), "tasks", tasks);
	if (j == NULL)
		return http_send_error(r, 500, "internal", "hết bộ nhớ", NULL);
	return http_send_json(r, 200, j);
}
