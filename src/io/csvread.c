/* csvread.c — streaming CSV reader for imports: libcsv does the RFC 4180
 * quoting; this file adds line numbers, the BOM, limits, UTF-8 checks and a
 * reusable cell buffer so that the import hot path allocates nothing per cell.
 *
 * Input is fed to libcsv one physical line at a time (or the part of a line
 * that is in the current 64 KiB chunk), so we always know the line number.
 * A record starts on the first line that begins outside quotes: we track the
 * parity of '"' bytes, which RFC 4180 quoting keeps even outside a quoted
 * cell (a doubled quote counts twice). */
#include "io/csvread.h"

#include <csv.h>
#include <string.h>

#include "base/mem.h"
#include "base/text.h"

#define CHUNK (64 * 1024)
/* libcsv buffers one whole cell before handing it over: a cell larger than
 * this stops the reader instead of growing memory without bound. */
#define HARD_FIELD_BYTES (1024 * 1024)

/* A record waiting in the queue: its cells are offs[first .. first+ncells). */
struct pending {
	long line;
	int ncells; /* stored cells (at most CSVR_MAX_FIELDS) */
	int seen;   /* cells in the file, including those past the limit */
	size_t first;
	int problem_col;
	char problem[160];
};

struct csvr {
	FILE *f;
	char name[128];
	struct csv_parser p;

	unsigned char *chunk;
	size_t chunk_len, chunk_pos;
	bool started, eof, done;
	int failed; /* sticky status once the file cannot be read on */
	struct hl_err fail_err;

	long line; /* line number of the next byte fed to libcsv */
	bool at_line_start;
	unsigned long quotes; /* '"' bytes fed so far (only the parity matters) */
	long open_quote_line; /* where the quote still open was opened */

	struct pending cur; /* the record being built */
	bool oom;           /* an allocation failed inside a libcsv callback */

	char *buf; /* cell bytes, NUL-terminated, reused */
	size_t buf_len, buf_cap;
	size_t *offs; /* offset of each stored cell in buf */
	size_t noffs, offs_cap;
	struct pending *q; /* completed records, returned one at a time */
	size_t qhead, qlen, qcap;
};

static int no_space(unsigned char c)
{
	(void)c;
	return 0; /* cells are not trimmed */
}

/* libcsv's allocator: ours, with a cap on one cell. */
static void *capped_realloc(void *p, size_t n)
{
	if (n > HARD_FIELD_BYTES + 1)
		return NULL;
	return hl_realloc(p, n);
}

static bool grow(void **p, size_t *cap, size_t need, size_t elem)
{
	size_t ncap = *cap != 0 ? *cap : 64;
	void *np;

	if (need <= *cap)
		return true;
	while (ncap < need)
		ncap *= 2;
	np = hl_realloc(*p, ncap * elem);
	if (np == NULL)
		return false;
	*p = np;
	*cap = ncap;
	return true;
}

static void set_problem(struct pending *rec, int col, const char *msg)
{
	if (rec->problem_col != 0)
		return; /* the first problem is the one reported */
	rec->problem_col = col;
	snprintf(rec->problem, sizeof(rec->problem), "%s", msg);
}

static bool ascii_only(const unsigned char *s, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (s[i] == 0 || s[i] >= 0x80)
			return false;
	return true;
}

static void on_cell(void *field, size_t len, void *data)
{
	struct csvr *r = data;
	const char *s = field != NULL ? field : "";
	int col = ++r->cur.seen;
	char msg[160];
	size_t bad;

	if (r->oom)
		return;
	if (col > CSVR_MAX_FIELDS) {
		snprintf(msg, sizeof(msg), "dòng có hơn %d ô", CSVR_MAX_FIELDS);
		set_problem(&r->cur, col, msg);
		return;
	}
	if (len > CSVR_MAX_FIELD_BYTES) {
		snprintf(msg, sizeof(msg), "cột %d: ô dài %zu byte, quá giới hạn %d byte", col, len,
			CSVR_MAX_FIELD_BYTES);
		set_problem(&r->cur, col, msg);
		s = "";
		len = 0;
	} else if (!ascii_only((const unsigned char *)s, len) && !hl_utf8_valid(s, len, &bad)) {
		snprintf(msg, sizeof(msg), "cột %d: không phải UTF-8 hợp lệ (byte thứ %zu)", col,
			bad + 1);
		set_problem(&r->cur, col, msg);
		s = ""; /* never hand invalid bytes on */
		len = 0;
	}
	if (!grow((void **)&r->buf, &r->buf_cap, r->buf_len + len + 1, 1) ||
		!grow((void **)&r->offs, &r->offs_cap, r->noffs + 1, sizeof(*r->offs))) {
		r->oom = true;
		return;
	}
	memcpy(r->buf + r->buf_len, s, len);
	r->buf[r->buf_len + len] = '\0';
	r->offs[r->noffs++] = r->buf_len;
	r->buf_len += len + 1;
	r->cur.ncells++;
}

