/*
 * qset.h -- question sets (questions/NAME.yaml, avslut-questions(5)).
 *
 * A loaded set is read-only.  Every translatable text is an array with one
 * string per language of the set, indexed by the language number.
 */
#ifndef AVS_QSET_H
#define AVS_QSET_H

#include <stddef.h>

#include "codes.h"
#include "util.h"

enum avs_qtype { AVS_Q_TEXT, AVS_Q_CHOICE, AVS_Q_MULTI, AVS_Q_SCALE,
    AVS_Q_YESNO };

/* Facts of a record a condition may test. */
enum avs_fact { AVS_FACT_EMPLOYMENT, AVS_FACT_REASON, AVS_FACT_ROLE,
    AVS_NFACTS };

extern const char *const avs_qtype_names[];	/* "text", "choice", ... */
extern const char *const avs_fact_names[];	/* "employment", ... */

struct avs_option {
	char *id;
	char **text;
};

struct avs_cond {
	enum avs_fact fact;
	char **values;		/* NULL-terminated */
};

struct avs_question {
	char *id;
	enum avs_qtype type;
	int required;
	int addition;		/* not in the original document */
	int interviewer;	/* for the interviewer only, not in the guide */
	size_t section;
	char **text;
	struct avs_option *opts;
	size_t nopts;
	long smin, smax;	/* scale */
	char **low, **high;	/* scale labels, may be NULL */
	struct avs_cond *when;
	size_t nwhen;
};

struct avs_section {
	char *id;
	char **title;
	size_t first, n;	/* its questions in the flat array */
};

/* The guide's header: a record field, or a from-to range of two. */
struct avs_header {
	char **label;
	char *field;
	char *to_field;		/* range only */
	char **from_label, **to_label;
};

struct avs_qset {
	char *file;
	char *name;
	long version;
	char digest[72];	/* "sha256:" + 64 hex */
	char **langs;
	size_t nlang;
	char **title;
	char **about;		/* may be NULL */
	char **guide_title;
	char **guide_intro;
	struct avs_header *header;
	size_t nheader;
	struct avs_section *sections;
	size_t nsections;
	struct avs_question *questions;
	size_t nquestions;
};

/* Header fields a question set may name. */
extern const char *const avs_header_fields[];

/* Load and validate the set in file path (one the user named, or an
 * installed one).  Errors name file:line:col. */
int avs_qset_load(const char *path, struct avs_qset **out,
    struct avs_err *err);
/* The same from a regular file of a directory of the store. */
int avs_qset_load_in(int dirfd, const char *dirpath, const char *name,
    struct avs_qset **out, struct avs_err *err);
/* The same from memory; file names it in messages. */
int avs_qset_parse(const char *file, const void *data, size_t len,
    struct avs_qset **out, struct avs_err *err);
/* Find set NAME outside the store (avs_store_qset() looks in the store
 * first): a path when it contains '/', else NAME.yaml in
 * $AVSLUT_DATADIR/questions, then in the installed data directory.
 * *path is malloc'd. */
int avs_qset_find(const char *name, char **path, struct avs_err *err);
void avs_qset_free(struct avs_qset *qs);

/* Read a language code (an id of at most 8 bytes) into *out. */
struct yctx;
struct ynode;
int avs_ylang(const struct yctx *c, const struct ynode *n, char **out);
/* The index of language code lang in the set, or -1. */
int avs_qset_lang(const struct avs_qset *qs, const char *lang);
/* The set's language for the user's locale: the first language of
 * $LANGUAGE (over a locale other than C) or of the locale that the set
 * carries, else en when carried, else the set's first.  Only where no
 * store decides: see avs_config_lang(). */
int avs_qset_default_lang(const struct avs_qset *qs);
const struct avs_question *avs_qset_question(const struct avs_qset *qs,
    const char *id);
const struct avs_option *avs_question_option(const struct avs_question *q,
    const char *id);

/* Our own few words in a set's language, which sets do not carry: the
 * guide's greeting and the labels of yes and no.  English for a language
 * not listed. */
struct avs_words {
	const char *lang;
	const char *greet, *greet_end;	/* around the name: "Hej " "!" */
	const char *sentence;		/* what the guide is for */
	const char *yes, *no;
};
const struct avs_words *avs_words(const char *lang);

/* Does q's condition hold for these facts (indexed by enum avs_fact)? */
int avs_question_applies(const struct avs_question *q,
    const char *const facts[AVS_NFACTS]);

#endif
