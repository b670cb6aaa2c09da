#!/bin/sh
# avslut-seal: sealing a record: completeness, the sealer, immutability.
. "$(dirname "$0")/lib.sh"

mkstore
export AVSLUT_TODAY=2026-12-10
answer() { "$AVSLUT_BUILD/tests/h-answer" "$@" || exit 99; }
file() { echo "$AVSLUT_STORE/records/$1.asc"; }

# Completeness: required questions whose condition holds.
id=$(register --date=2026-12-10)
before=$(snapshot)
expect 3 "a record without answers is incomplete" avslut-seal "$id"
like "$err" "record $id is incomplete: required questions unanswered: primary-reason, primary-reason-category \(seal anyway with --allow-incomplete\)$" \
    "names every missing question id and --allow-incomplete"
unlike "$err" "Anna|Hemtjänst" "no personal data in the message"
answer -o primary-reason-category "$id"
before=$(snapshot)
expect 3 "one required question unanswered" avslut-seal "$id"
like "$err" "unanswered: primary-reason-category \(" "names only that one"
answer -s primary-reason "$id"
expect 3 "a skipped required question counts as unanswered" avslut-seal "$id"
like "$err" "unanswered: primary-reason \(" "names the skipped one"
before=$(snapshot)
expect 3 "still refused" avslut-seal "$id"
is "$(snapshot)" "$before" "a refused seal leaves the store untouched"

# A complete record: the skipped question answered after all, with
# avslut-ask.
printf 'primary-reason: "Svar på primary-reason: åäö"\n' >"$scratch/answers.yaml"
expect 0 "(answered with avslut-ask)" avslut-ask "$id" --answers="$scratch/answers.yaml"
expect 0 "seal a complete record" avslut-seal "$id"
is "$out" "" "prints nothing"
f=$(file "$id")
is "$(sed -n 2p "$f")" "Comment: avslut sealed 2026-12-10" \
    "the header says sealed; retention counts from the seal"
is "$(stat -c %a "$f")" 600 "still 0600"
run gpg --batch --status-fd 3 --decrypt "$f" 3>"$scratch/status"
like "$out" "state: sealed" "the document says sealed"
like "$out" "sealed: 2026-12-10" "with the seal date (AVSLUT_TODAY)"
like "$out" "by: $MGR" "sealed by the interviewer by default"
like "$out" "employee-reviewed: false" "the employee has not reviewed it"
like "$out" 'answer: "Svar på primary-reason: åäö"' "the answers are kept"
grep -q "VALIDSIG $MGR" "$scratch/status"; ok $? "plain gpg sees a valid signature by the interviewer"
is "$(grep -c '^\[GNUPG:\] NEWSIG' "$scratch/status")" 1 "exactly one signature"
expect 0 "the seal verifies" avslut-seal --verify "$id"
is "$out" "$id ok" "one line: id ok"

# Sealed is immutable.
before=$(snapshot)
expect 3 "sealing twice is refused" avslut-seal "$id"
like "$err" "record $id is sealed and cannot be changed: it was already sealed on 2026-12-10" "says it is sealed and since when"
expect 3 "also with --allow-incomplete and another key" avslut-seal \
    --allow-incomplete --local-user="$HR" "$id"
expect 3 "avslut-new --guide refuses a sealed record" avslut-new --guide "$id"
like "$err" "record $id is sealed" "the guide says why"
expect 3 "avslut-ask refuses a sealed record" avslut-ask "$id" --answers="$scratch/answers.yaml"
like "$err" "record $id is sealed and cannot be changed" "ask says why"
is "$(snapshot)" "$before" "the sealed record is unchanged"
expect 0 "and still verifies" avslut-seal --verify "$id"

# --employee-reviewed, and HR sealing with --local-user.
id2=$(register --date=2026-12-10)
answer -a "$id2"
expect 0 "HR seals with --local-user and --employee-reviewed" \
    avslut-seal --employee-reviewed --local-user="$(echo "$HR" | tr A-F a-f)" "$id2"
run gpg --batch --decrypt "$(file "$id2")"
like "$out" "by: $HR" "seal.by is HR's fingerprint (normalised)"
like "$out" "employee-reviewed: true" "the employee has reviewed it"
expect 0 "HR's seal verifies" avslut-seal --verify "$id2"

# --allow-incomplete.
id3=$(register --date=2026-12-10)
expect 0 "--allow-incomplete seals a record without answers" \
    avslut-seal --allow-incomplete "$id3"
