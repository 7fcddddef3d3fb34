/* rpt_html.c — the report as one standalone, printable HTML page with the
 * content of the PDF: heading and national motto, number, place and date,
 * the opinions by channel and field, the table per unit and criterion as
 * seed 003 lays it out, a chart, criteria below target, answer
 * distributions, comment themes, results per civil servant (internal
 * reports only), "Nơi nhận" and the signature block.
 *
 * The page is a file, not served under the server's CSP, so its small
 * stylesheet sits in a <style> element. Every piece of text from the model
 * goes through txt() (element content and quoted attributes alike); markup
 * is written with fputs and only from literals here. */
#include "report/render.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "base/arena.h"
#include "base/text.h"
#include "core/date.h"
#include "report/chart.h"
#include "core/phrase.h"
#include "report/out.h"
#include "report/rpt_grid.h"

#define CHART_ARENA ((size_t)16 << 20)

/* Text as HTML: & < > " ' escaped, line breaks kept as <br>. */
static void txt(FILE *f, const char *s)
{
	for (; s && *s; s++) {
		switch (*s) {
		case '&': fputs("&amp;", f); break;
		case '<': fputs("&lt;", f); break;
		case '>': fputs("&gt;", f); break;
		case '"': fputs("&quot;", f); break;
		case '\'': fputs("&#39;", f); break;
		case '\n': fputs("<br>", f); break;
		case '\r': break;
		default: fputc(*s, f);
		}
	}
}

/* <tag class="cls">text</tag> with the text escaped. */
/* Text s escaped between the markup pre and post (literals). */
static void txt_in(FILE *f, const char *pre, const char *s, const char *post)
{
	fputs(pre, f);
	txt(f, s);
	fputs(post, f);
}

static void el(FILE *f, const char *tag, const char *cls, const char *s)
{
	fprintf(f, "<%s%s%s%s>", tag, cls ? " class=\"" : "", cls ? cls : "", cls ? "\"" : "");
	txt(f, s);
	fprintf(f, "</%s>", tag);
}

static const char *dec(char *buf, size_t size, double v)
{
	return hl_fmt_dec(buf, size, v, 2);
}

static const char *count(char *buf, size_t size, int64_t n)
{
	return hl_fmt_int(buf, size, (long long)n);
}

static const char STYLE[] =
	"@page{size:A4;margin:20mm 15mm 20mm 30mm}"
	"body{font-family:'Liberation Serif','Times New Roman',Times,serif;font-size:13pt;"
	"line-height:1.35;color:#000;max-width:170mm;margin:1em auto;padding:0 1em}"
	".head{display:flex;justify-content:space-between;text-align:center;gap:1em}"
	".no{white-space:pre}.head div{flex:1}.head p{margin:0}.b{font-weight:bold}.i{font-style:italic}"
	".rule{display:block;width:40%;margin:2px auto 0;border-top:1px solid #000}"
	"h1{font-size:14pt;text-align:center;margin:1.2em 0 0}"
	".sub{text-align:center;font-weight:bold;margin:0 0 1em}"
	"h2{font-size:13pt;margin:1.2em 0 .4em}"
	"table{border-collapse:collapse;width:100%;margin:.4em 0;font-size:12pt}"
	"thead{display:table-header-group}tr{break-inside:avoid}"
	"th,td{border:1px solid #000;padding:2px 4px;vertical-align:top}"
	"th{text-align:center}td.n{text-align:right;white-space:nowrap}"
	"td.low{font-weight:bold;color:#c8102e}tr.sum td,tr.grp td{font-weight:bold}"
	".note{font-size:11pt}.foot{display:flex;justify-content:space-between;margin-top:2em}"
	".foot div{flex:1}.sign{text-align:center}.to p{margin:0;font-size:11pt}"
	"svg{max-width:100%;height:auto}"
	"@media print{body{margin:0;max-width:none}}"
	/* a phone: smaller type so that the widest table (a column per
	 * criterion) fits the screen, words broken rather than cut off */
	"@media screen and (max-width:640px){body{font-size:11pt;padding:0 .4em}"
	".head{font-size:10pt}table{font-size:8.5pt}th,td{padding:1px 2px;overflow-wrap:anywhere}}";

