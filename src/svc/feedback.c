/* feedback.c — feedback and complaints (feedback.h): the vocabulary, the
 * order of steps, receipt and each step with its audit entry (inside the
 * caller's transaction, or in one of its own), the next step owed and its deadline on the unit's working calendar,
 * deadlines per unit and class, the monthly figures and the data of the
 * written answer; the portal and office CSV imports. */
#include "svc/feedback.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "base/text.h"
#include "core/date.h"
#include "core/trackcode.h"
#include "core/workcal.h"
#include "base/token.h"
#include "store/store.h"
#include "io/csvread.h"
#include "svc/calendar.h"
#include "svc/import.h"
#include "svc/ingest.h"
#include "svc/lookup.h"
#include "svc/units.h"

#define OP_ARENA_CAP ((size_t)4 * 1024 * 1024)
#define NAME_MAX_CHARS 200       /* the sender's name and contact */
#define FORWARD_HOURS_MAX 2000
#define ANSWER_DAYS_MAX 365
#define TREE_DEPTH_MAX 64
#define MONTHS_MAX 1200

/* ---- the vocabulary ---- */

static const char *const channel_codes[] = {
	[FB_COUNTER] = "counter", [FB_HOTLINE] = "hotline", [FB_LETTER] = "letter",
	[FB_WEB] = "web", [FB_KIOSK] = "kiosk", [FB_PORTAL] = "portal",
};
static const char *const channel_labels[] = {
	[FB_COUNTER] = "Trực tiếp tại bộ phận tiếp nhận", [FB_HOTLINE] = "Đường dây nóng",
	[FB_LETTER] = "Thư, văn bản", [FB_WEB] = "Trang thông tin điện tử",
	[FB_KIOSK] = "Máy kiosk", [FB_PORTAL] = "Hệ thống tiếp nhận phản ánh, kiến nghị",
};
static const char *const kind_codes[] = {
	[FB_PAKN] = "pakn", [FB_KHIEU_NAI] = "khieu-nai", [FB_TO_CAO] = "to-cao",
};
static const char *const kind_labels[] = {
	[FB_PAKN] = "Phản ánh, kiến nghị", [FB_KHIEU_NAI] = "Khiếu nại", [FB_TO_CAO] = "Tố cáo",
};
static const char *const class_codes[] = {
	[FB_NOT_ACCEPTED] = "khong-tiep-nhan", [FB_CONDUCT] = "hanh-vi",
	[FB_RULE_IN] = "quy-dinh-trong-tham-quyen", [FB_RULE_OUT] = "quy-dinh-ngoai-tham-quyen",
};
static const char *const class_labels[] = {
	[FB_NOT_ACCEPTED] = "Không tiếp nhận",
	[FB_CONDUCT] = "Hành vi hành chính của cơ quan, cán bộ, công chức",
	[FB_RULE_IN] = "Quy định hành chính thuộc thẩm quyền",
	[FB_RULE_OUT] = "Quy định hành chính ngoài thẩm quyền",
};
static const char *const state_labels[] = {
	[FB_RECEIVED] = "Đã tiếp nhận", [FB_CLASSIFIED] = "Đã phân loại",
	[FB_FORWARDED] = "Đã chuyển xử lý", [FB_ANSWERED] = "Đã trả lời",
	[FB_PUBLISHED] = "Đã công khai", [FB_CLOSED] = "Đã đóng", [FB_REOPENED] = "Mở lại",
};
static const char *const step_codes[] = {
	[FB_DO_CLASSIFY] = "classify", [FB_DO_FORWARD] = "forward", [FB_DO_ANSWER] = "answer",
	[FB_DO_PUBLISH] = "publish", [FB_DO_RATE] = "rate", [FB_DO_NOTHING] = "closed",
};
static const char *const step_labels[] = {
	[FB_DO_CLASSIFY] = "Phân loại", [FB_DO_FORWARD] = "Chuyển phòng, ban xử lý",
	[FB_DO_ANSWER] = "Trả lời bằng văn bản", [FB_DO_PUBLISH] = "Công khai kết quả",
	[FB_DO_RATE] = "Chờ người gửi đánh giá", [FB_DO_NOTHING] = "Đã đóng",
};
static const char *const criteria[] = {"TC", "HC", "PV", "KQ", "TT"};

#define NELEM(a) ((int)(sizeof(a) / sizeof((a)[0])))

static const char *name_of(const char *const *t, int n, int v)
{
	return v > 0 && v < n && t[v] != NULL ? t[v] : "";
}

/* v such that codes[v] is s, or HL_EINVAL listing codes[1..n). */
static int parse_of(const char *const *codes, int n, const char *s, const char *what, int *out,
	struct hl_err *err)
{
	char list[256] = "";
	size_t len = 0;

	for (int i = 1; i < n; i++)
		if (s != NULL && strcmp(s, codes[i]) == 0) {
			*out = i;
			return HL_OK;
		}
	for (int i = 1; i < n && len < sizeof(list); i++)
		len += (size_t)snprintf(list + len, sizeof(list) - len, "%s%s", i > 1 ? ", " : "",
			codes[i]);
	return hl_err_set(err, HL_EINVAL, what, "%s '%s' không hợp lệ; cần một trong: %s", what,
		s != NULL ? s : "", list);
}

int fb_channel_parse(const char *s, int *out, struct hl_err *err)
{
	return parse_of(channel_codes, NELEM(channel_codes), s, "kênh", out, err);
}

const char *fb_channel_code(int ch)
{
	return name_of(channel_codes, NELEM(channel_codes), ch);
}

const char *fb_channel_label(int ch)
{
	return name_of(channel_labels, NELEM(channel_labels), ch);
}

int fb_kind_parse(const char *s, int *out, struct hl_err *err)
{
	return parse_of(kind_codes, NELEM(kind_codes), s, "loại đơn", out, err);
}

const char *fb_kind_code(int kind)
{
	return name_of(kind_codes, NELEM(kind_codes), kind);
}

const char *fb_kind_label(int kind)
{
	return name_of(kind_labels, NELEM(kind_labels), kind);
}

int fb_class_parse(const char *s, int *out, struct hl_err *err)
{
	return parse_of(class_codes, NELEM(class_codes), s, "phân loại", out, err);
}

const char *fb_class_code(int cls)
{
	return name_of(class_codes, NELEM(class_codes), cls);
}

const char *fb_class_label(int cls)
{
	return name_of(class_labels, NELEM(class_labels), cls);
}

int fb_criterion_parse(const char *s, struct hl_err *err)
{
	if (s == NULL || s[0] == '\0')
		return HL_OK;
	for (int i = 0; i < NELEM(criteria); i++)
		if (strcmp(s, criteria[i]) == 0)
			return HL_OK;
	return hl_err_set(err, HL_EINVAL, "criterion",
		"tiêu chí '%s' không hợp lệ; cần một trong: TC, HC, PV, KQ, TT", s);
}

const char *fb_state_label(int state)
{
	return name_of(state_labels, NELEM(state_labels), state);
}

const char *fb_step_code(int step)
{
	return name_of(step_codes, NELEM(step_codes), step);
}

const char *fb_step_label(int step)
{
	return name_of(step_labels, NELEM(step_labels), step);
}

/* Stored step names (store_fb_step.step) and how a person reads them. */
static const char *const stored_steps[][2] = {
	{"received", "Tiếp nhận"}, {"classified", "Phân loại"},
	{"forwarded", "Chuyển xử lý"}, {"answered", "Trả lời"}, {"published", "Công khai"},
	{"closed", "Đóng"}, {"reopened", "Mở lại"},
};

/* One code of a step's detail in words: a channel, class or kind code, an
 * office code of o, a rating; anything else (e.g. "tiêu chí PV") as it is. */
static const char *detail_word(const char *w, const struct store_fb_office *o, size_t no)
{
	static const char *const *const tables[][2] = {
		{channel_codes, channel_labels}, {class_codes, class_labels},
		{kind_codes, kind_labels},
	};
	static const int sizes[] = {NELEM(channel_codes), NELEM(class_codes), NELEM(kind_codes)};

	for (int t = 0; t < NELEM(sizes); t++)
		for (int i = 1; i < sizes[t]; i++)
			if (tables[t][0][i] != NULL && strcmp(w, tables[t][0][i]) == 0)
				return tables[t][1][i];
	if (strcmp(w, "satisfied") == 0)
		return "người gửi hài lòng";
	if (strcmp(w, "unsatisfied") == 0)
		return "người gửi chưa hài lòng";
	for (size_t i = 0; i < no; i++)   /* the unit's own office, listed first, wins */
		if (strcmp(w, o[i].code) == 0)
			return o[i].name;
	return w;
}

void fb_step_text(const struct store_fb_step *s, const struct store_fb_office *o, size_t no,
	struct hl_arena *a, const char **label, const char **detail)
{
	char *copy = hl_arena_strdup(a, s->detail), *save = NULL;
	const char *out = "";

