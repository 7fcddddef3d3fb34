/* test_feedback.c — the stored steps of feedback as people read them
 * (svc/feedback.h fb_step_text); the state machine is tested in
 * tests/unit/core/test_fbflow.c. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "base/arena.h"
#include "svc/feedback.h"

/* Each stored step (name, detail) and what a person reads (label, detail). */
static void test_step_text(void **state)
{
	static const char *const cases[][4] = {
		{"received", "counter", "Tiếp nhận", "Trực tiếp tại bộ phận tiếp nhận"},
		{"received", "web", "Tiếp nhận", "Trang thông tin điện tử"},
		{"classified", "hanh-vi, tiêu chí PV, pakn", "Phân loại",
			"Hành vi hành chính của cơ quan, cán bộ, công chức, tiêu chí PV, "
			"Phản ánh, kiến nghị"},
		{"classified", "khong-tiep-nhan, khieu-nai", "Phân loại",
			"Không tiếp nhận, Khiếu nại"},
		{"forwarded", "TTPVHCC", "Chuyển xử lý", "Trung tâm phục vụ hành chính công"},
		{"forwarded", "VP", "Chuyển xử lý", "Văn phòng riêng của phường"},
		{"forwarded", "KHAC", "Chuyển xử lý", "KHAC"},
		{"answered", "số 12", "Trả lời", "văn bản số 12"},
		{"published", "", "Công khai", ""},
		{"closed", "satisfied", "Đóng", "người gửi hài lòng"},
		{"reopened", "unsatisfied", "Mở lại", "người gửi chưa hài lòng"},
		{"reopened-by-clerk", "lý do", "reopened-by-clerk", "lý do"},
	};
	/* as fb_offices lists them: the unit's own VP before the built-in one */
	const struct store_fb_office o[] = {
		{.code = "TTPVHCC", .name = "Trung tâm phục vụ hành chính công"},
		{.code = "VP", .name = "Văn phòng riêng của phường", .unit_id = 7},
		{.code = "VP", .name = "Văn phòng HĐND và UBND"},
	};
	struct hl_arena *a = hl_arena_new(1 << 20);

	(void)state;
	assert_non_null(a);
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct store_fb_step s = {0};
		const char *label, *detail;

		snprintf(s.step, sizeof(s.step), "%s", cases[i][0]);
		snprintf(s.detail, sizeof(s.detail), "%s", cases[i][1]);
		fb_step_text(&s, o, 3, a, &label, &detail);
		assert_string_equal(label, cases[i][2]);
		assert_string_equal(detail, cases[i][3]);
	}
	hl_arena_free(a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_step_text),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
