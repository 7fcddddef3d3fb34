/* csvimport.c — the one CSV import driver (csvimport.h): the header mapped
 * from an importer's column table, the rows read and their values parsed as
 * the table says, every problem noted, the import committed whole or not at
 * all. */
#include "svc/csvimport.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "base/arena.h"
#include "base/text.h"
#include "core/date.h"
#include "io/csvout.h"
#include "store/store.h"
#include "svc/ingest.h"
#include "svc/lookup.h"

#define ARENA_CAP ((size_t)256 * 1024 * 1024)
#define COUNT_MAX 1000000

/* Note a problem; the one body behind the three variadic entry points. */
static void add_problem(struct import_report *rep, long line, const char *col, const char *fmt,
	va_list ap)
{
	struct import_problem *p;

	rep->nproblems++;
	if (rep->kept >= IMPORT_MAX_PROBLEMS)
		return;
	p = &rep->problems[rep->kept++];
	p->line = line;
	snprintf(p->column, sizeof(p->column), "%s", col != NULL ? col : "");
	vsnprintf(p->reason, sizeof(p->reason), fmt, ap);
}

void import_add_problem(struct import_report *rep, long line, const char *col, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	add_problem(rep, line, col, fmt, ap);
	va_end(ap);
}

void csvi_problem(struct csvi *im, const char *col, const char *fmt, ...)
{
	va_list ap;

	if (im->quiet)
		return;
	va_start(ap, fmt);
	add_problem(im->rep, im->rec.line, col, fmt, ap);
	va_end(ap);
}

void csvi_problem_always(struct csvi *im, const char *col, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	add_problem(im->rep, im->rec.line, col, fmt, ap);
	va_end(ap);
}

/* csvi_problem with a format from a message table (not a literal: the
 * tables' formats are checked by the tests that print them). */
static void tell(struct csvi *im, const char *col, const char *fmt, ...)
{
	va_list ap;

	if (im->quiet)
		return;
	va_start(ap, fmt);
	add_problem(im->rep, im->rec.line, col, fmt, ap);
	va_end(ap);
}

static const char *file_name(const struct csvi *im)
{
	return im->o->name != NULL ? im->o->name : "tệp";
}

/* Make im->f readable twice: remember where it starts, or copy a pipe to a
 * temporary file. */
static int rewindable(struct csvi *im)
{
	char buf[65536];
	size_t n;

	im->start = ftell(im->f);
	if (im->start >= 0 && fseek(im->f, im->start, SEEK_SET) == 0)
		return HL_OK;
	im->copy = tmpfile();
	if (im->copy == NULL)
		return hl_err_set(im->err, HL_EIO, HL_HERE,
			"không tạo được tệp tạm để đọc dữ liệu nhập");
	while ((n = fread(buf, 1, sizeof(buf), im->f)) > 0)
		if (fwrite(buf, 1, n, im->copy) != n)
			return hl_err_set(im->err, HL_EIO, HL_HERE,
				"không ghi được tệp tạm (đĩa đầy?)");
	if (ferror(im->f) || fflush(im->copy) != 0 || fseek(im->copy, 0, SEEK_SET) != 0)
		return hl_err_set(im->err, HL_EIO, HL_HERE, "không đọc được dữ liệu nhập");
	im->f = im->copy;
	im->start = 0;
	return HL_OK;
}

int csvi_open(struct csvi *im, struct store *st, FILE *f, const struct import_opts *o,
	const struct csvi_spec *spec, bool twice, struct import_report *rep, struct hl_err *err)
{
	int rc;

	memset(rep, 0, sizeof(*rep));
	memset(im, 0, sizeof(*im));
	im->st = st;
	im->o = o;
	im->rep = rep;
	im->err = err;
	im->spec = spec;
	im->f = f;
	for (int k = 0; k < spec->ncols; k++)
		im->idx[k] = -1;
	im->a = hl_arena_new(ARENA_CAP);
	if (im->a == NULL)
		return hl_err_set(err, HL_ENOMEM, HL_HERE, "hết bộ nhớ khi mở tệp nhập");
	if (twice && (rc = rewindable(im)) != HL_OK)
		return rc;
	return csvr_open(im->f, file_name(im), &im->r, err);
}

