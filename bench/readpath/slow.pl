#!/usr/bin/perl
# bench/readpath.sh's reader of PostgreSQL's log (log_min_duration_statement on): the statements executed in a slice
# of the log, summed by their text (first 100 characters), as markdown rows sorted by total time; and, with
# --explain-dir DIR, the slowest execution of each of the --top N slowest statements written to DIR/slow-<i>.sql with
# its parameters in place (for EXPLAIN (ANALYZE, BUFFERS)).
# perl slow.pl LOGFILE FROM_BYTE TO_BYTE [--top N --explain-dir DIR]
use strict;
use warnings;

my ($file, $from, $to, @rest) = @ARGV;
my %opt = @rest;
open(my $fh, '<', $file) or die "$file: $!";
seek($fh, $from, 0);
my $data = '';
read($fh, $data, $to - $from);
close $fh;

# A record begins with a timestamp; continuation lines begin with a tab.
my @records;
for my $line (split /\n/, $data) {
    if ($line =~ /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d/) { push @records, $line; }
    elsif (@records) { $records[-1] .= "\n" . $line; }
}
my (%sum, %cnt, %max, %worst, %params_of);
my $last;
for my $r (@records) {
    if ($r =~ /LOG:  duration: ([\d.]+) ms  (?:execute [^:]*|statement): (.*)/s) {
        my ($ms, $sql) = ($1, $2);
        $sql =~ s/\s+/ /g;
        $sql =~ s/^ //;
        my $key = substr($sql, 0, 100);
        $sum{$key} += $ms;
        $cnt{$key}++;
        if (!defined $max{$key} || $ms > $max{$key}) { $max{$key} = $ms; $worst{$key} = $sql; $last = $key; }
        else { $last = undef; }
    } elsif ($r =~ /DETAIL:  parameters: (.*)/s && defined $last) {
        $params_of{$last} = $1;
        $last = undef;
    } elsif ($r !~ /DETAIL/) {
        $last = undef;
    }
}
my @keys = sort { $sum{$b} <=> $sum{$a} } keys %sum;
for my $k (@keys) {
    (my $shown = $k) =~ s/\|/\\|/g;
    printf "| `%s` | %d | %.0f | %.0f | %.0f |\n", $shown, $cnt{$k}, $sum{$k}, $sum{$k} / $cnt{$k}, $max{$k};
}
if ($opt{'--explain-dir'}) {
    my $top = $opt{'--top'} // 5;
    my @slowest = (sort { $max{$b} <=> $max{$a} } keys %max)[0 .. $top - 1];
    my $i = 0;
    for my $k (grep { defined } @slowest) {
        my $sql = $worst{$k};
        my %p;
        if (defined $params_of{$k}) {
            my $ps = $params_of{$k};
            while ($ps =~ /\$(\d+) = (NULL|'(?:[^']|'')*')/g) { $p{$1} = $2; }
        }
        $sql =~ s/\$(\d+)\b/exists $p{$1} ? $p{$1} : "\$$1"/ge;
        $i++;
        open(my $out, '>', "$opt{'--explain-dir'}/slow-$i.sql") or die $!;
        printf $out "-- slowest execution %.0f ms, %d executions in the slice\n%s\n", $max{$k}, $cnt{$k}, $sql;
        close $out;
    }
}
