#!/bin/sh
# Issue 15's attack review, attack by attack: what a colleague who can
# write the store directory (and has a key of their own) tried, and what
# the tools now do.  Attacks 6-11 of the review are in 0870 (files in
# the store), 0880 (editor crashes), 0890 (controls), 0800 (slow input).
#
#   1. forged seal, invented record, keys/ imported, HR's seal re-signed
#   2. readers added through config and keys/, interviewer swapped in a
#      planned record
#   3. readers added through gpg.conf (recipient, hidden-recipient,
#      group, encrypt-to, hidden-encrypt-to; local-user)
#   4. downgrade, hiding and deletion of sealed records
#   5. the plaintext header and AVSLUT_TODAY steering purge
. "$(dirname "$0")/lib.sh"
. "$top/tests/purge.sh"

mkstore
export AVSLUT_TODAY=2026-12-10
answer() { "$AVSLUT_BUILD/tests/h-answer" "$@" || exit 99; }
file() { echo "$AVSLUT_STORE/records/$1.asc"; }
# The attacker: a key of their own on their own machine, and the public
# keys the store hands out.
attacker
# put ID MESSAGE HEADER: MESSAGE as record ID with the header HEADER.
put() {
	{ sed -n 1p "$2"; echo "Comment: avslut $3"; sed 1d "$2"; } >"$(file "$1")"
}
# plain ID: a record's plaintext as the tools' own keyring reads it (the
# attacker knows the format, and an interviewer can read their own).
plain() { gpg --batch -q --decrypt "$(file "$1")" 2>/dev/null; }
atkkey() { GNUPGHOME=$ATKH gpg --batch --export -a "$ATK"; }
hr_knows_atk() { gpg --batch --list-keys "$ATK" >/dev/null 2>&1; }
printf 'primary-reason: "secret answer"\n' >"$scratch/ans.yaml"

a=$(sealed)
b=$(sealed --local-user="$HR")
cp -p "$(file "$a")" "$scratch/a.good"

# ---- 1. Forged seal ------------------------------------------------------
# The interviewer's fingerprint replaced by the attacker's, the answers
# by anything; signed and encrypted by the attacker to HR and to
# themselves, the sealed header, and their key dropped into keys/.
plain "$a" | sed "s/$MGR/$ATK/; s/answer: \"[^\"]*\"/answer: \"forged\"/" \
    >"$scratch/forged.yaml"
grep -q "$ATK" "$scratch/forged.yaml"; ok $? "(the forged document names the attacker)"
atk -a -se -u "$ATK" -r "$HR" -r "$ATK" -o "$scratch/forged.asc" "$scratch/forged.yaml"
put "$a" "$scratch/forged.asc" "sealed 2026-12-10"
atkkey >"$AVSLUT_STORE/keys/$ATK.asc"
expect 4 "1: a forged seal fails --verify" avslut-seal --verify "$a"
like "$out" "^$a FAILED: " "1: named FAILED"
expect 4 "1: and --verify of every record" avslut-seal --verify
like "$out" "$a FAILED: " "1: the forged one is named"
like "$out" "$b ok" "1: the others still verify"
hr_knows_atk; ok $((! $?)) "1: the attacker's key in keys/ was not imported into HR's keyring"
expect 4 "1: --show refuses the forged record" avslut-report --show "$a"
unlike "$out" "valid" "1: nothing is said to be valid"
expect 4 "1: the report does not count it (exit 4)" avslut-report --format=csv
unlike "$out" "forged" "1: its answers are not in the report"

# A record invented under a new id: no registration.
newid=$(newids 1)
sed "s/$a/$newid/g" "$scratch/forged.yaml" >"$scratch/new.yaml"
atk -a -se -u "$ATK" -r "$HR" -r "$ATK" -o "$scratch/new.asc" "$scratch/new.yaml"
put "$newid" "$scratch/new.asc" "sealed 2026-12-10"
chmod 600 "$(file "$newid")"
expect 4 "1: an invented record fails --verify" avslut-seal --verify "$newid"
like "$out" "^$newid FAILED: " "1: named FAILED"
run avslut-seal --verify
is "$rc" 4 "1: and in --verify of every record (exit 4)"
like "$out" "$newid FAILED: " "1: the invented one is named"
# ... even with a registration statement the attacker signed.
sed "s/$a/$newid/; s/$MGR/$ATK/" "$AVSLUT_STORE/evidence/$a.reg" |
    atk -d 2>/dev/null | atk --clearsign -u "$ATK" >"$AVSLUT_STORE/evidence/$newid.reg"