/* The known columns joined by ',' into buf. */
static void known_list(const struct csvi_spec *spec, char *buf, size_t size)
{
	size_t len = 0;

	buf[0] = '\0';
	for (int k = 0; k < spec->ncols && len < size; k++)
		if (spec->cols[k].name != NULL)
			len += (size_t)snprintf(buf + len, size - len, "%s%s", len ? "," : "",
				spec->cols[k].name);
}

/* The importer's words, or the words most importers use when it has none. */
static const char *word(const char *own, const char *usual)
{
	return own != NULL ? own : usual;
}

static void missing_columns(struct csvi *im)
{
	const struct csvi_spec *s = im->spec;

	for (int k = 0; k < s->ncols; k++)
		if (s->cols[k].required && im->idx[k] < 0)
			tell(im, s->cols[k].name,
				word(s->msg->missing, "tiêu đề thiếu cột bắt buộc '%s'"),
				s->cols[k].name);
}

/* Header cell j: mapped to its column, another column the importer reads,
 * or a problem. */
static void map_column(struct csvi *im, int j, const char *known)
{
	const struct csvi_spec *s = im->spec;
	const struct csvi_msgs *m = s->msg;
	const char *h = im->hname[j];
	int k = 0;

	while (k < s->ncols && (s->cols[k].name == NULL || strcmp(s->cols[k].name, h) != 0))
		k++;
	for (int i = 0; i < j; i++)
		if (strcmp(im->hname[i], h) == 0 && (m->twice_any || k < s->ncols)) {
			tell(im, h, word(m->twice, "cột '%s' có hai lần trong tiêu đề"), h);
			return;
		}
	if (k < s->ncols)
		im->idx[k] = j;
	else if (s->extra != NULL && s->extra(s->extra_ctx, h))
		return;
	else if (h[0] == '\0' && m->unnamed != NULL)
		tell(im, "", m->unnamed, j + 1);
	else
		tell(im, h, s->extra != NULL && m->extra != NULL ? m->extra : m->unknown, h, known);
}

int csvi_header(struct csvi *im)
{
	const struct csvi_msgs *m = im->spec->msg;
	char known[128];
	int rc = csvr_next(im->r, &im->rec, im->err);

	im->header_read = false;
	for (int k = 0; k < im->spec->ncols; k++)
		im->idx[k] = -1;
	if (rc == 0 || (rc == HL_EINVAL && !m->malformed_fails)) {
		im->rec.line = 1;
		csvi_problem(im, "", "%s",
			rc == 0 ? word(m->empty, "tệp trống: thiếu dòng tiêu đề") : im->err->msg);
		hl_err_clear(im->err);
		return HL_OK;
	}
	if (rc < 0)
		return rc;
	if (im->rec.problem != NULL && m->header != NULL) {
		tell(im, "", m->header, im->rec.problem);
		return HL_OK;
	}
	im->header_read = true;
	im->ncols = im->rec.ncells;
	for (int j = 0; j < im->rec.ncells; j++) {
		im->hname[j] = hl_arena_strdup(im->a, im->rec.cells[j]);
		if (im->hname[j] == NULL)
			return hl_err_set(im->err, HL_ENOMEM, HL_HERE,
				"hết bộ nhớ khi đọc tiêu đề");
	}
	known_list(im->spec, known, sizeof(known));
	if (m->missing_first) {
		for (int j = 0; j < im->ncols; j++)
			for (int k = 0; k < im->spec->ncols; k++)
				if (im->idx[k] < 0 && im->spec->cols[k].name != NULL &&
					strcmp(im->spec->cols[k].name, im->hname[j]) == 0)
					im->idx[k] = j;
		missing_columns(im);
	}
	for (int j = 0; j < im->ncols; j++)
		map_column(im, j, known);
	if (!m->missing_first)
		missing_columns(im);
	return HL_OK;
}

int csvi_reread(struct csvi *im)
{
	int rc;

	csvr_free(im->r);
	im->r = NULL;
	im->rep->rows = 0;
	if (fseek(im->f, im->start, SEEK_SET) != 0)
		return hl_err_set(im->err, HL_EIO, HL_HERE, "không đọc lại được tệp nhập");
	rc = csvr_open(im->f, file_name(im), &im->r, im->err);
	return rc != HL_OK ? rc : csvi_header(im);
}

