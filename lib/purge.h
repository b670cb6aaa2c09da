/*
 * purge.h -- retention and disposal (gallring) of records: which rule
 * governs a record, when it falls due, and the discard procedure that
 * keeps the purge log (gallringsprotokoll) exact.
 *
 * Everything here works from the plaintext metadata header of a record
 * file alone ("Comment: avslut STATE SINCE"): no key, no gpg, no
 * decryption.  See avslut-purge(1).
 */
#ifndef AVS_PURGE_H
#define AVS_PURGE_H

#include <stddef.h>

#include "store.h"
#include "util.h"

/* What the purge log and the listing call a forced disposal: a record
 * discarded by name with --force before its rule's due date. */
#define AVS_PURGE_FORCED "forced"
/* ... and a record kept because its header disagrees with its evidence
 * (the decision column then says why, nothing personal). */
#define AVS_PURGE_KEPT "kept"

/* The rule that governs a record in state s: sealed, declined, or
 * unfinished (planned and in-progress). */
enum avs_rule avs_purge_rule(enum avs_state s);

/* The decision about one record as of a day. */
struct avs_purge_item {
	char id[AVS_IDLEN + 1];
	enum avs_state state;
	enum avs_rule rule;
	long months;		/* the rule's retention */
	long due;		/* day number: SINCE + months */
	char due_str[AVS_DATELEN + 1];
	int is_due;		/* the day is on or after due */
	int forced;		/* discarded before due (named, --force) */
	const char *decision;	/* the rule's reference; NULL: not applied;
				 * forced: the reason code (--why) */
};

/*
 * Decide for the record id with metadata m as of day asof.  A record is
 * due ON its due date: SINCE plus the rule's months, clamped to the end
 * of a shorter month (2026-08-31 + 6 months is 2027-02-28).  The item
 * points into cfg (decision); it lives as long as cfg.
 */
void avs_purge_decide(const struct avs_config *cfg, const char *id,
    const struct avs_meta *m, long asof, struct avs_purge_item *it);
/* The rule as the purge log names it: the rule's name or "forced". */
const char *avs_purge_rule_label(const struct avs_purge_item *it);

/* Does the purge log hold the line of id's discard? */
int avs_purge_logged(struct avs_store *st, const char *id, int *found,
    struct avs_err *err);

/*
 * One purge run.  The caller sets the fields above the line; note() gets
 * every record that is kept for a reason the operator must know, skipped
 * or failed, with a one-line message (no personal data) and a status: 0
 * for a warning (a record in use, skipped by the sweep), else the exit
 * status it stands for.  list() gets every record discarded, or that
 * would be with dry_run.  Both are optional.
 */
struct avs_purge {
	long asof;		/* day number: today or --as-of */
	int dry_run;		/* decide and list only; change nothing */
	int force;		/* named: also records within retention */
	const char *why;	/* with force: a code of avs_why_values */
	void (*list)(const struct avs_purge_item *it, void *arg);
	void (*note)(const struct avs_err *e, void *arg);
	void *arg;
	/* -- results -- */
	int status;		/* worst status noted (avs_worse) */
	size_t discarded;	/* (or listed, with dry_run) */
};

/*
 * The nightly sweep: settle what an interrupted purge left, remove stale
 * temporaries and orphan lock files (not with dry_run), then discard
 * every record that is due under a rule that carries a decision.  A rule
 * without a decision is not applied: it is noted (status 3) with its
 * config key, and the other rules still run.  Returns 0, or the status
 * of a failure that stops the whole run (err set); per-record outcomes go
 * to note() and p->status.
 */
int avs_purge_sweep(struct avs_store *st, struct avs_crypto *c,
    struct avs_purge *p, struct avs_err *err);
/*
 * Discard the named records now.  Every id must be valid (checked by the
 * caller: avs_id_valid).  A record within retention is refused (status
 * 3) unless p->force; a rule without a decision always refuses; a record
 * in use is refused (status 3); an unknown id is status 1; a bad metadata
 * header is status 4 and the file is kept.  Returns as avs_purge_sweep().
 */
int avs_purge_ids(struct avs_store *st, struct avs_crypto *c,
    struct avs_purge *p, char *const *ids, size_t n, struct avs_err *err);

#endif
