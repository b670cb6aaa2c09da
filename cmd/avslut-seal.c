/*
 * avslut-seal -- seal a finished interview (sign it; it never changes
 * again), verify seals, and re-encrypt the store to its recipients.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "crypto.h"
#include "i18n.h"
#include "index.h"
#include "seal.h"
#include "store.h"

enum { O_VERIFY = 256, O_REENCRYPT, O_INCOMPLETE, O_REVIEWED, O_RECIPIENT };

static const struct option longopts[] = {
	AVS_CLI_LONGOPTS,
	{ "verify", no_argument, NULL, O_VERIFY },
	{ "reencrypt", no_argument, NULL, O_REENCRYPT },
	{ "allow-incomplete", no_argument, NULL, O_INCOMPLETE },
	{ "employee-reviewed", no_argument, NULL, O_REVIEWED },
	{ "local-user", required_argument, NULL, 'u' },
	{ "recipient", required_argument, NULL, O_RECIPIENT },
	{ NULL, 0, NULL, 0 }
};

static void
usage(FILE *f)
{
	fprintf(f, _("usage: %s [--allow-incomplete] [--employee-reviewed] "
	    "[-u FPR] ID\n"
	    "       %s --verify [ID ...]\n"
	    "       %s [-u FPR] --reencrypt [--recipient=FPR ...]\n"),
	    avs_progname, avs_progname, avs_progname);
}

/* Print o's line for id and warn of a failure; the worse status. */
static int
verified(const char *id, const struct avs_outcome *o, int all, int worst)
{
	if (o->verdict == AVS_V_SKIP)
		return worst;
	avs_cli_outcome(id, o);
	/* Checking all: what one cannot read is listed, not failed. */
	if (o->status == 0 || (o->verdict == AVS_V_UNREADABLE && all))
		return worst;
	if (o->verdict == AVS_V_FAILED)
		avs_warnx(_("record %s: seal check FAILED: %s"), id, o->why);
	else if (o->verdict == AVS_V_UNREADABLE)
		avs_warnx(_("record %s: cannot be checked: %s"), id, o->why);
	else
		avs_warnx(_("record %s: %s"), id, o->why);
	return avs_worse(worst, o->status);
}

static void
each(const char *id, const struct avs_outcome *o, void *arg)
{
	int *worst = arg;

	*worst = verified(id, o, 1, *worst);
}

static int
verify(struct avs_store *st, struct avs_crypto *c, char **named, int n)
{
	struct avs_err err = AVS_ERR_INIT;
	struct avs_outcome o;
	int i, worst = 0, hr;

	if (n == 0) {
		if (avs_seal_verify_all(st, c, each, &worst, &err) != 0)
			worst = avs_worse(worst, avs_report(&err));
		return worst;
	}
	hr = avs_seal_reader(st, c);
	for (i = 0; i < n; i++) {
		avs_seal_verify(st, c, named[i], 1, hr, &o);
		worst = verified(named[i], &o, 0, worst);
	}
	return worst;
}

static int
reencrypt(struct avs_store *st, struct avs_crypto *c, const char *governor,
    char **recipients, size_t nrecipients)
{
	struct avs_err err = AVS_ERR_INIT;
	struct avs_outcome o;
	char **ids;
	size_t n, i, done = 0, current = 0;
	int worst = 0;

	if ((nrecipients > 0 && avs_seal_set_recipients(st, c, governor,
	    recipients, nrecipients, &err) != 0) ||
	    avs_store_ids(st, &ids, &n, &err) != 0)
		return avs_report(&err);
	/* The report index is encrypted to the readers as they were: it
	 * goes, and the next report writes it for the readers now. */
	if (avs_ix_drop_all(st, &err) != 0) {
		avs_strv_free(ids);
		return avs_report(&err);
	}
	for (i = 0; i < n; i++) {
		avs_seal_reencrypt(st, c, ids[i], &o);
		avs_cli_outcome(ids[i], &o);
		if (o.verdict == AVS_V_REENCRYPTED)
			done++;
		else if (o.verdict == AVS_V_CURRENT)
			current++;
		else {
			avs_warnx(_("record %s: not re-encrypted: %s"), ids[i],
			    o.why);
			worst = avs_worse(worst, o.status);
		}
	}
	avs_strv_free(ids);
	if (done > 0 && avs_store_sync(st, &err) != 0)
		return avs_report(&err);
	avs_warnx(_("records: %zu, re-encrypted: %zu, already current: %zu, "
	    "not re-encrypted: %zu"), n, done, current, n - done - current);
	return worst;
}

static int
seal(struct avs_store *st, struct avs_crypto *c, const char *id,
    const struct avs_seal_opts *o)
{
	struct avs_err err = AVS_ERR_INIT;
	char by[AVS_FPRLEN + 1];

	if (avs_seal(st, c, id, o, by, &err) != 0)
		return avs_report(&err);
	return 0;
}

