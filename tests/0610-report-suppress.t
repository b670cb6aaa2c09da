#!/bin/sh
# avslut-report: disclosure control.  A figure from fewer records than
# the minimum group size (5) is hidden, and so are enough others that no
# hidden figure comes back by subtracting shown ones: checked on every
# sum a reader can do (tests/report-sums.pl).  Free text only for groups
# that are shown, and only lists of five or more.
. "$(dirname "$0")/lib.sh"

mkstore
disclosure cells	# the rule of each figure on its own
export AVSLUT_TODAY=2026-06-30 COLUMNS=200
sums() { perl "$top/tests/report-sums.pl" "$@"; }

# Alfa: 3 interviews.  Beta: 6.  Gamma: 7 (4 in the first quarter, 3 in
# the second), 5 saying pay and 2 workload.  The total is 16, so hiding
# Alfa's 3 alone, 16 - 6 - 7 would give it back.
mkrecords >/dev/null <<EOF
n=3;unit=Alfa;date=2026-02-01;interviewer=$MGR;seal=$MGR;a.primary-reason-category=workload;a.overall-rating=2;a.primary-reason=Alfa-svar;a.anything-else=Alfa hemlig kommentar
n=4;unit=Beta;date=2026-02-02;interviewer=$MGR;seal=$MGR;a.primary-reason-category=pay;a.overall-rating=4;a.primary-reason=Beta-svar
n=2;unit=Beta;date=2026-02-02;interviewer=$MGR;seal=$MGR;a.primary-reason-category=tasks;a.overall-rating=4;a.primary-reason=Beta-svar
n=2;unit=Gamma;date=2026-02-03;interviewer=$MGR;seal=$MGR;a.primary-reason-category=pay;a.overall-rating=5;a.primary-reason=Gamma-svar;a.anything-else=Gamma övrigt
n=2;unit=Gamma;date=2026-02-03;interviewer=$MGR;seal=$MGR;a.primary-reason-category=workload;a.overall-rating=5;a.primary-reason=Gamma-svar
n=3;unit=Gamma;date=2026-05-03;interviewer=$MGR;seal=$MGR;a.primary-reason-category=pay;a.overall-rating=5;a.primary-reason=Gamma-svar;s.anything-else=
EOF

expect 0 "report by unit" avslut-report --by=unit --format=csv --answers
csv=$out
val() { printf '%s\n' "$csv" | awk -F, -v u="$1" -v m="$2" \
    '$1 == "counts" && $2 != "trend" && $3 == u && $12 == m { print $13 }'; }
is "$(val Alfa offered)" ".." "Alfa's 3 interviews are hidden"
is "$(val '' offered)" "16" "the total 16 is shown"
is "$(val Gamma offered)" "7" "Gamma's 7 is shown"
is "$(val Beta offered)" ".." "Beta's 6 is hidden too: 16 - 6 - 7 would give Alfa's 3"
is "$(val Alfa declined)" ".." "a group below the minimum shows nothing, not even a zero"
is "$(printf '%s\n' "$csv" | sums | head -1)" "ok" "no sum has exactly one hidden figure"

# The same figures without complementary suppression would give Alfa
# back: prove the check would see it.
printf '%s\n' "$csv" | sed 's/^\(counts,group,Beta,,,,,,,,,offered,\)\.\./\16/' >"$scratch/leaky.csv"
like "$(sums <"$scratch/leaky.csv")" "col\|counts\|\|\|offered\|total" "the check finds a sum with one hidden figure"

# A question's row: Gamma's 7 said pay 5, workload 2.  Hiding the 2
# alone, 7 - 5 gives it back.
row() { printf '%s\n' "$csv" | awk -F, -v u="$1" -v q="$2" -v o="$3" \
    '$1 == "answers" && $3 == u && $9 == q && $10 == o && $12 != "mean" { print $13 }'; }
is "$(row Gamma primary-reason-category '')" "7" "Gamma: 7 answered"
is "$(row Gamma primary-reason-category workload)" ".." "2 saying workload is hidden"
is "$(row Gamma primary-reason-category pay)" ".." "and so is the 5 saying pay: 7 - 5 would give 2"
is "$(row Beta primary-reason-category '')" ".." "Beta's row is hidden with Beta's interview counts"
like "$csv" "answers,group,Gamma,,,,,,overall-rating,5,5 [^,]*,count,7,100.0" "Gamma's 7 all rated 5: shown"
unlike "$csv" "answers,group,Gamma,,,,,,overall-rating,,.*,mean,\.\." "and its mean, all figures being shown"
like "$csv" "answers,total,,,,,,,overall-rating,,.*,mean,\.\.," "a mean is hidden when a figure of its row is"

