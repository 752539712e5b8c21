# Chart of one results directory: throughput (service, bare Boot ceiling, HTTP ceiling, database
# ceiling) and p99 latency (service, bare Boot ceiling, database) per scenario. Called by run.sh:
#   gnuplot -e "datafile='.../chart.dat'; outfile='.../chart.png'; subtitle='...'" bench/chart.gnuplot
if (!exists("datafile")) datafile = "chart.dat"
if (!exists("outfile")) outfile = "chart.png"
if (!exists("subtitle")) subtitle = ""

set terminal pngcairo size 1400,1000 font "DejaVu Sans,10" noenhanced
set output outfile
set datafile missing "-"
set style data histograms
set style histogram clustered gap 1
set style fill solid 0.85 border -1
set boxwidth 0.9
set grid ytics
set key top right width 4
# headroom above the tallest bar for the key
set offsets 0, 0, graph 0.2, 0
set xtics rotate by -25 scale 0
set logscale y
set format y "%.0s%c"
set bmargin 7

set multiplot layout 2,1 title "Opportunities service benchmark\n".subtitle
set title "Throughput (log scale)"
set ylabel "requests/s (DB: transactions/s)"
plot datafile using 2:xtic(1) title "service req/s" lc rgb "#1f77b4", \
     ''       using 7 title "bare Boot ceiling req/s" lc rgb "#ff7f0e", \
     ''       using 3 title "HTTP ceiling (liveness) req/s" lc rgb "#bbbbbb", \
     ''       using 4 title "DB ceiling (pgbench) tps" lc rgb "#2ca02c"
set title "p99 latency (log scale)"
set ylabel "milliseconds"
set format y "%g"
plot datafile using 5:xtic(1) title "service p99" lc rgb "#d62728", \
     ''       using 8 title "bare Boot ceiling p99" lc rgb "#ff7f0e", \
     ''       using 6 title "DB p99 (pgbench, 10 clients)" lc rgb "#2ca02c"
unset multiplot
