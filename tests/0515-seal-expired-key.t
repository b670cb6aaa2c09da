#!/bin/sh
# A seal made while the sealer's key was valid stays valid after the key
# has expired; a revoked key's seals do not.
. "$(dirname "$0")/lib.sh"

answer() { "$AVSLUT_BUILD/tests/h-answer" "$@" || exit 99; }
HR=$(mkkey "HR Officer")
avslut-new --init --recipient="$HR" --retention-decision=x || exit 99
# A manager whose key expires in a few seconds.
gpg --batch --quiet --passphrase '' --quick-gen-key \
    "Kort Chef <kort@example.org>" ed25519 sign,cert seconds=12 2>/dev/null
MGR=$(gpg --list-keys --with-colons "=Kort Chef <kort@example.org>" 2>/dev/null |
    awk -F: '/^fpr/ { print $10; exit }')
gpg --batch --quiet --passphrase '' --quick-add-key "$MGR" cv25519 encr never 2>/dev/null
t0=$(date +%s)
id=$(register)
answer -a "$id"
expect 0 "sealed while the key is valid" avslut-seal "$id"
expect 0 "verifies" avslut-seal --verify "$id"
sleep $(( 13 - ($(date +%s) - t0) ))
gpg --list-keys --with-colons "$MGR" 2>/dev/null | grep -q '^pub:e:'; ok $? "the key has expired now"
expect 0 "the seal still verifies after the key expired" avslut-seal --verify "$id"
like "$out" "^$id ok" "ok"

# Revocation is another matter.
REV=$(mkkey "Revoked Chef")
MGR=$REV
id2=$(register)
answer -a "$id2"
expect 0 "sealed" avslut-seal "$id2"
gpg --batch --quiet --yes --import "$GNUPGHOME/openpgp-revocs.d/$REV.rev" 2>/dev/null ||
    sed 's/^:-----/-----/' "$GNUPGHOME/openpgp-revocs.d/$REV.rev" |
    gpg --batch --quiet --import 2>/dev/null
expect 4 "a seal by a key revoked since fails" avslut-seal --verify "$id2"
like "$out" "^$id2 FAILED" "named as failed"
done_testing
