#!/bin/sh
# The README's demo: a complete exit interview, from registration to the
# report, on a throwaway store with throwaway keys.  Nothing in your own
# keyring or home directory is touched: everything lives in a temporary
# directory that is removed at the end.  The interview itself runs in
# avslut-ask on a real terminal, typed by expect so you can watch it.
. "$(dirname "$0")/lib.sh"

say() { printf '\n\033[1m== %s\033[0m\n' "$*"; }
show() { printf '$ %s\n' "$*"; "$@"; }
export LC_ALL=sv_SE.UTF-8 AVSLUT_TODAY=2026-12-10
locale -a 2>/dev/null | grep -qi '^sv_SE.utf-\?8$' || export LC_ALL=C.UTF-8

say "Keys: an HR officer and a manager (throwaway, passphrase-less)"
HR=$(mkkey "Hanna HR")
MGR=$(mkkey "Maja Chef")
echo "HR      $HR"
echo "manager $MGR"

say "HR creates the store: HR's key reads every record"
show avslut-new --init --recipient="$HR" \
    --retention-decision="Gallringsbeslut SDF 2026:1"

say "HR registers the leavers of the month from the personnel system's CSV"
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

say "The rest of the interview, and the others, from answers files"
cat >"$scratch/anna.yaml" <<'A'
expectations: "Arbetet motsvarade mina förväntningar."
workload: "Hög arbetsbelastning under sommaren."
would-return-coded: maybe
overall-rating: 4
summary: "Ett öppet och bra samtal."
A
show avslut-ask "$id" --answers="$scratch/anna.yaml"
i=0
for other in $(tail -n +2 "$scratch/ids"); do
	i=$((i + 1))
	cat >"$scratch/o.yaml" <<A
primary-reason: "Svar $i."
primary-reason-category: $(echo pay workload career management | cut -d' ' -f$(( (i % 4) + 1 )))
would-return-coded: $(echo yes no maybe | cut -d' ' -f$(( (i % 3) + 1 )))
overall-rating: $(( (i % 5) + 1 ))
A
	avslut-ask "$other" --answers="$scratch/o.yaml" || exit 1
	avslut-seal "$other" || exit 1
done

say "Maja seals Anna's record: signed, and never changed again"
show avslut-seal --employee-reviewed "$id"
show avslut-seal --verify

say "The store holds no personal data in plaintext"
show ls -l "$AVSLUT_STORE/records"
show head -2 "$AVSLUT_STORE/records/$id.asc"

say "Anyone holding a recipient key reads a record with plain gpg"
show gpg --batch --quiet --decrypt "$AVSLUT_STORE/records/$id.asc"

say "A copy of Anna's record, to hand her on request"
show avslut-report --show "$id"

say "The report for management (a group smaller than five shows as \"..\")"
show avslut-report --by=workplace

say "Every decryption is in the access log; purge would discard nothing yet"
show tail -3 "$AVSLUT_STORE/access.log"
show avslut-purge --dry-run -v
