/* libFuzzer: the CSV import (lib/import.c over libcsv), every row's
 * facts checked as a registration would. */
#include <stdint.h>

#include "import.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int
row(const struct avs_facts *f, int declined, long line, void *arg,
    struct avs_err *err)
{
	(void)line;
	(void)arg;
	return avs_facts_check(f, declined, err);
}

static void
note(long line, int status, const char *msg, void *arg)
{
	(void)line;
	(void)status;
	(void)msg;
	(void)arg;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct avs_err err = AVS_ERR_INIT;
	struct avs_facts defaults = { 0 };
	struct avs_import_cb cb = { row, note, NULL };

	avs_import(data, size, &defaults, &cb, &err);
	return 0;
}
