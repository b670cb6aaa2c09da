#!/bin/sh
# Issue 18 (item 7): an import registers its rows in batches -- one batch
# statement signed by HR for up to 1,000 rows, each row's registration
# statement unsigned but held by digest in the batch, each record's first
# version unsigned but held by digest in its statement (evidence.h,
# avslut-store(5) TRUST).  What a colleague who can write the store, and
# has a key of their own, tries against that, and what the tools do.
. "$(dirname "$0")/lib.sh"

mkstore
export AVSLUT_TODAY=2026-12-10
file() { echo "$AVSLUT_STORE/records/$1.asc"; }
reg() { echo "$AVSLUT_STORE/evidence/$1.reg"; }
attacker
GNUPGHOME=$ATKH gpg --batch --export -a "$ATK" >"$AVSLUT_STORE/keys/$ATK.asc"
# opens ID: the record opens and verifies (avslut-report --show).
opens() { avslut-report --show "$1" >/dev/null 2>&1; }

csv="$scratch/rows.csv"
echo "name,title,workplace,unit,employed-from,employed-to,employment,reason,interviewer" >"$csv"
for i in 1 2 3 4 5 6 7 8; do
	echo "Rad $i,Undersköterska,Hemtjänst Söder,Äldreomsorg,2015-01-01,2026-12-31,tillsvidare,egen-begaran,$MGR"
done >>"$csv"
avslut-new --import="$csv" >"$scratch/ids" 2>"$scratch/err"
is $? 0 "an import of eight rows"
set -- $(cat "$scratch/ids")
is $# 8 "eight ids"
a=$1 b=$2 c=$3 d=$4 e=$5 f=$6 g=$7 h=$8
batches=$(ls "$AVSLUT_STORE/evidence" | grep '\.batch$')
is "$(echo "$batches" | wc -l)" 1 "one batch statement for the import"
batch="$AVSLUT_STORE/evidence/$batches"
name=${batches%.batch}
head -1 "$batch" | grep -q "^-----BEGIN PGP SIGNED MESSAGE-----$"
ok $? "the batch statement is clearsigned"
gpg --batch -q --verify "$batch" 2>/dev/null
ok $? "and verifies with gpg"
is "$(gpg --batch -q -d "$batch" 2>/dev/null | grep -c ': sha256:')" 8 "it holds eight digests"
is "$(sha256sum <"$(reg "$a")" | cut -d' ' -f1)" \
    "$(gpg --batch -q -d "$batch" 2>/dev/null | sed -n "s/^  $a: sha256://p")" \
    "the digest of the first row's statement"
grep -q "^batch: $name$" "$(reg "$a")"; ok $? "the statement names its batch"
grep -q "^-----BEGIN PGP" "$(reg "$a")"; ok $((! $?)) "and is not signed itself"
gpg --batch -q -d "$(file "$a")" 2>"$scratch/gpg.err" >"$scratch/a.plain"
grep -q "Good signature" "$scratch/gpg.err"; ok $((! $?)) "the record's first version is unsigned"
is "sha256:$(sha256sum <"$scratch/a.plain" | cut -d' ' -f1)" \
    "$(sed -n 's/^document: //p' "$(reg "$a")")" "and its digest is in the statement"
grep_plain "Rad 1" "$AVSLUT_STORE"; ok $((! $?)) "no name in plaintext in the store"
expect 0 "a batched record opens" avslut-report --show "$a"
expect 0 "--list opens all eight" avslut-report --list
is "$(printf '%s\n' "$out" | grep -c 'planned')" 8 "eight planned"

# ---- A statement edited: the interviewer swapped for the attacker -----
cp -p "$(reg "$a")" "$scratch/a.reg"
sed -i "s/$MGR/$ATK/" "$(reg "$a")"
expect 4 "an edited statement is refused" avslut-report --show "$a"
like "$err" "is not the statement its batch $name holds" "names the batch"
cp -p "$scratch/a.reg" "$(reg "$a")"
opens "$a"; ok $? "(put back, it opens)"

# ---- A statement moved to another record -------------------------------
cp -p "$(reg "$b")" "$scratch/b.reg"
cp "$(reg "$a")" "$(reg "$b")"
expect 4 "another record's statement is refused" avslut-report --show "$b"
like "$err" "statement of another record" "says whose"
cp -p "$scratch/b.reg" "$(reg "$b")"

