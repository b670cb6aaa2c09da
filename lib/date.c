/*
 * date.c -- civil dates (algorithms after Howard Hinnant's
 * "chrono-compatible low-level date algorithms").
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "date.h"

static long
days_from_civil(long y, unsigned m, unsigned d)
{
	long era;
	unsigned yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = (unsigned)(y - era * 400);
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + (long)doe - 719468;
}

static void
civil_from_days(long z, long *y, unsigned *m, unsigned *d)
{
	long era;
	unsigned doe, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = (unsigned)(z - era * 146097);
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	*y = (long)yoe + era * 400;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = doy - (153 * mp + 2) / 5 + 1;
	*m = mp < 10 ? mp + 3 : mp - 9;
	*y += *m <= 2;
}

static unsigned
month_days(long y, unsigned m)
{
	static const unsigned char len[] =
	    { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 29;
	return len[m - 1];
}

int
avs_date_parse(const char *s, long *day)
{
	long y;
	unsigned m, d;
	int i;

	if (s == NULL || strlen(s) != AVS_DATELEN || s[4] != '-' ||
	    s[7] != '-')
		return -1;
	for (i = 0; i < AVS_DATELEN; i++)
		if (i != 4 && i != 7 && !isdigit((unsigned char)s[i]))
			return -1;
	y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 +
	    (s[3] - '0');
	m = (unsigned)((s[5] - '0') * 10 + (s[6] - '0'));
	d = (unsigned)((s[8] - '0') * 10 + (s[9] - '0'));
	if (y < 1900 || y > 2199 || m < 1 || m > 12 || d < 1 ||
	    d > month_days(y, m))
		return -1;
	if (day != NULL)
		*day = days_from_civil(y, m, d);
	return 0;
}

int
avs_date_valid(const char *s)
{
	return avs_date_parse(s, NULL) == 0;
}

void
avs_date_format(long day, char *out)
{
	long y;
	unsigned m, d;
	char tmp[32];

	civil_from_days(day, &y, &m, &d);
	snprintf(tmp, sizeof(tmp), "%04ld-%02u-%02u", y % 10000, m, d);
	memcpy(out, tmp, AVS_DATELEN);
	out[AVS_DATELEN] = '\0';
}

long
avs_today(void)
{
	struct tm tm;
	time_t now;
#ifdef AVS_TESTING
	/* Only in the build the tests run (make check): an installed purge
	 * must not be told it is another day. */
	const char *fake = getenv("AVSLUT_TODAY");
	long day;

	if (fake != NULL && avs_date_parse(fake, &day) == 0)
		return day;
#endif
	now = time(NULL);
	localtime_r(&now, &tm);
	return days_from_civil(tm.tm_year + 1900L, (unsigned)tm.tm_mon + 1,
	    (unsigned)tm.tm_mday);
}

void
avs_today_str(char *out)
{
	avs_date_format(avs_today(), out);
}

long
avs_date_add_months(long day, int n)
{
	long y, total;
	unsigned m, d, last;

	civil_from_days(day, &y, &m, &d);
	total = y * 12 + (long)(m - 1) + n;
	y = total >= 0 ? total / 12 : (total - 11) / 12;
	m = (unsigned)(total - y * 12) + 1;
	last = month_days(y, m);
	return days_from_civil(y, m, d > last ? last : d);
}

int
avs_date_months_between(long a, long b)
{
	long ya, yb;
	unsigned ma, mb, da, db;
	long months;

	/* b is inclusive: count up to the day after it. */
	civil_from_days(a, &ya, &ma, &da);
	civil_from_days(b + 1, &yb, &mb, &db);
	months = (yb - ya) * 12 + ((long)mb - (long)ma);
	if (months > 0 && db < da)
		months--;
	else if (months < 0 && db > da)
		months++;
	return (int)months;
}

void
avs_date_quarter(long day, int *year, int *quarter)
{
	long y;
	unsigned m, d;

	civil_from_days(day, &y, &m, &d);
	*year = (int)y;
	*quarter = (int)(m - 1) / 3 + 1;
}
