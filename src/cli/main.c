/* main.c — the command table and the one gate every command passes: global
 * options (--db), help, and opening the database as the command's
 * descriptor asks, so commands never repeat these checks. */
#include <errno.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/arena.h"
#include "base/mem.h"
#include "cli/cli.h"
#include "store/store.h"
#include "svc/instruments.h"

#define MAX_ARGS 256

/* Every command, in the order `hailong --help` lists them. */
static const struct cli_cmd *const commands[] = {
	&cmd_init,
	&cmd_units,
	&cmd_fields,
	&cmd_staff,
	&cmd_instruments,
	&cmd_responses,
	&cmd_dossiers,
	&cmd_targets,
	&cmd_tallies,
	&cmd_index,
	&cmd_score766,
	&cmd_sample_plan,
	&cmd_demo,
	&cmd_serve,
	&cmd_users,
	&cmd_audit,
	&cmd_kiosks,
	&cmd_receipts,
	&cmd_report,
	&cmd_reports,
	&cmd_news,
	&cmd_chart,
	&cmd_calendar,
	&cmd_plan,
	&cmd_feedback,
	&cmd_offices,
	&cmd_followup,
	&cmd_check,
	&cmd_backup,
	&cmd_copy,
};

#define NCOMMANDS (sizeof(commands) / sizeof(commands[0]))

static const struct cli_cmd *find_command(const char *name)
{
	for (size_t i = 0; i < NCOMMANDS; i++)
		if (strcmp(commands[i]->name, name) == 0)
			return commands[i];
	return NULL;
}

/* "không có lệnh X", with the command meant when one is close. */
static int no_command(const char *name)
{
	const char *names[NCOMMANDS], *near;

	for (size_t i = 0; i < NCOMMANDS; i++)
		names[i] = commands[i]->name;
	near = cli_closest(name, names, NCOMMANDS);
	if (near != NULL)
		return cli_usage(NULL, "không có lệnh %s; có phải: hailong %s?", name, near);
	return cli_usage(NULL, "không có lệnh %s", name);
}

static void print_main_help(FILE *f)
{
	fputs("hailong — đo lường sự hài lòng của người dân, tổ chức (chỉ số SIPAS)\n\n"
	      "Cách dùng: hailong [--db ĐƯỜNG_DẪN] LỆNH [LỆNH_CON] [TÙY_CHỌN]\n\n"
	      "Các lệnh:\n",
		f);
	for (size_t i = 0; i < NCOMMANDS; i++)
		fprintf(f, "  %-13s %s\n", commands[i]->name, commands[i]->summary);
	fputs("  help          in hướng dẫn (hailong help LỆNH cho một lệnh)\n\n"
	      "Tùy chọn chung:\n"
	      "  --db ĐƯỜNG_DẪN   cơ sở dữ liệu (mặc định $HAILONG_DB, nếu không thì ./hailong.db);\n"
	      "                   có thể đặt trước hoặc sau lệnh\n"
	      "  --read-db CSDL   đọc các số liệu nặng (index, report, dossiers stats, trang công\n"
	      "                   khai của serve) từ một bản sao chỉ đọc (PostgreSQL hot standby)\n"
	      "  --help           in hướng dẫn này\n"
	      "  --version        in phiên bản\n\n"
	      "Bắt đầu: hailong init, rồi hailong units import DON_VI.csv.\n",
		f);
}

static bool is_help(const char *a)
{
	return strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0;
}

/* Check that the database is there and initialised before a command uses it. */
static int open_db(struct cli_ctx *ctx, enum cli_db mode)
{
	struct hl_err err;
	struct stat sb;
	bool url = strstr(ctx->db, "://") != NULL;
	int rc;

	hl_err_clear(&err);
	if (mode == CLI_DB_OPEN && !url && stat(ctx->db, &sb) != 0) {
		if (errno == ENOENT)
			return cli_errorf("cơ sở dữ liệu '%s' chưa có.\n"
					  "Tạo nó trước bằng: hailong --db '%s' init",
				ctx->db, ctx->db);
		return cli_errorf("không mở được cơ sở dữ liệu '%s': %s", ctx->db, strerror(errno));
	}
	rc = store_open(ctx->db, &ctx->st, &err);
	if (rc != HL_OK)
		return cli_fail(&err);
	if (mode == CLI_DB_OPEN) {
		/* init always stores the built-in instruments: none means no schema. */
		struct hl_arena *a = hl_arena_new((size_t)64 * 1024 * 1024);
		struct store_instrument *list = NULL;
		size_t n = 0;

		if (a == NULL)
			return cli_errorf("hết bộ nhớ");
		rc = instruments_list(ctx->st, a, &list, &n, &err);
		hl_arena_free(a);
		if (rc != HL_OK || n == 0)
			return cli_errorf("cơ sở dữ liệu '%s' chưa được khởi tạo.\n"
					  "Chạy 'hailong init' trước: hailong --db '%s' init",
				ctx->db, ctx->db);
	}
	return 0;
}