# ---- A statement that names another batch, or none -----------------------
sed "s/^batch: .*/batch: 0123456789abcdef/" "$scratch/a.reg" >"$(reg "$a")"
expect 4 "a statement naming a batch that is not there" avslut-report --show "$a"
like "$err" "0123456789abcdef.batch: missing" "names the missing batch"
sed "/^batch: /d" "$scratch/a.reg" >"$(reg "$a")"
expect 4 "an unsigned statement without a batch" avslut-report --show "$a"
like "$err" "an unsigned statement without its batch" "says so"
sed "/^document: /d" "$scratch/a.reg" >"$(reg "$a")"
expect 4 "a batched statement without the record's digest" avslut-report --show "$a"
cp -p "$scratch/a.reg" "$(reg "$a")"

# ---- The batch signed by the attacker -----------------------------------
cp -p "$batch" "$scratch/batch.good"
gpg --batch -q -d "$batch" 2>/dev/null >"$scratch/batch.txt"
sed "s/$MGR/$ATK/" "$scratch/a.reg" >"$scratch/a.atk"
sed -i "s/^  $a: .*/  $a: sha256:$(sha256sum <"$scratch/a.atk" | cut -d' ' -f1)/" "$scratch/batch.txt"
atk -u "$ATK" --clearsign -o "$batch" "$scratch/batch.txt"
cp "$scratch/a.atk" "$(reg "$a")"
expect 4 "a batch signed by the attacker is refused" avslut-report --show "$a"
like "$err" "$name.batch" "names the batch"
expect 4 "and every record of it" avslut-report --show "$c"
# ... or unsigned, edited in place.
{ sed -n '1,3p' "$scratch/batch.good"; cat "$scratch/batch.txt"; sed -n '/^-----BEGIN PGP SIGNATURE/,$p' "$scratch/batch.good"; } >"$batch"
expect 4 "a batch edited under HR's signature is refused" avslut-report --show "$a"
cp -p "$scratch/batch.good" "$batch"
cp -p "$scratch/a.reg" "$(reg "$a")"
# ... or signed by the attacker in a statement of a record of its own.
sed "s/^record: $a/record: $d/" "$scratch/a.reg" >"$scratch/x.reg"
atk -u "$ATK" --clearsign -o "$(reg "$d").new" "$scratch/x.reg"
cp -p "$(reg "$d")" "$scratch/d.reg"
mv "$(reg "$d").new" "$(reg "$d")"
expect 4 "a signed statement naming a batch, signed by the attacker" avslut-report --show "$d"
cp -p "$scratch/d.reg" "$(reg "$d")"

# ---- The batch deleted ---------------------------------------------------
mv "$batch" "$scratch/batch.moved"
expect 4 "a deleted batch: its records are refused" avslut-report --show "$e"
like "$err" "$name.batch: missing" "names it"
run avslut-report --list
is "$rc" 4 "and the report says so"
is "$(printf '%s\n' "$err" | grep -c "record [0-9a-z]*: .*$name.batch: missing")" 8 "naming each record"
mv "$scratch/batch.moved" "$batch"
opens "$e"; ok $? "(put back, they open)"

# ---- An unsigned record of the attacker's making ------------------------
# The attacker's own version, unsigned, encrypted to HR and themselves:
# not the first version the statement holds the digest of.
{ cat "$scratch/a.plain"; echo "# the attacker's"; } >"$scratch/a.forged"
cp -p "$(file "$a")" "$scratch/a.asc"
atk -a -e -r "$HR" -r "$ATK" -o "$scratch/forged.asc" "$scratch/a.forged"
{ sed -n 1p "$scratch/forged.asc"; sed -n 2p "$scratch/a.asc"; sed 1d "$scratch/forged.asc"; } >"$(file "$a")"
expect 4 "an unsigned record other than the first version is refused" avslut-report --show "$a"
like "$err" "unsigned, and not the first version its registration holds" "says so"
cp -p "$scratch/a.asc" "$(file "$a")"
opens "$a"; ok $? "(put back, it opens)"

