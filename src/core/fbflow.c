/* fbflow.c — the feedback state machine and its vocabulary (fbflow.h). */
#include "core/fbflow.h"

#include <stdio.h>
#include <string.h>

/* ---- the vocabulary ---- */

#define NELEM(a) ((int)(sizeof(a) / sizeof((a)[0])))

static const char *const channel_codes[] = {
	[FB_COUNTER] = "counter",
	[FB_HOTLINE] = "hotline",
	[FB_LETTER] = "letter",
	[FB_WEB] = "web",
	[FB_KIOSK] = "kiosk",
	[FB_PORTAL] = "portal",
};
static const char *const channel_labels[] = {
	[FB_COUNTER] = "Trực tiếp tại bộ phận tiếp nhận",
	[FB_HOTLINE] = "Đường dây nóng",
	[FB_LETTER] = "Thư, văn bản",
	[FB_WEB] = "Trang thông tin điện tử",
	[FB_KIOSK] = "Máy kiosk",
	[FB_PORTAL] = "Hệ thống tiếp nhận phản ánh, kiến nghị",
};
static const char *const kind_codes[] = {
	[FB_PAKN] = "pakn",
	[FB_KHIEU_NAI] = "khieu-nai",
	[FB_TO_CAO] = "to-cao",
};
static const char *const kind_labels[] = {
	[FB_PAKN] = "Phản ánh, kiến nghị",
	[FB_KHIEU_NAI] = "Khiếu nại",
	[FB_TO_CAO] = "Tố cáo",
};
static const char *const class_codes[] = {
	[FB_NOT_ACCEPTED] = "khong-tiep-nhan",
	[FB_CONDUCT] = "hanh-vi",
	[FB_RULE_IN] = "quy-dinh-trong-tham-quyen",
	[FB_RULE_OUT] = "quy-dinh-ngoai-tham-quyen",
};
static const char *const class_labels[] = {
	[FB_NOT_ACCEPTED] = "Không tiếp nhận",
	[FB_CONDUCT] = "Hành vi hành chính của cơ quan, cán bộ, công chức",
	[FB_RULE_IN] = "Quy định hành chính thuộc thẩm quyền",
	[FB_RULE_OUT] = "Quy định hành chính ngoài thẩm quyền",
};
static const char *const state_labels[] = {
	[FB_RECEIVED] = "Đã tiếp nhận",
	[FB_CLASSIFIED] = "Đã phân loại",
	[FB_FORWARDED] = "Đã chuyển xử lý",
	[FB_ANSWERED] = "Đã trả lời",
	[FB_PUBLISHED] = "Đã công khai",
	[FB_CLOSED] = "Đã đóng",
	[FB_REOPENED] = "Mở lại",
};
static const char *const step_codes[] = {
	[FB_DO_CLASSIFY] = "classify",
	[FB_DO_FORWARD] = "forward",
	[FB_DO_ANSWER] = "answer",
	[FB_DO_PUBLISH] = "publish",
	[FB_DO_RATE] = "rate",
	[FB_DO_NOTHING] = "closed",
};
static const char *const step_labels[] = {
	[FB_DO_CLASSIFY] = "Phân loại",
	[FB_DO_FORWARD] = "Chuyển phòng, ban xử lý",
	[FB_DO_ANSWER] = "Trả lời bằng văn bản",
	[FB_DO_PUBLISH] = "Công khai kết quả",
	[FB_DO_RATE] = "Chờ người gửi đánh giá",
	[FB_DO_NOTHING] = "Đã đóng",
};
static const char *const criteria[] = {"TC", "HC", "PV", "KQ", "TT"};

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
const char *fb_code_label(const char *code)
{
	static const char *const *const tables[][2] = {
		{channel_codes, channel_labels},
		{class_codes, class_labels},
		{kind_codes, kind_labels},
	};
	static const int sizes[] = {NELEM(channel_codes), NELEM(class_codes), NELEM(kind_codes)};

	for (int t = 0; t < NELEM(sizes); t++)
		for (int i = 1; i < sizes[t]; i++)
			if (tables[t][0][i] != NULL && strcmp(code, tables[t][0][i]) == 0)
				return tables[t][1][i];
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
