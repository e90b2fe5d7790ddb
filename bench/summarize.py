"""Builds OUT/summary.md from the files bench/run.sh leaves in OUT: the
machine, stemma's runs (`/usr/bin/time -v` outputs), the MinHash peers and
the extraction comparison.

usage: summarize.py OUT_DIR
"""

import glob
import json
import os
import re
import subprocess
import sys

import corpus


def timev(path):
    """(wall seconds, peak RSS in MB) from a `/usr/bin/time -v` log."""
    wall, rss = None, None
    if not os.path.exists(path):
        return None, None
    for line in open(path, encoding="utf-8", errors="replace"):
        line = line.strip()
        if line.startswith("Elapsed (wall clock) time"):
            v = line.rsplit(" ", 1)[-1]
            parts = [float(p) for p in v.split(":")]
            wall = 0.0
            for p in parts:
                wall = wall * 60 + p
        elif line.startswith("Maximum resident set size"):
            rss = int(line.rsplit(" ", 1)[-1]) / 1024
    return wall, rss


def cpu_seconds(path):
    """User plus system CPU seconds from a `/usr/bin/time -v` log."""
    if not os.path.exists(path):
        return None
    total = 0.0
    for line in open(path, encoding="utf-8", errors="replace"):
        line = line.strip()
        if line.startswith("User time (seconds)") or line.startswith("System time (seconds)"):
            total += float(line.rsplit(" ", 1)[-1])
    return total


def result_line(path):
    if not os.path.exists(path):
        return None
    lines = [l.strip() for l in open(path, encoding="utf-8") if l.startswith("RESULT ")]
    return lines[-1] if lines else None


def main():
    out = sys.argv[1]
    md = []
    meta = json.load(open(os.path.join(out, "meta.json")))
    md.append(f"Run {meta['date']} on `{meta['cpu']}`, {meta['nproc']} cores, {meta['mem']} memory; stemma {meta['stemma']} ({meta['commit']}).")
    md.append("")
    md.append(f"Command: `{meta['command']}`")
    md.append("")
    sizes = sorted(int(os.path.basename(p).split("-")[1].split(".")[0]) for p in glob.glob(os.path.join(out, "analyze-*.time")))
    if sizes:
        md.append("### stemma end to end (`stemma analyze DOCS --json FILE --quiet`)")
        md.append("")
        md.append("| documents | text MB | input files MB | wall s | MB/s | documents/s | peak RSS MB |")
        md.append("|---|---|---|---|---|---|---|")
        for n in sizes:
            info = json.load(open(os.path.join(out, f"corpus-{n}.json")))
            wall, rss = timev(os.path.join(out, f"analyze-{n}.time"))
            mb = info["text_bytes"] / 1e6
            md.append(
                f"| {info['documents']} | {mb:.1f} | {info['file_bytes'] / 1e6:.1f} | {wall:.2f} | {mb / wall:.1f} | "
                f"{info['documents'] / wall:.0f} | {rss:.0f} |"
            )
        md.append("")
        md.append("### generating the corpora (`stemma generate --format jsonl`)")
        md.append("")
        md.append("| documents | wall s | peak RSS MB |")
        md.append("|---|---|---|")
        for n in sizes:
            wall, rss = timev(os.path.join(out, f"generate-{n}.time"))
            if wall is not None:
                md.append(f"| {n} | {wall:.2f} | {rss:.0f} |")
        md.append("")
        md.append("### MinHash, 128 permutations, word 5-shingles")
        md.append("")
        md.append(
            "stemma: `stemma sketch DOCS --out FILE --quiet --threads 1`, whole process (reading the JSON Lines, "
            "normalising, shingling, MinHash, writing JSON Lines), CPU time = user + system. Peers: "
            "`minhash_peers.py`, their own CPU timers (`time.process_time`; shingling in Python, then sketching), corpus already in memory."
        )
        md.append("")
        md.append("| documents | text MB | stemma sketch CPU s | stemma MB/s per core | peer | peer total CPU s | peer MB/s total | peer MB/s sketching only | stemma / peer (total) |")
        md.append("|---|---|---|---|---|---|---|---|---|")
        for n in sizes:
            info = json.load(open(os.path.join(out, f"corpus-{n}.json")))
            mb = info["text_bytes"] / 1e6
            cpu = cpu_seconds(os.path.join(out, f"sketch-{n}.time"))
            if not cpu:
                continue
            for p in ("rensa", "datasketch"):
                f = os.path.join(out, f"minhash-{p}-{n}.json")
                if not os.path.exists(f) or os.path.getsize(f) == 0:
                    md.append(f"| {n} | {mb:.1f} | {cpu:.2f} | {mb / cpu:.1f} | {p}: not run | | | | |")
                    continue
                r = json.load(open(f))
                tot = r.get("cpu_seconds_total", r["seconds_total"])
                sk = r.get("cpu_seconds_sketching", r["seconds_sketching"]) or 1e-9
                md.append(
                    f"| {n} | {mb:.1f} | {cpu:.2f} | {mb / cpu:.1f} | {p} {r['version']} | {tot:.2f} | "
                    f"{mb / tot:.1f} | {mb / sk:.1f} | {tot / cpu:.1f}x |"
                )
        md.append("")
        for n in sizes:
            files = [os.path.join(out, f"minhash-{p}-{n}.json") for p in ("datasketch", "rensa")]
            files = [f for f in files if os.path.exists(f) and os.path.getsize(f) > 0]
            if not files:
                continue
            md.append(f"{n} documents:")
            md.append("")
            md.append(subprocess.run([sys.executable, os.path.join(os.path.dirname(__file__), "compare_peers.py"), *files], capture_output=True, text=True).stdout.strip())
            for f in files:
                wall, rss = timev(f[: -len(".json")] + ".time")
                peer = json.load(open(f))["peer"]
                md.append(f"- {peer}: process wall {wall:.1f} s, peak RSS {rss:.0f} MB (reading the corpus included)")
            md.append("")
        md.append("### `stemma eval synthetic` on the generated corpora")
        md.append("")
        for n in sizes:
            r = result_line(os.path.join(out, f"eval-synthetic-{n}.txt"))
            if r:
                md.append(f"- {n}: `{r}`")
        md.append("")
    tra = os.path.join(out, "trafilatura-aeb.timing.json")
    if os.path.exists(tra):
        t = json.load(open(tra))
        wall_s, rss_s = timev(os.path.join(out, "eval-aeb-stemma.time"))
        md.append("### main-text extraction on AEB (181 pages), one scorer (`stemma eval aeb`)")
        md.append("")
        md.append("| extractor | RESULT | extraction s | pages/s | HTML MB/s |")
        md.append("|---|---|---|---|---|")
        md.append(
            f"| stemma (ingest text; no extraction stage yet) | `{result_line(os.path.join(out, 'eval-aeb-stemma.txt'))}` | "
            f"{wall_s:.2f} (whole eval, reading included) | {t['pages'] / wall_s:.0f} | {t['html_bytes'] / 1e6 / wall_s:.1f} |"
        )
        s = t["seconds_extracting"] or 1e-9
        md.append(
            f"| trafilatura {t['version']} | `{result_line(os.path.join(out, 'eval-aeb-trafilatura.txt'))}` | "
            f"{s:.2f} (extract calls only) | {t['pages'] / s:.0f} | {t['html_bytes'] / 1e6 / s:.1f} |"
        )
        md.append("")
    open(os.path.join(out, "summary.md"), "w").write("\n".join(md) + "\n")
    print("\n".join(md))


if __name__ == "__main__":
    main()
