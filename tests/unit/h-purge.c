/*
 * Test helper for the avslut-purge tests, on the store $AVSLUT_STORE:
 *
 *   h-purge state ID STATE [SEALED]  put a record into STATE through the
 *                                    library (decrypt, change, re-encrypt
 *                                    under the lock), with its seal date
 *   h-purge lock ID                  hold the record's lock, print
 *                                    "locked", release at end of stdin
 *   h-purge clone ID N               N copies of the record under new
 *                                    ids (printed), each with evidence
 *                                    signed by HR: what purge reads of a
 *                                    record; they do not decrypt
 *
 * Needs the keys of the test's GNUPGHOME for "state"; "lock" needs none.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "crypto.h"
#include "evidence.h"
#include "fsio.h"
#include "record.h"
#include "store.h"
#include "vault.h"

static int
set_state(struct avs_store *st, struct avs_crypto *c, const char *id,
    const char *state, const char *sealed, struct avs_err *err)
{
	struct avs_record *r;
	struct avs_open ro;
	char writer[AVS_FPRLEN + 1];
	int rc, s;

	if ((s = avs_lookup(avs_state_names, state)) < 0)
		return avs_fail(err, AVS_EUSAGE, "unknown state %s", state);
	if (s == AVS_SEALED && (sealed == NULL || !avs_date_valid(sealed)))
		return avs_fail(err, AVS_EUSAGE, "sealed needs a date");
	memset(&ro, 0, sizeof(ro));
	if ((rc = avs_rec_open(st, c, id, "h-purge", AVS_OPEN_LOCK |
	    AVS_OPEN_ANY_SEAL, &ro, err)) != 0)
		goto done;
	r = ro.rec;
	r->state = (enum avs_state)s;
	if (s == AVS_SEALED)
		snprintf(r->sealed, sizeof(r->sealed), "%s", sealed);
	if ((rc = avs_rec_writer(st, c, r, writer, err)) != 0)
		goto done;
	if (s == AVS_SEALED) {
		/* Sealed by HR, with the statement a seal leaves. */
		avs_sfree(r->seal_by);
		r->seal_by = avs_xstrdup(writer);
		rc = avs_rec_seal_save(st, c, r, err);
	} else
		rc = avs_rec_save(st, c, r, writer, 0, err);
done:
	avs_rec_close(&ro);
	return rc;
}

static int
hold_lock(struct avs_store *st, const char *id, struct avs_err *err)
{
	struct avs_lock *lk;
	int rc;

	if ((rc = avs_store_lock(st, id, 0, 1, &lk, err)) != 0)
		return rc;
	printf("locked\n");
	fflush(stdout);
	while (getchar() != EOF)
		;
	avs_unlock(lk, 0);
	return 0;
}

/* Copy record id's file as new records, with its evidence for each. */
static int
clone(struct avs_store *st, struct avs_crypto *c, const char *id, long n,
    struct avs_err *err)
{
	const struct avs_store_dirs *d = avs_store_dirs(st);
	struct avs_buf file = AVS_BUF_INIT;
	struct avs_reg_stmt reg;
	struct avs_seal_stmt seal;
	char hr[AVS_FPRLEN + 1], nid[AVS_IDLEN + 1], name[32];
	int rc, missing, sealed;
	long i;

	if ((rc = avs_store_read_file(st, id, &file, err)) != 0 ||
	    (rc = avs_ev_peek_reg(st, id, &reg, &missing, err)) != 0 ||
	    (rc = avs_store_hr_key(st, c, NULL, 0, hr, err)) != 0)
		goto done;
	sealed = avs_ev_peek_seal(st, id, &seal, &missing, NULL) == 0;
	for (i = 0; i < n && rc == 0; i++) {
		if (avs_id_new(nid) != 0) {
			rc = avs_fail(err, AVS_ERUN, "no randomness");
			break;
		}
		snprintf(reg.id, sizeof(reg.id), "%s", nid);
		snprintf(seal.id, sizeof(seal.id), "%s", nid);
		avs_record_file(nid, name, sizeof(name));
		if ((rc = avs_ev_write_reg(st, c, hr, &reg, 0, err)) == 0 &&
		    (!sealed ||
		    (rc = avs_ev_write_seal(st, c, hr, &seal, err)) == 0) &&
		    (rc = avs_atomic_write(d->records, d->recpath, name,
		    file.p, file.len, 1, 1, err)) == 0)
			printf("%s\n", nid);
	}
	if (rc == 0)
		rc = avs_store_sync(st, err);
done:
	avs_buf_free(&file);
	return rc;
}

int
main(int argc, char *argv[])
{
	struct avs_err err = AVS_ERR_INIT;
	struct avs_store *st = NULL;
	struct avs_crypto *c = NULL;
	int rc;

	avs_init_program(argv[0]);
	if (argc < 3 || !avs_id_valid(argv[2])) {
		fprintf(stderr, "usage: h-purge state ID STATE [SEALED] | "
		    "lock ID\n");
		return 2;
	}
	if ((rc = avs_crypto_init(&err)) == 0 &&
	    (rc = avs_crypto_new(&c, &err)) == 0 &&
	    (rc = avs_store_open(NULL, c, 0, &st, NULL, &err)) == 0) {
		if (strcmp(argv[1], "state") == 0 && argc >= 4)
			rc = set_state(st, c, argv[2], argv[3], argv[4], &err);
		else if (strcmp(argv[1], "lock") == 0)
			rc = hold_lock(st, argv[2], &err);
		else if (strcmp(argv[1], "clone") == 0 && argc == 4)
			rc = clone(st, c, argv[2], atol(argv[3]), &err);
		else
			rc = avs_fail(&err, AVS_EUSAGE, "unknown command");
	}
	avs_store_close(st);
	avs_crypto_free(c);
	return rc != 0 ? avs_report(&err) : 0;
}
