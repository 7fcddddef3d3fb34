/* rpt_xlsx.c — the report as an XLSX workbook for the supervising office
 * (libxlsxwriter): a summary sheet laid out like seed 003's table, the same
 * figures in long form (one row per unit and criterion, the columns of
 * `hailong index --format csv`), answer distributions per question, comment
 * themes and, for internal reports only, results per civil servant.
 *
 * Figures are stored as numbers rounded to two decimals, as published, with
 * the number format "0.00": Excel and LibreOffice then show them with the
 * reader's decimal separator (88,90 under a Vietnamese locale) and the sheet
 * still sums and sorts. The workbook is written to a temporary file beside
 * the target and renamed over it only when complete. */
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <xlsxwriter.h>

#include "base/mem.h"
#include "base/text.h"
#include "core/date.h"
#include "report/out.h"
#include "report/render.h"

/* libxlsxwriter refuses longer strings (32 767 bytes); comments are cut. */
#define XW_STR_MAX 32000

/* Column widths in characters. */
#define W_TT 5
#define W_UNIT 34
#define W_NUM 9

/* The workbook being written, its formats and the first error met. Every
 * write goes through put_* below, which keep the first libxlsxwriter error
 * so each sheet is checked once it is laid out. */
struct xw {
	lxw_workbook *wb;
	lxw_format *h1, *bold, *head, *wrap, *num, *low, *chg, *chg_weak, *cnt, *italic;
	lxw_error lerr;
	const char *sheet;     /* being written, for the message */
};

static void keep(struct xw *x, lxw_error e)
{
	if (e != LXW_NO_ERROR && x->lerr == LXW_NO_ERROR)
		x->lerr = e;
}

/* Length of s cut to at most max bytes, not inside a UTF-8 sequence. */
static size_t utf8_cut(const char *s, size_t max)
{
	size_t n = strlen(s);

	if (n <= max)
		return n;
	n = max;
	while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
		n--;
	return n;
}

static void put_str(struct xw *x, lxw_worksheet *ws, lxw_row_t r, lxw_col_t c, const char *s,
	lxw_format *f)
{
	size_t n;
	char *cut;

	if (s == NULL || *s == '\0')
		return;
	n = utf8_cut(s, XW_STR_MAX);
	if (s[n] == '\0') {
		keep(x, worksheet_write_string(ws, r, c, s, f));
		return;
	}
	cut = hl_malloc(n + 4);
	if (cut == NULL) {
		keep(x, LXW_ERROR_MEMORY_MALLOC_FAILED);
		return;
	}
	memcpy(cut, s, n);
	memcpy(cut + n, "…", 4);   /* 3 bytes and the NUL */
	keep(x, worksheet_write_string(ws, r, c, cut, f));
	hl_free(cut);
}

/* A figure as published: rounded to two decimals (as `hailong index`). */
static void put_dec(struct xw *x, lxw_worksheet *ws, lxw_row_t r, lxw_col_t c, double v,
	lxw_format *f)
{
	if (!isfinite(v))
		return;
	keep(x, worksheet_write_number(ws, r, c, round(v * 100) / 100 + 0.0, f));
}

static void put_int(struct xw *x, lxw_worksheet *ws, lxw_row_t r, lxw_col_t c, int64_t v)
{
	keep(x, worksheet_write_number(ws, r, c, (double)v, x->cnt));
}

static void put_pct(struct xw *x, lxw_worksheet *ws, lxw_row_t r, lxw_col_t c, int64_t part,
	int64_t whole)
{
	if (whole > 0)
		put_dec(x, ws, r, c, 100.0 * (double)part / (double)whole, x->num);
}

static void put_row(struct xw *x, lxw_worksheet *ws, lxw_row_t r, lxw_col_t c0,
	const char *const *cells, int n, lxw_format *f)
{
	for (int i = 0; i < n; i++)
		put_str(x, ws, r, (lxw_col_t)(c0 + i), cells[i], f);
}