/* Parse a fingerprint option into a malloc'd, normalised copy. */
static int
fpr_arg(const char *opt, const char *arg, char **out)
{
	char fpr[AVS_FPRLEN + 1];

	if (avs_fpr_parse(arg, fpr) != 0)
		return avs_usage_error(_("%s: \"%.50s\" is not a full "
		    "fingerprint (40 hex digits)"), opt, arg);
	*out = avs_xstrdup(fpr);
	return 0;
}

int
main(int argc, char *argv[])
{
	struct avs_seal_opts so = { NULL, 0, 0 };
	struct avs_cli cli = { NULL, 0, 0 };
	struct avs_store *st = NULL;
	struct avs_crypto *c = NULL;
	char *sealer = NULL, **rcpt = NULL;
	size_t nrcpt = 0, i;
	int ch, rc = 0, do_verify = 0, do_reencrypt = 0;

	avs_init_program(argv[0]);
	avs_harden();
	opterr = 0;
	while ((ch = getopt_long(argc, argv, AVS_CLI_SHORTOPTS "u:", longopts,
	    NULL)) != -1) {
		if (avs_cli_common(&cli, ch))
			continue;
		switch (ch) {
		case O_VERIFY:
			do_verify = 1;
			break;
		case O_REENCRYPT:
			do_reencrypt = 1;
			break;
		case O_INCOMPLETE:
			so.allow_incomplete = 1;
			break;
		case O_REVIEWED:
			so.employee_reviewed = 1;
			break;
		case 'u':
			free(sealer);
			if ((rc = fpr_arg("--local-user", optarg,
			    &sealer)) != 0)
				goto done;
			break;
		case O_RECIPIENT:
			rcpt = avs_xreallocarray(rcpt, nrcpt + 2,
			    sizeof(*rcpt));
			rcpt[nrcpt + 1] = NULL;
			if ((rc = fpr_arg("--recipient", optarg,
			    &rcpt[nrcpt])) != 0)
				goto done;
			if (avs_lookup((const char *const *)rcpt,
			    rcpt[nrcpt]) < (int)nrcpt) {
				rc = avs_usage_error(_("--recipient: %s given "
				    "twice"), rcpt[nrcpt]);
				free(rcpt[nrcpt]);
				rcpt[nrcpt] = NULL;
				goto done;
			}
			nrcpt++;
			break;
		default:
			rc = avs_bad_option(ch, argv);
			goto done;
		}
	}
	argc -= optind;
	argv += optind;
	so.sealer = sealer;

	if ((rc = avs_cli_info(&cli, usage)) >= 0)
		goto out;
	rc = 0;
	if (do_verify && do_reencrypt) {
		rc = avs_usage_error(_("--verify and --reencrypt exclude each "
		    "other"));
		goto done;
	}
	if ((do_verify || do_reencrypt) && (so.allow_incomplete ||
	    so.employee_reviewed)) {
		rc = avs_usage_error(_("--allow-incomplete and "
		    "--employee-reviewed are for sealing only"));
		goto done;
	}
	if (sealer != NULL && (do_verify || (do_reencrypt && nrcpt == 0))) {
		rc = avs_usage_error(_("--local-user is for sealing, and for "
		    "signing the config that --recipient changes"));
		goto done;
	}
	if (nrcpt > 0 && !do_reencrypt) {
		rc = avs_usage_error(_("--recipient goes with --reencrypt"));
		goto done;
	}
	if (!do_verify && !do_reencrypt && argc == 0) {
		rc = avs_usage_error(_("which record? (give its id)"));
		goto done;
	}
	if (argc > (do_verify ? argc : do_reencrypt ? 0 : 1)) {
		rc = avs_usage_error(_("unexpected argument \"%.40s\""),
		    argv[do_reencrypt ? 0 : 1]);
		goto done;
	}
	if ((rc = avs_check_ids(argv, argc)) != 0)
		goto done;
	if ((rc = avs_cli_open(cli.store, 0, &c, &st)) != 0)
		goto done;
	/* One line per record as it is done, also into a pipe or file. */
	setvbuf(stdout, NULL, _IOLBF, 0);
	if (do_verify)
		rc = verify(st, c, argv, argc);
	else if (do_reencrypt)
		rc = reencrypt(st, c, sealer, rcpt, nrcpt);
	else
		rc = seal(st, c, argv[0], &so);
done:
	rc = avs_cli_exit(rc);
out:
	avs_crypto_free(c);
	avs_store_close(st);
	free(sealer);
	for (i = 0; i < nrcpt; i++)
		free(rcpt[i]);
	free(rcpt);
	return rc;
}
