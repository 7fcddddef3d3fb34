/* import.h — all-or-nothing CSV imports (units, fields, staff, responses,
 * dossiers) shared by the command line, the server and the demo. A file is
 * checked whole: either every row is valid and all of it is stored, or
 * nothing changes and every bad row is reported. Responses and dossiers are
 * written in short transactions of a few thousand rows, so the server's
 * writes are not locked out meanwhile; a failure half-way undoes them. Reading is
 * streamed, so memory stays flat whatever the file size. File formats:
 * docs/formats.md. Every importer runs on svc/csvimport.h. */
#ifndef HL_IMPORT_H
#define HL_IMPORT_H

#include <stdbool.h>
#include <stdio.h>

#include "base/err.h"

struct store;

#define IMPORT_MAX_PROBLEMS 200 /* kept in full; the rest are only counted */

struct import_problem {
	long line;        /* line of the file where the record starts */
	char column[64];  /* header name of the column, "" for the whole row */
	char reason[256]; /* Vietnamese: "đơn vị 'XYZ' không tồn tại" */
};

struct import_report {
	long rows;      /* data records read */
	long added;     /* rows written (0 when rejected) */
	long skipped;   /* rows already present (same id), left alone */
	long nproblems; /* all problems found */
	int kept;       /* problems[0..kept) */
	struct import_problem problems[IMPORT_MAX_PROBLEMS];
};

/* Note a problem of line (0 = the file as a whole) in column col ("" or
 * NULL = the whole row) into rep: counted always, kept while there is room. */
void import_add_problem(struct import_report *rep, long line, const char *col, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/* Progress callback for long imports (rows read so far); may be NULL. */
typedef void (*import_progress_cb)(void *ctx, long rows);

struct import_opts {
	const char *name; /* file name used in messages */
	const char *who;  /* for the audit log: "cli:root", "demo" */
	import_progress_cb progress;
	void *progress_ctx;
	bool no_followup; /* responses: open no follow-up case (old ballots
	                   * brought in as history) */
	bool held;        /* the caller holds the transaction (the server's
	                            * writer): the import neither begins, commits nor
	                            * rolls back; on failure the caller undoes it.
	                            * Responses and dossiers commit in chunks and
	                            * ignore it */
};

/* Each returns HL_OK when the file was imported, HL_EINVAL when it was
 * rejected (rep lists why, database unchanged), or another status for a
 * storage or read failure (err says what). rep is always filled. */
int import_units(struct store *st, FILE *f, const struct import_opts *o, struct import_report *rep,
	struct hl_err *err);
int import_fields(struct store *st, FILE *f, const struct import_opts *o, struct import_report *rep,
	struct hl_err *err);
int import_staff(struct store *st, FILE *f, const struct import_opts *o, struct import_report *rep,
	struct hl_err *err);
int import_responses(struct store *st, FILE *f, const struct import_opts *o,
	struct import_report *rep, struct hl_err *err);
int import_dossiers(struct store *st, FILE *f, const struct import_opts *o,
	struct import_report *rep, struct hl_err *err);

/* Undo the imports of responses or dossiers whose process died half-way
 * (they commit in chunks), each in one transaction audited as who; *undone
 * gets how many. The imports do it before they start, the server when it
 * starts. */
int import_recover(struct store *st, const char *who, int *undone, struct hl_err *err);

#endif
