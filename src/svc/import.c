/* import.c — the all-or-nothing CSV imports of import.h. Rows are checked
 * against caches of what the store knows (loaded once, so a row costs no
 * query). Small files (units, fields, staff) are read in one transaction,
 * committed only when no row had a problem.
 *
 * Responses and dossiers, the big ones, must not hold the write lock for
 * seconds (the server's writes would wait and fail): the file is read twice.
 * The first pass checks every row and writes nothing; a file with a problem
 * stops there. The second writes in chunks of at most CHUNK_ROWS rows or
 * CHUNK_NS of writing, one short transaction each (a chunk's responses with
 * their tallies), the first
 * recording the run in the store (import_run_put) and the last forgetting it
 * with the audit entry. If a chunk fails, the chunks already committed are
 * undone (undo_run); if the process dies, the next import or server start
 * undoes them (import_recover). So a file is imported whole or not at all;
 * while it is being written, readers see it grow chunk by chunk. */
#include "svc/import.h"

#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "base/arena.h"
#include "base/mem.h"
#include "core/date.h"
#include "core/instrument.h"
#include "core/timeliness.h"
#include "io/csvread.h"
#include "store/store.h"
#include "svc/builtin.h"
#include "svc/codeset.h"
#include "svc/dossq.h"
#include "svc/ingest.h"
#include "svc/intake.h"
#include "svc/lookup.h"
#include "svc/tallyacc.h"
#include "svc/units.h"

#define ARENA_CAP ((size_t)256 * 1024 * 1024)
#define PROGRESS_EVERY 100000
#define UNITS_MAX_ROWS 200000  /* units are kept until parents resolve */
#define CHUNK_ROWS 20000       /* rows per transaction of a big import, at most... */
#define CHUNK_NS 100000000L    /* ... or rows written in this time (0,1 s) */
#define CHUNK_PAUSE_US 3000    /* the lock left free between two chunks */

/* State shared by every import: the reader, the header, the report. */
struct imp {
	struct store *st;
	const struct import_opts *o;
	struct import_report *rep;
	struct hl_err *err;
	struct hl_arena *a;
	struct csvr *r;
	struct csvr_record rec;
	int ncols;                     /* cells in the header */
	char *hname[CSVR_MAX_FIELDS];  /* header names, owned by a */
	bool in_tx;
	/* Reading the file twice (responses, dossiers). */
	FILE *f;                       /* the file, or copy */
	FILE *copy;                    /* a copy of a file that cannot seek (a pipe) */
	long start;                    /* where the file's data starts in f */
	/* Writing in chunks. */
	struct store_import_run run;   /* run.id 0 until the first chunk */
	long in_chunk;                 /* rows written in the open transaction */
	struct timespec chunk_t0;      /* when it began */
};

/* A known column: header name, whether it must be there, where it is. */
struct colspec {
	const char *name;
	bool required;
	int idx;
};

void import_add_problem(struct import_report *rep, long line, const char *col,
	const char *fmt, ...)
{
	struct import_problem *p;
	va_list ap;

	rep->nproblems++;
	if (rep->kept >= IMPORT_MAX_PROBLEMS)
		return;
	p = &rep->problems[rep->kept++];
	p->line = line;
	snprintf(p->column, sizeof(p->column), "%s", col != NULL ? col : "");
	va_start(ap, fmt);
	vsnprintf(p->reason, sizeof(p->reason), fmt, ap);
	va_end(ap);
}

static const char *cell(const struct imp *im, int idx)
{
	if (idx < 0 || idx >= im->rec.ncells)
		return "";
	return im->rec.cells[idx];
}

/* The cell at idx as a lookup key: its NFC form in buf. */
static const char *key_cell(struct imp *im, int idx, char *buf, size_t size)
{
	const char *s = cell(im, idx);

	/* One that does not fit matches no stored code, and is shown as given. */
	return ingest_nfc(s, buf, size) < 0 ? s : buf;
}

/* Copy the text of column c into dst; false (with a problem) when it is
 * missing but required or too long. */
static bool text_cell(struct imp *im, const struct colspec *c, bool required, char *dst,
	size_t size)
{
	const char *s = cell(im, c->idx);

	if (s[0] == '\0') {
		dst[0] = '\0';
		if (required)
			import_add_problem(im->rep, im->rec.line, c->name, "thiếu giá trị");
		return !required;
	}
	if (ingest_nfc(s, dst, size) < 0) {
		import_add_problem(im->rep, im->rec.line, c->name, "dài %zu byte, tối đa %zu byte", strlen(s),
			size - 1);
		return false;
	}
	return true;
}

static int rewindable(struct imp *im);

/* Set im up for reading f; twice: for reading it twice (reread). */
static int open_reader(struct imp *im, FILE *f, const struct import_opts *o,
	struct import_report *rep, struct store *st, bool twice, struct hl_err *err)
{
	int rc;

	memset(rep, 0, sizeof(*rep));
	memset(im, 0, sizeof(*im));
	im->st = st;
	im->o = o;
	im->rep = rep;
	im->err = err;
	im->a = hl_arena_new(ARENA_CAP);
	if (im->a == NULL)
		return hl_err_set(err, HL_ENOMEM, HL_HERE, "hết bộ nhớ khi mở tệp nhập");
	im->f = f;
	if (twice && (rc = rewindable(im)) != HL_OK)
		return rc;
	return csvr_open(im->f, o->name != NULL ? o->name : "tệp", &im->r, err);
}

/* Make im->f readable twice: remember where it starts, or copy a pipe to a
 * temporary file. */
static int rewindable(struct imp *im)
{
	char buf[65536];
	size_t n;

	im->start = ftell(im->f);
	if (im->start >= 0 && fseek(im->f, im->start, SEEK_SET) == 0)
		return HL_OK;
	im->copy = tmpfile();
	if (im->copy == NULL)
		return hl_err_set(im->err, HL_EIO, HL_HERE, "không tạo được tệp tạm để đọc dữ liệu nhập");
	while ((n = fread(buf, 1, sizeof(buf), im->f)) > 0)
		if (fwrite(buf, 1, n, im->copy) != n)
			return hl_err_set(im->err, HL_EIO, HL_HERE, "không ghi được tệp tạm (đĩa đầy?)");
	if (ferror(im->f) || fflush(im->copy) != 0 || fseek(im->copy, 0, SEEK_SET) != 0)
		return hl_err_set(im->err, HL_EIO, HL_HERE, "không đọc được dữ liệu nhập");
	im->f = im->copy;
	im->start = 0;
	return HL_OK;
}

