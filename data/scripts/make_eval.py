#!/usr/bin/env python3
"""Builds polyonym's resolver evaluation set from public data in this repository.

    python3 data/scripts/make_eval.py [--stats]

Writes data/eval/entities.jsonl (the dictionary) and data/eval/queries.tsv
(category, query, expected id). Python 3 standard library only; every random
choice comes from one random.Random(42), and every collection is iterated in
a fixed order, so two runs give byte-identical files. See data/eval/README.md.
"""

import json
import os
import random
import re
import sys
import unicodedata
from collections import defaultdict

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DATA = os.path.join(ROOT, "data")
OUT = os.path.join(DATA, "eval")

SEED = 42
N_SURNAMES = 320  # synthetic family names; each gets 3-7 given names

# Scripts other than Latin that queries and aliases are drawn from.
SCRIPTS = ["cyrillic", "greek", "arabic", "hebrew", "han", "kana", "hangul"]


# ---------------------------------------------------------------------------
# Text helpers


def fold(s):
    """Lowercase, NFD minus combining marks (what the Rust baseline does)."""
    s = unicodedata.normalize("NFD", s.lower())
    return unicodedata.normalize("NFC", "".join(c for c in s if not unicodedata.combining(c)))


def strip_marks(s):
    """Removes diacritics, keeping case; đ/Đ become d/D (Vietnamese practice)."""
    s = unicodedata.normalize("NFD", s)
    s = "".join(c for c in s if not unicodedata.combining(c))
    return unicodedata.normalize("NFC", s.replace("đ", "d").replace("Đ", "D"))


def char_script(c):
    o = ord(c)
    if not c.isalpha():
        return None
    if o < 0x250 or 0x1E00 <= o < 0x1F00:
        return "latin"
    if 0x370 <= o < 0x400 or 0x1F00 <= o < 0x2000:
        return "greek"
    if 0x400 <= o < 0x530:
        return "cyrillic"
    if 0x590 <= o < 0x600:
        return "hebrew"
    if 0x600 <= o < 0x700 or 0x750 <= o < 0x780 or 0xFB50 <= o < 0xFF00:
        return "arabic"
    if 0x900 <= o < 0x980:
        return "devanagari"
    if 0x3040 <= o < 0x3100 or 0x31F0 <= o < 0x3200:
        return "kana"
    if 0x3400 <= o < 0xA000 or 0xF900 <= o < 0xFB00 or 0x20000 <= o < 0x30000:
        return "han"
    if 0xAC00 <= o < 0xD7B0 or 0x1100 <= o < 0x1200 or 0x3130 <= o < 0x3190:
        return "hangul"
    return "other"


def script_of(s):
    """The one script of a string's letters, 'mixed', or None (no letters).
    Kana with some Han (Japanese names) counts as kana."""
    found = sorted({char_script(c) for c in s} - {None})
    if found == ["han", "kana"]:
        return "kana"
    if len(found) == 1:
        return found[0]
    return "mixed" if found else None


def osa(a, b, limit=None):
    """Optimal string alignment distance (transpositions count one)."""
    la, lb = len(a), len(b)
    if limit is not None and abs(la - lb) > limit:
        return limit + 1
    prev2 = None
    prev = list(range(lb + 1))
    for i in range(1, la + 1):
        cur = [i] + [0] * lb
        for j in range(1, lb + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            v = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                v = min(v, prev2[j - 2] + 1)
            cur[j] = v
        if limit is not None and min(cur) > limit:
            return limit + 1
        prev2, prev = prev, cur
    return prev[lb]


def base_name(name):
    """The folded name without a bracketed qualifier."""
    if "(" in name:
        name = name[: name.index("(")]
    return fold(name).strip()


def sim(a, b):
    a, b = fold(a), fold(b)
    if not a and not b:
        return 1.0
    return 1.0 - osa(a, b) / max(len(a), len(b))


def cap(form):
    """Title-cases a folded lowercase name form: o'brien -> O'Brien."""
    out = []
    up = True
    for c in form:
        out.append(c.upper() if up else c)
        up = c in " -'"
    return "".join(out)


# Romanizations used to check Cyrillic and Greek forms against their Latin
# form, and to write the Latin queries of the "reverse" cross-script tests:
# Cyrillic as in Russian passports (ICAO 9303), Greek as ELOT 743.
CYR = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh",
    "з": "z", "и": "i", "й": "i", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o",
    "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts",
    "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "ie", "ы": "y", "ь": "", "э": "e",
    "ю": "iu", "я": "ia", "і": "i", "ї": "i", "є": "ie", "ґ": "g", "ў": "u", "ј": "j",
    "љ": "lj", "њ": "nj", "ћ": "c", "ђ": "dj", "џ": "dz", "ѓ": "gj", "ќ": "kj",
    "ѕ": "dz", "ә": "a", "ө": "o", "ү": "u", "ұ": "u", "қ": "k", "ғ": "g", "ң": "n",
    "һ": "h", "җ": "zh", "ҷ": "j", "ҳ": "h", "ӣ": "i", "ӯ": "u", "'": "", "’": "",
}
GRK = {
    "α": "a", "β": "v", "γ": "g", "δ": "d", "ε": "e", "ζ": "z", "η": "i", "θ": "th",
    "ι": "i", "κ": "k", "λ": "l", "μ": "m", "ν": "n", "ξ": "x", "ο": "o", "π": "p",
    "ρ": "r", "σ": "s", "ς": "s", "τ": "t", "υ": "y", "φ": "f", "χ": "ch", "ψ": "ps",
    "ω": "o",
}
GRK_PAIRS = {"ου": "ou", "αι": "ai", "ει": "ei", "οι": "oi", "αυ": "av", "ευ": "ev", "γγ": "ng"}
GRK_INITIAL = {"μπ": "b", "ντ": "d", "γκ": "g"}


HANGUL_INITIAL = "g kk n d tt r m b pp s ss - j jj ch k t p h".split()
HANGUL_MEDIAL = "a ae ya yae eo e yeo ye o wa wae oe yo u wo we wi yu eu ui i".split()
HANGUL_FINAL = "- k k k n n n t l k m l l l p l m p p t t ng t t k t p t".split()

