#!/bin/sh
# Issue 3: registering 1,000 interviews with --import against 1,000 plain
# `gpg --encrypt` calls on records of the same size, same keys.
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

# The baseline: one record's plaintext, encrypted N times by gpg itself.
one=$(ls "$AVSLUT_STORE/records" | head -1)
gpg --batch -q -d "$AVSLUT_STORE/records/$one" >"$scratch/plain.yaml" 2>/dev/null
bench_time t_gpg gpg_encrypt_loop "$N" "$scratch/plain.yaml" "$HR" "$MGR"

echo "import: $N rows, record plaintext $(wc -c <"$scratch/plain.yaml") bytes"
report_line "avslut-new --import ($N rows)" "$t_import"
report_line "gpg --encrypt x $N (shell loop, same keys, same size)" "$t_gpg"
echo "  ratio import / gpg: $(ratio "$t_import" "$t_gpg") (target <= 1.5)"
