#!/bin/sh
# The crypto module's unit tests, on a throwaway keyring.
. "$(dirname "$0")/lib.sh"

HR=$(mkkey "HR Officer")
MGR=$(mkkey "Maja Chef")
gpg --batch --quiet --passphrase '' --quick-gen-key "Sign Only <so@example.org>" \
    ed25519 sign never 2>/dev/null
SO=$(gpg --list-keys --with-colons "=Sign Only <so@example.org>" 2>/dev/null |
    awk -F: '/^fpr/ { print $10; exit }')
gpg --batch --quiet --passphrase '' --quick-gen-key "Expired <ex@example.org>" \
    ed25519 sign seconds=1 2>/dev/null
EX=$(gpg --list-keys --with-colons "=Expired <ex@example.org>" 2>/dev/null |
    awk -F: '/^fpr/ { print $10; exit }')
sleep 2
"$AVSLUT_BUILD/tests/h-crypto" "$HR" "$MGR" "$SO" "$EX" </dev/null
