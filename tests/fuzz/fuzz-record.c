/* libFuzzer: the record reader, and writing back what it accepted. */
#include <stdint.h>

#include "record.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct avs_err err = AVS_ERR_INIT;
	struct avs_buf out = AVS_BUF_INIT;
	struct avs_record *r;

	if (avs_record_read("fuzz", data, size, &r, &err) == 0) {
		avs_record_write(r, &out, &err);
		avs_record_free(r);
	}
	avs_buf_free(&out);
	return 0;
}
