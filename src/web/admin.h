/* admin.h — what the administration pages (admin*.c) share: the page frame
 * with its messages, reading and checking form fields, the unit tree in the
 * caller's scope. Private to src/web/. */
#ifndef HL_WEB_ADMIN_H
#define HL_WEB_ADMIN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "http/page.h"

/* "web:NAME" for the audit log; owned by r->a. */
const char *admin_who(struct http_req *r);

/* Whether the caller administers every unit (not only a subtree). */
bool admin_global(struct http_req *r);

/* page_start (b at most max bytes), the way back to /admin, then a message:
 * err's when err is set (with role="alert"), else the success message named
 * by ?ok=. */
void admin_begin(struct hbuf *b, struct http_req *r, size_t max, const char *title,
	const struct hl_err *err);

/* The end of a page_table (http/page.h) of n rows: none, a row saying empty
 * (hailong's own text; NULL = no such row) across ncols. */
void admin_table_end(struct hbuf *b, size_t n, int ncols, const char *empty);

/* 303 back to path?unit=UNIT&ok=OK after a write (ok: a key of admin_begin's
 * messages). */
int admin_back(struct http_req *r, const char *path, const char *unit, const char *ok);

/* Form field name, trimmed and NFC, at most max bytes; owned by r->a. "" when
 * absent and optional. HL_EINVAL naming label when required and empty, too
 * long or not text. */
int admin_text(struct http_req *r, const char *name, const char *label, size_t max, bool required,
	const char **out, struct hl_err *err);

/* A code (1..63 of A-Z a-z 0-9 . _ -) from form field name. */
int admin_code(struct http_req *r, const char *name, const char *label, bool required,
	const char **out, struct hl_err *err);

/* An optional date from form field name ("YYYY-MM-DD", as <input
 * type="date"> sends it): HL_DAY_NONE when empty. */
int admin_day(struct http_req *r, const char *name, const char *label, hl_day *out,
	struct hl_err *err);

/* The part of a form that takes a CSV file: a file picker (shown and read
 * into the box by /static/csvfile.js, loaded here) and the box named name,
 * where the text may also be pasted; kept is the text sent before (NULL:
 * none). The caller writes the form around it. */
void admin_csv_input(struct hbuf *b, const char *name, const char *label, const char *kept);

/* The CSV sent in form field name, to read as a file (caller fcloses):
 * HL_EINVAL naming name when it is empty. */
int admin_csv_open(struct http_req *r, const char *name, FILE **out, struct hl_err *err);

struct import_opts;
struct import_report;
struct store;

/* An importer of a CSV file into the store, all or nothing. */
typedef int (*admin_importer)(struct store *st, FILE *f, const struct import_opts *o,
	struct import_report *rep, struct hl_err *err);

/* The page a CSV import's form is on: unit_code's (NULL = the first the
 * caller may see), e's message above it, rep's problems, csv the text sent
 * (NULL = none) back in the box. */
typedef int (*admin_import_page)(struct http_req *r, const char *unit_code, const struct hl_err *e,
	const struct import_report *rep, const char *csv);

/* POST of a CSV import that only administrators of everything may do
 * (refused: why another caller may not): the form's field "csv" through fn
 * in one write by the server's writer, held (all or nothing), audited as
 * the caller; then 303 to done, or page again with the file's problems. */
int admin_import_post(struct http_req *r, admin_importer fn, admin_import_page page,
	const char *refused, const char *done);

/* The lines of a rejected import (svc/import.h), as a list. */
struct import_report;
void admin_import_problems(struct hbuf *b, const struct import_report *rep);

/* The units the caller administers, in tree order, with their depth in the
 * tree; arrays owned by r->a. */
int admin_units(struct http_req *r, struct store_unit **units, int **depth, size_t *n,
	struct hl_err *err);

/* <option>s of units (value = code), the one with code selected marked. */
void admin_unit_options(struct hbuf *b, const struct store_unit *units, const int *depth, size_t n,
	const char *selected);

#endif
