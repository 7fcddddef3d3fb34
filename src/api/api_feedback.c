/* api_feedback.c — feedback and complaints (phản ánh, kiến nghị, issue 6)
 * over JSON (docs/api.md), and what the staff and public pages share with
 * it: the scoped look-up of an item, the steps, the public form's brake and
 * the item as JSON. The work itself is svc/feedback.h's.
 *
 * Writes: each runs on the server's single writer (srv_write) with the
 * service's fb_X_in, inside the writer's transaction: ordered with every
 * other write (parallel posts get distinct codes), durable before the
 * answer, and a failure undoes only its own writes. */
#include <jansson.h>
#include <stdio.h>
#include <string.h>

#include "api/api.h"
#include "base/arena.h"
#include "base/clock.h"
#include "base/text.h"
#include "core/date.h"
#include "http/page.h"
#include "http/scope.h"
#include "http/srv.h"
#include "svc/feedback.h"
#include "svc/ingest.h"
#include "svc/ratelimit.h"
#include "svc/units.h"

#define FB_LIST_MAX 500

bool fb_web_allow(struct http_req *r)
{
	return srv_allow(r, RL_FEEDBACK_ADDR, r->client);
}

int fb_web_track(struct http_req *r, const char *code, const char *token, struct fb_item *out,
	struct hl_err *err)
{
	bool over = false;
	int rc;

	if (rl_over(r->st, RL_TRACK_ADDR, r->client, srv_now(), &over, err) != HL_OK)
		return err->code;
	if (over)
		return hl_err_set(err, HL_ELIMIT, "token",
			"đã tra cứu sai quá nhiều lần từ địa chỉ "
			"này: xin đợi 15 phút rồi thử lại");
	rc = fb_track(r->st, NULL, code, token, hl_clock_minute(), r->a, out, err);
	/* a wrong guess counts; a right one, or a missing item code, does not */
	if (rc == HL_ENOTFOUND)
		srv_allow(r, RL_TRACK_ADDR, r->client);
	return rc;
}

const char *fb_web_track_url(struct http_req *r, const char *base, const char *code,
	const char *token)
{
	struct hbuf b;

	hb_init(&b, r->a, 4096);
	/* the server's configured address: its own, not outside text */
	hb_printf(&b, "%s/public/feedback/track?code=", base != NULL ? base : "");
	hb_url(&b, code);
	hb_raw(&b, "&token=");
	hb_url(&b, token);
	return b.failed ? NULL : b.s;
}

const char *fb_web_who(struct http_req *r)
{
	if (r->role == ROLE_NONE)
		return "web:cong-dan";
	return hl_arena_printf(r->a, "web:%s", r->user.name);
}

int fb_web_item(struct http_req *r, const char *code, struct fb_item *out, struct hl_err *err)
{
	struct store_unit u;
	char missing[STORE_CODE_MAX + 64];
	int rc;

	if (code == NULL || strlen(code) >= STORE_CODE_MAX)
		return hl_err_set(err, HL_ENOTFOUND, "code", "không có phản ánh, kiến nghị này");
	rc = fb_get(r->st, NULL, code, hl_clock_minute(), r->a, out, err);
	if (rc != HL_OK)
		return rc;
	snprintf(missing, sizeof(missing), "không có phản ánh, kiến nghị mã '%s'", code);
	return scope_object(r, units_get(r->st, out->unit_code, &u, err) == HL_OK ? &u : NULL,
		"code", missing, err);
}

/* One feedback write for the writer: an item to add (in) or a step to do
 * (action, an enum fb_action) to item code. */
struct fb_job {
	int action; /* 0 = add in */
	const struct fb_new *in;
	const char *code, *criterion, *office, *text, *who;
	int cls, kind;
	int64_t version;        /* a step: the item's version the caller saw, 0 = any */
	char *new_code, *token; /* add: what it gets (token may be NULL) */
};

