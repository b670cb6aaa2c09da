#!/usr/bin/perl
# report-sums.pl [FIRSTCOL] < report.csv: the sums a reader of an
# avslut-report CSV can do, and every one that has exactly one hidden
# member ("..") -- a figure one subtraction gives back.  Prints "ok" or
# the sums.  FIRSTCOL: for a report grouped twice or more, the CSV column
# (0-based) of the first grouping, whose subtotals sit between the groups
# and the total; the quarters of the trend add up to the total as well.
# Also prints "hidden N" with the number of hidden cells.
# A total without parts (a report not grouped) is no sum.
use strict;
use warnings;

my $first = shift;
my (%sum, %hid, %parts);

# add KEY HIDDEN [PART]: a member of a sum (a part, or its total).
sub add {
	my ($key, $hidden, $part) = @_;
	$sum{$key}++;
	$hid{$key} += $hidden;
	$parts{$key} += $part ? 1 : 0;
}

my $nhidden = 0;
while (my $line = <STDIN>) {
	$line =~ s/\r?\n$//;
	my @f;
	while ($line =~ /\G("(?:[^"]|"")*"|[^,]*)(,|$)/g) {
		push @f, $1;
		last if $2 eq '';
	}
	next if $f[0] eq 'section' || $f[0] eq 'text' || $f[11] eq 'mean';
	my ($sec, $lvl, $q, $opt, $m) = @f[0, 1, 8, 9, 11];
	my $h = $f[12] eq '..' ? 1 : 0;
	$nhidden += $h;
	my $col = "$sec|$q|$opt|$m";
	# Down the column: groups into their subtotal (or the total),
	# subtotals into the total.
	next if $lvl eq 'previous';	# another period: no sum with this one
	# The quarters of the trend add up to the total too.
	if ($lvl eq 'trend' || $lvl eq 'total') {
		add("trend|$col", $h, $lvl eq 'trend');
		next if $lvl eq 'trend';
	}
	if ($lvl eq 'group') {
		add(defined $first ? "col|$col|sub=$f[$first]" : "col|$col|total",
		    $h, 1);
	} elsif ($lvl eq 'subtotal') {
		add("col|$col|sub=$f[$first]", $h);
		add("col|$col|total", $h, 1);
	} else {
		add("col|$col|total", $h);
	}
	# Across a question's row: respondents = sum of the options (not for
	# several choices per person).
	if ($sec eq 'answers' && $q ne 'secondary-reasons') {
		add("row|$lvl|" . join('|', @f[2 .. 7]) . "|$q", $h,
		    $m ne 'respondents');
	}
}
my @bad = grep { $hid{$_} == 1 && $parts{$_} > 0 } sort keys %sum;
print @bad ? join("\n", @bad) . "\n" : "ok\n";
print "hidden $nhidden\n";
