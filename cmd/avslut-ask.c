/*
 * avslut-ask -- hold the interview: interactively on a terminal, or from
 * a YAML answers file for scripts.  Every answer is saved encrypted.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "askui.h"
#include "cli.h"
#include "crypto.h"
#include "fsio.h"
#include "i18n.h"
#include "interview.h"
#include "store.h"

static const struct option longopts[] = {
	AVS_CLI_LONGOPTS,
	{ "answers", required_argument, NULL, 'a' },
	{ "lang", required_argument, NULL, 'l' },
	{ NULL, 0, NULL, 0 }
};

static void
usage(FILE *f)
{
	fprintf(f, _("usage: %s [-S DIR] [--lang=LANG] ID\n"
	    "       %s [-S DIR] [--lang=LANG] ID --answers=FILE|-\n"
	    "On a terminal, asks the questions one by one; with --answers, "
	    "records the\nanswers of a YAML mapping of question id to answer. "
	    "Each answer is saved,\nencrypted, at once.\n"),
	    avs_progname, avs_progname);
}

static int
scripted(struct avs_interview *iv, const char *file,
    const struct avs_buf *data, struct avs_err *err)
{
	int rc;

	if ((rc = avs_iv_answers(iv, file, data->p, data->len, err)) != 0)
		return rc;
	return avs_iv_save(iv, err);
}

int
main(int argc, char *argv[])
{
	struct avs_err err = AVS_ERR_INIT;
	struct avs_buf data = AVS_BUF_INIT;
	struct avs_cli cli = { NULL, 0, 0 };
	struct avs_store *st = NULL;
	struct avs_crypto *c = NULL;
	struct avs_interview *iv = NULL;
	const char *answers = NULL, *name = NULL, *lang = NULL;
	int ch, rc;

	avs_init_program(argv[0]);
	avs_harden();
	opterr = 0;
	while ((ch = getopt_long(argc, argv, AVS_CLI_SHORTOPTS "a:l:", longopts,
	    NULL)) != -1) {
		if (avs_cli_common(&cli, ch))
			continue;
		switch (ch) {
		case 'a':
			answers = optarg;
			break;
		case 'l':
			lang = optarg;
			break;
		default:
			return avs_bad_option(ch, argv);
		}
	}
	argc -= optind;
	argv += optind;
	if ((rc = avs_cli_info(&cli, usage)) >= 0)
		return rc;
	if (argc != 1)
		return avs_usage_error(argc == 0 ?
		    _("which record? (give its id)") :
		    _("one record at a time"));
	if ((rc = avs_check_ids(argv, argc)) != 0)
		return rc;
	if (answers == NULL && (!isatty(STDIN_FILENO) ||
	    !isatty(STDOUT_FILENO))) {
		avs_warnx(_("not a terminal: give the answers with "
		    "--answers=FILE|-"));
		return AVS_EUSAGE;
	}
	/* Read the answers before touching the record. */
	if (answers != NULL) {
		name = strcmp(answers, "-") == 0 ? _("(stdin)") : answers;
		if ((rc = avs_read_file(strcmp(answers, "-") == 0 ?
		    "/dev/stdin" : answers, 4 * 1024 * 1024, &data, &err)) != 0)
			goto done;
	}
	if ((rc = avs_cli_open(cli.store, 0, &c, &st)) != 0) {
		avs_buf_free(&data);
		avs_crypto_free(c);
		return avs_cli_exit(rc);
	}
	if ((rc = avs_iv_open(st, c, argv[0], "avslut-ask", &iv, &err)) != 0 ||
	    (rc = avs_iv_language(iv, lang, &err)) != 0)
		goto done;
	if (answers != NULL)
		rc = scripted(iv, name, &data, &err);
	else
		rc = avs_ask_interactive(iv, &err);
done:
	avs_iv_close(iv);
	avs_crypto_free(c);
	avs_store_close(st);
	avs_buf_free(&data);
	return avs_cli_exit(rc != 0 ? avs_report(&err) : 0);
}
