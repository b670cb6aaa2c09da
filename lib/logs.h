/*
 * logs.h -- the store's two logs, CSV through libcsv, nothing personal:
 * the access log (every decryption by the tools: when, which record,
 * which key, which command, who) and the purge log, gallringsprotokoll
 * (every discarded record: when, which, its state, the rule and its
 * decision, who).  Safe to call from several threads and processes.
 */
#ifndef AVS_LOGS_H
#define AVS_LOGS_H

#include "store.h"
#include "util.h"

int avs_log_access(struct avs_store *st, const char *id, const char *key,
    const char *command, struct avs_err *err);
int avs_log_purge(struct avs_store *st, const char *id, const char *state,
    const char *rule, const char *decision, struct avs_err *err);

#endif
