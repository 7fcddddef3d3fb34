/* store_q_reports.c — the reports area (store.h struct store_reports_ops):
 * targets, published reports and reporting schedules, written once for
 * every backend (store_q.h); comment approvals and quotes are
 * store_q_cmt.c's. Checked by tests/unit/store/test_store_report.c:
 *  - target_set: insert or replace the value of (year, unit_id, type,
 *    criterion); target_list: the year's, by unit_id, type, criterion.
 *  - report_put: inserts r as the next version of (unit_id, period) (1 for
 *    the first, from the counters, UNIQUE backing it), sets r->id and
 *    r->version. Empty period, unit_id 0, empty figures or published_at
 *    <= 0: HL_EINVAL. due HL_DAY_NONE and an empty doc are stored as NULL.
 *  - report_list: without figures and doc; unit_id 0 = every unit; newest
 *    first (published_at, then id, descending). report_get: HL_ENOTFOUND
 *    when absent; figures and doc copied into the arena when asked for.
 *  - both set doc_public: stored by report_put after the comments'
 *    migration (vetted) and every comment it quotes still approved.
 *  - rschedule_set: spec "" or NULL deletes the unit's schedule. */
#include "store/store_q.h"

#include <stdio.h>
#include <string.h>

#include "base/arena.h"

/* doc_public last, as 0 or 1 on both backends */
#define REPORT_COLS \
	"id, unit_id, period, version, format, published_by, published_at, due," \
	" CASE WHEN vetted <> 0 AND NOT EXISTS (SELECT 1 FROM report_quotes q" \
	" WHERE q.report_id = published_reports.id AND q.response_id NOT IN" \
	" (SELECT response_id FROM comment_approvals)) THEN 1 ELSE 0 END"

#include "store/sql/reports.h" /* its statements: sql/reports.sql */

/* ---- targets ---- */

static int q_target_set(struct store *st, const struct store_target *t, struct hl_err *err)
{
	struct q_args a = {0};

	q_row(&a, target_cols, SQ_NCOLS(target_cols), t);
	q_f64(&a, t->value);
	return q_exec(st, &target_set, &a, NULL, "lưu chỉ tiêu", err);
}

static void read_target(const struct q_cur *c, void *elem)
{
	struct store_target *t = elem;

	q_read(c, 0, target_cols, SQ_NCOLS(target_cols), t);
	t->value = q_col_f64(c, 4);
}

static int q_target_list(struct store *st, int year, struct hl_arena *ar, struct store_target **out,
	size_t *n, struct hl_err *err)
{
	struct q_args a = {0};

	q_i64(&a, year);
	return q_list_fn(st, &target_list, &a, ar, sizeof(**out), read_target, out, n,
		"liệt kê chỉ tiêu", err);
}

/* ---- published reports ---- */

static int q_report_put(struct store *st, struct store_report *r, const char *figures,
	const void *doc, size_t doc_len, struct hl_err *err)
{
	const char *op = "lưu báo cáo đã công bố";
	struct q_args a = {0};
	int version = 0, rc;

	if (r->period[0] == '\0' || r->unit_id <= 0 || figures == NULL || figures[0] == '\0' ||
		r->published_at <= 0)
		return hl_err_set(err, HL_EINVAL, HL_HERE,
			"báo cáo công bố thiếu đơn vị, kỳ, số liệu hoặc thời điểm công bố");
	if (doc_len > (size_t)1 << 30)
		return hl_err_set(err, HL_ELIMIT, HL_HERE, "tệp báo cáo quá lớn (%zu byte)",
			doc_len);
	if ((rc = q_op_begin(st, op, err)) != HL_OK)
		return rc;
	rc = q_number_take(st, "report", r->unit_id, r->period, 0, &version, err);
	q_i64(&a, r->unit_id);
	q_text(&a, r->period, sizeof(r->period));
	q_i64(&a, version);
	q_text(&a, r->format, sizeof(r->format));
	q_text(&a, r->published_by, sizeof(r->published_by));
	q_i64(&a, r->published_at);
	if (r->due != HL_DAY_NONE)
		q_i64(&a, r->due);
	else
		q_null(&a);
	q_text(&a, figures, strlen(figures) + 1);
	if (doc != NULL && doc_len > 0)
		q_blob(&a, doc, doc_len);
	else
		q_null(&a);
	if (rc == HL_OK)
		rc = q_int(st, &report_put, &a, &r->id, op, err);
	if (rc == HL_OK)
		r->version = version;
	return q_op_end(st, rc, op, err);
}

static int q_report_list(struct store *st, int64_t unit_id, struct hl_arena *ar,
	struct store_report **out, size_t *n, struct hl_err *err)
{
	struct q_args a = {0};
	const struct q_stmt *s = q_unit(&a, unit_id, &report_list_unit, &report_list_all);

