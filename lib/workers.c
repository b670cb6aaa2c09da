/*
 * workers.c -- independent jobs in worker processes, their results in
 * the order of the jobs.
 */
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "i18n.h"
#include "workers.h"

/* What a worker writes to its pipe for each job, then len bytes. */
struct frame {
	uint64_t i;
	int32_t status;
	uint32_t len;
};

struct worker {
	pid_t pid;		/* -1: could not be started */
	int fd;			/* read end; -1 once closed */
	int why;		/* errno of a failed start */
	struct avs_buf in;	/* bytes read, not yet a whole frame */
};

struct result {
	int done;
	int status;
	char *text;
};

int
avs_workers_count(size_t n, long want)
{
	long cpus = sysconf(_SC_NPROCESSORS_ONLN);

	if (cpus < 1)
		cpus = 1;
	if (want < 1 || want > cpus)
		want = cpus;
	if ((size_t)want > n)
		want = n > 0 ? (long)n : 1;
	return (int)want;
}

static int
write_all(int fd, const void *p, size_t n)
{
	const char *c = p;
	ssize_t k;

	while (n > 0) {
		if ((k = write(fd, c, n)) < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		c += k;
		n -= (size_t)k;
	}
	return 0;
}

/* Jobs k, k + step, ... below n, between cb's init and fini, each
 * result handed to emit (which returns non-zero to stop). */
static void
serve(size_t k, size_t step, size_t n, const struct avs_workers_cb *cb,
    int (*emit)(size_t i, int st, struct avs_buf *out, void *to), void *to)
{
	struct avs_err err = AVS_ERR_INIT;
	struct avs_buf out = AVS_BUF_INIT;
	size_t i;
	int st, init;

	init = cb->init != NULL ? cb->init(cb->arg, &err) : 0;
	for (i = k; i < n; i += step) {
		avs_buf_reset(&out);
		if (init != 0) {
			st = init;
			avs_buf_adds(&out, err.msg);
		} else
			st = cb->run(i, &out, cb->arg);
		if (emit(i, st, &out, to) != 0)
			break;
	}
	if (cb->fini != NULL)
		cb->fini(cb->arg);
	avs_buf_free(&out);
}

/* A worker's result: a frame on its pipe. */
static int
to_pipe(size_t i, int st, struct avs_buf *out, void *to)
{
	struct frame fr;
	int fd = *(int *)to;

	fr.i = i;
	fr.status = st;
	fr.len = (uint32_t)out->len;
	return write_all(fd, &fr, sizeof(fr)) != 0 ||
	    write_all(fd, out->p != NULL ? out->p : "", out->len) != 0;
}

/* A worker: its jobs, each result a frame on fd; never returns. */
static void
work(int k, int nworkers, size_t n, const struct avs_workers_cb *cb, int fd)
{
	serve((size_t)k, (size_t)nworkers, n, cb, to_pipe, &fd);
	close(fd);
	_exit(0);
}

/* The whole frames in w's buffer into res. */
static void
take_frames(struct worker *w, struct result *res, size_t n)
{
	struct frame fr;
	size_t off = 0;

	while (w->in.len - off >= sizeof(fr)) {
		memcpy(&fr, w->in.p + off, sizeof(fr));
		if (w->in.len - off - sizeof(fr) < fr.len)
			break;
		if (fr.i < n && !res[fr.i].done) {
			res[fr.i].done = 1;
			res[fr.i].status = fr.status;
			res[fr.i].text = avs_xstrndup(w->in.p + off + sizeof(fr),
			    fr.len);
		}
		off += sizeof(fr) + fr.len;
	}
	if (off > 0) {
		memmove(w->in.p, w->in.p + off, w->in.len - off);
		avs_wipe(w->in.p + w->in.len - off, off);
		w->in.len -= off;
	}
}

/* Deliver the results that are due, in order, from *next on. */
static void
deliver(struct result *res, size_t n, size_t *next,
    const struct avs_workers_cb *cb)
{
	while (*next < n && res[*next].done) {
		cb->done(*next, res[*next].status, res[*next].text, cb->arg);
		avs_sfree(res[*next].text);
		res[*next].text = NULL;
		(*next)++;
	}
}

/* The jobs of worker k that it never reported: failed, saying why. */
static void
orphans(const struct worker *w, int k, int nworkers, int wstatus,
    struct result *res, size_t n)
{
	size_t i;

	for (i = (size_t)k; i < n; i += (size_t)nworkers) {
		if (res[i].done)
			continue;
		res[i].done = 1;
		res[i].status = AVS_ERUN;
		if (w->pid < 0)
			res[i].text = avs_xasprintf(_("cannot start a worker "
			    "process: %s"), strerror(w->why));
		else if (WIFSIGNALED(wstatus))
			res[i].text = avs_xasprintf(_("not done: its worker "
			    "process was killed by signal %d"),
			    WTERMSIG(wstatus));
		else
			res[i].text = avs_xasprintf(_("not done: its worker "
			    "process ended with status %d"),
			    WIFEXITED(wstatus) ? WEXITSTATUS(wstatus) : -1);
	}
}

/* A job run here: its result straight to the caller. */
static int
to_caller(size_t i, int st, struct avs_buf *out, void *to)
{
	const struct avs_workers_cb *cb = to;

	avs_buf_addc(out, '\0');
	cb->done(i, st, out->p, cb->arg);
	return 0;
}

static void
in_process(size_t n, const struct avs_workers_cb *cb)
{
	serve(0, 1, n, cb, to_caller, (void *)cb);
}

int
avs_workers_run(size_t n, int nworkers, const struct avs_workers_cb *cb,
    struct avs_err *err)
{
	struct worker *w;
	struct result *res;
	struct pollfd *pf;
	char chunk[4096];
	size_t next = 0;
	ssize_t got;
	int k, j, p[2], open_fds = 0, wstatus, started = 0;

	if (nworkers <= 1 || n <= 1) {
		in_process(n, cb);
		return 0;
	}
	w = avs_xcalloc((size_t)nworkers, sizeof(*w));
	pf = avs_xcalloc((size_t)nworkers, sizeof(*pf));
	res = avs_xcalloc(n, sizeof(*res));
	/* What the caller buffered must not be written by every worker. */
	fflush(stdout);
	fflush(stderr);
	for (k = 0; k < nworkers; k++) {
		w[k].fd = -1;
		if (pipe(p) != 0) {
			w[k].pid = -1;
			w[k].why = errno;
			continue;
		}
		if ((w[k].pid = fork()) < 0) {
			w[k].why = errno;
			close(p[0]);
			close(p[1]);
			continue;
		}
		if (w[k].pid == 0) {
			/* Only this worker's pipe stays open here. */
			close(p[0]);
			for (j = 0; j < k; j++)
				if (w[j].fd >= 0)
					close(w[j].fd);
			signal(SIGPIPE, SIG_DFL);
			work(k, nworkers, n, cb, p[1]);
		}
		close(p[1]);
		w[k].fd = p[0];
		open_fds++;
		started++;
	}
	if (started == 0) {
		avs_fail(err, AVS_ERUN, _("cannot start a worker process: %s"),
		    strerror(w[0].why));
		free(res);
		free(pf);
		free(w);
		return AVS_ERUN;
	}
	while (open_fds > 0) {
		for (k = 0; k < nworkers; k++) {
			pf[k].fd = w[k].fd;
			pf[k].events = POLLIN;
			pf[k].revents = 0;
		}
		if (poll(pf, (nfds_t)nworkers, -1) < 0) {
			if (errno == EINTR)
				continue;
			break;
		}
		for (k = 0; k < nworkers; k++) {
			if (w[k].fd < 0 || pf[k].revents == 0)
				continue;
			got = read(w[k].fd, chunk, sizeof(chunk));
			if (got < 0 && errno == EINTR)
				continue;
			if (got > 0) {
				avs_buf_add(&w[k].in, chunk, (size_t)got);
				take_frames(&w[k], res, n);
				continue;
			}
			close(w[k].fd);
			w[k].fd = -1;
			open_fds--;
			wstatus = 0;
			while (waitpid(w[k].pid, &wstatus, 0) < 0 &&
			    errno == EINTR)
				;
			orphans(&w[k], k, nworkers, wstatus, res, n);
		}
		deliver(res, n, &next, cb);
	}
	avs_wipe(chunk, sizeof(chunk));
	for (k = 0; k < nworkers; k++) {
		if (w[k].fd >= 0) {
			close(w[k].fd);
			while (waitpid(w[k].pid, &wstatus, 0) < 0 &&
			    errno == EINTR)
				;
		}
		if (w[k].pid < 0 || w[k].fd >= 0)
			orphans(&w[k], k, nworkers, 0, res, n);
		avs_buf_free(&w[k].in);
	}
	deliver(res, n, &next, cb);
	free(res);
	free(pf);
	free(w);
	return 0;
}
