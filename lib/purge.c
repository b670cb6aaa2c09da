/*
 * purge.c -- retention and disposal (gallring), from the plaintext
 * metadata header of each record file alone: no key, no gpg, no
 * decryption (avslut-purge(1)).
 *
 * A record is discarded under its lock, in this order:
 *   1. re-read its header under the lock: still there, still due;
 *   2. rename records/ID.asc to records/.ID.purging, fsync the directory;
 *   3. append its line to purge.log (avs_log_purge fsyncs it);
 *   4. unlink .ID.purging, fsync the directory, remove the lock file.
 * A crash leaves at most a .ID.purging, which the next run settles under
 * the record's lock: if the log holds the record's line (a crash after
 * 3), the file is removed; if not (a crash after 2), it is put back as
 * ID.asc and decided afresh.  So every discarded record has exactly one
 * line, and a record without its line is never gone.  The directory sync
 * in 2 makes sure a logged record cannot come back after a power loss.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "csvio.h"
#include "fsio.h"
#include "evidence.h"
#include "i18n.h"
#include "index.h"
#include "logs.h"
#include "purge.h"
#include "register.h"

/* A creation temporary of a record that does not exist is removed only
 * when older than this: registration writes a new record without taking
 * its lock, so a young temporary may be one being written. */
#define STALE_SECONDS 3600
#define LOG_MAX (256 * 1024 * 1024)
#define PURGING ".purging"
/* A writer's temporaries of record ID: .ID.asc.tmp and .ID.asc.tmp.XXXXXX */
#define TMP_INFIX AVS_RECORD_EXT AVS_TMP_SUFFIX

enum avs_rule
avs_purge_rule(enum avs_state s)
{
	switch (s) {
	case AVS_SEALED:
		return AVS_RULE_SEALED;
	case AVS_DECLINED:
		return AVS_RULE_DECLINED;
	default:
		return AVS_RULE_UNFINISHED;
	}
}

void
avs_purge_decide(const struct avs_config *cfg, const char *id,
    const struct avs_meta *m, long asof, struct avs_purge_item *it)
{
	long since = 0;

	memset(it, 0, sizeof(*it));
	snprintf(it->id, sizeof(it->id), "%s", id);
	it->state = m->state;
	it->rule = avs_purge_rule(m->state);
	it->months = cfg->retention[it->rule].months;
	it->decision = cfg->retention[it->rule].decision;
	/* The header was checked when read: since is a valid date. */
	avs_date_parse(m->since, &since);
	it->due = avs_date_add_months(since, (int)it->months);
	avs_date_format(it->due, it->due_str);
	it->is_due = asof >= it->due;
}

const char *
avs_purge_rule_label(const struct avs_purge_item *it)
{
	return it->forced ? AVS_PURGE_FORCED : avs_rule_names[it->rule];
}

/* --- one run ------------------------------------------------------------- */

struct run {
	struct avs_store *st;
	struct avs_crypto *c;
	const struct avs_store_dirs *d;
	struct avs_purge *p;
	int named;
	size_t held[AVS_NRULES];	/* due, kept for want of a decision */
};

static void __attribute__((format(printf, 3, 4)))
note(struct run *r, int status, const char *fmt, ...)
{
	struct avs_err e = AVS_ERR_INIT;
	va_list ap;

	va_start(ap, fmt);
	avs_vfail(&e, status, fmt, ap);
	va_end(ap);
	r->p->status = avs_worse(r->p->status, status);
	if (r->p->note != NULL)
		r->p->note(&e, r->p->arg);
}

static void
listed(struct run *r, const struct avs_purge_item *it)
{
	r->p->discarded++;
	if (r->p->list != NULL)
		r->p->list(it, r->p->arg);
}

static void
run_open(struct run *r, struct avs_store *st, struct avs_crypto *c,
    struct avs_purge *p, int named)
{
	memset(r, 0, sizeof(*r));
	r->st = st;
	r->c = c;
	r->d = avs_store_dirs(st);
	r->p = p;
	r->named = named;
	p->status = 0;
	p->discarded = 0;
}

