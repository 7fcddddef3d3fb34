/* followup.c — followup.h: opening a case when a response is counted, the
 * list with what is overdue, closing, and each unit's deadline. */
#include "svc/followup.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "base/clock.h"
#include "core/followup.h"
#include "core/instrument.h"
#include "core/workcal.h"
#include "svc/audit.h"
#include "svc/calendar.h"
#include "svc/feedback.h"
#include "svc/instruments.h"
#include "svc/scope.h"
#include "svc/units.h"

#define ARENA_CAP ((size_t)64 << 20)

static const char *const callback_codes[] =
	{[FC_NONE] = "", [FC_DONE] = "done", [FC_NO_ANSWER] = "no-answer", [FC_REFUSED] = "refused"};
static const char *const callback_labels[] = {[FC_NONE] = "Chưa gọi lại",
	[FC_DONE] = "Đã gọi lại",
	[FC_NO_ANSWER] = "Gọi không ai nghe",
	[FC_REFUSED] = "Người dân từ chối"};
#define NCALLBACK ((int)(sizeof(callback_codes) / sizeof(callback_codes[0])))

const char *follow_callback_code(int cb)
{
	return cb >= 0 && cb < NCALLBACK ? callback_codes[cb] : "";
}

const char *follow_callback_label(int cb)
{
	return cb >= 0 && cb < NCALLBACK ? callback_labels[cb] : callback_labels[FC_NONE];
}

bool follow_callback_parse(const char *s, int *out)
{
	for (int i = FC_DONE; i < NCALLBACK; i++)
		if (strcmp(s, callback_codes[i]) == 0) {
			*out = i;
			return true;
		}
	return false;
}

/* The working days unit_id's cases are due in: its own, else the default. */
static int days_of(struct store *st, struct hl_arena *a, int64_t unit_id, int *days,
	struct hl_err *err)
{
	struct store_follow_days *d = NULL;
	size_t n = 0;
	int rc = STORE(st, follow, follow_days_list, a, &d, &n, err);

	*days = FOLLOW_DAYS;
	for (size_t i = 0; rc == HL_OK && i < n; i++)
		if (d[i].unit_id == unit_id)
			*days = d[i].days;
	return rc;
}

/* When the case is due: days working days after opened on the unit's calendar. */
static int due_of(struct store *st, int64_t unit_id, int64_t opened, int days, int64_t *due,
	struct hl_err *err)
{
	struct cal *c = NULL;
	struct wc_sched s;
	int rc = cal_load(st, &c, err);

	if (rc == HL_OK)
		rc = cal_unit(c, unit_id, &s, err);
	if (rc == HL_OK)
		rc = wc_add_days(&s, opened, days, due, err);
	cal_free(c);
	return rc;
}

int followup_open(struct store *st, const struct store_response *r, const struct hl_instrument *in,
	bool complaint, struct hl_err *err)
{
	struct hl_arena *a = hl_arena_new(ARENA_CAP);
	struct store_follow f = {0};
	struct hl_instrument *loaded = NULL;
	struct store_unit *units = NULL;
	const struct store_unit *u;
	struct fu_verdict v;
	size_t nu = 0;
	int days = FOLLOW_DAYS, y, m, d, rc = HL_OK;

	if (a == NULL)
		return hl_err_set(err, HL_ENOMEM, HL_HERE, "hết bộ nhớ");
	if (in == NULL) {
		rc = instruments_get_id(st, a, r->instrument_id, NULL, &loaded, err);
		if (rc != HL_OK)
			goto cleanup;
		in = loaded;
	}
	fu_judge(in, r->answers, r->nanswers, complaint, &v);
	if (!v.open)
		goto cleanup;
	if ((rc = units_list(st, a, &units, &nu, err)) != HL_OK)
		goto cleanup;
	if ((u = units_by_id(units, nu, r->unit_id)) == NULL) {
		rc = hl_err_set(err, HL_ENOTFOUND, HL_HERE,
			"không có đơn vị của phiếu (mã số %lld)", (long long)r->unit_id);
		goto cleanup;
	}
	f.unit_id = r->unit_id;
	f.response_id = r->id;
	f.day = r->day;
	f.channel = r->channel;
	f.staff_id = r->staff_id;
	f.complaint = complaint;
	f.state = FS_OPEN;
	f.closed_at = -1;
	f.published_at = -1;
	snprintf(f.dossier, sizeof(f.dossier), "%s", r->dossier);
	snprintf(f.criteria, sizeof(f.criteria), "%s", v.criteria);
	f.opened_at = hl_clock_minute_of(r->received_at > 0 ? r->received_at : hl_clock_now());
	if ((rc = days_of(st, a, r->unit_id, &days, err)) != HL_OK ||
		(rc = due_of(st, r->unit_id, f.opened_at, days, &f.due_at, err)) != HL_OK)
		goto cleanup;
	/* the code: KP (khắc phục), the unit, the year, then the store's number */
	hl_clock_ymd((int32_t)(f.opened_at / 1440), &y, &m, &d);
	if (snprintf(f.code, sizeof(f.code), "KP-%s-%04d-", u->code, y) >= (int)sizeof(f.code) - 12)
		snprintf(f.code, sizeof(f.code), "KP-%lld-%04d-", (long long)u->id, y);
	rc = STORE(st, follow, follow_open, &f, err);
	if (rc == HL_EEXIST) {
		hl_err_clear(err);
		rc = HL_OK;
	}
cleanup:
	hl_arena_free(a);
	return rc;
}

