/* Unit tests: lib/text.c and lib/util.c (strings, buffers). */
#include <locale.h>
#include <stdlib.h>

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

int
main(void)
{
	struct avs_buf b = AVS_BUF_INIT;
	int i;

	setlocale(LC_ALL, "C.UTF-8");
	is_str(safe("Åsa Öberg", 0), "Åsa Öberg", "Swedish letters kept");
	is_str(safe("a\033[2Jb", 0), "a^[[2Jb", "ESC made visible");
	is_str(safe("a\rb\bc\007", 0), "a^Mb^Hc^G", "CR, BS, BEL visible");
	is_str(safe("x\x7fy", 0), "x^?y", "DEL visible");
	is_str(safe("x\xc2\x9b" "31m", 0), "x<U+009B>31m", "C1 CSI visible");
	is_str(safe("abc\xe2\x80\xae" "fed", 0), "abc<U+202E>fed",
	    "right-to-left override visible");
	is_str(safe("\xe2\x81\xa6x\xe2\x81\xa9", 0), "<U+2066>x<U+2069>",
	    "isolates visible");
	is_str(safe("bad\xffutf", 0), "bad<0xff>utf", "invalid byte visible");
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
	return tap_done();
}
