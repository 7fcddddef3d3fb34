/* intake.c — intake.h: the channels' policies, the one submit, content
 * hashes and what the same id means, and a kiosk's responses held for
 * review. */
#include "svc/intake.h"

#include <pthread.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "base/clock.h"
#include "base/mem.h"
#include "svc/feedback.h"
#include "svc/followup.h"
#include "svc/ingest.h"
#include "svc/receipt.h"

/* How long a snapshot of units, fields, staff and instruments is used
 * before it is reloaded (a miss reloads it sooner, at most once a second). */
#define SNAPSHOT_TTL 10

/* Who may send a channel's response for a unit. */
enum intake_who {
	WHO_KIOSK,  /* a kiosk, for its own unit */
	WHO_SCOPE,  /* a user, for a unit in their scope (caller's sees) */
	WHO_LINK,   /* a link's holder, for the link's unit and dossier only */
	WHO_CALLER, /* checked by the caller (a batch's clerk, a reviewer, a file's importer) */
};

/* How a channel's response is stored. */
enum intake_step {
	STEP_INSERT, /* inserted with its content hash, held or counted (intake_post) */
	STEP_LINK,   /* inserted by its one-time link (receipt_answer) */
	STEP_ACCEPT, /* stored before and held: now counted */
};

/* A channel's policy, as data. */
struct intake_policy {
	const char *channel; /* ingest's default channel name */
	enum intake_who who;
	enum intake_step step;
	bool kiosk_body;        /* the body follows the kiosk's rules (id required) */
	bool server_day;        /* dated by the server when it arrives, not by the body */
	bool held_rules;        /* the kiosk's burst and date window may hold it for review */
	bool complaint;         /* its comment may be filed as a complaint (feedback) */
	const char *who_prefix; /* the complaint's author in the audit: prefix:name */
};

static const struct intake_policy policies[] = {
	[INTAKE_KIOSK] = {.channel = "kiosk",
		.who = WHO_KIOSK,
		.kiosk_body = true,
		.held_rules = true,
		.complaint = true,
		.who_prefix = "kiosk"},
	[INTAKE_USER] = {.channel = "paper",
		.who = WHO_SCOPE,
		.complaint = true,
		.who_prefix = "web"},
	[INTAKE_QR] = {.channel = "qr", .who = WHO_LINK, .step = STEP_LINK, .server_day = true},
	/* stored by intake_store only: their callers checked them */
	[INTAKE_PAPER] = {.who = WHO_CALLER},
	[INTAKE_REVIEW] = {.who = WHO_CALLER, .step = STEP_ACCEPT},
	[INTAKE_IMPORT] = {.who = WHO_CALLER},
};

static struct ingest_shared *shared;
static pthread_once_t shared_once = PTHREAD_ONCE_INIT;

static void shared_init(void)
{
	shared = ingest_shared_new(SNAPSHOT_TTL);
}

struct ingest_shared *intake_shared(void)
{
	pthread_once(&shared_once, shared_init);
	return shared;
}

/* Bumped if the encoding below ever changes (stored hashes would then need
 * recomputing). */
static const char hash_tag[] = "hailong response content 1";

void intake_hash_int(crypto_generichash_state *h, int64_t v)
{
	unsigned char b[8];

	for (int i = 0; i < 8; i++)
		b[i] = (unsigned char)((uint64_t)v >> (8 * i));
	crypto_generichash_update(h, b, sizeof(b));
}

void intake_hash_bytes(crypto_generichash_state *h, const void *p, size_t n)
{
	intake_hash_int(h, (int64_t)n);
	crypto_generichash_update(h, p, n);
}

