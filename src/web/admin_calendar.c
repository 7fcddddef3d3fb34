/* admin_calendar.c — /admin/calendar, for a clerk and up: the working
 * calendar the deadlines are counted on, as `hailong calendar` keeps it:
 * a unit's office hours with the day each rule starts (set here from
 * morning and afternoon times, with a winter timetable when it differs),
 * the hours in force today, the year's holidays, nghỉ bù and làm bù days;
 * for an administrator of everything also the hours of every unit without
 * its own, the import of a holiday decision (CSV, the same importer as
 * `hailong calendar import`) and the 24/11 switch. Through svc/calendar.h
 * on the server's writer, audited as web:NAME. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/arena.h"
#include "base/clock.h"
#include "base/mem.h"
#include "svc/calendar.h"
#include "svc/import.h"
#include "svc/ingest.h"
#include "web/admin.h"
#include "web/pages.h"
#include "web/pick.h"

#define SPEC_MAX 512

static const char *const weekdays[7] = {"Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu",
	"Thứ Bảy", "Chủ nhật"};

static hl_day today(void)
{
	return hl_clock_today();
}

/* ?year= or this year. */
static int year_of(const char *s)
{
	int y, m, d;
	long v = s != NULL ? strtol(s, NULL, 10) : 0;

	if (v >= CAL_YEAR_MIN && v <= CAL_YEAR_MAX)
		return (int)v;
	hl_day_to_ymd(today(), &y, &m, &d);
	return y;
}

static const struct store_unit *chosen(const struct store_unit *u, size_t n, const char *code)
{
	for (size_t i = 0; code != NULL && i < n; i++)
		if (strcmp(u[i].code, code) == 0)
			return &u[i];
	return n > 0 ? &u[0] : NULL;
}

/* The rules of one unit (or of every unit) as a table. */
static void rules_table(struct hbuf *b, const struct wc_hours *h, size_t n, const char *caption)
{
	char when[16], spec[SPEC_MAX];

	hb_raw(b, "<div class=\"scroll\"><table class=\"hours\"><caption>");
	hb_txt(b, caption);
	hb_raw(b,
		"</caption><thead><tr><th scope=\"col\">Áp dụng từ</th><th scope=\"col\">Giờ làm "
		"việc</th></tr></thead><tbody>");
	for (size_t i = 0; i < n; i++) {
		hb_raw(b, "<tr><td>");
		hb_txt(b,
			h[i].from == HL_DAY_NONE ? "trước đến nay" :
						   hl_day_vn(h[i].from, when, sizeof(when)));
		hb_txt_in(b, "</td><td>", wc_hours_describe(&h[i], spec, sizeof(spec)),
			"</td></tr>");
	}
	hb_raw(b, "</tbody></table></div>");
}

static void time_pair(struct hbuf *b, const char *name, const char *label, const char *open,
	const char *close)
{
	hb_txt_in(b, "<div class=\"times\"><span class=\"times-label\">", label,
		"</span> <label>từ <input name=\"");
	hb_txt(b, name);
	hb_raw(b,
		"_open\" size=\"5\" inputmode=\"numeric\" autocomplete=\"off\" "
		"placeholder=\"giờ:phút\" value=\"");
	hb_txt(b, open);
	hb_raw(b, "\"></label> <label>đến <input name=\"");
	hb_txt(b, name);
	hb_raw(b,
		"_close\" size=\"5\" inputmode=\"numeric\" autocomplete=\"off\" "
		"placeholder=\"giờ:phút\" value=\"");
	hb_txt(b, close);
	hb_raw(b, "\"></label></div>");
}

/* The form form the office hours, for the units u[0..n) (and every unit, for
 * an administrator of everything), unit selected. */
