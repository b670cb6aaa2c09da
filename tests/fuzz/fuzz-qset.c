/* libFuzzer: the question-set loader (lib/qset.c over lib/yamlio.c). */
#include <stdint.h>

#include "qset.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct avs_err err = AVS_ERR_INIT;
	struct avs_qset *qs;

	if (avs_qset_parse("fuzz.yaml", data, size, &qs, &err) == 0)
		avs_qset_free(qs);
	return 0;
}
