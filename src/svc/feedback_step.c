/* feedback_step.c — the feedback writes a server request makes, shared by
 * the staff and public pages and the JSON API: a step asked for by a form
 * or a body, checked; an item added; a citizen's look-up under its rate
 * limit. Each write runs on the single writer (fb_caller's write) with
 * feedback_cmd.c's fb_X_in, inside the writer's transaction: ordered with
 * every other write (parallel posts get distinct codes), durable before
 * the answer, and a failure undoes only its own writes. */
#include "svc/feedback.h"

#include <stdio.h>
#include <string.h>

#include "base/clock.h"
#include "svc/ratelimit.h"
#include "svc/units.h"

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

int fb_add_by(const struct fb_caller *c, const struct fb_new *in, char *code, char *token,
	struct hl_err *err)
{
	struct fb_job j = {.in = in, .who = c->who, .new_code = code, .token = token};

	return c->write(c->ctx, write_fb, &j, err);
}

int fb_add_public(const struct fb_caller *c, const char *unit, const char *text, const char *name,
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
		units_get(c->st, unit, &u, err) != HL_OK)
		return hl_err_set(err, HL_ENOTFOUND, "unit", "không có đơn vị này");
	if (text == NULL || text[0] == '\0')
		return hl_err_set(err, HL_EINVAL, "text",
			"hãy viết nội dung phản ánh, kiến nghị trước khi gửi");
	return fb_add_by(c, &in, code, token, err);
}

/* err, a parse's message, now naming the field. */
static int in_field(struct hl_err *err, const char *field)
{
	snprintf(err->where, sizeof(err->where), "%s", field);
	return err->code;
}

/* An office given by code must be one of the item's unit's (or built in). */
static int office_check(const struct fb_caller *c, const struct fb_item *it, const char *office,
	struct hl_err *err)
{
	struct store_fb_office *o = NULL;
	size_t n = 0;

	if (office == NULL || office[0] == '\0')
		return hl_err_set(err, HL_EINVAL, "office", "hãy chọn cơ quan, bộ phận xử lý");
	if (fb_offices(c->st, it->it.unit_id, c->a, &o, &n, err) != HL_OK)
		return err->code;
	for (size_t i = 0; i < n; i++)
		if (strcmp(o[i].code, office) == 0)
			return HL_OK;
	return hl_err_set(err, HL_EINVAL, "office",
		"không có cơ quan, bộ phận mã '%s' của đơn vị: hãy chọn trong danh sách", office);
}

/* Whether s (NULL = not given) is too long for a code. */
static bool too_long(const char *s)
{
	return s != NULL && strlen(s) >= STORE_CODE_MAX;
}

int fb_step_do(const struct fb_caller *c, const struct fb_item *it, const struct fb_step_args *a,
	struct hl_err *err)
{
	struct fb_job j = {.code = it->it.code, .who = c->who, .version = a->version};
	int rc;

	if (a->action == NULL)
		return hl_err_set(err, HL_EINVAL, "action", "thiếu thao tác cần làm");
	/* codes are short: a long one is refused before a message echoes it */
	if (too_long(a->cls) || too_long(a->criterion) || too_long(a->kind) ||
		too_long(a->office) || too_long(a->rating) || too_long(a->action))
		return hl_err_set(err, HL_EINVAL, "body",
			"một mã trong yêu cầu quá dài (tối đa %d byte)", STORE_CODE_MAX - 1);
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
		if ((rc = office_check(c, it, a->office, err)) != HL_OK)
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
	return c->write(c->ctx, write_fb, &j, err);
}

/* One look-up's count against an address, for the writer. */
struct miss_job {
	const char *client;
	int64_t now;
	bool taken;
};

static int write_miss(struct writer_tx *tx, void *arg, struct hl_err *err)
{
	struct miss_job *j = arg;

	return rl_take(writer_tx_store(tx), RL_TRACK_ADDR, j->client, j->now, &j->taken, err);
}

int fb_track_by(const struct fb_caller *c, const char *client, int64_t now, const char *code,
	const char *token, struct fb_item *out, struct hl_err *err)
{
	struct miss_job j = {.client = client, .now = now};
	struct hl_err ignored = {0};
	bool over = false;
	int rc;

	if (rl_over(c->st, RL_TRACK_ADDR, client, now, &over, err) != HL_OK)
		return err->code;
	if (over)
		return hl_err_set(err, HL_ELIMIT, "token",
			"đã tra cứu sai quá nhiều lần từ địa chỉ "
			"này: xin đợi 15 phút rồi thử lại");
	rc = fb_track(c->st, NULL, code, token, hl_clock_minute(), c->a, out, err);
	/* a wrong guess counts (a failed count lets the next look-up through);
	 * a right one, or a missing item code, does not */
	if (rc == HL_ENOTFOUND)
		c->write(c->ctx, write_miss, &j, &ignored);
	return rc;
}
