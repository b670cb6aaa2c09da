/*
 * ledger.h -- what a verifier has seen of a store, kept outside it: the
 * records and their states at the last complete --verify, in
 * $XDG_STATE_HOME/avslut/ledger/HASH (~/.local/state/...), HASH the
 * SHA-256 of the store's real path.  A writer of the store can delete a
 * record together with all its evidence; the ledger still knows it was
 * there, and was sealed (avslut-seal(1), avslut-store(5)).
 *
 * One line a record, "ID STATE [DIGEST]": nothing personal.
 */
#ifndef AVS_LEDGER_H
#define AVS_LEDGER_H

#include "record.h"
#include "util.h"

struct avs_ledger;

/* Load the ledger of the store in dir (none yet is an empty one). */
int avs_ledger_load(const char *dir, struct avs_ledger **out,
    struct avs_err *err);
/* The state id had when last seen, or -1; the SHA-256 of its document
 * when it was sealed, or NULL. */
int avs_ledger_state(const struct avs_ledger *l, const char *id);
const char *avs_ledger_digest(const struct avs_ledger *l, const char *id);
/* The ids it holds (NULL-terminated, owned by l). */
char *const *avs_ledger_ids(const struct avs_ledger *l);
/* Note id in state s (sealed: with its digest) for the next save. */
void avs_ledger_note(struct avs_ledger *l, const char *id, enum avs_state s,
    const char *digest);
/* Replace the ledger with what was noted. */
int avs_ledger_save(struct avs_ledger *l, struct avs_err *err);
void avs_ledger_free(struct avs_ledger *l);

/* A ledger's text (data, len) parsed as avs_ledger_load() reads its file,
 * with no file to save to; what is noted, as it is saved: what
 * tests/fuzz/fuzz-ledger.c feeds. */
struct avs_ledger *avs_ledger_parse(const void *data, size_t len);
const struct avs_buf *avs_ledger_noted(const struct avs_ledger *l);

#endif
