/* cmd_serve.c — `hailong serve`: run the web server until SIGTERM. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "http/srv.h"

static int run_serve(struct cli_ctx *ctx, int argc, char **argv);

const struct cli_cmd cmd_serve = {
	.name = "serve",
	.summary = "chạy máy chủ web: kiosk, nhập phiếu giấy, trang quản lý, trang công khai, API",
	.help =
		"Cách dùng: hailong serve [--listen ĐỊA_CHỈ:CỔNG] [--readers N] [--quiet] [--trust-proxy]\n"
		"\n"
		"Chạy máy chủ web trên cơ sở dữ liệu --db cho đến khi nhận SIGTERM hoặc Ctrl-C;\n"
		"khi dừng, các yêu cầu đang xử lý vẫn được trả lời và ghi xong.\n"
		"\n"
		"  --listen A:P   địa chỉ nghe (mặc định 127.0.0.1:8080)\n"
		"  --readers N    số kết nối đọc cơ sở dữ liệu (mặc định 8)\n"
		"  --quiet        không ghi nhật ký từng yêu cầu\n"
		"  --trust-proxy  chạy sau một reverse proxy (HTTPS) trên cùng máy: lấy địa chỉ\n"
		"                 người dùng từ X-Forwarded-For của các kết nối từ 127.0.0.1/::1,\n"
		"                 để giới hạn số lần đăng nhập và gửi phản ánh tính theo từng người\n"
		"\n"
		"Nhật ký (stderr): mỗi yêu cầu một dòng: thời điểm, phương thức, đường dẫn,\n"
		"mã trả lời, thời gian xử lý, địa chỉ và người dùng.\n",
	.db = CLI_DB_OPEN,
	.run = run_serve,
};

static void on_ready(const char *url, void *arg)
{
	(void)arg;
	printf("hailong đang chạy: %s/  (dừng: Ctrl-C)\n", url);
	fflush(stdout);
}

static int run_serve(struct cli_ctx *ctx, int argc, char **argv)
{
	const char *listen = "127.0.0.1:8080", *readers = NULL;
	bool quiet = false, trust_proxy = false;
	const struct cli_opt opts[] = {
		{"listen", &listen, NULL}, {"readers", &readers, NULL}, {"quiet", NULL, &quiet},
		{"trust-proxy", NULL, &trust_proxy}, {NULL, NULL, NULL},
	};
	struct srv_opts o = {0};
	struct hl_err err = {0};
	int npos = 0, rc;

	rc = cli_parse(&cmd_serve, argc, argv, 1, opts, NULL, 0, &npos);
	if (rc != 0)
		return rc;
	o.db = ctx->db;
	o.listen = listen;
	o.quiet = quiet;
	o.trust_proxy = trust_proxy;
	if (readers != NULL) {
		char *end;
		long n = strtol(readers, &end, 10);

		if (*end != '\0' || n < 1 || n > 32)
			return cli_usage(&cmd_serve, "--readers phải là số từ 1 đến 32");
		o.readers = (int)n;
	}
	if (srv_run(&o, on_ready, NULL, &err) != HL_OK)
		return cli_fail(&err);
	return 0;
}
