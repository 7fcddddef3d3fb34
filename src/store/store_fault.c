/* store_fault.c — the failing store of store_fault.h. Every operation of
 * struct store_ops is forwarded by one line of FAULT_OPS below (the types of
 * its arguments between st and err); the macros F0..F7 make the forwarding
 * function, the table entry and the count from that line, so that a new
 * operation is one line here — and the build fails until it is added. */
#include "store/store_fault.h"

#include <stddef.h>

#include "base/mem.h"
#include "store/store.h"

struct fault {
	struct store st;        /* first: what callers hold (store_close frees it) */
	struct store *inner;
	long calls;
	long countdown;         /* calls until the failing one, 0 = none armed */
	bool fired;
};

/* Every operation but open, close and tx (hand-written below): name,
 * then the types of the arguments between st and the final err. */
#define FAULT_OPS \
	F1(migrate, int *) \
	F1(unit_put, struct store_unit *) \
	F2(unit_get, const char *, struct store_unit *) \
	F3(unit_list, struct hl_arena *, struct store_unit **, size_t *) \
	F1(lineage_add, const struct store_lineage *) \
	F3(lineage_list, struct hl_arena *, struct store_lineage **, size_t *) \
	F1(field_put, struct store_field *) \
	F3(field_list, struct hl_arena *, struct store_field **, size_t *) \
	F1(staff_put, struct store_staff *) \
	F3(staff_list, struct hl_arena *, struct store_staff **, size_t *) \
	F2(instrument_put, struct store_instrument *, const char *) \
	F5(instrument_get, const char *, int, struct hl_arena *, struct store_instrument *, char **) \
	F4(instrument_get_id, int64_t, struct hl_arena *, struct store_instrument *, char **) \
	F3(instrument_list, struct hl_arena *, struct store_instrument **, size_t *) \
	F3(batch_new, const char *, const char *, int64_t *) \
	F2(response_insert, struct store_response *, int64_t *) \
	F5(response_scan, int64_t, hl_day, hl_day, store_response_cb, void *) \
	F4(response_scan_ids, int64_t, int64_t, store_core_cb, void *) \
	F3(response_count_after, int64_t, hl_day, int64_t *) \
	F2(tally_merge, enum store_grain, const struct store_tally_row *) \
	F6(tally_scan, enum store_grain, bool, hl_day, hl_day, store_tally_cb, void *) \
	F0(tally_clear) \
	F1(target_set, const struct store_target *) \
	F4(target_list, int, struct hl_arena *, struct store_target **, size_t *) \
	F1(dossier_put, struct store_dossier *) \
	F2(dossier_get, const char *, struct store_dossier *) \
	F6(dossier_count_by_field, int64_t, hl_day, hl_day, struct hl_arena *, struct store_count **, size_t *) \
	F3(audit, const char *, const char *, const char *) \
	F4(audit_list, int, struct hl_arena *, char ***, size_t *) \
	F1(user_put, struct store_user *) \
	F2(user_get, const char *, struct store_user *) \
	F2(user_get_id, int64_t, struct store_user *) \
	F3(user_list, struct hl_arena *, struct store_user **, size_t *) \
	F1(session_put, const struct store_session *) \
	F2(session_get, const unsigned char *, struct store_session *) \
	F1(session_delete, const unsigned char *) \
	F2(session_delete_user, int64_t, const unsigned char *) \
	F1(session_purge, int64_t) \
	F1(kiosk_put, struct store_kiosk *) \
	F2(kiosk_get_token, const unsigned char *, struct store_kiosk *) \
	F3(kiosk_list, struct hl_arena *, struct store_kiosk **, size_t *) \
	F1(kiosk_revoke, const char *) \
	F2(kiosk_rename, const char *, const char *) \
	F6(response_list_status, int64_t, int, int, struct hl_arena *, struct store_response **, size_t *) \
	F2(response_get, int64_t, struct store_response *) \
	F3(response_get_ext, int64_t, const char *, struct store_response *) \
	F2(response_set_status, int64_t, int) \
	F4(response_count_kiosk_since, int64_t, int64_t, int64_t, int64_t *) \
	F1(receipt_put, const struct store_receipt *) \
	F2(receipt_get, const unsigned char *, struct store_receipt *) \
	F3(receipt_use, const unsigned char *, int64_t, int64_t) \
	F5(receipt_replace, int64_t, const char *, int64_t, int64_t *, int *) \
	F1(paper_batch_put, struct store_paper_batch *) \
	F2(paper_batch_get, int64_t, struct store_paper_batch *) \
	F4(paper_batch_list, int64_t, struct hl_arena *, struct store_paper_batch **, size_t *) \
	F1(paper_entry_put, const struct store_paper_entry *) \
	F3(paper_entry_delete, int64_t, int, int) \
	F5(paper_entry_list, int64_t, int, struct hl_arena *, struct store_paper_entry **, size_t *) \
	F4(report_put, struct store_report *, const char *, const void *, size_t) \
	F4(report_list, int64_t, struct hl_arena *, struct store_report **, size_t *) \
	F6(report_get, int64_t, struct hl_arena *, struct store_report *, char **, void **, size_t *) \
	F2(rschedule_set, int64_t, const char *) \
	F3(rschedule_list, struct hl_arena *, struct store_rschedule **, size_t *) \
	F3(plan_std_list, struct hl_arena *, struct store_plan_std **, size_t *) \
	F2(plan_std_replace, const struct store_plan_std *, size_t) \
	F5(plan_task_list, int64_t, int, struct hl_arena *, struct store_plan_task **, size_t *) \
	F4(plan_replace, int64_t, int, struct store_plan_task *, size_t) \
	F1(plan_task_put, struct store_plan_task *) \
	F2(plan_task_status, int64_t, const struct store_plan_note *) \
	F5(plan_note_list, int64_t, int, struct hl_arena *, struct store_plan_note **, size_t *) \
	F4(rollup_merge, int64_t, hl_day, const unsigned char *, size_t) \
	F6(rollup_scan, const int64_t *, size_t, hl_day, hl_day, store_rollup_cb, void *) \
	F0(rollup_clear) \
	F1(rollup_ready, bool *) \
	F1(fb_office_put, struct store_fb_office *) \
	F4(fb_office_list, int64_t, struct hl_arena *, struct store_fb_office **, size_t *) \
	F2(fb_item_put, struct store_fb_item *, const char *) \
	F2(fb_item_update, const struct store_fb_item *, const char *) \
	F3(fb_item_get, const char *, struct hl_arena *, struct store_fb_item *) \
	F3(fb_item_get_token, const unsigned char *, struct hl_arena *, struct store_fb_item *) \
	F4(fb_item_list, const struct store_fb_filter *, struct hl_arena *, struct store_fb_item **, size_t *) \
	F4(fb_item_count, int64_t, int64_t, int64_t, int64_t *) \
	F4(fb_answer_number, int64_t, int, int64_t, int *) \
	F3(fb_contact_put, int64_t, const char *, const char *) \
	F4(fb_contact_get, int64_t, struct hl_arena *, char **, char **) \
	F1(fb_step_add, const struct store_fb_step *) \
	F4(fb_step_list, int64_t, struct hl_arena *, struct store_fb_step **, size_t *) \
	F1(fb_deadline_set, const struct store_fb_deadline *) \
	F3(fb_deadline_list, struct hl_arena *, struct store_fb_deadline **, size_t *) \
	F3(fb_idem_get, int64_t, const unsigned char *, struct store_fb_idem *) \
	F1(fb_idem_put, const struct store_fb_idem *) \
	F1(dossier_save, struct store_dossier *) \
	F6(dossier_sum_scan, int64_t, bool, int, int, store_dsum_cb, void *) \
	F6(dossier_open_scan, int64_t, int64_t, int64_t, int64_t, store_dossier_cb, void *) \
	F5(dossier_scan, int64_t, int64_t, int64_t, store_dossier_cb, void *) \
	F4(dossier_scan_finished, int64_t, int64_t, store_dossier_cb, void *) \
	F3(comment_approve, int64_t, const char *, int64_t) \
	F1(comment_withdraw, int64_t) \
	F6(comment_approval_list, int64_t, hl_day, hl_day, struct hl_arena *, struct store_approval **, size_t *) \
	F3(report_quotes_put, int64_t, const int64_t *, size_t) \
	F1(cal_day_put, const struct store_cal_day *) \
	F3(cal_day_list, struct hl_arena *, struct store_cal_day **, size_t *) \
	F1(cal_culture_get, int *) \
	F1(cal_culture_set, int) \
	F1(cal_hours_put, const struct store_cal_hours *) \
	F3(cal_hours_list, struct hl_arena *, struct store_cal_hours **, size_t *) \
	F4(integrity, bool, struct hl_arena *, char ***, size_t *) \
	F4(import_run_put, const char *, int64_t, int64_t, int64_t *) \
	F1(import_run_done, int64_t) \
	F1(import_notes_drop, int64_t *) \
	F3(import_run_list, struct hl_arena *, struct store_import_run **, size_t *) \
	F1(response_delete_batch, int64_t) \
	F2(dossier_undo_note, int64_t, const char *) \
	F1(dossier_undo, int64_t) \
	F5(rate_take, const char *, int64_t, int, int, bool *) \
	F3(rate_count, const char *, int64_t, int *) \
	F1(rate_clear, const char *) \
	F1(rate_purge, int64_t)

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
#define FWD(op, params, args) \
	static int f_##op params \
	{ \
		int rc = hit(st, #op, err); \
		return rc != HL_OK ? rc : INNER(st)->ops->op args; \
	}
#define F0(op) FWD(op, (struct store *st, struct hl_err *err), (INNER(st), err))
#define F1(op, t1) FWD(op, (struct store *st, t1 a1, struct hl_err *err), (INNER(st), a1, err))
#define F2(op, t1, t2) FWD(op, (struct store *st, t1 a1, t2 a2, struct hl_err *err), \
	(INNER(st), a1, a2, err))
