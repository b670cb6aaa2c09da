#!/bin/sh
# avslut-new --import registers rows in worker processes (issue 18 item
# 7): the output (ids in the order of the rows, messages with their
# lines) and the exit status are the same whatever the number of
# workers; a worker killed half-way leaves its rows not done reported,
# the others registered, and nothing half-written: a worker writes
# nothing, the import writes a chunk's rows once its workers are done.
. "$(dirname "$0")/lib.sh"

mkstore
export AVSLUT_TODAY=2026-11-23
csv="$scratch/rows.csv"
printf 'name,title,workplace,employed-from,employed-to,employment,reason,interviewer,personnummer\n' >"$csv"
i=1
while [ $i -le 24 ]; do
	case $i in
	5) printf 'Rad %d,T,W,2015-01-01,2026-13-31,tillsvidare,pension,%s,x\n' $i "$MGR" ;;
	9) printf 'Rad %d,T,W,2026-06-01,2026-12-31,tidsbegransad,pension,%s,x\n' $i "$MGR" ;;
	13) printf 'Rad "%d",T,W\n' $i ;;
	17) printf 'Rad %d,T,W,2015-01-01,2026-12-31,fast,pension,%s,x\n' $i "$MGR" ;;
	*) printf 'Rad %d,T,W,2015-01-01,2026-12-31,tillsvidare,pension,%s,x\n' $i "$MGR" ;;
	esac
	i=$((i + 1))
done >>"$csv"

# names IDS...: the employee's name in each record, in order.
names() {
	for id; do
		gpg --batch -q -d "$AVSLUT_STORE/records/$id.asc" 2>/dev/null |
		    sed -n 's/^  name: "\(.*\)"$/\1/p' | head -1
	done | tr '\n' ' '
}
want="Rad 1 Rad 2 Rad 3 Rad 4 Rad 6 Rad 7 Rad 8 Rad 10 Rad 11 Rad 12 Rad 14 Rad 15 Rad 16 Rad 18 Rad 19 Rad 20 Rad 21 Rad 22 Rad 23 Rad 24 "

run avslut-new --import="$csv" --jobs=1
rc1=$rc err1=$err
is "$rc1" 2 "--jobs=1: exit 2 (invalid rows)"
is "$(names $out)" "$want" "--jobs=1: the ids in the order of the rows"
run avslut-new --import="$csv" --jobs=2
is "$rc" "$rc1" "--jobs=2: the same exit status"
is "$err" "$err1" "--jobs=2: the same messages in the same order"
is "$(names $out)" "$want" "--jobs=2: the ids in the order of the rows"
run avslut-new --import="$csv"
is "$rc" "$rc1" "the default number of workers: the same exit status"
is "$err" "$err1" "... the same messages"
is "$(names $out)" "$want" "... the ids in order"
like "$(printf '%s' "$err1" | tr '\n' ' ')" "rows.csv:1: ignoring unknown column \"personnummer\".*rows.csv:6: skipped: employed-to.*rows.csv:10: skipped: not eligible.*rows.csv:14: skipped: malformed CSV.*rows.csv:18: skipped: employment: \"fast\"" "messages in the order of the lines"
is "$(ls "$AVSLUT_STORE/records" | wc -l)" 60 "three imports of 20 good rows: 60 records"
is "$(ls "$AVSLUT_STORE/evidence" | grep -c '\.reg$')" 60 "... each with its registration statement"
expect 0 "every record verifies" avslut-seal --verify

# Exit statuses: only refusals by policy are 3 with any number of workers.
printf 'name,title,workplace,employed-from,employed-to,employment,reason,interviewer\n' >"$scratch/p.csv"
printf 'A,T,W,2026-06-01,2026-12-31,tidsbegransad,pension,%s\n' "$MGR" "$MGR" >>"$scratch/p.csv"
run avslut-new --import="$scratch/p.csv" --jobs=2
is "$rc" 3 "policy refusals only, 2 workers: exit 3"
# A run-time failure (a key not in the keyring) outranks: exit 1.
printf 'B,T,W,2015-01-01,2026-12-31,tillsvidare,pension,0123456789ABCDEF0123456789ABCDEF01234567\n' >>"$scratch/p.csv"
run avslut-new --import="$scratch/p.csv" --jobs=2
is "$rc" 1 "a run-time failure in a row: exit 1"
like "$err" "p.csv:4: skipped: key 0123456789ABCDEF0123456789ABCDEF01234567 is not in the keyring" "names its line"

expect 2 "--jobs=0" avslut-new --import="$csv" --jobs=0
like "$err" '--jobs: "0" is not a number from 1 to 1000' "says the range"
expect 2 "--jobs=x" avslut-new --import="$csv" --jobs=x
expect 2 "--jobs without --import" register --jobs=2
like "$err" "are for --import" "says so"

# Chunks: a batch statement per chunk of rows (1,000; 3 in this test
# build), the notes among the rows in their places, every row opening.
batches=$(ls "$AVSLUT_STORE/evidence" | grep -c '\.batch$')
AVSLUT_TEST_BATCH=3 avslut-new --import="$csv" --jobs=2 >"$scratch/c.out" 2>"$scratch/c.err"
is $? "$rc1" "an import in chunks of 3: the same exit status"
is "$(wc -l <"$scratch/c.out")" 20 "20 ids"
is "$(cat "$scratch/c.err")" "$err1" "the same messages, in the same order"
is "$(ls "$AVSLUT_STORE/evidence" | grep -c '\.batch$')" $((batches + 8)) "a batch statement per chunk of three rows (23 rows read, 20 good: 8)"
is "$(names $(cat "$scratch/c.out"))" "$want" "the rows in order"
for id in $(cat "$scratch/c.out"); do
	avslut-report --show "$id" >/dev/null 2>&1 || echo "$id"