/* Back to the file's first line for the second pass, counts cleared. */
static int reread(struct imp *im)
{
	csvr_free(im->r);
	im->r = NULL;
	im->rep->rows = 0;
	if (fseek(im->f, im->start, SEEK_SET) != 0)
		return hl_err_set(im->err, HL_EIO, HL_HERE, "không đọc lại được tệp nhập");
	return csvr_open(im->f, im->o->name != NULL ? im->o->name : "tệp", &im->r, im->err);
}

/* Problems in file order (parent checks come after the rows); stable. */
static void sort_problems(struct import_report *rep)
{
	for (int i = 1; i < rep->kept; i++) {
		struct import_problem p = rep->problems[i];
		int j = i;

		for (; j > 0 && rep->problems[j - 1].line > p.line; j--)
			rep->problems[j] = rep->problems[j - 1];
		rep->problems[j] = p;
	}
}

static void close_reader(struct imp *im)
{
	if (im->rep != NULL)
		sort_problems(im->rep);
	if (im->in_tx) {
		struct hl_err ignored;

		store_rollback(im->st, &ignored);
		im->in_tx = false;
	}
	csvr_free(im->r);
	hl_arena_free(im->a);
	if (im->copy != NULL)
		fclose(im->copy);
	im->r = NULL;
	im->a = NULL;
	im->copy = NULL;
}

/* Read the header and find the known columns. Unknown columns are reported
 * unless extra_ok says they may be something else (question codes). Returns
 * HL_OK (problems may have been added) or a read failure. */
static int read_header(struct imp *im, struct colspec *cols, int ncols,
	bool (*extra_ok)(void *ctx, const char *name), void *ctx)
{
	int rc = csvr_next(im->r, &im->rec, im->err);

	if (rc == 0) {
		import_add_problem(im->rep, 1, "", "tệp trống: thiếu dòng tiêu đề");
		return HL_OK;
	}
	if (rc == HL_EINVAL) {
		import_add_problem(im->rep, 1, "", "%s", im->err->msg);
		hl_err_clear(im->err);
		return HL_OK;
	}
	if (rc < 0)
		return rc;
	if (im->rec.problem != NULL) {
		import_add_problem(im->rep, im->rec.line, "", "dòng tiêu đề: %s", im->rec.problem);
		return HL_OK;
	}
	im->ncols = im->rec.ncells;
	for (int i = 0; i < ncols; i++)
		cols[i].idx = -1;
	for (int j = 0; j < im->rec.ncells; j++) {
		const char *h = im->rec.cells[j];
		bool known = false;

		im->hname[j] = hl_arena_strdup(im->a, h);
		if (im->hname[j] == NULL)
			return hl_err_set(im->err, HL_ENOMEM, HL_HERE, "hết bộ nhớ khi đọc tiêu đề");
		for (int k = 0; k < j; k++)
			if (strcmp(im->hname[k], h) == 0) {
				import_add_problem(im->rep, im->rec.line, h, "cột '%s' có hai lần trong tiêu đề", h);
				known = true;
			}
		for (int i = 0; i < ncols && !known; i++)
			if (strcmp(cols[i].name, h) == 0) {
				cols[i].idx = j;
				known = true;
			}
		if (!known && (extra_ok == NULL || !extra_ok(ctx, h))) {
			if (h[0] == '\0')
				import_add_problem(im->rep, im->rec.line, "", "cột %d của tiêu đề không có tên", j + 1);
			else if (extra_ok != NULL)
				import_add_problem(im->rep, im->rec.line, h, "cột '%s' không phải cột đã biết, cũng không "
					"phải mã câu hỏi của bộ câu hỏi nào", h);
			else
				import_add_problem(im->rep, im->rec.line, h, "cột '%s' không phải cột đã biết", h);
		}
	}
	for (int i = 0; i < ncols; i++)
		if (cols[i].required && cols[i].idx < 0)
			import_add_problem(im->rep, im->rec.line, cols[i].name, "tiêu đề thiếu cột bắt buộc '%s'",
				cols[i].name);
	return HL_OK;
}

/* Next data record: 1 = a record whose cells can be checked, 2 = a record
 * already reported as unusable, 0 = end, < 0 = failure. */
static int next_row(struct imp *im)
{
	int rc = csvr_next(im->r, &im->rec, im->err);

	if (rc == HL_EINVAL) {
		/* Malformed CSV: nothing after this point can be read. */
		import_add_problem(im->rep, 0, "", "%s", im->err->msg);
		hl_err_clear(im->err);
		return 0;
	}
	if (rc <= 0)
		return rc;
	im->rep->rows++;
	if (im->o->progress != NULL && im->rep->rows % PROGRESS_EVERY == 0)
		im->o->progress(im->o->progress_ctx, im->rep->rows);
	if (im->rec.problem != NULL) {
		int c = im->rec.problem_col;

		import_add_problem(im->rep, im->rec.line, c > 0 && c <= im->ncols ? im->hname[c - 1] : "", "%s",
			im->rec.problem);
		return 2;
	}
	if (im->rec.ncells != im->ncols) {
		import_add_problem(im->rep, im->rec.line, "", "dòng có %d ô nhưng tiêu đề có %d cột",
			im->rec.ncells, im->ncols);
		return 2;
	}
	return 1;
}

static int begin(struct imp *im)
{
	int rc = store_begin(im->st, im->err);

	if (rc == HL_OK)
		im->in_tx = true;
	return rc;
}

/* Commit when there was no problem, else roll back and return HL_EINVAL. */
static int finish(struct imp *im, const char *action)
{
	char detail[300];
	int rc;

	if (im->rep->nproblems > 0) {
		rc = store_rollback(im->st, im->err);
		im->in_tx = false;
		im->rep->added = 0;
		return rc != HL_OK ? rc : HL_EINVAL;
	}
	snprintf(detail, sizeof(detail), "%s: %ld dòng, thêm %ld, bỏ qua %ld",
		im->o->name != NULL ? im->o->name : "tệp", im->rep->rows, im->rep->added,
		im->rep->skipped);
	rc = STORE(im->st, admin, audit, im->o->who != NULL ? im->o->who : "?", action, detail, im->err);
	if (rc != HL_OK)
		return rc;
	rc = store_commit(im->st, im->err);
	/* a failed commit may leave the transaction open: close_reader rolls it back */
	im->in_tx = rc != HL_OK;
	return rc;
}

/* ---- big imports in chunks ---- */

/* Begin the next chunk's transaction. */
static int chunk_begin(struct imp *im, const char *kind, int64_t batch_id)
{
	int rc = begin(im);

	clock_gettime(CLOCK_MONOTONIC, &im->chunk_t0);

	if (rc == HL_OK && im->run.id == 0) {
		rc = STORE(im->st, admin, import_run_put, kind, batch_id, (int64_t)getpid(), &im->run.id, im->err);
		snprintf(im->run.kind, sizeof(im->run.kind), "%s", kind);
		im->run.batch_id = batch_id;
	}
	return rc;
}

