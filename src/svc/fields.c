/* fields.c — a field found by what a person typed (fields.h). */
#include "svc/fields.h"

#include <stdio.h>
#include <string.h>

#include "base/text.h"

#define FOLD_MAX (STORE_NAME_MAX * 2)

bool fields_find(const struct store_field *f, size_t n, const char *typed, size_t *at)
{
	char want[FOLD_MAX], name[FOLD_MAX];
	size_t len, starts = 0, first = 0;

	for (size_t i = 0; i < n; i++)
		if (strcmp(f[i].code, typed) == 0) {
			*at = i;
			return true;
		}
	if (!hl_text_fold(typed, want, sizeof(want)))
		return false;
	hl_trim(want);
	len = strlen(want);
	if (len == 0)
		return false;
	for (size_t i = 0; i < n; i++) {
		if (!hl_text_fold(f[i].name, name, sizeof(name)))
			continue;
		if (strcmp(name, want) == 0) {
			*at = i;
			return true;
		}
		if (len >= 3 && strncmp(name, want, len) == 0 && starts++ == 0)
			first = i;
	}
	if (starts == 1)
		*at = first;
	return starts == 1;
}

int fields_list(struct store *st, struct hl_arena *a, struct store_field **out, size_t *n,
	struct hl_err *err)
{
	return STORE(st, units, field_list, a, out, n, err);
}

int fields_put_in(struct store *st, struct store_field *f, const char *who, struct hl_err *err)
{
	char detail[STORE_CODE_MAX + STORE_NAME_MAX + 8];
	int rc = STORE(st, units, field_put, f, err);

	snprintf(detail, sizeof(detail), "%s: %s", f->code, f->name);
	if (rc == HL_OK)
		rc = STORE(st, admin, audit, who, "fields.put", detail, err);
	return rc;
}