void intake_hash(const struct store_response *r, bool complaint, unsigned char out[STORE_HASH_LEN])
{
	crypto_generichash_state h;
	int n = r->nanswers < 0                 ? 0 :
		r->nanswers > STORE_ANSWERS_MAX ? STORE_ANSWERS_MAX :
						  r->nanswers;

	crypto_generichash_init(&h, NULL, 0, STORE_HASH_LEN);
	intake_hash_bytes(&h, hash_tag, sizeof(hash_tag));
	/* The server dates a QR answer when it arrives: a resend on another
	 * day is the same answer. */
	intake_hash_int(&h, r->channel == CH_QR ? HL_DAY_NONE : r->day);
	intake_hash_int(&h, r->instrument_id);
	intake_hash_int(&h, r->channel);
	intake_hash_int(&h, r->field_id);
	intake_hash_int(&h, r->staff_id);
	intake_hash_bytes(&h, r->dossier, strnlen(r->dossier, sizeof(r->dossier)));
	intake_hash_bytes(&h, r->comment, strnlen(r->comment, sizeof(r->comment)));
	intake_hash_bytes(&h, r->answers, (size_t)n);
	intake_hash_int(&h, complaint);
	crypto_generichash_final(&h, out, STORE_HASH_LEN);
}

int intake_same(struct store *st, int64_t unit_id, const char *ext_id,
	const unsigned char hash[STORE_HASH_LEN], bool *same, int64_t *batch, struct hl_err *err)
{
	struct store_response prev;
	int rc = STORE(st, responses, response_get_ext, unit_id, ext_id, &prev, err);

	if (rc != HL_OK)
		return rc;
	if (batch != NULL)
		*batch = prev.batch_id;
	if (!prev.has_hash)
		intake_hash(&prev, false, prev.content_hash);
	*same = memcmp(prev.content_hash, hash, STORE_HASH_LEN) == 0;
	return HL_OK;
}

int intake_insert(struct store *st, struct store_response *r, bool complaint,
	int64_t *existing_batch, struct hl_err *err)
{
	bool same = false;
	int rc;

	if (existing_batch != NULL)
		*existing_batch = 0;
	intake_hash(r, complaint, r->content_hash);
	r->has_hash = true;
	rc = STORE(st, responses, response_insert, r, NULL, err);
	if (rc != HL_EEXIST)
		return rc;
	rc = intake_same(st, r->unit_id, r->ext_id, r->content_hash, &same, existing_batch, err);
	if (rc != HL_OK)
		return rc;
	if (same)
		return hl_err_set(err, HL_EEXIST, "id", "phiếu mã %s đã được lưu, không lưu lại",
			r->ext_id);
	return hl_err_set(err, HL_ECONFLICT, "id",
		"mã phiếu %s đã được dùng cho một phiếu khác "
		"của đơn vị (khác ngày, câu trả lời, ý kiến hoặc thông tin khác): phiếu này không được "
		"lưu; một phiếu mới cần một mã mới",
		r->ext_id);
}

int intake_stage(struct store *st, struct store_response *r, int64_t seq, struct hl_err *err)
{
	r->status = RS_COUNTED;
	intake_hash(r, false, r->content_hash);
	r->has_hash = true;
	return STORE(st, responses, response_stage, r, seq, err);
}

int intake_kiosk_held(struct store *st, int64_t kiosk_id, int64_t now, hl_day day, int64_t at,
	bool has_time, bool *held, struct hl_err *err)
{
	hl_day today = hl_clock_day_of(now);
	int64_t recent = 0;
	int rc;

	*held = has_time ? at > now + INTAKE_FUTURE_SLACK : day > today;
	*held = *held || (int64_t)today - day > INTAKE_PAST_DAYS;
	if (*held)
		return HL_OK;
	/* Counted in the store, inside the write: parallel posts of one kiosk
	 * see each other, and a rolled-back write is not there to count. */
	rc = STORE(st, responses, response_count_kiosk_since, kiosk_id, now - INTAKE_BURST_WINDOW,
		INTAKE_BURST_MAX + 1, &recent, err);
	if (rc == HL_OK)
		*held = recent > INTAKE_BURST_MAX;
	return rc;
}

