"""Copies rows between two databases in batches: IO-bound, serial."""
import sqlite3


def copy(src_path, dst_path, batch=500):
    src = sqlite3.connect(src_path)
    dst = sqlite3.connect(dst_path)
    rows = src.execute("SELECT id, name, total FROM orders")
    copied = 0
    while True:
        chunk = rows.fetchmany(batch)
        if not chunk:
            break
        dst.executemany("INSERT INTO orders VALUES (?, ?, ?)", chunk)
        dst.commit()
        copied += len(chunk)
    return copied
