/*
 * record.h -- one exit interview, the plaintext YAML document inside a
 * record file (avslut-record(5)).
 *
 * Every string may be personal data: a record is freed with
 * avs_record_free(), which wipes it.
 */
#ifndef AVS_RECORD_H
#define AVS_RECORD_H

#include <stddef.h>

#include "date.h"
#include "qset.h"
#include "util.h"

#define AVS_RECORD_FORMAT 1
#define AVS_IDLEN 12


struct avs_answer {
	char *id;
	char *section;		/* section title as asked */
	char *question;		/* question text as asked */
	enum avs_qtype type;
	int skipped;
	char *value;		/* text, option id, scale number, yes/no */
	char *label;		/* choice, yesno: option text as asked */
	char **values;		/* multi: option ids, NULL-terminated */
	char **labels;		/* multi: option texts as asked */
};

/* One correction of a sealed record (correct.h): the field, its value
 * before (NULL: none), when and by whom. */
struct avs_correction {
	char *field;
	char *old;
	char on[AVS_DATELEN + 1];
	char by[41];
};

struct avs_record {
	char id[AVS_IDLEN + 1];
	enum avs_state state;
	char registered[AVS_DATELEN + 1];
	char questions_sent[AVS_DATELEN + 1];
	char interview_date[AVS_DATELEN + 1];
	char sealed[AVS_DATELEN + 1];
	struct {
		char *name;
		long version;
		char *digest;
		char *lang;
	} qset;
	struct {
		char *name, *title, *workplace, *unit;
		char *employment, *reason;
		char from[AVS_DATELEN + 1], to[AVS_DATELEN + 1];
	} emp;
	struct {
		char *name, *role;
		char fpr[41];
	} interviewer;
	int eligible;
	int forced;		/* registered although not eligible */
	char *declined_why;
	char *registration;	/* the registration block (evidence.h) */
	char *seal_by;
	int employee_reviewed;
	struct avs_answer *answers;
	size_t nanswers;
	struct avs_correction *corrections;	/* oldest first */
	size_t ncorrections;
};

struct avs_record *avs_record_new(void);
void avs_record_free(struct avs_record *r);

/* The registered facts -- employee, interviewer, eligible, forced,
 * declined -- as keys of the mapping w is in (the record and its
 * registration block write them alike). */
struct yw;
void avs_record_write_facts(struct yw *w, const struct avs_record *r);
/* Serialise to YAML into out (a secure buffer). */
int avs_record_write(const struct avs_record *r, struct avs_buf *out,
    struct avs_err *err);
/* Parse YAML; name is used in messages (the record id, never content). */
int avs_record_read(const char *name, const void *data, size_t len,
    struct avs_record **out, struct avs_err *err);

/* The facts conditions test, indexed by enum avs_fact. */
void avs_record_facts(const struct avs_record *r,
    const char *facts[AVS_NFACTS]);

/* The answer to question id, or NULL. */
struct avs_answer *avs_record_answer(const struct avs_record *r,
    const char *id);
/* Add or replace the answer (takes ownership of a's strings). */
void avs_record_put(struct avs_record *r, struct avs_answer *a);
void avs_answer_clear(struct avs_answer *a);
/* Is a answered (not skipped, non-empty)? */
int avs_answer_given(const struct avs_answer *a);

/* Random record id of AVS_IDLEN characters from [0-9a-z] minus i, l, o, u.
 * Returns 0, or -1 when the system has no randomness. */
int avs_id_new(char id[AVS_IDLEN + 1]);
/* Is s a well-formed id?  (Also refuses '/', '.', anything else.) */
int avs_id_valid(const char *s);

#endif
