#!/usr/bin/env bash
# Benchmarks: stemma's end-to-end throughput and peak memory on generated
# corpora of growing size, and the peers on the same input in the same run
# (datasketch and rensa for MinHash beside `stemma sketch`, trafilatura for
# main-text extraction).
# Not part of the test suite. Results land in bench/out/<UTC date>/, with a
# summary.md to copy into docs/BENCHMARKS.md.
#
# usage: bench/run.sh [--data DIR] [--sizes "10000 100000"] [--with-1m]
#                     [--out DIR] [--work DIR] [--skip-peers] [--skip-aeb]
#   --data DIR    the shared data sets (default: ../shared/data from the repo)
#   --sizes LIST  corpus sizes in documents (default: "10000 100000")
#   --with-1m     also 1,000,000 documents (about an hour and many GB)
#   --work DIR    where generated corpora go (default: /tmp/stemma-bench;
#                 reused when already there)
# Env: CARGO_TARGET_DIR is honoured; PYTHON picks the interpreter for the venv.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
DATA="$ROOT/../shared/data"
SIZES="10000 100000"
WITH_1M=0
OUT=""
WORK=/tmp/stemma-bench
SKIP_PEERS=0
SKIP_AEB=0
CMDLINE="bench/run.sh $*"
while [ $# -gt 0 ]; do
    case "$1" in
        --data) DATA=$2; shift 2 ;;
        --sizes) SIZES=$2; shift 2 ;;
        --with-1m) WITH_1M=1; shift ;;
        --out) OUT=$2; shift 2 ;;
        --work) WORK=$2; shift 2 ;;
        --skip-peers) SKIP_PEERS=1; shift ;;
        --skip-aeb) SKIP_AEB=1; shift ;;
        -h|--help) sed -n '2,17p' "$0"; exit 0 ;;
        *) echo "run.sh: unknown option $1 (try --help)" >&2; exit 2 ;;
    esac
done
[ "$WITH_1M" = 1 ] && SIZES="$SIZES 1000000"
DATE=$(date -u +%Y-%m-%dT%H:%M:%SZ)
OUT=${OUT:-"$ROOT/bench/out/$(date -u +%Y%m%dT%H%M%SZ)"}
mkdir -p "$OUT" "$WORK"
TARGET=${CARGO_TARGET_DIR:-"$ROOT/target"}
STEMMA="$TARGET/release/stemma"
TIME=/usr/bin/time
[ -x "$TIME" ] || { echo "run.sh: /usr/bin/time is needed (apt-get install time)" >&2; exit 2; }
say() { printf '\n== %s\n' "$*" >&2; }

say "building stemma (release)"
(cd "$ROOT" && cargo build --release -p stemma)

VENV="$ROOT/bench/.venv"
PY="$VENV/bin/python"
if [ "$SKIP_PEERS" = 0 ]; then
    if [ ! -x "$PY" ]; then
        say "creating $VENV"
        "${PYTHON:-python3}" -m venv "$VENV"
        "$PY" -m pip install -q --upgrade pip
    fi
    "$PY" -m pip install -q -r "$ROOT/bench/requirements.txt"
    "$PY" -m pip freeze | grep -iE '^(datasketch|rensa|trafilatura|lxml|lxml.html.clean|lxml_html_clean|numpy)==' > "$OUT/peers.txt" || true
else
    PY=${PYTHON:-python3}
fi

# The machine.
CPU=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//')
MEM=$(free -h | awk '/^Mem:/ {print $2}')
COMMIT=$(cd "$ROOT" && git rev-parse --short HEAD 2>/dev/null || echo unknown)
DIRTY=$(cd "$ROOT" && git status --porcelain 2>/dev/null | grep -q . && echo "+uncommitted changes" || true)
"$PY" - "$OUT/meta.json" <<EOF
import json, sys
json.dump({"date": "$DATE", "cpu": "$CPU", "nproc": $(nproc), "mem": "$MEM",
           "stemma": "$("$STEMMA" --version | awk '{print $2}')", "commit": "$COMMIT$DIRTY",
           "command": "$CMDLINE"}, open(sys.argv[1], "w"))
EOF
{ nproc; free -h; grep -m1 'model name' /proc/cpuinfo; } > "$OUT/machine.txt"

# Generated corpora.
if "$STEMMA" generate --help > /dev/null 2>&1; then
    for N in $SIZES; do
        CORPUS="$WORK/corpus-$N"
        if [ ! -f "$CORPUS/truth.jsonl" ]; then
            say "generating $N documents into $CORPUS"
            rm -rf "$CORPUS"
            $TIME -v -o "$OUT/generate-$N.time" "$STEMMA" generate --from "$DATA/bbc" --out "$CORPUS" \
                --documents "$N" --format jsonl --seed 1
        fi
        "$PY" "$ROOT/bench/corpus_size.py" "$CORPUS/docs" > "$OUT/corpus-$N.json"

        say "stemma analyze on $N documents"
        $TIME -v -o "$OUT/analyze-$N.time" "$STEMMA" analyze "$CORPUS/docs" --json "$WORK/report-$N.json" --quiet
        "$STEMMA" eval synthetic --data "$CORPUS" --report "$WORK/report-$N.json" --quiet > "$OUT/eval-synthetic-$N.txt"
        tail -1 "$OUT/eval-synthetic-$N.txt" >&2

        # stemma's MinHash on the same documents, one thread, so that its CPU
        # time is per core: reading the JSON Lines, normalising, shingling,
        # MinHash (128 permutations, word 5-shingles) and writing the
        # signatures as JSON Lines.
        say "stemma sketch on $N documents (one thread)"
        $TIME -v -o "$OUT/sketch-$N.time" "$STEMMA" sketch "$CORPUS/docs" --out "$WORK/sketch-$N.jsonl" --quiet --threads 1

        if [ "$SKIP_PEERS" = 0 ]; then
            for PEER in datasketch rensa; do
                say "$PEER MinHash on $N documents"
                (cd "$ROOT/bench" && $TIME -v -o "$OUT/minhash-$PEER-$N.time" "$PY" minhash_peers.py "$PEER" "$CORPUS/docs" > "$OUT/minhash-$PEER-$N.json")
            done
        fi
    done
else
    say "stemma generate is not available in this build: skipping the generated-corpus benchmarks"
fi

# Main-text extraction on AEB: stemma and trafilatura through one scorer.
if [ "$SKIP_AEB" = 0 ] && [ -d "$DATA/aeb" ]; then
    say "stemma eval aeb"
    $TIME -v -o "$OUT/eval-aeb-stemma.time" "$STEMMA" eval aeb --data "$DATA/aeb" --quiet > "$OUT/eval-aeb-stemma.txt"
    tail -1 "$OUT/eval-aeb-stemma.txt" >&2
    if [ "$SKIP_PEERS" = 0 ]; then
        say "trafilatura on AEB"
        (cd "$ROOT/bench" && "$PY" trafilatura_extract.py aeb "$DATA/aeb" "$OUT/trafilatura-aeb.json" > "$OUT/trafilatura-aeb.timing.json")
        "$STEMMA" eval aeb --data "$DATA/aeb" --predictions "$OUT/trafilatura-aeb.json" --quiet > "$OUT/eval-aeb-trafilatura.txt"
        tail -1 "$OUT/eval-aeb-trafilatura.txt" >&2
    fi
fi

say "summary ($OUT/summary.md)"
(cd "$ROOT/bench" && "$PY" summarize.py "$OUT")
