/* store_fault.c — the failing store of store_fault.h. Every operation of
 * each area's table (struct store_units_ops, ...) is forwarded by one line
 * of that area's FAULT_<AREA> list below (its area, its name and the types
 * of its arguments between st and err); the macros F0..F7 make the
 * forwarding function, the table entry and the count from that line, so
 * that a new operation is one line here — and the build fails until it is
 * added. */
#include "store/store_fault.h"

#include <stddef.h>

#include "base/mem.h"
#include "store/store.h"
#include "store/store_q.h"

struct fault {
	struct store st; /* first: what callers hold (store_close frees it) */
	struct store *inner;
	long calls;
	long countdown; /* calls until the failing one, 0 = none armed */
	bool fired;
};

/* Every operation of the areas (open, close, migrate and tx are
 * hand-written below): area, name, then the types of the arguments between
 * st and the final err. */
#define FAULT_units \
	F1(units, unit_put, struct store_unit *) \
	F2(units, unit_get, const char *, struct store_unit *) \
	F3(units, unit_list, struct hl_arena *, struct store_unit **, size_t *) \
	F1(units, lineage_add, const struct store_lineage *) \
	F3(units, lineage_list, struct hl_arena *, struct store_lineage **, size_t *) \
	F1(units, field_put, struct store_field *) \
	F3(units, field_list, struct hl_arena *, struct store_field **, size_t *) \
	F1(units, staff_put, struct store_staff *) \
	F3(units, staff_list, struct hl_arena *, struct store_staff **, size_t *) \
	F1(units, contact_put, const struct store_unit_contact *) \
	F2(units, contact_get, int64_t, struct store_unit_contact *)

#define FAULT_instruments \
	F2(instruments, instrument_put, struct store_instrument *, const char *) \
	F5(instruments, instrument_get, const char *, int, struct hl_arena *, \
		struct store_instrument *, char **) \
	F4(instruments, instrument_get_id, int64_t, struct hl_arena *, struct store_instrument *, \
		char **) \
	F3(instruments, instrument_list, struct hl_arena *, struct store_instrument **, size_t *)

#define FAULT_responses \
	F3(responses, batch_new, const char *, const char *, int64_t *) \
	F2(responses, response_insert, struct store_response *, int64_t *) \
	F5(responses, response_scan, int64_t, hl_day, hl_day, store_response_cb, void *) \
	F5(responses, response_scan_ids, int64_t, int64_t, int64_t, store_core_cb, void *) \
	F3(responses, response_count_after, int64_t, hl_day, int64_t *) \
	F6(responses, response_list_status, int64_t, int, int, struct hl_arena *, \
		struct store_response **, size_t *) \
	F2(responses, response_get, int64_t, struct store_response *) \
	F3(responses, response_get_ext, int64_t, const char *, struct store_response *) \
	F2(responses, response_set_status, int64_t, int) \
	F4(responses, response_count_kiosk_since, int64_t, int64_t, int64_t, int64_t *) \
	F1(responses, response_delete_batch, int64_t) \
	F2(responses, response_stage, const struct store_response *, int64_t) \
	F5(responses, response_stage_flush, int64_t, int64_t, int64_t *, store_seq_cb, void *) \
	F1(responses, response_insert_later, struct store_response *)

#define FAULT_intake \
	F1(intake, receipt_put, const struct store_receipt *) \
	F2(intake, receipt_get, const unsigned char *, struct store_receipt *) \
	F3(intake, receipt_use, const unsigned char *, int64_t, int64_t) \
	F5(intake, receipt_replace, int64_t, const char *, int64_t, int64_t *, int *) \
	F1(intake, paper_batch_put, struct store_paper_batch *) \
	F2(intake, paper_batch_get, int64_t, struct store_paper_batch *) \
	F4(intake, paper_batch_list, int64_t, struct hl_arena *, struct store_paper_batch **, \
		size_t *) \
	F1(intake, paper_entry_put, const struct store_paper_entry *) \
	F3(intake, paper_entry_delete, int64_t, int, int) \
	F5(intake, paper_entry_list, int64_t, int, struct hl_arena *, struct store_paper_entry **, \
		size_t *)

#define FAULT_tallies \
	F2(tallies, tally_merge, enum store_grain, const struct store_tally_row *) \
	F3(tallies, tally_merge_many, enum store_grain, const struct store_tally_row *, size_t) \
	F6(tallies, tally_scan, enum store_grain, bool, hl_day, hl_day, store_tally_cb, void *) \
	F0(tallies, tally_clear) \
	F4(tallies, rollup_merge, int64_t, hl_day, const unsigned char *, size_t) \
	F6(tallies, rollup_scan, const int64_t *, size_t, hl_day, hl_day, store_rollup_cb, void *) \
	F6(tallies, rollup_sum, const int64_t *, size_t, hl_day, hl_day, store_rollup_cb, void *) \
	F0(tallies, rollup_clear) \
	F1(tallies, rollup_ready, bool *)

