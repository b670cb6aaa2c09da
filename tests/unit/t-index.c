/* Unit tests: lib/index.c -- a bucket's plaintext: read, written back the
 * same, refused when it holds what the index may not; what the index
 * keeps of a record. */
#include <stdio.h>
#include <stdlib.h>

#include "fsio.h"
#include "index.h"
#include "tap.h"

static const char *
parse(const char *s)
{
	static struct avs_err err;
	struct avs_ix_bucket *b;

	if (avs_ix_parse("b", s, strlen(s), &b, &err) != 0)
		return err.msg;
	avs_ix_free(b);
	return "ok";
}

#define HEAD "avslut-index: 1\nmonth: 2026-02\ncontext: sha256:" \
	"7751ab0fbb34194e423d530579cd123a4fd2a68d56ee5c028333c8ca400409e2\n"
#define ENTRY "records:\n- id: gvtpeta5zghq\n  bound: sha256:" \
	"9fdb8619d1798e78b7c56e5bd3b385e732a66a58ddc0670157ada7d9300f5721\n" \
	"  registered: 2026-01-30\n  employed-from: 2015-01-01\n" \
	"  employed-to: 2026-03-31\n"

int
main(void)
{
	struct avs_err err = AVS_ERR_INIT;
	struct avs_buf in = AVS_BUF_INIT, out = AVS_BUF_INIT;
	struct avs_ix_bucket *b = NULL;
	struct avs_record *r, *x;
	struct avs_answer a;
	char path[4096];

	snprintf(path, sizeof(path), "%s/tests/fuzz/seeds/index/full.yaml",
	    getenv("AVSLUT_DATADIR") != NULL ? getenv("AVSLUT_DATADIR") :
	    ".");
	ok(avs_read_file(path, 1 << 20, &in, &err) == 0, "read the seed");
	ok(avs_ix_parse("full.yaml", in.p, in.len, &b, &err) == 0,
	    "a full bucket parses: %s", err.msg);
	if (b != NULL) {
		is_int(b->n, 2, "two entries");
		is_str(b->month, "2026-02", "its month");
		is_str(b->e[0].r->emp.unit, "A", "the unit");
		is_int(b->e[0].r->nanswers, 3, "three coded answers");
		is_str(b->e[1].r->declined_why, "avbojt", "why declined");
		ok(avs_ix_write(b, &out, &err) == 0, "written back");
		ok(out.len == in.len && memcmp(out.p, in.p, in.len) == 0,
		    "the same bytes");
		avs_ix_free(b);
	}
	is_str(parse(HEAD ENTRY "  state: sealed\n  answers: []\n"), "ok",
	    "a minimal entry");
	ok(strstr(parse(HEAD ENTRY "  state: in-progress\n  answers: []\n"),
	    "expected sealed or declined") != NULL, "an unfinished record");
	ok(strstr(parse(HEAD ENTRY "  state: sealed\n  answers:\n  - id: x\n"
	    "    type: text\n    answer: \"free\"\n"), "coded") != NULL,
	    "a free-text answer");
	ok(strstr(parse(HEAD ENTRY "  state: sealed\n  name: \"Anna\"\n"
	    "  answers: []\n"), "name") != NULL, "a name");
	ok(strstr(parse(HEAD ENTRY "  state: sealed\n  answers:\n  - id: x\n"
	    "    type: choice\n    answer: a\n  - id: x\n    type: choice\n"
	    "    answer: b\n"), "twice") != NULL, "a question answered twice");
	ok(strstr(parse(HEAD ENTRY "  state: sealed\n  answers: []\n"
	    "- id: gvtpeta5zghq\n  bound: sha256:"
	    "9fdb8619d1798e78b7c56e5bd3b385e732a66a58ddc0670157ada7d9300f5721\n"
	    "  state: sealed\n  registered: 2026-01-30\n"
	    "  employed-from: 2015-01-01\n  employed-to: 2026-03-31\n"
	    "  answers: []\n"), "twice") != NULL, "a record twice");
	ok(strstr(parse("avslut-index: 1\nmonth: 2026-13\ncontext: sha256:"
	    "7751ab0fbb34194e423d530579cd123a4fd2a68d56ee5c028333c8ca400409e2\n"
	    "records: []\n"), "month") != NULL, "a month that is none");
	ok(strcmp(parse(HEAD ENTRY "  bound: x\n  state: sealed\n"
	    "  answers: []\n"), "ok") != 0, "a binding twice");

	/* What the index keeps of a record. */
	r = avs_record_new();
	memcpy(r->id, "gvtpeta5zghq", 13);
	r->state = AVS_IN_PROGRESS;
	r->emp.name = avs_xstrdup("Anna Andersson");
	r->emp.unit = avs_xstrdup("A");
	memset(&a, 0, sizeof(a));
	a.id = avs_xstrdup("primary-reason");
	a.type = AVS_Q_TEXT;
	a.value = avs_xstrdup("Lönen");
	avs_record_put(r, &a);
	ok(avs_ix_reduce(r) == NULL, "an unfinished record is not kept");
	r->state = AVS_DECLINED;
	ok(avs_ix_reduce(r) == NULL, "a declined record with free text is "
	    "not kept");
	r->state = AVS_SEALED;
	x = avs_ix_reduce(r);
	ok(x != NULL, "a sealed record is kept");
	if (x != NULL) {
		ok(x->emp.name == NULL, "without its name");
		is_int(x->nanswers, 0, "without its free text");
		is_str(x->emp.unit, "A", "with its unit");
		avs_record_free(x);
	}
	avs_record_free(r);
	avs_buf_free(&in);
	avs_buf_free(&out);
	return tap_done();
}
