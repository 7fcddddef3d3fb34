/* test_csvout.c — the CSV writer: RFC 4180 quoting, the formula guard on
 * text cells (OWASP: =, +, -, @, tab, CR), numbers left as they are, and the
 * guard taken off again when an export is read back. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "io/csvout.h"

/* What fn wrote for s, in a static buffer. */
static const char *written(void (*fn)(FILE *, const char *), const char *s)
{
	static char buf[256];
	FILE *f = tmpfile();
	size_t n;

	assert_non_null(f);
	fn(f, s);
	rewind(f);
	n = fread(buf, 1, sizeof(buf) - 1, f);
	buf[n] = '\0';
	fclose(f);
	return buf;
}

static const char *num(bool have, double v)
{
	static char buf[64];
	FILE *f = tmpfile();
	size_t n;

	assert_non_null(f);
	csvout_num(f, have, v);
	rewind(f);
	n = fread(buf, 1, sizeof(buf) - 1, f);
	buf[n] = '\0';
	fclose(f);
	return buf;
}

static void test_quoting(void **state)
{
	(void)state;
	assert_string_equal(written(csvout_cell, "Chờ lâu"), "Chờ lâu");
	assert_string_equal(written(csvout_cell, "a,b"), "\"a,b\"");
	assert_string_equal(written(csvout_cell, "say \"hi\""), "\"say \"\"hi\"\"\"");
	assert_string_equal(written(csvout_cell, "two\nlines"), "\"two\nlines\"");
	assert_string_equal(written(csvout_cell, ""), "");
	assert_string_equal(written(csvout_cell, NULL), "");
}

static void test_formula_guard(void **state)
{
	(void)state;
	assert_string_equal(written(csvout_cell, "=HYPERLINK(\"http://x\",\"y\")"),
		"\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"");
	assert_string_equal(written(csvout_cell, "+1"), "'+1");
	assert_string_equal(written(csvout_cell, "-3,28"), "\"'-3,28\"");
	assert_string_equal(written(csvout_cell, "@SUM(A1)"), "'@SUM(A1)");
	assert_string_equal(written(csvout_cell, "\tx"), "'\tx");
	assert_string_equal(written(csvout_cell, "\rx"), "\"'\rx\"");
	/* Only the first character counts. */
	assert_string_equal(written(csvout_cell, "a=b"), "a=b");
	assert_string_equal(written(csvout_cell, " =1"), " =1");
	/* Files hailong reads back itself keep the text as it is. */
	assert_string_equal(written(csvout_quoted, "-1"), "-1");
	assert_string_equal(written(csvout_quoted, "=a,b"), "\"=a,b\"");
}

static void test_numbers(void **state)
{
	(void)state;
	/* A number hailong formats is a number, negative or not. */
	assert_string_equal(num(true, -3.28), ",-3.28");
	assert_string_equal(num(true, 88.9), ",88.90");
	assert_string_equal(num(false, 1), ",");
}

static void test_unguard(void **state)
{
	(void)state;
	assert_string_equal(csvout_unguard("'- Bộ hồ sơ mẫu"), "- Bộ hồ sơ mẫu");
	assert_string_equal(csvout_unguard("'=1"), "=1");
	assert_string_equal(csvout_unguard("'không"), "'không");
	assert_string_equal(csvout_unguard("'"), "'");
	assert_string_equal(csvout_unguard(""), "");
	assert_string_equal(csvout_unguard("- a"), "- a");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_quoting),
		cmocka_unit_test(test_formula_guard),
		cmocka_unit_test(test_numbers),
		cmocka_unit_test(test_unguard),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