static bool blank(const char *s)
{
	for (; *s != '\0'; s++)
		if (*s != ' ' && *s != '\t')
			return false;
	return true;
}

static void start_record(struct csvr *r)
{
	r->cur.ncells = 0;
	r->cur.seen = 0;
	r->cur.first = r->noffs;
	r->cur.problem_col = 0;
	r->cur.problem[0] = '\0';
}

static void on_row(int c, void *data)
{
	struct csvr *r = data;

	(void)c;
	if (r->oom)
		return;
	/* A line of nothing but spaces counts as empty (libcsv already skips
	 * truly empty lines). */
	if (r->cur.seen == 1 && r->cur.ncells == 1 && r->cur.problem_col == 0 &&
		blank(r->buf + r->offs[r->cur.first])) {
		r->buf_len = r->offs[r->cur.first];
		r->noffs = r->cur.first;
	} else {
		if (!grow((void **)&r->q, &r->qcap, r->qhead + r->qlen + 1, sizeof(*r->q))) {
			r->oom = true;
			return;
		}
		r->q[r->qhead + r->qlen++] = r->cur;
	}
	start_record(r);
}

/* Keep only the bytes of the record in progress, at the front of buf. */
static void compact(struct csvr *r)
{
	size_t ncur = r->noffs - r->cur.first;
	size_t base = ncur > 0 ? r->offs[r->cur.first] : r->buf_len;

	if (r->buf_len > base)
		memmove(r->buf, r->buf + base, r->buf_len - base);
	r->buf_len -= base;
	for (size_t i = 0; i < ncur; i++)
		r->offs[i] = r->offs[r->cur.first + i] - base;
	r->noffs = ncur;
	r->cur.first = 0;
	r->qhead = 0;
}

static int fail(struct csvr *r, struct hl_err *err, int code, long line, const char *what)
{
	r->failed = hl_err_set(&r->fail_err, code, HL_HERE, "%s, dòng %ld: %s", r->name, line,
		what);
	snprintf(r->fail_err.where, sizeof(r->fail_err.where), "%s:%ld", r->name, line);
	if (err != NULL)
		*err = r->fail_err;
	return r->failed;
}

static int parse_failed(struct csvr *r, struct hl_err *err, long line)
{
	if (r->oom)
		return fail(r, err, HL_ENOMEM, line, "hết bộ nhớ khi đọc tệp");
	switch (csv_error(&r->p)) {
	case CSV_EPARSE:
		return fail(r, err, HL_EINVAL, line,
			"dấu ngoặc kép sai quy tắc CSV (ô có dấu phẩy, dấu \" hoặc xuống dòng phải "
			"đặt trong \"...\", dấu \" bên trong viết thành \"\")");
	case CSV_ENOMEM:
		if (csv_get_buffer_size(&r->p) >= HARD_FIELD_BYTES / 2)
			return fail(r, err, HL_ELIMIT, line,
				"có ô dài quá 1 MiB, không đọc tiếp được");
		return fail(r, err, HL_ENOMEM, line, "hết bộ nhớ khi đọc tệp");
	default: return fail(r, err, HL_EINVAL, line, "tệp CSV không đọc được");
	}
}

/* Read the next chunk, or finish at end of file. */
static int refill(struct csvr *r, struct hl_err *err)
{
	size_t n;

	if (r->eof) {
		/* CSV_STRICT_FINI: a quote still open at the end is an error. */
		if (csv_fini(&r->p, on_cell, on_row, r) != 0 || r->oom) {
			if (!r->oom && csv_error(&r->p) == CSV_EPARSE)
				return fail(r, err, HL_EINVAL, r->open_quote_line,
					"dấu ngoặc kép mở ở dòng này không được đóng đến hết tệp");
			return parse_failed(r, err, r->line);
		}
		r->done = true;
		return HL_OK;
	}
	n = fread(r->chunk, 1, CHUNK, r->f);
	if (n == 0) {
		if (ferror(r->f))
			return fail(r, err, HL_EIO, r->line, "lỗi đọc tệp");
		r->eof = true;
		return HL_OK;
	}
	r->chunk_len = n;
	r->chunk_pos = 0;
	if (!r->started) {
		r->started = true;
		if (n >= 3 && memcmp(r->chunk, "\xEF\xBB\xBF", 3) == 0)
			r->chunk_pos = 3;
	}
	return HL_OK;
}

