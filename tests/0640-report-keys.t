#!/bin/sh
# avslut-report: a reader who holds only some keys; records that fail
# verification are left out and named; neither stops the report; nothing
# personal on stderr.
. "$(dirname "$0")/lib.sh"

mkstore
M2=$(mkkey "Mats Chef")
OUT=$(mkkey "Olle Utomstående")
export AVSLUT_TODAY=2026-06-30 COLUMNS=200
min_group 1

# Six interviews held by Maja, five by Mats: each record is encrypted to
# HR and its own interviewer only.
mkrecords >"$scratch/maja" <<EOF
n=6;name=Anna Andersson;unit=Äldreomsorg;date=2026-02-01;interviewer=$MGR;seal=$MGR;a.primary-reason=Hemligt svar
EOF
mkrecords >"$scratch/mats" <<EOF
n=5;name=Bertil Berg;unit=Skola;date=2026-02-01;interviewer=$M2;iname=Mats Chef;seal=$M2;a.primary-reason=Hemligt svar
EOF

# Maja's own keyring: her secret key, the others' public keys.
MH=$(newhome maja)
gpg --batch --export-secret-keys "$MGR" | GNUPGHOME=$MH gpg --batch -q --import 2>/dev/null
givekey "$HR" "$GNUPGHOME" "$MH"
givekey "$M2" "$GNUPGHOME" "$MH"
cp "$GNUPGHOME/gpg-agent.conf" "$MH/"

: >"$AVSLUT_STORE/access.log"
before=$(snapshot)
expect 0 "Maja's report: the records she cannot read are counted" env GNUPGHOME="$MH" avslut-report --by=unit
is "$err" "avslut-report: 5 records could not be read with your keys" "one line on stderr, a count"
like "$out" "5 records could not be read with your keys\." "the report says so too"
like "$out" "Äldreomsorg +6 +6 +0 +6 +6 +0" "her six are counted"
unlike "$out" "Skola" "nothing of the records she cannot read"
is "$(grep -c ',avslut-report,' "$AVSLUT_STORE/access.log")" 6 "only the six decrypted are logged"
expect 0 "Maja's listing" env GNUPGHOME="$MH" avslut-report --list --format=csv
is "$(printf '%s\n' "$out" | tail -n +2 | wc -l)" 6 "six rows"
is "$err" "avslut-report: 5 records could not be read with your keys" "the five counted on stderr"
expect 1 "Maja cannot --show Mats's record" env GNUPGHOME="$MH" avslut-report --show "$(head -1 "$scratch/mats")"
like "$err" "record $(head -1 "$scratch/mats"): no secret key to decrypt it" "says why, names the record"
expect 0 "HR reads all eleven" avslut-report --by=unit --format=csv
like "$out" "counts,total,,,,,,,,,,offered,11," "eleven"
is "$err" "" "nothing on stderr"

# --- records that fail verification ----------------------------------
mkrecords >"$scratch/forged" <<EOF
name=Anna Andersson;unit=Äldreomsorg;date=2026-02-01;interviewer=$MGR;seal=$MGR;sign=0;a.primary-reason=Hemligt svar
EOF
mkrecords >"$scratch/outsider" <<EOF
name=Anna Andersson;unit=Äldreomsorg;date=2026-02-01;interviewer=$MGR;seal=$OUT;a.primary-reason=Hemligt svar
EOF
forged=$(cat "$scratch/forged")
outsider=$(cat "$scratch/outsider")
flipped=$(sed -n 1p "$scratch/maja")
meta=$(sed -n 2p "$scratch/maja")
swapped=$(sed -n 3p "$scratch/maja")
# A changed byte in the ciphertext.
f="$AVSLUT_STORE/records/$flipped.asc"
perl -i -pe 'if ($. == 8) { s/^(.{20})(.)/$1 . ($2 eq "A" ? "B" : "A")/e }' "$f"
# The plaintext header claims another state.
sed -i 's/^Comment: avslut sealed /Comment: avslut planned /' "$AVSLUT_STORE/records/$meta.asc"
# A record's file replaced by another record's.
cp "$AVSLUT_STORE/records/$(sed -n 4p "$scratch/maja").asc" "$AVSLUT_STORE/records/$swapped.asc"

expect_bad() { # expect_bad DESC CMD...: exit 4, one line per bad record
	local desc=$1
	shift
	run "$@"
	is "$rc" 4 "$desc: exit 4"
	is "$(printf '%s\n' "$err" | grep -c '^avslut-report: record [0-9a-z]\{12\}[: ]')" 5 "$desc: five lines, each naming a record"
	like "$err" "record $forged: the seal does not verify: not signed" "$desc: a seal without a signature"
	like "$err" "record $outsider: the seal does not verify: sealed by $OUT, a key not allowed to seal" "$desc: a seal by a key that may not seal"
	like "$err" "record $flipped: corrupt" "$desc: a changed byte"
	like "$err" "record $meta: the metadata header does not match the record" "$desc: a header that lies"
	like "$err" "record $swapped holds the document of another record" "$desc: another record's document"
	unlike "$err" "Anna|Bertil|Äldreomsorg|Skola|Hemligt" "$desc: nothing personal on stderr"
}
expect_bad "report" avslut-report --by=unit
like "$out" "Äldreomsorg +3 +3 +0 +3 +3 +0" "the three good records of the unit are counted"
like "$out" "5 records failed verification and are left out\." "the report says how many were left out"
expect_bad "CSV report" avslut-report --by=unit --format=csv
like "$out" "counts,total,,,,,,,,,,offered,8," "one bad record never stops the report: 3 + 5 counted"
expect_bad "listing" avslut-report --list --format=csv
is "$(printf '%s\n' "$out" | tail -n +2 | wc -l)" 8 "the listing has the eight good records"
expect 4 "--show of a forged seal" avslut-report --show "$forged"
is "$out" "" "nothing of it is shown"
like "$err" "the seal does not verify" "says why"
expect 4 "--show of a changed record" avslut-report --show "$flipped"
expect 4 "--show --format=yaml of a forged seal" avslut-report --show "$forged" --format=yaml
is "$out" "" "not even the document"
done_testing
