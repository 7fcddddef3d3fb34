/* store_fixture.c — the store tests' shared fixture (store_fixture.h). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "store_fixture.h"

#define ARENA_CAP (16u << 20)

void fx_remove_db(const char *path)
{
	char side[80];

	unlink(path);
	snprintf(side, sizeof(side), "%s-wal", path);
	unlink(side);
	snprintf(side, sizeof(side), "%s-shm", path);
	unlink(side);
}

struct fx *fx_open(void)
{
	struct fx *f = calloc(1, sizeof(*f));
	int fd, v = 0;

	if (f == NULL)
		return NULL;
	snprintf(f->path, sizeof(f->path), "/tmp/hl-store-test-XXXXXX");
	fd = mkstemp(f->path);
	if (fd < 0) {
		free(f);
		return NULL;
	}
	close(fd);
	f->a = hl_arena_new(ARENA_CAP);
	if (f->a == NULL || store_open(f->path, &f->st, &f->err) != HL_OK ||
		store_migrate(f->st, &v, &f->err) != HL_OK || v < 1) {
		print_error("setup: %s\n", f->err.msg);
		store_close(f->st);
		hl_arena_free(f->a);
		fx_remove_db(f->path);
		free(f);
		return NULL;
	}
	return f;
}

int fx_setup(void **state)
{
	*state = fx_open();
	return *state != NULL ? 0 : -1;
}

int fx_setup_units(void **state)
{
	struct fx *f = fx_open();

	if (f == NULL)
		return -1;
	*state = f;
	f->unit = fx_unit(f, "XA-A", NULL, 0);
	f->unit2 = fx_unit(f, "XA-B", NULL, 0);
	return 0;
}

int fx_teardown(void **state)
{
	struct fx *f = *state;

	hl_arena_free(f->a);
	store_close(f->st);
	fx_remove_db(f->path);
	free(f);
	return 0;
}

int64_t fx_unit(struct fx *f, const char *code, const char *name, int64_t parent)
{
	struct store_unit u = {.parent_id = parent,
		.valid_from = HL_DAY_NONE,
		.valid_to = HL_DAY_NONE};

	snprintf(u.code, sizeof(u.code), "%s", code);
	if (name != NULL)
		snprintf(u.name, sizeof(u.name), "%s", name);
	else
		snprintf(u.name, sizeof(u.name), "Đơn vị %s", code);
	snprintf(u.type, sizeof(u.type), "ubnd-xa");
	OK(f, STORE(f->st, units, unit_put, &u, &f->err));
	assert_true(u.id > 0);
	return u.id;
}