/* One more row written: whether the chunk is full (by rows or by time, so
 * that a slow machine holds the lock no longer than a fast one). */
static bool chunk_full(struct imp *im)
{
	struct timespec t;

	if (++im->in_chunk >= CHUNK_ROWS)
		return true;
	if (im->in_chunk % 256 != 0)
		return false;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (t.tv_sec - im->chunk_t0.tv_sec) * 1000000000L + (t.tv_nsec - im->chunk_t0.tv_nsec) >=
		CHUNK_NS;
}

static int chunk_commit(struct imp *im)
{
	int rc = store_commit(im->st, im->err);

	/* a failed commit may leave the transaction open: chunk_fail rolls it back */
	if (rc != HL_OK)
		return rc;
	im->in_tx = false;
	im->in_chunk = 0;
	/* Leave the lock free for a moment: a writer waiting for it (the server)
	 * retries every millisecond and gets in before the next chunk. */
	usleep(CHUNK_PAUSE_US);
	return rc;
}

/* The last chunk: the import is whole, audited as action. */
static int chunk_finish(struct imp *im, const char *action)
{
	int rc = im->in_tx ? HL_OK : begin(im);

	if (rc == HL_OK && im->run.id != 0)
		rc = STORE(im->st, admin, import_run_done, im->run.id, im->err);
	return rc != HL_OK ? rc : finish(im, action);
}

/* Undo what run committed, in one transaction: its responses (then the
 * tallies and rollups are recomputed, as `tallies rebuild` does) or its
 * dossiers as they were. */
static int undo_run(struct store *st, const struct store_import_run *run, const char *who,
	struct hl_err *err)
{
	char detail[128];
	struct hl_err ignored;
	int rc = store_begin(st, err);

	if (rc != HL_OK)
		return rc;
	if (strcmp(run->kind, "responses") == 0) {
		rc = STORE(st, responses, response_delete_batch, run->batch_id, err);
		if (rc == HL_OK)
			rc = STORE(st, tallies, tally_clear, err);
		if (rc == HL_OK)
			rc = STORE(st, tallies, rollup_clear, err);
		if (rc == HL_OK)
			rc = tacc_compute(st, 0, INT64_MAX, 0, NULL, err);
	} else {
		rc = STORE(st, dossiers, dossier_undo, run->id, err);
	}
	if (rc == HL_OK)
		rc = STORE(st, admin, import_run_done, run->id, err);
	snprintf(detail, sizeof(detail), "hủy lần nhập %s dở dang số %lld", run->kind, (long long)run->id);
	if (rc == HL_OK)
		rc = STORE(st, admin, audit, who, "import.undo", detail, err);
	if (rc == HL_OK)
		rc = store_commit(st, err);
	if (rc != HL_OK)
		store_rollback(st, &ignored);
	return rc;
}

/* Drop the undo notes of finished runs, a short transaction at a time. */
static int drop_notes(struct store *st, struct hl_err *err)
{
	int64_t dropped;
	int rc;

	while ((rc = STORE(st, admin, import_notes_drop, &dropped, err)) == HL_OK && dropped > 0)
		usleep(CHUNK_PAUSE_US);
	return rc;
}

/* The second pass failed: roll back the open chunk and undo the committed
 * ones (left to import_recover if even that fails). */
static void chunk_fail(struct imp *im)
{
	struct hl_err ignored;

	if (im->in_tx) {
		store_rollback(im->st, &ignored);
		im->in_tx = false;
	}
	if (im->run.id != 0 && undo_run(im->st, &im->run, im->o->who != NULL ? im->o->who : "?",
		    &ignored) == HL_OK) {
		im->run.id = 0;
		drop_notes(im->st, &ignored);
	}
	im->rep->added = 0;
}

static bool owner_alive(int64_t pid)
{
	return pid > 0 && pid <= INT32_MAX && (kill((pid_t)pid, 0) == 0 || errno == EPERM);
}

int import_recover(struct store *st, const char *who, int *undone, struct hl_err *err)
{
	struct hl_arena *a = hl_arena_new((size_t)1 << 20);
	struct store_import_run *runs = NULL;
	size_t n = 0;
	int rc;

	*undone = 0;
	if (a == NULL)
		return hl_err_set(err, HL_ENOMEM, HL_HERE, "hết bộ nhớ");
	rc = STORE(st, admin, import_run_list, a, &runs, &n, err);
	for (size_t i = 0; rc == HL_OK && i < n; i++) {
		if (runs[i].owner == (int64_t)getpid() || owner_alive(runs[i].owner))
			continue;
		rc = undo_run(st, &runs[i], who, err);
		*undone += rc == HL_OK;
	}
	hl_arena_free(a);
	return rc != HL_OK ? rc : drop_notes(st, err);
}

/* Report a problem when a header problem means rows cannot be checked. */
static int header_failed(struct imp *im)
{
	im->rep->added = 0;
	return HL_EINVAL;
}

static bool parse_date_cell(struct imp *im, const struct colspec *c, hl_day *out)
{
	const char *s = cell(im, c->idx);

	*out = HL_DAY_NONE;
	if (s[0] == '\0')
		return true;
	if (!hl_day_parse(s, out)) {
		import_add_problem(im->rep, im->rec.line, c->name,
			"ngày '%s' không hợp lệ (cần YYYY-MM-DD và là ngày có thật)", s);
		return false;
	}
	return true;
}

/* Non-negative integer cell (empty = 0); false with a problem otherwise. */
static bool parse_count(struct imp *im, const struct colspec *c, int *out)
{
	const char *s = cell(im, c->idx);
	char *end;
	long v;

	*out = 0;
	if (s[0] == '\0')
		return true;
	v = strtol(s, &end, 10);
	if (*end != '\0' || end == s || s[0] == '-' || s[0] == '+' || v > 1000000) {
		import_add_problem(im->rep, im->rec.line, c->name, "'%s' không phải số nguyên không âm", s);
		return false;
	}
	*out = (int)v;
	return true;
}

/* Load every unit into a code -> struct store_unit * map owned by im->a. */
static int load_units(struct imp *im, struct lookup *map)
{
	struct store_unit *u = NULL;
	size_t n = 0;
	int rc = STORE(im->st, units, unit_list, im->a, &u, &n, im->err);

	for (size_t i = 0; rc == HL_OK && i < n; i++)
		if (lookup_put(map, u[i].code, &u[i]) != HL_OK)
			rc = hl_err_set(im->err, HL_ENOMEM, HL_HERE, "hết bộ nhớ");
	return rc;
}

