/*
 * avslut-purge -- discard records past their retention (from cron), or
 * named records now, keeping the purge log.  Needs no key: it reads only
 * the plaintext metadata header of each record file.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "purge.h"
#include "store.h"
#include "text.h"

enum { O_DRY_RUN = 256, O_AS_OF, O_FORCE };

static const struct option longopts[] = {
	{ "store", required_argument, NULL, 'S' },
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, 'V' },
	{ "verbose", no_argument, NULL, 'v' },
	{ "dry-run", no_argument, NULL, O_DRY_RUN },
	{ "as-of", required_argument, NULL, O_AS_OF },
	{ "force", no_argument, NULL, O_FORCE },
	{ NULL, 0, NULL, 0 }
};

static void __attribute__((noreturn))
usage(int status)
{
	FILE *f = status == 0 ? stdout : stderr;

	fprintf(f, _("usage: %s [-v] [--dry-run] [--as-of=DATE]\n"
	    "       %s [-v] [--dry-run] [--as-of=DATE] [--force] ID ...\n"
	    "common: -S, --store=DIR  -h, --help  -V, --version\n"),
	    avs_progname, avs_progname);
	exit(status);
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
	struct avs_store *st = NULL;
	struct avs_purge p;
	struct out o = { 0 };
	const char *dir = NULL, *asof = NULL;
	int ch, i, rc = 0, verbose = 0;

	avs_init_program(argv[0]);
	memset(&p, 0, sizeof(p));
	opterr = 0;
	while ((ch = getopt_long(argc, argv, ":S:hVv", longopts, NULL)) != -1) {
		switch (ch) {
		case 'S':
			dir = optarg;
			break;
		case 'h':
			usage(0);
		case 'V':
			printf("avslut-purge %s\n", VERSION);
			return avs_close_stdout();
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
		default:
			return avs_bad_option(ch, argv);
		}
	}
	argc -= optind;
	argv += optind;

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
	for (i = 0; i < argc; i++)
		if (!avs_id_valid(argv[i])) {
			struct avs_buf shown = AVS_BUF_INIT;

			/* Whatever was typed, one safe line. */
			avs_text_safe(&shown, argv[i], 0);
			avs_warnx(_("invalid record id \"%.40s\""), shown.p);
			avs_buf_free(&shown);
			return AVS_EUSAGE;
		}

	o.print = p.dry_run || verbose;
	p.list = list;
	p.note = note;
	p.arg = &o;
	if ((rc = avs_store_open(dir, &st, &err)) == 0)
		rc = argc > 0 ? avs_purge_ids(st, &p, argv, (size_t)argc,
		    &err) : avs_purge_sweep(st, &p, &err);
	rc = rc != 0 ? avs_report(&err) : p.status;
	avs_store_close(st);
	ch = avs_close_stdout();
	return rc != 0 ? rc : ch;
}
