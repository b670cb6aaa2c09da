#!/bin/sh
# avslut-report's index (issue 17): the same report with and without it
# over a varied store; what it holds and who can read it; bad buckets
# (tampered, unsigned, foreign-signed, another month's, stale) ignored,
# said once and written anew; a record changed after indexing; purge
# deletes a record's bucket; deleting the index; --rebuild-index; seal
# --reencrypt.
. "$(dirname "$0")/lib.sh"

mkstore
min_group 1
export AVSLUT_TODAY=2026-06-30
export COLUMNS=200
ix="$AVSLUT_STORE/index"

# Sealed records in three months (Feb, Apr, May), a declined one, one in
# progress, one planned, a forged seal (left out, exit 4).
mkrecords >"$scratch/ids" <<EOF
n=3;unit=Enhet A;workplace=W1;to=2026-03-31;date=2026-02-10;sealed=2026-02-11;interviewer=$MGR;seal=$MGR;a.primary-reason-category=pay;a.overall-rating=4;a.secondary-reasons=pay,career;a.primary-reason=Lönen
n=2;unit=Enhet B;workplace=W2;to=2026-04-30;date=2026-04-10;sealed=2026-04-11;interviewer=$MGR;seal=$MGR;a.primary-reason-category=workload;a.overall-rating=2;a.would-return-coded=maybe
unit=Enhet B;workplace=W2;from=2010-01-01;to=2026-05-15;date=2026-05-02;sealed=2026-05-03;interviewer=$MGR;seal=$MGR;a.overall-rating=5;s.primary-reason-category=1
unit=Enhet B;to=2026-04-30;reason=pension;employment=tidsbegransad;state=declined;why=ej-antraffbar;interviewer=$MGR
unit=Enhet A;to=2026-05-31;date=2026-05-05;state=in-progress;interviewer=$MGR;a.primary-reason-category=workload
unit=Enhet C;to=2026-09-30;interviewer=$MGR
unit=Enhet C;to=2026-04-30;date=2026-04-01;sealed=2026-04-02;interviewer=$MGR;seal=$MGR;sign=0
EOF
is "$(wc -l <"$scratch/ids")" 10 "ten records made"
forged=$(tail -1 "$scratch/ids")
first=$(head -1 "$scratch/ids")

# same DESC [REPORT OPTIONS]: the report with the index is the report
# without it: stdout, and the exit status; stderr too unless told.
same() {
	local desc=$1 want_err=${SAME_ERR:-}
	shift
	run avslut-report --no-index "$@"
	local o0=$out e0=$err r0=$rc
	run avslut-report "$@"
	if [ "$out" = "$o0" ] && [ "$rc" = "$r0" ]; then
		ok 0 "$desc: the same report"
	else
		ok 1 "$desc: the same report"
		diag "without: exit $r0" "$o0" "with: exit $rc" "$out" "stderr: $err"
	fi
	# (the lines in any order: the records are read in parallel)
	if [ -z "$want_err" ]; then
		is "$(printf '%s\n' "$err" | sort)" "$(printf '%s\n' "$e0" | sort)" \
		    "$desc: the same on stderr"
	else
		is "$(printf '%s\n' "$err" | grep -v -- "$want_err" | sort)" \
		    "$(printf '%s\n' "$e0" | sort)" \
		    "$desc: the same on stderr, and one line more"
		is "$(printf '%s\n' "$err" | grep -c -- "$want_err")" 1 \
		    "$desc: said once"
	fi
}
reports() {
	same "$1 (csv by unit and quarter)" --format=csv --by=unit --by=quarter
	SAME_ERR= same "$1 (text, a period)" --since=2026-04-01 --by=reason
	SAME_ERR= same "$1 (csv, interview date, tenure)" --format=csv \
	    --date=interview --by=tenure
}
# decrypts: how many records the last report decrypted (access log).
nlog() { wc -l <"$AVSLUT_STORE/access.log"; }
last_records() { tail -n +$(( $1 + 1 )) "$AVSLUT_STORE/access.log" |
    grep -vc ',index/'; }

