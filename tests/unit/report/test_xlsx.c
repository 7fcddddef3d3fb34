/* test_xlsx.c — the XLSX renderer on a report model filled by hand (seed
 * 003's Vĩnh Thọ and Vĩnh Phước, 2024): the workbook is opened here (zip +
 * zlib) and its parts read back: the sheets and their Vietnamese names, the
 * figures stored as numbers rounded to two decimals with the format "0.00",
 * a value below target in its own highlighted style, ranks as "4/6", frozen
 * header rows, the per-civil-servant sheet only in internal reports, and no
 * file at all (nor a temporary one) when the target cannot be written. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include "base/arena.h"
#include "base/err.h"
#include "svc/order.h"
#include "report/render.h"

/* ---- reading the workbook back: the zip's central directory, inflate ---- */

static uint32_t le16(const unsigned char *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8;
}

static uint32_t le32(const unsigned char *p)
{
	return le16(p) | le16(p + 2) << 16;
}

static unsigned char *slurp(const char *path, size_t *n)
{
	FILE *f = fopen(path, "rb");
	unsigned char *buf;
	long sz;

	assert_non_null(f);
	assert_int_equal(fseek(f, 0, SEEK_END), 0);
	sz = ftell(f);
	assert_true(sz > 22);
	rewind(f);
	buf = malloc((size_t)sz);
	assert_non_null(buf);
	assert_int_equal(fread(buf, 1, (size_t)sz, f), (size_t)sz);
	fclose(f);
	*n = (size_t)sz;
	return buf;
}

/* The part named name of the zip at path, NUL-terminated (free()), or NULL. */
static char *zip_part(const char *path, const char *name)
{
	size_t n, off, cd, nent;
	unsigned char *z = slurp(path, &n);
	char *out = NULL;

	for (off = n - 22; off > 0 && le32(z + off) != 0x06054b50; off--)
		;
	assert_int_equal(le32(z + off), 0x06054b50);
	nent = le16(z + off + 10);
	cd = le32(z + off + 16);
	for (size_t i = 0; i < nent && out == NULL; i++) {
		const unsigned char *e = z + cd;
		uint32_t method = le16(e + 10), csize = le32(e + 20), usize = le32(e + 24);
		uint32_t nlen = le16(e + 28), xlen = le16(e + 30), clen = le16(e + 32);
		uint32_t loc = le32(e + 42);

		assert_int_equal(le32(e), 0x02014b50);
		if (nlen == strlen(name) && memcmp(e + 46, name, nlen) == 0) {
			const unsigned char *l = z + loc;
			const unsigned char *data = l + 30 + le16(l + 26) + le16(l + 28);
			z_stream s = {0};

			out = calloc(1, (size_t)usize + 1);
			assert_non_null(out);
			if (method == 0) {
				memcpy(out, data, usize);
			} else {
				assert_int_equal(method, 8);
				assert_int_equal(inflateInit2(&s, -15), Z_OK);
				s.next_in = (unsigned char *)data;
				s.avail_in = csize;
				s.next_out = (unsigned char *)out;
				s.avail_out = usize;
				assert_int_equal(inflate(&s, Z_FINISH), Z_STREAM_END);
				inflateEnd(&s);
			}
		}
		cd += 46 + nlen + xlen + clen;
	}
	free(z);
	return out;
}

/* The style index of the cell at ref ("C9") in sheet xml, its value into v. */
static int cell_style(const char *xml, const char *ref, char *v, size_t vsize)
{
	char key[32];
	const char *c, *s, *val;

	snprintf(key, sizeof(key), "<c r=\"%s\"", ref);
	c = strstr(xml, key);
	assert_non_null(c);
	s = strstr(c, " s=\"");
	val = strstr(c, "<v>");
	assert_non_null(val);
	snprintf(v, vsize, "%.*s", (int)strcspn(val + 3, "<"), val + 3);
	if (s == NULL || s > strchr(c, '>'))
		return 0;
	return atoi(s + 4);
}

