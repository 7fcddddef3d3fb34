/* test_pdf.c — the PDF report from a model filled by hand with seed 003's
 * table: its text (pdftotext) holds the heading of an administrative
 * document, the table's figures with decimal commas, signs, ranks and marks,
 * the answer distribution and the closing, as listed in
 * tests/data/report/pdf_text.txt; its fonts (pdffonts) are Liberation Serif,
 * embedded; a long table continues on the next page under its header row
 * with the page number at the top; staff results only in internal reports;
 * a path that cannot be written leaves nothing behind. Set PDF_KEEP_DIR to
 * keep the PDFs to look at. Needs poppler-utils (scripts/deps.sh test). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/arena.h"
#include "base/mem.h"
#include "svc/order.h"
#include "report/render.h"

#define MAXU 80

struct fixture {
	char dir[64];
	struct rpt_model m;
	struct iq_result ix;
	struct iq_unit units[MAXU];
	struct rpt_count channels[3], fields[2];
	struct rpt_question q;
	struct rpt_theme themes[2];
	struct rpt_staff staff[2];
	struct rpt_below below[2];
	struct store_unit subject;
};

static const char *const crit_code[] = {"TC", "HC", "PV", "KQ", "TT", "SIPAS"};
static const char *const crit_name[] = {"Tiếp cận dịch vụ", "Thủ tục hành chính",
	"Sự phục vụ của công chức", "Kết quả, tiến độ giải quyết công việc",
	"Tiếp nhận, xử lý thông tin phản hồi", "Chỉ số hài lòng chung"};

/* Seed 003: TC HC PV KQ TT SIPAS, change against the year before. */
static const struct {
	const char *name;
	double v[6], change;
	int rank;
} seed[6] = {
	{"UBND phường Vĩnh Thọ", {82.58, 88.27, 92.05, 89.22, 92.38, 88.90}, 3.28, 4},
	{"UBND phường Vĩnh Phước", {84.58, 92.48, 90.27, 88.50, 92.50, 89.67}, 1.98, 3},
	{"UBND phường Vĩnh Hải", {87.19, 87.83, 91.09, 91.85, 93.08, 90.21}, 3.81, 2},
	{"UBND phường Vĩnh Hòa", {78.25, 81.33, 86.81, 88.17, 83.97, 83.71}, 7.30, 6},
	{"UBND xã Vĩnh Phương", {90.03, 90.46, 91.71, 94.11, 90.75, 91.41}, 3.14, 1},
	{"UBND xã Vĩnh Lương", {81.94, 84.08, 87.31, 88.31, 89.00, 86.13}, 5.23, 5},
};

static void fill_unit(struct iq_unit *u, int i, const char *name, const double *v, double change,
	int rank, int of)
{
	memset(u, 0, sizeof(*u));
	u->unit.id = i + 1;
	snprintf(u->unit.code, sizeof(u->unit.code), "u%d", i + 1);
	snprintf(u->unit.name, sizeof(u->unit.name), "%s", name);
	u->active = true;
	u->idx.id = i + 1;
	for (int k = 0; k < 6; k++) {
		struct hl_idx_cell *c = &u->idx.cell[k];

		c->cur.valid = c->prev.valid = true;
		c->cur.value = v[k];
		c->cur.n = 400;
		c->prev.value = v[k] - (k == 5 ? change : 2);
		c->has_target = true;
		c->target = k == 5 ? 90 : 85;
		c->met = round(v[k] * 100) >= c->target * 100;
	}
	u->idx.cell[5].has_change = true;
	u->idx.cell[5].change = change;
	u->idx.cell[5].change_supported = i != 3; /* Vĩnh Hòa's +7,30 marked */
	u->idx.cell[5].rank = rank;
	u->idx.cell[5].of = of;
	u->idx.cell[5].rank_supported = i != 4; /* Vĩnh Phương's 1/6 marked */
}

