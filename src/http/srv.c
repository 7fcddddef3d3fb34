/* srv.c — the server: libmicrohttpd glue, the gate and the read pool.
 *
 * Every write a request makes (a kiosk's response, a form) goes to the one
 * writer of svc/writer.h, which commits many requests' writes with one
 * fsync; the request gives its read connection back while it waits, so a
 * commit gathers every waiting request. An answer "201" is always on disk. */
#include "base/clock.h"
#include "http/srv.h"

#include <arpa/inet.h>
#include <errno.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <sodium.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <time.h>

#include "base/arena.h"
#include "base/mem.h"
#include "base/text.h"
#include "http/page.h"
#include "http/http.h"
#include "http/gate.h"
#include "http/route.h"
#include "io/html.h"
#include "base/token.h"
#include "svc/accounts.h"
#include "svc/ratelimit.h"
#include "svc/dbcheck.h"
#include "svc/import.h"
#include "svc/voice.h"
#include "svc/writer.h"

#define MAX_READERS 32
#define REQ_ARENA ((size_t)16 << 20)
#define SERVE_THREADS 16                /* --threads by default */
#define SERVE_CACHE ((int64_t)16 << 20) /* bytes SQLite caches, all connections */
#define CONN_MAX 4096                   /* open connections, every client together */
#define CONN_TIMEOUT 15 /* seconds a connection may stay silent (headers, body, idle) */
#define FD_RESERVE 256  /* descriptors kept for the database, logs and files */
#define CHECK_SYNC_BYTES ((off_t)32 << 20) /* a larger file is checked in the background */

/* Open connections of one peer address (the TCP peer, before any
 * X-Forwarded-For). */
struct peer {
	unsigned char addr[16];
	int n;
};

struct pool {
	pthread_mutex_t mu;
	pthread_cond_t cv;
	struct store *st[MAX_READERS];
	bool busy[MAX_READERS];
	int n;
};

struct server {
	struct MHD_Daemon *d;
	const struct srv_opts *o;
	bool quiet;
	bool trust_proxy; /* client addresses from X-Forwarded-For (srv_opts) */

	pthread_mutex_t log_mu;

	/* Read connections to the database, lent to one request at a time,
	 * and to its replica (--read-db) for the public pages (R_REPLICA). */
	struct pool rd, replica;

	/* The writer (svc/writer.h) and its connection. */
	struct writer *w;
	struct store *wst;

	/* Connections per peer address, for srv_opts.per_address: only peers
	 * with a connection open are listed (npeers of them). */
	pthread_mutex_t peer_mu;
	struct peer peers[CONN_MAX];
	int npeers;

	/* Damage found in the database file: writes are refused with this
	 * message (how to restore), reads go on. */
	pthread_mutex_t dmg_mu;
	bool damaged;
	char damage[2048];
	pthread_t checker; /* the start-up check of a large file */
	bool checker_started;

	/* The speaking kiosk's clips rendered so far (svc/voice.h). */
	struct voice_cache *voice;

	/* Requests parked by srv_write_then until the writer tells them. */
	pthread_mutex_t park_mu;
	pthread_cond_t park_cv;
	int parked;    /* suspended, not yet answered */
	bool stopping; /* no more parking: the daemon is stopping */
};

/* Per-request state across libmicrohttpd's calls: the request first. */
struct reqstate {
	struct http_req req;
	struct MHD_Connection *conn;
	const struct route *route;
	struct hbuf body; /* started at the first piece uploaded */
	bool too_large;
	int slot; /* the read connection lent to it (r->st), or -1 */
	struct timespec t0;

	/* Parked by srv_write_then: what answers it, and (under park_mu) what
	 * the writer told. */
	srv_then_fn then;
	void *then_arg;
	bool written;
	int wrc;
	struct hl_err werr;
};

struct voice_cache *srv_voice(struct http_req *r)
{
	return r->srv != NULL ? r->srv->voice : NULL;
}

int64_t srv_now(void)
{
	return hl_clock_now();
}

void srv_log(struct server *s, const char *fmt, ...)
{
	char stamp[32];
	time_t now = time(NULL);
	struct tm tm;
	va_list ap;

	localtime_r(&now, &tm);
	strftime(stamp, sizeof(stamp), "%Y-%m-%d %H:%M:%S", &tm);
	pthread_mutex_lock(&s->log_mu);
	fprintf(stderr, "%s ", stamp);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	pthread_mutex_unlock(&s->log_mu);
}

/* ---- the read pool ---- */

static struct store *pool_take(struct pool *p, int *slot)
{
	pthread_mutex_lock(&p->mu);
	for (;;) {
		for (int i = 0; i < p->n; i++) {
			if (!p->busy[i]) {
				p->busy[i] = true;
				*slot = i;
				pthread_mutex_unlock(&p->mu);
				return p->st[i];
			}
		}
		pthread_cond_wait(&p->cv, &p->mu);
	}
}

static void pool_give(struct pool *p, int slot)
{
	pthread_mutex_lock(&p->mu);
	p->busy[slot] = false;
	pthread_cond_signal(&p->cv);
	pthread_mutex_unlock(&p->mu);
}

/* n connections to target into p. */
static int pool_open(struct pool *p, const char *target, int n, struct hl_err *err)
{
	int rc = HL_OK;

	pthread_mutex_init(&p->mu, NULL);
	pthread_cond_init(&p->cv, NULL);
	for (; p->n < n && rc == HL_OK; p->n += rc == HL_OK)
		rc = store_open(target, &p->st[p->n], err);
	return rc;
}

static void pool_close(struct pool *p)
{
	for (int i = 0; i < p->n; i++)
		store_close(p->st[i]);
}

/* ---- damage ---- */

/* The database file is damaged (what: the first problem found): from now on
 * every write is refused with how to restore it. */
static void srv_damaged(struct server *s, const char *what)
{
	bool first;

	pthread_mutex_lock(&s->dmg_mu);
	first = !s->damaged;
	if (first) {
		dbcheck_advice(s->o->db, s->damage, sizeof(s->damage));
		s->damaged = true;
	}
	pthread_mutex_unlock(&s->dmg_mu);
	if (first)
		srv_log(s, "CƠ SỞ DỮ LIỆU BỊ HỎNG (%s): từ giờ chỉ cho đọc, không ghi. %s", what,
			s->damage);
}

