#!/bin/sh
# Threshold trade-off between typos and absent names on a bench_compare
# workload (see BENCHMARKS.md, "Absent names against typos"):
#
#   benches/compare/tradeoff.sh DATA [--density]
#
# DATA is a directory written by `bench_compare --write`. --density also
# counts the absent names within two edits of an alias (needs the rapidfuzz
# venv that run.sh installs into target/bench-venv).
set -eu
cd "$(dirname "$0")/../.."
DATA=$1
shift
cargo build --release --example resolve
awk -F'\t' '$1 != "exact" { print $3 }' "$DATA/queries.tsv" |
    target/release/examples/resolve --index "$DATA/dict.bin" --json --top 1 >"$DATA/tradeoff.jsonl"
PY=python3
[ -x target/bench-venv/bin/python ] && PY=target/bench-venv/bin/python
"$PY" benches/compare/tradeoff.py "$DATA" "$@"
