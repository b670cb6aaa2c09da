/* libFuzzer: the pins file (lib/trust.c over lib/yamlio.c), the trust
 * anchor in the user's home: YAML from a file, so fed like any other;
 * what it accepts must be written back as avs_pins_add() writes it and
 * read again to the same document. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "trust.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct avs_err err = AVS_ERR_INIT;
	struct avs_buf once = AVS_BUF_INIT, twice = AVS_BUF_INIT;
	struct avs_pins *p;

	if (avs_pins_parse("fuzz", data, size, &p, &err) != 0)
		return 0;
	if (avs_pins_text(p, &once, &err) != 0)
		abort();	/* read, then refused on writing */
	avs_pins_free(p);
	if (avs_pins_parse("fuzz", once.p, once.len, &p, &err) != 0 ||
	    avs_pins_text(p, &twice, &err) != 0 ||
	    once.len != twice.len || memcmp(once.p, twice.p, once.len) != 0)
		abort();	/* written, then not read back the same */
	avs_pins_free(p);
	avs_buf_free(&once);
	avs_buf_free(&twice);
	return 0;
}
