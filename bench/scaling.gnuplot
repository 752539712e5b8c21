# Chart of a bench/scaling.sh results directory: each figure against the data set size, one line
# per scenario (log scales). Called by scaling.sh:
#   gnuplot -e "dir='.../scaling-...'; outfile='.../scaling.png'; n=6; subtitle='...'" bench/scaling.gnuplot
if (!exists("dir")) dir = "."
if (!exists("outfile")) outfile = dir."/scaling.png"
if (!exists("subtitle")) subtitle = ""

set terminal pngcairo size 1400,1000 font "DejaVu Sans,10" noenhanced
set output outfile
set datafile missing "-"
set grid xtics ytics
set key top left box opaque
set logscale x
set logscale y
set format x "%.0s%c"
set xlabel "opportunities in the data set"
set style data linespoints

# n: the columns of the data files (the size, then one per scenario), given by scaling.sh
if (!exists("n")) n = 2

set multiplot layout 2,2 title "Opportunities service: cost against data set size\n".subtitle
set title "Throughput"
set ylabel "requests/s"
set format y "%.0s%c"
plot for [i=2:n] dir."/scaling-rps.dat" using 1:i title columnheader(i) pointtype 7
set title "p99 latency"
set ylabel "milliseconds"
set format y "%g"
plot for [i=2:n] dir."/scaling-p99.dat" using 1:i title columnheader(i) pointtype 7
set title "p50 latency"
plot for [i=2:n] dir."/scaling-p50.dat" using 1:i title columnheader(i) pointtype 7
set title "Database ceiling of the same query (pgbench)"
set ylabel "transactions/s"
set format y "%.0s%c"
plot for [i=2:n] dir."/scaling-db-tps.dat" using 1:i title columnheader(i) pointtype 7
unset multiplot
