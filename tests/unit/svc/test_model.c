/* test_model.c — the report model on a small store whose every figure is
 * known: counted responses in scope (held ones, other units and other
 * periods left out), counts by channel and field, answer distributions with
 * "không trả lời" apart, comment themes with examples (only approved ones
 * unless internal), results per civil
 * servant only when internal, criteria below target, the heading worded
 * from the unit, refusals (unknown unit, a period without responses), and
 * the CSV against its golden file tests/data/report/unit-an-binh.csv
 * (HL_UPDATE_GOLDEN=1 rewrites it) and the HTML escaping what citizens
 * wrote. Renderers leave no file behind when the target cannot be written. */
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

#include "base/arena.h"
#include "core/instrument.h"
#include "io/instrument_json.h"
#include "svc/report_model.h"
#include "report/render.h"
#include "store/store.h"
#include "svc/builtin.h"
#include "svc/tallyacc.h"

#define GOLDEN "tests/data/report/unit-an-binh.csv"

struct fx {
	char dir[64], db[96];
	struct store *st;
	struct hl_arena *a;
	struct hl_err err;
	int nq; /* questions of sipas-5 */
	int ncrit;
	int64_t tp, pa, pb, s1, s2, field;
	int64_t wait, markup; /* responses whose comments tests approve */
};

#define OK(f, call) \
	do { \
		int rc_ = (call); \
		if (rc_ != HL_OK) \
			fail_msg("%s: %s", #call, (f)->err.msg); \
	} while (0)

static hl_day day(int y, int m, int d)
{
	hl_day x = HL_DAY_NONE;

	assert_true(hl_day_from_ymd(y, m, d, &x));
	return x;
}

static int64_t unit(struct fx *f, const char *code, const char *name, const char *type,
	int64_t parent)
{
	struct store_unit u = {0};

	snprintf(u.code, sizeof(u.code), "%s", code);
	snprintf(u.name, sizeof(u.name), "%s", name);
	snprintf(u.type, sizeof(u.type), "%s", type);
	u.parent_id = parent;
	u.valid_from = u.valid_to = HL_DAY_NONE;
	OK(f, STORE(f->st, units, unit_put, &u, &f->err));
	return u.id;
}

static int64_t staff(struct fx *f, const char *code, const char *name, int64_t unit_id)
{
	struct store_staff s = {0};

	snprintf(s.code, sizeof(s.code), "%s", code);
	snprintf(s.name, sizeof(s.name), "%s", name);
	s.unit_id = unit_id;
	OK(f, STORE(f->st, units, staff_put, &s, &f->err));
	return s.id;
}

/* A response with every answer at level (first answer `first`); its id. */
static int64_t respond(struct fx *f, int64_t unit_id, hl_day d, int channel, int64_t field,
	int64_t staff_id, int first, int level, const char *comment, int status)
{
	static int seq;
	struct store_instrument in;
	struct store_response r;
	int64_t batch;

	memset(&r, 0, sizeof(r));
	OK(f, STORE(f->st, instruments, instrument_get, "sipas-5", 1, f->a, &in, NULL, &f->err));
	OK(f, STORE(f->st, responses, batch_new, "import", "test", &batch, &f->err));
	snprintf(r.ext_id, sizeof(r.ext_id), "R%d", ++seq);
	r.unit_id = unit_id;
	r.day = d;
	r.instrument_id = in.id;
	r.channel = channel;
	r.field_id = field;
	r.staff_id = staff_id;
	r.nanswers = f->nq;
	for (int i = 0; i < f->nq; i++)
		r.answers[i] = (unsigned char)(i == 0 ? first : level);
	snprintf(r.comment, sizeof(r.comment), "%s", comment);
	r.batch_id = batch;
	r.status = status;
	OK(f, STORE(f->st, responses, response_insert, &r, NULL, &f->err));
	return r.id;
}

static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof(*f));
	struct store_field *fields = NULL;
	struct store_target t = {0};
	struct hl_instrument *in = NULL;
	char *json = NULL;
	struct store_instrument meta;
	size_t nf = 0;
	long n = 0;
	int v = 0;

	if (f == NULL)
		return -1;
	snprintf(f->dir, sizeof(f->dir), "/tmp/hl-report-test-XXXXXX");
	if (mkdtemp(f->dir) == NULL)
		return -1;
	snprintf(f->db, sizeof(f->db), "%s/t.db", f->dir);
	f->a = hl_arena_new((size_t)1 << 28);
	if (f->a == NULL || store_open(f->db, &f->st, &f->err) != HL_OK ||
		builtin_init(f->st, "test", &v, NULL, &f->err) != HL_OK ||
		STORE(f->st, instruments, instrument_get, "sipas-5", 1, f->a, &meta, &json,
			&f->err) != HL_OK ||
		ij_parse(f->a, json, strlen(json), &in, &f->err) != HL_OK ||
		STORE(f->st, units, field_list, f->a, &fields, &nf, &f->err) != HL_OK || nf == 0) {
		print_error("setup: %s\n", f->err.msg);
		return -1;
	}
	f->nq = in->nquestions;
	f->ncrit = in->ncriteria;
	for (size_t i = 0; i < nf; i++)
		if (strcmp(fields[i].code, "ho-tich") == 0)
			f->field = fields[i].id;
	f->tp = unit(f, "tp", "Thành phố Thử", "huyen", 0);
	f->pa = unit(f, "an-binh", "UBND phường An Bình", "ubnd-xa", f->tp);
	f->pb = unit(f, "binh-minh", "UBND xã Bình Minh", "ubnd-xa", f->tp);
	f->s1 = staff(f, "ab-01", "Nguyễn Văn An", f->pa);
	f->s2 = staff(f, "ab-02", "Trần Thị Bình", f->pa);

	/* Counted in An Bình, 2024: three. */
	respond(f, f->pa, day(2024, 3, 1), CH_KIOSK, f->field, f->s1, 5, 5,
		"Thiếu hồ sơ mẫu tại bàn viết", RS_COUNTED);
	f->wait = respond(f, f->pa, day(2024, 5, 2), CH_PAPER, 0, f->s1, 0, 2, "Chờ đợi lâu quá",
		RS_COUNTED);
	respond(f, f->pa, day(2024, 9, 3), CH_QR, f->field, f->s2, 4, 4, "", RS_COUNTED);
	/* Not counted: held for review, another year. */
	respond(f, f->pa, day(2024, 9, 4), CH_KIOSK, f->field, f->s2, 1, 1, "Chờ lâu", RS_HELD);
	respond(f, f->pa, day(2023, 9, 4), CH_KIOSK, f->field, f->s2, 1, 1, "", RS_COUNTED);
	/* Bình Minh, 2024: in the city's report only; markup a citizen typed. */
	f->markup = respond(f, f->pb, day(2024, 6, 6), CH_PAPER, 0, 0, 3, 3,
		"<b>Chờ đợi lâu</b> & \"khó\"", RS_COUNTED);

	t.year = 2024;
	t.unit_id = f->pa;
	t.value = 95;
	OK(f, STORE(f->st, reports, target_set, &t, &f->err));
	OK(f, tacc_rebuild(f->st, "test", &n, &f->err));
	*state = f;
	return 0;
}