static void width(struct xw *x, lxw_worksheet *ws, lxw_col_t first, lxw_col_t last, double w,
	lxw_format *f)
{
	keep(x, worksheet_set_column(ws, first, last, w, f));
}

/* A sheet printed on A4, as wide as one page, its header rows repeated. */
static lxw_worksheet *sheet(struct xw *x, const char *name, lxw_row_t header_row)
{
	lxw_worksheet *ws = workbook_add_worksheet(x->wb, name);

	x->sheet = name;
	if (ws == NULL)
		return NULL;
	worksheet_set_paper(ws, 9);    /* A4 */
	worksheet_set_landscape(ws);
	worksheet_fit_to_pages(ws, 1, 0);
	keep(x, worksheet_repeat_rows(ws, header_row, header_row));
	return ws;
}

static int formats(struct xw *x)
{
	lxw_format **all[] = {&x->h1, &x->bold, &x->head, &x->wrap, &x->num, &x->low, &x->chg,
		&x->chg_weak, &x->cnt, &x->italic};

	for (size_t i = 0; i < sizeof(all) / sizeof(all[0]); i++) {
		*all[i] = workbook_add_format(x->wb);
		if (*all[i] == NULL)
			return -1;
	}
	format_set_bold(x->h1);
	format_set_font_size(x->h1, 14);
	format_set_bold(x->bold);
	format_set_bold(x->head);
	format_set_text_wrap(x->head);
	format_set_align(x->head, LXW_ALIGN_CENTER);
	format_set_align(x->head, LXW_ALIGN_VERTICAL_CENTER);
	format_set_bg_color(x->head, 0xDDEBF7);
	format_set_border(x->head, LXW_BORDER_THIN);
	format_set_text_wrap(x->wrap);
	format_set_align(x->wrap, LXW_ALIGN_VERTICAL_TOP);
	format_set_num_format(x->num, "0.00");
	/* Below target: bold on a light red fill. */
	format_set_num_format(x->low, "0.00");
	format_set_bold(x->low);
	format_set_bg_color(x->low, 0xFFC7CE);
	format_set_font_color(x->low, 0x9C0006);
	/* Changes with their sign, "*" when the intervals cannot support them. */
	format_set_num_format(x->chg, "+0.00;-0.00;0.00");
	format_set_num_format(x->chg_weak, "+0.00\"*\";-0.00\"*\";0.00\"*\"");
	format_set_num_format(x->cnt, "0");
	format_set_italic(x->italic);
	return 0;
}

static const char *dash_if_empty(const char *s)
{
	return s != NULL && *s != '\0' ? s : NULL;
}

/* ---- Tổng hợp ---- */

/* The seed 003 table: TT, Đơn vị, the criteria, SIPAS, Tăng/giảm, then
 * Xếp hạng and Số phiếu; a value below its target is highlighted. Returns
 * the next free row. */
static lxw_row_t summary_table(struct xw *x, lxw_worksheet *ws, const struct iq_result *r,
	lxw_row_t row)
{
	int K = r->ncrit;
	lxw_col_t c;
	char buf[48];

	put_str(x, ws, row, 0, "TT", x->head);
	put_str(x, ws, row, 1, "Đơn vị", x->head);
	for (int k = 0; k <= K; k++)
		put_str(x, ws, row, (lxw_col_t)(2 + k), r->crit_code[k], x->head);
	c = (lxw_col_t)(3 + K);
	put_str(x, ws, row, c, "Tăng/giảm so với cùng kỳ năm trước", x->head);
	put_str(x, ws, row, c + 1, "Xếp hạng", x->head);
	put_str(x, ws, row, c + 2, "Số phiếu", x->head);
	keep(x, worksheet_set_row(ws, row, 45, NULL));
	row++;
	for (size_t i = 0; i < r->nunits; i++, row++) {
		const struct iq_unit *u = &r->units[i];
		const struct hl_idx_cell *all = &u->idx.cell[K];

		snprintf(buf, sizeof(buf), "%02zu", i + 1);
		put_str(x, ws, row, 0, buf, NULL);
		put_str(x, ws, row, 1, u->unit.name, NULL);
		for (int k = 0; k <= K; k++) {
			const struct hl_idx_cell *cl = &u->idx.cell[k];

			if (cl->cur.valid)
				put_dec(x, ws, row, (lxw_col_t)(2 + k), cl->cur.value,
					cl->has_target && !cl->met ? x->low : x->num);
			else
				put_str(x, ws, row, (lxw_col_t)(2 + k), "–", NULL);
		}
		if (all->has_change)
			put_dec(x, ws, row, c, all->change, all->change_supported ? x->chg : x->chg_weak);
		else
			put_str(x, ws, row, c, "–", NULL);
		if (all->rank > 0) {
			snprintf(buf, sizeof(buf), "%d/%d%s", all->rank, all->of,
				all->rank_supported ? "" : "*");
			put_str(x, ws, row, c + 1, buf, NULL);
		} else {
			put_str(x, ws, row, c + 1, "–", NULL);
		}
		put_int(x, ws, row, c + 2, all->cur.n);
	}
	return row;
}