static int setup(void **state)
{
	struct fixture *f = hl_calloc(1, sizeof(*f));
	struct rpt_model *m;
	static const char *const ex_forms[] = {
		"Không có hồ sơ mẫu ở bàn viết, phải hỏi lại nhiều lần.",
		"Cần bổ sung hồ sơ mẫu cho thủ tục đất đai; người dân không biết điền tờ khai thế "
		"nào cho đúng, đi lại ba lần mới xong, đề nghị phường niêm yết đầy đủ các mẫu đã "
		"điền sẵn để người dân tham khảo, và có người hướng dẫn tại chỗ vào giờ cao điểm "
		"buổi sáng thứ hai.",
	};
	static const char *const ex_wait[] = {"Chờ đợi lâu quá, chỉ có một người tiếp nhận."};
	static const char *tasks[] = {"Bổ sung hồ sơ mẫu tại bàn viết",
		"Niêm yết thủ tục bằng mã QR"};

	assert_non_null(f);
	snprintf(f->dir, sizeof(f->dir), "/tmp/hl-pdf-XXXXXX");
	assert_non_null(mkdtemp(f->dir));
	m = &f->m;
	m->o.internal = false;
	m->o.number = "12/BC-UBND";
	assert_true(hl_day_from_ymd(2026, 2, 5, &m->o.date));
	assert_int_equal(hl_period_parse("2025", &m->o.period, NULL), HL_OK);
	snprintf(m->period_label, sizeof(m->period_label), "Năm 2025");
	m->issuer_parent = "UBND thành phố Nha Trang";
	m->issuer = "Ủy ban nhân dân phường Bắc Nha Trang";
	m->place = "Bắc Nha Trang";
	m->title = "BÁO CÁO";
	m->subtitle = "Kết quả khảo sát mức độ hài lòng của tổ chức, cá nhân đối với sự phục vụ "
		      "của UBND phường Bắc Nha Trang năm 2025";
	snprintf(f->subject.name, sizeof(f->subject.name), "UBND phường Bắc Nha Trang");
	m->subject = &f->subject;
	f->ix.period = m->o.period;
	hl_period_prev_year(&f->ix.period, &f->ix.prev);
	f->ix.ncrit = 5;
	for (int k = 0; k < 6; k++) {
		f->ix.crit_code[k] = crit_code[k];
		f->ix.crit_name[k] = crit_name[k];
	}
	for (int i = 0; i < 6; i++)
		fill_unit(&f->units[i], i, seed[i].name, seed[i].v, seed[i].change, seed[i].rank,
			6);
	f->ix.nunits = 6;
	f->ix.units = f->units;
	m->index = &f->ix;
	m->responses = 2400;
	f->channels[0] = (struct rpt_count){"kiosk", "Máy khảo sát tại quầy", 1500};
	f->channels[1] = (struct rpt_count){"web", "Khảo sát trực tuyến", 600};
	f->channels[2] = (struct rpt_count){"paper", "Phiếu giấy", 300};
	m->channels = f->channels;
	m->nchannels = 3;
	f->fields[0] = (struct rpt_count){"dat-dai", "Đất đai", 1300};
	f->fields[1] = (struct rpt_count){"ho-tich", "Hộ tịch", 1100};
	m->fields = f->fields;
	m->nfields = 2;
	f->q = (struct rpt_question){.instrument = "sipas-5@1",
		.code = "q1",
		.text = "Nội dung thông tin về thủ tục hành chính được niêm yết có đầy đủ, dễ hiểu?",
		.criterion = "TC",
		.nlevels = 3,
		.label = {"Đầy đủ, dễ hiểu", "Tạm được", "Sơ sài, khó hiểu"},
		.satisfied = {true, false, false},
		.count = {921, 189, 227},
		.valid = 1337,
		.no_answer = 12};
	m->questions = &f->q;
	m->nquestions = 1;
	f->themes[0] = (struct rpt_theme){0, "Thiếu hồ sơ mẫu", 37, {ex_forms[0], ex_forms[1]}, 2,
		{0}};
	f->themes[1] = (struct rpt_theme){1, "Chờ đợi lâu", 21, {ex_wait[0]}, 1, {0}};
	m->themes = f->themes;
	m->nthemes = 2;
	f->staff[0] = (struct rpt_staff){"cc01", "Nguyễn Thị Lan", "UBND phường Vĩnh Thọ", 120,
		91.5, true};
	f->staff[1] = (struct rpt_staff){"cc02", "Trần Văn Đức", "UBND phường Vĩnh Hòa", 3, 0,
		false};
	m->staff = f->staff;
	m->nstaff = 2;
	f->below[0] = (struct rpt_below){"UBND phường Vĩnh Thọ", "TC", "Tiếp cận dịch vụ", 82.58,
		85, 2, tasks, NULL, NULL, false, 0, 0};
	f->below[1] = (struct rpt_below){"UBND phường Vĩnh Hòa", "HC", "Thủ tục hành chính", 81.33,
		85, 0, NULL, NULL, NULL, false, 0, 0};
	m->below = f->below;
	m->nbelow = 2;
	m->recipients[0] = "Sở Nội vụ tỉnh Khánh Hòa (b/c);";
	m->recipients[1] = "Đảng ủy phường (b/c);";
	m->recipients[2] = "Lưu: VT, VHXH.";
	m->nrecipients = 3;
	m->signer_title = "TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH";
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	DIR *dir = opendir(f->dir);
	struct dirent *e;
	char path[512];

	while (dir != NULL && (e = readdir(dir)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "%s/%s", f->dir, e->d_name);
		unlink(path);
	}
	if (dir != NULL)
		closedir(dir);
	rmdir(f->dir);
	hl_free(f);
	return 0;
}

