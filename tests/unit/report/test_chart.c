/* test_chart.c — the chart module: SVG a strict-CSP page can inline (no
 * style=, ids prefixed), the category labels and values with a decimal comma
 * in its text alternative, target lines only when there are targets, the same
 * output for the same chart, and bad models refused. Set CHART_PNG_DIR to
 * also write PNGs to look at. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/arena.h"
#include "report/chart.h"

static const char *const crit[] = {"TC", "HC", "PV", "KQ", "TT", "SIPAS"};

static void bars(struct chart *c, bool targets)
{
	static const double v[] = {78.25, 81.5, 90.05, 88.9, 85, 84.74};
	struct chart_series *s;
	struct hl_err err;

	chart_init(c, CHART_BARS, "Tiêu chí so với chỉ tiêu – Phường Bắc Nha Trang");
	c->decimals = 2;
	s = chart_add_series(c, "Năm 2025");
	for (int i = 0; i < 6; i++) {
		assert_int_equal(chart_add_cat(c, crit[i], &err), HL_OK);
		s->value[i] = v[i];
		if (targets)
			c->target[i] = i == 5 ? 90 : 85;
	}
}

static void trend(struct chart *c)
{
	static const char *const month[] = {"T1", "T2", "T3", "T4", "T5", "T6", "T7", "T8", "T9",
		"T10", "T11", "T12"};
	struct hl_err err;

	chart_init(c, CHART_LINE, "Diễn biến theo tháng năm 2025");
	for (int m = 0; m < 12; m++)
		assert_int_equal(chart_add_cat(c, month[m], &err), HL_OK);
	for (int k = 0; k < 6; k++) {
		struct chart_series *s = chart_add_series(c, crit[5 - k]);

		assert_non_null(s);
		for (int m = 0; m < 9; m++) /* no data after September */
			s->value[m] = 75 + k * 2 + m * 1.1 + (m % 3) * 0.7;
	}
	c->target_all = 90;
}

static void maybe_png(const struct chart *c, const char *name)
{
	const char *dir = getenv("CHART_PNG_DIR");
	char path[512];
	struct hl_err err;

	if (dir == NULL)
		return;
	snprintf(path, sizeof(path), "%s/%s.png", dir, name);
	assert_int_equal(chart_png(c, path, 2, &err), HL_OK);
}

static char *svg_of(const struct chart *c, const char *id, struct hl_arena *a)
{
	struct hl_err err;
	char *svg = NULL;
	size_t len = 0;

	assert_int_equal(chart_svg(c, id, a, &svg, &len, &err), HL_OK);
	assert_non_null(svg);
	assert_int_equal(strlen(svg), len);
	return svg;
}

static void test_bars_svg(void **state)
{
	struct hl_arena *a = hl_arena_new(16 << 20);
	struct chart c;
	char *with, *without;

	(void)state;
	bars(&c, true);
	maybe_png(&c, "bars");
	with = svg_of(&c, "c1", a);
	bars(&c, false);
	without = svg_of(&c, "c1", a);

	/* One element to inline: no XML prolog, no style attribute anywhere. */
	assert_true(strncmp(with, "<svg ", 5) == 0);
	assert_null(strstr(with, "<?xml"));
	assert_null(strstr(with, "style="));
	assert_non_null(strstr(with, "role=\"img\""));
	/* Ids and references carry the prefix. */
	assert_non_null(strstr(with, "id=\"c1-glyph"));
	assert_non_null(strstr(with, "href=\"#c1-glyph"));
	assert_null(strstr(with, "id=\"glyph"));
	/* The labels, the values with a decimal comma, the targets. */
	assert_non_null(strstr(with,
		"<title id=\"c1-t\">Tiêu chí so với chỉ tiêu – Phường Bắc Nha Trang</title>"));
	for (int i = 0; i < 6; i++)
		assert_non_null(strstr(with, crit[i]));
	assert_non_null(strstr(with, "TC 78,25; HC 81,50"));
	assert_non_null(strstr(with, "SIPAS 84,74"));
	assert_non_null(strstr(with, "Chỉ tiêu: TC 85,00"));
	assert_non_null(strstr(with, "SIPAS 90,00"));
	/* Target lines are the only dashed strokes, in the target's red. */
	assert_non_null(strstr(with, "stroke-dasharray=\"6,4\""));
	assert_null(strstr(without, "stroke-dasharray"));
	assert_null(strstr(without, "Chỉ tiêu"));
	hl_arena_free(a);
}