static void hours_form(struct hbuf *b, struct http_req *r, const struct store_unit *u, size_t n,
	const char *unit)
{
	char day[16];

	page_form(b, r, "admin", "/admin/calendar/hours");
	hb_raw(b, "<fieldset><legend>Đặt giờ làm việc</legend><label>Áp dụng cho ");
	/* "": every unit without its own (cal_set_hours_by) */
	web_unit_select(b, "unit", u, n, unit,
		admin_global(r) ? "Mọi đơn vị chưa có giờ riêng" : NULL);
	hb_raw(b,
		"</label><label>Từ ngày (để trống: từ trước đến nay) <input class=\"short\" "
		"name=\"from\" size=\"10\" inputmode=\"numeric\" autocomplete=\"off\" placeholder=\"ngày/tháng/năm\" "
		"value=\"");
	hb_txt(b, hl_day_vn(today(), day, sizeof(day)));
	hb_raw(b, "\"></label>");
	time_pair(b, "am", "Buổi sáng", "07:30", "11:30");
	time_pair(b, "pm", "Buổi chiều (để trống nếu không làm)", "13:30", "17:00");
	hb_raw(b,
		"<details><summary>Giờ mùa đông khác giờ mùa hè</summary><p class=\"note\">Điền "
		"phần này khi đơn vị làm việc theo hai mùa: giờ ở trên là giờ mùa hè.</p><label>Mùa hè "
		"bắt đầu từ ngày (ngày/tháng) <input class=\"short\" name=\"summer\" size=\"5\" autocomplete=\"off\" "
		"placeholder=\"01/04\"></label><label>Mùa đông bắt đầu từ ngày (ngày/tháng) <input "
		"class=\"short\" name=\"winter\" size=\"5\" autocomplete=\"off\" placeholder=\"01/10\"></label>");
	time_pair(b, "wam", "Mùa đông, buổi sáng", "", "");
	time_pair(b, "wpm", "Mùa đông, buổi chiều", "", "");
	hb_raw(b, "</details><button type=\"submit\">Đặt giờ làm việc</button></fieldset></form>");
}

