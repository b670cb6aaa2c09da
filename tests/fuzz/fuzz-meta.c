/* libFuzzer: the plaintext header of a record file ("Comment: avslut
 * STATE DATE", lib/store.c), which purge and --verify read without a
 * key and every store writer can write. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "store.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct avs_err err = AVS_ERR_INIT;
	struct avs_meta m;
	char *copy = malloc(size ? size : 1);	/* no NUL after it */

	memcpy(copy, data, size);
	if (avs_meta_parse("0123456789ab", copy, size, &m, &err) == 0 &&
	    ((int)m.state >= (int)AVS_NSTATES || !avs_date_valid(m.since)))
		abort();
	free(copy);
	return 0;
}
