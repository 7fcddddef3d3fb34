/* plan_label.c — the improvement plan's criteria, schedules and statuses
 * (plan_label.h).
 *
 * Two schedules of the appendix fit none of the codes, so they have
 * their own: khi-co-thay-doi ("Thực hiện ngay sau khi có sự thay đổi thông
 * tin") and khi-tiep-nhan ("Khi tiếp nhận các phản ánh, kiến nghị của cá
 * nhân, tổ chức"). */
#include "core/plan_label.h"

#include <stdio.h>
#include <string.h>

#include "core/date.h"

/* ---- criteria, schedules, statuses ---- */

static const struct {
	const char *code, *name;
} crits[PLAN_NCRIT] = {
	{"TC", "Tiếp cận dịch vụ"},
	{"HC", "Thủ tục hành chính"},
	{"PV", "Sự phục vụ của công chức, viên chức"},
	{"KQ", "Kết quả giải quyết công việc"},
	{"TT", "Tiếp nhận và xử lý thông tin phản hồi"},
};

int plan_crit_index(const char *code)
{
	for (int i = 0; code != NULL && i < PLAN_NCRIT; i++)
		if (strcmp(code, crits[i].code) == 0)
			return i;
	return -1;
}

const char *plan_crit_code(int i)
{
	return i >= 0 && i < PLAN_NCRIT ? crits[i].code : "";
}

const char *plan_crit_name(int i)
{
	return i >= 0 && i < PLAN_NCRIT ? crits[i].name : "";
}

const char *plan_crit_roman(int i)
{
	static const char *const roman[PLAN_NCRIT] = {"I", "II", "III", "IV", "V"};

	return i >= 0 && i < PLAN_NCRIT ? roman[i] : "";
}

/* Schedules without a date; label NULL = needs the year (see below). */
static const struct {
	const char *code, *label;
} scheds[] = {
	{"thuong-xuyen", "Thường xuyên"},
	{"trong-nam", NULL},
	{"quy-1", NULL},
	{"quy-2", NULL},
	{"quy-3", NULL},
	{"quy-4", NULL},
	{"thu-sau-hang-tuan", "Định kỳ thứ sáu hằng tuần"},
	{"khi-co-thay-doi", "Thực hiện ngay sau khi có sự thay đổi thông tin"},
	{"khi-tiep-nhan", "Khi tiếp nhận các phản ánh, kiến nghị của cá nhân, tổ chức"},
};

#define NSCHED ((int)(sizeof(scheds) / sizeof(scheds[0])))

static int sched_index(const char *s)
{
	for (int i = 0; s != NULL && i < NSCHED; i++)
		if (strcmp(s, scheds[i].code) == 0)
			return i;
	return -1;
}

const char *plan_schedule_code(int i)
{
	return i >= 0 && i < NSCHED ? scheds[i].code : NULL;
}

/* A schedule that is a day: exactly YYYY-MM-DD and a real day. */
static bool sched_day(const char *s, hl_day *day)
{
	return s != NULL && strlen(s) == 10 && hl_day_parse(s, day);
}

bool plan_schedule_ok(const char *s)
{
	hl_day d;

	return sched_index(s) >= 0 || sched_day(s, &d);
}

char *plan_schedule_label(const char *s, int year, char *buf, size_t size)
{
	static const char *const roman[] = {"I", "II", "III", "IV"};
	int i = sched_index(s);
	hl_day d;

	if (i >= 0 && scheds[i].label != NULL)
		snprintf(buf, size, "%s", scheds[i].label);
	else if (i >= 0 && strcmp(s, "trong-nam") == 0)
		snprintf(buf, size, year > 0 ? "Trong năm %d" : "Trong năm", year);
	else if (i >= 0)
		snprintf(buf, size, year > 0 ? "Quý %s/%d" : "Quý %s", roman[s[4] - '1'], year);
	else if (sched_day(s, &d))
		hl_day_vn(d, buf, size);
	else
		snprintf(buf, size, "%s", s != NULL ? s : "");
	return buf;
}

static const struct {
	const char *code, *label;
} statuses[] = {
	{"chua-bat-dau", "Chưa bắt đầu"},
	{"dang-thuc-hien", "Đang thực hiện"},
	{"hoan-thanh", "Hoàn thành"},
	{"qua-han", "Quá hạn"},
};

char *plan_period_label(const struct hl_period *p, char *buf, size_t size)
{
	hl_period_label(p, buf, size);
	if (buf[0] >= 'A' && buf[0] <= 'Z')
		buf[0] = (char)(buf[0] - 'A' + 'a');
	return buf;
}

const char *plan_status_code(int i)
{
	return i >= 0 && (size_t)i < sizeof(statuses) / sizeof(statuses[0]) ? statuses[i].code :
									      NULL;
}

bool plan_status_ok(const char *s)
{
	return plan_status_label(s)[0] != '\0';
}

const char *plan_status_label(const char *s)
{
	for (size_t i = 0; s != NULL && i < sizeof(statuses) / sizeof(statuses[0]); i++)
		if (strcmp(s, statuses[i].code) == 0)
			return statuses[i].label;
	return "";
}
