#!/bin/sh
# The confidentiality proof: a whole lifecycle with marker names and
# answers (import, guide, an interactive interview with $EDITOR and a
# crash, scripted answers, seal, verify, re-encryption, purge), every tool
# under strace.  Then: no marker in plaintext in the store, its logs,
# $TMPDIR, /dev/shm or $HOME, in anything the tools wrote to stderr, or
# in the argv of any process the tools started.
. "$(dirname "$0")/lib.sh"

command -v strace >/dev/null || { echo "1..0 # SKIP strace not installed"; exit 0; }
command -v expect >/dev/null || { echo "1..0 # SKIP expect not installed"; exit 0; }
# LeakSanitizer traces the process itself, which strace already does.
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0"
mkstore
HR2=$(mkkey "HR Second")
export AVSLUT_TODAY=2026-12-01
M='MRKQX'	# every personal value below contains it
errs="$scratch/stderr.all"
: >"$errs"
n=0
# traced CMD...: run a tool under strace -f (all execve), stdin kept.
traced() {
	n=$((n + 1))
	strace -f -qq -s 4096 -e trace=execve -o "$scratch/trace.$n" "$@" \
	    2>>"$errs"
}

cat >"$scratch/leavers.csv" <<CSV
name,title,workplace,unit,employed-from,employed-to,employment,reason,interviewer
${M}name Åberg,${M}title,${M}place,${M}unit,2015-01-01,2026-12-31,tillsvidare,pension,$MGR
${M}other Ek,${M}title2,${M}place2,${M}unit2,2016-01-01,2026-12-31,tillsvidare,egen-begaran,$MGR
CSV
traced avslut-new --import=- <"$scratch/leavers.csv" >"$scratch/ids" || exit 99
id=$(head -1 "$scratch/ids")
id2=$(tail -1 "$scratch/ids")
traced avslut-new --guide --lang=sv "$id" >"$scratch/guide.txt" || exit 99
grep -q "${M}name" "$scratch/guide.txt"; ok $? "the guide (on stdout, for the employee) has the name"

# The interview: an answer, the editor, a crash, resume, the end.
ed="$scratch/editor.sh"
printf '#!/bin/sh\nprintf "%%s\\n" "%seditor svar" >"$1"\n' "$M" >"$ed"
chmod +x "$ed"
cat >"$scratch/x.exp" <<EXP
set timeout 30
log_user 0
source {$top/tests/terminal.tcl}
spawn -noecho strace -f -qq -s 4096 -e trace=execve -o $scratch/trace.ask1 avslut-ask $id
want "Press Enter|Tryck Retur"
at_prompt; send "\r"
want "1 of|1 av"
at_prompt; send "${M}answer one\r"
want {\n  \$}; send "\r"
want "2 of|2 av"
at_prompt; send "10\r"
want "3 of|3 av"
at_prompt; send "1,2\r"
want "4 of|4 av"
at_prompt; send "1\r"
want "5 of|5 av"
at_prompt; send ":e\r"
want "6 of|6 av"
at_prompt; send "${M}lost answer"
sleep 0.3
exec kill -9 [exp_pid]
expect eof
EXP
EDITOR="$ed" command expect -f "$scratch/x.exp" 2>>"$errs"
ok $? "interactive: an answer, a choice, the editor, then kill -9"
printf 'expectations: "%sscripted answer"\nsummary: "%ssummary"\n' "$M" "$M" >"$scratch/a.yaml"
traced avslut-ask "$id" --answers="$scratch/a.yaml" || exit 99
traced avslut-seal "$id" || exit 99
traced avslut-seal --verify >/dev/null
traced avslut-seal --reencrypt --recipient="$HR" --recipient="$HR2" >/dev/null
traced avslut-purge --force --why=annan "$id2"
traced avslut-purge --dry-run --as-of=2026-12-01 >/dev/null
run gpg --batch -q -d "$AVSLUT_STORE/records/$id.asc"
like "$out" "${M}answer one" "the typed answer is in the record"
like "$out" "${M}editor svar" "the editor's answer is in the record"
like "$out" "state: sealed" "sealed"
unlike "$out" "${M}lost" "the answer being typed at the crash is not"

# Where the markers must not be.
found=$(grep -rIl "$M" "$AVSLUT_STORE" 2>/dev/null)
is "$found" "" "no marker in plaintext anywhere in the store (records, logs, keys, config, locks)"
test -s "$AVSLUT_STORE/purge.log"; ok $? "the purge log exists"
grep -q "$M" "$AVSLUT_STORE/purge.log" "$AVSLUT_STORE/access.log"; ok $((! $?)) "nor in the purge and access logs"
is "$(grep -rIl "$M" "$TMPDIR" "$HOME" 2>/dev/null)" "" "no marker in \$TMPDIR or \$HOME"
is "$(grep -rIl "$M" /dev/shm 2>/dev/null)" "" "no marker in /dev/shm"
is "$(ls /dev/shm | grep -Ec '^avslut-[0-9]+-')" 0 "no editor file left in /dev/shm"
grep -q "$M" "$errs"; ok $((! $?)) "no marker in anything the tools wrote to stderr"
cat "$scratch"/trace.* >"$scratch/traces"
nexec=$(grep -c 'execve(' "$scratch/traces")
[ "$nexec" -ge 20 ]; ok $? "the traces hold every process the tools started ($nexec execve)"
grep 'execve(' "$scratch/traces" | grep -q 'gpg'; ok $? "the traces include the gpg processes"
grep 'execve(' "$scratch/traces" | grep -q 'editor.sh'; ok $? "and the editor"
grep 'execve(' "$scratch/traces" | grep -q "$M"; ok $((! $?)) "no marker in the argv of any process"
grep 'execve(' "$scratch/traces" | grep "$M" | head -3 | while read -r l; do diag "$l"; done
done_testing
