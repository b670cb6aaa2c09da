/*
 * logs.c -- the access log and the purge log (gallringsprotokoll).
 */
#include <pthread.h>
#include <stdio.h>
#include <time.h>

#include "csvio.h"
#include "fsio.h"
#include "logs.h"

static void
now_iso(char *out, size_t len)
{
	struct tm tm;
	time_t t = time(NULL);

	localtime_r(&t, &tm);
	strftime(out, len, "%Y-%m-%dT%H:%M:%S%z", &tm);
}

static int
log_line(struct avs_store *st, const char *file, const char *const *header,
    const char *const *fields, size_t n, struct avs_err *err)
{
	const struct avs_store_dirs *d = avs_store_dirs(st);
	struct avs_buf head = AVS_BUF_INIT, line = AVS_BUF_INIT;
	int rc;

	/* A new log starts with its header (written under the log's lock,
	 * so once). */
	avs_csv_row(&head, header, n);
	avs_csv_row(&line, fields, n);
	rc = avs_append_line(d->top, d->toppath, file, head.p, line.p,
	    line.len, err);
	avs_buf_free(&head);
	avs_buf_free(&line);
	return rc;
}

int
avs_log_access(struct avs_store *st, const char *id, const char *key,
    const char *command, struct avs_err *err)
{
	static const char *const header[] = { "time", "record", "key",
	    "command", "user" };
	/* Threads of one process share its fcntl locks, and one close(2)
	 * drops them all: threads take turns here. */
	static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
	char when[40];
	const char *f[5];
	int rc;

	pthread_mutex_lock(&mu);
	now_iso(when, sizeof(when));
	f[0] = when;
	f[1] = id;
	f[2] = key != NULL && *key != '\0' ? key : "?";
	f[3] = command;
	f[4] = avs_username();
	rc = log_line(st, "access.log", header, f, 5, err);
	pthread_mutex_unlock(&mu);
	return rc;
}

int
avs_log_purge(struct avs_store *st, const char *id, const char *state,
    const char *rule, const char *decision, struct avs_err *err)
{
	static const char *const header[] = { "time", "record", "state",
	    "rule", "decision", "user" };
	char when[40];
	const char *f[6];

	now_iso(when, sizeof(when));
	f[0] = when;
	f[1] = id;
	f[2] = state;
	f[3] = rule;
	f[4] = decision;
	f[5] = avs_username();
	return log_line(st, "purge.log", header, f, 6, err);
}
