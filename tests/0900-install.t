#!/bin/sh
# make install / uninstall: into a prefix, and staged with DESTDIR; the
# installed binaries find the installed question sets and catalogue.
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

make -s -C "$top" BUILD="$scratch/build" PREFIX="$p" uninstall >"$scratch/make.out" 2>&1
ok $? "make uninstall"
left=$(find "$p" -type f -o -type l | wc -l)
is "$left" 0 "nothing installed is left"
done_testing
