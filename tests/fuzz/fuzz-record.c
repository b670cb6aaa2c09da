/* libFuzzer: the record reader; what it accepts must be written back and
 * read again to the same document (a save must never lose a record).  A
 * registration block it holds is checked against its fields as opening
 * the record checks it (lib/evidence.c). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "evidence.h"
#include "record.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct avs_err err = AVS_ERR_INIT;
	struct avs_buf once = AVS_BUF_INIT, twice = AVS_BUF_INIT;
	struct avs_record *r;

	if (avs_record_read("fuzz", data, size, &r, &err) != 0)
		return 0;
	if (r->registration != NULL)
		(void)avs_reg_block_check(r, NULL);
	if (avs_record_write(r, &once, &err) != 0)
		abort();	/* read, then refused on saving */
	avs_record_free(r);
	if (avs_record_read("fuzz", once.p, once.len, &r, &err) != 0 ||
	    avs_record_write(r, &twice, &err) != 0 ||
	    once.len != twice.len || memcmp(once.p, twice.p, once.len) != 0)
		abort();	/* written, then not read back the same */
	avs_record_free(r);
	avs_buf_free(&once);
	avs_buf_free(&twice);
	return 0;
}
