#!/bin/sh
# Files in the store are what they claim (issue 15, attacks 6 and 10): a
# store writer's symbolic link or FIFO where a lock file or a log belongs
# neither redirects a write nor hangs anything; a record file of the
# wrong mode, a symbolic link, a FIFO or a directory is named and skipped
# by the report, --list and --verify (exit 4); data after a record's
# armor is an integrity failure.
. "$(dirname "$0")/lib.sh"

mkstore
export AVSLUT_TODAY=2026-12-20 COLUMNS=200
S=$AVSLUT_STORE
mkrecords >"$scratch/ids" <<EOF
n=7;name=Anna Andersson;unit=Skola;to=2026-11-30;date=2026-11-20;state=in-progress;interviewer=$MGR;a.primary-reason=Lönen.
name=Selma Sigill;unit=Skola;to=2026-11-30;date=2026-11-20;sealed=2026-12-01;interviewer=$MGR;seal=$MGR;a.primary-reason=Arbetsmiljön.
EOF
set -- $(cat "$scratch/ids")
a=$1 b=$2 c=$3 d=$4 e=$5 f=$6 g=$7 sealed=$8
printf 'primary-reason: Svaret.\n' >"$scratch/answers.yaml"

# --- a lock file that is a symbolic link --------------------------------
printf 'precious\n' >"$scratch/victim"
ln -s "$scratch/victim" "$S/locks/$a"
expect_err 1 "locks/$a: a symbolic link" "a lock file that is a symbolic link is refused" \
    avslut-ask "$a" --answers="$scratch/answers.yaml"
is "$(cat "$scratch/victim")" "precious" "the file it points to is untouched"
expect_err 1 "locks/$a: a symbolic link" "purge of that record says the same" \
    avslut-purge --force --why=annan "$a"
is "$(cat "$scratch/victim")" "precious" "still untouched"
test -f "$S/records/$a.asc"; ok $? "the record is still there"
rm "$S/locks/$a"
ln "$scratch/victim" "$S/locks/$a"
expect_err 1 "locks/$a: has other hard links" "a lock file with another hard link is refused" \
    avslut-ask "$a" --answers="$scratch/answers.yaml"
is "$(cat "$scratch/victim")" "precious" "the other link's file is untouched"
rm "$S/locks/$a"

# --- the access log: a symbolic link, then a FIFO -------------------------
printf 'precious\n' >"$scratch/victim2"
rm -f "$S/access.log"
ln -s "$scratch/victim2" "$S/access.log"
expect_err 1 "access.log: a symbolic link" "an access log that is a symbolic link is refused" \
    avslut-report --show "$a"
is "$(cat "$scratch/victim2")" "precious" "the file it points to is untouched"
is "$out" "" "and nothing is shown without its line in the log"
rm "$S/access.log"
mkfifo "$S/access.log"
expect_err 1 "access.log: not a regular file" "report with a FIFO as the access log ends with an error" \
    timeout 30 avslut-report
expect_err 1 "access.log: not a regular file" "ask with a FIFO as the access log ends with an error" \
    timeout 30 avslut-ask "$a" --answers="$scratch/answers.yaml"
expect_err 1 "access.log: not a regular file" "seal --verify with a FIFO as the access log ends with an error" \
    timeout 30 avslut-seal --verify "$sealed"
rm "$S/access.log"
expect 0 "with the FIFO gone, ask works: it left the record's lock" \
    avslut-ask "$a" --answers="$scratch/answers.yaml"

# --- the purge log: a FIFO -----------------------------------------------
mkfifo "$S/purge.log"
run timeout 30 avslut-purge --force --why=annan "$g"
test "$rc" = 1; ok $? "purge with a FIFO as the purge log ends with an error (exit $rc)"
like "$err" "purge.log: not a regular file" "and names the purge log"
run timeout 30 avslut-purge --dry-run
test "$rc" != 124; ok $? "a later purge run does not hang either (exit $rc)"
rm "$S/purge.log"
expect 0 "with the FIFO gone, purge runs (nothing is due)" avslut-purge
test -f "$S/records/$g.asc"; ok $? "and puts back the record the failed purge took"

# --- record files that are not what they claim ----------------------------
cp "$S/records/$b.asc" "$scratch/copy.asc"
chmod 644 "$scratch/copy.asc"
rm "$S/records/$b.asc"
ln -s "$scratch/copy.asc" "$S/records/$b.asc"
chmod 640 "$S/records/$c.asc"
rm "$S/records/$d.asc"
mkfifo -m 600 "$S/records/$d.asc"
rm "$S/records/$e.asc"
mkdir -m 700 "$S/records/$e.asc"
for cmd in "avslut-report" "avslut-report --list" "avslut-seal --verify"; do
	run timeout 60 $cmd
	is "$rc" 4 "$cmd: exit 4 for the bad files"
	for x in $b $c $d $e; do
		like "$err" "$x" "$cmd: names $x"
	done
	unlike "$err" "$a|$f|$g|$sealed" "$cmd: names no good record"
