#!/bin/sh
# make bench: every benchmark, each printing its figures next to the GnuPG
# baseline measured in the same run on the same files.  Times are
# reported, never judged: no benchmark fails on time.
dir=$(dirname "$0")
status=0
for b in "$dir"/[0-9]*.sh; do
	sh "$b" || status=1
done
exit $status
