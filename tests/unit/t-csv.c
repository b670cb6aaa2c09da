/* Unit tests: lib/csvio.c */
#include <stdlib.h>

#include "csvio.h"
#include <string.h>

#include "tap.h"

static char rows[2000];
static char bads[500];

static int
on_row(const struct avs_csvrow *r, void *arg)
{
	size_t i, n = strlen(rows);

	(void)arg;
	n += (size_t)snprintf(rows + n, sizeof(rows) - n, "%ld:", r->line);
	for (i = 0; i < r->n; i++)
		n += (size_t)snprintf(rows + n, sizeof(rows) - n, "[%s]",
		    r->f[i]);
	snprintf(rows + n, sizeof(rows) - n, "\n");
	return 0;
}

static void
on_bad(long line, const char *why, void *arg)
{
	size_t n = strlen(bads);

	(void)why;
	(void)arg;
	snprintf(bads + n, sizeof(bads) - n, "%ld ", line);
}

static void
parse(const char *s)
{
	struct avs_err err = AVS_ERR_INIT;

	rows[0] = bads[0] = '\0';
	avs_csv_parse(s, strlen(s), on_row, on_bad, NULL, &err);
}

int
main(void)
{
	struct avs_buf b = AVS_BUF_INIT;
	const char *f[] = { "plain", "with,comma", "with \"quote\"",
	    "two\nlines", "" };

	parse("a,b\n1,2\n");
	is_str(rows, "1:[a][b]\n2:[1][2]\n", "simple");
	parse("\xef\xbb\xbf" "a,b\r\n1,2\r\n");
	is_str(rows, "1:[a][b]\n2:[1][2]\n", "BOM and CRLF");
	parse("a\n\n\nb\n");
	is_str(rows, "1:[a]\n4:[b]\n", "blank lines skipped, numbers kept");
	parse("\"x\ny\",z\nnext,row\n");
	is_str(rows, "1:[x\ny][z]\n3:[next][row]\n", "quoted newline: the row "
	    "starts on its first line");
	parse("\"a \"\"q\"\" b\",c\n");
	is_str(rows, "1:[a \"q\" b][c]\n", "doubled quotes");
	parse("ok,1\nbad \"x\" y,2\nok,3\n");
	is_str(rows, "1:[ok][1]\n3:[ok][3]\n", "a malformed row is skipped");
	is_str(bads, "2 ", "... and reported with its line");
	parse("a,\"unterminated\nb,c\n");
	is_str(bads, "1 ", "an unterminated quote at the end is reported");
	parse("last,row");
	is_str(rows, "1:[last][row]\n", "no final newline");
	parse("a,,c\n");
	is_str(rows, "1:[a][][c]\n", "empty field");

	/* The separator: given, and detected from the first line. */
	rows[0] = '\0';
	avs_csv_parse_sep("a;\"b;c\";d\n1;2;3\n", 16, ';', on_row, on_bad, NULL,
	    NULL);
	is_str(rows, "1:[a][b;c][d]\n2:[1][2][3]\n", "';' as separator, "
	    "quoted ';' kept");
	ok(avs_csv_detect_sep("a;b;c\n1,2,3,4,5\n", 16) == ';',
	    "detected ';' from the first line only");
	ok(avs_csv_detect_sep("a,b;c,d\n", 8) == ',', "more commas: ','");
	ok(avs_csv_detect_sep("\"a;b;c\",d\n", 10) == ',',
	    "a quoted ';' does not count");
	ok(avs_csv_detect_sep("\"x\ny;z;w\",a\n", 13) == ',',
	    "... nor one on a quoted line break");
	ok(avs_csv_detect_sep("abc\n", 4) == ',', "neither: ','");
	ok(avs_csv_detect_sep("", 0) == ',', "empty: ','");

	avs_csv_row(&b, f, 5);
	is_str(b.p, "plain,\"with,comma\",\"with \"\"quote\"\"\",\"two\nlines\","
	    "\r\n", "writing quotes what needs it");
	parse(b.p);
	is_str(rows, "1:[plain][with,comma][with \"quote\"][two\nlines][]\n",
	    "what is written reads back");
	avs_buf_reset(&b);
	{
		const char *hostile[] = { "a\033]52;c;ZWNobw==\007b",
		    "x\xc2\x9b" "31m", "Umeå \xe2\x80\xae" "dne",
		    "one\xe2\x80\xa8two", "\rCR", "=1+1", "\033=x",
		    "rad ett\nrad två\tflik" };

		avs_csv_safe_row(&b, hostile, 8);
		is_str(b.p, "a^[]52;c;ZWNobw==^Gb,x<U+009B>31m,Umeå <U+202E>dne,"
		    "one<U+2028>two,^MCR,'=1+1,^[=x,\"rad ett\nrad två\tflik\""
		    "\r\n", "a safe row: controls made visible, a formula "
		    "neutralised, new lines and tabs kept");
		ok(strchr(b.p, '\033') == NULL && strstr(b.p, "\xc2\x9b") ==
		    NULL && strstr(b.p, "\xe2\x80") == NULL,
		    "no ESC, C1, override or separator byte left");
	}
	avs_buf_free(&b);
	return tap_done();
}
