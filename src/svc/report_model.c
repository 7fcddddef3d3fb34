/* report_model.c — building the report model (report_model.h): the index table from the
 * index query, and everything else — counts by channel and field, answer
 * distributions per question of each instrument version used, comment
 * themes with examples (any comment in an internal report; in one that may
 * be published, only those a clerk approved), and, for internal reports, results per civil
 * servant — from the (unit, month) rollups kept with the tallies (a few
 * thousand small rows for 500 units and a year, whatever the number of
 * responses), or, for a period that is not whole months, from one pass over
 * the period's responses (there is no per-unit response index). Then the document's heading, addressees and
 * signature, worded from the unit's type as Nghị định 30/2020 lays out an
 * administrative document. */
#include "base/clock.h"
#include "svc/report_model.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <utf8proc.h>

#include "base/arena.h"
#include "base/text.h"
#include "core/instrument.h"
#include "core/rollup.h"
#include "core/phrase.h"
#include "svc/letterhead.h"
#include "svc/order.h"
#include "svc/feedback.h"
#include "svc/followup.h"
#include "svc/score766.h"
#include "svc/instruments.h"
#include "svc/plan.h"

#define MAX_INSTRUMENTS 64 /* instrument versions one report may meet */
#define MAX_LINEAGE_DEPTH 32

/* One instrument version met in the scan, with its questions' tallies. */
struct inst {
	int64_t id;
	struct hl_instrument *in;
	char label[STORE_CODE_MAX + 16];
	struct rpt_question *q; /* in->nquestions of them */
};

struct keyed {
	int64_t id;
	int64_t n;
	double s, v; /* staff: score sum and valid answers */
};

struct build {
	struct store *st;
	struct hl_arena *a;
	struct hl_err *err;
	struct rpt_model *m;
	int64_t *scope; /* unit ids whose responses count, sorted */
	size_t nscope;
	struct inst inst[MAX_INSTRUMENTS];
	int ninst;
	int64_t chan[5];      /* by enum store_channel; 0 = other */
	struct keyed *fields; /* sorted by id; slot 0 is "no field" (id 0) */
	size_t nfields;
	struct keyed *staff; /* sorted by id */
	size_t nstaff;
	int64_t theme_n[THEME_COUNT];
	const char *examples[THEME_COUNT][RPT_EXAMPLES];
	int64_t example_ids[THEME_COUNT][RPT_EXAMPLES];
	int nexamples[THEME_COUNT];
	bool quote_any;        /* examples from any comment (internal reports) */
	struct hl_rollup *sum; /* the rollups read so far, while reading them */
};

static int cmp_i64(const void *pa, const void *pb)
{
	int64_t a = *(const int64_t *)pa, b = *(const int64_t *)pb;

	return a < b ? -1 : a > b;
}

static int cmp_keyed(const void *pa, const void *pb)
{
	const struct keyed *a = pa, *b = pb;

	return a->id < b->id ? -1 : a->id > b->id;
}

static bool in_scope(const struct build *b, int64_t unit_id)
{
	return bsearch(&unit_id, b->scope, b->nscope, sizeof(int64_t), cmp_i64) != NULL;
}

static struct keyed *find_keyed(struct keyed *k, size_t n, int64_t id)
{
	struct keyed key = {.id = id};

	return bsearch(&key, k, n, sizeof(*k), cmp_keyed);
}

/* ---- text of the heading ---- */

static bool starts(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

/* s after the first of prefixes it starts with (or s). */
static const char *skip_any(const char *s, const char *const *prefixes)
{
	for (; *prefixes != NULL; prefixes++)
		if (starts(s, *prefixes))
			return s + strlen(*prefixes);
	return s;
}

static const char *const BODY_PREFIXES[] = {"UBND ", "Ủy ban nhân dân ", "Ủy ban Nhân dân ",
	"ỦY BAN NHÂN DÂN ", NULL};
static const char *const LEVEL_PREFIXES[] = {"phường ", "Phường ", "xã ", "Xã ", "thị trấn ",
	"Thị trấn ", "thành phố ", "Thành phố ", "tỉnh ", "Tỉnh ", "huyện ", "Huyện ", "quận ",
	"Quận ", "thị xã ", "Thị xã ", "đặc khu ", "Đặc khu ", NULL};
static const char *const STATION_PREFIXES[] = {"Trạm y tế ", "Trạm Y tế ", "TRẠM Y TẾ ", NULL};

/* Units headed by a people's committee (Ủy ban nhân dân). */
static bool is_committee(const char *type)
{
	return strcmp(type, "ubnd-xa") == 0 || strcmp(type, "huyen") == 0 ||
		strcmp(type, "tinh") == 0 || strcmp(type, "ubnd-huyen") == 0;
}

/* Upper-case copy of s (Vietnamese letters included), owned by a. */
static char *upper(struct hl_arena *a, const char *s)
{
	size_t len = strlen(s), o = 0;
	char *out = hl_arena_alloc(a, len * 4 + 1);

	if (out == NULL)
		return NULL;
	for (size_t i = 0; i < len;) {
		utf8proc_int32_t cp;
		utf8proc_ssize_t n = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
			(utf8proc_ssize_t)(len - i), &cp);

		if (n <= 0)
			return NULL;
		i += (size_t)n;
		o += (size_t)utf8proc_encode_char(utf8proc_toupper(cp),
			(utf8proc_uint8_t *)out + o);
	}
	out[o] = '\0';
	return out;
}

/* The name of the body issuing for u: "ỦY BAN NHÂN DÂN PHƯỜNG VĨNH THỌ",
 * "TRẠM Y TẾ PHƯỜNG VĨNH THỌ"; short = "UBND ..." (the line above). */
