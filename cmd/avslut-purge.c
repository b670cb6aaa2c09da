/*
 * avslut-purge -- discard records past their retention (from cron), or
 * named records now, keeping the purge log.  Needs no key: it reads only
 * the plaintext metadata header of each record file.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "codes.h"
#include "i18n.h"
#include "purge.h"
#include "store.h"

enum { O_DRY_RUN = 256, O_AS_OF, O_FORCE, O_WHY };

static const struct option longopts[] = {
	AVS_CLI_LONGOPTS,
	{ "verbose", no_argument, NULL, 'v' },
	{ "dry-run", no_argument, NULL, O_DRY_RUN },
	{ "as-of", required_argument, NULL, O_AS_OF },
	{ "force", no_argument, NULL, O_FORCE },
	{ "why", required_argument, NULL, O_WHY },
	{ NULL, 0, NULL, 0 }
};

static void
usage(FILE *f)
{
	fprintf(f, _("usage: %s [-v] [--dry-run] [--as-of=DATE]\n"
	    "       %s [-v] [--dry-run] [--as-of=DATE]\n"
	    "           [--force --why=begaran|felregistrerad|annan] ID ...\n"),
	    avs_progname, avs_progname);
}

struct out {
	int print;		/* list discarded records on stdout */
};

static void
list(const struct avs_purge_item *it, void *arg)
{
	const struct out *o = arg;

	if (o->print)
		printf("%s %s %s %s\n", it->id, avs_state_names[it->state],
		    avs_purge_rule_label(it), it->due_str);
}

static void
note(const struct avs_err *e, void *arg)
{
	(void)arg;
	avs_warnx("%s", e->msg);
}

int
main(int argc, char *argv[])
{
	struct avs_err err = AVS_ERR_INIT;
	struct avs_cli cli = { NULL, 0, 0 };
	struct avs_store *st = NULL;
	struct avs_crypto *c = NULL;
	struct avs_purge p;
	struct out o = { 0 };
	const char *asof = NULL;
	char jb[64];
	int ch, rc = 0, verbose = 0;

	avs_init_program(argv[0]);
	memset(&p, 0, sizeof(p));
	opterr = 0;
	while ((ch = getopt_long(argc, argv, AVS_CLI_SHORTOPTS "v", longopts,
	    NULL)) != -1) {
		if (avs_cli_common(&cli, ch))
			continue;
		switch (ch) {
		case 'v':
			verbose = 1;
			break;
		case O_DRY_RUN:
			p.dry_run = 1;
			break;
		case O_AS_OF:
			asof = optarg;
			break;
		case O_FORCE:
			p.force = 1;
			break;
		case O_WHY:
			p.why = optarg;
			break;
		default:
			return avs_bad_option(ch, argv);
		}
	}
	argc -= optind;
	argv += optind;
	if ((rc = avs_cli_info(&cli, usage)) >= 0)
		return rc;

	p.asof = avs_today();
	if (asof != NULL && avs_date_parse(asof, &p.asof) != 0)
		return avs_usage_error(_("--as-of: \"%.40s\" is not a date "
		    "(YYYY-MM-DD)"), asof);
	/* A date ahead would discard records before their time. */
	if (p.asof > avs_today() && !p.dry_run) {
		avs_warnx(_("--as-of %s is after today: only --dry-run may "
		    "look ahead"), asof);
		return AVS_EPOLICY;
	}
	if (p.force && argc == 0)
		return avs_usage_error(_("--force needs the ids of the records "
		    "to discard"));
	if (p.force && p.why == NULL)
		return avs_usage_error(_("--force needs a reason: --why=%s"),
		    avs_join(avs_why_values, "|", jb, sizeof(jb)));
	if (p.why != NULL && !p.force)
		return avs_usage_error(_("--why goes with --force"));
	if (p.why != NULL && avs_lookup(avs_why_values, p.why) < 0)
		/* Not repeated: it may be free text about someone. */
		return avs_usage_error(_("--why takes a code, one of %s, "
		    "never free text"), avs_join(avs_why_values, ", ", jb,
		    sizeof(jb)));
	if ((rc = avs_check_ids(argv, argc)) != 0)
		return rc;

	o.print = p.dry_run || verbose;
	p.list = list;
	p.note = note;
	p.arg = &o;
	if ((rc = avs_cli_open(cli.store, AVS_CLI_KEYLESS, &c, &st)) == 0) {
		rc = argc > 0 ? avs_purge_ids(st, c, &p, argv, (size_t)argc,
		    &err) : avs_purge_sweep(st, c, &p, &err);
		rc = rc != 0 ? avs_report(&err) : p.status;
	}
	avs_store_close(st);
	avs_crypto_free(c);
	return avs_cli_exit(rc);
}
