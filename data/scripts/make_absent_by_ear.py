#!/usr/bin/env python3
"""Builds data/eval/absent_by_ear.tsv: names absent from the evaluation
dictionary, written in scripts that romanize lossily (Arabic, Hebrew, Han,
kana, Hangul), for measuring what comparing such names by their consonant
classes (`polyonym::phonetic`) costs in false matches.

    python3 data/scripts/make_absent_by_ear.py

Each query recombines the given name of one synthetic person's non-Latin
alias with the family name of another's, in the same script, such that no
entity of data/eval/entities.jsonl has that given and family name: real
name forms, an absent person. Python 3 standard library only; one
random.Random(7), fixed iteration order: two runs give byte-identical
files. Run `cargo run --release --example eval -- --queries
data/eval/absent_by_ear.tsv` to measure (see EVALUATION.md).
"""

import json
import os
import random
import re
import unicodedata

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
EVAL = os.path.join(ROOT, "data", "eval")
PER_SCRIPT = 60
SCRIPTS = [("ARABIC", "arabic"), ("HEBREW", "hebrew"), ("CJK", "han"),
           ("KATAKANA", "kana"), ("HIRAGANA", "kana"), ("HANGUL", "hangul")]


def script_of(name):
    for c in name:
        n = unicodedata.name(c, "")
        for key, script in SCRIPTS:
            if key in n:
                return script
    return None


def main():
    with open(os.path.join(EVAL, "entities.jsonl"), encoding="utf-8") as f:
        entities = [json.loads(line) for line in f]
    latin_names = {e["name"].lower() for e in entities}
    by_script = {}
    for e in entities:
        if not e["id"].startswith("eval:person/"):
            continue
        given, family = e["name"].split(" ", 1)
        for alias in e.get("aliases", []):
            name = alias if isinstance(alias, str) else alias["name"]
            script = script_of(name)
            parts = re.split(r"[ ·・]", name)
            if script is None or len(parts) != 2:
                continue
            sep = " " if " " in name else ("·" if "·" in name else "・")
            by_script.setdefault(script, []).append((given, family, parts, sep))
    rng = random.Random(7)
    rows = []
    seen = set()
    for script in sorted(by_script):
        forms = by_script[script]
        made = 0
        for _ in range(50 * PER_SCRIPT):
            if made == PER_SCRIPT:
                break
            a, b = rng.choice(forms), rng.choice(forms)
            if a[0] == b[0] or a[1] == b[1]:
                continue
            if f"{a[0]} {b[1]}".lower() in latin_names:
                continue
            query = a[2][0] + a[3] + b[2][1]
            if query in seen:
                continue
            seen.add(query)
            rows.append(f"absent-{script}\t{query}\t\n")
            made += 1
    with open(os.path.join(EVAL, "absent_by_ear.tsv"), "w", encoding="utf-8", newline="\n") as f:
        f.write("category\tquery\texpected_id\n")
        f.writelines(rows)


if __name__ == "__main__":
    main()