/* Whether writes are refused; err gets why. */
static bool srv_refuses(struct server *s, struct hl_err *err)
{
	bool damaged;

	pthread_mutex_lock(&s->dmg_mu);
	damaged = s->damaged;
	if (damaged)
		hl_err_set(err, HL_ECORRUPT, HL_HERE,
			"Máy chủ chỉ cho xem, không nhận dữ liệu mới. %s", s->damage);
	pthread_mutex_unlock(&s->dmg_mu);
	return damaged;
}

/* The quick check of the database file on st (the server's, or the checker
 * thread's own connection). */
static void check_db(struct server *s, struct store *st)
{
	struct hl_arena *a = hl_arena_new((size_t)1 << 20);
	struct hl_err err = {0};
	char **problems = NULL;
	size_t n = 0;
	int rc;

	if (a == NULL)
		return;
	rc = dbcheck_run(st, true, a, &problems, &n, &err);
	if (rc == HL_ECORRUPT)
		srv_damaged(s, err.msg);
	else if (rc == HL_OK && n > 0)
		srv_damaged(s, problems[0]);
	else if (rc != HL_OK)
		srv_log(s, "không kiểm tra được tệp cơ sở dữ liệu: %s", err.msg);
	else
		srv_log(s, "đã kiểm tra nhanh tệp cơ sở dữ liệu: không có lỗi");
	hl_arena_free(a);
}

static void *checker_main(void *arg)
{
	struct server *s = arg;
	struct store *st = NULL;
	struct hl_err err = {0};

	if (store_open(s->o->db, &st, &err) != HL_OK)
		srv_log(s, "không kiểm tra được tệp cơ sở dữ liệu: %s", err.msg);
	else
		check_db(s, st);
	store_close(st);
	return NULL;
}

/* Check the file when the server starts: at once when it is small, in the
 * background when it is large, so that start-up stays fast. */
static void start_check(struct server *s)
{
	struct stat sb;

	if (stat(s->o->db, &sb) == 0 && sb.st_size > CHECK_SYNC_BYTES &&
		pthread_create(&s->checker, NULL, checker_main, s) == 0) {
		s->checker_started = true;
		srv_log(s, "đang kiểm tra nhanh tệp cơ sở dữ liệu (%lld MB) trong nền",
			(long long)(sb.st_size >> 20));
		return;
	}
	check_db(s, s->wst);
}

/* ---- the writer ---- */

static struct reqstate *state_of(struct http_req *r)
{
	return (struct reqstate *)r;
}

/* Run the route's handler; a public page reads from the replica when
 * there is one (what it writes, a rate limit, still goes to the writer,
 * after which it reads from the database). */
static void run_handler(struct server *s, struct http_req *r, const struct route *rt)
{
	struct reqstate *rs = state_of(r);
	int slot = -1;

	if ((rt->flags & R_REPLICA) && s->replica.n > 0)
		r->st = pool_take(&s->replica, &slot);
	rt->handler(r);
	if (slot >= 0) {
		pool_give(&s->replica, slot);
		r->st = rs->slot >= 0 ? s->rd.st[rs->slot] : NULL;
	}
}

static void writer_log(void *ctx, const char *msg)
{
	srv_log(ctx, "%s", msg);
}

/* The request's read connection goes back to the pool while it waits for the
 * writer, so that a commit can gather every waiting request, not only as
 * many as there are read connections; it gets one again to answer. */
int srv_write(struct http_req *r, writer_fn fn, void *arg, struct hl_err *err)
{
	struct server *s = r->srv;
	struct reqstate *rs = state_of(r);
	int rc;

	if (srv_refuses(s, err))
		return HL_ECORRUPT;
	if (rs->slot >= 0) {
		pool_give(&s->rd, rs->slot);
		rs->slot = -1;
		r->st = NULL;
	}
	rc = writer_run(s->w, fn, arg, err);
	r->st = pool_take(&s->rd, &rs->slot);
	if (rc == HL_ECORRUPT)
		srv_damaged(s, err->msg);
	return rc;
}

int http_write(void *ctx, writer_fn fn, void *arg, struct hl_err *err)
{
	return srv_write(ctx, fn, arg, err);
}

static int send_status(struct http_req *r, bool api, int status, const char *message,
	const char *field);

/* The writer's word on a parked request: keep it and resume the connection
 * (libmicrohttpd then calls on_request again, which answers). Under
 * park_mu, so that a request woken otherwise (the daemon stopping) cannot
 * be answered and freed while its connection is being resumed. */
static void unpark(void *ctx, int rc, const struct hl_err *err)
{
	struct reqstate *rs = ctx;
	struct server *s = rs->req.srv;

	pthread_mutex_lock(&s->park_mu);
	rs->wrc = rc;
	if (rc != HL_OK)
		rs->werr = *err;
	rs->written = true;
	MHD_resume_connection(rs->conn);
	pthread_cond_broadcast(&s->park_cv);
	pthread_mutex_unlock(&s->park_mu);
}

int srv_write_then(struct http_req *r, writer_fn fn, void *arg, srv_then_fn then)
{
	struct server *s = r->srv;
	struct reqstate *rs = state_of(r);
	struct hl_err err = {0};
	bool park;
	int rc;

	if (srv_refuses(s, &err))
		return then(r, HL_ECORRUPT, &err, arg);
	if (rs->slot >= 0) {
		pool_give(&s->rd, rs->slot);
		rs->slot = -1;
		r->st = NULL;
	}
	pthread_mutex_lock(&s->park_mu);
	park = !s->stopping;
	s->parked += park;
	pthread_mutex_unlock(&s->park_mu);
	if (!park) {
		/* The daemon may not stop with a suspended connection: wait here. */
		rc = writer_run(s->w, fn, arg, &err);
		if (rc == HL_ECORRUPT)
			srv_damaged(s, err.msg);
		return then(r, rc, &err, arg);
	}
	rs->then = then;
	rs->then_arg = arg;
	/* suspended before the writer may tell it, which resumes it */
	MHD_suspend_connection(rs->conn);
	if ((rc = writer_post(s->w, fn, arg, unpark, rs, &err)) != HL_OK)
		unpark(rs, rc, &err);
	return 0;
}