static bool any_target(const struct iq_result *r)
{
	for (size_t i = 0; i < r->nunits; i++)
		for (int k = 0; k <= r->ncrit; k++)
			if (r->units[i].idx.cell[k].has_target)
				return true;
	return false;
}

/* Targets per unit and criterion, and how many each unit met. */
static lxw_row_t summary_targets(struct xw *x, lxw_worksheet *ws, const struct iq_result *r,
	lxw_row_t row)
{
	int K = r->ncrit;
	char buf[48];

	put_str(x, ws, row++, 0, "Chỉ tiêu được giao", x->bold);
	put_str(x, ws, row, 0, "TT", x->head);
	put_str(x, ws, row, 1, "Đơn vị", x->head);
	for (int k = 0; k <= K; k++)
		put_str(x, ws, row, (lxw_col_t)(2 + k), r->crit_code[k], x->head);
	put_str(x, ws, row, (lxw_col_t)(3 + K), "Số tiêu chí đạt", x->head);
	row++;
	for (size_t i = 0; i < r->nunits; i++) {
		const struct iq_unit *u = &r->units[i];
		int met = 0, with = 0;

		for (int k = 0; k <= K; k++) {
			const struct hl_idx_cell *cl = &u->idx.cell[k];

			if (!cl->has_target)
				continue;
			with++;
			met += cl->cur.valid && cl->met;
			put_dec(x, ws, row, (lxw_col_t)(2 + k), cl->target, x->num);
		}
		if (with == 0)
			continue;
		snprintf(buf, sizeof(buf), "%02zu", i + 1);
		put_str(x, ws, row, 0, buf, NULL);
		put_str(x, ws, row, 1, u->unit.name, NULL);
		snprintf(buf, sizeof(buf), "%d/%d", met, with);
		put_str(x, ws, row, (lxw_col_t)(3 + K), buf, NULL);
		row++;
	}
	return row;
}

/* The criteria below target and the plan's tasks for them. */
static lxw_row_t summary_below(struct xw *x, lxw_worksheet *ws, const struct rpt_model *m,
	lxw_row_t row)
{
	static const char *const hdr[] = {"Đơn vị", "Tiêu chí", "Năm trước", "Chỉ số", "Chỉ tiêu",
		"Nhiệm vụ trong kế hoạch", "Tình trạng"};

	put_str(x, ws, row++, 0, "Tiêu chí chưa đạt chỉ tiêu", x->bold);
	if (m->nbelow == 0) {
		put_str(x, ws, row++, 1, "Tất cả tiêu chí đều đạt chỉ tiêu.", NULL);
		return row;
	}
	put_row(x, ws, row++, 1, hdr, 7, x->head);
	for (int i = 0; i < m->nbelow; i++) {
		const struct rpt_below *b = &m->below[i];
		char crit[160];

		snprintf(crit, sizeof(crit), "%s – %s", b->criterion ? b->criterion : "",
			b->criterion_name ? b->criterion_name : "");
		put_str(x, ws, row, 1, b->unit, NULL);
		put_str(x, ws, row, 2, crit, NULL);
		if (b->has_before)
			put_dec(x, ws, row, 3, b->before, x->num);
		put_dec(x, ws, row, 4, b->value, x->low);
		put_dec(x, ws, row, 5, b->target, x->num);
		if (b->ntasks == 0)
			put_str(x, ws, row, 6, "(chưa có kế hoạch)", x->italic);
		for (int t = 0; t < b->ntasks; t++) {
			put_str(x, ws, row + (lxw_row_t)t, 6, b->tasks[t], NULL);
			if (b->status != NULL)
				put_str(x, ws, row + (lxw_row_t)t, 7, b->status[t], NULL);
		}
		row += (lxw_row_t)(b->ntasks > 1 ? b->ntasks : 1);
	}
	return row;
}

