/* cmd_users.c — `hailong users add|list|passwd|disable`: staff accounts. The
 * password comes from stdin (one line) when it is not a terminal, is asked
 * twice without echo when it is, or is generated with --generate. */
#include "cli/cli.h"
#include "cli/cli_help.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "base/arena.h"
#include "store/store.h"
#include "svc/accounts.h"
#include "svc/units.h"

#define PW_BUF (ACCOUNT_PW_MAXBYTES + 2)

/* Read one line of at most PW_BUF - 2 bytes from f into buf without its line
 * end. Returns 0, or prints an error and returns 1. */
static int read_line(FILE *f, char *buf)
{
	size_t len;

	if (fgets(buf, PW_BUF, f) == NULL) {
		buf[0] = '\0';
		if (ferror(f))
			return cli_errorf("không đọc được mật khẩu: %s", strerror(errno));
		return cli_errorf("không có mật khẩu trên đầu vào chuẩn");
	}
	len = strlen(buf);
	if (len > 0 && buf[len - 1] == '\n')
		buf[--len] = '\0';
	else if (!feof(f))
		return cli_errorf("mật khẩu dài quá %d byte", ACCOUNT_PW_MAXBYTES);
	if (len > 0 && buf[len - 1] == '\r')
		buf[--len] = '\0';
	return 0;
}

/* Ask on the terminal with echo off. */
static int ask(const char *prompt, char *buf)
{
	struct termios old, quiet;
	bool restore = false;
	int rc;

	fputs(prompt, stderr);
	fflush(stderr);
	if (tcgetattr(STDIN_FILENO, &old) == 0) {
		quiet = old;
		quiet.c_lflag &= (tcflag_t)~ECHO;
		quiet.c_lflag |= ECHONL;
		restore = tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet) == 0;
	}
	rc = read_line(stdin, buf);
	if (restore)
		tcsetattr(STDIN_FILENO, TCSAFLUSH, &old);
	return rc;
}

/* The password as the rules say, into pw (PW_BUF bytes); *generated says
 * whether it must be shown. Checks it. */
static int get_password(bool generate, char *pw, bool *generated)
{
	char again[PW_BUF];
	struct hl_err err;

	hl_err_clear(&err);
	*generated = false;
	if (generate) {
		account_generate(pw, PW_BUF);
		*generated = true;
		return 0;
	}
	if (isatty(STDIN_FILENO) != 1) {
		if (read_line(stdin, pw) != 0)
			return 1;
	} else {
		if (ask("Mật khẩu (ít nhất 10 ký tự): ", pw) != 0)
			return 1;
		if (account_check_password(pw, &err) != HL_OK)
			return cli_fail(&err);
		if (ask("Nhập lại mật khẩu: ", again) != 0)
			return 1;
		if (strcmp(pw, again) != 0) {
			memset(again, 0, sizeof(again));
			return cli_errorf("hai lần nhập mật khẩu không giống nhau");
		}
		memset(again, 0, sizeof(again));
	}
	if (account_check_password(pw, &err) != HL_OK)
		return cli_fail(&err);
	return 0;
}

/* End add or passwd: commit the change rc says was made (cli_commit), then
 * print done and, when it was generated, the password (what = "Mật khẩu"
 * or "Mật khẩu mới"), shown this once; the password is wiped. Returns the
 * exit status. */
static int pw_done(struct cli_ctx *ctx, int rc, struct hl_err *err, const char *done,
	const char *what, bool generated, char *pw)
{
	rc = cli_commit(ctx, rc, err);
	if (rc == 0 && generated)
		printf("%s %s (chỉ hiện một lần): %s\n", done, what, pw);
	else if (rc == 0)
		printf("%s\n", done);
	memset(pw, 0, PW_BUF);
	return rc;
}

