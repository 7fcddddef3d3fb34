/* connhold.c — a test helper for tests/e2e/connections.sh: opens many TCP
 * connections to a server and keeps them idle, as a slow or hostile client
 * would, to check that the server goes on answering others.
 *
 *   connhold HOST PORT N SECONDS [SOURCE]
 *
 * Opens N connections to HOST:PORT (from the address SOURCE when given, e.g.
 * 127.0.0.2), writes the start of a request's headers on each and never ends
 * them, prints "open M" (those the server kept half a second later), then
 * waits at most SECONDS for the server to close them and prints "closed K"
 * (K of the M) and "after T s". Exit status 0, or 2 on bad arguments or when
 * no connection could be made. */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

static double now_s(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* 1 when the server closed fd (or reset it), else 0. */
static int closed_by_peer(int fd)
{
	char c;
	ssize_t n = recv(fd, &c, 1, MSG_PEEK | MSG_DONTWAIT);

	return n == 0 || (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK);
}

/* A non-negative decimal argument, or -1. */
static long arg_num(const char *s)
{
	char *end;
	long v = strtol(s, &end, 10);

	return end == s || *end != '\0' || v < 0 ? -1 : v;
}

int main(int argc, char **argv)
{
	static const char partial[] = "GET /healthz HTTP/1.1\r\nHost: x\r\n";
	struct sockaddr_in to = {0}, from = {0};
	struct rlimit rl;
	long n, secs, port;
	int *fds, open_n = 0, closed = 0;
	double t0;

	if (argc < 5 || argc > 6) {
		fprintf(stderr, "usage: connhold HOST PORT N SECONDS [SOURCE]\n");
		return 2;
	}
	n = arg_num(argv[3]);
	secs = arg_num(argv[4]);
	port = arg_num(argv[2]);
	to.sin_family = AF_INET;
	to.sin_port = htons((unsigned short)port);
	from.sin_family = AF_INET;
	if (n <= 0 || secs < 0 || port <= 0 || port > 65535 || inet_pton(AF_INET, argv[1], &to.sin_addr) != 1 ||
	    (argc == 6 && inet_pton(AF_INET, argv[5], &from.sin_addr) != 1)) {
		fprintf(stderr, "connhold: bad arguments\n");
		return 2;
	}
	if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur < rl.rlim_max) {
		rl.rlim_cur = rl.rlim_max;
		setrlimit(RLIMIT_NOFILE, &rl);
	}
	fds = calloc((size_t)n, sizeof(*fds));
	if (fds == NULL)
		return 2;
	for (int i = 0; i < n; i++) {
		fds[i] = socket(AF_INET, SOCK_STREAM, 0);
		if (fds[i] < 0 ||
		    (argc == 6 && bind(fds[i], (struct sockaddr *)&from, sizeof(from)) != 0) ||
		    connect(fds[i], (struct sockaddr *)&to, sizeof(to)) != 0 ||
		    send(fds[i], partial, sizeof(partial) - 1, MSG_NOSIGNAL) < 0) {
			if (fds[i] >= 0)
				close(fds[i]);
			fds[i] = -1;
		}
	}
	usleep(500000);
	for (int i = 0; i < n; i++) {
		if (fds[i] >= 0 && closed_by_peer(fds[i])) {
			close(fds[i]);
			fds[i] = -1;
		}
		open_n += fds[i] >= 0;
	}
	printf("open %d\n", open_n);
	fflush(stdout);
	if (open_n == 0)
		return 2;
	t0 = now_s();
	while (closed < open_n && now_s() - t0 < secs) {
		usleep(200000);
		for (int i = 0; i < n; i++)
			if (fds[i] >= 0 && closed_by_peer(fds[i])) {
				close(fds[i]);
				fds[i] = -1;
				closed++;
			}
	}
	printf("closed %d\nafter %.0f s\n", closed, now_s() - t0);
	for (int i = 0; i < n; i++)
		if (fds[i] >= 0)
			close(fds[i]);
	free(fds);
	return 0;
}
