/* feedback_import.c — the portal's feedback and the offices from CSV
 * (feedback.h), all or nothing as svc/import.h. */
#include "svc/feedback.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "base/text.h"
#include "core/date.h"
#include "core/workcal.h"
#include "store/store.h"
#include "svc/calendar.h"
#include "svc/csvimport.h"
#include "svc/feedback_int.h"
#include "svc/import.h"
#include "svc/lookup.h"

/* ---- the CSV imports (all or nothing, as svc/import.h) ---- */

static const struct csvi_msgs msgs = {
	.header = "dòng tiêu đề: %s",
	.unknown = "cột '%s' không phải cột đã biết (các cột: %s)",
	.missing_first = true,
};

/* Open f, read its header and, when rows can follow, begin. HL_EINVAL
 * when the header has a problem (in rep). */
static int fimp_open(struct csvi *im, struct store *st, FILE *f, const struct import_opts *o,
	const struct csvi_spec *spec, struct import_report *rep, struct hl_err *err)
{
	int rc = csvi_open(im, st, f, o, spec, false, rep, err);

	if (rc == HL_OK)
		rc = csvi_header(im);
	if (rc == HL_OK)
		rc = rep->nproblems > 0 ? HL_EINVAL : csvi_begin(im);
	return rc;
}

/* A check that failed on the row: its message as a problem of col. */
static void fimp_row_error(struct csvi *im, const char *col)
{
	csvi_problem(im, col, "%s", im->err->msg);
	hl_err_clear(im->err);
}

/* Whether rc is a row's own fault (reported) rather than a failure. */
static bool row_fault(int rc)
{
	return rc == HL_EINVAL || rc == HL_ENOTFOUND || rc == HL_EEXIST || rc == HL_ELIMIT ||
		rc == HL_ECONFLICT;
}

/* Commit when no row had a problem (audited), else roll back: HL_EINVAL. */
static int fimp_close(struct csvi *im, int rc, const char *action)
{
	rc = csvi_finish(im, rc, action, NULL);
	csvi_close(im);
	return rc;
}

enum { O_CODE, O_UNIT, O_NAME, O_NCOLS };

static const struct csvi_col office_cols[O_NCOLS] = {
	{CSVI_COL("code", true)},
	{CSVI_COL("unit", true)},
	{CSVI_COL("name", true)},
};

static const struct csvi_spec office_spec = {office_cols, O_NCOLS, &msgs, NULL, NULL};

struct office_ctx {
	struct fb_ctx c;
	struct lookup *seen; /* unit and code met in the file */
};

static int office_row(struct csvi *im, void *ctx)
{
	struct office_ctx *x = ctx;
	struct store_fb_office of = {0};
	const struct store_unit *u;
	const char *code = csvi_cell(im, O_CODE);
	char key[2 * STORE_CODE_MAX + 2], *name = NULL;
	bool dup = false;
	int rc;

	u = fb_unit_code(&x->c, csvi_cell(im, O_UNIT));
	if (u == NULL) {
		fb_no_unit(im->err, csvi_cell(im, O_UNIT));
		fimp_row_error(im, "unit");
	}
	if (fb_check_code(code, "mã phòng, ban", im->err) != HL_OK)
		fimp_row_error(im, "code");
	rc = fb_clean_text(im->a, csvi_cell(im, O_NAME), "tên phòng, ban", "name", 120, true, &name,
		im->err);
	if (row_fault(rc)) {
		fimp_row_error(im, "name");
		return HL_OK;
	}
	if (rc != HL_OK || u == NULL || im->rep->nproblems > 0)
		return rc;
	snprintf(key, sizeof(key), "%s\n%s", u->code, code);
	if ((rc = csvi_seen(im, x->seen, key, &dup)) != HL_OK)
		return rc;
	if (dup) {
		csvi_problem(im, "code", "phòng, ban '%s' của đơn vị '%s' có hai lần trong tệp",
			code, u->code);
		return HL_OK;
	}
	snprintf(of.code, sizeof(of.code), "%s", code);
	snprintf(of.name, sizeof(of.name), "%s", name);
	of.unit_id = u->id;
	if ((rc = STORE(im->st, feedback, fb_office_put, &of, im->err)) == HL_OK)
		im->rep->added++;
	return rc;
}