static void
purging_name(const char *id, char name[32])
{
	snprintf(name, 32, ".%s" PURGING, id);
}

/* Neither the record nor a leftover of it: its lock file may go. */
static int
absent(struct run *r, const char *id)
{
	char name[32], tmp[32];

	avs_record_file(id, name, sizeof(name));
	purging_name(id, tmp);
	return !avs_exists_in(r->d->records, name) &&
	    !avs_exists_in(r->d->records, tmp);
}

/* The record's lock, without avs_store_lock()'s removal of the record's
 * temporaries: purge removes them itself (temporary(), and named purges
 * with avs_remove_temps()). */
static int
rec_lock(struct run *r, const char *id, struct avs_lock **lk,
    struct avs_err *err)
{
	return avs_store_lock(r->st, id, 0, 0, lk, err);
}

/* --- the purge log --------------------------------------------------------- */

struct find {
	const char *id;
	int found;
};

static int
find_row(const struct avs_csvrow *row, void *arg)
{
	struct find *f = arg;

	/* time, record, state, rule, decision, user; a record kept for
	 * what its evidence says has the rule "kept" */
	if (row->n == 6 && strcmp(row->f[1], f->id) == 0 &&
	    strcmp(row->f[3], AVS_PURGE_KEPT) != 0) {
		f->found = 1;
		return 1;
	}
	return 0;
}

static void
find_bad(long line, const char *why, void *arg)
{
	/* A torn line from a crash: it is not a record's line. */
	(void)line;
	(void)why;
	(void)arg;
}

int
avs_purge_logged(struct avs_store *st, const char *id, int *found,
    struct avs_err *err)
{
	struct avs_buf data = AVS_BUF_INIT;
	struct find f = { id, 0 };
	const struct avs_store_dirs *d = avs_store_dirs(st);
	int rc = 0;

	if (avs_exists_in(d->top, "purge.log") || errno != ENOENT) {
		if ((rc = avs_read_in(d->top, d->toppath, "purge.log",
		    LOG_MAX, &data, NULL, err)) == 0)
			rc = avs_csv_parse(data.p, data.len, find_row,
			    find_bad, &f, err);
		else
			err->status = rc = AVS_ERUN;
	}
	*found = f.found;
	avs_buf_free(&data);
	return rc;
}

/* --- discarding -------------------------------------------------------- */

/* Settle a leftover .ID.purging (see the top of this file).  The caller
 * holds the record's lock. */
static int
settle(struct run *r, const char *id, struct avs_err *err)
{
	char name[32], tmp[32];
	int found, rc;

	avs_record_file(id, name, sizeof(name));
	purging_name(id, tmp);
	if (!avs_exists_in(r->d->records, tmp))
		return 0;
	if ((rc = avs_purge_logged(r->st, id, &found, err)) != 0)
		return rc;
	if (!found) {
		/* Never logged, so never discarded: put it back.  link(2)
		 * refuses to replace a record of that id. */
		if (linkat(r->d->records, tmp, r->d->records, name, 0) != 0)
			return avs_failerr(err, AVS_ERUN, _("cannot put back "
			    "%s/%s"), r->d->recpath, name);
	}
	if (unlinkat(r->d->records, tmp, 0) != 0)
		return avs_failerr(err, AVS_ERUN, "%s/%s", r->d->recpath, tmp);
	return avs_fsync_dir(r->d->records, r->d->recpath, err);
}

/* The evidence of a discarded record goes with it (in the same locked
 * step; what a crash leaves, the next run removes: leftover()). */
static int
drop_evidence(struct run *r, const char *id, struct avs_err *err)
{
	int rc;

	if ((rc = avs_ev_remove(r->st, id, AVS_EV_SEAL, 1, err)) == 0)
		rc = avs_ev_remove(r->st, id, AVS_EV_REG, 0, err);
	return rc;
}

