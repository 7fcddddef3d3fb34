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
	{"GET", "/api/v1/session", ROLE_ENTRY, R_API, 0, api_session},
	{"GET", "/kiosk", ROLE_NONE, 0, 0, page_kiosk},
	{"GET", "/kiosk-sw.js", ROLE_NONE, 0, 0, page_kiosk_sw},
	{"GET", "/s/*", ROLE_NONE, 0, 0, page_survey},
	{"GET", "/s/*/config", ROLE_NONE, R_API, 0, api_survey_config},
	{"POST", "/s/*/submit", ROLE_NONE, R_API | R_TOKEN, 16 * KB, api_survey_submit},
	{"GET", "/receipts", ROLE_CLERK, R_FORM, 0, page_receipts_form},
	{"POST", "/receipts", ROLE_CLERK, R_FORM, 8 * KB, page_receipts_create},
	{"POST", "/api/v1/responses", ROLE_ENTRY, R_API | R_KIOSK, 16 * KB, api_responses_post},
	{"GET", "/api/v1/kiosk/config", ROLE_ENTRY, R_API | R_KIOSK, 0, api_kiosk_config},
	{"GET", "/review", ROLE_CLERK, R_FORM, 0, page_review},
	{"POST", "/review/*", ROLE_CLERK, R_FORM, 4 * KB, page_review_post},
	{"GET", "/paper", ROLE_ENTRY, 0, 0, page_paper_list},
	{"POST", "/paper", ROLE_ENTRY, R_FORM, 8 * KB, page_paper_create},
	{"GET", "/paper/*", ROLE_ENTRY, 0, 0, page_paper_batch},
	{"POST", "/paper/*", ROLE_ENTRY, R_FORM, 24 * KB, page_paper_entry},
	{"POST", "/paper/*/delete", ROLE_ENTRY, R_FORM, 4 * KB, page_paper_delete},
	{"GET", "/paper/*/diff", ROLE_ENTRY, 0, 0, page_paper_diff},
	{"POST", "/paper/*/close", ROLE_ENTRY, R_FORM, 4 * KB, page_paper_close},
	{"GET", "/admin", ROLE_ADMIN, R_FORM, 0, page_admin},
	{"GET", "/admin/units", ROLE_ADMIN, R_FORM, 0, page_admin_units},
	{"POST", "/admin/units", ROLE_ADMIN, R_FORM, 8 * KB, page_admin_units_post},
	{"POST", "/admin/units/merge", ROLE_ADMIN, R_FORM, 8 * KB, page_admin_units_merge},
	{"GET", "/admin/fields", ROLE_ADMIN, R_FORM, 0, page_admin_fields},
	{"POST", "/admin/fields", ROLE_ADMIN, R_FORM, 4 * KB, page_admin_fields_post},
	{"GET", "/admin/staff", ROLE_ADMIN, R_FORM, 0, page_admin_staff},
	{"POST", "/admin/staff", ROLE_ADMIN, R_FORM, 4 * KB, page_admin_staff_post},
	{"GET", "/admin/instruments", ROLE_ADMIN, R_FORM, 0, page_admin_instruments},
	{"GET", "/admin/instruments/*", ROLE_ADMIN, 0, 0, page_admin_instrument},
	{"POST", "/admin/instruments", ROLE_ADMIN, R_FORM, 3 * 256 * KB, page_admin_instruments_post},
	{"GET", "/admin/targets", ROLE_ADMIN, R_FORM, 0, page_admin_targets},
	{"POST", "/admin/targets", ROLE_ADMIN, R_FORM, 4 * KB, page_admin_targets_post},
	{"GET", "/admin/users", ROLE_ADMIN, R_FORM, 0, page_admin_users},
	{"POST", "/admin/users", ROLE_ADMIN, R_FORM, 4 * KB, page_admin_users_post},
	{"POST", "/admin/users/disable", ROLE_ADMIN, R_FORM, 4 * KB, page_admin_users_disable},
	{"GET", "/public/*", ROLE_NONE, 0, 0, page_public},
	{NULL, NULL, 0, 0, 0, NULL},
};
