#!/bin/sh
# avslut-new --declined: an offer that was not taken up, with its reason.
. "$(dirname "$0")/lib.sh"

mkstore
export AVSLUT_TODAY=2026-11-23
for why in avbojt ej-antraffbar ingen-samtalsledare annan; do
	expect 0 "declined: $why" register --declined --why=$why
	run gpg --batch -q -d "$AVSLUT_STORE/records/$out.asc"
	like "$out" "state: declined" "state declined ($why)"
	like "$out" "declined: $why" "reason kept ($why)"
	like "$out" "answers: \[\]" "no answers ($why)"
done
expect 2 "declined without a reason" register --declined
like "$err" "why: missing" "names the missing reason"
expect 2 "declined with an unknown reason" register --declined --why=busy
like "$err" "why: \"busy\" is not one of avbojt, ej-antraffbar" "lists the codes"
expect 2 "--why without --declined" register --why=avbojt
expect 3 "an ineligible declined offer needs --force" register --declined \
    --why=avbojt --reason=annan
expect 0 "... and registers with it" register --declined --why=avbojt \
    --reason=annan --force
ls "$AVSLUT_STORE/records" | grep -c . >"$scratch/n"
is "$(cat "$scratch/n")" 5 "five records, no more"
done_testing
