/* pick.c — the caller as an actor, its units for people, a unit <select>
 * (pick.h). */
#include "web/pick.h"

#include <string.h>

#include "web/admin.h"

struct units_actor web_actor(struct http_req *r)
{
	return (struct units_actor){r->role, r->user.unit_id, admin_who(r)};
}

int web_units(struct http_req *r, struct store_unit **out, size_t *n, struct hl_err *err)
{
	struct units_actor by = web_actor(r);

	return units_of(r->st, r->a, &by, out, n, err);
}

void web_unit_select(struct hbuf *b, const char *name, const struct store_unit *u, size_t n,
	const char *selected, const char *none)
{
	hb_raw(b, "<select name=\"");
	hb_txt(b, name);
	hb_raw(b, "\">");
	if (none != NULL) {
		hb_raw(b, "<option value=\"\">");
		hb_txt(b, none);
		hb_raw(b, "</option>");
	}
	for (size_t i = 0; i < n; i++) {
		hb_raw(b, "<option value=\"");
		hb_txt(b, u[i].code);
		hb_raw(b, selected != NULL && strcmp(selected, u[i].code) == 0 ? "\" selected>" : "\">");
		hb_txt(b, u[i].name);
		hb_raw(b, "</option>");
	}
	hb_raw(b, "</select>");
}
