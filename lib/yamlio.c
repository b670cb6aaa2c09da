/*
 * yamlio.c -- bounded YAML reader and block-style writer over libyaml.
 *
 * libyaml's document loader has no limits (deep nesting takes it seconds,
 * aliases expand), so we read events ourselves: an anchor, alias or tag
 * is refused the moment it appears, and parsing stops at the first event
 * beyond the depth or event cap.  Marks from libyaml are 0-based; every
 * message here is 1-based.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <yaml.h>

#include "date.h"
#include "fsio.h"
#include "i18n.h"
#include "yamlio.h"

const struct ylimits avs_ylimits_qset = { 256 * 1024, 16, 50000 };
const struct ylimits avs_ylimits_record = { 4 * 1024 * 1024, 16, 200000 };
const struct ylimits avs_ylimits_config = { 64 * 1024, 16, 10000 };

struct ydoc {
	size_t line0;		/* lines of the file before its data */
	struct ynode *root;
	struct ynode **all;	/* every node, for freeing */
	size_t nall, capall;
};

struct reader {
	const char *file;
	size_t line0;		/* lines of the file before the data */
	const struct ylimits *lim;
	struct ydoc *doc;
	yaml_parser_t parser;
	size_t events;
	struct avs_err *err;
};

static int
mark_fail(struct reader *r, yaml_mark_t m, const char *what)
{
	return avs_fail(r->err, AVS_EUSAGE, "%s:%lu:%lu: %s", r->file,
	    (unsigned long)(m.line + r->line0) + 1,
	    (unsigned long)m.column + 1, what);
}

static struct ynode *
node_new(struct ydoc *d, enum ynode_type t, yaml_mark_t m)
{
	struct ynode *n = avs_xcalloc(1, sizeof(*n));

	n->type = t;
	m.line += d->line0;
	n->line = (int)(m.line < INT_MAX ? m.line + 1 : INT_MAX);
	n->col = (int)(m.column < INT_MAX ? m.column + 1 : INT_MAX);
	if (d->nall == d->capall) {
		d->capall = d->capall ? d->capall * 2 : 64;
		d->all = avs_xreallocarray(d->all, d->capall,
		    sizeof(*d->all));
	}
	d->all[d->nall++] = n;
	return n;
}

/* Capacity doubles at each power of two, so n pushes cost O(n). */
static void
node_push(struct ynode *parent, struct ynode *kid)
{
	size_t n = parent->n;

	if ((n & (n - 1)) == 0)
		parent->items = avs_xreallocarray(parent->items,
		    n ? 2 * n : 1, sizeof(*parent->items));
	parent->items[parent->n++] = kid;
}

static void
event_wipe_delete(yaml_event_t *ev)
{
	if (ev->type == YAML_SCALAR_EVENT && ev->data.scalar.value != NULL)
		avs_wipe(ev->data.scalar.value, ev->data.scalar.length);
	yaml_event_delete(ev);
}

/* Refuse what we never accept on any node: anchors and explicit tags. */
static int
check_props(struct reader *r, const yaml_event_t *ev)
{
	const yaml_char_t *anchor = NULL, *tag = NULL;

	switch (ev->type) {
	case YAML_SCALAR_EVENT:
		anchor = ev->data.scalar.anchor;
		tag = ev->data.scalar.tag;
		break;
	case YAML_SEQUENCE_START_EVENT:
		anchor = ev->data.sequence_start.anchor;
		tag = ev->data.sequence_start.tag;
		break;
	case YAML_MAPPING_START_EVENT:
		anchor = ev->data.mapping_start.anchor;
		tag = ev->data.mapping_start.tag;
		break;
	default:
		break;
	}
	if (anchor != NULL)
		return mark_fail(r, ev->start_mark,
		    _("anchors are not allowed"));
	if (tag != NULL)
		return mark_fail(r, ev->start_mark,
		    _("explicit tags are not allowed"));
	return 0;
}

static int
next_event(struct reader *r, yaml_event_t *ev)
{
	if (!yaml_parser_parse(&r->parser, ev)) {
		char what[300];

		snprintf(what, sizeof(what), _("syntax error: %s"),
		    r->parser.problem != NULL ? r->parser.problem : "?");
		return mark_fail(r, r->parser.problem_mark, what);
	}
	if (++r->events > r->lim->max_events) {
		yaml_mark_t m = ev->start_mark;

		event_wipe_delete(ev);
		return mark_fail(r, m, _("too many elements"));
	}
	return 0;
}

