/* test_html.c — HTML escaping by context (io/html.h, http/page.h): element content and
 * attribute values (hb_txt), URL parts (hb_url), the day box, the CSRF
 * field and the hidden inputs (whose values are escaped), the page layout (title and user name
 * escaped, the menu by role), the trusted fragments (a chart, the
 * stylesheet, another buffer) and the buffer's cap. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "base/arena.h"
#include "http/page.h"

struct fx {
	struct hl_arena *a;
	struct hbuf b;
};

static int setup(void **state)
{
	static struct fx f;

	f.a = hl_arena_new((size_t)4 << 20);
	if (f.a == NULL)
		return -1;
	hb_init(&f.b, f.a, (size_t)1 << 20);
	*state = &f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;

	hl_arena_free(f->a);
	return 0;
}

/* Element content and attribute values: the five characters that end a
 * text or a quoted value, and nothing else (Vietnamese passes as it is). */
static void test_txt(void **state)
{
	struct fx *f = *state;

	hb_txt(&f->b, "<script>alert('x')</script> & \"Đà Nẵng\"");
	assert_string_equal(f->b.s,
		"&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; "
		"&quot;Đà Nẵng&quot;");
	hb_init(&f->b, f->a, 65536);
	hb_txt(&f->b, NULL);
	hb_txt(&f->b, "");
	assert_int_equal(f->b.len, 0);
	hb_txt(&f->b, "&amp;"); /* already escaped text is escaped again: it is text */
	assert_string_equal(f->b.s, "&amp;amp;");
	assert_false(f->b.failed);
}

/* A URL part: only the unreserved characters stay; '/', '?', '&', '#', '%',
 * spaces, quotes and every byte of UTF-8 are percent-encoded. */
static void test_url(void **state)
{
	struct fx *f = *state;

	hb_url(&f->b, "a-Z_0.9~ /?&=#%\"'<Đ");
	assert_string_equal(f->b.s, "a-Z_0.9~%20%2F%3F%26%3D%23%25%22%27%3C%C4%90");
	hb_init(&f->b, f->a, 65536);
	hb_url(&f->b, "javascript:alert(1)");
	assert_string_equal(f->b.s, "javascript%3Aalert%281%29");
}

/* The day box and the CSRF field escape what they put in attributes. */
static void test_inputs(void **state)
{
	struct fx *f = *state;
	struct http_req r = {0};

	hb_date_input(&f->b, "from\"x", "1/2/2026\" onfocus=\"x", HB_REQUIRED | HB_INVALID,
		"help\"><b>");
	assert_non_null(strstr(f->b.s, "name=\"from&quot;x\""));
	assert_non_null(strstr(f->b.s, "value=\"1/2/2026&quot; onfocus=&quot;x\""));
	assert_non_null(strstr(f->b.s, "aria-describedby=\"help&quot;&gt;&lt;b&gt;\""));
	assert_non_null(strstr(f->b.s, " required"));
	assert_non_null(strstr(f->b.s, "aria-invalid=\"true\""));
	assert_null(strstr(f->b.s, "type=\"date\""));
	hb_init(&f->b, f->a, 65536);
	hb_date_input(&f->b, "d", NULL, 0, NULL);
	assert_non_null(strstr(f->b.s, "value=\"\">"));
	assert_null(strstr(f->b.s, "required"));
	assert_null(strstr(f->b.s, "aria-describedby"));

	hb_init(&f->b, f->a, 65536);
	snprintf(r.sess.csrf, sizeof(r.sess.csrf), "%s", "a\"b<c");
	hb_csrf(&f->b, &r);
	assert_string_equal(f->b.s,
		"<input type=\"hidden\" name=\"csrf\" value=\"a&quot;b&lt;c\">");

	/* a list of hidden inputs: values escaped, NULL written empty */
	hb_init(&f->b, f->a, 65536);
	hb_hiddens(&f->b, (const char *const[]){"unit", "a&b", "number", NULL, NULL});
	assert_string_equal(f->b.s,
		"<input type=\"hidden\" name=\"unit\" value=\"a&amp;b\">"
		"<input type=\"hidden\" name=\"number\" value=\"\">");

	/* table cells, each escaped */
	hb_init(&f->b, f->a, 65536);
	hb_tds(&f->b, (const char *const[]){"a<b", "", NULL});
	assert_string_equal(f->b.s, "<td>a&lt;b</td><td></td>");

	/* a form: its class when given, then the CSRF field */
	hb_init(&f->b, f->a, 65536);
	page_form(&f->b, &r, "admin", "/admin/units");
	page_form(&f->b, &r, NULL, "/kiosks");
	page_table(&f->b, "list", "<th>Mã</th>");
	assert_string_equal(f->b.s,
		"<form class=\"admin\" method=\"post\" action=\"/admin/units\">"
		"<input type=\"hidden\" name=\"csrf\" value=\"a&quot;b&lt;c\">"
		"<form method=\"post\" action=\"/kiosks\">"
		"<input type=\"hidden\" name=\"csrf\" value=\"a&quot;b&lt;c\">"
		"<div class=\"scroll\"><table class=\"list\"><thead><tr><th>Mã</th></tr></thead>"
		"<tbody>");
}