/* Opinions by channel or by field, with their shares. */
static lxw_row_t summary_counts(struct xw *x, lxw_worksheet *ws, const char *title,
	const char *what, const struct rpt_count *c, int n, lxw_row_t row)
{
	const char *hdr[] = {what, "Số ý kiến", "Tỷ lệ (%)"};
	int64_t total = 0;

	for (int i = 0; i < n; i++)
		total += c[i].n;
	put_str(x, ws, row++, 0, title, x->bold);
	put_row(x, ws, row++, 1, hdr, 3, x->head);
	for (int i = 0; i < n; i++, row++) {
		put_str(x, ws, row, 1, dash_if_empty(c[i].name) ? c[i].name : c[i].code, NULL);
		put_int(x, ws, row, 2, c[i].n);
		put_pct(x, ws, row, 3, c[i].n, total);
	}
	put_str(x, ws, row, 1, "Cộng", x->bold);
	put_int(x, ws, row, 2, total);
	put_pct(x, ws, row, 3, total, total);
	return row + 1;
}

static int sheet_summary(struct xw *x, const struct rpt_model *m)
{
	const struct iq_result *r = m->index;
	const lxw_row_t head = 7;
	lxw_worksheet *ws = sheet(x, "Tổng hợp", head);
	char a[16], b[16], line[512];
	hl_day day = m->o.date;
	lxw_row_t row;

	if (ws == NULL)
		return -1;
	if (day == HL_DAY_NONE) {
		time_t now = time(NULL);
		struct tm tm;

		if (localtime_r(&now, &tm) == NULL ||
			!hl_day_from_ymd(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, &day))
			day = HL_DAY_NONE;
	}
	width(x, ws, 0, 0, W_TT, NULL);
	width(x, ws, 1, 1, W_UNIT, NULL);
	width(x, ws, 2, (lxw_col_t)(2 + r->ncrit), W_NUM, NULL);
	width(x, ws, (lxw_col_t)(3 + r->ncrit), (lxw_col_t)(5 + r->ncrit), 12, NULL);
	put_str(x, ws, 0, 0, m->issuer_parent, NULL);
	put_str(x, ws, 1, 0, m->issuer, x->bold);
	put_str(x, ws, 2, 0, m->title, x->h1);
	put_str(x, ws, 3, 0, m->subtitle, x->bold);
	snprintf(line, sizeof(line), "Kỳ báo cáo: %s (từ %s đến %s)", m->period_label,
		hl_day_vn(r->period.first, a, sizeof(a)), hl_day_vn(r->period.last, b, sizeof(b)));
	put_str(x, ws, 4, 0, line, NULL);
	put_str(x, ws, 5, 0, "Số phiếu khảo sát:", NULL);
	put_int(x, ws, 5, 2, m->responses);
	if (day != HL_DAY_NONE) {
		snprintf(line, sizeof(line), "Ngày lập: %s", hl_day_vn(day, a, sizeof(a)));
		put_str(x, ws, 6, 0, line, x->italic);
	}
	row = summary_table(x, ws, r, head);
	/* The heading and the table's header stay in view. */
	worksheet_freeze_panes(ws, head + 1, 2);

	row++;
	put_str(x, ws, row++, 0, "Ghi chú:", x->bold);
	for (int k = 0; k < r->ncrit; k++, row++) {
		put_str(x, ws, row, 0, r->crit_code[k], NULL);
		put_str(x, ws, row, 1, r->crit_name[k], NULL);
	}
	snprintf(line, sizeof(line), "Tăng/giảm: so với cùng kỳ năm trước (%s). Xếp hạng: theo SIPAS, "
		"trong các đơn vị cùng loại, cùng cấp trên.", hl_period_label(&r->prev, a, sizeof(a)));
	put_str(x, ws, row++, 0, line, x->italic);
	put_str(x, ws, row++, 0, "*: khoảng tin cậy 95 % chưa đủ để khẳng định; ô nền đỏ: dưới chỉ tiêu.",
		x->italic);

	if (any_target(r)) {
		row++;
		row = summary_targets(x, ws, r, row);
		row++;
		row = summary_below(x, ws, m, row);
	}
	row++;
	row = summary_counts(x, ws, "Số ý kiến theo kênh khảo sát", "Kênh", m->channels, m->nchannels, row);
	row++;
	summary_counts(x, ws, "Số ý kiến theo lĩnh vực", "Lĩnh vực", m->fields, m->nfields, row);
	return 0;
}

