/* report_model.h — the report (SPEC §5, issue 4): one model built from the store
 * for a period and a scope, rendered by rpt_pdf.c, rpt_xlsx.c, rpt_csv.c and
 * rpt_html.c. Renderers only lay out what is here; every figure is computed
 * once, in rpt_build. */
#ifndef HL_RPT_MODEL_H
#define HL_RPT_MODEL_H

#include <stdbool.h>
#include <stdint.h>

#include "base/err.h"
#include "core/date.h"
#include "core/period.h"
#include "store/store.h"
#include "svc/indexq.h"
#include "svc/themes.h"
#include "svc/trend.h"

struct hl_arena;

#define RPT_MAX_LEVELS 10
#define RPT_EXAMPLES 3

struct rpt_opts {
	struct hl_period period;
	const char *unit;   /* the report of one unit ... */
	const char *under;  /* ... or of a supervising office over its units */
	bool internal;      /* include per-civil-servant results (never published) */
	const char *number; /* "Số: 12/BC-UBND"; NULL = "Số:      /BC-UBND" to fill by hand */
	hl_day date;        /* the document's date; HL_DAY_NONE = today */
	const char *signer; /* the signer's name under the signature; NULL = left blank */
	bool scan;          /* read every response even where the rollups could
	                            * answer (tests compare the two ways) */
};

struct rpt_count {
	const char *code; /* channel "kiosk" / field code */
	const char *name; /* Vietnamese */
	int64_t n;
};

/* Answer distribution of one question over the units in scope. */
struct rpt_question {
	const char *instrument;      /* "sipas-5@1" */
	const char *instrument_name; /* its name: "Phiếu khảo sát …" (may be NULL) */
	const char *code, *text, *criterion;
	int nlevels;
	const char *label[RPT_MAX_LEVELS];
	bool satisfied[RPT_MAX_LEVELS];
	int64_t count[RPT_MAX_LEVELS];
	int64_t valid, no_answer;
};

struct rpt_theme {
	int theme; /* enum theme_id */
	const char *name;
	int64_t count; /* comments with this theme (each comment once per theme) */
	const char *example[RPT_EXAMPLES]; /* a few comments, NFC, as written: any in an
	                                     * internal report, else only those a clerk
	                                     * approved for publication (svc/comments.h) */
	int nexamples;
	int64_t example_id[RPT_EXAMPLES]; /* the responses they come from */
};

/* Results per civil servant (internal reports only). */
struct rpt_staff {
	const char *code, *name, *unit;
	int64_t n;    /* responses naming this person */
	double value; /* satisfied / valid answers x 100 over all criteria */
	bool valid;
};

/* A criterion below its target, for the unit the report is about. */
struct rpt_below {
	const char *unit, *criterion, *criterion_name;
	double value, target;
	/* The matching tasks of the unit's improvement plan for the period's
	 * year (issue 6, svc/plan.h), in the plan's order: their text and, when
	 * status is not NULL, each one's status in Vietnamese ("Đang thực hiện")
	 * and number in the plan. */
	int ntasks;
	const char **tasks;
	const char **status;
	const int *task_no;
	/* The criterion's value in the whole year before (before the plan of
	 * plan_year; value is the one after, in the period). */
	bool has_before;
	double before;
	int plan_year;
};

/* Feedback (phản ánh, kiến nghị; issue 6) of one unit over the period:
 * svc/feedback.h's monthly figures summed; score 2/1/0 over the sums. */
struct rpt_feedback {
	const char *unit; /* the unit's name */
	long received, answered, due, on_time, rated, satisfied;
	int score;
};

/* A unit's follow-up cases (issue 14 §1), beside its TT: opened in the
 * period, closed by the document's day, closed by their due time, with a
 * dossier (a callback can be made), called back. */
#define RPT_FOLLOW_NOTE \
	"Vụ việc: mỗi phiếu có từ một nửa số câu trả lời hợp lệ ở mức chưa hài lòng, hoặc " \
	"kèm phản ánh, mở một vụ việc khắc phục; đúng hạn: đóng trong số ngày làm việc của " \
	"đơn vị (mặc định 15); gọi lại người dân khi phiếu cho biết mã hồ sơ."
struct rpt_follow {
	const char *unit; /* the unit's name */
	long opened, closed, in_time, dossiers, callbacks;
	bool tt_valid;
	double tt; /* the unit's TT in the period, when valid */
};

