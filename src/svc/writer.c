/* writer.c — the group commit of writer.h: a queue of jobs, one thread
 * running them in one transaction, the tally sink, and the wake-up. */
#include "svc/writer.h"

#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "base/mem.h"
#include "core/instrument.h"
#include "store/store.h"
#include "svc/instruments.h"
#include "svc/tallyacc.h"

#define BATCH_MAX 1024 /* jobs in one transaction */

struct job {
	writer_fn fn;
	void *arg;
	int rc;
	struct hl_err err;
	writer_done_fn done; /* told the outcome, on the writer's thread */
	void *done_ctx;
	bool owned; /* writer_post's: freed once told */
	struct job *next;
};

/* writer_run's wait: its own condition, so a commit wakes only its caller. */
struct waiter {
	struct writer *w;
	pthread_cond_t cv;
	bool done;
	int rc;
	struct hl_err err;
};

/* One transaction's state: the responses counted by jobs, waiting for their
 * job's success to reach the tallies. */
struct writer_tx {
	struct writer *w;
	bool later; /* a batch's first run: see writer_tx_later */
	struct tacc *acc;
	struct tacc_resp *stage;
	size_t nstage, capstage;
};

struct writer {
	struct store *st;
	void (*log)(void *ctx, const char *msg);
	void *log_ctx;

	pthread_t thread;
	pthread_mutex_t mu;
	pthread_cond_t work;
	struct job *head, *tail;
	bool stopping;
	struct writer_stats stats; /* under mu */

	/* The writer thread's own: parsed instruments, for the tallies. */
	struct instruments_cache *inst;
	struct writer_tx tx;
};

bool writer_tx_later(const struct writer_tx *tx)
{
	return tx->later;
}

struct store *writer_tx_store(struct writer_tx *tx)
{
	return tx->w->st;
}

int writer_tx_count(struct writer_tx *tx, const struct store_response *r, struct hl_err *err)
{
	int rc;

	if (!hl_grow(&tx->stage, &tx->capstage, tx->nstage + 1, sizeof(*tx->stage)))
		return hl_err_set(err, HL_ENOMEM, HL_HERE, "hết bộ nhớ khi ghi phiếu");
	rc = tacc_resp_of(r, &tx->stage[tx->nstage], err);
	if (rc == HL_OK)
		tx->nstage++;
	return rc;
}

const struct hl_instrument *writer_tx_instrument(struct writer_tx *tx, int64_t id,
	struct hl_err *err)
{
	return instruments_cached(tx->w->inst, tx->w->st, id, err);
}

int writer_tx_counter(void *tx, const struct store_response *r, struct hl_err *err)
{
	return writer_tx_count(tx, r, err);
}

/* Score the responses counted since from and add them to the tallies. */
static int tally_staged(struct writer_tx *tx, size_t from, struct hl_err *err)
{
	struct hl_crit_score sc[HL_MAX_CRITERIA];

	for (size_t i = from; i < tx->nstage; i++) {
		const struct tacc_resp *g = &tx->stage[i];
		const struct hl_instrument *in = instruments_cached(tx->w->inst, tx->w->st,
			g->r.instrument_id, err);
		unsigned char answers[STORE_ANSWERS_MAX] = {0};
		int rc;

		if (in == NULL)
			return err->code;
		/* scored as the scan would: questions past the answers given unanswered */
		memcpy(answers, g->r.answers, (size_t)g->r.nanswers);
		if ((rc = hl_instrument_score(in, answers, sc, err)) != HL_OK ||
			(rc = tacc_add(tx->acc, g, in, sc, err)) != HL_OK)
			return rc;
	}
	return HL_OK;
}

/* run_batch's answer when its first run failed otherwise than by losing a
 * race: the transaction is undone and the batch must run the careful way. */
#define RUN_GUARDED 1

/* Run the jobs in one transaction and commit it; each job gets its status.
 * guarded: each job under its own savepoint, so a failing one is undone
 * alone, and each write told its outcome at once. Unguarded (a batch's
 * first run), there are no savepoints, jobs may send writes later
 * (writer_tx_later), and any failure undoes the transaction (RUN_GUARDED):
 * jobs rarely fail, and a batch with a failure costs two runs. Returns the
 * transaction's status (HL_ERETRY: undone, run it again). */
