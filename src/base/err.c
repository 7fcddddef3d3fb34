/* err.c — filling and naming errors. */
#include <errno.h>
#include "base/err.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

/* A message cut by its buffer may end inside a UTF-8 character (a user's
 * long value quoted in it): drop that partial character, so messages stay
 * valid UTF-8 for pages and JSON. */
static void cut_partial_char(char *s)
{
	size_t len = strlen(s), i = len, need;
	unsigned char lead;

	while (i > 0 && ((unsigned char)s[i - 1] & 0xC0) == 0x80 && len - i < 3)
		i--;
	if (i == 0)
		return;
	lead = (unsigned char)s[i - 1];
	need = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
	if (len - (i - 1) < need)
		s[i - 1] = '\0';
}

int hl_err_set(struct hl_err *e, int code, const char *where, const char *fmt, ...)
{
	va_list ap;
	int n;
	char msg[sizeof(e->msg)];

	if (e == NULL)
		return code;
	/* formatted apart first: a caller may wrap the error's own message
	 * ("…: %s", e->msg), and overlapping vsnprintf buffers are undefined */
	va_start(ap, fmt);
	n = vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (n >= (int)sizeof(msg))
		cut_partial_char(msg);
	e->code = code;
	snprintf(e->where, sizeof(e->where), "%s", where ? where : "");
	memcpy(e->msg, msg, sizeof(msg));
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
	case HL_EBUSY: return "đang bận, hãy thử lại sau";
	case HL_ECORRUPT: return "dữ liệu bị hỏng";
	case HL_ERETRY: return "xung đột ghi đồng thời, hãy thử lại";
	default: return "lỗi không xác định";
	}
}

/* Why a file could not be written, in Vietnamese for the common cases. */
const char *hl_why_file(int e)
{
	switch (e) {
	case ENOENT: return "thư mục không tồn tại";
	case ENOTDIR: return "một phần của đường dẫn không phải thư mục";
	case EACCES:
	case EPERM: return "không có quyền ghi vào thư mục";
	case EISDIR: return "đường dẫn là một thư mục";
	case EROFS: return "hệ thống tệp chỉ cho đọc";
	case ENOSPC: return "hết chỗ trống trên đĩa";
	case EDQUOT: return "vượt hạn mức dung lượng";
	case ENAMETOOLONG: return "tên tệp quá dài";
	default: return strerror(e);
	}
}
