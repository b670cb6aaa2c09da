/*
 * avslut-report -- reports for management that expose no one: counts and
 * answer distributions by group with disclosure control (text, CSV,
 * HTML); one record for its reader (--show); a listing (--list).
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "crypto.h"
#include "fold.h"
#include "fsio.h"
#include "i18n.h"
#include "index.h"
#include "pending.h"
#include "pool.h"
#include "render.h"
#include "seal.h"
#include "report.h"
#include "show.h"
#include "store.h"
#include "text.h"

enum { O_SINCE = 256, O_UNTIL, O_MONTH, O_BY, O_FORMAT, O_MIN_GROUP,
    O_ANSWERS, O_SHOW, O_LIST, O_BOM, O_QUESTIONS, O_JOBS, O_DATE, O_MATCH,
    O_STATE, O_PENDING, O_REBUILD_INDEX, O_NO_INDEX };

static const struct option longopts[] = {
	AVS_CLI_LONGOPTS,
	{ "since", required_argument, NULL, O_SINCE },
	{ "until", required_argument, NULL, O_UNTIL },
	{ "month", required_argument, NULL, O_MONTH },
	{ "by", required_argument, NULL, O_BY },
	{ "format", required_argument, NULL, O_FORMAT },
	{ "min-group", required_argument, NULL, O_MIN_GROUP },
	{ "answers", no_argument, NULL, O_ANSWERS },
	{ "show", required_argument, NULL, O_SHOW },
	{ "list", no_argument, NULL, O_LIST },
	{ "bom", no_argument, NULL, O_BOM },
	{ "questions", required_argument, NULL, O_QUESTIONS },
	{ "jobs", required_argument, NULL, O_JOBS },
	{ "date", required_argument, NULL, O_DATE },
	{ "match", required_argument, NULL, O_MATCH },
	{ "state", required_argument, NULL, O_STATE },
	{ "output", required_argument, NULL, 'o' },
	{ "pending", no_argument, NULL, O_PENDING },
	{ "rebuild-index", no_argument, NULL, O_REBUILD_INDEX },
	{ "no-index", no_argument, NULL, O_NO_INDEX },
	{ NULL, 0, NULL, 0 }
};

static void
usage(FILE *f)
{
	fprintf(f, _("usage: %s [-o FILE] [--since=DATE] [--until=DATE]\n"
	    "              [--month=YYYY-MM|last] [--date=leaving|interview]\n"
	    "              [--by=unit|workplace|reason|employment|tenure|"
	    "quarter]...\n"
	    "              [--format=text|csv|html] [--min-group=N] "
	    "[--answers] [--bom]\n"
	    "              [--questions=SET] [--jobs=N] "
	    "[--rebuild-index|--no-index]\n"
	    "       %s --show=ID [-o FILE] [--format=text|yaml]\n"
	    "       %s --list [-o FILE] [--since=DATE] [--until=DATE]\n"
	    "              [--date=leaving|interview] [--match=TEXT]\n"
	    "              [--state=planned|in-progress|sealed|declined]...\n"
	    "              [--format=text|csv] [--bom]\n"
	    "       %s --pending [-o FILE] [--format=text|csv] [--bom]\n"),
	    avs_progname, avs_progname, avs_progname, avs_progname);
}

/* The order of enum avs_datekind. */
static const char *const date_names[] = { "leaving", "interview", NULL };

struct opts {
	struct avs_report_opts o;
	struct avs_cli cli;
	const char *format, *show, *month, *questions;
	char match[201];	/* --list: a name, as given; "" none */
	const char *output;	/* -o FILE; NULL: standard output */
	unsigned states;	/* --list: 1 << state; 0: every one */
	long min_group;		/* 0: the store's */
	int list, pending, bom, jobs;
	int index;		/* -1: none, 0: read and write, 1: rebuild */
	int reader;		/* the caller holds a store recipient's key */
};

/* --- the three modes ------------------------------------------------- */

static void
warn_bad(const char *msg, void *arg)
{
	(void)arg;
	avs_warnx("%s", msg);
}

static void
add_report(const struct avs_record *r, void *arg)
{
	avs_report_add(arg, r);
}

