/* libFuzzer: the ledger (lib/ledger.c), what --verify last saw of a store,
 * kept outside it ($XDG_STATE_HOME/avslut/ledger/HASH): one line a record,
 * "ID STATE [DIGEST]".  Every record it holds, noted again as --verify
 * notes it, must be saved as text that reads back to the same ledger. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ledger.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Note every record of l again, as it is. */
static void
again(struct avs_ledger *l)
{
	char *const *id;
	int s;

	for (id = avs_ledger_ids(l); *id != NULL; id++) {
		if ((s = avs_ledger_state(l, *id)) < 0 || s >= AVS_NSTATES)
			abort();	/* listed, then not found */
		avs_ledger_note(l, *id, (enum avs_state)s,
		    avs_ledger_digest(l, *id));
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct avs_ledger *l = avs_ledger_parse(data, size), *l2;
	const struct avs_buf *once, *twice;

	again(l);
	once = avs_ledger_noted(l);
	l2 = avs_ledger_parse(once->p != NULL ? once->p : "", once->len);
	again(l2);
	twice = avs_ledger_noted(l2);
	if (once->len != twice->len ||
	    (once->len > 0 && memcmp(once->p, twice->p, once->len) != 0))
		abort();	/* saved, then not read back the same */
	avs_ledger_free(l);
	avs_ledger_free(l2);
	return 0;
}
