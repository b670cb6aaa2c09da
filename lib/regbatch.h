/*
 * regbatch.h -- a batch of registrations (an import's rows), registered
 * in worker processes, reported in the order of the rows.
 */
#ifndef AVS_REGBATCH_H
#define AVS_REGBATCH_H

#include "crypto.h"
#include "register.h"
#include "util.h"

struct avs_regbatch;

struct avs_regbatch *avs_regbatch_new(void);
void avs_regbatch_free(struct avs_regbatch *b);
/* A row to register, its facts copied (and wiped when freed). */
void avs_regbatch_add(struct avs_regbatch *b, const struct avs_facts *f,
    int declined, long line);
/* A note about a line (a row skipped while reading), reported in its
 * place among the rows. */
void avs_regbatch_note(struct avs_regbatch *b, long line, int status,
    const char *msg);

struct avs_regbatch_cb {
	/* A registered row: its id. */
	void (*id)(long line, const char *id, void *arg);
	/* A note, or a row that was not registered (status, message). */
	void (*note)(long line, int status, const char *msg, void *arg);
	void *arg;
};

/*
 * Register every row with rg (c its crypto handle) in jobs worker
 * processes (avs_workers_count()), each with its own gpgme context; the
 * rows are independent, each registered whole or not at all.  The ids
 * and notes go to cb in the order of the lines, each as soon as those
 * before it are done.  Returns the worst status of the rows and notes.
 */
int avs_regbatch_run(struct avs_regbatch *b, struct avs_registrar *rg,
    struct avs_crypto *c, int force, long jobs,
    const struct avs_regbatch_cb *cb, struct avs_err *err);

#endif
