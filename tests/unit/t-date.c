/* Unit tests: lib/date.c */
#include "date.h"
#include "tap.h"

static long
d(const char *s)
{
	long day = -999999;

	avs_date_parse(s, &day);
	return day;
}

int
main(void)
{
	char buf[AVS_DATELEN + 1];
	int y, q;

	ok(avs_date_valid("2024-02-29"), "leap day 2024");
	ok(!avs_date_valid("2023-02-29"), "no leap day 2023");
	ok(!avs_date_valid("2100-02-29"), "no leap day 2100");
	ok(avs_date_valid("2000-02-29"), "leap day 2000");
	ok(!avs_date_valid("2026-04-31"), "April has 30 days");
	ok(!avs_date_valid("2026-13-01"), "month 13");
	ok(!avs_date_valid("2026-00-10"), "month 0");
	ok(!avs_date_valid("2026-1-01"), "no padding");
	ok(!avs_date_valid("2026-01-01 "), "trailing space");
	ok(!avs_date_valid("26-01-01"), "two-digit year");
	ok(!avs_date_valid("+026-01-01"), "sign");
	ok(!avs_date_valid(""), "empty");
	ok(!avs_date_valid(NULL), "NULL");
	ok(!avs_date_valid("1899-12-31"), "before 1900");
	is_int(d("1970-01-01"), 0, "epoch is day 0");
	is_int(d("2026-11-23") - d("2026-11-22"), 1, "consecutive days");
	avs_date_format(d("2026-11-23"), buf);
	is_str(buf, "2026-11-23", "format round trip");
	avs_date_format(avs_date_add_months(d("2026-01-31"), 1), buf);
	is_str(buf, "2026-02-28", "one month after Jan 31 is Feb 28");
	avs_date_format(avs_date_add_months(d("2024-01-31"), 1), buf);
	is_str(buf, "2024-02-29", "... Feb 29 in a leap year");
	avs_date_format(avs_date_add_months(d("2026-11-23"), 24), buf);
	is_str(buf, "2028-11-23", "24 months");
	avs_date_format(avs_date_add_months(d("2026-03-15"), -3), buf);
	is_str(buf, "2025-12-15", "minus three months across a year");
	is_int(avs_date_months_between(d("2025-01-01"), d("2025-12-31")), 12,
	    "Jan 1 to Dec 31 inclusive is 12 months");
	is_int(avs_date_months_between(d("2025-01-01"), d("2025-12-30")), 11,
	    "one day short is 11");
	is_int(avs_date_months_between(d("2025-12-01"), d("2026-11-30")), 12,
	    "Dec 1 to Nov 30 is 12");
	is_int(avs_date_months_between(d("2019-03-01"), d("2026-12-31")), 94,
	    "seven years ten months");
	is_int(avs_date_months_between(d("2026-01-15"), d("2026-01-15")), 0,
	    "one day is 0 months");
	avs_date_quarter(d("2026-11-23"), &y, &q);
	ok(y == 2026 && q == 4, "November is Q4");
	avs_date_quarter(d("2026-03-31"), &y, &q);
	ok(y == 2026 && q == 1, "March 31 is Q1");
	return tap_done();
}
