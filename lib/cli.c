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
#include <unistd.h>

#include "cli.h"
#include "editor.h"
#include "i18n.h"
#include "paths.h"
#include "record.h"
#include "seal.h"
#include "text.h"
#include "trust.h"

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

/* Ask on the terminal whether to pin signer for the store in dir. */
static int
offer_pin(const char *dir, struct avs_crypto *c, const char *signer)
{
	struct avs_err err = AVS_ERR_INIT;
	char *name = NULL, line[32];

	if (avs_crypto_key_name(c, signer, &name, NULL) != 0)
		name = NULL;
	fflush(stdout);
	fprintf(stderr, _("%s: no governor key is pinned for the store %s.\n"
	    "Its configuration is signed by the key\n  %s%s%s%s\n"
	    "Check this fingerprint with HR, in person or by telephone.\n"
	    "Trust this key to govern the store? [y/N] "), avs_progname, dir,
	    signer, name != NULL ? "  (" : "", name != NULL ? name : "",
	    name != NULL ? ")" : "");
	free(name);
	if (fgets(line, sizeof(line), stdin) == NULL ||
	    strchr("yYjJ", line[0]) == NULL || line[0] == '\0')
		return AVS_EPOLICY;
	if (avs_pins_add(dir, signer, &err) != 0)
		return avs_report(&err);
	return 0;
}

int
avs_cli_open(const char *dir, int flags, struct avs_crypto **c,
    struct avs_store **st)
{
	struct avs_err err = AVS_ERR_INIT;
	char signer[AVS_FPRLEN + 1], *path;
	int rc;

	*st = NULL;
	if ((rc = avs_crypto_init(&err)) != 0 ||
	    (*c == NULL && (rc = (flags & AVS_CLI_KEYLESS) ?
	    avs_crypto_new_keyless(c, &err) : avs_crypto_new(c, &err)) != 0))
		return avs_report(&err);
	flags &= ~AVS_CLI_KEYLESS;
	rc = avs_store_open(dir, *c, flags, st, signer, &err);
	if (rc == AVS_EPOLICY && signer[0] != '\0' && isatty(STDIN_FILENO) &&
	    isatty(STDERR_FILENO)) {
		path = avs_store_path(dir);
		rc = offer_pin(path, *c, signer);
		free(path);
		if (rc != 0) {
			if (rc == AVS_EPOLICY)
				avs_warnx("%s", err.msg);
			return rc;
		}
		rc = avs_store_open(dir, *c, flags, st, NULL, &err);
	}
	return rc != 0 ? avs_report(&err) : 0;
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

void
avs_cli_outcome(const char *id, const struct avs_outcome *o)
{
	if (o->why[0] != '\0')
		printf("%s %s: %s\n", id, avs_verdict_names[o->verdict],
		    o->why);
	else
		printf("%s %s\n", id, avs_verdict_names[o->verdict]);
}

int
avs_number_opt(const char *name, const char *arg, long min, long max,
    long *out)
{
	char *end;

	errno = 0;
	*out = strtol(arg, &end, 10);
	if (*arg == '\0' || *end != '\0' || errno != 0 || *out < min ||
	    *out > max)
		return avs_usage_error(_("--%s: \"%.40s\" is not a number "
		    "from %ld to %ld"), name, arg, min, max);
	return 0;
}
