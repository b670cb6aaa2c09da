#!/bin/sh
# The README's demo: one exit interview, from registration to the report,
# on a throwaway store with throwaway keys.  Nothing in your own keyring or
# home directory is touched: everything lives in a temporary directory
# that is removed at the end.
. "$(dirname "$0")/lib.sh"

say() { printf '\n\033[1m== %s\033[0m\n' "$*"; }
show() { printf '$ %s\n' "$*"; "$@"; }

say "Keys: an HR officer and a manager (throwaway, passphrase-less)"
HR=$(mkkey "Hanna HR")
MGR=$(mkkey "Maja Chef")
echo "HR      $HR"
echo "manager $MGR"

say "HR creates the store: HR's key reads every record"
show avslut-new --init --recipient="$HR" \
    --retention-decision="Gallringsbeslut SDF 2026:1"

say "HR registers a leaver (eligibility is checked against the routine)"
id=$(avslut-new --name="Anna Andersson" --title="Undersköterska" \
    --workplace="Hemtjänst Söder" --unit="Äldreomsorg" \
    --employed-from=2019-03-01 --employed-to=2026-12-31 \
    --employment=tillsvidare --reason=egen-begaran \
    --interviewer="$MGR" --date=2026-12-10) || exit 1
echo "registered record $id"

say "Someone employed for 7 months is not offered an interview"
avslut-new --name="Olle Ek" --title="Kock" --workplace="Skolköket" \
    --employed-from=2026-06-01 --employed-to=2026-12-31 \
    --employment=tidsbegransad --reason=egen-begaran --interviewer="$MGR"
echo "(exit status $?)"

say "The question guide, sent to the employee in advance"
show avslut-new --guide --lang=sv "$id"

say "The store holds no personal data in plaintext"
show ls -l "$AVSLUT_STORE/records"
show head -2 "$AVSLUT_STORE/records/$id.asc"
show cat "$AVSLUT_STORE/access.log"

say "Anyone holding a recipient key reads a record with plain gpg"
show gpg --batch --quiet --decrypt "$AVSLUT_STORE/records/$id.asc"

say "HR lists the records it can read, and prints a copy for the employee"
show avslut-report --list
show avslut-report --show "$id"

say "The report for management: a group smaller than five shows as \"..\""
show avslut-report --by=unit
