/* csvout.h — writing CSV output (RFC 4180) for machine-readable formats. */
#ifndef HL_CSVOUT_H
#define HL_CSVOUT_H

#include <stdbool.h>
#include <stdio.h>

/* Write s as one CSV cell: quoted when it holds a comma, quote or newline;
 * nothing for NULL. */
void csvout_cell(FILE *f, const char *s);

/* Write ",value" with two decimals and a decimal point, or "," when there is
 * none (have false): the machine form of an index value. */
void csvout_num(FILE *f, bool have, double v);

#endif
