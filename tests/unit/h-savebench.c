/*
 * Bench helper: the pause after an answer in avslut-ask.  Opens record ID
 * as avslut-ask does (lock, one decryption), then saves it N times
 * exactly as after each answer (encrypt the in-memory record, atomic
 * write, fsync) and prints the mean milliseconds per save.
 *
 * With THINK (milliseconds), as on a terminal: the encryption of each
 * save is started ahead (avs_iv_prepare), THINK ms pass untimed while
 * the manager types, and what is timed is the pause itself -- the save
 * and starting the next one's encryption, until the next question shows.
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
	struct timespec a, b, think = { 0, 0 };
	double ms = 0;
	int i, n, rc;

	if (argc < 3 || argc > 4 || (n = atoi(argv[2])) <= 0) {
		fprintf(stderr, "usage: h-savebench ID N [THINK]\n");
		return 2;
	}
	if (argc == 4) {
		think.tv_sec = atoi(argv[3]) / 1000;
		think.tv_nsec = atoi(argv[3]) % 1000 * 1000000L;
	}
	if ((rc = avs_store_open(NULL, &st, &err)) != 0 ||
	    (rc = avs_crypto_init(&err)) != 0 ||
	    (rc = avs_crypto_new(&c, &err)) != 0 ||
	    (rc = avs_iv_open(st, c, argv[1], "h-savebench", &iv, &err)) != 0)
		goto done;
	/* The first save looks the keys up once, as the first answer does. */
	if ((rc = avs_iv_save(iv, &err)) != 0)
		goto done;
	if (argc == 4)
		avs_iv_prepare(iv);
	for (i = 0; i < n && rc == 0; i++) {
		if (argc == 4)
			nanosleep(&think, NULL);
		clock_gettime(CLOCK_MONOTONIC, &a);
		rc = avs_iv_save(iv, &err);
		if (argc == 4 && rc == 0)
			avs_iv_prepare(iv);
		clock_gettime(CLOCK_MONOTONIC, &b);
		ms += (b.tv_sec - a.tv_sec) * 1e3 + (b.tv_nsec - a.tv_nsec) / 1e6;
	}
	if (rc == 0 && argc == 4 && avs_crypto_early_used(c) != (unsigned long)n) {
		fprintf(stderr, "h-savebench: %lu of %d saves used the early "
		    "encryption\n", avs_crypto_early_used(c), n);
		rc = 1;
	} else if (rc == 0)
		printf("%.1f\n", ms / n);
done:
	if (rc != 0)
		fprintf(stderr, "h-savebench: %s\n", err.msg);
	avs_iv_close(iv);
	avs_crypto_free(c);
	avs_store_close(st);
	return rc;
}
