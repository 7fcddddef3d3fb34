/* weekly_pdf.c — the Friday list as the PDF the centre sends (Nghị định
 * 30/2020 layout, report/pdfdoc.h): the issuing unit and the national
 * motto, place and date, the title with the week, then the week's results
 * per unit, the late and overdue dossiers by field and the dossiers due in
 * the next five working days, each a table repeating its header on every
 * page. */
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

	return hl_arena_strdup(a, wk_fmt_minute(m, buf, sizeof(buf)));
}

/* Issuing body left, national title and motto right, the date under them
 * (pdfdoc_heading), then the title with the week. */
static void heading(struct pdfdoc *d, const struct wk_model *m)
{
	char date[64];
	int y, mo, dd;
	const struct pdf_heading h = {
		.above = m->scope_name[0] ? m->scope_name : "ỦY BAN NHÂN DÂN",
		.issuer = "TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG", .date = date,
		.left = 0.41, .gap = 4, .rule_div = 6, .after = 16,
	};

	hl_day_to_ymd(m->friday, &y, &mo, &dd);
	snprintf(date, sizeof(date), "ngày %02d tháng %s%d năm %d", dd, mo <= 2 ? "0" : "", mo, y);
	pdfdoc_heading(d, &h);
	pdfdoc_title(d, NULL, wk_title(m), 8, 14);
}

static void section(struct pdfdoc *d, const char *text)
{
	pdfdoc_need(d, 6 * BODY);
	pdfdoc_space(d, 4);
	pdfdoc_par(d, text, BODY, PDF_BOLD, PDF_LEFT, 0, AFTER);
}

static void results(struct pdfdoc *d, struct hl_arena *a, const struct wk_model *m)
{
	static const struct pdf_col col[] = {
		{"TT", 0.06, PDF_CENTER}, {"Đơn vị", 0.30, PDF_LEFT}, {"Tiếp nhận", 0.11, PDF_RIGHT},
		{"Trước hạn", 0.11, PDF_RIGHT}, {"Đúng hạn", 0.11, PDF_RIGHT},
		{"Trễ hạn", 0.11, PDF_RIGHT}, {"Tỷ lệ đúng hạn", 0.20, PDF_RIGHT},
	};
	static const struct pdf_table t = {7, col, CELL};
	char a1[16], a2[16];

	section(d, "I. KẾT QUẢ TIẾP NHẬN, GIẢI QUYẾT HỒ SƠ TRONG TUẦN");
	pdfdoc_par(d, hl_arena_printf(a, "Từ 00:00 thứ Bảy %s đến 17:00 thứ Sáu %s. Tỷ lệ đúng hạn "
		"= (trước hạn + đúng hạn) / số hồ sơ đã giải quyết trong tuần.",
		hl_day_vn(m->saturday, a1, sizeof(a1)), hl_day_vn(m->friday, a2, sizeof(a2))),
		CELL + 1, PDF_ITALIC, PDF_JUSTIFY, 0, AFTER);
	if (m->nunits == 0) {
		pdfdoc_par(d, "Trong tuần không có hồ sơ nào được tiếp nhận hoặc giải quyết.", BODY, 0,
			PDF_LEFT, 0, AFTER);
		return;
	}
	pdfdoc_table_begin(d, &t);
	for (size_t i = 0; i <= m->nunits; i++) {
		const struct wk_unit *w = i < m->nunits ? &m->units[i] : &m->total;
		const char *cells[7] = {
			i < m->nunits ? hl_arena_printf(a, "%zu", i + 1) : "", w->name,
			num(a, w->received), num(a, w->fin.n[TL_EARLY]), num(a, w->fin.n[TL_ON_TIME]),
			num(a, w->fin.n[TL_LATE]), dec_pct(a, &w->fin),
		};
		const unsigned bold[7] = {PDF_BOLD, PDF_BOLD, PDF_BOLD, PDF_BOLD, PDF_BOLD, PDF_BOLD,
			PDF_BOLD};

		pdfdoc_table_row(d, cells, i < m->nunits ? NULL : bold);
	}
	pdfdoc_table_end(d, AFTER);
}

