/* dbcheck.c — the database check of dbcheck.h. */
#include "svc/dbcheck.h"

#include <stdio.h>
#include <string.h>

#include "store/store.h"

int dbcheck_run(struct store *st, bool quick, struct hl_arena *a, char ***problems, size_t *n,
	struct hl_err *err)
{
	return STORE(st, admin, integrity, quick, a, problems, n, err);
}

void dbcheck_advice(const char *db, char *buf, size_t size)
{
	char shown[512];

	/* PostgreSQL: no file to put back, a dump to restore (and no password shown) */
	if (strstr(db, "://") != NULL) {
		store_describe(db, shown, sizeof(shown));
		snprintf(buf, size,
			"Cơ sở dữ liệu PostgreSQL %s có lỗi. Khôi phục từ bản sao lưu: dừng mọi máy chủ "
			"hailong; khôi phục bản sao gần nhất (tạo bằng pg_dump) vào một cơ sở dữ liệu "
			"mới bằng pg_restore; kiểm tra bằng \"hailong --db URI_MỚI check\"; rồi chạy lại "
			"các máy chủ với cơ sở dữ liệu mới (docs/deploy.md, mục «Backing up "
			"PostgreSQL»).",
			shown);
		return;
	}
	snprintf(buf, size,
		"Tệp cơ sở dữ liệu %s bị hỏng. Khôi phục từ bản sao lưu: dừng máy chủ (hailong serve); "
		"đổi tên tệp hỏng %s và các tệp %s-wal, %s-shm bên cạnh (nếu có) để giữ lại đối chiếu "
		"các phiếu nhận sau lần sao lưu; chép bản sao lưu gần nhất (tạo bằng lệnh \"hailong "
		"--db %s backup --to BẢN_SAO\") thành %s; kiểm tra bằng \"hailong --db %s check\"; "
		"rồi chạy lại máy chủ.",
		db, db, db, db, db, db, db);
}
