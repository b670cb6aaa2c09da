/*
 * avslut-new -- create a store, register exit interviews (one, declined,
 * or many from CSV) and print the question guide for the employee.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "crypto.h"
#include "fsio.h"
#include "guide.h"
#include "import.h"
#include "regbatch.h"
#include "i18n.h"
#include "migrate.h"
#include "register.h"
#include "store.h"
#include "trust.h"

enum { O_INIT = 256, O_RECIPIENT, O_RETENTION, O_DECLINED, O_WHY, O_IMPORT,
    O_GUIDE, O_LANG, O_FORCE, O_QUESTIONS, O_MARKING, O_LANGUAGE, O_FACT,
    O_PIN, O_MIGRATE, O_CONFIG, O_AMEND, O_SEPARATOR, O_ENCODING, O_JOBS };

static const struct option longopts[] = {
	AVS_CLI_LONGOPTS,
	{ "init", no_argument, NULL, O_INIT },
	{ "recipient", required_argument, NULL, O_RECIPIENT },
	{ "retention-decision", required_argument, NULL, O_RETENTION },
	{ "marking", required_argument, NULL, O_MARKING },
	{ "language", required_argument, NULL, O_LANGUAGE },
	{ "declined", no_argument, NULL, O_DECLINED },
	{ "import", required_argument, NULL, O_IMPORT },
	{ "separator", required_argument, NULL, O_SEPARATOR },
	{ "encoding", required_argument, NULL, O_ENCODING },
	{ "jobs", required_argument, NULL, O_JOBS },
	{ "guide", no_argument, NULL, O_GUIDE },
	{ "force", no_argument, NULL, O_FORCE },
	{ "questions", required_argument, NULL, O_QUESTIONS },
	{ "lang", required_argument, NULL, O_LANG },
	{ "why", required_argument, NULL, O_WHY },
	{ "local-user", required_argument, NULL, 'u' },
	{ "pin", optional_argument, NULL, O_PIN },
	{ "migrate", no_argument, NULL, O_MIGRATE },
	{ "config", required_argument, NULL, O_CONFIG },
	{ "amend", required_argument, NULL, O_AMEND },
	/* The facts: index into avs_fact_fields by name. */
	{ "name", required_argument, NULL, O_FACT },
	{ "title", required_argument, NULL, O_FACT },
	{ "workplace", required_argument, NULL, O_FACT },
	{ "unit", required_argument, NULL, O_FACT },
	{ "employed-from", required_argument, NULL, O_FACT },
	{ "employed-to", required_argument, NULL, O_FACT },
	{ "employment", required_argument, NULL, O_FACT },
	{ "reason", required_argument, NULL, O_FACT },
	{ "interviewer", required_argument, NULL, O_FACT },
	{ "role", required_argument, NULL, O_FACT },
	{ "date", required_argument, NULL, O_FACT },
	{ NULL, 0, NULL, 0 }
};

static void
usage(FILE *f)
{
	fprintf(f, _("usage: %s --init --recipient=FPR... "
	    "[--retention-decision=REF]\n"
	    "              [--marking=TEXT] [--questions=SET] [--language=LANG]\n"
	    "       %s --name=NAME --title=TITLE --workplace=PLACE "
	    "[--unit=UNIT]\n"
	    "              --employed-from=DATE --employed-to=DATE\n"
	    "              --employment=tillsvidare|tidsbegransad|annan\n"
	    "              --reason=egen-begaran|pension|annan\n"
	    "              --interviewer=FPR|EMAIL "
	    "[--role=narmaste-chef|overordnad-chef|hr]\n"
	    "              [--date=DATE] [--questions=SET] [--lang=LANG] "
	    "[--force]\n"
	    "       %s --declined ...the facts of a registration...\n"
	    "              --why=avbojt|ej-antraffbar|ingen-samtalsledare|annan\n"
	    "       %s --amend=ID ...the facts to correct... [--force]\n"
	    "       %s --import=FILE.csv|- [--separator=,|;] [--jobs=N] "
	    "[--force]\n"
	    "              [--encoding=utf-8|windows-1252] [--questions=SET] "
	    "[--lang=LANG]\n"
	    "       %s --guide [--questions=SET] [--lang=LANG] [ID]\n"
	    "       %s --pin[=FPR]\n"
	    "       %s --config=FILE|-\n"
	    "       %s --migrate\n"
	    "HR's key: -u, --local-user=FPR (--init, registering, --config, "
	    "--migrate)\n"),
	    avs_progname, avs_progname, avs_progname, avs_progname,
	    avs_progname, avs_progname, avs_progname, avs_progname,
	    avs_progname);
}

