/* timeliness.c — dossier classes, the on-time rate and the rule breaks of
 * timeliness.h (RULES.md §6). */
#include "core/timeliness.h"

#include <stdio.h>
#include <string.h>

#include "core/date.h"

#define DAY_MINUTES 1440

/* The day of a moment (floor, so times before 1970 stay on their day). */
static int64_t day_of(int64_t minute)
{
	return minute >= 0 ? minute / DAY_MINUTES : -((-minute + DAY_MINUTES - 1) / DAY_MINUTES);
}

enum tl_class tl_finished_class(int64_t due_at, int64_t finished_at)
{
	if (finished_at > due_at)
		return TL_LATE;
	return day_of(finished_at) < day_of(due_at) ? TL_EARLY : TL_ON_TIME;
}

enum tl_class tl_classify(int64_t received_at, int64_t due_at, int64_t finished_at, int64_t at)
{
	if (received_at > at)
		return TL_NONE;
	if (finished_at >= 0 && finished_at <= at)
		return tl_finished_class(due_at, finished_at);
	return at > due_at ? TL_OVERDUE : TL_PENDING;
}

const char *tl_class_name(enum tl_class c)
{
	static const char *const names[TL_NCLASS] = {"", "early", "on_time", "late", "pending",
		"overdue"};

	return c > TL_NONE && c < TL_NCLASS ? names[c] : "";
}

const char *tl_class_label(enum tl_class c)
{
	static const char *const labels[TL_NCLASS] = {"", "Trước hạn", "Đúng hạn", "Trễ hạn",
		"Đang giải quyết", "Quá hạn"};

	return c > TL_NONE && c < TL_NCLASS ? labels[c] : "";
}

static const char *const channel_names[TL_NCHANNEL] = {"", "online", "direct", "post"};

enum tl_channel tl_channel_parse(const char *s)
{
	for (int c = TL_CH_ONLINE; c < TL_NCHANNEL; c++)
		if (strcmp(s, channel_names[c]) == 0)
			return (enum tl_channel)c;
	return TL_CH_NONE;
}

const char *tl_channel_name(enum tl_channel c)
{
	return c > TL_CH_NONE && c < TL_NCHANNEL ? channel_names[c] : "";
}

int64_t tl_finished(const struct tl_counts *c)
{
	return c->n[TL_EARLY] + c->n[TL_ON_TIME] + c->n[TL_LATE];
}

int64_t tl_total(const struct tl_counts *c)
{
	return tl_finished(c) + c->n[TL_PENDING] + c->n[TL_OVERDUE];
}

bool tl_on_time_pct(const struct tl_counts *c, double *pct)
{
	int64_t fin = tl_finished(c);

	*pct = 0;
	if (fin <= 0)
		return false;
	*pct = 100.0 * (double)(c->n[TL_EARLY] + c->n[TL_ON_TIME]) / (double)fin;
	return true;
}

const char *tl_rule_code(enum tl_rule r)
{
	static const char *const codes[TL_NRULES] = {"supplement-more-than-once",
		"rescheduled-more-than-once", "late-without-apology", "online-received-late"};

	return r >= 0 && r < TL_NRULES ? codes[r] : "";
}

char *tl_fmt_hours(int64_t minutes, char *buf, size_t size)
{
	snprintf(buf, size, "%lld:%02d", (long long)(minutes / 60), (int)(minutes % 60));
	return buf;
}

/* "dd/mm/yyyy HH:MM" of a moment into buf. */
static char *fmt_moment(int64_t m, char *buf, size_t size)
{
	char day[16];
	int64_t d = day_of(m), mm = m - d * DAY_MINUTES;

	snprintf(buf, size, "%s %02d:%02d", hl_day_vn((hl_day)d, day, sizeof(day)), (int)(mm / 60),
		(int)(mm % 60));
	return buf;
}

int tl_breaks(const struct tl_dossier *d, int64_t at, const struct wc_sched *s,
	int64_t online_minutes, struct tl_break *out, int *n, struct hl_err *err)
{
	enum tl_class c = tl_classify(d->received_at, d->due_at, d->finished_at, at);
	char a[32], b[32];

	*n = 0;
	if (d->supplements > 1) {
		out[*n].rule = TL_R_SUPPLEMENT;
		snprintf(out[*n].detail, TL_DETAIL_MAX, "bổ sung %d lần", d->supplements);
		(*n)++;
	}
	if (d->reschedules > 1) {
		out[*n].rule = TL_R_RESCHEDULE;
		snprintf(out[*n].detail, TL_DETAIL_MAX, "hẹn lại %d lần", d->reschedules);
		(*n)++;
	}
	if ((c == TL_LATE || c == TL_OVERDUE) && !d->apology) {
		out[*n].rule = TL_R_NO_APOLOGY;
		if (c == TL_LATE)
			snprintf(out[*n].detail, TL_DETAIL_MAX,
				"hoàn thành %s, hạn %s, không có phiếu "
				"xin lỗi",
				fmt_moment(d->finished_at, a, sizeof(a)),
				fmt_moment(d->due_at, b, sizeof(b)));
		else
			snprintf(out[*n].detail, TL_DETAIL_MAX,
				"quá hạn từ %s, chưa có phiếu xin lỗi",
				fmt_moment(d->due_at, b, sizeof(b)));
		(*n)++;
	}
	if (d->channel == TL_CH_ONLINE && d->submitted_at >= 0 && d->received_at >= 0) {
		int64_t used;
		int rc;

		if (s == NULL)
			return hl_err_set(err, HL_EINVAL, HL_HERE,
				"thiếu lịch làm việc để tính thời gian tiếp nhận hồ sơ trực tuyến");
		rc = wc_between(s, d->submitted_at, d->received_at, &used, err);
		if (rc != HL_OK)
			return rc;
		if (used > online_minutes) {
			out[*n].rule = TL_R_ONLINE_LATE;
			snprintf(out[*n].detail, TL_DETAIL_MAX,
				"tiếp nhận sau %s giờ làm việc (quá %s)",
				tl_fmt_hours(used, a, sizeof(a)),
				tl_fmt_hours(online_minutes, b, sizeof(b)));
			(*n)++;
		}
	}
	return HL_OK;
}
