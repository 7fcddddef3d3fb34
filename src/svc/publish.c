/* publish.c — the reports due and their publication: a snapshot of the
 * unit's figures (and the rendered report when the renderers are built)
 * stored as a new version. */
#include "svc/publish.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "base/arena.h"
#include "base/clock.h"
#include "base/text.h"
#include "svc/index_json.h"
#include "svc/indexq.h"
#include "svc/ingest.h"
#include "svc/units.h"
#include "svc/report_model.h"

#define PUB_MAX_DUE 64          /* reports due per unit in one window: 31 days hold a few */
#define PUB_MAX_DOC (64u << 20) /* a rendered report larger than this is refused */

static bool unit_alive(const struct store_unit *u, const struct calrpt_due *d)
{
	/* a unit that ended before the period or began after the due day has no report */
	return !(u->valid_to != HL_DAY_NONE && u->valid_to < d->period.first) &&
		!(u->valid_from != HL_DAY_NONE && u->valid_from > d->due);
}

/* ---- schedules ---- */

struct pub_sched {
	struct store_unit *units;
	size_t nunits;
	struct store_rschedule *own;
	struct calrpt_schedule *parsed; /* parallel to own */
	size_t nown;
};

int pub_sched_load(struct store *st, struct hl_arena *a, struct pub_sched **out, struct hl_err *err)
{
	struct pub_sched *ps = hl_arena_alloc(a, sizeof(*ps));
	int rc;

	*out = NULL;
	if (ps == NULL)
		return hl_err_set(err, HL_ENOMEM, HL_HERE, "hết bộ nhớ khi đọc lịch báo cáo");
	memset(ps, 0, sizeof(*ps));
	if ((rc = STORE(st, units, unit_list, a, &ps->units, &ps->nunits, err)) != HL_OK ||
		(rc = STORE(st, reports, rschedule_list, a, &ps->own, &ps->nown, err)) != HL_OK)
		return rc;
	ps->parsed = hl_arena_alloc(a, (ps->nown + 1) * sizeof(*ps->parsed));
	if (ps->parsed == NULL)
		return hl_err_set(err, HL_ENOMEM, HL_HERE, "hết bộ nhớ khi đọc lịch báo cáo");
	for (size_t i = 0; i < ps->nown; i++) {
		struct calrpt_rule *rules = hl_arena_alloc(a, CALRPT_MAX_RULES * sizeof(*rules));
		int n = 0;

		if (rules == NULL)
			return hl_err_set(err, HL_ENOMEM, HL_HERE,
				"hết bộ nhớ khi đọc lịch báo cáo");
		if ((rc = calrpt_parse(ps->own[i].spec, rules, &n, err)) != HL_OK)
			return hl_err_set(err, rc, HL_HERE,
				"lịch báo cáo đã lưu của đơn vị số %lld không "
				"đọc được (%s): đặt lại bằng hailong reports schedule",
				(long long)ps->own[i].unit_id, err->msg);
		ps->parsed[i] = (struct calrpt_schedule){rules, n};
	}
	*out = ps;
	return HL_OK;
}

const char *pub_sched_unit_name(const struct pub_sched *ps, int64_t id)
{
	for (size_t i = 0; i < ps->nunits; i++)
		if (ps->units[i].id == id)
			return ps->units[i].name;
	return "";
}

const struct calrpt_schedule *pub_sched_of(const struct pub_sched *ps, int64_t unit_id,
	int64_t *from)
{
	/* up the parents; the depth bound stops a cycle in bad data */
	for (size_t depth = 0; unit_id != 0 && depth <= ps->nunits; depth++) {
		int64_t parent = 0;

		for (size_t i = 0; i < ps->nown; i++)
			if (ps->own[i].unit_id == unit_id) {
				if (from != NULL)
					*from = unit_id;
				return &ps->parsed[i];
			}
		for (size_t i = 0; i < ps->nunits; i++)
			if (ps->units[i].id == unit_id)
				parent = ps->units[i].parent_id;
		unit_id = parent;
	}
	if (from != NULL)
		*from = 0;
	return calrpt_default();
}

