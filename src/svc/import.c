/* import.c — the all-or-nothing CSV imports of import.h. Rows are checked
 * against caches of what the store knows (loaded once, so a row costs no
 * query). Small files (units, fields, staff) are read in one transaction,
 * committed only when no row had a problem.
 *
 * Responses and dossiers, the big ones, must not hold the write lock for
 * seconds (the server's writes would wait and fail): the file is read twice.
 * The first pass checks every row and writes nothing; a file with a problem
 * stops there. The second writes in chunks of at most CHUNK_ROWS rows or
 * CHUNK_NS of writing, one short transaction each, the first recording the
 * run in the store (import_run_put) and the last forgetting it with the
 * audit entry. A chunk's responses are staged and inserted STAGE_ROWS at a
 * time (intake_stage: one statement for many rows, PostgreSQL's COPY), but
 * for the few that open a follow-up case, stored one by one so that the case
 * names them. The tallies and rollups come last, computed once over the
 * whole file (tacc_compute: each key written once, not once per chunk), in
 * transactions as short as the chunks'. If a chunk fails, the chunks already
 * committed are undone (undo_run); if the process dies, the next import or
 * server start undoes them (import_recover). So a file is imported whole or
 * not at all; while it is being written, readers see its responses grow
 * chunk by chunk, and its figures once the tallies are written. */
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
#include "core/followup.h"
#include "core/instrument.h"
#include "core/timeliness.h"
#include "store/store.h"
#include "svc/audit.h"
#include "svc/builtin.h"
#include "svc/csvimport.h"
#include "svc/dossq.h"
#include "svc/ingest.h"
#include "svc/intake.h"
#include "svc/lookup.h"
#include "svc/tallyacc.h"
#include "svc/units.h"

#define UNITS_MAX_ROWS 200000 /* units are kept until parents resolve */
#define CHUNK_ROWS 20000      /* rows per transaction of a big import, at most... */
#define CHUNK_NS 100000000L   /* ... or rows written in this time (0,1 s) */
#define CHUNK_PAUSE_US 3000   /* the lock left free between two chunks */
#define STAGE_ROWS 4096       /* responses inserted by one statement */

/* The words of this file's importers (docs/formats.md, tests/e2e). */
static const struct csvi_msgs msgs = {
	.header = "dòng tiêu đề: %s",
	.unknown = "cột '%s' không phải cột đã biết",
	.extra = "cột '%s' không phải cột đã biết, cũng không phải mã câu hỏi của bộ câu hỏi nào",
	.unnamed = "cột %d của tiêu đề không có tên",
	.twice_any = true,
	.named_problem = true,
	.by_line = true,
};

/* A big import's chunks (responses, dossiers). */
struct chunks {
	struct store_import_run run; /* run.id 0 until the first chunk */
	long in_chunk;               /* rows written in the open transaction */
	struct timespec t0;          /* when it began */
};

/* Open f for spec (twice: to be read twice), read its header: HL_OK when
 * rows can follow, HL_EINVAL when the header has a problem (rep says
 * which), or a failure. */
static int start(struct csvi *im, struct store *st, FILE *f, const struct import_opts *o,
	const struct csvi_spec *spec, bool twice, struct import_report *rep, struct hl_err *err)
{
	int rc = csvi_open(im, st, f, o, spec, twice, rep, err);
	int undone;

	if (rc == HL_OK && twice)
		rc = import_recover(st, o->who != NULL ? o->who : "?", &undone, err);
	if (rc == HL_OK)
		rc = csvi_header(im);
	if (rc == HL_OK && rep->nproblems > 0)
		rc = HL_EINVAL;
	return rc;
}

/* The cell of column k as a lookup key: its NFC form in buf. */
static const char *key_cell(struct csvi *im, int k, char *buf, size_t size)
{
	const char *s = csvi_cell(im, k);

	/* One that does not fit matches no stored code, and is shown as given. */
	return ingest_nfc(s, buf, size) < 0 ? s : buf;
}

/* The unit of column k (needed): false with a problem when missing or unknown. */
static bool unit_cell(struct csvi *im, int k, struct lookup *units, int64_t *id)
{
	char key[STORE_CODE_MAX];
	const char *s = key_cell(im, k, key, sizeof(key));
	const struct store_unit *u;

	if (s[0] == '\0') {
		csvi_problem(im, "unit", "thiếu đơn vị");
		return false;
	}
	if ((u = lookup_get(units, s)) == NULL) {
		csvi_problem(im, "unit", "đơn vị '%s' không tồn tại", s);
		return false;
	}
	*id = u->id;
	return true;
}

/* Whether code (not "") was met before in the file (a problem: what it is
 * the code of, e.g. "mã lĩnh vực"); remembered otherwise. */
static int met_before(struct csvi *im, struct lookup *seen, const char *code, const char *what,
	bool *dup)
{
	int rc = csvi_seen(im, seen, code, dup);

	if (rc == HL_OK && *dup)
		csvi_problem(im, "code", "%s '%s' đã có ở dòng trước", what, code);
	return rc;
}

/* ---- big imports in chunks ---- */

