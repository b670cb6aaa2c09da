/*
 * crypto.c -- the gpgme wrapper.
 *
 * Rules kept here, in one place:
 *  - recipients are exactly the pinned fingerprints: GPGME_ENCRYPT_NO_ENCRYPT_TO
 *    so gpg.conf cannot add a reader, ALWAYS_TRUST only because every key
 *    is pinned, and any invalid recipient or signer fails the operation;
 *  - a signature counts when there is exactly one, its status is no
 *    error, it has no wrong-key-usage, its summary carries none of the
 *    bad bits (red, revoked or expired key, expired signature, missing
 *    key, policy, system error), its validity is not "never", and its
 *    key is one the store allows.  An encrypted but unsigned message
 *    decrypts "successfully", so absence is checked, never assumed;
 *  - trust comes from the store's pinned fingerprints, not from the
 *    user's web of trust, so verification runs with trust-model "always".
 *    GnuPG then reports no validity for an imported key and gpgme never
 *    sets GPGME_SIGSUM_VALID (which needs full or ultimate validity):
 *    requiring VALID would refuse every seal made on another machine.
 *    The pinned fingerprint takes the place of that validity;
 *  - no prompt without a terminal: pinentry mode "error" then, or
 *    loopback with $AVSLUT_PASSPHRASE_FILE for unattended use.
 */
#include <dirent.h>
#include <fcntl.h>
#include <gpgme.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "crypto.h"
#include "fsio.h"
#include "i18n.h"

/* Summary bits that make a signature unacceptable whatever the trust. */
#define BAD_SUMMARY (GPGME_SIGSUM_RED | GPGME_SIGSUM_KEY_REVOKED |	\
	GPGME_SIGSUM_KEY_EXPIRED | GPGME_SIGSUM_SIG_EXPIRED |		\
	GPGME_SIGSUM_KEY_MISSING | GPGME_SIGSUM_CRL_MISSING |		\
	GPGME_SIGSUM_CRL_TOO_OLD | GPGME_SIGSUM_BAD_POLICY |		\
	GPGME_SIGSUM_SYS_ERROR | GPGME_SIGSUM_TOFU_CONFLICT)

struct keyent {
	char fpr[AVS_FPRLEN + 1];
	gpgme_key_t key;	/* NULL: looked up, not found */
};

struct avs_crypto {
	gpgme_ctx_t ctx;
	struct keyent *keys;
	size_t nkeys;
	struct keyent *secrets;	/* the secret keys looked up, the same way */
	size_t nsecrets;
	char *home;		/* a keyring of its own (keyless), or NULL */
	int no_key;		/* last decryption: no secret key */
	int locked;		/* last decryption: key not unlocked */
};

static int
gfail(struct avs_err *err, int status, gpgme_error_t e, const char *what)
{
	char buf[200];

	gpgme_strerror_r(e, buf, sizeof(buf));
	return avs_fail(err, status, "%s: %s", what, buf);
}

int
avs_crypto_init(struct avs_err *err)
{
	gpgme_error_t e;

	if (gpgme_check_version("1.13.0") == NULL)
		return avs_fail(err, AVS_ERUN, _("gpgme 1.13 or later is "
		    "needed"));
	gpgme_set_locale(NULL, LC_CTYPE, setlocale(LC_CTYPE, NULL));
	gpgme_set_locale(NULL, LC_MESSAGES, setlocale(LC_MESSAGES, NULL));
	if ((e = gpgme_engine_check_version(GPGME_PROTOCOL_OpenPGP)) != 0)
		return gfail(err, AVS_ERUN, e, _("GnuPG (gpg) is not usable"));
	return 0;
}

static gpgme_error_t
passphrase_cb(void *hook, const char *uid_hint, const char *info,
    int prev_bad, int fd)
{
	const char *file = hook;
	char pass[512];
	ssize_t n;
	int pfd;

	(void)uid_hint;
	(void)info;
	if (prev_bad)
		return gpgme_error(GPG_ERR_BAD_PASSPHRASE);
	if ((pfd = open(file, O_RDONLY | O_CLOEXEC)) < 0)
		return gpgme_error_from_syserror();
	n = read(pfd, pass, sizeof(pass) - 1);
	close(pfd);
	if (n < 0)
		return gpgme_error_from_syserror();
	while (n > 0 && (pass[n - 1] == '\n' || pass[n - 1] == '\r'))
		n--;
	pass[n++] = '\n';
	if (gpgme_io_writen(fd, pass, (size_t)n) != 0) {
		avs_wipe(pass, sizeof(pass));
		return gpgme_error_from_syserror();
	}
	avs_wipe(pass, sizeof(pass));
	return 0;
}

