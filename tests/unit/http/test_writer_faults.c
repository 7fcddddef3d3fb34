/* test_writer_faults.c — the server's group-committing writer under faults
 * (issue 10): a real `hailong serve` runs in this process; bursts of a
 * clerk's posts (concurrent, so that a commit holds several) are sent while the Nth
 * call of the writer's store fails (store_fault.h), or the Nth allocation
 * (base/mem.h, any thread), for N = 1, 2, ... until a burst no longer
 * reaches the fault. After every burst: each post answered 2xx is stored,
 * the file is sound, and the tallies count exactly the counted responses —
 * a failed commit must leave nothing behind in them. ASan checks for leaks
 * when the program exits. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <arpa/inet.h>
#include <jansson.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "base/arena.h"
#include "base/mem.h"
#include "http/srv.h"
#include "base/token.h"
#include "store/store.h"
#include "store/store_fault.h"
#include "svc/builtin.h"
#include "svc/dbcheck.h"

#define BURST 6
#define MAX_N 5000 /* a burst makes a few dozen store calls, about 500 allocations */

static char dir[64], db[96], listen_at[32], token[TOKEN_SIZE];
static struct store_session sess;
static int port;
static struct store *writer; /* the server's writer store, wrapped */
static pthread_t server;
static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cv = PTHREAD_COND_INITIALIZER;
static bool ready, stopped;
static int server_rc;
static long burst_no;

static int wrap(struct store *inner, struct store **out, struct hl_err *err)
{
	int rc = store_fault_wrap(inner, out, err);

	writer = *out;
	return rc;
}

static void on_ready(const char *url, void *ctx)
{
	(void)url;
	(void)ctx;
	pthread_mutex_lock(&mu);
	ready = true;
	pthread_cond_signal(&cv);
	pthread_mutex_unlock(&mu);
}

static void *serve(void *arg)
{
	struct srv_opts o = {.db = db,
		.listen = listen_at,
		.quiet = true,
		.readers = 4,
		.wrap_writer = wrap};
	struct hl_err err = {0};

	(void)arg;
	server_rc = srv_run(&o, on_ready, NULL, &err);
	if (server_rc != HL_OK)
		fprintf(stderr, "srv_run: %s\n", err.msg);
	pthread_mutex_lock(&mu);
	stopped = true;
	pthread_cond_signal(&cv);
	pthread_mutex_unlock(&mu);
	return NULL;
}

static int free_port(void)
{
	struct sockaddr_in sa = {.sin_family = AF_INET};
	socklen_t len = sizeof(sa);
	int fd = socket(AF_INET, SOCK_STREAM, 0), p;

	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	assert_true(fd >= 0);
	assert_int_equal(bind(fd, (struct sockaddr *)&sa, sizeof(sa)), 0);
	assert_int_equal(getsockname(fd, (struct sockaddr *)&sa, &len), 0);
	p = ntohs(sa.sin_port);
	close(fd);
	return p;
}