KANA = {}
for row, cons in (
    ("アイウエオ", ""), ("カキクケコ", "k"), ("サシスセソ", "s"), ("タチツテト", "t"),
    ("ナニヌネノ", "n"), ("ハヒフヘホ", "h"), ("マミムメモ", "m"), ("ラリルレロ", "r"),
    ("ガギグゲゴ", "g"), ("ザジズゼゾ", "z"), ("ダヂヅデド", "d"), ("バビブベボ", "b"),
    ("パピプペポ", "p"), ("ァィゥェォ", ""),
):
    for kana, vowel in zip(row, "aiueo"):
        KANA[kana] = cons + vowel
KANA.update({
    "シ": "shi", "チ": "chi", "ツ": "tsu", "フ": "fu", "ジ": "ji", "ヂ": "ji", "ヅ": "zu",
    "ヤ": "ya", "ユ": "yu", "ヨ": "yo", "ワ": "wa", "ヲ": "o", "ン": "n", "ヴ": "vu",
    "ャ": "ya", "ュ": "yu", "ョ": "yo", "ヮ": "wa", "ー": "", "・": " ",
})


def romanize_kana(s):
    s = "".join(chr(ord(c) + 0x60) if 0x3041 <= ord(c) <= 0x3096 else c for c in s)
    out = ""
    double = False
    for c in s:
        if c == "ッ":
            double = True
            continue
        r = KANA.get(c, "")
        if c in "ャュョ" and out.endswith("i"):
            out = out[:-1] + ("" if out[-2:-1] in ("h", "j") else "") + r[-1] if out[-2:-1] in ("h", "j") else out[:-1] + r
            continue
        if c in "ァィゥェォ" and out and out[-1] in "aiueo":
            out = out[:-1] + r
            continue
        if double and r:
            out += r[0]
        double = False
        out += r
    return out


def romanize_hangul(s):
    out = []
    for c in s:
        o = ord(c) - 0xAC00
        if 0 <= o < 11172:
            i, m, f = o // 588, (o % 588) // 28, o % 28
            out.append(HANGUL_INITIAL[i].strip("-") + HANGUL_MEDIAL[m] + HANGUL_FINAL[f].strip("-"))
        else:
            out.append(c)
    return "".join(out)


def romanize(s):
    """Cyrillic or Greek to Latin, title-cased word by word; None for other scripts."""
    sc = script_of(s)
    low = unicodedata.normalize("NFD", s.lower())
    low = "".join(c for c in low if not unicodedata.combining(c))
    low = unicodedata.normalize("NFC", low)
    out = []
    if sc == "cyrillic":
        for c in low:
            out.append(CYR.get(c, c))
    elif sc == "greek":
        i = 0
        while i < len(low):
            two = low[i : i + 2]
            start = i == 0 or not low[i - 1].isalpha()
            if start and two in GRK_INITIAL:
                out.append(GRK_INITIAL[two])
                i += 2
            elif two in GRK_PAIRS:
                out.append(GRK_PAIRS[two])
                i += 2
            else:
                out.append(GRK.get(low[i], low[i]))
                i += 1
    else:
        return None
    return " ".join(cap(w) for w in "".join(out).split())


# ---------------------------------------------------------------------------
# Inputs