/* A context with the settings every operation uses. */
static gpgme_error_t
new_ctx(gpgme_ctx_t *ctx)
{
	const char *pf = getenv("AVSLUT_PASSPHRASE_FILE");
	gpgme_error_t e;

	if ((e = gpgme_new(ctx)) != 0)
		return e;
	gpgme_set_protocol(*ctx, GPGME_PROTOCOL_OpenPGP);
	gpgme_set_armor(*ctx, 1);
	gpgme_set_offline(*ctx, 1);
	gpgme_set_keylist_mode(*ctx, GPGME_KEYLIST_MODE_LOCAL);
	gpgme_set_ctx_flag(*ctx, "trust-model", "always");
	if (pf != NULL && *pf != '\0') {
		gpgme_set_pinentry_mode(*ctx, GPGME_PINENTRY_MODE_LOOPBACK);
		gpgme_set_passphrase_cb(*ctx, passphrase_cb, (void *)pf);
	} else if (!isatty(STDIN_FILENO))
		gpgme_set_pinentry_mode(*ctx, GPGME_PINENTRY_MODE_ERROR);
	return 0;
}

int
avs_crypto_new(struct avs_crypto **out, struct avs_err *err)
{
	struct avs_crypto *c;
	gpgme_error_t e;

	*out = NULL;
	c = avs_xcalloc(1, sizeof(*c));
	if ((e = new_ctx(&c->ctx)) != 0) {
		free(c);
		return gfail(err, AVS_ERUN, e, _("cannot start gpgme"));
	}
	*out = c;
	return 0;
}

int
avs_crypto_renew(struct avs_crypto *c, struct avs_err *err)
{
	gpgme_ctx_t ctx;
	gpgme_error_t e;

	if ((e = new_ctx(&ctx)) != 0 || (c->home != NULL &&
	    (e = gpgme_ctx_set_engine_info(ctx, GPGME_PROTOCOL_OpenPGP, NULL,
	    c->home)) != 0))
		return gfail(err, AVS_ERUN, e, _("cannot start gpgme"));
	/* The inherited context is dropped, not released: releasing it
	 * here could act on what belongs to the parent. */
	c->ctx = ctx;
	return 0;
}

static void remove_home(const char *home);

void
avs_crypto_free(struct avs_crypto *c)
{
	size_t i;

	if (c == NULL)
		return;
	for (i = 0; i < c->nkeys; i++)
		if (c->keys[i].key != NULL)
			gpgme_key_unref(c->keys[i].key);
	free(c->keys);
	for (i = 0; i < c->nsecrets; i++)
		if (c->secrets[i].key != NULL)
			gpgme_key_unref(c->secrets[i].key);
	free(c->secrets);
	gpgme_release(c->ctx);
	if (c->home != NULL) {
		remove_home(c->home);
		free(c->home);
	}
	free(c);
}

/* Remove the throwaway keyring: only public keys were ever in it. */
static void
remove_home(const char *home)
{
	struct dirent *de;
	DIR *d;
	int fd;

	if ((fd = open(home, O_RDONLY | O_DIRECTORY | O_NOFOLLOW |
	    O_CLOEXEC)) < 0)
		return;
	if ((d = fdopendir(fd)) == NULL) {
		close(fd);
		return;
	}
	while ((de = readdir(d)) != NULL)
		if (strcmp(de->d_name, ".") != 0 &&
		    strcmp(de->d_name, "..") != 0)
			(void)unlinkat(dirfd(d), de->d_name, 0);
	closedir(d);
	(void)rmdir(home);
}

int
avs_crypto_new_keyless(struct avs_crypto **out, struct avs_err *err)
{
	const char *bases[] = { getenv("XDG_RUNTIME_DIR"), "/dev/shm",
	    getenv("TMPDIR"), "/tmp" };
	struct avs_crypto *c;
	gpgme_error_t e;
	char *home = NULL;
	size_t i;
	int fd;

	*out = NULL;
	for (i = 0; home == NULL && i < sizeof(bases) / sizeof(bases[0]);
	    i++) {
		if (bases[i] == NULL || bases[i][0] != '/')
			continue;
		/* Named as avs_editor_sweep() knows it: a purge killed
		 * before it removed its keyring leaves public keys only, and
		 * the next run of any tool removes them. */
		home = avs_xasprintf("%s/avslut-keys-%ld-XXXXXX", bases[i],
		    (long)getpid());
		if (mkdtemp(home) == NULL) {
			free(home);
			home = NULL;
		}
	}
	if (home == NULL)
		return avs_failerr(err, AVS_ERUN, "%s", _("cannot make a "
		    "throwaway keyring"));
	/* gpg would start an agent to import; nothing here needs one. */
	if ((fd = openat(AT_FDCWD, home, O_RDONLY | O_DIRECTORY)) < 0 ||
	    avs_atomic_write(fd, home, "gpg.conf", "no-autostart\n", 13, 0, 1,
	    err) != 0) {
		if (fd >= 0)
			close(fd);
		remove_home(home);
		free(home);
		return avs_fail(err, AVS_ERUN, "%s", _("cannot make a "
		    "throwaway keyring"));
	}
	close(fd);
	c = avs_xcalloc(1, sizeof(*c));
	c->home = home;
	if ((e = new_ctx(&c->ctx)) != 0 ||
	    (e = gpgme_ctx_set_engine_info(c->ctx, GPGME_PROTOCOL_OpenPGP,
	    NULL, home)) != 0) {
		avs_crypto_free(c);
		return gfail(err, AVS_ERUN, e, _("cannot start gpgme"));
	}
	*out = c;
	return 0;
}

