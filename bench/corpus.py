"""Reading a corpus the way the benchmark peers need it: (id, text) pairs
from a folder of `.txt` files (ids = path without extension, as stemma
gives them) or of JSON Lines shards (`id`, `text` fields), in sorted
order; and the word 5-shingles every MinHash peer is fed."""

import json
import os
import re

TOKEN = re.compile(r"\w+")
SHINGLE = 5


def documents(root):
    """Yields (id, text) for every document under `root`, sorted by path."""
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if name.startswith("."):
                continue
            path = os.path.join(dirpath, name)
            if name.endswith(".jsonl"):
                with open(path, encoding="utf-8") as f:
                    for i, line in enumerate(f):
                        if line.strip():
                            rec = json.loads(line)
                            yield str(rec.get("id", f"{name}:{i + 1}")), rec.get("text") or ""
            elif name.endswith(".txt"):
                rel = os.path.relpath(path, root)[: -len(".txt")]
                with open(path, encoding="utf-8", errors="replace") as f:
                    yield rel.replace(os.sep, "/"), f.read()


def shingles(text):
    """Word 5-shingles: lowercased `\\w+` tokens, joined by spaces; a text
    of fewer than 5 tokens is one shingle (or none when empty)."""
    toks = TOKEN.findall(text.lower())
    if len(toks) < SHINGLE:
        return [" ".join(toks)] if toks else []
    return [" ".join(toks[i : i + SHINGLE]) for i in range(len(toks) - SHINGLE + 1)]