static int load_fields(struct imp *im, struct lookup *map)
{
	struct store_field *f = NULL;
	size_t n = 0;
	int rc = STORE(im->st, units, field_list, im->a, &f, &n, im->err);

	for (size_t i = 0; rc == HL_OK && i < n; i++)
		if (lookup_put(map, f[i].code, &f[i]) != HL_OK)
			rc = hl_err_set(im->err, HL_ENOMEM, HL_HERE, "hết bộ nhớ");
	return rc;
}

static struct lookup *new_map(struct imp *im)
{
	struct lookup *l = lookup_new();

	if (l == NULL)
		hl_err_set(im->err, HL_ENOMEM, HL_HERE, "hết bộ nhớ");
	return l;
}

/* ---- units ---- */

struct pending_unit {
	long line;
	struct store_unit u;
	char parent[STORE_CODE_MAX];
	bool ok, done;
};

enum { U_CODE, U_NAME, U_TYPE, U_PARENT, U_FROM, U_TO, U_NCOLS };

/* Check a row into p; false if it must not be kept at all (no code, or a
 * code seen before). p->ok says whether the row itself is valid. */
static bool check_unit_row(struct imp *im, struct colspec *c, struct lookup *seen,
	struct pending_unit *p)
{
	bool keep = true;
	bool ok = true;
	const char *type = cell(im, c[U_TYPE].idx);

	memset(p, 0, sizeof(*p));
	p->line = im->rec.line;
	ok &= text_cell(im, &c[U_CODE], true, p->u.code, sizeof(p->u.code));
	ok &= text_cell(im, &c[U_NAME], true, p->u.name, sizeof(p->u.name));
	ok &= text_cell(im, &c[U_PARENT], false, p->parent, sizeof(p->parent));
	if (type[0] == '\0') {
		import_add_problem(im->rep, im->rec.line, "type", "thiếu loại đơn vị");
		ok = false;
	} else if (builtin_unit_type_name(type) == NULL) {
		import_add_problem(im->rep, im->rec.line, "type", "loại đơn vị '%s' không có (các loại: tinh, huyen, "
			"ubnd-huyen, ubnd-xa, tram-y-te, truong, nganh-doc, benh-vien, so-nganh)", type);
		ok = false;
	} else {
		snprintf(p->u.type, sizeof(p->u.type), "%s", type);
	}
	ok &= parse_date_cell(im, &c[U_FROM], &p->u.valid_from);
	ok &= parse_date_cell(im, &c[U_TO], &p->u.valid_to);
	if (ok && p->u.valid_from != HL_DAY_NONE && p->u.valid_to != HL_DAY_NONE
		&& p->u.valid_to < p->u.valid_from) {
		import_add_problem(im->rep, im->rec.line, "valid_to", "ngày kết thúc trước ngày bắt đầu");
		ok = false;
	}
	if (p->u.code[0] == '\0') {
		keep = false;
	} else {
		if (lookup_get(seen, p->u.code) != NULL) {
			import_add_problem(im->rep, im->rec.line, "code", "mã đơn vị '%s' đã có ở dòng trước trong tệp",
				p->u.code);
			keep = false;
		}
		if (strcmp(p->u.code, p->parent) == 0) {
			import_add_problem(im->rep, im->rec.line, "parent", "đơn vị không thể là cấp trên của chính nó");
			ok = false;
		}
	}
	p->ok = ok;
	return keep;
}

/* Resolve parents pass after pass, so a parent may come later in the file,
 * writing each unit once its parent is known (when write is true); what is
 * left has an unknown parent or a cycle. Rows with a problem of their own are
 * never written, and their children are not blamed for them. */
static int put_units(struct imp *im, struct pending_unit *rows, long n, struct lookup *seen,
	struct lookup *db, bool write)
{
	bool progress = true;
	long left = n;

	while (progress && left > 0) {
		progress = false;
		for (long i = 0; i < n; i++) {
			struct pending_unit *p = &rows[i];
			const struct store_unit *old, *par = NULL;
			bool parent_bad = false;

			if (p->done)
				continue;
			if (p->ok && p->parent[0] != '\0') {
				struct pending_unit *pp = lookup_get(seen, p->parent);

				if (pp != NULL) {
					if (!pp->done)
						continue;
					par = &pp->u;
					parent_bad = !pp->ok;
				} else {
					par = lookup_get(db, p->parent);
					if (par == NULL)
						continue;
				}
			}
			p->done = true;
			progress = true;
			left--;
			if (!p->ok || parent_bad || !write)
				continue;
			p->u.parent_id = par != NULL ? par->id : 0;
			old = lookup_get(db, p->u.code);
			p->u.id = old != NULL ? old->id : 0;
			if (STORE(im->st, units, unit_put, &p->u, im->err) != HL_OK)
				return im->err->code;
			im->rep->added++;
		}
	}
	for (long i = 0; i < n; i++) {
		if (rows[i].done)
			continue;
		if (lookup_get(seen, rows[i].parent) != NULL)
			import_add_problem(im->rep, rows[i].line, "parent", "đơn vị cấp trên '%s' tạo thành vòng lặp",
				rows[i].parent);
		else
			import_add_problem(im->rep, rows[i].line, "parent", "đơn vị cấp trên '%s' không tồn tại",
				rows[i].parent);
	}
	return HL_OK;
}

/* After the writes: a row whose parent is one of its own descendants among
 * the units already stored closes a loop; each such row is a problem. */
static int refuse_loops(struct imp *im, struct lookup *seen)
{
	struct store_unit *u = NULL;
	size_t nu = 0, loops = 0;
	bool *on;
	int rc = STORE(im->st, units, unit_list, im->a, &u, &nu, im->err);

	if (rc != HL_OK)
		return rc;
	if ((on = hl_arena_alloc(im->a, (nu + 1) * sizeof(*on))) == NULL)
		return hl_err_set(im->err, HL_ENOMEM, HL_HERE, "hết bộ nhớ");
	if ((rc = units_loops(im->a, u, nu, on, &loops, im->err)) != HL_OK || loops == 0)
		return rc;
	for (size_t k = 0; k < nu; k++) {
		const struct pending_unit *p = on[k] ? lookup_get(seen, u[k].code) : NULL;

		if (p != NULL)
			import_add_problem(im->rep, p->line, "parent", "đơn vị cấp trên '%s' tạo thành "
				"vòng lặp với các đơn vị đã có: '%s' là đơn vị cấp dưới của '%s'", p->parent,
				p->parent, p->u.code);
	}
	return HL_OK;
}

