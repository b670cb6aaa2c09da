#!/bin/sh
# Interviewers by e-mail address (issue 18 item 11): the signed store
# config lists them (name, e-mail, fingerprint); --interviewer and the
# import's column take the address or the fingerprint; the record pins
# the fingerprint.
. "$(dirname "$0")/lib.sh"

mkstore
export AVSLUT_TODAY=2026-11-23
MGR2=$(mkkey "Per Chef")
# with_interviewers: the store's config with this list, signed in by HR.
with_interviewers() {
	gpg --batch -q -d "$AVSLUT_STORE/config" 2>/dev/null |
	    sed '/^interviewers:/,/^import:/{/^import:/!d}' >"$scratch/cfg.yaml"
	sed -i '/^import:/,$d' "$scratch/cfg.yaml"
	cat >>"$scratch/cfg.yaml"
	avslut-new --config="$scratch/cfg.yaml"
}
with_interviewers <<CFG || exit 99
interviewers:
  - name: Maja Chef
    email: maja.chef@example.org
    fingerprint: $MGR
  - email: per.chef@example.org
    fingerprint: $MGR2
CFG
like "$(config_text)" "email: \"maja.chef@example.org\"" "the list is in the signed config"

# fpr_of ID: the interviewer's fingerprint the record pins.
fpr_of() {
	gpg --batch -q -d "$AVSLUT_STORE/records/$1.asc" 2>/dev/null |
	    sed -n '/^interviewer:/,/^[a-z]/s/^  fingerprint: *//p' | tr -d '"'
}
expect 0 "--interviewer by e-mail address" register --interviewer=maja.chef@example.org
is "$(fpr_of "$out")" "$MGR" "the record pins the fingerprint"
expect 0 "the address in any case" register --interviewer=Per.Chef@EXAMPLE.org
is "$(fpr_of "$out")" "$MGR2" "the other interviewer's key"
expect 0 "the fingerprint still works" register --interviewer="$MGR2"
is "$(fpr_of "$out")" "$MGR2" "... and is pinned"

before=$(snapshot)
expect 2 "an unknown address" register --interviewer=nobody@example.org
like "$err" "interviewer: an e-mail address that is not among the interviewers of the store's config" "says so"
unlike "$err" "nobody" "without repeating it"
expect 2 "neither an address nor a fingerprint" register --interviewer="Maja Chef"
like "$err" 'interviewer: "Maja Chef" is neither an e-mail address nor a full fingerprint' "says so"
expect 2 "two @" register --interviewer=a@b@example.org
is "$(snapshot)" "$before" "nothing registered"

# The import's column: address or fingerprint; a bad row names its line.
csv="$scratch/a.csv"
printf 'Namn;Befattning;Arbetsplats;Anställd fr.o.m;Anställd t.o.m;Anställningsform;Avgångsorsak;Chef\n' >"$csv"
printf 'Ann Ek;Kock;K;2015-01-01;2026-12-31;Tillsvidare;Pension;maja.chef@example.org\n' >>"$csv"
printf 'Bo Ek;Kock;K;2015-01-01;2026-12-31;Tillsvidare;Pension;okand@example.org\n' >>"$csv"
printf 'Cia Ek;Kock;K;2015-01-01;2026-12-31;Tillsvidare;Pension;%s\n' "$MGR2" >>"$csv"
run avslut-new --import="$csv"
is "$rc" 2 "an unknown address in a row: exit 2"
is "$(printf '%s\n' "$out" | grep -Ec '^[0-9a-z]{12}$')" 2 "the other rows registered"
like "$err" "a.csv:3: skipped: interviewer: an e-mail address that is not among" "names the line"
is "$(fpr_of "$(printf '%s\n' "$out" | head -1)")" "$MGR" "an address in the column pins its key"
is "$(fpr_of "$(printf '%s\n' "$out" | tail -1)")" "$MGR2" "a fingerprint in the column too"

# An address whose key is not here: the key check of a registration.
K=$(GNUPGHOME=$(newhome other) mkkey "Eva Borta" "$scratch/gnupg-other")
with_interviewers <<CFG || exit 99
interviewers:
  - email: eva@example.org
    fingerprint: $K
CFG
expect 1 "an address whose key is not in the keyring" register --interviewer=eva@example.org
like "$err" "key $K is not in the keyring" "names the key"

# A store writer without a governor's key cannot point an address at
# another key: the config re-signed by any other key is refused (exit 4),
# and nothing is registered.
ATK=$(mkkey "Eve Attacker")
with_interviewers <<CFG || exit 99
interviewers:
  - email: maja.chef@example.org
    fingerprint: $MGR
CFG
cp "$AVSLUT_STORE/config" "$scratch/config.good"
config_text | sed "s/$MGR/$ATK/" >"$scratch/evil.yaml"
gpg --batch -q --yes -u "$ATK" --clearsign -o "$AVSLUT_STORE/config" "$scratch/evil.yaml"
before=$(snapshot)
run register --interviewer=maja.chef@example.org
is "$rc" 4 "a config re-signed by a store writer: refused (exit 4)"
is "$(snapshot)" "$before" "... nothing registered"
cp "$scratch/config.good" "$AVSLUT_STORE/config"
expect 0 "the governor's config again" register --interviewer=maja.chef@example.org
is "$(fpr_of "$out")" "$MGR" "... the address pins the governor's key"

# A list that is ambiguous or wrong is refused when signed in.
badlist() {
	desc=$1 pat=$2
	gpg --batch -q -d "$AVSLUT_STORE/config" 2>/dev/null |
	    sed '/^interviewers:/,/^import:/{/^import:/!d}' >"$scratch/bad.yaml"
	sed -i '/^import:/,$d' "$scratch/bad.yaml"
	cat >>"$scratch/bad.yaml"
	expect 2 "$desc" avslut-new --config="$scratch/bad.yaml"
	like "$err" "$pat" "... says: $pat"
}
badlist "one address for two keys" 'bad.yaml:[0-9]+:[0-9]+: email: an address given twice' <<CFG
interviewers:
  - {email: maja.chef@example.org, fingerprint: $MGR}
  - {email: MAJA.CHEF@example.org, fingerprint: $MGR2}
CFG
badlist "not an address" 'email: not an e-mail address' <<CFG
interviewers:
  - {email: maja.chef, fingerprint: $MGR}
CFG
badlist "a short fingerprint" '"ABCD" is not a full fingerprint' <<CFG
interviewers:
  - {email: maja.chef@example.org, fingerprint: ABCD}
CFG
badlist "no fingerprint" 'fingerprint' <<CFG
interviewers:
  - {email: maja.chef@example.org}
CFG
badlist "a control character in a name" 'name: contains a control character' <<CFG
interviewers:
  - {name: "A\eB", email: maja.chef@example.org, fingerprint: $MGR}
CFG
badlist "an unknown key" 'unknown key "phone"' <<CFG
interviewers:
  - {email: maja.chef@example.org, fingerprint: $MGR, phone: 1}
CFG
done_testing
