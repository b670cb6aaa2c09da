#!/bin/sh
# avslut-report: what is counted, every grouping, the period.
. "$(dirname "$0")/lib.sh"

mkstore
min_group 1		# every figure shown: this test is about the counts
export AVSLUT_TODAY=2026-06-30
export COLUMNS=200

# Unit A: two sealed, one in progress with an answer, one in progress
# without (employment over: no interview), one planned for later.  Unit B:
# a declined offer and a planned one registered although not eligible.
# One record without a unit.
mkrecords >"$scratch/ids" <<EOF
n=2;unit=A;workplace=W1;from=2020-01-01;to=2026-03-31;date=2026-02-10;interviewer=$MGR;seal=$MGR;a.primary-reason-category=pay;a.overall-rating=4;a.secondary-reasons=pay,career
unit=A;workplace=W1;from=2020-01-01;to=2026-05-31;date=2026-05-05;state=in-progress;interviewer=$MGR;a.primary-reason-category=workload
unit=A;workplace=W2;from=2020-01-01;to=2026-05-31;date=2026-05-06;state=in-progress;interviewer=$MGR
unit=A;workplace=W2;from=2020-01-01;to=2026-09-30;interviewer=$MGR
unit=B;workplace=W3;from=2024-06-01;to=2026-04-30;reason=pension;employment=tidsbegransad;state=declined;why=avbojt;interviewer=$MGR
unit=B;workplace=W3;to=2026-04-15;reason=annan;eligible=0;interviewer=$MGR
workplace=W3;from=2025-06-01;to=2026-01-31;date=2025-12-15;interviewer=$MGR;seal=$MGR;a.primary-reason-category=pay;a.overall-rating=3;a.secondary-reasons=career
EOF
is "$(wc -l <"$scratch/ids")" 8 "eight records made"

# counts CSV-OUTPUT LEVEL KEYCOL KEY: "registered declined held sealed none"
counts() {
	printf '%s\n' "$1" | awk -F, -v lvl="$2" -v col="$3" -v key="$4" '
	    $1 == "counts" && $2 == lvl && (col == 0 || $col == key) {
		v[$12] = $13 }
	    END { print v["registered"], v["declined"], v["held"], v["sealed"],
		v["no_interview"] }'
}

expect 0 "report by unit as CSV" avslut-report --by=unit --format=csv
csv=$out
is "$(printf '%s\n' "$csv" | head -1 | tr -d '\r')" \
    "section,level,unit,workplace,reason,employment,tenure,quarter,question,option,label,measure,value,share" \
    "the documented CSV header"
is "$(counts "$csv" group 3 A)" "5 0 3 2 1" "unit A: registered, declined, held (answers or sealed), sealed, no interview"
is "$(counts "$csv" group 3 B)" "2 1 0 0 0" "unit B: a declined offer; one not eligible is no 'no interview'"
is "$(counts "$csv" group 3 '(none)')" "1 0 1 1 0" "a record without a unit is its own group"
is "$(counts "$csv" total 0 x)" "8 1 4 3 1" "the totals"
is "$(printf '%s\n' "$csv" | grep -c '^counts,group,')" 36 "three groups, twelve measures each"

# Every grouping.
expect 0 "by workplace" avslut-report --by=workplace --format=csv
is "$(counts "$out" group 4 W1)" "3 0 3 2 0" "workplace W1"
is "$(counts "$out" group 4 W3)" "3 1 1 1 0" "workplace W3"
expect 0 "by leaving reason" avslut-report --by=reason --format=csv
is "$(counts "$out" group 5 pension)" "1 1 0 0 0" "reason pension"
is "$(counts "$out" group 5 egen-begaran)" "6 0 4 3 1" "reason egen-begaran"
is "$(counts "$out" group 5 annan)" "1 0 0 0 0" "reason annan"
expect 0 "by employment" avslut-report --by=employment --format=csv
is "$(counts "$out" group 6 tidsbegransad)" "1 1 0 0 0" "fixed-term"
is "$(counts "$out" group 6 tillsvidare)" "7 0 4 3 1" "permanent"
expect 0 "by tenure" avslut-report --by=tenure --format=csv
is "$(counts "$out" group 7 '<1y')" "1 0 1 1 0" "8 months is under a year"
is "$(counts "$out" group 7 1-2y)" "1 1 0 0 0" "23 months is 1-2 years"
is "$(counts "$out" group 7 5-10y)" "5 0 3 2 1" "6 to 7 years is 5-10 years"
is "$(counts "$out" group 7 10y+)" "1 0 0 0 0" "11 years is 10 years or more"
is "$(printf '%s\n' "$out" | awk -F, '$1 == "counts" && $2 == "group" { print $7 }' | uniq | tr '\n' ' ')" \
    "<1y 1-2y 5-10y 10y+ " "tenure bands in order"
