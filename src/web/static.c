/* static.c — serving the embedded assets under /static/. */
#include <string.h>

#include "web/assets.h"
#include "web/pages.h"

int page_static(struct http_req *r)
{
	for (const struct asset *a = assets; a->name != NULL; a++) {
		if (strcmp(a->name, r->param[0]) != 0)
			continue;
		/* Assets change only with the binary: an hour of caching is safe. */
		http_add_header(r, "Cache-Control", "public, max-age=3600");
		return http_send(r, 200, a->ctype, (const char *)a->data, a->len);
	}
	return http_send(r, 404, "text/plain; charset=utf-8", "không có tệp này\n",
		strlen("không có tệp này\n"));
}
