/* plan.c — the improvement plan of plan.h: the standard tasks of seed 003's
 * appendix (built in, replaceable by an administrator), the suggestion from
 * the index query, a unit's plan per year with statuses and progress notes.
 * The built-in tasks are in plan_tasks.c, the CSV import in plan_import.c,
 * the CSV forms in plan_csv.c; criteria, schedules and statuses are
 * core/plan_label.c's, the texts of its documents report/plan_text.c's. */
#include "svc/plan.h"

#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "base/text.h"
#include "core/index.h"
#include "svc/audit.h"
#include "svc/indexq.h"
#include "svc/ingest.h"
#include "svc/plan_int.h"
#include "svc/report_model.h"

/* ---- the suggestion ---- */

bool plan_below(const struct plan_value *v)
{
	return v->has_value && v->has_target &&
		hl_index_hundredths(v->value) < hl_index_hundredths(v->target);
}

/* Copy src into dst (size bytes) with every YEAR_MARK replaced by year. */
static void fill_year(char *dst, size_t size, const char *src, int year)
{
	size_t o = 0, mark = strlen(YEAR_MARK);

	while (*src != '\0' && o + 1 < size) {
		if (strncmp(src, YEAR_MARK, mark) == 0) {
			int k = snprintf(dst + o, size - o, "%d", year);

			o = k < 0 || (size_t)k >= size - o ? size - 1 : o + (size_t)k;
			src += mark;
			continue;
		}
		dst[o++] = *src++;
	}
	/* Cut inside a character: drop the part of it that was copied. */
	if (((unsigned char)*src & 0xC0) == 0x80) {
		while (o > 0 && ((unsigned char)dst[o - 1] & 0xC0) == 0x80)
			o--;
		if (o > 0)
			o--;
	}
	dst[o] = '\0';
}

int plan_suggest_from(const struct plan_value *v, int nv, const struct store_plan_std *std,
	size_t nstd, int year, struct hl_arena *a, struct store_plan_task **out, size_t *n,
	struct hl_err *err)
{
	size_t count = 0;
	struct store_plan_task *t;

	*out = NULL;
	*n = 0;
	for (int i = 0; i < nv; i++)
		for (size_t k = 0; plan_below(&v[i]) && k < nstd; k++)
			count += strcmp(std[k].criterion, v[i].criterion) == 0;
	if (count == 0)
		return HL_OK;
	t = hl_arena_alloc(a, count * sizeof(*t));
	if (t == NULL)
		return hl_err_set(err, HL_ENOMEM, HL_HERE, "hết bộ nhớ khi lập đề xuất kế hoạch");
	for (int i = 0; i < nv; i++)
		for (size_t k = 0; plan_below(&v[i]) && k < nstd; k++) {
			struct store_plan_task *p = &t[*n];

			if (strcmp(std[k].criterion, v[i].criterion) != 0)
				continue;
			p->no = (int)++*n;
			p->year = year;
			snprintf(p->criterion, sizeof(p->criterion), "%s", v[i].criterion);
			p->has_value = p->has_target = true;
			p->value = v[i].value;
			p->target = v[i].target;
			fill_year(p->task, sizeof(p->task), std[k].task, year);
			fill_year(p->responsible, sizeof(p->responsible), std[k].responsible, year);
			snprintf(p->schedule, sizeof(p->schedule), "%s", std[k].schedule);
			fill_year(p->expected, sizeof(p->expected), std[k].expected, year);
			snprintf(p->status, sizeof(p->status), "chua-bat-dau");
		}
	*out = t;
	return HL_OK;
}

/* ---- with the store ---- */

int plan_std_get(struct store *st, struct hl_arena *a, struct store_plan_std **out, size_t *n,
	bool *builtin, struct hl_err *err)
{
	int rc = STORE(st, plans, plan_std_list, a, out, n, err);

	if (rc != HL_OK)
		return rc;
	if (builtin != NULL)
		*builtin = *n == 0;
	return *n > 0 ? HL_OK : plan_std_builtin(a, out, n, err);
}

int plan_std_write_tx(struct store *st, void *ctx, struct hl_err *err)
{
	const struct std_write *w = ctx;

	return STORE(st, plans, plan_std_replace, w->t, w->n, err);
}

