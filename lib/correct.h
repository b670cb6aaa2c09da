/*
 * correct.h -- corrections of a sealed record (GDPR art. 16), kept in
 * the record (avslut-record(5), CORRECTIONS).
 *
 * A correction changes one registered fact of a sealed record and notes,
 * inside the encrypted record, the field, the value before, when and by
 * whom.  Undoing the corrections, last first, gives back the document
 * that was sealed, byte for byte: its digest is the one the seal
 * statement holds, so the original seal's evidence still speaks for
 * everything the correction did not change.
 */
#ifndef AVS_CORRECT_H
#define AVS_CORRECT_H

#include <stddef.h>

#include "evidence.h"
#include "record.h"
#include "util.h"

/* The fields a correction may change (NULL-terminated). */
extern const char *const avs_correct_fields[];

/* field's value in r (malloc'd; NULL: none). */
char *avs_correct_get(const struct avs_record *r, const char *field);
/* Change field of r to value (NULL: none), noting the value before, the
 * day and by.  Returns 1 when it changed, 0 when it was so already, -1
 * for a field not in the list. */
int avs_correct(struct avs_record *r, const char *field, const char *value,
    const char *by);
/* A copy of r with its last k corrections undone and dropped. */
int avs_correct_undo(const struct avs_record *r, size_t k,
    struct avs_record **out, struct avs_err *err);
/* The digests of the documents r was: (*out)[0] the one sealed, ...,
 * (*out)[r->ncorrections] r as it is written (malloc'd). */
int avs_correct_chain(const struct avs_record *r,
    char (**out)[AVS_DIGESTLEN], struct avs_err *err);

#endif
