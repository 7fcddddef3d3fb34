/* news.c — the news item (news.h): sentences built from the report model's
 * figures for the unit, then laid out as text or HTML, or spoken. Every
 * claim follows the report: a change or a rank the survey's margins cannot
 * support is said to be within them. */
#include "report/news.h"

#include <stdbool.h>
#include <string.h>

#include "base/arena.h"
#include "base/text.h"
#include "core/numread.h"
#include "core/phrase.h"
#include "io/html.h"
#include "io/speech.h"
#include "report/out.h"

#define NEWS_HTML_MAX ((size_t)1 << 20)

static const char *const formats[] = {
	[NEWS_TEXT] = "text",
	[NEWS_HTML] = "html",
	[NEWS_WAV] = "wav",
};

int news_format_of(const char *name)
{
	for (size_t i = 0; name != NULL && i < sizeof(formats) / sizeof(formats[0]); i++)
		if (strcmp(name, formats[i]) == 0)
			return (int)i;
	return -1;
}

const char *news_ext(enum news_format f)
{
	return f == NEWS_HTML ? "html" : f == NEWS_WAV ? "wav" : "txt";
}

const char *news_mime(enum news_format f)
{
	return f == NEWS_HTML ? "text/html; charset=utf-8" :
		f == NEWS_WAV ? "audio/wav" :
				"text/plain; charset=utf-8";
}

/* "88,90 %" */
static const char *pct(struct hl_arena *a, double v)
{
	char b[32];

	return hl_arena_printf(a, "%s %%", hl_fmt_dec(b, sizeof(b), v, 2));
}

/* "1 234" */
static const char *count(struct hl_arena *a, long long n)
{
	char b[32];

	return hl_arena_strdup(a, hl_fmt_int(b, sizeof(b), n));
}

/* The unit's row of the index. */
static const struct iq_unit *subject_row(const struct rpt_model *m)
{
	for (size_t i = 0; m->index != NULL && i < m->index->nunits; i++)
		if (m->index->units[i].unit.id == m->subject->id)
			return &m->index->units[i];
	return NULL;
}

/* ", tăng 1,25 điểm phần trăm so với cùng kỳ năm trước (…sai số…)"; "" without one. */
static const char *change(struct hl_arena *a, const struct hl_idx_cell *c)
{
	char b[32];
	double d = (double)hl_index_hundredths(c->change) / 100;

	if (!c->has_change)
		return "";
	if (d == 0)
		return ", bằng cùng kỳ năm trước";
	return hl_arena_printf(a, ", %s %s điểm phần trăm so với cùng kỳ năm trước%s",
		d > 0 ? "tăng" : "giảm", hl_fmt_dec(b, sizeof(b), d > 0 ? d : -d, 2),
		c->change_supported ? "" : " (mức thay đổi này còn nằm trong sai số của khảo sát)");
}

/* The first paragraph: SIPAS, its change, the target and the rank. */
static const char *lead(struct hl_arena *a, const struct rpt_model *m, const char *unit,
	const char *when, const struct hl_idx_cell *c)
{
	const char *p = hl_arena_printf(a,
		"Theo kết quả khảo sát %s phiếu ý kiến của người dân, tổ chức đến giải quyết thủ "
		"tục hành chính %s, chỉ số hài lòng về sự phục vụ hành chính (SIPAS) của %s đạt "
		"%s%s.",
		count(a, (long long)m->responses), when, unit, pct(a, c->cur.value), change(a, c));

	if (p != NULL && c->has_target)
		p = hl_arena_printf(a, "%s Kết quả này %s chỉ tiêu %s đề ra cho năm %d.", p,
			c->met ? "đạt" : "chưa đạt", pct(a, c->target), m->o.period.year);
	if (p != NULL && c->rank > 0 && c->of > 1)
		p = hl_arena_printf(a, "%s Đơn vị xếp thứ %d trong số %d đơn vị cùng loại%s.", p,
			c->rank, c->of,
			c->rank_supported ?
				"" :
				", tuy khoảng cách với các đơn vị liền kề còn nằm trong sai số của "
				"khảo sát");
	return p;
}