/* Text given on the command line or in a file, NFC into dst; false if too long. */
bool plan_nfc_into(const char *s, char *dst, size_t size)
{
	return ingest_nfc(s, dst, size) >= 0;
}

int plan_std_set(struct store *st, const char *criterion, int no, const char *task,
	const char *responsible, const char *schedule, const char *expected, const char *who,
	struct hl_err *err)
{
	struct hl_arena *a = hl_arena_new(ARENA_CAP);
	struct store_plan_std *t = NULL, *hit = NULL;
	struct std_write w;
	size_t n = 0;
	int rc, seen = 0;
	char detail[128];
	const char *const given[] = {task, responsible, expected};

	if (a == NULL)
		return hl_err_set(err, HL_ENOMEM, HL_HERE, "hết bộ nhớ khi sửa nhiệm vụ mẫu");
	if (plan_crit_index(criterion) < 0) {
		rc = hl_err_set(err, HL_EINVAL, "--criterion",
			"tiêu chí '%s' không có nhiệm vụ mẫu: "
			"dùng TC, HC, PV, KQ hoặc TT",
			criterion != NULL ? criterion : "");
		goto cleanup;
	}
	if (schedule != NULL && !plan_schedule_ok(schedule)) {
		rc = hl_err_set(err, HL_EINVAL, "--schedule",
			"tiến độ '%s' không hợp lệ: dùng "
			"thuong-xuyen, trong-nam, quy-1 … quy-4, thu-sau-hang-tuan, khi-co-thay-doi, "
			"khi-tiep-nhan hoặc một ngày YYYY-MM-DD",
			schedule);
		goto cleanup;
	}
	for (size_t i = 0; i < sizeof(given) / sizeof(given[0]); i++)
		if (given[i] != NULL &&
			(given[i][0] == '\0' || !hl_utf8_valid(given[i], strlen(given[i]), NULL))) {
			rc = hl_err_set(err, HL_EINVAL, HL_HERE,
				"nội dung, trách nhiệm và kết quả không "
				"được để trống và phải là văn bản UTF-8");
			goto cleanup;
		}
	rc = plan_std_get(st, a, &t, &n, NULL, err);
	if (rc != HL_OK)
		goto cleanup;
	for (size_t i = 0; i < n && hit == NULL; i++)
		if (strcmp(t[i].criterion, criterion) == 0 && ++seen == no)
			hit = &t[i];
	if (hit == NULL) {
		rc = hl_err_set(err, HL_ENOTFOUND, "--no",
			"tiêu chí %s không có nhiệm vụ mẫu số %d "
			"(xem: hailong plan tasks --criterion %s)",
			criterion, no, criterion);
		goto cleanup;
	}
	if ((task != NULL && !plan_nfc_into(task, hit->task, sizeof(hit->task))) ||
		(responsible != NULL &&
			!plan_nfc_into(responsible, hit->responsible, sizeof(hit->responsible))) ||
		(expected != NULL &&
			!plan_nfc_into(expected, hit->expected, sizeof(hit->expected)))) {
		rc = hl_err_set(err, HL_ELIMIT, HL_HERE, "văn bản quá dài: tối đa %d byte mỗi ô",
			STORE_PLAN_TEXT_MAX - 1);
		goto cleanup;
	}
	if (schedule != NULL)
		snprintf(hit->schedule, sizeof(hit->schedule), "%s", schedule);
	w.t = t;
	w.n = n;
	snprintf(detail, sizeof(detail), "nhiệm vụ mẫu %s số %d", criterion, no);
	rc = audit_tx(st, false, plan_std_write_tx, &w, who, "plan.tasks.set", detail, err);
cleanup:
	hl_arena_free(a);
	return rc;
}

int plan_std_reset(struct store *st, const char *who, struct hl_err *err)
{
	struct std_write w = {NULL, 0};

	return audit_tx(st, false, plan_std_write_tx, &w, who, "plan.tasks.reset",
		"trở lại nhiệm vụ mẫu có sẵn (phụ lục kế hoạch mẫu)", err);
}

/* ---- a unit's plan ---- */

/* The unit of code and its parent (NULL at the top), in p. */
int plan_find_unit(struct store *st, struct hl_arena *a, const char *code, struct plan_doc *p,
	struct hl_err *err)
{
	struct store_unit *u = NULL;
	size_t n = 0;
	int rc = STORE(st, units, unit_get, code != NULL ? code : "", &p->unit, err);

