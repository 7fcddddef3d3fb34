/* voice.c — GET /audio/CODE/VERSION/KEY.wav, for anyone: a question or an
 * answer of instrument CODE at VERSION read aloud (svc/voice.h), for the
 * "Nghe" buttons of the kiosk and the phone survey. A version never
 * changes, so the clip is cached for a year by browsers and kept by the
 * kiosk's service worker for when the server cannot be reached. */
#include <string.h>

#include "base/arena.h"
#include "base/mem.h"
#include "base/text.h"
#include "http/srv.h"
#include "svc/voice.h"
#include "web/pages.h"

int page_voice(struct http_req *r)
{
	const char *code = r->param[0], *ver = r->param[1], *file = r->param[2];
	const unsigned char *wav = NULL;
	struct hl_err err = {0};
	char key[96];
	size_t len = 0, klen;
	bool owned = false;
	long version = 0;
	void *copy;

	klen = file != NULL ? strlen(file) : 0;
	if (code == NULL || ver == NULL || klen <= 4 || klen - 4 >= sizeof(key) ||
		strcmp(file + klen - 4, ".wav") != 0 || strlen(code) >= STORE_CODE_MAX ||
		!hl_parse_long(ver, 1, 1000000, &version)) {
		hl_err_set(&err, HL_ENOTFOUND, "key", "không có đoạn đọc này");
		return http_send_err(r, &err);
	}
	memcpy(key, file, klen - 4);
	key[klen - 4] = '\0';
	if (voice_clip(srv_voice(r), r->st, code, (int)version, key, &wav, &len, &owned, &err) !=
		HL_OK)
		return http_send_err(r, &err);
	/* the response is copied after this returns: a clip of the cache lives
	 * as long as the server, one rendered for this request alone goes into
	 * the request's arena */
	if (owned) {
		copy = hl_arena_alloc(r->a, len);
		if (copy != NULL)
			memcpy(copy, wav, len);
		hl_free((void *)wav);
		if (copy == NULL) {
			hl_err_set(&err, HL_ENOMEM, HL_HERE, "hết bộ nhớ");
			return http_send_err(r, &err);
		}
		wav = copy;
	}
	http_add_header(r, "Cache-Control", "public, max-age=31536000, immutable");
	return http_send(r, 200, "audio/wav", (const char *)wav, len);
}
