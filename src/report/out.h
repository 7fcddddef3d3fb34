/* out.h — how every report renderer writes its file: to a temporary file
 * beside the target (same directory, so the rename cannot cross file
 * systems), renamed over the target only once it is complete. A failure at
 * any point removes the temporary file and leaves the target as it was. */
#ifndef HL_RPT_OUT_H
#define HL_RPT_OUT_H

#include <stdbool.h>
#include <stdio.h>

#include "base/err.h"

#define RPT_PATH_MAX 4096

struct rpt_out {
	FILE *f;                 /* open for writing on tmp; NULL once closed */
	char tmp[RPT_PATH_MAX];  /* "<path>.tmp-XXXXXX"; "" when nothing is left behind */
	char path[RPT_PATH_MAX]; /* the target */
};

/* Create the temporary file for path and open o->f on it (mode 0644). A
 * renderer that writes by name (libxlsxwriter) may fclose o->f, set it to
 * NULL and write o->tmp itself. HL_EINVAL for an empty or too long path,
 * HL_EIO (message naming the folder and why) when it cannot be created. */
int rpt_out_begin(struct rpt_out *o, const char *path, struct hl_err *err);

/* Finish: flush, sync and close o->f (if still open), then rename the
 * temporary file to the target. On any failure the temporary file is
 * removed and HL_EIO returned with the reason. */
int rpt_out_commit(struct rpt_out *o, struct hl_err *err);

/* Give up: close o->f and remove the temporary file. Harmless after
 * rpt_out_commit, twice, or on a zeroed struct. */
void rpt_out_abort(struct rpt_out *o);

#endif
