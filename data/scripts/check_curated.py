#!/usr/bin/env python3
"""Validate the hand-curated entity files in data/curated/*.jsonl (stdlib only).

Usage:
    python3 data/scripts/check_curated.py [--dir data/curated] [--qids] [--collisions]

Checks (any failure -> exit status 1):
  * every non-blank line is a JSON object; UTF-8; no BOM
  * required fields: id, name, kind, aliases, id_source (and gender for people)
  * ids unique across all curated files; id form matches id_source:
      "Qnnn"                      <-> id_source "wikidata (certain)"
      "polyonym:<kind>/<slug>"    <-> id_source "local"
  * kind in person | org | place | other
  * aliases: list of non-empty strings or {"name", "lang"} objects; no leading or
    trailing whitespace; no alias equal to the canonical name; no duplicate
    alias within an entity
  * lang tags are well-formed BCP-47 (language[-Script][-REGION])
  * people have gender "male" or "female"
Warnings (reported, not fatal): aliases that differ only by case within one
entity, and, with --collisions, identical alias strings shared by different
entities (expected for namesakes, worth a look otherwise).
"""
import argparse
import json
import os
import re
import sys
import unicodedata
from collections import Counter, defaultdict

KINDS = {"person", "org", "place", "other"}
GENDERS = {"male", "female"}
ID_SOURCES = {"wikidata (certain)", "local"}
QID = re.compile(r"^Q[1-9][0-9]*$")
LOCAL_ID = re.compile(r"^polyonym:(person|org|place|other)/[a-z0-9]+(?:-[a-z0-9]+)*$")
# language (2-3 letters) [-Script (4 letters)] [-REGION (2 letters or 3 digits)] [-variant]*
LANG = re.compile(r"^[a-z]{2,3}(?:-[A-Z][a-z]{3})?(?:-(?:[A-Z]{2}|[0-9]{3}))?(?:-(?:[a-z0-9]{5,8}|[0-9][a-z0-9]{3}))*$")
ALLOWED_ALIAS_KEYS = {"name", "lang"}


def alias_parts(alias):
    if isinstance(alias, str):
        return alias, None
    if isinstance(alias, dict):
        return alias.get("name"), alias.get("lang")
    return None, None