/* The attributes of the cell format (xf) idx of styles.xml st, as text. */
static void xf_of(const char *st, int idx, char *out, size_t size)
{
	const char *p = strstr(st, "<cellXfs");

	assert_non_null(p);
	for (int i = 0; i <= idx; i++) {
		p = strstr(p + 1, "<xf ");
		assert_non_null(p);
	}
	snprintf(out, size, "%.*s",
		(int)(strstr(p, "</xf>") != NULL && strstr(p, "</xf>") < strstr(p + 1, "<xf ") ?
				strstr(p, "</xf>") - p :
				(long)strcspn(p, "\n")),
		p);
}

/* The number format of the cell format xf (from xf_of) in styles.xml st:
 * its formatCode ("#,##0"), into out. */
static void fmt_of(const char *st, const char *xf, char *out, size_t size)
{
	const char *id = strstr(xf, "numFmtId=\"");
	char key[64];
	const char *f;

	assert_non_null(id);
	snprintf(key, sizeof(key), "<numFmt numFmtId=\"%d\" formatCode=\"", atoi(id + 10));
	f = strstr(st, key);
	assert_non_null(f);
	f += strlen(key);
	snprintf(out, size, "%.*s", (int)strcspn(f, "\""), f);
}

/* A stored number equals want as published (libxlsxwriter writes 17
 * significant digits: 88.90000000000001 is the double nearest 88.9). */
static void assert_num(const char *v, double want)
{
	char *end;
	double got = strtod(v, &end);

	if (*v == '\0' || *end != '\0' || fabs(got - want) > 1e-9)
		fail_msg("cell holds '%s', expected %.2f", v, want);
}

/* ---- the model ---- */

static const char *const codes[] = {"TC", "HC", "PV", "KQ", "TT", "SIPAS"};
static const char *const names[] = {"Tiếp cận dịch vụ", "Thủ tục hành chính",
	"Sự phục vụ của công chức", "Kết quả, tiến độ giải quyết công việc",
	"Tiếp nhận, xử lý thông tin phản hồi", "Chỉ số hài lòng chung"};

struct fixture {
	struct hl_arena *a;
	struct rpt_model m;
	struct iq_result r;
	struct iq_unit u[2];
	struct rpt_count channels[2], fields[1];
	struct rpt_question q;
	struct rpt_theme t[2];
	struct rpt_staff s[1];
	struct rpt_below b[1];
	char dir[64];
	char path[128];
};

static void fill_unit(struct iq_unit *u, const char *code, const char *name, const double *v,
	double change, int rank)
{
	snprintf(u->unit.code, sizeof(u->unit.code), "%s", code);
	snprintf(u->unit.name, sizeof(u->unit.name), "%s", name);
	u->active = true;
	for (int k = 0; k < 6; k++) {
		struct hl_idx_cell *c = &u->idx.cell[k];

		c->cur.valid = true;
		c->cur.value = v[k];
		c->cur.lo = v[k] - 1.234;
		c->cur.hi = v[k] + 1.006;
		c->cur.n = 1200;
		c->has_target = true;
		c->target = k == 5 ? 88 : 85;
		c->met = v[k] >= c->target;
	}
	u->idx.cell[5].has_change = true;
	u->idx.cell[5].change = change;
	u->idx.cell[5].change_supported = true;
	u->idx.cell[5].rank = rank;
	u->idx.cell[5].of = 6;
	u->idx.cell[5].rank_supported = true;
}

#define LONG_TASK \
	"Cung cấp các thông tin cần thiết cho tổ chức, cá nhân rõ ràng, đầy đủ, cụ " \
	"thể, dễ tiếp cận và thông qua nhiều hình thức, bao gồm bộ thủ tục hành chính và các " \
	"biểu mẫu, phí, lệ phí; cách thức thực hiện thủ tục hành chính"
static const char *long_task[] = {LONG_TASK};

