/* rpt_grid.c — the feedback and follow-up tables beside TT (rpt_grid.h). */
#include "report/rpt_grid.h"

static struct rpt_gval count(long long n)
{
	return (struct rpt_gval){false, true, n, 0};
}

/* 100·part/whole, missing when whole is 0. */
static struct rpt_gval pct(long long part, long long whole)
{
	return (struct rpt_gval){true, whole > 0, 0,
		whole > 0 ? 100.0 * (double)part / (double)whole : 0};
}

/* ---- feedback (issue 6) ---- */

static const struct rpt_gcol fb_cols[] = {
	{"Đơn vị", "feedback_unit", 0.28, RG_LEFT, RG_ALL},
	{"Tiếp nhận", "received", 0.1, RG_RIGHT, RG_ALL},
	{"Đã trả lời", "answered", 0.1, RG_RIGHT, RG_ALL},
	{"Đến hạn", "due", 0.1, RG_RIGHT, RG_ALL},
	{"Đúng hạn", "on_time", 0.1, RG_RIGHT, RG_ALL},
	{"Tỷ lệ đúng hạn (%)", "on_time_pct", 0.12, RG_RIGHT, RG_ALL},
	{"Điểm", "score", 0.08, RG_CENTER, RG_ALL},
	{"Số đánh giá", "rated", 0, RG_RIGHT, RG_SHEET | RG_CSV},
	{NULL, "satisfied", 0, RG_RIGHT, RG_CSV},
	{"Hài lòng với trả lời (%)", "satisfied_pct", 0.12, RG_RIGHT, RG_ALL},
};

static int fb_rows(const struct rpt_model *m)
{
	return m->nfeedback;
}

static const char *fb_row(const struct rpt_model *m, int i, struct rpt_gval *v)
{
	const struct rpt_feedback *f = &m->feedback[i];

	v[1] = count(f->received);
	v[2] = count(f->answered);
	v[3] = count(f->due);
	v[4] = count(f->on_time);
	v[5] = pct(f->on_time, f->due);
	v[6] = count(f->score);
	v[7] = count(f->rated);
	v[8] = count(f->satisfied);
	v[9] = pct(f->satisfied, f->rated);
	return f->unit;
}

static const struct rpt_grid feedback = {"Phản ánh, kiến nghị (tiêu chí TT)",
	"PHẢN ÁNH, KIẾN NGHỊ (TIÊU CHÍ TT)", "Phản ánh",
	"Điểm theo Thông tư 01/2018/TT-VPCP: 2 khi mọi phản ánh đến hạn được trả "
	"lời đúng hạn (hoặc không có phản ánh), 1 khi từ 90 % trở lên, 0 khi dưới 90 %.",
	10, fb_cols, fb_rows, fb_row};

/* ---- follow-up cases (issue 14 §1) ---- */

static const struct rpt_gcol fu_cols[] = {
	{"Đơn vị", "follow_unit", 0.28, RG_LEFT, RG_ALL},
	{"Chỉ số TT (%)", "tt", 0.11, RG_RIGHT, RG_ALL},
	{"Vụ việc mở", "opened", 0.1, RG_RIGHT, RG_ALL},
	{"Đã đóng", "closed", 0.1, RG_RIGHT, RG_ALL},
	{"Đóng đúng hạn", "in_time", 0.1, RG_RIGHT, RG_ALL},
	{"Tỷ lệ đúng hạn (%)", "in_time_pct", 0.11, RG_RIGHT, RG_ALL},
	{"Có mã hồ sơ", "dossiers", 0.1, RG_RIGHT, RG_ALL},
	{"Đã gọi lại", "callbacks", 0.1, RG_RIGHT, RG_ALL},
};

static int fu_rows(const struct rpt_model *m)
{
	return m->nfollow;
}

static const char *fu_row(const struct rpt_model *m, int i, struct rpt_gval *v)
{
	const struct rpt_follow *f = &m->follow[i];

	v[1] = (struct rpt_gval){true, f->tt_valid, 0, f->tt};
	v[2] = count(f->opened);
	v[3] = count(f->closed);
	v[4] = count(f->in_time);
	v[5] = pct(f->in_time, f->opened);
	v[6] = count(f->dossiers);
	v[7] = count(f->callbacks);
	return f->unit;
}

static const struct rpt_grid follow = {"Khắc phục ý kiến chưa hài lòng (tiêu chí TT)",
	"KHẮC PHỤC Ý KIẾN CHƯA HÀI LÒNG (TIÊU CHÍ TT)", "Khắc phục", RPT_FOLLOW_NOTE, 8, fu_cols,
	fu_rows, fu_row};

const struct rpt_grid *const rpt_grids[RPT_NGRIDS] = {&feedback, &follow};
