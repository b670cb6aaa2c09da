#!/bin/sh
# No plaintext outlives a crash (issue 15, attack 7): the :e editor's
# directory carries its owner's pid; SIGTERM and SIGHUP while the editor
# is open wipe it before avslut-ask exits; after a SIGKILL the next start
# of any tool wipes it (and leaves those whose process lives); vim gets
# no swap, backup, undo file or viminfo.
. "$(dirname "$0")/lib.sh"

command -v expect >/dev/null || { echo "1..0 # SKIP expect not installed"; exit 0; }
mkstore
export AVSLUT_TODAY=2026-12-10
# A memory-backed directory of this test's own, in place of /dev/shm.
shm=$(mktemp -d /dev/shm/t0880.XXXXXX)
trap 'rm -rf "$shm"; cleanup' EXIT
export AVSLUT_SHM=$shm
M=MARKER0880

# A fake vim on PATH: it notes its arguments and pid, writes the answer,
# says so on the terminal and then waits, as a person editing would.
mkdir "$scratch/bin"
cat >"$scratch/bin/vim" <<'E'
#!/bin/sh
for a in "$@"; do printf '%s\n' "$a"; done >"$EDARGS"
echo $$ >"$EDPID"
for f; do :; done
printf 'MARKER0880 i editorn\n' >"$f"
echo "EDITOR-READY $f"
exec sleep 60
E
chmod +x "$scratch/bin/vim"
export PATH="$scratch/bin:$PATH" EDITOR=vim EDARGS="$scratch/edargs" \
    EDPID="$scratch/edpid"

# interrupt SIGNAL: open :e on the first question, then send SIGNAL to
# avslut-ask; its pid into $askpid.
interrupt() {
	rm -f "$EDPID" "$EDARGS"
	id=$(register --lang=sv)
	cat >"$scratch/x.exp" <<EXP
set timeout 20
log_user 0
source {$top/tests/terminal.tcl}
spawn -noecho avslut-ask $id
puts [exp_pid]
want "Tryck Retur|Press Enter"
at_prompt; send "\r"
want "1 av|1 of"
send_line ":e"
want "EDITOR-READY"
exec kill -$1 [exp_pid]
expect eof
EXP
	command expect -f "$scratch/x.exp" >"$scratch/x.out" 2>&1
	xrc=$?
	askpid=$(head -1 "$scratch/x.out" | tr -d '\r')
	[ $xrc = 0 ] || diag "$(cat "$scratch/x.out")"
	return $xrc
}

for sig in TERM HUP; do
	interrupt $sig
	ok $? "SIG$sig while the editor is open"
	is "$(ls -A "$shm")" "" "SIG$sig: nothing is left in the editor's place"
	is "$(grep -rl "$M" "$shm" 2>/dev/null)" "" "SIG$sig: no answer text in it"
	edpid=$(cat "$EDPID" 2>/dev/null)
	test -n "$edpid" && ! kill -0 "$edpid" 2>/dev/null
	ok $? "SIG$sig: the editor was ended too"
	gpg --batch -q -d "$AVSLUT_STORE/records/$id.asc" 2>/dev/null | grep -q "$M"
	ok $((! $?)) "SIG$sig: the unfinished edit is not in the record"
done

# vim got the flags that keep it from writing the text elsewhere.
args=$(cat "$EDARGS")
like "$args" "^-n$" "vim: -n (no swap file)"
contains "$args" "-i
NONE" "vim: -i NONE (no viminfo)"
contains "$args" "--cmd
set nobackup nowritebackup noundofile noswapfile viminfo=" "vim: before the vimrc, no backup, undo, swap or viminfo"
contains "$args" "-c
set nobackup nowritebackup noundofile noswapfile viminfo=" "vim: and after it"
like "$args" "/avslut-$askpid-[A-Za-z0-9]{6}/answer.txt\$" "the file last, in a directory named by avslut-ask's pid"

# SIGKILL: nothing can be done at once; the next start of a tool does it.
interrupt KILL
ok $? "SIGKILL while the editor is open"
kill "$(cat "$EDPID")" 2>/dev/null
left=$(ls -A "$shm")
like "$left" "^avslut-$askpid-[A-Za-z0-9]{6}\$" "SIGKILL leaves the directory, named by the dead pid"
grep -q "$M" "$shm/$left/answer.txt"; ok $? "with the answer in it"
# (avslut-ask may still be a zombie: a zombie has ended too.)  Three
# more: one of a live process, one of another user; and the dead one's
# file is held open here to see it overwritten before it goes.
sleep 60 & live=$!
mkdir -m 700 "$shm/avslut-$live-abcdef" "$shm/avslut-$live-ghijkl"
echo "$M live" >"$shm/avslut-$live-abcdef/answer.txt"
echo "$M other" >"$shm/avslut-$live-ghijkl/answer.txt"
chown -R 65534 "$shm/avslut-$live-ghijkl"
exec 8<"$shm/$left/answer.txt"
expect 0 "any tool starts: avslut-purge --dry-run" avslut-purge --dry-run
test ! -e "$shm/$left"; ok $? "the dead process's directory is wiped and gone"
is "$(tr -d '\000' <&8)" "" "its file was overwritten before it was removed"
exec 8<&-
grep -q "$M" "$shm/avslut-$live-abcdef/answer.txt"; ok $? "a live process's directory is left alone"
kill "$live"; wait "$live" 2>/dev/null
test -d "$shm/avslut-$live-ghijkl"; ok $? "so is another user's"
expect 0 "another tool starts: avslut-seal --help" avslut-seal --help
test ! -e "$shm/avslut-$live-abcdef"; ok $? "once the process is gone, the next start wipes it"
test -d "$shm/avslut-$live-ghijkl"; ok $? "another user's is still left alone"
# A purge killed before it removed its throwaway keyring (public keys
# only) leaves "avslut-keys-PID-XXXXXX": swept the same way.
sh -c 'exit 0' & dead=$!; wait "$dead"
mkdir -m 700 "$shm/avslut-keys-$dead-abcdef" "$shm/avslut-keys-$$-abcdef"
: >"$shm/avslut-keys-$dead-abcdef/pubring.kbx"
expect 0 "a tool starts: avslut-report --help" avslut-report --help
test ! -e "$shm/avslut-keys-$dead-abcdef"; ok $? "a dead purge's keyring is removed"
test -d "$shm/avslut-keys-$$-abcdef"; ok $? "a live process's keyring is left alone"
rmdir "$shm/avslut-keys-$$-abcdef"
done_testing