static char *issuer_of(struct hl_arena *a, const struct store_unit *u, bool short_form)
{
	char *name = hl_utf8_nfc(a, u->name);

	if (name == NULL)
		return NULL;
	if (is_committee(u->type))
		return upper(a,
			hl_arena_printf(a, "%s%s", short_form ? "UBND " : "Ủy ban nhân dân ",
				skip_any(name, BODY_PREFIXES)));
	if (strcmp(u->type, "tram-y-te") == 0 && skip_any(name, STATION_PREFIXES) == name)
		return upper(a, hl_arena_printf(a, "Trạm y tế %s", name));
	return upper(a, name);
}

/* "Vĩnh Thọ" of "UBND phường Vĩnh Thọ" or "Trạm y tế phường Vĩnh Thọ". */
static const char *place_of(struct hl_arena *a, const struct store_unit *u)
{
	char *name = hl_utf8_nfc(a, u->name);
	const char *s, *t;

	if (name == NULL)
		return NULL;
	s = skip_any(name, BODY_PREFIXES);
	s = skip_any(s, STATION_PREFIXES);
	t = skip_any(s, LEVEL_PREFIXES);
	/* "Phường 1, ngày …": a number keeps its kind (Nghị định 30). */
	return t[0] >= '0' && t[0] <= '9' ? s : t;
}

/* How u is named as an addressee inside the list: "UBND tỉnh Khánh Hòa". */
static const char *addressee(struct hl_arena *a, const struct store_unit *u)
{
	if (strcmp(u->type, "huyen") == 0 || strcmp(u->type, "tinh") == 0)
		return hl_arena_printf(a, "UBND %s", phr_in_text(a, u->name));
	return phr_in_text(a, u->name);
}

static const struct store_unit *unit_by_id(const struct store_unit *u, size_t n, int64_t id)
{
	for (size_t i = 0; id != 0 && i < n; i++)
		if (u[i].id == id)
			return &u[i];
	return NULL;
}

static const struct store_unit *unit_by_code(const struct store_unit *u, size_t n, const char *code)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(u[i].code, code) == 0)
			return &u[i];
	return NULL;
}

/* The subject's fate when the document is issued by another unit — merged
 * into the issuer (lineage) or ended — as the subtitle's "(nay thuộc …)"
 * and the note under the title. */
static void successor_texts(struct build *b, const struct store_lineage *lin, size_t nlin,
	const struct store_unit *issuer, enum lh_how how, const char **suffix)
{
	struct rpt_model *m = b->m;
	struct hl_arena *a = b->a;
	const struct store_unit *s = m->subject;
	const char *was = phr_place_in_text(a, s->name), *now = phr_place_in_text(a, issuer->name);
	const char *what = NULL;
	char day[16] = "";
	int from = 0;

	*suffix = "";
	if (how == LH_SELF || was == NULL || now == NULL)
		return;
	for (size_t i = 0; i < nlin; i++)
		from += lin[i].new_id == issuer->id;
	if (how == LH_ABOVE) {
		*suffix = " (cũ)";
		what = "đã kết thúc hoạt động";
		hl_day_vn(s->valid_to + 1, day, sizeof(day));
	} else {
		*suffix = hl_arena_printf(a, " (nay %s %s)", from > 1 ? "thuộc" : "là", now);
		what = hl_arena_printf(a, "đã %s %s", from > 1 ? "sáp nhập vào" : "đổi thành", now);
		for (size_t i = 0; i < nlin; i++)
			if (lin[i].old_id == s->id)
				hl_day_vn(lin[i].day, day, sizeof(day));
	}
	m->note = hl_arena_printf(a, "%s %s%s%s; %s ban hành báo cáo này.",
		phr_sentence_start(a, was), what, day[0] ? " từ ngày " : "", day,
		addressee(a, issuer));
}

/* The heading and closing of the report: issued on its date by the
 * subject, or by the unit that took it over (letterhead.h); sent to the
 * unit above the issuer for its information ("Nơi nhận", no "Kính gửi":
 * a báo cáo, Nghị định 30/2020). */
static int heading(struct build *b, const struct store_unit *units, size_t nunits)
{
	struct rpt_model *m = b->m;
	struct hl_arena *a = b->a;
	const struct store_unit *s = m->subject, *issuer, *parent;
	struct store_lineage *lin = NULL;
	size_t nlin = 0;
	enum lh_how how;
	char label[sizeof(m->period_label)];
	const char *suffix = "";
	int rc;

	snprintf(label, sizeof(label), "%s", m->period_label);
	if (label[0] >= 'A' && label[0] <= 'Z') /* "Năm 2024" inside a sentence */
		label[0] = (char)(label[0] - 'A' + 'a');
	rc = STORE(b->st, units, lineage_list, a, &lin, &nlin, b->err);
	if (rc != HL_OK)
		return rc;
	issuer = lh_issuer_on(units, nunits, lin, nlin, s, m->o.date, &how);
	parent = lh_parent_on(units, nunits, lin, nlin, issuer, m->o.date);
	/* Issuer, place and signer's title as every document of the unit. */
	rc = rpt_letterhead(a, issuer, parent, m, b->err);
	if (rc != HL_OK)
		return rc;
	successor_texts(b, lin, nlin, issuer, how, &suffix);
	m->title = "BÁO CÁO";
	m->subtitle = hl_arena_printf(a,
		"Kết quả khảo sát mức độ hài lòng của người dân, tổ chức "
		"đối với sự phục vụ của %s%s%s %s",
		m->o.under ? "các đơn vị thuộc " : "", phr_in_text(a, s->name), suffix, label);
	if (parent) {
		const char *to = addressee(a, parent);

		if (to == NULL || (to = hl_arena_printf(a, "%s (b/c);", to)) == NULL)
			return hl_err_set(b->err, HL_ENOMEM, HL_HERE,
				"hết bộ nhớ khi lập phần đầu báo cáo");
		m->recipients[m->nrecipients++] = to;
	}
	if (m->o.under)
		m->recipients[m->nrecipients++] = "Các đơn vị được khảo sát;";
	m->recipients[m->nrecipients++] = "Lưu: VT.";
	if (!m->subtitle)
		return hl_err_set(b->err, HL_ENOMEM, HL_HERE,
			"hết bộ nhớ khi lập phần đầu báo cáo");
	return HL_OK;
}