/* Answer a parked request once the writer has told it. */
static void answer_parked(struct server *s, struct reqstate *rs)
{
	struct http_req *r = &rs->req;
	srv_then_fn then = rs->then;

	pthread_mutex_lock(&s->park_mu);
	while (!rs->written)
		pthread_cond_wait(&s->park_cv, &s->park_mu);
	pthread_mutex_unlock(&s->park_mu);
	rs->then = NULL;
	if (rs->wrc == HL_ECORRUPT)
		srv_damaged(s, rs->werr.msg);
	then(r, rs->wrc, &rs->werr, rs->then_arg);
	if (r->status == 0)
		send_status(r, (rs->route->flags & R_API) != 0, 500, "trang không trả lời", NULL);
}

/* Stop parking (a request still in a handler waits on its thread instead)
 * and wait until every parked request has been answered (the writer still
 * runs): libmicrohttpd may not stop with a suspended connection. */
static void wait_unparked(struct server *s)
{
	pthread_mutex_lock(&s->park_mu);
	s->stopping = true;
	while (s->parked > 0)
		pthread_cond_wait(&s->park_cv, &s->park_mu);
	pthread_mutex_unlock(&s->park_mu);
}

struct limit_job {
	int rule;
	const char *who;
	int64_t now;
	bool taken;
};

static int write_limit(struct writer_tx *tx, void *arg, struct hl_err *err)
{
	struct limit_job *j = arg;

	return rl_take(writer_tx_store(tx), (enum rl_rule)j->rule, j->who, j->now, &j->taken, err);
}

bool srv_allow(struct http_req *r, int rule, const char *who)
{
	struct server *s = r->srv;
	struct limit_job j = {.rule = rule, .who = who, .now = srv_now()};
	struct hl_err err = {0};

	if (srv_write(r, write_limit, &j, &err) != HL_OK) {
		/* The request's own write meets the same trouble and answers it. */
		srv_log(s, "không đếm được lượt cho giới hạn tần suất: %s", err.msg);
		return true;
	}
	return j.taken;
}

/* ---- reading the request ---- */

const char *http_query(struct http_req *r, const char *name)
{
	return MHD_lookup_connection_value(state_of(r)->conn, MHD_GET_ARGUMENT_KIND, name);
}

const char *http_header(struct http_req *r, const char *name)
{
	return MHD_lookup_connection_value(state_of(r)->conn, MHD_HEADER_KIND, name);
}

const char *http_cookie(struct http_req *r, const char *name)
{
	return MHD_lookup_connection_value(state_of(r)->conn, MHD_COOKIE_KIND, name);
}

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Decode a form value (+ and %XX) into the arena; NULL if not valid UTF-8. */
static char *form_decode(struct hl_arena *a, const char *s, size_t n)
{
	char *out = hl_arena_alloc(a, n + 1);
	size_t o = 0;

	if (out == NULL)
		return NULL;
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '+') {
			out[o++] = ' ';
		} else if (s[i] == '%' && i + 2 < n && hexval(s[i + 1]) >= 0 &&
			hexval(s[i + 2]) >= 0) {
			out[o++] = (char)(hexval(s[i + 1]) * 16 + hexval(s[i + 2]));
			i += 2;
		} else {
			out[o++] = s[i];
		}
	}
	out[o] = '\0';
	if (!hl_utf8_valid(out, o, NULL))
		return NULL;
	return out;
}

const char *http_form(struct http_req *r, const char *name)
{
	const char *p = r->body;
	size_t nlen = strlen(name);

	while (p != NULL && *p) {
		const char *amp = strchr(p, '&');
		size_t len = amp ? (size_t)(amp - p) : strlen(p);
		const char *eq = memchr(p, '=', len);

		if (eq != NULL && (size_t)(eq - p) == nlen && memcmp(p, name, nlen) == 0)
			return form_decode(r->a, eq + 1, len - nlen - 1);
		p = amp ? amp + 1 : NULL;
	}
	return NULL;
}

/* ---- answering ---- */

void http_add_header(struct http_req *r, const char *name, const char *value)
{
	if (r->nheaders >= HTTP_MAX_HEADERS)
		return;
	r->hname[r->nheaders] = hl_arena_strdup(r->a, name);
	r->hvalue[r->nheaders] = hl_arena_strdup(r->a, value);
	if (r->hname[r->nheaders] && r->hvalue[r->nheaders])
		r->nheaders++;
}

/* The first s[0..n) in p[0..len), or NULL (memmem is not POSIX). */
static const char *find(const char *p, size_t len, const char *s, size_t n)
{
	for (size_t i = 0; n <= len && i <= len - n; i++)
		if (memcmp(p + i, s, n) == 0)
			return p + i;
	return NULL;
}

void http_allow_doc_style(struct http_req *r, const char *doc, size_t len)
{
	static const char open[] = "<style>", close[] = "</style>";
	unsigned char sum[crypto_hash_sha256_BYTES];
	char b64[sodium_base64_ENCODED_LEN(crypto_hash_sha256_BYTES,
		sodium_base64_VARIANT_ORIGINAL)];
	const char *from = find(doc, len, open, sizeof(open) - 1), *to;

	if (from == NULL)
		return;
	from += sizeof(open) - 1;
	to = find(from, len - (size_t)(from - doc), close, sizeof(close) - 1);
	if (to == NULL)
		return;
	crypto_hash_sha256(sum, (const unsigned char *)from, (unsigned long long)(to - from));
	sodium_bin2base64(b64, sizeof(b64), sum, sizeof(sum), sodium_base64_VARIANT_ORIGINAL);
	r->style_hash = hl_arena_printf(r->a, "sha256-%s", b64);
}

int http_send(struct http_req *r, int status, const char *ctype, const char *body, size_t len)
{
	r->status = status;
	r->ctype = ctype;
	r->out = body;
	r->out_len = len;
	return 0;
}

int http_send_html(struct http_req *r, int status, struct hbuf *b)
{
	if (b->failed)
		return http_send(r, 500, "text/plain; charset=utf-8",
			"Trang quá lớn hoặc hết bộ nhớ.\n",
			strlen("Trang quá lớn hoặc hết bộ nhớ.\n"));
	return http_send(r, status, "text/html; charset=utf-8", b->s ? b->s : "", b->len);
}

