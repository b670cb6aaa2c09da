#!/bin/sh
# Issue 16: the store of its "must show" -- 80 sealed interviews over
# four units of 18 to 26 leavers with varied answers, a few declined and
# planned besides, and two small units of 3 and 2 -- reported by unit in
# every format, protecting groups (the default) and cells (the rule
# before issue 16); then the same with only the unit of 3.  Prints how
# many figures each report hides, and keeps the reports in OUTDIR
# (default ./report-units) for a look: report.txt, report.html, ...
#
#   make && make build/tests/h-mkrecords && sh tests/bench/report-units.sh [OUTDIR]
#
# AVSLUT_OLD_BUILD=DIR: also count with the binaries of an older build
# (before issue 16: the same records in a store of its own format).
. "$(dirname "$0")/lib.sh"
OUT=${1:-report-units}
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)
export AVSLUT_TODAY=2027-01-15 COLUMNS=80

HR=$(mkkey "HR Officer")
MGR=$(mkkey "Maja Chef")

# spec SEED: the records, one mkrecords line each.  Each large unit leans
# to its own reasons and ratings; leaving dates over the four quarters
# of 2026, the interview a week or two before the last day.
spec() {
	awk -v seed="$1" -v mgr="$MGR" -v small="$2" 'BEGIN {
		srand(seed)
		split("Hemtjänst Söder|Vårdboende Ringen|Förskolan Solen|Socialtjänst Vuxen", unit, "|")
		split("20 18 24 18", size, " ")
		# leaning per unit: its most common reasons
		lean[1] = "workload work-environment pay"
		lean[2] = "pay management workload"
		lean[3] = "career tasks commute"
		lean[4] = "workload management family-health"
		split("pay tasks career workload work-environment management organisation commute family-health retirement other", all, " ")
		split("city-workplace public-employer private-employer own-business studies other", next_, " ")
		split("yes no maybe", ret, " ")
		for (u = 1; u <= 4; u++) {
			split(lean[u], l, " ")
			for (i = 1; i <= size[u]; i++)
				sealed(unit[u], u, l)
			# besides: one declined, one not reached, one planned
			printf "unit=%s;to=2026-%02d-28;state=declined;why=avbojt;interviewer=%s\n", unit[u], 3 * u, mgr
			printf "unit=%s;to=2026-%02d-28;state=declined;why=ej-antraffbar;interviewer=%s\n", unit[u], 3 * u - 1, mgr
			printf "unit=%s;to=2026-12-%02d;interviewer=%s\n", unit[u], 10 + u, mgr
		}
		if (small ~ /3/)
			for (i = 1; i <= 3; i++)
				sealed("Kultur", 5, l)
		if (small ~ /2/)
			for (i = 1; i <= 2; i++)
				sealed("IT-stöd", 6, l)
	}
	function sealed(un, u, l,   m, d, cat, r, sec) {
		m = 1 + int(rand() * 12)
		d = 10 + int(rand() * 15)
		cat = rand() < 0.6 ? l[1 + int(rand() * 3)] : all[1 + int(rand() * 11)]
		sec = all[1 + int(rand() * 11)] "," all[1 + int(rand() * 11)]
		r = u == 1 ? 2 + int(rand() * 3) : u == 2 ? 1 + int(rand() * 3) : u == 3 ? 3 + int(rand() * 3) : 1 + int(rand() * 5)
		if (r > 5) r = 5
		printf "unit=%s;to=2026-%02d-28;date=2026-%02d-%02d;interviewer=%s;seal=%s;a.primary-reason-category=%s;a.secondary-reasons=%s;a.next-step=%s;a.would-return-coded=%s;a.overall-rating=%d;a.primary-reason=Orsak\n", un, m, m, d, mgr, mgr, cat, sec, next_[1 + int(rand() * 6)], ret[1 + int(rand() * 3)], r
	}'
}

# hidden FILE [UNIT]: the figures of the groups and the total a CSV
# report hides (the value, the last field but one, is ".."), or of one
# unit's rows; the trend and the previous period apart, which the
# report before issue 16 did not have.
hidden() {
	grep -E "^[a-z]+,(group|subtotal|total),${2:-}" "$1" |
	    grep -c ',\.\.,[^,]*.$'
}
large="Hemtjänst Söder|Vårdboende Ringen|Förskolan Solen|Socialtjänst Vuxen"

# report NAME: every format into OUTDIR/NAME.*, by unit.
report() {
	avslut-report --by=unit --format=csv >"$OUT/$1.csv" &&
	avslut-report --by=unit >"$OUT/$1.txt" &&
	avslut-report --by=unit --format=html >"$OUT/$1.html" ||
	    { echo "report $1 failed" >&2; exit 1; }
}

for small in 32 3; do
	export AVSLUT_STORE="$scratch/store-$small"
	avslut-new --init --recipient="$HR" --retention-decision=x >/dev/null
	spec 16 "$small" | mkrecords -j 2 >/dev/null ||
	    { echo "cannot make records" >&2; exit 1; }
	name=units-$small
	report "$name"
	disclosure cells
	report "$name-cells"
	disclosure groups
	n=$(ls "$AVSLUT_STORE/records" | wc -l)
	echo "store with small units of $([ "$small" = 32 ] && echo "3 and 2" || echo "3 only"): $n records"
	echo "  groups (default):   $(hidden "$OUT/$name.csv") figures hidden," \
	    "$(hidden "$OUT/$name.csv" "($large),") of the four large units"
	echo "  cells:              $(hidden "$OUT/$name-cells.csv") figures hidden," \
	    "$(hidden "$OUT/$name-cells.csv" "($large),") of the four large units"
	if [ -n "${AVSLUT_OLD_BUILD:-}" ]; then
		# The same records in a store of the older build's own
		# (before issue 15 too, its store is another format).
		(export AVSLUT_STORE="$scratch/old-$small" \
		    PATH="$AVSLUT_OLD_BUILD/bin:$PATH"
		avslut-new --init --recipient="$HR" \
		    --retention-decision=x >/dev/null &&
		spec 16 "$small" |
		    "$AVSLUT_OLD_BUILD/tests/h-mkrecords" -j 2 >/dev/null &&
		avslut-report --by=unit --format=csv >"$OUT/$name-old.csv") ||
		    { echo "cannot report with $AVSLUT_OLD_BUILD" >&2; exit 1; }
		echo "  before issue 16:    $(hidden "$OUT/$name-old.csv") figures hidden," \
		    "$(hidden "$OUT/$name-old.csv" "($large),") of the four large units"
	fi
done
echo "reports in $OUT"
