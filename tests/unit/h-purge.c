/*
 * Test helper for the avslut-purge tests, on the store $AVSLUT_STORE:
 *
 *   h-purge state ID STATE [SEALED]  put a record into STATE through the
 *                                    library (decrypt, change, re-encrypt
 *                                    under the lock), with its seal date
 *   h-purge lock ID                  hold the record's lock, print
 *                                    "locked", release at end of stdin
 *
 * Needs the keys of the test's GNUPGHOME for "state"; "lock" needs none.
 */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "crypto.h"
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
		else
			rc = avs_fail(&err, AVS_EUSAGE, "unknown command");
	}
	avs_store_close(st);
	avs_crypto_free(c);
	return rc != 0 ? avs_report(&err) : 0;
}