static struct keyent *
cache_find(struct avs_crypto *c, const char *fpr)
{
	size_t i;

	for (i = 0; i < c->nkeys; i++)
		if (strcmp(c->keys[i].fpr, fpr) == 0)
			return &c->keys[i];
	return NULL;
}

/* Forget a key, so the next lookup asks gpg again (after an import). */
static void
cache_forget(struct avs_crypto *c, const char *fpr)
{
	struct keyent *k = cache_find(c, fpr);

	if (k == NULL)
		return;
	if (k->key != NULL)
		gpgme_key_unref(k->key);
	*k = c->keys[--c->nkeys];
}

static void
cache_add(struct avs_crypto *c, const char *fpr, gpgme_key_t key)
{
	struct keyent *k;

	c->keys = avs_xreallocarray(c->keys, c->nkeys + 1, sizeof(*c->keys));
	k = &c->keys[c->nkeys++];
	memcpy(k->fpr, fpr, AVS_FPRLEN + 1);
	k->key = key;
}

/* One keylist run into the cache: the keys of pat (NULL: every key of
 * the keyring) not yet in it. */
static int
list_keys(struct avs_crypto *c, const char **pat, struct avs_err *err)
{
	gpgme_key_t key;
	gpgme_error_t e;
	int rc = 0;

	if ((e = pat != NULL ? gpgme_op_keylist_ext_start(c->ctx, pat, 0, 0) :
	    gpgme_op_keylist_start(c->ctx, NULL, 0)) != 0)
		return gfail(err, AVS_ERUN, e, _("cannot list keys"));
	while ((e = gpgme_op_keylist_next(c->ctx, &key)) == 0) {
		/* A pattern may match a subkey; we pin primary keys. */
		if (key->fpr != NULL && strlen(key->fpr) == AVS_FPRLEN &&
		    cache_find(c, key->fpr) == NULL &&
		    (pat == NULL || avs_lookup(pat, key->fpr) >= 0))
			cache_add(c, key->fpr, key);
		else
			gpgme_key_unref(key);
	}
	if (gpg_err_code(e) != GPG_ERR_EOF)
		rc = gfail(err, AVS_ERUN, e, _("cannot list keys"));
	gpgme_op_keylist_end(c->ctx);
	return rc;
}

/* Fill the cache for every fingerprint not yet in it: one keylist run. */
static int
lookup(struct avs_crypto *c, const char *const *fprs, size_t n,
    struct avs_err *err)
{
	const char **pat;
	size_t i, np = 0;
	int rc;

	pat = avs_xcalloc(n + 1, sizeof(*pat));
	for (i = 0; i < n; i++)
		if (cache_find(c, fprs[i]) == NULL)
			pat[np++] = fprs[i];
	if (np == 0) {
		free(pat);
		return 0;
	}
	rc = list_keys(c, pat, err);
	for (i = 0; rc == 0 && i < np; i++)
		if (cache_find(c, pat[i]) == NULL)
			cache_add(c, pat[i], NULL);
	free(pat);
	return rc;
}

static int
check_key(const struct keyent *k, int use, struct avs_err *err)
{
	gpgme_key_t key = k->key;

	if (key == NULL)
		return avs_fail(err, AVS_ERUN, _("key %s is not in the "
		    "keyring"), k->fpr);
	if (key->revoked)
		return avs_fail(err, AVS_ERUN, _("key %s is revoked"), k->fpr);
	if (key->expired && !(use & AVS_USE_VERIFY))
		return avs_fail(err, AVS_ERUN, _("key %s has expired"), k->fpr);
	if (key->disabled)
		return avs_fail(err, AVS_ERUN, _("key %s is disabled"), k->fpr);
	if (key->invalid)
		return avs_fail(err, AVS_ERUN, _("key %s is invalid"), k->fpr);
	if ((use & AVS_USE_ENCRYPT) && !key->can_encrypt)
		return avs_fail(err, AVS_ERUN, _("key %s has no usable "
		    "encryption subkey"), k->fpr);
	if ((use & AVS_USE_SIGN) && !key->can_sign)
		return avs_fail(err, AVS_ERUN, _("key %s cannot sign"),
		    k->fpr);
	return 0;
}

int
avs_crypto_check_keys(struct avs_crypto *c, const char *const *fprs,
    size_t n, int use, struct avs_err *err)
{
	size_t i;
	int rc;

	if ((rc = lookup(c, fprs, n, err)) != 0)
		return rc;
	for (i = 0; i < n; i++)
		if ((rc = check_key(cache_find(c, fprs[i]), use, err)) != 0)
			return rc;
	return 0;
}

int
avs_crypto_key_name(struct avs_crypto *c, const char *fpr, char **name,
    struct avs_err *err)
{
	const struct keyent *k;
	int rc;

	if ((rc = lookup(c, &fpr, 1, err)) != 0)
		return rc;
	k = cache_find(c, fpr);
	if ((rc = check_key(k, 0, err)) != 0)
		return rc;
	if (k->key->uids != NULL && k->key->uids->name != NULL &&
	    *k->key->uids->name != '\0')
		*name = avs_xstrdup(k->key->uids->name);
	else if (k->key->uids != NULL && k->key->uids->email != NULL)
		*name = avs_xstrdup(k->key->uids->email);
	else
		*name = avs_xstrdup(fpr);
	return 0;
}