expect 0 "by quarter of the last day" avslut-report --by=quarter --format=csv
is "$(counts "$out" group 8 2026-Q1)" "3 0 3 3 0" "by default the last day of employment makes the quarter"
is "$(counts "$out" group 8 2026-Q2)" "4 1 1 0 1" "2026-Q2 by the last day"
is "$(counts "$out" group 8 2025-Q4)" "    " "no leaver in 2025-Q4"
expect 0 "by quarter of the interview" avslut-report --by=quarter --date=interview --format=csv
is "$(counts "$out" group 8 2025-Q4)" "1 0 1 1 0" "--date=interview: the interview date makes the quarter"
is "$(counts "$out" group 8 2026-Q1)" "2 0 2 2 0" "2026-Q1"
is "$(counts "$out" group 8 2026-Q2)" "4 1 1 0 1" "no interview date: the end of employment makes the quarter"
is "$(counts "$out" group 8 2026-Q3)" "1 0 0 0 0" "2026-Q3"

# Every grouping in the other formats: its column in text, its rows in
# well-formed HTML.
for by in unit:Unit workplace:Workplace reason:"Leaving reason" employment:Employment tenure:Tenure quarter:Quarter; do
	label=${by#*:}
	by=${by%%:*}
	expect 0 "text by $by" avslut-report --by=$by
	like "$(printf '%s\n' "$out" | grep -A1 '^Interviews$' | tail -1)" "^$label +Registered +Offered +Declined +Held +Sealed +No interview$" "text by $by: a column for the $by"
	like "$out" "Total +8 +6 +1 +4 +3 +1" "text by $by: the same totals"
	expect 0 "HTML by $by" avslut-report --by=$by --format=html
	printf '%s\n' "$out" >"$scratch/r.html"
	xmllint --noout "$scratch/r.html" 2>/dev/null; ok $? "HTML by $by: well-formed"
	like "$out" "<th>$label</th>" "HTML by $by: a column for the $by"
done
like "$out" "<td>2026-Q3</td>" "HTML: a quarter"
expect 0 "text by tenure" avslut-report --by=tenure
like "$out" "Under 1 year +1 " "tenure bands by name in text"
expect 0 "text by reason" avslut-report --by=reason
like "$out" "Own request +6 " "leaving reasons capitalised in text"
export LANG=sv_SE.UTF-8 LC_ALL=sv_SE.UTF-8
expect 0 "text by reason in Swedish" avslut-report --by=reason --format=html
like "$out" "<td>Egen begäran</td>" "the catalogue's words, capitalised, in Swedish"
export LC_ALL=C.UTF-8; unset LANG

# A cross table: rows by unit and quarter, a subtotal per unit.
expect 0 "by unit and quarter" avslut-report --by=unit --by=quarter --date=interview --format=csv
is "$(printf '%s\n' "$out" | awk -F, '$1 == "counts" && $2 != "trend" && $12 == "registered" { print $2 ":" $3 ":" $8 "=" $13 }' | tr '\n' ' ')" \
    "group:A:2026-Q1=2 group:A:2026-Q2=2 group:A:2026-Q3=1 subtotal:A:=5 group:B:2026-Q2=2 subtotal:B:=2 group:(none):2025-Q4=1 subtotal:(none):=1 total::=8 " \
    "groups in order, a subtotal after each unit, the total"
expect 0 "three groupings" avslut-report --by=quarter --by=reason --by=tenure --date=interview --format=csv
like "$out" "counts,group,,,egen-begaran,,5-10y,2026-Q1,,,,registered,2," "three keys in one row"

# The period: by default the record's last day of employment; with
# --date=interview its interview date, else its last day.
expect 0 "--since and --until" avslut-report --since=2026-01-01 --until=2026-03-31 --format=csv
is "$(counts "$out" total 0 x)" "3 0 3 3 0" "the leavers of the first quarter of 2026"
expect 0 "--since and --until, interviews" avslut-report --since=2026-01-01 --until=2026-03-31 --date=interview --format=csv
is "$(counts "$out" total 0 x)" "2 0 2 2 0" "the interviews of the first quarter of 2026"
expect 0 "--month" avslut-report --month=2026-05 --date=interview --format=csv
is "$(counts "$out" total 0 x)" "2 0 1 0 1" "May 2026: the two interviews dated in May"
expect 0 "--month=last" avslut-report --month=last --date=interview --format=csv
is "$(counts "$out" total 0 x)" "2 0 1 0 1" "last month is May when today is June 30"
expect 0 "until before the employment ended" avslut-report --until=2026-05-10 --date=interview --format=csv
is "$(counts "$out" total 0 x)" "7 1 4 3 0" "no interview counts only employments over by the end of the period"
expect 0 "--since alone" avslut-report --since=2026-04-01 --date=interview --format=csv
is "$(counts "$out" total 0 x)" "5 1 1 0 1" "from April on"
expect 2 "--date=tomorrow" avslut-report --date=tomorrow
like "$err" "--date: \"tomorrow\" is not leaving or interview" "says what --date takes"
expect 0 "an empty period" avslut-report --since=2030-01-01 --format=csv
is "$(counts "$out" total 0 x)" "0 0 0 0 0" "zero everywhere, nothing hidden"

# Distributions of coded answers: counts and shares.
expect 0 "the whole store" avslut-report --format=csv
like "$out" "answers,total,,,,,,,primary-reason-category,,[^,]*,respondents,4," "four answered the category"
like "$out" "answers,total,,,,,,,primary-reason-category,pay,Pay,count,3,75.0" "three said pay: 75.0 %"
like "$out" "answers,total,,,,,,,primary-reason-category,workload,Workload,count,1,25.0" "one said workload"
like "$out" "answers,total,,,,,,,overall-rating,4,4,count,2,66.7" "the scale by value"
like "$out" "answers,total,,,,,,,overall-rating,,.*,mean,3.67," "and its mean"
like "$out" "answers,total,,,,,,,secondary-reasons,career,[^,]*,count,3,100.0" "several choices: each counted per person"
unlike "$out" "^text," "no free text without --answers"

# The text format: the same figures in an aligned table.
expect 0 "text by unit" avslut-report --by=unit
like "$out" "^Konfidentiellt — personalärende" "the marking first"
like "$out" "Exit interviews, all dates" "the title and period"
like "$out" "A +5 +4 +0 +3 +2 +1" "unit A's row: one planned is not yet offered"
like "$out" "\(not given\) +1 +1 +0 +1 +1 +0" "the record without a unit"
like "$out" "Total +8 +6 +1 +4 +3 +1" "the total row"
like "$out" "n +3 +0 +1 +4" "the comparison: each column headed by its n"
like "$out" "Pay +67 % \(2\) +100 % \(1\) +75 % \(3\)" "options as rows, groups side by side: the share with the count"
like "$out" "Mean +4.00 +3.00 +3.67" "the mean of the scale per group"
expect 0 "a Swedish locale" env LC_ALL=sv_SE.UTF-8 avslut-report --by=unit
like "$out" "Lön +67 % \(2\) +100 % \(1\) +75 % \(3\)" "Swedish labels in a Swedish locale"
like "$out" "3,67" "and a decimal comma"
expect 0 "HTML by quarter" avslut-report --by=quarter --format=html
like "$out" "<td>2026-Q2</td><td class=\"n\">4</td>" "HTML has the quarter's row"

# The minimum group size: from the config, --min-group may raise it only.
expect 2 "--min-group=0 is no size" avslut-report --min-group=0
min_group 5
expect 3 "--min-group below the store's minimum" avslut-report --min-group=2
like "$err" "--min-group=2 is below the store's minimum group size 5" "says so"
expect 0 "--min-group above it" avslut-report --min-group=6 --format=csv
like "$out" "^counts,total,,,,,,,,,,registered,8," "8 records are a group of 6 or more"
like "$out" "^counts,total,,,,,,,,,,declined,1," "protecting groups, a group shown shows all its figures"
disclosure cells
expect 0 "--min-group above it, cells" avslut-report --min-group=6 --format=csv
like "$out" "^counts,total,,,,,,,,,,declined,\.\.," "protecting cells, one declined offer is hidden"
done_testing
