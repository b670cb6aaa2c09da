/*
 * fold.h -- matching names as people type them: without regard to case
 * or accents, whether the text came composed (NFC) or decomposed (NFD).
 */
#ifndef AVS_FOLD_H
#define AVS_FOLD_H

#include "util.h"

/* Append s folded: ASCII letters in lower case, the Latin letters of
 * U+00C0-U+024F and U+1E00-U+1EFF as their base letters (Ö and O with
 * U+0308 both as o, ß as ss, æ as ae, ø as o), combining marks
 * (U+0300-U+036F) left out, white space runs as one space, the rest as
 * it is.  Invalid UTF-8 is kept byte for byte.  out may hold personal
 * data: the caller wipes it (avs_buf_free). */
void avs_fold(struct avs_buf *out, const char *s);
/* 1 when the folded s contains folded (as avs_fold made it), else 0. */
int avs_fold_contains(const char *s, const char *folded);

#endif