#define NEWS_TASK_SHORT 120 /* bytes: a task longer than this is counted, not quoted */
#define NEWS_TASKS_NAMED 3

/* The length of t without its final full stop and spaces. */
static size_t trimmed(const char *t)
{
	size_t n = strlen(t);

	while (n > 0 && (t[n - 1] == '.' || t[n - 1] == ' '))
		n--;
	return n;
}

/* A task short enough to quote in a news item: one sentence on one line. */
static bool short_task(const char *t)
{
	size_t n = trimmed(t);

	return n > 0 && n <= NEWS_TASK_SHORT && strcspn(t, "\n;:.") >= n;
}

/* What the plan has for b's criterion: "có 16 nhiệm vụ (2 hoàn thành, 3
 * đang thực hiện), trong đó có: a; b" — the short tasks quoted (at most
 * NEWS_TASKS_NAMED), the others counted. */
static const char *plan_tasks(struct hl_arena *a, const struct rpt_below *b)
{
	static const char *const order[] = {"Hoàn thành", "Đang thực hiện", "Quá hạn",
		"Chưa bắt đầu"};
	const char *states = "", *named = "";
	int nnamed = 0;

	for (size_t k = 0; b->status != NULL && k < sizeof(order) / sizeof(order[0]); k++) {
		int n = 0;

		for (int i = 0; i < b->ntasks; i++)
			n += b->status[i] != NULL && strcmp(b->status[i], order[k]) == 0;
		if (n > 0 && states != NULL)
			states = hl_arena_printf(a, "%s%s%d %s", states, states[0] ? ", " : "", n,
				phr_inside(a, order[k]));
	}
	for (int i = 0; i < b->ntasks && nnamed < NEWS_TASKS_NAMED && named != NULL; i++) {
		const char *t;

		if (!short_task(b->tasks[i]))
			continue;
		t = hl_arena_strndup(a, b->tasks[i], trimmed(b->tasks[i]));
		named = t == NULL ? NULL :
				    hl_arena_printf(a, "%s%s%s", named, nnamed > 0 ? "; " : "",
					    phr_inside(a, t));
		nnamed++;
	}
	if (states == NULL || named == NULL)
		return NULL;
	return hl_arena_printf(a, "có %d nhiệm vụ%s%s%s%s%s", b->ntasks, states[0] ? " (" : "",
		states, states[0] ? ")" : "",
		nnamed == 0                 ? "" :
			nnamed == b->ntasks ? ": " :
					      ", trong đó có: ",
		named);
}

/* The criteria of the unit below target, with the plan's tasks for them;
 * "every criterion met" when all with a target are; NULL-free "" when no
 * criterion has a target. */
static const char *criteria(struct hl_arena *a, const struct rpt_model *m, const char *unit)
{
	const struct iq_result *r = m->index;
	const struct iq_unit *row = subject_row(m);
	const char *list = "", *plans = "", *none = "";
	int n = 0, with_target = 0;

	for (int k = 0; row != NULL && k < r->ncrit; k++)
		with_target += row->idx.cell[k].has_target && row->idx.cell[k].cur.valid;
	for (int i = 0; i < m->nbelow && list != NULL; i++) {
		const struct rpt_below *b = &m->below[i];
		const char *name = hl_arena_printf(a, "“%s”", b->criterion_name);

		if (strcmp(b->unit, m->subject->name) != 0 ||
			strcmp(b->criterion, r->crit_code[r->ncrit]) == 0)
			continue;
		list = hl_arena_printf(a, "%s%s%s (%s, chỉ tiêu %s)", list, n > 0 ? "; " : "", name,
			pct(a, b->value), pct(a, b->target));
		if (b->ntasks > 0)
			plans = hl_arena_printf(a,
				"%s Để cải thiện tiêu chí %s, kế hoạch năm %d của đơn vị %s.",
				plans, name, b->plan_year, plan_tasks(a, b));
		else
			none = hl_arena_printf(a, "%s%s%s", none, none[0] != '\0' ? ", " : "",
				name);
		n++;
	}
	if (list == NULL || plans == NULL || none == NULL)
		return NULL;
	if (n == 0)
		return with_target > 0 ? "Tất cả các tiêu chí đều đạt chỉ tiêu đề ra." : "";
	return hl_arena_printf(a, "Còn %d tiêu chí chưa đạt chỉ tiêu: %s.%s%s%s%s", n, list, plans,
		none[0] != '\0' ? " Kế hoạch cải thiện của " : "", none[0] != '\0' ? unit : "",
		none[0] != '\0' ? hl_arena_printf(a, " chưa có nhiệm vụ cho tiêu chí %s.", none) :
				  "");
}

