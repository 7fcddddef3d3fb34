/* rpt_pdf.c — the report as the PDF an office signs and sends: an
 * administrative document in the layout of Nghị định 30/2020 (issuing body
 * and national motto at the top, number, place and date, title, body, "Nơi
 * nhận" and the signature block), A4, Liberation Serif, with the index table
 * laid out as seed 003 does, charts drawn as vectors by chart_draw, and the
 * rest of the model as small tables. Only lays out what rpt_build computed. */
#include "report/render.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "base/arena.h"
#include "base/text.h"
#include "report/chart.h"
#include "report/out.h"
#include "report/pdfdoc.h"

#define BODY 13.0          /* body text, points (Nghị định 30: 13–14) */
#define CELL 11.0          /* table cells */
#define NOTE 11.0
#define PAR_AFTER 6.0
#define INDENT (10 * PDF_MM)
#define EXAMPLE_MAX 240    /* bytes of one example comment shown */
#define TMP_CAP ((size_t)64 << 20)
#define CHART_H 250        /* points */

/* The renderer's state: the document, scratch memory for strings, and the
 * first error (the drawing calls have none, charts do). */
struct pdfr {
	const struct rpt_model *m;
	struct pdfdoc *d;
	struct hl_arena *a;
	struct hl_err *err;
	int rc;
	int section;
};

static const char *nz(const char *s)
{
	return s != NULL ? s : "";
}

/* s in capitals (Vietnamese letters keep their marks), owned by a. */
static const char *upper(struct hl_arena *a, const char *s)
{
	size_t n = strlen(nz(s));
	char *out = hl_arena_alloc(a, n * 2 + 1), *p = out;
	const utf8proc_uint8_t *q = (const utf8proc_uint8_t *)nz(s);
	utf8proc_ssize_t len = (utf8proc_ssize_t)n;

	if (out == NULL)
		return nz(s);
	while (len > 0) {
		utf8proc_int32_t cp;
		utf8proc_ssize_t k = utf8proc_iterate(q, len, &cp);

		if (k <= 0)
			break;
		p += utf8proc_encode_char(utf8proc_toupper(cp), (utf8proc_uint8_t *)p);
		q += k;
		len -= k;
	}
	*p = '\0';
	return out;
}

/* At most max bytes of s, cut on a character boundary, "…" when cut. */
static const char *shorten(struct hl_arena *a, const char *s, size_t max)
{
	size_t n = strlen(nz(s));

	if (n <= max)
		return nz(s);
	while (max > 0 && ((unsigned char)s[max] & 0xC0) == 0x80)
		max--;
	return hl_arena_printf(a, "%.*s…", (int)max, s);
}

static const char *dec(struct hl_arena *a, double v)
{
	char buf[32];

	return hl_arena_strdup(a, hl_fmt_dec(buf, sizeof(buf), v, 2));
}

static const char *integer(struct hl_arena *a, long long v)
{
	char buf[32];

	return hl_arena_strdup(a, hl_fmt_int(buf, sizeof(buf), v));
}

static const char *pct(struct hl_arena *a, int64_t n, int64_t of)
{
	char buf[32];

	if (of <= 0)
		return "–";
	hl_fmt_dec(buf, sizeof(buf), 100.0 * (double)n / (double)of, 2);
	return hl_arena_printf(a, "%s %%", buf);
}

/* A numbered section heading, kept on one page with the next keep points. */
static void heading_keep(struct pdfr *r, const char *text, double keep)
{
	static const char *const roman[] = {"I", "II", "III", "IV", "V", "VI", "VII", "VIII",
		"IX", "X"};
	const char *t;

	r->section++;
	t = hl_arena_printf(r->a, "%s. %s", r->section <= 10 ? roman[r->section - 1] : "",
		text);
	/* Not alone at the foot of a page: with a few lines or a table's
	 * header and first rows after it. */
	pdfdoc_need(r->d, 2 * BODY + keep);
	pdfdoc_space(r->d, 4);
	pdfdoc_par(r->d, t != NULL ? t : text, BODY, PDF_BOLD, PDF_LEFT, 0, PAR_AFTER);
}

static void heading(struct pdfr *r, const char *text)
{
	heading_keep(r, text, 7 * BODY);
}

static void par(struct pdfr *r, const char *text)
{
	pdfdoc_par(r->d, text, BODY, 0, PDF_JUSTIFY, INDENT, PAR_AFTER);
}

/* ---- the heading of the document ---- */

static hl_day doc_date(const struct rpt_model *m)
{
	hl_day day = m->o.date != HL_DAY_NONE ? m->o.date : rpt_today();

	return day != HL_DAY_NONE ? day : 0;
}