/* ---- scope: the listed units and, for merged ones, their predecessors ---- */

static int add_sources(struct build *b, const struct store_lineage *lin, size_t nlin, int64_t id,
	int depth, size_t cap)
{
	for (size_t k = 0; k < b->nscope; k++)
		if (b->scope[k] == id)
			return HL_OK;
	if (depth > MAX_LINEAGE_DEPTH || b->nscope >= cap)
		return hl_err_set(b->err, HL_EINVAL, HL_HERE,
			"chuỗi sáp nhập đơn vị quá dài hoặc lặp vòng");
	b->scope[b->nscope++] = id;
	for (size_t l = 0; l < nlin; l++) {
		int rc;

		if (lin[l].new_id != id)
			continue;
		rc = add_sources(b, lin, nlin, lin[l].old_id, depth + 1, cap);
		if (rc != HL_OK)
			return rc;
	}
	return HL_OK;
}

static int build_scope(struct build *b, size_t nunits)
{
	struct store_lineage *lin = NULL;
	size_t nlin = 0;
	int rc;

	rc = STORE(b->st, units, lineage_list, b->a, &lin, &nlin, b->err);
	if (rc != HL_OK)
		return rc;
	b->scope = hl_arena_alloc(b->a, (nunits + 1) * sizeof(int64_t));
	if (b->scope == NULL)
		return hl_err_set(b->err, HL_ENOMEM, HL_HERE, "hết bộ nhớ khi lập báo cáo");
	for (size_t i = 0; i < b->m->index->nunits; i++) {
		rc = add_sources(b, lin, nlin, b->m->index->units[i].unit.id, 0, nunits + 1);
		if (rc != HL_OK)
			return rc;
	}
	qsort(b->scope, b->nscope, sizeof(int64_t), cmp_i64);
	return HL_OK;
}

/* ---- the pass over the responses ---- */

static struct inst *instrument(struct build *b, int64_t id)
{
	struct store_instrument meta;
	struct inst *t;

	for (int i = 0; i < b->ninst; i++)
		if (b->inst[i].id == id)
			return &b->inst[i];
	if (b->ninst >= MAX_INSTRUMENTS) {
		hl_err_set(b->err, HL_ELIMIT, HL_HERE, "báo cáo gặp quá %d phiên bản bộ câu hỏi",
			MAX_INSTRUMENTS);
		return NULL;
	}
	t = &b->inst[b->ninst];
	if (instruments_get_id(b->st, b->a, id, &meta, &t->in, b->err) != HL_OK)
		return NULL;
	snprintf(t->label, sizeof(t->label), "%s@%d", meta.code, meta.version);
	t->id = id;
	t->q = hl_arena_alloc(b->a, ((size_t)t->in->nquestions + 1) * sizeof(*t->q));
	if (t->q == NULL) {
		hl_err_set(b->err, HL_ENOMEM, HL_HERE, "hết bộ nhớ khi lập báo cáo");
		return NULL;
	}
	for (int k = 0; k < t->in->nquestions; k++) {
		const struct hl_question *hq = &t->in->questions[k];
		const struct hl_scale *sc = &t->in->scales[hq->scale];
		struct rpt_question *q = &t->q[k];

		q->instrument = t->label;
		q->instrument_name = t->in->name;
		q->code = hq->code;
		q->text = hq->text;
		q->criterion = t->in->criteria[hq->criterion].code;
		q->nlevels = sc->nlevels < RPT_MAX_LEVELS ? sc->nlevels : RPT_MAX_LEVELS;
		for (int l = 0; l < q->nlevels; l++) {
			q->label[l] = sc->levels[l].label;
			q->satisfied[l] = sc->levels[l].satisfied;
		}
	}
	b->ninst++;
	return t;
}

/* comment (of response id) as an example of theme t, unless there are
 * enough or it is one already, or it may not be quoted. */
static int add_example(struct build *b, int t, const char *comment, int64_t id)
{
	if (!b->quote_any || b->nexamples[t] >= RPT_EXAMPLES)
		return HL_OK;
	/* Examples differ from one another: the same sentence twice says nothing. */
	for (int k = 0; k < b->nexamples[t]; k++)
		if (strcmp(b->examples[t][k], comment) == 0)
			return HL_OK;
	b->examples[t][b->nexamples[t]] = hl_utf8_nfc(b->a, comment);
	if (b->examples[t][b->nexamples[t]] == NULL)
		return hl_err_set(b->err, HL_ENOMEM, HL_HERE, "hết bộ nhớ khi đọc góp ý");
	b->example_ids[t][b->nexamples[t]++] = id;
	return HL_OK;
}

static int comment_themes(struct build *b, const char *comment, int64_t id)
{
	unsigned mask = 0;
	int rc = themes_of(comment, &mask, b->err);

	if (rc == HL_EINVAL) { /* not UTF-8: the store should never hold one; leave it out */
		hl_err_clear(b->err);
		return HL_OK;
	}
	if (rc != HL_OK)
		return rc;
	for (int t = 0; t < THEME_COUNT; t++) {
		if (!(mask & (1u << t)))
			continue;
		b->theme_n[t]++;
		if ((rc = add_example(b, t, comment, id)) != HL_OK)
			return rc;
	}
	return HL_OK;
}

/* The instrument versions the counted responses in scope name, noted by a
 * first scan (a scan's callback may not call the store) and loaded after
 * it, so that on_response finds each one loaded. */
struct inst_ids {
	struct build *b;
	int64_t id[MAX_INSTRUMENTS];
	int n;
};

