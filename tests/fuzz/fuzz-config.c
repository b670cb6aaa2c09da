/* libFuzzer: the store config (lib/config.c over lib/yamlio.c), as a
 * store writer can leave it in DIR/config; what it accepts must be
 * written back and read again to the same document. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct avs_err err = AVS_ERR_INIT;
	struct avs_buf once = AVS_BUF_INIT, twice = AVS_BUF_INIT;
	struct avs_config cfg;

	if (avs_config_parse("fuzz", 0, data, size, &cfg, &err) != 0)
		return 0;
	if (avs_config_write(&cfg, &once, &err) != 0)
		abort();
	avs_config_clear(&cfg);
	if (avs_config_parse("fuzz", 0, once.p, once.len, &cfg, &err) != 0 ||
	    avs_config_write(&cfg, &twice, &err) != 0 ||
	    once.len != twice.len || memcmp(once.p, twice.p, once.len) != 0)
		abort();	/* written, then not read back the same */
	avs_config_clear(&cfg);
	avs_buf_free(&once);
	avs_buf_free(&twice);
	return 0;
}
