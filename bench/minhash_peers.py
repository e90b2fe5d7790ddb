"""MinHash signatures with a peer library on a stemma corpus: 128
permutations over word 5-shingles (see corpus.py), the settings `stemma
sketch` will use. Prints one JSON object: documents, bytes, seconds spent
shingling and sketching, and the peer's estimated Jaccard on a fixed sample
of document pairs (so two peers can be compared for agreement).

usage: minhash_peers.py PEER DOCS_DIR [--pairs N] [--seed S]
PEER: datasketch | rensa
"""

import argparse
import json
import random
import sys
import time
from importlib.metadata import PackageNotFoundError, version as _version

import corpus


def dist_version(name):
    try:
        return _version(name)
    except PackageNotFoundError:
        return "?"

NUM_PERM = 128


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("peer", choices=["datasketch", "rensa"])
    ap.add_argument("docs")
    ap.add_argument("--pairs", type=int, default=2000, help="sampled pairs for agreement")
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()

    if args.peer == "datasketch":
        import datasketch

        version = dist_version("datasketch")

        def sketch(sh):
            m = datasketch.MinHash(num_perm=NUM_PERM, seed=1)
            m.update_batch([s.encode("utf-8") for s in sh])
            return m

        def jaccard(a, b):
            return float(a.jaccard(b))
    else:
        import rensa

        version = dist_version("rensa")

        def sketch(sh):
            m = rensa.RMinHash(num_perm=NUM_PERM, seed=1)
            m.update(sh)
            return m

        def jaccard(a, b):
            return float(a.jaccard(b))

    ids = []
    texts_bytes = 0
    t_shingle = 0.0
    t_sketch = 0.0
    sigs = []
    # Signatures are kept only for the documents in sampled pairs; the
    # sample is drawn from document positions, so a first pass counts them.
    docs = list(corpus.documents(args.docs))
    n = len(docs)
    rng = random.Random(args.seed)
    pairs = []
    if n >= 2:
        for _ in range(args.pairs):
            i = rng.randrange(n)
            # Half the pairs are neighbours in file order (same story in a
            # generated corpus, so high similarity), half random.
            j = (i + 1) % n if rng.random() < 0.5 else rng.randrange(n)
            if i != j:
                pairs.append((min(i, j), max(i, j)))
    keep = {k for p in pairs for k in p}
    kept = {}
    # CPU time as well as wall time: on a shared machine wall time inflates
    # with the load, CPU time much less, and stemma is timed by CPU time.
    c_shingle = 0.0
    c_sketch = 0.0
    c0 = time.process_time()
    t0 = time.perf_counter()
    for pos, (doc_id, text) in enumerate(docs):
        texts_bytes += len(text.encode("utf-8"))
        a = time.perf_counter()
        ca = time.process_time()
        sh = corpus.shingles(text)
        b = time.perf_counter()
        cb = time.process_time()
        m = sketch(sh)
        c = time.perf_counter()
        cc = time.process_time()
        t_shingle += b - a
        t_sketch += c - b
        c_shingle += cb - ca
        c_sketch += cc - cb
        if pos in keep:
            kept[pos] = (m, set(sh))
        ids.append(doc_id)
    total = time.perf_counter() - t0
    cpu_total = time.process_time() - c0
    est = []
    exact = []
    for i, j in pairs:
        (mi, si), (mj, sj) = kept[i], kept[j]
        est.append(jaccard(mi, mj))
        u = len(si | sj)
        exact.append(len(si & sj) / u if u else 0.0)
    json.dump(
        {
            "peer": args.peer,
            "version": version,
            "num_perm": NUM_PERM,
            "shingle": corpus.SHINGLE,
            "documents": n,
            "bytes": texts_bytes,
            "seconds_total": total,
            "seconds_shingling": t_shingle,
            "seconds_sketching": t_sketch,
            "cpu_seconds_total": cpu_total,
            "cpu_seconds_shingling": c_shingle,
            "cpu_seconds_sketching": c_sketch,
            "pairs": [[ids[i], ids[j]] for i, j in pairs],
            "estimated_jaccard": est,
            "exact_jaccard": exact,
        },
        sys.stdout,
    )
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
