#!/bin/sh
# The README's demo: a year of exit interviews on a throwaway store with
# throwaway keys, and the report management gets from it.  One interview
# runs in avslut-ask on a real terminal, typed by expect so you can watch
# it; the year's 39 others are given from answers files, as a script
# would, and sealed.  Nothing in your own keyring or home directory is
# touched: everything lives in a temporary directory that is removed at
# the end.
. "$(dirname "$0")/lib.sh"

say() { printf '\n\033[1m== %s\033[0m\n' "$*"; }
show() { printf '$ %s\n' "$*"; "$@"; }
export LC_ALL=sv_SE.UTF-8 AVSLUT_TODAY=2026-12-10
locale -a 2>/dev/null | grep -qi '^sv_SE.utf-\?8$' || export LC_ALL=C.UTF-8

say "Keys: an HR officer and three managers (throwaway, passphrase-less)"
HR=$(mkkey "Hanna HR")
MGR=$(mkkey "Maja Chef")
MGR2=$(mkkey "Lena Lind")
MGR3=$(mkkey "Omar Said")
echo "HR                      $HR"
echo "Maja (elderly care)     $MGR"
echo "Lena (preschools)       $MGR2"
echo "Omar (social services)  $MGR3"

say "HR creates the store: HR's key reads every record"
show avslut-new --init --recipient="$HR" \
    --retention-decision="Gallringsbeslut SDF 2026:1"

