#!/bin/sh
# avslut-new --amend=ID: correcting a record (GDPR art. 16).  Before its
# seal: registered again, checked as at registration, encrypted to the
# readers of the facts as they are now.  After: corrections kept in the
# record, sealed again by a recipient or sealer; the original seal's
# evidence still holds; attacks on that.
. "$(dirname "$0")/lib.sh"

mkstore
export AVSLUT_TODAY=2026-12-10
MGR2=$(mkkey "Mats Nyman")
MGRH=$(keyonly mgr "$MGR")
MGR2H=$(keyonly mgr2 "$MGR2")
file() { echo "$AVSLUT_STORE/records/$1.asc"; }
reads() { GNUPGHOME=$1 gpg --batch -q --decrypt "$(file "$2")" 2>/dev/null | grep -c '^avslut-record: 1'; }
yaml() { avslut-report --show="$1" --format=yaml; }
alog() { grep -c ",$1,.*avslut-new --amend" "$AVSLUT_STORE/access.log"; }

# --- before the seal ------------------------------------------------------
id=$(register --name="Bertil Felstavad")
is "$(reads "$MGRH" "$id")" 1 "the registered interviewer reads the record"
expect 0 "a new name and interviewer" avslut-new --amend="$id" \
    --name="Bertil Rättstavad" --interviewer="$MGR2"
is "$out" "$id" "prints the id"
is "$err" "" "quietly"
is "$(reads "$MGRH" "$id")" 0 "the old interviewer can no longer decrypt it"
is "$(reads "$MGR2H" "$id")" 1 "the new one can"
grep -q "^interviewer: $MGR2" "$AVSLUT_STORE/evidence/$id.reg"
ok $? "the registration statement names the new interviewer"
gpg --batch --verify "$AVSLUT_STORE/evidence/$id.reg" 2>"$scratch/v"
like "$(cat "$scratch/v")" "Good signature from \"HR Officer" "signed by HR, the registrar"
like "$(yaml "$id")" 'name: "Bertil Rättstavad"' "the record holds the new name"
like "$(yaml "$id")" "fingerprint: $MGR2" "and the new interviewer"
like "$(yaml "$id")" "registered: 2026-12-10" "registered on the same day"
unlike "$(yaml "$id")" "Felstavad" "no trace of the old name before the seal"
is "$(alog "$id")" 1 "its decryption is in the access log"
! grep_plain "Felstavad" "$AVSLUT_STORE" "$HOME"; ok $? "no old value in any plaintext file"
expect 0 "--verify of all records" avslut-seal --verify
# The new interviewer answers and seals; all verifies.
"$AVSLUT_BUILD/tests/h-answer" "$id" || exit 99
expect 0 "the new interviewer seals it" avslut-seal "$id"
expect 0 "--verify" avslut-seal --verify "$id"
is "$out" "$id ok" "ok"

# Planned, without answers: the language may change.
pl=$(register --lang=sv)
expect 0 "a planned record: another language" avslut-new --amend="$pl" --lang=en
like "$(yaml "$pl")" "language: en" "changed"
expect_err 2 'has no "xx" texts' "a language the set does not carry" avslut-new --amend="$pl" --lang=xx

# In progress: the facts may change, the question set not.
ip=$(register --name="Cecilia Ip")
"$AVSLUT_BUILD/tests/h-answer" "$ip" || exit 99
expect 0 "an in-progress record: a new unit" avslut-new --amend="$ip" --unit="Barn och unga"
like "$(yaml "$ip")" 'unit: "Barn och unga"' "changed"
like "$(yaml "$ip")" "primary-reason" "its answers kept"
before=$(snapshot)
expect_err 3 "question set and language cannot change" "--questions on a record with answers" \
    avslut-new --amend="$ip" --questions=sodermalm
expect_err 3 "question set and language cannot change" "--lang on a record with answers" \
    avslut-new --amend="$ip" --lang=en