static int
same_key(const struct ynode *x, const struct ynode *y)
{
	return x->len == y->len && memcmp(x->str, y->str, x->len) == 0;
}

static int
before(const struct ynode *x, const struct ynode *y)
{
	return x->line < y->line || (x->line == y->line && x->col < y->col);
}

/* Keys in order of their text, equal texts in document order. */
static int
key_cmp(const void *a, const void *b)
{
	const struct ynode *x = *(struct ynode *const *)a;
	const struct ynode *y = *(struct ynode *const *)b;
	int d;

	if (x->len != y->len)
		return x->len < y->len ? -1 : 1;
	if ((d = memcmp(x->str, y->str, x->len)) != 0)
		return d;
	return before(x, y) ? -1 : before(y, x);
}

/*
 * Duplicate keys: YAML forbids them, libyaml does not check.  Sorted, not
 * compared pairwise, so that a mapping of n keys costs O(n log n); the key
 * named is the first in the document that repeats an earlier one.
 */
static int
check_duplicates(struct reader *r, const struct ynode *map)
{
	const struct ynode **keys, *dup = NULL;
	size_t i, n = map->n / 2;
	int rc = 0;

	if (n < 2)
		return 0;
	keys = avs_xreallocarray(NULL, n, sizeof(*keys));
	for (i = 0; i < n; i++)
		keys[i] = map->items[2 * i];
	qsort(keys, n, sizeof(*keys), key_cmp);
	for (i = 1; i < n; i++)
		if (same_key(keys[i], keys[i - 1]) &&
		    (i < 2 || !same_key(keys[i - 1], keys[i - 2])) &&
		    (dup == NULL || before(keys[i], dup)))
			dup = keys[i];	/* the first repeat of its key */
	if (dup != NULL) {
		char what[200];
		yaml_mark_t m = { 0, (size_t)dup->line - 1 - r->line0,
		    (size_t)dup->col - 1 };

		snprintf(what, sizeof(what), _("duplicate key \"%.60s\""),
		    dup->str);
		rc = mark_fail(r, m, what);
	}
	free(keys);
	return rc;
}

/* Read one node whose first event is ev (consumed).  Recursive, with the
 * depth bounded by the caller's limit. */
static int
read_node(struct reader *r, yaml_event_t *ev, int depth, struct ynode **out)
{
	struct ynode *n, *kid;
	yaml_event_t sub;
	enum ynode_type t;
	yaml_event_type_t end;
	int rc;

	if ((rc = check_props(r, ev)) != 0)
		goto fail;
	switch (ev->type) {
	case YAML_ALIAS_EVENT:
		rc = mark_fail(r, ev->start_mark, _("aliases are not allowed"));
		goto fail;
	case YAML_SCALAR_EVENT:
		n = node_new(r->doc, YN_SCALAR, ev->start_mark);
		n->len = ev->data.scalar.length;
		n->str = avs_xstrndup((const char *)ev->data.scalar.value,
		    n->len);
		n->plain = ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
		if (strlen(n->str) != n->len) {
			rc = mark_fail(r, ev->start_mark,
			    _("NUL byte in a value"));
			goto fail;
		}
		event_wipe_delete(ev);
		*out = n;
		return 0;
	case YAML_SEQUENCE_START_EVENT:
	case YAML_MAPPING_START_EVENT:
		break;
	default:
		rc = mark_fail(r, ev->start_mark, _("unexpected element"));
		goto fail;
	}
	if (depth >= r->lim->max_depth) {
		rc = mark_fail(r, ev->start_mark, _("nested too deeply"));
		goto fail;
	}
	t = ev->type == YAML_SEQUENCE_START_EVENT ? YN_SEQ : YN_MAP;
	end = t == YN_SEQ ? YAML_SEQUENCE_END_EVENT : YAML_MAPPING_END_EVENT;
	n = node_new(r->doc, t, ev->start_mark);
	event_wipe_delete(ev);
	for (;;) {
		if ((rc = next_event(r, &sub)) != 0)
			return rc;
		if (sub.type == end) {
			event_wipe_delete(&sub);
			break;
		}
		if ((rc = read_node(r, &sub, depth + 1, &kid)) != 0)
			return rc;
		if (t == YN_MAP && n->n % 2 == 0) {
			if (kid->type != YN_SCALAR) {
				yaml_mark_t m = { 0, (size_t)kid->line - 1,
				    (size_t)kid->col - 1 };

				return mark_fail(r, m,
				    _("a key must be a plain value"));
			}
		}
		node_push(n, kid);
	}
	if (t == YN_MAP && (rc = check_duplicates(r, n)) != 0)
		return rc;
	if (t == YN_MAP)
		n->n /= 2;
	*out = n;
	return 0;
fail:
	event_wipe_delete(ev);
	return rc;
}

