"""Reads a CSV export, cleans it, writes JSON lines: IO-bound."""
import csv
import json


def transform(src, dst):
    written = 0
    with open(src) as f, open(dst, "w") as out:
        for row in csv.DictReader(f):
            if not row.get("id"):
                continue
            row = {k.strip().lower(): v.strip() for k, v in row.items()}
            out.write(json.dumps(row) + "\n")
            written += 1
    return written
