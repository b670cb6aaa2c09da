#!/bin/sh
# avslut-seal: every bad input gets exit 2 (or 1), one line, store untouched.
. "$(dirname "$0")/lib.sh"

mkstore
export AVSLUT_TODAY=2026-12-10
id=$(register --date=2026-12-10)
"$AVSLUT_BUILD/tests/h-answer" "$id" || exit 99
before=$(snapshot)

expect_err 2 'which record\? \(give its id\) \(see avslut-seal --help\)' "no id" avslut-seal
expect_err 2 'unexpected argument "extra"' "two ids" avslut-seal "$id" extra
expect_err 2 'invalid record id "\.\./config"' "a path for an id" avslut-seal ../config
expect_err 2 'invalid record id "0123456789AB"' "an id in upper case" avslut-seal 0123456789AB
expect_err 2 'invalid record id "x/y"' "a bad id among those to verify" avslut-seal --verify "$id" x/y
expect_err 2 'unexpected argument "'"$id"'"' "--reencrypt takes no id" avslut-seal --reencrypt "$id"
expect_err 2 'exclude each other' "--verify with --reencrypt" avslut-seal --verify --reencrypt
expect_err 2 'for sealing only' "--allow-incomplete with --verify" avslut-seal --verify --allow-incomplete
expect_err 2 'for sealing only' "--employee-reviewed with --reencrypt" avslut-seal --reencrypt --employee-reviewed
expect_err 2 'is for sealing, and for signing the config' "--local-user with --verify" avslut-seal --verify --local-user="$HR"
expect_err 2 'recipient goes with --reencrypt' "--recipient when sealing" avslut-seal --recipient="$HR" "$id"
expect_err 2 'local-user: "ABCD" is not a full fingerprint' "a short key id for --local-user" avslut-seal --local-user=ABCD "$id"
expect_err 2 'local-user: "Maja Chef" is not a full fingerprint' "a name for -u" avslut-seal -u "Maja Chef" "$id"
expect_err 2 'recipient: "zz" is not a full fingerprint' "a bad --recipient" avslut-seal --reencrypt --recipient=zz
expect_err 2 "recipient: $HR given twice" "a --recipient given twice" avslut-seal --reencrypt --recipient="$HR" --recipient="$(echo "$HR" | tr A-F a-f)"
expect_err 2 'unknown option --sign' "an unknown option" avslut-seal --sign "$id"
expect_err 2 'option --local-user needs a value' "an option without its value" avslut-seal "$id" --local-user
expect_err 2 'option --verify( |$)' "a value for a flag names the option" avslut-seal --verify=yes
expect_err 1 "record 0123456789ab not found" "sealing a record that does not exist" avslut-seal 0123456789ab
expect_err 1 'no such store' "a store that does not exist" avslut-seal -S "$scratch/none" "$id"
expect_err 1 'no such store' "verifying a store that does not exist" avslut-seal --verify -S "$scratch/none"
is "$(snapshot)" "$before" "the store is untouched by all of the above"

expect 0 "--help" avslut-seal --help
like "$out" "^usage: avslut-seal .*--allow-incomplete.* ID" "shows sealing"
like "$out" "avslut-seal --verify \[ID \.\.\.\]" "shows --verify"
like "$out" "avslut-seal \[-u FPR\] --reencrypt \[--recipient=FPR \.\.\.\]" "shows --reencrypt"
expect 0 "--version" avslut-seal -V
like "$out" "^avslut-seal [0-9]" "prints the version"

# A store that others can read is refused before anything is decrypted.
chmod 750 "$AVSLUT_STORE"
expect_err 3 'accessible to group or others' "a group-readable store" avslut-seal --verify
chmod 700 "$AVSLUT_STORE"

# A corrupt config: file:line:col.
cp "$AVSLUT_STORE/config" "$scratch/config.good"
config_edit_raw 's/^sealers: \[\]/sealers: [ABC]/'
expect_err 2 'config:[0-9]+:[0-9]+: "ABC" is not a full fingerprint' "a bad sealer in the config" avslut-seal --verify
cp "$scratch/config.good" "$AVSLUT_STORE/config"

# A full disk for stdout is an error, not silence.
if [ -w /dev/full ]; then
	avslut-seal "$id" >/dev/null 2>&1
	run sh -c 'avslut-seal --verify "$1" >/dev/full' sh "$id"
	is "$rc" 1 "a failed write to stdout is exit 1"
	like "$err" "avslut-seal: .*(No space|stdout)" "and says so"
fi
done_testing
