#!/bin/sh
# The pause after each answer in avslut-ask (encrypt the whole in-memory
# record + atomic write; no decryption) against one plain `gpg --encrypt`
# of a record of the same size, same keys, side by side.  Target: under
# 50 ms, which no one typing notices (issue 14).
. "$(dirname "$0")/lib.sh"
N=${BENCH_N:-50}

HR=$(mkkey "HR Officer")
MGR=$(mkkey "Maja Chef")
avslut-new --init --recipient="$HR" --retention-decision=x >/dev/null
id=$(avslut-new --name="Anna Andersson" --title=Undersköterska \
    --workplace="Hemtjänst Söder" --employed-from=2015-01-01 \
    --employed-to=2026-12-31 --employment=tillsvidare --reason=pension \
    --interviewer="$MGR" --lang=sv)
# A complete interview with answers of a realistic length.
long="Ett svar på några meningar som beskriver hur det har varit att arbeta här, vad som fungerade och vad som kunde ha varit bättre. Det är ungefär så långt som ett svar brukar bli när man pratar en stund."
{
	for q in primary-reason introduction expectations collaboration climate \
	    workload support appreciation competence-use development \
	    communication improvement-ideas strengths culture-values \
	    would-return retiree-return anything-else summary; do
		echo "$q: \"$long\""
	done
	echo "primary-reason-category: retirement"
	echo "secondary-reasons: [workload, pay]"
	echo "next-step: retirement"
	echo "would-return-coded: maybe"
	echo "overall-rating: 4"
} >"$scratch/answers.yaml"
avslut-ask "$id" --answers="$scratch/answers.yaml" || exit 1
gpg --batch -q -d "$AVSLUT_STORE/records/$id.asc" >"$scratch/plain.yaml" 2>/dev/null

t_save=$("$AVSLUT_BUILD/tests/h-savebench" "$id" "$N") || exit 1
bench_time t_gpg gpg_encrypt_loop "$N" "$scratch/plain.yaml" "$HR" "$MGR"
t_gpg1=$(echo "$t_gpg $N" | awk '{ printf "%.1f", $1 / $2 }')

echo "ask: the pause after an answer, full record of $(wc -c <"$scratch/plain.yaml") bytes, mean of $N"
report_line "avslut-ask pause after an answer" "$t_save"
report_line "gpg --encrypt of the same plaintext (shell loop)" "$t_gpg1"
echo "  target: pause under 50 ms; ratio pause / gpg: $(ratio "$t_save" "$t_gpg1")"