/* ---- Đơn vị – tiêu chí: the long form of `hailong index --format csv` ---- */

static int sheet_long(struct xw *x, const struct rpt_model *m)
{
	static const char *const hdr[] = {"Mã đơn vị", "Đơn vị", "Kỳ", "Tiêu chí", "Chỉ số",
		"Số phiếu", "Cận dưới (KTC 95 %)", "Cận trên (KTC 95 %)", "Chỉ tiêu",
		"Tăng/giảm", "Hạng", "Số đơn vị xếp hạng"};
	const struct iq_result *r = m->index;
	lxw_worksheet *ws = sheet(x, "Đơn vị – tiêu chí", 0);
	char period[64];
	lxw_row_t row = 1;

	if (ws == NULL)
		return -1;
	hl_period_code(&r->period, period, sizeof(period));
	width(x, ws, 0, 0, 14, NULL);
	width(x, ws, 1, 1, W_UNIT, NULL);
	width(x, ws, 2, 3, 9, NULL);
	width(x, ws, 4, 11, 11, NULL);
	put_row(x, ws, 0, 0, hdr, 12, x->head);
	keep(x, worksheet_set_row(ws, 0, 30, NULL));
	worksheet_freeze_panes(ws, 1, 2);
	for (size_t i = 0; i < r->nunits; i++) {
		const struct iq_unit *u = &r->units[i];

		for (int k = 0; k <= r->ncrit; k++, row++) {
			const struct hl_idx_cell *c = &u->idx.cell[k];

			put_str(x, ws, row, 0, u->unit.code, NULL);
			put_str(x, ws, row, 1, u->unit.name, NULL);
			put_str(x, ws, row, 2, period, NULL);
			put_str(x, ws, row, 3, r->crit_code[k], NULL);
			put_int(x, ws, row, 5, c->cur.n);
			if (c->cur.valid) {
				put_dec(x, ws, row, 4, c->cur.value, c->has_target && !c->met ? x->low : x->num);
				put_dec(x, ws, row, 6, c->cur.lo, x->num);
				put_dec(x, ws, row, 7, c->cur.hi, x->num);
			}
			if (c->has_target)
				put_dec(x, ws, row, 8, c->target, x->num);
			if (c->has_change)
				put_dec(x, ws, row, 9, c->change, x->num);
			if (c->rank > 0) {
				put_int(x, ws, row, 10, c->rank);
				put_int(x, ws, row, 11, c->of);
			}
		}
	}
	return 0;
}

/* ---- Theo tháng: the trend, a row per month, a column per criterion ---- */

