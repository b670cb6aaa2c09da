/* Unit tests: lib/yamlio.c -- the bounded reader and the writer. */
#include <stdlib.h>

#include "tap.h"
#include "yamlio.h"

static const struct ylimits small = { 4096, 4, 200 };

/* Parse s; on failure return the message, else "ok". */
static const char *
parse(const char *s, const struct ylimits *lim)
{
	static struct avs_err err;
	struct ydoc *doc;

	if (avs_yaml_parse("t.yaml", s, strlen(s), lim, &doc, &err) != 0)
		return err.msg;
	avs_yaml_free(doc);
	return "ok";
}

static void
roundtrip(const char *s, const char *desc)
{
	struct avs_buf out = AVS_BUF_INIT;
	struct avs_err err = AVS_ERR_INIT;
	struct yw *w = avs_yw_begin(&out);
	struct ydoc *doc = NULL;
	const struct ynode *v;

	avs_yw_map(w);
	avs_yw_ktext(w, "k", s);
	avs_yw_end_map(w);
	ok(avs_yw_end(w, &err) == 0, "write %s", desc);
	ok(avs_yaml_parse("rt", out.p, out.len, &avs_ylimits_record, &doc,
	    &err) == 0, "read back %s", desc);
	v = doc != NULL ? avs_yget(avs_yaml_root(doc), "k") : NULL;
	is_str(v != NULL ? v->str : NULL, s, "same text: %s", desc);
	avs_yaml_free(doc);
	avs_buf_free(&out);
}

int
main(void)
{
	const struct ylimits *L = &avs_ylimits_config;
	struct avs_err err = AVS_ERR_INIT;
	struct ydoc *doc;
	const struct ynode *root;

	is_str(parse("a: 1\nb: [x, y]\n", L), "ok", "a simple mapping");
	is_str(parse("a: &x 1\n", L), "t.yaml:1:4: anchors are not allowed",
	    "anchor refused at its place");
	is_str(parse("a: [1]\nb: *x\n", L), "t.yaml:2:4: aliases are not "
	    "allowed", "alias refused");
	is_str(parse("a: !!str 1\n", L), "t.yaml:1:4: explicit tags are not "
	    "allowed", "tag refused");
	is_str(parse("a: 1\na: 2\n", L), "t.yaml:2:1: duplicate key \"a\"",
	    "duplicate key");
	is_str(parse("[[[[[1]]]]]\n", &small), "t.yaml:1:5: nested too "
	    "deeply", "depth cap");
	is_str(parse("[1,2,3,4,5,6,7,8,9]\n", &(struct ylimits){ 4096, 4, 8 }),
	    "t.yaml:1:12: too many elements", "event cap");
	is_str(parse("a: [1, 2\n", L), "t.yaml:2:1: syntax error: did not "
	    "find expected ',' or ']'", "syntax error 1-based");
	is_str(parse("", L), "t.yaml:1:1: empty document", "empty");
	is_str(parse("a: 1\n---\nb: 2\n", L), "t.yaml:2:1: more than one "
	    "document", "two documents");
	is_str(parse("{[1]: 2}\n", L), "t.yaml:1:2: a key must be a plain "
	    "value", "complex key");
	ok(strstr(parse("a: \"\\0\"\n", L), "NUL byte") != NULL,
	    "escaped NUL refused");
	ok(avs_yaml_parse("t", "a: 1", 4, &(struct ylimits){ 3, 4, 10 }, &doc,
	    &err) == AVS_EUSAGE && strstr(err.msg, "too large") != NULL,
	    "size cap");

	{
		const char *src = "n: 42\nb: true\ns: 'x'\nq: \"true\"\n";

		ok(avs_yaml_parse("t", src, strlen(src), L, &doc, &err) == 0,
		    "typed scalars parse");
	}
	root = avs_yaml_root(doc);
	{
		struct yctx c = { "t", &err };
		long n;
		int b;
		char *s = NULL;

		ok(avs_yint(&c, avs_yget(root, "n"), 0, 100, &n) == 0 &&
		    n == 42, "integer");
		ok(avs_yint(&c, avs_yget(root, "n"), 0, 10, &n) != 0,
		    "integer out of range");
		ok(avs_ybool(&c, avs_yget(root, "b"), &b) == 0 && b == 1,
		    "boolean");
		ok(avs_ybool(&c, avs_yget(root, "q"), &b) != 0,
		    "a quoted \"true\" is not a boolean");
		ok(avs_yint(&c, avs_yget(root, "s"), 0, 10, &n) != 0,
		    "a string is not an integer");
		ok(avs_ystr(&c, avs_yget(root, "s"), &s) == 0 &&
		    strcmp(s, "x") == 0, "string");
		free(s);
	}
	avs_yaml_free(doc);

	roundtrip("plain words", "plain");
	roundtrip("no", "a YAML 1.1 boolean word");
	roundtrip("Två rader\nmed å ä ö\n", "multi-line with a final newline");
	roundtrip("  leading blanks\nand more", "leading blanks");
	roundtrip("trailing blanks   \nx", "trailing blanks");
	roundtrip("\"quotes\" and 'apostrophes': and # hash", "quotes");
	roundtrip("- looks like a list", "leading dash");
	roundtrip("line\n\n\nafter blank lines\n\n", "blank lines kept");
	roundtrip("tab\there", "tab");
	roundtrip("esc \033[31m red", "escape character");
	return tap_done();
}