#define F3(op, t1, t2, t3) FWD(op, (struct store *st, t1 a1, t2 a2, t3 a3, struct hl_err *err), \
	(INNER(st), a1, a2, a3, err))
#define F4(op, t1, t2, t3, t4) FWD(op, (struct store *st, t1 a1, t2 a2, t3 a3, t4 a4, \
	struct hl_err *err), (INNER(st), a1, a2, a3, a4, err))
#define F5(op, t1, t2, t3, t4, t5) FWD(op, (struct store *st, t1 a1, t2 a2, t3 a3, t4 a4, t5 a5, \
	struct hl_err *err), (INNER(st), a1, a2, a3, a4, a5, err))
#define F6(op, t1, t2, t3, t4, t5, t6) FWD(op, (struct store *st, t1 a1, t2 a2, t3 a3, t4 a4, \
	t5 a5, t6 a6, struct hl_err *err), (INNER(st), a1, a2, a3, a4, a5, a6, err))
#define F7(op, t1, t2, t3, t4, t5, t6, t7) FWD(op, (struct store *st, t1 a1, t2 a2, t3 a3, \
	t4 a4, t5 a5, t6 a6, t7 a7, struct hl_err *err), (INNER(st), a1, a2, a3, a4, a5, a6, a7, err))
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
	return hl_err_set(err, HL_EINVAL, HL_HERE, "store_fault không mở được %s: hãy bọc một kho đã mở",
		target);
}