struct listing {
	struct avs_listing *l;
	const struct avs_report_opts *o;
};

static void
add_listing(const struct avs_record *r, void *arg)
{
	struct listing *ls = arg;

	if (avs_report_in_period(ls->o, r))
		avs_listing_add(ls->l, r);
}

/* Say why a scan stopped; a key that stayed locked without a terminal
 * gets the way out. */
static int
scan_failed(const struct avs_scan *res, const struct avs_err *err)
{
	const char *pf = getenv("AVSLUT_PASSPHRASE_FILE");

	if (res->locked && !isatty(STDIN_FILENO) && (pf == NULL || *pf == '\0'))
		avs_warnx(_("%s (no terminal to ask for the passphrase: "
		    "unlock the key in gpg-agent or set "
		    "AVSLUT_PASSPHRASE_FILE)"), err->msg);
	else
		avs_report(err);
	return err->status;
}

static void
note_unreadable(const struct avs_scan *res)
{
	if (res->nunreadable > 0)
		avs_warnx(ngettext("%zu record could not be read with your "
		    "keys", "%zu records could not be read with your keys",
		    res->nunreadable), res->nunreadable);
}

/* Write out where it goes (-o FILE, else standard output) and free it;
 * the exit status rc of the run, unless writing the file failed. */
static int
put(const struct opts *op, struct avs_buf *out, int rc)
{
	struct avs_err err = AVS_ERR_INIT;

	if (op->output == NULL)
		fwrite(out->p != NULL ? out->p : "", 1, out->len, stdout);
	else if (avs_write_output(op->output, out->p != NULL ? out->p : "",
	    out->len, &err) != 0)
		rc = avs_report(&err);
	avs_buf_free(out);
	return rc;
}

/* The width of text: a file's is COLUMNS, else 80, as a pipe's. */
static size_t
width(const struct opts *op)
{
	return avs_term_width(op->output != NULL ? -1 : STDOUT_FILENO);
}

static int
report(struct avs_store *st, struct avs_crypto *c, struct opts *op)
{
	struct avs_err err = AVS_ERR_INIT;
	struct avs_buf out = AVS_BUF_INIT;
	struct avs_qset *qs = NULL;
	struct avs_report *rp;
	struct avs_scan res;
	struct avs_scan_cbs cbs = { add_report, warn_bad, NULL, 0 };
	const char *marking = avs_store_config(st)->marking;
	int rc;

	if (avs_store_qset(st, c, op->questions, &qs, &err) != 0)
		return avs_report(&err);
	rp = avs_report_new(&op->o, qs, avs_qset_default_lang(qs));
	cbs.arg = rp;
	cbs.reader = op->reader;
	/* The index holds no free text, and only HR can read it. */
	if (op->reader && !op->o.answers && op->index >= 0)
		rc = avs_ix_scan(st, c, "avslut-report", op->jobs,
		    op->index > 0 ? AVS_IX_REBUILD : 0, &cbs, &res, &err);
	else
		rc = avs_scan(st, "avslut-report", op->jobs, &cbs, &res, &err);
	if (rc != 0) {
		avs_report_free(rp);
		avs_qset_free(qs);
		return scan_failed(&res, &err);
	}
	rp->nunreadable = res.nunreadable;
	rp->nbad = res.nbad;
	avs_report_finish(rp);
	if (strcmp(op->format, "csv") == 0)
		avs_render_csv(rp, op->bom, &out);
	else if (strcmp(op->format, "html") == 0)
		avs_render_html(rp, marking, &out);
	else
		avs_render_text(rp, marking, width(op), &out);
	rc = put(op, &out, res.nbad > 0 ? AVS_EINTEGRITY : 0);
	note_unreadable(&res);
	avs_report_free(rp);
	avs_qset_free(qs);
	return rc;
}

/* Scan the store as command, handing each record to cbs, then write
 * what render makes of obj: --list and --pending. */
static int
scan_out(struct avs_store *st, const struct opts *op, const char *command,
    struct avs_scan_cbs *cbs, void (*render)(void *obj, const struct opts *op,
    struct avs_buf *out), void *obj)
{
	struct avs_err err = AVS_ERR_INIT;
	struct avs_buf out = AVS_BUF_INIT;
	struct avs_scan res;
	int rc;

