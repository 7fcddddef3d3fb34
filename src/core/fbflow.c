/* fbflow.c — the feedback state machine and its vocabulary (fbflow.h). */
#include "core/fbflow.h"

#include <stdio.h>
#include <string.h>

/* ---- the vocabulary ---- */

#define NELEM(a) ((int)(sizeof(a) / sizeof((a)[0])))

enum vocab { V_CHANNEL, V_KIND, V_CLASS, V_STATE, V_STEP };

/* Every word of the vocabulary, each set in the order of its enum (the order
 * parse errors list the codes in); states have no code. */
static const struct word {
	enum vocab set;
	int value;
	const char *code;
	const char *label;
} words[] = {
	{V_CHANNEL, FB_COUNTER, "counter", "Trực tiếp tại bộ phận tiếp nhận"},
	{V_CHANNEL, FB_HOTLINE, "hotline", "Đường dây nóng"},
	{V_CHANNEL, FB_LETTER, "letter", "Thư, văn bản"},
	{V_CHANNEL, FB_WEB, "web", "Trang thông tin điện tử"},
	{V_CHANNEL, FB_KIOSK, "kiosk", "Máy kiosk"},
	{V_CHANNEL, FB_PORTAL, "portal", "Hệ thống tiếp nhận phản ánh, kiến nghị"},
	{V_KIND, FB_PAKN, "pakn", "Phản ánh, kiến nghị"},
	{V_KIND, FB_KHIEU_NAI, "khieu-nai", "Khiếu nại"},
	{V_KIND, FB_TO_CAO, "to-cao", "Tố cáo"},
	{V_CLASS, FB_NOT_ACCEPTED, "khong-tiep-nhan", "Không tiếp nhận"},
	{V_CLASS, FB_CONDUCT, "hanh-vi", "Hành vi hành chính của cơ quan, cán bộ, công chức"},
	{V_CLASS, FB_RULE_IN, "quy-dinh-trong-tham-quyen", "Quy định hành chính thuộc thẩm quyền"},
	{V_CLASS, FB_RULE_OUT, "quy-dinh-ngoai-tham-quyen", "Quy định hành chính ngoài thẩm quyền"},
	{V_STATE, FB_RECEIVED, NULL, "Đã tiếp nhận"},
	{V_STATE, FB_CLASSIFIED, NULL, "Đã phân loại"},
	{V_STATE, FB_FORWARDED, NULL, "Đã chuyển xử lý"},
	{V_STATE, FB_ANSWERED, NULL, "Đã trả lời"},
	{V_STATE, FB_PUBLISHED, NULL, "Đã công khai"},
	{V_STATE, FB_CLOSED, NULL, "Đã đóng"},
	{V_STATE, FB_REOPENED, NULL, "Mở lại"},
	{V_STEP, FB_DO_CLASSIFY, "classify", "Phân loại"},
	{V_STEP, FB_DO_FORWARD, "forward", "Chuyển phòng, ban xử lý"},
	{V_STEP, FB_DO_ANSWER, "answer", "Trả lời bằng văn bản"},
	{V_STEP, FB_DO_PUBLISH, "publish", "Công khai kết quả"},
	{V_STEP, FB_DO_RATE, "rate", "Chờ người gửi đánh giá"},
	{V_STEP, FB_DO_NOTHING, "closed", "Đã đóng"},
};
static const char *const criteria[] = {"TC", "HC", "PV", "KQ", "TT"};

/* The row of value v in set, or NULL. */
static const struct word *word_of(enum vocab set, int v)
{
	for (int i = 0; i < NELEM(words); i++)
		if (words[i].set == set && words[i].value == v)
			return &words[i];
	return NULL;
}

static const char *code_of(enum vocab set, int v)
{
	const struct word *w = word_of(set, v);

	return w != NULL && w->code != NULL ? w->code : "";
}

static const char *label_of(enum vocab set, int v)
{
	const struct word *w = word_of(set, v);

	return w != NULL ? w->label : "";
}

/* The value whose code in set is s, or HL_EINVAL listing the set's codes. */
static int parse_of(enum vocab set, const char *s, const char *what, int *out, struct hl_err *err)
{
	char list[256] = "";
	size_t len = 0;

	for (int i = 0; i < NELEM(words); i++)
		if (words[i].set == set && s != NULL && strcmp(s, words[i].code) == 0) {
			*out = words[i].value;
			return HL_OK;
		}
	for (int i = 0; i < NELEM(words) && len < sizeof(list); i++)
		if (words[i].set == set)
			len += (size_t)snprintf(list + len, sizeof(list) - len, "%s%s",
				len > 0 ? ", " : "", words[i].code);
	return hl_err_set(err, HL_EINVAL, what, "%s '%s' không hợp lệ; cần một trong: %s", what,
		s != NULL ? s : "", list);
}

/* A vocabulary's three public functions: parse a code, its code, its label. */
#define VOCAB_FUNCS(name, set, what) \
	int fb_##name##_parse(const char *s, int *out, struct hl_err *err) \
	{ \
		return parse_of(set, s, what, out, err); \
	} \
	const char *fb_##name##_code(int v) \
	{ \
		return code_of(set, v); \
	} \
	const char *fb_##name##_label(int v) \
	{ \
		return label_of(set, v); \
	}

VOCAB_FUNCS(channel, V_CHANNEL, "kênh")
VOCAB_FUNCS(kind, V_KIND, "loại đơn")
VOCAB_FUNCS(class, V_CLASS, "phân loại")

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
	return label_of(V_STATE, state);
}

const char *fb_step_code(int step)
{
	return code_of(V_STEP, step);
}

const char *fb_step_label(int step)
{
	return label_of(V_STEP, step);
}

const char *fb_code_label(const char *code)
{
	for (int i = 0; i < NELEM(words); i++)
		if (words[i].set <= V_CLASS && strcmp(code, words[i].code) == 0)
			return words[i].label;
	return NULL;
}

/* ---- the pure parts ---- */

enum fb_step fb_next_step(int state)
{
	switch (state) {
	case FB_RECEIVED: return FB_DO_CLASSIFY;
	case FB_CLASSIFIED: return FB_DO_FORWARD;
	case FB_FORWARDED:
	case FB_REOPENED: return FB_DO_ANSWER;
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
		if (state == moves[i].from[0] ||
			(moves[i].from[1] != 0 && state == moves[i].from[1])) {
			/* Not accepted: nothing more is owed; reopened, it is classified again. */
			*next = action == FB_A_CLASSIFY && cls == FB_NOT_ACCEPTED ? FB_CLOSED :
				action == FB_A_REOPEN && cls == FB_NOT_ACCEPTED   ? FB_RECEIVED :
										    moves[i].to;
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
				"bước '%s'); hãy %s trước",
				fb_state_label(state),
				state == FB_RECEIVED ? "phân loại rồi chuyển (feedback classify, "
						       "feedback forward)" :
						       "chuyển (feedback forward MÃ --to PHÒNG)");
		return hl_err_set(err, HL_ECONFLICT, HL_HERE,
			"không thể %s lúc này: phản ánh đang ở bước '%s', bước phải làm tiếp theo là "
			"'%s'",
			moves[i].what, fb_state_label(state), fb_step_label(fb_next_step(state)));
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

bool fb_may_reopen(int state)
{
	return state == FB_CLOSED;
}

hl_day fb_minute_day(int64_t m)
{
	return (hl_day)floor_div(m, 1440);
}

int64_t fb_day_minute(hl_day d)
{
	return (int64_t)d * 1440;
}