/* Personal values on the command line are visible in ps(1): wipe them
 * from argv as soon as they are copied.  --import=- avoids the exposure. */
static char *
take_secret(char *arg)
{
	char *copy = avs_xstrdup(arg);

	avs_wipe(arg, strlen(arg));
	return copy;
}

/* The key that signs a new store's config: the one named, else the
 * first recipient whose secret key is here. */
static int
init_signer(struct avs_crypto *c, const struct avs_config *cfg,
    const char *want, char out[AVS_FPRLEN + 1], struct avs_err *err)
{
	size_t i;

	if (want != NULL) {
		memcpy(out, want, AVS_FPRLEN + 1);
		return 0;
	}
	for (i = 0; i < cfg->nrecipients; i++)
		if (avs_crypto_has_secret(c, cfg->recipients[i])) {
			memcpy(out, cfg->recipients[i], AVS_FPRLEN + 1);
			return 0;
		}
	return avs_fail(err, AVS_EUSAGE, "%s", _("--init: no recipient's "
	    "secret key is here to sign the store's config with; name the "
	    "governor's key with --local-user"));
}

static int
init_store(const char *dir, char **recipients, size_t n,
    const char *decision, const char *marking, const char *questions,
    const char *language, const char *governor)
{
	struct avs_err err = AVS_ERR_INIT;
	struct avs_config cfg;
	struct avs_crypto *c = NULL;
	struct avs_qset *qs = NULL;
	char fpr[AVS_FPRLEN + 1], signer[AVS_FPRLEN + 1];
	size_t i;
	int rc, k;

	if (n == 0) {
		avs_warnx(_("--init needs at least one --recipient"));
		return AVS_EUSAGE;
	}
	avs_config_defaults(&cfg);
	cfg.recipients = avs_xreallocarray(cfg.recipients, n + 1,
	    sizeof(char *));
	for (i = 0; i < n; i++) {
		if (avs_fpr_parse(recipients[i], fpr) != 0) {
			avs_warnx(_("--recipient: \"%.50s\" is not a full "
			    "fingerprint (40 hex digits)"), recipients[i]);
			avs_config_clear(&cfg);
			return AVS_EUSAGE;
		}
		cfg.recipients[i] = avs_xstrdup(fpr);
		cfg.recipients[i + 1] = NULL;
		cfg.nrecipients = i + 1;
	}
	for (k = 0; decision != NULL && k < AVS_NRULES; k++)
		cfg.retention[k].decision = avs_xstrdup(decision);
	if (marking != NULL) {
		free(cfg.marking);
		cfg.marking = avs_xstrdup(marking);
	}
	if (questions != NULL) {
		free(cfg.questions);
		cfg.questions = avs_xstrdup(questions);
	}
	/* Everything checked before the store exists. */
	if ((rc = avs_config_check(&cfg, &err)) == 0 &&
	    (rc = avs_store_qset(NULL, NULL, cfg.questions, &qs, &err)) == 0 &&
	    (rc = avs_config_set_lang(&cfg, qs, language, &err)) == 0 &&
	    (rc = avs_crypto_init(&err)) == 0 &&
	    (rc = avs_crypto_new(&c, &err)) == 0 &&
	    (rc = avs_crypto_check_keys(c,
	    (const char *const *)cfg.recipients, cfg.nrecipients,
	    AVS_USE_ENCRYPT, &err)) == 0 &&
	    (rc = init_signer(c, &cfg, governor, signer, &err)) == 0)
		rc = avs_store_init(dir, &cfg, c, signer, &err);
	avs_qset_free(qs);
	avs_crypto_free(c);
	avs_config_clear(&cfg);
	return rc != 0 ? avs_report(&err) : 0;
}