/* Discard a record that was decided; the caller holds its lock. */
static int
discard(struct run *r, const struct avs_purge_item *it, struct avs_err *err)
{
	struct avs_err ignored = AVS_ERR_INIT;
	char name[32], tmp[32];
	int rc;

	avs_record_file(it->id, name, sizeof(name));
	purging_name(it->id, tmp);
	if (renameat(r->d->records, name, r->d->records, tmp) != 0)
		return avs_failerr(err, AVS_ERUN, "%s/%s", r->d->recpath, name);
	if ((rc = avs_fsync_dir(r->d->records, r->d->recpath, err)) != 0 ||
	    (rc = avs_log_purge(r->st, it->id, avs_state_names[it->state],
	    avs_purge_rule_label(it), it->decision, err)) != 0) {
		/* Perhaps logged, perhaps not: settle it as the next run
		 * would (if this fails too, the next run will). */
		settle(r, it->id, &ignored);
		return rc;
	}
	if (unlinkat(r->d->records, tmp, 0) != 0)
		return avs_failerr(err, AVS_ERUN, "%s/%s", r->d->recpath, tmp);
	if ((rc = avs_fsync_dir(r->d->records, r->d->recpath, err)) != 0)
		return rc;
	return drop_evidence(r, it->id, err);
}

/* A record kept for what its evidence says: noted (status 4) and, but
 * in a dry run, a line in the purge log. */
static void
kept(struct run *r, const char *id, const struct avs_meta *m,
    const char *why)
{
	struct avs_err e = AVS_ERR_INIT;

	note(r, AVS_EINTEGRITY, _("record %s: %s; kept"), id, why);
	if (!r->p->dry_run && avs_log_purge(r->st, id,
	    avs_state_names[m->state], AVS_PURGE_KEPT, why, &e) != 0)
		note(r, e.status, "%s", e.msg);
}

/*
 * The plaintext header against the evidence beside the record, keyless
 * and without gpg (what purge acts on is checked with the signatures in
 * verified()): a date no record can have, a state or date the
 * registration or seal statement contradicts.  1 when they agree; else
 * the record is kept, and said so.
 */
static int
agrees(struct run *r, const char *id, const struct avs_meta *m)
{
	struct avs_err e = AVS_ERR_INIT;
	struct avs_reg_stmt reg;
	struct avs_seal_stmt seal;
	char why[sizeof(e.msg)];
	long since = 0, today = avs_today();
	int mreg, mseal, sealed = m->state == AVS_SEALED;

	why[0] = '\0';
	avs_date_parse(m->since, &since);
	if (since > (sealed ? today : today + AVS_REGISTER_AHEAD))
		snprintf(why, sizeof(why), _("its header's date %s is later "
		    "than any a record can have"), m->since);
	else if (avs_ev_peek_reg(r->st, id, &reg, &mreg, &e) != 0)
		snprintf(why, sizeof(why), "%s", mreg ? _("it has no "
		    "registration statement") : e.msg);
	else if (avs_ev_peek_seal(r->st, id, &seal, &mseal, &e) != 0 &&
	    !mseal)
		snprintf(why, sizeof(why), "%s", e.msg);
	else if (sealed && mseal)
		snprintf(why, sizeof(why), "%s", _("its header says sealed, and "
		    "there is no seal statement"));
	else if (sealed && strcmp(seal.sealed, m->since) != 0)
		snprintf(why, sizeof(why), _("its header says sealed on %s, its "
		    "seal statement %s"), m->since, seal.sealed);
	else if (!sealed && !mseal)
		snprintf(why, sizeof(why), _("its header says %s, and a seal "
		    "statement says it was sealed on %s"),
		    avs_state_names[m->state], seal.sealed);
	else if (reg.declined != (m->state == AVS_DECLINED))
		snprintf(why, sizeof(why), _("its header says %s, and it was "
		    "registered %s"), avs_state_names[m->state],
		    reg.declined ? "declined" : "planned");
	else if (!sealed && strcmp(reg.employed_to, m->since) != 0)
		snprintf(why, sizeof(why), _("its header's date %s is not the "
		    "end of employment registered, %s"), m->since,
		    reg.employed_to);
	if (why[0] == '\0')
		return 1;
	kept(r, id, m, why);
	return 0;
}

/* Before a record goes: its evidence, which agrees with its header, is
 * signed as it must be -- the registration by an HR signer, the seal by
 * the registered interviewer or HR. */
