#!/bin/sh
# What the five tools share (cli.c and one rule each in the library):
# --help that fails with its output, ids and values typed with escape
# sequences shown safely, one order of exit statuses, one rule for names
# and one-line texts.  Each of these had drifted apart between the tools.
. "$(dirname "$0")/lib.sh"

tools="avslut-new avslut-ask avslut-seal avslut-report avslut-purge"

# --help and --version into a full disk fail, in every tool.
for t in $tools; do
	$t --help >/dev/full 2>"$scratch/err"
	is "$?" 1 "$t --help >/dev/full: exit 1"
	like "$(cat "$scratch/err")" "^$t: cannot write standard output" \
	    "$t --help >/dev/full: says so"
	$t --version >/dev/full 2>/dev/null
	is "$?" 1 "$t --version >/dev/full: exit 1"
done

mkstore
id=$(register)
esc=$(printf 'ab\033]52;c;SGVsbG8=\007\033[2J')
# An id typed with escape sequences (OSC 52 writes the clipboard, CSI 2J
# clears the screen) is shown, never sent raw to the terminal.
check_id() {
	local desc=$1
	shift
	expect 2 "$desc" "$@"
	printf '%s' "$err" | LC_ALL=C grep -q "$(printf '\033')"
	ok $((! $?)) "$desc: no raw ESC on stderr"
	like "$err" 'invalid record id "ab\^\[\]52' "$desc: the id made visible"
}
check_id "avslut-ask" avslut-ask "$esc" --answers=/dev/null
check_id "avslut-seal" avslut-seal "$esc"
check_id "avslut-seal --verify" avslut-seal --verify "$id" "$esc"
check_id "avslut-new --guide" avslut-new --guide "$esc"
check_id "avslut-report --show" avslut-report --show="$esc"
check_id "avslut-purge" avslut-purge --force --why=annan "$esc"
# So is any option value quoted back.
expect 2 "a bad --format" avslut-report --format="$esc"
printf '%s' "$err" | LC_ALL=C grep -q "$(printf '\033')"
ok $((! $?)) "a bad option value: no raw ESC on stderr"
expect 2 "a stray argument" avslut-new --guide "$id" "$esc"
printf '%s' "$err" | LC_ALL=C grep -q "$(printf '\033')"
ok $((! $?)) "a stray argument: no raw ESC on stderr"
like "$err" 'unexpected argument "ab\^\[' "names the stray one, not the id"

# One order of exit statuses for a run over several records (avslut(7)):
# an integrity failure (4) before a run-time failure (1) before a refusal
# (3).  purge used to put 1 first.
bad=$(register)
sed -i 's/^Comment: avslut planned /Comment: avslut bogus /' \
    "$AVSLUT_STORE/records/$bad.asc"
run avslut-purge --force --why=annan "$bad" zzzzzzzzzzzz
is "$rc" 4 "purge: a bad header (4) and an unknown record (1) exit 4"
like "$err" "record zzzzzzzzzzzz not found" "the unknown record is named"
like "$err" "record $bad: missing or bad metadata header" "and the bad one"
rm "$AVSLUT_STORE/records/$bad.asc"

# One rule for a question set name, also given by name: no leading '-'.
expect 2 "--questions=-x is not a name" avslut-new --guide --questions=-x
like "$err" 'invalid question set name "-x"' "says so"

# One rule for one-line texts: bidirectional and C1 controls are refused
# in the marking and the decision reference as in a name.
for v in "$(printf 'Konf\342\200\256identiellt')" "$(printf 'Konf\302\233identiellt')"; do
	expect 2 "a control in --marking" avslut-new -S "$scratch/s2" --init \
	    --recipient="$HR" --marking="$v"
	like "$err" "--marking: contains a control character" "says so"
	expect 2 "a control in --retention-decision" avslut-new -S "$scratch/s3" \
	    --init --recipient="$HR" --retention-decision="$v"
	like "$err" "--retention-decision: contains a control character" "says so"
done
test ! -e "$scratch/s2" && test ! -e "$scratch/s3"
ok $? "no store was made"

# A file too large is named, not placed at a YAML line and column.
head -c 67108865 /dev/zero | tr '\0' a >"$scratch/big.csv"
expect 2 "a CSV of more than 64 MiB" avslut-new --import="$scratch/big.csv"
like "$err" "^avslut-new: $scratch/big.csv: too large" "named once, no line:col"
rm -f "$scratch/big.csv"
done_testing
