/* libFuzzer: the CSV import (lib/import.c over libcsv), every row's
 * facts checked as a registration would.  Bits of the first byte (which
 * is parsed too) choose how the file is read, as an option would:
 * 0x01 the separator given (0x20: ';', else ','), not detected from the
 * header row; 0x10 Windows-1252, else UTF-8.  The column and code word
 * mapping is the default of a new store's config. */
#include <stdint.h>

#include "config.h"
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
	static struct avs_config cfg;
	static int loaded;
	struct avs_err err = AVS_ERR_INIT;
	struct avs_facts defaults = { 0 };
	struct avs_import_cb cb = { row, note, NULL };
	struct avs_import_opts o = { 0, AVS_ENC_UTF8, &cfg };
	uint8_t b = size > 0 ? data[0] : 0;

	if (!loaded) {
		avs_config_defaults(&cfg);
		loaded = 1;
	}
	if (b & 0x01)
		o.sep = b & 0x20 ? ';' : ',';
	if (b & 0x10)
		o.encoding = AVS_ENC_CP1252;
	avs_import(data, size, &o, &defaults, &cb, &err);
	return 0;
}