static void f_close(struct store *st)
{
	store_close(INNER(st));
	INNER(st) = NULL;
}

static int f_tx(struct store *st, enum store_tx what, struct hl_err *err)
{
	/* 2 = rollback, 5 = rollback to a savepoint: the clean-up never fails */
	int rc = what == STORE_TX_ROLLBACK || what == STORE_TX_ROLLBACK_TO ? HL_OK :
		hit(st, "tx", err);

	return rc != HL_OK ? rc : INNER(st)->ops->tx(INNER(st), what, err);
}

/* The table, and the count that tells when store.h has an operation more. */
#define ENTRY(op, ...) .op = f_##op,
#define F0 ENTRY
#define F1 ENTRY
#define F2 ENTRY
#define F3 ENTRY
#define F4 ENTRY
#define F5 ENTRY
#define F6 ENTRY
#define F7 ENTRY
static const struct store_ops fault_ops = {
	.name = "fault",
	.open = f_open,
	.close = f_close,
	.tx = f_tx,
	FAULT_OPS
};
#undef ENTRY
#define ENTRY(op, ...) + 1
enum { NOPS = 3 FAULT_OPS };
_Static_assert(sizeof(struct store_ops) == sizeof(const char *) + NOPS * sizeof(int (*)(void)),
	"store.h has an operation FAULT_OPS does not forward: add its line");

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
