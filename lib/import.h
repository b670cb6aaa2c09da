/*
 * import.h -- registrations from CSV: the personnel system's export.
 */
#ifndef AVS_IMPORT_H
#define AVS_IMPORT_H

#include <stddef.h>

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

/*
 * Read CSV with a header row.  Columns are matched by name (the fact
 * fields of register.h, case-insensitive, '_' for '-'); unknown columns
 * are noted and ignored; empty fields and missing columns take the
 * defaults.  A row with a "why" registers a declined offer.  Returns the
 * worst status of the rows (a run-time failure outranks invalid input,
 * which outranks a policy refusal), or AVS_EUSAGE with err for a header
 * that lacks a needed column or for an empty file.
 */
int avs_import(const void *data, size_t len, const struct avs_facts *defaults,
    const struct avs_import_cb *cb, struct avs_err *err);

#endif