static int write_fb(struct writer_tx *tx, void *arg, struct hl_err *err)
{
	const struct fb_job *j = arg;
	struct store *st = writer_tx_store(tx);

	switch (j->action) {
	case FB_A_CLASSIFY:
		return fb_classify_in(st, j->code, j->version, j->cls, j->criterion, j->kind, -1,
			j->who, err);
	case FB_A_FORWARD:
		return fb_forward_in(st, j->code, j->version, j->office, -1, j->who, err);
	case FB_A_ANSWER: return fb_answer_in(st, j->code, j->version, j->text, 0, -1, j->who, err);
	case FB_A_PUBLISH: return fb_publish_in(st, j->code, j->version, -1, j->who, err);
	case FB_A_RATE_OK:
	case FB_A_RATE_BAD:
		return fb_rate_in(st, j->code, j->version, j->action == FB_A_RATE_OK, -1, j->who,
			err);
	case FB_A_REOPEN: return fb_reopen_in(st, j->code, j->version, j->text, -1, j->who, err);
	default: return fb_add_in(st, j->in, j->who, j->new_code, j->token, err);
	}
}

/* Store item in through the writer, audited as who. */
static int add_item(struct http_req *r, const struct fb_new *in, const char *who, char *code,
	char *token, struct hl_err *err)
{
	struct fb_job j = {.in = in, .who = who, .new_code = code, .token = token};

	return srv_write(r, write_fb, &j, err);
}

int fb_web_rate(struct http_req *r, const char *code, bool satisfied, const char *who,
	struct hl_err *err)
{
	struct fb_job j = {.action = satisfied ? FB_A_RATE_OK : FB_A_RATE_BAD,
		.code = code,
		.who = who};

	return srv_write(r, write_fb, &j, err);
}

int fb_web_public_add(struct http_req *r, const char *unit, const char *text, const char *name,
	const char *contact, const char *id, char *code, char *token, struct hl_err *err)
{
	struct fb_new in = {
		.unit = unit,
		.channel = FB_WEB,
		.received_at = hl_clock_minute(),
		.text = text,
		.name = name,
		.contact = contact,
		.id = id,
	};
	struct store_unit u;

	if (unit == NULL || strlen(unit) >= STORE_CODE_MAX ||
		units_get(r->st, unit, &u, err) != HL_OK)
		return hl_err_set(err, HL_ENOTFOUND, "unit", "không có đơn vị này");
	if (text == NULL || text[0] == '\0')
		return hl_err_set(err, HL_EINVAL, "text",
			"hãy viết nội dung phản ánh, kiến nghị trước khi gửi");
	return add_item(r, &in, fb_web_who(r), code, token, err);
}

/* err, a parse's message, now naming the field. */
static int in_field(struct hl_err *err, const char *field)
{
	snprintf(err->where, sizeof(err->where), "%s", field);
	return err->code;
}

/* An office given by code must be one of the item's unit's (or built in). */
static int office_check(struct http_req *r, const struct fb_item *it, const char *office,
	struct hl_err *err)
{
	struct store_fb_office *o = NULL;
	size_t n = 0;

	if (office == NULL || office[0] == '\0')
		return hl_err_set(err, HL_EINVAL, "office", "hãy chọn cơ quan, bộ phận xử lý");
	if (fb_offices(r->st, it->it.unit_id, r->a, &o, &n, err) != HL_OK)
		return err->code;
	for (size_t i = 0; i < n; i++)
		if (strcmp(o[i].code, office) == 0)
			return HL_OK;
	return hl_err_set(err, HL_EINVAL, "office",
		"không có cơ quan, bộ phận mã '%s' của đơn vị: hãy chọn trong danh sách", office);
}

int fb_web_act(struct http_req *r, const char *code, const struct fb_web_args *a,
	struct hl_err *err)
{
	struct fb_item it;
	struct fb_job j = {0};
	const char *who = fb_web_who(r);
	int rc;

