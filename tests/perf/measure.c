/*
 * measure.c - run a command once and print what it cost:
 *
 *	measure CMD [ARG...]
 *	-> "<wall µs> <cpu µs> <max RSS KiB>" on stdout
 *
 * Wall time from fork to reaped exit (CLOCK_MONOTONIC); CPU time is user
 * + system of the command and the children it waited for (wait4), which
 * the other jobs on a shared machine inflate far less than wall time.
 * The command's output goes to /dev/null; a failing command is an error
 * (exit 1), so that no figure is ever taken from a run that failed.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static long long usec(const struct timeval *t)
{
	return (long long)t->tv_sec * 1000000 + t->tv_usec;
}

int main(int argc, char **argv)
{
	struct timespec t0, t1;
	struct rusage ru;
	int status, null;
	pid_t pid;

	if (argc < 2) {
		fprintf(stderr, "usage: measure CMD [ARG...]\n");
		return 2;
	}
	clock_gettime(CLOCK_MONOTONIC, &t0);
	pid = fork();
	if (pid == 0) {
		null = open("/dev/null", O_WRONLY);
		dup2(null, 1);
		dup2(null, 2);
		execvp(argv[1], argv + 1);
		_exit(127);
	}
	if (pid < 0 || wait4(pid, &status, 0, &ru) != pid) {
		perror("measure");
		return 1;
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	if (!WIFEXITED(status) || WEXITSTATUS(status)) {
		fprintf(stderr, "measure: %s failed (status %d)\n", argv[1],
		    status);
		return 1;
	}
	printf("%lld %lld %ld\n", (long long)(t1.tv_sec - t0.tv_sec) *
	    1000000 + (t1.tv_nsec - t0.tv_nsec) / 1000,
	    usec(&ru.ru_utime) + usec(&ru.ru_stime), ru.ru_maxrss);
	return 0;
}