	if (rc == HL_ENOTFOUND)
		return hl_err_set(err, HL_ENOTFOUND, "--unit",
			"đơn vị '%s' không tồn tại (xem: "
			"hailong units list)",
			code != NULL ? code : "");
	if (rc == HL_OK && p->unit.parent_id != 0)
		rc = STORE(st, units, unit_list, a, &u, &n, err);
	for (size_t i = 0; rc == HL_OK && i < n; i++)
		if (u[i].id == p->unit.parent_id)
			p->parent = &u[i];
	if (rc == HL_OK) {
		struct rpt_model *m = hl_arena_alloc(a, sizeof(*m));

		if (m == NULL)
			return hl_err_set(err, HL_ENOMEM, HL_HERE, "hết bộ nhớ khi đọc kế hoạch");
		memset(m, 0, sizeof(*m));
		p->head = m;
		rc = rpt_letterhead(a, &p->unit, p->parent, m, err);
	}
	return rc;
}

struct plan_doc *plan_new_doc(struct hl_arena *a, int year, struct hl_err *err)
{
	struct plan_doc *p = hl_arena_alloc(a, sizeof(*p));

	if (p == NULL)
		hl_err_set(err, HL_ENOMEM, HL_HERE, "hết bộ nhớ khi đọc kế hoạch");
	else
		p->year = year;
	return p;
}

int plan_suggest(struct store *st, struct hl_arena *a, const char *unit, int year,
	const struct hl_period *base, struct plan_doc **out, struct hl_err *err)
{
	struct plan_doc *p = plan_new_doc(a, year, err);
	struct iq_opts o = {0};
	struct iq_result *res = NULL;
	const struct iq_unit *iu = NULL;
	struct store_target *targets = NULL;
	struct store_plan_std *std = NULL;
	size_t ntargets = 0, nstd = 0;
	char y[16];
	int rc;

	*out = NULL;
	if (p == NULL)
		return HL_ENOMEM;
	rc = plan_find_unit(st, a, unit, p, err);
	if (rc != HL_OK)
		return rc;
	snprintf(y, sizeof(y), "%d", year - 1);
	if (base != NULL)
		p->base = *base;
	else if ((rc = hl_period_parse(y, &p->base, err)) != HL_OK)
		return rc;
	o.period = p->base;
	o.unit = unit;
	rc = iq_run(st, a, &o, &res, err);
	for (size_t i = 0; rc == HL_OK && i < res->nunits; i++)
		if (res->units[i].unit.id == p->unit.id)
			iu = &res->units[i];
	if (rc == HL_OK)
		rc = STORE(st, reports, target_list, year, a, &targets, &ntargets, err);
	if (rc != HL_OK)
		return rc;
	for (int i = 0; i < PLAN_NCRIT; i++) {
		struct plan_value *v = &p->v[i];

		v->criterion = plan_crit_code(i);
		for (int k = 0; iu != NULL && k < res->ncrit; k++)
			if (strcmp(res->crit_code[k], v->criterion) == 0 &&
				iu->idx.cell[k].cur.valid) {
				v->has_value = true;
				v->value = iu->idx.cell[k].cur.value;
			}
		v->has_target = iq_target(targets, ntargets, &p->unit, v->criterion, &v->target);
		p->any_target |= v->has_target;
	}
	rc = plan_std_get(st, a, &std, &nstd, NULL, err);
	if (rc == HL_OK)
		rc = plan_suggest_from(p->v, PLAN_NCRIT, std, nstd, year, a, &p->tasks, &p->ntasks,
			err);
	if (rc == HL_OK)
		*out = p;
	return rc;
}

int plan_load(struct store *st, struct hl_arena *a, const char *unit, int year,
	struct plan_doc **out, struct hl_err *err)
{
	struct plan_doc *p = plan_new_doc(a, year, err);
	int rc;

	*out = NULL;
	if (p == NULL)
		return HL_ENOMEM;
	rc = plan_find_unit(st, a, unit, p, err);
	if (rc == HL_OK)
		rc = STORE(st, plans, plan_task_list, p->unit.id, year, a, &p->tasks, &p->ntasks,
			err);
	if (rc == HL_OK)
		rc = STORE(st, plans, plan_note_list, p->unit.id, year, a, &p->notes, &p->nnotes,
			err);
	if (rc == HL_OK)
		*out = p;
	return rc;
}

