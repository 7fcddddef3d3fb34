/* route.c — matching a request to the route table. */
#include "http/route.h"

#include <string.h>

/* Does path match pattern? Each '*' takes one non-empty segment, kept in
 * params (pointers into a copy owned by the caller's path). */
static int match(const char *pattern, const char *path, const char **params, char *buf, size_t size)
{
	int np = 0;
	size_t o = 0;

	while (*pattern && *path) {
		if (*pattern == '*') {
			const char *end = strchr(path, '/');
			size_t len = end ? (size_t)(end - path) : strlen(path);

			if (len == 0 || np >= HTTP_MAX_PARAMS || o + len + 1 > size)
				return 0;
			memcpy(buf + o, path, len);
			buf[o + len] = '\0';
			params[np++] = buf + o;
			o += len + 1;
			path += len;
			pattern++;
			continue;
		}
		if (*pattern != *path)
			return 0;
		pattern++;
		path++;
	}
	return *pattern == '\0' && *path == '\0';
}

const struct route *route_match(const char *method, const char *path, const char **params,
	char *buf, size_t size, int *path_known)
{
	*path_known = 0;
	for (int i = 0; i < HTTP_MAX_PARAMS; i++)
		params[i] = NULL;
	for (const struct route *rt = routes; rt->method != NULL; rt++) {
		if (!match(rt->pattern, path, params, buf, size))
			continue;
		if (strcmp(rt->method, method) == 0 ||
			(strcmp(rt->method, "GET") == 0 && strcmp(method, "HEAD") == 0))
			return rt;
		*path_known = 1;
	}
	for (int i = 0; i < HTTP_MAX_PARAMS; i++)
		params[i] = NULL;
	return NULL;
}
