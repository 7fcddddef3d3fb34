/* plan_import.c — the improvement plan's CSV imports (plan.h): the standard
 * tasks and a unit's plan, all or nothing, every bad line reported. */
#include "svc/plan.h"

#include <stdio.h>
#include <string.h>

#include "base/arena.h"
#include "base/text.h"
#include "io/csvout.h"
#include "io/csvread.h"
#include "svc/import.h"
#include "svc/plan_int.h"

/* ---- CSV import (standard tasks and plans) ---- */

enum pcol { C_NO, C_CRIT, C_VALUE, C_TARGET, C_TASK, C_RESP, C_SCHED, C_EXPECTED, C_STATUS, C_N };

static const char *const col_name[C_N] = {
	"no", "criterion", "value", "target", "task", "responsible", "schedule", "expected", "status",
};

struct pimp {
	struct import_report *rep;
	struct csvr *r;
	struct csvr_record rec;
	int col[C_N];            /* index in the record, -1 = absent */
};

/* Read the header: the columns in need must be there, those in may can be,
 * nothing else. HL_EINVAL (with problems) when it is not so. */
static int read_header(struct pimp *im, unsigned need, unsigned may, struct hl_err *err)
{
	int rc = csvr_next(im->r, &im->rec, err);

	for (int c = 0; c < C_N; c++)
		im->col[c] = -1;
	if (rc < 0)
		return rc;
	if (rc == 0) {
		import_add_problem(im->rep, 1, "", "tệp trống: cần dòng tiêu đề");
		return HL_EINVAL;
	}
	for (int i = 0; i < im->rec.ncells; i++) {
		int c = 0;

		while (c < C_N && strcmp(col_name[c], im->rec.cells[i]) != 0)
			c++;
		if (c == C_N || !((need | may) & (1u << c)))
			import_add_problem(im->rep, 1, im->rec.cells[i], "cột không có trong định dạng");
		else if (im->col[c] >= 0)
			import_add_problem(im->rep, 1, col_name[c], "cột lặp lại");
		else
			im->col[c] = i;
	}
	for (int c = 0; c < C_N; c++)
		if ((need & (1u << c)) && im->col[c] < 0)
			import_add_problem(im->rep, 1, col_name[c], "thiếu cột");
	return im->rep->nproblems > 0 ? HL_EINVAL : HL_OK;
}

static const char *cell(const struct pimp *im, enum pcol c)
{
	int i = im->col[c];

	return i >= 0 && i < im->rec.ncells ? im->rec.cells[i] : "";
}

/* A required text cell, NFC, into dst; false with a problem. A plan
 * exported by hailong comes back without the formula guard of its cells. */
static bool text_cell(struct pimp *im, enum pcol c, char *dst, size_t size)
{
	const char *s = csvout_unguard(cell(im, c));

	if (s[0] == '\0') {
		import_add_problem(im->rep, im->rec.line, col_name[c], "thiếu giá trị");
		return false;
	}
	if (!plan_nfc_into(s, dst, size)) {
		import_add_problem(im->rep, im->rec.line, col_name[c], "dài %zu byte, tối đa %zu byte", strlen(s),
			size - 1);
		return false;
	}
	return true;
}

/* The columns every row has: criterion, task, responsible, schedule, expected. */
static bool common_cells(struct pimp *im, char *crit, size_t crit_size, char *task, char *resp,
	char *sched, size_t sched_size, char *expected)
{
	const char *c = cell(im, C_CRIT), *s = cell(im, C_SCHED);
	bool ok = true;

	if (plan_crit_index(c) < 0) {
		import_add_problem(im->rep, im->rec.line, "criterion", "tiêu chí '%s' không hợp lệ: dùng TC, HC, "
			"PV, KQ hoặc TT", c);
		ok = false;
	} else {
		snprintf(crit, crit_size, "%s", c);
	}
	if (!plan_schedule_ok(s)) {
		import_add_problem(im->rep, im->rec.line, "schedule", "tiến độ '%s' không hợp lệ: dùng "
			"thuong-xuyen, trong-nam, quy-1 … quy-4, thu-sau-hang-tuan, khi-co-thay-doi, "
			"khi-tiep-nhan hoặc một ngày có thật dạng YYYY-MM-DD", s);
		ok = false;
	} else {
		snprintf(sched, sched_size, "%s", s);
	}
	ok &= text_cell(im, C_TASK, task, STORE_PLAN_TEXT_MAX);
	ok &= text_cell(im, C_RESP, resp, STORE_PLAN_TEXT_MAX);
	ok &= text_cell(im, C_EXPECTED, expected, STORE_PLAN_TEXT_MAX);
	return ok;
}

