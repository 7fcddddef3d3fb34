/* csvout.h — writing CSV output (RFC 4180) for machine-readable formats. */
#ifndef HL_CSVOUT_H
#define HL_CSVOUT_H

#include <stdio.h>

/* Write s as one CSV cell: quoted when it holds a comma, quote or newline. */
void csvout_cell(FILE *f, const char *s);

#endif
