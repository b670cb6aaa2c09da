/*
 * pool.c -- a small thread pool over avs_rec_open().
 *
 * gpgme runs one gpg process per operation; running several at once is
 * what uses the machine's cores.  The rules for threads, kept here: one
 * gpgme context per thread (avs_crypto_new), never shared; error strings
 * through gpgme_strerror_r only (crypto.c); avs_username()'s buffer is
 * filled before any thread starts; the access log serialises its writers
 * (store.c).
 */
#include <pthread.h>
#include <string.h>
#include <unistd.h>

#include "crypto.h"
#include "i18n.h"
#include "pool.h"
#include "vault.h"

#define MAXJOBS 64

/* A pool's threads, each with its gpgme context, take the items in
 * turn; the first failure stops them all. */
struct run {
	int (*fn)(struct avs_crypto *c, size_t i, void *arg,
	    struct avs_err *err);
	void *arg;
	size_t n, next;
	pthread_mutex_t mu;	/* all below */
	int rc;
	struct avs_err err;
};

struct pool {
	struct avs_store *st;
	const char *command;
	char *const *ids;
	const struct avs_scan_cbs *cbs;
	pthread_mutex_t mu;	/* all below, and the callbacks */
	struct avs_scan res;
	int stop;
};

int
avs_scan_jobs(void)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);

	return n < 1 ? 1 : n > 16 ? 16 : (int)n;
}

static void
stop(struct run *r, int rc, const struct avs_err *e)
{
	pthread_mutex_lock(&r->mu);
	if (r->rc == 0) {
		r->rc = rc;
		r->err = *e;
	}
	pthread_mutex_unlock(&r->mu);
}

static void *
runner(void *arg)
{
	struct run *r = arg;
	struct avs_err e = AVS_ERR_INIT;
	struct avs_crypto *c;
	size_t i;
	int rc;

	if ((rc = avs_crypto_new(&c, &e)) != 0) {
		stop(r, rc, &e);
		return NULL;
	}
	for (;;) {
		pthread_mutex_lock(&r->mu);
		i = r->rc == 0 && r->next < r->n ? r->next++ : r->n;
		pthread_mutex_unlock(&r->mu);
		if (i == r->n)
			break;
		if ((rc = r->fn(c, i, r->arg, &e)) != 0)
			stop(r, rc, &e);
	}
	avs_crypto_free(c);
	return NULL;
}

int
avs_pool_run(int jobs, size_t n, int (*fn)(struct avs_crypto *c, size_t i,
    void *arg, struct avs_err *err), void *arg, struct avs_err *err)
{
	pthread_t th[MAXJOBS];
	struct run r;
	int i, started = 0;

	memset(&r, 0, sizeof(r));
	r.fn = fn;
	r.arg = arg;
	r.n = n;
	pthread_mutex_init(&r.mu, NULL);
	(void)avs_username();	/* its buffer, before the threads */
	if (jobs > MAXJOBS)
		jobs = MAXJOBS;
	if ((size_t)jobs > n)
		jobs = n > 0 ? (int)n : 1;
	for (i = 1; i < jobs; i++)
		if (pthread_create(&th[started], NULL, runner, &r) == 0)
			started++;
	runner(&r);
	for (i = 0; i < started; i++)
		pthread_join(th[i], NULL);
	pthread_mutex_destroy(&r.mu);
	if (r.rc != 0 && err != NULL)
		*err = r.err;
	return r.rc;
}

/* One record; a failure that stops the scan is returned (the first
 * says whether a key stayed locked). */
static int
load_one(struct avs_crypto *c, size_t i, void *arg, struct avs_err *err)
{
	struct pool *p = arg;
	const char *id = p->ids[i];
	struct avs_err e = AVS_ERR_INIT;
	struct avs_open ro;
	int rc, fatal = 0;

	rc = avs_rec_open(p->st, c, id, p->command, 0, &ro, &e);
	pthread_mutex_lock(&p->mu);
	if (rc == 0) {
		p->res.nread++;
		p->cbs->rec(ro.rec, p->cbs->arg);
	} else if (rc == AVS_EINTEGRITY) {
		p->res.nbad++;
		p->cbs->bad(e.msg, p->cbs->arg);
	} else if (!avs_store_record_exists(p->st, id)) {
		/* Purged since the listing: not in the store any more. */
	} else if (avs_crypto_no_key(c) && p->cbs->reader) {
		p->res.nbad++;
		avs_fail(&e, AVS_EINTEGRITY, _("record %s: no recipient of the "
		    "store can read it"), id);
		p->cbs->bad(e.msg, p->cbs->arg);
	} else if (avs_crypto_no_key(c))
		p->res.nunreadable++;
	else {
		if (!p->stop)
			p->res.locked = avs_crypto_locked(c);
		p->stop = fatal = 1;
		*err = e;
	}
	pthread_mutex_unlock(&p->mu);
	avs_rec_close(&ro);
	return fatal ? rc : 0;
}

int
avs_scan(struct avs_store *st, const char *command, int jobs,
    const struct avs_scan_cbs *cbs, struct avs_scan *res,
    struct avs_err *err)
{
	char **ids;
	size_t n;
	int rc;

	memset(res, 0, sizeof(*res));
	if ((rc = avs_store_ids(st, &ids, &n, err)) != 0)
		return rc;
	rc = avs_scan_ids(st, command, jobs, ids, n, cbs, res, err);
	avs_strv_free(ids);
	return rc;
}

int
avs_scan_ids(struct avs_store *st, const char *command, int jobs,
    char *const *ids, size_t n, const struct avs_scan_cbs *cbs,
    struct avs_scan *res, struct avs_err *err)
{
	struct pool p;
	int rc;

	memset(&p, 0, sizeof(p));
	p.ids = ids;
	p.st = st;
	p.command = command;
	p.cbs = cbs;
	pthread_mutex_init(&p.mu, NULL);
	rc = avs_pool_run(jobs, n, load_one, &p, err);
	pthread_mutex_destroy(&p.mu);
	res->nread += p.res.nread;
	res->nunreadable += p.res.nunreadable;
	res->nbad += p.res.nbad;
	res->locked = p.res.locked;
	return rc;
}