/* An optional figure 0–100 ("" = none); false with a problem. */
static bool num_cell(struct pimp *im, enum pcol c, bool *have, double *v)
{
	const char *s = cell(im, c);

	*have = s[0] != '\0';
	if (!*have)
		return true;
	if (hl_parse_decimal(s, 0, 100, v))
		return true;
	import_add_problem(im->rep, im->rec.line, col_name[c], "'%s' không phải một số từ 0 đến 100", s);
	return false;
}

/* The next data record: 1, 0 at the end, or a negative status; records
 * the reader flags and rows past PLAN_MAX_TASKS are problems (returns 1 with
 * *usable false). */
static int next_row(struct pimp *im, size_t nrows, bool *usable, struct hl_err *err)
{
	int rc = csvr_next(im->r, &im->rec, err);

	*usable = false;
	if (rc <= 0)
		return rc;
	im->rep->rows++;
	if (im->rec.problem != NULL) {
		import_add_problem(im->rep, im->rec.line, "", "%s", im->rec.problem);
		return 1;
	}
	if (nrows >= PLAN_MAX_TASKS) {
		if (nrows == PLAN_MAX_TASKS)
			import_add_problem(im->rep, im->rec.line, "", "quá %d nhiệm vụ trong một tệp",
				PLAN_MAX_TASKS);
		return 1;
	}
	*usable = true;
	return 1;
}

static int open_import(struct pimp *im, FILE *f, const char *name, struct import_report *rep,
	struct hl_err *err)
{
	memset(rep, 0, sizeof(*rep));
	memset(im, 0, sizeof(*im));
	im->rep = rep;
	return csvr_open(f, name != NULL ? name : "tệp", &im->r, err);
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
		return hl_err_set(err, HL_EINVAL, name != NULL ? name : "", "tệp %s có %ld lỗi: không "
			"nhập dòng nào", name != NULL ? name : "", rep->nproblems);
	return rc;
}

int plan_std_import(struct store *st, FILE *f, const struct import_opts *o,
	struct import_report *rep, struct hl_err *err)
{
	const char *name = o->name, *who = o->who;
	const unsigned need = 1u << C_CRIT | 1u << C_TASK | 1u << C_RESP | 1u << C_SCHED |
		1u << C_EXPECTED;
	struct hl_arena *a = hl_arena_new(ARENA_CAP);
	struct store_plan_std *t = NULL;
	struct std_write w;
	struct pimp im;
	size_t n = 0;
	char detail[128];
	bool usable;
	int rc;

	rc = open_import(&im, f, name, rep, err);
	if (rc == HL_OK && a == NULL)
		rc = hl_err_set(err, HL_ENOMEM, HL_HERE, "hết bộ nhớ khi nhập nhiệm vụ mẫu");
	if (rc == HL_OK)
		rc = read_header(&im, need, 0, err);
	if (rc == HL_OK && (t = hl_arena_alloc(a, PLAN_MAX_TASKS * sizeof(*t))) == NULL)
		rc = hl_err_set(err, HL_ENOMEM, HL_HERE, "hết bộ nhớ khi nhập nhiệm vụ mẫu");
	while (rc == HL_OK && (rc = next_row(&im, n, &usable, err)) == 1) {
		struct store_plan_std *p = &t[n];

		rc = HL_OK;
		if (!usable || !common_cells(&im, p->criterion, sizeof(p->criterion), p->task,
		    p->responsible, p->schedule, sizeof(p->schedule), p->expected))
			continue;
		p->seq = (int)++n;
	}
	rc = rows_outcome(rep, rc, "tệp không có nhiệm vụ nào (muốn trở lại nhiệm vụ mẫu có sẵn: "
		"hailong plan tasks reset)", name, err);
	if (rc != HL_OK)
		goto cleanup;
	w.t = t;
	w.n = n;
	snprintf(detail, sizeof(detail), "%s: %zu nhiệm vụ mẫu", name != NULL ? name : "", n);
	rc = plan_audited(st, false, plan_std_write_tx, &w, who, "plan.tasks.import", detail, err);
	if (rc == HL_OK)
		rep->added = (long)n;
cleanup:
	csvr_free(im.r);
	hl_arena_free(a);
	return rc;
}

