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
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include <xlsxwriter.h>

#include "base/clock.h"
#include "base/text.h"
#include "core/date.h"
#include "report/render.h"
#include "report/rpt_grid.h"
#include "report/xlsxw.h"
#include "svc/score766.h"

/* Column widths in characters. */
#define W_TT 5
#define W_UNIT 34
#define W_NUM 9

#define MAX_FRAC 64 /* "4/6" formats one workbook keeps */

/* A number shown as a fraction of a fixed whole: rank 4 of 6 as "4/6", "*"
 * after it when marked; a format per whole. */
struct frac {
	int of;
	bool weak;
	lxw_format *f;
};

/* The workbook being written (xlsxw.h: every write keeps the first
 * libxlsxwriter error, so each sheet is checked once it is laid out) and
 * its formats. Numbers are number cells right-aligned by their format;
 * text in a number column ("–") is right-aligned too, so it never reads as
 * glued to the figure beside it. */
struct xw {
	struct xlsxw w;
	lxw_format *h1, *bold, *head, *wrap, *num, *low, *chg, *chg_weak, *cnt, *italic;
	lxw_format *dash, *stt, *mean, *mean_cnt, *name;
	struct frac frac[MAX_FRAC];
	int nfrac;
};

static void put_int(struct xw *x, lxw_worksheet *ws, lxw_row_t r, lxw_col_t c, int64_t v)
{
	xlsxw_keep(&x->w, worksheet_write_number(ws, r, c, (double)v, x->cnt));
}

/* "–" for no value, right-aligned in a number column. */
static void put_dash(struct xw *x, lxw_worksheet *ws, lxw_row_t r, lxw_col_t c)
{
	xlsxw_str(&x->w, ws, r, c, "–", x->dash);
}

/* A row number, as a number shown "01". */
static void put_stt(struct xw *x, lxw_worksheet *ws, lxw_row_t r, size_t no)
{
	xlsxw_keep(&x->w, worksheet_write_number(ws, r, 0, (double)no, x->stt));
}

/* n of a whole of: the number n shown "n/of" ("n/of*" when weak), a
 * number that sorts; right-aligned text when the formats run out. */
static void put_frac(struct xw *x, lxw_worksheet *ws, lxw_row_t r, lxw_col_t c, int n, int of,
	bool weak)
{
	char code[48];
	lxw_format *f = NULL;

	for (int i = 0; i < x->nfrac && f == NULL; i++)
		if (x->frac[i].of == of && x->frac[i].weak == weak)
			f = x->frac[i].f;
	if (f == NULL && x->nfrac < MAX_FRAC && (f = workbook_add_format(x->w.wb)) != NULL) {
		/* The literal is quoted: "*" would otherwise repeat a character. */
		snprintf(code, sizeof(code), "0\"/%d%s\"", of, weak ? "*" : "");
		format_set_num_format(f, code);
		format_set_align(f, LXW_ALIGN_RIGHT);
		x->frac[x->nfrac++] = (struct frac){of, weak, f};
	}
	if (f != NULL) {
		xlsxw_keep(&x->w, worksheet_write_number(ws, r, c, n, f));
	} else {
		snprintf(code, sizeof(code), "%d/%d%s", n, of, weak ? "*" : "");
		xlsxw_str(&x->w, ws, r, c, code, x->dash);
	}
}

static void put_pct(struct xw *x, lxw_worksheet *ws, lxw_row_t r, lxw_col_t c, int64_t part,
	int64_t whole)
{
	if (whole > 0)
		xlsxw_dec(&x->w, ws, r, c, 100.0 * (double)part / (double)whole, x->num);
}

static void put_row(struct xw *x, lxw_worksheet *ws, lxw_row_t r, lxw_col_t c0,
	const char *const *cells, int n, lxw_format *f)
{
	for (int i = 0; i < n; i++)
		xlsxw_str(&x->w, ws, r, (lxw_col_t)(c0 + i), cells[i], f);
}

/* Columns first..last of a list sheet: width characters, wrapped or not. */
struct colw {
	lxw_col_t first, last;
	double width;
	bool wrap;
};

/* A new sheet that lists rows under the headings hdr[0..n) in row 0: the
 * column widths w[0..nw), the heading row and the first freeze_col columns
 * kept in view. NULL when it cannot be made. */
static lxw_worksheet *list_sheet(struct xw *x, const char *name, bool landscape,
	const struct colw *w, size_t nw, const char *const *hdr, int n, lxw_col_t freeze_col)
{
	lxw_worksheet *ws = xlsxw_sheet(&x->w, name, 0, landscape);

	if (ws == NULL)
		return NULL;
	for (size_t i = 0; i < nw; i++)
		xlsxw_width(&x->w, ws, w[i].first, w[i].last, w[i].width,
			w[i].wrap ? x->wrap : NULL);
	put_row(x, ws, 0, 0, hdr, n, x->head);
	worksheet_freeze_panes(ws, 1, freeze_col);
	return ws;
}

