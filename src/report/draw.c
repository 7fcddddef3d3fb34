/* draw.c — loading the drawing module (draw.h) once, and the renderers it
 * holds, each a call through its table. */
#define _GNU_SOURCE /* secure_getenv */
#include "report/draw.h"

#include <dlfcn.h>
#include <limits.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "report/fb_letter.h"
#include "report/plan_doc.h"
#include "report/render.h"
#include "report/weekly.h"

#define MODULE "hailong-draw.so"

/* Set once by load() (pthread_once): the table, or why there is none. The
 * module is never unloaded: its atexit handler and cairo's caches live in it. */
static pthread_once_t load_once = PTHREAD_ONCE_INIT;
static const struct draw_api *_Atomic api;
static char why[400];

/* The module's table from path, or NULL with why filled. */
static const struct draw_api *open_module(const char *path)
{
	void *lib = dlopen(path, RTLD_NOW | RTLD_LOCAL);
	const struct draw_api *t;

	if (lib == NULL) {
		snprintf(why, sizeof(why), "%s", dlerror());
		return NULL;
	}
	t = dlsym(lib, "hl_draw_module");
	if (t == NULL || t->abi != DRAW_ABI || t->shapes != DRAW_SHAPES) {
		snprintf(why, sizeof(why), "%.300s không phải phần vẽ của bản hailong này", path);
		return NULL; /* kept loaded: dlclose gains nothing in a process about to fail */
	}
	return t;
}

/* $HAILONG_DRAW; else beside the program, else where meson installed it. */
static void load(void)
{
	const char *env = secure_getenv("HAILONG_DRAW");
	char path[PATH_MAX];
	ssize_t n;

	if (env != NULL && *env != '\0') {
		api = open_module(env);
		return;
	}
	n = readlink("/proc/self/exe", path, sizeof(path) - 1);
	if (n > 0) {
		char *slash;

		path[n] = '\0';
		slash = strrchr(path, '/');
		if (slash != NULL && (size_t)(slash + 1 - path) + sizeof(MODULE) <= sizeof(path)) {
			memcpy(slash + 1, MODULE, sizeof(MODULE));
			if (access(path, R_OK) == 0) {
				api = open_module(path);
				return;
			}
		}
	}
	api = open_module(HL_DRAW_DIR "/" MODULE);
}

const struct draw_api *draw_load(struct hl_err *err)
{
	pthread_once(&load_once, load);
	if (api == NULL)
		hl_err_set(err, HL_EIO, MODULE,
			"không nạp được phần vẽ báo cáo (PDF, XLSX, biểu đồ): %s. Cài lại hailong "
			"(meson install) hoặc đặt HAILONG_DRAW là đường dẫn tới " MODULE,
			why);
	return api;
}

/* Each renderer: a call through the module's table, loaded on the first. */
#define THROUGH_MODULE(name, params, args) \
	int name params \
	{ \
		const struct draw_api *d = draw_load(err); \
		return d != NULL ? d->name args : HL_EIO; \
	}

THROUGH_MODULE(rpt_pdf, (const struct rpt_model *m, const char *path, struct hl_err *err),
	(m, path, err))
THROUGH_MODULE(rpt_xlsx, (const struct rpt_model *m, const char *path, struct hl_err *err),
	(m, path, err))
THROUGH_MODULE(wk_pdf, (const struct wk_model *m, const char *path, struct hl_err *err),
	(m, path, err))
THROUGH_MODULE(wk_xlsx, (const struct wk_model *m, const char *path, struct hl_err *err),
	(m, path, err))
THROUGH_MODULE(plan_pdf, (const struct plan_doc *p, const char *path, struct hl_err *err),
	(p, path, err))
THROUGH_MODULE(plan_xlsx, (const struct plan_doc *p, const char *path, struct hl_err *err),
	(p, path, err))
THROUGH_MODULE(fbl_write,
	(const struct fb_letter *l, const char *signer, const char *path, struct hl_arena *a,
		struct hl_err *err),
	(l, signer, path, a, err))
THROUGH_MODULE(chart_svg,
	(const struct chart *c, const char *id, struct hl_arena *a, char **out, size_t *len,
		struct hl_err *err),
	(c, id, a, out, len, err))
THROUGH_MODULE(chart_png,
	(const struct chart *c, const char *path, double scale, struct hl_err *err),
	(c, path, scale, err))
THROUGH_MODULE(chart_pdf, (const struct chart *c, const char *path, struct hl_err *err),
	(c, path, err))

/* Without the module, c's own height: the chart_svg that follows says why. */
int chart_hbars_height(const struct chart *c)
{
	const struct draw_api *d = draw_load(NULL);

	return d != NULL ? d->chart_hbars_height(c) : c->height;
}

/* Nothing to release before the module is loaded. */
void chart_cleanup(void)
{
	const struct draw_api *d = atomic_load(&api);

	if (d != NULL)
		d->chart_cleanup();
}