/* The secret key fpr (a reference owned by c), or NULL: each looked up
 * once a process, for every lookup costs gpg two runs. */
static gpgme_key_t
secret_key(struct avs_crypto *c, const char *fpr)
{
	struct keyent *k;
	size_t i;

	for (i = 0; i < c->nsecrets; i++)
		if (strcmp(c->secrets[i].fpr, fpr) == 0)
			return c->secrets[i].key;
	c->secrets = avs_xreallocarray(c->secrets, c->nsecrets + 1,
	    sizeof(*c->secrets));
	k = &c->secrets[c->nsecrets++];
	snprintf(k->fpr, sizeof(k->fpr), "%s", fpr);
	if (gpgme_get_key(c->ctx, fpr, &k->key, 1) != 0)
		k->key = NULL;
	return k->key;
}

int
avs_crypto_has_secret(struct avs_crypto *c, const char *fpr)
{
	return secret_key(c, fpr) != NULL;
}

/* gpgme data over a secure buffer: what gpg writes lands in our buffer,
 * which is wiped on growth and on free. */
static ssize_t
buf_write_cb(void *hook, const void *data, size_t n)
{
	avs_buf_add(hook, data, n);
	return (ssize_t)n;
}

/* Plaintext passes through gpgme's own buffers of a data object too: have
 * gpgme wipe them.  (Best effort: a gpgme before 1.17 does not know how.) */
static void
sensitive(gpgme_data_t dh)
{
	(void)gpgme_data_set_flag(dh, "sensitive", "1");
}

static int
out_data(struct avs_buf *out, gpgme_data_t *dh, struct gpgme_data_cbs *cbs,
    struct avs_err *err)
{
	gpgme_error_t e;

	memset(cbs, 0, sizeof(*cbs));
	cbs->write = buf_write_cb;
	avs_buf_reset(out);
	if ((e = gpgme_data_new_from_cbs(dh, cbs, out)) != 0)
		return gfail(err, AVS_ERUN, e, "gpgme");
	sensitive(*dh);
	return 0;
}

static int
in_data(const void *p, size_t len, gpgme_data_t *dh, struct avs_err *err)
{
	gpgme_error_t e;

	if ((e = gpgme_data_new_from_mem(dh, p, len, 0)) != 0)
		return gfail(err, AVS_ERUN, e, "gpgme");
	sensitive(*dh);
	return 0;
}

static int
set_recipients(struct avs_crypto *c, const char *const *rcpt, size_t n,
    gpgme_key_t **keys, struct avs_err *err)
{
	size_t i;
	int rc;

	if (n == 0)
		return avs_fail(err, AVS_ERUN, _("no recipients"));
	if ((rc = avs_crypto_check_keys(c, rcpt, n, AVS_USE_ENCRYPT,
	    err)) != 0)
		return rc;
	*keys = avs_xcalloc(n + 1, sizeof(**keys));
	for (i = 0; i < n; i++)
		(*keys)[i] = cache_find(c, rcpt[i])->key;
	return 0;
}

static int
check_encrypt_result(struct avs_crypto *c, struct avs_err *err)
{
	gpgme_encrypt_result_t r = gpgme_op_encrypt_result(c->ctx);
	char buf[200];

	if (r != NULL && r->invalid_recipients != NULL) {
		gpgme_strerror_r(r->invalid_recipients->reason, buf,
		    sizeof(buf));
		return avs_fail(err, AVS_ERUN, _("recipient %s refused: %s"),
		    r->invalid_recipients->fpr ? r->invalid_recipients->fpr :
		    "?", buf);
	}
	return 0;
}

/* Exactly one signature, by signer: gpg.conf's local-user (or a default
 * key) would add a second. */
static int
check_sign_result(struct avs_crypto *c, const char *signer,
    struct avs_err *err)
{
	gpgme_sign_result_t r = gpgme_op_sign_result(c->ctx);
	gpgme_new_signature_t s;
	char buf[200];

	if (r == NULL)
		return avs_fail(err, AVS_ERUN, _("signing produced no result"));
	if (r->invalid_signers != NULL) {
		gpgme_strerror_r(r->invalid_signers->reason, buf, sizeof(buf));
		if (r->invalid_signers->fpr != NULL &&
		    strcasecmp(r->invalid_signers->fpr, signer) != 0)
			return avs_fail(err, AVS_EPOLICY, _("gpg was told to "
			    "sign with key %s too (local-user in gpg.conf?) "
			    "and cannot: %s; exactly one signature, by %s, is "
			    "wanted"), r->invalid_signers->fpr, buf, signer);
		return avs_fail(err, AVS_ERUN, _("signing key %s refused: %s"),
		    r->invalid_signers->fpr ? r->invalid_signers->fpr : "?",
		    buf);
	}
	if (r->signatures == NULL)
		return avs_fail(err, AVS_ERUN, _("expected exactly one "
		    "signature"));
	for (s = r->signatures; r->signatures->next != NULL && s != NULL;
	    s = s->next)
		if (s->fpr != NULL && strcasecmp(s->fpr, signer) != 0)
			return avs_fail(err, AVS_EPOLICY, _("gpg signed with key "
			    "%s too (local-user or default-key in gpg.conf?): "
			    "exactly one signature, by %s, is wanted"), s->fpr,
			    signer);
	if (r->signatures->next != NULL)
		return avs_fail(err, AVS_ERUN, _("expected exactly one "
		    "signature"));
	return 0;
}