static int note_instrument(void *ctx, const struct store_response *r)
{
	struct inst_ids *x = ctx;
	int i = 0;

	if (r->status != RS_COUNTED || !in_scope(x->b, r->unit_id))
		return HL_OK;
	while (i < x->n && x->id[i] != r->instrument_id)
		i++;
	if (i < x->n)
		return HL_OK;
	if (x->n == MAX_INSTRUMENTS)
		return hl_err_set(x->b->err, HL_ELIMIT, HL_HERE,
			"báo cáo gặp quá %d phiên bản bộ câu "
			"hỏi",
			MAX_INSTRUMENTS);
	x->id[x->n++] = r->instrument_id;
	return HL_OK;
}

static int on_response(void *ctx, const struct store_response *r)
{
	struct build *b = ctx;
	struct inst *t;
	struct keyed *k;
	int nq;

	if (r->status != RS_COUNTED || !in_scope(b, r->unit_id))
		return HL_OK;
	b->m->responses++;
	b->chan[r->channel >= CH_KIOSK && r->channel <= CH_IMPORT ? r->channel : 0]++;
	k = find_keyed(b->fields, b->nfields, r->field_id);
	if (k == NULL)
		k = find_keyed(b->fields, b->nfields, 0);
	if (k != NULL)
		k->n++;
	t = instrument(b, r->instrument_id);
	if (t == NULL)
		return b->err->code ? b->err->code : HL_EIO;
	nq = r->nanswers < t->in->nquestions ? r->nanswers : t->in->nquestions;
	for (int i = 0; i < t->in->nquestions; i++) {
		struct rpt_question *q = &t->q[i];
		int v = i < nq ? r->answers[i] : 0;

		if (v == 0) {
			q->no_answer++;
		} else if (v <= q->nlevels) {
			q->count[v - 1]++;
			q->valid++;
		}
	}
	if (b->staff != NULL && r->staff_id != 0 &&
		(k = find_keyed(b->staff, b->nstaff, r->staff_id))) {
		unsigned char ans[STORE_ANSWERS_MAX] = {0};
		struct hl_crit_score sc[HL_MAX_CRITERIA];
		struct hl_err e;

		memcpy(ans, r->answers, (size_t)nq);
		k->n++;
		if (hl_instrument_score(t->in, ans, sc, &e) == HL_OK) {
			for (int c = 0; c < t->in->ncriteria; c++) {
				k->s += sc[c].s;
				k->v += sc[c].v;
			}
		}
	}
	if (r->comment[0] != '\0')
		return comment_themes(b, r->comment, r->id);
	return HL_OK;
}

/* ---- the same figures from the rollups (core/rollup.h) ---- */

_Static_assert(RPT_EXAMPLES <= HL_ROLLUP_EXAMPLES, "a rollup keeps the report's examples");
_Static_assert(THEME_COUNT <= HL_ROLLUP_THEMES, "a rollup holds every comment theme");

static int on_rollup(void *ctx, int64_t unit_id, hl_day month, const unsigned char *data,
	size_t len)
{
	struct build *b = ctx;

	(void)unit_id;
	(void)month;
	return hl_rollup_add_encoded(b->sum, data, len, b->err);
}

/* What on_response would have counted, from the sum of the rollups. */
static int take_rollup(struct build *b, const struct hl_rollup *r)
{
	b->m->responses = hl_rollup_responses(r);
	for (int c = 0; c < HL_ROLLUP_CHANNELS; c++)
		b->chan[c] = r->chan[c];
	for (size_t i = 0; i < r->nfield; i++) {
		struct keyed *k = find_keyed(b->fields, b->nfields, r->field[i].id);

		if (k == NULL)
			k = find_keyed(b->fields, b->nfields, 0);
		if (k != NULL)
			k->n += r->field[i].n;
	}
	for (size_t i = 0; i < r->ninst; i++) {
		const struct hl_rollup_inst *ri = &r->inst[i];
		struct inst *t = instrument(b, ri->id);

		if (t == NULL)
			return b->err->code ? b->err->code : HL_EIO;
		for (int k = 0; k < t->in->nquestions && k < ri->nq; k++) {
			struct rpt_question *q = &t->q[k];

			q->no_answer += ri->count[k * ri->nv];
			for (int v = 1; v < ri->nv && v <= q->nlevels; v++) {
				q->count[v - 1] += ri->count[k * ri->nv + v];
				q->valid += ri->count[k * ri->nv + v];
			}
		}
	}
	for (size_t i = 0; b->staff != NULL && i < r->nstaff; i++) {
		struct keyed *k = find_keyed(b->staff, b->nstaff, r->staff[i].id);

		if (k != NULL) {
			k->n += r->staff[i].n;
			k->s += r->staff[i].s;
			k->v += r->staff[i].v;
		}
	}
	/* The examples are the first distinct comments by response id, as the
	 * scan meets them: read those few responses. */
	for (int t = 0; t < THEME_COUNT; t++) {
		b->theme_n[t] = r->theme[t].n;
		for (int k = 0; k < r->theme[t].nex && b->quote_any; k++) {
			struct store_response resp;
			int rc = STORE(b->st, responses, response_get, r->theme[t].ex[k].id, &resp,
				b->err);

			if (rc == HL_OK)
				rc = add_example(b, t, resp.comment, resp.id);
			if (rc != HL_OK)
				return rc;
		}
	}
	return HL_OK;
}

/* The examples of a report for the public: only the comments a clerk
 * approved for publication (svc/comments.h), of counted responses in scope,
 * the first by response id. */