	if (who == NULL)
		return hl_err_set(err, HL_ENOMEM, HL_HERE, "hết bộ nhớ");
	if ((rc = fb_web_item(r, code, &it, err)) != HL_OK)
		return rc;
	if (a->action == NULL)
		return hl_err_set(err, HL_EINVAL, "action", "thiếu thao tác cần làm");
	/* codes are short: a long one is refused before a message echoes it */
	if ((a->cls && strlen(a->cls) >= STORE_CODE_MAX) ||
		(a->criterion && strlen(a->criterion) >= STORE_CODE_MAX) ||
		(a->kind && strlen(a->kind) >= STORE_CODE_MAX) ||
		(a->office && strlen(a->office) >= STORE_CODE_MAX) ||
		(a->rating && strlen(a->rating) >= STORE_CODE_MAX) ||
		strlen(a->action) >= STORE_CODE_MAX)
		return hl_err_set(err, HL_EINVAL, "body",
			"một mã trong yêu cầu quá dài (tối đa %d byte)", STORE_CODE_MAX - 1);
	j.code = it.it.code;
	j.who = who;
	j.version = a->version;
	if (strcmp(a->action, "classify") == 0) {
		j.action = FB_A_CLASSIFY;
		j.criterion = a->criterion;
		if (fb_class_parse(a->cls != NULL ? a->cls : "", &j.cls, err) != HL_OK)
			return in_field(err, "class");
		if (a->criterion != NULL && a->criterion[0] != '\0' &&
			fb_criterion_parse(a->criterion, err) != HL_OK)
			return in_field(err, "criterion");
		if (a->kind != NULL && a->kind[0] != '\0' &&
			fb_kind_parse(a->kind, &j.kind, err) != HL_OK)
			return in_field(err, "kind");
	} else if (strcmp(a->action, "forward") == 0) {
		j.action = FB_A_FORWARD;
		j.office = a->office;
		if ((rc = office_check(r, &it, a->office, err)) != HL_OK)
			return rc;
	} else if (strcmp(a->action, "answer") == 0) {
		j.action = FB_A_ANSWER;
		j.text = a->text;
		if (a->text == NULL || a->text[0] == '\0')
			return hl_err_set(err, HL_EINVAL, "text", "hãy viết nội dung trả lời");
	} else if (strcmp(a->action, "publish") == 0) {
		j.action = FB_A_PUBLISH;
	} else if (strcmp(a->action, "reopen") == 0) {
		j.action = FB_A_REOPEN;
		j.text = a->reason; /* the reason, checked by the service */
		if (a->reason == NULL || a->reason[0] == '\0')
			return hl_err_set(err, HL_EINVAL, "reason", "hãy ghi lý do mở lại");
	} else if (strcmp(a->action, "rate") == 0) {
		bool ok = a->rating != NULL && strcmp(a->rating, "satisfied") == 0;

		if (!ok && (a->rating == NULL || strcmp(a->rating, "unsatisfied") != 0))
			return hl_err_set(err, HL_EINVAL, "rating",
				"đánh giá chỉ nhận satisfied (hài lòng) hoặc unsatisfied (không hài lòng)");
		j.action = ok ? FB_A_RATE_OK : FB_A_RATE_BAD;
	} else {
		return hl_err_set(err, HL_EINVAL, "action",
			"thao tác '%s' không có: dùng classify, forward, answer, publish, rate hoặc reopen",
			a->action);
	}
	return srv_write(r, write_fb, &j, err);
}

bool fb_web_answer_public(const struct fb_item *it)
{
	return it->it.published_at >= 0 && it->it.answer != NULL;
}

/* A minute as "YYYY-MM-DD HH:MM", or JSON null. */
static json_t *jminute(int64_t m)
{
	char buf[32];

	if (m < 0)
		return json_null();
	return json_string(hl_clock_iso_minute(m, buf, sizeof(buf)));
}

