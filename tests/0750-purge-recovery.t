#!/bin/sh
# avslut-purge after a crash: a leftover .ID.purging is settled (removed
# if the log has its line, put back if not), stale temporaries of crashed
# writers and orphan lock files go; nothing in use is touched.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/purge.sh"

mkstore
export AVSLUT_TODAY=2027-01-15
newrec() { register --employed-to="$1" >"$scratch/id" || exit 99; cat "$scratch/id"; }
recs="$AVSLUT_STORE/records"
locks="$AVSLUT_STORE/locks"

# A crash after the rename, before the log line: put back, decided afresh.
due=$(newrec 2024-01-31)
young=$(newrec 2026-12-31)
sum_due=$(sha256sum <"$(rec "$due")")
sum_young=$(sha256sum <"$(rec "$young")")
mv "$(rec "$due")" "$recs/.$due.purging"
mv "$(rec "$young")" "$recs/.$young.purging"
before=$(snapshot)
expect 0 "a dry run leaves leftovers alone" avslut-purge --dry-run
is "$(snapshot)" "$before" "nothing changed"
expect 0 "settle unlogged leftovers" avslut-purge -v
is "$out" "$due planned unfinished 2024-07-31" "the due one is then discarded"
is "$(logrows "$due")" 1 "and logged once"
test -f "$(rec "$young")"; ok $? "the one within retention is put back"
is "$(sha256sum <"$(rec "$young")")" "$sum_young" "intact"
is "$(logrows "$young")" 0 "not logged"
is "$(ls -A "$recs" | grep -c purging)" 0 "no leftover remains"
is "$(ls "$locks" | grep -c "$due")" 0 "no lock file of the discarded one"

# A crash after the log line, before the unlink: finish, never log twice.
logged=$(newrec 2024-01-31)
cp "$(rec "$logged")" "$scratch/copy"
expect 0 "discard it" avslut-purge
cp "$scratch/copy" "$recs/.$logged.purging"
expect 0 "settle a logged leftover" avslut-purge -v
is "$out" "" "nothing newly discarded"
test ! -e "$recs/.$logged.purging"; ok $? "the leftover is removed"
test ! -e "$(rec "$logged")"; ok $? "and not put back"
is "$(logrows "$logged")" 1 "still exactly one line"

# A named purge settles leftovers too.
cp "$scratch/copy" "$recs/.$logged.purging"
expect 0 "named purge of another record" avslut-purge --force --why=annan "$young"
test ! -e "$recs/.$logged.purging"; ok $? "settled the leftover"
is "$(logrows "$logged")" 1 "without a second line"

# A leftover whose lock is held: someone is settling it; leave it.
held=$(newrec 2024-01-31)
mv "$(rec "$held")" "$recs/.$held.purging"
hold_lock "$held"
expect 0 "a leftover in use" avslut-purge
is "$out$err" "" "is left quietly"
test -f "$recs/.$held.purging"; ok $? "untouched"
release_lock
expect 0 "then settled" avslut-purge
test ! -e "$recs/.$held.purging" && test ! -e "$(rec "$held")"; ok $? "put back and discarded"
is "$(logrows "$held")" 1 "logged once"

# Stale temporaries of crashed writers.
rec1=$(newrec 2026-12-31)
umask 077
echo x >"$recs/.$rec1.asc.tmp.ab12cd"
echo x >"$recs/.$rec1.asc.tmp"	# the fixed name of a locked writer
nobody=$(newids 1)
echo x >"$recs/.$nobody.asc.tmp.fresh1"
old=$(newids 1)
echo x >"$recs/.$old.asc.tmp.old123"
touch -d '2 hours ago' "$recs/.$old.asc.tmp.old123"
echo x >"$recs/.$rec1.asc.tmp.ZZZZZZ.not-ours"
echo x >"$recs/notes.txt"
before=$(snapshot)
expect 0 "a dry run leaves temporaries alone" avslut-purge --dry-run
is "$(snapshot)" "$before" "nothing changed"
hold_lock "$rec1"
echo x >"$recs/.$rec1.asc.tmp.ab12cd"	# (taking a lock clears them)
expect 0 "a writer at work" avslut-purge
test -f "$recs/.$rec1.asc.tmp.ab12cd"; ok $? "its temporary is kept while it holds the lock"
release_lock
expect 0 "tidy up" avslut-purge
is "$out$err" "" "quietly"
test ! -e "$recs/.$rec1.asc.tmp.ab12cd"; ok $? "a record's temporary goes once its lock is free"
test ! -e "$recs/.$rec1.asc.tmp"; ok $? "so does the fixed-name one of a crashed writer"
test -f "$(rec "$rec1")"; ok $? "the record itself stays"
test -f "$recs/.$nobody.asc.tmp.fresh1"; ok $? "a young temporary of a new record stays (it may be a registration)"
test ! -e "$recs/.$old.asc.tmp.old123"; ok $? "an hour-old one of no record goes"
test ! -e "$locks/$old"; ok $? "without leaving a lock file"
test -f "$recs/notes.txt"; ok $? "what is not ours stays"

# Orphan lock files.
orphan=$(newids 1)
: >"$locks/$orphan"
: >"$locks/config"
expect 0 "hold a lock of an existing record" "$h_purge" state "$rec1" in-progress
test -f "$locks/$rec1"; ok $? "(its lock file exists)"
heldorphan=$(newids 1)
hold_lock "$heldorphan"
expect 0 "tidy lock files" avslut-purge
test ! -e "$locks/$orphan"; ok $? "the lock file of no record goes"
test -f "$locks/$rec1"; ok $? "an existing record's stays"
test -f "$locks/$heldorphan"; ok $? "a held one stays"
test -f "$locks/config"; ok $? "the config lock stays"
release_lock
expect 0 "again" avslut-purge
test ! -e "$locks/$heldorphan"; ok $? "goes once released"
done_testing
