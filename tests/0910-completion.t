#!/bin/sh
# Bash completion: options, enum values, keys, question sets, record ids
# by state (without decrypting anything).
. "$(dirname "$0")/lib.sh"

command -v bash >/dev/null || { echo "1..0 # SKIP no bash"; exit 0; }
mkstore
export AVSLUT_TODAY=2026-12-01
planned=$(register)
sealed=$(register)
"$AVSLUT_BUILD/tests/h-answer" -a "$sealed" && avslut-seal "$sealed" || exit 99
logbefore=$(wc -l <"$AVSLUT_STORE/access.log")

# comp WORD...: the completions for the last word of the command line.
comp() {
	bash -c '. "$1"/completions/avslut; shift; COMP_WORDS=("$@");
	    COMP_CWORD=$(($# - 1)); _avslut; printf "%s\n" "${COMPREPLY[@]}"' \
	    bash "$top" "$@" | sort | tr '\n' ' ' | sed 's/ $//'
}
is "$(comp avslut-ask --a)" "--answers=" "an option of avslut-ask"
is "$(comp avslut-new --employment=t)" "--employment=tidsbegransad --employment=tillsvidare" "employment types"
is "$(comp avslut-new --declined --why=)" "--why=annan --why=avbojt --why=ej-antraffbar --why=ingen-samtalsledare" "declined codes"
is "$(comp avslut-purge --force --why=)" "--why=annan --why=begaran --why=felregistrerad" "avslut-purge: reasons of a forced purge"
is "$(comp avslut-purge --w)" "--why=" "avslut-purge --why"
is "$(comp avslut-report --by=t)" "--by=tenure" "report groupings"
is "$(comp avslut-report --format=)" "--format=csv --format=html --format=text" "report formats"
is "$(comp avslut-report --show=x --format=)" "--format=text --format=yaml" "formats of --show"
is "$(comp avslut-report --date=)" "--date=interview --date=leaving" "which date a report goes by"
is "$(comp avslut-report --list --state=)" "--state=declined --state=in-progress --state=planned --state=sealed" "the states of --list"
is "$(comp avslut-report --list --ma)" "--match=" "avslut-report --match"
is "$(comp avslut-report --ou)" "--output=" "avslut-report --output"
is "$(comp avslut-report --pe)" "--pending" "avslut-report --pending"
is "$(comp avslut-report --pending --format=)" "--format=csv --format=text" "formats of --pending"
mkdir "$scratch/outdir" && : >"$scratch/outdir/rapport.html"
is "$(comp avslut-report -o "$scratch/outdir/r")" "$scratch/outdir/rapport.html" "-o FILE: file names"
is "$(comp avslut-report --output="$scratch/outdir/r")" "--output=$scratch/outdir/rapport.html" "--output=FILE: file names"
is "$(comp avslut-new --questions=)" "--questions=sodermalm" "question sets"
is "$(comp avslut-new --lang=)" "--lang=en --lang=fi --lang=sv" "the languages of the sets"
is "$(comp avslut-new --init --language=)" "--language=en --language=fi --language=sv" "a store's language"
is "$(comp avslut-ask --l)" "--lang=" "avslut-ask --lang"
like "$(comp avslut-new --interviewer=)" "--interviewer=$MGR" "fingerprints from the keyring"
is "$(comp avslut-new --import=x --enc)" "--encoding=" "avslut-new --encoding"
is "$(comp avslut-new --import=x --jo)" "--jobs=" "avslut-new --jobs"
is "$(comp avslut-new --encoding=)" "--encoding=utf-8 --encoding=windows-1252" "the encodings"
is "$(comp avslut-new --separator=)" "--separator=, --separator=;" "the separators"
config_text | sed "s/^interviewers: \[\]/interviewers:\n- {email: maja.chef@example.org, fingerprint: $MGR}/" >"$scratch/c.yaml"
avslut-new --config="$scratch/c.yaml" || exit 99
like "$(comp avslut-new --interviewer=)" "--interviewer=maja.chef@example.org" "the interviewers' addresses from the config"
like "$(comp avslut-new --interviewer=)" "--interviewer=$MGR" "... and fingerprints"
like "$(comp avslut-new --pin=)" "--pin=$HR" "avslut-new --pin: fingerprints"
is "$(comp avslut-new --mi)" "--migrate" "avslut-new --migrate"
is "$(comp avslut-new --am)" "--amend=" "avslut-new --amend"
is "$(comp avslut-new --amend=)" "$(printf -- '--amend=%s\n' "$planned" "$sealed" | sort | tr '\n' ' ' | sed 's/ $//')" "avslut-new --amend: every record"
is "$(comp avslut-new --conf)" "--config=" "avslut-new --config"
like "$(comp avslut-new -u '')" "$HR" "avslut-new -u: fingerprints"
is "$(comp avslut-ask '')" "$planned" "avslut-ask: records not sealed"
is "$(comp avslut-seal --verify '')" "$sealed" "avslut-seal --verify: sealed records"
is "$(comp avslut-purge '')" "$(printf '%s\n' "$planned" "$sealed" | sort | tr '\n' ' ' | sed 's/ $//')" "avslut-purge: every record"
is "$(comp avslut-ask -S "$scratch/nowhere" '')" "" "another store, no records"
is "$(wc -l <"$AVSLUT_STORE/access.log")" "$logbefore" "completing decrypted nothing"
done_testing
