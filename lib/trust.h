/*
 * trust.h -- the trust anchor outside the store: the governor keys each
 * user pins for a store (avslut-store(5), TRUST).
 *
 * Every manager can write the store directory, so nothing in it is
 * trusted by being there.  The store's config and question sets count
 * only when signed by a key that the user has pinned, once, for that
 * store: in $XDG_CONFIG_HOME/avslut/pins (~/.config/avslut/pins), or
 * for scripts and cron in $AVSLUT_GOVERNORS.  The pins file is YAML:
 *
 *   avslut-pins: 1
 *   stores:
 *   - path: /mnt/hr/avslut
 *     governors: [FPR, ...]
 *
 * A store is named by its real path (symbolic links resolved).
 */
#ifndef AVS_TRUST_H
#define AVS_TRUST_H

#include <stddef.h>

#include "util.h"

/* The governors pinned for the store in directory dir: from
 * $AVSLUT_GOVERNORS when set (fingerprints separated by commas or
 * blanks), else from the pins file.  *fprs is malloc'd and
 * NULL-terminated; *n is 0 when the store is not pinned. */
int avs_pins_get(const char *dir, char ***fprs, size_t *n,
    struct avs_err *err);
/* Pin fpr for the store in dir in the pins file (kept once; the file is
 * replaced atomically, mode 0600). */
int avs_pins_add(const char *dir, const char *fpr, struct avs_err *err);
/* The pins file's path (malloc'd). */
char *avs_pins_path(void);

/* The pins file's text (data, len; named what in messages) parsed, and
 * written back as avs_pins_add() writes it: what tests/fuzz/fuzz-pins.c
 * feeds. */
struct avs_pins;
int avs_pins_parse(const char *what, const void *data, size_t len,
    struct avs_pins **out, struct avs_err *err);
int avs_pins_text(const struct avs_pins *p, struct avs_buf *out,
    struct avs_err *err);
void avs_pins_free(struct avs_pins *p);

#endif