static int group_setup(void **state)
{
	struct store *st = NULL;
	struct store_unit u = {.valid_from = HL_DAY_NONE, .valid_to = HL_DAY_NONE};
	struct store_user clerk = {0};
	struct hl_err err = {0};
	sigset_t sigs;
	int version;

	(void)state;
	json_set_alloc_funcs(hl_malloc, hl_free);
	snprintf(dir, sizeof(dir), "/tmp/hl-wfaults-XXXXXX");
	assert_non_null(mkdtemp(dir));
	snprintf(db, sizeof(db), "%s/w.db", dir);
	assert_int_equal(store_open(db, &st, &err), HL_OK);
	assert_int_equal(builtin_init(st, "test", &version, NULL, &err), HL_OK);
	snprintf(u.code, sizeof(u.code), "VT");
	snprintf(u.name, sizeof(u.name), "Phường Vĩnh Trường");
	snprintf(u.type, sizeof(u.type), "ubnd-xa");
	assert_int_equal(STORE(st, units, unit_put, &u, &err), HL_OK);
	/* a clerk's session: its responses are counted (a kiosk's would soon be
	 * held by the burst rule, and not reach the tallies) */
	snprintf(clerk.name, sizeof(clerk.name), "canbo");
	snprintf(clerk.pwhash, sizeof(clerk.pwhash), "-");
	clerk.role = ROLE_CLERK;
	clerk.unit_id = u.id;
	assert_int_equal(STORE(st, accounts, user_put, &clerk, &err), HL_OK);
	token_random(token, sizeof(token));
	token_hash(token, sess.token_hash);
	token_random(sess.csrf, sizeof(sess.csrf));
	sess.user_id = clerk.id;
	sess.expires_at = INT64_MAX / 2;
	assert_int_equal(STORE(st, accounts, session_put, &sess, &err), HL_OK);
	store_close(st);

	/* srv_run takes SIGTERM by sigwait: every thread must block it. */
	sigemptyset(&sigs);
	sigaddset(&sigs, SIGTERM);
	sigaddset(&sigs, SIGINT);
	pthread_sigmask(SIG_BLOCK, &sigs, NULL);
	port = free_port();
	snprintf(listen_at, sizeof(listen_at), "127.0.0.1:%d", port);
	assert_int_equal(pthread_create(&server, NULL, serve, NULL), 0);
	pthread_mutex_lock(&mu);
	while (!ready && !stopped)
		pthread_cond_wait(&cv, &mu);
	pthread_mutex_unlock(&mu);
	assert_true(ready);
	return 0;
}

static int group_teardown(void **state)
{
	char p[128];

	(void)state;
	kill(getpid(), SIGTERM);
	pthread_join(server, NULL);
	unlink(db);
	snprintf(p, sizeof(p), "%s-wal", db);
	unlink(p);
	snprintf(p, sizeof(p), "%s-shm", db);
	unlink(p);
	rmdir(dir);
	return server_rc == HL_OK ? 0 : -1;
}

/* ---- one post over a plain socket ---- */

struct post {
	char id[48];
	int status; /* 0 = no answer */
};

static void *post_one(void *arg)
{
	struct post *p = arg;
	struct sockaddr_in sa = {.sin_family = AF_INET, .sin_port = htons((uint16_t)port)};
	char body[256], req[1024], ans[256];
	size_t got = 0;
	ssize_t n;
	int fd, len;

	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	len = snprintf(body, sizeof(body),
		"{\"id\":\"%s\",\"unit\":\"VT\",\"instrument\":\"sipas-5\","
		"\"collected_at\":\"2024-06-03\",\"answers\":{\"TC1\":4,\"PV2\":5},"
		"\"comment\":\"Chờ lâu\"}",
		p->id);
	len = snprintf(req, sizeof(req),
		"POST /api/v1/responses HTTP/1.1\r\nHost: t\r\n"
		"Cookie: hl_session=%s\r\nX-CSRF-Token: %s\r\nContent-Type: application/json\r\n"
		"Content-Length: %d\r\nConnection: close\r\n\r\n%s",
		token, sess.csrf, len, body);
	p->status = 0;
	if ((fd = socket(AF_INET, SOCK_STREAM, 0)) < 0)
		return NULL;
	if (connect(fd, (struct sockaddr *)&sa, sizeof(sa)) == 0 &&
		send(fd, req, (size_t)len, MSG_NOSIGNAL) == len) {
		while (got < sizeof(ans) - 1 &&
			(n = recv(fd, ans + got, sizeof(ans) - 1 - got, 0)) > 0)
			got += (size_t)n;
		ans[got] = '\0';
		if (strncmp(ans, "HTTP/1.1 ", 9) == 0)
			p->status = (int)strtol(ans + 9, NULL, 10);
	}
	close(fd);
	return NULL;
}

/* ---- what the database holds ---- */

struct seen {
	const struct post *posts;
	bool found[BURST];
	int64_t counted, tallied;
};

