/* weekly_pdf.c — the Friday list as the PDF the one-stop centre sends, a
 * notice in the layout of Nghị định 30/2020 (report/pdfdoc.h): the unit
 * over its centre and the national motto, number, place and date, the
 * title with the week, then the week's results per unit, the late and
 * overdue dossiers by field and the dossiers due in the next five working
 * days, each a table repeating its header on every page; "Nơi nhận" and the
 * director's signature. */
#include "base/clock.h"
#include "report/weekly.h"

#include <stdio.h>
#include <string.h>

#include "base/arena.h"
#include "base/text.h"
#include "report/out.h"
#include "report/pdfdoc.h"

#define BODY 13.0
#define CELL 10.0
#define AFTER 6.0

static const char *dec_pct(struct hl_arena *a, const struct tl_counts *c)
{
	char buf[32];
	double pct;

	if (!tl_on_time_pct(c, &pct))
		return "–";
	return hl_arena_printf(a, "%s %%", hl_fmt_dec(buf, sizeof(buf), pct, 2));
}

static const char *num(struct hl_arena *a, long long v)
{
	char buf[32];

	return hl_arena_strdup(a, hl_fmt_int(buf, sizeof(buf), v));
}

static const char *minute(struct hl_arena *a, int64_t m)
{
	char buf[32];

	return hl_arena_strdup(a, hl_clock_fmt_minute(m, buf, sizeof(buf)));
}

/* The heading of Nghị định 30/2020 as the reports draw it: the unit over
 * its one-stop centre, the national motto, the number to fill in when the
 * list is signed, the place and the Friday; "THÔNG BÁO" with the week. */
static void heading(struct pdfdoc *d, const struct wk_model *m)
{
	char date[96];
	int y, mo, dd;
	struct pdf_heading h = {
		.above = "ỦY BAN NHÂN DÂN",
		.issuer = "TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG",
		.number = "Số:        /TB-TTPVHCC",
		.date = date,
		.left = 0.41,
		.gap = 4,
		.rule_div = 6,
		.after = 16,
	};

	/* The unit's name in short ("UBND PHƯỜNG VĨNH THỌ") above its centre. */
	if (m->above != NULL)
		h.above = m->above;
	hl_day_to_ymd(m->friday, &y, &mo, &dd);
	snprintf(date, sizeof(date), "%s%sngày %02d tháng %s%d năm %d",
		m->place != NULL ? m->place : "", m->place != NULL && m->place[0] ? ", " : "", dd,
		mo <= 2 ? "0" : "", mo, y);
	pdfdoc_heading(d, &h);
	pdfdoc_title(d, "THÔNG BÁO", wk_title(m), 8, 14);
}

/* A section heading, on one page with the first next points of what
 * follows (keep with next). */
static void section(struct pdfdoc *d, const char *text, double next)
{
	pdfdoc_keep(d, 4 + pdfdoc_par_height(d, text, BODY, PDF_BOLD, PDF_LEFT, 0, 0, AFTER), next);
	pdfdoc_space(d, 4);
	pdfdoc_par(d, text, BODY, PDF_BOLD, PDF_LEFT, 0, AFTER);
}

static double line_height(struct pdfdoc *d, const char *text, unsigned style, double after)
{
	return pdfdoc_par_height(d, text, BODY, style, PDF_LEFT, 0, 0, after);
}

/* The week per unit, its columns as Thông tư 01/2018/TT-VPCP's form counts
 * them: finished (early, on time, late = "quá hạn") and not finished at
 * Friday 17:00 (in time, overdue), each with its total. */
