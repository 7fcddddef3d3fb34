/* cmd_dossiers.c — `hailong dossiers import`: dossiers from the one-stop
 * system, for the sampling plan and timeliness reports. */
#include "cli/cli.h"

#include "svc/import.h"

static int do_import(struct cli_ctx *ctx, int argc, char **argv)
{
	return cli_import_cmd(&cmd_dossiers, ctx, argc, argv, "hồ sơ", import_dossiers);
}

static const struct cli_sub subs[] = {
	{"import", do_import},
	{NULL, NULL},
};

static int run(struct cli_ctx *ctx, int argc, char **argv)
{
	return cli_dispatch(&cmd_dossiers, subs, ctx, argc, argv);
}

const struct cli_cmd cmd_dossiers = {
	"dossiers",
	"hồ sơ thủ tục hành chính từ hệ thống một cửa: nhập",
	"Cách dùng:\n"
	"  hailong dossiers import TỆP.csv\n\n"
	"Tiêu đề: code,unit,field,procedure,channel,received_at,due_at,finished_at,\n"
	"returned_at,supplements,reschedules,apology\n"
	"  thời điểm dạng YYYY-MM-DD HH:MM (giờ địa phương); finished_at, returned_at có\n"
	"  thể để trống; channel là online hoặc direct; supplements, reschedules là số\n"
	"  nguyên không âm; apology là 0/1, yes/no hoặc có/không.\n"
	"Nhập lại một hồ sơ (cùng code) thì cập nhật, không nhân đôi. Tệp có lỗi thì\n"
	"không nhập dòng nào. Xem docs/formats.md.\n",
	CLI_DB_OPEN,
	run,
};