int import_units(struct store *st, FILE *f, const struct import_opts *o,
	struct import_report *rep, struct hl_err *err)
{
	struct imp im;
	struct colspec c[U_NCOLS] = {
		{"code", true, -1}, {"name", true, -1}, {"type", true, -1},
		{"parent", false, -1}, {"valid_from", false, -1}, {"valid_to", false, -1},
	};
	struct lookup *seen = NULL, *db = NULL;
	struct pending_unit *rows = NULL;
	long n = 0, cap = 0;
	int rc, k;

	rc = open_reader(&im, f, o, rep, st, false, err);
	if (rc != HL_OK)
		goto cleanup;
	rc = read_header(&im, c, U_NCOLS, NULL, NULL);
	if (rc != HL_OK)
		goto cleanup;
	if (rep->nproblems > 0) {
		rc = header_failed(&im);
		goto cleanup;
	}
	seen = new_map(&im);
	db = new_map(&im);
	if (seen == NULL || db == NULL) {
		rc = HL_ENOMEM;
		goto cleanup;
	}
	while ((k = next_row(&im)) > 0) {
		struct pending_unit p;

		if (k != 1 || !check_unit_row(&im, c, seen, &p))
			continue;
		if (n == UNITS_MAX_ROWS) {
			import_add_problem(im.rep, im.rec.line, "", "tệp có quá %d đơn vị", UNITS_MAX_ROWS);
			break;
		}
		if (n == cap) {
			long ncap = cap == 0 ? 256 : cap * 2;
			struct pending_unit *nr = hl_realloc(rows, (size_t)ncap * sizeof(*nr));

			if (nr == NULL) {
				rc = hl_err_set(err, HL_ENOMEM, HL_HERE, "hết bộ nhớ khi đọc đơn vị");
				goto cleanup;
			}
			rows = nr;
			cap = ncap;
		}
		rows[n++] = p;
		/* The map keeps pointers into rows: rebuilt after the last row. */
		if (lookup_put(seen, p.u.code, &rows[n - 1]) != HL_OK) {
			rc = hl_err_set(err, HL_ENOMEM, HL_HERE, "hết bộ nhớ");
			goto cleanup;
		}
	}
	if (k < 0) {
		rc = k;
		goto cleanup;
	}
	for (long i = 0; i < n; i++)
		if (lookup_put(seen, rows[i].u.code, &rows[i]) != HL_OK) {
			rc = hl_err_set(err, HL_ENOMEM, HL_HERE, "hết bộ nhớ");
			goto cleanup;
		}
	if (rep->nproblems > 0) {
		/* Still look for unknown parents, so every problem is reported at once. */
		rc = load_units(&im, db);
		if (rc == HL_OK)
			rc = put_units(&im, rows, n, seen, db, false);
		if (rc == HL_OK)
			rc = header_failed(&im);
		goto cleanup;
	}
	rc = begin(&im);
	if (rc == HL_OK)
		rc = load_units(&im, db);
	if (rc == HL_OK)
		rc = put_units(&im, rows, n, seen, db, true);
	if (rc == HL_OK)
		rc = refuse_loops(&im, seen);
	if (rc == HL_OK)
		rc = finish(&im, "units.import");
cleanup:
	if (rc != HL_OK)
		rep->added = 0;
	close_reader(&im);
	lookup_free(seen);
	lookup_free(db);
	hl_free(rows);
	return rc;
}

/* ---- fields ---- */

int import_fields(struct store *st, FILE *f, const struct import_opts *o,
	struct import_report *rep, struct hl_err *err)
{
	struct imp im;
	struct colspec c[2] = {{"code", true, -1}, {"name", true, -1}};
	struct lookup *seen = NULL;
	int rc, k;

	rc = open_reader(&im, f, o, rep, st, false, err);
	if (rc == HL_OK)
		rc = read_header(&im, c, 2, NULL, NULL);
	if (rc != HL_OK)
		goto cleanup;
	if (rep->nproblems > 0) {
		rc = header_failed(&im);
		goto cleanup;
	}
	seen = new_map(&im);
	rc = seen != NULL ? begin(&im) : HL_ENOMEM;
	if (rc != HL_OK)
		goto cleanup;
	while ((k = next_row(&im)) > 0) {
		struct store_field fl;
		bool ok = true;

		if (k != 1)
			continue;
		memset(&fl, 0, sizeof(fl));
		ok &= text_cell(&im, &c[0], true, fl.code, sizeof(fl.code));
		ok &= text_cell(&im, &c[1], true, fl.name, sizeof(fl.name));
		if (fl.code[0] != '\0' && lookup_get(seen, fl.code) != NULL) {
			import_add_problem(im.rep, im.rec.line, "code", "mã lĩnh vực '%s' đã có ở dòng trước", fl.code);
			continue;
		}
		if (fl.code[0] != '\0' && lookup_put(seen, fl.code, seen) != HL_OK) {
			rc = hl_err_set(err, HL_ENOMEM, HL_HERE, "hết bộ nhớ");
			goto cleanup;
		}
		if (!ok)
			continue;
		rc = STORE(st, units, field_put, &fl, err);
		if (rc != HL_OK)
			goto cleanup;
		rep->added++;
	}
	rc = k < 0 ? k : finish(&im, "fields.import");
cleanup:
	if (rc != HL_OK)
		rep->added = 0;
	close_reader(&im);
	lookup_free(seen);
	return rc;
}

/* ---- staff ---- */

int import_staff(struct store *st, FILE *f, const struct import_opts *o,
	struct import_report *rep, struct hl_err *err)
{
	struct imp im;
	struct colspec c[4] = {{"code", true, -1}, {"name", true, -1}, {"unit", true, -1},
		{"position", false, -1}};
	struct lookup *seen = NULL, *units = NULL;
	int rc, k;