static void rm_dir(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char p[512];

	while (d && (e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		snprintf(p, sizeof(p), "%s/%s", dir, e->d_name);
		unlink(p);
	}
	if (d)
		closedir(d);
	rmdir(dir);
}

static int teardown(void **state)
{
	struct fx *f = *state;

	store_close(f->st);
	hl_arena_free(f->a);
	rm_dir(f->dir);
	free(f);
	return 0;
}

static struct rpt_opts opts(const char *u, const char *under, bool internal)
{
	struct rpt_opts o = {0};
	struct hl_err err;

	assert_int_equal(hl_period_parse("2024", &o.period, &err), HL_OK);
	o.unit = u;
	o.under = under;
	o.internal = internal;
	o.date = day(2024, 12, 25);
	return o;
}

static const struct rpt_count *find_count(const struct rpt_count *c, int n, const char *code)
{
	for (int i = 0; i < n; i++)
		if (strcmp(c[i].code, code) == 0)
			return &c[i];
	return NULL;
}

static void test_counts(void **state)
{
	struct fx *f = *state;
	struct rpt_opts o = opts("an-binh", NULL, false);
	struct rpt_model *m = NULL;
	const struct rpt_question *q;

	OK(f, rpt_build(f->st, f->a, &o, &m, &f->err));
	assert_int_equal(m->responses, 3);
	assert_int_equal(m->index->nunits, 1);
	assert_int_equal(m->nchannels, 3);
	assert_int_equal(find_count(m->channels, m->nchannels, "kiosk")->n, 1);
	assert_int_equal(find_count(m->channels, m->nchannels, "paper")->n, 1);
	assert_int_equal(find_count(m->channels, m->nchannels, "qr")->n, 1);
	assert_int_equal(m->nfields, 2);
	assert_string_equal(m->fields[0].code, "ho-tich"); /* most first */
	assert_int_equal(m->fields[0].n, 2);
	assert_string_equal(m->fields[1].name, "Không ghi lĩnh vực");
	assert_int_equal(m->fields[1].n, 1);

	/* One instrument version met: its questions, in order. */
	assert_int_equal(m->nquestions, f->nq);
	q = &m->questions[0];
	assert_string_equal(q->instrument, "sipas-5@1");
	assert_int_equal(q->nlevels, 5);
	assert_int_equal(q->valid, 2); /* 5 and 4; the paper ballot left it blank */
	assert_int_equal(q->no_answer, 1);
	assert_int_equal(q->count[4], 1);
	assert_int_equal(q->count[3], 1);
	assert_int_equal(q->count[1], 0);
	assert_true(q->satisfied[4] && q->satisfied[3] && !q->satisfied[2]);
	assert_non_null(q->label[4]);
	q = &m->questions[1];
	assert_int_equal(q->valid, 3);
	assert_int_equal(q->no_answer, 0);
	assert_int_equal(q->count[1], 1);
	assert_int_equal(q->count[3], 1);
	assert_int_equal(q->count[4], 1);

	/* Themes: each comment once per theme; not internal, so no comment
	 * quoted until a clerk approves it (test_approved_examples). */
	assert_int_equal(m->nthemes, 2);
	assert_int_equal(m->themes[0].theme, TH_FORMS);
	assert_int_equal(m->themes[0].count, 1);
	assert_int_equal(m->themes[0].nexamples, 0);
	assert_int_equal(m->themes[1].theme, TH_WAIT);
	assert_int_equal(m->themes[1].nexamples, 0);

	/* Not internal: nobody named. */
	assert_null(m->staff);
	assert_int_equal(m->nstaff, 0);

	/* Target 95 for everything: every criterion and SIPAS is below. */
	assert_int_equal(m->nbelow, m->index->ncrit + 1);
	assert_string_equal(m->below[m->nbelow - 1].criterion, "SIPAS");
	assert_true(m->below[0].value < 95 && m->below[0].target == 95);
}

static void test_staff(void **state)
{
	struct fx *f = *state;
	struct rpt_opts o = opts("an-binh", NULL, true);
	struct rpt_model *m = NULL;

	OK(f, rpt_build(f->st, f->a, &o, &m, &f->err));
	assert_int_equal(m->nstaff, 2);
	assert_string_equal(m->staff[0].code, "ab-01");
	assert_string_equal(m->staff[0].unit, "UBND phường An Bình");
	assert_int_equal(m->staff[0].n, 2);
	/* All satisfied on one ballot, none on the other, which left one blank. */
	assert_true(m->staff[0].valid);
	assert_true(fabs(m->staff[0].value - 100.0 * f->nq / (2 * f->nq - 1)) < 1e-9);
	assert_int_equal(m->staff[1].n, 1);
	assert_true(fabs(m->staff[1].value - 100.0) < 1e-9);
}

static void test_heading(void **state)
{
	struct fx *f = *state;
	struct rpt_opts o = opts("an-binh", NULL, false);
	struct rpt_model *m = NULL;

	OK(f, rpt_build(f->st, f->a, &o, &m, &f->err));
	assert_string_equal(m->issuer, "ỦY BAN NHÂN DÂN PHƯỜNG AN BÌNH");
	assert_string_equal(m->issuer_parent, "UBND THÀNH PHỐ THỬ");
	assert_string_equal(m->place, "An Bình");
	assert_string_equal(m->title, "BÁO CÁO");
	assert_string_equal(m->subtitle,
		"Kết quả khảo sát mức độ hài lòng của người dân, tổ chức "
		"đối với sự phục vụ của UBND phường An Bình năm 2024");
	assert_string_equal(m->period_label, "Năm 2024");
	/* A báo cáo has no "Kính gửi": "Nơi nhận" names the office above, not
	 * "Như trên"; a kind of unit is in lower case inside the text. */
	assert_int_equal(m->nrecipients, 2);
	assert_string_equal(m->recipients[0], "UBND thành phố Thử (b/c);");
	assert_string_equal(m->recipients[1], "Lưu: VT.");
	assert_string_equal(m->symbol, "UBND");
	assert_null(m->note);
	assert_string_equal(m->signer_title, "TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH");

	/* The city over its wards: both wards, the city's own name, no parent. */
	o = opts(NULL, "tp", false);
	OK(f, rpt_build(f->st, f->a, &o, &m, &f->err));
	assert_int_equal(m->index->nunits, 2);
	assert_int_equal(m->responses, 4);
	assert_string_equal(m->issuer, "ỦY BAN NHÂN DÂN THÀNH PHỐ THỬ");
	assert_string_equal(m->issuer_parent, "");
	assert_string_equal(m->place, "Thử");
	assert_int_equal(m->nrecipients, 2);
	assert_non_null(strstr(m->subtitle, "các đơn vị thuộc thành phố Thử năm 2024"));
	assert_string_equal(m->recipients[0], "Các đơn vị được khảo sát;");
}

static void test_refusals(void **state)
{
	struct fx *f = *state;
	struct rpt_opts o = opts("khong-co", NULL, false);
	struct rpt_model *m = NULL;

	assert_int_equal(rpt_build(f->st, f->a, &o, &m, &f->err), HL_ENOTFOUND);
	assert_non_null(strstr(f->err.msg, "khong-co"));
	assert_null(m);
	o = opts(NULL, "khong-co", false);
	assert_int_equal(rpt_build(f->st, f->a, &o, &m, &f->err), HL_ENOTFOUND);
	o = opts("an-binh", NULL, false);
	assert_int_equal(hl_period_parse("2030", &o.period, &f->err), HL_OK);
	assert_int_equal(rpt_build(f->st, f->a, &o, &m, &f->err), HL_EINVAL);
	assert_non_null(strstr(f->err.msg, "Năm 2030 không có phiếu khảo sát nào"));
	o = opts("an-binh", "tp", false);
	assert_int_equal(rpt_build(f->st, f->a, &o, &m, &f->err), HL_EINVAL);
	o = opts(NULL, NULL, false);
	assert_int_equal(rpt_build(f->st, f->a, &o, &m, &f->err), HL_EINVAL);
}

static char *slurp(const char *path, size_t *len)
{
	FILE *fp = fopen(path, "rb");
	char *buf;
	long n;

	if (fp == NULL)
		return NULL;
	fseek(fp, 0, SEEK_END);
	n = ftell(fp);
	rewind(fp);
	buf = calloc(1, (size_t)n + 1);
	if (buf && fread(buf, 1, (size_t)n, fp) != (size_t)n) {
		free(buf);
		buf = NULL;
	}
	fclose(fp);
	*len = (size_t)n;
	return buf;
}

static void test_csv_golden(void **state)
{
	struct fx *f = *state;
	struct rpt_opts o = opts("an-binh", NULL, true);
	struct rpt_model *m = NULL;
	char path[128];
	char *got, *want;
	size_t ng = 0, nw = 0;

	o.number = "Số: 7/BC-UBND";
	OK(f, rpt_build(f->st, f->a, &o, &m, &f->err));
	snprintf(path, sizeof(path), "%s/r.csv", f->dir);
	OK(f, rpt_render(m, RPT_CSV, path, &f->err));
	got = slurp(path, &ng);
	assert_non_null(got);
	if (getenv("HL_UPDATE_GOLDEN")) {
		FILE *out = fopen(GOLDEN, "wb");

		assert_non_null(out);
		fwrite(got, 1, ng, out);
		fclose(out);
	}
	want = slurp(GOLDEN, &nw);
	if (want == NULL)
		fail_msg("no golden file %s (run with HL_UPDATE_GOLDEN=1 once)", GOLDEN);
	if (ng != nw || memcmp(got, want, ng) != 0)
		fail_msg("CSV differs from %s; got:\n%s", GOLDEN, got);
	free(got);
	free(want);
}

/* A report that may be published quotes only the comments a clerk approved
 * (issue 10), with the responses they come from; an internal one any. */
static void test_approved_examples(void **state)
{
	struct fx *f = *state;
	struct rpt_opts pub = opts("an-binh", NULL, false), in = opts("an-binh", NULL, true);
	struct rpt_model *m = NULL;

	OK(f, STORE(f->st, reports, comment_approve, f->wait, "web:lan", 1000, &f->err));
	for (int scan = 0; scan <= 1; scan++) {
		pub.scan = in.scan = scan;
		OK(f, rpt_build(f->st, f->a, &pub, &m, &f->err));
		assert_int_equal(m->nthemes, 2);
		assert_int_equal(m->themes[0].nexamples, 0);
		assert_int_equal(m->themes[0].count, 1);
		assert_int_equal(m->themes[1].nexamples, 1);
		assert_string_equal(m->themes[1].example[0], "Chờ đợi lâu quá");
		assert_int_equal(m->themes[1].example_id[0], f->wait);
		OK(f, rpt_build(f->st, f->a, &in, &m, &f->err));
		assert_int_equal(m->themes[0].nexamples, 1);
		assert_string_equal(m->themes[0].example[0], "Thiếu hồ sơ mẫu tại bàn viết");
		assert_int_equal(m->themes[1].nexamples, 1);
	}
	OK(f, STORE(f->st, reports, comment_withdraw, f->wait, &f->err));
	OK(f, rpt_build(f->st, f->a, &pub, &m, &f->err));
	assert_int_equal(m->themes[1].nexamples, 0);
	/* Approved in another unit: not this unit's report's. */
	OK(f, STORE(f->st, reports, comment_approve, f->markup, "web:lan", 1000, &f->err));
	OK(f, rpt_build(f->st, f->a, &pub, &m, &f->err));
	assert_int_equal(m->themes[1].nexamples, 0);
	OK(f, STORE(f->st, reports, comment_withdraw, f->markup, &f->err));
}

static void test_html(void **state)
{
	struct fx *f = *state;
	struct rpt_opts o = opts(NULL, "tp", false);
	struct rpt_model *m = NULL;
	char path[128];
	char *html;
	size_t n = 0;

	/* The markup a citizen typed, approved: quoted, escaped. */
	OK(f, STORE(f->st, reports, comment_approve, f->markup, "web:lan", 1000, &f->err));
	OK(f, rpt_build(f->st, f->a, &o, &m, &f->err));
	snprintf(path, sizeof(path), "%s/r.html", f->dir);
	OK(f, rpt_render(m, RPT_HTML, path, &f->err));
	html = slurp(path, &n);
	assert_non_null(html);
	assert_non_null(strstr(html, "&lt;b&gt;Chờ đợi lâu&lt;/b&gt; &amp; &quot;khó&quot;"));
	assert_null(strstr(html, "<b>Chờ đợi lâu"));
	assert_non_null(strstr(html, "<body>\n<main>\n"));
	assert_non_null(strstr(html, "</main>\n</body>"));
	assert_non_null(strstr(html, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"));
	assert_non_null(strstr(html, "Thử, ngày 25 tháng 12 năm 2024"));
	assert_non_null(strstr(html, "Số:      /BC-UBND"));
	assert_non_null(strstr(html, "Không trả lời"));
	assert_non_null(strstr(html, "<svg"));
	assert_null(strstr(html, "Kết quả theo công chức")); /* not internal */
	/* STT for the row number, TT is a criterion; a mean row for the city. */
	assert_non_null(strstr(html, "<th>STT</th><th>Đơn vị</th>"));
	assert_null(strstr(html, "<tr><th>TT</th>"));
	assert_non_null(strstr(html, "<tr class=\"sum\"><td class=\"n\"></td><td>Bình quân</td>"));
	assert_non_null(strstr(html, "Số in đậm màu đỏ: dưới chỉ tiêu."));
	assert_non_null(strstr(html, "các đơn vị thuộc thành phố Thử năm 2024"));
	free(html);
}

/* Nothing is left when the target cannot be written: no file, no temporary. */
static void test_no_partial(void **state)
{
	struct fx *f = *state;
	struct rpt_opts o = opts("an-binh", NULL, false);
	struct rpt_model *m = NULL;
	char path[128], sub[96];
	DIR *d;
	struct dirent *e;
	int files = 0;

	OK(f, rpt_build(f->st, f->a, &o, &m, &f->err));
	snprintf(path, sizeof(path), "%s/khong-co/r.csv", f->dir);
	assert_int_equal(rpt_render(m, RPT_CSV, path, &f->err), HL_EIO);
	assert_non_null(strstr(f->err.msg, "thư mục không tồn tại"));
	/* A directory where the file should go: the rename fails, the temporary goes. */
	snprintf(sub, sizeof(sub), "%s/la-thu-muc", f->dir);
	assert_int_equal(mkdir(sub, 0755), 0);
	assert_int_equal(rpt_render(m, RPT_HTML, sub, &f->err), HL_EIO);
	d = opendir(f->dir);
	assert_non_null(d);
	while ((e = readdir(d)) != NULL)
		files += strstr(e->d_name, ".tmp-") != NULL;
	closedir(d);
	assert_int_equal(files, 0);
	rmdir(sub);
	assert_int_equal(rpt_format_of("csv"), RPT_CSV);
	assert_int_equal(rpt_format_of("html"), RPT_HTML);
	assert_int_equal(rpt_format_of("pdf"), RPT_PDF);
	assert_int_equal(rpt_format_of("xlsx"), RPT_XLSX);
	assert_int_equal(rpt_format_of("docx"), -1);
}

/* A unit merged away before the report's date: the document is issued by
 * the unit it went into, under the unit above that one, and says so; a
 * district abolished without successor: by the province above it. Runs
 * last: it changes the units. */
static void test_issuer_on_date(void **state)
{
	struct fx *f = *state;
	struct rpt_opts o = opts("an-binh", NULL, false);
	struct rpt_model *m = NULL;
	struct store_lineage l = {0};
	struct store_unit u;
	int64_t tinh, tan_an;

	tinh = unit(f, "tinh-thu", "Tỉnh Thử", "tinh", 0);
	tan_an = unit(f, "tan-an", "UBND phường Tân An", "ubnd-xa", tinh);
	OK(f, STORE(f->st, units, unit_get, "tp", &u, &f->err));
	u.parent_id = tinh;
	u.valid_to = day(2025, 6, 30);
	OK(f, STORE(f->st, units, unit_put, &u, &f->err));
	for (int i = 0; i < 2; i++) {
		OK(f, STORE(f->st, units, unit_get, i ? "binh-minh" : "an-binh", &u, &f->err));
		u.valid_to = day(2025, 6, 30);
		OK(f, STORE(f->st, units, unit_put, &u, &f->err));
		l = (struct store_lineage){tan_an, u.id, day(2025, 7, 1)};
		OK(f, STORE(f->st, units, lineage_add, &l, &f->err));
	}

	/* Dated before the merger: An Bình itself, under the city. */
	OK(f, rpt_build(f->st, f->a, &o, &m, &f->err));
	assert_string_equal(m->issuer, "ỦY BAN NHÂN DÂN PHƯỜNG AN BÌNH");
	assert_string_equal(m->issuer_parent, "UBND THÀNH PHỐ THỬ");
	assert_null(m->note);

	/* Dated 2026: Tân An issues it, under the province. */
	o.date = day(2026, 2, 5);
	OK(f, rpt_build(f->st, f->a, &o, &m, &f->err));
	assert_string_equal(m->issuer, "ỦY BAN NHÂN DÂN PHƯỜNG TÂN AN");
	assert_string_equal(m->issuer_parent, "UBND TỈNH THỬ");
	assert_string_equal(m->place, "Tân An");
	assert_string_equal(m->subtitle,
		"Kết quả khảo sát mức độ hài lòng của người dân, tổ chức "
		"đối với sự phục vụ của UBND phường An Bình (nay thuộc phường Tân An) năm 2024");
	assert_string_equal(m->note,
		"Phường An Bình đã sáp nhập vào phường Tân An từ ngày "
		"01/07/2025; UBND phường Tân An ban hành báo cáo này.");
	assert_string_equal(m->recipients[0], "UBND tỉnh Thử (b/c);");
	assert_int_equal(m->index->nunits, 1);
	assert_string_equal(m->index->units[0].unit.code, "an-binh");

	/* The city, abolished without successor: the province above it. */
	o = opts(NULL, "tp", false);
	o.date = day(2026, 2, 5);
	OK(f, rpt_build(f->st, f->a, &o, &m, &f->err));
	assert_string_equal(m->issuer, "ỦY BAN NHÂN DÂN TỈNH THỬ");
	assert_string_equal(m->issuer_parent, "");
	assert_string_equal(m->place, "Thử");
	assert_non_null(strstr(m->subtitle, "các đơn vị thuộc thành phố Thử (cũ) năm 2024"));
	assert_string_equal(m->note,
		"Thành phố Thử đã kết thúc hoạt động từ ngày 01/07/2025; "
		"UBND tỉnh Thử ban hành báo cáo này.");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_counts),
		cmocka_unit_test(test_approved_examples),
		cmocka_unit_test(test_staff),
		cmocka_unit_test(test_heading),
		cmocka_unit_test(test_refusals),
		cmocka_unit_test(test_csv_golden),
		cmocka_unit_test(test_html),
		cmocka_unit_test(test_no_partial),
		cmocka_unit_test(test_issuer_on_date),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
