/* pick.c — the caller as an actor, its units for people, a unit <select>
 * (pick.h). */
#include "web/pick.h"

#include <stdlib.h>
#include <string.h>

#include "http/scope.h"
#include "report/chart.h"
#include "svc/order.h"
#include "svc/indexq.h"
#include "web/admin.h"

struct scope_actor web_actor(struct http_req *r)
{
	struct scope_actor by = scope_of(r);

	by.who = admin_who(r);
	return by;
}

int web_units(struct http_req *r, struct store_unit **out, size_t *n, struct hl_err *err)
{
	struct scope_actor by = web_actor(r);
	int rc = scope_units(r->st, r->a, &by, out, n, err);

	if (rc == HL_OK)
		web_sort_units(*out, *n);
	return rc;
}

/* Type, then name; the code keeps equal names apart. */
static int cmp_units(const struct store_unit *a, const struct store_unit *b)
{
	int c = ord_units(a->type, a->name, b->type, b->name);

	return c != 0 ? c : strcmp(a->code, b->code);
}

static int cmp_unit(const void *pa, const void *pb)
{
	return cmp_units(pa, pb);
}

static int cmp_iq_unit(const void *pa, const void *pb)
{
	const struct iq_unit *a = pa, *b = pb;

	return cmp_units(&a->unit, &b->unit);
}

void web_sort_units(struct store_unit *u, size_t n)
{
	if (n > 1)
		qsort(u, n, sizeof(*u), cmp_unit);
}

void web_sort_index(struct iq_result *res)
{
	if (res->nunits > 1)
		qsort(res->units, res->nunits, sizeof(*res->units), cmp_iq_unit);
}

void web_unit_options(struct hbuf *b, const struct store_unit *u, size_t n, const char *selected)
{
	for (size_t i = 0; i < n; i++) {
		hb_raw(b, "<option value=\"");
		hb_txt(b, u[i].code);
		hb_raw(b,
			selected != NULL && strcmp(selected, u[i].code) == 0 ? "\" selected>" :
									       "\">");
		hb_txt(b, u[i].name);
		hb_raw(b, "</option>");
	}
}

void web_unit_select(struct hbuf *b, const char *name, const struct store_unit *u, size_t n,
	const char *selected, const char *none)
{
	hb_txt_in(b, "<select name=\"", name, "\">");
	if (none != NULL) {
		hb_txt_in(b, "<option value=\"\">", none, "</option>");
	}
	web_unit_options(b, u, n, selected);
	hb_raw(b, "</select>");
}

void web_chart(struct hbuf *b, struct http_req *r, const struct chart *c, const char *id)
{
	struct hl_err err = {0};
	char *svg = NULL;
	size_t len = 0;

	if (chart_svg(c, id, r->a, &svg, &len, &err) != HL_OK) {
		hb_txt_in(b, "<p class=\"error\">Không vẽ được biểu đồ: ", err.msg, "</p>");
		return;
	}
	hb_raw(b, "<figure class=\"chart\">");
	hb_svg(b, svg);
	hb_raw(b, "</figure>");
}