/* Replace the plan of (unit, year), refusing when one exists unless replace. */
int plan_write_tx(struct store *st, void *ctx, struct hl_err *err)
{
	struct plan_write *w = ctx;
	struct hl_arena *a = hl_arena_new((size_t)16 * 1024 * 1024);
	struct store_plan_task *old = NULL;
	size_t nold = 0;
	int rc;

	if (a == NULL)
		return hl_err_set(err, HL_ENOMEM, HL_HERE, "hết bộ nhớ khi lưu kế hoạch");
	rc = STORE(st, plans, plan_task_list, w->p->unit.id, w->p->year, a, &old, &nold, err);
	if (rc == HL_OK && nold > 0 && !w->replace)
		rc = hl_err_set(err, HL_EEXIST, "--replace",
			"đơn vị %s đã có kế hoạch năm %d (%zu "
			"nhiệm vụ): thêm --replace để thay kế hoạch đó",
			w->p->unit.code, w->p->year, nold);
	if (rc == HL_OK)
		rc = STORE(st, plans, plan_replace, w->p->unit.id, w->p->year, w->t, w->n, err);
	hl_arena_free(a);
	return rc;
}

static int adopt(struct store *st, bool held, const char *unit, int year,
	const struct hl_period *base, bool replace, const char *who, size_t *ntasks,
	struct hl_err *err)
{
	struct hl_arena *a = hl_arena_new((size_t)1 << 30);
	struct plan_doc *p = NULL;
	struct plan_write w = {0};
	char detail[256], bp[48];
	int rc;

	*ntasks = 0;
	if (a == NULL)
		return hl_err_set(err, HL_ENOMEM, HL_HERE, "hết bộ nhớ khi lập kế hoạch");
	rc = plan_suggest(st, a, unit, year, base, &p, err);
	if (rc != HL_OK)
		goto cleanup;
	plan_period_label(&p->base, bp, sizeof(bp));
	if (p->ntasks == 0) {
		if (!p->any_target)
			rc = hl_err_set(err, HL_EINVAL, "--year",
				"đơn vị %s chưa có chỉ tiêu năm %d: đặt "
				"chỉ tiêu trước (hailong targets set --year %d ...) rồi lập kế hoạch",
				p->unit.code, year, year);
		else
			rc = hl_err_set(err, HL_EINVAL, "--year",
				"không tiêu chí nào của đơn vị %s dưới "
				"chỉ tiêu năm %d (so với %s): không có nhiệm vụ nào để đưa vào kế hoạch",
				p->unit.code, year, bp);
		goto cleanup;
	}
	w.p = p;
	w.t = p->tasks;
	w.n = p->ntasks;
	w.replace = replace;
	snprintf(detail, sizeof(detail),
		"đơn vị %s, năm %d: %zu nhiệm vụ theo đề xuất (so với %s)%s", p->unit.code, year,
		p->ntasks, bp, replace ? ", thay kế hoạch cũ" : "");
	rc = audit_tx(st, held, plan_write_tx, &w, who, "plan.adopt", detail, err);
	if (rc == HL_OK)
		*ntasks = p->ntasks;
cleanup:
	hl_arena_free(a);
	return rc;
}

int plan_adopt(struct store *st, const char *unit, int year, const struct hl_period *base,
	bool replace, const char *who, size_t *ntasks, struct hl_err *err)
{
	return adopt(st, false, unit, year, base, replace, who, ntasks, err);
}

int plan_adopt_in(struct store *st, const char *unit, int year, const struct hl_period *base,
	bool replace, const char *who, size_t *ntasks, struct hl_err *err)
{
	return adopt(st, true, unit, year, base, replace, who, ntasks, err);
}

/* The refusal of a change to task no made on a version someone else
 * changed since the caller read it. */
static int task_changed(struct hl_err *err, int no)
{
	return hl_err_set(err, HL_ECONFLICT, "version",
		"Nhiệm vụ %d vừa được người khác cập nhật; "
		"tải lại để xem và thao tác lại.",
		no);
}

