/* feedback.c — feedback and complaints (feedback.h): what the feedback
 * files share — the context every query loads, an item's next step and
 * deadline on its unit's working calendar, the checks of text and codes.
 * Commands are in feedback_cmd.c, reading in feedback_query.c, the monthly
 * figures in feedback_stats.c, the CSV imports in feedback_import.c; the
 * state machine is core/fbflow.c. */
#include "svc/feedback.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "base/text.h"
#include "core/date.h"
#include "core/workcal.h"
#include "store/store.h"
#include "svc/calendar.h"
#include "svc/feedback_int.h"

/* ---- what every query needs: units, offices, deadlines, the calendar ---- */

static int by_id(const void *x, const void *y)
{
	const struct store_unit *a = x, *b = y;

	return (a->id > b->id) - (a->id < b->id);
}

int fb_ctx_load(struct fb_ctx *c, struct store *st, const struct cal *cal, bool need_cal,
	struct hl_arena *a, struct hl_err *err)
{
	int rc;

	memset(c, 0, sizeof(*c));
	c->st = st;
	c->a = a;
	c->err = err;
	c->cal = cal;
	rc = STORE(st, units, unit_list, a, &c->units, &c->nunits, err);
	if (rc == HL_OK)
		rc = STORE(st, feedback, fb_office_list, 0, a, &c->offices, &c->noffices, err);
	if (rc == HL_OK)
		rc = STORE(st, feedback, fb_deadline_list, a, &c->dl, &c->ndl, err);
	if (rc == HL_OK && need_cal && cal == NULL) {
		rc = cal_load(st, &c->own, err);
		c->cal = c->own;
	}
	if (rc == HL_OK && c->nunits > 1)
		qsort(c->units, c->nunits, sizeof(*c->units), by_id);
	return rc;
}

void fb_ctx_done(struct fb_ctx *c)
{
	cal_free(c->own);
	c->own = NULL;
}

const struct store_unit *fb_unit_of(const struct fb_ctx *c, int64_t id)
{
	struct store_unit key = {.id = id};

	if (c->nunits == 0)
		return NULL;
	return bsearch(&key, c->units, c->nunits, sizeof(*c->units), by_id);
}

const struct store_unit *fb_unit_code(const struct fb_ctx *c, const char *code)
{
	for (size_t i = 0; i < c->nunits; i++)
		if (strcmp(c->units[i].code, code) == 0)
			return &c->units[i];
	return NULL;
}

int fb_no_unit(struct hl_err *err, const char *code)
{
	return hl_err_set(err, HL_ENOTFOUND, "unit",
		"không có đơn vị mã '%s' (xem: hailong units list)", code);
}

/* Whether unit id is top or below it. */
bool fb_is_under(const struct fb_ctx *c, int64_t id, int64_t top)
{
	for (int depth = 0; id != 0 && depth < TREE_DEPTH_MAX; depth++) {
		const struct store_unit *u;

		if (id == top)
			return true;
		u = fb_unit_of(c, id);
		if (u == NULL)
			return false;
		id = u->parent_id;
	}
	return false;
}

/* The unit's setting for (unit, cls) resolved up the tree, per value. */
void fb_resolve_deadline(const struct fb_ctx *c, int64_t unit_id, int cls, int *fh, int *ad)
{
	*fh = -1;
	*ad = -1;
	for (int depth = 0; unit_id != 0 && depth < TREE_DEPTH_MAX; depth++) {
		const struct store_unit *u = fb_unit_of(c, unit_id);

		/* The class's own row first, then the unit's row for every class. */
		for (int pass = 0; pass < 2; pass++) {
			int want = pass == 0 ? cls : FB_CLASS_NONE;

			if (pass == 1 && cls == FB_CLASS_NONE)
				break;
			for (size_t i = 0; i < c->ndl; i++) {
				if (c->dl[i].unit_id != unit_id || c->dl[i].cls != want)
					continue;
				if (*fh < 0)
					*fh = c->dl[i].forward_hours;
				if (*ad < 0)
					*ad = c->dl[i].answer_days;
			}
		}
		unit_id = u != NULL ? u->parent_id : 0;
	}
	if (*fh < 0)
		*fh = FB_FORWARD_HOURS;
	if (*ad < 0)
		*ad = FB_ANSWER_DAYS;
}

/* The answer's deadline: answer_days working days from receipt, or from the
 * sender's "not satisfied" once reopened. */
int fb_answer_due(const struct wc_sched *s, const struct store_fb_item *it, int days, bool first,
	int64_t *due, struct hl_err *err)
{
	int64_t from = !first && it->reopened_at >= 0 ? it->reopened_at : it->received_at;

	return wc_add_days(s, from, days, due, err);
}

