"""Prints {"documents", "text_bytes", "file_bytes"} of a corpus folder."""

import json
import os
import sys

import corpus

root = sys.argv[1]
n = 0
text = 0
for _, t in corpus.documents(root):
    n += 1
    text += len(t.encode("utf-8"))
files = 0
for d, _, fs in os.walk(root):
    for f in fs:
        files += os.path.getsize(os.path.join(d, f))
print(json.dumps({"documents": n, "text_bytes": text, "file_bytes": files}))