	cbs->reader = op->reader;
	if (avs_scan(st, command, op->jobs, cbs, &res, &err) != 0)
		return scan_failed(&res, &err);
	render(obj, op, &out);
	rc = put(op, &out, res.nbad > 0 ? AVS_EINTEGRITY : 0);
	note_unreadable(&res);
	return rc;
}

static void
render_listing(void *obj, const struct opts *op, struct avs_buf *out)
{
	if (strcmp(op->format, "csv") == 0)
		avs_listing_csv(obj, op->bom, out);
	else
		avs_listing_text(obj, width(op), out);
}

static int
list(struct avs_store *st, struct opts *op)
{
	struct avs_listing *l = avs_listing_new();
	struct listing ls = { l, &op->o };
	struct avs_scan_cbs cbs = { add_listing, warn_bad, &ls, 0 };
	int rc;

	avs_listing_filter(l, op->states, op->match[0] != '\0' ? op->match :
	    NULL);
	rc = scan_out(st, op, "avslut-report --list", &cbs, render_listing, l);
	avs_listing_free(l);
	return rc;
}

static void
add_pending(const struct avs_record *r, void *arg)
{
	avs_pending_add(arg, r);
}

static void
render_pending(void *obj, const struct opts *op, struct avs_buf *out)
{
	if (strcmp(op->format, "csv") == 0)
		avs_pending_csv(obj, op->bom, out);
	else
		avs_pending_text(obj, width(op), out);
}

static int
pending(struct avs_store *st, struct opts *op)
{
	struct avs_pending *p = avs_pending_new(op->o.today,
	    avs_store_config(st)->in_progress_days);
	struct avs_scan_cbs cbs = { add_pending, warn_bad, p, 0 };
	int rc;

	rc = scan_out(st, op, "avslut-report --pending", &cbs, render_pending,
	    p);
	avs_pending_free(p);
	return rc;
}

static int
show(struct avs_store *st, struct avs_crypto *c, struct opts *op)
{
	struct avs_err err = AVS_ERR_INIT;
	struct avs_buf out = AVS_BUF_INIT;
	struct avs_scan res = { 0, 0, 0, 0 };
	int rc;

	if ((rc = avs_show(st, c, op->show, strcmp(op->format, "yaml") == 0,
	    &out, &err)) != 0) {
		res.locked = avs_crypto_locked(c);
		rc = scan_failed(&res, &err);
	} else
		rc = put(op, &out, 0);
	avs_buf_free(&out);
	return rc;
}

/* --- options ---------------------------------------------------------- */

static int
date_opt(const char *name, const char *arg, char *out)
{
	if (!avs_date_valid(arg))
		return avs_usage_error(_("--%s: \"%.40s\" is not a date "
		    "(YYYY-MM-DD)"), name, arg);
	memcpy(out, arg, AVS_DATELEN + 1);
	return 0;
}

static int
number_opt(const char *name, const char *arg, long min, long max, long *out)
{
	char *end;

	*out = strtol(arg, &end, 10);
	if (*arg == '\0' || *end != '\0' || *out < min || *out > max)
		return avs_usage_error(_("--%s: \"%.40s\" is not a number "
		    "from %ld to %ld"), name, arg, min, max);
	return 0;
}

static int
by_opt(struct opts *op, const char *arg)
{
	char jb[128];
	int d = avs_lookup(avs_dim_names, arg);
	size_t i;

	if (d < 0)
		return avs_usage_error(_("--by: \"%.40s\" is not one of %s"),
		    arg, avs_join(avs_dim_names, ", ", jb, sizeof(jb)));
	for (i = 0; i < op->o.nby; i++)
		if (op->o.by[i] == (enum avs_dim)d)
			return avs_usage_error(_("--by=%s given twice"), arg);
	op->o.by[op->o.nby++] = (enum avs_dim)d;
	return 0;
}

