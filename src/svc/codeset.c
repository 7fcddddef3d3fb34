/* codeset.c — a set of 64-bit code hashes, open addressing with linear
 * probing, kept at most half full (codeset.h). */
#include "svc/codeset.h"

#include <stdint.h>

#include "base/err.h"
#include "base/mem.h"

struct codeset {
	uint64_t *slot; /* 0 = empty (a hash of 0 is stored as 1) */
	size_t cap, n;  /* cap a power of two */
};

/* FNV-1a, then a finaliser so the low bits (the slot) are well mixed. */
static uint64_t hash(const char *s)
{
	uint64_t h = 0xCBF29CE484222325ULL;

	for (; *s != '\0'; s++)
		h = (h ^ (unsigned char)*s) * 0x100000001B3ULL;
	h ^= h >> 33;
	h *= 0xFF51AFD7ED558CCDULL;
	h ^= h >> 33;
	return h != 0 ? h : 1;
}

struct codeset *codeset_new(void)
{
	struct codeset *s = hl_calloc(1, sizeof(*s));

	if (s == NULL)
		return NULL;
	s->cap = 1024;
	s->slot = hl_calloc(s->cap, sizeof(*s->slot));
	if (s->slot == NULL) {
		hl_free(s);
		return NULL;
	}
	return s;
}

void codeset_free(struct codeset *s)
{
	if (s == NULL)
		return;
	hl_free(s->slot);
	hl_free(s);
}

/* Put h into slot[0..cap); true if it was there. */
static bool put(uint64_t *slot, size_t cap, uint64_t h)
{
	size_t i = (size_t)h & (cap - 1);

	while (slot[i] != 0) {
		if (slot[i] == h)
			return true;
		i = (i + 1) & (cap - 1);
	}
	slot[i] = h;
	return false;
}

int codeset_add(struct codeset *s, const char *code, bool *seen)
{
	if (2 * (s->n + 1) > s->cap) {
		size_t cap = s->cap * 2;
		uint64_t *slot = hl_calloc(cap, sizeof(*slot));

		if (slot == NULL)
			return HL_ENOMEM;
		for (size_t i = 0; i < s->cap; i++)
			if (s->slot[i] != 0)
				put(slot, cap, s->slot[i]);
		hl_free(s->slot);
		s->slot = slot;
		s->cap = cap;
	}
	*seen = put(s->slot, s->cap, hash(code));
	s->n += !*seen;
	return HL_OK;
}