static void
parser_wipe_delete(yaml_parser_t *p)
{
	if (p->buffer.start != NULL)
		avs_wipe(p->buffer.start,
		    (size_t)(p->buffer.end - p->buffer.start));
	if (p->raw_buffer.start != NULL)
		avs_wipe(p->raw_buffer.start,
		    (size_t)(p->raw_buffer.end - p->raw_buffer.start));
	yaml_parser_delete(p);
}

static int
read_stream(struct reader *r)
{
	yaml_event_t ev;
	int rc, docs = 0;

	for (;;) {
		if ((rc = next_event(r, &ev)) != 0)
			return rc;
		switch (ev.type) {
		case YAML_STREAM_END_EVENT:
			event_wipe_delete(&ev);
			if (r->doc->root == NULL) {
				yaml_mark_t m = { 0, 0, 0 };

				return mark_fail(r, m, _("empty document"));
			}
			return 0;
		case YAML_DOCUMENT_START_EVENT:
			if (++docs > 1) {
				rc = mark_fail(r, ev.start_mark,
				    _("more than one document"));
				event_wipe_delete(&ev);
				return rc;
			}
			event_wipe_delete(&ev);
			if ((rc = next_event(r, &ev)) != 0)
				return rc;
			if ((rc = read_node(r, &ev, 0, &r->doc->root)) != 0)
				return rc;
			break;
		default:
			/* STREAM_START and DOCUMENT_END. */
			event_wipe_delete(&ev);
			break;
		}
	}
}

int
avs_yaml_parse(const char *file, const void *data, size_t len,
    const struct ylimits *lim, struct ydoc **out, struct avs_err *err)
{
	return avs_yaml_parse_at(file, 0, data, len, lim, out, err);
}

int
avs_yaml_parse_at(const char *file, size_t line0, const void *data,
    size_t len, const struct ylimits *lim, struct ydoc **out,
    struct avs_err *err)
{
	struct reader r;
	int rc;

	*out = NULL;
	if (len > lim->max_bytes)
		return avs_fail(err, AVS_EUSAGE,
		    _("%s:1:1: too large (%zu bytes; the limit is %zu)"), file,
		    len, lim->max_bytes);
	if (len > 0 && memchr(data, '\0', len) != NULL)
		return avs_fail(err, AVS_EUSAGE,
		    _("%s:1:1: not a text file (NUL byte)"), file);
	memset(&r, 0, sizeof(r));
	r.file = file;
	r.line0 = line0;
	r.lim = lim;
	r.err = err;
	r.doc = avs_xcalloc(1, sizeof(*r.doc));
	r.doc->line0 = line0;
	if (!yaml_parser_initialize(&r.parser)) {
		free(r.doc);
		return avs_fail(err, AVS_ERUN, _("%s: cannot start the YAML "
		    "parser"), file);
	}
	yaml_parser_set_input_string(&r.parser, len > 0 ? data :
	    (const void *)"", len);
	yaml_parser_set_encoding(&r.parser, YAML_UTF8_ENCODING);
	rc = read_stream(&r);
	parser_wipe_delete(&r.parser);
	if (rc != 0) {
		avs_yaml_free(r.doc);
		return rc;
	}
	*out = r.doc;
	return 0;
}

const struct ynode *
avs_yaml_root(const struct ydoc *doc)
{
	return doc->root;
}

void
avs_yaml_free(struct ydoc *doc)
{
	size_t i;

	if (doc == NULL)
		return;
	for (i = 0; i < doc->nall; i++) {
		if (doc->all[i]->str != NULL) {
			avs_wipe(doc->all[i]->str, doc->all[i]->len);
			free(doc->all[i]->str);
		}
		free(doc->all[i]->items);
		free(doc->all[i]);
	}
	free(doc->all);
	free(doc);
}

