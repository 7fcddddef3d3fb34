/* pages.h — the HTML pages' handlers (one file per page group in src/web/),
 * listed in the route table (src/http/routes.c). */
#ifndef HL_PAGES_H
#define HL_PAGES_H

#include "http/http.h"

/* static.c: GET /static/NAME — the embedded assets. */
int page_static(struct http_req *r);

/* login.c: GET /login, POST /login, POST /logout. */
int page_login_form(struct http_req *r);
int page_login(struct http_req *r);
int page_logout(struct http_req *r);

/* home.c: GET / — the dashboard. */
int page_home(struct http_req *r);

#endif
