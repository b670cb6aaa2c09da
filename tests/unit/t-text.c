/* Unit tests: lib/text.c and lib/util.c (strings, buffers). */
#include <fcntl.h>
#include <locale.h>
#include <stdlib.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "tap.h"
#include "text.h"
#include "util.h"

static char *
safe(const char *s, int keep_nl)
{
	static struct avs_buf b;

	avs_buf_reset(&b);
	avs_text_safe(&b, s, keep_nl);
	return b.p;
}

/* One rule for the width of every tool (text.h), on a terminal of 100
 * columns and elsewhere. */
static void
widths(void)
{
	struct winsize ws = { 24, 100, 0, 0 };
	int m, s = -1, null = open("/dev/null", O_RDONLY);

	if ((m = posix_openpt(O_RDWR | O_NOCTTY)) >= 0 && grantpt(m) == 0 &&
	    unlockpt(m) == 0)
		s = open(ptsname(m), O_RDWR | O_NOCTTY);
	if (s < 0 || ioctl(s, TIOCSWINSZ, &ws) != 0) {
		printf("# no pseudo-terminal: width tests skipped\n");
		return;
	}
	unsetenv("COLUMNS");
	is_int((int)avs_term_width(s), 100, "a terminal's own width");
	is_int((int)avs_term_width(null), 80, "no terminal: 80");
	setenv("COLUMNS", "50", 1);
	is_int((int)avs_term_width(s), 50, "$COLUMNS over the terminal's");
	is_int((int)avs_term_width(null), 50, "$COLUMNS without a terminal");
	setenv("COLUMNS", "10", 1);
	is_int((int)avs_term_width(s), 40, "never narrower than 40");
	setenv("COLUMNS", "5000", 1);
	is_int((int)avs_term_width(null), 1000, "never wider than 1000");
	setenv("COLUMNS", "wide", 1);
	is_int((int)avs_term_width(s), 100, "a $COLUMNS that is no number: "
	    "the terminal's");
	unsetenv("COLUMNS");
	close(s);
	close(m);
	close(null);
}