static int
verified(struct run *r, const char *id, const struct avs_meta *m)
{
	struct avs_err e = AVS_ERR_INIT;
	struct avs_reg_stmt reg;
	struct avs_seal_stmt seal;
	const char *const *hr, **allowed;
	char signer[AVS_FPRLEN + 1];
	size_t n;
	int missing, ok = 1;

	if (avs_ev_read_reg(r->st, r->c, id, &reg, &missing, &e) != 0 ||
	    strcmp(reg.employed_to, m->state == AVS_SEALED ? reg.employed_to :
	    m->since) != 0)
		ok = 0;
	else if (m->state == AVS_SEALED) {
		hr = avs_store_hr(r->st, &n);
		allowed = avs_xcalloc(n + 2, sizeof(*allowed));
		memcpy(allowed, hr, n * sizeof(*allowed));
		allowed[n++] = reg.interviewer;
		if (avs_ev_read_seal(r->st, r->c, id, (char *const *)allowed,
		    n, &seal, signer, &missing, &e) != 0 ||
		    strcmp(seal.sealed, m->since) != 0 ||
		    (strcmp(signer, seal.by) != 0 &&
		    avs_lookup(hr, signer) < 0))
			ok = 0;
		free(allowed);
	}
	if (!ok)
		kept(r, id, m, e.msg[0] != '\0' ? e.msg : _("its evidence does "
		    "not bear the signatures it must"));
	return ok;
}

/* Read and decide.  Returns 1 to discard; else 0, having noted why when
 * the operator must know. */
static int
judge(struct run *r, const char *id, struct avs_purge_item *it,
    struct avs_meta *m)
{
	struct avs_err e = AVS_ERR_INIT;
	int rc;

	if ((rc = avs_meta_read(r->st, id, m, &e)) != 0) {
		if (rc == AVS_EINTEGRITY)
			note(r, rc, _("%s; kept"), e.msg);
		else if (r->named || avs_store_record_exists(r->st, id))
			note(r, rc, "%s", e.msg);
		/* else gone since the listing: another purge took it. */
		return 0;
	}
	if (!agrees(r, id, m))
		return 0;
	avs_purge_decide(avs_store_config(r->st), id, m, r->p->asof, it);
	if (it->decision == NULL) {
		if (r->named)
			note(r, AVS_EPOLICY, _("record %s: retention rule %s "
			    "has no decision reference (retention.%s.decision)"
			    "; not discarded"), id, avs_rule_names[it->rule],
			    avs_rule_names[it->rule]);
		else if (it->is_due)
			r->held[it->rule]++;
		return 0;
	}
	if (!it->is_due && !(r->named && r->p->force)) {
		if (r->named)
			note(r, AVS_EPOLICY, _("record %s is within retention "
			    "until %s (rule %s, %ld months); use --force to "
			    "discard it now"), id, it->due_str,
			    avs_rule_names[it->rule], it->months);
		return 0;
	}
	/* Erasure before the due date is not retention: the log says why
	 * (a code) instead of the rule's decision. */
	if ((it->forced = !it->is_due))
		it->decision = r->p->why;
	return 1;
}

static void
purge_one(struct run *r, const char *id)
{
	struct avs_err e = AVS_ERR_INIT;
	struct avs_purge_item it;
	struct avs_meta m;
	struct avs_lock *lk, *ix;
	int rc;

	if (!judge(r, id, &it, &m))
		return;
	if (r->p->dry_run) {
		listed(r, &it);
		return;
	}
	if ((rc = rec_lock(r, id, &lk, &e)) != 0) {
		/* Being written (a manager answering, a seal): never touch
		 * it.  The sweep goes on and takes it another night. */
		if (rc == AVS_EPOLICY)
			note(r, r->named ? AVS_EPOLICY : 0, _("%s; skipped"),
			    e.msg);
		else
			note(r, rc, "%s", e.msg);
		return;
	}
	if (r->named) {
		char name[32];

		avs_record_file(id, name, sizeof(name));
		avs_remove_temps(r->d->records, name);
	}
	/* Under the lock: the record may have changed or gone meanwhile;
	 * and what is discarded is checked with the signatures.  The
	 * report index's bucket of its month goes first, under its lock,
	 * which a report holds while it writes the bucket of the records
	 * still there: none can write this one back. */
	if ((rc = avs_ix_lock(r->st, m.since, &ix, &e)) != 0)
		note(r, rc, "%s", e.msg);
	else {
		if (judge(r, id, &it, &m) && verified(r, id, &m)) {
			if ((rc = avs_ix_drop(r->st, m.since, &e)) != 0 ||
			    (rc = discard(r, &it, &e)) != 0)
				note(r, rc, "%s", e.msg);
			else
				listed(r, &it);
		}
		avs_unlock(ix, 0);
	}
	avs_unlock(lk, absent(r, id));
}

