/* plan_import.c — the improvement plan's CSV imports (plan.h): the standard
 * tasks and a unit's plan, all or nothing, every bad line reported. */
#include "svc/plan.h"

#include <stdio.h>
#include <string.h>

#include "base/arena.h"
#include "svc/audit.h"
#include "svc/csvimport.h"
#include "svc/plan_int.h"

/* ---- CSV import (standard tasks and plans) ---- */

static const struct csvi_msgs msgs = {
	.empty = "tệp trống: cần dòng tiêu đề",
	.unknown = "cột không có trong định dạng",
	.twice = "cột lặp lại",
	.missing = "thiếu cột",
	.any_width = true,
	.malformed_fails = true,
};

/* The two files share their columns' numbers (and one row handler); the
 * standard tasks leave out a plan's own columns. */
enum pcol { C_NO, C_CRIT, C_VALUE, C_TARGET, C_TASK, C_RESP, C_SCHED, C_EXPECTED, C_STATUS, C_N };

/* A required text, NFC; a plan exported by hailong comes back without the
 * formula guard of its cells. */
#define PLAN_TEXT(n, m) \
	{ \
		CSVI_COL(n, true), CSVI_TEXT_IN(struct store_plan_task, m), .need = true, \
									    .unguard = true \
	}
#define PLAN_NUM(n, m) \
	{ \
		CSVI_COL(n, true), .kind = CSVI_PERCENT, CSVI_AT(struct store_plan_task, m), \
				   .off2 = offsetof(struct store_plan_task, has_##m) \
	}

static const struct csvi_col task_cols[C_N] = {
	[C_NO] = {CSVI_COL("no", false)},
	[C_CRIT] = {CSVI_COL("criterion", true)},
	[C_VALUE] = PLAN_NUM("value", value),
	[C_TARGET] = PLAN_NUM("target", target),
	[C_TASK] = PLAN_TEXT("task", task),
	[C_RESP] = PLAN_TEXT("responsible", responsible),
	[C_SCHED] = {CSVI_COL("schedule", true)},
	[C_EXPECTED] = PLAN_TEXT("expected", expected),
	[C_STATUS] = {CSVI_COL("status", true)},
};

static const struct csvi_col std_cols[C_N] = {
	[C_CRIT] = {CSVI_COL("criterion", true)},
	[C_TASK] = PLAN_TEXT("task", task),
	[C_RESP] = PLAN_TEXT("responsible", responsible),
	[C_SCHED] = {CSVI_COL("schedule", true)},
	[C_EXPECTED] = PLAN_TEXT("expected", expected),
};

static const struct csvi_spec task_spec = {task_cols, C_N, &msgs, NULL, NULL};
static const struct csvi_spec std_spec = {std_cols, C_N, &msgs, NULL, NULL};

/* The rows read: tasks (of a plan, or standard ones as tasks). */
struct task_rows {
	struct store_plan_task *t;
	size_t n;
	bool plan; /* a unit's plan: value, target and status too */
};

/* s into dst[size] when ok, else the problem "<what> 's' không hợp lệ: dùng
 * <choices>" under col. */
static bool take(struct csvi *im, const char *col, bool ok, const char *s, char *dst, size_t size,
	const char *what, const char *choices)
{
	if (!ok) {
		csvi_problem(im, col, "%s '%s' không hợp lệ: dùng %s", what, s, choices);
		return false;
	}
	snprintf(dst, size, "%s", s);
	return true;
}

/* One row into the next task; rows past PLAN_MAX_TASKS are problems. */
static int task_row(struct csvi *im, void *ctx)
{
	struct task_rows *x = ctx;
	struct store_plan_task *q = &x->t[x->n];
	const char *c = csvi_cell(im, C_CRIT), *s = csvi_cell(im, C_SCHED);
	const char *status = csvi_cell(im, C_STATUS);
	bool ok = true;

	if (x->n >= PLAN_MAX_TASKS) {
		if (x->n == PLAN_MAX_TASKS)
			csvi_problem(im, "", "quá %d nhiệm vụ trong một tệp", PLAN_MAX_TASKS);
		return HL_OK;
	}
	memset(q, 0, sizeof(*q));
	ok &= take(im, "criterion", plan_crit_index(c) >= 0, c, q->criterion, sizeof(q->criterion),
		"tiêu chí", "TC, HC, PV, KQ hoặc TT");
	ok &= take(im, "schedule", plan_schedule_ok(s), s, q->schedule, sizeof(q->schedule),
		"tiến độ",
		"thuong-xuyen, trong-nam, quy-1 … quy-4, thu-sau-hang-tuan, khi-co-thay-doi, "
		"khi-tiep-nhan hoặc một ngày có thật dạng YYYY-MM-DD");
	ok &= csvi_parse(im, C_TASK, q);
	ok &= csvi_parse(im, C_RESP, q);
	ok &= csvi_parse(im, C_EXPECTED, q);
	if (x->plan) {
		ok &= csvi_parse(im, C_VALUE, q);
		ok &= csvi_parse(im, C_TARGET, q);
		ok &= take(im, "status", plan_status_ok(status), status, q->status,
			sizeof(q->status), "tình trạng",
			"chua-bat-dau, dang-thuc-hien, hoan-thanh hoặc qua-han");
	}
	if (ok)
		q->no = (int)++x->n;
	return HL_OK;
}

/* The outcome of the rows read (rc): a file without a row gets the problem
 * empty; with problems, HL_EINVAL with a summary naming the file. */
static int rows_outcome(struct import_report *rep, int rc, const char *empty, const char *name,
	struct hl_err *err)
{
	if (rc == HL_OK && rep->nproblems == 0 && rep->rows == 0)
		import_add_problem(rep, 2, "", "%s", empty);
	if (rc == HL_OK && rep->nproblems > 0)
		rc = HL_EINVAL;
	if (rc == HL_EINVAL && rep->nproblems > 0)
		return hl_err_set(err, HL_EINVAL, name != NULL ? name : "",
			"tệp %s có %ld lỗi: không "
			"nhập dòng nào",
			name != NULL ? name : "", rep->nproblems);
	return rc;
}

/* Read f's tasks with spec into x->t (PLAN_MAX_TASKS, from a): HL_OK, or
 * HL_EINVAL with the problems in rep (a file without a row has the problem
 * empty), or a failure. */
static int read_tasks(struct store *st, FILE *f, const struct import_opts *o,
	const struct csvi_spec *spec, const char *empty, struct hl_arena *a, struct task_rows *x,
	struct import_report *rep, struct hl_err *err)
{
	struct csvi im;
	int rc = csvi_open(&im, st, f, o, spec, false, rep, err);

	if (rc == HL_OK)
		rc = csvi_header(&im);
	if (rc == HL_OK && rep->nproblems > 0)
		rc = HL_EINVAL;
	if (rc == HL_OK && (x->t = hl_arena_alloc(a, PLAN_MAX_TASKS * sizeof(*x->t))) == NULL)
		rc = hl_err_set(err, HL_ENOMEM, HL_HERE, "hết bộ nhớ khi nhập kế hoạch");
	if (rc == HL_OK)
		rc = csvi_each(&im, task_row, x);
	csvi_close(&im);
	return rows_outcome(rep, rc, empty, o->name, err);
}

int plan_std_import(struct store *st, FILE *f, const struct import_opts *o,
	struct import_report *rep, struct hl_err *err)
{
	const char *name = o->name, *who = o->who;
	struct hl_arena *a = hl_arena_new(ARENA_CAP);
	struct store_plan_std *t = NULL;
	struct task_rows x = {0};
	struct std_write w;
	char detail[128];
	int rc;

	memset(rep, 0, sizeof(*rep));
	if (a == NULL)
		return hl_err_set(err, HL_ENOMEM, HL_HERE, "hết bộ nhớ khi nhập nhiệm vụ mẫu");
	rc = read_tasks(st, f, o, &std_spec,
		"tệp không có nhiệm vụ nào (muốn trở lại nhiệm vụ "
		"mẫu có sẵn: hailong plan tasks reset)",
		a, &x, rep, err);
	if (rc == HL_OK && (t = hl_arena_alloc(a, (x.n + 1) * sizeof(*t))) == NULL)
		rc = hl_err_set(err, HL_ENOMEM, HL_HERE, "hết bộ nhớ khi nhập nhiệm vụ mẫu");
	if (rc != HL_OK)
		goto cleanup;
	for (size_t i = 0; i < x.n; i++) {
		const struct store_plan_task *q = &x.t[i];

		memset(&t[i], 0, sizeof(t[i]));
		t[i].seq = q->no;
		snprintf(t[i].criterion, sizeof(t[i].criterion), "%s", q->criterion);
		snprintf(t[i].task, sizeof(t[i].task), "%s", q->task);
		snprintf(t[i].responsible, sizeof(t[i].responsible), "%s", q->responsible);
		snprintf(t[i].schedule, sizeof(t[i].schedule), "%s", q->schedule);
		snprintf(t[i].expected, sizeof(t[i].expected), "%s", q->expected);
	}
	w.t = t;
	w.n = x.n;
	snprintf(detail, sizeof(detail), "%s: %zu nhiệm vụ mẫu", name != NULL ? name : "", x.n);
	rc = audit_tx(st, false, plan_std_write_tx, &w, who, "plan.tasks.import", detail, err);
	if (rc == HL_OK)
		rep->added = (long)x.n;
cleanup:
	hl_arena_free(a);
	return rc;
}

int plan_import(struct store *st, FILE *f, const struct import_opts *o, const char *unit, int year,
	struct import_report *rep, struct hl_err *err)
{
	const char *name = o->name, *who = o->who;
	struct hl_arena *a = hl_arena_new(ARENA_CAP);
	struct task_rows x = {.plan = true};
	struct plan_write w = {0};
	struct plan_doc *p = NULL;
	char detail[256];
	int rc;

	memset(rep, 0, sizeof(*rep));
	if (a == NULL)
		return hl_err_set(err, HL_ENOMEM, HL_HERE, "hết bộ nhớ khi nhập kế hoạch");
	p = plan_new_doc(a, year, err);
	rc = p == NULL ? HL_ENOMEM : plan_find_unit(st, a, unit, p, err);
	if (rc == HL_OK)
		rc = read_tasks(st, f, o, &task_spec, "tệp không có nhiệm vụ nào", a, &x, rep, err);
	if (rc != HL_OK)
		goto cleanup;
	w.p = p;
	w.t = x.t;
	w.n = x.n;
	w.replace = true;
	snprintf(detail, sizeof(detail), "đơn vị %s, năm %d: %zu nhiệm vụ từ %s", p->unit.code,
		year, x.n, name != NULL ? name : "tệp");
	rc = audit_tx(st, o->held, plan_write_tx, &w, who, "plan.import", detail, err);
	if (rc == HL_OK)
		rep->added = (long)x.n;
cleanup:
	hl_arena_free(a);
	return rc;
}