int http_send_json(struct http_req *r, int status, json_t *v)
{
	char *text = json_dumps(v, JSON_COMPACT | JSON_REAL_PRECISION(12) | JSON_PRESERVE_ORDER);
	char *copy;

	json_decref(v);
	if (text == NULL)
		return http_send(r, 500, "application/json", "{\"error\":{\"code\":\"internal\"}}",
			strlen("{\"error\":{\"code\":\"internal\"}}"));
	copy = hl_arena_strdup(r->a, text);
	free(text); /* jansson's allocator */
	if (copy == NULL)
		return http_send(r, 500, "text/plain", "", 0);
	return http_send(r, status, "application/json; charset=utf-8", copy, strlen(copy));
}

int http_send_error(struct http_req *r, int status, const char *code, const char *message,
	const char *field)
{
	json_t *e = json_pack("{s:s, s:s}", "code", code, "message", message ? message : "");

	if (e != NULL && field != NULL)
		json_object_set_new(e, "field", json_string(field));
	return http_send_json(r, status, json_pack("{s:o}", "error", e ? e : json_object()));
}

int http_status_of(int code)
{
	switch (code) {
	case HL_OK: return 200;
	case HL_EINVAL: return 400;
	case HL_ENOTFOUND: return 404;
	case HL_EEXIST:
	case HL_ECONFLICT: return 409;
	case HL_ELIMIT: return 413;
	case HL_EPERM: return 403;
	case HL_EBUSY:
	case HL_ERETRY:
	case HL_ECORRUPT: return 503;
	default: return 500;
	}
}

static const char *code_name(int status)
{
	switch (status) {
	case 400: return "invalid";
	case 401: return "unauthorized";
	case 403: return "forbidden";
	case 404: return "not_found";
	case 405: return "method_not_allowed";
	case 409: return "conflict";
	case 413: return "too_large";
	case 429: return "too_many_requests";
	case 503: return "unavailable";
	default: return "internal";
	}
}

/* A plain page for an error, in the site layout. */
static int error_page(struct http_req *r, int status, const char *message)
{
	struct hbuf b;

	hb_init(&b, r->a, 1 << 20);
	page_begin(&b, r, "Lỗi");
	hb_txt_in(&b, "<h1>Không thực hiện được</h1><p class=\"error\">", message,
		"</p><p><a href=\"/\">Về trang chính</a></p>");
	page_end(&b);
	return http_send_html(r, status, &b);
}

static int send_status(struct http_req *r, bool api, int status, const char *message,
	const char *field)
{
	if (api)
		return http_send_error(r, status, code_name(status), message, field);
	return error_page(r, status, message);
}

/* Whether s is a JSON path: names of ASCII letters, digits, '_' and '-'
 * (not first) joined by single dots — "answers.TC3", "unit". */
static bool json_path(const char *s)
{
	bool start = true;

	for (; *s != '\0'; s++) {
		unsigned char c = (unsigned char)*s;
		bool name = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
			(c >= '0' && c <= '9') || c == '_' || (c == '-' && !start);

		if (c == '.' && !start)
			start = true;
		else if (name)
			start = false;
		else
			return false;
	}
	return !start;
}

/* The JSON error's "field" for an error's where: a JSON path into the body
 * or a query parameter's name as it is ("answers.TC3", "unit", "period"); a
 * command-line option --NAME, which services name, as its API twin NAME;
 * NULL for a source position (file.c:12), a word for people or nothing. */
static const char *field_of(const char *where)
{
	if (strncmp(where, "--", 2) == 0)
		where += 2;
	return json_path(where) ? where : NULL;
}

int http_send_err(struct http_req *r, const struct hl_err *err)
{
	int status = http_status_of(err->code);
	const struct route *rt = state_of(r)->route;
	bool api = rt != NULL && (rt->flags & R_API);

	if (status >= 500)
		srv_log(r->srv, "lỗi %s %s: %s (%s)", r->method, r->path, err->msg, err->where);
	if (status == 503)
		http_add_header(r, "Retry-After", HTTP_RETRY_AFTER);
	return send_status(r, api, status, err->msg, field_of(err->where));
}

int http_redirect(struct http_req *r, const char *location)
{
	http_add_header(r, "Location", location);
	return http_send(r, 303, "text/plain; charset=utf-8", "", 0);
}

const char *http_local_path(const char *target)
{
	if (target == NULL || target[0] != '/' || target[1] == '/')
		return "/";
	for (const char *p = target; *p != '\0'; p++) {
		unsigned char c = (unsigned char)*p;

		/* a browser reads "/\" as "//", and drops tabs and line breaks, so
		 * "/<TAB>/host" would become another site; a space or a byte past
		 * ASCII (Unicode spaces) has no place in our paths either */
		if (c <= ' ' || c >= 0x7f || c == '\\' || (c == '/' && p[1] == '/'))
			return "/";
	}
	return target;
}

void http_set_cookie(struct http_req *r, const char *name, const char *value, const char *path,
	int max_age)
{
	char age[32] = "";
	const char *c;

	if (max_age >= 0)
		snprintf(age, sizeof(age), "; Max-Age=%d", max_age);
	c = hl_arena_printf(r->a, "%s=%s; Path=%s; HttpOnly; SameSite=Strict%s%s", name, value,
		path, r->https ? "; Secure" : "", age);
	if (c != NULL)
		http_add_header(r, "Set-Cookie", c);
}

/* ---- the gate ---- */

/* Who is asking: a kiosk's Bearer token (on the routes that take one; on
 * others it means nothing and is ignored), or a session cookie. Returns a
 * status to send (401 for a bad kiosk token, 503 when the store failed)
 * or 0. */
static int identify(struct http_req *r, const struct route *rt)
{
	const char *auth = http_header(r, "Authorization");
	const char *bearer = auth != NULL && strncmp(auth, "Bearer ", 7) == 0 &&
			(rt->flags & R_KIOSK) ?
		auth + 7 :
		NULL;
	bool is_user = false;
	struct hl_err err = {0};
	int rc = account_identify(r->st, bearer, http_cookie(r, "hl_session"), srv_now(), &r->kiosk,
		&r->kiosk_auth, &r->sess, &r->user, &is_user, &err);

	if (rc == HL_EPERM)
		return 401;
	if (rc != HL_OK) {
		srv_log(r->srv, "nhận diện người gửi: %s", err.msg);
		return 503;
	}
	if (is_user)
		r->role = r->user.role;
	return 0;
}

