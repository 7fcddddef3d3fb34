/* api_responses.c — POST /api/v1/responses: one response from a kiosk (its
 * Bearer token) or a logged-in user, checked by svc/ingest, stored by the
 * server's single writer and acknowledged only once durable. A kiosk sending
 * faster than a person can answer is stored but held for a clerk's review
 * (the burst rule, docs/api.md). */
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include "api/api.h"
#include "base/arena.h"
#include "base/mem.h"
#include "http/scope.h"
#include "http/srv.h"
#include "svc/feedback.h"
#include "svc/ingest.h"
#include "svc/lookup.h"

/* The burst rule: a kiosk's response is held when the kiosk already sent
 * more than BURST_MAX responses in the last BURST_WINDOW seconds, or when it
 * says it was collected more than FUTURE_SLACK seconds in the future. */
#define BURST_MAX 3
#define BURST_WINDOW 60
#define FUTURE_SLACK (10 * 60)

/* How long a snapshot of units, fields, staff and instruments is used
 * before it is reloaded (a miss reloads it sooner, at most once a second). */
#define SNAPSHOT_TTL 10

static struct ingest_shared *shared;
static pthread_once_t shared_once = PTHREAD_ONCE_INIT;

static void shared_init(void)
{
	shared = ingest_shared_new(SNAPSHOT_TTL);
}

struct ingest_shared *api_ingest(void)
{
	pthread_once(&shared_once, shared_init);
	return shared;
}

/* The arrival times of each kiosk's last BURST_MAX + 1 responses, kept by
 * the writer (only its thread touches them, so no lock): counting a busy
 * kiosk's rows in the store on every insert would cost O(rate x window). A
 * kiosk first seen since the start is seeded from the store, conservatively
 * (its recent responses taken as just now). */
struct kiosk_times {
	int64_t t[BURST_MAX + 1];   /* ring, 0 = empty */
	int next;
};

static struct lookup *kiosk_rings;

/* Whether kiosk already sent more than BURST_MAX responses since now -
 * BURST_WINDOW; on HL_OK *ring is its times, to be noted if this one is stored. */
static int burst(struct store *st, int64_t kiosk_id, int64_t now, bool *over,
	struct kiosk_times **ring, struct hl_err *err)
{
	char key[24];
	struct kiosk_times *k;
	int64_t recent = 0;
	int rc, n = 0;

	snprintf(key, sizeof(key), "%lld", (long long)kiosk_id);
	if (kiosk_rings == NULL && (kiosk_rings = lookup_new()) == NULL)
		return hl_err_set(err, HL_ENOMEM, HL_HERE, "hết bộ nhớ");
	k = lookup_get(kiosk_rings, key);
	if (k == NULL) {
		rc = STORE(st, response_count_kiosk_since, kiosk_id, now - BURST_WINDOW, &recent, err);
		if (rc != HL_OK)
			return rc;
		if ((k = hl_calloc(1, sizeof(*k))) == NULL)
			return hl_err_set(err, HL_ENOMEM, HL_HERE, "hết bộ nhớ");
		if (lookup_put(kiosk_rings, key, k) != HL_OK) {
			hl_free(k);
			return hl_err_set(err, HL_ENOMEM, HL_HERE, "hết bộ nhớ");
		}
		for (int64_t i = 0; i < recent && i <= BURST_MAX; i++)
			k->t[k->next++ % (BURST_MAX + 1)] = now;
		k->next %= BURST_MAX + 1;
	}
	for (int i = 0; i <= BURST_MAX; i++)
		n += k->t[i] != 0 && k->t[i] >= now - BURST_WINDOW;
	*over = n > BURST_MAX;
	*ring = k;
	return HL_OK;
}

/* What the writer does for one response. */
struct post {
	struct store_response *resp;
	bool burst_check;      /* a kiosk's: count its recent responses first */
	bool future;           /* collected_at too far ahead: held whatever the count */
	int64_t now;
	bool duplicate;
	const struct fb_new *fb;   /* the comment as a complaint, added with it; or NULL */
	const char *fb_who;
	char fb_code[STORE_CODE_MAX];
};

/* The complaint could not be added: so neither is the response. An input
 * fault is the comment's. */
static int complaint_failed(int rc, struct hl_err *err)
{
	char why[sizeof(err->msg)];

	if (rc != HL_EINVAL && rc != HL_ELIMIT)
		return rc;
	snprintf(why, sizeof(why), "%s", err->msg);
	return hl_err_set(err, rc, "comment", "ý kiến không ghi thành phản ánh, kiến nghị được (%s); "
		"phiếu chưa được lưu: hãy sửa ý kiến hoặc bỏ đánh dấu phản ánh rồi gửi lại", why);
}

static int write_response(struct srv_tx *tx, void *arg, struct hl_err *err)
{
	struct post *p = arg;
	struct store *st = srv_tx_store(tx);
	struct kiosk_times *ring = NULL;
	int64_t existing = 0;
	bool over = false;
	int rc;

	/* On the writer, so parallel posts of one kiosk see each other. */
	if (p->burst_check && (rc = burst(st, p->resp->kiosk_id, p->now, &over, &ring, err)) != HL_OK)
		return rc;
	p->resp->status = p->future || over ? RS_HELD : RS_COUNTED;
	rc = STORE(st, response_insert, p->resp, &existing, err);
	if (rc == HL_EEXIST) {
		hl_err_clear(err);
		p->duplicate = true;
		return HL_OK;
	}
	if (rc != HL_OK)
		return rc;
	/* in the same job: the response and its complaint are stored together or not at all */
	if (p->fb != NULL && (rc = fb_add_in(st, p->fb, p->fb_who, p->fb_code, NULL, err)) != HL_OK)
		return complaint_failed(rc, err);
	if (ring != NULL) {
		ring->t[ring->next] = p->now;
		ring->next = (ring->next + 1) % (BURST_MAX + 1);
	}
	if (p->resp->status == RS_COUNTED)
		return srv_tx_count(tx, p->resp, err);
	return HL_OK;
}