/* Whether f was overdue at: still open at that moment (or closed after it)
 * past its due time, or closed late. */
static bool overdue_at(const struct store_follow *f, int64_t at)
{
	int64_t end = f->closed_at >= 0 && f->closed_at < at ? f->closed_at : at;

	return end > f->due_at;
}

int followup_list(struct store *st, const struct followup_query *q, struct hl_arena *a,
	struct followup **out, size_t *n, struct hl_err *err)
{
	struct store_follow_filter flt = {.open_only = q->open_only};
	struct store_follow *f = NULL;
	struct store_unit *units = NULL, one;
	size_t nf = 0, nu = 0, k = 0;
	int rc;

	*out = NULL;
	*n = 0;
	if (q->unit != NULL) {
		if ((rc = units_get(st, q->unit, &one, err)) != HL_OK)
			return rc;
		flt.unit_id = one.id;
	}
	if ((rc = units_list(st, a, &units, &nu, err)) != HL_OK ||
		(rc = STORE(st, follow, follow_list, &flt, a, &f, &nf, err)) != HL_OK)
		return rc;
	if (nf == 0)
		return HL_OK;
	if ((*out = hl_arena_alloc(a, nf * sizeof(**out))) == NULL)
		return hl_err_set(err, HL_ENOMEM, HL_HERE, "hết bộ nhớ");
	for (size_t i = 0; i < nf; i++) {
		struct followup *x = &(*out)[k];
		const struct store_unit *u = units_by_id(units, nu, f[i].unit_id);

		x->f = f[i];
		x->overdue = overdue_at(&f[i], q->at);
		if ((q->overdue_only && !x->overdue) ||
			(q->by != NULL && !scope_holds(q->by, units, nu, f[i].unit_id)))
			continue;
		snprintf(x->unit_code, sizeof(x->unit_code), "%s", u != NULL ? u->code : "?");
		snprintf(x->unit_name, sizeof(x->unit_name), "%s", u != NULL ? u->name : "?");
		k++;
	}
	*n = k;
	return HL_OK;
}

/* s checked (fb_clean_text) and in NFC into dst (STORE_FOLLOW_TEXT bytes). */
static int text_in(struct hl_arena *a, const char *field, const char *what, const char *s,
	char *dst, struct hl_err *err)
{
	char *nfc = NULL;
	int rc = fb_clean_text(a, s, what, field, FOLLOW_TEXT_MAX_CHARS, true, &nfc, err);

	if (rc == HL_OK && strlen(nfc) >= STORE_FOLLOW_TEXT)
		rc = hl_err_set(err, HL_ELIMIT, field, "%s dài quá %d byte", what,
			STORE_FOLLOW_TEXT - 1);
	if (rc == HL_OK)
		snprintf(dst, STORE_FOLLOW_TEXT, "%s", nfc);
	return rc;
}