static int setup(void **state)
{
	static const double vt[] = {82.58, 88.27, 92.05, 89.22, 92.38, 88.90};
	static const double vp[] = {84.58, 92.48, 90.27, 88.50, 92.50, 89.67};
	struct fixture *f = calloc(1, sizeof(*f));

	assert_non_null(f);
	snprintf(f->dir, sizeof(f->dir), "/tmp/hl-xlsx-XXXXXX");
	assert_non_null(mkdtemp(f->dir));
	snprintf(f->path, sizeof(f->path), "%s/bao-cao.xlsx", f->dir);
	assert_int_equal(hl_period_parse("2024", &f->r.period, NULL), HL_OK);
	hl_period_prev_year(&f->r.period, &f->r.prev);
	f->r.ncrit = 5;
	for (int k = 0; k < 6; k++) {
		f->r.crit_code[k] = codes[k];
		f->r.crit_name[k] = names[k];
	}
	fill_unit(&f->u[0], "vinh-tho", "UBND phường Vĩnh Thọ", vt, 3.28, 4);
	fill_unit(&f->u[1], "vinh-phuoc", "UBND phường Vĩnh Phước", vp, 1.98, 3);
	f->r.nunits = 2;
	f->r.units = f->u;

	f->m.index = &f->r;
	f->m.o.period = f->r.period;
	f->m.o.date = HL_DAY_NONE;
	hl_period_label(&f->r.period, f->m.period_label, sizeof(f->m.period_label));
	f->m.issuer_parent = "UBND THÀNH PHỐ NHA TRANG";
	f->m.issuer = "ỦY BAN NHÂN DÂN PHƯỜNG BẮC NHA TRANG";
	f->m.title = "BÁO CÁO";
	f->m.subtitle = "Kết quả khảo sát mức độ hài lòng của người dân năm 2024";
	f->m.responses = 2400;
	f->channels[0] = (struct rpt_count){"kiosk", "Máy khảo sát tại bộ phận một cửa", 1800};
	f->channels[1] = (struct rpt_count){"paper", "Phiếu giấy", 600};
	f->fields[0] = (struct rpt_count){"ho-tich", "Hộ tịch", 2400};
	f->m.channels = f->channels;
	f->m.nchannels = 2;
	f->m.fields = f->fields;
	f->m.nfields = 1;
	/* Seed 000's distribution: 68,89 % / 14,14 % / 16,98 % (of 10 001). */
	f->q = (struct rpt_question){.instrument = "sipas-5@1",
		.code = "q1",
		.text = "Thông tin về thủ tục hành chính được niêm yết có đầy đủ, dễ hiểu không?",
		.criterion = "TC",
		.nlevels = 3,
		.label = {"Đầy đủ, dễ hiểu", "Tạm được", "Sơ sài, khó hiểu"},
		.satisfied = {true, false, false},
		.count = {6890, 1414, 1697},
		.valid = 10001,
		.no_answer = 12};
	f->m.questions = &f->q;
	f->m.nquestions = 1;
	f->t[0] = (struct rpt_theme){.theme = 1,
		.name = "Chờ đợi lâu",
		.count = 14,
		.example = {"Phải chờ lâu mới được tiếp nhận", "Đông người, chờ gần 2 tiếng"},
		.nexamples = 2};
	f->t[1] = (struct rpt_theme){.theme = 0,
		.name = "Thiếu hồ sơ mẫu",
		.count = 3,
		.example = {"Không có mẫu tờ khai"},
		.nexamples = 1};
	f->m.themes = f->t;
	f->m.nthemes = 2;
	f->s[0] = (struct rpt_staff){"cc01", "Nguyễn Thị Hồng", "UBND phường Vĩnh Thọ", 310,
		91.2345, true};
	f->m.staff = f->s;
	f->m.nstaff = 1;
	f->b[0] = (struct rpt_below){"UBND phường Vĩnh Thọ", "TC", "Tiếp cận dịch vụ", 82.58, 85, 1,
		long_task, NULL, NULL, false, 0, 0};
	/* Vĩnh Phước without a TC value. */
	f->u[1].idx.cell[0].cur.valid = false;
	f->m.below = f->b;
	f->m.nbelow = 1;
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	DIR *d = opendir(f->dir);
	struct dirent *e;
	char p[512];

	while (d != NULL && (e = readdir(d)) != NULL) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		snprintf(p, sizeof(p), "%s/%s", f->dir, e->d_name);
		if (rmdir(p) != 0)
			unlink(p);
	}
	if (d != NULL)
		closedir(d);
	rmdir(f->dir);
	free(f);
	return 0;
}

/* Names in dir other than . and .. */
static int entries(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int n = 0;

	assert_non_null(d);
	while ((e = readdir(d)) != NULL)
		n += strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0;
	closedir(d);
	return n;
}

