/* voice.h — the speaking kiosk (issue 14 §5): each question and each answer
 * of an instrument version read aloud by espeak-ng's Vietnamese voice
 * (io/speech.h), as WAV clips for the kiosk's and the phone survey's "Nghe"
 * buttons.
 *
 * An instrument version never changes, so its clips never do: each is
 * rendered once by a process and kept in that process's cache (a cache of
 * derived data, not shared state: another server process speaks the same
 * words itself). The cache is bounded; past its bound a clip is rendered for
 * the request alone. */
#ifndef HL_SVC_VOICE_H
#define HL_SVC_VOICE_H

#include <stdbool.h>
#include <stddef.h>

#include "base/err.h"

struct store;

#define VOICE_CACHE_BYTES ((size_t)128 << 20) /* the server's bound */

/* The clips rendered so far; safe from several threads. */
struct voice_cache;

/* A cache holding at most max bytes of clips into *out (voice_cache_free). */
int voice_cache_new(size_t max, struct voice_cache **out, struct hl_err *err);
void voice_cache_free(struct voice_cache *c);

/* One clip of instrument code at version (1..):
 *   key "q-CODE"     question CODE, as "Câu N. <its text>";
 *   key "s-SCALE-L"  level L (1..) of scale SCALE: its label ("Rất hài lòng").
 * *wav and *len get the WAV file's bytes, which live as long as the cache
 * (c may be NULL: no cache) when *owned is false, else the caller hl_frees
 * them. HL_ENOTFOUND for an unknown instrument, version or key (a message
 * for the citizen's screen); HL_EIO when espeak-ng or its Vietnamese voice
 * is missing. */
int voice_clip(struct voice_cache *c, struct store *st, const char *code, int version,
	const char *key, const unsigned char **wav, size_t *len, bool *owned, struct hl_err *err);

/* The words spoken for key in instrument in (what voice_clip renders,
 * before numbers are put in words) into buf (size bytes, cut at a
 * character); false for an unknown key. */
struct hl_instrument;
bool voice_text(const struct hl_instrument *in, const char *key, char *buf, size_t size);

#endif
