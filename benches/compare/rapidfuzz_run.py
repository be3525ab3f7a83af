"""rapidfuzz baseline for benches/compare/run.sh.

usage: rapidfuzz_run.py DATA_DIR SAMPLE_PER_CLASS

Reads aliases.tsv and queries.tsv written by
`cargo run --release --example bench_compare -- --write DATA_DIR` and prints
one tab-separated line per scorer and query class, in the format of
bench_compare --run:
system class queries q/s top1 absent_unmatched peak_rss_mb build_s index_mb
"""

import resource
import sys
import time

from rapidfuzz import fuzz, process, utils

data, sample = sys.argv[1], int(sys.argv[2])
t = time.perf_counter()
ids, names = [], []
with open(f"{data}/aliases.tsv", encoding="utf-8") as f:
    for line in f:
        i, _kind, name = line.rstrip("\n").split("\t", 2)
        ids.append(i)
        names.append(utils.default_process(name))
prep = time.perf_counter() - t
queries = {}
with open(f"{data}/queries.tsv", encoding="utf-8") as f:
    for line in f:
        c, e, q = line.rstrip("\n").split("\t", 2)
        v = queries.setdefault(c, [])
        if len(v) < sample:
            v.append((None if e == "-" else e, q))

for label, scorer, cutoff in (("WRatio", fuzz.WRatio, 85), ("ratio", fuzz.ratio, 80)):
    for c in ("exact", "typo1", "typo2", "reorder", "absent"):
        qs = queries.get(c, [])
        t = time.perf_counter()
        out = []
        for e, q in qs:
            r = process.extractOne(
                utils.default_process(q), names, scorer=scorer, score_cutoff=cutoff
            )
            out.append(None if r is None else ids[r[2]])
        secs = time.perf_counter() - t
        n = len(qs)
        if c == "absent":
            top1, unm = "-", f"{sum(o is None for o in out) / n:.3f}"
        else:
            top1, unm = f"{sum(o == e for (e, _), o in zip(qs, out)) / n:.3f}", "-"
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(
            f"rapidfuzz-{label}(cutoff {cutoff})\t{c}\t{n}\t{n / secs:.0f}\t{top1}\t{unm}"
            f"\t{rss:.0f}\t{prep:.2f}\t-",
            flush=True,
        )