struct import {
	struct avs_regbatch *batch;
	const char *file;
	long registered;
};

/* Rows and notes are queued, and reported in their order once the rows
 * are registered in parallel. */
static int
import_row(const struct avs_facts *f, int declined, long line, void *arg,
    struct avs_err *err)
{
	(void)err;
	avs_regbatch_add(((struct import *)arg)->batch, f, declined, line);
	return 0;
}

static void
import_note(long line, int status, const char *msg, void *arg)
{
	avs_regbatch_note(((struct import *)arg)->batch, line, status, msg);
}

static void
import_id(long line, const char *id, void *arg)
{
	(void)line;
	printf("%s\n", id);
	((struct import *)arg)->registered++;
}

static void
import_say(long line, int status, const char *msg, void *arg)
{
	(void)status;
	avs_warnx("%s:%ld: %s", ((struct import *)arg)->file, line, msg);
}

static int
import_csv(struct avs_registrar *rg, struct avs_store *st,
    struct avs_crypto *c, const char *file, struct avs_import_opts *o,
    const struct avs_facts *defaults, int force, long jobs)
{
	struct avs_err err = AVS_ERR_INIT, rerr = AVS_ERR_INIT;
	struct avs_buf data = AVS_BUF_INIT;
	struct import im = { avs_regbatch_new(), NULL, 0 };
	struct avs_import_cb cb = { import_row, import_note, &im };
	struct avs_regbatch_cb rcb = { import_id, import_say, &im };
	int rc, rrc;

	im.file = strcmp(file, "-") == 0 ? _("(stdin)") : file;
	if ((rc = avs_read_file(strcmp(file, "-") == 0 ? "/dev/stdin" : file,
	    64 * 1024 * 1024, &data, &err)) != 0) {
		avs_regbatch_free(im.batch);
		return avs_report(&err);
	}
	o->cfg = avs_store_config(st);
	rc = avs_import(data.p, data.len, o, defaults, &cb, &err);
	avs_buf_free(&data);
	/* Line buffered: each id is out as soon as it is due. */
	setvbuf(stdout, NULL, _IOLBF, 0);
	rrc = avs_regbatch_run(im.batch, rg, c, force, jobs, &rcb, &rerr);
	avs_regbatch_free(im.batch);
	/* The file is named here: the library's message starts at "LINE:". */
	if (rc == AVS_EUSAGE && err.msg[0] != '\0') {
		avs_warnx("%s:%s", im.file, err.msg);
		return rc;
	}
	if (rrc == AVS_ERUN && im.registered == 0 && rerr.msg[0] != '\0')
		return avs_report(&rerr);
	if (im.registered > 0 && avs_store_sync(st, &err) != 0)
		return avs_report(&err);
	return avs_worse(rc, rrc);
}

static int
guide(struct avs_store *st, struct avs_crypto *c, const char *id,
    const char *qname, const char *lang)
{
	struct avs_err err = AVS_ERR_INIT;
	struct avs_buf out = AVS_BUF_INIT;
	int rc;

	if ((rc = avs_guide_for(st, c, id, qname, lang, &out, &err)) != 0)
		rc = avs_report(&err);
	else
		fwrite(out.p, 1, out.len, stdout);
	avs_buf_free(&out);
	return rc;
}

/* Pin fpr for the store, or (NULL) offer to pin its signer. */
static int
pin(const char *dir, const char *arg)
{
	struct avs_err err = AVS_ERR_INIT;
	struct avs_crypto *c = NULL;
	struct avs_store *st = NULL;
	char fpr[AVS_FPRLEN + 1], *path;
	int rc;

	if (arg == NULL) {
		rc = avs_cli_open(dir, 0, &c, &st);
		avs_store_close(st);
		avs_crypto_free(c);
		return rc;
	}
	if (avs_fpr_parse(arg, fpr) != 0)
		return avs_usage_error(_("--pin: \"%.50s\" is not a full "
		    "fingerprint (40 hex digits)"), arg);
	path = avs_store_path(dir);
	rc = avs_pins_add(path, fpr, &err);
	free(path);
	return rc != 0 ? avs_report(&err) : 0;
}