# Checked as at registration; nothing changes when refused.
for a in "--name=" "--name=   " "--employed-from=2026-02-30" \
    "--employed-to=2018-01-01" "--employment=fast" "--reason=trott" \
    "--role=chef" "--interviewer=ABCD" "--date=igår" \
    "--name=$(printf 'Anna\033[2J')" "--why=avbojt" \
    "--employed-to=2028-12-31"; do
	expect 2 "'$a' is refused as at registration" avslut-new --amend="$ip" "$a"
done
like "$err" "more than a year ahead" "the last one says why"
expect 3 "an amendment that makes the record ineligible" \
    avslut-new --amend="$ip" --employed-from=2026-06-01
is "$err" "avslut-new: not eligible: employed 7 months, less than 12 (use --force to amend anyway)" \
    "says why and how to amend anyway"
expect 3 "--employment=annan too" avslut-new --amend="$ip" --employment=annan
like "$err" "not eligible" "says so"
run avslut-new --amend="$ip" --interviewer=0123456789ABCDEF0123456789ABCDEF01234567
isnt_zero=$rc
like "$err" "0123456789ABCDEF0123456789ABCDEF01234567" "a key the keyring does not have: named"
test "$isnt_zero" -ne 0; ok $? "and refused"
is "$(snapshot)" "$before" "the store is untouched by all of the above"
expect 0 "--force amends it anyway" avslut-new --amend="$ip" --employed-from=2026-06-01 --force
like "$(yaml "$ip")" "forced: true" "recorded as forced"

# Usage.
expect_err 2 "--amend needs the facts to change" "--amend without facts" avslut-new --amend="$ip"
expect_err 2 "invalid record id" "a bad id" avslut-new --amend=../config --name=X
expect_err 1 "not found" "an unknown id" avslut-new --amend=0123456789ab --name=X
expect_err 2 "exclude each other" "--amend with --declined" avslut-new --amend="$ip" --declined --why=avbojt
expect_err 2 "exclude each other" "--amend with --import" avslut-new --amend="$ip" --import=/dev/null
expect 2 "--amend without its value" avslut-new --amend
# Only HR amends: an interviewer's keyring has no HR key.
GNUPGHOME=$MGR2H run avslut-new --amend="$ip" --unit=X
is "$rc" 3 "an interviewer cannot amend (exit 3)"

# Declined: the reason may be corrected.
dc=$(register --declined --why=avbojt)
expect 0 "a declined offer's reason" avslut-new --amend="$dc" --why=ej-antraffbar
like "$(yaml "$dc")" "declined: ej-antraffbar" "changed"

# --- after the seal -------------------------------------------------------
s=$(register --name="Doris Fel" --date="$AVSLUT_TODAY")
"$AVSLUT_BUILD/tests/h-answer" "$s" || exit 99
avslut-seal "$s" || exit 99
expect 0 "--verify of all: the ledger learns the sealed record" avslut-seal --verify
cp "$(file "$s")" "$scratch/sealed-before.asc"
expect 0 "a sealed record corrected" avslut-new --amend="$s" --name="Doris Rätt" --unit="Barn och unga"
is "$out" "$s" "prints the id"
y=$(yaml "$s")
like "$y" 'name: "Doris Rätt"' "the new name"
like "$y" "corrections:" "a list of corrections"
contains "$y" "- field: name
  old: \"Doris Fel\"
  on: 2026-12-10
  by: $HR" "the name's: field, value before, when, by whom"
contains "$y" "- field: unit
  old: \"Äldreomsorg\"" "the unit's"