is "$(sed -n 2p "$(file "$id3")")" "Comment: avslut sealed 2026-12-10" "sealed"
expect 0 "and it verifies" avslut-seal --verify "$id3"

# A declined offer has nothing to seal.
idd=$(register --declined --why=avbojt)
before=$(snapshot)
expect 3 "a declined offer cannot be sealed" avslut-seal --allow-incomplete "$idd"
like "$err" "record $idd is declined and cannot be changed: a declined offer has no interview" "says why"
is "$(snapshot)" "$before" "store untouched"

# Who may seal.
OUTSIDER=$(mkkey "Outsider Person")
id4=$(register --date=2026-12-10)
answer "$id4"
before=$(snapshot)
expect 3 "an outsider's key may not seal" avslut-seal --local-user="$OUTSIDER" "$id4"
like "$err" "key $OUTSIDER may not seal record $id4" "names the key and the record"
is "$(snapshot)" "$before" "store untouched"
config_edit "s/^sealers: \\[\\]/sealers: [$OUTSIDER]/" || exit 99
expect 0 "a key listed under sealers in the config may seal" \
    avslut-seal --local-user="$OUTSIDER" "$id4"
test -f "$AVSLUT_STORE/keys/$OUTSIDER.asc"; ok $? "the sealer's public key is kept in the store"
expect 0 "that seal verifies" avslut-seal --verify "$id4"

# An interviewer whose secret key is not here.
MH=$(newhome manager2)
M2=$(mkkey "Mats Chef" "$MH")
GNUPGHOME=$MH gpg --batch --export -a "$M2" >"$AVSLUT_STORE/keys/$M2.asc"
chmod 600 "$AVSLUT_STORE/keys/$M2.asc"
id5=$(register --date=2026-12-10 --interviewer="$M2")
answer "$id5"
before=$(snapshot)
expect 1 "no secret key of the interviewer" avslut-seal "$id5"
like "$err" "the secret key of its interviewer $M2 is not here; name the sealing key with --local-user" \
    "says so and what to do"
expect 1 "--local-user naming a key without its secret here" \
    avslut-seal --local-user="$M2" "$id5"
like "$err" "no secret key $M2 to sign with" "names the key"
is "$(snapshot)" "$before" "store untouched"
expect 0 "HR seals it instead" avslut-seal --local-user="$HR" "$id5"
# The interviewer verifies on their own machine, with only their key.
GNUPGHOME=$MH run avslut-seal --verify "$id5"
is "$rc" 0 "the interviewer verifies HR's seal, HR's key taken from the store"
is "$out" "$id5 ok" "ok"

# Conditions: a required question asked only of retirees.
sed -e 's/^name: sodermalm/name: villkor/' \
    -e 's/^      - id: retiree-return$/&\n        required: true/' \
    "$top/questions/sodermalm.yaml" | store_qset villkor
idr=$(register --date=2026-12-10 --questions=villkor --reason=pension)
ide=$(register --date=2026-12-10 --questions=villkor)
answer -o retiree-return "$idr"
answer -o retiree-return "$ide"
expect 3 "a retiree must answer the retiree question" avslut-seal "$idr"
like "$err" "unanswered: retiree-return \(" "names it"
expect 0 "others need not: its condition does not hold" avslut-seal "$ide"
answer "$idr"
expect 0 "answered, the retiree's record seals" avslut-seal "$idr"

# A record in use is not sealed.
id6=$(register --date=2026-12-10)
answer "$id6"
mkfifo "$scratch/hold"
"$AVSLUT_BUILD/tests/h-lock" "$id6" <"$scratch/hold" >"$scratch/lockout" &
exec 7>"$scratch/hold"
while [ ! -s "$scratch/lockout" ]; do sleep 0.05; done
before=$(snapshot)
logbefore=$(wc -l <"$AVSLUT_STORE/access.log")
expect 3 "a locked record is refused" avslut-seal "$id6"
like "$err" "record $id6 is in use: .*locks/$id6 is locked by h-lock" "names the record and the lock"
is "$(snapshot)" "$before" "store untouched"
is "$(wc -l <"$AVSLUT_STORE/access.log")" "$logbefore" "nothing was decrypted"
exec 7>&-
wait
expect 0 "sealed once the lock is free" avslut-seal "$id6"

# Sealing leaves no plaintext behind.
grep_plain "Anna Andersson" "$AVSLUT_STORE"; ok $((! $?)) "no name in plaintext in the store"
grep_plain "Svar på" "$AVSLUT_STORE" "$TMPDIR"; ok $((! $?)) "no answer in plaintext"
done_testing
