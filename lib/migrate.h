/*
 * migrate.h -- upgrading a store made by avslut 0.1 (avslut-new(1),
 * --migrate; see migrate.c).
 */
#ifndef AVS_MIGRATE_H
#define AVS_MIGRATE_H

#include "crypto.h"
#include "seal.h"
#include "store.h"
#include "util.h"

/* Migrate the store (opened with AVS_STORE_LEGACY) with the recipient's
 * key want (NULL: the first recipient whose secret key is here): sign and
 * pin, then give every record its evidence; each(id, outcome) for every
 * record (AVS_V_MIGRATED, AVS_V_CURRENT, or why not).  Returns 0, or the
 * worst status (err says so). */
int avs_migrate(struct avs_store *st, struct avs_crypto *c, const char *want,
    void (*each)(const char *id, const struct avs_outcome *o, void *arg),
    void *arg, struct avs_err *err);

#endif
