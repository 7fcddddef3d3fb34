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
#include "io/csvread.h"
#include "store/store.h"
#include "svc/calendar.h"
#include "svc/feedback_int.h"
#include "svc/import.h"
#include "svc/lookup.h"

/* ---- the CSV imports (all or nothing, as svc/import.h) ---- */

#define IMPORT_ARENA_CAP ((size_t)256 * 1024 * 1024)

struct fimp {
	struct store *st;
	const struct import_opts *o;
	struct import_report *rep;
	struct hl_err *err;
	struct hl_arena *a;
	struct csvr *r;
	struct csvr_record rec;
	struct lookup *seen;          /* keys met in the file */
	int ncols;
	int col[6];                   /* index of each known column, -1 = absent */
	bool in_tx;
};

static const char *cell(const struct fimp *im, int k)
{
	int idx = im->col[k];

	return idx < 0 || idx >= im->rec.ncells ? "" : im->rec.cells[idx];
}

/* Open the file and read its header: names[0..n) the known columns, the
 * first nreq of them required. Problems go to the report. */
static int fimp_open(struct fimp *im, struct store *st, FILE *f, const struct import_opts *o,
	struct import_report *rep, const char *const *names, int n, int nreq, struct hl_err *err)
{
	char known[128];
	size_t len = 0;
	int rc;

	memset(rep, 0, sizeof(*rep));
	memset(im, 0, sizeof(*im));
	im->st = st;
	im->o = o;
	im->rep = rep;
	im->err = err;
	im->a = hl_arena_new(IMPORT_ARENA_CAP);
	im->seen = lookup_new();
	if (im->a == NULL || im->seen == NULL)
		return hl_err_set(err, HL_ENOMEM, HL_HERE, "hết bộ nhớ khi mở tệp nhập");
	rc = csvr_open(f, o->name != NULL ? o->name : "tệp", &im->r, err);
	if (rc == HL_OK)
		rc = csvr_next(im->r, &im->rec, err);
	if (rc == 0 || rc == HL_EINVAL) {
		im->rec.line = 1;
		import_add_problem(im->rep, im->rec.line, "", "%s", rc == 0 ? "tệp trống: thiếu dòng tiêu đề" : err->msg);
		hl_err_clear(err);
		return HL_OK;
	}
	if (rc < 0)
		return rc;
	if (im->rec.problem != NULL) {
		import_add_problem(im->rep, im->rec.line, "", "dòng tiêu đề: %s", im->rec.problem);
		return HL_OK;
	}
	im->ncols = im->rec.ncells;
	for (int k = 0; k < n; k++) {
		im->col[k] = csvr_col(&im->rec, names[k]);
		if (k < nreq && im->col[k] < 0)
			import_add_problem(im->rep, im->rec.line, names[k], "tiêu đề thiếu cột bắt buộc '%s'", names[k]);
	}
	for (int k = 0; k < n && len < sizeof(known); k++)
		len += (size_t)snprintf(known + len, sizeof(known) - len, "%s%s", k ? "," : "", names[k]);
	for (int j = 0; j < im->rec.ncells; j++) {
		int k = 0;

		while (k < n && strcmp(names[k], im->rec.cells[j]) != 0)
			k++;
		if (k == n)
			import_add_problem(im->rep, im->rec.line, im->rec.cells[j], "cột '%s' không phải cột đã biết (các cột: %s)",
				im->rec.cells[j], known);
		else if (im->col[k] != j)
			import_add_problem(im->rep, im->rec.line, im->rec.cells[j], "cột '%s' có hai lần trong tiêu đề", names[k]);
	}
	if (rep->nproblems == 0) {
		rc = o->held ? HL_OK : store_begin(st, err);
		im->in_tx = rc == HL_OK;
	}
	return rc;
}

/* Next usable row: 1, 0 at the end, < 0 on a read failure. */
static int fimp_next(struct fimp *im)
{
	int rc;

	while ((rc = csvr_next(im->r, &im->rec, im->err)) == 1) {
		im->rep->rows++;
		if (im->rec.problem != NULL) {
			import_add_problem(im->rep, im->rec.line, "", "%s", im->rec.problem);
			continue;
		}
		if (im->rec.ncells != im->ncols) {
			import_add_problem(im->rep, im->rec.line, "", "dòng có %d ô nhưng tiêu đề có %d cột", im->rec.ncells, im->ncols);
			continue;
		}
		return 1;
	}
	if (rc == HL_EINVAL) {
		im->rec.line = 0;
		import_add_problem(im->rep, im->rec.line, "", "%s", im->err->msg);
		hl_err_clear(im->err);
		return 0;
	}
	return rc;
}

/* A check that failed on the row: its message as a problem of col. */
static void fimp_row_error(struct fimp *im, const char *col)
{
	import_add_problem(im->rep, im->rec.line, col, "%s", im->err->msg);
	hl_err_clear(im->err);
}

/* Whether rc is a row's own fault (reported) rather than a failure. */
static bool row_fault(int rc)
{
	return rc == HL_EINVAL || rc == HL_ENOTFOUND || rc == HL_EEXIST || rc == HL_ELIMIT ||
		rc == HL_ECONFLICT;
}