	*label = s->step;
	for (int i = 0; i < NELEM(stored_steps); i++)
		if (strcmp(s->step, stored_steps[i][0]) == 0)
			*label = stored_steps[i][1];
	*detail = s->detail;
	/* The detail is codes joined by ", " (fb_classify_in and the others). */
	for (char *w = copy ? strtok_r(copy, ",", &save) : NULL; w && out;
	     w = strtok_r(NULL, ",", &save)) {
		w += strspn(w, " ");
		out = hl_arena_printf(a, "%s%s%s", out, out[0] ? ", " : "", detail_word(w, o, no));
	}
	/* An answer's detail is its number: "số 3" becomes "văn bản số 3". */
	if (out != NULL && out[0] != '\0' && strcmp(s->step, "answered") == 0)
		out = hl_arena_printf(a, "văn bản %s", out);
	if (copy != NULL && out != NULL)
		*detail = out;
}

/* ---- the pure parts ---- */

enum fb_step fb_next_step(int state)
{
	switch (state) {
	case FB_RECEIVED: return FB_DO_CLASSIFY;
	case FB_CLASSIFIED: return FB_DO_FORWARD;
	case FB_FORWARDED: case FB_REOPENED: return FB_DO_ANSWER;
	case FB_ANSWERED: return FB_DO_PUBLISH;
	case FB_PUBLISHED: return FB_DO_RATE;
	default: return FB_DO_NOTHING;
	}
}

/* The states each action may start from, and where it leads. */
static const struct {
	int action;
	int from[2];
	int to;
	const char *what;
} moves[] = {
	{FB_A_CLASSIFY, {FB_RECEIVED, FB_CLASSIFIED}, FB_CLASSIFIED, "phân loại"},
	{FB_A_FORWARD, {FB_CLASSIFIED, 0}, FB_FORWARDED, "chuyển phòng, ban xử lý"},
	{FB_A_ANSWER, {FB_FORWARDED, FB_REOPENED}, FB_ANSWERED, "trả lời"},
	{FB_A_PUBLISH, {FB_ANSWERED, 0}, FB_PUBLISHED, "công khai"},
	{FB_A_RATE_OK, {FB_PUBLISHED, 0}, FB_CLOSED, "ghi đánh giá"},
	{FB_A_RATE_BAD, {FB_PUBLISHED, 0}, FB_REOPENED, "ghi đánh giá"},
	{FB_A_REOPEN, {FB_CLOSED, 0}, FB_REOPENED, "mở lại"},
};

int fb_transition(int state, int cls, int action, int *next, struct hl_err *err)
{
	for (int i = 0; i < NELEM(moves); i++) {
		if (moves[i].action != action)
			continue;
		if (state == moves[i].from[0] || (moves[i].from[1] != 0 && state == moves[i].from[1])) {
			/* Not accepted: nothing more is owed; reopened, it is classified again. */
			*next = action == FB_A_CLASSIFY && cls == FB_NOT_ACCEPTED ? FB_CLOSED
				: action == FB_A_REOPEN && cls == FB_NOT_ACCEPTED ? FB_RECEIVED
				: moves[i].to;
			return HL_OK;
		}
		if (action == FB_A_REOPEN)
			return hl_err_set(err, HL_ECONFLICT, HL_HERE,
				"không thể mở lại: phản ánh chưa đóng (đang ở bước '%s')",
				fb_state_label(state));
		if (state == FB_CLOSED)
			return hl_err_set(err, HL_ECONFLICT, HL_HERE,
				"không thể %s: phản ánh đã đóng (nếu đóng nhầm, hãy mở lại trước)",
				moves[i].what);
		if (action == FB_A_ANSWER && (state == FB_RECEIVED || state == FB_CLASSIFIED))
			return hl_err_set(err, HL_ECONFLICT, HL_HERE,
				"không thể trả lời trước khi chuyển phòng, ban xử lý (phản ánh đang ở "
				"bước '%s'); hãy %s trước", fb_state_label(state),
				state == FB_RECEIVED ? "phân loại rồi chuyển (feedback classify, "
				"feedback forward)" : "chuyển (feedback forward MÃ --to PHÒNG)");
		return hl_err_set(err, HL_ECONFLICT, HL_HERE,
			"không thể %s lúc này: phản ánh đang ở bước '%s', bước phải làm tiếp theo là "
			"'%s'", moves[i].what, fb_state_label(state),
			fb_step_label(fb_next_step(state)));
	}
	return hl_err_set(err, HL_EINVAL, HL_HERE, "thao tác %d không có", action);
}

int fb_score(long due, long on_time)
{
	if (due <= 0 || on_time >= due)
		return 2;
	return on_time * 10 >= due * 9 ? 1 : 0;
}

/* ---- time ---- */

static int64_t floor_div(int64_t a, int64_t b)
{
	return a / b - (a % b != 0 && (a < 0) != (b < 0));
}

char *fb_minute_iso(int64_t m, char *buf, size_t size)
{
	int y, mo, d;

	if (m < 0) {
		buf[0] = '\0';
		return buf;
	}
	hl_day_to_ymd((hl_day)floor_div(m, 1440), &y, &mo, &d);
	snprintf(buf, size, "%04d-%02d-%02d %02d:%02d", y, mo, d, (int)(m % 1440 / 60),
		(int)(m % 60));
	return buf;
}

char *fb_minute_vn(int64_t m, char *buf, size_t size)
{
	int y, mo, d;

	if (m < 0) {
		buf[0] = '\0';
		return buf;
	}
	hl_day_to_ymd((hl_day)floor_div(m, 1440), &y, &mo, &d);
	snprintf(buf, size, "%02d/%02d/%04d %02d:%02d", d, mo, y, (int)(m % 1440 / 60),
		(int)(m % 60));
	return buf;
}

static int64_t day_minute(hl_day d)
{
	return (int64_t)d * 1440;
}

/* ---- what every query needs: units, offices, deadlines, the calendar ---- */

struct ctx {
	struct store *st;
	struct hl_arena *a;
	struct hl_err *err;
	struct store_unit *units;     /* sorted by id */
	size_t nunits;
	struct store_fb_office *offices;
	size_t noffices;
	struct store_fb_deadline *dl;
	size_t ndl;
	const struct cal *cal;
	struct cal *own;
};

static int by_id(const void *x, const void *y)
{
	const struct store_unit *a = x, *b = y;

	return (a->id > b->id) - (a->id < b->id);
}

static int ctx_load(struct ctx *c, struct store *st, const struct cal *cal, bool need_cal,
	struct hl_arena *a, struct hl_err *err)
{
	int rc;

	memset(c, 0, sizeof(*c));
	c->st = st;
	c->a = a;
	c->err = err;
	c->cal = cal;
	rc = STORE(st, unit_list, a, &c->units, &c->nunits, err);
	if (rc == HL_OK)
		rc = STORE(st, fb_office_list, 0, a, &c->offices, &c->noffices, err);
	if (rc == HL_OK)
		rc = STORE(st, fb_deadline_list, a, &c->dl, &c->ndl, err);
	if (rc == HL_OK && need_cal && cal == NULL) {
		rc = cal_load(st, &c->own, err);
		c->cal = c->own;
	}
	if (rc == HL_OK && c->nunits > 1)
		qsort(c->units, c->nunits, sizeof(*c->units), by_id);
	return rc;
}

static void ctx_done(struct ctx *c)
{
	cal_free(c->own);
	c->own = NULL;
}

static const struct store_unit *unit_of(const struct ctx *c, int64_t id)
{
	struct store_unit key = {.id = id};

	if (c->nunits == 0)
		return NULL;
	return bsearch(&key, c->units, c->nunits, sizeof(*c->units), by_id);
}

static const struct store_unit *unit_code(const struct ctx *c, const char *code)
{
	for (size_t i = 0; i < c->nunits; i++)
		if (strcmp(c->units[i].code, code) == 0)
			return &c->units[i];
	return NULL;
}

static int no_unit(struct hl_err *err, const char *code)
{
	return hl_err_set(err, HL_ENOTFOUND, "unit",
		"không có đơn vị mã '%s' (xem: hailong units list)", code);
}

/* Whether unit id is top or below it. */
static bool is_under(const struct ctx *c, int64_t id, int64_t top)
{
	for (int depth = 0; id != 0 && depth < TREE_DEPTH_MAX; depth++) {
		const struct store_unit *u;

		if (id == top)
			return true;
		u = unit_of(c, id);
		if (u == NULL)
			return false;
		id = u->parent_id;
	}
	return false;
}

