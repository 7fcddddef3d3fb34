/* public.c — GET /public/UNIT, for anyone: the unit's published results
 * (publishing comes with the reports; until then the page says nothing is
 * published) and how to give an opinion. Never a person's answers, never a
 * figure of a period that was not published. */
#include <string.h>

#include "base/arena.h"
#include "http/html.h"
#include "web/pages.h"

int page_public(struct http_req *r)
{
	const char *code = r->param[0];
	struct store_unit u;
	struct store_kiosk *k = NULL;
	size_t nk = 0, live = 0;
	struct hl_err err = {0};
	struct hbuf b;

	if (code == NULL || strlen(code) >= STORE_CODE_MAX ||
	    STORE(r->st, unit_get, code, &u, &err) != HL_OK) {
		hl_err_set(&err, HL_ENOTFOUND, "unit", "không có đơn vị này");
		return http_send_err(r, &err);
	}
	if (STORE(r->st, kiosk_list, r->a, &k, &nk, &err) == HL_OK)
		for (size_t i = 0; i < nk; i++)
			live += k[i].unit_id == u.id && !k[i].revoked;
	hb_init(&b, r->a, 1 << 16);
	page_begin(&b, r, u.name);
	hb_raw(&b, "<section class=\"public\"><h1>");
	hb_txt(&b, u.name);
	hb_raw(&b, "</h1><h2>Kết quả đo lường sự hài lòng</h2>"
		"<p>Kết quả khảo sát được công bố cùng các báo cáo định kỳ của đơn vị.</p>"
		"<p><strong>Chưa có kết quả nào được công bố.</strong></p>"
		"<h2>Góp ý của Ông/Bà</h2><div class=\"how\">"
		"<p>Khi nộp hồ sơ, Ông/Bà nhận <em>Giấy tiếp nhận hồ sơ và hẹn trả kết quả</em>. "
		"Trên giấy có <strong>mã QR</strong>: dùng máy ảnh của điện thoại quét mã để trả lời "
		"phiếu khảo sát về hồ sơ đó (mỗi hồ sơ được đánh giá một lần).</p>");
	if (live > 0)
		hb_raw(&b, "<p>Ông/Bà cũng có thể trả lời phiếu khảo sát trên <strong>máy kiosk</strong> "
			"đặt tại bộ phận tiếp nhận và trả kết quả, hoặc bỏ phiếu giấy vào hòm phiếu.</p>");
	else
		hb_raw(&b, "<p>Ông/Bà cũng có thể điền phiếu khảo sát giấy và bỏ vào hòm phiếu tại bộ "
			"phận tiếp nhận và trả kết quả.</p>");
	hb_raw(&b, "<p>Ý kiến khảo sát là ẩn danh: kết quả chỉ công bố dưới dạng chỉ số tổng hợp "
		"của đơn vị, không công bố ý kiến của từng người.</p></div></section>");
	page_end(&b);
	return http_send_html(r, 200, &b);
}