int
avs_yaml_read(const char *path, const struct ylimits *lim,
    struct avs_buf *out, struct avs_err *err)
{
	int rc;

	if ((rc = avs_read_file(path, lim->max_bytes, out, err)) == AVS_EUSAGE)
		avs_fail(err, rc, _("%s:1:1: too large (more than %zu bytes)"),
		    path, lim->max_bytes);
	return rc;
}

int
avs_yaml_read_in(int dirfd, const char *dirpath, const char *name,
    const struct ylimits *lim, struct avs_buf *out, struct avs_err *err)
{
	int rc;

	if ((rc = avs_read_in(dirfd, dirpath, name, lim->max_bytes, out, NULL,
	    err)) == AVS_EUSAGE)
		avs_fail(err, rc, _("%s%s%s:1:1: too large (more than %zu "
		    "bytes)"), dirpath != NULL ? dirpath : "",
		    dirpath != NULL ? "/" : "", name, lim->max_bytes);
	return rc;
}

int
avs_yerr(const struct yctx *c, const struct ynode *n, const char *fmt, ...)
{
	char what[400];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(what, sizeof(what), fmt, ap);
	va_end(ap);
	return avs_fail(c->err, AVS_EUSAGE, "%s:%d:%d: %s", c->file,
	    n != NULL ? n->line : 1, n != NULL ? n->col : 1, what);
}

static const char *
type_name(enum ynode_type t)
{
	switch (t) {
	case YN_SCALAR:
		return _("a value");
	case YN_SEQ:
		return _("a list");
	default:
		return _("a mapping");
	}
}

int
avs_ytype(const struct yctx *c, const struct ynode *n, enum ynode_type t)
{
	if (n->type != t)
		return avs_yerr(c, n, _("expected %s, found %s"), type_name(t),
		    type_name(n->type));
	return 0;
}

int
avs_yformat(const struct yctx *c, const struct ynode *root, const char *key,
    long supported)
{
	const struct ynode *v;
	long n;
	int rc;

	if ((rc = avs_ytype(c, root, YN_MAP)) != 0)
		return rc;
	if ((v = avs_yget(root, key)) == NULL)
		return avs_yerr(c, root, _("missing key \"%s\" (is this the "
		    "right kind of file?)"), key);
	if ((rc = avs_yint(c, v, 0, 1000, &n)) != 0)
		return rc;
	if (n != supported)
		return avs_yerr(c, v, _("unsupported format version %ld (this "
		    "program reads version %ld)"), n, supported);
	return 0;
}

const struct ynode *
avs_yget(const struct ynode *n, const char *key)
{
	size_t i;

	if (n == NULL || n->type != YN_MAP)
		return NULL;
	for (i = 0; i < n->n; i++)
		if (strcmp(n->items[2 * i]->str, key) == 0)
			return n->items[2 * i + 1];
	return NULL;
}

int
avs_ymap(const struct yctx *c, const struct ynode *n, const struct ykey *tab,
    void *obj)
{
	const struct ykey *k;
	const struct ynode *key, *val;
	size_t i;
	int rc;

	if ((rc = avs_ytype(c, n, YN_MAP)) != 0)
		return rc;
	for (i = 0; i < n->n; i++) {
		key = n->items[2 * i];
		val = n->items[2 * i + 1];
		for (k = tab; k->key != NULL; k++)
			if (strcmp(k->key, key->str) == 0)
				break;
		if (k->key == NULL)
			return avs_yerr(c, key, _("unknown key \"%.60s\""),
			    key->str);
		if (val->type != k->type)
			return avs_yerr(c, val,
			    _("\"%s\" must be %s, not %s"), k->key,
			    type_name(k->type), type_name(val->type));
	}
	for (k = tab; k->key != NULL; k++)
		if (k->required && avs_yget(n, k->key) == NULL)
			return avs_yerr(c, n, _("missing key \"%s\""), k->key);
	for (i = 0; i < n->n; i++) {
		key = n->items[2 * i];
		for (k = tab; strcmp(k->key, key->str) != 0; k++)
			;
		if (k->fn != NULL &&
		    (rc = k->fn(c, n->items[2 * i + 1], obj)) != 0)
			return rc;
	}
	return 0;
}

