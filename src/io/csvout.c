/* csvout.c — RFC 4180 cells, text guarded against formula injection. */
#include "io/csvout.h"

#include <math.h>

#include <string.h>

/* Whether a spreadsheet would take a cell beginning with c as a formula. */
static bool formula_start(char c)
{
	return c != '\0' && strchr("=+-@\t\r", c) != NULL;
}

static void put_cell(FILE *f, const char *s, bool guard)
{
	const char *prefix = guard && formula_start(s[0]) ? "'" : "";

	if (strpbrk(s, ",\"\r\n") == NULL) {
		fputs(prefix, f);
		fputs(s, f);
		return;
	}
	fputc('"', f);
	fputs(prefix, f);
	for (; *s; s++) {
		if (*s == '"')
			fputc('"', f);
		fputc(*s, f);
	}
	fputc('"', f);
}

void csvout_cell(FILE *f, const char *s)
{
	if (s != NULL)
		put_cell(f, s, true);
}

void csvout_cells(FILE *f, int n, const char *const *cells)
{
	for (int i = 0; i < n; i++) {
		if (i > 0)
			fputc(',', f);
		csvout_cell(f, cells[i]);
	}
}

void csvout_quoted(FILE *f, const char *s)
{
	if (s != NULL)
		put_cell(f, s, false);
}

void csvout_num(FILE *f, bool have, double v)
{
	fputc(',', f);
	if (have)
		fprintf(f, "%.2f", round(v * 100) / 100 + 0.0);
}

const char *csvout_unguard(const char *s)
{
	return s[0] == '\'' && formula_start(s[1]) ? s + 1 : s;
}