static void test_sheets_and_numbers(void **state)
{
	struct fixture *f = *state;
	struct hl_err err = {0};
	char *wb, *s1, *s2, *s3, *s4, *ss, *st, *s5;
	char v[64], v2[64], xf[512];
	int low, ok_style, ok2;

	assert_int_equal(rpt_xlsx(&f->m, f->path, &err), HL_OK);
	assert_int_equal(entries(f->dir), 1); /* the report, no temporary file */
	wb = zip_part(f->path, "xl/workbook.xml");
	assert_non_null(wb);
	assert_non_null(strstr(wb, "name=\"Tổng hợp\""));
	assert_non_null(strstr(wb, "name=\"Đơn vị – tiêu chí\""));
	assert_non_null(strstr(wb, "name=\"Câu hỏi\""));
	assert_non_null(strstr(wb, "name=\"Ý kiến\""));
	assert_null(strstr(wb, "Công chức")); /* not internal */
	/* The criteria below target on a sheet of their own, wrapped. */
	assert_non_null(strstr(wb, "name=\"Chưa đạt chỉ tiêu\""));
	s5 = zip_part(f->path, "xl/worksheets/sheet5.xml");
	assert_non_null(s5);
	assert_null(zip_part(f->path, "xl/worksheets/sheet6.xml"));

	st = zip_part(f->path, "xl/styles.xml");
	assert_non_null(strstr(st, "formatCode=\"0.00\""));
	assert_non_null(strstr(st, "FFFFC7CE"));

	/* Tổng hợp: the table's header on row 8, Vĩnh Thọ on row 9. */
	s1 = zip_part(f->path, "xl/worksheets/sheet1.xml");
	assert_non_null(s1);
	low = cell_style(s1, "C9", v, sizeof(v)); /* TC 82,58 < 85 */
	assert_num(v, 82.58);
	ok_style = cell_style(s1, "D9", v, sizeof(v)); /* HC 88,27 */
	assert_num(v, 88.27);
	assert_int_not_equal(low, ok_style);
	ok2 = cell_style(s1, "H9", v, sizeof(v)); /* SIPAS 88,90 >= 88 */
	assert_num(v, 88.9);
	assert_int_equal(ok2, ok_style);
	cell_style(s1, "I9", v, sizeof(v)); /* Tăng/giảm */
	assert_num(v, 3.28);
	/* Counts are numbers grouped by thousands (built-in format 3, "#,##0"). */
	xf_of(st, cell_style(s1, "K9", v, sizeof(v)), xf, sizeof(xf)); /* Số phiếu */
	assert_num(v, 1200);
	fmt_of(st, xf, v, sizeof(v));
	assert_string_equal(v, "#,##0");
	/* STT: the number 1 shown "01". */
	xf_of(st, cell_style(s1, "A9", v, sizeof(v)), xf, sizeof(xf));
	assert_num(v, 1);
	fmt_of(st, xf, v, sizeof(v));
	assert_string_equal(v, "00");
	/* The rank is the number 4 shown "4/6", right-aligned. */
	xf_of(st, cell_style(s1, "J9", v, sizeof(v)), xf, sizeof(xf));
	assert_num(v, 4);
	assert_non_null(strstr(xf, "horizontal=\"right\""));
	fmt_of(st, xf, v, sizeof(v));
	assert_string_equal(v, "0&quot;/6&quot;");
	/* A criterion without a value: "–" right-aligned in its number column. */
	xf_of(st, cell_style(s1, "D10", v, sizeof(v)), xf, sizeof(xf));
	assert_non_null(strstr(xf, "horizontal=\"right\""));
	assert_non_null(strstr(s1, "state=\"frozen\""));
	ss = zip_part(f->path, "xl/sharedStrings.xml");
	assert_non_null(strstr(ss, "<t>STT</t>"));
	assert_non_null(strstr(ss, "<t>–</t>"));
	assert_non_null(strstr(ss, "UBND phường Vĩnh Thọ"));
	assert_non_null(strstr(ss, "ỦY BAN NHÂN DÂN PHƯỜNG BẮC NHA TRANG"));
	assert_non_null(strstr(ss, "xem trang “Chưa đạt chỉ tiêu”"));
	/* The task below target whole, its row as tall as its wrapped lines. */
	assert_non_null(strstr(ss, LONG_TASK));
	assert_non_null(strstr(s5, "<row r=\"2\" spans=\"1:9\" ht=\"60\" customHeight=\"1\""));
	/* Every sheet one page wide (fitToWidth 1 by default), header rows repeated. */
	for (int i = 1; i <= 5; i++) {
		char part[64], *sh;

		snprintf(part, sizeof(part), "xl/worksheets/sheet%d.xml", i);
		sh = zip_part(f->path, part);
		assert_non_null(strstr(sh, "<pageSetUpPr fitToPage=\"1\"/>"));
		assert_non_null(strstr(sh, "fitToHeight=\"0\""));
		assert_null(strstr(sh, "fitToWidth="));
		free(sh);
	}
	{
		int titles = 0;

		for (const char *p = wb; (p = strstr(p, "_xlnm.Print_Titles")) != NULL; p++)
			titles++;
		assert_int_equal(titles, 5);
	}

	/* Đơn vị – tiêu chí: 2 units x 6 criteria below the header. */
	s2 = zip_part(f->path, "xl/worksheets/sheet2.xml");
	cell_style(s2, "E2", v, sizeof(v));
	assert_num(v, 82.58);
	cell_style(s2, "G2", v, sizeof(v)); /* 82.58 - 1.234 */
	assert_num(v, 81.35);
	cell_style(s2, "H2", v2, sizeof(v2)); /* 82.58 + 1.006 */
	assert_num(v2, 83.59);
	cell_style(s2, "E13", v, sizeof(v)); /* Vĩnh Phước SIPAS */
	assert_num(v, 89.67);
	cell_style(s2, "K13", v, sizeof(v));
	assert_num(v, 3);
	assert_null(strstr(s2, "<c r=\"A14\""));
	assert_non_null(strstr(s2, "state=\"frozen\""));

	/* Câu hỏi: percentages of the valid answers, as numbers. */
	s3 = zip_part(f->path, "xl/worksheets/sheet3.xml");
	cell_style(s3, "H2", v, sizeof(v));
	assert_num(v, 68.89);
	cell_style(s3, "H3", v, sizeof(v));
	assert_num(v, 14.14);
	cell_style(s3, "G5", v, sizeof(v)); /* no answer */
	assert_num(v, 12);

	/* Ý kiến: counts and examples. */
	s4 = zip_part(f->path, "xl/worksheets/sheet4.xml");
	cell_style(s4, "C2", v, sizeof(v));
	assert_num(v, 14);
	assert_non_null(strstr(ss, "Đông người, chờ gần 2 tiếng"));

	free(wb);
	free(st);
	free(s1);
	free(s2);
	free(s3);
	free(s4);
	free(s5);
	free(ss);
}

