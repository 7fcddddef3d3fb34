/* test_receipt.c — one-time survey links: the checks on dossier codes,
 * feedback text and base URLs, the token and its hash, and the QR code's SVG
 * drawing exactly the modules libqrencode computed. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <qrencode.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "io/html.h"
#include "io/qr.h"
#include "base/token.h"
#include "svc/receipt.h"

static void test_dossier(void **state)
{
	struct hl_err err;
	char long_code[80];

	(void)state;
	assert_int_equal(receipt_check_dossier("HS-2025-0042", "dossier", &err), HL_OK);
	assert_int_equal(receipt_check_dossier("Hồ sơ 01", "dossier", &err), HL_OK);
	assert_int_equal(receipt_check_dossier("", "dossier", &err), HL_EINVAL);
	assert_int_equal(receipt_check_dossier(NULL, "dossier", &err), HL_EINVAL);
	assert_int_equal(receipt_check_dossier("HS\n1", "dossier", &err), HL_EINVAL);
	assert_int_equal(receipt_check_dossier("HS\xff", "dossier", &err), HL_EINVAL);
	memset(long_code, 'x', sizeof(long_code) - 1);
	long_code[sizeof(long_code) - 1] = '\0';
	assert_int_equal(receipt_check_dossier(long_code, "dossier", &err), HL_EINVAL);
	long_code[STORE_CODE_MAX - 1] = '\0';
	assert_int_equal(receipt_check_dossier(long_code, "dossier", &err), HL_OK);
}

static void test_feedback(void **state)
{
	struct hl_err err;

	(void)state;
	assert_int_equal(receipt_check_feedback("Đường dây nóng: 0258\n3 000 000", &err), HL_OK);
	assert_int_equal(receipt_check_feedback("", &err), HL_EINVAL);
	assert_int_equal(receipt_check_feedback("a\tb", &err), HL_EINVAL);
	unsetenv("HAILONG_FEEDBACK");
	assert_string_equal(receipt_feedback(), RECEIPT_FEEDBACK_DEFAULT);
	setenv("HAILONG_FEEDBACK", "Gọi 1022", 1);
	assert_string_equal(receipt_feedback(), "Gọi 1022");
	setenv("HAILONG_FEEDBACK", "bad\x01", 1);
	assert_string_equal(receipt_feedback(), RECEIPT_FEEDBACK_DEFAULT);
	unsetenv("HAILONG_FEEDBACK");
}

static void test_url(void **state)
{
	struct hl_err err;
	char buf[RECEIPT_URL_MAX], small[24];

	(void)state;
	assert_int_equal(receipt_url("http://127.0.0.1:8080", "TOK", buf, sizeof(buf), &err),
		HL_OK);
	assert_string_equal(buf, "http://127.0.0.1:8080/s/TOK");
	assert_int_equal(receipt_url("https://dvc.example.vn/hailong/", "TOK", buf, sizeof(buf),
				 &err),
		HL_OK);
	assert_string_equal(buf, "https://dvc.example.vn/hailong/s/TOK");
	assert_int_equal(receipt_url("ftp://x", "TOK", buf, sizeof(buf), &err), HL_EINVAL);
	assert_int_equal(receipt_url("http://", "TOK", buf, sizeof(buf), &err), HL_EINVAL);
	assert_int_equal(receipt_url("http://a b", "TOK", buf, sizeof(buf), &err), HL_EINVAL);
	assert_int_equal(receipt_url("http://a\"><script>", "TOK", buf, sizeof(buf), &err),
		HL_EINVAL);
	assert_int_equal(receipt_url("http://a/?x=1", "TOK", buf, sizeof(buf), &err), HL_EINVAL);
	assert_int_equal(receipt_url(NULL, "TOK", buf, sizeof(buf), &err), HL_EINVAL);
	assert_int_equal(receipt_url("http://a-very-long-host:1", "TOK", small, sizeof(small),
				 &err),
		HL_EINVAL);
}

static void test_prepare(void **state)
{
	struct receipt_new a, b;
	unsigned char h[STORE_HASH_LEN];
	struct hl_err err;

	(void)state;
	assert_int_equal(receipt_prepare("HS-1", 7, 1700000000, &a, &err), HL_OK);
	assert_int_equal(receipt_prepare("HS-1", 7, 1700000000, &b, &err), HL_OK);
	assert_int_equal(strlen(a.token), 43);
	assert_true(token_wellformed(a.token));
	assert_string_not_equal(a.token, b.token);
	token_hash(a.token, h);
	assert_memory_equal(h, a.rec.token_hash, STORE_HASH_LEN);
	assert_memory_not_equal(a.rec.token_hash, b.rec.token_hash, STORE_HASH_LEN);
	assert_string_equal(a.rec.dossier, "HS-1");
	assert_int_equal(a.rec.unit_id, 7);
	assert_int_equal(a.rec.created_at, 1700000000);
	assert_int_equal(a.rec.used_at, 0);
	assert_int_equal(receipt_prepare("", 7, 0, &a, &err), HL_EINVAL);
	assert_false(token_wellformed("short"));
	assert_false(token_wellformed("has/slash-and-is-long-enough"));
	assert_false(token_wellformed(NULL));
}

/* Paint the SVG path's runs ("Mx yhNv1h-Nz") on a grid and compare it with
 * libqrencode's own modules. */