	return Q_LIST(st, s, &a, ar, report_cols, out, n, "liệt kê báo cáo đã công bố", err);
}

/* report_get's row, with its figures and document in the arena */
struct got_report {
	struct hl_arena *ar;
	struct store_report *out;
	char **figures;
	void **doc;
	size_t *doc_len;
	bool got;
};

static int read_report(void *ctx, const struct q_cur *c)
{
	struct got_report *g = ctx;
	const int nc = (int)SQ_NCOLS(report_cols);
	size_t len;
	const char *p;

	g->got = true;
	q_read(c, 0, report_cols, SQ_NCOLS(report_cols), g->out);
	if (g->figures != NULL) {
		p = q_col_text(c, nc, &len);
		if ((*g->figures = hl_arena_strndup(g->ar, p, len)) == NULL)
			return HL_ENOMEM;
	}
	if (g->doc != NULL && !q_col_null(c, nc + 1)) {
		p = q_col_text(c, nc + 1, &len);
		if (len > 0) {
			if ((*g->doc = hl_arena_alloc(g->ar, len)) == NULL)
				return HL_ENOMEM;
			memcpy(*g->doc, p, len);
			if (g->doc_len != NULL)
				*g->doc_len = len;
		}
	}
	return HL_OK;
}

static int q_report_get(struct store *st, int64_t id, struct hl_arena *ar, struct store_report *out,
	char **figures, void **doc, size_t *doc_len, struct hl_err *err)
{
	const char *op = "đọc báo cáo đã công bố";
	struct got_report g = {ar, out, figures, doc, doc_len, false};
	struct q_args a = {0};
	int rc;

	if (figures != NULL)
		*figures = NULL;
	if (doc != NULL)
		*doc = NULL;
	if (doc_len != NULL)
		*doc_len = 0;
	memset(out, 0, sizeof(*out));
	q_i64(&a, id);
	rc = q_each(st, &report_get, &a, read_report, &g, op, err);
	if (rc == HL_ENOMEM)
		return hl_err_set(err, HL_ENOMEM, HL_HERE, "hết bộ nhớ khi %s", op);
	if (rc == HL_OK && !g.got)
		return hl_err_set(err, HL_ENOTFOUND, HL_HERE, "không có báo cáo đã công bố số %lld",
			(long long)id);
	return rc;
}

/* ---- per-unit reporting schedules ---- */

static int q_rschedule_set(struct store *st, int64_t unit_id, const char *spec, struct hl_err *err)
{
	const char *op = "lưu lịch báo cáo của đơn vị";
	const size_t cap = sizeof(((struct store_rschedule *)0)->spec);
	struct q_args a = {0};

	q_i64(&a, unit_id);
	if (spec == NULL || spec[0] == '\0')
		return q_exec(st, &rsched_delete, &a, NULL, op, err);
	if (strlen(spec) >= cap)
		return hl_err_set(err, HL_EINVAL, HL_HERE, "lịch báo cáo quá dài (tối đa %zu byte)",
			cap - 1);
	q_text(&a, spec, cap);
	return q_exec(st, &rsched_put, &a, NULL, op, err);
}

static int q_rschedule_list(struct store *st, struct hl_arena *ar, struct store_rschedule **out,
	size_t *n, struct hl_err *err)
{
	return Q_LIST(st, &rsched_list, NULL, ar, rsched_cols, out, n,
		"liệt kê lịch báo cáo của các đơn vị", err);
}

static int q_points_put(struct store *st, const char *csv, struct hl_err *err)
{
	const char *op = "lưu bảng điểm QĐ 766";
	struct q_args a = {0};

	if (csv == NULL)
		return q_exec(st, &points_delete, NULL, NULL, op, err);
	if (strlen(csv) >= STORE_POINTS_MAX)
		return hl_err_set(err, HL_ELIMIT, HL_HERE,
			"bảng điểm QĐ 766 quá dài (tối đa %d byte)", STORE_POINTS_MAX - 1);
	q_text(&a, csv, STORE_POINTS_MAX);
	return q_exec(st, &points_put, &a, NULL, op, err);
}

static int q_points_get(struct store *st, struct store_points *out, struct hl_err *err)
{
	return Q_GET(st, &points_get, NULL, points_cols, out, "đọc bảng điểm QĐ 766",
		"chưa nạp bảng điểm QĐ 766", err);
}

const struct store_reports_ops q_reports = {Q_OP(target_set), Q_OP(target_list), Q_OP(report_put),
	Q_OP(report_list), Q_OP(report_get), Q_OP(rschedule_set), Q_OP(rschedule_list),
	Q_OP(comment_approve), Q_OP(comment_withdraw), Q_OP(comment_approval_list),
	Q_OP(report_quotes_put), Q_OP(points_put), Q_OP(points_get)};