like "$y" "by: $MGR" "the seal is still the interviewer's"
expect 0 "--verify accepts it" avslut-seal --verify "$s"
is "$out" "$s ok" "ok"
expect 0 "--verify of all, with the ledger from before" avslut-seal --verify
like "$out" "^$s ok" "ok"
expect 0 "--show" avslut-report --show="$s"
like "$out" "^Corrections" "shows the corrections"
like "$out" "2026-12-10: name corrected with the key" "each with its day and key"
like "$out" "before: Doris Fel" "and the value before"
like "$out" "then corrected as below and" "the seal says so"
! grep_plain "Doris Fel" "$AVSLUT_STORE" "$HOME"; ok $? "no old value in any plaintext file or log"
! grep -q "Doris" "$AVSLUT_STORE/access.log"; ok $? "nor in the access log"
is "$(alog "$s")" 1 "its decryption is in the access log"
reg=$(sha256sum <"$AVSLUT_STORE/evidence/$s.reg")
seal=$(sha256sum <"$AVSLUT_STORE/evidence/$s.seal")
expect 0 "a second correction: the interviewer" avslut-new --amend="$s" --interviewer="$MGR2"
is "$(sha256sum <"$AVSLUT_STORE/evidence/$s.reg")" "$reg" "the registration statement is the original"
is "$(sha256sum <"$AVSLUT_STORE/evidence/$s.seal")" "$seal" "the seal statement is the original"
is "$(reads "$MGRH" "$s")" 0 "the old interviewer can no longer decrypt it"
is "$(reads "$MGR2H" "$s")" 1 "the new one can"
expect 0 "--verify" avslut-seal --verify "$s"
is "$(yaml "$s" | grep -c '^- field:')" 4 "four corrections: name, unit, interviewer and its name"
cp "$(file "$s")" "$scratch/corrected.asc"
before=$(snapshot)
expect 0 "the values it holds: nothing to correct" avslut-new --amend="$s" --unit="Barn och unga"
is "$err" "avslut-new: record $s: nothing to correct: it holds these values already" "says so"
is "$(snapshot)" "$before" "and writes nothing"
expect_err 3 "question set and language cannot change" "--questions on a sealed record" \
    avslut-new --amend="$s" --questions=sodermalm
expect_err 3 "not eligible" "a correction that makes it ineligible" \
    avslut-new --amend="$s" --employment=annan
is "$(snapshot)" "$before" "the store is untouched"

# A correction taken back by putting the older file back: the ledger saw
# the corrected one.
expect 0 "--verify of all" avslut-seal --verify
cp "$scratch/sealed-before.asc" "$(file "$s")"
expect 4 "the file from before the correction put back" avslut-seal --verify
like "$out" "^$s FAILED: it is not the document that was sealed at the last check" "fails"
cp "$scratch/corrected.asc" "$(file "$s")"
expect 0 "the corrected one back" avslut-seal --verify
expect 0 "--reencrypt with a corrected record" avslut-seal --reencrypt
like "$out" "^$s current" "it is encrypted to its readers already"
expect 0 "... and a corrected record is purged as any" avslut-purge --force --why=begaran "$s"
test ! -e "$(file "$s")"; ok $? "gone"

# --- attacks ------------------------------------------------------------
# plain ID: the record as its interviewer reads it (an attacker who is
# the interviewer has this; so does any reader).
plain() { gpg --batch -q --decrypt "$(file "$1")" 2>/dev/null; }
# forge ID SIGNER FILE: FILE signed by SIGNER, encrypted to HR and the
# interviewer, as record ID with its sealed header.
forge() {
	local hdr
	hdr=$(sed -n 2p "$(file "$1")")
	gpg --batch -q --yes --trust-model always -u "$2" --sign --encrypt \
	    -r "$HR" -r "$MGR" -r "$MGR2" --armor -o "$scratch/f.asc" "$3" || exit 99
	{ sed -n 1p "$scratch/f.asc"; echo "$hdr"; sed 1d "$scratch/f.asc"; } >"$(file "$1")"
}
# correction ID FIELD OLD BY: add a correction to the plaintext of ID.
with_correction() {
	plain "$1" | perl -pe 'if (/^answers:/) { print "corrections:\n- field: '"$2"'\n  old: \"'"$3"'\"\n  on: 2026-12-10\n  by: '"$4"'\n" }'
}

# fresh NAME [SEAL OPTIONS]: a new sealed record for one attack.
fresh() {
	local n=$1 id
	shift
	id=$(register --name="$n" --date="$AVSLUT_TODAY") || exit 99
	"$AVSLUT_BUILD/tests/h-answer" "$id" || exit 99
	avslut-seal "$@" "$id" || exit 99
	echo "$id"
}
ATK=$(mkkey "Eve Angripare")

