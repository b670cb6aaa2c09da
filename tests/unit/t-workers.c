/* Unit tests: lib/workers.c -- jobs in worker processes, results in the
 * order of the jobs, a killed worker's jobs reported as not done. */
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "workers.h"

#include "tap.h"

#define N 23

static char order[N * 8];
static int status[N];
static char text[N][80];
static pid_t parent;
static long kill_at = -1;	/* the job whose worker kills itself */
static int inits, finis;

static int
init(void *arg, struct avs_err *err)
{
	(void)arg;
	(void)err;
	inits++;
	return 0;
}

static void
fini(void *arg)
{
	(void)arg;
	finis++;
}

static int
run(size_t i, struct avs_buf *out, void *arg)
{
	(void)arg;
	if ((long)i == kill_at)
		raise(SIGKILL);
	/* Later jobs finish first: order must come from the caller. */
	usleep((useconds_t)(N - i) * 300);
	avs_buf_printf(out, "job %zu in %s", i, getpid() == parent ? "caller" :
	    "worker");
	return i % 5 == 0 ? AVS_EUSAGE : 0;
}

static void
done(size_t i, int st, const char *res, void *arg)
{
	size_t n = strlen(order);

	(void)arg;
	snprintf(order + n, sizeof(order) - n, "%zu ", i);
	status[i] = st;
	snprintf(text[i], sizeof(text[i]), "%s", res);
}

static void
go(int workers)
{
	struct avs_err err = AVS_ERR_INIT;
	struct avs_workers_cb cb = { init, run, done, fini, NULL };

	order[0] = '\0';
	memset(status, -1, sizeof(status));
	is_int(avs_workers_run(N, workers, &cb, &err), 0, "%d workers: run",
	    workers);
}

int
main(void)
{
	char want[N * 8] = "";
	size_t i;
	int bad;

	parent = getpid();
	for (i = 0; i < N; i++)
		snprintf(want + strlen(want), sizeof(want) - strlen(want),
		    "%zu ", i);

	go(1);
	is_str(order, want, "one worker: every job, in order");
	is_str(text[3], "job 3 in caller", "... run here, without a process");
	is_int(inits, 1, "... set up once, here");
	is_int(finis, 1, "... and finished once, here");
	go(3);
	is_str(order, want, "three workers: every job, in order");
	is_str(text[4], "job 4 in worker", "... run in a worker");
	is_int(status[5], AVS_EUSAGE, "... each with its status");
	is_int(status[6], 0, "... each with its status (0)");
	is_int(inits, 1, "... each worker set up in its own process");
	is_int(finis, 1, "... and finished there");

	kill_at = 7;	/* worker 7 % 3 = 1 dies at its third job */
	go(3);
	is_str(order, want, "a worker killed: still every job, in order");
	is_str(text[1], "job 1 in worker", "its jobs before are reported");
	is_str(text[4], "job 4 in worker", "... done");
	is_int(status[7], AVS_ERUN, "the job it died on: run-time failure");
	is_str(text[7], "not done: its worker process was killed by signal 9",
	    "... saying why");
	for (bad = 0, i = 10; i < N; i += 3)
		bad += status[i] != AVS_ERUN;
	is_int(bad, 0, "every later job of that worker: not done");
	is_str(text[8], "job 8 in worker", "the other workers' jobs are done");

	is_int(avs_workers_count(10, 0), (int)sysconf(_SC_NPROCESSORS_ONLN) <
	    10 ? (int)sysconf(_SC_NPROCESSORS_ONLN) : 10,
	    "count: the processors online by default");
	is_int(avs_workers_count(10, 100000), avs_workers_count(10, 0),
	    "count: never more than the processors");
	is_int(avs_workers_count(1, 0), 1, "count: never more than the jobs");
	is_int(avs_workers_count(0, 0), 1, "count: at least 1");
	is_int(avs_workers_count(10, 1), 1, "count: as asked, below the limit");
	return tap_done();
}
