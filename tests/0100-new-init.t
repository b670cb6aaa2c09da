#!/bin/sh
# avslut-new --init: a private store, its config and keys.
. "$(dirname "$0")/lib.sh"

HR=$(mkkey "HR Officer")
HR2=$(mkkey "HR Second")

expect 0 "init a store" avslut-new --init --recipient="$HR" \
    --recipient="$(echo "$HR2" | tr A-F a-f)" --retention-decision="KS 2026:12"
is "$(stat -c %a "$AVSLUT_STORE")" 700 "store is 0700"
is "$(stat -c %a "$AVSLUT_STORE/config")" 600 "config is 0600"
for d in records locks keys; do
	is "$(stat -c %a "$AVSLUT_STORE/$d")" 700 "$d/ is 0700"
done
like "$(config_text)" "- $HR2" "fingerprints normalised to upper case"
like "$(config_text)" 'decision: "KS 2026:12"' "decision reference kept"
test -s "$AVSLUT_STORE/keys/$HR.asc"; ok $? "recipient's public key carried in the store"
test -s "$AVSLUT_STORE/keys/$HR2.asc"; ok $? "second recipient's key carried"

expect 3 "init refuses an existing store" avslut-new --init --recipient="$HR"
like "$err" "already exists" "says it exists"

expect 2 "init without a recipient" avslut-new -S "$scratch/s2" --init
expect 2 "init with a short key id" avslut-new -S "$scratch/s2" --init --recipient=74ECC746
test -e "$scratch/s2"; ok $((! $?)) "no store left behind by bad usage"
expect 1 "init with an unknown key" avslut-new -S "$scratch/s3" --init \
    --recipient=0123456789ABCDEF0123456789ABCDEF01234567
like "$err" "0123456789ABCDEF0123456789ABCDEF01234567" "names the missing key"
test -e "$scratch/s3"; ok $((! $?)) "no store left behind by a missing key"

# Values for the config are checked before the store exists.
expect 2 "a question set name with a slash" avslut-new -S "$scratch/s7" --init \
    --recipient="$HR" --questions=../x
expect 1 "a question set that does not exist" avslut-new -S "$scratch/s7" --init \
    --recipient="$HR" --questions=nosuch
like "$err" 'question set "nosuch" not found' "names the set"
expect 2 "a marking of two lines" avslut-new -S "$scratch/s7" --init \
    --recipient="$HR" --marking="$(printf 'a\nb')"
expect 2 "a decision reference that is too long" avslut-new -S "$scratch/s7" \
    --init --recipient="$HR" --retention-decision="$(printf '%0201d' 0)"
test -e "$scratch/s7"; ok $((! $?)) "no store left behind by bad values"

# A key that cannot encrypt (sign-only) is refused, never silently dropped.
SIGNONLY=$(GNUPGHOME=$GNUPGHOME gpg --batch --quiet --passphrase '' \
    --quick-gen-key "Sign Only <so@example.org>" ed25519 sign never 2>/dev/null;
    gpg --list-keys --with-colons "=Sign Only <so@example.org>" |
    awk -F: '/^fpr/ { print $10; exit }')
expect 1 "init with a key that cannot encrypt" avslut-new -S "$scratch/s4" \
    --init --recipient="$HR" --recipient="$SIGNONLY"
like "$err" "no usable encryption subkey" "says why"

# Expired and revoked keys.
EXP=$(mkkey "Expiring Key")
gpg --batch --quiet --passphrase '' --quick-set-expire "$EXP" seconds=1 2>/dev/null
gpg --batch --quiet --passphrase '' --quick-set-expire "$EXP" seconds=1 '*' 2>/dev/null
sleep 2
expect 1 "init with an expired key" avslut-new -S "$scratch/s5" --init --recipient="$EXP"
like "$err" "expired|no usable encryption" "says it expired"
REV=$(mkkey "Revoked Key")
gpg --batch --quiet --yes --import "$GNUPGHOME/openpgp-revocs.d/$REV.rev" 2>/dev/null ||
    { sed 's/^:-----/-----/' "$GNUPGHOME/openpgp-revocs.d/$REV.rev" |
      gpg --batch --quiet --import 2>/dev/null; }
expect 1 "init with a revoked key" avslut-new -S "$scratch/s6" --init --recipient="$REV"
like "$err" "revoked|no usable encryption" "says it is revoked"

# An insecure store is refused.
chmod 755 "$AVSLUT_STORE"
expect 3 "a world-readable store is refused" avslut-new --guide
like "$err" "accessible to group or others" "says why"
chmod 700 "$AVSLUT_STORE"
chmod 644 "$AVSLUT_STORE/config"
expect 3 "a readable config is refused" avslut-new --name=x --title=x \
    --workplace=x --employed-from=2019-01-01 --employed-to=2026-01-01 \
    --employment=tillsvidare --reason=pension --interviewer="$HR"
chmod 600 "$AVSLUT_STORE/config"

expect 0 "--version" avslut-new --version
like "$out" "^avslut-new [0-9]" "prints the version"
expect 0 "--help" avslut-new --help
like "$out" "usage:" "prints usage on stdout"
expect 2 "unknown option" avslut-new --bogus
done_testing