static void heading(FILE *f, const struct rpt_model *m)
{
	int y = 0, mo = 0, d = 0;

	fputs("<div class=\"head\"><div>", f);
	if (m->issuer_parent[0] != '\0')
		el(f, "p", NULL, m->issuer_parent);
	el(f, "p", "b", m->issuer);
	fputs("<span class=\"rule\"></span><p class=\"no\">", f);
	if (m->o.number) {
		txt(f, m->o.number);
	} else {
		txt(f, "Số:      /BC");
		if (m->symbol != NULL && m->symbol[0] != '\0') {
			txt(f, "-");
			txt(f, m->symbol);
		}
	}
	fputs("</p></div><div>", f);
	el(f, "p", "b", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
	el(f, "p", "b", "Độc lập – Tự do – Hạnh phúc");
	fputs("<span class=\"rule\"></span><p class=\"i\">", f);
	txt(f, m->place);
	if (m->o.date != HL_DAY_NONE) {
		/* Nghị định 30/2020: a zero before days below 10 and months 1 and 2. */
		hl_day_to_ymd(m->o.date, &y, &mo, &d);
		fprintf(f, ", ngày %02d tháng %s%d năm %d", d, mo < 3 ? "0" : "", mo, y);
	} else {
		fputs(", ngày     tháng     năm     ", f);
	}
	fputs("</p></div></div>\n", f);
	el(f, "h1", NULL, m->title);
	el(f, "p", "sub", m->subtitle);
	if (m->note != NULL)
		el(f, "p", "i", m->note);
	fputc('\n', f);
}

/* Open a table whose header row is the n texts of heads. */
static void table_head(FILE *f, int n, const char *const *heads)
{
	fputs("<table><thead><tr>", f);
	for (int k = 0; k < n; k++)
		el(f, "th", NULL, heads[k]);
	fputs("</tr></thead><tbody>\n", f);
}

static void count_table(FILE *f, const char *what, const struct rpt_count *c, int n, int64_t total)
{
	char a[32], b[32];

	table_head(f, 4, (const char *const[]){"STT", what, "Số phiếu", "Tỷ lệ (%)"});
	for (int i = 0; i < n; i++) {
		fprintf(f, "<tr><td class=\"n\">%d</td>", i + 1);
		el(f, "td", NULL, c[i].name);
		el(f, "td", "n", count(a, sizeof(a), c[i].n));
		el(f, "td", "n",
			dec(b, sizeof(b), total ? 100.0 * (double)c[i].n / (double)total : 0));
		fputs("</tr>\n", f);
	}
	fputs("</tbody></table>\n", f);
}

static void opinions(FILE *f, const struct rpt_model *m)
{
	char n[32];

	el(f, "h2", NULL, "I. Số ý kiến khảo sát");
	fputs("<p>", f);
	txt(f, "Tổng số phiếu khảo sát hợp lệ được tính trong kỳ: ");
	el(f, "b", NULL, count(n, sizeof(n), m->responses));
	fputs(".</p>\n", f);
	el(f, "p", NULL, "Theo kênh khảo sát:");
	count_table(f, "Kênh", m->channels, m->nchannels, m->responses);
	el(f, "p", NULL, "Theo lĩnh vực:");
	count_table(f, "Lĩnh vực", m->fields, m->nfields, m->responses);
}

/* A bold row: a type's heading (letter and name) or a mean (label and
 * values, mean NULL for a heading). */
static void bold_row(FILE *f, const struct iq_result *r, const char *cls, const char *no,
	const char *label, const struct rpt_mean *mean)
{
	char buf[64];

	fprintf(f, "<tr class=\"%s\">", cls);
	el(f, "td", "n", no);
	el(f, "td", NULL, label);
	for (int k = 0; k <= r->ncrit; k++)
		el(f, "td", "n",
			mean == NULL           ? "" :
				mean->valid[k] ? dec(buf, sizeof(buf), mean->value[k]) :
						 "–");
	fputs("<td></td><td></td></tr>\n", f);
}

static void index_table(FILE *f, const struct rpt_model *m)
{
	const struct iq_result *r = m->index;
	char buf[64], prev[96];
	bool any_low = false;
	struct rpt_group one;
	const struct rpt_group *g;
	int ng = rpt_groups(m, &one, &g);
	size_t no = 0;

	el(f, "h2", NULL, "II. Chỉ số hài lòng theo tiêu chí");
	hl_period_label(&r->prev, prev, sizeof(prev));
	fputs("<table><thead><tr>", f);
	el(f, "th", NULL, "STT");
	el(f, "th", NULL, "Đơn vị");
	for (int k = 0; k <= r->ncrit; k++)
		el(f, "th", NULL, r->crit_code[k]);
	snprintf(buf, sizeof(buf), "Tăng/giảm so với %d", r->prev.year);
	el(f, "th", NULL, buf);
	el(f, "th", NULL, "Xếp hạng");
	fputs("</tr></thead><tbody>\n", f);
	for (int gi = 0; gi < ng; gi++) {
		if (ng > 1) {
			snprintf(buf, sizeof(buf), "%c", 'A' + gi % 26);
			bold_row(f, r, "grp", buf, g[gi].name, NULL);
		}
		for (size_t i = g[gi].first; i < g[gi].first + g[gi].n; i++) {
			const struct iq_unit *u = rpt_unit_at(m, i);
			const struct hl_idx_cell *all = &u->idx.cell[r->ncrit];

			fprintf(f, "<tr><td class=\"n\">%02zu</td>", ++no);
			el(f, "td", NULL, u->unit.name);
			for (int k = 0; k <= r->ncrit; k++) {
				const struct hl_idx_cell *c = &u->idx.cell[k];
				bool low = c->cur.valid && c->has_target && !c->met;

				any_low |= low;
				el(f, "td", low ? "n low" : "n",
					c->cur.valid ? dec(buf, sizeof(buf), c->cur.value) : "–");
			}
			el(f, "td", "n", hl_index_change_text(all, buf, sizeof(buf)));
			el(f, "td", "n", hl_index_rank_text(all, buf, sizeof(buf)));
			fputs("</tr>\n", f);
		}
		if (m->means) {
			char label[160];

			snprintf(label, sizeof(label), "Bình quân%s%s", ng > 1 ? " " : "",
				ng > 1 ? g[gi].name : "");
			bold_row(f, r, "sum", "", label, &g[gi].mean);
		}
	}
	if (m->means && ng > 1)
		bold_row(f, r, "sum", "", "Bình quân chung", &m->mean);
	fputs("</tbody></table>\n<p class=\"note\">", f);
	txt(f, "Ghi chú: ");
	for (int k = 0; k < r->ncrit; k++) {
		el(f, "b", NULL, r->crit_code[k]);
		fputc(' ', f);
		txt(f, r->crit_name[k]);
		fputs("; ", f);
	}
	txt(f, "SIPAS: chỉ số hài lòng chung. Tăng/giảm so với cùng kỳ năm trước (");
	txt(f, strncmp(prev, "Năm ", 4) == 0 ? "năm " : "");
	txt(f, strncmp(prev, "Năm ", 4) == 0 ? prev + 4 : prev);
	txt(f,
		"); xếp hạng theo SIPAS trong các đơn vị cùng loại, cùng cấp trên. "
		"*: khoảng tin cậy 95 % chưa đủ để khẳng định.");
	if (m->means)
		txt(f, " Bình quân: trung bình cộng chỉ số của các đơn vị có số liệu.");
	if (any_low)
		txt(f, " Số in đậm màu đỏ: dưới chỉ tiêu.");
	fputs("</p>\n", f);
}

/* c as an inline SVG figure. */
static int figure(FILE *f, const struct chart *c, const char *id, struct hl_arena *a,
	struct hl_err *err)
{
	char *svg = NULL;
	size_t len = 0;
	int rc = chart_svg(c, id, a, &svg, &len, err);

	if (rc != HL_OK)
		return rc;
	fputs("<figure>", f);
	fwrite(svg, 1, len, f); /* built by chart_svg, which escapes its text */
	fputs("</figure>\n", f);
	return HL_OK;
}

/* Criteria of the first unit against their targets, or the units' SIPAS
 * for a supervising office's report; then the monthly trend. */
static int chart(FILE *f, const struct rpt_model *m, struct hl_err *err)
{
	const struct iq_result *r = m->index;
	struct hl_arena *a;
	struct chart c;
	struct chart_series *s;
	int rc = HL_OK;

	if (r->nunits == 0)
		return HL_OK;
	a = hl_arena_new(CHART_ARENA);
	if (a == NULL)
		return hl_err_set(err, HL_ENOMEM, HL_HERE, "hết bộ nhớ khi vẽ biểu đồ");
	if (m->o.under && r->nunits > 1) {
		chart_init(&c, CHART_HBARS, "Chỉ số hài lòng chung (SIPAS) của các đơn vị");
		s = chart_add_series(&c, m->period_label);
		for (size_t i = 0; rc == HL_OK && i < r->nunits && i < CHART_MAX_CATS; i++) {
			const struct hl_idx_cell *all = &rpt_unit_at(m, i)->idx.cell[r->ncrit];
			const char *name = rpt_unit_at(m, i)->unit.name;

			if (hl_utf8_width(name) > 28)
				name = phr_short(a, name);
			rc = chart_add_cat(&c, name, err);
			if (rc == HL_OK) {
				s->value[i] = all->cur.valid ? all->cur.value : NAN;
				c.target[i] = all->has_target ? all->target : NAN;
			}
		}
	} else {
		const struct iq_unit *u = &r->units[0];

		chart_init(&c, CHART_BARS, "Chỉ số theo tiêu chí so với chỉ tiêu");
		s = chart_add_series(&c, m->period_label);
		for (int k = 0; rc == HL_OK && k <= r->ncrit && k < HL_IDX_MAXCELLS; k++) {
			const struct hl_idx_cell *cl = &u->idx.cell[k];

			rc = chart_add_cat(&c, r->crit_code[k], err);
			if (rc == HL_OK) {
				s->value[k] = cl->cur.valid ? cl->cur.value : NAN;
				c.target[k] = cl->has_target ? cl->target : NAN;
			}
		}
	}
	c.decimals = 2;
	if (c.kind == CHART_HBARS)
		c.height = chart_hbars_height(&c);
	if (rc == HL_OK)
		rc = figure(f, &c, "rpt-chart", a, err);
	if (rc == HL_OK && m->trend != NULL && m->trend->ncrit >= 0 && m->trend->nmonths >= 2) {
		chart_init(&c, CHART_LINE,
			hl_arena_printf(a, "Diễn biến theo tháng năm %d%s", m->trend->year,
				m->trend->mean ? " (bình quân các đơn vị)" : ""));
		chart_trend(&c, m->trend);
		rc = figure(f, &c, "rpt-trend", a, err);
	}
	hl_arena_free(a);
	return rc;
}

static void below(FILE *f, const struct rpt_model *m)
{
	char v[32], t[32], p[32];

	el(f, "h2", NULL, "III. Tiêu chí chưa đạt chỉ tiêu");
	if (m->nbelow == 0) {
		el(f, "p", NULL,
			"Không có tiêu chí nào dưới chỉ tiêu (hoặc chưa đặt chỉ tiêu cho kỳ này).");
		return;
	}
	fputs("<table><thead><tr>", f);
	el(f, "th", NULL, "Đơn vị");
	el(f, "th", NULL, "Tiêu chí");
	fputs("<th>Năm ", f);
	fprintf(f, "%d", m->o.period.year - 1);
	fputs("</th>", f);
	el(f, "th", NULL, m->period_label);
	el(f, "th", NULL, "Chỉ tiêu");
	el(f, "th", NULL, "Nhiệm vụ khắc phục và tình trạng");
	fputs("</tr></thead><tbody>\n", f);
	for (int i = 0; i < m->nbelow; i++) {
		const struct rpt_below *b = &m->below[i];

		fputs("<tr>", f);
		el(f, "td", NULL, b->unit);
		el(f, "td", NULL, b->criterion_name);
		el(f, "td", "n", b->has_before ? dec(p, sizeof(p), b->before) : "–");
		el(f, "td", "n", dec(v, sizeof(v), b->value));
		el(f, "td", "n", dec(t, sizeof(t), b->target));
		fputs("<td>", f);
		for (int k = 0; k < b->ntasks; k++) {
			if (b->task_no != NULL)
				fprintf(f, "%d. ", b->task_no[k]);
			txt(f, b->tasks[k]);
			if (b->status != NULL)
				txt_in(f, " (", b->status[k], ")");
			fputs("<br>", f);
		}
		if (b->ntasks == 0)
			txt(f, "–");
		fputs("</td></tr>\n", f);
	}
	fputs("</tbody></table>\n", f);
}

static void questions(FILE *f, const struct rpt_model *m)
{
	char n[32], p[32];

	el(f, "h2", NULL, "IV. Phân bố câu trả lời theo câu hỏi");
	el(f, "p", "note", "Tỷ lệ tính trên số câu trả lời hợp lệ; “không trả lời” đếm riêng.");
	table_head(f, 4, (const char *const[]){"Câu hỏi", "Mức trả lời", "Số phiếu", "Tỷ lệ (%)"});
	for (int i = 0; i < m->nquestions; i++) {
		const struct rpt_question *q = &m->questions[i];

		fprintf(f, "<tr><td rowspan=\"%d\">", q->nlevels + 1);
		el(f, "b", NULL, q->code);
		fputs(" ", f);
		txt(f, q->text);
		if (m->nquestions > 0 && strcmp(q->instrument, m->questions[0].instrument) != 0)
			txt_in(f, " <span class=\"note\">(", q->instrument, ")</span>");
		fputs("</td>", f);
		for (int l = 0; l <= q->nlevels; l++) {
			bool na = l == q->nlevels;

			if (l > 0)
				fputs("<tr>", f);
			el(f, "td", na ? "i" : NULL, na ? "Không trả lời" : q->label[l]);
			el(f, "td", "n", count(n, sizeof(n), na ? q->no_answer : q->count[l]));
			el(f, "td", "n",
				na || q->valid == 0 ?
					"" :
					dec(p, sizeof(p),
						100.0 * (double)q->count[l] / (double)q->valid));
			fputs("</tr>\n", f);
		}
	}
	fputs("</tbody></table>\n", f);
}

static void themes(FILE *f, const struct rpt_model *m)
{
	char n[32];

	el(f, "h2", NULL, "V. Ý kiến góp ý của người dân, tổ chức");
	if (m->nthemes == 0) {
		el(f, "p", NULL, "Không có ý kiến góp ý trong kỳ.");
		return;
	}
	table_head(f, 3, (const char *const[]){"Nội dung", "Số ý kiến", "Ví dụ"});
	for (int i = 0; i < m->nthemes; i++) {
		const struct rpt_theme *t = &m->themes[i];

		fputs("<tr>", f);
		el(f, "td", NULL, t->name);
		el(f, "td", "n", count(n, sizeof(n), t->count));
		fputs("<td>", f);
		for (int k = 0; k < t->nexamples; k++) {
			txt_in(f, "“", t->example[k], "”<br>");
		}
		fputs("</td></tr>\n", f);
	}
	fputs("</tbody></table>\n", f);
}

/* A table beside TT (rpt_grid.h); nothing when it has no rows. */
static void grid(FILE *f, const struct rpt_model *m, const struct rpt_grid *g)
{
	const char *head[RPT_GRID_MAXCOLS];
	struct rpt_gval v[RPT_GRID_MAXCOLS];
	char n[32];
	int rows = g->rows(m), nh = 0;

	if (rows == 0)
		return;
	for (int k = 0; k < g->ncols; k++)
		if (g->cols[k].in & RG_DOC)
			head[nh++] = g->cols[k].head;
	el(f, "h2", NULL, g->title);
	table_head(f, nh, head);
	for (int i = 0; i < rows; i++) {
		fputs("<tr>", f);
		el(f, "td", NULL, g->row(m, i, v));
		for (int k = 1; k < g->ncols; k++)
			if (g->cols[k].in & RG_DOC)
				el(f, "td", "n",
					!v[k].is_dec       ? count(n, sizeof(n), v[k].n) :
						v[k].valid ? dec(n, sizeof(n), v[k].v) :
							     "–");
		fputs("</tr>\n", f);
	}
	fputs("</tbody></table>\n", f);
	if (g->note != NULL)
		el(f, "p", NULL, g->note);
}

static void staff(FILE *f, const struct rpt_model *m)
{
	char n[32], v[32];

	el(f, "h2", NULL, "VI. Kết quả theo công chức (chỉ dùng nội bộ, không công bố)");
	table_head(f, 5,
		(const char *const[]){"STT", "Họ và tên", "Đơn vị", "Số phiếu",
			"Tỷ lệ hài lòng (%)"});
	for (int i = 0; i < m->nstaff; i++) {
		const struct rpt_staff *s = &m->staff[i];

		fprintf(f, "<tr><td class=\"n\">%d</td>", i + 1);
		el(f, "td", NULL, s->name);
		el(f, "td", NULL, s->unit);
		el(f, "td", "n", count(n, sizeof(n), s->n));
		el(f, "td", "n", s->valid ? dec(v, sizeof(v), s->value) : "–");
		fputs("</tr>\n", f);
	}
	fputs("</tbody></table>\n", f);
}

static void footer(FILE *f, const struct rpt_model *m)
{
	fputs("<div class=\"foot\"><div class=\"to\">", f);
	txt_in(f, "<p><b><i>", "Nơi nhận:", "</i></b></p>");
	for (int i = 0; i < m->nrecipients; i++) {
		txt_in(f, "<p>- ", m->recipients[i], "</p>");
	}
	fputs("</div><div class=\"sign\">", f);
	el(f, "p", "b", m->signer_title);
	fputs("<p><br><br><br></p>", f);
	if (m->signer != NULL && m->signer[0] != '\0')
		el(f, "p", "b", m->signer);
	fputs("</div></div>\n", f);
}

int rpt_html(const struct rpt_model *m, const char *path, struct hl_err *err)
{
	struct rpt_out o;
	FILE *f;
	int rc = rpt_out_begin(&o, path, err);

	if (rc != HL_OK)
		return rc;
	f = o.f;
	fputs("<!DOCTYPE html>\n<html lang=\"vi\">\n<head>\n<meta charset=\"utf-8\">\n"
	      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>",
		f);
	txt(f, m->title);
	fputs(" – ", f);
	txt(f, m->subtitle);
	fputs("</title>\n<style>", f);
	fputs(STYLE, f);
	/* one <main>: the report is the page's content (screen readers, axe) */
	fputs("</style>\n</head>\n<body>\n<main>\n", f);
	heading(f, m);
	opinions(f, m);
	index_table(f, m);
	rc = chart(f, m, err);
	if (rc != HL_OK) {
		rpt_out_abort(&o);
		return rc;
	}
	below(f, m);
	questions(f, m);
	themes(f, m);
	for (int k = 0; k < RPT_NGRIDS; k++)
		grid(f, m, rpt_grids[k]);
	if (m->o.internal)
		staff(f, m);
	footer(f, m);
	fputs("</main>\n</body>\n</html>\n", f);
	return rpt_out_commit(&o, err);
}
