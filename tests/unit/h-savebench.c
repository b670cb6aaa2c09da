/*
 * Bench helper: the pause after an answer in avslut-ask.  Opens record ID
 * as avslut-ask does (lock, one decryption), then saves it N times
 * exactly as after each answer (encrypt the in-memory record, atomic
 * write, fsync) and prints the mean milliseconds per save.
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "interview.h"

int
main(int argc, char *argv[])
{
	struct avs_err err = AVS_ERR_INIT;
	struct avs_store *st = NULL;
	struct avs_crypto *c = NULL;
	struct avs_interview *iv = NULL;
	struct timespec a, b;
	double ms = 0;
	int i, n, rc;

	if (argc != 3 || (n = atoi(argv[2])) <= 0) {
		fprintf(stderr, "usage: h-savebench ID N\n");
		return 2;
	}
	if ((rc = avs_crypto_init(&err)) != 0 ||
	    (rc = avs_crypto_new(&c, &err)) != 0 ||
	    (rc = avs_store_open(NULL, c, 0, &st, NULL, &err)) != 0 ||
	    (rc = avs_iv_open(st, c, argv[1], "h-savebench", &iv, &err)) != 0)
		goto done;
	/* The first save looks the keys up once, as the first answer does. */
	if ((rc = avs_iv_save(iv, &err)) != 0)
		goto done;
	for (i = 0; i < n && rc == 0; i++) {
		clock_gettime(CLOCK_MONOTONIC, &a);
		rc = avs_iv_save(iv, &err);
		clock_gettime(CLOCK_MONOTONIC, &b);
		ms += (b.tv_sec - a.tv_sec) * 1e3 + (b.tv_nsec - a.tv_nsec) / 1e6;
	}
	if (rc == 0)
		printf("%.1f\n", ms / n);
done:
	if (rc != 0)
		fprintf(stderr, "h-savebench: %s\n", err.msg);
	avs_iv_close(iv);
	avs_crypto_free(c);
	avs_store_close(st);
	return rc;
}
