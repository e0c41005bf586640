"""Dense matrix multiply, the textbook triple loop: O(n^3)."""
import numpy


def matmul(a, b):
    n, m, p = len(a), len(b), len(b[0])
    out = [[0.0] * p for _ in range(n)]
    for i in range(n):
        for k in range(m):
            aik = a[i][k]
            if aik == 0:
                continue
            for j in range(p):
                out[i][j] += aik * b[k][j]
    return out


def handle(event):
    a = numpy.array(event["a"])
    b = numpy.array(event["b"])
    return {"product": matmul(a.tolist(), b.tolist())}
