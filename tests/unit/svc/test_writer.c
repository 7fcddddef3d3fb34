/* test_writer.c — svc/writer.h on a real store: jobs waiting together share
 * one commit and run without savepoints, a failing job undoes only itself
 * (its batch run again, a savepoint per job), a transaction that lost a
 * race (HL_ERETRY) is run again from the start, a bounded number of times,
 * and a posted job (writer_post) is told its outcome once. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../store/store_fixture.h"
#include "svc/writer.h"

#define NJOBS 16

struct put {
	char code[16];
	int fail;            /* HL_OK, or what the job returns after its write */
	int retry_runs;      /* runs that answer HL_ERETRY after the write */
	int runs;            /* out: times the job ran */
	pthread_mutex_t *mu; /* the first job waits until every job is started */
	int *queued;
	struct writer *w;
	int rc;
	struct hl_err err;
};

static void sleep_ms(long ms)
{
	struct timespec ts = {.tv_sec = ms / 1000, .tv_nsec = (ms % 1000) * 1000000L};

	nanosleep(&ts, NULL);
}

/* Put the unit p->code; then fail as told. */
static int put_unit(struct writer_tx *tx, void *arg, struct hl_err *err)
{
	struct put *p = arg;
	struct store_unit u = {.valid_from = HL_DAY_NONE, .valid_to = HL_DAY_NONE};
	int rc;

	p->runs++;
	if (p->mu != NULL) {
		for (;;) {
			int n;

			pthread_mutex_lock(p->mu);
			n = *p->queued;
			pthread_mutex_unlock(p->mu);
			if (n >= NJOBS)
				break;
			sleep_ms(5);
		}
		sleep_ms(50); /* the last ones counted reach the queue */
	}
	snprintf(u.code, sizeof(u.code), "%s", p->code);
	snprintf(u.name, sizeof(u.name), "Đơn vị %s", p->code);
	snprintf(u.type, sizeof(u.type), "ubnd-xa");
	if ((rc = STORE(writer_tx_store(tx), units, unit_put, &u, err)) != HL_OK)
		return rc;
	if (p->runs <= p->retry_runs)
		return hl_err_set(err, HL_ERETRY, HL_HERE, "thua một cuộc đua ghi");
	if (p->fail != HL_OK)
		return hl_err_set(err, p->fail, "unit", "hỏng theo ý bài kiểm thử");
	return HL_OK;
}

static void *submit(void *arg)
{
	struct put *p = arg;

	p->rc = writer_run(p->w, put_unit, p, &p->err);
	return NULL;
}

static bool has_unit(struct fx *f, const char *code)
{
	struct store_unit u;

	return STORE(f->st, units, unit_get, code, &u, &f->err) == HL_OK;
}

/* Sixteen jobs queued while the writer is busy with the first: two commits
 * for all, and the one that fails leaves nothing behind; its batch ran
 * twice, the second time a savepoint per job. */
static void test_group_commit(void **state)
{
	struct fx *f = *state;
	struct writer *w = NULL;
	struct writer_stats ws;
	struct put p[NJOBS];
	pthread_t th[NJOBS];
	pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
	int queued = 0;

	OK(f, writer_start(f->st, NULL, NULL, &w, &f->err));
	memset(p, 0, sizeof(p));
	for (int i = 0; i < NJOBS; i++) {
		snprintf(p[i].code, sizeof(p[i].code), "G%d", i);
		p[i].w = w;
		p[i].queued = &queued;
		p[i].fail = i == 5 ? HL_EINVAL : HL_OK;
	}
	p[0].mu = &mu;
	assert_int_equal(pthread_create(&th[0], NULL, submit, &p[0]), 0);
	sleep_ms(20);
	for (int i = 1; i < NJOBS; i++)
		assert_int_equal(pthread_create(&th[i], NULL, submit, &p[i]), 0);
	pthread_mutex_lock(&mu);
	queued = NJOBS;
	pthread_mutex_unlock(&mu);
	for (int i = 0; i < NJOBS; i++)
		pthread_join(th[i], NULL);
	writer_get_stats(w, &ws);
	writer_stop(w);
	for (int i = 0; i < NJOBS; i++) {
		assert_int_equal(p[i].rc, i == 5 ? HL_EINVAL : HL_OK);
		assert_int_equal(has_unit(f, p[i].code), i != 5);
		/* the batch's first run stopped at the failing job: those queued
		 * before it ran twice, those after it once */
		assert_in_range(p[i].runs, 1, 2);
	}
	assert_int_equal(p[0].runs, 1);
	assert_int_equal(p[5].runs, 2);
	assert_int_equal(ws.jobs, NJOBS - 1);
	assert_true(ws.commits <= 2);
	assert_int_equal(ws.retries, 0);
	assert_int_equal(ws.guarded, 1);
}

