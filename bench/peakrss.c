/* peakrss.c — run a command and write its wall time (seconds, microsecond
 * resolution) and peak resident memory (kB, from wait4's rusage, i.e. the
 * kernel's VmHWM of the child) to a file, so bench/run.sh needs neither GNU
 * time nor a shell with millisecond timing. Not part of hailong.
 *
 *   peakrss OUT.txt COMMAND [ARG...]      OUT.txt gets "SECONDS KB\n" */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	struct timespec t0, t1;
	struct rusage ru;
	int status = 0;
	pid_t pid;
	FILE *f;

	if (argc < 3) {
		fputs("Cách dùng: peakrss OUT.txt LỆNH [THAM_SỐ...]\n", stderr);
		return 2;
	}
	clock_gettime(CLOCK_MONOTONIC, &t0);
	pid = fork();
	if (pid < 0) {
		fprintf(stderr, "peakrss: fork: %s\n", strerror(errno));
		return 1;
	}
	if (pid == 0) {
		execvp(argv[2], argv + 2);
		fprintf(stderr, "peakrss: không chạy được '%s': %s\n", argv[2], strerror(errno));
		_exit(127);
	}
	if (wait4(pid, &status, 0, &ru) < 0) {
		fprintf(stderr, "peakrss: wait4: %s\n", strerror(errno));
		return 1;
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	f = fopen(argv[1], "w");
	if (f == NULL) {
		fprintf(stderr, "peakrss: không mở được '%s': %s\n", argv[1], strerror(errno));
		return 1;
	}
	fprintf(f, "%.6f %ld\n", (double)(t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9,
		ru.ru_maxrss);
	fclose(f);
	if (WIFEXITED(status))
		return WEXITSTATUS(status);
	return 128 + (WIFSIGNALED(status) ? WTERMSIG(status) : 0);
}