/* Make signer the one signer of the context; *skey to unref after. */
static int
set_signer(struct avs_crypto *c, const char *signer, gpgme_key_t *skey,
    struct avs_err *err)
{
	struct keyent k;

	gpgme_signers_clear(c->ctx);
	if ((*skey = secret_key(c, signer)) == NULL)
		return avs_fail(err, AVS_ERUN, _("no secret key %s to sign "
		    "with"), signer);
	gpgme_key_ref(*skey);
	/* Messages name the key by the fingerprint asked for. */
	snprintf(k.fpr, sizeof(k.fpr), "%s", signer);
	k.key = *skey;
	if (check_key(&k, AVS_USE_SIGN, err) != 0)
		return err != NULL ? err->status : AVS_ERUN;
	gpgme_signers_add(c->ctx, *skey);
	return 0;
}

static int
encrypt_common(struct avs_crypto *c, const char *const *rcpt, size_t n,
    const char *signer, gpgme_encrypt_flags_t extra, const void *plain,
    size_t len, struct avs_buf *out, struct avs_err *err)
{
	gpgme_data_t in = NULL, cipher = NULL;
	struct gpgme_data_cbs cbs;
	gpgme_key_t *keys = NULL, skey = NULL;
	gpgme_encrypt_flags_t fl = GPGME_ENCRYPT_ALWAYS_TRUST |
	    GPGME_ENCRYPT_NO_ENCRYPT_TO | extra;
	gpgme_error_t e;
	int rc;

	if ((rc = set_recipients(c, rcpt, n, &keys, err)) != 0)
		return rc;
	gpgme_signers_clear(c->ctx);
	if (signer != NULL && (rc = set_signer(c, signer, &skey, err)) != 0)
		goto done;
	if ((rc = in_data(plain, len, &in, err)) != 0 ||
	    (rc = out_data(out, &cipher, &cbs, err)) != 0)
		goto done;
	if (signer != NULL)
		e = gpgme_op_encrypt_sign_ext(c->ctx, keys, NULL, fl, in,
		    cipher);
	else
		e = gpgme_op_encrypt_ext(c->ctx, keys, NULL, fl, in, cipher);
	if ((rc = check_encrypt_result(c, err)) != 0)
		goto done;
	if (signer != NULL && (rc = check_sign_result(c, signer, err)) != 0)
		goto done;
	if (e != 0)
		rc = gfail(err, AVS_ERUN, e, signer != NULL ?
		    _("cannot sign and encrypt") : _("cannot encrypt"));
done:
	gpgme_signers_clear(c->ctx);
	if (skey != NULL)
		gpgme_key_unref(skey);
	gpgme_data_release(in);
	gpgme_data_release(cipher);
	free(keys);
	if (rc != 0)
		avs_buf_reset(out);
	return rc;
}

int
avs_crypto_encrypt(struct avs_crypto *c, const char *const *rcpt, size_t n,
    const char *signer, const void *plain, size_t len, struct avs_buf *out,
    struct avs_err *err)
{
	return encrypt_common(c, rcpt, n, signer, 0, plain, len, out, err);
}

int
avs_crypto_clearsign(struct avs_crypto *c, const char *signer,
    const void *text, size_t len, struct avs_buf *out, struct avs_err *err)
{
	gpgme_data_t in = NULL, sig = NULL;
	struct gpgme_data_cbs cbs;
	gpgme_key_t skey = NULL;
	gpgme_error_t e;
	int rc;

	if ((rc = set_signer(c, signer, &skey, err)) != 0 ||
	    (rc = in_data(text, len, &in, err)) != 0 ||
	    (rc = out_data(out, &sig, &cbs, err)) != 0)
		goto done;
	e = gpgme_op_sign(c->ctx, in, sig, GPGME_SIG_MODE_CLEAR);
	if ((rc = check_sign_result(c, signer, err)) == 0 && e != 0)
		rc = gfail(err, AVS_ERUN, e, _("cannot sign"));
done:
	gpgme_signers_clear(c->ctx);
	if (skey != NULL)
		gpgme_key_unref(skey);
	gpgme_data_release(in);
	gpgme_data_release(sig);
	if (rc != 0)
		avs_buf_reset(out);
	return rc;
}

int
avs_crypto_wrap(struct avs_crypto *c, const char *const *rcpt, size_t n,
    const void *inner, size_t len, struct avs_buf *out, struct avs_err *err)
{
	return encrypt_common(c, rcpt, n, NULL, GPGME_ENCRYPT_WRAP, inner, len,
	    out, err);
}