int csvi_next(struct csvi *im)
{
	const struct csvi_msgs *m = im->spec->msg;
	int rc;

	if (m->stop_when_full && im->rep->nproblems > 0 && im->rep->kept >= IMPORT_MAX_PROBLEMS)
		return 0;
	rc = csvr_next(im->r, &im->rec, im->err);
	if (rc == HL_EINVAL && !m->malformed_fails) {
		/* Malformed CSV: nothing after this point can be read. */
		if (!im->quiet)
			import_add_problem(im->rep, 0, "", "%s", im->err->msg);
		hl_err_clear(im->err);
		return 0;
	}
	if (rc <= 0)
		return rc;
	im->rep->rows++;
	if (im->o->progress != NULL && im->rep->rows % CSVI_PROGRESS_EVERY == 0)
		im->o->progress(im->o->progress_ctx, im->rep->rows);
	if (im->rec.problem != NULL) {
		int c = im->rec.problem_col;

		csvi_problem(im,
			m->named_problem && c > 0 && c <= im->ncols ? im->hname[c - 1] : "", "%s",
			im->rec.problem);
		return 2;
	}
	if (!m->any_width && im->rec.ncells != im->ncols) {
		tell(im, "", "dòng có %d ô nhưng tiêu đề có %d cột", im->rec.ncells, im->ncols);
		return 2;
	}
	return 1;
}

int csvi_each(struct csvi *im, int (*row)(struct csvi *im, void *ctx), void *ctx)
{
	int k, rc = HL_OK;

	while (rc == HL_OK && (k = csvi_next(im)) != 0) {
		if (k < 0)
			return k;
		if (k == 1)
			rc = row(im, ctx);
	}
	return rc == CSVI_STOP ? HL_OK : rc;
}

size_t csvi_size(const struct csvi *im)
{
	struct stat sb;

	if (fstat(fileno(im->f), &sb) != 0 || !S_ISREG(sb.st_mode) || sb.st_size < im->start)
		return 0;
	return (size_t)(sb.st_size - im->start);
}

int csvi_recount(struct csvi *im, int (*row)(struct csvi *im, void *ctx), void *ctx)
{
	int rc;

	im->quiet = true; /* the header's problems too */
	rc = csvi_reread(im);
	if (rc == HL_OK)
		rc = csvi_each(im, row, ctx);
	im->quiet = false;
	return rc;
}

const char *csvi_cell(const struct csvi *im, int k)
{
	int i = k >= 0 && k < im->spec->ncols ? im->idx[k] : -1;

	return i >= 0 && i < im->rec.ncells ? im->rec.cells[i] : "";
}

/* The parsers of the kinds (s not empty), into v. */

static bool day_of(const char *s, void *v)
{
	return hl_day_parse(s, v);
}

static bool minute_of(const char *s, void *v)
{
	return hl_minute_parse(s, v);
}

/* A whole number 0..COUNT_MAX, no sign. */
static bool count_of(const char *s, void *v)
{
	char *end;
	long n = strtol(s, &end, 10);

	if (*end != '\0' || end == s || s[0] == '-' || s[0] == '+' || n > COUNT_MAX)
		return false;
	*(int *)v = (int)n;
	return true;
}

/* The words for yes or no. */
static bool yes_no_of(const char *s, void *v)
{
	static const char *const yes[] = {"1", "yes", "có", "co", "true"};
	static const char *const no[] = {"", "0", "no", "không", "khong", "false"};

	for (size_t i = 0; i < sizeof(yes) / sizeof(yes[0]); i++)
		if (strcmp(s, yes[i]) == 0)
			return *(bool *)v = true;
	for (size_t i = 0; i < sizeof(no) / sizeof(no[0]); i++)
		if (strcmp(s, no[i]) == 0) {
			*(bool *)v = false;
			return true;
		}
	return false;
}

static bool percent_of(const char *s, void *v)
{
	return hl_parse_decimal(s, 0, 100, v);
}

/* Each kind's parser, its empty value and its words for a bad value (the
 * cell). */
static const struct kind {
	bool (*parse)(const char *s, void *v);
	const char *bad;
} kinds[] = {
	[CSVI_DAY] = {day_of, "ngày '%s' không hợp lệ (cần YYYY-MM-DD và là ngày có thật)"},
	[CSVI_MINUTE] = {minute_of,
		"thời điểm '%s' không hợp lệ (cần YYYY-MM-DD HH:MM và có thật)"},
	[CSVI_COUNT] = {count_of, "'%s' không phải số nguyên không âm"},
	[CSVI_YESNO] = {yes_no_of, "'%s' không hợp lệ (dùng 0/1, yes/no hoặc có/không)"},
	[CSVI_PERCENT] = {percent_of, "'%s' không phải một số từ 0 đến 100"},
};

