/* test_csvread.c — the streaming CSV reader: RFC 4180 quoting, line numbers,
 * BOM, CRLF, limits, invalid UTF-8 and malformed files. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "base/mem.h"
#include "io/csvread.h"

/* A reader over a temporary file holding text[0..len). */
static struct csvr *open_text(const char *text, size_t len, FILE **fp)
{
	struct csvr *r;
	struct hl_err err;

	*fp = tmpfile();
	assert_non_null(*fp);
	assert_int_equal(fwrite(text, 1, len, *fp), len);
	rewind(*fp);
	assert_int_equal(csvr_open(*fp, "phieu.csv", &r, &err), HL_OK);
	return r;
}

static void test_quoting(void **state)
{
	const char text[] = "unit,comment,TC1\n"
			    "px-1,\"Chờ lâu, nhưng \"\"tận tình\"\"\nCảm ơn!\",5\n"
			    "px-2,,4\n"
			    "\"px-3\",\"\",\n";
	struct csvr_record rec;
	struct hl_err err;
	FILE *f;
	struct csvr *r = open_text(text, sizeof(text) - 1, &f);

	(void)state;
	assert_int_equal(csvr_next(r, &rec, &err), 1);
	assert_int_equal(rec.line, 1);
	assert_int_equal(rec.ncells, 3);
	assert_int_equal(csvr_col(&rec, "comment"), 1);
	assert_int_equal(csvr_col(&rec, "TC2"), -1);
	assert_int_equal(csvr_next(r, &rec, &err), 1);
	assert_int_equal(rec.line, 2);
	assert_int_equal(rec.ncells, 3);
	assert_null(rec.problem);
	assert_string_equal(rec.cells[1], "Chờ lâu, nhưng \"tận tình\"\nCảm ơn!");
	assert_string_equal(rec.cells[2], "5");
	assert_int_equal(csvr_next(r, &rec, &err), 1);
	assert_int_equal(rec.line, 4); /* the comment took two lines */
	assert_string_equal(rec.cells[0], "px-2");
	assert_string_equal(rec.cells[1], "");
	assert_int_equal(csvr_next(r, &rec, &err), 1);
	assert_int_equal(rec.line, 5);
	assert_int_equal(rec.ncells, 3);
	assert_string_equal(rec.cells[0], "px-3");
	assert_string_equal(rec.cells[1], "");
	assert_string_equal(rec.cells[2], "");
	assert_int_equal(csvr_next(r, &rec, &err), 0);
	assert_int_equal(csvr_next(r, &rec, &err), 0);
	csvr_free(r);
	fclose(f);
}

static void test_crlf_bom_empty(void **state)
{
	const char text[] = "\xEF\xBB\xBF\"unit\", date ,q\r\n"
			    "\r\n"
			    "a, b ,\"x\r\ny\"\r\n"
			    "   \r\n"
			    "\n"
			    "c,d,e"; /* no newline at the end */
	struct csvr_record rec;
	struct hl_err err;
	FILE *f;
	struct csvr *r = open_text(text, sizeof(text) - 1, &f);

	(void)state;
	assert_int_equal(csvr_next(r, &rec, &err), 1);
	assert_int_equal(rec.line, 1);
	assert_string_equal(rec.cells[0], "unit");   /* BOM gone */
	assert_string_equal(rec.cells[1], " date "); /* cells are not trimmed */
	assert_int_equal(csvr_col(&rec, "unit"), 0);
	assert_int_equal(csvr_col(&rec, "date"), 1); /* header names are */
	assert_int_equal(csvr_col(&rec, "q"), 2);
	assert_int_equal(csvr_next(r, &rec, &err), 1);
	assert_int_equal(rec.line, 3);
	assert_string_equal(rec.cells[1], " b ");
	assert_string_equal(rec.cells[2], "x\r\ny"); /* kept as written inside quotes */
	assert_int_equal(csvr_next(r, &rec, &err), 1);
	assert_int_equal(rec.line, 7);
	assert_int_equal(rec.ncells, 3);
	assert_string_equal(rec.cells[2], "e");
	assert_int_equal(csvr_next(r, &rec, &err), 0);
	csvr_free(r);
	fclose(f);
}

