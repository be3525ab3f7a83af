# Writes a JSONL dictionary of N entities with 4 aliases each (default
# 2,500,000: 10M aliases, 370 MB) for the 10M-alias build check
# (BENCHMARKS.md, "Dictionary", "10M aliases"). Deterministic; names are
# composed from syllables, so most are distinct.
#
#   python3 benches/compare/gen_big_jsonl.py target/x10m.jsonl [N]
import json, random, sys
random.seed(2026)
syl = "ka ri to mi sa ne lo vu be da fe gi ho ja ku le mo na pe qu ra si ta vo wa xe ya zu an el in on ur ber chen dor fal gan hol".split()
given = ["Anna","Maria","Peter","Paul","Ivan","Olga","Jean","Luis","Ahmet","Wei","Yuki","Omar","Sara","Lena","Tomas","Ewa","Kofi","Aisha","Raj","Mei"]
out = open(sys.argv[1], "w")
n = int(sys.argv[2]) if len(sys.argv) > 2 else 2_500_000
for i in range(n):
    fam = "".join(random.choice(syl) for _ in range(random.randint(2, 4))).capitalize()
    g = random.choice(given)
    g2 = random.choice(given)
    name = f"{g} {fam}"
    rec = {"id": f"X{i}", "name": name, "kind": "person",
           "aliases": [f"{fam}, {g}", f"{g[0]}. {fam}", {"name": f"{g} {g2} {fam}", "lang": "en"}]}
    out.write(json.dumps(rec, ensure_ascii=False) + "\n")