int pub_sched_set(struct store *st, const char *unit, const char *spec, const char *who,
	struct hl_err *err)
{
	struct calrpt_rule rules[CALRPT_MAX_RULES];
	struct calrpt_schedule s;
	struct store_unit u;
	char canon[256] = "", detail[400];
	int n, rc;

	if ((rc = STORE(st, units, unit_get, unit, &u, err)) != HL_OK)
		return rc;
	if (spec != NULL && spec[0] != '\0') {
		if ((rc = calrpt_parse(spec, rules, &n, err)) != HL_OK)
			return rc;
		s = (struct calrpt_schedule){rules, n};
		calrpt_format(&s, canon, sizeof(canon));
	}
	if ((rc = STORE(st, reports, rschedule_set, u.id, canon, err)) != HL_OK)
		return rc;
	snprintf(detail, sizeof(detail), "đơn vị %.63s: %s", u.code,
		canon[0] ? canon : "theo đơn vị cấp trên hoặc mặc định");
	return STORE(st, admin, audit, who, "reports.schedule", detail, err);
}

int pub_sched_set_by(struct store *st, const struct scope_actor *by, const char *unit,
	const char *spec, struct hl_err *err)
{
	struct store_unit u;
	int rc;

	if (by->role < ROLE_SUPERVISOR)
		return hl_err_set(err, HL_EPERM, "unit",
			"chỉ cán bộ giám sát hoặc quản trị mới đặt "
			"lịch báo cáo");
	if ((rc = scope_get(st, by, unit, "unit", &u, err)) != HL_OK)
		return rc;
	return pub_sched_set(st, u.code, spec, by->who, err);
}

/* The reports of units[0..nunits) due in [from, to], without those of a
 * period the unit has published (pub_due_list's order). */
static int due_between(struct store *st, struct hl_arena *a, const struct store_unit *units,
	size_t nunits, hl_day from, hl_day to, struct pub_due **out, size_t *n, struct hl_err *err)
{
	struct calrpt_due due[PUB_MAX_DUE];
	struct pub_due *list = NULL;
	struct pub_sched *ps = NULL;
	size_t cap = 0, count = 0, nd;
	int rc;

	*out = NULL;
	*n = 0;
	if ((rc = pub_sched_load(st, a, &ps, err)) != HL_OK)
		return rc;
	for (size_t i = 0; i < nunits; i++) {
		struct store_report *pub = NULL;
		size_t npub = 0;

		rc = calrpt_due(pub_sched_of(ps, units[i].id, NULL), from, to, due, PUB_MAX_DUE,
			&nd, err);
		if (rc != HL_OK)
			return rc;
		rc = STORE(st, reports, report_list, units[i].id, a, &pub, &npub, err);
		if (rc != HL_OK)
			return rc;
		for (size_t k = 0; k < nd; k++) {
			char code[40];
			bool done = false;

			if (!unit_alive(&units[i], &due[k]))
				continue;
			hl_period_code(&due[k].period, code, sizeof(code));
			for (size_t p = 0; p < npub && !done; p++)
				done = strcmp(pub[p].period, code) == 0;
			if (done)
				continue;
			if (hl_arena_grow(a, &list, count, &cap, count + 1, sizeof(*list)) != HL_OK)
				return hl_err_set(err, HL_ENOMEM, HL_HERE,
					"hết bộ nhớ khi liệt kê báo cáo đến hạn");
			list[count].unit = units[i];
			list[count].d = due[k];
			count++;
		}
	}
	*out = list;
	*n = count;
	return HL_OK;
}

int pub_due_list(struct store *st, struct hl_arena *a, const struct store_unit *units,
	size_t nunits, hl_day day, struct pub_due **out, size_t *n, struct hl_err *err)
{
	return due_between(st, a, units, nunits, day - (CALRPT_WINDOW_DAYS - 1), day, out, n, err);
}

int pub_owed(struct store *st, struct hl_arena *a, const struct store_unit *units, size_t nunits,
	hl_day day, struct pub_due **out, size_t *n, struct hl_err *err)
{
	return due_between(st, a, units, nunits, day - PUB_OWED_DAYS, day + CALRPT_WINDOW_DAYS, out,
		n, err);
}