/* The unit's setting for (unit, cls) resolved up the tree, per value. */
static void resolve_deadline(const struct ctx *c, int64_t unit_id, int cls, int *fh, int *ad)
{
	*fh = -1;
	*ad = -1;
	for (int depth = 0; unit_id != 0 && depth < TREE_DEPTH_MAX; depth++) {
		const struct store_unit *u = unit_of(c, unit_id);

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
static int answer_due(const struct wc_sched *s, const struct store_fb_item *it, int days,
	bool first, int64_t *due, struct hl_err *err)
{
	int64_t from = !first && it->reopened_at >= 0 ? it->reopened_at : it->received_at;

	return wc_add_days(s, from, days, due, err);
}

/* out from it: codes, the next step, its deadline and whether it passed at. */
static int decorate(struct ctx *c, const struct store_fb_item *it, int64_t at,
	struct fb_item *out)
{
	const struct store_unit *u = unit_of(c, it->unit_id);
	struct wc_sched sched;
	int fh, ad, rc = HL_OK;

	memset(out, 0, sizeof(*out));
	out->it = *it;
	snprintf(out->unit_code, sizeof(out->unit_code), "%s", u != NULL ? u->code : "?");
	snprintf(out->unit_name, sizeof(out->unit_name), "%s", u != NULL ? u->name : "?");
	for (size_t i = 0; i < c->noffices && it->office_id != 0; i++)
		if (c->offices[i].id == it->office_id) {
			snprintf(out->office_code, sizeof(out->office_code), "%s", c->offices[i].code);
			snprintf(out->office_name, sizeof(out->office_name), "%s", c->offices[i].name);
		}
	out->step = fb_next_step(it->state);
	out->due_at = -1;
	if (out->step == FB_DO_RATE || out->step == FB_DO_NOTHING || c->cal == NULL)
		return HL_OK;
	resolve_deadline(c, it->unit_id, it->cls, &fh, &ad);
	rc = cal_unit(c->cal, it->unit_id, &sched, c->err);
	if (rc != HL_OK)
		return rc;
	if (out->step == FB_DO_CLASSIFY || out->step == FB_DO_FORWARD)
		rc = wc_add_minutes(&sched, it->received_at, (int64_t)fh * 60, &out->due_at, c->err);
	else     /* the answer, and its publication within the same period */
		rc = answer_due(&sched, it, ad, false, &out->due_at, c->err);
	out->overdue = rc == HL_OK && out->due_at >= 0 && at > out->due_at;
	return rc;
}

/* ---- checking text ---- */

/* NFC copy of s in a, into *out; HL_EINVAL naming what (for people) at
 * field (the input's name) when it is empty (and required), not UTF-8 or
 * longer than max characters. */
static int clean_text(struct hl_arena *a, const char *s, const char *what, const char *field,
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
			"%s không phải UTF-8 hợp lệ (byte thứ %zu); hãy lưu văn bản dạng UTF-8", what,
			bad + 1);
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
static int check_code(const char *code, const char *what, struct hl_err *err)
{
	size_t len = strlen(code);

	if (len == 0 || len >= STORE_CODE_MAX)
		return hl_err_set(err, HL_EINVAL, "code", "%s '%s' phải có từ 1 đến %d ký tự", what,
			code, STORE_CODE_MAX - 1);
	for (size_t i = 0; i < len; i++) {
		char ch = code[i];

		if (!((ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') ||
			    ch == '.' || ch == '_' || ch == '-'))
			return hl_err_set(err, HL_EINVAL, "code",
				"%s '%s' chỉ được gồm chữ cái không dấu, chữ số và . _ -", what, code);
	}
	return HL_OK;
}

/* The time a step happens: at, or now (-1) but never before the previous step. */
static int step_time(const struct store_fb_item *it, int64_t at, int64_t *out,
	struct hl_err *err)
{
	int64_t last = it->received_at;
	const int64_t t[] = {it->classified_at, it->forwarded_at, it->answered_at,
		it->published_at, it->rated_at, it->closed_at};
	char a[20], b[20];

	for (int i = 0; i < NELEM(t); i++)
		if (t[i] > last)
			last = t[i];
	if (at < 0) {
		int64_t now = ingest_now_minute();

		*out = now > last ? now : last;
		return HL_OK;
	}
	if (at < last)
		return hl_err_set(err, HL_EINVAL, "--at",
			"thời điểm %s trước bước trước đó của phản ánh %s (%s)",
			fb_minute_vn(at, a, sizeof(a)), it->code, fb_minute_vn(last, b, sizeof(b)));
	*out = at;
	return HL_OK;
}

/* ---- receipt ---- */

/* A code PA-<UNIT>-YYYYMMDD-NNNN not used yet, into code. */
static int make_code(struct store *st, const struct store_unit *u, int64_t received,
	struct store_fb_item *it, const char *text, struct hl_err *err)
{
	hl_day day = (hl_day)floor_div(received, 1440);
	int64_t count = 0;
	int y, m, d, rc;

	hl_day_to_ymd(day, &y, &m, &d);
	rc = STORE(st, fb_item_count, u->id, day_minute(day), day_minute(day + 1), &count, err);
	for (int64_t seq = count + 1; rc == HL_OK && seq < count + 10000; seq++) {
		int len = snprintf(it->code, sizeof(it->code), "PA-%s-%04d%02d%02d-%04lld", u->code,
			y, m, d, (long long)seq);

		if (len < 0 || (size_t)len >= sizeof(it->code))
			snprintf(it->code, sizeof(it->code), "PA-%lld-%04d%02d%02d-%04lld",
				(long long)u->id, y, m, d, (long long)seq);
		rc = STORE(st, fb_item_put, it, text, err);
		if (rc != HL_EEXIST)
			return rc;
		hl_err_clear(err);
		rc = HL_OK;
	}
	return rc == HL_OK ? hl_err_set(err, HL_ECONFLICT, HL_HERE, "không tạo được mã phản ánh mới")
		: rc;
}

static int add_step(struct store *st, int64_t item_id, const char *step, const char *who,
	int64_t at, const char *detail, struct hl_err *err)
{
	struct store_fb_step s = {.item_id = item_id, .at = at};

	snprintf(s.step, sizeof(s.step), "%s", step);
	snprintf(s.who, sizeof(s.who), "%s", who);
	snprintf(s.detail, sizeof(s.detail), "%s", detail != NULL ? detail : "");
	return STORE(st, fb_step_add, &s, err);
}

/* ---- idempotency keys ---- */

/* Bumped if the content encoding below ever changes. */
static const char idem_tag[] = "hailong feedback content 1";

static void idem_int(crypto_generichash_state *h, int64_t v)
{
	unsigned char b[8];

	for (int i = 0; i < 8; i++)
		b[i] = (unsigned char)((uint64_t)v >> (8 * i));
	crypto_generichash_update(h, b, sizeof(b));
}

static void idem_str(crypto_generichash_state *h, const char *s)
{
	size_t n = s != NULL ? strlen(s) : 0;

	idem_int(h, (int64_t)n);
	crypto_generichash_update(h, (const unsigned char *)(s != NULL ? s : ""), n);
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
		return hl_err_set(err, HL_EINVAL, "id", "mã gửi 'id' phải là văn bản UTF-8 1–%d byte, "
			"không có ký tự điều khiển", STORE_CODE_MAX - 1);
	if (sodium_init() < 0)
		return hl_err_set(err, HL_EIO, HL_HERE, "không khởi tạo được libsodium");
	memset(k, 0, sizeof(*k));
	k->unit_id = unit_id;
	crypto_generichash(k->key_hash, STORE_HASH_LEN, (const unsigned char *)in->id, len, NULL, 0);
	crypto_generichash_init(&h, NULL, 0, STORE_HASH_LEN);
	idem_str(&h, idem_tag);
	idem_int(&h, in->channel);
	idem_int(&h, in->kind != 0 ? in->kind : FB_PAKN);
	idem_int(&h, in->at_given ? in->received_at : -1);
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

static const char short_tag[] = "hailong feedback tracking code 1\n";

/* The stored hash of the short code (10 symbols, not grouped). */
static void short_hash(const char *code10, unsigned char out[STORE_HASH_LEN])
{
	crypto_generichash_state h;

	crypto_generichash_init(&h, NULL, 0, STORE_HASH_LEN);
	crypto_generichash_update(&h, (const unsigned char *)short_tag, sizeof(short_tag) - 1);
	crypto_generichash_update(&h, (const unsigned char *)code10, strlen(code10));
	crypto_generichash_final(&h, out, STORE_HASH_LEN);
}

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
	sodium_bin2base64(tok, TOKEN_SIZE, raw, sizeof(raw), sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	sodium_memzero(raw, sizeof(raw));
}

/* Whether an item has the token hash th: HL_OK with it in *it, HL_ENOTFOUND. */
static int item_by_hash(struct store *st, struct hl_arena *a, const unsigned char *th,
	struct store_fb_item *it, struct hl_err *err)
{
	int rc = STORE(st, fb_item_get_token, th, a, it, err);

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
				return hl_err_set(err, HL_EIO, HL_HERE, "không khởi tạo được libsodium");
			randombytes_buf(raw, sizeof(raw));
			hl_tcode_make(raw, code10);
		}
		short_hash(code10, th);
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
		return hl_err_set(err, HL_ECONFLICT, "id", "mã gửi (id) '%s' đã được dùng cho một phản "
			"ánh khác của đơn vị: phản ánh này chưa được lưu; một phản ánh mới cần một mã "
			"mới", id);
	/* the code new_short chose: the first of the derived ones that is this
	 * item's; an item keyed before issue 12: its long token */
	for (int k = 0; k <= SHORT_TRIES && rc == HL_ENOTFOUND; k++) {
		if (k < SHORT_TRIES) {
			idem_short(prev->salt, id, k, code10);
			short_hash(code10, th);
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
	if (rc != HL_OK)
		return rc;
	snprintf(code, STORE_CODE_MAX, "%s", it.code);
	if (token != NULL)
		snprintf(token, FB_TOKEN_SIZE, "%s", tok);
	return HL_OK;
}

/* fb_add inside a transaction the caller holds (the import's too). */
static int add_in_tx(struct store *st, struct hl_arena *a, const struct fb_new *in,
	const char *who, char *code, char *token, struct hl_err *err)
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
	rc = STORE(st, unit_get, in->unit, &u, err);
	if (rc == HL_ENOTFOUND)
		return no_unit(err, in->unit);
	if (rc != HL_OK)
		return rc;
	if (fb_channel_code(in->channel)[0] == '\0')
		return hl_err_set(err, HL_EINVAL, "channel", "kênh %d không hợp lệ", in->channel);
	if (in->kind != 0 && fb_kind_code(in->kind)[0] == '\0')
		return hl_err_set(err, HL_EINVAL, "kind", "loại đơn %d không hợp lệ", in->kind);
	day = (hl_day)floor_div(in->received_at, 1440);
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
	rc = clean_text(a, in->text, "nội dung phản ánh", "text", FB_TEXT_MAX_CHARS, true, &text,
		err);
	if (rc == HL_OK)
		rc = clean_text(a, in->name, "họ tên người gửi", "name", NAME_MAX_CHARS, false, &name,
			err);
	if (rc == HL_OK)
		rc = clean_text(a, in->contact, "địa chỉ liên hệ", "contact", NAME_MAX_CHARS, false,
			&contact, err);
	if (rc == HL_OK && in->code != NULL && in->code[0] != '\0')
		rc = check_code(in->code, "mã phản ánh", err);
	if (rc == HL_OK && keyed)
		rc = idem_prepare(u.id, in, text, name, contact, &key, err);
	if (rc == HL_OK && keyed) {
		rc = STORE(st, fb_idem_get, u.id, key.key_hash, &prev, err);
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
		rc = STORE(st, fb_item_put, &it, text, err);
		if (rc == HL_EEXIST)
			rc = hl_err_set(err, HL_EEXIST, "code", "đã có phản ánh mã %s; mỗi mã chỉ một lần",
				in->code);
	} else {
		rc = make_code(st, &u, in->received_at, &it, text, err);
	}
	if (rc == HL_OK && (name[0] != '\0' || contact[0] != '\0'))
		rc = STORE(st, fb_contact_put, it.id, name, contact, err);
	if (rc == HL_OK && keyed) {
		key.item_id = it.id;
		rc = STORE(st, fb_idem_put, &key, err);
	}
	snprintf(detail, sizeof(detail), "%s: đơn vị %s, kênh %s", it.code, u.code,
		fb_channel_code(in->channel));
	if (rc == HL_OK)
		rc = add_step(st, it.id, "received", who, in->received_at, fb_channel_code(in->channel),
			err);
	if (rc == HL_OK)
		rc = STORE(st, audit, who, "feedback.add", detail, err);
	if (rc != HL_OK)
		return rc;
	snprintf(code, STORE_CODE_MAX, "%s", it.code);
	if (token != NULL)
		snprintf(token, FB_TOKEN_SIZE, "%s", tok);
	return HL_OK;
}

/* Commit when rc is HL_OK, else roll back: the end of every plain fb_X,
 * which is store_begin + fb_X_in + this. */
static int tx_end(struct store *st, int rc, struct hl_err *err)
{
	struct hl_err ignored;

	if (rc == HL_OK)
		return store_commit(st, err);
	store_rollback(st, &ignored);
	return rc;
}

int fb_add_in(struct store *st, const struct fb_new *in, const char *who, char *code,
	char *token, struct hl_err *err)
{
	struct hl_arena *a = hl_arena_new(OP_ARENA_CAP);
	int rc;

	if (a == NULL)
		return hl_err_set(err, HL_ENOMEM, HL_HERE, "hết bộ nhớ");
	rc = add_in_tx(st, a, in, who, code, token, err);
	hl_arena_free(a);
	return rc;
}

int fb_add(struct store *st, const struct fb_new *in, const char *who, char *code,
	char *token, struct hl_err *err)
{
	int rc = store_begin(st, err);

	return rc != HL_OK ? rc : tx_end(st, fb_add_in(st, in, who, code, token, err), err);
}

/* ---- the steps ---- */

/* One step: the item read by step_open and changed, then stored by
 * step_close, inside the caller's transaction. */
struct step {
	struct store *st;
	struct hl_arena *a;
	struct hl_err *err;
	struct store_fb_item it;
	const char *answer;          /* the new answer, or NULL */
	char name[24];               /* "classified", ... */
	char detail[STORE_NAME_MAX];
	int64_t at;
};

static int step_open(struct step *s, struct store *st, const char *code, int action, int cls,
	int64_t at, struct hl_err *err)
{
	int next, rc;

	memset(s, 0, sizeof(*s));
	s->st = st;
	s->err = err;
	s->a = hl_arena_new(OP_ARENA_CAP);
	if (s->a == NULL)
		return hl_err_set(err, HL_ENOMEM, HL_HERE, "hết bộ nhớ");
	rc = STORE(st, fb_item_get, code != NULL ? code : "", s->a, &s->it, err);
	if (rc == HL_ENOTFOUND)
		return hl_err_set(err, HL_ENOTFOUND, "code",
			"không có phản ánh mã '%s' (xem: hailong feedback list)", code != NULL ? code : "");
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

	if (rc == HL_OK)
		rc = STORE(s->st, fb_item_update, &s->it, s->answer, s->err);
	if (rc == HL_OK)
		rc = add_step(s->st, s->it.id, s->name, who, s->at, s->detail, s->err);
	snprintf(detail, sizeof(detail), "%s%s%s", s->it.code, s->detail[0] ? ": " : "", s->detail);
	snprintf(action, sizeof(action), "feedback.%s", s->name);
	if (rc == HL_OK)
		rc = STORE(s->st, audit, who, action, detail, s->err);
	hl_arena_free(s->a);
	return rc;
}

int fb_classify_in(struct store *st, const char *code, int cls, const char *criterion, int kind,
	int64_t at, const char *who, struct hl_err *err)
{
	struct step s;
	int rc;

	if (fb_class_code(cls)[0] == '\0')
		return hl_err_set(err, HL_EINVAL, "--class", "phân loại %d không hợp lệ", cls);
	if ((rc = fb_criterion_parse(criterion, err)) != HL_OK)
		return rc;
	if (kind != 0 && fb_kind_code(kind)[0] == '\0')
		return hl_err_set(err, HL_EINVAL, "--kind", "loại đơn %d không hợp lệ", kind);
	rc = step_open(&s, st, code, FB_A_CLASSIFY, cls, at, err);
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
			s.it.criterion[0] ? ", tiêu chí " : "", s.it.criterion, fb_kind_code(s.it.kind));
	}
	return step_close(&s, rc, who);
}

int fb_forward_in(struct store *st, const char *code, const char *office, int64_t at,
	const char *who, struct hl_err *err)
{
	struct store_fb_office *o = NULL;
	size_t n = 0;
	struct step s;
	int rc = step_open(&s, st, code, FB_A_FORWARD, 0, at, err);

	if (rc == HL_OK)
		rc = STORE(st, fb_office_list, s.it.unit_id, s.a, &o, &n, err);
	if (rc == HL_OK) {
		size_t i = 0;

		/* The unit's own office comes before a built-in one of the same code. */
		while (i < n && strcmp(o[i].code, office != NULL ? office : "") != 0)
			i++;
		if (i == n) {
			rc = hl_err_set(err, HL_ENOTFOUND, "--to",
				"không có phòng, ban mã '%s' cho đơn vị của phản ánh %s (xem: hailong "
				"offices list)", office != NULL ? office : "", s.it.code);
		} else {
			s.it.office_id = o[i].id;
			s.it.forwarded_at = s.at;
			snprintf(s.name, sizeof(s.name), "forwarded");
			snprintf(s.detail, sizeof(s.detail), "%s", o[i].code);
		}
	}
	return step_close(&s, rc, who);
}

int fb_answer_in(struct store *st, const char *code, const char *text, int number, int64_t at,
	const char *who, struct hl_err *err)
{
	struct step s;
	char *clean = NULL;
	int rc;

	if (number < 0 || number > 999999)
		return hl_err_set(err, HL_EINVAL, "--number", "số văn bản %d không hợp lệ", number);
	rc = step_open(&s, st, code, FB_A_ANSWER, 0, at, err);
	if (rc == HL_OK)
		rc = clean_text(s.a, text, "nội dung trả lời", "text", FB_TEXT_MAX_CHARS, true, &clean,
			err);
	if (rc == HL_OK && number == 0) {
		int y, m, d;
		hl_day y0, y1;

		hl_day_to_ymd((hl_day)floor_div(s.at, 1440), &y, &m, &d);
		if (!hl_day_from_ymd(y, 1, 1, &y0) || !hl_day_from_ymd(y + 1, 1, 1, &y1))
			rc = hl_err_set(err, HL_EINVAL, "--at", "năm %d không hợp lệ", y);
		if (rc == HL_OK)
			rc = STORE(st, fb_answer_no_max, s.it.unit_id, day_minute(y0), day_minute(y1),
				&number, err);
		number++;
	}
	if (rc == HL_OK) {
		s.answer = clean;
		s.it.answer_no = number;
		s.it.answered_at = s.at;
		if (s.it.first_answered_at < 0)
			s.it.first_answered_at = s.at;
		s.it.published_at = -1;      /* a new answer is not public until published */
		snprintf(s.name, sizeof(s.name), "answered");
		snprintf(s.detail, sizeof(s.detail), "số %d", number);
	}
	return step_close(&s, rc, who);
}

int fb_publish_in(struct store *st, const char *code, int64_t at, const char *who,
	struct hl_err *err)
{
	struct step s;
	int rc = step_open(&s, st, code, FB_A_PUBLISH, 0, at, err);

	if (rc == HL_OK) {
		s.it.published_at = s.at;
		snprintf(s.name, sizeof(s.name), "published");
	}
	return step_close(&s, rc, who);
}

int fb_rate_in(struct store *st, const char *code, bool satisfied, int64_t at, const char *who,
	struct hl_err *err)
{
	struct step s;
	int rc = step_open(&s, st, code, satisfied ? FB_A_RATE_OK : FB_A_RATE_BAD, 0, at, err);

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

bool fb_may_reopen(int state)
{
	return state == FB_CLOSED;
}

int fb_reopen_in(struct store *st, const char *code, const char *reason, int64_t at,
	const char *who, struct hl_err *err)
{
	struct step s;
	char *why = NULL;
	int rc = step_open(&s, st, code, FB_A_REOPEN, 0, at, err);

	if (rc == HL_OK)
		rc = clean_text(s.a, reason, "lý do mở lại", "reason", FB_REASON_MAX_CHARS, true, &why,
			err);
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

int fb_classify(struct store *st, const char *code, int cls, const char *criterion, int kind,
	int64_t at, const char *who, struct hl_err *err)
{
	int rc = store_begin(st, err);

	return rc != HL_OK ? rc
		: tx_end(st, fb_classify_in(st, code, cls, criterion, kind, at, who, err), err);
}

int fb_forward(struct store *st, const char *code, const char *office, int64_t at,
	const char *who, struct hl_err *err)
{
	int rc = store_begin(st, err);

	return rc != HL_OK ? rc : tx_end(st, fb_forward_in(st, code, office, at, who, err), err);
}

int fb_answer(struct store *st, const char *code, const char *text, int number, int64_t at,
	const char *who, struct hl_err *err)
{
	int rc = store_begin(st, err);

	return rc != HL_OK ? rc
		: tx_end(st, fb_answer_in(st, code, text, number, at, who, err), err);
}

int fb_publish(struct store *st, const char *code, int64_t at, const char *who,
	struct hl_err *err)
{
	int rc = store_begin(st, err);

	return rc != HL_OK ? rc : tx_end(st, fb_publish_in(st, code, at, who, err), err);
}

int fb_rate(struct store *st, const char *code, bool satisfied, int64_t at, const char *who,
	struct hl_err *err)
{
	int rc = store_begin(st, err);

	return rc != HL_OK ? rc : tx_end(st, fb_rate_in(st, code, satisfied, at, who, err), err);
}

int fb_reopen(struct store *st, const char *code, const char *reason, int64_t at,
	const char *who, struct hl_err *err)
{
	int rc = store_begin(st, err);

	return rc != HL_OK ? rc : tx_end(st, fb_reopen_in(st, code, reason, at, who, err), err);
}

/* ---- reading ---- */

static int get_decorated(struct store *st, const struct cal *cal, const char *code,
	const unsigned char *hash, int64_t at, struct hl_arena *a, struct fb_item *out,
	struct hl_err *err)
{
	struct store_fb_item it;
	struct ctx c;
	int rc;

	rc = hash != NULL ? STORE(st, fb_item_get_token, hash, a, &it, err)
		: STORE(st, fb_item_get, code, a, &it, err);
	if (rc == HL_ENOTFOUND && hash == NULL)
		return hl_err_set(err, HL_ENOTFOUND, "code",
			"không có phản ánh mã '%s' (xem: hailong feedback list)", code);
	if (rc != HL_OK)
		return rc;
	rc = ctx_load(&c, st, cal, true, a, err);
	if (rc == HL_OK)
		rc = decorate(&c, &it, at, out);
	ctx_done(&c);
	return rc;
}

int fb_get(struct store *st, const struct cal *cal, const char *code, int64_t at,
	struct hl_arena *a, struct fb_item *out, struct hl_err *err)
{
	return get_decorated(st, cal, code != NULL ? code : "", NULL, at, a, out, err);
}

/* ASCII case-insensitive equality, for the item's code a person typed. */
static bool same_code(const char *a, const char *b)
{
	for (; *a != '\0' && *b != '\0'; a++, b++) {
		char x = *a >= 'a' && *a <= 'z' ? (char)(*a - 32) : *a;
		char y = *b >= 'a' && *b <= 'z' ? (char)(*b - 32) : *b;

		if (x != y)
			return false;
	}
	return *a == *b;
}

int fb_track(struct store *st, const struct cal *cal, const char *code, const char *token,
	int64_t at, struct hl_arena *a, struct fb_item *out, struct hl_err *err)
{
	unsigned char hash[STORE_HASH_LEN];
	char item[STORE_CODE_MAX], code10[HL_TCODE_SIZE], *given;
	struct hl_err perr;
	int rc;

	snprintf(item, sizeof(item), "%s", code != NULL ? code : "");
	given = hl_trim(item);
	if (token_wellformed(token)) {
		/* a long token of an item from before issue 12: enough alone */
		token_hash(token, hash);
	} else if (hl_tcode_parse(token, code10, &perr) == HL_OK) {
		if (given[0] == '\0')
			return hl_err_set(err, HL_EINVAL, "code", "hãy nhập cả mã phản ánh (dạng PA-…) "
				"cùng mã theo dõi");
		short_hash(code10, hash);
	} else if (given[0] == '\0' && token != NULL &&
	    hl_tcode_split(token, item, sizeof(item), code10) == HL_OK) {
		/* both in one box */
		given = item;
		short_hash(code10, hash);
	} else {
		return hl_err_set(err, HL_ENOTFOUND, "token", "%s", token != NULL && token[0] != '\0' &&
			perr.msg[0] != '\0' ? perr.msg : "không có phản ánh nào mang mã tra cứu này");
	}
	rc = get_decorated(st, cal, NULL, hash, at, a, out, err);
	if (rc == HL_OK && given[0] != '\0' && !same_code(given, out->it.code))
		rc = HL_ENOTFOUND;
	if (rc == HL_ENOTFOUND)
		return hl_err_set(err, HL_ENOTFOUND, "token", "không có phản ánh nào mang mã phản ánh "
			"và mã theo dõi này");
	return rc;
}

bool fb_answer_public(const struct fb_item *f)
{
	return f->it.answered_at >= 0 && f->it.published_at >= f->it.answered_at;
}

int fb_contact(struct store *st, const char *code, const char *who, struct hl_arena *a,
	char **name, char **contact, struct hl_err *err)
{
	struct store_fb_item it;
	int rc = STORE(st, fb_item_get, code != NULL ? code : "", a, &it, err);

	if (rc == HL_ENOTFOUND)
		return hl_err_set(err, HL_ENOTFOUND, "code", "không có phản ánh mã '%s'",
			code != NULL ? code : "");
	if (rc == HL_OK)
		rc = STORE(st, fb_contact_get, it.id, a, name, contact, err);
	if (rc == HL_OK && who != NULL)
		rc = fb_read_audit(st, FB_READ_CONTACT, it.code, who, err);
	return rc;
}

int fb_read_audit(struct store *st, enum fb_read what, const char *code, const char *who,
	struct hl_err *err)
{
	return STORE(st, audit, who, what == FB_READ_LETTER ? "feedback.letter" : "feedback.contact",
		code, err);
}

int fb_steps(struct store *st, const char *code, struct hl_arena *a,
	struct store_fb_step **out, size_t *n, struct hl_err *err)
{
	struct store_fb_item it;
	int rc = STORE(st, fb_item_get, code != NULL ? code : "", a, &it, err);

	*out = NULL;
	*n = 0;
	if (rc == HL_ENOTFOUND)
		return hl_err_set(err, HL_ENOTFOUND, "code", "không có phản ánh mã '%s'",
			code != NULL ? code : "");
	return rc == HL_OK ? STORE(st, fb_step_list, it.id, a, out, n, err) : rc;
}

static int by_due(const void *x, const void *y)
{
	const struct fb_item *a = x, *b = y;
	int64_t da = a->due_at < 0 ? INT64_MAX : a->due_at, db = b->due_at < 0 ? INT64_MAX : b->due_at;

	if (da != db)
		return da < db ? -1 : 1;
	return (a->it.id > b->it.id) - (a->it.id < b->it.id);
}

/* The unit named by code into *u (NULL code: NULL). */
static int scope_unit(const struct ctx *c, const char *code, const struct store_unit **u)
{
	*u = NULL;
	if (code == NULL || code[0] == '\0')
		return HL_OK;
	*u = unit_code(c, code);
	return *u != NULL ? HL_OK : no_unit(c->err, code);
}

int fb_list(struct store *st, const struct cal *cal, const struct fb_query *q,
	struct hl_arena *a, struct fb_item **out, size_t *n, struct hl_err *err)
{
	struct store_fb_filter f = {.from = -1, .to = -1};
	struct store_fb_item *items = NULL;
	const struct store_unit *top;
	struct fb_item *res = NULL;
	size_t nitems = 0, k = 0;
	struct ctx c;
	int rc;

	*out = NULL;
	*n = 0;
	rc = ctx_load(&c, st, cal, true, a, err);
	if (rc == HL_OK)
		rc = scope_unit(&c, q->unit, &top);
	if (rc != HL_OK)
		goto cleanup;
	f.unit_id = top != NULL && !q->under ? top->id : 0;
	f.open_only = q->open_only;
	f.published_only = q->published_only;
	f.with_text = q->with_text;
	rc = STORE(st, fb_item_list, &f, a, &items, &nitems, err);
	if (rc != HL_OK)
		goto cleanup;
	res = nitems > 0 ? hl_arena_alloc(a, nitems * sizeof(*res)) : NULL;
	if (nitems > 0 && res == NULL) {
		rc = hl_err_set(err, HL_ENOMEM, HL_HERE, "hết bộ nhớ khi liệt kê phản ánh");
		goto cleanup;
	}
	for (size_t i = 0; i < nitems; i++) {
		if (top != NULL && q->under && !is_under(&c, items[i].unit_id, top->id))
			continue;
		rc = decorate(&c, &items[i], q->at, &res[k]);
		if (rc != HL_OK)
			goto cleanup;
		if (q->overdue_only && !res[k].overdue)
			continue;
		k++;
	}
	if (q->by_due && k > 1)
		qsort(res, k, sizeof(*res), by_due);
	if (q->limit > 0 && k > (size_t)q->limit)
		k = (size_t)q->limit;
	*out = k > 0 ? res : NULL;
	*n = k;
cleanup:
	ctx_done(&c);
	return rc;
}

/* ---- deadlines ---- */

int fb_deadline_set(struct store *st, const char *unit, int cls, int forward_hours,
	int answer_days, const char *who, struct hl_err *err)
{
	struct store_fb_deadline *dl = NULL, d = {.cls = cls, .forward_hours = -1,
		.answer_days = -1};
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
	rc = STORE(st, unit_get, unit != NULL ? unit : "", &u, err);
	if (rc == HL_ENOTFOUND)
		return no_unit(err, unit != NULL ? unit : "");
	if (rc != HL_OK)
		return rc;
	a = hl_arena_new(OP_ARENA_CAP);
	if (a == NULL)
		return hl_err_set(err, HL_ENOMEM, HL_HERE, "hết bộ nhớ");
	rc = store_begin(st, err);
	if (rc != HL_OK)
		goto cleanup;
	rc = STORE(st, fb_deadline_list, a, &dl, &n, err);
	for (size_t i = 0; rc == HL_OK && i < n; i++)
		if (dl[i].unit_id == u.id && dl[i].cls == cls)
			d = dl[i];
	d.unit_id = u.id;
	if (forward_hours > 0)
		d.forward_hours = forward_hours;
	if (answer_days > 0)
		d.answer_days = answer_days;
	snprintf(detail, sizeof(detail), "%s, %s: chuyển trong %d giờ, trả lời trong %d ngày làm việc",
		u.code, cls != 0 ? fb_class_code(cls) : "mọi loại", d.forward_hours, d.answer_days);
	if (rc == HL_OK)
		rc = STORE(st, fb_deadline_set, &d, err);
	if (rc == HL_OK)
		rc = STORE(st, audit, who, "feedback.deadlines", detail, err);
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

int fb_deadline_get(struct store *st, int64_t unit_id, int cls, int *forward_hours,
	int *answer_days, struct hl_err *err)
{
	struct hl_arena *a = hl_arena_new(OP_ARENA_CAP);
	struct ctx c;
	int rc;

	if (a == NULL)
		return hl_err_set(err, HL_ENOMEM, HL_HERE, "hết bộ nhớ");
	rc = ctx_load(&c, st, NULL, false, a, err);
	if (rc == HL_OK)
		resolve_deadline(&c, unit_id, cls, forward_hours, answer_days);
	ctx_done(&c);
	hl_arena_free(a);
	return rc;
}

int fb_offices(struct store *st, int64_t unit_id, struct hl_arena *a,
	struct store_fb_office **out, size_t *n, struct hl_err *err)
{
	return STORE(st, fb_office_list, unit_id, a, out, n, err);
}

int fb_office_put_in(struct store *st, const struct units_actor *by, const char *unit,
	const char *code, const char *name, struct hl_err *err)
{
	struct hl_arena *a = hl_arena_new(OP_ARENA_CAP);
	struct store_fb_office of = {0};
	struct store_unit u;
	char detail[STORE_CODE_MAX * 2 + STORE_NAME_MAX + 16], *clean = NULL;
	int rc;

	if (a == NULL)
		return hl_err_set(err, HL_ENOMEM, HL_HERE, "hết bộ nhớ");
	rc = units_get_may(st, by, unit, "unit", &u, err);
	if (rc == HL_OK)
		rc = check_code(code != NULL ? code : "", "mã phòng, ban", err);
	if (rc == HL_OK)
		rc = clean_text(a, name, "tên phòng, ban", "name", 120, true, &clean, err);
	if (rc == HL_OK) {
		snprintf(of.code, sizeof(of.code), "%s", code);
		snprintf(of.name, sizeof(of.name), "%s", clean);
		of.unit_id = u.id;
		rc = STORE(st, fb_office_put, &of, err);
		snprintf(detail, sizeof(detail), "%s, đơn vị %s: %s", of.code, u.code, of.name);
	}
	if (rc == HL_OK)
		rc = STORE(st, audit, by->who, "offices.put", detail, err);
	hl_arena_free(a);
	return rc;
}

/* ---- monthly figures ---- */

struct tally {
	long received, not_accepted, answered, due, on_time, rated, satisfied;
};

/* Where a unit's items also count: in a successor formed by a merger, for
 * items received before until (the units whose figures include it, as the
 * indices pool: svc/units.h). */
struct pool_to {
	size_t dst;
	hl_day until;
};

/* For each unit index i of c, the units its items count for, in
 * to[off[i] .. off[i + 1]) (itself included). In a. */
static int pool_map(const struct ctx *c, size_t **off, struct pool_to **to, struct hl_err *err)
{
	enum { CAP = 64 };
	struct store_lineage *lin = NULL;
	struct units_src src[CAP];
	size_t nlin = 0, total = 0, cnt;
	size_t *fill;
	int rc = STORE(c->st, lineage_list, c->a, &lin, &nlin, err);

	if (rc != HL_OK)
		return rc;
	*off = hl_arena_alloc(c->a, (c->nunits + 1) * sizeof(**off));
	fill = hl_arena_alloc(c->a, (c->nunits + 1) * sizeof(*fill));
	if (*off == NULL || fill == NULL)
		return hl_err_set(err, HL_ENOMEM, HL_HERE, "hết bộ nhớ khi tính số liệu phản ánh");
	memset(*off, 0, (c->nunits + 1) * sizeof(**off));
	/* Count, then place: a unit's sources are few, the units may be many. */
	for (int pass = 0; pass < 2; pass++) {
		for (size_t i = 0; i < c->nunits; i++) {
			rc = units_sources(lin, nlin, c->units[i].id, c->units[i].code, src, &cnt, CAP,
				err);
			if (rc != HL_OK)
				return rc;
			for (size_t k = 0; k < cnt; k++) {
				const struct store_unit *u = unit_of(c, src[k].id);
				size_t j;

				if (u == NULL)
					continue;
				j = (size_t)(u - c->units);
				if (pass == 0) {
					(*off)[j + 1]++;
					continue;
				}
				(*to)[fill[j]].dst = i;
				(*to)[fill[j]++].until = src[k].until;
			}
		}
		if (pass > 0)
			break;
		for (size_t i = 0; i < c->nunits; i++)
			(*off)[i + 1] += (*off)[i];
		total = (*off)[c->nunits];
		memcpy(fill, *off, c->nunits * sizeof(*fill));
		*to = hl_arena_alloc(c->a, (total + 1) * sizeof(**to));
		if (*to == NULL)
			return hl_err_set(err, HL_ENOMEM, HL_HERE, "hết bộ nhớ khi tính số liệu phản ánh");
	}
	return HL_OK;
}

/* Whether unit index i is in the scope of fb_stats. */
static bool in_scope(const struct ctx *c, size_t i, const struct store_unit *top, bool under)
{
	if (top == NULL)
		return true;
	return under ? is_under(c, c->units[i].id, top->id) : c->units[i].id == top->id;
}

int fb_stats(struct store *st, const struct cal *cal, const struct hl_period *p,
	const char *unit, bool under, int64_t at, struct hl_arena *a,
	struct fb_month **out, size_t *n, struct hl_err *err)
{
	struct store_fb_filter f = {.from = day_minute(p->first), .to = day_minute(p->last + 1)};
	struct store_fb_item *items = NULL;
	const struct store_unit *top;
	struct tally *t = NULL;
	struct fb_month *res;
	struct pool_to *to = NULL;
	size_t nitems = 0, k = 0, *off = NULL;
	int y0, m0, d0, y1, m1, d1, nmonths;
	struct ctx c;
	int rc;

	*out = NULL;
	*n = 0;
	hl_day_to_ymd(p->first, &y0, &m0, &d0);
	hl_day_to_ymd(p->last, &y1, &m1, &d1);
	nmonths = (y1 - y0) * 12 + (m1 - m0) + 1;
	if (nmonths < 1 || nmonths > MONTHS_MAX)
		return hl_err_set(err, HL_EINVAL, "--period", "kỳ quá dài (tối đa %d tháng)", MONTHS_MAX);
	rc = ctx_load(&c, st, cal, true, a, err);
	if (rc == HL_OK)
		rc = scope_unit(&c, unit, &top);
	if (rc == HL_OK)
		rc = pool_map(&c, &off, &to, err);
	if (rc != HL_OK)
		goto cleanup;
	/* One unit without predecessors: its own items only. */
	f.unit_id = 0;
	if (top != NULL && !under) {
		size_t ti = (size_t)(top - c.units), npred = 0;

		for (size_t i = 0; i < off[c.nunits]; i++)
			npred += to[i].dst == ti;
		if (npred == 1)
			f.unit_id = top->id;
	}
	rc = STORE(st, fb_item_list, &f, a, &items, &nitems, err);
	if (rc != HL_OK)
		goto cleanup;
	if (c.nunits > 0 && (size_t)nmonths > SIZE_MAX / sizeof(*t) / c.nunits)
		rc = hl_err_set(err, HL_ELIMIT, HL_HERE, "quá nhiều đơn vị và tháng");
	else if (c.nunits > 0 && (t = hl_arena_alloc(a, c.nunits * (size_t)nmonths * sizeof(*t))) == NULL)
		rc = hl_err_set(err, HL_ENOMEM, HL_HERE, "hết bộ nhớ khi tính số liệu phản ánh");
	for (size_t i = 0; rc == HL_OK && i < nitems; i++) {
		const struct store_fb_item *it = &items[i];
		const struct store_unit *u = unit_of(&c, it->unit_id);
		hl_day day = (hl_day)floor_div(it->received_at, 1440);
		struct tally one = {.received = 1};
		size_t ui;
		int y, m, d, mi;
		bool counted = false;

		if (u == NULL)
			continue;
		ui = (size_t)(u - c.units);
		for (size_t p2 = off[ui]; p2 < off[ui + 1]; p2++)
			counted |= (to[p2].until == HL_DAY_NONE || day < to[p2].until) &&
				in_scope(&c, to[p2].dst, top, under);
		hl_day_to_ymd(day, &y, &m, &d);
		mi = (y - y0) * 12 + (m - m0);
		if (!counted || mi < 0 || mi >= nmonths)
			continue;
		if (it->rating != 0) {
			one.rated = 1;
			one.satisfied = it->rating == 1;
		}
		if (it->cls == FB_NOT_ACCEPTED) {
			one.not_accepted = 1;
		} else {
			struct wc_sched sched;
			int64_t due;
			int fh, ad;
			bool answered = it->first_answered_at >= 0 && it->first_answered_at <= at;

			/* The deadline is the handling unit's, wherever the item counts. */
			resolve_deadline(&c, it->unit_id, it->cls, &fh, &ad);
			rc = cal_unit(c.cal, it->unit_id, &sched, err);
			if (rc == HL_OK)
				rc = answer_due(&sched, it, ad, true, &due, err);
			if (rc != HL_OK)
				break;
			one.answered = answered;
			if (answered || at > due) {
				one.due = 1;
				one.on_time = answered && it->first_answered_at <= due;
			}
		}
		/* Its own unit, and each successor for items from before the merger. */
		for (size_t p2 = off[ui]; p2 < off[ui + 1]; p2++) {
			struct tally *x;

			if ((to[p2].until != HL_DAY_NONE && day >= to[p2].until) ||
			    !in_scope(&c, to[p2].dst, top, under))
				continue;
			x = &t[to[p2].dst * (size_t)nmonths + (size_t)mi];
			x->received += one.received;
			x->not_accepted += one.not_accepted;
			x->answered += one.answered;
			x->due += one.due;
			x->on_time += one.on_time;
			x->rated += one.rated;
			x->satisfied += one.satisfied;
		}
	}
	if (rc != HL_OK)
		goto cleanup;
	for (size_t i = 0; i < c.nunits * (size_t)nmonths; i++)
		k += t[i].received > 0;
	res = k > 0 ? hl_arena_alloc(a, k * sizeof(*res)) : NULL;
	if (k > 0 && res == NULL) {
		rc = hl_err_set(err, HL_ENOMEM, HL_HERE, "hết bộ nhớ khi tính số liệu phản ánh");
		goto cleanup;
	}
	k = 0;
	/* By unit (in the order units were added), then month. */
	for (size_t ui = 0; ui < c.nunits; ui++)
		for (int mi = 0; mi < nmonths; mi++) {
			const struct tally *x = &t[ui * (size_t)nmonths + (size_t)mi];
			struct fb_month *r;

			if (x->received == 0)
				continue;
			r = &res[k++];
			memset(r, 0, sizeof(*r));
			r->unit_id = c.units[ui].id;
			snprintf(r->unit_code, sizeof(r->unit_code), "%s", c.units[ui].code);
			snprintf(r->unit_name, sizeof(r->unit_name), "%s", c.units[ui].name);
			r->year = y0 + (m0 - 1 + mi) / 12;
			r->month = (m0 - 1 + mi) % 12 + 1;
			r->received = x->received;
			r->not_accepted = x->not_accepted;
			r->answered = x->answered;
			r->due = x->due;
			r->on_time = x->on_time;
			r->rated = x->rated;
			r->satisfied = x->satisfied;
			r->score = fb_score(x->due, x->on_time);
		}
	*out = res;
	*n = k;
cleanup:
	ctx_done(&c);
	return rc;
}

/* ---- the written answer ---- */

int fb_letter_data(struct store *st, const char *code, const char *who, struct hl_arena *a,
	struct fb_letter *out, struct hl_err *err)
{
	struct fb_item fi;
	struct store_fb_item it;
	struct ctx c;
	char *name = NULL, *contact = NULL;
	int y, m, d, rc;

	memset(out, 0, sizeof(*out));
	rc = STORE(st, fb_item_get, code != NULL ? code : "", a, &it, err);
	if (rc == HL_ENOTFOUND)
		return hl_err_set(err, HL_ENOTFOUND, "code", "không có phản ánh mã '%s'",
			code != NULL ? code : "");
	if (rc != HL_OK)
		return rc;
	if (it.answered_at < 0 || it.answer == NULL)
		return hl_err_set(err, HL_ECONFLICT, HL_HERE,
			"phản ánh %s chưa được trả lời; hãy trả lời trước (feedback answer)", it.code);
	rc = ctx_load(&c, st, NULL, false, a, err);
	if (rc == HL_OK)
		rc = decorate(&c, &it, it.answered_at, &fi);
	if (rc == HL_OK)
		rc = STORE(st, fb_contact_get, it.id, a, &name, &contact, err);
	if (rc == HL_OK) {
		const struct store_unit *u = unit_of(&c, it.unit_id);
		const struct store_unit *par = u != NULL ? unit_of(&c, u->parent_id) : NULL;

		if (u != NULL)
			out->unit = *u;
		if (par != NULL)
			out->parent = *par;
		out->number = it.answer_no;
		hl_day_to_ymd((hl_day)floor_div(it.answered_at, 1440), &y, &m, &d);
		out->year = y;
		out->date = (hl_day)floor_div(it.answered_at, 1440);
		out->recipient = name;
		out->code = hl_arena_strdup(a, it.code);
		out->channel = fb_channel_label(it.channel);
		out->received_at = it.received_at;
		out->text = it.text;
		out->answer = it.answer;
		out->office = hl_arena_strdup(a, fi.office_name);
		if (out->code == NULL || out->office == NULL)
			rc = hl_err_set(err, HL_ENOMEM, HL_HERE, "hết bộ nhớ");
	}
	if (rc == HL_OK && who != NULL)
		rc = fb_read_audit(st, FB_READ_LETTER, it.code, who, err);
	ctx_done(&c);
	return rc;
}

/* ---- the CSV imports (all or nothing, as svc/import.h) ---- */

#define IMPORT_ARENA_CAP ((size_t)256 * 1024 * 1024)

struct fimp {
	struct store *st;
	const struct import_opts *o;
	struct import_report *rep;
	struct hl_err *err;
	struct hl_arena *a;
	struct csvr *r;
	struct csvr_record rec;
	struct lookup *seen;          /* keys met in the file */
	int ncols;
	int col[6];                   /* index of each known column, -1 = absent */
	bool in_tx;
};

static const char *cell(const struct fimp *im, int k)
{
	int idx = im->col[k];

	return idx < 0 || idx >= im->rec.ncells ? "" : im->rec.cells[idx];
}

/* Open the file and read its header: names[0..n) the known columns, the
 * first nreq of them required. Problems go to the report. */
static int fimp_open(struct fimp *im, struct store *st, FILE *f, const struct import_opts *o,
	struct import_report *rep, const char *const *names, int n, int nreq, struct hl_err *err)
{
	char known[128];
	size_t len = 0;
	int rc;

	memset(rep, 0, sizeof(*rep));
	memset(im, 0, sizeof(*im));
	im->st = st;
	im->o = o;
	im->rep = rep;
	im->err = err;
	im->a = hl_arena_new(IMPORT_ARENA_CAP);
	im->seen = lookup_new();
	if (im->a == NULL || im->seen == NULL)
		return hl_err_set(err, HL_ENOMEM, HL_HERE, "hết bộ nhớ khi mở tệp nhập");
	rc = csvr_open(f, o->name != NULL ? o->name : "tệp", &im->r, err);
	if (rc == HL_OK)
		rc = csvr_next(im->r, &im->rec, err);
	if (rc == 0 || rc == HL_EINVAL) {
		im->rec.line = 1;
		import_add_problem(im->rep, im->rec.line, "", "%s", rc == 0 ? "tệp trống: thiếu dòng tiêu đề" : err->msg);
		hl_err_clear(err);
		return HL_OK;
	}
	if (rc < 0)
		return rc;
	if (im->rec.problem != NULL) {
		import_add_problem(im->rep, im->rec.line, "", "dòng tiêu đề: %s", im->rec.problem);
		return HL_OK;
	}
	im->ncols = im->rec.ncells;
	for (int k = 0; k < n; k++) {
		im->col[k] = csvr_col(&im->rec, names[k]);
		if (k < nreq && im->col[k] < 0)
			import_add_problem(im->rep, im->rec.line, names[k], "tiêu đề thiếu cột bắt buộc '%s'", names[k]);
	}
	for (int k = 0; k < n && len < sizeof(known); k++)
		len += (size_t)snprintf(known + len, sizeof(known) - len, "%s%s", k ? "," : "", names[k]);
	for (int j = 0; j < im->rec.ncells; j++) {
		int k = 0;

		while (k < n && strcmp(names[k], im->rec.cells[j]) != 0)
			k++;
		if (k == n)
			import_add_problem(im->rep, im->rec.line, im->rec.cells[j], "cột '%s' không phải cột đã biết (các cột: %s)",
				im->rec.cells[j], known);
		else if (im->col[k] != j)
			import_add_problem(im->rep, im->rec.line, im->rec.cells[j], "cột '%s' có hai lần trong tiêu đề", names[k]);
	}
	if (rep->nproblems == 0) {
		rc = o->held ? HL_OK : store_begin(st, err);
		im->in_tx = rc == HL_OK;
	}
	return rc;
}

/* Next usable row: 1, 0 at the end, < 0 on a read failure. */
static int fimp_next(struct fimp *im)
{
	int rc;

	while ((rc = csvr_next(im->r, &im->rec, im->err)) == 1) {
		im->rep->rows++;
		if (im->rec.problem != NULL) {
			import_add_problem(im->rep, im->rec.line, "", "%s", im->rec.problem);
			continue;
		}
		if (im->rec.ncells != im->ncols) {
			import_add_problem(im->rep, im->rec.line, "", "dòng có %d ô nhưng tiêu đề có %d cột", im->rec.ncells, im->ncols);
			continue;
		}
		return 1;
	}
	if (rc == HL_EINVAL) {
		im->rec.line = 0;
		import_add_problem(im->rep, im->rec.line, "", "%s", im->err->msg);
		hl_err_clear(im->err);
		return 0;
	}
	return rc;
}

/* A check that failed on the row: its message as a problem of col. */
static void fimp_row_error(struct fimp *im, const char *col)
{
	import_add_problem(im->rep, im->rec.line, col, "%s", im->err->msg);
	hl_err_clear(im->err);
}

/* Whether rc is a row's own fault (reported) rather than a failure. */
static bool row_fault(int rc)
{
	return rc == HL_EINVAL || rc == HL_ENOTFOUND || rc == HL_EEXIST || rc == HL_ELIMIT ||
		rc == HL_ECONFLICT;
}

/* Commit when no row had a problem (audited), else roll back: HL_EINVAL. */
static int fimp_close(struct fimp *im, int rc, const char *action)
{
	char detail[300];

	if (rc == HL_OK && im->rep->nproblems > 0)
		rc = HL_EINVAL;
	if (rc == HL_OK && im->in_tx) {
		snprintf(detail, sizeof(detail), "%s: %ld dòng, thêm %ld, bỏ qua %ld",
			im->o->name != NULL ? im->o->name : "tệp", im->rep->rows, im->rep->added,
			im->rep->skipped);
		rc = STORE(im->st, audit, im->o->who != NULL ? im->o->who : "?", action, detail,
			im->err);
		if (rc == HL_OK && !im->o->held)
			rc = store_commit(im->st, im->err);
		im->in_tx = rc != HL_OK;
	}
	if (im->in_tx && !im->o->held) {
		struct hl_err ignored;

		store_rollback(im->st, &ignored);
	}
	if (rc != HL_OK)
		im->rep->added = 0;
	csvr_free(im->r);
	lookup_free(im->seen);
	hl_arena_free(im->a);
	return rc;
}

/* Whether key was met before in the file (remembered otherwise). */
static int seen_before(struct fimp *im, const char *key, bool *dup)
{
	*dup = lookup_get(im->seen, key) != NULL;
	if (*dup)
		return HL_OK;
	return lookup_put(im->seen, key, im) == HL_OK ? HL_OK
		: hl_err_set(im->err, HL_ENOMEM, HL_HERE, "hết bộ nhớ");
}

int fb_import_offices(struct store *st, FILE *f, const struct import_opts *o,
	struct import_report *rep, struct hl_err *err)
{
	static const char *const names[] = {"code", "unit", "name"};
	struct fimp im;
	struct ctx c = {0};
	int rc, k;

	rc = fimp_open(&im, st, f, o, rep, names, 3, 3, err);
	if (rc == HL_OK && im.in_tx)
		rc = ctx_load(&c, st, NULL, false, im.a, err);
	while (rc == HL_OK && im.in_tx && (k = fimp_next(&im)) != 0) {
		struct store_fb_office of = {0};
		const struct store_unit *u;
		char key[2 * STORE_CODE_MAX + 2], *name = NULL;
		bool dup = false;

		if (k < 0) {
			rc = k;
			break;
		}
		u = unit_code(&c, cell(&im, 1));
		if (u == NULL) {
			no_unit(err, cell(&im, 1));
			fimp_row_error(&im, "unit");
		}
		if (check_code(cell(&im, 0), "mã phòng, ban", err) != HL_OK)
			fimp_row_error(&im, "code");
		rc = clean_text(im.a, cell(&im, 2), "tên phòng, ban", "name", 120, true, &name, err);
		if (row_fault(rc)) {
			fimp_row_error(&im, "name");
			rc = HL_OK;
			continue;
		}
		if (rc != HL_OK || u == NULL || im.rep->nproblems > 0)
			continue;
		snprintf(key, sizeof(key), "%s\n%s", u->code, cell(&im, 0));
		rc = seen_before(&im, key, &dup);
		if (rc == HL_OK && dup) {
			import_add_problem(im.rep, im.rec.line, "code", "phòng, ban '%s' của đơn vị '%s' có hai lần trong tệp",
				cell(&im, 0), u->code);
			continue;
		}
		snprintf(of.code, sizeof(of.code), "%s", cell(&im, 0));
		snprintf(of.name, sizeof(of.name), "%s", name);
		of.unit_id = u->id;
		if (rc == HL_OK)
			rc = STORE(st, fb_office_put, &of, err);
		if (rc == HL_OK)
			im.rep->added++;
	}
	ctx_done(&c);
	return fimp_close(&im, rc, "offices.import");
}

/* The portal file's column an error of add_in_tx is about: its where,
 * which names the input as the file's header does. */
static const char *column_of(const char *where)
{
	static const char *const columns[] = {"unit", "code", "received_at", "name", "contact"};

	for (int i = 0; i < NELEM(columns); i++)
		if (strcmp(where, columns[i]) == 0)
			return columns[i];
	return "text";
}

int fb_import_portal(struct store *st, FILE *f, const struct import_opts *o,
	struct import_report *rep, struct hl_err *err)
{
	static const char *const names[] = {"code", "unit", "received_at", "text", "name",
		"contact"};
	struct fimp im;
	int rc, k;

	rc = fimp_open(&im, st, f, o, rep, names, 6, 4, err);
	while (rc == HL_OK && im.in_tx && (k = fimp_next(&im)) != 0) {
		struct fb_new in = {.channel = FB_PORTAL, .kind = FB_PAKN};
		struct store_fb_item old;
		char code[STORE_CODE_MAX];
		bool dup = false;

		if (k < 0) {
			rc = k;
			break;
		}
		in.code = cell(&im, 0);
		in.unit = cell(&im, 1);
		in.text = cell(&im, 3);
		in.name = cell(&im, 4);
		in.contact = cell(&im, 5);
		if (!hl_minute_parse(cell(&im, 2), &in.received_at)) {
			import_add_problem(im.rep, im.rec.line, "received_at", "thời điểm '%s' không hợp lệ (cần YYYY-MM-DD HH:MM "
				"và là thời điểm có thật)", cell(&im, 2));
			continue;
		}
		if (in.code[0] == '\0') {
			import_add_problem(im.rep, im.rec.line, "code", "thiếu mã phản ánh của hệ thống (PAKN.yyyymmdd.nnnn)");
			continue;
		}
		rc = seen_before(&im, in.code, &dup);
		if (rc == HL_OK && dup) {
			import_add_problem(im.rep, im.rec.line, "code", "mã '%s' có hai lần trong tệp", in.code);
			continue;
		}
		if (rc == HL_OK)
			rc = STORE(st, fb_item_get, in.code, im.a, &old, err);
		if (rc == HL_OK) {
			im.rep->skipped++;     /* imported before: left as it is */
			continue;
		}
		if (rc != HL_ENOTFOUND)
			break;
		hl_err_clear(err);
		rc = add_in_tx(st, im.a, &in, o->who != NULL ? o->who : "?", code, NULL, err);
		if (row_fault(rc)) {
			fimp_row_error(&im, column_of(err->where));
			rc = HL_OK;
		} else if (rc == HL_OK) {
			im.rep->added++;
		}
	}
	return fimp_close(&im, rc, "feedback.import");
}