/* Output of a poppler tool on path, hl_malloc'd. */
static char *run(const char *cmd, const char *args, const char *path)
{
	char line[1024], *out = NULL;
	size_t len = 0;
	FILE *p;

	snprintf(line, sizeof(line), "%s %s '%s' - 2>&1", cmd, args, path);
	if (strcmp(cmd, "pdffonts") == 0 || strcmp(cmd, "pdfinfo") == 0)
		snprintf(line, sizeof(line), "%s %s '%s' 2>&1", cmd, args, path);
	p = popen(line, "r");
	assert_non_null(p);
	for (;;) {
		char buf[4096];
		size_t n = fread(buf, 1, sizeof(buf), p);
		char *grown;

		if (n == 0)
			break;
		grown = hl_realloc(out, len + n + 1);
		assert_non_null(grown);
		out = grown;
		memcpy(out + len, buf, n);
		len += n;
		out[len] = '\0';
	}
	if (pclose(p) != 0) {
		fprintf(stderr,
			"'%s' failed (poppler-utils installed? scripts/deps.sh test):\n%s\n", line,
			out ? out : "");
		fail();
	}
	return out != NULL ? out : hl_calloc(1, 1);
}

/* Whether a line of text holds the space-separated words of want, in order. */
static bool has_line(const char *text, const char *want)
{
	const char *line = text;

	while (*line) {
		const char *end = strchr(line, '\n'), *p = line, *w = want;
		size_t ll = end ? (size_t)(end - line) : strlen(line);
		bool ok = true;

		while (*w && ok) {
			char word[256];
			size_t n = strcspn(w, " ");
			const char *hit;

			if (n == 0) {
				w++;
				continue;
			}
			snprintf(word, sizeof(word), "%.*s", (int)n, w);
			w += n;
			hit = strstr(p, word);
			ok = hit != NULL && hit + n <= line + ll;
			if (ok)
				p = hit + n;
		}
		if (ok)
			return true;
		if (end == NULL)
			break;
		line = end + 1;
	}
	return false;
}

static void keep(const char *path, const char *name)
{
	const char *dir = getenv("PDF_KEEP_DIR");
	char cmd[1024];

	if (dir == NULL)
		return;
	snprintf(cmd, sizeof(cmd), "cp '%s' '%s/%s'", path, dir, name);
	assert_int_equal(system(cmd), 0);
}

static void render(struct fixture *f, const char *name, char *path, size_t size)
{
	struct hl_err err = {0};
	int rc;

	snprintf(path, size, "%s/%s", f->dir, name);
	rc = rpt_pdf(&f->m, path, &err);
	if (rc != HL_OK)
		fprintf(stderr, "rpt_pdf: %s\n", err.msg);
	assert_int_equal(rc, HL_OK);
	keep(path, name);
}

static void test_text(void **state)
{
	struct fixture *f = *state;
	char path[256], line[512];
	char *text;
	FILE *exp;
	int checked = 0;

	render(f, "bao-cao.pdf", path, sizeof(path));
	text = run("pdftotext", "-layout", path);
	exp = fopen("tests/data/report/pdf_text.txt", "r");
	assert_non_null(exp);
	while (fgets(line, sizeof(line), exp) != NULL) {
		line[strcspn(line, "\n")] = '\0';
		if (line[0] == '#' || line[0] == '\0')
			continue;
		if (!has_line(text, line))
			fprintf(stderr, "missing in the PDF's text: '%s'\n--- text ---\n%s\n", line,
				text);
		assert_true(has_line(text, line));
		checked++;
	}
	fclose(exp);
	assert_true(checked > 20);
	/* Public report: no per-person results. */
	assert_null(strstr(text, "Nguyễn Thị Lan"));
	assert_null(strstr(text, "CÔNG CHỨC (TÀI LIỆU NỘI BỘ"));
	/* A decimal point would be a bug in a Vietnamese report. */
	assert_null(strstr(text, "88.90"));
	hl_free(text);
}