/* Replace the store's config with the one in file, signed. */
static int
set_config(const char *dir, const char *file, const char *governor)
{
	struct avs_err err = AVS_ERR_INIT;
	struct avs_buf data = AVS_BUF_INIT;
	struct avs_config cfg;
	struct avs_crypto *c = NULL;
	struct avs_store *st = NULL;
	const char *name = strcmp(file, "-") == 0 ? _("(stdin)") : file;
	char signer[AVS_FPRLEN + 1];
	int rc, parsed = 0;

	if ((rc = avs_read_file(strcmp(file, "-") == 0 ? "/dev/stdin" : file,
	    64 * 1024, &data, &err)) != 0 ||
	    (rc = avs_config_parse(name, 0, data.p, data.len, &cfg,
	    &err)) != 0) {
		rc = avs_report(&err);
		goto done;
	}
	parsed = 1;
	/* The config in the store may be what is to be mended. */
	if ((rc = avs_cli_open(dir, AVS_STORE_NEW_CONFIG, &c, &st)) != 0)
		goto done;
	if ((rc = avs_store_hr_key(st, c, governor, 1, signer, &err)) != 0 ||
	    (rc = avs_store_set_config(st, &cfg, c, signer, &err)) != 0)
		rc = avs_report(&err);
done:
	if (parsed)
		avs_config_clear(&cfg);
	avs_store_close(st);
	avs_crypto_free(c);
	avs_buf_free(&data);
	return rc;
}

static void
migrated(const char *id, const struct avs_outcome *o, void *arg)
{
	(void)arg;
	avs_cli_outcome(id, o);
}

static int
migrate(const char *dir, const char *governor)
{
	struct avs_err err = AVS_ERR_INIT;
	struct avs_crypto *c = NULL;
	struct avs_store *st = NULL;
	int rc;

	if ((rc = avs_cli_open(dir, AVS_STORE_LEGACY, &c, &st)) == 0) {
		/* One line per record as it is done. */
		setvbuf(stdout, NULL, _IOLBF, 0);
		if ((rc = avs_migrate(st, c, governor, migrated, NULL,
		    &err)) != 0)
			rc = avs_report(&err);
	}
	avs_store_close(st);
	avs_crypto_free(c);
	return rc;
}

static int
register_one(struct avs_registrar *rg, const struct avs_facts *f,
    int declined, int force)
{
	struct avs_err err = AVS_ERR_INIT;
	char id[AVS_IDLEN + 1];

	if (avs_register(rg, f, declined, force, 0, id, &err) != 0) {
		if (err.status == AVS_EPOLICY && !force)
			avs_warnx(_("%s (use --force to register anyway)"),
			    err.msg);
		else
			avs_report(&err);
		return err.status;
	}
	printf("%s\n", id);
	return 0;
}

static int
amend_one(struct avs_registrar *rg, const char *id,
    const struct avs_facts *f, int force)
{
	struct avs_err err = AVS_ERR_INIT;
	struct avs_amended a;

	if (avs_amend(rg, id, f, force, &a, &err) != 0) {
		if (a.ineligible)
			avs_warnx(_("%s (use --force to amend anyway)"),
			    err.msg);
		else
			avs_report(&err);
		return err.status;
	}
	if (a.sealed && a.corrections == 0)
		avs_warnx(_("record %s: nothing to correct: it holds these "
		    "values already"), id);
	printf("%s\n", id);
	return 0;
}

