/*
 * editor.h -- a long answer in $VISUAL or $EDITOR, never on disk.
 */
#ifndef AVS_EDITOR_H
#define AVS_EDITOR_H

#include "util.h"

/* Where the editor's file may live: a private directory on memory-backed
 * storage ($XDG_RUNTIME_DIR, else /dev/shm), or NULL when there is none.
 * Returns a static string. */
const char *avs_editor_dir(void);

/* Edit initial (may be NULL) in the user's editor.  The file lives in a
 * new 0700 directory under avs_editor_dir(), mode 0600, and is wiped and
 * removed, with anything the editor left beside it, when the editor
 * returns.  The text, without trailing newlines, into out.  No place in
 * memory-backed storage is AVS_ERUN: the answer is never written to disk. */
int avs_edit(const char *initial, struct avs_buf *out, struct avs_err *err);

#endif
