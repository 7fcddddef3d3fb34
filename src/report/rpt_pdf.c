/* rpt_pdf.c — the report as the PDF an office signs and sends: an
 * administrative document in the layout of Nghị định 30/2020 (issuing body
 * and national motto at the top, number, place and date, title, body, "Nơi
 * nhận" and the signature block), A4, Liberation Serif, with the index table
 * laid out as seed 003 does, charts drawn as vectors by chart_draw, and the
 * rest of the model as small tables. Only lays out what rpt_build computed. */
#include "base/clock.h"
#include "report/render.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "base/arena.h"
#include "base/text.h"
#include "report/chart_draw.h"
#include "core/phrase.h"
#include "report/out.h"
#include "report/rpt_grid.h"
#include "report/pdfdoc.h"

#define BODY 13.0 /* body text, points (Nghị định 30: 13–14) */
#define CELL 11.0 /* table cells */
#define NOTE 11.0
#define PAR_AFTER 6.0
#define INDENT (10 * PDF_MM)
#define EXAMPLE_MAX 240 /* bytes of one example comment shown */
#define TASK_MAX 600    /* bytes of a plan task's first line shown */
#define TMP_CAP ((size_t)64 << 20)
#define CHART_H 250                  /* points */
#define ROW_H (CELL * 1.2 + 2 * 2.5) /* a one-line table row */

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

/* At most max bytes of s, cut between words (a word longer than that on
 * a character boundary), "…" when cut. */
