/* cmd_offices.c — `hailong offices import|list`: the offices feedback is
 * forwarded to (phòng, ban), per unit, besides the ward's usual four that
 * every unit has built in (VP, VHXH, KTHTDT, TTPVHCC). */
#include "cli/cli.h"
#include "cli/cli_help.h"

#include <stdio.h>
#include <string.h>

#include "base/arena.h"
#include "store/store.h"
#include "svc/feedback.h"
#include "svc/units.h"

static int do_import(struct cli_ctx *ctx, int argc, char **argv)
{
	return cli_import_cmd(&cmd_offices, ctx, argc, argv, "phòng, ban", fb_import_offices);
}

static int do_list(struct cli_ctx *ctx, int argc, char **argv)
{
	const char *unit = NULL;
	const struct cli_opt opts[] = {{"unit", &unit, NULL}, {NULL, NULL, NULL}};
	static const struct cli_col cols[] = {{"Mã", 12}, {"Đơn vị", 30}, {"Tên", 0}};
	struct store_fb_office *o = NULL;
	struct store_unit *units = NULL, u = {0};
	size_t n = 0, nu = 0;
	struct hl_arena *a = NULL;
	struct hl_err err = {0};
	int rc = cli_opts(&cmd_offices, argc, argv, opts);

	if (rc != 0)
		return rc;
	if (unit != NULL &&
		(rc = cli_unit_get(ctx, unit, &u,
			 "không có đơn vị mã '%s' (xem: hailong units list)", unit)) != 0)
		return rc;
	if ((rc = cli_arena((size_t)64 << 20, &a)) != 0)
		return rc;
	rc = fb_offices(ctx->st, u.id, a, &o, &n, &err);
	if (rc == HL_OK)
		rc = units_list(ctx->st, a, &units, &nu, &err);
	if (rc != HL_OK)
		return cli_fail_free(a, &err);
	cli_row(cols, NULL);
	for (size_t i = 0; i < n; i++) {
		/* A unit's own office hides a built-in one with the same code. */
		if (unit != NULL && i > 0 && strcmp(o[i].code, o[i - 1].code) == 0)
			continue;
		cli_row(cols,
			(const char *const[]){o[i].code,
				o[i].unit_id == 0 ? "(mọi đơn vị)" :
						    cli_unit_name(units, nu, o[i].unit_id),
				o[i].name});
	}
	hl_arena_free(a);
	return 0;
}

static const struct cli_sub subs[] = {{"import", do_import}, {"list", do_list}, {NULL, NULL}};

const struct cli_cmd cmd_offices = {"offices",
	"phòng, ban tiếp nhận và xử lý phản ánh, kiến nghị: nhập, liệt kê", cli_help_offices,
	CLI_DB_OPEN, NULL, subs};