int
avs_ystr(const struct yctx *c, const struct ynode *n, char **out)
{
	int rc;

	if ((rc = avs_ytype(c, n, YN_SCALAR)) != 0)
		return rc;
	if (!avs_utf8_valid(n->str, n->len))
		return avs_yerr(c, n, _("not valid UTF-8"));
	avs_sfree(*out);
	*out = avs_xstrndup(n->str, n->len);
	return 0;
}

int
avs_yint(const struct yctx *c, const struct ynode *n, long min, long max,
    long *out)
{
	char *end;
	long v;
	int rc;

	if ((rc = avs_ytype(c, n, YN_SCALAR)) != 0)
		return rc;
	errno = 0;
	v = strtol(n->str, &end, 10);
	if (!n->plain || n->len == 0 || *end != '\0' || errno != 0 ||
	    !((n->str[0] >= '0' && n->str[0] <= '9') || n->str[0] == '-'))
		return avs_yerr(c, n, _("expected a whole number, found "
		    "\"%.40s\""), n->str);
	if (v < min || v > max)
		return avs_yerr(c, n, _("%ld is out of range (%ld to %ld)"), v,
		    min, max);
	*out = v;
	return 0;
}

int
avs_ybool(const struct yctx *c, const struct ynode *n, int *out)
{
	int rc;

	if ((rc = avs_ytype(c, n, YN_SCALAR)) != 0)
		return rc;
	if (n->plain && strcmp(n->str, "true") == 0)
		*out = 1;
	else if (n->plain && strcmp(n->str, "false") == 0)
		*out = 0;
	else
		return avs_yerr(c, n, _("expected true or false, found "
		    "\"%.40s\""), n->str);
	return 0;
}

int
avs_ydate(const struct yctx *c, const struct ynode *n, char *out)
{
	int rc;

	if ((rc = avs_ytype(c, n, YN_SCALAR)) != 0)
		return rc;
	if (!avs_date_valid(n->str))
		return avs_yerr(c, n, _("expected a date YYYY-MM-DD, found "
		    "\"%.40s\""), n->str);
	memcpy(out, n->str, AVS_DATELEN + 1);
	return 0;
}

int
avs_yident(const struct yctx *c, const struct ynode *n, char **out)
{
	int rc;

	if ((rc = avs_ytype(c, n, YN_SCALAR)) != 0)
		return rc;
	if (!avs_ident_valid(n->str, n->len))
		return avs_yerr(c, n, _("\"%.40s\" is not a valid identifier "
		    "(lower-case letters, digits and '-')"), n->str);
	free(*out);
	*out = avs_xstrndup(n->str, n->len);
	return 0;
}

int
avs_yfpr(const struct yctx *c, const struct ynode *n, char out[AVS_FPRLEN + 1])
{
	int rc;

	if ((rc = avs_ytype(c, n, YN_SCALAR)) != 0)
		return rc;
	if (avs_fpr_parse(n->str, out) != 0)
		return avs_yerr(c, n, _("\"%.60s\" is not a full fingerprint "
		    "(40 hex digits)"), n->str);
	return 0;
}

int
avs_yfprs(const struct yctx *c, const struct ynode *n, char ***out,
    size_t *count)
{
	char fpr[AVS_FPRLEN + 1];
	char **p;
	size_t i, j;

	for (p = *out; p != NULL && *p != NULL; p++)
		free(*p);
	free(*out);
	*out = avs_xcalloc(n->n + 1, sizeof(**out));
	*count = 0;
	for (i = 0; i < n->n; i++) {
		const struct ynode *v = n->items[i];

		if (avs_yfpr(c, v, fpr) != 0)
			return c->err->status;
		for (j = 0; j < i; j++)
			if (strcmp((*out)[j], fpr) == 0)
				return avs_yerr(c, v, _("fingerprint %s given "
				    "twice"), fpr);
		(*out)[i] = avs_xstrdup(fpr);
		*count = i + 1;
	}
	return 0;
}

/* --- writer ------------------------------------------------------------ */

struct yw {
	yaml_emitter_t em;
	struct avs_buf *out;
	int failed;
};

static int
yw_output(void *data, unsigned char *buf, size_t size)
{
	avs_buf_add(data, buf, size);
	return 1;
}

static void
yw_emit(struct yw *w, yaml_event_t *ev, int ok)
{
	if (w->failed)
		return;
	if (!ok || !yaml_emitter_emit(&w->em, ev))
		w->failed = 1;
}