/* "Bắc Nha Trang, ngày 05 tháng 02 năm 2025": Nghị định 30 writes a 0
 * before days below 10 and before months 1 and 2. */
static const char *place_date(struct pdfr *r, hl_day day)
{
	int y, mo, dd;
	const char *place = nz(r->m->place);

	hl_day_to_ymd(day, &y, &mo, &dd);
	return hl_arena_printf(r->a, "%s%sngày %02d tháng %s%d năm %d", place,
		place[0] != '\0' ? ", " : "", dd, mo <= 2 ? "0" : "", mo, y);
}

static const char *number_line(struct pdfr *r)
{
	const char *n = r->m->o.number;

	if (n == NULL || n[0] == '\0')
		return "Số:        /BC-UBND";
	if (strncmp(n, "Số", strlen("Số")) == 0)
		return n;
	return hl_arena_printf(r->a, "Số: %s", n);
}

static void doc_heading(struct pdfr *r, hl_day day)
{
	const struct rpt_model *m = r->m;
	const struct pdf_heading h = {
		.above = m->issuer_parent != NULL && m->issuer_parent[0] != '\0' ?
			upper(r->a, m->issuer_parent) : NULL,
		.issuer = upper(r->a, m->issuer), .number = number_line(r),
		.date = place_date(r, day), .left = 0.41, .gap = 4, .rule_div = 6, .after = 18,
	};

	pdfdoc_heading(r->d, &h);
	pdfdoc_title(r->d, nz(m->title), m->subtitle, 8, 18);
}

/* ---- the body ---- */

static void counts_table(struct pdfr *r, const char *head, const struct rpt_count *c, int n)
{
	const struct pdf_col col[] = {
		{"TT", 0.07, PDF_CENTER}, {head, 0.50, PDF_LEFT},
		{"Số ý kiến", 0.17, PDF_RIGHT}, {"Tỷ lệ", 0.16, PDF_RIGHT},
	};
	const struct pdf_table t = {4, col, CELL};
	int64_t sum = 0;

	for (int i = 0; i < n; i++)
		sum += c[i].n;
	pdfdoc_table_begin(r->d, &t);
	for (int i = 0; i < n; i++) {
		const char *cells[4] = {
			hl_arena_printf(r->a, "%d", i + 1),
			c[i].name != NULL && c[i].name[0] != '\0' ? c[i].name : nz(c[i].code),
			integer(r->a, c[i].n), pct(r->a, c[i].n, sum),
		};

		pdfdoc_table_row(r->d, cells, NULL);
	}
	{
		const char *cells[4] = {"", "Cộng", integer(r->a, sum), sum > 0 ? "100,00 %" : "–"};
		const unsigned st[4] = {0, PDF_BOLD, PDF_BOLD, PDF_BOLD};

		pdfdoc_table_row(r->d, cells, st);
	}
	pdfdoc_table_end(r->d, 10);
}

static void opinions(struct pdfr *r)
{
	const struct rpt_model *m = r->m;
	char a[16], b[16];

	heading(r, "SỐ Ý KIẾN KHẢO SÁT");
	par(r, hl_arena_printf(r->a, "Kỳ báo cáo: %s (từ ngày %s đến ngày %s). Tổng số ý kiến "
		"được tính vào chỉ số: %s phiếu.", m->period_label,
		hl_day_vn(m->o.period.first, a, sizeof(a)), hl_day_vn(m->o.period.last, b, sizeof(b)),
		integer(r->a, m->responses)));
	if (m->nchannels > 0) {
		pdfdoc_par(r->d, "Theo kênh khảo sát:", BODY, PDF_ITALIC, PDF_LEFT, INDENT, 4);
		counts_table(r, "Kênh", m->channels, m->nchannels);
	}
	if (m->nfields > 0) {
		pdfdoc_par(r->d, "Theo lĩnh vực thủ tục hành chính:", BODY, PDF_ITALIC, PDF_LEFT,
			INDENT, 4);
		counts_table(r, "Lĩnh vực", m->fields, m->nfields);
	}
}

static const char *value_cell(struct pdfr *r, const struct hl_idx_cell *c, unsigned *style)
{
	*style = 0;
	if (!c->cur.valid)
		return "–";
	if (c->has_target && !c->met)
		*style = PDF_BOLD;
	return dec(r->a, c->cur.value);
}