/* The complaint could not be added: so neither is the response. An input
 * fault is the comment's. */
static int complaint_failed(int rc, struct hl_err *err)
{
	char why[sizeof(err->msg)];

	if (rc != HL_EINVAL && rc != HL_ELIMIT)
		return rc;
	snprintf(why, sizeof(why), "%s", err->msg);
	return hl_err_set(err, rc, "comment",
		"ý kiến không ghi thành phản ánh, kiến nghị được (%s); "
		"phiếu chưa được lưu: hãy sửa ý kiến hoặc bỏ đánh dấu phản ánh rồi gửi lại",
		why);
}

int intake_post(struct store *st, struct intake_post *p, struct hl_err *err)
{
	struct store_response *r = p->r;
	bool held = false;
	int rc;

	p->duplicate = false;
	p->fb_code[0] = '\0';
	if (p->kiosk &&
		(rc = intake_kiosk_held(st, r->kiosk_id, r->received_at, r->day, p->collected_at,
			 p->has_time, &held, err)) != HL_OK)
		return rc;
	r->status = held ? RS_HELD : RS_COUNTED;
	if (p->later) {
		intake_hash(r, p->fb != NULL, r->content_hash);
		r->has_hash = true;
		/* a clash: the careful run tells a resend from another response */
		if ((rc = STORE(st, responses, response_insert_later, r, err)) == HL_EEXIST)
			return rc;
	} else
		rc = intake_insert(st, r, p->fb != NULL, NULL, err);
	if (rc == HL_EEXIST) {
		hl_err_clear(err);
		p->duplicate = true;
		return HL_OK;
	}
	if (rc != HL_OK)
		return rc;
	/* in the same transaction: the response and its complaint are stored
	 * together or not at all */
	if (p->fb != NULL && (rc = fb_add_in(st, p->fb, p->fb_who, p->fb_code, NULL, err)) != HL_OK)
		return complaint_failed(rc, err);
	return HL_OK;
}

/* Whether the response p stores carries a complaint: filed with it, or (a
 * held one accepted) hashed as one when it was stored. */
static bool with_complaint(enum intake_step step, const struct intake_post *p)
{
	unsigned char h[STORE_HASH_LEN];

	if (step != STEP_ACCEPT)
		return p->fb != NULL;
	if (!p->r->has_hash)
		return false;
	intake_hash(p->r, true, h);
	return memcmp(h, p->r->content_hash, STORE_HASH_LEN) == 0;
}

int intake_store(struct store *st, enum intake_channel ch, struct intake_post *p,
	intake_count_fn count, void *ctx, struct hl_err *err)
{
	const struct intake_policy *pol = &policies[ch];
	int rc;

	p->duplicate = false;
	p->fb_code[0] = '\0';
	switch (pol->step) {
	case STEP_LINK:
		rc = receipt_answer(st, p->link_hash, p->r, p->now, &p->duplicate, err);
		break;
	case STEP_ACCEPT:
		rc = STORE(st, responses, response_set_status, p->r->id, RS_COUNTED, err);
		if (rc == HL_OK)
			p->r->status = RS_COUNTED;
		break;
	default:
		p->kiosk = pol->held_rules;
		rc = intake_post(st, p, err);
		break;
	}
	if (rc != HL_OK || p->duplicate || p->r->status != RS_COUNTED)
		return rc;
	if (!p->no_followup &&
		(rc = followup_open(st, p->r, p->in, with_complaint(pol->step, p), err)) != HL_OK)
		return rc;
	return count != NULL ? count(ctx, p->r, err) : HL_OK;
}

/* ---- intake_submit ---- */

/* The writer's job of one response: all it needs, copied, since the
 * caller's frame may be gone by the time the writer runs it. */
struct intake_job {
	const struct intake_policy *pol;
	struct intake_caller c;
	struct ingest_json_out in;
	struct store_unit unit;
	struct fb_new fb;
	char fb_who[STORE_CODE_MAX + 16];
	struct intake_post p;
};

