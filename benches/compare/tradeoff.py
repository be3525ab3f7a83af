#!/usr/bin/env python3
"""Threshold trade-off on a bench_compare workload: for each threshold,
the share of typo and reorder queries whose best match is their entity
and scores at least the threshold, and the share of absent names left
unmatched. Also, with --density, how many absent names lie within one or
two edits of some alias (rapidfuzz, case-folded text), which bounds what
any threshold on edit distance can do.

    benches/compare/tradeoff.sh target/bench-data/1000000v9

reads DATA/queries.tsv and the resolve example's --json answers (one per
non-exact query, in order) from DATA/tradeoff.jsonl.
"""
import json
import sys


def main():
    data = sys.argv[1]
    queries = [l.rstrip("\n").split("\t") for l in open(f"{data}/queries.tsv")]
    queries = [q for q in queries if q[0] != "exact"]
    answers = [json.loads(l) for l in open(f"{data}/tradeoff.jsonl")]
    if len(answers) != len(queries):
        sys.exit(f"{len(answers)} answers for {len(queries)} queries")
    rows = []
    for (cls, expected, _text), answer in zip(queries, answers):
        best = answer["matches"][0] if answer["matches"] else None
        rows.append((cls, expected, best["id"] if best else None, best["score"] if best else 0.0))
    classes = ["typo1", "typo2", "reorder", "absent"]
    print("| threshold | " + " | ".join(classes[:3]) + " | absent left unmatched |")
    print("|---|" + "---:|" * 4)
    for t in [0.72, 0.74, 0.76, 0.78, 0.80, 0.82, 0.84, 0.86, 0.88, 0.90]:
        cells = []
        for cls in classes:
            mine = [r for r in rows if r[0] == cls]
            if cls == "absent":
                ok = sum(1 for r in mine if r[2] is None or r[3] < t)
            else:
                ok = sum(1 for r in mine if r[2] == r[1] and r[3] >= t)
            cells.append(f"{ok / len(mine):.3f}")
        print(f"| {t:.2f} | " + " | ".join(cells) + " |")
    if "--density" in sys.argv:
        density(data)


def density(data, every=5):
    from rapidfuzz import distance, process
    from rapidfuzz.utils import default_process

    aliases = []
    for line in open(f"{data}/aliases.tsv"):
        parts = line.rstrip("\n").split("\t")
        if len(parts) >= 3:
            aliases.append(default_process(parts[2]))
    absent = [l.rstrip("\n").split("\t")[2] for l in open(f"{data}/queries.tsv") if l.startswith("absent\t")]
    absent = absent[::every]
    counts = {1: 0, 2: 0}
    for text in absent:
        best = process.extractOne(
            default_process(text), aliases, scorer=distance.Levenshtein.distance, score_cutoff=2, processor=None
        )
        if best:
            counts[max(best[1], 1)] += 1
    n = len(absent)
    print(
        f"absent names (every {every}th, {n}): within 1 edit of an alias {counts[1] / n:.3f}, "
        f"within 2 edits {(counts[1] + counts[2]) / n:.3f}"
    )


if __name__ == "__main__":
    main()