/* The commands whose reads --read-db may send to a replica. */
static bool reads_replica(int n, char **args)
{
	return strcmp(args[0], "index") == 0 || strcmp(args[0], "report") == 0 ||
		strcmp(args[0], "serve") == 0 ||
		(strcmp(args[0], "dossiers") == 0 && n > 1 && strcmp(args[1], "stats") == 0);
}

/* ctx->rst: the replica named by --read-db (read only: never migrated), or
 * the database itself. serve opens its own connections to it. */
static int open_replica(struct cli_ctx *ctx)
{
	struct hl_err err = {0};

	ctx->rst = ctx->st;
	if (ctx->read_db == NULL)
		return 0;
	if (strstr(ctx->read_db, "://") == NULL && access(ctx->read_db, R_OK) != 0)
		return cli_errorf("không đọc được bản sao '%s' (--read-db): %s", ctx->read_db,
			strerror(errno));
	if (store_open(ctx->read_db, &ctx->rst, &err) != HL_OK) {
		ctx->rst = NULL;
		return cli_fail(&err);
	}
	return 0;
}

int main(int argc, char **argv)
{
	char *args[MAX_ARGS];
	struct cli_ctx ctx;
	const struct cli_cmd *cmd;
	const char *user = getenv("USER");
	int n = 0, rc;

	/* jansson allocates through the hook too (SQLite: store_sqlite.c). */
	json_set_alloc_funcs(hl_malloc, hl_free);
	memset(&ctx, 0, sizeof(ctx));
	ctx.db = getenv("HAILONG_DB");
	if (ctx.db == NULL || ctx.db[0] == '\0')
		ctx.db = "./hailong.db";
	if (user != NULL && user[0] != '\0')
		snprintf(ctx.who, sizeof(ctx.who), "cli:%s", user);
	else
		snprintf(ctx.who, sizeof(ctx.who), "cli");
	ctx.tty = isatty(STDERR_FILENO) == 1;

	/* The global option may stand anywhere before a "--". */
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--") == 0) {
			while (i < argc && n < MAX_ARGS)
				args[n++] = argv[i++];
			break;
		}
		if (strcmp(argv[i], "--db") == 0) {
			if (i + 1 >= argc)
				return cli_usage(NULL, "tùy chọn --db cần một đường dẫn");
			ctx.db = argv[++i];
		} else if (strncmp(argv[i], "--db=", 5) == 0) {
			ctx.db = argv[i] + 5;
		} else if (strcmp(argv[i], "--read-db") == 0) {
			if (i + 1 >= argc || argv[i + 1][0] == '\0')
				return cli_usage(NULL, "tùy chọn --read-db cần một cơ sở dữ liệu");
			ctx.read_db = argv[++i];
		} else if (strncmp(argv[i], "--read-db=", 10) == 0) {
			ctx.read_db = argv[i] + 10;
		} else if (n < MAX_ARGS) {
			args[n++] = argv[i];
		} else {
			return cli_usage(NULL, "quá nhiều tham số (tối đa %d)", MAX_ARGS);
		}
	}
	if (ctx.db[0] == '\0')
		return cli_usage(NULL, "--db cần một đường dẫn không trống");
	if (n == 0) {
		print_main_help(stderr);
		return 2;
	}
	if (is_help(args[0])) {
		print_main_help(stdout);
		return 0;
	}
	if (strcmp(args[0], "--version") == 0) {
		puts("hailong 0.1.0");
		return 0;
	}
	if (strcmp(args[0], "help") == 0) {
		if (n < 2 || is_help(args[1])) {
			print_main_help(stdout);
			return 0;
		}
		cmd = find_command(args[1]);
		if (cmd == NULL)
			return no_command(args[1]);
		cli_print_help(cmd, stdout);
		return 0;
	}
	cmd = find_command(args[0]);
	if (cmd == NULL) {
		if (args[0][0] == '-')
			return cli_usage(NULL, "không có tùy chọn %s", args[0]);
		return no_command(args[0]);
	}
	for (int i = 1; i < n && strcmp(args[i], "--") != 0; i++)
		if (is_help(args[i])) {
			cli_print_help(cmd, stdout);
			return 0;
		}
	if (ctx.read_db != NULL && !reads_replica(n, args))
		return cli_usage(NULL,
			"--read-db chỉ dùng được với index, report, dossiers stats "
			"và serve");
	if (cmd->db != CLI_DB_NONE) {
		rc = open_db(&ctx, cmd->db);
		if (rc == 0)
			rc = open_replica(&ctx);
		if (rc != 0)
			goto done;
	}
	rc = cmd->subs != NULL ? cli_dispatch(cmd, cmd->subs, &ctx, n, args) :
				 cmd->run(&ctx, n, args);
done:
	if (ctx.rst != ctx.st)
		store_close(ctx.rst);
	store_close(ctx.st);
	return rc;
}
