/* lookup.c — the map and the code set (lookup.h): open addressing with
 * linear probing on one hash, each doubling at 50 % load. A map's keys live
 * in one arena freed with it; a set keeps only the hashes. */
#include "svc/lookup.h"

#include <stdint.h>
#include <string.h>

#include "base/arena.h"
#include "base/mem.h"

#define KEYS_CAP ((size_t)512 * 1024 * 1024)

struct slot {
	const char *key;
	uint64_t hash;
	void *val;
};

struct lookup {
	struct slot *slots;
	size_t cap, count; /* cap is a power of two */
	struct hl_arena *keys;
};

/* FNV-1a, then a finaliser so the low bits (the slot) are well mixed; never
 * 0, which a code set's empty slot is. */
static uint64_t hash_str(const char *s)
{
	uint64_t h = 0xCBF29CE484222325ULL;

	for (; *s != '\0'; s++)
		h = (h ^ (unsigned char)*s) * 0x100000001B3ULL;
	h ^= h >> 33;
	h *= 0xFF51AFD7ED558CCDULL;
	h ^= h >> 33;
	return h != 0 ? h : 1;
}

struct lookup *lookup_new(void)
{
	struct lookup *l = hl_calloc(1, sizeof(*l));

	if (l == NULL)
		return NULL;
	l->cap = 64;
	l->slots = hl_calloc(l->cap, sizeof(*l->slots));
	l->keys = hl_arena_new(KEYS_CAP);
	if (l->slots == NULL || l->keys == NULL) {
		lookup_free(l);
		return NULL;
	}
	return l;
}

void lookup_free(struct lookup *l)
{
	if (l == NULL)
		return;
	hl_free(l->slots);
	hl_arena_free(l->keys);
	hl_free(l);
}

static struct slot *find(struct slot *slots, size_t cap, const char *key, uint64_t h)
{
	size_t i = (size_t)h & (cap - 1);

	while (slots[i].key != NULL) {
		if (slots[i].hash == h && strcmp(slots[i].key, key) == 0)
			return &slots[i];
		i = (i + 1) & (cap - 1);
	}
	return &slots[i];
}

static int grow(struct lookup *l)
{
	size_t ncap = l->cap * 2;
	struct slot *ns = hl_calloc(ncap, sizeof(*ns));

	if (ns == NULL)
		return HL_ENOMEM;
	for (size_t i = 0; i < l->cap; i++)
		if (l->slots[i].key != NULL)
			*find(ns, ncap, l->slots[i].key, l->slots[i].hash) = l->slots[i];
	hl_free(l->slots);
	l->slots = ns;
	l->cap = ncap;
	return HL_OK;
}

int lookup_put(struct lookup *l, const char *key, void *val)
{
	uint64_t h = hash_str(key);
	struct slot *s = find(l->slots, l->cap, key, h);

	if (s->key != NULL) {
		s->val = val;
		return HL_OK;
	}
	if ((l->count + 1) * 2 > l->cap) {
		if (grow(l) != HL_OK)
			return HL_ENOMEM;
		s = find(l->slots, l->cap, key, h);
	}
	s->key = hl_arena_strdup(l->keys, key);
	if (s->key == NULL)
		return HL_ENOMEM;
	s->hash = h;
	s->val = val;
	l->count++;
	return HL_OK;
}

void *lookup_get(const struct lookup *l, const char *key)
{
	const struct slot *s = find(l->slots, l->cap, key, hash_str(key));

	return s->key != NULL ? s->val : NULL;
}

/* ---- the code set ---- */

struct codeset {
	uint64_t *slot; /* 0 = empty (a hash of 0 is stored as 1) */
	size_t cap, n;  /* cap a power of two */
};

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
	/* at most three quarters full: a 10-million-id file fits 2^24 slots
	 * (128 MB; 134 + 268 MB while growing, at half full) */
	if (4 * (s->n + 1) > 3 * s->cap) {
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
	*seen = put(s->slot, s->cap, hash_str(code));
	s->n += !*seen;
	return HL_OK;
}
