/*
 * report.h -- the aggregate report of avslut-report(1): what is counted,
 * how records are grouped, and the tables that come out, with disclosure
 * control (disclose.h) applied.  The tables are the one model the three
 * renderers (render.h) print.
 *
 * Aggregation streams: avs_report_add() tallies a record and keeps
 * nothing of it but the group's keys (and, with answers, the free-text
 * answers), so memory grows with the number of groups, not of records.
 *
 * The definitions (documented in avslut-report(1)):
 *  - a record's date is its interview date, else its last day of
 *    employment; the period (--since, --until, both inclusive) and the
 *    quarter refer to it;
 *  - offered: every record, whatever its state; declined: state declined;
 *    held: sealed, or at least one answer given; sealed: state sealed
 *    (with a seal that verifies -- others never reach the report);
 *    no interview: eligible, planned or in progress with no answer, and
 *    employed no longer than the end of the report (--until, else today);
 *  - tenure: whole months from employed-from to employed-to, in bands.
 */
#ifndef AVS_REPORT_H
#define AVS_REPORT_H

#include <stddef.h>

#include "date.h"
#include "qset.h"
#include "record.h"
#include "util.h"

enum avs_dim { AVS_BY_UNIT, AVS_BY_WORKPLACE, AVS_BY_REASON,
    AVS_BY_EMPLOYMENT, AVS_BY_TENURE, AVS_BY_QUARTER, AVS_NDIMS };

extern const char *const avs_dim_names[];	/* "unit", ... */

enum avs_measure { AVS_M_OFFERED, AVS_M_DECLINED, AVS_M_HELD, AVS_M_SEALED,
    AVS_M_NOINTERVIEW, AVS_NMEASURES };

extern const char *const avs_measure_names[];	/* "offered", ... */

struct avs_report_opts {
	char since[AVS_DATELEN + 1];	/* "" when open */
	char until[AVS_DATELEN + 1];
	char today[AVS_DATELEN + 1];
	enum avs_dim by[AVS_NDIMS];
	size_t nby;
	long min_group;
	int answers;			/* keep free-text answers */
};

struct avs_cell {
	long v;
	int hidden;
};

enum avs_rowkind { AVS_ROW_GROUP, AVS_ROW_SUBTOTAL, AVS_ROW_TOTAL };

struct avs_row {
	enum avs_rowkind kind;
	/* Group: one key per grouping (NULL: not given in the record);
	 * subtotal: keys[0] only; total: NULL. */
	char *const *keys;
	struct avs_cell *c;		/* one per column */
	int has_mean;			/* scale, every count shown */
	double mean;
};

struct avs_table {
	const struct avs_question *q;	/* NULL: the interview counts */
	size_t ncols;	/* counts: AVS_NMEASURES; else respondents + options */
	char **col_id;			/* measure, "respondents", option id */
	char **col_label;
	struct avs_row *rows;		/* groups (subtotal after each first
					 * key when grouped twice), total */
	size_t nrows;
};

/* Free-text answers of one group, shown only when the group is. */
struct avs_texts {
	const struct avs_question *q;
	const struct avs_row *row;	/* the counts table's row */
	char **answers;			/* sorted */
	size_t n;
};

struct avs_agg;

struct avs_report {
	struct avs_report_opts o;
	const struct avs_qset *qs;
	int lang;
	size_t nrecords;		/* readable and in the period */
	size_t nunreadable, nbad;	/* set by the caller */
	struct avs_table *tables;	/* [0] counts, then coded questions */
	size_t ntables;
	struct avs_texts *texts;
	size_t ntexts;
	struct avs_agg *agg;
};

/* A report over the coded questions of qs in language lang.  qs must
 * outlive the report. */
struct avs_report *avs_report_new(const struct avs_report_opts *o,
    const struct avs_qset *qs, int lang);
/* Tally one record (ignored when outside the period).  Not thread-safe:
 * callers serialise. */
void avs_report_add(struct avs_report *rp, const struct avs_record *r);
/* Build the tables and protect them. */
void avs_report_finish(struct avs_report *rp);
void avs_report_free(struct avs_report *rp);

/* The record's date (interview, else end of employment), and whether it
 * lies in the period of o. */
const char *avs_record_date(const struct avs_record *r);
int avs_report_in_period(const struct avs_report_opts *o,
    const struct avs_record *r);

/* A label for people: the translated name of a code, "(not given)" for
 * NULL; other keys as they are. */
const char *avs_dim_label(enum avs_dim d);
const char *avs_key_label(enum avs_dim d, const char *key);
const char *avs_measure_label(enum avs_measure m);

/* The period of o for people ("2026-01-01 – 2026-03-31", "all dates"). */
void avs_report_period(const struct avs_report_opts *o, char *buf,
    size_t n);
/* The share of column c in its row's respondents, in tenths of a
 * percent, when both are shown and there are respondents. */
int avs_row_share(const struct avs_row *row, size_t c, long *tenths);

/* The first and last day of month spec, "YYYY-MM" or "last" (the month
 * before today's). */
int avs_month_range(const char *spec, char *since, char *until,
    struct avs_err *err);

#endif