/* Commit when no row had a problem (audited), else roll back: HL_EINVAL. */
static int fimp_close(struct fimp *im, int rc, const char *action)
{
	char detail[300];

	if (rc == HL_OK && im->rep->nproblems > 0)
		rc = HL_EINVAL;
	if (rc == HL_OK && im->in_tx) {
		snprintf(detail, sizeof(detail), "%s: %ld dòng, thêm %ld, bỏ qua %ld",
			im->o->name != NULL ? im->o->name : "tệp", im->rep->rows, im->rep->added,
			im->rep->skipped);
		rc = STORE(im->st, admin, audit, im->o->who != NULL ? im->o->who : "?", action, detail,
			im->err);
		if (rc == HL_OK && !im->o->held)
			rc = store_commit(im->st, im->err);
		im->in_tx = rc != HL_OK;
	}
	if (im->in_tx && !im->o->held) {
		struct hl_err ignored;

		store_rollback(im->st, &ignored);
	}
	if (rc != HL_OK)
		im->rep->added = 0;
	csvr_free(im->r);
	lookup_free(im->seen);
	hl_arena_free(im->a);
	return rc;
}

/* Whether key was met before in the file (remembered otherwise). */
static int seen_before(struct fimp *im, const char *key, bool *dup)
{
	*dup = lookup_get(im->seen, key) != NULL;
	if (*dup)
		return HL_OK;
	return lookup_put(im->seen, key, im) == HL_OK ? HL_OK
		: hl_err_set(im->err, HL_ENOMEM, HL_HERE, "hết bộ nhớ");
}

int fb_import_offices(struct store *st, FILE *f, const struct import_opts *o,
	struct import_report *rep, struct hl_err *err)
{
	static const char *const names[] = {"code", "unit", "name"};
	struct fimp im;
	struct fb_ctx c = {0};
	int rc, k;

	rc = fimp_open(&im, st, f, o, rep, names, 3, 3, err);
	if (rc == HL_OK && im.in_tx)
		rc = fb_ctx_load(&c, st, NULL, false, im.a, err);
	while (rc == HL_OK && im.in_tx && (k = fimp_next(&im)) != 0) {
		struct store_fb_office of = {0};
		const struct store_unit *u;
		char key[2 * STORE_CODE_MAX + 2], *name = NULL;
		bool dup = false;

		if (k < 0) {
			rc = k;
			break;
		}
		u = fb_unit_code(&c, cell(&im, 1));
		if (u == NULL) {
			fb_no_unit(err, cell(&im, 1));
			fimp_row_error(&im, "unit");
		}
		if (fb_check_code(cell(&im, 0), "mã phòng, ban", err) != HL_OK)
			fimp_row_error(&im, "code");
		rc = fb_clean_text(im.a, cell(&im, 2), "tên phòng, ban", "name", 120, true, &name, err);
		if (row_fault(rc)) {
			fimp_row_error(&im, "name");
			rc = HL_OK;
			continue;
		}
		if (rc != HL_OK || u == NULL || im.rep->nproblems > 0)
			continue;
		snprintf(key, sizeof(key), "%s\n%s", u->code, cell(&im, 0));
		rc = seen_before(&im, key, &dup);
		if (rc == HL_OK && dup) {
			import_add_problem(im.rep, im.rec.line, "code", "phòng, ban '%s' của đơn vị '%s' có hai lần trong tệp",
				cell(&im, 0), u->code);
			continue;
		}
		snprintf(of.code, sizeof(of.code), "%s", cell(&im, 0));
		snprintf(of.name, sizeof(of.name), "%s", name);
		of.unit_id = u->id;
		if (rc == HL_OK)
			rc = STORE(st, feedback, fb_office_put, &of, err);
		if (rc == HL_OK)
			im.rep->added++;
	}
	fb_ctx_done(&c);
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

int fb_import_portal(struct store *st, FILE *f, const struct import_opts *o,
	struct import_report *rep, struct hl_err *err)
{
	static const char *const names[] = {"code", "unit", "received_at", "text", "name",
		"contact"};
	struct fimp im;
	int rc, k;

	rc = fimp_open(&im, st, f, o, rep, names, 6, 4, err);
	while (rc == HL_OK && im.in_tx && (k = fimp_next(&im)) != 0) {
		struct fb_new in = {.channel = FB_PORTAL, .kind = FB_PAKN};
		struct store_fb_item old;
		char code[STORE_CODE_MAX];
		bool dup = false;

		if (k < 0) {
			rc = k;
			break;
		}
		in.code = cell(&im, 0);
		in.unit = cell(&im, 1);
		in.text = cell(&im, 3);
		in.name = cell(&im, 4);
		in.contact = cell(&im, 5);
		if (!hl_minute_parse(cell(&im, 2), &in.received_at)) {
			import_add_problem(im.rep, im.rec.line, "received_at", "thời điểm '%s' không hợp lệ (cần YYYY-MM-DD HH:MM "
				"và là thời điểm có thật)", cell(&im, 2));
			continue;
		}
		if (in.code[0] == '\0') {
			import_add_problem(im.rep, im.rec.line, "code", "thiếu mã phản ánh của hệ thống (PAKN.yyyymmdd.nnnn)");
			continue;
		}
		rc = seen_before(&im, in.code, &dup);
		if (rc == HL_OK && dup) {
			import_add_problem(im.rep, im.rec.line, "code", "mã '%s' có hai lần trong tệp", in.code);
			continue;
		}
		if (rc == HL_OK)
			rc = STORE(st, feedback, fb_item_get, in.code, im.a, &old, err);
		if (rc == HL_OK) {
			im.rep->skipped++;     /* imported before: left as it is */
			continue;
		}
		if (rc != HL_ENOTFOUND)
			break;
		hl_err_clear(err);
		rc = fb_add_in_tx(st, im.a, &in, o->who != NULL ? o->who : "?", code, NULL, err);
		if (row_fault(rc)) {
			fimp_row_error(&im, column_of(err->where));
			rc = HL_OK;
		} else if (rc == HL_OK) {
			im.rep->added++;
		}
	}
	return fimp_close(&im, rc, "feedback.import");
}