static void test_fonts(void **state)
{
	struct fixture *f = *state;
	char path[256];
	char *fonts;
	const char *p;
	int serif = 0;

	render(f, "fonts.pdf", path, sizeof(path));
	fonts = run("pdffonts", "", path);
	/* name type encoding emb sub uni: every font embedded. */
	for (p = strstr(fonts, "\n---"); p != NULL && (p = strchr(p + 1, '\n')) != NULL;) {
		const char *end = strchr(p + 1, '\n');
		char row[512];

		if (end == NULL || end == p + 1)
			break;
		snprintf(row, sizeof(row), "%.*s", (int)(end - p - 1), p + 1);
		if (strstr(row, "LiberationSerif") != NULL)
			serif++;
		if (strstr(row, " yes ") == NULL)
			fprintf(stderr, "font not embedded: %s\n", row);
		assert_non_null(strstr(row, " yes "));
	}
	assert_true(serif >= 3); /* regular, bold, italic (and bold italic) */
	hl_free(fonts);
}

static void test_internal_and_pages(void **state)
{
	struct fixture *f = *state;
	char path[256];
	char *text, *page2, *info;
	int n = 70;

	f->m.o.internal = true;
	for (int i = 6; i < n; i++) {
		char name[64];

		snprintf(name, sizeof(name), "UBND xã Thử Nghiệm Số %d", i + 1);
		fill_unit(&f->units[i], i, name, seed[i % 6].v, seed[i % 6].change, i + 1, n);
	}
	f->ix.nunits = (size_t)n;
	render(f, "noi-bo.pdf", path, sizeof(path));
	text = run("pdftotext", "-layout", path);
	assert_non_null(strstr(text, "Nguyễn Thị Lan"));
	assert_non_null(strstr(text, "91,50 %"));
	assert_true(has_line(text, "70 78,25 81,33 86,81 88,17 83,97 83,71 +7,30 70/70"));
	info = run("pdfinfo", "", path);
	assert_null(strstr(info, "Pages:          1\n"));
	/* Page 2: its number at the top, then the table's header again. */
	page2 = run("pdftotext", "-layout -f 2 -l 2", path);
	assert_true(has_line(page2, "2"));
	assert_true(has_line(page2, "STT Đơn vị TC HC PV KQ TT SIPAS"));
	assert_true(strspn(page2, " \n") < strlen(page2));
	{
		/* The number is the first text on the page. */
		const char *first = page2 + strspn(page2, " \n");

		assert_true(first[0] == '2' && (first[1] == '\n' || first[1] == ' '));
	}
	hl_free(text);
	hl_free(page2);
	hl_free(info);
}

/* Whether some page of text (pages split by form feeds) ends with a line
 * starting with a section heading ("IV. ") or with prefix: a heading
 * stranded at a page's foot. The offending line goes into bad. */
static bool heading_at_foot(const char *text, const char *prefix, char *bad, size_t size)
{
	const char *page = text;

	while (*page != '\0') {
		const char *end = strchr(page, '\f');
		const char *p = page, *last = NULL;
		size_t len = end != NULL ? (size_t)(end - page) : strlen(page);

		/* The last line with something on it. */
		while (p < page + len) {
			const char *nl = memchr(p, '\n', (size_t)(page + len - p));
			const char *q = p + strspn(p, " ");

			if (q < (nl != NULL ? nl : page + len) && *q != '\n')
				last = q;
			p = nl != NULL ? nl + 1 : page + len;
		}
		if (last != NULL) {
			size_t n = strcspn(last, "\n\f");
			size_t r = strspn(last, "IVX");

			if ((r > 0 && last[r] == '.' && last[r + 1] == ' ') ||
				(prefix != NULL && strncmp(last, prefix, strlen(prefix)) == 0)) {
				snprintf(bad, size, "%.*s", (int)n, last);
				return true;
			}
		}
		if (end == NULL)
			break;
		page = end + 1;
	}
	return false;
}

/* Keep with next: whatever the length of the index table (1 to 40 units,
 * which moves every later section up and down the pages), no section
 * heading, nor an instrument's, is the last line of a page. */
