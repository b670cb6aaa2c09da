/*
 * Unit tests: time bounds of the readers a store writer or an HR export
 * can feed (issue 15, attack 8).  Reading must stay linear in the input:
 * a CSV with one 60 MB quoted field, a YAML mapping of 99,000 keys and a
 * record of 30,000 answers are each refused or read in under a second of
 * CPU time (four under the sanitizers, which slow every byte, not the
 * growth: the quadratic code took minutes for the CSV, 8-10 s for the
 * mapping).
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#include "import.h"
#include "record.h"
#include "tap.h"
#include "yamlio.h"

#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_UNDEFINED__)
#define LIMIT 4.0
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(undefined_behavior_sanitizer)
#define LIMIT 4.0
#endif
#endif
#ifndef LIMIT
#define LIMIT 1.0
#endif

static double
cpu(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static long rows, notes;

static int
row(const struct avs_facts *f, int declined, long line, void *arg,
    struct avs_err *err)
{
	(void)line;
	(void)arg;
	rows++;
	return avs_facts_check(f, declined, err);
}

static void
note(long line, int status, const char *msg, void *arg)
{
	(void)line;
	(void)status;
	(void)msg;
	(void)arg;
	notes++;
}

/* One quoted name of 60 MB, in lines of 100 bytes as an export would
 * wrap it, in an otherwise good file. */
static void
csv_field(void)
{
	static const char head[] = "name,title,workplace,employed-from,"
	    "employed-to,employment,reason,interviewer\n\"";
	static const char tail[] = "\",t,w,2020-01-01,2026-01-01,tillsvidare,"
	    "pension,E126FBB1BEF0DF7BB73F9D04FE1E45BA30044DC6\n";
	struct avs_buf b = AVS_BUF_INIT;
	struct avs_err err = AVS_ERR_INIT;
	struct avs_facts def = { 0 };
	struct avs_import_cb cb = { row, note, NULL };
	char line[100];
	double t;
	size_t i;
	int rc;

	memset(line, 'x', sizeof(line) - 1);
	line[sizeof(line) - 1] = '\n';
	avs_buf_adds(&b, head);
	for (i = 0; i < 60 * 1024 * 1024 / sizeof(line); i++)
		avs_buf_add(&b, line, sizeof(line));
	avs_buf_adds(&b, tail);
	t = cpu();
	rc = avs_import(b.p, b.len, NULL, &def, &cb, &err);
	t = cpu() - t;
	is_int(rows, 1, "the row with a 60 MB field is read");
	is_int(rc, AVS_EUSAGE, "... and refused (a name is one line)");
	ok(t < LIMIT, "... in %.2f s (limit %.0f s)", t, LIMIT);
	avs_buf_free(&b);
}

/* 99,000 keys of 10 bytes: about 1 MB, just inside a record's limits. */
static void
keys(struct avs_buf *b, const char *head, long n, const char *last)
{
	long i;

	avs_buf_reset(b);
	avs_buf_adds(b, head);
	for (i = 0; i < n; i++)
		avs_buf_printf(b, "k%06ld: 1\n", (i * 7919) % n);
	avs_buf_adds(b, last);
}

static void
yaml_keys(void)
{
	struct avs_buf b = AVS_BUF_INIT;
	struct avs_err err = AVS_ERR_INIT;
	struct avs_record *r;
	struct ydoc *doc;
	double t;
	int rc;

	keys(&b, "", 99000, "");
	t = cpu();
	rc = avs_yaml_parse("t.yaml", b.p, b.len, &avs_ylimits_record, &doc,
	    &err);
	t = cpu() - t;
	is_int(rc, 0, "a mapping of 99,000 keys is read");
	ok(t < LIMIT, "... in %.2f s (limit %.0f s)", t, LIMIT);
	if (rc == 0)
		is_int(avs_yaml_root(doc)->n, 99000, "... with every key");
	avs_yaml_free(doc);

	keys(&b, "", 98999, "k000500: 2\n");
	t = cpu();
	rc = avs_yaml_parse("t.yaml", b.p, b.len, &avs_ylimits_record, &doc,
	    &err);
	t = cpu() - t;
	is_str(err.msg, "t.yaml:99000:1: duplicate key \"k000500\"",
	    "a repeated key at the end is named at its place");
	ok(t < LIMIT, "... in %.2f s (limit %.0f s)", t, LIMIT);

	keys(&b, "avslut-record: 1\n", 98990, "");
	t = cpu();
	rc = avs_record_read("0123456789ab", b.p, b.len, &r, &err);
	t = cpu() - t;
	is_int(rc, AVS_EUSAGE, "a record of 99,000 keys is refused");
	ok(t < LIMIT, "... in %.2f s (limit %.0f s)", t, LIMIT);
	avs_buf_free(&b);
}

/* A record with 30,000 answers: each checked against the others. */
static void
record_answers(void)
{
	struct avs_buf b = AVS_BUF_INIT;
	struct avs_err err = AVS_ERR_INIT;
	struct avs_record *r = NULL;
	double t;
	long i;
	int rc;

	avs_buf_adds(&b, "avslut-record: 1\nid: 0123456789ab\n"
	    "state: in-progress\nregistered: 2026-01-01\n"
	    "question-set: {name: s, version: 1, digest: d, language: sv}\n"
	    "employee: {name: n, employment: annan, employed-from: 2020-01-01,"
	    " employed-to: 2026-01-01, reason: annan}\n"
	    "interviewer: {role: hr, fingerprint: "
	    "E126FBB1BEF0DF7BB73F9D04FE1E45BA30044DC6}\nanswers:\n");
	for (i = 0; i < 30000; i++)
		avs_buf_printf(&b, "- {id: q%ld, type: text}\n", i);
	t = cpu();
	rc = avs_record_read("0123456789ab", b.p, b.len, &r, &err);
	t = cpu() - t;
	is_int(rc, 0, "a record of 30,000 answers is read");
	ok(t < LIMIT, "... in %.2f s (limit %.0f s)", t, LIMIT);
	avs_record_free(r);
	avs_buf_printf(&b, "- {id: q17, type: text}\n");
	rc = avs_record_read("0123456789ab", b.p, b.len, &r, &err);
	is_str(err.msg, "0123456789ab:30009:3: question \"q17\" is answered "
	    "twice", "an answer given twice is refused at its place");
	avs_buf_free(&b);
}

/* With an argument, only that part: csv, yaml or answers. */
int
main(int argc, char *argv[])
{
	const char *only = argc > 1 ? argv[1] : "";

	alarm(120);	/* the quadratic code would take minutes */
	if (*only == '\0' || strcmp(only, "csv") == 0)
		csv_field();
	if (*only == '\0' || strcmp(only, "yaml") == 0)
		yaml_keys();
	if (*only == '\0' || strcmp(only, "answers") == 0)
		record_answers();
	return tap_done();
}