	rc = open_reader(&im, f, o, rep, st, false, err);
	if (rc == HL_OK)
		rc = read_header(&im, c, 4, NULL, NULL);
	if (rc != HL_OK)
		goto cleanup;
	if (rep->nproblems > 0) {
		rc = header_failed(&im);
		goto cleanup;
	}
	seen = new_map(&im);
	units = new_map(&im);
	rc = seen != NULL && units != NULL ? begin(&im) : HL_ENOMEM;
	if (rc == HL_OK)
		rc = load_units(&im, units);
	if (rc != HL_OK)
		goto cleanup;
	while ((k = next_row(&im)) > 0) {
		struct store_staff s;
		char key[STORE_CODE_MAX];
		const char *ucode = key_cell(&im, c[2].idx, key, sizeof(key));
		const struct store_unit *u;
		bool ok = true;

		if (k != 1)
			continue;
		memset(&s, 0, sizeof(s));
		ok &= text_cell(&im, &c[0], true, s.code, sizeof(s.code));
		ok &= text_cell(&im, &c[1], true, s.name, sizeof(s.name));
		ok &= text_cell(&im, &c[3], false, s.position, sizeof(s.position));
		if (ucode[0] == '\0') {
			import_add_problem(im.rep, im.rec.line, "unit", "thiếu đơn vị");
			ok = false;
		} else if ((u = lookup_get(units, ucode)) == NULL) {
			import_add_problem(im.rep, im.rec.line, "unit", "đơn vị '%s' không tồn tại", ucode);
			ok = false;
		} else {
			s.unit_id = u->id;
		}
		if (s.code[0] != '\0' && lookup_get(seen, s.code) != NULL) {
			import_add_problem(im.rep, im.rec.line, "code", "mã công chức '%s' đã có ở dòng trước", s.code);
			continue;
		}
		if (s.code[0] != '\0' && lookup_put(seen, s.code, seen) != HL_OK) {
			rc = hl_err_set(err, HL_ENOMEM, HL_HERE, "hết bộ nhớ");
			goto cleanup;
		}
		if (!ok)
			continue;
		rc = STORE(st, units, staff_put, &s, err);
		if (rc != HL_OK)
			goto cleanup;
		rep->added++;
	}
	rc = k < 0 ? k : finish(&im, "staff.import");
cleanup:
	if (rc != HL_OK)
		rep->added = 0;
	close_reader(&im);
	lookup_free(seen);
	lookup_free(units);
	return rc;
}

/* ---- responses ---- */

/* The checks themselves are ingest.c's, shared with the server's API. */

enum { R_UNIT, R_INSTR, R_DATE, R_ID, R_CHANNEL, R_FIELD, R_STAFF, R_DOSSIER, R_COMMENT,
	R_NCOLS };

struct resp_ctx {
	struct imp *im;
	struct ingest *g;                /* what the store knows */
	struct lookup *qidx;             /* "code@version" -> int[nq]: question per column */
	int nq;                          /* question columns */
	int qcol[CSVR_MAX_FIELDS];       /* their header indices */
	int64_t batch;
	int64_t first_id, last_id;     /* ids of the rows this import stored */
	struct store_response r;
};

static bool is_question(void *ctx, const char *name)
{
	struct resp_ctx *rc = ctx;

	return ingest_is_question(rc->g, name);
}

/* Where each question column is in instrument it (computed once per
 * instrument version); NULL when out of memory. */
static const int *inst_columns(struct resp_ctx *x, const struct ingest_inst *it)
{
	char key[STORE_CODE_MAX + 16];
	int *qidx;

	snprintf(key, sizeof(key), "%s@%d", it->si.code, it->si.version);
	qidx = lookup_get(x->qidx, key);
	if (qidx != NULL)
		return qidx;
	qidx = hl_arena_alloc(x->im->a, (size_t)(x->nq > 0 ? x->nq : 1) * sizeof(int));
	if (qidx == NULL || lookup_put(x->qidx, key, qidx) != HL_OK) {
		hl_err_set(x->im->err, HL_ENOMEM, HL_HERE, "hết bộ nhớ");
		return NULL;
	}
	for (int j = 0; j < x->nq; j++)
		qidx[j] = hl_instrument_question(it->in, x->im->hname[x->qcol[j]]);
	return qidx;
}

/* An ingest problem as a problem of the current row. */
static void row_problem(void *ctx, const char *name, const char *msg)
{
	struct imp *im = ctx;

	import_add_problem(im->rep, im->rec.line, name, "%s", msg);
}

/* Check one data row and fill x->r; false if it had a problem. */
static bool check_response(struct resp_ctx *x, const struct colspec *c)
{
	struct imp *im = x->im;
	struct ingest_sink sink = {row_problem, im, 0};
	struct ingest_in in = {
		.id = cell(im, c[R_ID].idx), .unit = cell(im, c[R_UNIT].idx),
		.instrument = cell(im, c[R_INSTR].idx), .date = cell(im, c[R_DATE].idx),
		.channel = cell(im, c[R_CHANNEL].idx), .field = cell(im, c[R_FIELD].idx),
		.staff = cell(im, c[R_STAFF].idx), .dossier = cell(im, c[R_DOSSIER].idx),
		.comment = cell(im, c[R_COMMENT].idx),
	};
	const struct ingest_inst *it;
	const int *qidx;
	bool ok = ingest_check(x->g, &in, &x->r, &it, &sink);

	if (it == NULL)
		return false;
	if ((qidx = inst_columns(x, it)) == NULL)
		return false;
	for (int j = 0; j < x->nq; j++)
		ok &= ingest_answer_text(it, qidx[j], im->hname[x->qcol[j]],
			im->rec.cells[x->qcol[j]], &x->r, &sink);
	return ok;
}

/* Begin a chunk of responses; before the first, make their batch (alone:
 * an empty batch left by a crash is harmless). */
static int resp_chunk_begin(struct resp_ctx *x)
{
	struct imp *im = x->im;

	if (x->batch == 0) {
		int rc = STORE(im->st, responses, batch_new, "import", im->o->name != NULL ? im->o->name : "",
			&x->batch, im->err);

		if (rc != HL_OK)
			return rc;
		x->r.batch_id = x->batch;
	}
	return chunk_begin(im, "responses", x->batch);
}

/* The chunk's tallies (from its stored rows), then commit it. */
static int resp_chunk_end(struct resp_ctx *x)
{
	struct imp *im = x->im;
	int rc = HL_OK;

	if (x->first_id != 0)
		rc = tacc_compute(im->st, x->first_id, x->last_id, 0, NULL, im->err);
	x->first_id = 0;
	return rc != HL_OK ? rc : chunk_commit(im);
}

/* One pass over the rows: check each (seen: ids met in the first pass), and
 * in the second (write) store them in chunks. */
