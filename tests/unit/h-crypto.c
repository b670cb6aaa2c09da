/*
 * Unit tests: lib/crypto.c.  Run by tests/0050-crypto.t, which provides a
 * throwaway GNUPGHOME and the fingerprints: h-crypto HR MGR SIGNONLY.
 */
#include <dirent.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <unistd.h>

#include "crypto.h"
#include "tap.h"

/* Signal every child of this process (gpgme's double fork hands us its
 * gpg, as we are a subreaper): a Ctrl-C reaching the waiting gpg. */
static int
signal_children(int sig)
{
	DIR *d = opendir("/proc");
	struct dirent *de;
	char path[300], buf[512], *p;
	FILE *f;
	int n = 0, ppid;

	while (d != NULL && (de = readdir(d)) != NULL) {
		snprintf(path, sizeof(path), "/proc/%s/stat", de->d_name);
		if ((f = fopen(path, "r")) == NULL)
			continue;
		if (fgets(buf, sizeof(buf), f) != NULL &&
		    (p = strrchr(buf, ')')) != NULL &&
		    sscanf(p + 2, "%*c %d", &ppid) == 1 && ppid == getpid() &&
		    kill(atoi(de->d_name), sig) == 0)
			n++;
		fclose(f);
	}
	if (d != NULL)
		closedir(d);
	return n;
}

/* Encrypt msg to rcpt, unsigned, and decrypt it again: whether it comes
 * back whole, with `used` encryptions so far finished an early start. */
static int
round_trip(struct avs_crypto *c, const char *const *rcpt, size_t n,
    const char *msg, unsigned long used)
{
	struct avs_err err = AVS_ERR_INIT;
	struct avs_buf ct = AVS_BUF_INIT, pt = AVS_BUF_INIT;
	struct avs_decinfo info;
	int good;

	good = avs_crypto_encrypt(c, rcpt, n, NULL, msg, strlen(msg), &ct,
	    &err) == 0 && avs_crypto_early_used(c) == used &&
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

	if (argc != 4) {
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

	/* An encryption started before its plaintext exists. */
	prctl(PR_SET_CHILD_SUBREAPER, 1);
	ok(avs_crypto_prepare(c, both, 2) == 0, "an early encryption starts");
	ok(avs_crypto_encrypt(c, both, 2, NULL, msg, strlen(msg), &ct,
	    &err) == 0 && avs_crypto_early_used(c) == 1,
	    "the next encryption to the same keys finishes it");
	ok(avs_crypto_decrypt(c, ct.p, ct.len, &pt, &info, &err) == 0 &&
	    strcmp(pt.p, msg) == 0 && avs_crypto_rcpt_match(c, &info, both, 2),
	    "with the text given later, to exactly those keys");
	ok(avs_crypto_prepare(c, both, 2) == 0 &&
	    avs_crypto_encrypt(c, &mgr, 1, NULL, msg, strlen(msg), &ct,
	    &err) == 0 && avs_crypto_early_used(c) == 1 &&
	    avs_crypto_decrypt(c, ct.p, ct.len, &pt, &info, &err) == 0 &&
	    avs_crypto_rcpt_match(c, &info, &mgr, 1),
	    "to other keys: the ordinary way, to exactly the keys asked");
	ok(avs_crypto_prepare(c, both, 2) == 0 &&
	    avs_crypto_encrypt(c, both, 2, hr, msg, strlen(msg), &ct,
	    &err) == 0 && avs_crypto_early_used(c) == 1 &&
	    avs_crypto_decrypt(c, ct.p, ct.len, &pt, &info, &err) == 0 &&
	    info.sig_good, "signed: the ordinary way, and signed");
	ok(avs_crypto_prepare(c, both, 2) == 0, "started again");
	usleep(300000);
	ok(signal_children(SIGINT) >= 1 && signal_children(SIGHUP) >= 1,
	    "a Ctrl-C and a hangup reach the waiting gpg");
	usleep(100000);
	ok(round_trip(c, both, 2, msg, 2),
	    "it ignores them, as every gpg of a save does, and finishes");
	ok(avs_crypto_prepare(c, both, 2) == 0, "started again");
	usleep(300000);
	ok(signal_children(SIGKILL) >= 1, "the waiting gpg killed");
	usleep(100000);
	ok(round_trip(c, both, 2, msg, 2),
	    "the encryption still succeeds, the ordinary way");
	{
		struct rlimit rl, low;

		getrlimit(RLIMIT_NOFILE, &rl);
		low = rl;
		low.rlim_cur = 8;
		setrlimit(RLIMIT_NOFILE, &low);
		ok(avs_crypto_prepare(c, both, 2) != 0,
		    "no descriptors left: the early start fails, and no more");
		setrlimit(RLIMIT_NOFILE, &rl);
	}
	ok(avs_crypto_prepare(c, both, 2) == 0, "started again");
	avs_crypto_abandon(c);
	ok(avs_crypto_encrypt(c, both, 2, NULL, msg, strlen(msg), &ct,
	    &err) == 0 && avs_crypto_early_used(c) == 2,
	    "abandoned, and the next one runs the ordinary way");
	{
		struct avs_buf big = AVS_BUF_INIT;
		size_t i;

		for (i = 0; i < 40000; i++)
			avs_buf_adds(&big, "Ett långt svar, rad för rad.\n");
		ok(avs_crypto_prepare(c, both, 2) == 0 &&
		    avs_crypto_encrypt(c, both, 2, NULL, big.p, big.len, &ct,
		    &err) == 0 && avs_crypto_early_used(c) == 3 &&
		    avs_crypto_decrypt(c, ct.p, ct.len, &pt, &info, &err) == 0 &&
		    pt.len == big.len && memcmp(pt.p, big.p, big.len) == 0,
		    "a 1.2 MB text goes through an early encryption whole");
		avs_buf_free(&big);
	}
	ok(avs_crypto_prepare(c, &so, 1) != 0 && avs_crypto_early_used(c) == 3,
	    "no early encryption to a key that cannot encrypt");
	ok(avs_crypto_prepare(c, both, 2) == 0, "one left pending at the end "
	    "is stopped by avs_crypto_free");

	/* Export and checked import. */
	ok(avs_crypto_export(c, mgr, &in, &err) == 0 &&
	    strstr(in.p, "BEGIN PGP PUBLIC KEY BLOCK") != NULL, "export");
	ok(avs_crypto_import(c, in.p, in.len, hr, &err) == AVS_ERUN &&
	    strstr(err.msg, "does not match") != NULL,
	    "import refuses a key that is not the expected one");
	ok(avs_crypto_import(c, in.p, in.len, mgr, &err) == 0,
	    "import accepts the expected key");
	avs_buf_free(&ct);
	avs_buf_free(&ct2);
	avs_buf_free(&pt);
	avs_buf_free(&in);
	avs_crypto_free(c);
	return tap_done();
}