static void results(struct pdfdoc *d, struct hl_arena *a, const struct wk_model *m)
{
	static const struct pdf_col col[] = {
		{"STT", 0.06, PDF_CENTER, NULL},
		{"Đơn vị", 0.21, PDF_LEFT, NULL},
		{"Tiếp nhận trong tuần", 0.09, PDF_RIGHT, NULL},
		{"Tổng số", 0.075, PDF_RIGHT, "Đã giải quyết"},
		{"Trước hạn", 0.075, PDF_RIGHT, "Đã giải quyết"},
		{"Đúng hạn", 0.075, PDF_RIGHT, "Đã giải quyết"},
		{"Quá hạn", 0.075, PDF_RIGHT, "Đã giải quyết"},
		{"Tổng số", 0.075, PDF_RIGHT, "Đang giải quyết"},
		{"Trong hạn", 0.075, PDF_RIGHT, "Đang giải quyết"},
		{"Quá hạn", 0.075, PDF_RIGHT, "Đang giải quyết"},
		{"Tỷ lệ đúng hạn", 0.105, PDF_RIGHT, NULL},
	};
	static const struct pdf_table t = {11, col, CELL};
	char a1[16], a2[16];

	const char *intro = hl_arena_printf(a,
		"Từ 00:00 thứ Bảy %s đến 17:00 thứ Sáu %s. Đã giải "
		"quyết: hồ sơ hoàn thành trong tuần; đang giải quyết: hồ sơ chưa hoàn thành lúc 17:00 "
		"thứ Sáu, trong hạn hoặc đã quá hạn. Tỷ lệ đúng hạn = (trước hạn + đúng hạn) / số hồ "
		"sơ đã giải quyết trong tuần.",
		hl_day_vn(m->saturday, a1, sizeof(a1)), hl_day_vn(m->friday, a2, sizeof(a2)));

	section(d, "I. KẾT QUẢ TIẾP NHẬN, GIẢI QUYẾT HỒ SƠ TRONG TUẦN",
		pdfdoc_par_height(d, intro, CELL + 1, PDF_ITALIC, PDF_JUSTIFY, 0, 2, 0));
	pdfdoc_par(d, intro, CELL + 1, PDF_ITALIC, PDF_JUSTIFY, 0, AFTER);
	if (m->nunits == 0) {
		pdfdoc_par(d, "Trong tuần không có hồ sơ nào được tiếp nhận hoặc giải quyết.", BODY,
			0, PDF_LEFT, 0, AFTER);
		return;
	}
	pdfdoc_table_begin(d, &t);
	for (size_t i = 0; i <= m->nunits; i++) {
		const struct wk_unit *w = i < m->nunits ?
			&m->units[m->order != NULL ? m->order[i] : i] :
			&m->total;
		const char *cells[11] = {
			i < m->nunits ? hl_arena_printf(a, "%zu", i + 1) : "",
			w->name,
			num(a, w->received),
			num(a, tl_finished(&w->fin)),
			num(a, w->fin.n[TL_EARLY]),
			num(a, w->fin.n[TL_ON_TIME]),
			num(a, w->fin.n[TL_LATE]),
			num(a, tl_total(&w->open)),
			num(a, w->open.n[TL_PENDING]),
			num(a, w->open.n[TL_OVERDUE]),
			dec_pct(a, &w->fin),
		};
		unsigned st[11];

		for (int k = 0; k < 11; k++)
			st[k] = i < m->nunits ? 0 : PDF_BOLD;
		pdfdoc_table_row(d, cells, st);
	}
	pdfdoc_table_end(d, AFTER);
}

static const struct pdf_col item_col[] = {
	/* A dossier's code is wide enough not to break inside its digits. */
	{"STT", 0.06, PDF_CENTER, NULL},
	{"Mã hồ sơ", 0.20, PDF_LEFT, NULL},
	{"Đơn vị", 0.14, PDF_LEFT, NULL},
	{"Thủ tục", 0.20, PDF_LEFT, NULL},
	{"Tiếp nhận", 0.12, PDF_LEFT, NULL},
	{"Hạn trả", 0.12, PDF_LEFT, NULL},
	{"Tình trạng", 0.16, PDF_LEFT, NULL},
};
static const struct pdf_table item_table = {7, item_col, CELL};

static void item_cells(struct hl_arena *a, size_t no, const struct wk_item *it, const char **cells)
{
	const char *state = it->cls == TL_LATE ?
		hl_arena_printf(a, "Trễ hạn, hoàn thành %s", minute(a, it->finished_at)) :
		tl_class_label(it->cls);

	cells[0] = hl_arena_printf(a, "%zu", no);
	cells[1] = it->code;
	cells[2] = it->unit_name;
	cells[3] = it->procedure;
	cells[4] = minute(a, it->received_at);
	cells[5] = minute(a, it->due_at);
	cells[6] = it->cls != TL_PENDING && !it->apology ?
		hl_arena_printf(a, "%s; chưa có phiếu xin lỗi", state) :
		state;
}

/* The table's header and first row: what a heading keeps with it. */
static double first_rows(struct pdfdoc *d, struct hl_arena *a, const struct wk_item *it)
{
	const char *cells[7];

	item_cells(a, 1, it, cells);
	return pdfdoc_table_height(d, &item_table, cells, NULL);
}