static int sheet_trend(struct xw *x, const struct rpt_model *m)
{
	const struct trend *t = m->trend;
	lxw_worksheet *ws;

	if (t == NULL || t->ncrit < 0)
		return 0;
	ws = sheet(x, "Theo tháng", 0);
	if (ws == NULL)
		return -1;
	width(x, ws, 0, 0, 12, NULL);
	width(x, ws, 1, (lxw_col_t)(t->ncrit + 1), 10, NULL);
	put_str(x, ws, 0, 0, "Tháng", x->head);
	for (int k = 0; k <= t->ncrit; k++)
		put_str(x, ws, 0, (lxw_col_t)(k + 1), t->crit_code[k], x->head);
	for (int mo = 0; mo < t->nmonths; mo++) {
		char label[16];

		snprintf(label, sizeof(label), "%02d/%04d", mo + 1, t->year);
		put_str(x, ws, (lxw_row_t)(mo + 1), 0, label, NULL);
		for (int k = 0; k <= t->ncrit; k++)
			if (!isnan(t->value[k][mo]))
				put_dec(x, ws, (lxw_row_t)(mo + 1), (lxw_col_t)(k + 1), t->value[k][mo], x->num);
	}
	if (t->mean)
		put_str(x, ws, (lxw_row_t)(t->nmonths + 2), 0,
			"Chỉ số bình quân của các đơn vị có phiếu trong tháng.", NULL);
	return 0;
}

/* ---- Câu hỏi: answer distributions ---- */

static int sheet_questions(struct xw *x, const struct rpt_model *m)
{
	static const char *const hdr[] = {"Bộ câu hỏi", "Mã", "Câu hỏi", "Tiêu chí",
		"Mức đánh giá", "Hài lòng", "Số ý kiến", "Tỷ lệ (%)"};
	lxw_worksheet *ws = sheet(x, "Câu hỏi", 0);
	lxw_row_t row = 1;

	if (ws == NULL)
		return -1;
	width(x, ws, 0, 1, 11, NULL);
	width(x, ws, 2, 2, 50, x->wrap);
	width(x, ws, 3, 3, 9, NULL);
	width(x, ws, 4, 4, 30, x->wrap);
	width(x, ws, 5, 7, 11, NULL);
	put_row(x, ws, 0, 0, hdr, 8, x->head);
	worksheet_freeze_panes(ws, 1, 0);
	if (m->nquestions == 0)
		put_str(x, ws, row, 0, "Không có câu hỏi nào có câu trả lời trong kỳ.", x->italic);
	for (int i = 0; i < m->nquestions; i++) {
		const struct rpt_question *q = &m->questions[i];

		/* Every row repeats the question so the sheet filters and sorts. */
		for (int l = 0; l <= q->nlevels && l <= RPT_MAX_LEVELS; l++, row++) {
			put_str(x, ws, row, 0, q->instrument, NULL);
			put_str(x, ws, row, 1, q->code, NULL);
			put_str(x, ws, row, 2, q->text, x->wrap);
			put_str(x, ws, row, 3, q->criterion, NULL);
			if (l == q->nlevels || l == RPT_MAX_LEVELS) {
				put_str(x, ws, row, 4, "Không trả lời", x->italic);
				put_int(x, ws, row, 6, q->no_answer);
				continue;
			}
			put_str(x, ws, row, 4, q->label[l], x->wrap);
			put_str(x, ws, row, 5, q->satisfied[l] ? "x" : NULL, NULL);
			put_int(x, ws, row, 6, q->count[l]);
			put_pct(x, ws, row, 7, q->count[l], q->valid);
		}
	}
	return 0;
}

/* ---- Ý kiến: comment themes ---- */