static int run_batch(struct writer *w, struct job *jobs, bool guarded)
{
	struct writer_tx *tx = &w->tx;
	struct hl_err err = {0};
	int rc = store_begin(w->st, &err);

	tx->nstage = 0;
	tx->later = !guarded;
	for (struct job *j = jobs; j != NULL; j = j->next) {
		size_t mark = tx->nstage;

		hl_err_clear(&j->err);
		if (rc != HL_OK) {
			j->rc = rc;
			j->err = err;
			continue;
		}
		if (guarded && (j->rc = store_savepoint(w->st, &j->err)) != HL_OK) {
			rc = j->rc;
			err = j->err;
			continue;
		}
		j->rc = j->fn(tx, j->arg, &j->err);
		if (j->rc == HL_ERETRY) {
			/* the transaction lost a race: all of it is run again */
			rc = j->rc;
			err = j->err;
			continue;
		}
		if (j->rc != HL_OK && !guarded) {
			/* the careful run tells which job failed, and why */
			rc = j->rc;
			err = j->err;
			continue;
		}
		if (j->rc != HL_OK) {
			/* The job failed: undo it alone, the batch goes on — unless
			 * the transaction itself is gone (SQLite rolls back the whole
			 * transaction on some errors, out of memory or a full disk):
			 * then so are the batch's other writes. */
			struct hl_err ignored;

			tx->nstage = mark;
			if (store_rollback_to(w->st, &ignored) != HL_OK) {
				rc = j->rc;
				err = j->err;
			}
			continue;
		}
		/* Its tallies, then the savepoint's release: a failure of either
		 * leaves the tallies or the savepoint half done, so the whole batch
		 * is undone (and every job in it answered the error). */
		if ((j->rc = tally_staged(tx, mark, &j->err)) != HL_OK ||
			(guarded && (j->rc = store_release(w->st, &j->err)) != HL_OK)) {
			rc = j->rc;
			err = j->err;
		}
	}
	if (rc == HL_OK)
		rc = tacc_flush(tx->acc, &err);
	if (rc == HL_OK)
		rc = store_commit(w->st, &err);
	if (rc != HL_OK) {
		struct hl_err ignored;

		store_rollback(w->st, &ignored);
		tacc_discard(tx->acc);
		if (rc != HL_ERETRY && !guarded)
			return RUN_GUARDED;
		if (rc != HL_ERETRY && w->log != NULL) {
			char msg[sizeof(err.msg) + 32];

			snprintf(msg, sizeof(msg), "lỗi ghi: %s", err.msg);
			w->log(w->log_ctx, msg);
		}
		for (struct job *j = jobs; j != NULL; j = j->next)
			if (j->rc == HL_OK || j->rc == HL_ERETRY) {
				j->rc = rc;
				j->err = err;
			}
	}
	return rc;
}

/* Run a batch without savepoints, with them once a job fails, again while
 * it loses races (bounded); then count it. */
static void run_jobs(struct writer *w, struct job *jobs)
{
	int rc = HL_ERETRY, tries = 0, n = 0;
	bool guarded = false;

	if (w->tx.acc == NULL) {
		for (struct job *j = jobs; j; j = j->next)
			j->rc = hl_err_set(&j->err, HL_ENOMEM, HL_HERE, "hết bộ nhớ");
		return;
	}
	while (rc == HL_ERETRY && tries++ <= WRITER_RETRIES)
		if ((rc = run_batch(w, jobs, guarded)) == RUN_GUARDED) {
			guarded = true;
			rc = HL_ERETRY;
			tries--;
		}
	for (struct job *j = jobs; j; j = j->next)
		n += j->rc == HL_OK;
	pthread_mutex_lock(&w->mu);
	w->stats.retries += (uint64_t)(tries - 1);
	w->stats.guarded += guarded;
	if (rc == HL_OK) {
		w->stats.commits++;
		w->stats.jobs += (uint64_t)n;
		w->stats.counted += w->tx.nstage;
	}
	pthread_mutex_unlock(&w->mu);
}

static void *writer_main(void *arg)
{
	struct writer *w = arg;

	for (;;) {
		struct job *batch, *j;
		int n = 0;

		pthread_mutex_lock(&w->mu);
		while (w->head == NULL && !w->stopping)
			pthread_cond_wait(&w->work, &w->mu);
		if (w->head == NULL) {
			pthread_mutex_unlock(&w->mu);
			break;
		}
		batch = w->head;
		for (j = batch; j->next != NULL && ++n < BATCH_MAX; j = j->next)
			;
		w->head = j->next;
		if (w->head == NULL)
			w->tail = NULL;
		j->next = NULL;
		pthread_mutex_unlock(&w->mu);

		run_jobs(w, batch);

		for (j = batch; j;) {
			/* A job may be gone once told: read next first. */
			struct job *next = j->next;
			bool owned = j->owned;

			j->done(j->done_ctx, j->rc, &j->err);
			if (owned)
				hl_free(j);
			j = next;
		}
	}
	return NULL;
}