static int approved_examples(struct build *b, const struct hl_period *p)
{
	struct store_approval *ap = NULL;
	size_t n = 0;
	int rc = STORE(b->st, reports, comment_approval_list, 0, p->first, p->last, b->a, &ap, &n,
		b->err);

	b->quote_any = true;
	for (size_t i = 0; rc == HL_OK && i < n; i++) {
		struct store_response resp;
		unsigned mask = 0;

		if (!in_scope(b, ap[i].unit_id))
			continue;
		if ((rc = STORE(b->st, responses, response_get, ap[i].response_id, &resp,
			     b->err)) != HL_OK)
			break;
		if (resp.status != RS_COUNTED || resp.comment[0] == '\0')
			continue;
		if ((rc = themes_of(resp.comment, &mask, b->err)) == HL_EINVAL) {
			hl_err_clear(b->err); /* not UTF-8: as comment_themes, left out */
			rc = HL_OK;
			continue;
		}
		for (int t = 0; rc == HL_OK && t < THEME_COUNT; t++)
			if (mask & (1u << t))
				rc = add_example(b, t, resp.comment, resp.id);
	}
	b->quote_any = false;
	return rc;
}

/* Every response of p one by one: the instruments first, then the counts. */
static int scan_responses(struct build *b, const struct hl_period *p)
{
	struct inst_ids x = {.b = b};
	int rc = STORE(b->st, responses, response_scan, 0, p->first, p->last, note_instrument, &x,
		b->err);

	for (int i = 0; rc == HL_OK && i < x.n; i++)
		if (instrument(b, x.id[i]) == NULL)
			rc = b->err->code ? b->err->code : HL_EIO;
	if (rc == HL_OK)
		rc = STORE(b->st, responses, response_scan, 0, p->first, p->last, on_response, b,
			b->err);
	return rc;
}

/* The period's counted responses in scope, into b: from the rollups when
 * they can answer — a period of whole months and rollups kept since the
 * database began (or rebuilt) — else by reading every response of the
 * period: a custom day range such as 2024-01-15..2024-03-31, which months
 * cannot cut, or a database older than the rollups (m->rollups_missing). */
static int read_responses(struct build *b, const struct hl_period *p)
{
	struct hl_rollup sum;
	bool ready = false;
	int rc = STORE(b->st, tallies, rollup_ready, &ready, b->err);

	if (rc != HL_OK)
		return rc;
	b->m->rollups_missing = !ready;
	if (!ready || b->m->o.scan || p->first == HL_DAY_NONE || p->last == HL_DAY_NONE ||
		hl_day_month_start(p->first) != p->first ||
		hl_day_month_start(p->last + 1) != p->last + 1)
		return scan_responses(b, p);
	hl_rollup_init(&sum);
	b->sum = &sum;
	rc = STORE(b->st, tallies, rollup_sum, b->scope, b->nscope, p->first, p->last, on_rollup, b,
		b->err);
	if (rc == HL_OK)
		rc = take_rollup(b, &sum);
	b->sum = NULL;
	hl_rollup_clear(&sum);
	return rc;
}

/* ---- from the tallies of the pass to the model ---- */

static int cmp_count_desc(const void *pa, const void *pb)
{
	const struct rpt_count *a = pa, *b = pb;

	if (a->n != b->n)
		return a->n > b->n ? -1 : 1;
	return strcmp(a->code, b->code);
}

static int cmp_staff(const void *pa, const void *pb)
{
	const struct rpt_staff *a = pa, *b = pb;
	int c = strcmp(a->unit, b->unit);

	return c ? c : strcmp(a->code, b->code);
}

static int cmp_inst(const void *pa, const void *pb)
{
	const struct inst *a = pa, *b = pb;

	return a->id < b->id ? -1 : a->id > b->id;
}

static int load_fields(struct build *b)
{
	struct store_field *f = NULL;
	size_t n = 0;
	int rc = STORE(b->st, units, field_list, b->a, &f, &n, b->err);

	if (rc != HL_OK)
		return rc;
	b->fields = hl_arena_alloc(b->a, (n + 1) * sizeof(*b->fields));
	if (b->fields == NULL)
		return hl_err_set(b->err, HL_ENOMEM, HL_HERE, "hết bộ nhớ khi lập báo cáo");
	for (size_t i = 0; i < n; i++)
		b->fields[i + 1].id = f[i].id;
	b->nfields = n + 1;
	qsort(b->fields, b->nfields, sizeof(*b->fields), cmp_keyed);
	return HL_OK;
}

static const char *field_name(const struct store_field *f, size_t n, int64_t id, bool code)
{
	for (size_t i = 0; i < n; i++)
		if (f[i].id == id)
			return code ? f[i].code : f[i].name;
	return code ? "" : "Không ghi lĩnh vực";
}

static int finish_counts(struct build *b)
{
	static const char *const code[] = {"khac", "kiosk", "paper", "qr", "import"};
	static const char *const name[] = {"Kênh khác", "Kiosk tại bộ phận một cửa", "Phiếu giấy",
		"Mã QR (điện thoại)", "Nhập từ tệp"};
	struct rpt_model *m = b->m;
	struct store_field *f = NULL;
	size_t nf = 0;
	int rc;

	m->channels = hl_arena_alloc(b->a, 5 * sizeof(*m->channels));
	m->fields = hl_arena_alloc(b->a, (b->nfields + 1) * sizeof(*m->fields));
	if (m->channels == NULL || m->fields == NULL)
		return hl_err_set(b->err, HL_ENOMEM, HL_HERE, "hết bộ nhớ khi lập báo cáo");
	for (int c = 1; c <= 5; c++) {
		int ch = c % 5; /* the four channels in order, then any other */

		if (b->chan[ch] > 0)
			m->channels[m->nchannels++] = (struct rpt_count){code[ch], name[ch],
				b->chan[ch]};
	}
	rc = STORE(b->st, units, field_list, b->a, &f, &nf, b->err);
	if (rc != HL_OK)
		return rc;
	for (size_t i = 0; i < b->nfields; i++)
		if (b->fields[i].n > 0)
			m->fields[m->nfields++] = (struct rpt_count){field_name(f, nf,
									     b->fields[i].id, true),
				field_name(f, nf, b->fields[i].id, false), b->fields[i].n};
	qsort(m->fields, (size_t)m->nfields, sizeof(*m->fields), cmp_count_desc);
	return HL_OK;
}