/* --state=STATE[,STATE]...: added to the mask. */
static int
state_opt(struct opts *op, const char *arg)
{
	char jb[128], one[32];
	const char *p = arg, *e;
	int s;

	do {
		e = p + strcspn(p, ",");
		s = -1;
		if ((size_t)(e - p) < sizeof(one)) {
			memcpy(one, p, (size_t)(e - p));
			one[e - p] = '\0';
			s = avs_lookup(avs_state_names, one);
		}
		if (s < 0)
			return avs_usage_error(_("--state: \"%.40s\" is not "
			    "one of %s"), arg, avs_join(avs_state_names, ", ",
			    jb, sizeof(jb)));
		op->states |= 1u << s;
		p = e + 1;
	} while (*e != '\0');
	return 0;
}

/* --match=TEXT: one line of text with more than spaces in it.  The
 * messages never quote it: it is a person's name, wiped from argv as
 * soon as it is copied, for ps(1) to show no more than a moment. */
static int
match_opt(struct opts *op, char *arg)
{
	struct avs_err err = AVS_ERR_INIT;
	struct avs_buf b = AVS_BUF_INIT;
	int empty;

	if (avs_text_check_line("--match", arg, 200, &err) != 0)
		return avs_usage_error("%s", err.msg);
	avs_fold(&b, arg);
	empty = b.len == 0;
	avs_buf_free(&b);
	if (empty)
		return avs_usage_error(_("--match: empty"));
	memcpy(op->match, arg, strlen(arg) + 1);
	avs_wipe(arg, strlen(arg));
	return 0;
}

/* What each mode accepts. */
static int
check(struct opts *op, int given_report_only)
{
	static const char *const formats[][4] = {
		{ "text", "csv", "html", NULL },	/* report */
		{ "text", "yaml", NULL, NULL },		/* --show */
		{ "text", "csv", NULL, NULL },		/* --list */
		{ "text", "csv", NULL, NULL } };	/* --pending */
	static const char *const with[] = { "", N_(" with --show"),
	    N_(" with --list"), N_(" with --pending") };
	int mode = op->show != NULL ? 1 : op->list ? 2 : op->pending ? 3 : 0;
	char jb[64];

	if ((op->show != NULL) + op->list + op->pending > 1)
		return avs_usage_error(_("--show, --list and --pending exclude "
		    "each other"));
	if (op->format == NULL)
		op->format = "text";
	if (avs_lookup(formats[mode], op->format) < 0)
		return avs_usage_error(_("--format: \"%.20s\" is not one of %s"
		    "%s"), op->format, avs_join(formats[mode], ", ", jb,
		    sizeof(jb)), mode == 0 ? "" : _(with[mode]));
	if (mode != 0 && given_report_only)
		return avs_usage_error(_("--by, --answers, --min-group, "
		    "--questions and the index options are for the report, "
		    "not --show, --list or --pending"));
	if (mode != 2 && (op->match[0] != '\0' || op->states != 0))
		return avs_usage_error(_("--match and --state are for "
		    "--list"));
	if ((mode == 1 || mode == 3) && (op->o.since[0] || op->o.until[0] ||
	    op->month || op->o.date != AVS_DATE_LEAVING))
		return avs_usage_error(_("%s takes no period"), mode == 1 ?
		    "--show" : "--pending");
	if (op->bom && strcmp(op->format, "csv") != 0)
		return avs_usage_error(_("--bom is only for --format=csv"));
	if (op->month != NULL && (op->o.since[0] || op->o.until[0]))
		return avs_usage_error(_("--month excludes --since and "
		    "--until"));
	if (op->o.since[0] && op->o.until[0] &&
	    strcmp(op->o.since, op->o.until) > 0)
		return avs_usage_error(_("--since %s is after --until %s"),
		    op->o.since, op->o.until);
	if (op->show != NULL && !avs_id_valid(op->show))
		return avs_usage_error(_("invalid record id \"%.40s\""),
		    op->show);
	return 0;
}

