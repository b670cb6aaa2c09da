/*
 * import.h -- registrations from CSV: the personnel system's export.
 */
#ifndef AVS_IMPORT_H
#define AVS_IMPORT_H

#include <stddef.h>

#include "config.h"
#include "register.h"
#include "util.h"

struct avs_import_cb {
	/* One row's facts (the line where it starts): register it and
	 * return 0, or a status with the reason in err. */
	int (*row)(const struct avs_facts *f, int declined, long line,
	    void *arg, struct avs_err *err);
	/* A note on line: a skipped row (status != 0, msg says why) or a
	 * warning (status 0).  Never a personal value. */
	void (*note)(long line, int status, const char *msg, void *arg);
	void *arg;
};

/* How to read the file: its separator and encoding, and the mapping of
 * the store's config (avslut-store(5) import). */
enum avs_encoding { AVS_ENC_UTF8, AVS_ENC_CP1252 };

struct avs_import_opts {
	char sep;			/* ',' or ';'; 0: from the header row */
	enum avs_encoding encoding;
	const struct avs_config *cfg;	/* its mapping; NULL: none */
};

/* "utf-8" or "windows-1252" (or "cp1252"), any case; -1 for others. */
int avs_encoding_parse(const char *s);

/*
 * Read CSV with a header row.  Columns are matched by name (the fact
 * fields of register.h, case-insensitive, '_' for '-'); unknown columns
 * are noted and ignored; empty fields and missing columns take the
 * defaults.  Header names and code words that the config maps are taken
 * for the fields and codes they map to; a coded field whose value is
 * neither a code nor mapped is noted, each one, and its row skipped.
 * The file is refused (AVS_EUSAGE, "LINE: ...") when it is not valid in
 * its encoding.  A row with a "why" registers a declined offer.  Returns the
 * worst status of the rows (a run-time failure outranks invalid input,
 * which outranks a policy refusal), or AVS_EUSAGE with err for a header
 * that lacks a needed column or for an empty file.
 */
int avs_import(const void *data, size_t len, const struct avs_import_opts *o,
    const struct avs_facts *defaults, const struct avs_import_cb *cb,
    struct avs_err *err);

#endif