def check_file(path, errors, warnings, seen_ids, alias_index, stats):
    fname = os.path.basename(path)
    with open(path, "rb") as fh:
        raw = fh.read()
    if raw.startswith(b"\xef\xbb\xbf"):
        errors.append(f"{fname}: starts with a UTF-8 BOM")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        errors.append(f"{fname}: not UTF-8 ({exc})")
        return
    count = 0
    for lineno, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        where = f"{fname}:{lineno}"
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as exc:
            errors.append(f"{where}: invalid JSON ({exc})")
            continue
        if not isinstance(rec, dict):
            errors.append(f"{where}: not a JSON object")
            continue
        count += 1
        rid = rec.get("id")
        where = f"{where} [{rid}]"
        for field in ("id", "name", "kind", "aliases", "id_source"):
            if field not in rec:
                errors.append(f"{where}: missing field {field!r}")
        if not isinstance(rid, str) or not rid:
            errors.append(f"{where}: id must be a non-empty string")
            continue
        if rid in seen_ids:
            errors.append(f"{where}: duplicate id (first seen in {seen_ids[rid]})")
        else:
            seen_ids[rid] = where
        kind = rec.get("kind")
        if kind not in KINDS:
            errors.append(f"{where}: invalid kind {kind!r}")
        name = rec.get("name")
        if not isinstance(name, str) or not name.strip() or name != name.strip():
            errors.append(f"{where}: name must be a non-empty, trimmed string")
        src = rec.get("id_source")
        if src not in ID_SOURCES:
            errors.append(f"{where}: id_source must be one of {sorted(ID_SOURCES)}, got {src!r}")
        if QID.match(rid):
            if src != "wikidata (certain)":
                errors.append(f"{where}: QID id but id_source is {src!r}")
            stats["qids"].append((rid, name, fname))
        else:
            m = LOCAL_ID.match(rid)
            if not m:
                errors.append(f"{where}: id is neither a QID nor polyonym:<kind>/<slug>")
            elif m.group(1) != kind:
                errors.append(f"{where}: local id kind {m.group(1)!r} != kind {kind!r}")
            if src != "local":
                errors.append(f"{where}: local id but id_source is {src!r}")
        if kind == "person" and rec.get("gender") not in GENDERS:
            errors.append(f"{where}: person without valid gender (got {rec.get('gender')!r})")
        aliases = rec.get("aliases")
        if not isinstance(aliases, list):
            errors.append(f"{where}: aliases must be a list")
            aliases = []
        seen_alias = {}
        folded = {}
        for alias in aliases:
            aname, lang = alias_parts(alias)
            if isinstance(alias, dict):
                extra = set(alias) - ALLOWED_ALIAS_KEYS
                if extra:
                    errors.append(f"{where}: alias object has unexpected keys {sorted(extra)}")
                if "lang" in alias and (not isinstance(lang, str) or not LANG.match(lang)):
                    errors.append(f"{where}: malformed lang tag {lang!r} on alias {aname!r}")
            elif not isinstance(alias, str):
                errors.append(f"{where}: alias must be a string or an object, got {alias!r}")
                continue
            if not isinstance(aname, str) or not aname.strip():
                errors.append(f"{where}: empty alias {alias!r}")
                continue
            if aname != aname.strip() or "  " in aname:
                errors.append(f"{where}: alias has stray whitespace {aname!r}")
            nfc = unicodedata.normalize("NFC", aname)
            if nfc != aname:
                warnings.append(f"{where}: alias not in NFC {aname!r}")
            if nfc == name:
                errors.append(f"{where}: alias equals the canonical name {aname!r}")
            if nfc in seen_alias:
                errors.append(f"{where}: duplicate alias {aname!r}")
            seen_alias[nfc] = lang
            key = nfc.casefold()
            if key in folded and folded[key] != nfc:
                warnings.append(f"{where}: aliases differ only by case: {folded[key]!r} / {aname!r}")
            folded.setdefault(key, nfc)
            alias_index[nfc].add(rid)
            if lang:
                stats["langs"][lang] += 1
            stats["aliases"] += 1
        alias_index[name if isinstance(name, str) else ""].add(rid)
        stats["kinds"][(fname, kind)] += 1
        stats["sources"][src] += 1
    stats["files"][fname] = count


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    default_dir = os.path.normpath(os.path.join(here, "..", "curated"))
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--dir", default=default_dir, help="directory holding the curated *.jsonl files")
    ap.add_argument("--qids", action="store_true", help="list every Wikidata QID used")
    ap.add_argument("--collisions", action="store_true", help="list alias strings shared by different entities")
    args = ap.parse_args()

    files = sorted(f for f in os.listdir(args.dir) if f.endswith(".jsonl"))
    if not files:
        print(f"no .jsonl files in {args.dir}", file=sys.stderr)
        return 1
    errors, warnings = [], []
    seen_ids, alias_index = {}, defaultdict(set)
    stats = {"files": {}, "kinds": Counter(), "sources": Counter(), "langs": Counter(), "aliases": 0, "qids": []}
    for f in files:
        check_file(os.path.join(args.dir, f), errors, warnings, seen_ids, alias_index, stats)

    for f in files:
        kinds = ", ".join(f"{k}={n}" for (ff, k), n in sorted(stats["kinds"].items()) if ff == f)
        print(f"{f}: {stats['files'][f]} records ({kinds})")
    print(f"total: {sum(stats['files'].values())} records, {stats['aliases']} aliases; "
          + ", ".join(f"{s}={n}" for s, n in sorted(stats["sources"].items(), key=str)))
    print("alias languages: " + ", ".join(f"{l}={n}" for l, n in stats["langs"].most_common()))
    shared = {a: ids for a, ids in alias_index.items() if a and len(ids) > 1}
    print(f"alias strings shared by more than one entity: {len(shared)}" + ("" if args.collisions else " (see --collisions)"))
    if args.collisions:
        for a, ids in sorted(shared.items()):
            print(f"  {a!r}: {', '.join(sorted(ids))}")
    if args.qids:
        print(f"Wikidata QIDs used ({len(stats['qids'])}):")
        for qid, name, f in sorted(stats["qids"], key=lambda t: int(t[0][1:])):
            print(f"  {qid:<10} {name}  ({f})")
    for w in warnings:
        print("warning:", w)
    for e in errors:
        print("ERROR:", e)
    print(f"{len(errors)} error(s), {len(warnings)} warning(s)")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
