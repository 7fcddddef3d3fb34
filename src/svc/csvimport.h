/* csvimport.h — the one CSV import driver every importer runs on (units,
 * fields, staff, responses, dossiers, feedback, offices, holiday decisions,
 * plans). An importer is a table of its columns (csvi_col: the header name
 * as docs/formats.md has it, whether the header must have it, how its value
 * is read into the row and the Vietnamese words for a bad one), a table of
 * the driver's own messages (csvi_msgs: each importer keeps the words its
 * users know) and a row handler. The driver reads the header and maps the
 * columns, reads the rows (size limits and UTF-8 checked by io/csvread,
 * text made NFC), notes every problem with its line and column into the
 * import_report, shows progress, and commits the import all or nothing in
 * one transaction (or the caller's: import_opts.held). */
#ifndef HL_CSVIMPORT_H
#define HL_CSVIMPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "base/err.h"
#include "io/csvread.h"
#include "svc/import.h"

struct store;
struct hl_arena;
struct lookup;

#define CSVI_PROGRESS_EVERY 100000 /* rows between two progress calls */

/* How a column's value is read into the row (struct at csvi_parse's row). */
enum csvi_kind {
	CSVI_NONE,    /* the row handler reads it (csvi_cell) */
	CSVI_TEXT,    /* NFC text into char[size] at off; "" when empty */
	CSVI_DAY,     /* YYYY-MM-DD into hl_day at off; HL_DAY_NONE when empty */
	CSVI_MINUTE,  /* YYYY-MM-DD HH:MM into int64_t at off; -1 when empty */
	CSVI_COUNT,   /* a whole number 0–1 000 000 into int at off; 0 when empty */
	CSVI_YESNO,   /* 1/yes/có/true or ""/0/no/không/false into bool at off */
	CSVI_PERCENT, /* a decimal 0–100 into double at off, bool at off2 says
	                 * whether there was one */
};

/* One column of an importer's table. */
struct csvi_col {
	const char *name; /* header name, exactly as docs/formats.md */
	bool required;    /* the header must have it */
	enum csvi_kind kind;
	bool need;              /* a value must be there (empty: the problem empty) */
	size_t off, size, off2; /* where the value goes in the row; text's capacity */
	const char *bad;        /* a bad value ("%s" the cell); NULL = the kind's words */
	const char *empty;      /* a missing needed value; NULL = "thiếu giá trị" */
	bool unguard;           /* text exported by hailong: drop its formula guard */
};

/* Shorthands for the tables: a column's name and whether the header must
 * have it; where its value goes in a row of type t (member m). */
#define CSVI_COL(n, req) .name = (n), .required = (req)
#define CSVI_AT(t, m) .off = offsetof(t, m)
#define CSVI_TEXT_IN(t, m) .kind = CSVI_TEXT, CSVI_AT(t, m), .size = sizeof(((t *)0)->m)

/* The driver's own messages, per importer; NULL empty, twice or
 * missing = the words most importers use. Formats get, in order: empty,
 * header: the reader's problem; unknown, extra: the name, then the known
 * columns joined by ','; unnamed: the 1-based column; twice, missing: the
 * name. */
struct csvi_msgs {
	const char *empty;    /* no header line */
	const char *header;   /* the header line cannot be used */
	const char *unknown;  /* a column not in the table */
	const char *extra;    /* ... when other columns may be the importer's (NULL = unknown) */
	const char *unnamed;  /* a header cell without a name (NULL = unknown) */
	const char *twice;    /* a column named twice */
	const char *missing;  /* a required column missing */
	bool any_width;       /* rows may have another number of cells than the header */
	bool missing_first;   /* missing columns are told before the others */
	bool twice_any;       /* any name twice is told so, not only a known one */
	bool named_problem;   /* a cell the reader refuses is told under its column */
	bool malformed_fails; /* malformed CSV fails the import (err), not a problem */
	bool stop_when_full;  /* no more rows read once no more problems can be kept */
	bool by_line;         /* csvi_close sorts the problems by line (stable) */
};

/* An importer: its columns and messages, and which other columns it reads.
 * A column without a name is a hole: importers that share a row handler
 * keep their columns' numbers alike, each leaving out what it lacks. */
