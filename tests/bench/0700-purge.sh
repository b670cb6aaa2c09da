#!/bin/sh
# Issue 7: a dry run of avslut-purge over 10,000 records against 10 single
# `gpg --decrypt` calls of one of those records.  The dry run must decrypt
# nothing: it runs with an empty GNUPGHOME and the access log must not
# grow.  Then the real purge of all of them, for scale.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/../purge.sh"
N=${BENCH_N:-10000}
export AVSLUT_TODAY=2027-01-15

HR=$(mkkey "HR Officer")
MGR=$(mkkey "Maja Chef")
avslut-new --init --recipient="$HR" --retention-decision=x >/dev/null
one=$(register --employed-to=2024-01-31) || exit 1
# N records, all due: copies of the real one under new ids (no gpg).
bench_time t_clone clone "$(rec "$one")" $((N - 1))
decryptions() { cat "$AVSLUT_STORE/access.log" 2>/dev/null | wc -l; }
access=$(decryptions)
size=$(wc -c <"$(rec "$one")")
mkdir -m 700 "$scratch/empty"

bench_time t_dry env GNUPGHOME="$scratch/empty" avslut-purge --dry-run
listed=$(GNUPGHOME="$scratch/empty" avslut-purge --dry-run | wc -l)
[ "$listed" = "$N" ] || { echo "dry run listed $listed of $N" >&2; exit 1; }
[ "$(decryptions)" = "$access" ] &&
    [ -z "$(ls -A "$scratch/empty")" ] ||
    { echo "the dry run decrypted something" >&2; exit 1; }

baseline() {
	local i=0
	while [ $i -lt 10 ]; do
		gpg --batch -q --decrypt "$(rec "$one")" >/dev/null 2>&1 || return 1
		i=$((i + 1))
	done
}
bench_time t_gpg baseline

bench_time t_purge env GNUPGHOME="$scratch/empty" avslut-purge
left=$(ls "$AVSLUT_STORE/records" | wc -l)
logged=$(grep -c ',unfinished,' "$AVSLUT_STORE/purge.log")
[ "$left" = 0 ] && [ "$logged" = "$N" ] ||
    { echo "purge left $left, logged $logged of $N" >&2; exit 1; }

echo "purge: $N records of $size bytes, all due (the copies took $t_clone ms to make)"
report_line "avslut-purge --dry-run ($N records, lists all $N)" "$t_dry"
report_line "gpg --decrypt x 10 (one record each, shell loop)" "$t_gpg"
echo "  ratio dry run / 10 decryptions: $(ratio "$t_dry" "$t_gpg") (target < 1); decryptions in the dry run: 0"
report_line "avslut-purge ($N discarded and logged, 3 fsyncs each)" "$t_purge"
echo "  per record discarded: $(ratio "$t_purge" "$N") ms (fsync-bound: directory, log, directory)"
