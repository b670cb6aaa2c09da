/*
 * cli.c -- the skeleton of the mains (cli.h).
 */
#include <errno.h>
#include <locale.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>

#include "cli.h"
#include "editor.h"
#include "i18n.h"
#include "paths.h"
#include "record.h"
#include "text.h"

void
avs_init_program(const char *argv0)
{
	const char *p, *dir;

	if (argv0 != NULL && *argv0 != '\0') {
		p = strrchr(argv0, '/');
		avs_progname = p != NULL ? p + 1 : argv0;
	}
	umask(077);
	setlocale(LC_ALL, "");
	dir = getenv("AVSLUT_LOCALEDIR");
	bindtextdomain(AVS_TEXTDOMAIN, dir != NULL && *dir != '\0' ?
	    dir : LOCALEDIR);
	bind_textdomain_codeset(AVS_TEXTDOMAIN, "UTF-8");
	textdomain(AVS_TEXTDOMAIN);
	/* What a killed editor session left in memory-backed storage. */
	avs_editor_sweep();
}

void
avs_harden(void)
{
	struct rlimit rl = { 0, 0 };

	setrlimit(RLIMIT_CORE, &rl);
	prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
}

int
avs_cli_common(struct avs_cli *cli, int ch)
{
	switch (ch) {
	case 'S':
		cli->store = optarg;
		return 1;
	case 'h':
		cli->help = 1;
		return 1;
	case 'V':
		cli->version = 1;
		return 1;
	default:
		return 0;
	}
}

int
avs_cli_info(const struct avs_cli *cli, void (*usage)(FILE *f))
{
	if (cli->help) {
		usage(stdout);
		fputs(_("common: -S, --store=DIR  -h, --help  -V, --version\n"),
		    stdout);
	} else if (cli->version)
		printf("%s %s\n", avs_progname, VERSION);
	else
		return -1;
	return avs_close_stdout();
}

/* The one body of every message: "prog: " and the message made safe,
 * then tail. */
static void
message(const char *tail, const char *fmt, va_list ap)
{
	struct avs_buf safe = AVS_BUF_INIT;
	char *msg;

	if (vasprintf(&msg, fmt, ap) < 0)
		msg = NULL;
	avs_text_safe(&safe, msg != NULL ? msg : fmt, 0);
	free(msg);
	fflush(stdout);
	fprintf(stderr, "%s: %s%s\n", avs_progname, safe.p != NULL ?
	    safe.p : "", tail);
	avs_buf_free(&safe);
}

void
avs_warnx(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	message("", fmt, ap);
	va_end(ap);
}

int
avs_usage_error(const char *fmt, ...)
{
	char tail[128];
	va_list ap;

	snprintf(tail, sizeof(tail), _(" (see %s --help)"), avs_progname);
	va_start(ap, fmt);
	message(tail, fmt, ap);
	va_end(ap);
	return AVS_EUSAGE;
}

int
avs_bad_option(int ch, char *const argv[])
{
	const char *arg = optind > 0 ? argv[optind - 1] : "?";
	char name[64];

	/* A long option is named as given (without its value); for a short
	 * one argv[optind - 1] may be a cluster: name the letter. */
	if (strncmp(arg, "--", 2) == 0)
		snprintf(name, sizeof(name), "%.*s", (int)strcspn(arg, "="),
		    arg);
	else if (optopt > ' ' && optopt < 127)
		snprintf(name, sizeof(name), "-%c", optopt);
	else
		snprintf(name, sizeof(name), "%.60s", arg);
	if (ch == ':')
		return avs_usage_error(_("option %s needs a value"), name);
	/* getopt_long sets optopt for a long option it knows: then what was
	 * wrong is the value given to an option that takes none. */
	if (strncmp(arg, "--", 2) == 0 && optopt != 0 && strchr(arg, '=') != NULL)
		return avs_usage_error(_("option %s takes no value"), name);
	return avs_usage_error(_("unknown option %s"), name);
}

int
avs_report(const struct avs_err *err)
{
	avs_warnx("%s", err->msg);
	return err->status != 0 ? err->status : AVS_ERUN;
}

int
avs_check_ids(char *const *ids, int n)
{
	int i;

	for (i = 0; i < n; i++)
		if (!avs_id_valid(ids[i])) {
			avs_warnx(_("invalid record id \"%.40s\""), ids[i]);
			return AVS_EUSAGE;
		}
	return 0;
}

int
avs_cli_exit(int rc)
{
	int out = avs_close_stdout();

	return rc != 0 ? rc : out;
}

int
avs_close_stdout(void)
{
	if (fflush(stdout) != 0 || ferror(stdout) || fclose(stdout) != 0) {
		if (errno == EPIPE)
			return AVS_ERUN;
		avs_warnx(_("cannot write standard output: %s"),
		    strerror(errno));
		return AVS_ERUN;
	}
	return AVS_OK;
}