/* The lines text s takes wrapped in a column w characters wide. */
static int wrapped_lines(const char *s, double w)
{
	int lines = 0;

	while (s != NULL) {
		const char *nl = strchr(s, '\n');
		size_t len = nl != NULL ? (size_t)(nl - s) : strlen(s);
		size_t chars = 0;

		for (size_t i = 0; i < len; i++)
			chars += ((unsigned char)s[i] & 0xC0) != 0x80;
		/* A column w wide holds about w characters of text (w digits). */
		lines += chars == 0 ? 1 : (int)((chars + (size_t)w - 1) / (size_t)w);
		s = nl != NULL ? nl + 1 : NULL;
	}
	return lines;
}

/* A name in column c (w characters wide, wrapped): the row grows to the
 * lines it takes, so a long field or unit name is never cut. */
static void put_name(struct xw *x, lxw_worksheet *ws, lxw_row_t r, lxw_col_t c, const char *s,
	double w, lxw_format *f)
{
	int n = wrapped_lines(s != NULL ? s : "", w);

	xlsxw_str(&x->w, ws, r, c, s, f != NULL ? f : x->name);
	if (n > 1)
		xlsxw_keep(&x->w, worksheet_set_row(ws, r, 15.0 * n, NULL));
}

static int formats(struct xw *x)
{
	lxw_format **all[] = {&x->h1, &x->bold, &x->head, &x->wrap, &x->num, &x->low, &x->chg,
		&x->chg_weak, &x->cnt, &x->italic, &x->dash, &x->stt, &x->mean, &x->mean_cnt,
		&x->name};

	for (size_t i = 0; i < sizeof(all) / sizeof(all[0]); i++) {
		*all[i] = all[i] == &x->head ? xlsxw_head(&x->w) : workbook_add_format(x->w.wb);
		if (*all[i] == NULL)
			return -1;
	}
	format_set_bold(x->h1);
	format_set_font_size(x->h1, 14);
	format_set_bold(x->bold);
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
	/* Thousands grouped by the reader's locale: 12.345 in Vietnamese. */
	format_set_num_format(x->cnt, "#,##0");
	format_set_italic(x->italic);
	format_set_align(x->dash, LXW_ALIGN_RIGHT);
	format_set_num_format(x->stt, "00");
	format_set_align(x->stt, LXW_ALIGN_CENTER);
	format_set_num_format(x->mean, "0.00");
	format_set_bold(x->mean);
	format_set_num_format(x->mean_cnt, "#,##0");
	format_set_bold(x->mean_cnt);
	format_set_text_wrap(x->name);
	return 0;
}

static const char *dash_if_empty(const char *s)
{
	return s != NULL && *s != '\0' ? s : NULL;
}

/* ---- Tổng hợp ---- */

/* A mean row: label in bold, the means, the responses summed. */
static void mean_row(struct xw *x, lxw_worksheet *ws, const struct iq_result *r, lxw_row_t row,
	const char *label, const struct rpt_mean *mean)
{
	xlsxw_str(&x->w, ws, row, 1, label, x->bold);
	for (int k = 0; k <= r->ncrit; k++)
		if (mean->valid[k])
			xlsxw_dec(&x->w, ws, row, (lxw_col_t)(2 + k), mean->value[k], x->mean);
		else
			put_dash(x, ws, row, (lxw_col_t)(2 + k));
	xlsxw_keep(&x->w,
		worksheet_write_number(ws, row, (lxw_col_t)(5 + r->ncrit), (double)mean->n,
			x->mean_cnt));
}

/* The seed 003 table: STT, Đơn vị, the criteria, SIPAS, Tăng/giảm, then
 * Xếp hạng and Số phiếu; a value below its target is highlighted. Units by
 * type, then name (svc/order.h), under a row naming the type when there
 * are several, with mean rows in a supervising office's report. Returns
 * the next free row. */
