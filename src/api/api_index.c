/* api_index.c — GET /api/v1/index and GET /healthz. */
#include <string.h>

#include "api/api.h"
#include "http/scope.h"
#include "svc/index_json.h"
#include "svc/indexq.h"
#include "svc/units.h"

int api_index(struct http_req *r)
{
	const char *period = http_query(r, "period"), *weight = http_query(r, "weight");
	struct iq_opts o = {0};
	struct iq_result *res = NULL;
	struct hl_err err = {0};
	json_t *j;

	if (period == NULL)
		return http_send_error(r, 400, "invalid",
			"thiếu tham số period (ví dụ period=2024-Q3)", "period");
	if (hl_period_parse(period, &o.period, &err) != HL_OK)
		return http_send_error(r, 400, "invalid", err.msg, "period");
	if (weight != NULL && strcmp(weight, "field") != 0)
		return http_send_error(r, 400, "invalid", "weight chỉ nhận giá trị field",
			"weight");
	o.type = http_query(r, "type");
	o.weight_field = weight != NULL;
	if (scope_query(r, &o.unit, &o.under, &err) != HL_OK)
		return http_send_err(r, &err);
	if (iq_run(r->st, r->a, &o, &res, &err) != HL_OK)
		return http_send_err(r, &err);
	if ((j = index_json(res)) == NULL)
		return http_send_error(r, 500, "internal", "hết bộ nhớ", NULL);
	return http_send_json(r, 200, j);
}

int api_health(struct http_req *r)
{
	struct store_unit *units = NULL;
	size_t n = 0;
	struct hl_err err = {0};

	if (units_list(r->st, r->a, &units, &n, &err) != HL_OK)
		return http_send_error(r, 503, "unavailable", err.msg, NULL);
	return http_send(r, 200, "text/plain; charset=utf-8", "ok\n", 3);
}

int api_session(struct http_req *r)
{
	static const char *const roles[] = {"", "entry", "clerk", "supervisor", "admin"};
	struct store_unit u;
	struct hl_err err = {0};
	json_t *j = json_pack("{s:s, s:s, s:s}", "user", r->user.name, "role",
		roles[r->role >= 0 && r->role <= ROLE_ADMIN ? r->role : 0], "csrf", r->sess.csrf);

	if (j == NULL)
		return http_send_error(r, 500, "internal", "hết bộ nhớ", NULL);
	json_object_set_new(j, "unit",
		scope_home(r, &u, &err) == HL_OK ? json_string(u.code) : json_null());
	return http_send_json(r, 200, j);
}
