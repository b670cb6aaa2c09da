#!/bin/sh
# avslut-report --pending (issue 18 item 2): per interviewer, planned
# interviews whose date has passed, interviews in progress for more than
# the store's in-progress-days, planned interviews whose questions were
# never sent; text and CSV; nothing pending is exit 0 and no text.
. "$(dirname "$0")/lib.sh"

mkstore
BOB=$(mkkey "Bo Boss")
export AVSLUT_TODAY=2026-12-20 COLUMNS=80

# Nothing pending yet: exit 0, no text (cron mails nothing), the CSV's
# header alone.
expect 0 "--pending in an empty store" avslut-report --pending
is "$out" "" "no text at all"
expect 0 "--pending --format=csv in an empty store" avslut-report --pending --format=csv
is "$(printf '%s\n' "$out" | tr -d '\r')" \
    "interviewer,interviewer_fingerprint,id,state,pending,interview_date,days,questions_sent,name" \
    "the documented header alone"

mkrecords >"$scratch/ids" <<EOF
name=Per Öström;date=2026-12-10;sent=2026-12-01;interviewer=$MGR
name=Karin Berg;date=2026-12-01;state=in-progress;interviewer=$MGR
name=Lisa Lund;date=2026-12-10;state=in-progress;interviewer=$MGR
name=Olle Ek;date=2027-01-10;interviewer=$BOB;iname=Bo Boss
name=Siv Sand;date=2027-01-12;sent=2026-12-19;interviewer=$BOB;iname=Bo Boss
name=Tor Tall;state=sealed;date=2026-11-01;sealed=2026-11-02;interviewer=$MGR;seal=$MGR
name=Ulla Udd;state=declined;why=avbojt;interviewer=$MGR
name=Vera Vik;interviewer=$BOB;iname=Bo Boss
name=Åke Åberg;date=2026-12-19;interviewer=$BOB;iname=Bo Boss
EOF
per=$(sed -n 1p "$scratch/ids")
karin=$(sed -n 2p "$scratch/ids")
lisa=$(sed -n 3p "$scratch/ids")
olle=$(sed -n 4p "$scratch/ids")
siv=$(sed -n 5p "$scratch/ids")
vera=$(sed -n 8p "$scratch/ids")
ake=$(sed -n 9p "$scratch/ids")

: >"$AVSLUT_STORE/access.log"
expect 0 "--pending" avslut-report --pending
text=$out
printf '%s\n' "$text" >"$scratch/pending.txt"
is "$(head -1 "$scratch/pending.txt")" "Pending on 2026-12-20" "a title with today's date"
contains "$text" "
Bo Boss (3)
Id            Employee   Interview   Pending
────────────────────────────────────────────────────────────────────
$ake  Åke Åberg  2026-12-19  not begun, 1 day after the date
$olle  Olle Ek    2027-01-10  questions not sent in advance
$vera  Vera Vik               questions not sent in advance
" "Bo Boss: a date passed, questions never sent, with and without a date"
contains "$text" "
Maja Chef (2)
Id            Employee    Interview   Pending
───────────────────────────────────────────────────────────────────────
$per  Per Öström  2026-12-10  not begun, 10 days after the date
$karin  Karin Berg  2026-12-01  not sealed, in progress 19 days" "Maja Chef: a date passed though the questions were sent; in progress 19 days > 14"
unlike "$text" "$lisa|$siv|Tor Tall|Ulla Udd" "not pending: in progress 10 days, questions sent, sealed, declined"
is "$(perl -CSD -ne 'chomp; $m = length if length > $m; END { print $m <= 80 ? "fits" : "too wide: $m" }' "$scratch/pending.txt")" \
    fits "within 80 columns"
is "$(grep -c ',avslut-report --pending,' "$AVSLUT_STORE/access.log")" 9 "every decryption is in the access log"

