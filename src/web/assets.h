/* assets.h — the files under src/web/assets/, embedded in the binary at build
 * time (scripts/embed-assets.py) and served under /static/. */
#ifndef HL_ASSETS_H
#define HL_ASSETS_H

#include <stddef.h>

struct asset {
	const char *name; /* "site.css" */
	const char *ctype;
	const unsigned char *data;
	size_t len;
};

/* Terminated by a NULL name. */
extern const struct asset assets[];

#endif