static int sheet_themes(struct xw *x, const struct rpt_model *m)
{
	static const char *const hdr[] = {"TT", "Chủ đề", "Số ý kiến", "Ví dụ 1", "Ví dụ 2",
		"Ví dụ 3"};
	lxw_worksheet *ws = sheet(x, "Ý kiến", 0);
	char buf[24];

	if (ws == NULL)
		return -1;
	width(x, ws, 0, 0, W_TT, NULL);
	width(x, ws, 1, 1, 30, NULL);
	width(x, ws, 2, 2, 10, NULL);
	width(x, ws, 3, 2 + RPT_EXAMPLES, 45, x->wrap);
	put_row(x, ws, 0, 0, hdr, 3 + RPT_EXAMPLES, x->head);
	worksheet_freeze_panes(ws, 1, 0);
	if (m->nthemes == 0)
		put_str(x, ws, 1, 1, "Không có ý kiến góp ý nào trong kỳ.", x->italic);
	for (int i = 0; i < m->nthemes; i++) {
		const struct rpt_theme *t = &m->themes[i];
		lxw_row_t row = (lxw_row_t)(i + 1);

		snprintf(buf, sizeof(buf), "%02d", i + 1);
		put_str(x, ws, row, 0, buf, NULL);
		put_str(x, ws, row, 1, t->name, NULL);
		put_int(x, ws, row, 2, t->count);
		for (int e = 0; e < t->nexamples && e < RPT_EXAMPLES; e++)
			put_str(x, ws, row, (lxw_col_t)(3 + e), t->example[e], x->wrap);
	}
	return 0;
}

/* ---- Phản ánh: feedback beside criterion TT (issue 6), when some came ---- */

static int sheet_feedback(struct xw *x, const struct rpt_model *m)
{
	static const char *const hdr[] = {"TT", "Đơn vị", "Tiếp nhận", "Đã trả lời", "Đến hạn",
		"Đúng hạn", "Tỷ lệ đúng hạn (%)", "Điểm", "Số đánh giá", "Hài lòng với trả lời (%)"};
	lxw_worksheet *ws = sheet(x, "Phản ánh", 0);
	char buf[24];

	if (ws == NULL)
		return -1;
	width(x, ws, 0, 0, W_TT, NULL);
	width(x, ws, 1, 1, W_UNIT, NULL);
	width(x, ws, 2, 9, 12, NULL);
	put_row(x, ws, 0, 0, hdr, 10, x->head);
	worksheet_freeze_panes(ws, 1, 0);
	for (int i = 0; i < m->nfeedback; i++) {
		const struct rpt_feedback *f = &m->feedback[i];
		lxw_row_t row = (lxw_row_t)(i + 1);

		snprintf(buf, sizeof(buf), "%02d", i + 1);
		put_str(x, ws, row, 0, buf, NULL);
		put_str(x, ws, row, 1, f->unit, NULL);
		put_int(x, ws, row, 2, f->received);
		put_int(x, ws, row, 3, f->answered);
		put_int(x, ws, row, 4, f->due);
		put_int(x, ws, row, 5, f->on_time);
		put_pct(x, ws, row, 6, f->on_time, f->due);
		put_int(x, ws, row, 7, f->score);
		put_int(x, ws, row, 8, f->rated);
		put_pct(x, ws, row, 9, f->satisfied, f->rated);
	}
	return 0;
}

/* ---- Công chức: internal reports only ---- */

static int sheet_staff(struct xw *x, const struct rpt_model *m)
{
	static const char *const hdr[] = {"TT", "Mã", "Họ và tên", "Đơn vị", "Số phiếu",
		"Chỉ số hài lòng (%)"};
	lxw_worksheet *ws = sheet(x, "Công chức", 0);
	char buf[24];

	if (ws == NULL)
		return -1;
	width(x, ws, 0, 0, W_TT, NULL);
	width(x, ws, 1, 1, 12, NULL);
	width(x, ws, 2, 2, 28, NULL);
	width(x, ws, 3, 3, W_UNIT, NULL);
	width(x, ws, 4, 5, 12, NULL);
	put_row(x, ws, 0, 0, hdr, 6, x->head);
	worksheet_freeze_panes(ws, 1, 0);
	for (int i = 0; i < m->nstaff; i++) {
		const struct rpt_staff *s = &m->staff[i];
		lxw_row_t row = (lxw_row_t)(i + 1);

		snprintf(buf, sizeof(buf), "%02d", i + 1);
		put_str(x, ws, row, 0, buf, NULL);
		put_str(x, ws, row, 1, s->code, NULL);
		put_str(x, ws, row, 2, s->name, NULL);
		put_str(x, ws, row, 3, s->unit, NULL);
		put_int(x, ws, row, 4, s->n);
		if (s->valid)
			put_dec(x, ws, row, 5, s->value, x->num);
		else
			put_str(x, ws, row, 5, "–", NULL);
	}
	return 0;
}

