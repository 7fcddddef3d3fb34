/* feedback_cmd.c — the feedback writes (feedback.h): receipt (codes,
 * idempotency keys, tracking codes), each step with its audit entry
 * (inside the caller's transaction, or in one of its own), deadlines per
 * unit and class, the unit's offices. */
#include "svc/feedback.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "base/clock.h"
#include "base/text.h"
#include "core/date.h"
#include "core/trackcode.h"
#include "base/token.h"
#include "store/store.h"
#include "svc/calendar.h"
#include "svc/feedback_int.h"
#include "svc/ingest.h"
#include "svc/intake.h"
#include "svc/units.h"

/* The time a step happens: at, or now (-1) but never before the previous step. */
static int step_time(const struct store_fb_item *it, int64_t at, int64_t *out, struct hl_err *err)
{
	int64_t last = it->received_at;
	const int64_t t[] = {it->classified_at, it->forwarded_at, it->answered_at, it->published_at,
		it->rated_at, it->closed_at};
	char a[20], b[20];

	for (int i = 0; i < FB_NELEM(t); i++)
		if (t[i] > last)
			last = t[i];
	if (at < 0) {
		int64_t now = hl_clock_minute();

		*out = now > last ? now : last;
		return HL_OK;
	}
	if (at < last)
		return hl_err_set(err, HL_EINVAL, "--at",
			"thời điểm %s trước bước trước đó của phản ánh %s (%s)",
			hl_clock_fmt_minute(at, a, sizeof(a)), it->code,
			hl_clock_fmt_minute(last, b, sizeof(b)));
	*out = at;
	return HL_OK;
}

/* ---- receipt ---- */

/* A code PA-<UNIT>-YYYYMMDD-NNNN not used yet, into code. */
static int make_code(struct store *st, const struct store_unit *u, int64_t received,
	struct store_fb_item *it, const char *text, struct hl_err *err)
{
	hl_day day = fb_minute_day(received);
	int64_t count = 0;
	int y, m, d, rc;

	hl_day_to_ymd(day, &y, &m, &d);
	rc = STORE(st, feedback, fb_item_count, u->id, fb_day_minute(day), fb_day_minute(day + 1),
		&count, err);
	for (int64_t seq = count + 1; rc == HL_OK && seq < count + 10000; seq++) {
		int len = snprintf(it->code, sizeof(it->code), "PA-%s-%04d%02d%02d-%04lld", u->code,
			y, m, d, (long long)seq);

		if (len < 0 || (size_t)len >= sizeof(it->code))
			snprintf(it->code, sizeof(it->code), "PA-%lld-%04d%02d%02d-%04lld",
				(long long)u->id, y, m, d, (long long)seq);
		rc = STORE(st, feedback, fb_item_put, it, text, err);
		if (rc != HL_EEXIST)
			return rc;
		hl_err_clear(err);
		rc = HL_OK;
	}
	return rc == HL_OK ?
		hl_err_set(err, HL_ECONFLICT, HL_HERE, "không tạo được mã phản ánh mới") :
		rc;
}

static int add_step(struct store *st, int64_t item_id, const char *step, const char *who,
	int64_t at, const char *detail, struct hl_err *err)
{
	struct store_fb_step s = {.item_id = item_id, .at = at};

	snprintf(s.step, sizeof(s.step), "%s", step);
	snprintf(s.who, sizeof(s.who), "%s", who);
	snprintf(s.detail, sizeof(s.detail), "%s", detail != NULL ? detail : "");
	return STORE(st, feedback, fb_step_add, &s, err);
}

/* ---- idempotency keys ---- */

/* Bumped if the content encoding below ever changes. */
static const char idem_tag[] = "hailong feedback content 1";

static void idem_str(crypto_generichash_state *h, const char *s)
{
	intake_hash_bytes(h, s != NULL ? s : "", s != NULL ? strlen(s) : 0);
}

/* The record of in's id for unit_id: the key's hash, the content's (the
 * cleaned texts, and what else the sender chose), a fresh salt. HL_EINVAL
 * naming "id" for an unusable id. */
