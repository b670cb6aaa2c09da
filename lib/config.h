/*
 * config.h -- the store configuration, DIR/config (avslut-store(5)): who
 * reads and seals, the default question set and the interviews'
 * language, the marking, the minimum group of reports, eligibility and
 * retention.  Nothing personal.
 */
#ifndef AVS_CONFIG_H
#define AVS_CONFIG_H

#include <stddef.h>

#include "qset.h"
#include "util.h"

/* Retention rules, one per kind of record. */
enum avs_rule { AVS_RULE_SEALED, AVS_RULE_DECLINED, AVS_RULE_UNFINISHED,
    AVS_NRULES };

extern const char *const avs_rule_names[];	/* "sealed", ... */

struct avs_retention {
	long months;
	char *decision;		/* NULL: not applied */
};

/* "groups", "cells": the order of enum avs_disclosure (report.h). */
extern const char *const avs_disclosure_names[];

struct avs_config {
	char **recipients;	/* NULL-terminated full fingerprints */
	size_t nrecipients;
	char **sealers;		/* more keys allowed to seal */
	size_t nsealers;
	char *questions;	/* default question set */
	char *language;		/* of the interviews; NULL: the set's first */
	char *marking;		/* confidentiality marking */
	long min_group;
	int disclosure;		/* enum avs_disclosure (report.h) */
	long in_progress_days;	/* then an interview is late (pending.h) */
	char **elig_employment;	/* NULL-terminated */
	char **elig_reason;
	long elig_months;
	struct avs_retention retention[AVS_NRULES];
	/* The import's mapping (avslut-new(1) --import): header names to
	 * fact fields, in pairs (name, field, ...), and code words to codes,
	 * in triples (field, word, code, ...); NULL-terminated.  Default:
	 * the Swedish personnel systems' headers and words. */
	char **imp_columns;
	char **imp_values;
	/* Interviewers by e-mail address: triples (e-mail, fingerprint,
	 * name or ""), NULL-terminated. */
	char **interviewers;
};

/* Defaults of a new store, and freeing a config. */
void avs_config_defaults(struct avs_config *cfg);
void avs_config_clear(struct avs_config *cfg);
/* Parse the configuration (YAML, already verified: the store reads and
 * checks its signature) named path in messages, where it starts after
 * line line0. */
int avs_config_parse(const char *path, size_t line0, const void *data,
    size_t len, struct avs_config *cfg, struct avs_err *err);
void avs_config_copy(struct avs_config *to, const struct avs_config *from);
int avs_config_write(const struct avs_config *cfg, struct avs_buf *out,
    struct avs_err *err);
/* Check values given on the command line the way the reader would:
 * the marking and every decision reference one line of at most 200
 * bytes of UTF-8 text, the question set a valid name. */
int avs_config_check(const struct avs_config *cfg, struct avs_err *err);
/* The language (an index into qs->langs) of an interview or guide: lang
 * when given (-1 when the set lacks it); else the store's language when
 * the set carries it, else the set's first language.  Without a store
 * (cfg NULL), the locale's (avs_qset_default_lang). */
int avs_config_lang(const struct avs_config *cfg, const struct avs_qset *qs,
    const char *lang);
/* The fingerprint of the interviewer at e-mail address addr (any case)
 * into fpr: 0, or AVS_EUSAGE when no interviewer has that address.  The
 * message names neither the address nor a person. */
int avs_config_interviewer(const struct avs_config *cfg, const char *addr,
    char fpr[AVS_FPRLEN + 1], struct avs_err *err);
/* Is s written as an e-mail address (one '@', no blank)? */
int avs_config_is_email(const char *s);
/* Set the store's language to lang, which qs must carry (AVS_EUSAGE), or
 * when lang is NULL to the set's first. */
int avs_config_set_lang(struct avs_config *cfg, const struct avs_qset *qs,
    const char *lang, struct avs_err *err);
#endif
