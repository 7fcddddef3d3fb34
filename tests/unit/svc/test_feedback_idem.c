/* test_feedback_idem.c — a feedback item sent with an idempotency key
 * (svc/feedback.h fb_add): a resend with the same content is the same item
 * with the same working tracking token, never a second item; other content
 * under the key is a conflict; the key is the unit's. */
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

#define AT 29000000               /* minutes: 2025-02-18 */

static int setup(void **state)
{
	struct fx *f = fx_open();

	if (f == NULL)
		return -1;
	*state = f;
	f->unit = fx_unit(f, "VT", "Phường Vĩnh Thọ", 0);
	f->unit2 = fx_unit(f, "VH", "Phường Vĩnh Hải", 0);
	return 0;
}

/* Items of unit_id stored. */
static size_t items(struct fx *f, int64_t unit_id)
{
	struct store_fb_filter flt = {.unit_id = unit_id, .from = -1, .to = -1};
	struct store_fb_item *list = NULL;
	size_t n = 0;

	OK(f, STORE(f->st, fb_item_list, &flt, f->a, &list, &n, &f->err));
	return n;
}

static void test_resend(void **state)
{
	struct fx *f = *state;
	struct fb_new in = {.unit = "VT", .channel = FB_WEB, .received_at = AT,
		.text = "Máy lấy số hỏng", .name = "Lan", .contact = "0901", .id = "k-1"};
	char code[STORE_CODE_MAX], code2[STORE_CODE_MAX], tok[FB_TOKEN_SIZE], tok2[FB_TOKEN_SIZE];
	struct fb_item it;

	OK(f, fb_add(f->st, &in, "web:cong-dan", code, tok, &f->err));
	/* a resend a minute later (received_at is the server's: not content) */
	in.received_at = AT + 1;
	OK(f, fb_add(f->st, &in, "web:cong-dan", code2, tok2, &f->err));
	assert_string_equal(code2, code);
	assert_string_equal(tok2, tok);
	assert_int_equal(items(f, f->unit), 1);
	OK(f, fb_track(f->st, NULL, tok, AT + 2, f->a, &it, &f->err));
	assert_string_equal(it.it.code, code);
	assert_int_equal(it.it.received_at, AT);
	/* without a token asked for (staff): the same item */
	OK(f, fb_add(f->st, &in, "web:lan", code2, NULL, &f->err));
	assert_string_equal(code2, code);

	/* other content under the key: refused, nothing added */
	in.text = "Máy lấy số hỏng rồi";
	assert_int_equal(fb_add(f->st, &in, "web:cong-dan", code2, tok2, &f->err), HL_ECONFLICT);
	assert_string_equal(f->err.where, "id");
	assert_non_null(strstr(f->err.msg, "'k-1'"));
	in.text = "Máy lấy số hỏng";
	in.contact = NULL;
	assert_int_equal(fb_add(f->st, &in, "web:cong-dan", code2, tok2, &f->err), HL_ECONFLICT);
	in.contact = "0901";
	in.received_at = AT + 5;
	in.at_given = true;
	assert_int_equal(fb_add(f->st, &in, "web:cong-dan", code2, tok2, &f->err), HL_ECONFLICT);
	in.at_given = false;
	assert_int_equal(items(f, f->unit), 1);

	/* the key in another unit: that unit's first item under it */
	in.unit = "VH";
	OK(f, fb_add(f->st, &in, "web:cong-dan", code2, tok2, &f->err));
	assert_string_not_equal(code2, code);
	assert_string_not_equal(tok2, tok);
	assert_int_equal(items(f, f->unit2), 1);
	/* another key: another item, another token */
	in.unit = "VT";
	in.id = "k-2";
	OK(f, fb_add(f->st, &in, "web:cong-dan", code2, tok2, &f->err));
	assert_string_not_equal(code2, code);
	assert_string_not_equal(tok2, tok);
	assert_int_equal(items(f, f->unit), 2);
	/* a key with a control character is refused */
	in.id = "k\0333";
	assert_int_equal(fb_add(f->st, &in, "web:cong-dan", code2, tok2, &f->err), HL_EINVAL);
	assert_string_equal(f->err.where, "id");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_resend, setup, fx_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