grep -q "$newid" "$AVSLUT_STORE/evidence/$newid.reg"; ok $? "(a registration statement signed by the attacker)"
expect 4 "1: an invented record with a registration the attacker signed fails" avslut-seal --verify "$newid"
hr_knows_atk; ok $((! $?)) "1: still not imported"
rm -f "$(file "$newid")" "$AVSLUT_STORE/evidence/$newid.reg" "$AVSLUT_STORE/keys/$ATK.asc"
cp -p "$scratch/a.good" "$(file "$a")"
expect 0 "(record a restored)" avslut-seal --verify "$a"

# A record HR sealed, edited and re-signed by its interviewer.
plain "$b" | sed 's/answer: "[^"]*"/answer: "edited"/' >"$scratch/b.yaml"
grep -q '"edited"' "$scratch/b.yaml"; ok $? "(the edited document)"
gpg --batch -q --yes --trust-model always -a -se -u "$MGR" -r "$HR" -r "$MGR" \
    -o "$scratch/b.asc" "$scratch/b.yaml"
cp -p "$(file "$b")" "$scratch/b.good"
put "$b" "$scratch/b.asc" "sealed 2026-12-10"
expect 4 "1: HR's seal re-signed by the interviewer after editing fails" avslut-seal --verify "$b"
like "$out" "^$b FAILED: " "1: named FAILED"
cp -p "$scratch/b.good" "$(file "$b")"

# ---- 2. Readers added ----------------------------------------------------
# The attacker under recipients: in the config, signed by the attacker,
# with their key in keys/.
cp -p "$AVSLUT_STORE/config" "$scratch/config.good"
config_text | sed "/^recipients:/a\\  - $ATK" >"$scratch/config.atk"
grep -q "$ATK" "$scratch/config.atk"; ok $? "(a config with the attacker as a recipient)"
atk --clearsign -u "$ATK" -o "$AVSLUT_STORE/config" "$scratch/config.atk"
atkkey >"$AVSLUT_STORE/keys/$ATK.asc"
before=$(snapshot)
expect_err 4 "config" "2: registration refuses a config not signed by a pinned key" register --date=2026-12-10
expect 4 "2: so does avslut-ask" avslut-ask "$a" --answers=/dev/null
expect 4 "2: and the report" avslut-report
is "$(snapshot)" "$before" "2: nothing was written"
# ... and unsigned, as it was in 0.1.
cp "$scratch/config.atk" "$AVSLUT_STORE/config"
expect_err 4 "config" "2: an unsigned config is refused" register --date=2026-12-10
cp -p "$scratch/config.good" "$AVSLUT_STORE/config"
# keys/ alone: a key there is no recipient.
c=$(register --date=2026-12-10)
answer "$c"
is "$(readable_by "$ATKH")" 0 "2: with the attacker's key in keys/, no record is readable by the attacker"
hr_knows_atk; ok $((! $?)) "2: and the key was not imported"
# keys/ as a cache: HR's key file replaced by the attacker's key.
HRK="$AVSLUT_STORE/keys/$HR.asc"
cp -p "$HRK" "$scratch/hr.key"
atkkey >"$HRK"
MH=$(keyonly mgr "$MGR")	# a manager's machine without HR's key
before=$(snapshot)
expect 4 "2: a manager's tool that finds the attacker's key as HR's refuses" \
    env GNUPGHOME="$MH" avslut-ask "$c" --answers="$scratch/ans.yaml"
is "$(snapshot)" "$before" "2: nothing was written"
GNUPGHOME=$MH gpg --batch --list-keys "$ATK" >/dev/null 2>&1
ok $((! $?)) "2: the attacker's key is not imported into that keyring"
cp -p "$scratch/hr.key" "$HRK"
expect 0 "2: with HR's own key file back, it works" \
    env GNUPGHOME="$MH" avslut-ask "$c" --answers="$scratch/ans.yaml"
is "$(readable_by "$ATKH")" 0 "2: and nothing is readable by the attacker"
rm -f "$AVSLUT_STORE/keys/$ATK.asc"

# The interviewer swapped inside a planned record.
p=$(register --date=2026-12-10)
cp -p "$(file "$p")" "$scratch/p.good"
plain "$p" | sed "s/$MGR/$ATK/g" >"$scratch/p.yaml"
atk -a -e -r "$HR" -r "$ATK" -o "$scratch/p.asc" "$scratch/p.yaml"
put "$p" "$scratch/p.asc" "planned 2026-12-31"
printf 'primary-reason: "secret answer"\n' >"$scratch/ans.yaml"
before=$(snapshot)
expect 4 "2: avslut-ask refuses a record whose interviewer was swapped" \
    avslut-ask "$p" --answers="$scratch/ans.yaml"
