/* test_feedback_reopen.c — a clerk reopens a feedback item closed by
 * mistake (svc/feedback.h fb_reopen): only a closed item, only with a
 * reason, which goes into its steps and the audit log; an item closed as
 * not accepted is classified again, one closed by the sender's rating owes
 * a new answer; nothing changes on a refusal. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../store/store_fixture.h"
#include "svc/feedback.h"

#define AT 29000000 /* minutes: 2025-02-18 */

static int setup(void **state)
{
	struct fx *f = fx_open();

	if (f == NULL)
		return -1;
	*state = f;
	f->unit = fx_unit(f, "VT", "Phường Vĩnh Thọ", 0);
	return 0;
}

static struct fb_item get(struct fx *f, const char *code)
{
	struct fb_item it;

	OK(f, fb_get(f->st, NULL, code, AT + 100, f->a, &it, &f->err));
	return it;
}

/* The newest audit line holds every one of the NULL-ended words. */
static void audited(struct fx *f, const char *first, ...)
{
	char **lines = NULL;
	size_t n = 0;
	va_list ap;

	OK(f, STORE(f->st, admin, audit_list, 1, f->a, &lines, &n, &f->err));
	assert_int_equal(n, 1);
	va_start(ap, first);
	for (const char *w = first; w != NULL; w = va_arg(ap, const char *))
		if (strstr(lines[0], w) == NULL)
			fail_msg("audit line '%s' lacks '%s'", lines[0], w);
	va_end(ap);
}

static void test_not_accepted(void **state)
{
	struct fx *f = *state;
	struct fb_new in = {.unit = "VT",
		.channel = FB_COUNTER,
		.received_at = AT,
		.text = "Đề nghị lắp thêm quạt ở phòng chờ"};
	char code[STORE_CODE_MAX];
	struct store_fb_step *steps = NULL;
	struct fb_item it;
	size_t n = 0;

	OK(f, fb_add(f->st, &in, "cli:test", code, NULL, &f->err));
	/* open: nothing to reopen */
	assert_int_equal(fb_reopen(f->st, code, 0, "nhầm", AT + 1, "web:lan", &f->err),
		HL_ECONFLICT);
	assert_non_null(strstr(f->err.msg, "chưa đóng"));
	OK(f, fb_classify(f->st, code, 0, FB_NOT_ACCEPTED, NULL, 0, AT + 10, "web:lan", &f->err));
	it = get(f, code);
	assert_int_equal(it.it.state, FB_CLOSED);
	assert_int_equal(it.step, FB_DO_NOTHING);
	assert_true(fb_may_reopen(it.it.state));

	/* a reason is required, and short */
	assert_int_equal(fb_reopen(f->st, code, 0, "", AT + 20, "web:lan", &f->err), HL_EINVAL);
	assert_int_equal(fb_reopen(f->st, code, 0, "   ", AT + 20, "web:lan", &f->err), HL_EINVAL);
	assert_int_equal(fb_reopen(f->st, code, 0, NULL, AT + 20, "web:lan", &f->err), HL_EINVAL);
	{
		char longer[FB_REASON_MAX_CHARS + 2];

		memset(longer, 'a', sizeof(longer) - 1);
		longer[sizeof(longer) - 1] = '\0';
		assert_int_equal(fb_reopen(f->st, code, 0, longer, AT + 20, "web:lan", &f->err),
			HL_ELIMIT);
	}
	assert_int_equal(get(f, code).it.state, FB_CLOSED);

	OK(f,
		fb_reopen(f->st, code, 0, "Phân loại nhầm: thuộc thẩm quyền", AT + 20, "web:lan",
			&f->err));
	audited(f, "web:lan", "feedback.reopened", code, "Phân loại nhầm: thuộc thẩm quyền", NULL);
	it = get(f, code);
	assert_int_equal(it.it.state, FB_RECEIVED);
	assert_int_equal(it.step, FB_DO_CLASSIFY);
	assert_int_equal(it.it.cls, FB_CLASS_NONE);
	assert_int_equal(it.it.classified_at, -1);
	assert_int_equal(it.it.closed_at, -1);
	OK(f, fb_steps(f->st, code, f->a, &steps, &n, &f->err));
	assert_int_equal(n, 3);
	assert_string_equal(steps[2].step, "reopened");
	assert_string_equal(steps[2].who, "web:lan");
	assert_string_equal(steps[2].detail, "Phân loại nhầm: thuộc thẩm quyền");
	assert_int_equal(steps[2].at, AT + 20);
	/* classified again, now as it should have been */
	OK(f, fb_classify(f->st, code, 0, FB_RULE_IN, "TT", 0, AT + 30, "web:lan", &f->err));
	assert_int_equal(get(f, code).step, FB_DO_FORWARD);
	/* not before the step that closed it */
	OK(f, fb_classify(f->st, code, 0, FB_NOT_ACCEPTED, NULL, 0, AT + 40, "web:lan", &f->err));
	assert_int_equal(fb_reopen(f->st, code, 0, "nhầm", AT + 35, "web:lan", &f->err), HL_EINVAL);
}

static void test_after_rating(void **state)
{
	struct fx *f = *state;
	struct fb_new in = {.unit = "VT",
		.channel = FB_HOTLINE,
		.received_at = AT,
		.text = "Chờ lâu ở quầy đất đai"};
	char code[STORE_CODE_MAX];
	struct fb_item it;

	OK(f, fb_add(f->st, &in, "cli:test", code, NULL, &f->err));
	OK(f, fb_classify(f->st, code, 0, FB_CONDUCT, "PV", 0, AT + 1, "cli:test", &f->err));
	OK(f, fb_forward(f->st, code, 0, "TTPVHCC", AT + 2, "cli:test", &f->err));
	OK(f, fb_answer(f->st, code, 0, "Đã bố trí thêm người.", 0, AT + 3, "cli:test", &f->err));
	OK(f, fb_publish(f->st, code, 0, AT + 4, "cli:test", &f->err));
	OK(f, fb_rate(f->st, code, 0, true, AT + 5, "web:cong-dan", &f->err));
	assert_int_equal(get(f, code).it.state, FB_CLOSED);
	OK(f,
		fb_reopen(f->st, code, 0, "Người gửi gọi lại: vẫn chờ lâu", AT + 6, "web:lan",
			&f->err));
	it = get(f, code);
	assert_int_equal(it.it.state, FB_REOPENED);
	assert_int_equal(it.step, FB_DO_ANSWER);
	assert_int_equal(it.it.cls, FB_CONDUCT);
	assert_int_equal(it.it.reopened, 1);
	assert_int_equal(it.it.reopened_at, AT + 6);
	assert_int_equal(it.it.closed_at, -1);
	assert_int_equal(fb_reopen(f->st, code, 0, "lại", AT + 7, "web:lan", &f->err),
		HL_ECONFLICT);
	assert_int_equal(fb_reopen(f->st, "PA-KHONG-CO", 0, "x", AT + 7, "web:lan", &f->err),
		HL_ENOTFOUND);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_not_accepted, setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_after_rating, setup, fx_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