/* The CSRF check for writes (gate_csrf_ok), with the secrets r carries. */
static bool csrf_ok(struct http_req *r, const struct route *rt)
{
	struct gate_tokens t = {.session = r->sess.csrf};

	/* only what the check may read: an API body is not a form to scan */
	if (strcmp(r->method, "POST") == 0 && !r->kiosk_auth && !(rt->flags & R_TOKEN)) {
		t.header = http_header(r, "X-CSRF-Token");
		if (!(rt->flags & R_API)) {
			t.cookie = http_cookie(r, "hl_csrf");
			t.form = http_form(r, "csrf");
		}
	}
	return gate_csrf_ok(r->method, r->role, r->kiosk_auth, rt->flags, &t);
}

static void gate(struct server *s, struct reqstate *rs)
{
	struct http_req *r = &rs->req;
	const struct route *rt = rs->route;
	bool api = rt ? (rt->flags & R_API) != 0 : strncmp(r->path, "/api/", 5) == 0;
	enum gate_verdict verdict;
	int st;

	if (rt == NULL) {
		int known = 0;
		const char *params[HTTP_MAX_PARAMS];
		char buf[ROUTE_PARAMS_BUF];

		route_match(r->method, r->path, params, buf, sizeof(buf), &known);
		send_status(r, api, known ? 405 : 404,
			known ? "phương thức không được hỗ trợ cho địa chỉ này" :
				"không có trang này",
			NULL);
		return;
	}
	if (rs->too_large) {
		char msg[128];

		snprintf(msg, sizeof(msg), "nội dung gửi lên quá lớn (tối đa %zu byte)",
			rt->max_body);
		send_status(r, api, 413, msg, NULL);
		return;
	}
	r->body = rs->body.s ? rs->body.s : "";
	r->body_len = rs->body.len;
	if (!hl_utf8_valid(r->body, r->body_len, NULL)) {
		send_status(r, api, 400, "nội dung gửi lên không phải UTF-8 hợp lệ", NULL);
		return;
	}
	r->st = pool_take(&s->rd, &rs->slot);
	st = identify(r, rt);
	if (st != 0) {
		send_status(r, st == 401 || api, st,
			st == 401 ?
				"token thiết bị không hợp lệ hoặc đã bị thu hồi" :
				"máy chủ tạm thời không đọc được dữ liệu: hãy thử lại sau ít phút",
			NULL);
	} else if ((verdict = gate_admit(r->role, r->kiosk_auth, rt)) != GATE_ADMIT) {
		if (verdict == GATE_LOGIN) {
			struct hbuf b;

			hb_init(&b, r->a, 4096);
			hb_raw(&b, "/login?next=");
			hb_url(&b, r->path);
			http_redirect(r, b.s);
		} else {
			send_status(r, api, verdict,
				verdict == GATE_UNAUTHORIZED ?
					"cần đăng nhập" :
					"tài khoản không có quyền làm việc này",
				NULL);
		}
	} else if (!csrf_ok(r, rt)) {
		send_status(r, api, 403,
			"thiếu hoặc sai mã chống giả mạo (CSRF): hãy tải lại trang rồi thử lại",
			"csrf");
	} else {
		run_handler(s, r, rt);
		if (r->status == 0 && rs->then == NULL)
			send_status(r, api, 500, "trang không trả lời", NULL);
	}
	if (rs->slot >= 0)
		pool_give(&s->rd, rs->slot);
	rs->slot = -1;
	r->st = NULL;
}

/* ---- libmicrohttpd ---- */

static enum MHD_Result queue(struct reqstate *rs)
{
	struct http_req *r = &rs->req;
	struct MHD_Response *resp;
	enum MHD_Result ret;
	bool has_cache = false, has_retry = false;

	resp = MHD_create_response_from_buffer(r->out_len, (void *)(r->out ? r->out : ""),
		MHD_RESPMEM_MUST_COPY);
	if (resp == NULL)
		return MHD_NO;
	MHD_add_response_header(resp, "Content-Type",
		r->ctype ? r->ctype : "text/plain; charset=utf-8");
	MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
	MHD_add_response_header(resp, "Referrer-Policy", "same-origin");
	MHD_add_response_header(resp, "X-Frame-Options", "DENY");
	{
		char csp[256];

		/* One inline stylesheet only where a handler allowed it by hash;
		 * media from blob: URLs, which only our own scripts make (the
		 * survey plays a clip it fetched, so the kiosk speaks offline). */
		snprintf(csp, sizeof(csp),
			"default-src 'self'; img-src 'self' data:; media-src 'self' blob:; "
			"style-src 'self'%s%s%s; "
			"script-src 'self'; frame-ancestors 'none'; form-action 'self'",
			r->style_hash != NULL ? " '" : "",
			r->style_hash != NULL ? r->style_hash : "",
			r->style_hash != NULL ? "'" : "");
		MHD_add_response_header(resp, "Content-Security-Policy", csp);
	}
	for (int i = 0; i < r->nheaders; i++) {
		MHD_add_response_header(resp, r->hname[i], r->hvalue[i]);
		has_cache |= strcmp(r->hname[i], "Cache-Control") == 0;
		has_retry |= strcmp(r->hname[i], "Retry-After") == 0;
	}
	if (!has_cache)
		MHD_add_response_header(resp, "Cache-Control", "no-store");
	/* 503 is "busy, nothing was done": say when to try again (RFC 9110). */
	if (r->status == 503 && !has_retry)
		MHD_add_response_header(resp, "Retry-After", "2");
	ret = MHD_queue_response(rs->conn, (unsigned)r->status, resp);
	MHD_destroy_response(resp);
	return ret;
}

/* No memory for the request's arena: answer 503 from static storage rather
 * than drop the connection, so the client knows to send again. */
static enum MHD_Result queue_busy(struct MHD_Connection *c)
{
	static const char msg[] = "Máy chủ đang thiếu bộ nhớ: hãy gửi lại sau ít phút.\n";
	struct MHD_Response *resp = MHD_create_response_from_buffer(sizeof(msg) - 1, (void *)msg,
		MHD_RESPMEM_PERSISTENT);
	enum MHD_Result ret;