/* The index of unit for period p (its predecessors pooled) and its row. */
static int unit_index(struct store *st, struct hl_arena *a, const struct store_unit *u,
	const struct hl_period *p, struct iq_result **res, const struct iq_unit **row,
	struct hl_err *err)
{
	struct iq_opts qo = {0};
	int rc;

	*row = NULL;
	qo.period = *p;
	qo.unit = u->code;
	if ((rc = iq_run(st, a, &qo, res, err)) != HL_OK)
		return rc;
	for (size_t i = 0; i < (*res)->nunits; i++)
		if ((*res)->units[i].unit.id == u->id)
			*row = &(*res)->units[i];
	return HL_OK;
}

int pub_counted(struct store *st, struct hl_arena *a, const struct store_unit *u,
	const struct hl_period *p, int64_t *n, struct hl_err *err)
{
	struct iq_result *res = NULL;
	const struct iq_unit *row = NULL;
	int rc = unit_index(st, a, u, p, &res, &row, err);

	*n = rc == HL_OK && row != NULL ? row->idx.cell[res->ncrit].cur.n : 0;
	return rc;
}

/* The responses whose comments m quotes, into s (in a). */
static int take_quotes(struct hl_arena *a, const struct rpt_model *m, struct pub_snapshot *s,
	struct hl_err *err)
{
	s->quotes = hl_arena_alloc(a, ((size_t)m->nthemes * RPT_EXAMPLES + 1) * sizeof(*s->quotes));
	if (s->quotes == NULL)
		return hl_err_set(err, HL_ENOMEM, HL_HERE, "hết bộ nhớ khi lưu báo cáo");
	s->nquotes = 0;
	for (int t = 0; t < m->nthemes; t++)
		for (int k = 0; k < m->themes[t].nexamples; k++)
			s->quotes[s->nquotes++] = m->themes[t].example_id[k];
	return HL_OK;
}

/* Render the public (never internal) report into a temporary directory and
 * read it back into a; s gets the comments it quotes. */
static int render_doc(struct store *st, struct hl_arena *a, struct pub_snapshot *s,
	rpt_render_fn render, enum rpt_format f, hl_day today, void **doc, size_t *len,
	struct hl_err *err)
{
	struct rpt_opts ro = {0};
	struct rpt_model *m = NULL;
	char dir[64], path[96];
	FILE *fp = NULL;
	struct stat sb;
	int rc;

	ro.period = s->period;
	ro.unit = s->unit.code;
	ro.internal = false;
	ro.date = today;
	ro.number = s->number;
	ro.signer = s->signer;
	if ((rc = rpt_build(st, a, &ro, &m, err)) != HL_OK ||
		(rc = take_quotes(a, m, s, err)) != HL_OK)
		return rc;
	snprintf(dir, sizeof(dir), "%s/hailong-pub-XXXXXX",
		getenv("TMPDIR") != NULL && strlen(getenv("TMPDIR")) < 32 ? getenv("TMPDIR") :
									    "/tmp");
	if (mkdtemp(dir) == NULL)
		return hl_err_set(err, HL_EIO, HL_HERE,
			"không tạo được thư mục tạm để dựng báo cáo");
	snprintf(path, sizeof(path), "%s/report.%s", dir, pub_format_ext(f));
	rc = render(m, f, path, err);
	if (rc != HL_OK)
		goto cleanup;
	fp = fopen(path, "rb");
	if (fp == NULL || fstat(fileno(fp), &sb) != 0 || sb.st_size <= 0 ||
		(size_t)sb.st_size > PUB_MAX_DOC) {
		rc = hl_err_set(err, HL_EIO, HL_HERE, "không đọc lại được báo cáo vừa dựng (%s)",
			path);
		goto cleanup;
	}
	*len = (size_t)sb.st_size;
	if ((*doc = hl_arena_alloc(a, *len)) == NULL) {
		rc = hl_err_set(err, HL_ENOMEM, HL_HERE, "hết bộ nhớ khi lưu báo cáo (%zu byte)",
			*len);
		goto cleanup;
	}
	if (fread(*doc, 1, *len, fp) != *len)
		rc = hl_err_set(err, HL_EIO, HL_HERE, "không đọc lại được báo cáo vừa dựng (%s)",
			path);
cleanup:
	if (fp != NULL)
		fclose(fp);
	unlink(path);
	rmdir(dir);
	return rc;
}