static void test_invalid_utf8(void **state)
{
	const char text[] = "a,b,c\n1,\"ok\",x\xC3(y\n2,\x00z,3\n4,5,6\n";
	struct csvr_record rec;
	struct hl_err err;
	FILE *f;
	struct csvr *r = open_text(text, sizeof(text) - 1, &f);

	(void)state;
	assert_int_equal(csvr_next(r, &rec, &err), 1);
	assert_int_equal(csvr_next(r, &rec, &err), 1);
	assert_int_equal(rec.line, 2);
	assert_non_null(rec.problem);
	assert_int_equal(rec.problem_col, 3);
	assert_string_equal(rec.problem, "cột 3: không phải UTF-8 hợp lệ (byte thứ 2)");
	assert_string_equal(rec.cells[2], ""); /* invalid bytes are not handed on */
	assert_int_equal(csvr_next(r, &rec, &err), 1);
	assert_int_equal(rec.problem_col, 2);          /* a NUL byte */
	assert_int_equal(csvr_next(r, &rec, &err), 1); /* reading goes on */
	assert_null(rec.problem);
	assert_string_equal(rec.cells[2], "6");
	assert_int_equal(csvr_next(r, &rec, &err), 0);
	csvr_free(r);
	fclose(f);
}

static void test_limits(void **state)
{
	static char text[4 * CSVR_MAX_FIELD_BYTES];
	size_t n = 0;
	struct csvr_record rec;
	struct hl_err err;
	FILE *f;
	struct csvr *r;

	(void)state;
	/* Too many cells, then an oversized cell, then a good line. */
	for (int i = 0; i < CSVR_MAX_FIELDS + 5; i++)
		n += (size_t)snprintf(text + n, sizeof(text) - n, "%s%d", i ? "," : "", i);
	text[n++] = '\n';
	text[n++] = 'a';
	text[n++] = ',';
	memset(text + n, 'x', CSVR_MAX_FIELD_BYTES + 1);
	n += CSVR_MAX_FIELD_BYTES + 1;
	n += (size_t)snprintf(text + n, sizeof(text) - n, "\nb,%.*s\n", 10, "yyyyyyyyyy");
	r = open_text(text, n, &f);
	assert_int_equal(csvr_next(r, &rec, &err), 1);
	assert_int_equal(rec.ncells, CSVR_MAX_FIELDS);
	assert_int_equal(rec.problem_col, CSVR_MAX_FIELDS + 1);
	assert_non_null(strstr(rec.problem, "256"));
	assert_string_equal(rec.cells[CSVR_MAX_FIELDS - 1], "255");
	assert_int_equal(csvr_next(r, &rec, &err), 1);
	assert_int_equal(rec.line, 2);
	assert_int_equal(rec.problem_col, 2);
	assert_non_null(strstr(rec.problem, "cột 2"));
	assert_int_equal(csvr_next(r, &rec, &err), 1);
	assert_int_equal(rec.line, 3);
	assert_null(rec.problem);
	assert_string_equal(rec.cells[1], "yyyyyyyyyy");
	assert_int_equal(csvr_next(r, &rec, &err), 0);
	csvr_free(r);
	fclose(f);
}

static void test_unterminated(void **state)
{
	const char text[] = "a,b\n1,2\n3,\"never\nclosed\n";
	struct csvr_record rec;
	struct hl_err err;
	FILE *f;
	struct csvr *r = open_text(text, sizeof(text) - 1, &f);

	(void)state;
	assert_int_equal(csvr_next(r, &rec, &err), 1);
	assert_int_equal(csvr_next(r, &rec, &err), 1);
	assert_int_equal(csvr_next(r, &rec, &err), HL_EINVAL);
	assert_non_null(strstr(err.msg, "phieu.csv, dòng 3"));
	assert_int_equal(csvr_next(r, &rec, &err), HL_EINVAL); /* it stays failed */
	csvr_free(r);
	fclose(f);
}

static void test_bad_quote(void **state)
{
	const char text[] = "a,b\n1,2\n3,4\"5\n6,7\n";
	struct csvr_record rec;
	struct hl_err err;
	FILE *f;
	struct csvr *r = open_text(text, sizeof(text) - 1, &f);

	(void)state;
	assert_int_equal(csvr_next(r, &rec, &err), 1);
	assert_int_equal(csvr_next(r, &rec, &err), 1);
	assert_int_equal(csvr_next(r, &rec, &err), HL_EINVAL);
	assert_non_null(strstr(err.msg, "dòng 3"));
	csvr_free(r);
	fclose(f);

	r = open_text("\"a\"b,c\n", 7, &f);
	assert_int_equal(csvr_next(r, &rec, &err), HL_EINVAL);
	assert_non_null(strstr(err.msg, "dòng 1"));
	csvr_free(r);
	fclose(f);

	/* Strict RFC 4180: nothing but a comma or a line end after a closing quote. */
	r = open_text("x\n\"a\" ,c\n", 10, &f);
	assert_int_equal(csvr_next(r, &rec, &err), 1);
	assert_int_equal(csvr_next(r, &rec, &err), HL_EINVAL);
	assert_non_null(strstr(err.msg, "dòng 2"));
	csvr_free(r);
	fclose(f);
}

