"""Runs trafilatura on the AEB (or WCXB) pages and writes its outputs in
the AEB output format, `{id: {"articleBody": text}}`, so that
`stemma eval aeb --predictions FILE` scores them with the same code as
stemma. Prints the timing as JSON on stdout.

usage: trafilatura_extract.py aeb|wcxb DATA_DIR OUT.json
"""

import glob
import gzip
import json
import os
import sys
import time

import trafilatura


def pages(kind, root):
    if kind == "aeb":
        ids = sorted(json.load(open(os.path.join(root, "ground-truth.json"), encoding="utf-8")))
    else:
        ids = sorted(os.path.basename(p)[: -len(".json")] for p in glob.glob(os.path.join(root, "ground-truth", "*.json")))
    for i in ids:
        for name in (f"{i}.html.gz", f"{i}.html"):
            p = os.path.join(root, "html", name)
            if os.path.exists(p):
                raw = open(p, "rb").read()
                yield i, gzip.decompress(raw) if name.endswith(".gz") else raw
                break


def main():
    kind, root, out = sys.argv[1], sys.argv[2], sys.argv[3]
    result = {}
    nbytes = 0
    t_extract = 0.0
    for i, raw in pages(kind, root):
        nbytes += len(raw)
        html = raw.decode("utf-8", errors="replace")
        t0 = time.perf_counter()
        # The settings of the benchmark's own extractors/run_trafilatura.py.
        text = trafilatura.extract(html, include_comments=False)
        t_extract += time.perf_counter() - t0
        result[i] = {"articleBody": text or ""}
    with open(out, "w", encoding="utf-8") as f:
        json.dump(result, f, ensure_ascii=False)
    json.dump(
        {
            "peer": "trafilatura",
            "version": trafilatura.__version__,
            "pages": len(result),
            "html_bytes": nbytes,
            "seconds_extracting": t_extract,
        },
        sys.stdout,
    )
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
