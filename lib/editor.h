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
 * new 0700 directory "avslut-PID-XXXXXX" under avs_editor_dir(), mode
 * 0600, and is wiped and removed, with anything the editor left beside
 * it, when the editor returns.  The text, without trailing newlines,
 * into out.  No place in memory-backed storage is AVS_ERUN: the answer is
 * never written to disk.  vim and nvim get no swap, backup, undo file or
 * viminfo.  A signal held by avs_edit_defer() meanwhile ends the editor;
 * the directory is wiped and the signal raised again. */
int avs_edit(const char *initial, struct avs_buf *out, struct avs_err *err);

/* For the program's handler of SIGTERM and SIGHUP (async-signal-safe):
 * while avs_edit() has a file on disk, note sig and return 1 (the
 * handler returns at once; avs_edit() wipes, then raises sig again);
 * else 0. */
int avs_edit_defer(int sig);

/* Wipe and remove the editor directories of this user (under
 * $XDG_RUNTIME_DIR and /dev/shm) whose process is gone: what a SIGKILL
 * left.  Every tool calls it at its start. */
void avs_editor_sweep(void);

#endif