/* The empty value of a kind into p. */
static void set_empty(const struct csvi_col *c, char *p)
{
	static const int64_t none = -1;
	static const hl_day no_day = HL_DAY_NONE;

	switch (c->kind) {
	case CSVI_TEXT: p[c->off] = '\0'; break;
	case CSVI_DAY: memcpy(p + c->off, &no_day, sizeof(no_day)); break;
	case CSVI_MINUTE: memcpy(p + c->off, &none, sizeof(none)); break;
	case CSVI_COUNT: memset(p + c->off, 0, sizeof(int)); break;
	case CSVI_YESNO: memset(p + c->off, 0, sizeof(bool)); break;
	case CSVI_PERCENT: memset(p + c->off2, 0, sizeof(bool)); break;
	case CSVI_NONE: break;
	}
}

bool csvi_parse(struct csvi *im, int k, void *row)
{
	const struct csvi_col *c = &im->spec->cols[k];
	const char *s = csvi_cell(im, k);
	char *p = row;

	if (c->unguard)
		s = csvout_unguard(s);
	set_empty(c, p);
	if (c->kind == CSVI_NONE)
		return true;
	if (s[0] == '\0' && c->kind != CSVI_YESNO) {
		if (c->need)
			csvi_problem(im, c->name, "%s",
				c->empty != NULL ? c->empty : "thiếu giá trị");
		return !c->need;
	}
	if (c->kind == CSVI_TEXT) {
		if (ingest_nfc(s, p + c->off, c->size) >= 0)
			return true;
		tell(im, c->name, c->bad != NULL ? c->bad : "dài %zu byte, tối đa %zu byte",
			strlen(s), c->size - 1);
	} else {
		if (kinds[c->kind].parse(s, p + c->off)) {
			bool yes = true;

			if (c->kind == CSVI_PERCENT)
				memcpy(p + c->off2, &yes, sizeof(yes));
			return true;
		}
		tell(im, c->name, c->bad != NULL ? c->bad : kinds[c->kind].bad, s);
	}
	set_empty(c, p);
	return false;
}

bool csvi_parse_row(struct csvi *im, void *row)
{
	bool ok = true;

	for (int k = 0; k < im->spec->ncols; k++)
		if (im->spec->cols[k].kind != CSVI_NONE)
			ok &= csvi_parse(im, k, row);
	return ok;
}

int csvi_seen(struct csvi *im, struct lookup *seen, const char *key, bool *dup)
{
	*dup = lookup_get(seen, key) != NULL;
	if (*dup || lookup_put(seen, key, seen) == HL_OK)
		return HL_OK;
	return hl_err_set(im->err, HL_ENOMEM, HL_HERE, "hết bộ nhớ");
}

int csvi_begin(struct csvi *im)
{
	int rc = im->o->held ? HL_OK : store_begin(im->st, im->err);

	im->in_tx = rc == HL_OK && !im->o->held;
	return rc;
}

int csvi_finish(struct csvi *im, int rc, const char *action, const char *detail)
{
	char line[300];

	if (rc == HL_OK && im->rep->nproblems > 0)
		rc = HL_EINVAL;
	if (rc == HL_OK) {
		if (detail == NULL) {
			snprintf(line, sizeof(line), "%s: %ld dòng, thêm %ld, bỏ qua %ld",
				file_name(im), im->rep->rows, im->rep->added, im->rep->skipped);
			detail = line;
		}
		rc = STORE(im->st, admin, audit, im->o->who != NULL ? im->o->who : "?", action,
			detail, im->err);
		if (rc == HL_OK && im->in_tx)
			rc = store_commit(im->st, im->err);
		/* a failed commit may leave the transaction open: rolled back below */
		if (rc == HL_OK)
			im->in_tx = false;
	}
	if (rc != HL_OK && im->in_tx) {
		struct hl_err ignored;

		store_rollback(im->st, &ignored);
		im->in_tx = false;
	}
	if (rc != HL_OK)
		im->rep->added = 0;
	return rc;
}

/* Problems in file order (checks after the rows come last); stable. */
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

void csvi_close(struct csvi *im)
{
	if (im->rep != NULL && im->spec != NULL && im->spec->msg->by_line)
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