int fb_import_offices(struct store *st, FILE *f, const struct import_opts *o,
	struct import_report *rep, struct hl_err *err)
{
	struct csvi im;
	struct office_ctx x = {0};
	int rc = fimp_open(&im, st, f, o, &office_spec, rep, err);

	if (rc == HL_OK)
		rc = (x.seen = lookup_new()) != NULL ?
			fb_ctx_load(&x.c, st, NULL, false, im.a, err) :
			hl_err_set(err, HL_ENOMEM, HL_HERE, "hết bộ nhớ");
	if (rc == HL_OK)
		rc = csvi_each(&im, office_row, &x);
	fb_ctx_done(&x.c);
	lookup_free(x.seen);
	return fimp_close(&im, rc, "offices.import");
}

/* The portal file's column an error of add_in_tx is about: its where,
 * which names the input as the file's header does. */
static const char *column_of(const char *where)
{
	static const char *const columns[] = {"unit", "code", "received_at", "name", "contact"};

	for (int i = 0; i < FB_NELEM(columns); i++)
		if (strcmp(where, columns[i]) == 0)
			return columns[i];
	return "text";
}

enum { P_CODE, P_UNIT, P_RECV, P_TEXT, P_NAME, P_CONTACT, P_NCOLS };

static const struct csvi_col portal_cols[P_NCOLS] = {
	{CSVI_COL("code", true)},
	{CSVI_COL("unit", true)},
	{CSVI_COL("received_at", true)},
	{CSVI_COL("text", true)},
	{CSVI_COL("name", false)},
	{CSVI_COL("contact", false)},
};

static const struct csvi_spec portal_spec = {portal_cols, P_NCOLS, &msgs, NULL, NULL};

static int portal_row(struct csvi *im, void *seen)
{
	struct fb_new in = {.channel = FB_PORTAL, .kind = FB_PAKN};
	struct store_fb_item old;
	char code[STORE_CODE_MAX];
	bool dup = false;
	int rc;

	in.code = csvi_cell(im, P_CODE);
	in.unit = csvi_cell(im, P_UNIT);
	in.text = csvi_cell(im, P_TEXT);
	in.name = csvi_cell(im, P_NAME);
	in.contact = csvi_cell(im, P_CONTACT);
	if (!hl_minute_parse(csvi_cell(im, P_RECV), &in.received_at)) {
		csvi_problem(im, "received_at",
			"thời điểm '%s' không hợp lệ (cần YYYY-MM-DD HH:MM "
			"và là thời điểm có thật)",
			csvi_cell(im, P_RECV));
		return HL_OK;
	}
	if (in.code[0] == '\0') {
		csvi_problem(im, "code", "thiếu mã phản ánh của hệ thống (PAKN.yyyymmdd.nnnn)");
		return HL_OK;
	}
	if ((rc = csvi_seen(im, seen, in.code, &dup)) != HL_OK)
		return rc;
	if (dup) {
		csvi_problem(im, "code", "mã '%s' có hai lần trong tệp", in.code);
		return HL_OK;
	}
	rc = STORE(im->st, feedback, fb_item_get, in.code, im->a, &old, im->err);
	if (rc == HL_OK) {
		im->rep->skipped++; /* imported before: left as it is */
		return HL_OK;
	}
	if (rc != HL_ENOTFOUND)
		return rc;
	hl_err_clear(im->err);
	rc = fb_add_in_tx(im->st, im->a, &in, im->o->who != NULL ? im->o->who : "?", code, NULL,
		im->err);
	if (row_fault(rc)) {
		fimp_row_error(im, column_of(im->err->where));
		rc = HL_OK;
	} else if (rc == HL_OK) {
		im->rep->added++;
	}
	return rc;
}

int fb_import_portal(struct store *st, FILE *f, const struct import_opts *o,
	struct import_report *rep, struct hl_err *err)
{
	struct csvi im;
	struct lookup *seen = NULL;
	int rc = fimp_open(&im, st, f, o, &portal_spec, rep, err);

	if (rc == HL_OK)
		rc = (seen = lookup_new()) != NULL ?
			csvi_each(&im, portal_row, seen) :
			hl_err_set(err, HL_ENOMEM, HL_HERE, "hết bộ nhớ");
	lookup_free(seen);
	return fimp_close(&im, rc, "feedback.import");
}
