#!/bin/sh
# make deps: as root it runs apt-get itself; as a user it goes through
# sudo, and without sudo it says what to do.  (make -n: nothing is
# installed.)
. "$(dirname "$0")/lib.sh"

# A stand-in sudo, in a directory any user can reach.
chmod 711 "$scratch"
mkdir -m 755 "$scratch/bin"
printf '#!/bin/sh\nexec "$@"\n' >"$scratch/bin/sudo"
chmod 755 "$scratch/bin/sudo"
# A PATH without sudo, whatever the machine has: make and id only.
mkdir -m 755 "$scratch/nosudo"
ln -s "$(command -v make)" "$scratch/nosudo/make"
ln -s "$(command -v id)" "$scratch/nosudo/id"

# deps_as WHO [PATH]: make -n deps as root (the current user) or nobody.
deps_as() {
	if [ "$1" = root ]; then
		run env PATH="${2:-$PATH}" make -n -s -C "$top" deps
	else
		run setpriv --reuid=65534 --regid=65534 --clear-groups \
		    env PATH="${2:-$PATH}" HOME=/ make -n -s -C "$top" deps
	fi
}

if [ "$(id -u)" = 0 ]; then
	deps_as root "$scratch/bin:$PATH"
	is "$rc" 0 "as root"
	like "$out" "^env DEBIAN_FRONTEND=noninteractive apt-get install" "runs apt-get itself"
	unlike "$out" "sudo" "never sudo, even when there is one"
	like "$out" "locale-gen" "and generates the Swedish locale"
	command -v setpriv >/dev/null &&
	    setpriv --reuid=65534 --regid=65534 --clear-groups test -r "$top/Makefile" ||
	    { diag "cannot run as nobody here"; done_testing; exit 0; }
	who=nobody
else
	who=user
fi
deps_as "$who" "$scratch/bin:$PATH"
is "$rc" 0 "as a user with sudo"
like "$out" "^sudo env DEBIAN_FRONTEND=noninteractive apt-get update" "apt-get update through sudo"
like "$out" "^sudo env DEBIAN_FRONTEND=noninteractive apt-get install" "apt-get install through sudo"
like "$out" "sudo sed -i .*/etc/locale.gen" "the locale through sudo"
like "$out" "sudo locale-gen" "locale-gen through sudo"
deps_as "$who" "$scratch/nosudo"
is "$rc" 2 "as a user without sudo: make stops"
like "$err" "make deps installs packages: run it as root, or install sudo" "and says what to do"
unlike "$out" "apt-get" "before running anything"

# The README's first commands are the ones this test checks.
like "$(sed -n '/^```sh/,/^```/p' "$top/README.md" | sed -n 2p)" "^make deps && make demo" "README: make deps, no sudo in front"
unlike "$(sed -n '1,/^## /p' "$top/README.md")" "sudo make" "README: no sudo make before the first section"
done_testing
