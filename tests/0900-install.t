#!/bin/sh
# make install / uninstall: into a prefix, and staged with DESTDIR; the
# installed binaries find the installed question sets and catalogue, also
# when installed into another prefix than the one first built with.
. "$(dirname "$0")/lib.sh"

p="$scratch/prefix"
make -s -C "$top" BUILD="$scratch/build" PREFIX="$p" install >"$scratch/make.out" 2>&1
ok $? "make install PREFIX=..."
[ $? = 0 ] || diag "$(tail -20 "$scratch/make.out")"
for b in avslut-new avslut-ask avslut-seal avslut-report avslut-purge; do
	test -x "$p/bin/$b"; ok $? "bin/$b"
done
test -f "$p/share/avslut/questions/sodermalm.yaml"; ok $? "the question set"
test -f "$p/share/locale/sv/LC_MESSAGES/avslut.mo"; ok $? "the Swedish catalogue"
test -f "$p/share/man/man1/avslut-new.1"; ok $? "man pages, section 1"
test -f "$p/share/man/man5/avslut-questions.5"; ok $? "section 5"
test -f "$p/share/man/man7/avslut.7"; ok $? "section 7"
test -f "$p/share/bash-completion/completions/avslut-new"; ok $? "bash completion"
test -L "$p/share/bash-completion/completions/avslut-purge"; ok $? "for every command name"

# The installed tools find their own data, without the test variables.
run env -u AVSLUT_DATADIR -u AVSLUT_LOCALEDIR "$p/bin/avslut-new" --guide --lang=sv
is "$rc" 0 "the installed avslut-new prints the guide"
like "$out" "Samtalsguide för avslutssamtal" "from the installed question set"
HR=$(mkkey "HR Officer")
run env -u AVSLUT_DATADIR -u AVSLUT_LOCALEDIR "$p/bin/avslut-new" --init --recipient="$HR"
is "$rc" 0 "the installed avslut-new creates a store"

# Staged for a package: everything under DESTDIR, nothing in the prefix.
s="$scratch/stage"
make -s -C "$top" BUILD="$scratch/build2" PREFIX=/usr DESTDIR="$s" install >"$scratch/make.out" 2>&1
ok $? "make install DESTDIR=... PREFIX=/usr"
test -x "$s/usr/bin/avslut-new"; ok $? "staged under DESTDIR"
strings "$s/usr/bin/avslut-new" | grep -q '^/usr/share/avslut$'; ok $? "compiled to look in /usr/share/avslut"

# make, then make install PREFIX=...: the binaries installed name the
# prefix of the install, not the one they were first built with, into two
# prefixes in a row from one build directory.
b="$scratch/build"
make -s -C "$top" BUILD="$b" >"$scratch/make.out" 2>&1
ok $? "make (the default prefix, after the install above)"
strings "$b/bin/avslut-new" | grep -q '^/usr/local/share/avslut$'; ok $? "built for /usr/local"
# installed NAME ARGS...: run an installed tool without the test variables.
installed() {
	local tool=$1
	shift
	run env -u AVSLUT_DATADIR -u AVSLUT_LOCALEDIR "$tool" "$@"
}
sv=$(locale -a 2>/dev/null | grep -ix 'sv_SE.utf-\?8' | head -1)
for n in 1 2; do
	o="$scratch/opt$n"
	make -s -C "$top" BUILD="$b" PREFIX="$o" install >"$scratch/make.out" 2>&1
	ok $? "then make install PREFIX=opt$n"
	[ $? = 0 ] || diag "$(tail -20 "$scratch/make.out")"
	strings "$o/bin/avslut-new" | grep -q "^$o/share/avslut\$"; ok $? "opt$n: compiled to look in opt$n/share/avslut"
	strings "$o/bin/avslut-report" | grep -q "^$o/share/locale\$"; ok $? "opt$n: and for translations in opt$n/share/locale"
	[ "$n" = 2 ] && rm -rf "$scratch/opt1"
	installed "$o/bin/avslut-new" --guide --lang=sv
	is "$rc" 0 "opt$n: the installed avslut-new finds its question set"
	like "$out" "Samtalsguide för avslutssamtal" "opt$n: the guide from it"
	if [ -n "$sv" ]; then
		installed "$o/bin/avslut-new" -S "$scratch/none" --guide --lang=xx
		LC_ALL=$sv installed "$o/bin/avslut-new" -S "$scratch/none" --guide --lang=xx
		like "$err" "frågeuppsättningen" "opt$n: its Swedish catalogue"
	fi
done
# (grep, not unlike: a sanitizer build's strings outgrow an argument)
strings "$scratch/opt2/bin/avslut-new" | grep -q "opt1"
ok $((! $?)) "opt2's binaries do not name opt1"
like "$(cat "$scratch/opt2/share/bash-completion/completions/avslut-new")" \
    "^_avslut_datadir=$scratch/opt2/share/avslut\$" "the completion looks in opt2"
like "$(cat "$scratch/opt2/share/man/man5/avslut-questions.5")" \
    "$scratch/opt2/share/avslut/questions/" "the manual names opt2's sets"
comp=$(env -u AVSLUT_DATADIR HOME="$scratch/none" bash -c '. "$1"; COMP_WORDS=(avslut-new --questions=);
    COMP_CWORD=1; _avslut; printf "%s\n" "${COMPREPLY[@]}"' bash \
    "$scratch/opt2/share/bash-completion/completions/avslut-new")
is "$comp" "--questions=sodermalm" "which completes the installed sets"
before=$(stat -c %Y "$b/lib/qset.o" "$b/bin/avslut-new")
sleep 1
make -s -C "$top" BUILD="$b" PREFIX="$scratch/opt2" >"$scratch/make.out" 2>&1
is "$(stat -c %Y "$b/lib/qset.o" "$b/bin/avslut-new")" "$before" "the same prefix again rebuilds nothing"
make -s -C "$top" BUILD="$b" PREFIX="$scratch/opt2" DATADIR="$scratch/data" >"$scratch/make.out" 2>&1
strings "$b/bin/avslut-new" | grep -q "^$scratch/data\$"; ok $? "a new DATADIR alone rebuilds"
make -s -C "$top" BUILD="$b" PREFIX="$scratch/opt2" LOCALEDIR="$scratch/loc" >"$scratch/make.out" 2>&1
strings "$b/bin/avslut-new" | grep -q "^$scratch/loc\$"; ok $? "and so does a new LOCALEDIR"

make -s -C "$top" BUILD="$scratch/build" PREFIX="$p" uninstall >"$scratch/make.out" 2>&1
ok $? "make uninstall"
left=$(find "$p" -type f -o -type l | wc -l)
is "$left" 0 "nothing installed is left"
done_testing
