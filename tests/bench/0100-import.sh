#!/bin/sh
# Issues 3 and 18 (item 7): registering 1,000 interviews with --import,
# the rows in worker processes (as many as processors online) and in one
# process (--jobs=1), against 1,000 plain `gpg --encrypt` calls on
# records of the same size, same keys, in the same run.  An import
# encrypts each row's record once, unsigned, in a worker's own throwaway
# keyring, and signs one batch statement per 1,000 rows (evidence.h); the
# last line is what one registration at a time asks of gpg instead (a
# signed statement, and the record signed and encrypted), row after row.
. "$(dirname "$0")/lib.sh"
N=${BENCH_N:-1000}

HR=$(mkkey "HR Officer")
MGR=$(mkkey "Maja Chef")
avslut-new --init --recipient="$HR" --retention-decision=x >/dev/null
csv="$scratch/import.csv"
echo "name,title,workplace,unit,employed-from,employed-to,employment,reason,interviewer" >"$csv"
i=0
while [ $i -lt $N ]; do
	echo "Person Nummer $i,Undersköterska,Hemtjänst Söder,Äldreomsorg,2015-01-01,2026-12-31,tillsvidare,egen-begaran,$MGR"
	i=$((i + 1))
done >>"$csv"

bench_time t_import avslut-new --import="$csv"
bench_time t_one avslut-new --import="$csv" --jobs=1

# The baseline: one record's plaintext, encrypted N times by gpg itself.
one=$(ls "$AVSLUT_STORE/records" | head -1)
gpg --batch -q -d "$AVSLUT_STORE/records/$one" >"$scratch/plain.yaml" 2>/dev/null
bench_time t_gpg gpg_encrypt_loop "$N" "$scratch/plain.yaml" "$HR" "$MGR"

# What a registration one at a time asks of gpg, row after row.
sign_loop() {
	local i=0
	while [ $i -lt "$N" ]; do
		gpg --batch --yes -q -u "$HR" -o "$scratch/stmt.asc" \
		    --clearsign "$scratch/plain.yaml" &&
		gpg --batch --yes -q --trust-model always -a -u "$HR" \
		    -r "$HR" -r "$MGR" -o "$scratch/rec.asc" \
		    --sign --encrypt "$scratch/plain.yaml" || return 1
		i=$((i + 1))
	done
}
bench_time t_floor sign_loop

cpus=$(getconf _NPROCESSORS_ONLN 2>/dev/null || echo 1)
echo "import: $N rows, record plaintext $(wc -c <"$scratch/plain.yaml") bytes, $cpus processors, load $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null)"
report_line "avslut-new --import ($N rows, $cpus workers)" "$t_import"
report_line "avslut-new --import --jobs=1 ($N rows, one process)" "$t_one"
report_line "gpg --encrypt x $N (shell loop, same keys, same size)" "$t_gpg"
report_line "gpg --clearsign + gpg --sign --encrypt x $N (shell loop)" "$t_floor"
echo "  ratio import / gpg --encrypt: $(ratio "$t_import" "$t_gpg") (target <= 1.0)"
echo "  ratio import --jobs=1 / gpg --encrypt: $(ratio "$t_one" "$t_gpg")"
echo "  ratio import / one signed registration at a time: $(ratio "$t_import" "$t_floor")"
