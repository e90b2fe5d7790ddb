"""Summarises minhash_peers.py outputs: throughput of each peer, and the
agreement of their estimated Jaccard with each other and with the exact
Jaccard of the shingle sets on the same sampled pairs.

usage: compare_peers.py OUT1.json OUT2.json ...   (prints a markdown table)
"""

import json
import sys


def mean_abs(a, b):
    return sum(abs(x - y) for x, y in zip(a, b)) / len(a) if a else 0.0


def main():
    runs = [json.load(open(p)) for p in sys.argv[1:]]
    print("| peer | version | documents | MB | shingling s | sketching s | total s | MB/s (total) | MB/s (sketch only) | docs/s (total) | mean abs error vs exact Jaccard |")
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    for r in runs:
        mb = r["bytes"] / 1e6
        tot = r["seconds_total"] or 1e-9
        sk = r["seconds_sketching"] or 1e-9
        print(
            f"| {r['peer']} | {r['version']} | {r['documents']} | {mb:.1f} | {r['seconds_shingling']:.2f} | "
            f"{r['seconds_sketching']:.2f} | {tot:.2f} | {mb / tot:.1f} | {mb / sk:.1f} | {r['documents'] / tot:.0f} | "
            f"{mean_abs(r['estimated_jaccard'], r['exact_jaccard']):.4f} |"
        )
    if len(runs) >= 2:
        a, b = runs[0], runs[1]
        if a["pairs"] == b["pairs"]:
            print()
            print(
                f"Agreement {a['peer']} vs {b['peer']} on {len(a['pairs'])} sampled pairs: "
                f"mean |Δ estimated Jaccard| = {mean_abs(a['estimated_jaccard'], b['estimated_jaccard']):.4f}; "
                f"time ratio (sketching, {a['peer']}/{b['peer']}) = "
                f"{(a['seconds_sketching'] or 1e-9) / (b['seconds_sketching'] or 1e-9):.1f}"
            )


if __name__ == "__main__":
    main()
