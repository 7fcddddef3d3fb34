/* intake.c — the store-side rules of intake.h: content hashes and what the
 * same id means, and a kiosk's responses held for review. */
#include "svc/intake.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "base/clock.h"
#include "svc/feedback.h"
#include "svc/ingest.h"

/* Bumped if the encoding below ever changes (stored hashes would then need
 * recomputing). */
static const char hash_tag[] = "hailong response content 1";

static void put_int(crypto_generichash_state *h, int64_t v)
{
	unsigned char b[8];

	for (int i = 0; i < 8; i++)
		b[i] = (unsigned char)((uint64_t)v >> (8 * i));
	crypto_generichash_update(h, b, sizeof(b));
}

/* Length first, so that no two lists of strings encode alike. */
static void put_bytes(crypto_generichash_state *h, const void *p, size_t n)
{
	put_int(h, (int64_t)n);
	crypto_generichash_update(h, p, n);
}

void intake_hash(const struct store_response *r, bool complaint,
	unsigned char out[STORE_HASH_LEN])
{
	crypto_generichash_state h;
	int n = r->nanswers < 0 ? 0 : r->nanswers > STORE_ANSWERS_MAX ? STORE_ANSWERS_MAX
		: r->nanswers;

	crypto_generichash_init(&h, NULL, 0, STORE_HASH_LEN);
	put_bytes(&h, hash_tag, sizeof(hash_tag));
	/* The server dates a QR answer when it arrives: a resend on another
	 * day is the same answer. */
	put_int(&h, r->channel == CH_QR ? HL_DAY_NONE : r->day);
	put_int(&h, r->instrument_id);
	put_int(&h, r->channel);
	put_int(&h, r->field_id);
	put_int(&h, r->staff_id);
	put_bytes(&h, r->dossier, strnlen(r->dossier, sizeof(r->dossier)));
	put_bytes(&h, r->comment, strnlen(r->comment, sizeof(r->comment)));
	put_bytes(&h, r->answers, (size_t)n);
	put_int(&h, complaint);
	crypto_generichash_final(&h, out, STORE_HASH_LEN);
}

int intake_insert(struct store *st, struct store_response *r, bool complaint,
	int64_t *existing_batch, struct hl_err *err)
{
	struct store_response prev;
	int rc;

	if (existing_batch != NULL)
		*existing_batch = 0;
	intake_hash(r, complaint, r->content_hash);
	r->has_hash = true;
	rc = STORE(st, response_insert, r, NULL, err);
	if (rc != HL_EEXIST)
		return rc;
	rc = STORE(st, response_get_ext, r->unit_id, r->ext_id, &prev, err);
	if (rc != HL_OK)
		return rc;
	if (existing_batch != NULL)
		*existing_batch = prev.batch_id;
	if (!prev.has_hash)
		intake_hash(&prev, false, prev.content_hash);
	if (memcmp(prev.content_hash, r->content_hash, STORE_HASH_LEN) == 0)
		return hl_err_set(err, HL_EEXIST, "id", "phiếu mã %s đã được lưu, không lưu lại",
			r->ext_id);
	return hl_err_set(err, HL_ECONFLICT, "id", "mã phiếu %s đã được dùng cho một phiếu khác "
		"của đơn vị (khác ngày, câu trả lời, ý kiến hoặc thông tin khác): phiếu này không được "
		"lưu; một phiếu mới cần một mã mới", r->ext_id);
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
	rc = STORE(st, response_count_kiosk_since, kiosk_id, now - INTAKE_BURST_WINDOW,
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
	return hl_err_set(err, rc, "comment", "ý kiến không ghi thành phản ánh, kiến nghị được (%s); "
		"phiếu chưa được lưu: hãy sửa ý kiến hoặc bỏ đánh dấu phản ánh rồi gửi lại", why);
}

int intake_post(struct store *st, struct intake_post *p, struct hl_err *err)
{
	struct store_response *r = p->r;
	bool held = false;
	int rc;

	p->duplicate = false;
	p->fb_code[0] = '\0';
	if (p->kiosk && (rc = intake_kiosk_held(st, r->kiosk_id, r->received_at, r->day,
		    p->collected_at, p->has_time, &held, err)) != HL_OK)
		return rc;
	r->status = held ? RS_HELD : RS_COUNTED;
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