static int do_add(struct cli_ctx *ctx, int argc, char **argv)
{
	const char *role = NULL, *unit = NULL, *name;
	bool generate = false, generated;
	const struct cli_opt opts[] = {{"role", &role, NULL}, {"unit", &unit, NULL},
		{"generate", NULL, &generate}, {NULL, NULL, NULL}};
	char pw[PW_BUF], done[256];
	struct store_user u;
	struct hl_err err;
	int rc = cli_parse_one(&cmd_users, argc, argv, opts, &name,
		"thiếu tên: hailong users add TÊN --role VAI_TRÒ [--unit MÃ]");

	if (rc != 0)
		return rc;
	if (role == NULL)
		return cli_usage(&cmd_users, "thiếu --role (admin, supervisor, clerk hoặc entry)");
	hl_err_clear(&err);
	/* Check what needs no password first, so a mistake costs no typing. */
	if (account_check_name(name, &err) != HL_OK)
		return cli_fail(&err);
	if (account_role_parse(role) == ROLE_NONE)
		return cli_usage(&cmd_users,
			"vai trò '%s' không có: dùng admin, supervisor, clerk hoặc entry", role);
	if (account_role_parse(role) != ROLE_ADMIN && (unit == NULL || unit[0] == '\0'))
		return cli_usage(&cmd_users, "vai trò %s cần một đơn vị: --unit MÃ", role);
	if (unit != NULL && unit[0] != '\0') {
		struct store_unit su;

		rc = cli_unit_get(ctx, unit, &su, "đơn vị '%s' không có (xem: hailong units list)",
			unit);
		if (rc != 0)
			return rc;
	}
	rc = account_get(ctx->st, name, &u, &err);
	if (rc == HL_OK)
		return cli_errorf("người dùng '%s' đã có (đổi mật khẩu: hailong users passwd %s)",
			name, name);
	hl_err_clear(&err);
	if (get_password(generate, pw, &generated) != 0)
		return 1;
	rc = account_prepare(ctx->st, name, role, unit, pw, &u, &err);
	if (rc != HL_OK) {
		memset(pw, 0, sizeof(pw));
		return cli_fail(&err);
	}
	snprintf(done, sizeof(done), "Đã tạo người dùng %s (%s).", u.name,
		account_role_label(u.role));
	if (store_begin(ctx->st, &err) != HL_OK)
		return cli_fail(&err);
	return pw_done(ctx, account_add(ctx->st, &u, unit, ctx->who, &err), &err, done, "Mật khẩu",
		generated, pw);
}

static int do_passwd(struct cli_ctx *ctx, int argc, char **argv)
{
	const char *name;
	bool generate = false, generated;
	const struct cli_opt opts[] = {{"generate", NULL, &generate}, {NULL, NULL, NULL}};
	char pw[PW_BUF], done[256];
	char hash[160];
	struct store_user u;
	struct hl_err err;
	int rc = cli_parse_one(&cmd_users, argc, argv, opts, &name,
		"thiếu tên: hailong users passwd TÊN");

	if (rc != 0)
		return rc;
	hl_err_clear(&err);
	rc = account_get(ctx->st, name, &u, &err);
	if (rc == HL_ENOTFOUND)
		return cli_errorf("người dùng '%s' không có (xem: hailong users list)", name);
	if (rc != HL_OK)
		return cli_fail(&err);
	if (get_password(generate, pw, &generated) != 0)
		return 1;
	rc = account_hash(pw, hash, sizeof(hash), &err);
	if (rc != HL_OK) {
		memset(pw, 0, sizeof(pw));
		return cli_fail(&err);
	}
	snprintf(done, sizeof(done),
		"Đã đổi mật khẩu của %s; mọi phiên đăng nhập của tài khoản đã kết thúc.", u.name);
	if (store_begin(ctx->st, &err) != HL_OK)
		return cli_fail(&err);
	return pw_done(ctx, account_put_password(ctx->st, u.name, hash, NULL, ctx->who, &err), &err,
		done, "Mật khẩu mới", generated, pw);
}

static int do_disable(struct cli_ctx *ctx, int argc, char **argv)
{
	const char *name;
	struct hl_err err;
	int rc = cli_parse_one(&cmd_users, argc, argv, NULL, &name,
		"thiếu tên: hailong users disable TÊN");

	if (rc != 0)
		return rc;
	hl_err_clear(&err);
	rc = CLI_TX(ctx, &err, account_disable(ctx->st, name, ctx->who, &err));
	if (rc == 0)
		printf("Đã khóa người dùng %s.\n", name);
	return rc;
}

static int print_list(struct cli_ctx *ctx, struct cli_table *t, struct hl_err *err)
{
	struct store_user *us = NULL;
	int rc = account_list(ctx->st, t->a, &us, &t->n, err);

	for (size_t i = 0; rc == HL_OK && i < t->n; i++)
		cli_table_row(t,
			(const char *const[]){us[i].name, account_role_label(us[i].role),
				us[i].unit_id == 0 ? "(tất cả)" : cli_table_unit(t, us[i].unit_id),
				us[i].disabled ? "đã khóa" : "hoạt động"});
	return rc;
}

static const struct cli_col list_cols[] = {{"Tên", 20}, {"Vai trò", 14}, {"Đơn vị", 30},
	{"Trạng thái", 0}};
static const struct cli_listing listing = {list_cols, (size_t)64 * 1024 * 1024, "người dùng", NULL,
	true, print_list};

static const struct cli_sub subs[] = {{"add", do_add, NULL}, {"list", NULL, &listing},
	{"passwd", do_passwd, NULL}, {"disable", do_disable, NULL}, {NULL, NULL, NULL}};

const struct cli_cmd cmd_users = {"users", "tài khoản cán bộ: thêm, liệt kê, đổi mật khẩu, khóa",
	cli_help_users, CLI_DB_OPEN, NULL, subs};