struct csvi_spec {
	const struct csvi_col *cols;
	int ncols;
	const struct csvi_msgs *msg;
	bool (*extra)(void *ctx, const char *name); /* NULL = no other column */
	void *extra_ctx;
};

/* One import under way. Fields are the driver's; importers read st, o, rep,
 * err, a, rec, ncols and hname. */
struct csvi {
	struct store *st;
	const struct import_opts *o;
	struct import_report *rep;
	struct hl_err *err;
	struct hl_arena *a; /* the import's arena, freed by csvi_close */
	const struct csvi_spec *spec;
	struct csvr *r;
	struct csvr_record rec;       /* the current record */
	int ncols;                    /* cells in the header */
	char *hname[CSVR_MAX_FIELDS]; /* header names */
	int idx[CSVR_MAX_FIELDS];     /* spec column -> record index, -1 = absent */
	bool header_read;             /* the header line was there and usable */
	bool in_tx;                   /* a transaction of the driver's is open */
	FILE *f, *copy;               /* the file, or a copy of a pipe read twice */
	long start;                   /* where f's data starts */
	bool quiet;                   /* a recount: the rows' problems were told */
};

/* Start an import of f (not closed) with spec into rep (cleared); twice:
 * the file will be read twice (csvi_reread; a pipe is copied first).
 * Always call csvi_close after. HL_OK or a failure (err). */
int csvi_open(struct csvi *im, struct store *st, FILE *f, const struct import_opts *o,
	const struct csvi_spec *spec, bool twice, struct import_report *rep, struct hl_err *err);

/* Read the header and map the columns. HL_OK (problems noted in rep;
 * im->header_read false when there was no usable header line) or a read
 * failure. */
int csvi_header(struct csvi *im);

/* Back to the first line (opened with twice) and read the header again;
 * the row count restarts. */
int csvi_reread(struct csvi *im);

/* Next data record: 1 = one whose cells can be read, 2 = one already noted
 * as unusable, 0 = the end (malformed CSV is noted and ends it), < 0 = a
 * failure. Counts rows and calls the progress callback. */
int csvi_next(struct csvi *im);

/* Run row(im, ctx) on every usable record until the end, a failure, or row
 * returning something other than HL_OK (CSVI_STOP stops quietly). */
#define CSVI_STOP 1
int csvi_each(struct csvi *im, int (*row)(struct csvi *im, void *ctx), void *ctx);

/* The file's size in bytes from its data's start (0 when unknown). */
size_t csvi_size(const struct csvi *im);

/* Read the file again (csvi_reread) and csvi_each it with problems not
 * noted: what the first read told is not told twice. For a lookup.h
 * dupset's recount after a first read that found problems; row notes the
 * codes met twice with csvi_problem_always. */
int csvi_recount(struct csvi *im, int (*row)(struct csvi *im, void *ctx), void *ctx);

/* The current record's cell of spec column k ("" when absent). */
const char *csvi_cell(const struct csvi *im, int k);

/* Note a problem of the current record in column col ("" = the whole row);
 * none during csvi_recount. */
void csvi_problem(struct csvi *im, const char *col, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* csvi_problem, also during csvi_recount. */
void csvi_problem_always(struct csvi *im, const char *col, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Read spec column k of the current record into row as its kind says:
 * false (with a problem) when the value is bad or missing but needed. */
bool csvi_parse(struct csvi *im, int k, void *row);

/* csvi_parse of every column with a kind, in table order; false if any was bad. */
bool csvi_parse_row(struct csvi *im, void *row);

/* Whether key was met before in the file: *dup, or remembered in seen (a
 * lookup the importer owns). HL_OK or HL_ENOMEM. */
int csvi_seen(struct csvi *im, struct lookup *seen, const char *key, bool *dup);

/* Begin the driver's transaction (none when o->held). */
int csvi_begin(struct csvi *im);

/* End the import: with problems (or rc not HL_OK) roll back and return
 * HL_EINVAL (or rc), rep->added 0; else audit action with detail (NULL =
 * "FILE: N dòng, thêm N, bỏ qua N") and commit (none when held). */
int csvi_finish(struct csvi *im, int rc, const char *action, const char *detail);

/* Free everything; rolls back a transaction left open; sorts the problems
 * when the messages say by_line. */
void csvi_close(struct csvi *im);

#endif