static int idem_prepare(int64_t unit_id, const struct fb_new *in, const char *text,
	const char *name, const char *contact, struct store_fb_idem *k, struct hl_err *err)
{
	crypto_generichash_state h;
	size_t len = strlen(in->id);

	if (len >= STORE_CODE_MAX || !hl_utf8_valid(in->id, len, NULL) ||
		hl_text_control(in->id, NULL) != 0)
		return hl_err_set(err, HL_EINVAL, "id",
			"mã gửi 'id' phải là văn bản UTF-8 1–%d byte, "
			"không có ký tự điều khiển",
			STORE_CODE_MAX - 1);
	if (sodium_init() < 0)
		return hl_err_set(err, HL_EIO, HL_HERE, "không khởi tạo được libsodium");
	memset(k, 0, sizeof(*k));
	k->unit_id = unit_id;
	crypto_generichash(k->key_hash, STORE_HASH_LEN, (const unsigned char *)in->id, len, NULL,
		0);
	crypto_generichash_init(&h, NULL, 0, STORE_HASH_LEN);
	idem_str(&h, idem_tag);
	intake_hash_int(&h, in->channel);
	intake_hash_int(&h, in->kind != 0 ? in->kind : FB_PAKN);
	intake_hash_int(&h, in->at_given ? in->received_at : -1);
	idem_str(&h, in->code);
	idem_str(&h, text);
	idem_str(&h, name);
	idem_str(&h, contact);
	crypto_generichash_final(&h, k->content_hash, STORE_HASH_LEN);
	randombytes_buf(k->salt, sizeof(k->salt));
	return HL_OK;
}

/* ---- tracking codes ----
 * A new item's tracking code is short (core/trackcode.h: 10 symbols, shown
 * K7QF-93MX-2D); the store keeps only fb_short_hash of it, and a look-up
 * needs the item's own code beside it. Items from before issue 12 keep
 * their 43-character token (base64url), stored as token_hash(token) and
 * looked up alone. */

/* Codes tried for a new item until one no item has (a clash of two 49-bit
 * codes is rare; this keeps it from ever refusing an item). */
#define SHORT_TRIES 4

/* The short code number k of the item added under id with salt: keyed by
 * the salt, so the store (which has the salt, not the id) cannot make it. */
static void idem_short(const unsigned char *salt, const char *id, int k, char *code10)
{
	unsigned char raw[STORE_HASH_LEN], kb = (unsigned char)k;
	crypto_generichash_state h;

	crypto_generichash_init(&h, salt, STORE_HASH_LEN, sizeof(raw));
	crypto_generichash_update(&h, (const unsigned char *)id, strlen(id));
	if (k > 0)
		crypto_generichash_update(&h, &kb, 1);
	crypto_generichash_final(&h, raw, sizeof(raw));
	hl_tcode_make(raw, code10);
	sodium_memzero(raw, sizeof(raw));
}

/* The long token items keyed before issue 12 got (idem_replay still finds
 * them by it). */