expect 4 "a first report (the forged seal left out: exit 4)" \
    avslut-report --format=csv
[ -f "$ix/2026-02.asc" ] && [ -f "$ix/2026-04.asc" ] &&
    [ -f "$ix/2026-05.asc" ]; ok $? "it wrote the buckets of February, April and May"
is "$(ls "$ix" | wc -l)" 3 "and no other (unfinished records are not indexed)"
is "$(stat -c %a "$ix")" 700 "the index directory is 0700"
is "$(stat -c %a "$ix/2026-02.asc")" 600 "a bucket is 0600"

reports "a warm index"
n0=$(nlog)
run avslut-report --format=csv
is "$(last_records "$n0")" 3 "a warm report decrypts only the three records not indexed (in progress, planned, forged)"
is "$(tail -n +$(( n0 + 1 )) "$AVSLUT_STORE/access.log" | grep -c ',index/')" 3 \
    "and each of the three buckets once, in the access log"

# What a bucket holds: HR decrypts it with plain gpg.
b=$(gpg --batch -q -d "$ix/2026-02.asc" 2>"$scratch/gpg.err")
like "$(cat "$scratch/gpg.err")" "Good signature from \"HR Officer" "a bucket is signed by HR"
like "$b" "^avslut-index: 1" "a bucket is the index's YAML"
like "$b" "unit: \"Enhet A\"" "it holds the unit"
unlike "$b" "Lönen|Anna|Andersson|Undersköterska|Maja|$MGR" \
    "never a name, a title, free text or the interviewer"
unlike "$(cat "$ix"/*.asc)" "Enhet|avslut-index" "no plaintext on disk"
rcpt=$(gpg --batch --list-packets "$ix/2026-02.asc" 2>&1 | grep -c '^:pubkey enc packet')
is "$rcpt" 1 "encrypted to the store's one recipient, not the interviewer"

# A bucket that fails is ignored, said once and written anew.
bad_case() {
	local desc=$1 why=$2
	SAME_ERR="index/2026-04.asc: not used" same "$desc"
	like "$err" "index/2026-04.asc: not used, and written anew: .*$why" \
	    "$desc: says why"
	run avslut-report --format=csv
	unlike "$err" "not used" "$desc: written anew (the next report says nothing)"
}
cp "$ix/2026-04.asc" "$scratch/apr.asc"
perl -0pi -e 's/(\n[A-Za-z0-9+\/]{20})([A-Za-z])/$1 . ($2 eq "A" ? "B" : "A")/e' "$ix/2026-04.asc"
bad_case "a tampered bucket" ""

gpg --batch -q -d "$scratch/apr.asc" 2>/dev/null >"$scratch/apr.yaml"
sed 's/workload/pay/' "$scratch/apr.yaml" | gpg --batch -q --yes -a \
    -e -r "$HR" -o "$ix/2026-04.asc"
bad_case "an unsigned bucket" "not signed"

ATK=$(mkkey "Anna Attack")
sed 's/workload/pay/' "$scratch/apr.yaml" | gpg --batch -q --yes -a -s -u "$ATK" \
    -e -r "$HR" -o "$ix/2026-04.asc"
bad_case "a bucket signed by a key not allowed" "signed by $ATK"

sed 's/workload/pay/' "$scratch/apr.yaml" | gpg --batch -q --yes -a -s -u "$ATK" \
    -e -r "$HR" -r "$ATK" -o "$ix/2026-04.asc"
bad_case "a bucket also encrypted to another key" "signed by $ATK"

# HR's own signature, encrypted to HR and another reader.
sed 's/workload/pay/' "$scratch/apr.yaml" | gpg --batch -q --yes -a -s -u "$HR" \
    -e -r "$HR" -r "$ATK" -o "$ix/2026-04.asc"
bad_case "a bucket signed by HR, but also to another reader" \
    "not encrypted to exactly the store's recipients"

cp "$ix/2026-02.asc" "$ix/2026-04.asc"
bad_case "February's bucket as April's" "it is the bucket of 2026-02"
like "$(gpg --batch -q -d "$ix/2026-04.asc" 2>/dev/null)" "month: 2026-04" \
    "April's bucket is April's again"

