/* routes.c — every URL hailong answers, and what the gate checks first. */
#include "http/route.h"
#include "api/api.h"
#include "web/pages.h"

#define KB 1024

const struct route routes[] = {
	/* method, pattern, least role, flags, body cap, handler */
	{"GET", "/static/*", ROLE_NONE, 0, 0, page_static},
	{"GET", "/healthz", ROLE_NONE, R_API, 0, api_health},
	{"GET", "/login", ROLE_NONE, R_FORM, 0, page_login_form},
	{"POST", "/login", ROLE_NONE, R_FORM, 4 * KB, page_login},
	{"POST", "/logout", ROLE_ENTRY, R_FORM, 4 * KB, page_logout},
	{"GET", "/", ROLE_ENTRY, 0, 0, page_home},
	{"GET", "/api/v1/index", ROLE_CLERK, R_API, 0, api_index},
	{NULL, NULL, 0, 0, 0, NULL},
};
