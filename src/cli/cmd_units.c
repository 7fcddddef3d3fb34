/* cmd_units.c — `hailong units import|list|merge`: the tree of units with
 * their types, validity and mergers. */
#include "cli/cli.h"
#include "cli/cli_help.h"

#include <stdio.h>
#include <string.h>

#include "base/arena.h"
#include "core/date.h"
#include "store/store.h"
#include "svc/builtin.h"
#include "svc/import.h"
#include "svc/units.h"

#define MAX_DEPTH 32
#define MERGE_MAX 64

static int do_import(struct cli_ctx *ctx, int argc, char **argv)
{
	return cli_import_cmd(&cmd_units, ctx, argc, argv, "đơn vị", import_units);
}

struct tree {
	struct store_unit *u;
	size_t n;
	struct store_lineage *lin;
	size_t nlin;
};

static const struct store_unit *by_id(const struct tree *t, int64_t id)
{
	return units_by_id(t->u, t->n, id);
}

static void print_unit(const struct tree *t, const struct store_unit *u, int depth)
{
	const char *tname = builtin_unit_type_name(u->type);
	char a[16], b[16];
	bool first = true;

	printf("%*s%s  %s  (%s", depth * 2, "", u->code, u->name, tname != NULL ? tname : u->type);
	if (u->valid_from != HL_DAY_NONE && u->valid_to != HL_DAY_NONE)
		printf("; %s – %s", hl_day_vn(u->valid_from, a, sizeof(a)),
			hl_day_vn(u->valid_to, b, sizeof(b)));
	else if (u->valid_from != HL_DAY_NONE)
		printf("; từ %s", hl_day_vn(u->valid_from, a, sizeof(a)));
	else if (u->valid_to != HL_DAY_NONE)
		printf("; đến %s", hl_day_vn(u->valid_to, b, sizeof(b)));
	putchar(')');
	for (size_t i = 0; i < t->nlin; i++) {
		const struct store_unit *old;

		if (t->lin[i].new_id != u->id || (old = by_id(t, t->lin[i].old_id)) == NULL)
			continue;
		printf("%s%s", first ? "  ← sáp nhập từ " : ", ", old->code);
		first = false;
	}
	putchar('\n');
	if (depth >= MAX_DEPTH)
		return;
	for (size_t i = 0; i < t->n; i++)
		if (t->u[i].parent_id == u->id && &t->u[i] != u)
			print_unit(t, &t->u[i], depth + 1);
}

/* Units on a loop of parents (a database from before loops were refused)
 * are under no root: list them apart, each with what hangs below it. */
static int print_loops(const struct tree *t, struct hl_arena *a, struct hl_err *err)
{
	bool *on = hl_arena_alloc(a, (t->n + 1) * sizeof(*on));
	size_t n = 0;
	int rc;

	if (on == NULL)
		return hl_err_set(err, HL_ENOMEM, HL_HERE, "hết bộ nhớ");
	if ((rc = units_loops(a, t->u, t->n, on, &n, err)) != HL_OK || n == 0)
		return rc;
	printf("Các đơn vị sau là cấp dưới của chính mình (vòng lặp cấp trên); sửa cột parent "
	       "bằng hailong units import:\n");
	for (size_t i = 0; i < t->n; i++) {
		const struct store_unit *p = by_id(t, t->u[i].parent_id);

		if (!on[i])
			continue;
		printf("! %s  %s  (cấp trên: %s)\n", t->u[i].code, t->u[i].name, p->code);
		for (size_t k = 0; k < t->n; k++)
			if (t->u[k].parent_id == t->u[i].id && !on[k])
				print_unit(t, &t->u[k], 1);
	}
	return HL_OK;
}

static int print_list(struct cli_ctx *ctx, struct cli_table *list, struct hl_err *err)
{
	struct hl_arena *a = list->a;
	struct tree t = {0};
	int rc = units_list(ctx->st, a, &t.u, &t.n, err);

	if (rc == HL_OK)
		rc = units_lineage(ctx->st, a, &t.lin, &t.nlin, err);
	if (rc != HL_OK)
		return rc;
	if (t.n == 0)
		puts("Chưa có đơn vị nào. Nhập bằng: hailong units import TỆP.csv");
	for (size_t i = 0; i < t.n; i++)
		if (t.u[i].parent_id == 0 || by_id(&t, t.u[i].parent_id) == NULL)
			print_unit(&t, &t.u[i], 0);
	return print_loops(&t, a, err);
}

static const struct cli_listing listing = {NULL, (size_t)256 * 1024 * 1024, NULL, NULL, false,
	print_list};