/* A job that loses a race twice: its batch is undone and run again (the
 * unit put by the undone runs is not there to collide with the third). */
static void test_retry(void **state)
{
	struct fx *f = *state;
	struct writer *w = NULL;
	struct writer_stats ws;
	struct put p = {.code = "R1", .retry_runs = 2};

	OK(f, writer_start(f->st, NULL, NULL, &w, &f->err));
	p.w = w;
	submit(&p);
	writer_get_stats(w, &ws);
	writer_stop(w);
	if (p.rc != HL_OK)
		print_error("%s\n", p.err.msg);
	assert_int_equal(p.rc, HL_OK);
	assert_int_equal(p.runs, 3);
	assert_int_equal(ws.retries, 2);
	assert_int_equal(ws.commits, 1);
	assert_true(has_unit(f, "R1"));
}

/* One that always loses: run WRITER_RETRIES more times, then HL_ERETRY, and
 * nothing stored. */
static void test_retry_bounded(void **state)
{
	struct fx *f = *state;
	struct writer *w = NULL;
	struct put p = {.code = "R2", .retry_runs = 1000};

	OK(f, writer_start(f->st, NULL, NULL, &w, &f->err));
	p.w = w;
	submit(&p);
	writer_stop(w);
	assert_int_equal(p.rc, HL_ERETRY);
	assert_int_equal(p.runs, WRITER_RETRIES + 1);
	assert_false(has_unit(f, "R2"));
}

/* What writer_post's jobs were told. */
struct told {
	pthread_mutex_t mu;
	pthread_cond_t cv;
	int n;
	int times[NJOBS];
	int rc[NJOBS];
};

struct posted {
	struct put p;
	struct told *t;
	int i;
};

static void tell(void *ctx, int rc, const struct hl_err *err)
{
	struct posted *q = ctx;

	(void)err;
	pthread_mutex_lock(&q->t->mu);
	q->t->times[q->i]++;
	q->t->rc[q->i] = rc;
	q->t->n++;
	pthread_cond_signal(&q->t->cv);
	pthread_mutex_unlock(&q->t->mu);
}

/* Jobs posted from one thread that does not wait: each is told once, after
 * its commit, with its own status; those queued behind the first share one
 * commit. */
static void test_post(void **state)
{
	struct fx *f = *state;
	struct writer *w = NULL;
	struct writer_stats ws;
	struct posted q[NJOBS];
	struct told t = {.mu = PTHREAD_MUTEX_INITIALIZER, .cv = PTHREAD_COND_INITIALIZER};
	pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
	int queued = 0;

	OK(f, writer_start(f->st, NULL, NULL, &w, &f->err));
	memset(q, 0, sizeof(q));
	for (int i = 0; i < NJOBS; i++) {
		snprintf(q[i].p.code, sizeof(q[i].p.code), "P%d", i);
		q[i].p.queued = &queued;
		q[i].p.fail = i == 3 ? HL_EINVAL : HL_OK;
		q[i].t = &t;
		q[i].i = i;
	}
	q[0].p.mu = &mu;
	for (int i = 0; i < NJOBS; i++)
		OK(f, writer_post(w, put_unit, &q[i].p, tell, &q[i], &f->err));
	pthread_mutex_lock(&mu);
	queued = NJOBS;
	pthread_mutex_unlock(&mu);
	pthread_mutex_lock(&t.mu);
	while (t.n < NJOBS)
		pthread_cond_wait(&t.cv, &t.mu);
	pthread_mutex_unlock(&t.mu);
	writer_get_stats(w, &ws);
	writer_stop(w);
	for (int i = 0; i < NJOBS; i++) {
		assert_int_equal(t.times[i], 1);
		assert_int_equal(t.rc[i], i == 3 ? HL_EINVAL : HL_OK);
		assert_int_equal(has_unit(f, q[i].p.code), i != 3);
	}
	assert_int_equal(ws.jobs, NJOBS - 1);
	assert_true(ws.commits <= 2);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_group_commit, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_retry, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_retry_bounded, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_post, fx_setup, fx_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