# Free text: Gamma's list of 7; not Alfa's 3 (a small group), not Beta's
# (its counts are hidden), not Gamma's 2 "anything else" (a short list).
like "$csv" "^text,group,Gamma,.*,primary-reason,.*,answer,Gamma-svar," "Gamma's answers are shown"
is "$(printf '%s\n' "$csv" | grep -c '^text,group,Gamma,.*Gamma-svar')" 7 "all seven"
unlike "$csv" "Alfa-svar|Alfa hemlig" "never the small group's"
unlike "$csv" "Beta-svar" "never a hidden group's"
unlike "$csv" "Gamma övrigt" "never a list shorter than the minimum"
for f in text html; do
	expect 0 "$f report by unit with answers" avslut-report --by=unit --format=$f --answers
	like "$out" "Gamma-svar" "$f: Gamma's answers"
	unlike "$out" "Alfa-svar|Alfa hemlig|Beta-svar|Gamma övrigt" "$f: nothing of the small, the hidden or the short"
done
expect 0 "text report by unit" avslut-report --by=unit
like "$out" "Alfa +\.\. +\.\. +\.\. +\.\. +\.\." "text: Alfa's row is hidden"
like "$out" "Beta +\.\. +\.\. +\.\. +\.\. +\.\." "text: so is Beta's"
like "$out" "Gamma +7 +7 +0 +7 +7 +0" "text: Gamma's is shown"
like "$out" "Total +16 +16 +0 +16 +16 +0" "text: the total"
expect 0 "html report by unit" avslut-report --by=unit --format=html
like "$out" "<td>Alfa</td>(<td class=\"n\"><span class=\"hid\">\.\.</span></td>){6}</tr>" "html: Alfa's row is hidden"

# The same report whatever the number of threads.
expect 0 "one thread" avslut-report --by=unit --format=csv --answers --jobs=1
one=$out
expect 0 "three threads" avslut-report --by=unit --format=csv --answers --jobs=3
is "$out" "$one" "--jobs=1 and --jobs=3 give the same report"
expect 0 "the question set named" avslut-report --by=unit --format=csv --answers --questions=sodermalm
is "$out" "$one" "--questions=sodermalm is the store's default"

# A period with three interviews: the total is hidden, and the notes do
# not give it away either.
for f in text html; do
	expect 0 "$f: May alone" avslut-report --month=2026-05 --date=interview --format=$f
	unlike "$out" "records? in the period" "$f: no count of the records in the period"
	like "$out" "Total.*\.\." "$f: the total is hidden"
done
expect 0 "the whole store as text" avslut-report
like "$out" "16 records in the period" "a total that is shown is said"

# Without grouping only the total, shown.
expect 0 "no grouping" avslut-report --format=csv --answers
is "$(printf '%s\n' "$out" | sums | head -1)" "ok" "no sum with one hidden figure"
is "$(printf '%s\n' "$out" | grep -c '^text,total,.*,primary-reason,.*,answer,')" 16 "all 16 answers as one list"

# A cross table: units by quarter, with subtotals per unit.
expect 0 "by unit and quarter" avslut-report --by=unit --by=quarter --date=interview --format=csv --answers
csv=$out
is "$(printf '%s\n' "$csv" | sums 2 | head -1)" "ok" "no sum with one hidden figure (subtotals included)"
like "$csv" "counts,group,Gamma,,,,,2026-Q1,,,,offered,\.\.," "Gamma's 4 in the first quarter hidden"
like "$csv" "counts,group,Gamma,,,,,2026-Q2,,,,offered,\.\.," "and its 3 in the second"
unlike "$csv" "^text," "no group of the cross table has 5 answers to show"
expect 0 "by quarter and reason" avslut-report --by=quarter --by=reason --format=csv
is "$(printf '%s\n' "$out" | sums 7 | head -1)" "ok" "quarter first: no sum with one hidden figure"

# Every grouping, every sum.
for by in unit workplace reason employment tenure quarter; do
	expect 0 "by $by" avslut-report --by=$by --format=csv
	is "$(printf '%s\n' "$out" | sums | head -1)" "ok" "by $by: no sum with one hidden figure"
done

# A higher minimum hides more; the store's minimum applies by default.
expect 0 "--min-group=8" avslut-report --by=unit --min-group=8 --format=csv
csv=$out
is "$(val Gamma offered)" ".." "Gamma's 7 is hidden at 8"
is "$(printf '%s\n' "$csv" | sums | head -1)" "ok" "still no sum with one hidden figure"
min_group 2
expect 0 "a store with minimum 2" avslut-report --by=unit --format=csv
csv=$out
is "$(val Alfa offered)" "3" "Alfa's 3 is shown when the store's minimum is 2"
is "$(printf '%s\n' "$csv" | sums | tail -1)" "hidden 0" "nothing hidden"
done_testing