static int resp_rows(struct resp_ctx *x, const struct colspec *c, struct codeset *seen,
	bool write)
{
	struct imp *im = x->im;
	int k, rc;

	while ((k = next_row(im)) > 0) {
		int64_t existing = 0;
		bool dup = false;

		if (k != 1 || !check_response(x, c))
			continue;
		if (!write) {
			/* ids are the unit's own: the same id in two units is two responses */
			char key[STORE_CODE_MAX + 24];

			if (x->r.ext_id[0] == '\0')
				continue;
			snprintf(key, sizeof(key), "%lld\t%s", (long long)x->r.unit_id, x->r.ext_id);
			if (codeset_add(seen, key, &dup) != HL_OK)
				return hl_err_set(im->err, HL_ENOMEM, HL_HERE, "hết bộ nhớ");
			if (dup)
				import_add_problem(im->rep, im->rec.line, "id", "mã phiếu '%s' trùng với một dòng trước "
					"trong tệp", x->r.ext_id);
			continue;
		}
		/* A problem in this pass (what the store knows changed since the
		 * first, or an id the unit has with other content): write no more;
		 * what was written is undone. */
		if (im->rep->nproblems > 0)
			continue;
		if (!im->in_tx && (rc = resp_chunk_begin(x)) != HL_OK)
			return rc;
		/* An id the unit has: the same response again is skipped, other
		 * content under it refuses the file (svc/intake.h). */
		rc = intake_insert(im->st, &x->r, false, &existing, im->err);
		if (rc == HL_EEXIST || rc == HL_ECONFLICT) {
			hl_err_clear(im->err);
			if (rc == HL_ECONFLICT)
				import_add_problem(im->rep, im->rec.line, "id", "mã phiếu '%s' đã có trong đơn vị "
					"với nội dung khác (ngày, câu trả lời, ý kiến…): sửa dòng này hoặc dùng mã "
					"khác", x->r.ext_id);
			else
				im->rep->skipped++;
			continue;
		}
		if (rc != HL_OK)
			return rc;
		im->rep->added++;
		if (x->first_id == 0)
			x->first_id = x->r.id;
		x->last_id = x->r.id;
		if (chunk_full(im) && (rc = resp_chunk_end(x)) != HL_OK)
			return rc;
	}
	return k < 0 ? k : HL_OK;
}

int import_responses(struct store *st, FILE *f, const struct import_opts *o,
	struct import_report *rep, struct hl_err *err)
{
	struct imp im;
	struct colspec c[R_NCOLS] = {
		{"unit", true, -1}, {"instrument", true, -1}, {"date", true, -1},
		{"id", false, -1}, {"channel", false, -1}, {"field", false, -1},
		{"staff", false, -1}, {"dossier", false, -1}, {"comment", false, -1},
	};
	struct resp_ctx *x = NULL;
	struct codeset *seen = NULL;
	int rc, undone;

	rc = open_reader(&im, f, o, rep, st, true, err);
	if (rc == HL_OK)
		rc = import_recover(st, o->who != NULL ? o->who : "?", &undone, err);
	if (rc != HL_OK)
		goto cleanup;
	x = hl_calloc(1, sizeof(*x));
	seen = codeset_new();
	if (x == NULL || seen == NULL) {
		rc = hl_err_set(err, HL_ENOMEM, HL_HERE, "hết bộ nhớ");
		goto cleanup;
	}
	x->im = &im;
	x->qidx = new_map(&im);
	if (x->qidx == NULL) {
		rc = HL_ENOMEM;
		goto cleanup;
	}
	rc = ingest_load(st, &x->g, err);
	if (rc == HL_OK)
		rc = read_header(&im, c, R_NCOLS, is_question, x);
	if (rc != HL_OK)
		goto cleanup;
	if (rep->nproblems > 0) {
		rc = header_failed(&im);
		goto cleanup;
	}
	for (int j = 0; j < im.ncols; j++) {
		bool known = false;

		for (int i = 0; i < R_NCOLS; i++)
			known |= c[i].idx == j;
		if (!known)
			x->qcol[x->nq++] = j;
	}
	/* First pass: check only. */
	rc = resp_rows(x, c, seen, false);
	if (rc == HL_OK && rep->nproblems > 0)
		rc = HL_EINVAL;
	/* Second pass: write in chunks. */
	if (rc == HL_OK)
		rc = reread(&im);
	if (rc == HL_OK)
		rc = read_header(&im, c, R_NCOLS, is_question, x);
	if (rc == HL_OK)
		rc = resp_rows(x, c, NULL, true);
	if (rc == HL_OK && rep->nproblems == 0 && im.in_tx)
		rc = resp_chunk_end(x);
	if (rc == HL_OK && rep->nproblems == 0)
		rc = chunk_finish(&im, "responses.import");
	if (rc == HL_OK && rep->nproblems > 0)
		rc = HL_EINVAL;
	if (rc != HL_OK)
		chunk_fail(&im);
cleanup:
	if (rc != HL_OK)
		rep->added = 0;
	close_reader(&im);
	codeset_free(seen);
	if (x != NULL) {
		lookup_free(x->qidx);
		ingest_free(x->g);
		hl_free(x);
	}
	return rc;
}

/* ---- dossiers ---- */

enum { D_CODE, D_UNIT, D_FIELD, D_PROC, D_CHANNEL, D_RECV, D_DUE, D_FIN, D_RET, D_SUPP,
	D_RESCH, D_APOL, D_SUBM, D_NCOLS };

static bool parse_minute_cell(struct imp *im, const struct colspec *c, bool required,
	int64_t *out)
{
	const char *s = cell(im, c->idx);

	*out = -1;
	if (s[0] == '\0') {
		if (required)
			import_add_problem(im->rep, im->rec.line, c->name, "thiếu thời điểm");
		return !required;
	}
	if (!hl_minute_parse(s, out)) {
		import_add_problem(im->rep, im->rec.line, c->name,
			"thời điểm '%s' không hợp lệ (cần YYYY-MM-DD HH:MM và có thật)", s);
		*out = -1;
		return false;
	}
	return true;
}

static bool parse_apology(struct imp *im, const struct colspec *c, bool *out)
{
	static const char *const yes[] = {"1", "yes", "có", "co", "true"};
	static const char *const no[] = {"", "0", "no", "không", "khong", "false"};
	const char *s = cell(im, c->idx);

	for (size_t i = 0; i < sizeof(yes) / sizeof(yes[0]); i++)
		if (strcmp(s, yes[i]) == 0) {
			*out = true;
			return true;
		}
	for (size_t i = 0; i < sizeof(no) / sizeof(no[0]); i++)
		if (strcmp(s, no[i]) == 0) {
			*out = false;
			return true;
		}
	import_add_problem(im->rep, im->rec.line, c->name, "'%s' không hợp lệ (dùng 0/1, yes/no hoặc có/không)",
		s);
	return false;
}

static bool check_dossier(struct imp *im, const struct colspec *c, struct lookup *units,
	struct lookup *fields, struct codeset *seen, struct store_dossier *d)
{
	const char *s;
	char key[STORE_CODE_MAX];
	bool ok = true;

