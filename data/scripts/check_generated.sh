#!/usr/bin/env bash
# Verify that the generated files committed under data/ match a fresh run of
# regen.py on the pinned packages (run fetch_packages.sh first).
# Exit status: 0 = identical, 1 = differences (or a missing file), 2 = error.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
DATA="$(cd "$HERE/.." && pwd)"
PY="${PYTHON:-python3}"

TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT

"$PY" "$HERE/regen.py" --out "$TMP" || exit 2

status=0
count=0
while IFS= read -r -d '' f; do
    rel="${f#"$TMP"/}"
    count=$((count + 1))
    if [ ! -f "$DATA/$rel" ]; then
        echo "MISSING  data/$rel" >&2
        status=1
    elif ! cmp -s "$f" "$DATA/$rel"; then
        echo "DIFFERS  data/$rel" >&2
        diff -u "$DATA/$rel" "$f" | head -n 20 >&2 || true
        status=1
    else
        echo "ok       data/$rel"
    fi
done < <(find "$TMP" -type f -print0 | sort -z)

if [ "$count" -eq 0 ]; then
    echo "regen.py produced no files" >&2
    exit 2
fi
if [ "$status" -ne 0 ]; then
    echo "generated data is out of date: run python3 data/scripts/regen.py" >&2
fi
exit "$status"