is "$(snapshot)" "$before" "2: and writes no answer to the attacker"
# ... also signed by the attacker, and by the interviewer the statement names.
atk -a -se -u "$ATK" -r "$HR" -r "$ATK" -o "$scratch/p.asc" "$scratch/p.yaml"
put "$p" "$scratch/p.asc" "planned 2026-12-31"
expect 4 "2: signed by the attacker: refused" avslut-ask "$p" --answers="$scratch/ans.yaml"
atkkey | gpg --batch -q --import 2>/dev/null
gpg --batch -q --yes --trust-model always -a -se -u "$MGR" -r "$HR" -r "$ATK" \
    -o "$scratch/p.asc" "$scratch/p.yaml"
gpg --batch -q --yes --delete-keys "$ATK"
put "$p" "$scratch/p.asc" "planned 2026-12-31"
expect 4 "2: signed by a legitimate key, still refused" avslut-ask "$p" --answers="$scratch/ans.yaml"
is "$(readable_by "$ATKH")" 1 "2: the attacker reads only the planned record they wrote, no answers"
cp -p "$scratch/p.good" "$(file "$p")"

# ---- 3. gpg.conf adds readers --------------------------------------------
gpg --batch -q --import "$AVSLUT_STORE/keys/$MGR.asc" 2>/dev/null
atkkey | gpg --batch -q --import 2>/dev/null
# (the attacker's key now in the user's keyring, as the attack needs)
# safely DESC CMD...: the writer refuses (exit 3, the store untouched) or
# writes what the attacker cannot read.
safely() {
	local desc=$1 before
	shift
	before=$(snapshot)
	run "$@"
	if [ "$rc" = 0 ]; then
		ok 0 "$desc: done"
	else
		is "$rc" 3 "$desc: refused (exit 3)"
		like "$err" "gpg.conf" "$desc: the message says where to look"
		is "$(snapshot)" "$before" "$desc: the store is untouched"
	fi
	is "$(readable_by "$ATKH")" 0 "$desc: no record is readable by the attacker"
}
for opt in "recipient $ATK" "hidden-recipient $ATK" \
    "group $HR = $HR $ATK" "group $MGR = $MGR $ATK" \
    "encrypt-to $ATK" "hidden-encrypt-to $ATK"; do
	: >"$GNUPGHOME/gpg.conf"
	q=$(register --date=2026-12-10) && s=$(register --date=2026-12-10) || exit 99
	answer "$s"
	printf 'trust-model always\n%s\n' "$opt" >"$GNUPGHOME/gpg.conf"
	safely "3: '$opt' in gpg.conf: avslut-ask" avslut-ask "$q" --answers="$scratch/ans.yaml"
	safely "3: '$opt' in gpg.conf: registration" register --date=2026-12-10
	safely "3: '$opt' in gpg.conf: sealing" avslut-seal "$s"
	safely "3: '$opt' in gpg.conf: re-encryption" avslut-seal --reencrypt
done
# local-user: the tools sign with the key they choose.
: >"$GNUPGHOME/gpg.conf"
t=$(register --date=2026-12-10) || exit 99
answer "$t"
before=$(snapshot)
printf 'local-user %s\n' "$ATK" >"$GNUPGHOME/gpg.conf"
expect_err 3 "gpg.conf.*exactly one signature, by $MGR" \
    "3: local-user in gpg.conf, a key without its secret: sealing refuses" avslut-seal "$t"
printf 'local-user %s\n' "$HR" >"$GNUPGHOME/gpg.conf"
expect_err 3 "key $HR too.*local-user in gpg.conf" \
    "3: local-user in gpg.conf, another key of the user's: sealing refuses" avslut-seal "$t"
is "$(snapshot)" "$before" "3: local-user: nothing was written"
: >"$GNUPGHOME/gpg.conf"
expect 0 "3: without it, sealing signs" avslut-seal "$t"
like "$(gpg --batch --status-fd 1 -d "$(file "$t")" 2>/dev/null)" "VALIDSIG $MGR" "3: as the interviewer"
# A clean gpg.conf: everything works.
: >"$GNUPGHOME/gpg.conf"
r=$(register --date=2026-12-10); is "$?" 0 "3: clean gpg.conf: registration works"
expect 0 "3: clean gpg.conf: ask works" avslut-ask "$r" --answers="$scratch/ans.yaml"
answer "$r"
expect 0 "3: clean gpg.conf: seal works" avslut-seal "$r"
is "$(readable_by "$ATKH")" 0 "3: and no record is readable by the attacker"