/* A text typed for a task, NFC, into dst; HL_EINVAL naming field. */
static int task_text(const char *s, const char *field, const char *label, bool required, char *dst,
	size_t size, struct hl_err *err)
{
	if (s == NULL)
		s = "";
	if (required && s[strspn(s, " ")] == '\0')
		return hl_err_set(err, HL_EINVAL, field, "hãy nhập %s", label);
	if (!hl_utf8_valid(s, strlen(s), NULL) || !plan_nfc_into(s, dst, size))
		return hl_err_set(err, HL_EINVAL, field, "%s phải là văn bản, tối đa %zu byte",
			label, size - 1);
	return HL_OK;
}

/* p's task number no, or NULL. */
static const struct store_plan_task *task_no(const struct plan_doc *p, int no)
{
	for (size_t i = 0; i < p->ntasks; i++)
		if (p->tasks[i].no == no)
			return &p->tasks[i];
	return NULL;
}

int plan_task_put_in(struct store *st, const char *unit, int year, const struct plan_task_in *in,
	const char *who, int *no, struct hl_err *err)
{
	struct hl_arena *a = hl_arena_new((size_t)64 * 1024 * 1024);
	struct store_plan_task *t = NULL;
	struct plan_doc *p = NULL;
	char detail[256];
	int rc = HL_OK;

	if (a == NULL || (t = hl_arena_alloc(a, sizeof(*t))) == NULL) {
		rc = hl_err_set(err, HL_ENOMEM, HL_HERE, "hết bộ nhớ khi lưu nhiệm vụ");
		goto cleanup;
	}
	memset(t, 0, sizeof(*t));
	if (plan_crit_index(in->criterion) < 0)
		rc = hl_err_set(err, HL_EINVAL, "criterion",
			"chọn tiêu chí của nhiệm vụ (TC, HC, PV, "
			"KQ hoặc TT)");
	else if (in->schedule == NULL || !plan_schedule_ok(in->schedule))
		rc = hl_err_set(err, HL_EINVAL, "schedule", "tiến độ '%s' không hợp lệ",
			in->schedule != NULL ? in->schedule : "");
	if (rc == HL_OK)
		rc = task_text(in->task, "task", "nội dung công việc", true, t->task,
			sizeof(t->task), err);
	if (rc == HL_OK)
		rc = task_text(in->responsible, "responsible", "trách nhiệm thực hiện", false,
			t->responsible, sizeof(t->responsible), err);
	if (rc == HL_OK)
		rc = task_text(in->expected, "expected", "kết quả", false, t->expected,
			sizeof(t->expected), err);
	if (rc == HL_OK)
		rc = plan_load(st, a, unit, year, &p, err);
	if (rc != HL_OK)
		goto cleanup;
	if (in->no != 0) {
		const struct store_plan_task *old = task_no(p, in->no);

		if (old == NULL) {
			rc = hl_err_set(err, HL_ENOTFOUND, "task",
				"kế hoạch năm %d của %s không có "
				"nhiệm vụ số %d",
				year, p->unit.name, in->no);
			goto cleanup;
		}
		memcpy(t->status, old->status, sizeof(t->status));
		t->id = old->id;
		t->version = old->version;
		if (in->version > 0 && in->version != t->version) {
			rc = task_changed(err, in->no);
			goto cleanup;
		}
		t->no = in->no;
	} else if (p->ntasks >= PLAN_MAX_TASKS) {
		rc = hl_err_set(err, HL_ELIMIT, "task", "kế hoạch đã có %d nhiệm vụ, tối đa",
			PLAN_MAX_TASKS);
		goto cleanup;
	} else {
		t->no = p->ntasks > 0 ? p->tasks[p->ntasks - 1].no + 1 : 1;
		snprintf(t->status, sizeof(t->status), "chua-bat-dau");
	}
	t->unit_id = p->unit.id;
	t->year = year;
	snprintf(t->criterion, sizeof(t->criterion), "%s", in->criterion);
	snprintf(t->schedule, sizeof(t->schedule), "%s", in->schedule);
	snprintf(detail, sizeof(detail), "đơn vị %s, năm %d, nhiệm vụ %d (%s): %.120s",
		p->unit.code, year, t->no, t->criterion, t->task);
	/* compare-and-set on the version read: a concurrent writer's change wins */
	if ((rc = STORE(st, plans, plan_task_put, t, err)) == HL_ECONFLICT)
		task_changed(err, t->no);
	if (rc == HL_OK)
		rc = STORE(st, admin, audit, who, in->no != 0 ? "plan.edit" : "plan.add", detail,
			err);
	if (rc == HL_OK && no != NULL)
		*no = t->no;
cleanup:
	hl_arena_free(a);
	return rc;
}

