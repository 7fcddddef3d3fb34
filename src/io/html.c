/* html.c — an HTML buffer and escaping by context. */
#include "io/html.h"

#include <stdio.h>
#include <string.h>

#include "base/arena.h"
#include "base/err.h"

void hb_init(struct hbuf *b, struct hl_arena *a, size_t max)
{
	memset(b, 0, sizeof(*b));
	b->a = a;
	b->max = max;
}

static void put(struct hbuf *b, const char *s, size_t n)
{
	size_t need = b->len + n + 1;

	if (b->failed)
		return;
	/* Arena memory is not freed one piece at a time: the old buffer
	 * stays until the request ends, which a doubling keeps small. */
	if (need > b->max ||
		hl_arena_grow(b->a, &b->s, b->len, &b->cap, need < 4096 ? 4096 : need, 1) !=
			HL_OK) {
		b->failed = 1;
		return;
	}
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
}

void hb_bytes(struct hbuf *b, const char *s, size_t n)
{
	put(b, s, n);
}

void hb_raw(struct hbuf *b, const char *s)
{
	put(b, s, strlen(s));
}

void hb_append(struct hbuf *b, const struct hbuf *src)
{
	if (src->failed)
		b->failed = 1;
	else if (src->s != NULL)
		put(b, src->s, src->len);
}

void hb_svg(struct hbuf *b, const char *svg)
{
	size_t n = svg != NULL ? strlen(svg) : 0, end = n;

	while (end > 0 && (svg[end - 1] == '\n' || svg[end - 1] == ' '))
		end--;
	if (end < 11 || strncmp(svg, "<svg", 4) != 0 || strncmp(svg + end - 6, "</svg>", 6) != 0 ||
		strstr(svg, "<script") != NULL || strstr(svg, "<foreignObject") != NULL) {
		b->failed = 1;
		return;
	}
	put(b, svg, n);
}

void hb_style(struct hbuf *b, const char *css)
{
	if (css == NULL || strstr(css, "</") != NULL) {
		b->failed = 1;
		return;
	}
	put(b, css, strlen(css));
}

void hb_txt(struct hbuf *b, const char *s)
{
	const char *start = s;

	for (; s && *s; s++) {
		const char *rep = NULL;

		switch (*s) {
		case '&': rep = "&amp;"; break;
		case '<': rep = "&lt;"; break;
		case '>': rep = "&gt;"; break;
		case '"': rep = "&quot;"; break;
		case '\'': rep = "&#39;"; break;
		default: continue;
		}
		put(b, start, (size_t)(s - start));
		put(b, rep, strlen(rep));
		start = s + 1;
	}
	if (start)
		put(b, start, strlen(start));
}

void hb_hidden(struct hbuf *b, const char *name, const char *value)
{
	hb_raw(b, "<input type=\"hidden\" name=\"");
	hb_raw(b, name);
	hb_raw(b, "\" value=\"");
	hb_txt(b, value);
	hb_raw(b, "\">");
}

void hb_hiddens(struct hbuf *b, const char *const *pairs)
{
	for (; pairs[0] != NULL; pairs += 2)
		hb_hidden(b, pairs[0], pairs[1]);
}

void hb_tds(struct hbuf *b, const char *const *cells)
{
	for (; *cells != NULL; cells++) {
		hb_raw(b, "<td>");
		hb_txt(b, *cells);
		hb_raw(b, "</td>");
	}
}

void hb_txt_in(struct hbuf *b, const char *open, const char *s, const char *close)
{
	hb_raw(b, open);
	hb_txt(b, s);
	hb_raw(b, close);
}

void hb_url(struct hbuf *b, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";

	for (; s && *s; s++) {
		unsigned char c = (unsigned char)*s;
		char enc[3];

		if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
			c == '-' || c == '_' || c == '.' || c == '~') {
			put(b, (const char *)&c, 1);
			continue;
		}
		enc[0] = '%';
		enc[1] = hex[c >> 4];
		enc[2] = hex[c & 15];
		put(b, enc, 3);
	}
}

void hb_printf(struct hbuf *b, const char *fmt, ...)
{
	char small[256];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(small, sizeof(small), fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	if ((size_t)n < sizeof(small)) {
		put(b, small, (size_t)n);
		return;
	}
	{
		char *big = hl_arena_alloc(b->a, (size_t)n + 1);

		if (big == NULL) {
			b->failed = 1;
			return;
		}
		va_start(ap, fmt);
		vsnprintf(big, (size_t)n + 1, fmt, ap);
		va_end(ap);
		put(b, big, (size_t)n);
	}
}

void hb_date_input(struct hbuf *b, const char *name, const char *value, unsigned flags,
	const char *describedby)
{
	/* what hl_day_parse_vn reads: d/m/yyyy (or - .), ddmmyyyy, yyyy-mm-dd */
	hb_raw(b, "<input name=\"");
	hb_txt(b, name);
	hb_raw(b,
		"\" placeholder=\"dd/mm/yyyy\" inputmode=\"numeric\" autocomplete=\"off\" "
		"maxlength=\"12\" pattern=\"\\s*(\\d{1,2}[\\/.\\-]\\d{1,2}[\\/.\\-]\\d{4}|\\d{8}|"
		"\\d{4}-\\d{2}-\\d{2})\\s*\" title=\"Ngày/tháng/năm, ví dụ 03/12/2026\"");
	if (flags & HB_REQUIRED)
		hb_raw(b, " required");
	if (flags & HB_INVALID)
		hb_raw(b, " autofocus aria-invalid=\"true\"");
	if (describedby != NULL) {
		hb_raw(b, " aria-describedby=\"");
		hb_txt(b, describedby);
		hb_raw(b, "\"");
	}
	hb_raw(b, " value=\"");
	hb_txt(b, value != NULL ? value : "");
	hb_raw(b, "\">");
}
