/* api_responses.c — POST /api/v1/responses: one response from a kiosk (its
 * Bearer token) or a logged-in user, checked by svc/ingest, stored by the
 * server's single writer and acknowledged only once durable. A kiosk sending
 * faster than a person can answer is stored but held for a clerk's review
 * (svc/intake.h, docs/api.md). */
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include "api/api.h"
#include "base/arena.h"
#include "base/clock.h"
#include "http/scope.h"
#include "http/srv.h"
#include "svc/feedback.h"
#include "svc/ingest.h"
#include "svc/intake.h"

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

/* The writer's job: svc/intake stores the response (held or counted, with
 * its complaint), then the tallies take it if counted. */
static int write_response(struct srv_tx *tx, void *arg, struct hl_err *err)
{
	struct intake_post *p = arg;
	int rc = intake_post(srv_tx_store(tx), p, err);

	if (rc == HL_OK && !p->duplicate && p->r->status == RS_COUNTED)
		return srv_tx_count(tx, p->r, err);
	return rc;
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
	n->received_at = hl_clock_minute_of(at);
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
	struct ingest_json_opts o = {.channel = r->kiosk_auth ? "kiosk" : "paper", .kiosk = r->kiosk_auth};
	struct ingest_json_out *in = hl_arena_alloc(r->a, sizeof(*in));
	struct intake_post p = {0};
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

	in->r.received_at = srv_now();
	in->r.kiosk_id = r->kiosk_auth ? r->kiosk.id : 0;
	p.r = &in->r;
	p.kiosk = r->kiosk_auth;
	p.collected_at = in->collected_at;
	p.has_time = in->has_time;
	if (in->complaint) {
		complaint(r, in, &unit, in->r.received_at, &fb, fb_who, sizeof(fb_who));
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