	memset(d, 0, sizeof(*d));
	ok &= text_cell(im, &c[D_CODE], true, d->code, sizeof(d->code));
	ok &= text_cell(im, &c[D_PROC], false, d->procedure, sizeof(d->procedure));
	s = key_cell(im, c[D_UNIT].idx, key, sizeof(key));
	if (s[0] == '\0') {
		import_add_problem(im->rep, im->rec.line, "unit", "thiếu đơn vị");
		ok = false;
	} else {
		const struct store_unit *u = lookup_get(units, s);

		if (u == NULL) {
			import_add_problem(im->rep, im->rec.line, "unit", "đơn vị '%s' không tồn tại", s);
			ok = false;
		} else {
			d->unit_id = u->id;
		}
	}
	s = key_cell(im, c[D_FIELD].idx, key, sizeof(key));
	if (s[0] != '\0') {
		const struct store_field *fl = lookup_get(fields, s);

		if (fl == NULL) {
			import_add_problem(im->rep, im->rec.line, "field", "lĩnh vực '%s' không tồn tại", s);
			ok = false;
		} else {
			d->field_id = fl->id;
		}
	}
	s = cell(im, c[D_CHANNEL].idx);
	if (tl_channel_parse(s) != TL_CH_NONE) {
		snprintf(d->channel, sizeof(d->channel), "%s", s);
	} else {
		import_add_problem(im->rep, im->rec.line, "channel",
			"kênh '%s' không có (dùng online, direct hoặc post)", s);
		ok = false;
	}
	ok &= parse_minute_cell(im, &c[D_RECV], true, &d->received_at);
	ok &= parse_minute_cell(im, &c[D_DUE], true, &d->due_at);
	ok &= parse_minute_cell(im, &c[D_FIN], false, &d->finished_at);
	ok &= parse_minute_cell(im, &c[D_RET], false, &d->returned_at);
	ok &= parse_minute_cell(im, &c[D_SUBM], false, &d->submitted_at);
	if (d->received_at >= 0) {
		if (d->submitted_at >= 0 && d->submitted_at > d->received_at) {
			import_add_problem(im->rep, im->rec.line, "submitted_at", "nộp trực tuyến sau thời điểm tiếp nhận");
			ok = false;
		}
		if (d->due_at >= 0 && d->due_at < d->received_at) {
			import_add_problem(im->rep, im->rec.line, "due_at", "hạn trả trước thời điểm tiếp nhận");
			ok = false;
		}
		if (d->finished_at >= 0 && d->finished_at < d->received_at) {
			import_add_problem(im->rep, im->rec.line, "finished_at", "hoàn thành trước thời điểm tiếp nhận");
			ok = false;
		}
		if (d->returned_at >= 0 && d->returned_at < d->received_at) {
			import_add_problem(im->rep, im->rec.line, "returned_at", "trả kết quả trước thời điểm tiếp nhận");
			ok = false;
		}
	}
	ok &= parse_count(im, &c[D_SUPP], &d->supplements);
	ok &= parse_count(im, &c[D_RESCH], &d->reschedules);
	ok &= parse_apology(im, &c[D_APOL], &d->apology);
	if (d->code[0] != '\0') {
		bool dup = false;

		if (codeset_add(seen, d->code, &dup) != HL_OK) {
			import_add_problem(im->rep, im->rec.line, "code", "hết bộ nhớ");
			ok = false;
		} else if (dup) {
			import_add_problem(im->rep, im->rec.line, "code", "mã hồ sơ '%s' đã có ở dòng trước trong tệp",
				d->code);
			ok = false;
		}
	}
	return ok;
}

int import_dossiers(struct store *st, FILE *f, const struct import_opts *o,
	struct import_report *rep, struct hl_err *err)
{
	struct imp im;
	struct colspec c[D_NCOLS] = {
		{"code", true, -1}, {"unit", true, -1}, {"field", false, -1},
		{"procedure", false, -1}, {"channel", true, -1}, {"received_at", true, -1},
		{"due_at", true, -1}, {"finished_at", false, -1}, {"returned_at", false, -1},
		{"supplements", false, -1}, {"reschedules", false, -1}, {"apology", false, -1},
		{"submitted_at", false, -1},
	};
	struct lookup *units = NULL, *fields = NULL;
	struct codeset *seen = NULL;
	int rc, k = 0, undone;

	rc = open_reader(&im, f, o, rep, st, true, err);
	if (rc == HL_OK)
		rc = import_recover(st, o->who != NULL ? o->who : "?", &undone, err);
	if (rc == HL_OK)
		rc = read_header(&im, c, D_NCOLS, NULL, NULL);
	if (rc != HL_OK)
		goto cleanup;
	if (rep->nproblems > 0) {
		rc = header_failed(&im);
		goto cleanup;
	}
	units = new_map(&im);
	fields = new_map(&im);
	rc = units && fields ? load_units(&im, units) : HL_ENOMEM;
	if (rc == HL_OK)
		rc = load_fields(&im, fields);
	/* Two passes, as responses: check every row, then write in chunks, each
	 * row's earlier state noted first so that a failure can put it back. */
	for (int pass = 0; rc == HL_OK && pass < 2; pass++) {
		codeset_free(seen);
		if ((seen = codeset_new()) == NULL) {
			rc = hl_err_set(err, HL_ENOMEM, HL_HERE, "hết bộ nhớ");
			break;
		}
		if (pass == 1 && ((rc = reread(&im)) != HL_OK ||
				  (rc = read_header(&im, c, D_NCOLS, NULL, NULL)) != HL_OK))
			break;
		while ((k = next_row(&im)) > 0) {
			struct store_dossier d;

			if (k != 1 || !check_dossier(&im, c, units, fields, seen, &d) || pass == 0 ||
			    rep->nproblems > 0)
				continue;
			if ((!im.in_tx && (rc = chunk_begin(&im, "dossiers", 0)) != HL_OK) ||
			    (rc = STORE(st, dossiers, dossier_undo_note, im.run.id, d.code, err)) != HL_OK ||
			    (rc = dq_save(st, &d, err)) != HL_OK)
				break;
			rep->added++;
			if (chunk_full(&im) && (rc = chunk_commit(&im)) != HL_OK)
				break;
		}
		if (rc == HL_OK && k < 0)
			rc = k;
		if (rc == HL_OK && rep->nproblems > 0)
			rc = HL_EINVAL;
	}
	if (rc == HL_OK)
		rc = chunk_finish(&im, "dossiers.import");
	if (rc != HL_OK)
		chunk_fail(&im);
	else if (drop_notes(st, err) != HL_OK)
		hl_err_clear(err); /* the import is whole; the next one drops them */
cleanup:
	if (rc != HL_OK)
		rep->added = 0;
	close_reader(&im);
	codeset_free(seen);
	lookup_free(units);
	lookup_free(fields);
	return rc;
}