# ---- After the interview: signed as every save is ------------------------
"$AVSLUT_BUILD/tests/h-answer" "$b" || { diag "h-answer failed"; exit 99; }
gpg --batch -q -d "$(file "$b")" 2>&1 >/dev/null | grep -q "Good signature"
ok $? "a batched record, once answered, is signed by its writer"
expect 0 "and seals" avslut-seal "$b"
expect 0 "and verifies" avslut-seal --verify "$b"
# The report index holds the sealed record only while its batch is the
# same too: a batch re-signed by the attacker fails with the index as
# without it.
expect 0 "a report (the index written)" avslut-report --format=csv
ls "$AVSLUT_STORE/index" | grep -q asc; ok $? "(an index bucket was written)"
sed "s/^  $b: .*/  $b: sha256:$(printf x | sha256sum | cut -d' ' -f1)/" "$scratch/batch.txt" >"$scratch/batch.b"
atk -u "$ATK" --clearsign -o "$batch" "$scratch/batch.b"
run avslut-report --format=csv
is "$rc" 4 "a batch replaced: the report with its index fails"
like "$err" "record $b: .*$name.batch" "naming the sealed record and the batch"
mv "$AVSLUT_STORE/index" "$scratch/index.moved"
run avslut-report --format=csv
is "$rc" 4 "as it does without the index"
like "$err" "record $b: .*$name.batch" "naming the same"
mv "$scratch/index.moved" "$AVSLUT_STORE/index"
cp -p "$scratch/batch.good" "$batch"
expect 0 "(the batch put back, the report is whole)" avslut-report --format=csv
# Put back the unsigned first version over the sealed one: hidden, but
# the ledger and the seal statement show it.
cp -p "$(file "$c")" "$scratch/c.first"
"$AVSLUT_BUILD/tests/h-answer" "$c" || exit 99
avslut-seal "$c" >/dev/null 2>&1 || exit 99
expect 0 "(--verify of all, the ledger written)" avslut-seal --verify
cp -p "$(file "$c")" "$scratch/c.sealed"
cp -p "$scratch/c.first" "$(file "$c")"
expect 4 "the first version put back over a sealed record is seen" avslut-report --show "$c"
like "$err" "seal statement says it was sealed" "by its seal statement"
expect 4 "and by --verify" avslut-seal --verify
cp -p "$scratch/c.sealed" "$(file "$c")"

# ---- Amending a batched record before its seal -------------------------
expect 0 "a batched record amended" avslut-new --amend="$f" --title="Sjuksköterska"
head -1 "$(reg "$f")" | grep -q "^-----BEGIN PGP SIGNED MESSAGE-----$"
ok $? "its new statement is signed by HR, as a single registration"
expect 0 "and it opens" avslut-report --show "$f"
like "$out" "Sjuksköterska" "with the new title"

# ---- A statement spoiled: purge keeps the batch its record needs -------
head -2 "$csv" >"$scratch/one.csv"
ls "$AVSLUT_STORE/evidence" | grep '\.batch$' | sort >"$scratch/batches.before"
one=$(avslut-new --import="$scratch/one.csv") || exit 99
onebatch="$AVSLUT_STORE/evidence/$(ls "$AVSLUT_STORE/evidence" | grep '\.batch$' | sort | comm -13 "$scratch/batches.before" -)"
cp -p "$(reg "$one")" "$scratch/one.reg"
echo garbage >"$(reg "$one")"
touch -d '2 days ago' "$onebatch"
run avslut-purge
[ -f "$onebatch" ]; ok $? "a purge keeps a batch whose one record is still in the store, its statement spoiled"
cp -p "$scratch/one.reg" "$(reg "$one")"
opens "$one"; ok $? "so the statement put back from a backup opens again"
avslut-purge --force --why=felregistrerad "$one" >/dev/null 2>&1 || exit 99
run avslut-purge
[ ! -f "$onebatch" ]; ok $? "and once its record is purged, the batch goes"

# ---- Purge: keyless, the batch goes with its last record ----------------
expect 0 "a batched record purged on request" avslut-purge --force --why=felregistrerad "$g"
[ -f "$batch" ]; ok $? "the batch stays while records of it remain"
touch -d '2 days ago' "$batch"
for id in $a $c $d $e $f $h; do
	avslut-purge --force --why=felregistrerad "$id" >/dev/null 2>&1 ||
	    { diag "purge $id failed"; exit 99; }
done
[ -f "$batch" ]; ok $? "the batch stays while one record of it remains ($b)"
avslut-purge --force --why=felregistrerad "$b" >/dev/null 2>&1 || exit 99
[ ! -f "$batch" ]; ok $? "and goes with the last"
# A young batch whose records are not written yet is kept.
avslut-new --import="$csv" >"$scratch/ids2" 2>&1 || exit 99
batch2=$(ls "$AVSLUT_STORE/evidence"/*.batch)
cp -p "$batch2" "$scratch/b2"
for id in $(cat "$scratch/ids2"); do
	avslut-purge --force --why=annan "$id" >/dev/null 2>&1 || exit 99
done
[ -f "$batch2" ]; ok $? "a batch younger than a day is kept (an import may be writing its rows)"
touch -d '2 days ago' "$batch2"
expect 0 "a purge run" avslut-purge
[ ! -f "$batch2" ]; ok $? "removes it once it is older"
done_testing