	if (resp == NULL)
		return MHD_NO;
	MHD_add_response_header(resp, "Content-Type", "text/plain; charset=utf-8");
	MHD_add_response_header(resp, "Retry-After", "2");
	ret = MHD_queue_response(c, 503, resp);
	MHD_destroy_response(resp);
	return ret;
}

static void log_request(struct server *s, struct reqstate *rs)
{
	struct timespec t1;
	double ms;

	if (s->quiet)
		return;
	clock_gettime(CLOCK_MONOTONIC, &t1);
	ms = (double)(t1.tv_sec - rs->t0.tv_sec) * 1e3 +
		(double)(t1.tv_nsec - rs->t0.tv_nsec) / 1e6;
	srv_log(s, "%s %s %d %.1f ms %s%s%s", rs->req.method, rs->req.path, rs->req.status, ms,
		rs->req.client, rs->req.role ? " " : "", rs->req.role ? rs->req.user.name : "");
}

static void client_address(struct MHD_Connection *c, char *buf, size_t size)
{
	const union MHD_ConnectionInfo *ci = MHD_get_connection_info(c,
		MHD_CONNECTION_INFO_CLIENT_ADDRESS);

	snprintf(buf, size, "?");
	if (ci == NULL || ci->client_addr == NULL)
		return;
	if (ci->client_addr->sa_family == AF_INET)
		inet_ntop(AF_INET, &((const struct sockaddr_in *)ci->client_addr)->sin_addr, buf,
			(socklen_t)size);
	else if (ci->client_addr->sa_family == AF_INET6)
		inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)ci->client_addr)->sin6_addr, buf,
			(socklen_t)size);
}

static bool loopback(const char *addr)
{
	return strcmp(addr, "127.0.0.1") == 0 || strcmp(addr, "::1") == 0;
}

/* Whether a request from peer came over HTTPS: with trust_proxy, a loopback
 * peer (the proxy) says so in X-Forwarded-Proto. */
static bool forwarded_https(struct MHD_Connection *c, const char *peer)
{
	const char *proto = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "X-Forwarded-Proto");

	return loopback(peer) && proto != NULL && strcasecmp(proto, "https") == 0;
}

/* Behind a reverse proxy every connection comes from it, so the rate limits
 * and the log would see one client. With trust_proxy, a loopback peer's
 * X-Forwarded-For names the client: its last entry, the one the proxy added
 * (earlier ones are whatever the client claimed). Anything that is not a
 * plain address is ignored. */
static void forwarded_address(struct MHD_Connection *c, char *buf, size_t size)
{
	const char *xff, *last;
	size_t n;

	if (!loopback(buf))
		return;
	xff = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "X-Forwarded-For");
	if (xff == NULL)
		return;
	last = strrchr(xff, ',');
	last = last != NULL ? last + 1 : xff;
	last += strspn(last, " \t");
	n = strspn(last, "0123456789abcdefABCDEF:.");
	if (n == 0 || n >= size || last[n + strspn(last + n, " \t")] != '\0')
		return;
	memcpy(buf, last, n);
	buf[n] = '\0';
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *c, const char *url,
	const char *method, const char *version, const char *upload, size_t *upload_size,
	void **con_cls)
{
	struct server *s = cls;
	struct reqstate *rs = *con_cls;
	enum MHD_Result ret;

	(void)version;
	if (rs == NULL) {
		struct hl_arena *a = hl_arena_new(REQ_ARENA);
		int known = 0;

		if (a == NULL || (rs = hl_arena_alloc(a, sizeof(*rs))) == NULL) {
			hl_arena_free(a);
			return queue_busy(c);
		}
		clock_gettime(CLOCK_MONOTONIC, &rs->t0);
		rs->slot = -1;
		rs->req.srv = s;
		rs->req.a = a;
		rs->conn = c;
		rs->req.method = hl_arena_strdup(a, method);
		rs->req.path = hl_arena_strdup(a, url);
		client_address(c, rs->req.client, sizeof(rs->req.client));
		if (s->trust_proxy) {
			rs->req.https = forwarded_https(c, rs->req.client);
			forwarded_address(c, rs->req.client, sizeof(rs->req.client));
		}
		{
			char *buf = hl_arena_alloc(a, ROUTE_PARAMS_BUF);

			if (buf == NULL) {
				hl_arena_free(a);
				return queue_busy(c);
			}
			rs->route = route_match(method, url, rs->req.param, buf, ROUTE_PARAMS_BUF,
				&known);
		}
		if (rs->route != NULL) {
			const char *cl = MHD_lookup_connection_value(c, MHD_HEADER_KIND,
				"Content-Length");

			if (cl != NULL && strtoull(cl, NULL, 10) > rs->route->max_body)
				rs->too_large = true;
		}
		*con_cls = rs;
		return MHD_YES;
	}
	if (*upload_size > 0) {
		size_t n = *upload_size;

		*upload_size = 0;
		if (rs->too_large || rs->route == NULL)
			return MHD_YES;
		if (rs->body.len + n > rs->route->max_body) {
			rs->too_large = true;
			return MHD_YES;
		}
		if (rs->body.a == NULL)
			hb_init(&rs->body, rs->req.a, rs->route->max_body + 1);
		hb_bytes(&rs->body, upload, n);
		rs->too_large = rs->body.failed != 0;
		return MHD_YES;
	}
	if (rs->then != NULL) {
		/* resumed: the writer has told this parked request */
		answer_parked(s, rs);
	} else {
		gate(s, rs);
		if (rs->then != NULL)
			return MHD_YES; /* parked by srv_write_then */
	}
	ret = queue(rs);
	log_request(s, rs);
	return ret;
}

static void on_completed(void *cls, struct MHD_Connection *c, void **con_cls,
	enum MHD_RequestTerminationCode toe)
{
	struct server *s = cls;
	struct reqstate *rs = *con_cls;

	(void)c;
	(void)toe;
	if (rs != NULL) {
		if (rs->written) {
			/* a parked request is done with: stopping may go on */
			pthread_mutex_lock(&s->park_mu);
			s->parked--;
			pthread_cond_broadcast(&s->park_cv);
			pthread_mutex_unlock(&s->park_mu);
		}
		hl_arena_free(rs->req.a);
	}
	*con_cls = NULL;
}

/* ---- connections per address ---- */