/* Whether the error names something a fresher snapshot might know. */
static bool maybe_stale(const struct hl_err *err)
{
	static const char *const names[] = {"unit", "field", "staff", "instrument", NULL};

	for (int i = 0; names[i] != NULL; i++)
		if (strcmp(err->where, names[i]) == 0)
			return true;
	return strncmp(err->where, "answers.", 8) == 0;
}

/* The comment of a response ticked as a complaint as a feedback item n
 * (channel kiosk at a kiosk, counter otherwise), received when the answers
 * were given, audited as who (size bytes). */
static void complaint(const struct http_req *r, const struct ingest_json_out *in,
	const struct store_unit *unit, int64_t now, struct fb_new *n, char *who, size_t size)
{
	int64_t at = in->has_time ? in->collected_at : now;

	memset(n, 0, sizeof(*n));
	n->unit = unit->code;
	n->channel = r->kiosk_auth ? FB_KIOSK : FB_COUNTER;
	n->received_at = (at + (int64_t)INGEST_TZ_MINUTES * 60) / 60;
	n->text = in->r.comment;
	if (r->kiosk_auth)
		snprintf(who, size, "kiosk:%s", r->kiosk.name);
	else
		snprintf(who, size, "web:%s", r->user.name);
}

int api_responses_post(struct http_req *r)
{
	struct ingest_shared *sh = api_ingest();
	const struct ingest *g = NULL;
	struct ingest_json_opts o = {NULL, r->kiosk_auth ? "kiosk" : "paper", r->kiosk_auth};
	struct ingest_json_out *in = hl_arena_alloc(r->a, sizeof(*in));
	struct post p = {0};
	struct fb_new fb;
	char fb_who[STORE_CODE_MAX + 16];
	struct hl_err err = {0};
	const struct store_unit *u;
	struct store_unit unit = {0};
	char unit_code[STORE_CODE_MAX];
	json_t *ans;
	int rc;

	if (sh == NULL || in == NULL)
		return http_send_error(r, 500, "internal", "hết bộ nhớ", NULL);
	for (int attempt = 0; attempt < 2; attempt++) {
		if ((rc = ingest_acquire(sh, r->st, attempt > 0, &g, &err)) != HL_OK)
			return http_send_err(r, &err);
		unit_code[0] = '\0';
		if (r->kiosk_auth && (u = ingest_unit_id(g, r->kiosk.unit_id)) != NULL) {
			snprintf(unit_code, sizeof(unit_code), "%s", u->code);
			o.unit = unit_code;
		}
		rc = ingest_json(g, r->body, r->body_len, &o, in, &err);
		if (rc == HL_OK && (u = ingest_unit_id(g, in->r.unit_id)) != NULL)
			unit = *u;
		ingest_release(sh, g);
		if (rc != HL_EINVAL || !maybe_stale(&err))
			break;
	}
	if (rc != HL_OK)
		return http_send_error(r, http_status_of(rc), rc == HL_ELIMIT ? "too_large" : "invalid",
			err.msg, err.where[0] != '\0' ? err.where : NULL);

	/* Whose data it is: a kiosk its own unit, a user the units in scope. */
	if (r->kiosk_auth ? unit.id != r->kiosk.unit_id : !scope_sees(r, &unit))
		return http_send_error(r, 403, "forbidden", r->kiosk_auth ?
			"máy kiosk này chỉ gửi được phiếu của đơn vị mình" :
			"tài khoản không được gửi phiếu cho đơn vị này", "unit");

	p.now = srv_now();
	in->r.received_at = p.now;
	in->r.kiosk_id = r->kiosk_auth ? r->kiosk.id : 0;
	p.resp = &in->r;
	if (r->kiosk_auth) {
		int64_t today = (p.now + (int64_t)INGEST_TZ_MINUTES * 60) / 86400;

		p.burst_check = true;
		p.future = in->has_time ? in->collected_at > p.now + FUTURE_SLACK
			: (int64_t)in->r.day > today;
	}
	if (in->complaint) {
		complaint(r, in, &unit, p.now, &fb, fb_who, sizeof(fb_who));
		p.fb = &fb;
		p.fb_who = fb_who;
	}
	if ((rc = srv_write(r->srv, write_response, &p, &err)) != HL_OK)
		return http_send_err(r, &err);
	ans = json_pack("{s:s, s:o}", "status", p.duplicate ? "duplicate" :
		in->r.status == RS_HELD ? "held" : "stored", "id",
		in->r.ext_id[0] != '\0' ? json_string(in->r.ext_id) : json_null());
	if (ans == NULL)
		return http_send_error(r, 500, "internal", "hết bộ nhớ", NULL);
	if (p.fb != NULL && !p.duplicate)
		json_object_set_new(ans, "feedback", json_string(p.fb_code));
	return http_send_json(r, p.duplicate ? 200 : 201, ans);
}
