/*
 * csvio.h -- every CSV read and written goes through libcsv.
 */
#ifndef AVS_CSVIO_H
#define AVS_CSVIO_H

#include <stddef.h>

#include "util.h"

struct avs_csvrow {
	char **f;		/* fields, NUL-terminated strings */
	size_t n;
	long line;		/* 1-based line where the row starts */
};

/*
 * Parse RFC 4180 CSV (strict; a leading UTF-8 byte-order mark is
 * skipped).  row is called for every row, bad is called for every
 * malformed row (with its line) and parsing resumes on the next line, so
 * one bad row never loses the others.  Field buffers are wiped.
 */
int avs_csv_parse(const void *data, size_t len,
    int (*row)(const struct avs_csvrow *r, void *arg),
    void (*bad)(long line, const char *why, void *arg), void *arg,
    struct avs_err *err);

/* The same with another separator than the comma (';' from Excel and
 * Swedish personnel systems, where the comma is the decimal sign). */
int avs_csv_parse_sep(const void *data, size_t len, char sep,
    int (*row)(const struct avs_csvrow *r, void *arg),
    void (*bad)(long line, const char *why, void *arg), void *arg,
    struct avs_err *err);
/* The separator of a file whose first row is data: ';' when its first
 * line holds more semicolons than commas outside quotes, else ','. */
char avs_csv_detect_sep(const void *data, size_t len);

/* Append one row (fields quoted as needed, CRLF-terminated). */
void avs_csv_row(struct avs_buf *out, const char *const *fields, size_t n);
/* The same for a file people open in a spreadsheet or show on a
 * terminal: control characters and bidirectional marks are made visible
 * (avs_text_safe(), new lines and tabs kept), then a field that begins
 * with =, +, -, @, tab or CR is prefixed with ' so that it is not taken
 * for a formula.  NULL fields are empty.  Every CSV but the logs. */
void avs_csv_safe_row(struct avs_buf *out, const char *const *fields,
    size_t n);

#endif