static void index_table(struct pdfr *r)
{
	const struct iq_result *ix = r->m->index;
	struct pdf_col col[HL_IDX_MAXCELLS + 5];
	const char *cells[HL_IDX_MAXCELLS + 5];
	unsigned st[HL_IDX_MAXCELLS + 5];
	char prev[96];
	int K = ix->ncrit, nc = 0;
	double W = pdfdoc_width(r->d), size = K <= 5 ? CELL : K <= 7 ? 10 : 9;
	double vw, sw, name;
	bool marked = false, pooled = false, below = false;

	/* Seed 003's proportions: a value column just wide enough for
	 * "100,00" in bold (a value never wraps), the unit's name the rest; more
	 * criteria than seed 003's five take a smaller size. */
	vw = (pdfdoc_text_width(r->d, "100,00", size, PDF_BOLD) + 8) / W;
	sw = (pdfdoc_text_width(r->d, "SIPAS", size, PDF_BOLD) + 8) / W;
	if (sw < vw)
		sw = vw;
	name = 0.98 - 0.055 - 0.11 - 0.09 - vw * K - sw;
	if (name < 0.12)
		name = 0.12;
	hl_period_label(&ix->prev, prev, sizeof(prev));
	col[nc++] = (struct pdf_col){"TT", 0.055, PDF_CENTER};
	col[nc++] = (struct pdf_col){"Đơn vị", name, PDF_LEFT};
	for (int k = 0; k <= K; k++)
		col[nc++] = (struct pdf_col){ix->crit_code[k], k < K ? vw : sw, PDF_CENTER};
	col[nc++] = (struct pdf_col){hl_arena_printf(r->a, "Tăng/ giảm so với %s%s",
		strncmp(prev, "Năm ", 4) == 0 ? "năm " : "", strncmp(prev, "Năm ", 4) == 0 ?
		prev + 4 : prev), 0.11, PDF_CENTER};
	col[nc++] = (struct pdf_col){"Xếp hạng", 0.09, PDF_CENTER};
	{
		const struct pdf_table t = {nc, col, size};

		pdfdoc_table_begin(r->d, &t);
		for (size_t i = 0; i < ix->nunits; i++) {
			const struct iq_unit *u = &ix->units[i];
			const struct hl_idx_cell *all = &u->idx.cell[K];
			int c = 0;

			memset(st, 0, sizeof(st));
			cells[c++] = hl_arena_printf(r->a, "%02zu", i + 1);
			cells[c++] = u->pooled && !u->active ? hl_arena_printf(r->a, "%s (†)",
				u->unit.name) : u->unit.name;
			pooled |= u->pooled && !u->active;
			for (int k = 0; k <= K; k++) {
				cells[c] = value_cell(r, &u->idx.cell[k], &st[c]);
				below |= st[c] != 0;
				c++;
			}
			if (all->has_change) {
				char buf[32];

				hl_fmt_signed(buf, sizeof(buf), all->change, 2);
				cells[c++] = hl_arena_printf(r->a, "%s%s", buf,
					all->change_supported ? "" : "*");
				marked |= !all->change_supported;
			} else {
				cells[c++] = "–";
			}
			if (all->rank > 0) {
				cells[c++] = hl_arena_printf(r->a, "%d/%d%s", all->rank, all->of,
					all->rank_supported ? "" : "*");
				marked |= !all->rank_supported;
			} else {
				cells[c++] = "–";
			}
			pdfdoc_table_row(r->d, cells, st);
		}
		pdfdoc_table_end(r->d, 6);
	}
	/* The notes, as seed 003 writes them. */
	pdfdoc_need(r->d, (K + 3) * NOTE * 1.2);
	pdfdoc_par(r->d, "Ghi chú:", NOTE, PDF_BOLD | PDF_ITALIC, PDF_LEFT, 0, 1);
	for (int k = 0; k < K; k++)
		pdfdoc_par(r->d, hl_arena_printf(r->a, "%s: %s", ix->crit_code[k],
			nz(ix->crit_name[k])), NOTE, PDF_ITALIC, PDF_LEFT, INDENT, 1);
	pdfdoc_par(r->d, hl_arena_printf(r->a, "SIPAS: chỉ số hài lòng chung (trung bình các "
		"tiêu chí). Tăng/giảm: so với cùng kỳ (%s%s). Xếp hạng: theo SIPAS, trong các đơn "
		"vị cùng loại, cùng cấp trên.", strncmp(prev, "Năm ", 4) == 0 ? "năm " : "",
		strncmp(prev, "Năm ", 4) == 0 ? prev + 4 : prev), NOTE, PDF_ITALIC, PDF_JUSTIFY, INDENT, 1);
	if (below)
		pdfdoc_par(r->d, "Số in đậm: dưới chỉ tiêu được giao.", NOTE, PDF_ITALIC, PDF_LEFT,
			INDENT, 1);
	if (marked)
		pdfdoc_par(r->d, "(*): khoảng tin cậy 95 % chưa đủ để khẳng định mức tăng/giảm "
			"hoặc thứ hạng này.", NOTE, PDF_ITALIC, PDF_JUSTIFY, INDENT, 1);
	if (pooled)
		pdfdoc_par(r->d, "(†): đơn vị chưa thành lập trong kỳ; số liệu gộp từ các đơn vị "
			"trước sáp nhập.", NOTE, PDF_ITALIC, PDF_JUSTIFY, INDENT, 1);
	pdfdoc_space(r->d, PAR_AFTER);
}

