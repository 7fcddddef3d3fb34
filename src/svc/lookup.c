/* lookup.c — open addressing with linear probing and FNV-1a; the table
 * doubles at 50 % load. Keys live in one arena freed with the map. */
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

static uint64_t hash_str(const char *s)
{
	uint64_t h = 1469598103934665603ULL;

	for (; *s != '\0'; s++) {
		h ^= (unsigned char)*s;
		h *= 1099511628211ULL;
	}
	return h;
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
