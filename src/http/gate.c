/* gate.c — the gate's decisions (gate.h). */
#include "http/gate.h"

#include <string.h>

#include <sodium.h>

#include "store/store.h"

enum gate_verdict gate_admit(int role, bool kiosk_auth, const struct route *rt)
{
	if (role >= rt->min_role || (kiosk_auth && (rt->flags & R_KIOSK)))
		return GATE_ADMIT;
	if (role == ROLE_NONE)
		return rt->flags & R_API ? GATE_UNAUTHORIZED : GATE_LOGIN;
	return GATE_FORBIDDEN;
}

static bool same_secret(const char *a, const char *b)
{
	size_t n = a ? strlen(a) : 0;

	return a != NULL && b != NULL && n > 0 && n == strlen(b) && sodium_memcmp(a, b, n) == 0;
}

bool gate_csrf_ok(const char *method, int role, bool kiosk_auth, unsigned flags,
	const struct gate_tokens *t)
{
	if (strcmp(method, "POST") != 0 || kiosk_auth || (flags & R_TOKEN))
		return true;
	if (role == ROLE_NONE) {
		/* A public form (the login page): double-submit cookie. */
		return !(flags & R_FORM) || same_secret(t->cookie, t->form);
	}
	if (flags & R_API)
		return same_secret(t->header, t->session);
	return same_secret(t->form, t->session);
}