/* A chart drawn into the page as vectors, across the text width. */
static void put_chart(struct pdfr *r, struct chart *c)
{
	struct pdfdoc *d = r->d;
	double W = pdfdoc_width(d);
	cairo_t *cr;
	int rc;

	c->width = (int)W;
	c->height = CHART_H;
	pdfdoc_need(d, c->height + 8);
	cr = pdfdoc_cairo(d);
	cairo_save(cr);
	cairo_translate(cr, PDF_MARGIN_LEFT, pdfdoc_y(d));
	rc = chart_draw(c, cr, r->err);
	cairo_restore(cr);
	if (rc != HL_OK && r->rc == HL_OK)
		r->rc = rc;
	pdfdoc_space(d, c->height + 10);
}

struct ranked {
	double v;
	const struct iq_unit *u;
};

static int by_value_desc(const void *x, const void *y)
{
	const struct ranked *a = x, *b = y;

	return a->v > b->v ? -1 : a->v < b->v;
}

static void charts(struct pdfr *r)
{
	const struct iq_result *ix = r->m->index;
	int K = ix->ncrit;
	struct chart c;
	struct chart_series *cur, *prev;
	char plabel[96];

	if (ix->nunits == 0)
		return;
	heading_keep(r, "BIỂU ĐỒ", CHART_H + 10);
	hl_period_label(&ix->prev, plabel, sizeof(plabel));
	if (ix->nunits == 1) {
		const struct iq_unit *u = &ix->units[0];

		/* Each criterion against its target, beside the same period a
		 * year earlier. */
		chart_init(&c, CHART_BARS, hl_arena_printf(r->a, "Các tiêu chí so với chỉ tiêu – %s",
			u->unit.name));
		c.decimals = 2;
		prev = chart_add_series(&c, hl_arena_strdup(r->a, plabel));
		cur = chart_add_series(&c, r->m->period_label);
		for (int k = 0; k <= K && k < CHART_MAX_CATS; k++) {
			const struct hl_idx_cell *cell = &u->idx.cell[k];

			chart_add_cat(&c, ix->crit_code[k], NULL);
			if (cell->cur.valid)
				cur->value[k] = cell->cur.value;
			if (cell->prev.valid)
				prev->value[k] = cell->prev.value;
			if (cell->has_target)
				c.target[k] = cell->target;
		}
		/* The current period drawn strongest. */
		{
			struct chart_series tmp = c.series[0];

			c.series[0] = c.series[1];
			c.series[1] = tmp;
		}
		put_chart(r, &c);
		return;
	}
	/* Several units: SIPAS by rank against each unit's target, then
	 * against the same period a year earlier. */
	{
		struct ranked *order = hl_arena_alloc(r->a, ix->nunits * sizeof(*order));
		size_t n = 0;

		if (order == NULL)
			return;
		for (size_t i = 0; i < ix->nunits; i++)
			if (ix->units[i].idx.cell[K].cur.valid)
				order[n++] = (struct ranked){ix->units[i].idx.cell[K].cur.value,
					&ix->units[i]};
		if (n == 0)
			return;
		qsort(order, n, sizeof(*order), by_value_desc);
		if (n > CHART_MAX_CATS)
			n = CHART_MAX_CATS;
		chart_init(&c, CHART_BARS, "Chỉ số SIPAS của các đơn vị so với chỉ tiêu");
		c.decimals = 2;
		cur = chart_add_series(&c, r->m->period_label);
		/* Beside last year's bars only while the labels stay legible. */
		prev = n <= 8 ? chart_add_series(&c, hl_arena_strdup(r->a, plabel)) : NULL;
		for (size_t i = 0; i < n; i++) {
			const struct hl_idx_cell *cell = &order[i].u->idx.cell[K];

			chart_add_cat(&c, hl_arena_printf(r->a, "%02zu",
				(size_t)(order[i].u - ix->units) + 1), NULL);
			cur->value[i] = cell->cur.value;
			if (prev != NULL && cell->prev.valid)
				prev->value[i] = cell->prev.value;
			if (cell->has_target)
				c.target[i] = cell->target;
		}
		put_chart(r, &c);
		pdfdoc_par(r->d, "Số dưới mỗi cột là số thứ tự (TT) của đơn vị trong bảng"
			" ở mục II; các cột xếp theo chỉ số SIPAS từ cao xuống thấp.", NOTE, PDF_ITALIC, PDF_LEFT, INDENT, PAR_AFTER);
		if (ix->nunits > CHART_MAX_CATS)
			pdfdoc_par(r->d, hl_arena_printf(r->a, "Biểu đồ chỉ vẽ %d đơn vị có chỉ số SIPAS cao nhất.",
				CHART_MAX_CATS), NOTE, PDF_ITALIC, PDF_LEFT, INDENT, PAR_AFTER);
	}
}

