/* test_news.c — the news item (report/news.h) from a model filled by hand:
 * its sentences (SIPAS and its change, the target, the rank, the criteria
 * below target with the plan's tasks, feedback, how to give one's opinion),
 * what it says when the survey's margins cannot support a change or a rank,
 * the HTML's escaping, the spoken text's numbers in words, and the WAV file
 * (RIFF/WAVE, PCM, not silent); a model of several units is refused. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "base/mem.h"
#include "report/news.h"

struct fixture {
	struct hl_arena *a;
	struct rpt_model m;
	struct iq_result ix;
	struct iq_unit unit;
	struct rpt_below below[2];
	struct rpt_feedback fb;
	struct store_unit subject;
};

static const char *const crit_code[] = {"TC", "HC", "PV", "KQ", "TT", "SIPAS"};
static const char *const crit_name[] = {"Tiếp cận dịch vụ", "Thủ tục hành chính",
	"Sự phục vụ của công chức", "Kết quả, tiến độ giải quyết công việc",
	"Tiếp nhận, xử lý thông tin phản hồi", "Chỉ số hài lòng chung"};
static const double value[] = {82.58, 88.27, 92.05, 89.22, 92.38, 88.90};
static const char *tasks[] = {"Bổ sung hồ sơ mẫu tại bàn viết.", "Niêm yết thủ tục bằng mã QR",
	"Cung cấp thông tin qua nhiều hình thức, bao gồm:\n- Bộ hồ sơ mẫu;\n- Đường dây nóng."};
static const char *status[] = {"Đang thực hiện", "Hoàn thành", "Chưa bắt đầu"};

static int setup(void **state)
{
	struct fixture *f = hl_calloc(1, sizeof(*f));
	struct rpt_model *m;
	struct iq_unit *u;

	assert_non_null(f);
	f->a = hl_arena_new(4 << 20);
	assert_non_null(f->a);
	m = &f->m;
	assert_int_equal(hl_period_parse("2025-Q3", &m->o.period, NULL), HL_OK);
	m->o.unit = "vinh-tho";
	snprintf(m->period_label, sizeof(m->period_label), "Quý III/2025");
	f->subject.id = 7;
	snprintf(f->subject.name, sizeof(f->subject.name), "UBND Phường Vĩnh Thọ");
	m->subject = &f->subject;
	f->ix.ncrit = 5;
	for (int k = 0; k < 6; k++) {
		f->ix.crit_code[k] = crit_code[k];
		f->ix.crit_name[k] = crit_name[k];
	}
	u = &f->unit;
	u->unit = f->subject;
	for (int k = 0; k < 6; k++) {
		struct hl_idx_cell *c = &u->idx.cell[k];

		c->cur.valid = true;
		c->cur.value = value[k];
		c->has_target = true;
		c->target = 85;
		c->met = value[k] >= 85;
	}
	u->idx.cell[5].has_change = true;
	u->idx.cell[5].change = 3.28;
	u->idx.cell[5].change_supported = true;
	u->idx.cell[5].rank = 4;
	u->idx.cell[5].of = 9;
	u->idx.cell[5].rank_supported = true;
	f->ix.nunits = 1;
	f->ix.units = u;
	m->index = &f->ix;
	m->responses = 4511;
	f->below[0] = (struct rpt_below){.unit = f->subject.name,
		.criterion = "TC",
		.criterion_name = crit_name[0],
		.value = 82.58,
		.target = 85,
		.ntasks = 2,
		.tasks = tasks,
		.status = status,
		.plan_year = 2025};
	f->below[1] = (struct rpt_below){.unit = f->subject.name,
		.criterion = "SIPAS",
		.criterion_name = crit_name[5],
		.value = 88.9,
		.target = 90};
	m->below = f->below;
	m->nbelow = 2;
	f->fb = (struct rpt_feedback){.unit = f->subject.name, .received = 12, .answered = 10};
	m->feedback = &f->fb;
	m->nfeedback = 1;
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;

	hl_arena_free(f->a);
	hl_free(f);
	return 0;
}

/* The whole item as text. */
static const char *text_of(struct fixture *f)
{
	struct news n;
	const char *s;

	assert_int_equal(news_compose(&f->m, f->a, &n, NULL), HL_OK);
	s = hl_arena_printf(f->a, "%s\n", n.title);
	for (int i = 0; i < n.npar; i++)
		s = hl_arena_printf(f->a, "%s%s\n", s, n.par[i]);
	return s;
}