static void test_line_svg(void **state)
{
	struct hl_arena *a = hl_arena_new(16 << 20);
	struct chart c;
	char *svg, *again;

	(void)state;
	trend(&c);
	maybe_png(&c, "trend");
	svg = svg_of(&c, "trend", a);
	assert_non_null(strstr(svg, "T1 "));
	assert_non_null(strstr(svg, "T12 –"));
	assert_non_null(strstr(svg, "Chỉ tiêu chung: 90,0."));
	assert_non_null(strstr(svg, "stroke-dasharray"));
	assert_null(strstr(svg, "style="));
	/* Same chart, same bytes: no time stamps, no global counters. */
	again = svg_of(&c, "trend", a);
	assert_string_equal(svg, again);
	hl_arena_free(a);
}

static void test_escaped_and_empty(void **state)
{
	struct hl_arena *a = hl_arena_new(16 << 20);
	struct chart c;
	struct hl_err err;
	char *svg;

	(void)state;
	chart_init(&c, CHART_BARS, "<script>alert(1)</script> & \"x\"");
	assert_int_equal(chart_add_cat(&c, "<b>", &err), HL_OK);
	assert_non_null(chart_add_series(&c, "Ý kiến"));
	maybe_png(&c, "empty");
	svg = svg_of(&c, "e", a);
	assert_null(strstr(svg, "<script>"));
	assert_null(strstr(svg, "<b>"));
	assert_non_null(strstr(svg, "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;x&quot;"));
	assert_non_null(strstr(svg, "&lt;b&gt; –"));
	hl_arena_free(a);
}

static void test_refused(void **state)
{
	struct hl_arena *a = hl_arena_new(1 << 20);
	struct chart c;
	struct hl_err err;
	char *svg = NULL;
	size_t len;

	(void)state;
	bars(&c, true);
	assert_int_equal(chart_svg(&c, "bad id", a, &svg, &len, &err), HL_EINVAL);
	assert_int_equal(chart_svg(&c, "x\"y", a, &svg, &len, &err), HL_EINVAL);
	c.series[0].value[2] = 100.5;
	assert_int_equal(chart_svg(&c, "c", a, &svg, &len, &err), HL_EINVAL);
	assert_null(svg);
	bars(&c, true);
	c.target[0] = -1;
	assert_int_equal(chart_svg(&c, "c", a, &svg, &len, &err), HL_EINVAL);
	chart_init(&c, CHART_LINE, "trống");
	assert_int_equal(chart_svg(&c, "c", a, &svg, &len, &err), HL_EINVAL); /* no category */
	bars(&c, false);
	c.cat[1] = "\xc3\x28";
	assert_int_equal(chart_svg(&c, "c", a, &svg, &len, &err), HL_EINVAL);
	for (int i = c.nseries; i < CHART_MAX_SERIES; i++)
		assert_non_null(chart_add_series(&c, "x"));
	assert_null(chart_add_series(&c, "one too many"));
	for (int i = c.ncat; i < CHART_MAX_CATS; i++)
		assert_int_equal(chart_add_cat(&c, "x", &err), HL_OK);
	assert_int_equal(chart_add_cat(&c, "x", &err), HL_ELIMIT);
	hl_arena_free(a);
}

static void test_png(void **state)
{
	struct chart c;
	struct hl_err err;
	char path[] = "/tmp/hl-chart-XXXXXX";
	int fd = mkstemp(path);
	FILE *f;
	unsigned char sig[8];

	(void)state;
	assert_true(fd >= 0);
	close(fd);
	trend(&c);
	assert_int_equal(chart_png(&c, path, 1, &err), HL_OK);
	f = fopen(path, "rb");
	assert_non_null(f);
	assert_int_equal(fread(sig, 1, 8, f), 8);
	fclose(f);
	unlink(path);
	assert_memory_equal(sig, "\x89PNG\r\n\x1a\n", 8);
	assert_int_equal(chart_png(&c, "/nonexistent-dir/x.png", 1, &err), HL_EIO);
}

/* cairo and fontconfig keep caches for the process: release them so the
 * leak checker sees only what the chart module might lose. */
static int teardown(void **state)
{
	(void)state;
	chart_cleanup();
	return 0;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_bars_svg),
		cmocka_unit_test(test_line_svg),
		cmocka_unit_test(test_escaped_and_empty),
		cmocka_unit_test(test_refused),
		cmocka_unit_test(test_png),
	};

	return cmocka_run_group_tests(tests, NULL, teardown);
}