/* Feed the rest of the current line (within the chunk) to libcsv. */
static int feed_line(struct csvr *r, struct hl_err *err)
{
	const unsigned char *seg = r->chunk + r->chunk_pos;
	size_t avail = r->chunk_len - r->chunk_pos;
	const unsigned char *nl = memchr(seg, '\n', avail);
	size_t len = nl != NULL ? (size_t)(nl - seg) + 1 : avail;
	unsigned long nq = 0;

	if (r->at_line_start && (r->quotes & 1) == 0)
		r->cur.line = r->line; /* outside quotes: a record may start here */
	for (const unsigned char *p = seg, *end = seg + len;
		(p = memchr(p, '"', (size_t)(end - p))) != NULL; p++)
		nq++;
	r->quotes += nq;
	if (nq > 0 && (r->quotes & 1) != 0)
		r->open_quote_line = r->line;
	if (csv_parse(&r->p, seg, len, on_cell, on_row, r) != len || r->oom)
		return parse_failed(r, err, r->line);
	r->chunk_pos += len;
	r->at_line_start = nl != NULL;
	if (nl != NULL)
		r->line++;
	return HL_OK;
}

int csvr_open(FILE *f, const char *name, struct csvr **out, struct hl_err *err)
{
	struct csvr *r;
	size_t n;

	*out = NULL;
	r = hl_calloc(1, sizeof(*r));
	if (r == NULL)
		return hl_err_set(err, HL_ENOMEM, HL_HERE, "hết bộ nhớ khi mở tệp CSV");
	r->chunk = hl_malloc(CHUNK);
	if (r->chunk == NULL ||
		csv_init(&r->p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0) {
		hl_free(r->chunk);
		hl_free(r);
		return hl_err_set(err, HL_ENOMEM, HL_HERE, "hết bộ nhớ khi mở tệp CSV");
	}
	csv_set_space_func(&r->p, no_space);
	csv_set_realloc_func(&r->p, capped_realloc);
	csv_set_free_func(&r->p, hl_free);
	csv_set_blk_size(&r->p, 16 * 1024); /* libcsv grows by a fixed step */
	r->f = f;
	/* The name, cut on a character boundary. */
	name = name != NULL ? name : "(tệp)";
	n = strlen(name);
	if (n >= sizeof(r->name)) {
		n = sizeof(r->name) - 1;
		while (n > 0 && ((unsigned char)name[n] & 0xC0) == 0x80)
			n--;
	}
	memcpy(r->name, name, n);
	r->name[n] = '\0';
	r->line = 1;
	r->at_line_start = true;
	start_record(r);
	*out = r;
	return HL_OK;
}

void csvr_free(struct csvr *r)
{
	if (r == NULL)
		return;
	csv_free(&r->p);
	hl_free(r->chunk);
	hl_free(r->buf);
	hl_free(r->offs);
	hl_free(r->q);
	hl_free(r);
}

int csvr_next(struct csvr *r, struct csvr_record *rec, struct hl_err *err)
{
	const struct pending *pe;
	int rc;

	if (r->qlen == 0)
		compact(r); /* records handed out before are no longer needed */
	while (r->qlen == 0) {
		if (r->failed != HL_OK) {
			if (err != NULL)
				*err = r->fail_err;
			return r->failed;
		}
		if (r->done)
			return 0;
		if (r->chunk_pos == r->chunk_len)
			rc = refill(r, err);
		else
			rc = feed_line(r, err);
		if (rc != HL_OK && r->qlen == 0)
			return rc;
	}
	pe = &r->q[r->qhead++];
	r->qlen--;
	rec->line = pe->line;
	rec->ncells = pe->ncells;
	for (int i = 0; i < pe->ncells; i++)
		rec->cells[i] = r->buf + r->offs[pe->first + (size_t)i];
	rec->problem = pe->problem_col != 0 ? pe->problem : NULL;
	rec->problem_col = pe->problem_col;
	return 1;
}

int csvr_col(const struct csvr_record *header, const char *name)
{
	size_t nlen = strlen(name);

	for (int i = 0; i < header->ncells; i++) {
		const char *s = header->cells[i];
		size_t len = strlen(s);

		while (len > 0 && (*s == ' ' || *s == '\t')) {
			s++;
			len--;
		}
		while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\t'))
			len--;
		if (len == nlen && memcmp(s, name, len) == 0)
			return i;
	}
	return -1;
}