/* --- housekeeping ------------------------------------------------------ */

/* The names in a directory that want() accepts (malloc'd, NULL-ended). */
static int
scan_dir(int dirfd, const char *path, int (*want)(const char *name),
    char ***out, struct avs_err *err)
{
	struct dirent *de;
	size_t n = 0, cap = 8;
	char **v;
	DIR *d;
	int fd;

	*out = NULL;
	if ((fd = dup(dirfd)) < 0 || (d = fdopendir(fd)) == NULL) {
		if (fd >= 0)
			close(fd);
		return avs_failerr(err, AVS_ERUN, "%s", path);
	}
	rewinddir(d);
	v = avs_xcalloc(cap, sizeof(*v));
	while ((de = readdir(d)) != NULL) {
		if (!want(de->d_name))
			continue;
		if (n + 1 >= cap) {
			cap *= 2;
			v = avs_xreallocarray(v, cap, sizeof(*v));
		}
		v[n++] = avs_xstrdup(de->d_name);
	}
	v[n] = NULL;
	closedir(d);
	*out = v;
	return 0;
}

/* Is name ".ID" followed by suffix (and nothing more, unless
 * prefix_only), with a valid ID?  The ID goes into id. */
static int
dot_id(const char *name, const char *suffix, int prefix_only,
    char id[AVS_IDLEN + 1])
{
	size_t n = strlen(suffix);

	if (name[0] != '.' || strlen(name) < 1 + AVS_IDLEN + n ||
	    strncmp(name + 1 + AVS_IDLEN, suffix, n) != 0 ||
	    (!prefix_only && name[1 + AVS_IDLEN + n] != '\0'))
		return 0;
	memcpy(id, name + 1, AVS_IDLEN);
	id[AVS_IDLEN] = '\0';
	return avs_id_valid(id);
}

static int
want_record_dot(const char *name)
{
	char id[AVS_IDLEN + 1];

	return dot_id(name, PURGING, 0, id) || dot_id(name, TMP_INFIX, 1, id);
}

static int
want_lock(const char *name)
{
	return avs_id_valid(name);
}

/* Take a record's lock only to tidy up: a held lock means someone is at
 * work on it, and is no error. */
static struct avs_lock *
tidy_lock(struct run *r, const char *id)
{
	struct avs_err e = AVS_ERR_INIT;
	struct avs_lock *lk;
	int rc;

	if ((rc = rec_lock(r, id, &lk, &e)) != 0) {
		if (rc != AVS_EPOLICY)
			note(r, rc, "%s", e.msg);
		return NULL;
	}
	return lk;
}

static void
leftover(struct run *r, const char *id)
{
	struct avs_err e = AVS_ERR_INIT;
	struct avs_lock *lk;
	int rc;

	if ((lk = tidy_lock(r, id)) == NULL)
		return;
	if ((rc = settle(r, id, &e)) != 0)
		note(r, rc, "%s", e.msg);
	avs_unlock(lk, absent(r, id));
}

/* A writer's temporary, left by a crash when its lock is free (writers
 * of a record hold its lock; a new record's is old enough). */