const char *pub_format_ext(int f)
{
	switch (f) {
	case RPT_PDF: return "pdf";
	case RPT_XLSX: return "xlsx";
	case RPT_CSV: return "csv";
	default: return "html";
	}
}

/* A one-line field of the heading (number, signer): UTF-8 without control
 * characters, at most PUB_LINE_MAX bytes; NULL or "" is none. */
static int check_line(const char *s, const char *field, const char *what, struct hl_err *err)
{
	size_t at;

	if (s == NULL || s[0] == '\0')
		return HL_OK;
	if (strlen(s) > PUB_LINE_MAX || !hl_utf8_valid(s, strlen(s), NULL))
		return hl_err_set(err, HL_EINVAL, field,
			"%s quá dài (tối đa %d byte) hoặc không phải "
			"UTF-8",
			what, PUB_LINE_MAX);
	if (hl_text_control(s, &at) != 0 || strchr(s, '\t') != NULL || strchr(s, '\n') != NULL ||
		strchr(s, '\r') != NULL)
		return hl_err_set(err, HL_EINVAL, field, "%s chỉ được viết trên một dòng", what);
	return HL_OK;
}

/* "Số: 12/BC-UBND" from what a clerk typed ("12/BC-UBND" or the whole
 * line), in a; NULL for none. */
static const char *number_of(struct hl_arena *a, const char *typed)
{
	if (typed == NULL || typed[0] == '\0')
		return NULL;
	if (strncmp(typed, "Số", strlen("Số")) == 0)
		return hl_arena_strdup(a, typed);
	return hl_arena_printf(a, "Số: %s", typed);
}

int pub_prepare(struct store *st, struct hl_arena *a, const struct pub_opts *o,
	struct pub_snapshot **out, struct hl_err *err)
{
	struct pub_snapshot *s;
	struct iq_result *res = NULL;
	const struct iq_unit *row = NULL;
	char label[96], day[16];
	json_t *j = NULL;
	char *text = NULL;
	int f = RPT_HTML;
	hl_day today = o->today == HL_DAY_NONE ? hl_clock_today() : o->today;
	struct pub_sched *ps = NULL;
	int rc;

	*out = NULL;
	if (o->render == NULL)
		return hl_err_set(err, HL_EINVAL, HL_HERE, "thiếu bộ dựng báo cáo");
	if (o->format != NULL && !o->draft && strcmp(o->format, "html") != 0 &&
		strcmp(o->format, "pdf") != 0)
		return hl_err_set(err, HL_EINVAL, "format",
			"định dạng báo cáo công bố '%s' không "
			"hợp lệ: dùng html hoặc pdf",
			o->format);
	if (o->format != NULL && (f = rpt_format_of(o->format)) < 0)
		return hl_err_set(err, HL_EINVAL, "format",
			"định dạng báo cáo '%s' không hợp lệ: "
			"dùng pdf, xlsx, csv hoặc html",
			o->format);
	if ((rc = check_line(o->number, "number", "số văn bản", err)) != HL_OK ||
		(rc = check_line(o->signer, "signer", "người ký", err)) != HL_OK)
		return rc;
	if (o->unit == NULL || o->unit[0] == '\0' || strlen(o->unit) >= STORE_CODE_MAX)
		return hl_err_set(err, HL_EINVAL, "unit", "thiếu mã đơn vị của báo cáo công bố");
	if ((s = hl_arena_alloc(a, sizeof(*s))) == NULL)
		return hl_err_set(err, HL_ENOMEM, HL_HERE, "hết bộ nhớ");
	memset(s, 0, sizeof(*s));
	s->number = number_of(a, o->number);
	s->signer = o->signer != NULL && o->signer[0] != '\0' ? hl_arena_strdup(a, o->signer) :
								NULL;
	if ((rc = STORE(st, units, unit_get, o->unit, &s->unit, err)) != HL_OK)
		return rc;
	if (o->period == NULL || o->period[0] == '\0')
		return hl_err_set(err, HL_EINVAL, "period", "thiếu kỳ báo cáo (ví dụ 2024-Q1)");
	if ((rc = hl_period_parse(o->period, &s->period, err)) != HL_OK)
		return rc;
	hl_period_label(&s->period, label, sizeof(label));
	if (s->period.first > today)
		return hl_err_set(err, HL_EINVAL, "period",
			"kỳ %s chưa bắt đầu (từ ngày %s): chưa "
			"có gì để công bố",
			label, hl_day_vn(s->period.first, day, sizeof(day)));
	if ((rc = pub_sched_load(st, a, &ps, err)) != HL_OK)
		return rc;
	if (!calrpt_due_of(pub_sched_of(ps, s->unit.id, NULL), &s->period, &s->due))
		s->due = HL_DAY_NONE;

