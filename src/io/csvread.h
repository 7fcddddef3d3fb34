/* csvread.h — streaming RFC 4180 reader over libcsv for import files: one
 * record at a time with its line number, a header map, UTF-8 validation and
 * size limits, so memory stays flat whatever the file size. */
#ifndef HL_CSVREAD_H
#define HL_CSVREAD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "base/err.h"

#define CSVR_MAX_FIELDS 256
#define CSVR_MAX_FIELD_BYTES 8192

struct csvr;

/* One record: cells[0..ncells) are NUL-terminated, trimmed of a UTF-8 BOM
 * (first cell of the file only) and of nothing else; valid until the next
 * csvr_next call. line = the line number where the record starts (1 = header). */
struct csvr_record {
	long line;
	int ncells;
	const char *cells[CSVR_MAX_FIELDS];
	/* NULL, or why this record cannot be used although the file can still be
	 * read on (a cell that is not valid UTF-8, an oversized cell, too many
	 * cells): a Vietnamese message naming the column, e.g.
	 * "cột 3: không phải UTF-8 hợp lệ". */
	const char *problem;
	int problem_col; /* 1-based column of the problem, 0 if none */
};

/* Read from f (not closed by csvr_free). name is used in messages. */
int csvr_open(FILE *f, const char *name, struct csvr **out, struct hl_err *err);

/* Free the reader; NULL is a no-op. */
void csvr_free(struct csvr *r);

/* Next record into rec. Returns 1 when a record was read (check
 * rec->problem), 0 at end of file, or a negative status when the file cannot
 * be read on: HL_EINVAL for malformed CSV (an unterminated quote; err names
 * the line), HL_EIO on a read error. Empty lines are skipped. */
int csvr_next(struct csvr *r, struct csvr_record *rec, struct hl_err *err);

/* Header helpers: column index of name in the header record, or -1. */
int csvr_col(const struct csvr_record *header, const char *name);

#endif
