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
#include "core/trackcode.h"
#include "base/token.h"
#include "svc/feedback.h"

#define AT 29000000 /* minutes: 2025-02-18 */

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

	OK(f, STORE(f->st, feedback, fb_item_list, &flt, f->a, &list, &n, &f->err));
	return n;
}

static void test_resend(void **state)
{
	struct fx *f = *state;
	struct fb_new in = {.unit = "VT",
		.channel = FB_WEB,
		.received_at = AT,
		.text = "Máy lấy số hỏng",
		.name = "Lan",
		.contact = "0901",
		.id = "k-1"};
	char code[STORE_CODE_MAX], code2[STORE_CODE_MAX], tok[FB_TOKEN_SIZE], tok2[FB_TOKEN_SIZE];
	struct fb_item it;

	OK(f, fb_add(f->st, &in, "web:cong-dan", code, tok, &f->err));
	/* a resend a minute later (received_at is the server's: not content) */
	in.received_at = AT + 1;
	OK(f, fb_add(f->st, &in, "web:cong-dan", code2, tok2, &f->err));
	assert_string_equal(code2, code);
	assert_string_equal(tok2, tok);
	assert_int_equal(items(f, f->unit), 1);
	OK(f, fb_track(f->st, NULL, code, tok, AT + 2, f->a, &it, &f->err));
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

/* The short tracking code (issue 12): 10 symbols of the alphabet grouped
 * 4-4-2; found with the item's code beside it (any case, with or without
 * dashes and spaces, or both in one string), never alone nor with another
 * item's code; an item from before keeps its long token, enough alone. */
static void test_short_code(void **state)
{
	struct fx *f = *state;
	struct fb_new in = {.unit = "VT",
		.channel = FB_WEB,
		.received_at = AT,
		.text = "Phòng chờ nóng",
		.contact = "0901"};
	char code[STORE_CODE_MAX], code2[STORE_CODE_MAX], tok[FB_TOKEN_SIZE], tok2[FB_TOKEN_SIZE];
	char plain[HL_TCODE_SIZE], lower[32], both[128], spaced[32];
	struct store_fb_item old = {.unit_id = 0,
		.channel = FB_COUNTER,
		.kind = FB_PAKN,
		.state = 1,
		.received_at = AT};
	const char *long_tok = "AAAABBBBccccDDDDeeeeFFFF0000111122223333xyz";
	struct fb_item it;

	OK(f, fb_add(f->st, &in, "web:cong-dan", code, tok, &f->err));
	assert_int_equal(strlen(tok), 12);
	assert_true(tok[4] == '-' && tok[9] == '-');
	OK(f, hl_tcode_parse(tok, plain, &f->err));
	for (int i = 0; i < HL_TCODE_LEN; i++)
		assert_non_null(strchr(hl_tcode_alphabet, plain[i]));
	OK(f, fb_track(f->st, NULL, code, tok, AT, f->a, &it, &f->err));
	assert_string_equal(it.it.code, code);
	OK(f, fb_track(f->st, NULL, code, plain, AT, f->a, &it, &f->err));
	for (size_t i = 0; i <= strlen(tok); i++)
		lower[i] = (char)(tok[i] >= 'A' && tok[i] <= 'Z' ? tok[i] + 32 : tok[i]);
	snprintf(spaced, sizeof(spaced), " %.4s %.4s %.2s ", plain, plain + 4, plain + 8);
	OK(f, fb_track(f->st, NULL, code, lower, AT, f->a, &it, &f->err));
	OK(f, fb_track(f->st, NULL, code, spaced, AT, f->a, &it, &f->err));
	snprintf(both, sizeof(both), "  %s   %s", code, lower);
	OK(f, fb_track(f->st, NULL, "", both, AT, f->a, &it, &f->err));
	assert_string_equal(it.it.code, code);
	snprintf(both, sizeof(both), " %s ", code);
	for (char *p = both; *p; p++)
		*p = (char)(*p >= 'A' && *p <= 'Z' ? *p + 32 : *p);
	OK(f, fb_track(f->st, NULL, both, tok, AT, f->a, &it, &f->err));

	/* alone: asked for the item's code; with another item's code: unknown */
	assert_int_equal(fb_track(f->st, NULL, NULL, tok, AT, f->a, &it, &f->err), HL_EINVAL);
	assert_string_equal(f->err.where, "code");
	in.text = "Thiếu ghế";
	OK(f, fb_add(f->st, &in, "web:cong-dan", code2, tok2, &f->err));
	assert_string_not_equal(tok2, tok);
	assert_int_equal(fb_track(f->st, NULL, code2, tok, AT, f->a, &it, &f->err), HL_ENOTFOUND);
	assert_int_equal(fb_track(f->st, NULL, code, tok2, AT, f->a, &it, &f->err), HL_ENOTFOUND);
	/* a look-alike typed: the message says so */
	snprintf(both, sizeof(both), "%.11sO", tok);
	assert_int_equal(fb_track(f->st, NULL, code, both, AT, f->a, &it, &f->err), HL_ENOTFOUND);
	assert_non_null(strstr(f->err.msg, "không có chữ O"));

	/* an item from before: its long token alone, or with its own code */
	old.unit_id = f->unit;
	snprintf(old.code, sizeof(old.code), "PA-VT-20250101-0009");
	token_hash(long_tok, old.token_hash);
	OK(f, STORE(f->st, feedback, fb_item_put, &old, "Cũ", &f->err));
	OK(f, fb_track(f->st, NULL, NULL, long_tok, AT, f->a, &it, &f->err));
	assert_string_equal(it.it.code, "PA-VT-20250101-0009");
	OK(f, fb_track(f->st, NULL, "pa-vt-20250101-0009", long_tok, AT, f->a, &it, &f->err));
	assert_int_equal(fb_track(f->st, NULL, code, long_tok, AT, f->a, &it, &f->err),
		HL_ENOTFOUND);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_resend, setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_short_code, setup, fx_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