expect 0 "--pending --format=csv" avslut-report --pending --format=csv
printf '%s\n' "$out" >"$scratch/pending.csv"
is "$(/usr/bin/python3 -c 'import csv, sys
for r in list(csv.reader(open(sys.argv[1], encoding="utf-8", newline="")))[1:]:
    print(r[0], r[2], r[3], r[4], r[5] or "-", r[6] or "-", r[7] or "-", r[8], sep=",")' "$scratch/pending.csv")" \
"Bo Boss,$ake,planned,overdue,2026-12-19,1,-,Åke Åberg
Bo Boss,$olle,planned,unsent,2027-01-10,-,-,Olle Ek
Bo Boss,$vera,planned,unsent,-,-,-,Vera Vik
Maja Chef,$per,planned,overdue,2026-12-10,10,2026-12-01,Per Öström
Maja Chef,$karin,in-progress,stalled,2026-12-01,19,-,Karin Berg" \
    "as a spreadsheet reads it: interviewer, id, state, why, date, days, questions sent, name"
like "$out" "Bo Boss,$BOB,$ake" "the interviewer's fingerprint"
expect 0 "--pending --format=csv --bom" avslut-report --pending --format=csv --bom
is "$(head -c 3 "$scratch/out" | od -An -tx1 | tr -d ' ')" "efbbbf" "with a byte-order mark"
expect 0 "--pending -o FILE" avslut-report --pending -o "$scratch/pending.out"
is "$(stat -c %a "$scratch/pending.out")" 600 "-o: 0600"
is "$(cat "$scratch/pending.out")" "$text" "the same list"

# The store's in-progress-days.
config_text | grep -q '^in-progress-days: 14$'; ok $? "a new store's config says in-progress-days: 14"
config_edit 's/^in-progress-days: .*/in-progress-days: 5/' || exit 99
expect 0 "in-progress-days: 5" avslut-report --pending --format=csv
like "$out" "$lisa,in-progress,stalled,2026-12-10,10" "in progress 10 days is now late"
config_edit 's/^in-progress-days: .*/in-progress-days: 19/' || exit 99
expect 0 "in-progress-days: 19" avslut-report --pending --format=csv
unlike "$out" "$karin" "19 days is not more than 19"
config_edit '/^in-progress-days:/d' || exit 99
config_text | grep -q '^in-progress-days: 14$'; ok $? "left out, it reads as the default 14 and is written back"
for bad in 0 366 many -1 '[14]'; do
	config_edit_raw "s/^in-progress-days: .*/in-progress-days: $bad/" || exit 99
	expect_err 2 "config:[0-9]+:19: (.* is out of range \(1 to 365\)|expected a whole number|\"in-progress-days\" must be a value)" \
	    "in-progress-days: $bad is refused, with its line and column" avslut-report --pending
	config_edit_raw "s/^in-progress-days: .*/in-progress-days: 14/" || exit 99
done
expect 0 "the config fixed" avslut-report --pending

# The routine, end to end: a planned interview is pending until its
# guide is printed for the employee.
id=$(register --date=2027-01-15) || exit 99
expect 0 "a new registration" avslut-report --pending --format=csv
like "$out" "$id,planned,unsent,2027-01-15" "its questions not sent"
avslut-new --guide "$id" >/dev/null || exit 99
expect 0 "the guide printed" avslut-report --pending --format=csv
unlike "$out" "$id" "no longer pending"

# Swedish.
LC_ALL=sv_SE.UTF-8 LANGUAGE=sv expect 0 "--pending in Swedish" avslut-report --pending
like "$out" "frågorna ej skickade i förväg" "the labels in Swedish"
like "$out" "ej påbörjat, 10 dagar efter datum" "a date passed, in Swedish"

# Bad input.
expect_err 2 '--pending takes no period' "--pending with --since" avslut-report --pending --since=2026-01-01
expect_err 2 '--pending takes no period' "--pending with --month" avslut-report --pending --month=last
expect_err 2 '--pending takes no period' "--pending with --date" avslut-report --pending --date=interview
expect_err 2 '"html" is not one of text, csv with --pending' "--pending as HTML" avslut-report --pending --format=html
expect_err 2 'exclude each other' "--pending with --list" avslut-report --pending --list
expect_err 2 'exclude each other' "--pending with --show" avslut-report --pending --show="$per"
expect_err 2 'for the report' "--pending with --by" avslut-report --pending --by=unit
expect_err 2 '--match and --state are for --list' "--pending with --state" avslut-report --pending --state=planned
expect_err 2 '--bom is only for --format=csv' "--bom with text" avslut-report --pending --bom
done_testing
