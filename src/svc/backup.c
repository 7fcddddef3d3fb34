/* backup.c — the database backup of backup.h. */
#include "svc/backup.h"

#include <sys/stat.h>

int backup_run(struct store *st, const char *path, bool replace, store_progress_fn progress,
	void *pctx, struct hl_err *err)
{
	struct stat sb;

	if (path == NULL || path[0] == '\0')
		return hl_err_set(err, HL_EINVAL, HL_HERE, "hãy cho biết tệp bản sao (--to TỆP)");
	if (!replace && stat(path, &sb) == 0)
		return hl_err_set(err, HL_EEXIST, HL_HERE,
			"tệp '%s' đã có: chọn tên khác (ví dụ thêm ngày vào tên) hoặc thêm --force để "
			"ghi đè",
			path);
	return STORE(st, admin, backup, path, progress, pctx, err);
}