#define FAULT_accounts \
	F1(accounts, user_put, struct store_user *) \
	F2(accounts, user_get, const char *, struct store_user *) \
	F2(accounts, user_get_id, int64_t, struct store_user *) \
	F3(accounts, user_list, struct hl_arena *, struct store_user **, size_t *) \
	F1(accounts, session_put, const struct store_session *) \
	F3(accounts, session_user, const unsigned char *, struct store_session *, \
		struct store_user *) \
	F1(accounts, session_delete, const unsigned char *) \
	F1(accounts, session_purge, int64_t) \
	F2(accounts, session_delete_user, int64_t, const unsigned char *) \
	F1(accounts, kiosk_put, struct store_kiosk *) \
	F2(accounts, kiosk_get_token, const unsigned char *, struct store_kiosk *) \
	F3(accounts, kiosk_list, struct hl_arena *, struct store_kiosk **, size_t *) \
	F1(accounts, kiosk_revoke, const char *) \
	F2(accounts, kiosk_rename, const char *, const char *) \
	F5(accounts, rate_take, const char *, int64_t, int, int, bool *) \
	F3(accounts, rate_count, const char *, int64_t, int *) \
	F2(accounts, rate_give, const char *, int64_t) \
	F1(accounts, rate_clear, const char *) \
	F1(accounts, rate_purge, int64_t)

#define FAULT_feedback \
	F1(feedback, fb_office_put, struct store_fb_office *) \
	F4(feedback, fb_office_list, int64_t, struct hl_arena *, struct store_fb_office **, \
		size_t *) \
	F2(feedback, fb_item_put, struct store_fb_item *, const char *) \
	F2(feedback, fb_item_update, struct store_fb_item *, const char *) \
	F3(feedback, fb_item_get, const char *, struct hl_arena *, struct store_fb_item *) \
	F3(feedback, fb_item_get_token, const unsigned char *, struct hl_arena *, \
		struct store_fb_item *) \
	F4(feedback, fb_item_list, const struct store_fb_filter *, struct hl_arena *, \
		struct store_fb_item **, size_t *) \
	F4(feedback, fb_item_count, int64_t, int64_t, int64_t, int64_t *) \
	F4(feedback, fb_answer_number, int64_t, int, int64_t, int *) \
	F3(feedback, fb_contact_put, int64_t, const char *, const char *) \
	F4(feedback, fb_contact_get, int64_t, struct hl_arena *, char **, char **) \
	F1(feedback, fb_step_add, const struct store_fb_step *) \
	F4(feedback, fb_step_list, int64_t, struct hl_arena *, struct store_fb_step **, size_t *) \
	F1(feedback, fb_deadline_set, const struct store_fb_deadline *) \
	F3(feedback, fb_deadline_list, struct hl_arena *, struct store_fb_deadline **, size_t *) \
	F3(feedback, fb_idem_get, int64_t, const unsigned char *, struct store_fb_idem *) \
	F1(feedback, fb_idem_put, const struct store_fb_idem *)

#define FAULT_dossiers \
	F1(dossiers, dossier_put, struct store_dossier *) \
	F2(dossiers, dossier_get, const char *, struct store_dossier *) \
	F6(dossiers, dossier_count_by_field, int64_t, hl_day, hl_day, struct hl_arena *, \
		struct store_count **, size_t *) \
	F1(dossiers, dossier_save, struct store_dossier *) \
	F6(dossiers, dossier_sum_scan, int64_t, bool, int, int, store_dsum_cb, void *) \
	F6(dossiers, dossier_open_scan, int64_t, int64_t, int64_t, int64_t, store_dossier_cb, \
		void *) \
	F5(dossiers, dossier_scan, int64_t, int64_t, int64_t, store_dossier_cb, void *) \
	F4(dossiers, dossier_scan_finished, int64_t, int64_t, store_dossier_cb, void *) \
	F2(dossiers, dossier_undo_note, int64_t, const char *) \
	F1(dossiers, dossier_undo, int64_t)

#define FAULT_plans \
	F3(plans, plan_std_list, struct hl_arena *, struct store_plan_std **, size_t *) \
	F2(plans, plan_std_replace, const struct store_plan_std *, size_t) \
	F5(plans, plan_task_list, int64_t, int, struct hl_arena *, struct store_plan_task **, \
		size_t *) \
	F4(plans, plan_replace, int64_t, int, struct store_plan_task *, size_t) \
	F1(plans, plan_task_put, struct store_plan_task *) \
	F3(plans, plan_task_status, int64_t, int64_t, const struct store_plan_note *) \
	F5(plans, plan_note_list, int64_t, int, struct hl_arena *, struct store_plan_note **, \
		size_t *)