static int calendar_page(struct http_req *r, const char *unit_code, const struct hl_err *e,
	const struct import_report *rep, const char *csv)
{
	struct store_unit *u = NULL;
	const struct store_unit *unit;
	struct cal *c = NULL;
	struct wc_entry *days = NULL;
	const struct wc_hours *own, *now;
	struct wc_sched s;
	size_t n = 0, nown = 0, ndays = 0;
	struct hl_err err = {0};
	char buf[SPEC_MAX], day[16];
	struct hbuf b;
	int y = year_of(http_query(r, "year")), culture;

	if (web_units(r, &u, &n, &err) != HL_OK || cal_load(r->st, &c, &err) != HL_OK)
		return http_send_err(r, &err);
	unit = chosen(u, n, unit_code);
	if (wc_year_entries(cal_days(c), y, &days, &ndays, &err) != HL_OK ||
		cal_unit(c, unit != NULL ? unit->id : 0, &s, &err) != HL_OK) {
		cal_free(c);
		hl_free(days);
		return http_send_err(r, &err);
	}
	admin_begin(&b, r, 1 << 20, "Lịch làm việc", e);
	if (rep != NULL)
		admin_import_problems(&b, rep);
	hb_raw(&b,
		"<p>Thời hạn xử lý phản ánh, kiến nghị và hồ sơ được tính theo lịch này: chỉ "
		"trong giờ làm việc của ngày làm việc.</p><form class=\"inline\" method=\"get\" "
		"action=\"/admin/calendar\"><label>Đơn vị ");
	web_unit_select(&b, "unit", u, n, unit != NULL ? unit->code : NULL, NULL);
	hb_printf(&b,
		"</label> <label>Năm <input name=\"year\" inputmode=\"numeric\" size=\"6\" "
		"value=\"%d\"></label> <button type=\"submit\">Xem</button></form>",
		y);

	/* ---- hours ---- */
	hb_raw(&b, "<section aria-labelledby=\"gio\"><h2 id=\"gio\">Giờ làm việc");
	if (unit != NULL) {
		hb_raw(&b, " của ");
		hb_txt(&b, unit->name);
	}
	now = cal_hours_in_force(&s, today());
	if (now == NULL) {
		struct wc_hours dflt;

		wc_hours_default(&dflt);
		wc_hours_describe(&dflt, buf, sizeof(buf));
	} else {
		wc_hours_describe(now, buf, sizeof(buf));
	}
	hb_txt_in(&b, "</h2><p>Hôm nay (", hl_day_vn(today(), day, sizeof(day)), "): <strong>");
	hb_txt(&b, buf);
	hb_raw(&b, "</strong>.</p>");
	own = cal_own_hours(c, unit != NULL ? unit->id : 0, &nown);
	if (unit != NULL && nown > 0)
		rules_table(&b, own, nown, "Giờ riêng của đơn vị");
	else if (unit != NULL)
		hb_raw(&b,
			"<p class=\"note\">Đơn vị chưa đặt giờ riêng: theo giờ của đơn vị cấp trên, "
			"giờ chung cho mọi đơn vị, hoặc giờ mặc định 07:30–11:30, 13:30–17:00.</p>");
	own = cal_own_hours(c, 0, &nown);
	if (nown > 0)
		rules_table(&b, own, nown, "Giờ chung cho mọi đơn vị chưa có giờ riêng");
	if (n > 0 || admin_global(r))
		hours_form(&b, r, u, n, unit != NULL ? unit->code : NULL);
	hb_raw(&b, "</section>");

	/* ---- days ---- */
	hb_printf(&b,
		"<section aria-labelledby=\"ngay\"><h2 id=\"ngay\">Ngày nghỉ lễ, nghỉ bù, "
		"làm bù năm %d</h2><p class=\"note\">Các ngày khác thường lệ (thứ Hai đến thứ Sáu làm "
		"việc, thứ Bảy và Chủ nhật nghỉ).</p><div class=\"scroll\"><table class=\"days\">"
		"<thead><tr><th scope=\"col\">Ngày</th><th scope=\"col\">Thứ</th><th scope=\"col\">"
		"Loại</th><th scope=\"col\">Tên</th></tr></thead><tbody>",
		y);
	for (size_t i = 0; i < ndays; i++) {
		hb_txt_in(&b, "<tr><td>", hl_day_vn(days[i].day, day, sizeof(day)), "</td><td>");
		hb_txt(&b, weekdays[hl_day_weekday(days[i].day)]);
		hb_txt_in(&b, "</td><td>", wc_kind_label(days[i].kind), "</td><td>");
		hb_txt(&b, days[i].name);
		hb_raw(&b, "</td></tr>");
	}
	hb_raw(&b, "</tbody></table></div></section>");

	/* ---- the province's settings ---- */
	culture = cal_culture_from(c);
	hb_raw(&b,
		"<section aria-labelledby=\"vh\"><h2 id=\"vh\">Ngày Văn hóa Việt Nam (24/11)"
		"</h2><p>");
	if (culture > 0)
		hb_printf(&b, "Là ngày nghỉ từ năm %d.", culture);
	else
		hb_raw(&b, "Chưa là ngày nghỉ (chưa áp dụng).");
	hb_raw(&b, "</p>");
	if (admin_global(r)) {
		page_form(&b, r, "inline", "/admin/calendar/culture");
		hb_printf(&b,
			"<label>Nghỉ ngày 24/11 từ năm <input name=\"from_year\" size=\"6\" "
			"inputmode=\"numeric\" value=\"%d\"></label> <button type=\"submit\">Áp dụng"
			"</button></form>",
			culture > 0 ? culture : y);
		if (culture > 0) {
			hb_raw(&b,
				"<form class=\"inline\" method=\"post\" "
				"action=\"/admin/calendar/culture\">");
			hb_csrf(&b, r);
			hb_raw(&b,
				"<input type=\"hidden\" name=\"from_year\" value=\"0\"><button "
				"type=\"submit\" class=\"secondary\">Thôi áp dụng</button></form>");
		}
		hb_raw(&b,
			"</section><form class=\"admin\" method=\"post\" "
			"action=\"/admin/calendar/import\">");
		hb_csrf(&b, r);
		hb_raw(&b,
			"<fieldset><legend>Nhập quyết định nghỉ lễ, làm bù</legend><p class=\"note\">"
			"Mỗi năm Chính phủ quyết định các ngày nghỉ dịp Tết và các ngày hoán đổi. Tệp CSV "
			"có cột date (ngày, dạng năm-tháng-ngày), kind (holiday: ngày lễ; day-off: ngày "
			"thường được nghỉ; working-day: thứ Bảy, Chủ nhật làm bù) và name (tên). Mỗi dòng "
			"thay dòng đã có của cùng ngày; tệp có lỗi thì không dòng nào được nhập.</p>");
		admin_csv_input(&b, "csv", "Nội dung tệp CSV", csv);
		hb_raw(&b, "<button type=\"submit\">Nhập quyết định</button></fieldset></form>");
	} else {
		hb_raw(&b,
			"<p class=\"note\">Quản trị toàn hệ thống đặt ngày này và nhập quyết định "
			"nghỉ lễ hằng năm.</p></section>");
	}
	cal_free(c);
	hl_free(days);
	return page_send_for(r, &b, e);
}

