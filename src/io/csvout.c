/* csvout.c — RFC 4180 cells. */
#include "io/csvout.h"

#include <math.h>

#include <string.h>

void csvout_cell(FILE *f, const char *s)
{
	if (s == NULL)
		return;
	if (strpbrk(s, ",\"\r\n") == NULL) {
		fputs(s, f);
		return;
	}
	fputc('"', f);
	for (; *s; s++) {
		if (*s == '"')
			fputc('"', f);
		fputc(*s, f);
	}
	fputc('"', f);
}

void csvout_num(FILE *f, bool have, double v)
{
	fputc(',', f);
	if (have)
		fprintf(f, "%.2f", round(v * 100) / 100 + 0.0);
}