/* Begin the next chunk's transaction. */
static int chunk_begin(struct csvi *im, struct chunks *ch, const char *kind, int64_t batch_id)
{
	int rc = store_begin(im->st, im->err);

	im->in_tx = rc == HL_OK;
	clock_gettime(CLOCK_MONOTONIC, &ch->t0);
	if (rc == HL_OK && ch->run.id == 0) {
		rc = STORE(im->st, admin, import_run_put, kind, batch_id, (int64_t)getpid(),
			&ch->run.id, im->err);
		snprintf(ch->run.kind, sizeof(ch->run.kind), "%s", kind);
		ch->run.batch_id = batch_id;
	}
	return rc;
}

/* Whether the open chunk has been written for CHUNK_NS (so that a slow
 * machine holds the lock no longer than a fast one). */
static bool chunk_due(const struct chunks *ch)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (t.tv_sec - ch->t0.tv_sec) * 1000000000L + (t.tv_nsec - ch->t0.tv_nsec) >= CHUNK_NS;
}

/* One more row written: whether the chunk is full, by rows or by time. */
static bool chunk_full(struct chunks *ch)
{
	if (++ch->in_chunk >= CHUNK_ROWS)
		return true;
	return ch->in_chunk % 256 == 0 && chunk_due(ch);
}

static int chunk_commit(struct csvi *im, struct chunks *ch)
{
	int rc = store_commit(im->st, im->err);

	/* a failed commit may leave the transaction open: chunk_fail rolls it back */
	if (rc != HL_OK)
		return rc;
	im->in_tx = false;
	ch->in_chunk = 0;
	/* Leave the lock free for a moment: a writer waiting for it (the server)
	 * retries every millisecond and gets in before the next chunk. */
	usleep(CHUNK_PAUSE_US);
	return rc;
}

/* The last chunk: the import is whole, audited as action. */
static int chunk_finish(struct csvi *im, struct chunks *ch, const char *action)
{
	int rc = im->in_tx ? HL_OK : csvi_begin(im);

	if (rc == HL_OK && ch->run.id != 0)
		rc = STORE(im->st, admin, import_run_done, ch->run.id, im->err);
	return csvi_finish(im, rc, action, NULL);
}

/* Undo what run committed, in one transaction: its responses (then the
 * tallies and rollups are recomputed, as `tallies rebuild` does) or its
 * dossiers as they were. */
