#!/bin/sh
# avslut-report --show (one record for its reader) and --list; the access
# log of every decryption.
. "$(dirname "$0")/lib.sh"

mkstore
export AVSLUT_TODAY=2026-12-20 COLUMNS=200
ESC=$(printf '\033')

mkrecords >"$scratch/ids" <<EOF
name=Anna Andersson;title=Undersköterska;workplace=Hemtjänst Söder;unit=Äldreomsorg;from=2019-03-01;to=2026-12-31;date=2026-12-10;sealed=2026-12-12;reviewed=1;interviewer=$MGR;seal=$MGR;a.primary-reason=Lönen.\nOch arbetstiderna.;a.primary-reason-category=pay;a.secondary-reasons=pay,career;a.overall-rating=4;a.would-return-coded=maybe;s.introduction=
name=Bo Berg;unit=Skola;to=2026-11-30;date=2026-11-20;state=in-progress;interviewer=$MGR;a.primary-reason=Flyttar\x1b[2J till Umeå \xe2\x80\xae
name=Cilla Ceder;unit==Kultur;to=2026-10-31;state=declined;why=ej-antraffbar;interviewer=$MGR
EOF
anna=$(sed -n 1p "$scratch/ids")
bo=$(sed -n 2p "$scratch/ids")
cilla=$(sed -n 3p "$scratch/ids")

# --- --show -------------------------------------------------------------
: >"$AVSLUT_STORE/access.log"
expect 0 "--show a sealed record" avslut-report --show "$anna"
show=$out
is "$(printf '%s\n' "$show" | head -1)" "Konfidentiellt — personalärende" "the marking first"
is "$(printf '%s\n' "$show" | tail -1)" "Konfidentiellt — personalärende" "and last"
like "$show" "Avslutssamtal Södermalms stadsdelsförvaltning" "the question set's title"
like "$show" "Record $anna" "the record id"
like "$show" "Namn: +Anna Andersson" "the header facts in the record's language: name"
like "$show" "Befattning: +Undersköterska" "title"
like "$show" "Arbetsplats: +Hemtjänst Söder" "workplace"
like "$show" "Anställd: +fr.o.m 2019-03-01  t. o. m 2026-12-31" "employed from and to"
like "$show" "Datum för samtal: +2026-12-10" "the interview date"
like "$show" "Unit: +Äldreomsorg" "the unit"
like "$show" "Interviewer: +Maja Chef \(Closest manager\)" "the interviewer"
contains "$show" "Inledning
---------
Vad är den primära orsaken till varför du slutar?
    Lönen.
    Och arbetstiderna.
" "a section, a question as asked, the answer with its lines"
contains "$show" "Vilken kategori beskriver bäst den primära orsaken?
    Lön
" "a choice: the option as asked"
contains "$show" "Finns det fler orsaker? (flera val)
    – Lön
    – Karriär och utveckling
" "several choices, each as asked"
contains "$show" "Hur skulle du sammanfattningsvis betygsätta din tid hos oss?
    4
" "a scale"
contains "$show" "Hur upplevde du din introduktion? Hur kan introduktionen förbättras?
    (not answered)
" "a skipped question says so"
contains "$show" "Sealed on 2026-12-12 with the key
$MGR. The" "the seal: date and key"
like "$show" "The employee reviewed the record" "reviewed by the employee"
unlike "$show" "$ESC" "no escape in the copy"
is "$(grep -c ",$anna,.*,avslut-report --show," "$AVSLUT_STORE/access.log")" 1 "the decryption is in the access log"
expect 0 "--show a record in progress" avslut-report --show "$bo"
like "$out" "Flyttar\^\[\[2J till Umeå <U\+202E>" "escapes and overrides in an answer are made visible"
unlike "$out" "$ESC" "no ESC byte"
like "$out" "Not sealed: the record may still change" "not sealed"
expect 0 "--show a declined offer" avslut-report --show "$cilla"
like "$out" "Declined because: +Could not be reached" "the reason it was declined"
like "$out" "Unit: +=Kultur" "a unit as typed"

# --format=yaml: the document exactly as stored, as gpg gives it.
expect 0 "--show --format=yaml" avslut-report --show "$anna" --format=yaml
cp "$scratch/out" "$scratch/show.yaml"
gpg --batch -q -d "$AVSLUT_STORE/records/$anna.asc" >"$scratch/gpg.yaml" 2>/dev/null
cmp -s "$scratch/show.yaml" "$scratch/gpg.yaml"; ok $? "byte for byte what gpg --decrypt gives"
like "$(head -1 "$scratch/show.yaml")" "^avslut-record: 1" "the record document"
expect 0 "--show=ID works too" avslut-report --show="$anna" --format=yaml

# Errors name the record, never a person.
expect 1 "--show an unknown id" avslut-report --show 0123456789ab
like "$err" "record 0123456789ab not found" "says so"
expect 2 "--show an invalid id" avslut-report --show ../../etc/x
expect 2 "--show with csv" avslut-report --show "$anna" --format=csv
like "$err" "csv.* is not one of text, yaml" "names the formats"

# --- --list ---------------------------------------------------------------
: >"$AVSLUT_STORE/access.log"
expect 0 "--list" avslut-report --list
list=$out
like "$(printf '%s\n' "$list" | head -1)" "^Id +State +Name +Title +Interview +Employed to +Sealed +Interviewer +Unit$" "a header"
is "$(printf '%s\n' "$list" | tail -n +3 | wc -l)" 3 "a row per record"
like "$list" "$anna +sealed +Anna Andersson +Undersköterska +2026-12-10 +2026-12-31 +2026-12-12 +Maja Chef +Äldreomsorg" "Anna's row"
like "$list" "$bo +in-progress +Bo Berg +Undersköterska +2026-11-20 +2026-11-30 +Maja Chef +Skola" "Bo's row"
like "$list" "$cilla +declined +Cilla Ceder +Undersköterska +2026-10-31 +Maja Chef +=Kultur" "Cilla's row"
is "$(printf '%s\n' "$list" | tail -n +3 | awk '{ print $1 }' | tr '\n' ' ')" \
    "$(sort "$scratch/ids" | tr '\n' ' ')" "sorted by id"
is "$(grep -c ',avslut-report --list,' "$AVSLUT_STORE/access.log")" 3 "every decryption is in the access log"
for id in $anna $bo $cilla; do
	is "$(grep -c ",$id,[0-9A-F]\{16\},avslut-report --list,$(id -un)" "$AVSLUT_STORE/access.log")" 1 "logged: $id, its key, the command, the user"
done
expect 0 "--list as CSV" avslut-report --list --format=csv
is "$(printf '%s\n' "$out" | head -1 | tr -d '\r')" \
    "id,state,registered,interview_date,employed_to,sealed,interviewer,unit,name,title" "the documented CSV columns"
like "$out" "$anna,sealed,2026-12-20,2026-12-10,2026-12-31,2026-12-12,Maja Chef,Äldreomsorg,Anna Andersson,Undersköterska" "Anna's row in full"
like "$out" "$cilla,declined,2026-12-20,,2026-10-31,,Maja Chef,'=Kultur,Cilla Ceder" "a formula in a unit is neutralised"
expect 0 "--list --bom" avslut-report --list --format=csv --bom
is "$(head -c 3 "$scratch/out" | od -An -tx1 | tr -d ' ')" "efbbbf" "with a byte-order mark"
expect 0 "--list a period" avslut-report --list --format=csv --since=2026-11-01 --until=2026-11-30
is "$(printf '%s\n' "$out" | tail -n +2 | cut -d, -f1)" "$bo" "only the record dated in November"
expect 2 "--list as HTML" avslut-report --list --format=html
expect 2 "--list with --by" avslut-report --list --by=unit

# --- the report logs every record too -------------------------------------
: >"$AVSLUT_STORE/access.log"
expect 0 "a report" avslut-report --format=csv
is "$(grep -c ',avslut-report,' "$AVSLUT_STORE/access.log")" 3 "each record read once, logged once"
is "$(cut -d, -f2 "$AVSLUT_STORE/access.log" | grep -v record | sort | tr '\n' ' ')" \
    "$(sort "$scratch/ids" | tr '\n' ' ')" "the ids in the log are the records"
grep_plain "Anna\|Äldreomsorg\|Lönen" "$AVSLUT_STORE"; ok $((! $?)) "nothing personal in any plaintext of the store"
is "$err" "" "nothing on stderr"
done_testing