static void has(const char *s, const char *want)
{
	if (strstr(s, want) == NULL)
		fail_msg("the news lacks \"%s\":\n%s", want, s);
}

static void test_sentences(void **state)
{
	struct fixture *f = *state;
	const char *s = text_of(f);

	has(s,
		"Quý III/2025: chỉ số hài lòng của người dân đối với UBND phường Vĩnh Thọ đạt "
		"88,90 %\n");
	has(s,
		"Theo kết quả khảo sát 4 511 phiếu ý kiến của người dân, tổ chức đến giải quyết "
		"thủ tục hành chính trong quý III/2025, chỉ số hài lòng về sự phục vụ hành chính "
		"(SIPAS) của UBND phường Vĩnh Thọ đạt 88,90 %, tăng 3,28 điểm phần trăm so với "
		"cùng kỳ năm trước.");
	has(s, "Kết quả này đạt chỉ tiêu 85,00 % đề ra cho năm 2025.");
	has(s, "Đơn vị xếp thứ 4 trong số 9 đơn vị cùng loại.");
	/* SIPAS itself is not repeated as a criterion below target */
	has(s,
		"Còn 1 tiêu chí chưa đạt chỉ tiêu: “Tiếp cận dịch vụ” (82,58 %, chỉ tiêu 85,00 %). "
		"Để cải thiện tiêu chí “Tiếp cận dịch vụ”, kế hoạch năm 2025 của đơn vị có 2 "
		"nhiệm vụ (1 hoàn thành, 1 đang thực hiện): bổ sung hồ sơ mẫu tại bàn viết; niêm "
		"yết thủ tục bằng mã QR.\n");
	has(s,
		"Trong kỳ, đơn vị đã tiếp nhận 12 phản ánh, kiến nghị của người dân, tổ chức và "
		"đã trả lời 10.");
	has(s,
		"Người dân, tổ chức có thể tiếp tục góp ý về chất lượng phục vụ của UBND phường "
		"Vĩnh Thọ qua máy khảo sát");
	assert_null(strstr(s, "sai số"));
}

static void test_margins(void **state)
{
	struct fixture *f = *state;
	struct hl_idx_cell *c = &f->unit.idx.cell[5];
	const char *s;

	c->change = -1.5;
	c->change_supported = false;
	c->rank_supported = false;
	c->met = false;
	c->target = 90;
	f->below[0].ntasks = 3; /* the long one is counted, not quoted */
	f->m.nfeedback = 0;
	s = text_of(f);
	has(s,
		"kế hoạch năm 2025 của đơn vị có 3 nhiệm vụ (1 hoàn thành, 1 đang thực hiện, 1 "
		"chưa bắt đầu), trong đó có: bổ sung hồ sơ mẫu tại bàn viết; niêm yết thủ tục "
		"bằng mã QR.");
	assert_null(strstr(s, "Bộ hồ sơ mẫu"));
	f->below[0].ntasks = 0;
	s = text_of(f);
	has(s,
		"đạt 88,90 %, giảm 1,50 điểm phần trăm so với cùng kỳ năm trước (mức thay đổi này "
		"còn nằm trong sai số của khảo sát).");
	has(s, "Kết quả này chưa đạt chỉ tiêu 90,00 % đề ra cho năm 2025.");
	has(s,
		"Đơn vị xếp thứ 4 trong số 9 đơn vị cùng loại, tuy khoảng cách với các đơn vị "
		"liền kề còn nằm trong sai số của khảo sát.");
	has(s,
		"Kế hoạch cải thiện của UBND phường Vĩnh Thọ chưa có nhiệm vụ cho tiêu chí “Tiếp "
		"cận dịch vụ”.");
	assert_null(strstr(s, "phản ánh, kiến nghị của người dân, tổ chức và"));
	/* every criterion met */
	f->m.nbelow = 0;
	has(text_of(f), "Tất cả các tiêu chí đều đạt chỉ tiêu đề ra.");
}

