#!/bin/sh
# avslut-report: disclosure control of groups (the default).  A group of
# fewer interviewees than the minimum is hidden whole, with one more
# group when the others would give it back; two small groups that reach
# the minimum together need none; every other group is shown in full.
# Then what people see: key figures first, the previous period beside
# them, the trend, and the groups compared side by side.  The solver
# itself is checked against an independent auditor in
# tests/unit/t-report-groups.c.
. "$(dirname "$0")/lib.sh"

mkstore
export AVSLUT_TODAY=2026-09-30 COLUMNS=80
sums() { perl "$top/tests/report-sums.pl" "$@"; }

# Alfa: 3.  Beta: 18, Gamma: 20, Delta: 19, each over two quarters.
sealed="interviewer=$MGR;seal=$MGR;a.primary-reason=svar"
mkrecords >/dev/null <<EOF
n=3;unit=Alfa;to=2026-02-28;date=2026-02-10;$sealed;a.primary-reason-category=pay;a.overall-rating=2;a.would-return-coded=no
n=6;unit=Beta;to=2026-02-28;date=2026-02-10;$sealed;a.primary-reason-category=workload;a.overall-rating=3;a.would-return-coded=yes
n=12;unit=Beta;to=2026-05-31;date=2026-05-10;$sealed;a.primary-reason-category=pay;a.overall-rating=4;a.would-return-coded=maybe
n=10;unit=Gamma;to=2026-02-28;date=2026-02-10;$sealed;a.primary-reason-category=career;a.overall-rating=5;a.would-return-coded=yes
n=10;unit=Gamma;to=2026-05-31;date=2026-05-10;$sealed;a.primary-reason-category=tasks;a.overall-rating=4;a.would-return-coded=yes
n=9;unit=Delta;to=2026-02-28;date=2026-02-10;$sealed;a.primary-reason-category=management;a.overall-rating=1;a.would-return-coded=no
n=10;unit=Delta;to=2026-05-31;date=2026-05-10;$sealed;a.primary-reason-category=workload;a.overall-rating=2;a.would-return-coded=no
unit=Delta;to=2026-05-31;state=declined;why=avbojt;interviewer=$MGR
EOF

# unit CSV UNIT: the figures of a unit's counts and reasons, each once,
# hidden ones as "..".  (Labels of other questions hold commas.)
unit() { printf '%s\n' "$1" | awk -F, -v u="$2" '$2 == "group" && $3 == u && ($1 == "counts" || $9 == "primary-reason-category") { print $13 }' | sort -u | tr '\n' ' '; }
# hidden CSV: how many figures are hidden (the value, the last field but
# one, is "..").
hidden() { printf '%s\n' "$1" | grep -c ',\.\.,[^,]*.$'; }

expect 0 "one small unit among large ones" avslut-report --by=unit --format=csv
csv=$out
like "$(unit "$csv" Alfa)" "^\.\. $" "Alfa (3) is hidden whole"
like "$(unit "$csv" Beta)" "^\.\. $" "Beta (18), the smallest of the others, is hidden as its complement"
unlike "$(unit "$csv" Gamma)" "\.\." "Gamma's figures are all shown"
unlike "$(unit "$csv" Delta)" "\.\." "so are Delta's, the declined one included"
unlike "$(printf '%s\n' "$csv" | grep ',total,')" "\.\." "and the total's"
like "$csv" "answers,group,Gamma,,,,,,primary-reason-category,career,[^,]*,count,10,50.0" "Gamma's distribution in full"
like "$csv" "counts,trend,,,,,,2026-Q1,,,,registered,28," "the trend: 28 leavers in the first quarter"
like "$csv" "counts,trend,,,,,,2026-Q2,,,,registered,33," "and 33 in the second"
is "$(printf '%s\n' "$csv" | sums | head -1)" "ok" "no sum with one hidden figure"
one=$(hidden "$csv")
n=$(printf '%s\n' "$csv" | grep -c '^[a-z]*,group,Alfa,')
is "$one" "$((2 * n))" "exactly two groups' figures hidden ($one)"

for f in text html; do
	expect 0 "$f: the same" avslut-report --by=unit --format=$f
	eval "$f=\$out"
done
like "$text" "Alfa +\.\. +\.\. +\.\. +\.\. +\.\. +\.\." "text: Alfa's counts hidden"
like "$text" "Gamma +20 +20 +0 +20 +20 +0" "text: Gamma's shown"
like "$text" "Hidden, too few to show: Alfa, Beta" "text: the comparison says which groups it leaves out"
like "$html" "<td>Alfa</td>(<td class=\"n\"><span class=\"hid\">\.\.</span></td>){6}</tr>" "html: Alfa's counts hidden"
like "$html" "<td>Gamma</td><td class=\"n\">20</td>" "html: Gamma's shown"