json_t *fb_web_json(const struct fb_item *f, bool staff)
{
	const struct store_fb_item *it = &f->it;
	bool pub = fb_web_answer_public(f);
	json_t *o = json_object();

	if (o == NULL)
		return NULL;
	json_object_set_new(o, "code", json_string(it->code));
	json_object_set_new(o, "unit", json_string(f->unit_code));
	json_object_set_new(o, "channel", json_string(fb_channel_code(it->channel)));
	json_object_set_new(o, "received_at", jminute(it->received_at));
	json_object_set_new(o, "state", json_string(fb_state_label(it->state)));
	json_object_set_new(o, "step", json_string(fb_step_code(f->step)));
	json_object_set_new(o, "step_label", json_string(fb_step_label(f->step)));
	json_object_set_new(o, "text", it->text ? json_string(it->text) : json_null());
	json_object_set_new(o, "published_at", jminute(it->published_at));
	json_object_set_new(o, "answer",
		pub || (staff && it->answer) ? json_string(it->answer) : json_null());
	json_object_set_new(o, "rating",
		it->rating == 1         ? json_string("satisfied") :
			it->rating == 2 ? json_string("unsatisfied") :
					  json_null());
	if (!staff)
		return o;
	json_object_set_new(o, "kind", json_string(fb_kind_code(it->kind)));
	json_object_set_new(o, "class",
		it->cls ? json_string(fb_class_code(it->cls)) : json_null());
	json_object_set_new(o, "criterion",
		it->criterion[0] ? json_string(it->criterion) : json_null());
	json_object_set_new(o, "due_at", jminute(f->due_at));
	json_object_set_new(o, "overdue", json_boolean(f->overdue));
	json_object_set_new(o, "classified_at", jminute(it->classified_at));
	json_object_set_new(o, "office",
		f->office_code[0] ? json_string(f->office_code) : json_null());
	json_object_set_new(o, "forwarded_at", jminute(it->forwarded_at));
	json_object_set_new(o, "answered_at", jminute(it->answered_at));
	json_object_set_new(o, "answer_no",
		it->answer_no ? json_integer(it->answer_no) : json_null());
	json_object_set_new(o, "rated_at", jminute(it->rated_at));
	json_object_set_new(o, "closed_at", jminute(it->closed_at));
	json_object_set_new(o, "reopened", json_integer(it->reopened));
	json_object_set_new(o, "version", json_integer(it->version));
	return o;
}

/* ---- the endpoints ---- */

/* The keys of a body: codes first (FB_FIRST_TEXT of them), then free text. */
static const char *const body_keys[] = {
	"unit",
	"channel",
	"kind",
	"code",
	"received_at",
	"class",
	"criterion",
	"office",
	"rating",
	"id",
	"text",
	"name",
	"contact",
	"website",
	"reason",
	NULL,
};
#define FB_FIRST_TEXT 10

/* How many bytes of s, at most max, end between two characters (s is valid
 * UTF-8: JSON keys are). */
static int clip_len(const char *s, size_t max)
{
	size_t n = strlen(s);

	if (n <= max)
		return (int)n;
	for (n = max; n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80; n--)
		;
	return (int)n;
}

int fb_web_body_parse(const char *body, size_t len, struct fb_web_body *out, struct hl_err *err)
{
	const char **slot[] = {
		&out->unit,
		&out->channel,
		&out->kind,
		&out->code,
		&out->received_at,
		&out->cls,
		&out->criterion,
		&out->office,
		&out->rating,
		&out->id,
		&out->text,
		&out->name,
		&out->contact,
		&out->website,
		&out->reason,
	};
	json_error_t jerr;
	const char *key;
	json_t *v;

	memset(out, 0, sizeof(*out));
	if (len > FB_BODY_MAX)
		return hl_err_set(err, HL_ELIMIT, "body",
			"nội dung quá lớn: %zu byte, tối đa %d byte", len, FB_BODY_MAX);
	if (!hl_utf8_valid(body, len, NULL))
		return hl_err_set(err, HL_EINVAL, "body", "nội dung không phải UTF-8 hợp lệ");
	out->root = json_loadb(body, len, JSON_REJECT_DUPLICATES, &jerr);
	if (!json_is_object(out->root)) {
		fb_web_body_free(out);
		return hl_err_set(err, HL_EINVAL, "body",
			"nội dung phải là một đối tượng JSON {…}");
	}
	json_object_foreach(out->root, key, v)
	{
		int i;

		/* the item's version the caller acted on: a number, not a string */
		if (strcmp(key, "version") == 0) {
			if (!json_is_integer(v) || json_integer_value(v) < 1) {
				hl_err_set(err, HL_EINVAL, "version",
					"'version' phải là một số nguyên dương: "
					"phiên bản của phản ánh khi đọc");
				fb_web_body_free(out);
				return HL_EINVAL;
			}
			out->version = json_integer_value(v);
			continue;
		}
		for (i = 0; body_keys[i] != NULL && strcmp(key, body_keys[i]) != 0; i++)
			;
		if (body_keys[i] == NULL) {
			hl_err_set(err, HL_EINVAL, "body",
				"khóa '%.*s' không có trong định dạng phản "
				"ánh (xem docs/api.md)",
				clip_len(key, 40), key);
			fb_web_body_free(out);
			return HL_EINVAL;
		}
		if (!json_is_string(v) && !json_is_null(v)) {
			hl_err_set(err, HL_EINVAL, body_keys[i], "'%s' phải là một chuỗi",
				body_keys[i]);
			fb_web_body_free(out);
			return HL_EINVAL;
		}
		*slot[i] = json_string_value(v);
		/* a code is short: a long one is refused here, before a message echoes it */
		if (i < FB_FIRST_TEXT && *slot[i] != NULL && strlen(*slot[i]) >= STORE_CODE_MAX) {
			hl_err_set(err, HL_EINVAL, body_keys[i], "'%s' quá dài (tối đa %d byte)",
				body_keys[i], STORE_CODE_MAX - 1);
			fb_web_body_free(out);
			return HL_EINVAL;
		}
	}
	return HL_OK;
}

