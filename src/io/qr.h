/* qr.h — QR codes (libqrencode) drawn as inline SVG, for the survey link on
 * the dossier receipt and the public page. */
#ifndef HL_QR_H
#define HL_QR_H

#include "base/err.h"

struct hbuf;

#define QR_TEXT_MAX 1024 /* bytes of text a code may carry here */

/* Append to b an <svg> of the QR code of text (error correction M, a quiet
 * zone of 4 modules, black on white, scalable: size it with CSS), with label
 * as its accessible name. HL_OK, HL_EINVAL (empty or over QR_TEXT_MAX), or
 * HL_ENOMEM (then b is marked failed). */
int qr_svg(struct hbuf *b, const char *text, const char *label, struct hl_err *err);

#endif
