/*
** runbench.c — runs a command N times as a whole process and prints the median, minimum and
** 90th-percentile wall time and the peak resident set size. Figures, not a test: this machine
** is shared and noisy, so nothing here passes or fails.
**
**   runbench N LABEL [--before SHELL-COMMAND] -- COMMAND [ARGS...]
**
** --before runs a shell command ahead of every run, untimed (an edit to a source file, say),
** with the run's number in $RUNBENCH_RUN.
*/
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static int cmp(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

int main(int argc, char **argv)
{
    const char *before = NULL;
    if (argc >= 7 && !strcmp(argv[3], "--before")) {
        before = argv[4];
        argv[4] = argv[2]; /* drop the two arguments: N and LABEL move up */
        argv[3] = argv[1];
        argv += 2;
        argc -= 2;
    }
    if (argc < 5 || strcmp(argv[3], "--") != 0) {
        fprintf(stderr, "usage: runbench N LABEL [--before SHELL-COMMAND] -- COMMAND [ARGS...]\n");
        return 2;
    }
    int n = atoi(argv[1]);
    if (n < 1) n = 1;
    double *t = calloc((size_t)n, sizeof *t);
    long maxrss = 0;
    for (int i = 0; i < n; i++) {
        if (before) { /* $RUNBENCH_RUN tells it which run this is */
            char num[16];
            snprintf(num, sizeof num, "%d", i);
            setenv("RUNBENCH_RUN", num, 1);
            if (system(before) != 0) {
                fprintf(stderr, "runbench: --before command failed\n");
                return 1;
            }
        }
        struct timespec a, b;
        clock_gettime(CLOCK_MONOTONIC, &a);
        pid_t pid = fork();
        if (pid == 0) {
            if (!freopen("/dev/null", "w", stdout)) _exit(127);
            execvp(argv[4], argv + 4);
            _exit(127);
        }
        int st;
        struct rusage ru;
        wait4(pid, &st, 0, &ru);
        clock_gettime(CLOCK_MONOTONIC, &b);
        if (!WIFEXITED(st) || WEXITSTATUS(st) != 0) {
            fprintf(stderr, "runbench: %s failed (status %d)\n", argv[4], st);
            return 1;
        }
        t[i] = (double)(b.tv_sec - a.tv_sec) * 1e3 + (double)(b.tv_nsec - a.tv_nsec) / 1e6;
        if (ru.ru_maxrss > maxrss) maxrss = ru.ru_maxrss;
    }
    qsort(t, (size_t)n, sizeof *t, cmp);
    printf("%-34s median %7.2f ms   min %7.2f ms   p90 %7.2f ms   peak RSS %6.1f MB   (%d runs)\n",
           argv[2], t[n / 2], t[0], t[(n * 9) / 10 < n ? (n * 9) / 10 : n - 1], maxrss / 1024.0, n);
    free(t);
    return 0;
}
