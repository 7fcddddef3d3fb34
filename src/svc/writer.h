/* writer.h — the single writer: every write of a server (a kiosk's response,
 * a form) is handed to one thread and its caller waits. The writer takes
 * everything queued, runs it in one transaction (should a job fail, the
 * batch runs again with each job in its own savepoint, so that one failure
 * undoes only itself), adds the counted responses
 * to the tallies, commits with a full fsync, and only then wakes the callers.
 * An acknowledged write is therefore always on disk, and a thousand waiting
 * writes cost one fsync, not a thousand. A transaction that loses a race
 * with another writer process (HL_ERETRY from the store) is undone and run
 * again, a few times at most. Works over any store. */
#ifndef HL_WRITER_H
#define HL_WRITER_H

#include <stdbool.h>
#include <stdint.h>

#include "base/err.h"

struct hl_instrument;
struct store;
struct store_response;
struct writer;
struct writer_tx;

/* Times a transaction that lost a race (HL_ERETRY) is run again. */
#define WRITER_RETRIES 5

/* One job, run by the writer inside a transaction shared with other jobs.
 * It may call the store (writer_tx_store) and writer_tx_count; if it fails,
 * only its own writes are undone. It may run more than once (after
 * HL_ERETRY, and whenever its batch's first run failed: any job's failure
 * runs the batch again the careful way): it reads its input from the start
 * (a stream rewound) and sets every output it has each time. */
typedef int (*writer_fn)(struct writer_tx *tx, void *arg, struct hl_err *err);

/* What the writer has done since it started. */
struct writer_stats {
	uint64_t commits; /* transactions committed: one fsync each */
	uint64_t jobs;    /* jobs committed */
	uint64_t counted; /* responses added to the tallies (writer_tx_count) */
	uint64_t retries; /* transactions run again after HL_ERETRY */
	uint64_t guarded; /* batches run again, a savepoint per job, after their first run failed */
};

/* Start a writer thread committing on st (the caller's, open until
 * writer_stop). log(ctx, message) (may be NULL) hears of failed commits.
 * HL_ENOMEM, HL_EIO (no thread). The caller frees *out with writer_stop. */
int writer_start(struct store *st, void (*log)(void *ctx, const char *msg), void *ctx,
	struct writer **out, struct hl_err *err);

/* Refuse new jobs, finish the queued ones, stop the thread and free w; NULL
 * is a no-op. */
void writer_stop(struct writer *w);

/* Told, on the writer's thread, what became of a posted job once it is
 * durable or failed: rc and err (valid during the call only) are fn's or
 * the commit's. It must not block: the next commit waits for it. */
typedef void (*writer_done_fn)(void *ctx, int rc, const struct hl_err *err);

/* Queue fn(tx, arg) and return at once; done(ctx, …) follows once it is
 * durable. arg and ctx must live until then. HL_EIO when the writer is
 * stopping, HL_ENOMEM: then done is never called. */
int writer_post(struct writer *w, writer_fn fn, void *arg, writer_done_fn done, void *ctx,
	struct hl_err *err);

/* Run fn(tx, arg) on the writer and wait until it is durable (committed).
 * Returns fn's status, or the commit's; HL_EIO when the writer is stopping. */
int writer_run(struct writer *w, writer_fn fn, void *arg, struct hl_err *err);

/* Copy the counters into out. */
void writer_get_stats(struct writer *w, struct writer_stats *out);

/* Whether the job runs in a batch's first run, which any failure (of a job,
 * of a statement sent later, of the commit) undoes and runs again the
 * careful way: a job may then send writes whose clash it is not told of
 * (store's response_insert_later). */
bool writer_tx_later(const struct writer_tx *tx);

/* The writer's store connection, inside a job. */
struct store *writer_tx_store(struct writer_tx *tx);

/* The instrument version id, parsed, from the writer's cache (owned by it);
 * NULL with err set when it cannot be loaded. */
const struct hl_instrument *writer_tx_instrument(struct writer_tx *tx, int64_t id,
	struct hl_err *err);

/* Add a stored, counted response to the tallies (added once the job has
 * succeeded, flushed before the commit). */
int writer_tx_count(struct writer_tx *tx, const struct store_response *r, struct hl_err *err);

/* writer_tx_count with the transaction as a void *: the count callback that
 * svc/review.h and svc/paper.h take, called with ctx = the job's tx. */
int writer_tx_counter(void *tx, const struct store_response *r, struct hl_err *err);

#endif
