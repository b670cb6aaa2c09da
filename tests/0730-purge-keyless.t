#!/bin/sh
# avslut-purge needs no secret key and no gpg-agent: it runs with an
# empty GNUPGHOME (and none at all), as cron runs it; it checks the
# store's signed config (and the evidence of what it discards) with the
# public keys alone, in a throwaway keyring of its own.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/purge.sh"

mkstore
export AVSLUT_TODAY=2027-01-15
n=0
for to in 2024-01-31 2024-02-29 2026-12-31; do
	register --employed-to=$to >"$scratch/id" || exit 99
	n=$((n + 1)); eval "r$n=\$(cat \"\$scratch/id\")"
done
"$h_purge" state "$r2" sealed 2025-06-01 || exit 99
gpgconf --kill all
access=$(cat "$AVSLUT_STORE/access.log")
mkdir -m 700 "$scratch/empty"

# cron: an empty keyring, no agent, a PATH without gpg or gpgconf.
# It pins the governor in its environment, as avslut(7) shows; cron's
# PATH has gpg in /usr/bin.
keyless() {
	env -i HOME="$scratch/cronhome" GNUPGHOME="$scratch/empty" \
	    PATH="$AVSLUT_BUILD/bin:/usr/bin:/bin" AVSLUT_STORE="$AVSLUT_STORE" \
	    AVSLUT_GOVERNORS="$HR" AVSLUT_TODAY="$AVSLUT_TODAY" TZ="$TZ" \
	    LC_ALL="$LC_ALL" "$@"
}
expect 3 "without a governor pinned: refused" keyless /usr/bin/env \
    -u AVSLUT_GOVERNORS avslut-purge --dry-run
like "$err" "no governor key is pinned for this store.*--pin=" "says how to pin one"
expect 0 "a dry run without any key" keyless avslut-purge --dry-run
is "$(printf '%s\n' "$out" | wc -l)" 1 "finds the one due"
expect 0 "a purge without any key" keyless avslut-purge -v
is "$out" "$r1 planned unfinished 2024-07-31" "discards it"
test ! -e "$(rec "$r1")"; ok $? "the record is gone"
is "$(logrows "$r1")" 1 "and logged"
is "$(ls -A "$scratch/empty")" "" "nothing was created in GNUPGHOME"
is "$(cat "$AVSLUT_STORE/access.log")" "$access" "nothing was decrypted (the access log is unchanged)"

# A GNUPGHOME that does not exist at all.
expect 0 "named, --force, GNUPGHOME missing" keyless /usr/bin/env \
    GNUPGHOME="$scratch/nonexistent" avslut-purge --force --why=annan "$r3"
test ! -e "$(rec "$r3")"; ok $? "discarded"
test ! -e "$scratch/nonexistent"; ok $? "and GNUPGHOME was not created"

# No agent, no secret key, the caller's GnuPG home left alone: gpg runs
# only to verify, in a keyring of purge's own that is gone afterwards.
if strace=$(command -v strace); then
	# (LeakSanitizer cannot run under ptrace: check-asan)
	keyless /usr/bin/env ASAN_OPTIONS=detect_leaks=0 "$strace" -f -qq -o "$scratch/trace" -e trace=execve,connect,%file \
	    "$AVSLUT_BUILD/bin/avslut-purge" --force --why=felregistrerad "$r2"
	is "$?" 0 "under strace: the sealed record by name"
	grep 'execve("' "$scratch/trace" | grep -v ' = -1 ' |
	    grep -v 'execve("[^"]*/\(avslut-purge\|gpg\|gpgconf\|gpgsm\)"' | grep -q .
	ok $((! $?)) "nothing runs but avslut-purge and GnuPG's own programs"
	is "$(grep connect "$scratch/trace" | grep 'S\.gpg-agent' | grep -vc ENOENT)" 0 \
	    "no gpg-agent is reached (none is started: no-autostart)"
	grep -q "private-keys" "$scratch/trace"
	ok $((! $?)) "no secret key is looked at"
	grep -q "\"$r2.asc\"" "$scratch/trace"; ok $? "(the trace does show the files used)"
	test ! -e "$(rec "$r2")"; ok $? "discarded"
	like "$(grep ",$r2," "$plog")" ",sealed,forced," "logged as forced"
	keys=$(sed -n 's/.*mkdir("\([^"]*avslut-keys-[^"]*\)".*/\1/p' "$scratch/trace" | head -1)
	test -n "$keys" && test ! -e "$keys"; ok $? "its throwaway keyring ($keys) is gone"
else
	for i in 1 2 3 4 5 6 7 8; do ok 0 "# skip strace is not installed"; done
fi
done_testing