cp "$ix/2026-04.asc" "$scratch/apr.asc"
printf 'trailing\n' >>"$ix/2026-04.asc"
bad_case "a bucket with data after its message" "data after the end"

# Stale entries are not used: a bucket of HR's own that says other
# things of a record than its record now holds is bound to other bytes.
sed 's/workload/pay/' "$scratch/apr.yaml" >"$scratch/apr2.yaml"
sed -i "s/^\(  bound: sha256:\)[0-9a-f]*/\10000000000000000000000000000000000000000000000000000000000000000/" "$scratch/apr2.yaml"
gpg --batch -q --yes -a -s -u "$HR" -e -r "$HR" -o "$ix/2026-04.asc" "$scratch/apr2.yaml"
same "a bucket whose entries are bound to other files"
like "$(gpg --batch -q -d "$ix/2026-04.asc" 2>/dev/null)" "workload" \
    "written anew from the records"

# A record changed after indexing: another record's file in its place.
second=$(sed -n 2p "$scratch/ids")
cp "$AVSLUT_STORE/records/$first.asc" "$scratch/first.asc"
cp "$AVSLUT_STORE/records/$second.asc" "$AVSLUT_STORE/records/$first.asc"
SAME_ERR= same "a record file replaced after indexing"
like "$err" "record $first holds the document of another record" \
    "it is decrypted, and left out as without the index"
cp "$scratch/first.asc" "$AVSLUT_STORE/records/$first.asc"
# Its registration statement replaced.
cp "$AVSLUT_STORE/evidence/$first.reg" "$scratch/first.reg"
cp "$AVSLUT_STORE/evidence/$second.reg" "$AVSLUT_STORE/evidence/$first.reg"
SAME_ERR= same "a registration statement replaced after indexing"
cp "$scratch/first.reg" "$AVSLUT_STORE/evidence/$first.reg"
same "the record put back"

# A record sealed since: it moves into its month's bucket.
prog=$(sed -n 8p "$scratch/ids")
"$AVSLUT_BUILD/tests/h-answer" "$prog" >/dev/null 2>&1
avslut-seal "$prog" >/dev/null 2>&1 || echo "# seal failed" >&2
reports "a record sealed since the last report"
[ -f "$ix/2026-06.asc" ]; ok $? "its month's bucket is written"

# A changed config (here min-group) is another trust: every bucket is
# stale and written anew, silently.
min_group 2
reports "a changed config"
min_group 1

# Deleting the index is always safe.
rm -rf "$ix"
reports "the index deleted"
is "$(ls "$ix" | wc -l)" 4 "and written again"

# --no-index neither reads nor writes it; of --no-index and
# --rebuild-index the last given counts.
rm -rf "$ix"
expect 4 "--no-index" avslut-report --no-index --format=csv
[ ! -e "$ix" ]; ok $? "--no-index writes no index"
expect 4 "--rebuild-index after --no-index" avslut-report --no-index \
    --rebuild-index --format=csv
is "$(ls "$ix" | wc -l)" 4 "the last given counts"

