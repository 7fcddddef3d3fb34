/* fb_letter.c — the written answer to feedback as a công văn (Nghị định
 * 30/2020, Phụ lục III, mẫu 1.4): an answer to one person is a letter, not
 * a notice, so it has no title; under the issuing body its number "Số:
 * N/UBND" and its summary "V/v trả lời phản ánh, kiến nghị", then "Kính
 * gửi" the sender (by name, never the contact), what was received and the
 * answer, and "Nơi nhận" beginning "Như trên" (the addressee) before the
 * signature. Laid out by rpt_pdf_letter. */
#include "base/clock.h"
#include "report/fb_letter.h"

#include <stdio.h>
#include <string.h>

#include "base/arena.h"
#include "core/phrase.h"
#include "svc/report_model.h"
#include "report/pdfdoc.h"
#include "report/render.h"

#define NPARS 8

int fbl_write(const struct fb_letter *l, const char *signer, const char *path, struct hl_arena *a,
	struct hl_err *err)
{
	struct rpt_model m;
	struct rpt_par par[NPARS];
	char rec[20], day[16];
	const char *to, *body, *unit;
	bool office = l->office != NULL && l->office[0] != '\0';
	int n = 0;

	m = *l->head;
	memset(par, 0, sizeof(par));
	/* A công văn's symbol is the issuing body's abbreviation alone. */
	m.o.number = m.symbol[0] != '\0' ? hl_arena_printf(a, "%d/%s", l->number, m.symbol) :
					   hl_arena_printf(a, "%d", l->number);
	m.o.date = l->date;
	m.title = NULL;
	m.subtitle = "V/v trả lời phản ánh, kiến nghị";
	m.signer = signer != NULL ? signer : "";
	unit = phr_in_text(a, l->unit.name);
	to = l->recipient != NULL && l->recipient[0] != '\0' ?
		hl_arena_printf(a, "Kính gửi: Ông/Bà %s", l->recipient) :
		"Kính gửi: Ông/Bà gửi phản ánh, kiến nghị";
	m.recipients[m.nrecipients++] = "Như trên;";
	if (office)
		m.recipients[m.nrecipients++] = hl_arena_printf(a, "%s;", l->office);
	m.recipients[m.nrecipients++] = "Lưu: VT.";
	hl_clock_fmt_minute(l->received_at, rec, sizeof(rec));
	snprintf(day, sizeof(day), "%.10s", rec);
	body = hl_arena_printf(a,
		"Ngày %s, %s nhận được phản ánh, kiến nghị của Ông/Bà qua kênh %s "
		"(mã số %s), với nội dung:",
		day, unit, phr_inside(a, l->channel), l->code);
	par[n++] = (struct rpt_par){to, 0, true, false};
	par[n++] = (struct rpt_par){body, 0, false, true};
	par[n++] = (struct rpt_par){hl_arena_printf(a, "“%s”", l->text), PDF_ITALIC, false, true};
	par[n++] = (struct rpt_par){office ?
			hl_arena_printf(a, "Sau khi %s xem xét, %s trả lời như sau:", l->office,
				unit) :
			hl_arena_printf(a, "Sau khi xem xét, %s trả lời như sau:", unit),
		0, false, true};
	par[n++] = (struct rpt_par){l->answer, 0, false, true};
	par[n++] = (struct rpt_par){hl_arena_printf(a, "%s trả lời để Ông/Bà được biết./.",
					    phr_sentence_start(a, unit)),
		0, false, true};
	for (int i = 0; i < n; i++)
		if (par[i].text == NULL)
			return hl_err_set(err, HL_ENOMEM, HL_HERE,
				"hết bộ nhớ khi lập văn bản trả lời");
	for (int i = 0; i < m.nrecipients; i++)
		if (m.recipients[i] == NULL || m.o.number == NULL)
			return hl_err_set(err, HL_ENOMEM, HL_HERE,
				"hết bộ nhớ khi lập văn bản trả lời");
	return rpt_pdf_letter(&m, par, n, path, err);
}
