/* gate.h — the gate's decisions before a handler runs (srv.c applies them),
 * kept apart from the server so they can be tested with plain values: who
 * is admitted to a route, and whether a write carries its CSRF token. */
#ifndef HL_GATE_H
#define HL_GATE_H

#include <stdbool.h>

#include "http/route.h"

/* What gate_admit says: admit, send the public to the login page (a page,
 * not the API), or answer 401 / 403. */
enum gate_verdict { GATE_ADMIT = 0, GATE_LOGIN = 1, GATE_UNAUTHORIZED = 401, GATE_FORBIDDEN = 403 };

/* A caller of role (enum store_role), with a kiosk's Bearer token or not,
 * on route rt. */
enum gate_verdict gate_admit(int role, bool kiosk_auth, const struct route *rt);

/* The CSRF secrets a request carries, each NULL when absent: the hl_csrf
 * cookie, the form's csrf field, the X-CSRF-Token header, and the session's
 * own token (logged in). */
struct gate_tokens {
	const char *cookie, *form, *header, *session;
};

/* Whether a request of method by a caller of role (kiosk token or not) on a
 * route with flags passes the CSRF check: only a POST is checked, never a
 * kiosk's or a one-time link's (R_TOKEN); the public's forms (R_FORM) by the
 * double-submit cookie; a session's API writes by the header, its forms by
 * the field, compared in constant time. */
bool gate_csrf_ok(const char *method, int role, bool kiosk_auth, unsigned flags,
	const struct gate_tokens *t);

#endif
