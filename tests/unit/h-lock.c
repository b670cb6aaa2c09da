/*
 * Test helper: hold a record's lock, as a writer would.
 *
 *   h-lock ID
 *
 * Takes the lock of record ID in $AVSLUT_STORE, prints "locked" and holds
 * it until standard input reaches end of file.
 */
#include <stdio.h>
#include <unistd.h>

#include "cli.h"
#include "fsio.h"
#include "store.h"

int
main(int argc, char *argv[])
{
	struct avs_err err = AVS_ERR_INIT;
	struct avs_store *st = NULL;
	struct avs_crypto *c = NULL;
	struct avs_lock *lk = NULL;
	char buf[64];
	int rc;

	avs_init_program("h-lock");
	if (argc != 2)
		return 2;
	if ((rc = avs_crypto_init(&err)) != 0 ||
	    (rc = avs_crypto_new(&c, &err)) != 0 ||
	    (rc = avs_store_open(NULL, c, 0, &st, NULL, &err)) != 0 ||
	    (rc = avs_store_lock(st, argv[1], 0, 1, &lk, &err)) != 0) {
		avs_report(&err);
		avs_store_close(st);
		avs_crypto_free(c);
		return rc;
	}
	printf("locked\n");
	fflush(stdout);
	while (read(STDIN_FILENO, buf, sizeof(buf)) > 0)
		continue;
	avs_unlock(lk, 0);
	avs_store_close(st);
	avs_crypto_free(c);
	return 0;
}