int plan_import(struct store *st, FILE *f, const struct import_opts *o, const char *unit,
	int year, struct import_report *rep, struct hl_err *err)
{
	const char *name = o->name, *who = o->who;
	const unsigned need = 1u << C_CRIT | 1u << C_VALUE | 1u << C_TARGET | 1u << C_TASK |
		1u << C_RESP | 1u << C_SCHED | 1u << C_EXPECTED | 1u << C_STATUS;
	struct hl_arena *a = hl_arena_new(ARENA_CAP);
	struct store_plan_task *t = NULL;
	struct plan_write w = {0};
	struct plan_doc *p = NULL;
	struct pimp im;
	size_t n = 0;
	char detail[256];
	bool usable;
	int rc;

	memset(&im, 0, sizeof(im));
	memset(rep, 0, sizeof(*rep));
	if (a == NULL)
		return hl_err_set(err, HL_ENOMEM, HL_HERE, "hết bộ nhớ khi nhập kế hoạch");
	p = plan_new_doc(a, year, err);
	rc = p == NULL ? HL_ENOMEM : plan_find_unit(st, a, unit, p, err);
	if (rc == HL_OK)
		rc = open_import(&im, f, name, rep, err);
	if (rc == HL_OK)
		rc = read_header(&im, need, 1u << C_NO, err);
	if (rc == HL_OK && (t = hl_arena_alloc(a, PLAN_MAX_TASKS * sizeof(*t))) == NULL)
		rc = hl_err_set(err, HL_ENOMEM, HL_HERE, "hết bộ nhớ khi nhập kế hoạch");
	while (rc == HL_OK && (rc = next_row(&im, n, &usable, err)) == 1) {
		struct store_plan_task *q = &t[n];
		const char *status = cell(&im, C_STATUS);
		bool ok;

		rc = HL_OK;
		if (!usable)
			continue;
		ok = common_cells(&im, q->criterion, sizeof(q->criterion), q->task, q->responsible,
			q->schedule, sizeof(q->schedule), q->expected);
		ok &= num_cell(&im, C_VALUE, &q->has_value, &q->value);
		ok &= num_cell(&im, C_TARGET, &q->has_target, &q->target);
		if (!plan_status_ok(status)) {
			import_add_problem(rep, im.rec.line, "status", "tình trạng '%s' không hợp lệ: dùng "
				"chua-bat-dau, dang-thuc-hien, hoan-thanh hoặc qua-han", status);
			ok = false;
		} else {
			snprintf(q->status, sizeof(q->status), "%s", status);
		}
		if (ok)
			q->no = (int)++n;
	}
	rc = rows_outcome(rep, rc, "tệp không có nhiệm vụ nào", name, err);
	if (rc != HL_OK)
		goto cleanup;
	w.p = p;
	w.t = t;
	w.n = n;
	w.replace = true;
	snprintf(detail, sizeof(detail), "đơn vị %s, năm %d: %zu nhiệm vụ từ %s", p->unit.code, year,
		n, name != NULL ? name : "tệp");
	rc = plan_audited(st, o->held, plan_write_tx, &w, who, "plan.import", detail, err);
	if (rc == HL_OK)
		rep->added = (long)n;
cleanup:
	csvr_free(im.r);
	hl_arena_free(a);
	return rc;
}
