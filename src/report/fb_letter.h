/* fb_letter.h — the written answer to a feedback item (phản ánh, kiến nghị)
 * as the PDF letter a ward sends the sender: a công văn (số …/UBND, "V/v trả
 * lời phản ánh, kiến nghị", Kính gửi the sender) in the official layout of
 * the reports (report/rpt_pdf.c), from the data svc/feedback.h's
 * fb_letter_data gathers. */
#ifndef HL_FB_LETTER_H
#define HL_FB_LETTER_H

#include "base/err.h"
#include "svc/feedback.h"

struct hl_arena;

/* Write l as a PDF to path (temporary file, then rename); signer = the name
 * under the signature, NULL or "" = a line to sign on. Scratch memory in a. */
int fbl_write(const struct fb_letter *l, const char *signer, const char *path, struct hl_arena *a,
	struct hl_err *err);

#endif
