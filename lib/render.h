/*
 * render.h -- the report's tables (report.h) as text for a terminal, as
 * CSV for spreadsheets and scripts, and as one self-contained HTML file
 * for management.  Each appends to a secure buffer: the output holds
 * units and, with answers, what people said.
 */
#ifndef AVS_RENDER_H
#define AVS_RENDER_H

#include <stddef.h>

#include "report.h"
#include "util.h"

/* Aligned tables with bars, width columns wide (by display width);
 * everything users typed is made safe for a terminal. */
void avs_render_text(const struct avs_report *rp, const char *marking,
    size_t width, struct avs_buf *out);
/* The long CSV schema of avslut-report(1); bom: start with a UTF-8
 * byte-order mark. */
void avs_render_csv(const struct avs_report *rp, int bom,
    struct avs_buf *out);
/* One HTML file: inline CSS and SVG, no script, nothing external. */
void avs_render_html(const struct avs_report *rp, const char *marking,
    struct avs_buf *out);

/* Format v in tenths (places 1: "42.9") or hundredths (places 2) with
 * the decimal mark dp, or the locale's when dp is 0. */
void avs_fmt_fixed(char *buf, size_t n, long v, int places, char dp);
/* Label column i of a row: its key for people, "all" in a subtotal,
 * "Total" in the total. */
const char *avs_row_label(const struct avs_report *rp,
    const struct avs_row *row, size_t i);
/* A row's keys in one line ("Äldreomsorg · 2026-Q1"; "All"), as typed:
 * the caller makes it safe. */
void avs_row_title(const struct avs_report *rp, const struct avs_row *row,
    struct avs_buf *out);
/* "Grouped by: Unit, Quarter". */
void avs_report_grouping(const struct avs_report *rp, struct avs_buf *out);
/* What the report covers, in sentences: when it was made, the minimum
 * group size and the legend, the records counted and left out. */
void avs_report_notes(const struct avs_report *rp, struct avs_buf *out);

/* The key figures as lines for people: a label, this period's value and
 * the previous period's ("" without one), ".." where hidden, "\xe2\x80\x93"
 * where there is nothing to say (a rate of nothing).  sub: a line under
 * the one before (declined by why, the top reasons).  Returns how many
 * lines kf (of AVS_KF_MAX) holds. */
#define AVS_KF_MAX 20
struct avs_kfline {
	char label[200];
	char cur[48], prev[48];
	int sub;
	long share;		/* tenths of a percent, -1: not a share */
};

size_t avs_keyfig_lines(const struct avs_report *rp,
    struct avs_kfline kf[AVS_KF_MAX]);
/* The previous period for people, as avs_report_period(). */
void avs_report_prev_period(const struct avs_report *rp, char *buf,
    size_t n);

/* The columns of the comparison of groups: the rows that are groups and
 * shown, then the total; NULL when there are more than max of them.
 * The caller frees it. */
const struct avs_row **avs_compare_cols(const struct avs_table *t,
    size_t max, size_t *n);
/* "Hidden, too few to show: Kultur, IT-stöd" for the groups a
 * question's table hides, as typed (the caller makes it safe); nothing
 * when none is. */
void avs_hidden_groups(const struct avs_report *rp,
    const struct avs_table *t, struct avs_buf *out);
/* A share for people: "43 %" (whole percent), with the locale's mark. */
void avs_fmt_share(char *buf, size_t n, long tenths);

/* A plain table for a terminal: cells made safe, columns aligned by
 * display width, the widest columns narrowed (an ellipsis marks a cut)
 * until the table fits width; numbers and fixed columns never are. */
enum { AVS_TT_RIGHT = 1, AVS_TT_FIXED = 2 };

struct avs_ttable {
	size_t ncols, nrows;
	const char **head;		/* ncols */
	const char **cells;		/* nrows * ncols, row by row */
	const int *flags;		/* ncols: AVS_TT_RIGHT (numbers),
					 * AVS_TT_FIXED (never narrowed) */
	const int *rule_before;		/* nrows, may be NULL */
};

void avs_text_table(const struct avs_ttable *t, size_t width,
    struct avs_buf *out);

#endif