/* SIPAS and the criteria month by month, up to the period's end. */
static void trend(struct pdfr *r)
{
	const struct trend *t = r->m->trend;
	struct chart c;

	if (t == NULL || t->ncrit < 0 || t->nmonths < 2)
		return;
	chart_init(&c, CHART_LINE, hl_arena_printf(r->a, "Diễn biến theo tháng năm %d%s", t->year,
		t->mean ? " (bình quân các đơn vị)" : ""));
	chart_trend(&c, t);
	put_chart(r, &c);
}

static void questions(struct pdfr *r)
{
	const struct rpt_model *m = r->m;
	const struct pdf_col col[] = {
		{"Mức trả lời", 0.52, PDF_LEFT}, {"Số ý kiến", 0.16, PDF_RIGHT},
		{"Tỷ lệ", 0.16, PDF_RIGHT},
	};
	const struct pdf_table t = {3, col, CELL};

	if (m->nquestions == 0)
		return;
	heading(r, "KẾT QUẢ THEO TỪNG CÂU HỎI");
	for (int q = 0; q < m->nquestions; q++) {
		const struct rpt_question *qu = &m->questions[q];
		int64_t sat = 0;

		pdfdoc_need(r->d, BODY * 3 + (qu->nlevels + 2) * (CELL * 1.2 + 5));
		pdfdoc_par(r->d, hl_arena_printf(r->a, "Câu %d%s%s%s: %s", q + 1,
			qu->criterion != NULL && qu->criterion[0] ? " (tiêu chí " : "",
			nz(qu->criterion), qu->criterion != NULL && qu->criterion[0] ? ")" : "",
			nz(qu->text)), 12, PDF_BOLD, PDF_JUSTIFY, 0, 4);
		pdfdoc_table_begin(r->d, &t);
		for (int l = 0; l < qu->nlevels && l < RPT_MAX_LEVELS; l++) {
			const char *cells[3] = {
				nz(qu->label[l]), integer(r->a, qu->count[l]),
				pct(r->a, qu->count[l], qu->valid),
			};

			if (qu->satisfied[l])
				sat += qu->count[l];
			pdfdoc_table_row(r->d, cells, NULL);
		}
		{
			const char *cells[3] = {"Cộng (câu trả lời hợp lệ)", integer(r->a, qu->valid),
				qu->valid > 0 ? "100,00 %" : "–"};
			const unsigned st[3] = {PDF_BOLD, PDF_BOLD, PDF_BOLD};

			pdfdoc_table_row(r->d, cells, st);
		}
		if (qu->no_answer > 0) {
			const char *cells[3] = {"Không trả lời (không tính)", integer(r->a,
				qu->no_answer), ""};
			const unsigned st[3] = {PDF_ITALIC, PDF_ITALIC, 0};

			pdfdoc_table_row(r->d, cells, st);
		}
		pdfdoc_table_end(r->d, 3);
		pdfdoc_par(r->d, hl_arena_printf(r->a, "Tỷ lệ hài lòng: %s.",
			pct(r->a, sat, qu->valid)), NOTE, PDF_ITALIC, PDF_LEFT, INDENT, 8);
	}
}

