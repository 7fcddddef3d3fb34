/* pick.h — what pages share to let a person pick rather than type a code:
 * the caller as svc/units.h's actor, the units it acts on in the order
 * people read them, and a <select> of them by name. Private to src/web/. */
#ifndef HL_WEB_PICK_H
#define HL_WEB_PICK_H

#include <stddef.h>

#include "http/page.h"
#include "svc/units.h"

/* The caller of r as an actor for the services (who = "web:NAME"). */
struct scope_actor web_actor(struct http_req *r);

/* The units the caller acts on (scope_units), in the order people read them;
 * *out owned by r->a. */
int web_units(struct http_req *r, struct store_unit **out, size_t *n, struct hl_err *err);

/* u[0..n) in the order people read units on every page: by type (the
 * built-in types' order), then by name in Vietnamese alphabetical order, as
 * the documents list them (svc/order.h). */
void web_sort_units(struct store_unit *u, size_t n);

/* The units of an index result in that order. */
struct iq_result;
void web_sort_index(struct iq_result *res);

/* A <select name="name"> of u[0..n) by name (values their codes), the one
 * whose code is selected chosen; none (may be NULL) a first option with the
 * value "" and that label. The caller writes the <label> around it. */
void web_unit_select(struct hbuf *b, const char *name, const struct store_unit *u, size_t n,
	const char *selected, const char *none);

/* The <option>s of web_unit_select (u[0..n), selected's chosen), for a
 * <select> the caller opens with its own attributes. */
void web_unit_options(struct hbuf *b, const struct store_unit *u, size_t n, const char *selected);

/* Chart c as SVG (ids prefixed by id) in a <figure class="chart">, or a
 * line saying why it could not be drawn. */
struct chart;
void web_chart(struct hbuf *b, struct http_req *r, const struct chart *c, const char *id);

#endif
