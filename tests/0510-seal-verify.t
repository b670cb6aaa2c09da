#!/bin/sh
# avslut-seal --verify: good seals pass; tampered, forged, unsigned,
# outsider-signed, misattributed and swapped records fail, named by id.
. "$(dirname "$0")/lib.sh"

mkstore
OUTSIDER=$(mkkey "Outsider Person")
export AVSLUT_TODAY=2026-12-10
answer() { "$AVSLUT_BUILD/tests/h-answer" "$@" || exit 99; }
file() { echo "$AVSLUT_STORE/records/$1.asc"; }
# put ID MESSAGE: the armored MESSAGE as record ID, with the header a
# record in that state would carry.
put() {
	{ sed -n 1p "$2"; echo "Comment: avslut $3"; sed 1d "$2"; } >"$(file "$1")"
}
# Restore every record as it was.
keep() { cp -p "$AVSLUT_STORE"/records/*.asc "$scratch/keep/"; }
restore() { cp -p "$scratch/keep"/*.asc "$AVSLUT_STORE/records/"; }
mkdir "$scratch/keep"

# An empty store: --verify saves an empty ledger, and reads it next time.
expect 0 "verify a store with no record" avslut-seal --verify
expect 0 "... and again, with the empty ledger it saved" avslut-seal --verify
is "$out$err" "" "nothing to say"

a=$(sealed)
b=$(sealed --local-user="$HR")
u=$(register --date=2026-12-10)
answer "$u"
d=$(register --declined --why=avbojt)
keep
sorted=$(printf '%s ok\n' "$a" "$b" | sort)

expect 0 "verify every sealed record" avslut-seal --verify
is "$out" "$sorted" "one line per sealed record, in id order; unsealed ones are not listed"
is "$err" "" "nothing on stderr"
expect 0 "verify named records" avslut-seal --verify "$b" "$a"
is "$out" "$(printf '%s ok\n%s ok' "$b" "$a")" "in the order given"
expect 4 "a named record that is not sealed fails" avslut-seal --verify "$u"
is "$out" "$u FAILED: not sealed" "says it is not sealed"
is "$err" "avslut-seal: record $u: seal check FAILED: not sealed" "named on stderr"
expect 4 "so does a declined offer" avslut-seal --verify "$d"

# A flipped byte in the armored body.
cp "$(file "$a")" "$scratch/a.asc"
perl -i -pe 'if ($. == 10) { s/^(.{20})(.)/$1 . ($2 eq "A" ? "B" : "A")/e }' "$(file "$a")"
expect 4 "a flipped byte fails" avslut-seal --verify
like "$out" "^$a FAILED: corrupt" "named by id: corrupt"
like "$out" "$b ok" "the other record still verifies"
like "$err" "^avslut-seal: record $a: seal check FAILED: corrupt" "named on stderr"
expect 4 "named, too" avslut-seal --verify "$a"
restore

# The plaintext of a sealed record, to forge with.
gpg --batch -q --decrypt "$(file "$a")" >"$scratch/a.yaml" 2>/dev/null
grep -q "state: sealed" "$scratch/a.yaml"; ok $? "(the decrypted sealed record)"
forge() { # forge OUT GPG-OPTIONS...: encrypt a.yaml to HR and the interviewer
	local o=$1
	shift
	gpg --batch -q --yes --trust-model always -a -o "$o" -r "$HR" -r "$MGR" "$@"
}

# Encrypted to the right recipients, with the right header, but unsigned.
forge "$scratch/f.asc" -e "$scratch/a.yaml"
put "$a" "$scratch/f.asc" "sealed 2026-12-10"
expect 4 "an unsigned record fails" avslut-seal --verify "$a"
is "$out" "$a FAILED: not signed" "says it is not signed"

# Signed by an outsider's key.
forge "$scratch/f.asc" -se -u "$OUTSIDER" "$scratch/a.yaml"
put "$a" "$scratch/f.asc" "sealed 2026-12-10"
expect 4 "a record signed by an outsider fails" avslut-seal --verify "$a"
is "$out" "$a FAILED: signed by $OUTSIDER, a key not allowed to seal" "names the signing key"
# ... also where the outsider's key is unknown: HR on its own machine.
HRH=$(keyonly hr "$HR")
GNUPGHOME=$HRH run avslut-seal --verify "$a"
is "$rc" 4 "an unknown signing key fails (exit 4)"
like "$out" "^$a FAILED: bad signature: No public key" "says the key is missing"

# seal.by names an outsider, who signed it.
sed "s/by: $MGR/by: $OUTSIDER/" "$scratch/a.yaml" >"$scratch/o.yaml"
forge "$scratch/f.asc" -se -u "$OUTSIDER" "$scratch/o.yaml"
put "$a" "$scratch/f.asc" "sealed 2026-12-10"
expect 4 "a seal by a key not allowed to seal fails" avslut-seal --verify "$a"
is "$out" "$a FAILED: sealed by $OUTSIDER, a key not allowed to seal" "names the key"
# seal.by names HR, but the interviewer signed.
sed "s/by: $MGR/by: $HR/" "$scratch/a.yaml" >"$scratch/o.yaml"
forge "$scratch/f.asc" -se -u "$MGR" "$scratch/o.yaml"
put "$a" "$scratch/f.asc" "sealed 2026-12-10"
expect 4 "a seal signed by another allowed key than seal.by fails" avslut-seal --verify "$a"
is "$out" "$a FAILED: signed by $MGR, a key not allowed to seal" "the signer must be seal.by"

# Signed by the interviewer, then the signed text altered.
gpg --batch -q --yes -z 0 -s -u "$MGR" -o "$scratch/s.gpg" "$scratch/a.yaml"
perl -pi -e 's/Svar på/Svbr på/' "$scratch/s.gpg"
forge "$scratch/f.asc" -e --no-literal "$scratch/s.gpg" 2>/dev/null
put "$a" "$scratch/f.asc" "sealed 2026-12-10"
expect 4 "a signed text altered after signing fails" avslut-seal --verify "$a"
# (gpg stops at the bad signature before it ends the decryption, so gpgme
# reports the message as corrupt rather than its signature as bad.)
like "$out" "^$a FAILED: (corrupt|bad signature)" "corrupt or a bad signature"
restore

# Signed by an allowed key, but another record's document.
cp "$(file "$a")" "$(file "$b")"
expect 4 "a sealed record copied over another id fails" avslut-seal --verify "$b"
is "$out" "$b FAILED: holds the document of another record" "says so"
restore

# The plaintext header must agree with the document, both ways.
sed -i '2s/.*/Comment: avslut in-progress 2026-12-31/' "$(file "$a")"
expect 4 "a sealed document under an in-progress header fails" avslut-seal --verify
like "$out" "^$a FAILED: the metadata header does not match the record" "found when checking all"
like "$out" "$b ok" "the rest still verifies"
restore
sed -i '2s/.*/Comment: avslut sealed 2026-12-31/' "$(file "$u")"
expect 4 "an unsealed document under a sealed header fails" avslut-seal --verify
like "$out" "^$u FAILED: the metadata header does not match the record" "named"
restore
sed -i '2d' "$(file "$a")"
expect 4 "a record without its header fails" avslut-seal --verify "$a"
is "$out" "$a FAILED: missing or bad metadata header" "says so"
restore

# Several failures: each named, one line each.
cp "$(file "$a")" "$(file "$b")"
perl -i -pe 'if ($. == 10) { s/^(.{20})(.)/$1 . ($2 eq "A" ? "B" : "A")/e }' "$(file "$u")"
run avslut-seal --verify
is "$rc" 4 "two failures: exit 4"
is "$(printf '%s\n' "$err" | wc -l)" 2 "two lines on stderr"
like "$err" "record $b: seal check FAILED" "the copy is named"
like "$err" "record $u: seal check FAILED: corrupt" "so is the corrupt unsealed record"
restore

# Sealing refuses a corrupt record too.
perl -i -pe 'if ($. == 10) { s/^(.{20})(.)/$1 . ($2 eq "A" ? "B" : "A")/e }' "$(file "$u")"
expect 4 "sealing a corrupt record fails" avslut-seal "$u"
like "$err" "record $u: corrupt" "says corrupt"
restore

# What the caller cannot read: listed, not failed.
MH=$(newhome manager2)
M2=$(mkkey "Mats Chef" "$MH")
GNUPGHOME=$MH gpg --batch --export -a "$M2" >"$AVSLUT_STORE/keys/$M2.asc"
chmod 600 "$AVSLUT_STORE/keys/$M2.asc"
m=$(sealed --local-user="$HR" --allow-incomplete)
mine=$(register --date=2026-12-10 --interviewer="$M2")
avslut-seal --local-user="$HR" --allow-incomplete "$mine" || exit 99
GNUPGHOME=$MH run avslut-seal --verify
is "$rc" 0 "checking all: records one cannot read do not fail the run"
like "$out" "$a unreadable: no secret key to decrypt it" "they are listed as unreadable"
like "$out" "$mine ok" "the record one can read verifies"
unlike "$out" "$u " "an unreadable unsealed record is not listed"
is "$err" "" "nothing on stderr"
GNUPGHOME=$MH run avslut-seal --verify "$a"
is "$rc" 1 "a named record one cannot read: exit 1"
is "$out" "$a unreadable: no secret key to decrypt it" "listed as unreadable"
is "$err" "avslut-seal: record $a: cannot be checked: no secret key to decrypt it" "one line on stderr"
cp "$(file "$mine")" "$scratch/mine"
perl -i -pe 'if ($. == 10) { s/^(.{20})(.)/$1 . ($2 eq "A" ? "B" : "A")/e }' "$(file "$mine")"
GNUPGHOME=$MH run avslut-seal --verify "$a" "$mine"
is "$rc" 4 "a failure outranks an unreadable record"
cp -p "$scratch/mine" "$(file "$mine")"

# Not found.
expect 1 "a record that does not exist" avslut-seal --verify 0123456789ab
is "$out" "0123456789ab error: not found" "listed as an error"
is "$err" "avslut-seal: record 0123456789ab: not found" "named on stderr"

# Nothing personal anywhere in what --verify says.
run avslut-seal --verify
unlike "$out$err" "Anna|Svar|Hemtjänst" "no personal data in the output"
done_testing