/* Plain means of units' values, criterion by criterion (SIPAS last). */
struct rpt_mean {
	double value[HL_IDX_MAXCELLS];
	bool valid[HL_IDX_MAXCELLS];
	int64_t n; /* responses behind the units' SIPAS */
};

/* The units of one type in the documents' tables: index->units[order[i]]
 * for i in [first, first + n) (svc/order.h). */
struct rpt_group {
	const char *type, *name; /* "ubnd-xa", "UBND cấp xã" */
	size_t first, n;
	struct rpt_mean mean;
};

struct sc_result;

struct rpt_model {
	struct rpt_opts o;
	char period_label[96]; /* "Quý III/2025" */
	const char *
		issuer_parent; /* upper line of the heading: "UBND THÀNH PHỐ NHA TRANG" (may be "") */
	const char *issuer; /* "ỦY BAN NHÂN DÂN PHƯỜNG BẮC NHA TRANG" */
	const char *place; /* "Bắc Nha Trang" for "Bắc Nha Trang, ngày … tháng … năm …" */
	const char *title;    /* "BÁO CÁO" */
	const char *subtitle; /* "Kết quả khảo sát mức độ hài lòng … Quý III/2025" */
	const char *note;     /* under the title when the subject has ended: "Phường Vĩnh Thọ
	                            * đã sáp nhập vào …; … ban hành báo cáo này." (NULL = none) */
	const char *symbol;   /* the issuer's abbreviation after a number: "UBND", "TYT", "" */
	const struct store_unit *subject; /* the unit, or the supervising office */
	struct iq_result *index; /* the table: units × criteria, targets, changes, ranks */
	size_t *order;           /* index->units as documents list them: by type, then name
	                            * (the CSV and the long sheet keep the index's order) */
	int ngroups;
	struct rpt_group *groups; /* the types met, in that order */
	bool means;               /* a supervising office's report: a mean row per type and,
	                            * with several types, one of every unit (mean) */
	struct rpt_mean mean;
	int64_t responses;    /* in scope and period (counted ones) */
	bool rollups_missing; /* the store's rollups were never built (a database
	                            * older than them): every response was read; the
	                            * caller suggests `hailong tallies rebuild` */
	int nchannels, nfields, nquestions, nthemes, nstaff, nbelow;
	struct rpt_count *channels, *fields;
	struct rpt_question *questions;
	struct rpt_theme *themes;
	struct rpt_staff *staff; /* NULL unless o.internal */
	struct rpt_below *below;
	const char *recipients[8]; /* "Nơi nhận" lines */
	int nrecipients;
	const char *signer_title; /* "TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH" */
	const char *signer;       /* o.signer, or "" */
	struct trend *trend; /* month by month up to the period's end; NULL for a custom range */
	int nfeedback;       /* units with feedback in the period (0: the section is left out) */
	struct rpt_feedback *feedback;
	int nfollow; /* units with follow-up cases opened in the period (0: left out) */
	struct rpt_follow *follow;
	struct sc_result *score766; /* Decision 766's ratios per unit (svc/score766.h),
	                             * as of the document's day; no rows: left out */
};

/* Build the report for o from st; everything lives in a. HL_ENOTFOUND for an
 * unknown unit, HL_EINVAL for a period with no counted response in scope,
 * each with a Vietnamese message naming what to change. */
int rpt_build(struct store *st, struct hl_arena *a, const struct rpt_opts *o,
	struct rpt_model **out, struct hl_err *err);

/* Fill m's heading for a document issued by unit u (parent may be NULL):
 * issuer_parent, issuer, place, symbol and signer_title, in a (the written
 * answer to feedback uses it, report/fb_letter.c). */
int rpt_letterhead(struct hl_arena *a, const struct store_unit *u, const struct store_unit *parent,
	struct rpt_model *m, struct hl_err *err);

/* The report's formats; the renderers are report/render.h. */
enum rpt_format { RPT_PDF, RPT_XLSX, RPT_CSV, RPT_HTML };

/* Parse "pdf", "xlsx", "csv" or "html"; -1 otherwise. */
int rpt_format_of(const char *name);

/* A renderer of m to path in format f (report/render.h's rpt_render), handed
 * down by the caller: svc builds the model, it never calls report/. */
typedef int (*rpt_render_fn)(const struct rpt_model *m, enum rpt_format f, const char *path,
	struct hl_err *err);

#endif