static void test_internal_staff_sheet(void **state)
{
	struct fixture *f = *state;
	struct hl_err err = {0};
	char *wb, *s5, v[64];

	f->m.o.internal = true;
	assert_int_equal(rpt_xlsx(&f->m, f->path, &err), HL_OK);
	wb = zip_part(f->path, "xl/workbook.xml");
	assert_non_null(strstr(wb, "name=\"Công chức\""));
	s5 = zip_part(f->path, "xl/worksheets/sheet6.xml");
	assert_non_null(s5);
	cell_style(s5, "F2", v, sizeof(v));
	assert_num(v, 91.23);
	free(wb);
	free(s5);
}

/* An existing report is replaced only by a complete one. */
static void test_replaces_whole_file(void **state)
{
	struct fixture *f = *state;
	struct hl_err err = {0};
	FILE *old = fopen(f->path, "w");
	char *wb;

	assert_non_null(old);
	fputs("cũ", old);
	fclose(old);
	assert_int_equal(rpt_xlsx(&f->m, f->path, &err), HL_OK);
	wb = zip_part(f->path, "xl/workbook.xml");
	assert_non_null(wb);
	free(wb);
	assert_int_equal(entries(f->dir), 1);
}

static void test_unwritable(void **state)
{
	struct fixture *f = *state;
	struct hl_err err = {0};
	char bad[192];
	struct stat sb;

	/* A folder that does not exist. */
	snprintf(bad, sizeof(bad), "%s/khong-co/bao-cao.xlsx", f->dir);
	assert_int_equal(rpt_xlsx(&f->m, bad, &err), HL_EIO);
	assert_non_null(strstr(err.msg, "khong-co/bao-cao.xlsx"));
	assert_int_equal(entries(f->dir), 0);

	/* The target is a folder: written, then the rename fails; nothing left. */
	snprintf(bad, sizeof(bad), "%s/thu-muc", f->dir);
	assert_int_equal(mkdir(bad, 0755), 0);
	hl_err_clear(&err);
	assert_int_not_equal(rpt_xlsx(&f->m, bad, &err), HL_OK);
	assert_true(err.msg[0] != '\0');
	assert_int_equal(entries(f->dir), 1);
	assert_int_equal(stat(bad, &sb), 0);
	assert_true(S_ISDIR(sb.st_mode));

	hl_err_clear(&err);
	assert_int_equal(rpt_xlsx(&f->m, "", &err), HL_EINVAL);
}

