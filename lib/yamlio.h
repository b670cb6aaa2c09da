/*
 * yamlio.h -- the one YAML reader and writer of the project (libyaml).
 *
 * The reader builds a small tree from libyaml's event API with hard caps
 * on input size, nesting depth and number of events, because libyaml has
 * none.  It refuses anchors, aliases, explicit tags, several documents and
 * duplicate keys.  Every error is "file:line:col: message", 1-based.
 * Question sets, records, the store config and answers files all go
 * through it, and are validated with one key table per mapping.
 *
 * Scalars are wiped when the tree is freed: records hold personal data.
 */
#ifndef AVS_YAMLIO_H
#define AVS_YAMLIO_H

#include <stddef.h>

#include "util.h"

enum ynode_type { YN_SCALAR, YN_SEQ, YN_MAP };

struct ynode {
	enum ynode_type type;
	int line, col;		/* 1-based */
	int plain;		/* scalar written without quotes */
	char *str;		/* scalar value, NUL-terminated */
	size_t len;
	struct ynode **items;	/* seq: items; map: key, value, key, ... */
	size_t n;		/* seq: number of items; map: of pairs */
};

struct ylimits {
	size_t max_bytes;
	int max_depth;
	size_t max_events;
};

extern const struct ylimits avs_ylimits_qset, avs_ylimits_record,
    avs_ylimits_config;

struct ydoc;

/* Parse data (not NUL-terminated) named file.  On success *out holds the
 * document, to be freed with avs_yaml_free(). */
int avs_yaml_parse(const char *file, const void *data, size_t len,
    const struct ylimits *lim, struct ydoc **out, struct avs_err *err);
/* The same for data that starts at line line0 + 1 of the file (the text
 * of a clearsigned file): positions are the file's. */
int avs_yaml_parse_at(const char *file, size_t line0, const void *data,
    size_t len, const struct ylimits *lim, struct ydoc **out,
    struct avs_err *err);
const struct ynode *avs_yaml_root(const struct ydoc *doc);
void avs_yaml_free(struct ydoc *doc);

/* Read a YAML file of at most lim->max_bytes (else AVS_EUSAGE at
 * file:1:1) into a secure buffer: one the user named (a pipe too) ... */
int avs_yaml_read(const char *path, const struct ylimits *lim,
    struct avs_buf *out, struct avs_err *err);
/* ... or a regular file of a directory of the store (avs_read_in()). */
int avs_yaml_read_in(int dirfd, const char *dirpath, const char *name,
    const struct ylimits *lim, struct avs_buf *out, struct avs_err *err);

/* Validation. */
struct yctx {
	const char *file;
	struct avs_err *err;
};

/* Fail with "file:line:col: message" at node n; returns AVS_EUSAGE. */
int avs_yerr(const struct yctx *c, const struct ynode *n, const char *fmt,
    ...) __attribute__((format(printf, 3, 4)));

/* One row of a mapping's key table. */
struct ykey {
	const char *key;
	enum ynode_type type;
	int required;
	int (*fn)(const struct yctx *c, const struct ynode *val, void *obj);
};

/* Check that n is a mapping whose keys are all in tab (terminated by a
 * NULL key), each value of the expected type, every required key present;
 * then call each row's fn in document order. */
int avs_ymap(const struct yctx *c, const struct ynode *n,
    const struct ykey *tab, void *obj);
/* Check the format version key of a document first, so a file of another
 * version or kind gets that message rather than a list of odd keys. */
int avs_yformat(const struct yctx *c, const struct ynode *root,
    const char *key, long supported);
/* The value of key in mapping n, or NULL. */
const struct ynode *avs_yget(const struct ynode *n, const char *key);

/* Typed scalars. */
int avs_ystr(const struct yctx *c, const struct ynode *n, char **out);
int avs_yint(const struct yctx *c, const struct ynode *n, long min, long max,
    long *out);
int avs_ybool(const struct yctx *c, const struct ynode *n, int *out);
int avs_ydate(const struct yctx *c, const struct ynode *n, char *out);
/* A scalar matching [a-z0-9][a-z0-9-]*, at most 40 bytes. */
int avs_yident(const struct yctx *c, const struct ynode *n, char **out);
int avs_ytype(const struct yctx *c, const struct ynode *n,
    enum ynode_type t);
/* A full fingerprint (normalised), and a sequence of distinct ones
 * (malloc'd, NULL-terminated; *out is freed first). */
int avs_yfpr(const struct yctx *c, const struct ynode *n,
    char out[AVS_FPRLEN + 1]);
int avs_yfprs(const struct yctx *c, const struct ynode *n, char ***out,
    size_t *count);

/*
 * Writer: a block-style document into a secure buffer.  Errors are sticky
 * and reported by avs_yw_end().
 */
struct yw;

struct yw *avs_yw_begin(struct avs_buf *out);
void avs_yw_map(struct yw *w);
void avs_yw_seq(struct yw *w, int flow);
void avs_yw_end_map(struct yw *w);
void avs_yw_end_seq(struct yw *w);
/* An enum-like token or number: plain style. */
void avs_yw_token(struct yw *w, const char *s);
/* Text someone typed: quoted, or literal block when it spans lines. */
void avs_yw_text(struct yw *w, const char *s);
/* key: value pairs; nothing is written when value is NULL or "". */
void avs_yw_ktoken(struct yw *w, const char *key, const char *value);
void avs_yw_ktext(struct yw *w, const char *key, const char *value);
void avs_yw_kint(struct yw *w, const char *key, long value);
void avs_yw_kbool(struct yw *w, const char *key, int value);
int avs_yw_end(struct yw *w, struct avs_err *err);

#endif