/* The feedback the unit received in the period; "" without any. */
static const char *feedback(struct hl_arena *a, const struct rpt_model *m)
{
	for (int i = 0; i < m->nfeedback; i++) {
		const struct rpt_feedback *f = &m->feedback[i];

		if (strcmp(f->unit, m->subject->name) != 0 || f->received == 0)
			continue;
		return hl_arena_printf(a,
			"Trong kỳ, đơn vị đã tiếp nhận %s phản ánh, kiến nghị của người dân, tổ chức và "
			"đã trả lời %s.",
			count(a, f->received), count(a, f->answered));
	}
	return "";
}

int news_compose(const struct rpt_model *m, struct hl_arena *a, struct news *out,
	struct hl_err *err)
{
	const struct iq_unit *row = subject_row(m);
	const struct hl_idx_cell *c;
	const char *unit, *label, *when, *p;

	memset(out, 0, sizeof(*out));
	if (m->o.unit == NULL || row == NULL)
		return hl_err_set(err, HL_EINVAL, "--unit",
			"bản tin viết cho một đơn vị: dùng --unit MÃ (không dùng --under)");
	c = &row->idx.cell[m->index->ncrit];
	if (!c->cur.valid)
		return hl_err_set(err, HL_EINVAL, "--period",
			"%s chưa có chỉ số SIPAS của %s để viết bản tin", m->period_label,
			m->subject->name);
	unit = phr_in_text(a, m->subject->name);
	label = phr_inside(a, m->period_label);
	when = m->o.period.kind == HL_P_RANGE ? hl_arena_printf(a, "trong thời gian %s", label) :
						hl_arena_printf(a, "trong %s", label);
	if (unit == NULL || label == NULL || when == NULL)
		return hl_err_set(err, HL_ENOMEM, HL_HERE, "hết bộ nhớ khi viết bản tin");
	out->title = hl_arena_printf(a, "%s: chỉ số hài lòng của người dân đối với %s đạt %s",
		m->period_label, unit, pct(a, c->cur.value));
	out->par[out->npar++] = lead(a, m, unit, when, c);
	if ((p = criteria(a, m, unit)) == NULL || p[0] != '\0')
		out->par[out->npar++] = p;
	if ((p = feedback(a, m)) == NULL || p[0] != '\0')
		out->par[out->npar++] = p;
	out->par[out->npar++] = hl_arena_printf(a,
		"Người dân, tổ chức có thể tiếp tục góp ý về chất lượng phục vụ của %s qua máy "
		"khảo sát đặt tại Bộ phận Một cửa hoặc bằng cách quét mã QR in trên giấy tiếp nhận "
		"hồ sơ; phiếu khảo sát không ghi tên người trả lời. Phản ánh, kiến nghị được "
		"tiếp nhận trực tiếp tại Bộ phận Một cửa, qua đường dây nóng và trang phản ánh, "
		"kiến nghị trực tuyến của đơn vị.",
		unit);
	for (int i = 0; i < out->npar; i++)
		if (out->par[i] == NULL || out->title == NULL)
			return hl_err_set(err, HL_ENOMEM, HL_HERE, "hết bộ nhớ khi viết bản tin");
	return HL_OK;
}

/* Abbreviations a listener would not understand spelled out, as they are read. */
static const char *const spoken_words[][2] = {
	{"UBND", "Ủy ban nhân dân"},
	{"TYT", "Trạm y tế"},
	{" (SIPAS)", ""},
};