static int finish_questions(struct build *b)
{
	struct rpt_model *m = b->m;
	int total = 0;

	qsort(b->inst, (size_t)b->ninst, sizeof(b->inst[0]), cmp_inst);
	for (int i = 0; i < b->ninst; i++)
		total += b->inst[i].in->nquestions;
	m->questions = hl_arena_alloc(b->a, ((size_t)total + 1) * sizeof(*m->questions));
	if (m->questions == NULL)
		return hl_err_set(b->err, HL_ENOMEM, HL_HERE, "hết bộ nhớ khi lập báo cáo");
	for (int i = 0; i < b->ninst; i++)
		for (int k = 0; k < b->inst[i].in->nquestions; k++)
			m->questions[m->nquestions++] = b->inst[i].q[k];
	return HL_OK;
}

static int finish_themes(struct build *b)
{
	struct rpt_model *m = b->m;

	m->themes = hl_arena_alloc(b->a, THEME_COUNT * sizeof(*m->themes));
	if (m->themes == NULL)
		return hl_err_set(b->err, HL_ENOMEM, HL_HERE, "hết bộ nhớ khi lập báo cáo");
	for (int t = 0; t < THEME_COUNT; t++) {
		struct rpt_theme *th;

		if (b->theme_n[t] == 0)
			continue;
		th = &m->themes[m->nthemes++];
		th->theme = t;
		th->name = theme_name(t);
		th->count = b->theme_n[t];
		th->nexamples = b->nexamples[t];
		for (int k = 0; k < b->nexamples[t]; k++) {
			th->example[k] = b->examples[t][k];
			th->example_id[k] = b->example_ids[t][k];
		}
	}
	return HL_OK;
}

static int load_staff(struct build *b, struct store_staff **list, size_t *n)
{
	int rc = STORE(b->st, units, staff_list, b->a, list, n, b->err);

	if (rc != HL_OK)
		return rc;
	b->staff = hl_arena_alloc(b->a, (*n + 1) * sizeof(*b->staff));
	if (b->staff == NULL)
		return hl_err_set(b->err, HL_ENOMEM, HL_HERE, "hết bộ nhớ khi lập báo cáo");
	for (size_t i = 0; i < *n; i++)
		b->staff[i].id = (*list)[i].id;
	b->nstaff = *n;
	qsort(b->staff, b->nstaff, sizeof(*b->staff), cmp_keyed);
	return HL_OK;
}

static int finish_staff(struct build *b, const struct store_staff *list, size_t n,
	const struct store_unit *units, size_t nunits)
{
	struct rpt_model *m = b->m;

	m->staff = hl_arena_alloc(b->a, (n + 1) * sizeof(*m->staff));
	if (m->staff == NULL)
		return hl_err_set(b->err, HL_ENOMEM, HL_HERE, "hết bộ nhớ khi lập báo cáo");
	for (size_t i = 0; i < n; i++) {
		const struct keyed *k = find_keyed(b->staff, b->nstaff, list[i].id);
		const struct store_unit *u = unit_by_id(units, nunits, list[i].unit_id);
		struct rpt_staff *s;

		if (k == NULL || k->n == 0)
			continue;
		s = &m->staff[m->nstaff++];
		s->code = list[i].code;
		s->name = list[i].name;
		s->unit = u ? u->name : "";
		s->n = k->n;
		s->valid = k->v > 0;
		s->value = k->v > 0 ? k->s / k->v * 100.0 : 0.0;
	}
	qsort(m->staff, (size_t)m->nstaff, sizeof(*m->staff), cmp_staff);
	return HL_OK;
}

/* The tasks of the plan of unit_id for year whose criterion is bl's, with
 * their statuses (issue 6); tasks read once per unit (*plan, *n). */
static int below_tasks(struct build *b, int64_t unit_id, int year, struct store_plan_task **plan,
	size_t *n, struct rpt_below *bl)
{
	const char **text, **status;
	int *no, k = 0;
	int rc = HL_OK;

	if (*plan == NULL)
		rc = STORE(b->st, plans, plan_task_list, unit_id, year, b->a, plan, n, b->err);
	if (rc != HL_OK || *n == 0)
		return rc;
	text = hl_arena_alloc(b->a, *n * sizeof(*text));
	status = hl_arena_alloc(b->a, *n * sizeof(*status));
	no = hl_arena_alloc(b->a, *n * sizeof(*no));
	if (text == NULL || status == NULL || no == NULL)
		return hl_err_set(b->err, HL_ENOMEM, HL_HERE, "hết bộ nhớ khi lập báo cáo");
	for (size_t t = 0; t < *n; t++) {
		if (strcmp((*plan)[t].criterion, bl->criterion) != 0)
			continue;
		text[k] = (*plan)[t].task;
		status[k] = plan_status_label((*plan)[t].status);
		no[k++] = (*plan)[t].no;
	}
	bl->ntasks = k;
	bl->tasks = text;
	bl->status = status;
	bl->task_no = no;
	return HL_OK;
}

/* The criteria below target, each with the matching tasks of its unit's
 * improvement plan for the period's year and its value in the whole year
 * before (the value before the plan; the index query pools predecessors). */
