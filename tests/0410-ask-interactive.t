#!/bin/sh
# avslut-ask on a real terminal (expect): answer, edit, go back, skip,
# editor, quit, resume, kill -9, Ctrl-C, the lock, a whole interview;
# typing ahead, no gpg left waiting, signals during a save.
. "$(dirname "$0")/lib.sh"

command -v expect >/dev/null || { echo "1..0 # SKIP expect not installed"; exit 0; }
mkstore
export AVSLUT_TODAY=2026-12-10
id=$(register --lang=sv --reason=pension)
f="$AVSLUT_STORE/records/$id.asc"
ed="$scratch/editor.sh"
cat >"$ed" <<'E'
#!/bin/sh
# A scripted editor: note where the file is, then write the answer.
echo "$1" >>"$EDLOG"
ls -ld "$(dirname "$1")" >>"$EDLOG"
printf 'Skrivet i editorn: MARKER_EDITOR\n' >"$1"
E
chmod +x "$ed"
export EDITOR="$ed" EDLOG="$scratch/editor.log"

# x SCRIPT: run an expect script (with helpers) against avslut-ask.
x() {
	cat >"$scratch/x.exp" <<EXP
set timeout 20
log_user 0
log_file -a -noappend $scratch/x.log
source {$top/tests/terminal.tcl}
spawn -noecho avslut-ask $id
$1
EXP
	command expect -f "$scratch/x.exp" >"$scratch/x.out" 2>&1
	xrc=$?
	[ $xrc = 0 ] || diag "$(cat "$scratch/x.out")" "$(cat "$scratch/x.log")"
	return $xrc
}
plain() { gpg --batch -q -d "$f" 2>/dev/null; }

x '
want "Tryck Retur|Press Enter"
at_prompt
send "\r"
want "1 av 23|1 of 23"
at_prompt
send "Jag flyttar MARKER_ONEXåäöY"
send "\033\[D"
send "\177"
send "\r"
want {\n  $}
send -- "och får längre pendling.\r"
want {\n  $}
send "\r"
want "✓"
want "2 av 23|2 of 23"
send_line "10"
want "3 av 23|3 of 23"
send_line ":s"
want "4 av 23|4 of 23"
send_line ":b"
want "3 av 23|3 of 23"
want "hoppades över|skipped"
send_line "1, 4"
want "4 av 23|4 of 23"
send_line "2"
want "5 av 23|5 of 23"
send_line ":e"
want "✓"
want "6 av 23|6 of 23"
send_line ":q"
want "avslut-ask '"$id"'"
expect eof
'
ok $? "answer, edit the line, choose, skip, go back, editor, quit"
out=$(plain)
like "$out" "Jag flyttar MARKER_ONEXåäY" "UTF-8 line editing: left arrow and backspace over å ä ö"
like "$out" "MARKER_ONEXåäY
    och får längre pendling\.$" "a two-line answer"
like "$out" "answer: retirement" "a numbered choice"
like "$out" "answer: \[pay, workload\]" "skipped, then answered after going back"
like "$out" "answer: public-employer" "the fourth question, by number"
like "$out" "Skrivet i editorn: MARKER_EDITOR" "the answer written in the editor"
like "$(cat "$EDLOG")" "^/dev/shm/avslut-[0-9]+-[A-Za-z0-9]{6}/answer.txt" "the editor's file is in /dev/shm"
like "$(cat "$EDLOG")" "^drwx------ " "in a private directory"
test -z "$(ls /dev/shm | grep -E '^avslut-[0-9]+-')"; ok $? "and it is gone afterwards"

# Resume where it stopped; kill -9 while typing loses only that answer.
x '
want "Tryck Retur|Press Enter"
at_prompt
send "\r"
want "6 av 23|6 of 23"
send_line "MARKER_SIX stämmer bra."
want {\n  $}
send "\r"
want "7 av 23|7 of 23"
at_prompt
send "MARKER_LOST halvskrivet svar"
sleep 0.3
exec kill -9 [exp_pid]
expect eof
'
ok $? "resume at question 6, then kill -9 in the middle of question 7"
out=$(plain)
like "$out" "MARKER_SIX" "the answer before the kill is saved"
unlike "$out" "MARKER_LOST" "the answer being typed is lost, nothing else"
like "$out" "Jag flyttar" "earlier answers are intact"
ls -a "$AVSLUT_STORE/records" | grep -q '\.tmp'; ok $((! $?)) "no temporary file left behind"