int page_admin_calendar(struct http_req *r)
{
	return calendar_page(r, http_query(r, "unit"), NULL, NULL, NULL);
}

/* "HH:MM-HH:MM[,HH:MM-HH:MM]" of the form's times name_open/close and
 * name2_open/close (the second pair may be empty) appended to buf. */
static int spans(struct http_req *r, const char *am, const char *pm, char *buf, size_t size,
	size_t *len, struct hl_err *err)
{
	const char *names[2] = {am, pm};
	int k = 0;

	for (int i = 0; i < 2; i++) {
		char fo[16], fc[16];
		const char *o, *c;
		int mo, mc;

		snprintf(fo, sizeof(fo), "%s_open", names[i]);
		snprintf(fc, sizeof(fc), "%s_close", names[i]);
		o = http_form(r, fo);
		c = http_form(r, fc);
		if (i > 0 && (o == NULL || o[strspn(o, " ")] == '\0') &&
			(c == NULL || c[strspn(c, " ")] == '\0'))
			break;
		if (!wc_time_parse_vn(o != NULL ? o : "", &mo))
			return hl_err_set(err, HL_EINVAL, fo,
				"giờ bắt đầu '%.20s' không hợp lệ: viết "
				"giờ:phút, ví dụ 07:30",
				o != NULL ? o : "");
		if (!wc_time_parse_vn(c != NULL ? c : "", &mc))
			return hl_err_set(err, HL_EINVAL, fc,
				"giờ kết thúc '%.20s' không hợp lệ: viết "
				"giờ:phút, ví dụ 11:30",
				c != NULL ? c : "");
		*len += (size_t)snprintf(buf + *len, *len < size ? size - *len : 0,
			"%s%02d:%02d-%02d:%02d", k++ > 0 ? "," : "", mo / 60, mo % 60, mc / 60,
			mc % 60);
	}
	return *len < size ? HL_OK : hl_err_set(err, HL_EINVAL, HL_HERE, "giờ làm việc quá dài");
}

/* The day and month of a season's start ("01/10") into "MM-DD". */
static int season_start(struct http_req *r, const char *name, char *out, size_t size,
	struct hl_err *err)
{
	const char *s = http_form(r, name);
	int d, m;
	char tail;

	if (s == NULL || sscanf(s, "%2d/%2d%c", &d, &m, &tail) != 2 || m < 1 || m > 12 || d < 1 ||
		d > hl_month_days(2024, m))
		return hl_err_set(err, HL_EINVAL, name,
			"ngày bắt đầu mùa '%.20s' không hợp lệ: "
			"viết ngày/tháng, ví dụ 01/10",
			s != NULL ? s : "");
	snprintf(out, size, "%02d-%02d", m, d);
	return HL_OK;
}