static const struct pdf_col item_col[] = {
	{"TT", 0.05, PDF_CENTER}, {"Mã hồ sơ", 0.15, PDF_LEFT}, {"Đơn vị", 0.17, PDF_LEFT},
	{"Thủ tục", 0.23, PDF_LEFT}, {"Tiếp nhận", 0.12, PDF_LEFT}, {"Hạn trả", 0.12, PDF_LEFT},
	{"Tình trạng", 0.16, PDF_LEFT},
};
static const struct pdf_table item_table = {7, item_col, CELL};

static void item_row(struct pdfdoc *d, struct hl_arena *a, size_t no, const struct wk_item *it)
{
	const char *state = it->cls == TL_LATE ?
		hl_arena_printf(a, "Trễ hạn, hoàn thành %s", minute(a, it->finished_at)) :
		tl_class_label(it->cls);
	const char *cells[7] = {
		hl_arena_printf(a, "%zu", no), it->code, it->unit_name, it->procedure,
		minute(a, it->received_at), minute(a, it->due_at),
		it->cls != TL_PENDING && !it->apology ?
			hl_arena_printf(a, "%s; chưa có phiếu xin lỗi", state) : state,
	};

	pdfdoc_table_row(d, cells, NULL);
}

static void late(struct pdfdoc *d, struct hl_arena *a, const struct wk_model *m)
{
	char when[32];

	section(d, hl_arena_printf(a, "II. HỒ SƠ TRỄ HẠN, QUÁ HẠN (ĐẾN %s)",
		wk_fmt_minute(m->to, when, sizeof(when))));
	if (m->nlate == 0) {
		pdfdoc_par(d, "Không có hồ sơ trễ hạn hoặc quá hạn.", BODY, 0, PDF_LEFT, 0, AFTER);
		return;
	}
	for (size_t i = 0, no = 0; i < m->nlate; i++) {
		const struct wk_item *it = &m->late[i];

		if (i == 0 || strcmp(it->field, m->late[i - 1].field) != 0) {
			size_t k = i;

			while (k < m->nlate && strcmp(m->late[k].field, it->field) == 0)
				k++;
			if (i > 0)
				pdfdoc_table_end(d, AFTER);
			pdfdoc_need(d, 5 * BODY);
			pdfdoc_par(d, hl_arena_printf(a, "Lĩnh vực: %s (%zu hồ sơ)", it->field_name[0] ?
				it->field_name : "không ghi lĩnh vực", k - i), BODY, PDF_BOLD | PDF_ITALIC,
				PDF_LEFT, 0, 3);
			pdfdoc_table_begin(d, &item_table);
			no = 0;
		}
		item_row(d, a, ++no, it);
	}
	pdfdoc_table_end(d, AFTER);
}

static void due(struct pdfdoc *d, struct hl_arena *a, const struct wk_model *m)
{
	char until[16];

	section(d, hl_arena_printf(a, "III. HỒ SƠ SẮP ĐẾN HẠN (5 NGÀY LÀM VIỆC, ĐẾN %s)",
		hl_day_vn(m->due_until, until, sizeof(until))));
	if (m->ndue == 0) {
		pdfdoc_par(d, "Không có hồ sơ nào sắp đến hạn.", BODY, 0, PDF_LEFT, 0, AFTER);
		return;
	}
	pdfdoc_table_begin(d, &item_table);
	for (size_t i = 0; i < m->ndue; i++)
		item_row(d, a, i + 1, &m->due[i]);
	pdfdoc_table_end(d, AFTER);
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
		heading(d, m);
		results(d, a, m);
		late(d, a, m);
		due(d, a, m);
	}
	rc = pdfdoc_close(d, &out, rc, err);
	hl_arena_free(a);
	return rc;
}