static void
note_signatures(struct avs_crypto *c, struct avs_decinfo *info)
{
	gpgme_verify_result_t v = gpgme_op_verify_result(c->ctx);
	gpgme_signature_t s;
	char buf[120];

	info->nsigs = 0;
	info->sig_good = 0;
	info->sig_key_expired = 0;
	info->sig_time = 0;
	info->signer[0] = '\0';
	snprintf(info->why, sizeof(info->why), "%s", _("not signed"));
	if (v == NULL)
		return;
	for (s = v->signatures; s != NULL; s = s->next)
		info->nsigs++;
	if (info->nsigs == 0)
		return;
	s = v->signatures;
	if (s->fpr != NULL)
		snprintf(info->signer, sizeof(info->signer), "%s", s->fpr);
	if (info->nsigs > 1)
		snprintf(info->why, sizeof(info->why), _("%d signatures "
		    "(exactly one is expected)"), info->nsigs);
	else if (gpgme_err_code(s->status) == GPG_ERR_KEY_EXPIRED &&
	    !s->wrong_key_usage && s->validity != GPGME_VALIDITY_NEVER &&
	    (s->summary & BAD_SUMMARY & ~GPGME_SIGSUM_KEY_EXPIRED) == 0) {
		/* A good signature by a key that has expired since: it counts
		 * if it was made while the key was valid, which only the key
		 * tells (avs_crypto_signer_allowed). */
		info->sig_good = 1;
		info->sig_key_expired = 1;
		info->sig_time = (long)s->timestamp;
		info->why[0] = '\0';
	} else if (gpgme_err_code(s->status) != GPG_ERR_NO_ERROR) {
		gpgme_strerror_r(s->status, buf, sizeof(buf));
		snprintf(info->why, sizeof(info->why), _("bad signature: %s"),
		    buf);
	} else if (s->wrong_key_usage)
		snprintf(info->why, sizeof(info->why), "%s",
		    _("signed with a key not meant for signing"));
	else if ((s->summary & BAD_SUMMARY) != 0 ||
	    s->validity == GPGME_VALIDITY_NEVER)
		snprintf(info->why, sizeof(info->why), _("signature not valid "
		    "(summary 0x%x)"), (unsigned)s->summary);
	else {
		info->sig_good = 1;
		info->sig_time = (long)s->timestamp;
		info->why[0] = '\0';
	}
}

static void
note_key(struct avs_crypto *c, struct avs_decinfo *info)
{
	gpgme_decrypt_result_t d = gpgme_op_decrypt_result(c->ctx);
	gpgme_recipient_t r;

	info->key[0] = '\0';
	info->nrcpt = 0;
	if (d == NULL)
		return;
	for (r = d->recipients; r != NULL; r = r->next) {
		if (info->nrcpt < AVS_MAXRCPT)
			snprintf(info->rcpt[info->nrcpt],
			    sizeof(info->rcpt[0]), "%s",
			    r->keyid != NULL ? r->keyid : "");
		info->nrcpt++;
		if (info->key[0] == '\0' &&
		    gpgme_err_code(r->status) == GPG_ERR_NO_ERROR &&
		    r->keyid != NULL)
			snprintf(info->key, sizeof(info->key), "%s", r->keyid);
	}
}

static int
decrypt_common(struct avs_crypto *c, gpgme_decrypt_flags_t fl,
    const void *cipher, size_t len, struct avs_buf *plain,
    struct avs_decinfo *info, struct avs_err *err)
{
	gpgme_data_t in = NULL, out = NULL;
	struct gpgme_data_cbs cbs;
	gpgme_error_t e;
	int rc;

	c->no_key = c->locked = 0;
	memset(info, 0, sizeof(*info));
	if ((rc = in_data(cipher, len, &in, err)) != 0 ||
	    (rc = out_data(plain, &out, &cbs, err)) != 0)
		goto done;
	e = gpgme_op_decrypt_ext(c->ctx, fl, in, out);
	note_key(c, info);
	switch (gpgme_err_code(e)) {
	case GPG_ERR_NO_ERROR:
		if (fl & GPGME_DECRYPT_VERIFY)
			note_signatures(c, info);
		break;
	case GPG_ERR_NO_SECKEY:
		c->no_key = 1;
		rc = avs_fail(err, AVS_ERUN, "%s", _("no secret key to "
		    "decrypt it"));
		break;
	case GPG_ERR_NO_PIN_ENTRY:
	case GPG_ERR_NO_PASSPHRASE:
	case GPG_ERR_BAD_PASSPHRASE:
	case GPG_ERR_NO_PIN:
	case GPG_ERR_CANCELED:
	case GPG_ERR_FULLY_CANCELED:
		c->locked = 1;
		rc = gfail(err, AVS_ERUN, e, _("cannot unlock the secret key"));
		break;
	case GPG_ERR_NO_DATA:
	case GPG_ERR_BAD_DATA:
	case GPG_ERR_INV_PACKET:
	case GPG_ERR_CHECKSUM:
	case GPG_ERR_BAD_MPI:
	case GPG_ERR_INV_ARMOR:
	case GPG_ERR_DECRYPT_FAILED:
		rc = gfail(err, AVS_EINTEGRITY, e, _("corrupt"));
		break;
	default:
		rc = gfail(err, AVS_ERUN, e, _("cannot decrypt"));
		break;
	}
done:
	gpgme_data_release(in);
	gpgme_data_release(out);
	if (rc != 0)
		avs_buf_reset(plain);
	return rc;
}