/* out from it: codes, the next step, its deadline and whether it passed at. */
int fb_decorate(struct fb_ctx *c, const struct store_fb_item *it, int64_t at, struct fb_item *out)
{
	const struct store_unit *u = fb_unit_of(c, it->unit_id);
	struct wc_sched sched;
	int fh, ad, rc = HL_OK;

	memset(out, 0, sizeof(*out));
	out->it = *it;
	snprintf(out->unit_code, sizeof(out->unit_code), "%s", u != NULL ? u->code : "?");
	snprintf(out->unit_name, sizeof(out->unit_name), "%s", u != NULL ? u->name : "?");
	for (size_t i = 0; i < c->noffices && it->office_id != 0; i++)
		if (c->offices[i].id == it->office_id) {
			snprintf(out->office_code, sizeof(out->office_code), "%s",
				c->offices[i].code);
			snprintf(out->office_name, sizeof(out->office_name), "%s",
				c->offices[i].name);
		}
	out->step = fb_next_step(it->state);
	out->due_at = -1;
	if (out->step == FB_DO_RATE || out->step == FB_DO_NOTHING || c->cal == NULL)
		return HL_OK;
	fb_resolve_deadline(c, it->unit_id, it->cls, &fh, &ad);
	rc = cal_unit(c->cal, it->unit_id, &sched, c->err);
	if (rc != HL_OK)
		return rc;
	if (out->step == FB_DO_CLASSIFY || out->step == FB_DO_FORWARD)
		rc = wc_add_minutes(&sched, it->received_at, (int64_t)fh * 60, &out->due_at,
			c->err);
	else /* the answer, and its publication within the same period */
		rc = fb_answer_due(&sched, it, ad, false, &out->due_at, c->err);
	out->overdue = rc == HL_OK && out->due_at >= 0 && at > out->due_at;
	return rc;
}

/* ---- checking text ---- */

/* NFC copy of s in a, into *out; HL_EINVAL naming what (for people) at
 * field (the input's name) when it is empty (and required), not UTF-8 or
 * longer than max characters. */
int fb_clean_text(struct hl_arena *a, const char *s, const char *what, const char *field,
	size_t max, bool required, char **out, struct hl_err *err)
{
	size_t len = s != NULL ? strlen(s) : 0, bad = 0, chars = 0, at = 0;
	char *nfc;
	int ctl;

	*out = NULL;
	if (len == 0) {
		if (required)
			return hl_err_set(err, HL_EINVAL, field, "%s trống", what);
		*out = hl_arena_strdup(a, "");
		return *out != NULL ? HL_OK : hl_err_set(err, HL_ENOMEM, HL_HERE, "hết bộ nhớ");
	}
	if (!hl_utf8_valid(s, len, &bad))
		return hl_err_set(err, HL_EINVAL, field,
			"%s không phải UTF-8 hợp lệ (byte thứ %zu); hãy lưu văn bản dạng UTF-8",
			what, bad + 1);
	if (len > max * 8)
		return hl_err_set(err, HL_ELIMIT, field, "%s dài %zu byte, quá %zu ký tự cho phép",
			what, len, max);
	nfc = hl_utf8_nfc(a, s);
	if (nfc == NULL)
		return hl_err_set(err, HL_ENOMEM, HL_HERE, "hết bộ nhớ khi chuẩn hóa %s", what);
	if ((ctl = hl_text_control(nfc, &at)) != 0)
		return hl_err_set(err, HL_EINVAL, field,
			"%s có ký tự điều khiển (mã %d) ở ký tự thứ %zu", what, ctl, at + 1);
	for (const char *p = nfc; *p != '\0'; p++)
		chars += ((unsigned char)*p & 0xC0) != 0x80;
	if (chars > max)
		return hl_err_set(err, HL_ELIMIT, field,
			"%s dài %zu ký tự, tối đa %zu ký tự; hãy rút gọn", what, chars, max);
	if (required && strspn(nfc, " \t\r\n") == strlen(nfc))
		return hl_err_set(err, HL_EINVAL, field, "%s chỉ có khoảng trắng", what);
	*out = nfc;
	return HL_OK;
}

/* A code given from outside (the portal's, an office's): ASCII letters,
 * digits, . _ -; what names it ("mã phản ánh"). */
int fb_check_code(const char *code, const char *what, struct hl_err *err)
{
	size_t len = strlen(code);

	if (len == 0 || len >= STORE_CODE_MAX)
		return hl_err_set(err, HL_EINVAL, "code", "%s '%s' phải có từ 1 đến %d ký tự", what,
			code, STORE_CODE_MAX - 1);
	for (size_t i = 0; i < len; i++) {
		char ch = code[i];

		if (!((ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') ||
			    (ch >= '0' && ch <= '9') || ch == '.' || ch == '_' || ch == '-'))
			return hl_err_set(err, HL_EINVAL, "code",
				"%s '%s' chỉ được gồm chữ cái không dấu, chữ số và . _ -", what,
				code);
	}
	return HL_OK;
}

static const char short_tag[] = "hailong feedback tracking code 1\n";

/* The stored hash of the short code (10 symbols, not grouped). */
void fb_short_hash(const char *code10, unsigned char out[STORE_HASH_LEN])
{
	crypto_generichash_state h;

	crypto_generichash_init(&h, NULL, 0, STORE_HASH_LEN);
	crypto_generichash_update(&h, (const unsigned char *)short_tag, sizeof(short_tag) - 1);
	crypto_generichash_update(&h, (const unsigned char *)code10, strlen(code10));
	crypto_generichash_final(&h, out, STORE_HASH_LEN);
}

/* The unit named by code into *u (NULL code: NULL). */
int fb_scope_unit(const struct fb_ctx *c, const char *code, const struct store_unit **u)
{
	*u = NULL;
	if (code == NULL || code[0] == '\0')
		return HL_OK;
	*u = fb_unit_code(c, code);
	return *u != NULL ? HL_OK : fb_no_unit(c->err, code);
}
