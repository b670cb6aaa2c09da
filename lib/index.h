/*
 * index.h -- the report index (avslut-store(5), avslut-report(1)): what
 * reports count of each sealed or declined record, kept so that a report
 * decrypts only the records that changed since the last one.
 *
 *   DIR/index/YYYY-MM.asc  one bucket per month of the date retention
 *                          counts from (the record header's date): an
 *                          OpenPGP message encrypted to the store's
 *                          recipients only and signed by the HR key that
 *                          wrote it, accepted under the seal rule
 *   DIR/locks/index-YYYY-MM  its lock: a report writes the bucket under
 *                          it, purge deletes the bucket under it
 *
 * An entry holds the fields reports count -- state, dates, unit,
 * workplace, employment, reason, eligibility, why declined, the question
 * set's name and version, the coded answers -- and nothing else, and is
 * bound to its record: the SHA-256 over the record file and its two
 * evidence statements as they are on disk.  An entry whose binding does
 * not hold is not used.  The index is a cache: removing DIR/index/ is
 * always safe.
 */
#ifndef AVS_INDEX_H
#define AVS_INDEX_H

#include <stddef.h>

#include "crypto.h"
#include "evidence.h"
#include "fsio.h"
#include "pool.h"
#include "record.h"
#include "store.h"
#include "util.h"

#define AVS_INDEX_FORMAT 1
#define AVS_MONTHLEN 7			/* YYYY-MM */

struct avs_ix_entry {
	char id[AVS_IDLEN + 1];
	char bound[AVS_DIGESTLEN];	/* record file and evidence */
	struct avs_record *r;		/* only what reports count */
};

/* One bucket's plaintext: its month, the trust it was written under
 * (the SHA-256 of the signed config and the pins), its entries. */
struct avs_ix_bucket {
	char month[AVS_MONTHLEN + 1];
	char context[AVS_DIGESTLEN];
	struct avs_ix_entry *e;
	size_t n, cap;
};

/* Parse a bucket's plaintext (file names it in messages). */
int avs_ix_parse(const char *file, const void *data, size_t len,
    struct avs_ix_bucket **out, struct avs_err *err);
/* Write it. */
int avs_ix_write(const struct avs_ix_bucket *b, struct avs_buf *out,
    struct avs_err *err);
void avs_ix_free(struct avs_ix_bucket *b);
/* What the index keeps of r: a record with only the fields reports
 * count (no free text), or NULL when r is not one the index holds (not
 * sealed or declined, or declined with a free-text answer). */
struct avs_record *avs_ix_reduce(const struct avs_record *r);

/* Read every record as avs_scan() does, taking what the index holds of
 * records unchanged since it was written instead of decrypting them,
 * then writing the buckets that were missing, bad or stale (with
 * AVS_IX_REBUILD: every bucket, none read).  A bad bucket is said to
 * cbs->bad, once, and rebuilt.  Only for a caller who holds a store
 * recipient's key. */
enum { AVS_IX_REBUILD = 1 };
int avs_ix_scan(struct avs_store *st, struct avs_crypto *c,
    const char *command, int jobs, int flags, const struct avs_scan_cbs *cbs,
    struct avs_scan *res, struct avs_err *err);

/* Lock the bucket of month (YYYY-MM, the first seven characters of a
 * record header's date), waiting for a report that writes it. */
int avs_ix_lock(struct avs_store *st, const char *month,
    struct avs_lock **out, struct avs_err *err);
/* Delete the bucket of month and its temporaries; the caller holds its
 * lock.  None there is no error. */
int avs_ix_drop(struct avs_store *st, const char *month, struct avs_err *err);
/* Delete every bucket, each under its lock (avslut-seal --reencrypt). */
int avs_ix_drop_all(struct avs_store *st, struct avs_err *err);

#endif