static void test_refused(void **state)
{
	struct fixture *f = *state;
	struct news n;
	struct hl_err err = {0};

	f->m.o.unit = NULL; /* a supervising office's report */
	assert_int_equal(news_compose(&f->m, f->a, &n, &err), HL_EINVAL);
	assert_non_null(strstr(err.msg, "--unit"));
	assert_int_equal(news_format_of("wav"), NEWS_WAV);
	assert_int_equal(news_format_of("mp3"), -1);
}

/* news_write of f into memory. */
static char *written(struct fixture *f, enum news_format fmt, size_t *len)
{
	char *buf = NULL;
	FILE *fp = open_memstream(&buf, len);

	assert_non_null(fp);
	assert_int_equal(news_write(&f->m, fmt, fp, f->a, NULL), HL_OK);
	assert_int_equal(fclose(fp), 0);
	return buf;
}

static void test_html(void **state)
{
	struct fixture *f = *state;
	size_t len;
	char *h;

	snprintf(f->subject.name, sizeof(f->subject.name), "UBND phường <b>Vĩnh & Thọ</b>");
	f->below[0].unit = f->below[1].unit = f->fb.unit = f->subject.name;
	f->unit.unit = f->subject;
	h = written(f, NEWS_HTML, &len);
	assert_non_null(strstr(h, "<html lang=\"vi\">"));
	assert_non_null(strstr(h,
		"<h1>Quý III/2025: chỉ số hài lòng của người dân đối với UBND "
		"phường &lt;b&gt;Vĩnh &amp; Thọ&lt;/b&gt; đạt 88,90 %</h1>"));
	assert_null(strstr(h, "<b>"));
	free(h);
}

static void test_spoken(void **state)
{
	struct fixture *f = *state;
	struct news n;
	const char *s;

	assert_int_equal(news_compose(&f->m, f->a, &n, NULL), HL_OK);
	s = news_spoken(&n, f->a);
	assert_non_null(s);
	has(s,
		"Quý ba năm hai nghìn không trăm hai mươi lăm: chỉ số hài lòng của người dân đối "
		"với Ủy ban nhân dân phường Vĩnh Thọ đạt tám mươi tám phẩy chín mươi phần trăm.\n");
	has(s, "khảo sát bốn nghìn năm trăm mười một phiếu");
	has(s, "tăng ba phẩy hai mươi tám điểm phần trăm");
	has(s, "xếp thứ bốn trong số chín đơn vị");
	assert_null(strstr(s, "SIPAS"));
	assert_null(strpbrk(s, "0123456789%"));
}

static uint32_t le32(const unsigned char *p)
{
	return p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static void test_wav(void **state)
{
	struct fixture *f = *state;
	size_t len, loud = 0;
	unsigned char *w = (unsigned char *)written(f, NEWS_WAV, &len);
	uint32_t data;

	assert_true(len > 44 + 22050 * 2 * 10); /* more than ten seconds */
	assert_memory_equal(w, "RIFF", 4);
	assert_int_equal(le32(w + 4), len - 8);
	assert_memory_equal(w + 8, "WAVEfmt ", 8);
	assert_int_equal(w[20] | w[21] << 8, 1);  /* PCM */
	assert_int_equal(w[22] | w[23] << 8, 1);  /* mono */
	assert_int_equal(w[34] | w[35] << 8, 16); /* bits */
	assert_memory_equal(w + 36, "data", 4);
	data = le32(w + 40);
	assert_int_equal(data, len - 44);
	for (size_t i = 44; i + 1 < len; i += 2) {
		int16_t s = (int16_t)(w[i] | w[i + 1] << 8);

		loud += s > 2000 || s < -2000;
	}
	assert_true(loud > data / 2 / 50); /* speech, not silence */
	free(w);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_sentences, setup, teardown),
		cmocka_unit_test_setup_teardown(test_margins, setup, teardown),
		cmocka_unit_test_setup_teardown(test_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(test_html, setup, teardown),
		cmocka_unit_test_setup_teardown(test_spoken, setup, teardown),
		cmocka_unit_test_setup_teardown(test_wav, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
