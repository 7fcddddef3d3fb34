/* feedback_query.c — reading feedback (feedback.h): one item by code or
 * by the citizen's tracking code, lists with their next step and deadline,
 * the steps as people read them, the sender's contact (audited), the
 * deadlines in force and the data of the written answer. */
#include "svc/feedback.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "base/text.h"
#include "core/date.h"
#include "core/trackcode.h"
#include "base/token.h"
#include "store/store.h"
#include "svc/calendar.h"
#include "svc/feedback_int.h"
#include "svc/report_model.h"

/* Stored step names (store_fb_step.step) and how a person reads them. */
static const char *const stored_steps[][2] = {
	{"received", "Tiếp nhận"},
	{"classified", "Phân loại"},
	{"forwarded", "Chuyển xử lý"},
	{"answered", "Trả lời"},
	{"published", "Công khai"},
	{"closed", "Đóng"},
	{"reopened", "Mở lại"},
};

/* One code of a step's detail in words: a channel, class or kind code, an
 * office code of o, a rating; anything else (e.g. "tiêu chí PV") as it is. */
static const char *detail_word(const char *w, const struct store_fb_office *o, size_t no)
{
	const char *label = fb_code_label(w);

	if (label != NULL)
		return label;
	if (strcmp(w, "satisfied") == 0)
		return "người gửi hài lòng";
	if (strcmp(w, "unsatisfied") == 0)
		return "người gửi chưa hài lòng";
	for (size_t i = 0; i < no; i++) /* the unit's own office, listed first, wins */
		if (strcmp(w, o[i].code) == 0)
			return o[i].name;
	return w;
}

void fb_step_text(const struct store_fb_step *s, const struct store_fb_office *o, size_t no,
	struct hl_arena *a, const char **label, const char **detail)
{
	char *copy = hl_arena_strdup(a, s->detail), *save = NULL;
	const char *out = "";

	*label = s->step;
	for (int i = 0; i < FB_NELEM(stored_steps); i++)
		if (strcmp(s->step, stored_steps[i][0]) == 0)
			*label = stored_steps[i][1];
	*detail = s->detail;
	/* The detail is codes joined by ", " (fb_classify_in and the others). */
	for (char *w = copy ? strtok_r(copy, ",", &save) : NULL; w && out;
		w = strtok_r(NULL, ",", &save)) {
		w += strspn(w, " ");
		out = hl_arena_printf(a, "%s%s%s", out, out[0] ? ", " : "", detail_word(w, o, no));
	}
	/* An answer's detail is its number: "số 3" becomes "văn bản số 3". */
	if (out != NULL && out[0] != '\0' && strcmp(s->step, "answered") == 0)
		out = hl_arena_printf(a, "văn bản %s", out);
	if (copy != NULL && out != NULL)
		*detail = out;
}

/* ---- reading ---- */

static int get_decorated(struct store *st, const struct cal *cal, const char *code,
	const unsigned char *hash, int64_t at, struct hl_arena *a, struct fb_item *out,
	struct hl_err *err)
{
	struct store_fb_item it;
	struct fb_ctx c;
	int rc;

	rc = hash != NULL ? STORE(st, feedback, fb_item_get_token, hash, a, &it, err) :
			    STORE(st, feedback, fb_item_get, code, a, &it, err);
	if (rc == HL_ENOTFOUND && hash == NULL)
		return hl_err_set(err, HL_ENOTFOUND, "code",
			"không có phản ánh mã '%s' (xem: hailong feedback list)", code);
	if (rc != HL_OK)
		return rc;
	rc = fb_ctx_load(&c, st, cal, true, a, err);
	if (rc == HL_OK)
		rc = fb_decorate(&c, &it, at, out);
	fb_ctx_done(&c);
	return rc;
}

int fb_get(struct store *st, const struct cal *cal, const char *code, int64_t at,
	struct hl_arena *a, struct fb_item *out, struct hl_err *err)
{
	return get_decorated(st, cal, code != NULL ? code : "", NULL, at, a, out, err);
}

/* ASCII case-insensitive equality, for the item's code a person typed. */
static bool same_code(const char *a, const char *b)
{
	for (; *a != '\0' && *b != '\0'; a++, b++) {
		char x = *a >= 'a' && *a <= 'z' ? (char)(*a - 32) : *a;
		char y = *b >= 'a' && *b <= 'z' ? (char)(*b - 32) : *b;

		if (x != y)
			return false;
	}
	return *a == *b;
}