# Ctrl-C while typing: the terminal is restored, the answers stay.
x '
want "Tryck Retur|Press Enter"
at_prompt
send "\r"
want "7 av 23|7 of 23"
send_line "MARKER_SEVEN"
want {\n  $}
send "\r"
want "8 av 23|8 of 23"
at_prompt
send "halv"
send "\003"
want "interrupted|avbrutet"
expect eof
'
ok $? "Ctrl-C"
like "$(plain)" "MARKER_SEVEN" "the answer before Ctrl-C is saved"

# The lock: a second avslut-ask is refused while the first runs.
cat >"$scratch/hold.exp" <<EXP
set timeout 20
spawn -noecho avslut-ask $id
expect -re "Tryck Retur|Press Enter"
exec sh -c "avslut-ask $id --answers=/dev/null >$scratch/second.out 2>&1; echo \\\$? >$scratch/second.rc"
send ":q\r"
expect eof
EXP
command expect -f "$scratch/hold.exp" >/dev/null 2>&1
is "$(cat "$scratch/second.rc")" 3 "a second avslut-ask on the same record is refused (exit 3)"
like "$(cat "$scratch/second.out")" "record $id is in use: .*/locks/$id is locked by avslut-ask \(pid [0-9]+" "the message names the lock and its holder"

# Control characters that an older version let into a record are shown,
# not interpreted.
"$AVSLUT_BUILD/tests/h-answer" -t "anything-else=$(printf 'fint\033[2J\342\200\256slut')" "$id" || exit 1

# Finish: skip the rest, review, the summary field, done.
x '
want "Tryck Retur|Press Enter"
at_prompt
send "\r"
# Question by question: Enter keeps a saved answer, :s skips an open one.
while {1} {
	expect {
		-re {Gå igenom|Review} { break }
		-re {(?:Question|Fråga) \d+ (?:of|av) 23(.*?)\n> $} {
			if {[regexp {Saved answer|Sparat svar} $expect_out(1,string)]} {
				send "\r"
			} else {
				send ":s\r"
			}
		}
		timeout { puts "TIMEOUT before the review"; exit 1 }
	}
}
want "fint\\^\\\[\\\[2J<U\\+202E>slut"
at_prompt
send "\r"
want "23 av 23|23 of 23"
send_line "MARKER_SUMMARY ett gott samtal"
want {\n  $}
send "\r"
want "avslut-seal '"$id"'"
expect eof
'
ok $? "skip to the end, review (control characters made visible), the summary"
out=$(plain)
like "$out" "MARKER_SUMMARY" "the interviewer's summary is saved"
like "$out" "state: in-progress" "still in progress until sealed"

# No answer is anywhere on disk in plaintext.
for m in MARKER_ONE MARKER_EDITOR MARKER_SIX MARKER_SEVEN MARKER_SUMMARY; do
	grep -rIl "$m" "$AVSLUT_STORE" "$TMPDIR" /dev/shm "$HOME" 2>/dev/null | grep -q .
	ok $((! $?)) "$m is nowhere in plaintext (store, TMPDIR, /dev/shm, HOME)"
done

# Keys typed while an answer is being saved wait for the line editor
# untouched: the arrow key and the backspace edit the next answer ("12"
# becomes "2"), they are not echoed and erased by the terminal.
id=$(register --lang=sv)
f="$AVSLUT_STORE/records/$id.asc"
x '
want "Tryck Retur|Press Enter"
at_prompt
send "\r"
want "1 av 22|1 of 22"
send_line "MARKER_AHEAD"
want {\n  $}
send "\r"
after 5
send "12\033\[D\177\r"
want "3 av 22|3 of 22"
send_line ":q"
expect eof
'
ok $? "typing on while an answer is saved"
like "$(plain)" "answer: tasks" "the typed-ahead keys were edited by the line editor"

# While an answer is typed no gpg runs: each save starts its own, and
# none is left waiting at a prompt or after avslut-ask has ended.
cat >"$scratch/gpgs.sh" <<EOS
for p in /proc/[0-9]*; do
	tr '\0' '\n' 2>/dev/null <"\$p/cmdline" | grep -qx -- --encrypt &&
	    tr '\0' '\n' 2>/dev/null <"\$p/environ" | grep -qx "GNUPGHOME=$GNUPGHOME" &&
	    echo "\${p#/proc/}"
