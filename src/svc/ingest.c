/* ingest.c — the checks of ingest.h: one set of rules for every way a
 * response comes in (CSV import, the API, the fuzzer), against an immutable
 * snapshot of what the store knows, and the JSON body of the API. */
#include "svc/ingest.h"

#include <jansson.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <utf8proc.h>

#include "base/arena.h"
#include "base/clock.h"
#include "base/mem.h"
#include "base/text.h"
#include "core/date.h"
#include "core/instrument.h"
#include "svc/instruments.h"
#include "svc/lookup.h"

#define SNAP_ARENA_CAP ((size_t)256 * 1024 * 1024)
#define NFC_STACK_CP 1024 /* code points normalised without allocating */

struct ingest {
	struct hl_arena *a;
	struct lookup *units, *unit_ids, *fields, *staff, *insts, *qcodes;
	struct store_field *fl;
	size_t nfl;
	struct store_staff *sf;
	size_t nsf;
	struct ingest_inst **byid; /* every version, in list order */
	size_t ninst;
	int64_t loaded_at; /* monotonic seconds */
	int refs;          /* holders, when shared */
	bool retired;      /* replaced: freed by its last holder */
};

static int64_t mono_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec;
}

static void report(struct ingest_sink *sink, const char *name, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void report(struct ingest_sink *sink, const char *name, const char *fmt, ...)
{
	char msg[400];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	sink->nproblems++;
	if (sink->problem != NULL)
		sink->problem(sink->ctx, name, msg);
}

/* At most max bytes of s for a message, cut on a character boundary, with
 * "…" when cut: an echoed value never breaks the message's UTF-8. */
#define CLIP_BUF(max) ((max) + 4)
static const char *clip(const char *s, size_t max, char *buf)
{
	size_t n = strlen(s);

	if (n <= max && hl_utf8_valid(s, n, NULL))
		return s;
	n = n < max ? n : max;
	while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
		n--;
	/* Invalid bytes (only a caller that skipped the UTF-8 check) become '?'. */
	for (size_t i = 0; i < n; i++)
		buf[i] = (unsigned char)s[i] < 0x80 ? s[i] : '?';
	if (hl_utf8_valid(s, n, NULL))
		memcpy(buf, s, n);
	memcpy(buf + n, "…", 4);
	return buf;
}

static bool is_ascii(const char *s)
{
	for (; *s != '\0'; s++)
		if ((unsigned char)*s >= 0x80)
			return false;
	return true;
}

long ingest_nfc(const char *s, char *dst, size_t size)
{
	utf8proc_int32_t stackbuf[NFC_STACK_CP], *cp = stackbuf;
	utf8proc_ssize_t n, ncp = NFC_STACK_CP;
	size_t len = strlen(s);
	long rc = -1;

	if (is_ascii(s)) {
		if (len >= size)
			return -1;
		memcpy(dst, s, len + 1);
		return (long)len;
	}
	/* Canonical decomposition at most doubles the code points of a byte
	 * string; NFC never makes text shorter than 3/5 of NFD. */
	if (len > 2 * size)
		return -1;
	if (len + 4 > NFC_STACK_CP) {
		ncp = (utf8proc_ssize_t)(2 * len + 4);
		cp = hl_malloc((size_t)ncp * sizeof(*cp));
		if (cp == NULL)
			return -1;
	}
	n = utf8proc_decompose((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)len, cp, ncp,
		UTF8PROC_STABLE | UTF8PROC_COMPOSE);
	if (n < 0 || n > ncp)
		goto cleanup;
	n = utf8proc_reencode(cp, n, UTF8PROC_STABLE | UTF8PROC_COMPOSE);
	if (n < 0 || (size_t)n >= size)
		goto cleanup;
	memcpy(dst, cp, (size_t)n);
	dst[n] = '\0';
	rc = (long)n;
cleanup:
	if (cp != stackbuf)
		hl_free(cp);
	return rc;
}

/* s as a lookup key: itself when ASCII, else its NFC form in buf (or "",
 * which no code matches, when it does not fit). */
static const char *key_of(const char *s, char *buf, size_t size)
{
	if (is_ascii(s))
		return s;
	if (ingest_nfc(s, buf, size) < 0)
		buf[0] = '\0';
	return buf;
}

/* ---- snapshots ---- */

void ingest_free(struct ingest *g)
{
	if (g == NULL)
		return;
	lookup_free(g->units);
	lookup_free(g->unit_ids);
	lookup_free(g->fields);
	lookup_free(g->staff);
	lookup_free(g->insts);
	lookup_free(g->qcodes);
	hl_arena_free(g->a);
	hl_free(g);
}

static int nomem(struct hl_err *err)
{
	return hl_err_set(err, HL_ENOMEM, HL_HERE, "hết bộ nhớ");
}

static int load_instruments(struct ingest *g, struct store *st, struct hl_err *err)
{
	struct store_instrument *list = NULL;
	size_t n = 0;
	int rc = STORE(st, instruments, instrument_list, g->a, &list, &n, err);

	if (rc != HL_OK)
		return rc;
	g->byid = hl_arena_alloc(g->a, (n > 0 ? n : 1) * sizeof(*g->byid));
	if (g->byid == NULL)
		return nomem(err);
	for (size_t i = 0; i < n; i++) {
		struct ingest_inst *it = hl_arena_alloc(g->a, sizeof(*it));
		struct ingest_inst *cur;
		char key[STORE_CODE_MAX + 16];

		if (it == NULL)
			return nomem(err);
		rc = instruments_get_id(st, g->a, list[i].id, &it->si, &it->in, err);
		if (rc == HL_EINVAL)
			return hl_err_set(err, rc, HL_HERE,
				"bộ câu hỏi '%s' phiên bản %d trong cơ sở dữ liệu bị hỏng: %s",
				it->si.code, it->si.version, err->msg);
		if (rc != HL_OK)
			return rc;
		g->byid[g->ninst++] = it;
		snprintf(key, sizeof(key), "%s@%d", it->si.code, it->si.version);
		cur = lookup_get(g->insts, it->si.code);
		if (lookup_put(g->insts, key, it) != HL_OK)
			return nomem(err);
		/* The bare code means the current (highest) version. */
		if ((cur == NULL || cur->si.version < it->si.version) &&
			lookup_put(g->insts, it->si.code, it) != HL_OK)
			return nomem(err);
		for (int q = 0; q < it->in->nquestions; q++)
			if (lookup_put(g->qcodes, it->in->questions[q].code, it) != HL_OK)
				return nomem(err);
	}
	return HL_OK;
}

int ingest_load(struct store *st, struct ingest **out, struct hl_err *err)
{
	struct ingest *g = hl_calloc(1, sizeof(*g));
	struct store_unit *u = NULL;
	size_t nu = 0;
	int rc;

	*out = NULL;
	if (g == NULL)
		return nomem(err);
	g->a = hl_arena_new(SNAP_ARENA_CAP);
	g->units = lookup_new();
	g->unit_ids = lookup_new();
	g->fields = lookup_new();
	g->staff = lookup_new();
	g->insts = lookup_new();
	g->qcodes = lookup_new();
	if (!g->a || !g->units || !g->unit_ids || !g->fields || !g->staff || !g->insts ||
		!g->qcodes) {
		rc = nomem(err);
		goto cleanup;
	}
	rc = STORE(st, units, unit_list, g->a, &u, &nu, err);
	for (size_t i = 0; rc == HL_OK && i < nu; i++) {
		char id[24];

		snprintf(id, sizeof(id), "%lld", (long long)u[i].id);
		if (lookup_put(g->units, u[i].code, &u[i]) != HL_OK ||
			lookup_put(g->unit_ids, id, &u[i]) != HL_OK)
			rc = nomem(err);
	}
	if (rc == HL_OK)
		rc = STORE(st, units, field_list, g->a, &g->fl, &g->nfl, err);
	for (size_t i = 0; rc == HL_OK && i < g->nfl; i++)
		if (lookup_put(g->fields, g->fl[i].code, &g->fl[i]) != HL_OK)
			rc = nomem(err);
	if (rc == HL_OK)
		rc = STORE(st, units, staff_list, g->a, &g->sf, &g->nsf, err);
	for (size_t i = 0; rc == HL_OK && i < g->nsf; i++)
		if (lookup_put(g->staff, g->sf[i].code, &g->sf[i]) != HL_OK)
			rc = nomem(err);
	if (rc == HL_OK)
		rc = load_instruments(g, st, err);
	if (rc != HL_OK)
		goto cleanup;
	g->loaded_at = mono_now();
	*out = g;
	g = NULL;
cleanup:
	ingest_free(g);
	return rc;
}

const struct store_unit *ingest_unit_id(const struct ingest *g, int64_t id)
{
	char key[24];

	snprintf(key, sizeof(key), "%lld", (long long)id);
	return lookup_get(g->unit_ids, key);
}

const struct ingest_inst *ingest_instrument(const struct ingest *g, const char *ref)
{
	return ref != NULL && ref[0] != '\0' ? lookup_get(g->insts, ref) : NULL;
}

const struct ingest_inst *ingest_instrument_id(const struct ingest *g, int64_t id)
{
	for (size_t i = 0; i < g->ninst; i++)
		if (g->byid[i]->si.id == id)
			return g->byid[i];
	return NULL;
}

bool ingest_is_question(const struct ingest *g, const char *name)
{
	return lookup_get(g->qcodes, name) != NULL;
}

void ingest_fields(const struct ingest *g, const struct store_field **out, size_t *n)
{
	*out = g->fl;
	*n = g->nfl;
}

void ingest_staff(const struct ingest *g, const struct store_staff **out, size_t *n)
{
	*out = g->sf;
	*n = g->nsf;
}

int64_t ingest_age(const struct ingest *g)
{
	return mono_now() - g->loaded_at;
}

/* ---- one response ---- */

/* The channels: their code in files and APIs, and what people read. */
static const struct {
	const char *name, *label;
	int ch;
} chans[] = {
	{"kiosk", "Kiosk tại bộ phận một cửa", CH_KIOSK},
	{"paper", "Phiếu giấy", CH_PAPER},
	{"qr", "Mã QR (điện thoại)", CH_QR},
	{"import", "Nhập từ tệp", CH_IMPORT},
};

const char *ingest_channel_label(int ch)
{
	for (size_t i = 0; i < sizeof(chans) / sizeof(chans[0]); i++)
		if (chans[i].ch == ch)
			return chans[i].label;
	return "Kênh khác";
}

static int parse_channel(const char *s)
{
	if (s[0] == '\0')
		return CH_IMPORT;
	for (size_t i = 0; i < sizeof(chans) / sizeof(chans[0]); i++)
		if (strcmp(s, chans[i].name) == 0)
			return chans[i].ch;
	return 0;
}

/* An optional reference (name: the column; what: what it names) to a row
 * of map by its code: *id from the row's id_off, or false with a problem. */
static bool ref(struct ingest_sink *sink, struct lookup *map, const char *given, const char *name,
	const char *what, size_t id_off, int64_t *id)
{
	char key[STORE_CODE_MAX], cb[CLIP_BUF(80)];
	const char *s = key_of(given, key, sizeof(key));
	const char *row;

	if (given[0] == '\0')
		return true;
	if ((row = lookup_get(map, s)) == NULL) {
		report(sink, name, "%s '%s' không tồn tại", what, clip(s[0] ? s : given, 80, cb));
		return false;
	}
	memcpy(id, row + id_off, sizeof(*id));
	return true;
}

/* Copy optional text into dst; false (reported) when too long, not UTF-8
 * or holding a control character (hl_text_control: the rule of every text
 * sent in, feedback's too). */
static bool text(struct ingest_sink *sink, const char *name, const char *s, char *dst, size_t size)
{
	size_t at = 0;
	int ctl;

	dst[0] = '\0';
	if (s[0] == '\0')
		return true;
	if (!hl_utf8_valid(s, strlen(s), NULL)) {
		report(sink, name, "không phải văn bản UTF-8 hợp lệ");
		return false;
	}
	if ((ctl = hl_text_control(s, &at)) != 0) {
		report(sink, name,
			"có ký tự điều khiển (mã %d) ở ký tự thứ %zu: chỉ nhận chữ, số, "
			"dấu, dấu tab và xuống dòng",
			ctl, at + 1);
		return false;
	}
	if (ingest_nfc(s, dst, size) < 0) {
		dst[0] = '\0';
		report(sink, name, "dài %zu byte, tối đa %zu byte", strlen(s), size - 1);
		return false;
	}
	return true;
}

static const char *nz(const char *s)
{
	return s != NULL ? s : "";
}

bool ingest_check(const struct ingest *g, const struct ingest_in *in, struct store_response *r,
	const struct ingest_inst **inst, struct ingest_sink *sink)
{
	const char *s;
	const struct store_unit *u = NULL;
	const struct ingest_inst *it;
	char d1[16], key[STORE_CODE_MAX], cb[CLIP_BUF(80)];
	bool ok = true;

	*inst = NULL;
	r->ext_id[0] = r->dossier[0] = r->comment[0] = '\0';
	r->field_id = r->staff_id = 0;
	r->id = 0;
	r->nanswers = 0;

	s = key_of(nz(in->unit), key, sizeof(key));
	if (s[0] == '\0') {
		if (nz(in->unit)[0] == '\0')
			report(sink, "unit", "thiếu đơn vị");
		else
			report(sink, "unit", "đơn vị '%s' không tồn tại", clip(in->unit, 80, cb));
		ok = false;
	} else if ((u = lookup_get(g->units, s)) == NULL) {
		report(sink, "unit", "đơn vị '%s' không tồn tại", clip(s, 80, cb));
		ok = false;
	} else {
		r->unit_id = u->id;
	}

	s = nz(in->date);
	if (!hl_day_parse(s, &r->day)) {
		if (s[0] == '\0')
			report(sink, "date", "thiếu ngày");
		else
			report(sink, "date",
				"ngày '%s' không hợp lệ (cần YYYY-MM-DD và là ngày có thật)",
				clip(s, 40, cb));
		ok = false;
	} else if (u != NULL) {
		if (u->valid_from != HL_DAY_NONE && r->day < u->valid_from) {
			report(sink, "date", "đơn vị '%s' chưa tồn tại vào ngày %s (có từ ngày %s)",
				u->code, s, hl_day_vn(u->valid_from, d1, sizeof(d1)));
			ok = false;
		} else if (u->valid_to != HL_DAY_NONE && r->day > u->valid_to) {
			report(sink, "date",
				"đơn vị '%s' không còn tồn tại vào ngày %s "
				"(đến hết ngày %s)",
				u->code, s, hl_day_vn(u->valid_to, d1, sizeof(d1)));
			ok = false;
		}
	}

	ok &= text(sink, "id", nz(in->id), r->ext_id, sizeof(r->ext_id));
	ok &= text(sink, "dossier", nz(in->dossier), r->dossier, sizeof(r->dossier));
	ok &= text(sink, "comment", nz(in->comment), r->comment, sizeof(r->comment));

	s = nz(in->channel);
	r->channel = parse_channel(s);
	if (r->channel == 0) {
		report(sink, "channel", "kênh '%s' không có (dùng kiosk, paper, qr hoặc import)",
			clip(s, 40, cb));
		ok = false;
	}
	ok &= ref(sink, g->fields, nz(in->field), "field", "lĩnh vực",
		offsetof(struct store_field, id), &r->field_id);
	ok &= ref(sink, g->staff, nz(in->staff), "staff", "công chức",
		offsetof(struct store_staff, id), &r->staff_id);

	s = nz(in->instrument);
	it = ingest_instrument(g, s);
	if (it == NULL) {
		if (s[0] == '\0')
			report(sink, "instrument", "thiếu bộ câu hỏi");
		else
			report(sink, "instrument", "bộ câu hỏi '%s' không có", clip(s, 80, cb));
		return false;
	}
	r->instrument_id = it->si.id;
	r->nanswers = it->in->nquestions;
	memset(r->answers, 0, sizeof(r->answers));
	*inst = it;
	return ok;
}

bool ingest_answer_level(const struct ingest_inst *it, int q, const char *name, long level,
	struct store_response *r, struct ingest_sink *sink)
{
	int nl;

	if (q < 0 || q >= it->in->nquestions) {
		report(sink, name, "câu hỏi '%s' không thuộc bộ câu hỏi %s@%d: ô phải để trống",
			name, it->si.code, it->si.version);
		return false;
	}
	nl = it->in->scales[it->in->questions[q].scale].nlevels;
	if (level < 1 || level > nl) {
		report(sink, name, "câu trả lời %ld ngoài thang đo 1–%d", level, nl);
		return false;
	}
	r->answers[q] = (unsigned char)level;
	return true;
}

/* Level number from s (spaces around allowed); -1 if not a number. */
static long parse_level(const char *s)
{
	long v = 0;
	int digits = 0;

	while (*s == ' ')
		s++;
	for (; *s >= '0' && *s <= '9'; s++) {
		if (++digits > 3)
			return -1;
		v = v * 10 + (*s - '0');
	}
	while (*s == ' ')
		s++;
	return digits > 0 && *s == '\0' ? v : -1;
}

bool ingest_answer_text(const struct ingest_inst *it, int q, const char *name, const char *text_,
	struct store_response *r, struct ingest_sink *sink)
{
	char cb[CLIP_BUF(40)];
	long v;

	if (text_[0] == '\0')
		return true;
	if (q < 0 || q >= it->in->nquestions)
		return ingest_answer_level(it, -1, name, 0, r, sink);
	v = parse_level(text_);
	if (v < 0) {
		report(sink, name,
			"câu trả lời '%s' không phải là số (cần 1–%d, "
			"hoặc để trống nếu không trả lời)",
			clip(text_, 40, cb), it->in->scales[it->in->questions[q].scale].nlevels);
		return false;
	}
	return ingest_answer_level(it, q, name, v, r, sink);
}

/* ---- collected_at ---- */

bool ingest_parse_when(const char *s, hl_day *day, int64_t *at, bool *has_time)
{
	char d[11];
	hl_day local;
	int h, m, sec = 0, oh, om, off = HL_VN_TZ_MINUTES;
	int64_t t;
	const char *p;

	*has_time = false;
	if (strlen(s) < 10)
		return false;
	memcpy(d, s, 10);
	d[10] = '\0';
	if (!hl_day_parse(d, &local))
		return false;
	if (s[10] == '\0') {
		*day = local;
		*at = (int64_t)local * 86400 - (int64_t)HL_VN_TZ_MINUTES * 60;
		return true;
	}
	if ((s[10] != 'T' && s[10] != ' ') || !hl_digits(s + 11, 2, &h) || s[13] != ':' ||
		!hl_digits(s + 14, 2, &m) || h > 23 || m > 59)
		return false;
	p = s + 16;
	if (*p == ':') {
		if (!hl_digits(p + 1, 2, &sec) || sec > 60)
			return false;
		p += 3;
	}
	if (*p == 'Z') {
		off = 0;
		p++;
	} else if (*p == '+' || *p == '-') {
		if (!hl_digits(p + 1, 2, &oh) || p[3] != ':' || !hl_digits(p + 4, 2, &om) ||
			oh > 14 || om > 59)
			return false;
		off = (oh * 60 + om) * (*p == '-' ? -1 : 1);
		p += 6;
	}
	if (*p != '\0')
		return false;
	t = (int64_t)local * 86400 + h * 3600 + m * 60 + sec - (int64_t)off * 60;
	*at = t;
	*has_time = true;
	*day = hl_clock_day_of(t);
	return true;
}

/* ---- the JSON body ---- */

/* The JSON field for a check name. */
static void json_field(const char *name, char *buf, size_t size)
{
	static const char *const fixed[] = {"unit", "id", "channel", "field", "staff", "dossier",
		"comment", "instrument", NULL};

	if (strcmp(name, "date") == 0) {
		snprintf(buf, size, "collected_at");
		return;
	}
	for (int i = 0; fixed[i] != NULL; i++)
		if (strcmp(name, fixed[i]) == 0) {
			snprintf(buf, size, "%s", name);
			return;
		}
	snprintf(buf, size, "answers.%s", name);
}

/* Keeps the first problem, as an hl_err naming the JSON field. */
static void first_problem(void *ctx, const char *name, const char *msg)
{
	struct hl_err *err = ctx;
	char field[64];

	if (err->code != HL_OK)
		return;
	json_field(name, field, sizeof(field));
	hl_err_set(err, HL_EINVAL, field, "%s", msg);
}

/* A string member, or NULL when absent or null; HL_EINVAL if another type. */
static int json_text(json_t *o, const char *key, const char **out, struct hl_err *err)
{
	json_t *v = json_object_get(o, key);

	*out = NULL;
	if (v == NULL || json_is_null(v))
		return HL_OK;
	if (!json_is_string(v))
		return hl_err_set(err, HL_EINVAL, key, "'%s' phải là chuỗi ký tự", key);
	*out = json_string_value(v);
	return HL_OK;
}

static const char *const json_keys[] = {"id", "unit", "instrument", "collected_at", "channel",
	"field", "staff", "dossier", "answers", "comment", "complaint", NULL};

int ingest_json(const struct ingest *g, const char *body, size_t len,
	const struct ingest_json_opts *o, struct ingest_json_out *out, struct hl_err *err)
{
	json_t *root = NULL, *answers, *v;
	json_error_t jerr;
	struct ingest_in in;
	struct ingest_sink sink = {first_problem, err, 0};
	const char *when = NULL, *key;
	char day[16], cb[CLIP_BUF(60)];
	int rc = HL_OK, given = 0;

	memset(out, 0, sizeof(*out));
	memset(&in, 0, sizeof(in));
	hl_err_clear(err);
	if (len > INGEST_JSON_MAX)
		return hl_err_set(err, HL_ELIMIT, "body",
			"nội dung quá lớn: %zu byte, tối đa %d byte", len, INGEST_JSON_MAX);
	if (!hl_utf8_valid(body, len, NULL))
		return hl_err_set(err, HL_EINVAL, "body", "nội dung không phải UTF-8 hợp lệ");
	root = json_loadb(body, len, JSON_REJECT_DUPLICATES, &jerr);
	if (root == NULL)
		return hl_err_set(err, HL_EINVAL, "body",
			"JSON không hợp lệ ở dòng %d, cột %d "
			"(ký tự thứ %d)",
			jerr.line, jerr.column, jerr.position);
	if (!json_is_object(root)) {
		rc = hl_err_set(err, HL_EINVAL, "body", "nội dung phải là một đối tượng JSON {…}");
		goto cleanup;
	}
	json_object_foreach(root, key, v)
	{
		bool known = false;

		for (int i = 0; json_keys[i] != NULL && !known; i++)
			known = strcmp(key, json_keys[i]) == 0;
		if (!known) {
			rc = hl_err_set(err, HL_EINVAL, "body",
				"khóa '%s' không có trong định dạng "
				"phiếu (xem docs/api.md)",
				clip(key, 40, cb));
			snprintf(err->where, sizeof(err->where), "%s", clip(key, 60, cb));
			goto cleanup;
		}
	}
	if ((rc = json_text(root, "id", &in.id, err)) != HL_OK ||
		(rc = json_text(root, "unit", &in.unit, err)) != HL_OK ||
		(rc = json_text(root, "instrument", &in.instrument, err)) != HL_OK ||
		(rc = json_text(root, "collected_at", &when, err)) != HL_OK ||
		(rc = json_text(root, "channel", &in.channel, err)) != HL_OK ||
		(rc = json_text(root, "field", &in.field, err)) != HL_OK ||
		(rc = json_text(root, "staff", &in.staff, err)) != HL_OK ||
		(rc = json_text(root, "dossier", &in.dossier, err)) != HL_OK ||
		(rc = json_text(root, "comment", &in.comment, err)) != HL_OK)
		goto cleanup;
	if ((v = json_object_get(root, "complaint")) != NULL && !json_is_null(v)) {
		if (!json_is_boolean(v)) {
			rc = hl_err_set(err, HL_EINVAL, "complaint",
				"'complaint' phải là true hoặc false");
			goto cleanup;
		}
		out->complaint = json_is_true(v);
		if (out->complaint &&
			(in.comment == NULL || in.comment[strspn(in.comment, " \t\r\n")] == '\0')) {
			rc = hl_err_set(err, HL_EINVAL, "complaint",
				"phản ánh, kiến nghị ('complaint') "
				"cần có nội dung trong 'comment'");
			goto cleanup;
		}
	}
	if (in.unit == NULL || in.unit[0] == '\0')
		in.unit = o->unit;
	if (in.channel == NULL || in.channel[0] == '\0')
		in.channel = o->channel;
	if (o->kiosk && (in.id == NULL || in.id[0] == '\0')) {
		rc = hl_err_set(err, HL_EINVAL, "id",
			"thiếu mã phiếu: thiết bị kiosk phải gửi 'id' "
			"để một phiếu gửi lại không bị tính hai lần");
		goto cleanup;
	}
	if (o->kiosk && in.channel != NULL && strcmp(in.channel, "kiosk") != 0) {
		rc = hl_err_set(err, HL_EINVAL, "channel",
			"thiết bị kiosk chỉ gửi được phiếu kênh "
			"'kiosk'");
		goto cleanup;
	}
	if (o->server_day) {
		out->r.day = o->day;
	} else if (when == NULL || when[0] == '\0') {
		rc = hl_err_set(err, HL_EINVAL, "collected_at",
			"thiếu thời điểm trả lời "
			"'collected_at' (YYYY-MM-DD hoặc YYYY-MM-DDTHH:MM:SS+07:00)");
		goto cleanup;
	} else if (!ingest_parse_when(when, &out->r.day, &out->collected_at, &out->has_time)) {
		rc = hl_err_set(err, HL_EINVAL, "collected_at",
			"thời điểm '%s' không hợp lệ (cần "
			"YYYY-MM-DD hoặc YYYY-MM-DDTHH:MM[:SS] kèm Z hoặc ±HH:MM, là ngày giờ có thật)",
			clip(when, 40, cb));
		goto cleanup;
	}
	in.date = hl_day_iso(out->r.day, day, sizeof(day));

	if (!ingest_check(g, &in, &out->r, &out->inst, &sink)) {
		rc = HL_EINVAL;
		goto cleanup;
	}
	answers = json_object_get(root, "answers");
	if (answers == NULL || !json_is_object(answers)) {
		rc = hl_err_set(err, HL_EINVAL, "answers",
			answers == NULL ? "thiếu câu trả lời 'answers' ({\"TC1\": 5, …})" :
					  "'answers' phải là một đối tượng {\"TC1\": 5, …}");
		goto cleanup;
	}
	json_object_foreach(answers, key, v)
	{
		int q = hl_instrument_question(out->inst->in, key);
		char field[64];
		json_int_t lv;

		snprintf(field, sizeof(field), "answers.%s", clip(key, 40, cb));
		if (q < 0) {
			rc = hl_err_set(err, HL_EINVAL, field,
				"câu hỏi '%s' không thuộc bộ câu hỏi "
				"%s@%d",
				clip(key, 40, cb), out->inst->si.code, out->inst->si.version);
			goto cleanup;
		}
		if (json_is_null(v))
			continue;
		if (!json_is_integer(v)) {
			rc = hl_err_set(err, HL_EINVAL, field,
				"câu trả lời phải là số nguyên 1–%d "
				"(hoặc null nếu không trả lời)",
				out->inst->in->scales[out->inst->in->questions[q].scale].nlevels);
			goto cleanup;
		}
		/* Clamped so that a huge number is reported, not wrapped. */
		lv = json_integer_value(v);
		if (lv > 100000 || lv < -100000)
			lv = lv > 0 ? 100000 : -100000;
		if (!ingest_answer_level(out->inst, q, key, (long)lv, &out->r, &sink)) {
			rc = HL_EINVAL;
			goto cleanup;
		}
		given++;
	}
	if (given == 0) {
		rc = hl_err_set(err, HL_EINVAL, "answers", "phiếu không có câu trả lời nào");
		goto cleanup;
	}
cleanup:
	json_decref(root);
	if (rc == HL_EINVAL && err->code == HL_OK)
		hl_err_set(err, HL_EINVAL, "body", "phiếu không hợp lệ");
	return rc;
}

/* ---- shared snapshots ---- */

struct ingest_shared {
	pthread_mutex_t mu;
	struct ingest *cur;
	int ttl;
	bool loading;
};

struct ingest_shared *ingest_shared_new(int ttl)
{
	struct ingest_shared *s = hl_calloc(1, sizeof(*s));

	if (s == NULL)
		return NULL;
	pthread_mutex_init(&s->mu, NULL);
	s->ttl = ttl > 0 ? ttl : 1;
	return s;
}

void ingest_shared_free(struct ingest_shared *s)
{
	if (s == NULL)
		return;
	ingest_free(s->cur);
	pthread_mutex_destroy(&s->mu);
	hl_free(s);
}

/* Install g as current (s->mu held); the old one goes when no one holds it. */
static void install(struct ingest_shared *s, struct ingest *g)
{
	struct ingest *old = s->cur;

	s->cur = g;
	if (old != NULL) {
		if (old->refs == 0)
			ingest_free(old);
		else
			old->retired = true;
	}
}

int ingest_acquire(struct ingest_shared *s, struct store *st, bool fresh, const struct ingest **out,
	struct hl_err *err)
{
	struct ingest *g = NULL;
	int rc = HL_OK;
	bool reload;

	*out = NULL;
	pthread_mutex_lock(&s->mu);
	if (s->cur == NULL) {
		/* The first snapshot: load it under the lock, others wait for it. */
		rc = ingest_load(st, &g, err);
		if (rc == HL_OK)
			install(s, g);
	} else {
		int64_t age = ingest_age(s->cur);

		reload = !s->loading && (age >= s->ttl || (fresh && age >= 1));
		if (reload) {
			/* Meanwhile other threads go on with the current one. */
			s->loading = true;
			pthread_mutex_unlock(&s->mu);
			rc = ingest_load(st, &g, err);
			pthread_mutex_lock(&s->mu);
			s->loading = false;
			if (rc == HL_OK)
				install(s, g);
			else
				rc = HL_OK; /* keep serving the older snapshot */
		}
	}
	if (rc == HL_OK) {
		s->cur->refs++;
		*out = s->cur;
	}
	pthread_mutex_unlock(&s->mu);
	return rc;
}

void ingest_release(struct ingest_shared *s, const struct ingest *cg)
{
	struct ingest *g = (struct ingest *)cg;

	if (g == NULL)
		return;
	pthread_mutex_lock(&s->mu);
	g->refs--;
	if (g->retired && g->refs == 0)
		ingest_free(g);
	pthread_mutex_unlock(&s->mu);
}