int
main(void)
{
	struct avs_buf b = AVS_BUF_INIT;
	int i;

	setlocale(LC_ALL, "C.UTF-8");
	is_str(safe("Åsa Öberg", 0), "Åsa Öberg", "Swedish letters kept");
	ok(avs_text_caseeq("ANSTÄLLD FR.O.M", "Anställd fr.o.m"),
	    "caseeq: ASCII and Latin-1 capitals");
	ok(avs_text_caseeq(" Namn\t", "namn"), "caseeq: blanks at the ends");
	ok(!avs_text_caseeq("Na mn", "namn"), "caseeq: not blanks inside");
	ok(!avs_text_caseeq("Anstalld", "Anställd"), "caseeq: not accents");
	ok(!avs_text_caseeq("namn", "namnx"), "caseeq: not a prefix");
	ok(!avs_text_caseeq("a\xc3", "a\xe3"), "caseeq: a stray byte is "
	    "itself");
	ok(avs_text_caseeq("", "  "), "caseeq: empty and blank");
	is_str(safe("a\033[2Jb", 0), "a^[[2Jb", "ESC made visible");
	is_str(safe("a\rb\bc\007", 0), "a^Mb^Hc^G", "CR, BS, BEL visible");
	is_str(safe("x\x7fy", 0), "x^?y", "DEL visible");
	is_str(safe("x\xc2\x9b" "31m", 0), "x<U+009B>31m", "C1 CSI visible");
	is_str(safe("abc\xe2\x80\xae" "fed", 0), "abc<U+202E>fed",
	    "right-to-left override visible");
	is_str(safe("\xe2\x81\xa6x\xe2\x81\xa9", 0), "<U+2066>x<U+2069>",
	    "isolates visible");
	is_str(safe("bad\xffutf", 0), "bad<0xff>utf", "invalid byte visible");
	is_str(safe("a\xe2\x80\x8e" "b\xe2\x80\x8f" "c\xd8\x9c" "d", 0),
	    "a<U+200E>b<U+200F>c<U+061C>d", "LRM, RLM and ALM visible");
	is_str(safe("one\xe2\x80\xa8two\xe2\x80\xa9three", 1),
	    "one<U+2028>two<U+2029>three",
	    "line and paragraph separators visible, even with new lines kept");
	is_int(avs_text_width("a\xe2\x80\xa8" "b"), 10,
	    "the width of what is shown for a separator");
	ok(!avs_text_control("Åsa Öberg", 0), "control: none in a name");
	ok(avs_text_control("two\nlines", 0), "control: a new line in a line");
	ok(!avs_text_control("two\nlines\twith a tab", 1),
	    "control: new lines and tabs where they are allowed");
	ok(avs_text_control("a\xe2\x80\x8f", 1), "control: RLM");
	ok(avs_text_control("a\xd8\x9c", 1), "control: ALM");
	ok(avs_text_control("a\xe2\x80\xa8", 1), "control: LS");
	ok(avs_text_control("a\xe2\x80\xa9", 1), "control: PS");
	ok(avs_text_control("a\xe2\x80\x8e", 1), "control: LRM");
	ok(avs_text_control("a\rb", 1), "control: CR");
	ok(avs_text_control("a\xc2\x85", 1), "control: C1 (NEL)");
	ok(avs_text_control("a\xff", 1), "control: invalid UTF-8");
	ok(avs_text_check_line("name", "Anna\xe2\x80\x8f", 200, NULL) ==
	    AVS_EUSAGE, "a one-line text with RLM is refused");
	ok(avs_text_check_line("name", "Anna \xe2\x80\xa8" "Berg", 200, NULL) ==
	    AVS_EUSAGE, "a one-line text with LS is refused");
	is_str(safe("two\nlines", 0), "two lines", "newline flattened");
	is_str(safe("two\nlines", 1), "two\nlines", "newline kept on request");
	is_int(avs_text_width("Åsa"), 3, "width counts characters");
	is_int(avs_text_width("日本"), 4, "wide characters count two");
	is_int(avs_text_width("e\xcc\x81"), 1, "combining accent has no width");
	ok(avs_utf8_valid("Åäö", 6), "valid UTF-8");
	ok(!avs_utf8_valid("\xc0\xaf", 2), "overlong refused");
	ok(!avs_utf8_valid("\xed\xa0\x80", 3), "surrogate refused");
	ok(!avs_utf8_valid("a\0b", 3), "NUL refused");

	avs_text_wrap(&b, "one two three four five six", "> ", "  ", 12);
	is_str(b.p, "> one two\n  three four\n  five six\n", "wrap with lead");
	avs_buf_reset(&b);
	avs_text_wrap(&b, "- a list item that wraps", NULL, "", 12);
	is_str(b.p, "- a list\n  item that\n  wraps\n", "hanging indent for "
	    "list items");
	avs_buf_reset(&b);
	avs_text_wrap(&b, "p1\n\np2", NULL, "", 40);
	is_str(b.p, "p1\n\np2\n", "paragraphs kept, no trailing blanks");

	avs_buf_free(&b);
	for (i = 0; i < 1000; i++)
		avs_buf_add(&b, "0123456789", 10);
	is_int(b.len, 10000, "buffer grows");
	is_int(b.p[b.len], 0, "always NUL-terminated");
	avs_buf_free(&b);
	ok(b.p == NULL && b.len == 0, "freed");
	widths();
	is_int(avs_worse(0, 3), 3, "worse: a refusal over success");
	is_int(avs_worse(3, 2), 2, "invalid input over a refusal");
	is_int(avs_worse(2, 1), 1, "a run-time failure over invalid input");
	is_int(avs_worse(1, 4), 4, "an integrity failure over all");
	is_int(avs_worse(4, 1), 4, "in either order");
	return tap_done();
}
