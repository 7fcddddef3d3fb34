/* xlsxw.c — the XLSX renderers' shared workbook handling (xlsxw.h). */
#include "report/xlsxw.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <string.h>
#include <unistd.h>

#include "base/mem.h"

/* libxlsxwriter refuses longer strings (32 767 bytes); longer ones are cut. */
#define XW_STR_MAX 32000

int xlsxw_open(struct xlsxw *x, const char *path, const char *title, struct hl_err *err)
{
	lxw_doc_properties props = {0};
	int rc;

	memset(x, 0, sizeof(*x));
	rc = rpt_out_begin(&x->out, path, err);
	if (rc != HL_OK)
		return rc;
	/* libxlsxwriter writes the file by name when the workbook is closed. */
	fclose(x->out.f);
	x->out.f = NULL;
	x->wb = workbook_new(x->out.tmp);
	if (x->wb == NULL) {
		rpt_out_abort(&x->out);
		return hl_err_set(err, HL_ENOMEM, HL_HERE, "không tạo được bảng tính XLSX cho '%s'",
			path);
	}
	if (title != NULL) {
		/* The properties are copied: the casts only meet their type. */
		props.title = (char *)title;
		props.author = (char *)"hailong";
		xlsxw_keep(x, workbook_set_properties(x->wb, &props));
	}
	return HL_OK;
}

int xlsxw_close(struct xlsxw *x, const char *what, struct hl_err *err)
{
	lxw_error le;
	int fd, rc;

	if (x->lerr != LXW_NO_ERROR) {
		rc = hl_err_set(err, x->lerr == LXW_ERROR_MEMORY_MALLOC_FAILED ? HL_ENOMEM : HL_EIO,
			HL_HERE, "không ghi được %s: %s", what, lxw_strerror(x->lerr));
		goto cleanup;
	}
	le = workbook_close(x->wb);
	x->wb = NULL;
	if (le != LXW_NO_ERROR) {
		rc = hl_err_set(err, HL_EIO, HL_HERE, "không ghi được tệp XLSX '%s': %s",
			x->out.path, lxw_strerror(le));
		goto cleanup;
	}
	/* Flush what libxlsxwriter wrote to the disk before the rename. */
	fd = open(x->out.tmp, O_RDONLY);
	if (fd < 0 || fsync(fd) != 0) {
		rc = hl_err_set(err, HL_EIO, HL_HERE, "không ghi được tệp XLSX '%s' xuống đĩa: %s",
			x->out.path, strerror(errno));
		if (fd >= 0)
			close(fd);
		goto cleanup;
	}
	close(fd);
	return rpt_out_commit(&x->out, err);
cleanup:
	xlsxw_abort(x);
	return rc;
}

void xlsxw_abort(struct xlsxw *x)
{
	/* Closing is the only way to free a workbook; what it writes goes. */
	if (x->wb != NULL)
		(void)workbook_close(x->wb);
	x->wb = NULL;
	rpt_out_abort(&x->out);
}

void xlsxw_keep(struct xlsxw *x, lxw_error e)
{
	if (e != LXW_NO_ERROR && x->lerr == LXW_NO_ERROR)
		x->lerr = e;
}

/* Length of s cut to at most max bytes, not inside a UTF-8 sequence. */
static size_t utf8_cut(const char *s, size_t max)
{
	size_t n = strlen(s);

	if (n <= max)
		return n;
	n = max;
	while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
		n--;
	return n;
}

void xlsxw_str(struct xlsxw *x, lxw_worksheet *ws, lxw_row_t r, lxw_col_t c, const char *s,
	lxw_format *f)
{
	size_t n;
	char *cut;

	if (s == NULL || *s == '\0')
		return;
	n = utf8_cut(s, XW_STR_MAX);
	if (s[n] == '\0') {
		xlsxw_keep(x, worksheet_write_string(ws, r, c, s, f));
		return;
	}
	cut = hl_malloc(n + 4);
	if (cut == NULL) {
		xlsxw_keep(x, LXW_ERROR_MEMORY_MALLOC_FAILED);
		return;
	}
	memcpy(cut, s, n);
	memcpy(cut + n, "…", 4); /* 3 bytes and the NUL */
	xlsxw_keep(x, worksheet_write_string(ws, r, c, cut, f));
	hl_free(cut);
}

void xlsxw_dec(struct xlsxw *x, lxw_worksheet *ws, lxw_row_t r, lxw_col_t c, double v,
	lxw_format *f)
{
	if (!isfinite(v))
		return;
	/* + 0.0: a value rounded to -0 is written as 0. */
	xlsxw_keep(x, worksheet_write_number(ws, r, c, round(v * 100) / 100 + 0.0, f));
}

void xlsxw_width(struct xlsxw *x, lxw_worksheet *ws, lxw_col_t first, lxw_col_t last, double w,
	lxw_format *f)
{
	xlsxw_keep(x, worksheet_set_column(ws, first, last, w, f));
}

lxw_worksheet *xlsxw_sheet(struct xlsxw *x, const char *name, lxw_row_t header_row, bool landscape)
{
	lxw_worksheet *ws = workbook_add_worksheet(x->wb, name);

	x->sheet = name;
	if (ws == NULL)
		return NULL;
	worksheet_set_paper(ws, 9); /* A4 */
	if (landscape)
		worksheet_set_landscape(ws);
	else
		worksheet_set_portrait(ws);
	/* Every column on the page's width, as many pages down as needed. */
	worksheet_fit_to_pages(ws, 1, 0);
	xlsxw_keep(x, worksheet_repeat_rows(ws, header_row, header_row));
	return ws;
}

lxw_format *xlsxw_head(struct xlsxw *x)
{
	lxw_format *f = workbook_add_format(x->wb);

	if (f == NULL)
		return NULL;
	format_set_bold(f);
	format_set_text_wrap(f);
	format_set_align(f, LXW_ALIGN_CENTER);
	format_set_align(f, LXW_ALIGN_VERTICAL_CENTER);
	format_set_bg_color(f, 0xDDEBF7);
	format_set_border(f, LXW_BORDER_THIN);
	return f;
}
