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
#include "crypto.h"
#include "i18n.h"
#include "interview.h"
#include "store.h"
#include "yamlio.h"

static const struct option longopts[] = {
	{ "store", required_argument, NULL, 'S' },
	{ "answers", required_argument, NULL, 'a' },
	{ "lang", required_argument, NULL, 'l' },
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, 'V' },
	{ NULL, 0, NULL, 0 }
};

static void __attribute__((noreturn))
usage(void)
{
	printf(_("usage: %s [-S DIR] [--lang=LANG] ID\n"
	    "       %s [-S DIR] [--lang=LANG] ID --answers=FILE|-\n"
	    "On a terminal, asks the questions one by one; with --answers, "
	    "records the\nanswers of a YAML mapping of question id to answer. "
	    "Each answer is saved,\nencrypted, at once.\n"
	    "common: -S, --store=DIR  -h, --help  -V, --version\n"),
	    avs_progname, avs_progname);
	exit(avs_close_stdout());
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
	struct avs_store *st = NULL;
	struct avs_crypto *c = NULL;
	struct avs_interview *iv = NULL;
	const char *dir = NULL, *answers = NULL, *name = NULL, *lang = NULL;
	int ch, rc;

	avs_init_program(argv[0]);
	avs_harden();
	opterr = 0;
	while ((ch = getopt_long(argc, argv, ":S:a:l:hV", longopts, NULL)) != -1) {
		switch (ch) {
		case 'S':
			dir = optarg;
			break;
		case 'a':
			answers = optarg;
			break;
		case 'l':
			lang = optarg;
			break;
		case 'h':
			usage();
		case 'V':
			printf("avslut-ask %s\n", VERSION);
			return avs_close_stdout();
		default:
			return avs_bad_option(ch, argv);
		}
	}
	argc -= optind;
	argv += optind;
	if (argc != 1)
		return avs_usage_error(argc == 0 ? _("which record? (give its id)") : _("one record at a time"));
	if (!avs_id_valid(argv[0])) {
		avs_warnx(_("invalid record id \"%.40s\""), argv[0]);
		return AVS_EUSAGE;
	}
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
	if ((rc = avs_store_open(dir, &st, &err)) != 0 ||
	    (rc = avs_crypto_init(&err)) != 0 ||
	    (rc = avs_crypto_new(&c, &err)) != 0 ||
	    (rc = avs_iv_open(st, c, argv[0], "avslut-ask", &iv, &err)) != 0 ||
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
	if (rc != 0)
		return avs_report(&err);
	return avs_close_stdout();
}