static const char *shorten(struct hl_arena *a, const char *s, size_t max)
{
	size_t n = strlen(nz(s)), cut = max;

	if (n <= max)
		return nz(s);
	while (cut > 0 && s[cut] != ' ')
		cut--;
	while (cut > 0 && (s[cut - 1] == ' ' || s[cut - 1] == ',' || s[cut - 1] == ';'))
		cut--;
	if (cut == 0) {
		cut = max;
		while (cut > 0 && ((unsigned char)s[cut] & 0xC0) == 0x80)
			cut--;
	}
	return hl_arena_printf(a, "%.*s…", (int)cut, s);
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

/* A numbered section heading, on the same page as at least the first next
 * points of what follows it (keep with next: measured by the caller). */
static void section(struct pdfr *r, const char *text, double next)
{
	static const char *const roman[] = {"I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX",
		"X"};
	const char *t;

	r->section++;
	t = hl_arena_printf(r->a, "%s. %s", r->section <= 10 ? roman[r->section - 1] : "", text);
	if (t == NULL)
		t = text;
	pdfdoc_keep(r->d, 4 + pdfdoc_par_height(r->d, t, BODY, PDF_BOLD, PDF_LEFT, 0, 0, PAR_AFTER),
		next);
	pdfdoc_space(r->d, 4);
	pdfdoc_par(r->d, t, BODY, PDF_BOLD, PDF_LEFT, 0, PAR_AFTER);
}

/* The first two lines of a body paragraph: what a heading keeps with it. */
static double par_start(struct pdfr *r, const char *text)
{
	return pdfdoc_par_height(r->d, text, BODY, 0, PDF_JUSTIFY, INDENT, 2, 0);
}

static void par(struct pdfr *r, const char *text)
{
	pdfdoc_par(r->d, text, BODY, 0, PDF_JUSTIFY, INDENT, PAR_AFTER);
}

/* A section that opens with the paragraph text. */
static void par_section(struct pdfr *r, const char *title, const char *text)
{
	section(r, title, par_start(r, text));
	par(r, text);
}

/* A section that opens with the table t, begun; cells (styles st) is its
 * first row, which the title keeps with it. */
static void table_section(struct pdfr *r, const char *title, const struct pdf_table *t,
	const char *const *cells, const unsigned *st)
{
	section(r, title, pdfdoc_table_height(r->d, t, cells, st));
	pdfdoc_table_begin(r->d, t);
}

/* ---- the heading of the document ---- */

static hl_day doc_date(const struct rpt_model *m)
{
	hl_day day = m->o.date != HL_DAY_NONE ? m->o.date : hl_clock_today();

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
		return hl_arena_printf(r->a, "Số:        /BC%s%s",
			r->m->symbol != NULL && r->m->symbol[0] ? "-" : "", nz(r->m->symbol));
	if (strncmp(n, "Số", strlen("Số")) == 0)
		return n;
	return hl_arena_printf(r->a, "Số: %s", n);
}

/* The heading; a document without a title is a công văn, its summary
 * ("V/v …") under its number. */
static void doc_heading(struct pdfr *r, hl_day day)
{
	const struct rpt_model *m = r->m;
	const struct pdf_heading h = {
		.above = m->issuer_parent != NULL && m->issuer_parent[0] != '\0' ?
			upper(r->a, m->issuer_parent) :
			NULL,
		.issuer = upper(r->a, m->issuer),
		.number = number_line(r),
		.summary = m->title == NULL ? m->subtitle : NULL,
		.date = place_date(r, day),
		.left = 0.41,
		.gap = 4,
		.rule_div = 6,
		.after = m->title == NULL ? 14 : 18,
	};

	pdfdoc_heading(r->d, &h);
	if (m->title != NULL)
		pdfdoc_title(r->d, m->title, m->subtitle, 8, m->note != NULL ? 8 : 18);
	/* The subject has been merged or has ended: who issues it and why. */
	if (m->note != NULL)
		pdfdoc_par(r->d, m->note, BODY, PDF_ITALIC, PDF_JUSTIFY, INDENT, 12);
}

/* ---- the body ---- */

static void counts_table(struct pdfr *r, const char *head, const struct rpt_count *c, int n)
{
	const struct pdf_col col[] = {
		{"STT", 0.07, PDF_CENTER, NULL},
		{head, 0.50, PDF_LEFT, NULL},
		{"Số ý kiến", 0.17, PDF_RIGHT, NULL},
		{"Tỷ lệ", 0.16, PDF_RIGHT, NULL},
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
			integer(r->a, c[i].n),
			pct(r->a, c[i].n, sum),
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

	const char *intro = hl_arena_printf(r->a,
		"Kỳ báo cáo: %s (từ ngày %s đến ngày %s). Tổng "
		"số ý kiến được tính vào chỉ số: %s phiếu.",
		m->period_label, hl_day_vn(m->o.period.first, a, sizeof(a)),
		hl_day_vn(m->o.period.last, b, sizeof(b)), integer(r->a, m->responses));

	par_section(r, "SỐ Ý KIẾN KHẢO SÁT", intro);
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

/* A unit's value: bold and red below its target ("–" without a value). */
static const char *value_cell(struct pdfr *r, const struct hl_idx_cell *c, unsigned *style)
{
	*style = 0;
	if (!c->cur.valid)
		return "–";
	if (c->has_target && !c->met)
		*style = PDF_BOLD | PDF_RED;
	return dec(r->a, c->cur.value);
}

/* The index table being laid out: its columns and what its notes need. */
struct itable {
	struct pdf_col col[HL_IDX_MAXCELLS + 5];
	struct pdf_table t;
	const char *cells[HL_IDX_MAXCELLS + 5];
	unsigned st[HL_IDX_MAXCELLS + 5];
	bool marked, pooled, below;
};

/* The cells of unit u, numbered no. */
static void unit_row(struct pdfr *r, struct itable *it, const struct iq_unit *u, size_t no)
{
	int K = r->m->index->ncrit, c = 0;
	const struct hl_idx_cell *all = &u->idx.cell[K];

	memset(it->st, 0, sizeof(it->st));
	it->cells[c++] = hl_arena_printf(r->a, "%02zu", no);
	it->cells[c++] = u->pooled && !u->active ? hl_arena_printf(r->a, "%s (†)", u->unit.name) :
						   u->unit.name;
	it->pooled |= u->pooled && !u->active;
	for (int k = 0; k <= K; k++) {
		it->cells[c] = value_cell(r, &u->idx.cell[k], &it->st[c]);
		it->below |= it->st[c] != 0;
		c++;
	}
	if (all->has_change) {
		char buf[32];

		hl_fmt_signed(buf, sizeof(buf), all->change, 2);
		it->cells[c++] = hl_arena_printf(r->a, "%s%s", buf,
			all->change_supported ? "" : "*");
		it->marked |= !all->change_supported;
	} else {
		it->cells[c++] = "–";
	}
	if (all->rank > 0) {
		it->cells[c++] = hl_arena_printf(r->a, "%d/%d%s", all->rank, all->of,
			all->rank_supported ? "" : "*");
		it->marked |= !all->rank_supported;
	} else {
		it->cells[c++] = "–";
	}
}

/* A row of its own in bold: a type's heading (its letter and name) or a
 * mean (label and values, mean NULL for a heading). */
static void bold_row(struct pdfr *r, struct itable *it, const char *no, const char *label,
	const struct rpt_mean *mean)
{
	int K = r->m->index->ncrit;

	for (int c = 0; c < it->t.ncols; c++) {
		it->cells[c] = "";
		it->st[c] = PDF_BOLD;
	}
	it->cells[0] = no;
	it->cells[1] = label;
	for (int k = 0; mean != NULL && k <= K; k++)
		it->cells[2 + k] = mean->valid[k] ? dec(r->a, mean->value[k]) : "–";
	pdfdoc_table_row(r->d, it->cells, it->st);
}

static void index_table(struct pdfr *r)
{
	const struct rpt_model *m = r->m;
	const struct iq_result *ix = m->index;
	struct itable *it = hl_arena_alloc(r->a, sizeof(*it));
	struct rpt_group one;
	const struct rpt_group *g;
	int ng = rpt_groups(m, &one, &g);
	char prev[96];
	int K = ix->ncrit, nc = 0;
	double W = pdfdoc_width(r->d), size = K <= 5 ? CELL : K <= 7 ? 10 : 9;
	double vw, sw, nw, name;
	size_t no = 0;

	if (it == NULL)
		return;
	memset(it, 0, sizeof(*it));
	/* Seed 003's proportions: a value column just wide enough for
	 * "100,00" in bold (a value never wraps), the unit's name the rest; more
	 * criteria than seed 003's five take a smaller size. */
	vw = (pdfdoc_text_width(r->d, "100,00", size, PDF_BOLD) + 8) / W;
	sw = (pdfdoc_text_width(r->d, "SIPAS", size, PDF_BOLD) + 8) / W;
	if (sw < vw)
		sw = vw;
	nw = (pdfdoc_text_width(r->d, "STT", size, PDF_BOLD) + 8) / W;
	name = 0.98 - nw - 0.11 - 0.09 - vw * K - sw;
	if (name < 0.12)
		name = 0.12;
	hl_period_label(&ix->prev, prev, sizeof(prev));
	it->col[nc++] = (struct pdf_col){"STT", nw, PDF_CENTER, NULL};
	it->col[nc++] = (struct pdf_col){"Đơn vị", name, PDF_LEFT, NULL};
	for (int k = 0; k <= K; k++)
		it->col[nc++] = (struct pdf_col){ix->crit_code[k], k < K ? vw : sw, PDF_CENTER,
			NULL};
	it->col[nc++] = (struct pdf_col){hl_arena_printf(r->a, "Tăng/ giảm so với %s%s",
						 strncmp(prev, "Năm ", 4) == 0 ? "năm " : "",
						 strncmp(prev, "Năm ", 4) == 0 ? prev + 4 : prev),
		0.11, PDF_CENTER, NULL};
	it->col[nc++] = (struct pdf_col){"Xếp hạng", 0.09, PDF_CENTER, NULL};
	it->t = (struct pdf_table){nc, it->col, size};

	/* The heading stays with the table's header and first row. */
	if (ix->nunits > 0)
		unit_row(r, it, rpt_unit_at(m, 0), 1);
	section(r, "CHỈ SỐ HÀI LÒNG THEO ĐƠN VỊ VÀ TIÊU CHÍ",
		pdfdoc_table_height(r->d, &it->t, ix->nunits > 0 ? it->cells : NULL, it->st) +
			(ng > 1 ? ROW_H : 0));
	it->marked = it->pooled = it->below = false;
	pdfdoc_table_begin(r->d, &it->t);
	for (int k = 0; k < ng; k++) {
		/* Ward offices, then health stations …: a heading row per type. */
		if (ng > 1)
			bold_row(r, it, hl_arena_printf(r->a, "%c", 'A' + k % 26), g[k].name, NULL);
		for (size_t i = g[k].first; i < g[k].first + g[k].n; i++) {
			unit_row(r, it, rpt_unit_at(m, i), ++no);
			pdfdoc_table_row(r->d, it->cells, it->st);
		}
		if (m->means)
			bold_row(r, it, "",
				ng > 1 ? hl_arena_printf(r->a, "Bình quân %s", g[k].name) :
					 "Bình quân",
				&g[k].mean);
	}
	if (m->means && ng > 1)
		bold_row(r, it, "", "Bình quân chung", &m->mean);
	pdfdoc_table_end(r->d, 6);
	/* The notes, as seed 003 writes them. */
	pdfdoc_need(r->d, (K + 3) * NOTE * 1.2);
	pdfdoc_par(r->d, "Ghi chú:", NOTE, PDF_BOLD | PDF_ITALIC, PDF_LEFT, 0, 1);
	for (int k = 0; k < K; k++)
		pdfdoc_par(r->d,
			hl_arena_printf(r->a, "%s: %s", ix->crit_code[k], nz(ix->crit_name[k])),
			NOTE, PDF_ITALIC, PDF_LEFT, INDENT, 1);
	pdfdoc_par(r->d,
		hl_arena_printf(r->a,
			"SIPAS: chỉ số hài lòng chung (trung bình các "
			"tiêu chí). Tăng/giảm: so với cùng kỳ (%s%s). Xếp hạng: theo SIPAS, trong các đơn "
			"vị cùng loại, cùng cấp trên.",
			strncmp(prev, "Năm ", 4) == 0 ? "năm " : "",
			strncmp(prev, "Năm ", 4) == 0 ? prev + 4 : prev),
		NOTE, PDF_ITALIC, PDF_JUSTIFY, INDENT, 1);
	if (m->means)
		pdfdoc_par(r->d, "Bình quân: trung bình cộng chỉ số của các đơn vị có số liệu.",
			NOTE, PDF_ITALIC, PDF_LEFT, INDENT, 1);
	if (it->below)
		pdfdoc_par(r->d, "Số in đậm màu đỏ: dưới chỉ tiêu được giao.", NOTE, PDF_ITALIC,
			PDF_LEFT, INDENT, 1);
	if (it->marked)
		pdfdoc_par(r->d,
			"(*): khoảng tin cậy 95 % chưa đủ để khẳng định mức tăng/giảm "
			"hoặc thứ hạng này.",
			NOTE, PDF_ITALIC, PDF_JUSTIFY, INDENT, 1);
	if (it->pooled)
		pdfdoc_par(r->d,
			"(†): đơn vị chưa thành lập trong kỳ; số liệu gộp từ các đơn vị "
			"trước sáp nhập.",
			NOTE, PDF_ITALIC, PDF_JUSTIFY, INDENT, 1);
	pdfdoc_space(r->d, PAR_AFTER);
}

/* A chart drawn into the page as vectors, across the text width, height
 * points high (0 = CHART_H). */
static void put_chart(struct pdfr *r, struct chart *c, int height)
{
	struct pdfdoc *d = r->d;
	double W = pdfdoc_width(d);
	cairo_t *cr;
	int rc;

	c->width = (int)W;
	c->height = height > 0 ? height : CHART_H;
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

/* A unit's name on a chart's axis: as written while it is short, else as
 * offices abbreviate it ("TYT P. Phương Sài"). */
static const char *axis_name(struct pdfr *r, const char *name)
{
	return hl_utf8_width(name) <= 28 ? name : phr_short(r->a, name);
}

/* One unit: each criterion against its target beside the same period a
 * year earlier. Several: SIPAS of each unit by name, highest first,
 * against its target (and last year's while the bars stay legible). */
static void charts(struct pdfr *r)
{
	const struct iq_result *ix = r->m->index;
	int K = ix->ncrit;
	struct chart c;
	struct chart_series *cur, *prev;
	char plabel[96];

	if (ix->nunits == 0)
		return;
	hl_period_label(&ix->prev, plabel, sizeof(plabel));
	if (ix->nunits == 1) {
		const struct iq_unit *u = &ix->units[0];

		chart_init(&c, CHART_BARS,
			hl_arena_printf(r->a, "Các tiêu chí so với chỉ tiêu – %s", u->unit.name));
		c.decimals = 2;
		prev = chart_add_series(&c, hl_arena_strdup(r->a, plabel));
		cur = chart_add_series(&c, r->m->period_label);
		for (int k = 0; k <= K && k < CHART_MAX_CATS && k < HL_IDX_MAXCELLS; k++) {
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
		section(r, "BIỂU ĐỒ", CHART_H + 10);
		put_chart(r, &c, 0);
		return;
	}
	{
		struct ranked *order = hl_arena_alloc(r->a, ix->nunits * sizeof(*order));
		size_t n = 0;
		int h;

		if (order == NULL)
			return;
		for (size_t i = 0; i < ix->nunits; i++)
			if (ix->units[i].idx.cell[K].cur.valid)
				order[n++] = (struct ranked){ix->units[i].idx.cell[K].cur.value,
					&ix->units[i]};
		if (n == 0) {
			section(r, "BIỂU ĐỒ", CHART_H + 10); /* the trend only */
			return;
		}
		qsort(order, n, sizeof(*order), by_value_desc);
		if (n > CHART_MAX_CATS)
			n = CHART_MAX_CATS;
		chart_init(&c, CHART_HBARS, "Chỉ số SIPAS của các đơn vị so với chỉ tiêu");
		c.decimals = 2;
		cur = chart_add_series(&c, r->m->period_label);
		prev = n <= 8 ? chart_add_series(&c, hl_arena_strdup(r->a, plabel)) : NULL;
		for (size_t i = 0; i < n; i++) {
			const struct hl_idx_cell *cell = &order[i].u->idx.cell[K];

			chart_add_cat(&c, axis_name(r, order[i].u->unit.name), NULL);
			cur->value[i] = cell->cur.value;
			if (prev != NULL && cell->prev.valid)
				prev->value[i] = cell->prev.value;
			if (cell->has_target)
				c.target[i] = cell->target;
		}
		c.width = (int)pdfdoc_width(r->d);
		h = chart_hbars_height(&c);
		section(r, "BIỂU ĐỒ", h + 10);
		put_chart(r, &c, h);
		pdfdoc_par(r->d,
			ix->nunits > CHART_MAX_CATS ?
				hl_arena_printf(r->a,
					"Các đơn vị xếp "
					"theo chỉ số SIPAS từ cao xuống thấp; biểu đồ chỉ vẽ %d đơn vị có chỉ số cao "
					"nhất.",
					CHART_MAX_CATS) :
				"Các đơn vị xếp theo chỉ số SIPAS từ cao xuống thấp.",
			NOTE, PDF_ITALIC, PDF_LEFT, INDENT, PAR_AFTER);
	}
}

/* SIPAS and the criteria month by month, up to the period's end. */
static void trend(struct pdfr *r)
{
	const struct trend *t = r->m->trend;
	struct chart c;

	if (t == NULL || t->ncrit < 0 || t->nmonths < 2)
		return;
	chart_init(&c, CHART_LINE,
		hl_arena_printf(r->a, "Diễn biến theo tháng năm %d%s", t->year,
			t->mean ? " (bình quân các đơn vị)" : ""));
	chart_trend(&c, t);
	put_chart(r, &c, 0);
}

static const struct pdf_col q_col[] = {
	{"Mức trả lời", 0.52, PDF_LEFT, NULL},
	{"Số ý kiến", 0.16, PDF_RIGHT, NULL},
	{"Tỷ lệ", 0.16, PDF_RIGHT, NULL},
};
static const struct pdf_table q_table = {3, q_col, CELL};

/* "Câu 3 (tiêu chí TC): …", numbered within its instrument. */
static const char *question_title(struct pdfr *r, const struct rpt_question *qu, int no)
{
	bool crit = qu->criterion != NULL && qu->criterion[0] != '\0';

	return hl_arena_printf(r->a, "Câu %d%s%s%s: %s", no, crit ? " (tiêu chí " : "",
		crit ? qu->criterion : "", crit ? ")" : "", nz(qu->text));
}

/* "Bộ câu hỏi: Phiếu khảo sát … (mã sipas-5, phiên bản 1)". */
static const char *instrument_title(struct pdfr *r, const struct rpt_question *qu)
{
	const char *label = nz(qu->instrument), *at = strrchr(label, '@');
	const char *code = at != NULL ? hl_arena_strndup(r->a, label, (size_t)(at - label)) : label;
	const char *name = qu->instrument_name != NULL ? qu->instrument_name : "";

	return hl_arena_printf(r->a, "%s%s (mã %s%s%s)",
		name[0] == '\0'                                                ? "Bộ câu hỏi" :
			strncmp(name, "Bộ câu hỏi", strlen("Bộ câu hỏi")) == 0 ? "" :
										 "Bộ câu hỏi: ",
		name, code, at != NULL ? ", phiên bản " : "", at != NULL ? at + 1 : "");
}

/* The height a question takes: its title, the table of its levels, the
 * satisfied share; kept on one page. */
static double question_height(struct pdfr *r, const struct rpt_question *qu, int no)
{
	const char *first[3] = {qu->nlevels > 0 ? nz(qu->label[0]) : "", "0", "0 %"};
	int rows = qu->nlevels + (qu->no_answer > 0 ? 1 : 0);

	return pdfdoc_par_height(r->d, question_title(r, qu, no), 12, PDF_BOLD, PDF_JUSTIFY, 0, 0,
		       4) +
		pdfdoc_table_height(r->d, &q_table, first, NULL) + rows * ROW_H + 3 + NOTE * 1.2 +
		8;
}

static double instrument_height(struct pdfr *r, const struct rpt_question *qu)
{
	return pdfdoc_par_height(r->d, instrument_title(r, qu), BODY, PDF_BOLD | PDF_ITALIC,
		PDF_LEFT, 0, 0, 6);
}

/* The answers to each question, instrument by instrument: each under its
 * own heading, its questions numbered from 1. */
static void questions(struct pdfr *r)
{
	const struct rpt_model *m = r->m;
	int no = 0;

	if (m->nquestions == 0)
		return;
	section(r, "KẾT QUẢ THEO TỪNG CÂU HỎI",
		instrument_height(r, &m->questions[0]) + question_height(r, &m->questions[0], 1));
	for (int q = 0; q < m->nquestions; q++) {
		const struct rpt_question *qu = &m->questions[q];
		int64_t sat = 0;

		if (q == 0 || strcmp(nz(qu->instrument), nz(m->questions[q - 1].instrument)) != 0) {
			no = 0;
			pdfdoc_keep(r->d, instrument_height(r, qu), question_height(r, qu, 1));
			pdfdoc_par(r->d, instrument_title(r, qu), BODY, PDF_BOLD | PDF_ITALIC,
				PDF_LEFT, 0, 6);
		}
		no++;
		pdfdoc_need(r->d, question_height(r, qu, no));
		pdfdoc_par(r->d, question_title(r, qu, no), 12, PDF_BOLD, PDF_JUSTIFY, 0, 4);
		pdfdoc_table_begin(r->d, &q_table);
		for (int l = 0; l < qu->nlevels && l < RPT_MAX_LEVELS; l++) {
			const char *cells[3] = {
				nz(qu->label[l]),
				integer(r->a, qu->count[l]),
				pct(r->a, qu->count[l], qu->valid),
			};

			if (qu->satisfied[l])
				sat += qu->count[l];
			pdfdoc_table_row(r->d, cells, NULL);
		}
		{
			const char *cells[3] = {"Cộng (câu trả lời hợp lệ)",
				integer(r->a, qu->valid), qu->valid > 0 ? "100,00 %" : "–"};
			const unsigned st[3] = {PDF_BOLD, PDF_BOLD, PDF_BOLD};

			pdfdoc_table_row(r->d, cells, st);
		}
		if (qu->no_answer > 0) {
			const char *cells[3] = {"Không trả lời (không tính)",
				integer(r->a, qu->no_answer), ""};
			const unsigned st[3] = {PDF_ITALIC, PDF_ITALIC, 0};

			pdfdoc_table_row(r->d, cells, st);
		}
		pdfdoc_table_end(r->d, 3);
		pdfdoc_par(r->d,
			hl_arena_printf(r->a, "Tỷ lệ hài lòng: %s.", pct(r->a, sat, qu->valid)),
			NOTE, PDF_ITALIC, PDF_LEFT, INDENT, 8);
	}
}

/* The cells of theme i of m. */
static void theme_cells(struct pdfr *r, int i, const char **cells)
{
	const struct rpt_theme *th = &r->m->themes[i];
	const char *ex = "";

	for (int e = 0; e < th->nexamples && e < RPT_EXAMPLES; e++)
		ex = hl_arena_printf(r->a, "%s%s“%s”", ex, e ? "\n" : "",
			shorten(r->a, th->example[e], EXAMPLE_MAX));
	cells[0] = hl_arena_printf(r->a, "%d", i + 1);
	cells[1] = nz(th->name);
	cells[2] = integer(r->a, th->count);
	cells[3] = ex;
}

static void themes(struct pdfr *r)
{
	const struct rpt_model *m = r->m;
	const struct pdf_col col[] = {
		{"STT", 0.07, PDF_CENTER, NULL},
		{"Nội dung", 0.25, PDF_LEFT, NULL},
		{"Số ý kiến", 0.12, PDF_RIGHT, NULL},
		{"Ví dụ ý kiến của người dân", 0.54, PDF_LEFT, NULL},
	};
	const struct pdf_table t = {4, col, CELL};
	const unsigned st[4] = {0, 0, 0, PDF_ITALIC};
	const char *cells[4];
	static const char title[] = "Ý KIẾN GÓP Ý CỦA NGƯỜI DÂN, TỔ CHỨC";
	static const char none[] = "Trong kỳ không có ý kiến góp ý bằng lời.";

	if (m->nthemes == 0) {
		par_section(r, title, none);
		return;
	}
	theme_cells(r, 0, cells);
	table_section(r, title, &t, cells, st);
	for (int i = 0; i < m->nthemes; i++) {
		theme_cells(r, i, cells);
		pdfdoc_table_row(r->d, cells, st);
	}
	pdfdoc_table_end(r->d, 4);
	pdfdoc_par(r->d,
		"Một ý kiến có thể thuộc nhiều nội dung; mỗi ý kiến chỉ được đếm một "
		"lần cho mỗi nội dung.",
		NOTE, PDF_ITALIC, PDF_LEFT, INDENT, PAR_AFTER);
}

/* A table beside TT (rpt_grid.h): left out when it has no rows. */
static void grid(struct pdfr *r, const struct rpt_grid *g)
{
	static const enum pdf_align align[] =
		{[RG_LEFT] = PDF_LEFT, [RG_RIGHT] = PDF_RIGHT, [RG_CENTER] = PDF_CENTER};
	struct pdf_col col[RPT_GRID_MAXCOLS];
	struct rpt_gval v[RPT_GRID_MAXCOLS];
	const char *cells[RPT_GRID_MAXCOLS];
	int rows = g->rows(r->m), nc = 0;
	struct pdf_table t;

	if (rows == 0)
		return;
	for (int k = 0; k < g->ncols; k++)
		if (g->cols[k].in & RG_DOC)
			col[nc++] = (struct pdf_col){g->cols[k].head, g->cols[k].width,
				align[g->cols[k].align], NULL};
	t = (struct pdf_table){nc, col, CELL};
	for (int i = 0; i < rows; i++) {
		int c = 1;

		cells[0] = nz(g->row(r->m, i, v));
		for (int k = 1; k < g->ncols; k++)
			if (g->cols[k].in & RG_DOC)
				cells[c++] = !v[k].is_dec ? integer(r->a, v[k].n) :
					v[k].valid        ? dec(r->a, v[k].v) :
							    "–";
		if (i == 0)
			table_section(r, g->title_upper, &t, cells, NULL);
		pdfdoc_table_row(r->d, cells, NULL);
	}
	pdfdoc_table_end(r->d, 4);
	if (g->note != NULL)
		pdfdoc_par(r->d, g->note, NOTE, PDF_ITALIC, PDF_LEFT, INDENT, PAR_AFTER);
}

/* One task of the plan in the below table: "- 4. Sử dụng màn hình LED …
 * (Đang thực hiện)", its first line (wrapped in the cell; only a very long
 * one is shortened, between words); without a status (no plan numbers) as
 * is. */
static const char *below_task(struct pdfr *r, const struct rpt_below *b, int k)
{
	const char *s = nz(b->tasks[k]);
	const char *line = hl_arena_strndup(r->a, s, strcspn(s, "\n"));
	const char *t = shorten(r->a, line != NULL ? line : s, TASK_MAX);

	if (b->status == NULL || b->task_no == NULL)
		return hl_arena_printf(r->a, "- %s", t);
	return hl_arena_printf(r->a, "- %d. %s (%s)", b->task_no[k], t, nz(b->status[k]));
}

static void below(struct pdfr *r)
{
	const struct rpt_model *m = r->m;
	const char *before_head = hl_arena_printf(r->a, "Năm %d", m->o.period.year - 1);
	const struct pdf_col col[] = {
		{"Đơn vị", 0.16, PDF_LEFT, NULL},
		{"Tiêu chí", 0.18, PDF_LEFT, NULL},
		{before_head != NULL ? before_head : "Năm trước", 0.08, PDF_CENTER, NULL},
		{m->period_label, 0.09, PDF_CENTER, NULL},
		{"Chỉ tiêu", 0.08, PDF_CENTER, NULL},
		{"Còn thiếu", 0.08, PDF_CENTER, NULL},
		{"Nhiệm vụ trong kế hoạch và tình trạng", 0.33, PDF_LEFT, NULL},
	};
	const struct pdf_table t = {7, col, CELL};
	static const char all_met[] = "Tất cả các tiêu chí đều đạt chỉ tiêu được giao.";
	const char *intro = hl_arena_printf(r->a,
		"Cột “Năm %d”: chỉ số trước kế hoạch nâng cao "
		"mức độ hài lòng năm %d; cột “%s”: chỉ số sau, trong kỳ báo cáo; cột cuối: các nhiệm "
		"vụ của kế hoạch cho tiêu chí và tình trạng thực hiện.",
		m->o.period.year - 1, m->o.period.year, m->period_label);

	par_section(r, "CÁC TIÊU CHÍ CHƯA ĐẠT CHỈ TIÊU", m->nbelow == 0 ? all_met : intro);
	if (m->nbelow == 0)
		return;
	pdfdoc_table_begin(r->d, &t);
	for (int i = 0; i < m->nbelow; i++) {
		const struct rpt_below *b = &m->below[i];
		const char *tasks = "";

		for (int k = 0; k < b->ntasks && b->tasks != NULL; k++)
			tasks = hl_arena_printf(r->a, "%s%s%s", tasks, k ? "\n" : "",
				below_task(r, b, k));
		{
			const char *cells[7] = {
				nz(b->unit),
				hl_arena_printf(r->a, "%s – %s", nz(b->criterion),
					nz(b->criterion_name)),
				b->has_before ? dec(r->a, b->before) : "–",
				dec(r->a, b->value),
				dec(r->a, b->target),
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
		{"STT", 0.07, PDF_CENTER, NULL},
		{"Công chức", 0.31, PDF_LEFT, NULL},
		{"Đơn vị", 0.30, PDF_LEFT, NULL},
		{"Số phiếu", 0.14, PDF_RIGHT, NULL},
		{"Tỷ lệ hài lòng", 0.16, PDF_RIGHT, NULL},
	};
	const struct pdf_table t = {5, col, CELL};
	static const char title[] = "KẾT QUẢ THEO CÔNG CHỨC (TÀI LIỆU NỘI BỘ, KHÔNG CÔNG BỐ)";
	static const char none[] = "Trong kỳ không có phiếu nào ghi tên công chức tiếp nhận.";

	if (!m->o.internal || m->staff == NULL)
		return;
	if (m->nstaff == 0) {
		par_section(r, title, none);
		return;
	}
	for (int i = 0; i < m->nstaff; i++) {
		const struct rpt_staff *s = &m->staff[i];
		const char *cells[5] = {
			hl_arena_printf(r->a, "%d", i + 1),
			s->name != NULL && s->name[0] ? s->name : nz(s->code),
			nz(s->unit),
			integer(r->a, s->n),
			s->valid ? hl_arena_printf(r->a, "%s %%", dec(r->a, s->value)) : "–",
		};

		if (i == 0)
			table_section(r, title, &t, cells, NULL);
		pdfdoc_table_row(r->d, cells, NULL);
	}
	pdfdoc_table_end(r->d, PAR_AFTER);
}

/* "Nơi nhận" on the left, the signature block on the right, kept together. */
static void closing(struct pdfr *r)
{
	const struct rpt_model *m = r->m;

	pdfdoc_closing(r->d, m->recipients, m->nrecipients < 8 ? m->nrecipients : 8,
		upper(r->a,
			m->signer_title != NULL && m->signer_title[0] ? m->signer_title :
									"THỦ TRƯỞNG CƠ QUAN"),
		m->signer);
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
	rc = pdfdoc_open(path,
		m->title != NULL ? hl_arena_printf(r->a, "%s – %s", m->title, nz(m->subtitle)) :
				   nz(m->subtitle),
		iso, out, &r->d, r->err);
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
	index_table(&r);
	charts(&r);
	trend(&r);
	rc = r.rc;
	if (rc != HL_OK)
		goto cleanup;
	questions(&r);
	themes(&r);
	for (int k = 0; k < RPT_NGRIDS; k++)
		grid(&r, rpt_grids[k]);
	below(&r);
	staff(&r);
	closing(&r);
cleanup:
	return finish(&r, &out, rc);
}

int rpt_pdf_letter(const struct rpt_model *m, const struct rpt_par *par, int n, const char *path,
	struct hl_err *err)
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
			par[i].center ? PDF_CENTER : PDF_JUSTIFY, par[i].indent ? INDENT : 0,
			PAR_AFTER);
	closing(&r);
cleanup:
	return finish(&r, &out, rc);
}