done
exit 0
EOS
id=$(register --lang=sv)
f="$AVSLUT_STORE/records/$id.asc"
x '
want "Tryck Retur|Press Enter"
at_prompt
exec sh '"$scratch"'/gpgs.sh >'"$scratch"'/gpg.1
send "\r"
want "1 av 22|1 of 22"
send_line "MARKER_SAVED"
want {\n  $}
send "\r"
want "2 av 22|2 of 22"
at_prompt
exec sleep 0.3
exec sh '"$scratch"'/gpgs.sh >'"$scratch"'/gpg.2
send ":q\r"
expect eof
'
ok $? "an interview with a save"
is "$(wc -l <"$scratch/gpg.1")" 0 "at the first prompt no gpg waits"
is "$(wc -l <"$scratch/gpg.2")" 0 "after a save, none either"
like "$(plain)" MARKER_SAVED "and the save is whole"
is "$(sh "$scratch/gpgs.sh")" "" "no gpg is left once avslut-ask has ended"

# Ending avslut-ask gives the terminal back as it was.  A signal that
# comes while an answer is being saved waits for the save; then what was
# typed ahead is dropped, never left for the shell to read.  (A record
# with a 2 MB answer takes a good 150 ms to save: the keys and the signal
# come 30 ms after the Enter that starts the save, well within it.)
{ printf 'anything-else: "'; head -c 1500000 /dev/urandom | base64 -w0
  printf '"\n'; } >"$scratch/big.yaml"
for how in quit ctrl-backslash sigterm; do
	id=$(register --lang=sv)
	f="$AVSLUT_STORE/records/$id.asc"
	avslut-ask "$id" --answers="$scratch/big.yaml" || exit 1
	case $how in
	quit) stop='want "2 av 22|2 of 22"; send_line ":q"; want "avslut-ask '"$id"'"' ;;
	ctrl-backslash) stop='send "\034"; want "avbrutet|interrupted"' ;;
	sigterm) stop='exec kill -TERM [exec cat '"$scratch"'/tty.pid]
want "avbrutet|interrupted"' ;;
	esac
	rm -f "$scratch"/tty.*
	cat >"$scratch/tty.exp" <<EXP
set timeout 20
log_user 0
source {$top/tests/terminal.tcl}
spawn -noecho sh -c "trap '' INT QUIT TERM; stty -a >$scratch/tty.0; sh -c 'echo \\\$\\\$ >$scratch/tty.pid; exec avslut-ask $id'; stty -a >$scratch/tty.1; cat >$scratch/tty.left"
want "Tryck Retur|Press Enter"
at_prompt
send "\r"
want "1 av 22|1 of 22"
send_line "MARKER_SIGNAL"
want {\n  $}
send "\r"
after 30
send "MARKER_TYPED_AHEAD\r"
$stop
after 200
send "\004"
expect eof
EXP
	command expect -f "$scratch/tty.exp" >"$scratch/x.out" 2>&1 || diag "$(cat "$scratch/x.out")"
	test -s "$scratch/tty.1" && cmp -s "$scratch/tty.0" "$scratch/tty.1"
	ok $? "$how: the terminal's settings are as before" ||
	    diag "$(cat "$scratch/tty.0" "$scratch/tty.1" 2>&1)"
	plain | grep -q MARKER_SIGNAL
	ok $? "$how: the answer before it is saved"
	if [ $how != quit ]; then
		test -f "$scratch/tty.left" && ! grep -q MARKER "$scratch/tty.left"
		ok $? "$how: keys typed ahead are dropped, not left for the shell"
	fi
done

# No memory-backed place for the editor: refused, the answer unchanged.
id2=$(register --lang=sv)
f="$AVSLUT_STORE/records/$id2.asc"
id=$id2
AVSLUT_SHM=/nonexistent x '
want "Tryck Retur|Press Enter"
at_prompt
send "\r"
want "1 av 22|1 of 22"
send_line ":e"
want "minnesbaserad|memory-backed"
send_line ":q"
expect eof
'
ok $? "the editor is refused without private memory-backed storage"
done_testing