/* The banner under a title: the error when there is one, else the success. */
static void test_flash(void **state)
{
	struct fx *f = *state;
	struct hl_err e = {0};

	page_flash(&f->b, NULL, NULL);
	page_flash(&f->b, &e, "Đã <lưu>.");
	hl_err_set(&e, HL_EINVAL, "x", "sai \"x\"");
	page_flash(&f->b, &e, "Đã lưu.");
	assert_string_equal(f->b.s,
		"<p class=\"flash\" role=\"status\">Đã &lt;lưu&gt;.</p>"
		"<p class=\"flash error\" role=\"alert\">sai &quot;x&quot;</p>");
}

/* The layout: the title and the user's name are text; the menu follows the role. */
static void test_page(void **state)
{
	struct fx *f = *state;
	struct http_req r = {.a = f->a, .role = ROLE_NONE};

	page_begin(&f->b, &r, "<Báo cáo>");
	assert_non_null(strstr(f->b.s, "<title>&lt;Báo cáo&gt; – hailong</title>"));
	assert_null(strstr(f->b.s, "<nav"));
	page_end(&f->b);
	assert_non_null(strstr(f->b.s, "</main><footer>"));

	hb_init(&f->b, f->a, (size_t)1 << 20);
	r.role = ROLE_ENTRY;
	snprintf(r.user.name, sizeof(r.user.name), "%s", "<img src=x onerror=alert(1)>");
	page_begin(&f->b, &r, "t");
	assert_non_null(strstr(f->b.s, "&lt;img src=x onerror=alert(1)&gt;"));
	assert_null(strstr(f->b.s, "<img"));
	assert_non_null(strstr(f->b.s, "href=\"/paper\""));
	assert_null(strstr(f->b.s, "href=\"/admin\"")); /* a clerk's and up */
	assert_non_null(strstr(f->b.s, "name=\"csrf\""));

	hb_init(&f->b, f->a, (size_t)1 << 20);
	r.role = ROLE_ADMIN;
	page_begin(&f->b, &r, "t");
	assert_non_null(strstr(f->b.s, "href=\"/admin\""));
}

/* The trusted fragments: a chart's SVG, the stylesheet, another buffer,
 * each refused (nothing written, the buffer failed) when it could break out. */
static void test_fragments(void **state)
{
	struct fx *f = *state;
	struct hbuf other;

	hb_svg(&f->b, "<svg viewBox=\"0 0 1 1\"><title>a &amp; b</title></svg>\n");
	assert_string_equal(f->b.s, "<svg viewBox=\"0 0 1 1\"><title>a &amp; b</title></svg>\n");
	hb_style(&f->b, "p { color: red }");
	hb_init(&other, f->a, 65536);
	hb_txt(&other, "<x>");
	hb_append(&f->b, &other);
	assert_non_null(strstr(f->b.s, "p { color: red }&lt;x&gt;"));
	assert_false(f->b.failed);
	hb_svg(&f->b, "<svg><script>alert(1)</script></svg>");
	assert_true(f->b.failed);
	hb_init(&f->b, f->a, 65536);
	hb_svg(&f->b, "<p>not a drawing</p>");
	assert_true(f->b.failed);
	hb_init(&f->b, f->a, 65536);
	hb_style(&f->b, "p{}</style><script>x</script>");
	assert_true(f->b.failed);
	assert_null(f->b.s);
}

/* Past its cap the buffer fails and stays failed; hb_printf writes long text whole. */
static void test_cap(void **state)
{
	struct fx *f = *state;
	char big[600];

	memset(big, 'x', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	hb_printf(&f->b, "%s|%d", big, 42);
	assert_int_equal(f->b.len, sizeof(big) - 1 + 3);
	assert_string_equal(f->b.s + sizeof(big) - 1, "|42");

	hb_init(&f->b, f->a, 8192);
	for (int i = 0; i < 20; i++)
		hb_raw(&f->b, big);
	assert_true(f->b.failed);
	assert_true(f->b.len <= 8192);
	hb_raw(&f->b, "y");
	assert_null(strchr(f->b.s, 'y'));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_txt, setup, teardown),
		cmocka_unit_test_setup_teardown(test_url, setup, teardown),
		cmocka_unit_test_setup_teardown(test_inputs, setup, teardown),
		cmocka_unit_test_setup_teardown(test_flash, setup, teardown),
		cmocka_unit_test_setup_teardown(test_page, setup, teardown),
		cmocka_unit_test_setup_teardown(test_fragments, setup, teardown),
		cmocka_unit_test_setup_teardown(test_cap, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