struct status_write {
	int64_t task_id, version;
	struct store_plan_note note;
};

int plan_set_status_in(struct store *st, const char *unit, int year, int no, int64_t version,
	const char *status, const char *text, hl_day day, const char *who, struct hl_err *err)
{
	struct hl_arena *a = hl_arena_new((size_t)64 * 1024 * 1024);
	struct plan_doc *p = NULL;
	const struct store_plan_task *task;
	struct status_write *w = NULL;
	char detail[256], d[16];
	int rc;

	if (a == NULL)
		return hl_err_set(err, HL_ENOMEM, HL_HERE, "hết bộ nhớ khi cập nhật kế hoạch");
	if (!plan_status_ok(status)) {
		rc = hl_err_set(err, HL_EINVAL, "status",
			"tình trạng '%s' không hợp lệ: dùng "
			"chua-bat-dau, dang-thuc-hien, hoan-thanh hoặc qua-han",
			status != NULL ? status : "");
		goto cleanup;
	}
	if (day == HL_DAY_NONE) {
		rc = hl_err_set(err, HL_EINVAL, "at", "cần ngày ghi nhận tiến độ (YYYY-MM-DD)");
		goto cleanup;
	}
	w = hl_arena_alloc(a, sizeof(*w));
	if (w == NULL) {
		rc = hl_err_set(err, HL_ENOMEM, HL_HERE, "hết bộ nhớ khi cập nhật kế hoạch");
		goto cleanup;
	}
	if (text != NULL &&
		(!hl_utf8_valid(text, strlen(text), NULL) ||
			!plan_nfc_into(text, w->note.text, sizeof(w->note.text)))) {
		rc = hl_err_set(err, HL_EINVAL, "note",
			"ghi chú phải là văn bản UTF-8, tối đa %d byte", STORE_PLAN_NOTE_MAX - 1);
		goto cleanup;
	}
	rc = plan_load(st, a, unit, year, &p, err);
	if (rc != HL_OK)
		goto cleanup;
	if (p->ntasks == 0) {
		rc = hl_err_set(err, HL_ENOTFOUND, "year",
			"đơn vị %s chưa có kế hoạch năm %d (lập "
			"bằng hailong plan adopt hoặc hailong plan import)",
			p->unit.code, year);
		goto cleanup;
	}
	if ((task = task_no(p, no)) == NULL) {
		rc = hl_err_set(err, HL_ENOTFOUND, "task",
			"kế hoạch năm %d của đơn vị %s không có "
			"nhiệm vụ số %d (có nhiệm vụ 1–%d)",
			year, p->unit.code, no, p->tasks[p->ntasks - 1].no);
		goto cleanup;
	}
	w->task_id = task->id;
	w->version = task->version;
	w->note.day = day;
	snprintf(w->note.status, sizeof(w->note.status), "%s", status);
	snprintf(w->note.who, sizeof(w->note.who), "%s", who != NULL ? who : "");
	snprintf(detail, sizeof(detail), "đơn vị %s, năm %d, nhiệm vụ %d: %s (ngày %s)",
		p->unit.code, year, no, status, hl_day_iso(day, d, sizeof(d)));
	if (version > 0 && version != w->version) {
		rc = task_changed(err, no);
		goto cleanup;
	}
	/* compare-and-set on the version read: a concurrent writer's change wins */
	if ((rc = STORE(st, plans, plan_task_status, w->task_id, w->version, &w->note, err)) ==
		HL_ECONFLICT)
		task_changed(err, no);
	if (rc == HL_OK)
		rc = STORE(st, admin, audit, who, "plan.set-status", detail, err);
cleanup:
	hl_arena_free(a);
	return rc;
}

int plan_set_status(struct store *st, const char *unit, int year, int no, int64_t version,
	const char *status, const char *text, hl_day day, const char *who, struct hl_err *err)
{
	return STORE_TX(st, err,
		plan_set_status_in(st, unit, year, no, version, status, text, day, who, err));
}