int
avs_crypto_decrypt(struct avs_crypto *c, const void *cipher, size_t len,
    struct avs_buf *plain, struct avs_decinfo *info, struct avs_err *err)
{
	return decrypt_common(c, GPGME_DECRYPT_VERIFY, cipher, len, plain,
	    info, err);
}

int
avs_crypto_unwrap(struct avs_crypto *c, const void *cipher, size_t len,
    struct avs_buf *inner, struct avs_decinfo *info, struct avs_err *err)
{
	return decrypt_common(c, GPGME_DECRYPT_UNWRAP, cipher, len, inner,
	    info, err);
}

#define CLEAR_BEGIN "-----BEGIN PGP SIGNED MESSAGE-----\n"
#define SIG_END "-----END PGP SIGNATURE-----\n"

size_t
avs_clear_lines(const char *data)
{
	const char *blank = strstr(data, "\n\n");
	size_t n = 0;

	for (; blank != NULL && data <= blank; data++)
		if (*data == '\n')
			n++;
	return n + (blank != NULL);
}

int
avs_crypto_verify_clear(struct avs_crypto *c, const void *data, size_t len,
    struct avs_buf *text, struct avs_decinfo *info, struct avs_err *err)
{
	const char *p = data, *end;
	gpgme_data_t in = NULL, out = NULL;
	struct gpgme_data_cbs cbs;
	gpgme_error_t e;
	int rc;

	memset(info, 0, sizeof(*info));
	/* One clearsigned message and nothing else: gpg would verify the
	 * signed part and pass over text around it, which we would not
	 * see. */
	end = len >= sizeof(SIG_END) - 1 ? memmem(p, len, SIG_END,
	    sizeof(SIG_END) - 1) : NULL;
	if (len < sizeof(CLEAR_BEGIN) - 1 ||
	    memcmp(p, CLEAR_BEGIN, sizeof(CLEAR_BEGIN) - 1) != 0 ||
	    end == NULL || end + sizeof(SIG_END) - 1 != p + len ||
	    memmem(p + 1, len - 1, CLEAR_BEGIN, sizeof(CLEAR_BEGIN) - 1) !=
	    NULL)
		return avs_fail(err, AVS_EINTEGRITY, "%s", _("not one "
		    "clearsigned message"));
	if ((rc = in_data(data, len, &in, err)) != 0 ||
	    (rc = out_data(text, &out, &cbs, err)) != 0)
		goto done;
	e = gpgme_op_verify(c->ctx, in, NULL, out);
	if (e != 0)
		rc = gfail(err, AVS_EINTEGRITY, e, _("cannot verify"));
	else
		note_signatures(c, info);
done:
	gpgme_data_release(in);
	gpgme_data_release(out);
	if (rc != 0)
		avs_buf_reset(text);
	return rc;
}

int
avs_crypto_no_key(const struct avs_crypto *c)
{
	return c->no_key;
}

int
avs_crypto_signer_allowed(struct avs_crypto *c,
    const struct avs_decinfo *info, const char *const *allowed, size_t n,
    char *why, size_t whylen)
{
	const struct keyent *k;
	gpgme_subkey_t sk;
	size_t i;

	if (!info->sig_good) {
		snprintf(why, whylen, "%s", info->why);
		return 0;
	}
	if (lookup(c, allowed, n, NULL) != 0) {
		snprintf(why, whylen, "%s", _("cannot list the allowed keys"));
		return 0;
	}
	for (i = 0; i < n; i++) {
		k = cache_find(c, allowed[i]);
		if (k == NULL || k->key == NULL)
			continue;
		for (sk = k->key->subkeys; sk != NULL; sk = sk->next) {
			if (sk->fpr == NULL || !sk->can_sign ||
			    strcasecmp(sk->fpr, info->signer) != 0)
				continue;
			if (!info->sig_key_expired)
				return 1;
			if (!sk->revoked && sk->expires > 0 &&
			    info->sig_time > 0 && info->sig_time < sk->expires)
				return 1;
			snprintf(why, whylen, _("signed by %s after the key "
			    "expired"), info->signer);
			return 0;
		}
	}
	snprintf(why, whylen, _("signed by %s, a key not allowed to seal"),
	    info->signer);
	return 0;
}

int
avs_crypto_export(struct avs_crypto *c, const char *fpr, struct avs_buf *out,
    struct avs_err *err)
{
	gpgme_data_t dh = NULL;
	struct gpgme_data_cbs cbs;
	const char *pat[2] = { fpr, NULL };
	gpgme_error_t e;
	int rc;

	if ((rc = out_data(out, &dh, &cbs, err)) != 0)
		return rc;
	e = gpgme_op_export_ext(c->ctx, pat, GPGME_EXPORT_MODE_MINIMAL, dh);
	gpgme_data_release(dh);
	if (e != 0)
		return gfail(err, AVS_ERUN, e, fpr);
	if (out->len == 0)
		return avs_fail(err, AVS_ERUN, _("key %s is not in the "
		    "keyring"), fpr);
	return 0;
}

