/*
 * interview.h -- answering a record: which questions are asked, what an
 * answer may be, and saving after every answer.
 *
 * An open interview holds the record's lock and its decrypted document in
 * memory for the whole session; saving encrypts that document again, so
 * nothing is decrypted twice and nothing is ever written in plaintext.
 */
#ifndef AVS_INTERVIEW_H
#define AVS_INTERVIEW_H

#include <stddef.h>

#include "crypto.h"
#include "qset.h"
#include "record.h"
#include "store.h"
#include "util.h"
#include "vault.h"

struct avs_interview {
	struct avs_store *st;
	struct avs_crypto *c;
	struct avs_open ro;		/* the record, opened to change it */
	char writer[AVS_FPRLEN + 1];	/* the key that signs its saves */
	struct avs_record *rec;		/* ro.rec, or one of avs_iv_from */
	struct avs_qset *qs;
	int lang;			/* the record's language in qs */
	const struct avs_question **asked;	/* whose condition holds */
	size_t nasked;
	int set_changed;		/* the set differs from the record's */
};

/* Lock and load record id for answering; refuse a sealed or declined one
 * (AVS_EPOLICY).  command names the caller in the access log. */
int avs_iv_open(struct avs_store *st, struct avs_crypto *c, const char *id,
    const char *command, struct avs_interview **out, struct avs_err *err);
/* An interview over a record and a set already in memory (both then
 * owned by it), without store or lock: for tests and tools that only
 * check answers. */
int avs_iv_from(struct avs_record *rec, struct avs_qset *qs,
    struct avs_interview **out, struct avs_err *err);
/* Release the lock and wipe everything. */
void avs_iv_close(struct avs_interview *iv);

/* Hold the interview in language lang instead of the record's own (the
 * one chosen at registration, that the guide was sent in); NULL keeps
 * it.  Only an interview not yet begun changes language: for one in
 * progress another language is AVS_EPOLICY. */
int avs_iv_language(struct avs_interview *iv, const char *lang,
    struct avs_err *err);
/* The index in asked[] of the first question neither answered nor
 * skipped; nasked when all are done.  With interviewer 0, questions for
 * the interviewer only are not considered. */
size_t avs_iv_next_open(const struct avs_interview *iv, size_t from,
    int interviewer);
/* The record's answer to the i-th asked question, or NULL. */
const struct avs_answer *avs_iv_answer(const struct avs_interview *iv,
    size_t i);
/* Texts in the record's language. */
const char *avs_iv_text(const struct avs_interview *iv, char *const *t);
/* "Ja"/"Nej" or "Yes"/"No" in the record's language. */
const char *avs_iv_yesno(const struct avs_interview *iv, int yes);

/* Turn what was typed into an answer to q: text as is; choice by number
 * or option id; multi by numbers or ids separated by commas or blanks;
 * scale by number; yesno by j/ja/y/yes/1 or n/nej/no/2.  Messages never
 * repeat a free-text answer. */
int avs_iv_parse(const struct avs_interview *iv, const struct avs_question *q,
    const char *input, struct avs_answer *out, struct avs_err *err);
/* Record a (valid) answer, or a skip, with the question as asked.  The
 * first answer starts the interview: state in-progress, today's date. */
void avs_iv_put(struct avs_interview *iv, const struct avs_question *q,
    struct avs_answer *a);
void avs_iv_skip(struct avs_interview *iv, const struct avs_question *q);
/* Encrypt and write the record now. */
int avs_iv_save(struct avs_interview *iv, struct avs_err *err);

/* Scripted answers: a YAML mapping of question id to answer in data
 * (named file in messages).  Everything is checked before anything is
 * changed: an unknown id, a question whose condition does not hold, a
 * value of the wrong kind or outside its choices or scale is AVS_EUSAGE
 * with file:line:col.  Then the answers are merged into the record. */
int avs_iv_answers(struct avs_interview *iv, const char *file,
    const void *data, size_t len, struct avs_err *err);

/* Required questions (whose condition holds) without an answer, as a
 * comma-separated list of ids into buf; returns their number. */
size_t avs_iv_missing(const struct avs_record *r, const struct avs_qset *qs,
    char *buf, size_t len);

#endif