/* The peer's address as 16 bytes (IPv4 mapped into IPv6); false for the
 * addresses the per-address limit leaves alone: the loopback peers that
 * --trust-proxy trusts (127.0.0.1, ::1), which are the reverse proxy, the
 * machine's own tools and the benchmark. */
static bool peer_key(const struct sockaddr *sa, unsigned char key[16])
{
	static const unsigned char v6_loop[16] = {[15] = 1};

	memset(key, 0, 16);
	if (sa == NULL)
		return false;
	if (sa->sa_family == AF_INET) {
		const struct sockaddr_in *in = (const struct sockaddr_in *)sa;

		key[10] = key[11] = 0xff;
		memcpy(key + 12, &in->sin_addr, 4);
		return ntohl(in->sin_addr.s_addr) != INADDR_LOOPBACK;
	}
	if (sa->sa_family == AF_INET6) {
		memcpy(key, &((const struct sockaddr_in6 *)sa)->sin6_addr, 16);
		return memcmp(key, v6_loop, 16) != 0;
	}
	return false;
}

static struct peer *peer_find(struct server *s, const unsigned char key[16])
{
	for (int i = 0; i < s->npeers; i++)
		if (memcmp(s->peers[i].addr, key, 16) == 0)
			return &s->peers[i];
	return NULL;
}

/* libmicrohttpd asks before it takes a connection: count it, or refuse one
 * past the per-address limit. Counting here rather than when the connection
 * starts keeps the limit exact while several pool threads accept at once. */
static enum MHD_Result on_accept(void *cls, const struct sockaddr *addr, socklen_t addrlen)
{
	struct server *s = cls;
	unsigned char key[16];
	struct peer *p;
	bool ok = true;

	(void)addrlen;
	if (s->o->per_address <= 0 || !peer_key(addr, key))
		return MHD_YES;
	pthread_mutex_lock(&s->peer_mu);
	p = peer_find(s, key);
	if (p == NULL && s->npeers < CONN_MAX) {
		p = &s->peers[s->npeers++];
		memcpy(p->addr, key, 16);
		p->n = 0;
	}
	ok = p != NULL && p->n < s->o->per_address;
	if (ok)
		p->n++;
	pthread_mutex_unlock(&s->peer_mu);
	return ok ? MHD_YES : MHD_NO;
}

/* A connection closed: its address has one fewer. */
static void on_connection(void *cls, struct MHD_Connection *c, void **socket_ctx,
	enum MHD_ConnectionNotificationCode what)
{
	struct server *s = cls;
	const union MHD_ConnectionInfo *ci;
	unsigned char key[16];
	struct peer *p;

	(void)socket_ctx;
	if (s->o->per_address <= 0 || what != MHD_CONNECTION_NOTIFY_CLOSED)
		return;
	ci = MHD_get_connection_info(c, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	if (ci == NULL || !peer_key(ci->client_addr, key))
		return;
	pthread_mutex_lock(&s->peer_mu);
	p = peer_find(s, key);
	if (p != NULL && --p->n <= 0)
		*p = s->peers[--s->npeers];
	pthread_mutex_unlock(&s->peer_mu);
}

/* Descriptors for CONN_MAX connections: raise the soft limit (1 024 on a
 * default Debian) to the hard one; the connection limit is what fits. */
static unsigned int connection_limit(void)
{
	struct rlimit rl;

	if (getrlimit(RLIMIT_NOFILE, &rl) != 0)
		return 1024 - FD_RESERVE;
	if (rl.rlim_cur < rl.rlim_max) {
		rl.rlim_cur = rl.rlim_max;
		if (setrlimit(RLIMIT_NOFILE, &rl) != 0)
			getrlimit(RLIMIT_NOFILE, &rl);
	}
	if (rl.rlim_cur == RLIM_INFINITY || rl.rlim_cur >= CONN_MAX + FD_RESERVE)
		return CONN_MAX;
	return rl.rlim_cur > 2 * FD_RESERVE ? (unsigned int)(rl.rlim_cur - FD_RESERVE) : FD_RESERVE;
}

/* libmicrohttpd's messages: fmt is its own printf format. */
__attribute__((format(printf, 2, 0))) static void mhd_log(void *cls, const char *fmt, va_list ap)
{
	struct server *s = cls;
	char msg[512];
	size_t n;

	vsnprintf(msg, sizeof(msg), fmt, ap);
	n = strlen(msg);
	while (n > 0 && msg[n - 1] == '\n')
		msg[--n] = '\0';
	srv_log(s, "libmicrohttpd: %s", msg);
}

static int parse_listen(const char *listen, struct sockaddr_in *sa, struct hl_err *err)
{
	char host[64];
	const char *colon = strrchr(listen, ':');
	char *end;
	long port;

	memset(sa, 0, sizeof(*sa));
	sa->sin_family = AF_INET;
	if (colon == NULL || (size_t)(colon - listen) >= sizeof(host))
		goto bad;
	memcpy(host, listen, (size_t)(colon - listen));
	host[colon - listen] = '\0';
	port = strtol(colon + 1, &end, 10);
	if (*end != '\0' || port < 1 || port > 65535)
		goto bad;
	sa->sin_port = htons((uint16_t)port);
	if (strcmp(host, "localhost") == 0 || host[0] == '\0')
		snprintf(host, sizeof(host), "127.0.0.1");
	if (inet_pton(AF_INET, host, &sa->sin_addr) != 1)
		goto bad;
	return HL_OK;
bad:
	return hl_err_set(err, HL_EINVAL, "--listen",
		"địa chỉ nghe '%s' không hợp lệ: dùng dạng 127.0.0.1:8080", listen);
}

int srv_run(const struct srv_opts *o, void (*ready)(const char *base_url, void *ctx), void *ctx,
	struct hl_err *err)
{
	struct server *s = NULL;
	struct sockaddr_in sa;
	sigset_t sigs;
	int rc = HL_OK, sig = 0, version = 0, nread;
	char url[96], where[512], replica[600] = "";