static void test_qr(void **state)
{
	const char *text = "https://dvc.example.vn/s/AbC-123_xyz";
	struct hl_arena *a = hl_arena_new(1 << 20);
	struct hbuf b;
	struct hl_err err;
	QRcode *q = QRcode_encodeString8bit(text, 0, QR_ECLEVEL_M);
	int size = q->width + 8, painted = 0, dark = 0;
	unsigned char *grid = calloc((size_t)size * (size_t)size, 1);
	const char *p;

	(void)state;
	hb_init(&b, a, 1 << 20);
	assert_int_equal(qr_svg(&b, text, "Mã <QR>", &err), HL_OK);
	assert_non_null(strstr(b.s, "aria-label=\"Mã &lt;QR&gt;\""));
	assert_null(strstr(b.s, "style="));
	p = strstr(b.s, " d=\"");
	assert_non_null(p);
	p += 4;
	while (*p == 'M') {
		int x, y, n, used;

		assert_int_equal(sscanf(p, "M%d %dh%dv1h-%*dz%n", &x, &y, &n, &used), 3);
		for (int i = 0; i < n; i++) {
			assert_true(x + i < size && y < size);
			grid[y * size + x + i]++;
		}
		p += used;
	}
	assert_int_equal(*p, '"');
	for (int y = 0; y < size; y++) {
		for (int x = 0; x < size; x++) {
			int inside = x >= 4 && y >= 4 && x < size - 4 && y < size - 4;
			int want = inside && (q->data[(y - 4) * q->width + (x - 4)] & 1);

			assert_int_equal(grid[y * size + x], want);
			painted += grid[y * size + x];
			dark += want;
		}
	}
	assert_int_equal(painted, dark);
	assert_true(dark > 100);
	assert_int_equal(qr_svg(&b, "", NULL, &err), HL_EINVAL);
	free(grid);
	QRcode_free(q);
	hl_arena_free(a);
}

static void test_slip(void **state)
{
	struct hl_arena *a = hl_arena_new(1 << 20);
	struct receipt_slip s = {"http://h/s/T", "HS-<1>", "UBND \"A\"", "Gọi & hỏi", 0, NULL,
		NULL};
	struct hbuf b;
	struct hl_err err;

	(void)state;
	hb_init(&b, a, 1 << 20);
	assert_int_equal(receipt_slip_html(&b, &s, &err), HL_OK);
	assert_non_null(strstr(b.s, "HS-&lt;1&gt;"));
	assert_non_null(strstr(b.s, "UBND &quot;A&quot;"));
	assert_non_null(strstr(b.s, "Gọi &amp; hỏi"));
	assert_non_null(strstr(b.s, "http://h/s/T"));
	assert_non_null(strstr(b.s, "01/01/1970"));
	assert_null(strstr(b.s, "<1>"));
	assert_null(strstr(b.s, "Thủ tục"));
	/* an imported dossier's procedure and field */
	s.procedure = "Đăng ký <khai sinh>";
	s.field = "Hộ tịch";
	hb_init(&b, a, 1 << 20);
	assert_int_equal(receipt_slip_html(&b, &s, &err), HL_OK);
	assert_non_null(strstr(b.s, "Thủ tục: Đăng ký &lt;khai sinh&gt; (lĩnh vực Hộ tịch)"));
	hl_arena_free(a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_dossier),
		cmocka_unit_test(test_feedback),
		cmocka_unit_test(test_url),
		cmocka_unit_test(test_prepare),
		cmocka_unit_test(test_qr),
		cmocka_unit_test(test_slip),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