int
main(int argc, char *argv[])
{
	struct avs_err err = AVS_ERR_INIT;
	struct avs_facts f;
	struct avs_cli cli = { NULL, 0, 0 };
	struct avs_store *st = NULL;
	struct avs_crypto *c = NULL;
	struct avs_registrar *rg = NULL;
	struct avs_import_opts io = { 0, AVS_ENC_UTF8, NULL };
	char *decision = NULL, *import = NULL, *marking = NULL, *config = NULL;
	char *language = NULL, *amend = NULL;
	char **recipients = NULL, *secrets[16], *pin_arg = NULL;
	char governor[AVS_FPRLEN + 1], *local_user = NULL;
	size_t nrecipients = 0, nsecrets = 0, i;
	int ch, idx, init = 0, declined = 0, do_guide = 0, force = 0, rc = 0;
	int do_pin = 0, do_migrate = 0, sep_or_enc = 0;
	long jobs = 0;

	avs_init_program(argv[0]);
	avs_harden();
	memset(&f, 0, sizeof(f));
	opterr = 0;
	while ((ch = getopt_long(argc, argv, AVS_CLI_SHORTOPTS "u:", longopts,
	    &idx)) != -1) {
		if (avs_cli_common(&cli, ch))
			continue;
		switch (ch) {
		case 'u':
			if (avs_fpr_parse(optarg, governor) != 0) {
				rc = avs_usage_error(_("--local-user: \"%.50s\" "
				    "is not a full fingerprint (40 hex "
				    "digits)"), optarg);
				goto done;
			}
			local_user = governor;
			break;
		case O_PIN:
			do_pin = 1;
			pin_arg = optarg;
			break;
		case O_MIGRATE:
			do_migrate = 1;
			break;
		case O_CONFIG:
			config = optarg;
			break;
		case O_AMEND:
			amend = optarg;
			break;
		case O_INIT:
			init = 1;
			break;
		case O_RECIPIENT:
			recipients = avs_xreallocarray(recipients,
			    nrecipients + 1, sizeof(*recipients));
			recipients[nrecipients++] = optarg;
			break;
		case O_RETENTION:
			decision = optarg;
			break;
		case O_MARKING:
			marking = optarg;
			break;
		case O_LANGUAGE:
			language = optarg;
			break;
		case O_DECLINED:
			declined = 1;
			break;
		case O_WHY:
			f.why = optarg;
			break;
		case O_IMPORT:
			import = optarg;
			break;
		case O_SEPARATOR:
			if (strcmp(optarg, ",") != 0 && strcmp(optarg, ";") != 0) {
				rc = avs_usage_error(_("--separator: \"%.10s\" "
				    "is not , or ;"), optarg);
				goto done;
			}
			io.sep = *optarg;
			sep_or_enc = 1;
			break;
		case O_JOBS:
			if ((rc = avs_number_opt("jobs", optarg, 1, 1000,
			    &jobs)) != 0)
				goto done;
			sep_or_enc = 1;
			break;
		case O_ENCODING:
			if ((ch = avs_encoding_parse(optarg)) < 0) {
				rc = avs_usage_error(_("--encoding: \"%.20s\" "
				    "is not utf-8 or windows-1252"), optarg);
				goto done;
			}
			io.encoding = ch;
			sep_or_enc = 1;
			break;
		case O_GUIDE:
			do_guide = 1;
			break;
		case O_FORCE:
			force = 1;
			break;
		case O_QUESTIONS:
			f.questions = optarg;
			break;
		case O_LANG:
			f.lang = optarg;
			break;
		case O_FACT:
			if (nsecrets < 16 && avs_lookup((const char *const[])
			    { "name", "title", "workplace", "unit", NULL },
			    longopts[idx].name) >= 0)
				optarg = secrets[nsecrets++] =
				    take_secret(optarg);
			avs_facts_set(&f, longopts[idx].name, optarg);
			break;
		default:
			rc = avs_bad_option(ch, argv);
			goto done;
		}
	}
	argc -= optind;
	argv += optind;

	if ((rc = avs_cli_info(&cli, usage)) >= 0)
		goto out;
	rc = 0;
	if (init + (import != NULL) + do_guide + do_pin + do_migrate +
	    (config != NULL) + (amend != NULL) + (amend != NULL && declined) >
	    1) {
		rc = avs_usage_error(_("--init, --import, --guide, --pin, "
		    "--config, --migrate, --amend and --declined exclude each "
		    "other"));
		goto done;
	}
	if (local_user != NULL && (do_guide || do_pin)) {
		rc = avs_usage_error(_("--local-user is for --init, registering, "
		    "--config and --migrate"));
		goto done;
	}
	if ((do_pin || do_migrate || config != NULL) && argc > 0) {
		rc = avs_usage_error(_("unexpected argument \"%.40s\""),
		    argv[0]);
		goto done;
	}
	if (do_pin) {
		rc = pin(cli.store, pin_arg);
		goto done;
	}
	if (do_migrate) {
		rc = migrate(cli.store, local_user);
		goto done;
	}
	if (config != NULL) {
		rc = set_config(cli.store, config, local_user);
		goto done;
	}
	if (import != NULL && (declined || f.name || f.title || f.workplace ||
	    f.unit || f.from || f.to || f.employment || f.reason ||
	    f.interviewer || f.role || f.date || f.why)) {
		rc = avs_usage_error(_("with --import the facts come from the "
		    "CSV columns (only --questions, --lang and --force apply)"));
		goto done;
	}
	if (sep_or_enc && import == NULL) {
		rc = avs_usage_error(_("--separator, --encoding and --jobs are "
		    "for --import"));
		goto done;
	}
	if (language != NULL && !init) {
		rc = avs_usage_error(_("--language sets a new store's language, "
		    "with --init (for one interview: --lang)"));
		goto done;
	}
	if (argc > (do_guide ? 1 : 0)) {
		rc = avs_usage_error(_("unexpected argument \"%.40s\""),
		    argv[do_guide ? 1 : 0]);
		goto done;
	}
	if (init) {
		rc = init_store(cli.store, recipients, nrecipients, decision,
		    marking, f.questions, language, local_user);
		goto done;
	}
	if (do_guide && argc == 0) {
		/* The blank guide needs no store, but uses one if there is. */
		char *path = avs_store_path(cli.store);
		int exists = access(path, F_OK) == 0;

		free(path);
		if (exists && (rc = avs_cli_open(cli.store, 0, &c, &st)) != 0)
			goto done;
		rc = guide(st, c, NULL, f.questions, f.lang);
		goto done;
	}
	if (do_guide && (rc = avs_check_ids(argv, 1)) != 0)
		goto done;
	if (amend != NULL && (rc = avs_check_ids(&amend, 1)) != 0)
		goto done;
	if (amend != NULL && !(f.name || f.title || f.workplace || f.unit ||
	    f.from || f.to || f.employment || f.reason || f.interviewer ||
	    f.role || f.date || f.why || f.questions || f.lang)) {
		rc = avs_usage_error(_("--amend needs the facts to change"));
		goto done;
	}
	if (!do_guide && import == NULL && amend == NULL &&
	    (rc = avs_facts_check(&f, declined, &err)) != 0) {
		rc = avs_report(&err);
		goto done;
	}
	if ((rc = avs_cli_open(cli.store, 0, &c, &st)) != 0)
		goto done;
	if (do_guide) {
		rc = guide(st, c, argv[0], f.questions, f.lang);
		goto done;
	}
	if ((rc = avs_registrar_new(st, c, local_user, &rg, &err)) != 0) {
		rc = avs_report(&err);
		goto done;
	}
	if (import != NULL) {
		if ((rc = avs_registrar_preload(rg, f.questions, &err)) != 0)
			rc = avs_report(&err);
		else
			rc = import_csv(rg, st, c, import, &io, &f, force, jobs);
	} else if (amend != NULL)
		rc = amend_one(rg, amend, &f, force);
	else
		rc = register_one(rg, &f, declined, force);
done:
	rc = avs_cli_exit(rc);
out:
	avs_registrar_free(rg);
	avs_crypto_free(c);
	avs_store_close(st);
	for (i = 0; i < nsecrets; i++)
		avs_sfree(secrets[i]);
	free(recipients);
	return rc;
}