static lxw_row_t summary_table(struct xw *x, lxw_worksheet *ws, const struct rpt_model *m,
	lxw_row_t row)
{
	const struct iq_result *r = m->index;
	int K = r->ncrit;
	lxw_col_t c;
	struct rpt_group one;
	const struct rpt_group *g;
	int ng = rpt_groups(m, &one, &g);
	size_t no = 0;

	xlsxw_str(&x->w, ws, row, 0, "STT", x->head);
	xlsxw_str(&x->w, ws, row, 1, "Đơn vị", x->head);
	for (int k = 0; k <= K; k++)
		xlsxw_str(&x->w, ws, row, (lxw_col_t)(2 + k), r->crit_code[k], x->head);
	c = (lxw_col_t)(3 + K);
	xlsxw_str(&x->w, ws, row, c, "Tăng/giảm so với cùng kỳ năm trước", x->head);
	xlsxw_str(&x->w, ws, row, c + 1, "Xếp hạng", x->head);
	xlsxw_str(&x->w, ws, row, c + 2, "Số phiếu", x->head);
	xlsxw_keep(&x->w, worksheet_set_row(ws, row, 45, NULL));
	row++;
	for (int gi = 0; gi < ng; gi++) {
		if (ng > 1) {
			char letter[4] = {(char)('A' + gi % 26), '\0'};

			xlsxw_str(&x->w, ws, row, 0, letter, x->bold);
			xlsxw_str(&x->w, ws, row++, 1, g[gi].name, x->bold);
		}
		for (size_t i = g[gi].first; i < g[gi].first + g[gi].n; i++, row++) {
			const struct iq_unit *u = rpt_unit_at(m, i);
			const struct hl_idx_cell *all = &u->idx.cell[K];

			put_stt(x, ws, row, ++no);
			put_name(x, ws, row, 1, u->unit.name, W_UNIT, NULL);
			for (int k = 0; k <= K; k++) {
				const struct hl_idx_cell *cl = &u->idx.cell[k];

				if (cl->cur.valid)
					xlsxw_dec(&x->w, ws, row, (lxw_col_t)(2 + k), cl->cur.value,
						cl->has_target && !cl->met ? x->low : x->num);
				else
					put_dash(x, ws, row, (lxw_col_t)(2 + k));
			}
			if (all->has_change)
				xlsxw_dec(&x->w, ws, row, c, all->change,
					all->change_supported ? x->chg : x->chg_weak);
			else
				put_dash(x, ws, row, c);
			if (all->rank > 0)
				put_frac(x, ws, row, c + 1, all->rank, all->of,
					!all->rank_supported);
			else
				put_dash(x, ws, row, c + 1);
			put_int(x, ws, row, c + 2, all->cur.n);
		}
		if (m->means) {
			char label[160];

			snprintf(label, sizeof(label), "Bình quân%s%s", ng > 1 ? " " : "",
				ng > 1 ? g[gi].name : "");
			mean_row(x, ws, r, row++, label, &g[gi].mean);
		}
	}
	if (m->means && ng > 1)
		mean_row(x, ws, r, row++, "Bình quân chung", &m->mean);
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
static lxw_row_t summary_targets(struct xw *x, lxw_worksheet *ws, const struct rpt_model *m,
	lxw_row_t row)
{
	const struct iq_result *r = m->index;
	int K = r->ncrit;

	xlsxw_str(&x->w, ws, row++, 0, "Chỉ tiêu được giao", x->bold);
	xlsxw_str(&x->w, ws, row, 0, "STT", x->head);
	xlsxw_str(&x->w, ws, row, 1, "Đơn vị", x->head);
	for (int k = 0; k <= K; k++)
		xlsxw_str(&x->w, ws, row, (lxw_col_t)(2 + k), r->crit_code[k], x->head);
	xlsxw_str(&x->w, ws, row, (lxw_col_t)(3 + K), "Số tiêu chí đạt", x->head);
	xlsxw_keep(&x->w, worksheet_set_row(ws, row, 30, NULL));
	row++;
	for (size_t i = 0, no = 0; i < r->nunits; i++) {
		const struct iq_unit *u = rpt_unit_at(m, i);
		int met = 0, with = 0;

		for (int k = 0; k <= K; k++) {
			const struct hl_idx_cell *cl = &u->idx.cell[k];

			if (!cl->has_target)
				continue;
			with++;
			met += cl->cur.valid && cl->met;
			xlsxw_dec(&x->w, ws, row, (lxw_col_t)(2 + k), cl->target, x->num);
		}
		if (with == 0)
			continue;
		put_stt(x, ws, row, ++no);
		put_name(x, ws, row, 1, u->unit.name, W_UNIT, NULL);
		put_frac(x, ws, row, (lxw_col_t)(3 + K), met, with, false);
		row++;
	}
	return row;
}

/* ---- Chưa đạt chỉ tiêu: the criteria below target and the plan's tasks ---- */

static int sheet_below(struct xw *x, const struct rpt_model *m)
{
	static const char *const hdr[] = {"STT", "Đơn vị", "Tiêu chí", "Năm trước", "Chỉ số",
		"Chỉ tiêu", "Còn thiếu", "Nhiệm vụ trong kế hoạch", "Tình trạng"};
	static const struct colw w[] = {
		{0, 0, 6, false},
		{1, 1, 30, true},
		{2, 2, 28, true},
		{3, 3, 10, false},
		{4, 4, 10, false},
		{5, 5, 10, false},
		{6, 6, 10, false},
		{7, 7, 60, true},
		{8, 8, 16, false},
	};
	lxw_worksheet *ws = list_sheet(x, "Chưa đạt chỉ tiêu", true, w, 9, hdr, 9, 0);
	lxw_row_t row = 1;
	char buf[32];

	if (ws == NULL)
		return -1;
	snprintf(buf, sizeof(buf), "Năm %d", m->o.period.year - 1);
	xlsxw_str(&x->w, ws, 0, 3, buf, x->head);
	xlsxw_str(&x->w, ws, 0, 4, m->period_label, x->head);
	xlsxw_keep(&x->w, worksheet_set_row(ws, 0, 30, NULL));
	if (m->nbelow == 0)
		xlsxw_str(&x->w, ws, row, 1, "Tất cả tiêu chí đều đạt chỉ tiêu.", x->italic);
	for (int i = 0; i < m->nbelow; i++) {
		const struct rpt_below *b = &m->below[i];
		char crit[160];
		int lines;

		snprintf(crit, sizeof(crit), "%s – %s", b->criterion ? b->criterion : "",
			b->criterion_name ? b->criterion_name : "");
		put_stt(x, ws, row, (size_t)i + 1);
		xlsxw_str(&x->w, ws, row, 1, b->unit, NULL);
		xlsxw_str(&x->w, ws, row, 2, crit, NULL);
		if (b->has_before)
			xlsxw_dec(&x->w, ws, row, 3, b->before, x->num);
		else
			put_dash(x, ws, row, 3);
		xlsxw_dec(&x->w, ws, row, 4, b->value, x->low);
		xlsxw_dec(&x->w, ws, row, 5, b->target, x->num);
		xlsxw_dec(&x->w, ws, row, 6, b->target - b->value, x->num);
		lines = wrapped_lines(crit, w[2].width);
		if (wrapped_lines(b->unit, w[1].width) > lines)
			lines = wrapped_lines(b->unit, w[1].width);
		if (b->ntasks == 0)
			xlsxw_str(&x->w, ws, row, 7, "(chưa có kế hoạch)", x->italic);
		/* A task per row, each as tall as its wrapped text. */
		for (int t = 0; t < (b->ntasks > 0 ? b->ntasks : 1); t++) {
			int n = t < b->ntasks ? wrapped_lines(b->tasks[t], w[7].width) : 1;

			if (t < b->ntasks) {
				xlsxw_str(&x->w, ws, row, 7, b->tasks[t], NULL);
				if (b->status != NULL)
					xlsxw_str(&x->w, ws, row, 8, b->status[t], NULL);
			}
			if (t == 0 && lines > n)
				n = lines;
			if (n > 1)
				xlsxw_keep(&x->w, worksheet_set_row(ws, row, 15.0 * n, NULL));
			row++;
		}
	}
	return 0;
}

/* Opinions by channel or by field, with their shares. */
static lxw_row_t summary_counts(struct xw *x, lxw_worksheet *ws, const char *title,
	const char *what, const struct rpt_count *c, int n, lxw_row_t row)
{
	const char *hdr[] = {what, "Số ý kiến", "Tỷ lệ (%)"};
	int64_t total = 0;

	for (int i = 0; i < n; i++)
		total += c[i].n;
	xlsxw_str(&x->w, ws, row++, 0, title, x->bold);
	put_row(x, ws, row++, 1, hdr, 3, x->head);
	for (int i = 0; i < n; i++, row++) {
		put_name(x, ws, row, 1, dash_if_empty(c[i].name) ? c[i].name : c[i].code, W_UNIT,
			NULL);
		put_int(x, ws, row, 2, c[i].n);
		put_pct(x, ws, row, 3, c[i].n, total);
	}
	xlsxw_str(&x->w, ws, row, 1, "Cộng", x->bold);
	put_int(x, ws, row, 2, total);
	put_pct(x, ws, row, 3, total, total);
	return row + 1;
}

static int sheet_summary(struct xw *x, const struct rpt_model *m)
{
	const struct iq_result *r = m->index;
	const lxw_row_t head = 7;
	lxw_worksheet *ws = xlsxw_sheet(&x->w, "Tổng hợp", head, true);
	char a[16], b[16], line[512];
	hl_day day = m->o.date;
	lxw_row_t row;

	if (ws == NULL)
		return -1;
	if (day == HL_DAY_NONE)
		day = hl_clock_today();
	xlsxw_width(&x->w, ws, 0, 0, W_TT, NULL);
	xlsxw_width(&x->w, ws, 1, 1, W_UNIT, NULL);
	xlsxw_width(&x->w, ws, 2, (lxw_col_t)(2 + r->ncrit), W_NUM, NULL);
	xlsxw_width(&x->w, ws, (lxw_col_t)(3 + r->ncrit), (lxw_col_t)(5 + r->ncrit), 12, NULL);
	xlsxw_str(&x->w, ws, 0, 0, m->issuer_parent, NULL);
	xlsxw_str(&x->w, ws, 1, 0, m->issuer, x->bold);
	xlsxw_str(&x->w, ws, 2, 0, m->title, x->h1);
	xlsxw_str(&x->w, ws, 3, 0, m->subtitle, x->bold);
	snprintf(line, sizeof(line), "Kỳ báo cáo: %s (từ %s đến %s)", m->period_label,
		hl_day_vn(r->period.first, a, sizeof(a)), hl_day_vn(r->period.last, b, sizeof(b)));
	xlsxw_str(&x->w, ws, 4, 0, line, NULL);
	xlsxw_str(&x->w, ws, 5, 0, "Số phiếu khảo sát:", NULL);
	put_int(x, ws, 5, 2, m->responses);
	if (day != HL_DAY_NONE) {
		snprintf(line, sizeof(line), "Ngày lập: %s", hl_day_vn(day, a, sizeof(a)));
		xlsxw_str(&x->w, ws, 6, 0, line, x->italic);
	}
	row = summary_table(x, ws, m, head);
	/* The heading and the table's header stay in view. */
	worksheet_freeze_panes(ws, head + 1, 2);

	row++;
	xlsxw_str(&x->w, ws, row++, 0, "Ghi chú:", x->bold);
	for (int k = 0; k < r->ncrit; k++, row++) {
		xlsxw_str(&x->w, ws, row, 0, r->crit_code[k], NULL);
		xlsxw_str(&x->w, ws, row, 1, r->crit_name[k], NULL);
	}
	hl_period_label(&r->prev, a, sizeof(a));
	snprintf(line, sizeof(line),
		"Tăng/giảm: so với cùng kỳ năm trước (%s%s). Xếp hạng: theo "
		"SIPAS, trong các đơn vị cùng loại, cùng cấp trên.",
		strncmp(a, "Năm ", 4) == 0 ? "năm " : "", strncmp(a, "Năm ", 4) == 0 ? a + 4 : a);
	xlsxw_str(&x->w, ws, row++, 0, line, x->italic);
	xlsxw_str(&x->w, ws, row++, 0,
		"*: khoảng tin cậy 95 % chưa đủ để khẳng định. Số in đậm "
		"màu đỏ trên nền đỏ nhạt: dưới chỉ tiêu.",
		x->italic);
	if (m->means)
		xlsxw_str(&x->w, ws, row++, 0,
			"Bình quân: trung bình cộng chỉ số của các đơn vị có số "
			"liệu; số phiếu: tổng.",
			x->italic);

	if (any_target(r)) {
		row++;
		row = summary_targets(x, ws, m, row);
		row++;
		xlsxw_str(&x->w, ws, row++, 0,
			m->nbelow > 0 ? "Các tiêu chí chưa đạt chỉ tiêu và "
					"nhiệm vụ trong kế hoạch: xem trang “Chưa đạt chỉ tiêu”." :
					"Tất cả tiêu chí đều đạt chỉ tiêu.",
			x->bold);
	}
	row++;
	row = summary_counts(x, ws, "Số ý kiến theo kênh khảo sát", "Kênh", m->channels,
		m->nchannels, row);
	row++;
	summary_counts(x, ws, "Số ý kiến theo lĩnh vực", "Lĩnh vực", m->fields, m->nfields, row);
	return 0;
}

/* ---- Đơn vị – tiêu chí: the long form of `hailong index --format csv` ---- */

static int sheet_long(struct xw *x, const struct rpt_model *m)
{
	static const char *const hdr[] = {"Mã đơn vị", "Đơn vị", "Kỳ", "Tiêu chí", "Chỉ số",
		"Số phiếu", "Cận dưới (KTC 95 %)", "Cận trên (KTC 95 %)", "Chỉ tiêu", "Tăng/giảm",
		"Hạng", "Số đơn vị xếp hạng"};
	static const struct colw w[] = {
		{0, 0, 14, false},
		{1, 1, W_UNIT, false},
		{2, 3, 9, false},
		{4, 11, 11, false},
	};
	const struct iq_result *r = m->index;
	lxw_worksheet *ws = list_sheet(x, "Đơn vị – tiêu chí", true, w, 4, hdr, 12, 2);
	char period[64];
	lxw_row_t row = 1;

	if (ws == NULL)
		return -1;
	hl_period_code(&r->period, period, sizeof(period));
	xlsxw_keep(&x->w, worksheet_set_row(ws, 0, 30, NULL));
	for (size_t i = 0; i < r->nunits; i++) {
		const struct iq_unit *u = &r->units[i];

		for (int k = 0; k <= r->ncrit; k++, row++) {
			const struct hl_idx_cell *c = &u->idx.cell[k];

			xlsxw_str(&x->w, ws, row, 0, u->unit.code, NULL);
			xlsxw_str(&x->w, ws, row, 1, u->unit.name, NULL);
			xlsxw_str(&x->w, ws, row, 2, period, NULL);
			xlsxw_str(&x->w, ws, row, 3, r->crit_code[k], NULL);
			put_int(x, ws, row, 5, c->cur.n);
			if (c->cur.valid) {
				xlsxw_dec(&x->w, ws, row, 4, c->cur.value,
					c->has_target && !c->met ? x->low : x->num);
				xlsxw_dec(&x->w, ws, row, 6, c->cur.lo, x->num);
				xlsxw_dec(&x->w, ws, row, 7, c->cur.hi, x->num);
			}
			if (c->has_target)
				xlsxw_dec(&x->w, ws, row, 8, c->target, x->num);
			if (c->has_change)
				xlsxw_dec(&x->w, ws, row, 9, c->change, x->num);
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
	ws = xlsxw_sheet(&x->w, "Theo tháng", 0, false);
	if (ws == NULL)
		return -1;
	xlsxw_width(&x->w, ws, 0, 0, 12, NULL);
	xlsxw_width(&x->w, ws, 1, (lxw_col_t)(t->ncrit + 1), 10, NULL);
	xlsxw_str(&x->w, ws, 0, 0, "Tháng", x->head);
	for (int k = 0; k <= t->ncrit; k++)
		xlsxw_str(&x->w, ws, 0, (lxw_col_t)(k + 1), t->crit_code[k], x->head);
	for (int mo = 0; mo < t->nmonths; mo++) {
		char label[16];

		snprintf(label, sizeof(label), "%02d/%04d", mo + 1, t->year);
		xlsxw_str(&x->w, ws, (lxw_row_t)(mo + 1), 0, label, NULL);
		for (int k = 0; k <= t->ncrit; k++)
			if (!isnan(t->value[k][mo]))
				xlsxw_dec(&x->w, ws, (lxw_row_t)(mo + 1), (lxw_col_t)(k + 1),
					t->value[k][mo], x->num);
	}
	if (t->mean)
		xlsxw_str(&x->w, ws, (lxw_row_t)(t->nmonths + 2), 0,
			"Chỉ số bình quân của các đơn vị có phiếu trong tháng.", NULL);
	return 0;
}

/* ---- Câu hỏi: answer distributions ---- */

static int sheet_questions(struct xw *x, const struct rpt_model *m)
{
	static const char *const hdr[] = {"Bộ câu hỏi", "Mã", "Câu hỏi", "Tiêu chí", "Mức đánh giá",
		"Hài lòng", "Số ý kiến", "Tỷ lệ (%)"};
	static const struct colw w[] = {
		{0, 1, 11, false},
		{2, 2, 50, true},
		{3, 3, 9, false},
		{4, 4, 30, true},
		{5, 7, 11, false},
	};
	lxw_worksheet *ws = list_sheet(x, "Câu hỏi", true, w, 5, hdr, 8, 0);
	lxw_row_t row = 1;

	if (ws == NULL)
		return -1;
	if (m->nquestions == 0)
		xlsxw_str(&x->w, ws, row, 0, "Không có câu hỏi nào có câu trả lời trong kỳ.",
			x->italic);
	for (int i = 0; i < m->nquestions; i++) {
		const struct rpt_question *q = &m->questions[i];

		/* Every row repeats the question so the sheet filters and sorts. */
		for (int l = 0; l <= q->nlevels && l <= RPT_MAX_LEVELS; l++, row++) {
			xlsxw_str(&x->w, ws, row, 0, q->instrument, NULL);
			xlsxw_str(&x->w, ws, row, 1, q->code, NULL);
			xlsxw_str(&x->w, ws, row, 2, q->text, x->wrap);
			xlsxw_str(&x->w, ws, row, 3, q->criterion, NULL);
			if (l == q->nlevels || l == RPT_MAX_LEVELS) {
				xlsxw_str(&x->w, ws, row, 4, "Không trả lời", x->italic);
				put_int(x, ws, row, 6, q->no_answer);
				continue;
			}
			xlsxw_str(&x->w, ws, row, 4, q->label[l], x->wrap);
			xlsxw_str(&x->w, ws, row, 5, q->satisfied[l] ? "x" : NULL, NULL);
			put_int(x, ws, row, 6, q->count[l]);
			put_pct(x, ws, row, 7, q->count[l], q->valid);
		}
	}
	return 0;
}

/* ---- Ý kiến: comment themes ---- */

static int sheet_themes(struct xw *x, const struct rpt_model *m)
{
	static const char *const hdr[] = {"STT", "Chủ đề", "Số ý kiến", "Ví dụ 1", "Ví dụ 2",
		"Ví dụ 3"};
	static const struct colw w[] = {
		{0, 0, W_TT, false},
		{1, 1, 30, false},
		{2, 2, 10, false},
		{3, 2 + RPT_EXAMPLES, 45, true},
	};
	lxw_worksheet *ws = list_sheet(x, "Ý kiến", true, w, 4, hdr, 3 + RPT_EXAMPLES, 0);

	if (ws == NULL)
		return -1;
	if (m->nthemes == 0)
		xlsxw_str(&x->w, ws, 1, 1, "Không có ý kiến góp ý nào trong kỳ.", x->italic);
	for (int i = 0; i < m->nthemes; i++) {
		const struct rpt_theme *t = &m->themes[i];
		lxw_row_t row = (lxw_row_t)(i + 1);

		put_stt(x, ws, row, (size_t)i + 1);
		xlsxw_str(&x->w, ws, row, 1, t->name, NULL);
		put_int(x, ws, row, 2, t->count);
		for (int e = 0; e < t->nexamples && e < RPT_EXAMPLES; e++)
			xlsxw_str(&x->w, ws, row, (lxw_col_t)(3 + e), t->example[e], x->wrap);
	}
	return 0;
}

/* ---- the tables beside TT (rpt_grid.h), a sheet each when it has rows ---- */

static int sheet_grid(struct xw *x, const struct rpt_model *m, const struct rpt_grid *g)
{
	const char *hdr[RPT_GRID_MAXCOLS + 1] = {"STT"};
	struct rpt_gval v[RPT_GRID_MAXCOLS];
	int nh = 1, rows = g->rows(m);
	lxw_worksheet *ws;

	for (int k = 0; k < g->ncols; k++)
		if (g->cols[k].in & RG_SHEET)
			hdr[nh++] = g->cols[k].head;
	ws = list_sheet(x, g->sheet, true,
		(const struct colw[]){{0, 0, W_TT, false}, {1, 1, W_UNIT, false},
			{2, (lxw_col_t)(nh - 1), 12, false}},
		3, hdr, nh, 0);
	if (ws == NULL)
		return -1;
	for (int i = 0; i < rows; i++) {
		lxw_row_t row = (lxw_row_t)(i + 1);
		lxw_col_t c = 2;

		put_stt(x, ws, row, (size_t)i + 1);
		xlsxw_str(&x->w, ws, row, 1, g->row(m, i, v), NULL);
		for (int k = 1; k < g->ncols; k++) {
			if (!(g->cols[k].in & RG_SHEET))
				continue;
			if (!v[k].is_dec)
				put_int(x, ws, row, c, v[k].n);
			else if (v[k].valid)
				xlsxw_dec(&x->w, ws, row, c, v[k].v, x->num);
			else
				put_dash(x, ws, row, c);
			c++;
		}
	}
	return 0;
}

static int sheet_grids(struct xw *x, const struct rpt_model *m)
{
	for (int k = 0; k < RPT_NGRIDS; k++)
		if (rpt_grids[k]->rows(m) > 0 &&
			(sheet_grid(x, m, rpt_grids[k]) != 0 || x->w.lerr != LXW_NO_ERROR))
			return -1;
	return 0;
}

/* ---- QĐ 766: the national scorecard's ratios ---- */

static void put_ratio(struct xw *x, lxw_worksheet *ws, lxw_row_t r, lxw_col_t c,
	const struct sc_row *w, enum s766_ratio k)
{
	if (w->r.has[k])
		xlsxw_dec(&x->w, ws, r, c, w->r.v[k], x->num);
	else
		put_dash(x, ws, r, c);
}

static int sheet_score766(struct xw *x, const struct rpt_model *m)
{
	static const char *const hdr[] = {"STT", "Đơn vị", "Hồ sơ giải quyết xong",
		"Tỷ lệ trước hạn, đúng hạn (%)", "Thời gian giải quyết TB (ngày làm việc)",
		"Phản ánh thuộc thẩm quyền", "Tỷ lệ phản ánh xử lý đúng hạn (%)",
		"Tỷ lệ phản ánh không bị đánh giá không hài lòng, trễ hạn (%)",
		"Tỷ lệ hồ sơ không bị đánh giá không hài lòng (%)"};
	static const struct colw w[] = {
		{0, 0, W_TT, false},
		{1, 1, W_UNIT, false},
		{2, 8, 16, true},
	};
	const struct sc_result *r = m->score766;
	lxw_worksheet *ws = list_sheet(x, "QĐ 766", true, w, 3, hdr, 9, 0);
	lxw_row_t row = 0;

	if (ws == NULL)
		return -1;
	xlsxw_keep(&x->w, worksheet_set_row(ws, 0, 60, x->head));
	for (size_t i = 0; i < r->nrows; i++) {
		const struct sc_row *s = &r->rows[i];

		row = (lxw_row_t)(i + 1);
		put_stt(x, ws, row, i + 1);
		xlsxw_str(&x->w, ws, row, 1, s->unit->name, NULL);
		put_int(x, ws, row, 2, s->c.dossiers);
		put_ratio(x, ws, row, 3, s, S766_ON_TIME);
		put_ratio(x, ws, row, 4, s, S766_AVG_DAYS);
		put_int(x, ws, row, 5, s->c.feedback);
		put_ratio(x, ws, row, 6, s, S766_FB_ON_TIME);
		put_ratio(x, ws, row, 7, s, S766_FB_SATISFIED);
		put_ratio(x, ws, row, 8, s, S766_DOS_SATISFIED);
	}
	xlsxw_str(&x->w, ws, row + 2, 1,
		"Bộ chỉ số phục vụ người dân, doanh nghiệp (Quyết định 766/QĐ-TTg): chỉ các tỷ lệ "
		"tính được từ số liệu của hailong; số điểm chưa được xác nhận từ phụ lục của Quyết "
		"định. Công thức: docs/method.md.",
		x->italic);
	return 0;
}

/* ---- Công chức: internal reports only ---- */

static int sheet_staff(struct xw *x, const struct rpt_model *m)
{
	static const char *const hdr[] = {"STT", "Mã", "Họ và tên", "Đơn vị", "Số phiếu",
		"Chỉ số hài lòng (%)"};
	static const struct colw w[] = {
		{0, 0, W_TT, false},
		{1, 1, 12, false},
		{2, 2, 28, false},
		{3, 3, W_UNIT, false},
		{4, 5, 12, false},
	};
	lxw_worksheet *ws = list_sheet(x, "Công chức", false, w, 5, hdr, 6, 0);

	if (ws == NULL)
		return -1;
	for (int i = 0; i < m->nstaff; i++) {
		const struct rpt_staff *s = &m->staff[i];
		lxw_row_t row = (lxw_row_t)(i + 1);

		put_stt(x, ws, row, (size_t)i + 1);
		xlsxw_str(&x->w, ws, row, 1, s->code, NULL);
		xlsxw_str(&x->w, ws, row, 2, s->name, NULL);
		xlsxw_str(&x->w, ws, row, 3, s->unit, NULL);
		put_int(x, ws, row, 4, s->n);
		if (s->valid)
			xlsxw_dec(&x->w, ws, row, 5, s->value, x->num);
		else
			put_dash(x, ws, row, 5);
	}
	return 0;
}

int rpt_xlsx(const struct rpt_model *m, const char *path, struct hl_err *err)
{
	struct xw x = {0};
	int rc;

	if (m == NULL || m->index == NULL)
		return hl_err_set(err, HL_EINVAL, HL_HERE, "báo cáo XLSX: thiếu số liệu báo cáo");
	rc = xlsxw_open(&x.w, path, m->subtitle ? m->subtitle : "", err);
	if (rc != HL_OK)
		return rc;
	if (formats(&x) != 0) {
		rc = hl_err_set(err, HL_ENOMEM, HL_HERE, "hết bộ nhớ khi tạo định dạng XLSX");
		goto cleanup;
	}
	if (sheet_summary(&x, m) != 0 || x.w.lerr != LXW_NO_ERROR || sheet_long(&x, m) != 0 ||
		x.w.lerr != LXW_NO_ERROR || sheet_trend(&x, m) != 0 || x.w.lerr != LXW_NO_ERROR ||
		sheet_questions(&x, m) != 0 || x.w.lerr != LXW_NO_ERROR ||
		sheet_themes(&x, m) != 0 || x.w.lerr != LXW_NO_ERROR ||
		(any_target(m->index) && (sheet_below(&x, m) != 0 || x.w.lerr != LXW_NO_ERROR)) ||
		sheet_grids(&x, m) != 0 ||
		(m->score766 != NULL && m->score766->nrows > 0 &&
			(sheet_score766(&x, m) != 0 || x.w.lerr != LXW_NO_ERROR)) ||
		(m->o.internal && (sheet_staff(&x, m) != 0 || x.w.lerr != LXW_NO_ERROR))) {
		rc = hl_err_set(err,
			x.w.lerr == LXW_ERROR_MEMORY_MALLOC_FAILED ? HL_ENOMEM : HL_EIO, HL_HERE,
			"không ghi được trang '%s' của báo cáo XLSX: %s",
			x.w.sheet ? x.w.sheet : "?",
			x.w.lerr != LXW_NO_ERROR ? lxw_strerror(x.w.lerr) :
						   "không tạo được trang tính");
		goto cleanup;
	}
	return xlsxw_close(&x.w, "báo cáo XLSX", err);
cleanup:
	xlsxw_abort(&x.w);
	return rc;
}