say "The year so far: 35 interviews and 4 declined offers in three units"
echo "(Registered each quarter, held and sealed by the units' managers; the"
echo " answers are given from files here, as a script would.)"
# One leaver a line: unit|workplace|interview date|employment|reason|
# employed from|and either the coded answers (the primary reason's
# category|secondary reasons|next step|would return|rating 1-5) or, for
# an offer that was declined, why.  Each unit has its own story:
# workload in the elderly care, pay and careers in the preschools, and
# management since a reorganisation in the spring in social services.
year() {
	cat <<'Y'
Äldreomsorg|Hemtjänst Söder|2026-01-20|tillsvidare|egen-begaran|2018-09-01|workload|work-environment,pay|city-workplace|maybe|3
Äldreomsorg|Vårdboende Ringen|2026-02-11|tidsbegransad|egen-begaran|2023-09-01|pay|workload|private-employer|no|2
Äldreomsorg|Hemtjänst Söder|2026-03-02|tillsvidare|egen-begaran|2017-09-01|avbojt
Förskola|Förskolan Mullvaden|2026-01-14|tillsvidare|egen-begaran|2019-09-01|pay|career|public-employer|yes|4
Förskola|Förskolan Solrosen|2026-02-23|tillsvidare|egen-begaran|2021-09-01|career|pay|studies|yes|4
Förskola|Förskolan Solrosen|2026-03-03|tillsvidare|egen-begaran|2014-09-01|career|tasks|own-business|yes|4
Förskola|Förskolan Mullvaden|2026-03-17|tidsbegransad|egen-begaran|2024-09-01|pay|workload|city-workplace|maybe|3
Förskola|Förskolan Mullvaden|2026-03-24|tillsvidare|egen-begaran|2022-09-01|pay|commute|city-workplace|yes|4
Individ- och familjeomsorg|Socialtjänst Söder|2026-01-27|tillsvidare|egen-begaran|2015-09-01|career|pay|public-employer|yes|4
Individ- och familjeomsorg|Ekonomiskt bistånd|2026-02-17|tillsvidare|egen-begaran|2019-09-01|pay|career|city-workplace|yes|4
Individ- och familjeomsorg|Socialtjänst Söder|2026-03-10|tillsvidare|pension|1990-09-01|retirement||retirement|yes|5
Äldreomsorg|Hemtjänst Söder|2026-04-08|tillsvidare|egen-begaran|2015-09-01|workload|management|public-employer|maybe|2
Äldreomsorg|Vårdboende Ringen|2026-05-19|tillsvidare|pension|1996-09-01|retirement||retirement|yes|4
Äldreomsorg|Hemtjänst Söder|2026-06-03|tillsvidare|egen-begaran|2020-09-01|work-environment|workload|city-workplace|no|2
Äldreomsorg|Vårdboende Ringen|2026-06-23|tillsvidare|egen-begaran|2019-09-01|work-environment|workload|studies|maybe|3
Förskola|Förskolan Solrosen|2026-04-21|tillsvidare|pension|1989-09-01|retirement||retirement|yes|5
Förskola|Förskolan Mullvaden|2026-05-12|tillsvidare|egen-begaran|2017-09-01|pay|tasks|private-employer|maybe|3
Förskola|Förskolan Solrosen|2026-05-26|tillsvidare|egen-begaran|2016-09-01|avbojt
Förskola|Förskolan Solrosen|2026-06-09|tillsvidare|egen-begaran|2020-09-01|career|pay|city-workplace|yes|4
Individ- och familjeomsorg|Ekonomiskt bistånd|2026-04-14|tillsvidare|egen-begaran|2018-09-01|organisation|management|public-employer|maybe|3
Individ- och familjeomsorg|Socialtjänst Söder|2026-05-05|tillsvidare|egen-begaran|2016-09-01|management|organisation,workload|public-employer|no|2
Individ- och familjeomsorg|Ekonomiskt bistånd|2026-06-16|tidsbegransad|egen-begaran|2024-09-01|organisation|tasks|private-employer|maybe|3
Äldreomsorg|Vårdboende Ringen|2026-08-25|tillsvidare|egen-begaran|2017-09-01|workload|pay,work-environment|public-employer|no|2
Äldreomsorg|Vårdboende Ringen|2026-09-01|tillsvidare|egen-begaran|2013-09-01|ej-antraffbar
Äldreomsorg|Hemtjänst Söder|2026-09-14|tidsbegransad|egen-begaran|2024-09-01|commute||city-workplace|yes|4
Förskola|Förskolan Mullvaden|2026-07-07|tillsvidare|egen-begaran|2016-09-01|family-health||other|yes|4
Förskola|Förskolan Solrosen|2026-08-18|tidsbegransad|egen-begaran|2023-09-01|pay|career|public-employer|maybe|3
Förskola|Förskolan Mullvaden|2026-09-08|tillsvidare|egen-begaran|2018-09-01|workload|pay|public-employer|no|3
Individ- och familjeomsorg|Socialtjänst Söder|2026-07-14|tillsvidare|egen-begaran|2017-09-01|management|workload|public-employer|no|2
Individ- och familjeomsorg|Ekonomiskt bistånd|2026-07-28|tillsvidare|egen-begaran|2019-09-01|organisation|management,pay|private-employer|no|2
Individ- och familjeomsorg|Socialtjänst Söder|2026-08-04|tillsvidare|egen-begaran|2012-09-01|ingen-samtalsledare
Individ- och familjeomsorg|Ekonomiskt bistånd|2026-08-11|tillsvidare|egen-begaran|2020-09-01|management|organisation|city-workplace|no|2
Individ- och familjeomsorg|Socialtjänst Söder|2026-09-22|tillsvidare|egen-begaran|2014-09-01|workload|management|public-employer|no|1
Individ- och familjeomsorg|Socialtjänst Söder|2026-09-28|tillsvidare|egen-begaran|2021-09-01|management|workload|public-employer|maybe|2
Äldreomsorg|Vårdboende Ringen|2026-10-07|tillsvidare|egen-begaran|2016-09-01|workload|management|private-employer|no|1
Förskola|Förskolan Solrosen|2026-11-17|tillsvidare|egen-begaran|2019-09-01|commute||public-employer|yes|5
Förskola|Förskolan Mullvaden|2026-12-01|tillsvidare|egen-begaran|2021-09-01|pay|career|private-employer|maybe|3
Individ- och familjeomsorg|Ekonomiskt bistånd|2026-11-10|tidsbegransad|egen-begaran|2024-09-01|management|career|studies|no|2
Individ- och familjeomsorg|Socialtjänst Söder|2026-11-24|tillsvidare|egen-begaran|2018-09-01|work-environment|management|public-employer|maybe|3
Y
}
# The free-text reason that goes with each category.
reason_text() {
	case $1 in
	pay) echo "Högre lön hos en annan arbetsgivare." ;;
	career) echo "Vill utvecklas vidare, och ser ingen väg här." ;;
	workload) echo "För hög arbetsbelastning under lång tid." ;;
	work-environment) echo "Arbetsmiljön har blivit sämre." ;;
	management) echo "Saknar stöd från ledningen efter omorganisationen." ;;
	organisation) echo "Omorganisationen gjorde mitt uppdrag otydligt." ;;
	commute) echo "Flyttar, och resan blir för lång." ;;
	family-health) echo "Av familjeskäl." ;;
	retirement) echo "Jag går i pension." ;;
	*) echo "Annat." ;;
	esac
}
# answers CATEGORY SECONDARY NEXT BACK RATING: an answers file.
answers() {
	echo "primary-reason: \"$(reason_text "$1")\""
	echo "primary-reason-category: $1"
	[ -z "$2" ] || echo "secondary-reasons: [$2]"
	echo "next-step: $3"
	echo "would-return-coded: \"$4\""
	echo "overall-rating: $5"
}
first="Aino Bo Carin Dragan Elin Farah Gustav Hanna Ismail Johanna Karl Lejla Mats Nora Oskar Petra Rasmus Sanna Tomas Ulla Viktor Yasmin Åsa Örjan Amir Britt Cem Dalia Erik Fatima Göran Helena Ivan Jenny Kerstin Leo Maria Niklas Olga"
last="Berg Lind Ek Holm Nyström Ali Sandberg Öström Karlsson Virtanen Demir Lundqvist Jovanović Wallin Persson Korhonen"
year | awk -F'|' -v first="$first" -v last="$last" -v m1="$MGR" -v m2="$MGR2" \
    -v m3="$MGR3" -v dir="$scratch" '