/* Flush what libxlsxwriter wrote to tmp to the disk before the rename. */
static int sync_file(const char *tmp)
{
	int fd = open(tmp, O_RDONLY);
	int rc;

	if (fd < 0)
		return -1;
	rc = fsync(fd);
	close(fd);
	return rc;
}

int rpt_xlsx(const struct rpt_model *m, const char *path, struct hl_err *err)
{
	struct xw x = {0};
	struct rpt_out out = {0};
	lxw_doc_properties props = {0};
	char title[256] = "", author[] = "hailong";
	lxw_error le;
	int rc;

	if (m == NULL || m->index == NULL)
		return hl_err_set(err, HL_EINVAL, HL_HERE, "báo cáo XLSX: thiếu số liệu báo cáo");
	rc = rpt_out_begin(&out, path, err);
	if (rc != HL_OK)
		return rc;
	/* libxlsxwriter writes the file by name when the workbook is closed. */
	fclose(out.f);
	out.f = NULL;
	x.wb = workbook_new(out.tmp);
	if (x.wb == NULL) {
		rc = hl_err_set(err, HL_ENOMEM, HL_HERE, "không tạo được bảng tính XLSX cho '%s'", path);
		goto cleanup;
	}
	snprintf(title, sizeof(title), "%s", m->subtitle ? m->subtitle : "");
	props.title = title;
	props.author = author;
	keep(&x, workbook_set_properties(x.wb, &props));
	if (formats(&x) != 0) {
		rc = hl_err_set(err, HL_ENOMEM, HL_HERE, "hết bộ nhớ khi tạo định dạng XLSX");
		goto cleanup;
	}
	if (sheet_summary(&x, m) != 0 || x.lerr != LXW_NO_ERROR ||
		sheet_long(&x, m) != 0 || x.lerr != LXW_NO_ERROR ||
		sheet_trend(&x, m) != 0 || x.lerr != LXW_NO_ERROR ||
		sheet_questions(&x, m) != 0 || x.lerr != LXW_NO_ERROR ||
		sheet_themes(&x, m) != 0 || x.lerr != LXW_NO_ERROR ||
		(m->nfeedback > 0 && (sheet_feedback(&x, m) != 0 || x.lerr != LXW_NO_ERROR)) ||
		(m->o.internal && (sheet_staff(&x, m) != 0 || x.lerr != LXW_NO_ERROR))) {
		rc = hl_err_set(err, x.lerr == LXW_ERROR_MEMORY_MALLOC_FAILED ? HL_ENOMEM : HL_EIO, HL_HERE,
			"không ghi được trang '%s' của báo cáo XLSX: %s", x.sheet ? x.sheet : "?",
			x.lerr != LXW_NO_ERROR ? lxw_strerror(x.lerr) : "không tạo được trang tính");
		goto cleanup;
	}
	/* workbook_close assembles the file and frees the workbook. */
	le = workbook_close(x.wb);
	x.wb = NULL;
	if (le != LXW_NO_ERROR) {
		rc = hl_err_set(err, HL_EIO, HL_HERE, "không ghi được tệp XLSX '%s': %s", path,
			lxw_strerror(le));
		goto cleanup;
	}
	if (sync_file(out.tmp) != 0) {
		rc = hl_err_set(err, HL_EIO, HL_HERE, "không ghi được tệp XLSX '%s' xuống đĩa: %s", path,
			strerror(errno));
		goto cleanup;
	}
	return rpt_out_commit(&out, err);
cleanup:
	/* Closing is the only way to free a workbook; what it writes goes. */
	if (x.wb != NULL)
		(void)workbook_close(x.wb);
	rpt_out_abort(&out);
	return rc;
}