/* The line above items it[i..]'s field in a list of n grouped by field. */
static const char *field_line(struct hl_arena *a, const struct wk_item *it, size_t n, size_t i)
{
	size_t k = i;

	while (k < n && strcmp(it[k].field, it[i].field) == 0)
		k++;
	return hl_arena_printf(a, "Lĩnh vực: %s (%zu hồ sơ)",
		it[i].field_name[0] ? it[i].field_name : "không ghi lĩnh vực", k - i);
}

/* A section with nothing in it: its title and the line that says so. */
static void empty_section(struct pdfdoc *d, const char *title, const char *none)
{
	section(d, title, line_height(d, none, 0, 0));
	pdfdoc_par(d, none, BODY, 0, PDF_LEFT, 0, AFTER);
}

/* A section listing items it[0..n), or the line none when there are none;
 * by_field: a table per field under its line, numbered from 1 in each. */
static void item_section(struct pdfdoc *d, struct hl_arena *a, const char *title, const char *none,
	const struct wk_item *it, size_t n, bool by_field)
{
	const char *cells[7];
	double keep;

	if (n == 0) {
		empty_section(d, title, none);
		return;
	}
	keep = first_rows(d, a, &it[0]);
	if (by_field)
		keep += line_height(d, field_line(a, it, n, 0), PDF_BOLD | PDF_ITALIC, 3);
	section(d, title, keep);
	if (!by_field)
		pdfdoc_table_begin(d, &item_table);
	for (size_t i = 0, no = 0; i < n; i++) {
		if (by_field && (i == 0 || strcmp(it[i].field, it[i - 1].field) != 0)) {
			const char *line = field_line(a, it, n, i);

			if (i > 0)
				pdfdoc_table_end(d, AFTER);
			pdfdoc_keep(d, line_height(d, line, PDF_BOLD | PDF_ITALIC, 3),
				first_rows(d, a, &it[i]));
			pdfdoc_par(d, line, BODY, PDF_BOLD | PDF_ITALIC, PDF_LEFT, 0, 3);
			pdfdoc_table_begin(d, &item_table);
			no = 0;
		}
		item_cells(a, ++no, &it[i], cells);
		pdfdoc_table_row(d, cells, NULL);
	}
	pdfdoc_table_end(d, AFTER);
}

static void late(struct pdfdoc *d, struct hl_arena *a, const struct wk_model *m)
{
	char when[32];
	const char *title = hl_arena_printf(a, "II. HỒ SƠ TRỄ HẠN, QUÁ HẠN (ĐẾN %s)",
		hl_clock_fmt_minute(m->to, when, sizeof(when)));

	item_section(d, a, title, "Không có hồ sơ trễ hạn hoặc quá hạn.", m->late, m->nlate, true);
}

static void due(struct pdfdoc *d, struct hl_arena *a, const struct wk_model *m)
{
	char until[16];
	const char *title = hl_arena_printf(a, "III. HỒ SƠ SẮP ĐẾN HẠN (5 NGÀY LÀM VIỆC, ĐẾN %s)",
		hl_day_vn(m->due_until, until, sizeof(until)));

	item_section(d, a, title, "Không có hồ sơ nào sắp đến hạn.", m->due, m->ndue, false);
}

int wk_pdf(const struct wk_model *m, const char *path, struct hl_err *err)
{
	struct rpt_out out = {0};
	struct pdfdoc *d = NULL;
	struct hl_arena *a = hl_arena_new((size_t)256 << 20);
	char iso[32], day[16];
	int rc;

	if (a == NULL)
		return hl_err_set(err, HL_ENOMEM, HL_HERE, "hết bộ nhớ khi tạo danh sách PDF");
	snprintf(iso, sizeof(iso), "%sT17:00:00", hl_day_iso(m->friday, day, sizeof(day)));
	rc = pdfdoc_open(path, wk_title(m), iso, &out, &d, err);
	if (rc == HL_OK) {
		static const char *const to[] = {"Các cơ quan, đơn vị có hồ sơ trong danh sách;",
			"Lưu: VT."};
		heading(d, m);
		results(d, a, m);
		late(d, a, m);
		due(d, a, m);
		pdfdoc_closing(d, to, 2, "GIÁM ĐỐC", NULL);
	}
	rc = pdfdoc_close(d, &out, rc, err);
	hl_arena_free(a);
	return rc;
}