static void
temporary(struct run *r, const char *id, const char *name)
{
	struct avs_lock *lk;
	struct stat sb;
	char rec[32];

	avs_record_file(id, rec, sizeof(rec));
	if (!avs_exists_in(r->d->records, rec) && (fstatat(r->d->records, name,
	    &sb, AT_SYMLINK_NOFOLLOW) != 0 ||
	    time(NULL) - sb.st_mtime < STALE_SECONDS))
		return;
	if ((lk = tidy_lock(r, id)) != NULL) {
		avs_remove_locked_temp(r->d->records, rec);
		avs_remove_temps(r->d->records, rec);
		avs_unlock(lk, absent(r, id));
	}
}

static int
tidy_records(struct run *r, int temps, struct avs_err *err)
{
	char **names, id[AVS_IDLEN + 1];
	size_t i;
	int rc;

	if ((rc = scan_dir(r->d->records, r->d->recpath, want_record_dot, &names,
	    err)) != 0)
		return rc;
	for (i = 0; names[i] != NULL; i++) {
		if (dot_id(names[i], PURGING, 0, id))
			leftover(r, id);
		else if (temps && dot_id(names[i], TMP_INFIX, 1, id))
			temporary(r, id, names[i]);
	}
	avs_strv_free(names);
	return 0;
}

/* Lock files of records that no longer exist. */
static int
tidy_locks(struct run *r, struct avs_err *err)
{
	struct avs_lock *lk;
	char **names;
	size_t i;
	int rc;

	if ((rc = scan_dir(r->d->locks, r->d->lockpath, want_lock, &names,
	    err)) != 0)
		return rc;
	for (i = 0; names[i] != NULL; i++)
		if (absent(r, names[i]) &&
		    (lk = tidy_lock(r, names[i])) != NULL)
			avs_unlock(lk, absent(r, names[i]));
	avs_strv_free(names);
	return 0;
}

/* --- the two runs ------------------------------------------------------ */

/* The batch statements of an import whose records are all gone go too:
 * what remains of a record once it is discarded is the purge log's
 * line. */
static void
prune(struct run *r)
{
	struct avs_err e = AVS_ERR_INIT;
	size_t removed;

	if (!r->p->dry_run &&
	    avs_ev_prune_batches(r->st, &removed, &e) != 0)
		note(r, e.status, "%s", e.msg);
}

static void
note_undecided(struct run *r)
{
	const struct avs_config *cfg = avs_store_config(r->st);
	int k;

	for (k = 0; k < AVS_NRULES; k++)
		if (cfg->retention[k].decision == NULL)
			note(r, AVS_EPOLICY, ngettext("retention rule %s is not "
			    "applied: it has no decision reference "
			    "(retention.%s.decision in %s/config); %zu record "
			    "due under it is kept", "retention rule %s is not "
			    "applied: it has no decision reference "
			    "(retention.%s.decision in %s/config); %zu records "
			    "due under it are kept", r->held[k]),
			    avs_rule_names[k], avs_rule_names[k],
			    avs_store_dir(r->st), r->held[k]);
}

int
avs_purge_sweep(struct avs_store *st, struct avs_crypto *c,
    struct avs_purge *p, struct avs_err *err)
{
	struct run r;
	char **ids = NULL;
	size_t n, i;
	int rc;

	run_open(&r, st, c, p, 0);
	if (!p->dry_run && ((rc = tidy_records(&r, 1, err)) != 0 ||
	    (rc = tidy_locks(&r, err)) != 0))
		goto done;
	if ((rc = avs_store_ids(st, &ids, &n, err)) != 0)
		goto done;
	for (i = 0; i < n; i++)
		purge_one(&r, ids[i]);
	note_undecided(&r);
	prune(&r);
done:
	avs_strv_free(ids);
	return rc;
}

int
avs_purge_ids(struct avs_store *st, struct avs_crypto *c,
    struct avs_purge *p, char *const *ids,
    size_t n, struct avs_err *err)
{
	struct run r;
	size_t i, j;
	int rc = 0;

	run_open(&r, st, c, p, 1);
	if (!p->dry_run && (rc = tidy_records(&r, 0, err)) != 0)
		goto done;
	for (i = 0; i < n; i++) {
		for (j = 0; j < i && strcmp(ids[j], ids[i]) != 0; j++)
			;
		if (j == i)	/* not named twice */
			purge_one(&r, ids[i]);
	}
	prune(&r);
done:
	return rc;
}