static void themes(struct pdfr *r)
{
	const struct rpt_model *m = r->m;
	const struct pdf_col col[] = {
		{"TT", 0.06, PDF_CENTER}, {"Nội dung", 0.26, PDF_LEFT},
		{"Số ý kiến", 0.12, PDF_RIGHT}, {"Ví dụ ý kiến của người dân", 0.54, PDF_LEFT},
	};
	const struct pdf_table t = {4, col, CELL};

	heading(r, "Ý KIẾN GÓP Ý CỦA NGƯỜI DÂN, TỔ CHỨC");
	if (m->nthemes == 0) {
		par(r, "Trong kỳ không có ý kiến góp ý bằng lời.");
		return;
	}
	pdfdoc_table_begin(r->d, &t);
	for (int i = 0; i < m->nthemes; i++) {
		const struct rpt_theme *th = &m->themes[i];
		const char *ex = "";

		for (int e = 0; e < th->nexamples && e < RPT_EXAMPLES; e++)
			ex = hl_arena_printf(r->a, "%s%s“%s”", ex, e ? "\n" : "",
				shorten(r->a, th->example[e], EXAMPLE_MAX));
		{
			const char *cells[4] = {hl_arena_printf(r->a, "%d", i + 1), nz(th->name),
				integer(r->a, th->count), ex};
			const unsigned st[4] = {0, 0, 0, PDF_ITALIC};

			pdfdoc_table_row(r->d, cells, st);
		}
	}
	pdfdoc_table_end(r->d, 4);
	pdfdoc_par(r->d, "Một ý kiến có thể thuộc nhiều nội dung; mỗi ý kiến chỉ được đếm một "
		"lần cho mỗi nội dung.", NOTE, PDF_ITALIC, PDF_LEFT, INDENT, PAR_AFTER);
}

/* Feedback beside criterion TT (issue 6): left out when none came. */
static void feedback(struct pdfr *r)
{
	const struct rpt_model *m = r->m;
	const struct pdf_col col[] = {
		{"Đơn vị", 0.28, PDF_LEFT}, {"Tiếp nhận", 0.1, PDF_RIGHT},
		{"Đã trả lời", 0.1, PDF_RIGHT}, {"Đến hạn", 0.1, PDF_RIGHT},
		{"Đúng hạn", 0.1, PDF_RIGHT}, {"Tỷ lệ đúng hạn", 0.12, PDF_RIGHT},
		{"Điểm", 0.08, PDF_CENTER}, {"Hài lòng với trả lời", 0.12, PDF_RIGHT},
	};
	const struct pdf_table t = {8, col, CELL};

	if (m->nfeedback == 0)
		return;
	heading(r, "PHẢN ÁNH, KIẾN NGHỊ (TIÊU CHÍ TT)");
	pdfdoc_table_begin(r->d, &t);
	for (int i = 0; i < m->nfeedback; i++) {
		const struct rpt_feedback *f = &m->feedback[i];
		const char *cells[8] = {nz(f->unit), integer(r->a, f->received),
			integer(r->a, f->answered), integer(r->a, f->due), integer(r->a, f->on_time),
			pct(r->a, f->on_time, f->due), hl_arena_printf(r->a, "%d", f->score),
			pct(r->a, f->satisfied, f->rated)};

		pdfdoc_table_row(r->d, cells, NULL);
	}
	pdfdoc_table_end(r->d, 4);
	pdfdoc_par(r->d, "Điểm theo Thông tư 01/2018/TT-VPCP: 2 khi mọi phản ánh đến hạn được trả "
		"lời đúng hạn (hoặc không có phản ánh), 1 khi từ 90 % trở lên, 0 khi dưới 90 %.", NOTE,
		PDF_ITALIC, PDF_LEFT, INDENT, PAR_AFTER);
}

/* One task of the plan in the below table: "- 4. Sử dụng màn hình LED …
 * (Đang thực hiện)", its first line shortened; without a status (no plan
 * numbers) as is. */
static const char *below_task(struct pdfr *r, const struct rpt_below *b, int k)
{
	const char *s = nz(b->tasks[k]);
	const char *line = hl_arena_strndup(r->a, s, strcspn(s, "\n"));
	const char *t = shorten(r->a, line != NULL ? line : s, 200);

	if (b->status == NULL || b->task_no == NULL)
		return hl_arena_printf(r->a, "- %s", t);
	return hl_arena_printf(r->a, "- %d. %s (%s)", b->task_no[k], t, nz(b->status[k]));
}