int followup_close_in(struct store *st, const struct scope_actor *by, const char *code,
	const char *cause, const char *fix, int callback, int64_t at, struct hl_err *err)
{
	struct hl_arena *a = hl_arena_new(ARENA_CAP);
	struct store_follow f;
	char detail[STORE_CODE_MAX + 64];
	bool may = false;
	int rc;

	if (a == NULL)
		return hl_err_set(err, HL_ENOMEM, HL_HERE, "hết bộ nhớ");
	rc = STORE(st, follow, follow_get, code, &f, err);
	if (rc == HL_OK && (rc = scope_may(st, by, f.unit_id, &may, err)) == HL_OK && !may)
		rc = hl_err_set(err, HL_ENOTFOUND, "code", "không có vụ việc %s", code);
	if (rc == HL_OK && f.state == FS_CLOSED)
		rc = hl_err_set(err, HL_ECONFLICT, "code", "vụ việc %s đã đóng", code);
	if (rc == HL_OK && at < f.opened_at)
		rc = hl_err_set(err, HL_EINVAL, "at",
			"thời điểm đóng trước thời điểm mở vụ việc %s", code);
	if (rc == HL_OK)
		rc = text_in(a, "cause", "nguyên nhân", cause, f.cause, err);
	if (rc == HL_OK)
		rc = text_in(a, "fix", "biện pháp khắc phục", fix, f.fix, err);
	if (rc == HL_OK) {
		f.state = FS_CLOSED;
		f.callback = callback >= FC_NONE && callback <= FC_REFUSED ? callback : FC_NONE;
		f.closed_at = at;
		rc = STORE(st, follow, follow_update, &f, err);
	}
	snprintf(detail, sizeof(detail), "%s: gọi lại: %s", code,
		callback != FC_NONE ? follow_callback_code(callback) : "không");
	if (rc == HL_OK)
		rc = audit_log(st, by->who, "followup.close", detail, err);
	hl_arena_free(a);
	return rc;
}

int followup_close(struct store *st, const char *who, const char *code, const char *cause,
	const char *fix, int callback, int64_t at, struct hl_err *err)
{
	const struct scope_actor all = {.role = ROLE_ADMIN, .who = who};
	return STORE_TX(st, err, followup_close_in(st, &all, code, cause, fix, callback, at, err));
}

int followup_publish_in(struct store *st, const struct scope_actor *by, const char *code, bool show,
	int64_t at, struct hl_err *err)
{
	struct store_follow f;
	char detail[STORE_CODE_MAX + 32];
	bool may = false;
	int rc = STORE(st, follow, follow_get, code, &f, err);

	if (rc == HL_OK && (rc = scope_may(st, by, f.unit_id, &may, err)) == HL_OK && !may)
		rc = hl_err_set(err, HL_ENOTFOUND, "code", "không có vụ việc %s", code);
	if (rc == HL_OK && f.state != FS_CLOSED)
		rc = hl_err_set(err, HL_ECONFLICT, "code",
			"vụ việc %s chưa đóng: hãy ghi nguyên nhân và biện pháp khắc phục rồi "
			"mới công bố",
			code);
	if (rc != HL_OK || (f.published_at >= 0) == show)
		return rc; /* published already, or not: nothing to change */
	f.published_at = show ? at : -1;
	rc = STORE(st, follow, follow_update, &f, err);
	snprintf(detail, sizeof(detail), "%s: %s", code, show ? "công bố" : "thôi công bố");
	if (rc == HL_OK)
		rc = audit_log(st, by->who, "followup.publish", detail, err);
	return rc;
}

int followup_publish(struct store *st, const char *who, const char *code, bool show, int64_t at,
	struct hl_err *err)
{
	const struct scope_actor all = {.role = ROLE_ADMIN, .who = who};
	return STORE_TX(st, err, followup_publish_in(st, &all, code, show, at, err));
}

/* Newer closing first (the store lists by opening). */
static int by_closing_desc(const void *x, const void *y)
{
	const struct store_follow *a = x, *b = y;

	if (a->closed_at != b->closed_at)
		return a->closed_at > b->closed_at ? -1 : 1;
	return a->id > b->id ? -1 : a->id < b->id;
}