def read_jsonl(rel):
    with open(os.path.join(DATA, rel), encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def alias_pairs(rec):
    """[(name, lang or None)] of a record's aliases."""
    out = []
    for a in rec.get("aliases", []):
        if isinstance(a, str):
            out.append((a, None))
        else:
            out.append((a["name"], a.get("lang")))
    return out


def read_groups():
    groups = {}
    order = []
    with open(os.path.join(DATA, "names", "person_name_groups.txt"), encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            gid, forms = line.rstrip("\n").split("\t")
            groups[gid] = forms.split("|")
            order.append(gid)
    return groups, order


def read_titles():
    """Every one-word title of data/normalize/titles.tsv (Sheikh, King …)."""
    out = set()
    with open(os.path.join(DATA, "normalize", "titles.tsv"), encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            for form in line.rstrip("\n").split("\t")[2].split("|"):
                form = form.lstrip("?").rstrip(".")
                if " " not in form:
                    out.add(form)
    return out


def read_hanviet():
    readings = {}
    with open(os.path.join(DATA, "han", "hanviet.tsv"), encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            ch, rs = line.rstrip("\n").split("\t")
            readings[ch] = rs.split(",")
    surnames = {}
    with open(os.path.join(DATA, "han", "surnames.tsv"), encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            cols = line.rstrip("\n").split("\t")
            surnames[cols[0]] = cols[2].split(",")[0]
    return readings, surnames


# ---------------------------------------------------------------------------
# Name-part groups: given names and family names

# Common given names in many languages; each is looked up in the name-part
# groups, which supply its forms in other scripts. First names of the
# curated people are added to these.
GIVEN_SEEDS = """
aaron adam adrian ahmed alan albert alberto alex alexander alexandra alexei
ali alice alicia alina amanda amelia ana anastasia andre andrea andreas
andrei andrew angela angelika anna anne anton antonio arthur barbara beatrice
benjamin bernard boris brian bruno carl carlos carmen caroline catherine
charles charlotte chris christian christina christopher claire clara claudia
daniel david diana diego dmitri dominik edward elena elias elisabeth elizabeth
emil emily emma eric erik eva fatima felix fernando filip florian francesca
francisco frank frederick gabriel george georg gregory hannah hans harald
harry hassan helen helena henrik henry hugo igor ingrid irina isabel ivan
jacob jakob james jan jane jasmin jason jean jennifer jessica johan johann
john jonas jorge jose joseph juan julia julian karl karen kevin klaus
konstantin laura lea leon leonardo lisa louis lucas lucia luis lukas
magdalena marco margaret maria marie marina mario mark markus martin martina
mary matthew maxim michael michelle miguel mikhail monika natalia nicholas
nikolai nina olga oliver omar oscar pablo patricia paul paula pavel pedro
peter philip pierre rachel rafael raymond rebecca richard robert roman
rosa samuel sandra sara sarah sebastian sergei simon sofia sophie stefan
stephen steven susan svetlana tatiana teresa thomas timothy tobias tom
valentina vera victor viktor vincent vladimir walter william yuri
""".split()

# Countries whose people are named family name first in the curated data.
EASTERN_ORDER = {"CN", "TW", "HK", "KR", "KP", "VN"}
# Countries whose curated people's first word is not always a given name
# (Hun Manet, Kao Kim Hourn) or that have no family names.
NO_SEED_COUNTRIES = {"JP", "KH", "MM", "ET", "ER", "SO", "MN", "SG", "TH", "ID", "MY", "VA"}
# People whose Han name gives a Sino-Vietnamese reading.
HAN_COUNTRIES = {"CN", "TW", "HK"}


def is_word(form):
    return form and all(c.isalpha() or c in "'-" for c in form)


def latin_forms(forms):
    return [f for f in forms if is_word(f) and script_of(f) == "latin"]


# Endings of feminine family-name forms (-ova, -eva, -ská, -aya …) by script,
# dropped when the Latin base form does not itself end in a vowel.
FEMININE_ENDINGS = {
    "arabic": ("ا", "ة"),
    "hebrew": ("ה", "א"),
    "han": ("娃", "娅", "婭", "卡", "雅"),
    "kana": ("ヴァ", "ワ", "ァ", "カ", "ヤ"),
    "hangul": ("바", "와", "카", "야"),
}


RUSSIAN = set("абвгдеёжзийклмнопрстуфхцчшщъыьэюя")


def feminine(form, script, base):
    if base[-1:] in "aeiouy":
        return False
    if script in ("cyrillic", "greek"):
        return fold(romanize(form)).endswith(("a", "aia", "ia"))
    return form.endswith(FEMININE_ENDINGS.get(script, ()))


def script_forms(forms, base, family=False):
    """{script: [forms]} of a group's one-word forms in SCRIPTS, capitalized;
    Cyrillic and Greek forms must romanize close to the Latin base (drops
    diminutives and stray entries); for family names, feminine forms are
    dropped."""
    out = defaultdict(list)
    for f in forms:
        if not is_word(f) and script_of(f) not in ("han", "kana"):
            continue
        if " " in f or "·" in f or "・" in f:
            continue
        sc = script_of(f)
        if sc not in SCRIPTS:
            continue
        if sc in ("cyrillic", "greek") and sim(romanize(f), base) < 0.5:
            continue
        if sc == "hangul" and sim(romanize_hangul(f), base) < 0.4:
            continue
        if sc == "kana" and script_of(f) == "kana" and all(char_script(c) != "han" for c in f):
            if sim(romanize_kana(f), base) < 0.4:
                continue
        if family and feminine(f, sc, base):
            continue
        out[sc].append(cap(f))
    # Prefer forms in the Russian alphabet, so that a Cyrillic name is not a
    # mix of Ukrainian, Serbian and Kazakh letters.
    russian = [f for f in out.get("cyrillic", []) if all(c in RUSSIAN or not c.isalpha() for c in f.lower())]
    if russian:
        out["cyrillic"] = russian
    return {k: out[k] for k in SCRIPTS if out.get(k)}


def is_surname_group(forms):
    """A family-name group: it has a Czech/Slovak feminine form (-ová)."""
    return any(f.endswith("ová") for f in forms)


def surname_base(forms):
    """The Latin form x whose feminine x + 'ová' is in the group."""
    fs = set(forms)
    cands = [f for f in latin_forms(forms) if f + "ová" in fs and not f.endswith("ová")]
    return min(cands, key=lambda f: (len(f), f)) if cands else None


# Case endings and Latin, Baltic or Esperanto forms that make a name another
# word rather than another spelling (Ulfus, Franklins, Montgomerijs, Oslas).
INFLECTIONS = ("s", "us", "as", "is", "ijs", "um", "a", "o", "ová")


def is_variant(form, base):
    """Whether a Latin form is another spelling of base: not base with a
    prefix or an inflection added, and close by edit distance."""
    f, b = fold(form), fold(base)
    if f == b or f.startswith(b) or b.startswith(f) or abs(len(f) - len(b)) > 2:
        return False
    if any(f.endswith(x) and not b.endswith(x) for x in INFLECTIONS):
        return False
    return sim(f, b) >= 0.65


def prefer_ascii(variants):
    """Capitalized variants, only the ASCII ones when there are any (a
    spelling that differs only by diacritics is a case-diacritics test)."""
    ascii_only = [v for v in variants if v.isascii()]
    return [cap(v) for v in (ascii_only or variants)]


def build_name_parts(groups, order, curated_people):
    index = defaultdict(list)
    for gid in order:
        for f in groups[gid]:
            index[f].append(gid)
    titles = read_titles()
    seeds = list(GIVEN_SEEDS)
    for p in curated_people:
        toks = p["name"].split()
        if p.get("country") in EASTERN_ORDER | NO_SEED_COUNTRIES or len(toks) < 2:
            continue
        t = toks[0].lower()
        if is_word(t) and script_of(t) == "latin" and len(t) > 2 and t not in seeds and t not in titles:
            seeds.append(t)
    given = []
    seen_latin = set()
    for s in seeds:
        gids = [g for g in index.get(s, []) if not is_surname_group(groups[g])]
        best = None
        for g in gids:
            sf = script_forms(groups[g], s)
            key = (len(sf), len(groups[g]))
            if len(sf) >= 3 and (best is None or key > best[0]):
                best = (key, g, sf)
        if best is None:
            continue
        _, g, sf = best
        lat = {fold(f) for f in latin_forms(groups[g])} | {fold(s)}
        if lat & seen_latin:
            continue  # two seeds of one name (peter/pyotr), or groups sharing forms
        seen_latin |= lat
        variants = sorted({f for f in latin_forms(groups[g]) if is_variant(f, s)})
        given.append({"gid": g, "latin": cap(s), "scripts": sf, "variants": prefer_ascii(variants)})
    given_latin = set(seen_latin)
    family = []
    for gid in order:
        forms = groups[gid]
        if not is_surname_group(forms):
            continue
        base = surname_base(forms)
        if not base or len(base) < 4 or "'" in base or "-" in base:
            continue
        if {fold(f) for f in latin_forms(forms)} & given_latin:
            continue
        sf = script_forms(forms, base, family=True)
        if len(sf) < 3:
            continue
        variants = sorted({f for f in latin_forms(forms) if is_variant(f, base) and not f.endswith(("ova", "á"))})
        family.append({"gid": gid, "latin": cap(base), "scripts": sf, "variants": prefer_ascii(variants)})
    return given, family


def join_parts(script, a, b):
    sep = {"han": "·", "kana": "・"}.get(script, " ")
    return a + sep + b


# ---------------------------------------------------------------------------
# The dictionary


class Eval:
    def __init__(self):
        self.rng = random.Random(SEED)
        self.entities = []  # output records, in order
        self.by_id = {}
        self.full = {}  # id -> every known alias (name, lang), from the sources
        self.meta = {}  # id -> dict(kind=, source=, country=, gender=, ...)
        self.synthetic = []  # synthetic people: dicts

    def add(self, rec, full_aliases, meta):
        assert rec["id"] not in self.by_id, rec["id"]
        self.entities.append(rec)
        self.by_id[rec["id"]] = rec
        self.full[rec["id"]] = full_aliases
        self.meta[rec["id"]] = meta

    def held(self, eid):
        rec = self.by_id[eid]
        return [rec["name"]] + [a if isinstance(a, str) else a["name"] for a in rec["aliases"]]

    def index(self):
        """fold(name) -> ids, over every name held in the dictionary; and over
        every known alias of every entity."""
        self.held_index = defaultdict(set)
        self.full_index = defaultdict(set)
        self.person_tokens = defaultdict(set)
        for rec in self.entities:
            for n in self.held(rec["id"]):
                self.held_index[fold(n)].add(rec["id"])
                if rec["kind"] == "person":
                    for t in fold(n).replace("-", " ").split():
                        self.person_tokens[t].add(rec["id"])
            for n, _ in self.full[rec["id"]]:
                self.full_index[fold(n)].add(rec["id"])
            self.full_index[fold(rec["name"])].add(rec["id"])
        self.base_index = defaultdict(set)
        for rec in self.entities:
            self.base_index[base_name(rec["name"])].add(rec["id"])
        self.held_by_len = defaultdict(list)
        for k, ids in self.held_index.items():
            self.held_by_len[len(k)].append((k, ids))

    def unique_name(self, eid):
        """Whether no other entity holds the entity's name, nor has the same
        name apart from a bracketed qualifier ("Wang Yi (pastor)")."""
        return self.held_index[fold(self.by_id[eid]["name"])] == {eid} and self.base_index[
            base_name(self.by_id[eid]["name"])
        ] == {eid}

    def unique_exact(self, eid):
        """Whether no other entity holds the entity's name (namesakes told
        apart by a qualifier count as distinct: for Han-script queries)."""
        return self.held_index[fold(self.by_id[eid]["name"])] == {eid}

    def held_elsewhere(self, query, eid):
        """Whether the query (folded) is a name the dictionary holds for
        another entity, or any known alias of another entity."""
        f = fold(query)
        return bool((self.held_index.get(f, set()) | self.full_index.get(f, set())) - {eid})

    def nearest_other(self, query, eid, k):
        """Whether another entity holds a name within k edits of the query."""
        f = fold(query)
        for n in range(len(f) - k, len(f) + k + 1):
            for key, ids in self.held_by_len.get(n, []):
                if ids - {eid} and osa(f, key, k) <= k:
                    return True
        return False


def sample(rng, items, n):
    items = list(items)
    return rng.sample(items, min(n, len(items)))


def build_dictionary(ev, groups, order):
    rng = ev.rng
    people = read_jsonl("curated/people.jsonl")
    orgs = read_jsonl("curated/organizations.jsonl")
    # An overlay record (one that only adds aliases to a territory, e.g.
    # "Britain" for Q145) is not an entity of its own: leave it out, and keep
    # the territory.
    regions = [r for r in read_jsonl("curated/regions.jsonl") if "overlay" not in r]
    territories = read_jsonl("places/territories.jsonl")
    cities = read_jsonl("places/cities.jsonl")
    curated_ids = {r["id"] for r in people + orgs + regions}

    def obj(name, lang):
        return name if lang is None else {"name": name, "lang": lang}

    # Territories: the English name, often the Chinese name, and 0-2 other names.
    major = {"en", "de", "fr", "es", "it", "pt", "ru", "ar", "ja", "ko", "el", "he", "hi", "tr", "pl", "nl", "uk", "fa", "vi"}
    for t in territories:
        if t["id"] in curated_ids:
            continue  # the EU and the UN come from the curated organisations
        al = alias_pairs(t)
        held = []
        zh = [a for a in al if a[1] == "zh"]
        if zh and rng.random() < 0.5:
            held.append(zh[0])
        pool = [a for a in al if (a[1] in major or a[1] is None) and a not in held]
        held += sample(rng, pool, rng.choice([0, 1, 2]))
        rec = {"id": t["id"], "name": t["name"], "kind": t["kind"], "aliases": [obj(*a) for a in held]}
        rec["source"] = "data/places/territories.jsonl"
        ev.add(rec, al, {"source": "territories", "iso": t.get("iso_3166")})

    # Cities: the GeoNames name and 0-2 alternate names; never a Han name for
    # Chinese cities (they are queried in Han, known by their Latin name only).
    for c in cities:
        al = alias_pairs(c)
        chinese = c.get("country") in ("CN", "TW", "HK", "MO")
        pool = [a for a in al if not (chinese and script_of(a[0]) in ("han", "kana"))]
        held = sample(rng, pool, rng.choice([0, 1, 2]))
        rec = {"id": c["id"], "name": c["name"], "kind": "place", "aliases": [obj(*a) for a in held]}
        rec["country"] = c.get("country")
        rec["source"] = "data/places/cities.jsonl"
        ev.add(rec, al, {"source": "cities", "country": c.get("country"), "chinese": chinese})

    # Organisations and regions: language-neutral abbreviations (up to 3) and
    # maybe one other name.
    for r in orgs + regions:
        al = alias_pairs(r)
        held = [a for a in al if a[1] is None][:3]
        tagged = [a for a in al if a[1] is not None]
        if tagged and rng.random() < 0.5:
            held.append(rng.choice(tagged))
        rec = {"id": r["id"], "name": r["name"], "kind": r["kind"], "aliases": [obj(*a) for a in held]}
        if r.get("country"):
            rec["country"] = r["country"]
        rec["source"] = "data/curated/" + ("organizations.jsonl" if r in orgs else "regions.jsonl")
        ev.add(rec, al, {"source": "curated"})

    # People. Chinese (CN/TW/HK), Singaporean-Chinese and Korean people keep
    # their romanized name and their Han name only; Japanese people their
    # name and kanji; everyone else the English name and maybe one
    # non-Latin form. 45 people are left out (queried as absent names).
    han_people = []
    for p in people:
        al = alias_pairs(p)
        langs = {a[1] for a in al}
        if p.get("country") in HAN_COUNTRIES and langs & {"zh", "zh-Hant"}:
            han_people.append(p["id"])
        elif p.get("country") == "SG" and "zh" in langs and p["name"].split()[0] == "Lee":
            han_people.append(p["id"])
        elif p.get("country") in ("KR", "KP") and "ko-Hani" in langs:
            han_people.append(p["id"])
    eligible = [
        p["id"]
        for p in people
        if p["id"] not in han_people
        and p.get("country") not in ("JP", "VN", "SG")
        and "(" not in p["name"]
        and len(p["name"].split()) >= 2
    ]
    left_out = set(sample(rng, eligible, 45))
    ev.left_out = [p for p in people if p["id"] in left_out]
    ev.han_people = han_people
    for p in people:
        if p["id"] in left_out:
            continue
        al = alias_pairs(p)
        country = p.get("country")
        if p["id"] in han_people:
            pref = {"TW": "zh-Hant", "HK": "zh-Hant", "KR": "ko-Hani", "KP": "ko-Hani"}.get(country, "zh")
            han = [a for a in al if a[1] == pref] or [a for a in al if a[1] in ("zh", "zh-Hant", "ko-Hani")]
            held = han[:1]
        elif country == "JP":
            held = [a for a in al if a[1] == "ja"][:1]
        else:
            other = [a for a in al if script_of(a[0]) not in ("latin", None)]
            held = [rng.choice(other)] if other and rng.random() < 0.5 else []
        rec = {"id": p["id"], "name": p["name"], "kind": "person", "aliases": [obj(*a) for a in held]}
        for k in ("gender", "country"):
            if p.get(k):
                rec[k] = p[k]
        rec["source"] = "data/curated/people.jsonl"
        ev.add(rec, al, {"source": "curated", "country": country, "gender": p.get("gender")})

    # Synthetic people: given name + family name from the name-part groups.
    given, family = build_name_parts(groups, order, people)
    ev.given, ev.family = given, family
    real_folded = set()
    for rec in ev.entities:
        for n in ev.held(rec["id"]):
            real_folded.add(fold(n))
        for n, _ in ev.full[rec["id"]]:
            real_folded.add(fold(n))
    surnames = sample(rng, family, N_SURNAMES)
    n = 0
    for fam in surnames:
        k = rng.choice([3, 4, 5, 6, 7])
        chosen = []
        for g in rng.sample(given, len(given)):
            if len(chosen) == k:
                break
            name = g["latin"] + " " + fam["latin"]
            if fold(name) in real_folded:
                continue
            chosen.append(g)
        for g in chosen:
            n += 1
            eid = "eval:person/%d" % n
            name = g["latin"] + " " + fam["latin"]
            common = [s for s in SCRIPTS if s in g["scripts"] and s in fam["scripts"]]
            aliases = []
            alias_script = None
            if common and rng.random() < 0.5:
                alias_script = rng.choice(common)
                alias = join_parts(
                    alias_script, rng.choice(g["scripts"][alias_script]), rng.choice(fam["scripts"][alias_script])
                )
                aliases.append(alias)
            rec = {"id": eid, "name": name, "kind": "person", "aliases": aliases, "source": "synthetic"}
            ev.add(rec, [], {"source": "synthetic"})
            ev.synthetic.append({"id": eid, "given": g, "family": fam, "alias_script": alias_script})
    ev.index()


# ---------------------------------------------------------------------------
# Queries


def family_split(ev, eid):
    """(given, family) of a real person held in the dictionary, or None: two
    words, or a family name with particles ("Ursula von der Leyen")."""
    rec = ev.by_id[eid]
    toks = rec["name"].split()
    country = ev.meta[eid].get("country")
    if country in EASTERN_ORDER or country == "SG" or "(" in rec["name"] or len(toks) < 2:
        return None
    if any(t.endswith(".") or t in ("Jr", "Jr.", "II", "III", "VI") for t in toks):
        return None
    if toks[0].lower() in ev.titles:
        return None  # Pope Francis, Sheikh …
    particles = {"von", "van", "der", "den", "de", "del", "da", "dos", "di", "du", "le", "la", "bin", "al"}
    i = len(toks) - 1
    while i > 1 and toks[i - 1].lower() in particles:
        i -= 1
    if i != 1 and not (i > 1 and toks[1].lower() in particles):
        return None
    return " ".join(toks[:i]), " ".join(toks[i:])


def real_people(ev):
    return [
        r["id"]
        for r in ev.entities
        if r["kind"] == "person" and ev.meta[r["id"]]["source"] == "curated" and ev.unique_name(r["id"])
    ]


def typo(rng, name, k):
    """k random edits (insert, delete, substitute, adjacent transposition) on
    the letters of a name."""
    s = list(name)
    letters = "abcdefghijklmnopqrstuvwxyz"
    for _ in range(k):
        pos = [i for i, c in enumerate(s) if c.isalpha()]
        op = rng.choice(["insert", "delete", "substitute", "transpose"])
        i = rng.choice(pos)
        if op == "insert":
            s.insert(i + rng.choice([0, 1]), rng.choice(letters))
        elif op == "delete":
            del s[i]
        elif op == "substitute":
            c = rng.choice([x for x in letters if x != fold(s[i])])
            s[i] = c.upper() if s[i].isupper() else c
        else:
            if i + 1 < len(s) and s[i + 1].isalpha() and s[i + 1] != s[i]:
                s[i], s[i + 1] = s[i + 1], s[i]
            else:
                del s[i]
    return "".join(s)


def q_case_diacritics(ev, rng):
    out = []
    ids = [r["id"] for r in ev.entities if ev.unique_name(r["id"])]
    dia = [e for e in ids if strip_marks(ev.by_id[e]["name"]) != ev.by_id[e]["name"]]
    plain = [e for e in ids if e not in set(dia)]
    for e in sample(rng, dia, 45):
        name = strip_marks(ev.by_id[e]["name"])
        out.append((rng.choice([name, name, name.lower(), name.upper()]), e))
    for e in sample(rng, plain, 20):
        name = ev.by_id[e]["name"]
        out.append((rng.choice([name.lower(), name.upper()]), e))
    return out


def q_cross_script(ev, rng):
    out = []
    # Synthetic people: the name in a script other than the alias held.
    syn = [s for s in ev.synthetic if ev.unique_name(s["id"])]
    rng.shuffle(syn)
    want = {sc: 9 for sc in SCRIPTS}
    for s in syn:
        g, f = s["given"], s["family"]
        common = [sc for sc in SCRIPTS if sc in g["scripts"] and sc in f["scripts"] and sc != s["alias_script"] and want[sc] > 0]
        if not common:
            continue
        sc = rng.choice(common)
        q = join_parts(sc, rng.choice(g["scripts"][sc]), rng.choice(f["scripts"][sc]))
        if ev.held_elsewhere(q, s["id"]):
            continue
        want[sc] -= 1
        out.append((q, s["id"]))
    # Real entities: a non-Latin name the dictionary does not hold, from the
    # full CLDR / GeoNames / curated alias lists.
    scripts = ["cyrillic", "greek", "arabic", "hebrew", "kana", "hangul", "devanagari", "han"]
    for pool_name, n in (("people", 24), ("territories", 16), ("cities", 12), ("orgs", 12)):
        if pool_name == "people":
            pool = real_people(ev)
        elif pool_name == "orgs":
            pool = [r["id"] for r in ev.entities if r["kind"] in ("org", "other") and ev.meta[r["id"]]["source"] == "curated"]
        else:
            pool = [r["id"] for r in ev.entities if ev.meta[r["id"]]["source"] == pool_name]
        pool = [e for e in pool if ev.unique_name(e)]
        rng.shuffle(pool)
        got = 0
        for i, e in enumerate(pool):
            if got == n:
                break
            held = {fold(x) for x in ev.held(e)}
            sc = scripts[i % len(scripts)]
            if pool_name == "orgs" and sc not in ("cyrillic", "greek"):
                sc = ("cyrillic", "greek")[i % 2]
            cands = [a for a, _ in ev.full[e] if script_of(a) == sc and fold(a) not in held and "(" not in a]
            # Cyrillic and Greek names must be transcriptions of a Latin name
            # the dictionary holds, not translations ("Соединённые Штаты").
            if sc in ("cyrillic", "greek"):
                latin = [x for x in ev.held(e) if script_of(x) == "latin"]
                cands = [a for a in cands if max(sim(romanize(a), x) for x in latin) >= 0.5]
            cands = [a for a in cands if ev.full_index[fold(a)] == {e} and not ev.held_elsewhere(a, e)]
            if not cands:
                continue
            out.append((rng.choice(cands), e))
            got += 1
    # Reverse: the dictionary holds a Cyrillic or Greek alias; the query is
    # its Latin romanization (ICAO 9303 / ELOT 743), which differs from the
    # canonical Latin name.
    rev = []
    for r in ev.entities:
        if r["kind"] != "person" or not ev.unique_name(r["id"]):
            continue
        for a in ev.held(r["id"])[1:]:
            if script_of(a) in ("cyrillic", "greek"):
                q = romanize(a)
                if fold(q) != fold(r["name"]) and sim(q, r["name"]) >= 0.5 and not ev.held_elsewhere(q, r["id"]):
                    rev.append((q, r["id"]))
    real_rev = [x for x in rev if not x[1].startswith("eval:")]
    syn_rev = [x for x in rev if x[1].startswith("eval:")]
    out += sample(rng, real_rev, 12) + sample(rng, syn_rev, 14)
    return out


def q_translit(ev, rng):
    out = []
    syn = [s for s in ev.synthetic if ev.unique_name(s["id"]) and (s["given"]["variants"] or s["family"]["variants"])]
    for s in sample(rng, syn, 44):
        g, f = s["given"], s["family"]
        given, fam = g["latin"], f["latin"]
        opts = []
        if g["variants"]:
            opts.append("g")
        if f["variants"]:
            opts.append("f")
        if len(opts) == 2:
            opts.append("gf")
        pick = rng.choice(opts)
        if "g" in pick:
            given = rng.choice(g["variants"])
        if "f" in pick:
            fam = rng.choice(f["variants"])
        q = given + " " + fam
        if fold(q) == fold(ev.by_id[s["id"]]["name"]) or ev.held_elsewhere(q, s["id"]):
            continue
        out.append((q, s["id"]))
    # Real people and cities: Latin aliases the dictionary does not hold that
    # spell the same words differently (Sergej Lawrow, Wolodymyr Selenskyj).
    real = []
    for e in real_people(ev):
        name = ev.by_id[e]["name"]
        held = {fold(x) for x in ev.held(e)}
        for a, lang in ev.full[e]:
            if script_of(a) != "latin" or fold(a) in held or len(a.split()) != len(name.split()):
                continue
            if lang == "vi" or any(fold(t) in ev.titles for t in a.split() + name.split()):
                continue  # Hán-Việt readings; titles (Pape François)
            pairs = zip(a.split(), name.split())
            if sim(a, name) >= 0.6 and all(x == y or is_variant(x, y) for x, y in pairs) and not ev.held_elsewhere(a, e):
                real.append((a, e))
    cities = []
    for r in ev.entities:
        if ev.meta[r["id"]]["source"] != "cities" or not ev.unique_name(r["id"]):
            continue
        held = {fold(x) for x in ev.held(r["id"])}
        cands = [
            a
            for a, _ in ev.full[r["id"]]
            if script_of(a) == "latin" and fold(a) not in held and len(a) >= 5 and " " not in a
            and " " not in r["name"] and is_variant(a, r["name"]) and ev.full_index[fold(a)] == {r["id"]}
        ]
        if cands:
            cities.append((rng.choice(cands), r["id"]))
    out += sample(rng, real, 24) + sample(rng, cities, 12)
    return out


def q_name_order(ev, rng):
    out = []
    syn = [s for s in ev.synthetic if ev.unique_name(s["id"])]
    for i, s in enumerate(sample(rng, syn, 36)):
        g, f = s["given"]["latin"], s["family"]["latin"]
        out.append(((f + " " + g) if i % 2 else (f + ", " + g), s["id"]))
    real = []
    for e in real_people(ev):
        split = family_split(ev, e)
        if split:
            real.append((e, split))
        elif ev.meta[e].get("country") == "JP" and len(ev.by_id[e]["name"].split()) == 2:
            g, f = ev.by_id[e]["name"].split()
            real.append((e, (g, f)))
    for i, (e, (g, f)) in enumerate(sample(rng, real, 28)):
        q = (f + ", " + g) if i % 2 == 0 else (f + " " + g)
        if not ev.held_elsewhere(q, e):
            out.append((q, e))
    return out


def q_titles(ev, rng):
    out = []
    neutral = ["Dr.", "Prof.", "President", "Minister", "Senator", "Ambassador", "Dr", "Professor", "Judge", "Governor"]
    syn = [s for s in ev.synthetic if ev.unique_name(s["id"])]
    for s in sample(rng, syn, 26):
        out.append((rng.choice(neutral) + " " + ev.by_id[s["id"]]["name"], s["id"]))
    titles = {
        "male": ["Mr.", "Mr", "Sir", "Herr", "Monsieur", "Señor", "President", "Prime Minister", "Minister", "Foreign Minister"],
        "female": ["Ms.", "Mrs.", "Ms", "Frau", "Madame", "Señora", "President", "Prime Minister", "Minister", "Foreign Minister"],
    }
    people = [e for e in real_people(ev) if ev.meta[e].get("gender") in titles]
    for e in sample(rng, people, 22):
        out.append((rng.choice(titles[ev.meta[e]["gender"]]) + " " + ev.by_id[e]["name"], e))
    # Title + family name alone, where the family name is carried by no other
    # person in the dictionary (or, with a gendered title, by no other person
    # of that gender).
    short = []
    for e in people:
        split = family_split(ev, e)
        country = ev.meta[e].get("country")
        if split:
            fam = split[1]
        elif country in ("CN", "VN", "KR", "KP") and len(ev.by_id[e]["name"].split()) >= 2:
            fam = ev.by_id[e]["name"].split()[0]
        else:
            continue
        toks = fold(fam).split()
        key = toks[-1]
        others = ev.person_tokens.get(key, set()) - {e}
        gender = ev.meta[e]["gender"]
        same_gender = {o for o in others if ev.meta[o].get("gender") == gender}
        if not others:
            # English titles only before a Chinese, Korean or Vietnamese name.
            # "Sir" goes with a given name, never before a family name alone.
            choices = [t for t in titles[gender] if t != "Sir"]
            if not split:
                choices = [t for t in choices if t.isascii() and t not in ("Herr", "Frau", "Monsieur", "Madame")]
            short.append((rng.choice(choices) + " " + fam, e))
        elif not same_gender and all(o.startswith(("Q", "polyonym:")) for o in others):
            short.append(({"male": "Mr.", "female": "Ms."}[gender] + " " + fam, e))
    out += sample(rng, short, 20)
    return out


def q_initials(ev, rng):
    out = []
    # (first initial, last word) of every person name held
    keys = defaultdict(set)
    for r in ev.entities:
        if r["kind"] != "person":
            continue
        for n in ev.held(r["id"]):
            toks = fold(n).split()
            if len(toks) >= 2 and script_of(n) == "latin":
                keys[(toks[0][0], toks[-1])].add(r["id"])
    syn = [s for s in ev.synthetic if ev.unique_name(s["id"])]
    rng.shuffle(syn)
    got = 0
    for s in syn:
        g, f = s["given"]["latin"], s["family"]["latin"]
        if keys[(fold(g)[0], fold(f))] != {s["id"]}:
            continue
        out.append((rng.choice([g[0] + ". " + f, g[0] + " " + f, g[0] + ". " + f]), s["id"]))
        got += 1
        if got == 32:
            break
    real = []
    for e in real_people(ev):
        split = family_split(ev, e)
        if not split:
            continue
        g, f = split
        gt = g.split()
        if keys[(fold(gt[0])[0], fold(f).split()[-1])] != {e}:
            continue
        forms = [gt[0][0] + ". " + f]
        if len(gt) > 1:
            forms.append(" ".join(t[0] + "." for t in gt) + " " + f)
            forms.append(gt[0] + " " + " ".join(t[0] + "." for t in gt[1:]) + " " + f)
        real.append((rng.choice(forms), e))
    out += sample(rng, real, 24)
    return out


def q_typos(ev, rng, k, n):
    out = []
    syn = [s["id"] for s in ev.synthetic]
    real = real_people(ev)
    places = [r["id"] for r in ev.entities if r["kind"] == "place"]
    orgs = [r["id"] for r in ev.entities if r["kind"] in ("org", "other")]
    minlen = 6 if k == 1 else 9
    for pool, m in ((syn, n * 4 // 10), (real, n * 2 // 10), (places, n * 25 // 100), (orgs, n - n * 85 // 100)):
        pool = [e for e in pool if ev.unique_name(e) and sum(c.isalpha() for c in ev.by_id[e]["name"]) >= minlen]
        rng.shuffle(pool)
        got = 0
        for e in pool:
            if got == m:
                break
            name = ev.by_id[e]["name"]
            q = typo(rng, name, k)
            if osa(fold(q), fold(name)) != k or ev.held_elsewhere(q, e) or ev.nearest_other(q, e, k):
                continue
            out.append((q, e))
            got += 1
    return out


def hanviet_reading(han, readings, surnames):
    """The Sino-Vietnamese reading of a Han name, title case, or None."""
    han = han.replace("·", "")
    syll = []
    i = 0
    for n in (2, 1):
        if han[:n] in surnames:
            syll += surnames[han[:n]].split()
            i = n
            break
    for ch in han[i:]:
        if ch not in readings:
            return None
        syll.append(readings[ch][0])
    return " ".join(cap(s) for s in syll)


def q_sino_vietnamese(ev, rng):
    readings, surnames = read_hanviet()
    out = []
    for e in ev.han_people:
        if e not in ev.by_id or not ev.unique_exact(e):
            continue
        vi = [a for a, lang in ev.full[e] if lang == "vi" and strip_marks(a) != a]
        if vi:
            q = vi[0]
        else:
            held = [a for a in ev.held(e)[1:] if script_of(a) == "han"]
            q = hanviet_reading(held[0], readings, surnames) if held else None
        if not q or ev.held_elsewhere(q, e):
            continue
        out.append((q, e))
        bare = strip_marks(q)
        if bare != q and not ev.held_elsewhere(bare, e):
            out.append((bare, e))
    return out


def q_chinese_characters(ev, rng):
    out = []
    # (a) Entities held in Latin + Han: a Han form, the other variant
    # (traditional/simplified/kanji) when the sources give one.
    a_people = []
    for e in ev.han_people + [r["id"] for r in ev.entities if ev.meta[r["id"]].get("country") == "JP"]:
        if e not in ev.by_id or not ev.unique_exact(e):
            continue
        held = [x for x in ev.held(e)[1:] if script_of(x) == "han"]
        if not held:
            continue
        other = [a for a, _ in ev.full[e] if script_of(a) == "han" and a not in held and "·" not in a]
        q = other[0] if other else held[0]
        if not ev.held_elsewhere(q, e):
            a_people.append((q, e))
    a_places = []
    for r in ev.entities:
        if ev.meta[r["id"]]["source"] != "territories" or not ev.unique_exact(r["id"]):
            continue
        held = [x for x in ev.held(r["id"])[1:] if script_of(x) == "han"]
        if not held:
            continue
        other = [
            a
            for lang in ("zh-Hant", "yue", "ja")
            for a, l in ev.full[r["id"]]
            if l == lang and script_of(a) == "han" and a not in held
        ]
        q = other[0] if other else held[0]
        if ev.full_index[fold(q)] == {r["id"]}:
            a_places.append((q, r["id"]))
    out += sample(rng, a_people, 24) + sample(rng, a_places, 12)
    # (b) Chinese cities known only by their Latin (mostly pinyin) name.
    b = []
    for r in ev.entities:
        m = ev.meta[r["id"]]
        if m["source"] != "cities" or not m.get("chinese") or not ev.unique_exact(r["id"]):
            continue
        han = sorted(a for a, _ in ev.full[r["id"]] if script_of(a) == "han" and "·" not in a)
        han_set = set(han)
        # A Han name with as many characters as the Latin name has syllables
        # (vowel groups), preferring one that is also listed with 市 ("city").
        syllables = len(re.findall(r"[aeiouü]+", fold(r["name"]).replace("ü", "u")))
        fit = [a for a in han if len(a) == syllables]
        pref = [a for a in fit if a + "市" in han_set]
        cands = pref or fit
        cands = [a for a in cands if ev.full_index[fold(a)] == {r["id"]}]
        if cands:
            b.append((cands[0], r["id"]))
    out += sample(rng, b, 30)
    return out


def q_absent(ev, rng):
    out = []
    # Real given names with the family names of synthetic people, never with
    # a given name of the same group or a similar spelling.
    used = defaultdict(list)  # family gid -> given entries
    for s in ev.synthetic:
        used[s["family"]["gid"]].append(s["given"])
    fams = sorted({s["family"]["gid"]: s["family"] for s in ev.synthetic}.items())
    picks = sample(rng, [f for _, f in fams], 85)
    cyr = 0
    for fam in picks:
        taken = used[fam["gid"]]
        cands = [
            g
            for g in ev.given
            if all(g["gid"] != t["gid"] and sim(g["latin"], t["latin"]) < 0.6 for t in taken)
        ]
        g = rng.choice(cands)
        q = g["latin"] + " " + fam["latin"]
        if fold(q) in ev.held_index or fold(q) in ev.full_index:
            continue
        if cyr < 15 and "cyrillic" in g["scripts"] and "cyrillic" in fam["scripts"]:
            q = rng.choice(g["scripts"]["cyrillic"]) + " " + rng.choice(fam["scripts"]["cyrillic"])
            if ev.held_elsewhere(q, ""):
                continue
            cyr += 1
        out.append((q, ""))
    # Real given names with the family names of real people in the dictionary.
    real = []
    for e in real_people(ev):
        split = family_split(ev, e)
        if not split:
            continue
        g0, fam = split
        cands = [g for g in ev.given if sim(g["latin"], g0.split()[0]) < 0.6]
        g = rng.choice(cands)
        q = g["latin"] + " " + fam
        if fold(q) in ev.held_index or fold(q) in ev.full_index:
            continue
        real.append((q, ""))
    out += sample(rng, real, 30)
    # Real people from the curated files, deliberately left out.
    for p in ev.left_out:
        if fold(p["name"]) not in ev.held_index:
            out.append((p["name"], ""))
    return out


CATEGORIES = [
    ("case-diacritics", q_case_diacritics),
    ("cross-script", q_cross_script),
    ("translit-variant", q_translit),
    ("name-order", q_name_order),
    ("titles", q_titles),
    ("initials", q_initials),
    ("typo-1", lambda ev, rng: q_typos(ev, rng, 1, 80)),
    ("typo-2", lambda ev, rng: q_typos(ev, rng, 2, 60)),
    ("sino-vietnamese", q_sino_vietnamese),
    ("chinese-characters", q_chinese_characters),
    ("absent", q_absent),
]


def main():
    global SEED, OUT
    # `--seed N --out DIR` draws another set of the same shape: a check that
    # a change generalises beyond the committed set (EVALUATION.md).
    if "--seed" in sys.argv:
        SEED = int(sys.argv[sys.argv.index("--seed") + 1])
    if "--out" in sys.argv:
        OUT = sys.argv[sys.argv.index("--out") + 1]
    groups, order = read_groups()
    ev = Eval()
    ev.titles = read_titles()
    build_dictionary(ev, groups, order)
    rows = []
    stats = {}
    for cat, fn in CATEGORIES:
        seen = set()
        n = 0
        for q, e in fn(ev, ev.rng):
            q = " ".join(q.split())
            assert "\t" not in q and q, (cat, q)
            assert e == "" or e in ev.by_id, (cat, q, e)
            if q in seen:
                continue
            seen.add(q)
            rows.append((cat, q, e))
            n += 1
        stats[cat] = n
    os.makedirs(OUT, exist_ok=True)
    with open(os.path.join(OUT, "entities.jsonl"), "w", encoding="utf-8", newline="\n") as f:
        for rec in ev.entities:
            f.write(json.dumps(rec, ensure_ascii=False, separators=(",", ":")) + "\n")
    with open(os.path.join(OUT, "queries.tsv"), "w", encoding="utf-8", newline="\n") as f:
        f.write("category\tquery\texpected_id\n")
        for row in rows:
            f.write("\t".join(row) + "\n")
    if "--stats" in sys.argv:
        kinds = defaultdict(int)
        sources = defaultdict(int)
        aliases = 0
        for rec in ev.entities:
            kinds[rec["kind"]] += 1
            sources[ev.meta[rec["id"]]["source"]] += 1
            aliases += len(rec["aliases"])
        with_alias = sum(1 for s in ev.synthetic if s["alias_script"])
        print("entities", len(ev.entities), dict(sorted(kinds.items())), dict(sorted(sources.items())))
        print("aliases (besides names)", aliases)
        print("synthetic people", len(ev.synthetic), "with an other-script alias", with_alias,
              "family names", len({s["family"]["gid"] for s in ev.synthetic}),
              "given names", len({s["given"]["gid"] for s in ev.synthetic}))
        print("name-part pools: given", len(ev.given), "family", len(ev.family))
        print("left out (absent) curated people", len(ev.left_out))
        print("queries", len(rows), stats)


if __name__ == "__main__":
    main()