# ---- 4. Downgrade, hiding, deletion --------------------------------------
expect 0 "(every sealed record verifies, and the ledger knows them)" avslut-seal --verify
d=$(register --date=2026-12-10)
answer "$d"
cp -p "$(file "$d")" "$scratch/d.inprogress"
avslut-seal "$d" || exit 99
expect 0 "(d verifies once: the ledger has it sealed)" avslut-seal --verify
cp -p "$(file "$d")" "$scratch/d.good"
# The older in-progress file put back.
cp -p "$scratch/d.inprogress" "$(file "$d")"
expect 4 "4: a sealed record replaced by its in-progress file fails --verify" avslut-seal --verify
like "$out" "$d FAILED: " "4: named FAILED"
like "$err" "record $d: seal check FAILED" "4: a line the cron grep finds"
expect 4 "4: the report exits 4" avslut-report
# ... and the seal statement removed as well: the ledger remembers.
mv "$AVSLUT_STORE/evidence/$d.seal" "$scratch/d.seal"
expect 4 "4: ... with its seal statement removed too" avslut-seal --verify
like "$out" "$d FAILED: " "4: named FAILED (the ledger)"
mv "$scratch/d.seal" "$AVSLUT_STORE/evidence/$d.seal"
# A message to another key: HR cannot read it.
atk -a -e -r "$ATK" -o "$scratch/hidden.asc" "$scratch/b.yaml"
put "$d" "$scratch/hidden.asc" "sealed 2026-12-10"
expect 4 "4: a sealed record no recipient can read fails --verify" avslut-seal --verify
like "$out" "$d FAILED: " "4: named FAILED"
expect 4 "4: the report exits 4" avslut-report
# Deleted, with its evidence.
rm -f "$(file "$d")" "$AVSLUT_STORE/evidence/$d".*
expect 4 "4: a sealed record deleted with its evidence fails --verify" avslut-seal --verify
like "$out" "$d FAILED: " "4: named FAILED (the ledger)"
like "$err" "record $d: seal check FAILED" "4: on stderr too"
cp -p "$scratch/d.good" "$(file "$d")"
expect 4 "4: back without its seal statement it still fails" avslut-seal --verify "$d"
rm -f "$(file "$d")"

# ---- 5. Purge steered by the header --------------------------------------
# (keyless, as from cron: a keyring with no key at all)
keyless() { GNUPGHOME="$scratch/nokeys" "$@"; }
mkdir -m 700 "$scratch/nokeys"
e=$(sealed)
cp -p "$(file "$e")" "$scratch/e.good"
sed -i 's/^Comment: avslut sealed .*/Comment: avslut sealed 2000-01-01/' "$(file "$e")"
run keyless avslut-purge
is "$rc" 4 "5: a sealed record whose header says 2000-01-01 is not purged (exit 4)"
test -e "$(file "$e")"; ok $? "5: it is still there"
like "$err" "record $e: .*; kept" "5: and purge says why"
like "$(grep ",$e," "$plog")" ",kept," "5: the purge log notes the disagreement"
unlike "$(grep ",$e," "$plog")" ",retention," "5: as no disposal"
cp -p "$scratch/e.good" "$(file "$e")"
f=$(register --declined --why=avbojt --date=2026-12-10)
sed -i 's/^Comment: avslut declined .*/Comment: avslut declined 2199-12-31/' "$(file "$f")"
run keyless env AVSLUT_TODAY=2029-06-01 avslut-purge --dry-run
is "$rc" 4 "5: a declined record whose header says 2199-12-31 (exit 4)"
like "$err" "record $f: its header's date 2199-12-31 is later than any a record can have; kept" \
    "5: is reported, not kept for ever in silence"
# AVSLUT_TODAY in an installed build.
prod=${AVSLUT_PROD_BUILD:-}
if [ -n "$prod" ] && [ -x "$prod/bin/avslut-purge" ] && [ "$prod" != "$AVSLUT_BUILD" ]; then
	g=$(sealed)
	keyless env AVSLUT_TODAY=2040-01-01 avslut-purge --dry-run >"$scratch/test-build.out" 2>/dev/null
	grep -q "$g" "$scratch/test-build.out"; ok $? "5: (the test build does purge as of 2040)"
	keyless env -u AVSLUT_TODAY "$prod/bin/avslut-purge" --dry-run >"$scratch/now.out" 2>&1
	keyless env AVSLUT_TODAY=2040-01-01 "$prod/bin/avslut-purge" --dry-run >"$scratch/2040.out" 2>"$scratch/2040.err"
	is "$(cat "$scratch/2040.out" "$scratch/2040.err")" "$(cat "$scratch/now.out")" \
	    "5: the installed build ignores AVSLUT_TODAY=2040-01-01"
	grep -q "$g" "$scratch/2040.out"; ok $((! $?)) "5: and does not purge the record sealed today"
else
	for i in 1 2 3; do ok 0 "# skip no production build (make check sets AVSLUT_PROD_BUILD)"; done
fi
done_testing
