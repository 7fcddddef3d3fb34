/* api_feedback.c — feedback and complaints (phản ánh, kiến nghị, issue 6)
 * over JSON (docs/api.md): the body parsed, the item as JSON. The rules and
 * writes are svc/feedback.h's (feedback_step.c, shared with the pages), the
 * scoped look-up of an item http/scope.h's. */
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

/* err, a parse's message, now naming the field. */
static int in_field(struct hl_err *err, const char *field)
{
	snprintf(err->where, sizeof(err->where), "%s", field);
	return err->code;
}

/* A minute as "YYYY-MM-DD HH:MM", or JSON null. */
static json_t *jminute(int64_t m)
{
	char buf[32];

	if (m < 0)
		return json_null();
	return json_string(hl_clock_iso_minute(m, buf, sizeof(buf)));
}

/* The item as JSON (docs/api.md); staff adds the internal fields, else only
 * what the public may see. New reference, NULL when out of memory. */
static json_t *item_json(const struct fb_item *f, bool staff)
{
	const struct store_fb_item *it = &f->it;
	bool pub = fb_answer_public(f);
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

int api_fb_body_parse(const char *body, size_t len, struct api_fb_body *out, struct hl_err *err)
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
		api_fb_body_free(out);
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
				api_fb_body_free(out);
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
			api_fb_body_free(out);
			return HL_EINVAL;
		}
		if (!json_is_string(v) && !json_is_null(v)) {
			hl_err_set(err, HL_EINVAL, body_keys[i], "'%s' phải là một chuỗi",
				body_keys[i]);
			api_fb_body_free(out);
			return HL_EINVAL;
		}
		*slot[i] = json_string_value(v);
		/* a code is short: a long one is refused here, before a message echoes it */
		if (i < FB_FIRST_TEXT && *slot[i] != NULL && strlen(*slot[i]) >= STORE_CODE_MAX) {
			hl_err_set(err, HL_EINVAL, body_keys[i], "'%s' quá dài (tối đa %d byte)",
				body_keys[i], STORE_CODE_MAX - 1);
			api_fb_body_free(out);
			return HL_EINVAL;
		}
	}
	return HL_OK;
}

void api_fb_body_free(struct api_fb_body *b)
{
	if (b == NULL)
		return;
	json_decref(b->root);
	memset(b, 0, sizeof(*b));
}

int api_fb_body_new(const struct api_fb_body *b, struct fb_new *out, struct hl_err *err)
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
static bool body_of(struct http_req *r, struct api_fb_body *b)
{
	struct hl_err err = {0};

	if (api_fb_body_parse(r->body, r->body_len, b, &err) == HL_OK)
		return true;
	http_send_err(r, &err);
	return false;
}

static int send_item(struct http_req *r, int status, const char *code, bool staff)
{
	struct fb_item it;
	struct hl_err err = {0};
	json_t *o;

	if (scope_feedback(r, code, &it, &err) != HL_OK)
		return http_send_err(r, &err);
	o = item_json(&it, staff);
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
		if (json_array_append_new(arr, item_json(&items[i], true)) != 0) {
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
	struct api_fb_body b;
	struct fb_new in;
	struct store_unit u;
	struct hl_err err = {0};
	char code[STORE_CODE_MAX];
	struct fb_caller c = scope_fb_caller(r);
	int rc;

	if (!body_of(r, &b))
		return 0;
	rc = api_fb_body_new(&b, &in, &err);
	if (rc == HL_OK)
		rc = scope_unit(r, in.unit, "unit", &u, &err);
	if (rc == HL_OK && c.who == NULL)
		rc = hl_err_set(&err, HL_ENOMEM, HL_HERE, "hết bộ nhớ");
	if (rc == HL_OK)
		rc = fb_add_by(&c, &in, code, NULL, &err);
	api_fb_body_free(&b);
	if (rc != HL_OK)
		return http_send_err(r, &err);
	return send_item(r, 201, code, true);
}

/* A body's string by key (parsed and checked by api_fb_body_parse), or NULL. */
static const char *body_field(void *b, const char *key)
{
	return json_string_value(json_object_get(((struct api_fb_body *)b)->root, key));
}

int api_fb_step(struct http_req *r)
{
	struct api_fb_body b;
	struct fb_step_args a = {0};
	struct hl_err err = {0};
	int rc;

	if (!body_of(r, &b))
		return 0;
	scope_fb_step_read(&a, body_field, &b);
	a.action = r->param[1];
	a.version = b.version;
	rc = scope_fb_step(r, r->param[0], &a, &err);
	api_fb_body_free(&b);
	if (rc != HL_OK)
		return http_send_err(r, &err);
	return send_item(r, 200, r->param[0], true);
}

int api_fb_public_add(struct http_req *r)
{
	struct api_fb_body b;
	struct hl_err err = {0};
	char code[STORE_CODE_MAX], token[FB_TOKEN_SIZE];
	struct fb_caller c;
	const char *url;
	json_t *o;
	int rc;

	if (!srv_allow(r, RL_FEEDBACK_ADDR, r->client))
		return http_send_error(r, 429, "too_many_requests",
			"đã gửi quá nhiều phản ánh từ địa chỉ này: hãy đợi một giờ rồi gửi lại",
			NULL);
	if (!body_of(r, &b))
		return 0;
	if (b.website != NULL && b.website[0] != '\0') {
		api_fb_body_free(&b);
		return http_send_error(r, 400, "invalid", "nội dung gửi lên không hợp lệ", NULL);
	}
	c = scope_fb_caller(r);
	rc = fb_add_public(&c, b.unit, b.text, b.name, b.contact, b.id, code, token, &err);
	api_fb_body_free(&b);
	if (rc != HL_OK)
		return http_send_err(r, &err);
	url = page_track_url(r, NULL, code, token);
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
	struct fb_caller c = scope_fb_caller(r);
	json_t *o;
	int rc = fb_track_by(&c, r->client, srv_now(), code, token, &it, &err);

	if (rc == HL_ELIMIT)
		return http_send_error(r, 429, "too_many", err.msg, NULL);
	if (rc == HL_EINVAL)
		return http_send_error(r, 400, "invalid", err.msg, err.where);
	if (rc != HL_OK)
		return http_send_error(r, 404, "not_found",
			"không tìm thấy phản ánh với mã phản ánh và "
			"mã theo dõi này: hãy kiểm tra lại mã",
			"token");
	o = item_json(&it, false);
	return o ? http_send_json(r, 200, o) :
		   http_send_error(r, 500, "internal", "hết bộ nhớ", NULL);
}