static int finish_below(struct build *b)
{
	struct rpt_model *m = b->m;
	const struct iq_result *r = m->index;
	size_t cap = r->nunits * (size_t)(r->ncrit + 1) + 1;
	struct iq_opts io = {0};
	struct iq_result *before = NULL;
	char year[16];
	int rc;

	m->below = hl_arena_alloc(b->a, cap * sizeof(*m->below));
	if (m->below == NULL)
		return hl_err_set(b->err, HL_ENOMEM, HL_HERE, "hết bộ nhớ khi lập báo cáo");
	snprintf(year, sizeof(year), "%d", m->o.period.year - 1);
	io.unit = m->o.unit;
	io.under = m->o.under;
	for (size_t i = 0; i < r->nunits; i++) {
		const struct iq_unit *prev = NULL;
		struct store_plan_task *plan = NULL;
		size_t nplan = 0;

		for (int k = 0; k <= r->ncrit; k++) {
			const struct hl_idx_cell *c = &r->units[i].idx.cell[k];
			struct rpt_below *bl;

			if (!c->cur.valid || !c->has_target || c->met)
				continue;
			/* The year before, queried once and only when some criterion is below. */
			if (before == NULL) {
				rc = hl_period_parse(year, &io.period, b->err);
				if (rc == HL_OK)
					rc = iq_run(b->st, b->a, &io, &before, b->err);
				if (rc != HL_OK)
					return rc;
			}
			for (size_t j = 0; j < before->nunits && prev == NULL; j++)
				if (before->units[j].unit.id == r->units[i].unit.id)
					prev = &before->units[j];
			bl = &m->below[m->nbelow++];
			bl->unit = r->units[i].unit.name;
			bl->criterion = r->crit_code[k];
			bl->criterion_name = r->crit_name[k];
			bl->value = c->cur.value;
			bl->target = c->target;
			bl->plan_year = m->o.period.year;
			for (int p = 0; prev != NULL && p <= before->ncrit; p++)
				if (strcmp(before->crit_code[p], bl->criterion) == 0 &&
					prev->idx.cell[p].cur.valid) {
					bl->has_before = true;
					bl->before = prev->idx.cell[p].cur.value;
				}
			rc = below_tasks(b, r->units[i].unit.id, bl->plan_year, &plan, &nplan, bl);
			if (rc != HL_OK)
				return rc;
		}
	}
	return HL_OK;
}

/* The feedback figures of the units in scope over the period, summed per
 * unit, as of the end of the document's day. */
static int build_feedback(struct build *b)
{
	struct rpt_model *m = b->m;
	struct fb_month *fm = NULL;
	size_t n = 0;
	int rc = fb_stats(b->st, NULL, &m->o.period, m->subject->code, m->o.under != NULL,
		(int64_t)(m->o.date + 1) * 1440 - 1, b->a, &fm, &n, b->err);

	if (rc != HL_OK || n == 0)
		return rc;
	m->feedback = hl_arena_alloc(b->a, n * sizeof(*m->feedback));
	if (m->feedback == NULL)
		return hl_err_set(b->err, HL_ENOMEM, HL_HERE, "hết bộ nhớ khi lập báo cáo");
	for (size_t i = 0; i < n; i++) {
		struct rpt_feedback *f = &m->feedback[m->nfeedback];

		if (m->nfeedback == 0 || fm[i].unit_id != fm[i - 1].unit_id) {
			f = &m->feedback[m->nfeedback++];
			f->unit = hl_arena_strdup(b->a, fm[i].unit_name);
			if (f->unit == NULL)
				return hl_err_set(b->err, HL_ENOMEM, HL_HERE,
					"hết bộ nhớ khi lập báo cáo");
		} else {
			f = &m->feedback[m->nfeedback - 1];
		}
		f->received += fm[i].received;
		f->answered += fm[i].answered;
		f->due += fm[i].due;
		f->on_time += fm[i].on_time;
		f->rated += fm[i].rated;
		f->satisfied += fm[i].satisfied;
		f->score = fb_score(f->due, f->on_time);
	}
	return HL_OK;
}

/* The follow-up cases of the table's units opened in the period, as of the
 * end of the document's day, each with the unit's TT. */
static int build_follow(struct build *b)
{
	struct rpt_model *m = b->m;
	const struct iq_result *r = m->index;
	struct followup_figures *ff = NULL;
	int64_t *ids;
	size_t n = 0;
	int tt = -1, rc;

	if (r->nunits == 0)
		return HL_OK;
	if ((ids = hl_arena_alloc(b->a, r->nunits * sizeof(*ids))) == NULL)
		return hl_err_set(b->err, HL_ENOMEM, HL_HERE, "hết bộ nhớ khi lập báo cáo");
	for (size_t i = 0; i < r->nunits; i++)
		ids[i] = r->units[i].unit.id;
	rc = followup_figures(b->st, ids, r->nunits, m->o.period.first, m->o.period.last,
		(int64_t)(m->o.date + 1) * 1440 - 1, b->a, &ff, &n, b->err);
	if (rc != HL_OK || n == 0)
		return rc;
	if ((m->follow = hl_arena_alloc(b->a, n * sizeof(*m->follow))) == NULL)
		return hl_err_set(b->err, HL_ENOMEM, HL_HERE, "hết bộ nhớ khi lập báo cáo");
	for (int k = 0; k < r->ncrit; k++)
		if (strcmp(r->crit_code[k], "TT") == 0)
			tt = k;
	/* ff keeps ids' order: one walk down the table's units */
	for (size_t j = 0, i = 0; j < n; j++) {
		struct rpt_follow *f = &m->follow[m->nfollow++];
		const struct hl_idx_cell *c;

		while (i < r->nunits && r->units[i].unit.id != ff[j].unit_id)
			i++;
		if (i == r->nunits)
			return hl_err_set(b->err, HL_EIO, HL_HERE, "lỗi lập trình: thứ tự đơn vị");
		c = tt >= 0 ? &r->units[i].idx.cell[tt] : NULL;
		f->unit = r->units[i].unit.name;
		f->tt_valid = c != NULL && c->cur.valid;
		f->tt = f->tt_valid ? c->cur.value : 0;
		f->opened = ff[j].opened;
		f->closed = ff[j].closed;
		f->in_time = ff[j].in_time;
		f->dossiers = ff[j].dossiers;
		f->callbacks = ff[j].callbacks;
	}
	return HL_OK;
}

/* The scorecard of Decision 766 for the same scope and period, without
 * points (the command line shows them: the document gives the ratios). */