void fb_web_body_free(struct fb_web_body *b)
{
	if (b == NULL)
		return;
	json_decref(b->root);
	memset(b, 0, sizeof(*b));
}

int fb_web_body_new(const struct fb_web_body *b, struct fb_new *out, struct hl_err *err)
{
	memset(out, 0, sizeof(*out));
	out->unit = b->unit;
	out->text = b->text;
	out->name = b->name;
	out->contact = b->contact;
	out->code = b->code;
	out->id = b->id;
	out->received_at = hl_clock_minute();
	out->at_given = b->received_at != NULL;
	if (b->unit == NULL || b->unit[0] == '\0')
		return hl_err_set(err, HL_EINVAL, "unit", "thiếu mã đơn vị 'unit'");
	if (fb_channel_parse(b->channel != NULL ? b->channel : "", &out->channel, err) != HL_OK)
		return in_field(err, "channel");
	if (b->kind != NULL && fb_kind_parse(b->kind, &out->kind, err) != HL_OK)
		return in_field(err, "kind");
	if (b->received_at != NULL && !hl_minute_parse(b->received_at, &out->received_at))
		return hl_err_set(err, HL_EINVAL, "received_at",
			"received_at phải có dạng YYYY-MM-DD HH:MM (ví dụ 2026-03-02 08:15)");
	return HL_OK;
}

/* The request's body parsed into b, or a status sent (returns false). */
static bool body_of(struct http_req *r, struct fb_web_body *b)
{
	struct hl_err err = {0};

	if (fb_web_body_parse(r->body, r->body_len, b, &err) == HL_OK)
		return true;
	http_send_err(r, &err);
	return false;
}

static int send_item(struct http_req *r, int status, const char *code, bool staff)
{
	struct fb_item it;
	struct hl_err err = {0};
	json_t *o;

	if (fb_web_item(r, code, &it, &err) != HL_OK)
		return http_send_err(r, &err);
	o = fb_web_json(&it, staff);
	return o ? http_send_json(r, status, o) :
		   http_send_error(r, 500, "internal", "hết bộ nhớ", NULL);
}

int api_fb_list(struct http_req *r)
{
	const char *unit = http_query(r, "unit"), *open = http_query(r, "open");
	const char *overdue = http_query(r, "overdue"), *at = http_query(r, "at");
	struct fb_query q = {.by_due = true, .with_text = true, .limit = FB_LIST_MAX};
	struct store_unit u;
	struct fb_item *items = NULL;
	size_t n = 0;
	struct hl_err err = {0};
	json_t *arr, *o;

	q.at = hl_clock_minute();
	if (at != NULL && !hl_minute_parse(at, &q.at))
		return http_send_error(r, 400, "invalid",
			"at phải có dạng YYYY-MM-DD HH:MM (ví dụ 2026-03-02 08:00)", "at");
	if (unit != NULL && unit[0] != '\0') {
		if (scope_unit(r, unit, "unit", &u, &err) != HL_OK)
			return http_send_err(r, &err);
		q.unit = u.code;
		q.under = r->role >= ROLE_SUPERVISOR;
	} else if (scope_home(r, &u, &err) == HL_OK) {
		q.unit = u.code;
		q.under = r->role >= ROLE_SUPERVISOR;
	} else if (r->role != ROLE_ADMIN) {
		return http_send_err(r, &err);
	}
	q.open_only = open != NULL && strcmp(open, "1") == 0;
	q.overdue_only = overdue != NULL && strcmp(overdue, "1") == 0;
	if (fb_list(r->st, NULL, &q, r->a, &items, &n, &err) != HL_OK)
		return http_send_err(r, &err);
	arr = json_array();
	for (size_t i = 0; arr != NULL && i < n; i++)
		if (json_array_append_new(arr, fb_web_json(&items[i], true)) != 0) {
			json_decref(arr);
			arr = NULL;
		}
	o = json_pack("{s:o?}", "items", arr);
	if (o == NULL)
		return http_send_error(r, 500, "internal", "hết bộ nhớ", NULL);
	return http_send_json(r, 200, o);
}