static void test_keep_with_next(void **state)
{
	struct fixture *f = *state;
	char path[256], bad[256];
	int checked = 0;

	for (int n = 1; n <= 40; n++) {
		char *text;

		for (int i = 6; i < n; i++) {
			char name[64];

			snprintf(name, sizeof(name), "UBND xã Thử Nghiệm Số %d", i + 1);
			fill_unit(&f->units[i], i, name, seed[i % 6].v, seed[i % 6].change, i + 1,
				n);
		}
		f->ix.nunits = (size_t)n;
		render(f, "keep.pdf", path, sizeof(path));
		text = run("pdftotext", "-layout", path);
		if (heading_at_foot(text, "Bộ câu hỏi", bad, sizeof(bad)))
			fail_msg("with %d units a page ends with the heading '%s'", n, bad);
		checked++;
		hl_free(text);
	}
	assert_int_equal(checked, 40);
}

/* Questions of two instruments: a heading each, numbered from 1 in each. */
static void test_instruments(void **state)
{
	struct fixture *f = *state;
	struct rpt_question q[3];
	char path[256];
	char *text;

	q[0] = f->q;
	q[0].instrument_name = "Bộ câu hỏi SIPAS 5 tiêu chí";
	q[1] = q[0];
	q[1].text = "Công chức có thái độ lịch sự khi tiếp nhận hồ sơ?";
	q[2] = q[0];
	q[2].instrument = "khanh-hoa-6@2";
	q[2].instrument_name = "Phiếu khảo sát của tỉnh";
	q[2].text = "Thời gian chờ đến lượt có hợp lý?";
	f->m.questions = q;
	f->m.nquestions = 3;
	render(f, "cau-hoi.pdf", path, sizeof(path));
	text = run("pdftotext", "-layout", path);
	assert_true(has_line(text, "Bộ câu hỏi SIPAS 5 tiêu chí (mã sipas-5, phiên bản 1)"));
	assert_true(has_line(text, "Câu 1 (tiêu chí TC): Nội dung thông tin"));
	assert_true(has_line(text, "Câu 2 (tiêu chí TC): Công chức có thái độ lịch sự"));
	assert_true(has_line(text,
		"Bộ câu hỏi: Phiếu khảo sát của tỉnh (mã khanh-hoa-6, phiên bản 2)"));
	assert_true(has_line(text, "Câu 1 (tiêu chí TC): Thời gian chờ"));
	assert_null(strstr(text, "Câu 3"));
	hl_free(text);
}

/* A supervising office's report: a mean row under the units. */
static void test_means(void **state)
{
	struct fixture *f = *state;
	struct hl_arena *a = hl_arena_new(1 << 20);
	struct hl_err err = {0};
	char path[256];
	char *text;

	assert_non_null(a);
	f->m.o.under = "nha-trang";
	assert_int_equal(rpt_order(&f->m, a, &err), HL_OK);
	render(f, "binh-quan.pdf", path, sizeof(path));
	text = run("pdftotext", "-layout", path);
	/* By name: Vĩnh Hải, Vĩnh Hòa, Vĩnh Phước, Vĩnh Thọ, then the communes. */
	assert_true(has_line(text, "01 87,19 87,83 91,09 91,85 93,08 90,21"));
	assert_true(has_line(text, "04 82,58 88,27 92,05 89,22 92,38 88,90"));
	assert_true(has_line(text, "Bình quân 87,41 89,87 90,03 90,28 88,34"));
	assert_true(has_line(text, "Bình quân: trung bình cộng chỉ số của các đơn vị có số liệu."));
	hl_free(text);
	hl_arena_free(a);
}

static void test_unwritable(void **state)
{
	struct fixture *f = *state;
	struct hl_err err = {0};
	char path[256];
	DIR *dir;
	struct dirent *e;
	int files = 0;

	snprintf(path, sizeof(path), "%s/khong-co/bao-cao.pdf", f->dir);
	assert_int_equal(rpt_pdf(&f->m, path, &err), HL_EIO);
	assert_non_null(strstr(err.msg, "bao-cao.pdf"));
	assert_int_equal(access(path, F_OK), -1);
	dir = opendir(f->dir);
	assert_non_null(dir);
	while ((e = readdir(dir)) != NULL)
		files += e->d_name[0] != '.';
	closedir(dir);
	assert_int_equal(files, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_text, setup, teardown),
		cmocka_unit_test_setup_teardown(test_fonts, setup, teardown),
		cmocka_unit_test_setup_teardown(test_internal_and_pages, setup, teardown),
		cmocka_unit_test_setup_teardown(test_unwritable, setup, teardown),
		cmocka_unit_test_setup_teardown(test_keep_with_next, setup, teardown),
		cmocka_unit_test_setup_teardown(test_instruments, setup, teardown),
		cmocka_unit_test_setup_teardown(test_means, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
