/* err.c — filling and naming errors. */
#include "base/err.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

int hl_err_set(struct hl_err *e, int code, const char *where, const char *fmt, ...)
{
	va_list ap;

	if (e == NULL)
		return code;
	e->code = code;
	snprintf(e->where, sizeof(e->where), "%s", where ? where : "");
	va_start(ap, fmt);
	vsnprintf(e->msg, sizeof(e->msg), fmt, ap);
	va_end(ap);
	return code;
}

void hl_err_clear(struct hl_err *e)
{
	if (e == NULL)
		return;
	e->code = HL_OK;
	e->msg[0] = '\0';
	e->where[0] = '\0';
}

const char *hl_status_name(int code)
{
	switch (code) {
	case HL_OK: return "thành công";
	case HL_EINVAL: return "dữ liệu không hợp lệ";
	case HL_ENOTFOUND: return "không tìm thấy";
	case HL_EEXIST: return "đã tồn tại";
	case HL_ENOMEM: return "hết bộ nhớ";
	case HL_EIO: return "lỗi lưu trữ";
	case HL_ECONFLICT: return "xung đột dữ liệu";
	case HL_ELIMIT: return "vượt giới hạn";
	case HL_EPERM: return "không có quyền";
	default: return "lỗi không xác định";
	}
}