/* A supervising office's report over 500 units: every unit's row is there
 * (the last one on row 8 + 500 of the summary, 1 + 3000 of the long form). */
static void test_many_units(void **state)
{
	struct fixture *f = *state;
	struct hl_err err = {0};
	struct iq_unit *many = calloc(500, sizeof(*many));
	char *s1, *s2, v[64];

	assert_non_null(many);
	for (int i = 0; i < 500; i++) {
		double vals[6];
		char code[32];

		for (int k = 0; k < 6; k++)
			vals[k] = 70 + (i * 7 + k * 3) % 300 / 10.0;
		snprintf(code, sizeof(code), "dv-%03d", i);
		fill_unit(&many[i], code, "Đơn vị thử", vals, 0.5, i % 6 + 1);
	}
	f->r.units = many;
	f->r.nunits = 500;
	assert_int_equal(rpt_xlsx(&f->m, f->path, &err), HL_OK);
	s1 = zip_part(f->path, "xl/worksheets/sheet1.xml");
	cell_style(s1, "H508", v, sizeof(v));
	assert_num(v, 70 + (499 * 7 + 15) % 300 / 10.0);
	s2 = zip_part(f->path, "xl/worksheets/sheet2.xml");
	cell_style(s2, "E3001", v, sizeof(v));
	assert_num(v, 70 + (499 * 7 + 15) % 300 / 10.0);
	free(s1);
	free(s2);
	free(many);
}

/* A supervising office's report: units by name (Vĩnh Phước before Vĩnh
 * Thọ), then the mean of their values and the sum of their responses. */
static void test_supervisor_order_and_mean(void **state)
{
	struct fixture *f = *state;
	struct hl_err err = {0};
	struct hl_arena *a = hl_arena_new(1 << 20);
	char *s1, *ss, v[64];

	assert_non_null(a);
	f->m.o.under = "nha-trang";
	assert_int_equal(rpt_order(&f->m, a, &err), HL_OK);
	assert_int_equal(rpt_xlsx(&f->m, f->path, &err), HL_OK);
	s1 = zip_part(f->path, "xl/worksheets/sheet1.xml");
	ss = zip_part(f->path, "xl/sharedStrings.xml");
	cell_style(s1, "H9", v, sizeof(v)); /* Vĩnh Phước first */
	assert_num(v, 89.67);
	cell_style(s1, "H10", v, sizeof(v));
	assert_num(v, 88.9);
	cell_style(s1, "E11", v, sizeof(v)); /* PV: (92,05 + 90,27) / 2 */
	assert_num(v, 91.16);
	cell_style(s1, "C11", v, sizeof(v)); /* TC: Vĩnh Thọ's only */
	assert_num(v, 82.58);
	cell_style(s1, "K11", v, sizeof(v));
	assert_num(v, 2400);
	assert_non_null(strstr(ss, "<t>Bình quân</t>"));
	free(s1);
	free(ss);
	hl_arena_free(a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_sheets_and_numbers, setup, teardown),
		cmocka_unit_test_setup_teardown(test_internal_staff_sheet, setup, teardown),
		cmocka_unit_test_setup_teardown(test_replaces_whole_file, setup, teardown),
		cmocka_unit_test_setup_teardown(test_unwritable, setup, teardown),
		cmocka_unit_test_setup_teardown(test_many_units, setup, teardown),
		cmocka_unit_test_setup_teardown(test_supervisor_order_and_mean, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