#define FAULT_calendar \
	F1(calendar, cal_day_put, const struct store_cal_day *) \
	F3(calendar, cal_day_list, struct hl_arena *, struct store_cal_day **, size_t *) \
	F1(calendar, cal_culture_get, int *) \
	F1(calendar, cal_culture_set, int) \
	F1(calendar, cal_hours_put, const struct store_cal_hours *) \
	F3(calendar, cal_hours_list, struct hl_arena *, struct store_cal_hours **, size_t *)

#define FAULT_follow \
	F1(follow, follow_open, struct store_follow *) \
	F2(follow, follow_get, const char *, struct store_follow *) \
	F4(follow, follow_list, const struct store_follow_filter *, struct hl_arena *, \
		struct store_follow **, size_t *) \
	F1(follow, follow_update, struct store_follow *) \
	F1(follow, follow_days_set, const struct store_follow_days *) \
	F3(follow, follow_days_list, struct hl_arena *, struct store_follow_days **, size_t *)

#define FAULT_reports \
	F1(reports, target_set, const struct store_target *) \
	F4(reports, target_list, int, struct hl_arena *, struct store_target **, size_t *) \
	F4(reports, report_put, struct store_report *, const char *, const void *, size_t) \
	F4(reports, report_list, int64_t, struct hl_arena *, struct store_report **, size_t *) \
	F6(reports, report_get, int64_t, struct hl_arena *, struct store_report *, char **, \
		void **, size_t *) \
	F2(reports, rschedule_set, int64_t, const char *) \
	F3(reports, rschedule_list, struct hl_arena *, struct store_rschedule **, size_t *) \
	F3(reports, comment_approve, int64_t, const char *, int64_t) \
	F1(reports, comment_withdraw, int64_t) \
	F6(reports, comment_approval_list, int64_t, hl_day, hl_day, struct hl_arena *, \
		struct store_approval **, size_t *) \
	F3(reports, report_quotes_put, int64_t, const int64_t *, size_t) \
	F1(reports, points_put, const char *) \
	F1(reports, points_get, struct store_points *)

#define FAULT_admin \
	F3(admin, audit, const char *, const char *, const char *) \
	F4(admin, audit_list, int, struct hl_arena *, char ***, size_t *) \
	F4(admin, integrity, bool, struct hl_arena *, char ***, size_t *) \
	F3(admin, backup, const char *, store_progress_fn, void *) \
	F4(admin, import_run_put, const char *, int64_t, int64_t, int64_t *) \
	F1(admin, import_run_done, int64_t) \
	F1(admin, import_notes_drop, int64_t *) \
	F3(admin, import_run_list, struct hl_arena *, struct store_import_run **, size_t *)

/* Every list: one forwarding function per line. */
#define FAULT_OPS \
	FAULT_units FAULT_instruments FAULT_responses FAULT_intake FAULT_tallies FAULT_accounts \
		FAULT_feedback FAULT_dossiers FAULT_plans FAULT_calendar FAULT_reports FAULT_admin \
			FAULT_follow

/* Count this call of op; HL_EIO (err filled) when it is the one to fail. */
static int hit(struct store *st, const char *op, struct hl_err *err)
{
	struct fault *f = (struct fault *)st;

	f->calls++;
	if (f->countdown <= 0 || --f->countdown > 0)
		return HL_OK;
	f->fired = true;
	return hl_err_set(err, HL_EIO, HL_HERE, "lỗi vào/ra giả lập khi %s (lần gọi thứ %ld)", op,
		f->calls);
}