static int undo_run(struct store *st, const struct store_import_run *run, const char *who,
	struct hl_err *err)
{
	char detail[128];
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
			rc = tacc_compute(st, 0, 0, INT64_MAX, 0, NULL, NULL, err);
	} else {
		rc = STORE(st, dossiers, dossier_undo, run->id, err);
	}
	if (rc == HL_OK)
		rc = STORE(st, admin, import_run_done, run->id, err);
	snprintf(detail, sizeof(detail), "hủy lần nhập %s dở dang số %lld", run->kind,
		(long long)run->id);
	return audit_commit(st, rc, who, "import.undo", detail, err);
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
static void chunk_fail(struct csvi *im, struct chunks *ch)
{
	struct hl_err ignored;

	if (im->in_tx) {
		store_rollback(im->st, &ignored);
		im->in_tx = false;
	}
	if (ch->run.id != 0 &&
		undo_run(im->st, &ch->run, im->o->who != NULL ? im->o->who : "?", &ignored) ==
			HL_OK) {
		ch->run.id = 0;
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

/* rows[0..n) (size bytes each, a code at code_off) into map: code -> row. */
static int index_codes(struct csvi *im, struct lookup *map, void *rows, size_t n, size_t size,
	size_t code_off)
{
	for (size_t i = 0; i < n; i++) {
		char *row = (char *)rows + i * size;

		if (lookup_put(map, row + code_off, row) != HL_OK)
			return hl_err_set(im->err, HL_ENOMEM, HL_HERE, "hết bộ nhớ");
	}
	return HL_OK;
}

/* Load every unit into umap and, when fmap is not NULL, every field of
 * procedures into fmap: code -> its row (a struct store_unit or store_field
 * in im->a). */
static int load_codes(struct csvi *im, struct lookup *umap, struct lookup *fmap)
{
	struct store_unit *u = NULL;
	struct store_field *f = NULL;
	size_t nu = 0, nf = 0;
	int rc = STORE(im->st, units, unit_list, im->a, &u, &nu, im->err);

	if (rc == HL_OK)
		rc = index_codes(im, umap, u, nu, sizeof(*u), offsetof(struct store_unit, code));
	if (rc == HL_OK && fmap != NULL)
		rc = STORE(im->st, units, field_list, im->a, &f, &nf, im->err);
	if (rc == HL_OK && fmap != NULL)
		rc = index_codes(im, fmap, f, nf, sizeof(*f), offsetof(struct store_field, code));
	return rc;
}

static struct lookup *new_map(struct csvi *im)
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

static const struct csvi_col unit_cols[U_NCOLS] = {
	{CSVI_COL("code", true), CSVI_TEXT_IN(struct pending_unit, u.code), .need = true},
	{CSVI_COL("name", true), CSVI_TEXT_IN(struct pending_unit, u.name), .need = true},
	{CSVI_COL("type", true)},
	{CSVI_COL("parent", false), CSVI_TEXT_IN(struct pending_unit, parent)},
	{CSVI_COL("valid_from", false), .kind = CSVI_DAY,
		CSVI_AT(struct pending_unit, u.valid_from)},
	{CSVI_COL("valid_to", false), .kind = CSVI_DAY, CSVI_AT(struct pending_unit, u.valid_to)},
};

static const struct csvi_spec unit_spec = {unit_cols, U_NCOLS, &msgs, NULL, NULL};

/* The units read so far. */
struct unit_rows {
	struct lookup *seen; /* code -> its pending_unit */
	struct pending_unit *rows;
	size_t n, cap;
};

/* Check a row into p; false if it must not be kept at all (no code, or a
 * code seen before). p->ok says whether the row itself is valid. */
static bool check_unit_row(struct csvi *im, struct lookup *seen, struct pending_unit *p)
{
	bool keep = true;
	bool ok = true;
	const char *type = csvi_cell(im, U_TYPE);

	memset(p, 0, sizeof(*p));
	p->line = im->rec.line;
	ok &= csvi_parse(im, U_CODE, p);
	ok &= csvi_parse(im, U_NAME, p);
	ok &= csvi_parse(im, U_PARENT, p);
	if (type[0] == '\0') {
		csvi_problem(im, "type", "thiếu loại đơn vị");
		ok = false;
	} else if (builtin_unit_type_name(type) == NULL) {
		csvi_problem(im, "type",
			"loại đơn vị '%s' không có (các loại: tinh, huyen, "
			"ubnd-huyen, ubnd-xa, tram-y-te, truong, nganh-doc, benh-vien, so-nganh)",
			type);
		ok = false;
	} else {
		snprintf(p->u.type, sizeof(p->u.type), "%s", type);
	}
	ok &= csvi_parse(im, U_FROM, p);
	ok &= csvi_parse(im, U_TO, p);
	if (ok && p->u.valid_from != HL_DAY_NONE && p->u.valid_to != HL_DAY_NONE &&
		p->u.valid_to < p->u.valid_from) {
		csvi_problem(im, "valid_to", "ngày kết thúc trước ngày bắt đầu");
		ok = false;
	}
	if (p->u.code[0] == '\0') {
		keep = false;
	} else {
		if (lookup_get(seen, p->u.code) != NULL) {
			csvi_problem(im, "code", "mã đơn vị '%s' đã có ở dòng trước trong tệp",
				p->u.code);
			keep = false;
		}
		if (strcmp(p->u.code, p->parent) == 0) {
			csvi_problem(im, "parent", "đơn vị không thể là cấp trên của chính nó");
			ok = false;
		}
	}
	p->ok = ok;
	return keep;
}

static int unit_row(struct csvi *im, void *ctx)
{
	struct unit_rows *ur = ctx;
	struct pending_unit p;

	if (!check_unit_row(im, ur->seen, &p))
		return HL_OK;
	if (ur->n == UNITS_MAX_ROWS) {
		csvi_problem(im, "", "tệp có quá %d đơn vị", UNITS_MAX_ROWS);
		return CSVI_STOP;
	}
	if (!hl_grow(&ur->rows, &ur->cap, ur->n + 1, sizeof(*ur->rows)))
		return hl_err_set(im->err, HL_ENOMEM, HL_HERE, "hết bộ nhớ khi đọc đơn vị");
	ur->rows[ur->n++] = p;
	/* The map keeps pointers into rows: rebuilt after the last row. */
	if (lookup_put(ur->seen, p.u.code, &ur->rows[ur->n - 1]) != HL_OK)
		return hl_err_set(im->err, HL_ENOMEM, HL_HERE, "hết bộ nhớ");
	return HL_OK;
}

/* Resolve parents pass after pass, so a parent may come later in the file,
 * writing each unit once its parent is known (when write is true); what is
 * left has an unknown parent or a cycle. Rows with a problem of their own are
 * never written, and their children are not blamed for them. */
static int put_units(struct csvi *im, struct pending_unit *rows, size_t n, struct lookup *seen,
	struct lookup *db, bool write)
{
	bool progress = true;
	size_t left = n;

	while (progress && left > 0) {
		progress = false;
		for (size_t i = 0; i < n; i++) {
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
	for (size_t i = 0; i < n; i++) {
		if (rows[i].done)
			continue;
		if (lookup_get(seen, rows[i].parent) != NULL)
			import_add_problem(im->rep, rows[i].line, "parent",
				"đơn vị cấp trên '%s' tạo thành vòng lặp", rows[i].parent);
		else
			import_add_problem(im->rep, rows[i].line, "parent",
				"đơn vị cấp trên '%s' không tồn tại", rows[i].parent);
	}
	return HL_OK;
}

/* After the writes: a row whose parent is one of its own descendants among
 * the units already stored closes a loop; each such row is a problem. */
static int refuse_loops(struct csvi *im, struct lookup *seen)
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
			import_add_problem(im->rep, p->line, "parent",
				"đơn vị cấp trên '%s' tạo thành "
				"vòng lặp với các đơn vị đã có: '%s' là đơn vị cấp dưới của '%s'",
				p->parent, p->parent, p->u.code);
	}
	return HL_OK;
}

int import_units(struct store *st, FILE *f, const struct import_opts *o, struct import_report *rep,
	struct hl_err *err)
{
	struct csvi im;
	struct unit_rows ur = {0};
	struct lookup *db = NULL;
	int rc = start(&im, st, f, o, &unit_spec, false, rep, err);

	if (rc != HL_OK)
		goto cleanup;
	ur.seen = new_map(&im);
	db = new_map(&im);
	rc = ur.seen != NULL && db != NULL ? csvi_each(&im, unit_row, &ur) : HL_ENOMEM;
	for (size_t i = 0; rc == HL_OK && i < ur.n; i++)
		if (lookup_put(ur.seen, ur.rows[i].u.code, &ur.rows[i]) != HL_OK)
			rc = hl_err_set(err, HL_ENOMEM, HL_HERE, "hết bộ nhớ");
	if (rc == HL_OK && rep->nproblems > 0) {
		/* Still look for unknown parents, so every problem is reported at once. */
		rc = load_codes(&im, db, NULL);
		if (rc == HL_OK)
			rc = put_units(&im, ur.rows, ur.n, ur.seen, db, false);
		if (rc == HL_OK)
			rc = HL_EINVAL;
		goto cleanup;
	}
	if (rc == HL_OK)
		rc = csvi_begin(&im);
	if (rc == HL_OK)
		rc = load_codes(&im, db, NULL);
	if (rc == HL_OK)
		rc = put_units(&im, ur.rows, ur.n, ur.seen, db, true);
	if (rc == HL_OK)
		rc = refuse_loops(&im, ur.seen);
	rc = csvi_finish(&im, rc, "units.import", NULL);
cleanup:
	if (rc != HL_OK)
		rep->added = 0;
	csvi_close(&im);
	lookup_free(ur.seen);
	lookup_free(db);
	hl_free(ur.rows);
	return rc;
}

/* ---- fields and staff: lists of coded rows ---- */

enum { F_CODE, F_NAME, F_NCOLS };

static const struct csvi_col field_cols[F_NCOLS] = {
	{CSVI_COL("code", true), CSVI_TEXT_IN(struct store_field, code), .need = true},
	{CSVI_COL("name", true), CSVI_TEXT_IN(struct store_field, name), .need = true},
};

enum { S_CODE, S_NAME, S_UNIT, S_POS, S_NCOLS };

static const struct csvi_col staff_cols[S_NCOLS] = {
	{CSVI_COL("code", true), CSVI_TEXT_IN(struct store_staff, code), .need = true},
	{CSVI_COL("name", true), CSVI_TEXT_IN(struct store_staff, name), .need = true},
	{CSVI_COL("unit", true)},
	{CSVI_COL("position", false), CSVI_TEXT_IN(struct store_staff, position)},
};

static int put_field(struct store *st, void *row, struct hl_err *err)
{
	return STORE(st, units, field_put, row, err);
}

static int put_staff(struct store *st, void *row, struct hl_err *err)
{
	return STORE(st, units, staff_put, row, err);
}

/* A list whose rows each have a code (column 0, new in the file) and
 * perhaps a unit, stored one by one in one transaction. */
struct code_list {
	struct csvi_spec spec;
	const char *what;   /* the code's name in a problem */
	const char *action; /* the audit's */
	int unit_col;       /* the unit's column, -1 = none */
	size_t unit_off;    /* where the unit's id goes in the row */
	int (*put)(struct store *st, void *row, struct hl_err *err);
};

static const struct code_list fields_list = {
	{field_cols, F_NCOLS, &msgs, NULL, NULL},
	"mã lĩnh vực",
	"fields.import",
	-1,
	0,
	put_field,
};

static const struct code_list staff_list = {
	{staff_cols, S_NCOLS, &msgs, NULL, NULL},
	"mã công chức",
	"staff.import",
	S_UNIT,
	offsetof(struct store_staff, unit_id),
	put_staff,
};

struct list_ctx {
	const struct code_list *l;
	struct lookup *seen, *units;
};

static int list_row(struct csvi *im, void *ctx)
{
	struct list_ctx *x = ctx;
	union {
		struct store_field f;
		struct store_staff s;
	} row;
	const char *code = (const char *)&row + x->l->spec.cols[0].off;
	int64_t unit_id = 0;
	bool ok, dup = false;
	int rc;

	memset(&row, 0, sizeof(row));
	ok = csvi_parse_row(im, &row);
	if (x->l->unit_col >= 0 && unit_cell(im, x->l->unit_col, x->units, &unit_id))
		memcpy((char *)&row + x->l->unit_off, &unit_id, sizeof(unit_id));
	else if (x->l->unit_col >= 0)
		ok = false;
	if (code[0] != '\0' &&
		((rc = met_before(im, x->seen, code, x->l->what, &dup)) != HL_OK || dup))
		return dup ? HL_OK : rc;
	if (!ok)
		return HL_OK;
	if ((rc = x->l->put(im->st, &row, im->err)) == HL_OK)
		im->rep->added++;
	return rc;
}

static int import_list(const struct code_list *l, struct store *st, FILE *f,
	const struct import_opts *o, struct import_report *rep, struct hl_err *err)
{
	struct csvi im;
	struct list_ctx x = {.l = l};
	int rc = start(&im, st, f, o, &l->spec, false, rep, err);

	if (rc == HL_OK) {
		x.seen = new_map(&im);
		x.units = new_map(&im);
		rc = x.seen != NULL && x.units != NULL ? csvi_begin(&im) : HL_ENOMEM;
	}
	if (rc == HL_OK && l->unit_col >= 0)
		rc = load_codes(&im, x.units, NULL);
	if (rc == HL_OK)
		rc = csvi_each(&im, list_row, &x);
	rc = csvi_finish(&im, rc, l->action, NULL);
	csvi_close(&im);
	lookup_free(x.seen);
	lookup_free(x.units);
	return rc;
}

int import_fields(struct store *st, FILE *f, const struct import_opts *o, struct import_report *rep,
	struct hl_err *err)
{
	return import_list(&fields_list, st, f, o, rep, err);
}

int import_staff(struct store *st, FILE *f, const struct import_opts *o, struct import_report *rep,
	struct hl_err *err)
{
	return import_list(&staff_list, st, f, o, rep, err);
}

/* ---- responses ---- */

/* The checks themselves are ingest.c's, shared with the server's API. */

enum { R_UNIT, R_INSTR, R_DATE, R_ID, R_CHANNEL, R_FIELD, R_STAFF, R_DOSSIER, R_COMMENT, R_NCOLS };

static const struct csvi_col resp_cols[R_NCOLS] = {
	{CSVI_COL("unit", true)},
	{CSVI_COL("instrument", true)},
	{CSVI_COL("date", true)},
	{CSVI_COL("id", false)},
	{CSVI_COL("channel", false)},
	{CSVI_COL("field", false)},
	{CSVI_COL("staff", false)},
	{CSVI_COL("dossier", false)},
	{CSVI_COL("comment", false)},
};

/* The reads of a file of responses or dossiers: check every row (noting
 * its code in a dupset); when the check found problems and the dupset has
 * suspects, read once more to tell the codes met twice (RECOUNT); else
 * write in chunks, the recount done on the way. */
enum pass { CHECK, RECOUNT, WRITE };

/* The CHECK read and, when it found problems and seen has suspects, the
 * RECOUNT; then back to the first line for the WRITE read (*pass set for
 * each). HL_EINVAL when the file has problems. */
static int check_reads(struct csvi *im, struct dupset *seen, enum pass *pass,
	int (*row)(struct csvi *im, void *ctx), void *ctx)
{
	int rc;

	*pass = CHECK;
	rc = csvi_each(im, row, ctx);
	dupset_checked(seen); /* its memory is the write's */
	if (rc == HL_OK && im->rep->nproblems > 0 && dupset_suspects(seen)) {
		*pass = RECOUNT;
		rc = csvi_recount(im, row, ctx);
	}
	if (rc == HL_OK && im->rep->nproblems > 0)
		rc = HL_EINVAL;
	*pass = WRITE;
	return rc == HL_OK ? csvi_reread(im) : rc;
}

/* A row staged (intake_stage), as its clash is told. */
struct staged {
	long line;
	int64_t unit_id;
	char ext_id[STORE_CODE_MAX];
	unsigned char hash[STORE_HASH_LEN];
};

struct resp_ctx {
	struct csvi *im;
	struct ingest *g;          /* what the store knows */
	struct lookup *qidx;       /* "code@version" -> int[nq]: question per column */
	int nq;                    /* question columns */
	int qcol[CSVR_MAX_FIELDS]; /* their header indices */
	int64_t batch;
	struct dupset *seen; /* the ids met (the first read), settled by a recount */
	enum pass pass;
	struct chunks ch;
	struct store_response r;
	const struct hl_instrument *in; /* r's, from the snapshot g */
	struct staged *stage;           /* STAGE_ROWS: the rows staged */
	int64_t nstaged;
	int64_t *clash; /* seqs of the staged rows whose id the unit has */
	int64_t nclash;
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
	csvi_problem(ctx, name, "%s", msg);
}

/* Check one data row and fill x->r; false if it had a problem. */
static bool check_response(struct resp_ctx *x)
{
	struct csvi *im = x->im;
	struct ingest_sink sink = {row_problem, im, 0};
	struct ingest_in in = {
		.id = csvi_cell(im, R_ID),
		.unit = csvi_cell(im, R_UNIT),
		.instrument = csvi_cell(im, R_INSTR),
		.date = csvi_cell(im, R_DATE),
		.channel = csvi_cell(im, R_CHANNEL),
		.field = csvi_cell(im, R_FIELD),
		.staff = csvi_cell(im, R_STAFF),
		.dossier = csvi_cell(im, R_DOSSIER),
		.comment = csvi_cell(im, R_COMMENT),
	};
	const struct ingest_inst *it;
	const int *qidx;
	bool ok = ingest_check(x->g, &in, &x->r, &it, &sink);

	if (it == NULL)
		return false;
	x->in = it->in;
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
	struct csvi *im = x->im;

	if (x->batch == 0) {
		int rc = STORE(im->st, responses, batch_new, "import",
			im->o->name != NULL ? im->o->name : "", &x->batch, im->err);

		if (rc != HL_OK)
			return rc;
		x->r.batch_id = x->batch;
	}
	return chunk_begin(im, &x->ch, "responses", x->batch);
}

/* A staged row whose id the unit has (the stage's clash callback). */
static int note_clash(void *ctx, int64_t seq)
{
	struct resp_ctx *x = ctx;

	if (seq >= 0 && seq < x->nstaged && x->nclash < x->nstaged)
		x->clash[x->nclash++] = seq;
	return HL_OK;
}

/* Insert the rows staged: those whose id the unit has already are skipped
 * when the same response (a file imported again), or refuse the file. */
static int stage_flush(struct resp_ctx *x)
{
	struct csvi *im = x->im;
	int64_t added = 0;
	int rc = HL_OK;

	x->nclash = 0;
	if (x->nstaged > 0)
		rc = STORE(im->st, responses, response_stage_flush, x->batch, x->nstaged, &added,
			note_clash, x, im->err);
	for (int64_t i = 0; rc == HL_OK && i < x->nclash; i++) {
		const struct staged *s = &x->stage[x->clash[i]];
		bool same = false;

		rc = intake_same(im->st, s->unit_id, s->ext_id, s->hash, &same, NULL, im->err);
		if (rc == HL_OK && same)
			im->rep->skipped++;
		else if (rc == HL_OK)
			import_add_problem(im->rep, s->line, "id",
				"mã phiếu '%s' đã có trong đơn vị với nội dung khác "
				"(ngày, câu trả lời, ý kiến…): sửa dòng này hoặc dùng mã khác",
				s->ext_id);
	}
	im->rep->added += added;
	x->nstaged = 0;
	return rc;
}

/* The chunk's staged rows stored, then the chunk committed. */
static int resp_chunk_end(struct resp_ctx *x)
{
	int rc = stage_flush(x);

	return rc != HL_OK ? rc : chunk_commit(x->im, &x->ch);
}

/* Stage the checked row x->r (its batch set). */
static int stage_row(struct resp_ctx *x)
{
	struct csvi *im = x->im;
	struct staged *s = &x->stage[x->nstaged];
	int rc = intake_stage(im->st, &x->r, x->nstaged, im->err);

	if (rc != HL_OK)
		return rc;
	s->line = im->rec.line;
	s->unit_id = x->r.unit_id;
	snprintf(s->ext_id, sizeof(s->ext_id), "%s", x->r.ext_id);
	memcpy(s->hash, x->r.content_hash, STORE_HASH_LEN);
	return ++x->nstaged == STAGE_ROWS ? stage_flush(x) : HL_OK;
}

/* Whether the row x->r opens a follow-up case (svc/followup.h): then it is
 * stored alone, for the case to name it. */
static bool opens_case(const struct resp_ctx *x)
{
	struct fu_verdict v;

	if (x->im->o->no_followup)
		return false;
	fu_judge(x->in, x->r.answers, x->r.nanswers, false, &v);
	return v.open;
}

/* The tallies' tick: commit once the transaction has lasted a chunk. */
static int resp_tick(void *ctx, struct hl_err *err)
{
	struct resp_ctx *x = ctx;
	int rc;

	(void)err;
	if (!chunk_due(&x->ch))
		return HL_OK;
	rc = chunk_commit(x->im, &x->ch);
	return rc == HL_OK ? chunk_begin(x->im, &x->ch, "responses", x->batch) : rc;
}

/* The tallies of the whole file, once every row is stored: each key is
 * written once (tacc_compute), in transactions no longer than a chunk. */
static int resp_tallies(struct resp_ctx *x)
{
	struct tacc_tick tick = {resp_tick, x};
	int rc = HL_OK;

	if (x->batch == 0) /* no row written */
		return HL_OK;
	if (!x->im->in_tx)
		rc = chunk_begin(x->im, &x->ch, "responses", x->batch);
	return rc == HL_OK ?
		tacc_compute(x->im->st, x->batch, 0, INT64_MAX, 0, NULL, &tick, x->im->err) :
		rc;
}

/* The dupset's key of the row x->r, false when it has no id; ids are the
 * unit's own: the same id in two units is two responses. */
static bool resp_key(const struct resp_ctx *x, char *key, size_t size)
{
	if (x->r.ext_id[0] == '\0')
		return false;
	snprintf(key, size, "%lld\t%s", (long long)x->r.unit_id, x->r.ext_id);
	return true;
}

/* The row's id in the check (noted) or in a recount (told when met
 * before: true). */
static int resp_seen(struct resp_ctx *x, bool *dup)
{
	char key[STORE_CODE_MAX + 24];

	*dup = false;
	if (!resp_key(x, key, sizeof(key)))
		return HL_OK;
	if (x->pass == CHECK)
		return dupset_add(x->seen, key) == HL_OK ?
			HL_OK :
			hl_err_set(x->im->err, HL_ENOMEM, HL_HERE, "hết bộ nhớ");
	dupset_recount(x->seen, key, dup);
	if (*dup)
		csvi_problem_always(x->im, "id", "mã phiếu '%s' trùng với một dòng trước trong tệp",
			x->r.ext_id);
	return HL_OK;
}

/* One row: checked; in the second pass (write) stored in chunks. */
static int resp_row(struct csvi *im, void *ctx)
{
	struct resp_ctx *x = ctx;
	struct intake_post p = {.r = &x->r, .no_followup = im->o->no_followup};
	bool dup;
	int rc;

	if (!check_response(x))
		return HL_OK;
	rc = resp_seen(x, &dup);
	if (rc != HL_OK || x->pass != WRITE || dup)
		return rc;
	/* A problem in this pass (an id met twice, what the store knows
	 * changed since the check, or an id the unit has with other content):
	 * write no more; what was written is undone. */
	if (im->rep->nproblems > 0)
		return HL_OK;
	if (!im->in_tx && (rc = resp_chunk_begin(x)) != HL_OK)
		return rc;
	if (!opens_case(x)) {
		rc = stage_row(x);
	} else {
		/* An id the unit has: the same response again is skipped, other
		 * content under it refuses the file (svc/intake.h). */
		p.in = x->in; /* this row's instrument: check_response has just found it */
		rc = intake_store(im->st, INTAKE_IMPORT, &p, NULL, NULL, im->err);
		if (rc == HL_ECONFLICT) {
			hl_err_clear(im->err);
			csvi_problem(im, "id",
				"mã phiếu '%s' đã có trong đơn vị với nội dung khác "
				"(ngày, câu trả lời, ý kiến…): sửa dòng này hoặc dùng mã khác",
				x->r.ext_id);
			return HL_OK;
		}
		if (rc == HL_OK && p.duplicate)
			im->rep->skipped++;
		else if (rc == HL_OK)
			im->rep->added++;
	}
	if (rc != HL_OK)
		return rc;
	return chunk_full(&x->ch) ? resp_chunk_end(x) : HL_OK;
}

int import_responses(struct store *st, FILE *f, const struct import_opts *o,
	struct import_report *rep, struct hl_err *err)
{
	struct csvi im;
	struct csvi_spec spec = {resp_cols, R_NCOLS, &msgs, is_question, NULL};
	struct resp_ctx *x = hl_calloc(1, sizeof(*x));
	int rc;

	memset(&im, 0, sizeof(im));
	memset(rep, 0, sizeof(*rep));
	if (x == NULL)
		return hl_err_set(err, HL_ENOMEM, HL_HERE, "hết bộ nhớ");
	spec.extra_ctx = x;
	x->im = &im;
	x->qidx = lookup_new();
	x->stage = hl_calloc(STAGE_ROWS, sizeof(*x->stage));
	x->clash = hl_calloc(STAGE_ROWS, sizeof(*x->clash));
	rc = x->qidx != NULL && x->stage != NULL && x->clash != NULL ?
		ingest_load(st, &x->g, err) :
		hl_err_set(err, HL_ENOMEM, HL_HERE, "hết bộ nhớ");
	if (rc == HL_OK)
		rc = start(&im, st, f, o, &spec, true, rep, err);
	if (rc == HL_OK && (x->seen = dupset_new(csvi_size(&im))) == NULL)
		rc = hl_err_set(err, HL_ENOMEM, HL_HERE, "hết bộ nhớ");
	if (rc != HL_OK)
		goto cleanup;
	for (int j = 0; j < im.ncols; j++) {
		bool known = false;

		for (int i = 0; i < R_NCOLS; i++)
			known |= im.idx[i] == j;
		if (!known)
			x->qcol[x->nq++] = j;
	}
	rc = check_reads(&im, x->seen, &x->pass, resp_row, x);
	if (rc == HL_OK)
		rc = csvi_each(&im, resp_row, x);
	if (rc == HL_OK && rep->nproblems == 0 && im.in_tx)
		rc = stage_flush(x);
	if (rc == HL_OK && rep->nproblems == 0)
		rc = resp_tallies(x);
	if (rc == HL_OK && rep->nproblems == 0)
		rc = chunk_finish(&im, &x->ch, "responses.import");
	if (rc == HL_OK && rep->nproblems > 0)
		rc = HL_EINVAL;
	if (rc != HL_OK)
		chunk_fail(&im, &x->ch);
cleanup:
	if (rc != HL_OK)
		rep->added = 0;
	csvi_close(&im);
	dupset_free(x->seen);
	lookup_free(x->qidx);
	ingest_free(x->g);
	hl_free(x->stage);
	hl_free(x->clash);
	hl_free(x);
	return rc;
}

/* ---- dossiers ---- */

enum {
	D_CODE,
	D_UNIT,
	D_FIELD,
	D_PROC,
	D_CHANNEL,
	D_RECV,
	D_DUE,
	D_FIN,
	D_RET,
	D_SUPP,
	D_RESCH,
	D_APOL,
	D_SUBM,
	D_NCOLS
};

#define MINUTE(m, needed) \
	.kind = CSVI_MINUTE, CSVI_AT(struct store_dossier, m), .need = needed, \
	.empty = "thiếu thời điểm"

static const struct csvi_col dossier_cols[D_NCOLS] = {
	{CSVI_COL("code", true), CSVI_TEXT_IN(struct store_dossier, code), .need = true},
	{CSVI_COL("unit", true)},
	{CSVI_COL("field", false)},
	{CSVI_COL("procedure", false), CSVI_TEXT_IN(struct store_dossier, procedure)},
	{CSVI_COL("channel", true)},
	{CSVI_COL("received_at", true), MINUTE(received_at, true)},
	{CSVI_COL("due_at", true), MINUTE(due_at, true)},
	{CSVI_COL("finished_at", false), MINUTE(finished_at, false)},
	{CSVI_COL("returned_at", false), MINUTE(returned_at, false)},
	{CSVI_COL("supplements", false), .kind = CSVI_COUNT,
		CSVI_AT(struct store_dossier, supplements)},
	{CSVI_COL("reschedules", false), .kind = CSVI_COUNT,
		CSVI_AT(struct store_dossier, reschedules)},
	{CSVI_COL("apology", false), .kind = CSVI_YESNO, CSVI_AT(struct store_dossier, apology)},
	{CSVI_COL("submitted_at", false), MINUTE(submitted_at, false)},
};

static const struct csvi_spec dossier_spec = {dossier_cols, D_NCOLS, &msgs, NULL, NULL};

struct dossier_ctx {
	struct lookup *units, *fields;
	struct dupset *seen; /* the codes met (the check), settled by a recount */
	struct chunks ch;
	enum pass pass;
};

/* The time columns that cannot come before the dossier was received. */
static const struct {
	int col;
	size_t off;
	const char *msg;
} not_before[] = {
	{D_DUE, offsetof(struct store_dossier, due_at), "hạn trả trước thời điểm tiếp nhận"},
	{D_FIN, offsetof(struct store_dossier, finished_at),
		"hoàn thành trước thời điểm tiếp nhận"},
	{D_RET, offsetof(struct store_dossier, returned_at),
		"trả kết quả trước thời điểm tiếp nhận"},
};

static bool check_dossier(struct csvi *im, struct dossier_ctx *x, struct store_dossier *d)
{
	static const int first[] = {D_CODE, D_PROC},
			 times[] = {D_RECV, D_DUE, D_FIN, D_RET, D_SUBM};
	const char *s;
	char key[STORE_CODE_MAX];
	bool ok = true;

	memset(d, 0, sizeof(*d));
	for (size_t i = 0; i < sizeof(first) / sizeof(first[0]); i++)
		ok &= csvi_parse(im, first[i], d);
	ok &= unit_cell(im, D_UNIT, x->units, &d->unit_id);
	s = key_cell(im, D_FIELD, key, sizeof(key));
	if (s[0] != '\0') {
		const struct store_field *fl = lookup_get(x->fields, s);

		if (fl == NULL) {
			csvi_problem(im, "field", "lĩnh vực '%s' không tồn tại", s);
			ok = false;
		} else {
			d->field_id = fl->id;
		}
	}
	s = csvi_cell(im, D_CHANNEL);
	if (tl_channel_parse(s) != TL_CH_NONE) {
		snprintf(d->channel, sizeof(d->channel), "%s", s);
	} else {
		csvi_problem(im, "channel", "kênh '%s' không có (dùng online, direct hoặc post)",
			s);
		ok = false;
	}
	for (size_t i = 0; i < sizeof(times) / sizeof(times[0]); i++)
		ok &= csvi_parse(im, times[i], d);
	if (d->received_at >= 0) {
		if (d->submitted_at >= 0 && d->submitted_at > d->received_at) {
			csvi_problem(im, "submitted_at", "nộp trực tuyến sau thời điểm tiếp nhận");
			ok = false;
		}
		for (size_t i = 0; i < sizeof(not_before) / sizeof(not_before[0]); i++) {
			int64_t t = *(
				const int64_t *)(const void *)((const char *)d + not_before[i].off);

			if (t >= 0 && t < d->received_at) {
				csvi_problem(im, dossier_cols[not_before[i].col].name, "%s",
					not_before[i].msg);
				ok = false;
			}
		}
	}
	ok &= csvi_parse(im, D_SUPP, d);
	ok &= csvi_parse(im, D_RESCH, d);
	ok &= csvi_parse(im, D_APOL, d);
	if (d->code[0] != '\0' && x->pass == CHECK) {
		if (dupset_add(x->seen, d->code) != HL_OK) {
			csvi_problem(im, "code", "hết bộ nhớ");
			ok = false;
		}
	} else if (d->code[0] != '\0') {
		bool dup;

		dupset_recount(x->seen, d->code, &dup);
		if (dup) {
			csvi_problem_always(im, "code",
				"mã hồ sơ '%s' đã có ở dòng trước trong tệp", d->code);
			ok = false;
		}
	}
	return ok;
}

/* One row: checked; in the second pass (write), its earlier state noted
 * first so that a failure can put it back, then saved in chunks. */
static int dossier_row(struct csvi *im, void *ctx)
{
	struct dossier_ctx *x = ctx;
	struct store_dossier d;
	int rc;

	if (!check_dossier(im, x, &d) || x->pass != WRITE || im->rep->nproblems > 0)
		return HL_OK;
	if ((!im->in_tx && (rc = chunk_begin(im, &x->ch, "dossiers", 0)) != HL_OK) ||
		(rc = STORE(im->st, dossiers, dossier_undo_note, x->ch.run.id, d.code, im->err)) !=
			HL_OK ||
		(rc = dq_save(im->st, &d, im->err)) != HL_OK)
		return rc;
	im->rep->added++;
	return chunk_full(&x->ch) ? chunk_commit(im, &x->ch) : HL_OK;
}

int import_dossiers(struct store *st, FILE *f, const struct import_opts *o,
	struct import_report *rep, struct hl_err *err)
{
	struct csvi im;
	struct dossier_ctx x = {0};
	int rc = start(&im, st, f, o, &dossier_spec, true, rep, err);

	if (rc != HL_OK)
		goto cleanup;
	x.units = new_map(&im);
	x.fields = new_map(&im);
	rc = x.units && x.fields ? load_codes(&im, x.units, x.fields) : HL_ENOMEM;
	if (rc == HL_OK && (x.seen = dupset_new(csvi_size(&im))) == NULL)
		rc = hl_err_set(err, HL_ENOMEM, HL_HERE, "hết bộ nhớ");
	/* As responses: check every row, then write in chunks. */
	if (rc == HL_OK)
		rc = check_reads(&im, x.seen, &x.pass, dossier_row, &x);
	if (rc == HL_OK)
		rc = csvi_each(&im, dossier_row, &x);
	if (rc == HL_OK && rep->nproblems > 0)
		rc = HL_EINVAL;
	if (rc == HL_OK)
		rc = chunk_finish(&im, &x.ch, "dossiers.import");
	if (rc != HL_OK)
		chunk_fail(&im, &x.ch);
	else if (drop_notes(st, err) != HL_OK)
		hl_err_clear(err); /* the import is whole; the next one drops them */
cleanup:
	if (rc != HL_OK)
		rep->added = 0;
	csvi_close(&im);
	dupset_free(x.seen);
	lookup_free(x.units);
	lookup_free(x.fields);
	return rc;
}