int api_fb_get(struct http_req *r)
{
	return send_item(r, 200, r->param[0], true);
}

int api_fb_add(struct http_req *r)
{
	struct fb_web_body b;
	struct fb_new in;
	struct store_unit u;
	struct hl_err err = {0};
	char code[STORE_CODE_MAX];
	const char *who = fb_web_who(r);
	int rc;

	if (!body_of(r, &b))
		return 0;
	rc = fb_web_body_new(&b, &in, &err);
	if (rc == HL_OK)
		rc = scope_unit(r, in.unit, "unit", &u, &err);
	if (rc == HL_OK && who == NULL)
		rc = hl_err_set(&err, HL_ENOMEM, HL_HERE, "hết bộ nhớ");
	if (rc == HL_OK)
		rc = add_item(r, &in, who, code, NULL, &err);
	fb_web_body_free(&b);
	if (rc != HL_OK)
		return http_send_err(r, &err);
	return send_item(r, 201, code, true);
}

int api_fb_step(struct http_req *r)
{
	struct fb_web_body b;
	struct fb_web_args a;
	struct hl_err err = {0};
	int rc;

	if (!body_of(r, &b))
		return 0;
	a = (struct fb_web_args){
		.action = r->param[1],
		.cls = b.cls,
		.criterion = b.criterion,
		.kind = b.kind,
		.office = b.office,
		.text = b.text,
		.rating = b.rating,
		.reason = b.reason,
		.version = b.version,
	};
	rc = fb_web_act(r, r->param[0], &a, &err);
	fb_web_body_free(&b);
	if (rc != HL_OK)
		return http_send_err(r, &err);
	return send_item(r, 200, r->param[0], true);
}

int api_fb_public_add(struct http_req *r)
{
	struct fb_web_body b;
	struct hl_err err = {0};
	char code[STORE_CODE_MAX], token[FB_TOKEN_SIZE];
	const char *url;
	json_t *o;
	int rc;

	if (!fb_web_allow(r))
		return http_send_error(r, 429, "too_many_requests",
			"đã gửi quá nhiều phản ánh từ địa chỉ này: hãy đợi một giờ rồi gửi lại",
			NULL);
	if (!body_of(r, &b))
		return 0;
	if (b.website != NULL && b.website[0] != '\0') {
		fb_web_body_free(&b);
		return http_send_error(r, 400, "invalid", "nội dung gửi lên không hợp lệ", NULL);
	}
	rc = fb_web_public_add(r, b.unit, b.text, b.name, b.contact, b.id, code, token, &err);
	fb_web_body_free(&b);
	if (rc != HL_OK)
		return http_send_err(r, &err);
	url = fb_web_track_url(r, NULL, code, token);
	o = url ? json_pack("{s:s, s:s, s:s}", "code", code, "token", token, "track_url", url) :
		  NULL;
	return o ? http_send_json(r, 201, o) :
		   http_send_error(r, 500, "internal", "hết bộ nhớ", NULL);
}

int api_fb_public_track(struct http_req *r)
{
	const char *code = http_query(r, "code"), *token = http_query(r, "token");
	struct fb_item it;
	struct hl_err err = {0};
	json_t *o;
	int rc = fb_web_track(r, code, token, &it, &err);

	if (rc == HL_ELIMIT)
		return http_send_error(r, 429, "too_many", err.msg, NULL);
	if (rc == HL_EINVAL)
		return http_send_error(r, 400, "invalid", err.msg, err.where);
	if (rc != HL_OK)
		return http_send_error(r, 404, "not_found",
			"không tìm thấy phản ánh với mã phản ánh và "
			"mã theo dõi này: hãy kiểm tra lại mã",
			"token");
	o = fb_web_json(&it, false);
	return o ? http_send_json(r, 200, o) :
		   http_send_error(r, 500, "internal", "hết bộ nhớ", NULL);
}