static int build_score766(struct build *b)
{
	struct rpt_model *m = b->m;
	struct sc_opts o = {.period = m->o.period,
		.unit = m->o.under != NULL ? NULL : m->subject->code,
		.under = m->o.under != NULL ? m->subject->code : NULL,
		.at = (int64_t)(m->o.date + 1) * 1440 - 1};

	return sc_run(b->st, b->a, &o, NULL, 0, &m->score766, b->err);
}

int rpt_letterhead(struct hl_arena *a, const struct store_unit *u, const struct store_unit *parent,
	struct rpt_model *m, struct hl_err *err)
{
	m->issuer = issuer_of(a, u, false);
	m->issuer_parent = parent != NULL ? issuer_of(a, parent, true) : "";
	m->place = place_of(a, u);
	m->symbol = "";
	if (is_committee(u->type)) {
		m->signer_title = "TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH";
		m->symbol = "UBND";
	} else if (strcmp(u->type, "tram-y-te") == 0) {
		m->signer_title = "TRẠM TRƯỞNG";
		m->symbol = "TYT";
	} else {
		m->signer_title = "THỦ TRƯỞNG ĐƠN VỊ";
	}
	if (!m->issuer || !m->issuer_parent || !m->place)
		return hl_err_set(err, HL_ENOMEM, HL_HERE, "hết bộ nhớ khi lập phần đầu văn bản");
	return HL_OK;
}

int rpt_build(struct store *st, struct hl_arena *a, const struct rpt_opts *o,
	struct rpt_model **out, struct hl_err *err)
{
	struct build *b = NULL;
	struct rpt_model *m;
	struct store_unit *units = NULL;
	struct store_staff *staff = NULL;
	size_t nunits = 0, nstaff = 0;
	struct iq_opts io = {0};
	const char *code = o->unit ? o->unit : o->under;
	int rc;

	*out = NULL;
	if ((o->unit == NULL) == (o->under == NULL))
		return hl_err_set(err, HL_EINVAL, "--unit",
			"báo cáo cần đúng một trong --unit (một đơn vị) "
			"và --under (các đơn vị thuộc một cơ quan)");
	b = hl_arena_alloc(a, sizeof(*b));
	m = hl_arena_alloc(a, sizeof(*m));
	if (b == NULL || m == NULL)
		return hl_err_set(err, HL_ENOMEM, HL_HERE, "hết bộ nhớ khi lập báo cáo");
	b->st = st;
	b->a = a;
	b->err = err;
	b->m = m;
	m->o = *o;
	m->o.unit = o->unit ? hl_arena_strdup(a, o->unit) : NULL;
	m->o.under = o->under ? hl_arena_strdup(a, o->under) : NULL;
	m->o.number = o->number ? hl_arena_strdup(a, o->number) : NULL;
	m->o.signer = o->signer ? hl_arena_strdup(a, o->signer) : NULL;
	m->signer = m->o.signer ? m->o.signer : "";
	if (m->o.date == HL_DAY_NONE)
		m->o.date = hl_clock_today();
	hl_period_label(&o->period, m->period_label, sizeof(m->period_label));

	rc = STORE(st, units, unit_list, a, &units, &nunits, err);
	if (rc != HL_OK)
		return rc;
	m->subject = unit_by_code(units, nunits, code);
	if (m->subject == NULL)
		return hl_err_set(err, HL_ENOTFOUND, o->unit ? "--unit" : "--under",
			"không có đơn vị mã '%s' (xem: hailong units list)", code);

	io.period = o->period;
	io.unit = o->unit;
	io.under = o->under;
	rc = iq_run(st, a, &io, &m->index, err);
	if (rc == HL_OK && o->period.kind != HL_P_RANGE)
		rc = trend_monthly(st, a, &o->period, o->unit, o->under, &m->trend, err);
	if (rc != HL_OK)
		return rc;
	rc = build_scope(b, nunits);
	if (rc == HL_OK)
		rc = load_fields(b);
	if (rc == HL_OK && o->internal)
		rc = load_staff(b, &staff, &nstaff);
	if (rc != HL_OK)
		return rc;
	b->quote_any = o->internal;
	if (b->nscope > 0) {
		rc = read_responses(b, &o->period);
		if (rc == HL_OK && !o->internal)
			rc = approved_examples(b, &o->period);
		if (rc != HL_OK)
			return rc;
	}
	if (m->responses == 0)
		return hl_err_set(err, HL_EINVAL, "--period",
			"%s không có phiếu khảo sát nào được tính cho %s%s: chọn kỳ khác hoặc nhập phiếu "
			"trước khi lập báo cáo",
			m->period_label, o->under ? "các đơn vị thuộc " : "", m->subject->name);

	rc = finish_counts(b);
	if (rc == HL_OK)
		rc = finish_questions(b);
	if (rc == HL_OK)
		rc = finish_themes(b);
	if (rc == HL_OK && o->internal)
		rc = finish_staff(b, staff, nstaff, units, nunits);
	if (rc == HL_OK)
		rc = finish_below(b);
	if (rc == HL_OK)
		rc = build_feedback(b);
	if (rc == HL_OK)
		rc = build_follow(b);
	if (rc == HL_OK)
		rc = build_score766(b);
	if (rc == HL_OK)
		rc = heading(b, units, nunits);
	if (rc == HL_OK)
		rc = rpt_order(m, a, err);
	if (rc != HL_OK)
		return rc;
	*out = m;
	return HL_OK;
}

static const char *const names[] = {
	[RPT_PDF] = "pdf",
	[RPT_XLSX] = "xlsx",
	[RPT_CSV] = "csv",
	[RPT_HTML] = "html",
};

int rpt_format_of(const char *name)
{
	if (name == NULL)
		return -1;
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (strcmp(name, names[i]) == 0)
			return (int)i;
	return -1;
}
