# tests/purge.sh -- helpers for the avslut-purge tests and benchmark
# (sourced after tests/lib.sh).

h_purge="$AVSLUT_BUILD/tests/h-purge"
plog="$AVSLUT_STORE/purge.log"

# newids N: N distinct random record ids, one a line.
newids() {
	od -An -v -tu1 -N$(($1 * 24)) /dev/urandom | awk -v n="$1" '
	BEGIN { a = "0123456789abcdefghjkmnpqrstvwxyz" }
	{
		for (f = 1; f <= NF && c < n; f++) {
			id = id substr(a, $f % 32 + 1, 1)
			if (length(id) == 12) {
				if (!(id in seen)) { seen[id] = 1; print id; c++ }
				id = ""
			}
		}
	}'
}

# clone FILE N: N copies of a record file under new ids, each with
# its evidence signed by HR (what purge reads of a record; the copies do
# not decrypt); prints the new ids.
clone() {
	local id
	id=$(basename "$1" .asc)
	"$h_purge" clone "$id" "$2"
}

# rec ID: the path of a record file.
rec() { echo "$AVSLUT_STORE/records/$1.asc"; }

# logrows ID: how many lines of the purge log are the record's.
logrows() {
	if [ -f "$plog" ]; then grep -c "^[^,]*,$1," "$plog"; else echo 0; fi
}

# hold_lock ID: h-purge holds the record's lock until release_lock.
hold_lock() {
	local i=0
	rm -f "$scratch/lockfifo" "$scratch/lockout"
	mkfifo "$scratch/lockfifo"
	"$h_purge" lock "$1" <"$scratch/lockfifo" >"$scratch/lockout" 2>&1 &
	lockpid=$!
	exec 9>"$scratch/lockfifo"
	while ! grep -q locked "$scratch/lockout" 2>/dev/null; do
		i=$((i + 1))
		[ $i -gt 200 ] && { diag "h-purge lock: $(cat "$scratch/lockout")"; return 1; }
		sleep 0.05
	done
}

release_lock() {
	exec 9>&-
	wait "$lockpid"
}