int fb_track(struct store *st, const struct cal *cal, const char *code, const char *token,
	int64_t at, struct hl_arena *a, struct fb_item *out, struct hl_err *err)
{
	unsigned char hash[STORE_HASH_LEN];
	char item[STORE_CODE_MAX], code10[HL_TCODE_SIZE], *given;
	struct hl_err perr;
	int rc;

	snprintf(item, sizeof(item), "%s", code != NULL ? code : "");
	given = hl_trim(item);
	if (token_wellformed(token)) {
		/* a long token of an item from before issue 12: enough alone */
		token_hash(token, hash);
	} else if (hl_tcode_parse(token, code10, &perr) == HL_OK) {
		if (given[0] == '\0')
			return hl_err_set(err, HL_EINVAL, "code",
				"hãy nhập cả mã phản ánh (dạng PA-…) "
				"cùng mã theo dõi");
		fb_short_hash(code10, hash);
	} else if (given[0] == '\0' && token != NULL &&
		hl_tcode_split(token, item, sizeof(item), code10) == HL_OK) {
		/* both in one box */
		given = item;
		fb_short_hash(code10, hash);
	} else {
		return hl_err_set(err, HL_ENOTFOUND, "token", "%s",
			token != NULL && token[0] != '\0' && perr.msg[0] != '\0' ?
				perr.msg :
				"không có phản ánh nào mang mã tra cứu này");
	}
	rc = get_decorated(st, cal, NULL, hash, at, a, out, err);
	if (rc == HL_OK && given[0] != '\0' && !same_code(given, out->it.code))
		rc = HL_ENOTFOUND;
	if (rc == HL_ENOTFOUND)
		return hl_err_set(err, HL_ENOTFOUND, "token",
			"không có phản ánh nào mang mã phản ánh "
			"và mã theo dõi này");
	return rc;
}

bool fb_answer_public(const struct fb_item *f)
{
	return f->it.answered_at >= 0 && f->it.published_at >= f->it.answered_at;
}

int fb_contact(struct store *st, const char *code, const char *who, struct hl_arena *a, char **name,
	char **contact, struct hl_err *err)
{
	struct store_fb_item it;
	int rc = STORE(st, feedback, fb_item_get, code != NULL ? code : "", a, &it, err);

	if (rc == HL_ENOTFOUND)
		return hl_err_set(err, HL_ENOTFOUND, "code", "không có phản ánh mã '%s'",
			code != NULL ? code : "");
	if (rc == HL_OK)
		rc = STORE(st, feedback, fb_contact_get, it.id, a, name, contact, err);
	if (rc == HL_OK && who != NULL)
		rc = fb_read_audit(st, FB_READ_CONTACT, it.code, who, err);
	return rc;
}

int fb_read_audit(struct store *st, enum fb_read what, const char *code, const char *who,
	struct hl_err *err)
{
	return STORE(st, admin, audit, who,
		what == FB_READ_LETTER ? "feedback.letter" : "feedback.contact", code, err);
}

int fb_steps(struct store *st, const char *code, struct hl_arena *a, struct store_fb_step **out,
	size_t *n, struct hl_err *err)
{
	struct store_fb_item it;
	int rc = STORE(st, feedback, fb_item_get, code != NULL ? code : "", a, &it, err);

	*out = NULL;
	*n = 0;
	if (rc == HL_ENOTFOUND)
		return hl_err_set(err, HL_ENOTFOUND, "code", "không có phản ánh mã '%s'",
			code != NULL ? code : "");
	return rc == HL_OK ? STORE(st, feedback, fb_step_list, it.id, a, out, n, err) : rc;
}

static int by_due(const void *x, const void *y)
{
	const struct fb_item *a = x, *b = y;
	int64_t da = a->due_at < 0 ? INT64_MAX : a->due_at,
		db = b->due_at < 0 ? INT64_MAX : b->due_at;

	if (da != db)
		return da < db ? -1 : 1;
	return (a->it.id > b->it.id) - (a->it.id < b->it.id);
}

int fb_list(struct store *st, const struct cal *cal, const struct fb_query *q, struct hl_arena *a,
	struct fb_item **out, size_t *n, struct hl_err *err)
{
	struct store_fb_filter f = {.from = -1, .to = -1};
	struct store_fb_item *items = NULL;
	const struct store_unit *top;
	struct fb_item *res = NULL;
	size_t nitems = 0, k = 0;
	struct fb_ctx c;
	int rc;