BEGIN {
	nf = split(first, F, " "); nl = split(last, L, " ")
	title["Äldreomsorg"] = "Undersköterska"; mgr["Äldreomsorg"] = m1
	title["Förskola"] = "Barnskötare"; mgr["Förskola"] = m2
	title["Individ- och familjeomsorg"] = "Socialsekreterare"
	mgr["Individ- och familjeomsorg"] = m3
	hdr = "name,title,workplace,unit,employed-from,employed-to,employment,reason,interviewer,date,why"
}
{
	q = int((substr($3, 6, 2) - 1) / 3) + 1
	f = dir "/q" q ".csv"
	if (!(f in seen)) { print hdr > f; seen[f] = 1 }
	# the last day: the end of the month of the interview
	to = substr($3, 1, 8) "28"
	why = NF == 7 ? $7 : ""
	printf "%s %s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s\n", F[NR % nf + 1],
	    L[(NR * 7) % nl + 1], title[$1], $2, $1, $6, to, $4, $5, mgr[$1],
	    (why == "" ? $3 : ""), why > f
	print (why == "" ? $3 "|" $7 "|" $8 "|" $9 "|" $10 "|" $11 : "declined") \
	    > (dir "/q" q ".plan")
}'
for q in 1 2 3 4; do
	# HR registers the quarter's leavers on its first day, in one import
	# (one id a row, in order).
	AVSLUT_TODAY=2026-$(printf '%02d' $((q * 3 - 2)))-01 \
	    avslut-new --import="$scratch/q$q.csv" >"$scratch/q$q.ids" || exit 1
done
for q in 1 2 3 4; do
	paste -d'|' "$scratch/q$q.ids" "$scratch/q$q.plan"
done | grep -v '|declined$' | while IFS='|' read -r rid day cat more next back rating; do
	answers "$cat" "$more" "$next" "$back" "$rating" >"$scratch/$rid.yaml"
	echo "$rid $day"
done >"$scratch/held"
# Each interview is held and sealed on its day, four at a time (mostly
# gpg, and the start of gpgme).
xargs -P 4 -L 1 sh -c 'AVSLUT_TODAY=$2 avslut-ask "$1" --answers="$0/$1.yaml" &&
    AVSLUT_TODAY=$2 avslut-seal "$1" >/dev/null' "$scratch" <"$scratch/held" ||
    exit 1
echo "$(cat "$scratch"/q?.plan | grep -vc declined) interviews held and sealed, $(cat "$scratch"/q?.plan | grep -c declined) offers declined"