static int on_resp(void *ctx, const struct store_response *r)
{
	struct seen *s = ctx;

	s->counted += r->status == RS_COUNTED;
	for (int i = 0; i < BURST; i++)
		s->found[i] |= strcmp(r->ext_id, s->posts[i].id) == 0;
	return HL_OK;
}

static int on_tally(void *ctx, const struct store_tally_row *row)
{
	struct seen *s = ctx;
	const struct hl_tally *t = hl_tallyset_find(&row->set, HL_CRIT_ALL);

	s->tallied += t != NULL ? t->n : 0;
	return HL_OK;
}

static void check_db(const struct post *posts, long n)
{
	struct store *st = NULL;
	struct hl_arena *a = hl_arena_new((size_t)1 << 20);
	struct hl_err err = {0};
	struct seen s = {.posts = posts};
	char **problems = NULL;
	size_t np = 0;

	assert_int_equal(store_open(db, &st, &err), HL_OK);
	assert_int_equal(dbcheck_run(st, true, a, &problems, &np, &err), HL_OK);
	assert_int_equal(np, 0);
	assert_int_equal(STORE(st, responses, response_scan, 0, HL_DAY_NONE, HL_DAY_NONE, on_resp,
				 &s, &err),
		HL_OK);
	assert_int_equal(STORE(st, tallies, tally_scan, GRAIN_DAY, false, HL_DAY_NONE, HL_DAY_NONE,
				 on_tally, &s, &err),
		HL_OK);
	store_close(st);
	hl_arena_free(a);
	for (int i = 0; i < BURST; i++)
		if (posts[i].status >= 200 && posts[i].status < 300 && !s.found[i])
			fail_msg("N=%ld: %s answered %d but not stored", n, posts[i].id,
				posts[i].status);
	if (s.tallied != s.counted)
		fail_msg("N=%ld: the tallies count %lld responses, the table has %lld counted", n,
			(long long)s.tallied, (long long)s.counted);
}

/* One burst with fault n (0 = none) of kind mem or store armed; whether
 * the fault was reached. */
static bool burst(long n, bool mem)
{
	struct post posts[BURST];
	pthread_t t[BURST];
	bool fired;

	burst_no++;
	for (int i = 0; i < BURST; i++)
		snprintf(posts[i].id, sizeof(posts[i].id), "b%ld-%d", burst_no, i);
	/* Arming from here races with the server's threads; that only moves
	 * which call fails. */
	if (mem)
		hl_mem_fail_after(n);
	else
		store_fault_after(writer, n);
	for (int i = 0; i < BURST; i++)
		assert_int_equal(pthread_create(&t[i], NULL, post_one, &posts[i]), 0);
	for (int i = 0; i < BURST; i++)
		pthread_join(t[i], NULL);
	fired = mem ? hl_mem_failed() : store_fault_fired(writer);
	hl_mem_fail_after(0);
	store_fault_after(writer, 0);
	/* Unarmed, every post is stored. With the writer's store failing, a post
	 * is stored or answered 5xx. With allocations failing anywhere, any
	 * answer but silence (an allocation in the gate may fail first). */
	for (int i = 0; i < BURST; i++) {
		int st = posts[i].status;

		if (st == 0 || (!fired && (st < 200 || st >= 300)) ||
			(!mem && st >= 300 && st < 500))
			fail_msg("N=%ld: %s answered %d", n, posts[i].id, st);
	}
	check_db(posts, n);
	return fired;
}

static void drive(bool mem)
{
	long runs = 0, reached = 0, n;

	assert_false(burst(0, mem));
	for (n = 1; n <= MAX_N; n++) {
		bool fired = burst(n, mem);

		runs++;
		reached += fired;
		if (!fired)
			break;
	}
	assert_true(reached > 0);
	print_message("writer, %s: %ld bursts of %d posts, the last at N = %ld reached no fault\n",
		mem ? "memory" : "store", runs, BURST, n);
}

static void test_writer_store(void **state)
{
	(void)state;
	drive(false);
}

static void test_writer_mem(void **state)
{
	(void)state;
	drive(true);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_writer_store),
		cmocka_unit_test(test_writer_mem),
	};

	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
