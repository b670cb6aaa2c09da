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
 *  - a record's date is its last day of employment (--date=leaving, the
 *    default), or its interview date, else its last day of employment
 *    (--date=interview); the period (--since, --until, both inclusive)
 *    and the quarter refer to it;
 *  - registered: every record; offered: the questions were sent, an
 *    interview date set, the interview started or held, or the employee
 *    declined it; declined: state declined (by why); held: sealed, or at
 *    least one answer given; sealed: state sealed (with a seal that
 *    verifies -- others never reach the report); no interview: eligible,
 *    planned or in progress with no answer, and employed no longer than
 *    the end of the report (--until, else today);
 *  - tenure: whole months from employed-from to employed-to, in bands.
 *
 * Disclosure control (disclose.h) protects groups of interviewees by
 * default: every row is shown or hidden whole, per table, so that no set
 * of fewer than the minimum is given away by the rows shown; a group
 * hidden in the counts is hidden in every table.  AVS_DISCLOSE_CELLS
 * protects each figure on its own instead.  Every table holds, besides
 * the rows of the grouping, the trend rows (the quarters of the whole
 * report), protected with them.
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

/* The counts' columns: the first AVS_NSHOWN in the tables of text and
 * HTML, all in CSV and the key figures.  declined = the four whys. */
enum avs_measure { AVS_M_REGISTERED, AVS_M_OFFERED, AVS_M_DECLINED,
    AVS_M_HELD, AVS_M_SEALED, AVS_M_NOINTERVIEW, AVS_M_ELIGIBLE,
    AVS_M_OFFERED_ELIGIBLE, AVS_M_WHY0, AVS_NMEASURES = AVS_M_WHY0 +
    AVS_NDECLINED };
enum { AVS_NSHOWN = AVS_M_ELIGIBLE };

enum avs_disclosure { AVS_DISCLOSE_GROUPS, AVS_DISCLOSE_CELLS };
enum avs_datekind { AVS_DATE_LEAVING, AVS_DATE_INTERVIEW };

/* Quarters in the trend at most; earlier ones are counted, not shown. */
#define AVS_TREND_MAX 8

extern const char *const avs_measure_names[];	/* "offered", ... */

struct avs_report_opts {
	char since[AVS_DATELEN + 1];	/* "" when open */
	char until[AVS_DATELEN + 1];
	char today[AVS_DATELEN + 1];
	enum avs_dim by[AVS_NDIMS];
	size_t nby;
	long min_group;
	int answers;			/* keep free-text answers */
	enum avs_disclosure disclosure;
	enum avs_datekind date;
};

struct avs_cell {
	long v;
	int hidden;
};

enum avs_rowkind { AVS_ROW_GROUP, AVS_ROW_SUBTOTAL, AVS_ROW_TOTAL,
    AVS_ROW_TREND };

struct avs_row {
	enum avs_rowkind kind;
	/* Group: one key per grouping (NULL: not given in the record);
	 * subtotal: keys[0] only; total: NULL; trend: the quarter. */
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
	struct avs_row *trend;		/* the last quarters, in order */
	size_t ntrend;
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
	/* The previous period of equal length (its total only), when the
	 * report has a period; else NULL. */
	struct avs_report *prev;
};

/* The key figures of a report's total, for people: each figure with
 * whether it is shown.  Rates and shares in tenths of a percent. */
struct avs_keyfigs {
	struct avs_cell m[AVS_NMEASURES];
	int has_offer_rate, has_part_rate;
	long offer_rate, part_rate;
	const struct avs_table *reasons;	/* NULL: no such question */
	size_t top[3], ntop;			/* its columns, most first */
	long top_share[3];
	int reasons_hidden;
	int has_mean, has_return;		/* shown and known */
	double mean;
	long return_share;
	int mean_hidden, return_hidden;		/* asked but hidden */
};

/* A report over the coded questions of qs in language lang.  qs must
 * outlive the report. */
struct avs_report *avs_report_new(const struct avs_report_opts *o,
    const struct avs_qset *qs, int lang);
/* Tally one record (ignored when outside the period and the previous
 * one).  Not thread-safe: callers serialise. */
void avs_report_add(struct avs_report *rp, const struct avs_record *r);
/* Build the tables and protect them. */
void avs_report_finish(struct avs_report *rp);
void avs_report_free(struct avs_report *rp);

/* The record's date by o->date, and whether it lies in the period of
 * o. */
const char *avs_record_date(const struct avs_report_opts *o,
    const struct avs_record *r);
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

/* The key figures of rp's total (rp->prev's for the previous period). */
void avs_report_keyfigs(const struct avs_report *rp,
    struct avs_keyfigs *k);
/* The table of question id, or NULL. */
const struct avs_table *avs_report_table(const struct avs_report *rp,
    const char *id);
/* How many figures of the tables are hidden (for people and tests). */
size_t avs_report_nhidden(const struct avs_report *rp);

/* The first and last day of month spec, "YYYY-MM" or "last" (the month
 * before today's). */
int avs_month_range(const char *spec, char *since, char *until,
    struct avs_err *err);

#endif
