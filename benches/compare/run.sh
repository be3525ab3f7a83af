#!/bin/sh
# One command for the resolve comparison (see BENCHMARKS.md, "Resolve and
# comparison"): generates the workload into target/bench-data, builds the
# dictionary, runs polyonym (1 thread, all cores), a brute-force strsim scan
# and Python rapidfuzz (venv in target/bench-venv), prints one table.
#
#   benches/compare/run.sh [ALIASES] [POLYONYM_SAMPLE] [BASELINE_SAMPLE]
#
# Defaults: 100000 aliases; 200 queries per class for polyonym, 40 per class
# for the brute-force baselines. Sample sizes are per query class and are
# printed in the table; nothing is extrapolated.
set -eu
cd "$(dirname "$0")/../.."
ALIASES=${1:-100000}
PSAMPLE=${2:-200}
BSAMPLE=${3:-40}
DATA=target/bench-data/$ALIASES
VENV=target/bench-venv
cargo build --release --example bench_compare
BIN=target/release/examples/bench_compare
[ -f "$DATA/dict.bin" ] || "$BIN" --write "$DATA" --aliases "$ALIASES" --per-class 2000
if [ ! -x "$VENV/bin/python" ]; then
    python3 -m venv "$VENV"
fi
"$VENV/bin/python" -c 'import rapidfuzz' 2>/dev/null || "$VENV/bin/pip" install -q rapidfuzz
OUT=$DATA/results.tsv
printf 'system\tclass\tqueries\tq/s\ttop1\tabsent_unmatched\tpeak_rss_MB\tbuild_s\tindex_MB\n' >"$OUT"
"$BIN" --run polyonym --data "$DATA" --sample "$PSAMPLE" >>"$OUT"
"$BIN" --run polyonym-mt --data "$DATA" --sample "$PSAMPLE" >>"$OUT"
"$BIN" --run strsim --data "$DATA" --sample "$BSAMPLE" >>"$OUT"
"$VENV/bin/python" benches/compare/rapidfuzz_run.py "$DATA" "$BSAMPLE" >>"$OUT"
if [ -f ../shared/name-bench/cases.csv ]; then
    "$BIN" --compare ../shared/name-bench/cases.csv
fi
column -t -s "$(printf '\t')" "$OUT"