static void idem_legacy(const unsigned char *salt, const char *id, char *tok)
{
	unsigned char raw[STORE_HASH_LEN];

	crypto_generichash(raw, sizeof(raw), (const unsigned char *)id, strlen(id), salt,
		STORE_HASH_LEN);
	sodium_bin2base64(tok, TOKEN_SIZE, raw, sizeof(raw),
		sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	sodium_memzero(raw, sizeof(raw));
}

/* Whether an item has the token hash th: HL_OK with it in *it, HL_ENOTFOUND. */
static int item_by_hash(struct store *st, struct hl_arena *a, const unsigned char *th,
	struct store_fb_item *it, struct hl_err *err)
{
	int rc = STORE(st, feedback, fb_item_get_token, th, a, it, err);

	if (rc == HL_ENOTFOUND)
		hl_err_clear(err);
	return rc;
}

/* A tracking code no item has yet, for a new item: derived from (salt, id)
 * when keyed (salt non-NULL), else random. Grouped into tok, its hash into
 * th. */
static int new_short(struct store *st, struct hl_arena *a, const unsigned char *salt,
	const char *id, char *tok, unsigned char th[STORE_HASH_LEN], struct hl_err *err)
{
	struct store_fb_item other;
	char code10[HL_TCODE_SIZE];

	for (int k = 0; k < SHORT_TRIES; k++) {
		int rc;

		if (salt != NULL) {
			idem_short(salt, id, k, code10);
		} else {
			unsigned char raw[HL_TCODE_RAW];

			if (sodium_init() < 0)
				return hl_err_set(err, HL_EIO, HL_HERE,
					"không khởi tạo được libsodium");
			randombytes_buf(raw, sizeof(raw));
			hl_tcode_make(raw, code10);
		}
		fb_short_hash(code10, th);
		rc = item_by_hash(st, a, th, &other, err);
		if (rc == HL_ENOTFOUND) {
			hl_tcode_group(code10, tok);
			return HL_OK;
		}
		if (rc != HL_OK)
			return rc;
	}
	return hl_err_set(err, HL_ECONFLICT, HL_HERE, "không tạo được mã theo dõi mới");
}

/* The stored item's code and its sender's token tok to the caller (token
 * may be NULL). */
static int hand_out(const struct store_fb_item *it, const char *tok, char *code, char *token)
{
	snprintf(code, STORE_CODE_MAX, "%s", it->code);
	if (token != NULL)
		snprintf(token, FB_TOKEN_SIZE, "%s", tok);
	return HL_OK;
}

/* A resend under a known id: the same item again when the content is the
 * same (its code and tracking code into code and token), else HL_ECONFLICT. */
static int idem_replay(struct store *st, struct hl_arena *a, const struct store_fb_idem *prev,
	const struct store_fb_idem *now, const char *id, char *code, char *token,
	struct hl_err *err)
{
	struct store_fb_item it;
	unsigned char th[STORE_HASH_LEN];
	char tok[TOKEN_SIZE], code10[HL_TCODE_SIZE];
	int rc = HL_ENOTFOUND;

	if (memcmp(prev->content_hash, now->content_hash, STORE_HASH_LEN) != 0)
		return hl_err_set(err, HL_ECONFLICT, "id",
			"mã gửi (id) '%s' đã được dùng cho một phản "
			"ánh khác của đơn vị: phản ánh này chưa được lưu; một phản ánh mới cần một mã "
			"mới",
			id);
	/* the code new_short chose: the first of the derived ones that is this
	 * item's; an item keyed before issue 12: its long token */
	for (int k = 0; k <= SHORT_TRIES && rc == HL_ENOTFOUND; k++) {
		if (k < SHORT_TRIES) {
			idem_short(prev->salt, id, k, code10);
			fb_short_hash(code10, th);
			hl_tcode_group(code10, tok);
		} else {
			idem_legacy(prev->salt, id, tok);
			token_hash(tok, th);
		}
		rc = item_by_hash(st, a, th, &it, err);
		if (rc == HL_OK && it.id != prev->item_id)
			rc = HL_ENOTFOUND;
	}
	if (rc == HL_ENOTFOUND)
		rc = hl_err_set(err, HL_EIO, HL_HERE, "mã gửi '%s' không khớp phản ánh đã lưu", id);
	return rc != HL_OK ? rc : hand_out(&it, tok, code, token);
}

/* fb_add inside a transaction the caller holds (the import's too). */
int fb_add_in_tx(struct store *st, struct hl_arena *a, const struct fb_new *in, const char *who,
	char *code, char *token, struct hl_err *err)
{
	struct store_fb_item it = {0};
	struct store_fb_idem key, prev;
	struct store_unit u;
	char tok[TOKEN_SIZE], detail[300];
	bool keyed = in->id != NULL && in->id[0] != '\0';
	char *text = NULL, *name = NULL, *contact = NULL;
	hl_day day;
	int rc;

	if (in->unit == NULL || in->unit[0] == '\0')
		return hl_err_set(err, HL_EINVAL, "unit", "thiếu đơn vị (--unit)");
	rc = STORE(st, units, unit_get, in->unit, &u, err);
	if (rc == HL_ENOTFOUND)
		return fb_no_unit(err, in->unit);
	if (rc != HL_OK)
		return rc;
	if (fb_channel_code(in->channel)[0] == '\0')
		return hl_err_set(err, HL_EINVAL, "channel", "kênh %d không hợp lệ", in->channel);
	if (in->kind != 0 && fb_kind_code(in->kind)[0] == '\0')
		return hl_err_set(err, HL_EINVAL, "kind", "loại đơn %d không hợp lệ", in->kind);
	day = fb_minute_day(in->received_at);
	{
		hl_day lo, hi;

		if (!hl_day_from_ymd(2000, 1, 1, &lo) || !hl_day_from_ymd(2099, 12, 31, &hi) ||
			in->received_at < 0 || day < lo || day > hi)
			return hl_err_set(err, HL_EINVAL, "received_at",
				"thời điểm tiếp nhận phải trong các năm 2000–2099");
	}
	if ((u.valid_from != HL_DAY_NONE && day < u.valid_from) ||
		(u.valid_to != HL_DAY_NONE && day > u.valid_to)) {
		char when[16];

		return hl_err_set(err, HL_EINVAL, "unit",
			"đơn vị '%s' không hoạt động vào ngày %s (xem: hailong units list)", u.code,
			hl_day_vn(day, when, sizeof(when)));
	}
	rc = fb_clean_text(a, in->text, "nội dung phản ánh", "text", FB_TEXT_MAX_CHARS, true, &text,
		err);
	if (rc == HL_OK)
		rc = fb_clean_text(a, in->name, "họ tên người gửi", "name", NAME_MAX_CHARS, false,
			&name, err);
	if (rc == HL_OK)
		rc = fb_clean_text(a, in->contact, "địa chỉ liên hệ", "contact", NAME_MAX_CHARS,
			false, &contact, err);
	if (rc == HL_OK && in->code != NULL && in->code[0] != '\0')
		rc = fb_check_code(in->code, "mã phản ánh", err);
	if (rc == HL_OK && keyed)
		rc = idem_prepare(u.id, in, text, name, contact, &key, err);
	if (rc == HL_OK && keyed) {
		rc = STORE(st, feedback, fb_idem_get, u.id, key.key_hash, &prev, err);
		if (rc == HL_OK)
			return idem_replay(st, a, &prev, &key, in->id, code, token, err);
		if (rc == HL_ENOTFOUND) {
			hl_err_clear(err);
			rc = HL_OK;
		}
	}
	if (rc != HL_OK)
		return rc;

	it.unit_id = u.id;
	it.channel = in->channel;
	it.kind = in->kind != 0 ? in->kind : FB_PAKN;
	it.state = FB_RECEIVED;
	it.received_at = in->received_at;
	rc = new_short(st, a, keyed ? key.salt : NULL, in->id, tok, it.token_hash, err);
	if (rc != HL_OK)
		return rc;
	if (in->code != NULL && in->code[0] != '\0') {
		snprintf(it.code, sizeof(it.code), "%s", in->code);
		rc = STORE(st, feedback, fb_item_put, &it, text, err);
		if (rc == HL_EEXIST)
			rc = hl_err_set(err, HL_EEXIST, "code",
				"đã có phản ánh mã %s; mỗi mã chỉ một lần", in->code);
	} else {
		rc = make_code(st, &u, in->received_at, &it, text, err);
	}
	if (rc == HL_OK && (name[0] != '\0' || contact[0] != '\0'))
		rc = STORE(st, feedback, fb_contact_put, it.id, name, contact, err);
	if (rc == HL_OK && keyed) {
		key.item_id = it.id;
		rc = STORE(st, feedback, fb_idem_put, &key, err);
	}
	snprintf(detail, sizeof(detail), "%s: đơn vị %s, kênh %s", it.code, u.code,
		fb_channel_code(in->channel));
	if (rc == HL_OK)
		rc = add_step(st, it.id, "received", who, in->received_at,
			fb_channel_code(in->channel), err);
	if (rc == HL_OK)
		rc = STORE(st, admin, audit, who, "feedback.add", detail, err);
	return rc != HL_OK ? rc : hand_out(&it, tok, code, token);
}

/* Commit when rc is HL_OK, else roll back: the end of every plain fb_X,
 * which is store_begin + fb_X_in + this. */
int fb_add_in(struct store *st, const struct fb_new *in, const char *who, char *code, char *token,
	struct hl_err *err)
{
	struct hl_arena *a = hl_arena_new(OP_ARENA_CAP);
	int rc;

	if (a == NULL)
		return hl_err_set(err, HL_ENOMEM, HL_HERE, "hết bộ nhớ");
	rc = fb_add_in_tx(st, a, in, who, code, token, err);
	hl_arena_free(a);
	return rc;
}

int fb_add(struct store *st, const struct fb_new *in, const char *who, char *code, char *token,
	struct hl_err *err)
{
	return STORE_TX(st, err, fb_add_in(st, in, who, code, token, err));
}

/* ---- the steps ---- */

/* One step: the item read by step_open and changed, then stored by
 * step_close, inside the caller's transaction. */
struct step {
	struct store *st;
	struct hl_arena *a;
	struct hl_err *err;
	struct store_fb_item it;
	const char *answer; /* the new answer, or NULL */
	char name[24];      /* "classified", ... */
	char detail[STORE_NAME_MAX];
	int64_t at;
};

/* The refusal of a step made on an item someone changed since the caller read it. */
static int changed(struct hl_err *err, const char *code)
{
	return hl_err_set(err, HL_ECONFLICT, "version",
		"Phản ánh %s vừa được người khác cập nhật; "
		"tải lại để xem và thao tác lại.",
		code);
}

static int step_open(struct step *s, struct store *st, const char *code, int64_t version,
	int action, int cls, int64_t at, struct hl_err *err)
{
	int next, rc;

	memset(s, 0, sizeof(*s));
	s->st = st;
	s->err = err;
	s->a = hl_arena_new(OP_ARENA_CAP);
	if (s->a == NULL)
		return hl_err_set(err, HL_ENOMEM, HL_HERE, "hết bộ nhớ");
	rc = STORE(st, feedback, fb_item_get, code != NULL ? code : "", s->a, &s->it, err);
	if (rc == HL_ENOTFOUND)
		return hl_err_set(err, HL_ENOTFOUND, "code",
			"không có phản ánh mã '%s' (xem: hailong feedback list)",
			code != NULL ? code : "");
	if (rc == HL_OK && version > 0 && version != s->it.version)
		rc = changed(err, s->it.code);
	if (rc == HL_OK)
		rc = fb_transition(s->it.state, action == FB_A_CLASSIFY ? cls : s->it.cls, action,
			&next, err);
	if (rc == HL_OK)
		rc = step_time(&s->it, at, &s->at, err);
	if (rc == HL_OK)
		s->it.state = next;
	return rc;
}

/* Store the step and audit it, unless an earlier failure (rc). */
static int step_close(struct step *s, int rc, const char *who)
{
	char detail[STORE_NAME_MAX + STORE_CODE_MAX + 4];
	char action[40];

	/* compare-and-set on the version read: a concurrent writer's change wins */
	if (rc == HL_OK &&
		(rc = STORE(s->st, feedback, fb_item_update, &s->it, s->answer, s->err)) ==
			HL_ECONFLICT)
		changed(s->err, s->it.code);
	if (rc == HL_OK)
		rc = add_step(s->st, s->it.id, s->name, who, s->at, s->detail, s->err);
	snprintf(detail, sizeof(detail), "%s%s%s", s->it.code, s->detail[0] ? ": " : "", s->detail);
	snprintf(action, sizeof(action), "feedback.%s", s->name);
	if (rc == HL_OK)
		rc = STORE(s->st, admin, audit, who, action, detail, s->err);
	hl_arena_free(s->a);
	return rc;
}

int fb_classify_in(struct store *st, const char *code, int64_t version, int cls,
	const char *criterion, int kind, int64_t at, const char *who, struct hl_err *err)
{
	struct step s;
	int rc;

	if (fb_class_code(cls)[0] == '\0')
		return hl_err_set(err, HL_EINVAL, "--class", "phân loại %d không hợp lệ", cls);
	if ((rc = fb_criterion_parse(criterion, err)) != HL_OK)
		return rc;
	if (kind != 0 && fb_kind_code(kind)[0] == '\0')
		return hl_err_set(err, HL_EINVAL, "--kind", "loại đơn %d không hợp lệ", kind);
	rc = step_open(&s, st, code, version, FB_A_CLASSIFY, cls, at, err);
	if (rc == HL_OK) {
		s.it.cls = cls;
		snprintf(s.it.criterion, sizeof(s.it.criterion), "%s", criterion ? criterion : "");
		if (kind != 0)
			s.it.kind = kind;
		s.it.classified_at = s.at;
		if (s.it.state == FB_CLOSED)
			s.it.closed_at = s.at;
		snprintf(s.name, sizeof(s.name), "classified");
		snprintf(s.detail, sizeof(s.detail), "%s%s%s, %s", fb_class_code(cls),
			s.it.criterion[0] ? ", tiêu chí " : "", s.it.criterion,
			fb_kind_code(s.it.kind));
	}
	return step_close(&s, rc, who);
}

int fb_forward_in(struct store *st, const char *code, int64_t version, const char *office,
	int64_t at, const char *who, struct hl_err *err)
{
	struct store_fb_office *o = NULL;
	size_t n = 0;
	struct step s;
	int rc = step_open(&s, st, code, version, FB_A_FORWARD, 0, at, err);

	if (rc == HL_OK)
		rc = STORE(st, feedback, fb_office_list, s.it.unit_id, s.a, &o, &n, err);
	if (rc == HL_OK) {
		size_t i = 0;

		/* The unit's own office comes before a built-in one of the same code. */
		while (i < n && strcmp(o[i].code, office != NULL ? office : "") != 0)
			i++;
		if (i == n) {
			rc = hl_err_set(err, HL_ENOTFOUND, "--to",
				"không có phòng, ban mã '%s' cho đơn vị của phản ánh %s (xem: hailong "
				"offices list)",
				office != NULL ? office : "", s.it.code);
		} else {
			s.it.office_id = o[i].id;
			s.it.forwarded_at = s.at;
			snprintf(s.name, sizeof(s.name), "forwarded");
			snprintf(s.detail, sizeof(s.detail), "%s", o[i].code);
		}
	}
	return step_close(&s, rc, who);
}

int fb_answer_in(struct store *st, const char *code, int64_t version, const char *text, int number,
	int64_t at, const char *who, struct hl_err *err)
{
	struct step s;
	char *clean = NULL;
	int rc;

	if (number < 0 || number > 999999)
		return hl_err_set(err, HL_EINVAL, "--number", "số văn bản %d không hợp lệ", number);
	rc = step_open(&s, st, code, version, FB_A_ANSWER, 0, at, err);
	if (rc == HL_OK)
		rc = fb_clean_text(s.a, text, "nội dung trả lời", "text", FB_TEXT_MAX_CHARS, true,
			&clean, err);
	if (rc == HL_OK) {
		/* numbered by the store's counter of the unit's year (0: the next) */
		int y, m, d;

		hl_day_to_ymd(fb_minute_day(s.at), &y, &m, &d);
		rc = STORE(st, feedback, fb_answer_number, s.it.unit_id, y, s.it.id, &number, err);
	}
	if (rc == HL_OK) {
		s.answer = clean;
		s.it.answer_no = number;
		s.it.answered_at = s.at;
		if (s.it.first_answered_at < 0)
			s.it.first_answered_at = s.at;
		s.it.published_at = -1; /* a new answer is not public until published */
		snprintf(s.name, sizeof(s.name), "answered");
		snprintf(s.detail, sizeof(s.detail), "số %d", number);
	}
	return step_close(&s, rc, who);
}

int fb_publish_in(struct store *st, const char *code, int64_t version, int64_t at, const char *who,
	struct hl_err *err)
{
	struct step s;
	int rc = step_open(&s, st, code, version, FB_A_PUBLISH, 0, at, err);

	if (rc == HL_OK) {
		s.it.published_at = s.at;
		snprintf(s.name, sizeof(s.name), "published");
	}
	return step_close(&s, rc, who);
}

int fb_rate_in(struct store *st, const char *code, int64_t version, bool satisfied, int64_t at,
	const char *who, struct hl_err *err)
{
	struct step s;
	int rc = step_open(&s, st, code, version, satisfied ? FB_A_RATE_OK : FB_A_RATE_BAD, 0, at,
		err);

	if (rc == HL_OK) {
		s.it.rating = satisfied ? 1 : 2;
		s.it.rated_at = s.at;
		if (satisfied) {
			s.it.closed_at = s.at;
		} else {
			s.it.reopened++;
			s.it.reopened_at = s.at;
		}
		snprintf(s.name, sizeof(s.name), "%s", satisfied ? "closed" : "reopened");
		snprintf(s.detail, sizeof(s.detail), "%s", satisfied ? "satisfied" : "unsatisfied");
	}
	return step_close(&s, rc, who);
}

int fb_reopen_in(struct store *st, const char *code, int64_t version, const char *reason,
	int64_t at, const char *who, struct hl_err *err)
{
	struct step s;
	char *why = NULL;
	int rc = step_open(&s, st, code, version, FB_A_REOPEN, 0, at, err);

	if (rc == HL_OK)
		rc = fb_clean_text(s.a, reason, "lý do mở lại", "reason", FB_REASON_MAX_CHARS, true,
			&why, err);
	if (rc == HL_OK && strlen(why) >= sizeof(s.detail))
		rc = hl_err_set(err, HL_ELIMIT, "reason", "lý do mở lại quá dài: hãy rút gọn");
	if (rc == HL_OK) {
		if (s.it.state == FB_RECEIVED) {
			/* closed as not accepted: the classification was the mistake */
			s.it.cls = FB_CLASS_NONE;
			s.it.criterion[0] = '\0';
			s.it.classified_at = -1;
		} else {
			s.it.reopened++;
			s.it.reopened_at = s.at;
		}
		s.it.closed_at = -1;
		snprintf(s.name, sizeof(s.name), "reopened");
		snprintf(s.detail, sizeof(s.detail), "%s", why);
	}
	return step_close(&s, rc, who);
}

/* ---- the same, each in its own transaction (the command line) ---- */

int fb_classify(struct store *st, const char *code, int64_t version, int cls, const char *criterion,
	int kind, int64_t at, const char *who, struct hl_err *err)
{
	return STORE_TX(st, err,
		fb_classify_in(st, code, version, cls, criterion, kind, at, who, err));
}

int fb_forward(struct store *st, const char *code, int64_t version, const char *office, int64_t at,
	const char *who, struct hl_err *err)
{
	return STORE_TX(st, err, fb_forward_in(st, code, version, office, at, who, err));
}

int fb_answer(struct store *st, const char *code, int64_t version, const char *text, int number,
	int64_t at, const char *who, struct hl_err *err)
{
	return STORE_TX(st, err, fb_answer_in(st, code, version, text, number, at, who, err));
}

int fb_publish(struct store *st, const char *code, int64_t version, int64_t at, const char *who,
	struct hl_err *err)
{
	return STORE_TX(st, err, fb_publish_in(st, code, version, at, who, err));
}

int fb_rate(struct store *st, const char *code, int64_t version, bool satisfied, int64_t at,
	const char *who, struct hl_err *err)
{
	return STORE_TX(st, err, fb_rate_in(st, code, version, satisfied, at, who, err));
}

int fb_reopen(struct store *st, const char *code, int64_t version, const char *reason, int64_t at,
	const char *who, struct hl_err *err)
{
	return STORE_TX(st, err, fb_reopen_in(st, code, version, reason, at, who, err));
}

/* ---- deadlines ---- */

int fb_deadline_set(struct store *st, const char *unit, int cls, int forward_hours, int answer_days,
	const char *who, struct hl_err *err)
{
	struct store_fb_deadline *dl = NULL,
				 d = {.cls = cls, .forward_hours = -1, .answer_days = -1};
	struct hl_arena *a = NULL;
	struct store_unit u;
	size_t n = 0;
	char detail[200];
	int rc;

	if (cls < 0 || cls >= FB_NCLASSES)
		return hl_err_set(err, HL_EINVAL, "--class", "phân loại %d không hợp lệ", cls);
	if (forward_hours == 0 || forward_hours > FORWARD_HOURS_MAX || forward_hours < -1)
		return hl_err_set(err, HL_EINVAL, "--forward-hours",
			"số giờ làm việc để chuyển phải từ 1 đến %d", FORWARD_HOURS_MAX);
	if (answer_days == 0 || answer_days > ANSWER_DAYS_MAX || answer_days < -1)
		return hl_err_set(err, HL_EINVAL, "--answer-days",
			"số ngày làm việc để trả lời phải từ 1 đến %d", ANSWER_DAYS_MAX);
	if (forward_hours < 0 && answer_days < 0)
		return hl_err_set(err, HL_EINVAL, "--forward-hours",
			"không có gì để đặt: cần số giờ để chuyển hoặc số ngày để trả lời");
	rc = STORE(st, units, unit_get, unit != NULL ? unit : "", &u, err);
	if (rc == HL_ENOTFOUND)
		return fb_no_unit(err, unit != NULL ? unit : "");
	if (rc != HL_OK)
		return rc;
	a = hl_arena_new(OP_ARENA_CAP);
	if (a == NULL)
		return hl_err_set(err, HL_ENOMEM, HL_HERE, "hết bộ nhớ");
	rc = store_begin(st, err);
	if (rc != HL_OK)
		goto cleanup;
	rc = STORE(st, feedback, fb_deadline_list, a, &dl, &n, err);
	for (size_t i = 0; rc == HL_OK && i < n; i++)
		if (dl[i].unit_id == u.id && dl[i].cls == cls)
			d = dl[i];
	d.unit_id = u.id;
	if (forward_hours > 0)
		d.forward_hours = forward_hours;
	if (answer_days > 0)
		d.answer_days = answer_days;
	snprintf(detail, sizeof(detail),
		"%s, %s: chuyển trong %d giờ, trả lời trong %d ngày làm việc", u.code,
		cls != 0 ? fb_class_code(cls) : "mọi loại", d.forward_hours, d.answer_days);
	if (rc == HL_OK)
		rc = STORE(st, feedback, fb_deadline_set, &d, err);
	if (rc == HL_OK)
		rc = STORE(st, admin, audit, who, "feedback.deadlines", detail, err);
	if (rc == HL_OK)
		rc = store_commit(st, err);
	else {
		struct hl_err ignored;

		store_rollback(st, &ignored);
	}
cleanup:
	hl_arena_free(a);
	return rc;
}

int fb_office_put_in(struct store *st, const struct scope_actor *by, const char *unit,
	const char *code, const char *name, struct hl_err *err)
{
	struct hl_arena *a = hl_arena_new(OP_ARENA_CAP);
	struct store_fb_office of = {0};
	struct store_unit u;
	char detail[STORE_CODE_MAX * 2 + STORE_NAME_MAX + 16], *clean = NULL;
	int rc;

	if (a == NULL)
		return hl_err_set(err, HL_ENOMEM, HL_HERE, "hết bộ nhớ");
	rc = scope_get(st, by, unit, "unit", &u, err);
	if (rc == HL_OK)
		rc = fb_check_code(code != NULL ? code : "", "mã phòng, ban", err);
	if (rc == HL_OK)
		rc = fb_clean_text(a, name, "tên phòng, ban", "name", 120, true, &clean, err);
	if (rc == HL_OK) {
		snprintf(of.code, sizeof(of.code), "%s", code);
		snprintf(of.name, sizeof(of.name), "%s", clean);
		of.unit_id = u.id;
		rc = STORE(st, feedback, fb_office_put, &of, err);
		snprintf(detail, sizeof(detail), "%s, đơn vị %s: %s", of.code, u.code, of.name);
	}
	if (rc == HL_OK)
		rc = STORE(st, admin, audit, by->who, "offices.put", detail, err);
	hl_arena_free(a);
	return rc;
}
