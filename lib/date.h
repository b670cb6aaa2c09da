/*
 * date.h -- calendar dates as "YYYY-MM-DD" and as day numbers.
 *
 * Dates are civil dates in the proleptic Gregorian calendar, without a
 * time zone; "today" is the local date.  Day numbers count from
 * 1970-01-01 and exist only for arithmetic.
 */
#ifndef AVS_DATE_H
#define AVS_DATE_H

#define AVS_DATELEN 10	/* strlen("YYYY-MM-DD") */

/* Parse a strict YYYY-MM-DD (years 1900-2199) into a day number.
 * Returns 0 on success, -1 if s is not such a date. */
int avs_date_parse(const char *s, long *day);
/* Is s a valid date?  */
int avs_date_valid(const char *s);
/* Format a day number as YYYY-MM-DD into out[AVS_DATELEN + 1]. */
void avs_date_format(long day, char *out);
/* Today's local date.  In the test build (-DAVS_TESTING) only,
 * AVSLUT_TODAY=YYYY-MM-DD overrides it. */
long avs_today(void);
void avs_today_str(char *out);
/* The day n calendar months after day (clamped to the month's end). */
long avs_date_add_months(long day, int n);
/* Whole months from a to b, b counted inclusive: 2020-01-01 .. 2020-12-31
 * is 12 months.  Negative when b < a. */
int avs_date_months_between(long a, long b);
/* Year and quarter (1-4) of a day. */
void avs_date_quarter(long day, int *year, int *quarter);

#endif