# 1. The interviewer of a record they sealed "corrects" its name.
a=$(fresh "Erik Ek")
with_correction "$a" name "Erik Ek" "$MGR" | sed 's/^  name: "Erik Ek"/  name: "Erik Falsk"/' >"$scratch/p"
forge "$a" "$MGR" "$scratch/p"
expect 4 "attack 1: a correction by the interviewer" avslut-seal --verify "$a"
like "$out" "^$a FAILED: .*corrected by $MGR, a key that is neither a recipient nor a sealer" "fails: not a corrector"
expect 4 "... and the report refuses it" avslut-report --show="$a"
# 2. The same, claiming HR corrected it, signed by the interviewer.
a=$(fresh "Erik Ek")
with_correction "$a" name "Erik Ek" "$HR" | sed 's/^  name: "Erik Ek"/  name: "Erik Falsk"/' >"$scratch/p"
forge "$a" "$MGR" "$scratch/p"
expect 4 "attack 2: a correction said to be HR's, signed by the interviewer" avslut-seal --verify "$a"
like "$out" "^$a FAILED: .*$MGR" "fails: the signature is the interviewer's"
# 3. HR sealed; the interviewer passes off a change as a correction of
# theirs, or of HR's.
for who in interviewer HR; do
	[ "$who" = HR ] && claim=$HR || claim=$MGR
	b=$(fresh "Frida Fors" -u "$HR")
	with_correction "$b" unit "Äldreomsorg" "$claim" | sed 's/^  unit: "Äldreomsorg"/  unit: "Ny enhet"/' >"$scratch/p"
	forge "$b" "$MGR" "$scratch/p"
	expect 4 "attack 3: the interviewer after HR sealed, as by the $who" avslut-seal --verify "$b"
	like "$out" "^$b FAILED" "fails"
done
# 4. A store writer with a key of their own, not a recipient or sealer,
# who got the plaintext (here: from the interviewer).
b=$(fresh "Frida Fors" -u "$HR")
with_correction "$b" name "Frida Fors" "$ATK" | sed 's/^  name: "Frida Fors"/  name: "Eve"/' >"$scratch/p"
forge "$b" "$ATK" "$scratch/p"
expect 4 "attack 4: a store writer's own key" avslut-seal --verify "$b"
like "$out" "^$b FAILED: .*corrected by $ATK" "fails"
# 5. A correction by HR that also changes an answer it does not list:
# undoing the listed ones does not give back the sealed document.
c=$(fresh "Gun Gran")
with_correction "$c" name "Gun Gran" "$HR" | sed -e 's/^  name: "Gun Gran"/  name: "Gun Ny"/' \
    -e 's/Svar på primary-reason/Något annat/' >"$scratch/p"
forge "$c" "$HR" "$scratch/p"
expect 4 "attack 5: an answer changed beside a listed correction" avslut-seal --verify "$c"
like "$out" "^$c FAILED: undoing its corrections does not give back the document its seal statement names" "fails, saying why"
# 6. A "correction" of a field no correction may change (the seal date).
c=$(fresh "Gun Gran")
with_correction "$c" sealed "2020-01-01" "$HR" >"$scratch/p"
forge "$c" "$HR" "$scratch/p"
expect 4 "attack 6: a correction of the seal date" avslut-seal --verify "$c"
like "$out" "^$c FAILED" "fails"
# 7. The interviewer, not knowing the value before, lists a wrong one.
c=$(fresh "Gun Gran")
with_correction "$c" name "Gun Annan" "$HR" | sed 's/^  name: "Gun Gran"/  name: "Gun Ny"/' >"$scratch/p"
forge "$c" "$HR" "$scratch/p"
expect 4 "attack 7: a wrong value before" avslut-seal --verify "$c"
like "$out" "^$c FAILED" "fails"
done_testing