#define INNER(st) (((struct fault *)(st))->inner)
#define FWD(area, op, params, args) \
	static int f_##op params \
	{ \
		int rc = hit(st, #op, err); \
		return rc != HL_OK ? rc : INNER(st)->ops->area->op args; \
	}
#define F0(area, op) FWD(area, op, (struct store * st, struct hl_err * err), (INNER(st), err))
#define F1(area, op, t1) \
	FWD(area, op, (struct store * st, t1 a1, struct hl_err * err), (INNER(st), a1, err))
#define F2(area, op, t1, t2) \
	FWD(area, op, (struct store * st, t1 a1, t2 a2, struct hl_err * err), \
		(INNER(st), a1, a2, err))
#define F3(area, op, t1, t2, t3) \
	FWD(area, op, (struct store * st, t1 a1, t2 a2, t3 a3, struct hl_err * err), \
		(INNER(st), a1, a2, a3, err))
#define F4(area, op, t1, t2, t3, t4) \
	FWD(area, op, (struct store * st, t1 a1, t2 a2, t3 a3, t4 a4, struct hl_err * err), \
		(INNER(st), a1, a2, a3, a4, err))
#define F5(area, op, t1, t2, t3, t4, t5) \
	FWD(area, op, (struct store * st, t1 a1, t2 a2, t3 a3, t4 a4, t5 a5, struct hl_err * err), \
		(INNER(st), a1, a2, a3, a4, a5, err))
#define F6(area, op, t1, t2, t3, t4, t5, t6) \
	FWD(area, op, \
		(struct store * st, t1 a1, t2 a2, t3 a3, t4 a4, t5 a5, t6 a6, \
			struct hl_err * err), \
		(INNER(st), a1, a2, a3, a4, a5, a6, err))
#define F7(area, op, t1, t2, t3, t4, t5, t6, t7) \
	FWD(area, op, \
		(struct store * st, t1 a1, t2 a2, t3 a3, t4 a4, t5 a5, t6 a6, t7 a7, \
			struct hl_err * err), \
		(INNER(st), a1, a2, a3, a4, a5, a6, a7, err))
FAULT_OPS
#undef F0
#undef F1
#undef F2
#undef F3
#undef F4
#undef F5
#undef F6
#undef F7

static int f_open(struct store *st, const char *target, struct hl_err *err)
{
	(void)st;
	return hl_err_set(err, HL_EINVAL, HL_HERE,
		"store_fault không mở được %s: hãy bọc một kho đã mở", target);
}

static void f_close(struct store *st)
{
	store_close(INNER(st));
	INNER(st) = NULL;
}

static int f_migrate(struct store *st, int *version, struct hl_err *err)
{
	int rc = hit(st, "migrate", err);

	return rc != HL_OK ? rc : INNER(st)->ops->migrate(INNER(st), version, err);
}

static int f_tx(struct store *st, enum store_tx what, struct hl_err *err)
{
	/* 2 = rollback, 5 = rollback to a savepoint: the clean-up never fails */
	int rc = what == STORE_TX_ROLLBACK || what == STORE_TX_ROLLBACK_TO ? HL_OK :
									     hit(st, "tx", err);

	return rc != HL_OK ? rc : INNER(st)->ops->tx(INNER(st), what, err);
}

/* The tables, and the counts that tell when store.h has an operation more. */
#define ENTRY(area, op, ...) .op = f_##op,
#define F0 ENTRY
#define F1 ENTRY
#define F2 ENTRY
#define F3 ENTRY
#define F4 ENTRY
#define F5 ENTRY
#define F6 ENTRY
#define F7 ENTRY
#define TABLE(area) static const struct store_##area##_ops fault_##area = {FAULT_##area};
STORE_AREAS(TABLE)
#undef TABLE
#undef ENTRY

/* As many operations in each list as in its table in store.h. */
#define ENTRY(area, op, ...) +1
#define COUNT(area) N_##area = 0 FAULT_##area,
enum { STORE_AREAS(COUNT) };
#undef COUNT
#undef ENTRY
#define CHECK(area) \
	_Static_assert(sizeof(struct store_##area##_ops) == N_##area * sizeof(int (*)(void)), \
		"store.h has an operation FAULT_" #area " lacks: add its line");
STORE_AREAS(CHECK)
#undef CHECK

static const struct store_ops fault_ops = {Q_BACKEND("fault", f_, fault_, &fault_admin)};
_Static_assert(sizeof(struct store_ops) ==
		sizeof(const char *) + 4 * sizeof(int (*)(void)) + 13 * sizeof(const void *),
	"store.h has an area FAULT_AREAS does not forward: add it");

int store_fault_wrap(struct store *inner, struct store **out, struct hl_err *err)
{
	struct fault *f = hl_calloc(1, sizeof(*f));

	*out = NULL;
	if (f == NULL) {
		store_close(inner);
		return hl_err_set(err, HL_ENOMEM, HL_HERE, "hết bộ nhớ");
	}
	f->st.ops = &fault_ops;
	f->inner = inner;
	*out = &f->st;
	return HL_OK;
}

void store_fault_after(struct store *st, long n)
{
	struct fault *f = (struct fault *)st;

	f->countdown = n > 0 ? n : 0;
	f->fired = false;
}

long store_fault_calls(const struct store *st)
{
	return ((const struct fault *)st)->calls;
}

bool store_fault_fired(const struct store *st)
{
	return ((const struct fault *)st)->fired;
}
