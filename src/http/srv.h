/* srv.h — `hailong serve`: the HTTP server (GNU libmicrohttpd with epoll and
 * a pool of threads), the gate every request passes, a pool of read connections,
 * and svc/writer.h's single writer that commits many requests' writes with one
 * fsync. */
#ifndef HL_SRV_H
#define HL_SRV_H

#include <stdbool.h>
#include <stdint.h>

#include "base/err.h"

struct http_req;
struct server;
struct store;

struct srv_opts {
	const char *db;      /* store target */
	const char *read_db; /* a replica for the public pages (R_REPLICA), or NULL */
	const char *listen;  /* "127.0.0.1:8080" */
	int readers;         /* read connections (default 8) */
	int threads;         /* threads running requests (0 = 16) */
	int per_address;     /* open connections per client address, 0 = no limit;
	                            * loopback peers (the reverse proxy) are not counted */
	bool quiet;          /* no request log */
	bool trust_proxy;    /* behind a reverse proxy on this machine: take the client's
	                            * address from X-Forwarded-For on loopback connections */
	/* Tests only: wrap the writer's store once open (store_fault_wrap: it
	 * takes inner over, and closes it on failure); NULL = none. */
	int (*wrap_writer)(struct store *inner, struct store **out, struct hl_err *err);
};

/* Start serving; returns when SIGTERM or SIGINT arrives and every request in
 * flight has been answered and committed. ready (may be NULL) is called once
 * the socket listens, with the base URL ("http://127.0.0.1:8080"). */
int srv_run(const struct srv_opts *o, void (*ready)(const char *base_url, void *ctx), void *ctx,
	struct hl_err *err);

/* One line to the server log (stderr), with the time. */
void srv_log(struct server *s, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Rate limit: count one event of rule (enum rl_rule, svc/ratelimit.h) for
 * who (e.g. the client's address) through the writer (srv_write for r), so
 * the check and the count are one step; false when the rule's limit is
 * reached. A store failure lets the request through to its own write, which
 * reports it. */
bool srv_allow(struct http_req *r, int rule, const char *who);

/* Seconds since 1970 (wall clock). */
int64_t srv_now(void);

/* The server's cache of spoken clips (svc/voice.h); NULL outside a server. */
struct voice_cache *srv_voice(struct http_req *r);

#endif