	*out = NULL;
	*n = 0;
	rc = fb_ctx_load(&c, st, cal, true, a, err);
	if (rc == HL_OK)
		rc = fb_scope_unit(&c, q->unit, &top);
	if (rc != HL_OK)
		goto cleanup;
	f.unit_id = top != NULL && !q->under ? top->id : 0;
	f.open_only = q->open_only;
	f.published_only = q->published_only;
	f.with_text = q->with_text;
	rc = STORE(st, feedback, fb_item_list, &f, a, &items, &nitems, err);
	if (rc != HL_OK)
		goto cleanup;
	res = nitems > 0 ? hl_arena_alloc(a, nitems * sizeof(*res)) : NULL;
	if (nitems > 0 && res == NULL) {
		rc = hl_err_set(err, HL_ENOMEM, HL_HERE, "hết bộ nhớ khi liệt kê phản ánh");
		goto cleanup;
	}
	for (size_t i = 0; i < nitems; i++) {
		if (top != NULL && q->under && !fb_is_under(&c, items[i].unit_id, top->id))
			continue;
		rc = fb_decorate(&c, &items[i], q->at, &res[k]);
		if (rc != HL_OK)
			goto cleanup;
		if (q->overdue_only && !res[k].overdue)
			continue;
		k++;
	}
	if (q->by_due && k > 1)
		qsort(res, k, sizeof(*res), by_due);
	if (q->limit > 0 && k > (size_t)q->limit)
		k = (size_t)q->limit;
	*out = k > 0 ? res : NULL;
	*n = k;
cleanup:
	fb_ctx_done(&c);
	return rc;
}

int fb_deadline_get(struct store *st, int64_t unit_id, int cls, int *forward_hours,
	int *answer_days, struct hl_err *err)
{
	struct hl_arena *a = hl_arena_new(OP_ARENA_CAP);
	struct fb_ctx c;
	int rc;

	if (a == NULL)
		return hl_err_set(err, HL_ENOMEM, HL_HERE, "hết bộ nhớ");
	rc = fb_ctx_load(&c, st, NULL, false, a, err);
	if (rc == HL_OK)
		fb_resolve_deadline(&c, unit_id, cls, forward_hours, answer_days);
	fb_ctx_done(&c);
	hl_arena_free(a);
	return rc;
}

int fb_offices(struct store *st, int64_t unit_id, struct hl_arena *a, struct store_fb_office **out,
	size_t *n, struct hl_err *err)
{
	return STORE(st, feedback, fb_office_list, unit_id, a, out, n, err);
}

/* ---- the written answer ---- */

/* l's heading: the unit under its parent, as every document it issues. */
static int letter_head(struct fb_letter *l, struct hl_arena *a, struct hl_err *err)
{
	struct rpt_model *m = hl_arena_alloc(a, sizeof(*m));

	if (m == NULL)
		return hl_err_set(err, HL_ENOMEM, HL_HERE, "hết bộ nhớ");
	memset(m, 0, sizeof(*m));
	l->head = m;
	return rpt_letterhead(a, &l->unit, l->parent.id != 0 ? &l->parent : NULL, m, err);
}

int fb_letter_data(struct store *st, const char *code, const char *who, struct hl_arena *a,
	struct fb_letter *out, struct hl_err *err)
{
	struct fb_item fi;
	struct store_fb_item it;
	struct fb_ctx c;
	char *name = NULL, *contact = NULL;
	int y, m, d, rc;

	memset(out, 0, sizeof(*out));
	rc = STORE(st, feedback, fb_item_get, code != NULL ? code : "", a, &it, err);
	if (rc == HL_ENOTFOUND)
		return hl_err_set(err, HL_ENOTFOUND, "code", "không có phản ánh mã '%s'",
			code != NULL ? code : "");
	if (rc != HL_OK)
		return rc;
	if (it.answered_at < 0 || it.answer == NULL)
		return hl_err_set(err, HL_ECONFLICT, HL_HERE,
			"phản ánh %s chưa được trả lời; hãy trả lời trước (feedback answer)",
			it.code);
	rc = fb_ctx_load(&c, st, NULL, false, a, err);
	if (rc == HL_OK)
		rc = fb_decorate(&c, &it, it.answered_at, &fi);
	if (rc == HL_OK)
		rc = STORE(st, feedback, fb_contact_get, it.id, a, &name, &contact, err);
	if (rc == HL_OK) {
		const struct store_unit *u = fb_unit_of(&c, it.unit_id);
		const struct store_unit *par = u != NULL ? fb_unit_of(&c, u->parent_id) : NULL;

		if (u != NULL)
			out->unit = *u;
		if (par != NULL)
			out->parent = *par;
		out->number = it.answer_no;
		hl_day_to_ymd(fb_minute_day(it.answered_at), &y, &m, &d);
		out->year = y;
		out->date = fb_minute_day(it.answered_at);
		out->recipient = name;
		out->code = hl_arena_strdup(a, it.code);
		out->channel = fb_channel_label(it.channel);
		out->received_at = it.received_at;
		out->text = it.text;
		out->answer = it.answer;
		out->office = hl_arena_strdup(a, fi.office_name);
		if (out->code == NULL || out->office == NULL)
			rc = hl_err_set(err, HL_ENOMEM, HL_HERE, "hết bộ nhớ");
	}
	if (rc == HL_OK)
		rc = letter_head(out, a, err);
	if (rc == HL_OK && who != NULL)
		rc = fb_read_audit(st, FB_READ_LETTER, it.code, who, err);
	fb_ctx_done(&c);
	return rc;
}
