/*
 * Unit tests: lib/crypto.c.  Run by tests/0050-crypto.t, which provides a
 * throwaway GNUPGHOME and the fingerprints: h-crypto HR MGR SIGNONLY.
 */
#include <stdlib.h>

#include "crypto.h"
#include "tap.h"

/* Encrypt msg to rcpt, unsigned, and decrypt it again: whether it comes
 * back whole. */
static int
round_trip(struct avs_crypto *c, const char *const *rcpt, size_t n,
    const char *msg)
{
	struct avs_err err = AVS_ERR_INIT;
	struct avs_buf ct = AVS_BUF_INIT, pt = AVS_BUF_INIT;
	struct avs_decinfo info;
	int good;

	good = avs_crypto_encrypt(c, rcpt, n, NULL, msg, strlen(msg), &ct,
	    &err) == 0 &&
	    avs_crypto_decrypt(c, ct.p, ct.len, &pt, &info, &err) == 0 &&
	    strcmp(pt.p, msg) == 0;
	avs_buf_free(&ct);
	avs_buf_free(&pt);
	return good;
}

int
main(int argc, char *argv[])
{
	struct avs_err err = AVS_ERR_INIT;
	struct avs_crypto *c;
	struct avs_buf ct = AVS_BUF_INIT, pt = AVS_BUF_INIT, in = AVS_BUF_INIT,
	    ct2 = AVS_BUF_INIT;
	struct avs_decinfo info;
	const char *msg = "Hemlig text: åäö\n";
	const char *hr, *mgr, *so, *both[2];
	const char *missing = "0123456789ABCDEF0123456789ABCDEF01234567";
	char why[200], fpr[41];
	size_t mid;

	if (argc != 5) {
		printf("1..0 # SKIP run by 0050-crypto.t\n");
		return 0;
	}
	hr = argv[1];
	mgr = argv[2];
	so = argv[3];
	both[0] = hr;
	both[1] = mgr;
	ok(avs_fpr_parse("0123456789abcdef0123456789abcdef01234567", fpr) == 0 &&
	    strcmp(fpr, missing) == 0, "fingerprints normalised");
	ok(avs_fpr_parse("0123456789ABCDEF", fpr) != 0, "a key id is not a "
	    "fingerprint");
	ok(avs_crypto_init(&err) == 0, "init");
	ok(avs_crypto_new(&c, &err) == 0, "new context");

	ok(avs_crypto_check_keys(c, both, 2, AVS_USE_ENCRYPT, &err) == 0,
	    "both keys usable");
	ok(avs_crypto_check_keys(c, &so, 1, AVS_USE_ENCRYPT, &err) ==
	    AVS_ERUN && strstr(err.msg, "no usable encryption subkey"),
	    "a sign-only key cannot be a recipient");
	ok(avs_crypto_check_keys(c, &missing, 1, 0, &err) == AVS_ERUN &&
	    strstr(err.msg, missing) != NULL, "a missing key is named");
	{
		const char *three[3] = { hr, missing, mgr };

		ok(avs_crypto_encrypt(c, three, 3, NULL, msg, strlen(msg), &ct,
		    &err) == AVS_ERUN && ct.len == 0, "one missing recipient "
		    "fails the whole encryption, nothing written");
	}

	ok(avs_crypto_encrypt(c, both, 2, NULL, msg, strlen(msg), &ct,
	    &err) == 0, "encrypt");
	ok(strncmp(ct.p, "-----BEGIN PGP MESSAGE-----\n", 28) == 0, "armored");
	ok(strstr(ct.p, "Hemlig") == NULL, "no plaintext in the output");
	ok(avs_crypto_decrypt(c, ct.p, ct.len, &pt, &info, &err) == 0,
	    "decrypt");
	is_str(pt.p, msg, "same text");
	is_int(strlen(info.key), 16, "the decryption key id is known");
	ok(info.nsigs == 0 && !info.sig_good, "an unsigned message has no "
	    "good signature");
	ok(!avs_crypto_signer_allowed(c, &info, both, 2, why, sizeof(why)),
	    "an unsigned message is not sealed (%s)", why);

	ok(avs_crypto_encrypt(c, both, 2, hr, msg, strlen(msg), &ct,
	    &err) == 0, "sign and encrypt");
	ok(avs_crypto_decrypt(c, ct.p, ct.len, &pt, &info, &err) == 0 &&
	    info.nsigs == 1 && info.sig_good, "one good signature");
	ok(avs_crypto_signer_allowed(c, &info, &hr, 1, why, sizeof(why)),
	    "signer allowed when listed");
	ok(!avs_crypto_signer_allowed(c, &info, &mgr, 1, why, sizeof(why)) &&
	    strstr(why, "not allowed") != NULL, "and refused when not");
	ok(avs_crypto_encrypt(c, both, 2, so, msg, strlen(msg), &ct2,
	    &err) == 0, "sign with a sign-only key");

	/* Re-encryption keeps the signature: unwrap, wrap to MGR only. */
	ok(avs_crypto_unwrap(c, ct.p, ct.len, &in, &info, &err) == 0,
	    "unwrap");
	ok(memmem(in.p, in.len, "Hemlig", 6) != NULL || in.len > 0,
	    "the inner message");
	ok(avs_crypto_wrap(c, &mgr, 1, in.p, in.len, &ct2, &err) == 0, "wrap");
	ok(avs_crypto_decrypt(c, ct2.p, ct2.len, &pt, &info, &err) == 0 &&
	    info.sig_good && strcmp(pt.p, msg) == 0,
	    "the wrapped message decrypts and its signature is still good");
	ok(avs_crypto_signer_allowed(c, &info, &hr, 1, why, sizeof(why)),
	    "still signed by HR");

	/* Tampering. */
	mid = ct.len / 2;
	ct.p[mid] = ct.p[mid] == 'A' ? 'B' : 'A';
	ok(avs_crypto_decrypt(c, ct.p, ct.len, &pt, &info, &err) != 0 &&
	    pt.len == 0, "a flipped byte fails (%s)", err.msg);
	ok(avs_crypto_decrypt(c, "garbage", 7, &pt, &info, &err) != 0,
	    "garbage fails");

	{
		struct avs_buf big = AVS_BUF_INIT;
		size_t i;

		for (i = 0; i < 40000; i++)
			avs_buf_adds(&big, "Ett långt svar, rad för rad.\n");
		ok(round_trip(c, both, 2, big.p), "a 1.2 MB text goes through "
		    "an encryption whole");
		avs_buf_free(&big);
	}

	/* Export and checked import. */
	ok(avs_crypto_export(c, mgr, &in, &err) == 0 &&
	    strstr(in.p, "BEGIN PGP PUBLIC KEY BLOCK") != NULL, "export");
	ok(avs_crypto_import(c, in.p, in.len, hr, &err) == AVS_ERUN &&
	    strstr(err.msg, "does not match") != NULL,
	    "import refuses a key that is not the expected one");
	ok(avs_crypto_import(c, in.p, in.len, mgr, &err) == 0,
	    "import accepts the expected key");

	/* A signing key that has expired is refused by name. */
	ok(avs_crypto_encrypt(c, &hr, 1, argv[4], msg, strlen(msg), &ct,
	    &err) == AVS_ERUN && strstr(err.msg, argv[4]) != NULL &&
	    strstr(err.msg, "expired") != NULL,
	    "an expired signing key is named (%s)", err.msg);
	avs_buf_free(&ct);
	avs_buf_free(&ct2);
	avs_buf_free(&pt);
	avs_buf_free(&in);
	avs_crypto_free(c);
	return tap_done();
}