done >"$scratch/c.bad"
is "$(cat "$scratch/c.bad")" "" "every record of every chunk opens"

# A later chunk that cannot start its workers (fork fails, through a
# preloaded fault): the chunks before are registered, and every row from
# the failed chunk on is named "not done", to be imported again.
if command -v cc >/dev/null 2>&1 &&
    ! ldd "$AVSLUT_BUILD/bin/avslut-new" 2>/dev/null | grep -q asan &&
    cc -shared -fPIC -o "$scratch/failfork.so" "$top/tests/unit/preload-failfork.c" -ldl 2>/dev/null; then
	printf 'name,title,workplace,employed-from,employed-to,employment,reason,interviewer\n' >"$scratch/f.csv"
	for i in 1 2 3 4 5; do
		printf 'Fyra %d,T,W,2015-01-01,2026-12-31,tillsvidare,pension,%s\n' $i "$MGR"
	done >>"$scratch/f.csv"
	AVSLUT_TEST_BATCH=2 FAILFORK_AFTER=2 LD_PRELOAD="$scratch/failfork.so" \
	    avslut-new --import="$scratch/f.csv" --jobs=2 >"$scratch/f.out" 2>"$scratch/f.err"
	is $? 1 "a chunk whose workers cannot start: exit 1"
	is "$(names $(cat "$scratch/f.out"))" "Fyra 1 Fyra 2 " "the chunk before it is registered"
	is "$(sed 's/^.*f.csv:\([0-9]*\): skipped: not done: cannot start a worker process.*/\1/' "$scratch/f.err" | tr '\n' ' ')" "4 5 6 " \
	    "every row from the failed chunk on is named, not done"
else
	ok 0 "# SKIP no cc, or a sanitizer build (a preloaded fault)"
fi

# A worker killed half-way.
[ "$(nproc)" -ge 2 ] || { ok 0 "# SKIP one processor: one worker"; done_testing; exit 0; }
big="$scratch/big.csv"
head -1 "$csv" >"$big"
i=1
while [ $i -le 200 ]; do
	printf 'Stor %d,T,W,2015-01-01,2026-12-31,tillsvidare,pension,%s,x\n' $i "$MGR"
	i=$((i + 1))
done >>"$big"
before=$(ls "$AVSLUT_STORE/records" | wc -l)
batches=$(ls "$AVSLUT_STORE/evidence" | grep -c '\.batch$')
avslut-new --import="$big" --jobs=2 >"$scratch/k.out" 2>"$scratch/k.err" &
pid=$!
# Wait for the workers to be at it, then kill one of the two (a child
# of the import, by its pid).
n=0 worker=
while [ $n -lt 600 ]; do
	worker=$(ps -o pid= -o comm= --ppid $pid | awk '$2 == "avslut-new" { print $1; exit }')
	[ -n "$worker" ] && break
	sleep 0.02; n=$((n + 1))
done
sleep 0.3
[ -n "$worker" ] && kill -9 "$worker"
wait $pid
rc=$?
is "$rc" 1 "a worker killed: exit 1"
err=$(cat "$scratch/k.err")
like "$err" "big.csv:[0-9]+: skipped: not done: its worker process was killed by signal 9" "its rows are named, not done"
ids=$(grep -Ec '^[0-9a-z]{12}$' "$scratch/k.out")
skipped=$(grep -c 'skipped: not done' "$scratch/k.err")
is "$((ids + skipped))" 200 "every row is either registered (id printed) or reported ($ids + $skipped)"
ok $(( ! (skipped > 0 && skipped <= 100) )) "only rows of the killed worker are not done ($skipped)"
lines=$(sed -n 's/.*big.csv:\([0-9]*\): skipped: not done.*/\1/p' "$scratch/k.err" | tr '\n' ' ')
sorted=$(printf '%s' "$lines" | tr ' ' '\n' | sort -n | tr '\n' ' ')
is "$lines" "$sorted" "reported in the order of the lines"
got=$(names $(grep -E '^[0-9a-z]{12}$' "$scratch/k.out"))
exp=$(for l in $(seq 2 201); do case " $lines " in *" $l "*) ;; *) printf 'Stor %d ' $((l - 1)) ;; esac; done)
is "$got" "$exp" "the printed ids are the other rows, in order"
after=$(ls "$AVSLUT_STORE/records" | wc -l)
is "$((after - before))" "$ids" "every record written has its id printed"
is "$(ls "$AVSLUT_STORE/evidence" | grep -c '\.batch$')" $((batches + 1)) "one batch statement for the rows"
avslut-report --list --format=csv >"$scratch/v.out" 2>"$scratch/v.err"
is $? 0 "every record registered opens and verifies (avslut-report --list)"
is "$(grep -c ',Stor ' "$scratch/v.out")" "$ids" "and lists"
ls -a "$AVSLUT_STORE/records" | grep -q '\.tmp'
ok $((! $?)) "no temporary file in records/"
done_testing
