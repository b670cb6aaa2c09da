/* libFuzzer: a record's registration and seal statements (lib/evidence.c
 * over lib/yamlio.c), DIR/evidence/ID.reg and ID.seal, which every store
 * writer can write.  The first byte chooses: bit 0 a seal statement
 * rather than a registration, bit 1 the whole clearsigned file as purge
 * peeks at it without a key (the armor and the text in it, unchecked,
 * or a batched registration, unsigned), else the signed text as the
 * verifying readers pass it on.  What is accepted must be written back
 * and read again to the same statement.  Bit 2: a batch statement's
 * text, in which record ID is looked up. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "evidence.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define ID "23456789abcd"	/* the record the seeds are of */
#define BATCH "0123456789abcdef"	/* the batch they are in */

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct avs_err err = AVS_ERR_INIT;
	struct avs_buf once = AVS_BUF_INIT, twice = AVS_BUF_INIT;
	struct avs_reg_stmt reg, *r;
	struct avs_seal_stmt seal, *s;
	char *copy;
	int how;

	if (size == 0)
		return 0;
	how = data[0];
	r = how & 1 ? NULL : &reg;
	s = how & 1 ? &seal : NULL;
	copy = malloc(size);	/* NUL-terminated, as a file read is */
	memcpy(copy, data + 1, size - 1);
	copy[size - 1] = '\0';
	if (how & 4) {
		char digest[AVS_DIGESTLEN];

		if (avs_ev_batch_parse("fuzz", BATCH, copy, size - 1, ID,
		    digest, &err) == 0 &&
		    (strlen(digest) != AVS_DIGESTLEN - 1 ||
		    strncmp(digest, "sha256:", 7) != 0))
			abort();	/* a digest that is none */
		free(copy);
		return 0;
	}
	if (avs_ev_parse("fuzz", ID, copy, size - 1, how & 2, r, s,
	    &err) != 0) {
		free(copy);
		return 0;
	}
	free(copy);
	if (avs_ev_text(r, s, &once, &err) != 0)
		abort();	/* read, then refused on writing */
	if (avs_ev_parse("fuzz", ID, once.p, once.len, 0, r, s, &err) != 0 ||
	    avs_ev_text(r, s, &twice, &err) != 0 ||
	    once.len != twice.len || memcmp(once.p, twice.p, once.len) != 0)
		abort();	/* written, then not read back the same */
	avs_buf_free(&once);
	avs_buf_free(&twice);
	return 0;
}
