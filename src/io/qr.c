/* qr.c — a QR code as SVG: one path of horizontal runs of dark modules, so a
 * code of version 5 is a couple of kilobytes and prints sharp at any size. */
#include "io/qr.h"

#include <qrencode.h>
#include <string.h>

#include "io/html.h"

#define QUIET 4 /* modules of white around the code (ISO/IEC 18004) */

int qr_svg(struct hbuf *b, const char *text, const char *label, struct hl_err *err)
{
	QRcode *q;
	int w, size;

	if (text == NULL || text[0] == '\0' || strlen(text) > QR_TEXT_MAX)
		return hl_err_set(err, HL_EINVAL, HL_HERE,
			"nội dung mã QR trống hoặc dài quá %d byte", QR_TEXT_MAX);
	/* 8-bit mode keeps a URL exactly as given (letter case included). */
	q = QRcode_encodeString8bit(text, 0, QR_ECLEVEL_M);
	if (q == NULL)
		return hl_err_set(err, HL_ENOMEM, HL_HERE, "không tạo được mã QR");
	w = q->width;
	size = w + 2 * QUIET;
	hb_printf(b,
		"<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\" "
		"shape-rendering=\"crispEdges\" role=\"img\" aria-label=\"",
		size, size);
	hb_txt(b, label ? label : "Mã QR");
	hb_printf(b, "\"><rect width=\"%d\" height=\"%d\" fill=\"#fff\"/><path fill=\"#000\" d=\"",
		size, size);
	for (int y = 0; y < w; y++) {
		for (int x = 0; x < w;) {
			int run = 0;

			/* Bit 0 of each byte: the module is dark. */
			while (x + run < w && (q->data[y * w + x + run] & 1))
				run++;
			if (run > 0) {
				hb_printf(b, "M%d %dh%dv1h-%dz", x + QUIET, y + QUIET, run, run);
				x += run;
			} else {
				x++;
			}
		}
	}
	hb_raw(b, "\"/></svg>");
	QRcode_free(q);
	if (b->failed)
		return hl_err_set(err, HL_ENOMEM, HL_HERE, "mã QR quá lớn cho trang");
	return HL_OK;
}