struct yw *
avs_yw_begin(struct avs_buf *out)
{
	struct yw *w = avs_xcalloc(1, sizeof(*w));
	yaml_event_t ev;

	w->out = out;
	if (!yaml_emitter_initialize(&w->em)) {
		w->failed = 2;
		return w;
	}
	yaml_emitter_set_output(&w->em, yw_output, out);
	yaml_emitter_set_unicode(&w->em, 1);
	yaml_emitter_set_width(&w->em, -1);	/* never fold a text */
	yw_emit(w, &ev, yaml_stream_start_event_initialize(&ev,
	    YAML_UTF8_ENCODING));
	yw_emit(w, &ev, yaml_document_start_event_initialize(&ev, NULL, NULL,
	    NULL, 1));
	return w;
}

void
avs_yw_map(struct yw *w)
{
	yaml_event_t ev;

	yw_emit(w, &ev, yaml_mapping_start_event_initialize(&ev, NULL, NULL, 1,
	    YAML_BLOCK_MAPPING_STYLE));
}

void
avs_yw_seq(struct yw *w, int flow)
{
	yaml_event_t ev;

	yw_emit(w, &ev, yaml_sequence_start_event_initialize(&ev, NULL, NULL,
	    1, flow ? YAML_FLOW_SEQUENCE_STYLE : YAML_BLOCK_SEQUENCE_STYLE));
}

void
avs_yw_end_map(struct yw *w)
{
	yaml_event_t ev;

	yw_emit(w, &ev, yaml_mapping_end_event_initialize(&ev));
}

void
avs_yw_end_seq(struct yw *w)
{
	yaml_event_t ev;

	yw_emit(w, &ev, yaml_sequence_end_event_initialize(&ev));
}

static void
yw_scalar(struct yw *w, const char *s, yaml_scalar_style_t style)
{
	yaml_event_t ev;

	yw_emit(w, &ev, yaml_scalar_event_initialize(&ev, NULL, NULL,
	    (yaml_char_t *)s, (int)strlen(s), 1, 1, style));
}

void
avs_yw_token(struct yw *w, const char *s)
{
	yw_scalar(w, s, YAML_PLAIN_SCALAR_STYLE);
}

void
avs_yw_text(struct yw *w, const char *s)
{
	yw_scalar(w, s, strchr(s, '\n') != NULL ? YAML_LITERAL_SCALAR_STYLE :
	    YAML_DOUBLE_QUOTED_SCALAR_STYLE);
}

void
avs_yw_ktoken(struct yw *w, const char *key, const char *value)
{
	if (value == NULL || *value == '\0')
		return;
	avs_yw_token(w, key);
	avs_yw_token(w, value);
}

void
avs_yw_ktext(struct yw *w, const char *key, const char *value)
{
	if (value == NULL || *value == '\0')
		return;
	avs_yw_token(w, key);
	avs_yw_text(w, value);
}

void
avs_yw_kint(struct yw *w, const char *key, long value)
{
	char num[32];

	snprintf(num, sizeof(num), "%ld", value);
	avs_yw_token(w, key);
	avs_yw_token(w, num);
}

void
avs_yw_kbool(struct yw *w, const char *key, int value)
{
	avs_yw_token(w, key);
	avs_yw_token(w, value ? "true" : "false");
}

int
avs_yw_end(struct yw *w, struct avs_err *err)
{
	yaml_event_t ev;
	int failed;

	yw_emit(w, &ev, yaml_document_end_event_initialize(&ev, 1));
	yw_emit(w, &ev, yaml_stream_end_event_initialize(&ev));
	if (!w->failed && !yaml_emitter_flush(&w->em))
		w->failed = 1;
	failed = w->failed;
	if (failed != 2) {
		if (w->em.buffer.start != NULL)
			avs_wipe(w->em.buffer.start,
			    (size_t)(w->em.buffer.end - w->em.buffer.start));
		if (w->em.raw_buffer.start != NULL)
			avs_wipe(w->em.raw_buffer.start,
			    (size_t)(w->em.raw_buffer.end -
			    w->em.raw_buffer.start));
		yaml_emitter_delete(&w->em);
	}
	free(w);
	if (failed)
		return avs_fail(err, AVS_ERUN, _("cannot write YAML: %s"),
		    _("the emitter failed"));
	return 0;
}
