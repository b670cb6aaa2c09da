#!/bin/sh
# avslut-new: registering an interview, eligibility, the record file.
. "$(dirname "$0")/lib.sh"

mkstore
OUTSIDER=$(mkkey "Outsider Person")
export AVSLUT_TODAY=2026-11-23

expect 0 "register an eligible employee" register --date=2026-12-10
id=$out
like "$id" '^[0-9a-hjkmnp-tv-z]{12}$' "prints a 12-character id"
f="$AVSLUT_STORE/records/$id.asc"
test -f "$f"; ok $? "one file named by the id"
is "$(stat -c %a "$f")" 600 "record is 0600"
is "$(sed -n 2p "$f")" "Comment: avslut planned 2026-12-31" \
    "plaintext metadata: state and retention date only"

# HR and the interviewer read it with plain gpg; an outsider cannot.
run gpg --batch -q --decrypt "$f"
is "$rc" 0 "gpg --decrypt works (HR and interviewer keys are here)"
like "$out" 'name: "Anna Andersson"' "the plaintext is the YAML record"
like "$out" "state: planned" "state planned"
like "$out" "digest: sha256:[0-9a-f]{64}" "question set digest"
like "$out" "fingerprint: $MGR" "interviewer fingerprint"
like "$out" 'name: "Maja Chef"' "interviewer name from the key"
like "$out" "registered: 2026-11-23" "registration date"
like "$out" "interview-date: 2026-12-10" "planned interview date"
run gpg --batch --list-packets "$f"
keyids=$(printf '%s\n' "$out" | sed -n 's/^:pubkey enc packet:.*keyid \([0-9A-F]*\).*/\1/p' | sort -u)
is "$(printf '%s\n' "$keyids" | wc -l)" 2 "encrypted to exactly two keys"
for who in "$HR" "$MGR"; do
	sub=$(gpg --list-keys --with-colons "$who" 2>/dev/null |
	    awk -F: '/^sub/ { print $5 }')
	printf '%s\n' "$keyids" | grep -q "$sub"; ok $? "a recipient is ${who%????????????????????????????????}…"
done
sub=$(gpg --list-keys --with-colons "$OUTSIDER" 2>/dev/null | awk -F: '/^sub/ { print $5 }')
printf '%s\n' "$keyids" | grep -q "$sub"; ok $((! $?)) "the outsider is not a recipient"

# encrypt-to in gpg.conf never adds a reader.
echo "encrypt-to $OUTSIDER" >"$GNUPGHOME/gpg.conf"
expect 0 "register with encrypt-to set in gpg.conf" register
f2="$AVSLUT_STORE/records/$out.asc"
run gpg --batch --list-packets "$f2"
printf '%s\n' "$out" | grep -q "keyid $sub"; ok $((! $?)) "encrypt-to is ignored"
rm "$GNUPGHOME/gpg.conf"

# Someone else's keyring: only the outsider's secret key.
OH=$(newhome outsider)
OFPR=$(mkkey "Other Outsider" "$OH")
run env GNUPGHOME="$OH" gpg --batch -q --decrypt "$f"
ok $((! rc)) "an outsider cannot decrypt"

# No personal data in any plaintext in the store.
grep_plain "Anna" "$AVSLUT_STORE"; ok $((! $?)) "the name is nowhere in plaintext"
grep_plain "Äldreomsorg" "$AVSLUT_STORE"; ok $((! $?)) "the unit is nowhere in plaintext"
grep_plain "Hemtjänst" "$AVSLUT_STORE"; ok $((! $?)) "the workplace is nowhere in plaintext"

# Eligibility: the routine.
expect 3 "fixed-term for 11 months is not eligible" register \
    --employment=tidsbegransad --employed-from=2026-01-01 --employed-to=2026-11-30
like "$err" "employed 11 months, less than 12" "says the tenure"
like "$err" "--force" "mentions --force"
expect 0 "exactly 12 months is eligible" register \
    --employment=tidsbegransad --employed-from=2025-12-01 --employed-to=2026-11-30
expect 3 "employment annan is not eligible" register --employment=annan
like "$err" "employment type annan" "says the employment type"
expect 3 "leaving for another reason is not eligible" register --reason=annan
like "$err" "leaving reason annan" "says the reason"
expect 0 "--force registers anyway" register --reason=annan --force
run gpg --batch -q --decrypt "$AVSLUT_STORE/records/$out.asc"
like "$out" "eligible: false" "recorded as not eligible"
like "$out" "forced: true" "recorded as forced"
expect 0 "retirement is eligible" register --reason=pension --role=hr

# Eligibility rules come from the store config.
config_edit 's/min-months: 12/min-months: 6/' || exit 99
expect 0 "config min-months 6 lets 11 months through" register \
    --employment=tidsbegransad --employed-from=2026-01-01 --employed-to=2026-11-30
config_edit 's/min-months: 6/min-months: 12/' || exit 99

# The interviewer's key is imported from the store when missing.
MH=$(newhome manager2)
M2=$(mkkey "Mats Chef" "$MH")
expect 1 "an interviewer key that is nowhere" register --interviewer="$M2"
like "$err" "$M2 is not in the keyring" "names the fingerprint"
GNUPGHOME=$MH gpg --batch --export -a "$M2" >"$AVSLUT_STORE/keys/$M2.asc"
chmod 600 "$AVSLUT_STORE/keys/$M2.asc"
expect 0 "the interviewer's key is taken from the store" register --interviewer="$M2"
# A key file that does not match its name is refused.
GNUPGHOME=$MH gpg --batch --export -a "$M2" >"$AVSLUT_STORE/keys/$OFPR.asc"
gpg --batch --yes --delete-keys "$OFPR" 2>/dev/null
expect 1 "a stored key whose fingerprint differs is refused" register --interviewer="$OFPR"
like "$err" "does not match fingerprint $OFPR" "says it does not match"
done_testing