/* The SPEC of core/workcal.h the form describes, into buf. */
static int hours_spec(struct http_req *r, char *buf, size_t size, struct hl_err *err)
{
	const char *winter = http_form(r, "winter"), *summer = http_form(r, "summer");
	char sd[8], wd[8];
	size_t len = 0;
	int rc;

	if ((winter == NULL || winter[strspn(winter, " ")] == '\0') &&
		(summer == NULL || summer[strspn(summer, " ")] == '\0'))
		return spans(r, "am", "pm", buf, size, &len, err);
	if ((rc = season_start(r, "summer", sd, sizeof(sd), err)) != HL_OK ||
		(rc = season_start(r, "winter", wd, sizeof(wd), err)) != HL_OK)
		return rc;
	len = (size_t)snprintf(buf, size, "summer=%s:", sd);
	if ((rc = spans(r, "am", "pm", buf, size, &len, err)) != HL_OK)
		return rc;
	len += (size_t)snprintf(buf + len, len < size ? size - len : 0, ";winter=%s:", wd);
	return spans(r, "wam", "wpm", buf, size, &len, err);
}

struct hours_w {
	struct scope_actor by;
	const char *unit;
	hl_day from;
	char spec[SPEC_MAX];
};

static int write_hours(struct writer_tx *tx, void *arg, struct hl_err *err)
{
	struct hours_w *w = arg;

	return cal_set_hours_by(writer_tx_store(tx), &w->by, w->unit, w->from, w->spec, err);
}

int page_admin_calendar_hours(struct http_req *r)
{
	struct hours_w *w = hl_arena_alloc(r->a, sizeof(*w));
	const char *from = http_form(r, "from");
	struct hl_err err = {0};

	if (w == NULL)
		return http_send_error(r, 500, "internal", "hết bộ nhớ", NULL);
	memset(w, 0, sizeof(*w));
	w->by = web_actor(r);
	w->unit = http_form(r, "unit");
	w->from = HL_DAY_NONE;
	if (from != NULL && from[strspn(from, " ")] != '\0' && !hl_day_parse_vn(from, &w->from))
		hl_err_set(&err, HL_EINVAL, "from",
			"ngày '%.40s' không hợp lệ: viết ngày/tháng/năm, "
			"ví dụ 01/01/2027",
			from);
	if (err.code == HL_OK && hours_spec(r, w->spec, sizeof(w->spec), &err) == HL_OK &&
		srv_write(r, write_hours, w, &err) == HL_OK)
		return admin_back(r, "/admin/calendar", w->unit, "hours");
	return calendar_page(r, w->unit, &err, NULL, NULL);
}

int page_admin_calendar_import(struct http_req *r)
{
	return admin_import_post(r, cal_import, calendar_page,
		"chỉ quản trị toàn hệ thống mới nhập quyết định nghỉ lễ",
		"/admin/calendar?ok=decisions");
}

struct culture_w {
	struct scope_actor by;
	int from_year;
};

static int write_culture(struct writer_tx *tx, void *arg, struct hl_err *err)
{
	struct culture_w *w = arg;

	return cal_set_culture_day_by(writer_tx_store(tx), &w->by, w->from_year, err);
}

int page_admin_calendar_culture(struct http_req *r)
{
	struct culture_w w = {.by = web_actor(r)};
	const char *y = http_form(r, "from_year");
	struct hl_err err = {0};
	char *end;
	long v = y != NULL ? strtol(y, &end, 10) : -1;

	if (y == NULL || *end != '\0' || (v != 0 && (v < CAL_YEAR_MIN || v > CAL_YEAR_MAX))) {
		hl_err_set(&err, HL_EINVAL, "from_year", "năm '%.10s' không hợp lệ (%d–%d)",
			y != NULL ? y : "", CAL_YEAR_MIN, CAL_YEAR_MAX);
		return calendar_page(r, NULL, &err, NULL, NULL);
	}
	w.from_year = (int)v;
	if (srv_write(r, write_culture, &w, &err) != HL_OK)
		return calendar_page(r, NULL, &err, NULL, NULL);
	return http_redirect(r, "/admin/calendar?ok=culture");
}
