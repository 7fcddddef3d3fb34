/* test_themes.c — comment themes: the demo's comments (seed 003's list)
 * land where a clerk would put them, with or without diacritics, in any
 * case, and a negation turns a keyword off. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "svc/themes.h"

#define B(t) (1u << (t))

struct tcase {
	const char *comment;
	unsigned want;
};

static const struct tcase cases[] = {
	{"Thiếu hồ sơ mẫu tại bàn viết hồ sơ", B(TH_FORMS)},
	{"Chờ đợi lâu, đề nghị bổ sung thêm nhân viên tiếp nhận hồ sơ", B(TH_WAIT)},
	{"Ghế ngồi chờ không đủ vào giờ cao điểm", B(TH_PREMISES) | B(TH_WAIT)},
	{"Máy lấy số thứ tự hay bị lỗi, phải \"chen\" nhau", B(TH_PREMISES)},
	{"Phải bổ sung hồ sơ nhiều lần", B(TH_RESUBMIT)},
	{"Bổ sung hồ sơ nhiều lần mà mỗi lần hướng dẫn một khác", B(TH_RESUBMIT) | B(TH_INFO)},
	{"Niêm yết thủ tục chưa rõ, khó tra cứu", B(TH_INFO)},
	{"Thủ tục đất đai còn phức tạp, khó thực hiện", B(TH_OTHER)},
	{"Công chức khó chịu khi người dân hỏi thông tin", B(TH_ATTITUDE)},
	{"Công chức không chủ động cung cấp thêm thông tin", B(TH_INFO)},
	{"Hướng dẫn chưa rõ ràng, phải hỏi lại nhiều lần", B(TH_INFO)},
	{"Hồ sơ trễ hẹn, không được thông báo trước", B(TH_WAIT) | B(TH_INFO)},
	{"Hẹn trả kết quả lâu so với quy định", B(TH_WAIT)},
	{"Không biết gửi phản ánh, kiến nghị ở đâu", B(TH_INFO)},
	{"Chờ khám lâu, nên có số thứ tự", B(TH_WAIT)},
	{"Phòng chờ tiêm chật, trẻ em đông", B(TH_PREMISES)},
	{"Cán bộ nhiệt tình, hướng dẫn rất chu đáo", B(TH_PRAISE)},
	{"Thủ tục nhanh gọn, trả kết quả đúng hẹn", B(TH_PRAISE)},
	{"Rất hài lòng, cảm ơn bộ phận một cửa!", B(TH_PRAISE)},
	{"Nộp hồ sơ trực tuyến thuận tiện, \"không phải đi lại nhiều lần\"", B(TH_PRAISE)},
	{"Hài lòng.\nĐề nghị bố trí thêm chỗ để xe máy.", B(TH_PRAISE) | B(TH_PREMISES)},
	{"Trạm sạch sẽ, khám nhanh", B(TH_PRAISE)},
	/* Case, no diacritics, and decomposed (NFD) text. */
	{"CHỜ ĐỢI LÂU QUÁ", B(TH_WAIT)},
	{"cho doi lau qua", B(TH_WAIT)},
	{"thai do nhan vien khong tot", B(TH_ATTITUDE)},
	{"Can bo NHIET TINH, cam on", B(TH_PRAISE)},
	{"thieu ho so mau", B(TH_FORMS)},
	{"Cho\xcc\x9b\xcc\x80 \xc4\x91o\xcc\x9b\xcc\xa3i", B(TH_WAIT)}, /* "Chờ đợi" in NFD */
	/* Negations. */
	{"Không phải chờ lâu", 0 | B(TH_OTHER)},
	{"Không hài lòng", B(TH_OTHER)},
	{"Cán bộ thiếu nhiệt tình", B(TH_ATTITUDE)},
	{"cần tốt hơn nữa", B(TH_OTHER)},
	/* Whole words only: "lâu" is not in "lâuđài", "nhanh" not in "nhanhh". */
	{"xyz nhanhh", B(TH_OTHER)},
	/* "cham" without diacritics may be "chăm": no guess. */
	{"nhan vien cham chi", B(TH_OTHER)},
	{"", 0},
	{"  ,. ", 0},
};

static void test_cases(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct hl_err err;
		unsigned got = 99;

		assert_int_equal(themes_of(cases[i].comment, &got, &err), HL_OK);
		if (got != cases[i].want)
			fail_msg("'%s': themes %#x, expected %#x", cases[i].comment, got,
				cases[i].want);
	}
}

static void test_names(void **state)
{
	(void)state;
	assert_string_equal(theme_name(TH_FORMS), "Thiếu hồ sơ mẫu");
	assert_string_equal(theme_name(TH_WAIT), "Chờ đợi lâu");
	assert_string_equal(theme_name(TH_RESUBMIT), "Bổ sung hồ sơ nhiều lần");
	assert_string_equal(theme_name(TH_ATTITUDE), "Thái độ công chức");
	assert_string_equal(theme_name(TH_INFO), "Thiếu thông tin, hướng dẫn");
	assert_string_equal(theme_name(TH_PREMISES), "Cơ sở vật chất");
	assert_string_equal(theme_name(TH_PRAISE), "Khen ngợi");
	assert_string_equal(theme_name(TH_OTHER), "Khác");
	assert_null(theme_name(THEME_COUNT));
	assert_null(theme_name(-1));
}

static void test_bad(void **state)
{
	struct hl_err err;
	unsigned m = 7;

	(void)state;
	assert_int_equal(themes_of("ch\xe1\xbb", &m, &err), HL_EINVAL);
	assert_int_equal(m, 0);
	assert_int_equal(themes_of(NULL, &m, &err), HL_EINVAL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cases),
		cmocka_unit_test(test_names),
		cmocka_unit_test(test_bad),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