int
avs_crypto_export_keys(struct avs_crypto *c, const char *const *fprs,
    size_t n, struct avs_buf *out, struct avs_err *err)
{
	gpgme_data_t dh = NULL;
	struct gpgme_data_cbs cbs;
	const char **pat;
	gpgme_error_t e;
	int rc;

	if ((rc = out_data(out, &dh, &cbs, err)) != 0)
		return rc;
	pat = avs_xcalloc(n + 1, sizeof(*pat));
	memcpy(pat, fprs, n * sizeof(*pat));
	e = gpgme_op_export_ext(c->ctx, pat, GPGME_EXPORT_MODE_MINIMAL, dh);
	gpgme_data_release(dh);
	free(pat);
	if (e != 0)
		return gfail(err, AVS_ERUN, e, _("cannot export keys"));
	return 0;
}

int
avs_crypto_import_all(struct avs_crypto *c, const void *data, size_t len,
    struct avs_err *err)
{
	gpgme_data_t dh = NULL;
	gpgme_error_t e;
	int rc;

	if (c->home == NULL)
		return avs_fail(err, AVS_ERUN, "%s", _("keys are imported "
		    "unchecked only into a throwaway keyring"));
	if (len == 0)
		return 0;
	if ((rc = in_data(data, len, &dh, err)) != 0)
		return rc;
	e = gpgme_op_import(c->ctx, dh);
	gpgme_data_release(dh);
	if (e != 0)
		return gfail(err, AVS_ERUN, e, _("cannot import keys"));
	/* Every key looked up once, here, rather than once per message. */
	return list_keys(c, NULL, err);
}

int
avs_crypto_import(struct avs_crypto *c, const void *data, size_t len,
    const char *fpr, struct avs_err *err)
{
	gpgme_data_t dh = NULL;
	gpgme_key_t key;
	gpgme_import_result_t r;
	gpgme_error_t e;
	int nkeys = 0, match = 0, rc = 0;

	if ((rc = in_data(data, len, &dh, err)) != 0)
		return rc;
	/* Look before importing: the data must hold that one key only. */
	if ((e = gpgme_op_keylist_from_data_start(c->ctx, dh, 0)) != 0) {
		rc = gfail(err, AVS_ERUN, e, fpr);
		goto done;
	}
	while (gpgme_op_keylist_next(c->ctx, &key) == 0) {
		nkeys++;
		if (key->fpr != NULL && strcasecmp(key->fpr, fpr) == 0)
			match = 1;
		gpgme_key_unref(key);
	}
	gpgme_op_keylist_end(c->ctx);
	if (nkeys != 1 || !match) {
		rc = avs_fail(err, AVS_ERUN, _("the stored public key does not "
		    "match fingerprint %s"), fpr);
		goto done;
	}
	gpgme_data_seek(dh, 0, SEEK_SET);
	if ((e = gpgme_op_import(c->ctx, dh)) != 0) {
		rc = gfail(err, AVS_ERUN, e, fpr);
		goto done;
	}
	r = gpgme_op_import_result(c->ctx);
	if (r == NULL || r->considered != 1 || r->not_imported != 0)
		rc = avs_fail(err, AVS_ERUN, _("cannot import key %s"), fpr);
	cache_forget(c, fpr);
done:
	gpgme_data_release(dh);
	return rc;
}

int
avs_crypto_locked(const struct avs_crypto *c)
{
	return c->locked;
}

/* The index of the key among fprs with a usable encryption subkey keyid
 * (a message to a revoked or expired subkey is not current). */
static int
rcpt_owner(struct avs_crypto *c, const char *keyid, const char *const *fprs,
    size_t n)
{
	const struct keyent *k;
	gpgme_subkey_t sk;
	size_t i;

	for (i = 0; i < n; i++) {
		if ((k = cache_find(c, fprs[i])) == NULL || k->key == NULL)
			continue;
		for (sk = k->key->subkeys; sk != NULL; sk = sk->next)
			if (sk->can_encrypt && !sk->revoked && !sk->expired &&
			    !sk->disabled && !sk->invalid &&
			    sk->keyid != NULL && strcasecmp(sk->keyid, keyid) == 0)
				return (int)i;
	}
	return -1;
}

int
avs_crypto_rcpt_match(struct avs_crypto *c, const struct avs_decinfo *info,
    const char *const *fprs, size_t n)
{
	unsigned char *seen;
	int i, who, match = 1;

	if (info->nrcpt < 0 || (size_t)info->nrcpt != n ||
	    info->nrcpt > AVS_MAXRCPT || lookup(c, fprs, n, NULL) != 0)
		return 0;
	seen = avs_xcalloc(n ? n : 1, 1);
	for (i = 0; i < info->nrcpt && match; i++) {
		who = rcpt_owner(c, info->rcpt[i], fprs, n);
		if (who < 0 || seen[who]++)
			match = 0;
	}
	free(seen);
	return match;
}