say "December: HR registers the month's leavers from the personnel system's CSV"
cat >"$scratch/leavers.csv" <<CSV
name,title,workplace,unit,employed-from,employed-to,employment,reason,interviewer
Anna Andersson,Undersköterska,Hemtjänst Söder,Äldreomsorg,2019-03-01,2026-12-31,tillsvidare,egen-begaran,$MGR
Bertil Berg,Sjuksköterska,Vårdboende Ringen,Äldreomsorg,2012-08-15,2026-12-31,tillsvidare,pension,$MGR
Cecilia Ek,Undersköterska,Hemtjänst Söder,Äldreomsorg,2021-01-10,2026-12-15,tidsbegransad,egen-begaran,$MGR
David Falk,Kock,Vårdboende Ringen,Äldreomsorg,2017-05-01,2026-12-31,tillsvidare,egen-begaran,$MGR
Eva Gran,Enhetschef,Hemtjänst Söder,Äldreomsorg,2015-02-01,2026-12-31,tillsvidare,egen-begaran,$MGR
Fredrik Holm,Vaktmästare,Vårdboende Ringen,Äldreomsorg,2026-06-01,2026-12-31,tidsbegransad,egen-begaran,$MGR
CSV
echo "\$ avslut-new --import=leavers.csv"
avslut-new --import="$scratch/leavers.csv" >"$scratch/ids"
cat "$scratch/ids"
id=$(head -1 "$scratch/ids")
echo "(Fredrik has worked 7 months: the routine does not offer him an interview.)"

say "The question guide, sent to Anna in advance"
show avslut-new --guide --lang=sv "$id"

say "The interview: Maja runs avslut-ask with Anna (typed here by expect)"
if command -v expect >/dev/null; then
	cat >"$scratch/demo.exp" <<EXP
set timeout 30
source {$top/tests/terminal.tcl}
proc typed {s} { at_prompt; foreach c [split \$s ""] { send -- \$c; after 15 }; send "\r" }
spawn -noecho avslut-ask $id
want "Tryck Retur|Press Enter"
at_prompt; send "\r"
typed "Jag har fått ett jobb närmare hemmet i Göteborg."
want {\n  \$}; send "\r"
typed "8"
typed "1, 4"
typed "2"
typed "Bra, men den kunde ha varit längre."
want {\n  \$}; send "\r"
typed ":q"
expect eof
EXP
	command expect -f "$scratch/demo.exp"
else
	echo "(expect is not installed: the answers are given from a file instead)"
fi

say "The rest of Anna's interview, and the month's others, from answers files"
cat >"$scratch/anna.yaml" <<'A'
expectations: "Arbetet motsvarade mina förväntningar."
workload: "Hög arbetsbelastning under sommaren."
would-return-coded: maybe
overall-rating: 4
summary: "Ett öppet och bra samtal."
A
show avslut-ask "$id" --answers="$scratch/anna.yaml"
# Bertil, Cecilia, David and Eva, in the order of the CSV.
cat >"$scratch/december.plan" <<'A'
retirement||retirement|yes|4
workload|work-environment|city-workplace|maybe|3
pay|workload|private-employer|no|2
management|organisation, workload|public-employer|maybe|3
A
tail -n +2 "$scratch/ids" | paste -d'|' - "$scratch/december.plan" |
while IFS='|' read -r other cat more next back rating; do
	answers "$cat" "$more" "$next" "$back" "$rating" >"$scratch/o.yaml"
	avslut-ask "$other" --answers="$scratch/o.yaml" || exit 1
	avslut-seal "$other" >/dev/null || exit 1
done || exit 1

say "Maja seals Anna's record: signed, and never changed again"
show avslut-seal --employee-reviewed "$id"
show avslut-seal --verify "$id"

say "The store holds no personal data in plaintext"
echo "\$ ls -l records | head -4"
ls -l "$AVSLUT_STORE/records" | head -4
show head -2 "$AVSLUT_STORE/records/$id.asc"

say "Anyone holding a recipient key reads a record with plain gpg"
show gpg --batch --quiet --decrypt "$AVSLUT_STORE/records/$id.asc"

say "A copy of Anna's record, to hand her on request"
show avslut-report --show "$id"

say "The report for management: the units side by side"
echo "(A group of fewer than five people is hidden whole, its figures shown as"
echo " \"..\"; every group here is larger.)"
show avslut-report --by=unit

say "The year's trend, quarter by quarter"
show avslut-report --by=quarter

say "Every decryption is in the access log; purge would discard nothing yet"
show tail -3 "$AVSLUT_STORE/access.log"
show avslut-purge --dry-run -v