static void below(struct pdfr *r)
{
	const struct rpt_model *m = r->m;
	const char *before_head = hl_arena_printf(r->a, "Năm %d", m->o.period.year - 1);
	const struct pdf_col col[] = {
		{"Đơn vị", 0.16, PDF_LEFT}, {"Tiêu chí", 0.18, PDF_LEFT},
		{before_head != NULL ? before_head : "Năm trước", 0.08, PDF_CENTER},
		{m->period_label, 0.09, PDF_CENTER}, {"Chỉ tiêu", 0.08, PDF_CENTER},
		{"Còn thiếu", 0.08, PDF_CENTER}, {"Nhiệm vụ trong kế hoạch và tình trạng", 0.33, PDF_LEFT},
	};
	const struct pdf_table t = {7, col, CELL};

	heading(r, "CÁC TIÊU CHÍ CHƯA ĐẠT CHỈ TIÊU");
	if (m->nbelow == 0) {
		par(r, "Tất cả các tiêu chí đều đạt chỉ tiêu được giao.");
		return;
	}
	par(r, hl_arena_printf(r->a, "Cột “Năm %d”: chỉ số trước kế hoạch nâng cao mức độ hài lòng "
		"năm %d; cột “%s”: chỉ số sau, trong kỳ báo cáo; cột cuối: các nhiệm vụ của kế hoạch "
		"cho tiêu chí và tình trạng thực hiện.", m->o.period.year - 1, m->o.period.year,
		m->period_label));
	pdfdoc_table_begin(r->d, &t);
	for (int i = 0; i < m->nbelow; i++) {
		const struct rpt_below *b = &m->below[i];
		const char *tasks = "";

		for (int k = 0; k < b->ntasks && b->tasks != NULL; k++)
			tasks = hl_arena_printf(r->a, "%s%s%s", tasks, k ? "\n" : "", below_task(r, b, k));
		{
			const char *cells[7] = {
				nz(b->unit),
				hl_arena_printf(r->a, "%s – %s", nz(b->criterion), nz(b->criterion_name)),
				b->has_before ? dec(r->a, b->before) : "–",
				dec(r->a, b->value), dec(r->a, b->target),
				dec(r->a, b->target - b->value),
				tasks[0] ? tasks : "(chưa có kế hoạch)",
			};
			const unsigned st[7] = {0, 0, 0, PDF_BOLD, 0, 0, tasks[0] ? 0 : PDF_ITALIC};

			pdfdoc_table_row(r->d, cells, st);
		}
	}
	pdfdoc_table_end(r->d, PAR_AFTER);
}

static void staff(struct pdfr *r)
{
	const struct rpt_model *m = r->m;
	const struct pdf_col col[] = {
		{"TT", 0.06, PDF_CENTER}, {"Công chức", 0.32, PDF_LEFT}, {"Đơn vị", 0.30, PDF_LEFT},
		{"Số phiếu", 0.14, PDF_RIGHT}, {"Tỷ lệ hài lòng", 0.16, PDF_RIGHT},
	};
	const struct pdf_table t = {5, col, CELL};

	if (!m->o.internal || m->staff == NULL)
		return;
	heading(r, "KẾT QUẢ THEO CÔNG CHỨC (TÀI LIỆU NỘI BỘ, KHÔNG CÔNG BỐ)");
	if (m->nstaff == 0) {
		par(r, "Trong kỳ không có phiếu nào ghi tên công chức tiếp nhận.");
		return;
	}
	pdfdoc_table_begin(r->d, &t);
	for (int i = 0; i < m->nstaff; i++) {
		const struct rpt_staff *s = &m->staff[i];
		const char *cells[5] = {
			hl_arena_printf(r->a, "%d", i + 1),
			s->name != NULL && s->name[0] ? s->name : nz(s->code), nz(s->unit),
			integer(r->a, s->n), s->valid ? hl_arena_printf(r->a, "%s %%",
				dec(r->a, s->value)) : "–",
		};

		pdfdoc_table_row(r->d, cells, NULL);
	}
	pdfdoc_table_end(r->d, PAR_AFTER);
}

