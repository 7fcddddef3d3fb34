/* page.h — the layout shared by every page (the HTML buffer and escaping are
 * io/html.h, the request http/http.h: both included here). */
#ifndef HL_PAGE_H
#define HL_PAGE_H

#include "http/http.h"
#include "io/html.h"

/* Page layout: doctype, head with title and the stylesheet, the top bar with
 * the unit and user and the menu for their role, then <main>. */
void page_begin(struct hbuf *b, struct http_req *r, const char *title);

/* hb_init of b in r's arena, at most max bytes, then page_begin. */
void page_start(struct hbuf *b, struct http_req *r, size_t max, const char *title);

/* Close <main>, the footer, the document. */
void page_end(struct hbuf *b);

/* page_end, then send the page in b with status (http_send_html). */
int page_send(struct http_req *r, int status, struct hbuf *b);

/* page_send with 200, or the status of e's code when e (may be NULL) failed. */
struct hl_err;
int page_send_for(struct http_req *r, struct hbuf *b, const struct hl_err *e);

/* A hidden input with the session's CSRF token, for every form. */
void hb_csrf(struct hbuf *b, struct http_req *r);

/* <form class="cls" method="post" action="action"> (cls NULL = none; both
 * hailong's own) and its CSRF field. */
void page_form(struct hbuf *b, struct http_req *r, const char *cls, const char *action);

/* The start of a table in a scrolling box: <table class="cls"> (NULL =
 * none), the header row's cells head (both hailong's own markup), the body
 * opened. */
void page_table(struct hbuf *b, const char *cls, const char *head);

/* message (NULL = none) at the top of a page: a status below 400 says it
 * is done (role=status), else what went wrong (role=alert). */
void page_message(struct hbuf *b, int status, const char *message);

/* A success message by the ?ok= key of r in list (its last key NULL): never
 * text taken from the URL; NULL when none (list's own text). */
struct page_ok {
	const char *key, *text;
};
const char *page_ok_text(struct http_req *r, const struct page_ok *list);

/* The banner under a page's title: e's message when e (may be NULL) failed,
 * else ok (NULL = none). */
struct hl_err;
void page_flash(struct hbuf *b, const struct hl_err *e, const char *ok);

/* page_message of what went wrong (message NULL = none). */
void page_error(struct hbuf *b, const char *message);

/* base (NULL = none: a path) + "/public/feedback/track?code=…&token=…", the
 * tracking page of a feedback item, for its receipt page and the API; in
 * r->a, NULL when out of memory. */
const char *page_track_url(struct http_req *r, const char *base, const char *code,
	const char *token);

#endif