static int
run(struct opts *op)
{
	struct avs_store *st = NULL;
	struct avs_crypto *c = NULL;
	const struct avs_config *cfg;
	int rc;

	if ((rc = avs_cli_open(op->cli.store, 0, &c, &st)) != 0)
		goto done;
	cfg = avs_store_config(st);
	if (op->min_group != 0 && op->min_group < cfg->min_group) {
		avs_warnx(_("--min-group=%ld is below the store's minimum group "
		    "size %ld (min-group in %s/config)"), op->min_group,
		    cfg->min_group, avs_store_dir(st));
		rc = AVS_EPOLICY;
		goto done;
	}
	op->o.min_group = op->min_group != 0 ? op->min_group : cfg->min_group;
	op->o.disclosure = (enum avs_disclosure)cfg->disclosure;
	op->reader = op->show == NULL && avs_seal_reader(st, c);
	if (op->show != NULL)
		rc = show(st, c, op);
	else if (op->list)
		rc = list(st, op);
	else if (op->pending)
		rc = pending(st, op);
	else
		rc = report(st, c, op);
done:
	avs_store_close(st);
	avs_crypto_free(c);
	return rc;
}

int
main(int argc, char *argv[])
{
	struct opts op;
	struct avs_err err = AVS_ERR_INIT;
	long n;
	int ch, rc = 0, report_only = 0;

	avs_init_program(argv[0]);
	avs_harden();
	memset(&op, 0, sizeof(op));
	op.jobs = avs_scan_jobs();
	opterr = 0;
	while ((ch = getopt_long(argc, argv, AVS_CLI_SHORTOPTS "o:", longopts,
	    NULL)) != -1) {
		if (avs_cli_common(&op.cli, ch))
			continue;
		switch (ch) {
		case O_SINCE:
			rc = date_opt("since", optarg, op.o.since);
			break;
		case O_UNTIL:
			rc = date_opt("until", optarg, op.o.until);
			break;
		case O_MONTH:
			op.month = optarg;
			break;
		case O_BY:
			rc = by_opt(&op, optarg);
			report_only = 1;
			break;
		case O_FORMAT:
			op.format = optarg;
			break;
		case O_MIN_GROUP:
			rc = number_opt("min-group", optarg, 1, 1000,
			    &op.min_group);
			report_only = 1;
			break;
		case O_ANSWERS:
			op.o.answers = report_only = 1;
			break;
		case O_SHOW:
			op.show = optarg;
			break;
		case O_LIST:
			op.list = 1;
			break;
		case O_PENDING:
			op.pending = 1;
			break;
		case O_BOM:
			op.bom = 1;
			break;
		case O_QUESTIONS:
			op.questions = optarg;
			report_only = 1;
			break;
		case O_REBUILD_INDEX:
			op.index = 1;
			report_only = 1;
			break;
		case O_NO_INDEX:
			op.index = -1;
			report_only = 1;
			break;
		case O_DATE:
			if ((n = avs_lookup(date_names, optarg)) < 0)
				rc = avs_usage_error(_("--date: \"%.20s\" is not "
				    "leaving or interview"), optarg);
			else
				op.o.date = (enum avs_datekind)n;
			break;
		case 'o':
			if (*optarg == '\0')
				rc = avs_usage_error(_("-o: no file name"));
			else if (strcmp(optarg, "-") != 0)
				op.output = optarg;
			break;
		case O_MATCH:
			rc = match_opt(&op, optarg);
			break;
		case O_STATE:
			rc = state_opt(&op, optarg);
			break;
		case O_JOBS:
			if ((rc = number_opt("jobs", optarg, 1, 64, &n)) == 0)
				op.jobs = (int)n;
			break;
		default:
			return avs_bad_option(ch, argv);
		}
		if (rc != 0)
			return rc;
	}
	argc -= optind;
	argv += optind;
	if ((rc = avs_cli_info(&op.cli, usage)) >= 0)
		return rc;
	if (argc > 0)
		return avs_usage_error(_("unexpected argument \"%.40s\""),
		    argv[0]);
	if ((rc = check(&op, report_only)) != 0)
		return rc;
	/* Before any record is decrypted for nothing. */
	if (op.output != NULL && (rc = avs_output_check(op.output, &err)) != 0)
		return avs_report(&err);
	if (op.month != NULL && (rc = avs_month_range(op.month, op.o.since,
	    op.o.until, &err)) != 0)
		return avs_usage_error("%s", err.msg);
	avs_today_str(op.o.today);
	rc = run(&op);
	avs_wipe(op.match, sizeof(op.match));
	return avs_cli_exit(rc);
}