/* Several chunks, with multi-line quoted cells straddling chunk boundaries. */
static void test_large(void **state)
{
	FILE *f = tmpfile();
	struct csvr *r;
	struct csvr_record rec;
	struct hl_err err;
	const int rows = 20000;
	long line = 2;

	(void)state;
	assert_non_null(f);
	fputs("id,comment,q\n", f);
	for (int i = 0; i < rows; i++) {
		if (i % 7 == 0)
			fprintf(f, "%d,\"dòng một, \"\"%d\"\"\r\ndòng hai\",%d\r\n", i, i,
				i % 5 + 1);
		else
			fprintf(f, "%d,Ý kiến số %d,%d\n", i, i, i % 5 + 1);
	}
	assert_true(ftell(f) > 3 * 64 * 1024);
	rewind(f);
	assert_int_equal(csvr_open(f, "lon.csv", &r, &err), HL_OK);
	assert_int_equal(csvr_next(r, &rec, &err), 1);
	for (int i = 0; i < rows; i++) {
		char want[64];

		assert_int_equal(csvr_next(r, &rec, &err), 1);
		assert_int_equal(rec.line, line);
		assert_int_equal(rec.ncells, 3);
		assert_null(rec.problem);
		snprintf(want, sizeof(want), "%d", i);
		assert_string_equal(rec.cells[0], want);
		if (i % 7 == 0) {
			snprintf(want, sizeof(want), "dòng một, \"%d\"\r\ndòng hai", i);
			line += 2;
		} else {
			snprintf(want, sizeof(want), "Ý kiến số %d", i);
			line += 1;
		}
		assert_string_equal(rec.cells[1], want);
	}
	assert_int_equal(csvr_next(r, &rec, &err), 0);
	csvr_free(r);
	fclose(f);
}

static void test_huge_cell(void **state)
{
	FILE *f = tmpfile();
	struct csvr *r;
	struct csvr_record rec;
	struct hl_err err;
	static char block[64 * 1024];

	(void)state;
	assert_non_null(f);
	fputs("a,b\n1,\"", f);
	memset(block, 'z', sizeof(block));
	for (int i = 0; i < 20; i++)
		fwrite(block, 1, sizeof(block), f);
	fputs("\"\n", f);
	rewind(f);
	assert_int_equal(csvr_open(f, "lon.csv", &r, &err), HL_OK);
	assert_int_equal(csvr_next(r, &rec, &err), 1);
	assert_int_equal(csvr_next(r, &rec, &err), HL_ELIMIT);
	assert_non_null(strstr(err.msg, "dòng 2"));
	csvr_free(r);
	fclose(f);
	csvr_free(NULL);
}

/* Every allocation failing in turn: a clean HL_ENOMEM or success, no leak. */
static void test_alloc_failures(void **state)
{
	const char text[] = "a,b\n1,\"x\ny\"\n2,3\n";
	int ok = 0, nomem = 0;

	(void)state;
	for (long n = 1; n < 12; n++) {
		FILE *f = tmpfile();
		struct csvr *r = NULL;
		struct csvr_record rec;
		struct hl_err err;
		int rc, rows = 0;

		assert_non_null(f);
		fputs(text, f);
		rewind(f);
		hl_mem_fail_after(n);
		rc = csvr_open(f, "t.csv", &r, &err);
		if (rc == HL_OK) {
			while ((rc = csvr_next(r, &rec, &err)) == 1)
				rows++;
		}
		hl_mem_fail_after(0);
		if (rc == 0) {
			assert_int_equal(rows, 3);
			ok++;
		} else {
			assert_int_equal(rc, HL_ENOMEM);
			nomem++;
		}
		csvr_free(r);
		fclose(f);
	}
	assert_true(nomem > 0);
	assert_true(ok > 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_quoting),
		cmocka_unit_test(test_crlf_bom_empty),
		cmocka_unit_test(test_invalid_utf8),
		cmocka_unit_test(test_limits),
		cmocka_unit_test(test_unterminated),
		cmocka_unit_test(test_bad_quote),
		cmocka_unit_test(test_large),
		cmocka_unit_test(test_huge_cell),
		cmocka_unit_test(test_alloc_failures),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
