/*
 * workers.h -- independent jobs in worker processes, their results in
 * the order of the jobs.
 *
 * gpgme contexts cannot be shared between threads, and every gpg
 * operation is a process of its own: a batch of them (an import's rows)
 * runs fastest in a few worker processes, each with its own context.
 */
#ifndef AVS_WORKERS_H
#define AVS_WORKERS_H

#include <stddef.h>

#include "util.h"

struct avs_workers_cb {
	/* In a worker, once, before its first job (a gpgme context of its
	 * own); a status other than 0 fails every job of the worker with
	 * err's message. */
	int (*init)(void *arg, struct avs_err *err);
	/* In a worker: do job i; its status, and a result (an id) or a
	 * message in out. */
	int (*run)(size_t i, struct avs_buf *out, void *arg);
	/* In the caller, for every job in order of i, as soon as it and
	 * every job before it are done: its status and result. */
	void (*done)(size_t i, int status, const char *result, void *arg);
	/* In a worker, after its last job (may be NULL). */
	void (*fini)(void *arg);
	void *arg;
};

/* The number of workers for n jobs when the user asked for want (0: no
 * wish): at most the processors online, at least 1, at most n. */
int avs_workers_count(size_t n, long want);

/*
 * Run jobs 0..n-1 in nworkers processes (job i in worker i % nworkers;
 * 1 runs them here, without a process, between init and fini).  A worker that ends before
 * reporting all its jobs (killed) fails each job it did not report with
 * AVS_ERUN.  Returns 0, or AVS_ERUN with err when no worker could be
 * started.
 */
int avs_workers_run(size_t n, int nworkers, const struct avs_workers_cb *cb,
    struct avs_err *err);

#endif
