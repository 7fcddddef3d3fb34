/* out.c — the temporary-file-then-rename discipline shared by the report
 * renderers (see out.h): a report is either complete or absent. */
#include "report/out.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int rpt_out_begin(struct rpt_out *o, const char *path, struct hl_err *err)
{
	int fd, n;

	memset(o, 0, sizeof(*o));
	if (path == NULL || path[0] == '\0')
		return hl_err_set(err, HL_EINVAL, "-o", "thiếu tên tệp báo cáo cần ghi");
	n = snprintf(o->path, sizeof(o->path), "%s", path);
	if (n < 0 || (size_t)n >= sizeof(o->path) ||
		(size_t)snprintf(o->tmp, sizeof(o->tmp), "%s.tmp-XXXXXX", path) >= sizeof(o->tmp)) {
		o->tmp[0] = '\0';
		return hl_err_set(err, HL_EINVAL, "-o", "đường dẫn tệp báo cáo quá dài");
	}
	fd = mkstemp(o->tmp);
	if (fd < 0) {
		int e = errno;

		o->tmp[0] = '\0';
		return hl_err_set(err, HL_EIO, path, "không tạo được tệp báo cáo '%s': %s", path,
			hl_why_file(e));
	}
	/* mkstemp makes 0600; a report is meant to be shared. */
	(void)fchmod(fd, 0644);
	o->f = fdopen(fd, "wb");
	if (o->f == NULL) {
		int e = errno;

		close(fd);
		rpt_out_abort(o);
		return hl_err_set(err, HL_EIO, path, "không mở được tệp tạm cho báo cáo '%s': %s",
			path, hl_why_file(e));
	}
	return HL_OK;
}

int rpt_out_commit(struct rpt_out *o, struct hl_err *err)
{
	int e = 0;

	if (o->tmp[0] == '\0')
		return hl_err_set(err, HL_EIO, o->path, "tệp báo cáo '%s' chưa được mở để ghi",
			o->path);
	if (o->f != NULL) {
		errno = 0;
		if (ferror(o->f) || fflush(o->f) != 0 || fsync(fileno(o->f)) != 0)
			e = errno ? errno : EIO;
		if (fclose(o->f) != 0 && e == 0)
			e = errno ? errno : EIO;
		o->f = NULL;
		if (e != 0) {
			rpt_out_abort(o);
			return hl_err_set(err, HL_EIO, o->path,
				"không ghi được tệp báo cáo '%s': %s", o->path, hl_why_file(e));
		}
	}
	if (rename(o->tmp, o->path) != 0) {
		e = errno;
		rpt_out_abort(o);
		return hl_err_set(err, HL_EIO, o->path, "không ghi được tệp báo cáo '%s': %s",
			o->path, hl_why_file(e));
	}
	o->tmp[0] = '\0';
	return HL_OK;
}

void rpt_out_abort(struct rpt_out *o)
{
	if (o->f != NULL) {
		fclose(o->f);
		o->f = NULL;
	}
	if (o->tmp[0] != '\0') {
		(void)unlink(o->tmp);
		o->tmp[0] = '\0';
	}
}