int followup_published(struct store *st, int64_t unit_id, int64_t since, size_t max,
	struct hl_arena *a, struct store_follow **out, size_t *n, struct hl_err *err)
{
	const struct store_follow_filter flt = {.unit_id = unit_id,
		.published_only = true,
		.closed_since = since};
	int rc = STORE(st, follow, follow_list, &flt, a, out, n, err);

	if (rc != HL_OK)
		return rc;
	if (*n > 1)
		qsort(*out, *n, sizeof(**out), by_closing_desc);
	if (*n > max)
		*n = max;
	return HL_OK;
}

/* A unit id and where it stands in the caller's list. */
struct at_pos {
	int64_t id;
	size_t pos;
};

static int by_id(const void *x, const void *y)
{
	const struct at_pos *a = x, *b = y;

	return (a->id > b->id) - (a->id < b->id);
}

int followup_figures(struct store *st, const int64_t *ids, size_t nids, hl_day first, hl_day last,
	int64_t at, struct hl_arena *a, struct followup_figures **out, size_t *n,
	struct hl_err *err)
{
	const struct store_follow_filter flt = {.first_day = first, .last_day = last};
	struct store_follow *f = NULL;
	struct followup_figures *x;
	struct at_pos *sorted;
	size_t nf = 0;
	int rc = STORE(st, follow, follow_list, &flt, a, &f, &nf, err);

	*out = NULL;
	*n = 0;
	if (rc != HL_OK || nids == 0)
		return rc;
	x = hl_arena_alloc(a, nids * sizeof(*x));
	sorted = hl_arena_alloc(a, nids * sizeof(*sorted));
	if (x == NULL || sorted == NULL)
		return hl_err_set(err, HL_ENOMEM, HL_HERE, "hết bộ nhớ");
	for (size_t u = 0; u < nids; u++) {
		x[u] = (struct followup_figures){.unit_id = ids[u]};
		sorted[u] = (struct at_pos){ids[u], u};
	}
	qsort(sorted, nids, sizeof(*sorted), by_id);
	for (size_t i = 0; i < nf; i++) {
		const struct at_pos key = {f[i].unit_id, 0};
		const struct at_pos *hit = bsearch(&key, sorted, nids, sizeof(*sorted), by_id);
		bool closed = f[i].closed_at >= 0 && f[i].closed_at <= at;
		struct followup_figures *u;

		if (hit == NULL || f[i].day < first || f[i].day > last)
			continue;
		u = &x[hit->pos];
		u->opened++;
		u->closed += closed;
		u->in_time += closed && f[i].closed_at <= f[i].due_at;
		u->dossiers += f[i].dossier[0] != '\0';
		u->callbacks += closed && f[i].callback == FC_DONE;
	}
	for (size_t u = 0; u < nids; u++)
		if (x[u].opened > 0)
			x[(*n)++] = x[u];
	*out = *n > 0 ? x : NULL;
	return HL_OK;
}

int followup_days(struct store *st, int64_t unit_id, int *days, struct hl_err *err)
{
	struct hl_arena *a = hl_arena_new(ARENA_CAP);
	int rc;

	if (a == NULL)
		return hl_err_set(err, HL_ENOMEM, HL_HERE, "hết bộ nhớ");
	rc = days_of(st, a, unit_id, days, err);
	hl_arena_free(a);
	return rc;
}

int followup_days_set(struct store *st, const char *who, const char *unit, int days,
	struct hl_err *err)
{
	struct store_follow_days d = {.days = days};
	struct store_unit u;
	char detail[STORE_CODE_MAX + 32];
	int rc = units_get(st, unit, &u, err);

	if (rc != HL_OK)
		return rc;
	d.unit_id = u.id;
	if ((rc = store_begin(st, err)) != HL_OK)
		return rc;
	rc = STORE(st, follow, follow_days_set, &d, err);
	snprintf(detail, sizeof(detail), "%s: %d ngày làm việc", u.code, days);
	return audit_commit(st, rc, who, "followup.days", detail, err);
}