/* Store the response as its channel does, counted by the writer. */
int intake_write(struct writer_tx *tx, void *arg, struct hl_err *err)
{
	struct intake_job *j = arg;

	/* parsed once per process (the writer's cache), not once per response */
	if (j->p.r->instrument_id != 0 &&
		(j->p.in = writer_tx_instrument(tx, j->p.r->instrument_id, err)) == NULL)
		return err->code;
	j->p.later = writer_tx_later(tx);
	return intake_store(writer_tx_store(tx), j->c.channel, &j->p, writer_tx_counter, tx, err);
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

/* Parse and check the body with a snapshot, once more with a fresh one when
 * it names something the snapshot may not know yet; *unit gets the
 * response's unit. */
static int parse(const struct intake_policy *pol, const struct intake_caller *c, const char *body,
	size_t len, struct ingest_json_out *in, struct store_unit *unit, struct hl_err *err)
{
	struct ingest_shared *sh = intake_shared();
	struct ingest_json_opts o = {.channel = pol->channel,
		.kiosk = pol->kiosk_body,
		.server_day = pol->server_day,
		.day = c->link_day};
	char unit_code[STORE_CODE_MAX];
	int rc = HL_OK;

	if (sh == NULL)
		return hl_err_set(err, HL_ENOMEM, HL_HERE, "hết bộ nhớ");
	for (int attempt = 0; attempt < 2; attempt++) {
		const struct ingest *g = NULL;
		const struct store_unit *u;
		bool missing = false;

		if ((rc = ingest_acquire(sh, c->st, attempt > 0, &g, err)) != HL_OK)
			return rc;
		o.unit = NULL;
		if (pol->who != WHO_SCOPE) {
			/* the kiosk's or the link's unit, when the body names none */
			u = ingest_unit_id(g, c->unit_id);
			missing = u == NULL;
			snprintf(unit_code, sizeof(unit_code), "%s", u != NULL ? u->code : "");
			o.unit = missing ? NULL : unit_code;
		}
		if (missing && pol->who == WHO_LINK)
			rc = hl_err_set(err, HL_EIO, HL_HERE, "không tìm thấy đơn vị của phiếu");
		else
			rc = ingest_json(g, body, len, &o, in, err);
		if (rc == HL_OK && (u = ingest_unit_id(g, in->r.unit_id)) != NULL)
			*unit = *u;
		ingest_release(sh, g);
		if (!(rc == HL_EINVAL && maybe_stale(err)) && !missing)
			break;
	}
	return rc;
}

/* Whether c may send in for the response's unit (and, by a link, its
 * dossier and channel); the response takes what the link fixes. */
static int may_send(const struct intake_policy *pol, const struct intake_caller *c,
	const struct store_unit *unit, struct store_response *r, struct hl_err *err)
{
	switch (pol->who) {
	case WHO_CALLER: /* refused by intake_submit */ break;
	case WHO_KIOSK:
		if (unit->id != c->unit_id)
			return hl_err_set(err, HL_EPERM, "unit",
				"máy kiosk này chỉ gửi được phiếu của đơn vị mình");
		break;
	case WHO_SCOPE:
		if (c->sees == NULL || !c->sees(c->ctx, unit))
			return hl_err_set(err, HL_EPERM, "unit",
				"tài khoản không được gửi phiếu cho đơn vị này");
		break;
	case WHO_LINK:
		if (r->unit_id != c->unit_id)
			return hl_err_set(err, HL_EPERM, "unit",
				"phiếu khảo sát này chỉ dành cho đơn "
				"vị đã tiếp nhận hồ sơ");
		if (r->channel != CH_QR)
			return hl_err_set(err, HL_EINVAL, "channel",
				"khảo sát qua mã QR chỉ nhận kênh qr");
		if (r->dossier[0] != '\0' && strcmp(r->dossier, c->link_dossier) != 0)
			return hl_err_set(err, HL_EINVAL, "dossier",
				"mã hồ sơ khác với hồ sơ của phiếu khảo sát");
		snprintf(r->dossier, sizeof(r->dossier), "%s", c->link_dossier);
		/* an imported dossier knows its field better than a tap on the phone */
		if (c->link_field != 0)
			r->field_id = c->link_field;
		break;
	}
	return HL_OK;
}

/* The comment of a response ticked as a complaint as a feedback item n
 * (channel kiosk at a kiosk, counter otherwise), received when the answers
 * were given, audited as who (size bytes). */
static void complaint(const struct intake_policy *pol, const struct intake_caller *c,
	const struct ingest_json_out *in, const struct store_unit *unit, struct fb_new *n,
	char *who, size_t size)
{
	int64_t at = in->has_time ? in->collected_at : c->now;

	memset(n, 0, sizeof(*n));
	n->unit = unit->code;
	n->channel = pol->who == WHO_KIOSK ? FB_KIOSK : FB_COUNTER;
	n->received_at = hl_clock_minute_of(at);
	n->text = in->r.comment;
	snprintf(who, size, "%s:%s", pol->who_prefix,
		pol->who == WHO_KIOSK ? c->kiosk_name : c->user_name);
}

int intake_begin(const struct intake_caller *c, const char *body, size_t len, struct intake_job *j,
	struct hl_err *err)
{
	int rc;

	memset(j, 0, sizeof(*j));
	j->pol = &policies[c->channel];
	j->c = *c;
	if (j->pol->who == WHO_CALLER)
		return hl_err_set(err, HL_EPERM, HL_HERE, "kênh này không nhận từng phiếu gửi đến");
	if ((rc = parse(j->pol, c, body, len, &j->in, &j->unit, err)) != HL_OK ||
		(rc = may_send(j->pol, c, &j->unit, &j->in.r, err)) != HL_OK)
		return rc;
	j->in.r.received_at = c->now;
	j->in.r.kiosk_id = j->pol->who == WHO_KIOSK ? c->kiosk_id : 0;
	j->p.r = &j->in.r;
	j->p.link_hash = c->link_hash;
	j->p.now = c->now;
	j->p.collected_at = j->in.collected_at;
	j->p.has_time = j->in.has_time;
	if (j->in.complaint && j->pol->complaint) {
		complaint(j->pol, c, &j->in, &j->unit, &j->fb, j->fb_who, sizeof(j->fb_who));
		j->p.fb = &j->fb;
		j->p.fb_who = j->fb_who;
	}
	return HL_OK;
}

size_t intake_job_size(void)
{
	return sizeof(struct intake_job);
}

void intake_end(const struct intake_job *j, struct intake_result *out)
{
	memset(out, 0, sizeof(*out));
	out->duplicate = j->p.duplicate;
	out->held = !j->p.duplicate && j->in.r.status == RS_HELD;
	snprintf(out->ext_id, sizeof(out->ext_id), "%s", j->in.r.ext_id);
	if (j->p.fb != NULL && !j->p.duplicate)
		snprintf(out->fb_code, sizeof(out->fb_code), "%s", j->p.fb_code);
}

int intake_submit(const struct intake_caller *c, const char *body, size_t len,
	struct intake_result *out, struct hl_err *err)
{
	struct intake_job *j = hl_malloc(sizeof(*j));
	int rc;

	memset(out, 0, sizeof(*out));
	if (j == NULL)
		return hl_err_set(err, HL_ENOMEM, HL_HERE, "hết bộ nhớ");
	if ((rc = intake_begin(c, body, len, j, err)) == HL_OK &&
		(rc = c->write(c->ctx, intake_write, j, err)) == HL_OK)
		intake_end(j, out);
	hl_free(j);
	return rc;
}
