/* html.h — building HTML safely: every piece of text goes through a helper
 * named for its context; markup written by hand is hb_raw, rare and easy to
 * grep for. No HTTP here: svc builds HTML fragments (receipts, QR) with it;
 * the page layout is http/page.h. */
#ifndef HL_HTML_H
#define HL_HTML_H

#include <stdarg.h>
#include <stddef.h>

struct hl_arena;

/* A growable text buffer in an arena, with a cap. */
struct hbuf {
	struct hl_arena *a;
	char *s;
	size_t len, cap, max;
	int failed; /* set when the cap or memory ran out */
};

/* Start an empty buffer in arena a that never grows past max bytes. */
void hb_init(struct hbuf *b, struct hl_arena *a, size_t max);

/* n bytes as they are (a request's body): a byte buffer, never markup. */
void hb_bytes(struct hbuf *b, const char *s, size_t n);

/* Markup written by hailong itself — never text that came from outside. */
void hb_raw(struct hbuf *b, const char *s);

/* Text, escaped for HTML element content and attribute values (& < > " '). */
void hb_txt(struct hbuf *b, const char *s);

/* Text s, escaped as hb_txt does, between hailong's own markup open and
 * close: "<dt>Người mở</dt><dd>", s, "</dd>". */
void hb_txt_in(struct hbuf *b, const char *open, const char *s, const char *close);

/* A URL path segment or query value, percent-encoded. */
void hb_url(struct hbuf *b, const char *s);

/* What another buffer holds (built with these helpers, so safe as it is). */
void hb_append(struct hbuf *b, const struct hbuf *src);

/* An SVG drawing made by report/chart.h's chart_svg (which escapes its
 * text): written when it is one <svg> element with no script, else nothing
 * and the buffer fails. */
void hb_svg(struct hbuf *b, const char *svg);

/* The text of a <style> element (hailong's own stylesheet): written when
 * it cannot close the element ("</" nowhere), else nothing and the buffer
 * fails. */
void hb_style(struct hbuf *b, const char *css);

/* printf of hailong's own numbers and codes — never outside text. */
void hb_printf(struct hbuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* A table cell <td>text</td> (escaped) for each text of cells, a list that
 * ends with NULL. */
void hb_tds(struct hbuf *b, const char *const *cells);

/* A hidden form input: name is hailong's own, value is escaped (NULL = empty). */
void hb_hidden(struct hbuf *b, const char *name, const char *value);

/* hb_hidden of each name and value in pairs, a list that ends with NULL. */
void hb_hiddens(struct hbuf *b, const char *const *pairs);

/* hb_date_input's flags. */
enum { HB_REQUIRED = 1, HB_INVALID = 2 /* aria-invalid, and the cursor there */ };

/* A day box that takes and shows dd/mm/yyyy whatever the browser's locale
 * (a text input, never type=date, whose format follows the browser): value
 * as typed or hl_day_vn's, describedby (may be NULL) the ids of its help or
 * error. The server reads it with hl_day_parse_vn (core/date.h). */
void hb_date_input(struct hbuf *b, const char *name, const char *value, unsigned flags,
	const char *describedby);

#endif