# The comparison: options as rows, groups as columns with their n, in 80
# columns.
cmp=$(printf '%s\n' "$text" | sed -n '/^Which category best/,/^Hidden/p')
like "$cmp" "^ +Delta +Gamma +All$" "text: the groups and all side by side"
like "$cmp" "^n +19 +20 +60$" "headed by their n"
like "$cmp" "^Career and development +0 % \(0\) +50 % \(10\) +17 % \(10\)$" "each cell a share with its count"
is "$(printf '%s\n' "$text" | perl -CSD -ne 'chomp; print "$_\n" if length > 80' | wc -l)" 0 "no line wider than 80 columns"
like "$text" "Mean +1.53 +4.50 +3.18" "the mean of the scale per group"
like "$text" "Are there any other reasons\? \(several choices\)
\(no answers\)" "a question no one answered says so"

# Key figures first.
is "$(printf '%s\n' "$text" | grep -n '^Key figures$\|^Interviews$' | cut -d: -f2 | tr '\n' ' ')" "Key figures Interviews " "text: key figures first"
like "$text" "Leavers registered +61" "leavers registered"
like "$text" "Declined +1" "declined"
like "$text" "  The employee declined +1" "by why"
like "$text" "Participation rate \(held of offered\) +98.4 %" "the participation rate: 60 held of 61 offered"
like "$text" "1\. Workload +26.7 %
  2\. Pay +25.0 %
  3\. Work tasks +16.7 %" "the three most common reasons, most first"
like "$text" "Mean overall rating +3.18" "the mean rating"
like "$text" "Would consider coming back +43.3 %" "the share who would come back"
like "$(printf '%s\n' "$html" | grep -n '<h2>' | head -2 | tr '\n' ' ')" "Key figures.*Trend by quarter" "html: key figures, then the trend"

# HTML: self-contained, well-formed, no script; the trend as SVG and the
# comparison as a heat map.
printf '%s\n' "$html" >"$scratch/r.html"
xmllint --noout "$scratch/r.html" 2>/dev/null; ok $? "html: well-formed"
unlike "$html" "<script|javascript:|https?://[a-z]|<link|<img|@import|url\(" "html: no script, nothing external"
like "$html" "<svg class=\"chart\"[^>]*aria-label=\"Leavers and held interviews per quarter\"" "html: the trend drawn as inline SVG"
like "$html" "<td class=\"heat\" style=\"background:rgba\(47,95,152,0\.[0-9]{3}\)[^\"]*\">50 % <small>\(10\)</small></td>" "html: cells shaded by share"
like "$html" "@media print" "html: a print stylesheet"

# Two small units that reach the minimum together: no complement.
mkrecords >/dev/null <<EOF
n=2;unit=Epsilon;to=2026-05-31;date=2026-05-10;$sealed;a.primary-reason-category=pay;a.overall-rating=3;a.would-return-coded=yes
EOF
expect 0 "two small units" avslut-report --by=unit --format=csv
csv=$out
like "$(unit "$csv" Alfa)" "^\.\. $" "Alfa (3) hidden"
like "$(unit "$csv" Epsilon)" "^\.\. $" "Epsilon (2) hidden"
for u in Beta Gamma Delta; do
	unlike "$(unit "$csv" $u)" "\.\." "$u shown in full: Alfa and Epsilon are 5 together"
done
is "$(hidden "$csv")" "$one" "the same number of figures hidden as with one small unit and its complement"

# The same store protected cell by cell hides far more.
disclosure cells
expect 0 "cells" avslut-report --by=unit --format=csv
cells=$(hidden "$out")
ok $((cells <= one)) "protecting cells hides more: $cells figures, against $one"
like "$(unit "$out" Delta)" "\.\." "and some of a large unit's figures (Delta's one declined)"
disclosure groups

# A cross table: units by quarter with subtotals, and the quarters.
expect 0 "by unit and quarter" avslut-report --by=unit --by=quarter --format=csv
is "$(printf '%s\n' "$out" | sums 2 | head -1)" "ok" "no sum with one hidden figure"
like "$out" "counts,group,Beta,,,,,2026-Q1,,,,registered,6," "Beta's 6 in the first quarter shown"
like "$out" "counts,group,Alfa,,,,,2026-Q1,,,,registered,\.\.," "Alfa's 3 hidden"

# The previous period beside the key figures: the second quarter
# against the first.
expect 0 "a quarter against the one before" avslut-report --since=2026-04-01 --until=2026-06-30 --format=csv
like "$out" "^counts,total,,,,,,,,,,registered,35," "the second quarter: 35 leavers"
like "$out" "^counts,previous,,,,,,,,,,registered,28," "the first: 28"
like "$out" "^answers,previous,,,,,,,primary-reason-category,career,[^,]*,count,10," "with its answers"
expect 0 "the same as text" avslut-report --since=2026-04-01 --until=2026-06-30
like "$out" "2026-04-01 – 2026-06-30 +2026-01-01 – 2026-03-31" "text: the two periods side by side"
like "$out" "Leavers registered +35 +28" "their leavers"
expect 0 "--month=last" avslut-report --month=last --format=csv
like "$out" "^counts,previous,,,,,,,,,,registered,0," "the month before last: no one, and a group of no one has nothing to hide"

# The store's key: only groups or cells.
config_edit_raw 's/^disclosure: .*/disclosure: rows/'
expect 2 "disclosure: rows" avslut-report
like "$err" "config:[0-9]+:[0-9]+: disclosure: \"rows\" is not one of groups, cells" "names the file, line and column"
done_testing
