/* libFuzzer: a bucket of the report index after decryption (lib/index.c
 * over lib/yamlio.c), as an HR signer's key wrote it -- or a store
 * writer who holds one; what it accepts must be written back and read
 * again to the same document, and hold only what the index may. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "index.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Only sealed and declined records, with coded answers given. */
static void
check(const struct avs_ix_bucket *b)
{
	const struct avs_record *r;
	size_t i, j;

	for (i = 0; i < b->n; i++) {
		r = b->e[i].r;
		if ((r->state != AVS_SEALED && r->state != AVS_DECLINED) ||
		    !avs_id_valid(b->e[i].id) || strcmp(r->id, b->e[i].id))
			abort();
		for (j = 0; j < r->nanswers; j++)
			if (r->answers[j].type == AVS_Q_TEXT ||
			    !avs_answer_given(&r->answers[j]))
				abort();
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct avs_err err = AVS_ERR_INIT;
	struct avs_buf once = AVS_BUF_INIT, twice = AVS_BUF_INIT;
	struct avs_ix_bucket *b;

	if (avs_ix_parse("fuzz", data, size, &b, &err) != 0)
		return 0;
	check(b);
	if (avs_ix_write(b, &once, &err) != 0)
		abort();
	avs_ix_free(b);
	if (avs_ix_parse("fuzz", once.p, once.len, &b, &err) != 0 ||
	    avs_ix_write(b, &twice, &err) != 0 ||
	    once.len != twice.len || memcmp(once.p, twice.p, once.len) != 0)
		abort();	/* written, then not read back the same */
	avs_ix_free(b);
	avs_buf_free(&once);
	avs_buf_free(&twice);
	return 0;
}