	if (sodium_init() < 0)
		return hl_err_set(err, HL_EIO, HL_HERE, "không khởi động được libsodium");
	if ((rc = parse_listen(o->listen ? o->listen : "127.0.0.1:8080", &sa, err)) != HL_OK)
		return rc;
	s = hl_calloc(1, sizeof(*s));
	if (s == NULL)
		return hl_err_set(err, HL_ENOMEM, HL_HERE, "hết bộ nhớ");
	s->o = o;
	s->quiet = o->quiet;
	s->trust_proxy = o->trust_proxy;
	pthread_mutex_init(&s->log_mu, NULL);
	pthread_mutex_init(&s->peer_mu, NULL);
	pthread_mutex_init(&s->dmg_mu, NULL);
	pthread_mutex_init(&s->park_mu, NULL);
	pthread_cond_init(&s->park_cv, NULL);

	/* Every connection's page cache together, not 32 MB each: the writer's
	 * alone would fill that with the pages a day of answers touches. */
	store_cache_limit(SERVE_CACHE);
	/* The writer's connection migrates the schema, so readers find it current. */
	if ((rc = store_open(o->db, &s->wst, err)) != HL_OK ||
		(o->wrap_writer != NULL && (rc = o->wrap_writer(s->wst, &s->wst, err)) != HL_OK) ||
		(rc = store_migrate(s->wst, &version, err)) != HL_OK)
		goto cleanup;
	{
		/* An import killed half-way left chunks behind: undo them first. */
		struct hl_err rerr = {0};
		int undone = 0;

		if (import_recover(s->wst, "serve", &undone, &rerr) != HL_OK)
			srv_log(s, "không hủy được lần nhập dở dang: %s", rerr.msg);
		else if (undone > 0)
			srv_log(s,
				"đã hủy %d lần nhập dở dang (tiến trình nhập đã dừng giữa chừng)",
				undone);
	}
	start_check(s);
	nread = o->readers > 0 && o->readers <= MAX_READERS ? o->readers : 8;
	if ((rc = pool_open(&s->rd, o->db, nread, err)) != HL_OK ||
		(o->read_db != NULL &&
			(rc = pool_open(&s->replica, o->read_db, nread, err)) != HL_OK))
		goto cleanup;
	if ((rc = writer_start(s->wst, writer_log, s, &s->w, err)) != HL_OK ||
		(rc = voice_cache_new(VOICE_CACHE_BYTES, &s->voice, err)) != HL_OK)
		goto cleanup;

	/* Signals are taken by sigwait below, in this thread only. */
	sigemptyset(&sigs);
	sigaddset(&sigs, SIGTERM);
	sigaddset(&sigs, SIGINT);
	pthread_sigmask(SIG_BLOCK, &sigs, NULL);
	signal(SIGPIPE, SIG_IGN);

	/* epoll, so idle connections cost a descriptor and a little memory, not
	 * a thread or a select() slot; a pool of threads runs the requests. A
	 * kiosk's response is parked while the writer commits (srv_write_then),
	 * so the threads are not what bounds a commit: they only need to be
	 * enough that a slow page (a report) does not hold up the other
	 * connections of its thread for long. */
	s->d = MHD_start_daemon(MHD_USE_EPOLL_INTERNAL_THREAD | MHD_USE_ITC | MHD_USE_ERROR_LOG |
			MHD_ALLOW_SUSPEND_RESUME,
		0, on_accept, s, on_request, s, MHD_OPTION_EXTERNAL_LOGGER, mhd_log, s,
		MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&sa, MHD_OPTION_NOTIFY_COMPLETED,
		on_completed, s, MHD_OPTION_NOTIFY_CONNECTION, on_connection, s,
		MHD_OPTION_THREAD_POOL_SIZE,
		(unsigned int)(o->threads > 0 ? o->threads : SERVE_THREADS),
		MHD_OPTION_CONNECTION_LIMIT, connection_limit(), MHD_OPTION_CONNECTION_TIMEOUT,
		(unsigned int)CONN_TIMEOUT, MHD_OPTION_LISTEN_BACKLOG_SIZE, (unsigned int)1024,
		MHD_OPTION_END);
	if (s->d == NULL) {
		rc = hl_err_set(err, HL_EIO, "--listen",
			"không nghe được trên %s (cổng đã có chương trình khác dùng?): chọn cổng khác "
			"bằng --listen",
			o->listen ? o->listen : "127.0.0.1:8080");
		goto cleanup;
	}
	{
		char ip[INET_ADDRSTRLEN];

		inet_ntop(AF_INET, &sa.sin_addr, ip, sizeof(ip));
		snprintf(url, sizeof(url), "http://%s:%u", ip, (unsigned)ntohs(sa.sin_port));
	}
	store_describe(o->db, where, sizeof(where));
	if (o->read_db != NULL) {
		char rd[512];

		store_describe(o->read_db, rd, sizeof(rd));
		snprintf(replica, sizeof(replica), "; trang công khai đọc từ bản sao %s", rd);
	}
	srv_log(s, "hailong phục vụ tại %s (cơ sở dữ liệu %s, lược đồ %d%s)", url, where, version,
		replica);
	if (ready != NULL)
		ready(url, ctx);
	sigwait(&sigs, &sig);
	srv_log(s, "nhận tín hiệu %s: ngừng nhận kết nối mới, hoàn tất các yêu cầu đang xử lý",
		sig == SIGTERM ? "SIGTERM" : "SIGINT");
	MHD_quiesce_daemon(s->d);
	wait_unparked(s);
	/* Returns once every request in the pool's threads has been answered. */
	MHD_stop_daemon(s->d);
	s->d = NULL;
cleanup:
	if (s->w != NULL) {
		struct writer_stats ws;

		writer_get_stats(s->w, &ws);
		writer_stop(s->w);
		srv_log(s,
			"bộ ghi: %llu lần ghi (mỗi lần một fsync), %llu việc ghi, %llu phiếu vào "
			"bảng tổng hợp, %llu lần chạy lại, %llu lần chạy lại từng việc một "
			"vì có việc lỗi",
			(unsigned long long)ws.commits, (unsigned long long)ws.jobs,
			(unsigned long long)ws.counted, (unsigned long long)ws.retries,
			(unsigned long long)ws.guarded);
	}
	if (s->d != NULL)
		MHD_stop_daemon(s->d);
	if (s->checker_started)
		pthread_join(s->checker, NULL);
	pool_close(&s->rd);
	pool_close(&s->replica);
	store_close(s->wst);
	voice_cache_free(s->voice);
	if (rc == HL_OK)
		srv_log(s, "đã dừng");
	hl_free(s);
	return rc;
}
