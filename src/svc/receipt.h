/* receipt.h — one-time survey links for a dossier (the QR code on the
 * dossier receipt, SPEC §4): making the token, storing only its hash, the
 * link itself and the printable slip, shared by `hailong receipts` and the
 * clerk's page /receipts. */
#ifndef HL_RECEIPT_H
#define HL_RECEIPT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/err.h"
#include "base/token.h"
#include "store/store.h"

struct hbuf;

/* Where the slip tells citizens to send feedback when nothing else is set
 * (seed 003 §V.1); $HAILONG_FEEDBACK or --feedback replace it. */
#define RECEIPT_FEEDBACK_DEFAULT \
	"Mọi phản ánh, kiến nghị xin gửi về: Bộ phận Một cửa " \
	"(Bộ phận Tiếp nhận và Trả kết quả) của đơn vị – trực tiếp tại quầy, qua đường dây " \
	"nóng hoặc hộp thư góp ý niêm yết tại trụ sở."
#define RECEIPT_FEEDBACK_MAX 1000 /* bytes */
#define RECEIPT_URL_MAX 512       /* bytes of the survey link */

/* A new link: the token (shown once, never stored) and its record. */
struct receipt_new {
	char token[TOKEN_SIZE];
	struct store_receipt rec;
};

/* HL_OK if code is a usable dossier code: 1..63 bytes of valid UTF-8 with no
 * control characters; else HL_EINVAL naming field. */
int receipt_check_dossier(const char *code, const char *field, struct hl_err *err);

/* Who a new link for a dossier is for. */
struct receipt_target {
	struct store_unit unit;         /* the unit that received the dossier */
	bool known;                     /* the dossier was imported: below is its */
	char procedure[STORE_NAME_MAX]; /* "" when not known */
	char field[STORE_NAME_MAX];     /* the field's name, "" when not known or none */
};

/* Who a link for dossier is for: the dossier's own unit, procedure and
 * field when it has been imported (unit_code, if given, must agree). A
 * code not in the imported dossiers is most often mistyped: it is refused
 * (HL_ENOTFOUND naming "new") unless is_new — the clerk confirmed that the
 * dossier is new, not yet in the one-stop system's export —, and then it is
 * for the unit unit_code. HL_ENOTFOUND / HL_EINVAL with a Vietnamese message
 * otherwise. */
int receipt_target(struct store *st, const char *dossier, const char *unit_code, bool is_new,
	struct receipt_target *out, struct hl_err *err);

/* Make a new link for dossier of unit_id at now (seconds): a random token
 * and the record holding its hash. Nothing is stored. */
int receipt_prepare(const char *dossier, int64_t unit_id, int64_t now, struct receipt_new *out,
	struct hl_err *err);

/* Store the link's record and audit it as who (naming unit_code): the
 * dossier's one current link — its earlier links not yet used stop working
 * (*replaced, may be NULL, gets how many). A dossier already rated through
 * one of its links gets no other: HL_ECONFLICT naming "dossier", nothing
 * stored. Call inside a transaction (the server's srv_write or the CLI's
 * own). */
int receipt_store(struct store *st, const struct receipt_new *n, const char *unit_code,
	const char *who, int *replaced, struct hl_err *err);

/* What a used link answers (the phone shows it). */
#define RECEIPT_USED_MESSAGE "Phiếu khảo sát cho hồ sơ này đã được gửi. Cảm ơn ông/bà!"
/* What a link replaced by a newer slip answers. */
#define RECEIPT_REPLACED_TITLE "Phiếu đã được thay"
#define RECEIPT_REPLACED_MESSAGE \
	"Phiếu khảo sát này đã được thay bằng một phiếu in sau cho " \
	"cùng hồ sơ. Xin quét mã QR trên phiếu mới nhất mà bộ phận tiếp nhận đưa ông/bà."

/* Where a link stands. */
enum receipt_state { RECEIPT_OPEN, RECEIPT_USED, RECEIPT_REPLACED };

/* A link found by its token, with what its dossier says. */
struct receipt_view {
	struct store_receipt rc;
	unsigned char hash[STORE_HASH_LEN]; /* the token's */
	enum receipt_state state;
	int64_t field_id;               /* the dossier's field when imported for the
	                                    * link's unit; 0 = not known (ask) */
	char procedure[STORE_NAME_MAX]; /* the dossier's procedure, "" = not known */
};

/* The link of token (the path of /s/TOKEN): HL_OK, or HL_ENOTFOUND for a
 * malformed or unknown token. */
int receipt_find(struct store *st, const char *token, struct receipt_view *out, struct hl_err *err);

/* The day a phone's answer on link rc counts on: the server's day (UTC+7)
 * at now (seconds), never before the day the link was made — not the date
 * the phone sends. */
hl_day receipt_day(const struct store_receipt *rc, int64_t now);

/* Store the phone's answer r (checked by ingest for the link's unit and
 * dossier, dated by receipt_day) for the link whose token hash is hash, and
 * use the link for it: one write, inside the caller's transaction (the
 * server's writer). HL_OK: stored (*duplicate false), or the same answer
 * with the same id sent again on the link it used (*duplicate true,
 * nothing changed). HL_ECONFLICT: the link was used by another answer
 * (RECEIPT_USED_MESSAGE) or replaced by a newer slip (RECEIPT_REPLACED_MESSAGE,
 * err names "replaced"), or the id was used for other content (err names
 * "id"). */
int receipt_answer(struct store *st, const unsigned char *hash, struct store_response *r,
	int64_t now, bool *duplicate, struct hl_err *err);

/* The feedback sentence: $HAILONG_FEEDBACK when set (valid UTF-8, at most
 * RECEIPT_FEEDBACK_MAX bytes), else RECEIPT_FEEDBACK_DEFAULT. Static or
 * environment memory: do not free. */
const char *receipt_feedback(void);

/* HL_OK if text is a usable feedback sentence (1..RECEIPT_FEEDBACK_MAX bytes
 * of valid UTF-8 without control characters other than newlines). */
int receipt_check_feedback(const char *text, struct hl_err *err);

/* base + tail into buf (size bytes): an address of this server to print or
 * encode in a QR code. base is "http://host[:port][/prefix]" or https,
 * without a trailing slash (one is dropped); HL_EINVAL naming "--url" if it
 * is not such a URL. */
int receipt_link(const char *base, const char *tail, char *buf, size_t size, struct hl_err *err);

/* The survey link base + "/s/" + token into buf, as receipt_link. */
int receipt_url(const char *base, const char *token, char *buf, size_t size, struct hl_err *err);

/* What the slip shows. */
struct receipt_slip {
	const char *url; /* the survey link */
	const char *dossier;
	const char *unit_name;
	const char *feedback;  /* where to send feedback */
	int64_t created_at;    /* seconds since 1970 */
	const char *procedure; /* the dossier's, NULL or "" = not known */
	const char *field;     /* its field's name, NULL or "" = not known */
};

/* Append the printable slip (<section class="slip">, styled by site.css)
 * with the link's QR code to b. */
int receipt_slip_html(struct hbuf *b, const struct receipt_slip *s, struct hl_err *err);

#endif