/* "Nơi nhận" on the left, the signature block on the right, kept together. */
static void closing(struct pdfr *r)
{
	struct pdfdoc *d = r->d;
	const struct rpt_model *m = r->m;
	double W = pdfdoc_width(d), lw = 0.45 * W, rx = lw, rw = W - lw;
	double hl = 0, hr, y;
	const char *signer = upper(r->a, m->signer_title != NULL && m->signer_title[0] ?
		m->signer_title : "THỦ TRƯỞNG CƠ QUAN");

	hl += pdfdoc_text_at(d, 0, 0, lw, "Nơi nhận:", 12, PDF_BOLD | PDF_ITALIC, PDF_LEFT,
		false);
	for (int i = 0; i < m->nrecipients && i < 8; i++)
		hl += pdfdoc_text_at(d, 0, 0, lw, hl_arena_printf(r->a, "- %s",
			nz(m->recipients[i])), 11, 0, PDF_LEFT, false);
	hr = pdfdoc_text_at(d, rx, 0, rw, signer, 13, PDF_BOLD, PDF_CENTER, false);
	pdfdoc_space(d, 10);
	pdfdoc_need(d, (hl > hr + 90 ? hl : hr + 90) + 4);
	y = pdfdoc_y(d);
	hl = pdfdoc_text_at(d, 0, y, lw, "Nơi nhận:", 12, PDF_BOLD | PDF_ITALIC, PDF_LEFT, true);
	for (int i = 0; i < m->nrecipients && i < 8; i++)
		hl += pdfdoc_text_at(d, 0, y + hl, lw, hl_arena_printf(r->a, "- %s",
			nz(m->recipients[i])), 11, 0, PDF_LEFT, true);
	hr = pdfdoc_text_at(d, rx, y, rw, signer, 13, PDF_BOLD, PDF_CENTER, true);
	/* Room to sign and stamp, then the signer's name in bold; without
	 * one, a line to write it on by hand. */
	hr += 80;
	if (m->signer != NULL && m->signer[0] != '\0') {
		hr += pdfdoc_text_at(d, rx, y + hr, rw, m->signer, 13, PDF_BOLD, PDF_CENTER, true);
	} else {
		pdfdoc_rule(d, rx + rw / 2 - 30 * PDF_MM, rx + rw / 2 + 30 * PDF_MM, y + hr, 0.4);
		hr += 4;
	}
	pdfdoc_set_y(d, y + (hl > hr ? hl : hr));
}

/* Open r's document on a temporary file for path, dated the report's day,
 * and draw its heading. */
static int begin(struct pdfr *r, struct rpt_out *out, const char *path)
{
	const struct rpt_model *m = r->m;
	char iso[32];
	hl_day day = doc_date(m);
	int y, mo, dd, rc;

	hl_day_to_ymd(day, &y, &mo, &dd);
	snprintf(iso, sizeof(iso), "%04d-%02d-%02dT00:00:00", y, mo, dd);
	rc = pdfdoc_open(path, hl_arena_printf(r->a, "%s – %s", nz(m->title), nz(m->subtitle)), iso,
		out, &r->d, r->err);
	if (rc != HL_OK)
		return rc;
	doc_heading(r, day);
	return HL_OK;
}

/* Unless rc already failed, finish r's document and rename it over the
 * target; release everything either way. */
static int finish(struct pdfr *r, struct rpt_out *out, int rc)
{
	rc = pdfdoc_close(r->d, out, rc, r->err);
	hl_arena_free(r->a);
	return rc;
}

int rpt_pdf(const struct rpt_model *m, const char *path, struct hl_err *err)
{
	struct rpt_out out = {0};
	struct pdfr r = {.m = m, .err = err};
	int rc;

	if (m == NULL || m->index == NULL)
		return hl_err_set(err, HL_EINVAL, HL_HERE, "báo cáo chưa có số liệu để in");
	r.a = hl_arena_new(TMP_CAP);
	if (r.a == NULL)
		return hl_err_set(err, HL_ENOMEM, HL_HERE, "hết bộ nhớ khi tạo báo cáo PDF");
	rc = begin(&r, &out, path);
	if (rc != HL_OK)
		goto cleanup;
	opinions(&r);
	heading(&r, "CHỈ SỐ HÀI LÒNG THEO ĐƠN VỊ VÀ TIÊU CHÍ");
	index_table(&r);
	charts(&r);
	trend(&r);
	rc = r.rc;
	if (rc != HL_OK)
		goto cleanup;
	questions(&r);
	themes(&r);
	feedback(&r);
	below(&r);
	staff(&r);
	closing(&r);
cleanup:
	return finish(&r, &out, rc);
}

int rpt_pdf_letter(const struct rpt_model *m, const struct rpt_par *par, int n,
	const char *path, struct hl_err *err)
{
	struct rpt_out out = {0};
	struct pdfr r = {.m = m, .err = err};
	int rc;

	r.a = hl_arena_new(TMP_CAP);
	if (r.a == NULL)
		return hl_err_set(err, HL_ENOMEM, HL_HERE, "hết bộ nhớ khi tạo văn bản PDF");
	rc = begin(&r, &out, path);
	if (rc != HL_OK)
		goto cleanup;
	for (int i = 0; i < n; i++)
		pdfdoc_par(r.d, nz(par[i].text), BODY, par[i].style,
			par[i].center ? PDF_CENTER : PDF_JUSTIFY, par[i].indent ? INDENT : 0, PAR_AFTER);
	closing(&r);
cleanup:
	return finish(&r, &out, rc);
}
