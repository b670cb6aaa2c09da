/*
 * pool.h -- read every record of a store, decrypting in parallel.
 *
 * Worker threads, one gpgme context each, take record ids in turn;
 * each record is opened with avs_rec_open() (decrypted, verified -- a
 * sealed record's seal must hold --, logged and parsed), handed to the
 * caller and freed at once, so memory does not grow with the store.
 */
#ifndef AVS_POOL_H
#define AVS_POOL_H

#include <stddef.h>

#include "crypto.h"
#include "record.h"
#include "store.h"
#include "util.h"

struct avs_scan {
	size_t nread;		/* decrypted, verified and handed over */
	size_t nunreadable;	/* encrypted to no key the caller holds */
	size_t nbad;		/* failed verification: left out */
	int locked;		/* the error was a key that stayed locked */
};

/* Callbacks run one at a time (under the pool's lock), in no particular
 * order.  rec gets each good record, which is freed when it returns;
 * bad gets the one-line message for each record left out because it
 * failed verification (it names the record, never its content). */
struct avs_scan_cbs {
	void (*rec)(const struct avs_record *r, void *arg);
	void (*bad)(const char *msg, void *arg);
	void *arg;
	int reader;	/* the caller holds a store recipient's key: a record
			 * it cannot read was hidden from HR, and is bad */
};

/* Run fn(c, i, arg, err) for every i below n, jobs threads at a time,
 * each with a gpgme context c of its own; the first failure stops them
 * all and is returned, its message in err. */
int avs_pool_run(int jobs, size_t n, int (*fn)(struct avs_crypto *c,
    size_t i, void *arg, struct avs_err *err), void *arg,
    struct avs_err *err);

/* The number of worker threads to use by default: the online CPUs. */
int avs_scan_jobs(void);

/* Read every record with jobs threads; command names the caller in the
 * access log.  Records the caller holds no key for are counted, records
 * that fail verification are reported and counted, records removed
 * meanwhile are skipped; any other failure (a key that stays locked, the
 * access log) stops the scan and is the error.  avs_crypto_init() must
 * have been called. */
int avs_scan(struct avs_store *st, const char *command, int jobs,
    const struct avs_scan_cbs *cbs, struct avs_scan *res,
    struct avs_err *err);
/* The same over the records ids (n of them) only; the counts are added
 * to res. */
int avs_scan_ids(struct avs_store *st, const char *command, int jobs,
    char *const *ids, size_t n, const struct avs_scan_cbs *cbs,
    struct avs_scan *res, struct avs_err *err);

#endif
