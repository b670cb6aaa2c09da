#!/bin/sh
# avslut-seal --reencrypt: a new HR officer replaces the old one; seals
# survive; tampered, locked and unreadable records are reported and left.
. "$(dirname "$0")/lib.sh"

mkstore
export AVSLUT_TODAY=2026-12-10
answer() { "$AVSLUT_BUILD/tests/h-answer" "$@" || exit 99; }
file() { echo "$AVSLUT_STORE/records/$1.asc"; }
headers() { for f in "$AVSLUT_STORE"/records/*.asc; do sed -n 2p "$f"; done; }
# sigs: the signature of every sealed record as plain gpg sees it
# (signing key and time): it must never change.
sigs() {
	for id in $sealed; do
		gpg --batch --status-fd 1 --decrypt "$(file "$id")" 2>/dev/null |
		    grep -a VALIDSIG
	done
}

MH=$(newhome manager2)
M2=$(mkkey "Mats Chef" "$MH")
GNUPGHOME=$MH gpg --batch --export -a "$M2" >"$AVSLUT_STORE/keys/$M2.asc"
chmod 600 "$AVSLUT_STORE/keys/$M2.asc"

s1=$(register --date=2026-12-10); answer "$s1"; avslut-seal "$s1" || exit 99
s2=$(register --date=2026-12-10); answer "$s2"
avslut-seal --local-user="$HR" --employee-reviewed "$s2" || exit 99
s3=$(register --date=2026-12-10 --interviewer="$M2")
avslut-seal --local-user="$HR" --allow-incomplete "$s3" || exit 99
p=$(register --date=2026-12-10)
i=$(register --date=2026-12-10); answer -a "$i"
d=$(register --declined --why=ej-antraffbar)
sealed="$s1 $s2 $s3"
all=$(printf '%s\n' "$s1" "$s2" "$s3" "$p" "$i" "$d" | sort)
nall=6

# Nothing changed: nothing to do.
before=$(snapshot)
expect 0 "re-encrypting an unchanged store" avslut-seal --reencrypt
is "$out" "$(printf '%s current\n' $all)" "every record is already current"
is "$err" "avslut-seal: records: $nall, re-encrypted: 0, already current: $nall, not re-encrypted: 0" \
    "a summary on stderr"
is "$(snapshot)" "$before" "no file changed"

# The HR officer leaves; a new one comes, with a key made on her machine.
NH=$(newhome newhr)
NEW=$(mkkey "Nina Personal" "$NH")
givekey "$NEW" "$NH" "$GNUPGHOME"
HRH=$(keyonly oldhr "$HR")
is "$(readable_by "$HRH")" $nall "before: the old HR key alone reads every record"
hbefore=$(headers)
sbefore=$(sigs)
is "$(printf '%s\n' "$sbefore" | grep -c VALIDSIG)" 3 "(three valid seals to start with)"
expect 0 "re-encrypt to the new HR key" avslut-seal --reencrypt --recipient="$NEW"
is "$out" "$(printf '%s reencrypted\n' $all)" "every record re-encrypted, one line each"
like "$err" "records: $nall, re-encrypted: $nall, already current: 0, not re-encrypted: 0" "summary"
config_text | grep -A1 '^recipients:' | tail -1 | grep -q "^- $NEW$"
ok $? "the config names the new recipient"
config_text | grep -q "^- $HR$"; ok $((! $?)) "and no longer the old one"
config_text | grep -q "^sealers: \[$HR\]$"; ok $? "the old one stays a sealer, so its seals stay valid"
test -f "$AVSLUT_STORE/keys/$NEW.asc"; ok $? "the new key is kept in the store"
is "$(readable_by "$NH")" $nall "the new HR key alone reads every record with plain gpg"
is "$(readable_by "$HRH")" 0 "the old HR key alone reads none"
is "$(headers)" "$hbefore" "the plaintext headers are unchanged"
# From here on this keyring is the new HR officer's too.
GNUPGHOME=$NH gpg --batch --pinentry-mode loopback --passphrase '' \
    --export-secret-keys "$NEW" | gpg --batch -q --import 2>/dev/null
is "$(sigs)" "$sbefore" "every seal is the same signature: re-wrapped, never re-signed"
expect 0 "every seal still verifies" avslut-seal --verify
is "$out" "$(printf '%s ok\n' $sealed | sort)" "all ok"
GNUPGHOME=$NH run avslut-seal --verify
is "$rc" 0 "the new HR officer verifies every seal on her machine"
is "$out" "$(printf '%s ok\n' $sealed | sort)" "all ok there too (signers' keys from the store)"
expect 3 "a re-encrypted sealed record is still sealed" avslut-seal "$s1"
expect 3 "and the guide still refuses it" avslut-new --guide "$s2"
printf 'primary-reason: "Ändrat"\n' >"$scratch/answers.yaml"
expect 3 "and so does avslut-ask" avslut-ask "$s1" --answers="$scratch/answers.yaml"
grep -c "avslut-seal --reencrypt" "$AVSLUT_STORE/access.log" >/dev/null; ok $? "the decryptions are in the access log"

# Run again: all current.
before=$(snapshot)
expect 0 "a second run" avslut-seal --reencrypt
like "$err" "re-encrypted: 0, already current: $nall," "finds nothing to do"
is "$(snapshot)" "$before" "and changes nothing"

# Recipients edited by hand, the new key only in DIR/keys/.
KH=$(newhome third)
K3=$(mkkey "Karin Personal" "$KH")
GNUPGHOME=$KH gpg --batch --export -a "$K3" >"$AVSLUT_STORE/keys/$K3.asc"
chmod 600 "$AVSLUT_STORE/keys/$K3.asc"
config_edit "s/^- $NEW$/- $NEW\n- $K3/" || exit 99
expect 0 "re-encrypt after the config was edited by hand" avslut-seal --reencrypt
like "$err" "re-encrypted: $nall," "every record"
is "$(readable_by "$KH")" $nall "the added key reads every record"
is "$(readable_by "$NH")" $nall "so does the other one"

# A tampered or forged sealed record is reported, not laundered.
config_edit "/^- $K3$/d" || exit 99
gpg --batch -q --decrypt "$(file "$s1")" 2>/dev/null |
    gpg --batch -q --yes --trust-model always -a -e -r "$NEW" -r "$K3" -r "$MGR" \
    -o "$scratch/f.asc"
hdr=$(sed -n 2p "$(file "$s1")")
{ sed -n 1p "$scratch/f.asc"; echo "$hdr"; sed 1d "$scratch/f.asc"; } >"$(file "$s1")"
perl -i -pe 'if ($. == 10) { s/^(.{20})(.)/$1 . ($2 eq "A" ? "B" : "A")/e }' "$(file "$s2")"
cp "$(file "$s1")" "$scratch/s1"; cp "$(file "$s2")" "$scratch/s2"
run avslut-seal --reencrypt
is "$rc" 4 "exit 4 when a seal fails"
like "$out" "$s1 FAILED: the seal does not verify \(not signed\); left as it is" "the unsigned forgery is named"
like "$out" "$s2 FAILED: corrupt" "the corrupt record is named"
like "$out" "$s3 reencrypted" "the others are re-encrypted"
like "$err" "avslut-seal: record $s1: not re-encrypted: the seal does not verify" "on stderr too"
like "$err" "records: $nall, re-encrypted: 4, already current: 0, not re-encrypted: 2" "summary"
cmp -s "$scratch/s1" "$(file "$s1")"; ok $? "the forgery is left as it was"
cmp -s "$scratch/s2" "$(file "$s2")"; ok $? "the corrupt record is left as it was"
GNUPGHOME=$KH gpg --batch -q --decrypt "$(file "$s3")" >/dev/null 2>&1
ok $((! $?)) "a re-encrypted record no longer reads with the removed key"

# A record in use is skipped and reported; the rest goes on.
config_edit "s/^- $NEW$/- $NEW\n- $K3/" || exit 99
mkfifo "$scratch/hold"
"$AVSLUT_BUILD/tests/h-lock" "$p" <"$scratch/hold" >"$scratch/lockout" &
exec 7>"$scratch/hold"
while [ ! -s "$scratch/lockout" ]; do sleep 0.05; done
cp "$(file "$p")" "$scratch/p"
rm "$(file "$s1")" "$(file "$s2")"
run avslut-seal --reencrypt
is "$rc" 3 "exit 3 when a record was in use"
like "$out" "^$p locked: is in use: .*locks/$p is locked by h-lock" "the locked record is named, with its lock"
like "$err" "record $p: not re-encrypted: is in use" "on stderr"
like "$err" "records: 4, re-encrypted: 3, already current: 0, not re-encrypted: 1" "summary"
cmp -s "$scratch/p" "$(file "$p")"; ok $? "the locked record is untouched"
exec 7>&-
wait
expect 0 "run again once it is free" avslut-seal --reencrypt
like "$out" "^$p reencrypted" "the once-locked record is done now"
like "$err" "re-encrypted: 1, already current: 3," "the others were already done"

# Records the caller cannot read are reported, not fatal.
GNUPGHOME=$MH run avslut-seal --reencrypt
is "$rc" 1 "exit 1 when records cannot be read"
like "$out" "$p unreadable: no secret key to decrypt it" "an unreadable record is named"
like "$out" "$s3 current" "the one the caller reads is handled"

# Bad --recipient values change nothing.
before=$(snapshot)
expect 1 "a recipient key that is nowhere" avslut-seal --reencrypt \
    --recipient=0123456789ABCDEF0123456789ABCDEF01234567
like "$err" "key 0123456789ABCDEF0123456789ABCDEF01234567 is not in the keyring" "names it"
gpg --batch -q --passphrase '' --quick-gen-key "Sign Only <so@example.org>" ed25519 sign never 2>/dev/null
SO=$(gpg --list-keys --with-colons "=Sign Only <so@example.org>" 2>/dev/null | awk -F: '/^fpr/ { print $10; exit }')
expect 1 "a recipient key that cannot encrypt" avslut-seal --reencrypt --recipient="$SO"
like "$err" "key $SO has no usable encryption subkey" "says so"
is "$(snapshot)" "$before" "store untouched"
done_testing
