/*
 * Test helper: change a record through the library, as other tools would.
 *   h-record seal ID SIGNER   seal it (signed by SIGNER) without checks
 */
#include <stdio.h>
#include <string.h>

#include "crypto.h"
#include "store.h"
#include "vault.h"

int
main(int argc, char *argv[])
{
	struct avs_err err = AVS_ERR_INIT;
	struct avs_store *st = NULL;
	struct avs_crypto *c = NULL;
	struct avs_record *r;
	struct avs_open ro;
	int rc;

	if (argc != 4 || strcmp(argv[1], "seal") != 0) {
		fprintf(stderr, "usage: h-record seal ID SIGNER\n");
		return 2;
	}
	memset(&ro, 0, sizeof(ro));
	if ((rc = avs_crypto_init(&err)) == 0 &&
	    (rc = avs_crypto_new(&c, &err)) == 0 &&
	    (rc = avs_store_open(NULL, c, 0, &st, NULL, &err)) == 0 &&
	    (rc = avs_rec_open(st, c, argv[2], "h-record", AVS_OPEN_LOCK |
	    AVS_OPEN_ANY_SEAL, &ro, &err)) == 0) {
		r = ro.rec;
		r->state = AVS_SEALED;
		avs_today_str(r->sealed);
		r->seal_by = avs_xstrdup(argv[3]);
		rc = avs_rec_save(st, c, r, argv[3], 0, &err);
	}
	if (rc != 0)
		fprintf(stderr, "h-record: %s\n", err.msg);
	avs_rec_close(&ro);
	avs_crypto_free(c);
	avs_store_close(st);
	return rc;
}
