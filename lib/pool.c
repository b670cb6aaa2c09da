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

struct pool {
	struct avs_store *st;
	const char *command;
	char *const *ids;
	size_t n, next;
	const struct avs_scan_cbs *cbs;
	pthread_mutex_t mu;	/* all below, and the callbacks */
	struct avs_scan res;
	int stop, rc;
	struct avs_err err;
};

int
avs_scan_jobs(void)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);

	return n < 1 ? 1 : n > 16 ? 16 : (int)n;
}

/* The first fatal error stops every worker. */
static void
fatal(struct pool *p, int rc, const struct avs_err *e, int locked)
{
	if (p->stop)
		return;
	p->stop = 1;
	p->rc = rc;
	p->err = *e;
	p->res.locked = locked;
}

static void
load_one(struct pool *p, struct avs_crypto *c, const char *id)
{
	struct avs_err e = AVS_ERR_INIT;
	struct avs_open ro;
	int rc;

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
	else
		fatal(p, rc, &e, avs_crypto_locked(c));
	pthread_mutex_unlock(&p->mu);
	avs_rec_close(&ro);
}

static void *
worker(void *arg)
{
	struct pool *p = arg;
	struct avs_err e = AVS_ERR_INIT;
	struct avs_crypto *c;
	const char *id;
	int rc;

	if ((rc = avs_crypto_new(&c, &e)) != 0) {
		pthread_mutex_lock(&p->mu);
		fatal(p, rc, &e, 0);
		pthread_mutex_unlock(&p->mu);
		return NULL;
	}
	for (;;) {
		pthread_mutex_lock(&p->mu);
		id = !p->stop && p->next < p->n ? p->ids[p->next++] : NULL;
		pthread_mutex_unlock(&p->mu);
		if (id == NULL)
			break;
		load_one(p, c, id);
	}
	avs_crypto_free(c);
	return NULL;
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
	pthread_t th[MAXJOBS];
	struct pool p;
	int i, started = 0;

	memset(&p, 0, sizeof(p));
	p.ids = ids;
	p.n = n;
	p.st = st;
	p.command = command;
	p.cbs = cbs;
	pthread_mutex_init(&p.mu, NULL);
	(void)avs_username();	/* its buffer, before the threads */
	if (jobs > MAXJOBS)
		jobs = MAXJOBS;
	if ((size_t)jobs > p.n)
		jobs = p.n > 0 ? (int)p.n : 1;
	for (i = 1; i < jobs; i++)
		if (pthread_create(&th[started], NULL, worker, &p) == 0)
			started++;
	worker(&p);
	for (i = 0; i < started; i++)
		pthread_join(th[i], NULL);
	pthread_mutex_destroy(&p.mu);
	res->nread += p.res.nread;
	res->nunreadable += p.res.nunreadable;
	res->nbad += p.res.nbad;
	res->locked = p.res.locked;
	if (p.rc != 0 && err != NULL)
		*err = p.err;
	return p.rc;
}