done
run timeout 60 avslut-report --list
like "$out" "$a" "--list lists the good records"
like "$out" "$sealed" "--list lists the sealed one"
unlike "$out" "$b|$c|$d|$e" "and none of the bad"
run timeout 60 avslut-report
like "$out" "4 records failed verification and are left out" "the report says how many it left out"
min_group 1
run timeout 60 avslut-report
like "$out" "Total +4 +4 +0 +4 +1 " "and counts the four good records" ||
    diag "$out"
run timeout 60 avslut-seal --verify
like "$out" "$sealed ok" "--verify checks the good sealed record"
expect_err 4 "is accessible to group or others \\(mode 0640\\)" "--show of the 0640 record" \
    avslut-report --show "$c"
expect_err 4 "$b.asc: a symbolic link" "--show of the symbolic link" \
    avslut-report --show "$b"
expect_err 4 "$d.asc: not a regular file" "--show of the FIFO" \
    timeout 30 avslut-report --show "$d"
expect_err 4 "$e.asc: not a regular file" "--show of the directory" \
    avslut-report --show "$e"
run timeout 60 avslut-purge --dry-run
test "$rc" != 124; ok $? "purge does not hang on the FIFO record (exit $rc)"
like "$err" "$d" "purge names the FIFO record"
rm -r "$S/records/$b.asc" "$S/records/$d.asc" "$S/records/$e.asc"
chmod 600 "$S/records/$c.asc"

# --- data after the armor --------------------------------------------------
before=$(cat "$S/records/$sealed.asc")
expect 0 "the sealed record verifies" avslut-seal --verify "$sealed"
printf 'trailing garbage\n' >>"$S/records/$sealed.asc"
expect_err 4 "record $sealed: .*FAILED: data after the end of the armor" \
    "garbage after the armor of a sealed record fails --verify" avslut-seal --verify "$sealed"
run avslut-seal --verify
is "$rc" 4 "--verify of all records: exit 4"
like "$out" "$sealed FAILED: data after the end of the armor" "names it FAILED"
expect_err 4 "data after the end of the armor" "--show refuses it" \
    avslut-report --show "$sealed"
run avslut-report
is "$rc" 4 "the report leaves it out: exit 4"
like "$err" "$sealed" "and names it"
printf '%s\n' "$before" >"$S/records/$sealed.asc"
printf '%s\n\n-----BEGIN PGP MESSAGE-----\n' "$before" >"$S/records/$f.asc"
expect_err 4 "record $f: data after the end of the armor" \
    "a second armored message after the first is refused" avslut-report --show "$f"
head -c 300 "$S/records/$sealed.asc" >"$S/records/$f.asc"
expect_err 4 "record $f: the armor does not end" "a cut record is refused" \
    avslut-report --show "$f"
expect 0 "the restored sealed record verifies again" avslut-seal --verify "$sealed"

# --- what the user names may still be a pipe -------------------------------
mkfifo "$scratch/answers.fifo" "$scratch/q.fifo"
cat "$scratch/answers.yaml" >"$scratch/answers.fifo" &
expect 0 "--answers=FIFO is read" timeout 30 avslut-ask "$a" --answers="$scratch/answers.fifo"
printf 'primary-reason: Från en rörledning.\n' | run_in /dev/stdin timeout 30 avslut-ask "$a" --answers=-
is "$rc" 0 "--answers=- from a pipe is read"
cat "$top/questions/sodermalm.yaml" >"$scratch/q.fifo" &
expect 0 "a question set given by path may be a FIFO" timeout 30 avslut-new --guide --questions="$scratch/q.fifo"
like "$out" "Södermalm" "and is read"

# --- store directories that are symbolic links ----------------------------
mv "$S/keys" "$scratch/keys"
ln -s "$scratch/keys" "$S/keys"
expect_err 1 "keys: a symbolic link, not a directory" "a keys/ that is a symbolic link is refused" \
    avslut-report --list
rm "$S/keys"
mv "$scratch/keys" "$S/keys"
mkdir -m 700 "$scratch/q"
cp "$top/questions/sodermalm.yaml" "$scratch/q/"
ln -s "$scratch/q" "$S/questions"
expect_err 1 "questions: a symbolic link, not a directory" "a questions/ that is a symbolic link is refused" \
    avslut-new --guide "$a"
rm "$S/questions"
mkdir -m 700 "$S/questions"
mkfifo -m 600 "$S/questions/sodermalm.yaml"
expect_err 1 "questions/sodermalm.yaml: not a regular file" "a FIFO as a question set of the store is refused" \
    timeout 30 avslut-new --guide "$a"
rm -r "$S/questions"
rm "$S/config"
mkfifo -m 600 "$S/config"
expect_err 1 "config: not a regular file" "a FIFO as the config is refused" \
    timeout 30 avslut-report --list
done_testing