/* s with every from replaced by to; owned by a (NULL when out of memory). */
static const char *replace(struct hl_arena *a, const char *s, const char *from, const char *to)
{
	const char *out = "", *hit;

	while (s != NULL && out != NULL && (hit = strstr(s, from)) != NULL) {
		out = hl_arena_printf(a, "%s%.*s%s", out, (int)(hit - s), s, to);
		s = hit + strlen(from);
	}
	return s != NULL && out != NULL ? hl_arena_printf(a, "%s%s", out, s) : NULL;
}

const char *news_spoken(const struct news *n, struct hl_arena *a)
{
	const char *s = hl_arena_printf(a, "%s.\n", n->title);

	for (int i = 0; i < n->npar && s != NULL; i++)
		s = hl_arena_printf(a, "%s%s\n", s, n->par[i]);
	for (size_t k = 0; k < sizeof(spoken_words) / sizeof(spoken_words[0]); k++)
		s = replace(a, s, spoken_words[k][0], spoken_words[k][1]);
	return s != NULL ? numr_spoken(a, s) : NULL;
}

static int write_text(const struct news *n, FILE *fp)
{
	fprintf(fp, "%s\n", n->title);
	for (int i = 0; i < n->npar; i++)
		fprintf(fp, "\n%s\n", n->par[i]);
	return HL_OK;
}

static int write_html(const struct news *n, FILE *fp, struct hl_arena *a, struct hl_err *err)
{
	struct hbuf b;

	hb_init(&b, a, NEWS_HTML_MAX);
	hb_raw(&b, "<!DOCTYPE html>\n<html lang=\"vi\"><head><meta charset=\"utf-8\"><title>");
	hb_txt(&b, n->title);
	hb_raw(&b, "</title></head>\n<body><article class=\"hailong-news\"><h1>");
	hb_txt(&b, n->title);
	hb_raw(&b, "</h1>\n");
	for (int i = 0; i < n->npar; i++) {
		hb_raw(&b, "<p>");
		hb_txt(&b, n->par[i]);
		hb_raw(&b, "</p>\n");
	}
	hb_raw(&b, "</article></body></html>\n");
	if (b.failed)
		return hl_err_set(err, HL_ENOMEM, HL_HERE, "hết bộ nhớ khi viết bản tin");
	fwrite(b.s, 1, b.len, fp);
	return HL_OK;
}

static int write_wav(const struct news *n, FILE *fp, struct hl_arena *a, struct hl_err *err)
{
	struct speech_pcm pcm = {0};
	const char *s = news_spoken(n, a);
	int rc;

	if (s == NULL)
		return hl_err_set(err, HL_ENOMEM, HL_HERE, "hết bộ nhớ khi viết bản tin");
	rc = speech_synth(s, SPEECH_VOICE, &pcm, err);
	if (rc == HL_OK)
		rc = speech_wav_write(fp, &pcm, err);
	speech_pcm_free(&pcm);
	return rc;
}

int news_write(const struct rpt_model *m, enum news_format f, FILE *fp, struct hl_arena *a,
	struct hl_err *err)
{
	struct news n;
	int rc = news_compose(m, a, &n, err);

	if (rc != HL_OK)
		return rc;
	switch (f) {
	case NEWS_TEXT: return write_text(&n, fp);
	case NEWS_HTML: return write_html(&n, fp, a, err);
	case NEWS_WAV: return write_wav(&n, fp, a, err);
	default:
		return hl_err_set(err, HL_EINVAL, "--format", "định dạng bản tin không hợp lệ (%d)",
			(int)f);
	}
}

int news_render(const struct rpt_model *m, enum news_format f, const char *path, struct hl_arena *a,
	struct hl_err *err)
{
	struct rpt_out o = {0};
	int rc = rpt_out_begin(&o, path, err);

	if (rc == HL_OK)
		rc = news_write(m, f, o.f, a, err);
	if (rc != HL_OK) {
		rpt_out_abort(&o);
		return rc;
	}
	return rpt_out_commit(&o, err);
}
