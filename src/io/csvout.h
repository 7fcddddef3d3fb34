/* csvout.h — writing CSV output (RFC 4180): the one writer of every CSV
 * hailong produces. Text cells of files people open (exports) are guarded
 * against formula injection; numbers hailong formats itself go through the
 * numeric writers and are left as they are. */
#ifndef HL_CSVOUT_H
#define HL_CSVOUT_H

#include <stdbool.h>
#include <stdio.h>

/* Write s as one text cell of an export: quoted when it holds a comma, quote
 * or newline, and with a leading ' when it begins with =, +, -, @, tab or CR,
 * so that a spreadsheet shows it as text instead of running it as a formula
 * (OWASP, "CSV injection"); nothing for NULL. */
void csvout_cell(FILE *f, const char *s);

/* Write the n cells one after another as csvout_cell does, a comma between
 * two (none before the first or after the last). */
void csvout_cells(FILE *f, int n, const char *const *cells);

/* The same without the formula guard: for the files hailong writes only to
 * read them back itself (the demo's imports). */
void csvout_quoted(FILE *f, const char *s);

/* Write ",value" with two decimals and a decimal point, or "," when there is
 * none (have false): the machine form of an index value. */
void csvout_num(FILE *f, bool have, double v);

/* s without the ' csvout_cell put before a formula character: the text of a
 * cell read back from a hailong export (a plan edited and imported again).
 * Points into s. */
const char *csvout_unguard(const char *s);

#endif