	if ((rc = unit_index(st, a, &s->unit, &s->period, &res, &row, err)) != HL_OK)
		return rc;
	if (row == NULL || row->idx.cell[res->ncrit].cur.n <= 0)
		return hl_err_set(err, HL_EINVAL, "period",
			"đơn vị %s chưa có phiếu khảo sát nào được "
			"tính trong kỳ %s: chưa có gì để công bố",
			s->unit.code, label);
	j = index_json(res);
	text = j != NULL ?
		json_dumps(j, JSON_COMPACT | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(12)) :
		NULL;
	json_decref(j);
	if (text == NULL)
		return hl_err_set(err, HL_ENOMEM, HL_HERE, "hết bộ nhớ khi chụp số liệu báo cáo");
	s->figures = hl_arena_strdup(a, text);
	free(text);
	if (s->figures == NULL)
		return hl_err_set(err, HL_ENOMEM, HL_HERE, "hết bộ nhớ khi chụp số liệu báo cáo");

	rc = render_doc(st, a, s, o->render, (enum rpt_format)f, today, &s->doc, &s->doc_len, err);
	if (rc != HL_OK)
		return rc;
	snprintf(s->format, sizeof(s->format), "%s", pub_format_ext((enum rpt_format)f));
	*out = s;
	return HL_OK;
}

int pub_store(struct store *st, const struct pub_snapshot *s, const char *who, int64_t now,
	struct store_report *out, struct hl_err *err)
{
	struct store_report r = {0};
	char code[40], detail[256];
	int rc;

	if (s->format[0] != '\0' && strcmp(s->format, "html") != 0 && strcmp(s->format, "pdf") != 0)
		return hl_err_set(err, HL_EINVAL, "format",
			"chỉ công bố được văn bản HTML hoặc PDF");
	r.unit_id = s->unit.id;
	hl_period_code(&s->period, code, sizeof(code));
	snprintf(r.period, sizeof(r.period), "%s", code);
	snprintf(r.format, sizeof(r.format), "%s", s->format);
	snprintf(r.published_by, sizeof(r.published_by), "%s", who != NULL ? who : "?");
	r.published_at = now > 0 ? now : hl_clock_now();
	r.due = s->due;
	rc = STORE(st, reports, report_put, &r, s->figures, s->doc, s->doc_len, err);
	if (rc == HL_OK && s->nquotes > 0)
		rc = STORE(st, reports, report_quotes_put, r.id, s->quotes, s->nquotes, err);
	if (rc != HL_OK)
		return rc;
	snprintf(detail, sizeof(detail), "đơn vị %.63s, kỳ %s, phiên bản %d, báo cáo số %lld%s%s",
		s->unit.code, code, r.version, (long long)r.id, s->format[0] ? ", " : "",
		s->format);
	rc = STORE(st, admin, audit, r.published_by, "report.publish", detail, err);
	if (rc == HL_OK && out != NULL)
		*out = r;
	return rc;
}

int pub_reports(struct store *st, int64_t unit_id, struct hl_arena *a, struct store_report **out,
	size_t *n, struct hl_err *err)
{
	return STORE(st, reports, report_list, unit_id, a, out, n, err);
}

int pub_report(struct store *st, int64_t id, struct hl_arena *a, struct store_report *out,
	char **figures, void **doc, size_t *doc_len, struct hl_err *err)
{
	return STORE(st, reports, report_get, id, a, out, figures, doc, doc_len, err);
}