# --rebuild-index: decrypts everything, writes every bucket.
n0=$(nlog)
sum0=$(cat "$ix"/*.asc | sha256sum)
expect 4 "--rebuild-index" avslut-report --rebuild-index --format=csv
is "$(last_records "$n0")" 10 "it decrypts every record"
[ "$(cat "$ix"/*.asc | sha256sum)" != "$sum0" ]; ok $? "and writes every bucket anew"
expect 2 "--rebuild-index is for the report" avslut-report --list --rebuild-index

# A purge between two reports: the record's bucket goes with it.
ids_apr=$(sed -n 4,5p "$scratch/ids")
gone=$(echo "$ids_apr" | head -1)
cp "$ix/2026-04.asc" "$scratch/apr-before.asc"
expect 0 "purge a record of April" avslut-purge --force --why=begaran "$gone"
[ ! -e "$ix/2026-04.asc" ]; ok $? "its month's bucket is gone"
[ -f "$ix/2026-02.asc" ]; ok $? "other months' stay"
reports "after a purge"
unlike "$(gpg --batch -q -d "$ix/2026-04.asc" 2>/dev/null)" "$gone" \
    "April's bucket, written anew, does not hold the purged record"
# The old bucket put back (a writer replays it): its entry of the purged
# record is not counted, and the bucket is written anew without it.
cp "$scratch/apr-before.asc" "$ix/2026-04.asc"
reports "an old bucket put back after a purge"
unlike "$(gpg --batch -q -d "$ix/2026-04.asc" 2>/dev/null)" "$gone" \
    "the bucket is written anew without the purged record"

# A manager who cannot decrypt buckets gets today's report.
mh=$(keyonly mgr "$MGR")
givekey "$HR" "$GNUPGHOME" "$mh"
sum0=$(ls -l --time-style=+%s.%N "$ix" | sha256sum)
GNUPGHOME=$mh run avslut-report --no-index --format=csv
o0=$out r0=$rc
GNUPGHOME=$mh run avslut-report --format=csv
is "$out" "$o0" "a manager: the same report with the index there"
is "$rc" "$r0" "a manager: the same exit status"
unlike "$err" "index" "a manager: nothing said of the index"
is "$(ls -l --time-style=+%s.%N "$ix" | sha256sum)" "$sum0" \
    "a manager neither reads nor writes the index"

# avslut-seal --reencrypt deletes the index (encrypted to the readers as
# they were); the next report writes it for the readers now.
HR2=$(mkkey "Hanna Ersättare")
avslut-new -S "$AVSLUT_STORE" --pin="$HR2" >/dev/null 2>&1
run avslut-seal -u "$HR" --reencrypt --recipient="$HR" --recipient="$HR2"
is "$(ls "$ix" | wc -l)" 0 "seal --reencrypt deletes every bucket"
run avslut-report --format=csv
rcpt=$(gpg --batch --list-packets "$ix/2026-02.asc" 2>&1 | grep -c '^:pubkey enc packet')
is "$rcpt" 2 "the next report writes them to the new recipients"
reports "after a re-encryption"

# gpg.conf adds no reader to a bucket: one that gpg wrote to another key
# too is not written, and said so; the report is the same.
cp "$GNUPGHOME/gpg.conf" "$scratch/gpg.conf.saved" 2>/dev/null || : >"$scratch/gpg.conf.saved"
echo "recipient $ATK" >>"$GNUPGHOME/gpg.conf"
rm -rf "$ix"
SAME_ERR="the report index was not written" same "recipient in gpg.conf"
like "$err" "index/20[0-9-]*\.asc: gpg encrypted it to other keys than its readers" \
    "recipient in gpg.conf: says why"
is "$(ls "$ix" 2>/dev/null | grep -c '\.asc$')" 0 "recipient in gpg.conf: no bucket written"
cp "$scratch/gpg.conf.saved" "$GNUPGHOME/gpg.conf"

# A declined record amended to another last day of employment moves to
# another month's bucket (issue 18's --amend): the bucket of its old
# month goes at once, so that a purge, which deletes the bucket of the
# month the record has now, leaves nothing of it in the index.
dec=$(sed -n 7p "$scratch/ids")
bucket() { gpg --batch -q -d "$ix/$1.asc" 2>/dev/null; }
run avslut-report --format=csv
like "$(bucket 2026-04)" "$dec" "April's bucket holds the declined record"
expect 0 "the declined record's last day amended to June" \
    avslut-new --amend="$dec" --employed-to=2026-06-15
[ ! -e "$ix/2026-04.asc" ]; ok $? "the bucket of its old month is dropped"
[ -f "$ix/2026-02.asc" ]; ok $? "other months' stay"
expect 0 "the amended record purged before any report" \
    avslut-purge --force --why=felregistrerad "$dec"
for f in "$ix"/*.asc; do
	gpg --batch -q -d "$f" 2>/dev/null
done >"$scratch/all-buckets"
unlike "$(cat "$scratch/all-buckets")" "$dec" "no bucket holds the purged record"
reports "after the amended record's purge"
done_testing