int writer_start(struct store *st, void (*log)(void *ctx, const char *msg), void *ctx,
	struct writer **out, struct hl_err *err)
{
	struct writer *w = hl_calloc(1, sizeof(*w));

	*out = NULL;
	if (w == NULL)
		return hl_err_set(err, HL_ENOMEM, HL_HERE, "hết bộ nhớ");
	w->st = st;
	w->log = log;
	w->log_ctx = ctx;
	w->tx.w = w;
	w->inst = instruments_cache_new();
	w->tx.acc = tacc_new(st, 4096);
	if (w->inst == NULL || w->tx.acc == NULL) {
		tacc_free(w->tx.acc);
		instruments_cache_free(w->inst);
		hl_free(w);
		return hl_err_set(err, HL_ENOMEM, HL_HERE, "hết bộ nhớ");
	}
	pthread_mutex_init(&w->mu, NULL);
	pthread_cond_init(&w->work, NULL);
	if (pthread_create(&w->thread, NULL, writer_main, w) != 0) {
		pthread_cond_destroy(&w->work);
		pthread_mutex_destroy(&w->mu);
		tacc_free(w->tx.acc);
		instruments_cache_free(w->inst);
		hl_free(w);
		return hl_err_set(err, HL_EIO, HL_HERE, "không tạo được luồng ghi");
	}
	*out = w;
	return HL_OK;
}

void writer_stop(struct writer *w)
{
	if (w == NULL)
		return;
	pthread_mutex_lock(&w->mu);
	w->stopping = true;
	pthread_cond_broadcast(&w->work);
	pthread_mutex_unlock(&w->mu);
	pthread_join(w->thread, NULL);
	pthread_cond_destroy(&w->work);
	pthread_mutex_destroy(&w->mu);
	tacc_free(w->tx.acc);
	hl_free(w->tx.stage);
	instruments_cache_free(w->inst);
	hl_free(w);
}

/* Queue j; HL_EIO when the writer is stopping. */
static int enqueue(struct writer *w, struct job *j, struct hl_err *err)
{
	pthread_mutex_lock(&w->mu);
	if (w->stopping) {
		pthread_mutex_unlock(&w->mu);
		return hl_err_set(err, HL_EIO, HL_HERE, "máy chủ đang dừng: hãy gửi lại sau");
	}
	if (w->tail)
		w->tail->next = j;
	else
		w->head = j;
	w->tail = j;
	pthread_cond_signal(&w->work);
	pthread_mutex_unlock(&w->mu);
	return HL_OK;
}

int writer_post(struct writer *w, writer_fn fn, void *arg, writer_done_fn done, void *ctx,
	struct hl_err *err)
{
	struct job *j = hl_calloc(1, sizeof(*j));
	int rc;

	if (j == NULL)
		return hl_err_set(err, HL_ENOMEM, HL_HERE, "hết bộ nhớ");
	*j = (struct job){.fn = fn, .arg = arg, .done = done, .done_ctx = ctx, .owned = true};
	if ((rc = enqueue(w, j, err)) != HL_OK)
		hl_free(j);
	return rc;
}

static void wake(void *ctx, int rc, const struct hl_err *err)
{
	struct waiter *wt = ctx;

	pthread_mutex_lock(&wt->w->mu);
	wt->rc = rc;
	if (rc != HL_OK)
		wt->err = *err;
	wt->done = true;
	pthread_cond_signal(&wt->cv);
	pthread_mutex_unlock(&wt->w->mu);
}

int writer_run(struct writer *w, writer_fn fn, void *arg, struct hl_err *err)
{
	struct waiter wt = {.w = w};
	/* j and wt live on this stack until wake(), which we wait for */
	struct job j = {.fn = fn, .arg = arg, .done = wake, .done_ctx = &wt};
	int rc;

	pthread_cond_init(&wt.cv, NULL);
	if ((rc = enqueue(w, &j, err)) == HL_OK) {
		pthread_mutex_lock(&w->mu);
		while (!wt.done)
			pthread_cond_wait(&wt.cv, &w->mu);
		pthread_mutex_unlock(&w->mu);
		rc = wt.rc;
		if (rc != HL_OK && err != NULL)
			*err = wt.err;
	}
	pthread_cond_destroy(&wt.cv);
	return rc;
}

void writer_get_stats(struct writer *w, struct writer_stats *out)
{
	pthread_mutex_lock(&w->mu);
	*out = w->stats;
	pthread_mutex_unlock(&w->mu);
}
