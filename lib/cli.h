/*
 * cli.h -- the skeleton the five mains share: the start of the program,
 * the common options (-S, -h, -V), --help and --version, messages on
 * stderr and the exit status of a run.
 *
 * This module and askui.h are the library's only ones that print (see
 * util.h): they exist for cmd/, which alone decides to exit.  Every
 * message goes through one function that makes what it quotes safe for a
 * terminal: a record id or an option value typed with escape sequences,
 * C1 or bidirectional controls is shown, never obeyed.
 */
#ifndef AVS_CLI_H
#define AVS_CLI_H

#include <getopt.h>
#include <stdio.h>

#include "crypto.h"
#include "store.h"
#include "util.h"

/* Common start of every binary: program name from argv0, umask 077,
 * stale editor directories wiped (avs_editor_sweep()),
 * locale and message catalogue. */
void avs_init_program(const char *argv0);
/* No core dumps, not ptrace-able: for processes that hold plaintext. */
void avs_harden(void);

/* The options every tool takes: first in each tool's table, and their
 * letters first in its optstring. */
#define AVS_CLI_LONGOPTS \
	{ "store", required_argument, NULL, 'S' }, \
	{ "help", no_argument, NULL, 'h' }, \
	{ "version", no_argument, NULL, 'V' }
#define AVS_CLI_SHORTOPTS ":S:hV"

struct avs_cli {
	const char *store;	/* -S DIR */
	int help, version;
};

/* Take ch if it is a common option: 1 when it was, else 0. */
int avs_cli_common(struct avs_cli *cli, int ch);
/* After the options: with --help, usage(stdout) and the line of common
 * options; with --version, the version.  Returns -1 when neither was
 * asked for, else the exit status (1 when standard output fails). */
int avs_cli_info(const struct avs_cli *cli, void (*usage)(FILE *f));

/* "prog: message" on stderr, what it quotes made safe. */
void avs_warnx(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* A usage error: "prog: msg (see prog --help)"; returns AVS_EUSAGE. */
int avs_usage_error(const char *fmt, ...)
    __attribute__((format(printf, 1, 2)));
/* The one-line message for getopt_long()'s '?' or ':' (opterr = 0 and
 * an optstring starting with ':'); returns AVS_EUSAGE. */
int avs_bad_option(int ch, char *const argv[]);
/* The value of option --name, a whole number from min to max, into out:
 * 0, or a usage error (2) said. */
int avs_number_opt(const char *name, const char *arg, long min, long max,
    long *out);
/* Print err as "prog: msg" and return its status. */
int avs_report(const struct avs_err *err);
/* Start gpgme and open the store in dir (flags as avs_store_open(), and
 * AVS_CLI_KEYLESS: a throwaway keyring for public keys only, as purge
 * wants: avs_crypto_new_keyless()).  A
 * store that is not pinned yet is offered to pin, on a terminal: its
 * signer's fingerprint shown, the user answers (trust on first use);
 * without a terminal it is refused with how to pin it.  Errors are
 * reported; returns the exit status, 0 with *c and *st set. */
enum { AVS_CLI_KEYLESS = 0x100 };
int avs_cli_open(const char *dir, int flags, struct avs_crypto **c,
    struct avs_store **st);

/* A record's line of --verify, --reencrypt or --migrate on stdout:
 * "ID VERDICT" or "ID VERDICT: why". */
struct avs_outcome;
void avs_cli_outcome(const char *id, const struct avs_outcome *o);

/* Check record ids given as arguments: the first malformed one is named
 * (safely) and is AVS_EUSAGE; else 0. */
int avs_check_ids(char *const *ids, int n);
/* Flush and close stdout; a failed write becomes an error (status 1). */
int avs_close_stdout(void);
/* The exit status of a main whose work returned rc: rc, else 1 when what
 * it wrote to stdout could not be written. */
int avs_cli_exit(int rc);

#endif