static int do_merge(struct cli_ctx *ctx, int argc, char **argv)
{
	const char *from = NULL, *date = NULL, *name = NULL, *type = NULL;
	const struct cli_opt opts[] = {{"from", &from, NULL}, {"date", &date, NULL},
		{"name", &name, NULL}, {"type", &type, NULL}, {NULL, NULL, NULL}};
	char buf[MERGE_MAX * STORE_CODE_MAX];
	const char *codes[MERGE_MAX];
	const char *pos[1];
	struct hl_err err;
	size_t n = 0;
	hl_day day;
	char d[16];
	int npos, rc = cli_parse(&cmd_units, argc, argv, 1, opts, pos, 1, &npos);

	if (rc != 0)
		return rc;
	if (npos != 1 || from == NULL || date == NULL)
		return cli_usage(&cmd_units,
			"cách dùng: hailong units merge MỚI --from A,B,… --date NGÀY (năm-tháng-ngày)");
	if (!hl_day_parse(date, &day))
		return cli_usage(&cmd_units,
			"ngày '%s' không hợp lệ (viết năm-tháng-ngày, ví dụ 2025-07-01)", date);
	if (strlen(from) >= sizeof(buf))
		return cli_usage(&cmd_units, "danh sách --from quá dài");
	snprintf(buf, sizeof(buf), "%s", from);
	for (char *save = NULL, *tok = strtok_r(buf, ",", &save); tok != NULL;
		tok = strtok_r(NULL, ",", &save)) {
		while (*tok == ' ')
			tok++;
		if (*tok == '\0')
			continue;
		if (n == MERGE_MAX)
			return cli_usage(&cmd_units, "sáp nhập tối đa %d đơn vị một lần",
				MERGE_MAX);
		codes[n++] = tok;
	}
	hl_err_clear(&err);
	if (units_merge(ctx->st, pos[0], codes, n, day, name, type, ctx->who, &err) != HL_OK) {
		cli_fail(&err);
		if (err.code == HL_ENOTFOUND && strstr(err.msg, "đơn vị mới") != NULL)
			fprintf(stderr,
				"Gợi ý: thêm --name TÊN --type LOẠI để tạo đơn vị mới %s, hoặc "
				"nhập nó trước bằng 'hailong units import'.\n",
				pos[0]);
		return 1;
	}
	printf("Đã sáp nhập %zu đơn vị vào %s từ ngày %s.\n", n, pos[0],
		hl_day_vn(day, d, sizeof(d)));
	return 0;
}

/* Show a unit's contact, or change the parts given (the others stay). */
static int do_contact(struct cli_ctx *ctx, int argc, char **argv)
{
	const char *hotline = NULL, *address = NULL, *email = NULL, *code = NULL;
	const struct cli_opt opts[] = {{"hotline", &hotline, NULL}, {"address", &address, NULL},
		{"email", &email, NULL}, {NULL, NULL, NULL}};
	struct store_unit_contact c;
	struct store_unit u;
	struct hl_err err = {0};
	int rc = cli_parse_one(&cmd_units, argc, argv, opts, &code,
		"thiếu mã đơn vị: hailong units contact MÃ [--hotline SỐ] [--address ĐỊA-CHỈ] "
		"[--email THƯ]");

	if (rc != 0)
		return rc;
	if (units_get(ctx->st, code, &u, &err) != HL_OK ||
		units_contact(ctx->st, u.id, &c, &err) != HL_OK)
		return cli_fail(&err);
	if (hotline != NULL || address != NULL || email != NULL) {
		if (units_contact_put(ctx->st, code, hotline ? hotline : c.hotline,
			    address ? address : c.address, email ? email : c.email, ctx->who,
			    &err) != HL_OK ||
			units_contact(ctx->st, u.id, &c, &err) != HL_OK)
			return cli_fail(&err);
		printf("Đã lưu địa chỉ liên hệ của %s.\n", u.name);
	}
	printf("Đường dây nóng: %s\nĐịa chỉ: %s\nThư điện tử: %s\n",
		c.hotline[0] ? c.hotline : "(chưa có)", c.address[0] ? c.address : "(chưa có)",
		c.email[0] ? c.email : "(chưa có)");
	return 0;
}

static const struct cli_sub subs[] = {{"import", do_import, NULL}, {"list", NULL, &listing},
	{"merge", do_merge, NULL}, {"contact", do_contact, NULL}, {NULL, NULL, NULL}};

const struct cli_cmd cmd_units = {"units",
	"đơn vị (cây đơn vị, loại, hiệu lực, sáp nhập, liên hệ): nhập, liệt kê, sáp nhập",
	cli_help_units, CLI_DB_OPEN, NULL, subs};
