#!/bin/sh
# avslut-report -o FILE (issue 18 item 6): a report, a copy of a record
# or a listing written 0600 whatever the umask, atomically, a file there
# replaced; nothing left behind when it fails.
. "$(dirname "$0")/lib.sh"

mkstore
export AVSLUT_TODAY=2026-12-20
unset COLUMNS

mkrecords >"$scratch/ids" <<EOF
name=Per Öström;title=Förskollärare;unit=Förskola;to=2026-11-30;date=2026-11-20;sealed=2026-11-25;interviewer=$MGR;seal=$MGR
name=Karin Berg;unit=Skola;to=2026-11-30;date=2026-11-25;state=in-progress;interviewer=$MGR
EOF
per=$(sed -n 1p "$scratch/ids")
mkdir "$scratch/o"
umask 022

# mode FILE: its permission bits in octal.
mode() { stat -c %a "$1"; }

expect 0 "the report to standard output" avslut-report --by=unit
want=$out
expect 0 "-o FILE" avslut-report --by=unit -o "$scratch/o/report.txt"
is "$out" "" "nothing on standard output"
is "$(mode "$scratch/o/report.txt")" 600 "the file is 0600 under umask 022"
is "$(cat "$scratch/o/report.txt")" "$want" "what standard output would have had"
is "$(awk '{ if (length($0) > m) m = length($0) } END { print m }' "$scratch/o/report.txt" | tr -d ' ')" \
    "$(printf '%s\n' "$want" | awk '{ if (length($0) > m) m = length($0) } END { print m }')" "80 columns, as for a pipe"
COLUMNS=120 expect 0 "-o FILE with COLUMNS" avslut-report --by=unit -o "$scratch/o/wide.txt"
COLUMNS=120 run avslut-report --by=unit
is "$(cat "$scratch/o/wide.txt")" "$out" "COLUMNS still sets the width"

expect 0 "--output=FILE, CSV" avslut-report --format=csv --bom --output="$scratch/o/report.csv"
is "$(head -c 3 "$scratch/o/report.csv" | od -An -tx1 | tr -d ' ')" "efbbbf" "the CSV as asked"
is "$(mode "$scratch/o/report.csv")" 600 "0600"
expect 0 "-o FILE, HTML" avslut-report --format=html -o "$scratch/o/report.html"
like "$(head -1 "$scratch/o/report.html")" "<!DOCTYPE html>" "the HTML"

: >"$AVSLUT_STORE/access.log"
expect 0 "--show -o FILE" avslut-report --show="$per" -o "$scratch/o/kopia.txt"
is "$out" "" "nothing on standard output"
is "$(mode "$scratch/o/kopia.txt")" 600 "the copy of a record is 0600"
like "$(cat "$scratch/o/kopia.txt")" "Record $per" "the record"
is "$(grep -c ",$per,.*,avslut-report --show," "$AVSLUT_STORE/access.log")" 1 "the decryption is in the access log"
expect 0 "--show --format=yaml -o FILE" avslut-report --show="$per" --format=yaml -o "$scratch/o/kopia.yaml"
gpg --batch -q -d "$AVSLUT_STORE/records/$per.asc" 2>/dev/null | cmp -s - "$scratch/o/kopia.yaml"
ok $? "the document as gpg gives it"

expect 0 "--list -o FILE" avslut-report --list --format=csv -o "$scratch/o/list.csv"
is "$(mode "$scratch/o/list.csv")" 600 "the listing is 0600"
like "$(cat "$scratch/o/list.csv")" "$per,sealed" "the listing"

# A file there is replaced whole, its mode too; a link is replaced, not
# followed.
printf 'old\n' >"$scratch/o/old.txt"
chmod 644 "$scratch/o/old.txt"
ln "$scratch/o/old.txt" "$scratch/o/hardlink"
expect 0 "-o over a file of 0644" avslut-report --list -o "$scratch/o/old.txt"
is "$(mode "$scratch/o/old.txt")" 600 "now 0600"
like "$(cat "$scratch/o/old.txt")" "^Id" "the listing in it"
is "$(cat "$scratch/o/hardlink")" "old" "another link to the old file is not written through"
printf 'target\n' >"$scratch/target"
ln -s "$scratch/target" "$scratch/o/link"
expect 0 "-o over a symbolic link" avslut-report --list -o "$scratch/o/link"
is "$(cat "$scratch/target")" "target" "the link is not followed"
[ -f "$scratch/o/link" ] && [ ! -L "$scratch/o/link" ]; ok $? "the link replaced by the file"
(cd "$scratch/o" && avslut-report --list -o here.txt) 2>/dev/null
is "$(mode "$scratch/o/here.txt")" 600 "a name without a directory: the current one"
expect 0 "-o - is standard output" avslut-report --list -o -
like "$out" "^Id" "the listing on standard output"

# Failures: one line, the status, nothing left behind.
: >"$AVSLUT_STORE/access.log"
expect_err 1 "$scratch/nowhere: No such file or directory" "-o into a directory that is not there" \
    avslut-report --list -o "$scratch/nowhere/list.txt"
is "$(wc -l <"$AVSLUT_STORE/access.log" | tr -d ' ')" 0 "checked first: no record decrypted for nothing"
mkdir "$scratch/o/dir"
expect_err 1 "$scratch/o/dir" "-o naming a directory" avslut-report --list -o "$scratch/o/dir"
[ -d "$scratch/o/dir" ]; ok $? "the directory is still there"
expect_err 2 "not a file name" "-o DIR/" avslut-report --list -o "$scratch/o/"
expect_err 2 "not a file name" "-o .." avslut-report --list -o ..
expect_err 2 "-o: no file name" "-o ''" avslut-report --list -o ''
expect_err 2 "requires an argument|needs a value|argument" "-o without a file" avslut-report --list -o
is "$(ls -A "$scratch/o" | grep -c '\.tmp\.')" 0 "no temporary file left"

# A full disk: exit 1, the file that was there untouched.
small_disk
printf 'before\n' >"$mnt/report.txt"
cat /dev/zero >"$mnt/fill" 2>/dev/null
expect_err 1 "No space left on device" "-o on a full disk" avslut-report --by=unit --format=html -o "$mnt/report.txt"
is "$(cat "$mnt/report.txt")" "before" "the file there is untouched"
is "$(ls -A "$mnt" | grep -c '\.tmp\.')" 0 "no temporary file left"
done_testing
